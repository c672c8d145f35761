// SPDX-License-Identifier: GPL-3.0-or-later
// The replay driver: runs a harness's LLVMFuzzerTestOneInput without libFuzzer, so that the
// normal build (any compiler) keeps every harness alive. It runs each file of the given folders
// (seed corpus and committed regressions), then a fixed number of deterministic mutations of
// them (bit flips, interesting values, truncations, insertions, splices), seeded, so that every
// run tries the very same inputs.
//   fuzz_NAME [--mutations N] [--seed S] [--save FILE] PATH...
// A crash or an uncaught exception writes the input that caused it to --save (default
// fuzz-failure-NAME.bin in the working folder) and names it on stderr.

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
// Present when AddressSanitizer or UBSan is linked in (the sanitize preset): they end the
// process with _exit, not a signal, and call this first.
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

namespace {

namespace fs = std::filesystem;

using Bytes = std::vector<std::uint8_t>;

// What runs now, for the crash handler (which may only call async-signal-safe functions).
const Bytes *g_current = nullptr;
char g_currentName[512] = "";
char g_savePath[1024] = "";

void saveCurrent()
{
    const int fd = ::open(g_savePath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    if (g_current) {
        const std::uint8_t *p = g_current->data();
        std::size_t left = g_current->size();
        while (left > 0) {
            const ssize_t n = ::write(fd, p, left);
            if (n <= 0)
                break;
            p += n;
            left -= std::size_t(n);
        }
    }
    ::close(fd);
}

void writeStderr(const char *text)
{
    if (::write(STDERR_FILENO, text, std::strlen(text)) < 0)
        return;
}

void onCrash(int signal)
{
    saveCurrent();
    writeStderr("fuzz replay: crash on ");
    writeStderr(g_currentName);
    writeStderr("; input saved to ");
    writeStderr(g_savePath);
    writeStderr("\n");
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void run(const Bytes &input, const std::string &name)
{
    g_current = &input;
    std::snprintf(g_currentName, sizeof g_currentName, "%s", name.c_str());
    // An empty vector may have no storage: give the harness a valid pointer all the same.
    static const std::uint8_t none = 0;
    LLVMFuzzerTestOneInput(input.empty() ? &none : input.data(), input.size());
    g_current = nullptr;
}

Bytes readAll(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// One to four random edits of a corpus input; `other` is a second input for splices.
Bytes mutate(Bytes b, const Bytes &other, std::mt19937_64 &rng)
{
    auto below = [&rng](std::size_t n) { return n == 0 ? 0 : std::size_t(rng() % n); };
    static constexpr std::array<std::uint8_t, 6> kBytes{0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff};
    static constexpr std::array<std::uint32_t, 10> kWords{
        0, 1, 28, 784, 65536, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0x7f800000u, 0x7fc00000u};
    const int edits = 1 + int(below(4));
    for (int e = 0; e < edits; ++e) {
        switch (below(8)) {
        case 0: // flip one bit
            if (!b.empty())
                b[below(b.size())] ^= std::uint8_t(1u << below(8));
            break;
        case 1: // an interesting byte
            if (!b.empty())
                b[below(b.size())] = kBytes[below(kBytes.size())];
            break;
        case 2: { // an interesting 32-bit word, either byte order
            if (b.size() < 4)
                break;
            const std::uint32_t w = kWords[below(kWords.size())];
            const std::size_t at = below(b.size() - 3);
            const bool big = (rng() & 1) != 0;
            for (int i = 0; i < 4; ++i)
                b[at + std::size_t(i)] = std::uint8_t(w >> (8 * (big ? 3 - i : i)));
            break;
        }
        case 3: // truncate
            b.resize(below(b.size() + 1));
            break;
        case 4: { // insert random bytes
            const std::size_t at = below(b.size() + 1);
            Bytes extra(1 + below(16));
            for (auto &x : extra)
                x = std::uint8_t(rng());
            b.insert(b.begin() + std::ptrdiff_t(at), extra.begin(), extra.end());
            break;
        }
        case 5: { // erase a chunk
            if (b.empty())
                break;
            const std::size_t at = below(b.size());
            const std::size_t n = 1 + below(std::min<std::size_t>(b.size() - at, 64));
            b.erase(b.begin() + std::ptrdiff_t(at), b.begin() + std::ptrdiff_t(at + n));
            break;
        }
        case 6: { // duplicate a chunk
            if (b.empty())
                break;
            const std::size_t at = below(b.size());
            const std::size_t n = 1 + below(std::min<std::size_t>(b.size() - at, 64));
            const Bytes chunk(b.begin() + std::ptrdiff_t(at), b.begin() + std::ptrdiff_t(at + n));
            b.insert(b.begin() + std::ptrdiff_t(below(b.size() + 1)), chunk.begin(), chunk.end());
            break;
        }
        default: { // splice: a prefix of this input, a suffix of the other
            const std::size_t cut = below(b.size() + 1);
            const std::size_t from = below(other.size() + 1);
            b.resize(cut);
            b.insert(b.end(), other.begin() + std::ptrdiff_t(from), other.end());
            break;
        }
        }
    }
    return b;
}

} // namespace

int main(int argc, char **argv)
{
    long mutations = 0;
    std::uint64_t seed = 1;
    std::string save = "fuzz-failure-" + fs::path(argv[0]).filename().string() + ".bin";
    std::vector<fs::path> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--mutations" || arg == "--seed" || arg == "--save") && i + 1 < argc) {
            const std::string value = argv[++i];
            if (arg == "--mutations")
                mutations = std::stol(value);
            else if (arg == "--seed")
                seed = std::stoull(value);
            else
                save = value;
        } else {
            paths.emplace_back(arg);
        }
    }
    std::snprintf(g_savePath, sizeof g_savePath, "%s", save.c_str());
    for (int s : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL})
        std::signal(s, onCrash);
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback([] {
            saveCurrent();
            writeStderr("fuzz replay: sanitizer report on ");
            writeStderr(g_currentName);
            writeStderr("; input saved to ");
            writeStderr(g_savePath);
            writeStderr("\n");
        });
    std::set_terminate([] {
        saveCurrent();
        std::fprintf(stderr, "fuzz replay: uncaught exception on %s; input saved to %s\n",
                     g_currentName, g_savePath);
        std::_Exit(1);
    });

    // Files in a fixed order: the mutations depend on it.
    std::vector<fs::path> files;
    for (const auto &p : paths) {
        if (fs::is_directory(p)) {
            for (const auto &entry : fs::recursive_directory_iterator(p))
                if (entry.is_regular_file() && entry.path().filename().string()[0] != '.')
                    files.push_back(entry.path());
        } else if (fs::is_regular_file(p)) {
            files.push_back(p);
        }
    }
    std::sort(files.begin(), files.end());

    std::vector<Bytes> corpus;
    for (const auto &f : files) {
        corpus.push_back(readAll(f));
        run(corpus.back(), f.string());
    }
    run({}, "the empty input");
    std::printf("fuzz replay: %zu files", files.size());

    if (mutations > 0 && !corpus.empty()) {
        std::mt19937_64 rng(seed);
        for (long m = 0; m < mutations; ++m) {
            const std::size_t a = std::size_t(rng() % corpus.size());
            const std::size_t b = std::size_t(rng() % corpus.size());
            const Bytes input = mutate(corpus[a], corpus[b], rng);
            run(input, "mutation " + std::to_string(m) + " (seed " + std::to_string(seed) + ") of "
                           + files[a].string());
        }
        std::printf(", %ld mutations (seed %llu)", mutations, static_cast<unsigned long long>(seed));
    }
    std::printf(": no crash\n");
    return 0;
}
