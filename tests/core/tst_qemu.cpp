// SPDX-License-Identifier: GPL-3.0-or-later
// The exported C on an emulated Cortex-M4 (label "mnist"; docs/facts.md §15): the embedded
// course model and small CNN, float32 and int8, are exported, cross-compiled with Debian's
// arm-none-eabi-gcc for a Cortex-M4 with its FPU (-Os, as a sketch is built) and linked into a
// bare-metal program for QEMU's mps2-an386 board. The program reads MNIST test images and
// writes its answers through semihosting. On the first 1,000 test images (built at -O3, the
// fastest to emulate) the emulated M4 must give the engine's answer (float32: the class, and
// scores within 1e-5; int8: class and scores bit-identical) and exactly the host build's
// bytes; on the first 100 the same at -Os, whose instructions per inference are counted with
// SysTick under QEMU's -icount (one nanosecond of virtual time per instruction). The test
// checks that count on loops whose instruction counts are known, and prints the figures.
// scripts/m4-instructions.sh sets TINYML_M4_OPT (another optimization level than -Os) and
// TINYML_M4_IMAGES (fewer images) to print the figures for other builds.
#include "core/deploy/codegen.h"
#include "core/io/fileio.h"
#include "core/io/modelfile.h"
#include "core/nn/trainer.h"
#include "exportharness.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>

using namespace tinyml::core;
using tinyml::test::runChecked;
using tinyml::test::writeText;
Q_DECLARE_METATYPE(tinyml::core::Precision)

namespace {

/// The bare-metal program: vector table, reset handler (FPU on, .data copied, .bss zeroed),
/// semihosting (docs/facts.md §15), SysTick. Reads the first MAX_IMAGES images of images.idx,
/// writes m4.out: a header of six uint32 (magic, self-test failures, image count, SysTick
/// ticks of the two calibration loops
/// and of an empty measurement), per image the class (1 byte) and the scores (10 floats, or 10
/// int8 with INT8 defined), then four uint32: the ticks of all inferences (64 bits, low word
/// first), the fewest and the most of one inference.
const char *kProgram = R"(#include <stddef.h>
#include <stdint.h>
#include "model.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int main(void);

/* A semihosting call: the debugger (QEMU) carries out operation op with the argument block. */
static int semihost(int op, const void *arg)
{
    register int r0 __asm("r0") = op;
    register const void *r1 __asm("r1") = arg;
    __asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static void stop(int ok)
{
    /* SYS_EXIT: ADP_Stopped_ApplicationExit ends QEMU with 0, a run-time error with 1. */
    semihost(0x18, (const void *)(ok ? 0x20026u : 0x20023u));
    for (;;) {
    }
}

void reset_handler(void)
{
    uint32_t *src = &_sidata, *dst = &_sdata;
    /* CPACR: full access to coprocessors 10 and 11, the FPU, before any float instruction. */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm volatile("dsb\n\tisb" ::: "memory");
    while (dst < &_edata)
        *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss;)
        *dst++ = 0;
    stop(main() == 0);
}

void fault_handler(void)
{
    semihost(0x04, "fault\n"); /* SYS_WRITE0 */
    stop(0);
}

__attribute__((section(".vectors"), used)) void *const vectors[16] = {
    &_estack, (void *)reset_handler, (void *)fault_handler, (void *)fault_handler,
    (void *)fault_handler, (void *)fault_handler, (void *)fault_handler};

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

/* SysTick counts down from 2^24 - 1 and wraps. */
static uint32_t ticks(uint32_t from, uint32_t to)
{
    return (from - to) & 0xFFFFFFu;
}

/* 2 instructions per round: subs, bne. */
__attribute__((noinline)) static uint32_t loopOfTwo(uint32_t rounds)
{
    uint32_t t0, t1;
    t0 = SYST_CVR;
    __asm volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(rounds) : : "cc");
    t1 = SYST_CVR;
    return ticks(t0, t1);
}

/* 10 instructions per round: eight adds, subs, bne. */
__attribute__((noinline)) static uint32_t loopOfTen(uint32_t rounds)
{
    uint32_t t0, t1, a = 0;
    t0 = SYST_CVR;
    __asm volatile("1: adds %1, %1, #1\n\tadds %1, %1, #2\n\tadds %1, %1, #3\n\t"
                   "adds %1, %1, #4\n\tadds %1, %1, #5\n\tadds %1, %1, #6\n\t"
                   "adds %1, %1, #7\n\tadds %1, %1, #8\n\tsubs %0, %0, #1\n\tbne 1b"
                   : "+r"(rounds), "+r"(a) : : "cc");
    t1 = SYST_CVR;
    return ticks(t0, t1);
}

static int openFile(const char *name, uint32_t mode)
{
    uint32_t block[3];
    uint32_t length = 0;
    while (name[length])
        ++length;
    block[0] = (uint32_t)name;
    block[1] = mode; /* 1 = "rb", 5 = "wb" */
    block[2] = length;
    return semihost(0x01, block);
}

/* SYS_READ and SYS_WRITE return the number of bytes not transferred. */
static int readAll(int handle, void *buffer, uint32_t n)
{
    uint32_t block[3];
    block[0] = (uint32_t)handle;
    block[1] = (uint32_t)buffer;
    block[2] = n;
    return semihost(0x06, block) == 0;
}

static int writeAll(int handle, const void *buffer, uint32_t n)
{
    uint32_t block[3];
    block[0] = (uint32_t)handle;
    block[1] = (uint32_t)buffer;
    block[2] = n;
    return semihost(0x05, block) == 0;
}

static void closeFile(int handle)
{
    uint32_t block[1];
    block[0] = (uint32_t)handle;
    semihost(0x02, block);
}

static uint8_t header[16], pixels[784];
#ifdef INT8
static int8_t x[784], s[10];
#define RECORD 11
#else
static float x[784], s[10];
#define RECORD 41
#endif
static uint8_t record[RECORD];

int main(void)
{
    uint32_t head[6], tail[4], n, k, i, t0, t1, d, lo = 0xFFFFFFFFu, hi = 0;
    uint64_t total = 0;
    int in, out;
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 5; /* enabled, on the processor clock, no interrupt */
    in = openFile("images.idx", 1);
    out = openFile("m4.out", 5);
    if (in < 0 || out < 0 || !readAll(in, header, 16))
        return 1;
    n = (uint32_t)header[4] << 24 | (uint32_t)header[5] << 16 | (uint32_t)header[6] << 8 | header[7];
    n = n < MAX_IMAGES ? n : MAX_IMAGES;
    head[0] = 0x344d4c54u;
    head[1] = (uint32_t)PREFIX_self_test();
    head[2] = n;
    head[3] = loopOfTwo(1000000u);
    head[4] = loopOfTen(100000u);
    t0 = SYST_CVR;
    t1 = SYST_CVR;
    head[5] = ticks(t0, t1);
    if (!writeAll(out, head, sizeof head))
        return 1;
    for (k = 0; k < n; ++k) {
        int c;
        if (!readAll(in, pixels, 784))
            return 1;
#ifdef INT8
        for (i = 0; i < 784; ++i)
            x[i] = (int8_t)((int)pixels[i] - 128);
        t0 = SYST_CVR;
        c = PREFIX_predict_int8(x, s);
        t1 = SYST_CVR;
        for (i = 0; i < 10; ++i)
            record[1 + i] = (uint8_t)s[i];
#else
        for (i = 0; i < 784; ++i)
            x[i] = (float)pixels[i] / 255.0f;
        t0 = SYST_CVR;
        c = PREFIX_predict(x, s);
        t1 = SYST_CVR;
        for (i = 0; i < 40; ++i)
            record[1 + i] = ((const uint8_t *)s)[i];
#endif
        d = ticks(t0, t1);
        total += d;
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
        record[0] = (uint8_t)c;
        if (!writeAll(out, record, RECORD))
            return 1;
    }
    tail[0] = (uint32_t)total;
    tail[1] = (uint32_t)(total >> 32);
    tail[2] = lo;
    tail[3] = hi;
    if (!writeAll(out, tail, sizeof tail))
        return 1;
    closeFile(in);
    closeFile(out);
    return 0;
}
)";

/// The AN386 memory map as QEMU models it (docs/facts.md §15): code and constants in the 4 MB
/// of ZBT SSRAM1 at 0, where the vector table must be; data, bss and the stack in the 4 MB of
/// ZBT SSRAM2/3 at 0x20000000.
const char *kLinkerScript = R"(MEMORY
{
  FLASH (rx) : ORIGIN = 0x00000000, LENGTH = 4M
  RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 4M
}
ENTRY(reset_handler)
SECTIONS
{
  .text : { KEEP(*(.vectors)) *(.text*) *(.rodata*) . = ALIGN(4); } > FLASH
  .ARM.exidx : { *(.ARM.exidx*) } > FLASH
  .data : { _sdata = .; *(.data*) . = ALIGN(4); _edata = .; } > RAM AT > FLASH
  _sidata = LOADADDR(.data);
  .bss (NOLOAD) : { _sbss = .; *(.bss*) *(COMMON) . = ALIGN(4); _ebss = .; } > RAM
  _estack = ORIGIN(RAM) + LENGTH(RAM);
}
)";

/// QEMU's mps2 boards clock SysTick's processor clock source at 25 MHz, and -icount shift=0
/// advances the virtual clock by 1 ns per instruction: one tick is 40 instructions.
constexpr double kInstructionsPerTick = 40.0;
constexpr double kLoopOfTwo = 2.0 * 1000000, kLoopOfTen = 10.0 * 100000;

std::uint32_t word(const char *at)
{
    std::uint32_t v;
    std::memcpy(&v, at, 4);
    return v;
}

/// The first count images of data as an IDX image file.
void writeImages(const QString &path, const Dataset &data, std::uint32_t count)
{
    std::vector<std::uint8_t> bytes{0, 0, 8, 3};
    for (std::uint32_t v : {count, std::uint32_t(data.rows), std::uint32_t(data.cols)})
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(std::uint8_t(v >> shift));
    bytes.insert(bytes.end(), data.image(0), data.image(0) + std::size_t(count) * data.pixels());
    writeFileAtomically(path.toStdString(), bytes);
}

/// Builds the program (m4.c beside the generated model.c in dir) at an optimization level for
/// the Cortex-M4 with its single-precision FPU, as the boards of docs/facts.md §9 are built,
/// runs it on QEMU on at most maxImages images and returns what it wrote, or nothing when a
/// step failed. elapsedMs: QEMU's wall time.
std::optional<QByteArray>
runOnCortexM4(const QString &dir, const QString &level, bool int8, int maxImages, qint64 *elapsedMs)
{
    const QStringList m4{"-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16",
                         level};
    const QStringList strict{"-std=c99", "-Wall", "-Wextra", "-Werror"};
    QStringList program
        = m4 + strict
          + QStringList{"-DMAX_IMAGES=" + QString::number(maxImages), "-c", "m4.c", "-o", "m4.o"};
    if (int8)
        program << "-DINT8";
    if (!runChecked("arm-none-eabi-gcc",
                    m4 + strict + QStringList{"-pedantic", "-c", "model.c", "-o", "model.o"}, dir)
        || !runChecked("arm-none-eabi-gcc", program, dir)
        || !runChecked("arm-none-eabi-gcc",
                       m4
                           + QStringList{"m4.o", "model.o", "-nostartfiles", "--specs=nano.specs",
                                         "--specs=nosys.specs", "-T", "link.ld", "-o", "m4.elf"},
                       dir))
        return std::nullopt;
    QFile::remove(dir + "/m4.out");
    QElapsedTimer clock;
    clock.start();
    if (!runChecked("qemu-system-arm",
                    {"-M", "mps2-an386", "-nographic", "-monitor", "none", "-serial", "none",
                     "-semihosting-config", "enable=on,target=native", "-icount", "shift=0",
                     "-kernel", "m4.elf"},
                    dir))
        return std::nullopt;
    *elapsedMs = clock.elapsed();
    QFile file(dir + "/m4.out");
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

/// What is wrong with the program's output for images images of record bytes each, or
/// nothing: its header, the self-test, the instruction counter on the two loops of known
/// length (within the tick of 40 instructions at either end) and on nothing, and every record
/// against the host build's (whose records are hostRecord bytes long; the int8 ones go on with
/// the float entry point's answer, which the M4 program does not write).
QString
checkRun(const QByteArray &out, int images, int record, const char *hostRecords, int hostRecord)
{
    if (out.size() != 24 + images * record + 16)
        return QStringLiteral("%1 bytes written").arg(out.size());
    const char *head = out.constData();
    if (word(head) != 0x344d4c54u || word(head + 8) != std::uint32_t(images))
        return QStringLiteral("a wrong header");
    if (word(head + 4) != 0)
        return QStringLiteral("the self-test failed %1 times on the M4").arg(word(head + 4));
    const double two = word(head + 12) * kInstructionsPerTick;
    const double ten = word(head + 16) * kInstructionsPerTick;
    if (std::abs(two - kLoopOfTwo) > 2 * kInstructionsPerTick
        || std::abs(ten - kLoopOfTen) > 2 * kInstructionsPerTick || word(head + 20) > 1)
        return QStringLiteral("loops of 2,000,000 and 1,000,000 instructions counted as %1 and "
                              "%2, nothing as %3 ticks")
            .arg(two)
            .arg(ten)
            .arg(word(head + 20));
    for (int i = 0; i < images; ++i)
        if (std::memcmp(head + 24 + i * record, hostRecords + i * hostRecord, record) != 0)
            return QStringLiteral("image %1 differs from the host build").arg(i);
    return {};
}

} // namespace

class TestQemu : public QObject
{
    Q_OBJECT

    Dataset m_train, m_test;
    /// Instructions per inference by row name, for the int8 / float32 ratios.
    std::map<QString, double> m_instructions;

private slots:
    void initTestCase()
    {
        for (const char *tool : {"qemu-system-arm", "arm-none-eabi-gcc"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed (Debian's qemu-system-arm "
                                                "and gcc-arm-none-eabi; scripts/install-deps.sh "
                                                "test installs them)")
                                     .arg(QString::fromLatin1(tool))));
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
    }

    void cortexM4AgreesWithTheEngine_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<Precision>("precision");
        QTest::newRow("dense float32") << "default" << Precision::Float32;
        QTest::newRow("dense int8") << "default" << Precision::Int8;
        QTest::newRow("cnn float32") << "small-cnn" << Precision::Float32;
        QTest::newRow("cnn int8") << "small-cnn" << Precision::Int8;
    }
    void cortexM4AgreesWithTheEngine()
    {
        QFETCH(QString, model);
        QFETCH(Precision, precision);
        const QString level = qEnvironmentVariable("TINYML_M4_OPT", QStringLiteral("-Os"));
        QVERIFY2(QRegularExpression(QStringLiteral("^-O[0-3sz]$")).match(level).hasMatch(),
                 "TINYML_M4_OPT: -O0, -O1, -O2, -O3, -Os or -Oz");
        // All images on a build at -O3, which executes the fewest instructions (the int8 CNN
        // 4.5 million against 16.3 million at -Os; 1,000 images at -Os took 34 s of QEMU's time
        // under load); the first 100 of them also on the build at the level whose instructions
        // are counted.
        int images = 1000;
        if (qEnvironmentVariableIsSet("TINYML_M4_IMAGES"))
            images = std::clamp(qEnvironmentVariableIntValue("TINYML_M4_IMAGES"), 20, images);
        const int counted = std::min(images, 100);
        const bool int8 = precision == Precision::Int8;
        const LoadedModel loaded
            = loadModel(qEnvironmentVariable("TINYML_SOURCE_DIR").toStdString()
                        + "/resources/models/" + model.toStdString() + ".tmlm");
        const Network &net = loaded.network;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ExportOptions options;
        options.precision = precision;
        options.baseName = "model";
        const GeneratedCode g = generateCode(net, options, m_test, m_train);
        writeText(dir.filePath("model.h"), g.header);
        writeText(dir.filePath("model.c"), g.source);
        std::string program = kProgram;
        for (std::size_t at = program.find("PREFIX_"); at != std::string::npos;
             at = program.find("PREFIX_", at))
            program.replace(at, 6, g.prefix);
        writeText(dir.filePath("m4.c"), program);
        writeText(dir.filePath("link.ld"), kLinkerScript);
        writeText(dir.filePath("host.c"), tinyml::test::exportHarness(g.prefix));
        writeImages(dir.filePath("images.idx"), m_test, std::uint32_t(images));

        // The host build of the same C, as tst_export and tst_convexport run it.
        QVERIFY(runChecked("cc",
                           QStringList{"-std=c99", "-O2", "host.c", "model.c", "-o", "host"}
                               + (int8 ? QStringList{"-DINT8"} : QStringList{}),
                           dir.path())
                    .has_value());
        const QByteArray host
            = runChecked(dir.filePath("host"), {"images.idx", QString::number(images)}, dir.path())
                  .value_or(QByteArray());
        const int newline = host.indexOf('\n');
        QVERIFY(newline > 0);
        QCOMPARE(host.left(newline), QByteArray("0"));
        const int record = int8 ? 11 : 41, hostRecord = int8 ? 11 + 41 : 41;
        QCOMPARE(host.size() - newline - 1, images * hostRecord);
        const char *hostRecords = host.constData() + newline + 1;

        qint64 fastMs = 0, countedMs = 0;
        const QByteArray fast
            = runOnCortexM4(dir.path(), "-O3", int8, images, &fastMs).value_or(QByteArray());
        QString wrong = checkRun(fast, images, record, hostRecords, hostRecord);
        QVERIFY2(wrong.isEmpty(), qPrintable("-O3: " + wrong));
        const QByteArray out
            = runOnCortexM4(dir.path(), level, int8, counted, &countedMs).value_or(QByteArray());
        wrong = checkRun(out, counted, record, hostRecords, hostRecord);
        QVERIFY2(wrong.isEmpty(), qPrintable(level + ": " + wrong));
        const char *m4Records = fast.constData() + 24;

        // The engine's answers.
        int correct = 0;
        if (!int8) {
            constexpr int kChunk = 250;
            Workspace ws(net.spec(), kChunk);
            AlignedFloats x(784 * kChunk);
            std::vector<std::uint32_t> idx(kChunk);
            double worst = 0.0;
            for (int start = 0; start < images; start += kChunk) {
                const int count = std::min(kChunk, images - start);
                idx.resize(std::size_t(count));
                for (int k = 0; k < count; ++k)
                    idx[std::size_t(k)] = std::uint32_t(start + k);
                MatrixMap X(x.data(), 784, count);
                fillBatch(m_test, idx, X, nullptr);
                const auto probs = net.forward(X, ws);
                for (int k = 0; k < count; ++k) {
                    const char *r = m4Records + std::size_t(start + k) * std::size_t(record);
                    float scores[10];
                    std::memcpy(scores, r + 1, sizeof scores);
                    Eigen::Index best;
                    probs.col(k).maxCoeff(&best);
                    QCOMPARE(int(static_cast<unsigned char>(r[0])), int(best));
                    correct += best == m_test.labels[std::size_t(start + k)];
                    for (int c = 0; c < 10; ++c)
                        worst = std::max(worst, double(std::abs(scores[c] - probs(c, k))));
                }
            }
            qInfo("%s float32 on the M4: largest score difference to the engine over %d images: "
                  "%.2e",
                  qPrintable(model), images, worst);
            QVERIFY(worst <= 1e-5);
        } else {
            Int8Runner runner(*g.quantized);
            std::int8_t input[784], logits[10], probs[10];
            for (int i = 0; i < images; ++i) {
                for (int p = 0; p < 784; ++p)
                    input[p] = std::int8_t(int(m_test.image(std::size_t(i))[p]) - 128);
                const int best = runner.run(input, logits, probs);
                const char *r = m4Records + std::size_t(i) * std::size_t(record);
                QCOMPARE(int(static_cast<unsigned char>(r[0])), best);
                QVERIFY(std::memcmp(r + 1, probs, 10) == 0); // bit-identical
                correct += best == m_test.labels[std::size_t(i)];
            }
        }
        // A real model, so agreement means something.
        QVERIFY(correct >= images * 9 / 10);

        const char *tail = out.constData() + 24 + std::size_t(counted) * std::size_t(record);
        const double total = double(word(tail)) + 4294967296.0 * double(word(tail + 4));
        const double perInference = total * kInstructionsPerTick / counted;
        m_instructions[QString::fromLatin1(QTest::currentDataTag())] = perInference;
        qInfo("%s on the emulated Cortex-M4 (%s): %.0f instructions per inference (one "
              "inference %.0f to %.0f, ±40; over %d images, %.1f s in QEMU); %d of %d correct "
              "(-O3, %.1f s in QEMU)",
              QTest::currentDataTag(), qPrintable(level), perInference,
              word(tail + 8) * kInstructionsPerTick, word(tail + 12) * kInstructionsPerTick,
              counted, countedMs / 1000.0, correct, images, fastMs / 1000.0);
    }

    void cleanupTestCase()
    {
        for (const char *model : {"dense", "cnn"}) {
            const auto f = m_instructions.find(QStringLiteral("%1 float32").arg(model));
            const auto i = m_instructions.find(QStringLiteral("%1 int8").arg(model));
            if (f != m_instructions.end() && i != m_instructions.end())
                qInfo("%s: int8 / float32 instructions per inference on the M4: %.3f", model,
                      i->second / f->second);
        }
    }
};

QTEST_GUILESS_MAIN(TestQemu)
#include "tst_qemu.moc"
