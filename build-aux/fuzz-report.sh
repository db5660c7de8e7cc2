#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Kept for the commands written down before: the report target of fuzz.sh.
exec "$(dirname "$0")/fuzz.sh" report "${1:-60}"
