// SPDX-License-Identifier: GPL-3.0-or-later
// The Export tab on the embedded model and real MNIST (label "mnist").
#include "testsupport.h"

#include "ui/shared/datasource.h"
#include "ui/export/exportpanel.h"
#include "ui/shared/studiomodel.h"

#include <QListWidget>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

class TestExportPanel : public QObject
{
    Q_OBJECT

private slots:
    void budgetsFlipsAndFiles()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        DataSource data;
        QSignalSpy loaded(&data, &DataSource::loaded);
        data.load(core::DatasetKind::Mnist);
        QVERIFY(loaded.wait(20000));
        ExportPanel panel(&studio, &data);
        panel.resize(1200, 800);
        panel.show();

        panel.setPrecision(core::Precision::Float32);
        panel.setBoard(0); // Nano 33 BLE: 1 MB Flash
        QVERIFY(panel.generate());
        QVERIFY(panel.flashFits());
        QCOMPARE(panel.code()->budget.weights, 101632 * 4);
        QVERIFY(!panel.flashBar()->styleSheet().contains(QStringLiteral("#d62728")));
        panel.setBoard(5); // Arduino Uno: 32 KB
        QVERIFY(!panel.flashFits());
        QVERIFY(panel.flashBar()->styleSheet().contains(QStringLiteral("#d62728"))); // red

        panel.setPrecision(core::Precision::Int8);
        QVERIFY(panel.generate());
        QVERIFY(panel.code()->quantized.has_value());
        QCOMPARE(panel.code()->budget.weights, 101632);
        QVERIFY(panel.flippedList()->count() > 0); // some test images change their prediction
        QVERIFY(panel.flippedList()->count() < 100);

        panel.setPrefix(QStringLiteral("My Digits"));
        QVERIFY(panel.generate());
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
};

QTEST_MAIN(TestExportPanel)
#include "tst_exportpanel.moc"
