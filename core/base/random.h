// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>

namespace tinyml::core {

/// xoshiro128+ (Blackman & Vigna 2018) seeded through splitmix64: small, fast and the same
/// on every platform, so a fixed seed gives bit-identical runs everywhere.
class Rng
{
public:
    explicit Rng(std::uint64_t seed = 42) { reseed(seed); }

    void reseed(std::uint64_t seed)
    {
        for (auto &word : m_s) {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            word = std::uint32_t((z ^ (z >> 31)) >> 16);
        }
        if ((m_s[0] | m_s[1] | m_s[2] | m_s[3]) == 0)
            m_s[0] = 1;
    }

    std::uint32_t next()
    {
        const std::uint32_t result = m_s[0] + m_s[3];
        const std::uint32_t t = m_s[1] << 9;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = (m_s[3] << 11) | (m_s[3] >> 21);
        return result;
    }

    /// Uniform in [0, 1).
    float uniform() { return float(next() >> 8) * (1.0f / 16777216.0f); }
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [0, n), n > 0 (Lemire's multiply-shift, tiny bias ignored).
    std::uint32_t below(std::uint32_t n) { return std::uint32_t((std::uint64_t(next()) * n) >> 32); }
    /// Standard normal (Box-Muller).
    float normal()
    {
        const float u1 = 1.0f - uniform();
        const float u2 = uniform();
        return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.2831853f * u2);
    }

private:
    std::uint32_t m_s[4];
};

} // namespace tinyml::core
