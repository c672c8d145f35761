// SPDX-License-Identifier: GPL-3.0-or-later
// Training on synthetic data: determinism, cancellation, pause, divergence, early stopping.
#include "core/nn/trainer.h"
#include "core/base/error.h"
#include "testsupport.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <numeric>
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

/// Records every epoch's report and the parameters at its end.
class WeightRecorder : public TrainingObserver
{
public:
    void epochFinished(const EpochReport &r, const Network &net) override
    {
        reports.push_back(r);
        weights.emplace_back(net.parameters().begin(), net.parameters().end());
    }
    std::vector<EpochReport> reports;
    std::vector<std::vector<float>> weights;
};

/// n images of n pixels, image i lights pixel i only (255): with plain SGD, training on image i
/// changes column i of the first kernel and no other column, so the weights tell which images
/// the trainer learned from. Labels below classes, from the seed.
Dataset oneHotImages(int n, int classes, std::uint64_t seed)
{
    Dataset d;
    d.name = "one-hot";
    d.rows = 1;
    d.cols = n;
    d.images.assign(std::size_t(n) * std::size_t(n), 0);
    Rng rng(seed);
    for (int i = 0; i < n; ++i) {
        d.images[std::size_t(i) * std::size_t(n) + std::size_t(i)] = 255;
        d.labels.push_back(std::uint8_t(rng.below(std::uint32_t(classes))));
    }
    return d;
}

ModelSpec sgdSpec(int inputs, int classes, float learningRate)
{
    ModelSpec spec;
    spec.inputSize = inputs;
    spec.layers = {{classes, Activation::Softmax}};
    spec.initializer = Initializer::Zeros;
    spec.optimizer = OptimizerSpec::defaultsFor(OptimizerKind::Sgd);
    spec.optimizer.learningRate = learningRate;
    return spec;
}

/// Columns of the first kernel that differ between two parameter vectors.
std::vector<int> changedColumns(const Network &net, std::span<const float> before, std::span<const float> after)
{
    std::vector<int> cols;
    const int rows = net.spec().layers[0].units;
    for (int i = 0; i < net.spec().inputSize; ++i)
        for (int r = 0; r < rows; ++r) {
            const std::size_t k = net.weightOffset(0) + std::size_t(i) * std::size_t(rows) + std::size_t(r);
            if (before[k] != after[k]) {
                cols.push_back(i);
                break;
            }
        }
    return cols;
}

/// With batch size 1 on oneHotImages: the index of the image of every batch, in order.
class OrderRecorder : public TrainingObserver
{
public:
    explicit OrderRecorder(const Network &initial)
        : m_last(initial.parameters().begin(), initial.parameters().end())
    {}
    void batchFinished(const BatchReport &r, const Network &net) override
    {
        const std::vector<int> cols = changedColumns(net, m_last, net.parameters());
        if (cols.size() != 1)
            ++ambiguous;
        else {
            if (int(order.size()) < r.epoch)
                order.emplace_back();
            order[std::size_t(r.epoch - 1)].push_back(cols[0]);
        }
        m_last.assign(net.parameters().begin(), net.parameters().end());
    }
    std::vector<std::vector<int>> order; ///< per epoch
    int ambiguous = 0;

private:
    std::vector<float> m_last;
};

/// A 784-8-10 ReLU network training on data on a worker thread, held by a gate paused before
/// its first batch.
struct PausedRun
{
    PausedRun(const Dataset &data, const TrainConfig &config)
    {
        gate.pause();
        worker = std::jthread([this, &data, config](std::stop_token st) {
            result = train(data, config, ModelSpec::withHidden({8}, Activation::Relu), &obs, st,
                           &gate)
                         .result;
        });
    }

    PauseGate gate;
    CountingObserver obs;
    TrainResult result;
    std::jthread worker; ///< last: stopped and joined before the rest goes
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
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome),
                 tinyml::test::outcomeName(TrainOutcome::Completed));
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
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome),
                 tinyml::test::outcomeName(TrainOutcome::Cancelled));
        QCOMPARE(run.result.steps, 7);
        QCOMPARE(obs.batches.load(), 7);
    }

    void pauseStepAndResumeFromAnotherThread()
    {
        const Dataset data = syntheticDigits(640); // 20 batches
        TrainConfig config;
        config.epochs = 1;
        PausedRun run(data, config);
        QCOMPARE(run.obs.batches.load(), 0); // paused before the first batch
        run.gate.step(3);
        QTRY_COMPARE(run.obs.batches.load(), 3);
        run.gate.step(2);
        QTRY_COMPARE(run.obs.batches.load(), 5);
        run.gate.resume();
        run.worker.join();
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome),
                 tinyml::test::outcomeName(TrainOutcome::Completed));
        QCOMPARE(run.obs.batches.load(), 20);
    }

    void timeWaitedWhilePausedIsCounted()
    {
        const Dataset data = syntheticDigits(320);
        TrainConfig config;
        config.epochs = 1;
        PauseGate running; // never paused: nothing waited
        train(data, config, ModelSpec::withHidden({8}, Activation::Relu), nullptr, {}, &running);
        QCOMPARE(running.waitedSeconds(), 0.0);

        PausedRun run(data, config);
        QTRY_VERIFY(run.gate.waitedSeconds() > 0.0); // the worker is waiting, and it counts
        const double during = run.gate.waitedSeconds();
        QCOMPARE(run.obs.batches.load(), 0);
        run.gate.resume();
        run.worker.join();
        QCOMPARE(run.obs.batches.load(), 10);
        const double after = run.gate.waitedSeconds();
        QVERIFY(after >= during);
        QCOMPARE(run.gate.waitedSeconds(), after); // no longer waiting: the figure stands still
    }

    void pausedAgainAfterTheSteps()
    {
        // Paused from the start, 3 steps, then a stop: the run ends cancelled after exactly the 3
        // steps. A gate that let batches through (at start or after the steps) would have run
        // the whole epoch, far quicker than the stop arrives.
        const Dataset data = syntheticDigits(640);
        TrainConfig config;
        config.epochs = 1;
        PausedRun run(data, config);
        run.gate.step(3);
        QTRY_COMPARE(run.obs.batches.load(), 3);
        run.worker.request_stop();
        run.worker.join();
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome),
                 tinyml::test::outcomeName(TrainOutcome::Cancelled));
        QCOMPARE(run.result.steps, 3);
        QCOMPARE(run.obs.batches.load(), 3);
        QVERIFY(run.gate.isPaused());
    }

    void stopWhilePausedWakesTheWorker()
    {
        const Dataset data = syntheticDigits(320);
        TrainConfig config;
        PausedRun run(data, config);
        // One step: once it is done the worker goes back to the paused gate and waits there.
        run.gate.step(1);
        QTRY_COMPARE(run.obs.batches.load(), 1);
        run.worker.request_stop();
        run.worker.join();
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome),
                 tinyml::test::outcomeName(TrainOutcome::Cancelled));
        QCOMPARE(run.result.steps, 1);
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
        WeightRecorder rec;
        Run run = train(data, config, spec, &rec);
        QCOMPARE(tinyml::test::outcomeName(run.result.outcome), tinyml::test::outcomeName(TrainOutcome::EarlyStopped));
        QVERIFY(run.result.history.size() < 200);
        QCOMPARE(rec.reports.size(), run.result.history.size());
        // The best epoch is the first one with the lowest validation loss, found here
        // independently, and it is not the last: restoring matters.
        std::size_t best = 0;
        for (std::size_t e = 1; e < rec.reports.size(); ++e)
            if (rec.reports[e].valLoss < rec.reports[best].valLoss)
                best = e;
        QCOMPARE(run.result.bestEpoch, int(best) + 1);
        QCOMPARE(int(run.result.history.size()), run.result.bestEpoch + 3);
        QVERIFY(rec.weights[best] != rec.weights.back());
        // The network holds exactly the best epoch's weights, bit for bit ...
        QVERIFY(std::equal(run.net.parameters().begin(), run.net.parameters().end(), rec.weights[best].begin(),
                           rec.weights[best].end()));
        // ... so its loss on the validation images (the last 40 of the 100) is the best one, exactly.
        std::vector<std::uint32_t> valIdx(40);
        std::iota(valIdx.begin(), valIdx.end(), 60u);
        const Evaluation ev = evaluate(run.net, data, valIdx);
        QCOMPARE(ev.loss, rec.reports[best].valLoss);
        QCOMPARE(ev.loss, run.result.history[best].valLoss);
    }

    void validationSplitIsExactlyTheLastFraction_data()
    {
        QTest::addColumn<int>("images");
        QTest::addColumn<float>("split");
        QTest::addColumn<int>("subset");
        QTest::addColumn<int>("validation");
        QTest::newRow("50 x 0.2") << 50 << 0.2f << 0 << 10;
        QTest::newRow("30 x 0.3") << 30 << 0.3f << 0 << 9;
        QTest::newRow("subset 40 of 60, 0.25") << 60 << 0.25f << 40 << 10;
        // Keras trains on the first floor(n * (1 - split)) images: 37 * 0.7 = 25.9 -> 25 train,
        // 12 validate (rounding 37 * 0.3 = 11.1 would give 11).
        QTest::newRow("37 x 0.3, Keras's floor") << 37 << 0.3f << 0 << 12;
        QTest::newRow("41 x 0.1, Keras's floor") << 41 << 0.1f << 0 << 5;
    }
    void validationSplitIsExactlyTheLastFraction()
    {
        QFETCH(int, images);
        QFETCH(float, split);
        QFETCH(int, subset);
        QFETCH(int, validation);
        const Dataset data = oneHotImages(images, 3, 5);
        const int used = subset > 0 ? subset : images;
        const int firstVal = used - validation;
        TrainConfig config;
        config.epochs = 2;
        config.batchSize = 4;
        config.validationSplit = split;
        config.trainSubset = subset;
        const ModelSpec spec = sgdSpec(images, 3, 0.1f);
        Network net(spec);
        net.initialize(1);
        const std::vector<float> initial(net.parameters().begin(), net.parameters().end());
        Optimizer opt(spec.optimizer, net.parameters().size());
        Trainer trainer(net, opt, config, data);
        QCOMPARE(int(trainer.validationSize()), validation);
        QCOMPARE(int(trainer.trainingSize()), firstVal);

        // Validates on exactly images firstVal..used-1: at every epoch end, the reported
        // validation loss is the loss on those images, bit for bit.
        class Check : public TrainingObserver
        {
        public:
            Check(const Dataset &d, int from, int to)
                : data(d)
            {
                for (int i = from; i < to; ++i)
                    idx.push_back(std::uint32_t(i));
            }
            void epochFinished(const EpochReport &r, const Network &net) override
            {
                const Evaluation ev = evaluate(net, data, idx);
                ok = ok && r.hasValidation && r.valLoss == ev.loss && r.valAccuracy == ev.accuracy;
                ++epochs;
            }
            const Dataset &data;
            std::vector<std::uint32_t> idx;
            bool ok = true;
            int epochs = 0;
        } check(data, firstVal, used);
        const TrainResult result = trainer.run({}, &check);
        QCOMPARE(check.epochs, 2);
        QVERIFY(check.ok);
        // Trains on every image before the split and never on one after it: only the columns
        // of the training images moved.
        std::vector<int> expected(static_cast<std::size_t>(firstVal));
        std::iota(expected.begin(), expected.end(), 0);
        QCOMPARE(changedColumns(net, initial, net.parameters()), expected);
        QCOMPARE(result.steps, std::int64_t(2 * ((firstVal + 3) / 4)));
    }

    void shuffleIsAnUnbiasedPermutation()
    {
        // 6 one-hot images, batch size 1, plain SGD: each batch moves exactly one weight column,
        // which tells the order in which the trainer took the images, epoch after epoch.
        constexpr int kN = 6, kEpochs = 3000;
        const Dataset data = oneHotImages(kN, 2, 3);
        TrainConfig config;
        config.epochs = kEpochs;
        config.batchSize = 1;
        config.seed = 2024;
        const ModelSpec spec = sgdSpec(kN, 2, 1e-4f); // small steps: every update stays visible
        Network net(spec);
        net.initialize(1);
        Optimizer opt(spec.optimizer, net.parameters().size());
        OrderRecorder rec(net);
        Trainer(net, opt, config, data).run({}, &rec);
        QCOMPARE(rec.ambiguous, 0);
        QCOMPARE(int(rec.order.size()), kEpochs);
        // Every epoch takes every image exactly once.
        for (const auto &epoch : rec.order) {
            std::vector<int> sorted = epoch;
            std::sort(sorted.begin(), sorted.end());
            std::vector<int> all(kN);
            std::iota(all.begin(), all.end(), 0);
            QCOMPARE(sorted, all);
        }
        // Each epoch's shuffle, seen from the previous order (the first from 0..5): where does the
        // image at position p go? Uniform over the kN positions, for every p, independently of the
        // past; so also a chi-square over the 36 cells (df 30; mean 30, sd 7.7) must stay small,
        // and the images that keep their place number kEpochs (one per epoch on average).
        std::vector<std::vector<int>> moves(kN, std::vector<int>(kN, 0));
        std::vector<int> previous(kN);
        std::iota(previous.begin(), previous.end(), 0);
        int fixedPoints = 0;
        for (const auto &epoch : rec.order) {
            for (int p = 0; p < kN; ++p) {
                const int image = previous[std::size_t(p)];
                const int q = int(std::find(epoch.begin(), epoch.end(), image) - epoch.begin());
                moves[std::size_t(p)][std::size_t(q)]++;
                fixedPoints += p == q;
            }
            previous = epoch;
        }
        const double expected = double(kEpochs) / kN;
        double chi2 = 0.0;
        for (const auto &row : moves)
            for (int count : row)
                chi2 += (count - expected) * (count - expected) / expected;
        QVERIFY2(chi2 < 30.0 + 5.0 * 7.75, qPrintable(QStringLiteral("chi-square %1").arg(chi2)));
        QVERIFY2(std::abs(fixedPoints - kEpochs) < 5.0 * std::sqrt(double(kEpochs)),
                 qPrintable(QStringLiteral("%1 images kept their place").arg(fixedPoints)));
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

    void confusionRowIsTheTrueLabel()
    {
        // 3 inputs, 3 softmax outputs, W = 10 I: an image lighting pixel k is predicted as k.
        ModelSpec spec;
        spec.inputSize = 3;
        spec.layers = {{3, Activation::Softmax}};
        Network net(spec);
        net.initialize(1);
        net.weights(0).setIdentity();
        net.weights(0) *= 10.0f;
        net.bias(0).setZero();
        // (true, predicted): 4 x (0, 0), 2 x (0, 1), 3 x (1, 1), 1 x (2, 0), 5 x (2, 2).
        const std::vector<std::pair<int, int>> cases{{0, 0}, {0, 1}, {0, 0}, {1, 1}, {2, 0}, {0, 0}, {1, 1}, {2, 2},
                                                     {0, 1}, {2, 2}, {0, 0}, {2, 2}, {1, 1}, {2, 2}, {2, 2}};
        Dataset data;
        data.rows = 1;
        data.cols = 3;
        for (const auto &[truth, predicted] : cases) {
            for (int p = 0; p < 3; ++p)
                data.images.push_back(p == predicted ? 255 : 0);
            data.labels.push_back(std::uint8_t(truth));
        }
        std::vector<std::uint8_t> predictions;
        const Evaluation ev = evaluate(net, data, {}, &predictions);
        const int expected[3][3] = {{4, 2, 0}, {0, 3, 0}, {1, 0, 5}}; // row: true, column: predicted
        for (int t = 0; t < 3; ++t)
            for (int p = 0; p < 3; ++p)
                QVERIFY2(ev.count(t, p) == expected[t][p],
                         qPrintable(QStringLiteral("true %1 predicted %2: %3").arg(t).arg(p).arg(ev.count(t, p))));
        QCOMPARE(ev.confusion[0 * 3 + 1], 2); // row-major: [true * classes + predicted]
        QCOMPARE(ev.accuracy, 12.0 / 15.0);
        for (std::size_t i = 0; i < cases.size(); ++i)
            QCOMPARE(int(predictions[i]), cases[i].second);
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
