/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_SUPERVISOR (rct_supervisor_get_type ())
G_DECLARE_FINAL_TYPE (RctSupervisor, rct_supervisor, RCT, SUPERVISOR, RctRecord)

/* A social supervisor (社会监督员).
 * The fields are public for reading; change them through RctStore. */
struct _RctSupervisor
{
  RctRecord parent_instance;

  char    *name;
  char    *category;
  char    *organisation;
  char    *contact;
  char    *appointed;
  char    *term_end;
  gboolean active;
  gint64   feedback_count;
  gint64   replied_count;
  gint64   rated_count;
  gint64   satisfied_count;
};

RctSupervisor *rct_supervisor_new (void);

G_END_DECLS
