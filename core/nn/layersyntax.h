// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"

#include <string>
#include <string_view>
#include <vector>

namespace tinyml::core {

/// Parses a layer stack written in Keras's vocabulary, e.g.
/// "Conv2D(8, 3, activation=relu), MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)".
/// Layers: Dense(units), Conv2D(filters, kernel_size), DepthwiseConv2D(kernel_size),
/// MaxPooling2D(pool_size=2), AveragePooling2D(pool_size=2), Flatten(), Dropout(rate); keywords
/// activation, padding ('valid' or 'same'), strides, kernel_size, pool_size, filters, units,
/// rate, depth_multiplier (1 only); sizes as n or (n, n); strings with or without quotes;
/// activation=None is linear. Defaults are Keras's (docs/facts.md §7).
/// Throws Error(LayersSyntax) naming the column (from 1), the token and what was expected.
/// A pure function: no I/O, any input is safe.
std::vector<LayerSpec> parseLayers(std::string_view text);

/// A model for a parsed stack on MNIST: image input (28, 28, 1), or a flat input of 784 when the
/// first layer is Dense (as the course model); the rest of the settings at their defaults.
ModelSpec modelFromLayers(std::vector<LayerSpec> layers);

/// One layer written back in the vocabulary parseLayers reads ("Conv2D(8, 3, activation=relu)").
std::string toKeras(const LayerSpec &layer);

} // namespace tinyml::core
