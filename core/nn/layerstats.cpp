// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/layerstats.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace tinyml::core {

int Histogram::total() const
{
    int sum = 0;
    for (int c : counts)
        sum += c;
    return sum;
}

Histogram makeHistogram(std::span<const float> values, double low, double high, int bins)
{
    Histogram h;
    h.low = low;
    h.high = high > low ? high : low + 1.0;
    h.counts.assign(std::size_t(std::max(1, bins)), 0);
    const double scale = double(h.counts.size()) / (h.high - h.low);
    for (float v : values) {
        if (!std::isfinite(v))
            continue;
        const double bin = std::floor((double(v) - h.low) * scale);
        const auto i = std::size_t(std::clamp(bin, 0.0, double(h.counts.size() - 1)));
        ++h.counts[i];
    }
    return h;
}

std::vector<LayerStats>
layerStats(const Network &net, ConstMatrixRef X, std::span<const std::uint8_t> labels, int bins)
{
    const int n = int(X.cols());
    Workspace ws(net.spec(), std::max(1, n));
    net.forward(X, ws);
    Targets targets;
    targets.labels = labels;
    net.backward(X, targets, ws);
    std::vector<LayerStats> out(net.layerCount());
    const auto params = net.parameters();
    const auto grads = ws.gradients();
    for (std::size_t l = 0; l < net.layerCount(); ++l) {
        LayerStats &s = out[l];
        const ConstMatrixMap a = std::as_const(ws).a(l);
        const std::span<const float> act(a.data(), std::size_t(a.size()));
        float lo = 0.0f, hi = 0.0f;
        bool any = false;
        for (float v : act)
            if (std::isfinite(v)) {
                lo = any ? std::min(lo, v) : v;
                hi = any ? std::max(hi, v) : v;
                any = true;
            }
        s.activations = makeHistogram(
            act, double(lo), double(hi) > double(lo) ? double(hi) : double(lo) + 1e-6, bins);
        if (!net.spec().layers[l].hasParameters())
            continue;
        s.hasWeights = true;
        const std::size_t from = net.weightOffset(l), to = net.biasOffset(l);
        const std::span<const float> w = params.subspan(from, to - from);
        const std::span<const float> g = grads.subspan(from, to - from);
        double maxW = 0.0, sumW = 0.0, sumG = 0.0;
        std::vector<float> logG;
        logG.reserve(g.size());
        for (std::size_t i = 0; i < w.size(); ++i) {
            maxW = std::max(maxW, std::abs(double(w[i])));
            sumW += double(w[i]) * double(w[i]);
            sumG += double(g[i]) * double(g[i]);
            const double m = std::abs(double(g[i]));
            if (m > 0.0)
                logG.push_back(float(std::log10(m)));
            else
                ++s.zeroGradients; // e.g. the weights of pixels that are 0 in every probe image
        }
        const double count = double(std::max<std::size_t>(1, w.size()));
        s.weightRms = std::sqrt(sumW / count);
        s.gradientRms = std::sqrt(sumG / count);
        s.weights = makeHistogram(w, -std::max(maxW, 1e-6), std::max(maxW, 1e-6), bins);
        s.gradients = makeHistogram(logG, kLowestLog, kHighestLog, bins);
    }
    return out;
}

} // namespace tinyml::core
