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

[[noreturn]] void fail(const fs::path &file, const std::string &why)
{
    throw Error("Cannot load " + file.string() + ": " + why);
}

std::string magicText(std::uint32_t magic)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", magic);
    return buf;
}

} // namespace

IdxImages readIdxImages(const fs::path &file)
{
    const auto bytes = readMaybeGzip(file);
    const std::uint32_t magic = bytes.size() >= 4 ? bigEndian32(bytes.data()) : 0;
    if (magic == kLabelMagic)
        fail(file, "this is an IDX label file (magic 0x00000801), not an image file.");
    if (bytes.size() < 16)
        fail(file, "the file is " + std::to_string(bytes.size())
                       + " bytes long, too short for an IDX image header (16 bytes).");
    if (magic != kImageMagic)
        fail(file, "wrong magic number " + magicText(magic)
                       + "; IDX image files start with 0x00000803.");
    const std::uint32_t count = bigEndian32(bytes.data() + 4);
    const std::uint32_t rows = bigEndian32(bytes.data() + 8);
    const std::uint32_t cols = bigEndian32(bytes.data() + 12);
    if (count == 0 || count > kMaxCount)
        fail(file, "impossible image count " + std::to_string(count) + ".");
    if (rows == 0 || cols == 0 || rows > kMaxSide || cols > kMaxSide)
        fail(file, "impossible image size " + std::to_string(rows) + "x" + std::to_string(cols)
                       + ".");
    const std::uint64_t expected = 16 + std::uint64_t(count) * rows * cols;
    if (bytes.size() != expected)
        fail(file, "the header promises " + std::to_string(count) + " images of "
                       + std::to_string(rows) + "x" + std::to_string(cols) + " ("
                       + std::to_string(expected) + " bytes) but the file has "
                       + std::to_string(bytes.size()) + " bytes"
                       + (bytes.size() < expected ? " (truncated)." : "."));
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
        fail(file, "this is an IDX image file (magic 0x00000803), not a label file.");
    if (bytes.size() < 8)
        fail(file, "the file is " + std::to_string(bytes.size())
                       + " bytes long, too short for an IDX label header (8 bytes).");
    if (magic != kLabelMagic)
        fail(file, "wrong magic number " + magicText(magic)
                       + "; IDX label files start with 0x00000801.");
    const std::uint32_t count = bigEndian32(bytes.data() + 4);
    if (count == 0 || count > kMaxCount)
        fail(file, "impossible label count " + std::to_string(count) + ".");
    if (bytes.size() != 8 + std::uint64_t(count))
        fail(file, "the header promises " + std::to_string(count) + " labels but the file has "
                       + std::to_string(bytes.size() - 8) + (bytes.size() - 8 < count
                                                                  ? " (truncated)."
                                                                  : "."));
    std::vector<std::uint8_t> labels(bytes.begin() + 8, bytes.end());
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] > maxLabel)
            fail(file, "label " + std::to_string(labels[i]) + " of item " + std::to_string(i)
                           + " is above " + std::to_string(maxLabel) + ".");
    return labels;
}

Dataset loadIdxPair(const fs::path &images, const fs::path &labels, std::string name)
{
    auto img = readIdxImages(images);
    auto lab = readIdxLabels(labels);
    if (std::size_t(img.count) != lab.size())
        throw Error("Cannot load " + name + ": " + images.string() + " holds "
                    + std::to_string(img.count) + " images but " + labels.string() + " holds "
                    + std::to_string(lab.size()) + " labels.");
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
    throw Error("Cannot find " + baseName + " (or " + baseName + ".gz) in " + dir.string()
                + ". Fetch MNIST with scripts/fetch-mnist.sh (or `cmake --build build "
                  "--target fetch-mnist`), or name another folder with --data.");
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
        throw Error("Cannot write " + file.string() + ": the pixels do not fill whole images.");
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
