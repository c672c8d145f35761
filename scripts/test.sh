#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds everything (installing what it needs, fetching MNIST) and runs the whole test suite,
# including the tests labelled "mnist" that use the real data. Fails when any test fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh"
cd "$root"
ctest --preset release --output-on-failure --timeout 900 "$@"
