// SPDX-License-Identifier: GPL-3.0-or-later
// The scaling step of MNIST's preprocessing on drawings whose answers are worked out by hand:
// area averaging with different horizontal and vertical scales, and the rounding of the shorter
// side when the longer one becomes 20 pixels.
#include "core/data/preprocess.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;

namespace {

GrayImage blockOn(int w, int h, int background, int ink, int x0, int y0, int bw, int bh)
{
    GrayImage img(w, h, std::uint8_t(background));
    for (int y = y0; y < y0 + bh; ++y)
        for (int x = x0; x < x0 + bw; ++x)
            img.at(x, y) = std::uint8_t(ink);
    return img;
}

} // namespace

class TestPreprocessGeometry : public QObject
{
    Q_OBJECT

private slots:
    void areaAverageWithUnequalScales()
    {
        // 6 wide, 4 tall, to 3 x 1: each output pixel is the mean of a 2-wide, 4-tall block.
        // Rows 0-1 hold 0, 40, 80, 120, 160, 200; rows 2-3 hold 10, 20, 30, 40, 50, 60.
        // Block sums: 2 (0 + 40) + 2 (10 + 20) = 140, 2 (80 + 120) + 2 (30 + 40) = 540,
        // 2 (160 + 200) + 2 (50 + 60) = 940; means 17.5, 67.5, 117.5, rounded half up.
        GrayImage src(6, 4, 0);
        for (int x = 0; x < 6; ++x) {
            src.at(x, 0) = src.at(x, 1) = std::uint8_t(40 * x);
            src.at(x, 2) = src.at(x, 3) = std::uint8_t(10 * (x + 1));
        }
        const GrayImage out = resizeArea(src, 3, 1);
        QCOMPARE(out.width, 3);
        QCOMPARE(out.height, 1);
        QCOMPARE(int(out.at(0, 0)), 18);
        QCOMPARE(int(out.at(1, 0)), 68);
        QCOMPARE(int(out.at(2, 0)), 118);
        // And the other way round: 4 wide, 6 tall, to 1 x 3 (the transposed image).
        GrayImage t(4, 6, 0);
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 4; ++x)
                t.at(x, y) = src.at(y, x);
        const GrayImage tout = resizeArea(t, 1, 3);
        QCOMPARE(int(tout.at(0, 0)), 18);
        QCOMPARE(int(tout.at(0, 1)), 68);
        QCOMPARE(int(tout.at(0, 2)), 118);
    }

    void shorterSideIsRounded_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("scaledWidth");
        QTest::addColumn<int>("scaledHeight");
        // 20 · 38 / 100 = 7.6 -> 8; 20 · 37 / 100 = 7.4 -> 7; 20 · 51 / 60 = 17.
        QTest::newRow("wide 100 x 38") << 100 << 38 << 20 << 8;
        QTest::newRow("tall 38 x 100") << 38 << 100 << 8 << 20;
        QTest::newRow("wide 100 x 37") << 100 << 37 << 20 << 7;
        QTest::newRow("tall 51 x 60") << 51 << 60 << 17 << 20;
    }
    void shorterSideIsRounded()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        const Preprocessed p = preprocessDrawing(blockOn(200, 200, 0, 255, 10, 10, width, height));
        QCOMPARE(p.boxWidth, width);
        QCOMPARE(p.boxHeight, height);
        QTEST(p.scaled.width, "scaledWidth");
        QTEST(p.scaled.height, "scaledHeight");
    }
};

QTEST_GUILESS_MAIN(TestPreprocessGeometry)
#include "tst_preprocessgeometry.moc"
