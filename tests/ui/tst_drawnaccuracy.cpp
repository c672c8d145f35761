// SPDX-License-Identifier: GPL-3.0-or-later
// How well models recognise digits drawn as a learner draws them (label "mnist"): strokes of
// random size, place, slant and pen width, drawn with mouse events on the studio's canvas.
// The embedded default model (trained with augmentation) against the same network trained
// without augmentation, each with and without the MNIST preprocessing of the drawing.
#include "digitstrokes.h"
#include "testsupport.h"

#include "core/nn/trainer.h"
#include "ui/draw/drawingcanvas.h"
#include "ui/draw/drawpanel.h"
#include "ui/shared/studiomodel.h"
#include "ui/shared/userdigits.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

class TestDrawnAccuracy : public QObject
{
    Q_OBJECT

private slots:
    void augmentedDefaultRecognisesDrawings()
    {
        // 1. The drawings, through the real canvas and panel.
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        QTemporaryDir dir;
        UserDigits own(dir.path());
        DrawPanel panel(&studio, &own);
        panel.resize(1000, 560);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        DrawingCanvas *canvas = panel.canvas();
        const double scale = std::min(canvas->width(), canvas->height()) / 280.0;
        const QPoint origin((canvas->width() - int(280 * scale)) / 2, (canvas->height() - int(280 * scale)) / 2);
        core::Rng rng(2024);
        constexpr int kPerDigit = 30;
        std::vector<std::array<float, 784>> inputs;
        std::vector<std::array<float, 784>> raw; // the canvas merely shrunk to 28x28
        std::vector<int> labels;
        for (int k = 0; k < kPerDigit; ++k)
            for (int digit = 0; digit < 10; ++digit) {
                const test::DrawnDigit d = test::randomDrawing(digit, rng);
                canvas->clear();
                canvas->setBrushWidth(d.penWidth);
                for (const auto &stroke : d.strokes) {
                    QTest::mousePress(canvas, Qt::LeftButton, {}, origin + (stroke.front() * scale).toPoint());
                    for (std::size_t i = 1; i < stroke.size(); ++i)
                        QTest::mouseMove(canvas, origin + (stroke[i] * scale).toPoint());
                    QTest::mouseRelease(canvas, Qt::LeftButton, {}, origin + (stroke.back() * scale).toPoint());
                }
                QCoreApplication::processEvents(); // the queued prediction
                QVERIFY(!panel.preprocessed().empty);
                inputs.push_back(panel.preprocessed().input);
                const core::GrayImage small = core::resizeArea(panel.preprocessed().ink, 28, 28);
                std::array<float, 784> r;
                for (int p = 0; p < 784; ++p)
                    r[std::size_t(p)] = float(small.pixels[std::size_t(p)]) / 255.0f;
                raw.push_back(r);
                labels.push_back(digit);
            }

        // 2. The same network trained without augmentation, as the course does (5 epochs).
        const core::Dataset train = core::loadDataset(core::DatasetKind::Mnist, core::Split::Train, test::mnistDir());
        const core::Dataset testSet = core::loadDataset(core::DatasetKind::Mnist, core::Split::Test, test::mnistDir());
        core::Network plain(core::ModelSpec::courseModel());
        plain.initialize(1);
        core::Optimizer opt(plain.spec().optimizer, plain.parameters().size());
        core::Trainer(plain, opt, core::TrainConfig{}, train).run();

        auto accuracy = [&](const core::Network &net, bool preprocessed = true) {
            int correct = 0;
            for (std::size_t i = 0; i < inputs.size(); ++i) {
                const auto p = net.predict(preprocessed ? inputs[i] : raw[i]);
                correct += int(std::max_element(p.begin(), p.end()) - p.begin()) == labels[i];
            }
            return double(correct) / double(inputs.size());
        };
        const core::Network &augmented = studio.model()->network;
        const double drawnAugmented = accuracy(augmented);
        const double drawnPlain = accuracy(plain);
        const double rawPlain = accuracy(plain, false);
        const double rawAugmented = accuracy(augmented, false);
        const double testAugmented = core::evaluate(augmented, testSet).accuracy;
        const double testPlain = core::evaluate(plain, testSet).accuracy;
        qInfo("drawn digits (%zu): default (augmented) %.1f %%, without augmentation %.1f %%",
              inputs.size(), 100 * drawnAugmented, 100 * drawnPlain);
        qInfo("without MNIST preprocessing (canvas shrunk to 28x28): default %.1f %%, without augmentation %.1f %%",
              100 * rawAugmented, 100 * rawPlain);
        qInfo("MNIST test: default %.2f %%, without augmentation %.2f %%", 100 * testAugmented, 100 * testPlain);
        QVERIFY(testAugmented >= 0.975);
        QVERIFY2(drawnAugmented >= 0.9, qPrintable(QString::number(drawnAugmented)));
        QVERIFY2(drawnAugmented >= drawnPlain, qPrintable(QStringLiteral("%1 vs %2").arg(drawnAugmented).arg(drawnPlain)));
        // The preprocessing is what matters most: without it drawings are mostly misread.
        QVERIFY2(drawnPlain >= rawPlain + 0.2, qPrintable(QStringLiteral("%1 vs %2").arg(drawnPlain).arg(rawPlain)));
    }
};

QTEST_MAIN(TestDrawnAccuracy)
#include "tst_drawnaccuracy.moc"
