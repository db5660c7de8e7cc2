/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rct-dialect.h"

/* SQLite's texts of what differs (rct-dialect.h). */

#define FTS_SEARCH(table) \
  "t.id IN (SELECT rowid FROM " table "_fts WHERE " table "_fts MATCH '\"' || replace (?, '\"', '\"\"') || '\"')"

const char *const rct_dialect_sqlite[RCT_DIALECT_N] = {
  [RCT_DIALECT_NONE] = "",
  [RCT_DIALECT_BEGIN_WRITE] = "BEGIN IMMEDIATE",
  [RCT_DIALECT_BEGIN_READ] = "BEGIN DEFERRED",
  /* The text as one FTS5 phrase: its quotes doubled, inside quotes. */
  [RCT_DIALECT_SEARCH_PROBLEM] = FTS_SEARCH ("problem"),
  [RCT_DIALECT_SEARCH_TASK] = FTS_SEARCH ("task"),
  [RCT_DIALECT_SEARCH_FEEDBACK] = FTS_SEARCH ("feedback"),
  [RCT_DIALECT_DAYS_TO_CLOSE] = "julianday (t.closed_date) - julianday (t.found_date)",
  [RCT_DIALECT_GREATEST] = "max",
  [RCT_DIALECT_INDEXED_BY_LISTED_OPEN] = " INDEXED BY problem_listed_open",
  [RCT_DIALECT_INDEXED_BY_SEVERITY] = " INDEXED BY problem_severity",
  [RCT_DIALECT_NO_INDEX] = "+",
  [RCT_DIALECT_LOCK_PROBLEM] = "SELECT id FROM problem WHERE id = ?",
  [RCT_DIALECT_LOCK_NUMBERS] = "SELECT 1",
  [RCT_DIALECT_NEW_UUID] =
    "lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'"
    " || substr (hex (randomblob (2)), 2) || '-a' || substr (hex (randomblob (2)), 2)"
    " || '-' || hex (randomblob (6)))",
  [RCT_DIALECT_INTEGRITY_CHECK] = "PRAGMA integrity_check",
  [RCT_DIALECT_FOREIGN_KEY_CHECK] = "PRAGMA foreign_key_check",
  [RCT_DIALECT_JSON_APPEND] = "SELECT json_insert (?1, '$[#]', ?2)",
  /* rct-store-sqlite.c opens a writable ledger with temp_store MEMORY. */
  [RCT_DIALECT_SORTS_ON_DISK] = "PRAGMA temp_store = FILE",
  [RCT_DIALECT_SORTS_IN_MEMORY] = "PRAGMA temp_store = MEMORY",
};
