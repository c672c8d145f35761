#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the packages of a profile that are missing, configures the release preset (Ninja)
# and builds. Used by studio.sh and test.sh; safe to run any number of times.
#   build.sh [studio|test] [TARGET...]   (default: the test profile and every target)
# Warnings are errors only in CI (CI=true); any other run sets TINYML_WERROR=OFF explicitly, so
# that a CI-style run leaves no -Werror behind in the cache.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

profile=test
case "${1:-}" in studio | test) profile=$1; shift ;; esac
"$root/scripts/install-deps.sh" "$profile"

# A build folder made earlier with another generator (e.g. `cmake -B build/release` without
# the preset) cannot be reused by the preset's Ninja: start that folder afresh.
cache="$root/build/release/CMakeCache.txt"
if [ -f "$cache" ] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$cache"; then
    echo "build: build/release was configured with another generator; configuring it afresh with Ninja"
    rm -rf "$cache" "$root/build/release/CMakeFiles"
fi

werror=OFF
if [ "${CI:-}" = "true" ]; then
    werror=ON
fi
cmake --preset release -DTINYML_WERROR="$werror" >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build --preset release --parallel "$(nproc)" "${targets[@]}"
