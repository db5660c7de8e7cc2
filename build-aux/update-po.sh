#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Brings po/zh_CN.po up to date with the sources listed in po/POTFILES;
# new strings come in untranslated, for a translator to fill.
set -eu
cd "$(dirname "$0")/.."
pot=$(mktemp --suffix=.pot)
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ \
    --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
    --package-name=rectify -o "$pot" -f po/POTFILES
msgmerge --quiet --update --no-fuzzy-matching --backup=none po/zh_CN.po "$pot"
msgattrib --no-obsolete -o po/zh_CN.po po/zh_CN.po
rm -f "$pot"
