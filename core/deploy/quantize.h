// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/progress.h"
#include "core/data/dataset.h"
#include "core/nn/network.h"

#include <array>
#include <cstdint>
#include <vector>

namespace tinyml::core {

/// Affine int8 quantization: real = scale * (q - zeroPoint).
struct QuantParams
{
    double scale = 1.0;
    std::int32_t zeroPoint = 0;
};

/// One dense layer in int8 as TensorFlow Lite Micro's fully-connected kernel runs it
/// (docs/facts.md §5): int8 weights [out][in] with one scale per output row and zero point 0,
/// int32 biases, and a fixed-point multiplier and shift per row.
struct QuantizedLayer
{
    int inputs = 0;
    int outputs = 0;
    Activation activation = Activation::Linear;
    std::vector<std::int8_t> weights; ///< (outputs, inputs) row-major: [out][in]
    std::vector<std::int32_t> bias;
    std::vector<std::int32_t> multiplier;
    std::vector<std::int32_t> shift;
    QuantParams input;  ///< of the layer's input
    QuantParams output; ///< of z (or of y for a fused ReLU)
    std::int32_t actMin = -128, actMax = 127;
    /// Sigmoid, tanh, leaky ReLU: y_q = lut[z_q + 128], y quantized with lutOutput.
    std::vector<std::int8_t> lut;
    QuantParams lutOutput;
    /// Where the layer's y lives (output, or lutOutput when there is a LUT).
    QuantParams result() const { return lut.empty() ? output : lutOutput; }
};

/// A whole network in int8: the input is quantized with scale 1/255 and zero point −128, so a
/// pixel byte p becomes exactly p − 128. The last layer's logits go through an integer softmax
/// whose output has scale 1/256 and zero point −128, as in TFLite.
struct QuantizedModel
{
    ModelSpec spec;
    QuantParams input;
    std::vector<QuantizedLayer> layers;
    /// exp(−S_logits · d) · 2^16 for d = 0..255: the integer softmax's table.
    std::array<std::uint32_t, 256> softmaxTable{};
    int calibrationImages = 0;

    int inputSize() const { return spec.inputSize; }
    int outputSize() const { return spec.outputSize(); }
    int widestLayer() const;
};

/// Post-training quantization calibrated on the first `calibrationImages` images of data
/// (activation ranges from the float network). Throws Error for a model it cannot quantize.
/// progress hears calibration images done; a stop request throws Cancelled.
/// Throws Error(ExportLayerUnsupported) naming the first layer that is not Dense: the int8
/// runner and the C export handle dense models only for now.
void requireDenseForExport(const ModelSpec &spec);

QuantizedModel quantize(const Network &net, const Dataset &calibration, int calibrationImages,
                        const Progress &progress = {});

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

/// The integer softmax: probabilities with scale 1/256, zero point −128, from int8 logits.
void integerSoftmax(const std::int8_t *logits, int n, const std::array<std::uint32_t, 256> &table,
                    std::int8_t *out);

} // namespace tinyml::core
