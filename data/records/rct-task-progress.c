/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-task-progress"

#include "config.h"

#include "rct-task-progress.h"

G_DEFINE_FINAL_TYPE (RctTaskProgress, rct_task_progress, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "task_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctTaskProgress, task_id) },
  { "date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTaskProgress, date) },
  { "note", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctTaskProgress, note) },
  { "count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctTaskProgress, count) },
};

static void
rct_task_progress_class_init (RctTaskProgressClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_TASK_PROGRESS,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_task_progress_init (RctTaskProgress *self)
{
}

RctTaskProgress *
rct_task_progress_new (void)
{
  return g_object_new (RCT_TYPE_TASK_PROGRESS, NULL);
}
