// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/inputcheck.h"

#include <algorithm>
#include <array>
#include <vector>

namespace tinyml::core {

namespace {

constexpr int kSide = 28;
/// Brighter than half: the pixels that make up a stroke's body.
constexpr float kStrokeLevel = 0.5f;
/// Pieces smaller than this many pixels are specks, not pieces.
constexpr int kMinPiecePixels = 3;

double strokeWidthOf(const std::array<float, 784> &input)
{
    auto lit = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < kSide && y < kSide
               && input[std::size_t(y * kSide + x)] > kStrokeLevel;
    };
    int area = 0, boundary = 0;
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            if (!lit(x, y))
                continue;
            ++area;
            if (!lit(x - 1, y) || !lit(x + 1, y) || !lit(x, y - 1) || !lit(x, y + 1))
                ++boundary;
        }
    return boundary > 0 ? 2.0 * area / boundary : 0.0;
}

int piecesOf(const std::array<float, 784> &input, int &left, int &right, int &top, int &bottom)
{
    const float level = float(kInkThreshold) / 255.0f;
    std::vector<int> label(784, 0);
    std::vector<int> stack;
    int pieces = 0, next = 0;
    left = kSide, right = -1, top = kSide, bottom = -1;
    for (int start = 0; start < 784; ++start) {
        if (label[std::size_t(start)] != 0 || input[std::size_t(start)] <= level)
            continue;
        ++next;
        int size = 0;
        stack.assign(1, start);
        label[std::size_t(start)] = next;
        while (!stack.empty()) {
            const int p = stack.back();
            stack.pop_back();
            ++size;
            const int px = p % kSide, py = p / kSide;
            left = std::min(left, px);
            right = std::max(right, px);
            top = std::min(top, py);
            bottom = std::max(bottom, py);
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int x = px + dx, y = py + dy;
                    if (x < 0 || y < 0 || x >= kSide || y >= kSide)
                        continue;
                    const std::size_t q = std::size_t(y * kSide + x);
                    if (label[q] == 0 && input[q] > level) {
                        label[q] = next;
                        stack.push_back(int(q));
                    }
                }
        }
        if (size >= kMinPiecePixels)
            ++pieces;
    }
    return pieces;
}

} // namespace

InputCheck checkInput(const Preprocessed &pre)
{
    InputCheck c;
    if (pre.ink.isEmpty() || pre.boxWidth <= 0 || pre.boxHeight <= 0)
        return c;
    for (float v : pre.input)
        c.inkPixels += double(v);
    if (c.inkPixels <= 0.0)
        return c;
    const int shorter = std::min(pre.ink.width, pre.ink.height);
    c.canvasShare = double(std::max(pre.boxWidth, pre.boxHeight)) / double(std::max(1, shorter));
    c.strokeWidth = strokeWidthOf(pre.input);
    int left = 0, right = 0, top = 0, bottom = 0;
    c.pieces = piecesOf(pre.input, left, right, top, bottom);
    if (right >= left && bottom >= top)
        c.aspect = double(right - left + 1) / double(bottom - top + 1);

    c.littleInk = c.inkPixels < kMnistLeastInk;
    c.tiny = c.canvasShare < kTinyCanvasShare;
    c.blob = c.strokeWidth > kMnistMaxStrokeWidth;
    c.wide = c.aspect > kMnistMaxAspect;
    c.scattered = c.pieces > kMnistMaxPieces;
    return c;
}

} // namespace tinyml::core
