// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"
#include "core/nn/optimizer.h"
#include "core/playground/planar.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace tinyml::core {

/// Everything the learner sets in the Playground: data, inputs, network, training.
struct PlaygroundConfig
{
    PlanarKind data = PlanarKind::Circle;
    int points = 400;        ///< generated points, training and test together
    float noise = 0.0f;      ///< 0 … 1, see generatePlanar()
    float trainRatio = 0.5f; ///< share of the points used for training, 0.1 … 0.9
    std::uint64_t seed = 1;  ///< data, split and initial weights
    std::uint32_t features = std::uint32_t(Feature::X1) | std::uint32_t(Feature::X2);
    std::vector<int> hidden{4, 2}; ///< units per hidden layer; empty: a linear model
    Activation activation = Activation::Tanh;
    OptimizerKind optimizer = OptimizerKind::Sgd;
    float learningRate = 0.03f;
    float l1 = 0.0f; ///< adds l1 · Σ|W| of every kernel to the loss (the Playground's own step)
    float l2 = 0.0f; ///< adds l2 · Σ W² (the engine's ModelSpec::l2)
    int batchSize = 10;
    bool operator==(const PlaygroundConfig &) const = default;

    /// Limits of what the Playground offers (and what a state file may hold).
    static constexpr int kMaxPoints = 2000;
    static constexpr int kMaxLayers = 6;
    static constexpr int kMaxUnits = 8;
    static constexpr int kMaxBatch = 500;
    static constexpr float kMaxLearningRate = 10.0f;

    /// Throws Error (SpecInvalid) on a value out of range.
    void validate() const;
    /// The engine's model: features → hidden (activation) → output. Classification ends in a
    /// 2-unit softmax with cross-entropy (p(blue) = σ(z_blue − z_orange), the same loss as one
    /// sigmoid unit with binary cross-entropy); regression in one linear unit with squared error.
    ModelSpec modelSpec() const;
};

/// Train and test loss after an epoch (the data's loss, without the L1/L2 penalty).
struct PlaygroundEpoch
{
    int epoch = 0;
    double trainLoss = 0.0;
    double testLoss = 0.0;
};

/// Every neuron's map over a grid × grid square, from one batched forward pass: layer 0 holds
/// the input features (features, g²), layer l ≥ 1 the activations of network layer l − 1
/// (units, g²). Column r · g + c is grid cell (row r from the top, column c).
struct PlaygroundMaps
{
    int grid = 0;
    std::vector<Matrix> layers;
};

/// The epoch (≥ 1) where the test loss was lowest, when the learner has trained past it into
/// overfitting: the last test loss is at least 10 % and 0.02 above that minimum (so that the
/// jitter of losses near zero is not taken for it) while the training loss has kept falling
/// since. -1 otherwise.
int overfittingEpoch(const std::vector<PlaygroundEpoch> &history);

/// A small data set and the engine's Network and Optimizer training on it, one epoch at a time.
/// Not thread-safe: one thread owns it.
class Playground
{
public:
    /// Generates the data from config (throws Error on a bad config).
    explicit Playground(const PlaygroundConfig &config);
    /// Uses the given points instead of generating them.
    Playground(const PlaygroundConfig &config, PlanarData data);

    const PlaygroundConfig &config() const { return m_config; }
    const PlanarData &data() const { return m_data; }
    const Network &network() const { return *m_net; }
    Network &network() { return *m_net; }
    int epoch() const { return m_epoch; }

    /// New initial weights from the config's seed, optimizer state cleared, epoch 0.
    void reset();
    /// True when config trains the same network on the same data as config(): only the
    /// optimizer, learning rate, L1, L2 or batch size differ.
    bool canRetune(const PlaygroundConfig &config) const;
    /// Takes config's training settings and keeps the weights and the epoch; the optimizer
    /// starts afresh. Needs canRetune(config); throws Error on a bad config.
    void retune(const PlaygroundConfig &config);
    /// One pass over the shuffled training points in mini-batches of config().batchSize.
    void trainEpoch();
    /// Adds a point to the training set (a click of the learner).
    void addPoint(const PlanarPoint &p);

    double trainLoss() { return dataLoss(m_data.train); }
    double testLoss() { return dataLoss(m_data.test); }
    /// The data loss of points (0 for no points).
    double dataLoss(const std::vector<PlanarPoint> &points);
    /// Gradient of the whole training set's loss (with the L1/L2 penalties) at the current
    /// weights, laid out like Network::parameters(): what one full-batch step would follow.
    std::vector<float> gradient();
    /// The maps of every neuron over a grid × grid square (grid 1 … 400), from one forward pass
    /// over all grid points in blocks of kMapBlock.
    PlaygroundMaps maps(int grid);
    static constexpr int kMapBlock = 1024;

private:
    void build();
    /// The forward pass, loss and gradient of a batch into ws; adds the L1 term to the
    /// gradient.
    void gradientOf(const Matrix &x, const std::vector<PlanarPoint> &points, Workspace &ws);
    static Targets targetsOf(const std::vector<PlanarPoint> &points,
                             bool regression,
                             std::vector<std::uint8_t> &labels,
                             Matrix &dense);

    PlaygroundConfig m_config;
    PlanarData m_data;
    std::unique_ptr<Network> m_net;
    std::unique_ptr<Optimizer> m_optimizer;
    std::unique_ptr<Workspace> m_ws;
    Rng m_shuffle;
    int m_epoch = 0;
};

} // namespace tinyml::core
