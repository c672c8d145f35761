#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seconds per epoch of the issue's small CNN, ours against PyTorch, side by side in one run.

For each thread count, --rounds times alternately: `tinyml train --layers ...` and
scripts/pytorch-cnn-reference.py with the same model and settings (Adam, batch 32, full MNIST).
Each round prints the best epoch of each, wall-clock and CPU seconds, and their ratios (ours /
PyTorch; the target is at most 0.5), with ours' peak resident memory and the load average;
then the median ratios of the rounds. On a shared machine the CPU-time ratio of one thread is the
steadier figure: the wall-clock one also measures how long the other programs held the core.
--realtime runs every measured program at real-time priority (`chrt -f 10`, needs root or
CAP_SYS_NICE), which gives it the cores as on a quiet machine, and pauses --pause seconds after
each so that the other programs catch up.
Run with Debian's Python (python3-torch):
  /usr/bin/python3 scripts/cnn-speed-vs-pytorch.py [--tinyml build/release/app/tinyml]
      [--epochs 1] [--threads 1,2] [--rounds 3] [--realtime [--pause 5]] [--data DIR]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

LAYERS = ("Conv2D(8, 3, activation=relu), MaxPooling2D(2), Conv2D(16, 3, activation=relu), "
          "MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)")
HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = []  # ["chrt", "-f", "10"] with --realtime
PAUSE = 0.0


def run(cmd):
    out = subprocess.run(PREFIX + cmd, check=True, capture_output=True, text=True).stdout
    time.sleep(PAUSE)
    return out


def ours(tinyml, threads, epochs, data):
    """Best epoch's (wall, CPU) seconds and the peak RSS in MiB."""
    cmd = [tinyml, "train", "--layers", LAYERS, "--epochs", str(epochs), "--threads",
           str(threads), "--json"]
    if data:
        cmd += ["--data", data]
    out = run(cmd)
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    best = min((line for line in lines if "epoch" in line), key=lambda e: e["seconds"])
    summary = lines[-1]
    return best["seconds"], best.get("cpu_seconds", float("nan")), summary.get("peak_rss_mib")


def pytorch(threads, epochs, data):
    """Best epoch's (wall, CPU) seconds."""
    cmd = [sys.executable, os.path.join(HERE, "pytorch-cnn-reference.py"), "--threads",
           str(threads), "--epochs", str(epochs), "--json"]
    if data:
        cmd.append(data)
    out = run(cmd)
    result = json.loads(out.strip().splitlines()[-1])
    best = min(result["epochs"], key=lambda e: e["wall"])
    return best["wall"], best["cpu"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tinyml",
                    default=os.path.join(HERE, "..", "build", "release", "app", "tinyml"))
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--realtime", action="store_true")
    ap.add_argument("--pause", type=float, default=5.0)
    ap.add_argument("--data", default=None)
    a = ap.parse_args()
    global PREFIX, PAUSE
    if a.realtime:
        PREFIX, PAUSE = ["chrt", "-f", "10"], a.pause
    print("threads  ours s/epoch (CPU)  PyTorch s/epoch (CPU)  ratio (CPU)  ours peak RSS MiB"
          "  load")
    for threads in [int(t) for t in a.threads.split(",")]:
        walls, cpus = [], []
        for _ in range(a.rounds):
            mine, mine_cpu, rss = ours(a.tinyml, threads, a.epochs, a.data)
            theirs, theirs_cpu = pytorch(threads, a.epochs, a.data)
            walls.append(mine / theirs)
            cpus.append(mine_cpu / theirs_cpu)
            print("%7d  %7.3f (%6.3f)  %14.3f (%6.3f)  %5.2f (%4.2f)  %17s  %.1f"
                  % (threads, mine, mine_cpu, theirs, theirs_cpu, walls[-1], cpus[-1], rss,
                     os.getloadavg()[0]), flush=True)
        print("%7d  median ratio over %d rounds: %.2f wall-clock, %.2f CPU"
              % (threads, a.rounds, statistics.median(walls), statistics.median(cpus)),
              flush=True)


if __name__ == "__main__":
    main()
