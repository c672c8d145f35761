// SPDX-License-Identifier: GPL-3.0-or-later
// Settings are input too: a settings file written by hand (a text scale of nan, 1e300 or 1000,
// an unknown language, a tab that does not exist, a relative MNIST folder, training settings out
// of range) gives the defaults with a one-line warning each, and the studio starts - also with a
// FIFO as runs.json and damaged drawings - keeping a sane font and its previous state.
#include "ui/mainwindow.h"
#include "ui/shared/datasource.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/storedvalue.h"
#include "ui/shared/userdigits.h"
#include "ui/train/runrecord.h"
#include "ui/train/trainpanel.h"

#include "core/data/dataset.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <sys/stat.h>

using namespace tinyml;
using namespace tinyml::ui;

namespace {

/// Warnings captured while a test runs (from any thread).
QMutex warningsLock;
QStringList warnings;
QtMessageHandler previousHandler = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg) {
        const QMutexLocker lock(&warningsLock);
        warnings << message;
    }
    previousHandler(type, context, message);
}

QStringList capturedWarnings()
{
    const QMutexLocker lock(&warningsLock);
    return warnings;
}

/// The warnings that name key; each must be one line.
QStringList warningsAbout(const QString &key)
{
    QStringList found;
    for (const QString &w : capturedWarnings())
        if (w.contains(key))
            found << w;
    return found;
}

} // namespace

class TestStoredSettings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config;
    int m_rows = 0;

    /// A fresh settings file holding text (ini), as a learner or another program could write it.
    void writeSettings(const QByteArray &text)
    {
        const QString dir = m_config.filePath(QString::number(++m_rows));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
        const QString file = QSettings().fileName();
        QVERIFY2(file.startsWith(dir), qPrintable(file));
        QVERIFY(QDir().mkpath(QFileInfo(file).path()));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("TinyML Studio"));
        QCoreApplication::setApplicationName(QStringLiteral("TinyML Studio"));
        previousHandler = qInstallMessageHandler(capture);
    }
    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }
    void init()
    {
        const QMutexLocker lock(&warningsLock);
        warnings.clear();
    }

    void textScale_data()
    {
        QTest::addColumn<QByteArray>("stored");
        QTest::addColumn<double>("expected");
        QTest::addColumn<bool>("warned");
        QTest::newRow("nan") << QByteArray("nan") << 1.0 << true;
        QTest::newRow("1e300") << QByteArray("1e300") << 1.0 << true;
        QTest::newRow("1000") << QByteArray("1000") << 1.0 << true;
        QTest::newRow("inf") << QByteArray("inf") << 1.0 << true;
        QTest::newRow("negative") << QByteArray("-2") << 1.0 << true;
        QTest::newRow("zero") << QByteArray("0") << 1.0 << true;
        QTest::newRow("a word") << QByteArray("large") << 1.0 << true;
        QTest::newRow("just below the smallest") << QByteArray("0.59") << 1.0 << true;
        QTest::newRow("the largest") << QByteArray("3") << 3.0 << false;
        QTest::newRow("one and a half") << QByteArray("1.5") << 1.5 << false;
        QTest::newRow("missing") << QByteArray() << 1.0 << false;
    }
    void textScale()
    {
        QFETCH(QByteArray, stored);
        QFETCH(double, expected);
        QFETCH(bool, warned);
        writeSettings(stored.isNull() ? QByteArray() : "[ui]\ntextScale=" + stored + "\n");
        const double base = QApplication::font().pointSizeF();
        QCOMPARE(settings::textScale(), expected);
        const QStringList lines = warningsAbout(QStringLiteral("ui/textScale"));
        QCOMPARE(lines.size(), warned ? 1 : 0);
        for (const QString &line : lines)
            QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
        // The font the studio would start with: finite, and the scale the setting allows.
        applyTextScale(settings::textScale());
        const double size = QApplication::font().pointSizeF();
        QVERIFY(std::isfinite(size));
        QCOMPARE(size, base * expected);
        applyTextScale(1.0);
    }

    void applyTextScaleRefusesImpossibleFactors_data()
    {
        QTest::addColumn<double>("factor");
        QTest::addColumn<double>("applied");
        QTest::newRow("nan") << std::nan("") << 1.0;
        QTest::newRow("1e300") << 1e300 << 3.0;
        QTest::newRow("1000") << 1000.0 << 3.0;
        QTest::newRow("-1") << -1.0 << 0.6;
    }
    void applyTextScaleRefusesImpossibleFactors()
    {
        QFETCH(double, factor);
        QFETCH(double, applied);
        const double base = QApplication::font().pointSizeF();
        applyTextScale(factor);
        QCOMPARE(QApplication::font().pointSizeF(), base * applied);
        applyTextScale(1.0);
        QCOMPARE(QApplication::font().pointSizeF(), base);
    }

    void otherSettings_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("key");
        QTest::newRow("unknown language") << QByteArray("[ui]\nlanguage=xx\n") << "ui/language";
        QTest::newRow("language a number") << QByteArray("[ui]\nlanguage=7e300\n") << "ui/language";
        QTest::newRow("tab 99") << QByteArray("[window]\ntab=99\n") << "window/tab";
        QTest::newRow("tab -1") << QByteArray("[window]\ntab=-1\n") << "window/tab";
        QTest::newRow("tab nan") << QByteArray("[window]\ntab=nan\n") << "window/tab";
        QTest::newRow("relative MNIST folder")
            << QByteArray("[data]\nmnistDir=some/where\n") << "data/mnistDir";
    }
    void otherSettings()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, key);
        writeSettings(text);
        if (key == QLatin1String("ui/language")) {
            QCOMPARE(settings::language(), QString());
        } else if (key == QLatin1String("window/tab")) {
            QCOMPARE(settings::tab(7, 1), 1);
        } else {
            qunsetenv("TINYML_DATA");
            DataSource data;
            QCOMPARE(data.directory(core::DatasetKind::Mnist),
                     QString::fromStdString(core::defaultMnistDirectory().string()));
        }
        QVERIFY(!warningsAbout(key).isEmpty());
        for (const QString &line : warningsAbout(key))
            QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
    }

    void goodSettingsAreUsedWithoutWarning()
    {
        writeSettings("[ui]\nlanguage=de\ntextScale=1.25\n[window]\ntab=4\n");
        QCOMPARE(settings::language(), QStringLiteral("de"));
        QCOMPARE(settings::textScale(), 1.25);
        QCOMPARE(settings::tab(7, 1), 4);
        QVERIFY2(capturedWarnings().isEmpty(),
                 qPrintable(capturedWarnings().join(QLatin1Char('|'))));
    }

    void studioStartsWithHostileSettingsAndFiles()
    {
        // Training settings as saved by the Train tab, with a batch size and epochs out of range.
        RunRecord saved;
        saved.id = QStringLiteral("settings");
        saved.spec = core::ModelSpec::withHidden({32}, core::Activation::Tanh);
        QJsonObject json = saved.toJson();
        json[QStringLiteral("batch_size")] = 1e300;
        json[QStringLiteral("epochs_planned")] = -4;
        writeSettings("[ui]\ntextScale=nan\nlanguage=xx\n[window]\ntab=99\n"
                      "geometry=@ByteArray(garbage)\nstate=@ByteArray(\\xff\\xff)\n");
        QSettings().setValue(QStringLiteral("train/settings"),
                             QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
        // A FIFO as runs.json and a damaged pair of drawings where the studio keeps its files.
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY2(data.startsWith(QString::fromLocal8Bit(qgetenv("XDG_DATA_HOME"))),
                 qPrintable(data));
        QVERIFY(QDir().mkpath(data + QStringLiteral("/runs")));
        QVERIFY(QDir().mkpath(data + QStringLiteral("/my-digits")));
        const QString fifo = data + QStringLiteral("/runs/runs.json");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QFile images(data + QStringLiteral("/my-digits/images-idx3-ubyte"));
        QVERIFY(images.open(QIODevice::WriteOnly));
        images.write("not a drawing");
        images.close();

        const double base = QApplication::font().pointSizeF();
        applyTextScale(settings::textScale());
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(QApplication::font().pointSizeF(), base);
        QCOMPARE(w.tabs()->currentIndex(), 1); // the drawing canvas, as at a first start
        QCOMPARE(w.trainPanel()->editor()->config().batchSize, 32);
        QCOMPARE(w.trainPanel()->editor()->config().epochs, 5);
        QCOMPARE(w.trainPanel()->editor()->spec().layers.front().units, 32); // the rest is used
        for (const char *key :
             {"ui/textScale", "ui/language", "window/tab", "batch_size", "epochs_planned"})
            QVERIFY2(!warningsAbout(QLatin1String(key)).isEmpty(), key);
        // Both unreadable files are reported on the status bar once they are read; nothing is lost.
        QTRY_VERIFY(!w.runStore()->isLoading() && !w.userDigits()->isLoading());
        const QString message = w.statusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("not a regular file")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("images-idx3-ubyte")), qPrintable(message));
        QVERIFY(!w.runStore()->setAsideFile().isEmpty());
        QVERIFY(QFileInfo(w.runStore()->setAsideFile()).exists());
        QCOMPARE(QFile(images.fileName()).size(), qint64(13));
    }
};

int main(int argc, char **argv)
{
    // The studio's own folders in a temporary home, never the user's or other tests'.
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    QApplication app(argc, argv);
    TestStoredSettings test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storedsettings.moc"
