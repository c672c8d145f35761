// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/progress.h"
#include "core/data/dataset.h"
#include "core/nn/network.h"

#include <array>
#include <cstdint>
#include <vector>

namespace tinyml::core {

/// Affine int8 quantization: real = scale * (q - zeroPoint). The scale is a float32, as a
/// .tflite file stores it: every integer derived from scales (multipliers, shifts) is computed
/// from these float32 values widened to double, as TFLite's kernels do (docs/facts.md §5).
struct QuantParams
{
    float scale = 1.0f;
    std::int32_t zeroPoint = 0;
};

/// Weight scales of a Dense layer: one for the whole kernel (TFLite converter's default) or one
/// per output row. Conv2D and DepthwiseConv2D are always per channel.
enum class DenseQuantization : std::uint8_t { PerTensor, PerChannel };

struct QuantizeOptions
{
    DenseQuantization dense = DenseQuantization::PerTensor;
};

/// One layer in int8 as TensorFlow Lite Micro's reference kernels run it (docs/facts.md §5).
///
/// Layer kinds and their integer arithmetic (x an int8 input, zp_in its zero point):
/// - Dense: acc[c] = Σ_i W[c][i]·(x[i] − zp_in) + bias[c].
/// - Conv2D: acc[oy][ox][c] = Σ_{ky,kx,ci} W[c][ky][kx][ci]·(x[iy][ix][ci] − zp_in) + bias[c],
///   iy = oy·stride − padTop + ky, positions outside the input skipped (the same as padding
///   with zp_in).
/// - DepthwiseConv2D: acc[oy][ox][c] = Σ_{ky,kx} W[ky][kx][c]·(x[iy][ix][c] − zp_in) + bias[c].
///   Then for all three: y = clamp(MBQM(acc, multiplier[c], shift[c]) + zp_out, actMin, actMax),
///   and y = lut[y + 128] for sigmoid, tanh and leaky ReLU.
/// - MaxPooling2D: y = clamp(max of the window's inputs inside the image, actMin, actMax).
/// - AveragePooling2D: s = Σ window inputs inside the image (int32), n their count,
///   y = clamp(s > 0 ? (s + n/2)/n : (s − n/2)/n, actMin, actMax) (C division: half away from 0).
///   Pooling keeps the input's scale and zero point (output == input).
/// - Flatten, Dropout: the identity (no code, no buffer).
struct QuantizedLayer
{
    LayerKind kind = LayerKind::Dense;
    Shape inShape;  ///< one sample's input tensor (NHWC, channels fastest)
    Shape outShape; ///< one sample's output tensor
    int inputs = 0;  ///< values of the input tensor (inShape.size())
    int outputs = 0; ///< values of the output tensor (outShape.size())
    int kernel = 0;  ///< Conv2D, DepthwiseConv2D, pooling: k of the k x k window
    int stride = 1;
    int padTop = 0, padLeft = 0; ///< padding before the first row / column (same padding)
    Activation activation = Activation::Linear;
    /// Dense (outputs, inputs) row-major [out][in]; Conv2D OHWI [out][ky][kx][in], TFLite's
    /// filter layout; DepthwiseConv2D [ky][kx][c], TFLite's (1, kh, kw, C). Symmetric int8 in
    /// [-127, 127], zero point 0.
    std::vector<std::int8_t> weights;
    /// One entry per output channel (Dense: per output unit) for the following four; with
    /// perChannel false (a per-tensor Dense layer) all entries are equal.
    std::vector<float> weightScale;       ///< real weight = weightScale[c] * W_q
    std::vector<std::int32_t> bias;       ///< scale input.scale * weightScale[c], zero point 0
    std::vector<std::int32_t> multiplier; ///< Q31 of input.scale * weightScale[c] / output.scale
    std::vector<std::int32_t> shift;      ///< its power-of-two exponent (TFLite's sign)
    bool perChannel = true;
    QuantParams input;  ///< of the layer's input
    QuantParams output; ///< of z (or of y for a fused ReLU; pooling: equal to input)
    std::int32_t actMin = -128, actMax = 127;
    /// Sigmoid, tanh, leaky ReLU: y_q = lut[z_q + 128], y quantized with lutOutput.
    std::vector<std::int8_t> lut;
    QuantParams lutOutput;
    /// Where the layer's y lives (output, or lutOutput when there is a LUT).
    QuantParams result() const { return lut.empty() ? output : lutOutput; }
    /// Output channels: Dense units, Conv2D filters, the channels of the others.
    int channels() const { return outShape.channels; }
    bool hasWeights() const
    {
        return kind == LayerKind::Dense || kind == LayerKind::Conv2D
               || kind == LayerKind::DepthwiseConv2D;
    }
    /// Flatten and Dropout: the output is the input, unchanged.
    bool isIdentity() const { return kind == LayerKind::Flatten || kind == LayerKind::Dropout; }
};

/// What TFLite Micro's int8 softmax derives from the logits' scale S and beta (docs/facts.md §13):
/// the logit difference d (an int8 step count, d ≤ 0) becomes d·S·beta in fixed point with 5
/// integer bits (Q5.26) as SRDHM(d·2^inputLeftShift, inputMultiplier); differences below
/// diffMin give probability 0 (−128) without being computed.
struct SoftmaxParams
{
    std::int32_t inputMultiplier = 0; ///< Q31 mantissa of beta·S·2^26, in [2^30, 2^31)
    std::int32_t inputLeftShift = 0;  ///< its exponent, 0 … 31
    std::int32_t diffMin = 0;         ///< −floor(31·2^26 / 2^inputLeftShift), ≤ 0
};

/// TFLM's preparation of an int8 softmax for logits of scale inputScale (float32, as stored in a
/// .tflite). Throws Error(QuantizationUnsafe) when beta·inputScale·2^26 is not above 1 (TFLM
/// refuses such a model) or not finite.
SoftmaxParams softmaxParams(float inputScale, float beta = 1.0f);

/// A whole network in int8: the input is quantized with scale 1/255 and zero point −128, so a
/// pixel byte p becomes exactly p − 128. The last layer's logits go through TFLite Micro's int8
/// softmax (integerSoftmax), whose output has scale 1/256 and zero point −128. layers[l] is
/// spec.layers[l].
struct QuantizedModel
{
    ModelSpec spec;
    QuantParams input;
    std::vector<QuantizedLayer> layers;
    DenseQuantization dense = DenseQuantization::PerTensor;
    /// The integer softmax's constants, from the logits' scale (beta 1).
    SoftmaxParams softmax;
    int calibrationImages = 0;

    int inputSize() const { return spec.inputSize; }
    int outputSize() const { return spec.outputSize(); }
    /// The largest output tensor of a layer that writes one (values).
    int widestLayer() const;
};

/// The int8 kernel of one layer (see QuantizedLayer): reads ql.inputs values from x and writes
/// ql.outputs values to y (x and y must not overlap). Identity layers copy.
void runQuantizedLayer(const QuantizedLayer &ql, const std::int8_t *x, std::int8_t *y);

/// Post-training quantization calibrated on the first `calibrationImages` images of data
/// (activation ranges from the float network). Throws Error for a model it cannot quantize.
/// progress hears calibration images done; a stop request throws Cancelled.
/// Throws Error(ExportLayerUnsupported) naming the first layer the int8 runner and the C export
/// cannot run: a pooling, Flatten or Dropout layer with an activation of its own.
void requireExportable(const ModelSpec &spec);

QuantizedModel quantize(const Network &net, const Dataset &calibration, int calibrationImages,
                        const Progress &progress = {}, const QuantizeOptions &options = {});

/// (q, shift) of a real multiplier M, as TFLite's QuantizeMultiplier.
void quantizeMultiplier(double m, std::int32_t &quantized, std::int32_t &shift);
/// TFLite's MultiplyByQuantizedMultiplier: round(x * M) in fixed point.
std::int32_t multiplyByQuantizedMultiplier(std::int32_t x, std::int32_t multiplier, std::int32_t shift);

/// Runs a QuantizedModel one image at a time, exactly as the exported C code does.
class Int8Runner
{
public:
    explicit Int8Runner(const QuantizedModel &model);

    /// input: inputSize() int8 values; logits and probabilities: outputSize() each.
    /// Returns the predicted class (first maximum of the logits).
    int run(const std::int8_t *input, std::int8_t *logits, std::int8_t *probabilities);
    /// A float image in 0..1 (quantized with round half away from zero), as _predict does.
    /// Scores: the int8 probabilities.
    int run(const float *input, std::int8_t *logits, std::int8_t *probabilities);

    static std::int8_t quantizeInput(float x, const QuantParams &q);

private:
    const QuantizedModel &m_model;
    std::vector<std::int8_t> m_a, m_b, m_in;
};

/// Accuracy of the int8 model on data, and the images whose prediction differs from float.
struct QuantizedEvaluation
{
    double floatAccuracy = 0.0;
    double int8Accuracy = 0.0;
    std::vector<std::uint32_t> flipped; ///< images predicted differently by float and int8
    std::vector<std::uint8_t> int8Predictions;
};
/// progress hears images done (every 250 images); a stop request throws Cancelled.
QuantizedEvaluation evaluateQuantized(const Network &net, const QuantizedModel &q, const Dataset &data,
                                      const Progress &progress = {});

/// TFLite Micro's int8 softmax, bit for bit (docs/facts.md §13): probabilities with scale
/// 1/256 and zero point −128 from n int8 logits (1 ≤ n ≤ 256; Error(Internal) otherwise).
/// logits and out may be the same array.
void integerSoftmax(const std::int8_t *logits, int n, const SoftmaxParams &params,
                    std::int8_t *out);

} // namespace tinyml::core
