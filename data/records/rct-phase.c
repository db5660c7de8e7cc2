/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-phase"

#include "config.h"

#include "rct-phase.h"

G_DEFINE_FINAL_TYPE (RctPhase, rct_phase, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "campaign_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctPhase, campaign_id) },
  { "key", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctPhase, key) },
  { "name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctPhase, name) },
  { "start_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctPhase, start_date) },
  { "end_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctPhase, end_date) },
  { "position", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctPhase, position) },
};

static void
rct_phase_class_init (RctPhaseClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_PHASE,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_phase_init (RctPhase *self)
{
}

RctPhase *
rct_phase_new (void)
{
  return g_object_new (RCT_TYPE_PHASE, NULL);
}
