#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what the tests need (the studio's packages plus the ARM cross-compiler and
# Fashion-MNIST), fetches and verifies MNIST, builds everything and runs the whole test suite,
# including the tests labelled "mnist" that use the real data and those of .tflite files made by
# TensorFlow's converter (scripts/fetch-tflite-samples.sh). Fails when any test fails.
# Extra arguments go to ctest (e.g. -R tst_cli, -LE mnist).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" test
"$root/scripts/fetch-mnist.sh"
"$root/scripts/fetch-tflite-samples.sh"
cd "$root"
ctest --preset release --output-on-failure --timeout 900 "$@"
