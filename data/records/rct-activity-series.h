/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_ACTIVITY_SERIES (rct_activity_series_get_type ())
G_DECLARE_FINAL_TYPE (RctActivitySeries, rct_activity_series, RCT, ACTIVITY_SERIES, RctRecord)

/* A campaign activity with a target and a period; progress counted from its entries.
 * The fields are public for reading; change them through RctStore. */
struct _RctActivitySeries
{
  RctRecord parent_instance;

  char    *name;
  char    *kind;
  gint64   target;
  char    *start_date;
  char    *end_date;
  gint64   done_count;
  gint64   entry_count;
};

RctActivitySeries *rct_activity_series_new (void);

G_END_DECLS
