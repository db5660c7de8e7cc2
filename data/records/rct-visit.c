/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-visit"

#include "config.h"

#include "rct-visit.h"

G_DEFINE_FINAL_TYPE (RctVisit, rct_visit, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctVisit, date) },
  { "team", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctVisit, team) },
  { "method", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctVisit, method) },
  { "findings", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctVisit, findings) },
  { "units", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctVisit, units) },
  { "unit_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctVisit, unit_count) },
  { "problems", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctVisit, problems) },
  { "problem_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctVisit, problem_count) },
};

static void
rct_visit_class_init (RctVisitClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_VISIT,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_visit_init (RctVisit *self)
{
}

RctVisit *
rct_visit_new (void)
{
  return g_object_new (RCT_TYPE_VISIT, NULL);
}
