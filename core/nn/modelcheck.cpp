// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/modelcheck.h"

#include "core/base/error.h"
#include "core/nn/modelspec.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinyml::core {

namespace {

double powerOfTen(int exponent)
{
    return std::pow(10.0, double(exponent));
}

/// The interval of a layer's output from the interval of its z (every activation is monotone).
void activateInterval(Activation a, double &lo, double &hi)
{
    switch (a) {
    case Activation::Sigmoid:
    case Activation::Softmax:
        lo = 0.0;
        hi = 1.0;
        return;
    case Activation::Tanh:
        lo = -1.0;
        hi = 1.0;
        return;
    case Activation::Relu:
        lo = std::max(lo, 0.0);
        hi = std::max(hi, 0.0);
        return;
    case Activation::LeakyRelu:
        lo = lo < 0.0 ? double(kLeakyReluSlope) * lo : lo;
        hi = hi < 0.0 ? double(kLeakyReluSlope) * hi : hi;
        return;
    case Activation::Linear:
        return;
    }
}

} // namespace

namespace {

/// For models with convolutional layers: one interval for all values of a layer's output
/// (coarser than per unit, still sound). A kernel row r (a filter, a depthwise channel or a dense
/// unit) gives Σ_c w_rc · x_c + b_r with every x_c in [lo, hi]; zero padding lies in it too, as
/// the interval always holds 0. Pooling, Flatten and Dropout (an identity at inference) keep it.
std::vector<double> uniformBounds(const Network &net)
{
    const ModelSpec &spec = net.spec();
    std::vector<double> bounds;
    bounds.reserve(spec.layers.size());
    double lo = 0.0, hi = 1.0; // pixels
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const auto W = net.weights(l);
        const auto b = net.bias(l);
        if (W.rows() > 0) {
            double nextLo = 0.0, nextHi = 0.0, worst = 0.0;
            for (Eigen::Index r = 0; r < W.rows(); ++r) {
                double sumLo = 0.0, sumHi = 0.0;
                for (Eigen::Index c = 0; c < W.cols(); ++c) {
                    const double w = double(W(r, c));
                    sumLo += std::min(w * lo, w * hi);
                    sumHi += std::max(w * lo, w * hi);
                }
                const double bias = double(b(r));
                worst = std::max(worst, std::max(std::abs(sumLo), std::abs(sumHi)) + std::abs(bias));
                double zLo = sumLo + bias, zHi = sumHi + bias;
                activateInterval(spec.layers[l].activation, zLo, zHi);
                nextLo = std::min(nextLo, zLo);
                nextHi = std::max(nextHi, zHi);
            }
            lo = nextLo;
            hi = nextHi;
            bounds.push_back(std::isfinite(worst) ? worst : std::numeric_limits<double>::infinity());
        } else {
            bounds.push_back(std::max(std::abs(lo), std::abs(hi)));
        }
    }
    return bounds;
}

} // namespace

std::vector<double> activationBounds(const Network &net)
{
    const ModelSpec &spec = net.spec();
    if (std::any_of(spec.layers.begin(), spec.layers.end(),
                    [](const LayerSpec &layer) { return layer.kind != LayerKind::Dense; }))
        return uniformBounds(net);
    std::vector<double> bounds;
    bounds.reserve(spec.layers.size());
    // Per unit of the layer's input: the interval it can take. Pixels are in [0, 1].
    std::vector<double> inLo(std::size_t(spec.inputSize), 0.0);
    std::vector<double> inHi(std::size_t(spec.inputSize), 1.0);
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const auto W = net.weights(l);
        const auto b = net.bias(l);
        const auto units = std::size_t(W.rows());
        // sumLo/sumHi: the least and the largest Σ w·x; every partial sum of the product, in
        // any order, lies between them as each term lies between its own two ends.
        std::vector<double> sumLo(units, 0.0), sumHi(units, 0.0);
        for (Eigen::Index c = 0; c < W.cols(); ++c) { // column-major: contiguous rows
            const double lo = inLo[std::size_t(c)], hi = inHi[std::size_t(c)];
            for (Eigen::Index r = 0; r < W.rows(); ++r) {
                const double w = double(W(r, c));
                const double a = w * lo, z = w * hi;
                sumLo[std::size_t(r)] += std::min(a, z);
                sumHi[std::size_t(r)] += std::max(a, z);
            }
        }
        double worst = 0.0;
        inLo.assign(units, 0.0);
        inHi.assign(units, 0.0);
        for (std::size_t r = 0; r < units; ++r) {
            const double bias = double(b(Eigen::Index(r)));
            worst = std::max(worst,
                             std::max(std::abs(sumLo[r]), std::abs(sumHi[r])) + std::abs(bias));
            inLo[r] = sumLo[r] + bias;
            inHi[r] = sumHi[r] + bias;
            activateInterval(spec.layers[l].activation, inLo[r], inHi[r]);
        }
        if (!std::isfinite(worst))
            worst = std::numeric_limits<double>::infinity();
        bounds.push_back(worst);
    }
    return bounds;
}

void checkClasses(const ModelSpec &spec, const std::string &file)
{
    if (spec.outputSize() <= kMaxClasses)
        return;
    ErrorArgs args{.file = file,
                   .field = ErrorField::OutputUnits,
                   .found = spec.outputSize(),
                   .limit = kMaxClasses};
    if (file.empty())
        throw Error(ErrorCode::SpecInvalid, std::move(args));
    args.cause = ErrorCode::SpecInvalid;
    throw Error(ErrorCode::ModelBadSettings, std::move(args));
}

void checkNetwork(const Network &net, const std::string &file)
{
    checkClasses(net.spec(), file);
    if (!net.isFinite())
        throw Error(file.empty() ? ErrorCode::WeightsNotFinite : ErrorCode::ModelNotFinite,
                    {.file = file});
    const double maxParameter = powerOfTen(kMaxParameterExponent);
    for (std::size_t l = 0; l < net.layerCount(); ++l) {
        if (net.weights(l).size() == 0)
            continue; // pooling, Flatten, Dropout: no parameters
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

void checkLoadedModel(const Network &net,
                      std::span<const float> optimizerState,
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
