// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/steptrace.h"

namespace tinyml::core {

StepTrace traceStep(Network &net, Optimizer &optimizer, ConstMatrixRef X, const Targets &targets, bool apply)
{
    StepTrace t;
    const int n = int(X.cols());
    Workspace ws(net.spec(), n);
    t.input = X;
    net.forward(X, ws);
    const LossValue lv = net.backward(X, targets, ws);
    t.loss = lv.loss;
    for (std::size_t l = 0; l < net.layerCount(); ++l) {
        t.z.push_back(ws.z(l));
        t.a.push_back(ws.a(l));
        t.delta.push_back(ws.delta(l));
        const auto grads = ws.gradients();
        t.dW.push_back(ConstMatrixMap(grads.data() + net.weightOffset(l), net.weights(l).rows(), net.weights(l).cols()));
        t.db.push_back(ConstVectorMap(grads.data() + net.biasOffset(l), net.bias(l).size()));
    }
    t.parametersBefore.assign(net.parameters().begin(), net.parameters().end());
    t.gradients.assign(ws.gradients().begin(), ws.gradients().end());
    if (apply) {
        optimizer.step(net.parameters(), ws.gradients());
        t.applied = true;
        t.parametersAfter.assign(net.parameters().begin(), net.parameters().end());
        t.firstMoment.assign(optimizer.firstMoment().begin(), optimizer.firstMoment().end());
        t.secondMoment.assign(optimizer.secondMoment().begin(), optimizer.secondMoment().end());
        t.iteration = optimizer.iterations();
        t.stepSize = optimizer.lastStepSize();
    }
    return t;
}

double lossOf(const Network &net, ConstMatrixRef X, const Targets &targets)
{
    Workspace ws(net.spec(), int(X.cols()));
    net.forward(X, ws);
    return net.loss(ws, targets).loss;
}

} // namespace tinyml::core
