/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_ACCOUNTABILITY (rct_accountability_get_type ())
G_DECLARE_FINAL_TYPE (RctAccountability, rct_accountability, RCT, ACCOUNTABILITY, RctRecord)

/* An accountability record (问责): who and which unit were held to account, how, for which problems.
 * The fields are public for reading; change them through RctStore. */
struct _RctAccountability
{
  RctRecord parent_instance;

  char    *kind;
  gint64   person_id;
  char    *person_name;
  gint64   unit_id;
  char    *unit_name;
  char    *reason;
  char    *decided_by;
  char    *date;
  char    *document;
  char    *problems;
  gint64   problem_count;
};

RctAccountability *rct_accountability_new (void);

G_END_DECLS
