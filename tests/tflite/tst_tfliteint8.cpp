// SPDX-License-Identifier: GPL-3.0-or-later
// A fully-integer .tflite runs with its own int8 numbers (label "mnist"): the studio's int8
// files read back give the quantizer's very weights, biases, scales, zero points, multipliers
// and shifts, and the same int8 outputs on 2,000 MNIST test images; uint8 files and files with
// float ends (QUANTIZE, DEQUANTIZE), crafted here independently of the writer, give the same
// outputs as the int8 model they encode; what the int8 engine cannot run is refused by name and
// then computed in float32; `tinyml evaluate` says which arithmetic answers.
#include "core/base/error.h"
#include "core/deploy/quantize.h"
#include "core/nn/trainer.h"
#include "core/tflite/tfliteint8.h"
#include "core/tflite/tflitereader.h"
#include "core/tflite/tflitewriter.h"
#include "briefmodels.h"
#include "testsupport.h"
#include "tfliteint8craft.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>

using namespace tinyml::core;
using tinyml::test::craftDense;
using tinyml::test::TfliteCraft;
using tinyml::test::Variant;

namespace {

constexpr int kImages = 2000;


} // namespace

Q_DECLARE_METATYPE(Variant)

class TestTfliteInt8 : public QObject
{
    Q_OBJECT

    Dataset m_train, m_test;

    /// The model named trained for one epoch on the first 600 training images (seed 11),
    /// quantized with 500 calibration images.
    QuantizedModel quantized(const QString &name, DenseQuantization dense) const
    {
        return tinyml::test::quantizedBriefly(tinyml::test::int8ModelSpec(name), dense, m_train,
                                              11);
    }

    /// Images (of the first n) whose int8 output from the import differs from the engine
    /// running q on the bytes p − 128 (q's own input convention), output by output.
    int differingImages(const QuantizedModel &q, const TfliteInt8Import &imported, int n,
                        bool softmax = true)
    {
        Int8Runner runner(q);
        std::vector<std::int8_t> in(std::size_t(q.inputSize()));
        std::vector<std::int8_t> logits(std::size_t(q.outputSize())), probs(logits.size());
        int differing = 0;
        for (int i = 0; i < n; ++i) {
            const std::uint8_t *img = m_test.image(std::size_t(i));
            for (std::size_t p = 0; p < in.size(); ++p)
                in[p] = std::int8_t(int(img[p]) - 128);
            const int expected = runner.run(in.data(), logits.data(), probs.data());
            std::vector<std::int8_t> got;
            const int predicted
                = imported.run(tinyml::test::inputOf(m_test, std::size_t(i)), nullptr, &got);
            differing += predicted != expected || got != (softmax ? probs : logits);
        }
        return differing;
    }

private slots:
    void initTestCase()
    {
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
        QVERIFY(m_test.size() >= std::size_t(kImages));
    }

    void ownFilesRunWithTheirInt8Numbers_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("perChannel");
        QTest::addColumn<bool>("denseAsConv");
        QTest::newRow("dense per tensor") << "dense" << false << false;
        QTest::newRow("dense per channel") << "dense" << true << false;
        QTest::newRow("dense per channel as 1x1 CONV_2D") << "dense" << true << true;
        QTest::newRow("small cnn") << "small cnn" << false << false;
        QTest::newRow("depthwise same stride average")
            << "depthwise same stride average" << false << false;
    }
    void ownFilesRunWithTheirInt8Numbers()
    {
        QFETCH(QString, model);
        QFETCH(bool, perChannel);
        QFETCH(bool, denseAsConv);
        const QuantizedModel q = quantized(
            model, perChannel ? DenseQuantization::PerChannel : DenseQuantization::PerTensor);
        const LoadedModel m = readTflite(writeTfliteInt8(q, nullptr, denseAsConv), "own.tflite");
        if (denseAsConv) {
            // RESHAPE, CONV_2D 1x1, RESHAPE per Dense layer: the first reads as a 1x1 Conv2D
            // on a 1x1x784 image, the second as the Dense layer it is; the same outputs.
            QVERIFY(m.int8 && m.int8->model);
            QCOMPARE(m.int8->model->layers.size(), std::size_t(3));
            QVERIFY(m.int8->model->layers[0].kind == LayerKind::Conv2D);
            QVERIFY(m.int8->model->layers[2].kind == LayerKind::Dense);
            QCOMPARE(differingImages(q, *m.int8, kImages), 0);
            return;
        }
        QCOMPARE(m.info.at("tflite_answers"), std::string("int8 arithmetic from the file"));
        QCOMPARE(m.info.count("tflite_int8_refused"), std::size_t(0));
        QVERIFY(m.int8 && m.int8->model && !m.int8->refusal);
        QVERIFY(m.int8->softmax);
        QCOMPARE(m.int8->output.scale, 1.0f / 256.0f);
        QCOMPARE(m.int8->output.zeroPoint, -128);
        const QuantizedModel &r = *m.int8->model;
        // The file's numbers are the quantizer's, every one of them.
        QCOMPARE(r.input.scale, q.input.scale);
        QCOMPARE(r.input.zeroPoint, q.input.zeroPoint);
        QCOMPARE(r.layers.size(), q.layers.size());
        for (std::size_t l = 0; l < q.layers.size(); ++l) {
            const QuantizedLayer &a = r.layers[l], &b = q.layers[l];
            QVERIFY(a.kind == b.kind);
            QVERIFY(a.inShape == b.inShape);
            QVERIFY(a.outShape == b.outShape);
            QCOMPARE(a.kernel, b.kernel);
            QCOMPARE(a.stride, b.stride);
            QCOMPARE(a.padTop, b.padTop);
            QCOMPARE(a.padLeft, b.padLeft);
            QVERIFY(a.weights == b.weights);
            QVERIFY(a.weightScale == b.weightScale);
            QVERIFY(a.bias == b.bias);
            QVERIFY(a.multiplier == b.multiplier);
            QVERIFY(a.shift == b.shift);
            QCOMPARE(a.input.scale, b.input.scale);
            QCOMPARE(a.input.zeroPoint, b.input.zeroPoint);
            QCOMPARE(a.output.scale, b.output.scale);
            QCOMPARE(a.output.zeroPoint, b.output.zeroPoint);
            QCOMPARE(a.actMin, b.actMin);
            QCOMPARE(a.actMax, b.actMax);
        }
        QCOMPARE(r.softmax.inputMultiplier, q.softmax.inputMultiplier);
        QCOMPARE(r.softmax.inputLeftShift, q.softmax.inputLeftShift);
        QCOMPARE(r.softmax.diffMin, q.softmax.diffMin);
        // And so are its outputs: pixels p/255 quantized with the file's input scale give the
        // bytes p − 128 exactly.
        QCOMPARE(differingImages(q, *m.int8, kImages), 0);
        // The float32 view stays for teaching: it is the network, with dequantized weights.
        QCOMPARE(m.network.spec().layers.size(), q.spec.layers.size());
    }

    void craftedFilesEqualTheInt8ModelTheyEncode_data()
    {
        QTest::addColumn<bool>("uint8");
        QTest::addColumn<bool>("floatEnds");
        QTest::addColumn<bool>("separateRelu");
        QTest::newRow("int8") << false << false << false;
        QTest::newRow("uint8 (zero points + 128)") << true << false << false;
        QTest::newRow("int8, float input and output") << false << true << false;
        QTest::newRow("uint8, float ends, RELU as an operator") << true << true << true;
    }
    void craftedFilesEqualTheInt8ModelTheyEncode()
    {
        QFETCH(bool, uint8);
        QFETCH(bool, floatEnds);
        QFETCH(bool, separateRelu);
        const QuantizedModel q = quantized("dense", DenseQuantization::PerTensor);
        Variant v;
        v.uint8 = uint8;
        v.floatEnds = floatEnds;
        v.separateRelu = separateRelu;
        const LoadedModel m = readTflite(craftDense(q, v), "crafted.tflite");
        QVERIFY2(m.int8 && m.int8->model,
                 m.int8 && m.int8->refusal ? m.int8->refusal->what() : "no int8 model");
        QCOMPARE(m.info.at("tflite_answers"), std::string("int8 arithmetic from the file"));
        QCOMPARE(m.int8->uint8, uint8);
        QCOMPARE(m.info.at("tflite_weights"),
                 std::string(uint8 ? "uint8 fully integer" : "int8 fully integer"));
        // uint8 made int8: the same scales, zero points − 128, values − 128.
        QCOMPARE(m.int8->model->input.zeroPoint, q.input.zeroPoint);
        QVERIFY(m.int8->model->layers[0].weights == q.layers[0].weights);
        QCOMPARE(m.int8->model->layers[0].actMin, q.layers[0].actMin);
        QCOMPARE(differingImages(q, *m.int8, 500), 0);
        // The file's output dequantized: probabilities in steps of 1/256.
        std::vector<float> out;
        std::vector<std::int8_t> raw;
        m.int8->run(tinyml::test::inputOf(m_test, 0), &out, &raw);
        for (std::size_t c = 0; c < out.size(); ++c)
            QCOMPARE(out[c], float(int(raw[c]) + 128) / 256.0f);
    }

    void theFilesInputRangeQuantizesPixels_data()
    {
        QTest::addColumn<float>("scale");
        QTest::addColumn<int>("zeroPoint");
        QTest::addColumn<QString>("range");
        QTest::addColumn<double>("offset"); // pixel p → p − offset
        // 0..1: scale 1/255, zero point −128: p − 128.
        QTest::newRow("0..1") << 1.0f / 255.0f << -128 << "0..1" << 128.0;
        // 0..255: scale 1, zero point −128: 255·(p/255) − 128 = p − 128.
        QTest::newRow("0..255") << 1.0f << -128 << "0..255" << 128.0;
        // −1..1: scale 2/255, zero point 0: (2p/255 − 1)·255/2 = p − 127.5, which the float32
        // scale puts a hair to one side of the tie: p − 128 or p − 127.
        QTest::newRow("-1..1") << 2.0f / 255.0f << 0 << "-1..1" << 127.5;
    }
    void theFilesInputRangeQuantizesPixels()
    {
        QFETCH(float, scale);
        QFETCH(int, zeroPoint);
        QFETCH(QString, range);
        QFETCH(double, offset);
        const QuantizedModel q = quantized("dense", DenseQuantization::PerTensor);
        Variant v;
        v.input = {scale, zeroPoint};
        const LoadedModel m = readTflite(craftDense(q, v), "range.tflite");
        QVERIFY(m.int8 && m.int8->model);
        QCOMPARE(m.info.at("tflite_input_range"), range.toStdString());
        for (int p = 0; p < 256; ++p) {
            const int q8 = m.int8->quantizePixel(float(p) / 255.0f);
            QVERIFY2(std::abs(double(q8) - (double(p) - offset)) <= 0.5,
                     qPrintable(QString("pixel %1 became %2").arg(p).arg(q8)));
        }
    }

    void reluClampsAtTheOutputZeroPoint_data()
    {
        QTest::addColumn<bool>("separateRelu");
        QTest::newRow("fused RELU") << false;
        QTest::newRow("RELU operator") << true;
    }
    void reluClampsAtTheOutputZeroPoint()
    {
        // The hidden layer's output zero point moved from the calibrated −128 to −90: its ReLU
        // then clamps at −90 (TFLite: act_min = max(−128, zero point)), which a plain int8
        // clamp would not. Expected: q changed by hand the same way, run by the engine.
        QFETCH(bool, separateRelu);
        QuantizedModel q = quantized("dense", DenseQuantization::PerTensor);
        QCOMPARE(q.layers[0].output.zeroPoint, -128);
        Variant v;
        v.separateRelu = separateRelu;
        v.hiddenZero = -90;
        const LoadedModel m = readTflite(craftDense(q, v), "relu.tflite");
        QVERIFY(m.int8 && m.int8->model);
        q.layers[0].output.zeroPoint = -90;
        q.layers[0].actMin = -90;
        q.layers[1].input.zeroPoint = -90;
        QCOMPARE(differingImages(q, *m.int8, 500), 0);
    }

    void filesWithoutSoftmaxAnswerWithTheirLogits()
    {
        const QuantizedModel q = quantized("dense", DenseQuantization::PerTensor);
        Variant v;
        v.logits = true;
        const LoadedModel m = readTflite(craftDense(q, v), "logits.tflite");
        QVERIFY(m.int8 && m.int8->model);
        QVERIFY(!m.int8->softmax);
        QCOMPARE(m.int8->output.scale, q.layers.back().output.scale);
        QCOMPARE(differingImages(q, *m.int8, 500, false), 0);
    }

    void whatTheEngineCannotRunIsRefusedByName_data()
    {
        QTest::addColumn<Variant>("variant");
        QTest::addColumn<QString>("op");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("detail");
        Variant weightZero;
        weightZero.weightZero = 3;
        QTest::newRow("weight zero point 3") << weightZero << "FULLY_CONNECTED" << 0
                                             << "zero point 3";
        Variant logistic;
        logistic.logistic = true;
        QTest::newRow("int8 LOGISTIC") << logistic << "LOGISTIC" << 1 << "fixed point";
        Variant softmax;
        softmax.softmaxScale = 1.0f / 255.0f;
        QTest::newRow("softmax scale 1/255") << softmax << "SOFTMAX" << 2 << "scale 0.00392157";
        Variant reshape;
        reshape.reshapeRequantizes = true;
        QTest::newRow("RESHAPE changing the zero point") << reshape << "RESHAPE" << 0
                                                         << "zero point -127";
    }
    void whatTheEngineCannotRunIsRefusedByName()
    {
        QFETCH(Variant, variant);
        QFETCH(QString, op);
        QFETCH(int, index);
        QFETCH(QString, detail);
        const QuantizedModel q = quantized("dense", DenseQuantization::PerTensor);
        // The file still opens: its float32 view answers, and says why.
        const LoadedModel m = readTflite(craftDense(q, variant), "refused.tflite");
        QVERIFY(m.int8);
        QVERIFY(!m.int8->model);
        QVERIFY(m.int8->refusal);
        QCOMPARE(m.info.at("tflite_answers"), std::string("float32"));
        const Error &e = *m.int8->refusal;
        QCOMPARE(QString::fromUtf8(toString(e.code())), QStringLiteral("TfliteInt8Unsupported"));
        QCOMPARE(QString::fromStdString(e.args().name), op);
        QCOMPARE(e.args().index, std::optional<std::int64_t>(index));
        QVERIFY2(QString::fromUtf8(e.what()).contains(detail), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains("refused.tflite"), e.what());
        QCOMPARE(m.info.at("tflite_int8_refused"), std::string(e.what()));
    }

    void dynamicRangeFilesComputeInFloat()
    {
        // int8 weights with float activations: dequantized is what the format means.
        TfliteCraft c;
        const int in = c.tensor({1, 3}, TfliteCraft::kFloat32, "in");
        const std::vector<std::int8_t> w{4, -16, 10, 24, -6, 1};
        const int wt = c.tensor({2, 3}, TfliteCraft::kInt8, "w", TfliteCraft::bytes(w),
                                TfliteCraft::Quant{{0.125f}, {0}, 0});
        const int b = c.floats({2}, "b", {0.5f, -1.0f});
        const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
        c.fullyConnected(in, wt, b, out);
        const LoadedModel m = readTflite(c.finish({in}, {out}), "dynamic.tflite",
                                         {.inputRange = TfliteInputRange::Unit});
        QVERIFY(!m.int8);
        QCOMPARE(m.info.at("tflite_weights"), std::string("int8 dynamic range"));
        QCOMPARE(m.info.at("tflite_answers"), std::string("float32"));
    }

    void evaluateSaysWhichArithmeticAnswers()
    {
        // The CLI on a whole test set: the int8 file's accuracy is the engine's own int8
        // accuracy of q, counted here image by image.
        const QuantizedModel q = quantized("dense", DenseQuantization::PerTensor);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string file = dir.filePath("int8.tflite").toStdString();
        {
            const auto bytes = writeTfliteInt8(q);
            std::ofstream(file, std::ios::binary)
                .write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
        }
        Int8Runner runner(q);
        std::vector<std::int8_t> in(784), logits(10), probs(10);
        int correct = 0;
        for (std::size_t i = 0; i < m_test.size(); ++i) {
            for (std::size_t p = 0; p < in.size(); ++p)
                in[p] = std::int8_t(int(m_test.image(i)[p]) - 128);
            correct += runner.run(in.data(), logits.data(), probs.data()) == m_test.labels[i];
        }
        QProcess p;
        p.start(qEnvironmentVariable("TINYML_CLI"),
                {"evaluate", "--model", QString::fromStdString(file), "--data",
                 QString::fromStdString(tinyml::test::mnistDir().string()), "--json"});
        QVERIFY(p.waitForFinished(-1));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains("predictions use int8 arithmetic from the file"), qPrintable(err));
        QVERIFY2(out.contains("\"arithmetic\": \"int8 arithmetic from the file\""),
                 qPrintable(out));
        const auto match = QRegularExpression("\"accuracy\": ([0-9.]+)").match(out);
        QVERIFY2(match.hasMatch(), qPrintable(out));
        QCOMPARE(qRound(match.captured(1).toDouble() * double(m_test.size())), correct);

        // predict: the confidence is the file's int8 probability, a multiple of 1/256 (printed
        // with four decimals). The image: test image 0 as a binary PGM.
        const QString image = dir.filePath("digit.pgm");
        {
            std::ofstream pgm(image.toStdString(), std::ios::binary);
            pgm << "P5\n28 28\n255\n";
            pgm.write(reinterpret_cast<const char *>(m_test.image(0)), 784);
        }
        QProcess predict;
        predict.start(qEnvironmentVariable("TINYML_CLI"),
                      {"predict", "--model", QString::fromStdString(file), image});
        QVERIFY(predict.waitForFinished(-1));
        const QString line = QString::fromUtf8(predict.readAllStandardOutput()).trimmed();
        QVERIFY2(predict.exitCode() == 0, qPrintable(predict.readAllStandardError()));
        const QStringList fields = line.split('\t');
        QCOMPARE(fields.size(), 3);
        const double steps = fields[2].toDouble() * 256.0;
        QVERIFY2(std::abs(steps - std::round(steps)) <= 0.013, qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestTfliteInt8)
#include "tst_tfliteint8.moc"
