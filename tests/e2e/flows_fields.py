# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 18 items 2 and 3 in the window: a problem's severity and cause
set in its detail, the problem listed for supervision (挂牌督办) through
its dialog, found under "Listed only" and in the overview's figure, then
closed, which lifts the listing; each step checked on disk with
rectify-cli list --json."""

import time

from flows import answer, check, small_ledger, status_of
from rct_e2e import plain, wait_for


def pick_in_dropdown(flow, app, name, steps):
    """Opens the drop-down named @name and takes its item @steps below the
    first with the keys, as a person does (a drop-down takes an item when
    it is activated, not when selected)."""
    from dogtail import rawinput
    pyatspi = flow.pyatspi
    drop = app.find('combo box', name)
    toggle = pyatspi.utils.findDescendant(drop, lambda n: n.getRoleName() in ('toggle button', 'push button'))
    check(toggle is not None, 'the drop-down %s has no toggle button' % name)
    toggle.queryAction().doAction(0)
    time.sleep(0.7)
    rawinput.pressKey('Home')
    for _ in range(steps):
        time.sleep(0.2)
        rawinput.pressKey('Down')
    time.sleep(0.2)
    rawinput.pressKey('Return')
    time.sleep(0.5)
    return toggle


def listing_of(flow, db, number):
    return status_of(flow, db, number)['listed']


def listed_supervision(flow):
    db = small_ledger(flow)
    flow.cli('--db', db, 'unit', 'edit', '本单位', '--head', '张所长')
    number = '2020-900'
    app = flow.start(db)
    app.show_page('Rectification ledger')
    app.select_row('本地问题')

    # 一岗双责: the unit's head is the leader while none is named.
    check(status_of(flow, db, number)['leader_name'] == '张所长', 'the head is not the leader')
    app.find('text', 'Responsible leader')

    # Severity and cause, saved from the detail.
    toggle = pick_in_dropdown(flow, app, 'Severity', 2)  # Ordinary, Serious, Grave
    wait_for(lambda: any(plain(n.name) == 'Grave' for n in
                         flow.pyatspi.utils.findAllDescendants(toggle, lambda n: n.getRoleName() == 'label')),
             'the drop-down showing Grave')
    app.type_into('text', 'Cause analysis', '值班制度执行不严，缺少复核')
    app.press('Save Changes')
    wait_for(lambda: status_of(flow, db, number)['severity'] == 'grave', 'the severity in the ledger')
    check(status_of(flow, db, number)['cause'] == '值班制度执行不严，缺少复核', 'the cause is not kept')
    check(listing_of(flow, db, number) is None, 'listed before the dialog')

    # Listed for supervision through its dialog.
    app.press('List for Supervision…')
    dialog = app.frame('List for Supervision')
    app.type_into('text', 'Level', '市局', within=dialog)
    app.type_into('text', 'Listed by', '纪东明', within=dialog)
    app.press('List', within=dialog)
    app.closed(dialog)
    wait_for(lambda: listing_of(flow, db, number) is not None, 'the listing in the ledger')
    listing = listing_of(flow, db, number)
    check(listing['level'] == '市局' and listing['by'] == '纪东明' and listing['open'], 'the listing: %r' % listing)
    check(listing['date'] == '2021-05-20', 'the listing is not dated today: %r' % listing)
    app.find('label', 'Listed for supervision by 市局 on 2021-05-20 (listed by 纪东明).')
    app.find('label', '市局', near=('label', '本地问题'))
    flow.keep_screenshot('problem-listed-en')

    # Under "Listed only" (one of More Filters, whose button then counts
    # it), and in the overview's figure, which leads back.
    app.press('More filters')
    app.press('Only problems listed for supervision')
    app.find('label', '1 problem')
    app.find('label', 'More Filters (1)')
    app.press('Only problems listed for supervision')
    app.find('label', 'More Filters')
    app.press('More filters')
    app.gone('push button', 'Only problems listed for supervision')
    app.show_page('Overview')
    card = app.find('push button', 'Listed (open)')
    wait_for(lambda: any(plain(n.name) == '1' for n in
                         flow.pyatspi.utils.findAllDescendants(card, lambda n: n.getRoleName() == 'label')),
             'the overview showing 1 listed problem')
    app.press('Listed (open)')
    app.find('label', '1 problem')
    app.press('Clear the filters')

    # Closed: the listing is lifted on the day, the lift kept.
    app.select_row('本地问题')
    app.press('Start')
    wait_for(lambda: status_of(flow, db, number)['status'] == 'rectifying', 'the problem rectifying')
    app.type_into('text', 'New measure', '建立值班复核制度')
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
    listing = listing_of(flow, db, number)
    check(not listing['open'] and listing['lifted'] == '2021-05-20' and listing['lift_reason'] is None,
          'the listing not lifted at close: %r' % listing)
    app.find('label', 'Listed by 市局 on 2021-05-20; lifted on 2021-05-20 when the problem was closed.')
    check(flow.cli('--db', db, 'list', 'problems', '--listed').stdout.strip() == '', 'still under --listed')
    journal = flow.cli('--db', db, 'journal', number).stdout
    for change in ('severity: normal → grave', 'listed_level: — → 市局', 'listed_lifted: — → 2021-05-20'):
        check(change in journal, 'the journal does not show %r' % change)
    app.close()

    # The detail of a listed problem in Chinese, for the docs.
    flow.cli('--db', db, 'problem', 'add', '--number', '2021-901', '--description', '窗口服务态度生硬，群众多次投诉',
             '--source', 'public-report', '--unit', '本单位', '--found', '2021-05-10', '--deadline', '2021-06-10',
             '--severity', 'serious', '--cause', '服务意识淡薄，窗口考核不严')
    flow.cli('--db', db, 'problem', 'list-for-supervision', '2021-901', '--level', '县局', '--by', '纪东明',
             '--date', '2021-05-12')
    zh = flow.start(db, language='zh_CN')
    zh.show_page(zh.t('Rectification ledger'))
    zh.select_row('窗口服务态度生硬，群众多次投诉')
    zh.find('label', '县局', near=('label', '窗口服务态度生硬，群众多次投诉'))
    flow.keep_screenshot('problem-listed-zh_CN')


FLOWS = [
    ('fields: severity, cause, listed for supervision, found, closed and lifted', listed_supervision, None),
]
