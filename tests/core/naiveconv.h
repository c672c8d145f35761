// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An independent plain-loop reference of the typed layers in double precision, written from
// the definitions in docs/facts.md §7 (not from the engine's code): a tensor is (h, w, c)
// NHWC, parameters are read from the flat buffer in the documented layout (DESIGN.md).

#include "core/nn/modelspec.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace naiveconv {

using tinyml::core::Activation;
using tinyml::core::LayerKind;
using tinyml::core::LayerSpec;
using tinyml::core::ModelSpec;
using tinyml::core::Padding;

struct Tensor
{
    int h = 1, w = 1, c = 1;
    std::vector<double> v;
    double &at(int y, int x, int ch) { return v[std::size_t((y * w + x) * c + ch)]; }
    double at(int y, int x, int ch) const { return v[std::size_t((y * w + x) * c + ch)]; }
};

inline double act(Activation f, double z)
{
    switch (f) {
    case Activation::Sigmoid:
        return 1.0 / (1.0 + std::exp(-z));
    case Activation::Tanh:
        return std::tanh(z);
    case Activation::Relu:
        return z > 0 ? z : 0.0;
    case Activation::LeakyRelu:
        return z > 0 ? z : 0.01 * z;
    default:
        return z;
    }
}

/// out = ceil(in / s) for same, floor((in - k) / s) + 1 for valid; padding before = total / 2.
inline void geometry(int in, int k, int s, Padding p, int &out, int &before)
{
    if (p == Padding::Same) {
        out = (in + s - 1) / s;
        const int total = std::max((out - 1) * s + k - in, 0);
        before = total / 2;
    } else {
        out = (in - k) / s + 1;
        before = 0;
    }
}

/// Forward of every layer; the output of the last one (pre-softmax if the last is softmax:
/// the caller applies it). params in double, layout as the engine documents it.
inline Tensor
forward(const ModelSpec &spec, const std::vector<double> &params, Tensor x, bool stopBeforeSoftmax)
{
    std::size_t off = 0;
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const LayerSpec &L = spec.layers[l];
        Tensor y;
        switch (L.kind) {
        case LayerKind::Dense: {
            const int in = x.h * x.w * x.c;
            y.h = y.w = 1;
            y.c = L.units;
            y.v.assign(std::size_t(L.units), 0.0);
            for (int o = 0; o < L.units; ++o) {
                double s = params[off + std::size_t(in * L.units) + std::size_t(o)];
                for (int i = 0; i < in; ++i)
                    s += params[off + std::size_t(o + L.units * i)] * x.v[std::size_t(i)];
                y.v[std::size_t(o)] = s;
            }
            off += std::size_t(in * L.units + L.units);
            break;
        }
        case LayerKind::Conv2D:
        case LayerKind::DepthwiseConv2D:
        case LayerKind::MaxPooling2D:
        case LayerKind::AveragePooling2D: {
            int pt, pl;
            geometry(x.h, L.kernel, L.stride, L.padding, y.h, pt);
            geometry(x.w, L.kernel, L.stride, L.padding, y.w, pl);
            const int k = L.kernel;
            const bool conv = L.kind == LayerKind::Conv2D;
            const bool depth = L.kind == LayerKind::DepthwiseConv2D;
            y.c = conv ? L.units : x.c;
            y.v.assign(std::size_t(y.h * y.w * y.c), 0.0);
            const std::size_t kernelSize
                = conv ? std::size_t(L.units * k * k * x.c) : std::size_t(k * k * x.c);
            for (int oy = 0; oy < y.h; ++oy)
                for (int ox = 0; ox < y.w; ++ox)
                    for (int oc = 0; oc < y.c; ++oc) {
                        double s = 0.0;
                        double best = -std::numeric_limits<double>::infinity();
                        int count = 0;
                        for (int ky = 0; ky < k; ++ky)
                            for (int kx = 0; kx < k; ++kx) {
                                const int iy = oy * L.stride - pt + ky;
                                const int ix = ox * L.stride - pl + kx;
                                if (iy < 0 || iy >= x.h || ix < 0 || ix >= x.w)
                                    continue;
                                ++count;
                                if (conv) {
                                    for (int ic = 0; ic < x.c; ++ic)
                                        s += params[off
                                                    + std::size_t(
                                                        oc + L.units * ((ky * k + kx) * x.c + ic))]
                                             * x.at(iy, ix, ic);
                                } else if (depth) {
                                    s += params[off + std::size_t(oc + x.c * (ky * k + kx))]
                                         * x.at(iy, ix, oc);
                                } else {
                                    s += x.at(iy, ix, oc);
                                    best = std::max(best, x.at(iy, ix, oc));
                                }
                            }
                        double out;
                        if (conv || depth)
                            out = s + params[off + kernelSize + std::size_t(oc)];
                        else if (L.kind == LayerKind::MaxPooling2D)
                            out = best;
                        else
                            out = s / count;
                        y.at(oy, ox, oc) = out;
                    }
            if (conv || depth)
                off += kernelSize + std::size_t(y.c);
            break;
        }
        case LayerKind::Flatten:
            y = x;
            y.c = x.h * x.w * x.c;
            y.h = y.w = 1;
            break;
        case LayerKind::Dropout:
            y = x;
            break;
        }
        const bool last = l + 1 == spec.layers.size();
        if (!(last && stopBeforeSoftmax && L.activation == Activation::Softmax))
            for (double &v : y.v)
                v = act(L.activation, v);
        x = std::move(y);
    }
    return x;
}

/// Mean sparse categorical cross-entropy of a softmax output layer, plus l2 * sum of squared
/// kernel weights (Dense, Conv2D, DepthwiseConv2D; no biases).
inline double loss(const ModelSpec &spec,
                   const std::vector<double> &params,
                   const std::vector<Tensor> &inputs,
                   std::span<const std::uint8_t> labels)
{
    double total = 0.0;
    for (std::size_t s = 0; s < inputs.size(); ++s) {
        const Tensor z = forward(spec, params, inputs[s], true);
        double m = *std::max_element(z.v.begin(), z.v.end());
        double sum = 0.0;
        for (double v : z.v)
            sum += std::exp(v - m);
        total += m + std::log(sum) - z.v[labels[s]];
    }
    total /= double(inputs.size());
    if (spec.l2 > 0.0f) {
        // Walk the layers again to find the kernels.
        std::size_t off = 0;
        int h = spec.inputShape ? spec.inputShape->height : 1;
        int w = spec.inputShape ? spec.inputShape->width : 1;
        int c = spec.inputShape ? spec.inputShape->channels : spec.inputSize;
        double sq = 0.0;
        for (const LayerSpec &L : spec.layers) {
            std::size_t kernel = 0, bias = 0;
            int oh = h, ow = w, oc = c, p;
            if (L.kind == LayerKind::Dense) {
                kernel = std::size_t(h * w * c * L.units);
                bias = std::size_t(L.units);
                oh = ow = 1;
                oc = L.units;
            } else if (L.kind == LayerKind::Flatten) {
                oh = ow = 1;
                oc = h * w * c;
            } else if (L.kind != LayerKind::Dropout) {
                geometry(h, L.kernel, L.stride, L.padding, oh, p);
                geometry(w, L.kernel, L.stride, L.padding, ow, p);
                if (L.kind == LayerKind::Conv2D) {
                    kernel = std::size_t(L.kernel * L.kernel * c * L.units);
                    bias = std::size_t(L.units);
                    oc = L.units;
                } else if (L.kind == LayerKind::DepthwiseConv2D) {
                    kernel = std::size_t(L.kernel * L.kernel * c);
                    bias = std::size_t(c);
                }
            }
            for (std::size_t i = 0; i < kernel; ++i)
                sq += params[off + i] * params[off + i];
            off += kernel + bias;
            h = oh;
            w = ow;
            c = oc;
        }
        total += double(spec.l2) * sq;
    }
    return total;
}

} // namespace naiveconv
