// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the drawn test set: digits drawn with synthetic mouse strokes (tests/ui/drawnstyles.h)
// on the studio's real Draw & Predict panel, and kept as the panel's preprocessing gives them
// to the network (the 28x28 centred image, as "Correct" files a drawing). 0-9 in turn, so the
// classes are balanced; seed 10 reproduces the committed files.
//
//   make_drawn_digits OUTDIR [COUNT=1000] [SEED=10] [PNG_SHEET]
//     -> OUTDIR/drawn-images.idx3.gz, OUTDIR/drawn-labels.idx1.gz
#include "drawnstyles.h"

#include "core/data/dataset.h"
#include "ui/draw/drawingcanvas.h"
#include "ui/draw/drawpanel.h"
#include "ui/shared/studiomodel.h"
#include "ui/shared/userdigits.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <cstdio>
#include <fstream>

using namespace tinyml;

namespace {

bool gzipFile(const QString &from, const QString &to)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    const QByteArray raw = in.readAll();
    gzFile out = gzopen(to.toLocal8Bit().constData(), "wb9");
    if (!out)
        return false;
    const bool ok = gzwrite(out, raw.constData(), unsigned(raw.size())) == int(raw.size());
    return gzclose(out) == Z_OK && ok;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: make_drawn_digits OUTDIR [COUNT] [SEED] [PNG_SHEET]\n");
        return 2;
    }
    const QString outDir = args[1];
    const int count = args.size() > 2 ? args[2].toInt() : 1000;
    const std::uint64_t seed = args.size() > 3 ? args[3].toULongLong() : 10;

    ui::StudioModel studio;
    QTemporaryDir ownDir;
    ui::UserDigits own(ownDir.path());
    ui::DrawPanel panel(&studio, &own);
    panel.resize(1100, 700);
    panel.show();
    if (!QTest::qWaitForWindowExposed(&panel))
        return 1;
    ui::DrawingCanvas *canvas = panel.canvas();
    // A fixed canvas of twice the 280-pixel drawing: the mouse positions, whole widget pixels,
    // then do not depend on the panel's layout, and the same seed gives the same files.
    canvas->setFixedSize(560, 560);
    QCoreApplication::processEvents();

    core::Rng rng(seed);
    std::vector<std::uint8_t> images, labels;
    QImage sheet(28 * 25, 28 * ((count + 24) / 25), QImage::Format_Grayscale8);
    sheet.fill(0);
    for (int i = 0; i < count; ++i) {
        const int digit = i % 10;
        test::drawn::drawWithMouse(canvas, test::drawn::randomDrawing(digit, rng));
        panel.updatePrediction();
        if (panel.preprocessed().empty) {
            std::fprintf(stderr, "drawing %d came out empty\n", i);
            return 1;
        }
        const auto &pixels = panel.preprocessed().centred.pixels;
        images.insert(images.end(), pixels.begin(), pixels.end());
        labels.push_back(std::uint8_t(digit));
        for (int p = 0; p < 784; ++p)
            sheet.setPixel(
                (i % 25) * 28 + p % 28, (i / 25) * 28 + p / 28,
                qRgb(pixels[std::size_t(p)], pixels[std::size_t(p)], pixels[std::size_t(p)]));
    }
    QTemporaryDir tmp;
    const QString rawImages = tmp.filePath(QStringLiteral("images")),
                  rawLabels = tmp.filePath(QStringLiteral("labels"));
    core::writeIdxImages(rawImages.toStdString(), 28, 28, images);
    core::writeIdxLabels(rawLabels.toStdString(), labels);
    QDir().mkpath(outDir);
    if (!gzipFile(rawImages, QDir(outDir).filePath(QStringLiteral("drawn-images.idx3.gz")))
        || !gzipFile(rawLabels, QDir(outDir).filePath(QStringLiteral("drawn-labels.idx1.gz")))) {
        std::fprintf(stderr, "cannot write to %s\n", qPrintable(outDir));
        return 1;
    }
    if (args.size() > 4)
        sheet.save(args[4]);
    std::printf("%d drawings written to %s\n", count, qPrintable(outDir));
    return 0;
}
