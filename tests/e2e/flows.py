# SPDX-License-Identifier: GPL-3.0-or-later
"""The flows, in the order a new user meets them. Each is a function of a
Flow (rct_e2e.Flow) that drives the real window and asserts on disk or in
the ledger; FLOWS lists (name, function, todo-reason-or-None)."""

import os
import re
import subprocess
import time

from rct_e2e import FlowFailed, plain, set_text, wait_for

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'report', 'rct-report.xsd')


def check(condition, message):
    if not condition:
        raise FlowFailed(message)


def small_ledger(flow, name='本 台账.db'):
    """A ledger of one unit and one problem, not the demo's."""
    db = flow.path(name)
    flow.cli('--db', db, 'init')
    flow.cli('--db', db, 'unit', 'add', '本单位')
    flow.cli('--db', db, 'problem', 'add', '--number', '2020-900', '--description', '本地问题',
             '--source', 'self-inspection',
             '--unit', '本单位', '--deadline', '2021-06-30')
    return db


def valid_report(path):
    out = subprocess.run(['xmllint', '--noout', '--schema', SCHEMA, path], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    check(out.returncode == 0, 'the report is not valid against the schema: %s' % out.stdout[-400:])


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def save_as(app, title, path, accept, name_field='Name:', shot=None):
    """The real save dialog titled @title: the name field holds what the
    window proposed; @path is typed there and @accept pressed. Returns
    the name proposed."""
    dialog = app.frame(title)
    check(dialog.getRoleName() in ('dialog', 'filler', 'frame'), 'the dialog is a %s' % dialog.getRoleName())
    name = app.find('text', name_field, within=dialog)
    proposed = text_of(name)
    if shot:
        time.sleep(0.3)
        app.flow.keep_screenshot(shot)
    set_text(name, path)
    app.press(accept, within=dialog)
    app.closed(dialog)
    return proposed


def open_in(app, title, path, accept='Open'):
    """The real open dialog titled @title: the location typed, as after
    Ctrl+L, then @accept."""
    dialog = app.frame(title)
    from dogtail import rawinput
    rawinput.keyCombo('<Control>l')
    location = app.focused('text', within=dialog)
    set_text(location, path)
    # Enter in the location, as a person does after typing it (the Open
    # button acts on the selection when the dialog shows Recent files);
    # the entry's completion may take the first Enter, and the button
    # does when the list shows the folder.
    # Under load the completion's popup can come late and take an Enter
    # each time, and the button can be slow to reach the accessibility
    # bus: Enter, Enter, the button (or Enter when it is not there yet),
    # Enter, each given ten seconds.
    for attempt in range(4):
        time.sleep(0.5)
        if attempt == 2:
            try:
                app.press(accept, within=dialog)
            except FlowFailed:
                rawinput.pressKey('Return')
        else:
            rawinput.pressKey('Return')
        try:
            app.closed(dialog, timeout=10)
            return
        except FlowFailed:
            continue
    raise FlowFailed('the dialog %r did not take %s' % (title, os.path.basename(path)))


# ---- a. reports ----

def reports_export(flow):
    db = flow.demo()
    app = flow.start(db)
    app.show_page('Reports')
    app.type_into('text', 'Title', '第二季度 督导通报', near=('push button', 'Export the Report…'))
    app.press('Export the Report…')
    xml = flow.path('导出 报告.xml')
    proposed = save_as(app, 'Export the Report', xml, 'Export')
    check(proposed == '第二季度 督导通报.xml', 'the dialog proposed %r, not the title' % proposed)
    flow.wait_file(xml)
    html = flow.wait_file(flow.path('导出 报告.html'))
    valid_report(xml)
    with open(xml, encoding='utf-8') as f:
        check('第二季度 督导通报' in f.read(), 'the typed title is not in the report')
    with open(html, encoding='utf-8') as f:
        check('第二季度 督导通报' in f.read(), 'the typed title is not in the web page')


def report_round_trip(flow, language):
    """A report exported from one ledger through the save dialog, then in
    another ledger opened through the Ledger menu, the report opened
    through the open dialog, viewed, and merged; all in @language."""
    demo = flow.demo()
    db = small_ledger(flow)
    before = flow.count(db, 'SELECT count(*) FROM problem')
    app = flow.start(demo, language=language)
    t = app.t
    app.show_page(t('Reports'))
    app.type_into('text', t('_Title'), '第二季度 督导通报', near=('push button', t('_Export the Report…')))
    app.press(t('_Export the Report…'))
    report = flow.path('来报 一.xml')
    save_as(app, t('Export the Report'), report, t('_Export'), name_field=re.compile('.'),
            shot='report-export-' + language)
    flow.wait_file(report)
    valid_report(report)

    app.menu_item(t('Ledger menu'), t('_Open…'))
    open_in(app, t('Open a Ledger'), db, accept=t('_Open'))
    app.frame(os.path.basename(db))
    app.show_page(t('Reports'))
    app.press(t('_Open a Report…'))
    open_in(app, t('Open a Report'), report, accept=t('_Open'))
    app.find('label', '来报 一.xml')
    app.find('label', '第二季度 督导通报')
    check(flow.count(db, 'SELECT count(*) FROM problem') == before, 'opening the report changed the ledger')
    flow.keep_screenshot('report-view-' + language)
    app.press(t('_Merge into This Ledger…'))
    dialog = app.frame(t('Merge a Report'))
    # The other ledger's first report: its key trusted once (issue 21).
    app.press(t('_Trust'), within=dialog)
    # The preview again, now the key is trusted: Merge once it is shown.
    shown = t('Report from %s')
    app.find('label', re.compile('^' + re.escape(shown).replace(re.escape('%s'), '.+') + '$'), within=dialog)
    app.press(t('_Merge'), within=dialog)
    app.press(t('_Close'), within=dialog)
    app.closed(dialog)
    merged = t('Merged into the ledger. %s')
    app.find('label', re.compile('^' + re.escape(merged).replace('%s', '.+') + '$'))
    after = flow.count(db, 'SELECT count(*) FROM problem')
    sent = flow.count(demo, 'SELECT count(*) FROM problem')
    check(after == before + sent, 'the ledger has %d problems after the merge, not %d' % (after, before + sent))
    flow.keep_screenshot('report-merged-' + language)


def reports_round_trip_en(flow):
    report_round_trip(flow, 'en')


def reports_round_trip_zh(flow):
    report_round_trip(flow, 'zh_CN')


def reports_pdf(flow):
    db = flow.demo()
    app = flow.start(db)
    app.show_page('Reports')
    app.type_into('text', 'Title', '五月 督导通报', near=('push button', 'Export the Report…'))
    app.press('Save as PDF…')
    pdf = flow.path('督导 报告.pdf')
    save_as(app, 'Save the Report as PDF', pdf, 'Save')
    flow.wait_file(pdf)
    with open(pdf, 'rb') as f:
        check(f.read(5) == b'%PDF-', 'not a PDF')
    out = subprocess.run(['pdftotext', pdf, '-'], stdout=subprocess.PIPE, text=True)
    if out.returncode == 0:
        check('五月 督导通报' in out.stdout, 'the typed title is not in the PDF')


def spreadsheets_out(flow):
    db = flow.demo()
    app = flow.start(db)
    app.show_page('Rectification ledger')
    app.menu_item('Spreadsheets', 'Export as CSV…')
    csv = flow.path('台账 导出.csv')
    proposed = save_as(app, 'Export as CSV', csv, 'Export')
    check(proposed == 'Rectification ledger 2021-05-20.csv', 'the dialog proposed %r' % proposed)
    flow.wait_file(csv)
    with open(csv, encoding='utf-8-sig') as f:
        rows = [line for line in f.read().splitlines() if line.strip()]
    total = flow.count(db, 'SELECT count(*) FROM problem')
    check(len(rows) == total + 1, 'the CSV has %d rows for %d problems' % (len(rows) - 1, total))
    app.menu_item('Spreadsheets', 'Export as Excel Workbook…')
    xlsx = flow.path('台账 导出.xlsx')
    save_as(app, 'Export as Excel Workbook', xlsx, 'Export')
    flow.wait_file(xlsx)
    with open(xlsx, 'rb') as f:
        check(f.read(2) == b'PK', 'the workbook is not a zip')


def spreadsheets_in(flow):
    db = flow.demo()
    csv = flow.path('旧 台账.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write('序号,问题描述,问题来源,责任单位,发现时间,整改时限\n'
                '1,户籍窗口排队时间长,群众举报,综合服务大厅,2021-05-10,2021-06-10\n'
                '2,值班记录缺页,自查,综合服务大厅,2021-05-11,2021-06-11\n')
    before = flow.count(db, 'SELECT count(*) FROM problem')
    app = flow.start(db)
    app.show_page('Rectification ledger')
    app.menu_item('Spreadsheets', 'Import Problems from CSV…')
    open_in(app, 'Import Problems from a Spreadsheet (CSV)', csv)
    dialog = app.frame('Import Problems from 旧 台账.csv')
    app.press('Import', within=dialog)
    wait_for(lambda: flow.count(db, 'SELECT count(*) FROM problem') == before + 2, 'two problems imported')
    check(flow.count(db, "SELECT count(*) FROM problem WHERE description = '值班记录缺页'") == 1,
          'the second row is not in the ledger')


def reports_print_to_file(flow):
    db = flow.demo()
    app = flow.start(db)
    app.show_page('Reports')
    app.press('Print…')
    dialog = app.frame('Print')
    rows = [n for n in flow.pyatspi.utils.findAllDescendants(dialog, lambda n: n.getRoleName() == 'table row')
            if any(plain(c.name) == 'Print to File' for c in flow.pyatspi.utils.findAllDescendants(
                n, lambda m: m.getRoleName() == 'label'))]
    check(rows, 'the print dialog offers no Print to File')
    printers = rows[0].parent
    printers.querySelection().selectChild(rows[0].getIndexInParent())
    app.press('Print', within=dialog)
    app.closed(dialog)

    # Print to File writes output.pdf in the folder the window started in.
    pdf = flow.wait_file(os.path.join(flow.env['HOME'], 'output.pdf'))
    with open(pdf, 'rb') as f:
        check(f.read(5) == b'%PDF-', 'the printed file is not a PDF')


# ---- b. first run and the ledger menu ----

def data_path(flow, *names):
    return os.path.join(flow.env['XDG_DATA_HOME'], 'rectify', *names)


def ledger_ready(flow, db, sql, value, what):
    def probe():
        return os.path.isfile(db) and flow.count(db, sql) == value
    wait_for(probe, what)


def first_run_demo(flow):
    app = flow.start()
    app.press(re.compile('(?i)^open the demo ledger'))
    app.find('list', 'Sidebar')
    demo = data_path(flow, 'demo.db')
    ledger_ready(flow, demo, 'SELECT count(*) FROM problem', 41, 'the demo ledger with its 41 problems')
    app.frame('demo.db')


def first_run_empty(flow):
    app = flow.start()
    app.press(re.compile('(?i)^start an empty ledger'))
    app.find('list', 'Sidebar')
    db = data_path(flow, 'rectify.db')
    ledger_ready(flow, db, 'SELECT count(*) FROM working_group', 6, 'the six working groups')
    check(flow.count(db, 'SELECT count(*) FROM problem') == 0, 'the empty ledger has problems')


def ledger_new_open_backup(flow):
    first = flow.demo('台账 一.db')
    second = small_ledger(flow, '台账 二.db')
    app = flow.start(first)
    app.frame('台账 一.db')

    app.menu_item('Ledger menu', 'New Ledger…')
    new = flow.path('新 台账.db')
    proposed = save_as(app, 'New Ledger', new, 'Create')
    check(proposed == 'Ledger.db', 'the dialog proposed %r' % proposed)
    app.frame('新 台账.db')
    wait_for(lambda: os.path.isfile(new), 'the new ledger')
    flow.cli('--db', new, 'check')

    app.menu_item('Ledger menu', 'Open…')
    open_in(app, 'Open a Ledger', second)
    app.frame('台账 二.db')
    app.find('list', 'Sidebar')

    app.menu_item('Ledger menu', 'Back Up…')
    backup = flow.path('备份 二.db')
    save_as(app, 'Back Up the Ledger', backup, 'Back Up')
    flow.wait_file(backup)
    check(flow.count(backup, "SELECT count(*) FROM problem WHERE description = '本地问题'") == 1,
          'the backup does not hold the ledger')


def ledger_restore(flow):
    db = small_ledger(flow, '台账 三.db')
    app = flow.start(db)
    app.find('list', 'Sidebar')
    # Opening takes the day's backup in a worker; wait for it to be there.
    wait_for(lambda: any(name.endswith('.db') for folder, _d, names in os.walk(flow.dir)
                         for name in names if '台账 三' in name and folder != flow.dir),
             'the daily backup')
    app.close()
    flow.cli('--db', db, 'problem', 'add', '--description', '后来的问题', '--source', 'self-inspection',
             '--unit', '本单位', '--deadline', '2021-06-30')
    check(flow.count(db, 'SELECT count(*) FROM problem') == 2, 'the problem was not added')
    app = flow.start(db)
    app.find('list', 'Sidebar')
    app.menu_item('Ledger menu', 'Restore from Backup…')
    dialog = app.frame('Restore from Backup')
    app.press('Restore', within=dialog)
    ledger_ready(flow, db, 'SELECT count(*) FROM problem', 1, 'the ledger as it was backed up')
    app.find('label', re.compile('^The ledger was restored from the backup of'))


# ---- c. the ledger ----

def status_of(flow, db, number):
    for problem in flow.problems(db):
        if problem['number'] == number:
            return problem
    raise FlowFailed('no problem %s in the ledger' % number)


def answer(app, title, values, accept):
    """The window's own dialog titled @title: each field named in @values
    typed into, then @accept."""
    dialog = app.frame(title)
    for name, text in values:
        app.type_into('text', name, text, within=dialog)
    app.press(accept, within=dialog)
    app.closed(dialog)


def ledger_walk(flow):
    db = small_ledger(flow)
    app = flow.start(db)
    app.show_page('Rectification ledger')

    # Register.
    app.press('New Problem')
    answer(app, 'New Problem', [('Description', '食堂卫生检查记录缺失'), ('Deadline', '2021-06-15')], 'Register')
    app.find('label', 'Problem registered.')
    number = [p['number'] for p in flow.problems(db) if p['description'] == '食堂卫生检查记录缺失']
    check(len(number) == 1, 'the problem was not registered')
    number = number[0]
    check(status_of(flow, db, number)['status'] == 'registered', 'not registered')
    app.find('label', '2 problems')

    # Search, and a filter that hides both.
    app.press('Search this page')
    app.type_into('entry', 'Search this page', '食堂')
    app.find('label', '1 problem')
    app.type_into('entry', 'Search this page', '')
    app.find('label', '2 problems')
    app.press('Only overdue problems')
    app.find('label', re.compile('^0 problems'))
    app.press('Clear the filters')
    app.find('label', '2 problems')

    # Walk it to closed.
    app.select_row('食堂卫生检查记录缺失')
    app.press('Start')
    wait_for(lambda: status_of(flow, db, number)['status'] == 'rectifying', 'the problem rectifying')
    app.type_into('text', 'New measure', '补齐检查记录并建立台账')
    app.press('Add the measure')
    wait_for(lambda: status_of(flow, db, number)['measure_count'] == 1, 'the measure added')
    app.press('Mark Done', near=('list', 'Measures'))
    wait_for(lambda: status_of(flow, db, number)['open_measure_count'] == 0, 'the measure done')
    app.press('Submit')
    wait_for(lambda: status_of(flow, db, number)['status'] == 'awaiting-verification', 'awaiting verification')
    app.press('Verify…')
    answer(app, 'Verify and Close', [('Verified by', '督导组 张三'), ('How it was verified', '现场检查')],
           'Close the Problem')
    wait_for(lambda: status_of(flow, db, number)['status'] == 'closed', 'the problem closed')
    check(status_of(flow, db, number)['verified_by'] == '督导组 张三', 'the verifier is not kept')

    # Reopen, submit again, reject; extend.
    app.press('Reopen…')
    answer(app, 'Reopen', [('Reason', '复查发现记录仍不全')], 'Reopen')
    wait_for(lambda: status_of(flow, db, number)['status'] == 'rectifying', 'the problem reopened')
    app.press('Submit')
    wait_for(lambda: status_of(flow, db, number)['status'] == 'awaiting-verification', 'submitted again')
    app.press('Reject…')
    answer(app, 'Reject', [('Reason', '整改材料不完整')], 'Reject')
    wait_for(lambda: status_of(flow, db, number)['status'] == 'rectifying', 'the problem rejected')
    app.press('Extend…')
    answer(app, 'Extend the Deadline', [('New deadline', '2021-07-15'), ('Reason', '需要采购设备')], 'Extend')
    wait_for(lambda: status_of(flow, db, number)['deadline'] == '2021-07-15', 'the deadline extended')
    journal = flow.cli('--db', db, 'journal', number).stdout
    for change in ('status: closed → rectifying', 'status: awaiting-verification → rectifying',
                   'deadline: 2021-06-15 → 2021-07-15', 'verified_by: — → 督导组 张三'):
        check(change in journal, 'the journal does not show %r' % change)


def ledger_evidence(flow):
    db = small_ledger(flow)
    photo = flow.path('现场 照片.txt')
    with open(photo, 'w', encoding='utf-8') as f:
        f.write('整改前后对比记录\n')
    app = flow.start(db)
    app.show_page('Rectification ledger')
    app.select_row('本地问题')
    app.press('Attach a File…')
    open_in(app, 'Attach Evidence', photo, accept='Attach')
    app.find('label', 'File attached.')
    wait_for(lambda: flow.count(db, "SELECT count(*) FROM evidence WHERE filename = '现场 照片.txt'") == 1,
             'the evidence in the ledger')
    check(flow.count(db, "SELECT size FROM evidence") == os.path.getsize(photo), 'the evidence is not whole')
    app.find('label', '现场 照片.txt', near=('list', 'Evidence files'))


# ---- d. groups ----

def groups_tasks(flow):
    db = flow.demo()
    tasks = flow.count(db, 'SELECT count(*) FROM task')
    app = flow.start(db)
    app.show_page('Working groups')
    # GTK refuses the press of a button not yet enabled (no group chosen).
    wait_for(lambda: app.find('push button', 'New task').getState().contains(flow.pyatspi.STATE_SENSITIVE),
             'New task enabled')
    app.press('New task')
    # The task form is built with the page, hidden, with its Add Task button:
    # the new task's form is the one whose Title has the focus, once the
    # press is handled.
    def new_title():
        node = app.focused('text', within=app.page)
        return node if plain(node.name) == 'Title' else None
    set_text(wait_for(new_title, 'the Title of the new task focused'), '组织专题学习研讨')
    app.type_into('text', 'Deadline', '2021-06-30', near=('push button', 'Add Task'))
    app.press('Add Task')
    wait_for(lambda: flow.count(db, "SELECT count(*) FROM task WHERE title = '组织专题学习研讨'") == 1,
             'the task in the ledger')
    check(flow.count(db, 'SELECT count(*) FROM task') == tasks + 1, 'not one task added')
    task = flow.count(db, "SELECT id FROM task WHERE title = '组织专题学习研讨'")

    app.select_row('组织专题学习研讨')
    app.type_into('text', 'Note', '第一次集中学习', near=('push button', 'Record Progress'))
    app.press('Record Progress')
    wait_for(lambda: flow.count(db, 'SELECT count(*) FROM task_progress WHERE task_id = %d' % task) == 1,
             'the progress in the ledger')

    app.type_into('text', 'Title', '组织专题学习研讨（第一阶段）', near=('push button', 'Save Task'))
    app.press('Save Task')
    wait_for(lambda: flow.count(db, 'SELECT title FROM task WHERE id = %d' % task) == '组织专题学习研讨（第一阶段）',
             'the task edited')

    main = app.frame()
    app.press('Delete task')
    confirm = wait_for(lambda: [w for w in app.windows() if w != main], 'the question before deleting')[0]
    app.press('Delete', within=confirm)
    wait_for(lambda: flow.count(db, 'SELECT count(*) FROM task WHERE id = %d' % task) == 0, 'the task deleted')


def supervisors_feedback(flow):
    db = flow.demo()
    said = '派出所窗口午休时间无人值守'
    app = flow.start(db)
    app.show_page('Supervisors')
    app.press('Record Feedback')
    answer(app, 'Record Feedback', [('What was said', said)], 'Record')
    wait_for(lambda: flow.count(db, "SELECT count(*) FROM feedback WHERE content = '%s'" % said) == 1,
             'the feedback in the ledger')
    feedback = flow.count(db, "SELECT id FROM feedback WHERE content = '%s'" % said)

    app.select_row(said)
    app.type_into('text', 'Reply', '已安排午间轮岗，窗口保持有人', near=('push button', 'Record the Reply'))
    app.press('Record the Reply')
    wait_for(lambda: flow.count(db, 'SELECT reply FROM feedback WHERE id = %d' % feedback) ==
             '已安排午间轮岗，窗口保持有人', 'the reply in the ledger')

    app.press('Turn into a Ledger Problem')
    wait_for(lambda: flow.count(db, 'SELECT count(*) FROM problem p JOIN feedback f ON f.problem_id = p.id '
                                    'WHERE f.id = %d' % feedback) == 1, 'the problem made from the feedback')


# ---- safety (issue 13) ----

def window_locks(pid, path):
    """The locks process @pid holds on the file at @path (Linux), read from
    the "lock:" lines of its descriptors in /proc/PID/fdinfo: POSIX and
    open-file-description locks alike (SQLite's are the latter; /proc/locks
    shows them with pid -1)."""
    inode = os.stat(path).st_ino
    found = []
    fdinfo = '/proc/%d/fdinfo' % pid
    for name in os.listdir(fdinfo):
        try:
            with open(os.path.join(fdinfo, name)) as info:
                lines = info.read().splitlines()
        except OSError:
            continue  # a descriptor closed meanwhile
        for line in lines:
            words = line[len('lock:'):].split() if line.startswith('lock:') else []
            # A blocked request carries "->" in front; it is no lock held.
            if len(words) > 5 and words[1] != '->' and words[5].rsplit(':', 1)[-1] == str(inode):
                found.append(line)
    return found


def safety_other_reader_then_kill(flow):
    """A ledger open in the window while another program (the sqlite3 shell)
    opens, reads and closes it; the window then registers a problem and is
    killed without a word: the problem is in the ledger afterwards, and the
    window held its lock on the file throughout."""
    if not os.path.exists('/proc/self/fdinfo'):
        return
    db = small_ledger(flow)
    app = flow.start(db)
    app.show_page('Rectification ledger')
    app.find('label', '1 problem')
    check(window_locks(app.proc.pid, db), 'the window holds no lock on its ledger')
    out = subprocess.run(['sqlite3', db, 'select count(*) from problem'], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    check(out.returncode == 0 and out.stdout.strip() == '1', 'sqlite3 could not read the ledger: %s' % out.stderr)
    check(window_locks(app.proc.pid, db), 'the window lost its lock when another program read the ledger')
    app.press('New Problem')
    answer(app, 'New Problem', [('Description', '另一程序读取后登记的问题'), ('Deadline', '2021-06-15')], 'Register')
    app.find('label', 'Problem registered.')
    check(window_locks(app.proc.pid, db), 'the window lost its lock on its ledger')
    app.proc.kill()
    app.proc.wait()
    found = [p for p in flow.problems(db) if p['description'] == '另一程序读取后登记的问题']
    check(len(found) == 1, 'the problem registered after another program read the ledger was lost at the kill')


# ---- e. accessibility ----

CONTROLS = {'push button', 'toggle button', 'check box', 'radio button', 'text', 'entry', 'password text',
            'combo box', 'spin button', 'menu item', 'check menu item', 'radio menu item', 'page tab',
            'slider', 'list', 'table', 'tree table', 'link'}


def name_problem(node):
    """Why a control's accessible name would fail a screen reader user, or
    None: no name, a toolkit class for a name, the mnemonic left in, or
    the label said twice (`_Start Start`, `Title Title`)."""
    name = (node.name or '').strip()
    if not name or re.match(r'^Gtk[A-Z]\w*$', name):
        return 'unnamed'
    words = name.split(' ')
    half = len(words) // 2
    if len(words) % 2 == 0 and half and ' '.join(words[:half]).replace('_', '') == ' '.join(words[half:]):
        return 'named twice'
    if re.search(r'_\w', name):
        return 'mnemonic in the name'
    return None


def walk(flow, root, where, found):
    queue = [(root, where)]
    seen = 0
    while queue:
        node, path = queue.pop(0)
        seen += 1
        try:
            role = node.getRoleName()
            if role in CONTROLS:
                problem = name_problem(node)
                if problem:
                    found.append('%s: %s %r (%s)' % (path, role, node.name, problem))
            queue.extend((c, path) for c in node if c is not None)
        except Exception:
            continue
    return seen


def accessibility_walk(flow):
    db = flow.demo()
    app = flow.start(db)
    found = []
    seen = walk(flow, app.frame(), 'window', found)
    app.show_page('Rectification ledger')
    app.press('New Problem')
    dialog = app.frame('New Problem')
    seen += walk(flow, dialog, 'New Problem', found)
    if dialog.getRoleName() != 'dialog':
        found.append('New Problem: exposed as a %s, not a dialog' % dialog.getRoleName())
    print('# %d nodes read' % seen)
    for line in sorted(set(found)):
        print('# ' + line)
    check(not found, '%d controls without one plain accessible name' % len(set(found)))


FLOWS = [
    ('reports: export XML and HTML through the save dialog', reports_export, None),
    ('reports: export, open in another ledger, view and merge', reports_round_trip_en, None),
    ('reports: export, open in another ledger, view and merge, in Chinese', reports_round_trip_zh, None),
    ('reports: save as PDF through the save dialog', reports_pdf, None),
    ('reports: print to file through the print dialog', reports_print_to_file, None),
    ('reports: the ledger out as CSV and Excel', spreadsheets_out, None),
    ('reports: CSV import with its mapping window', spreadsheets_in, None),
    ('first run: greeter, open the demo ledger', first_run_demo, None),
    ('first run: greeter, start an empty ledger', first_run_empty, None),
    ('ledger menu: new, open, back up', ledger_new_open_backup, None),
    ('ledger menu: restore from backup', ledger_restore, None),
    ('ledger: register, search, filter, walk to closed, reopen, reject, extend', ledger_walk, None),
    ('ledger: attach evidence through the open dialog', ledger_evidence, None),
    ('safety: another program reads the ledger, the window writes and is killed: nothing lost',
     safety_other_reader_then_kill, None),
    ('groups: add a task, record its progress, edit it, delete it', groups_tasks, None),
    ('supervisors: record feedback, reply, turn it into a problem', supervisors_feedback, None),
    ('accessibility: every control of the window and New Problem has one plain name', accessibility_walk, None),
]
from flows_study import FLOWS as _study_FLOWS  # noqa: E402
FLOWS += _study_FLOWS
from flows_ledger import FLOWS as _ledger_FLOWS  # noqa: E402
FLOWS += _ledger_FLOWS
from flows_official import FLOWS as _official_FLOWS  # noqa: E402
FLOWS += _official_FLOWS
from flows_perf import FLOWS as _perf_FLOWS  # noqa: E402
FLOWS += _perf_FLOWS
from flows_supervision import FLOWS as _supervision_FLOWS  # noqa: E402
FLOWS += _supervision_FLOWS
from flows_sign import FLOWS as _sign_FLOWS  # noqa: E402
FLOWS += _sign_FLOWS
from flows_exchange import FLOWS as _exchange_FLOWS  # noqa: E402
FLOWS += _exchange_FLOWS
from flows_fields import FLOWS as _fields_FLOWS  # noqa: E402
FLOWS += _fields_FLOWS
from flows_jobs import FLOWS as _jobs_FLOWS  # noqa: E402
FLOWS += _jobs_FLOWS
from flows_speed import FLOWS as _speed_FLOWS  # noqa: E402
FLOWS += _speed_FLOWS
from flows_conflict import FLOWS as _conflict_FLOWS  # noqa: E402
FLOWS += _conflict_FLOWS
from flows_live import FLOWS as _live_FLOWS  # noqa: E402
FLOWS += _live_FLOWS
from flows_open import FLOWS as _open_FLOWS  # noqa: E402
FLOWS += _open_FLOWS
