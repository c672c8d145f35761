#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the seed corpora of the fuzz harnesses in tests/fuzz/corpus/ (committed; run again
# after changing a file format):
#   tests/fuzz/make_corpus.sh [BUILD_DIR]
# BUILD_DIR (default build/release) is a configured build of this tree: the model seeds come
# from fuzz_make_model_seeds, built there, which writes them with the library's own writer.
# When the `tinyml` CLI of that build and MNIST are there, a model trained by the CLI (200
# images, one epoch) is added too.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build/release}"
corpus="$here/corpus"

python3 "$here/make_corpus.py" "$corpus"
cmake --build "$build" --target fuzz_make_model_seeds fuzz_make_tflite_seeds tinyml >/dev/null
"$build/tests/fuzz/fuzz_make_model_seeds" "$corpus/modelfile"
"$build/tests/fuzz/fuzz_make_tflite_seeds" "$corpus/tflite"

mnist="${TINYML_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/tinyml-studio/mnist}"
if [ -x "$build/app/tinyml" ] && { [ -e "$mnist/train-labels-idx1-ubyte" ] \
   || [ -e "$mnist/train-labels-idx1-ubyte.gz" ]; }; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    "$build/app/tinyml" train --hidden 4 --epochs 1 --subset 200 --threads 1 \
        --data "$mnist" --out "$tmp/cli.tmlm" >/dev/null
    { printf '\0'; cat "$tmp/cli.tmlm"; } > "$corpus/modelfile/cli-trained.seed"
    echo "make_corpus: added a model trained by the tinyml CLI"
else
    echo "make_corpus: no tinyml CLI or no MNIST: skipped the CLI-trained model seed"
fi
for d in "$corpus"/*/; do
    printf '%-12s %3d files %7d bytes\n' "$(basename "$d")" "$(find "$d" -type f | wc -l)" \
        "$(cat "$d"/* | wc -c)"
done
