// SPDX-License-Identifier: GPL-3.0-or-later
// The int8 arithmetic of an imported fully-integer .tflite against an interpreter the project
// did not write (labels "mnist" and "armnn"): Arm NN (Debian's python3-pyarmnn, CpuRef) runs
// the same files on 1,000 MNIST test images as the import's int8 engine does.
//
// Arm NN 20.08's reference backend computes a quantized layer in float32 (it dequantizes the
// int8 inputs and weights, sums in float and quantizes the result), TFLite Micro and the engine
// in integers (int32 sums, fixed-point requantization that rounds twice): by design the two can
// round a value that lies next to a rounding boundary (k + 0.5 LSB) to different sides, and a
// difference then travels through the layers after it. So the proof goes layer by layer: each
// prefix of the model is written with that layer's output as the file's output; Arm NN's
// output of layer k−1 is the input of the engine's layer k, whose output must equal Arm NN's
// except where the exact real value (int32 sum times the float32 scales' ratio) lies within
// 0.01 LSB of a rounding boundary, and then by 1 LSB only. Max pooling and Flatten must be
// identical. End to end, the logits (the model written without its softmax: Arm NN's int8
// softmax is its own arithmetic) and the probabilities are counted and printed.
// Files: the studio's own (dense per tensor; dense per channel as 1x1 CONV_2D, since Arm NN
// 20.08 stops on a per-channel FULLY_CONNECTED; the small CNN with per-channel convolutions;
// depthwise, stride 2, SAME padding, average pooling) and a uint8 dense file with nonzero zero
// points written operator by operator by the test (tfliteint8craft.h), the kind of file
// TensorFlow's older converter makes.
#include "core/deploy/quantize.h"
#include "core/nn/trainer.h"
#include "core/tflite/tfliteint8.h"
#include "core/tflite/tflitereader.h"
#include "core/tflite/tflitewriter.h"
#include "armnnharness.h"
#include "briefmodels.h"
#include "testsupport.h"
#include "tfliteint8craft.h"

#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <functional>

using namespace tinyml::core;
using tinyml::test::OracleRun;

namespace {

constexpr int kImages = 1000;

/// Largest distance (LSB) from a rounding boundary at which Arm NN's float arithmetic and the
/// integer kernels may round differently.
constexpr double kBoundary = 0.01;

/// One layer of the engine against Arm NN, fed the same int8 input.
struct LayerCheck
{
    std::int64_t outputs = 0;
    int differ = 0;          ///< outputs of the engine's layer unlike Arm NN's
    int notAtBoundary = 0;   ///< ... of them farther than kBoundary from a boundary, or by > 1
    int exactlyRounded = 0;  ///< ... of them where Arm NN rounded the exact value correctly
    double nearest = 0.0;    ///< the largest distance from the boundary among them (LSB)
};

/// The int32 accumulator of output element e (NHWC index) of a Dense, Conv2D or
/// DepthwiseConv2D layer on the int8 input x, written from TFLite's definitions
/// (docs/facts.md §5 and §8): Σ w·(x − zp_in) over the window's positions inside the input,
/// plus the bias.
std::int64_t accumulator(const QuantizedLayer &ql, const std::int8_t *x, std::int64_t e)
{
    const std::int64_t zp = ql.input.zeroPoint;
    if (ql.kind == LayerKind::Dense) {
        std::int64_t acc = ql.bias[std::size_t(e)];
        for (int i = 0; i < ql.inputs; ++i)
            acc += std::int64_t(ql.weights[std::size_t(e) * std::size_t(ql.inputs) + std::size_t(i)])
                   * (x[i] - zp);
        return acc;
    }
    const int C = ql.outShape.channels, W = ql.outShape.width, cin = ql.inShape.channels;
    const int c = int(e % C), ox = int((e / C) % W), oy = int(e / C / W);
    std::int64_t acc = ql.bias[std::size_t(c)];
    for (int ky = 0; ky < ql.kernel; ++ky)
        for (int kx = 0; kx < ql.kernel; ++kx) {
            const int iy = oy * ql.stride - ql.padTop + ky, ix = ox * ql.stride - ql.padLeft + kx;
            if (iy < 0 || ix < 0 || iy >= ql.inShape.height || ix >= ql.inShape.width)
                continue;
            const std::int8_t *px = x + (std::size_t(iy) * std::size_t(ql.inShape.width) + std::size_t(ix)) * std::size_t(cin);
            if (ql.kind == LayerKind::DepthwiseConv2D)
                acc += std::int64_t(ql.weights[(std::size_t(ky) * std::size_t(ql.kernel) + std::size_t(kx)) * std::size_t(C) + std::size_t(c)])
                       * (px[c] - zp);
            else
                for (int ci = 0; ci < cin; ++ci)
                    acc += std::int64_t(ql.weights[((std::size_t(c) * std::size_t(ql.kernel) + std::size_t(ky)) * std::size_t(ql.kernel) + std::size_t(kx)) * std::size_t(cin) + std::size_t(ci)])
                           * (px[ci] - zp);
        }
    return acc;
}

/// The exact real value, in output LSB relative to the zero point, that output element e of
/// layer ql rounds: acc · S_in · S_w[c] / S_out, or an average pool's s / n.
long double exactValue(const QuantizedLayer &ql, const std::int8_t *x, std::int64_t e)
{
    if (ql.kind == LayerKind::AveragePooling2D) {
        const int C = ql.outShape.channels, W = ql.outShape.width;
        const int c = int(e % C), ox = int((e / C) % W), oy = int(e / C / W);
        std::int64_t sum = 0, n = 0;
        for (int ky = 0; ky < ql.kernel; ++ky)
            for (int kx = 0; kx < ql.kernel; ++kx) {
                const int iy = oy * ql.stride - ql.padTop + ky, ix = ox * ql.stride - ql.padLeft + kx;
                if (iy < 0 || ix < 0 || iy >= ql.inShape.height || ix >= ql.inShape.width)
                    continue;
                sum += x[(std::size_t(iy) * std::size_t(ql.inShape.width) + std::size_t(ix)) * std::size_t(C) + std::size_t(c)];
                ++n;
            }
        return (long double)(sum - ql.output.zeroPoint * n) / (long double)n;
    }
    const std::size_t c = std::size_t(e % ql.channels());
    return (long double)accumulator(ql, x, e) * (long double)ql.input.scale
           * (long double)ql.weightScale[c] / (long double)ql.output.scale;
}

} // namespace

class TestTfliteInt8Armnn : public QObject
{
    Q_OBJECT

    Dataset m_train, m_test;
    tinyml::test::ArmnnHarness m_armnn;

    /// The model named trained for one epoch on the first 600 training images (seed 13),
    /// quantized with 500.
    QuantizedModel quantized(const QString &name, DenseQuantization dense) const
    {
        return tinyml::test::quantizedBriefly(tinyml::test::int8ModelSpec(name), dense, m_train,
                                              13);
    }

    /// q with its last layer's softmax left out: the same numbers, the logits as output.
    static QuantizedModel logitsOf(QuantizedModel q)
    {
        q.spec.layers.back().activation = Activation::Linear;
        q.spec.loss = LossKind::MeanSquaredError;
        q.layers.back().activation = Activation::Linear;
        return q;
    }

    /// Layers 0..k of q (a softmax at k left out): the model whose output is layer k's.
    static QuantizedModel prefix(const QuantizedModel &q, std::size_t k)
    {
        QuantizedModel p = q;
        p.spec.layers.resize(k + 1);
        p.layers.resize(k + 1);
        return logitsOf(p);
    }

    /// Each layer of q against Arm NN, fed Arm NN's own output of the layer before: files made
    /// by write (a prefix of q → bytes), outputs in the file's integers minus offset (uint8: 128).
    bool checkLayers(const QuantizedModel &q,
                     const std::function<std::vector<std::uint8_t>(const QuantizedModel &)> &write,
                     int offset, const QString &name)
    {
        std::vector<std::int8_t> previous; // Arm NN's output of the layer before, all images
        for (std::size_t k = 0; k < q.layers.size(); ++k) {
            const QuantizedLayer &ql = q.layers[k];
            const OracleRun run
                = m_armnn.run(write(prefix(q, k)), name + "_layer" + QString::number(k));
            if (run.exitCode != 0 || run.outputs.size() != std::size_t(kImages) * std::size_t(ql.outputs)) {
                qWarning("layer %zu: Arm NN: %s", k, qPrintable(run.stdErr));
                return false;
            }
            LayerCheck check;
            std::vector<std::int8_t> in(std::size_t(ql.inputs)), y(std::size_t(ql.outputs));
            for (int i = 0; i < kImages; ++i) {
                if (k == 0)
                    for (std::size_t p = 0; p < in.size(); ++p)
                        in[p] = std::int8_t(int(m_test.image(std::size_t(i))[p]) - 128);
                else
                    std::copy_n(previous.begin() + std::ptrdiff_t(i) * ql.inputs, ql.inputs, in.begin());
                runQuantizedLayer(ql, in.data(), y.data());
                for (int e = 0; e < ql.outputs; ++e) {
                    const int armnn = int(run.outputs[std::size_t(i) * std::size_t(ql.outputs) + std::size_t(e)]) - offset;
                    const int engine = y[std::size_t(e)];
                    ++check.outputs;
                    if (armnn == engine)
                        continue;
                    ++check.differ;
                    const bool rounds = ql.hasWeights() || ql.kind == LayerKind::AveragePooling2D;
                    const long double v = rounds ? exactValue(ql, in.data(), e) : 0.0L;
                    const long double boundary = (long double)(std::min(armnn, engine) - ql.output.zeroPoint) + 0.5L;
                    const double distance = double(std::fabs(v - boundary));
                    check.nearest = std::max(check.nearest, distance);
                    check.notAtBoundary += !rounds || std::abs(armnn - engine) != 1 || distance > kBoundary;
                    check.exactlyRounded += std::llround(v) + ql.output.zeroPoint == armnn;
                }
            }
            qInfo("%s layer %zu (%s): %d of %lld outputs differ from Arm NN fed the same input, "
                  "all within %.2g LSB of a rounding boundary: %s (on %d of them Arm NN's value is "
                  "the exact value rounded half away from zero: there the integer kernels round "
                  "otherwise, as TFLite Micro's do)",
                  qPrintable(name), k, toString(ql.kind).data(), check.differ,
                  qlonglong(check.outputs), check.nearest, check.notAtBoundary ? "NO" : "yes",
                  check.exactlyRounded);
            if (check.notAtBoundary)
                return false;
            previous.resize(run.outputs.size());
            for (std::size_t j = 0; j < previous.size(); ++j)
                previous[j] = std::int8_t(int(run.outputs[j]) - offset);
        }
        return true;
    }

    /// The imported file's int8 outputs on the first kImages test images, in the file's own
    /// integers (uint8 files: + 128), image after image.
    std::vector<int> importedOutputs(const std::vector<std::uint8_t> &bytes, bool uint8)
    {
        const LoadedModel m = readTflite(bytes, "oracle.tflite");
        if (!m.int8 || !m.int8->model)
            return {};
        std::vector<int> all;
        std::vector<std::int8_t> out;
        for (int i = 0; i < kImages; ++i) {
            m.int8->run(tinyml::test::inputOf(m_test, std::size_t(i)), nullptr, &out);
            for (const std::int8_t v : out)
                all.push_back(int(v) + (uint8 ? 128 : 0));
        }
        return all;
    }

    /// Outputs that differ and the largest difference (LSB) between Arm NN and the import.
    static std::pair<int, int> compare(const OracleRun &run, const std::vector<int> &imported)
    {
        int differ = 0, largest = 0;
        for (std::size_t i = 0; i < imported.size() && i < run.outputs.size(); ++i) {
            const int d = std::abs(int(run.outputs[i]) - imported[i]);
            differ += d != 0;
            largest = std::max(largest, d);
        }
        return {differ, largest};
    }

private slots:
    void initTestCase()
    {
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
        m_armnn.prepare(m_test, kImages);
    }

    void studioFiles_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("perChannel");
        QTest::newRow("dense per tensor") << "dense" << false;
        QTest::newRow("dense per channel, 1x1 CONV_2D") << "dense" << true;
        QTest::newRow("small cnn") << "small cnn" << false;
        QTest::newRow("depthwise same stride average") << "depthwise same stride average" << false;
    }
    void studioFiles()
    {
        QFETCH(QString, model);
        QFETCH(bool, perChannel);
        const QuantizedModel q = quantized(
            model, perChannel ? DenseQuantization::PerChannel : DenseQuantization::PerTensor);
        const QString name = QString(QTest::currentDataTag()).replace(QRegularExpression("\\W+"), "_");
        // The logits: identical, 0 LSB.
        const auto logitsFile = writeTfliteInt8(logitsOf(q), nullptr, perChannel);
        const std::vector<int> logits = importedOutputs(logitsFile, false);
        QCOMPARE(logits.size(), std::size_t(kImages) * 10);
        const OracleRun run = m_armnn.run(logitsFile, name + "_logits");
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        QVERIFY2(run.stdOut.startsWith("input int8"), qPrintable(run.stdOut));
        QCOMPARE(run.outputs.size(), logits.size());
        const auto [logitsDiffer, logitsLargest] = compare(run, logits);
        // The probabilities: Arm NN's softmax against the engine's.
        const auto probsFile = writeTfliteInt8(q, nullptr, perChannel);
        const std::vector<int> probs = importedOutputs(probsFile, false);
        const OracleRun probsRun = m_armnn.run(probsFile, name + "_probabilities");
        QVERIFY2(probsRun.exitCode == 0, qPrintable(probsRun.stdErr));
        const auto [probsDiffer, probsLargest] = compare(probsRun, probs);
        qInfo("%s end to end: int8 logits differing from Arm NN %d of %zu (largest %d LSB); "
              "softmax probabilities differing %d of %zu (largest %d LSB)",
              QTest::currentDataTag(), logitsDiffer, logits.size(), logitsLargest, probsDiffer,
              probs.size(), probsLargest);
        QVERIFY(probsLargest <= 1);
        QVERIFY(checkLayers(
            q, [&](const QuantizedModel &p) { return writeTfliteInt8(p, nullptr, perChannel); }, 0,
            name));
    }

    void uint8FileWithZeroPoints()
    {
        const QuantizedModel q = quantized("dense", DenseQuantization::PerTensor);
        tinyml::test::Variant v;
        v.uint8 = true;
        v.logits = true;
        const auto file = tinyml::test::craftDense(q, v);
        const std::vector<int> logits = importedOutputs(file, true);
        QCOMPARE(logits.size(), std::size_t(kImages) * 10);
        const OracleRun run = m_armnn.run(file, "uint8_logits");
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        QVERIFY2(run.stdOut.startsWith("input uint8"), qPrintable(run.stdOut));
        QCOMPARE(run.outputs.size(), logits.size());
        const auto [differ, largest] = compare(run, logits);
        qInfo("uint8 dense end to end: logits differing from Arm NN %d of %zu (largest %d LSB)",
              differ, logits.size(), largest);
        QVERIFY(largest <= 1);
        QVERIFY(checkLayers(
            q, [&](const QuantizedModel &p) { return tinyml::test::craftDense(p, v); }, 128,
            "uint8"));
    }
};

QTEST_GUILESS_MAIN(TestTfliteInt8Armnn)
#include "tst_tfliteint8armnn.moc"
