#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the fuzz harnesses of tests/fuzz/ with clang, libFuzzer, AddressSanitizer and UBSan in
# build/fuzz, and runs each for SECONDS (default 60), one after the other, at low priority:
#   scripts/fuzz.sh [SECONDS] [HARNESS...]      e.g. scripts/fuzz.sh 300 modelfile idxgzip
# Each harness starts from its seeds (tests/fuzz/corpus/NAME) and regressions
# (tests/fuzz/regressions/NAME) and keeps what it learns in build/fuzz/corpus/NAME for the next
# run. After a finding libFuzzer starts again until the time is used up; every input that
# crashed, hung or ran out of memory is copied to tests/fuzz/regressions/NAME/ (see
# docs/fuzzing.md for what to do next). Prints executions, coverage and findings per harness; exits 1 when there was any
# finding. FUZZ_JOBS sets the build's parallelism (default 2).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
# Every tests/fuzz/fuzz_NAME.cpp is a harness.
all=()
for f in "$root"/tests/fuzz/fuzz_*.cpp; do
    n="$(basename "$f" .cpp)"
    all+=("${n#fuzz_}")
done
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")
case "$seconds" in '' | *[!0-9]*) echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;; esac

"$root/scripts/install-deps.sh" fuzz
build="$root/build/fuzz"
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# OpenMP off: clang's runtime is not installed, and one thread per input is what fuzzing wants.
cmake -S "$root" -B "$build" -G Ninja "${launcher[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DTINYML_LIBFUZZER=ON -DTINYML_OPENMP=OFF -DTINYML_WERROR=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $sanitizers" \
    -DCMAKE_EXE_LINKER_FLAGS="$sanitizers" >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
nice -n 10 cmake --build "$build" --parallel "${FUZZ_JOBS:-2}" "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen
# The harnesses write their input to a file: in memory when /dev/shm is there.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
summary=()
found=0
for h in "${harnesses[@]}"; do
    seeds="$root/tests/fuzz/corpus/$h"
    regressions="$root/tests/fuzz/regressions/$h"
    work="$build/corpus/$h"
    artifacts="$build/artifacts/$h"
    log="$build/logs/$h.log"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")" "$regressions"
    rm -f "$artifacts"/*
    echo "fuzz: $h for $seconds s (log: $log)"
    : >"$log"
    # libFuzzer stops at the first finding: start it again, with what it has learnt, until
    # SECONDS are used up.
    left="$seconds"
    while [ "$left" -gt 0 ]; do
        started=$SECONDS
        rc=0
        (cd "$build" && nice -n 10 "$build/tests/fuzz/fuzz_$h" -max_total_time="$left" \
            -timeout=20 -rss_limit_mb=2560 -malloc_limit_mb=1024 -max_len=65536 \
            -print_funcs=0 -print_final_stats=1 -artifact_prefix="$artifacts/" \
            "$work" "$seeds" "$regressions") >>"$log" 2>&1 || rc=$?
        left=$((left - (SECONDS - started)))
        [ "$rc" -ne 0 ] || break
        # Runs that end at once (a seed that crashes) would loop: a finding in the seeds is
        # for the developer, not for the fuzzer.
        if [ $((SECONDS - started)) -lt 2 ]; then
            echo "fuzz: $h: stopped, it fails on a seed or a regression at once (see $log)"
            break
        fi
    done
    # Executions: per run (each starts with "INFO: Seed:"), its final count, or after a crash
    # the last status line "#EXECS <event> cov: EDGES ft: FEATURES corp: N/SIZE ...".
    execs="$(awk '/^INFO: Seed:/ { total += last; last = 0 }
                  /^#[0-9]+/ { n = substr($1, 2) + 0; if (n > last) last = n }
                  /^stat::number_of_executed_units:/ { last = $2 + 0 }
                  END { print total + last }' "$log")"
    last="$(grep -E '^#[0-9]+' "$log" | grep ' cov: ' | tail -n 1 || true)"
    cov="$(sed -nE 's/.* cov: ([0-9]+) .*/\1/p' <<<"$last")"
    ft="$(sed -nE 's/.* ft: ([0-9]+) .*/\1/p' <<<"$last")"
    corp="$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")"
    new=0
    for a in "$artifacts"/*; do
        [ -f "$a" ] || continue
        name="$(basename "$a")"
        cp "$a" "$regressions/$name"
        echo "fuzz: $h: finding $name, copied to tests/fuzz/regressions/$h/"
        new=$((new + 1))
    done
    [ "$new" -eq 0 ] || found=1
    summary+=("$(printf '%-11s %5s s %10s execs %6s edges %6s features %5s inputs %3d findings' \
        "$h" "$seconds" "$execs" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$new")")
done
echo
echo "fuzz: summary (edges and features: libFuzzer's cov and ft, in instrumented code)"
printf '%s\n' "${summary[@]}"
exit "$found"
