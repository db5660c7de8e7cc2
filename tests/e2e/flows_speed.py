# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 15 in the window: on a ledger of more than a thousand problems
the ledger page searches in a thread (rct_record_list_set_filter_async)
and relabels the shown rows (the list recycles its records). Through the
header bar's search the count and the rows follow what rectify-cli list
finds on disk, and the selected problem stays selected while the search
shows it."""

import json

from flows import check
from rct_e2e import wait_for


def search_in_a_thread(flow):
    db = flow.path('生成 台账.db')
    flow.cli('--db', db, 'init', '--synthetic', '3000')
    everything = flow.problems(db)
    found = json.loads(flow.cli('--db', db, 'list', 'problems', '--search', '派出所', '--json').stdout)
    check(len(everything) == 3000, 'the generated ledger has %d problems' % len(everything))
    check(0 < len(found) < 3000, 'the search finds %d of the problems on disk' % len(found))
    numbers = {p['number'] for p in found}
    chosen = [p['number'] for p in everything[:8] if p['number'] in numbers]
    check(chosen, 'none of the first rows matches the search')
    chosen = chosen[0]

    app = flow.start(db)
    app.show_page('Rectification ledger')
    app.find('label', '3000 problems')
    app.select_row(chosen)

    app.press('Search this page')
    app.type_into('entry', 'Search this page', '派出所')
    app.find('label', '%d problems' % len(found))
    # The rows shown are the search's, in ledger order, and the chosen
    # problem, still there, is still the one selected.
    app.find('label', found[0]['number'])
    pyatspi = flow.pyatspi

    def chosen_selected():
        node = app.find('label', chosen, in_rows=True)
        while node is not None and node.getRoleName() not in ('table row', 'list item'):
            node = node.parent
        return node is not None and node.getState().contains(pyatspi.STATE_SELECTED)
    wait_for(chosen_selected, 'the chosen problem still selected')

    app.type_into('entry', 'Search this page', '')
    app.find('label', '3000 problems')
    app.find('label', everything[0]['number'])


FLOWS = [
    ('perf: a 3,000-problem ledger searched in a thread, rows relabelled, selection kept', search_in_a_thread, None),
]
