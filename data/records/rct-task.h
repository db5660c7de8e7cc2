/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_TASK (rct_task_get_type ())
G_DECLARE_FINAL_TYPE (RctTask, rct_task, RCT, TASK, RctRecord)

/* A task of a working group, with its target and done counts.
 * The fields are public for reading; change them through RctStore. */
struct _RctTask
{
  RctRecord parent_instance;

  gint64   group_id;
  char    *group_name;
  char    *title;
  char    *kind;
  gint64   owner_id;
  char    *owner_name;
  gint64   unit_id;
  char    *unit_name;
  char    *phase;
  char    *start_date;
  char    *deadline;
  char    *status;
  gint64   target_count;
  gint64   done_count;
  char    *note;
  char    *deadline_state;
  char    *unit_head;
};

RctTask *rct_task_new (void);

G_END_DECLS
