/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-enrolment"

#include "config.h"

#include "rct-enrolment.h"

G_DEFINE_FINAL_TYPE (RctEnrolment, rct_enrolment, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "course_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctEnrolment, course_id) },
  { "course_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctEnrolment, course_name) },
  { "officer_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctEnrolment, officer_id) },
  { "officer_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctEnrolment, officer_name) },
  { "unit_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctEnrolment, unit_name) },
  { "police_number", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctEnrolment, police_number) },
  { "required_done", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctEnrolment, required_done) },
  { "elective_done", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctEnrolment, elective_done) },
  { "certificate", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctEnrolment, certificate) },
};

static void
rct_enrolment_class_init (RctEnrolmentClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_ENROLMENT,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_enrolment_init (RctEnrolment *self)
{
}

RctEnrolment *
rct_enrolment_new (void)
{
  return g_object_new (RCT_TYPE_ENROLMENT, NULL);
}
