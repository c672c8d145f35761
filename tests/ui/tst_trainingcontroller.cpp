// SPDX-License-Identifier: GPL-3.0-or-later
// The training worker on its real QThread, observed through queued signals.
#include "testsupport.h"

#include "ui/train/trainingcontroller.h"

#include <QSignalSpy>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

namespace {
TrainingJob job(int images, int epochs)
{
    TrainingJob j;
    j.spec = core::ModelSpec::withHidden({32}, core::Activation::Relu);
    j.config.epochs = epochs;
    j.train = std::make_shared<const core::Dataset>(test::syntheticDigits(std::size_t(images), 1));
    j.test = std::make_shared<const core::Dataset>(test::syntheticDigits(300, 2));
    return j;
}
} // namespace

class TestTrainingController : public QObject
{
    Q_OBJECT

private slots:
    void runsOnItsOwnThreadAndReports()
    {
        TrainingController controller;
        QSignalSpy epochs(&controller, &TrainingController::epochDone);
        QSignalSpy batches(&controller, &TrainingController::batchesDone);
        QSignalSpy done(&controller, &TrainingController::runDone);
        Qt::HANDLE worker = nullptr;
        connect(&controller, &TrainingController::epochDone, this,
                [&] { worker = QThread::currentThreadId(); });
        controller.start(job(2000, 3));
        QVERIFY(controller.isRunning());
        QVERIFY(done.wait(20000));
        QCOMPARE(worker, QThread::currentThreadId()); // delivered on the GUI thread
        QCOMPARE(epochs.count(), 3);
        QVERIFY(batches.count() >= 3); // at least the last batch of every epoch
        // Every batch's loss arrives exactly once, in order.
        std::int64_t expected = 1, total = 0;
        for (const auto &args : batches) {
            const auto s = args.at(0).value<BatchSnapshotPtr>();
            QCOMPARE(s->firstStep, expected);
            expected += std::int64_t(s->batchLosses.size());
            total += std::int64_t(s->batchLosses.size());
        }
        QCOMPARE(total, 3 * 63); // ceil(2000 / 32) batches per epoch
        const auto e = epochs.last().at(0).value<EpochSnapshotPtr>();
        QCOMPARE(e->report.epoch, 3);
        QVERIFY(e->network);
        const auto r = done.at(0).at(0).value<RunSnapshotPtr>();
        QCOMPARE(test::outcomeName(r->outcome), test::outcomeName(core::TrainOutcome::Completed));
        QCOMPARE(r->test.classes, 10); // a completed run is evaluated on the test set
        QVERIFY(r->test.accuracy > 0.9);
        QVERIFY(r->model && r->model->optimizer);
        QVERIFY(r->model->info.count("test_accuracy") == 1);
        QVERIFY(!controller.isRunning());
    }

    void theLearnersDrawingsAreScoredAtTheEnd()
    {
        // 25 "drawings" whose labels are shifted by one: a model that learnt the digits gets
        // (almost) all of them wrong, so their score is not the test set's copied over.
        core::Dataset drawings = test::syntheticDigits(25, 3);
        for (auto &label : drawings.labels)
            label = std::uint8_t((label + 1) % 10);
        TrainingJob j = job(2000, 2);
        j.own = std::make_shared<const core::Dataset>(drawings);
        TrainingController controller;
        QSignalSpy done(&controller, &TrainingController::runDone);
        controller.start(j);
        QVERIFY(done.wait(20000));
        const auto r = done.at(0).at(0).value<RunSnapshotPtr>();
        QCOMPARE(r->test.classes, 10);
        QVERIFY(r->test.accuracy > 0.9);
        QCOMPARE(r->own.classes, 10);
        // The score counts the trained model's own answers on those 25 images.
        int right = 0;
        for (std::size_t i = 0; i < drawings.size(); ++i) {
            const auto scores = r->model->network.predict(test::inputOf(drawings, i));
            const auto best = std::max_element(scores.begin(), scores.end()) - scores.begin();
            right += int(best) == int(drawings.labels[i]) ? 1 : 0;
        }
        QCOMPARE(r->own.accuracy, double(right) / 25.0);
        QVERIFY(r->own.accuracy < 0.5);
    }

    void pauseResumeAndStep()
    {
        TrainingController controller;
        QSignalSpy batches(&controller, &TrainingController::batchesDone);
        QSignalSpy done(&controller, &TrainingController::runDone);
        controller.start(job(3200, 2), true); // starts paused
        // While paused every batch is reported at once, in its own snapshot. So if any batch ran
        // before a step, the snapshot after that step would not be that step's batch alone.
        auto expectExactlyOneBatch = [&](std::int64_t step) {
            QVERIFY(batches.wait(5000));
            QCOMPARE(batches.count(), int(step));
            const auto s = batches.last().at(0).value<BatchSnapshotPtr>();
            QCOMPARE(s->firstStep, step);
            QCOMPARE(s->batchLosses.size(), std::size_t(1));
            QCOMPARE(s->last.step, step);
        };
        for (std::int64_t step = 1; step <= 3; ++step) {
            controller.step();
            expectExactlyOneBatch(step);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(controller.isPaused()); // still paused after each step
        }
        controller.resume();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.at(0).at(0).value<RunSnapshotPtr>()->result.steps, 2 * 100);
        // Every batch was reported exactly once, in order, across pause, steps and resume.
        std::int64_t expected = 1;
        for (const auto &args : batches) {
            const auto s = args.at(0).value<BatchSnapshotPtr>();
            QCOMPARE(s->firstStep, expected);
            expected += std::int64_t(s->batchLosses.size());
        }
        QCOMPARE(expected, std::int64_t(2 * 100 + 1));
    }

    void stopWhilePausedBeforeTheFirstBatch()
    {
        TrainingController controller;
        QSignalSpy batches(&controller, &TrainingController::batchesDone);
        QSignalSpy done(&controller, &TrainingController::runDone);
        controller.start(job(3200, 2), true);
        controller.stop();
        QVERIFY(done.wait(5000));
        const auto r = done.at(0).at(0).value<RunSnapshotPtr>();
        QCOMPARE(test::outcomeName(r->outcome), test::outcomeName(core::TrainOutcome::Cancelled));
        QCOMPARE(r->result.steps, std::int64_t(0)); // no batch ran
        QCOMPARE(batches.count(), 0);
        QCOMPARE(r->test.classes, 0);
        QVERIFY(!controller.isRunning());
    }

    void stopEndsTheRunPromptly()
    {
        TrainingController controller;
        QSignalSpy batches(&controller, &TrainingController::batchesDone);
        QSignalSpy done(&controller, &TrainingController::runDone);
        controller.start(job(20000, 1000));
        QVERIFY(batches.wait(5000));
        // How fast it stops is measured by `tinyml-studio --benchmark-close`, not here.
        controller.stop();
        QVERIFY(done.wait(10000));
        const auto r = done.at(0).at(0).value<RunSnapshotPtr>();
        QCOMPARE(test::outcomeName(r->outcome), test::outcomeName(core::TrainOutcome::Cancelled));
        QVERIFY(r->model); // what was learnt so far is kept
        // A stopped run ends without the final evaluation on the test set.
        QCOMPARE(r->test.classes, 0);
        QVERIFY(r->model->info.count("test_accuracy") == 0);
    }

    void shutdownWhilePausedMidRun()
    {
        auto *controller = new TrainingController;
        QSignalSpy batches(controller, &TrainingController::batchesDone);
        controller->start(job(20000, 1000));
        QVERIFY(batches.wait(5000));
        controller->pause();
        QVERIFY(controller->shutdown(10000)); // the 1 s budget is measured by the benchmark
        delete controller;
    }

    void reportsErrorsInsteadOfCrashing()
    {
        TrainingController controller;
        QSignalSpy done(&controller, &TrainingController::runDone);
        TrainingJob bad = job(100, 1);
        bad.config.batchSize = 0;
        controller.start(bad);
        QVERIFY(done.wait(5000));
        QVERIFY(!done.at(0).at(0).value<RunSnapshotPtr>()->error.isEmpty());
    }
};

QTEST_MAIN(TestTrainingController)
#include "tst_trainingcontroller.moc"
