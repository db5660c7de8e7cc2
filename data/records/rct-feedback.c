/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-feedback"

#include "config.h"

#include "rct-feedback.h"

G_DEFINE_FINAL_TYPE (RctFeedback, rct_feedback, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "supervisor_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctFeedback, supervisor_id) },
  { "supervisor_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, supervisor_name) },
  { "received_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, received_date) },
  { "channel", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, channel) },
  { "unit_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctFeedback, unit_id) },
  { "unit_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, unit_name) },
  { "content", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, content) },
  { "kind", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, kind) },
  { "reply_due", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, reply_due) },
  { "reply", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, reply) },
  { "reply_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, reply_date) },
  { "satisfaction", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, satisfaction) },
  { "problem_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctFeedback, problem_id) },
  { "problem_number", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, problem_number) },
  { "problem_status", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, problem_status) },
  { "reply_state", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctFeedback, reply_state) },
};

static void
rct_feedback_class_init (RctFeedbackClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_FEEDBACK,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_feedback_init (RctFeedback *self)
{
}

RctFeedback *
rct_feedback_new (void)
{
  return g_object_new (RCT_TYPE_FEEDBACK, NULL);
}
