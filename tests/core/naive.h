// SPDX-License-Identifier: GPL-3.0-or-later
// A naive reference for the tests: the dense forward pass and the int8 fully-connected kernel
// written from their formulas with plain loops, in double or in exact integers, for clarity and
// never for speed; the int8 softmax from gemmlowp's own fixed point (tflmsoftmax.h). Nothing here calls the engine's arithmetic: it only reads the engine's
// numbers (weights, quantized parameters) as data.
#pragma once

#include "core/deploy/quantize.h"
#include "core/nn/network.h"
#include "tflmsoftmax.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace tinyml::test::naive {

/// One dense layer: y = f(W x + b), W stored [out][in].
struct Dense
{
    int inputs = 0;
    int outputs = 0;
    core::Activation activation = core::Activation::Linear;
    std::vector<double> w; ///< outputs * inputs, row c = output c
    std::vector<double> b; ///< outputs
    double weight(int c, int i) const
    {
        return w[std::size_t(c) * std::size_t(inputs) + std::size_t(i)];
    }
};

/// The layers of a network, read element by element through its public accessors.
inline std::vector<Dense> layersOf(const core::Network &net)
{
    std::vector<Dense> layers;
    for (std::size_t l = 0; l < net.layerCount(); ++l) {
        Dense d;
        d.inputs = net.spec().layerInputSize(l);
        d.outputs = net.spec().layers[l].units;
        d.activation = net.spec().layers[l].activation;
        const auto W = net.weights(l);
        const auto b = net.bias(l);
        for (int c = 0; c < d.outputs; ++c) {
            for (int i = 0; i < d.inputs; ++i)
                d.w.push_back(double(W(c, i)));
            d.b.push_back(double(b(c)));
        }
        layers.push_back(std::move(d));
    }
    return layers;
}

/// f(z) of one unit, from the textbook definitions. Not for softmax.
inline double activate(core::Activation f, double z)
{
    switch (f) {
    case core::Activation::Linear:
        return z;
    case core::Activation::Sigmoid:
        return 1.0 / (1.0 + std::exp(-z));
    case core::Activation::Tanh:
        return (std::exp(z) - std::exp(-z)) / (std::exp(z) + std::exp(-z));
    case core::Activation::Relu:
        return z > 0.0 ? z : 0.0;
    case core::Activation::LeakyRelu:
        return z > 0.0 ? z : 0.01 * z; // slope 0.01 for z < 0
    case core::Activation::Softmax:
        break;
    }
    return z;
}

/// softmax(z)_k = e^{z_k} / Σ_j e^{z_j} (shifted by the maximum, which changes nothing).
inline std::vector<double> softmax(const std::vector<double> &z)
{
    double m = z[0];
    for (double v : z)
        m = std::max(m, v);
    double sum = 0.0;
    for (double v : z)
        sum += std::exp(v - m);
    std::vector<double> p;
    for (double v : z)
        p.push_back(std::exp(v - m) / sum);
    return p;
}

/// z and y of every layer for one input x.
struct Trace
{
    std::vector<std::vector<double>> z, y;
};

inline Trace forward(const std::vector<Dense> &layers, const std::vector<double> &x)
{
    Trace t;
    std::vector<double> in = x;
    for (const Dense &d : layers) {
        std::vector<double> z(std::size_t(d.outputs), 0.0);
        for (int c = 0; c < d.outputs; ++c) {
            double sum = d.b[std::size_t(c)];
            for (int i = 0; i < d.inputs; ++i)
                sum += d.weight(c, i) * in[std::size_t(i)];
            z[std::size_t(c)] = sum;
        }
        std::vector<double> y;
        if (d.activation == core::Activation::Softmax) {
            y = softmax(z);
        } else {
            for (double v : z)
                y.push_back(activate(d.activation, v));
        }
        t.z.push_back(z);
        t.y.push_back(y);
        in = y;
    }
    return t;
}

/// f'(z) of one unit from the textbook derivatives (y = f(z)). Not for softmax.
inline double derivative(core::Activation f, double z, double y)
{
    switch (f) {
    case core::Activation::Sigmoid:
        return y * (1.0 - y);
    case core::Activation::Tanh:
        return 1.0 - y * y;
    case core::Activation::Relu:
        return z > 0.0 ? 1.0 : 0.0;
    case core::Activation::LeakyRelu:
        return z > 0.0 ? 1.0 : 0.01;
    case core::Activation::Linear:
    case core::Activation::Softmax:
        break;
    }
    return 1.0;
}

/// dL/dW and dL/db of one layer, W laid out like Dense::w.
struct LayerGradient
{
    std::vector<double> w, b;
};

/// The gradient of one sample's cross-entropy −log softmax(z)_label for a network whose last
/// layer is softmax, by the chain rule written out: dL/dz = y − onehot at the output, then
/// dL/dz_l = (W_{l+1}ᵀ dL/dz_{l+1}) ⊙ f'(z_l), dL/dW_l = dL/dz_l · in_lᵀ, dL/db_l = dL/dz_l.
inline std::vector<LayerGradient> gradient(const std::vector<Dense> &layers,
                                           const std::vector<double> &x, int label)
{
    const Trace t = forward(layers, x);
    std::vector<LayerGradient> g(layers.size());
    std::vector<double> dz = t.y.back();
    dz[std::size_t(label)] -= 1.0;
    for (std::size_t l = layers.size(); l-- > 0;) {
        const Dense &d = layers[l];
        const std::vector<double> &in = l == 0 ? x : t.y[l - 1];
        g[l].w.assign(d.w.size(), 0.0);
        g[l].b = dz;
        for (int c = 0; c < d.outputs; ++c)
            for (int i = 0; i < d.inputs; ++i)
                g[l].w[std::size_t(c) * std::size_t(d.inputs) + std::size_t(i)]
                    = dz[std::size_t(c)] * in[std::size_t(i)];
        if (l == 0)
            break;
        const Dense &below = layers[l - 1];
        std::vector<double> next(std::size_t(d.inputs), 0.0);
        for (int i = 0; i < d.inputs; ++i) {
            double sum = 0.0;
            for (int c = 0; c < d.outputs; ++c)
                sum += d.weight(c, i) * dz[std::size_t(c)];
            next[std::size_t(i)] = sum * derivative(below.activation, t.z[l - 1][std::size_t(i)],
                                                    t.y[l - 1][std::size_t(i)]);
        }
        dz = std::move(next);
    }
    return g;
}

// ---- int8 ----

/// round(x), halves away from zero: 2.5 -> 3, -2.5 -> -3.
inline std::int64_t roundHalfAway(double x)
{
    return x < 0.0 ? -std::int64_t(std::floor(-x + 0.5)) : std::int64_t(std::floor(x + 0.5));
}

/// True when x lies within tol of a half-integer, where float and double may round differently.
inline bool nearHalf(double x, double tol = 1e-6)
{
    const double frac = x - std::floor(x);
    return std::abs(frac - 0.5) < tol;
}

/// Affine quantization parameters of a calibrated range [lo, hi]: the range is widened to hold
/// 0 (so that 0 is exact), then scale = (hi − lo) / 255 and the zero point puts lo at −128.
struct Affine
{
    double scale = 0.0;
    std::int64_t zeroPoint = 0;
    double unroundedZeroPoint = 0.0; ///< −128 − lo / scale
};
inline Affine affineOfRange(double lo, double hi)
{
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    Affine a;
    a.scale = (hi - lo) / 255.0;
    a.unroundedZeroPoint = -128.0 - lo / a.scale;
    a.zeroPoint = std::clamp<std::int64_t>(roundHalfAway(a.unroundedZeroPoint), -128, 127);
    return a;
}

/// Floor division for a positive divisor (C++ '/' truncates towards zero instead).
inline std::int64_t floorDiv(std::int64_t a, std::int64_t d)
{
    const std::int64_t q = a / d;
    return (a % d != 0 && a < 0) ? q - 1 : q;
}

/// acc · M with M = m0 · 2^(shift − 31), in TFLite's two rounding steps: first the doubling high
/// multiply acc · 2^left · m0 / 2^31 rounded to nearest with halves upwards, then a division by
/// 2^right rounded to nearest with halves away from zero (left = max(shift, 0), right = max(−shift,
/// 0)).
inline std::int64_t requantize(std::int64_t acc, std::int64_t m0, int shift)
{
    const int left = std::max(shift, 0);
    const int right = std::max(-shift, 0);
    const std::int64_t product = acc * (std::int64_t(1) << left) * m0; // |acc| < 2^31, m0 < 2^31
    const std::int64_t high = floorDiv(product + (std::int64_t(1) << 30), std::int64_t(1) << 31);
    if (right == 0)
        return high;
    const std::int64_t d = std::int64_t(1) << right;
    const std::int64_t magnitude = (std::abs(high) + d / 2) / d;
    return high < 0 ? -magnitude : magnitude;
}

/// TFLM's fully-connected int8 layer:
///   acc_c = Σ_i W_q[c][i] · (x_i − zp_in) + b_q[c]
///   v_c   = clamp(requantize(acc_c) + zp_out, actMin, actMax), then v_c = lut[v_c + 128] if any.
inline std::vector<std::int8_t> dense(const core::QuantizedLayer &ql,
                                      const std::vector<std::int8_t> &x)
{
    std::vector<std::int8_t> y;
    for (int c = 0; c < ql.outputs; ++c) {
        std::int64_t acc = 0;
        for (int i = 0; i < ql.inputs; ++i) {
            const std::int64_t w
                = ql.weights[std::size_t(c) * std::size_t(ql.inputs) + std::size_t(i)];
            acc += w * (std::int64_t(x[std::size_t(i)]) - ql.input.zeroPoint);
        }
        acc += ql.bias[std::size_t(c)];
        std::int64_t v = requantize(acc, ql.multiplier[std::size_t(c)], ql.shift[std::size_t(c)]);
        v += ql.output.zeroPoint;
        v = std::clamp<std::int64_t>(v, ql.actMin, ql.actMax);
        if (!ql.lut.empty())
            v = ql.lut[std::size_t(v + 128)];
        y.push_back(std::int8_t(v));
    }
    return y;
}

/// Logits and probabilities of a whole quantized model for one int8 input.
struct Int8Result
{
    std::vector<std::int8_t> logits, probabilities;
    int predicted = 0; ///< first maximum of the logits
};
inline Int8Result runInt8(const core::QuantizedModel &q, const std::vector<std::int8_t> &input)
{
    std::vector<std::int8_t> x = input;
    for (const auto &layer : q.layers)
        x = dense(layer, x);
    Int8Result r;
    r.logits = x;
    r.probabilities = tflm::softmax(x, tflm::prepare(q.layers.back().result().scale));
    for (std::size_t k = 1; k < x.size(); ++k)
        if (x[k] > x[std::size_t(r.predicted)])
            r.predicted = int(k);
    return r;
}

} // namespace tinyml::test::naive
