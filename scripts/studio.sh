#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds TinyML Studio (installing only the packages it lacks) and starts it. Needs no network
# once the packages are there, and no MNIST: the studio starts on its embedded model and its
# Train tab offers to fetch MNIST. Arguments go to the studio:
#   studio.sh --version | --help | --threads N | --benchmark-ui [N] | --benchmark-drawing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" studio tinyml-studio tinyml >&2
exec "$root/build/release/app/tinyml-studio" "$@"
