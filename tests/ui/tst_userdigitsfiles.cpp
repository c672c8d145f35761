// SPDX-License-Identifier: GPL-3.0-or-later
// The learner's drawings on disk: an unreadable pair (counts that disagree, a gzip bomb, a
// header promising too much) is never written over but moved aside at the next save; a save
// interrupted at any step leaves a pair that load() reads whole; a failed save keeps the old set.
// At start the set is read on a worker: a drawing saved meanwhile is kept and saved with the
// others.
#include "ui/shared/userdigits.h"

#include "gzipsupport.h"

#include "core/data/dataset.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

namespace {

const QString kImages = QStringLiteral("images-idx3-ubyte");
const QString kLabels = QStringLiteral("labels-idx1-ubyte");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const std::vector<std::uint8_t> &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly)
           && f.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size()))
                  == qint64(bytes.size());
}

/// n drawings whose pixels all hold 10 * (i + 1), labelled i % 10.
void writePair(const QString &images, const QString &labels, int n, int labelCount = -1)
{
    std::vector<std::uint8_t> pixels;
    std::vector<std::uint8_t> digits;
    for (int i = 0; i < n; ++i)
        pixels.insert(pixels.end(), 784, std::uint8_t(10 * (i + 1)));
    for (int i = 0; i < (labelCount < 0 ? n : labelCount); ++i)
        digits.push_back(std::uint8_t(i % 10));
    core::writeIdxImages(images.toStdString(), 28, 28, pixels);
    core::writeIdxLabels(labels.toStdString(), digits);
}

std::array<std::uint8_t, 784> drawing(std::uint8_t value)
{
    std::array<std::uint8_t, 784> d;
    d.fill(value);
    return d;
}

} // namespace

class TestUserDigitsFiles : public QObject
{
    Q_OBJECT

private slots:
    void unreadablePairIsMovedAsideNotOverwritten_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("2 images, 3 labels") << QStringLiteral("mismatch") << QStringLiteral("3");
        QTest::newRow("gzip bomb of 3 GiB")
            << QStringLiteral("bomb") << QStringLiteral("holds more");
        QTest::newRow("header promising 200,000 drawings")
            << QStringLiteral("promise") << QStringLiteral("more than");
        QTest::newRow("labels missing") << QStringLiteral("nolabels") << kLabels;
    }
    void unreadablePairIsMovedAsideNotOverwritten()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString images = dir.filePath(kImages), labels = dir.filePath(kLabels);
        if (kind == QLatin1String("mismatch")) {
            writePair(images, labels, 2, 3);
        } else if (kind == QLatin1String("bomb")) {
            writePair(images, labels, 3);
            const auto header = test::idxImageHeader(3, 28, 28);
            QVERIFY(writeAll(images, test::gzipBomb(header, 3 * 1024)));
        } else if (kind == QLatin1String("promise")) {
            writePair(images, labels, 3);
            auto bytes = test::idxImageHeader(200'000, 28, 28);
            bytes.resize(bytes.size() + 784, 1);
            QVERIFY(writeAll(images, test::gzipped(bytes)));
        } else {
            writePair(images, labels, 2);
            QVERIFY(QFile::remove(labels));
        }
        const QByteArray imageBytes = readAll(images), labelBytes = readAll(labels);

        UserDigits own(dir.path());
        QSignalSpy notices(&own, &UserDigits::notice);
        QString error;
        QVERIFY(!own.load(&error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
        QCOMPARE(own.size(), std::size_t(0));
        QCOMPARE(readAll(images), imageBytes); // loading changes nothing on disk
        QCOMPARE(readAll(labels), labelBytes);

        QVERIFY(own.add(drawing(99), 7));
        QCOMPARE(notices.count(), 1);
        const QStringList aside = own.setAsideFiles();
        QCOMPARE(aside.size(), kind == QLatin1String("nolabels") ? 1 : 2);
        QVERIFY(aside[0].startsWith(images + QStringLiteral(".unreadable-")));
        QCOMPARE(readAll(aside[0]), imageBytes);
        if (aside.size() == 2)
            QCOMPARE(readAll(aside[1]), labelBytes);
        for (const QString &file : aside)
            QVERIFY2(notices[0][0].toString().contains(file), qPrintable(notices[0][0].toString()));

        // The new set holds only the new drawing, and reads back.
        UserDigits again(dir.path());
        QVERIFY(again.load());
        QCOMPARE(again.size(), std::size_t(1));
        QCOMPARE(int(again.data().labels[0]), 7);
        QCOMPARE(int(again.data().images[400]), 99);
        QVERIFY(again.add(drawing(98), 8));
        QVERIFY(again.setAsideFiles().isEmpty()); // a readable pair is simply saved
    }

    void interruptedSaveIsFinishedAtLoad_data()
    {
        // The save writes images.new, labels.new, then renames images, then labels.
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("expected");
        QTest::newRow("both new files written, none renamed") << QStringLiteral("both") << 3;
        QTest::newRow("images renamed, labels not") << QStringLiteral("labels") << 3;
        QTest::newRow("labels never written") << QStringLiteral("images") << 2;
    }
    void interruptedSaveIsFinishedAtLoad()
    {
        QFETCH(QString, state);
        QFETCH(int, expected);
        QTemporaryDir dir;
        const QString images = dir.filePath(kImages), labels = dir.filePath(kLabels);
        const QString newImages = images + QStringLiteral(".new");
        const QString newLabels = labels + QStringLiteral(".new");
        writePair(images, labels, 2);
        writePair(newImages, newLabels, 3);
        if (state == QLatin1String("labels")) {
            QVERIFY(QFile::remove(images));
            QVERIFY(QFile::rename(newImages, images));
        } else if (state == QLatin1String("images")) {
            QVERIFY(QFile::remove(newLabels));
        }
        UserDigits own(dir.path());
        QString error;
        QVERIFY2(own.load(&error), qPrintable(error));
        QCOMPARE(own.size(), std::size_t(expected));
        QCOMPARE(int(own.data().images[std::size_t(expected - 1) * 784]), 10 * expected);
        QCOMPARE(int(own.data().labels.back()), expected - 1);
        QVERIFY(!QFile::exists(newImages));
        QVERIFY(!QFile::exists(newLabels));
    }

    void failedSaveKeepsTheOldPair()
    {
        QTemporaryDir dir;
        UserDigits own(dir.path());
        QVERIFY(own.load());
        QVERIFY(own.add(drawing(1), 1));
        QVERIFY(own.add(drawing(2), 2));
        const QByteArray imageBytes = readAll(dir.filePath(kImages));
        const QByteArray labelBytes = readAll(dir.filePath(kLabels));
        // The labels' new file cannot be put in place: a folder with a file in it holds its name.
        QVERIFY(QDir().mkpath(dir.filePath(kLabels + QStringLiteral(".new/blocker"))));
        QString error;
        QVERIFY(!own.add(drawing(3), 3, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(own.size(), std::size_t(2));
        QCOMPARE(readAll(dir.filePath(kImages)), imageBytes);
        QCOMPARE(readAll(dir.filePath(kLabels)), labelBytes);
        QVERIFY(!QFile::exists(dir.filePath(kImages + QStringLiteral(".new"))));
        QVERIFY(QDir(dir.filePath(kLabels + QStringLiteral(".new"))).removeRecursively());
        UserDigits again(dir.path());
        QVERIFY(again.load());
        QCOMPARE(again.size(), std::size_t(2));
    }

    void savesLeaveNoTemporaryFiles()
    {
        QTemporaryDir dir;
        UserDigits own(dir.path());
        QVERIFY(own.load());
        for (int i = 0; i < 3; ++i)
            QVERIFY(own.add(drawing(std::uint8_t(i + 1)), i));
        QVERIFY(own.remove(1));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot),
                 (QStringList{kImages, kLabels}));
        UserDigits again(dir.path());
        QVERIFY(again.load());
        QCOMPARE(again.data().labels, (std::vector<std::uint8_t>{0, 2}));
        QVERIFY(again.remove(0));
        QVERIFY(again.remove(0));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty());
    }

    void theMostDrawingsAreKeptAndNoMore()
    {
        // A full set refuses the next drawing with a reason, and leaves the files as they were:
        // a larger set could not be read back at the next start.
        QTemporaryDir dir;
        const int full = int(UserDigits::kMaxDrawings);
        writePair(dir.filePath(kImages), dir.filePath(kLabels), full);
        const QByteArray before = readAll(dir.filePath(kImages));
        UserDigits own(dir.path());
        QString error;
        QVERIFY2(own.load(&error), qPrintable(error));
        QCOMPARE(own.size(), std::size_t(full));
        QVERIFY(!own.add(drawing(7), 3, &error));
        QVERIFY2(error.contains(QLocale().toString(full)), qPrintable(error));
        QCOMPARE(own.size(), std::size_t(full));
        QCOMPARE(readAll(dir.filePath(kImages)), before);
        // One fewer, and there is room again.
        QVERIFY(own.remove(0, &error));
        QVERIFY2(own.add(drawing(7), 3, &error), qPrintable(error));
        QCOMPARE(own.size(), std::size_t(full));
        UserDigits again(dir.path());
        QVERIFY2(again.load(&error), qPrintable(error));
        QCOMPARE(again.size(), std::size_t(full));
        QCOMPARE(int(again.data().labels.back()), 3);
    }

    void loadsOnAWorker()
    {
        QTemporaryDir dir;
        constexpr int kCount = 20000;
        writePair(dir.filePath(kImages), dir.filePath(kLabels), kCount);
        UserDigits own(dir.path());
        QSignalSpy loaded(&own, &UserDigits::loaded);
        QElapsedTimer clock;
        clock.start();
        own.loadInBackground();
        const qint64 started = clock.elapsed();
        // Delivered by the event loop, so not yet here.
        QVERIFY(own.isLoading());
        QCOMPARE(own.size(), std::size_t(0));
        QVERIFY(loaded.wait(60000));
        qDebug("%d drawings: loading started in %lld ms, arrived after %lld ms", kCount, started,
               clock.elapsed());
        QCOMPARE(loaded.at(0).at(0).toString(), QString());
        QVERIFY(!own.isLoading());
        QCOMPARE(own.size(), std::size_t(kCount));
        for (int i : {0, 1, 12345, kCount - 1}) {
            QCOMPARE(int(own.data().images[std::size_t(i) * 784 + 400]), (10 * (i + 1)) % 256);
            QCOMPARE(int(own.data().labels[std::size_t(i)]), i % 10);
        }
    }

    void drawingSavedWhileLoadingIsKeptWithTheOthers()
    {
        QTemporaryDir dir;
        writePair(dir.filePath(kImages), dir.filePath(kLabels), 5);
        const QByteArray imageBytes = readAll(dir.filePath(kImages));
        UserDigits own(dir.path());
        QSignalSpy loaded(&own, &UserDigits::loaded);
        own.loadInBackground();
        QVERIFY(own.add(drawing(200), 7));
        QVERIFY(own.add(drawing(201), 8));
        QVERIFY(own.remove(1)); // the second drawing made meanwhile
        QCOMPARE(own.size(), std::size_t(1));
        QCOMPARE(readAll(dir.filePath(kImages)), imageBytes); // nothing written yet
        QVERIFY(loaded.wait(60000));
        QCOMPARE(loaded.at(0).at(0).toString(), QString());
        QCOMPARE(own.size(), std::size_t(6));
        UserDigits again(dir.path());
        QVERIFY(again.load());
        QCOMPARE(again.data().labels, (std::vector<std::uint8_t>{0, 1, 2, 3, 4, 7}));
        QCOMPARE(int(again.data().images[4 * 784]), 50);
        QCOMPARE(int(again.data().images[5 * 784]), 200);
    }

    void unreadablePairIsSetAsideForADrawingSavedWhileLoading()
    {
        QTemporaryDir dir;
        const QString images = dir.filePath(kImages), labels = dir.filePath(kLabels);
        writePair(images, labels, 5, 3); // counts that disagree
        const QByteArray imageBytes = readAll(images), labelBytes = readAll(labels);
        UserDigits own(dir.path());
        QSignalSpy loaded(&own, &UserDigits::loaded);
        own.loadInBackground();
        QVERIFY(own.add(drawing(200), 7));
        QVERIFY(loaded.wait(60000));
        QVERIFY(!loaded.at(0).at(0).toString().isEmpty());
        QCOMPARE(own.setAsideFiles().size(), 2);
        QCOMPARE(readAll(own.setAsideFiles().at(0)), imageBytes);
        QCOMPARE(readAll(own.setAsideFiles().at(1)), labelBytes);
        UserDigits again(dir.path());
        QVERIFY(again.load());
        QCOMPARE(again.data().labels, std::vector<std::uint8_t>{7});
    }

    void quittingWhileLoadingKeepsTheDrawings_data()
    {
        QTest::addColumn<bool>("addDrawing");
        QTest::addColumn<bool>("finish");
        QTest::newRow("nothing added, finished") << false << true;
        QTest::newRow("a drawing added, finished") << true << true;
        QTest::newRow("nothing added, destroyed") << false << false;
        QTest::newRow("a drawing added, destroyed") << true << false;
    }
    void quittingWhileLoadingKeepsTheDrawings()
    {
        QFETCH(bool, addDrawing);
        QFETCH(bool, finish);
        QTemporaryDir dir;
        writePair(dir.filePath(kImages), dir.filePath(kLabels), 5);
        const QByteArray imageBytes = readAll(dir.filePath(kImages));
        {
            UserDigits own(dir.path());
            QSignalSpy loaded(&own, &UserDigits::loaded);
            own.loadInBackground();
            if (addDrawing)
                QVERIFY(own.add(drawing(200), 7));
            if (finish) {
                // The window's close: no event loop runs in between.
                QVERIFY(own.finishLoading(60000));
                QVERIFY(!own.isLoading());
                QCOMPARE(loaded.count(), addDrawing ? 1 : 0);
            }
        }
        QCoreApplication::processEvents();
        const bool saved = addDrawing && finish;
        if (!saved)
            QCOMPARE(readAll(dir.filePath(kImages)), imageBytes);
        UserDigits again(dir.path());
        QVERIFY(again.load());
        QCOMPARE(again.size(), std::size_t(saved ? 6 : 5));
        QCOMPARE(int(again.data().images[4 * 784]), 50);
    }
};

QTEST_GUILESS_MAIN(TestUserDigitsFiles)
#include "tst_userdigitsfiles.moc"
