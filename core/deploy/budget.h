// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"

#include <cstdint>
#include <string>

namespace tinyml::core {

/// What a model costs on a microcontroller (docs/facts.md §6), before any code is counted.
struct ModelBudget
{
    std::int64_t parameters = 0;
    std::int64_t macs = 0;           ///< multiply-accumulates per inference
    std::int64_t flashFloat32 = 0;   ///< bytes: every weight and bias as float32
    std::int64_t flashInt8 = 0;      ///< bytes: int8 weights, int32 biases, per-row multiplier + shift
    std::int64_t ramFloat32 = 0;     ///< bytes: the two activation buffers alive at once, float32
    std::int64_t ramInt8 = 0;        ///< the same in int8
};

ModelBudget modelBudget(const ModelSpec &spec);

/// The Python (Keras) code that the settings correspond to.
std::string kerasCode(const ModelSpec &spec, const TrainConfig &config);

} // namespace tinyml::core
