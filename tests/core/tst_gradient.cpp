// SPDX-License-Identifier: GPL-3.0-or-later
// Finite-difference checks of the whole backward pass: every layer, activation and loss.
#include "core/nn/network.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;
Q_DECLARE_METATYPE(tinyml::core::Activation)
Q_DECLARE_METATYPE(tinyml::core::LossKind)

class TestGradient : public QObject
{
    Q_OBJECT

private slots:
    void backpropMatchesFiniteDifferences_data()
    {
        QTest::addColumn<Activation>("hidden");
        QTest::addColumn<Activation>("output");
        QTest::addColumn<LossKind>("loss");
        QTest::addColumn<float>("l2");
        const auto ce = LossKind::SparseCategoricalCrossentropy;
        const auto mse = LossKind::MeanSquaredError;
        QTest::newRow("relu+softmax, cross-entropy") << Activation::Relu << Activation::Softmax << ce << 0.0f;
        QTest::newRow("sigmoid+softmax, cross-entropy") << Activation::Sigmoid << Activation::Softmax << ce << 0.0f;
        QTest::newRow("tanh+softmax, cross-entropy") << Activation::Tanh << Activation::Softmax << ce << 0.0f;
        QTest::newRow("leaky+softmax, cross-entropy") << Activation::LeakyRelu << Activation::Softmax << ce << 0.0f;
        QTest::newRow("linear+softmax, cross-entropy") << Activation::Linear << Activation::Softmax << ce << 0.0f;
        QTest::newRow("relu+softmax, cross-entropy, L2") << Activation::Relu << Activation::Softmax << ce << 0.01f;
        QTest::newRow("tanh+sigmoid, cross-entropy") << Activation::Tanh << Activation::Sigmoid << ce << 0.0f;
        QTest::newRow("sigmoid+sigmoid, mse") << Activation::Sigmoid << Activation::Sigmoid << mse << 0.0f;
        QTest::newRow("relu+softmax, mse") << Activation::Relu << Activation::Softmax << mse << 0.0f;
        QTest::newRow("tanh+linear, mse, L2") << Activation::Tanh << Activation::Linear << mse << 0.05f;
    }

    void backpropMatchesFiniteDifferences()
    {
        QFETCH(Activation, hidden);
        QFETCH(Activation, output);
        QFETCH(LossKind, loss);
        QFETCH(float, l2);
        ModelSpec spec;
        spec.inputSize = 6;
        spec.layers = {{5, hidden}, {4, hidden}, {3, output}};
        spec.loss = loss;
        spec.l2 = l2;
        Network net(spec);
        net.initialize(11);
        // Biases away from zero so that no ReLU sits on its kink.
        for (std::size_t l = 0; l < net.layerCount(); ++l)
            for (Eigen::Index i = 0; i < net.bias(l).size(); ++i)
                net.bias(l)(i) = 0.1f * float(i + 1) - 0.17f;
        Matrix X(6, 4);
        X << 0.9f, 0.1f, 0.4f, 0.7f, 0.2f, 0.8f, 0.5f, 0.3f, 0.6f, 0.0f, 1.0f, 0.35f, 0.15f, 0.55f,
            0.25f, 0.95f, 0.45f, 0.05f, 0.65f, 0.85f, 0.75f, 0.2f, 0.3f, 0.4f;
        const std::uint8_t labels[4] = {0, 2, 1, 2};
        const Targets targets{labels, nullptr};
        Workspace ws(spec, 4);
        net.forward(X, ws);
        net.backward(X, targets, ws);
        const std::vector<float> grads(ws.gradients().begin(), ws.gradients().end());

        auto lossAt = [&](Network &n) {
            Workspace w(spec, 4);
            n.forward(X, w);
            return n.loss(w, targets).loss;
        };
        const float h = 2e-3f;
        int checked = 0;
        for (std::size_t i = 0; i < grads.size(); ++i) {
            const double fd = tinyml::test::centralDifference(net.parameters()[i], h,
                                                              [&] { return lossAt(net); });
            QVERIFY2(std::abs(fd - grads[i]) < 1e-3 + 2e-2 * std::abs(fd),
                     qPrintable(QStringLiteral("parameter %1: finite difference %2, backprop %3")
                                    .arg(i).arg(fd).arg(grads[i])));
            ++checked;
        }
        QCOMPARE(checked, int(spec.parameterCount()));
    }

    // Dropout: with a fixed mask the network is a fixed function, so its gradient is checkable.
    void dropoutGradientWithFixedMask()
    {
        ModelSpec spec;
        spec.inputSize = 3;
        spec.layers = {{6, Activation::Tanh}, {2, Activation::Softmax}};
        spec.dropout = 0.5f;
        Network net(spec);
        net.initialize(5);
        Matrix X(3, 2);
        X << 0.2f, 0.9f, 0.4f, 0.1f, 0.7f, 0.3f;
        const std::uint8_t labels[2] = {1, 0};
        const Targets t{labels, nullptr};
        Workspace ws(spec, 2);
        Rng rng(3);
        net.forward(X, ws, &rng);
        const Matrix a0 = ws.a(0);
        net.backward(X, t, ws);
        const std::vector<float> grads(ws.gradients().begin(), ws.gradients().end());
        // Dropped units produce no gradient into their incoming weights.
        int dropped = 0;
        for (Eigen::Index r = 0; r < a0.rows(); ++r)
            if (a0(r, 0) == 0.0f && a0(r, 1) == 0.0f) {
                ++dropped;
                for (Eigen::Index c = 0; c < 3; ++c)
                    QCOMPARE(grads[net.weightOffset(0) + std::size_t(c * 6 + r)], 0.0f);
            }
        QVERIFY(dropped > 0);
        // Same mask again (same generator seed): finite differences agree.
        auto lossAt = [&]() {
            Workspace w(spec, 2);
            Rng again(3);
            net.forward(X, w, &again);
            return net.loss(w, t).loss;
        };
        const float h = 2e-3f;
        for (std::size_t i = 0; i < grads.size(); ++i) {
            const double fd = tinyml::test::centralDifference(net.parameters()[i], h, lossAt);
            QVERIFY2(std::abs(fd - grads[i]) < 1e-3 + 2e-2 * std::abs(fd),
                     qPrintable(QStringLiteral("parameter %1: fd %2, backprop %3").arg(i).arg(fd).arg(grads[i])));
        }
    }

    void crossEntropyIsStableForHugeLogits()
    {
        ModelSpec spec;
        spec.inputSize = 1;
        spec.layers = {{3, Activation::Softmax}};
        Network net(spec);
        net.weights(0) << 1000.0f, -1000.0f, 0.0f;
        Matrix X(1, 1);
        X << 1.0f;
        const std::uint8_t label = 1;
        Workspace ws(spec, 1);
        net.forward(X, ws);
        const LossValue v = net.backward(X, {{&label, 1}, nullptr}, ws);
        QVERIFY(std::isfinite(v.loss));
        QVERIFY(std::abs(v.loss - 2000.0) < 1e-2);
    }
};

QTEST_GUILESS_MAIN(TestGradient)
#include "tst_gradient.moc"
