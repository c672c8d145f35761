// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/imagefile.h"

#include <algorithm>
#include <array>

namespace tinyml::core {

namespace {

constexpr std::array<std::uint8_t, 8> kPngSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

std::uint32_t bigEndian32(std::span<const std::uint8_t> d, std::size_t at)
{
    return std::uint32_t(d[at]) << 24 | std::uint32_t(d[at + 1]) << 16
           | std::uint32_t(d[at + 2]) << 8 | std::uint32_t(d[at + 3]);
}

/// Chunks of 4 bytes length, 4 bytes type, data and a 4-byte CRC, until IEND.
bool pngTruncated(std::span<const std::uint8_t> d)
{
    std::size_t at = kPngSignature.size();
    while (at + 12 <= d.size()) {
        const std::uint64_t length = bigEndian32(d, at);
        const bool end
            = d[at + 4] == 'I' && d[at + 5] == 'E' && d[at + 6] == 'N' && d[at + 7] == 'D';
        const std::uint64_t next = at + 12 + length;
        if (next > d.size())
            return true;
        if (end)
            return false;
        at = std::size_t(next);
    }
    return true;
}

/// Markers from the start of image; after each start of scan the entropy-coded data runs to the
/// next marker that is neither a stuffed FF 00 nor a restart marker FF D0..D7.
bool jpegTruncated(std::span<const std::uint8_t> d)
{
    std::size_t at = 2;
    while (true) {
        while (at < d.size() && d[at] == 0xFF && at + 1 < d.size() && d[at + 1] == 0xFF)
            ++at; // fill bytes before a marker
        if (at + 1 >= d.size())
            return true;
        if (d[at] != 0xFF)
            return false; // not a marker where one belongs: damaged, for the decoder to say
        const std::uint8_t marker = d[at + 1];
        if (marker == 0xD9)
            return false; // end of image
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            at += 2; // markers without a segment
            continue;
        }
        if (at + 4 > d.size())
            return true;
        const std::size_t length = std::size_t(d[at + 2]) << 8 | d[at + 3];
        if (at + 2 + length > d.size())
            return true;
        at += 2 + length;
        if (marker != 0xDA)
            continue;
        // Entropy-coded data of the scan.
        while (true) {
            if (at + 1 >= d.size())
                return true;
            if (d[at] == 0xFF) {
                const std::uint8_t next = d[at + 1];
                if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7))
                    break;
            }
            ++at;
        }
    }
}

} // namespace

ImageContainer imageContainer(std::span<const std::uint8_t> data)
{
    if (data.size() >= kPngSignature.size()
        && std::equal(kPngSignature.begin(), kPngSignature.end(), data.begin()))
        return ImageContainer::Png;
    if (data.size() >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return ImageContainer::Jpeg;
    return ImageContainer::Other;
}

bool imageTruncated(std::span<const std::uint8_t> data)
{
    switch (imageContainer(data)) {
    case ImageContainer::Png:
        return pngTruncated(data);
    case ImageContainer::Jpeg:
        return jpegTruncated(data);
    case ImageContainer::Other:
        break;
    }
    return false;
}

} // namespace tinyml::core
