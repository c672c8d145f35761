// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/dataset.h"
#include "core/nn/modelspec.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tinyml::core {

/// An Arduino sketch that runs a .tflite with TensorFlow Lite Micro's MicroInterpreter, and the
/// model's bytes as a C array beside it (docs/facts.md §14).
struct TflmSketch
{
    std::string arrayName;      ///< the C array of the .tflite bytes, e.g. "tinyml_model_tflite"
    std::string dataHeaderName; ///< e.g. "tinyml_model_data.h"
    std::string dataHeader;     ///< the array, aligned to 16 bytes, as xxd -i lays out the bytes
    std::string sketchName;     ///< e.g. "tinyml_tflm.ino"
    std::string sketch;
    /// The MicroMutableOpResolver's Add… calls without "Add" (e.g. "FullyConnected"), one per
    /// operator kind of the model, in the order of first use; its template argument is their count.
    std::vector<std::string> resolverOps;
    std::int64_t activationBytes = 0; ///< the graph's largest operator input + output (aligned)
    std::int64_t arenaBytes = 0;      ///< the tensor arena: activations + bookkeeping margin
};

/// What the sketch needs besides the .tflite bytes.
struct TflmSketchOptions
{
    std::string prefix = "tinyml"; ///< made into a C identifier
    bool int8 = false;             ///< the .tflite is fully-integer int8 (else float32)
    int testDigits = 3;            ///< test images embedded (0 to 10, fewer if data has fewer)
};

/// The sketch for a .tflite written by writeTfliteFloat or writeTfliteInt8 from spec. operators
/// are the file's operators in execution order (TfliteSummary::operators), tensors its tensor
/// count. The sketch checks the schema version, registers exactly the operator kinds used,
/// allocates the arena, then for each embedded test digit of testData quantizes the pixels with
/// the input tensor's scale and zero point (int8) or passes pixel / 255 (float32), invokes,
/// and prints the class and the ten scores over Serial; 784 bytes received over Serial are
/// classified the same way. Throws Error(Internal) for an operator it has no resolver call for.
TflmSketch generateTflmSketch(const std::vector<std::uint8_t> &tflite,
                              const std::vector<std::string> &operators,
                              int tensors,
                              const ModelSpec &spec,
                              const Dataset &testData,
                              const TflmSketchOptions &options = {});

/// Saves the data header and the sketch into folder (created when missing), both or neither.
void saveTflmSketch(const TflmSketch &sketch, const std::filesystem::path &folder);

} // namespace tinyml::core
