/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_VISIT (rct_visit_get_type ())
G_DECLARE_FINAL_TYPE (RctVisit, rct_visit, RCT, VISIT, RctRecord)

/* An inspection visit (督导检查, 明察暗访): who went where, how, and what they found.
 * The fields are public for reading; change them through RctStore. */
struct _RctVisit
{
  RctRecord parent_instance;

  char    *date;
  char    *team;
  char    *method;
  char    *findings;
  char    *units;
  gint64   unit_count;
  char    *problems;
  gint64   problem_count;
};

RctVisit *rct_visit_new (void);

G_END_DECLS
