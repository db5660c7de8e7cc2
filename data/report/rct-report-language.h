/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The languages a report can be written in: its title, labels and dates. */
#define RCT_REPORT_LANGUAGE_CHINESE "zh_CN"
#define RCT_REPORT_LANGUAGE_ENGLISH "en"

const char *rct_report_language_default   (void);
const char *rct_report_language_normalize (const char *language);
const char *rct_report_language_gettext   (const char *language,
                                           const char *msgid) G_GNUC_FORMAT (2);
const char *rct_report_language_title     (const char *language,
                                           const char *title);
char       *rct_report_language_date      (const char *language,
                                           const char *iso_date);
char       *rct_report_language_time      (const char *language,
                                           const char *iso_utc);

G_END_DECLS
