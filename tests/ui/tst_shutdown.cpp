// SPDX-License-Identifier: GPL-3.0-or-later
// Closing the main window while an engine job runs: every worker stops, nothing is delivered
// afterwards, and a stopped training run skips its final evaluation.
#include "testsupport.h"

#include "ui/dataset/datasetbrowser.h"
#include "ui/export/exportpanel.h"
#include "ui/mainwindow.h"
#include "ui/shared/backgroundjob.h"
#include "ui/shared/datasource.h"
#include "ui/train/trainingcontroller.h"
#include "ui/train/trainpanel.h"

#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

class TestShutdown : public QObject
{
    Q_OBJECT

    QTemporaryDir m_data;

    /// A shown window with the synthetic data loaded, answering "Discard" to the unsaved question.
    static void prepare(MainWindow &w)
    {
        w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.dataSource(), &DataSource::loaded);
        w.dataSource()->load(core::DatasetKind::Mnist);
        QVERIFY(loaded.wait(20000));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        QSettings().clear();
        test::writeAsMnist(test::syntheticDigits(3000, 1), test::syntheticDigits(2000, 2),
                           m_data.path().toStdString());
        qputenv("TINYML_DATA", m_data.path().toUtf8());
    }

    void closingDuringTheExport()
    {
        MainWindow w;
        prepare(w);
        ExportPanel *panel = w.exportPanel();
        w.tabs()->setCurrentWidget(panel);
        panel->setPrecision(core::Precision::Int8);
        QSignalSpy generated(panel, &ExportPanel::generated);
        QVERIFY(panel->generate());
        QVERIFY(panel->isBusy());
        QVERIFY(w.close());
        QVERIFY(!panel->isBusy());
        QVERIFY(panel->job()->waitForIdle(0)); // close() waited for the worker
        QCoreApplication::processEvents();
        QCOMPARE(generated.count(), 0);
        QVERIFY(!panel->generate()); // shut down: no new job
    }

    void closingDuringTheDatasetEvaluation()
    {
        MainWindow w;
        prepare(w);
        DatasetBrowser *browser = w.datasetBrowser();
        browser->findChild<QComboBox *>(QStringLiteral("split"))->setCurrentIndex(1);
        QSignalSpy evaluated(browser, &DatasetBrowser::evaluated);
        w.tabs()->setCurrentWidget(browser);
        QVERIFY(browser->isBusy());
        QVERIFY(w.close());
        QVERIFY(!browser->isBusy());
        QVERIFY(browser->job()->waitForIdle(0));
        QCoreApplication::processEvents();
        QCOMPARE(evaluated.count(), 0);
    }

    void closingDuringTrainingSkipsTheFinalEvaluation()
    {
        MainWindow w;
        prepare(w);
        TrainPanel *panel = w.trainPanel();
        w.tabs()->setCurrentWidget(panel);
        panel->findChild<QSpinBox *>(QStringLiteral("epochs"))->setValue(1000);
        QSignalSpy batches(panel->controller(), &TrainingController::batchesDone);
        QSignalSpy done(panel->controller(), &TrainingController::runDone);
        panel->train();
        QVERIFY(batches.wait(10000));
        QVERIFY(w.close());
        QVERIFY(!panel->controller()->isRunning());
        QCOMPARE(done.count(), 1);
        const auto run = done.at(0).at(0).value<RunSnapshotPtr>();
        QCOMPARE(test::outcomeName(run->outcome), test::outcomeName(core::TrainOutcome::Cancelled));
        QCOMPARE(run->test.classes, 0); // not evaluated on the test set
        QVERIFY(run->model);
        QVERIFY(run->model->info.find("test_accuracy") == run->model->info.end());
    }
};

QTEST_MAIN(TestShutdown)
#include "tst_shutdown.moc"
