// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tflite/tfliteint8.h"

#include <algorithm>
#include <cmath>

namespace tinyml::core {

std::int8_t TfliteInt8Import::quantizePixel(float x) const
{
    // The file's real input for x: 0..1 as it is, 0..255 = 255·x, −1..1 = 2·x − 1.
    double real = double(x);
    if (inputRange == TfliteInputRange::Byte)
        real = 255.0 * real;
    else if (inputRange == TfliteInputRange::Symmetric)
        real = 2.0 * real - 1.0;
    const QuantParams &q = model->input;
    // Clamped in double first: a tiny scale must not make an integer conversion overflow.
    const double v = std::clamp(std::round(real / double(q.scale)) + double(q.zeroPoint), -128.0,
                                127.0);
    return std::int8_t(v);
}

int TfliteInt8Import::run(std::span<const float> pixels, std::vector<float> *outputs,
                          std::vector<std::int8_t> *int8Outputs) const
{
    const QuantizedModel &m = *model;
    const std::size_t n = std::size_t(m.outputSize());
    std::vector<std::int8_t> in(std::size_t(m.inputSize()));
    if (pixels.size() != in.size())
        throw Error(ErrorCode::InputMismatch,
                    {.expected = m.inputSize(), .found = std::int64_t(pixels.size())});
    for (std::size_t i = 0; i < in.size(); ++i)
        in[i] = quantizePixel(pixels[i]);
    std::vector<std::int8_t> logits(n), probabilities(n);
    Int8Runner runner(m);
    const int best = runner.run(in.data(), logits.data(), probabilities.data());
    const std::vector<std::int8_t> &out = softmax ? probabilities : logits;
    if (outputs) {
        outputs->resize(n);
        for (std::size_t c = 0; c < n; ++c)
            (*outputs)[c] = float(double(output.scale) * double(int(out[c]) - output.zeroPoint));
    }
    if (int8Outputs)
        *int8Outputs = out;
    return best;
}

Int8ExportChoice int8ExportChoice(const LoadedModel &model)
{
    Int8ExportChoice choice;
    const std::shared_ptr<const TfliteInt8Import> &file = model.int8;
    if (!file)
        return choice;
    if (!file->model) {
        choice.source = Int8ExportSource::FileRefused;
        return choice;
    }
    for (int p = 0; p < 256; ++p) {
        const float pixel = float(p) / 255.0f;
        if (file->quantizePixel(pixel) != p - 128
            || Int8Runner::quantizeInput(pixel, file->model->input) != p - 128) {
            choice.source = Int8ExportSource::FileInput;
            return choice;
        }
    }
    choice.source = Int8ExportSource::File;
    choice.numbers = std::shared_ptr<const QuantizedModel>(file, &*file->model);
    return choice;
}

} // namespace tinyml::core
