// SPDX-License-Identifier: GPL-3.0-or-later
// The verdict an experiment shows at its end: matched or not, with the run's own figures.
#include "ui/learn/experiments.h"

#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

namespace {

core::EpochReport epoch(double accuracy, double valAccuracy, double valLoss, double loss = 0.1)
{
    core::EpochReport e;
    e.accuracy = accuracy;
    e.loss = loss;
    e.hasValidation = true;
    e.valAccuracy = valAccuracy;
    e.valLoss = valLoss;
    return e;
}

} // namespace

class TestExperimentVerdict : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English)); }

    void overfittingWithTheFigures()
    {
        // Validation loss lowest at epoch 2 (0.300), ends at 0.450: 50 % above; gap 100 - 89 = 11 points.
        ExperimentRun run{core::TrainOutcome::Completed,
                          {epoch(0.90, 0.88, 0.40), epoch(0.97, 0.90, 0.300), epoch(1.0, 0.89, 0.450)},
                          0.895};
        const ExperimentVerdict v = judgeExperiment(Experiment::Id::Overfitting, run);
        QVERIFY(v.matched);
        QVERIFY2(v.explanation.startsWith(QStringLiteral("As expected")), qPrintable(v.explanation));
        QVERIFY(v.explanation.contains(QStringLiteral("100.0 %")));
        QVERIFY(v.explanation.contains(QStringLiteral("89.0 %")));
        QVERIFY(v.explanation.contains(QStringLiteral("11.0 points")));
        QVERIFY(v.explanation.contains(QStringLiteral("epoch 2 (0.300)")));
        QVERIFY(v.explanation.contains(QStringLiteral("0.450")));

        // The same run with a flat validation loss did not overfit visibly.
        run.history.back().valLoss = 0.31;
        const ExperimentVerdict flat = judgeExperiment(Experiment::Id::Overfitting, run);
        QVERIFY(!flat.matched);
        QVERIFY(flat.explanation.startsWith(QStringLiteral("Not as expected")));
    }

    void aStoppedRunCannotShowIt()
    {
        const ExperimentRun run{core::TrainOutcome::Cancelled, {epoch(0.9, 0.9, 0.3)}, 0.0};
        const ExperimentVerdict v = judgeExperiment(Experiment::Id::SmallModel, run);
        QVERIFY(!v.matched);
        QVERIFY(v.explanation.contains(QStringLiteral("did not complete")));
        QVERIFY(v.explanation.contains(QStringLiteral("“stopped”")));
    }

    void divergenceAndEarlyStopping()
    {
        QVERIFY(judgeExperiment(Experiment::Id::LearningRateHigh, {core::TrainOutcome::Diverged, {}, 0.1}).matched);
        const ExperimentVerdict calm =
            judgeExperiment(Experiment::Id::LearningRateHigh, {core::TrainOutcome::Completed, {epoch(0.9, 0, 0)}, 0.9});
        QVERIFY(!calm.matched);
        QVERIFY(calm.explanation.contains(QStringLiteral("did not diverge")));

        // Stopped after epoch 5; lowest validation loss at epoch 2: those weights were restored.
        const ExperimentRun early{core::TrainOutcome::EarlyStopped,
                                  {epoch(0.9, 0.88, 0.5), epoch(0.95, 0.89, 0.35), epoch(0.98, 0.89, 0.37),
                                   epoch(0.99, 0.89, 0.40), epoch(1.0, 0.88, 0.45)},
                                  0.89};
        const ExperimentVerdict v = judgeExperiment(Experiment::Id::EarlyStopping, early);
        QVERIFY(v.matched);
        QVERIFY2(v.explanation.contains(QStringLiteral("after epoch 5 of 40")), qPrintable(v.explanation));
        QVERIFY(v.explanation.contains(QStringLiteral("weights of epoch 2")));
    }

    void dropoutNeedsItsBaseline()
    {
        const ExperimentRun dropout{core::TrainOutcome::Completed, {epoch(0.95, 0.9, 0.35), epoch(0.97, 0.91, 0.33)}, 0.9};
        const ExperimentVerdict alone = judgeExperiment(Experiment::Id::Dropout, dropout, nullptr);
        QVERIFY(!alone.matched);
        QVERIFY(alone.explanation.contains(QStringLiteral("Overfitting")));
        const ExperimentRun overfit{core::TrainOutcome::Completed, {epoch(0.97, 0.9, 0.34), epoch(1.0, 0.89, 0.45)}, 0.89};
        const ExperimentVerdict v = judgeExperiment(Experiment::Id::Dropout, dropout, &overfit);
        QVERIFY(v.matched);
        QVERIFY(v.explanation.contains(QStringLiteral("0.330 with dropout against 0.340 without")));
        QVERIFY(v.explanation.contains(QStringLiteral("at the end 0.330 against 0.450")));
    }

    void germanNumbers()
    {
        QLocale::setDefault(QLocale(QLocale::German));
        const ExperimentRun run{core::TrainOutcome::Completed, {epoch(0.94, 0, 0)}, 0.9412};
        const ExperimentVerdict v = judgeExperiment(Experiment::Id::SmallModel, run);
        QVERIFY(v.matched);
        QVERIFY2(v.explanation.contains(QStringLiteral("94,1 %")), qPrintable(v.explanation));
        QLocale::setDefault(QLocale(QLocale::English));
    }
};

QTEST_GUILESS_MAIN(TestExperimentVerdict)
#include "tst_experimentverdict.moc"
