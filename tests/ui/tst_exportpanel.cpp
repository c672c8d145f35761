// SPDX-License-Identifier: GPL-3.0-or-later
// The Export tab on the embedded model and real MNIST (label "mnist"); the generation runs on a
// worker thread.
#include "testsupport.h"

#include "ui/export/exportpanel.h"
#include "ui/shared/backgroundjob.h"
#include "ui/shared/datasource.h"
#include "ui/shared/studiomodel.h"
#include "uitestsupport.h"
#include "core/deploy/quantize.h"
#include "core/io/modelfile.h"
#include "core/nn/layersyntax.h"
#include "core/tflite/tfliteint8.h"
#include "core/tflite/tflitereader.h"
#include "core/tflite/tflitewriter.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

namespace {

/// "12.34 %" of count out of total, as the panel prints accuracies (English locale).
QString percent(std::size_t count, std::size_t total)
{
    return QStringLiteral("%1 %").arg(100.0 * double(count) / double(total), 0, 'f', 2);
}

/// The position of a board in the Board list.
int boardIndex(const char *id)
{
    const auto &list = core::boards();
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].id == id)
            return int(i);
    return -1;
}

std::size_t countLabel(const core::Dataset &d, int digit)
{
    return std::size_t(std::count(d.labels.begin(), d.labels.end(), std::uint8_t(digit)));
}

} // namespace

class TestExportPanel : public QObject
{
    Q_OBJECT

    /// Starts a generation and waits for the worker's result; true when it was shown.
    static bool generateAndWait(ExportPanel &panel)
    {
        QSignalSpy generated(&panel, &ExportPanel::generated);
        if (!panel.generate() || !panel.isBusy())
            return false;
        if (!generated.wait(120000))
            return false;
        return generated.count() == 1 && generated.at(0).at(0).toBool() && !panel.isBusy();
    }

    std::unique_ptr<DataSource> m_data;

private slots:
    void initTestCase()
    {
        m_data = std::make_unique<DataSource>();
        QVERIFY(test::loadMnist(*m_data));
    }

    void budgetsFlipsAndFiles()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        ExportPanel panel(&studio, m_data.get());
        panel.resize(1200, 800);
        panel.show();

        panel.setPrecision(core::Precision::Float32);
        panel.setBoard(0); // Nano 33 BLE: 1 MB Flash
        QVERIFY(generateAndWait(panel));
        QVERIFY(panel.flashFits());
        QCOMPARE(panel.code()->budget.weights, 101632 * 4);
        QVERIFY(!panel.flashBar()->styleSheet().contains(QStringLiteral("#d62728")));
        panel.setBoard(boardIndex("arduino-uno")); // 32 KB, AVR: the code is made again with PROGMEM
        QTRY_VERIFY_WITH_TIMEOUT(panel.code().has_value() && !panel.isBusy(), 120000);
        QVERIFY(!panel.flashFits());
        QVERIFY(panel.flashBar()->styleSheet().contains(QStringLiteral("#d62728"))); // red

        panel.setPrecision(core::Precision::Int8);
        QVERIFY(!panel.code()); // the float32 code is not shown for int8
        QVERIFY(generateAndWait(panel));
        QVERIFY(panel.code()->quantized.has_value());
        QCOMPARE(panel.code()->budget.weights, 101632);
        QVERIFY(panel.flippedList()->count() > 0); // some test images change their prediction
        QVERIFY(panel.flippedList()->count() < 100);

        panel.setPrefix(QStringLiteral("My Digits"));
        QVERIFY(generateAndWait(panel));
        QCOMPARE(QString::fromStdString(panel.code()->prefix), QStringLiteral("my_digits"));
        QTemporaryDir dir;
        QString error;
        QVERIFY2(panel.saveTo(dir.path(), &error), qPrintable(error));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("my_digits_demo/my_digits_model.c"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("my_digits_demo/my_digits_demo.ino"))));

        // A click on a flipped image makes it the input to inspect.
        QSignalSpy inspect(&panel, &ExportPanel::inspectRequested);
        emit panel.flippedList()->itemClicked(panel.flippedList()->item(0));
        QCOMPARE(inspect.count(), 1);
        QVERIFY(studio.input().valid);
    }

    void anInt8FileKeepsItsOwnNumbers()
    {
        // The embedded course model as an int8 .tflite with numbers calibrated on 300 images:
        // the panel's int8 code holds them, not a calibration of its own on 1,000 images.
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        const core::QuantizedModel q
            = core::quantize(studio.model()->network, *m_data->train(core::DatasetKind::Mnist), 300);
        auto file = std::make_shared<const core::LoadedModel>(
            core::readTflite(core::writeTfliteInt8(q), "course_int8.tflite"));
        QVERIFY(file->int8 && file->int8->model);
        studio.setModel(file, QStringLiteral("course_int8.tflite"), false);
        ExportPanel panel(&studio, m_data.get());
        panel.resize(1200, 800);
        panel.show();
        panel.setBoard(0);

        panel.setPrecision(core::Precision::Int8);
        QVERIFY(generateAndWait(panel));
        QVERIFY(panel.code()->int8FromFile);
        QCOMPARE(panel.code()->quantized->calibrationImages, 0); // nothing calibrated here
        for (std::size_t l = 0; l < q.layers.size(); ++l) {
            QVERIFY(panel.code()->quantized->layers[l].weights == q.layers[l].weights);
            QVERIFY(panel.code()->quantized->layers[l].multiplier == q.layers[l].multiplier);
        }
        QVERIFY2(panel.message().contains(QStringLiteral("int8 numbers from the file")),
                 qPrintable(panel.message()));

        // float32 says nothing about int8 numbers; the embedded model's int8 is quantized here.
        panel.setPrecision(core::Precision::Float32);
        QVERIFY(generateAndWait(panel));
        QVERIFY(!panel.message().contains(QStringLiteral("int8 numbers")));
        QVERIFY(studio.loadDefault());
        panel.setPrecision(core::Precision::Int8);
        QVERIFY(generateAndWait(panel));
        QVERIFY(!panel.code()->int8FromFile);
        QVERIFY2(panel.message().contains(QStringLiteral("int8 numbers quantized here from float32.")),
                 qPrintable(panel.message()));
    }

    void tflmSketchIsSavedWhenChosen()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        ExportPanel panel(&studio, m_data.get());
        panel.setPrecision(core::Precision::Int8);
        panel.setBoard(0);
        QVERIFY(generateAndWait(panel));
        // The course model is two Dense layers, the last with softmax: FULLY_CONNECTED, SOFTMAX.
        const QString sketch
            = panel.findChild<QPlainTextEdit *>(QStringLiteral("tflmSketchView"))->toPlainText();
        QVERIFY(sketch.contains(QStringLiteral("MicroMutableOpResolver<2> resolver;")));
        QVERIFY(sketch.contains(QStringLiteral("resolver.AddFullyConnected();")));
        QVERIFY(sketch.contains(QStringLiteral("resolver.AddSoftmax();")));
        auto *choice = panel.findChild<QCheckBox *>(QStringLiteral("tflmSketch"));
        QVERIFY(choice && !choice->isChecked());
        QTemporaryDir without;
        QString error;
        QVERIFY2(panel.saveTo(without.path(), &error), qPrintable(error));
        QVERIFY(!QDir(without.filePath(QStringLiteral("tinyml_tflm"))).exists());
        choice->setChecked(true);
        QTemporaryDir with;
        QVERIFY2(panel.saveTo(with.path(), &error), qPrintable(error));
        QFile ino(with.filePath(QStringLiteral("tinyml_tflm/tinyml_tflm.ino")));
        QVERIFY(ino.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(ino.readAll()), sketch);
        QVERIFY(QFile::exists(with.filePath(QStringLiteral("tinyml_tflm/tinyml_model_data.h"))));
    }

    void verdictOnAvrBoards()
    {
        // The course model in int8 (100,352-byte weight array) against the linker's facts
        // (docs/facts.md §9, tst_boardlink): it fits on a Cortex-M4 board; on the Mega its weights
        // fit the Flash but exceed AVR's 32,767 bytes per object; on the Uno they exceed the Flash.
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        ExportPanel panel(&studio, m_data.get());
        panel.resize(1280, 720);
        panel.show();
        panel.setPrecision(core::Precision::Int8);
        panel.setBoard(boardIndex("nucleo-f446re"));
        QVERIFY(generateAndWait(panel));
        QVERIFY(panel.fits());
        QVERIFY(panel.verdictText().contains(QStringLiteral("It fits on the NUCLEO-F446RE")));
        QVERIFY(panel.code()->source.find("PROGMEM") == std::string::npos);
        auto bytes = [](qint64 n) { return QLocale().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat); };

        QSignalSpy generated(&panel, &ExportPanel::generated);
        panel.setBoard(boardIndex("arduino-mega"));
        QVERIFY(!panel.code()); // AVR needs other code: made again
        QVERIFY(generated.wait(120000));
        QVERIFY(panel.code()->source.find("static const int8_t tinyml_w0[100352] PROGMEM") != std::string::npos);
        QVERIFY(panel.code()->source.find("pgm_read_byte(&row[i])") != std::string::npos);
        QVERIFY(panel.code()->header.find("#include <avr/pgmspace.h>") != std::string::npos);
        QVERIFY(!panel.fits());
        QVERIFY(!panel.flashFits());
        QVERIFY(panel.ramFits());
        QVERIFY(!panel.verdictText().contains(QStringLiteral("It fits")));
        QVERIFY2(panel.verdictText().contains(QStringLiteral("It does not fit on the Arduino Mega 2560:</b> one array of %1")
                                                  .arg(bytes(100352))),
                 qPrintable(panel.verdictText()));
        QVERIFY(panel.flashBar()->styleSheet().contains(QStringLiteral("#d62728")));

        panel.setBoard(boardIndex("arduino-uno"));
        QVERIFY(panel.code()); // the same AVR code, judged again
        QVERIFY(!panel.fits());
        QVERIFY2(panel.verdictText().contains(QStringLiteral("do not fit in %1 of Flash").arg(bytes(30208))),
                 qPrintable(panel.verdictText()));
        QVERIFY(!panel.verdictText().contains(QStringLiteral("It fits")));
        QVERIFY2(panel.flashBar()->format().contains(QStringLiteral(" of %1 ").arg(bytes(30208))),
                 qPrintable(panel.flashBar()->format()));
    }

    void convolutionalModelShowsItsLayerBudget()
    {
        // A small CNN saved to a file and opened as a learner would: 28x28x1 → Conv2D(4, 3) →
        // 26x26x4 → MaxPooling2D(2) → 13x13x4 → Flatten → Dense(10).
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("cnn.tmlm"));
        core::Network net(core::ModelSpec::withLayers(core::parseLayers(
            "Conv2D(4, 3, activation=relu), MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)")));
        net.initialize(3);
        core::saveModel(file.toStdString(), net, nullptr, {});
        StudioModel studio;
        QString error;
        QVERIFY2(studio.loadFile(file, &error), qPrintable(error));
        ExportPanel panel(&studio, m_data.get());
        panel.resize(1200, 800);
        panel.show();
        panel.setPrecision(core::Precision::Int8);
        QVERIFY(generateAndWait(panel));
        QVERIFY(panel.code()->source.find("_conv(") != std::string::npos);
        // RAM: the largest input + output pair, the convolution's 784 + 2704 int8 values.
        QCOMPARE(panel.code()->budget.ram, 784 + 2704);
        const QTableWidget *table = panel.layerTable();
        QCOMPARE(table->rowCount(), 4);
        QVERIFY(table->item(0, 0)->text().contains(QStringLiteral("Conv2D")));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("26×26×4"));
        QVERIFY(table->item(0, 2)->font().bold()); // the peak
        QVERIFY(!table->item(1, 2)->font().bold());
        auto bytes = [](qint64 n) { return QLocale().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat); };
        QCOMPARE(table->item(0, 2)->text(), bytes(784 + 2704));
        QCOMPARE(table->item(1, 2)->text(), bytes(2704 + 676));
        // Flash of the dense layer: 676 · 10 int8 weights + 10 · 12 bytes of bias, multiplier, shift.
        QCOMPARE(table->item(3, 0)->text(), QStringLiteral("4 Dense"));
        QCOMPARE(table->item(3, 3)->text(), bytes(6760 + 120));
    }

    void runsOnAWorkerWithProgress()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        ExportPanel panel(&studio, m_data.get());
        panel.show();
        panel.setPrecision(core::Precision::Int8);
        auto *bar = panel.findChild<QProgressBar *>(QStringLiteral("exportProgress"));
        auto *cancel = panel.findChild<QPushButton *>(QStringLiteral("cancelExport"));
        QVERIFY(bar && cancel);
        QSignalSpy progress(panel.job(), &BackgroundJob::progressChanged);
        QSignalSpy generated(&panel, &ExportPanel::generated);
        QVERIFY(panel.generate());
        // generate() returned before the result: the GUI thread did not compute it.
        QVERIFY(panel.isBusy());
        QVERIFY(!panel.code());
        QVERIFY(bar->isVisible() && cancel->isVisible());
        QVERIFY(generated.wait(120000));
        QCOMPARE(generated.count(), 1);
        QVERIFY(generated.at(0).at(0).toBool());
        QVERIFY(!bar->isVisible() && !cancel->isVisible());
        QVERIFY(panel.code() && panel.code()->quantized);
        // Progress only grows, and ends complete.
        QVERIFY(progress.count() >= 1);
        qint64 last = 0;
        for (const auto &args : progress) {
            QVERIFY(args.at(0).toLongLong() >= last);
            QVERIFY(args.at(0).toLongLong() <= args.at(1).toLongLong());
            last = args.at(0).toLongLong();
        }
        QCOMPARE(progress.last().at(0).toLongLong(), progress.last().at(1).toLongLong());
    }

    // The result of a job started for one model is never shown once the model changed, whether
    // the worker had finished or not; the next result belongs to the new model.
    void aModelChangeDropsTheRunningJob_data()
    {
        QTest::addColumn<int>("digit");
        QTest::newRow("always 3") << 3;
        QTest::newRow("always 7") << 7;
    }
    void aModelChangeDropsTheRunningJob()
    {
        QFETCH(int, digit);
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        ExportPanel panel(&studio, m_data.get());
        panel.show();
        panel.setPrecision(core::Precision::Float32);
        QSignalSpy generated(&panel, &ExportPanel::generated);
        QVERIFY(panel.generate());
        QVERIFY(panel.isBusy());
        studio.setModel(test::constantModel(digit), QStringLiteral("constant"), false);
        QVERIFY(!panel.code());
        // The panel is visible: it starts again for the new model (debounced).
        QVERIFY(generated.wait(120000));
        QCOMPARE(generated.count(), 1);
        QVERIFY(generated.at(0).at(0).toBool());
        const core::Dataset &test = *m_data->test(core::DatasetKind::Mnist);
        const QString expected = percent(countLabel(test, digit), test.size());
        QVERIFY2(QString::fromStdString(panel.code()->header).contains(expected),
                 qPrintable(expected));
        QVERIFY(
            panel.findChild<QLabel *>(QStringLiteral("exportAccuracy"))->text().contains(expected));
        // The dropped job has ended by now; its result, arriving late, is not delivered either.
        QVERIFY(panel.job()->waitForIdle(10000));
        QCoreApplication::processEvents();
        QCOMPARE(generated.count(), 1);
        QVERIFY(QString::fromStdString(panel.code()->header).contains(expected));
    }

    void aSettingChangeDropsTheRunningJob()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        ExportPanel panel(&studio, m_data.get());
        panel.show();
        panel.setPrecision(core::Precision::Int8);
        QSignalSpy generated(&panel, &ExportPanel::generated);
        QVERIFY(panel.generate());
        panel.setPrecision(core::Precision::Float32);
        QVERIFY(!panel.isBusy()); // the int8 job is cancelled at once, the next one debounced
        QVERIFY(generated.wait(120000));
        QCOMPARE(generated.count(), 1);
        QVERIFY(!panel.code()->quantized); // float32, as now chosen
        QVERIFY(panel.job()->waitForIdle(10000));
        QCoreApplication::processEvents();
        QCOMPARE(generated.count(), 1);
        QVERIFY(!panel.code()->quantized);
    }

    void cancelShowsNothing()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        ExportPanel panel(&studio, m_data.get());
        panel.show();
        panel.setPrecision(core::Precision::Int8);
        QSignalSpy generated(&panel, &ExportPanel::generated);
        QVERIFY(panel.generate());
        auto *cancel = panel.findChild<QPushButton *>(QStringLiteral("cancelExport"));
        QVERIFY(cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!panel.isBusy());
        QVERIFY(!cancel->isVisible());
        QVERIFY(panel.message().contains(QStringLiteral("Cancelled")));
        QVERIFY(panel.job()->waitForIdle(10000)); // the worker stopped
        QCoreApplication::processEvents();
        QCOMPARE(generated.count(), 0);
        QVERIFY(!panel.code());
        QString error;
        QVERIFY(!panel.saveTo(QDir::tempPath(), &error)); // nothing to save, and it says so
        QVERIFY(!error.isEmpty());
    }
};

QTEST_MAIN(TestExportPanel)
#include "tst_exportpanel.moc"
