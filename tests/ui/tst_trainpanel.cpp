// SPDX-License-Identifier: GPL-3.0-or-later
// The studio window driven as a learner drives it: settings, Train, Stop, charts, runs.
#include "testsupport.h"

#include "core/deploy/budget.h"
#include "ui/learn/learnpanel.h"
#include "ui/mainwindow.h"
#include "ui/shared/defaultmodel.h"
#include "ui/shared/networkeditor.h"
#include "ui/train/layerhistograms.h"
#include "ui/train/runlistmodel.h"
#include "ui/train/runrecord.h"
#include "ui/shared/studiomodel.h"
#include "ui/train/trainingcharts.h"
#include "ui/train/trainingcontroller.h"
#include "ui/train/trainpanel.h"
#include "ui/shared/userdigits.h"

#include <qcustomplot.h>

#include <algorithm>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <Eigen/Core>

using namespace tinyml;
using namespace tinyml::ui;

class TestTrainPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_data;

    static QPushButton *button(TrainPanel *panel, const char *name)
    {
        return panel->findChild<QPushButton *>(QLatin1String(name));
    }
    /// A shown window on the Train tab, answering "Discard" to the unsaved-model question.
    static void showOnTrainTab(MainWindow &w)
    {
        w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
        w.show();
        w.tabs()->setCurrentWidget(w.trainPanel());
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The saved runs and drawings are read on workers; the tests begin once they are in.
        QTRY_VERIFY(!w.runStore()->isLoading() && !w.userDigits()->isLoading());
    }
    static void setSpin(QWidget *root, const char *name, int value)
    {
        auto *spin = root->findChild<QSpinBox *>(QLatin1String(name));
        QVERIFY(spin);
        spin->setValue(value);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        QSettings().clear();
        test::writeAsMnist(test::syntheticDigits(3000, 1), test::syntheticDigits(500, 2), m_data.path().toStdString());
        qputenv("TINYML_DATA", m_data.path().toUtf8());
    }

    void changeSettingsTrainWatchAndStop()
    {
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        // Change the hidden layer's size by typing, as a learner does.
        auto *size = qobject_cast<QSpinBox *>(
            panel->editor()->layerTable()->cellWidget(0, NetworkEditor::SizeColumn));
        QVERIFY(size);
        size->setFocus();
        size->selectAll();
        QTest::keyClicks(size, QStringLiteral("48"));
        QCOMPARE(panel->editor()->spec().layers[0].units, 48);
        QVERIFY(panel->editor()->summaryLabel()->text().contains(QStringLiteral("784 → 48 → 10")));
        QVERIFY(panel->editor()->summaryLabel()->text().contains(QLocale().toString(784 * 48 + 48 + 48 * 10 + 10)));
        // A run long enough to be stopped on any machine: 3,000 updates per epoch (at batch 32
        // the 3,000 images' 400 epochs ended within about two seconds in CI, before the second
        // histogram update).
        setSpin(panel, "epochs", 1000);
        setSpin(panel, "batchSize", 1);

        QTest::mouseClick(button(panel, "trainButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->charts()->smoothedLossX().size() > 200, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->charts()->currentEpochPoints() >= 2, 30000);
        QVERIFY(!button(panel, "trainButton")->isEnabled());
        QVERIFY(!panel->editor()->isEnabled()); // settings are locked while training
        const auto grown = panel->charts()->smoothedLossX().size();
        QTRY_VERIFY(panel->charts()->smoothedLossX().size() > grown);
        // The layer histograms follow the training, computed by the worker.
        QTRY_VERIFY_WITH_TIMEOUT(panel->histograms()->stats() && panel->histograms()->stats()->step > 0, 10000);
        const std::int64_t seen = panel->histograms()->stats()->step;
        QTRY_VERIFY_WITH_TIMEOUT(panel->histograms()->stats()->step > seen, 10000);
        QVERIFY(panel->findChild<QLabel *>(QStringLiteral("statsLabel"))->text().contains(QStringLiteral("images/s")));

        QTest::mouseClick(button(panel, "stopButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining(), 10000);
        QVERIFY(panel->message().contains(QStringLiteral("Stopped after")));
        // A stopped run is not evaluated on the test set, and says so instead of showing 0 %.
        QVERIFY(panel->message().contains(QStringLiteral("Not evaluated on the test set")));
        QVERIFY(!panel->message().contains(QStringLiteral("0.00")));
        QCOMPARE(panel->runTable()->model()->rowCount(), 1);
        QCOMPARE(panel->runTable()->model()->index(0, RunListModel::TestAccuracy).data().toString(),
                 QStringLiteral("not tested"));
        QCOMPARE(panel->runTable()->model()->index(0, 7).data().toString(), QStringLiteral("stopped"));
        // A stopped run does not replace the model in use; the learner may choose its weights.
        QVERIFY(!w.studio()->isUnsaved());
        QCOMPARE(w.studio()->model()->network.spec().layers[0].units, 128);
        QVERIFY(panel->message().contains(QStringLiteral("is still")));
        const QString id = panel->runTable()->model()->index(0, 0).data(RunListModel::RunIdRole).toString();
        QVERIFY(!id.isEmpty());
        auto *message = panel->findChild<QLabel *>(QStringLiteral("trainMessage"));
        QVERIFY(message->text().contains(QStringLiteral("use:") + id));
        emit message->linkActivated(QStringLiteral("use:") + id);
        QCOMPARE(w.studio()->model()->network.spec().layers[0].units, 48);
    }

    void pauseAndStepFromTheButtons()
    {
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        setSpin(panel, "epochs", 2);
        QSignalSpy batches(panel->controller(), &TrainingController::batchesDone);
        QTest::mouseClick(button(panel, "stepButton"), Qt::LeftButton); // from idle: one batch
        QVERIFY(batches.wait(5000));
        QCOMPARE(batches.last().at(0).value<BatchSnapshotPtr>()->last.step, 1);
        QVERIFY(panel->controller()->isPaused());
        QCOMPARE(button(panel, "pauseButton")->text(), QStringLiteral("Resume"));
        // While stepping, no speed and no time left (they would count the pauses).
        const QString stats = panel->findChild<QLabel *>(QStringLiteral("statsLabel"))->text();
        QVERIFY2(stats.contains(QStringLiteral("paused at batch 1 of")), qPrintable(stats));
        QVERIFY(!stats.contains(QStringLiteral("images/s")));
        QVERIFY(!stats.contains(QStringLiteral("left")));
        QTest::mouseClick(button(panel, "stepButton"), Qt::LeftButton);
        QVERIFY(batches.wait(5000));
        QCOMPARE(batches.last().at(0).value<BatchSnapshotPtr>()->last.step, 2);
        QTest::mouseClick(button(panel, "pauseButton"), Qt::LeftButton); // resume
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining(), 30000);
        QVERIFY(panel->message().contains(QStringLiteral("Done in")));
    }

    void divergenceIsExplained()
    {
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        auto *optimizer = panel->findChild<QComboBox *>(QStringLiteral("optimizer"));
        optimizer->setCurrentIndex(optimizer->findData(int(core::OptimizerKind::Sgd)));
        panel->findChild<QDoubleSpinBox *>(QStringLiteral("learningRate"))->setValue(100.0);
        setSpin(panel, "epochs", 3);
        const auto before = w.studio()->model();
        QStringList earlierRuns;
        for (const RunRecord &r : w.runStore()->runs())
            earlierRuns << r.id;
        QTest::mouseClick(button(panel, "trainButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining() && !panel->message().isEmpty(), 30000);
        QVERIFY2(panel->message().contains(QStringLiteral("diverged")), qPrintable(panel->message()));
        QVERIFY(panel->message().contains(QStringLiteral("too high")));
        // The advice is SGD's Keras default, and the diverged run did not replace the model.
        QVERIFY2(panel->message().contains(QStringLiteral("Try 0.01 (Keras")), qPrintable(panel->message()));
        QCOMPARE(w.studio()->model(), before);
        QVERIFY(!w.studio()->isUnsaved());
        QVERIFY(w.studio()->model()->network.isFinite());
    }

    void anExperimentSaysWhetherItShowedItsOutcome()
    {
        MainWindow w;
        showOnTrainTab(w);
        // Lesson 7's "learning rate too high" button: Adam at 1, which diverges on MNIST. The test's
        // synthetic digits are so easy to separate that it does not: the verdict must say so
        // rather than repeat the announced outcome.
        QPushButton *high = w.learnPanel()->experimentButtons().at(2);
        QVERIFY(high->text().contains(QStringLiteral("too high")));
        QTest::mouseClick(high, Qt::LeftButton);
        QVERIFY(w.trainPanel()->message().contains(QStringLiteral("Experiment:")));
        QTRY_VERIFY_WITH_TIMEOUT(!w.trainPanel()->isTraining()
                                     && w.trainPanel()->message().contains(QStringLiteral("expected")),
                                 30000);
        QVERIFY2(w.trainPanel()->message().contains(QStringLiteral("Not as expected: training did not diverge")),
                 qPrintable(w.trainPanel()->message()));
        QVERIFY(w.trainPanel()->message().contains(QStringLiteral("“completed”")));
    }

    void lessonNineJudgesTheCourseModelAgainstTheSmallCnn()
    {
        // One thread for the matrix products, as `--threads 1`: on a shared machine two threads
        // waiting for each other at every product of a small CNN take minutes for seconds' work.
        const int threads = Eigen::nbThreads();
        Eigen::setNbThreads(1);
        MainWindow w;
        showOnTrainTab(w);
        const QList<QPushButton *> buttons = w.learnPanel()->convolutionButtons();
        QCOMPARE(buttons.size(), 4);
        auto runButton = [&](QPushButton *b) {
            QTest::mouseClick(b, Qt::LeftButton);
            QVERIFY(w.trainPanel()->message().contains(QStringLiteral("Experiment:")));
            QTRY_VERIFY_WITH_TIMEOUT(!w.trainPanel()->isTraining()
                                         && w.trainPanel()->message().contains(QStringLiteral("expected")),
                                     120000);
        };
        // The course model before the small CNN has run: it cannot be judged, and says why.
        runButton(buttons.at(1));
        QVERIFY2(w.trainPanel()->message().contains(QStringLiteral("run “Small CNN” first")),
                 qPrintable(w.trainPanel()->message()));
        runButton(buttons.at(0));
        QVERIFY(w.studio()->model()->network.spec().layers == smallCnnSpec().layers);
        QVERIFY2(w.trainPanel()->message().contains(QStringLiteral("5,258 parameters")),
                 qPrintable(w.trainPanel()->message()));
        // Now the course model is judged against the small CNN's run, with both figures.
        runButton(buttons.at(1));
        QVERIFY2(w.trainPanel()->message().contains(QStringLiteral("against the small CNN's")),
                 qPrintable(w.trainPanel()->message()));
        while (w.runStore()->model()->rowCount() > 0)
            QVERIFY(w.runStore()->remove(w.runStore()->runs().front().id));
        w.trainPanel()->editor()->restoreDefaults();
        Eigen::setNbThreads(threads);
    }

    void closingMidTrainingStopsTheRun()
    {
        auto *w = new MainWindow;
        int asked = 0;
        w->askUnsaved = [&](const QString &) {
            ++asked;
            return QMessageBox::Discard;
        };
        w->show();
        TrainPanel *panel = w->trainPanel();
        setSpin(panel, "epochs", 1000);
        QSignalSpy batches(panel->controller(), &TrainingController::batchesDone);
        panel->train();
        QVERIFY(batches.wait(5000));
        // How fast the window closes is measured by `tinyml-studio --benchmark-close`.
        QVERIFY(w->close());
        // The stopped run is kept in the run list and never became the model in use: nothing
        // unsaved, nothing to ask.
        QCOMPARE(asked, 0);
        QVERIFY(!panel->controller()->isRunning());
        delete w;
    }

    void cancellingTheQuestionKeepsTheWindow()
    {
        MainWindow w;
        w.askUnsaved = [](const QString &) { return QMessageBox::Cancel; };
        w.show();
        setSpin(w.trainPanel(), "epochs", 1);
        w.trainPanel()->train();
        QTRY_VERIFY_WITH_TIMEOUT(w.studio()->isUnsaved(), 30000);
        QVERIFY(!w.close());
        QVERIFY(w.isVisible());
        w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
    }

    void runsAreComparedSavedAndReloaded()
    {
        RunStore saved;
        saved.load();
        if (saved.runs().empty()) {
            // Run alone: an earlier window leaves a run on disk first.
            MainWindow first;
            showOnTrainTab(first);
            setSpin(first.trainPanel(), "epochs", 1);
            first.trainPanel()->train();
            QTRY_VERIFY_WITH_TIMEOUT(!first.trainPanel()->isTraining()
                                         && first.runStore()->runs().size() == 1,
                                     30000);
            QVERIFY(first.close());
        }
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        QAbstractItemModel *runs = panel->runTable()->model();
        const int before = runs->rowCount();
        QVERIFY(before >= 1); // runs of the earlier tests were saved and reloaded
        setSpin(panel, "epochs", 2);
        panel->findChild<QDoubleSpinBox *>(QStringLiteral("validationSplit"))->setValue(0.2);
        panel->train();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining() && runs->rowCount() == before + 1, 120000);

        const int graphs = panel->charts()->lossPlot()->graphCount();
        QVERIFY(runs->setData(runs->index(before, 0), Qt::Checked, Qt::CheckStateRole));
        // The run just trained is the current one: ticked, it is not drawn a second time.
        QCOMPARE(panel->charts()->lossPlot()->graphCount(), graphs);
        // Once the charts are cleared for the next run, it is drawn as a comparison.
        panel->reset();
        QVERIFY(panel->charts()->lossPlot()->graphCount() >= graphs + 2);
        QVERIFY(panel->charts()->accuracyPlot()->graphCount() >= 4);

        QTemporaryDir out;
        const QString png = out.filePath(QStringLiteral("charts.png"));
        const QString csv = out.filePath(QStringLiteral("charts.csv"));
        const QString pdf = out.filePath(QStringLiteral("charts.pdf"));
        QVERIFY(panel->charts()->exportPng(png));
        QVERIFY(panel->charts()->exportCsv(csv));
        QVERIFY(panel->charts()->exportPdf(pdf));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(900, 720));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("series,epoch,value"));
        const QString runName = runs->index(before, 1).data().toString();
        QVERIFY(lines.filter(runName + QStringLiteral(": validation accuracy")).size() == 2);
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");

        // Saved on disk: a second store reads the same runs, models included; delete removes one.
        RunStore again(w.runStore()->folder());
        again.load();
        QCOMPARE(int(again.runs().size()), before + 1);
        QVERIFY(again.runs().back().model);
        QCOMPARE(again.runs().back().epochs.size(), std::size_t(2));
        QVERIFY(again.runs().back().epochs.back().hasValidation);
        QVERIFY(again.remove(again.runs().front().id));
        RunStore third(w.runStore()->folder());
        third.load();
        QCOMPARE(int(third.runs().size()), before);
    }

    void continueTheCurrentModel()
    {
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        const int before = panel->runTable()->model()->rowCount(); // runs of the earlier tests
        setSpin(panel, "epochs", 1);
        panel->train();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining() && w.studio()->isUnsaved(), 120000);
        const auto first = w.studio()->model();
        const std::int64_t steps = first->optimizer->iterations();
        QCOMPARE(steps, 94); // ceil(3000 / 32)
        panel->findChild<QCheckBox *>(QStringLiteral("continueTraining"))->setChecked(true);
        panel->train();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining() && w.studio()->model() != first, 120000);
        QCOMPARE(w.studio()->model()->optimizer->iterations(), 2 * steps); // Adam's t went on
        // The continuation extends the run it continues: epochs 1 and 2, one curve from 0 to 2.
        auto *runs = panel->runTable()->model();
        QCOMPARE(runs->rowCount(), before + 2);
        const RunRecord &firstRun = w.runStore()->runs()[std::size_t(before)];
        const RunRecord &second = w.runStore()->runs()[std::size_t(before) + 1];
        QCOMPARE(second.continues, firstRun.id);
        QCOMPARE(second.epochsBefore, 1);
        QCOMPARE(int(second.epochs.size()), 2);
        QCOMPARE(second.epochs[0].epoch, 1);
        QCOMPARE(second.epochs[0].loss, firstRun.epochs[0].loss);
        QCOMPARE(second.epochs[1].epoch, 2);
        QVERIFY(second.epochs[1].loss < second.epochs[0].loss); // training went on, not again
        QCOMPARE(panel->charts()->currentEpochPoints(), 2);
        QCOMPARE(panel->charts()->epochOffset(), 1);
        const auto &xs = panel->charts()->smoothedLossX();
        QVERIFY(xs.front() < 0.1);
        QVERIFY(xs.back() > 1.9 && xs.back() <= 2.0);
        QVERIFY(std::is_sorted(xs.begin(), xs.end()));
        QVERIFY(panel->charts()->continuationLabel()->visible());
        QVERIFY(panel->charts()->continuationLabel()->text().contains(firstRun.name));
        // Charts redraw at most a few times a second: the last epoch's redraw may still be due.
        QTRY_COMPARE(panel->charts()->lossPlot()->xAxis->range().upper, 2.0);
        QCOMPARE(panel->findChild<QLabel *>(QStringLiteral("epochLabel"))->text(),
                 QStringLiteral("Epoch 2 of 2"));
        // The run list tells the two runs apart.
        const QString firstSettings = runs->index(before, RunListModel::Settings).data().toString();
        const QString secondSettings = runs->index(before + 1, RunListModel::Settings).data().toString();
        QVERIFY(!firstSettings.contains(QStringLiteral("continues")));
        QVERIFY2(secondSettings.contains(QStringLiteral("continues “%1” after 1 epoch").arg(firstRun.name)),
                 qPrintable(secondSettings));
        // And it is kept so: a reloaded list still knows what continued what.
        RunStore again(w.runStore()->folder());
        again.load();
        QCOMPARE(again.runs().back().continues, firstRun.id);
        QCOMPARE(again.runs().back().epochsBefore, 1);
        QCOMPARE(int(again.runs().back().epochs.size()), 2);
        panel->findChild<QCheckBox *>(QStringLiteral("continueTraining"))->setChecked(false);
    }

    void runTableSortsAndKeepsItsWidths()
    {
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        for (const auto &run : std::vector<RunRecord>(w.runStore()->runs()))
            w.runStore()->remove(run.id);
        auto record = [](const QString &name, double accuracy, int epochs) {
            RunRecord r;
            r.name = name;
            r.spec = core::ModelSpec::courseModel();
            r.config.epochs = epochs;
            r.testAccuracy = accuracy;
            r.seconds = 10.0 * epochs;
            return r;
        };
        QVERIFY(w.runStore()->add(record(QStringLiteral("b"), 0.95, 5)));
        QTableView *table = panel->runTable();
        QHeaderView *header = table->horizontalHeader();
        QList<int> widths;
        for (int c = 0; c < RunListModel::ColumnCount; ++c)
            widths << header->sectionSize(c);
        // More runs, one with a long name: no column jumps.
        QVERIFY(w.runStore()->add(record(QStringLiteral("a run with a rather long name indeed"), 0.97, 3)));
        QVERIFY(w.runStore()->add(record(QStringLiteral("c"), 0.91, 5)));
        for (int c = 0; c < RunListModel::ColumnCount; ++c)
            QCOMPARE(header->sectionSize(c), widths[c]);
        // Runs that differ only in their epochs read differently.
        QAbstractItemModel *runs = table->model();
        QVERIFY(runs->index(0, RunListModel::Settings).data().toString()
                != runs->index(1, RunListModel::Settings).data().toString());
        // Unsorted, in the order they were made; a click on Test accuracy sorts by the number.
        QCOMPARE(runs->index(0, RunListModel::Name).data().toString(), QStringLiteral("b"));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(RunListModel::TestAccuracy) + 5, header->height() / 2));
        QStringList order;
        for (int r = 0; r < 3; ++r)
            order << runs->index(r, RunListModel::Name).data().toString();
        const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
        const QString longName = QStringLiteral("a run with a rather long name indeed");
        const QStringList expected = ascending ? QStringList{QStringLiteral("c"), QStringLiteral("b"), longName}
                                               : QStringList{longName, QStringLiteral("b"), QStringLiteral("c")};
        QCOMPARE(order, expected);
        // Selecting a sorted row chooses that run.
        table->selectRow(0);
        QCOMPARE(table->selectionModel()->selectedRows().first().data(RunListModel::RunIdRole).toString(),
                 runs->index(0, 0).data(RunListModel::RunIdRole).toString());
    }

    void deepSigmoidGradientsVanishOnTheHistograms()
    {
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        QTest::mouseClick(button(panel, "deepSigmoid"), Qt::LeftButton);
        QCOMPARE(int(panel->editor()->spec().layers.size()), 7);
        QVERIFY(panel->editor()->spec().layers[0].activation == core::Activation::Sigmoid);
        setSpin(panel, "epochs", 1);
        panel->train();
        // Histograms arrive from the worker while it trains: before the first batch and then.
        QTRY_VERIFY_WITH_TIMEOUT(panel->histograms()->stats() != nullptr, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining(), 300000);
        const LayerStatsPtr stats = panel->histograms()->stats();
        QCOMPARE(int(stats->layers.size()), 7);
        const double first = stats->layers.front().gradientRms, last = stats->layers.back().gradientRms;
        QVERIFY2(first < last / 100.0, qPrintable(QStringLiteral("%1 vs %2").arg(first).arg(last)));
        QCOMPARE(panel->histograms()->gradientRatio(), first / last);
        const QString verdict = panel->findChild<QLabel *>(QStringLiteral("gradientVerdict"))->text();
        QVERIFY2(verdict.contains(QStringLiteral("Vanishing gradients")), qPrintable(verdict));
        panel->editor()->restoreDefaults();
    }

    void aHugeNetworkIsAskedAbout()
    {
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        QStringList asked;
        panel->confirmLarge = [&asked](const QString &question) {
            asked << question;
            return false; // the learner cancels
        };
        // 784 → 4096 → 4096 → 10: 20 million parameters, with Adam's two moments 240 MB a run.
        panel->editor()->setSpec(core::ModelSpec::withHidden({4096, 4096}, core::Activation::Relu));
        const std::int64_t params = 784LL * 4096 + 4096 + 4096LL * 4096 + 4096 + 4096LL * 10 + 10;
        QCOMPARE(panel->editor()->spec().parameterCount(), params);
        QCOMPARE(TrainPanel::savedRunBytes(panel->editor()->spec()), params * 4 * 3);
        QTest::mouseClick(button(panel, "trainButton"), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(QLocale().toString(qlonglong(params))), qPrintable(asked.first()));
        QVERIFY2(asked.first().contains(QStringLiteral("240 MB")), qPrintable(asked.first()));
        QVERIFY(!panel->isTraining());
        QVERIFY(button(panel, "trainButton")->isEnabled());
        // Step one batch asks too.
        QTest::mouseClick(button(panel, "stepButton"), Qt::LeftButton);
        QCOMPARE(asked.size(), 2);
        QVERIFY(!panel->isTraining());
        // The course model is not asked about.
        panel->editor()->restoreDefaults();
        QVERIFY(TrainPanel::savedRunBytes(panel->editor()->spec()) < TrainPanel::kLargeRunBytes);
    }

    void savedRunSizeMatchesItsFile()
    {
        // The estimate asked about is what a run really writes: weights and Adam's moments.
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        panel->editor()->restoreDefaults();
        setSpin(panel, "epochs", 1);
        panel->train();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining() && w.studio()->isUnsaved(), 120000);
        const RunRecord &run = w.runStore()->runs().back();
        const qint64 file = QFileInfo(w.runStore()->folder() + QLatin1Char('/') + run.id + QStringLiteral(".tmlm")).size();
        const std::int64_t estimate = TrainPanel::savedRunBytes(run.spec);
        QVERIFY2(file >= estimate && file < estimate + estimate / 50,
                 qPrintable(QStringLiteral("%1 vs %2").arg(file).arg(estimate)));
    }

    void runListSelectRenameAndDelete()
    {
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        QAbstractItemModel *runs = panel->runTable()->model();
        setSpin(panel, "epochs", 1);
        const int before = runs->rowCount();
        panel->train();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining() && runs->rowCount() == before + 1, 30000);
        const int row = before; // the new run is the last row
        const QString id = runs->index(row, 1).data(Qt::UserRole).toString();
        QVERIFY(!id.isEmpty());
        QPushButton *remove = button(panel, "deleteRun");
        panel->runTable()->clearSelection();
        QVERIFY(!remove->isEnabled()); // nothing selected
        panel->runTable()->selectRow(row);
        QVERIFY(remove->isEnabled());
        // Tab leaves the table for the next widget and keeps the chosen run.
        panel->runTable()->setFocus();
        QTRY_VERIFY(panel->runTable()->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY(!panel->runTable()->hasFocus());
        QCOMPARE(panel->runTable()->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(panel->runTable()->selectionModel()->selectedRows().first().row(), row);
        // A name typed in the table is kept on disk.
        QVERIFY(runs->setData(runs->index(row, 1), QStringLiteral("Tiny net"), Qt::EditRole));
        RunStore reread(w.runStore()->folder());
        reread.load();
        QVERIFY(reread.find(id));
        QCOMPARE(reread.find(id)->name, QStringLiteral("Tiny net"));
        // Ticked, then deleted: its curves leave the charts with it. (Reset first: the run just
        // trained is on the charts as the current run, and is never drawn twice.)
        panel->reset();
        const int graphs = panel->charts()->lossPlot()->graphCount();
        QVERIFY(runs->setData(runs->index(row, 0), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(panel->charts()->lossPlot()->graphCount() > graphs);
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(runs->rowCount(), before);
        QCOMPARE(panel->charts()->lossPlot()->graphCount(), graphs);
        QVERIFY(!remove->isEnabled());
        RunStore after(w.runStore()->folder());
        after.load();
        QVERIFY(!after.find(id));
    }

    void myDrawingsAreMixedIn()
    {
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        UserDigits *own = w.userDigits();
        while (own->size() > 0)
            QVERIFY(own->remove(0));
        std::array<std::uint8_t, 784> pixels{};
        pixels[14 * 28 + 14] = 255;
        QVERIFY(own->add(pixels, 7));
        QVERIFY(own->add(pixels, 1));
        setSpin(panel, "epochs", 1);
        panel->findChild<QDoubleSpinBox *>(QStringLiteral("validationSplit"))->setValue(0.0);
        auto *mix = panel->findChild<QCheckBox *>(QStringLiteral("mixOwn"));
        QVERIFY(mix);
        mix->setChecked(true);
        const auto first = w.studio()->model();
        panel->train();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining() && w.studio()->model() != first, 30000);
        // 3,000 images and the 2 drawings 20 times each: ceil(3,040 / 32) = 95 batches
        // (without them ceil(3,000 / 32) = 94).
        QCOMPARE(w.studio()->model()->optimizer->iterations(), 95);
        mix->setChecked(false);
        while (own->size() > 0)
            QVERIFY(own->remove(0));
    }

    void lastSettingsComeBack()
    {
        {
            MainWindow w;
            showOnTrainTab(w);
            w.trainPanel()->editor()->setHiddenLayers({{77, core::Activation::Tanh}, {33, core::Activation::Relu}});
            setSpin(w.trainPanel(), "batchSize", 64);
            QVERIFY(w.close());
        }
        MainWindow again;
        const core::ModelSpec spec = again.trainPanel()->editor()->spec();
        QCOMPARE(spec.layers.size(), std::size_t(3));
        QCOMPARE(spec.layers[0].units, 77);
        QVERIFY(spec.layers[0].activation == core::Activation::Tanh);
        QCOMPARE(again.trainPanel()->editor()->config().batchSize, 64);
        again.trainPanel()->editor()->restoreDefaults();
        again.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
        QVERIFY(again.close());
    }

    void impossibleStackCannotStartAndACnnTrains()
    {
        const int threads = Eigen::nbThreads(); // one thread, as in the lesson 9 test below
        Eigen::setNbThreads(1);
        MainWindow w;
        showOnTrainTab(w);
        TrainPanel *panel = w.trainPanel();
        NetworkEditor *editor = panel->editor();
        // Conv2D straight into the output Dense: refused while editing, Train and Step disabled.
        editor->setHiddenLayers({core::LayerSpec::conv2d(4, 3, core::Activation::Relu)});
        QVERIFY(!editor->isValid());
        QVERIFY(!button(panel, "trainButton")->isEnabled());
        QVERIFY(!button(panel, "stepButton")->isEnabled());
        QCOMPARE(button(panel, "trainButton")->toolTip(), editor->problem());
        panel->train(); // as Ctrl+Enter would
        QVERIFY(!panel->isTraining());
        // The small CNN preset trains on the Train tab and becomes the studio's model.
        QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("smallCnnPreset")), Qt::LeftButton);
        QVERIFY(button(panel, "trainButton")->isEnabled());
        setSpin(panel, "epochs", 1);
        setSpin(panel, "subset", 1000);
        const auto before = w.studio()->model();
        QStringList earlierRuns;
        for (const RunRecord &r : w.runStore()->runs())
            earlierRuns << r.id;
        QTest::mouseClick(button(panel, "trainButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isTraining() && w.studio()->model() != before, 120000);
        const core::ModelSpec trained = w.studio()->model()->network.spec();
        QVERIFY(trained.layers == smallCnnSpec().layers);
        QVERIFY(trained.inputShape == core::Shape::hwc(28, 28, 1));
        // ceil(1,000 / 32) = 32 batches
        QCOMPARE(w.studio()->model()->optimizer->iterations(), 32);
        QVERIFY(panel->message().contains(QStringLiteral("Done in")));
        // The run keeps its layers: its settings come back as a CNN.
        QString id;
        for (const RunRecord &r : w.runStore()->runs())
            if (!earlierRuns.contains(r.id))
                id = r.id;
        const RunRecord *run = w.runStore()->find(id);
        QVERIFY(run);
        QVERIFY(run->spec.layers == smallCnnSpec().layers);
        QVERIFY(run->spec.inputShape == core::Shape::hwc(28, 28, 1));
        const RunRecord back = RunRecord::fromJson(run->toJson(), QStringLiteral("test"));
        QVERIFY(back.spec.layers == run->spec.layers);
        QVERIFY(back.spec.inputShape == run->spec.inputShape);
        QVERIFY(w.runStore()->remove(id));
        editor->restoreDefaults();
        w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
        QVERIFY(w.close());
        Eigen::setNbThreads(threads);
    }

    void kerasEquivalentOfTheDefaults()
    {
        NetworkEditor editor;
        const std::string code = core::kerasCode(editor.spec(), editor.config());
        QVERIFY(code.find("tf.keras.layers.Dense(128, activation='relu')") != std::string::npos);
        QVERIFY(code.find("tf.keras.layers.Dense(10, activation='softmax')") != std::string::npos);
        QVERIFY(code.find("optimizer='adam'") != std::string::npos);
        QVERIFY(code.find("loss='sparse_categorical_crossentropy'") != std::string::npos);
        QVERIFY(code.find("model.fit(x_train, y_train, epochs=5)") != std::string::npos);
    }
};

QTEST_MAIN(TestTrainPanel)
#include "tst_trainpanel.moc"
