/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only the SQLite backend (store/sqlite/) sees: its statements over
 * sqlite3_stmt and the one sentence for each of SQLite's result codes.
 * Shared code in data/ includes rct-stmt.h instead. */
#pragma once

#include <sqlite3.h>

#include "rct-stmt.h"

G_BEGIN_DECLS

/* An RctStmt over @stmt of @db; finalizing it finalizes @stmt. */
RctStmt      *_rct_sqlite_stmt_new       (sqlite3       *db,
                                          sqlite3_stmt  *stmt);
sqlite3_stmt *_rct_sqlite_stmt_get       (RctStmt       *stmt);

/* One sentence for each way SQLite can fail (@rc an extended result code),
 * saying what to do. */
void          _rct_sqlite_set_error      (sqlite3       *db,
                                          int            rc,
                                          GError       **error);

G_END_DECLS
