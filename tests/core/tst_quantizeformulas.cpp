// SPDX-License-Identifier: GPL-3.0-or-later
// Post-training int8 quantization of a small network, parameter by parameter, against the
// formulas of TensorFlow Lite (affine quantization, round half away from zero):
//   activations: scale = (max - min) / 255 over a range that includes 0,
//                zero point = round(-128 - min / scale);
//   weights:     per output row, scale = max|w| / 127, q = round(w / scale);
//   biases:      int32, round(b / (input scale * weight scale));
//   multiplier:  input scale * weight scale / output scale, as q * 2^(shift - 31);
//   table of a sigmoid layer: entry v = round(f(z_scale * (v - z_zero)) / y_scale) + y_zero;
//   softmax table: round(e^(-logit scale * d) * 2^16).
// The ranges come from a plain forward pass written here in double precision, and a few values
// are worked out by hand. Then the int8 kernel on a model built by hand.
#include "core/deploy/quantize.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;

namespace {

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

/// 2 inputs -> 2 sigmoid -> 2 softmax, with weights chosen so that roundings are visible.
Network smallNetwork()
{
    ModelSpec spec;
    spec.inputSize = 2;
    spec.layers = {{2, Activation::Sigmoid}, {2, Activation::Softmax}};
    Network net(spec);
    net.weights(0) << 0.5f, 0.35f, 0.3f, 0.9f;
    net.bias(0) << 0.102f, -0.3f;
    net.weights(1) << 1.0f, -1.0f, -0.5f, 0.8f;
    net.bias(1) << 0.05f, -0.05f;
    return net;
}

/// The four corners of the unit square as 1x2 images.
Dataset corners()
{
    Dataset d;
    d.name = "corners";
    d.rows = 1;
    d.cols = 2;
    d.images = {255, 0, 0, 255, 255, 255, 0, 0};
    d.labels = {0, 0, 0, 0};
    return d;
}

struct Expected
{
    double scale = 0.0;
    int zeroPoint = 0;
};

/// scale and zero point of a range, widened to include 0.
Expected rangeOf(double lo, double hi)
{
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    const double scale = (hi - lo) / 255.0;
    return {scale, int(std::round(-128.0 - lo / scale))};
}

bool near(double a, double b, double rel = 1e-6) { return std::abs(a - b) <= rel * std::abs(b); }

} // namespace

class TestQuantizeFormulas : public QObject
{
    Q_OBJECT

private slots:
    void parametersFollowTheFormulas()
    {
        const Network net = smallNetwork();
        const Dataset data = corners();
        const QuantizedModel q = quantize(net, data, 4);
        QCOMPARE(q.calibrationImages, 4);
        QCOMPARE(q.layers.size(), std::size_t(2));
        QCOMPARE(q.input.zeroPoint, -128);
        QVERIFY(near(q.input.scale, 1.0 / 255.0));

        // Plain forward pass over the corners: ranges of z and y per layer.
        const double w0[2][2] = {{0.5f, 0.35f}, {0.3f, 0.9f}}, b0[2] = {0.102f, -0.3f};
        const double w1[2][2] = {{1.0f, -1.0f}, {-0.5f, 0.8f}}, b1[2] = {0.05f, -0.05f};
        double z0Lo = 0, z0Hi = 0, y0Hi = 0, z1Lo = 0, z1Hi = 0;
        for (int img = 0; img < 4; ++img) {
            const double x[2] = {data.images[std::size_t(2 * img)] / 255.0,
                                 data.images[std::size_t(2 * img + 1)] / 255.0};
            double y[2];
            for (int r = 0; r < 2; ++r) {
                const double z = w0[r][0] * x[0] + w0[r][1] * x[1] + b0[r];
                z0Lo = std::min(z0Lo, z);
                z0Hi = std::max(z0Hi, z);
                y[r] = sigmoid(z);
                y0Hi = std::max(y0Hi, y[r]);
            }
            for (int r = 0; r < 2; ++r) {
                const double z = w1[r][0] * y[0] + w1[r][1] * y[1] + b1[r];
                z1Lo = std::min(z1Lo, z);
                z1Hi = std::max(z1Hi, z);
            }
        }
        // By hand: z of layer 1 spans -0.3 (image (0,0), unit 2) to 0.952 (image (1,1), unit 1).
        QVERIFY(near(z0Lo, -0.3) && near(z0Hi, 0.952));

        // Layer 1: its z (the sigmoid goes through a table), scale 1.252 / 255 and zero point
        // round(-128 + 0.3 / (1.252 / 255)) = round(-66.898) = -67.
        const QuantizedLayer &l0 = q.layers[0];
        const Expected out0 = rangeOf(z0Lo, z0Hi);
        QCOMPARE(out0.zeroPoint, -67);
        QVERIFY2(near(l0.output.scale, out0.scale), qPrintable(QString::number(l0.output.scale, 'g', 12)));
        QCOMPARE(l0.output.zeroPoint, -67);
        QCOMPARE(l0.actMin, -128);
        QCOMPARE(l0.actMax, 127);
        // Weights per row: (0.5, 0.35) -> 127 and 0.35 * 254 = 88.9 -> 89;
        // (0.3, 0.9) -> 0.3 * 127 / 0.9 = 42.33 -> 42 and 127.
        QCOMPARE(l0.weights, (std::vector<std::int8_t>{127, 89, 42, 127}));
        // Biases: 0.102 / (1/255 * 0.5/127) = 0.102 * 64770 = 6606.54 -> 6607.
        QCOMPARE(l0.bias[0], 6607);
        QCOMPARE(l0.bias[1], int(std::round(b0[1] / (1.0 / 255.0 * (w0[1][1] / 127.0)))));
        for (int r = 0; r < 2; ++r) {
            const double sw = std::max(std::abs(w0[r][0]), std::abs(w0[r][1])) / 127.0;
            const double m = (1.0 / 255.0) * sw / l0.output.scale;
            const double real = double(l0.multiplier[std::size_t(r)]) * std::ldexp(1.0, l0.shift[std::size_t(r)] - 31);
            QVERIFY2(near(real, m, 1e-8), qPrintable(QStringLiteral("%1 vs %2").arg(real).arg(m)));
        }
        // The sigmoid's table maps every int8 z to the int8 y (range 0 .. sigmoid(0.952)).
        const Expected y0 = rangeOf(0.0, y0Hi);
        QCOMPARE(y0.zeroPoint, -128);
        QVERIFY(near(l0.lutOutput.scale, y0.scale));
        QCOMPARE(l0.lutOutput.zeroPoint, -128);
        QCOMPARE(l0.lut.size(), std::size_t(256));
        // (With the scales checked above, the entries use the engine's own to the last bit.)
        for (int v = -128; v <= 127; ++v) {
            const double y = sigmoid(l0.output.scale * (v - l0.output.zeroPoint));
            const int expected = int(std::clamp(std::round(y / l0.lutOutput.scale) - 128.0, -128.0, 127.0));
            QVERIFY2(int(l0.lut[std::size_t(v + 128)]) == expected,
                     qPrintable(QStringLiteral("z %1: %2 instead of %3").arg(v).arg(l0.lut[std::size_t(v + 128)]).arg(expected)));
        }

        // Layer 2: input is layer 1's y; the softmax's logits are its z.
        const QuantizedLayer &l1 = q.layers[1];
        QVERIFY(near(l1.input.scale, y0.scale));
        QCOMPARE(l1.input.zeroPoint, -128);
        const Expected out1 = rangeOf(z1Lo, z1Hi);
        QVERIFY(near(l1.output.scale, out1.scale));
        QCOMPARE(l1.output.zeroPoint, out1.zeroPoint);
        QVERIFY(l1.lut.empty());
        // (1, -1) -> (127, -127); (-0.5, 0.8) -> -0.5 * 127 / 0.8 = -79.375 -> -79, and 127.
        QCOMPARE(l1.weights, (std::vector<std::int8_t>{127, -127, -79, 127}));
        for (int r = 0; r < 2; ++r) {
            const double sw = std::max(std::abs(w1[r][0]), std::abs(w1[r][1])) / 127.0;
            QCOMPARE(l1.bias[std::size_t(r)], int(std::round(b1[r] / (l1.input.scale * sw))));
        }
        for (int d = 0; d < 256; ++d)
            QCOMPARE(q.softmaxTable[std::size_t(d)],
                     std::uint32_t(std::round(std::exp(-l1.output.scale * d) * 65536.0)));
    }

    void kernelOnAHandMadeModel()
    {
        // One layer, 3 inputs, 3 outputs; rows 1 and 3 equal, so two logits tie.
        QuantizedModel m;
        m.spec.inputSize = 3;
        m.spec.layers = {{3, Activation::Softmax}};
        m.input = {1.0 / 255.0, -128};
        QuantizedLayer l;
        l.inputs = 3;
        l.outputs = 3;
        l.activation = Activation::Softmax;
        l.weights = {1, 2, 3, 3, 2, 1, 1, 2, 3};
        l.bias = {10, -10, 10};
        l.multiplier = {1 << 30, 1 << 30, 1 << 30}; // 0.5
        l.shift = {0, 0, 0};
        l.input = m.input;
        l.output = {0.1, 5};
        m.layers.push_back(l);
        for (int d = 0; d < 256; ++d)
            m.softmaxTable[std::size_t(d)] = std::uint32_t(std::lround(65536.0 * std::exp(-0.1 * d)));
        // x - zero point = (10, 20, 30): rows give 140 + 10, 100 - 10, 140 + 10; halved 75, 45,
        // 75; plus the output zero point 5: logits (80, 50, 80).
        const std::int8_t x[3] = {-118, -108, -98};
        std::int8_t logits[3], probabilities[3];
        Int8Runner runner(m);
        const int best = runner.run(x, logits, probabilities);
        QCOMPARE(int(logits[0]), 80);
        QCOMPARE(int(logits[1]), 50);
        QCOMPARE(int(logits[2]), 80);
        QCOMPARE(best, 0); // the first of the tied maxima
        // Table entries 65536, 3263, 65536; sum 134335; 256 x share rounded, minus 128.
        QCOMPARE(int(probabilities[0]), 125 - 128);
        QCOMPARE(int(probabilities[1]), 6 - 128);
        QCOMPARE(int(probabilities[2]), 125 - 128);
    }

    void requantizationRounding_data()
    {
        QTest::addColumn<int>("x");
        QTest::addColumn<double>("m");
        QTest::addColumn<int>("expected");
        QTest::newRow("-1 x 0.75 = -0.75") << -1 << 0.75 << -1;
        QTest::newRow("1 x 0.75 = 0.75") << 1 << 0.75 << 1;
        QTest::newRow("-3 x 0.75 = -2.25") << -3 << 0.75 << -2;
        QTest::newRow("-7 x 0.375 = -2.625") << -7 << 0.375 << -3;
        QTest::newRow("-100 x 0.0123 = -1.23") << -100 << 0.0123 << -1;
        QTest::newRow("-250 x 0.0123 = -3.075") << -250 << 0.0123 << -3;
    }
    void requantizationRounding()
    {
        QFETCH(int, x);
        QFETCH(double, m);
        std::int32_t q, s;
        quantizeMultiplier(m, q, s);
        QTEST(multiplyByQuantizedMultiplier(x, q, s), "expected");
    }
};

QTEST_GUILESS_MAIN(TestQuantizeFormulas)
#include "tst_quantizeformulas.moc"
