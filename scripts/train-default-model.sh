#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Reproduces the pretrained model embedded in the studio (resources/models/default.tmlm):
# the course architecture (784 -> 128 ReLU -> 10 softmax, Adam 0.001, batch 32), trained with
# augmentation (random shifts, rotations, scales and stroke widths) so that digits drawn with
# a mouse are recognised, for 20 epochs, seed 1, on one thread (bit-identical on this machine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" studio tinyml
"$root/scripts/fetch-mnist.sh"
"$root/build/release/app/tinyml" train --hidden 128 --activation relu --optimizer adam \
    --lr 0.001 --batch-size 32 --epochs 20 --augment --seed 1 --threads 1 \
    --out "$root/resources/models/default.tmlm" "$@"
