// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/steptrace.h"

#include "core/base/error.h"

#include <algorithm>

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

namespace {

bool isWindowed(LayerKind kind)
{
    return kind == LayerKind::Conv2D || kind == LayerKind::DepthwiseConv2D
           || kind == LayerKind::MaxPooling2D || kind == LayerKind::AveragePooling2D;
}

/// Where output row (or column) o of a windowed layer starts reading its input (may be < 0).
int windowStart(const LayerSpec &layer, int inSize, int o)
{
    return o * layer.stride - convPaddingBefore(inSize, layer.kernel, layer.stride, layer.padding);
}

void checkLayer(const ModelSpec &spec, std::size_t layer, bool convolution)
{
    if (layer >= spec.layers.size())
        throw Error(ErrorCode::Internal, {.detail = "no such layer"});
    const LayerKind kind = spec.layers[layer].kind;
    const bool ok = convolution
                        ? kind == LayerKind::Conv2D || kind == LayerKind::DepthwiseConv2D
                        : kind == LayerKind::MaxPooling2D || kind == LayerKind::AveragePooling2D;
    if (!ok)
        throw Error(ErrorCode::Internal, {.detail = "the layer is of another kind"});
}

void checkOutput(const Shape &out, int y, int x, int channel)
{
    if (y < 0 || y >= out.height || x < 0 || x >= out.width || channel < 0
        || channel >= out.channels)
        throw Error(ErrorCode::Internal, {.detail = "no such output pixel"});
}

} // namespace

PixelRect layerInputRect(const ModelSpec &spec, std::size_t layer, PixelRect outputs)
{
    const Shape in = spec.layerInputShape(layer);
    const Shape out = spec.outputShape(layer);
    const PixelRect whole{0, 0, in.height - 1, in.width - 1};
    const LayerSpec &l = spec.layers[layer];
    if (!in.image || !out.image || outputs.isEmpty())
        return outputs.isEmpty() ? PixelRect{} : whole;
    if (!isWindowed(l.kind))
        return outputs; // Dropout: the same pixels
    PixelRect r;
    r.top = std::max(0, windowStart(l, in.height, outputs.top));
    r.left = std::max(0, windowStart(l, in.width, outputs.left));
    r.bottom = std::min(in.height - 1, windowStart(l, in.height, outputs.bottom) + l.kernel - 1);
    r.right = std::min(in.width - 1, windowStart(l, in.width, outputs.right) + l.kernel - 1);
    return r;
}

PixelRect receptiveField(const ModelSpec &spec, std::size_t layer, int y, int x)
{
    if (layer >= spec.layers.size())
        throw Error(ErrorCode::Internal, {.detail = "no such layer"});
    const Shape out = spec.outputShape(layer);
    PixelRect r{y, x, y, x};
    if (!out.image)
        r = {0, 0, out.height - 1, out.width - 1};
    for (std::size_t l = layer + 1; l-- > 0;)
        r = layerInputRect(spec, l, r);
    return r;
}

int kernelColumn(const ModelSpec &spec, std::size_t layer, int ky, int kx, int channel)
{
    const LayerSpec &l = spec.layers[layer];
    if (l.kind == LayerKind::DepthwiseConv2D)
        return ky * l.kernel + kx;
    return (ky * l.kernel + kx) * spec.layerInputShape(layer).channels + channel;
}

std::vector<ConvTerm> convTerms(
    const Network &net, std::size_t layer, std::span<const float> input, int y, int x, int filter)
{
    const ModelSpec &spec = net.spec();
    checkLayer(spec, layer, true);
    const LayerSpec &l = spec.layers[layer];
    const Shape in = spec.layerInputShape(layer);
    checkOutput(spec.outputShape(layer), y, x, filter);
    if (input.size() != std::size_t(in.size()))
        throw Error(ErrorCode::Internal, {.detail = "the input does not fit the layer"});
    const bool depthwise = l.kind == LayerKind::DepthwiseConv2D;
    const auto W = net.weights(layer);
    const int y0 = windowStart(l, in.height, y), x0 = windowStart(l, in.width, x);
    std::vector<ConvTerm> terms;
    for (int ky = 0; ky < l.kernel; ++ky)
        for (int kx = 0; kx < l.kernel; ++kx)
            for (int c = depthwise ? filter : 0; c < (depthwise ? filter + 1 : in.channels); ++c) {
                ConvTerm t;
                t.ky = ky;
                t.kx = kx;
                t.channel = c;
                t.iy = y0 + ky;
                t.ix = x0 + kx;
                t.padding = t.iy < 0 || t.iy >= in.height || t.ix < 0 || t.ix >= in.width;
                t.weight = W(filter, kernelColumn(spec, layer, ky, kx, c));
                if (!t.padding)
                    t.input = input[(std::size_t(t.iy) * std::size_t(in.width) + std::size_t(t.ix))
                                        * std::size_t(in.channels)
                                    + std::size_t(c)];
                terms.push_back(t);
            }
    return terms;
}

std::vector<KernelGradientTerm> kernelGradientTerms(const Network &net,
                                                    std::size_t layer,
                                                    ConstMatrixRef input,
                                                    ConstMatrixRef delta,
                                                    int filter,
                                                    int ky,
                                                    int kx,
                                                    int channel)
{
    const ModelSpec &spec = net.spec();
    checkLayer(spec, layer, true);
    const LayerSpec &l = spec.layers[layer];
    const Shape in = spec.layerInputShape(layer);
    const Shape out = spec.outputShape(layer);
    checkOutput(out, 0, 0, filter);
    if (ky < 0 || ky >= l.kernel || kx < 0 || kx >= l.kernel || channel < 0
        || channel >= in.channels || (l.kind == LayerKind::DepthwiseConv2D && channel != filter))
        throw Error(ErrorCode::Internal, {.detail = "no such kernel weight"});
    if (input.rows() != in.size() || delta.rows() != out.size() || input.cols() != delta.cols())
        throw Error(ErrorCode::Internal, {.detail = "the input or δ does not fit the layer"});
    std::vector<KernelGradientTerm> terms;
    for (Eigen::Index s = 0; s < input.cols(); ++s)
        for (int oy = 0; oy < out.height; ++oy)
            for (int ox = 0; ox < out.width; ++ox) {
                KernelGradientTerm t;
                t.sample = int(s);
                t.oy = oy;
                t.ox = ox;
                t.iy = windowStart(l, in.height, oy) + ky;
                t.ix = windowStart(l, in.width, ox) + kx;
                t.padding = t.iy < 0 || t.iy >= in.height || t.ix < 0 || t.ix >= in.width;
                t.delta = delta((Eigen::Index(oy) * out.width + ox) * out.channels + filter, s);
                if (!t.padding)
                    t.input
                        = input((Eigen::Index(t.iy) * in.width + t.ix) * in.channels + channel, s);
                terms.push_back(t);
            }
    return terms;
}

PoolWindow poolWindow(const ModelSpec &spec,
                      std::size_t layer,
                      std::span<const float> input,
                      int y,
                      int x,
                      int channel)
{
    checkLayer(spec, layer, false);
    const LayerSpec &l = spec.layers[layer];
    const Shape in = spec.layerInputShape(layer);
    checkOutput(spec.outputShape(layer), y, x, channel);
    if (input.size() != std::size_t(in.size()))
        throw Error(ErrorCode::Internal, {.detail = "the input does not fit the layer"});
    PoolWindow w;
    const int y0 = windowStart(l, in.height, y), x0 = windowStart(l, in.width, x);
    for (int iy = std::max(0, y0); iy < std::min(in.height, y0 + l.kernel); ++iy)
        for (int ix = std::max(0, x0); ix < std::min(in.width, x0 + l.kernel); ++ix) {
            const float v = input[(std::size_t(iy) * std::size_t(in.width) + std::size_t(ix))
                                      * std::size_t(in.channels)
                                  + std::size_t(channel)];
            if (l.kind == LayerKind::MaxPooling2D
                && (w.argmax < 0 || v > w.taps[std::size_t(w.argmax)].value))
                w.argmax = int(w.taps.size());
            w.taps.push_back(PoolTap{.iy = iy, .ix = ix, .value = v});
        }
    return w;
}

} // namespace tinyml::core
