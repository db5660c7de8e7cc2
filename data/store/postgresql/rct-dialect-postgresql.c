/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rct-dialect.h"

/* PostgreSQL 15's texts of what differs (rct-dialect.h); plain text, no
 * libpq, so it is built always. Each was run in psql against a throwaway
 * cluster with the tables of the server's schema. */

/* The search text as a pattern of ILIKE (its \, % and _ escaped), matched
 * against each searched column: the pg_trgm GIN index of each column
 * answers, case-insensitively, as FTS5's trigram does in the file. */
#define TRGM_PATTERN \
  "(SELECT '%' || replace (replace (replace (?, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' AS pattern) q"

const char *const rct_dialect_postgresql[RCT_DIALECT_N] = {
  [RCT_DIALECT_NONE] = "",
  [RCT_DIALECT_BEGIN_WRITE] = "BEGIN",
  [RCT_DIALECT_BEGIN_READ] = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
  [RCT_DIALECT_SEARCH_PROBLEM] =
    "t.id IN (SELECT s.id FROM problem s, " TRGM_PATTERN
    " WHERE s.number ILIKE q.pattern OR s.description ILIKE q.pattern"
    " OR s.category ILIKE q.pattern OR s.mechanism ILIKE q.pattern)",
  [RCT_DIALECT_SEARCH_TASK] =
    "t.id IN (SELECT s.id FROM task s, " TRGM_PATTERN
    " WHERE s.title ILIKE q.pattern OR s.note ILIKE q.pattern)",
  [RCT_DIALECT_SEARCH_FEEDBACK] =
    "t.id IN (SELECT s.id FROM feedback s, " TRGM_PATTERN
    " WHERE s.content ILIKE q.pattern OR s.reply ILIKE q.pattern)",
  [RCT_DIALECT_DAYS_TO_CLOSE] = "(CAST (t.closed_date AS date) - CAST (t.found_date AS date))",
  [RCT_DIALECT_GREATEST] = "greatest",
  [RCT_DIALECT_INDEXED_BY_LISTED_OPEN] = "",
  [RCT_DIALECT_INDEXED_BY_SEVERITY] = "",
  [RCT_DIALECT_NO_INDEX] = "",
  [RCT_DIALECT_LOCK_PROBLEM] = "SELECT id FROM problem WHERE id = ? FOR UPDATE",
  /* The key is the problem table's: "rct_" "numb" in ASCII. */
  [RCT_DIALECT_LOCK_NUMBERS] = "SELECT pg_advisory_xact_lock (1920234612)",
  [RCT_DIALECT_NEW_UUID] = "CAST (gen_random_uuid () AS text)",
  [RCT_DIALECT_INTEGRITY_CHECK] =
    "SELECT coalesce (string_agg ('index ' || CAST (CAST (i.indexrelid AS regclass) AS text) || ' is not valid', '; '),"
    " 'ok') FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
    " WHERE c.relnamespace = CAST (current_schema () AS regnamespace) AND NOT i.indisvalid",
  [RCT_DIALECT_FOREIGN_KEY_CHECK] =
    "SELECT CAST (CAST (conrelid AS regclass) AS text) FROM pg_constraint"
    " WHERE contype = 'f' AND NOT convalidated AND connamespace = CAST (current_schema () AS regnamespace)",
  [RCT_DIALECT_JSON_APPEND] = "SELECT CAST (CAST (CAST (?1 AS text) AS jsonb) || jsonb_build_array (CAST (?2 AS text)) AS text)",
  [RCT_DIALECT_SORTS_ON_DISK] = "",
  [RCT_DIALECT_SORTS_IN_MEMORY] = "",
};
