#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds TinyML Studio (installing only the packages it lacks) and starts it. Needs no network
# once the packages are there, and no MNIST: the studio starts on its embedded model and its
# Train tab offers to fetch MNIST. When the build cannot be brought up to date (e.g. offline
# with a package missing) but an earlier build exists, that one starts, with a warning.
# Arguments go to the studio:
#   studio.sh --version | --help | --threads N | --benchmark-ui [N] | --benchmark-drawing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
studio="$root/build/release/app/tinyml-studio"
if ! "$root/scripts/build.sh" studio tinyml-studio tinyml >&2; then
    if [ ! -x "$studio" ]; then
        echo "studio: the build failed (see above) and there is no earlier build to start" >&2
        exit 1
    fi
    echo "studio: warning: the build failed (see above); starting the earlier build" >&2
fi
exec "$studio" "$@"
