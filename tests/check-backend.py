#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared code speaks to the ledger through the store's interface only.

Outside data/store/sqlite/ (the SQLite backend) no source or header in
data/, app/ or ui/ includes sqlite3.h or calls sqlite3_* or uses SQLITE_*:
it prepares through _rct_store_prepare(), steps through _rct_store_step()
and reads an RctStmt (data/store/rct-stmt.h), so the same code runs on a
SQLite file and on the office's PostgreSQL server. Nor does any include
libpq-fe.h outside data/store/postgresql/. The tests may open a ledger file
with sqlite3 to check what is on disk.

TAP output: one test per folder, and a self-test showing that the check
fails on a planted call."""
import os, re, sys

root = sys.argv[1]
SQLITE = re.compile(r'#\s*include\s*[<"]sqlite3\.h[>"]|\bsqlite3_\w+\s*\(|\bsqlite3(_stmt)?\s*\*|\bSQLITE_[A-Z_]+\b')
LIBPQ = re.compile(r'#\s*include\s*[<"]libpq-fe\.h[>"]|\bPQ\w+\s*\(')
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')

def problems_in(text, name, pattern, what):
    found = []
    # Comments and strings may name SQLite ("the sqlite3 shell"); code may not.
    code = COMMENT.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text)
    code = STRING.sub(lambda m: '""', code)
    for n, line in enumerate(code.split('\n'), 1):
        m = pattern.search(line)
        if m:
            found.append('%s:%d: “%s”: %s' % (name, n, m.group(0).strip(), what))
    return found

def scan(top, skip, pattern, what):
    problems = []
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        rel = os.path.relpath(dirpath, root)
        if any(rel == s or rel.startswith(s + os.sep) for s in skip):
            continue
        for f in sorted(files):
            if f.endswith(('.c', '.h')):
                path = os.path.join(dirpath, f)
                with open(path, encoding='utf-8') as handle:
                    problems += problems_in(handle.read(), os.path.relpath(path, root), pattern, what)
    return problems

results = []
for top in ('data', 'app', 'ui'):
    problems = scan(top, [os.path.join('data', 'store', 'sqlite')], SQLITE,
                    'SQLite is the backend’s (data/store/sqlite/): use RctStmt and the store’s calls')
    results.append((not problems, '%s/ outside store/sqlite/ does not call SQLite' % top, problems))
    problems = scan(top, [os.path.join('data', 'store', 'postgresql')], LIBPQ,
                    'libpq is the backend’s (data/store/postgresql/)')
    results.append((not problems, '%s/ outside store/postgresql/ does not call libpq' % top, problems))

planted = ('static gint64\ncount (RctStore *store)\n{\n'
           '  /* the sqlite3 shell: sqlite3_step () */\n'
           '  return sqlite3_last_insert_rowid (store->db);\n}\n')
found = problems_in(planted, 'self-test', SQLITE, '')
results.append((len(found) == 1 and ':5:' in found[0], 'the check catches a planted sqlite3_* call, not a comment', []))

print('1..%d' % len(results))
for n, (ok, what, problems) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', n, what))
    for p in problems:
        print('# ' + p)
sys.exit(0 if all(r[0] for r in results) else 1)
