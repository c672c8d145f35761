// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/modelcheck.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinyml::core {

namespace {

double powerOfTen(int exponent) { return std::pow(10.0, double(exponent)); }

/// The bound of a layer's output from the bound of its z.
double afterActivation(Activation a, double zBound)
{
    switch (a) {
    case Activation::Sigmoid:
    case Activation::Tanh:
    case Activation::Softmax:
        return 1.0;
    case Activation::Linear:
    case Activation::Relu:
    case Activation::LeakyRelu:
        return zBound;
    }
    return zBound;
}

} // namespace

std::vector<double> activationBounds(const Network &net)
{
    const ModelSpec &spec = net.spec();
    std::vector<double> bounds;
    bounds.reserve(spec.layers.size());
    double in = 1.0; // pixels scaled to [0, 1]
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const auto W = net.weights(l);
        const auto b = net.bias(l);
        const Eigen::VectorXd rowSums = W.cast<double>().cwiseAbs().rowwise().sum();
        double worst = 0.0;
        for (Eigen::Index r = 0; r < W.rows(); ++r)
            worst = std::max(worst, rowSums(r) * in + std::abs(double(b(r))));
        if (!std::isfinite(worst))
            worst = std::numeric_limits<double>::infinity();
        bounds.push_back(worst);
        in = afterActivation(spec.layers[l].activation, worst);
    }
    return bounds;
}

void checkNetwork(const Network &net, const std::string &file)
{
    if (!net.isFinite())
        throw Error(file.empty() ? ErrorCode::WeightsNotFinite : ErrorCode::ModelNotFinite,
                    {.file = file});
    const double maxParameter = powerOfTen(kMaxParameterExponent);
    for (std::size_t l = 0; l < net.layerCount(); ++l) {
        const double w = double(net.weights(l).cwiseAbs().maxCoeff());
        const double b = double(net.bias(l).cwiseAbs().maxCoeff());
        const double largest = std::max(w, b);
        if (largest > maxParameter)
            throw Error(ErrorCode::ModelValuesTooLarge, {.file = file,
                                                         .field = ErrorField::Weights,
                                                         .index = std::int64_t(l),
                                                         .limit = kMaxParameterExponent,
                                                         .value = largest});
    }
    const std::vector<double> bounds = activationBounds(net);
    const double maxActivation = powerOfTen(kMaxActivationExponent);
    for (std::size_t l = 0; l < bounds.size(); ++l)
        if (!(bounds[l] <= maxActivation))
            throw Error(ErrorCode::ModelValuesTooLarge, {.file = file,
                                                         .field = ErrorField::Activations,
                                                         .index = std::int64_t(l),
                                                         .limit = kMaxActivationExponent,
                                                         .value = bounds[l]});
}

void checkLoadedModel(const Network &net, std::span<const float> optimizerState,
                      const std::string &file)
{
    checkNetwork(net, file);
    if (!std::all_of(optimizerState.begin(), optimizerState.end(),
                     [](float v) { return std::isfinite(v); }))
        throw Error(ErrorCode::ModelNotFinite, {.file = file, .field = ErrorField::OptimizerState});
}

bool isNetworkUsable(const Network &net)
{
    try {
        checkNetwork(net);
        return true;
    } catch (const Error &) {
        return false;
    }
}

} // namespace tinyml::core
