/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-working-group"

#include "config.h"

#include "rct-working-group.h"

G_DEFINE_FINAL_TYPE (RctWorkingGroup, rct_working_group, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctWorkingGroup, name) },
  { "lead_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctWorkingGroup, lead_id) },
  { "lead_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctWorkingGroup, lead_name) },
  { "members", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctWorkingGroup, members) },
  { "remit", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctWorkingGroup, remit) },
  { "position", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctWorkingGroup, position) },
  { "task_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctWorkingGroup, task_count) },
  { "tasks_done", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctWorkingGroup, tasks_done) },
};

static void
rct_working_group_class_init (RctWorkingGroupClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_WORKING_GROUP,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_working_group_init (RctWorkingGroup *self)
{
}

RctWorkingGroup *
rct_working_group_new (void)
{
  return g_object_new (RCT_TYPE_WORKING_GROUP, NULL);
}
