// SPDX-License-Identifier: GPL-3.0-or-later
// Draw & Predict, the learner's own digits, the dataset browser and the inspector.
#include "digitstrokes.h"
#include "testsupport.h"

#include "ui/shared/datasource.h"
#include "ui/draw/drawingcanvas.h"
#include "ui/draw/drawpanel.h"
#include "ui/shared/imageviews.h"
#include "ui/inspect/inspectorpanel.h"
#include "ui/mainwindow.h"
#include "ui/shared/studiomodel.h"
#include "ui/shared/userdigits.h"

#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

namespace {
/// Draws with real mouse events, as a learner does.
void draw(DrawingCanvas *canvas, const test::DrawnDigit &d)
{
    canvas->setBrushWidth(d.penWidth);
    const double scale = std::min(canvas->width(), canvas->height()) / 280.0;
    const QPoint origin((canvas->width() - int(280 * scale)) / 2, (canvas->height() - int(280 * scale)) / 2);
    auto at = [&](QPointF p) { return origin + (p * scale).toPoint(); };
    for (const auto &stroke : d.strokes) {
        QTest::mousePress(canvas, Qt::LeftButton, {}, at(stroke.front()));
        for (std::size_t i = 1; i < stroke.size(); ++i)
            QTest::mouseMove(canvas, at(stroke[i]));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, at(stroke.back()));
    }
    QCoreApplication::processEvents(); // the prediction runs once per burst, from the event loop
}
} // namespace

class TestDrawPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    }

    void strokesBecomeTheNetworksInput()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        UserDigits own(QTemporaryDir().path());
        DrawPanel panel(&studio, &own);
        panel.resize(1100, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.predictionText(), QStringLiteral("Draw a digit"));
        QVERIFY(panel.bars()->probabilities().empty());

        core::Rng rng(3);
        draw(panel.canvas(), test::randomDrawing(7, rng));
        QVERIFY(!panel.preprocessed().empty);
        // The 28x28 shown is exactly the engine's preprocessing of the canvas.
        const core::Preprocessed expected = core::preprocessDrawing(panel.canvas()->grayImage(), core::Polarity::DarkOnLight);
        QCOMPARE(panel.preprocessed().centred.pixels, expected.centred.pixels);
        const QImage shown = panel.networkInput()->image();
        QCOMPARE(shown.size(), QSize(28, 28));
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                QCOMPARE(qGray(shown.pixel(x, y)), int(expected.centred.at(x, y)));
        // The bars are the model's forward pass of that input.
        const auto probs = studio.model()->network.predict(expected.input);
        QCOMPARE(panel.bars()->probabilities().size(), std::size_t(10));
        for (int c = 0; c < 10; ++c)
            QVERIFY(std::abs(panel.bars()->probabilities()[std::size_t(c)] - probs[std::size_t(c)]) < 1e-6f);
        QCOMPARE(panel.bars()->topClass(), 7);
        QVERIFY(panel.predictionText().contains(QStringLiteral("7")));
        QVERIFY(studio.input().valid);

        // Undo removes the stroke, Escape clears.
        panel.canvas()->setFocus();
        QTest::keyClick(panel.canvas(), Qt::Key_Escape);
        QCoreApplication::processEvents();
        QVERIFY(panel.canvas()->isEmpty());
        QCOMPARE(panel.predictionText(), QStringLiteral("Draw a digit"));
        QVERIFY(panel.bars()->probabilities().empty());
        draw(panel.canvas(), test::randomDrawing(1, rng));
        QCOMPARE(panel.canvas()->strokeCount(), 1);
        panel.canvas()->undo();
        QCoreApplication::processEvents();
        QVERIFY(panel.canvas()->isEmpty());
        QVERIFY(panel.preprocessed().empty);
    }

    void aDotIsNotTakenForADigit()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        UserDigits own(QTemporaryDir().path());
        DrawPanel panel(&studio, &own);
        panel.resize(1100, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QWidget *warning = panel.findChild<QWidget *>(QStringLiteral("inputWarning"));
        QVERIFY(warning);
        QVERIFY(!warning->isVisible());
        // Digits drawn as a learner draws them get their answer and no warning.
        core::Rng rng(11);
        for (int digit = 0; digit < 10; ++digit) {
            draw(panel.canvas(), test::randomDrawing(digit, rng));
            QVERIFY2(!warning->isVisible(), qPrintable(QString::number(digit)));
            QVERIFY(panel.predictionText().startsWith(QStringLiteral("It's a")));
            panel.canvas()->clear();
            QCoreApplication::processEvents();
        }
        // A single click is a dot: the network still picks a class, and the learner is told why
        // that answer means little.
        panel.canvas()->setBrushWidth(18);
        const QPoint centre = panel.canvas()->rect().center();
        QTest::mousePress(panel.canvas(), Qt::LeftButton, {}, centre);
        QTest::mouseRelease(panel.canvas(), Qt::LeftButton, {}, centre);
        QCoreApplication::processEvents();
        QVERIFY(!panel.preprocessed().empty);
        QVERIFY(warning->isVisible());
        const QString text = qobject_cast<QLabel *>(warning)->text();
        QVERIFY2(text.contains(QStringLiteral("always picks one of its ten classes")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("tiny")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("strokes are")), qPrintable(text));
        QVERIFY(panel.predictionText().endsWith(QLatin1Char('?')));
        QVERIFY(!panel.predictionText().contains(QStringLiteral("It's")));
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("hint"))->text().contains(QStringLiteral("picks")));
        // Clearing the canvas takes the warning away.
        panel.canvas()->clear();
        QCoreApplication::processEvents();
        QVERIFY(!warning->isVisible());
    }

    void correctionsAreSavedAndReloaded()
    {
        QTemporaryDir dir;
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        UserDigits own(dir.path());
        DrawPanel panel(&studio, &own);
        panel.resize(1000, 600);
        panel.show();
        QVERIFY(!panel.correct(3)); // nothing drawn: nothing saved
        core::Rng rng(5);
        draw(panel.canvas(), test::randomDrawing(4, rng));
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("correct9")), Qt::LeftButton);
        draw(panel.canvas(), test::randomDrawing(2, rng));
        QVERIFY(panel.correct(2));
        QCOMPARE(own.size(), std::size_t(2));

        UserDigits again(dir.path());
        QVERIFY(again.load());
        QCOMPARE(again.size(), std::size_t(2));
        QCOMPARE(int(again.data().labels[0]), 9);
        QCOMPARE(int(again.data().labels[1]), 2);
        QVERIFY(std::equal(again.data().images.begin(), again.data().images.end(), own.data().images.begin()));
        QVERIFY(again.remove(0));
        UserDigits third(dir.path());
        QVERIFY(third.load());
        QCOMPARE(third.size(), std::size_t(1));
        QCOMPARE(int(third.data().labels[0]), 2);

        const core::Dataset mixed = UserDigits::mixedInto(test::syntheticDigits(10), third.data(), 20);
        QCOMPARE(mixed.size(), std::size_t(30));
        QCOMPARE(int(mixed.labels.back()), 2);
    }

    void damagedOwnSetIsReportedNotLost()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("images-idx3-ubyte")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("garbage");
        f.close();
        UserDigits own(dir.path());
        QString error;
        QVERIFY(!own.load(&error));
        QVERIFY(error.contains(QStringLiteral("images-idx3-ubyte")));
        QVERIFY(QFile::exists(f.fileName())); // nothing deleted
    }

    void inspectorShowsTheEnginesNumbers()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        DataSource data;
        InspectorPanel inspector(&studio, &data);
        inspector.resize(1200, 700);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        const core::Dataset sample = test::syntheticDigits(1, 9);
        std::array<float, 784> pixels;
        for (int p = 0; p < 784; ++p)
            pixels[std::size_t(p)] = float(sample.image(0)[p]) / 255.0f;
        studio.setInput(pixels, sample.labels[0], QStringLiteral("a test image"));
        const core::Network &net = studio.model()->network;
        core::Workspace ws(net.spec(), 1);
        net.forward(core::ConstMatrixMap(pixels.data(), 784, 1), ws);
        for (int neuron : {0, 17, 127}) {
            inspector.selectNeuron(1, neuron);
            QVERIFY(std::abs(inspector.shownZ() - double(ws.z(0)(neuron, 0))) < 1e-4);
            QVERIFY(std::abs(inspector.shownY() - double(ws.a(0)(neuron, 0))) < 1e-4);
            QVERIFY(inspector.formulaText().contains(QString::number(inspector.shownZ(), 'f', 4)));
            // The sum's index runs over the pixels as the terms number them: from 0 to 783.
            QVERIFY2(inspector.formulaText().contains(QStringLiteral("i=0…783")), qPrintable(inspector.formulaText()));
        }
        inspector.selectNeuron(2, 4); // an output neuron: y is the softmax probability
        QVERIFY(std::abs(inspector.shownZ() - double(ws.z(1)(4, 0))) < 1e-4);
        QVERIFY(std::abs(inspector.shownY() - double(ws.a(1)(4, 0))) < 1e-6);
        QCOMPARE(inspector.activations().size(), std::size_t(3));
        QCOMPARE(inspector.activations()[1].size(), std::size_t(128));
        for (int k = 0; k < 128; ++k)
            QCOMPARE(inspector.activations()[1][std::size_t(k)], ws.a(0)(k, 0));
    }
};

QTEST_MAIN(TestDrawPanel)
#include "tst_drawpanel.moc"
