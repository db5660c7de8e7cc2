/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-task"

#include "config.h"

#include "rct-task.h"

G_DEFINE_FINAL_TYPE (RctTask, rct_task, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "group_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctTask, group_id) },
  { "group_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, group_name) },
  { "title", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, title) },
  { "kind", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, kind) },
  { "owner_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctTask, owner_id) },
  { "owner_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, owner_name) },
  { "unit_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctTask, unit_id) },
  { "unit_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, unit_name) },
  { "phase", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, phase) },
  { "start_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, start_date) },
  { "deadline", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, deadline) },
  { "status", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, status) },
  { "target_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctTask, target_count) },
  { "done_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctTask, done_count) },
  { "note", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, note) },
  { "deadline_state", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, deadline_state) },
  { "unit_head", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTask, unit_head) },
};

static void
rct_task_class_init (RctTaskClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_TASK,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_task_init (RctTask *self)
{
}

RctTask *
rct_task_new (void)
{
  return g_object_new (RCT_TYPE_TASK, NULL);
}
