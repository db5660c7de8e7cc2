#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Times `rectify-cli validate-report` on hostile reports beside
# `xmllint --stream --noout` (and with --schema, the same XSD) on the same
# files, with our peak memory. The promise (docs/RELIABILITY.md): any
# report up to the size limit is read within 3x of xmllint --stream.
#   tests/bench/hostile-report-bench.sh [BUILD_DIR] [N_PROBLEMS]
set -eu
build=${1:-_build}
n=${2:-20000}
cli="$build/app/rectify-cli"
xsd="$(dirname "$0")/../../data/report/rct-report.xsd"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export RECTIFY_TODAY=2025-06-01

seconds () {  # command... -> wall seconds (mean of 5 runs) and peak RSS (MB); a refusal is fine
    /usr/bin/time -f "%e %M" -o "$work/time" sh -c 'for i in 1 2 3 4 5; do "$@" > /dev/null 2>&1; done; true' sh "$@"
    tail -n 1 "$work/time" | awk '{ printf "%.3f s, %.0f MB", $1 / 5, $2 / 1024 }'
}

python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
head = '<?xml version="1.0" encoding="UTF-8"?>\n<report xmlns="urn:rectify:report:1" schemaVersion="1"><header><title>'
tail = '</title></header></report>\n'
def write(name, body, h=head, t=tail):
    with open(f"{w}/{name}", "w") as f:
        f.write(h + body + t)
write("comment-split.xml", "a<!---->" * 320000)
write("split-long.xml", ("a" * 8192 + "<!---->") * 40)
write("huge-text.xml", "x" * (2 * 1024 * 1024))
write("doctype-after-comments.xml", "&x;",
      '<?xml version="1.0" encoding="UTF-8"?>\n<!--' + "-x" * 35000 + '-->\n'
      '<!DOCTYPE report [<!ENTITY x "y">]>\n<report xmlns="urn:rectify:report:1" schemaVersion="1"><header><title>')
write("big-fields.xml",
      "t</title></header><records>" + "".join(
          f'<problem uuid="{i:08d}-0000-4000-8000-000000000000"><description>' + "d" * 250000 + "</description></problem>"
          for i in range(16)) + "</records>", t="</report>\n")
write("many-pieces.xml",
      "t</title></header><records>" + "".join(
          f'<problem uuid="{i:08d}-0000-4000-8000-000000000000"><description>' + "d<!---->" * 30 + "</description></problem>"
          for i in range(20000)) + "</records>", t="</report>\n")
PY
"$cli" --db "$work/src.db" init --synthetic "$n" > /dev/null
"$cli" --db "$work/src.db" export-report "$work/synthetic-$n.xml" > /dev/null

echo "rectify-cli starting and doing nothing: $(seconds "$cli" --help)"
printf '| file | size | validate-report | xmllint --stream | ratio | xmllint --stream --schema |\n|---|---|---|---|---|---|\n'
for f in comment-split split-long huge-text doctype-after-comments big-fields many-pieces "synthetic-$n"; do
    ours=$(seconds "$cli" validate-report "$work/$f.xml")
    lint=$(seconds xmllint --stream --noout "$work/$f.xml")
    schema=$(seconds xmllint --stream --noout --schema "$xsd" "$work/$f.xml")
    size=$(du -k "$work/$f.xml" | cut -f1)
    echo "| $f | $size KB | $ours | $lint | $(echo "$ours $lint" | awk '{ r = $5 > 0 ? $1 / $5 : 0; printf "%.1f", r }') | $schema |"
done
