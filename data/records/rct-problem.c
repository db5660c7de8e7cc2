/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-problem"

#include "config.h"

#include "rct-problem.h"

G_DEFINE_FINAL_TYPE (RctProblem, rct_problem, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "number", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, number) },
  { "description", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, description) },
  { "source", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, source) },
  { "category", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, category) },
  { "unit_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctProblem, unit_id) },
  { "unit_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, unit_name) },
  { "group_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctProblem, group_id) },
  { "group_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, group_name) },
  { "responsible_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctProblem, responsible_id) },
  { "responsible_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, responsible_name) },
  { "found_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, found_date) },
  { "deadline", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, deadline) },
  { "status", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, status) },
  { "verification", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, verification) },
  { "verified_by", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, verified_by) },
  { "verified_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, verified_date) },
  { "closed_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, closed_date) },
  { "mechanism", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, mechanism) },
  { "feedback_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctProblem, feedback_id) },
  { "measure_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctProblem, measure_count) },
  { "open_measure_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctProblem, open_measure_count) },
  { "deadline_state", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, deadline_state) },
  { "days_overdue", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctProblem, days_overdue) },
  { "leader", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, leader) },
  { "leader_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, leader_name) },
  { "owner", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, owner) },
  { "severity", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, severity) },
  { "cause", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, cause) },
  { "listed_level", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, listed_level) },
  { "listed_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, listed_date) },
  { "listed_by", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, listed_by) },
  { "listed_lifted", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, listed_lifted) },
  { "listed_lift_reason", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctProblem, listed_lift_reason) },
};

static void
rct_problem_class_init (RctProblemClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_PROBLEM,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_problem_init (RctProblem *self)
{
}

RctProblem *
rct_problem_new (void)
{
  return g_object_new (RCT_TYPE_PROBLEM, NULL);
}
