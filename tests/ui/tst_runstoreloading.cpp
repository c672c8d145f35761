// SPDX-License-Identifier: GPL-3.0-or-later
// The saved runs are read on a worker when the studio starts: the window appears before the list
// arrives and the Train tab says it is loading; a run finished meanwhile is saved together with
// the saved ones (never instead of them); an unreadable list is still moved aside and a newer one
// never written; quitting while the list loads leaves runs.json as it was, or with the new run
// added to it.
#include "runstoresupport.h"
#include "testsupport.h"

#include "ui/mainwindow.h"
#include "ui/train/runlistmodel.h"
#include "ui/train/runrecord.h"
#include "ui/train/trainpanel.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;
using tinyml::test::entries;
using tinyml::test::makeRun;
using tinyml::test::readAll;
using tinyml::test::writeAll;

namespace {

/// Saved runs in a test: enough that reading them takes a while (tens of milliseconds).
constexpr int kSavedRuns = 60;

/// kSavedRuns runs s0, s1, … in folder as an earlier session left them: runs.json with a
/// 5-epoch curve of 2,350 points per run (what the Train tab keeps of 5 epochs of 1,875
/// batches), and a model file per run.
void makeSavedRuns(const QString &folder)
{
    QVERIFY(QDir().mkpath(folder));
    QJsonArray all;
    for (int i = 0; i < kSavedRuns; ++i) {
        RunRecord r = makeRun(QStringLiteral("s%1").arg(i), i % 10);
        for (int p = 0; p < 2350; ++p) {
            r.lossX.push_back(p / 470.0);
            r.lossY.push_back(2.3 / (1.0 + p / 100.0));
        }
        all.append(r.toJson());
        core::saveModel((folder + QLatin1Char('/') + r.id + QStringLiteral(".tmlm")).toStdString(),
                        r.model->network, nullptr, {});
    }
    const QJsonObject list{{"format", "tinyml-runs"}, {"version", 1}, {"runs", all}};
    QVERIFY(writeAll(folder + QStringLiteral("/runs.json"), QJsonDocument(list).toJson()));
}

/// The saved runs of makeSavedRuns(), made once.
QString savedRunsTemplate()
{
    static QTemporaryDir dir;
    static const bool made = [] {
        makeSavedRuns(dir.path());
        return !QTest::currentTestFailed();
    }();
    Q_UNUSED(made);
    return dir.path();
}

/// A copy of the saved runs of makeSavedRuns() in folder.
void writeSavedRuns(const QString &folder)
{
    QVERIFY(QDir().mkpath(folder));
    const QDir from(savedRunsTemplate());
    const QStringList files = from.entryList(QDir::Files);
    QCOMPARE(files.size(), kSavedRuns + 1);
    for (const QString &file : files)
        QVERIFY(QFile::copy(from.filePath(file), folder + QLatin1Char('/') + file));
}

QStringList savedIds()
{
    QStringList ids;
    for (int i = 0; i < kSavedRuns; ++i)
        ids << QStringLiteral("s%1").arg(i);
    return ids;
}

} // namespace

class TestRunStoreLoading : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tinyml-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_runstoreloading"));
    }

    void init()
    {
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        QSettings().clear();
    }

    void windowAppearsBeforeTheSavedRuns()
    {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                               + QStringLiteral("/runs");
        writeSavedRuns(folder);
        QElapsedTimer clock;
        clock.start();
        MainWindow w;
        const qint64 constructed = clock.elapsed();
        // Nothing of the list can have arrived: it is delivered by the event loop.
        QVERIFY(w.runStore()->isLoading());
        QVERIFY(w.runStore()->runs().empty());
        auto *header = w.trainPanel()->findChild<QLabel *>(QStringLiteral("runsHeader"));
        QVERIFY(header);
        QVERIFY2(header->text().contains(QStringLiteral("loading")), qPrintable(header->text()));
        QSignalSpy loaded(w.runStore(), &RunStore::loaded);
        w.show();
        QVERIFY(loaded.wait(60000));
        qDebug("%d saved runs: window built in %lld ms, list shown after %lld ms", kSavedRuns,
               constructed, clock.elapsed());
        QCOMPARE(loaded.at(0).at(0).toString(), QString());
        QVERIFY(!w.runStore()->isLoading());
        QCOMPARE(w.runStore()->model()->rowCount(), kSavedRuns);
        QVERIFY(w.runStore()->find(QStringLiteral("s7"))->model);
        QVERIFY2(!header->text().contains(QStringLiteral("loading")), qPrintable(header->text()));
        QVERIFY(header->text().contains(QStringLiteral("compare")));
    }

    void runAddedWhileLoadingIsSavedWithTheOthers_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("a new id") << QStringLiteral("n1");
        QTest::newRow("the id of a saved run") << QStringLiteral("s3");
        QTest::newRow("the id of a saved run without its model file") << QStringLiteral("s4");
    }
    void runAddedWhileLoadingIsSavedWithTheOthers()
    {
        QFETCH(QString, id);
        QTemporaryDir dir;
        writeSavedRuns(dir.path());
        if (id == QLatin1String("s4"))
            QVERIFY(QFile::remove(dir.filePath(QStringLiteral("s4.tmlm"))));
        const QByteArray before = readAll(dir.filePath(QStringLiteral("runs.json")));
        const auto saved = entries(dir.path());
        const QByteArray savedModel = readAll(dir.filePath(QStringLiteral("s3.tmlm")));

        RunStore store(dir.path());
        QSignalSpy loaded(&store, &RunStore::loaded);
        store.loadInBackground();
        QVERIFY(store.isLoading());
        QVERIFY(store.add(makeRun(id, 8)));
        QCOMPARE(store.runs().size(), std::size_t(1)); // shown at once
        const QString added = store.runs().back().id;
        QVERIFY(store.rename(added, QStringLiteral("Finished while loading")));
        // Nothing is written before the saved runs are known.
        QCOMPARE(readAll(dir.filePath(QStringLiteral("runs.json"))), before);

        QVERIFY(loaded.wait(60000));
        QCOMPARE(loaded.at(0).at(0).toString(), QString());
        QCOMPARE(store.runs().size(), std::size_t(kSavedRuns + 1));
        const QString newId = store.runs().back().id;
        QCOMPARE(store.runs().back().name, QStringLiteral("Finished while loading"));
        const auto after = entries(dir.path());
        QCOMPARE(after.size(), kSavedRuns + 1);
        for (const QString &saveId : savedIds())
            QCOMPARE(after.value(saveId), saved.value(saveId)); // every saved run as it was
        QCOMPARE(after.value(newId)[QStringLiteral("name")].toString(),
                 QStringLiteral("Finished while loading"));
        if (id == QLatin1String("n1"))
            QCOMPARE(newId, id);
        else
            QVERIFY(newId != id); // never two runs of one id, never another run's model file
        QCOMPARE(readAll(dir.filePath(QStringLiteral("s3.tmlm"))), savedModel);
        if (id == QLatin1String("s4")) // the listed run's model file stays missing
            QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("s4.tmlm"))));
        // The new run's model answers 8, read back from its own file.
        const core::LoadedModel back
            = core::loadModel(dir.filePath(newId + QStringLiteral(".tmlm")).toStdString());
        const std::vector<float> blank(784, 0.0f);
        const auto p = back.network.predict(blank);
        QCOMPARE(int(std::max_element(p.begin(), p.end()) - p.begin()), 8);
    }

    void runRemovedWhileLoadingIsNotSaved()
    {
        QTemporaryDir dir;
        writeSavedRuns(dir.path());
        const QByteArray before = readAll(dir.filePath(QStringLiteral("runs.json")));
        RunStore store(dir.path());
        QSignalSpy loaded(&store, &RunStore::loaded);
        store.loadInBackground();
        QVERIFY(store.add(makeRun(QStringLiteral("n1"), 1)));
        QVERIFY(store.remove(QStringLiteral("n1")));
        QVERIFY(loaded.wait(60000));
        QCOMPARE(store.runs().size(), std::size_t(kSavedRuns));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("runs.json"))), before);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("n1.tmlm"))));
    }

    void unreadableListIsSetAsideAndTheNewRunBeginsTheList()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.json"));
        const QByteArray content("{\"format\": \"tinyml-runs\", \"runs\": [");
        QVERIFY(writeAll(path, content));
        RunStore store(dir.path());
        QSignalSpy loaded(&store, &RunStore::loaded);
        store.loadInBackground();
        QVERIFY(store.add(makeRun(QStringLiteral("n1"), 1)));
        QCOMPARE(readAll(path), content);
        QVERIFY(loaded.wait(60000));
        const QString error = loaded.at(0).at(0).toString();
        QVERIFY(store.setAsideFile().startsWith(path + QStringLiteral(".unreadable-")));
        QVERIFY2(error.contains(store.setAsideFile()), qPrintable(error));
        QCOMPARE(readAll(store.setAsideFile()), content);
        QCOMPARE(entries(dir.path()).keys(), QStringList{QStringLiteral("n1")});
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("n1.tmlm"))));
    }

    void newerListIsNotWrittenByARunAddedWhileLoading()
    {
        QTemporaryDir dir;
        writeSavedRuns(dir.path());
        const QString path = dir.filePath(QStringLiteral("runs.json"));
        const QByteArray newer = tinyml::test::markNewer(path);
        QVERIFY(!newer.isEmpty());
        RunStore store(dir.path());
        QSignalSpy loaded(&store, &RunStore::loaded);
        store.loadInBackground();
        QVERIFY(store.add(makeRun(QStringLiteral("n1"), 1)));
        QVERIFY(loaded.wait(60000));
        QVERIFY(!store.readOnlyReason().isEmpty());
        QVERIFY2(loaded.at(0).at(0).toString().contains(QStringLiteral("newer")),
                 qPrintable(loaded.at(0).at(0).toString()));
        QVERIFY(store.find(QStringLiteral("n1"))); // kept for this session
        QCOMPARE(readAll(path), newer);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("n1.tmlm"))));
    }

    void quittingWhileLoadingLeavesTheListIntact_data()
    {
        QTest::addColumn<bool>("addRun");
        QTest::addColumn<bool>("finish");
        QTest::newRow("nothing added, finished") << false << true;
        QTest::newRow("a run added, finished") << true << true;
        QTest::newRow("nothing added, destroyed") << false << false;
        QTest::newRow("a run added, destroyed") << true << false;
    }
    void quittingWhileLoadingLeavesTheListIntact()
    {
        QFETCH(bool, addRun);
        QFETCH(bool, finish);
        QTemporaryDir dir;
        writeSavedRuns(dir.path());
        const QByteArray before = readAll(dir.filePath(QStringLiteral("runs.json")));
        const auto saved = entries(dir.path());
        {
            RunStore store(dir.path());
            QSignalSpy loaded(&store, &RunStore::loaded);
            store.loadInBackground();
            if (addRun)
                QVERIFY(store.add(makeRun(QStringLiteral("n1"), 1)));
            if (finish) {
                // The window's close: no event loop runs in between.
                QVERIFY(store.finishLoading(60000));
                QVERIFY(!store.isLoading());
                QCOMPARE(loaded.count(), addRun ? 1 : 0);
            }
        }
        QCoreApplication::processEvents(); // whatever the worker still delivers goes nowhere
        if (addRun && finish) {
            const auto after = entries(dir.path());
            QCOMPARE(after.size(), kSavedRuns + 1);
            for (const QString &id : savedIds())
                QCOMPARE(after.value(id), saved.value(id));
            QVERIFY(after.contains(QStringLiteral("n1")));
        } else {
            QCOMPARE(readAll(dir.filePath(QStringLiteral("runs.json"))), before);
        }
        // The next start reads them all.
        RunStore again(dir.path());
        QString error;
        again.load(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(again.runs().size(), std::size_t(kSavedRuns + (addRun && finish ? 1 : 0)));
    }

    void closingTheWindowWhileLoadingKeepsAFinishedRun()
    {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                               + QStringLiteral("/runs");
        writeSavedRuns(folder);
        const auto saved = entries(folder);
        {
            MainWindow w;
            w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
            w.show();
            QVERIFY(w.runStore()->isLoading());
            QVERIFY(w.runStore()->add(makeRun(QStringLiteral("n1"), 1)));
            // The close waits for the list (or tries again until it has it).
            w.close();
            QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), 60000);
            QVERIFY(!w.runStore()->isLoading());
        }
        const auto after = entries(folder);
        QCOMPARE(after.size(), kSavedRuns + 1);
        for (const QString &id : savedIds())
            QCOMPARE(after.value(id), saved.value(id));
        QVERIFY(after.contains(QStringLiteral("n1")));
    }
};

QTEST_MAIN(TestRunStoreLoading)
#include "tst_runstoreloading.moc"
