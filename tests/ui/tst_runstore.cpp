// SPDX-License-Identifier: GPL-3.0-or-later
// The runs store never erases what it cannot read: runs with a damaged or newer model file, or
// an id that would reach outside the runs folder, stay in runs.json as they were through adds,
// renames and deletes; a runs.json that is not a run list is moved aside, a newer one is never
// written, a FIFO is not waited for; values out of range get their defaults with a warning.
#include "ui/train/runlistmodel.h"
#include "ui/train/runrecord.h"

#include "runstoresupport.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace tinyml;
using namespace tinyml::ui;
using tinyml::test::entries;
using tinyml::test::makeRun;
using tinyml::test::readAll;
using tinyml::test::writeAll;

namespace {

/// Three saved runs a1, b2, c3 with their model files in folder.
void saveThreeRuns(const QString &folder)
{
    RunStore store(folder);
    QVERIFY(store.add(makeRun(QStringLiteral("a1"), 1)));
    QVERIFY(store.add(makeRun(QStringLiteral("b2"), 2)));
    QVERIFY(store.add(makeRun(QStringLiteral("c3"), 3)));
}

} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void unreadableRunsSurviveAddRenameAndDelete_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("damaged model file") << QStringLiteral("byte");
        QTest::newRow("model file of a newer version") << QStringLiteral("version");
        QTest::newRow("model file that is a folder") << QStringLiteral("folder");
        QTest::newRow("model file that is a FIFO") << QStringLiteral("fifo");
    }
    void unreadableRunsSurviveAddRenameAndDelete()
    {
        QFETCH(QString, damage);
        QTemporaryDir dir;
        saveThreeRuns(dir.path());
        const QString model = dir.filePath(QStringLiteral("a1.tmlm"));
        QByteArray bytes = readAll(model);
        QVERIFY(bytes.size() > 100);
        if (damage == QLatin1String("byte")) {
            bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x5a);
            QVERIFY(writeAll(model, bytes));
        } else if (damage == QLatin1String("version")) {
            bytes[8] = 2; // u32 version after the 8-byte magic; this build reads version 1
            QVERIFY(writeAll(model, bytes));
        } else if (damage == QLatin1String("folder")) {
            QVERIFY(QFile::remove(model));
            QVERIFY(QDir().mkpath(model));
        } else {
            // Nobody writes to it: a reader that opened it would wait forever.
            QVERIFY(QFile::remove(model));
            QCOMPARE(::mkfifo(QFile::encodeName(model).constData(), 0600), 0);
        }
        const QJsonObject original = entries(dir.path()).value(QStringLiteral("a1"));
        QVERIFY(!original.isEmpty());

        RunStore store(dir.path());
        QString error;
        store.load(&error);
        QCOMPARE(store.runs().size(), std::size_t(2));
        QCOMPARE(store.keptCount(), 1);
        QVERIFY(!store.find(QStringLiteral("a1")));
        // Reported once, in one line.
        QVERIFY2(!error.isEmpty() && !error.contains(QLatin1Char('\n')), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("1 of 3")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("a1.tmlm")), qPrintable(error));

        QVERIFY(store.add(makeRun(QStringLiteral("d4"), 4)));
        QVERIFY(store.rename(QStringLiteral("b2"), QStringLiteral("Renamed")));
        QVERIFY(store.remove(QStringLiteral("c3")));
        const auto after = entries(dir.path());
        QCOMPARE(after.keys(), (QStringList{"a1", "b2", "d4"}));
        QCOMPARE(after.value(QStringLiteral("a1")), original); // as it was, every field
        QCOMPARE(after.value(QStringLiteral("b2"))[QStringLiteral("name")].toString(),
                 QStringLiteral("Renamed"));
        if (damage == QLatin1String("folder"))
            QVERIFY(QFileInfo(model).isDir());
        else if (damage == QLatin1String("fifo"))
            QVERIFY(!QFileInfo(model).isFile() && QFileInfo(model).exists());
        else
            QCOMPARE(readAll(model), bytes); // the model file untouched
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("c3.tmlm"))));
    }

    void newRunNeverTakesTheIdOfAKeptOne()
    {
        QTemporaryDir dir;
        saveThreeRuns(dir.path());
        QVERIFY(writeAll(dir.filePath(QStringLiteral("a1.tmlm")), "damaged"));
        RunStore store(dir.path());
        store.load();
        QCOMPARE(store.keptCount(), 1);
        // The same id again, and an id that is no file name: both get fresh ids.
        QVERIFY(store.add(makeRun(QStringLiteral("a1"), 5)));
        QVERIFY(store.add(makeRun(QStringLiteral("../escape"), 6)));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("a1.tmlm"))), QByteArray("damaged"));
        QCOMPARE(store.runs().size(), std::size_t(4));
        for (const auto &run : store.runs()) {
            QVERIFY2(RunRecord::isValidId(run.id), qPrintable(run.id));
            QVERIFY(run.id != QLatin1String("a1"));
        }
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("../escape.tmlm"))));
    }

    void runIdCannotReachOutsideTheRunsFolder_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("parent folders") << QStringLiteral("../../x/secret");
        QTest::newRow("absolute path") << QStringLiteral("/tmp/secret");
        QTest::newRow("dot dot") << QStringLiteral("..");
        QTest::newRow("space") << QStringLiteral("a b");
        QTest::newRow("too long") << QString(65, QLatin1Char('a'));
    }
    void runIdCannotReachOutsideTheRunsFolder()
    {
        QFETCH(QString, id);
        QVERIFY(!RunRecord::isValidId(id));
        QTemporaryDir dir;
        const QString runs = dir.filePath(QStringLiteral("one/two/runs"));
        saveThreeRuns(runs);
        // A file that "Delete run" of the crafted id would have removed.
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("one/x"))));
        const QString secret = dir.filePath(QStringLiteral("one/x/secret.tmlm"));
        QVERIFY(writeAll(secret, "not the studio's"));
        QJsonDocument doc = QJsonDocument::fromJson(readAll(runs + QStringLiteral("/runs.json")));
        QJsonObject list = doc.object();
        QJsonArray all = list[QStringLiteral("runs")].toArray();
        QJsonObject crafted = all[0].toObject();
        crafted[QStringLiteral("id")] = id;
        all[0] = crafted;
        list[QStringLiteral("runs")] = all;
        QVERIFY(writeAll(runs + QStringLiteral("/runs.json"), QJsonDocument(list).toJson()));

        RunStore store(runs);
        QString error;
        store.load(&error);
        QCOMPARE(store.runs().size(), std::size_t(2));
        QCOMPARE(store.keptCount(), 1);
        QVERIFY2(error.contains(QStringLiteral("id")), qPrintable(error));
        QVERIFY(!store.remove(id));
        QVERIFY(store.remove(QStringLiteral("b2")));
        QCOMPARE(readAll(secret), QByteArray("not the studio's"));
        // The crafted entry is kept (it is the learner's file), never acted on.
        QVERIFY(entries(runs).contains(id));
    }

    void unparsableRunListIsMovedAsideNotOverwritten_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not JSON") << QByteArray("{\"format\": \"tinyml-runs\", \"runs\": [");
        QTest::newRow("another JSON file") << QByteArray("{\"format\": \"other\"}");
        QTest::newRow("runs not a list")
            << QByteArray("{\"format\": \"tinyml-runs\", \"version\": 1, \"runs\": 7}");
        QTest::newRow("empty") << QByteArray();
    }
    void unparsableRunListIsMovedAsideNotOverwritten()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.json"));
        QVERIFY(writeAll(path, content));
        RunStore store(dir.path());
        QString error;
        store.load(&error);
        QVERIFY(store.runs().empty());
        QVERIFY(!store.setAsideFile().isEmpty());
        QVERIFY(store.setAsideFile().startsWith(path + QStringLiteral(".unreadable-")));
        QVERIFY2(error.contains(store.setAsideFile()) && !error.contains(QLatin1Char('\n')),
                 qPrintable(error));
        QCOMPARE(readAll(store.setAsideFile()), content);
        // A new list begins beside it.
        QVERIFY(store.add(makeRun(QStringLiteral("n1"), 1)));
        QCOMPARE(entries(dir.path()).keys(), QStringList{QStringLiteral("n1")});
        QCOMPARE(readAll(store.setAsideFile()), content);
    }

    void runListOfANewerVersionIsNeverWritten()
    {
        QTemporaryDir dir;
        saveThreeRuns(dir.path());
        const QString path = dir.filePath(QStringLiteral("runs.json"));
        const QByteArray newer = tinyml::test::markNewer(path);
        QVERIFY(!newer.isEmpty());
        RunStore store(dir.path());
        QString error;
        store.load(&error);
        QVERIFY(!store.readOnlyReason().isEmpty());
        QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
        QString addError;
        QVERIFY(!store.add(makeRun(QStringLiteral("n1"), 1), &addError));
        QCOMPARE(addError, store.readOnlyReason());
        QVERIFY(store.find(QStringLiteral("n1"))); // kept for this session
        QVERIFY(!store.rename(QStringLiteral("n1"), QStringLiteral("x")));
        QVERIFY(!store.remove(QStringLiteral("n1")));
        QCOMPARE(readAll(path), newer);
        for (const char *model : {"a1.tmlm", "b2.tmlm", "c3.tmlm"})
            QVERIFY(QFile::exists(dir.filePath(QLatin1String(model))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("n1.tmlm"))));
    }

    void fifoAsRunListNeverBlocks()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        RunStore store(dir.path());
        QString error;
        store.load(&error); // nobody writes to the FIFO: opening it to read would wait forever
        QVERIFY(store.runs().empty());
        QVERIFY2(error.contains(QStringLiteral("not a regular file")), qPrintable(error));
        QVERIFY(store.add(makeRun(QStringLiteral("n1"), 1)));
        QVERIFY(QFileInfo(path).isFile());
        QCOMPARE(entries(dir.path()).keys(), QStringList{QStringLiteral("n1")});
    }

    void missingModelFileKeepsTheRunListed()
    {
        QTemporaryDir dir;
        saveThreeRuns(dir.path());
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("b2.tmlm"))));
        RunStore store(dir.path());
        QString error;
        store.load(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(store.runs().size(), std::size_t(3));
        QVERIFY(store.find(QStringLiteral("b2")));
        QVERIFY(!store.find(QStringLiteral("b2"))->model);
        QVERIFY(store.find(QStringLiteral("a1"))->model);
    }

    void duplicateIdIsKeptNotMerged()
    {
        QTemporaryDir dir;
        saveThreeRuns(dir.path());
        const QString path = dir.filePath(QStringLiteral("runs.json"));
        QJsonObject list = QJsonDocument::fromJson(readAll(path)).object();
        QJsonArray all = list[QStringLiteral("runs")].toArray();
        QJsonObject twin = all[0].toObject();
        twin[QStringLiteral("name")] = QStringLiteral("Twin");
        all.append(twin);
        list[QStringLiteral("runs")] = all;
        QVERIFY(writeAll(path, QJsonDocument(list).toJson()));
        RunStore store(dir.path());
        store.load();
        QCOMPARE(store.runs().size(), std::size_t(3));
        QCOMPARE(store.keptCount(), 1);
        QVERIFY(store.remove(QStringLiteral("c3")));
        const auto doc = QJsonDocument::fromJson(readAll(path));
        QCOMPARE(doc.object()[QStringLiteral("runs")].toArray().size(), 3); // a1, b2, the twin
    }

    void valuesOutOfRangeGetTheirDefaults_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("batch size 0") << QStringLiteral("batch_size") << QJsonValue(0);
        QTest::newRow("batch size 1e300") << QStringLiteral("batch_size") << QJsonValue(1e300);
        QTest::newRow("batch size as text") << QStringLiteral("batch_size") << QJsonValue("many");
        QTest::newRow("epochs negative") << QStringLiteral("epochs_planned") << QJsonValue(-3);
        QTest::newRow("epochs fractional") << QStringLiteral("epochs_planned") << QJsonValue(2.5);
        QTest::newRow("validation split 1")
            << QStringLiteral("validation_split") << QJsonValue(1.0);
        QTest::newRow("patience huge") << QStringLiteral("patience") << QJsonValue(1e12);
        QTest::newRow("subset negative") << QStringLiteral("subset") << QJsonValue(-1);
        QTest::newRow("test accuracy 7") << QStringLiteral("test_accuracy") << QJsonValue(7.0);
        QTest::newRow("seconds negative") << QStringLiteral("seconds") << QJsonValue(-5.0);
    }
    void valuesOutOfRangeGetTheirDefaults()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QJsonObject json = makeRun(QStringLiteral("v1"), 1).toJson();
        json[key] = value;
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("^runs.json, run v1: .*")
                                                + QRegularExpression::escape(key)));
        const RunRecord r = RunRecord::fromJson(json);
        // The defaults, stated independently: TrainConfig's and zero for results.
        QCOMPARE(r.config.batchSize, 32);
        QCOMPARE(r.config.epochs, 5);
        QCOMPARE(r.config.validationSplit, 0.0f);
        QCOMPARE(r.config.earlyStoppingPatience, 0);
        QCOMPARE(r.config.trainSubset, 0);
        QCOMPARE(r.testAccuracy, key == QLatin1String("test_accuracy") ? 0.0 : 0.5);
        QCOMPARE(r.seconds, 0.0);
    }

    void valuesInRangeAreKeptWithoutWarning()
    {
        RunRecord run = makeRun(QStringLiteral("ok"), 1);
        run.config.batchSize = 65536;
        run.config.epochs = 100000;
        run.config.validationSplit = 0.5f;
        run.testAccuracy = 1.0;
        run.lossX = {0.0, 0.5};
        run.lossY = {2.3, 0.1};
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        const RunRecord back = RunRecord::fromJson(run.toJson());
        QCOMPARE(back.config.batchSize, 65536);
        QCOMPARE(back.config.epochs, 100000);
        QCOMPARE(back.config.validationSplit, 0.5f);
        QCOMPARE(back.testAccuracy, 1.0);
        QCOMPARE(back.lossY, (std::vector<double>{2.3, 0.1}));
    }
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_runstore.moc"
