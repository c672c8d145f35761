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

core::Matrix oneHotTargets(int label, int outputs, core::LossKind loss)
{
    if (loss != core::LossKind::MeanSquaredError)
        return {};
    core::Matrix t = core::Matrix::Zero(outputs, 1);
    t(label, 0) = 1.0f;
    return t;
}

} // namespace tinyml::ui
