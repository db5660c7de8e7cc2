/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-report.h"

G_BEGIN_DECLS

/* The report writer's statements, for tests of their plans. */
char *_rct_report_walk_sql (RctStore       *store,
                            const RctScope *scope,
                            RctKind         kind);

/* Test hooks of an import: @before_signature runs in the signature's
 * thread before it reads the file, @after_merge_pass once the merge's own
 * pass is over, before the checks' verdicts are taken. */
typedef void (*RctReportMergeHook) (gpointer data);
void _rct_report_set_merge_hooks (RctReportMergeHook before_signature,
                                  RctReportMergeHook after_merge_pass,
                                  gpointer           data);

G_END_DECLS
