// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/random.h"

#include <cstdint>

namespace tinyml::core {

/// Limits of the random distortions used when training with augmentation. They mimic how
/// a learner's drawing differs from MNIST: placement, slant, size and pen width.
struct AugmentLimits
{
    float maxShift = 3.0f;         ///< pixels, each direction
    float maxRotation = 0.21f;     ///< radians (about 12 degrees)
    float minScale = 0.85f;
    float maxScale = 1.15f;
    float strokeChange = 0.35f;    ///< probability of thickening or thinning the strokes
};

/// Writes a randomly distorted copy of src (rows x cols bytes) as floats in 0..1 into dst.
void augmentImage(const std::uint8_t *src, int rows, int cols, float *dst, Rng &rng,
                  const AugmentLimits &limits = {});

} // namespace tinyml::core
