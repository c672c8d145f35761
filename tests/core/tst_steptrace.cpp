// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/steptrace.h"
#include "core/nn/trainer.h"
#include "testsupport.h"

#include <QTest>

using namespace tinyml::core;
Q_DECLARE_METATYPE(tinyml::core::OptimizerKind)

class TestStepTrace : public QObject
{
    Q_OBJECT

private slots:
    // The trace is the engine's own step: a Trainer on the same single image ends bit-identical.
    void equalsTheTrainersStepBitForBit_data()
    {
        QTest::addColumn<OptimizerKind>("optimizer");
        QTest::newRow("sgd") << OptimizerKind::Sgd;
        QTest::newRow("momentum") << OptimizerKind::Momentum;
        QTest::newRow("rmsprop") << OptimizerKind::RmsProp;
        QTest::newRow("adam") << OptimizerKind::Adam;
    }
    void equalsTheTrainersStepBitForBit()
    {
        QFETCH(OptimizerKind, optimizer);
        const Dataset one = tinyml::test::syntheticDigits(1, 4);
        ModelSpec spec = ModelSpec::withHidden({20, 12}, Activation::Tanh);
        spec.optimizer = OptimizerSpec::defaultsFor(optimizer);
        spec.l2 = 0.001f;
        Network viaTrainer(spec), viaTrace(spec);
        viaTrainer.initialize(8);
        viaTrace.initialize(8);
        Optimizer a(spec.optimizer, viaTrainer.parameters().size()), b(spec.optimizer, viaTrace.parameters().size());
        TrainConfig config;
        config.epochs = 1;
        config.batchSize = 1;
        Trainer(viaTrainer, a, config, one).run();

        Matrix X(784, 1);
        const std::uint32_t first = 0;
        fillBatch(one, {&first, 1}, MatrixMap(X.data(), 784, 1), nullptr); // as the Trainer fills batches
        const std::uint8_t label = one.labels[0];
        const StepTrace t = traceStep(viaTrace, b, X, {{&label, 1}, nullptr}, true);
        QVERIFY(t.applied);
        QVERIFY(std::equal(viaTrainer.parameters().begin(), viaTrainer.parameters().end(), viaTrace.parameters().begin()));
        QCOMPARE(t.parametersAfter.size(), t.parametersBefore.size());
        QCOMPARE(t.iteration, 1);
        // The recorded forward pass is the network's.
        Workspace ws(spec, 1);
        Network before(spec);
        before.initialize(8);
        before.forward(X, ws);
        for (std::size_t l = 0; l < before.layerCount(); ++l)
            QVERIFY(t.a[l] == Matrix(ws.a(l)));
        // dW = δ aᵀ, db = δ, layer by layer.
        QVERIFY((t.dW[0] - (t.delta[0] * X.transpose() + 2.0f * spec.l2 * before.weights(0))).cwiseAbs().maxCoeff() < 1e-6f);
        QVERIFY((t.db[1] - t.delta[1].col(0)).cwiseAbs().maxCoeff() < 1e-7f);
    }
};

QTEST_GUILESS_MAIN(TestStepTrace)
#include "tst_steptrace.moc"
