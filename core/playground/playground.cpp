// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/playground/playground.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tinyml::core {

namespace {

[[noreturn]] void invalid(const char *name, double value)
{
    throw Error(ErrorCode::PlaygroundSettingInvalid, {.name = name, .value = value});
}

bool within(float v, float lo, float hi)
{
    return std::isfinite(v) && v >= lo && v <= hi;
}

} // namespace

void PlaygroundConfig::validate() const
{
    if (int(data) > int(PlanarKind::Custom))
        invalid("data", double(int(data)));
    if (points < 0 || points > kMaxPoints)
        invalid("points", points);
    if (!within(noise, 0.0f, 1.0f))
        invalid("noise", double(noise));
    if (!within(trainRatio, 0.1f, 0.9f))
        invalid("trainRatio", double(trainRatio));
    if (features == 0 || (features & ~kAllFeatures) != 0)
        invalid("features", double(features));
    if (int(hidden.size()) > kMaxLayers)
        invalid("hidden", double(hidden.size()));
    for (int units : hidden)
        if (units < 1 || units > kMaxUnits)
            invalid("hidden", units);
    if (activation == Activation::Softmax || int(activation) > int(Activation::Softmax))
        invalid("activation", double(int(activation)));
    if (int(optimizer) > int(OptimizerKind::Adam))
        invalid("optimizer", double(int(optimizer)));
    if (!(learningRate > 0.0f) || !within(learningRate, 0.0f, kMaxLearningRate))
        invalid("learningRate", double(learningRate));
    if (!within(l1, 0.0f, 0.999f))
        invalid("l1", double(l1));
    if (!within(l2, 0.0f, 0.999f))
        invalid("l2", double(l2));
    if (batchSize < 1 || batchSize > kMaxBatch)
        invalid("batchSize", batchSize);
}

ModelSpec PlaygroundConfig::modelSpec() const
{
    ModelSpec spec;
    spec.inputSize = featureCount(features);
    for (int units : hidden)
        spec.layers.push_back({units, activation});
    if (isRegression(data)) {
        spec.layers.push_back({1, Activation::Linear});
        spec.loss = LossKind::MeanSquaredError;
    } else {
        spec.layers.push_back({2, Activation::Softmax});
        spec.loss = LossKind::SparseCategoricalCrossentropy;
    }
    spec.l2 = l2;
    spec.optimizer = OptimizerSpec::defaultsFor(optimizer);
    spec.optimizer.learningRate = learningRate;
    return spec;
}

int overfittingEpoch(const std::vector<PlaygroundEpoch> &history)
{
    if (history.size() < 3)
        return -1;
    const auto best
        = std::min_element(history.begin(), history.end(),
                           [](const auto &a, const auto &b) { return a.testLoss < b.testLoss; });
    const PlaygroundEpoch &last = history.back();
    if (best == history.end() - 1 || !(last.testLoss >= 1.1 * best->testLoss)
        || !(last.testLoss >= best->testLoss + 0.02))
        return -1;
    if (!(last.trainLoss < best->trainLoss))
        return -1;
    return best->epoch;
}

Playground::Playground(const PlaygroundConfig &config) : Playground(config, PlanarData{})
{
    m_data = splitPlanar(generatePlanar(config.data, config.points, config.noise, config.seed),
                         config.trainRatio, config.seed);
}

Playground::Playground(const PlaygroundConfig &config, PlanarData data)
    : m_config(config), m_data(std::move(data))
{
    m_config.validate();
    build();
}

void Playground::build()
{
    const ModelSpec spec = m_config.modelSpec();
    spec.validate();
    m_net = std::make_unique<Network>(spec);
    m_optimizer = std::make_unique<Optimizer>(spec.optimizer, m_net->parameters().size());
    m_ws = std::make_unique<Workspace>(spec, m_config.batchSize);
    reset();
}

void Playground::reset()
{
    m_net->initialize(m_config.seed);
    m_optimizer->reset();
    m_shuffle.reseed(m_config.seed + 1);
    m_epoch = 0;
}

bool Playground::canRetune(const PlaygroundConfig &config) const
{
    PlaygroundConfig same = config;
    same.optimizer = m_config.optimizer;
    same.learningRate = m_config.learningRate;
    same.l1 = m_config.l1;
    same.l2 = m_config.l2;
    same.batchSize = m_config.batchSize;
    return same == m_config;
}

void Playground::retune(const PlaygroundConfig &config)
{
    if (!canRetune(config))
        throw Error(ErrorCode::Internal, {.detail = "retune with another network or data"});
    config.validate();
    const std::vector<float> params(m_net->parameters().begin(), m_net->parameters().end());
    m_config = config;
    const ModelSpec spec = m_config.modelSpec();
    m_net = std::make_unique<Network>(spec);
    std::copy(params.begin(), params.end(), m_net->parameters().begin());
    m_optimizer = std::make_unique<Optimizer>(spec.optimizer, params.size());
    m_ws = std::make_unique<Workspace>(spec, m_config.batchSize);
}

void Playground::addPoint(const PlanarPoint &p)
{
    m_data.train.push_back(p);
}

Targets Playground::targetsOf(const std::vector<PlanarPoint> &points,
                              bool regression,
                              std::vector<std::uint8_t> &labels,
                              Matrix &dense)
{
    Targets t;
    if (regression) {
        dense.resize(1, Eigen::Index(points.size()));
        for (std::size_t i = 0; i < points.size(); ++i)
            dense(0, Eigen::Index(i)) = points[i].label;
        t.dense = &dense;
    } else {
        labels.resize(points.size());
        for (std::size_t i = 0; i < points.size(); ++i)
            labels[i] = points[i].label >= 0.5f ? 1 : 0;
        t.labels = labels;
    }
    return t;
}

void Playground::gradientOf(const Matrix &x, const std::vector<PlanarPoint> &points, Workspace &ws)
{
    std::vector<std::uint8_t> labels;
    Matrix dense;
    m_net->forward(x, ws);
    m_net->backward(x, targetsOf(points, isRegression(m_config.data), labels, dense), ws);
    if (m_config.l1 > 0.0f) {
        // L1 is the Playground's own: d(l1 Σ|w|)/dw = l1 sign(w), on kernels only (as L2).
        auto grads = ws.gradients();
        for (std::size_t l = 0; l < m_net->layerCount(); ++l) {
            const auto w = m_net->weights(l);
            float *g = grads.data() + m_net->weightOffset(l);
            for (Eigen::Index i = 0; i < w.size(); ++i)
                g[i] += m_config.l1 * float((w.data()[i] > 0.0f) - (w.data()[i] < 0.0f));
        }
    }
}

void Playground::trainEpoch()
{
    const auto &train = m_data.train;
    if (!train.empty()) {
        std::vector<std::size_t> order(train.size());
        std::iota(order.begin(), order.end(), 0);
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[m_shuffle.below(std::uint32_t(i))]);
        const std::size_t batch = std::size_t(m_config.batchSize);
        std::vector<PlanarPoint> points;
        for (std::size_t start = 0; start < order.size(); start += batch) {
            const std::size_t end = std::min(order.size(), start + batch);
            points.clear();
            for (std::size_t i = start; i < end; ++i)
                points.push_back(train[order[i]]);
            const Matrix x = featureMatrix(points, m_config.features);
            gradientOf(x, points, *m_ws);
            m_optimizer->step(m_net->parameters(), m_ws->gradients());
        }
    }
    ++m_epoch;
}

double Playground::dataLoss(const std::vector<PlanarPoint> &points)
{
    if (points.empty())
        return 0.0;
    Workspace ws(m_net->spec(), int(points.size()));
    const Matrix x = featureMatrix(points, m_config.features);
    m_net->forward(x, ws);
    std::vector<std::uint8_t> labels;
    Matrix dense;
    double loss
        = m_net->loss(ws, targetsOf(points, isRegression(m_config.data), labels, dense)).loss;
    if (m_config.l2 > 0.0f) {
        // Network::loss() includes the L2 penalty; the Playground shows the data's loss.
        double sum = 0.0;
        for (std::size_t l = 0; l < m_net->layerCount(); ++l)
            sum += double(m_net->weights(l).squaredNorm());
        loss -= double(m_config.l2) * sum;
    }
    return loss;
}

std::vector<float> Playground::gradient()
{
    const auto &train = m_data.train;
    if (train.empty())
        return std::vector<float>(m_net->parameters().size(), 0.0f);
    Workspace ws(m_net->spec(), int(train.size()));
    gradientOf(featureMatrix(train, m_config.features), train, ws);
    return {ws.gradients().begin(), ws.gradients().end()};
}

PlaygroundMaps Playground::maps(int grid)
{
    grid = std::clamp(grid, 1, 400);
    PlaygroundMaps maps;
    maps.grid = grid;
    const Matrix x = gridFeatureMatrix(grid, m_config.features);
    const Eigen::Index n = x.cols();
    maps.layers.reserve(m_net->layerCount() + 1);
    maps.layers.push_back(x);
    for (std::size_t l = 0; l < m_net->layerCount(); ++l)
        maps.layers.emplace_back(m_net->spec().layers[l].units, n);
    // One forward pass over the whole grid, in blocks of kMapBlock points: each block's matrix
    // products stay below the size at which Eigen would hand them to the thread pool, whose
    // waiting threads would take the cores the GUI needs (and the blocks stay in the cache).
    const Eigen::Index block = std::min<Eigen::Index>(kMapBlock, n);
    Workspace ws(m_net->spec(), int(block));
    for (Eigen::Index start = 0; start < n; start += block) {
        const Eigen::Index cols = std::min(block, n - start);
        m_net->forward(x.middleCols(start, cols), ws);
        for (std::size_t l = 0; l < m_net->layerCount(); ++l)
            maps.layers[l + 1].middleCols(start, cols) = ws.a(l);
    }
    return maps;
}

} // namespace tinyml::core
