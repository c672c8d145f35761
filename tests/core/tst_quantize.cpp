// SPDX-License-Identifier: GPL-3.0-or-later
// The int8 arithmetic of docs/facts.md §5, value by value.
#include "core/deploy/quantize.h"
#include "core/nn/trainer.h"
#include "testsupport.h"

#include <QTest>

using namespace tinyml::core;

class TestQuantize : public QObject
{
    Q_OBJECT

private slots:
    void quantizeMultiplier_data()
    {
        QTest::addColumn<double>("m");
        QTest::addColumn<int>("quantized");
        QTest::addColumn<int>("shift");
        QTest::newRow("0.5") << 0.5 << (1 << 30) << 0;
        QTest::newRow("0.25") << 0.25 << (1 << 30) << -1;
        QTest::newRow("0.75") << 0.75 << 1610612736 << 0;
        QTest::newRow("3.0") << 3.0 << 1610612736 << 2;
        QTest::newRow("tiny") << 1e-12 << 0 << 0; // shift below -31: flushed to zero
        QTest::newRow("just below 1") << 0.99999999999 << (1 << 30) << 1; // m0 rounds to 2^31: halved
    }
    void quantizeMultiplier()
    {
        QFETCH(double, m);
        QFETCH(int, quantized);
        QFETCH(int, shift);
        std::int32_t q, s;
        tinyml::core::quantizeMultiplier(m, q, s);
        QCOMPARE(q, quantized);
        QCOMPARE(s, shift);
    }

    void multiplyRoundsHalfAwayFromZero_data()
    {
        QTest::addColumn<int>("x");
        QTest::addColumn<double>("m");
        QTest::addColumn<int>("expected");
        QTest::newRow("100 x 0.5") << 100 << 0.5 << 50;
        QTest::newRow("3 x 0.25 = 0.75") << 3 << 0.25 << 1;
        QTest::newRow("-3 x 0.25 = -0.75") << -3 << 0.25 << -1;
        QTest::newRow("5 x 0.5 = 2.5") << 5 << 0.5 << 3;
        // gemmlowp's doubling high multiply nudges by 1 - 2^30 below zero: -2.5 becomes -2.
        QTest::newRow("-5 x 0.5 = -2.5") << -5 << 0.5 << -2;
        QTest::newRow("6 x 0.25 = 1.5") << 6 << 0.25 << 2;
        QTest::newRow("1000 x 3") << 1000 << 3.0 << 3000;
        QTest::newRow("12345 x 0.0123") << 12345 << 0.0123 << 152;
    }
    void multiplyRoundsHalfAwayFromZero()
    {
        QFETCH(int, x);
        QFETCH(double, m);
        QFETCH(int, expected);
        std::int32_t q, s;
        tinyml::core::quantizeMultiplier(m, q, s);
        QCOMPARE(multiplyByQuantizedMultiplier(x, q, s), expected);
    }

    void integerSoftmaxByHand()
    {
        // Logits scale 0.1: differences 0, -10, -30, 0 steps are 0, -1, -3, 0 in real terms.
        // exp: 1, 0.367879, 0.049787, 1; sum 2.417666. 256 x share = 105.886, 38.953, 5.272,
        // 105.886, each far from a rounding boundary, so TFLM's fixed point rounds them so too.
        const std::int8_t logits[4] = {10, 0, -20, 10};
        std::int8_t p[4];
        integerSoftmax(logits, 4, softmaxParams(0.1f), p);
        QCOMPARE(int(p[0]), 106 - 128);
        QCOMPARE(int(p[1]), 39 - 128);
        QCOMPARE(int(p[2]), 5 - 128);
        QCOMPARE(p[3], p[0]);
    }

    void quantizedNetworkFollowsTheFloatOne()
    {
        const Dataset data = tinyml::test::syntheticDigits(800, 3);
        Network net(ModelSpec::withHidden({24, 16}, Activation::Tanh));
        net.initialize(2);
        Optimizer opt(net.spec().optimizer, net.parameters().size());
        TrainConfig config;
        config.epochs = 3;
        Trainer(net, opt, config, data).run();
        const QuantizedModel q = quantize(net, data, 500);
        QCOMPARE(q.input.zeroPoint, -128);
        QCOMPARE(q.layers.size(), std::size_t(3));
        QVERIFY(!q.layers[0].lut.empty()); // tanh goes through a table
        const QuantizedEvaluation ev = evaluateQuantized(net, q, data);
        QVERIFY2(std::abs(ev.int8Accuracy - ev.floatAccuracy) < 0.02,
                 qPrintable(QStringLiteral("%1 vs %2").arg(ev.int8Accuracy).arg(ev.floatAccuracy)));
        // A byte pixel p quantizes to exactly p - 128, from floats as from bytes.
        for (int pixel : {0, 1, 127, 128, 254, 255})
            QCOMPARE(int(Int8Runner::quantizeInput(float(pixel) / 255.0f, q.input)), pixel - 128);
    }
};

QTEST_GUILESS_MAIN(TestQuantize)
#include "tst_quantize.moc"
