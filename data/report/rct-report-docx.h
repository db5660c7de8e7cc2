/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-report-issue.h"

G_BEGIN_DECLS

gboolean rct_report_docx_write (RctStore             *store,
                                const RctReportIssue *issue,
                                const char           *path,
                                GError              **error);

G_END_DECLS
