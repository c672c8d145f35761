// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the fuzz harnesses: a private scratch folder for readers that need a path,
// and a report-and-abort for an input that breaks a promise of the code under test.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <system_error>
#include <unistd.h>

namespace tinyml::fuzz {

/// A folder of this process under the system's temporary folder, removed at exit.
inline const std::filesystem::path &scratchFolder()
{
    static const std::filesystem::path folder = [] {
        const auto path = std::filesystem::temp_directory_path()
                          / ("tinyml-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(scratchFolder(), ec);
        });
        return path;
    }();
    return folder;
}

/// Replaces file with exactly these bytes.
inline void writeBytes(const std::filesystem::path &file, std::span<const std::uint8_t> bytes)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
    if (!out.flush()) {
        std::fprintf(stderr, "fuzz: cannot write %s\n", file.c_str());
        std::abort();
    }
}

/// The code under test broke a promise for this input: abort so that the fuzzer (or the
/// replay driver) keeps the input as a finding.
[[noreturn]] inline void finding(const char *what)
{
    std::fprintf(stderr, "fuzz finding: %s\n", what);
    std::abort();
}

} // namespace tinyml::fuzz
