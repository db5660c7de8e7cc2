# SPDX-License-Identifier: GPL-3.0-or-later
"""The study flow (issue 19): the Study page's roster and training imports
through the real file chooser, its rates and missing officers, and an
activity entry added through its dialog."""

import json
import re

from flows import answer, check, open_in
from rct_e2e import FlowFailed, wait_for

SERIES = '百警百日读党史'
COURSE = '政治轮训专题班'


def study_ledger(flow):
    db = flow.path('学习 台账.db')
    flow.cli('--db', db, 'init')
    flow.cli('--db', db, 'unit', 'add', '回河派出所')
    flow.cli('--db', db, 'unit', 'add', '交警大队')
    # A ledger with a problem opens on its pages, not on the greeter.
    flow.cli('--db', db, 'problem', 'add', '--number', '2021-900', '--description', '学习笔记缺失',
             '--source', 'self-inspection', '--unit', '回河派出所', '--deadline', '2021-06-30')
    flow.cli('--db', db, 'course', 'add', COURSE, '--required', '12', '--elective', '4')
    flow.cli('--db', db, 'activity', 'add', SERIES, '--kind', 'reading', '--target', '100')
    return db


def training(flow, db):
    return json.loads(flow.cli('--db', db, 'stats', '--json').stdout)['training']


def series_done(flow, db):
    listed = json.loads(flow.cli('--db', db, 'activity', 'list', '--json').stdout)
    for series in listed:
        if series['name'] == SERIES:
            return series['done_count']
    raise FlowFailed('no series %s in activity list --json: %r' % (SERIES, listed))


def study_import_and_episode(flow):
    db = study_ledger(flow)
    roster = flow.path('名册.csv')
    with open(roster, 'w', encoding='utf-8') as f:
        f.write('姓名,单位,警号,类别,在职\n'
                '张伟,回河派出所,100001,民警,是\n'
                '李娜,回河派出所,100002,民警,是\n'
                '王强,交警大队,200001,辅警,是\n'
                '赵磊,交警大队,200002,民警,否\n')
    hours = flow.path('平台 导出.csv')
    with open(hours, 'w', encoding='utf-8') as f:
        f.write('警号,姓名,必修学时,选修学时,证书\n'
                '100001,张伟,14,4,ZS-1\n'
                '200001,王强,12,2,\n')
    app = flow.start(db)
    app.show_page('Study')

    app.press('Import roster…')
    open_in(app, 'Import the Roster (CSV)', roster, accept='Import')
    wait_for(lambda: flow.count(db, 'SELECT count(*) FROM officer') == 4, 'four officers in the ledger')
    app.find('label', re.compile(r'^Imported 4 rows from 名册\.csv'))

    app.press('Import hours…')
    open_in(app, 'Import the Training Hours (CSV)', hours, accept='Import')
    wait_for(lambda: training(flow, db)['enrolled'] == 2, 'two officers enrolled')
    app.find('label', re.compile(r'^Imported 2 rows from 平台 导出\.csv'))

    # In service: 张伟, 李娜, 王强 (赵磊 left). Enrolled: 张伟, 王强.
    # Required: both (14 ≥ 12 counts once); elective: 张伟 only.
    t = training(flow, db)
    check((t['roster'], t['enrolled'], t['required_done'], t['elective_done']) == (3, 2, 2, 1),
          'stats --json training: %r' % t)
    check(abs(t['enrolment_rate'] - 2 / 3) < 1e-9 and t['required_rate'] == 1.0 and t['elective_rate'] == 0.5,
          'stats --json rates: %r' % t)
    rates = app.find('label', 'Enrolment (enrolled / officers in service)').parent
    shown = {}
    for label, expected in (('Enrolment (enrolled / officers in service)', '66.7%  (2 / 3)'),
                            ('Required hours completed (/ enrolled)', '100.0%  (2 / 2)'),
                            ('Elective hours completed (/ enrolled)', '50.0%  (1 / 2)')):
        shown[label] = app.find('label', expected, within=rates)
    check(len(shown) == 3, 'the three rates are not shown')
    # The rates as the page shows them, figure for figure with stats --json.
    for expected, (num, den) in (('66.7%  (2 / 3)', (t['enrolled'], t['roster'])),
                                 ('100.0%  (2 / 2)', (t['required_done'], t['enrolled'])),
                                 ('50.0%  (1 / 2)', (t['elective_done'], t['enrolled']))):
        check(expected.endswith('(%d / %d)' % (num, den)), 'the page shows %s, stats says %d / %d' % (expected, num, den))

    app.find('label', re.compile(r'^回河派出所 — 1: 李娜 \(not enrolled\)$'))
    app.find('label', re.compile(r'^交警大队 — 1: 王强 \(elective hours short\)$'))
    missing = {u['name']: [(m['name'], m['gap']) for m in u['missing']] for u in t['units']}
    check([n for n, _ in missing.get('回河派出所', [])] == ['李娜'], 'stats --json missing: %r' % missing)
    check([n for n, _ in missing.get('交警大队', [])] == ['王强'], 'stats --json missing: %r' % missing)

    # An episode of the reading series, through the page.
    before = series_done(flow, db)
    check(before == 0, 'the series starts at %r' % before)
    app.find('label', re.compile(r'^0 / 100  0\.0%$'))
    app.select_row(SERIES)
    wait_for(lambda: app.find('push button', 'Add entry…').getState().contains(flow.pyatspi.STATE_SENSITIVE),
             'Add entry enabled')
    app.press('Add entry…')
    answer(app, 'Add an Entry to %s' % SERIES,
           [('Reader, author or speaker', '张伟'), ('Topic or title', '遵义会议')], 'Add')
    wait_for(lambda: series_done(flow, db) == 1, 'the episode counted in activity list --json')
    check(flow.count(db, "SELECT count(*) FROM activity_entry WHERE person = '张伟'") == 1,
          'the episode is not in the ledger')
    app.find('label', re.compile(r'^1 / 100  1\.0%$'))


FLOWS = [
    ('study: import a roster and a training export, see the rates and the missing officers, add an episode',
     study_import_and_episode, None),
]
