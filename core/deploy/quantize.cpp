// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/deploy/quantize.h"

#include "core/nn/activation.h"
#include "core/base/error.h"
#include "core/nn/modelcheck.h"
#include "core/nn/trainer.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace tinyml::core {

namespace {

/// round() as TFLite: half away from zero.
std::int64_t roundAway(double x) { return std::int64_t(std::round(x)); }

constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
/// Largest requantization shift (TFLite's single-rounding kernels allow at most 30).
constexpr std::int32_t kMaxShift = 30;
/// Largest |accumulator| (times 2^shift for a left shift) allowed: INT32_MAX less room for the
/// rounding of the fixed-point multiply and the output zero point added after it.
constexpr std::int64_t kAccumulatorLimit = kInt32Max - 256;

[[noreturn]] void unsafe(ErrorField field, std::size_t layer, ErrorArgs args = {})
{
    args.field = field;
    args.index = std::int64_t(layer);
    throw Error(ErrorCode::QuantizationUnsafe, std::move(args));
}

/// A finite, positive scale or a clear error for layer.
void checkScale(double scale, std::size_t layer)
{
    if (!(std::isfinite(scale) && scale > 0.0))
        unsafe(ErrorField::Int8Scale, layer, {.value = scale});
}

/// Scale (stored as float32) and zero point of the range [lo, hi] widened to contain 0.
QuantParams rangeParams(double lo, double hi, std::size_t layer)
{
    if (!(std::isfinite(lo) && std::isfinite(hi)))
        unsafe(ErrorField::Int8Scale, layer, {.value = std::isfinite(lo) ? hi : lo});
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    double scale = (hi - lo) / 255.0;
    if (scale <= 0.0)
        scale = 1.0 / 255.0; // a constant zero: any scale works
    QuantParams q;
    q.scale = float(scale);
    checkScale(double(q.scale), layer);
    q.zeroPoint = std::int32_t(std::clamp<std::int64_t>(roundAway(-128.0 - lo / scale), -128, 127));
    return q;
}

/// Clamped before the conversion, so that a huge quotient is never converted to an integer.
std::int8_t quantizeValue(double x, const QuantParams &q)
{
    const double v = std::clamp(std::round(x / double(q.scale)) + double(q.zeroPoint), -128.0, 127.0);
    return std::int8_t(v);
}

double dequantize(std::int32_t v, const QuantParams &q) { return double(q.scale) * double(v - q.zeroPoint); }

std::int32_t saturatingRoundingDoublingHighMul(std::int32_t a, std::int32_t b)
{
    if (a == b && a == std::numeric_limits<std::int32_t>::min())
        return std::numeric_limits<std::int32_t>::max();
    const std::int64_t ab = std::int64_t(a) * std::int64_t(b);
    const std::int64_t nudge = ab >= 0 ? (1LL << 30) : (1 - (1LL << 30));
    return std::int32_t((ab + nudge) / (1LL << 31));
}

std::int32_t roundingDivideByPOT(std::int32_t x, int exponent)
{
    const std::int32_t mask = std::int32_t((1LL << exponent) - 1);
    const std::int32_t remainder = x & mask;
    const std::int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

} // namespace

void quantizeMultiplier(double m, std::int32_t &quantized, std::int32_t &shift)
{
    if (!(std::isfinite(m) && m >= 0.0))
        throw Error(ErrorCode::Internal, {.detail = "a requantization multiplier must be finite "
                                                    "and not negative"});
    if (m == 0.0) {
        quantized = 0;
        shift = 0;
        return;
    }
    int exponent = 0;
    const double q = std::frexp(m, &exponent);
    std::int64_t q0 = roundAway(q * double(1LL << 31));
    if (q0 == (1LL << 31)) {
        q0 /= 2;
        ++exponent;
    }
    if (exponent < -31) {
        exponent = 0;
        q0 = 0;
    }
    quantized = std::int32_t(q0);
    shift = exponent;
}

std::int32_t multiplyByQuantizedMultiplier(std::int32_t x, std::int32_t multiplier, std::int32_t shift)
{
    const int left = shift > 0 ? shift : 0;
    const int right = shift > 0 ? 0 : -shift;
    return roundingDivideByPOT(saturatingRoundingDoublingHighMul(std::int32_t(std::uint32_t(x) << left), multiplier), right);
}

namespace {

// TFLite Micro's int8 softmax in gemmlowp's fixed point (docs/facts.md §13). A Qm.n value is an
// int32 whose real value is raw / 2^n (m integer bits, n = 31 − m fraction bits).

constexpr std::int32_t kInt32Min = std::numeric_limits<std::int32_t>::min();
/// Q0.31 "one": the largest raw value, 1 − 2^−31.
constexpr std::int32_t kQ31One = std::numeric_limits<std::int32_t>::max();
/// Fraction bits of the scaled logit difference (Q5.26).
constexpr int kDiffFractionBits = 26;
/// Integer bits of the sum of the exponentials (Q12.19).
constexpr int kSumIntegerBits = 12;

/// x·2^e for 0 < e < 31, saturated to the int32 range (gemmlowp's saturating multiply by a
/// power of two): anything beyond ±(2^(31−e) − 1) becomes the largest or smallest int32.
std::int32_t saturatingLeftShift(std::int32_t x, int e)
{
    const std::int32_t limit = std::int32_t((std::int64_t(1) << (31 - e)) - 1);
    if (x > limit)
        return std::numeric_limits<std::int32_t>::max();
    if (x < -limit)
        return kInt32Min;
    return std::int32_t(std::int64_t(x) * (std::int64_t(1) << e));
}

/// exp(a) for a Q0.31 value a in [−1/4, 0): the Taylor polynomial of degree 4 around −1/8,
/// exp(−1/8)·(1 + t + t²/2 + t³/6 + t⁴/24) with t = a + 1/8, each product an SRDHM.
std::int32_t expQuarterInterval(std::int32_t a)
{
    constexpr std::int32_t kExpMinusEighth = 1895147668; // round(exp(−1/8)·2^31)
    constexpr std::int32_t kOneThird = 715827883;        // round(2^31 / 3)
    const std::int32_t t = a + (std::int32_t(1) << 28);  // + 1/8
    const std::int32_t t2 = saturatingRoundingDoublingHighMul(t, t);
    const std::int32_t t3 = saturatingRoundingDoublingHighMul(t2, t);
    const std::int32_t t4 = saturatingRoundingDoublingHighMul(t2, t2);
    const std::int32_t t4Quarter = roundingDivideByPOT(t4, 2);
    const std::int32_t series = roundingDivideByPOT(
        saturatingRoundingDoublingHighMul(t4Quarter + t3, kOneThird) + t2, 1);
    return kExpMinusEighth + saturatingRoundingDoublingHighMul(kExpMinusEighth, t + series);
}

/// exp(a) in Q0.31 for a Q5.26 value a ≤ 0: a = r − k with r in [−1/4, 0) and k a sum of the
/// powers of two 1/4 … 16 (the bits 24 … 30 of k's raw value); exp(r) times exp(−2^j) for each
/// bit set, in increasing j. exp(0) is Q0.31's one.
std::int32_t expOfNegative(std::int32_t a)
{
    if (a == 0)
        return kQ31One;
    constexpr int kQuarterBit = kDiffFractionBits - 2; // 1/4 in Q5.26
    constexpr std::int32_t kQuarter = std::int32_t(1) << kQuarterBit;
    // round(exp(−2^j)·2^31) for j = −2 … 4
    constexpr std::array<std::int32_t, 7> kExpMinusPowerOfTwo
        = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    const std::int32_t r = (a & (kQuarter - 1)) - kQuarter;
    const std::int32_t k = r - a;
    std::int32_t result = expQuarterInterval(saturatingLeftShift(r, 31 - kDiffFractionBits));
    for (std::size_t j = 0; j < kExpMinusPowerOfTwo.size(); ++j)
        if (k & (std::int32_t(1) << (kQuarterBit + int(j))))
            result = saturatingRoundingDoublingHighMul(result, kExpMinusPowerOfTwo[j]);
    return result;
}

/// 1 / (1 + x) in Q0.31 for a Q0.31 value x in [0, 1): Newton-Raphson on the half denominator
/// h = (1 + x)/2, starting at 48/17 − 32/17·h, three steps r ← r + r·(1 − h·r) in Q2.29.
std::int32_t reciprocalOfOnePlus(std::int32_t x)
{
    constexpr std::int32_t kQ229One = std::int32_t(1) << 29;
    constexpr std::int32_t k48Over17 = 1515870810;     // round(48/17·2^29)
    constexpr std::int32_t kMinus32Over17 = -1010580540; // round(−32/17·2^29)
    // (x + one) / 2 rounded half away from zero; the sum is positive
    const std::int32_t half = std::int32_t((std::int64_t(x) + kQ31One + 1) / 2);
    std::int32_t r = k48Over17 + saturatingRoundingDoublingHighMul(half, kMinus32Over17);
    for (int step = 0; step < 3; ++step) {
        const std::int32_t error = kQ229One - saturatingRoundingDoublingHighMul(half, r);
        r += saturatingLeftShift(saturatingRoundingDoublingHighMul(r, error), 2);
    }
    return saturatingLeftShift(r, 1); // r/2 in Q1.30 → Q0.31
}

/// The scaled difference d·S·beta in Q5.26 of a logit difference d (diffMin ≤ d ≤ 0).
std::int32_t scaledDifference(std::int32_t d, const SoftmaxParams &p)
{
    // |d|·2^shift ≤ 31·2^26 by the choice of diffMin: fits int32.
    const std::int64_t shifted = std::int64_t(d) * (std::int64_t(1) << p.inputLeftShift);
    return saturatingRoundingDoublingHighMul(std::int32_t(shifted), p.inputMultiplier);
}

} // namespace

SoftmaxParams softmaxParams(float inputScale, float beta)
{
    // beta·S as a multiplier of the Q5.26 difference: ·2^26, capped at 2^31 − 1.
    const double real = std::min(double(beta) * double(inputScale) * double(1 << kDiffFractionBits),
                                 double(kInt32Max));
    if (!(std::isfinite(real) && real > 1.0))
        throw Error(ErrorCode::QuantizationUnsafe,
                    {.field = ErrorField::Int8Scale, .value = double(inputScale)});
    SoftmaxParams p;
    quantizeMultiplier(real, p.inputMultiplier, p.inputLeftShift);
    // The largest |d| whose scaled value stays above −31 (the Q5.26 range less one).
    const double radius = 31.0 * double(std::int64_t(1) << kDiffFractionBits)
                          / double(std::int64_t(1) << p.inputLeftShift);
    p.diffMin = -std::int32_t(std::floor(radius));
    return p;
}

void integerSoftmax(const std::int8_t *logits, int n, const SoftmaxParams &params,
                    std::int8_t *out)
{
    if (n < 1 || n > 256)
        throw Error(ErrorCode::Internal, {.detail = "the int8 softmax takes 1 to 256 logits"});
    std::int32_t top = -128;
    for (int i = 0; i < n; ++i)
        top = std::max(top, std::int32_t(logits[i]));
    // Σ exp in Q12.19: each term at most 2^19 (exp(0)), at most 2^27 for 256 classes.
    std::int32_t sum = 0;
    for (int i = 0; i < n; ++i) {
        const std::int32_t d = std::int32_t(logits[i]) - top;
        if (d < params.diffMin)
            continue; // exp(d·S) < exp(−31): left out
        sum += roundingDivideByPOT(expOfNegative(scaledDifference(d, params)), kSumIntegerBits);
    }
    // sum = (1 + x)·2^(12 − z) with z its leading zero bits and x in [0, 1) in Q0.31.
    const int z = std::countl_zero(std::uint32_t(sum));
    const int bitsOverOne = kSumIntegerBits - z;
    const std::int32_t x = std::int32_t((std::uint32_t(sum) << z) - (std::uint32_t(1) << 31));
    const std::int32_t inverse = reciprocalOfOnePlus(x);
    // exp/sum in units of 1/256: the Q0.31 product shifted right by bitsOverOne + 31 − 8.
    const int exponent = bitsOverOne + 31 - 8;
    for (int i = 0; i < n; ++i) {
        const std::int32_t d = std::int32_t(logits[i]) - top;
        std::int32_t v = -128;
        if (d >= params.diffMin) {
            const std::int32_t e = expOfNegative(scaledDifference(d, params));
            v = roundingDivideByPOT(saturatingRoundingDoublingHighMul(inverse, e), exponent) - 128;
        }
        out[i] = std::int8_t(std::clamp<std::int32_t>(v, -128, 127));
    }
}

int QuantizedModel::widestLayer() const
{
    int w = 0;
    for (const auto &l : layers)
        if (!l.isIdentity())
            w = std::max(w, l.outputs);
    return w;
}

void requireExportable(const ModelSpec &spec)
{
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const LayerSpec &layer = spec.layers[l];
        if (!layer.hasParameters() && layer.activation != Activation::Linear)
            throw Error(ErrorCode::ExportLayerUnsupported,
                        {.name = std::string(toString(layer.kind)), .index = std::int64_t(l)});
    }
}

namespace {

/// The layer's geometry from the spec (shapes, window, padding).
QuantizedLayer geometryOf(const ModelSpec &spec, std::size_t l)
{
    const LayerSpec &layer = spec.layers[l];
    QuantizedLayer ql;
    ql.kind = layer.kind;
    ql.inShape = spec.layerInputShape(l);
    ql.outShape = spec.outputShape(l);
    ql.inputs = int(ql.inShape.size());
    ql.outputs = int(ql.outShape.size());
    ql.activation = layer.activation;
    if (layer.isSpatial()) {
        ql.kernel = layer.kernel;
        ql.stride = layer.stride;
        ql.padTop = convPaddingBefore(ql.inShape.height, layer.kernel, layer.stride, layer.padding);
        ql.padLeft = convPaddingBefore(ql.inShape.width, layer.kernel, layer.stride, layer.padding);
    }
    return ql;
}

/// Kernel element (c, j) of layer l in the QuantizedLayer's order: Dense and Conv2D row c of the
/// engine's (channels, k·k·cin) kernel (already OHWI), DepthwiseConv2D tap j of channel c.
/// Returns the number of kernel elements per channel.
int kernelPerChannel(const QuantizedLayer &ql)
{
    switch (ql.kind) {
    case LayerKind::Dense:
        return ql.inputs;
    case LayerKind::Conv2D:
        return ql.kernel * ql.kernel * ql.inShape.channels;
    case LayerKind::DepthwiseConv2D:
        return ql.kernel * ql.kernel;
    default:
        return 0;
    }
}

/// Index into QuantizedLayer::weights of channel c's element j.
std::size_t weightIndex(const QuantizedLayer &ql, int c, int j)
{
    if (ql.kind == LayerKind::DepthwiseConv2D)
        return std::size_t(j) * std::size_t(ql.channels()) + std::size_t(c);
    return std::size_t(c) * std::size_t(kernelPerChannel(ql)) + std::size_t(j);
}

} // namespace

QuantizedModel quantize(const Network &net, const Dataset &calibration, int calibrationImages,
                        const Progress &progress, const QuantizeOptions &options)
{
    const ModelSpec &spec = net.spec();
    requireExportable(spec);
    // Finite weights and bounded activations: every range below is finite (modelcheck.h).
    checkNetwork(net);
    if (calibration.pixels() != spec.inputSize)
        throw Error(ErrorCode::InputMismatch,
                    {.expected = spec.inputSize, .found = calibration.pixels()});
    if (calibrationImages < 1)
        throw Error(ErrorCode::CalibrationEmpty);
    for (std::size_t l = 0; l + 1 < spec.layers.size(); ++l)
        if (spec.layers[l].activation == Activation::Softmax)
            throw Error(ErrorCode::SoftmaxNotLast, {.index = std::int64_t(l)});
    const std::size_t n = std::min<std::size_t>(calibration.size(), std::size_t(calibrationImages));

    // 1. Ranges of z and y of every layer over the calibration images (float forward).
    const std::size_t layers = spec.layers.size();
    struct Range
    {
        double zMin = 0.0, zMax = 0.0, yMin = 0.0, yMax = 0.0;
    };
    std::vector<Range> range(layers);
    // Chunks small enough that a CNN's im2col buffers stay a few tens of MB.
    std::int64_t widest = spec.inputSize;
    for (std::size_t l = 0; l < layers; ++l)
        widest = std::max<std::int64_t>(widest, spec.outputShape(l).size());
    const int chunk = int(std::clamp<std::int64_t>((std::int64_t(1) << 20) / widest, 1, 500));
    Workspace ws(spec, chunk);
    AlignedFloats x(std::size_t(spec.inputSize) * std::size_t(chunk));
    std::vector<std::uint32_t> idx(static_cast<std::size_t>(chunk));
    for (std::size_t start = 0; start < n; start += std::size_t(chunk)) {
        progress.advance(std::int64_t(start), std::int64_t(n));
        const int count = int(std::min<std::size_t>(std::size_t(chunk), n - start));
        for (int c = 0; c < count; ++c)
            idx[std::size_t(c)] = std::uint32_t(start + std::size_t(c));
        MatrixMap X(x.data(), spec.inputSize, count);
        fillBatch(calibration, {idx.data(), std::size_t(count)}, X, nullptr);
        net.forward(X, ws);
        for (std::size_t l = 0; l < layers; ++l) {
            Range &r = range[l];
            r.zMin = std::min(r.zMin, double(ws.z(l).minCoeff()));
            r.zMax = std::max(r.zMax, double(ws.z(l).maxCoeff()));
            r.yMin = std::min(r.yMin, double(ws.a(l).minCoeff()));
            r.yMax = std::max(r.yMax, double(ws.a(l).maxCoeff()));
        }
    }

    progress.advance(std::int64_t(n), std::int64_t(n));

    // 2. Layer by layer.
    QuantizedModel q;
    q.spec = spec;
    q.dense = options.dense;
    q.calibrationImages = int(n);
    q.input.scale = float(1.0 / 255.0);
    q.input.zeroPoint = -128;
    QuantParams in = q.input;
    for (std::size_t l = 0; l < layers; ++l) {
        QuantizedLayer ql = geometryOf(spec, l);
        ql.input = in;
        if (!ql.hasWeights()) {
            // Pooling, Flatten and Dropout keep the input's quantization (TFLite requires it for
            // pooling); with no activation of their own the whole int8 range is allowed.
            ql.output = in;
            q.layers.push_back(std::move(ql));
            continue;
        }
        const bool relu = ql.activation == Activation::Relu;
        const bool lut = ql.activation == Activation::Sigmoid || ql.activation == Activation::Tanh
                         || ql.activation == Activation::LeakyRelu;
        // The layer's output: y for a fused ReLU or a linear layer, z otherwise.
        ql.output = relu || ql.activation == Activation::Linear
                        ? rangeParams(range[l].yMin, range[l].yMax, l)
                        : rangeParams(range[l].zMin, range[l].zMax, l);
        ql.actMin = relu ? std::max(-128, ql.output.zeroPoint) : -128;
        ql.actMax = 127;
        ql.perChannel = ql.kind != LayerKind::Dense || options.dense == DenseQuantization::PerChannel;
        // x − zp_in of an int8 input x: at most this in magnitude.
        const std::int64_t maxInput = std::max<std::int64_t>(127 - in.zeroPoint, in.zeroPoint + 128);
        const auto W = net.weights(l);
        const auto b = net.bias(l);
        const int channels = ql.channels();
        const int per = kernelPerChannel(ql);
        // Element j of channel c in the engine's kernel matrix: Dense and Conv2D row c (the
        // column index of Conv2D is (ky·k + kx)·cin + ci, so a row is OHWI's [ky][kx][ci]);
        // DepthwiseConv2D row c, column ky·k + kx.
        auto weight = [&](int c, int j) { return double(W(c, j)); };
        double tensorMaxAbs = 0.0;
        for (int c = 0; c < channels; ++c)
            for (int j = 0; j < per; ++j)
                tensorMaxAbs = std::max(tensorMaxAbs, std::abs(weight(c, j)));
        ql.weights.resize(std::size_t(channels) * std::size_t(per));
        for (int c = 0; c < channels; ++c) {
            double maxAbs = 0.0;
            if (ql.perChannel)
                for (int j = 0; j < per; ++j)
                    maxAbs = std::max(maxAbs, std::abs(weight(c, j)));
            else
                maxAbs = tensorMaxAbs;
            const double sw = maxAbs > 0.0 ? maxAbs / 127.0 : 1.0;
            const float swStored = float(sw);
            checkScale(double(swStored), l);
            std::int64_t weightSum = 0; // Σ|w_q| of the channel
            for (int j = 0; j < per; ++j) {
                const std::int8_t w = std::int8_t(std::clamp<std::int64_t>(
                    maxAbs > 0 ? roundAway(weight(c, j) * (127.0 / maxAbs)) : 0, -127, 127));
                ql.weights[weightIndex(ql, c, j)] = w;
                weightSum += std::abs(std::int64_t(w));
            }
            const double realBias = double(b(c)) / (double(in.scale) * sw);
            if (!(std::abs(realBias) <= double(kInt32Max)))
                unsafe(ErrorField::Int8Bias, l, {.limit = kInt32Max, .value = realBias});
            const std::int64_t bias = roundAway(realBias);
            ql.bias.push_back(std::int32_t(bias));
            // From the float32 scales a .tflite stores, widened to double as TFLite does.
            const double m = double(in.scale) * double(swStored) / double(ql.output.scale);
            checkScale(m, l);
            std::int32_t m0, shift;
            quantizeMultiplier(m, m0, shift);
            if (shift > kMaxShift)
                unsafe(ErrorField::Int8Shift, l, {.found = shift, .limit = kMaxShift});
            // The accumulator Σ w_q (x − zp_in) + b_q over every int8 input, every partial sum
            // included, then shifted left by a positive shift, must fit int32.
            const std::int64_t accumulator
                = (weightSum * maxInput + std::abs(bias)) << std::max<std::int32_t>(shift, 0);
            if (accumulator > kAccumulatorLimit)
                unsafe(ErrorField::Int8Accumulator, l,
                       {.found = accumulator, .limit = kAccumulatorLimit});
            ql.weightScale.push_back(swStored);
            ql.multiplier.push_back(m0);
            ql.shift.push_back(shift);
        }
        if (lut) {
            ql.lutOutput = rangeParams(range[l].yMin, range[l].yMax, l);
            ql.lut.resize(256);
            for (int v = -128; v <= 127; ++v)
                ql.lut[std::size_t(v + 128)] = quantizeValue(double(activate(ql.activation, float(dequantize(v, ql.output)))), ql.lutOutput);
        }
        in = ql.result();
        q.layers.push_back(std::move(ql));
    }
    // 3. TFLM's softmax constants from the logits' scale; TFLM refuses a scale whose multiplier
    // S·2^26 is not above 1 (docs/facts.md §13).
    const float sLogits = q.layers.back().result().scale;
    if (!(double(sLogits) * double(1 << 26) > 1.0))
        unsafe(ErrorField::Int8Scale, q.layers.size() - 1, {.value = double(sLogits)});
    q.softmax = softmaxParams(sLogits);
    return q;
}

namespace {

/// y = clamp(MBQM(acc, m[c], s[c]) + zp_out, actMin, actMax), through the table if any.
std::int8_t requantizeOutput(const QuantizedLayer &ql, std::int32_t acc, int c)
{
    std::int32_t v = multiplyByQuantizedMultiplier(acc, ql.multiplier[std::size_t(c)],
                                                   ql.shift[std::size_t(c)]);
    v += ql.output.zeroPoint;
    v = std::clamp(v, ql.actMin, ql.actMax);
    if (!ql.lut.empty())
        v = ql.lut[std::size_t(v + 128)];
    return std::int8_t(v);
}

} // namespace

void runQuantizedLayer(const QuantizedLayer &ql, const std::int8_t *x, std::int8_t *y)
{
    const std::int32_t inOffset = -ql.input.zeroPoint;
    const int C = ql.outShape.channels;
    const int inC = ql.inShape.channels;
    const int inH = ql.inShape.height, inW = ql.inShape.width;
    switch (ql.kind) {
    case LayerKind::Dense:
        for (int c = 0; c < ql.outputs; ++c) {
            const std::int8_t *w = ql.weights.data() + std::size_t(c) * std::size_t(ql.inputs);
            std::int32_t acc = 0;
            for (int i = 0; i < ql.inputs; ++i)
                acc += std::int32_t(w[i]) * (std::int32_t(x[i]) + inOffset);
            acc += ql.bias[std::size_t(c)];
            y[c] = requantizeOutput(ql, acc, c);
        }
        return;
    case LayerKind::Conv2D:
    case LayerKind::DepthwiseConv2D: {
        const bool depthwise = ql.kind == LayerKind::DepthwiseConv2D;
        const int k = ql.kernel;
        for (int oy = 0; oy < ql.outShape.height; ++oy) {
            for (int ox = 0; ox < ql.outShape.width; ++ox) {
                const int y0 = oy * ql.stride - ql.padTop, x0 = ox * ql.stride - ql.padLeft;
                std::int8_t *out = y + (std::size_t(oy) * std::size_t(ql.outShape.width) + std::size_t(ox)) * std::size_t(C);
                for (int c = 0; c < C; ++c) {
                    std::int32_t acc = 0;
                    for (int ky = 0; ky < k; ++ky) {
                        const int iy = y0 + ky;
                        if (iy < 0 || iy >= inH)
                            continue;
                        for (int kx = 0; kx < k; ++kx) {
                            const int ix = x0 + kx;
                            if (ix < 0 || ix >= inW)
                                continue;
                            const std::int8_t *px = x + (std::size_t(iy) * std::size_t(inW) + std::size_t(ix)) * std::size_t(inC);
                            if (depthwise) {
                                const std::int32_t w = ql.weights[(std::size_t(ky) * std::size_t(k) + std::size_t(kx)) * std::size_t(C) + std::size_t(c)];
                                acc += w * (std::int32_t(px[c]) + inOffset);
                            } else {
                                const std::int8_t *w = ql.weights.data()
                                                       + ((std::size_t(c) * std::size_t(k) + std::size_t(ky)) * std::size_t(k) + std::size_t(kx)) * std::size_t(inC);
                                for (int ci = 0; ci < inC; ++ci)
                                    acc += std::int32_t(w[ci]) * (std::int32_t(px[ci]) + inOffset);
                            }
                        }
                    }
                    acc += ql.bias[std::size_t(c)];
                    out[c] = requantizeOutput(ql, acc, c);
                }
            }
        }
        return;
    }
    case LayerKind::MaxPooling2D:
    case LayerKind::AveragePooling2D: {
        const bool average = ql.kind == LayerKind::AveragePooling2D;
        const int k = ql.kernel;
        for (int oy = 0; oy < ql.outShape.height; ++oy) {
            for (int ox = 0; ox < ql.outShape.width; ++ox) {
                const int y0 = oy * ql.stride - ql.padTop, x0 = ox * ql.stride - ql.padLeft;
                const int yBegin = std::max(y0, 0), yEnd = std::min(y0 + k, inH);
                const int xBegin = std::max(x0, 0), xEnd = std::min(x0 + k, inW);
                std::int8_t *out = y + (std::size_t(oy) * std::size_t(ql.outShape.width) + std::size_t(ox)) * std::size_t(C);
                for (int c = 0; c < C; ++c) {
                    std::int32_t acc = average ? 0 : -128;
                    int count = 0;
                    for (int iy = yBegin; iy < yEnd; ++iy)
                        for (int ix = xBegin; ix < xEnd; ++ix) {
                            const std::int32_t v = x[(std::size_t(iy) * std::size_t(inW) + std::size_t(ix)) * std::size_t(inC) + std::size_t(c)];
                            acc = average ? acc + v : std::max(acc, v);
                            ++count;
                        }
                    if (average && count > 0)
                        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                    out[c] = std::int8_t(std::clamp(acc, ql.actMin, ql.actMax));
                }
            }
        }
        return;
    }
    case LayerKind::Flatten:
    case LayerKind::Dropout:
        std::copy(x, x + ql.inputs, y);
        return;
    }
}

Int8Runner::Int8Runner(const QuantizedModel &model)
    : m_model(model)
    , m_a(std::size_t(std::max(model.widestLayer(), model.inputSize())))
    , m_b(m_a.size())
    , m_in(std::size_t(model.inputSize()))
{}

std::int8_t Int8Runner::quantizeInput(float x, const QuantParams &q)
{
    // Written as the exported C does it, in float (a Cortex-M4F has no double unit) and without
    // libm: v = x / scale as x times the float inverse, rounded half away from zero.
    const float v = x * float(1.0 / double(q.scale));
    const long r = long(v < 0.0f ? v - 0.5f : v + 0.5f) + q.zeroPoint;
    return std::int8_t(r < -128 ? -128 : (r > 127 ? 127 : r));
}

int Int8Runner::run(const float *input, std::int8_t *logits, std::int8_t *probabilities)
{
    for (std::size_t i = 0; i < m_in.size(); ++i)
        m_in[i] = quantizeInput(input[i], m_model.input);
    return run(m_in.data(), logits, probabilities);
}

int Int8Runner::run(const std::int8_t *input, std::int8_t *logits, std::int8_t *probabilities)
{
    const std::int8_t *x = input;
    for (std::size_t l = 0; l < m_model.layers.size(); ++l) {
        const QuantizedLayer &ql = m_model.layers[l];
        const bool last = l + 1 == m_model.layers.size();
        if (ql.isIdentity() && !last)
            continue; // the same values, in the same place
        std::int8_t *out = last ? logits : (x == m_a.data() ? m_b.data() : m_a.data());
        runQuantizedLayer(ql, x, out);
        x = out;
    }
    const int n = m_model.outputSize();
    integerSoftmax(logits, n, m_model.softmax, probabilities);
    int best = 0;
    for (int i = 1; i < n; ++i)
        if (logits[i] > logits[best])
            best = i;
    return best;
}

QuantizedEvaluation evaluateQuantized(const Network &net, const QuantizedModel &q, const Dataset &data,
                                      const Progress &progress)
{
    QuantizedEvaluation ev;
    std::vector<std::uint8_t> floatPredictions;
    // The float pass is quick next to the int8 one: it stops with it but reports nothing.
    ev.floatAccuracy = evaluate(net, data, {}, &floatPredictions, nullptr, Progress{progress.stop, {}}).accuracy;
    Int8Runner runner(q);
    std::vector<std::int8_t> input(static_cast<std::size_t>(q.inputSize()));
    std::vector<std::int8_t> logits(static_cast<std::size_t>(q.outputSize()));
    std::vector<std::int8_t> probs(static_cast<std::size_t>(q.outputSize()));
    int correct = 0;
    ev.int8Predictions.resize(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (i % 250 == 0)
            progress.advance(std::int64_t(i), std::int64_t(data.size()));
        const std::uint8_t *img = data.image(i);
        for (std::size_t p = 0; p < input.size(); ++p)
            input[p] = std::int8_t(int(img[p]) - 128); // scale 1/255, zero point −128: exact
        const int pred = runner.run(input.data(), logits.data(), probs.data());
        ev.int8Predictions[i] = std::uint8_t(pred);
        correct += pred == data.labels[i];
        if (pred != floatPredictions[i])
            ev.flipped.push_back(std::uint32_t(i));
    }
    progress.advance(std::int64_t(data.size()), std::int64_t(data.size()));
    ev.int8Accuracy = double(correct) / double(std::max<std::size_t>(1, data.size()));
    return ev;
}

} // namespace tinyml::core
