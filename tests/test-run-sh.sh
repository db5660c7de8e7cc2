#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# build-aux/run.sh without a display: one sentence saying so and how to run
# it (xvfb-run), status 1, nothing built or started. TAP.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
echo "1..1"
case "$(uname -s)" in
    Linux|*BSD|SunOS) ;;
    *) echo "ok 1 - run.sh without a display # SKIP no X11 or Wayland here"; exit 0 ;;
esac
err=$(env -u DISPLAY -u WAYLAND_DISPLAY BUILDDIR="/nonexistent/无 显示" sh "$here/build-aux/run.sh" 2>&1 >/dev/null)
status=$?
lines=$(printf '%s\n' "$err" | wc -l)
if [ "$status" -eq 1 ] && [ "$lines" -eq 1 ] && printf '%s' "$err" | grep -q "no display" &&
   printf '%s' "$err" | grep -q "xvfb-run"; then
    echo "ok 1 - run.sh without a display says so and how to run it"
else
    printf '# status %s: %s\n' "$status" "$err"
    echo "not ok 1 - run.sh without a display says so and how to run it"
fi
