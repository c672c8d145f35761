// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/tensor.h"
#include "core/nn/modelspec.h"

#include <cstdint>
#include <vector>

namespace tinyml::ui {

/// A tiny network and the batch the stepper trains it on: plain data, no widget.
struct StepperExample
{
    core::ModelSpec spec;
    std::vector<float> parameters;    ///< as core::Network::parameters() (W1, b1, W2, b2, …)
    core::Matrix x;                   ///< the batch, (inputs, n)
    core::Matrix targets;             ///< dense targets for squared error, (outputs, n)
    std::vector<std::uint8_t> labels; ///< n class labels, for cross-entropy
};

/// The classic worked example of backpropagation: 2-2-2, sigmoid everywhere, squared error,
/// SGD with η = 0.5; W1 = [[0.15, 0.20], [0.25, 0.30]], b1 = 0.35, W2 = [[0.40, 0.45],
/// [0.50, 0.55]], b2 = 0.60; one sample x = (0.05, 0.10) with target t = (0.01, 0.99).
StepperExample workedExample();

/// XOR: 2-2-1, sigmoid, squared error, SGD with η = 0.5, weights from seed 3; the four
/// samples (0,0) → 0, (0,1) → 1, (1,0) → 1, (1,1) → 0 in one batch.
StepperExample xorExample();

/// A convolution to follow by hand: a 6×6 image with a diagonal stroke → Conv2D with one 3×3
/// filter (ReLU) → 2×2 max pooling → Flatten → Dense 2 softmax, cross-entropy, SGD with
/// η = 0.1; kernel [[0.5, −0.2, 0.1], [−0.3, 0.8, −0.1], [0.2, −0.4, 0.6]], bias 0.05; the
/// sample's class is 1 ("stroke"), targets (0, 1) for squared error.
StepperExample convolutionExample();

/// The targets of one MNIST image for the stepper: the label, and for squared error the
/// one-hot column (outputs, 1); an empty matrix for cross-entropy.
core::Matrix oneHotTargets(int label, int outputs, core::LossKind loss);

} // namespace tinyml::ui
