/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-journal-entry"

#include "config.h"

#include "rct-journal-entry.h"

G_DEFINE_FINAL_TYPE (RctJournalEntry, rct_journal_entry, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "record_table", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, record_table) },
  { "record_uuid", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, record_uuid) },
  { "record_label", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, record_label) },
  { "field", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, field) },
  { "old_value", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, old_value) },
  { "new_value", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, new_value) },
  { "who", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, who) },
  { "at", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, at) },
  { "reason", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, reason) },
  { "resolution", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctJournalEntry, resolution) },
};

static void
rct_journal_entry_class_init (RctJournalEntryClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_JOURNAL,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_journal_entry_init (RctJournalEntry *self)
{
}

RctJournalEntry *
rct_journal_entry_new (void)
{
  return g_object_new (RCT_TYPE_JOURNAL_ENTRY, NULL);
}
