// SPDX-License-Identifier: GPL-3.0-or-later
// Proof that the exported C of convolutional networks gives the engine's answers (label "mnist"):
// two CNNs trained briefly here are exported as float32 and int8, compiled with the system C
// compiler under -std=c99 -Wall -Wextra -Werror -pedantic, and run on all 10,000 MNIST test
// images: float32 classes identical and scores within 1e-5 of the engine; int8 scores and classes
// bit-identical to the engine's int8 kernels. The code is cross-compiled for Cortex-M4 and its
// size compared with the studio's budget.
#include "core/deploy/budget.h"
#include "core/deploy/codegen.h"
#include "core/io/fileio.h"
#include "core/nn/layersyntax.h"
#include "core/nn/optimizer.h"
#include "core/nn/trainer.h"
#include "exportharness.h"
#include "testsupport.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <map>
#include <set>

using namespace tinyml::core;
using tinyml::test::runChecked;
using tinyml::test::writeText;
Q_DECLARE_METATYPE(tinyml::core::Precision)
Q_DECLARE_METATYPE(tinyml::core::DenseQuantization)

namespace {


/// The two stacks of the proof: the small CNN of issue 10, and one with a strided same-padded
/// convolution, a depthwise convolution, average and max pooling with partial windows, tanh and
/// sigmoid (table) activations, Dropout and two dense layers.
const char *kSmallCnn
    = "Conv2D(8, 3, activation=relu), MaxPooling2D(2), Conv2D(16, 3, activation=relu), "
      "MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)";
const char *kMixedCnn
    = "Conv2D(8, 3, strides=2, padding=same, activation=relu), "
      "DepthwiseConv2D(3, padding=same, activation=relu), AveragePooling2D(2, padding=same), "
      "Conv2D(12, 3, padding=same, activation=tanh), MaxPooling2D(2, strides=1, padding=same), "
      "AveragePooling2D(3, strides=2, padding=same), Flatten(), Dropout(0.2), "
      "Dense(16, activation=sigmoid), Dense(10, activation=softmax)";

} // namespace

class TestConvExport : public QObject
{
    Q_OBJECT

    Dataset m_train, m_test;
    std::map<QString, Network> m_nets;

    /// A CNN trained briefly (fixed seed): enough for weights and activation ranges that look
    /// like a real model's; agreement is what is tested.
    const Network &net(const QString &name)
    {
        auto it = m_nets.find(name);
        if (it != m_nets.end())
            return it->second;
        const ModelSpec spec
            = ModelSpec::withLayers(parseLayers(name == "small" ? kSmallCnn : kMixedCnn));
        Network n(spec);
        n.initialize(5);
        Optimizer opt(spec.optimizer, n.parameters().size());
        TrainConfig config;
        // The deeper mixed stack needs a little more to leave its start (11 % after one epoch
        // on 1,000 images, about 40 % after three on 2,000).
        config.epochs = name == "small" ? 1 : 3;
        config.trainSubset = name == "small" ? 1000 : 2000;
        config.seed = 9;
        Trainer(n, opt, config, m_train).run();
        return m_nets.emplace(name, std::move(n)).first->second;
    }

    GeneratedCode generate(const QString &model,
                           Precision precision,
                           DenseQuantization dense,
                           const QString &folder)
    {
        ExportOptions options;
        options.precision = precision;
        options.prefix = "cnn";
        options.baseName = "model";
        options.calibrationImages = 300;
        options.dense = dense;
        const GeneratedCode g = generateCode(net(model), options, m_test, m_train);
        writeText(folder + "/model.h", g.header);
        writeText(folder + "/model.c", g.source);
        return g;
    }

private slots:
    void initTestCase()
    {
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
    }

    void compiledCodeMatchesTheEngine_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<Precision>("precision");
        QTest::addColumn<DenseQuantization>("dense");
        QTest::newRow("small float32")
            << "small" << Precision::Float32 << DenseQuantization::PerTensor;
        QTest::newRow("small int8") << "small" << Precision::Int8 << DenseQuantization::PerTensor;
        QTest::newRow("mixed float32")
            << "mixed" << Precision::Float32 << DenseQuantization::PerTensor;
        QTest::newRow("mixed int8 per-tensor dense")
            << "mixed" << Precision::Int8 << DenseQuantization::PerTensor;
        QTest::newRow("mixed int8 per-channel dense")
            << "mixed" << Precision::Int8 << DenseQuantization::PerChannel;
    }
    void compiledCodeMatchesTheEngine()
    {
        QFETCH(QString, model);
        QFETCH(Precision, precision);
        QFETCH(DenseQuantization, dense);
        const bool int8 = precision == Precision::Int8;
        const QString images = QString::fromStdString(
            findIdxFile(tinyml::test::mnistDir(), "t10k-images-idx3-ubyte").string());
        if (images.endsWith(".gz"))
            QSKIP("the harness reads raw IDX files");
        QTemporaryDir dir;
        const GeneratedCode g = generate(model, precision, dense, dir.path());
        const Network &n = net(model);
        if (int8) {
            // Convolutions always per channel; dense layers as asked.
            for (const QuantizedLayer &ql : g.quantized->layers)
                if (ql.hasWeights())
                    QCOMPARE(ql.perChannel,
                             ql.kind != LayerKind::Dense || dense == DenseQuantization::PerChannel);
            QVERIFY(g.header.find(dense == DenseQuantization::PerChannel ? "per-channel (per-row)"
                                                                         : "per-tensor")
                    != std::string::npos);
        }
        QVERIFY(g.source.find("malloc") == std::string::npos);
        QByteArray records;
        const QString failed
            = tinyml::test::runExportHarness(dir.path(), "cnn", int8, images, 10000, records);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        const int record = tinyml::test::harnessRecord(int8);
        const char *data = records.constData();

        if (!int8) {
            const auto [worst, classesDiffer]
                = tinyml::test::floatAgreement(n, m_test, data, 10000);
            qInfo("%s float32: largest score difference to the engine over 10,000 images: %.2e",
                  qPrintable(model), worst);
            QCOMPARE(classesDiffer, 0);
            QVERIFY(worst <= 1e-5);
        } else {
            Int8Runner runner(*g.quantized);
            std::int8_t input[784], logits[10], probs[10];
            int correct = 0;
            std::set<int> classes;
            for (std::size_t i = 0; i < 10000; ++i) {
                for (int p = 0; p < 784; ++p)
                    input[p] = std::int8_t(int(m_test.image(i)[p]) - 128);
                const int best = runner.run(input, logits, probs);
                const char *r = data + i * std::size_t(record);
                QCOMPARE(int(static_cast<unsigned char>(r[0])), best);
                QVERIFY(std::memcmp(r + 1, probs, 10) == 0); // bit-identical
                // The float entry point quantizes p / 255 to p − 128 (tst_quantize checks that
                // in the engine): the same answer and scores.
                QCOMPARE(int(static_cast<unsigned char>(r[11])), best);
                float scores[10];
                std::memcpy(scores, r + 12, sizeof scores);
                for (int c = 0; c < 10; ++c)
                    QCOMPARE(scores[c], float(probs[c] + 128) / 256.0f);
                correct += best == m_test.labels[i];
                classes.insert(best);
            }
            const double floatAccuracy = evaluate(n, m_test).accuracy;
            qInfo("%s int8: %.2f %% vs float32 %.2f %% after a short training", qPrintable(model),
                  correct / 100.0, 100 * floatAccuracy);
            // Not a degenerate model that answers one class: agreement means something.
            QVERIFY(classes.size() >= 8);
            QVERIFY(std::abs(correct / 10000.0 - floatAccuracy) <= 0.02);
        }
    }

    void arenaHoldsTheLargestPair()
    {
        // Small CNN: 28x28x1 → 26x26x8 → 13x13x8 → 11x11x16 → 5x5x16 → 400 → 10. The pairs
        // alive at once are 784 + 5408 = 6192, 5408 + 1352 = 6760, 1352 + 1936 = 3288,
        // 1936 + 400 = 2336, (Flatten: none), 400 + 10 = 410: the first pooling's 6760 values,
        // not the 9,890 of the input and all activations together.
        const ModelBudget b = modelBudget(ModelSpec::withLayers(parseLayers(kSmallCnn)));
        QCOMPARE(b.ramInt8, qint64(5408 + 1352));
        QCOMPARE(b.ramFloat32, qint64(4 * (5408 + 1352)));
        QCOMPARE(b.peakLayer, std::size_t(1));
        QCOMPARE(b.layers.size(), std::size_t(6));
        QCOMPARE(b.layers[4].liveValues, qint64(0)); // Flatten moves nothing
        // Flash per layer, int8: weights + 12 bytes per channel (bias, multiplier, shift):
        // conv 1: 72 + 96; conv 2: 1152 + 192; dense: 4000 + 120.
        QCOMPARE(b.layers[0].flashInt8, qint64(72 + 96));
        QCOMPARE(b.layers[2].flashInt8, qint64(1152 + 192));
        QCOMPARE(b.layers[5].flashInt8, qint64(4000 + 120));
        QCOMPARE(b.layers[1].flashInt8, qint64(0));
        QCOMPARE(b.flashInt8, qint64(72 + 96 + 1152 + 192 + 4000 + 120));
        QTemporaryDir dir;
        const GeneratedCode g
            = generate("small", Precision::Int8, DenseQuantization::PerTensor, dir.path());
        QCOMPARE(g.budget.ram, b.ramInt8);
        QVERIFY(g.source.find("cnn_arena[6760]") != std::string::npos);
    }

    void crossCompilesForCortexM4_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<Precision>("precision");
        for (const char *model : {"small", "mixed"})
            for (Precision p : {Precision::Float32, Precision::Int8})
                QTest::addRow("%s %s", model, p == Precision::Int8 ? "int8" : "float32")
                    << QString::fromLatin1(model) << p;
    }
    void crossCompilesForCortexM4()
    {
        QFETCH(QString, model);
        QFETCH(Precision, precision);
        if (QStandardPaths::findExecutable("arm-none-eabi-gcc").isEmpty())
            QSKIP("arm-none-eabi-gcc is not installed (Debian's gcc-arm-none-eabi; "
                  "scripts/install-deps.sh test installs it)");
        QTemporaryDir dir;
        const GeneratedCode g
            = generate(model, precision, DenseQuantization::PerTensor, dir.path());
        const QString object = dir.filePath("model.o");
        QVERIFY2(runChecked("arm-none-eabi-gcc",
                            {"-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic",
                             "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16",
                             "-Os", "-c", dir.filePath("model.c"), "-o", object})
                     .has_value(),
                 "arm-none-eabi-gcc failed on the generated code");
        const QString size
            = QString::fromUtf8(runChecked("arm-none-eabi-size", {object}).value_or(QByteArray()));
        const auto m = QRegularExpression(R"(\n\s*(\d+)\s+(\d+)\s+(\d+))").match(size);
        QVERIFY2(m.hasMatch(), qPrintable(size));
        const double text = m.captured(1).toDouble(), dataBytes = m.captured(2).toDouble(),
                     bss = m.captured(3).toDouble();
        const double flash = text + dataBytes, ram = dataBytes + bss;
        qInfo("%s %s: arm-none-eabi-size flash %.0f B (studio says %lld), RAM %.0f B (studio says "
              "%lld)",
              qPrintable(model), precision == Precision::Int8 ? "int8" : "float32", flash,
              static_cast<long long>(g.budget.flash()), ram, static_cast<long long>(g.budget.ram));
        QVERIFY(std::abs(double(g.budget.flash()) - flash) <= 0.1 * flash);
        QCOMPARE(qint64(ram), qint64(g.budget.ram));
    }
};

QTEST_GUILESS_MAIN(TestConvExport)
#include "tst_convexport.moc"
