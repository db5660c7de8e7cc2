/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-report-issue.h"

G_BEGIN_DECLS

gboolean rct_report_official_write_pdf (RctStore             *store,
                                        const RctReportIssue *issue,
                                        const char           *path,
                                        GError              **error);

char    *rct_report_official_dup_font_note (void);

G_END_DECLS
