// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/tensor.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace tinyml::core {

enum class DatasetKind : std::uint8_t { Mnist, FashionMnist };
enum class Split : std::uint8_t { Train, Test };

/// Labelled grayscale images kept as bytes (0 = background): full MNIST is 47 MB this way
/// instead of 188 MB of floats. Images become floats one batch at a time (fillBatch).
struct Dataset
{
    std::string name;
    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> images; ///< size() * rows * cols, row-major per image
    std::vector<std::uint8_t> labels; ///< size()
    std::vector<std::string> classNames;

    std::size_t size() const { return labels.size(); }
    int pixels() const { return rows * cols; }
    const std::uint8_t *image(std::size_t i) const { return images.data() + i * std::size_t(pixels()); }
};

/// What an IDX reader accepts at most. The header's promise is checked against these before
/// any pixel is read, so that a small file claiming a huge set costs nothing.
struct IdxLimits
{
    std::uint32_t maxCount = 100'000'000;                   ///< images or labels
    std::uint64_t maxPayloadBytes = std::uint64_t(1) << 30; ///< pixels or labels after the header
};

/// How much work a read did: the bytes decoded (after gzip's inflation, header included).
/// A refused file shows where the reader stopped.
struct IdxReadStats
{
    std::uint64_t decodedBytes = 0;
};

/// Reads one IDX image file (magic 2051) or label file (magic 2049), raw or gzip-compressed,
/// validating magic, dimensions, counts, length and (labels) values below maxLabel.
/// Compressed data is inflated only as far as the header allows: its header first, then the
/// promised payload and one byte more (a file that holds more than it says stops there).
/// Only regular files are read (a FIFO is refused without blocking).
/// Throws Error naming the file and the reason.
struct IdxImages
{
    int count = 0, rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels;
};
IdxImages readIdxImages(const std::filesystem::path &file,
                        const IdxLimits &limits = {},
                        IdxReadStats *stats = nullptr);
std::vector<std::uint8_t> readIdxLabels(const std::filesystem::path &file,
                                        int maxLabel = 9,
                                        const IdxLimits &limits = {},
                                        IdxReadStats *stats = nullptr);
/// The same on the bytes of a whole file held in memory; name stands for the file in errors.
IdxImages parseIdxImages(std::span<const std::uint8_t> bytes,
                         const std::string &name,
                         const IdxLimits &limits = {},
                         IdxReadStats *stats = nullptr);
std::vector<std::uint8_t> parseIdxLabels(std::span<const std::uint8_t> bytes,
                                         const std::string &name,
                                         int maxLabel = 9,
                                         const IdxLimits &limits = {},
                                         IdxReadStats *stats = nullptr);

/// Reads an image file and a label file into a Dataset; the counts must agree.
Dataset loadIdxPair(const std::filesystem::path &images,
                    const std::filesystem::path &labels,
                    std::string name,
                    const IdxLimits &limits = {});

/// The standard file names of a split ("train-images-idx3-ubyte", ...), found as they are
/// or with ".gz" in dir.
std::filesystem::path findIdxFile(const std::filesystem::path &dir, const std::string &baseName);
Dataset loadDataset(DatasetKind kind, Split split, const std::filesystem::path &dir);

/// Where data lives: $TINYML_DATA, else ${XDG_DATA_HOME:-$HOME/.local/share}/tinyml-studio/mnist.
std::filesystem::path defaultMnistDirectory();
/// Debian's dataset-fashion-mnist folder, or $TINYML_FASHION_DATA.
std::filesystem::path defaultFashionDirectory();
std::filesystem::path defaultDirectory(DatasetKind kind);

std::vector<std::string> classNames(DatasetKind kind);
std::string_view toString(DatasetKind kind);

/// Writes images[indices[i]] / 255 into column i of X (pixels, indices.size()).
void fillBatch(const Dataset &data, std::span<const std::uint32_t> indices, MatrixMap X,
               std::uint8_t *labels);

/// Writes an IDX file (used for the learner's own labelled drawings); atomic.
void writeIdxImages(const std::filesystem::path &file, int rows, int cols,
                    std::span<const std::uint8_t> pixels);
void writeIdxLabels(const std::filesystem::path &file, std::span<const std::uint8_t> labels);

} // namespace tinyml::core
