#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po-fill.py FILE.po TRANSLATIONS.tsv [--force]: fills the empty msgstr of
each entry whose msgid is in the tab-separated list (escapes as in the .po
file); with --force, replaces existing translations too."""
import re, sys

po_path, tsv_path = sys.argv[1], sys.argv[2]
force = '--force' in sys.argv
table = {}
for line in open(tsv_path, encoding='utf-8'):
    line = line.rstrip('\n')
    if '\t' in line:
        k, v = line.split('\t', 1)
        table[k] = v

def strings(lines):
    return ''.join(re.findall(r'"(.*)"', '\n'.join(lines)))

out = []
for block in open(po_path, encoding='utf-8').read().split('\n\n'):
    lines = block.split('\n')
    # split the block into sections: comments/msgctxt, msgid, msgid_plural, msgstr…
    sections, current = [], None
    for l in lines:
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) ', l)
        if m:
            current = [m.group(1), [l[len(m.group(1)) + 1:]]]
            sections.append(current)
        elif l.startswith('"') and current is not None:
            current[1].append(l)
        else:
            sections.append([None, [l]])
    keys = [s[0] for s in sections]
    if 'msgid' not in keys:
        out.append(block)
        continue
    msgid = strings(sections[keys.index('msgid')][1])
    msgstrs = [s for s in sections if s[0] and s[0].startswith('msgstr')]
    empty = all(strings(s[1]) == '' for s in msgstrs)
    if msgid and msgid in table and (empty or force):
        t = table[msgid]
        rebuilt = []
        for s in sections:
            if s[0] and s[0].startswith('msgstr'):
                if s[0] in ('msgstr', 'msgstr[0]'):
                    rebuilt.append('%s "%s"' % (s[0], t))
                continue
            rebuilt.extend(((s[0] + ' ') if s[0] else '') + x if i == 0 else x for i, x in enumerate(s[1]))
        block = '\n'.join(rebuilt)
    out.append(block)
open(po_path, 'w', encoding='utf-8').write('\n\n'.join(out))
