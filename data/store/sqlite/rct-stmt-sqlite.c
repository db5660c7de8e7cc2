/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>

#include "rct-sqlite-private.h"
#include "rct-store.h"

/* RctStmt for a SQLite file: the RctStmt first, the sqlite3_stmt beside
 * it. Each of rct-stmt.h's inline calls is one indirect call into one of
 * these, which is one call of SQLite's own: the shapes are the same. */

typedef struct
{
  RctStmt       parent;
  sqlite3      *db;
  sqlite3_stmt *stmt;
} RctSqliteStmt;

#define SQLITE_STMT(s) (((RctSqliteStmt *) (s))->stmt)

static void
sqlite_bind_int64 (RctStmt *stmt,
                   int      index,
                   gint64   value)
{
  sqlite3_bind_int64 (SQLITE_STMT (stmt), index, value);
}

static void
sqlite_bind_double (RctStmt *stmt,
                    int      index,
                    double   value)
{
  sqlite3_bind_double (SQLITE_STMT (stmt), index, value);
}

static void
sqlite_bind_text (RctStmt    *stmt,
                  int         index,
                  const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (SQLITE_STMT (stmt), index);
  else
    sqlite3_bind_text (SQLITE_STMT (stmt), index, text, -1, SQLITE_TRANSIENT);
}

static void
sqlite_bind_blob (RctStmt       *stmt,
                  int            index,
                  gconstpointer  data,
                  gsize          size)
{
  /* An empty blob is a blob, not NULL. */
  sqlite3_bind_blob64 (SQLITE_STMT (stmt), index, size > 0 ? data : "", size, SQLITE_TRANSIENT);
}

static void
sqlite_bind_null (RctStmt *stmt,
                  int      index)
{
  sqlite3_bind_null (SQLITE_STMT (stmt), index);
}

static void
sqlite_clear_bindings (RctStmt *stmt)
{
  sqlite3_clear_bindings (SQLITE_STMT (stmt));
}

static int
sqlite_step (RctStmt  *stmt,
             GError  **error)
{
  RctSqliteStmt *self = (RctSqliteStmt *) stmt;
  int rc = sqlite3_step (self->stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  if (error == NULL)
    g_warning ("A statement of the ledger failed: %s (%s)", sqlite3_errmsg (self->db), sqlite3_sql (self->stmt));
  _rct_sqlite_set_error (self->db, sqlite3_extended_errcode (self->db), error);
  sqlite3_reset (self->stmt);
  return RCT_ERROR;
}

static void
sqlite_reset (RctStmt *stmt)
{
  sqlite3_reset (SQLITE_STMT (stmt));
}

static int
sqlite_column_count (RctStmt *stmt)
{
  return sqlite3_column_count (SQLITE_STMT (stmt));
}

static const char *
sqlite_column_name (RctStmt *stmt,
                    int      column)
{
  return sqlite3_column_name (SQLITE_STMT (stmt), column);
}

static RctValueType
sqlite_column_type (RctStmt *stmt,
                    int      column)
{
  /* The values of RctValueType are SQLite's. */
  return (RctValueType) sqlite3_column_type (SQLITE_STMT (stmt), column);
}

static gint64
sqlite_column_int64 (RctStmt *stmt,
                     int      column)
{
  return sqlite3_column_int64 (SQLITE_STMT (stmt), column);
}

static double
sqlite_column_double (RctStmt *stmt,
                      int      column)
{
  return sqlite3_column_double (SQLITE_STMT (stmt), column);
}

static const char *
sqlite_column_text (RctStmt *stmt,
                    int      column)
{
  return (const char *) sqlite3_column_text (SQLITE_STMT (stmt), column);
}

static gconstpointer
sqlite_column_blob (RctStmt *stmt,
                    int      column,
                    gsize   *size)
{
  gconstpointer data = sqlite3_column_blob (SQLITE_STMT (stmt), column);

  if (size != NULL)
    *size = (gsize) sqlite3_column_bytes (SQLITE_STMT (stmt), column);
  return data;
}

static const char *
sqlite_sql (RctStmt *stmt)
{
  return sqlite3_sql (SQLITE_STMT (stmt));
}

static char *
sqlite_expanded_sql (RctStmt *stmt)
{
  char *expanded = sqlite3_expanded_sql (SQLITE_STMT (stmt));
  char *sql = g_strdup (expanded);

  sqlite3_free (expanded);
  return sql;
}

static void
sqlite_finalize (RctStmt *stmt)
{
  sqlite3_finalize (SQLITE_STMT (stmt));
  g_free (stmt);
}

/* One sentence for each way SQLite can fail, saying what to do. */
void
_rct_sqlite_set_error (sqlite3  *db,
                       int       rc,
                       GError  **error)
{
  int primary = rc & 0xff;
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                           _("The disk is full: nothing was saved. Free some space and try again."));
      break;
    case SQLITE_READONLY:
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                           _("The ledger file cannot be written (it or its folder is read-only): nothing was saved."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                           _("The ledger is busy with another program: nothing was saved. Try again in a moment."));
      break;
    case SQLITE_IOERR:
      /* A full disk, or a file grown past what the system allows. */
      if (db != NULL && (sqlite3_system_errno (db) == ENOSPC ||
                               sqlite3_system_errno (db) == EFBIG
#ifdef EDQUOT
                               || sqlite3_system_errno (db) == EDQUOT
#endif
                               ))
        {
          g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                               _("The disk is full: nothing was saved. Free some space and try again."));
          break;
        }
      /* SQLite does not always keep the system's reason for a failed write. */
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE)
        {
          g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                               _("The ledger could not be written (the disk may be full): nothing was saved. "
                                 "Free some space and try again."));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SQLITE_CANTOPEN:
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                   _("The ledger file could not be read or written (%s): nothing was saved."), detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED,
                           _("The ledger file is damaged; restore it from a backup."));
      break;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_IN_USE,
                             _("Other records still refer to this one, so it cannot be removed."));
      else if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                             _("A record with this name or number already exists."));
      else
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                     _("The ledger refused the change (%s): nothing was saved."), detail);
      break;
    default:
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                   _("The ledger could not complete the change (%s): nothing was saved."), detail);
      break;
    }
}

static const RctStmtClass sqlite_stmt_class = {
  .backend = "sqlite",
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_blob = sqlite_bind_blob,
  .bind_null = sqlite_bind_null,
  .clear_bindings = sqlite_clear_bindings,
  .step = sqlite_step,
  .reset = sqlite_reset,
  .column_count = sqlite_column_count,
  .column_name = sqlite_column_name,
  .column_type = sqlite_column_type,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .column_blob = sqlite_column_blob,
  .sql = sqlite_sql,
  .finalize = sqlite_finalize,
  .expanded_sql = sqlite_expanded_sql,
};

RctStmt *
_rct_sqlite_stmt_new (sqlite3      *db,
                      sqlite3_stmt *stmt)
{
  RctSqliteStmt *self = g_new0 (RctSqliteStmt, 1);

  self->parent.klass = &sqlite_stmt_class;
  self->db = db;
  self->stmt = stmt;
  return &self->parent;
}

sqlite3_stmt *
_rct_sqlite_stmt_get (RctStmt *stmt)
{
  g_return_val_if_fail (stmt != NULL && stmt->klass == &sqlite_stmt_class, NULL);
  return SQLITE_STMT (stmt);
}
