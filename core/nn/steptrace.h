// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"
#include "core/nn/optimizer.h"

#include <vector>

namespace tinyml::core {

/// One training step laid open: everything the engine computes for one batch, copied out of
/// the engine's own workspace (Network::forward, Network::backward, Optimizer::step), so the
/// stepper shows the real numbers, not a second implementation. Shapes: one sample per column.
struct StepTrace
{
    Matrix input;                ///< a⁰ = x, (inputs, n)
    std::vector<Matrix> z;       ///< per layer: z = W a + b, (units, n)
    std::vector<Matrix> a;       ///< per layer: a = f(z), (units, n)
    double loss = 0.0;           ///< mean over the batch (+ L2)
    std::vector<Matrix> delta;   ///< per layer: δ = ∂L/∂z, (units, n)
    std::vector<Matrix> dW;      ///< per layer: ∂L/∂W = δ aᵀ (mean over the batch), (units, inputs)
    std::vector<Vector> db;      ///< per layer: ∂L/∂b
    std::vector<float> parametersBefore;
    std::vector<float> gradients; ///< flat, as Network::parameters()
    // After Optimizer::step (only when applied):
    bool applied = false;
    std::vector<float> parametersAfter;
    std::vector<float> firstMoment;  ///< m (Adam), velocity (momentum), mean square (RMSprop)
    std::vector<float> secondMoment; ///< v (Adam)
    std::int64_t iteration = 0;      ///< t after the step
    double stepSize = 0.0;           ///< Adam: lr·√(1−β₂ᵗ)/(1−β₁ᵗ); otherwise lr
};

/// Runs one step of training on X (inputs, n) with targets, recording it. With apply, the
/// optimizer updates net (and its own state) exactly as the Trainer does.
StepTrace traceStep(Network &net, Optimizer &optimizer, ConstMatrixRef X, const Targets &targets, bool apply);

/// The loss of net on X without changing anything (for finite differences).
double lossOf(const Network &net, ConstMatrixRef X, const Targets &targets);

} // namespace tinyml::core
