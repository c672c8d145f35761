// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/metrics.h"

#include <map>

namespace tinyml::core {

std::vector<ClassMetrics> classMetrics(const Evaluation &e)
{
    std::vector<ClassMetrics> out(std::size_t(std::max(0, e.classes)));
    for (int t = 0; t < e.classes; ++t)
        for (int p = 0; p < e.classes; ++p) {
            const int n = e.count(t, p);
            out[std::size_t(t)].images += n;
            out[std::size_t(p)].predicted += n;
            if (t == p)
                out[std::size_t(t)].correct = n;
        }
    for (ClassMetrics &m : out) {
        m.recall = m.images > 0 ? double(m.correct) / m.images : 0.0;
        m.precision = m.predicted > 0 ? double(m.correct) / m.predicted : 0.0;
        m.f1 = m.recall + m.precision > 0.0
                   ? 2.0 * m.precision * m.recall / (m.precision + m.recall)
                   : 0.0;
    }
    return out;
}

std::vector<double> rowNormalised(const Evaluation &e)
{
    const std::size_t k = std::size_t(std::max(0, e.classes));
    std::vector<double> out(k * k, 0.0);
    for (std::size_t t = 0; t < k; ++t) {
        std::int64_t total = 0;
        for (std::size_t p = 0; p < k; ++p)
            total += e.count(int(t), int(p));
        if (total > 0)
            for (std::size_t p = 0; p < k; ++p)
                out[t * k + p] = double(e.count(int(t), int(p))) / double(total);
    }
    return out;
}

std::vector<SummaryRow> modelSummary(const ModelSpec &spec)
{
    std::vector<SummaryRow> rows;
    std::map<LayerKind, int> seen;
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const LayerKind kind = spec.layers[l].kind;
        std::string base;
        switch (kind) {
        case LayerKind::Dense:
            base = "dense";
            break;
        case LayerKind::Conv2D:
            base = "conv2d";
            break;
        case LayerKind::DepthwiseConv2D:
            base = "depthwise_conv2d";
            break;
        case LayerKind::MaxPooling2D:
            base = "max_pooling2d";
            break;
        case LayerKind::AveragePooling2D:
            base = "average_pooling2d";
            break;
        case LayerKind::Flatten:
            base = "flatten";
            break;
        case LayerKind::Dropout:
            base = "dropout";
            break;
        }
        const int n = seen[kind]++;
        rows.push_back({n > 0 ? base + "_" + std::to_string(n) : base, std::string(toString(kind)),
                        spec.outputShape(l), spec.layerParameters(l)});
    }
    return rows;
}

} // namespace tinyml::core
