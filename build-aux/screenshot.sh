#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of the window on the demo ledger, as of the demo's date:
#   build-aux/screenshot.sh BUILD_DIR LANGUAGE PAGE OUT.png
# PAGE is overview, groups, ledger, supervisors, reports, setup, study or
# supervision (supervision-visit: the second visit chosen, its findings shown;
# ledger-detail: problem 2021-006 chosen, its detail shown)
# (overview-study: the overview, pointer out of the way). Needs Xvfb and
# ImageMagick's import, and xdotool to size the window and click the page
# in the sidebar.
# RECTIFY_SHOT_SIZE=1024x768 shoots the window at that size (default
# 1280x800, the window's first size); RECTIFY_SHOT_DARK=1 in the dark style.
# RECTIFY_SHOT_LEDGER=LOCATION shoots that ledger (a server's: the window
# opens it as the last ledger) instead of a demo file made here;
# RECTIFY_SHOT_DY=N clicks N pixels lower, below the banners it shows.
set -eu
build=$1 lang=$2 page=$3 out=$4
size=${RECTIFY_SHOT_SIZE:-1280x800}
width=${size%x*} height=${size#*x}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
export GSETTINGS_SCHEMA_DIR="$build/app/data" GSETTINGS_BACKEND=memory RECTIFY_LOCALEDIR="$build/po"
export RECTIFY_TODAY=2021-05-20 LANGUAGE="$lang" GTK_A11Y=none NO_AT_BRIDGE=1
[ "${RECTIFY_SHOT_DARK:-0}" = 1 ] && export GTK_THEME=Adwaita:dark
ledger="'$home/演示台账.db'"
if [ -n "${RECTIFY_SHOT_LEDGER:-}" ]; then
    mkdir -p "$home/config/glib-2.0/settings"
    printf "[io/github/rectify/Rectify]\nlast-ledger=\"%s\"\n" "$RECTIFY_SHOT_LEDGER" \
        > "$home/config/glib-2.0/settings/keyfile"
    export GSETTINGS_BACKEND=keyfile
    ledger=
else
    "$build/app/rectify-cli" --db "$home/演示台账.db" init --demo > /dev/null
fi
xvfb-run -a -s "-screen 0 ${width}x${height}x24" sh -c "
  '$build/app/rectify' $ledger &
  app=\$!
  window=
  for i in \$(seq 120); do
    window=\$(xdotool search --onlyvisible --name 'Rectify|整改督导' 2>/dev/null | head -n 1)
    [ -n \"\$window\" ] && break
    sleep 0.5
  done
  sleep 2
  xdotool windowsize \"\$window\" $width $height windowmove \"\$window\" 0 0
  sleep 1
  case '$page' in
    overview) y=121 ;;
    groups) y=159 ;;
    ledger) y=197 ;;
    ledger-detail) y=197 ;;
    supervisors) y=235 ;;
    reports) y=273 ;;
    setup) y=311 ;;
    study) y=349 ;;
    supervision) y=387 ;;
    supervision-visit) y=387 ;;
    overview-study) y=121 ;;
  esac
  y=\$((y + ${RECTIFY_SHOT_DY:-0}))
  xdotool mousemove 60 \$y click 1
  sleep 1
  xdotool mousemove 60 \$y click 1
  if [ '$page' = ledger-detail ]; then
    sleep 1
    xdotool mousemove 540 \$((416 + ${RECTIFY_SHOT_DY:-0})) click 1
    sleep 1
  fi
  if [ '$page' = supervision-visit ]; then
    xdotool key alt+8
    sleep 1
    xdotool mousemove 500 282 click 1
    sleep 1
  fi
  xdotool mousemove $((width - 1)) $((height - 1))
  sleep 2
  import -window root '$out'
  kill \$app"
