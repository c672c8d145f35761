// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/modelspec.h"

#include "core/base/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace tinyml::core {

namespace {

template<typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N> &table, E value)
{
    for (const auto &[v, name] : table)
        if (v == value)
            return name;
    return "unknown";
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N> &table,
                         std::string_view name)
{
    for (const auto &[v, n] : table)
        if (n == name)
            return v;
    return std::nullopt;
}

constexpr std::array<std::pair<Activation, std::string_view>, 6> kActivations{{
    {Activation::Linear, "linear"},
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Tanh, "tanh"},
    {Activation::Relu, "relu"},
    {Activation::LeakyRelu, "leaky_relu"},
    {Activation::Softmax, "softmax"},
}};
constexpr std::array<std::pair<LossKind, std::string_view>, 2> kLosses{{
    {LossKind::SparseCategoricalCrossentropy, "sparse_categorical_crossentropy"},
    {LossKind::MeanSquaredError, "mse"},
}};
constexpr std::array<std::pair<Initializer, std::string_view>, 3> kInitializers{{
    {Initializer::GlorotUniform, "glorot_uniform"},
    {Initializer::HeNormal, "he_normal"},
    {Initializer::Zeros, "zeros"},
}};
constexpr std::array<std::pair<OptimizerKind, std::string_view>, 4> kOptimizers{{
    {OptimizerKind::Sgd, "sgd"},
    {OptimizerKind::Momentum, "momentum"},
    {OptimizerKind::RmsProp, "rmsprop"},
    {OptimizerKind::Adam, "adam"},
}};

constexpr int kMaxUnits = 1 << 16;
constexpr int kMaxLayers = 32;
/// 50 million parameters (200 MB as float32, twice that again for Adam): far beyond anything
/// MNIST or a microcontroller needs, and still trainable on a laptop.
constexpr std::int64_t kMaxParameters = 50'000'000;

} // namespace

std::string_view toString(Activation a) { return nameOf(kActivations, a); }
std::string_view toString(LossKind l) { return nameOf(kLosses, l); }
std::string_view toString(Initializer i) { return nameOf(kInitializers, i); }
std::string_view toString(OptimizerKind o) { return nameOf(kOptimizers, o); }
std::optional<Activation> activationFromString(std::string_view s)
{
    return valueOf(kActivations, s);
}
std::optional<LossKind> lossFromString(std::string_view s) { return valueOf(kLosses, s); }
std::optional<Initializer> initializerFromString(std::string_view s)
{
    return valueOf(kInitializers, s);
}
std::optional<OptimizerKind> optimizerFromString(std::string_view s)
{
    return valueOf(kOptimizers, s);
}

OptimizerSpec OptimizerSpec::defaultsFor(OptimizerKind kind)
{
    OptimizerSpec spec;
    spec.kind = kind;
    // Keras: SGD and SGD with momentum default to 0.01, RMSprop and Adam to 0.001.
    spec.learningRate = (kind == OptimizerKind::Sgd || kind == OptimizerKind::Momentum) ? 0.01f
                                                                                        : 0.001f;
    spec.momentum = kind == OptimizerKind::Momentum ? 0.9f : 0.0f;
    return spec;
}

ModelSpec ModelSpec::courseModel() { return withHidden({128}, Activation::Relu); }

ModelSpec ModelSpec::withHidden(const std::vector<int> &hidden, Activation activation, int outputs)
{
    ModelSpec spec;
    for (int units : hidden)
        spec.layers.push_back({units, activation});
    spec.layers.push_back({outputs, Activation::Softmax});
    return spec;
}

std::int64_t ModelSpec::parameterCount() const
{
    std::int64_t n = 0;
    for (std::size_t l = 0; l < layers.size(); ++l)
        n += std::int64_t(layerInputSize(l)) * layers[l].units + layers[l].units;
    return n;
}

std::int64_t ModelSpec::macCount() const
{
    std::int64_t n = 0;
    for (std::size_t l = 0; l < layers.size(); ++l)
        n += std::int64_t(layerInputSize(l)) * layers[l].units;
    return n;
}

void ModelSpec::validate() const
{
    if (inputSize < 1 || inputSize > kMaxUnits)
        throw Error("The input size " + std::to_string(inputSize) + " is not between 1 and "
                    + std::to_string(kMaxUnits) + ".");
    if (layers.empty())
        throw Error("A model needs at least one layer.");
    if (layers.size() > std::size_t(kMaxLayers))
        throw Error("A model may have at most " + std::to_string(kMaxLayers) + " layers.");
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (layers[l].units < 1 || layers[l].units > kMaxUnits)
            throw Error("Layer " + std::to_string(l + 1) + " has " + std::to_string(layers[l].units)
                        + " units; a layer needs between 1 and " + std::to_string(kMaxUnits)
                        + ".");
        if (layers[l].activation == Activation::Softmax && l + 1 != layers.size())
            throw Error("Softmax is only allowed on the output layer.");
    }
    if (parameterCount() > kMaxParameters)
        throw Error("This network would have " + std::to_string(parameterCount())
                    + " parameters; TinyML Studio allows at most "
                    + std::to_string(kMaxParameters) + ". Use fewer or smaller layers.");
    if (!(l2 >= 0.0f && l2 < 1.0f))
        throw Error("The L2 factor must be between 0 and 1.");
    if (!(dropout >= 0.0f && dropout < 1.0f))
        throw Error("The dropout rate must be at least 0 and below 1.");
    if (!(optimizer.learningRate > 0.0f && std::isfinite(optimizer.learningRate)))
        throw Error("The learning rate must be a positive number.");
    if (!(optimizer.beta1 >= 0.0f && optimizer.beta1 < 1.0f && optimizer.beta2 >= 0.0f
          && optimizer.beta2 < 1.0f && optimizer.rho >= 0.0f && optimizer.rho < 1.0f
          && optimizer.momentum >= 0.0f && optimizer.momentum < 1.0f))
        throw Error("Optimizer decay rates (beta1, beta2, rho, momentum) must be in [0, 1).");
    if (!(optimizer.epsilon > 0.0f))
        throw Error("The optimizer's epsilon must be positive.");
}

void TrainConfig::validate() const
{
    if (epochs < 1 || epochs > 100000)
        throw Error("The number of epochs must be between 1 and 100000.");
    if (batchSize < 1 || batchSize > 65536)
        throw Error("The batch size must be between 1 and 65536.");
    if (!(validationSplit >= 0.0f && validationSplit < 1.0f))
        throw Error("The validation split must be at least 0 and below 1.");
    if (earlyStoppingPatience < 0)
        throw Error("The early-stopping patience cannot be negative.");
    if (trainSubset < 0)
        throw Error("The training subset size cannot be negative.");
}

} // namespace tinyml::core
