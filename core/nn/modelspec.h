// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinyml::core {

/// The one description of a model that the trainer, the model file, the stepper,
/// the exporter and the UI all read.

enum class Activation : std::uint8_t { Linear, Sigmoid, Tanh, Relu, LeakyRelu, Softmax };
enum class LossKind : std::uint8_t { SparseCategoricalCrossentropy, MeanSquaredError };
enum class Initializer : std::uint8_t { GlorotUniform, HeNormal, Zeros };
enum class OptimizerKind : std::uint8_t { Sgd, Momentum, RmsProp, Adam };

/// Slope of leaky ReLU for negative inputs (Keras LeakyReLU's default is 0.3; tf.nn's 0.2;
/// we use 0.01, the value of the original paper, Maas et al. 2013).
inline constexpr float kLeakyReluSlope = 0.01f;

struct LayerSpec
{
    int units = 0;
    Activation activation = Activation::Relu;
    bool operator==(const LayerSpec &) const = default;
};

/// Optimizer settings; defaults are those of Keras for each kind.
struct OptimizerSpec
{
    OptimizerKind kind = OptimizerKind::Adam;
    float learningRate = 0.001f;
    float beta1 = 0.9f;    ///< Adam
    float beta2 = 0.999f;  ///< Adam
    float epsilon = 1e-7f; ///< Adam, RMSprop
    float momentum = 0.9f; ///< Momentum
    bool nesterov = false; ///< Momentum
    float rho = 0.9f;      ///< RMSprop
    bool operator==(const OptimizerSpec &) const = default;

    static OptimizerSpec defaultsFor(OptimizerKind kind);
};

/// A dense feed-forward network: input -> layers[0] -> ... -> layers.back().
struct ModelSpec
{
    int inputSize = 784;
    std::vector<LayerSpec> layers;
    LossKind loss = LossKind::SparseCategoricalCrossentropy;
    Initializer initializer = Initializer::GlorotUniform;
    float l2 = 0.0f;      ///< Keras-style L2: adds l2 * sum(W^2) of every kernel to the loss
    float dropout = 0.0f; ///< inverted dropout rate after every hidden layer
    OptimizerSpec optimizer;
    bool operator==(const ModelSpec &) const = default;

    /// The course model: 784 -> Dense 128 ReLU -> Dense 10 softmax, Adam.
    static ModelSpec courseModel();
    /// hidden sizes, e.g. {256, 64}, with one activation, plus a 10-way softmax output.
    static ModelSpec withHidden(const std::vector<int> &hidden, Activation activation,
                                int outputs = 10);

    int outputSize() const { return layers.empty() ? inputSize : layers.back().units; }
    int layerInputSize(std::size_t layer) const
    {
        return layer == 0 ? inputSize : layers[layer - 1].units;
    }
    std::int64_t parameterCount() const;
    /// Multiply-accumulates of one inference.
    std::int64_t macCount() const;
    /// Throws Error when sizes or rates are impossible.
    void validate() const;
};

/// How to train: everything that is not the model itself.
struct TrainConfig
{
    int epochs = 5;
    int batchSize = 32;
    float validationSplit = 0.0f; ///< last fraction of the training set, as Keras
    bool validateOnTest = false;  ///< use the test set as validation data instead
    int earlyStoppingPatience = 0; ///< 0: off; else epochs without val_loss improvement
    bool restoreBestWeights = true;
    std::uint64_t seed = 42;
    int trainSubset = 0; ///< 0: all images; else the first N (to provoke overfitting)
    bool augment = false; ///< random shifts, rotations, scales and stroke widths
    bool operator==(const TrainConfig &) const = default;
    void validate() const;
};

std::string_view toString(Activation a);
std::string_view toString(LossKind l);
std::string_view toString(Initializer i);
std::string_view toString(OptimizerKind o);
std::optional<Activation> activationFromString(std::string_view s);
std::optional<LossKind> lossFromString(std::string_view s);
std::optional<Initializer> initializerFromString(std::string_view s);
std::optional<OptimizerKind> optimizerFromString(std::string_view s);

} // namespace tinyml::core
