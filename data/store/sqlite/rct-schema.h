/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 'RCTF': PRAGMA application_id of every ledger, so we know our own files. */
#define RCT_SCHEMA_APPLICATION_ID 0x52435446

#define RCT_SCHEMA_N_FTS 3

/* The step that adds the running totals (total_* tables) the figures of
 * the whole ledger are read from. */
#define RCT_SCHEMA_TOTALS_VERSION 8

const char *rct_schema_migration   (int           to_version);
/* The step SQLite's backend takes itself (rct-store-sqlite.c). */
#define RCT_SCHEMA_STEP_CHECK_LISTS 18
char       *rct_schema_check_lists_rewritten (const char *sql);
const char *rct_schema_fts_table   (guint         i);
const char *rct_schema_totals_recount (void);
char       *rct_schema_fts_suspend (const gint64 *first_new);
char       *rct_schema_fts_resume  (const gint64 *first_new);

G_END_DECLS
