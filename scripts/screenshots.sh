#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the studio and writes the screenshots of docs/screenshots/ (1280×720; every tab in
# English and in German with text three steps larger, the busiest ones in German at normal size
# and in English with larger text), so that they stay current. Runs offscreen (no display
# needed) with fresh settings, so the learner's own runs, drawings and settings are neither
# shown nor touched. With MNIST there (see fetch-mnist.sh)
# the Train tab shows a short real run and the Dataset tab the test set's figures.
#   screenshots.sh [DIR]   (default: docs/screenshots)
# STUDIO=path/to/tinyml-studio skips the build and uses that executable.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/docs/screenshots}")"
studio="${STUDIO:-}"
if [ -z "$studio" ]; then
    "$root/scripts/build.sh" studio tinyml-studio
    studio="$root/build/release/app/tinyml-studio"
fi
# MNIST stays where it is; everything else the studio writes goes to a scratch folder.
export TINYML_DATA="${TINYML_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/tinyml-studio/mnist}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache"
export QT_QPA_PLATFORM=offscreen
mkdir -p "$out"
"$studio" --threads 2 --screenshots "$out"
