// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/activation.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;
Q_DECLARE_METATYPE(tinyml::core::Activation)

class TestActivation : public QObject
{
    Q_OBJECT

private slots:
    void values_data()
    {
        QTest::addColumn<Activation>("f");
        QTest::addColumn<float>("z");
        QTest::addColumn<float>("expected");
        QTest::newRow("sigmoid(0)") << Activation::Sigmoid << 0.0f << 0.5f;
        QTest::newRow("sigmoid(2)") << Activation::Sigmoid << 2.0f << 0.880797f;
        QTest::newRow("tanh(1)") << Activation::Tanh << 1.0f << 0.761594f;
        QTest::newRow("relu(-3)") << Activation::Relu << -3.0f << 0.0f;
        QTest::newRow("relu(3)") << Activation::Relu << 3.0f << 3.0f;
        QTest::newRow("leaky(-2)") << Activation::LeakyRelu << -2.0f << -0.02f;
        QTest::newRow("linear(-2)") << Activation::Linear << -2.0f << -2.0f;
    }
    void values()
    {
        QFETCH(Activation, f);
        QFETCH(float, z);
        QFETCH(float, expected);
        QVERIFY(std::abs(activate(f, z) - expected) < 1e-5f);
        Matrix zm(1, 1), am(1, 1);
        zm(0, 0) = z;
        activate(f, zm, am);
        QVERIFY(std::abs(am(0, 0) - expected) < 1e-5f);
    }

    void softmaxIsStableAndSumsToOne()
    {
        Matrix z(3, 2), a(3, 2);
        z << 1000.0f, -5.0f, 1001.0f, 0.0f, 1002.0f, 5.0f;
        activate(Activation::Softmax, z, a);
        QVERIFY(a.allFinite());
        QCOMPARE(a.col(0).sum(), 1.0f);
        QVERIFY(std::abs(a(2, 0) - 0.665241f) < 1e-5f);
    }

    // dL/dz from activationBackward against central differences of L = sum(c ⊙ f(z)).
    void backwardMatchesFiniteDifferences_data()
    {
        QTest::addColumn<Activation>("f");
        QTest::newRow("linear") << Activation::Linear;
        QTest::newRow("sigmoid") << Activation::Sigmoid;
        QTest::newRow("tanh") << Activation::Tanh;
        QTest::newRow("relu") << Activation::Relu;
        QTest::newRow("leaky_relu") << Activation::LeakyRelu;
        QTest::newRow("softmax") << Activation::Softmax;
    }
    void backwardMatchesFiniteDifferences()
    {
        QFETCH(Activation, f);
        Matrix z(4, 3), c(4, 3);
        z << 0.3f, -1.2f, 0.8f, -0.4f, 2.0f, 0.15f, 1.1f, -0.7f, -2.2f, 0.45f, 0.6f, -0.9f;
        c << 0.5f, -1.0f, 2.0f, 1.5f, 0.25f, -0.75f, 1.0f, 0.3f, -0.2f, 0.9f, -1.1f, 0.4f;
        Matrix a(4, 3), d(4, 3);
        activate(f, z, a);
        d = c;
        activationBackward(f, z, a, d);
        auto lossAt = [&](const Matrix &zz) {
            Matrix aa(4, 3);
            activate(f, zz, aa);
            return double(c.cwiseProduct(aa).sum());
        };
        const float h = 1e-3f;
        for (Eigen::Index i = 0; i < z.size(); ++i) {
            Matrix zp = z, zm = z;
            zp.data()[i] += h;
            zm.data()[i] -= h;
            const double fd = (lossAt(zp) - lossAt(zm)) / (2.0 * h);
            QVERIFY2(std::abs(fd - d.data()[i]) < 2e-3 + 1e-2 * std::abs(fd),
                     qPrintable(QStringLiteral("element %1: fd %2 vs backprop %3")
                                    .arg(i).arg(fd).arg(d.data()[i])));
        }
    }

    void scalarDerivatives()
    {
        QCOMPARE(derivative(Activation::Relu, -1.0f), 0.0f);
        QCOMPARE(derivative(Activation::Relu, 1.0f), 1.0f);
        QVERIFY(std::abs(derivative(Activation::Sigmoid, 0.0f) - 0.25f) < 1e-6f);
        QVERIFY(std::abs(derivative(Activation::Tanh, 0.0f) - 1.0f) < 1e-6f);
        QCOMPARE(derivative(Activation::LeakyRelu, -1.0f), 0.01f); // slope 0.01 for z < 0
    }
};

QTEST_GUILESS_MAIN(TestActivation)
#include "tst_activation.moc"
