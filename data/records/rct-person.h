/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_PERSON (rct_person_get_type ())
G_DECLARE_FINAL_TYPE (RctPerson, rct_person, RCT, PERSON, RctRecord)

/* A person of the roster: owner, responsible person, lead.
 * The fields are public for reading; change them through RctStore. */
struct _RctPerson
{
  RctRecord parent_instance;

  char    *name;
  gint64   unit_id;
  char    *unit_name;
  char    *title;
  char    *phone;
};

RctPerson *rct_person_new (void);

G_END_DECLS
