/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_WORKING_GROUP (rct_working_group_get_type ())
G_DECLARE_FINAL_TYPE (RctWorkingGroup, rct_working_group, RCT, WORKING_GROUP, RctRecord)

/* A special working group (专项工作组).
 * The fields are public for reading; change them through RctStore. */
struct _RctWorkingGroup
{
  RctRecord parent_instance;

  char    *name;
  gint64   lead_id;
  char    *lead_name;
  char    *members;
  char    *remit;
  gint64   position;
  gint64   task_count;
  gint64   tasks_done;
};

RctWorkingGroup *rct_working_group_new (void);

G_END_DECLS
