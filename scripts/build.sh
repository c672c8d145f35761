#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, fetches MNIST, configures and builds the release preset.
# Used by studio.sh and test.sh; safe to run any number of times.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/install-deps.sh"
"$root/scripts/fetch-mnist.sh"

werror=OFF
if [ "${CI:-}" = "true" ]; then
    werror=ON # warnings are errors in CI
fi
cmake --preset release -G Ninja -DTINYML_WERROR="$werror" >/dev/null
cmake --build --preset release --parallel "$(nproc)"
