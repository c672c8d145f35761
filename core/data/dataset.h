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

/// Reads one IDX image file (magic 2051) or label file (magic 2049), raw or gzip-compressed,
/// validating magic, dimensions, counts, file length and (labels) values below maxLabel.
/// Throws Error naming the file and the reason.
struct IdxImages
{
    int count = 0, rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels;
};
IdxImages readIdxImages(const std::filesystem::path &file);
std::vector<std::uint8_t> readIdxLabels(const std::filesystem::path &file, int maxLabel = 9);

/// Reads an image file and a label file into a Dataset; the counts must agree.
Dataset loadIdxPair(const std::filesystem::path &images, const std::filesystem::path &labels,
                    std::string name);

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
