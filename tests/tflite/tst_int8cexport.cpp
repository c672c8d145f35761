// SPDX-License-Identifier: GPL-3.0-or-later
// The int8 C export of an imported fully-integer .tflite holds the file's own int8 numbers
// (label "mnist"). For the studio's own int8 files (the embedded course model per tensor and
// per channel, the embedded small CNN) and uint8 files crafted operator by operator without the
// writer, the C exported from the *imported* model is compiled with cc -std=c99 -Wall -Wextra
// -Werror -pedantic and run on all 10,000 MNIST test images: every int8 output is
// bit-identical to the engine running the file's numbers, and the float entry point gives what
// the imported file answers. The C arrays are the file's weights and biases byte for byte,
// read from the file with a FlatBuffers walker of the test's own, and its multipliers and
// shifts are the file's float32 scales turned into Q31 here. Files whose numbers cannot be used
// fall back to quantizing here and say why; `tinyml export` says which numbers it wrote.
#include "core/deploy/codegen.h"
#include "core/deploy/quantize.h"
#include "core/io/fileio.h"
#include "core/io/modelfile.h"
#include "core/tflite/tfliteint8.h"
#include "core/tflite/tflitereader.h"
#include "core/tflite/tflitewriter.h"
#include "exportharness.h"
#include "flatwalker.h"
#include "testsupport.h"
#include "tfliteint8craft.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <map>

using namespace tinyml::core;
using tinyml::test::Walker;

namespace {

constexpr int kImages = 10000;

// TFLite's schema field ids and operator codes (docs/facts.md §12).
enum ModelField { ModelOperatorCodes = 1, ModelSubgraphs = 2, ModelBuffers = 4 };
enum SubGraphField { SgTensors = 0, SgOperators = 3 };
enum TensorField { TType = 1, TBuffer = 2, TQuantization = 4 };
enum QuantField { QScale = 2 };
enum OperatorField { OpCodeIndex = 0, OpInputs = 1, OpOutputs = 2 };
enum OperatorCodeField { OcDeprecatedCode = 0, OcCode = 3 };
constexpr int kConv2d = 3, kDepthwiseConv2d = 4, kFullyConnected = 9;
constexpr int kTypeUInt8 = 3;

/// One layer with weights as the file stores it: weights in int8 terms (uint8 − 128), int32
/// biases, and the float32 scales of its input, weights and output.
struct FileLayer
{
    std::vector<int> weights;
    std::vector<std::int32_t> bias;
    float inputScale = 0.0f, outputScale = 0.0f;
    std::vector<float> weightScales;
};

/// The layers with weights of a .tflite, in operator order, read with the walker.
std::vector<FileLayer> fileLayers(const std::vector<std::uint8_t> &bytes)
{
    const Walker w(bytes);
    const std::size_t model = w.root();
    const std::size_t codes = w.table(model, ModelOperatorCodes);
    const std::size_t buffers = w.table(model, ModelBuffers);
    const std::size_t sg = w.element(w.table(model, ModelSubgraphs), 0);
    const std::size_t tensors = w.table(sg, SgTensors);
    const std::size_t ops = w.table(sg, SgOperators);
    auto data = [&](std::size_t tensor) {
        return w.vector<std::uint8_t>(w.element(buffers, w.scalar<std::uint32_t>(tensor, TBuffer)),
                                      0);
    };
    auto scales = [&](std::size_t tensor) {
        return w.vector<float>(w.table(tensor, TQuantization), QScale);
    };
    std::vector<FileLayer> layers;
    for (std::uint32_t i = 0; i < w.length(ops); ++i) {
        const std::size_t op = w.element(ops, i);
        const std::size_t code = w.element(codes, w.scalar<std::uint32_t>(op, OpCodeIndex));
        const int builtin = std::max(int(w.scalar<std::int8_t>(code, OcDeprecatedCode)),
                                     w.scalar<std::int32_t>(code, OcCode));
        if (builtin != kConv2d && builtin != kDepthwiseConv2d && builtin != kFullyConnected)
            continue;
        const auto inputs = w.vector<std::int32_t>(op, OpInputs);
        const auto outputs = w.vector<std::int32_t>(op, OpOutputs);
        const std::size_t in = w.element(tensors, std::size_t(inputs[0]));
        const std::size_t weights = w.element(tensors, std::size_t(inputs[1]));
        const std::size_t bias = w.element(tensors, std::size_t(inputs[2]));
        const std::size_t out = w.element(tensors, std::size_t(outputs[0]));
        FileLayer l;
        const int offset = w.scalar<std::int8_t>(weights, TType) == kTypeUInt8 ? 128 : 0;
        for (std::uint8_t b : data(weights))
            l.weights.push_back(offset ? int(b) - offset : int(std::int8_t(b)));
        const auto biasBytes = data(bias);
        for (std::size_t k = 0; k + 4 <= biasBytes.size(); k += 4) {
            std::int32_t v;
            std::memcpy(&v, biasBytes.data() + k, 4);
            l.bias.push_back(v);
        }
        l.inputScale = scales(in).at(0);
        l.outputScale = scales(out).at(0);
        l.weightScales = scales(weights);
        layers.push_back(std::move(l));
    }
    return layers;
}

/// The integer arrays named prefix_<kind><layer> in generated C, by layer.
std::map<int, std::vector<long long>> cArrays(const std::string &source, const QString &kind)
{
    std::map<int, std::vector<long long>> arrays;
    const QRegularExpression re(
        QStringLiteral(R"(static const int(?:8|32)_t file_%1(\d+)\[\d+\] = \{([^}]*)\})")
            .arg(kind));
    auto it = re.globalMatch(QString::fromStdString(source));
    while (it.hasNext()) {
        const auto m = it.next();
        std::vector<long long> values;
        for (const QString &v : m.captured(2).split(',', Qt::SkipEmptyParts)) {
            // INT32_MIN is written as (-2147483647 - 1).
            const QString t = v.trimmed();
            values.push_back(t.startsWith('(') ? -2147483648LL : t.toLongLong());
        }
        arrays[m.captured(1).toInt()] = values;
    }
    return arrays;
}

/// The Q31 multiplier and exponent of a real multiplier m > 0, from its definition:
/// m = M0 · 2^(shift − 31) with M0 in [2^30, 2^31), M0 rounded half away from zero.
std::pair<long long, int> q31(double m)
{
    int shift = int(std::floor(std::log2(m))) + 1;
    // log2 can land one off at exact powers of two; the mantissa range decides.
    while (m * std::ldexp(1.0, 31 - shift) >= 2147483648.0)
        ++shift;
    while (m * std::ldexp(1.0, 31 - shift) < 1073741824.0)
        --shift;
    long long m0 = std::llround(m * std::ldexp(1.0, 31 - shift));
    if (m0 == 2147483648LL) {
        m0 /= 2;
        ++shift;
    }
    return {m0, shift};
}

} // namespace

class TestInt8CExport : public QObject
{
    Q_OBJECT

    Dataset m_train, m_test;

    static LoadedModel embedded(const char *file)
    {
        return loadModel(std::string(qgetenv("TINYML_SOURCE_DIR").constData())
                         + "/resources/models/" + file);
    }

    /// The embedded model quantized here, as the studio's writer puts it in a .tflite.
    QuantizedModel quantizedEmbedded(const char *file, DenseQuantization dense)
    {
        return quantize(embedded(file).network, m_train, 1000, {}, {.dense = dense});
    }

    /// The .tflite of a row.
    std::vector<std::uint8_t> fileOf(const QString &name)
    {
        if (name == "course per channel")
            return writeTfliteInt8(
                quantizedEmbedded("default.tmlm", DenseQuantization::PerChannel));
        if (name == "small cnn")
            return writeTfliteInt8(
                quantizedEmbedded("small-cnn.tmlm", DenseQuantization::PerTensor));
        const QuantizedModel q = quantizedEmbedded("default.tmlm", DenseQuantization::PerTensor);
        if (name == "course per tensor")
            return writeTfliteInt8(q);
        tinyml::test::Variant v;
        v.uint8 = true;
        // A hidden zero point no calibration here gives: only the file's numbers have it.
        if (name == "crafted uint8, hidden zero point -90")
            v.hiddenZero = -90;
        return tinyml::test::craftDense(q, v);
    }

private slots:
    void initTestCase()
    {
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
        QVERIFY(m_test.size() >= std::size_t(kImages));
    }

    void exportedCHoldsAndRunsTheFilesNumbers_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("uint8");
        QTest::newRow("course per tensor") << "course per tensor" << false;
        QTest::newRow("course per channel") << "course per channel" << false;
        QTest::newRow("small cnn") << "small cnn" << false;
        QTest::newRow("crafted uint8") << "crafted uint8" << true;
        QTest::newRow("crafted uint8, hidden zero point -90")
            << "crafted uint8, hidden zero point -90" << true;
    }
    void exportedCHoldsAndRunsTheFilesNumbers()
    {
        QFETCH(QString, file);
        QFETCH(bool, uint8);
        const QString images = QString::fromStdString(
            findIdxFile(tinyml::test::mnistDir(), "t10k-images-idx3-ubyte").string());
        if (images.endsWith(".gz"))
            QSKIP("the harness reads raw IDX files");
        const std::vector<std::uint8_t> bytes = fileOf(file);
        const LoadedModel m = readTflite(bytes, "model.tflite");
        QVERIFY2(m.int8 && m.int8->model,
                 m.int8 && m.int8->refusal ? m.int8->refusal->what() : "no int8 model");
        QCOMPARE(m.int8->uint8, uint8);
        const Int8ExportChoice choice = int8ExportChoice(m);
        QVERIFY(choice.source == Int8ExportSource::File);
        QVERIFY(choice.numbers);

        ExportOptions options;
        options.precision = Precision::Int8;
        options.prefix = "file";
        options.baseName = "model";
        options.int8Numbers = choice.numbers;
        const GeneratedCode g = generateCode(m.network, options, m_test, m_train);
        QVERIFY(g.int8FromFile);
        if (file.contains("-90")) {
            // The file's hidden zero point and the ReLU clamp at it: {in_offset, out_zp,
            // act_min, act_max, ...} of the first layer.
            QCOMPARE(choice.numbers->layers[0].output.zeroPoint, -90);
            QVERIFY(g.source.find("file_q0 = {128, -90, -90, 127,") != std::string::npos);
        }
        QVERIFY(g.header.find("int8 numbers from the file") != std::string::npos);
        QVERIFY(g.header.find("calibrated") == std::string::npos);
        // The file's dense scales, whatever options.dense (per tensor) says.
        const bool perChannel = file == "course per channel";
        QVERIFY(g.header.find(perChannel ? "per-channel (per-row)" : "per-tensor")
                != std::string::npos);

        // The C arrays are the file's weights and biases, byte for byte.
        const std::vector<FileLayer> layers = fileLayers(bytes);
        const auto weights = cArrays(g.source, "w");
        const auto biases = cArrays(g.source, "b");
        const auto multipliers = cArrays(g.source, "m");
        const auto shifts = cArrays(g.source, "s");
        QCOMPARE(weights.size(), layers.size());
        QCOMPARE(biases.size(), layers.size());
        std::size_t k = 0;
        for (const auto &[layer, w] : weights) {
            const FileLayer &f = layers[k++];
            QCOMPARE(w.size(), f.weights.size());
            for (std::size_t i = 0; i < w.size(); ++i)
                QCOMPARE(int(w[i]), f.weights[i]);
            const auto &b = biases.at(layer);
            QCOMPARE(b.size(), f.bias.size());
            for (std::size_t i = 0; i < b.size(); ++i)
                QCOMPARE(b[i], (long long)f.bias[i]);
            // Multiplier and shift per weight scale: s_in · s_w / s_out from the file's float32
            // scales (widened to double), as Q31.
            const auto &mq = multipliers.at(layer);
            const auto &sq = shifts.at(layer);
            QCOMPARE(mq.size(), f.weightScales.size());
            QCOMPARE(sq.size(), f.weightScales.size());
            for (std::size_t c = 0; c < f.weightScales.size(); ++c) {
                const auto [m0, shift]
                    = q31(double(f.inputScale) * double(f.weightScales[c]) / double(f.outputScale));
                QCOMPARE(mq[c], m0);
                QCOMPARE(int(sq[c]), shift);
            }
        }

        // Compiled under the strictest flags, run on the test images.
        QTemporaryDir dir;
        tinyml::test::writeText(dir.filePath("model.h"), g.header);
        tinyml::test::writeText(dir.filePath("model.c"), g.source);
        QByteArray records;
        const QString failed
            = tinyml::test::runExportHarness(dir.path(), "file", true, images, kImages, records);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        constexpr int kRecord = tinyml::test::harnessRecord(true);
        const char *data = records.constData();

        // Expected: the engine running the file's numbers on the bytes p − 128, and the imported
        // file's own answer for the pixels p / 255.
        Int8Runner runner(*m.int8->model);
        std::int8_t input[784], logits[10], probs[10];
        int differing = 0, correct = 0;
        for (int i = 0; i < kImages; ++i) {
            const std::uint8_t *img = m_test.image(std::size_t(i));
            for (int p = 0; p < 784; ++p)
                input[p] = std::int8_t(int(img[p]) - 128);
            const int best = runner.run(input, logits, probs);
            const char *r = data + std::size_t(i) * kRecord;
            differing += int(static_cast<unsigned char>(r[0])) != best
                         || std::memcmp(r + 1, probs, 10) != 0;
            std::vector<float> scores;
            std::vector<std::int8_t> raw;
            const int answer
                = m.int8->run(tinyml::test::inputOf(m_test, std::size_t(i)), &scores, &raw);
            float cScores[10];
            std::memcpy(cScores, r + 12, sizeof cScores);
            differing += int(static_cast<unsigned char>(r[11])) != answer
                         || std::memcmp(cScores, scores.data(), sizeof cScores) != 0
                         || std::memcmp(r + 1, raw.data(), 10) != 0;
            correct += best == m_test.labels[std::size_t(i)];
        }
        qInfo("%s: %d of %d images differ; the file's int8 numbers score %.2f %%", qPrintable(file),
              differing, kImages, 100.0 * correct / kImages);
        QCOMPARE(differing, 0);
        QVERIFY(correct > kImages * 9 / 10); // a real model, not a degenerate one
    }

    void filesWhoseNumbersCannotBeUsedFallBack_data()
    {
        QTest::addColumn<int>("weightZero");
        QTest::addColumn<float>("inputScale");
        QTest::addColumn<int>("source");
        QTest::newRow("weight zero point 3: refused by the int8 engine")
            << 3 << 0.0f << int(Int8ExportSource::FileRefused);
        QTest::newRow("0..255 input (scale 1): not p / 255 to p - 128 in the C")
            << 0 << 1.0f << int(Int8ExportSource::FileInput);
    }
    void filesWhoseNumbersCannotBeUsedFallBack()
    {
        QFETCH(int, weightZero);
        QFETCH(float, inputScale);
        QFETCH(int, source);
        const QuantizedModel q = quantizedEmbedded("default.tmlm", DenseQuantization::PerTensor);
        tinyml::test::Variant v;
        v.weightZero = weightZero;
        v.input = {inputScale, -128};
        const LoadedModel m = readTflite(tinyml::test::craftDense(q, v), "fallback.tflite");
        const Int8ExportChoice choice = int8ExportChoice(m);
        QCOMPARE(int(choice.source), source);
        QVERIFY(!choice.numbers);
        ExportOptions options;
        options.precision = Precision::Int8;
        options.calibrationImages = 200;
        const GeneratedCode g = generateCode(m.network, options, m_test, m_train);
        QVERIFY(!g.int8FromFile);
        QVERIFY(g.header.find("quantized\n *               here from float32, calibrated on 200")
                != std::string::npos);
    }

    void notAnInt8FileIsQuantizedHere()
    {
        const Int8ExportChoice choice = int8ExportChoice(embedded("default.tmlm"));
        QVERIFY(choice.source == Int8ExportSource::Quantized);
        QVERIFY(!choice.numbers);
    }

    void tfliteExportWritesTheFilesNumbersAgain()
    {
        // Calibrated on 300 images: a quantization here (1,000 images) would give other
        // multipliers.
        const QuantizedModel q = quantize(embedded("default.tmlm").network, m_train, 300);
        QTemporaryDir dir;
        const QString model
            = tinyml::test::writeBytes(dir.filePath("model.tflite"), writeTfliteInt8(q));
        QProcess p;
        p.start(qEnvironmentVariable("TINYML_CLI"),
                {"export", "--model", model, "--format", "tflite", "--precision", "int8", "--out",
                 dir.filePath("out"), "--name", "again", "--data",
                 QString::fromStdString(tinyml::test::mnistDir().string())});
        QVERIFY(p.waitForFinished(-1));
        QVERIFY2(p.exitCode() == 0, qPrintable(p.readAllStandardError()));
        QVERIFY(
            QString::fromUtf8(p.readAllStandardOutput()).contains("int8 numbers from the file"));
        const LoadedModel again = loadAnyModel(dir.filePath("out/again.tflite").toStdString());
        QVERIFY(again.int8 && again.int8->model);
        QCOMPARE(again.int8->model->layers.size(), q.layers.size());
        for (std::size_t l = 0; l < q.layers.size(); ++l) {
            QVERIFY(again.int8->model->layers[l].weights == q.layers[l].weights);
            QVERIFY(again.int8->model->layers[l].bias == q.layers[l].bias);
            QVERIFY(again.int8->model->layers[l].multiplier == q.layers[l].multiplier);
            QVERIFY(again.int8->model->layers[l].shift == q.layers[l].shift);
        }
    }

    void commandLineSaysWhichNumbers_data()
    {
        QTest::addColumn<int>("weightZero");
        QTest::addColumn<QString>("line");
        QTest::newRow("the file's") << 0 << "int8 numbers from the file";
        QTest::newRow("refused") << 3
                                 << "int8 numbers quantized here from float32, not the file's own: "
                                    "The int8 arithmetic of the model";
    }
    void commandLineSaysWhichNumbers()
    {
        QFETCH(int, weightZero);
        QFETCH(QString, line);
        const QuantizedModel q = quantizedEmbedded("default.tmlm", DenseQuantization::PerTensor);
        tinyml::test::Variant v;
        v.weightZero = weightZero;
        QTemporaryDir dir;
        const QString model = tinyml::test::writeBytes(dir.filePath("model.tflite"),
                                                       tinyml::test::craftDense(q, v));
        QProcess p;
        p.start(qEnvironmentVariable("TINYML_CLI"),
                {"export", "--model", model, "--format", "c", "--precision", "int8", "--out",
                 dir.filePath("out"), "--prefix", "file", "--data",
                 QString::fromStdString(tinyml::test::mnistDir().string())});
        QVERIFY(p.waitForFinished(-1));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(p.readAllStandardError()));
        QVERIFY2(out.contains(line), qPrintable(out));
        QFile header(dir.filePath("out/file_model.h"));
        QVERIFY(header.open(QIODevice::ReadOnly));
        QCOMPARE(header.readAll().contains("int8 numbers from the file"), weightZero == 0);
    }
};

QTEST_GUILESS_MAIN(TestInt8CExport)
#include "tst_int8cexport.moc"
