#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora of the fuzz harnesses that need no engine (tests/fuzz/corpus/NAME):
small MNIST-like IDX files, raw and gzip, canvases, `tinyml train` command lines, runs.json
lists and pairs of drawing files. The model-file seeds come from the library itself
(make_corpus.sh runs fuzz_make_model_seeds). Deterministic: the same files every run.

Usage: make_corpus.py OUT_FOLDER
"""
import gzip
import json
import struct
import sys
from pathlib import Path


def idx_images(images, rows, cols):
    """An IDX3 unsigned-byte image file (magic 0x00000803, big-endian sizes)."""
    body = b"".join(bytes(img) for img in images)
    return struct.pack(">IIII", 0x803, len(images), rows, cols) + body


def idx_labels(labels):
    """An IDX1 unsigned-byte label file (magic 0x00000801)."""
    return struct.pack(">II", 0x801, len(labels)) + bytes(labels)


def stroke_digit(rows, cols, kind):
    """A crude digit drawn in bright ink on black: a ring (0), a bar (1) or a diagonal (7)."""
    img = [0] * (rows * cols)
    for y in range(rows):
        for x in range(cols):
            dy, dx = y - rows / 2, x - cols / 2
            r2 = dx * dx + dy * dy
            if kind == 0 and (rows / 4) ** 2 <= r2 <= (rows / 3) ** 2:
                img[y * cols + x] = 255
            elif kind == 1 and abs(dx) < max(1, cols / 14) and abs(dy) < rows / 3:
                img[y * cols + x] = 230
            elif kind == 7 and (abs(dx + dy) < 1.5 or (y == rows // 5 and abs(dx) < cols / 3)):
                img[y * cols + x] = 200
    return img


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])

    digits28 = [stroke_digit(28, 28, k) for k in (0, 1, 7)]
    images28 = idx_images(digits28, 28, 28)
    images_small = idx_images([stroke_digit(5, 4, 0), stroke_digit(5, 4, 1)], 5, 4)
    images_none = idx_images([], 28, 28)
    labels3 = idx_labels([0, 1, 7])
    labels10 = idx_labels(list(range(10)))
    labels_none = idx_labels([])

    # fuzz_idx: first byte 0 = images, 1 = labels; the rest is the file.
    d = out / "idx"
    write(d, "images-28x28.seed", b"\0" + images28)
    write(d, "images-5x4.seed", b"\0" + images_small)
    write(d, "images-none.seed", b"\0" + images_none)
    write(d, "labels-3.seed", b"\1" + labels3)
    write(d, "labels-10.seed", b"\1" + labels10)
    write(d, "labels-none.seed", b"\1" + labels_none)

    # fuzz_idxgzip: byte 0 even = the rest is the .gz file as it is, odd = the harness
    # compresses it; byte 1 even = images, odd = labels.
    d = out / "idxgzip"
    write(d, "gz-images-28x28.seed", b"\0\0" + gz(images28))
    write(d, "gz-images-5x4.seed", b"\0\0" + gz(images_small))
    write(d, "gz-labels-10.seed", b"\0\1" + gz(labels10))
    write(d, "gz-labels-none.seed", b"\0\1" + gz(labels_none))
    write(d, "raw-images-5x4.seed", b"\1\0" + images_small)
    write(d, "raw-images-28x28.seed", b"\1\0" + images28)
    write(d, "raw-labels-3.seed", b"\1\1" + labels3)
    # Two gzip members back to back, as `cat a.gz b.gz` makes.
    write(d, "gz-two-members.seed", b"\0\0" + gz(images_small[:10]) + gz(images_small[10:]))

    # fuzz_preprocess: u16 width - 1, u16 height - 1 (little-endian), polarity, pixels.
    def canvas(w, h, polarity, pixels):
        return struct.pack("<HHB", w - 1, h - 1, polarity) + bytes(pixels)

    d = out / "preprocess"
    write(d, "mnist-digit.seed", canvas(28, 28, 2, digits28[0]))
    big = stroke_digit(96, 96, 7)
    write(d, "pen-on-paper.seed", canvas(96, 96, 1, [255 - p for p in big]))
    write(d, "auto-dark-ink.seed", canvas(64, 48, 0, [255 - p for p in stroke_digit(48, 64, 0)]))
    write(d, "blank.seed", canvas(200, 200, 0, [0]))
    specks = [0] * (100 * 100)
    for x, y in ((10, 10), (80, 15), (20, 85), (90, 90)):
        specks[y * 100 + x] = 30
    write(d, "four-specks.seed", canvas(100, 100, 2, specks))
    write(d, "one-pixel.seed", canvas(1, 1, 2, [255]))
    write(d, "thin-line.seed", canvas(512, 1, 2, [255]))

    # fuzz_options: a `tinyml train` command line, one argument per line.
    d = out / "options"
    lines = {
        "readme-full": ["--hidden", "256,64", "--activation", "tanh", "--optimizer", "sgd",
                        "--lr", "0.05", "--dropout", "0.2", "--validation-split", "0.1",
                        "--early-stopping", "3", "--out", "model.tmlm"],
        "course": ["--hidden", "128", "--epochs", "5"],
        "inline-values": ["--epochs=20", "--seed=2147483647", "--l2=0.001", "--json"],
        "flags": ["--json", "--augment", "--nesterov", "--optimizer", "momentum",
                  "--momentum", "0.9", "--validate-on-test"],
        "no-hidden": ["--hidden", "0", "--batch-size", "65536", "--lr", "1e-9"],
        "positional": ["model.tmlm", "--", "--data", "/tmp/mnist", "--dataset", "fashion"],
    }
    for name, args in lines.items():
        write(d, name + ".seed", "\n".join(args).encode())

    # fuzz_runs: runs.json as RunStore writes it. The harness keeps a 4-3-2 model as r1.tmlm.
    def run(run_id, **extra):
        r = {
            "id": run_id, "name": "Run " + run_id, "created": "2026-01-02T03:04:05",
            "layers": [{"units": 3, "activation": "relu"}, {"units": 2, "activation": "softmax"}],
            "loss": "sparse_categorical_crossentropy", "initializer": "glorot_uniform",
            "l2": 0, "dropout": 0, "optimizer": "adam", "learning_rate": 0.001,
            "momentum": 0, "nesterov": False, "epochs_planned": 2, "batch_size": 32,
            "validation_split": 0.1, "validate_on_test": False, "patience": 0, "seed": 42,
            "subset": 0, "augment": False, "fashion": False,
            "epochs": [{"epoch": 1, "loss": 0.5, "accuracy": 0.8, "has_validation": True,
                        "val_loss": 0.6, "val_accuracy": 0.75, "seconds": 1.5}],
            "loss_x": [0.5, 1.0], "loss_y": [0.9, 0.5], "outcome": "completed",
            "tested": True, "test_accuracy": 0.81, "test_loss": 0.55, "seconds": 3.0,
        }
        r.update(extra)
        return r

    def runs(*entries):
        return json.dumps({"format": "tinyml-runs", "version": 1, "runs": list(entries)},
                          indent=4).encode()

    d = out / "runs"
    write(d, "one-run.json", runs(run("r1")))
    write(d, "no-model.json", runs(run("abc12345", optimizer="sgd", loss="mse",
                                       outcome="early_stopped", fashion=True)))
    write(d, "two-runs.json", runs(run("r1"), run("r2", outcome="diverged", tested=False,
                                                  layers=[{"units": 10,
                                                           "activation": "softmax"}])))
    write(d, "empty-list.json", runs())
    write(d, "not-a-list.json", json.dumps({"format": "something-else"}).encode())

    # fuzz_userdigits: u16 length of the image file (little-endian), image file, label file.
    def pair(images, labels):
        return struct.pack("<H", len(images)) + images + labels

    d = out / "userdigits"
    write(d, "three-digits.seed", pair(images28, labels3))
    write(d, "gzip-pair.seed", pair(gz(images28), gz(labels3)))
    # Two images but three labels: what a save interrupted between its two files leaves.
    write(d, "count-mismatch.seed", pair(idx_images(digits28[:2], 28, 28), labels3))
    write(d, "wrong-size.seed", pair(images_small, idx_labels([0, 1])))
    write(d, "empty-set.seed", pair(images_none, labels_none))


if __name__ == "__main__":
    main()
