/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-activity-series"

#include "config.h"

#include "rct-activity-series.h"

G_DEFINE_FINAL_TYPE (RctActivitySeries, rct_activity_series, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivitySeries, name) },
  { "kind", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivitySeries, kind) },
  { "target", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctActivitySeries, target) },
  { "start_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivitySeries, start_date) },
  { "end_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctActivitySeries, end_date) },
  { "done_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctActivitySeries, done_count) },
  { "entry_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctActivitySeries, entry_count) },
};

static void
rct_activity_series_class_init (RctActivitySeriesClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_ACTIVITY_SERIES,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_activity_series_init (RctActivitySeries *self)
{
}

RctActivitySeries *
rct_activity_series_new (void)
{
  return g_object_new (RCT_TYPE_ACTIVITY_SERIES, NULL);
}
