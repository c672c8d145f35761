// SPDX-License-Identifier: GPL-3.0-or-later
// The engine against the naive reference of naive.h, on random shapes and random data with fixed
// seeds: Network::forward, the quantization (every parameter from its formula), the int8 runner
// and the generated C, compiled with the host's C compiler. Needs no MNIST.
#include "core/base/random.h"
#include "core/deploy/codegen.h"
#include "core/deploy/quantize.h"
#include "core/nn/network.h"
#include "batchharness.h"
#include "naive.h"

#include <QTest>

#include <cmath>
#include <cstring>

using namespace tinyml::core;
using tinyml::test::randomImages;
namespace naive = tinyml::test::naive;
namespace tflm = tinyml::test::tflm;
Q_DECLARE_METATYPE(tinyml::core::Activation)

namespace {

/// A random dense network: 3..40 inputs, 0..3 hidden layers of 1..24 units, 2..10 outputs,
/// Glorot weights and biases uniform in [−0.3, 0.3] (non-zero, so that bias bugs show).
Network randomNetwork(std::uint64_t seed, Activation hidden, Activation output)
{
    Rng rng(seed);
    ModelSpec spec;
    spec.inputSize = 3 + int(rng.below(38));
    const int hiddenLayers = int(rng.below(4));
    for (int l = 0; l < hiddenLayers; ++l)
        spec.layers.push_back({1 + int(rng.below(24)), hidden});
    spec.layers.push_back({2 + int(rng.below(9)), output});
    Network net(spec);
    net.initialize(seed);
    for (std::size_t l = 0; l < net.layerCount(); ++l)
        for (Eigen::Index c = 0; c < net.bias(l).size(); ++c)
            net.bias(l)(c) = rng.uniform(-0.3f, 0.3f);
    return net;
}

std::vector<double> imageAsInput(const Dataset &d, std::size_t i)
{
    std::vector<double> x;
    for (int p = 0; p < d.pixels(); ++p)
        x.push_back(double(d.image(i)[p]) / 255.0);
    return x;
}

QString name(Activation a)
{
    return QString::fromLatin1(toString(a).data(), qsizetype(toString(a).size()));
}

const Activation kAll[] = {Activation::Linear, Activation::Sigmoid, Activation::Tanh,
                           Activation::Relu, Activation::LeakyRelu};

void addQuantizedRows()
{
    QTest::addColumn<Activation>("hidden");
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<bool>("perChannel"); // dense weight scales per row, else one per layer
    for (Activation a : kAll)
        for (quint64 seed : {11u, 12u, 13u})
            for (bool perChannel : {false, true})
                QTest::addRow("%s seed %llu %s", qPrintable(name(a)), seed,
                              perChannel ? "per-channel" : "per-tensor")
                    << a << seed << perChannel;
}

QuantizeOptions granularity(bool perChannel)
{
    return {.dense = perChannel ? DenseQuantization::PerChannel : DenseQuantization::PerTensor};
}

/// Compares one affine parameter set with the one the calibrated range gives.
bool sameAffine(const QuantParams &engine, const naive::Affine &expected, QString &why)
{
    const double relative = std::abs(engine.scale - expected.scale) / expected.scale;
    if (relative > 1e-5) {
        why = QStringLiteral("scale %1, expected %2")
                  .arg(engine.scale, 0, 'g', 10)
                  .arg(expected.scale, 0, 'g', 10);
        return false;
    }
    // The engine measures the range in float: where −128 − lo/scale is within rounding noise of
    // a half, the zero point may round either way.
    const bool tie = naive::nearHalf(expected.unroundedZeroPoint, 1e-4);
    if (engine.zeroPoint != expected.zeroPoint
        && !(tie && std::abs(engine.zeroPoint - expected.zeroPoint) == 1)) {
        why = QStringLiteral("zero point %1, expected %2")
                  .arg(engine.zeroPoint)
                  .arg(expected.zeroPoint);
        return false;
    }
    return true;
}

/// The first calibrationImages images of data through the naive forward pass: min/max of z and
/// y of every layer (each range starts at 0, as the quantization includes 0).
struct Ranges
{
    std::vector<double> zMin, zMax, yMin, yMax;
};
Ranges calibratedRanges(const std::vector<naive::Dense> &layers, const Dataset &data, int images)
{
    Ranges r;
    r.zMin.assign(layers.size(), 0.0);
    r.zMax = r.yMin = r.yMax = r.zMin;
    for (int i = 0; i < images; ++i) {
        const naive::Trace t = naive::forward(layers, imageAsInput(data, std::size_t(i)));
        for (std::size_t l = 0; l < layers.size(); ++l) {
            for (double v : t.z[l]) {
                r.zMin[l] = std::min(r.zMin[l], v);
                r.zMax[l] = std::max(r.zMax[l], v);
            }
            for (double v : t.y[l]) {
                r.yMin[l] = std::min(r.yMin[l], v);
                r.yMax[l] = std::max(r.yMax[l], v);
            }
        }
    }
    return r;
}

/// Every parameter of q against its formula (see the comments); empty when all agree.
/// perChannel: dense weight scales per row (else one per layer).
QString checkQuantization(const Network &net,
                          const QuantizedModel &q,
                          const Dataset &calibration,
                          int images,
                          bool perChannel)
{
    const auto layers = naive::layersOf(net);
    const Ranges ranges = calibratedRanges(layers, calibration, images);
    // Input: a byte pixel p is p / 255 in the float network and p − 128 in int8; scales are
    // stored as float32, as in a .tflite file.
    if (q.input.scale != float(1.0 / 255.0) || q.input.zeroPoint != -128)
        return QStringLiteral("input quantization %1, %2")
            .arg(q.input.scale)
            .arg(q.input.zeroPoint);
    if (q.layers.size() != layers.size())
        return QStringLiteral("%1 quantized layers").arg(q.layers.size());
    QuantParams in = q.input;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const naive::Dense &d = layers[l];
        const QuantizedLayer &ql = q.layers[l];
        const QString where = QStringLiteral("layer %1: ").arg(l);
        if (ql.inputs != d.inputs || ql.outputs != d.outputs || ql.activation != d.activation)
            return where + "shape";
        if (ql.input.scale != in.scale || ql.input.zeroPoint != in.zeroPoint)
            return where + "input parameters differ from the previous layer's output";
        // The dense output is quantized over the range of y for ReLU and linear layers (the ReLU
        // is fused into the clamp), of z otherwise.
        const bool yRange = d.activation == Activation::Relu || d.activation == Activation::Linear;
        const naive::Affine out = yRange ? naive::affineOfRange(ranges.yMin[l], ranges.yMax[l])
                                         : naive::affineOfRange(ranges.zMin[l], ranges.zMax[l]);
        QString why;
        if (!sameAffine(ql.output, out, why))
            return where + "output " + why;
        // A fused ReLU clamps at the output's zero point (real 0); others use the whole int8 range.
        const std::int32_t expectedMin
            = d.activation == Activation::Relu ? std::max(-128, ql.output.zeroPoint) : -128;
        if (ql.actMin != expectedMin || ql.actMax != 127)
            return where + QStringLiteral("clamp %1..%2").arg(ql.actMin).arg(ql.actMax);
        if (ql.perChannel != perChannel)
            return where + "weight scale granularity";
        // Symmetric weights: s_w = max|W| / 127 over the row (per channel) or over the whole
        // kernel (per tensor), W_q = round(W / s_w) in [−127, 127].
        double tensorMaxAbs = 0.0;
        for (int c = 0; c < d.outputs; ++c)
            for (int i = 0; i < d.inputs; ++i)
                tensorMaxAbs = std::max(tensorMaxAbs, std::abs(d.weight(c, i)));
        for (int c = 0; c < d.outputs; ++c) {
            double maxAbs = 0.0;
            for (int i = 0; i < d.inputs; ++i)
                maxAbs = std::max(maxAbs, std::abs(d.weight(c, i)));
            if (!perChannel)
                maxAbs = tensorMaxAbs;
            const double sw = maxAbs / 127.0;
            if (ql.weightScale[std::size_t(c)] != float(sw))
                return where + QStringLiteral("weight scale %1 of row %2, expected %3")
                                   .arg(double(ql.weightScale[std::size_t(c)]), 0, 'g', 10)
                                   .arg(c)
                                   .arg(sw, 0, 'g', 10);
            for (int i = 0; i < d.inputs; ++i) {
                const double exact = d.weight(c, i) / sw;
                const int engine
                    = ql.weights[std::size_t(c) * std::size_t(d.inputs) + std::size_t(i)];
                if (engine < -127 || engine > 127)
                    return where + QStringLiteral("weight %1 outside [-127, 127]").arg(engine);
                if (!naive::nearHalf(exact, 1e-9) && engine != naive::roundHalfAway(exact))
                    return where
                           + QStringLiteral("weight [%1][%2] = %3, round(%4) expected")
                                 .arg(c)
                                 .arg(i)
                                 .arg(engine)
                                 .arg(exact, 0, 'g', 10);
            }
            // int32 bias with scale s_in · s_w and zero point 0: b_q = round(b / (s_in s_w)).
            const double exactBias = d.b[std::size_t(c)] / (in.scale * sw);
            if (!naive::nearHalf(exactBias)
                && ql.bias[std::size_t(c)] != naive::roundHalfAway(exactBias))
                return where
                       + QStringLiteral("bias %1 = %2, round(%3) expected")
                             .arg(c)
                             .arg(ql.bias[std::size_t(c)])
                             .arg(exactBias, 0, 'g', 12);
            // Multiplier: M = s_in s_w / s_out = m0 · 2^(shift − 31), m0 in [2^30, 2^31), to 31
            // bits, from the float32 scales a .tflite stores (s_w rounded to float32 too).
            const double m = double(in.scale) * double(float(sw)) / double(ql.output.scale);
            const std::int64_t m0 = ql.multiplier[std::size_t(c)];
            const int shift = ql.shift[std::size_t(c)];
            if (m0 < (std::int64_t(1) << 30) || m0 >= (std::int64_t(1) << 31))
                return where + QStringLiteral("multiplier %1 not normalised").arg(m0);
            const double represented = std::ldexp(double(m0), shift - 31);
            if (std::abs(represented - m) > m * std::ldexp(1.0, -30))
                return where
                       + QStringLiteral("multiplier %1 x 2^%2 is not %3")
                             .arg(m0)
                             .arg(shift - 31)
                             .arg(m, 0, 'g', 12);
        }
        // Sigmoid, tanh and leaky ReLU go through a 256-entry table:
        //   lut[v + 128] = clamp(round(f(s_z (v − zp_z)) / s_y) + zp_y), y over its calibrated
        //   range.
        const bool lut = d.activation == Activation::Sigmoid || d.activation == Activation::Tanh
                         || d.activation == Activation::LeakyRelu;
        if (lut != !ql.lut.empty())
            return where + "table present or absent wrongly";
        if (lut) {
            if (ql.lut.size() != 256)
                return where + "table size";
            const naive::Affine y = naive::affineOfRange(ranges.yMin[l], ranges.yMax[l]);
            if (!sameAffine(ql.lutOutput, y, why))
                return where + "table output " + why;
            for (int v = -128; v <= 127; ++v) {
                const double real = ql.output.scale * double(v - ql.output.zeroPoint);
                const double scaled = naive::activate(d.activation, real) / ql.lutOutput.scale;
                const std::int64_t expected = std::clamp<std::int64_t>(
                    naive::roundHalfAway(scaled) + ql.lutOutput.zeroPoint, -128, 127);
                if (!naive::nearHalf(scaled, 1e-4) && ql.lut[std::size_t(v + 128)] != expected)
                    return where
                           + QStringLiteral("table[%1] = %2, expected %3")
                                 .arg(v)
                                 .arg(int(ql.lut[std::size_t(v + 128)]))
                                 .arg(expected);
            }
        }
        in = ql.lut.empty() ? ql.output : ql.lutOutput;
    }
    // TFLM's softmax constants of the logits' scale, prepared independently (tflmsoftmax.h).
    const tflm::Params sp = tflm::prepare(in.scale);
    if (q.softmax.inputMultiplier != sp.multiplier || q.softmax.inputLeftShift != sp.leftShift
        || q.softmax.diffMin != sp.diffMin)
        return QStringLiteral("softmax constants %1, %2, %3, expected %4, %5, %6")
            .arg(q.softmax.inputMultiplier)
            .arg(q.softmax.inputLeftShift)
            .arg(q.softmax.diffMin)
            .arg(sp.multiplier)
            .arg(sp.leftShift)
            .arg(sp.diffMin);
    return {};
}

} // namespace

class TestReference : public QObject
{
    Q_OBJECT

private slots:
    void forwardMatchesNaive_data()
    {
        QTest::addColumn<Activation>("hidden");
        QTest::addColumn<Activation>("output");
        QTest::addColumn<quint64>("seed");
        quint64 seed = 100;
        for (Activation h : kAll)
            for (Activation o : {Activation::Softmax, Activation::Linear, Activation::Sigmoid,
                                 Activation::Tanh, Activation::Relu, Activation::LeakyRelu})
                QTest::addRow("%s then %s", qPrintable(name(h)), qPrintable(name(o)))
                    << h << o << seed++;
    }
    void forwardMatchesNaive()
    {
        QFETCH(Activation, hidden);
        QFETCH(Activation, output);
        QFETCH(quint64, seed);
        const Network net = randomNetwork(seed, hidden, output);
        const auto layers = naive::layersOf(net);
        Rng rng(seed + 1);
        const int n = 1 + int(rng.below(9));
        Matrix X(net.spec().inputSize, n);
        for (Eigen::Index i = 0; i < X.size(); ++i)
            X.data()[i] = rng.uniform(-1.0f, 2.0f); // beyond 0..1 too: the pass is plain algebra
        Workspace ws(net.spec(), 16);
        const Matrix out = net.forward(X, ws);
        QCOMPARE(out.cols(), Eigen::Index(n));
        for (int c = 0; c < n; ++c) {
            std::vector<double> x;
            for (Eigen::Index i = 0; i < X.rows(); ++i)
                x.push_back(double(X(i, c)));
            const naive::Trace t = naive::forward(layers, x);
            for (std::size_t l = 0; l < layers.size(); ++l)
                for (int u = 0; u < layers[l].outputs; ++u) {
                    const double z = t.z[l][std::size_t(u)], y = t.y[l][std::size_t(u)];
                    QVERIFY2(std::abs(ws.z(l)(u, c) - z) <= 1e-5 * (1.0 + std::abs(z)),
                             qPrintable(QStringLiteral("z layer %1 unit %2 sample %3: %4 vs %5")
                                            .arg(l)
                                            .arg(u)
                                            .arg(c)
                                            .arg(ws.z(l)(u, c))
                                            .arg(z)));
                    QVERIFY2(std::abs(ws.a(l)(u, c) - y) <= 1e-5 * (1.0 + std::abs(y)),
                             qPrintable(QStringLiteral("y layer %1 unit %2 sample %3: %4 vs %5")
                                            .arg(l)
                                            .arg(u)
                                            .arg(c)
                                            .arg(ws.a(l)(u, c))
                                            .arg(y)));
                }
            for (Eigen::Index k = 0; k < out.rows(); ++k)
                QVERIFY(std::abs(out(k, c) - t.y.back()[std::size_t(k)])
                        <= 1e-5 * (1.0 + std::abs(t.y.back()[std::size_t(k)])));
        }
    }

    void quantizationFollowsTheFormulas_data() { addQuantizedRows(); }
    void quantizationFollowsTheFormulas()
    {
        QFETCH(Activation, hidden);
        QFETCH(quint64, seed);
        const Network net = randomNetwork(seed, hidden, Activation::Softmax);
        const Dataset calibration
            = randomImages(80, net.spec().inputSize, net.spec().outputSize(), seed + 7);
        QFETCH(bool, perChannel);
        const QuantizedModel q = quantize(net, calibration, 60, {}, granularity(perChannel));
        QCOMPARE(q.calibrationImages, 60);
        const QString problem = checkQuantization(net, q, calibration, 60, perChannel);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void int8RunnerMatchesNaive_data() { addQuantizedRows(); }
    void int8RunnerMatchesNaive()
    {
        QFETCH(Activation, hidden);
        QFETCH(quint64, seed);
        const Network net = randomNetwork(seed, hidden, Activation::Softmax);
        const Dataset calibration
            = randomImages(60, net.spec().inputSize, net.spec().outputSize(), seed + 7);
        QFETCH(bool, perChannel);
        const QuantizedModel q = quantize(net, calibration, 60, {}, granularity(perChannel));
        Int8Runner runner(q);
        Rng rng(seed + 3);
        std::vector<std::int8_t> logits(std::size_t(q.outputSize())), probs(logits.size());
        int distinctClasses = 0;
        std::vector<bool> seen(logits.size(), false);
        for (int k = 0; k < 300; ++k) {
            std::vector<std::int8_t> x;
            for (int i = 0; i < q.inputSize(); ++i)
                x.push_back(std::int8_t(int(rng.below(256)) - 128));
            const naive::Int8Result expected = naive::runInt8(q, x);
            const int predicted = runner.run(x.data(), logits.data(), probs.data());
            QCOMPARE(logits, expected.logits);
            QCOMPARE(probs, expected.probabilities);
            QCOMPARE(predicted, expected.predicted);
            if (!seen[std::size_t(predicted)]) {
                seen[std::size_t(predicted)] = true;
                ++distinctClasses;
            }
        }
        // The float entry point quantizes x in [0, 1] as round(x · 255) − 128, halves away from 0.
        for (int k = 0; k < 2000; ++k) {
            const float x = rng.uniform();
            const double exact = double(x) * 255.0;
            if (!naive::nearHalf(exact, 1e-4))
                QCOMPARE(int(Int8Runner::quantizeInput(x, q.input)),
                         int(naive::roundHalfAway(exact)) - 128);
        }
        QVERIFY(distinctClasses >= 1);
    }

    void generatedCMatchesNaive_data()
    {
        QTest::addColumn<Activation>("hidden");
        QTest::addColumn<bool>("int8");
        QTest::addColumn<quint64>("seed");
        quint64 seed = 200;
        for (Activation a : kAll)
            for (bool int8 : {false, true})
                QTest::addRow("%s %s", qPrintable(name(a)), int8 ? "int8" : "float32")
                    << a << int8 << seed++;
    }
    void generatedCMatchesNaive()
    {
        QFETCH(Activation, hidden);
        QFETCH(bool, int8);
        QFETCH(quint64, seed);
        const Network net = randomNetwork(seed, hidden, Activation::Softmax);
        const int inputs = net.spec().inputSize, outputs = net.spec().outputSize();
        const Dataset data = randomImages(60, inputs, outputs, seed + 7);
        ExportOptions options;
        options.precision = int8 ? Precision::Int8 : Precision::Float32;
        options.prefix = "ref";
        options.calibrationImages = 60;
        options.testVectors = 3;
        const GeneratedCode g = generateCode(net, options, data, data);
        QCOMPARE(QString::fromStdString(g.headerName), QStringLiteral("ref_model.h"));
        if (int8) {
            QVERIFY(g.quantized.has_value());
            // The export's default: one weight scale per dense layer.
            const QString problem = checkQuantization(net, *g.quantized, data, 60, false);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }

        // Random inputs: int8 values, or floats in [0, 1].
        constexpr int kInputs = 200;
        Rng rng(seed + 5);
        QByteArray input;
        std::vector<std::vector<std::int8_t>> q(kInputs);
        std::vector<std::vector<float>> f(kInputs);
        for (int k = 0; k < kInputs; ++k)
            for (int i = 0; i < inputs; ++i) {
                if (int8) {
                    q[std::size_t(k)].push_back(std::int8_t(int(rng.below(256)) - 128));
                    input.append(char(q[std::size_t(k)].back()));
                } else {
                    f[std::size_t(k)].push_back(rng.uniform());
                    input.append(reinterpret_cast<const char *>(&f[std::size_t(k)].back()),
                                 sizeof(float));
                }
            }
        QString error;
        const tinyml::test::BatchOutput out
            = tinyml::test::runBatch(g, outputs, int8, "-O2", kInputs, input, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(out.size(), out.expectedSize(kInputs));
        QCOMPARE(out.failures(), 0); // the embedded self-test

        const auto layers = naive::layersOf(net);
        for (int k = 0; k < kInputs; ++k) {
            const int predicted = out.predicted(std::size_t(k));
            const char *r = out.scores(std::size_t(k));
            if (int8) {
                const naive::Int8Result expected = naive::runInt8(*g.quantized, q[std::size_t(k)]);
                const std::vector<std::int8_t> scores(r, r + outputs);
                QCOMPARE(scores, expected.probabilities);
                QCOMPARE(predicted, expected.predicted);
            } else {
                std::vector<double> x(f[std::size_t(k)].begin(), f[std::size_t(k)].end());
                const std::vector<double> expected = naive::forward(layers, x).y.back();
                std::vector<float> scores(static_cast<std::size_t>(outputs));
                std::memcpy(scores.data(), r, std::size_t(outputs) * sizeof(float));
                for (int o = 0; o < outputs; ++o)
                    QVERIFY2(std::abs(scores[std::size_t(o)] - expected[std::size_t(o)]) < 1e-5,
                             qPrintable(QStringLiteral("input %1 score %2: %3 vs %4")
                                            .arg(k)
                                            .arg(o)
                                            .arg(scores[std::size_t(o)])
                                            .arg(expected[std::size_t(o)])));
                // The class is the arg-max, unless two probabilities are too close to tell.
                std::vector<double> sorted = expected;
                std::sort(sorted.rbegin(), sorted.rend());
                if (sorted[0] - sorted[1] > 1e-5)
                    QCOMPARE(predicted, int(std::max_element(expected.begin(), expected.end())
                                            - expected.begin()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
