/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_TASK_PROGRESS (rct_task_progress_get_type ())
G_DECLARE_FINAL_TYPE (RctTaskProgress, rct_task_progress, RCT, TASK_PROGRESS, RctRecord)

/* A progress entry of a task: date, note, count.
 * The fields are public for reading; change them through RctStore. */
struct _RctTaskProgress
{
  RctRecord parent_instance;

  gint64   task_id;
  char    *date;
  char    *note;
  gint64   count;
};

RctTaskProgress *rct_task_progress_new (void);

G_END_DECLS
