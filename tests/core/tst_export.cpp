// SPDX-License-Identifier: GPL-3.0-or-later
// Proof that the exported C gives the studio's answers (label "mnist"): the generated code is
// compiled with the system C compiler and run on all 10,000 MNIST test images; it is
// cross-compiled for Cortex-M4 and measured; the Arduino sketch is compiled and run.
#include "core/deploy/codegen.h"
#include "core/base/error.h"
#include "core/io/fileio.h"
#include "core/io/modelfile.h"
#include "core/nn/trainer.h"
#include "exportharness.h"
#include "testsupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace tinyml::core;
using tinyml::test::runChecked;
using tinyml::test::writeText;
Q_DECLARE_METATYPE(tinyml::core::Precision)

namespace {


const char *kSketchMain = R"(#include "Arduino.h"
#include <cstdio>
void setup();
void loop();
int main(int argc, char **argv)
{
    /* Feed test image 0 over the stand-in serial port, as a learner's PC would. */
    FILE *f = std::fopen(argv[1], "rb");
    unsigned char image[784];
    if (!f || std::fseek(f, 16, SEEK_SET) != 0 || std::fread(image, 1, 784, f) != 784) return 3;
    std::fclose(f);
    (void)argc;
    setup();
    Serial.input.assign(reinterpret_cast<const char *>(image), 784);
    for (int i = 0; i < 3; ++i) loop();
    return 0;
}
)";

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

    Dataset m_train, m_test;
    std::optional<LoadedModel> m_model;

private slots:
    void initTestCase()
    {
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
        m_model.emplace(loadModel(std::string(qgetenv("TINYML_SOURCE_DIR").constData()) + "/resources/models/default.tmlm"));
        QCOMPARE(m_model->network.spec().parameterCount(), 101770); // the course architecture
    }

    void identifiers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("identifier");
        QTest::newRow("plain") << "tinyml" << "tinyml";
        QTest::newRow("spaces and symbols") << "My Model!" << "my_model";
        QTest::newRow("leading digit") << "3d-digits" << "m_3d_digits";
        QTest::newRow("keyword") << "int" << "int_model";
        QTest::newRow("empty") << "" << "model";
        QTest::newRow("non-ASCII") << "Zähler" << "z_hler";
    }
    void identifiers()
    {
        QFETCH(QString, text);
        QFETCH(QString, identifier);
        QCOMPARE(QString::fromStdString(cIdentifier(text.toStdString())), identifier);
    }

    void refusesNonFiniteWeights()
    {
        Network net = m_model->network;
        net.parameters()[7] = std::numeric_limits<float>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(Error, generateCode(net, {}, m_test, m_train));
    }

    void compiledCodeMatchesTheEngine_data()
    {
        QTest::addColumn<Precision>("precision");
        QTest::newRow("float32") << Precision::Float32;
        QTest::newRow("int8") << Precision::Int8;
    }
    void compiledCodeMatchesTheEngine()
    {
        QFETCH(Precision, precision);
        const bool int8 = precision == Precision::Int8;
        QTemporaryDir dir;
        ExportOptions options;
        options.precision = precision;
        options.baseName = "model";
        const GeneratedCode g = generateCode(m_model->network, options, m_test, m_train);
        QVERIFY(g.header.find("nan") == std::string::npos && g.source.find("inf,") == std::string::npos);
        QVERIFY(g.source.find("malloc") == std::string::npos);
        writeText(dir.filePath("model.h"), g.header);
        writeText(dir.filePath("model.c"), g.source);
        const QString images = QString::fromStdString(findIdxFile(tinyml::test::mnistDir(), "t10k-images-idx3-ubyte").string());
        if (images.endsWith(".gz"))
            QSKIP("the harness reads raw IDX files");
        QByteArray records;
        const QString failed
            = tinyml::test::runExportHarness(dir.path(), "tinyml", int8, images, 10000, records);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        const int record = tinyml::test::harnessRecord(int8);
        const char *data = records.constData();

        if (!int8) {
            const auto [worst, classesDiffer]
                = tinyml::test::floatAgreement(m_model->network, m_test, data, 10000);
            qInfo("float32: largest score difference to the engine over 10,000 images: %.2e", worst);
            QCOMPARE(classesDiffer, 0);
            QVERIFY(worst <= 1e-5);
        } else {
            const QuantizedModel &q = *g.quantized;
            Int8Runner runner(q);
            std::int8_t input[784], logits[10], probs[10];
            float floats[784];
            for (std::size_t i = 0; i < 10000; ++i) {
                for (int p = 0; p < 784; ++p)
                    input[p] = std::int8_t(int(m_test.image(i)[p]) - 128);
                const int best = runner.run(input, logits, probs);
                const char *r = data + i * std::size_t(record);
                QCOMPARE(int(static_cast<unsigned char>(r[0])), best);
                QVERIFY(std::memcmp(r + 1, probs, 10) == 0); // bit-identical
                // From floats: the same quantized input, so the same answer and scores.
                for (int p = 0; p < 784; ++p)
                    floats[p] = float(m_test.image(i)[p]) / 255.0f;
                const int fromFloats = runner.run(floats, logits, probs);
                QCOMPARE(fromFloats, best);
                QCOMPARE(int(static_cast<unsigned char>(r[11])), fromFloats);
                float scores[10];
                std::memcpy(scores, r + 12, sizeof scores);
                for (int c = 0; c < 10; ++c)
                    QCOMPARE(scores[c], float(probs[c] + 128) / 256.0f);
            }
            const QuantizedEvaluation ev = evaluateQuantized(m_model->network, q, m_test);
            qInfo("int8 %.2f %% vs float32 %.2f %% on the test set; %zu predictions flip",
                  100 * ev.int8Accuracy, 100 * ev.floatAccuracy, ev.flipped.size());
            QVERIFY(std::abs(ev.int8Accuracy - ev.floatAccuracy) <= 0.005);
        }
    }

    void crossCompilesForCortexM4_data() { compiledCodeMatchesTheEngine_data(); }
    void crossCompilesForCortexM4()
    {
        QFETCH(Precision, precision);
        QTemporaryDir dir;
        ExportOptions options;
        options.precision = precision;
        const GeneratedCode g = generateCode(m_model->network, options, m_test, m_train);
        writeText(dir.filePath(QString::fromStdString(g.headerName)), g.header);
        writeText(dir.filePath(QString::fromStdString(g.sourceName)), g.source);
        const QString object = dir.filePath("model.o");
        QVERIFY2(runChecked("arm-none-eabi-gcc", {"-std=c99", "-mcpu=cortex-m4", "-mthumb", "-Os", "-Wall", "-Wextra",
                                                   "-Werror", "-pedantic", "-c", dir.filePath(QString::fromStdString(g.sourceName)),
                                                   "-o", object}).has_value(),
                 "arm-none-eabi-gcc (Debian's gcc-arm-none-eabi, installed by scripts/install-deps.sh) failed");
        const QString size = QString::fromUtf8(runChecked("arm-none-eabi-size", {object}).value_or(QByteArray()));
        const auto m = QRegularExpression(R"(\n\s*(\d+)\s+(\d+)\s+(\d+))").match(size);
        QVERIFY2(m.hasMatch(), qPrintable(size));
        const double text = m.captured(1).toDouble(), dataBytes = m.captured(2).toDouble(), bss = m.captured(3).toDouble();
        const double flash = text + dataBytes, ram = dataBytes + bss;
        qInfo("%s: arm-none-eabi-size flash %.0f B (studio says %lld), RAM %.0f B (studio says %lld)",
              precision == Precision::Int8 ? "int8" : "float32", flash, static_cast<long long>(g.budget.flash()), ram,
              static_cast<long long>(g.budget.ram));
        QVERIFY(std::abs(double(g.budget.flash()) - flash) <= 0.1 * flash);
        QVERIFY(std::abs(double(g.budget.ram) - ram) <= 0.1 * ram);
    }

    void arduinoSketchCompilesAndRuns()
    {
        QTemporaryDir dir;
        ExportOptions options;
        options.precision = Precision::Int8;
        options.prefix = "digits";
        const GeneratedCode g = generateCode(m_model->network, options, m_test, m_train);
        writeText(dir.filePath(QString::fromStdString(g.headerName)), g.header);
        writeText(dir.filePath(QString::fromStdString(g.sourceName)), g.source);
        writeText(dir.filePath(QString::fromStdString(g.sketchName)), g.sketch);
        writeText(dir.filePath("main.cpp"), kSketchMain);
        const QString stand = QString::fromLocal8Bit(qgetenv("TINYML_TEST_DATA")) + "/arduino";
        QVERIFY(runChecked("cc", {"-std=c99", "-O2", "-c", dir.filePath(QString::fromStdString(g.sourceName)), "-o", dir.filePath("model.o")}).has_value());
        QVERIFY(runChecked("c++", {"-std=c++17", "-Wall", "-Wextra", "-Werror", "-I", stand, "-I", dir.path(), "-x", "c++",
                                    dir.filePath(QString::fromStdString(g.sketchName)), "-x", "c++", dir.filePath("main.cpp"),
                                    "-x", "none", dir.filePath("model.o"), "-o", dir.filePath("sketch")}).has_value());
        const QString images = QString::fromStdString(findIdxFile(tinyml::test::mnistDir(), "t10k-images-idx3-ubyte").string());
        const QString out = QString::fromUtf8(runChecked(dir.filePath("sketch"), {images}).value_or(QByteArray()));
        QVERIFY2(out.contains("Self-test: passed"), qPrintable(out));
        QCOMPARE(out.count("test digit: predicted"), 5);
        QVERIFY2(out.contains("your digit: predicted 7"), qPrintable(out)); // test image 0 is a 7
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
