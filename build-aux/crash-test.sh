#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The long form of the kill test: KILLS (default 100) SIGKILLs of a process
# writing to a ledger, each followed by integrity_check, foreign_key_check
# and a look for every change the child reported committed. The figures are
# the last "# kills: ..." line.
#   build-aux/crash-test.sh [BUILD_DIR] [KILLS]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/_build"}
[ -x "$build/tests/test-crash" ] || { meson setup "$build" "$here" && meson compile -C "$build" test-crash; }
RECTIFY_CRASH_KILLS=${2:-100} "$build/tests/test-crash" -p /reliability/kill/committed-changes-survive --verbose
