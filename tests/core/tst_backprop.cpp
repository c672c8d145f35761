// SPDX-License-Identifier: GPL-3.0-or-later
// The worked 2-2-2 example of docs/facts.md §4, to six digits, through the engine itself.
#include "core/nn/network.h"
#include "core/nn/optimizer.h"

#include <QTest>

using namespace tinyml::core;

class TestBackprop : public QObject
{
    Q_OBJECT

private slots:
    void workedExample()
    {
        ModelSpec spec;
        spec.inputSize = 2;
        spec.layers = {{2, Activation::Sigmoid}, {2, Activation::Sigmoid}};
        spec.loss = LossKind::MeanSquaredError; // Keras MSE over 2 outputs = ½Σ(t − o)²
        spec.optimizer = OptimizerSpec::defaultsFor(OptimizerKind::Sgd);
        spec.optimizer.learningRate = 0.5f;
        Network net(spec);
        // W (units, inputs): row = the neuron fed, column = the input it comes from.
        net.weights(0) << 0.15f, 0.20f, 0.25f, 0.30f; // w1 w2 / w3 w4
        net.bias(0).setConstant(0.35f);
        net.weights(1) << 0.40f, 0.45f, 0.50f, 0.55f; // w5 w6 / w7 w8
        net.bias(1).setConstant(0.60f);

        Matrix X(2, 1);
        X << 0.05f, 0.10f;
        Matrix T(2, 1);
        T << 0.01f, 0.99f;
        Workspace ws(spec, 1);
        net.forward(X, ws);
        QCOMPARE(qRound64(ws.a(0)(0, 0) * 1e6), 593270);
        QCOMPARE(qRound64(ws.a(1)(0, 0) * 1e6), 751365);
        QCOMPARE(qRound64(ws.a(1)(1, 0) * 1e6), 772928);
        const LossValue e = net.backward(X, {{}, &T}, ws);
        QCOMPARE(qRound64(e.loss * 1e6), 298371);
        const float dW5 = ws.gradients()[net.weightOffset(1)]; // (row 0, column 0) of W2
        QCOMPARE(qRound64(dW5 * 1e6), 82167);

        Optimizer sgd(spec.optimizer, net.parameters().size());
        sgd.step(net.parameters(), ws.gradients());
        QCOMPARE(qRound64(net.weights(1)(0, 0) * 1e6), 358916);
        QCOMPARE(qRound64(net.weights(0)(0, 0) * 1e6), 149781);
    }
};

QTEST_GUILESS_MAIN(TestBackprop)
#include "tst_backprop.moc"
