/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-report.h"

G_BEGIN_DECLS

/* The report writer's statements, for tests of their plans. */
char *_rct_report_walk_sql (RctStore       *store,
                            const RctScope *scope,
                            RctKind         kind);

G_END_DECLS
