// SPDX-License-Identifier: GPL-3.0-or-later
// The Inspect and Step through tabs on convolutional networks: feature maps, kernels and
// receptive fields in the inspector; the convolution example and the real CNN in the stepper,
// checked against plain loops and finite differences written here, in English and German.
#include "testsupport.h"

#include "ui/inspect/convinspector.h"
#include "ui/inspect/inspectorpanel.h"
#include "ui/shared/datasource.h"
#include "ui/shared/featuremaps.h"
#include "ui/shared/networkdiagram.h"
#include "ui/shared/studiomodel.h"
#include "ui/stepper/stepperpanel.h"
#include "ui/stepper/stepperpresets.h"

#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

#include <cmath>

using namespace tinyml;
using namespace tinyml::ui;
using L = core::LayerSpec;

namespace {

/// 28x28x1 -> Conv2D(4, 3, relu) -> MaxPooling2D(2) -> Conv2D(6, 3, relu) -> MaxPooling2D(2)
/// -> Flatten -> Dense(10, softmax), Glorot weights from a seed, small random biases.
std::shared_ptr<const core::LoadedModel> smallCnn(std::uint64_t seed)
{
    core::Network net(
        core::ModelSpec::withLayers({L::conv2d(4, 3, core::Activation::Relu), L::maxPooling2d(2),
                                     L::conv2d(6, 3, core::Activation::Relu), L::maxPooling2d(2),
                                     L::flatten(), L::dense(10, core::Activation::Softmax)}));
    net.initialize(seed);
    core::Rng rng(seed + 1);
    for (std::size_t l = 0; l < net.layerCount(); ++l)
        for (Eigen::Index i = 0; i < net.bias(l).size(); ++i)
            net.bias(l)(i) = rng.uniform(0.0f, 0.1f);
    return std::make_shared<const core::LoadedModel>(
        core::LoadedModel{std::move(net), std::nullopt, {}});
}

/// A digit-like input: a thick diagonal stroke and a bar.
std::array<float, 784> strokeInput()
{
    std::array<float, 784> x{};
    for (int i = 4; i < 24; ++i)
        for (int w = -1; w <= 1; ++w) {
            x[std::size_t(i * 28 + std::clamp(i + w, 0, 27))] = 0.9f;
            x[std::size_t(14 * 28 + i)] = 0.7f;
        }
    return x;
}

/// The 6 x 6 input of the convolution example and its kernel, written out here.
const float kImage[6][6]
    = {{0.0f, 0.1f, 0.0f, 0.0f, 0.0f, 0.0f}, {0.2f, 0.9f, 0.3f, 0.0f, 0.0f, 0.0f},
       {0.0f, 0.4f, 1.0f, 0.5f, 0.0f, 0.0f}, {0.0f, 0.0f, 0.6f, 0.8f, 0.2f, 0.0f},
       {0.0f, 0.0f, 0.0f, 0.7f, 0.9f, 0.1f}, {0.0f, 0.0f, 0.0f, 0.1f, 0.3f, 0.6f}};
const float kKernel[3][3] = {{0.5f, -0.2f, 0.1f}, {-0.3f, 0.8f, -0.1f}, {0.2f, -0.4f, 0.6f}};
constexpr float kBias = 0.05f;

/// The ReLU feature map of the example by a plain loop (valid padding, stride 1).
std::array<std::array<double, 4>, 4> plainConvolution()
{
    std::array<std::array<double, 4>, 4> z{};
    for (int oy = 0; oy < 4; ++oy)
        for (int ox = 0; ox < 4; ++ox) {
            double s = kBias;
            for (int ky = 0; ky < 3; ++ky)
                for (int kx = 0; kx < 3; ++kx)
                    s += double(kKernel[ky][kx]) * double(kImage[oy + ky][ox + kx]);
            z[std::size_t(oy)][std::size_t(ox)] = s;
        }
    return z;
}

QString fixed(const QLocale &locale, double v, int digits)
{
    QLocale l = locale;
    l.setNumberOptions(l.numberOptions() | QLocale::OmitGroupSeparator);
    return l.toString(v, 'f', digits);
}

/// Index of the first stage of this kind and layer, -1 when there is none.
int stageOf(const StepperPanel &stepper, StepStageKind kind, int layer)
{
    for (int i = 0; i < stepper.stageCount(); ++i)
        if (stepper.stage(i).kind == kind && stepper.stage(i).layer == layer)
            return i;
    return -1;
}

void goToStage(StepperPanel &stepper, int stage)
{
    while (stepper.currentStage() > stage)
        stepper.previous();
    while (stepper.currentStage() < stage)
        stepper.next();
}

} // namespace

class TestConvViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    // Every multiply-add of the convolution is listed with its numbers, and z is the plain loop's.
    void convolutionExampleShowsEveryMultiplyAdd_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates);
        QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany);
    }
    void convolutionExampleShowsEveryMultiplyAdd()
    {
        QFETCH(QLocale, locale);
        QLocale::setDefault(locale);
        StudioModel studio;
        StepperPanel stepper(&studio);
        stepper.loadPreset(StepperPanel::Preset::Convolution);
        const auto z = plainConvolution();
        const int conv = stageOf(stepper, StepStageKind::Linear, 0);
        QVERIFY(conv > 0);
        for (const auto &[oy, ox] : {std::pair{0, 0}, std::pair{1, 1}, std::pair{3, 2}}) {
            goToStage(stepper, conv);
            stepper.select(0, oy * 4 + ox, 0);
            const QString text = stepper.formulaText();
            for (int ky = 0; ky < 3; ++ky)
                for (int kx = 0; kx < 3; ++kx) {
                    const double w = kKernel[ky][kx], x = kImage[oy + ky][ox + kx];
                    const QString term = (w < 0 ? QStringLiteral("(%1)") : QStringLiteral("%1"))
                                             .arg(fixed(locale, w, 4))
                                         + QStringLiteral(" · ") + fixed(locale, x, 4);
                    QVERIFY2(text.contains(term), qPrintable(term + QStringLiteral(" in ") + text));
                }
            const QString sum = QStringLiteral("<b>%1</b>")
                                    .arg(fixed(locale, z[std::size_t(oy)][std::size_t(ox)], 4));
            QVERIFY2(text.contains(sum), qPrintable(sum + QStringLiteral(" in ") + text));
        }
        // (1, 1) by hand: 0.45 − 0.06 + 0 − 0.12 + 0.8 − 0.05 + 0 − 0.24 + 0.48 + 0.05 = 1.31
        QCOMPARE(qRound64(double(stepper.trace().z[0](5, 0)) * 1e4), 13100);
        stepper.select(0, 5, 0);
        const QString expected = locale.language() == QLocale::German
                                     ? QStringLiteral("<b>1,3100</b>")
                                     : QStringLiteral("<b>1.3100</b>");
        QVERIFY2(stepper.formulaText().contains(expected), qPrintable(stepper.formulaText()));
    }

    // Max pooling keeps the largest value of each window, and sends δ back to it alone.
    void maxPoolingForwardAndRouting()
    {
        StudioModel studio;
        StepperPanel stepper(&studio);
        stepper.loadPreset(StepperPanel::Preset::Convolution);
        const auto z = plainConvolution();
        const int pool = stageOf(stepper, StepStageKind::Linear, 1);
        const int back = stageOf(stepper, StepStageKind::BackDelta, 0);
        QVERIFY(pool > 0 && back > pool);
        for (int py = 0; py < 2; ++py)
            for (int px = 0; px < 2; ++px) {
                int by = 2 * py, bx = 2 * px;
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx)
                        if (std::max(0.0, z[std::size_t(2 * py + dy)][std::size_t(2 * px + dx)])
                            > std::max(0.0, z[std::size_t(by)][std::size_t(bx)]))
                            by = 2 * py + dy, bx = 2 * px + dx;
                const double best = std::max(0.0, z[std::size_t(by)][std::size_t(bx)]);
                goToStage(stepper, pool);
                stepper.select(1, py * 2 + px, 0);
                QVERIFY2(stepper.formulaText().contains(
                             QStringLiteral("<b>%1</b>").arg(best, 0, 'f', 4)),
                         qPrintable(stepper.formulaText()));
                QVERIFY(stepper.formulaText().contains(QStringLiteral("(%1, %2)").arg(by).arg(bx)));
                // Backward: the max pixel gets the pooled δ (ReLU passes it, z > 0), the rest 0.
                const float pooled = stepper.trace().delta[1](py * 2 + px, 0);
                QVERIFY(pooled != 0.0f);
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx) {
                        const int y = 2 * py + dy, x = 2 * px + dx;
                        goToStage(stepper, back);
                        stepper.select(0, y * 4 + x, 0);
                        const QString text = stepper.formulaText();
                        const float d = stepper.trace().delta[0](y * 4 + x, 0);
                        if (y == by && x == bx) {
                            QCOMPARE(d, pooled);
                            QVERIFY2(text.contains(QStringLiteral("this pixel is its max")),
                                     qPrintable(text));
                        } else {
                            QCOMPARE(d, 0.0f);
                            QVERIFY2(text.contains(QStringLiteral("gets 0 of δ")),
                                     qPrintable(text));
                        }
                        QVERIFY(
                            text.contains(QStringLiteral("<b>%1</b>").arg(double(d), 0, 'f', 4)));
                    }
            }
    }

    // A kernel weight's gradient: every position's term is listed, and the total agrees with
    // central finite differences of the loss computed here and with the check button.
    void kernelGradientIsASumOverPositions()
    {
        StudioModel studio;
        StepperPanel stepper(&studio);
        stepper.loadPreset(StepperPanel::Preset::Convolution);
        const int grad = stageOf(stepper, StepStageKind::Gradients, 0);
        QVERIFY(grad > 0);
        for (int tap = 0; tap < 9; ++tap) {
            goToStage(stepper, grad);
            stepper.select(0, 0, tap);
            QCOMPARE(stepper.selectedInput(), tap);
            const QString text = stepper.formulaText();
            // 16 positions, 16 products "δ · x" (the input values the weight met).
            QCOMPARE(text.count(QStringLiteral(" · ")), 16 + 1); // + the general δ · a
            // Finite differences of the example's loss, on a copy of its network.
            core::Network net = stepper.network();
            const core::Matrix X = convolutionExample().x;
            const std::uint8_t label = 1;
            const core::Targets t{{&label, 1}, nullptr};
            const std::size_t index = net.weightOffset(0) + std::size_t(tap);
            const float w = net.parameters()[index];
            net.parameters()[index] = w + 1e-2f;
            const double up = core::lossOf(net, X, t);
            net.parameters()[index] = w - 1e-2f;
            const double down = core::lossOf(net, X, t);
            const double numeric = (up - down) / 2e-2;
            const double shown = double(stepper.trace().gradients[index]);
            QVERIFY2(std::abs(numeric - shown) < 1e-3 + 1e-2 * std::abs(shown),
                     qPrintable(QStringLiteral("%1 vs %2").arg(numeric).arg(shown)));
            QVERIFY2(text.contains(QStringLiteral("<b>%1</b>").arg(shown, 0, 'f', 4)),
                     qPrintable(text));
            const auto [fd, backprop] = stepper.checkGradient();
            QCOMPARE(backprop, shown);
            QVERIFY(std::abs(fd - backprop) < 1e-3 + 1e-2 * std::abs(backprop));
        }
        QTest::mouseClick(stepper.findChild<QPushButton *>(QStringLiteral("checkGradient")),
                          Qt::LeftButton);
        QVERIFY(stepper.findChild<QLabel *>(QStringLiteral("checkResult"))
                    ->text()
                    .contains(QStringLiteral("agree")));
    }

    // One whole step on the example and an update: every stage has a formula, SGD lowers the loss.
    void convolutionExampleWholeStep()
    {
        StudioModel studio;
        StepperPanel stepper(&studio);
        stepper.resize(1200, 800);
        stepper.show();
        QVERIFY(QTest::qWaitForWindowExposed(&stepper));
        stepper.loadPreset(StepperPanel::Preset::Convolution);
        // input, conv z, conv a, pool, flatten, dense z, dense a, loss, δ, dense grads, 3 × δ
        // back, kernel grads, update
        QCOMPARE(stepper.stageCount(), 15);
        QVERIFY(!stepper.findChild<NetworkDiagram *>()->isVisible());
        for (int i = 0; i < stepper.stageCount(); ++i) {
            goToStage(stepper, i);
            QVERIFY2(!stepper.formulaText().isEmpty(), qPrintable(QString::number(i)));
        }
        const double loss = stepper.trace().loss;
        stepper.applyUpdate();
        QVERIFY(stepper.trace().applied);
        stepper.next();
        QVERIFY(stepper.trace().loss < loss);
    }

    // The inspector on a CNN: feature maps are the engine's activations on one shared scale,
    // kernels carry their weights, a click outlines the receptive field worked out by hand.
    void inspectorShowsFeatureMapsKernelsAndReceptiveFields_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates);
        QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany);
    }
    void inspectorShowsFeatureMapsKernelsAndReceptiveFields()
    {
        QFETCH(QLocale, locale);
        QLocale::setDefault(locale);
        StudioModel studio;
        DataSource data;
        const auto model = smallCnn(3);
        studio.setModel(model, QStringLiteral("cnn"), true);
        studio.setInput(strokeInput(), 4, QStringLiteral("stroke"));
        InspectorPanel inspector(&studio, &data);
        inspector.resize(1400, 900);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        ConvInspector *conv = inspector.convInspector();
        QVERIFY(conv->isVisible());
        QVERIFY(!inspector.diagram()->isVisible());
        QCOMPARE(conv->mapLayers(), (std::vector<int>{0, 1, 2, 3}));

        const core::Network &net = model->network;
        core::Workspace ws(net.spec(), 1);
        const auto x = strokeInput();
        net.forward(core::ConstMatrixMap(x.data(), 784, 1), ws);
        for (int l : conv->mapLayers()) {
            const core::Shape out = net.spec().outputShape(std::size_t(l));
            float largest = 0.0f;
            for (Eigen::Index i = 0; i < ws.a(std::size_t(l)).rows(); ++i)
                largest = std::max(largest, std::abs(ws.a(std::size_t(l))(i, 0)));
            for (int c = 0; c < out.channels; ++c) {
                MapView *map = conv->featureMap(l, c);
                QVERIFY(map);
                QCOMPARE(map->mapWidth(), out.width);
                QCOMPARE(map->range(), largest); // one scale for the layer
                for (int y = 0; y < out.height; y += 3)
                    for (int xo = 0; xo < out.width; xo += 2)
                        QCOMPARE(map->value(xo, y),
                                 ws.a(std::size_t(l))((y * out.width + xo) * out.channels + c, 0));
            }
            QVERIFY(conv->legendText(l).contains(fixed(locale, double(largest), 3)));
        }
        // Hover text in the locale's format.
        MapView *first = conv->featureMap(0, 1);
        QVERIFY(first->valueText(5, 7).contains(fixed(locale, double(first->value(5, 7)), 3)));
        // Kernels of layer 3 (Conv2D 6 filters over 4 channels): W(filter, (ky·3 + kx)·4 + c).
        conv->selectPixel(2, 5, 1, 1);
        QCOMPARE(conv->kernelLayer(), 2);
        for (int f = 0; f < 6; ++f)
            for (int c = 0; c < 4; ++c) {
                MapView *k = conv->kernelView(f, c);
                QVERIFY(k);
                QCOMPARE(k->value(2, 1), net.weights(2)(f, (1 * 3 + 2) * 4 + c));
            }
        QVERIFY(!conv->kernelView(6, 0));
        // Clicking pixel (4, 4) of the last pooling layer: input rows and columns 16..25 (conv1
        // 3x3, pool 2, conv2 3x3, pool 2; worked out in tst_convsteps).
        MapView *pooled = conv->featureMap(3, 2);
        QTest::mouseClick(pooled, Qt::LeftButton, {}, pooled->centreOf(4, 4));
        QCOMPARE(conv->selectedLayer(), 3);
        QCOMPARE(conv->selectedChannel(), 2);
        QCOMPARE(conv->inputView()->outline(), (core::PixelRect{16, 16, 25, 25}));
        QVERIFY2(conv->selectionText().contains(QStringLiteral("16–25")),
                 qPrintable(conv->selectionText()));
        MapView *firstMap = conv->featureMap(0, 0);
        QTest::mouseClick(firstMap, Qt::LeftButton, {}, firstMap->centreOf(0, 25));
        QCOMPARE(conv->inputView()->outline(), (core::PixelRect{25, 0, 27, 2}));
        // The output layer keeps the neuron view with z = Σ wᵢxᵢ + b.
        inspector.selectNeuron(6, 4);
        QCOMPARE(inspector.selectedLayer(), 6);
        QVERIFY(std::abs(inspector.shownZ() - double(ws.z(5)(4, 0))) < 1e-4);
        inspector.selectNeuron(1, 0); // a convolution: no neuron view
        QCOMPARE(inspector.selectedLayer(), 6);
    }

    // 16 filters over 16 channels are 256 kernels: the selected filter's 16 are shown.
    void largeLayersShowTheSelectedFiltersKernels()
    {
        core::Network net(core::ModelSpec::withLayers(
            {L::conv2d(16, 3, core::Activation::Relu), L::conv2d(16, 3, core::Activation::Relu),
             L::flatten(), L::dense(10, core::Activation::Softmax)},
            core::Shape::hwc(10, 10, 1)));
        net.initialize(4);
        const auto shared = std::make_shared<const core::Network>(net);
        ConvInspector conv;
        conv.setNetwork(shared);
        QCOMPARE(conv.kernelLayer(), 0); // the first convolution: 16 kernels, all shown
        QVERIFY(conv.kernelView(15, 0));
        conv.selectPixel(1, 3, 2, 2);
        QCOMPARE(conv.kernelLayer(), 1);
        QVERIFY(!conv.kernelView(0, 0));
        for (int c = 0; c < 16; ++c)
            QCOMPARE(conv.kernelView(3, c)->value(0, 2), net.weights(1)(3, (2 * 3 + 0) * 16 + c));
        QVERIFY(!conv.kernelView(3, 16));
        conv.selectPixel(1, 9, 0, 0);
        QVERIFY(!conv.kernelView(3, 0));
        QCOMPARE(conv.kernelView(9, 5)->value(1, 1), net.weights(1)(9, (1 * 3 + 1) * 16 + 5));
        // Without activations the maps are empty and the receptive field is still outlined.
        QCOMPARE(conv.inputView()->outline(), (core::PixelRect{0, 0, 4, 4}));
    }

    // A dense model, a CNN and back, while the views are open: nothing stale, nothing crashes.
    void modelSwitchWhileViewing()
    {
        StudioModel studio;
        DataSource data;
        studio.setModel(test::constantModel(3), QStringLiteral("dense"), false);
        studio.setInput(strokeInput(), 4, QStringLiteral("stroke"));
        InspectorPanel inspector(&studio, &data);
        inspector.resize(1400, 900);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        StepperPanel stepper(&studio);
        stepper.resize(1200, 800);
        stepper.show();
        QVERIFY(QTest::qWaitForWindowExposed(&stepper));
        stepper.loadPreset(StepperPanel::Preset::Mnist);
        QVERIFY(!inspector.convInspector()->isVisible());
        QVERIFY(inspector.diagram()->isVisible());
        QCOMPARE(inspector.activations()[1].size(), std::size_t(16));

        for (std::uint64_t seed : {5u, 6u}) {
            studio.setModel(smallCnn(seed), QStringLiteral("cnn"), true);
            QVERIFY(inspector.convInspector()->isVisible());
            QVERIFY(!inspector.diagram()->isVisible());
            inspector.convInspector()->selectPixel(1, 3, 6, 6);
            QCOMPARE(inspector.convInspector()->inputView()->outline(),
                     (core::PixelRect{12, 12, 15, 15}));
            stepper.hide();
            stepper.show(); // a new model is taken when the tab is shown again
            QCOMPARE(stepper.network().spec(), studio.model()->network.spec());
            for (int i = 0; i < stepper.stageCount(); ++i) {
                goToStage(stepper, i);
                QVERIFY(!stepper.formulaText().isEmpty());
            }
            studio.setInput(strokeInput(), 7, QStringLiteral("again"));
        }
        studio.setModel(test::constantModel(2), QStringLiteral("dense"), false);
        QVERIFY(!inspector.convInspector()->isVisible());
        QVERIFY(inspector.diagram()->isVisible());
        QCOMPARE(inspector.activations().size(), std::size_t(3));
        stepper.hide();
        stepper.show();
        QCOMPARE(stepper.stageCount(), 11);
        QTRY_VERIFY(!inspector.isSearching());
    }

    // The real CNN on the current image: a conv layer's kernel weight, checked by finite
    // differences, and its formula's terms summing over the 26 x 26 positions.
    void realNetworkKernelGradient()
    {
        StudioModel studio;
        studio.setModel(smallCnn(9), QStringLiteral("cnn"), true);
        studio.setInput(strokeInput(), 4, QStringLiteral("stroke"));
        StepperPanel stepper(&studio);
        stepper.loadPreset(StepperPanel::Preset::Mnist);
        const int grad0 = stageOf(stepper, StepStageKind::Gradients, 0);
        const int grad2 = stageOf(stepper, StepStageKind::Gradients, 2);
        QVERIFY(grad0 > 0 && grad2 > 0);
        QCOMPARE(stageOf(stepper, StepStageKind::Gradients, 1), -1); // pooling has no weights
        for (const auto &[stage, layer, neuron, input] :
             {std::tuple{grad2, 2, 3, 17}, std::tuple{grad0, 0, 2, 4}}) {
            goToStage(stepper, stage);
            stepper.select(layer, neuron, input);
            QCOMPARE(stepper.selectedLayer(), layer);
            QCOMPARE(stepper.selectedInput(), input);
            const auto [numeric, backprop] = stepper.checkGradient();
            QVERIFY2(std::abs(numeric - backprop) < 1e-3 + 2e-2 * std::abs(backprop),
                     qPrintable(QStringLiteral("%1 vs %2").arg(numeric).arg(backprop)));
            // 11 x 11 or 26 x 26 positions: the zero terms are counted, not written.
            const int positions = layer == 2 ? 121 : 676;
            QVERIFY2(stepper.formulaText().contains(QStringLiteral("%1 terms").arg(positions)),
                     qPrintable(stepper.formulaText()));
        }
        // The conv layer's z at the selected pixel equals the multiply-adds shown.
        const int conv2 = stageOf(stepper, StepStageKind::Linear, 2);
        goToStage(stepper, conv2);
        stepper.select(2, (4 * 11 + 5) * 6 + 1, 0);
        const QString text = stepper.formulaText();
        QCOMPARE(text.count(QStringLiteral(" · ")), 3 * 3 * 4 + 1);
        QVERIFY(text.contains(
            QStringLiteral("<b>%1</b>")
                .arg(double(stepper.trace().z[2]((4 * 11 + 5) * 6 + 1, 0)), 0, 'f', 4)));
    }
};

Q_DECLARE_METATYPE(QLocale)

QTEST_MAIN(TestConvViews)
#include "tst_convviews.moc"
