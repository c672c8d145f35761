// SPDX-License-Identifier: GPL-3.0-or-later
// Convolutional layers laid open for the inspector and the stepper: receptive fields (by hand
// and by brute force), the multiply-adds of one output, a kernel weight's gradient as a sum over
// positions, and max pooling's routing of the gradient.
#include "core/base/error.h"
#include "core/base/random.h"
#include "core/nn/steptrace.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>
#include <set>

using namespace tinyml::core;
Q_DECLARE_METATYPE(tinyml::core::PixelRect)
Q_DECLARE_METATYPE(tinyml::core::ModelSpec)
Q_DECLARE_METATYPE(tinyml::core::LayerSpec)

namespace {

struct Rect4
{
    int top, left, bottom, right;
};

PixelRect rect(Rect4 r)
{
    return {r.top, r.left, r.bottom, r.right};
}

/// A 6 x 6 image with a diagonal stroke, written out by hand.
std::vector<float> strokeImage()
{
    return {0.0f, 0.1f, 0.0f, 0.0f, 0.0f, 0.0f, //
            0.2f, 0.9f, 0.3f, 0.0f, 0.0f, 0.0f, //
            0.0f, 0.4f, 1.0f, 0.5f, 0.0f, 0.0f, //
            0.0f, 0.0f, 0.6f, 0.8f, 0.2f, 0.0f, //
            0.0f, 0.0f, 0.0f, 0.7f, 0.9f, 0.1f, //
            0.0f, 0.0f, 0.0f, 0.1f, 0.3f, 0.6f};
}

/// 6x6x1 -> Conv2D(1, 3, relu) -> MaxPooling2D(2) -> Flatten -> Dense(2, softmax), with the
/// kernel and head set by hand.
Network smallConvNet()
{
    ModelSpec spec = ModelSpec::withLayers({LayerSpec::conv2d(1, 3, Activation::Relu),
                                            LayerSpec::maxPooling2d(2), LayerSpec::flatten(),
                                            LayerSpec::dense(2, Activation::Softmax)},
                                           Shape::hwc(6, 6, 1));
    Network net(spec);
    const float kernel[9] = {0.5f, -0.2f, 0.1f, -0.3f, 0.8f, -0.1f, 0.2f, -0.4f, 0.6f};
    for (int i = 0; i < 9; ++i)
        net.weights(0)(0, i) = kernel[i];
    net.bias(0)(0) = 0.05f;
    net.weights(3) << 0.7f, -0.5f, 0.3f, 0.2f, -0.6f, 0.4f, 0.1f, -0.3f;
    net.bias(3) << 0.1f, -0.1f;
    return net;
}

} // namespace

class TestConvSteps : public QObject
{
    Q_OBJECT

private slots:
    // The course's small CNN on 28 x 28: worked out on paper, layer by layer.
    void receptiveFieldByHand_data()
    {
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("y");
        QTest::addColumn<int>("x");
        QTest::addColumn<PixelRect>("expected");
        // conv1 (3x3 valid): output (y, x) reads rows y..y+2.
        QTest::newRow("conv1 (0,0)") << 0 << 0 << 0 << rect({0, 0, 2, 2});
        QTest::newRow("conv1 (25,10)") << 0 << 25 << 10 << rect({25, 10, 27, 12});
        // pool1: rows 2y..2y+1 of conv1, so input rows 2y..2y+3.
        QTest::newRow("pool1 (0,0)") << 1 << 0 << 0 << rect({0, 0, 3, 3});
        QTest::newRow("pool1 (12,5)") << 1 << 12 << 5 << rect({24, 10, 27, 13});
        // conv2: pool1 rows y..y+2, conv1 rows 2y..2y+5, input rows 2y..2y+7.
        QTest::newRow("conv2 (3,7)") << 2 << 3 << 7 << rect({6, 14, 13, 21});
        // pool2 (0,0): conv2 rows 0..1, pool1 rows 0..3, conv1 rows 0..7, input rows 0..9.
        QTest::newRow("pool2 (0,0)") << 3 << 0 << 0 << rect({0, 0, 9, 9});
        // pool2 (4,4): conv2 rows 8..9, pool1 8..11, conv1 16..23, input 16..25.
        QTest::newRow("pool2 (4,4)") << 3 << 4 << 4 << rect({16, 16, 25, 25});
        // Flatten reads all of pool2, whose 2x2 windows skip conv2's last row (11 is odd): conv2
        // rows 0..9, pool1 0..11, conv1 0..23, input 0..25. Rows 26 and 27 never count.
        QTest::newRow("flatten") << 4 << 0 << 0 << rect({0, 0, 25, 25});
    }
    void receptiveFieldByHand()
    {
        QFETCH(int, layer);
        QFETCH(int, y);
        QFETCH(int, x);
        QFETCH(PixelRect, expected);
        const ModelSpec spec = ModelSpec::withLayers(
            {LayerSpec::conv2d(8, 3, Activation::Relu), LayerSpec::maxPooling2d(2),
             LayerSpec::conv2d(16, 3, Activation::Relu), LayerSpec::maxPooling2d(2),
             LayerSpec::flatten(), LayerSpec::dense(10, Activation::Softmax)});
        QCOMPARE(receptiveField(spec, std::size_t(layer), y, x), expected);
    }

    // Padding 'same' and stride 2 on 7 x 7: 4 outputs, one padding row before (TensorFlow puts
    // the odd one after), so output o reads rows 2o - 1 .. 2o + 1, clipped to 0..6.
    void receptiveFieldWithPaddingAndStride_data()
    {
        QTest::addColumn<int>("y");
        QTest::addColumn<int>("x");
        QTest::addColumn<PixelRect>("expected");
        QTest::newRow("corner") << 0 << 0 << rect({0, 0, 1, 1});
        QTest::newRow("inside") << 1 << 2 << rect({1, 3, 3, 5});
        QTest::newRow("far corner") << 3 << 3 << rect({5, 5, 6, 6});
    }
    void receptiveFieldWithPaddingAndStride()
    {
        QFETCH(int, y);
        QFETCH(int, x);
        QFETCH(PixelRect, expected);
        const ModelSpec spec = ModelSpec::withLayers(
            {LayerSpec::conv2d(2, 3, Activation::Linear, 2, Padding::Same), LayerSpec::flatten(),
             LayerSpec::dense(2, Activation::Softmax)},
            Shape::hwc(7, 7, 1));
        QCOMPARE(spec.outputShape(0), Shape::hwc(4, 4, 2));
        QCOMPARE(receptiveField(spec, 0, y, x), expected);
    }

    // The receptive field is exactly the set of input pixels whose change alters the output:
    // every input pixel in turn gets +1000 (all weights positive, so the change always travels
    // up through max pooling too), and every output pixel of every spatial layer is compared.
    void receptiveFieldIsWhatChangesTheOutput_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        const Shape in = Shape::hwc(13, 12, 1);
        auto stack = [&](std::vector<LayerSpec> layers) {
            layers.push_back(LayerSpec::flatten());
            layers.push_back(LayerSpec::dense(2, Activation::Softmax));
            return ModelSpec::withLayers(std::move(layers), in);
        };
        const auto lin = Activation::Linear;
        QTest::newRow("conv-max-conv-max valid")
            << stack({LayerSpec::conv2d(2, 3, lin), LayerSpec::maxPooling2d(2),
                      LayerSpec::conv2d(2, 3, lin), LayerSpec::maxPooling2d(2)});
        QTest::newRow("same padding, stride 2, average pooling") << stack(
            {LayerSpec::conv2d(2, 3, lin, 2, Padding::Same), LayerSpec::averagePooling2d(2, 1),
             LayerSpec::conv2d(1, 5, lin, 1, Padding::Same)});
        QTest::newRow("depthwise, dropout, pool 3 stride 2 same") << stack(
            {LayerSpec::conv2d(3, 2, lin), LayerSpec::depthwiseConv2d(3, lin, 1, Padding::Same),
             LayerSpec::dropout(0.5f), LayerSpec::maxPooling2d(3, 2, Padding::Same)});
    }
    void receptiveFieldIsWhatChangesTheOutput()
    {
        QFETCH(ModelSpec, spec);
        Network net(spec);
        Rng rng(11);
        for (float &p : net.parameters())
            p = rng.uniform(0.1f, 1.0f);
        const Shape in = spec.inputTensorShape();
        std::vector<float> base(std::size_t(in.size()));
        for (float &v : base)
            v = rng.uniform(0.0f, 1.0f);
        std::vector<std::size_t> spatial;
        for (std::size_t l = 0; l < net.layerCount(); ++l)
            if (spec.outputShape(l).image)
                spatial.push_back(l);
        auto outputs = [&](const std::vector<float> &x) {
            Workspace ws(spec, 1);
            net.forward(ConstMatrixMap(x.data(), spec.inputSize, 1), ws);
            std::vector<std::vector<float>> a;
            for (std::size_t l : spatial)
                a.emplace_back(ws.a(l).data(), ws.a(l).data() + ws.a(l).size());
            return a;
        };
        const auto before = outputs(base);
        // changed[layer][output pixel] = input pixels whose change altered some channel there
        std::vector<std::vector<std::set<int>>> changed(spatial.size());
        for (std::size_t k = 0; k < spatial.size(); ++k)
            changed[k].resize(std::size_t(spec.outputShape(spatial[k]).height
                                          * spec.outputShape(spatial[k]).width));
        for (int p = 0; p < in.height * in.width; ++p) {
            std::vector<float> x = base;
            x[std::size_t(p)] += 1000.0f;
            const auto after = outputs(x);
            for (std::size_t k = 0; k < spatial.size(); ++k) {
                const int C = spec.outputShape(spatial[k]).channels;
                for (std::size_t o = 0; o < changed[k].size(); ++o)
                    for (int c = 0; c < C; ++c)
                        if (after[k][o * std::size_t(C) + std::size_t(c)]
                            != before[k][o * std::size_t(C) + std::size_t(c)])
                            changed[k][o].insert(p);
            }
        }
        int checked = 0;
        for (std::size_t k = 0; k < spatial.size(); ++k) {
            const Shape out = spec.outputShape(spatial[k]);
            for (int y = 0; y < out.height; ++y)
                for (int x = 0; x < out.width; ++x) {
                    const PixelRect r = receptiveField(spec, spatial[k], y, x);
                    std::set<int> expected;
                    for (int iy = r.top; iy <= r.bottom; ++iy)
                        for (int ix = r.left; ix <= r.right; ++ix)
                            expected.insert(iy * in.width + ix);
                    const auto &found = changed[k][std::size_t(y * out.width + x)];
                    QVERIFY2(found == expected,
                             qPrintable(QStringLiteral("layer %1, output (%2, %3)")
                                            .arg(spatial[k])
                                            .arg(y)
                                            .arg(x)));
                    ++checked;
                }
        }
        QVERIFY(checked > 50);
    }

    // z of every output of the 6 x 6 example from its nine listed multiply-adds equals a plain
    // loop written here and the engine's forward pass.
    void convTermsAreTheMultiplyAdds()
    {
        const Network net = smallConvNet();
        const std::vector<float> x = strokeImage();
        Workspace ws(net.spec(), 1);
        net.forward(ConstMatrixMap(x.data(), 36, 1), ws);
        const float kernel[3][3] = {{0.5f, -0.2f, 0.1f}, {-0.3f, 0.8f, -0.1f}, {0.2f, -0.4f, 0.6f}};
        for (int oy = 0; oy < 4; ++oy)
            for (int ox = 0; ox < 4; ++ox) {
                double plain = 0.05;
                for (int ky = 0; ky < 3; ++ky)
                    for (int kx = 0; kx < 3; ++kx)
                        plain += double(kernel[ky][kx])
                                 * double(x[std::size_t((oy + ky) * 6 + ox + kx)]);
                const auto terms = convTerms(net, 0, x, oy, ox, 0);
                QCOMPARE(terms.size(), std::size_t(9));
                double sum = double(net.bias(0)(0));
                for (std::size_t t = 0; t < terms.size(); ++t) {
                    const ConvTerm &term = terms[t];
                    QCOMPARE(term.ky * 3 + term.kx, int(t));
                    QCOMPARE(term.iy, oy + term.ky);
                    QCOMPARE(term.ix, ox + term.kx);
                    QVERIFY(!term.padding);
                    QCOMPARE(term.weight, kernel[term.ky][term.kx]);
                    QCOMPARE(term.input, x[std::size_t(term.iy * 6 + term.ix)]);
                    sum += double(term.weight) * double(term.input);
                }
                QVERIFY(std::abs(sum - plain) < 1e-9);
                QVERIFY(std::abs(double(ws.z(0)(oy * 4 + ox, 0)) - plain) < 1e-6);
            }
        // Hand check of output (1, 1): 0.5·0.9 − 0.2·0.3 + 0.1·0 − 0.3·0.4 + 0.8·1.0 − 0.1·0.5
        // + 0.2·0 − 0.4·0.6 + 0.6·0.8 + 0.05 = 1.31
        QVERIFY(std::abs(double(ws.z(0)(5, 0)) - 1.31) < 1e-6);
    }

    // With several input channels, stride 2 and 'same' padding, and for depthwise filters, the
    // listed terms (padding taps read 0) still add up to the engine's z.
    void convTermsMatchTheEngine_data()
    {
        QTest::addColumn<LayerSpec>("second");
        QTest::newRow("conv2d stride 2 same")
            << LayerSpec::conv2d(3, 3, Activation::Tanh, 2, Padding::Same);
        QTest::newRow("depthwise same")
            << LayerSpec::depthwiseConv2d(3, Activation::Relu, 1, Padding::Same);
    }
    void convTermsMatchTheEngine()
    {
        QFETCH(LayerSpec, second);
        const ModelSpec spec = ModelSpec::withLayers({LayerSpec::conv2d(2, 3, Activation::Relu),
                                                      second, LayerSpec::flatten(),
                                                      LayerSpec::dense(3, Activation::Softmax)},
                                                     Shape::hwc(9, 8, 1));
        Network net(spec);
        net.initialize(5);
        Rng rng(2);
        for (float &b :
             net.parameters().subspan(net.biasOffset(1), std::size_t(net.bias(1).size())))
            b = rng.uniform(-0.5f, 0.5f);
        std::vector<float> x(72);
        for (float &v : x)
            v = rng.uniform(0.0f, 1.0f);
        Workspace ws(spec, 1);
        net.forward(ConstMatrixMap(x.data(), 72, 1), ws);
        const std::vector<float> a0(ws.a(0).data(), ws.a(0).data() + ws.a(0).size());
        const Shape out = spec.outputShape(1);
        int padded = 0;
        for (int y = 0; y < out.height; ++y)
            for (int xo = 0; xo < out.width; ++xo)
                for (int f = 0; f < out.channels; ++f) {
                    double sum = double(net.bias(1)(f));
                    for (const ConvTerm &t : convTerms(net, 1, a0, y, xo, f)) {
                        sum += double(t.weight) * double(t.input);
                        padded += t.padding;
                        QVERIFY(!t.padding || t.input == 0.0f);
                    }
                    const float z = ws.z(1)((y * out.width + xo) * out.channels + f, 0);
                    QVERIFY2(std::abs(sum - double(z)) < 1e-5,
                             qPrintable(QString::number(sum - double(z))));
                }
        QVERIFY(padded > 0);
    }

    // ∂L/∂w of each kernel weight: the sum of its terms over the 16 positions equals the
    // engine's gradient and central finite differences of the loss.
    void kernelGradientIsTheSumOverPositions()
    {
        Network net = smallConvNet();
        const std::vector<float> xs = strokeImage();
        const Matrix X = ConstMatrixMap(xs.data(), 36, 1);
        const std::uint8_t label = 1;
        const Targets targets{{&label, 1}, nullptr};
        Optimizer opt(net.spec().optimizer, net.parameters().size());
        const StepTrace t = traceStep(net, opt, X, targets, false);
        for (int ky = 0; ky < 3; ++ky)
            for (int kx = 0; kx < 3; ++kx) {
                const auto terms = kernelGradientTerms(net, 0, X, t.delta[0], 0, ky, kx, 0);
                QCOMPARE(terms.size(), std::size_t(16));
                double sum = 0.0;
                for (const KernelGradientTerm &term : terms) {
                    QCOMPARE(term.iy, term.oy + ky);
                    QCOMPARE(term.ix, term.ox + kx);
                    QCOMPARE(term.input, xs[std::size_t(term.iy * 6 + term.ix)]);
                    QCOMPARE(term.delta, t.delta[0](term.oy * 4 + term.ox, 0));
                    sum += double(term.delta) * double(term.input);
                }
                const std::size_t index = net.weightOffset(0) + std::size_t(ky * 3 + kx);
                QVERIFY(std::abs(sum - double(t.gradients[index])) < 1e-6);
                Network probe = net;
                const double numeric = tinyml::test::centralDifference(
                    probe.parameters()[index], 1e-2f, [&] { return lossOf(probe, X, targets); });
                QVERIFY2(
                    std::abs(numeric - sum) < 2e-3 + 1e-2 * std::abs(sum),
                    qPrintable(
                        QStringLiteral("(%1,%2): %3 vs %4").arg(ky).arg(kx).arg(numeric).arg(sum)));
            }
        // The example is not degenerate: some positions pass a gradient, some do not.
        int nonZero = 0;
        for (Eigen::Index i = 0; i < 16; ++i)
            nonZero += t.delta[0](i, 0) != 0.0f;
        QVERIFY(nonZero >= 2 && nonZero <= 4);
    }

    // Max pooling routes δ to the largest value of each window only; the others get 0.
    void maxPoolingRoutesTheGradientToTheMax()
    {
        Network net = smallConvNet();
        const std::vector<float> xs = strokeImage();
        const Matrix X = ConstMatrixMap(xs.data(), 36, 1);
        const std::uint8_t label = 0;
        Optimizer opt(net.spec().optimizer, net.parameters().size());
        const StepTrace t = traceStep(net, opt, X, {{&label, 1}, nullptr}, false);
        const std::vector<float> conv(t.a[0].data(), t.a[0].data() + 16);
        for (int py = 0; py < 2; ++py)
            for (int px = 0; px < 2; ++px) {
                // The largest of the 2 x 2 window, found here by a plain scan.
                int best = -1;
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx) {
                        const int i = (2 * py + dy) * 4 + 2 * px + dx;
                        if (best < 0 || conv[std::size_t(i)] > conv[std::size_t(best)])
                            best = i;
                    }
                const PoolWindow w = poolWindow(net.spec(), 1, conv, py, px, 0);
                QCOMPARE(w.taps.size(), std::size_t(4));
                QVERIFY(w.argmax >= 0);
                const PoolTap &m = w.taps[std::size_t(w.argmax)];
                QCOMPARE(m.iy * 4 + m.ix, best);
                QCOMPARE(t.a[1](py * 2 + px, 0), conv[std::size_t(best)]);
                const float pooledDelta = t.delta[1](py * 2 + px, 0);
                QVERIFY(pooledDelta != 0.0f);
                for (const PoolTap &tap : w.taps) {
                    const int i = tap.iy * 4 + tap.ix;
                    const float relu = t.z[0](i, 0) > 0.0f ? 1.0f : 0.0f;
                    QCOMPARE(t.delta[0](i, 0), i == best ? pooledDelta * relu : 0.0f);
                }
            }
    }

    void wrongSelectionsAreRefused()
    {
        const Network net = smallConvNet();
        const std::vector<float> x = strokeImage();
        QVERIFY_THROWS_EXCEPTION(Error, convTerms(net, 0, x, 4, 0, 0));
        QVERIFY_THROWS_EXCEPTION(Error, convTerms(net, 1, x, 0, 0, 0));
        QVERIFY_THROWS_EXCEPTION(Error, poolWindow(net.spec(), 0, x, 0, 0, 0));
        QVERIFY_THROWS_EXCEPTION(Error, receptiveField(net.spec(), 9, 0, 0));
    }
};

QTEST_APPLESS_MAIN(TestConvSteps)
#include "tst_convsteps.moc"
