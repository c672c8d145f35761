// SPDX-License-Identifier: GPL-3.0-or-later
// Crafted but loadable models that int8 quantization cannot represent: each int8 quantity
// (shift, bias, accumulator bound) is range-checked and refused with a clear error, never
// saturated or shifted out of range; no C is generated for them.
#include "craftedmodel.h"
#include "testsupport.h"

#include "core/base/error.h"
#include "core/deploy/codegen.h"
#include "core/deploy/quantize.h"
#include "core/io/modelfile.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace tinyml;
using namespace tinyml::core;
using test::CraftedLayer;
using test::FileActivation;

namespace {

/// The model as the loader reads it from a crafted file with a valid checksum.
Network loaded(const std::vector<CraftedLayer> &layers)
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("crafted.tmlm")).toStdString();
    test::writeCrafted(path, test::craftModel(784, layers));
    return loadModel(path).network;
}

const Dataset &calibration()
{
    static const Dataset data = test::syntheticDigits(60);
    return data;
}

} // namespace

class TestQuantizeSafety : public QObject
{
    Q_OBJECT

private slots:
    void unsafeQuantitiesAreRefused_data()
    {
        QTest::addColumn<QList<float>>("layer0"); // units, activation, weight, bias
        QTest::addColumn<int>("field");
        QTest::addColumn<qint64>("found"); // -1: not checked
        // Weights -1.4e11 into a ReLU: z <= 0 on every image, so the output range is the
        // constant 0 (scale 1/255) and M = (1/255)(1.4e11/127)/(1/255) = 1.1e9 = 0.51 * 2^31:
        // a shift of 31, beyond TFLite's 30 (the fuzzer's file needed 97).
        QTest::newRow("shift of 31")
            << QList<float>{10, float(FileActivation::Relu), -1.4e11f, 0.0f}
            << int(ErrorField::Int8Shift) << qint64(31);
        // Bias 1000 over weights 1e-6: 1000 / ((1/255)(1e-6/127)) = 3.2e13 in int32.
        QTest::newRow("bias beyond int32")
            << QList<float>{10, float(FileActivation::Relu), 1e-6f, 1000.0f}
            << int(ErrorField::Int8Bias) << qint64(-1);
        // Just beyond: bias 927 over weights 0.01 gives 927 * 255 * 127 / 0.01 = 3.0e9.
        QTest::newRow("bias of 3.0e9")
            << QList<float>{10, float(FileActivation::Relu), 0.01f, 927.0f}
            << int(ErrorField::Int8Bias) << qint64(-1);
        // Weights 0.01 (all quantized to 127) and bias 658: b_q = 658 * 255 * 127 / 0.01 =
        // 2.131e9 fits int32, but 784 * 127 * 255 = 25.4e6 more for white images overflows it.
        QTest::newRow("accumulator beyond int32")
            << QList<float>{10, float(FileActivation::Softmax), 0.01f, 658.0f}
            << int(ErrorField::Int8Accumulator) << qint64(-1);
    }
    void unsafeQuantitiesAreRefused()
    {
        QFETCH(QList<float>, layer0);
        QFETCH(int, field);
        QFETCH(qint64, found);
        std::vector<CraftedLayer> layers{
            {std::uint32_t(layer0[0]), FileActivation(int(layer0[1])), layer0[2], layer0[3]}};
        if (layers[0].activation != FileActivation::Softmax)
            layers.push_back({10, FileActivation::Softmax, 0.01f, 0.0f});
        const Network net = loaded(layers);
        try {
            quantize(net, calibration(), 60);
            QFAIL("an unsafe model was quantized");
        } catch (const Error &e) {
            QCOMPARE(toString(e.code()), toString(ErrorCode::QuantizationUnsafe));
            QCOMPARE(int(e.args().field), field);
            QCOMPARE(e.args().index.value_or(-1), std::int64_t(0));
            if (found >= 0)
                QCOMPARE(e.args().found.value_or(-1), found);
        }
        // The exporter writes no C with impossible constants: the same error.
        ExportOptions options;
        options.precision = Precision::Int8;
        options.calibrationImages = 60;
        QVERIFY_THROWS_EXCEPTION(Error, generateCode(net, options, calibration(), calibration()));
        // float32 export of the same model is fine: its arithmetic cannot overflow.
        options.precision = Precision::Float32;
        QVERIFY(!generateCode(net, options, calibration(), calibration()).source.empty());
    }

    void justBelowTheAccumulatorLimitIsQuantized()
    {
        // Bias 640: b_q = 640 * 255 * 127 / 0.01 = 2.073e9, plus 25.4e6: 2.098e9 < 2^31 - 1.
        const Network net = loaded({{10, FileActivation::Softmax, 0.01f, 640.0f}});
        const QuantizedModel q = quantize(net, calibration(), 60);
        const std::int64_t bias = q.layers[0].bias[0];
        QVERIFY2(std::abs(bias - 2072640000) < 2000, qPrintable(QString::number(bias)));
        // Every int8 input, the brightest included, runs without overflow: the accumulator of
        // the int8 kernel equals the exact sum computed here in 64 bits.
        std::int64_t exact = bias;
        for (int i = 0; i < 784; ++i)
            exact += std::int64_t(q.layers[0].weights[std::size_t(i)]) * (127 + 128);
        QVERIFY(exact <= std::numeric_limits<std::int32_t>::max());
        Int8Runner runner(q);
        std::vector<std::int8_t> white(784, 127), logits(10), probs(10);
        runner.run(white.data(), logits.data(), probs.data());
        for (std::int8_t p : probs)
            QCOMPARE(int(p), -128 + 26); // ten equal classes: 256 / 10 = 25.6, rounded to 26
    }

    void nonFiniteOrHugeTrainedWeightsAreNotQuantized()
    {
        // As a diverged run leaves them (no file involved): never rounded into int8.
        Network nan(ModelSpec::withHidden({8}, Activation::Relu));
        nan.initialize(2);
        nan.parameters()[3] = std::numeric_limits<float>::quiet_NaN();
        try {
            quantize(nan, calibration(), 60);
            QFAIL("NaN weights were quantized");
        } catch (const Error &e) {
            QCOMPARE(toString(e.code()), toString(ErrorCode::WeightsNotFinite));
        }
        Network huge(ModelSpec::withHidden({8}, Activation::Relu));
        huge.initialize(2);
        huge.weights(1).setConstant(1e30f);
        try {
            quantize(huge, calibration(), 60);
            QFAIL("weights of 1e30 were quantized");
        } catch (const Error &e) {
            QCOMPARE(toString(e.code()), toString(ErrorCode::ModelValuesTooLarge));
            QCOMPARE(e.args().index.value_or(-1), std::int64_t(1));
            QVERIFY(e.args().file.empty());
        }
    }

    void multiplierMustBeFinite_data()
    {
        QTest::addColumn<double>("m");
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity();
        QTest::newRow("negative") << -0.5;
    }
    void multiplierMustBeFinite()
    {
        QFETCH(double, m);
        std::int32_t q = 0, s = 0;
        QVERIFY_THROWS_EXCEPTION(Error, quantizeMultiplier(m, q, s));
    }

    void softmaxOfTheMostClassesDoesNotWrap()
    {
        // 256 equal logits: each gets 1/256, which is 1 in units of 1/256, so -128 + 1. Each
        // exp(0) is 2^19 in the Q12.19 sum, so the sum is 2^27: no wrap, and the output shift
        // (8 bits over one, + 23) stays within 31.
        std::vector<std::int8_t> logits(256, 5), out(256, 0);
        integerSoftmax(logits.data(), 256, softmaxParams(0.1f), out.data());
        for (std::int8_t p : out)
            QCOMPARE(int(p), -127);
    }
    void softmaxRefusesMoreThan256Classes()
    {
        std::vector<std::int8_t> logits(257, 5), out(257, 0);
        QVERIFY_THROWS_EXCEPTION(Error, integerSoftmax(logits.data(), 257, softmaxParams(0.1f),
                                                       out.data()));
    }
};

QTEST_MAIN(TestQuantizeSafety)
#include "tst_quantizesafety.moc"
