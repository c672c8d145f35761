// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/preprocess.h"

#include <QTest>

#include <cmath>
#include <utility>

using namespace tinyml::core;

namespace {
/// A canvas with a filled rectangle of ink (dark on white when paper is true).
GrayImage canvasWithBlock(int w, int h, int x0, int y0, int bw, int bh, bool paper)
{
    GrayImage img(w, h, paper ? 255 : 0);
    for (int y = y0; y < y0 + bh; ++y)
        for (int x = x0; x < x0 + bw; ++x)
            img.at(x, y) = paper ? 0 : 255;
    return img;
}
/// An "L" in a 20 x 20 box at scale k (each box pixel a k x k block), ink 255 on 0 or 0 on 255:
/// a bar 4 px wide down the left side and a bar 4 px high along the bottom.
bool inL(int x, int y) { return (x < 4 && y < 20) || (y >= 16 && y < 20 && x < 20); }
GrayImage canvasWithL(int w, int h, int x0, int y0, int k, bool paper)
{
    GrayImage img(w, h, paper ? 255 : 0);
    for (int y = 0; y < 20 * k; ++y)
        for (int x = 0; x < 20 * k; ++x)
            if (inL(x / k, y / k))
                img.at(x0 + x, y0 + y) = paper ? 0 : 255;
    return img;
}

/// Intensity-weighted centre of mass, written out here so that the check does not use the
/// function under test.
void measureCentre(const GrayImage &img, double &cx, double &cy)
{
    double total = 0.0, sx = 0.0, sy = 0.0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            total += img.at(x, y);
            sx += double(img.at(x, y)) * x;
            sy += double(img.at(x, y)) * y;
        }
    cx = sx / total;
    cy = sy / total;
}

} // namespace

class TestPreprocess : public QObject
{
    Q_OBJECT

private slots:
    void blankIsEmpty_data()
    {
        QTest::addColumn<int>("fill");
        QTest::newRow("white paper") << 255;
        QTest::newRow("black canvas") << 0;
    }
    void blankIsEmpty()
    {
        QFETCH(int, fill);
        const Preprocessed p = preprocessDrawing(GrayImage(280, 280, std::uint8_t(fill)));
        QVERIFY(p.empty);
    }

    // Four faint grey specks near the corners of a white page pass the ink threshold on the
    // page, so the crop spans nearly all of it; scaled to 20 px each speck is averaged over
    // (page / 20)^2 pixels and leaves under 1/16 of its ink: nothing a digit could be made of.
    void faintSpecksOnAPageAreEmpty_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("grey");
        QTest::newRow("100 px, grey 200") << 100 << 200;
        QTest::newRow("280 px, grey 200") << 280 << 200;
        QTest::newRow("280 px, grey 120") << 280 << 120;
        QTest::newRow("1000 px, black") << 1000 << 0;
    }
    void faintSpecksOnAPageAreEmpty()
    {
        QFETCH(int, page);
        QFETCH(int, grey);
        GrayImage img(page, page, 255);
        const int near = page / 10, far = page - 1 - page / 10;
        for (const auto &[x, y] : {std::pair{near, near}, {far, near}, {near, far}, {far, far}})
            img.at(x, y) = std::uint8_t(grey);
        const Preprocessed p = preprocessDrawing(img);
        QVERIFY(p.empty);
        // The crop itself did find the specks: emptiness is decided on the final image.
        QCOMPARE(p.boxWidth, far - near + 1);
    }

    // A real digit stays a digit however small it is on however large a page, and a large one
    // drawn thin too: scaling brings the small one up to 20 px; the 400 px "L" drawn 4 px wide
    // is shrunk 20 times, each of its two strokes covering 20 pixels at 4/20 of their area:
    // 2 x 20 x 0.2 = 8 fully lit pixels, four times the minimum of two.
    void smallOrThinDigitIsNotEmpty_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("side");
        QTest::addColumn<int>("pen");
        QTest::newRow("12 px L on 600 px") << 600 << 12 << 3;
        QTest::newRow("30 px L on 1000 px") << 1000 << 30 << 5;
        QTest::newRow("400 px L, 4 px wide") << 500 << 400 << 4;
    }
    void smallOrThinDigitIsNotEmpty()
    {
        QFETCH(int, page);
        QFETCH(int, side);
        QFETCH(int, pen);
        GrayImage img(page, page, 255);
        for (int t = 0; t < side; ++t)
            for (int w = 0; w < pen; ++w) {
                img.at(50 + w, 50 + t) = 0;            // down stroke
                img.at(50 + t, 50 + side - 1 - w) = 0; // foot of the L
            }
        const Preprocessed p = preprocessDrawing(img);
        QVERIFY(!p.empty);
        double ink = 0.0;
        for (const auto v : p.centred.pixels)
            ink += v / 255.0;
        QVERIFY2(ink >= 2.0, qPrintable(QString::number(ink)));
    }

    void offCentreDigitIsCentred_data()
    {
        QTest::addColumn<bool>("paper");
        QTest::addColumn<int>("x0");
        QTest::addColumn<int>("y0");
        QTest::newRow("top-left, pen on paper") << true << 5 << 8;
        QTest::newRow("bottom-right, light on dark") << false << 200 << 190;
    }
    void offCentreDigitIsCentred()
    {
        QFETCH(bool, paper);
        QFETCH(int, x0);
        QFETCH(int, y0);
        const Preprocessed p = preprocessDrawing(canvasWithBlock(280, 280, x0, y0, 40, 60, paper));
        QVERIFY(!p.empty);
        QCOMPARE(p.boxX, x0);
        QCOMPARE(p.boxY, y0);
        // A uniform 40 x 60 block becomes a uniform 13 x 20 one (lround(13.33)), whose centre is
        // at its middle: (6, 9.5) in the block, so in a 20 x 20 box pasted at (3 + 4, 0 + 4) it
        // is (13, 13.5) and the whole-pixel shift can bring it within 0.5 of 14.
        QCOMPARE(p.scaled.width, 13);
        QCOMPARE(p.scaled.height, 20);
        double cx = 0, cy = 0;
        measureCentre(p.centred, cx, cy);
        QCOMPARE(cx, 14.0); // shifted by round(1) = 1
        QCOMPARE(cy, 14.5); // shifted by round(0.5) = 1
        QVERIFY2(std::abs(cx - kFieldCentre) <= 0.5 && std::abs(cy - kFieldCentre) <= 0.5,
                 qPrintable(QStringLiteral("centre of mass %1, %2").arg(cx).arg(cy)));
        // Bright ink on black, scaled to 0..1.
        QCOMPARE(p.input[14 * 28 + 14], 1.0f);
        QCOMPARE(p.input[0], 0.0f);
    }

    void centreOfMassByHand_data()
    {
        QTest::addColumn<int>("scale");
        QTest::addColumn<bool>("paper");
        QTest::addColumn<int>("x0");
        QTest::addColumn<int>("y0");
        QTest::newRow("20 px, light on dark") << 1 << false << 30 << 7;
        QTest::newRow("60 px, pen on paper") << 3 << true << 5 << 100;
        QTest::newRow("100 px, light on dark") << 5 << false << 150 << 150;
    }
    void centreOfMassByHand()
    {
        // The L of canvasWithL: 80 px of bar plus 64 px of foot, 144 px of equal ink.
        //   Σx = 20·(0+1+2+3) + 4·(4+…+19) = 120 + 736 = 856  → cx = 856/144 = 5.944…
        //   Σy = 4·(0+…+19) + 16·(16+17+18+19) = 760 + 1120 = 1880 → cy = 1880/144 = 13.055…
        // Scaled to 20 px it is the same L (area averaging of whole k x k blocks), pasted at
        // (4, 4) of the 28 x 28 field: centre (9.944, 17.056). The shift that brings it nearest
        // to (14, 14) is round(4.056) = 4 and round(−3.056) = −3: centre (13.944, 14.056).
        QFETCH(int, scale);
        QFETCH(bool, paper);
        QFETCH(int, x0);
        QFETCH(int, y0);
        const Preprocessed p = preprocessDrawing(canvasWithL(280, 280, x0, y0, scale, paper));
        QVERIFY(!p.empty);
        QCOMPARE(p.boxX, x0);
        QCOMPARE(p.boxY, y0);
        QCOMPARE(p.boxWidth, 20 * scale);
        QCOMPARE(p.boxHeight, 20 * scale);
        QCOMPARE(p.scaled.width, 20);
        QCOMPARE(p.scaled.height, 20);
        QCOMPARE(p.shiftX, 4);
        QCOMPARE(p.shiftY, -3);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const int bx = x - 8, by = y - 1; // box pixel at field (4 + 4, 4 − 3)
                const bool ink = bx >= 0 && by >= 0 && bx < 20 && by < 20 && inL(bx, by);
                QVERIFY2(int(p.centred.at(x, y)) == (ink ? 255 : 0),
                         qPrintable(QStringLiteral("pixel %1, %2 is %3").arg(x).arg(y).arg(p.centred.at(x, y))));
                QCOMPARE(p.input[std::size_t(y * 28 + x)], ink ? 1.0f : 0.0f);
            }
        double cx = 0.0, cy = 0.0;
        measureCentre(p.centred, cx, cy);
        QVERIFY(std::abs(cx - (4.0 + 4.0 + 856.0 / 144.0)) < 1e-9);
        QVERIFY(std::abs(cy - (4.0 - 3.0 + 1880.0 / 144.0)) < 1e-9);
    }

    void polarityFollowsTheBorder_data()
    {
        // Auto polarity: a border brighter than mid-grey (mean above 127.5) is paper, inverted.
        QTest::addColumn<int>("border");
        QTest::addColumn<bool>("inverted");
        QTest::newRow("border 127: ink on dark, kept") << 127 << false;
        QTest::newRow("border 128: paper, inverted") << 128 << true;
        QTest::newRow("border 0") << 0 << false;
        QTest::newRow("border 255") << 255 << true;
    }
    void polarityFollowsTheBorder()
    {
        QFETCH(int, border);
        QFETCH(bool, inverted);
        GrayImage img(40, 30, std::uint8_t(border));
        for (int y = 1; y < 29; ++y)
            for (int x = 1; x < 39; ++x)
                img.at(x, y) = std::uint8_t((x * 7 + y * 3) % 256); // anything inside
        const Preprocessed p = preprocessDrawing(img);
        for (int y = 0; y < 30; ++y)
            for (int x = 0; x < 40; ++x)
                QCOMPARE(int(p.ink.at(x, y)), inverted ? 255 - img.at(x, y) : int(img.at(x, y)));
    }

    void borderMeanAcrossTheThreshold_data()
    {
        // A border of 0s and 255s, with n bright pixels out of the 2·(w + h) border pixels
        // counted: 48 x 48 gives 192, so 96 bright is exactly 127.5 (kept), 97 is above.
        QTest::addColumn<int>("bright");
        QTest::addColumn<bool>("inverted");
        QTest::newRow("95 of 192 (126.2)") << 95 << false;
        QTest::newRow("97 of 192 (128.8)") << 97 << true;
    }
    void borderMeanAcrossTheThreshold()
    {
        QFETCH(int, bright);
        QFETCH(bool, inverted);
        // Bright pixels only on the top and bottom rows away from the corners (each counted once),
        // everything else 0.
        GrayImage img(48, 48, 0);
        int placed = 0;
        for (int x = 1; x < 47 && placed < bright; ++x, ++placed)
            img.at(x, 0) = 255;
        for (int x = 1; x < 47 && placed < bright; ++x, ++placed)
            img.at(x, 47) = 255;
        for (int y = 1; y < 47 && placed < bright; ++y, ++placed)
            img.at(0, y) = 255;
        QCOMPARE(placed, bright);
        const Preprocessed p = preprocessDrawing(img);
        QCOMPARE(int(p.ink.at(20, 20)), inverted ? 255 : 0);
    }

    void inkThreshold()
    {
        // On a black canvas a pixel counts as ink when brighter than 24 (of 255).
        GrayImage img(50, 50, 0);
        img.at(10, 12) = 24;
        img.at(30, 40) = 25;
        const Preprocessed p = preprocessDrawing(img, Polarity::LightOnDark);
        QVERIFY(!p.empty);
        QCOMPARE(p.boxX, 30);
        QCOMPARE(p.boxY, 40);
        QCOMPARE(p.boxWidth, 1);
        GrayImage faint(50, 50, 0);
        faint.at(10, 12) = 24;
        QVERIFY(preprocessDrawing(faint, Polarity::LightOnDark).empty);
    }

    void aspectRatioKept()
    {
        // A tall stroke 20 x 100 px becomes 4 x 20, not a square blob.
        const Preprocessed p = preprocessDrawing(canvasWithBlock(300, 300, 100, 50, 20, 100, true));
        QCOMPARE(p.scaled.height, 20);
        QCOMPARE(p.scaled.width, 4);
        int inkColumns = 0;
        for (int x = 0; x < 28; ++x) {
            bool any = false;
            for (int y = 0; y < 28; ++y)
                any = any || p.centred.at(x, y) > 0;
            inkColumns += any;
        }
        QCOMPARE(inkColumns, 4);
        QCOMPARE(p.box20.width, 20);
    }

    void areaAveragingAntiAliases()
    {
        // A one-pixel line over 3 source pixels of 60 becomes grey, not black or white.
        GrayImage src(60, 60, 0);
        for (int y = 0; y < 60; ++y)
            src.at(30, y) = 255;
        const GrayImage out = resizeArea(src, 20, 20);
        QCOMPARE(int(out.at(10, 5)), 85); // 255 / 3
        QCOMPARE(int(out.at(9, 5)), 0);
    }

    void realisticStroke()
    {
        // A thick diagonal stroke: the 28x28 result keeps a 4-px margin around the 20-px box.
        GrayImage img(200, 200, 255);
        for (int t = 0; t < 150; ++t)
            for (int dx = -6; dx <= 6; ++dx)
                for (int dy = -6; dy <= 6; ++dy)
                    img.at(25 + t + dx / 2, 25 + t + dy / 2) = 0;
        const Preprocessed p = preprocessDrawing(img);
        QVERIFY(!p.empty);
        QCOMPARE(p.scaled.width, 20);
        QCOMPARE(p.scaled.height, 20);
        for (int i = 0; i < 28; ++i) {
            QCOMPARE(int(p.centred.at(i, 0)), 0);
            QCOMPARE(int(p.centred.at(0, i)), 0);
        }
    }

    void explicitPolarity()
    {
        // A bright spot on a dark canvas read as "dark on light" becomes a hole: all ink.
        const auto img = canvasWithBlock(50, 50, 10, 10, 5, 5, false);
        const Preprocessed p = preprocessDrawing(img, Polarity::DarkOnLight);
        QCOMPARE(p.boxWidth, 50);
        const Preprocessed q = preprocessDrawing(img, Polarity::LightOnDark);
        QCOMPARE(q.boxWidth, 5);
    }
};

QTEST_GUILESS_MAIN(TestPreprocess)
#include "tst_preprocess.moc"
