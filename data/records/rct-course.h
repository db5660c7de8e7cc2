/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_COURSE (rct_course_get_type ())
G_DECLARE_FINAL_TYPE (RctCourse, rct_course, RCT, COURSE, RctRecord)

/* A training course (e.g. 政治轮训) with its required and elective hours.
 * The fields are public for reading; change them through RctStore. */
struct _RctCourse
{
  RctRecord parent_instance;

  char    *name;
  gint64   required_hours;
  gint64   elective_hours;
  char    *start_date;
  char    *end_date;
  gint64   enrolled_count;
};

RctCourse *rct_course_new (void);

G_END_DECLS
