// SPDX-License-Identifier: GPL-3.0-or-later
// File > Open model… on crafted model files (valid checksum, impossible numbers): the studio
// shows a message naming the file and keeps the model it had, also on the Export tab.
#include "craftedmodel.h"
#include "testsupport.h"

#include "ui/export/exportpanel.h"
#include "ui/mainwindow.h"
#include "ui/shared/studiomodel.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace tinyml;
using namespace tinyml::ui;
using test::CraftedLayer;
using test::FileActivation;

namespace {

QByteArray bytesOf(const std::vector<std::uint8_t> &v)
{
    return QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size()));
}

QAction *openAction(MainWindow &w)
{
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == MainWindow::tr("&Open model…"))
            return a;
    return nullptr;
}

} // namespace

class TestOpenHostile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    void openingACraftedFileKeepsTheModel_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected"); // part of the message
        QTest::newRow("65536 classes") << bytesOf(test::craftModel(
            784, {{1, FileActivation::Relu, 0.01f, 0.0f}, {65536, FileActivation::Softmax}}))
                                       << QStringLiteral("256 classes");
        std::vector<CraftedLayer> small{{10, FileActivation::Softmax, 0.01f, 0.0f}};
        std::vector<float> nan = test::craftedParameters(784, small);
        nan[0] = std::numeric_limits<float>::quiet_NaN();
        QTest::newRow("NaN weight")
            << bytesOf(test::craftModel(784, small, nan)) << QStringLiteral("NaN");
        QTest::newRow("weights 1e30") << bytesOf(test::craftModel(
            784, {{64, FileActivation::Relu, 1e30f}, {10, FileActivation::Softmax, 0.01f}}))
                                      << QStringLiteral("1e+30");
    }
    void openingACraftedFileKeepsTheModel()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString file = m_dir.filePath(QStringLiteral("crafted.tmlm"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        f.close();

        MainWindow w;
        w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const auto before = w.studio()->model();
        QVERIFY(before);
        const QString origin = w.studio()->origin();

        // The learner picks the file in the dialog; then the warning appears and is read.
        QString message;
        bool chose = false;
        QTimer driver;
        connect(&driver, &QTimer::timeout, this, [&] {
            QWidget *modal = QApplication::activeModalWidget();
            // Types the path into the file name field and presses Enter, as a learner can.
            if (auto *dialog = qobject_cast<QFileDialog *>(modal)) {
                auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
                if (name && name->text() != file) {
                    chose = true;
                    name->setText(file);
                    QTest::keyClick(name, Qt::Key_Return);
                }
            } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
                message = box->text();
                box->accept();
            }
        });
        driver.start(20);
        QAction *open = openAction(w);
        QVERIFY(open);
        open->trigger(); // returns when the file is chosen; it is read on a worker thread
        QTRY_VERIFY_WITH_TIMEOUT(!message.isEmpty(), 60000); // the warning, once it was read
        driver.stop();
        QVERIFY(!w.studio()->isOpening());

        QVERIFY(chose);
        QVERIFY2(message.contains(file), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(w.studio()->model(), before);
        QCOMPARE(w.studio()->origin(), origin);
        // The Export tab (which crashed on the 65,536-class model) shows the previous model.
        w.tabs()->setCurrentWidget(w.exportPanel());
        QCoreApplication::processEvents();
        QCOMPARE(w.studio()->model(), before);
    }
};

QTEST_MAIN(TestOpenHostile)
#include "tst_openhostile.moc"
