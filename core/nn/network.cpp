// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/network.h"

#include "core/nn/activation.h"
#include "core/base/error.h"
#include "core/base/threadpool.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <time.h>
#include <utility>

namespace tinyml::core {

namespace {

double threadSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

/// Where a layer's dropout mask comes from: a Dropout layer's own rate, or the model's global
/// rate after each hidden Dense layer. 0 when the layer drops nothing.
float dropoutRate(const ModelSpec &spec, std::size_t l)
{
    const LayerSpec &layer = spec.layers[l];
    if (layer.kind == LayerKind::Dropout)
        return layer.rate;
    if (layer.kind == LayerKind::Dense && l + 1 < spec.layers.size())
        return spec.dropout;
    return 0.0f;
}

/// Calls f(t, worker) for the parts t of a Dense layer: on the workspace's pool when it has one.
template<typename F> void runParts(ThreadPool *pool, int parts, F &&f)
{
    if (pool) {
        pool->run(parts, f);
    } else {
        for (int t = 0; t < parts; ++t)
            f(t, 0);
    }
}

} // namespace

int denseParts(Eigen::Index units, Eigen::Index inputs, int n)
{
    // A part of about a million multiply-adds takes about 50 µs: long enough for a second
    // thread to pay (the course model's first layer at batch 32, 3.2 million, gives 4 parts).
    constexpr double kMacsPerPart = 1 << 20;
    constexpr int kMaxParts = 4;
    if (inputs < 256)
        return 1;
    const double macs = double(units) * double(inputs) * double(n);
    return std::clamp(int(std::ceil(macs / kMacsPerPart)), 1, kMaxParts);
}

std::pair<Eigen::Index, Eigen::Index> densePartRange(Eigen::Index inputs, int parts, int t)
{
    const Eigen::Index step = (inputs + 8 * parts - 1) / (8 * parts) * 8;
    return {std::min(inputs, step * t), std::min(inputs, step * (t + 1))};
}

Workspace::Workspace(const ModelSpec &spec, int maxBatch)
    : m_maxBatch(maxBatch)
{
    if (maxBatch < 1)
        throw Error(ErrorCode::Internal,
                    {.detail = "a workspace needs room for at least one sample"});
    const std::size_t layers = spec.layers.size();
    m_z.resize(layers);
    m_a.resize(layers);
    m_delta.resize(layers);
    m_mask.resize(layers);
    m_pre.resize(layers);
    m_rate.assign(layers, 0.0f);
    m_cols.resize(layers);
    m_argmax.resize(layers);
    std::size_t dcols = 0;
    std::size_t ones = 0;
    std::size_t dwt = 0;
    Shape in = spec.inputTensorShape();
    for (std::size_t l = 0; l < layers; ++l) {
        const LayerSpec &layer = spec.layers[l];
        const Shape out = spec.outputShape(l);
        m_units.push_back(Eigen::Index(out.size()));
        const std::size_t n = std::size_t(out.size()) * std::size_t(maxBatch);
        m_z[l].assign(n, 0.0f);
        m_a[l].assign(n, 0.0f);
        m_delta[l].assign(n, 0.0f);
        m_rate[l] = dropoutRate(spec, l);
        if (m_rate[l] > 0.0f) {
            m_mask[l].assign(n, 1.0f);
            m_pre[l].assign(n, 0.0f);
        }
        if (layer.kind == LayerKind::Conv2D) {
            const std::size_t cols = std::size_t(layer.kernel) * std::size_t(layer.kernel)
                                     * std::size_t(in.channels) * std::size_t(out.height)
                                     * std::size_t(out.width) * std::size_t(maxBatch);
            m_cols[l].assign(cols, 0.0f);
            if (l > 0)
                dcols = std::max(dcols, cols);
            dwt = std::max(dwt, std::size_t(layer.kernel) * std::size_t(layer.kernel)
                                    * std::size_t(in.channels) * std::size_t(layer.units));
            ones = std::max(ones, std::size_t(out.height) * std::size_t(out.width)
                                      * std::size_t(maxBatch));
        }
        if (layer.kind == LayerKind::MaxPooling2D)
            m_argmax[l].assign(n, 0);
        if (layer.kind == LayerKind::Dense) {
            // The most parts any batch up to maxBatch uses (the count grows with the batch).
            const int parts = denseParts(out.size(), in.size(), maxBatch);
            m_partial.emplace_back(std::size_t(parts - 1) * n, 0.0f);
        } else {
            m_partial.emplace_back();
        }
        in = out;
    }
    // m_dcols also holds a Conv2D layer's kernel gradient transposed (kh*kw*cin, filters) on its
    // way to the gradient buffer, before that layer's d(cols) is computed.
    m_dcols.assign(std::max(dcols, dwt), 0.0f);
    m_ones.assign(ones, 1.0f);
    m_forwardSeconds.assign(layers, 0.0);
    m_backwardSeconds.assign(layers, 0.0);
    m_gradients.assign(std::size_t(spec.parameterCount()), 0.0f);
}

Network::Network(ModelSpec spec)
    : m_spec(std::move(spec))
{
    m_spec.validate();
    std::size_t offset = 0;
    for (std::size_t l = 0; l < m_spec.layers.size(); ++l) {
        const LayerSpec &layer = m_spec.layers[l];
        m_in.push_back(m_spec.layerInputShape(l));
        m_out.push_back(m_spec.outputShape(l));
        const Shape &in = m_in.back();
        const Eigen::Index k2 = Eigen::Index(layer.kernel) * layer.kernel;
        switch (layer.kind) {
        case LayerKind::Dense:
            m_rows.push_back(layer.units);
            m_cols.push_back(Eigen::Index(in.size()));
            break;
        case LayerKind::Conv2D:
            m_rows.push_back(layer.units);
            m_cols.push_back(k2 * in.channels);
            break;
        case LayerKind::DepthwiseConv2D:
            m_rows.push_back(in.channels);
            m_cols.push_back(k2);
            break;
        default:
            m_rows.push_back(0);
            m_cols.push_back(0);
            break;
        }
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
        if (W.size() == 0)
            continue;
        // Keras's fans (docs/facts.md §7): a conv kernel (kh, kw, in, out) has
        // fan_in = kh*kw*in and fan_out = kh*kw*out; a depthwise kernel's "out" is 1.
        const LayerSpec &layer = m_spec.layers[l];
        float fanIn = float(cols(l));
        float fanOut = float(rows(l));
        if (layer.kind == LayerKind::Conv2D) {
            fanOut = float(rows(l) * layer.kernel * layer.kernel);
        } else if (layer.kind == LayerKind::DepthwiseConv2D) {
            fanIn = float(cols(l) * rows(l));
            fanOut = float(cols(l));
        }
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
        throw Error(ErrorCode::Internal, {.detail = "dropout masks for a model without dropout"});
    if (keepMasks.size() + 1 != layerCount())
        throw Error(ErrorCode::Internal, {.detail = "one dropout mask per hidden layer is needed"});
    for (std::size_t l = 0; l < keepMasks.size(); ++l)
        if (keepMasks[l].rows() != rows(l) || keepMasks[l].cols() != X.cols())
            throw Error(ErrorCode::Internal,
                        {.detail = "a dropout mask does not fit its layer and batch"});
    return forwardPass(X, ws, nullptr, keepMasks);
}

ConstMatrixMap Network::forwardPass(ConstMatrixRef X, Workspace &ws, Rng *dropout,
                                    std::span<const Matrix> keepMasks) const
{
    const int n = int(X.cols());
    if (n > ws.m_maxBatch || X.rows() != m_spec.inputSize
        || ws.m_units.size() != layerCount())
        throw Error(ErrorCode::Internal, {.detail = "batch does not fit the workspace"});
    ws.m_batch = n;
    for (std::size_t l = 0; l < layerCount(); ++l) {
        const double start = ws.m_timing ? threadSeconds() : 0.0;
        if (l == 0)
            forwardLayer(l, X, ws);
        else
            forwardLayer(l, ws.a(l - 1), ws);
        auto z = ws.z(l);
        auto a = ws.a(l);
        const bool drop = !ws.m_mask[l].empty();
        if (!drop) {
            activate(m_spec.layers[l].activation, z, a);
            if (ws.m_timing)
                ws.m_forwardSeconds[l] += threadSeconds() - start;
            continue;
        }
        // Inverted dropout (Srivastava et al. 2014): a = f(z) ⊙ mask, mask in {0, 1/keep}.
        const float keep = 1.0f - ws.m_rate[l];
        MatrixMap pre(ws.m_pre[l].data(), a.rows(), n);
        MatrixMap mask(ws.m_mask[l].data(), a.rows(), n);
        activate(m_spec.layers[l].activation, z, pre);
        const float scale = 1.0f / keep;
        if (dropout) {
            for (Eigen::Index i = 0; i < mask.size(); ++i)
                mask.data()[i] = dropout->uniform() < keep ? scale : 0.0f;
        } else if (l < keepMasks.size()) {
            const float *given = keepMasks[l].data();
            for (Eigen::Index i = 0; i < mask.size(); ++i)
                mask.data()[i] = given[i] != 0.0f ? scale : 0.0f;
        } else {
            mask.setOnes();
        }
        a = pre.cwiseProduct(mask);
        if (ws.m_timing)
            ws.m_forwardSeconds[l] += threadSeconds() - start;
    }
    return std::as_const(ws).a(layerCount() - 1);
}

namespace {

/// Geometry of a convolution or pooling window over one sample (NHWC).
struct Window
{
    int inH, inW, channels, outH, outW, kernel, stride, padTop, padLeft;

    Window(const Shape &in, const Shape &out, const LayerSpec &layer)
        : inH(in.height)
        , inW(in.width)
        , channels(in.channels)
        , outH(out.height)
        , outW(out.width)
        , kernel(layer.kernel)
        , stride(layer.stride)
        , padTop(convPaddingBefore(in.height, layer.kernel, layer.stride, layer.padding))
        , padLeft(convPaddingBefore(in.width, layer.kernel, layer.stride, layer.padding))
    {}
};

/// dst[0, n) = src[0, n) for the short runs of im2col (k*C floats), without a library call:
/// runs of up to 7 floats with their length known to the compiler (a run of 3, the first layer of
/// a 3x3 model, took a loop with a run-time count per window row), longer ones in blocks of 8.
template<std::size_t N> void copyFixed(const float *__restrict src, float *__restrict dst)
{
    for (std::size_t j = 0; j < N; ++j)
        dst[j] = src[j];
}

void copyRun(const float *__restrict src, std::size_t n, float *__restrict dst)
{
    switch (n) {
    case 1: return copyFixed<1>(src, dst);
    case 2: return copyFixed<2>(src, dst);
    case 3: return copyFixed<3>(src, dst);
    case 4: return copyFixed<4>(src, dst);
    case 5: return copyFixed<5>(src, dst);
    case 6: return copyFixed<6>(src, dst);
    case 7: return copyFixed<7>(src, dst);
    default:
        break;
    }
    std::size_t j = 0;
    for (; j + 8 <= n; j += 8)
        copyFixed<8>(src + j, dst + j);
    for (; j < n; ++j)
        dst[j] = src[j];
}

/// cols (k*k*C, outH*outW*n): column (s*outH + oy)*outW + ox holds the receptive field of that
/// output pixel, rows (ky*k + kx)*C + c, zeros where the window leaves the image.
void im2col(const float *in, Eigen::Index inStride, int n, const Window &w, float *cols)
{
    const int C = w.channels;
    const int k = w.kernel;
    const std::size_t run = std::size_t(k) * std::size_t(C);
    for (int s = 0; s < n; ++s) {
        const float *x = in + Eigen::Index(s) * inStride;
        for (int oy = 0; oy < w.outH; ++oy) {
            for (int ox = 0; ox < w.outW; ++ox) {
                const int x0 = ox * w.stride - w.padLeft;
                for (int ky = 0; ky < k; ++ky) {
                    const int iy = oy * w.stride - w.padTop + ky;
                    if (iy < 0 || iy >= w.inH) {
                        std::fill(cols, cols + run, 0.0f);
                    } else if (x0 >= 0 && x0 + k <= w.inW) {
                        copyRun(x + (std::size_t(iy) * w.inW + x0) * C, run, cols);
                    } else {
                        for (int kx = 0; kx < k; ++kx) {
                            const int ix = x0 + kx;
                            float *dst = cols + std::size_t(kx) * C;
                            if (ix < 0 || ix >= w.inW) {
                                std::fill(dst, dst + C, 0.0f);
                            } else {
                                const float *src = x + (std::size_t(iy) * w.inW + ix) * C;
                                std::copy(src, src + C, dst);
                            }
                        }
                    }
                    cols += run;
                }
            }
        }
    }
}

/// The adjoint of im2col: every column's values added back where they were taken from.
/// dIn must be zero on entry.
void col2im(const float *cols, int n, const Window &w, float *dIn, Eigen::Index inStride)
{
    const int C = w.channels;
    const int k = w.kernel;
    const std::size_t run = std::size_t(k) * std::size_t(C);
    for (int s = 0; s < n; ++s) {
        float *x = dIn + Eigen::Index(s) * inStride;
        for (int oy = 0; oy < w.outH; ++oy) {
            for (int ox = 0; ox < w.outW; ++ox) {
                const int x0 = ox * w.stride - w.padLeft;
                for (int ky = 0; ky < k; ++ky) {
                    const int iy = oy * w.stride - w.padTop + ky;
                    if (iy >= 0 && iy < w.inH) {
                        // The window's row inside the image: kx and c of every tap in one run.
                        const int kxBegin = std::max(0, -x0);
                        const int kxEnd = std::min(k, w.inW - x0);
                        float *__restrict dst =
                            x + (std::size_t(iy) * w.inW + std::size_t(x0 + kxBegin)) * C;
                        const float *__restrict src = cols + std::size_t(kxBegin) * C;
                        const std::size_t len = std::size_t(std::max(0, kxEnd - kxBegin)) * C;
                        for (std::size_t j = 0; j < len; ++j)
                            dst[j] += src[j];
                    }
                    cols += run;
                }
            }
        }
    }
}

/// Calls f(outIndex, inIndex) for every input pixel (iy, ix) inside the window of every output
/// pixel of one sample; indices are of pixels (multiply by channels for the first value).
template<typename F> void forEachWindowPixel(const Window &w, F &&f)
{
    for (int oy = 0; oy < w.outH; ++oy) {
        const int y0 = oy * w.stride - w.padTop;
        const int yBegin = std::max(y0, 0), yEnd = std::min(y0 + w.kernel, w.inH);
        for (int ox = 0; ox < w.outW; ++ox) {
            const int x0 = ox * w.stride - w.padLeft;
            const int xBegin = std::max(x0, 0), xEnd = std::min(x0 + w.kernel, w.inW);
            const std::size_t o = std::size_t(oy) * w.outW + ox;
            for (int iy = yBegin; iy < yEnd; ++iy)
                for (int ix = xBegin; ix < xEnd; ++ix)
                    f(o, std::size_t(iy) * w.inW + ix, (iy - y0) * w.kernel + (ix - x0));
        }
    }
}

/// Max pooling of one sample: every window's largest value per channel into out and its index
/// in x into arg; the first largest value wins a tie. Branch-free over the channels: indices are
/// selected with masks and always stored (written as a conditional store, it compiled to a
/// branch per window pixel that mispredicted on random data). A window of 2x2 pixels inside the
/// image (pooling 2, the common case) takes its four pixels in one pass over the channels with
/// the running maximum in registers. out, arg and x never overlap.
void maxPool(const float *x, const Window &w, float *out, std::int32_t *arg)
{
    const std::size_t C = std::size_t(w.channels);
    for (int oy = 0; oy < w.outH; ++oy) {
        const int y0 = oy * w.stride - w.padTop;
        const int yBegin = std::max(y0, 0), yEnd = std::min(y0 + w.kernel, w.inH);
        for (int ox = 0; ox < w.outW; ++ox) {
            const int x0 = ox * w.stride - w.padLeft;
            const int xBegin = std::max(x0, 0), xEnd = std::min(x0 + w.kernel, w.inW);
            const std::size_t o = (std::size_t(oy) * w.outW + ox) * C;
            float *__restrict best = out + o;
            std::int32_t *__restrict where = arg + o;
            if (yEnd - yBegin == 2 && xEnd - xBegin == 2) {
                const std::size_t i0 = (std::size_t(yBegin) * w.inW + xBegin) * C;
                const std::size_t i2 = i0 + std::size_t(w.inW) * C;
                const float *__restrict a = x + i0;
                const float *__restrict b = x + i0 + C;
                const float *__restrict c2 = x + i2;
                const float *__restrict d = x + i2 + C;
                for (std::size_t c = 0; c < C; ++c) {
                    float m = a[c];
                    std::int32_t at = std::int32_t(i0 + c);
                    at = b[c] > m ? std::int32_t(i0 + C + c) : at;
                    m = std::max(m, b[c]);
                    at = c2[c] > m ? std::int32_t(i2 + c) : at;
                    m = std::max(m, c2[c]);
                    at = d[c] > m ? std::int32_t(i2 + C + c) : at;
                    m = std::max(m, d[c]);
                    best[c] = m;
                    where[c] = at;
                }
                continue;
            }
            std::fill(best, best + C, -std::numeric_limits<float>::infinity());
            std::fill(where, where + C, std::int32_t((std::size_t(yBegin) * w.inW + xBegin) * C));
            for (int iy = yBegin; iy < yEnd; ++iy) {
                for (int ix = xBegin; ix < xEnd; ++ix) {
                    const std::size_t i = (std::size_t(iy) * w.inW + ix) * C;
                    const float *__restrict v = x + i;
                    for (std::size_t c = 0; c < C; ++c) {
                        const std::int32_t larger = -std::int32_t(v[c] > best[c]);
                        best[c] = std::max(best[c], v[c]);
                        where[c] ^= (where[c] ^ std::int32_t(i + c)) & larger;
                    }
                }
            }
        }
    }
}

/// Filters per register block of smallKernelProduct(), and the longest kernel (k*k*C) it takes.
constexpr Eigen::Index kFilterBlock = 8;
constexpr Eigen::Index kDirectTaps = 32;

/// Z = W * cols + b for a short kernel (W: (F, K), K <= kDirectTaps, F a multiple of
/// kFilterBlock; cols: (K, pixels); Z: (F, pixels)), each output pixel's block of filters summed in
/// registers. A general matrix product packs all of cols first and its kernels are built for
/// long inner dimensions: the small CNN's first layer (8 filters, K = 9) took 56 us forward per
/// shard of 8 images with it, 43 us with this (im2col and activation included).
void smallKernelProduct(ConstMatrixMap W, ConstVectorMap b, const float *cols, Eigen::Index pixels,
                        float *Z)
{
    using Block = Eigen::Matrix<float, kFilterBlock, 1>;
    const Eigen::Index F = W.rows(), K = W.cols();
    for (Eigen::Index f = 0; f < F; f += kFilterBlock) {
        const Block bias = b.segment<kFilterBlock>(f);
        for (Eigen::Index p = 0; p < pixels; ++p) {
            const float *x = cols + p * K;
            Block acc = bias;
            for (Eigen::Index t = 0; t < K; ++t)
                acc.noalias() += W.col(t).segment<kFilterBlock>(f) * x[t];
            Eigen::Map<Block>(Z + p * F + f) = acc;
        }
    }
}

/// Number of input pixels inside output pixel o's window (average pooling divides by it).
int windowCount(const Window &w, std::size_t o)
{
    const int oy = int(o) / w.outW, ox = int(o) % w.outW;
    const int y0 = oy * w.stride - w.padTop, x0 = ox * w.stride - w.padLeft;
    const int h = std::min(y0 + w.kernel, w.inH) - std::max(y0, 0);
    const int wd = std::min(x0 + w.kernel, w.inW) - std::max(x0, 0);
    return h * wd;
}

} // namespace

void Network::forwardLayer(std::size_t l, ConstMatrixRef in, Workspace &ws) const
{
    const LayerSpec &layer = m_spec.layers[l];
    auto z = ws.z(l);
    const int n = ws.m_batch;
    const Eigen::Index inStride = in.outerStride();
    switch (layer.kind) {
    case LayerKind::Dense: {
        const int parts = denseParts(rows(l), cols(l), n);
        if (parts == 1) {
            z.noalias() = weights(l) * in;
        } else {
            // Part 0 into z, the others into their own buffers, then added in part order.
            const auto partial = [&](int t) {
                return MatrixMap(ws.m_partial[l].data() + std::size_t(t - 1) * std::size_t(z.size()),
                                 z.rows(), n);
            };
            runParts(ws.m_pool, parts, [&](int t, int) {
                const auto [c0, c1] = densePartRange(cols(l), parts, t);
                MatrixMap out = t == 0 ? z : partial(t);
                out.noalias() = weights(l).middleCols(c0, c1 - c0) * in.middleRows(c0, c1 - c0);
            });
            for (int t = 1; t < parts; ++t)
                z += partial(t);
        }
        z.colwise() += bias(l);
        return;
    }
    case LayerKind::Conv2D: {
        const Window w(m_in[l], m_out[l], layer);
        const Eigen::Index pixels = Eigen::Index(w.outH) * w.outW * n;
        float *patches = ws.m_cols[l].data();
        im2col(in.data(), inStride, n, w, patches);
        MatrixMap Z(z.data(), rows(l), pixels);
        if (rows(l) % kFilterBlock == 0 && cols(l) <= kDirectTaps) {
            smallKernelProduct(weights(l), bias(l), patches, pixels, Z.data());
        } else {
            Z.noalias() = weights(l) * ConstMatrixMap(patches, cols(l), pixels);
            Z.colwise() += bias(l);
        }
        return;
    }
    case LayerKind::DepthwiseConv2D: {
        const Window w(m_in[l], m_out[l], layer);
        const int C = w.channels;
        const float *W = m_params.data() + m_wOffset[l];
        const float *b = m_params.data() + m_bOffset[l];
        for (int s = 0; s < n; ++s) {
            const float *x = in.data() + Eigen::Index(s) * inStride;
            float *out = z.data() + Eigen::Index(s) * z.rows();
            for (std::size_t o = 0; o < std::size_t(w.outH) * w.outW; ++o)
                std::copy(b, b + C, out + o * C);
            forEachWindowPixel(w, [&](std::size_t o, std::size_t i, int tap) {
                float *dst = out + o * C;
                const float *src = x + i * C;
                const float *k = W + std::size_t(tap) * C;
                for (int c = 0; c < C; ++c)
                    dst[c] += src[c] * k[c];
            });
        }
        return;
    }
    case LayerKind::MaxPooling2D: {
        const Window w(m_in[l], m_out[l], layer);
        for (int s = 0; s < n; ++s) {
            const float *x = in.data() + Eigen::Index(s) * inStride;
            float *out = z.data() + Eigen::Index(s) * z.rows();
            std::int32_t *arg = ws.m_argmax[l].data() + Eigen::Index(s) * z.rows();
            maxPool(x, w, out, arg);
        }
        return;
    }
    case LayerKind::AveragePooling2D: {
        const Window w(m_in[l], m_out[l], layer);
        const int C = w.channels;
        for (int s = 0; s < n; ++s) {
            const float *x = in.data() + Eigen::Index(s) * inStride;
            float *out = z.data() + Eigen::Index(s) * z.rows();
            std::fill(out, out + z.rows(), 0.0f);
            forEachWindowPixel(w, [&](std::size_t o, std::size_t i, int) {
                for (int c = 0; c < C; ++c)
                    out[o * C + std::size_t(c)] += x[i * C + std::size_t(c)];
            });
            for (std::size_t o = 0; o < std::size_t(w.outH) * w.outW; ++o) {
                const float inv = 1.0f / float(windowCount(w, o));
                for (int c = 0; c < C; ++c)
                    out[o * C + std::size_t(c)] *= inv;
            }
        }
        return;
    }
    case LayerKind::Flatten:
    case LayerKind::Dropout:
        z = in;
        return;
    }
}

void Network::backwardLayer(std::size_t l, ConstMatrixRef in, Workspace &ws, MatrixMap *dIn) const
{
    const LayerSpec &layer = m_spec.layers[l];
    const auto delta = std::as_const(ws).delta(l);
    const int n = ws.m_batch;
    float *grads = ws.m_gradients.data();
    const Eigen::Index inStride = in.outerStride();
    switch (layer.kind) {
    case LayerKind::Dense: {
        MatrixMap dW(grads + m_wOffset[l], rows(l), cols(l));
        VectorMap db(grads + m_bOffset[l], rows(l));
        const bool l2 = m_spec.l2 > 0.0f && ws.m_share == 0;
        const int parts = denseParts(rows(l), cols(l), n);
        if (parts == 1) {
            dW.noalias() = delta * in.transpose();
            if (l2)
                dW += (2.0f * m_spec.l2) * weights(l);
            if (dIn)
                dIn->noalias() = weights(l).transpose() * delta;
        } else {
            // Part t: the columns of dW and the rows of dL/d(in) of its inputs.
            runParts(ws.m_pool, parts, [&](int t, int) {
                const auto [c0, c1] = densePartRange(cols(l), parts, t);
                auto dWt = dW.middleCols(c0, c1 - c0);
                dWt.noalias() = delta * in.middleRows(c0, c1 - c0).transpose();
                if (l2)
                    dWt += (2.0f * m_spec.l2) * weights(l).middleCols(c0, c1 - c0);
                if (dIn)
                    dIn->middleRows(c0, c1 - c0).noalias()
                        = weights(l).middleCols(c0, c1 - c0).transpose() * delta;
            });
        }
        db.noalias() = delta.rowwise().sum();
        return;
    }
    case LayerKind::Conv2D: {
        const Window w(m_in[l], m_out[l], layer);
        const Eigen::Index pixels = Eigen::Index(w.outH) * w.outW * n;
        const ConstMatrixMap D(delta.data(), rows(l), pixels);
        const ConstMatrixMap colsM(ws.m_cols[l].data(), cols(l), pixels);
        MatrixMap dW(grads + m_wOffset[l], rows(l), cols(l));
        VectorMap db(grads + m_bOffset[l], rows(l));
        // dW^T = cols * D^T, then transposed: packing cols as the left operand is cheaper than
        // packing its transpose on the right (measured: 20 -> 16 us for 8 x 9 over 5,408
        // pixels, 23 -> 18 us for 16 x 72 over 968).
        MatrixMap dWt(ws.m_dcols.data(), cols(l), rows(l));
        dWt.noalias() = colsM * D.transpose();
        dW = dWt.transpose();
        // Row sums as a product with ones: Eigen's rowwise().sum() of a wide column-major
        // matrix is about nine times slower (measured for 8 x 21,632).
        db.noalias() = D * ConstVectorMap(ws.m_ones.data(), pixels);
        if (m_spec.l2 > 0.0f && ws.m_share == 0)
            dW.noalias() += (2.0f * m_spec.l2) * weights(l);
        if (dIn) {
            MatrixMap dCols(ws.m_dcols.data(), cols(l), pixels);
            dCols.noalias() = weights(l).transpose() * D;
            dIn->setZero();
            col2im(dCols.data(), n, w, dIn->data(), dIn->outerStride());
        }
        return;
    }
    case LayerKind::DepthwiseConv2D: {
        const Window w(m_in[l], m_out[l], layer);
        const int C = w.channels;
        const float *W = m_params.data() + m_wOffset[l];
        float *dW = grads + m_wOffset[l];
        float *db = grads + m_bOffset[l];
        std::fill(dW, dW + rows(l) * cols(l), 0.0f);
        std::fill(db, db + C, 0.0f);
        if (dIn)
            dIn->setZero();
        for (int s = 0; s < n; ++s) {
            const float *x = in.data() + Eigen::Index(s) * inStride;
            const float *d = delta.data() + Eigen::Index(s) * delta.rows();
            float *dx = dIn ? dIn->data() + Eigen::Index(s) * dIn->outerStride() : nullptr;
            for (std::size_t o = 0; o < std::size_t(w.outH) * w.outW; ++o)
                for (int c = 0; c < C; ++c)
                    db[c] += d[o * C + std::size_t(c)];
            forEachWindowPixel(w, [&](std::size_t o, std::size_t i, int tap) {
                const float *g = d + o * C;
                const float *src = x + i * C;
                float *dk = dW + std::size_t(tap) * C;
                for (int c = 0; c < C; ++c)
                    dk[c] += g[c] * src[c];
                if (dx) {
                    const float *k = W + std::size_t(tap) * C;
                    float *dst = dx + i * C;
                    for (int c = 0; c < C; ++c)
                        dst[c] += g[c] * k[c];
                }
            });
        }
        if (m_spec.l2 > 0.0f && ws.m_share == 0) {
            MatrixMap dWm(dW, rows(l), cols(l));
            dWm += (2.0f * m_spec.l2) * weights(l);
        }
        return;
    }
    case LayerKind::MaxPooling2D: {
        if (!dIn)
            return;
        dIn->setZero();
        for (int s = 0; s < n; ++s) {
            const float *d = delta.data() + Eigen::Index(s) * delta.rows();
            const std::int32_t *arg = ws.m_argmax[l].data() + Eigen::Index(s) * delta.rows();
            float *dx = dIn->data() + Eigen::Index(s) * dIn->outerStride();
            for (Eigen::Index o = 0; o < delta.rows(); ++o)
                dx[arg[o]] += d[o];
        }
        return;
    }
    case LayerKind::AveragePooling2D: {
        if (!dIn)
            return;
        const Window w(m_in[l], m_out[l], layer);
        const int C = w.channels;
        dIn->setZero();
        for (int s = 0; s < n; ++s) {
            const float *d = delta.data() + Eigen::Index(s) * delta.rows();
            float *dx = dIn->data() + Eigen::Index(s) * dIn->outerStride();
            forEachWindowPixel(w, [&](std::size_t o, std::size_t i, int) {
                const float inv = 1.0f / float(windowCount(w, o));
                for (int c = 0; c < C; ++c)
                    dx[i * C + std::size_t(c)] += d[o * C + std::size_t(c)] * inv;
            });
        }
        return;
    }
    case LayerKind::Flatten:
    case LayerKind::Dropout:
        if (dIn)
            *dIn = delta;
        return;
    }
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

void Network::addL2Gradient(std::span<float> grads, std::size_t begin, std::size_t end) const
{
    if (m_spec.l2 <= 0.0f)
        return;
    const float factor = 2.0f * m_spec.l2;
    for (std::size_t l = 0; l < layerCount(); ++l) {
        const std::size_t from = std::max(begin, m_wOffset[l]);
        const std::size_t to = std::min(end, m_wOffset[l] + std::size_t(rows(l) * cols(l)));
        for (std::size_t i = from; i < to; ++i)
            grads[i] += factor * m_params[i];
    }
}

namespace {

/// Loss of the output layer and, when dOut is given, dL/da (or dL/dz when fused) into it.
/// Returns true when dOut already holds dL/dz (softmax fused with cross-entropy). Sums over the
/// samples are divided by `share` samples when it is positive (a shard of a larger batch).
bool outputLoss(const ModelSpec &spec, ConstMatrixRef z, ConstMatrixRef a, const Targets &t,
                LossValue &value, MatrixMap *dOut, int share = 0)
{
    const Eigen::Index n = a.cols();
    const Eigen::Index mean = share > 0 ? Eigen::Index(share) : n;
    const Eigen::Index k = a.rows();
    const Activation outAct = spec.layers.back().activation;
    const bool haveLabels = !t.labels.empty();
    if (!haveLabels && !t.dense)
        throw Error(ErrorCode::Internal, {.detail = "a loss needs labels or targets"});
    if (haveLabels && Eigen::Index(t.labels.size()) < n)
        throw Error(ErrorCode::Internal, {.detail = "fewer labels than samples"});
    double total = 0.0;
    bool fused = false;
    if (spec.loss == LossKind::SparseCategoricalCrossentropy) {
        if (!haveLabels)
            throw Error(ErrorCode::LossNeedsLabels);
        fused = outAct == Activation::Softmax;
        constexpr float kEps = 1e-7f; // Keras's epsilon for clipping probabilities
        for (Eigen::Index c = 0; c < n; ++c) {
            const int y = t.labels[std::size_t(c)];
            if (y >= k)
                throw Error(ErrorCode::LabelAboveOutputs, {.found = y, .limit = k});
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
            const float inv = 1.0f / float(mean);
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
        const float scale = 2.0f / float(mean * k);
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
    value.loss = total / double(mean);
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
    const bool fused =
        outputLoss(m_spec, ws.z(last), ws.a(last), targets, value, &dOut, ws.m_share);
    if (!fused)
        toPreActivation(last, ws, dOut);
    if (ws.m_share == 0)
        value.loss += l2Penalty();

    for (std::size_t l = last + 1; l-- > 0;) {
        const double start = ws.m_timing ? threadSeconds() : 0.0;
        if (l == 0) {
            backwardLayer(l, X, ws, nullptr);
        } else {
            // delta_{l-1} = (dL/da_{l-1}) ⊙ dropout mask ⊙ f'(z_{l-1})
            auto prev = ws.delta(l - 1);
            backwardLayer(l, ws.a(l - 1), ws, &prev);
            toPreActivation(l - 1, ws, prev);
        }
        if (ws.m_timing)
            ws.m_backwardSeconds[l] += threadSeconds() - start;
    }
    return value;
}

void Network::toPreActivation(std::size_t l, const Workspace &ws, MatrixMap d) const
{
    const Activation f = m_spec.layers[l].activation;
    if (ws.m_mask[l].empty()) {
        activationBackward(f, ws.z(l), ws.a(l), d);
        return;
    }
    const ConstMatrixMap mask(ws.m_mask[l].data(), d.rows(), d.cols());
    const ConstMatrixMap pre(ws.m_pre[l].data(), d.rows(), d.cols());
    d.array() *= mask.array();
    activationBackward(f, ws.z(l), pre, d);
}

std::vector<float> Network::predict(std::span<const float> input) const
{
    if (input.size() != std::size_t(m_spec.inputSize))
        throw Error(ErrorCode::InputMismatch,
                    {.expected = m_spec.inputSize, .found = std::int64_t(input.size())});
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
