# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 20 item 3 in the window: two clerks on the office's server. The
window connects through Ledger ▸ Connect to Server…, opens a problem and
edits its description; meanwhile another clerk (rectify-cli, a program of
its own) changes the same problem. Save Changes is refused with one
sentence naming who changed it, the other's value is shown and nothing of
the window's is on the server; Save Mine Over Theirs then saves it. Runs
on the test command's cluster (RECTIFY_TEST_PG, build-aux/test.sh); says
so and does nothing without one."""

import json
import os
import re
import subprocess

from flows import check
from rct_e2e import wait_for


def server_ledger(flow):
    """A database of its own on the cluster, made a ledger by server init,
    with one unit and one problem; its location."""
    cluster = os.environ.get('RECTIFY_TEST_PG', '')
    name = 'rct_e2e_%d' % os.getpid()
    admin = subprocess.run(['psql', cluster, '-v', 'ON_ERROR_STOP=1', '-q',
                            '-c', 'DROP DATABASE IF EXISTS %s WITH (FORCE)' % name,
                            '-c', 'CREATE DATABASE %s' % name],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check(admin.returncode == 0, 'the database could not be made: %s' % admin.stdout)
    parts = [p for p in cluster.split() if not p.startswith('dbname=')]
    location = ' '.join(parts + ['dbname=%s' % name])
    flow.cli('--db', location, 'server', 'init')
    flow.cli('--db', location, 'unit', 'add', '本单位')
    flow.cli('--db', location, 'problem', 'add', '--number', '2020-900', '--description', '本地问题',
             '--source', 'self-inspection', '--unit', '本单位', '--deadline', '2021-06-30')
    return location, name


def problem_on(flow, location, number):
    problems = json.loads(flow.cli('--db', location, 'list', 'problems', '--json').stdout)
    return [p for p in problems if p['number'] == number][0]


def server_conflict(flow):
    cluster = os.environ.get('RECTIFY_TEST_PG', '')
    if not cluster:
        print('# server-conflict: no PostgreSQL cluster (RECTIFY_TEST_PG; build-aux/test.sh starts one): not run',
              flush=True)
        return
    location, name = server_ledger(flow)
    try:
        local = flow.path('本机 台账.db')
        flow.cli('--db', local, 'init')
        app = flow.start(local)
        app.menu_item('Ledger menu', 'Connect to Server…')
        dialog = app.frame('Connect to Server')
        app.type_into('text', 'Server address', location, within=dialog)
        app.press('Connect', within=dialog)
        app.closed(dialog)

        app.show_page('Rectification ledger')
        app.select_row('本地问题')
        app.type_into('text', 'Description', '窗口里写的描述')
        # Another clerk, another program, the same problem.
        flow.cli('--db', location, 'problem', 'edit', '2020-900', '--description', '命令行写的描述')
        app.press('Save Changes')
        app.find('label', re.compile(r'.* changed problem 2020-900 at .*nothing of yours was saved.*', re.S))
        app.find('label', re.compile(r'.*Description: 命令行写的描述.*', re.S))
        check(problem_on(flow, location, '2020-900')['description'] == '命令行写的描述',
              'the window saved over the other clerk')
        flow.keep_screenshot('conflict-told-e2e')

        app.press('Save Mine Over Theirs')
        wait_for(lambda: problem_on(flow, location, '2020-900')['description'] == '窗口里写的描述',
                 'the window\'s description on the server')
        journal = flow.cli('--db', location, 'journal', '2020-900').stdout
        check('窗口里写的描述' in journal and '命令行写的描述' in journal, 'the journal lacks a change:\n' + journal)
        app.close()
    finally:
        subprocess.run(['psql', cluster, '-q', '-c', 'DROP DATABASE IF EXISTS %s WITH (FORCE)' % name],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


FLOWS = [
    ('server: a conflict told in the problem form, then saved over knowingly', server_conflict, None),
]
