# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 20 in the window: what another program writes into the ledger the
window shows appears there without being asked for. The window has the
file read-only (Ledger ▸ Open Read-Only…, as when another copy holds it);
rectify-cli registers a problem; the window's list counts it."""

from flows import check, open_in, small_ledger


def live_other_program_shows(flow):
    db = small_ledger(flow, '共用 台账.db')
    app = flow.start()
    t = app.t
    app.menu_item(t('Ledger menu'), t('Open _Read-Only…'))
    open_in(app, t('Open a Ledger Read-Only'), db, accept=t('_Open'))
    app.show_page(t('Rectification ledger'))
    app.find('label', '1 problem')
    flow.cli('--db', db, '--operator', '另一位文员', 'problem', 'add', '--description', '另一程序登记的问题',
             '--source', 'self-inspection', '--unit', '本单位', '--found', '2021-05-18',
             '--deadline', '2021-06-18')
    app.find('label', '2 problems')
    app.find('label', '另一程序登记的问题', in_rows=True)
    found = [p for p in flow.problems(db) if p['description'] == '另一程序登记的问题']
    check(len(found) == 1, 'the problem rectify-cli registered is not in the ledger')
    check(flow.count(db, 'SELECT count(*) FROM problem') == 2, 'the read-only window changed the ledger')


FLOWS = [
    ('live: a problem another program registers shows in a read-only window', live_other_program_shows, None),
]
