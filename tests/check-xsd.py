#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shipped schemas are what build-aux/gen-report-xsd.py writes.

The generator is where a record's columns are added (its table follows
rct_exchange_columns); the XSDs in data/report/ are committed, so a column
added to the table and not regenerated would leave a report or a set-up
file checked against an old schema. TAP output: one test per schema."""
import filecmp, os, subprocess, sys, tempfile

root = sys.argv[1]
schemas = ['rct-report.xsd', 'rct-setup.xsd']
print('1..%d' % len(schemas))
with tempfile.TemporaryDirectory(prefix='xsd 生成 ') as out:
    subprocess.run([sys.executable, os.path.join(root, 'build-aux', 'gen-report-xsd.py'), out], check=True)
    for n, name in enumerate(schemas, 1):
        shipped = os.path.join(root, 'data', 'report', name)
        if filecmp.cmp(shipped, os.path.join(out, name), shallow=False):
            print('ok %d - data/report/%s is what gen-report-xsd.py writes' % (n, name))
        else:
            print('not ok %d - data/report/%s differs from what build-aux/gen-report-xsd.py writes: '
                  'run it and commit the result' % (n, name))
