// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/dataset.h"

#include "core/base/error.h"
#include "core/io/fileio.h"

#include <algorithm>
#include <cstdlib>

namespace tinyml::core {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kImageMagic = 0x00000803; // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelMagic = 0x00000801; // unsigned byte, 1 dimension
constexpr std::uint64_t kMaxFileBytes = 1ULL << 31;
constexpr std::uint32_t kMaxSide = 4096;
constexpr std::uint32_t kMaxCount = 100'000'000;

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

std::vector<std::uint8_t> readMaybeGzip(const fs::path &file)
{
    auto bytes = readFile(file, kMaxFileBytes);
    if (isGzip(bytes))
        bytes = gunzip(bytes, file, kMaxFileBytes);
    return bytes;
}

} // namespace

IdxImages readIdxImages(const fs::path &file)
{
    const auto bytes = readMaybeGzip(file);
    const std::uint32_t magic = bytes.size() >= 4 ? bigEndian32(bytes.data()) : 0;
    if (magic == kLabelMagic)
        throw Error(ErrorCode::IdxWrongKind, {.file = file.string(),
                                              .field = ErrorField::Images,
                                              .expected = kImageMagic,
                                              .found = magic});
    if (bytes.size() < 16)
        throw Error(ErrorCode::IdxTooShort, {.file = file.string(),
                                             .field = ErrorField::Images,
                                             .expected = 16,
                                             .found = std::int64_t(bytes.size())});
    if (magic != kImageMagic)
        throw Error(ErrorCode::IdxBadMagic, {.file = file.string(),
                                             .field = ErrorField::Images,
                                             .expected = kImageMagic,
                                             .found = magic});
    const std::uint32_t count = bigEndian32(bytes.data() + 4);
    const std::uint32_t rows = bigEndian32(bytes.data() + 8);
    const std::uint32_t cols = bigEndian32(bytes.data() + 12);
    if (count == 0 || count > kMaxCount)
        throw Error(ErrorCode::IdxBadCount,
                    {.file = file.string(), .field = ErrorField::Images, .found = count});
    if (rows == 0 || cols == 0 || rows > kMaxSide || cols > kMaxSide)
        throw Error(ErrorCode::IdxBadDimensions,
                    {.file = file.string(), .rows = rows, .cols = cols});
    const std::uint64_t expected = 16 + std::uint64_t(count) * rows * cols;
    if (bytes.size() != expected)
        throw Error(bytes.size() < expected ? ErrorCode::IdxTruncated : ErrorCode::IdxTooLong,
                    {.file = file.string(),
                     .field = ErrorField::Images,
                     .index = count,
                     .offset = std::int64_t(std::min<std::uint64_t>(bytes.size(), expected)),
                     .rows = rows,
                     .cols = cols,
                     .expected = std::int64_t(expected),
                     .found = std::int64_t(bytes.size())});
    IdxImages result;
    result.count = int(count);
    result.rows = int(rows);
    result.cols = int(cols);
    result.pixels.assign(bytes.begin() + 16, bytes.end());
    return result;
}

std::vector<std::uint8_t> readIdxLabels(const fs::path &file, int maxLabel)
{
    const auto bytes = readMaybeGzip(file);
    const std::uint32_t magic = bytes.size() >= 4 ? bigEndian32(bytes.data()) : 0;
    if (magic == kImageMagic)
        throw Error(ErrorCode::IdxWrongKind, {.file = file.string(),
                                              .field = ErrorField::Labels,
                                              .expected = kLabelMagic,
                                              .found = magic});
    if (bytes.size() < 8)
        throw Error(ErrorCode::IdxTooShort, {.file = file.string(),
                                             .field = ErrorField::Labels,
                                             .expected = 8,
                                             .found = std::int64_t(bytes.size())});
    if (magic != kLabelMagic)
        throw Error(ErrorCode::IdxBadMagic, {.file = file.string(),
                                             .field = ErrorField::Labels,
                                             .expected = kLabelMagic,
                                             .found = magic});
    const std::uint32_t count = bigEndian32(bytes.data() + 4);
    if (count == 0 || count > kMaxCount)
        throw Error(ErrorCode::IdxBadCount,
                    {.file = file.string(), .field = ErrorField::Labels, .found = count});
    if (bytes.size() != 8 + std::uint64_t(count))
        throw Error(bytes.size() - 8 < count ? ErrorCode::IdxTruncated : ErrorCode::IdxTooLong,
                    {.file = file.string(),
                     .field = ErrorField::Labels,
                     .index = count,
                     .offset = std::int64_t(std::min<std::uint64_t>(bytes.size(), 8 + count)),
                     .expected = std::int64_t(8 + std::uint64_t(count)),
                     .found = std::int64_t(bytes.size())});
    std::vector<std::uint8_t> labels(bytes.begin() + 8, bytes.end());
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] > maxLabel)
            throw Error(ErrorCode::LabelOutOfRange, {.file = file.string(),
                                                     .index = std::int64_t(i),
                                                     .found = labels[i],
                                                     .limit = maxLabel});
    return labels;
}

Dataset loadIdxPair(const fs::path &images, const fs::path &labels, std::string name)
{
    auto img = readIdxImages(images);
    auto lab = readIdxLabels(labels);
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
