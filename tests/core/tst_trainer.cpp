// SPDX-License-Identifier: GPL-3.0-or-later
// Training on synthetic data: determinism, cancellation, pause, divergence, early stopping.
#include "core/nn/trainer.h"
#include "core/base/error.h"
#include "testsupport.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace tinyml::core;
using tinyml::test::syntheticDigits;

namespace {

struct Run
{
    Network net;
    TrainResult result;
};

Run train(const Dataset &data, TrainConfig config, ModelSpec spec = ModelSpec::withHidden({32}, Activation::Relu),
          TrainingObserver *observer = nullptr, std::stop_token stop = {}, PauseGate *gate = nullptr)
{
    Network net(spec);
    net.initialize(config.seed);
    Optimizer opt(spec.optimizer, net.parameters().size());
    Trainer trainer(net, opt, config, data);
    TrainResult r = trainer.run(stop, observer, gate);
    return {std::move(net), std::move(r)};
}

/// Counts batches; requests a stop after `stopAfter` of them.
class CountingObserver : public TrainingObserver
{
public:
    explicit CountingObserver(std::stop_source *source = nullptr, int stopAfter = 0)
        : m_source(source)
        , m_stopAfter(stopAfter)
    {}
    void batchFinished(const BatchReport &r, const Network &) override
    {
        batches++;
        lastBatch = r;
        if (m_source && batches == m_stopAfter)
            m_source->request_stop();
    }
    void epochFinished(const EpochReport &r, const Network &) override { epochs.push_back(r); }

    std::atomic<int> batches{0};
    BatchReport lastBatch;
    std::vector<EpochReport> epochs;

private:
    std::stop_source *m_source;
    int m_stopAfter;
};

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

private slots:
    void learnsSyntheticDigits()
    {
        const Dataset data = syntheticDigits(2000);
        TrainConfig config;
        config.epochs = 3;
        config.validationSplit = 0.2f;
        CountingObserver obs;
        Run run = train(data, config, ModelSpec::withHidden({32}, Activation::Relu), &obs);
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome), tinyml::test::outcomeName(TrainOutcome::Completed));
        QCOMPARE(int(obs.epochs.size()), 3);
        QCOMPARE(obs.batches.load(), 3 * 50); // 1600 training images / 32
        QVERIFY(obs.epochs.back().hasValidation);
        QVERIFY2(obs.epochs.back().valAccuracy > 0.95, qPrintable(QString::number(obs.epochs.back().valAccuracy)));
        QVERIFY(obs.epochs.back().loss < obs.epochs.front().loss);
    }

    void fixedSeedIsBitIdentical()
    {
        const Dataset data = syntheticDigits(500);
        TrainConfig config;
        config.epochs = 2;
        config.seed = 9;
        ModelSpec spec = ModelSpec::withHidden({24}, Activation::Tanh);
        spec.dropout = 0.3f;
        config.augment = true;
        const Run a = train(data, config, spec);
        const Run b = train(data, config, spec);
        QVERIFY(std::equal(a.net.parameters().begin(), a.net.parameters().end(), b.net.parameters().begin()));
        config.seed = 10;
        const Run c = train(data, config, spec);
        QVERIFY(!std::equal(a.net.parameters().begin(), a.net.parameters().end(), c.net.parameters().begin()));
    }

    void cancellationIsAReturnValue()
    {
        const Dataset data = syntheticDigits(1000);
        TrainConfig config;
        config.epochs = 5;
        std::stop_source source;
        CountingObserver obs(&source, 7);
        Run run = train(data, config, ModelSpec::withHidden({16}, Activation::Relu), &obs, source.get_token());
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome), tinyml::test::outcomeName(TrainOutcome::Cancelled));
        QCOMPARE(run.result.steps, 7);
        QCOMPARE(obs.batches.load(), 7);
    }

    void pauseStepAndResumeFromAnotherThread()
    {
        const Dataset data = syntheticDigits(640); // 20 batches
        TrainConfig config;
        config.epochs = 1;
        PauseGate gate;
        gate.pause();
        CountingObserver obs;
        TrainResult result;
        std::jthread worker([&](std::stop_token st) {
            result = train(data, config, ModelSpec::withHidden({8}, Activation::Relu), &obs, st, &gate).result;
        });
        QTest::qWait(100);
        QCOMPARE(obs.batches.load(), 0); // paused before the first batch
        gate.step(3);
        QTRY_COMPARE(obs.batches.load(), 3);
        QTest::qWait(50);
        QCOMPARE(obs.batches.load(), 3); // paused again after the steps
        gate.resume();
        worker.join();
        QCOMPARE(tinyml::test::outcomeName(result.outcome), tinyml::test::outcomeName(TrainOutcome::Completed));
        QCOMPARE(obs.batches.load(), 20);
    }

    void stopWhilePausedWakesTheWorker()
    {
        const Dataset data = syntheticDigits(320);
        TrainConfig config;
        PauseGate gate;
        gate.pause();
        TrainResult result;
        std::jthread worker([&](std::stop_token st) {
            result = train(data, config, ModelSpec::withHidden({8}, Activation::Relu), nullptr, st, &gate).result;
        });
        QTest::qWait(50);
        worker.request_stop();
        worker.join();
        QCOMPARE(tinyml::test::outcomeName(result.outcome), tinyml::test::outcomeName(TrainOutcome::Cancelled));
    }

    void hugeLearningRateDiverges()
    {
        const Dataset data = syntheticDigits(1000);
        TrainConfig config;
        config.epochs = 3;
        ModelSpec spec = ModelSpec::withHidden({32}, Activation::Relu);
        spec.optimizer = OptimizerSpec::defaultsFor(OptimizerKind::Sgd);
        spec.optimizer.learningRate = 1e4f;
        Run run = train(data, config, spec);
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome), tinyml::test::outcomeName(TrainOutcome::Diverged));
        QVERIFY(run.net.isFinite()); // the last good weights are kept
    }

    void earlyStoppingRestoresBest()
    {
        // 60 images, a big network and many epochs: the validation loss soon gets worse.
        const Dataset data = syntheticDigits(300);
        TrainConfig config;
        config.epochs = 200;
        config.trainSubset = 100;
        config.validationSplit = 0.4f;
        config.earlyStoppingPatience = 3;
        ModelSpec spec = ModelSpec::withHidden({128}, Activation::Relu);
        spec.optimizer.learningRate = 0.01f;
        CountingObserver obs;
        Run run = train(data, config, spec, &obs);
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome), tinyml::test::outcomeName(TrainOutcome::EarlyStopped));
        QVERIFY(run.result.history.size() < 200);
        QCOMPARE(int(run.result.history.size()), run.result.bestEpoch + 3);
        // The network holds the best epoch's weights: its validation loss is the best one.
        const auto &best = run.result.history[std::size_t(run.result.bestEpoch - 1)];
        std::vector<std::uint32_t> valIdx(40);
        std::iota(valIdx.begin(), valIdx.end(), 60u);
        const Evaluation ev = evaluate(run.net, data, valIdx);
        QVERIFY(std::abs(ev.loss - best.valLoss) < 1e-6);
    }

    void confusionMatrixCountsEveryImage()
    {
        const Dataset data = syntheticDigits(1234);
        Network net(ModelSpec::courseModel());
        net.initialize(1);
        std::vector<std::uint8_t> predictions;
        const Evaluation ev = evaluate(net, data, {}, &predictions);
        int total = 0, diagonal = 0;
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 10; ++c) {
                total += ev.count(r, c);
                diagonal += r == c ? ev.count(r, c) : 0;
            }
        QCOMPARE(total, 1234);
        QCOMPARE(double(diagonal) / 1234.0, ev.accuracy);
        QCOMPARE(predictions.size(), std::size_t(1234));
    }

    void rejectsImpossibleSettings()
    {
        const Dataset data = syntheticDigits(10);
        Network net(ModelSpec::courseModel());
        Optimizer opt(net.spec().optimizer, net.parameters().size());
        TrainConfig bad;
        bad.batchSize = 0;
        QVERIFY_THROWS_EXCEPTION(Error, Trainer(net, opt, bad, data));
        TrainConfig split;
        split.validationSplit = 0.99f;
        QVERIFY_THROWS_EXCEPTION(Error, Trainer(net, opt, split, syntheticDigits(1)));
        ModelSpec tooBig = ModelSpec::withHidden({1 << 20}, Activation::Relu);
        QVERIFY_THROWS_EXCEPTION(Error, Network{tooBig});
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
