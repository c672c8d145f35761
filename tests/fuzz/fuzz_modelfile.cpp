// SPDX-License-Identifier: GPL-3.0-or-later
// Harness: the model-file reader, then every later stage a loaded model meets (prediction,
// evaluation with its confusion matrix, the budget, float32 and int8 code generation).
// A model the reader accepts must survive all of them: a stage may refuse it with an Error,
// never crash, hit undefined behaviour or answer with non-finite probabilities.
//
// A checksum stops accidents, not crafted files: with an odd first byte the harness appends
// the right CRC-32 to the rest, so that mutations reach the checks behind the checksum.

#include "fuzzsupport.h"

#include "core/base/error.h"
#include "core/base/progress.h"
#include "core/deploy/budget.h"
#include "core/deploy/codegen.h"
#include "core/io/fileio.h"
#include "core/io/modelfile.h"
#include "core/nn/trainer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

using namespace tinyml;

namespace {

/// Two small images of the model's input size with labels 0 and the last class.
core::Dataset tinyData(const core::Network &net)
{
    core::Dataset d;
    d.name = "fuzz";
    d.rows = 1;
    d.cols = net.spec().inputSize;
    const std::size_t pixels = std::size_t(net.spec().inputSize);
    d.images.resize(2 * pixels);
    for (std::size_t i = 0; i < d.images.size(); ++i)
        d.images[i] = std::uint8_t(i * 37 % 256);
    const int classes = net.spec().outputSize();
    d.labels = {0, std::uint8_t(std::min(classes - 1, 9))};
    d.classNames = core::classNames(core::DatasetKind::Mnist);
    return d;
}

void useModel(const core::LoadedModel &model)
{
    const core::Network &net = model.network;
    const auto &spec = net.spec();
    if (spec.inputSize <= 0 || spec.outputSize() <= 0)
        fuzz::finding("a model without inputs or outputs was accepted");

    const std::vector<float> input(std::size_t(spec.inputSize), 0.5f);
    const auto probs = net.predict(input);
    if (probs.size() != std::size_t(spec.outputSize()))
        fuzz::finding("predict returned the wrong number of outputs");
    for (float p : probs)
        if (!std::isfinite(p))
            fuzz::finding("a loaded model predicts a non-finite value");

    const core::Dataset data = tinyData(net);
    const core::Evaluation ev = core::evaluate(net, data);
    if (ev.classes != spec.outputSize()
        || ev.confusion.size() != std::size_t(ev.classes) * std::size_t(ev.classes))
        fuzz::finding("the confusion matrix has the wrong size");

    (void)core::modelBudget(spec);

    for (auto precision : {core::Precision::Float32, core::Precision::Int8}) {
        core::ExportOptions options;
        options.precision = precision;
        options.calibrationImages = 2;
        options.testVectors = 1;
        try {
            const core::GeneratedCode code = core::generateCode(net, options, data, data);
            (void)code;
        } catch (const core::Error &) {
            // A model that cannot be exported may say so.
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    std::vector<std::uint8_t> bytes(data + 1, data + size);
    if ((data[0] & 1) != 0) {
        const std::uint32_t crc = core::crc32(bytes);
        for (int i = 0; i < 4; ++i)
            bytes.push_back(std::uint8_t(crc >> (8 * i)));
    }
    std::optional<core::LoadedModel> model;
    try {
        model.emplace(core::deserializeModel(bytes, "fuzz.tmlm"));
    } catch (const core::Error &) {
        return 0; // refused with a reason
    }
    try {
        useModel(*model);
    } catch (const core::Error &) {
        // A later stage refused it with a reason: acceptable, though the loader should have.
    }
    return 0;
}
