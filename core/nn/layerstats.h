// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/tensor.h"
#include "core/nn/network.h"

#include <cstdint>
#include <span>
#include <vector>

namespace tinyml::core {

/// Counts of values in equal bins from low to high; values outside go to the first or last bin.
struct Histogram
{
    double low = 0.0;
    double high = 0.0;
    std::vector<int> counts;

    int total() const;
    double binWidth() const { return counts.empty() ? 0.0 : (high - low) / double(counts.size()); }
};

/// bins equal bins over [low, high] (high > low); non-finite values are left out.
Histogram makeHistogram(std::span<const float> values, double low, double high, int bins);

/// What one layer looks like at one moment of training, as TensorBoard's histograms show it.
struct LayerStats
{
    bool hasWeights = false;
    Histogram weights;     ///< kernel values, over ± the largest |w|
    Histogram activations; ///< the layer's outputs on the probe batch, over their range
    /// log10 |∂L/∂w| of every kernel weight whose gradient is not exactly 0 on the probe batch,
    /// over [kLowestLog, kHighestLog]: a vanishing gradient piles up on the left, an exploding
    /// one on the right.
    Histogram gradients;
    int zeroGradients = 0;    ///< kernel weights whose gradient is exactly 0 (left out above)
    double weightRms = 0.0;   ///< sqrt(mean w²) of the kernel
    double gradientRms = 0.0; ///< sqrt(mean g²) of the kernel's gradient
};

inline constexpr double kLowestLog = -12.0;
inline constexpr double kHighestLog = 4.0;

/// Every layer of net on a probe batch X (inputSize, n) with its labels: one forward and one
/// backward pass (no dropout, nothing changed). bins per histogram.
std::vector<LayerStats> layerStats(const Network &net,
                                   ConstMatrixRef X,
                                   std::span<const std::uint8_t> labels,
                                   int bins = 40);

} // namespace tinyml::core
