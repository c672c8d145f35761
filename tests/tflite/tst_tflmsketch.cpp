// SPDX-License-Identifier: GPL-3.0-or-later
// The Arduino sketch for TensorFlow Lite Micro (export --format arduino-tflm, docs/facts.md §14),
// checked without TFLM: TFLM is packaged neither for Debian nor for npm (npm view of
// tflite-micro, @tensorflow/tflite-micro, tensorflow-lite-micro and tflm finds nothing;
// @tensorflow/tfjs-tflite is desktop TFLite in WebAssembly, not Micro), so the sketch cannot run
// a real interpreter here. Instead:
// - the operators the sketch registers are the builtin operators of the .tflite, read with the
//   FlatBuffers walker of flatwalker.h from TFLite's published field ids (not with the
//   project's reader), and the resolver's template argument is their count;
// - the C array's bytes are the .tflite's bytes, in an array aligned to 16 bytes;
// - the sketch compiles with arm-none-eabi-g++ for a Cortex-M4 against a stub of TFLM's API
//   written below (the declarations the sketch uses, with TFLM's names and signatures);
// - built for the host against the same stub, whose resolver records its Add… calls and whose
//   interpreter holds an input and an output tensor, setup() puts each test digit into the input
//   tensor quantized with that tensor's scale and zero point and prints the class read from the
//   output tensor.
#include "core/deploy/quantize.h"
#include "core/deploy/tflmsketch.h"
#include "core/nn/layersyntax.h"
#include "core/tflite/tflitewriter.h"
#include "flatwalker.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>
#include <set>

using namespace tinyml::core;
using tinyml::test::Walker;

namespace {

/// BuiltinOperator codes (docs/facts.md §12) and the MicroMutableOpResolver method for each.
const std::map<int, QString> &resolverMethods()
{
    static const std::map<int, QString> methods = {
        {1, "AddAveragePool2D"}, {3, "AddConv2D"},         {4, "AddDepthwiseConv2D"},
        {6, "AddDequantize"},    {9, "AddFullyConnected"}, {14, "AddLogistic"},
        {17, "AddMaxPool2D"},    {22, "AddReshape"},       {25, "AddSoftmax"},
        {28, "AddTanh"},         {98, "AddLeakyRelu"},     {114, "AddQuantize"},
    };
    return methods;
}

/// The builtin operator codes that the operators of subgraph 0 use, read from the bytes.
std::set<int> operatorCodesOf(const std::vector<std::uint8_t> &bytes)
{
    const Walker w(bytes);
    const std::size_t model = w.root();
    const std::size_t codes = w.table(model, 1);     // Model.operator_codes
    const std::size_t subgraphs = w.table(model, 2); // Model.subgraphs
    const std::size_t operators = w.table(w.element(subgraphs, 0), 3);
    std::set<int> used;
    for (std::uint32_t i = 0; i < w.length(operators); ++i) {
        const std::uint32_t index = w.scalar<std::uint32_t>(w.element(operators, i), 0);
        const std::size_t code = w.element(codes, index);
        // builtin_code (id 3) where present, else deprecated_builtin_code (id 0)
        const std::int32_t wide = w.scalar<std::int32_t>(code, 3);
        used.insert(wide != 0 ? wide : int(w.scalar<std::int8_t>(code, 0)));
    }
    return used;
}

/// Quantization (scale, zero point) of subgraph 0's input or output tensor; (0, 0) if none.
std::pair<float, long long> ioQuantization(const std::vector<std::uint8_t> &bytes, bool output)
{
    const Walker w(bytes);
    const std::size_t sg = w.element(w.table(w.root(), 2), 0);
    const auto io = w.vector<std::int32_t>(sg, output ? 2 : 1);
    const std::size_t tensor = w.element(w.table(sg, 0), std::size_t(io.at(0)));
    const std::size_t q = w.table(tensor, 4);
    if (!q)
        return {0.0f, 0};
    const auto scales = w.vector<float>(q, 2);
    const auto zeros = w.vector<std::int64_t>(q, 3);
    return {scales.empty() ? 0.0f : scales[0], zeros.empty() ? 0 : zeros[0]};
}

/// The stub of TFLM's API: file name → text. Names and signatures are TFLM's (the parts the
/// sketch uses); the bodies live in the host harness.
std::map<QString, QByteArray> stubFiles()
{
    return {
        {"Arduino.h", R"(#pragma once
#include <math.h>
#include <stddef.h>
#include <stdint.h>
struct SerialPort {
    void begin(unsigned long baud);
    explicit operator bool() const;
    int available();
    int read();
    void print(const char *s);
    void print(char c);
    void print(int v);
    void print(unsigned long v);
    void print(float v, int digits);
    void println(const char *s);
    void println(unsigned long v);
    void println();
};
extern SerialPort Serial;
unsigned long micros();
void delay(unsigned long ms);
)"},
        {"tensorflow/lite/schema/schema_generated.h", R"(#pragma once
#include <stdint.h>
namespace tflite {
struct Model { uint32_t version() const; };
const Model *GetModel(const void *buffer);
}
)"},
        {"tensorflow/lite/micro/system_setup.h", R"(#pragma once
namespace tflite { void InitializeTarget(); }
)"},
        {"tensorflow/lite/micro/micro_interpreter.h", R"(#pragma once
#include <stddef.h>
#include <stdint.h>
#include "tensorflow/lite/schema/schema_generated.h"
#define TFLITE_SCHEMA_VERSION (3)
typedef enum { kTfLiteOk = 0, kTfLiteError = 1 } TfLiteStatus;
typedef struct { float scale; int32_t zero_point; } TfLiteQuantizationParams;
typedef union { int8_t *int8; float *f; } TfLitePtrUnion;
typedef struct { TfLitePtrUnion data; TfLiteQuantizationParams params; } TfLiteTensor;
namespace tflite {
class MicroOpResolver {};
class MicroInterpreter {
public:
    MicroInterpreter(const Model *model, const MicroOpResolver &op_resolver, uint8_t *tensor_arena,
                     size_t tensor_arena_size);
    TfLiteStatus AllocateTensors();
    TfLiteStatus Invoke();
    TfLiteTensor *input(size_t index);
    TfLiteTensor *output(size_t index);
    size_t arena_used_bytes() const;
};
}
)"},
        {"tensorflow/lite/micro/micro_mutable_op_resolver.h", R"(#pragma once
#include "tensorflow/lite/micro/micro_interpreter.h"
void stubRecordAdd(const char *method, unsigned int capacity);
namespace tflite {
template <unsigned int tOpCount>
class MicroMutableOpResolver : public MicroOpResolver {
public:
#define STUB_ADD(name) TfLiteStatus name() { stubRecordAdd(#name, tOpCount); return kTfLiteOk; }
    STUB_ADD(AddAveragePool2D) STUB_ADD(AddConv2D) STUB_ADD(AddDepthwiseConv2D)
    STUB_ADD(AddDequantize) STUB_ADD(AddFullyConnected) STUB_ADD(AddLogistic)
    STUB_ADD(AddMaxPool2D) STUB_ADD(AddReshape) STUB_ADD(AddSoftmax) STUB_ADD(AddTanh)
    STUB_ADD(AddLeakyRelu) STUB_ADD(AddQuantize)
#undef STUB_ADD
};
}
)"},
    };
}

/// The host side of the stub: Serial prints to stdout; the resolver's calls are printed as
/// "ADD method capacity"; the interpreter's input tensor has the .tflite's input quantization
/// (STUB_IN_SCALE, STUB_IN_ZP) and after setup() the harness prints the last input as "INPUT";
/// the output tensor holds scores whose largest is class 7.
const char *kHarness = R"(#include "Arduino.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include <stdio.h>
void setup();
SerialPort Serial;
void SerialPort::begin(unsigned long) {}
SerialPort::operator bool() const { return true; }
int SerialPort::available() { return 0; }
int SerialPort::read() { return -1; }
void SerialPort::print(const char *s) { printf("%s", s); }
void SerialPort::print(char c) { printf("%c", c); }
void SerialPort::print(int v) { printf("%d", v); }
void SerialPort::print(unsigned long v) { printf("%lu", v); }
void SerialPort::print(float v, int digits) { printf("%.*f", digits, (double)v); }
void SerialPort::println(const char *s) { printf("%s\n", s); }
void SerialPort::println(unsigned long v) { printf("%lu\n", v); }
void SerialPort::println() { printf("\n"); }
unsigned long micros() { return 0; }
void delay(unsigned long) {}
void stubRecordAdd(const char *method, unsigned int capacity) { printf("ADD %s %u\n", method, capacity); }
namespace tflite {
uint32_t Model::version() const { return 3; }
const Model *GetModel(const void *buffer) { return (const Model *)buffer; }
void InitializeTarget() {}
static int8_t in8[784], out8[10];
static float inF[784], outF[10];
static TfLiteTensor inT, outT;
MicroInterpreter::MicroInterpreter(const Model *, const MicroOpResolver &, uint8_t *, size_t) {}
TfLiteStatus MicroInterpreter::AllocateTensors()
{
    inT.data.int8 = STUB_INT8 ? in8 : nullptr;
    if (!STUB_INT8) inT.data.f = inF;
    inT.params.scale = (float)(STUB_IN_SCALE);
    inT.params.zero_point = STUB_IN_ZP;
    for (int k = 0; k < 10; ++k) { out8[k] = -120; outF[k] = 0.01f; }
    out8[7] = 100; outF[7] = 0.9f;
    outT.data.int8 = STUB_INT8 ? out8 : nullptr;
    if (!STUB_INT8) outT.data.f = outF;
    outT.params.scale = 1.0f / 256.0f;
    outT.params.zero_point = -128;
    return kTfLiteOk;
}
TfLiteStatus MicroInterpreter::Invoke() { return kTfLiteOk; }
TfLiteTensor *MicroInterpreter::input(size_t) { return &inT; }
TfLiteTensor *MicroInterpreter::output(size_t) { return &outT; }
size_t MicroInterpreter::arena_used_bytes() const { return 1234; }
}
int main()
{
    setup();
    printf("INPUT");
    for (int i = 0; i < 784; ++i)
        if (STUB_INT8) printf(" %d", tflite::in8[i]); else printf(" %.9g", (double)tflite::inF[i]);
    printf("\n");
    return 0;
}
)";

/// Runs a program; its standard output, or nothing when it fails (the reason is logged).
std::optional<QByteArray> run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << program << args.join(' ') << "\n" << p.readAllStandardError();
        return std::nullopt;
    }
    return p.readAllStandardOutput();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// Every 0x.. byte of the C array, in order.
std::vector<std::uint8_t> arrayBytes(const std::string &header)
{
    std::vector<std::uint8_t> out;
    static const QRegularExpression hex(QStringLiteral("0x([0-9a-f]{2})"));
    auto it = hex.globalMatch(QString::fromStdString(header));
    while (it.hasNext())
        out.push_back(std::uint8_t(it.next().captured(1).toUInt(nullptr, 16)));
    return out;
}

} // namespace

class TestTflmSketch : public QObject
{
    Q_OBJECT

private slots:
    void sketch_data()
    {
        QTest::addColumn<QString>("layers");
        QTest::addColumn<bool>("int8");
        QTest::addColumn<int>("activationBytes");
        // Activations by hand: the largest input + output of one operator, each rounded up to 16.
        // 784 int8 in, 16 out: 784 + 16 = 800 (the 16 → 10 pair is 16 + 16).
        QTest::newRow("dense int8")
            << "Dense(16, activation=relu), Dense(10, activation=softmax)" << true << 800;
        // float32: 3,136 + 64 = 3,200; LOGISTIC is its own operator (64 + 64).
        QTest::newRow("dense float sigmoid")
            << "Dense(16, activation=sigmoid), Dense(10, activation=softmax)" << false << 3200;
        // int8: 784 in, 26·26·4 = 2,704 out of the convolution: 3,488.
        QTest::newRow("cnn int8")
            << "Conv2D(4, 3, activation=relu), MaxPooling2D(2), DepthwiseConv2D(3), "
               "AveragePooling2D(2), Flatten(), Dense(10, activation=softmax)"
            << true << 3488;
        // int8: the convolution's 784 + 26·26·2 = 1,352 (1,360 aligned) is less than RESHAPE's
        // 2 × 1,360 = 2,720 (TFLM copies a RESHAPE's input into its own output).
        QTest::newRow("conv, flatten int8")
            << "Conv2D(2, 3), Flatten(), Dense(10, activation=softmax)" << true << 2720;
        // float32: 3,136 + 10,816 = 13,952; TANH's pair is 2 × 10,816.
        QTest::newRow("cnn float tanh")
            << "Conv2D(4, 3, activation=tanh), MaxPooling2D(2), Flatten(), "
               "Dense(10, activation=softmax)"
            << false << 21632;
    }
    void sketch()
    {
        QFETCH(QString, layers);
        QFETCH(bool, int8);
        QFETCH(int, activationBytes);
        const ModelSpec spec = modelFromLayers(parseLayers(layers.toStdString()));
        Network net(spec);
        net.initialize(3);
        const Dataset digits = tinyml::test::syntheticDigits(40, 9);
        TfliteSummary summary;
        const std::vector<std::uint8_t> bytes
            = int8 ? writeTfliteInt8(quantize(net, digits, 40), &summary)
                   : writeTfliteFloat(net, &summary);
        const TflmSketch s
            = generateTflmSketch(bytes, summary.operators, summary.tensors, spec, digits,
                                 {.prefix = "mnist", .int8 = int8, .testDigits = 3});

        // The resolver's calls: one per builtin operator of the file.
        QStringList expected;
        for (int code : operatorCodesOf(bytes)) {
            QVERIFY2(resolverMethods().count(code), qPrintable(QString::number(code)));
            expected << resolverMethods().at(code);
        }
        QStringList inSketch;
        static const QRegularExpression call(QStringLiteral("resolver\\.(Add\\w+)\\(\\);"));
        for (auto it = call.globalMatch(QString::fromStdString(s.sketch)); it.hasNext();)
            inSketch << it.next().captured(1);
        QStringList sortedSketch = inSketch;
        sortedSketch.sort();
        expected.sort();
        QCOMPARE(sortedSketch, expected);
        QVERIFY(QString::fromStdString(s.sketch).contains(
            QStringLiteral("MicroMutableOpResolver<%1> resolver;").arg(expected.size())));

        // The array: the file's bytes, aligned to 16, with its length.
        QCOMPARE(arrayBytes(s.dataHeader), bytes);
        QVERIFY(QString::fromStdString(s.dataHeader)
                    .contains(QStringLiteral(
                        "alignas(16) const unsigned char mnist_model_tflite[] = {")));
        QVERIFY(QString::fromStdString(s.dataHeader)
                    .contains(QStringLiteral("mnist_model_tflite_len = %1;").arg(bytes.size())));

        // The arena: the activations by hand, plus the margin the sketch states.
        QCOMPARE(s.activationBytes, std::int64_t(activationBytes));
        QVERIFY(s.arenaBytes >= s.activationBytes + 2048);
        QCOMPARE(s.arenaBytes % 1024, std::int64_t(0));
        QVERIFY(QString::fromStdString(s.sketch).contains(
            QStringLiteral("kTensorArenaSize = %1;").arg(s.arenaBytes)));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        saveTflmSketch(s, std::filesystem::path(dir.path().toStdString()) / "sketch");
        const QString sketchDir = dir.filePath("sketch");
        const QString stub = dir.filePath("stub");
        for (const auto &[name, text] : stubFiles())
            QVERIFY(writeFile(stub + "/" + name, text));
        const QString ino = sketchDir + "/" + QString::fromStdString(s.sketchName);
        QVERIFY(QFile::exists(sketchDir + "/" + QString::fromStdString(s.dataHeaderName)));

        // Cortex-M4, compile only (no TFLM library to link).
        QVERIFY2(!QStandardPaths::findExecutable("arm-none-eabi-g++").isEmpty(),
                 "arm-none-eabi-g++ is missing (scripts/install-deps.sh test installs it)");
        QVERIFY(run("arm-none-eabi-g++", {"-std=c++17",
                                          "-mcpu=cortex-m4",
                                          "-mthumb",
                                          "-mfloat-abi=hard",
                                          "-mfpu=fpv4-sp-d16",
                                          "-Os",
                                          "-Wall",
                                          "-Wextra",
                                          "-Werror",
                                          "-fno-exceptions",
                                          "-fno-rtti",
                                          "-I",
                                          stub,
                                          "-I",
                                          sketchDir,
                                          "-x",
                                          "c++",
                                          "-c",
                                          ino,
                                          "-o",
                                          dir.filePath("sketch-m4.o")})
                    .has_value());

        // Host: the stub records the resolver and holds the tensors.
        const auto [inScale, inZero] = ioQuantization(bytes, false);
        QVERIFY(writeFile(dir.filePath("harness.cpp"), kHarness));
        QVERIFY(run("c++", {"-std=c++17", "-Wall", "-Wextra", "-Werror", "-I", stub, "-I",
                            sketchDir, QStringLiteral("-DSTUB_INT8=%1").arg(int8 ? 1 : 0),
                            QStringLiteral("-DSTUB_IN_SCALE=%1").arg(double(inScale), 0, 'g', 9),
                            QStringLiteral("-DSTUB_IN_ZP=%1").arg(inZero), "-x", "c++", ino,
                            dir.filePath("harness.cpp"), "-o", dir.filePath("host")})
                    .has_value());
        const auto out = run(dir.filePath("host"), {});
        QVERIFY(out.has_value());
        const QStringList lines = QString::fromUtf8(*out).split('\n');
        QStringList added;
        for (const QString &line : lines)
            if (line.startsWith("ADD ")) {
                const QStringList parts = line.split(' ');
                added << parts[1];
                QCOMPARE(parts[2].toInt(), int(expected.size())); // the template argument N
            }
        QCOMPARE(added, inSketch); // called once each, in the sketch's order
        QVERIFY(QSet<QString>(added.begin(), added.end()).size() == added.size());
        // Each test digit: class 7 from the output tensor, with its label.
        for (int v = 0; v < 3; ++v)
            QVERIFY2(
                lines.contains(
                    QStringLiteral("test digit: class 7, label %1, 0 us; scores %2")
                        .arg(int(digits.labels[std::size_t(v)]))
                        .arg(int8 ? "0.031 0.031 0.031 0.031 0.031 0.031 0.031 0.891 0.031 0.031"
                                  : "0.010 0.010 0.010 0.010 0.010 0.010 0.010 0.900 0.010 0.010")),
                qPrintable(lines.join('\n')));
        // The last digit in the input tensor: int8 with the file's scale 1/255 and zero point
        // −128 is pixel − 128; float32 is pixel / 255.
        const QString inputLine = lines.filter(QRegularExpression("^INPUT ")).value(0);
        const QStringList values = inputLine.mid(6).split(' ');
        QCOMPARE(values.size(), 784);
        const std::uint8_t *pixels = digits.image(2);
        for (int i = 0; i < 784; ++i) {
            if (int8)
                QCOMPARE(values[i].toInt(), int(pixels[i]) - 128);
            else
                QCOMPARE(values[i].toFloat(), float(pixels[i]) / 255.0f);
        }
    }

    /// tinyml export --format arduino-tflm on the embedded model, float32 (no data needed with
    /// --test-vectors 0): the sketch folder, and the array holds the bytes of --format tflite.
    void cli()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess tflite;
        tflite.start(qEnvironmentVariable("TINYML_CLI"),
                     {"export", "--format", "tflite", "--out", dir.path()});
        QVERIFY(tflite.waitForFinished(-1));
        QVERIFY2(tflite.exitCode() == 0, tflite.readAllStandardError().constData());
        QFile f(dir.filePath("model.tflite"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray model = f.readAll();
        const std::vector<std::uint8_t> bytes(model.begin(), model.end());

        QProcess p;
        p.start(qEnvironmentVariable("TINYML_CLI"),
                {"export", "--format", "arduino-tflm", "--prefix", "digits", "--test-vectors", "0",
                 "--out", dir.path(), "--json"});
        QVERIFY(p.waitForFinished(-1));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QByteArray json = p.readAllStandardOutput();
        QVERIFY2(json.contains("\"resolver\": [\"FullyConnected\", \"Softmax\"]"),
                 json.constData());
        QVERIFY(json.contains(QStringLiteral("\"tflite_bytes\": %1").arg(model.size()).toUtf8()));
        QFile header(dir.filePath("digits_tflm/digits_model_data.h"));
        QVERIFY(header.open(QIODevice::ReadOnly));
        QCOMPARE(arrayBytes(header.readAll().toStdString()), bytes);
        QFile ino(dir.filePath("digits_tflm/digits_tflm.ino"));
        QVERIFY(ino.open(QIODevice::ReadOnly));
        const QByteArray sketch = ino.readAll();
        QVERIFY(sketch.contains("MicroMutableOpResolver<2> resolver;"));
        QVERIFY(!sketch.contains("test_digits")); // --test-vectors 0
    }
};

QTEST_GUILESS_MAIN(TestTflmSketch)
#include "tst_tflmsketch.moc"
