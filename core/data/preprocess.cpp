// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/preprocess.h"

#include <algorithm>
#include <cmath>

namespace tinyml::core {

GrayImage resizeArea(const GrayImage &src, int width, int height)
{
    GrayImage out(width, height);
    const double sx = double(src.width) / width;
    const double sy = double(src.height) / height;
    for (int oy = 0; oy < height; ++oy) {
        const double y0 = oy * sy;
        const double y1 = y0 + sy;
        for (int ox = 0; ox < width; ++ox) {
            const double x0 = ox * sx;
            const double x1 = x0 + sx;
            double sum = 0.0;
            for (int y = int(y0); y < int(std::ceil(y1)) && y < src.height; ++y) {
                const double wy = std::min(y1, double(y + 1)) - std::max(y0, double(y));
                if (wy <= 0.0)
                    continue;
                for (int x = int(x0); x < int(std::ceil(x1)) && x < src.width; ++x) {
                    const double wx = std::min(x1, double(x + 1)) - std::max(x0, double(x));
                    if (wx > 0.0)
                        sum += wx * wy * src.at(x, y);
                }
            }
            out.at(ox, oy) = std::uint8_t(std::clamp(std::lround(sum / (sx * sy)), 0L, 255L));
        }
    }
    return out;
}

bool centreOfMass(const GrayImage &img, double &cx, double &cy)
{
    double total = 0.0, sx = 0.0, sy = 0.0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const double v = img.at(x, y);
            total += v;
            sx += v * x;
            sy += v * y;
        }
    if (total <= 0.0)
        return false;
    cx = sx / total;
    cy = sy / total;
    return true;
}

Preprocessed preprocessDrawing(const GrayImage &canvas, Polarity polarity)
{
    Preprocessed r;
    if (canvas.isEmpty())
        return r;
    // 1. Bright ink on black.
    bool invert = polarity == Polarity::DarkOnLight;
    if (polarity == Polarity::Auto) {
        double border = 0.0;
        int n = 0;
        for (int x = 0; x < canvas.width; ++x) {
            border += canvas.at(x, 0) + canvas.at(x, canvas.height - 1);
            n += 2;
        }
        for (int y = 0; y < canvas.height; ++y) {
            border += canvas.at(0, y) + canvas.at(canvas.width - 1, y);
            n += 2;
        }
        invert = border / n > 127.5;
    }
    r.ink = canvas;
    if (invert)
        for (auto &p : r.ink.pixels)
            p = std::uint8_t(255 - p);

    // 2. Bounding box of the ink.
    int minX = canvas.width, minY = canvas.height, maxX = -1, maxY = -1;
    for (int y = 0; y < canvas.height; ++y)
        for (int x = 0; x < canvas.width; ++x)
            if (r.ink.at(x, y) > kInkThreshold) {
                minX = std::min(minX, x);
                maxX = std::max(maxX, x);
                minY = std::min(minY, y);
                maxY = std::max(maxY, y);
            }
    if (maxX < 0)
        return r; // empty
    r.empty = false;
    r.boxX = minX;
    r.boxY = minY;
    r.boxWidth = maxX - minX + 1;
    r.boxHeight = maxY - minY + 1;
    r.cropped = GrayImage(r.boxWidth, r.boxHeight);
    for (int y = 0; y < r.boxHeight; ++y)
        for (int x = 0; x < r.boxWidth; ++x)
            r.cropped.at(x, y) = r.ink.at(minX + x, minY + y);

    // 3. Longer side to 20 px, aspect ratio kept, area-averaged (anti-aliased).
    const int longer = std::max(r.boxWidth, r.boxHeight);
    const int w = std::max(1, int(std::lround(20.0 * r.boxWidth / longer)));
    const int h = std::max(1, int(std::lround(20.0 * r.boxHeight / longer)));
    r.scaled = resizeArea(r.cropped, w, h);
    r.box20 = GrayImage(20, 20);
    const int ox = (20 - w) / 2, oy = (20 - h) / 2;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            r.box20.at(ox + x, oy + y) = r.scaled.at(x, y);

    // 4. Into 28x28, then shift the centre of mass to the centre (staying inside the field).
    double cx = 0.0, cy = 0.0;
    centreOfMass(r.box20, cx, cy);
    cx += 4.0;
    cy += 4.0;
    const int minShiftX = -(4 + ox), maxShiftX = 28 - (4 + ox + w);
    const int minShiftY = -(4 + oy), maxShiftY = 28 - (4 + oy + h);
    r.shiftX = std::clamp(int(std::lround(kFieldCentre - cx)), minShiftX, maxShiftX);
    r.shiftY = std::clamp(int(std::lround(kFieldCentre - cy)), minShiftY, maxShiftY);
    r.centred = GrayImage(28, 28);
    for (int y = 0; y < 20; ++y)
        for (int x = 0; x < 20; ++x) {
            const int tx = 4 + x + r.shiftX, ty = 4 + y + r.shiftY;
            if (tx >= 0 && ty >= 0 && tx < 28 && ty < 28)
                r.centred.at(tx, ty) = r.box20.at(x, y);
        }

    // 5. Normalise as in training.
    double mass = 0.0;
    for (std::size_t i = 0; i < r.input.size(); ++i) {
        r.input[i] = float(r.centred.pixels[i]) / 255.0f;
        mass += r.input[i];
    }
    // Emptiness is decided again at the size the network sees: specks that passed the ink
    // threshold on a large page may have been averaged away.
    r.empty = mass < kMinInkPixels;
    return r;
}

} // namespace tinyml::core
