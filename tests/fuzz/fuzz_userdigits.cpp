// SPDX-License-Identifier: GPL-3.0-or-later
// Harness: the learner's own drawings (ui/shared/userdigits, UserDigits::load) on an arbitrary
// pair of files. Bytes 0-1 (little-endian) give how many of the following bytes form the
// image file; the rest is the label file. A damaged set must be reported (load() returns
// false), never crash, and must stay untouched on disk; a set it accepts must be whole 28x28
// images with a label each.

#include "fuzzsupport.h"

#include "ui/shared/userdigits.h"

#include <QString>

#include <algorithm>
#include <vector>

using namespace tinyml;

namespace {

std::vector<std::uint8_t> readBack(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const std::size_t imageBytes = std::min<std::size_t>(data[0] | data[1] << 8, size - 2);
    const std::span<const std::uint8_t> images(data + 2, imageBytes);
    const std::span<const std::uint8_t> labels(data + 2 + imageBytes, size - 2 - imageBytes);
    const auto folder = fuzz::scratchFolder() / "my-digits";
    std::filesystem::create_directories(folder);
    fuzz::writeBytes(folder / "images-idx3-ubyte", images);
    fuzz::writeBytes(folder / "labels-idx1-ubyte", labels);

    ui::UserDigits digits(QString::fromStdString(folder.string()));
    QString error;
    if (digits.load(&error)) {
        const auto &d = digits.data();
        if (d.rows != 28 || d.cols != 28 || d.images.size() != d.size() * 784)
            fuzz::finding("a set of drawings that is not whole 28x28 images was accepted");
        for (auto label : d.labels)
            if (label > 9)
                fuzz::finding("a drawing with a label above 9 was accepted");
    } else if (error.isEmpty()) {
        fuzz::finding("a damaged set of drawings was refused without a reason");
    }
    const auto imagesAfter = readBack(folder / "images-idx3-ubyte");
    const auto labelsAfter = readBack(folder / "labels-idx1-ubyte");
    if (!std::equal(images.begin(), images.end(), imagesAfter.begin(), imagesAfter.end())
        || !std::equal(labels.begin(), labels.end(), labelsAfter.begin(), labelsAfter.end()))
        fuzz::finding("loading changed the drawings on disk");
    return 0;
}
