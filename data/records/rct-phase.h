/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_PHASE (rct_phase_get_type ())
G_DECLARE_FINAL_TYPE (RctPhase, rct_phase, RCT, PHASE, RctRecord)

/* A phase of the campaign: study, investigate-and-rectify, consolidate.
 * The fields are public for reading; change them through RctStore. */
struct _RctPhase
{
  RctRecord parent_instance;

  gint64   campaign_id;
  char    *key;
  char    *name;
  char    *start_date;
  char    *end_date;
  gint64   position;
};

RctPhase *rct_phase_new (void);

G_END_DECLS
