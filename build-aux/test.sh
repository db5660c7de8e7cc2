#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start: install what is missing, build, and run the whole test suite,
# under a virtual display when there is none. Arguments go to meson test.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILDDIR:-"$here/_build"}

RECTIFY_TEST_DEPS=1 "$here/build-aux/install-deps.sh"
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" "$here"
meson compile -C "$builddir"
echo "test.sh: $(date -u +%H:%M:%S) build: end; tests: start"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1400x900x24" meson test -C "$builddir" --print-errorlogs "$@"
fi
exec meson test -C "$builddir" --print-errorlogs "$@"
