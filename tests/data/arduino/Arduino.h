// SPDX-License-Identifier: GPL-3.0-or-later
// A minimal stand-in for the Arduino API, enough to compile and run generated sketches on a
// desktop: Serial prints to stdout and reads from a buffer the test fills.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

class StandInSerial
{
public:
    void begin(long) {}
    explicit operator bool() const { return true; }
    int available() const { return int(input.size() - position); }
    int read() { return position < input.size() ? static_cast<unsigned char>(input[position++]) : -1; }
    void print(const char *s) { std::fputs(s, stdout); }
    void print(char c) { std::fputc(c, stdout); }
    void print(int v) { std::printf("%d", v); }
    void print(unsigned int v) { std::printf("%u", v); }
    void print(long v) { std::printf("%ld", v); }
    void print(unsigned long v) { std::printf("%lu", v); }
    void print(double v, int digits = 2) { std::printf("%.*f", digits, v); }
    template<typename T>
    void println(T v) { print(v); std::fputc('\n', stdout); }
    void println(double v, int digits) { print(v, digits); std::fputc('\n', stdout); }
    void println() { std::fputc('\n', stdout); }

    std::string input;
    std::size_t position = 0;
};

inline StandInSerial Serial;

inline unsigned long micros()
{
    using namespace std::chrono;
    static const auto start = steady_clock::now();
    return static_cast<unsigned long>(duration_cast<microseconds>(steady_clock::now() - start).count());
}
inline void delay(unsigned long ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
