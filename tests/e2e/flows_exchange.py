# SPDX-License-Identifier: GPL-3.0-or-later
"""The exchange between the office and a unit through the real windows
(issue 16): the office exports a unit's set-up file from the Set-up page
(its short code asked for first), the unit's ledger is made from it on the
greeter's third path, the unit writes the lasting mechanism of an office
problem assigned to it and registers its own first problem, and its report
comes back up. In the office's window Merge… previews it (the new problem
and the conflicting field listed, the ledger untouched on disk), merges
it, and the conflict is shown side by side and settled with Keep Theirs.
In English, the office's report then comes back down and the unit's next
report, exported in its window, carries only what is new. Checked in the
ledgers each time. With RECTIFY_E2E_SHOTS=docs/screenshots
it leaves exchange-preview-LANG.png and exchange-conflict-LANG.png."""

import hashlib
import os
import re

from flows import check, open_in, save_as
from rct_e2e import wait_for

UNIT = '回河派出所'
PROBLEM = '回河派出所社区民警入户走访不足'  # the office's 2021-015, assigned to the unit
OURS = '每月 由督导组 回访核实'
THEIRS = '每周 由所长 抽查走访记录'


def one(flow, db, sql, *args):
    import sqlite3
    with sqlite3.connect('file:%s?mode=ro' % db, uri=True) as conn:
        row = conn.execute(sql, args).fetchone()
        return row[0] if row else None


def checksum(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def sentence(app, msgid):
    """A translated sentence with %s or %1$s holes, as a pattern."""
    pattern = re.escape(app.t(msgid))
    for hole in (re.escape('%1$s'), re.escape('%2$s'), re.escape('%s')):
        pattern = pattern.replace(hole, '.*')
    return re.compile('^' + pattern + '$')


def named(text):
    """A button named @text: GTK 4.8 reads a button's own label after the
    name it was given ("Keep theirs for … Keep Theirs")."""
    return re.compile('^' + re.escape(text) + '( |$)')


def write_mechanism(app, text):
    """The problem detail's Lasting mechanism, typed and saved."""
    t = app.t
    app.show_page(t('Rectification ledger'))
    app.select_row(PROBLEM)
    app.type_into('text', t('_Lasting mechanism'), text)
    app.press(t('Sa_ve Changes'))


def exchange_round_trip(flow, language):
    office = flow.demo('办公室 台账.db')
    app = flow.start(office, language=language)
    t = app.t

    # The office's Set-up page: the unit's set-up file, its code asked first.
    app.show_page(t('Set-up'))
    app.press(named(t('Export the set-up file for %s') % UNIT))
    code = app.frame(t("The Unit's Short Code"))
    app.type_into('text', t('Short _code'), 'HH', within=code)
    app.press(t('_Continue'), within=code)
    app.closed(code)
    setup = flow.path('回河 设置.xml')
    save_as(app, t('Export the Set-up File'), setup, t('_Export'), name_field=re.compile('.'))
    flow.wait_file(setup)
    app.find('label', sentence(app, 'The set-up file for %1$s was written to “%2$s”.'))
    check(one(flow, office, 'SELECT code FROM unit WHERE name = ?', UNIT) == 'HH', 'the unit kept no short code')

    # What the office sends down before anyone edits: its problems there.
    down = flow.path('下发 报告.xml')
    flow.cli('--db', office, 'export-report', '--unit', UNIT, down)
    app.close()  # one window process at a time: a second start joins the first

    # The unit's ledger, from the greeter's third path.
    unit = flow.path('回河 派出所.db')
    greeter = flow.start(language=language)
    greeter.press(t("Make a unit's ledger from a set-up file"))
    open_in(greeter, t('Choose the Set-up File from the Office'), setup, accept=t('_Choose'))
    save_as(greeter, t("Save the Unit's New Ledger"), unit, t('_Create'), name_field=re.compile('.'))
    greeter.frame(os.path.basename(unit))
    wait_for(lambda: os.path.isfile(unit) and one(flow, unit, 'SELECT count(*) FROM organisation') is not None,
             "the unit's ledger")
    check(one(flow, unit, "SELECT code FROM organisation WHERE level = 'unit'") == 'HH',
          "the unit's ledger is not HH's")
    greeter.close()

    # The unit: the office's problems, its own first one (rectify-cli),
    # and the mechanism of 2021-015 written in its window; then its report.
    flow.cli('--db', unit, 'import-report', down)
    flow.cli('--db', unit, 'problem', 'add', '--description', '值班 记录不全', '--source', 'self-inspection',
             '--unit', UNIT, '--deadline', '2021-06-30')
    unit_app = flow.start(unit, language=language)
    write_mechanism(unit_app, THEIRS)
    wait_for(lambda: one(flow, unit, "SELECT mechanism FROM problem WHERE description = ?", PROBLEM) == THEIRS,
             "the unit's mechanism saved")
    unit_app.close()
    up = flow.path('回河 上报.xml')
    flow.cli('--db', unit, 'export-report', up)
    # The office accepts the unit's key once (the Trust step in the window is
    # the signatures flow's).
    flow.cli('--db', office, 'trust', 'add', up, '--yes')

    # Meanwhile the office wrote the same field.
    app = flow.start(office, language=language)
    write_mechanism(app, OURS)
    wait_for(lambda: one(flow, office, "SELECT mechanism FROM problem WHERE description = ?", PROBLEM) == OURS,
             "the office's mechanism saved")

    # Merge…: the preview first, nothing written.
    problems = one(flow, office, 'SELECT count(*) FROM problem')
    before = checksum(office)
    app.show_page(t('Reports'))
    app.press(t('_Open a Report…'))
    open_in(app, t('Open a Report'), up, accept=t('_Open'))
    app.find('label', '回河 上报.xml')
    app.press(t('_Merge into This Ledger…'))
    dialog = app.frame(t('Merge a Report'))
    app.find('label', t('Report from %s') % UNIT, within=dialog)
    app.find('label', 'HH-2021-001', within=dialog)
    app.find('label', t('Lasting mechanism'), within=dialog)
    added = t('Added: %1$u · Changed: %2$u · Conflicts: %3$u · Refused: %4$u · Unchanged: %5$u')
    app.find('label', re.compile('^' + re.escape(added.split(' · ')[0].replace('%1$u', '1')) + ' · '), within=dialog)
    check(one(flow, office, 'SELECT count(*) FROM problem') == problems, 'the preview added problems')
    check(checksum(office) == before, 'the preview changed the ledger on disk')
    flow.keep_screenshot('exchange-preview-' + language)

    app.press(t('_Merge'), within=dialog)
    app.find('label', t('Merged the report from %s') % UNIT, within=dialog)
    app.press(t('_Close'), within=dialog)
    app.closed(dialog)
    check(one(flow, office, 'SELECT count(*) FROM problem') == problems + 1, 'the merge did not add the problem')
    check(one(flow, office, "SELECT count(*) FROM problem WHERE description = '值班 记录不全'") == 1,
          "the unit's problem is not in the office's ledger")
    check(one(flow, office, 'SELECT count(*) FROM merge_conflict WHERE resolved_at IS NULL') == 1,
          'the conflict was not kept')
    check(one(flow, office, 'SELECT mechanism FROM problem WHERE description = ?', PROBLEM) == OURS,
          'the conflict was settled without a choice')

    # The conflict, side by side; Keep Theirs.
    # The bar is over the pages: found from the page shown, up.
    app.press(t('_Show the Conflicts…'), near=('label', '回河 上报.xml'))
    conflicts = app.frame(t('Conflicts'))
    app.find('label', OURS, within=conflicts)
    app.find('label', THEIRS, within=conflicts)
    flow.keep_screenshot('exchange-conflict-' + language)
    app.press(named(t('Keep theirs for %1$s, %2$s').replace('%1$s', '2021-015').replace('%2$s', t('Lasting mechanism'))),
              within=conflicts)
    wait_for(lambda: one(flow, office, 'SELECT mechanism FROM problem WHERE description = ?', PROBLEM) == THEIRS,
             'their value kept by Keep Theirs')
    app.find('label', t('No conflicts wait for a choice.'), within=conflicts)
    check(one(flow, office, 'SELECT count(*) FROM merge_conflict WHERE resolved_at IS NULL') == 0,
          'the conflict is still open')
    app.press(t('_Close'), within=conflicts)
    app.closed(conflicts)
    if language == 'en':
        second_report_only_new(flow, app, office, unit, up)


def problems_in(path):
    with open(path, encoding='utf-8') as f:
        return f.read().count('<problem ')


def second_report_only_new(flow, app, office, unit, up):
    """The office's report comes back down to the unit (docs/EXCHANGE.md,
    Acknowledgements); the unit's next report, exported in its window,
    carries only what the office has not acknowledged: smaller than the
    first, and not full."""
    t = app.t
    app.close()
    back = flow.path('办公室 回复.xml')
    flow.cli('--db', office, 'export-report', '--for', 'HH', back)
    flow.cli('--db', unit, 'import-report', back)
    unit_app = flow.start(unit, language='en')
    unit_app.show_page(t('Reports'))
    unit_app.press(t('_Export the Report…'))
    second = flow.path('回河 再报.xml')
    save_as(unit_app, t('Export the Report'), second, t('_Export'), name_field=re.compile('.'))
    flow.wait_file(second)
    wait_for(lambda: '</report>' in open(second, encoding='utf-8').read(), 'the second report written')
    unit_app.close()
    with open(second, encoding='utf-8') as f:
        text = f.read()
    check('full="false"' in text, 'the second report is full')
    check(0 < problems_in(second) < problems_in(up),
          'the second report carries %d problems, the first %d' % (problems_in(second), problems_in(up)))
    check(os.path.getsize(second) < os.path.getsize(up), 'the second report is not smaller than the first')
    check(one(flow, unit, 'SELECT count(*) FROM exchange_sent') == 2, 'the unit did not record its second report')


def exchange_en(flow):
    exchange_round_trip(flow, 'en')


def exchange_zh(flow):
    exchange_round_trip(flow, 'zh_CN')


FLOWS = [
    ('exchange: set-up exported, unit ledger from it, report up, preview, merge, conflict chosen (en)',
     exchange_en, None),
    ('exchange: set-up exported, unit ledger from it, report up, preview, merge, conflict chosen (zh_CN)',
     exchange_zh, None),
]


