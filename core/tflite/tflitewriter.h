// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/deploy/quantize.h"
#include "core/nn/network.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tinyml::core {

/// How an int8 .tflite quantizes a Dense layer's weights: one scale for the whole kernel (what
/// TFLite's converter writes by default) or one per output unit (quantized_dimension 0).
enum class TfliteDenseScales : std::uint8_t { PerTensor, PerChannel };

/// What a written model holds, for reports and tests.
struct TfliteSummary
{
    std::vector<std::string> operators; ///< TFLite's operator names, in execution order
    int tensors = 0;
    std::int64_t bytes = 0;
    TfliteDenseScales denseScales = TfliteDenseScales::PerTensor; ///< int8 files only
};

/// A float32 .tflite of net (docs/facts.md §12): input [1, 784] for a flat model or
/// [1, H, W, C] for an image model, float32 in the model's own input range (pixels / 255);
/// output the last layer's values. Dense → FULLY_CONNECTED (weights [out, in]), Conv2D →
/// CONV_2D (filters OHWI), DepthwiseConv2D → DEPTHWISE_CONV_2D (filter [1, kh, kw, C]), pooling
/// → MAX_POOL_2D / AVERAGE_POOL_2D, Flatten → RESHAPE, Dropout omitted. ReLU is fused into the
/// layer's operator; sigmoid, tanh, leaky ReLU and softmax follow it as LOGISTIC, TANH,
/// LEAKY_RELU and SOFTMAX. Throws Error(TfliteLayerUnsupported) naming a layer it cannot express.
std::vector<std::uint8_t> writeTfliteFloat(const Network &net, TfliteSummary *summary = nullptr);

/// A fully-integer int8 .tflite of q, as TFLite's converter makes one with a representative data
/// set: int8 input (scale 1/255, zero point −128: byte p is p − 128) and int8 output (the
/// softmax's probabilities with scale 1/256, zero point −128). Weights symmetric int8 with
/// float32 scales, int32 biases with scale input scale × weight scale and zero point 0.
/// Dense weights have one scale per layer or per unit as q was quantized (q.dense;
/// summary->denseScales says which), convolutions one per output channel (quantized_dimension 0
/// for CONV_2D, 3 for DEPTHWISE_CONV_2D); pooling and Flatten keep their input's quantization.
/// Throws Error(TfliteLayerUnsupported) for an activation an int8 file cannot hold here (sigmoid,
/// tanh and leaky ReLU: TFLite fixes their int8 output scales, the engine calibrates them).
///
/// denseAsConv writes each Dense layer as a 1×1 CONV_2D between two RESHAPEs instead of a
/// FULLY_CONNECTED: the same weight bytes ([out, 1, 1, in] is [out, in]), scales and biases, for
/// interpreters that refuse per-channel FULLY_CONNECTED (Arm NN 20.08 aborts on it).
std::vector<std::uint8_t> writeTfliteInt8(const QuantizedModel &q, TfliteSummary *summary = nullptr,
                                          bool denseAsConv = false);

/// The bytes as C source, as `xxd -i` writes them: `unsigned char NAME[] = { 0x.., ... };` with
/// twelve bytes a line, then `unsigned int NAME_len = N;`. name must be a C identifier.
std::string tfliteAsCArray(const std::vector<std::uint8_t> &bytes, std::string_view name);

} // namespace tinyml::core
