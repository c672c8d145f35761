// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile model files written byte by byte, as an attacker would: version-1 layout of
// core/io/modelfile.h, little-endian, with a VALID CRC-32 computed here (not by the engine), so
// that only the reader's checks of meaning can refuse them.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace tinyml::test {

/// Activation codes of the file format.
enum class FileActivation : std::uint32_t { Linear, Sigmoid, Tanh, Relu, LeakyRelu, Softmax };

struct CraftedLayer
{
    std::uint32_t units = 0;
    FileActivation activation = FileActivation::Relu;
    float weight = 0.0f; ///< every kernel entry
    float bias = 0.0f;   ///< every bias
};

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), bit by bit.
inline std::uint32_t craftedCrc32(const std::vector<std::uint8_t> &bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::uint8_t b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/// Parameters of a dense network: per layer inputs × units + units.
inline std::uint64_t craftedParameterCount(std::uint32_t inputs,
                                           const std::vector<CraftedLayer> &layers)
{
    std::uint64_t n = 0;
    std::uint64_t in = inputs;
    for (const auto &l : layers) {
        n += in * l.units + l.units;
        in = l.units;
    }
    return n;
}

/// The parameters in file order: per layer the kernel, then the bias.
inline std::vector<float> craftedParameters(std::uint32_t inputs,
                                            const std::vector<CraftedLayer> &layers)
{
    std::vector<float> p;
    std::uint64_t in = inputs;
    for (const auto &l : layers) {
        p.insert(p.end(), std::size_t(in * l.units), l.weight);
        p.insert(p.end(), l.units, l.bias);
        in = l.units;
    }
    return p;
}

class CraftedBytes
{
public:
    void u32(std::uint32_t v) { raw(&v, 4); }
    void u64(std::uint64_t v) { raw(&v, 8); }
    void f32(float v) { raw(&v, 4); }
    void raw(const void *p, std::size_t n)
    {
        const auto *b = static_cast<const std::uint8_t *>(p);
        m_bytes.insert(m_bytes.end(), b, b + n);
    }
    std::vector<std::uint8_t> &bytes() { return m_bytes; }

private:
    std::vector<std::uint8_t> m_bytes;
};

/// A model file: Adam with Keras's defaults, sparse categorical cross-entropy, no info.
/// optimizerState, when not empty, is stored as Adam's state (2 values per parameter).
inline std::vector<std::uint8_t> craftModel(std::uint32_t inputs,
                                            const std::vector<CraftedLayer> &layers,
                                            const std::vector<float> &parameters,
                                            const std::vector<float> &optimizerState = {})
{
    CraftedBytes w;
    w.raw("TMLMODEL", 8);
    w.u32(1);                              // version
    w.u32(optimizerState.empty() ? 0 : 1); // flags
    w.u32(inputs);
    w.u32(std::uint32_t(layers.size()));
    for (const auto &l : layers) {
        w.u32(l.units);
        w.u32(std::uint32_t(l.activation));
    }
    w.u32(0); // loss: sparse categorical cross-entropy
    w.u32(0); // initializer: Glorot uniform
    w.f32(0.0f);
    w.f32(0.0f);
    w.u32(3); // Adam
    for (float v : {0.001f, 0.9f, 0.999f, 1e-7f, 0.0f, 0.9f})
        w.f32(v);
    w.u32(0);
    w.u64(parameters.size());
    w.raw(parameters.data(), parameters.size() * 4);
    w.u32(0); // info entries
    if (!optimizerState.empty()) {
        w.u64(1); // iterations
        w.u64(optimizerState.size());
        w.raw(optimizerState.data(), optimizerState.size() * 4);
    }
    w.u32(craftedCrc32(w.bytes()));
    return w.bytes();
}

inline std::vector<std::uint8_t> craftModel(std::uint32_t inputs,
                                            const std::vector<CraftedLayer> &layers)
{
    return craftModel(inputs, layers, craftedParameters(inputs, layers));
}

inline void writeCrafted(const std::filesystem::path &file, const std::vector<std::uint8_t> &bytes)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
}

} // namespace tinyml::test
