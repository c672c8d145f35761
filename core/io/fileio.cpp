// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/fileio.h"

#include "core/base/error.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace tinyml::core {

namespace fs = std::filesystem;

std::vector<std::uint8_t> readFile(const fs::path &file, std::uint64_t maxBytes)
{
    std::error_code ec;
    if (!fs::exists(file, ec))
        throw Error(ErrorCode::FileMissing, {.file = file.string()});
    if (fs::is_directory(file, ec))
        throw Error(ErrorCode::FileIsFolder, {.file = file.string()});
    const auto size = fs::file_size(file, ec);
    if (ec)
        throw Error(ErrorCode::FileRead,
                    {.file = file.string(), .detail = ec.message(), .systemError = ec.value()});
    if (size > maxBytes)
        throw Error(
            ErrorCode::FileTooLarge,
            {.file = file.string(), .found = std::int64_t(size), .limit = std::int64_t(maxBytes)});
    std::FILE *f = std::fopen(file.c_str(), "rb");
    if (!f) {
        const int err = errno;
        throw Error(ErrorCode::FileOpen,
                    {.file = file.string(), .detail = std::strerror(err), .systemError = err});
    }
    std::vector<std::uint8_t> bytes(size);
    const std::size_t got = size ? std::fread(bytes.data(), 1, size, f) : 0;
    std::fclose(f);
    if (got != size)
        throw Error(
            ErrorCode::FileRead,
            {.file = file.string(), .expected = std::int64_t(size), .found = std::int64_t(got)});
    return bytes;
}

InputFile::InputFile(const fs::path &file) : m_path(file)
{
    // O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever.
    m_fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (m_fd < 0) {
        const int err = errno;
        if (err == ENOENT)
            throw Error(ErrorCode::FileMissing, {.file = file.string()});
        throw Error(ErrorCode::FileOpen,
                    {.file = file.string(), .detail = std::strerror(err), .systemError = err});
    }
    struct stat st
    {
    };
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const bool folder = S_ISDIR(st.st_mode);
        ::close(m_fd);
        m_fd = -1;
        throw Error(folder ? ErrorCode::FileIsFolder : ErrorCode::FileNotRegular,
                    {.file = file.string()});
    }
    m_size = std::uint64_t(st.st_size);
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) & ~O_NONBLOCK);
}

InputFile::~InputFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::size_t InputFile::read(std::uint8_t *buffer, std::size_t n)
{
    std::size_t done = 0;
    while (done < n) {
        const ssize_t got = ::read(m_fd, buffer + done, n - done);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            throw Error(
                ErrorCode::FileRead,
                {.file = m_path.string(), .detail = std::strerror(err), .systemError = err});
        }
        if (got == 0)
            break;
        done += std::size_t(got);
    }
    return done;
}

bool isGzip(std::span<const std::uint8_t> data)
{
    return data.size() >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> data, const fs::path &file,
                                 std::uint64_t maxBytes)
{
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        throw Error(ErrorCode::GzipCorrupt,
                    {.file = file.string(), .detail = "zlib failed to start"});
    std::vector<std::uint8_t> out;
    out.reserve(std::min<std::uint64_t>(maxBytes, data.size() * 4 + 1024));
    zs.next_in = const_cast<Bytef *>(data.data());
    zs.avail_in = uInt(data.size());
    std::uint8_t chunk[1 << 16];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = chunk;
        zs.avail_out = sizeof chunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            const std::string why = zs.msg ? zs.msg : "corrupt compressed data";
            inflateEnd(&zs);
            if (rc == Z_BUF_ERROR)
                throw Error(ErrorCode::GzipTruncated, {.file = file.string()});
            throw Error(ErrorCode::GzipCorrupt, {.file = file.string(), .detail = why});
        }
        out.insert(out.end(), chunk, chunk + (sizeof chunk - zs.avail_out));
        if (out.size() > maxBytes) {
            inflateEnd(&zs);
            throw Error(ErrorCode::GzipTooLarge,
                        {.file = file.string(), .limit = std::int64_t(maxBytes)});
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            throw Error(ErrorCode::GzipTruncated, {.file = file.string()});
        }
    }
    inflateEnd(&zs);
    return out;
}

void writeFileAtomically(const fs::path &file, std::span<const std::uint8_t> bytes)
{
    std::error_code ec;
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec))
        throw Error(ErrorCode::FolderMissing, {.file = file.string(), .folder = dir.string()});
    const fs::path tmp = file.string() + ".tmp-" + std::to_string(::getpid()) + "-"
                         + std::to_string(std::random_device{}());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int err = errno;
        throw Error(ErrorCode::FileWrite,
                    {.file = file.string(), .detail = std::strerror(err), .systemError = err});
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            ::close(fd);
            fs::remove(tmp, ec);
            throw Error(ErrorCode::FileWrite,
                        {.file = file.string(), .detail = std::strerror(err), .systemError = err});
        }
        done += std::size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int err = errno;
        fs::remove(tmp, ec);
        throw Error(ErrorCode::FileWrite,
                    {.file = file.string(), .detail = std::strerror(err), .systemError = err});
    }
    fs::rename(tmp, file, ec);
    if (ec) {
        const std::error_code renameError = ec; // remove() below overwrites ec
        fs::remove(tmp, ec);
        throw Error(ErrorCode::FileWrite, {.file = file.string(),
                                           .detail = renameError.message(),
                                           .systemError = renameError.value()});
    }
}

void renameReplacing(const fs::path &from, const fs::path &to)
{
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec)
        throw Error(ErrorCode::FileWrite,
                    {.file = to.string(), .detail = ec.message(), .systemError = ec.value()});
    const fs::path dir = to.has_parent_path() ? to.parent_path() : fs::path(".");
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::uint32_t crc32(std::span<const std::uint8_t> data)
{
    return std::uint32_t(::crc32(0L, data.data(), uInt(data.size())));
}

} // namespace tinyml::core
