// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"

#include <cstdint>
#include <span>
#include <vector>

namespace tinyml::core {

/// Updates a flat parameter buffer from a flat gradient buffer of the same layout.
/// The update rules are those of Keras, so that the course's Keras code and the studio agree:
/// - SGD: w -= lr g
/// - Momentum (Polyak 1964; Nesterov as Sutskever et al. 2013): v = mu v - lr g;
///   w += v, or with Nesterov w += mu v - lr g
/// - RMSprop (Hinton, Coursera lecture 6e, 2012): s = rho s + (1 - rho) g^2;
///   w -= lr g / (sqrt(s) + eps)
/// - Adam (Kingma & Ba 2015, the "epsilon hat" form before their section 2.1):
///   m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; lr_t = lr sqrt(1 - b2^t) / (1 - b1^t);
///   w -= lr_t m / (sqrt(v) + eps)
class Optimizer
{
public:
    Optimizer(OptimizerSpec spec, std::size_t parameterCount);

    const OptimizerSpec &spec() const { return m_spec; }
    /// Number of steps taken (Adam's t).
    std::int64_t iterations() const { return m_iterations; }

    void step(std::span<float> params, std::span<const float> grads);

    /// The same step in parts, for updates split over fixed parameter ranges (data-parallel
    /// training): beginStep() once, then update() on ranges that together cover every parameter
    /// once, from any threads. Each parameter's new value does not depend on the ranges.
    void beginStep();
    void update(std::span<float> params, std::span<const float> grads, std::size_t begin,
                std::size_t end);

    /// Adam's step size lr_t of the last step (0 before any; lr for the other kinds).
    double lastStepSize() const { return m_lastStepSize; }

    /// First state slot per parameter: velocity (Momentum), mean square (RMSprop), m (Adam).
    std::span<const float> firstMoment() const { return m_first; }
    /// Second state slot per parameter: v (Adam); empty otherwise.
    std::span<const float> secondMoment() const { return m_second; }

    /// The whole state (first then second moments) for model files; restore() checks sizes.
    std::vector<float> state() const;
    void restore(std::int64_t iterations, std::span<const float> state);

    void reset();

private:
    OptimizerSpec m_spec;
    std::size_t m_count;
    std::int64_t m_iterations = 0;
    double m_lastStepSize = 0.0;
    float m_stepSize = 0.0f; ///< Adam's lr_t of the current step, as a float
    std::vector<float> m_first, m_second;
};

} // namespace tinyml::core
