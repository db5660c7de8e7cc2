#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po-fill.py FILE.po TRANSLATIONS.tsv: fills empty msgstr entries from a
tab-separated list of msgid and translation (escapes as in the .po file)."""
import re, sys
po_path, tsv_path = sys.argv[1], sys.argv[2]
table = {}
for line in open(tsv_path, encoding='utf-8'):
    line = line.rstrip('\n')
    if '\t' in line:
        k, v = line.split('\t', 1)
        table[k] = v
text = open(po_path, encoding='utf-8').read()
blocks = text.split('\n\n')
out = []
for b in blocks:
    m = re.search(r'^msgid ((?:".*"\n?)+)', b, re.M)
    if m and (re.search(r'^msgstr ""\s*$', b, re.M) or re.search(r'^msgstr\[0\] ""$', b, re.M)):
        mid = ''.join(re.findall(r'"(.*)"', m.group(1)))
        if mid in table:
            t = table[mid]
            if 'msgid_plural' in b:
                b = re.sub(r'msgstr\[0\] ""(\nmsgstr\[1\] "")?', lambda _: 'msgstr[0] "%s"' % t, b)
            else:
                b = re.sub(r'^msgstr ""$', lambda _: 'msgstr "%s"' % t, b, flags=re.M)
    out.append(b)
open(po_path, 'w', encoding='utf-8').write('\n\n'.join(out))
