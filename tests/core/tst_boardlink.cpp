// SPDX-License-Identifier: GPL-3.0-or-later
// The board verdict against the linker (docs/facts.md §9). For every board with a Debian
// toolchain, a complete program around the generated code (start-up code, a main that fills
// the input buffer, runs the inference and the self-test and writes the class to a volatile,
// and the inference call's stack as a reserved block measured with -fstack-usage) is compiled
// and linked with the board's Flash and RAM as the memory regions. The studio's verdict must
// say "fits" exactly when it links, for the course model, a 784-16-10 model and the small CNN,
// each float32 and int8; and its Flash and RAM must be within 10 % of what the linker placed
// (measured by a second link with unlimited regions, so models that do not fit are measured
// too). AVR code keeps its arrays in PROGMEM.
#include "core/deploy/codegen.h"
#include "core/nn/layersyntax.h"
#include "exportharness.h"
#include "testsupport.h"
#include "toolrun.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace tinyml;
using namespace tinyml::core;
using tinyml::test::runInFolder;
using tinyml::test::ToolRun;
using tinyml::test::writeText;
Q_DECLARE_METATYPE(tinyml::core::Precision)

namespace {

/// The program: fills the input as a sketch would, runs one inference and the self-test.
const char *kMain = R"(#include "gen_model.h"
volatile int tinyml_class, tinyml_failures;
#ifdef INT8
static int8_t input[GEN_INPUT_SIZE];
static int8_t scores[GEN_OUTPUT_SIZE];
#define FROM_PIXEL(v) ((int8_t)((int)(v) - 128))
#define PREDICT gen_predict_int8
#else
static float input[GEN_INPUT_SIZE];
static float scores[GEN_OUTPUT_SIZE];
#define FROM_PIXEL(v) ((float)(v) / 255.0f)
#define PREDICT gen_predict
#endif
int main(void)
{
    size_t i;
    for (i = 0; i < GEN_INPUT_SIZE; ++i)
        input[i] = FROM_PIXEL(i % 256u);
    tinyml_class = PREDICT(input, scores);
    tinyml_failures = gen_self_test();
    for (;;) {
    }
}
)";

/// Cortex-M start-up: the vector table (stack top, reset), .data copied, .bss zeroed.
const char *kStartup = R"(#include <stdint.h>
extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int main(void);
void reset_handler(void)
{
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata)
        *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss;)
        *dst++ = 0;
    main();
    for (;;) {
    }
}
__attribute__((section(".vectors"), used)) void *const vectors[2] = {&_estack, (void *)reset_handler};
)";

/// A Cortex-M linker script with the board's Flash and RAM.
QString armLinkerScript(qint64 flash, qint64 ram)
{
    return QStringLiteral(
               "MEMORY\n{\n  FLASH (rx) : ORIGIN = 0x00000000, LENGTH = %1\n"
               "  RAM (rwx) : ORIGIN = 0x20000000, LENGTH = %2\n}\n"
               "ENTRY(reset_handler)\nSECTIONS\n{\n"
               "  .text : { KEEP(*(.vectors)) *(.text*) *(.rodata*) . = ALIGN(4); } > FLASH\n"
               "  .ARM.exidx : { *(.ARM.exidx*) } > FLASH\n"
               "  .data : { _sdata = .; *(.data*) . = ALIGN(4); _edata = .; } > RAM AT > FLASH\n"
               "  _sidata = LOADADDR(.data);\n"
               "  .bss (NOLOAD) : { _sbss = .; *(.bss*) *(COMMON) . = ALIGN(4); _ebss = .; } > "
               "RAM\n"
               "  _estack = ORIGIN(RAM) + LENGTH(RAM);\n}\n")
        .arg(flash)
        .arg(ram);
}

/// Bytes of stack found in a -fstack-usage file, and its function count.
std::pair<qint64, int> stackUsage(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {0, 0};
    qint64 bytes = 0;
    int functions = 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> cols = line.split('\t');
        if (cols.size() < 2)
            continue;
        bytes += cols[1].toLongLong();
        ++functions;
    }
    return {bytes, functions};
}

/// One program built for a board: whether it compiled and linked, and what the linker placed.
struct Linked
{
    bool compiled = false;
    bool linked = false;
    QString log;
    qint64 flash = 0; ///< text (with rodata and PROGMEM) + data
    qint64 ram = 0;   ///< data + bss, the reserved stack included
    qint64 stack = 0;
};

/// Builds the program for board with the given memory regions in dir.
Linked
build(const Board &board, const GeneratedCode &g, const QString &dir, qint64 flash, qint64 ram)
{
    Linked result;
    QDir().mkpath(dir);
    writeText(dir + "/gen_model.h", g.header);
    writeText(dir + "/gen_model.c", g.source);
    writeText(dir + "/main.c", kMain);
    QStringList toolchain = QString::fromStdString(board.toolchain).split(' ', Qt::SkipEmptyParts);
    const QString cc = toolchain.takeFirst();
    const bool avr = board.arch == Arch::Avr;
    QStringList flags = toolchain;
    flags << "-std=c99"
          << "-Os"
          << "-fstack-usage";
    if (g.quantized)
        flags << "-DINT8";
    for (const QString &unit : {QStringLiteral("gen_model"), QStringLiteral("main")}) {
        const ToolRun r
            = runInFolder(cc, flags + QStringList{"-c", unit + ".c", "-o", unit + ".o"}, dir);
        if (!r.ok) {
            result.log = r.log;
            return result;
        }
    }
    result.compiled = true;
    // The stack rule (docs/facts.md §9): every function of the model and main counted once (no
    // recursion, so their sum bounds the deepest call chain), plus a return address per
    // function on AVR (2 bytes, 3 on the ATmega2560, whose -fstack-usage omits it; Cortex-M
    // pushes lr inside the frame), plus 32 bytes for libgcc's helpers.
    const auto [modelStack, modelFunctions] = stackUsage(dir + "/gen_model.su");
    const auto [mainStack, mainFunctions] = stackUsage(dir + "/main.su");
    const int returnAddress
        = avr ? (board.toolchain.find("atmega2560") != std::string::npos ? 3 : 2) : 0;
    result.stack = modelStack + mainStack + returnAddress * (modelFunctions + mainFunctions) + 32;
    writeText(dir + "/stack.c",
              "unsigned char tinyml_stack_reserve[" + std::to_string(result.stack) + "];\n");
    if (!runInFolder(cc, flags + QStringList{"-c", "stack.c", "-o", "stack.o"}, dir).ok)
        return result;
    QStringList link = toolchain;
    link << "gen_model.o"
         << "main.o"
         << "stack.o"
         << "-o"
         << "program.elf";
    if (avr) {
        const QString dataStart
            = board.toolchain.find("atmega2560") != std::string::npos ? "0x800200" : "0x800100";
        link << QStringLiteral(
                    "-Wl,--defsym=__TEXT_REGION_LENGTH__=%1,--defsym=__DATA_REGION_ORIGIN__=%2,"
                    "--defsym=__DATA_REGION_LENGTH__=%3")
                    .arg(flash)
                    .arg(dataStart)
                    .arg(ram);
    } else {
        writeText(dir + "/startup.c", kStartup);
        if (!runInFolder(cc, flags + QStringList{"-c", "startup.c", "-o", "startup.o"}, dir).ok)
            return result;
        writeText(dir + "/link.ld", armLinkerScript(flash, ram).toStdString());
        link << "startup.o"
             << "-nostartfiles"
             << "--specs=nano.specs"
             << "-T"
             << "link.ld";
    }
    const ToolRun linked = runInFolder(cc, link, dir);
    result.log = linked.log;
    if (!linked.ok)
        return result;
    result.linked = true;
    const QString sizeTool = avr ? "avr-size" : "arm-none-eabi-size";
    const ToolRun size = runInFolder(sizeTool, {"-A", "program.elf"}, dir);
    for (const QString &line : size.log.split('\n')) {
        const QStringList cols = line.simplified().split(' ');
        if (cols.size() < 2)
            continue;
        const qint64 bytes = cols[1].toLongLong();
        if (cols[0] == ".text" || cols[0] == ".ARM.exidx")
            result.flash += bytes;
        else if (cols[0] == ".data") {
            result.flash += bytes;
            result.ram += bytes;
        } else if (cols[0] == ".bss" || cols[0] == ".noinit")
            result.ram += bytes;
    }
    return result;
}

bool within(qint64 studio, qint64 linker, double fraction)
{
    return std::abs(double(studio - linker)) <= fraction * double(linker);
}

} // namespace

class TestBoardLink : public QObject
{
    Q_OBJECT

private slots:
    void linkerAgreesWithTheVerdict_data()
    {
        QTest::addColumn<QString>("layers");
        QTest::addColumn<Precision>("precision");
        const struct
        {
            const char *name, *layers;
        } models[] = {
            {"course model",
             "Flatten(), Dense(128, activation=relu), Dropout(0.2), Dense(10, activation=softmax)"},
            {"784-16-10", "Flatten(), Dense(16, activation=relu), Dense(10, activation=softmax)"},
            {"small CNN",
             "Conv2D(8, 3, activation=relu), MaxPooling2D(2), Conv2D(16, 3, activation=relu), "
             "MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)"},
        };
        for (const auto &m : models)
            for (Precision p : {Precision::Float32, Precision::Int8})
                QTest::addRow("%s %s", m.name, p == Precision::Int8 ? "int8" : "float32")
                    << QString::fromLatin1(m.layers) << p;
    }
    void linkerAgreesWithTheVerdict()
    {
        QFETCH(QString, layers);
        QFETCH(Precision, precision);
        for (const char *tool : {"arm-none-eabi-gcc", "avr-gcc"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP(qPrintable(
                    QStringLiteral("%1 is not installed (Debian's gcc-arm-none-eabi and gcc-avr, "
                                   "installed by scripts/install-deps.sh test)")
                        .arg(QString::fromLatin1(tool))));
        const ModelSpec spec = ModelSpec::withLayers(parseLayers(layers.toStdString()));
        Network net(spec);
        net.initialize(11);
        const Dataset digits = test::syntheticDigits(300);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        int verified = 0;
        for (const Board &board : boards()) {
            const QString id = QString::fromStdString(board.id);
            if (board.toolchain.empty()) {
                qInfo("%s: no toolchain in Debian, the verdict is not checked by a linker",
                      qPrintable(id));
                continue;
            }
            ExportOptions options;
            options.precision = precision;
            options.prefix = "gen";
            options.calibrationImages = 300;
            options.progmem = needsProgmem(board);
            const GeneratedCode g = generateCode(net, options, digits, digits);
            const BoardVerdict v = boardVerdict(board, g.figures);
            const Linked limited
                = build(board, g, tmp.filePath(id + "-limited"), board.flashBytes, board.ramBytes);
            const Linked open = build(board, g, tmp.filePath(id + "-open"), 1 << 30,
                                      board.arch == Arch::Avr ? 0xffa0 : 1 << 30);
            qInfo("%-17s verdict %-4s (limit %d) links %-3s | Flash studio %8lld linker %8lld | "
                  "RAM studio %7lld "
                  "linker %7lld (stack measured %lld, studio %lld; model data %lld, code %lld + "
                  "runtime %lld)",
                  qPrintable(id), v.fits() ? "fits" : "no", int(v.limit),
                  limited.linked ? "yes" : "no", static_cast<long long>(v.flash),
                  static_cast<long long>(open.flash), static_cast<long long>(v.ram),
                  static_cast<long long>(open.ram), static_cast<long long>(open.stack),
                  static_cast<long long>(v.stack), static_cast<long long>(v.modelFlash),
                  static_cast<long long>(v.codeFlash), static_cast<long long>(v.runtimeFlash));
            QVERIFY2(v.fits() == limited.linked,
                     qPrintable(QStringLiteral("%1: the studio says %2, the linker %3:\n%4")
                                    .arg(id, v.fits() ? "fits" : "does not fit",
                                         limited.linked ? "links it" : "refuses it", limited.log)));
            if (v.objectLimit > 0 && v.largestArray > v.objectLimit) {
                // avr-gcc refuses the array itself, before any linking (whether or not the
                // Flash is exceeded too, which the verdict names first).
                QVERIFY(!v.fits());
                QVERIFY2(!limited.compiled && limited.log.contains("too large"),
                         qPrintable(limited.log));
                continue;
            }
            QVERIFY2(open.linked, qPrintable(open.log));
            if (v.limit == BoardLimit::Flash)
                QVERIFY2(limited.log.contains(board.arch == Arch::Avr ? "text" : "FLASH"),
                         qPrintable(limited.log));
            if (v.limit == BoardLimit::Ram)
                QVERIFY2(limited.log.contains(board.arch == Arch::Avr ? "data" : "RAM"),
                         qPrintable(limited.log));
            QVERIFY2(within(v.flash, open.flash, 0.10),
                     qPrintable(QStringLiteral("%1: Flash %2 (studio) vs %3 (linker)")
                                    .arg(id)
                                    .arg(v.flash)
                                    .arg(open.flash)));
            QVERIFY2(within(v.ram, open.ram, 0.10),
                     qPrintable(QStringLiteral("%1: RAM %2 (studio) vs %3 (linker)")
                                    .arg(id)
                                    .arg(v.ram)
                                    .arg(open.ram)));
            ++verified;
        }
        QVERIFY(verified >= 3);
    }
};

QTEST_GUILESS_MAIN(TestBoardLink)
#include "tst_boardlink.moc"
