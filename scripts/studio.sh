#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds TinyML Studio (installing what it needs) and starts it. Extra arguments go to the app.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" tinyml-studio tinyml
exec "$root/build/release/app/tinyml-studio" "$@"
