#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds everything but the window with AddressSanitizer and
# UndefinedBehaviorSanitizer in a build folder of its own and runs every
# test there; a leak, a bad read or write, or undefined behaviour fails the
# test it happens in. Arguments go to meson test.
#   SANITIZE_BUILDDIR=_build-asan build-aux/sanitize.sh [--suite data ...]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${SANITIZE_BUILDDIR:-"$here/_build-asan"}
[ -f "$build/build.ninja" ] || meson setup "$build" "$here" -Dgui=disabled -Dbenchmarks=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized
meson compile -C "$build"
echo "sanitize.sh: $(date -u +%H:%M:%S) build: end; tests: start"
# Slow unwinding gives whole stacks through GLib (built without frame pointers).
export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:detect_stack_use_after_return=0
export LSAN_OPTIONS="suppressions=$here/build-aux/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/build-aux/ubsan.supp"
export G_SLICE=always-malloc
exec meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 3 "$@"
