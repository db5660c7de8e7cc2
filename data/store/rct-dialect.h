/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SQL that differs between a SQLite file and the office's PostgreSQL
 * server, by name. Shared code in data/ writes the common form wherever
 * there is one (INSERT … ON CONFLICT, COALESCE, CAST, CASE, count(*)
 * FILTER, IS NOT DISTINCT FROM, the table's id); where there is none it
 * asks the store for the backend's text of an entry here and builds its
 * statement around it. Each backend has a plain table with one text per
 * entry: store/sqlite/rct-dialect-sqlite.c and
 * store/postgresql/rct-dialect-postgresql.c (PostgreSQL 15), both always
 * built. The tables and columns have the same names in both.
 *
 * Private to data/. */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

typedef enum
{
  RCT_DIALECT_NONE,
  /* The outermost transaction of a write: it takes the write lock at once
   * (SQLite), or is an ordinary transaction (PostgreSQL). */
  RCT_DIALECT_BEGIN_WRITE,
  /* The outermost transaction of a read (rct_store_read_begin()): its
   * statements see the ledger as of one moment. SQLite's deferred
   * transaction holds one read snapshot from its first read to its end;
   * the server's default (READ COMMITTED) takes a snapshot per statement,
   * so it asks for REPEATABLE READ. */
  RCT_DIALECT_BEGIN_READ,
  /* A WHERE condition on "t", the kind's table, with one ? bound to the
   * search text as typed (three characters or more): FTS5 trigram tables
   * (SQLite), pg_trgm GIN indexes under ILIKE (PostgreSQL). */
  RCT_DIALECT_SEARCH_PROBLEM,
  RCT_DIALECT_SEARCH_TASK,
  RCT_DIALECT_SEARCH_FEEDBACK,
  /* The days from a closed problem "t"'s finding to its closing. */
  RCT_DIALECT_DAYS_TO_CLOSE,
  /* The larger of two values: the function's name. */
  RCT_DIALECT_GREATEST,
  /* After "FROM problem": the index SQLite's planner is told to use for
   * the open listings, and for the severities (PostgreSQL plans alone). */
  RCT_DIALECT_INDEXED_BY_LISTED_OPEN,
  RCT_DIALECT_INDEXED_BY_SEVERITY,
  /* Before a column grouped on: what keeps SQLite from walking that
   * column's index ("+"); nothing on PostgreSQL. */
  RCT_DIALECT_NO_INDEX,
  /* Inside a write: reads a problem's row (one ? bound to its id) and
   * holds it to the transaction's end, so the gates read a problem no
   * other clerk is changing (PostgreSQL's FOR UPDATE; a file's write lock
   * holds the whole ledger already). */
  RCT_DIALECT_LOCK_PROBLEM,
  /* Inside a write: holds the numbering of new problems to the
   * transaction's end, so two clerks registering at once take two numbers
   * (a transaction's advisory lock on the server; a file's write lock
   * holds the ledger already, and the statement does nothing there). */
  RCT_DIALECT_LOCK_NUMBERS,
  /* A new random uuid (version 4) as lower-case text, for each row of an
   * INSERT … SELECT: built from randomblob() (SQLite), gen_random_uuid()
   * (PostgreSQL). */
  RCT_DIALECT_NEW_UUID,
  /* rct_store_check()'s two questions. The first answers rows of text,
   * "ok" when sound: SQLite's integrity_check of the file; on the server,
   * which checks its pages and constraints itself, whether any of the
   * ledger's indexes is left invalid. The second answers a row naming a
   * table for each broken reference: SQLite's foreign_key_check; on the
   * server, each foreign key not validated (NOT VALID, its rows never
   * checked). */
  RCT_DIALECT_INTEGRITY_CHECK,
  RCT_DIALECT_FOREIGN_KEY_CHECK,
  /* A statement of one row: the JSON array ?1 (text) with the text ?2
   * appended, as text that json_each () reads. */
  RCT_DIALECT_JSON_APPEND,
  /* Around a long read that sorts much (the report's export): SQLite's
   * sorts spill to temporary files on disk instead of the memory the
   * store keeps them in for its statement journals; nothing on
   * PostgreSQL. */
  RCT_DIALECT_SORTS_ON_DISK,
  RCT_DIALECT_SORTS_IN_MEMORY,
  RCT_DIALECT_N
} RctDialect;

/* The texts of each backend, indexed by RctDialect. */
extern const char *const rct_dialect_sqlite[RCT_DIALECT_N];
extern const char *const rct_dialect_postgresql[RCT_DIALECT_N];

/* The text of @which for the backend @self is open on. */
const char *_rct_store_dialect (RctStore   *self,
                                RctDialect  which);

G_END_DECLS
