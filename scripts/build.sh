#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, fetches MNIST, configures and builds the release preset.
# Arguments: the targets to build (default: everything). Used by studio.sh and test.sh; safe to
# run any number of times.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/install-deps.sh"
"$root/scripts/fetch-mnist.sh"

configure=(cmake --preset release -G Ninja)
if [ "${CI:-}" = "true" ]; then
    configure+=(-DTINYML_WERROR=ON) # warnings are errors in CI
fi
"${configure[@]}" >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build --preset release --parallel "$(nproc)" "${targets[@]}"
