#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end flows: the real rectify window, driven through its
accessibility tree with its real dialogs, each flow asserting what it left
on disk or in the ledger. TAP, one line per flow.

    test-e2e.py BUILD_DIR [FLOW-NAME-PART ...]

With RECTIFY_E2E_PROFILE=FILE the harness runs under cProfile and leaves
its statistics in FILE.

Starts its own Xvfb and D-Bus session (dbus-run-session), in which the
AT-SPI bus is started on demand. Skips, saying why, when dogtail, pyatspi,
Xvfb, dbus-run-session or ImageMagick's import are missing."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def skip(reason):
    print('1..0 # SKIP %s' % reason, flush=True)
    sys.exit(0)


def have_modules():
    try:
        import dogtail  # noqa: F401
        import pyatspi  # noqa: F401
        return True
    except ImportError:
        return False


def outer(build):
    # dogtail and pyatspi are Debian's; a python3 of its own (pyenv, venv)
    # does not see them: run again with the system's.
    if not have_modules():
        system = '/usr/bin/python3'
        if os.path.realpath(sys.executable) != os.path.realpath(system) and os.path.exists(system) and \
                subprocess.run([system, '-c', 'import dogtail, pyatspi'], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL).returncode == 0:
            os.execv(system, [system] + sys.argv)
        skip('python3-dogtail and python3-pyatspi are not installed (build-aux/install-deps.sh with '
             'RECTIFY_TEST_DEPS=1 installs them)')
    for tool, package in (('Xvfb', 'xvfb'), ('dbus-run-session', 'dbus'), ('import', 'imagemagick')):
        if shutil.which(tool) is None:
            skip('%s is missing (package %s)' % (tool, package))
    if not os.path.exists('/usr/share/dbus-1/services/org.a11y.Bus.service'):
        skip('the AT-SPI bus is missing (package at-spi2-core)')

    # An X server of our own at a free display number, told back on a pipe.
    read, write = os.pipe()
    xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write), '-screen', '0', '1280x800x24', '-nolisten', 'tcp',
                             '-noreset'], pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b''
    with os.fdopen(read, 'rb') as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        skip('Xvfb did not start')
    env = dict(os.environ, DISPLAY=':' + number.decode(), RCT_E2E_INNER='1')
    env.pop('NO_AT_BRIDGE', None)
    env.pop('WAYLAND_DISPLAY', None)
    # The bus daemons print to the same output: only TAP passes as it is.
    tap = re.compile(r'^(1\.\.\d+|(not )?ok \d+|#)')
    try:
        child = subprocess.Popen(['dbus-run-session', '--', sys.executable, os.path.abspath(__file__)] + sys.argv[1:],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 errors='replace')
        for line in child.stdout:
            line = line.rstrip('\n')
            if line.strip():
                print(line if tap.match(line) else '# ' + line, flush=True)
        status = child.wait()
    finally:
        xvfb.terminate()
        xvfb.wait()
    return status


class Harness:
    pass


def inner(build, only):
    # dogtail refuses to start unless the desktop says accessibility is on:
    # say so in a settings file of this run only.
    config = tempfile.mkdtemp(prefix='e2e 设置 ')
    os.makedirs(os.path.join(config, 'glib-2.0', 'settings'))
    with open(os.path.join(config, 'glib-2.0', 'settings', 'keyfile'), 'w') as keyfile:
        keyfile.write('[org/gnome/desktop/interface]\ntoolkit-accessibility=true\n')
    base_env = dict(os.environ)
    os.environ['GSETTINGS_BACKEND'] = 'keyfile'
    os.environ['XDG_CONFIG_HOME'] = config
    os.environ.setdefault('HOME', config)

    import pyatspi
    from dogtail import config as dogtail_config
    dogtail_config.config.logDebugToFile = False
    dogtail_config.config.logDebugToStdOut = False
    sys.path.insert(0, HERE)
    import rct_e2e
    import flows

    harness = Harness()
    harness.build = build
    harness.pyatspi = pyatspi
    harness.log_dir = os.path.join(build, 'meson-logs')
    os.makedirs(harness.log_dir, exist_ok=True)
    base_env.update(GSETTINGS_SCHEMA_DIR=os.path.join(build, 'app', 'data'), GSETTINGS_BACKEND='memory',
                    RECTIFY_LOCALEDIR=os.path.join(build, 'po'), RECTIFY_TODAY=rct_e2e.TODAY,
                    GTK_A11Y='atspi', GTK_USE_PORTAL='0', LC_ALL='C.UTF-8', LANGUAGE='en')
    base_env.pop('G_DEBUG', None)
    base_env.pop('RCT_E2E_INNER', None)
    harness.base_env = base_env
    chosen = [f for f in flows.FLOWS if not only or any(o in f[0] for o in only)]
    profile = os.environ.get('RECTIFY_E2E_PROFILE')
    if profile:
        # Where the harness spends its time (python3 -m pstats FILE).
        import cProfile
        profiler = cProfile.Profile()
        failed = profiler.runcall(rct_e2e.run, harness, chosen)
        profiler.dump_stats(profile)
    else:
        failed = rct_e2e.run(harness, chosen)
    shutil.rmtree(config, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit('usage: test-e2e.py BUILD_DIR [FLOW-NAME-PART ...]')
    build_dir = os.path.abspath(sys.argv[1])
    if os.environ.get('RCT_E2E_INNER') == '1':
        sys.exit(inner(build_dir, sys.argv[2:]))
    sys.exit(outer(build_dir))
