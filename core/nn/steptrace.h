// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"
#include "core/nn/optimizer.h"

#include <span>
#include <vector>

namespace tinyml::core {

/// One training step laid open: everything the engine computes for one batch, copied out of
/// the engine's own workspace (Network::forward, Network::backward, Optimizer::step), so the
/// stepper shows the real numbers, not a second implementation. Shapes: one sample per column.
struct StepTrace
{
    Matrix input;                ///< a⁰ = x, (inputs, n)
    std::vector<Matrix> z;       ///< per layer: z = W a + b, (units, n)
    std::vector<Matrix> a;       ///< per layer: a = f(z), (units, n)
    double loss = 0.0;           ///< mean over the batch (+ L2)
    std::vector<Matrix> delta;   ///< per layer: δ = ∂L/∂z, (units, n)
    std::vector<Matrix> dW;      ///< per layer: ∂L/∂W = δ aᵀ (mean over the batch), (units, inputs)
    std::vector<Vector> db;      ///< per layer: ∂L/∂b
    std::vector<float> parametersBefore;
    std::vector<float> gradients; ///< flat, as Network::parameters()
    // After Optimizer::step (only when applied):
    bool applied = false;
    std::vector<float> parametersAfter;
    std::vector<float> firstMoment;  ///< m (Adam), velocity (momentum), mean square (RMSprop)
    std::vector<float> secondMoment; ///< v (Adam)
    std::int64_t iteration = 0;      ///< t after the step
    double stepSize = 0.0;           ///< Adam: lr·√(1−β₂ᵗ)/(1−β₁ᵗ); otherwise lr
};

/// Runs one step of training on X (inputs, n) with targets, recording it. With apply, the
/// optimizer updates net (and its own state) exactly as the Trainer does.
StepTrace traceStep(Network &net, Optimizer &optimizer, ConstMatrixRef X, const Targets &targets, bool apply);

/// The loss of net on X without changing anything (for finite differences).
double lossOf(const Network &net, ConstMatrixRef X, const Targets &targets);

// ---- Convolutional layers laid open (NHWC, one sample's tensor as a column) ----

/// An inclusive rectangle of pixels: rows top..bottom, columns left..right. Empty when
/// bottom < top or right < left.
struct PixelRect
{
    int top = 0, left = 0, bottom = -1, right = -1;
    bool operator==(const PixelRect &) const = default;
    bool isEmpty() const { return bottom < top || right < left; }
    bool contains(int y, int x) const { return y >= top && y <= bottom && x >= left && x <= right; }
    int height() const { return isEmpty() ? 0 : bottom - top + 1; }
    int width() const { return isEmpty() ? 0 : right - left + 1; }
};

/// The pixels of layer l's input that the outputs `outputs` of layer l read: for a convolution
/// or pooling layer rows [top·s − p, bottom·s − p + k − 1] (stride s, padding before p, kernel
/// k), likewise for columns, clipped to the input (padding is no pixel); Dropout passes the
/// rectangle through. A layer with a flat input or output reads its whole input.
PixelRect layerInputRect(const ModelSpec &spec, std::size_t layer, PixelRect outputs);

/// The receptive field of output pixel (y, x) of layer l (any channel): the input image's
/// pixels that can change it, through every layer from l down to the input.
PixelRect receptiveField(const ModelSpec &spec, std::size_t layer, int y, int x);

/// One multiply of a convolution: kernel tap (ky, kx) of input channel `channel` times the
/// input pixel (iy, ix) it meets; input is 0 where the window lies in the padding.
struct ConvTerm
{
    int ky = 0, kx = 0, channel = 0;
    int iy = 0, ix = 0;
    bool padding = false;
    float weight = 0.0f;
    float input = 0.0f;
};

/// The multiply-adds of z at output (y, x, filter) of Conv2D or DepthwiseConv2D layer l, in the
/// order ky, kx, channel; z = Σ weight · input + bias. input is layer l's input of one sample
/// (NHWC, layerInputSize(l) values). A depthwise filter reads only its own channel.
std::vector<ConvTerm> convTerms(
    const Network &net, std::size_t layer, std::span<const float> input, int y, int x, int filter);

/// The kernel column of tap (ky, kx) and input channel c in Network::weights(l) (Conv2D:
/// (ky·k + kx)·Cin + c; DepthwiseConv2D: ky·k + kx, the row being the channel).
int kernelColumn(const ModelSpec &spec, std::size_t layer, int ky, int kx, int channel);

/// One term of a kernel weight's gradient: δ at output (oy, ox) of the filter times the input
/// pixel (iy, ix) that this weight met there (0 in the padding), for sample `sample`.
struct KernelGradientTerm
{
    int sample = 0;
    int oy = 0, ox = 0;
    int iy = 0, ix = 0;
    bool padding = false;
    float delta = 0.0f;
    float input = 0.0f;
};

/// ∂L/∂W(filter, tap (ky, kx, channel)) of Conv2D or DepthwiseConv2D layer l as its sum over
/// every output position and sample: Σ δ · input (plus 2λw with L2, not a term here).
/// input (layerInputSize(l), n) is the layer's input, delta (outputs, n) its δ = ∂L/∂z.
std::vector<KernelGradientTerm> kernelGradientTerms(const Network &net,
                                                    std::size_t layer,
                                                    ConstMatrixRef input,
                                                    ConstMatrixRef delta,
                                                    int filter,
                                                    int ky,
                                                    int kx,
                                                    int channel);

/// One pixel of a pooling window: input pixel (iy, ix) of the channel and its value.
struct PoolTap
{
    int iy = 0, ix = 0;
    float value = 0.0f;
};

/// The window of output (y, x, channel) of a pooling layer l over one sample's input, row by
/// row, and for MaxPooling2D the index of the first largest tap (the one the engine routes
/// the gradient to; -1 for average pooling).
struct PoolWindow
{
    std::vector<PoolTap> taps;
    int argmax = -1;
};
PoolWindow poolWindow(const ModelSpec &spec,
                      std::size_t layer,
                      std::span<const float> input,
                      int y,
                      int x,
                      int channel);

} // namespace tinyml::core
