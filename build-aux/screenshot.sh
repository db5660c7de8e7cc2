#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of the window on the demo ledger, as of the demo's date:
#   build-aux/screenshot.sh BUILD_DIR LANGUAGE PAGE OUT.png
# PAGE is overview, groups, ledger, supervisors, reports, setup, study or
# overview-study (the overview with the pointer out of the way). Needs Xvfb and
# ImageMagick's import, and xdotool to click the sidebar.
set -eu
build=$1 lang=$2 page=$3 out=$4
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
export GSETTINGS_SCHEMA_DIR="$build/app/data" GSETTINGS_BACKEND=memory RECTIFY_LOCALEDIR="$build/po"
export RECTIFY_TODAY=2021-05-20 LANGUAGE="$lang" GTK_A11Y=none NO_AT_BRIDGE=1
# RECTIFY_SHOT_DARK=1 for the dark style; RECTIFY_SHOT_WAIT=SECONDS on a busy machine.
[ "${RECTIFY_SHOT_DARK:-0}" = 1 ] && export GTK_THEME=Adwaita:dark
"$build/app/rectify-cli" --db "$home/演示台账.db" init --demo > /dev/null
xvfb-run -a -s "-screen 0 1440x900x24" sh -c "
  '$build/app/rectify' '$home/演示台账.db' &
  app=\$!
  sleep ${RECTIFY_SHOT_WAIT:-3}
  case '$page' in
    overview) ;;
    groups) xdotool mousemove 74 159 click 1 ;;
    ledger) xdotool mousemove 86 197 click 1 ;;
    supervisors) xdotool mousemove 82 235 click 1 ;;
    reports) xdotool mousemove 60 273 click 1 ;;
    setup) xdotool mousemove 60 311 click 1 ;;
    study) xdotool mousemove 700 450 click 1 key alt+7 mousemove 5 890 ;;
    overview-study) xdotool mousemove 5 890 ;;
  esac
  sleep 1
  import -window root '$out'
  kill \$app"
