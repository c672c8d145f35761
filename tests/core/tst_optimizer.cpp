// SPDX-License-Identifier: GPL-3.0-or-later
// Two steps of every optimizer against values computed by hand (w = (1, -2),
// g1 = (0.5, -1), g2 = (0.1, 0.2)); the arithmetic is written out beside each row.
#include "core/base/error.h"
#include "core/nn/optimizer.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;

class TestOptimizer : public QObject
{
    Q_OBJECT

private slots:
    void twoSteps_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<float>("lr");
        QTest::addColumn<bool>("nesterov");
        QTest::addColumn<double>("w0After1");
        QTest::addColumn<double>("w1After1");
        QTest::addColumn<double>("w0After2");
        QTest::addColumn<double>("w1After2");
        // w -= 0.1 g
        QTest::newRow("sgd") << int(OptimizerKind::Sgd) << 0.1f << false << 0.95 << -1.9 << 0.94 << -1.92;
        // v1 = -0.1 g1 = (-0.05, 0.1); v2 = 0.9 v1 - 0.1 g2 = (-0.055, 0.07)
        QTest::newRow("momentum") << int(OptimizerKind::Momentum) << 0.1f << false << 0.95 << -1.9 << 0.895 << -1.83;
        // w += 0.9 v - 0.1 g: (-0.095, 0.19) then (-0.0595, 0.043)
        QTest::newRow("nesterov") << int(OptimizerKind::Momentum) << 0.1f << true << 0.905 << -1.81 << 0.8455 << -1.767;
        // s1 = 0.1 g1^2 = (0.025, 0.1): step 0.01 g/sqrt(s) = ±0.0316228;
        // s2 = (0.0235, 0.094): step (0.0065233, 0.0065233)
        QTest::newRow("rmsprop") << int(OptimizerKind::RmsProp) << 0.01f << false << 0.968377 << -1.968377 << 0.961854 << -1.974901;
        // t=1: m=(0.05,-0.1), v=(0.00025,0.001), lr_t=0.001·sqrt(0.001)/0.1 → step ±0.001;
        // t=2: m=(0.055,-0.07), v=(0.00025975,0.001039), lr_t=0.000235317 → (0.000803, -0.000511)
        QTest::newRow("adam") << int(OptimizerKind::Adam) << 0.001f << false << 0.999 << -1.999 << 0.998197 << -1.998489;
    }

    void twoSteps()
    {
        QFETCH(int, kind);
        QFETCH(float, lr);
        QFETCH(bool, nesterov);
        QFETCH(double, w0After1);
        QFETCH(double, w1After1);
        QFETCH(double, w0After2);
        QFETCH(double, w1After2);
        OptimizerSpec spec = OptimizerSpec::defaultsFor(OptimizerKind(kind));
        spec.learningRate = lr;
        spec.nesterov = nesterov;
        Optimizer opt(spec, 2);
        std::vector<float> w{1.0f, -2.0f};
        const std::vector<float> g1{0.5f, -1.0f}, g2{0.1f, 0.2f};
        opt.step(w, g1);
        QVERIFY2(std::abs(w[0] - w0After1) < 2e-6 && std::abs(w[1] - w1After1) < 2e-6,
                 qPrintable(QStringLiteral("after step 1: %1 %2").arg(w[0], 0, 'f', 7).arg(w[1], 0, 'f', 7)));
        opt.step(w, g2);
        QVERIFY2(std::abs(w[0] - w0After2) < 2e-6 && std::abs(w[1] - w1After2) < 2e-6,
                 qPrintable(QStringLiteral("after step 2: %1 %2").arg(w[0], 0, 'f', 7).arg(w[1], 0, 'f', 7)));
        QCOMPARE(opt.iterations(), 2);
    }

    void adamStepSizeIsKerasEpsilonHat()
    {
        Optimizer opt(OptimizerSpec::defaultsFor(OptimizerKind::Adam), 1);
        std::vector<float> w{0.0f};
        const std::vector<float> g{1.0f};
        opt.step(w, g);
        QVERIFY(std::abs(opt.lastStepSize() - 0.000316228) < 1e-8);
    }

    void epsilonOutsideTheSquareRoot_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("expected");
        // One step on a gradient of 1e-6, where ε = 1e-7 weighs as much as the root itself:
        // Adam:    Δ = lr_t · m / (sqrt(v) + ε), m = 0.1 g, v = 0.001 g², lr_t = lr sqrt(0.001) / 0.1
        // RMSprop: Δ = lr · g / (sqrt(s) + ε), s = 0.1 g²
        // (ε inside the root, sqrt(v + ε), would give steps 2000 and 760 times smaller.)
        const double g = 1e-6;
        const double adam = 0.001 * std::sqrt(0.001) / 0.1 * (0.1 * g) / (std::sqrt(0.001 * g * g) + 1e-7);
        const double rms = 0.001 * g / (std::sqrt(0.1 * g * g) + 1e-7);
        QTest::newRow("adam") << int(OptimizerKind::Adam) << -adam;
        QTest::newRow("rmsprop") << int(OptimizerKind::RmsProp) << -rms;
    }
    void epsilonOutsideTheSquareRoot()
    {
        QFETCH(int, kind);
        QFETCH(double, expected);
        Optimizer opt(OptimizerSpec::defaultsFor(OptimizerKind(kind)), 1);
        QCOMPARE(opt.spec().epsilon, 1e-7f);
        QCOMPARE(opt.spec().learningRate, 0.001f);
        std::vector<float> w{0.0f};
        const std::vector<float> g{1e-6f};
        opt.step(w, g);
        QVERIFY2(std::abs(w[0] - expected) < 1e-4 * std::abs(expected),
                 qPrintable(QStringLiteral("%1 vs %2").arg(w[0], 0, 'g', 8).arg(expected, 0, 'g', 8)));
    }

    void stateRoundTrip()
    {
        Optimizer a(OptimizerSpec::defaultsFor(OptimizerKind::Adam), 3);
        std::vector<float> w{1, 2, 3};
        const std::vector<float> g{0.3f, -0.2f, 0.1f};
        a.step(w, g);
        Optimizer b(a.spec(), 3);
        b.restore(a.iterations(), a.state());
        std::vector<float> w2 = w;
        a.step(w, g);
        b.step(w2, g);
        QCOMPARE(w, w2);
        QVERIFY_THROWS_EXCEPTION(tinyml::core::Error, b.restore(1, std::vector<float>(5)));
    }
};

QTEST_GUILESS_MAIN(TestOptimizer)
#include "tst_optimizer.moc"
