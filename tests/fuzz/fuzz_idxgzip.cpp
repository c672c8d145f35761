// SPDX-License-Identifier: GPL-3.0-or-later
// Harness: the IDX reader on gzip files. With an even first byte the rest is taken as the
// gzip file itself (damaged streams, bombs, trailing garbage); with an odd one the rest is an
// IDX file the harness compresses first, so that mutations reach the header checks behind
// the decompression.

#include "fuzzsupport.h"

#include "core/base/error.h"
#include "core/data/dataset.h"

#include <vector>
#include <zlib.h>

using namespace tinyml;

namespace {

std::vector<std::uint8_t> gzipped(const std::uint8_t *data, std::size_t size)
{
    z_stream z{};
    // 15 + 16: a gzip wrapper, as gzip(1) writes.
    if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        fuzz::finding("deflateInit2 failed");
    std::vector<std::uint8_t> out(deflateBound(&z, uLong(size)) + 32);
    z.next_in = const_cast<Bytef *>(data);
    z.avail_in = uInt(size);
    z.next_out = out.data();
    z.avail_out = uInt(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        fuzz::finding("deflate did not finish");
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const bool compress = (data[0] & 1) != 0;
    const bool labels = (data[1] & 1) != 0;
    const std::uint8_t *body = data + 2;
    const std::size_t bodySize = size - 2;
    const auto file = fuzz::scratchFolder() / "input-idx.gz";
    if (compress)
        fuzz::writeBytes(file, gzipped(body, bodySize));
    else
        fuzz::writeBytes(file, {body, bodySize});
    try {
        if (labels) {
            for (auto v : core::readIdxLabels(file))
                if (v > 9)
                    fuzz::finding("a label above 9 was accepted");
        } else {
            const core::IdxImages images = core::readIdxImages(file);
            if (images.pixels.size()
                != std::size_t(images.count) * std::size_t(images.rows) * std::size_t(images.cols))
                fuzz::finding("the pixels disagree with the header");
        }
    } catch (const core::Error &) {
    }
    return 0;
}
