/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_UNIT (rct_unit_get_type ())
G_DECLARE_FINAL_TYPE (RctUnit, rct_unit, RCT, UNIT, RctRecord)

/* A unit (单位): a police station, brigade or hall.
 * The fields are public for reading; change them through RctStore. */
struct _RctUnit
{
  RctRecord parent_instance;

  char    *name;
  char    *head;
  char    *kind;
  gint64   position;
  char    *code;
  gboolean active;
};

RctUnit *rct_unit_new (void);

G_END_DECLS
