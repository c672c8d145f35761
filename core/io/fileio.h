// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace tinyml::core {

/// Whole-file read, at most maxBytes; throws Error naming the file. Anything but a regular file
/// (a FIFO, a device, a socket) is refused before it is opened, so reading never blocks.
std::vector<std::uint8_t> readFile(const std::filesystem::path &file, std::uint64_t maxBytes);

/// A regular file open for reading in pieces. Opening never blocks: a pipe (FIFO), a device or a
/// socket is refused with FileNotRegular, a folder with FileIsFolder. Throws Error naming the
/// file. Not copyable.
class InputFile
{
public:
    explicit InputFile(const std::filesystem::path &file);
    ~InputFile();
    InputFile(const InputFile &) = delete;
    InputFile &operator=(const InputFile &) = delete;

    /// The file's size when it was opened (bytes).
    std::uint64_t size() const { return m_size; }
    /// Reads up to n bytes into buffer; fewer only at the end of the file. Throws FileRead.
    std::size_t read(std::uint8_t *buffer, std::size_t n);
    const std::filesystem::path &path() const { return m_path; }

private:
    std::filesystem::path m_path;
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

/// Inflates gzip data, at most maxBytes out; throws Error naming the file on broken data.
std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> data,
                                 const std::filesystem::path &file, std::uint64_t maxBytes);

bool isGzip(std::span<const std::uint8_t> data);

/// Writes bytes to a temporary file beside the target, flushes it to disk and renames it over
/// the target, so that a crash never leaves a half-written file, and a save killed while
/// writing leaves no temporary file (an unnamed O_TMPFILE where the file system has them).
/// A symbolic link is followed: its target is replaced and the link kept. The replaced file's
/// permission bits (and owner and group, where allowed) carry over. Throws Error.
void writeFileAtomically(const std::filesystem::path &file, std::span<const std::uint8_t> bytes);

/// One file of writeFilesTogether(): a plain name (no folder part) and its bytes.
struct NamedBytes
{
    std::string name;
    std::span<const std::uint8_t> bytes;
};

/// Writes several files into folder all or nothing: first all of them, complete and flushed,
/// into a temporary folder inside it, then each renamed into place. When any write fails the
/// destination is unchanged (and a failed rename puts back the files already replaced).
/// The replaced files' permission bits carry over. Throws Error naming the failing file.
void writeFilesTogether(const std::filesystem::path &folder, const std::vector<NamedBytes> &files);
/// Renames from over to (both in one folder), then flushes the folder so that the rename
/// survives a crash. Throws Error (FileWrite) naming to.
void renameReplacing(const std::filesystem::path &from, const std::filesystem::path &to);

/// CRC-32 (zlib's).
std::uint32_t crc32(std::span<const std::uint8_t> data);

} // namespace tinyml::core
