// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tinyml::core {

/// One layer's share of a model's cost on a microcontroller.
struct LayerBudget
{
    std::int64_t macs = 0;
    std::int64_t flashFloat32 = 0; ///< bytes: its weights and biases as float32
    std::int64_t flashInt8 = 0;    ///< bytes: int8 weights, int32 biases, multiplier + shift per channel
    std::int64_t inputValues = 0;  ///< its input tensor (one sample)
    std::int64_t outputValues = 0; ///< its output tensor
    /// Values alive while it runs: input + output; 0 for Flatten and Dropout, which compute
    /// nothing and leave their input where it is.
    std::int64_t liveValues = 0;
};

/// What a model costs on a microcontroller (docs/facts.md §6, §8), before any code is counted.
/// RAM is that of the exported C: one arena holding the largest input + output pair of a layer
/// (at least the input), not the sum of all activations.
struct ModelBudget
{
    std::int64_t parameters = 0;
    std::int64_t macs = 0;           ///< multiply-accumulates per inference
    std::int64_t flashFloat32 = 0;   ///< bytes: every weight and bias as float32
    std::int64_t flashInt8 = 0;      ///< bytes: int8 weights, int32 biases, per-row multiplier + shift
    std::int64_t ramFloat32 = 0;     ///< bytes: the two activation buffers alive at once, float32
    std::int64_t ramInt8 = 0;        ///< the same in int8
    std::vector<LayerBudget> layers; ///< per layer of the spec
    std::size_t peakLayer = 0;       ///< the layer whose live values set the RAM
};

ModelBudget modelBudget(const ModelSpec &spec);

/// The Python (Keras) code that the settings correspond to.
std::string kerasCode(const ModelSpec &spec, const TrainConfig &config);

} // namespace tinyml::core
