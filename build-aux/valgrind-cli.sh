#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test program of rectify-cli with every rectify-cli it starts under
# valgrind memcheck; fails when any of them has a definite leak or an
# invalid read or write. The test program's own TAP goes through.
#   build-aux/valgrind-cli.sh TEST_PROGRAM [ARGS...]
# RECTIFY_CLI names rectify-cli (meson test sets it).
set -u
: "${RECTIFY_CLI:?RECTIFY_CLI must name rectify-cli}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/rectify-cli" <<WRAP
#!/bin/sh
exec valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --error-exitcode=97 --log-file="$work/vg.%p.log" "$RECTIFY_CLI" "\$@"
WRAP
chmod +x "$work/rectify-cli"
RECTIFY_CLI="$work/rectify-cli" G_SLICE=always-malloc "$@"
status=$?
runs=$(ls "$work"/vg.*.log 2>/dev/null | wc -l)
bad=0
for log in "$work"/vg.*.log; do
    [ -s "$log" ] || continue
    bad=$((bad + 1))
    echo "# valgrind found errors in one run of rectify-cli:"
    sed 's/^/# /' "$log"
done
echo "# valgrind: $runs runs of rectify-cli, $bad with errors"
[ "$runs" -gt 0 ] || { echo "# valgrind: rectify-cli never ran"; exit 1; }
[ "$bad" -eq 0 ] && exit "$status"
exit 1
