// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/dataset.h"
#include "core/nn/network.h"
#include "core/deploy/boards.h"
#include "core/deploy/quantize.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tinyml::core {

enum class Precision : std::uint8_t { Float32, Int8 };


struct ExportOptions
{
    Precision precision = Precision::Float32;
    std::string prefix = "tinyml";   ///< made into a valid C identifier
    std::string baseName;            ///< file names without extension; default prefix + "_model"
    int calibrationImages = 1000;    ///< int8: training images for the activation ranges
    int testVectors = 5;             ///< embedded test digits with their expected outputs
    std::string description;         ///< e.g. "test accuracy 98.14 %", for the header comment
    /// int8 Dense layers: one weight scale per layer (TFLite's converter default) or per row.
    DenseQuantization dense = DenseQuantization::PerTensor;
    /// AVR (needsProgmem): every const array in PROGMEM, read with pgm_read_* from
    /// <avr/pgmspace.h> (docs/facts.md §9); otherwise plain const arrays.
    bool progmem = false;
    /// int8: these int8 numbers are emitted as they are (an imported fully-integer .tflite's own,
    /// see int8ExportChoice() in core/tflite/tfliteint8.h) instead of quantizing the network, and
    /// nothing is calibrated. Their layers must be the network's, and their input must take a
    /// byte pixel p (p / 255 in 0..1) to exactly p − 128. Null: quantized here from float32.
    std::shared_ptr<const QuantizedModel> int8Numbers;
};

/// What the generated code occupies, counted from the arrays it declares; code is an estimate
/// of the functions' machine code (measured with arm-none-eabi-gcc -Os for Cortex-M4).
struct CodeBudget
{
    std::int64_t weights = 0;   ///< bytes of weight arrays
    std::int64_t biases = 0;    ///< bytes of bias arrays
    std::int64_t constants = 0; ///< multipliers, shifts, tables, test vectors
    std::int64_t code = 0;      ///< estimated machine code
    std::int64_t ram = 0;       ///< static buffers: the activation arena
    std::int64_t flash() const { return weights + biases + constants + code; }
};

struct GeneratedCode
{
    std::string prefix;     ///< the C identifier prefix used
    std::string headerName; ///< e.g. "tinyml_model.h"
    std::string sourceName;
    std::string header;
    std::string source;
    std::string sketchName; ///< e.g. "tinyml_demo.ino"
    std::string sketch;     ///< an Arduino sketch using the model
    CodeBudget budget;
    CodeFigures figures; ///< for boardVerdict
    std::optional<QuantizedModel> quantized;
    /// int8: quantized holds ExportOptions::int8Numbers (a file's own), not a quantization here.
    bool int8FromFile = false;
};

/// Makes any text a valid C identifier: letters, digits and underscores, not starting with a
/// digit, not a C keyword; empty becomes "model".
std::string cIdentifier(const std::string &text);

/// Generates plain C99 for the network (Dense, Conv2D, DepthwiseConv2D, pooling, Flatten,
/// Dropout): no dynamic memory, nothing beyond stdint.h/stddef.h, weights const; dense weights
/// [out][in], Conv2D OHWI, DepthwiseConv2D [ky][kx][c]; every activation in one arena as large
/// as the largest input + output pair of a layer. testData supplies the test vectors (and, for int8, the
/// calibration images come from calibration). Throws Error when a weight is not finite.
/// progress hears the int8 calibration; a stop request throws Cancelled.
GeneratedCode generateCode(const Network &net, const ExportOptions &options, const Dataset &testData,
                           const Dataset &calibration, const Progress &progress = {});

/// Saves the header and source (and with withSketch the Arduino sketch) into folder, all or
/// nothing (writeFilesTogether): on any failure no file in folder changes, and folders this
/// call created are removed again. Creates folder (and its parents) when missing. Throws Error.
void saveGeneratedCode(const GeneratedCode &code,
                       const std::filesystem::path &folder,
                       bool withSketch);

} // namespace tinyml::core
