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

constexpr std::array<std::pair<LayerKind, std::string_view>, 7> kLayerKinds{{
    {LayerKind::Dense, "Dense"},
    {LayerKind::Conv2D, "Conv2D"},
    {LayerKind::DepthwiseConv2D, "DepthwiseConv2D"},
    {LayerKind::MaxPooling2D, "MaxPooling2D"},
    {LayerKind::AveragePooling2D, "AveragePooling2D"},
    {LayerKind::Flatten, "Flatten"},
    {LayerKind::Dropout, "Dropout"},
}};

constexpr int kMaxKernel = 64;
constexpr int kMaxStride = 64;
constexpr int kMaxSide = 4096;
/// Values of one layer's output for one sample (16 MB as float32).
constexpr std::int64_t kMaxTensor = 1 << 22;

} // namespace

std::string_view toString(Activation a) { return nameOf(kActivations, a); }
std::string_view toString(LayerKind k) { return nameOf(kLayerKinds, k); }
std::string_view toString(Padding p) { return p == Padding::Same ? "same" : "valid"; }
std::optional<LayerKind> layerKindFromString(std::string_view s) { return valueOf(kLayerKinds, s); }
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

int convOutputSize(int in, int kernel, int stride, Padding padding)
{
    stride = std::max(stride, 1);
    if (padding == Padding::Same)
        return (in + stride - 1) / stride;
    return in >= kernel ? (in - kernel) / stride + 1 : 0;
}

int convPaddingBefore(int in, int kernel, int stride, Padding padding)
{
    if (padding == Padding::Valid)
        return 0;
    const int out = convOutputSize(in, kernel, stride, padding);
    const int total = std::max((out - 1) * std::max(stride, 1) + kernel - in, 0);
    return total / 2;
}

LayerSpec LayerSpec::dense(int units, Activation activation) { return {units, activation}; }

LayerSpec LayerSpec::conv2d(int filters, int kernel, Activation activation, int stride,
                            Padding padding)
{
    return {filters, activation, LayerKind::Conv2D, kernel, stride, padding};
}

LayerSpec LayerSpec::depthwiseConv2d(int kernel, Activation activation, int stride,
                                     Padding padding)
{
    return {0, activation, LayerKind::DepthwiseConv2D, kernel, stride, padding};
}

LayerSpec LayerSpec::maxPooling2d(int pool, int stride, Padding padding)
{
    return {0, Activation::Linear, LayerKind::MaxPooling2D, pool, stride ? stride : pool, padding};
}

LayerSpec LayerSpec::averagePooling2d(int pool, int stride, Padding padding)
{
    return {0, Activation::Linear, LayerKind::AveragePooling2D, pool, stride ? stride : pool,
            padding};
}

LayerSpec LayerSpec::flatten() { return {0, Activation::Linear, LayerKind::Flatten}; }

LayerSpec LayerSpec::dropout(float rate)
{
    LayerSpec layer{0, Activation::Linear, LayerKind::Dropout};
    layer.rate = rate;
    return layer;
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

ModelSpec ModelSpec::withLayers(std::vector<LayerSpec> layers, Shape input)
{
    ModelSpec spec;
    spec.layers = std::move(layers);
    if (input.image)
        spec.inputShape = input;
    spec.inputSize = int(input.size());
    return spec;
}

bool ModelSpec::isDenseOnly() const
{
    return !inputShape && std::all_of(layers.begin(), layers.end(), [](const LayerSpec &l) {
               return l.kind == LayerKind::Dense;
           });
}

namespace {

/// Output shape of one layer given its input shape; no checks beyond avoiding nonsense.
Shape layerOutput(const LayerSpec &layer, const Shape &in)
{
    switch (layer.kind) {
    case LayerKind::Dense:
        return Shape::flat(layer.units);
    case LayerKind::Conv2D:
    case LayerKind::DepthwiseConv2D:
    case LayerKind::MaxPooling2D:
    case LayerKind::AveragePooling2D: {
        const int channels = layer.kind == LayerKind::Conv2D ? layer.units : in.channels;
        return Shape::hwc(convOutputSize(in.height, layer.kernel, layer.stride, layer.padding),
                          convOutputSize(in.width, layer.kernel, layer.stride, layer.padding),
                          channels);
    }
    case LayerKind::Flatten:
        return Shape::flat(int(std::min<std::int64_t>(in.size(), kMaxTensor)));
    case LayerKind::Dropout:
        return in;
    }
    return in;
}

} // namespace

Shape ModelSpec::outputShape(std::size_t layer) const
{
    Shape shape = inputTensorShape();
    for (std::size_t l = 0; l <= layer && l < layers.size(); ++l)
        shape = layerOutput(layers[l], shape);
    return shape;
}

std::int64_t ModelSpec::layerParameters(std::size_t l) const
{
    const LayerSpec &layer = layers[l];
    const Shape in = layerInputShape(l);
    const std::int64_t k2 = std::int64_t(layer.kernel) * layer.kernel;
    switch (layer.kind) {
    case LayerKind::Dense:
        return in.size() * layer.units + layer.units;
    case LayerKind::Conv2D:
        return k2 * in.channels * layer.units + layer.units;
    case LayerKind::DepthwiseConv2D:
        return k2 * in.channels + in.channels;
    default:
        return 0;
    }
}

std::int64_t ModelSpec::layerMacs(std::size_t l) const
{
    const LayerSpec &layer = layers[l];
    const Shape in = layerInputShape(l);
    const Shape out = outputShape(l);
    const std::int64_t k2 = std::int64_t(layer.kernel) * layer.kernel;
    switch (layer.kind) {
    case LayerKind::Dense:
        return in.size() * layer.units;
    case LayerKind::Conv2D:
        return out.size() * k2 * in.channels;
    case LayerKind::DepthwiseConv2D:
        return out.size() * k2;
    default:
        return 0;
    }
}

std::int64_t ModelSpec::layerActivationBytes(std::size_t l) const
{
    return outputShape(l).size() * std::int64_t(sizeof(float));
}

std::int64_t ModelSpec::parameterCount() const
{
    std::int64_t n = 0;
    for (std::size_t l = 0; l < layers.size(); ++l)
        n += layerParameters(l);
    return n;
}

std::int64_t ModelSpec::macCount() const
{
    std::int64_t n = 0;
    for (std::size_t l = 0; l < layers.size(); ++l)
        n += layerMacs(l);
    return n;
}

void ModelSpec::validate() const
{
    if (inputSize < 1 || inputSize > kMaxInputSize)
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::InputSize, .found = inputSize, .limit = kMaxInputSize});
    if (inputShape
        && (!inputShape->image || inputShape->height < 1 || inputShape->width < 1
            || inputShape->channels < 1 || inputShape->height > kMaxSide
            || inputShape->width > kMaxSide || inputShape->size() != inputSize))
        throw Error(ErrorCode::SpecInvalid, {.field = ErrorField::InputShape});
    if (layers.empty())
        throw Error(ErrorCode::SpecInvalid,
                    {.field = ErrorField::LayerCount, .found = 0, .limit = kMaxLayers});
    if (layers.size() > std::size_t(kMaxLayers))
        throw Error(ErrorCode::SpecInvalid, {.field = ErrorField::LayerCount,
                                             .found = std::int64_t(layers.size()),
                                             .limit = kMaxLayers});
    Shape shape = inputTensorShape();
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const LayerSpec &layer = layers[l];
        const std::int64_t index = std::int64_t(l);
        const std::string name(toString(layer.kind));
        if (layer.kind == LayerKind::Dense || layer.kind == LayerKind::Conv2D) {
            if (layer.units < 1 || layer.units > kMaxLayerUnits)
                throw Error(ErrorCode::SpecInvalid, {.field = ErrorField::LayerUnits,
                                                     .index = index,
                                                     .found = layer.units,
                                                     .limit = kMaxLayerUnits});
        }
        if (layer.kind == LayerKind::Dense && shape.image)
            throw Error(ErrorCode::LayerNeedsFlatten, {.name = name, .index = index});
        if (layer.isSpatial()) {
            if (!shape.image)
                throw Error(ErrorCode::LayerNeedsImage, {.name = name, .index = index});
            if (layer.kernel < 1 || layer.kernel > kMaxKernel)
                throw Error(ErrorCode::SpecInvalid, {.name = name,
                                                     .field = ErrorField::KernelSize,
                                                     .index = index,
                                                     .found = layer.kernel,
                                                     .limit = kMaxKernel});
            if (layer.stride < 1 || layer.stride > kMaxStride)
                throw Error(ErrorCode::SpecInvalid, {.name = name,
                                                     .field = ErrorField::Stride,
                                                     .index = index,
                                                     .found = layer.stride,
                                                     .limit = kMaxStride});
            const bool pooling = layer.kind == LayerKind::MaxPooling2D
                                 || layer.kind == LayerKind::AveragePooling2D;
            if (pooling && shape.height == 1 && shape.width == 1)
                throw Error(ErrorCode::PoolingOneByOne, {.name = name, .index = index});
            const int side = std::min(shape.height, shape.width);
            if (layer.padding == Padding::Valid && layer.kernel > side)
                throw Error(ErrorCode::KernelTooLarge,
                            {.name = name, .index = index, .found = layer.kernel, .limit = side});
        }
        if (layer.kind == LayerKind::Dropout && !(layer.rate >= 0.0f && layer.rate < 1.0f))
            throw Error(ErrorCode::SpecInvalid, {.name = name,
                                                 .field = ErrorField::Dropout,
                                                 .index = index,
                                                 .value = layer.rate});
        if (layer.activation == Activation::Softmax && l + 1 != layers.size())
            throw Error(ErrorCode::SoftmaxNotLast, {.index = index});
        shape = layerOutput(layer, shape);
        if (shape.size() > kMaxTensor)
            throw Error(ErrorCode::SpecInvalid, {.name = name,
                                                 .field = ErrorField::LayerUnits,
                                                 .index = index,
                                                 .found = shape.size(),
                                                 .limit = kMaxTensor});
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
