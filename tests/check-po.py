#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when po/POTFILES misses a file with translatable strings, or when
po/zh_CN.po lacks a translation (untranslated or fuzzy) of any of them.

TAP output, one test per check."""
import os, re, subprocess, sys, tempfile

root = sys.argv[1]
po_dir = os.path.join(root, 'po')
MARKS = re.compile(r'\b(_|N_|C_|NC_|ngettext|g_dngettext)\s*\(\s*"|translatable="yes"')
checks = []

def listed():
    with open(os.path.join(po_dir, 'POTFILES')) as f:
        return [l.strip() for l in f if l.strip() and not l.startswith('#')]

def sources():
    found = []
    for top in ('app', 'ui', 'data'):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                if name.endswith(('.c', '.ui')) or name.endswith('.in'):
                    path = os.path.join(dirpath, name)
                    with open(path, encoding='utf-8', errors='replace') as f:
                        if MARKS.search(f.read()):
                            found.append(os.path.relpath(path, root))
    return sorted(found)

potfiles = listed()
missing = [s for s in sources() if s not in potfiles and not s.endswith('.in')]
checks.append(('POTFILES lists every file with translatable strings', missing))
absent = [p for p in potfiles if not os.path.exists(os.path.join(root, p))]
checks.append(('POTFILES names only files that exist', absent))
checks.append(('POTFILES is sorted', [] if potfiles == sorted(potfiles) else ['not sorted']))

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'rectify.pot')
    c_files = [p for p in potfiles if os.path.exists(os.path.join(root, p))]
    cmd = ['xgettext', '--from-code=UTF-8', '--add-comments=Translators', '--keyword=_', '--keyword=N_',
           '--keyword=C_:1c,2', '--keyword=NC_:1c,2', '--keyword=ngettext:1,2', '--keyword=g_dngettext:2,3',
           '--keyword=g_dpgettext2:2c,3', '-o', pot, '--directory', root] + c_files
    subprocess.run(cmd, check=True)
    merged = os.path.join(tmp, 'merged.po')
    subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged,
                    os.path.join(po_dir, 'zh_CN.po'), pot], check=True)
    untranslated = subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', merged],
                                  capture_output=True, text=True, check=True).stdout
    fuzzy = subprocess.run(['msgattrib', '--only-fuzzy', '--no-obsolete', os.path.join(po_dir, 'zh_CN.po')],
                           capture_output=True, text=True, check=True).stdout
    def msgids(po_text):
        """The msgids of a .po text, wrapped ones joined, the header left out."""
        found = []
        for block in po_text.split('\n\n'):
            m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
            if m:
                text = ''.join(re.findall(r'"(.*)"', m.group(1)))
                if text:
                    found.append(text)
        return found
    checks.append(('zh_CN.po translates every string', msgids(untranslated)))
    checks.append(('zh_CN.po has no fuzzy entry', msgids(fuzzy)))
    check = subprocess.run(['msgfmt', '--check', '-o', os.devnull, os.path.join(po_dir, 'zh_CN.po')],
                           capture_output=True, text=True)
    checks.append(('zh_CN.po passes msgfmt --check', [check.stderr] if check.returncode else []))

print('1..%d' % len(checks))
failed = 0
for i, (name, problems) in enumerate(checks, 1):
    if problems:
        failed += 1
        print('not ok %d - %s' % (i, name))
        for p in problems[:50]:
            print('# %s' % p)
        if len(problems) > 50:
            print('# … and %d more' % (len(problems) - 50))
    else:
        print('ok %d - %s' % (i, name))
sys.exit(1 if failed else 0)
