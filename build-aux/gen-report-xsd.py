#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes data/report/rct-report.xsd, the schema of the supervision report, and\nrct-setup.xsd, the schema of the set-up file an office sends a unit.

The record element types follow the columns a report carries of each record
(rct_exchange_columns in data/exchange/rct-store-import.c); keep the two in step. The
output is committed; the build does not run this script."""
import os, sys

DATE = 'xs:date'
INT = 'xs:nonNegativeInteger'
NAME = 'rct:name'
TEXT = 'rct:text'
ENUMS = {
    'problem_status': ['registered', 'rectifying', 'awaiting-verification', 'closed'],
    'problem_source': ['self-inspection', 'office-inspection', 'public-report', 'supervisor-feedback',
                       'superior-inspection', 'case-review'],
    'task_kind': ['prescribed', 'self-chosen'],
    'task_status': ['not-started', 'in-progress', 'done'],
    'phase': ['study', 'rectify', 'consolidate'],
    'supervisor_category': ['deputy', 'cadre', 'village', 'citizen', 'other'],
    'channel': ['visit', 'phone', 'letter', 'meeting', 'online'],
    'feedback_kind': ['complaint', 'suggestion', 'praise'],
    'satisfaction': ['satisfied', 'basically-satisfied', 'unsatisfied'],
    'severity': ['normal', 'serious', 'grave'],
    'resolution': ['ours', 'theirs'],
    'visit_method': ['open', 'unannounced', 'briefing', 'ledger-review', 'interview'],
}
# Issue 18: links to other records, each an empty element naming one by uuid
# (rct_exchange_links in data/exchange/rct-store-import.c): element, attribute, number.
LINKS = {
    'accountability': [('concerns', 'problem', None)],
    'visit': [('visited', 'unit', None), ('found', 'problem', 'finding')],
}
# element, columns (name, type, required), reference attributes, child elements
RECORDS = [
    ('campaign', [('name', NAME, True)], [], ['phase']),
    ('phase', [('key', 'rct:phase_key', True), ('name', NAME, True), ('start_date', DATE, False),
               ('end_date', DATE, False), ('position', INT, False)], ['campaign'], []),
    ('unit', [('name', NAME, True), ('head', NAME, False), ('kind', NAME, False), ('position', INT, False)], [], []),
    ('person', [('name', NAME, True), ('title', NAME, False), ('phone', NAME, False)], ['unit'], []),
    ('group', [('name', NAME, True), ('remit', TEXT, False), ('position', INT, False)], ['lead'], ['member']),
    ('task', [('title', NAME, True), ('kind', 'rct:task_kind_key', False), ('phase', 'rct:phase_key', False),
              ('start_date', DATE, False), ('deadline', DATE, False), ('status', 'rct:task_status_key', False),
              ('target_count', INT, False), ('done_count', INT, False), ('note', TEXT, False)],
     ['group', 'owner', 'unit'], ['progress', 'journal']),
    ('progress', [('date', DATE, True), ('note', TEXT, False), ('count', INT, False)], ['task'], []),
    ('problem', [('number', NAME, True), ('description', TEXT, True), ('source', 'rct:problem_source_key', True),
                 ('category', NAME, False), ('found_date', DATE, True), ('deadline', DATE, True),
                 ('status', 'rct:problem_status_key', True), ('verification', TEXT, False), ('verified_by', NAME, False),
                 ('verified_date', DATE, False), ('closed_date', DATE, False), ('mechanism', TEXT, False),
                 # Issue 18: severity, cause, a leader other than the head, the listing (挂牌督办).
                 ('severity', 'rct:severity_key', False), ('cause', TEXT, False), ('leader', NAME, False),
                 ('listed_level', NAME, False), ('listed_date', DATE, False), ('listed_by', NAME, False),
                 ('listed_lifted', DATE, False), ('listed_lift_reason', TEXT, False)],
     ['unit', 'group', 'responsible'], ['measure', 'extension', 'evidence', 'journal']),
    ('measure', [('text', TEXT, True), ('owner', NAME, False), ('deadline', DATE, False), ('done_date', DATE, False)],
     ['problem'], []),
    ('extension', [('old_deadline', DATE, True), ('new_deadline', DATE, True), ('reason', TEXT, True),
                   ('decided_by', NAME, True), ('decided_at', NAME, True)], ['problem'], []),
    ('evidence', [('filename', NAME, True), ('content_type', NAME, False), ('size', INT, True),
                  ('sha256', 'rct:sha256', True)], ['problem'], []),
    ('supervisor', [('name', NAME, True), ('category', 'rct:supervisor_category_key', True), ('organisation', NAME, False),
                    ('contact', NAME, False), ('appointed', DATE, False), ('term_end', DATE, False),
                    ('active', INT, False)], [], []),
    ('feedback', [('received_date', DATE, True), ('channel', 'rct:channel_key', False), ('content', TEXT, True),
                  ('kind', 'rct:feedback_kind_key', True), ('reply_due', DATE, False), ('reply', TEXT, False),
                  ('reply_date', DATE, False), ('satisfaction', 'rct:satisfaction_key', False)],
     ['supervisor', 'unit', 'problem'], ['journal']),
    ('journal', [('record_table', NAME, True), ('record_uuid', 'rct:uuid', True), ('record_label', TEXT, False),
                 ('field', NAME, True), ('old_value', TEXT, False), ('new_value', TEXT, False),
                 ('who', NAME, True), ('at', NAME, True), ('reason', TEXT, False),
                 # A settlement of a conflict (docs/EXCHANGE.md): the value its ledger kept.
                 ('resolution', 'rct:resolution_key', False)], [], []),
    # Issue 18: the office's accountability records (问责) and inspection visits;
    # a kind is the vocabulary's key or the office's own word.
    ('accountability', [('kind', NAME, True), ('reason', TEXT, False), ('decided_by', NAME, False),
                        ('date', DATE, True), ('document', NAME, False)], ['person', 'unit'], []),
    ('visit', [('date', DATE, True), ('team', NAME, True), ('method', 'rct:visit_method_key', True),
               ('findings', TEXT, False)], [], []),
]
COUNTS = ['campaigns', 'phases', 'units', 'people', 'groups', 'tasks', 'progress', 'problems', 'measures',
          'extensions', 'evidence', 'supervisors', 'feedback', 'journal']
# Optional: a report made before issue 18's records still validates.
OPTIONAL_COUNTS = ['accountability', 'visits']
TOP = [('campaign', 'campaigns'), ('unit', 'units'), ('person', 'people'), ('group', 'groups'), ('task', 'tasks'),
       ('problem', 'problems'), ('supervisor', 'supervisors'), ('feedback', 'feedback'),
       ('accountability', 'accountability'), ('visit', 'visits')]

def types(w, records):
    w('  <xs:simpleType name="uuid"><xs:restriction base="xs:string">'
      '<xs:pattern value="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"/>'
      '</xs:restriction></xs:simpleType>')
    w('  <xs:simpleType name="sha256"><xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{64}"/>'
      '</xs:restriction></xs:simpleType>')
    w('  <xs:simpleType name="timestamp"><xs:restriction base="xs:string">'
      '<xs:pattern value="\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"/></xs:restriction></xs:simpleType>')
    w('  <xs:simpleType name="name"><xs:restriction base="xs:string"><xs:maxLength value="200"/>'
      '</xs:restriction></xs:simpleType>')
    w('  <xs:simpleType name="text"><xs:restriction base="xs:string"><xs:maxLength value="20000"/>'
      '</xs:restriction></xs:simpleType>')
    w('  <xs:simpleType name="language"><xs:restriction base="xs:string">'
      '<xs:pattern value="[a-z]{2,3}(_[A-Z]{2})?"/></xs:restriction></xs:simpleType>')
    w('  <xs:simpleType name="rate"><xs:restriction base="xs:decimal"><xs:minInclusive value="0"/>'
      '<xs:maxInclusive value="1"/></xs:restriction></xs:simpleType>')
    for name, values in ENUMS.items():
        w('  <xs:simpleType name="%s_key"><xs:restriction base="xs:string">%s</xs:restriction></xs:simpleType>'
          % (name, ''.join('<xs:enumeration value="%s"/>' % v for v in values)))
    w('')
    w('  <xs:attributeGroup name="identity">')
    w('    <xs:attribute name="uuid" type="rct:uuid" use="required"/>')
    w('    <xs:attribute name="createdAt" type="rct:timestamp" use="required"/>')
    w('    <xs:attribute name="updatedAt" type="rct:timestamp" use="required"/>')
    w('    <xs:attribute name="ownedBy" type="rct:uuid"/>')
    w('  </xs:attributeGroup>')
    w('')
    w('  <xs:simpleType name="code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z][A-Z0-9]{0,7}"/>'
      '</xs:restriction></xs:simpleType>')
    w('  <xs:complexType name="organisation">')
    w('    <xs:attribute name="uuid" type="rct:uuid" use="required"/>')
    w('    <xs:attribute name="name" type="rct:name" use="required"/>')
    w('    <xs:attribute name="code" type="rct:code"/>')
    w('    <xs:attribute name="level" use="required"><xs:simpleType><xs:restriction base="xs:string">'
      '<xs:enumeration value="office"/><xs:enumeration value="unit"/></xs:restriction></xs:simpleType></xs:attribute>')
    w('    <xs:attribute name="office" type="rct:uuid"/>')
    w('    <xs:attribute name="officeName" type="rct:name"/>')
    w('  </xs:complexType>')
    w('  <xs:complexType name="member"><xs:attribute name="person" type="rct:uuid" use="required"/></xs:complexType>')
    for element, columns, refs, children in records:
        w('  <xs:complexType name="%s">' % element)
        w('    <xs:sequence>')
        for col, typ, required in columns:
            w('      <xs:element name="%s" type="%s"%s/>' % (col, typ, '' if required else ' minOccurs="0"'))
        for child in children:
            w('      <xs:element name="%s" type="rct:%s" minOccurs="0" maxOccurs="unbounded"/>' % (child, child))
        for link, attribute, number in LINKS.get(element, []):
            w('      <xs:element name="%s" minOccurs="0" maxOccurs="unbounded"><xs:complexType>'
              '<xs:attribute name="%s" type="rct:uuid" use="required"/>%s</xs:complexType></xs:element>'
              % (link, attribute, '' if number is None else
                 '<xs:attribute name="%s" type="xs:positiveInteger" use="required"/>' % number))
        w('    </xs:sequence>')
        w('    <xs:attributeGroup ref="rct:identity"/>')
        for ref in refs:
            w('    <xs:attribute name="%s" type="rct:uuid"/>' % ref)
        w('  </xs:complexType>')
    w('')

def main(path):
    o = []
    w = o.append
    w('<?xml version="1.0" encoding="UTF-8"?>')
    w('<!-- SPDX-License-Identifier: GPL-3.0-or-later -->')
    w('<!-- The Rectify supervision report (督导报告), schema versions 1 and 2 (2: organisation, ownedBy).')
    w('     Written by build-aux/gen-report-xsd.py; edit the table there. -->')
    w('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:rct="urn:rectify:report:1"')
    w('           targetNamespace="urn:rectify:report:1" elementFormDefault="qualified">')
    w('')
    types(w, RECORDS)
    w('  <xs:element name="report">')
    w('    <xs:complexType>')
    w('      <xs:sequence>')
    w('        <xs:element name="header">')
    w('          <xs:complexType>')
    w('            <xs:sequence>')
    w('              <xs:element name="title" type="rct:name"/>')
    w('              <xs:element name="campaign" type="rct:name" minOccurs="0"/>')
    w('              <xs:element name="period">')
    w('                <xs:complexType>')
    w('                  <xs:attribute name="from" type="xs:date"/>')
    w('                  <xs:attribute name="to" type="xs:date"/>')
    w('                  <xs:attribute name="today" type="xs:date" use="required"/>')
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('              <xs:element name="scope">')
    w('                <xs:complexType>')
    w('                  <xs:sequence><xs:element name="unit" type="rct:name" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>')
    w('                  <xs:attribute name="allUnits" type="xs:boolean" use="required"/>')
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('              <xs:element name="generatedAt" type="rct:timestamp"/>')
    w('              <xs:element name="generatedBy" type="rct:name"/>')
    w('              <xs:element name="program">')
    w('                <xs:complexType>')
    w('                  <xs:simpleContent><xs:extension base="rct:name">')
    w('                    <xs:attribute name="version" type="rct:name" use="required"/>')
    w('                  </xs:extension></xs:simpleContent>')
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('              <xs:element name="organisation" type="rct:organisation" minOccurs="0"/>')
    # Acknowledgements (docs/EXCHANGE.md): optional, so a version 2 report
    # without them stays valid and one reader reads both.
    w('              <xs:element name="exchange" minOccurs="0">')
    w('                <xs:complexType>')
    w('                  <xs:sequence>')
    w('                    <xs:element name="acknowledged" minOccurs="0" maxOccurs="1000">')
    w('                      <xs:complexType>')
    w('                        <xs:attribute name="organisation" type="rct:uuid" use="required"/>')
    w('                        <xs:attribute name="serial" type="xs:positiveInteger" use="required"/>')
    w('                      </xs:complexType>')
    w('                    </xs:element>')
    w('                  </xs:sequence>')
    w('                  <xs:attribute name="serial" type="xs:positiveInteger"/>')
    w('                  <xs:attribute name="for" type="rct:uuid"/>')
    w('                  <xs:attribute name="full" type="xs:boolean" use="required"/>')
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('            </xs:sequence>')
    w('            <xs:attribute name="language" type="rct:language"/>')
    w('          </xs:complexType>')
    w('        </xs:element>')
    # The official report (issue 17): its header, sections and attachments,
    # present when the report was issued (or composed) as a numbered issue.
    w('        <xs:element name="official" minOccurs="0">')
    w('          <xs:complexType>')
    w('            <xs:sequence>')
    w('              <xs:element name="organisation" type="rct:name" minOccurs="0"/>')
    w('              <xs:element name="addressee" type="rct:name"/>')
    w('              <xs:element name="copiedTo" type="rct:name" minOccurs="0"/>')
    w('              <xs:element name="signedOffBy" type="rct:name"/>')
    w('              <xs:element name="draftedBy" type="rct:name" minOccurs="0"/>')
    w('              <xs:element name="section" minOccurs="4" maxOccurs="4">')
    w('                <xs:complexType>')
    w('                  <xs:simpleContent><xs:extension base="rct:text">')
    w('                    <xs:attribute name="key" use="required"><xs:simpleType><xs:restriction base="xs:string">'
      '<xs:enumeration value="overview"/><xs:enumeration value="work"/><xs:enumeration value="problems"/>'
      '<xs:enumeration value="next"/></xs:restriction></xs:simpleType></xs:attribute>')
    w('                    <xs:attribute name="heading" type="rct:name" use="required"/>')
    w('                  </xs:extension></xs:simpleContent>')
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('              <xs:element name="attachment" minOccurs="0" maxOccurs="unbounded">')
    w('                <xs:complexType>')
    w('                  <xs:attribute name="key" use="required"><xs:simpleType><xs:restriction base="xs:string">'
      '<xs:enumeration value="figures"/><xs:enumeration value="units"/><xs:enumeration value="tasks"/>'
      '<xs:enumeration value="problems"/><xs:enumeration value="problems-open"/>'
      '<xs:enumeration value="problems-overdue"/><xs:enumeration value="feedback"/>'
      '</xs:restriction></xs:simpleType></xs:attribute>')
    w('                  <xs:attribute name="name" type="rct:name" use="required"/>')
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('            </xs:sequence>')
    w('            <xs:attribute name="series" type="rct:name" use="required"/>')
    w('            <xs:attribute name="year" type="xs:positiveInteger"/>')
    w('            <xs:attribute name="number" type="xs:positiveInteger"/>')
    w('            <xs:attribute name="issue" type="rct:name"/>')
    w('            <xs:attribute name="date" type="xs:date"/>')
    w('            <xs:attribute name="marking" type="rct:name"/>')
    w('          </xs:complexType>')
    w('        </xs:element>')
    w('        <xs:element name="summary">')
    w('          <xs:complexType>')
    w('            <xs:sequence>')
    w('              <xs:element name="problems">')
    w('                <xs:complexType>')
    for a in ['total', 'registered', 'rectifying', 'awaitingVerification', 'closed', 'closedOnTime', 'overdue',
              'dueSoon', 'daysToCloseSum']:
        w('                  <xs:attribute name="%s" type="xs:nonNegativeInteger" use="required"/>' % a)
    w('                  <xs:attribute name="closingRate" type="rct:rate"/>')
    w('                  <xs:attribute name="onTimeRate" type="rct:rate"/>')
    w('                  <xs:attribute name="avgDaysToClose" type="xs:decimal"/>')
    # Issue 18: open listings (挂牌督办) and the problems by severity.
    for a in ['listed', 'severityNormal', 'severitySerious', 'severityGrave']:
        w('                  <xs:attribute name="%s" type="xs:nonNegativeInteger"/>' % a)
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('              <xs:element name="tasks">')
    w('                <xs:complexType>')
    w('                  <xs:attribute name="total" type="xs:nonNegativeInteger" use="required"/>')
    w('                  <xs:attribute name="done" type="xs:nonNegativeInteger" use="required"/>')
    w('                  <xs:attribute name="completion" type="rct:rate"/>')
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('              <xs:element name="feedback">')
    w('                <xs:complexType>')
    for a in ['total', 'replied', 'overdue', 'rated', 'satisfied']:
        w('                  <xs:attribute name="%s" type="xs:nonNegativeInteger" use="required"/>' % a)
    w('                  <xs:attribute name="replyRate" type="rct:rate"/>')
    w('                  <xs:attribute name="satisfactionRate" type="rct:rate"/>')
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('              <xs:element name="unit" minOccurs="0" maxOccurs="unbounded">')
    w('                <xs:complexType>')
    w('                  <xs:attribute name="name" type="rct:name" use="required"/>')
    w('                  <xs:attribute name="head" type="rct:name"/>')
    for a in ['total', 'closed', 'overdue']:
        w('                  <xs:attribute name="%s" type="xs:nonNegativeInteger" use="required"/>' % a)
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('              <xs:element name="source" minOccurs="0" maxOccurs="unbounded">')
    w('                <xs:complexType>')
    w('                  <xs:attribute name="key" type="rct:problem_source_key" use="required"/>')
    for a in ['total', 'closed']:
        w('                  <xs:attribute name="%s" type="xs:nonNegativeInteger" use="required"/>' % a)
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('              <xs:element name="group" minOccurs="0" maxOccurs="unbounded">')
    w('                <xs:complexType>')
    w('                  <xs:attribute name="name" type="rct:name" use="required"/>')
    for a in ['tasks', 'done']:
        w('                  <xs:attribute name="%s" type="xs:nonNegativeInteger" use="required"/>' % a)
    w('                </xs:complexType>')
    w('              </xs:element>')
    # The problems listed for supervision (挂牌督办) and not lifted.
    w('              <xs:element name="listed" minOccurs="0" maxOccurs="unbounded">')
    w('                <xs:complexType>')
    w('                  <xs:attribute name="number" type="rct:name" use="required"/>')
    w('                  <xs:attribute name="unit" type="rct:name" use="required"/>')
    w('                  <xs:attribute name="description" type="rct:text" use="required"/>')
    w('                  <xs:attribute name="status" type="rct:problem_status_key" use="required"/>')
    w('                  <xs:attribute name="severity" use="required"><xs:simpleType><xs:restriction base="xs:string">'
      '<xs:enumeration value="normal"/><xs:enumeration value="serious"/><xs:enumeration value="grave"/>'
      '</xs:restriction></xs:simpleType></xs:attribute>')
    w('                  <xs:attribute name="level" type="rct:name" use="required"/>')
    w('                  <xs:attribute name="date" type="xs:date" use="required"/>')
    w('                  <xs:attribute name="by" type="rct:name"/>')
    w('                  <xs:attribute name="deadline" type="xs:date" use="required"/>')
    w('                  <xs:attribute name="leader" type="rct:name"/>')
    w('                </xs:complexType>')
    w('              </xs:element>')
    # Issue 18: accountability by kind and the visits, in the report's scope.
    w('              <xs:element name="supervision" minOccurs="0">')
    w('                <xs:complexType>')
    w('                  <xs:sequence>')
    w('                    <xs:element name="kind" minOccurs="0" maxOccurs="unbounded">')
    w('                      <xs:complexType>')
    w('                        <xs:attribute name="key" type="rct:name" use="required"/>')
    w('                        <xs:attribute name="count" type="xs:nonNegativeInteger" use="required"/>')
    w('                      </xs:complexType>')
    w('                    </xs:element>')
    w('                  </xs:sequence>')
    for a in ['accountability', 'visits', 'unitsCovered', 'units', 'problemsFound']:
        w('                  <xs:attribute name="%s" type="xs:nonNegativeInteger" use="required"/>' % a)
    w('                </xs:complexType>')
    w('              </xs:element>')
    w('            </xs:sequence>')
    w('          </xs:complexType>')
    w('        </xs:element>')
    w('        <xs:element name="counts">')
    w('          <xs:complexType>')
    for c in COUNTS:
        w('            <xs:attribute name="%s" type="xs:nonNegativeInteger" use="required"/>' % c)
    for c in OPTIONAL_COUNTS:
        w('            <xs:attribute name="%s" type="xs:nonNegativeInteger"/>' % c)
    w('          </xs:complexType>')
    w('        </xs:element>')
    w('        <xs:element name="records">')
    w('          <xs:complexType>')
    w('            <xs:sequence>')
    for element, _ in TOP:
        w('              <xs:element name="%s" type="rct:%s" minOccurs="0" maxOccurs="unbounded"/>' % (element, element))
    w('            </xs:sequence>')
    w('          </xs:complexType>')
    w('        </xs:element>')
    w(SIGNATURE)
    w('      </xs:sequence>')
    w('      <xs:attribute name="schemaVersion" type="xs:positiveInteger" use="required"/>')
    w('    </xs:complexType>')
    w('  </xs:element>')
    w('</xs:schema>')
    open(path, 'w').write('\n'.join(o) + '\n')

# The enveloped XML-DSig signature (issue 21), last: checked by
# rct-report-sign.c and xmlsec, not by this schema.
SIGNATURE = ('        <xs:any namespace="http://www.w3.org/2000/09/xmldsig#" processContents="lax"'
             ' minOccurs="0"/>')

SETUP_TOP = [('campaign', 'campaigns'), ('unit', 'units'), ('person', 'people'), ('group', 'groups'),
             ('supervisor', 'supervisors')]

def main_setup(path):
    """The set-up file an office sends a unit (docs/EXCHANGE.md): the shared
    records with their uuids and owners, the office and the unit."""
    o = []
    w = o.append
    names = {'campaign', 'phase', 'unit', 'person', 'group', 'supervisor'}
    w('<?xml version="1.0" encoding="UTF-8"?>')
    w('<!-- SPDX-License-Identifier: GPL-3.0-or-later -->')
    w('<!-- The Rectify set-up file (单位台账初始化文件), schema version 1.')
    w('     Written by build-aux/gen-report-xsd.py; edit the table there. -->')
    w('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:rct="urn:rectify:setup:1"')
    w('           targetNamespace="urn:rectify:setup:1" elementFormDefault="qualified">')
    w('')
    types(w, [r for r in RECORDS if r[0] in names])
    w('  <xs:element name="setup">')
    w('    <xs:complexType>')
    w('      <xs:sequence>')
    w('        <xs:element name="generatedAt" type="rct:timestamp"/>')
    w('        <xs:element name="office" type="rct:organisation"/>')
    w('        <xs:element name="unit" type="rct:organisation"/>')
    w('        <xs:element name="counts">')
    w('          <xs:complexType>')
    for c in ['campaigns', 'phases', 'units', 'people', 'groups', 'supervisors']:
        w('            <xs:attribute name="%s" type="xs:nonNegativeInteger" use="required"/>' % c)
    w('          </xs:complexType>')
    w('        </xs:element>')
    w('        <xs:element name="records">')
    w('          <xs:complexType>')
    w('            <xs:sequence>')
    for element, _ in SETUP_TOP:
        w('              <xs:element name="%s" type="rct:%s" minOccurs="0" maxOccurs="unbounded"/>' % (element, element))
    w('            </xs:sequence>')
    w('          </xs:complexType>')
    w('        </xs:element>')
    w(SIGNATURE)
    w('      </xs:sequence>')
    w('      <xs:attribute name="schemaVersion" type="xs:positiveInteger" use="required"/>')
    w('    </xs:complexType>')
    w('  </xs:element>')
    w('</xs:schema>')
    open(path, 'w').write('\n'.join(o) + '\n')

if __name__ == '__main__':
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'data', 'report')
    main(os.path.join(out, 'rct-report.xsd'))
    main_setup(os.path.join(out, 'rct-setup.xsd'))
