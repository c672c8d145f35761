// SPDX-License-Identifier: GPL-3.0-or-later
// What a model costs on a microcontroller (modelBudget), against byte counts worked out by hand
// from the layout of docs/facts.md §6: float32 weights and biases; int8 weights, int32 biases
// and, per output row, a 32-bit multiplier and a 32-bit shift as TensorFlow Lite Micro keeps
// them; RAM for the input and output buffers of the hungriest layer.
#include "core/deploy/budget.h"

#include <QTest>

using namespace tinyml::core;

class TestBudget : public QObject
{
    Q_OBJECT

private slots:
    void byteCounts_data()
    {
        QTest::addColumn<int>("inputs");
        QTest::addColumn<QList<int>>("hidden");
        QTest::addColumn<int>("outputs");
        QTest::addColumn<qint64>("parameters");
        QTest::addColumn<qint64>("macs");
        QTest::addColumn<qint64>("flashFloat32");
        QTest::addColumn<qint64>("flashInt8");
        QTest::addColumn<qint64>("ramFloat32");
        QTest::addColumn<qint64>("ramInt8");
        // 784-128-10: weights 784·128 + 128·10 = 101632, biases 138, parameters 101770.
        // Flash float32: 4 · 101770 = 407080. Int8: 101632 + 138 · (4 + 4 + 4) = 103288.
        // RAM: layer 1 holds 784 inputs and 128 outputs = 912 values (layer 2: 138).
        QTest::newRow("course model")
            << 784 << QList<int>{128} << 10 << qint64(101770) << qint64(101632) << qint64(407080)
            << qint64(103288) << qint64(3648) << qint64(912);
        // 4-50-60-3: weights 200 + 3000 + 180 = 3380, biases 113, parameters 3493.
        // Flash float32 13972; int8 3380 + 113 · 12 = 4736. RAM: the middle layer's 50 + 60 = 110
        // values beat 4 + 50 = 54 and 60 + 3 = 63.
        QTest::newRow("widest in the middle")
            << 4 << QList<int>{50, 60} << 3 << qint64(3493) << qint64(3380) << qint64(13972)
            << qint64(4736) << qint64(440) << qint64(110);
        // 2-1: one weight row of 2, one bias: 3 parameters, 12 bytes; int8 2 + 12 = 14; RAM 3.
        QTest::newRow("single neuron") << 2 << QList<int>{} << 1 << qint64(3) << qint64(2)
                                       << qint64(12) << qint64(14) << qint64(12) << qint64(3);
    }
    void byteCounts()
    {
        QFETCH(int, inputs);
        QFETCH(QList<int>, hidden);
        QFETCH(int, outputs);
        ModelSpec spec = ModelSpec::withHidden(std::vector<int>(hidden.begin(), hidden.end()),
                                               Activation::Relu, outputs);
        spec.inputSize = inputs;
        const ModelBudget b = modelBudget(spec);
        QTEST(qint64(b.parameters), "parameters");
        QTEST(qint64(b.macs), "macs");
        QTEST(qint64(b.flashFloat32), "flashFloat32");
        QTEST(qint64(b.flashInt8), "flashInt8");
        QTEST(qint64(b.ramFloat32), "ramFloat32");
        QTEST(qint64(b.ramInt8), "ramInt8");
    }
};

QTEST_GUILESS_MAIN(TestBudget)
#include "tst_budget.moc"
