// SPDX-License-Identifier: GPL-3.0-or-later
// An oracle for TensorFlow Lite Micro's int8 softmax (docs/facts.md §13) that does not use the
// engine's fixed-point code: the exponential, the reciprocal, the doubling high multiply and the
// rounding shifts come from gemmlowp's own fixed-point library as Debian ships it
// (libgemmlowp-dev, <gemmlowp/fixedpoint/fixedpoint.h>), the library TFLM's kernel is built on.
// Only the composition of those primitives, as §13 states it, is written here. TFLM itself is
// not packaged for Debian or npm, so it cannot be the oracle.
#pragma once

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace tinyml::test::tflm {

/// TFLM's Prepare: multiplier, left shift and diff_min of an input scale (beta 1), computed with
/// std::frexp directly rather than through the engine's quantizeMultiplier.
struct Params
{
    std::int32_t multiplier = 0;
    int leftShift = 0;
    int diffMin = 0;
};

inline Params prepare(float inputScale, double beta = 1.0)
{
    Params p;
    const double real = std::min(beta * double(inputScale) * 67108864.0, 2147483647.0); // ·2^26
    int exponent = 0;
    const double mantissa = std::frexp(real, &exponent);
    long long m = std::llround(mantissa * 2147483648.0);
    if (m == 2147483648LL) {
        m /= 2;
        ++exponent;
    }
    p.multiplier = std::int32_t(m);
    p.leftShift = exponent;
    p.diffMin = -int(std::floor(31.0 * 67108864.0 / std::ldexp(1.0, exponent)));
    return p;
}

/// TFLM's reference int8 → int8 softmax over one row of logits.
inline std::vector<std::int8_t> softmax(const std::vector<std::int8_t> &logits, const Params &p)
{
    using Diff = gemmlowp::FixedPoint<std::int32_t, 5>;
    using Accum = gemmlowp::FixedPoint<std::int32_t, 12>;
    using Q0 = gemmlowp::FixedPoint<std::int32_t, 0>;
    const int top = *std::max_element(logits.begin(), logits.end());
    auto expOf = [&](int d) {
        const std::int32_t scaled = gemmlowp::SaturatingRoundingDoublingHighMul(
            std::int32_t(std::int64_t(d) * (std::int64_t(1) << p.leftShift)), p.multiplier);
        return gemmlowp::exp_on_negative_values(Diff::FromRaw(scaled));
    };
    Accum sum = Accum::Zero();
    for (std::int8_t v : logits)
        if (int(v) - top >= p.diffMin)
            sum = sum + gemmlowp::Rescale<12>(expOf(int(v) - top));
    // sum = (1 + x)·2^(12 − z): x from the bits below the leading one.
    int z = 0;
    while (!((std::uint32_t(sum.raw()) << z) & 0x80000000u))
        ++z;
    const int bitsOverOne = 12 - z;
    const Q0 x = Q0::FromRaw(std::int32_t((std::uint32_t(sum.raw()) << z) - 0x80000000u));
    const Q0 inverse = gemmlowp::one_over_one_plus_x_for_x_in_0_1(x);
    std::vector<std::int8_t> out;
    for (std::int8_t v : logits) {
        const int d = int(v) - top;
        if (d < p.diffMin) {
            out.push_back(-128);
            continue;
        }
        const std::int32_t units
            = gemmlowp::RoundingDivideByPOT((inverse * expOf(d)).raw(), bitsOverOne + 23);
        out.push_back(std::int8_t(std::clamp(units - 128, -128, 127)));
    }
    return out;
}

} // namespace tinyml::test::tflm
