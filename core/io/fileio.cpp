// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/fileio.h"

#include "core/base/error.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace tinyml::core {

namespace fs = std::filesystem;

namespace {

/// The stat() failure of a file about to be read, as the Error a user understands.
[[noreturn]] void throwStatError(const fs::path &file, int err)
{
    if (err == ENOENT || err == ENOTDIR)
        throw Error(ErrorCode::FileMissing, {.file = file.string()});
    throw Error(ErrorCode::FileOpen,
                {.file = file.string(), .detail = std::strerror(err), .systemError = err});
}

} // namespace

std::vector<std::uint8_t> readFile(const fs::path &file, std::uint64_t maxBytes)
{
    // Decided before opening: opening a FIFO blocks until a writer comes, a device may act.
    struct stat st = {};
    if (::stat(file.c_str(), &st) != 0)
        throwStatError(file, errno);
    if (S_ISDIR(st.st_mode))
        throw Error(ErrorCode::FileIsFolder, {.file = file.string()});
    if (!S_ISREG(st.st_mode))
        throw Error(ErrorCode::FileNotRegular, {.file = file.string()});
    // O_NONBLOCK: should the name have become a FIFO since stat(), open() still returns at once
    // and fstat() below refuses it.
    const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        throw Error(ErrorCode::FileOpen,
                    {.file = file.string(), .detail = std::strerror(err), .systemError = err});
    }
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(ErrorCode::FileNotRegular, {.file = file.string()});
    }
    const auto size = std::uint64_t(st.st_size);
    if (size > maxBytes) {
        ::close(fd);
        throw Error(
            ErrorCode::FileTooLarge,
            {.file = file.string(), .found = std::int64_t(size), .limit = std::int64_t(maxBytes)});
    }
    std::vector<std::uint8_t> bytes(size);
    std::size_t got = 0;
    while (got < size) {
        const ssize_t n = ::read(fd, bytes.data() + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            throw Error(ErrorCode::FileRead,
                        {.file = file.string(), .detail = std::strerror(err), .systemError = err});
        }
        if (n == 0)
            break;
        got += std::size_t(n);
    }
    ::close(fd);
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

namespace {

[[noreturn]] void throwWriteError(const fs::path &file, int err)
{
    throw Error(ErrorCode::FileWrite,
                {.file = file.string(), .detail = std::strerror(err), .systemError = err});
}

/// The file a path finally names: symbolic links followed (also a dangling one, whose target is
/// then created), at most 40 of them as the kernel allows.
fs::path followLinks(const fs::path &file)
{
    fs::path p = file;
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(p, ec)))
            return p;
        const fs::path target = fs::read_symlink(p, ec);
        if (ec)
            return p;
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    throwWriteError(file, ELOOP);
}

/// Writes all bytes to fd and flushes them to disk; false with errno set on failure.
bool writeAll(int fd, std::span<const std::uint8_t> bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        done += std::size_t(n);
    }
    return ::fsync(fd) == 0;
}

/// Gives a new file the owner (where allowed) and permission bits of the file it replaces.
void copyOwnerAndMode(int fd, const struct stat &old)
{
    // Changing the owner needs privileges; the group often works alone. Failures keep ours.
    if (::fchown(fd, old.st_uid, old.st_gid) != 0)
        (void)!::fchown(fd, uid_t(-1), old.st_gid);
    (void)!::fchmod(fd, old.st_mode & 07777); // after fchown, which may clear set-id bits
}

/// A name for a temporary file in dir that no other process picks.
fs::path temporaryName(const fs::path &dir, const fs::path &target)
{
    std::string name = ".";
    name += target.filename().string();
    name += ".tmp-";
    name += std::to_string(::getpid());
    name += '-';
    name += std::to_string(std::random_device{}());
    return dir / name;
}

void syncFolder(const fs::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

/// The existing file a save replaces, if any; throws if it is not a regular file.
std::optional<struct stat> replacedFile(const fs::path &file, const fs::path &target)
{
    struct stat st = {};
    if (::stat(target.c_str(), &st) != 0)
        return std::nullopt;
    if (S_ISDIR(st.st_mode))
        throwWriteError(file, EISDIR);
    if (!S_ISREG(st.st_mode))
        throw Error(ErrorCode::FileNotRegular, {.file = file.string()});
    return st;
}

} // namespace

void writeFileAtomically(const fs::path &file, std::span<const std::uint8_t> bytes)
{
    // Through a symbolic link: the link stays, its target is replaced.
    const fs::path target = followLinks(file);
    std::error_code ec;
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec))
        throw Error(ErrorCode::FolderMissing, {.file = file.string(), .folder = dir.string()});
    const std::optional<struct stat> old = replacedFile(file, target);

    // An unnamed file first (O_TMPFILE): a save killed while writing leaves nothing behind. It
    // gets a name only once complete, and is renamed over the target at once.
    const fs::path tmp = temporaryName(dir, target);
    bool named = false;
    if (const int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666); fd >= 0) {
        if (old)
            copyOwnerAndMode(fd, *old);
        if (!writeAll(fd, bytes)) {
            const int err = errno;
            ::close(fd);
            throwWriteError(file, err);
        }
        const std::string self = "/proc/self/fd/" + std::to_string(fd);
        named = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) == 0;
        ::close(fd);
    }
    // Without O_TMPFILE (or /proc): a named temporary file, removed on every failure.
    if (!named) {
        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0)
            throwWriteError(file, errno);
        if (old)
            copyOwnerAndMode(fd, *old);
        const bool written = writeAll(fd, bytes);
        const int err = errno;
        if (::close(fd) != 0 || !written) {
            const int closeErr = errno;
            ::unlink(tmp.c_str());
            throwWriteError(file, written ? closeErr : err);
        }
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throwWriteError(file, err);
    }
    syncFolder(dir);
}

void writeFilesTogether(const fs::path &folder, const std::vector<NamedBytes> &files)
{
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorCode::FolderMissing,
                    {.file = (folder / (files.empty() ? "" : files.front().name)).string(),
                     .folder = folder.string()});
    std::vector<std::optional<struct stat>> old;
    for (const auto &f : files)
        old.push_back(replacedFile(folder / f.name, folder / f.name));

    std::string pattern = (folder / ".tinyml-save-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throwWriteError(folder / (files.empty() ? "" : files.front().name), errno);
    const fs::path staging = pattern;
    auto discard = [&] {
        std::error_code ignored;
        fs::remove_all(staging, ignored);
    };

    // 1. Every file complete in the staging folder; on any failure the destination is untouched.
    for (std::size_t i = 0; i < files.size(); ++i) {
        const fs::path tmp = staging / files[i].name;
        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0) {
            const int err = errno;
            discard();
            throwWriteError(folder / files[i].name, err);
        }
        if (old[i])
            copyOwnerAndMode(fd, *old[i]);
        const bool written = writeAll(fd, files[i].bytes);
        const int err = errno;
        if (::close(fd) != 0 || !written) {
            discard();
            throwWriteError(folder / files[i].name, written ? errno : err);
        }
    }
    // 2. Keep a hard link to each file being replaced, so that a failed rename can be undone.
    std::vector<bool> kept(files.size(), false);
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!old[i])
            continue;
        const fs::path backup = staging / (files[i].name + ".old");
        kept[i] = ::link((folder / files[i].name).c_str(), backup.c_str()) == 0;
    }
    // 3. Into place, one rename each.
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (::rename((staging / files[i].name).c_str(), (folder / files[i].name).c_str()) == 0)
            continue;
        const int err = errno;
        for (std::size_t j = 0; j < i; ++j) {
            const fs::path placed = folder / files[j].name;
            if (kept[j])
                ::rename((staging / (files[j].name + ".old")).c_str(), placed.c_str());
            else if (!old[j])
                ::unlink(placed.c_str());
        }
        discard();
        throwWriteError(folder / files[i].name, err);
    }
    discard();
    syncFolder(folder);
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
