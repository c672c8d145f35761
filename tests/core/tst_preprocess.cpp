// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/preprocess.h"

#include <QTest>

#include <cmath>

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
        double cx = 0, cy = 0;
        QVERIFY(centreOfMass(p.centred, cx, cy));
        QVERIFY2(std::abs(cx - kFieldCentre) <= 0.5 && std::abs(cy - kFieldCentre) <= 0.5,
                 qPrintable(QStringLiteral("centre of mass %1, %2").arg(cx).arg(cy)));
        // Bright ink on black, scaled to 0..1.
        QCOMPARE(p.input[14 * 28 + 14], 1.0f);
        QCOMPARE(p.input[0], 0.0f);
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
