// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace tinyml::core {

/// Whole-file read, at most maxBytes; throws Error naming the file.
std::vector<std::uint8_t> readFile(const std::filesystem::path &file, std::uint64_t maxBytes);

/// Inflates gzip data, at most maxBytes out; throws Error naming the file on broken data.
std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> data,
                                 const std::filesystem::path &file, std::uint64_t maxBytes);

bool isGzip(std::span<const std::uint8_t> data);

/// Writes bytes to a temporary file beside the target, flushes it to disk and renames it over
/// the target, so that a crash never leaves a half-written file. Throws Error.
void writeFileAtomically(const std::filesystem::path &file, std::span<const std::uint8_t> bytes);

/// CRC-32 (zlib's).
std::uint32_t crc32(std::span<const std::uint8_t> data);

} // namespace tinyml::core
