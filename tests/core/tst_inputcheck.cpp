// SPDX-License-Identifier: GPL-3.0-or-later
// Drawings unlike MNIST are recognised (a dot, a line, tiny ink scaled up, a letter, scattered
// specks, faint ink) and real MNIST digits, drawn on the canvas, are not.
#include "core/data/dataset.h"
#include "core/data/inputcheck.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace tinyml::core;

namespace {

constexpr int kCanvas = 280;

struct Point
{
    double x, y;
};

/// Dark ink (value `ink`) on white paper: round pen of diameter `pen` along the polyline.
void drawStroke(GrayImage &img, const std::vector<Point> &line, double pen, std::uint8_t ink = 0)
{
    auto stamp = [&](double cx, double cy) {
        const double r = pen / 2.0;
        for (int y = int(std::floor(cy - r)); y <= int(std::ceil(cy + r)); ++y)
            for (int x = int(std::floor(cx - r)); x <= int(std::ceil(cx + r)); ++x)
                if (x >= 0 && y >= 0 && x < img.width && y < img.height
                    && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                    img.at(x, y) = std::min(img.at(x, y), ink);
    };
    stamp(line.front().x, line.front().y);
    for (std::size_t i = 1; i < line.size(); ++i) {
        const Point a = line[i - 1], b = line[i];
        const int steps = std::max(1, int(std::hypot(b.x - a.x, b.y - a.y) * 2));
        for (int k = 1; k <= steps; ++k)
            stamp(a.x + (b.x - a.x) * k / steps, a.y + (b.y - a.y) * k / steps);
    }
}

/// A "2" in the box (x, y, w, h).
std::vector<Point> two(double x, double y, double w, double h)
{
    const std::vector<Point> unit{{0.1, 0.25}, {0.3, 0.02}, {0.7, 0.02}, {0.9, 0.25},
                                  {0.6, 0.6},  {0.1, 0.98}, {0.95, 0.98}};
    std::vector<Point> out;
    for (const Point &p : unit)
        out.push_back({x + p.x * w, y + p.y * h});
    return out;
}

InputCheck checkDrawing(const GrayImage &canvas)
{
    return checkInput(preprocessDrawing(canvas, Polarity::DarkOnLight));
}

QString reasons(const InputCheck &c)
{
    return QStringLiteral("ink %1, share %2, stroke %3, aspect %4, pieces %5")
        .arg(c.inkPixels)
        .arg(c.canvasShare)
        .arg(c.strokeWidth)
        .arg(c.aspect)
        .arg(c.pieces);
}

} // namespace

class TestInputCheck : public QObject
{
    Q_OBJECT

private slots:
    void aDotIsATinyBlob()
    {
        GrayImage canvas(kCanvas, kCanvas, 255);
        drawStroke(canvas, {{140, 140}}, 18);
        const InputCheck c = checkDrawing(canvas);
        QVERIFY2(c.tiny, qPrintable(reasons(c)));
        QVERIFY2(c.blob, qPrintable(reasons(c)));
        QVERIFY(c.unlikeMnist());
        // The dot becomes a disc 20 px across: area ≈ 314, boundary ≈ 56 pixels, 2A/P ≈ 11.
        QVERIFY2(c.strokeWidth > 9.1 && c.strokeWidth < 13.0, qPrintable(reasons(c)));
        QCOMPARE(c.pieces, 1);
        QVERIFY(std::abs(c.canvasShare - 19.0 / 280.0) < 0.01);
    }

    void aHorizontalLineIsWide()
    {
        GrayImage canvas(kCanvas, kCanvas, 255);
        drawStroke(canvas, {{40, 150}, {240, 150}}, 18);
        const InputCheck c = checkDrawing(canvas);
        QVERIFY2(c.wide, qPrintable(reasons(c)));
        QVERIFY(!c.tiny);
        QVERIFY(!c.blob);
        QVERIFY(c.aspect > 5.0); // 218 x 19 px scaled to 20 x 2
    }

    void aTinyDigitScaledUp()
    {
        GrayImage canvas(kCanvas, kCanvas, 255);
        drawStroke(canvas, two(100, 100, 14, 20), 5);
        const InputCheck c = checkDrawing(canvas);
        QVERIFY2(c.tiny, qPrintable(reasons(c)));
        QVERIFY(c.canvasShare < 0.12);
        // The same digit drawn large is fine.
        GrayImage large(kCanvas, kCanvas, 255);
        drawStroke(large, two(60, 40, 140, 200), 18);
        const InputCheck ok = checkDrawing(large);
        QVERIFY2(!ok.unlikeMnist(), qPrintable(reasons(ok)));
    }

    void aLetterWiderThanAnyDigit()
    {
        GrayImage canvas(kCanvas, kCanvas, 255);
        drawStroke(canvas, {{20, 100}, {80, 190}, {140, 110}, {200, 190}, {260, 100}}, 16); // W
        const InputCheck c = checkDrawing(canvas);
        QVERIFY2(c.wide, qPrintable(reasons(c)));
        QVERIFY(!c.blob && !c.tiny);
    }

    void scatteredSpecks()
    {
        GrayImage canvas(kCanvas, kCanvas, 255);
        // Six blots in two rows: each ends up about 3 px across in the 20 px box.
        for (int i = 0; i < 6; ++i)
            drawStroke(canvas, {{40.0 + 100 * (i % 3), 100.0 + 100 * (i / 3)}}, 36);
        const InputCheck c = checkDrawing(canvas);
        QVERIFY2(c.scattered, qPrintable(reasons(c)));
        QCOMPARE(c.pieces, 6);
    }

    void faintInk()
    {
        // A large, pale, thin stroke: preprocessing keeps it, but it holds little ink.
        GrayImage canvas(kCanvas, kCanvas, 255);
        drawStroke(canvas, {{140, 30}, {140, 250}}, 3, 200);
        const Preprocessed pre = preprocessDrawing(canvas, Polarity::DarkOnLight);
        QVERIFY(!pre.empty);
        double ink = 0.0; // written out here, independently of checkInput
        for (float v : pre.input)
            ink += double(v);
        const InputCheck c = checkInput(pre);
        QVERIFY(std::abs(c.inkPixels - ink) < 1e-6);
        QVERIFY2(ink < 19.9, qPrintable(reasons(c)));
        QVERIFY(c.littleInk);
    }

    void emptyCanvasHasNoReason()
    {
        const InputCheck c = checkDrawing(GrayImage(kCanvas, kCanvas, 255));
        QVERIFY(!c.unlikeMnist());
        QCOMPARE(c.inkPixels, 0.0);
    }

    void realMnistDigitsPass()
    {
        // The first 3,000 test digits, drawn on the canvas as dark ink ten times their size.
        const Dataset test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
        int flagged = 0;
        const int count = 3000;
        for (int i = 0; i < count; ++i) {
            GrayImage canvas(kCanvas, kCanvas, 255);
            const std::uint8_t *img = test.image(std::size_t(i));
            for (int y = 0; y < kCanvas; ++y)
                for (int x = 0; x < kCanvas; ++x)
                    canvas.at(x, y) = std::uint8_t(255 - img[(y / 10) * 28 + x / 10]);
            const InputCheck c = checkDrawing(canvas);
            if (c.unlikeMnist())
                ++flagged;
            // A digit is never tiny on the canvas this way, nor thick as a blob.
            QVERIFY2(!c.tiny, qPrintable(reasons(c)));
        }
        // The limits lie beyond all 70,000 originals; re-preprocessing may move a few over.
        QVERIFY2(flagged <= count / 500, qPrintable(QString::number(flagged)));
    }
};

QTEST_APPLESS_MAIN(TestInputCheck)
#include "tst_inputcheck.moc"
