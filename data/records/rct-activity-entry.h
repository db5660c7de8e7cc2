/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_ACTIVITY_ENTRY (rct_activity_entry_get_type ())
G_DECLARE_FINAL_TYPE (RctActivityEntry, rct_activity_entry, RCT, ACTIVITY_ENTRY, RctRecord)

/* One entry of an activity series: an episode, an essay, an open day, a talk, a session.
 * The fields are public for reading; change them through RctStore. */
struct _RctActivityEntry
{
  RctRecord parent_instance;

  gint64   series_id;
  char    *series_name;
  char    *date;
  char    *person;
  gint64   unit_id;
  char    *unit_name;
  char    *place;
  char    *topic;
  gint64   audience;
  gboolean done;
};

RctActivityEntry *rct_activity_entry_new (void);

G_END_DECLS
