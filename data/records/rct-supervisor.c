/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-supervisor"

#include "config.h"

#include "rct-supervisor.h"

G_DEFINE_FINAL_TYPE (RctSupervisor, rct_supervisor, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctSupervisor, name) },
  { "category", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctSupervisor, category) },
  { "organisation", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctSupervisor, organisation) },
  { "contact", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctSupervisor, contact) },
  { "appointed", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctSupervisor, appointed) },
  { "term_end", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctSupervisor, term_end) },
  { "active", RCT_FIELD_BOOLEAN, G_STRUCT_OFFSET (RctSupervisor, active) },
  { "feedback_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctSupervisor, feedback_count) },
  { "replied_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctSupervisor, replied_count) },
  { "rated_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctSupervisor, rated_count) },
  { "satisfied_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctSupervisor, satisfied_count) },
};

static void
rct_supervisor_class_init (RctSupervisorClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_SUPERVISOR,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_supervisor_init (RctSupervisor *self)
{
}

RctSupervisor *
rct_supervisor_new (void)
{
  return g_object_new (RCT_TYPE_SUPERVISOR, NULL);
}
