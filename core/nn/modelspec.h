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

/// Layer kinds, named as Keras names them. Dense is the default so that {units, activation}
/// still describes a dense layer.
enum class LayerKind : std::uint8_t {
    Dense,
    Conv2D,
    DepthwiseConv2D,
    MaxPooling2D,
    AveragePooling2D,
    Flatten,
    Dropout
};
enum class Padding : std::uint8_t { Valid, Same };

/// Shape of one sample's tensor. An image tensor is (height, width, channels), stored NHWC
/// (channels fastest); a flat tensor of n values is {1, 1, n} with image false.
struct Shape
{
    int height = 1;
    int width = 1;
    int channels = 1;
    bool image = false;
    bool operator==(const Shape &) const = default;
    std::int64_t size() const { return std::int64_t(height) * width * channels; }
    static Shape flat(int n) { return {1, 1, n, false}; }
    static Shape hwc(int h, int w, int c) { return {h, w, c, true}; }
};

/// One layer. Dense: units and activation. Conv2D: units filters of kernel x kernel, stride,
/// padding, activation. DepthwiseConv2D: kernel, stride, padding, activation (multiplier 1).
/// Pooling: kernel is the pool size, stride its step (Keras: equal to the pool size by default).
/// Dropout: rate. Flatten: nothing. Fields a kind does not use stay at their defaults.
struct LayerSpec
{
    int units = 0;
    Activation activation = Activation::Relu;
    LayerKind kind = LayerKind::Dense;
    int kernel = 0;
    int stride = 1;
    Padding padding = Padding::Valid;
    float rate = 0.0f;
    bool operator==(const LayerSpec &) const = default;

    static LayerSpec dense(int units, Activation activation);
    static LayerSpec conv2d(int filters, int kernel, Activation activation, int stride = 1,
                            Padding padding = Padding::Valid);
    static LayerSpec depthwiseConv2d(int kernel, Activation activation, int stride = 1,
                                     Padding padding = Padding::Valid);
    /// stride 0: the pool size, as Keras's strides=None.
    static LayerSpec maxPooling2d(int pool, int stride = 0, Padding padding = Padding::Valid);
    static LayerSpec averagePooling2d(int pool, int stride = 0, Padding padding = Padding::Valid);
    static LayerSpec flatten();
    static LayerSpec dropout(float rate);

    bool hasParameters() const
    {
        return kind == LayerKind::Dense || kind == LayerKind::Conv2D
               || kind == LayerKind::DepthwiseConv2D;
    }
    bool isSpatial() const
    {
        return kind == LayerKind::Conv2D || kind == LayerKind::DepthwiseConv2D
               || kind == LayerKind::MaxPooling2D || kind == LayerKind::AveragePooling2D;
    }
};

/// Output size along one axis (Keras): valid floor((in - k) / s) + 1, same ceil(in / s).
int convOutputSize(int in, int kernel, int stride, Padding padding);
/// Padding before the first row or column (TensorFlow puts the odd one after).
int convPaddingBefore(int in, int kernel, int stride, Padding padding);

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

/// A feed-forward network: input -> layers[0] -> ... -> layers.back(). The input is flat
/// (inputSize values) unless inputShape is set; then inputSize is its h * w * c.
struct ModelSpec
{
    int inputSize = 784;
    std::vector<LayerSpec> layers;
    std::optional<Shape> inputShape; ///< (28, 28, 1) for a CNN on MNIST
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

    /// The input, the image input for a CNN: (28, 28, 1), Dense output layer, Adam.
    static ModelSpec withLayers(std::vector<LayerSpec> layers, Shape input = Shape::hwc(28, 28, 1));

    /// True when every layer is Dense on a flat input (what model file version 1 holds).
    bool isDenseOnly() const;
    Shape inputTensorShape() const { return inputShape ? *inputShape : Shape::flat(inputSize); }
    /// Shape of layer l's output for one sample (valid only after validate() succeeds).
    Shape outputShape(std::size_t layer) const;
    Shape layerInputShape(std::size_t layer) const
    {
        return layer == 0 ? inputTensorShape() : outputShape(layer - 1);
    }
    int outputSize() const { return layers.empty() ? inputSize : int(outputShape(layers.size() - 1).size()); }
    int layerInputSize(std::size_t layer) const { return int(layerInputShape(layer).size()); }
    /// Kernel weights plus biases of layer l (0 for pooling, Flatten, Dropout).
    std::int64_t layerParameters(std::size_t layer) const;
    /// Multiply-accumulates of layer l for one sample.
    std::int64_t layerMacs(std::size_t layer) const;
    /// Bytes of layer l's output for one sample as float32.
    std::int64_t layerActivationBytes(std::size_t layer) const;
    std::int64_t parameterCount() const;
    /// Multiply-accumulates of one inference.
    std::int64_t macCount() const;
    /// Throws Error when sizes or rates are impossible or the stack cannot be built, naming
    /// the layer (a kernel larger than its input, pooling a 1x1 map, Dense after an image
    /// tensor without Flatten).
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
std::string_view toString(LayerKind k); ///< Keras's class name: "Conv2D"
std::string_view toString(Padding p);   ///< "valid", "same"
std::optional<LayerKind> layerKindFromString(std::string_view s);
std::string_view toString(LossKind l);
std::string_view toString(Initializer i);
std::string_view toString(OptimizerKind o);
std::optional<Activation> activationFromString(std::string_view s);
std::optional<LossKind> lossFromString(std::string_view s);
std::optional<Initializer> initializerFromString(std::string_view s);
std::optional<OptimizerKind> optimizerFromString(std::string_view s);

} // namespace tinyml::core
