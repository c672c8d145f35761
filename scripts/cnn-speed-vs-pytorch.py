#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seconds per epoch of the issue's small CNN, ours against PyTorch, side by side in one run.

For each thread count, alternately: `tinyml train --layers ...` and
scripts/pytorch-cnn-reference.py with the same model and settings (Adam, batch 32, full MNIST);
prints the best epoch of each, their ratio (ours / PyTorch; the target is at most 0.5) and, for
ours, the peak resident memory. Run with Debian's Python (python3-torch):
  /usr/bin/python3 scripts/cnn-speed-vs-pytorch.py [--tinyml build/release/app/tinyml]
      [--epochs 1] [--threads 1,2] [--data DIR]
"""

import argparse
import json
import os
import subprocess
import sys

LAYERS = ("Conv2D(8, 3, activation=relu), MaxPooling2D(2), Conv2D(16, 3, activation=relu), "
          "MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)")
HERE = os.path.dirname(os.path.abspath(__file__))


def ours(tinyml, threads, epochs, data):
    cmd = [tinyml, "train", "--layers", LAYERS, "--epochs", str(epochs), "--threads",
           str(threads), "--json"]
    if data:
        cmd += ["--data", data]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    seconds = min(line["seconds"] for line in lines if "epoch" in line)
    summary = lines[-1]
    return seconds, summary.get("peak_rss_mib")


def pytorch(threads, epochs, data):
    cmd = [sys.executable, os.path.join(HERE, "pytorch-cnn-reference.py"), "--threads",
           str(threads), "--epochs", str(epochs), "--json"]
    if data:
        cmd.append(data)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return min(e["wall"] for e in result["epochs"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tinyml",
                    default=os.path.join(HERE, "..", "build", "release", "app", "tinyml"))
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--data", default=None)
    a = ap.parse_args()
    print("threads  ours s/epoch  PyTorch s/epoch  ratio  ours peak RSS MiB")
    for threads in [int(t) for t in a.threads.split(",")]:
        mine, rss = ours(a.tinyml, threads, a.epochs, a.data)
        theirs = pytorch(threads, a.epochs, a.data)
        print("%7d  %12.3f  %15.3f  %5.2f  %s" % (threads, mine, theirs, mine / theirs, rss),
              flush=True)


if __name__ == "__main__":
    main()
