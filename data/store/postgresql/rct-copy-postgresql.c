/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-postgresql"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rct-postgresql-private.h"
#include "rct-store.h"

/* A whole ledger written into the server (rectify-cli copy-ledger): each
 * table's rows go by COPY … FROM STDIN in PostgreSQL's text format, many
 * rows to a message, instead of one INSERT and one round trip a row
 * (37,425 rows took 7.7 s that way; a million problems would take an
 * hour). The running totals are counted once at the end, from the copied
 * rows, with the same functions the triggers use: their triggers, an
 * upsert of the same few rows for each problem, are off for the copy
 * (ALTER TABLE … DISABLE TRIGGER, undone by the copy's own rollback or
 * turned on again before its commit). So are the indexes that are no
 * constraint (the lists' orders, the trigram indexes of the search): they
 * are made again after the last row, each from its own definition as the
 * server gives it, sorted once instead of written into row by row, which
 * took 27 s of the 29 s of 100,000 problems. The keys and the unique
 * indexes stay and check every row as it comes. All of this needs the
 * tables' owner, who ran `server init`: another login is told so before
 * anything is written (the copy sets the next ids, which the office's
 * roles may not, and COPY goes past the row-level rule on closing). */

/* Rows are sent when this much is waiting. */
#define COPY_CHUNK (256 * 1024)

struct _RctPgCopy
{
  RctPgConn *conn;
  GString   *buffer;
  int        n_columns;
  char      *table;       /* the table being copied now */
  GPtrArray *indexes;     /* the definitions of the indexes dropped */
};

/* The indexes of the ledger's tables that no constraint needs and no key
 * depends on: all but the unique ones, and none of the running totals'. */
static const char indexes_sql[] =
  "SELECT i.indexrelid::regclass::text, pg_get_indexdef (i.indexrelid)"
  " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
  " WHERE c.relnamespace = current_schema ()::regnamespace AND c.relkind = 'r'"
  " AND c.relname NOT LIKE 'total\\_%' AND NOT i.indisunique AND NOT i.indisprimary"
  " ORDER BY 1";

/* The insert triggers of the running totals (schema.sql). */
static const char *const totals_triggers[][2] = {
  { "problem", "problem_total_insert" },
  { "task", "task_total_insert" },
  { "feedback", "feedback_total_insert" },
};

/* The running totals of every row there, as the triggers count them. */
static const char totals_sql[] =
  "DELETE FROM total_problem; DELETE FROM total_open; DELETE FROM total_task;"
  " DELETE FROM total_feedback; DELETE FROM total_feedback_due;"
  "INSERT INTO total_problem (unit_id, source, status, n, on_time, days)"
  " SELECT unit_id, source, status, count(*), sum (rct_total_on_time (status, closed_date, deadline)),"
  " sum (rct_total_days (status, found_date, closed_date)) FROM problem GROUP BY unit_id, source, status;"
  "INSERT INTO total_open (unit_id, deadline, n) SELECT unit_id, deadline, count(*) FROM problem"
  " WHERE status <> 'closed' GROUP BY unit_id, deadline;"
  "INSERT INTO total_task (group_id, n, done) SELECT group_id, count(*),"
  " sum (CASE WHEN status = 'done' THEN 1 ELSE 0 END) FROM task GROUP BY group_id;"
  "INSERT INTO total_feedback (id, n, replied, rated, satisfied)"
  " SELECT 1, count(*), sum (CASE WHEN reply_date IS NOT NULL THEN 1 ELSE 0 END),"
  " sum (CASE WHEN reply_date IS NOT NULL AND satisfaction IS NOT NULL THEN 1 ELSE 0 END),"
  " sum (CASE WHEN reply_date IS NOT NULL AND satisfaction IN ('satisfied', 'basically-satisfied')"
  "   THEN 1 ELSE 0 END)"
  " FROM feedback HAVING count(*) > 0;"
  "INSERT INTO total_feedback_due (reply_due, n) SELECT reply_due, count(*) FROM feedback"
  " WHERE reply_date IS NULL AND reply_due IS NOT NULL GROUP BY reply_due;";

/**
 * _rct_pg_copy_new:
 *
 * Starts a copy into @conn, inside its transaction: the totals' insert
 * triggers are turned off when this login may (it owns the tables, as the
 * one who ran `server init` does); otherwise they stay on and count each
 * row as it comes.
 *
 * Returns: (transfer full):
 */
RctPgCopy *
_rct_pg_copy_new (RctPgConn  *conn,
                  GError    **error)
{
  g_autoptr(GString) sql = g_string_new ("SAVEPOINT rct_copy;");
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  PGresult *result;
  RctPgCopy *self;

  if (!_rct_pg_conn_release (conn, error))
    return NULL;
  result = PQexec (_rct_pg_conn_get (conn), indexes_sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      _rct_pg_set_error (_rct_pg_conn_get (conn), result, error);
      PQclear (result);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (totals_triggers); i++)
    g_string_append_printf (sql, "ALTER TABLE %s DISABLE TRIGGER %s;", totals_triggers[i][0], totals_triggers[i][1]);
  for (int r = 0; r < PQntuples (result); r++)
    {
      g_string_append_printf (sql, "DROP INDEX %s;", PQgetvalue (result, r, 0));
      g_ptr_array_add (indexes, g_strdup (PQgetvalue (result, r, 1)));
    }
  PQclear (result);
  g_string_append (sql, "RELEASE SAVEPOINT rct_copy");

  if (!_rct_pg_conn_exec (conn, sql->str, &local_error))
    {
      _rct_pg_conn_exec (conn, "ROLLBACK TO SAVEPOINT rct_copy; RELEASE SAVEPOINT rct_copy", NULL);
      if (g_error_matches (local_error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY))
        g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY,
                             _("Only the login that set up the ledger on the server (rectify-cli server init) "
                               "may copy a ledger into it: nothing was copied."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self = g_new0 (RctPgCopy, 1);
  self->conn = _rct_pg_conn_ref (conn);
  self->buffer = g_string_sized_new (COPY_CHUNK + 4096);
  self->indexes = g_steal_pointer (&indexes);
  return self;
}

void
_rct_pg_copy_free (RctPgCopy *self)
{
  if (self == NULL)
    return;
  g_string_free (self->buffer, TRUE);
  g_clear_pointer (&self->indexes, g_ptr_array_unref);
  g_free (self->table);
  _rct_pg_conn_unref (self->conn);
  g_free (self);
}

/* Names from our own schema, read back by the caller: quoted as they are. */
gboolean
_rct_pg_copy_rows_begin (RctPgCopy          *self,
                         const char         *table,
                         const char *const  *columns,
                         int                 n_columns,
                         GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  PGconn *conn;
  PGresult *result;
  gboolean ok;

  if (!_rct_pg_conn_release (self->conn, error))
    return FALSE;
  conn = _rct_pg_conn_get (self->conn);
  g_string_append_printf (sql, "COPY %s (", table);
  for (int c = 0; c < n_columns; c++)
    g_string_append_printf (sql, "%s\"%s\"", c > 0 ? ", " : "", columns[c]);
  g_string_append (sql, ") FROM STDIN");

  result = PQexec (conn, sql->str);
  ok = PQresultStatus (result) == PGRES_COPY_IN;
  if (!ok)
    _rct_pg_set_error (conn, result, error);
  PQclear (result);
  self->n_columns = n_columns;
  g_free (self->table);
  self->table = g_strdup (table);
  g_string_truncate (self->buffer, 0);
  return ok;
}

/* Text in COPY's text format: its backslashes and the characters that
 * end a value or a row escaped. */
static void
append_text (GString    *out,
             const char *text,
             gsize       size)
{
  for (gsize i = 0; i < size; i++)
    switch (text[i])
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, text[i]); break;
      }
}

static gboolean
send_buffer (RctPgCopy  *self,
             GError    **error)
{
  PGconn *conn = _rct_pg_conn_get (self->conn);

  if (self->buffer->len == 0)
    return TRUE;
  if (conn == NULL || PQputCopyData (conn, self->buffer->str, (int) self->buffer->len) != 1)
    {
      _rct_pg_set_error (conn, NULL, error);
      return FALSE;
    }
  g_string_truncate (self->buffer, 0);
  return TRUE;
}

/* One row: @row's current values, typed as read, in the columns' order. */
gboolean
_rct_pg_copy_row (RctPgCopy  *self,
                  RctStmt    *row,
                  GError    **error)
{
  static const char hex[] = "0123456789abcdef";
  GString *out = self->buffer;

  for (int c = 0; c < self->n_columns; c++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      const guchar *data;
      gsize size = 0;

      if (c > 0)
        g_string_append_c (out, '\t');
      switch (rct_stmt_column_type (row, c))
        {
        case RCT_VALUE_INTEGER:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, rct_stmt_column_int64 (row, c));
          break;
        case RCT_VALUE_FLOAT:
          g_string_append (out, g_ascii_formatd (number, sizeof number, "%.17g", rct_stmt_column_double (row, c)));
          break;
        case RCT_VALUE_TEXT:
          data = rct_stmt_column_blob (row, c, &size);
          append_text (out, (const char *) data, size);
          break;
        case RCT_VALUE_BLOB:
          /* bytea's hex input, its backslash escaped for COPY. */
          data = rct_stmt_column_blob (row, c, &size);
          g_string_append (out, "\\\\x");
          for (gsize i = 0; i < size; i++)
            {
              g_string_append_c (out, hex[data[i] >> 4]);
              g_string_append_c (out, hex[data[i] & 0xf]);
            }
          break;
        case RCT_VALUE_NULL:
        default:
          g_string_append (out, "\\N");
          break;
        }
    }
  g_string_append_c (out, '\n');
  return out->len < COPY_CHUNK || send_buffer (self, error);
}

/* The rows sent ended, and the server's answer read; or, when !@ok, the
 * copy abandoned (the caller rolls back). */
gboolean
_rct_pg_copy_rows_end (RctPgCopy  *self,
                       gboolean    ok,
                       GError    **error)
{
  PGconn *conn = _rct_pg_conn_get (self->conn);
  PGresult *result;

  if (conn == NULL)
    return _rct_pg_conn_release (self->conn, error);
  if (ok)
    ok = send_buffer (self, error);
  g_string_truncate (self->buffer, 0);
  if (PQputCopyEnd (conn, ok ? NULL : "the copy was abandoned") != 1)
    {
      if (ok)
        _rct_pg_set_error (conn, NULL, error);
      ok = FALSE;
    }
  while ((result = PQgetResult (conn)) != NULL)
    {
      if (PQresultStatus (result) != PGRES_COMMAND_OK && ok)
        {
          const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);

          /* A key, a reference or a check of the server's schema that a
           * row of the file does not meet: which table, in the server's
           * words. */
          if (state != NULL && g_str_has_prefix (state, "23"))
            {
              g_autofree char *detail = g_strdup (PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));

              g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           /* Translators: the first %s is a table of the ledger, the second the server's words */
                           _("The server refused a row of %s in the ledger to copy (%s): nothing was copied."),
                           self->table, detail != NULL ? g_strstrip (detail) : "");
            }
          else
            _rct_pg_set_error (conn, result, error);
          ok = FALSE;
        }
      PQclear (result);
    }
  return ok;
}

/* After the last table: the indexes made again, sorted in memory of the
 * server's maintenance_work_mem (for this transaction only), the running
 * totals counted once, their triggers on again. */
gboolean
_rct_pg_copy_finish (RctPgCopy  *self,
                     GError    **error)
{
  g_autoptr(GString) sql = g_string_new ("SET LOCAL maintenance_work_mem = '256MB';");

  for (guint i = 0; i < self->indexes->len; i++)
    g_string_append_printf (sql, "%s;", (const char *) g_ptr_array_index (self->indexes, i));
  g_string_append (sql, totals_sql);
  for (guint i = 0; i < G_N_ELEMENTS (totals_triggers); i++)
    g_string_append_printf (sql, "ALTER TABLE %s ENABLE TRIGGER %s;", totals_triggers[i][0], totals_triggers[i][1]);
  return _rct_pg_conn_exec (self->conn, sql->str, error);
}
