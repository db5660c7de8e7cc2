/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_MEASURE (rct_measure_get_type ())
G_DECLARE_FINAL_TYPE (RctMeasure, rct_measure, RCT, MEASURE, RctRecord)

/* A rectification step of a problem.
 * The fields are public for reading; change them through RctStore. */
struct _RctMeasure
{
  RctRecord parent_instance;

  gint64   problem_id;
  char    *text;
  char    *owner;
  char    *deadline;
  char    *done_date;
};

RctMeasure *rct_measure_new (void);

G_END_DECLS
