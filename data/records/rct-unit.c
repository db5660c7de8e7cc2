/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-unit"

#include "config.h"

#include "rct-unit.h"

G_DEFINE_FINAL_TYPE (RctUnit, rct_unit, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctUnit, name) },
  { "head", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctUnit, head) },
  { "kind", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctUnit, kind) },
  { "position", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctUnit, position) },
  { "code", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctUnit, code) },
  { "active", RCT_FIELD_BOOLEAN, G_STRUCT_OFFSET (RctUnit, active) },
};

static void
rct_unit_class_init (RctUnitClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_UNIT,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_unit_init (RctUnit *self)
{
}

RctUnit *
rct_unit_new (void)
{
  return g_object_new (RCT_TYPE_UNIT, NULL);
}
