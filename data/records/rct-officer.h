/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_OFFICER (rct_officer_get_type ())
G_DECLARE_FINAL_TYPE (RctOfficer, rct_officer, RCT, OFFICER, RctRecord)

/* An officer of the roster (民警名册): police officer or auxiliary, in service or not.
 * The fields are public for reading; change them through RctStore. */
struct _RctOfficer
{
  RctRecord parent_instance;

  char    *name;
  gint64   unit_id;
  char    *unit_name;
  char    *police_number;
  char    *kind;
  gboolean in_service;
};

RctOfficer *rct_officer_new (void);

G_END_DECLS
