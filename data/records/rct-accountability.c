/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-accountability"

#include "config.h"

#include "rct-accountability.h"

G_DEFINE_FINAL_TYPE (RctAccountability, rct_accountability, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "kind", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctAccountability, kind) },
  { "person_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctAccountability, person_id) },
  { "person_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctAccountability, person_name) },
  { "unit_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctAccountability, unit_id) },
  { "unit_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctAccountability, unit_name) },
  { "reason", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctAccountability, reason) },
  { "decided_by", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctAccountability, decided_by) },
  { "date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctAccountability, date) },
  { "document", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctAccountability, document) },
  { "problems", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctAccountability, problems) },
  { "problem_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctAccountability, problem_count) },
};

static void
rct_accountability_class_init (RctAccountabilityClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_ACCOUNTABILITY,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_accountability_init (RctAccountability *self)
{
}

RctAccountability *
rct_accountability_new (void)
{
  return g_object_new (RCT_TYPE_ACCOUNTABILITY, NULL);
}
