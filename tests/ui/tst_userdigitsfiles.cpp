// SPDX-License-Identifier: GPL-3.0-or-later
// The learner's drawings on disk: an unreadable pair (counts that disagree, a gzip bomb, a
// header promising too much) is never written over but moved aside at the next save; a save
// interrupted at any step leaves a pair that load() reads whole; a failed save keeps the old set.
#include "ui/shared/userdigits.h"

#include "gzipsupport.h"

#include "core/data/dataset.h"

#include <QDir>
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
};

QTEST_GUILESS_MAIN(TestUserDigitsFiles)
#include "tst_userdigitsfiles.moc"
