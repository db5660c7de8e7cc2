# SPDX-License-Identifier: GPL-3.0-or-later
"""The harness of the end-to-end tests: the real rectify window under its
own Xvfb, D-Bus session and AT-SPI bus, found and driven through the
accessibility tree as a screen reader would (dogtail over pyatspi).

Each flow gets its own HOME and XDG folders and its ledgers in a folder
whose name has Chinese and a space; it starts the window itself and the
harness ends it. A flow asserts what it did on disk or in the ledger, and
a failing flow leaves a screenshot of the screen in the meson log folder.
"""

import collections
import gettext
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
import traceback

TODAY = '2021-05-20'
WAIT = 20.0  # seconds a control or a file may take to appear


class FlowFailed(Exception):
    pass


def plain(name):
    """An accessible name as a person reads it: mnemonics gone, and a name
    GTK 4.8 doubles from the mnemonic and the label (`_Export Export`,
    `Title Title`) read once, so the flows also pass once those are fixed."""
    name = (name or '').strip()
    words = name.split(' ')
    half = len(words) // 2
    if len(words) % 2 == 0 and half > 0:
        first, second = ' '.join(words[:half]), ' '.join(words[half:])
        if first.replace('_', '') == second:
            name = second
    return name.replace('_', '')


class App:
    """One running window and the AT-SPI application that is it."""

    def __init__(self, flow, args, language='en'):
        self.flow = flow
        self.language = language
        self.translation = gettext.translation('rectify', os.path.join(flow.build, 'po'), [language],
                                               fallback=True)
        env = dict(flow.env, LANGUAGE=language)
        self.log = open(os.path.join(flow.dir, 'rectify.log'), 'ab')
        self.proc = subprocess.Popen([flow.build + '/app/rectify'] + args, env=env, cwd=env['HOME'],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.node = None
        self.page = None  # the page shown, searched first
        until = time.time() + WAIT
        while time.time() < until and self.node is None:
            if self.proc.poll() is not None:
                raise FlowFailed('rectify ended at start with status %d' % self.proc.returncode)
            for app in self.flow.pyatspi.Registry.getDesktop(0):
                try:
                    if app is not None and app.get_process_id() == self.proc.pid:
                        self.node = app
                except Exception:
                    pass
            time.sleep(0.2)
        if self.node is None:
            raise FlowFailed('rectify did not show on the accessibility bus')
        self.frame()

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def t(self, msgid):
        """@msgid as this window shows it, read as a screen reader reads it."""
        return plain(self.translation.gettext(msgid))

    # ---- finding ----

    def windows(self):
        return [w for w in self.node if w is not None]

    def frame(self, title=None):
        """The first (or the titled) top-level window, waited for."""
        def find():
            for w in self.windows():
                if title is None or title in (w.name or ''):
                    return w
            return None
        return wait_for(find, 'a window %r' % (title or ''))

    def find(self, role, name, within=None, showing=True, near=None, in_rows=False):
        """The control of @role whose read name is @name (or matches it as
        a regular expression when @name is compiled), waited for. With
        @near, a (role, name) of a control on the same page: the one
        closest to it (pages in a stack all stay in the tree). The rows of
        long lists are searched last, after everything else of the page and
        the window; with @in_rows, first (a cell's text that a form beside
        the list may show too)."""
        roots = [within] if within is not None else None
        if near is not None:
            anchor = self.find(near[0], near[1], within)
            roots = []
            node = anchor.parent
            while node is not None and node.getRoleName() != 'application':
                roots.append(node)
                node = node.parent

        def match(node):
            try:
                if role_of(node) != role:
                    return False
                if showing and not node.getState().contains(self.flow.pyatspi.STATE_VISIBLE):
                    return False
                n = plain(node.name)
                return name.search(n) is not None if hasattr(name, 'search') else n == name
            except Exception:
                return False

        pyatspi = self.flow.pyatspi

        def find():
            if roots:
                searched = roots
            elif self.page is not None:
                # The page first, then the windows around it, not again.
                searched = [self.page] + self.windows()
            else:
                searched = self.windows()
            lists = []
            for root in searched:
                skip = self.page if root is not self.page else None
                hit = search(root, (lambda n: False) if in_rows else match, pyatspi, skip, lists)
                if hit is not None:
                    return hit
            seen = []
            for rows in lists:
                if not any(rows is s for s in seen):
                    seen.append(rows)
                    hit = search(rows, match, pyatspi)
                    if hit is not None:
                        return hit
            for root in searched if in_rows else []:
                hit = search(root, match, pyatspi, self.page if root is not self.page else None, [])
                if hit is not None:
                    return hit
            return None
        return wait_for(find, '%s %r' % (role, getattr(name, 'pattern', name)))

    def focused(self, role, within):
        """The control of @role that has the keyboard focus in @within."""
        states = self.flow.pyatspi

        def find():
            return search(within, lambda n: role_of(n) == role and n.getState().contains(states.STATE_FOCUSED),
                          states)
        return wait_for(find, 'the focused %s' % role)

    def closed(self, window, timeout=WAIT):
        """Waits until the top-level @window is gone."""
        def find():
            for w in self.windows():
                if w == window:
                    return None
            return True
        try:
            name = window.name
        except Exception:  # closed already: its name can no longer be read
            name = None
        wait_for(find, 'the window %r to close' % name, timeout)

    def gone(self, role, name):
        """Waits until no control of @role named @name is shown."""
        def match(node):
            return role_of(node) == role and plain(node.name) == name

        def find():
            for root in self.windows():
                if search(root, match, self.flow.pyatspi) is not None:
                    return None
            return True
        wait_for(find, '%s %r to close' % (role, name))

    # ---- acting ----

    def press(self, name, within=None, role='push button', near=None):
        node = self.find(role, name, within, near=near)
        do_action(node, 'click')
        return node

    def type_into(self, role, name, text, within=None, near=None):
        node = self.find(role, name, within, near=near)
        set_text(node, text)
        return node

    def show_page(self, label):
        """Choose a page in the sidebar, as clicking its row does."""
        self.page = None
        sidebar = self.find('list', 'Sidebar')
        for i, row in enumerate(sidebar):
            if any(plain(c.name) == label for c in row):
                sidebar.querySelection().selectChild(i)
                self.page = self._page_root(sidebar, i)
                return
        raise FlowFailed('no page %r in the sidebar' % label)

    def _page_root(self, sidebar, index):
        """The page beside the sidebar, the @index-th of the stack the
        sidebar switches (a page read alone is a few hundred round trips on
        the bus, the window a few thousand). None when not found."""
        try:
            node = sidebar
            while node is not None and node.parent is not None:
                parent = node.parent
                siblings = [c for c in parent if c is not None]
                stacks = [c for c in siblings[siblings.index(node) + 1:] if c.childCount == sidebar.childCount]
                if stacks:
                    return stacks[-1][index]
                node = parent
        except Exception:
            pass
        return None

    def select_row(self, text, near=None):
        """Selects the row of a list or table that shows @text in a cell,
        as clicking it does."""
        pyatspi = self.flow.pyatspi

        def row_of():
            cell = self.find('label', text, near=near, in_rows=True)
            node = cell
            while node is not None and node.getRoleName() not in ('table row', 'list item'):
                node = node.parent
            return node
        row = wait_for(row_of, 'the row of %r' % text)
        row.parent.querySelection().selectChild(row.getIndexInParent())
        wait_for(lambda: row.getState().contains(pyatspi.STATE_SELECTED), 'the row of %r selected' % text)
        return row

    def menu_item(self, button, item):
        """Opens the menu of @button and activates its @item."""
        self.press(button)
        node = self.find('menu item', item)
        do_action(node, 'click')


# Roles GTK 4.8 gives no accessible children: a search does not ask.
LEAVES = {'label', 'separator'}
# A node with this many children is a list or a table: its rows are
# searched one after the other (see search()).
ROWS = 40


def role_of(node):
    """@node's role name, read once and kept on the node: a widget's role
    does not change, and every read is a round trip on the bus (GTK 4.8
    offers no AT-SPI cache: libatspi asks each time)."""
    try:
        return node.rct_role
    except AttributeError:
        pass
    role = node.getRoleName()
    try:
        node.rct_role = role
    except (AttributeError, TypeError):
        pass
    return role


def search(root, match, pyatspi, skip=None, lists=None):
    """Breadth first from @root, not entering what is hidden (the pages of
    a stack not shown) nor @skip (searched already). Each node read is a
    round trip on the bus, so a child is fetched only when its turn comes
    (a hit ends the search before most of the last level is read), a leaf
    is not asked for children nor a childless node for its state, and
    pyatspi's node[i], which asks for the count of children each time, is
    not used. A list of 3,000 problems shows about 200 rows of 12 cells,
    5,000 nodes: the rows of a list are searched in their order, each
    whole, so a row near the top is found after its few dozen nodes, not
    after every cell of every row; with @lists, a list is left to the
    caller, added there."""
    queue = collections.deque([(root, None)])
    while queue:
        parent, index = queue.popleft()
        try:
            node = parent if index is None else parent.get_child_at_index(index)
            if node is None or (skip is not None and node is skip):
                continue
            if match(node):
                return node
            if role_of(node) in LEAVES:
                continue
            count = node.childCount
            if count <= 0:
                continue
            if not node.getState().contains(pyatspi.STATE_VISIBLE) and role_of(node) != 'application':
                continue
            if count >= ROWS and lists is not None:
                lists.append(node)
                continue
            if count >= ROWS:
                for i in range(count):
                    try:
                        row = node.get_child_at_index(i)
                    except Exception:
                        continue
                    hit = search(row, match, pyatspi, skip) if row is not None else None
                    if hit is not None:
                        return hit
                continue
            queue.extend((node, i) for i in range(count))
        except Exception:
            continue
    return None


def wait_for(probe, what, timeout=WAIT):
    until = time.time() + timeout
    while True:
        try:
            value = probe()
        except Exception:
            value = None
        if value:
            return value
        if time.time() > until:
            raise FlowFailed('waited %ds for %s' % (timeout, what))
        time.sleep(0.2)


def do_action(node, preferred):
    try:
        action = node.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
    except NotImplementedError:
        names = []
    if not names:
        # A menu button is a box around the toggle that takes the click.
        for child in node:
            if child is not None and child.getRoleName() == node.getRoleName():
                return do_action(child, preferred)
    for i, n in enumerate(names):
        if n == preferred:
            action.doAction(i)
            return
    if names:
        action.doAction(0)
        return
    raise FlowFailed('%s %r has no action' % (node.getRoleName(), node.name))


def set_text(node, text):
    editable = node.queryEditableText()
    editable.setTextContents(text)


class Flow:
    """What one flow has: its folders, its environment, its windows."""

    def __init__(self, harness, name):
        self.harness = harness
        self.name = name
        self.build = harness.build
        self.pyatspi = harness.pyatspi
        self.dir = tempfile.mkdtemp(prefix='e2e 测试 ')
        self.env = dict(harness.base_env)
        for var, sub in (('HOME', 'home'), ('XDG_CONFIG_HOME', 'config'), ('XDG_DATA_HOME', 'data'),
                         ('XDG_CACHE_HOME', 'cache'), ('XDG_STATE_HOME', 'state')):
            path = os.path.join(self.dir, sub)
            os.makedirs(path, exist_ok=True)
            self.env[var] = path
        self.apps = []

    def path(self, *names):
        return os.path.join(self.dir, *names)

    def start(self, *args, language='en'):
        app = App(self, list(args), language)
        self.apps.append(app)
        return app

    def cli(self, *args, check=True):
        out = subprocess.run([self.build + '/app/rectify-cli'] + list(args), env=self.env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if check and out.returncode != 0:
            raise FlowFailed('rectify-cli %s: %s' % (' '.join(args), out.stderr.strip()))
        return out

    def demo(self, name='演示 台账.db'):
        path = self.path(name)
        self.cli('--db', path, 'init', '--demo')
        return path

    def problems(self, db):
        return json.loads(self.cli('--db', db, 'list', 'problems', '--json').stdout)

    def count(self, db, sql):
        with sqlite3.connect('file:%s?mode=ro' % db, uri=True) as conn:
            return conn.execute(sql).fetchone()[0]

    def wait_file(self, path, timeout=WAIT):
        def done():
            return os.path.isfile(path) and os.path.getsize(path) > 0
        wait_for(done, 'the file %s' % os.path.basename(path), timeout)
        time.sleep(0.3)  # let the writer close it
        return path

    def our_warnings(self):
        """Criticals and warnings of our own code (log domains rct-…) in
        the windows' output. GTK 4.8's accessibility code has criticals of
        its own under AT-SPI (a popup's object path), so criticals are not
        made fatal; ours fail the flow here."""
        for app in self.apps:
            if not app.log.closed:
                app.log.flush()
        try:
            with open(self.path('rectify.log'), encoding='utf-8', errors='replace') as log:
                return [line for line in log.read().splitlines()
                        if re.search(r'\b(rct|rectify)[\w-]*-(CRITICAL|WARNING)', line)]
        except OSError:
            return []

    def keep_screenshot(self, name):
        """With RECTIFY_E2E_SHOTS=FOLDER, the screen as it is now goes there
        as NAME.png (how docs/screenshots/ is made)."""
        folder = os.environ.get('RECTIFY_E2E_SHOTS')
        if folder:
            os.makedirs(folder, exist_ok=True)
            self.screenshot(os.path.join(folder, name + '.png'))

    def screenshot(self, where):
        subprocess.run(['import', '-window', 'root', where], env=self.env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def finish(self):
        for app in self.apps:
            app.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def save_in_dialog(app, title, path):
    """Types @path into the real GTK save dialog titled @title and saves."""
    dialog = app.frame(title)
    entry = app.find('text', 'Name', within=dialog)
    set_text(entry, path)
    accept = [b for b in app.flow.pyatspi.utils.findAllDescendants(
        dialog, lambda n: n.getRoleName() == 'push button' and n.getState().contains(
            app.flow.pyatspi.STATE_VISIBLE))]
    return dialog, entry, accept


def run(harness, flows):
    """Runs each flow, printing TAP; returns how many failed."""
    print('1..%d' % len(flows), flush=True)
    failed = 0
    for number, (name, func, todo) in enumerate(flows, 1):
        # A flow that fails runs once more, in a fresh window, and fails
        # only if it fails again: under load the accessibility bridge
        # sometimes loses a dialog for good (GLib-CRITICAL
        # g_variant_new_object_path in GTK's bridge, the flow's window then
        # never answering). The first failure stays in the log, marked.
        if run_flow(harness, number, name, func, todo, last_try=False) or todo:
            continue
        print('# %s: failed once; run again, a fresh window' % name, flush=True)
        if not run_flow(harness, number, name, func, todo, last_try=True):
            failed += 1
    return failed


def run_flow(harness, number, name, func, todo, last_try):
    """Runs one flow; prints ok, or the failure (as not ok on @last_try or
    for a TODO flow, as comments otherwise); returns whether it passed."""
    flow = Flow(harness, name)
    started = time.time()
    try:
        func(flow)
        ours = flow.our_warnings()
        if ours:
            raise FlowFailed('the window warned: %s' % ours[0])
        print('# %s: %.1f s' % (name, time.time() - started))
        # A TODO flow that passes is plain ok: meson would count an
        # "ok # TODO" as an unexpected pass and fail the suite.
        print('ok %d - %s' % (number, name), flush=True)
        return True
    except Exception:
        shot = os.path.join(harness.log_dir, 'e2e-%s.png' % re.sub(r'[^a-z0-9]+', '-', name.lower()))
        flow.screenshot(shot)
        for line in traceback.format_exc().splitlines():
            print('# ' + line)
        print('# screenshot: %s' % shot)
        try:
            with open(flow.path('rectify.log'), encoding='utf-8', errors='replace') as log:
                for line in log.read().splitlines()[-20:]:
                    print('# rectify: ' + line)
        except OSError:
            pass
        if last_try or todo:
            print('not ok %d - %s%s' % (number, name, ' # TODO %s' % todo if todo else ''), flush=True)
        return False
    finally:
        flow.finish()
