# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 15's long jobs in the window: the CSV import runs in a thread with
a progress bar and a Stop that leaves the ledger as it was."""

import time

from flows import check, open_in
from rct_e2e import wait_for

ROWS = 5000


def write_csv(path, rows):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('问题描述,问题来源,责任单位,发现时间,整改时限\n')
        for i in range(rows):
            f.write('第%d条 值班记录缺页,自查,综合服务大厅,2021-05-11,2021-06-11\n' % (i + 1))


def open_import(flow, app, csv, name):
    app.show_page('Rectification ledger')
    app.menu_item('Spreadsheets', 'Import Problems from CSV…')
    open_in(app, 'Import Problems from a Spreadsheet (CSV)', csv)
    dialog = app.frame('Import Problems from %s' % name)
    message = app.find('label', 'Checking the rows…', within=dialog)
    good = 'All %d rows are good.' % ROWS
    wait_for(lambda: message.name == good, 'the label %r' % good, timeout=180)
    return dialog, message


def csv_import_in_a_thread(flow):
    """5,000 rows, as the issue timed them: the progress bar counts them and
    the window's list has them once they are in."""
    db = flow.demo()
    csv = flow.path('五千行 台账.csv')
    write_csv(csv, ROWS)
    before = flow.count(db, 'SELECT count(*) FROM problem')
    app = flow.start(db)
    dialog, message = open_import(flow, app, csv, '五千行 台账.csv')
    started = time.time()
    app.press('Import', within=dialog)
    bar = app.find('progress bar', 'Rows imported', within=dialog)
    check(bar is not None, 'no progress bar while the rows are written')
    flow.keep_screenshot('csv-import-progress')
    done = 'Imported %d problems.' % ROWS
    # Read from the window, not from the file: the import is one
    # transaction, and the window says when it is in.
    wait_for(lambda: message.name == done, 'the label %r' % done, timeout=180)
    print('# %d rows imported in the window in %.1f s' % (ROWS, time.time() - started), flush=True)
    check(flow.count(db, 'SELECT count(*) FROM problem') == before + ROWS, 'the rows are not in the ledger')


def csv_import_stopped(flow):
    """Stop while the rows are written: nothing of them is kept."""
    db = flow.demo()
    csv = flow.path('停止 台账.csv')
    write_csv(csv, ROWS)
    before = flow.count(db, 'SELECT count(*) FROM problem')
    app = flow.start(db)
    dialog, message = open_import(flow, app, csv, '停止 台账.csv')
    app.press('Import', within=dialog)
    app.press('Stop the Import', within=dialog)
    stopped = 'The import was stopped; nothing was imported.'
    wait_for(lambda: message.name == stopped, 'the label %r' % stopped, timeout=60)
    flow.keep_screenshot('csv-import-stopped')
    check(flow.count(db, 'SELECT count(*) FROM problem') == before, 'a stopped import left rows in the ledger')


FLOWS = [
    ('jobs: 5,000 CSV rows imported in a thread with progress', csv_import_in_a_thread, None),
    ('jobs: a CSV import stopped leaves the ledger as it was', csv_import_stopped, None),
]
