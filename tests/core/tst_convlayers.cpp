// SPDX-License-Identifier: GPL-3.0-or-later
// The typed layers: shapes, counts and validation by hand; backward passes against finite
// differences of an independent double-precision reference (naiveconv.h).
#include "core/base/error.h"
#include "core/base/random.h"
#include "core/nn/network.h"
#include "naiveconv.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;
Q_DECLARE_METATYPE(tinyml::core::ModelSpec)
Q_DECLARE_METATYPE(tinyml::core::ErrorCode)

namespace {

using L = LayerSpec;
constexpr auto kTanh = Activation::Tanh;
constexpr auto kSoftmax = Activation::Softmax;

ModelSpec model(std::vector<LayerSpec> layers, int h, int w, int c, float l2 = 0.0f)
{
    ModelSpec spec = ModelSpec::withLayers(std::move(layers), Shape::hwc(h, w, c));
    spec.l2 = l2;
    return spec;
}

} // namespace

class TestConvLayers : public QObject
{
    Q_OBJECT

private slots:
    void smallCnnShapesAndCounts()
    {
        // The small CNN, counted by hand: 26x26x8, 13x13x8, 11x11x16, 5x5x16, 400, 10.
        const ModelSpec spec = model({L::conv2d(8, 3, Activation::Relu), L::maxPooling2d(2),
                                      L::conv2d(16, 3, Activation::Relu), L::maxPooling2d(2),
                                      L::flatten(), L::dense(10, kSoftmax)},
                                     28, 28, 1);
        spec.validate();
        QCOMPARE(spec.outputShape(0), Shape::hwc(26, 26, 8));
        QCOMPARE(spec.outputShape(1), Shape::hwc(13, 13, 8));
        QCOMPARE(spec.outputShape(2), Shape::hwc(11, 11, 16));
        QCOMPARE(spec.outputShape(3), Shape::hwc(5, 5, 16));
        QCOMPARE(spec.outputShape(4), Shape::flat(400));
        QCOMPARE(spec.outputShape(5), Shape::flat(10));
        QCOMPARE(spec.layerParameters(0), 3 * 3 * 1 * 8 + 8);
        QCOMPARE(spec.layerParameters(2), 3 * 3 * 8 * 16 + 16);
        QCOMPARE(spec.layerParameters(5), 400 * 10 + 10);
        QCOMPARE(spec.parameterCount(), 80 + 1168 + 4010);
        QCOMPARE(spec.layerMacs(0), 26 * 26 * 8 * 9);
        QCOMPARE(spec.layerMacs(1), 0);
        QCOMPARE(spec.layerMacs(2), 11 * 11 * 16 * 72);
        QCOMPARE(spec.macCount(), 48672 + 139392 + 4000);
        QCOMPARE(spec.layerActivationBytes(0), 26 * 26 * 8 * 4);
        QCOMPARE(Network(spec).parameters().size(), std::size_t(5258));
        QVERIFY(!spec.isDenseOnly());
        QVERIFY(ModelSpec::courseModel().isDenseOnly());
    }

    void glorotLimitsFollowKerasFans()
    {
        // Keras: fan_in = kh*kw*in, fan_out = kh*kw*out (depthwise: out = 1), limit
        // sqrt(6 / (fan_in + fan_out)); biases zero.
        const ModelSpec spec = model({L::conv2d(8, 3, kTanh), L::depthwiseConv2d(3, kTanh),
                                      L::flatten(), L::dense(3, kSoftmax)},
                                     10, 10, 4);
        Network net(spec);
        net.initialize(21);
        const double convLimit = std::sqrt(6.0 / (9 * 4 + 9 * 8));
        const double depthLimit = std::sqrt(6.0 / (9 * 8 + 9 * 1));
        const auto conv = net.weights(0);
        const auto depth = net.weights(1);
        QCOMPARE(conv.size(), Eigen::Index(9 * 4 * 8));
        QCOMPARE(depth.size(), Eigen::Index(9 * 8));
        QVERIFY(conv.cwiseAbs().maxCoeff() <= convLimit);
        QVERIFY(conv.cwiseAbs().maxCoeff() > 0.95 * convLimit);
        QVERIFY(depth.cwiseAbs().maxCoeff() <= depthLimit);
        QVERIFY(depth.cwiseAbs().maxCoeff() > 0.8 * depthLimit);
        QCOMPARE(net.bias(0).cwiseAbs().maxCoeff(), 0.0f);
        QCOMPARE(net.bias(1).cwiseAbs().maxCoeff(), 0.0f);
    }

    void outputSizes_data()
    {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<bool>("same");
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("before");
        // valid: floor((in - k) / s) + 1; same: ceil(in / s), TensorFlow's padding split.
        QTest::newRow("valid 28 k3 s1") << 28 << 3 << 1 << false << 26 << 0;
        QTest::newRow("valid 7 k3 s2") << 7 << 3 << 2 << false << 3 << 0;
        QTest::newRow("valid 8 k3 s2") << 8 << 3 << 2 << false << 3 << 0;
        QTest::newRow("same 28 k3 s1") << 28 << 3 << 1 << true << 28 << 1;
        QTest::newRow("same 28 k3 s2: total 1, all after") << 28 << 3 << 2 << true << 14 << 0;
        QTest::newRow("same 7 k3 s2: total 2") << 7 << 3 << 2 << true << 4 << 1;
        QTest::newRow("same 5 k4 s1: total 3, 1 before") << 5 << 4 << 1 << true << 5 << 1;
        QTest::newRow("same 6 k2 s2: no padding") << 6 << 2 << 2 << true << 3 << 0;
    }
    void outputSizes()
    {
        QFETCH(int, in);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(bool, same);
        QFETCH(int, out);
        QFETCH(int, before);
        const Padding p = same ? Padding::Same : Padding::Valid;
        QCOMPARE(convOutputSize(in, kernel, stride, p), out);
        QCOMPARE(convPaddingBefore(in, kernel, stride, p), before);
    }

    void refusesImpossibleStacks_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("layer");
        QTest::addColumn<QString>("words");
        QTest::newRow("kernel larger than input")
            << model({L::conv2d(2, 5, kTanh), L::flatten(), L::dense(3, kSoftmax)}, 4, 6, 1)
            << ErrorCode::KernelTooLarge << 0 << "larger than its input";
        QTest::newRow("pooling a 1x1 map")
            << model({L::conv2d(2, 3, kTanh), L::maxPooling2d(2, 0, Padding::Same), L::flatten(),
                      L::dense(3, kSoftmax)},
                     3, 3, 1)
            << ErrorCode::PoolingOneByOne << 1 << "1x1";
        QTest::newRow("Dense after a feature map")
            << model({L::conv2d(2, 3, kTanh), L::dense(3, kSoftmax)}, 5, 5, 1)
            << ErrorCode::LayerNeedsFlatten << 1 << "add Flatten()";
        QTest::newRow("Dense on the image input")
            << model({L::dense(3, kSoftmax)}, 5, 5, 1) << ErrorCode::LayerNeedsFlatten << 0
            << "add Flatten()";
        ModelSpec flat = ModelSpec::withHidden({8}, kTanh);
        flat.layers.insert(flat.layers.begin() + 1, L::conv2d(2, 3, kTanh));
        QTest::newRow("conv on a flat tensor")
            << flat << ErrorCode::LayerNeedsImage << 1 << "needs an image input";
        QTest::newRow("zero stride")
            << model({L::conv2d(2, 3, kTanh, 0), L::flatten(), L::dense(3, kSoftmax)}, 5, 5, 1)
            << ErrorCode::SpecInvalid << 0 << "stride";
        QTest::newRow("dropout rate 1")
            << model({L::flatten(), L::dropout(1.0f), L::dense(3, kSoftmax)}, 5, 5, 1)
            << ErrorCode::SpecInvalid << 1 << "dropout";
    }
    void refusesImpossibleStacks()
    {
        QFETCH(ModelSpec, spec);
        QFETCH(ErrorCode, code);
        QFETCH(int, layer);
        QFETCH(QString, words);
        try {
            spec.validate();
            QFAIL("an impossible stack was accepted");
        } catch (const Error &e) {
            QCOMPARE(toString(e.code()), toString(code));
            QCOMPARE(e.args().index.value_or(-1), std::int64_t(layer));
            const QString text = QString::fromUtf8(e.what());
            QVERIFY2(text.contains(words), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("Layer %1").arg(layer + 1)), qPrintable(text));
        }
    }

    void backwardMatchesFiniteDifferences_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        const auto same = Padding::Same;
        QTest::newRow("Conv2D k3 valid s1, 2 channels in, odd size")
            << model({L::conv2d(3, 3, kTanh), L::flatten(), L::dense(3, kSoftmax)}, 7, 6, 2);
        QTest::newRow("Conv2D k3 same s2, odd size") << model(
            {L::conv2d(2, 3, kTanh, 2, same), L::flatten(), L::dense(3, kSoftmax)}, 7, 7, 1);
        QTest::newRow("Conv2D k2 same s2, 3 channels") << model(
            {L::conv2d(2, 2, Activation::Sigmoid, 2, same), L::flatten(), L::dense(3, kSoftmax)}, 6,
            6, 3);
        QTest::newRow("Conv2D k4 same s1 (uneven padding) then Conv2D k3 valid s2")
            << model({L::conv2d(2, 4, kTanh, 1, same), L::conv2d(3, 3, kTanh, 2), L::flatten(),
                      L::dense(3, kSoftmax)},
                     5, 6, 2);
        QTest::newRow("DepthwiseConv2D k3 valid s1 after a conv")
            << model({L::conv2d(3, 2, kTanh), L::depthwiseConv2d(3, kTanh), L::flatten(),
                      L::dense(3, kSoftmax)},
                     7, 6, 1);
        QTest::newRow("DepthwiseConv2D k3 same s2, 2 channels in")
            << model({L::depthwiseConv2d(3, Activation::Sigmoid, 2, same), L::flatten(),
                      L::dense(3, kSoftmax)},
                     7, 7, 2);
        QTest::newRow("MaxPooling2D 2 valid, odd map")
            << model({L::conv2d(2, 3, kTanh, 1, same), L::maxPooling2d(2), L::flatten(),
                      L::dense(3, kSoftmax)},
                     7, 5, 1);
        QTest::newRow("MaxPooling2D 3 stride 2 same")
            << model({L::conv2d(2, 3, kTanh, 1, same), L::maxPooling2d(3, 2, same), L::flatten(),
                      L::dense(3, kSoftmax)},
                     7, 6, 1);
        QTest::newRow("AveragePooling2D 2 valid") << model(
            {L::conv2d(2, 3, kTanh), L::averagePooling2d(2), L::flatten(), L::dense(3, kSoftmax)},
            7, 7, 2);
        QTest::newRow("AveragePooling2D 3 stride 2 same (edges count fewer pixels)")
            << model({L::conv2d(2, 2, kTanh, 1, same), L::averagePooling2d(3, 2, same),
                      L::flatten(), L::dense(3, kSoftmax)},
                     6, 7, 1);
        // Filter counts in whole register blocks of 8 and short kernels (k*k*C = 9, 32, 18): the
        // engine's register-blocked convolution path, not the general matrix product.
        QTest::newRow("Conv2D 8 filters k3 valid, max pooling, 16 filters k2 same")
            << model({L::conv2d(8, 3, kTanh), L::maxPooling2d(2), L::conv2d(16, 2, kTanh, 1, same),
                      L::flatten(), L::dense(3, kSoftmax)},
                     8, 7, 1);
        QTest::newRow("Conv2D 16 filters k3 same s2, 2 channels in")
            << model({L::conv2d(16, 3, Activation::Sigmoid, 2, same), L::flatten(),
                      L::dense(3, kSoftmax)},
                     7, 7, 2);
        QTest::newRow("small CNN with L2 on every kernel")
            << model({L::conv2d(4, 3, Activation::LeakyRelu), L::maxPooling2d(2),
                      L::depthwiseConv2d(3, kTanh, 1, same), L::averagePooling2d(2), L::flatten(),
                      L::dropout(0.0f), L::dense(4, kTanh), L::dense(3, kSoftmax)},
                     10, 10, 1, 0.01f);
    }
    void backwardMatchesFiniteDifferences()
    {
        QFETCH(ModelSpec, spec);
        Network net(spec);
        net.initialize(7);
        Rng rng(99);
        // Biases away from zero, and inputs in [0, 1].
        for (std::size_t l = 0; l < net.layerCount(); ++l)
            for (Eigen::Index i = 0; i < net.bias(l).size(); ++i)
                net.bias(l)(i) = rng.uniform(-0.3f, 0.3f);
        constexpr int n = 3;
        Matrix X(spec.inputSize, n);
        for (Eigen::Index i = 0; i < X.size(); ++i)
            X.data()[i] = rng.uniform(0.0f, 1.0f);
        const std::uint8_t labels[n] = {2, 0, 1};
        Workspace ws(spec, n);
        net.forward(X, ws);
        const double engineLoss = net.backward(X, {labels, nullptr}, ws).loss;

        std::vector<double> params(net.parameters().begin(), net.parameters().end());
        const Shape s = *spec.inputShape;
        std::vector<naiveconv::Tensor> inputs;
        for (int c = 0; c < n; ++c)
            inputs.push_back({s.height, s.width, s.channels,
                              std::vector<double>(X.col(c).data(), X.col(c).data() + X.rows())});
        const double naiveLoss = naiveconv::loss(spec, params, inputs, labels);
        QVERIFY2(
            std::abs(engineLoss - naiveLoss) < 1e-5 * (1.0 + std::abs(naiveLoss)),
            qPrintable(QStringLiteral("loss %1 vs reference %2").arg(engineLoss).arg(naiveLoss)));

        const double h = 1e-6;
        int checked = 0;
        for (std::size_t i = 0; i < params.size(); ++i) {
            const double fd = tinyml::test::centralDifference(
                params[i], h, [&] { return naiveconv::loss(spec, params, inputs, labels); });
            const double g = ws.gradients()[i];
            QVERIFY2(std::abs(g - fd) <= 2e-5 + 2e-3 * std::abs(fd),
                     qPrintable(QStringLiteral("parameter %1: backprop %2, finite difference %3")
                                    .arg(i)
                                    .arg(g, 0, 'g', 8)
                                    .arg(fd, 0, 'g', 8)));
            checked += std::abs(fd) > 1e-4;
        }
        // Most gradients are far from zero: the check is not vacuous.
        QVERIFY2(checked > int(params.size()) / 2, qPrintable(QString::number(checked)));
    }

    void dropoutLayerDropsAndScales()
    {
        // Dropout(0.5) between Flatten and Dense: kept values doubled, others zero; the gradient
        // through the same mask matches finite differences of the engine's own loss.
        const ModelSpec spec
            = model({L::conv2d(2, 3, kTanh), L::flatten(), L::dropout(0.5f), L::dense(3, kSoftmax)},
                    6, 6, 1);
        Network net(spec);
        net.initialize(3);
        constexpr int n = 4;
        Matrix X(spec.inputSize, n);
        Rng rng(5);
        for (Eigen::Index i = 0; i < X.size(); ++i)
            X.data()[i] = rng.uniform(0.0f, 1.0f);
        const std::uint8_t labels[n] = {0, 1, 2, 1};
        Workspace ws(spec, n);
        Rng drop(17);
        net.forward(X, ws, &drop);
        int zeros = 0;
        for (Eigen::Index i = 0; i < ws.a(2).size(); ++i) {
            const float in = ws.a(1).data()[i], out = ws.a(2).data()[i];
            QVERIFY(out == 0.0f || std::abs(out - 2.0f * in) <= 1e-6f * std::abs(in));
            zeros += out == 0.0f;
        }
        QVERIFY2(zeros > ws.a(2).size() / 4 && zeros < 3 * ws.a(2).size() / 4,
                 qPrintable(QString::number(zeros)));
        net.backward(X, {labels, nullptr}, ws);
        const std::vector<float> grads(ws.gradients().begin(), ws.gradients().end());
        auto lossAt = [&] {
            Workspace w(spec, n);
            Rng again(17);
            net.forward(X, w, &again);
            return net.loss(w, {labels, nullptr}).loss;
        };
        const float h = 1e-2f;
        for (std::size_t i = 0; i < net.weightOffset(3); ++i) {
            const double fd = tinyml::test::centralDifference(net.parameters()[i], h, lossAt);
            QVERIFY2(std::abs(grads[i] - fd) <= 2e-3 + 2e-2 * std::abs(fd),
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(i).arg(grads[i]).arg(fd)));
        }
        // Without a generator the layer is the identity.
        net.forward(X, ws);
        QVERIFY(ConstMatrixMap(ws.a(2).data(), ws.a(2).rows(), n)
                == ConstMatrixMap(ws.a(1).data(), ws.a(1).rows(), n));
    }
};

QTEST_GUILESS_MAIN(TestConvLayers)
#include "tst_convlayers.moc"
