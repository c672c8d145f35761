// SPDX-License-Identifier: GPL-3.0-or-later
// Harness: the .tflite reader (core::readTflite), then what a loaded model meets next
// (prediction, evaluation with its confusion matrix, the budget, the float32 C export) and, for a
// fully-integer file, its own int8 arithmetic (core/tflite/tfliteint8.h).
// Byte 0 chooses the input range given with the file (0: none, 1: 0..1, 2: 0..255, 3: -1..1),
// the rest is the file. A file is refused with a core::Error, or it loads into a network whose
// probabilities are finite, and later stages export it or refuse it with an Error. An int8 model
// is there or refused, never both; it runs on any input and gives its number of outputs, each
// on its output's int8 grid.

#include "fuzzsupport.h"

#include "core/base/error.h"
#include "core/deploy/budget.h"
#include "core/deploy/codegen.h"
#include "core/nn/trainer.h"
#include "core/tflite/tfliteint8.h"
#include "core/tflite/tflitereader.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

using namespace tinyml;

namespace {

void useInt8(const core::TfliteInt8Import &int8, int inputs, int outputs)
{
    if (int8.model.has_value() == int8.refusal.has_value())
        fuzz::finding("an int8 import is both there and refused, or neither");
    if (!int8.model)
        return;
    if (int8.model->inputSize() != inputs || int8.model->outputSize() != outputs)
        fuzz::finding("the int8 model's sizes differ from its float32 view's");
    for (const float level : {0.0f, 0.25f, 1.0f}) {
        std::vector<float> out;
        std::vector<std::int8_t> raw;
        const int best
            = int8.run(std::vector<float>(std::size_t(inputs), level), &out, &raw);
        if (best < 0 || best >= outputs || out.size() != std::size_t(outputs)
            || raw.size() != out.size())
            fuzz::finding("the int8 model answered with the wrong class or sizes");
        for (std::size_t c = 0; c < out.size(); ++c)
            if (out[c] != float(double(int8.output.scale)
                                * double(int(raw[c]) - int8.output.zeroPoint)))
                fuzz::finding("an int8 output is not its integer dequantized");
    }
}

void useModel(const core::LoadedModel &model)
{
    const core::Network &net = model.network;
    const auto &spec = net.spec();
    if (spec.inputSize <= 0 || spec.outputSize() <= 0)
        fuzz::finding("a .tflite without inputs or outputs was accepted");
    for (const float level : {0.0f, 0.5f, 1.0f}) {
        const auto probs = net.predict(std::vector<float>(std::size_t(spec.inputSize), level));
        if (probs.size() != std::size_t(spec.outputSize()))
            fuzz::finding("predict returned the wrong number of outputs");
        for (float p : probs)
            if (!std::isfinite(p))
                fuzz::finding("an imported model predicts a non-finite value");
    }
    core::Dataset d;
    d.name = "fuzz";
    d.rows = 1;
    d.cols = spec.inputSize;
    d.images.resize(2 * std::size_t(spec.inputSize));
    for (std::size_t i = 0; i < d.images.size(); ++i)
        d.images[i] = std::uint8_t(i * 53 % 256);
    d.labels = {0, std::uint8_t(std::min(spec.outputSize() - 1, 9))};
    d.classNames = core::classNames(core::DatasetKind::Mnist);
    const core::Evaluation ev = core::evaluate(net, d);
    if (ev.classes != spec.outputSize())
        fuzz::finding("the confusion matrix has the wrong size");
    if (model.int8)
        useInt8(*model.int8, spec.inputSize, spec.outputSize());
    (void)core::modelBudget(spec);
    core::ExportOptions options;
    options.testVectors = 1;
    try {
        (void)core::generateCode(net, options, d, d);
    } catch (const core::Error &) {
        // A model that cannot be exported may say so.
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    core::TfliteImportOptions options;
    if (const int r = data[0] % 4; r > 0)
        options.inputRange = core::TfliteInputRange(r - 1);
    std::optional<core::LoadedModel> model;
    try {
        model.emplace(core::readTflite({data + 1, size - 1}, "fuzz.tflite", options));
    } catch (const core::Error &) {
        return 0; // refused with a reason
    }
    try {
        useModel(*model);
    } catch (const core::Error &) {
        // A later stage refused it with a reason.
    }
    return 0;
}
