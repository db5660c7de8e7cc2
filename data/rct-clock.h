/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *rct_clock_today       (void);
void      rct_clock_set_today   (const char *iso_date);
char     *rct_clock_dup_override (void);
char     *rct_clock_now         (void);
gboolean  rct_date_parse        (const char *text,
                                 GDate      *date);
gboolean  rct_date_is_valid     (const char *text);
char     *rct_date_read         (const char *text,
                                 gboolean    numeric_cell);
int       rct_date_days_between (const char *from,
                                 const char *to);
char     *rct_date_add_days     (const char *iso_date,
                                 int         days);
char     *rct_date_format_local (const char *iso_date);
char     *rct_time_format_local (const char *iso_utc);

G_END_DECLS
