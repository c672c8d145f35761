// SPDX-License-Identifier: GPL-3.0-or-later
// The verdict an experiment shows at its end: matched or not, with the run's own figures.
#include "ui/learn/experiments.h"
#include "ui/shared/englishplurals.h"

#include <QCoreApplication>

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

    void convolutionVerdicts_data()
    {
        QTest::addColumn<int>("id");
        QTest::addColumn<double>("accuracy");
        QTest::addColumn<double>("baseline"); // the small CNN's test accuracy; < 0: no baseline
        QTest::addColumn<bool>("matched");
        QTest::addColumn<QString>("words");
        const int cnn = int(Experiment::Id::SmallCnn), course = int(Experiment::Id::CourseSameData),
                  noPool = int(Experiment::Id::NoPooling), one = int(Experiment::Id::OneFilter);
        QTest::newRow("small CNN good") << cnn << 0.975 << -1.0 << true << QStringLiteral("97.5 % on the test set with 5,258 parameters");
        QTest::newRow("small CNN short") << cnn << 0.935 << -1.0 << false << QStringLiteral("at least 94 %");
        QTest::newRow("course below the CNN") << course << 0.955 << 0.975 << true << QStringLiteral("95.5 % on the test set against the small CNN's 97.5 %");
        QTest::newRow("course above the CNN") << course << 0.98 << 0.975 << false << QStringLiteral("expected: below the small CNN");
        QTest::newRow("course without the CNN run") << course << 0.955 << -1.0 << false << QStringLiteral("run “Small CNN” first");
        QTest::newRow("no pooling, a little better") << noPool << 0.984 << 0.975 << true << QStringLiteral("98.4 % on the test set without pooling against 97.5 %");
        QTest::newRow("no pooling, over a point better") << noPool << 0.9855 << 0.975 << false << QStringLiteral("at most one point better");
        QTest::newRow("no pooling without the CNN run") << noPool << 0.97 << -1.0 << false << QStringLiteral("run “Small CNN” first");
        QTest::newRow("one filter") << one << 0.91 << -1.0 << true << QStringLiteral("91.0 %");
        QTest::newRow("one filter, too good") << one << 0.955 << -1.0 << false << QStringLiteral("between 85 and 95 %");
        QTest::newRow("one filter, too weak") << one << 0.80 << -1.0 << false << QStringLiteral("80.0 %");
    }

    void convolutionVerdicts()
    {
        QFETCH(int, id);
        QFETCH(double, accuracy);
        QFETCH(double, baseline);
        QFETCH(bool, matched);
        QFETCH(QString, words);
        const ExperimentRun run{core::TrainOutcome::Completed, {epoch(0.9, 0.9, 0.3), epoch(0.95, 0.94, 0.2)}, accuracy};
        const ExperimentRun cnn{core::TrainOutcome::Completed, {epoch(0.95, 0.96, 0.15)}, baseline};
        const ExperimentVerdict v = judgeExperiment(Experiment::Id(id), run, baseline < 0 ? nullptr : &cnn);
        QCOMPARE(v.matched, matched);
        QVERIFY2(v.explanation.startsWith(matched ? QStringLiteral("As expected") : QStringLiteral("Not as expected")),
                 qPrintable(v.explanation));
        QVERIFY2(v.explanation.contains(words), qPrintable(v.explanation));
    }

    void ownDrawingsAreScoredBesideTheTestSet()
    {
        EnglishPlurals english; // as the studio installs it: "1 drawing", "40 drawings"
        QVERIFY(QCoreApplication::installTranslator(&english));
        // 40 drawings: the course model got 31 right (77.5 %), the small CNN 37 (92.5 %).
        ExperimentRun cnn{core::TrainOutcome::Completed, {epoch(0.95, 0.96, 0.15)}, 0.975};
        cnn.ownAccuracy = 37.0 / 40.0;
        cnn.ownCount = 40;
        const ExperimentVerdict alone = judgeExperiment(Experiment::Id::SmallCnn, cnn);
        QVERIFY(alone.matched);
        QVERIFY2(alone.explanation.contains(QStringLiteral("On your 40 drawings: 92.5 %.")),
                 qPrintable(alone.explanation));

        ExperimentRun course{core::TrainOutcome::Completed, {epoch(0.95, 0.94, 0.2)}, 0.955};
        course.ownAccuracy = 31.0 / 40.0;
        course.ownCount = 40;
        const ExperimentVerdict both = judgeExperiment(Experiment::Id::CourseSameData, course, &cnn);
        QVERIFY(both.matched); // judged on the test set; the drawings are told, not judged
        QVERIFY2(both.explanation.contains(
                     QStringLiteral("On your 40 drawings: 77.5 % against the small CNN's 92.5 %.")),
                 qPrintable(both.explanation));

        // One drawing: singular. Drawings the small CNN did not see are not compared.
        course.ownCount = 1;
        course.ownAccuracy = 1.0;
        const ExperimentVerdict one = judgeExperiment(Experiment::Id::CourseSameData, course, &cnn);
        QVERIFY2(one.explanation.contains(QStringLiteral("On your 1 drawing: 100.0 %.")),
                 qPrintable(one.explanation));

        // Without drawings nothing is said about them.
        course.ownCount = 0;
        QVERIFY(!judgeExperiment(Experiment::Id::CourseSameData, course, &cnn)
                     .explanation.contains(QStringLiteral("drawing")));
        QCoreApplication::removeTranslator(&english);
    }

    void convolutionExperimentsAreWhatTheySay()
    {
        const auto all = convolutionExperiments();
        QCOMPARE(all.size(), std::size_t(4));
        // Parameters worked out by hand (Keras's formulas): the small CNN 80 + 1,168 + 4,010; without
        // pooling the Dense layer reads 24 * 24 * 16 = 9,216 values; one 5x5 filter: 26 + 12 * 12 * 10 + 10.
        QCOMPARE(all[0].spec.parameterCount(), 5258);
        QVERIFY(all[0].expectation.contains(QStringLiteral("5,258 parameters")));
        QCOMPARE(all[1].spec.parameterCount(), 101770);
        QCOMPARE(all[2].spec.parameterCount(), 80 + 1168 + 9216 * 10 + 10);
        QVERIFY(all[2].expectation.contains(QStringLiteral("93,418 parameters")));
        QCOMPARE(all[3].spec.parameterCount(), 26 + 1450);
        for (const Experiment &e : all) {
            e.spec.validate();
            QCOMPARE(e.config.epochs, 3);
            QVERIFY(e.config.validationSplit > 0.0f); // validated on a split, not on the test set
            QVERIFY(!e.config.validateOnTest);
        }
        QCOMPARE(baselineOf(Experiment::Id::CourseSameData), std::optional(Experiment::Id::SmallCnn));
        QCOMPARE(baselineOf(Experiment::Id::NoPooling), std::optional(Experiment::Id::SmallCnn));
        QCOMPARE(baselineOf(Experiment::Id::Dropout), std::optional(Experiment::Id::Overfitting));
        QVERIFY(!baselineOf(Experiment::Id::SmallCnn));
    }
};

QTEST_GUILESS_MAIN(TestExperimentVerdict)
#include "tst_experimentverdict.moc"
