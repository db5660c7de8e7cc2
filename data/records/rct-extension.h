/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_EXTENSION (rct_extension_get_type ())
G_DECLARE_FINAL_TYPE (RctExtension, rct_extension, RCT, EXTENSION, RctRecord)

/* A deadline extension (延期) of a problem, kept for the record.
 * The fields are public for reading; change them through RctStore. */
struct _RctExtension
{
  RctRecord parent_instance;

  gint64   problem_id;
  char    *old_deadline;
  char    *new_deadline;
  char    *reason;
  char    *decided_by;
  char    *decided_at;
};

RctExtension *rct_extension_new (void);

G_END_DECLS
