#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the small IDX fixtures of the reader tests (synthetic, not MNIST).

Run from this folder; the outputs are committed so the tests never need Python.
"""
import gzip
import struct

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
