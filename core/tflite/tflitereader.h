// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/modelfile.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tinyml::core {

/// The values a model's input expects for pixels from black to white.
enum class TfliteInputRange : std::uint8_t {
    Unit,      ///< 0..1 (pixels / 255, the studio's own convention)
    Byte,      ///< 0..255
    Symmetric, ///< −1..1
};

/// "0..1", "0..255", "-1..1".
std::string_view toString(TfliteInputRange range);
/// Parses what toString() writes (and "−1..1" with a real minus); nullopt otherwise.
std::optional<TfliteInputRange> tfliteInputRangeFromString(std::string_view text);

/// What the caller knows that a file may not say.
struct TfliteImportOptions
{
    /// The input range when the file does not state it (a float32 input tensor made by another
    /// writer). When set it also overrides what the file states.
    std::optional<TfliteInputRange> inputRange;
};

/// True when bytes carry TFLite's file identifier "TFL3" at bytes 4..7.
bool isTflite(std::span<const std::uint8_t> bytes);

/// Keys of LoadedModel::info that an import fills.
inline constexpr std::string_view kInfoFormat = "format"; ///< "tflite"
/// "float32", "float16" (computed in float32), "int8 dynamic range" or "int8 fully integer"
/// ("uint8 ..." likewise).
inline constexpr std::string_view kInfoTfliteWeights = "tflite_weights";
/// How the int8 numbers were read: "dequantized to float32" (absent for float32 files).
inline constexpr std::string_view kInfoTfliteQuantization = "tflite_quantization";
/// The file's input range ("0..255"), as toString(TfliteInputRange) writes it.
inline constexpr std::string_view kInfoTfliteInputRange = "tflite_input_range";
/// Where the input range came from: "file" or "user".
inline constexpr std::string_view kInfoTfliteInputRangeSource = "tflite_input_range_source";
/// What answers predictions: kAnswersInt8 (LoadedModel::int8, the file's own integers) or
/// kAnswersFloat (the float32 network).
inline constexpr std::string_view kInfoTfliteAnswers = "tflite_answers";
inline constexpr std::string_view kAnswersInt8 = "int8 arithmetic from the file";
inline constexpr std::string_view kAnswersFloat = "float32";
/// Why a fully-integer file's int8 arithmetic does not answer (Error(TfliteInt8Unsupported)'s
/// English text); absent otherwise.
inline constexpr std::string_view kInfoTfliteInt8Refused = "tflite_int8_refused";

/// The info of an imported model as the studio's own format stores it: the import keys (format,
/// tflite_*) become one "imported_from" entry, since the saved file is no .tflite and takes
/// pixels in 0..1. Other info is kept as it is.
ModelInfo infoForSaving(const ModelInfo &info);

/// Reads a .tflite model (docs/facts.md §12) into the engine's network. The buffer is first
/// verified structurally (FlatBuffers' verifier, bounded depth and table count), then for
/// meaning: one subgraph; one input and one output; operators among FULLY_CONNECTED, CONV_2D,
/// DEPTHWISE_CONV_2D, MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, SOFTMAX, LOGISTIC, TANH, RELU,
/// LEAKY_RELU (slope 0.01) and QUANTIZE/DEQUANTIZE, chained in order, each reading the output of
/// the one before; every tensor's shape matching what the layer computes; every constant
/// buffer exactly the size its tensor needs, its values finite.
///
/// Weights are converted from TFLite's layouts (FULLY_CONNECTED [out, in], CONV_2D OHWI,
/// DEPTHWISE_CONV_2D [1, kh, kw, C]) to the engine's (DESIGN.md). int8/uint8 weights (dynamic
/// range and fully-integer files) are dequantized, real = scale · (q − zero point), per tensor
/// or per channel; int32 biases likewise: the network is the float32 view of the model (for
/// inspecting, stepping, fine-tuning). A dynamic-range file (int8 weights, float activations)
/// computes in float32, as its format means. A fully-integer file (int8 or uint8 activations)
/// also gets LoadedModel::int8 (core/tflite/tfliteint8.h): its own integers for the int8
/// engine, which then answers predictions bit for bit as the file specifies, or the refusal
/// naming what the engine cannot run (info kInfoTfliteAnswers says which answers).
///
/// The input range is read from a quantized input's scale and zero point, or from a file this
/// studio wrote; otherwise options.inputRange must give it, else Error(TfliteInputRangeUnknown).
/// It is folded into the first layer with weights (x_file = a · x + c for the studio's x in
/// 0..1: W·a, b + c·ΣW), so that the loaded network takes pixels in 0..1 like every other
/// model of the studio, and recorded in info. Throws Error naming source and the operator or
/// tensor at fault.
LoadedModel readTflite(std::span<const std::uint8_t> bytes,
                       const std::string &source,
                       const TfliteImportOptions &options = {});

/// A model file of either kind, told apart by content: a .tflite (identifier "TFL3") through
/// readTflite(), else the studio's own format (loadModel()).
LoadedModel loadAnyModel(const std::filesystem::path &file,
                         const TfliteImportOptions &options = {});

} // namespace tinyml::core
