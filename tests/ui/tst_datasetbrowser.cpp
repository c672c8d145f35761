// SPDX-License-Identifier: GPL-3.0-or-later
// The Dataset tab evaluating on its worker thread, on real MNIST (label "mnist").
#include "testsupport.h"

#include "ui/dataset/datasetbrowser.h"
#include "ui/shared/backgroundjob.h"
#include "ui/shared/datasource.h"
#include "ui/shared/studiomodel.h"
#include "uitestsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;


class TestDatasetBrowser : public QObject
{
    Q_OBJECT

    std::unique_ptr<DataSource> m_data;

    /// Checks that the browser shows the constant model's answers on split (every prediction
    /// digit; the confusion matrix's column digit holds each class's count of test images).
    static void expectConstant(DatasetBrowser &browser,
                               const core::Dataset &split,
                               const core::Dataset &test,
                               int digit)
    {
        QCOMPARE(browser.model()->rowCount(), int(split.size()));
        for (std::uint32_t i = 0; i < split.size(); ++i)
            QCOMPARE(browser.model()->prediction(i), digit);
        const core::Evaluation &e = browser.evaluation();
        QCOMPARE(e.classes, 10);
        for (int r = 0; r < 10; ++r) {
            const int count
                = int(std::count(test.labels.begin(), test.labels.end(), std::uint8_t(r)));
            for (int c = 0; c < 10; ++c)
                QCOMPARE(e.count(r, c), c == digit ? count : 0);
        }
    }

private slots:
    void initTestCase()
    {
        m_data = std::make_unique<DataSource>();
        QVERIFY(test::loadMnist(*m_data));
    }

    void evaluatesOnAWorker_data()
    {
        QTest::addColumn<int>("split");
        QTest::addColumn<int>("digit");
        QTest::newRow("test set, always 2") << 0 << 2;
        QTest::newRow("training set, always 8") << 1 << 8;
    }
    void evaluatesOnAWorker()
    {
        QFETCH(int, split);
        QFETCH(int, digit);
        StudioModel studio;
        studio.setModel(test::constantModel(digit), QStringLiteral("constant"), false);
        DatasetBrowser browser(&studio, m_data.get());
        browser.findChild<QComboBox *>(QStringLiteral("split"))->setCurrentIndex(split);
        QSignalSpy evaluated(&browser, &DatasetBrowser::evaluated);
        auto *bar = browser.findChild<QProgressBar *>(QStringLiteral("evaluationProgress"));
        browser.show();
        // Showing starts the evaluation and returns before it is done.
        QVERIFY(browser.isBusy());
        QVERIFY(bar->isVisible());
        QCOMPARE(browser.evaluation().classes, 0);
        QVERIFY(evaluated.wait(60000));
        QCOMPARE(evaluated.count(), 1);
        QVERIFY(evaluated.at(0).at(0).toBool());
        QVERIFY(!browser.isBusy());
        QVERIFY(!bar->isVisible());
        const auto shown = split == 1 ? m_data->train(core::DatasetKind::Mnist)
                                      : m_data->test(core::DatasetKind::Mnist);
        expectConstant(browser, *shown, *m_data->test(core::DatasetKind::Mnist), digit);
    }

    void perClassMetricsAndNormalisedMatrix()
    {
        // A model that always answers 4: class 4 has recall 100 % and a precision equal to its
        // share of the test set; every other class has recall 0 and is never predicted.
        StudioModel studio;
        studio.setModel(test::constantModel(4), QStringLiteral("fours"), false);
        DatasetBrowser browser(&studio, m_data.get());
        QSignalSpy evaluated(&browser, &DatasetBrowser::evaluated);
        browser.show();
        QVERIFY(evaluated.wait(60000));
        const core::Dataset &test = *m_data->test(core::DatasetKind::Mnist);
        const auto number = [](const QTableWidget *t, int r, int c) {
            QString text = t->item(r, c)->text();
            text.remove(QStringLiteral(" %"));
            bool ok = false;
            const double v = QLocale().toDouble(text, &ok);
            return ok ? v : -1.0;
        };
        QTableWidget *perClass = browser.classMetrics();
        QTableWidget *matrix = browser.confusion();
        QCOMPARE(matrix->columnCount(), 11);
        for (int r = 0; r < 10; ++r) {
            const int images = int(std::count(test.labels.begin(), test.labels.end(), std::uint8_t(r)));
            QCOMPARE(number(perClass, r, 0), double(images));
            QCOMPARE(number(perClass, r, 1), r == 4 ? 10000.0 : 0.0);
            QCOMPARE(number(perClass, r, 2), r == 4 ? 100.0 : 0.0);
            if (r == 4)
                QVERIFY(std::abs(number(perClass, r, 3) - 100.0 * images / 10000.0) < 0.05);
            else
                QCOMPARE(perClass->item(r, 3)->text(), QStringLiteral("never predicted"));
            // The row total column holds the class's images, the cells their counts.
            QCOMPARE(number(matrix, r, 10), double(images));
            QCOMPARE(number(matrix, r, 4), double(images));
            QCOMPARE(number(matrix, r, 3), 0.0);
        }
        // Normalised: each row's 100 % is in column 4, whatever the class's size.
        browser.findChild<QCheckBox *>(QStringLiteral("normalisedConfusion"))->setChecked(true);
        for (int r = 0; r < 10; ++r) {
            QCOMPARE(number(matrix, r, 4), 100.0);
            QCOMPARE(number(matrix, r, 0), 0.0);
            QCOMPARE(number(matrix, r, 10), double(std::count(test.labels.begin(), test.labels.end(), std::uint8_t(r))));
        }
        // A click on a row total shows the whole class.
        emit matrix->cellClicked(7, 10);
        const int sevens = int(std::count(test.labels.begin(), test.labels.end(), std::uint8_t(7)));
        QCOMPARE(browser.model()->rowCount(), sevens);
    }

    void modelSummaryLikeKeras()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        DatasetBrowser browser(&studio, m_data.get());
        QTableWidget *summary = browser.modelSummary();
        // The course model as Keras prints it.
        QCOMPARE(summary->rowCount(), 2);
        QCOMPARE(summary->item(0, 0)->text(), QStringLiteral("dense (Dense)"));
        QCOMPARE(summary->item(0, 1)->text(), QStringLiteral("(None, 128)"));
        QCOMPARE(summary->item(0, 2)->text(), QLocale().toString(100480));
        QCOMPARE(summary->item(1, 0)->text(), QStringLiteral("dense_1 (Dense)"));
        QCOMPARE(summary->item(1, 1)->text(), QStringLiteral("(None, 10)"));
        QCOMPARE(summary->item(1, 2)->text(), QLocale().toString(1290));
        QVERIFY(browser.findChild<QLabel *>(QStringLiteral("modelSummaryTotal"))->text().contains(QLocale().toString(101770)));
        // A new model, a new summary.
        studio.setModel(test::constantModel(0), QStringLiteral("zeros"), false);
        QCOMPARE(summary->rowCount(), 2);
        QCOMPARE(summary->item(0, 1)->text(), QStringLiteral("(None, 16)"));
        QCOMPARE(summary->item(0, 2)->text(), QLocale().toString(784 * 16 + 16));
    }

    void theEmbeddedModelScoresAsDocumented()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        DatasetBrowser browser(&studio, m_data.get());
        QSignalSpy evaluated(&browser, &DatasetBrowser::evaluated);
        browser.show();
        QVERIFY(evaluated.wait(60000));
        // README: 98.14 % on the MNIST test set.
        QCOMPARE(qRound(browser.evaluation().accuracy * 10000), 9814);
    }

    // A model change while the worker evaluates: the old predictions are never shown, the new
    // ones are, and the old job's late result is dropped.
    void aModelChangeDropsTheRunningJob()
    {
        StudioModel studio;
        studio.setModel(test::constantModel(1), QStringLiteral("ones"), false);
        DatasetBrowser browser(&studio, m_data.get());
        browser.findChild<QComboBox *>(QStringLiteral("split"))
            ->setCurrentIndex(1); // 60,000 images
        QSignalSpy evaluated(&browser, &DatasetBrowser::evaluated);
        browser.show();
        QVERIFY(browser.isBusy());
        studio.setModel(test::constantModel(6), QStringLiteral("sixes"), false);
        QVERIFY(browser.isBusy()); // the next job runs
        QCOMPARE(browser.model()->prediction(0), -1);
        QCOMPARE(browser.evaluation().classes, 0);
        QVERIFY(evaluated.wait(60000));
        QCOMPARE(evaluated.count(), 1);
        QVERIFY(browser.job()->waitForIdle(10000));
        QCoreApplication::processEvents();
        QCOMPARE(evaluated.count(), 1);
        expectConstant(browser, *m_data->train(core::DatasetKind::Mnist),
                       *m_data->test(core::DatasetKind::Mnist), 6);
    }

    // Switching the split while evaluating: only the newly chosen split's predictions arrive.
    void aSplitChangeDropsTheRunningJob()
    {
        StudioModel studio;
        studio.setModel(test::constantModel(4), QStringLiteral("fours"), false);
        DatasetBrowser browser(&studio, m_data.get());
        auto *split = browser.findChild<QComboBox *>(QStringLiteral("split"));
        split->setCurrentIndex(1);
        QSignalSpy evaluated(&browser, &DatasetBrowser::evaluated);
        browser.show();
        QVERIFY(browser.isBusy());
        split->setCurrentIndex(0);
        QVERIFY(evaluated.wait(60000));
        QVERIFY(browser.job()->waitForIdle(10000));
        QCoreApplication::processEvents();
        QCOMPARE(evaluated.count(), 1);
        expectConstant(browser, *m_data->test(core::DatasetKind::Mnist),
                       *m_data->test(core::DatasetKind::Mnist), 4);
    }

    void cancelKeepsTheImagesWithoutPredictions()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        DatasetBrowser browser(&studio, m_data.get());
        browser.findChild<QComboBox *>(QStringLiteral("split"))->setCurrentIndex(1);
        QSignalSpy evaluated(&browser, &DatasetBrowser::evaluated);
        browser.show();
        auto *cancel = browser.findChild<QPushButton *>(QStringLiteral("cancelEvaluation"));
        QVERIFY(cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!browser.isBusy());
        QVERIFY(!cancel->isVisible());
        QVERIFY(browser.job()->waitForIdle(10000)); // the worker stopped
        QCoreApplication::processEvents();
        QCOMPARE(evaluated.count(), 0);
        QCOMPARE(browser.model()->rowCount(), 60000);
        QCOMPARE(browser.model()->prediction(0), -1);
        QCOMPARE(browser.evaluation().classes, 0);
    }
};

QTEST_MAIN(TestDatasetBrowser)
#include "tst_datasetbrowser.moc"
