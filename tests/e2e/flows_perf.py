# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 15 in the window: the CSV import's dry run runs in a thread, so a
big file is checked while the window answers; the import waits for the
answer and writes every row."""

import re

from flows import check, open_in
from rct_e2e import wait_for

ROWS = 1000


def csv_check_in_a_thread(flow):
    db = flow.demo()
    csv = flow.path('大 台账.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write('问题描述,问题来源,责任单位,发现时间,整改时限\n')
        for i in range(ROWS):
            f.write('第%d条 值班记录缺页,自查,综合服务大厅,2021-05-11,2021-06-11\n' % (i + 1))
    before = flow.count(db, 'SELECT count(*) FROM problem')
    app = flow.start(db)
    app.show_page('Rectification ledger')
    app.menu_item('Spreadsheets', 'Import Problems from CSV…')
    open_in(app, 'Import Problems from a Spreadsheet (CSV)', csv)
    dialog = app.frame('Import Problems from 大 台账.csv')
    # The check of a thousand rows takes a moment: the window says so, and
    # the import button waits for it. On a quick machine the check may have
    # ended before the label is first read: then it says so already.
    good = 'All %d rows are good.' % ROWS
    checking = app.find('label', re.compile('^(Checking the rows…|%s)$' % re.escape(good)), within=dialog)
    flow.keep_screenshot('csv-import-checking')
    button = app.find('push button', 'Import', within=dialog)
    if checking.name == 'Checking the rows…':
        states = button.getState()
        check(not states.contains(flow.pyatspi.STATE_SENSITIVE),
              'Import can be pressed while the rows are still being checked')
    wait_for(lambda: checking.name == good, 'the label %r' % good, timeout=180)
    check(flow.count(db, 'SELECT count(*) FROM problem') == before, 'the check wrote to the ledger')
    wait_for(lambda: button.getState().contains(flow.pyatspi.STATE_SENSITIVE), 'Import enabled')
    app.press('Import', within=dialog)
    wait_for(lambda: flow.count(db, 'SELECT count(*) FROM problem') == before + ROWS,
             'the %d problems imported' % ROWS, timeout=180)


FLOWS = [
    ('perf: a big CSV checked in a thread, then imported', csv_check_in_a_thread, None),
]
