// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/deploy/boards.h"

#include <algorithm>
#include <cmath>

namespace tinyml::core {

namespace {
const std::string kCortexM4F = "arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard";
const std::string kCortexM0Plus = "arm-none-eabi-gcc -mcpu=cortex-m0plus -mthumb";
} // namespace

const std::vector<Board> &boards()
{
    // Flash and RAM as the program can use them: docs/facts.md §9.
    static const std::vector<Board> list = {
        {"nano33-ble-sense", "Arduino Nano 33 BLE Sense", "nRF52840, Cortex-M4F", 64, 901120, 217088, true, 8, 9,
         Arch::CortexM4F, kCortexM4F,
         "64 KB bootloader; Mbed OS assumed to take 80 KB of Flash and 44 KB of RAM"},
        {"pico", "Raspberry Pi Pico", "RP2040, Cortex-M0+", 133, 2064128, 253952, false, 11, 60, Arch::CortexM0Plus,
         kCortexM0Plus, "256-byte second-stage boot loader; pico-sdk with USB serial assumed to take 32 KB of Flash and "
         "8 KB of RAM; the two 4 KB scratch banks hold its stacks"},
        {"esp32", "ESP32-WROOM-32", "2x Xtensa LX6", 240, 1048576, 147456, true, 8, 9, Arch::XtensaLx6, "",
         "1 MB factory app partition; 160 KB of static DRAM, ESP-IDF assumed to take 16 KB of it"},
        {"nucleo-f446re", "NUCLEO-F446RE", "STM32F446, Cortex-M4F", 180, 524288, 131072, true, 8, 9, Arch::CortexM4F,
         kCortexM4F, "nothing (bare metal)"},
        {"stm32l476rg", "STM32L476RG", "Cortex-M4F", 80, 1048576, 98304, true, 8, 9, Arch::CortexM4F, kCortexM4F,
         "SRAM2 (32 KB at another address) is not part of the contiguous 96 KB"},
        {"arduino-mega", "Arduino Mega 2560", "ATmega2560, 8-bit AVR", 16, 251904, 7992, false, 50, 150, Arch::Avr,
         "avr-gcc -mmcu=atmega2560",
         "8 KB bootloader; the Arduino core with Serial assumed to take 2 KB of Flash and 200 bytes of RAM"},
        {"arduino-uno", "Arduino Uno", "ATmega328P, 8-bit AVR", 16, 30208, 1848, false, 50, 150, Arch::Avr,
         "avr-gcc -mmcu=atmega328p", "0.5 KB bootloader (Optiboot); the Arduino core with Serial assumed to take 2 KB of Flash and "
         "200 bytes of RAM"},
    };
    return list;
}

const Board *findBoard(const std::string &id)
{
    for (const Board &b : boards())
        if (b.id == id)
            return &b;
    return nullptr;
}

ArchCosts archCosts(Arch arch)
{
    switch (arch) {
    case Arch::CortexM4F:
        return {1.0, 590, 798, 156, 240, 90, 52};
    case Arch::CortexM0Plus:
        return {1.2, 4150, 3602, 240, 272, 96, 64};
    case Arch::XtensaLx6: // no toolchain here: Cortex-M4's figures with 20 % more code, unverified
        return {1.2, 700, 960, 160, 246, 90, 56};
    case Arch::Avr:
        return {3.5, 870, 1320, 155, 205, 90, 61};
    }
    return {};
}

namespace {
std::string grouped(std::int64_t n)
{
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}
} // namespace

std::string verdictText(const Board &board, const BoardVerdict &v)
{
    const std::string n = board.name + ": ";
    switch (v.limit) {
    case BoardLimit::None:
        return "fits on the " + board.name + ": Flash " + grouped(v.flash) + " of " + grouped(v.flashLimit)
               + " bytes, RAM " + grouped(v.ram) + " of " + grouped(v.ramLimit) + " bytes";
    case BoardLimit::Flash:
        return n + grouped(v.modelFlash) + " bytes of weights and constants (" + grouped(v.flash)
               + " with code and runtime) do not fit in " + grouped(v.flashLimit) + " bytes of Flash";
    case BoardLimit::ObjectTooLarge:
        return n + "one array of " + grouped(v.largestArray) + " bytes exceeds the " + grouped(v.objectLimit)
               + " bytes avr-gcc allows for one object";
    case BoardLimit::FarFlash:
        return n + grouped(v.modelFlash) + " bytes of constants in PROGMEM exceed the " + grouped(v.nearFlashLimit)
               + " bytes pgm_read_* can reach";
    case BoardLimit::Ram:
        return n + "the program needs " + grouped(v.ram) + " bytes of RAM (activations " + grouped(v.arena)
               + ", input and scores " + grouped(v.buffers) + ", stack " + grouped(v.stack) + (v.dataRam ? ", structs " + grouped(v.dataRam) : std::string())
               + "), " + grouped(v.ramLimit) + " are usable";
    }
    return {};
}

BoardVerdict boardVerdict(const Board &board, const CodeFigures &code)
{
    const ArchCosts costs = archCosts(board.arch);
    const bool avr = board.arch == Arch::Avr;
    BoardVerdict v;
    v.flashLimit = board.flashBytes;
    v.ramLimit = board.ramBytes;
    // avr-gcc: no object larger than PTRDIFF_MAX (16-bit int); pgm_read_* take 16-bit addresses.
    v.objectLimit = avr ? 32767 : 0;
    v.nearFlashLimit = avr ? 65536 - 256 : 0;
    v.largestArray = code.largestArray;
    // On AVR the small structs stay in RAM (.data), their initial values in Flash.
    v.dataRam = avr ? code.structBytesAvr : 0;
    v.modelFlash = code.constBytes + (avr ? code.structBytesAvr : code.structBytes32);
    v.codeFlash = std::llround(double(code.codeM4) * costs.codeScale);
    v.runtimeFlash = code.int8 ? costs.runtimeInt8 : costs.runtimeFloat;
    v.flash = v.modelFlash + v.codeFlash + v.runtimeFlash;
    v.arena = code.arenaBytes;
    v.buffers = code.inputBytes + code.outputBytes;
    const std::int64_t moreKernels = std::max(0, code.kernels - 1);
    v.stack = code.int8 ? costs.stackInt8 + moreKernels * costs.stackPerKernelInt8
                        : costs.stackFloat + moreKernels * costs.stackPerKernelFloat;
    v.ram = v.arena + v.buffers + v.stack + v.dataRam;
    // The first reason a learner should hear: too big for the Flash at all, before AVR's limits.
    if (v.flash > v.flashLimit)
        v.limit = BoardLimit::Flash;
    else if (v.objectLimit > 0 && v.largestArray > v.objectLimit)
        v.limit = BoardLimit::ObjectTooLarge;
    else if (v.nearFlashLimit > 0 && code.constBytes > v.nearFlashLimit)
        v.limit = BoardLimit::FarFlash;
    else if (v.ram > v.ramLimit)
        v.limit = BoardLimit::Ram;
    return v;
}

} // namespace tinyml::core
