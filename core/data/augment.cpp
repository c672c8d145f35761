// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/augment.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tinyml::core {

void augmentImage(const std::uint8_t *src, int rows, int cols, float *dst, Rng &rng,
                  const AugmentLimits &limits)
{
    const float angle = rng.uniform(-limits.maxRotation, limits.maxRotation);
    const float scale = rng.uniform(limits.minScale, limits.maxScale);
    const float dx = rng.uniform(-limits.maxShift, limits.maxShift);
    const float dy = rng.uniform(-limits.maxShift, limits.maxShift);
    const float stroke = rng.uniform();
    // Inverse mapping: for each output pixel, where it comes from in the source.
    const float cx = 0.5f * float(cols - 1);
    const float cy = 0.5f * float(rows - 1);
    const float cosA = std::cos(angle) / scale;
    const float sinA = std::sin(angle) / scale;
    constexpr float kScale = 1.0f / 255.0f;
    auto at = [&](int y, int x) -> float {
        if (x < 0 || y < 0 || x >= cols || y >= rows)
            return 0.0f;
        return float(src[y * cols + x]);
    };
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) {
            const float ox = float(x) - cx - dx;
            const float oy = float(y) - cy - dy;
            const float sx = cosA * ox + sinA * oy + cx;
            const float sy = -sinA * ox + cosA * oy + cy;
            const int x0 = int(std::floor(sx));
            const int y0 = int(std::floor(sy));
            const float fx = sx - float(x0);
            const float fy = sy - float(y0);
            const float v = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1))
                            + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
            dst[y * cols + x] = v * kScale;
        }
    }
    if (stroke >= limits.strokeChange)
        return;
    // Thicker (two thirds of the cases) or thinner strokes: grey dilation or a soft erosion
    // over the 4-neighbourhood.
    const bool thicker = stroke < limits.strokeChange * (2.0f / 3.0f);
    thread_local std::vector<float> copy;
    copy.assign(dst, dst + rows * cols);
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) {
            float v = copy[y * cols + x];
            const int nx[4] = {x - 1, x + 1, x, x};
            const int ny[4] = {y, y, y - 1, y + 1};
            float extreme = v;
            for (int k = 0; k < 4; ++k) {
                const float n = (nx[k] < 0 || ny[k] < 0 || nx[k] >= cols || ny[k] >= rows)
                                    ? 0.0f
                                    : copy[ny[k] * cols + nx[k]];
                extreme = thicker ? std::max(extreme, n) : std::min(extreme, n);
            }
            dst[y * cols + x] = thicker ? std::max(v, 0.75f * extreme) : 0.5f * (v + extreme);
        }
    }
}

} // namespace tinyml::core
