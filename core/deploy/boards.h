// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tinyml::core {

/// The instruction set a board's code is compiled for.
enum class Arch : std::uint8_t { CortexM4F, CortexM0Plus, XtensaLx6, Avr };

/// A microcontroller board (docs/facts.md §6, §9). Flash and RAM are what a program can use:
/// the chip's memory less what the bootloader and the board's core (Arduino, Mbed, ESP-IDF)
/// take, as docs/facts.md §9 states per board. Cycles per MAC are estimates from counting
/// instructions of GCC 12 -O2 inner loops; no published figures exist.
struct Board
{
    std::string id;   ///< e.g. "arduino-uno", for `tinyml export --board`
    std::string name; ///< e.g. "Arduino Uno"
    std::string core;
    double clockMHz = 0;
    std::int64_t flashBytes = 0; ///< usable by the program
    std::int64_t ramBytes = 0;   ///< usable by the program (one contiguous block)
    bool fpu = false;
    double cyclesPerMacInt8 = 0;
    double cyclesPerMacFloat = 0;
    Arch arch = Arch::CortexM4F;
    std::string toolchain; ///< the compiler and flags that build for it, or empty when Debian has none
    std::string reserved;  ///< what the board's core and bootloader take, in words (English)
};

/// The boards, in the order the Export tab lists them (the Arduino Uno last).
const std::vector<Board> &boards();

/// The board with this id, or nullptr.
const Board *findBoard(const std::string &id);

/// Whether code for this board keeps its constants in Flash only with AVR's PROGMEM.
inline bool needsProgmem(const Board &board) { return board.arch == Arch::Avr; }

/// What the generated code's arrays and buffers amount to, independent of the board: filled in
/// by generateCode (core/deploy/codegen.h).
struct CodeFigures
{
    std::int64_t constBytes = 0;   ///< every const array: weights, biases, constants, test digits
    std::int64_t largestArray = 0; ///< bytes of the largest single const array
    std::int64_t structBytes32 = 0; ///< geometry and quantization structs with 32-bit pointers
    std::int64_t structBytesAvr = 0; ///< the same with AVR's 16-bit pointers and size_t
    std::int64_t arenaBytes = 0;   ///< the activation arena
    std::int64_t inputBytes = 0;   ///< the input buffer the program holds (float32 or int8)
    std::int64_t outputBytes = 0;  ///< the scores buffer the program holds
    std::int64_t codeM4 = 0;       ///< estimated machine code for Cortex-M4 -Os
    int kernels = 0;               ///< distinct layer kernels called (dense, conv, pooling, ...)
    bool int8 = false;
};

/// Why a model does not fit on a board.
enum class BoardLimit : std::uint8_t {
    None,          ///< it fits
    Flash,         ///< the program exceeds the Flash (checked first)
    ObjectTooLarge, ///< AVR: one array exceeds 32,767 bytes, which avr-gcc refuses
    FarFlash,      ///< AVR: PROGMEM data beyond the first 64 KB cannot be read with near pointers
    Ram,           ///< the program's RAM exceeds the board's
};

/// A model's complete program on one board: what the linker places (docs/facts.md §9).
struct BoardVerdict
{
    BoardLimit limit = BoardLimit::None;
    bool fits() const { return limit == BoardLimit::None; }
    std::int64_t flash = 0;        ///< bytes: model data + code + runtime
    std::int64_t ram = 0;          ///< bytes: arena + buffers + stack + data in RAM
    std::int64_t modelFlash = 0;   ///< const arrays (and, except on AVR, the structs)
    std::int64_t codeFlash = 0;    ///< the model's machine code (estimate)
    std::int64_t runtimeFlash = 0; ///< start-up code and libgcc helpers (soft float, 64-bit division)
    std::int64_t arena = 0;
    std::int64_t buffers = 0;      ///< input and scores buffers
    std::int64_t stack = 0;        ///< the inference call's stack
    std::int64_t dataRam = 0;      ///< const data that stays in RAM (AVR: the structs)
    std::int64_t largestArray = 0;
    std::int64_t flashLimit = 0;   ///< the board's usable Flash
    std::int64_t ramLimit = 0;
    std::int64_t objectLimit = 0;  ///< AVR: 32,767 bytes per array, else 0 (none)
    std::int64_t nearFlashLimit = 0; ///< AVR: PROGMEM within the first 64 KB, else 0 (none)
};

BoardVerdict boardVerdict(const Board &board, const CodeFigures &code);

/// The verdict in one English line with its reason, e.g. "Arduino Uno: 107,246 bytes of weights
/// and constants (110,977 with code and runtime) do not fit in 30,208 bytes of Flash" (the CLI;
/// the studio words it through tr()).
std::string verdictText(const Board &board, const BoardVerdict &verdict);

/// Costs of the whole program per instruction set, measured with Debian's cross-compilers at
/// -Os by tests/core/tst_boardlink.cpp (docs/facts.md §9).
struct ArchCosts
{
    double codeScale = 1;          ///< the model's code relative to Cortex-M4
    std::int64_t runtimeFloat = 0; ///< start-up and libgcc helpers linked for float32 code
    std::int64_t runtimeInt8 = 0;  ///< the same for int8 code (the float wrapper; on AVR also the
                                   ///< 32- and 64-bit arithmetic of the fixed-point softmax)
    std::int64_t stackFloat = 0;   ///< bytes of stack of the float32 inference call, one kernel
    std::int64_t stackInt8 = 0;
    std::int64_t stackPerKernelFloat = 0; ///< each further kind of kernel (conv, pooling, ...)
    std::int64_t stackPerKernelInt8 = 0;
};
ArchCosts archCosts(Arch arch);

} // namespace tinyml::core
