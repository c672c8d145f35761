// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/network.h"

#include "core/nn/activation.h"
#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace tinyml::core {

Workspace::Workspace(const ModelSpec &spec, int maxBatch)
    : m_maxBatch(maxBatch)
{
    if (maxBatch < 1)
        throw Error("A workspace needs room for at least one sample.");
    const std::size_t layers = spec.layers.size();
    m_z.resize(layers);
    m_a.resize(layers);
    m_delta.resize(layers);
    m_mask.resize(layers);
    m_pre.resize(layers);
    for (const auto &layer : spec.layers) {
        const std::size_t l = m_units.size();
        m_units.push_back(layer.units);
        const std::size_t n = std::size_t(layer.units) * std::size_t(maxBatch);
        m_z[l].assign(n, 0.0f);
        m_a[l].assign(n, 0.0f);
        m_delta[l].assign(n, 0.0f);
        if (spec.dropout > 0.0f && l + 1 < layers) {
            m_mask[l].assign(n, 1.0f);
            m_pre[l].assign(n, 0.0f);
        }
    }
    m_gradients.assign(std::size_t(spec.parameterCount()), 0.0f);
}

Network::Network(ModelSpec spec)
    : m_spec(std::move(spec))
{
    m_spec.validate();
    std::size_t offset = 0;
    for (std::size_t l = 0; l < m_spec.layers.size(); ++l) {
        m_wOffset.push_back(offset);
        offset += std::size_t(rows(l) * cols(l));
        m_bOffset.push_back(offset);
        offset += std::size_t(rows(l));
    }
    m_params.assign(offset, 0.0f);
}

void Network::initialize(std::uint64_t seed)
{
    Rng rng(seed);
    std::fill(m_params.begin(), m_params.end(), 0.0f);
    for (std::size_t l = 0; l < layerCount(); ++l) {
        auto W = weights(l);
        const float fanIn = float(cols(l));
        const float fanOut = float(rows(l));
        switch (m_spec.initializer) {
        case Initializer::GlorotUniform: {
            // Glorot & Bengio 2010: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)).
            const float limit = std::sqrt(6.0f / (fanIn + fanOut));
            for (Eigen::Index i = 0; i < W.size(); ++i)
                W.data()[i] = rng.uniform(-limit, limit);
            break;
        }
        case Initializer::HeNormal: {
            // He et al. 2015, as Keras: truncated normal (|x| < 2 sigma), sigma = sqrt(2 / fan_in).
            const float sigma = std::sqrt(2.0f / fanIn) / 0.87962566f;
            for (Eigen::Index i = 0; i < W.size(); ++i) {
                float x;
                do
                    x = rng.normal();
                while (std::abs(x) > 2.0f);
                W.data()[i] = x * sigma;
            }
            break;
        }
        case Initializer::Zeros:
            break;
        }
    }
}

ConstMatrixMap Network::forward(ConstMatrixRef X, Workspace &ws, Rng *dropout) const
{
    return forwardPass(X, ws, dropout, {});
}

ConstMatrixMap Network::forward(ConstMatrixRef X, Workspace &ws,
                                std::span<const Matrix> keepMasks) const
{
    if (m_spec.dropout <= 0.0f)
        throw Error("Internal error: dropout masks for a model without dropout.");
    if (keepMasks.size() + 1 != layerCount())
        throw Error("Internal error: one dropout mask per hidden layer is needed.");
    for (std::size_t l = 0; l < keepMasks.size(); ++l)
        if (keepMasks[l].rows() != rows(l) || keepMasks[l].cols() != X.cols())
            throw Error("Internal error: a dropout mask does not fit its layer and batch.");
    return forwardPass(X, ws, nullptr, keepMasks);
}

ConstMatrixMap Network::forwardPass(ConstMatrixRef X, Workspace &ws, Rng *dropout,
                                    std::span<const Matrix> keepMasks) const
{
    const int n = int(X.cols());
    if (n > ws.m_maxBatch || X.rows() != m_spec.inputSize)
        throw Error("Internal error: batch does not fit the workspace.");
    ws.m_batch = n;
    const float keep = 1.0f - m_spec.dropout;
    for (std::size_t l = 0; l < layerCount(); ++l) {
        auto z = ws.z(l);
        auto a = ws.a(l);
        if (l == 0)
            z.noalias() = weights(l) * X;
        else
            z.noalias() = weights(l) * ws.a(l - 1);
        z.colwise() += bias(l);
        const bool drop = !ws.m_mask[l].empty();
        if (!drop) {
            activate(m_spec.layers[l].activation, z, a);
            continue;
        }
        // Inverted dropout (Srivastava et al. 2014): a = f(z) ⊙ mask, mask in {0, 1/keep}.
        MatrixMap pre(ws.m_pre[l].data(), a.rows(), n);
        MatrixMap mask(ws.m_mask[l].data(), a.rows(), n);
        activate(m_spec.layers[l].activation, z, pre);
        const float scale = 1.0f / keep;
        if (dropout) {
            for (Eigen::Index i = 0; i < mask.size(); ++i)
                mask.data()[i] = dropout->uniform() < keep ? scale : 0.0f;
        } else if (!keepMasks.empty()) {
            const float *given = keepMasks[l].data();
            for (Eigen::Index i = 0; i < mask.size(); ++i)
                mask.data()[i] = given[i] != 0.0f ? scale : 0.0f;
        } else {
            mask.setOnes();
        }
        a = pre.cwiseProduct(mask);
    }
    return std::as_const(ws).a(layerCount() - 1);
}

double Network::l2Penalty() const
{
    if (m_spec.l2 <= 0.0f)
        return 0.0;
    double sum = 0.0;
    for (std::size_t l = 0; l < layerCount(); ++l)
        sum += double(weights(l).squaredNorm());
    return double(m_spec.l2) * sum;
}

namespace {

/// Loss of the output layer and, when dOut is given, dL/da (or dL/dz when fused) into it.
/// Returns true when dOut already holds dL/dz (softmax fused with cross-entropy).
bool outputLoss(const ModelSpec &spec, ConstMatrixRef z, ConstMatrixRef a, const Targets &t,
                LossValue &value, MatrixMap *dOut)
{
    const Eigen::Index n = a.cols();
    const Eigen::Index k = a.rows();
    const Activation outAct = spec.layers.back().activation;
    const bool haveLabels = !t.labels.empty();
    if (!haveLabels && !t.dense)
        throw Error("Internal error: a loss needs labels or targets.");
    if (haveLabels && Eigen::Index(t.labels.size()) < n)
        throw Error("Internal error: fewer labels than samples.");
    double total = 0.0;
    bool fused = false;
    if (spec.loss == LossKind::SparseCategoricalCrossentropy) {
        if (!haveLabels)
            throw Error("Sparse categorical cross-entropy needs class labels.");
        fused = outAct == Activation::Softmax;
        constexpr float kEps = 1e-7f; // Keras's epsilon for clipping probabilities
        for (Eigen::Index c = 0; c < n; ++c) {
            const int y = t.labels[std::size_t(c)];
            if (y >= k)
                throw Error("A label is larger than the number of outputs.");
            if (fused) {
                // log-sum-exp form: stable for any z.
                const float m = z.col(c).maxCoeff();
                const double lse = double(m) + std::log(double((z.col(c).array() - m).exp().sum()));
                total += lse - double(z(y, c));
            } else {
                total += -std::log(double(std::clamp(a(y, c), kEps, 1.0f - kEps)));
            }
        }
        if (dOut) {
            const float inv = 1.0f / float(n);
            if (fused) {
                *dOut = a * inv;
                for (Eigen::Index c = 0; c < n; ++c)
                    (*dOut)(t.labels[std::size_t(c)], c) -= inv;
            } else {
                dOut->setZero();
                for (Eigen::Index c = 0; c < n; ++c) {
                    const int y = t.labels[std::size_t(c)];
                    const float p = a(y, c);
                    if (p > kEps && p < 1.0f - kEps)
                        (*dOut)(y, c) = -inv / p;
                }
            }
        }
    } else {
        // Mean squared error, Keras: mean over outputs and samples of (a - t)^2.
        const float scale = 2.0f / float(n * k);
        for (Eigen::Index c = 0; c < n; ++c) {
            for (Eigen::Index r = 0; r < k; ++r) {
                float target;
                if (t.dense)
                    target = (*t.dense)(r, c);
                else
                    target = t.labels[std::size_t(c)] == r ? 1.0f : 0.0f;
                const float diff = a(r, c) - target;
                total += double(diff) * diff;
                if (dOut)
                    (*dOut)(r, c) = scale * diff;
            }
        }
        total /= double(k);
    }
    value.loss = total / double(n);
    if (haveLabels) {
        for (Eigen::Index c = 0; c < n; ++c) {
            Eigen::Index arg;
            a.col(c).maxCoeff(&arg);
            value.correct += arg == t.labels[std::size_t(c)];
        }
    }
    return fused;
}

} // namespace

LossValue Network::loss(const Workspace &ws, const Targets &targets) const
{
    LossValue value;
    const std::size_t last = layerCount() - 1;
    outputLoss(m_spec, ws.z(last), ws.a(last), targets, value, nullptr);
    value.loss += l2Penalty();
    return value;
}

LossValue Network::backward(ConstMatrixRef X, const Targets &targets, Workspace &ws) const
{
    const std::size_t last = layerCount() - 1;
    LossValue value;
    auto dOut = ws.delta(last);
    const bool fused = outputLoss(m_spec, ws.z(last), ws.a(last), targets, value, &dOut);
    if (!fused)
        activationBackward(m_spec.layers[last].activation, ws.z(last), ws.a(last), dOut);
    value.loss += l2Penalty();

    float *grads = ws.m_gradients.data();
    for (std::size_t l = last + 1; l-- > 0;) {
        auto delta = ws.delta(l); // (units, n)
        MatrixMap dW(grads + m_wOffset[l], rows(l), cols(l));
        VectorMap db(grads + m_bOffset[l], rows(l));
        if (l == 0)
            dW.noalias() = delta * X.transpose();
        else
            dW.noalias() = delta * ws.a(l - 1).transpose();
        db.noalias() = delta.rowwise().sum();
        if (m_spec.l2 > 0.0f)
            dW += (2.0f * m_spec.l2) * weights(l);
        if (l == 0)
            break;
        // delta_{l-1} = (W^T delta) ⊙ dropout mask ⊙ f'(z_{l-1})
        auto prev = ws.delta(l - 1);
        prev.noalias() = weights(l).transpose() * delta;
        if (ws.m_mask[l - 1].empty()) {
            activationBackward(m_spec.layers[l - 1].activation, ws.z(l - 1), ws.a(l - 1), prev);
        } else {
            const ConstMatrixMap mask(ws.m_mask[l - 1].data(), prev.rows(), prev.cols());
            const ConstMatrixMap pre(ws.m_pre[l - 1].data(), prev.rows(), prev.cols());
            prev.array() *= mask.array();
            activationBackward(m_spec.layers[l - 1].activation, ws.z(l - 1), pre, prev);
        }
    }
    return value;
}

std::vector<float> Network::predict(std::span<const float> input) const
{
    if (input.size() != std::size_t(m_spec.inputSize))
        throw Error("The input has " + std::to_string(input.size()) + " values; the model expects "
                    + std::to_string(m_spec.inputSize) + ".");
    Workspace ws(m_spec, 1);
    ConstMatrixMap x(input.data(), m_spec.inputSize, 1);
    auto out = forward(x, ws);
    return {out.data(), out.data() + out.size()};
}

bool Network::isFinite() const
{
    return std::all_of(m_params.begin(), m_params.end(), [](float v) { return std::isfinite(v); });
}

} // namespace tinyml::core
