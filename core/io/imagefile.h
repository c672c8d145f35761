// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>

namespace tinyml::core {

/// The container of an image file, told from its first bytes.
enum class ImageContainer {
    Png,  ///< starts with the 8-byte PNG signature
    Jpeg, ///< starts with a JPEG start-of-image marker (FF D8 FF)
    Other,
};

ImageContainer imageContainer(std::span<const std::uint8_t> data);

/// Whether a PNG or JPEG file ends before its structure does, which decoders do not all report
/// (a JPEG decoder fills the missing rows with grey and succeeds). A PNG must reach its IEND
/// chunk, chunk by chunk; a JPEG must reach its end-of-image marker FF D9, segment by segment
/// and through the entropy-coded data of every scan. Anything else is never "truncated".
bool imageTruncated(std::span<const std::uint8_t> data);

} // namespace tinyml::core
