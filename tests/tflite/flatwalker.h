// SPDX-License-Identifier: GPL-3.0-or-later
// A minimal FlatBuffers reader written from the FlatBuffers binary format (root offset,
// vtables, vectors), not from the project's schema, for tests that check .tflite files against
// TFLite's published numbers (docs/facts.md §12).
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace tinyml::test {

/// Reads a FlatBuffer: a table is a position; fields are found by id through its vtable.
class Walker
{
public:
    explicit Walker(const std::vector<std::uint8_t> &bytes) : m_b(bytes) {}

    template<typename T> T at(std::size_t pos) const
    {
        T v;
        if (pos + sizeof(T) > m_b.size())
            throw std::out_of_range("read past the end");
        std::memcpy(&v, m_b.data() + pos, sizeof(T));
        return v;
    }
    std::size_t root() const { return at<std::uint32_t>(0); }
    /// Position of field id of table t, or 0 when absent.
    std::size_t field(std::size_t t, int id) const
    {
        const std::size_t vtable = std::size_t(std::int64_t(t) - at<std::int32_t>(t));
        const std::uint16_t vsize = at<std::uint16_t>(vtable);
        const std::size_t entry = 4 + 2 * std::size_t(id);
        if (entry + 2 > vsize)
            return 0;
        const std::uint16_t off = at<std::uint16_t>(vtable + entry);
        return off ? t + off : 0;
    }
    /// The table, vector or string an offset field points to.
    std::size_t deref(std::size_t pos) const { return pos + at<std::uint32_t>(pos); }
    std::size_t table(std::size_t t, int id) const
    {
        const std::size_t f = field(t, id);
        return f ? deref(f) : 0;
    }
    std::uint32_t length(std::size_t vec) const { return at<std::uint32_t>(vec); }
    /// Element i of a vector of tables.
    std::size_t element(std::size_t vec, std::size_t i) const { return deref(vec + 4 + 4 * i); }
    template<typename T> std::vector<T> vector(std::size_t t, int id) const
    {
        std::vector<T> out;
        const std::size_t v = table(t, id);
        if (!v)
            return out;
        for (std::uint32_t i = 0; i < length(v); ++i)
            out.push_back(at<T>(v + 4 + sizeof(T) * i));
        return out;
    }
    /// A scalar field; FlatBuffers leaves out a field equal to its default (0 unless the schema
    /// says otherwise), so an absent field reads as fallback.
    template<typename T> T scalar(std::size_t t, int id, T fallback = T{}) const
    {
        const std::size_t f = field(t, id);
        return f ? at<T>(f) : fallback;
    }

private:
    const std::vector<std::uint8_t> &m_b;
};

} // namespace tinyml::test
