// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/modelspec.h"

#include "core/base/error.h"
#include "core/nn/modelcheck.h"

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
    if (inputSize < 1 || inputSize > kMaxInputSize)
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::InputSize, .found = inputSize, .limit = kMaxInputSize});
    if (layers.empty())
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::LayerCount, .found = 0, .limit = kMaxLayers});
    if (layers.size() > std::size_t(kMaxLayers))
        throw Error(ErrorCode::SpecInvalid, {.field = ErrorField::LayerCount,
                                             .found = std::int64_t(layers.size()),
                                             .limit = kMaxLayers});
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (layers[l].units < 1 || layers[l].units > kMaxLayerUnits)
            throw Error(ErrorCode::SpecInvalid, {.field = ErrorField::LayerUnits,
                                                 .index = std::int64_t(l),
                                                 .found = layers[l].units,
                                                 .limit = kMaxLayerUnits});
        if (layers[l].activation == Activation::Softmax && l + 1 != layers.size())
            throw Error(ErrorCode::SoftmaxNotLast, {.index = std::int64_t(l)});
    }
    if (parameterCount() > kMaxParameters)
        throw Error(ErrorCode::ModelTooLarge,
                    {.found = parameterCount(), .limit = std::int64_t(kMaxParameters)});
    if (!(l2 >= 0.0f && l2 < 1.0f))
        throw Error(ErrorCode::SpecInvalid, {.field = ErrorField::L2, .value = l2});
    if (!(dropout >= 0.0f && dropout < 1.0f))
        throw Error(ErrorCode::SpecInvalid, {.field = ErrorField::Dropout, .value = dropout});
    if (!(optimizer.learningRate > 0.0f && std::isfinite(optimizer.learningRate)))
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::LearningRate, .value = optimizer.learningRate});
    if (!(optimizer.beta1 >= 0.0f && optimizer.beta1 < 1.0f && optimizer.beta2 >= 0.0f
          && optimizer.beta2 < 1.0f && optimizer.rho >= 0.0f && optimizer.rho < 1.0f
          && optimizer.momentum >= 0.0f && optimizer.momentum < 1.0f))
        throw Error(ErrorCode::SpecInvalid, {.field = ErrorField::DecayRates});
    if (!(optimizer.epsilon > 0.0f))
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::Epsilon, .value = optimizer.epsilon});
}

void TrainConfig::validate() const
{
    if (epochs < 1 || epochs > 100000)
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::Epochs, .found = epochs, .limit = 100000});
    if (batchSize < 1 || batchSize > 65536)
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::BatchSize, .found = batchSize, .limit = 65536});
    if (!(validationSplit >= 0.0f && validationSplit < 1.0f))
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::ValidationSplit, .value = validationSplit});
    if (earlyStoppingPatience < 0)
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::Patience, .found = earlyStoppingPatience});
    if (trainSubset < 0)
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::TrainSubset, .found = trainSubset});
}

} // namespace tinyml::core
