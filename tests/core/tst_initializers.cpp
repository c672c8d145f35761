// SPDX-License-Identifier: GPL-3.0-or-later
// The weight initializers' distributions, measured on a million weights against the formulas of
// Glorot & Bengio (2010) and He et al. (2015) as Keras draws them. The truncated normal's
// standard deviation is computed here from the normal distribution itself (erf), not taken from
// the engine's constant.
#include "core/nn/network.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace tinyml::core;

namespace {

struct Moments
{
    double mean = 0.0;
    double sd = 0.0;
    double maxAbs = 0.0;
};

Moments momentsOf(ConstMatrixMap w)
{
    Moments m;
    double sum = 0.0, sq = 0.0;
    for (Eigen::Index i = 0; i < w.size(); ++i) {
        const double v = w.data()[i];
        sum += v;
        sq += v * v;
        m.maxAbs = std::max(m.maxAbs, std::abs(v));
    }
    const double n = double(w.size());
    m.mean = sum / n;
    m.sd = std::sqrt(sq / n - m.mean * m.mean);
    return m;
}

Network layer(int fanIn, int fanOut, Initializer init)
{
    ModelSpec spec = ModelSpec::withHidden({}, Activation::Relu, fanOut);
    spec.inputSize = fanIn;
    spec.initializer = init;
    Network net(spec);
    net.initialize(2024);
    return net;
}

} // namespace

class TestInitializers : public QObject
{
    Q_OBJECT

private slots:
    void glorotUniform()
    {
        // U(-L, L), L = sqrt(6 / (fan_in + fan_out)) = sqrt(6 / 1250); sd L / sqrt(3).
        const Network net = layer(800, 450, Initializer::GlorotUniform);
        const double limit = std::sqrt(6.0 / 1250.0);
        const Moments m = momentsOf(net.weights(0));
        QVERIFY2(m.maxAbs <= limit, qPrintable(QString::number(m.maxAbs)));
        QVERIFY2(m.maxAbs > 0.999 * limit, qPrintable(QString::number(m.maxAbs)));
        QVERIFY2(std::abs(m.sd / (limit / std::sqrt(3.0)) - 1.0) < 0.01, qPrintable(QString::number(m.sd)));
        QVERIFY(std::abs(m.mean) < 0.005 * limit); // the sd of the mean is 0.00096 L
        QCOMPARE(net.bias(0).cwiseAbs().maxCoeff(), 0.0f);
    }

    void heNormalTruncatedAtTwoSigma()
    {
        // Keras: a normal of sd s = sqrt(2 / fan_in) / c, cut at |x| < 2 s, where c is the sd of
        // a standard normal cut at +-2, so that the weights' sd is sqrt(2 / fan_in) itself.
        // c^2 = 1 - 2 * 2 phi(2) / (Phi(2) - Phi(-2)), phi the density, Phi the distribution.
        const double phi2 = std::exp(-2.0) / std::sqrt(2.0 * std::numbers::pi);
        const double mass = std::erf(2.0 / std::sqrt(2.0));
        const double c = std::sqrt(1.0 - 4.0 * phi2 / mass);
        QVERIFY(std::abs(c - 0.8796) < 1e-4);
        const int fanIn = 1000;
        const Network net = layer(fanIn, 1000, Initializer::HeNormal);
        const double target = std::sqrt(2.0 / fanIn);
        const Moments m = momentsOf(net.weights(0));
        QVERIFY2(std::abs(m.sd / target - 1.0) < 0.01, qPrintable(QString::number(m.sd / target)));
        const double cut = 2.0 * target / c;
        QVERIFY2(m.maxAbs <= cut * (1.0 + 1e-6), qPrintable(QString::number(m.maxAbs / cut)));
        QVERIFY2(m.maxAbs > 0.995 * cut, qPrintable(QString::number(m.maxAbs / cut)));
        QVERIFY(std::abs(m.mean) < 0.01 * target);
        QCOMPARE(net.bias(0).cwiseAbs().maxCoeff(), 0.0f);
    }

    void zeros()
    {
        const Network net = layer(30, 20, Initializer::Zeros);
        for (float p : net.parameters())
            QCOMPARE(p, 0.0f);
    }
};

QTEST_GUILESS_MAIN(TestInitializers)
#include "tst_initializers.moc"
