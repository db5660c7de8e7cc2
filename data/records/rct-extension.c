/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-extension"

#include "config.h"

#include "rct-extension.h"

G_DEFINE_FINAL_TYPE (RctExtension, rct_extension, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "problem_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctExtension, problem_id) },
  { "old_deadline", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctExtension, old_deadline) },
  { "new_deadline", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctExtension, new_deadline) },
  { "reason", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctExtension, reason) },
  { "decided_by", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctExtension, decided_by) },
  { "decided_at", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctExtension, decided_at) },
};

static void
rct_extension_class_init (RctExtensionClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_EXTENSION,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_extension_init (RctExtension *self)
{
}

RctExtension *
rct_extension_new (void)
{
  return g_object_new (RCT_TYPE_EXTENSION, NULL);
}
