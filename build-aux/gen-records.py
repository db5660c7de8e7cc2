#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes data/records/rct-<record>.{c,h} from the table below.

The record classes are plain value types whose only code is their field list,
so we keep that list here and regenerate when a column is added. The output
is committed; the build does not run this script.
"""
import os, sys

S, I, B = 'RCT_FIELD_STRING', 'RCT_FIELD_INT64', 'RCT_FIELD_BOOLEAN'
CT = {S: 'char    *', I: 'gint64   ', B: 'gboolean '}

RECORDS = [
    ('campaign', 'CAMPAIGN', 'The campaign (教育整顿) a ledger follows.',
     [('name', S), ('leader', S), ('deputy_leaders', S), ('leading_members', S), ('office', S)]),
    ('phase', 'PHASE', 'A phase of the campaign: study, investigate-and-rectify, consolidate.',
     [('campaign_id', I), ('key', S), ('name', S), ('start_date', S), ('end_date', S), ('position', I)]),
    ('unit', 'UNIT', 'A unit (单位): a police station, brigade or hall.',
     [('name', S), ('head', S), ('kind', S), ('position', I), ('code', S), ('active', B)]),
    ('person', 'PERSON', 'A person of the roster: owner, responsible person, lead.',
     [('name', S), ('unit_id', I), ('unit_name', S), ('title', S), ('phone', S)]),
    ('working-group', 'WORKING_GROUP', 'A special working group (专项工作组).',
     [('name', S), ('lead_id', I), ('lead_name', S), ('members', S), ('remit', S), ('position', I),
      ('task_count', I), ('tasks_done', I)]),
    ('task', 'TASK', 'A task of a working group, with its target and done counts.',
     [('group_id', I), ('group_name', S), ('title', S), ('kind', S), ('owner_id', I), ('owner_name', S),
      ('unit_id', I), ('unit_name', S), ('phase', S), ('start_date', S), ('deadline', S), ('status', S),
      ('target_count', I), ('done_count', I), ('note', S), ('deadline_state', S), ('unit_head', S)]),
    ('task-progress', 'TASK_PROGRESS', 'A progress entry of a task: date, note, count.',
     [('task_id', I), ('date', S), ('note', S), ('count', I)]),
    ('problem', 'PROBLEM', 'A row of the rectification ledger (问题整改台账).',
     [('number', S), ('description', S), ('source', S), ('category', S), ('unit_id', I), ('unit_name', S),
      ('group_id', I), ('group_name', S), ('responsible_id', I), ('responsible_name', S),
      ('found_date', S), ('deadline', S), ('status', S), ('verification', S), ('verified_by', S),
      ('verified_date', S), ('closed_date', S), ('mechanism', S), ('feedback_id', I),
      ('measure_count', I), ('open_measure_count', I), ('deadline_state', S), ('days_overdue', I),
      ('leader', S), ('leader_name', S), ('owner', S), ('severity', S), ('cause', S),
      ('listed_level', S), ('listed_date', S), ('listed_by', S), ('listed_lifted', S),
      ('listed_lift_reason', S)]),
    ('measure', 'MEASURE', 'A rectification step of a problem.',
     [('problem_id', I), ('text', S), ('owner', S), ('deadline', S), ('done_date', S)]),
    ('extension', 'EXTENSION', 'A deadline extension (延期) of a problem, kept for the record.',
     [('problem_id', I), ('old_deadline', S), ('new_deadline', S), ('reason', S), ('decided_by', S),
      ('decided_at', S)]),
    ('evidence', 'EVIDENCE', 'An evidence file of a problem, stored in the ledger.',
     [('problem_id', I), ('filename', S), ('content_type', S), ('size', I), ('sha256', S)]),
    ('supervisor', 'SUPERVISOR', 'A social supervisor (社会监督员).',
     [('name', S), ('category', S), ('organisation', S), ('contact', S), ('appointed', S), ('term_end', S),
      ('active', B), ('feedback_count', I), ('replied_count', I), ('rated_count', I),
      ('satisfied_count', I)]),
    ('feedback', 'FEEDBACK', 'A feedback of a social supervisor, with its reply.',
     [('supervisor_id', I), ('supervisor_name', S), ('received_date', S), ('channel', S), ('unit_id', I),
      ('unit_name', S), ('content', S), ('kind', S), ('reply_due', S), ('reply', S), ('reply_date', S),
      ('satisfaction', S), ('problem_id', I), ('problem_number', S), ('problem_status', S),
      ('reply_state', S)]),
    ('journal-entry', 'JOURNAL', 'One change of one field of one record: who, when, old, new, why.',
     [('record_table', S), ('record_uuid', S), ('record_label', S), ('field', S), ('old_value', S),
      ('new_value', S), ('who', S), ('at', S), ('reason', S), ('resolution', S)]),
    ('officer', 'OFFICER', 'An officer of the roster (民警名册): police officer or auxiliary, in service or not.',
     [('name', S), ('unit_id', I), ('unit_name', S), ('police_number', S), ('kind', S), ('in_service', B)]),
    ('course', 'COURSE', 'A training course (e.g. 政治轮训) with its required and elective hours.',
     [('name', S), ('required_hours', I), ('elective_hours', I), ('start_date', S), ('end_date', S),
      ('enrolled_count', I)]),
    ('enrolment', 'ENROLMENT', 'An officer enrolled in a course, with the hours done and the certificate.',
     [('course_id', I), ('course_name', S), ('officer_id', I), ('officer_name', S), ('unit_name', S),
      ('police_number', S), ('required_done', I), ('elective_done', I), ('certificate', S)]),
    ('activity-series', 'ACTIVITY_SERIES', 'A campaign activity with a target and a period; progress counted from its entries.',
     [('name', S), ('kind', S), ('target', I), ('start_date', S), ('end_date', S), ('done_count', I),
      ('entry_count', I)]),
    ('activity-entry', 'ACTIVITY_ENTRY', 'One entry of an activity series: an episode, an essay, an open day, a talk, a session.',
     [('series_id', I), ('series_name', S), ('date', S), ('person', S), ('unit_id', I), ('unit_name', S),
      ('place', S), ('topic', S), ('audience', I), ('done', B)]),
    ('accountability', 'ACCOUNTABILITY', 'An accountability record (问责): who and which unit were held to account, how, for which problems.',
     [('kind', S), ('person_id', I), ('person_name', S), ('unit_id', I), ('unit_name', S), ('reason', S),
      ('decided_by', S), ('date', S), ('document', S), ('problems', S), ('problem_count', I)]),
    ('visit', 'VISIT', 'An inspection visit (督导检查, 明察暗访): who went where, how, and what they found.',
     [('date', S), ('team', S), ('method', S), ('findings', S), ('units', S), ('unit_count', I),
      ('problems', S), ('problem_count', I)]),
]

def camel(name):
    return ''.join(p.capitalize() for p in name.split('-'))

def main(outdir):
    for fname, kind, doc, fields in RECORDS:
        c = camel(fname)
        lower = fname.replace('-', '_')
        upper = lower.upper()
        h = f'''/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_{upper} (rct_{lower}_get_type ())
G_DECLARE_FINAL_TYPE (Rct{c}, rct_{lower}, RCT, {upper}, RctRecord)

/* {doc}
 * The fields are public for reading; change them through RctStore. */
struct _Rct{c}
{{
  RctRecord parent_instance;

'''
        for col, t in fields:
            h += f'  {CT[t]}{col};\n'
        h += '};\n\n'
        h += f'Rct{c} *rct_{lower}_new (void);\n\nG_END_DECLS\n'
        body = f'''/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-{fname}"

#include "config.h"

#include "rct-{fname}.h"

G_DEFINE_FINAL_TYPE (Rct{c}, rct_{lower}, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {{
'''
        for col, t in fields:
            body += f'  {{ "{col}", {t}, G_STRUCT_OFFSET (Rct{c}, {col}) }},\n'
        body += f'''}};

static void
rct_{lower}_class_init (Rct{c}Class *klass)
{{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_{kind},
                                   fields, G_N_ELEMENTS (fields));
}}

static void
rct_{lower}_init (Rct{c} *self)
{{
}}

Rct{c} *
rct_{lower}_new (void)
{{
  return g_object_new (RCT_TYPE_{upper}, NULL);
}}
'''
        open(os.path.join(outdir, f'rct-{fname}.h'), 'w').write(h)
        open(os.path.join(outdir, f'rct-{fname}.c'), 'w').write(body)

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'data', 'records'))
