# SPDX-License-Identifier: GPL-3.0-or-later
"""Supervision with teeth (issue 18) through the real window: an inspection
visit recorded on the Supervision page and one of its findings registered
as a problem; accountability recorded from an overdue problem's detail.
Each is checked in the ledger on disk."""

import json

from flows import answer, check
from rct_e2e import wait_for


def supervision_ledger(flow):
    db = flow.path('督导 台账.db')
    flow.cli('--db', db, 'init')
    flow.cli('--db', db, 'unit', 'add', '回河派出所')
    flow.cli('--db', db, 'unit', 'add', '交警大队')
    # Overdue on the flows' day (2021-05-20).
    flow.cli('--db', db, 'problem', 'add', '--number', '2021-900', '--description', '出警超时未整改',
             '--source', 'self-inspection', '--unit', '交警大队', '--found', '2021-04-20',
             '--deadline', '2021-05-10')
    return db


def listed(flow, db, *what):
    return json.loads(flow.cli('--db', db, *what, '--json').stdout)


def visit_and_finding(flow):
    db = supervision_ledger(flow)
    app = flow.start(db)
    app.show_page('Supervision')

    app.press('Record Visit…')
    answer(app, 'Record an Inspection Visit',
           [('Team', '第三督导组'), ('Units visited (joined by 、)', '回河派出所'),
            ('Findings (one a line)', '值班室无人值守\n接警登记不全')], 'Record')
    wait_for(lambda: flow.count(db, 'SELECT count(*) FROM visit') == 1, 'the visit in the ledger')
    visit = listed(flow, db, 'visit', 'list')[0]
    check((visit['team'], visit['units'], visit['method'], visit['findings'])
          == ('第三督导组', '回河派出所', 'open', '值班室无人值守\n接警登记不全'),
          'visit list --json: %r' % visit)

    # The second finding becomes a problem, its text and unit filled in.
    app.find('label', '2. 接警登记不全')
    app.press('Register finding 2 as a problem')
    answer(app, 'Register the Finding as a Problem', [('Deadline', '2021-06-30')], 'Register')
    wait_for(lambda: flow.count(db, 'SELECT count(*) FROM visit_problem') == 1, 'the finding linked')
    problem = [p for p in flow.problems(db) if p['description'] == '接警登记不全']
    check(len(problem) == 1, 'the finding is not a problem: %r' % flow.problems(db))
    problem = problem[0]
    check((problem['unit'], problem['source'], problem['found_date'], problem['deadline'])
          == ('回河派出所', 'office-inspection', visit['date'], '2021-06-30'), 'the problem: %r' % problem)
    visit = listed(flow, db, 'visit', 'list')[0]
    check(visit['problems'] == problem['number'] and visit['problem_count'] == 1,
          'the visit does not show its problem: %r' % visit)
    app.find('label', 'Problem %s' % problem['number'])
    # The first finding is still offered; the second no longer.
    app.find('push button', 'Register finding 1 as a problem')
    stats = json.loads(flow.cli('--db', db, 'stats', '--json').stdout)['visits']
    check(stats == {'total': 1, 'unitsCovered': 1, 'units': 2, 'problemsFound': 1}, 'stats visits: %r' % stats)


def hold_to_account_overdue(flow):
    db = supervision_ledger(flow)
    app = flow.start(db)
    app.show_page('Rectification ledger')
    app.select_row('出警超时未整改')
    app.press('Hold to Account…')
    answer(app, 'Hold to Account',
           [('Person held to account', '赵大队长'), ('Reason', '出警超时问题逾期未整改'),
            ('Decided by', '教育整顿领导小组办公室'), ('Document number (文号)', '济阳教整办〔2021〕9号')],
           'Record')
    wait_for(lambda: flow.count(db, 'SELECT count(*) FROM accountability') == 1, 'the record in the ledger')
    record = listed(flow, db, 'accountability', 'list')[0]
    check((record['kind'], record['person_name'], record['unit_name'], record['problems'], record['document'],
           record['date']) == ('reminder-talk', '赵大队长', '交警大队', '2021-900', '济阳教整办〔2021〕9号',
                               '2021-05-20'), 'accountability list --json: %r' % record)
    # The Supervision page shows it, and the journal has it.
    app.find('label', '2021-05-20  Reminder talk  赵大队长  交警大队')
    check(flow.count(db, "SELECT count(*) FROM journal WHERE record_table = 'accountability'") == 1,
          'the record was not journaled')


FLOWS = [
    ('supervision: a visit recorded and a finding registered as a problem', visit_and_finding, None),
    ('supervision: hold to account from an overdue problem', hold_to_account_overdue, None),
]
