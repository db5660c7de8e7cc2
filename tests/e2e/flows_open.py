# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 15, the window's start: a big ledger (over 16 MB) changed by
another program since Rectify last checked it shows its rows at once; its
integrity check runs in a thread once they are painted, and then the
day's backup is taken. A damaged one is shown, then closed with the damage
told, and not backed up."""

import os
import re
import sqlite3

from flows import check
from rct_e2e import wait_for

PROBLEMS = 16000  # about 19 MB: over the 16 MB the window checks in a thread
NUMBER = re.compile(r'^20\d\d-\d{6}$')  # a problem's number in a row


def big_ledger_changed_outside(flow):
    db = flow.path('大 台账.db')
    flow.cli('--db', db, 'init', '--synthetic', str(PROBLEMS))
    check(os.path.getsize(db) > 16 * 1024 * 1024, 'the ledger is only %d bytes' % os.path.getsize(db))
    # Another program writes it: its last good check no longer counts.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE unit SET head = '王五' WHERE id = 1")
    conn.close()
    return db


def backups_of(flow):
    folder = os.path.join(flow.env['XDG_DATA_HOME'], 'rectify', 'backups')
    if not os.path.isdir(folder):
        return []
    return [os.path.join(folder, n) for n in os.listdir(folder) if n.startswith('大 台账') and n.endswith('.db')]


def big_ledger_checked_after_rows(flow):
    db = big_ledger_changed_outside(flow)
    app = flow.start(db)
    app.show_page('Rectification ledger')
    app.find('label', '%d problems' % PROBLEMS)
    app.find('label', NUMBER, in_rows=True)
    # Checked good in its thread, then backed up: a copy that holds the
    # ledger as the other program left it.
    wait_for(lambda: backups_of(flow), 'the day\'s backup after the check', timeout=120)
    backup = backups_of(flow)[0]
    flow.wait_file(backup)
    check(flow.count(backup, 'SELECT count(*) FROM problem') == PROBLEMS, 'the backup does not hold the ledger')
    check(flow.count(backup, "SELECT head FROM unit WHERE id = 1") == '王五',
          'the backup does not hold the other program\'s change')
    # Still shown, and writable: the check found nothing.
    app.find('label', NUMBER, in_rows=True)
    check(not flow.our_warnings(), 'warnings: %s' % flow.our_warnings()[:3])


def big_ledger_damaged_told(flow):
    db = big_ledger_changed_outside(flow)
    size = os.path.getsize(db)
    # The last pages written over: the header and schema still read, so it
    # opens, and only the check finds it.
    with open(db, 'r+b') as f:
        f.seek(size - 2 * 4096)
        f.write(b'\x5a' * 4096)
    app = flow.start(db)
    app.find('label', re.compile('damaged|failed its check'))
    check(not backups_of(flow), 'the damaged ledger was backed up')
    check(os.path.getsize(db) == size, 'the damaged ledger was written to')


FLOWS = [
    ('open: a big ledger changed outside Rectify shows its rows, then is checked and backed up',
     big_ledger_checked_after_rows, None),
    ('open: a big damaged ledger is shown, then closed with the damage told, not backed up',
     big_ledger_damaged_told, None),
]
