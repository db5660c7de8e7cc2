/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-officer"

#include "config.h"

#include "rct-officer.h"

G_DEFINE_FINAL_TYPE (RctOfficer, rct_officer, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctOfficer, name) },
  { "unit_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctOfficer, unit_id) },
  { "unit_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctOfficer, unit_name) },
  { "police_number", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctOfficer, police_number) },
  { "kind", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctOfficer, kind) },
  { "in_service", RCT_FIELD_BOOLEAN, G_STRUCT_OFFSET (RctOfficer, in_service) },
};

static void
rct_officer_class_init (RctOfficerClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_OFFICER,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_officer_init (RctOfficer *self)
{
}

RctOfficer *
rct_officer_new (void)
{
  return g_object_new (RCT_TYPE_OFFICER, NULL);
}
