#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what building and testing Rectify needs and is missing.
# Debian 12 / Ubuntu: apt (through sudo when not root). Other systems: the
# package names are in README.md; install them yourself, then run again.
set -eu

packages="meson ninja-build pkg-config gcc gettext python3
libglib2.0-dev libglib2.0-bin libgtk-4-dev libpango1.0-dev libcairo2-dev libsqlite3-dev sqlite3
libxml2-dev libxml2-utils libxslt1-dev libxmlsec1-dev libssl-dev libjson-glib-dev libxlsxwriter-dev libzip-dev libpq-dev
desktop-file-utils appstream xvfb xauth fonts-noto-cjk"

# Only the test suite needs these: LibreOffice reads our workbooks and Word
# documents back;
# valgrind checks the CLI's memory; the end-to-end tests drive the window
# through AT-SPI (dogtail, pyatspi, the AT-SPI bus in a D-Bus session of
# their own) and leave screenshots (ImageMagick's import).
# xmlsec1 (the command) checks our signed reports as an independent verifier.
# postgresql-15: the throwaway cluster of the suite postgresql (tests/pg/).
if [ "${RECTIFY_TEST_DEPS:-0}" = 1 ]; then
    packages="$packages libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils valgrind
python3-dogtail python3-pyatspi at-spi2-core dbus dbus-x11 imagemagick xmlsec1 postgresql-15"
fi

# Only tests/bench/window-bench needs these: the reference window it times,
# and finding that window on the screen; tests/bench/stats-bench times with
# perf and hyperfine.
if [ "${RECTIFY_BENCH_DEPS:-0}" = 1 ]; then
    packages="$packages gnome-text-editor xdotool linux-perf hyperfine"
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: not a Debian or Ubuntu system; see README.md for the package names." >&2
    exit 0
fi

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
else
    sudo="sudo"
fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
