/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rct-store-backend.h"
#include "rct-store-copy.h"
#include "rct-store-private.h"

/* A ledger copied whole from one store to another (rectify-cli
 * copy-ledger): a file to the office's server, back, or file to file.
 *
 * Every table of the records, the journal and the ledger's own rows is
 * copied row by row with its ids, parents first, by the destination's own
 * bulk way where it has one (the server: COPY, many rows a message) and
 * otherwise one INSERT a row; the running totals are not copied but kept
 * by the destination (its triggers as the rows arrive, or, on the server,
 * counted once after the last row).
 * The destination must hold no records. Before the commit, each table's
 * rows are counted and the content of both ledgers is summed the same way
 * (SHA-256 over every value, typed, in key order, columns by name): any
 * difference rolls the copy back. */

typedef struct
{
  const char *table;
  const char *cols;   /* the key it is read in order of */
} CopyTable;

/* Parents before the records that refer to them. */
static const CopyTable copy_tables[] = {
  { "ledger", "id" },
  { "organisation", "id" },
  { "campaign", "id" },
  { "phase", "id" },
  { "unit", "id" },
  { "person", "id" },
  { "working_group", "id" },
  { "working_group_member", "id" },
  { "task", "id" },
  { "task_progress", "id" },
  { "problem", "id" },
  { "measure", "id" },
  { "extension", "id" },
  { "evidence", "id" },
  { "supervisor", "id" },
  { "feedback", "id" },
  { "journal", "id" },
  { "officer", "id" },
  { "course", "id" },
  { "enrolment", "id" },
  { "activity_series", "id" },
  { "activity_entry", "id" },
  { "report_series", "series, year" },
  { "report_issue", "id" },
  { "accountability", "id" },
  { "accountability_problem", "id" },
  { "visit", "id" },
  { "visit_unit", "id" },
  { "visit_problem", "id" },
  { "trusted_certificate", "id" },
  { "key_rotation", "id" },
  { "merge_conflict", "id" },
  { "merge_pending", "id" },
  { "exchange_sent", "serial" },
  { "exchange_peer", "organisation_uuid" },
};

/* What a new ledger already has: its identity and its own organisation,
 * both replaced by the copied ledger's. */
static gboolean
table_made_with_ledger (const CopyTable *t)
{
  return g_str_equal (t->table, "ledger") || g_str_equal (t->table, "organisation");
}

void
rct_store_copy_result_clear (RctStoreCopyResult *result)
{
  g_clear_pointer (&result->checksum, g_free);
}

/* A column's name as read back from our own schema: plain letters, digits
 * and underscores, so it can be written into SQL quoted. */
static gboolean
is_plain_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;
  return TRUE;
}

/* Column indexes of @stmt in the order of their names. */
static GArray *
columns_by_name (RctStmt *stmt)
{
  int n = rct_stmt_column_count (stmt);
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (int), n);

  for (int i = 0; i < n; i++)
    {
      guint at = 0;

      while (at < order->len &&
             strcmp (rct_stmt_column_name (stmt, g_array_index (order, int, at)), rct_stmt_column_name (stmt, i)) < 0)
        at++;
      g_array_insert_val (order, at, i);
    }
  return order;
}

static void
checksum_value (GChecksum *sum,
                RctStmt   *stmt,
                int        column)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];
  gconstpointer data;
  gsize size = 0;

  switch (rct_stmt_column_type (stmt, column))
    {
    case RCT_VALUE_INTEGER:
      g_snprintf (buffer, sizeof buffer, "I%" G_GINT64_FORMAT ";", rct_stmt_column_int64 (stmt, column));
      g_checksum_update (sum, (const guchar *) buffer, -1);
      break;
    case RCT_VALUE_FLOAT:
      g_checksum_update (sum, (const guchar *) "F", 1);
      g_ascii_formatd (buffer, sizeof buffer, "%.17g", rct_stmt_column_double (stmt, column));
      g_checksum_update (sum, (const guchar *) buffer, -1);
      g_checksum_update (sum, (const guchar *) ";", 1);
      break;
    case RCT_VALUE_TEXT:
    case RCT_VALUE_BLOB:
      /* Text and bytes alike: their bytes, with their length. */
      data = rct_stmt_column_blob (stmt, column, &size);
      g_snprintf (buffer, sizeof buffer, "B%" G_GSIZE_FORMAT ":", size);
      g_checksum_update (sum, (const guchar *) buffer, -1);
      if (size > 0)
        g_checksum_update (sum, data, size);
      g_checksum_update (sum, (const guchar *) ";", 1);
      break;
    case RCT_VALUE_NULL:
    default:
      g_checksum_update (sum, (const guchar *) "N;", 2);
      break;
    }
}

/**
 * rct_store_dup_content_checksum:
 * @out_counts: (nullable): filled with each table's rows (name → gint64 *)
 *
 * Returns: (transfer full) (nullable): the SHA-256 of every copied table's
 *   content, computed the same way whatever holds the ledger
 */
char *
rct_store_dup_content_checksum (RctStore    *self,
                                GHashTable  *out_counts,
                                GError     **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      const CopyTable *t = &copy_tables[i];
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY %s", t->table, t->cols);
      g_autoptr(RctStmt) stmt = _rct_store_prepare_uncached (self, sql, error);
      g_autoptr(GArray) order = NULL;
      gint64 rows = 0;
      char count[64];
      int rc;

      if (stmt == NULL)
        return NULL;
      g_checksum_update (sum, (const guchar *) t->table, -1);
      while ((rc = _rct_store_step (self, stmt, error)) == RCT_ROW)
        {
          if (order == NULL)
            order = columns_by_name (stmt);
          for (guint c = 0; c < order->len; c++)
            checksum_value (sum, stmt, g_array_index (order, int, c));
          rows++;
        }
      if (rc != RCT_DONE)
        return NULL;
      g_snprintf (count, sizeof count, "#%" G_GINT64_FORMAT "\n", rows);
      g_checksum_update (sum, (const guchar *) count, -1);
      if (out_counts != NULL)
        g_hash_table_insert (out_counts, (gpointer) t->table, g_memdup2 (&rows, sizeof rows));
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* Whether @self holds anything a copy would overwrite. */
static gboolean
holds_records (RctStore  *self,
               gboolean  *out_holds,
               GError   **error)
{
  *out_holds = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      const CopyTable *t = &copy_tables[i];
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", t->table);
      int count = 0;

      if (!_rct_store_query_int (self, sql, &count, error))
        return FALSE;
      if (count > (table_made_with_ledger (t) ? 1 : 0))
        {
          *out_holds = TRUE;
          return TRUE;
        }
    }
  return TRUE;
}

static void
bind_value (RctStmt *insert,
            int      index,
            RctStmt *row,
            int      column)
{
  gconstpointer data;
  gsize size = 0;

  switch (rct_stmt_column_type (row, column))
    {
    case RCT_VALUE_INTEGER:
      rct_stmt_bind_int64 (insert, index, rct_stmt_column_int64 (row, column));
      break;
    case RCT_VALUE_FLOAT:
      rct_stmt_bind_double (insert, index, rct_stmt_column_double (row, column));
      break;
    case RCT_VALUE_TEXT:
      rct_stmt_bind_text (insert, index, rct_stmt_column_text (row, column));
      break;
    case RCT_VALUE_BLOB:
      data = rct_stmt_column_blob (row, column, &size);
      rct_stmt_bind_blob (insert, index, data, size);
      break;
    case RCT_VALUE_NULL:
    default:
      rct_stmt_bind_null (insert, index);
      break;
    }
}

/* The columns of @rows as names plain enough to be written into SQL. */
static gboolean
check_columns (RctStmt          *rows,
               const CopyTable  *t,
               GError          **error)
{
  for (int c = 0; c < rct_stmt_column_count (rows); c++)
    if (!is_plain_name (rct_stmt_column_name (rows, c)))
      {
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                     _("The ledger to copy has a column Rectify does not know in %s: nothing was copied."),
                     t->table);
        return FALSE;
      }
  return TRUE;
}

static RctStmt *
prepare_insert (RctStore         *to,
                RctStmt          *rows,
                const CopyTable  *t,
                GError          **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  int n = rct_stmt_column_count (rows);

  g_string_append_printf (sql, "INSERT INTO %s (", t->table);
  /* Quoted: "full" is a reserved word of PostgreSQL. */
  for (int c = 0; c < n; c++)
    g_string_append_printf (sql, "%s\"%s\"", c > 0 ? ", " : "", rct_stmt_column_name (rows, c));
  g_string_append (sql, ") VALUES (");
  for (int c = 0; c < n; c++)
    g_string_append (sql, c > 0 ? ", ?" : "?");
  g_string_append (sql, ")");
  return _rct_store_prepare_uncached (to, sql->str, error);
}

/* The backend's own way of taking many rows (the server: COPY), for the
 * columns of @rows. */
static gboolean
begin_rows (RctStore         *to,
            RctStmt          *rows,
            const CopyTable  *t,
            GError          **error)
{
  int n = rct_stmt_column_count (rows);
  g_autofree const char **columns = g_new0 (const char *, n + 1);

  for (int c = 0; c < n; c++)
    columns[c] = rct_stmt_column_name (rows, c);
  return to->backend->copy_rows_begin (to, t->table, columns, n, error);
}

/* One table's rows: by the backend's bulk way when @by_rows, else one
 * INSERT a row. */
static gboolean
copy_table (RctStore         *from,
            RctStore         *to,
            const CopyTable  *t,
            gboolean          by_rows,
            gint64           *out_rows,
            GError          **error)
{
  g_autofree char *select_sql = g_strdup_printf ("SELECT * FROM %s ORDER BY %s", t->table, t->cols);
  g_autoptr(RctStmt) rows = _rct_store_prepare_uncached (from, select_sql, error);
  g_autoptr(RctStmt) insert = NULL;
  gboolean started = FALSE;
  gboolean ok = TRUE;
  int rc = RCT_DONE;

  if (rows == NULL)
    return FALSE;
  if (table_made_with_ledger (t))
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", t->table);

      if (!_rct_store_exec (to, sql, error))
        return FALSE;
    }

  while (ok && (rc = _rct_store_step (from, rows, error)) == RCT_ROW)
    {
      if (!started)
        {
          started = TRUE;
          if (!check_columns (rows, t, error))
            return FALSE;
          if (by_rows)
            {
              if (!begin_rows (to, rows, t, error))
                return FALSE;
            }
          else if ((insert = prepare_insert (to, rows, t, error)) == NULL)
            return FALSE;
        }
      if (by_rows)
        ok = to->backend->copy_row (to, rows, error);
      else
        {
          rct_stmt_reset (insert);
          for (int c = 0; c < rct_stmt_column_count (rows); c++)
            bind_value (insert, c + 1, rows, c);
          ok = _rct_store_step_done (to, insert, error);
        }
      if (ok)
        (*out_rows)++;
    }
  ok = ok && rc == RCT_DONE;
  if (started && by_rows)
    ok = to->backend->copy_rows_end (to, ok, ok ? error : NULL) && ok;
  return ok;
}

/* Both ledgers counted and summed alike; any difference is an error. */
static char *
verify_copy (RctStore  *from,
             RctStore  *to,
             GError   **error)
{
  g_autoptr(GHashTable) from_counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) to_counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *from_sum = rct_store_dup_content_checksum (from, from_counts, error);
  g_autofree char *to_sum = NULL;

  if (from_sum == NULL)
    return NULL;
  to_sum = rct_store_dup_content_checksum (to, to_counts, error);
  if (to_sum == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      const char *table = copy_tables[i].table;
      gint64 *a = g_hash_table_lookup (from_counts, table);
      gint64 *b = g_hash_table_lookup (to_counts, table);

      if (*a != *b)
        {
          g_autofree char *copied = g_strdup_printf ("%" G_GINT64_FORMAT, *b);
          g_autofree char *there = g_strdup_printf ("%" G_GINT64_FORMAT, *a);

          /* Translators: the first %s is a table of the ledger, the others counts of its rows */
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                       _("The copy does not match the ledger (%s: %s rows copied of %s): nothing was copied."),
                       table, copied, there);
          return NULL;
        }
    }
  if (!g_str_equal (from_sum, to_sum))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                           _("The copy does not match the ledger (its content differs): nothing was copied."));
      return NULL;
    }
  return g_steal_pointer (&from_sum);
}

/**
 * rct_store_copy:
 * @from: the ledger to copy (read-only is enough)
 * @to: a new or empty ledger: a file or the office's server
 *
 * Copies every record, the journal and the ledger's identity from @from
 * into @to in one transaction of @to, and commits only when both hold
 * the same rows and the same content.
 */
gboolean
rct_store_copy (RctStore           *from,
                RctStore           *to,
                RctStoreCopyResult *out_result,
                GError            **error)
{
  g_autofree char *checksum = NULL;
  gboolean holds = FALSE;
  gboolean by_rows = FALSE;
  gint64 rows = 0;

  g_return_val_if_fail (RCT_IS_STORE (from) && RCT_IS_STORE (to), FALSE);
  if (out_result != NULL)
    memset (out_result, 0, sizeof *out_result);

  if (!holds_records (to, &holds, error))
    return FALSE;
  if (holds)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The destination ledger already holds records; a ledger is copied only into a new or "
                             "empty one. Nothing was copied."));
      return FALSE;
    }
  if (g_strcmp0 (rct_store_get_identity (from), rct_store_get_identity (to)) == 0)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The two ledgers are the same ledger: nothing was copied."));
      return FALSE;
    }

  if (!rct_store_begin (to, error) || !rct_store_bulk_begin (to, error))
    return FALSE;
  by_rows = to->backend->copy_begin != NULL;
  if (by_rows && !to->backend->copy_begin (to, error))
    {
      rct_store_rollback (to);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    if (!copy_table (from, to, &copy_tables[i], by_rows, &rows, error))
      {
        rct_store_rollback (to);
        return FALSE;
      }
  /* What the backend left to the end (the server: the running totals;
   * the ids came with the rows, and its next ones follow them). */
  if (to->backend->copy_finish != NULL && !to->backend->copy_finish (to, error))
    {
      rct_store_rollback (to);
      return FALSE;
    }
  checksum = verify_copy (from, to, error);
  if (checksum == NULL || !rct_store_commit (to, error))
    {
      rct_store_rollback (to);
      return FALSE;
    }

  if (out_result != NULL)
    {
      out_result->tables = G_N_ELEMENTS (copy_tables);
      out_result->rows = rows;
      out_result->checksum = g_steal_pointer (&checksum);
    }
  return TRUE;
}

static void
remove_ledger_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

gboolean
_rct_store_copy_to_file (RctStore    *from,
                         const char  *dest_path,
                         GError     **error)
{
  g_autofree char *partial = g_strconcat (dest_path, ".partial", NULL);
  g_autoptr(RctStore) to = NULL;
  gboolean ok;

  remove_ledger_files (partial);
  to = rct_store_open (partial, RCT_STORE_OPEN_CREATE, error);
  if (to == NULL)
    return FALSE;
  ok = rct_store_copy (from, to, NULL, error);
  rct_store_close (to);
  if (ok && g_rename (partial, dest_path) != 0)
    {
      int saved = errno;

      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                   _("The copy could not be put in place as “%s” (%s)."), dest_path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    remove_ledger_files (partial);
  return ok;
}
