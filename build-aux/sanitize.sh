#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds everything but the window with AddressSanitizer and
# UndefinedBehaviorSanitizer in a build folder of its own and runs every
# test there; a leak, a bad read or write, or undefined behaviour fails the
# test it happens in. Arguments go to meson test; --build-only alone
# builds and runs nothing.
#   SANITIZE_BUILDDIR=_build-asan build-aux/sanitize.sh [--suite data ...]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${SANITIZE_BUILDDIR:-"$here/_build-asan"}
[ -f "$build/build.ninja" ] || meson setup "$build" "$here" -Dgui=disabled -Dbenchmarks=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized
meson compile -C "$build"
[ "$*" != --build-only ] || exit 0
echo "sanitize.sh: $(date -u +%H:%M:%S) build: end; tests: start"
# Each allocation's stack is unwound by frame pointers, which stop at the
# first frame of a library built without them (GLib, SQLite): what is found
# is the same, the stacks shown are shorter. Unwinding every allocation
# through those libraries' unwind tables (fast_unwind_on_malloc=0) took
# 14 times as long (three cases of test-sign: 48 s against 3.4 s) and finds
# nothing more (what cairo keeps from finishing a PDF is left out of the
# count in data/report/rct-pdf-finish.h, not matched by a stack). A test
# that fails runs again with whole stacks, in the log sanitize-again.
export ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=0
export LSAN_OPTIONS="suppressions=$here/build-aux/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/build-aux/ubsan.supp"
export G_SLICE=always-malloc
meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 3 "$@" && exit 0
failed=$(python3 -c 'import json, sys
print(" ".join(sorted({t["name"].split(" / ")[-1] for t in map(json.loads, open(sys.argv[1]))
                       if t["result"] not in ("OK", "SKIP", "EXPECTEDFAIL")})))' "$build/meson-logs/testlog.json")
[ -n "$failed" ] || exit 1
echo "sanitize.sh: again with whole stacks: $failed" >&2
# shellcheck disable=SC2086
ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" meson test -C "$build" --print-errorlogs --num-processes 2 \
    --timeout-multiplier 3 --logbase sanitize-again $failed || true
exit 1
