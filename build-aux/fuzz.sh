#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes one reader of outside data with libFuzzer for SECONDS (default 60):
#   build-aux/fuzz.sh report|csv|path [SECONDS]
#   build-aux/fuzz.sh all [SECONDS]          # each target in turn
# Needs clang and its libFuzzer runtime (Debian: clang, libclang-rt-14-dev).
# New inputs land in tests/fuzz/corpus/TARGET-new/ (not kept in git; copy
# the interesting ones into tests/fuzz/corpus/TARGET/); a crash leaves
# crash-* in the current folder.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?"build-aux/fuzz.sh report|csv|path|setup|all [SECONDS]"}
seconds=${2:-60}
if [ "$target" = all ]; then
    for t in report csv path setup; do "$0" "$t" "$seconds"; done
    exit 0
fi
case "$target" in
    report|csv|path|setup) ;;
    *) echo "fuzz.sh: no target “$target”; choose report, csv, path, setup or all" >&2; exit 2 ;;
esac
build="$here/_build-fuzz"
[ -f "$build/build.ninja" ] || CC=clang meson setup "$build" "$here" -Dgui=disabled -Dbenchmarks=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
ninja -C "$build" data/librectify-data.a
new="$here/tests/fuzz/corpus/$target-new"
mkdir -p "$new"
flags=$(pkg-config --cflags --libs glib-2.0 gio-2.0 sqlite3 libxml-2.0 libxslt json-glib-1.0 pangocairo cairo-pdf)
xlsx=$(pkg-config --libs xlsxwriter 2>/dev/null || true)
# shellcheck disable=SC2086
clang -g -O1 -fsanitize=fuzzer,address,undefined -I"$build" -I"$here/data" -I"$here/data/report" \
    -I"$build/data" -I"$build/data/report" -I"$here/tests" -I"$here/tests/fuzz" "$here/tests/fuzz/fuzz-$target.c" \
    "$here/tests/rct-test-util.c" \
    "$build/data/librectify-data.a" $flags $xlsx -lm -o "$build/fuzz-$target"
seeds="$here/tests/fuzz/corpus/$target"
[ "$target" = report ] && seeds="$seeds $here/tests/report/hostile"
dict=""
[ -f "$here/tests/fuzz/$target.dict" ] && dict="-dict=$here/tests/fuzz/$target.dict"
# shellcheck disable=SC2086
"$build/fuzz-$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 $dict "$new" $seeds
