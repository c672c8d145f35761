// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/dataset.h"

#include "core/base/error.h"
#include "core/io/fileio.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>

namespace tinyml::core {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kImageMagic = 0x00000803; // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelMagic = 0x00000801; // unsigned byte, 1 dimension
constexpr std::uint32_t kMaxSide = 4096;
constexpr std::uint32_t kMaxCount = 100'000'000;
/// Compressed payloads grow in steps of this size, so that a file that promises much and holds
/// little never makes the reader reserve what was promised.
constexpr std::size_t kGrowStep = std::size_t(1) << 20;

std::uint32_t bigEndian32(const std::uint8_t *p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8
           | std::uint32_t(p[3]);
}

void putBigEndian32(std::vector<std::uint8_t> &out, std::uint32_t v)
{
    out.push_back(std::uint8_t(v >> 24));
    out.push_back(std::uint8_t(v >> 16));
    out.push_back(std::uint8_t(v >> 8));
    out.push_back(std::uint8_t(v));
}

/// The bytes of an IDX file as stored: from a file on disk or from memory.
class StoredBytes
{
public:
    explicit StoredBytes(std::span<const std::uint8_t> bytes) : m_bytes(bytes) {}
    explicit StoredBytes(InputFile &file) : m_file(&file) {}

    std::uint64_t size() const { return m_file ? m_file->size() : m_bytes.size(); }
    std::size_t read(std::uint8_t *buffer, std::size_t n)
    {
        if (m_file)
            return m_file->read(buffer, n);
        n = std::min(n, m_bytes.size() - m_position);
        std::copy_n(m_bytes.data() + m_position, n, buffer);
        m_position += n;
        return n;
    }

private:
    InputFile *m_file = nullptr;
    std::span<const std::uint8_t> m_bytes;
    std::size_t m_position = 0;
};

/// The decoded bytes of an IDX file, raw or gzip, handed out in order and counted. Compressed
/// data is inflated only as far as read() asks.
class IdxStream
{
public:
    IdxStream(StoredBytes &stored, std::string name) : m_stored(stored), m_name(std::move(name))
    {
        m_inputSize = m_stored.read(m_input.data(), 2);
        m_compressed = isGzip({m_input.data(), m_inputSize});
        if (m_compressed) {
            if (inflateInit2(&m_zs, 15 + 16) != Z_OK)
                throw Error(ErrorCode::GzipCorrupt,
                            {.file = m_name, .detail = "zlib failed to start"});
            m_zs.next_in = m_input.data();
            m_zs.avail_in = uInt(m_inputSize);
        }
    }
    ~IdxStream()
    {
        if (m_compressed)
            inflateEnd(&m_zs);
    }
    IdxStream(const IdxStream &) = delete;
    IdxStream &operator=(const IdxStream &) = delete;

    /// The decoded size when it is known without decoding (raw data).
    std::optional<std::uint64_t> knownSize() const
    {
        return m_compressed ? std::nullopt : std::optional<std::uint64_t>(m_stored.size());
    }
    const std::string &name() const { return m_name; }
    std::uint64_t produced() const { return m_produced; }

    /// Reads up to n decoded bytes into buffer; fewer only at the end of the data.
    std::size_t read(std::uint8_t *buffer, std::size_t n)
    {
        const std::size_t got = m_compressed ? inflateInto(buffer, n) : copyInto(buffer, n);
        m_produced += got;
        return got;
    }

private:
    std::size_t copyInto(std::uint8_t *buffer, std::size_t n)
    {
        // The two bytes read to tell raw from gzip come first.
        const std::size_t early = std::min(n, m_inputSize - m_inputUsed);
        std::copy_n(m_input.data() + m_inputUsed, early, buffer);
        m_inputUsed += early;
        return early + m_stored.read(buffer + early, n - early);
    }

    std::size_t inflateInto(std::uint8_t *buffer, std::size_t n)
    {
        std::size_t done = 0;
        while (done < n && !m_ended) {
            if (m_zs.avail_in == 0 && !m_inputEnded) {
                const std::size_t got = m_stored.read(m_input.data(), m_input.size());
                m_inputEnded = got == 0;
                m_zs.next_in = m_input.data();
                m_zs.avail_in = uInt(got);
            }
            const std::size_t want = std::min<std::size_t>(n - done, 1U << 30);
            m_zs.next_out = buffer + done;
            m_zs.avail_out = uInt(want);
            const uInt inBefore = m_zs.avail_in;
            const int rc = inflate(&m_zs, Z_NO_FLUSH);
            const std::size_t made = want - m_zs.avail_out;
            done += made;
            if (rc == Z_STREAM_END) {
                m_ended = true;
                break;
            }
            const bool stuck = made == 0 && m_zs.avail_in == inBefore;
            if ((rc == Z_OK || rc == Z_BUF_ERROR) && !(stuck && m_inputEnded))
                continue;
            if (rc == Z_OK || rc == Z_BUF_ERROR)
                throw Error(ErrorCode::GzipTruncated, {.file = m_name});
            throw Error(
                ErrorCode::GzipCorrupt,
                {.file = m_name, .detail = m_zs.msg ? m_zs.msg : "corrupt compressed data"});
        }
        return done;
    }

    StoredBytes &m_stored;
    std::string m_name;
    bool m_compressed = false;
    z_stream m_zs{};
    std::array<std::uint8_t, 1 << 16> m_input{};
    std::size_t m_inputSize = 0; ///< bytes read to tell raw from gzip
    std::size_t m_inputUsed = 0; ///< of those, handed out (raw data)
    bool m_inputEnded = false;
    bool m_ended = false;
    std::uint64_t m_produced = 0;
};

/// Records how far a read got, also when it throws.
struct StatsRecorder
{
    const IdxStream &stream;
    IdxReadStats *stats;
    ~StatsRecorder()
    {
        if (stats)
            stats->decodedBytes = stream.produced();
    }
};

/// Reads the payload the header promised (payload bytes after headerSize), then checks that
/// nothing follows. args: the error arguments naming the file, field and promise.
std::vector<std::uint8_t>
readPayload(IdxStream &in, std::uint64_t headerSize, std::uint64_t payload, ErrorArgs args)
{
    const std::uint64_t expected = headerSize + payload;
    args.expected = std::int64_t(expected);
    if (const auto size = in.knownSize(); size && *size != expected) {
        // Raw data: the file's length tells before a byte of the payload is read.
        args.found = std::int64_t(*size);
        args.offset = std::int64_t(std::min(*size, expected));
        throw Error(*size < expected ? ErrorCode::IdxTruncated : ErrorCode::IdxTooLong, args);
    }
    std::vector<std::uint8_t> out;
    if (in.knownSize())
        out.reserve(payload);
    while (out.size() < payload) {
        const std::size_t step
            = std::size_t(std::min<std::uint64_t>(kGrowStep, payload - out.size()));
        const std::size_t before = out.size();
        out.resize(before + step);
        const std::size_t got = in.read(out.data() + before, step);
        if (got < step) {
            out.resize(before + got);
            args.found = std::int64_t(headerSize + out.size());
            args.offset = args.found;
            throw Error(ErrorCode::IdxTruncated, args);
        }
    }
    std::uint8_t extra = 0;
    if (in.read(&extra, 1) != 0) {
        args.offset = std::int64_t(expected);
        if (const auto size = in.knownSize())
            args.found = std::int64_t(*size);
        throw Error(ErrorCode::IdxTooLong, args);
    }
    return out;
}

IdxImages readImages(IdxStream &in, const IdxLimits &limits)
{
    const std::string &file = in.name();
    std::uint8_t head[16];
    const std::size_t got = in.read(head, sizeof head);
    const std::uint32_t magic = got >= 4 ? bigEndian32(head) : 0;
    if (magic == kLabelMagic)
        throw Error(
            ErrorCode::IdxWrongKind,
            {.file = file, .field = ErrorField::Images, .expected = kImageMagic, .found = magic});
    if (got < 16)
        throw Error(ErrorCode::IdxTooShort, {.file = file,
                                             .field = ErrorField::Images,
                                             .expected = 16,
                                             .found = std::int64_t(got)});
    if (magic != kImageMagic)
        throw Error(
            ErrorCode::IdxBadMagic,
            {.file = file, .field = ErrorField::Images, .expected = kImageMagic, .found = magic});
    const std::uint32_t count = bigEndian32(head + 4);
    const std::uint32_t rows = bigEndian32(head + 8);
    const std::uint32_t cols = bigEndian32(head + 12);
    if (count == 0 || count > kMaxCount)
        throw Error(ErrorCode::IdxBadCount,
                    {.file = file, .field = ErrorField::Images, .found = count});
    if (rows == 0 || cols == 0 || rows > kMaxSide || cols > kMaxSide)
        throw Error(ErrorCode::IdxBadDimensions, {.file = file, .rows = rows, .cols = cols});
    const std::uint64_t perImage = std::uint64_t(rows) * cols;
    const std::uint64_t payload = std::uint64_t(count) * perImage;
    const std::uint64_t limit
        = std::min(limits.maxPayloadBytes, std::uint64_t(limits.maxCount) * perImage);
    const ErrorArgs promise{.file = file,
                            .field = ErrorField::Images,
                            .index = count,
                            .rows = rows,
                            .cols = cols,
                            .expected = std::int64_t(16 + payload)};
    if (payload > limit) {
        ErrorArgs args = promise;
        args.expected = std::int64_t(payload);
        args.limit = std::int64_t(limit);
        throw Error(ErrorCode::IdxTooLarge, args);
    }
    IdxImages result;
    result.pixels = readPayload(in, 16, payload, promise);
    result.count = int(count);
    result.rows = int(rows);
    result.cols = int(cols);
    return result;
}

std::vector<std::uint8_t> readLabels(IdxStream &in, int maxLabel, const IdxLimits &limits)
{
    const std::string &file = in.name();
    std::uint8_t head[8];
    const std::size_t got = in.read(head, sizeof head);
    const std::uint32_t magic = got >= 4 ? bigEndian32(head) : 0;
    if (magic == kImageMagic)
        throw Error(
            ErrorCode::IdxWrongKind,
            {.file = file, .field = ErrorField::Labels, .expected = kLabelMagic, .found = magic});
    if (got < 8)
        throw Error(
            ErrorCode::IdxTooShort,
            {.file = file, .field = ErrorField::Labels, .expected = 8, .found = std::int64_t(got)});
    if (magic != kLabelMagic)
        throw Error(
            ErrorCode::IdxBadMagic,
            {.file = file, .field = ErrorField::Labels, .expected = kLabelMagic, .found = magic});
    const std::uint32_t count = bigEndian32(head + 4);
    if (count == 0 || count > kMaxCount)
        throw Error(ErrorCode::IdxBadCount,
                    {.file = file, .field = ErrorField::Labels, .found = count});
    const std::uint64_t limit = std::min<std::uint64_t>(limits.maxPayloadBytes, limits.maxCount);
    if (count > limit)
        throw Error(ErrorCode::IdxTooLarge, {.file = file,
                                             .field = ErrorField::Labels,
                                             .index = count,
                                             .expected = count,
                                             .limit = std::int64_t(limit)});
    std::vector<std::uint8_t> labels
        = readPayload(in, 8, count, {.file = file, .field = ErrorField::Labels, .index = count});
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] > maxLabel)
            throw Error(
                ErrorCode::LabelOutOfRange,
                {.file = file, .index = std::int64_t(i), .found = labels[i], .limit = maxLabel});
    return labels;
}

} // namespace

IdxImages readIdxImages(const fs::path &file, const IdxLimits &limits, IdxReadStats *stats)
{
    InputFile input(file);
    StoredBytes stored(input);
    IdxStream in(stored, file.string());
    const StatsRecorder record{in, stats};
    return readImages(in, limits);
}

std::vector<std::uint8_t>
readIdxLabels(const fs::path &file, int maxLabel, const IdxLimits &limits, IdxReadStats *stats)
{
    InputFile input(file);
    StoredBytes stored(input);
    IdxStream in(stored, file.string());
    const StatsRecorder record{in, stats};
    return readLabels(in, maxLabel, limits);
}

IdxImages parseIdxImages(std::span<const std::uint8_t> bytes,
                         const std::string &name,
                         const IdxLimits &limits,
                         IdxReadStats *stats)
{
    StoredBytes stored(bytes);
    IdxStream in(stored, name);
    const StatsRecorder record{in, stats};
    return readImages(in, limits);
}

std::vector<std::uint8_t> parseIdxLabels(std::span<const std::uint8_t> bytes,
                                         const std::string &name,
                                         int maxLabel,
                                         const IdxLimits &limits,
                                         IdxReadStats *stats)
{
    StoredBytes stored(bytes);
    IdxStream in(stored, name);
    const StatsRecorder record{in, stats};
    return readLabels(in, maxLabel, limits);
}

Dataset loadIdxPair(const fs::path &images,
                    const fs::path &labels,
                    std::string name,
                    const IdxLimits &limits)
{
    auto img = readIdxImages(images, limits);
    auto lab = readIdxLabels(labels, 9, limits);
    if (std::size_t(img.count) != lab.size())
        throw Error(ErrorCode::CountMismatch, {.file = images.string(),
                                               .otherFile = labels.string(),
                                               .name = name,
                                               .expected = img.count,
                                               .found = std::int64_t(lab.size())});
    Dataset data;
    data.name = std::move(name);
    data.rows = img.rows;
    data.cols = img.cols;
    data.images = std::move(img.pixels);
    data.labels = std::move(lab);
    return data;
}

fs::path findIdxFile(const fs::path &dir, const std::string &baseName)
{
    std::error_code ec;
    const fs::path raw = dir / baseName;
    if (fs::is_regular_file(raw, ec))
        return raw;
    const fs::path gz = dir / (baseName + ".gz");
    if (fs::is_regular_file(gz, ec))
        return gz;
    // Something that is no file (a folder, a FIFO) under the name: reading it says what.
    for (const fs::path &p : {raw, gz})
        if (fs::exists(p, ec))
            return p;
    throw Error(ErrorCode::DataMissing, {.folder = dir.string(), .name = baseName});
}

Dataset loadDataset(DatasetKind kind, Split split, const fs::path &dir)
{
    const std::string prefix = split == Split::Train ? "train" : "t10k";
    const auto images = findIdxFile(dir, prefix + "-images-idx3-ubyte");
    const auto labels = findIdxFile(dir, prefix + "-labels-idx1-ubyte");
    Dataset data = loadIdxPair(images, labels,
                               std::string(toString(kind)) + (split == Split::Train ? " train"
                                                                                     : " test"));
    data.classNames = classNames(kind);
    return data;
}

fs::path defaultMnistDirectory()
{
    if (const char *env = std::getenv("TINYML_DATA"); env && *env)
        return env;
    fs::path base;
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char *home = std::getenv("HOME"); home && *home)
        base = fs::path(home) / ".local" / "share";
    else
        base = ".";
    return base / "tinyml-studio" / "mnist";
}

fs::path defaultFashionDirectory()
{
    if (const char *env = std::getenv("TINYML_FASHION_DATA"); env && *env)
        return env;
    return "/usr/share/datasets/fashion-mnist";
}

fs::path defaultDirectory(DatasetKind kind)
{
    return kind == DatasetKind::Mnist ? defaultMnistDirectory() : defaultFashionDirectory();
}

std::vector<std::string> classNames(DatasetKind kind)
{
    if (kind == DatasetKind::FashionMnist)
        return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
}

std::string_view toString(DatasetKind kind)
{
    return kind == DatasetKind::Mnist ? "mnist" : "fashion";
}

void fillBatch(const Dataset &data, std::span<const std::uint32_t> indices, MatrixMap X,
               std::uint8_t *labels)
{
    const int pixels = data.pixels();
    constexpr float kScale = 1.0f / 255.0f;
    for (std::size_t c = 0; c < indices.size(); ++c) {
        const std::uint8_t *src = data.image(indices[c]);
        float *dst = X.data() + c * std::size_t(pixels);
        for (int p = 0; p < pixels; ++p)
            dst[p] = float(src[p]) * kScale;
        if (labels)
            labels[c] = data.labels[indices[c]];
    }
}

void writeIdxImages(const fs::path &file, int rows, int cols, std::span<const std::uint8_t> pixels)
{
    const std::size_t per = std::size_t(rows) * std::size_t(cols);
    if (rows < 1 || cols < 1 || pixels.size() % per != 0)
        throw Error(ErrorCode::IdxPartialImage, {.file = file.string()});
    std::vector<std::uint8_t> out;
    out.reserve(16 + pixels.size());
    putBigEndian32(out, kImageMagic);
    putBigEndian32(out, std::uint32_t(pixels.size() / per));
    putBigEndian32(out, std::uint32_t(rows));
    putBigEndian32(out, std::uint32_t(cols));
    out.insert(out.end(), pixels.begin(), pixels.end());
    writeFileAtomically(file, out);
}

void writeIdxLabels(const fs::path &file, std::span<const std::uint8_t> labels)
{
    std::vector<std::uint8_t> out;
    out.reserve(8 + labels.size());
    putBigEndian32(out, kLabelMagic);
    putBigEndian32(out, std::uint32_t(labels.size()));
    out.insert(out.end(), labels.begin(), labels.end());
    writeFileAtomically(file, out);
}

} // namespace tinyml::core
