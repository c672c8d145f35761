// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/dataset.h"
#include "core/base/error.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tinyml::core;
using tinyml::test::fixture;

class TestIdx : public QObject
{
    Q_OBJECT

private slots:
    void readsRawAndGzip_data()
    {
        QTest::addColumn<QString>("images");
        QTest::addColumn<QString>("labels");
        QTest::newRow("raw") << "good-images.idx3" << "good-labels.idx1";
        QTest::newRow("gzip") << "good-images.idx3.gz" << "good-labels.idx1.gz";
    }
    void readsRawAndGzip()
    {
        QFETCH(QString, images);
        QFETCH(QString, labels);
        const Dataset d = loadIdxPair(fixture(qPrintable(images)), fixture(qPrintable(labels)), "fixture");
        QCOMPARE(d.size(), std::size_t(3));
        QCOMPARE(d.rows, 4);
        QCOMPARE(d.cols, 5);
        QCOMPARE(d.images.size(), std::size_t(60));
        QCOMPARE(d.labels, (std::vector<std::uint8_t>{3, 1, 4}));
        QCOMPARE(int(d.image(1)[0]), (20 * 7) % 256); // pixel i holds (7 i) mod 256
    }

    void rejectsBadFiles_data()
    {
        QTest::addColumn<QString>("images");
        QTest::addColumn<QString>("labels");
        QTest::addColumn<QString>("reason");
        QTest::newRow("wrong magic") << "bad-magic-images.idx3" << "good-labels.idx1" << "wrong magic";
        QTest::newRow("truncated") << "truncated-images.idx3" << "good-labels.idx1" << "truncated";
        QTest::newRow("short header") << "short-header-images.idx3" << "good-labels.idx1" << "too short";
        QTest::newRow("impossible size") << "huge-size-images.idx3" << "good-labels.idx1" << "impossible image size";
        QTest::newRow("count mismatch") << "good-images.idx3" << "count-mismatch-labels.idx1" << "3 images but";
        QTest::newRow("header count") << "good-images.idx3" << "header-count-mismatch-labels.idx1" << "promises 5 labels";
        QTest::newRow("broken gzip") << "broken-images.idx3.gz" << "good-labels.idx1" << "Cannot decompress";
        QTest::newRow("label above 9") << "good-images.idx3" << "label-above-9-labels.idx1" << "label 10 of item 1";
        QTest::newRow("labels as images") << "good-labels.idx1" << "good-labels.idx1" << "not an image file";
        QTest::newRow("missing") << "no-such-file" << "good-labels.idx1" << "does not exist";
        QTest::newRow("images longer than the header says")
            << "too-long-images.idx3" << "good-labels.idx1" << "promises 3 images of 4x5 (76 bytes) but the file has 81 bytes";
        QTest::newRow("labels longer than the header says")
            << "good-images.idx3" << "too-long-labels.idx1" << "promises 3 labels but the file has 4";
        QTest::newRow("zero images") << "zero-count-images.idx3" << "zero-count-labels.idx1" << "impossible image count 0";
        QTest::newRow("zero labels") << "good-images.idx3" << "zero-count-labels.idx1" << "impossible label count 0";
    }
    void rejectsBadFiles()
    {
        QFETCH(QString, images);
        QFETCH(QString, labels);
        QFETCH(QString, reason);
        try {
            loadIdxPair(fixture(qPrintable(images)), fixture(qPrintable(labels)), "fixture");
            QFAIL("a bad file was accepted");
        } catch (const Error &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(reason), qPrintable(message));
            // Every message names the file it is about.
            QVERIFY2(message.contains(images) || message.contains(labels), qPrintable(message));
        }
    }

    void eachReaderRefusesItsOwnBadFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("labels");
        QTest::newRow("long images") << "too-long-images.idx3" << false;
        QTest::newRow("zero images") << "zero-count-images.idx3" << false;
        QTest::newRow("long labels") << "too-long-labels.idx1" << true;
        QTest::newRow("zero labels") << "zero-count-labels.idx1" << true;
    }
    void eachReaderRefusesItsOwnBadFile()
    {
        // The readers on their own, not only the pair (whose count check could hide a reader's).
        QFETCH(QString, file);
        QFETCH(bool, labels);
        if (labels)
            QVERIFY_THROWS_EXCEPTION(Error, readIdxLabels(fixture(qPrintable(file))));
        else
            QVERIFY_THROWS_EXCEPTION(Error, readIdxImages(fixture(qPrintable(file))));
    }

    void writeThenRead()
    {
        QTemporaryDir dir;
        const std::vector<std::uint8_t> pixels{1, 2, 3, 4, 5, 6, 7, 8};
        writeIdxImages(dir.filePath("i").toStdString(), 2, 2, pixels);
        writeIdxLabels(dir.filePath("l").toStdString(), std::vector<std::uint8_t>{9, 0});
        const Dataset d = loadIdxPair(dir.filePath("i").toStdString(), dir.filePath("l").toStdString(), "own");
        QCOMPARE(d.images, pixels);
        QCOMPARE(d.labels, (std::vector<std::uint8_t>{9, 0}));
    }

    void missingDatasetSaysHowToFetch()
    {
        QTemporaryDir dir;
        try {
            loadDataset(DatasetKind::Mnist, Split::Train, dir.path().toStdString());
            QFAIL("an empty folder was accepted");
        } catch (const Error &e) {
            QVERIFY(QString::fromUtf8(e.what()).contains("fetch-mnist"));
        }
    }

    void fillBatchScalesToUnitRange()
    {
        const Dataset d = loadIdxPair(fixture("good-images.idx3"), fixture("good-labels.idx1"), "f");
        std::vector<float> buffer(20 * 2);
        std::uint8_t labels[2];
        const std::uint32_t idx[2] = {2, 0};
        fillBatch(d, idx, MatrixMap(buffer.data(), 20, 2), labels);
        QCOMPARE(labels[0], std::uint8_t(4));
        QCOMPARE(buffer[20 + 1], 7.0f / 255.0f); // image 0, pixel 1
        QCOMPARE(buffer[0], float((40 * 7) % 256) / 255.0f);
    }
};

QTEST_GUILESS_MAIN(TestIdx)
#include "tst_idx.moc"
