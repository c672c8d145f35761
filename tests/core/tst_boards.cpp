// SPDX-License-Identifier: GPL-3.0-or-later
// The board list, the verdict's arithmetic around each limit, and AVR's PROGMEM code run on an
// emulated ATmega328P and ATmega2560 (simavr): its self-test passes. tst_boardlink checks the
// verdicts against the linker.
#include "core/deploy/codegen.h"
#include "core/nn/layersyntax.h"
#include "exportharness.h"
#include "testsupport.h"
#include "toolrun.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>


using namespace tinyml;
using namespace tinyml::core;
using tinyml::test::runInFolder;
using tinyml::test::ToolRun;
using tinyml::test::writeText;
Q_DECLARE_METATYPE(tinyml::core::Precision)

namespace {

/// The program on an emulated AVR (simavr): the self-test and one inference, reported over the
/// UART; then sleep with interrupts off, which ends the simulation.
const char *kAvrRun = R"(#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include "gen_model.h"
#ifdef INT8
static int8_t input[GEN_INPUT_SIZE], scores[GEN_OUTPUT_SIZE];
#else
static float input[GEN_INPUT_SIZE], scores[GEN_OUTPUT_SIZE];
#endif
static void put(char c)
{
    while (!(UCSR0A & (1 << UDRE0))) {
    }
    UDR0 = c;
}
static void number(int v)
{
    char digits[8];
    int n = 0;
    if (v < 0) {
        put('-');
        v = -v;
    }
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (n > 0)
        put(digits[--n]);
}
int main(void)
{
    size_t i;
    int failures, digit;
    UCSR0B = (1 << TXEN0);
    failures = gen_self_test();
    for (i = 0; i < GEN_INPUT_SIZE; ++i) {
        const uint8_t pixel = pgm_read_byte(&gen_test_images[0][i]);
#ifdef INT8
        input[i] = (int8_t)((int)pixel - 128);
#else
        input[i] = (float)pixel / 255.0f;
#endif
    }
#ifdef INT8
    digit = gen_predict_int8(input, scores);
#else
    digit = gen_predict(input, scores);
#endif
    put('f');
    number(failures);
    put(' ');
    put('c');
    number(digit);
    put('\n');
    cli();
    sleep_mode();
    return 0;
}
)";

} // namespace

class TestBoards : public QObject
{
    Q_OBJECT

private slots:
    void boardList()
    {
        // The ids the CLI takes, each once, with the usable memory of docs/facts.md §9.
        const QStringList ids = {"nano33-ble-sense", "pico",         "esp32",      "nucleo-f446re",
                                 "stm32l476rg",      "arduino-mega", "arduino-uno"};
        QCOMPARE(int(boards().size()), ids.size());
        for (int i = 0; i < ids.size(); ++i)
            QCOMPARE(QString::fromStdString(boards()[std::size_t(i)].id), ids[i]);
        const Board *uno = findBoard("arduino-uno");
        QVERIFY(uno);
        // The chip less the bootloader and the Arduino core's assumed share (2 KB, 200 bytes).
        QCOMPARE(uno->flashBytes, 32 * 1024 - 512 - 2048);
        QCOMPARE(uno->ramBytes, 2 * 1024 - 200);
        QCOMPARE(findBoard("arduino-mega")->flashBytes, 256 * 1024 - 8 * 1024 - 2048);
        QCOMPARE(findBoard("arduino-mega")->ramBytes, 8 * 1024 - 200);
        QCOMPARE(findBoard("stm32l476rg")->ramBytes, 96 * 1024);
        QCOMPARE(findBoard("nucleo-f446re")->ramBytes, 128 * 1024);
        QVERIFY(!findBoard("arduino-due"));
        QVERIFY(needsProgmem(*uno));
        QVERIFY(!needsProgmem(*findBoard("pico")));
    }

    void verdictArithmetic_data()
    {
        QTest::addColumn<QString>("board");
        QTest::addColumn<qint64>("largest");
        QTest::addColumn<qint64>("constBytes");
        QTest::addColumn<qint64>("arena");
        QTest::addColumn<int>("limit");
        // Figures chosen around each limit: a 32,767-byte array is allowed on AVR, 32,768 not.
        QTest::newRow("uno small fits") << "arduino-uno" << qint64(12544) << qint64(18000)
                                        << qint64(700) << int(BoardLimit::None);
        // 29,048 bytes of model data fit the Uno's 30,208; the code and runtime do not.
        QTest::newRow("uno code tips it over") << "arduino-uno" << qint64(12544) << qint64(29000)
                                               << qint64(700) << int(BoardLimit::Flash);
        QTest::newRow("uno array at the limit") << "arduino-uno" << qint64(32767) << qint64(32767)
                                                << qint64(16) << int(BoardLimit::Flash);
        QTest::newRow("mega array at the limit") << "arduino-mega" << qint64(32767) << qint64(40000)
                                                 << qint64(16) << int(BoardLimit::None);
        QTest::newRow("uno array over the limit, Flash named first")
            << "arduino-uno" << qint64(100352) << qint64(107000) << qint64(16)
            << int(BoardLimit::Flash);
        QTest::newRow("mega array over the limit")
            << "arduino-mega" << qint64(32768) << qint64(40000) << qint64(16)
            << int(BoardLimit::ObjectTooLarge);
        QTest::newRow("mega beyond 64 KB of PROGMEM")
            << "arduino-mega" << qint64(30000) << qint64(70000) << qint64(16)
            << int(BoardLimit::FarFlash);
        QTest::newRow("uno RAM") << "arduino-uno" << qint64(1000) << qint64(1000) << qint64(1000)
                                 << int(BoardLimit::Ram);
        QTest::newRow("pico big array is fine")
            << "pico" << qint64(400000) << qint64(410000) << qint64(4000) << int(BoardLimit::None);
        QTest::newRow("nucleo Flash") << "nucleo-f446re" << qint64(600000) << qint64(600000)
                                      << qint64(4000) << int(BoardLimit::Flash);
        QTest::newRow("stm32l476 RAM beyond SRAM1") << "stm32l476rg" << qint64(1000) << qint64(1000)
                                                    << qint64(100000) << int(BoardLimit::Ram);
    }
    void verdictArithmetic()
    {
        QFETCH(QString, board);
        QFETCH(qint64, largest);
        QFETCH(qint64, constBytes);
        QFETCH(qint64, arena);
        QFETCH(int, limit);
        const Board *b = findBoard(board.toStdString());
        QVERIFY(b);
        CodeFigures f;
        f.largestArray = largest;
        f.constBytes = constBytes;
        f.arenaBytes = arena;
        f.inputBytes = 784;
        f.outputBytes = 10;
        f.codeM4 = 1000;
        f.int8 = true;
        f.structBytesAvr = 48;
        f.structBytes32 = 64;
        const BoardVerdict v = boardVerdict(*b, f);
        QCOMPARE(int(v.limit), limit);
        QCOMPARE(v.fits(), limit == int(BoardLimit::None));
        // The reason in words names the board and the limit that was hit.
        const QString text = QString::fromStdString(verdictText(*b, v));
        QVERIFY2(text.contains(QString::fromStdString(b->name)), qPrintable(text));
        const char *expected[]
            = {"fits", "Flash", "32,767 bytes avr-gcc allows", "65,280 bytes pgm_read", "RAM"};
        QVERIFY2(text.contains(QLatin1String(expected[limit])), qPrintable(text));
        // The parts add up, and every part is counted.
        QCOMPARE(v.flash, v.modelFlash + v.codeFlash + v.runtimeFlash);
        QCOMPARE(v.ram, v.arena + v.buffers + v.stack + v.dataRam);
        QCOMPARE(v.arena, arena);
        QCOMPARE(v.buffers, qint64(794));
        QVERIFY(v.stack > 0);
        QVERIFY(v.runtimeFlash > 0);
        QVERIFY(v.codeFlash >= 1000);
        if (b->arch == Arch::Avr) {
            QCOMPARE(v.dataRam, qint64(48)); // the structs stay in RAM
            QCOMPARE(v.modelFlash, constBytes + 48);
        } else {
            QCOMPARE(v.dataRam, qint64(0));
            QCOMPARE(v.modelFlash, constBytes + 64);
        }
    }

    void avrRunsTheSelfTest_data()
    {
        QTest::addColumn<QString>("layers");
        QTest::addColumn<Precision>("precision");
        QTest::addColumn<QString>("mcu");
        // Models that fit an AVR chip's own memory (the emulator has no Arduino core).
        QTest::newRow("784-16-10 int8 on the ATmega328P")
            << "Flatten(), Dense(16, activation=relu), Dense(10, activation=softmax)"
            << Precision::Int8 << "atmega328p";
        QTest::newRow("784-8-10 float32 on the ATmega2560")
            << "Flatten(), Dense(8, activation=sigmoid), Dense(10, activation=softmax)"
            << Precision::Float32 << "atmega2560";
        QTest::newRow("small CNN int8 on the ATmega2560")
            << "Conv2D(8, 3, activation=relu), MaxPooling2D(2), Conv2D(16, 3, activation=relu), "
               "MaxPooling2D(2), "
               "Flatten(), Dense(10, activation=softmax)"
            << Precision::Int8 << "atmega2560";
    }
    void avrRunsTheSelfTest()
    {
        // The PROGMEM code computes what the engine computes: its self-test (int8 bit-exact,
        // float32 within 1e-4 of the engine, on 5 digits) passes on an emulated AVR, and the
        // first digit's class is the engine's.
        QFETCH(QString, layers);
        QFETCH(Precision, precision);
        QFETCH(QString, mcu);
        for (const char *tool : {"avr-gcc", "simavr"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP(qPrintable(
                    QStringLiteral("%1 is not installed (Debian's gcc-avr and simavr, installed by "
                                   "scripts/install-deps.sh test)")
                        .arg(QString::fromLatin1(tool))));
        Network net(ModelSpec::withLayers(parseLayers(layers.toStdString())));
        net.initialize(5);
        const Dataset digits = test::syntheticDigits(200, 3);
        ExportOptions options;
        options.precision = precision;
        options.prefix = "gen";
        options.calibrationImages = 200;
        options.progmem = true;
        const GeneratedCode g = generateCode(net, options, digits, digits);
        QCOMPARE(int(g.figures.inputBytes), precision == Precision::Int8 ? 784 : 784 * 4);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString dir = tmp.path();
        writeText(dir + "/gen_model.h", g.header);
        writeText(dir + "/gen_model.c", g.source);
        writeText(dir + "/main.c", kAvrRun);
        QStringList flags = {"-mmcu=" + mcu, "-std=c99", "-Os", "-Wall", "-Wextra", "-Werror"};
        if (precision == Precision::Int8)
            flags << "-DINT8";
        const ToolRun built = runInFolder(
            "avr-gcc", flags + QStringList{"gen_model.c", "main.c", "-o", "program.elf"}, dir);
        QVERIFY2(built.ok, qPrintable(built.log));
        const ToolRun sim
            = runInFolder("simavr", {"-m", mcu, "-f", "16000000", "program.elf"}, dir);
        QVERIFY2(sim.ok, qPrintable(sim.log));
        // simavr echoes the UART's line, with terminal colours around it.
        const auto m = QRegularExpression(QStringLiteral(R"(f(-?\d+) c(-?\d+))")).match(sim.log);
        QVERIFY2(m.hasMatch(), qPrintable(sim.log));
        QCOMPARE(m.captured(1).toInt(), 0);
        int expected = 0;
        if (precision == Precision::Int8) {
            Int8Runner runner(*g.quantized);
            std::vector<std::int8_t> q(784), logits(10), probs(10);
            for (int i = 0; i < 784; ++i)
                q[std::size_t(i)] = std::int8_t(int(digits.image(0)[i]) - 128);
            expected = runner.run(q.data(), logits.data(), probs.data());
        } else {
            std::vector<float> x(784);
            for (int i = 0; i < 784; ++i)
                x[std::size_t(i)] = float(digits.image(0)[i]) / 255.0f;
            const auto p = net.predict(x);
            expected = int(std::max_element(p.begin(), p.end()) - p.begin());
        }
        QCOMPARE(m.captured(2).toInt(), expected);
    }
};

QTEST_GUILESS_MAIN(TestBoards)
#include "tst_boards.moc"
