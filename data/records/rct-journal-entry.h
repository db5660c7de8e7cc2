/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_JOURNAL_ENTRY (rct_journal_entry_get_type ())
G_DECLARE_FINAL_TYPE (RctJournalEntry, rct_journal_entry, RCT, JOURNAL_ENTRY, RctRecord)

/* One change of one field of one record: who, when, old, new, why.
 * The fields are public for reading; change them through RctStore. */
struct _RctJournalEntry
{
  RctRecord parent_instance;

  char    *record_table;
  char    *record_uuid;
  char    *record_label;
  char    *field;
  char    *old_value;
  char    *new_value;
  char    *who;
  char    *at;
  char    *reason;
  char    *resolution;
};

RctJournalEntry *rct_journal_entry_new (void);

G_END_DECLS
