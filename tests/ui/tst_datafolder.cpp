// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's data no longer goes to a doubled "TinyML Studio/TinyML Studio" folder, and
// what earlier versions kept there moves over without losing anything.
#include "ui/shared/datafolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml::ui;

namespace {
void write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}
QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
}
} // namespace

class TestDataFolder : public QObject
{
    Q_OBJECT

private slots:
    void mergesWithoutOverwriting()
    {
        QTemporaryDir root;
        const QString from = root.filePath(QStringLiteral("old")),
                      to = root.filePath(QStringLiteral("new"));
        write(from + QStringLiteral("/runs/runs.json"), "old list");
        write(from + QStringLiteral("/runs/a.tmlm"), "model a");
        write(from + QStringLiteral("/my-digits/digits.idx"), "drawings");
        write(to + QStringLiteral("/runs/runs.json"), "new list");
        write(to + QStringLiteral("/runs/b.tmlm"), "model b");
        const FolderMove move = moveFolderContents(from, to);
        QCOMPARE(move.moved, 2); // runs/a.tmlm and the my-digits folder
        QCOMPARE(move.kept, QStringList{from + QStringLiteral("/runs/runs.json")});
        QVERIFY(move.failed.isEmpty());
        QCOMPARE(read(to + QStringLiteral("/runs/a.tmlm")), QByteArray("model a"));
        QCOMPARE(read(to + QStringLiteral("/runs/b.tmlm")), QByteArray("model b"));
        QCOMPARE(read(to + QStringLiteral("/runs/runs.json")), QByteArray("new list"));
        QCOMPARE(read(to + QStringLiteral("/my-digits/digits.idx")), QByteArray("drawings"));
        // The old run list is not lost: it stays where it was.
        QCOMPARE(read(from + QStringLiteral("/runs/runs.json")), QByteArray("old list"));
        QVERIFY(!QFileInfo::exists(from + QStringLiteral("/my-digits")));
    }

    void theStudiosFoldersAreNotDoubledAndOldOnesMove()
    {
        QStandardPaths::setTestModeEnabled(true);
        setStudioIdentity(QStringLiteral("0"));
        const QString appData = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY2(!appData.contains(QStringLiteral("TinyML Studio/TinyML Studio")),
                 qPrintable(appData));
        QVERIFY(appData.endsWith(QStringLiteral("/TinyML Studio")));
        const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        const QString config
            = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QDir(appData).removeRecursively();
        QDir(data + QStringLiteral("/TinyML Studio")).removeRecursively();
        QFile::remove(config + QStringLiteral("/TinyML/TinyML Studio.conf"));
        // What an earlier version left behind.
        write(data + QStringLiteral("/TinyML Studio/TinyML Studio/runs/runs.json"), "runs");
        write(config + QStringLiteral("/TinyML Studio/TinyML Studio.conf"), "[train]\n");
        const QString note = migrateDoubledFolders();
        QVERIFY(note.contains(QStringLiteral("moved")));
        QCOMPARE(read(appData + QStringLiteral("/runs/runs.json")), QByteArray("runs"));
        QVERIFY(!QFileInfo::exists(data + QStringLiteral("/TinyML Studio")));
        QCOMPARE(read(config + QStringLiteral("/TinyML/TinyML Studio.conf")),
                 QByteArray("[train]\n"));
        QVERIFY(!QFileInfo::exists(config + QStringLiteral("/TinyML Studio")));
        // Nothing to do the next time.
        QVERIFY(migrateDoubledFolders().isEmpty());
        QDir(appData).removeRecursively();
        QFile::remove(config + QStringLiteral("/TinyML/TinyML Studio.conf"));
    }
};

QTEST_GUILESS_MAIN(TestDataFolder)
#include "tst_datafolder.moc"
