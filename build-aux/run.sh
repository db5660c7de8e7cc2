#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start: install what is missing, build, and open Rectify on the
# default ledger (created on first run). Arguments go to the program.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILDDIR:-"$here/_build"}

# The window needs a display (X11 or Wayland; not asked on Windows or macOS).
case "$(uname -s)" in
    Linux|*BSD|SunOS)
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "run: there is no display to open the window on; run it on a virtual one with: xvfb-run -a $0" >&2
            exit 1
        fi ;;
esac

"$here/build-aux/install-deps.sh"
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" "$here" >&2
meson compile -C "$builddir" >&2

# Run from the build tree: its schema, translations and resources.
export GSETTINGS_SCHEMA_DIR="$builddir/app/data"
export RECTIFY_LOCALEDIR="$builddir/po"
if [ -x "$builddir/app/rectify" ]; then
    exec "$builddir/app/rectify" "$@"
fi
echo "run: the window was not built (no GTK 4); rectify-cli is at $builddir/app/rectify-cli" >&2
exit 1
