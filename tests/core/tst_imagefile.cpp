// SPDX-License-Identifier: GPL-3.0-or-later
// Truncated PNG and JPEG files are told from complete ones by their structure, on byte
// sequences built here by hand from the two formats' layouts: a PNG is chunks up to IEND; a
// JPEG is marker segments, each scan's entropy-coded data running to the next real marker,
// up to the end-of-image marker FF D9.
#include "core/io/imagefile.h"

#include <QTest>

#include <vector>

using namespace tinyml::core;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes operator+(Bytes a, const Bytes &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

/// A PNG chunk; the CRC is not checked by the structure test, so four zero bytes do.
Bytes pngChunk(const char *type, const Bytes &data)
{
    const auto n = std::uint32_t(data.size());
    Bytes out
        = {std::uint8_t(n >> 24), std::uint8_t(n >> 16), std::uint8_t(n >> 8), std::uint8_t(n)};
    for (int i = 0; i < 4; ++i)
        out.push_back(std::uint8_t(type[i]));
    return out + data + Bytes{0, 0, 0, 0};
}

Bytes png(bool withEnd)
{
    const Bytes signature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    Bytes out = signature + pngChunk("IHDR", Bytes(13, 1)) + pngChunk("IDAT", Bytes(40, 7));
    return withEnd ? out + pngChunk("IEND", {}) : out;
}

/// A marker segment: FF, marker, a 2-byte length that counts itself, the payload.
Bytes segment(std::uint8_t marker, const Bytes &payload)
{
    const auto n = payload.size() + 2;
    return Bytes{0xFF, marker, std::uint8_t(n >> 8), std::uint8_t(n)} + payload;
}

/// Start of image, an APP1 segment holding a complete thumbnail (with its own FF D8 ... FF D9),
/// a table, one scan whose data has a stuffed FF 00 and a restart marker, end of image.
Bytes jpeg(bool withEnd)
{
    const Bytes thumbnail = {0xFF, 0xD8, 0xFF, 0xD9};
    const Bytes scanData = {0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0x78};
    Bytes out = Bytes{0xFF, 0xD8} + segment(0xE1, Bytes{'E', 'x', 'i', 'f', 0, 0} + thumbnail)
                + segment(0xDB, Bytes(65, 3)) + segment(0xDA, Bytes(10, 1)) + scanData;
    return withEnd ? out + Bytes{0xFF, 0xD9} : out;
}

Bytes cut(const Bytes &b, std::size_t keep)
{
    return Bytes(b.begin(), b.begin() + std::ptrdiff_t(keep));
}

} // namespace

class TestImageFile : public QObject
{
    Q_OBJECT

private slots:
    void containerFromTheFirstBytes()
    {
        QCOMPARE(int(imageContainer(png(true))), int(ImageContainer::Png));
        QCOMPARE(int(imageContainer(jpeg(true))), int(ImageContainer::Jpeg));
        QCOMPARE(int(imageContainer(Bytes{'B', 'M', 0, 0})), int(ImageContainer::Other));
        QCOMPARE(int(imageContainer(Bytes{})), int(ImageContainer::Other));
    }

    void truncation_data()
    {
        QTest::addColumn<Bytes>("bytes");
        QTest::addColumn<bool>("truncated");
        const Bytes p = png(true), j = jpeg(true);
        QTest::newRow("png complete") << p << false;
        QTest::newRow("png with bytes after IEND") << p + Bytes{1, 2, 3} << false;
        QTest::newRow("png without IEND") << png(false) << true;
        QTest::newRow("png cut in IDAT") << cut(p, p.size() - 20) << true;
        QTest::newRow("png signature only") << cut(p, 8) << true;
        QTest::newRow("jpeg complete") << j << false;
        QTest::newRow("jpeg with bytes after EOI") << j + Bytes{0, 0} << false;
        // The thumbnail's FF D9 inside APP1 is no end of the image.
        QTest::newRow("jpeg without EOI") << jpeg(false) << true;
        QTest::newRow("jpeg cut in the scan") << cut(j, j.size() - 5) << true;
        QTest::newRow("jpeg cut after the stuffed FF") << cut(j, j.size() - 7) << true;
        QTest::newRow("jpeg cut in a segment") << cut(j, 12) << true;
        QTest::newRow("jpeg start only") << Bytes{0xFF, 0xD8, 0xFF} << true;
        QTest::newRow("other format") << Bytes{'B', 'M', 1, 2, 3} << false;
    }
    void truncation()
    {
        QFETCH(Bytes, bytes);
        QFETCH(bool, truncated);
        QCOMPARE(imageTruncated(bytes), truncated);
    }
};

QTEST_GUILESS_MAIN(TestImageFile)
#include "tst_imagefile.moc"
