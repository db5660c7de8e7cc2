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

# The suite postgresql runs on a throwaway cluster of its own (tests/pg/),
# stopped and removed however the tests end; without PostgreSQL it skips.
if [ -z "${RECTIFY_TEST_PG:-}" ]; then
    pgdir=$(mktemp -d /tmp/rct-pg.XXXXXX)
    trap '"$here/tests/pg/pg-cluster.sh" stop "$pgdir"' EXIT
    trap 'exit 130' INT TERM
    if "$here/tests/pg/pg-cluster.sh" start "$pgdir" >/dev/null; then
        eval "export $("$here/tests/pg/pg-cluster.sh" env "$pgdir")"
    fi
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    xvfb-run -a -s "-screen 0 1400x900x24" meson test -C "$builddir" --print-errorlogs "$@"
else
    meson test -C "$builddir" --print-errorlogs "$@"
fi
