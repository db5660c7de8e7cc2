#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The long form of the kill tests: KILLS (default 100) SIGKILLs of a process
# writing problems and workflow steps to a ledger, and as many of one
# importing problems from CSV in batches; after each, integrity_check,
# foreign_key_check and a look for every change the child reported
# committed; and a restore killed at each of its four steps, KILLS/4 times
# each, after which the ledger must be as it was or as the backup was.
# The figures are the "# kills: ...", "# import kills: ..." and
# "# restore kills: ..." lines.
#   build-aux/crash-test.sh [BUILD_DIR] [KILLS]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/_build"}
kills=${2:-100}
[ -x "$build/tests/test-crash" ] || { [ -f "$build/build.ninja" ] || meson setup "$build" "$here"; meson compile -C "$build" tests/test-crash; }
RECTIFY_CRASH_KILLS=$kills RECTIFY_CRASH_IMPORT_KILLS=$kills \
RECTIFY_CRASH_RESTORE_ROUNDS=$(( (kills + 3) / 4 )) \
    "$build/tests/test-crash" -p /reliability/kill --verbose | grep -v -e '^# GLib' -e '^# rct-'
