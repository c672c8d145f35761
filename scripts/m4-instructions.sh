#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints how many instructions one inference of the exported C executes on the emulated
# Cortex-M4 (QEMU's mps2-an386 board, counted with -icount; docs/facts.md §15): the embedded
# course model and small CNN, float32 and int8, and the int8 / float32 ratios, for each
# optimization level asked (default -Os, as Arduino builds). It runs tests/core/tst_qemu on
# few images (TINYML_M4_IMAGES, default 20, at least 20), which also checks that the answers
# are the engine's.
#   m4-instructions.sh [-Os] [-O2] [-O3] ...
# With TINYML_BUILD=DIR it uses that build folder's tst_qemu as it is; otherwise it builds
# tst_qemu with the release preset (scripts/build.sh test tst_qemu).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(-Os)
for level in "${levels[@]}"; do
    case "$level" in
        -O0 | -O1 | -O2 | -O3 | -Os | -Oz) ;;
        *) echo "m4-instructions: '$level' is not an optimization level (-O0 to -O3, -Os, -Oz)" >&2; exit 2 ;;
    esac
done

if [ -n "${TINYML_BUILD:-}" ]; then
    build="$TINYML_BUILD"
else
    "$root/scripts/build.sh" test tst_qemu >/dev/null
    build="$root/build/release"
fi
test="$build/tests/core/tst_qemu"
[ -x "$test" ] || { echo "m4-instructions: $test is missing" >&2; exit 1; }

status=0
for level in "${levels[@]}"; do
    log="$(mktemp)"
    if ! TINYML_M4_OPT="$level" TINYML_M4_IMAGES="${TINYML_M4_IMAGES:-20}" \
        TINYML_SOURCE_DIR="$root" "$test" >"$log" 2>&1; then
        status=1
    fi
    # The figures, without Qt Test's prefixes.
    grep -E 'instructions per inference|FAIL|SKIP' "$log" \
        | sed -E 's/^QINFO *: TestQemu::[A-Za-z0-9]+\([^)]*\) //'
    rm -f "$log"
done
exit "$status"
