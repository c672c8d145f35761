// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tinyml::core {

/// The engine's explicit limits (DESIGN.md "Limits"). Every size derived from them is computed
/// in 64 bits; the int8 arguments that rely on them are in docs/facts.md §5.
inline constexpr int kMaxInputSize = 1 << 16;  ///< inputs of a model
inline constexpr int kMaxLayerUnits = 1 << 16; ///< units of any layer
inline constexpr int kMaxLayers = 32;          ///< dense layers of a model
/// Units of the output layer: labels are bytes, and the int8 softmax's uint32 sum of up to 256
/// table entries of at most 2^16 each stays below 2^24.
inline constexpr int kMaxClasses = 256;
/// 50 million parameters (200 MB as float32, twice that again for Adam): far beyond anything
/// MNIST or a microcontroller needs, and still trainable on a laptop.
inline constexpr std::int64_t kMaxParameters = 50'000'000;
/// Largest accepted |parameter|, as a power of ten: 1e12 squared times kMaxParameters stays far
/// below float's 3.4e38, so the L2 penalty (a float sum of squares) cannot overflow.
inline constexpr int kMaxParameterExponent = 12;
/// Largest accepted worst-case |z| of any layer for inputs in [0, 1], as a power of ten: a
/// factor 3.4 below float's largest value (3.4e38), so that z − max(z) in the softmax cannot
/// overflow either.
inline constexpr int kMaxActivationExponent = 38;

/// Worst case of |z| per layer (and of every partial sum of z, in any order) over all inputs in
/// [0, 1], by interval arithmetic in double: each input unit has an interval [lo, hi] (pixels
/// [0, 1]); z = Σ w·x + b gets the sums of the smaller and the larger of w·lo and w·hi; the
/// activation maps the interval's ends (sigmoid and softmax to [0, 1], tanh to [−1, 1]).
/// The bound of a layer is the largest over its units of max(|Σ lo|, |Σ hi|) + |b|. Infinity
/// when it exceeds double. Size: one value per layer.
std::vector<double> activationBounds(const Network &net);

/// Throws SpecInvalid (ModelBadSettings naming file, when given) when the output layer has more
/// than kMaxClasses units: everything that reads outputs as classes (evaluation, the confusion
/// matrix, the int8 softmax, export) relies on it. ModelSpec itself allows more (a layer's
/// initialization can be studied on any size).
void checkClasses(const ModelSpec &spec, const std::string &file = {});

/// checkClasses(), then throws Error unless every parameter is finite (ModelNotFinite naming file,
/// or WeightsNotFinite when file is empty), within ±10^kMaxParameterExponent and the worst-case
/// activations within 10^kMaxActivationExponent (ModelValuesTooLarge): a network that passes
/// cannot produce infinity or NaN in evaluation, prediction or export. The spec's sizes were
/// checked when the Network was built (ModelSpec::validate).
void checkNetwork(const Network &net, const std::string &file = {});

/// checkNetwork() plus the saved optimizer state, which must be finite too.
void checkLoadedModel(const Network &net,
                      std::span<const float> optimizerState,
                      const std::string &file);

/// True when checkNetwork() would not throw (for the trainer's divergence test).
bool isNetworkUsable(const Network &net);

} // namespace tinyml::core
