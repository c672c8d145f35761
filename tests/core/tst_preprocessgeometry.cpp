// SPDX-License-Identifier: GPL-3.0-or-later
// The geometry of MNIST's preprocessing on drawings whose answers are worked out by hand:
// centres of mass, which paper counts as light, the rounding of the 20-pixel box, and where the
// centre of mass of the result lands, measured here with a loop of the test's own.
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

/// Intensity-weighted mean position, written out independently of the engine.
void massCentre(const GrayImage &img, double &cx, double &cy)
{
    double m = 0, mx = 0, my = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const double v = img.pixels[std::size_t(y * img.width + x)];
            m += v;
            mx += v * x;
            my += v * y;
        }
    cx = mx / m;
    cy = my / m;
}

} // namespace

class TestPreprocessGeometry : public QObject
{
    Q_OBJECT

private slots:
    void centreOfMassByHand()
    {
        // 4x3 image: 100 at (3, 0), 300 in total at (0, 2) and (1, 2) as 200 + 100.
        // cx = (3·100 + 0·200 + 1·100) / 400 = 1; cy = (0·100 + 2·200 + 2·100) / 400 = 1.5.
        GrayImage img(4, 3, 0);
        img.at(3, 0) = 100;
        img.at(0, 2) = 200;
        img.at(1, 2) = 100;
        double cx = -1, cy = -1;
        QVERIFY(centreOfMass(img, cx, cy));
        QCOMPARE(cx, 1.0);
        QCOMPARE(cy, 1.5);
        QVERIFY(!centreOfMass(GrayImage(5, 5, 0), cx, cy));
    }

    void lightPaperIsInverted_data()
    {
        QTest::addColumn<int>("paper");
        // Border means above the middle of 0..255 are light paper with dark ink: inverted.
        QTest::newRow("white") << 255;
        QTest::newRow("light grey 180") << 180;
        QTest::newRow("grey 140") << 140;
    }
    void lightPaperIsInverted()
    {
        QFETCH(int, paper);
        const Preprocessed p = preprocessDrawing(blockOn(120, 100, paper, 0, 30, 20, 25, 50));
        QVERIFY(!p.empty);
        QCOMPARE(int(p.ink.at(40, 40)), 255);
        QCOMPARE(int(p.ink.at(0, 0)), 255 - paper);
        if (paper == 255) {
            QCOMPARE(p.boxX, 30);
            QCOMPARE(p.boxY, 20);
            QCOMPARE(p.boxWidth, 25);
            QCOMPARE(p.boxHeight, 50);
        }
    }

    void darkPaperIsKept_data()
    {
        QTest::addColumn<int>("paper");
        QTest::newRow("black") << 0;
        QTest::newRow("dark grey 100") << 100;
    }
    void darkPaperIsKept()
    {
        QFETCH(int, paper);
        const Preprocessed p = preprocessDrawing(blockOn(120, 100, paper, 255, 30, 20, 25, 50));
        QCOMPARE(int(p.ink.at(40, 40)), 255);
        QCOMPARE(int(p.ink.at(0, 0)), paper);
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

    void resultIsCentredOnItsMass_data()
    {
        QTest::addColumn<bool>("paper");
        QTest::newRow("light on dark") << false;
        QTest::newRow("dark on light") << true;
    }
    void resultIsCentredOnItsMass()
    {
        // An L: a tall bar and a foot to the right, so the mass sits low and left of the box's
        // middle and the centring has to move it (the bounding box alone would be wrong).
        QFETCH(bool, paper);
        const int bg = paper ? 255 : 0, ink = paper ? 0 : 255;
        GrayImage img = blockOn(280, 280, bg, ink, 60, 40, 30, 180);
        for (int y = 190; y < 220; ++y)
            for (int x = 90; x < 200; ++x)
                img.at(x, y) = std::uint8_t(ink);
        const Preprocessed p = preprocessDrawing(img);
        QVERIFY(!p.empty);
        double bx = 0, by = 0;
        massCentre(p.box20, bx, by);
        // The mass is off the middle of the 20-px box by more than a pixel on both axes.
        QVERIFY2(std::abs(bx - 9.5) > 1.0 && std::abs(by - 9.5) > 1.0,
                 qPrintable(QStringLiteral("%1, %2").arg(bx).arg(by)));
        double cx = 0, cy = 0;
        massCentre(p.centred, cx, cy);
        QVERIFY2(std::abs(cx - 14.0) <= 0.5 && std::abs(cy - 14.0) <= 0.5,
                 qPrintable(QStringLiteral("%1, %2").arg(cx).arg(cy)));
        // The shift is the whole-pixel move from the box's place (offset 4) to the centre.
        QCOMPARE(p.shiftX, int(std::lround(14.0 - (bx + 4.0))));
        QCOMPARE(p.shiftY, int(std::lround(14.0 - (by + 4.0))));
        // Nothing is lost on the way: the 20-px box's ink is all in the 28x28 image.
        double inBox = 0, inField = 0;
        for (auto v : p.box20.pixels)
            inBox += v;
        for (auto v : p.centred.pixels)
            inField += v;
        QCOMPARE(inField, inBox);
        for (std::size_t i = 0; i < p.input.size(); ++i)
            QCOMPARE(p.input[i], float(p.centred.pixels[i]) / 255.0f);
    }
};

QTEST_GUILESS_MAIN(TestPreprocessGeometry)
#include "tst_preprocessgeometry.moc"
