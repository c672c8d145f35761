// SPDX-License-Identifier: GPL-3.0-or-later
// Harness: the IDX reader on a raw (uncompressed) file of arbitrary bytes, as images and as
// labels. A file it accepts must hold exactly what its header says.

#include "fuzzsupport.h"

#include "core/base/error.h"
#include "core/data/dataset.h"

using namespace tinyml;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // The first byte chooses the reader, the rest is the file (so a label file never starts
    // with the gzip magic by accident of the choice).
    if (size == 0)
        return 0;
    const bool labels = (data[0] & 1) != 0;
    const auto file = fuzz::scratchFolder() / "input-idx";
    fuzz::writeBytes(file, {data + 1, size - 1});
    try {
        if (labels) {
            const auto values = core::readIdxLabels(file);
            for (auto v : values)
                if (v > 9)
                    fuzz::finding("a label above 9 was accepted");
        } else {
            const core::IdxImages images = core::readIdxImages(file);
            if (images.count < 0 || images.rows <= 0 || images.cols <= 0
                || images.pixels.size()
                       != std::size_t(images.count) * std::size_t(images.rows)
                              * std::size_t(images.cols))
                fuzz::finding("the pixels disagree with the header");
        }
    } catch (const core::Error &) {
        // Refused with a reason: what a bad file must get.
    }
    return 0;
}
