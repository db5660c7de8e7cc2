/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One prepared statement of a ledger, whatever holds the ledger: a SQLite
 * file (store/sqlite/) or the office's PostgreSQL server (store/postgresql/).
 *
 * Shared code in data/ speaks only this: it prepares through
 * _rct_store_prepare(), binds, steps through _rct_store_step() and reads the
 * columns. The calls keep SQLite's shape, so code that was written for
 * sqlite3_stmt reads the same:
 *
 * - parameters are written `?` or `?N` in the SQL and bound from 1;
 * - columns are read from 0; a NULL column reads as 0, 0.0 or NULL text;
 * - text is UTF-8, copied when bound, and a column's text stays valid until
 *   the statement is stepped, reset or finalized;
 * - a step gives RCT_ROW, RCT_DONE, or RCT_ERROR with the GError set;
 * - reset goes back to the start and keeps the bindings; clear_bindings
 *   sets every parameter to NULL.
 *
 * A backend fills an RctStmtClass and puts an RctStmt first in its own
 * statement struct. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The values are SQLite's, so the two can be compared while code moves. */
#define RCT_ROW    100
#define RCT_DONE   101
#define RCT_ERROR  1

typedef enum
{
  RCT_VALUE_INTEGER = 1,
  RCT_VALUE_FLOAT   = 2,
  RCT_VALUE_TEXT    = 3,
  RCT_VALUE_BLOB    = 4,
  RCT_VALUE_NULL    = 5,
} RctValueType;

typedef struct _RctStmt      RctStmt;
typedef struct _RctStmtClass RctStmtClass;

struct _RctStmtClass
{
  const char   *backend;   /* "sqlite" or "postgresql" */

  void          (*bind_int64)     (RctStmt *stmt, int index, gint64 value);
  void          (*bind_double)    (RctStmt *stmt, int index, double value);
  void          (*bind_text)      (RctStmt *stmt, int index, const char *text); /* NULL binds NULL */
  void          (*bind_blob)      (RctStmt *stmt, int index, gconstpointer data, gsize size);
  void          (*bind_null)      (RctStmt *stmt, int index);
  void          (*clear_bindings) (RctStmt *stmt);

  int           (*step)           (RctStmt *stmt, GError **error);
  void          (*reset)          (RctStmt *stmt);

  int           (*column_count)   (RctStmt *stmt);
  const char   *(*column_name)    (RctStmt *stmt, int column);
  RctValueType  (*column_type)    (RctStmt *stmt, int column);
  gint64        (*column_int64)   (RctStmt *stmt, int column);
  double        (*column_double)  (RctStmt *stmt, int column);
  const char   *(*column_text)    (RctStmt *stmt, int column);
  gconstpointer (*column_blob)    (RctStmt *stmt, int column, gsize *size);

  const char   *(*sql)            (RctStmt *stmt);
  void          (*finalize)       (RctStmt *stmt);

  /* May be NULL. The SQL with the values bound now written in (g_free()
   * it), for a benchmark to hand the very same query to the backend's own
   * shell (rct_store_dup_ids_sql()). */
  char         *(*expanded_sql)   (RctStmt *stmt);
};

struct _RctStmt
{
  const RctStmtClass *klass;
};

static inline void
rct_stmt_bind_int64 (RctStmt *stmt, int index, gint64 value)
{
  stmt->klass->bind_int64 (stmt, index, value);
}

static inline void
rct_stmt_bind_double (RctStmt *stmt, int index, double value)
{
  stmt->klass->bind_double (stmt, index, value);
}

static inline void
rct_stmt_bind_text (RctStmt *stmt, int index, const char *text)
{
  stmt->klass->bind_text (stmt, index, text);
}

static inline void
rct_stmt_bind_blob (RctStmt *stmt, int index, gconstpointer data, gsize size)
{
  stmt->klass->bind_blob (stmt, index, data, size);
}

static inline void
rct_stmt_bind_null (RctStmt *stmt, int index)
{
  stmt->klass->bind_null (stmt, index);
}

static inline void
rct_stmt_clear_bindings (RctStmt *stmt)
{
  stmt->klass->clear_bindings (stmt);
}

static inline void
rct_stmt_reset (RctStmt *stmt)
{
  stmt->klass->reset (stmt);
}

static inline int
rct_stmt_column_count (RctStmt *stmt)
{
  return stmt->klass->column_count (stmt);
}

static inline const char *
rct_stmt_column_name (RctStmt *stmt, int column)
{
  return stmt->klass->column_name (stmt, column);
}

static inline RctValueType
rct_stmt_column_type (RctStmt *stmt, int column)
{
  return stmt->klass->column_type (stmt, column);
}

static inline gint64
rct_stmt_column_int64 (RctStmt *stmt, int column)
{
  return stmt->klass->column_int64 (stmt, column);
}

static inline int
rct_stmt_column_int (RctStmt *stmt, int column)
{
  return (int) stmt->klass->column_int64 (stmt, column);
}

static inline double
rct_stmt_column_double (RctStmt *stmt, int column)
{
  return stmt->klass->column_double (stmt, column);
}

static inline const char *
rct_stmt_column_text (RctStmt *stmt, int column)
{
  return stmt->klass->column_text (stmt, column);
}

static inline gconstpointer
rct_stmt_column_blob (RctStmt *stmt, int column, gsize *size)
{
  return stmt->klass->column_blob (stmt, column, size);
}

static inline const char *
rct_stmt_sql (RctStmt *stmt)
{
  return stmt->klass->sql (stmt);
}

static inline char *
rct_stmt_dup_expanded_sql (RctStmt *stmt)
{
  return stmt->klass->expanded_sql != NULL ? stmt->klass->expanded_sql (stmt) : NULL;
}

static inline void
rct_stmt_finalize (RctStmt *stmt)
{
  if (stmt != NULL)
    stmt->klass->finalize (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctStmt, rct_stmt_finalize)

G_END_DECLS
