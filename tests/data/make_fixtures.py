#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the small IDX fixtures of the reader tests (synthetic, not MNIST).

Run from this folder; the outputs are committed so the tests never need Python.
"""
import gzip
import struct
import zlib

ROWS, COLS, COUNT = 4, 5, 3


def images(count=COUNT, magic=0x00000803, rows=ROWS, cols=COLS, payload=None):
    header = struct.pack(">IIII", magic, count, rows, cols)
    if payload is None:
        payload = bytes((i * 7) % 256 for i in range(COUNT * ROWS * COLS))
    return header + payload


def labels(values=(3, 1, 4), magic=0x00000801, count=None):
    count = len(values) if count is None else count
    return struct.pack(">II", magic, count) + bytes(values)


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


write("good-images.idx3", images())
write("good-labels.idx1", labels())
# gzip with a fixed mtime so the bytes are reproducible
write("good-images.idx3.gz", gzip.compress(images(), mtime=0))
write("good-labels.idx1.gz", gzip.compress(labels(), mtime=0))
write("bad-magic-images.idx3", images(magic=0x00000804))
write("truncated-images.idx3", images()[:-5])
write("count-mismatch-labels.idx1", labels(values=(3, 1)))
write("header-count-mismatch-labels.idx1", labels(values=(3, 1, 4), count=5))
write("label-above-9-labels.idx1", labels(values=(3, 10, 4)))
write("broken-images.idx3.gz", gzip.compress(images(), mtime=0)[:-12])
write("short-header-images.idx3", images()[:10])
write("huge-size-images.idx3", images(rows=100000, cols=100000))
# More bytes than the header promises (the extra bytes would flow into the pixels), and counts of 0.
write("too-long-images.idx3", images() + bytes(5))
write("too-long-labels.idx1", labels() + bytes(1))
write("zero-count-images.idx3", images(count=0, payload=b""))
write("zero-count-labels.idx1", labels(values=()))


def model_v1():
    """A 4-3-2 model file in format version 1 (tanh, softmax; Adam), written from the layout in
    core/io/modelfile.h: weights 0.01 * (i + 1) in flat order, one info entry, CRC-32 last."""
    out = b"TMLMODEL" + struct.pack("<III", 1, 0, 4)
    out += struct.pack("<I", 2) + struct.pack("<II", 3, 2) + struct.pack("<II", 2, 5)
    out += struct.pack("<IIff", 0, 0, 0.0, 0.0)
    out += struct.pack("<I6fI", 3, 0.001, 0.9, 0.999, 1e-7, 0.9, 0.9, 0)
    count = 4 * 3 + 3 + 3 * 2 + 2
    out += struct.pack("<Q", count) + struct.pack("<%df" % count, *[0.01 * (i + 1) for i in range(count)])
    key, value = b"created_by", b"version 1 writer"
    out += struct.pack("<I", 1) + struct.pack("<I", len(key)) + key + struct.pack("<I", len(value)) + value
    return out + struct.pack("<I", zlib.crc32(out))


write("v1-dense.tmlm", model_v1())
