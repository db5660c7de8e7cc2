/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_FEEDBACK (rct_feedback_get_type ())
G_DECLARE_FINAL_TYPE (RctFeedback, rct_feedback, RCT, FEEDBACK, RctRecord)

/* A feedback of a social supervisor, with its reply.
 * The fields are public for reading; change them through RctStore. */
struct _RctFeedback
{
  RctRecord parent_instance;

  gint64   supervisor_id;
  char    *supervisor_name;
  char    *received_date;
  char    *channel;
  gint64   unit_id;
  char    *unit_name;
  char    *content;
  char    *kind;
  char    *reply_due;
  char    *reply;
  char    *reply_date;
  char    *satisfaction;
  gint64   problem_id;
  char    *problem_number;
  char    *problem_status;
  char    *reply_state;
};

RctFeedback *rct_feedback_new (void);

G_END_DECLS
