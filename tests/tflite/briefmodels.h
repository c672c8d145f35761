// SPDX-License-Identifier: GPL-3.0-or-later
// The small models the .tflite proofs write and read (tst_tflitearmnn, tst_tfliteint8,
// tst_tfliteint8armnn): trained briefly on real MNIST, enough for weights and activation ranges
// that look like a real model's; what the tests compare is agreement, not accuracy.
#pragma once

#include "core/deploy/quantize.h"
#include "core/nn/trainer.h"

#include <QString>

#include <cstdint>

namespace tinyml::test {

/// Images of the training set the brief training uses (the first ones), and the calibration
/// images of the quantization.
constexpr int kBriefTrainImages = 600;
constexpr int kBriefCalibrationImages = 500;

/// A network of spec trained for one epoch on the first kBriefTrainImages images of train,
/// initialised and shuffled with seed.
inline core::Network
trainedBriefly(const core::ModelSpec &spec, const core::Dataset &train, std::uint64_t seed)
{
    core::Network net(spec);
    net.initialize(seed);
    core::Dataset part = train;
    part.labels.resize(kBriefTrainImages);
    part.images.resize(std::size_t(kBriefTrainImages) * std::size_t(part.pixels()));
    core::Optimizer opt(spec.optimizer, net.parameters().size());
    core::TrainConfig config;
    config.epochs = 1;
    config.seed = seed;
    core::Trainer(net, opt, config, part).run();
    return net;
}

/// The int8 proofs' models by name: "small cnn" (two 3x3 convolutions with max pooling),
/// "depthwise same stride average" (a strided same-padded convolution, a depthwise one, average
/// pooling, two Dense layers), anything else the dense 784-32-10 with ReLU.
inline core::ModelSpec int8ModelSpec(const QString &name)
{
    using core::Activation;
    using core::LayerSpec;
    using core::ModelSpec;
    using core::Padding;
    if (name == QLatin1String("small cnn"))
        return ModelSpec::withLayers(
            {LayerSpec::conv2d(4, 3, Activation::Relu), LayerSpec::maxPooling2d(2),
             LayerSpec::conv2d(8, 3, Activation::Relu), LayerSpec::maxPooling2d(2),
             LayerSpec::flatten(), LayerSpec::dense(10, Activation::Softmax)});
    if (name == QLatin1String("depthwise same stride average"))
        return ModelSpec::withLayers(
            {LayerSpec::conv2d(4, 3, Activation::Relu, 2, Padding::Same),
             LayerSpec::depthwiseConv2d(3, Activation::Relu, 1, Padding::Same),
             LayerSpec::averagePooling2d(3, 2, Padding::Same), LayerSpec::flatten(),
             LayerSpec::dense(16, Activation::Relu), LayerSpec::dense(10, Activation::Softmax)});
    return ModelSpec::withHidden({32}, Activation::Relu);
}

/// spec trained briefly with seed, quantized with dense's granularity on the first
/// kBriefCalibrationImages images of train.
inline core::QuantizedModel quantizedBriefly(const core::ModelSpec &spec,
                                             core::DenseQuantization dense,
                                             const core::Dataset &train,
                                             std::uint64_t seed)
{
    const core::Network net = trainedBriefly(spec, train, seed);
    core::QuantizeOptions options;
    options.dense = dense;
    return core::quantize(net, train, kBriefCalibrationImages, {}, options);
}

} // namespace tinyml::test
