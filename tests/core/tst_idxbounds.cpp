// SPDX-License-Identifier: GPL-3.0-or-later
// Bounded reading of IDX files: a small gzip file that inflates to gigabytes is refused after
// decoding no more than its header promised (plus one byte), a header that promises too much is
// refused before any payload is decoded, and a FIFO is refused without blocking.
#include "core/base/error.h"
#include "core/data/dataset.h"

#include "gzipsupport.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace tinyml;
using namespace tinyml::core;
using test::caught;
using test::gzipBomb;
using test::gzipped;
using test::idxImageHeader;
using test::idxLabelHeader;

namespace {

std::string
writeBytes(const QTemporaryDir &dir, const QString &name, const std::vector<std::uint8_t> &bytes)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size()));
    return f.fileName().toStdString();
}

/// How many bytes plain zlib inflates from data before the data ends (no limit).
std::uint64_t inflatedSize(const std::vector<std::uint8_t> &data)
{
    z_stream zs{};
    inflateInit2(&zs, 15 + 16);
    zs.next_in = const_cast<Bytef *>(data.data());
    zs.avail_in = uInt(data.size());
    std::vector<std::uint8_t> out(1 << 16);
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = out.data();
        zs.avail_out = uInt(out.size());
        rc = inflate(&zs, Z_NO_FLUSH);
    }
    const std::uint64_t total = zs.total_out;
    inflateEnd(&zs);
    return total;
}

QByteArray bytes(const std::vector<std::uint8_t> &v)
{
    return QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size()));
}

} // namespace

class TestIdxBounds : public QObject
{
    Q_OBJECT

private slots:
    void bombHelperInflatesAsPromised()
    {
        // The crafted stream really holds what it claims (checked here on 4 MiB, cheaply).
        const auto header = idxImageHeader(3, 28, 28);
        const auto bomb = gzipBomb(header, 4);
        QCOMPARE(inflatedSize(bomb), std::uint64_t(header.size() + (4 << 20)));
        QVERIFY(bomb.size() < 8 * 1024);
    }

    void gzipBombIsRefusedAfterThePromisedPayload_data()
    {
        QTest::addColumn<bool>("labels");
        QTest::addColumn<quint32>("count");
        QTest::newRow("images, 3 GiB behind 1000 promised") << false << 1000U;
        QTest::newRow("labels, 3 GiB behind 5 promised") << true << 5U;
    }
    void gzipBombIsRefusedAfterThePromisedPayload()
    {
        QFETCH(bool, labels);
        QFETCH(quint32, count);
        const auto header = labels ? idxLabelHeader(count) : idxImageHeader(count, 28, 28);
        const std::uint64_t promised = header.size() + (labels ? count : count * 784ULL);
        QTemporaryDir dir;
        const auto bomb = gzipBomb(header, 3 * 1024); // 3 GiB of zeros after the header
        QVERIFY(bomb.size() < 4 * 1024 * 1024);       // about 3 MB on disk
        const std::string path = writeBytes(dir, QStringLiteral("bomb.gz"), bomb);
        QVERIFY(!path.empty());
        IdxReadStats stats;
        const auto e = caught([&] {
            if (labels)
                readIdxLabels(path, 9, {}, &stats);
            else
                readIdxImages(path, {}, &stats);
        });
        QVERIFY2(e, "a file holding more than its header promises was accepted");
        QCOMPARE(toString(e->code()), toString(ErrorCode::IdxTooLong));
        // Decoding stopped at the first byte after the promised payload.
        QCOMPARE(stats.decodedBytes, promised + 1);
        QCOMPARE(e->args().expected, std::optional<std::int64_t>(promised));
        QVERIFY2(QString::fromUtf8(e->what()).contains(QStringLiteral("holds more")), e->what());
        QVERIFY(QString::fromUtf8(e->what()).contains(QString::fromStdString(path)));
    }

    void inMemoryBombIsBoundedToo()
    {
        // The entry point on bytes (used by the fuzzing harnesses) stops at the same place.
        const auto header = idxImageHeader(2, 28, 28);
        const auto bomb = gzipBomb(header, 256);
        IdxReadStats stats;
        const auto e = caught([&] { parseIdxImages(bomb, "memory.gz", {}, &stats); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::IdxTooLong));
        QCOMPARE(stats.decodedBytes, std::uint64_t(16 + 2 * 784 + 1));
    }

    void headerPromisingTooMuchIsRefusedBeforeThePayload_data()
    {
        QTest::addColumn<QByteArray>("headerBytes");
        QTest::addColumn<quint32>("maxCount");
        QTest::addColumn<qlonglong>("limit");
        // 2,000,000 images of 28x28 are 1.568 GB, above the 1 GiB every reader refuses.
        QTest::newRow("images above 1 GiB")
            << bytes(idxImageHeader(2'000'000, 28, 28)) << 100'000'000U << (1LL << 30);
        QTest::newRow("images above the caller's count")
            << bytes(idxImageHeader(11, 28, 28)) << 10U << qlonglong(10 * 784);
        QTest::newRow("labels above the caller's count")
            << bytes(idxLabelHeader(11)) << 10U << 10LL;
    }
    void headerPromisingTooMuchIsRefusedBeforeThePayload()
    {
        QFETCH(QByteArray, headerBytes);
        const std::vector<std::uint8_t> header(headerBytes.begin(), headerBytes.end());
        QFETCH(quint32, maxCount);
        QFETCH(qlonglong, limit);
        const bool labels = header.size() == 8;
        auto bytes = header;
        bytes.resize(bytes.size() + 4096, 7); // some payload, far less than promised
        const auto packed = gzipped(bytes);
        IdxLimits limits;
        limits.maxCount = maxCount;
        IdxReadStats stats;
        const auto e = caught([&] {
            if (labels)
                parseIdxLabels(packed, "promise.gz", 9, limits, &stats);
            else
                parseIdxImages(packed, "promise.gz", limits, &stats);
        });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::IdxTooLarge));
        QCOMPARE(e->args().limit, std::optional<std::int64_t>(limit));
        QCOMPARE(stats.decodedBytes, std::uint64_t(header.size())); // the header only
    }

    void gzipHoldingLessThanPromisedIsTruncated()
    {
        auto bytes = idxImageHeader(1000, 28, 28);
        bytes.resize(16 + 10 * 784, 200); // ten images of the thousand
        IdxReadStats stats;
        const auto e = caught([&] { parseIdxImages(gzipped(bytes), "short.gz", {}, &stats); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::IdxTruncated));
        QCOMPARE(e->args().found, std::optional<std::int64_t>(16 + 10 * 784));
        QCOMPARE(e->args().expected, std::optional<std::int64_t>(16 + 1000 * 784));
        QCOMPARE(stats.decodedBytes, std::uint64_t(16 + 10 * 784));
    }

    void gzipHoldingExactlyThePromiseLoads()
    {
        auto bytes = idxImageHeader(3, 4, 5);
        for (int i = 0; i < 60; ++i)
            bytes.push_back(std::uint8_t(i * 3));
        IdxReadStats stats;
        const IdxImages images = parseIdxImages(gzipped(bytes), "exact.gz", {}, &stats);
        QCOMPARE(images.count, 3);
        QCOMPARE(images.pixels.size(), std::size_t(60));
        QCOMPARE(int(images.pixels[59]), 59 * 3);
        QCOMPARE(stats.decodedBytes, std::uint64_t(76));
    }

    void rawFileLongerThanPromisedIsRefusedBeforeItsPayload()
    {
        // 1 image of 2x2 followed by 8 MiB: the file's length alone tells.
        auto bytes = idxImageHeader(1, 2, 2);
        bytes.resize(16 + 4 + (8 << 20), 1);
        QTemporaryDir dir;
        const std::string path = writeBytes(dir, QStringLiteral("long.idx3"), bytes);
        IdxReadStats stats;
        const auto e = caught([&] { readIdxImages(path, {}, &stats); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::IdxTooLong));
        QCOMPARE(e->args().found, std::optional<std::int64_t>(bytes.size()));
        QCOMPARE(stats.decodedBytes, std::uint64_t(16));
    }

    void fifoIsRefusedWithoutBlocking()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("fifo")).toStdString();
        QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
        // Nobody writes to the FIFO: a reader that opened it for reading would wait forever.
        const auto e = caught([&] { readIdxImages(path); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::FileNotRegular));
        QVERIFY(QString::fromUtf8(e->what()).contains(QString::fromStdString(path)));
    }
};

QTEST_GUILESS_MAIN(TestIdxBounds)
#include "tst_idxbounds.moc"
