// SPDX-License-Identifier: GPL-3.0-or-later
// The stepper's built-in examples: valid networks with the documented shapes and numbers.
#include "core/base/error.h"
#include "core/nn/network.h"
#include "ui/stepper/stepperpresets.h"

#include <QTest>

#include <cmath>

using namespace tinyml;
using namespace tinyml::ui;

class TestStepperPresets : public QObject
{
    Q_OBJECT

    static double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

private slots:
    void presetsAreValidModels_data()
    {
        QTest::addColumn<bool>("worked");
        QTest::addColumn<int>("outputs");
        QTest::addColumn<int>("samples");
        QTest::newRow("worked example 2-2-2, one sample") << true << 2 << 1;
        QTest::newRow("xor 2-2-1, four samples") << false << 1 << 4;
    }
    void presetsAreValidModels()
    {
        QFETCH(bool, worked);
        QFETCH(int, outputs);
        QFETCH(int, samples);
        const StepperExample e = worked ? workedExample() : xorExample();
        try {
            e.spec.validate();
        } catch (const core::Error &error) {
            QFAIL(error.what());
        }
        QCOMPARE(e.spec.inputSize, 2);
        QCOMPARE(e.spec.layers.size(), std::size_t(2));
        QCOMPARE(e.spec.layers[0].units, 2);
        QCOMPARE(e.spec.layers[1].units, outputs);
        for (const auto &layer : e.spec.layers)
            QVERIFY(layer.activation == core::Activation::Sigmoid);
        QVERIFY(e.spec.loss == core::LossKind::MeanSquaredError);
        QVERIFY(e.spec.optimizer.kind == core::OptimizerKind::Sgd);
        QCOMPARE(e.spec.optimizer.learningRate, 0.5f);
        // 2·2 + 2 weights and biases into the hidden layer, 2·outputs + outputs out of it.
        QCOMPARE(e.parameters.size(), std::size_t(6 + 3 * outputs));
        for (float p : e.parameters)
            QVERIFY(std::isfinite(p));
        QCOMPARE(e.x.rows(), 2);
        QCOMPARE(e.x.cols(), samples);
        QCOMPARE(e.targets.rows(), outputs);
        QCOMPARE(e.targets.cols(), samples);
        QCOMPARE(e.labels.size(), std::size_t(samples));
        for (std::uint8_t label : e.labels)
            QVERIFY(label < std::max(outputs, 2));
        // Built twice, the same numbers: the stepper always starts from the same step.
        const StepperExample again = worked ? workedExample() : xorExample();
        QVERIFY(again.parameters == e.parameters);
    }

    void workedExampleHasTheClassicNumbers()
    {
        const StepperExample e = workedExample();
        core::Network net(e.spec);
        std::copy(e.parameters.begin(), e.parameters.end(), net.parameters().begin());
        // W(j, i) is the weight from input i to neuron j: w1..w4 into h1, h2; w5..w8 into o1, o2.
        QCOMPARE(net.weights(0)(0, 0), 0.15f);
        QCOMPARE(net.weights(0)(0, 1), 0.20f);
        QCOMPARE(net.weights(0)(1, 0), 0.25f);
        QCOMPARE(net.weights(0)(1, 1), 0.30f);
        QCOMPARE(net.weights(1)(0, 0), 0.40f);
        QCOMPARE(net.weights(1)(0, 1), 0.45f);
        QCOMPARE(net.weights(1)(1, 0), 0.50f);
        QCOMPARE(net.weights(1)(1, 1), 0.55f);
        for (int j = 0; j < 2; ++j) {
            QCOMPARE(net.bias(0)(j), 0.35f);
            QCOMPARE(net.bias(1)(j), 0.60f);
        }
        QCOMPARE(e.x(0, 0), 0.05f);
        QCOMPARE(e.x(1, 0), 0.10f);
        QCOMPARE(e.targets(0, 0), 0.01f);
        QCOMPARE(e.targets(1, 0), 0.99f);
        // The forward pass by hand: out_h1 = σ(0.15·0.05 + 0.20·0.10 + 0.35), and so on.
        const double h1 = sigmoid(0.15 * 0.05 + 0.20 * 0.10 + 0.35);
        const double h2 = sigmoid(0.25 * 0.05 + 0.30 * 0.10 + 0.35);
        const double o1 = sigmoid(0.40 * h1 + 0.45 * h2 + 0.60);
        const double o2 = sigmoid(0.50 * h1 + 0.55 * h2 + 0.60);
        const auto out = net.predict({e.x.data(), 2});
        QVERIFY(std::abs(out[0] - o1) < 1e-6);
        QVERIFY(std::abs(out[1] - o2) < 1e-6);
        QVERIFY(std::abs(o1 - 0.751365) < 1e-6); // the value printed in the classic walk-through
    }

    void xorHasTheFourCases()
    {
        const StepperExample e = xorExample();
        for (int c = 0; c < 4; ++c) {
            const int a = int(e.x(0, c)), b = int(e.x(1, c));
            QCOMPARE(e.x(0, c), float(a)); // exact 0 or 1
            QCOMPARE(e.x(1, c), float(b));
            QCOMPARE(e.targets(0, c), float(a ^ b));
            QCOMPARE(int(e.labels[std::size_t(c)]), a ^ b);
        }
        // All four input pairs occur once.
        QSet<int> pairs;
        for (int c = 0; c < 4; ++c)
            pairs.insert(int(e.x(0, c)) * 2 + int(e.x(1, c)));
        QCOMPARE(pairs.size(), 4);
        // Random, not zero weights: a zero network cannot break the symmetry of XOR.
        QVERIFY(std::any_of(e.parameters.begin(), e.parameters.begin() + 4,
                            [](float w) { return w != 0.0f; }));
    }

    void oneHotTargets_data()
    {
        QTest::addColumn<int>("label");
        QTest::addColumn<int>("outputs");
        QTest::newRow("3 of 10") << 3 << 10;
        QTest::newRow("0 of 10") << 0 << 10;
        QTest::newRow("9 of 10") << 9 << 10;
    }
    void oneHotTargets()
    {
        QFETCH(int, label);
        QFETCH(int, outputs);
        const core::Matrix t = ui::oneHotTargets(label, outputs, core::LossKind::MeanSquaredError);
        QCOMPARE(t.rows(), outputs);
        QCOMPARE(t.cols(), 1);
        for (int k = 0; k < outputs; ++k)
            QCOMPARE(t(k, 0), k == label ? 1.0f : 0.0f);
        // Cross-entropy learns the label itself: no dense targets.
        QCOMPARE(
            ui::oneHotTargets(label, outputs, core::LossKind::SparseCategoricalCrossentropy).size(),
            0);
    }
};

QTEST_GUILESS_MAIN(TestStepperPresets)
#include "tst_stepperpresets.moc"
