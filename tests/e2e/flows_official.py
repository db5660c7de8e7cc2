# SPDX-License-Identifier: GPL-3.0-or-later
"""The official report composed and issued in the window (issue 17): the
header typed, the sections drafted from the ledger and one edited, two
attachments ticked, the draft saved, then issued; asserted in the ledger
(rectify-cli report list --json) and on disk (its files and their SHA-256)."""

import hashlib
import json
import os
import re
import time

from flows import check, text_of
from rct_e2e import FlowFailed, do_action, set_text, wait_for

SERIES = '督导通报'
ADDRESSEE = '各区整改办'
EDIT = ' 本期已逐项复核整改台账。'


def reports(flow, db):
    out = flow.cli('--db', db, 'report', 'list', '--json').stdout
    return json.loads(out)


def edit_section(app, node, text):
    """The section's text as a person leaves it: through the text
    interface when the view offers one, else typed after Ctrl+End."""
    try:
        set_text(node, text)
        return
    except (NotImplementedError, AttributeError, FlowFailed):
        pass
    from dogtail import rawinput
    node.queryComponent().grabFocus()
    time.sleep(0.3)
    rawinput.keyCombo('<Control>End')
    rawinput.typeText(text[len(text_of(node)):])


def tick(box):
    """Ticks a check box as a person does: its action when it offers one,
    else Space with the keyboard focus on it (a GTK 4 check button offers
    no action through AT-SPI)."""
    try:
        do_action(box, 'click')
        return
    except FlowFailed:
        pass
    import pyatspi
    from dogtail import rawinput
    window = box
    while window.parent is not None and window.parent.getRoleName() != 'application':
        window = window.parent
    wx, wy, ww, wh = window.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    for _ in range(60):
        x, y, w, h = box.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        if wy + 60 < y and y + h < wy + wh - 10:
            break
        # the wheel over the page, down or up, until the box is in view
        rawinput.click(wx + ww * 2 // 3, wy + wh // 2, 5 if y + h >= wy + wh - 10 else 4)
        time.sleep(0.1)
    else:
        raise FlowFailed('%r cannot be scrolled into view' % box.name)
    rawinput.click(x + 8, y + h // 2)


def official_compose_issue(flow):
    db = flow.demo()
    app = flow.start(db)
    app.show_page('Reports')
    near = ('push button', 'Save Draft')
    for field, value in (('Series', SERIES), ('Report title', '第二季度 整改督导情况通报'),
                         ('Addressee (主送)', ADDRESSEE), ('Copied to (抄送)', '市整改领导小组'),
                         ('Signed off by (签发人)', '王主任'), ('Drafted by', '李科员')):
        app.type_into('text', field, value, near=near)
    app.press('Draft from the Ledger', near=near)
    app.find('label', 'The sections are drafted from the ledger for the period: edit them, then save or issue.',
             near=near)
    section = app.find('text', '1. Overall situation', near=near)
    drafted = wait_for(lambda: text_of(section), 'the first section drafted')
    edited = drafted + EDIT
    edit_section(app, section, edited)
    wait_for(lambda: text_of(section) == edited, 'the first section edited')
    for name in ('Problem list', 'Overdue problems'):
        box = app.find('check box', name, near=near)
        check(not box.getState().contains(flow.pyatspi.STATE_CHECKED), '%r is ticked already' % name)
        tick(box)
        wait_for(lambda: box.getState().contains(flow.pyatspi.STATE_CHECKED), '%r ticked' % name)

    app.press('Save Draft')
    app.find('label', 'The draft is saved in the ledger.', near=near)
    drafts = [r for r in reports(flow, db) if r['status'] == 'draft']
    check(len(drafts) == 1, '%d drafts in the ledger after Save Draft, not 1' % len(drafts))
    check(drafts[0]['series'] == SERIES and drafts[0]['addressee'] == ADDRESSEE,
          'the draft saved holds %r to %r' % (drafts[0]['series'], drafts[0]['addressee']))

    app.press('Issue', near=near)
    app.find('label', re.compile(r'^Issued as .+; its files are in .+\.$'), near=near)
    issued = [r for r in reports(flow, db) if r['status'] == 'issued']
    check(len(issued) == 1, '%d reports issued, not 1' % len(issued))
    report = issued[0]
    check(report['number'] == 1, 'the report is issued with number %r, not 1' % report['number'])
    check(report['series'] == SERIES and report['addressee'] == ADDRESSEE
          and report['signed_off_by'] == '王主任', 'the issued header is not the one typed: %r' % report)
    check(set(report['attachments']) == {'figures', 'problems', 'problems-overdue'},
          'the attachments recorded are %r, not the two ticked beside the default one' % report['attachments'])
    files = report['files']
    for kind in ('xml', 'pdf', 'docx'):
        check(kind in files, 'no %s recorded for the issued report' % kind)
        path = os.path.join(report['folder'], files[kind]['name'])
        check(os.path.isfile(path) and os.path.getsize(path) > 0, 'the %s %s is not on disk' % (kind, path))
        with open(path, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        check(digest == files[kind]['sha256'],
              'the %s on disk has SHA-256 %s, the ledger records %s' % (kind, digest, files[kind]['sha256']))
    with open(os.path.join(report['folder'], files['xml']['name']), encoding='utf-8') as f:
        check(EDIT.strip() in f.read(), 'the edited section is not in the issued XML')

    issue = report['issue']
    app.find('label', re.compile('^' + re.escape('%s %s · ' % (SERIES, issue)) + '.* · to ' + re.escape(ADDRESSEE)
                                 + '$'), near=('list', 'Issued reports'))
    app.find('push button', 'Open the PDF of %s' % issue, near=('list', 'Issued reports'))
    flow.keep_screenshot('official-issued')


FLOWS = [
    ('reports: compose and issue the official report', official_compose_issue, None),
]
