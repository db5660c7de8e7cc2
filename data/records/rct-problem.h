/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_PROBLEM (rct_problem_get_type ())
G_DECLARE_FINAL_TYPE (RctProblem, rct_problem, RCT, PROBLEM, RctRecord)

/* A row of the rectification ledger (问题整改台账).
 * The fields are public for reading; change them through RctStore. */
struct _RctProblem
{
  RctRecord parent_instance;

  char    *number;
  char    *description;
  char    *source;
  char    *category;
  gint64   unit_id;
  char    *unit_name;
  gint64   group_id;
  char    *group_name;
  gint64   responsible_id;
  char    *responsible_name;
  char    *found_date;
  char    *deadline;
  char    *status;
  char    *verification;
  char    *verified_by;
  char    *verified_date;
  char    *closed_date;
  char    *mechanism;
  gint64   feedback_id;
  gint64   measure_count;
  gint64   open_measure_count;
  char    *deadline_state;
  gint64   days_overdue;
  char    *leader;
  char    *leader_name;
  char    *owner;
  char    *severity;
  char    *cause;
  char    *listed_level;
  char    *listed_date;
  char    *listed_by;
  char    *listed_lifted;
  char    *listed_lift_reason;
};

RctProblem *rct_problem_new (void);

G_END_DECLS
