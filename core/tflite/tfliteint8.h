// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/error.h"
#include "core/deploy/quantize.h"
#include "core/tflite/tflitereader.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace tinyml::core {

/// The int8 side of an imported fully-integer .tflite (every activation tensor int8 or uint8):
/// the file's own numbers for the int8 engine (TFLite Micro's reference arithmetic,
/// core/deploy/quantize.h), so that a prediction is the one the file specifies, bit for bit.
///
/// What is taken as stored: int8 weights, int32 biases, the float32 scales and the zero points
/// of every tensor (per tensor or per channel), each layer's own input and output scales. uint8
/// tensors are made int8 as TFLite's converter documents it: q − 128 with zero point
/// zp − 128 and the same scale (the same real values). The requantization multipliers are
/// computed from the float32 scales widened to double, as TFLite Micro prepares them.
/// Fused RELU sets act_min to the output zero point; a standalone RELU with its input's
/// quantization likewise. A QUANTIZE from a float input before the first layer and a DEQUANTIZE
/// after the last one are the model's ends (the input is then quantized here, the output
/// dequantized).
struct TfliteInt8Import
{
    /// The model the int8 engine runs; model.input is the file's input quantization (in int8
    /// terms), model.spec the float view's spec. Empty when refusal says why not.
    std::optional<QuantizedModel> model;
    /// Error(TfliteInt8Unsupported) naming the operator the engine cannot run bit for bit: a
    /// weight zero point other than 0, an int8 LOGISTIC, TANH or LEAKY_RELU, a requantizing
    /// RESHAPE or pooling, a softmax output other than scale 1/256, ...
    std::optional<Error> refusal;
    /// What the file's real input values are for pixels from black (0) to white (1).
    TfliteInputRange inputRange = TfliteInputRange::Unit;
    bool uint8 = false;   ///< the file's tensors were uint8
    bool softmax = false; ///< the file's output is its SOFTMAX's probabilities, else the logits
    /// The int8 output's quantization (after the uint8 conversion): scale 1/256, zero point
    /// −128 for a softmax, the last layer's output otherwise.
    QuantParams output;

    /// The int8 input value of a studio pixel x in 0..1: the file's real input a·x + c (its
    /// input range), divided by the input scale, rounded half away from zero, plus the zero
    /// point, clamped to −128..127 (TFLite's quantization of a real value).
    std::int8_t quantizePixel(float x) const;
    /// Runs the file's int8 arithmetic on model->inputSize() pixels in 0..1. outputs (if given)
    /// receives the file's output dequantized: the probabilities (multiples of 1/256) after a
    /// SOFTMAX, else the logits; int8Outputs (if given) the raw int8 values. Returns the
    /// class: the first largest int8 logit. Requires model; throws Error(InputMismatch) for
    /// another number of pixels.
    int run(std::span<const float> pixels, std::vector<float> *outputs = nullptr,
            std::vector<std::int8_t> *int8Outputs = nullptr) const;
};

/// Where the int8 C export of a loaded model takes its int8 numbers from.
enum class Int8ExportSource : std::uint8_t {
    Quantized,    ///< not a fully-integer file: quantized here from the float32 network
    File,         ///< the file's own int8 numbers, emitted as they are
    FileRefused,  ///< a fully-integer file the int8 engine cannot run (its refusal says why)
    FileInput,    ///< the file's input does not take a byte pixel p (0..1 as p / 255) to p − 128
};

/// The int8 C export's choice for model: the file's own numbers when model.int8 runs and its
/// input takes every byte pixel p, given as p / 255, to exactly p − 128 both as the file
/// quantizes it (quantizePixel) and as the generated C does (Int8Runner::quantizeInput), which
/// the exported self-test, sketch and header rely on. Otherwise the source says why not, and
/// the export quantizes the float32 view here.
struct Int8ExportChoice
{
    Int8ExportSource source = Int8ExportSource::Quantized;
    /// With File: the file's numbers (sharing the import's lifetime). Null otherwise.
    std::shared_ptr<const QuantizedModel> numbers;
};
Int8ExportChoice int8ExportChoice(const LoadedModel &model);

} // namespace tinyml::core
