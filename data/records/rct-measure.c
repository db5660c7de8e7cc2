/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-measure"

#include "config.h"

#include "rct-measure.h"

G_DEFINE_FINAL_TYPE (RctMeasure, rct_measure, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "problem_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctMeasure, problem_id) },
  { "text", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctMeasure, text) },
  { "owner", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctMeasure, owner) },
  { "deadline", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctMeasure, deadline) },
  { "done_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctMeasure, done_date) },
};

static void
rct_measure_class_init (RctMeasureClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_MEASURE,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_measure_init (RctMeasure *self)
{
}

RctMeasure *
rct_measure_new (void)
{
  return g_object_new (RCT_TYPE_MEASURE, NULL);
}
