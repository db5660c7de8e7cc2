/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-course"

#include "config.h"

#include "rct-course.h"

G_DEFINE_FINAL_TYPE (RctCourse, rct_course, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctCourse, name) },
  { "required_hours", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctCourse, required_hours) },
  { "elective_hours", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctCourse, elective_hours) },
  { "start_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctCourse, start_date) },
  { "end_date", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctCourse, end_date) },
  { "enrolled_count", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctCourse, enrolled_count) },
};

static void
rct_course_class_init (RctCourseClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_COURSE,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_course_init (RctCourse *self)
{
}

RctCourse *
rct_course_new (void)
{
  return g_object_new (RCT_TYPE_COURSE, NULL);
}
