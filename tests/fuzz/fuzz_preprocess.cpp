// SPDX-License-Identifier: GPL-3.0-or-later
// Harness: MNIST's preprocessing on arbitrary canvases. Bytes 0-1 give the width and bytes
// 2-3 the height (1 to 512 each), byte 4 the polarity, the rest the pixels (repeated to fill
// the canvas; a canvas without pixel bytes is black). Whatever the canvas, the result must be
// a 28x28 input in 0..1 and a bounding box inside the canvas.

#include "fuzzsupport.h"

#include "core/data/preprocess.h"

#include <cmath>

using namespace tinyml;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 5)
        return 0;
    const int width = 1 + (data[0] | data[1] << 8) % 512;
    const int height = 1 + (data[2] | data[3] << 8) % 512;
    const auto polarity = core::Polarity(data[4] % 3);
    const std::uint8_t *pixels = data + 5;
    const std::size_t count = size - 5;
    core::GrayImage canvas(width, height);
    if (count > 0)
        for (std::size_t i = 0; i < canvas.pixels.size(); ++i)
            canvas.pixels[i] = pixels[i % count];

    const core::Preprocessed p = core::preprocessDrawing(canvas, polarity);
    for (float v : p.input)
        if (!(v >= 0.0f && v <= 1.0f))
            fuzz::finding("an input value outside 0..1");
    if (p.empty) {
        // Empty: no ink, or less than kMinInkPixels of it left at 28x28 (faint specks).
        double ink = 0.0;
        for (float v : p.input)
            ink += double(v);
        if (ink >= core::kMinInkPixels)
            fuzz::finding("an empty drawing with a digit's worth of ink in its input");
        return 0;
    }
    if (p.boxX < 0 || p.boxY < 0 || p.boxWidth <= 0 || p.boxHeight <= 0
        || p.boxX + p.boxWidth > width || p.boxY + p.boxHeight > height)
        fuzz::finding("the bounding box leaves the canvas");
    if (p.centred.width != 28 || p.centred.height != 28
        || p.centred.pixels.size() != std::size_t(28 * 28))
        fuzz::finding("the centred image is not 28x28");
    if (p.scaled.width > 20 || p.scaled.height > 20 || p.scaled.width < 1 || p.scaled.height < 1)
        fuzz::finding("the scaled image is not within 20x20");
    return 0;
}
