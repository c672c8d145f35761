// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"
#include "core/base/tensor.h"

namespace tinyml::core {

/// a = f(z), element-wise (softmax: per column). z, a: (units, n).
void activate(Activation f, ConstMatrixRef z, MatrixRef a);

/// Back through f: on entry d holds dL/da, on exit dL/dz = dL/da ⊙ f'(z)
/// (softmax: the Jacobian-vector product a ⊙ (d − Σ d·a)). z, a, d: (units, n).
void activationBackward(Activation f, ConstMatrixRef z, ConstMatrixRef a, MatrixRef d);

/// Scalar forms for teaching (the neuron lesson, the stepper's formulas). Not for softmax.
float activate(Activation f, float z);
/// f'(z) for a scalar z (softmax: not defined element-wise; returns a(1 − a)).
float derivative(Activation f, float z);

} // namespace tinyml::core
