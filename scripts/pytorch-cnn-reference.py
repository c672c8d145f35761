#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The issue's small CNN trained with PyTorch, as `tinyml train --layers` trains it, to compare
speed and accuracy on the same machine:
  Conv2D(8, 3, relu) -> MaxPooling2D(2) -> Conv2D(16, 3, relu) -> MaxPooling2D(2) -> Flatten ->
  Dense(10, softmax); Glorot-uniform kernels, zero biases (Keras's defaults), Adam with Keras's
  defaults (lr 0.001, epsilon 1e-7), batch 32, shuffled every epoch, inputs / 255.

Run with Debian's Python (python3-torch):
  /usr/bin/python3 scripts/pytorch-cnn-reference.py [--threads N] [--epochs 5] [--seed 1] [DIR]
Prints one line per epoch (wall and CPU seconds) and the test accuracy; --json for one object.
"""

import argparse
import json
import os
import struct
import time

import torch


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).reshape(count, 1, rows, cols)
    return torch.frombuffer(bytearray(data[8:]), dtype=torch.uint8).long()


def model():
    nn = torch.nn
    m = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Flatten(), nn.Linear(400, 10))
    for layer in m:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?",
                    default=os.path.expanduser("~/.local/share/tinyml-studio/mnist"))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = read_idx(os.path.join(a.dir, "train-images-idx3-ubyte")).float() / 255.0
    y = read_idx(os.path.join(a.dir, "train-labels-idx1-ubyte"))
    xt = read_idx(os.path.join(a.dir, "t10k-images-idx3-ubyte")).float() / 255.0
    yt = read_idx(os.path.join(a.dir, "t10k-labels-idx1-ubyte"))
    m = model()
    opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    epochs = []
    for epoch in range(a.epochs):
        wall, cpu = time.perf_counter(), time.process_time()
        order = torch.randperm(len(x))
        m.train()
        for start in range(0, len(x), 32):
            idx = order[start:start + 32]
            opt.zero_grad()
            loss = loss_fn(m(x[idx]), y[idx])
            loss.backward()
            opt.step()
        epochs.append({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu})
        if not a.json:
            print("epoch %d: %.2f s wall, %.2f s CPU" % (epoch + 1, epochs[-1]["wall"], epochs[-1]["cpu"]),
                  flush=True)
    m.eval()
    with torch.no_grad():
        acc = (m(xt).argmax(1) == yt).float().mean().item()
    if a.json:
        print(json.dumps({"threads": a.threads, "seed": a.seed, "epochs": epochs, "test_accuracy": acc}))
    else:
        print("test accuracy %.4f" % acc)


if __name__ == "__main__":
    main()
