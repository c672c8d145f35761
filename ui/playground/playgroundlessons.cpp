// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/playground/playgroundlessons.h"

#include <QCoreApplication>

#include <algorithm>

namespace tinyml::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PlaygroundLessons", text);
}

constexpr std::uint32_t kXY = std::uint32_t(core::Feature::X1) | std::uint32_t(core::Feature::X2);

core::PlaygroundConfig base(core::PlanarKind data, std::vector<int> hidden)
{
    core::PlaygroundConfig c;
    c.data = data;
    c.points = 400;
    c.seed = 1;
    c.features = kXY;
    c.hidden = std::move(hidden);
    c.activation = core::Activation::Tanh;
    c.optimizer = core::OptimizerKind::Adam;
    c.learningRate = 0.03f;
    c.batchSize = 10;
    return c;
}

/// A few noisy points for a big network: 30 to train on, 30 to test.
core::PlaygroundConfig overfitting()
{
    core::PlaygroundConfig c = base(core::PlanarKind::Circle, {8, 8, 8});
    c.points = 60;
    c.noise = 0.5f;
    return c;
}

double minTestLoss(const std::vector<core::PlaygroundEpoch> &h)
{
    double m = 1e30;
    for (const auto &e : h)
        m = std::min(m, e.testLoss);
    return m;
}

} // namespace

std::vector<PlaygroundLesson> playgroundLessons()
{
    using Id = PlaygroundLesson::Id;
    std::vector<PlaygroundLesson> list;
    list.push_back(
        {Id::LinearFails, tr("A linear model fails on the circle"),
         tr("No hidden layer: the output can only cut the plane with one straight line. "
            "Expect the test loss to stay near 0.69 (a coin toss) however long it trains."),
         base(core::PlanarKind::Circle, {}), 300});
    list.push_back({Id::OneHiddenLayer, tr("One hidden layer of 3 neurons solves it"),
                    tr("Each hidden neuron draws one line; the output bends three of them into a "
                       "closed region. Expect the test loss below 0.05 within 300 epochs."),
                    base(core::PlanarKind::Circle, {3}), 300});
    core::PlaygroundConfig squares = base(core::PlanarKind::Circle, {});
    squares.features
        = std::uint32_t(core::Feature::X1Squared) | std::uint32_t(core::Feature::X2Squared);
    list.push_back(
        {Id::SquaredInputs, tr("x₁² and x₂² solve it with no hidden layer"),
         tr("With x₁² and x₂² as inputs, one straight cut w₁x₁² + w₂x₂² + b = 0 in the new "
            "inputs is an ellipse in the plane. Expect the test loss below 0.05 within 100 "
            "epochs."),
         squares, 100});
    core::PlaygroundConfig spiral = base(core::PlanarKind::Spiral, {8, 8, 8});
    spiral.points = 1000;
    spiral.learningRate = 0.01f;
    list.push_back(
        {Id::SpiralNeedsDepth, tr("The spiral needs depth: 3 layers of 8"),
         tr("One layer of 8 neurons stays far from the spiral in 300 epochs (remove two "
            "layers with − and see); three layers bend the plane step by step. Expect the "
            "test loss below 0.05 within 300 epochs."),
         spiral, 300});
    list.push_back({Id::Overfitting, tr("Too little data overfits with noise"),
                    tr("30 noisy training points and 3 layers of 8 neurons: the network learns the "
                       "noise. Expect the training loss to keep falling while the test loss rises "
                       "again: the chart marks where overfitting begins."),
                    overfitting(), 300});
    core::PlaygroundConfig l2 = overfitting();
    l2.l2 = 0.01f;
    list.push_back(
        {Id::L2Smooths, tr("L2 smooths the boundary"),
         tr("The same data and network with L2 regularisation (rate 0.01): large weights "
            "cost loss, so the boundary stays smooth. Expect a final test loss less than "
            "half of the run without L2."),
         l2, 300});
    return list;
}

int epochsToTestLoss(const std::vector<core::PlaygroundEpoch> &history, double threshold)
{
    for (const auto &e : history)
        if (e.testLoss < threshold)
            return e.epoch;
    return -1;
}

bool showsExpectedOutcome(PlaygroundLesson::Id id,
                          const std::vector<core::PlaygroundEpoch> &h,
                          const std::vector<core::PlaygroundEpoch> *baseline)
{
    if (h.empty())
        return false;
    using Id = PlaygroundLesson::Id;
    switch (id) {
    case Id::LinearFails:
        return minTestLoss(h) > 0.5;
    case Id::OneHiddenLayer:
    case Id::SpiralNeedsDepth: {
        const int e = epochsToTestLoss(h, 0.05);
        return e > 0 && e <= 300;
    }
    case Id::SquaredInputs: {
        const int e = epochsToTestLoss(h, 0.05);
        return e > 0 && e <= 100;
    }
    case Id::Overfitting:
        return core::overfittingEpoch(h) > 0;
    case Id::L2Smooths:
        return baseline && !baseline->empty()
               && h.back().testLoss < 0.5 * baseline->back().testLoss;
    }
    return false;
}

} // namespace tinyml::ui
