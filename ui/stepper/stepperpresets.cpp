// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/stepper/stepperpresets.h"

#include "core/nn/network.h"

namespace tinyml::ui {

namespace {

core::ModelSpec tinySpec(int outputs)
{
    core::ModelSpec spec;
    spec.inputSize = 2;
    spec.layers = {{2, core::Activation::Sigmoid}, {outputs, core::Activation::Sigmoid}};
    spec.loss = core::LossKind::MeanSquaredError;
    spec.optimizer = core::OptimizerSpec::defaultsFor(core::OptimizerKind::Sgd);
    spec.optimizer.learningRate = 0.5f;
    return spec;
}

std::vector<float> parametersOf(const core::Network &net)
{
    return {net.parameters().begin(), net.parameters().end()};
}

} // namespace

StepperExample workedExample()
{
    StepperExample e;
    e.spec = tinySpec(2);
    core::Network net(e.spec);
    net.weights(0) << 0.15f, 0.20f, 0.25f, 0.30f;
    net.bias(0).setConstant(0.35f);
    net.weights(1) << 0.40f, 0.45f, 0.50f, 0.55f;
    net.bias(1).setConstant(0.60f);
    e.parameters = parametersOf(net);
    e.x.resize(2, 1);
    e.x << 0.05f, 0.10f;
    e.targets.resize(2, 1);
    e.targets << 0.01f, 0.99f;
    e.labels = {1};
    return e;
}

StepperExample xorExample()
{
    StepperExample e;
    e.spec = tinySpec(1);
    core::Network net(e.spec);
    net.initialize(3);
    e.parameters = parametersOf(net);
    e.x.resize(2, 4);
    e.x << 0, 0, 1, 1, 0, 1, 0, 1;
    e.targets.resize(1, 4);
    e.targets << 0, 1, 1, 0;
    e.labels = {0, 1, 1, 0};
    return e;
}

StepperExample convolutionExample()
{
    StepperExample e;
    e.spec = core::ModelSpec::withLayers(
        {core::LayerSpec::conv2d(1, 3, core::Activation::Relu), core::LayerSpec::maxPooling2d(2),
         core::LayerSpec::flatten(), core::LayerSpec::dense(2, core::Activation::Softmax)},
        core::Shape::hwc(6, 6, 1));
    e.spec.optimizer = core::OptimizerSpec::defaultsFor(core::OptimizerKind::Sgd);
    e.spec.optimizer.learningRate = 0.1f;
    core::Network net(e.spec);
    net.weights(0) << 0.5f, -0.2f, 0.1f, -0.3f, 0.8f, -0.1f, 0.2f, -0.4f, 0.6f;
    net.bias(0).setConstant(0.05f);
    net.weights(3) << 0.7f, -0.5f, 0.3f, 0.2f, -0.6f, 0.4f, 0.1f, -0.3f;
    net.bias(3) << 0.1f, -0.1f;
    e.parameters = parametersOf(net);
    e.x.resize(36, 1);
    e.x << 0.0f, 0.1f, 0.0f, 0.0f, 0.0f, 0.0f, //
        0.2f, 0.9f, 0.3f, 0.0f, 0.0f, 0.0f,    //
        0.0f, 0.4f, 1.0f, 0.5f, 0.0f, 0.0f,    //
        0.0f, 0.0f, 0.6f, 0.8f, 0.2f, 0.0f,    //
        0.0f, 0.0f, 0.0f, 0.7f, 0.9f, 0.1f,    //
        0.0f, 0.0f, 0.0f, 0.1f, 0.3f, 0.6f;
    e.targets.resize(2, 1);
    e.targets << 0.0f, 1.0f;
    e.labels = {1};
    return e;
}

core::Matrix oneHotTargets(int label, int outputs, core::LossKind loss)
{
    if (loss != core::LossKind::MeanSquaredError)
        return {};
    core::Matrix t = core::Matrix::Zero(outputs, 1);
    t(label, 0) = 1.0f;
    return t;
}

} // namespace tinyml::ui
