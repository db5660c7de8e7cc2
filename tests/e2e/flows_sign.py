# SPDX-License-Identifier: GPL-3.0-or-later
"""Signed reports in the window (issue 21): a unit's first report merged
after its key is trusted in the Trust dialog (organisation and fingerprint
shown), the viewer's line "Signed by … verified", and a report changed
after signing shown as refused and not merged; asserted in the ledger
(rectify-cli trust list --json, the problems counted)."""

import json
import os
import re
import time

from flows import check, open_in, small_ledger


def fingerprint_of(flow, db):
    return json.loads(flow.cli('--db', db, 'key', 'show', '--json').stdout)['fingerprint']


def signed_report_trusted_viewed_refused(flow, language):
    demo = flow.demo()
    db = small_ledger(flow)
    report = flow.path('来报 签名.xml')
    tampered = flow.path('来报 改过.xml')
    flow.cli('--db', demo, 'export-report', report)
    with open(report, encoding='utf-8') as f:
        text = f.read()
    check('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">' in text, 'the exported report is not signed')
    with open(tampered, 'w', encoding='utf-8') as f:
        f.write(text.replace('total="41"', 'total="40"', 1))
    fingerprint = fingerprint_of(flow, demo)
    before = flow.count(db, 'SELECT count(*) FROM problem')

    app = flow.start(db, language=language)
    t = app.t
    app.show_page(t('Reports'))
    app.press(t('_Open a Report…'))
    open_in(app, t('Open a Report'), report, accept=t('_Open'))
    app.find('label', '来报 签名.xml')
    # Signed and sound, but this ledger has not accepted the key yet.
    app.find('label', re.compile(re.escape(fingerprint)))

    # Merge…: the dialog asks to trust the key first, naming the organisation
    # and the fingerprint (in lines of eight bytes); nothing written yet.
    app.press(t('_Merge into This Ledger…'))
    dialog = app.frame(t('Merge a Report'))
    question = t('Trust the reports of %s?')
    app.find('label', re.compile('^' + re.escape(question).replace(re.escape('%s'), '.+') + '$'), within=dialog)
    app.find('label', re.compile(re.escape(':'.join(fingerprint.split(':')[:8]))), within=dialog)
    check(flow.count(db, 'SELECT count(*) FROM problem') == before, 'the untrusted report was merged')
    time.sleep(0.5)
    flow.keep_screenshot('sign-trust-dialog-' + language)
    app.press(t('_Trust'), within=dialog)
    # The preview again, now the key is trusted: Merge once it is shown.
    shown = t('Report from %s')
    app.find('label', re.compile('^' + re.escape(shown).replace(re.escape('%s'), '.+') + '$'), within=dialog)
    app.press(t('_Merge'), within=dialog)
    done = t('Merged the report from %s')
    app.find('label', re.compile('^' + re.escape(done).replace(re.escape('%s'), '.+') + '$'), within=dialog)
    app.press(t('_Close'), within=dialog)
    app.closed(dialog)
    merged = t('Merged into the ledger. %s')
    app.find('label', re.compile('^' + re.escape(merged).replace(re.escape('%s'), '.+') + '$'))
    after = flow.count(db, 'SELECT count(*) FROM problem')
    check(after == before + 41, 'the ledger has %d problems after the merge, not %d' % (after, before + 41))
    # The viewer's line follows the trust just given, without opening the report again.
    verified = t('Signed by %1$s on %2$s: verified.')
    app.find('label', re.compile('^' + re.escape(verified).replace(re.escape('%1$s'), '.+')
                                 .replace(re.escape('%2$s'), '.+') + '$'))
    app.find('label', re.compile('^' + re.escape(merged).replace(re.escape('%s'), '.+') + '$'))
    trusted = json.loads(flow.cli('--db', db, 'trust', 'list', '--json').stdout)['certificates']
    check([c['fingerprint'] for c in trusted] == [fingerprint], 'trust list holds %r' % trusted)

    # Opened again: signed by the office, verified.
    app.press(t('_Open a Report…'))
    open_in(app, t('Open a Report'), report, accept=t('_Open'))
    verified = t('Signed by %1$s on %2$s: verified.')
    app.find('label', re.compile('^' + re.escape(verified).replace(re.escape('%1$s'), '.+')
                                 .replace(re.escape('%2$s'), '.+') + '$'))
    flow.keep_screenshot('sign-verified-' + language)

    # Changed after signing: the viewer says so, the merge refuses it.
    app.press(t('_Open a Report…'))
    open_in(app, t('Open a Report'), tampered, accept=t('_Open'))
    refused = t('“%s” was changed after it was signed: its signature no longer matches. Nothing was written.')
    pattern = re.compile('^' + re.escape(refused).replace(re.escape('%s'), re.escape('来报 改过.xml')) + '$')
    app.find('label', pattern)
    flow.keep_screenshot('sign-refused-' + language)
    app.press(t('_Merge into This Ledger…'))
    dialog = app.frame(t('Merge a Report'))
    app.find('label', pattern, within=dialog)
    check(flow.count(db, 'SELECT count(*) FROM problem') == after, 'the changed report was merged')
    app.press(t('_Cancel'), within=dialog)
    app.closed(dialog)
    check(flow.count(db, 'SELECT count(*) FROM problem') == after, 'the changed report was merged')


def signed_en(flow):
    signed_report_trusted_viewed_refused(flow, 'en')


def signed_zh(flow):
    signed_report_trusted_viewed_refused(flow, 'zh_CN')


FLOWS = [
    ('signatures: trust a unit\'s key, viewer verified, a changed report refused', signed_en, None),
    ('signatures: trust a unit\'s key, viewer verified, a changed report refused, in Chinese', signed_zh, None),
]
