// SPDX-License-Identifier: GPL-3.0-or-later
// gzip streams made in the tests with zlib: honest ones and "bombs" that are small on disk but
// inflate to gigabytes. Tests that include this link ZLIB::ZLIB.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <span>
#include <vector>

namespace tinyml::test {

/// Big-endian 32-bit value, as IDX headers store them.
inline void appendBigEndian32(std::vector<std::uint8_t> &out, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(std::uint8_t(v >> shift));
}

/// An IDX image header: magic 0x803, count, rows, cols.
inline std::vector<std::uint8_t>
idxImageHeader(std::uint32_t count, std::uint32_t rows, std::uint32_t cols)
{
    std::vector<std::uint8_t> h;
    for (std::uint32_t v : {0x803U, count, rows, cols})
        appendBigEndian32(h, v);
    return h;
}

/// An IDX label header: magic 0x801, count.
inline std::vector<std::uint8_t> idxLabelHeader(std::uint32_t count)
{
    std::vector<std::uint8_t> h;
    for (std::uint32_t v : {0x801U, count})
        appendBigEndian32(h, v);
    return h;
}

/// bytes as one complete gzip stream (with its CRC trailer).
inline std::vector<std::uint8_t> gzipped(std::span<const std::uint8_t> bytes)
{
    z_stream zs{};
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::vector<std::uint8_t> out(deflateBound(&zs, uLong(bytes.size())) + 64);
    zs.next_in = const_cast<Bytef *>(bytes.data());
    zs.avail_in = uInt(bytes.size());
    zs.next_out = out.data();
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : std::vector<std::uint8_t>{};
}

/// A gzip stream that inflates to prefix followed by zeroMiB MiB of zeros, yet takes about
/// 1 KB per MiB on disk: one MiB of zeros is compressed once after a full flush (which resets
/// the compressor, so equal input gives equal bytes) and that block is repeated. It has no
/// trailer: a reader must stop long before the end.
inline std::vector<std::uint8_t> gzipBomb(std::span<const std::uint8_t> prefix, int zeroMiB)
{
    z_stream zs{};
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    auto compress = [&zs](std::span<const std::uint8_t> in) {
        std::vector<std::uint8_t> out(deflateBound(&zs, uLong(in.size())) + 64);
        zs.next_in = const_cast<Bytef *>(in.data());
        zs.avail_in = uInt(in.size());
        zs.next_out = out.data();
        zs.avail_out = uInt(out.size());
        deflate(&zs, Z_FULL_FLUSH);
        out.resize(out.size() - zs.avail_out);
        return out;
    };
    std::vector<std::uint8_t> bomb = compress(prefix);
    const std::vector<std::uint8_t> zeros(std::size_t(1) << 20, 0);
    const std::vector<std::uint8_t> block = compress(zeros);
    deflateEnd(&zs);
    bomb.reserve(bomb.size() + block.size() * std::size_t(zeroMiB));
    for (int i = 0; i < zeroMiB; ++i)
        bomb.insert(bomb.end(), block.begin(), block.end());
    return bomb;
}

} // namespace tinyml::test
