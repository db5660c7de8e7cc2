/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_ENROLMENT (rct_enrolment_get_type ())
G_DECLARE_FINAL_TYPE (RctEnrolment, rct_enrolment, RCT, ENROLMENT, RctRecord)

/* An officer enrolled in a course, with the hours done and the certificate.
 * The fields are public for reading; change them through RctStore. */
struct _RctEnrolment
{
  RctRecord parent_instance;

  gint64   course_id;
  char    *course_name;
  gint64   officer_id;
  char    *officer_name;
  char    *unit_name;
  char    *police_number;
  gint64   required_done;
  gint64   elective_done;
  char    *certificate;
};

RctEnrolment *rct_enrolment_new (void);

G_END_DECLS
