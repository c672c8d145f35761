// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"
#include "core/nn/optimizer.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace tinyml::core {

/// Free-form facts stored with a model: "dataset", "test_accuracy", "epochs", "created_by", ...
using ModelInfo = std::map<std::string, std::string>;

struct TfliteInt8Import; // core/tflite/tfliteint8.h

struct LoadedModel
{
    Network network;
    std::optional<Optimizer> optimizer; ///< present when the file holds the optimizer state
    ModelInfo info;
    /// A fully-integer .tflite's own int8 model, which answers predictions when it can run;
    /// network is then the float32 view for teaching (weights dequantized). Null otherwise.
    std::shared_ptr<const TfliteInt8Import> int8 = nullptr;
};

/// Model file format, version 1 (all integers little-endian):
///   "TMLMODEL" magic (8 bytes), u32 version, u32 flags (bit 0: optimizer state follows),
///   spec: u32 input size, u32 layer count, per layer u32 units + u32 activation,
///         u32 loss, u32 initializer, f32 l2, f32 dropout,
///         optimizer u32 kind, f32 lr, beta1, beta2, epsilon, momentum, rho, u32 nesterov,
///   u64 parameter count, f32 parameters (layout of Network::parameters()),
///   u32 info entries, each u32 key length, key, u32 value length, value,
///   [u64 iterations, u64 state count, f32 state],
///   u32 CRC-32 of everything before it.
/// Version 2 (typed layers) differs only in the spec: u32 input size, u32 input height,
/// width, channels (all 0 for a flat input), u32 layer count, per layer u32 kind, u32 units,
/// u32 activation, u32 kernel, u32 stride, u32 padding, f32 rate; the rest as version 1.
/// A model that version 1 can hold (Dense layers on a flat input) is written as version 1, so
/// that older studios still open it; every other model as version 2.
inline constexpr std::uint32_t kModelFileVersion = 2;

std::vector<std::uint8_t> serializeModel(const Network &net, const Optimizer *optimizer,
                                         const ModelInfo &info);
/// Throws Error with `source` (a file name) and the reason: wrong magic, newer version,
/// truncation, bad checksum, impossible sizes.
LoadedModel deserializeModel(std::span<const std::uint8_t> bytes, const std::string &source);

/// Written atomically: a crash or a full disk never leaves half a model behind.
void saveModel(const std::filesystem::path &file, const Network &net, const Optimizer *optimizer,
               const ModelInfo &info);
LoadedModel loadModel(const std::filesystem::path &file);

} // namespace tinyml::core
