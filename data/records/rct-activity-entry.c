/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-activity-entry"

#include "config.h"

#include "rct-activity-entry.h"

G_DEFINE_FINAL_TYPE (RctActivityEntry, rct_activity_entry, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "series_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctActivityEntry, series_id) },
  { "series_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivityEntry, series_name) },
  { "date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivityEntry, date) },
  { "person", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivityEntry, person) },
  { "unit_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctActivityEntry, unit_id) },
  { "unit_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivityEntry, unit_name) },
  { "place", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivityEntry, place) },
  { "topic", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivityEntry, topic) },
  { "audience", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctActivityEntry, audience) },
  { "done", RCT_FIELD_BOOLEAN, G_STRUCT_OFFSET (RctActivityEntry, done) },
};

static void
rct_activity_entry_class_init (RctActivityEntryClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_ACTIVITY_ENTRY,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_activity_entry_init (RctActivityEntry *self)
{
}

RctActivityEntry *
rct_activity_entry_new (void)
{
  return g_object_new (RCT_TYPE_ACTIVITY_ENTRY, NULL);
}
