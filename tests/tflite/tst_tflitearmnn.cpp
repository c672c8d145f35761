// SPDX-License-Identifier: GPL-3.0-or-later
// Proof of the .tflite export by an interpreter the project did not write (labels "mnist" and
// "armnn"): models trained here are written as .tflite and run by Arm NN (Debian's
// python3-pyarmnn, its TfLiteParser and CpuRef backend) on 1,000 MNIST test images; Arm NN's
// outputs are compared with the engine's. Float32: every probability within 1e-5 and every
// class identical. Int8: every int8 probability within 1 LSB and every class identical (a class
// that is the largest for both; quantized values can tie).
#include "core/base/error.h"
#include "core/deploy/quantize.h"
#include "core/nn/trainer.h"
#include "core/tflite/tflitewriter.h"
#include "armnnharness.h"
#include "briefmodels.h"
#include "testsupport.h"

#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace tinyml::core;
using tinyml::test::OracleRun;

namespace {

constexpr int kImages = 1000;

int argmax(const float *v, int n) { return int(std::max_element(v, v + n) - v); }

} // namespace

class TestTfliteArmnn : public QObject
{
    Q_OBJECT

private:
    Dataset m_train, m_test;
    tinyml::test::ArmnnHarness m_armnn;

    static ModelSpec specNamed(const QString &name)
    {
        ModelSpec spec;
        if (name == "dense relu")
            spec = ModelSpec::withHidden({32}, Activation::Relu);
        else if (name == "dense sigmoid tanh leaky")
            spec = ModelSpec::withHidden({24, 16, 12}, Activation::Sigmoid);
        else if (name == "small cnn")
            spec = ModelSpec::withLayers({LayerSpec::conv2d(4, 3, Activation::Relu),
                                          LayerSpec::maxPooling2d(2),
                                          LayerSpec::conv2d(8, 3, Activation::Relu),
                                          LayerSpec::maxPooling2d(2), LayerSpec::flatten(),
                                          LayerSpec::dense(10, Activation::Softmax)});
        else if (name == "int8 depthwise same stride average")
            spec = ModelSpec::withLayers(
                {LayerSpec::conv2d(4, 3, Activation::Relu, 2, Padding::Same),
                 LayerSpec::depthwiseConv2d(3, Activation::Relu, 1, Padding::Same),
                 LayerSpec::averagePooling2d(3, 2, Padding::Same), LayerSpec::dropout(0.2f),
                 LayerSpec::flatten(), LayerSpec::dense(16, Activation::Relu),
                 LayerSpec::dense(10, Activation::Softmax)});
        else if (name == "depthwise same stride average")
            spec = ModelSpec::withLayers(
                {LayerSpec::conv2d(4, 3, Activation::Tanh, 2, Padding::Same),
                 LayerSpec::depthwiseConv2d(3, Activation::Relu, 1, Padding::Same),
                 LayerSpec::averagePooling2d(3, 2, Padding::Same), LayerSpec::dropout(0.2f),
                 LayerSpec::flatten(), LayerSpec::dense(16, Activation::LeakyRelu),
                 LayerSpec::dense(10, Activation::Softmax)});
        if (name == "dense sigmoid tanh leaky") {
            spec.layers[1].activation = Activation::Tanh;
            spec.layers[2].activation = Activation::LeakyRelu;
        }
        return spec;
    }

private slots:
    void initTestCase()
    {
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
        m_armnn.prepare(m_test, kImages);
    }

    void float32_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("operators");
        QTest::newRow("dense relu") << "dense relu"
                                    << QStringList{"FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"};
        QTest::newRow("dense sigmoid tanh leaky")
            << "dense sigmoid tanh leaky"
            << QStringList{"FULLY_CONNECTED", "LOGISTIC", "FULLY_CONNECTED", "TANH",
                           "FULLY_CONNECTED", "LEAKY_RELU", "FULLY_CONNECTED", "SOFTMAX"};
        QTest::newRow("small cnn") << "small cnn"
                                   << QStringList{"CONV_2D", "MAX_POOL_2D", "CONV_2D",
                                                  "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED",
                                                  "SOFTMAX"};
        QTest::newRow("depthwise same stride average")
            << "depthwise same stride average"
            << QStringList{"CONV_2D",  "TANH",       "DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D",
                           "RESHAPE", "FULLY_CONNECTED", "LEAKY_RELU", "FULLY_CONNECTED",
                           "SOFTMAX"};
    }
    void float32()
    {
        QFETCH(QString, model);
        QFETCH(QStringList, operators);
        const Network net = tinyml::test::trainedBriefly(specNamed(model), m_train, 5);
        TfliteSummary summary;
        const auto bytes = writeTfliteFloat(net, &summary);
        QStringList written;
        for (const auto &op : summary.operators)
            written << QString::fromStdString(op);
        QCOMPARE(written, operators);

        const OracleRun run = m_armnn.run(bytes, QString(model).replace(' ', '_') + "_float");
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        QVERIFY2(run.stdOut.startsWith("input float32"), qPrintable(run.stdOut));
        const int classes = net.spec().outputSize();
        QCOMPARE(run.outputs.size(), std::size_t(kImages) * std::size_t(classes));

        // The engine on the same images, in one batch.
        Workspace ws(net.spec(), kImages);
        Matrix X(net.spec().inputSize, kImages);
        std::vector<std::uint32_t> idx(kImages);
        for (int i = 0; i < kImages; ++i)
            idx[std::size_t(i)] = std::uint32_t(i);
        MatrixMap Xm(X.data(), X.rows(), X.cols());
        fillBatch(m_test, idx, Xm, nullptr);
        const auto Y = net.forward(X, ws);
        double maxDiff = 0.0;
        int classesDiffer = 0;
        for (int i = 0; i < kImages; ++i) {
            const float *oracle = run.outputs.data() + std::size_t(i) * std::size_t(classes);
            const float *engine = Y.data() + std::ptrdiff_t(i) * Y.rows();
            for (int c = 0; c < classes; ++c)
                maxDiff = std::max(maxDiff, std::abs(double(oracle[c]) - double(engine[c])));
            classesDiffer += argmax(oracle, classes) != argmax(engine, classes);
        }
        qInfo("%s float32: %lld bytes, max |Arm NN - engine| = %.3g, classes differing %d of %d",
              qPrintable(model), qlonglong(bytes.size()), maxDiff, classesDiffer, kImages);
        QVERIFY2(maxDiff <= 1e-5, qPrintable(QString::number(maxDiff)));
        QCOMPARE(classesDiffer, 0);
    }

    void int8_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("perChannel");
        QTest::addColumn<bool>("denseAsConv");
        QTest::addColumn<QStringList>("operators");
        QTest::newRow("dense per tensor (the converter's default)")
            << "dense relu" << false << false
            << QStringList{"FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"};
        QTest::newRow("dense per channel, FULLY_CONNECTED")
            << "dense relu" << true << false
            << QStringList{"FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"};
        QTest::newRow("dense per channel, 1x1 CONV_2D")
            << "dense relu" << true << true
            << QStringList{"RESHAPE", "CONV_2D", "RESHAPE", "RESHAPE", "CONV_2D", "RESHAPE",
                           "SOFTMAX"};
        QTest::newRow("small cnn") << "small cnn" << false << false
                                   << QStringList{"CONV_2D", "MAX_POOL_2D", "CONV_2D",
                                                  "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED",
                                                  "SOFTMAX"};
        QTest::newRow("depthwise same stride average")
            << "int8 depthwise same stride average" << false << false
            << QStringList{"CONV_2D", "DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D", "RESHAPE",
                           "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"};
    }
    void int8()
    {
        QFETCH(QString, model);
        QFETCH(bool, perChannel);
        QFETCH(bool, denseAsConv);
        QFETCH(QStringList, operators);
        const QuantizedModel q = tinyml::test::quantizedBriefly(
            specNamed(model),
            perChannel ? DenseQuantization::PerChannel : DenseQuantization::PerTensor, m_train, 5);
        TfliteSummary summary;
        const auto bytes = writeTfliteInt8(q, &summary, denseAsConv);
        QStringList written;
        for (const auto &op : summary.operators)
            written << QString::fromStdString(op);
        QCOMPARE(written, operators);
        QVERIFY(summary.denseScales
                == (perChannel ? TfliteDenseScales::PerChannel : TfliteDenseScales::PerTensor));
        const QString name = QString(QTest::currentDataTag()).replace(QRegularExpression("\\W+"), "_");
        const OracleRun run = m_armnn.run(bytes, name);
        if (perChannel && !denseAsConv) {
            // Arm NN 20.08 cannot run a FULLY_CONNECTED whose weights have one scale per output:
            // it stops on an assertion. The same numbers are proven by the 1x1 CONV_2D row, whose
            // kernel [out, 1, 1, in] holds the very bytes, scales (quantized_dimension 0) and
            // biases of the FULLY_CONNECTED kernel [out, in].
            QVERIFY2(run.exitCode != 0, "Arm NN now runs per-channel FULLY_CONNECTED: compare it");
            QVERIFY2(run.stdErr.contains("GetBiasTypeFromWeightsType"), qPrintable(run.stdErr));
            return;
        }
        compareInt8(q, run, QTest::currentDataTag(), qint64(bytes.size()));
    }

private:
    void compareInt8(const QuantizedModel &q, const OracleRun &run, const QString &what,
                     qint64 bytes)
    {
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        // The input as TFLite's converter makes it: scale 1/255, zero point -128; the softmax's
        // output: scale 1/256, zero point -128 (printed by Arm NN from the file).
        QVERIFY2(run.stdOut.startsWith("input int8 0.0039215") && run.stdOut.contains(" -128;"),
                 qPrintable(run.stdOut));
        QVERIFY2(run.stdOut.contains("output int8 0.00390625 -128"), qPrintable(run.stdOut));
        const int classes = q.outputSize();
        QCOMPARE(run.outputs.size(), std::size_t(kImages) * std::size_t(classes));
        Int8Runner runner(q);
        std::vector<std::int8_t> in(std::size_t(q.inputSize()));
        std::vector<std::int8_t> logits(std::size_t(classes), 0), probs(std::size_t(classes), 0);
        int maxDiff = 0, classesDiffer = 0, outputsDiffer = 0, ties = 0, nearTies = 0;
        for (int i = 0; i < kImages; ++i) {
            const std::uint8_t *img = m_test.image(std::size_t(i));
            for (std::size_t p = 0; p < in.size(); ++p)
                in[p] = std::int8_t(int(img[p]) - 128);
            const int engineClass = runner.run(in.data(), logits.data(), probs.data());
            const float *oracle = run.outputs.data() + std::size_t(i) * std::size_t(classes);
            for (int c = 0; c < classes; ++c) {
                const int d = std::abs(int(oracle[c]) - int(probs[std::size_t(c)]));
                maxDiff = std::max(maxDiff, d);
                outputsDiffer += d != 0;
            }
            // Some class must be the largest for both: Arm NN's probabilities are multiples of
            // 1/256, so classes can tie there (and the engine's int8 logits can tie too); a
            // 1-LSB difference can make or break a tie, which moves a first-largest choice.
            // Arm NN 20.08 runs quantized layers through float arithmetic, so its logits may
            // differ by 1 LSB from TFLM's integer ones: where the engine's two largest logits
            // are within 1 LSB, either class is an answer within the tolerance (counted apart).
            const float best = *std::max_element(oracle, oracle + classes);
            const std::int8_t bestLogit = logits[std::size_t(engineClass)];
            bool shared = false;
            for (int c = 0; c < classes; ++c)
                shared = shared || (oracle[c] == best && logits[std::size_t(c)] == bestLogit);
            bool nearTie = false;
            for (int c = 0; c < classes; ++c)
                nearTie = nearTie || (c != engineClass && bestLogit - logits[std::size_t(c)] <= 1
                                      && oracle[c] == best);
            classesDiffer += !shared && !nearTie;
            nearTies += !shared && nearTie;
            ties += std::count(oracle, oracle + classes, best) > 1
                    || std::count(logits.begin(), logits.end(), bestLogit) > 1;
        }
        qInfo("%s: %lld bytes, max |Arm NN - engine| = %d LSB, %d of %d outputs differ, "
              "classes differing %d of %d (a largest value tied on %d images; %d answers moved "
              "between two logits 1 LSB apart)",
              qPrintable(what), bytes, maxDiff, outputsDiffer, kImages * classes, classesDiffer,
              kImages, ties, nearTies);
        QVERIFY(maxDiff <= 1);
        QCOMPARE(classesDiffer, 0);
    }
};

QTEST_GUILESS_MAIN(TestTfliteArmnn)
#include "tst_tflitearmnn.moc"
