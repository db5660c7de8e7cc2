#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Nothing a file or a person gives reaches SQL except as a bound value.

Every SQL text our code builds with printf (g_strdup_printf,
g_string_printf, g_string_append_printf) may splice in only names that the
code itself holds: a table from rct_kind_to_table(), a column or sort
expression from a record's static spec, a run of "?" placeholders, a
number. Any other argument fails this check, naming the file and line; a
value must be bound with sqlite3_bind_*() instead.

TAP output: one test per source folder, and a self-test showing that the
check fails on a spliced value."""
import os, re, sys

root = sys.argv[1]
SQL_WORDS = re.compile(r'\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|FROM|WHERE|VALUES|SET|MATCH|ORDER BY|AND|IN)\b')
CALL = re.compile(r'\b(g_strdup_printf|g_string_printf|g_string_append_printf)\s*\(')
# What may be spliced into SQL: names held by the code, never by the data.
ALLOWED = [re.compile(p) for p in (
    r'^rct_kind_to_table \(\w+\)$',
    r'^spec->\w+(\[\w+\])?(\.\w+)?$',
    r'^kinds\[kind\]\.\w+$',   # the static table of record kinds
    r'^parent_table$',      # "task" or "problem"
    r'^t->(table|cols|newcols|oldcols)$',  # the schema's full-text tables
    r'^rct_schema_fts_table \(i\)$',
    r'^first_new\[i\]$',   # an id (a number) the store read itself
    r'^SQ \(self\)->bulk_cache_size$',
    r'^kind == RCT_KIND_\w+ \? "\w+" : "\w+"$',
    r'^col->column$',
    r'^link->(table|owner_column|target_column)$',  # the static table of link tables
    r'^column$',            # a column name the workflow module passes
    r'^date_column$',       # "found_on" or "received_on", from the figures code
    r'^(marks|parent)->str$',  # runs of "?" and fixed SQL built beside them
    r'^v$',                 # a schema version number (%d)
    r'^cookie \+ 1$',       # the schema's cookie (a number) the store read itself
    r'^RCT_SCHEMA_APPLICATION_ID$',
    r'^filter->descending \? "DESC" : "ASC"$',
    r'^_rct_store_dialect \(\w+, RCT_DIALECT_\w+\)$',  # the backend's text of what differs (rct-dialect.h)
    r'^_rct_store_bump_sql \(kind\)$',  # ", revision = revision + 1" or nothing, by the kind
)]

def split_args(text, start):
    """The arguments of the call whose '(' is at text[start]."""
    depth, i, args, current, in_str = 0, start, [], [], None
    while i < len(text):
        c = text[i]
        if in_str:
            current.append(c)
            if c == '\\':
                current.append(text[i + 1]); i += 2; continue
            if c == in_str:
                in_str = None
        elif c in '"\'':
            in_str = c; current.append(c)
        elif c == '(':
            depth += 1
            if depth > 1: current.append(c)
        elif c == ')':
            depth -= 1
            if depth == 0:
                args.append(''.join(current).strip()); return args
            current.append(c)
        elif c == ',' and depth == 1:
            args.append(''.join(current).strip()); current = []
        else:
            current.append(c)
        i += 1
    return args

def literal(arg):
    arg = re.sub(r'\bG_G?U?INT64_FORMAT\b', '"%d"', arg)
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', arg)
    return ''.join(parts) if parts and re.fullmatch(r'(\s*"(?:[^"\\]|\\.)*"\s*)+', arg) else None

def problems_in(text, name):
    found = []
    for m in CALL.finditer(text):
        args = split_args(text, m.end() - 1)
        fmt_index = 0 if m.group(1) == 'g_strdup_printf' else 1
        if len(args) <= fmt_index:
            continue
        fmt = literal(args[fmt_index])
        target = args[0] if fmt_index == 1 else ''
        if fmt is None or not (SQL_WORDS.search(fmt) and ('?' in fmt or target in ('sql', 'parent') or
                                                         re.search(r'\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA)\b', fmt))):
            continue
        line = text.count('\n', 0, m.start()) + 1
        for arg in args[fmt_index + 1:]:
            arg = re.sub(r'\s+', ' ', arg)
            if not any(p.match(arg) for p in ALLOWED):
                found.append('%s:%d: “%s” is spliced into SQL; bind it as a value instead' % (name, line, arg))
    return found

results = []
for top in ('data', 'app', 'ui'):
    problems, calls = [], 0
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for f in sorted(files):
            if f.endswith('.c'):
                path = os.path.join(dirpath, f)
                with open(path, encoding='utf-8') as handle:
                    problems += problems_in(handle.read(), os.path.relpath(path, root))
    results.append((not problems, '%s/ splices no value into SQL' % top, problems))

bad = 'sql = g_strdup_printf ("SELECT id FROM problem WHERE description = \'%s\'", filter->search);'
results.append((bool(problems_in(bad, 'self-test')), 'the check catches a spliced value', []))

print('1..%d' % len(results))
for n, (ok, what, problems) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', n, what))
    for p in problems:
        print('# ' + p)
sys.exit(0 if all(r[0] for r in results) else 1)
