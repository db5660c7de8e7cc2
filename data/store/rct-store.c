/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#ifdef G_OS_UNIX
#include <glib-unix.h>
#endif

#include "rct-clock.h"
#include "rct-dialect.h"
#include "rct-process.h"
#include "rct-store-backend.h"
#include "rct-store-private.h"

/* RctStore: one ledger, whatever holds it (rct-store-backend.h): a SQLite
 * file (store/sqlite/rct-store-sqlite.c, the default) or the office's
 * PostgreSQL server. The backend connects, checks what it opens and
 * brings its schema to ours; everything else is here, once: the cache of
 * prepared statements, the transactions and savepoints of every write,
 * the journal, the ::changed signal. */

G_DEFINE_FINAL_TYPE (RctStore, rct_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (rct-store-error-quark, rct_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rct_store_finalize (GObject *object)
{
  RctStore *self = RCT_STORE (object);

  rct_store_close (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->operator_name, g_free);
  g_clear_pointer (&self->migration_backup, g_free);
  g_clear_pointer (&self->identity, g_free);
  g_clear_pointer (&self->organisation_uuid, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->import_aliases, g_hash_table_unref);
  g_clear_pointer (&self->import_gates, g_hash_table_unref);
  for (guint k = 0; k < RCT_N_KINDS; k++)
    g_clear_pointer (&self->import_ids[k], g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->trace, g_ptr_array_unref);
  if (self->busy_destroy != NULL)
    self->busy_destroy (self->busy_data);

  G_OBJECT_CLASS (rct_store_parent_class)->finalize (object);
}

static void
rct_store_class_init (RctStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rct_store_finalize;

  /**
   * RctStore::changed:
   * @kind: the RctKind of the records that changed
   *
   * Emitted after a write has been committed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
finalize_statement (gpointer data)
{
  rct_stmt_finalize (data);
}

static void
rct_store_init (RctStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->import_aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->import_gates = g_hash_table_new (NULL, NULL);
  self->bulk_min_rows = RCT_STORE_BULK_MIN_ROWS;
  self->host = rct_process_get_host ();
  self->pid = rct_process_get_id ();
  /* operator_name: the user's name, asked for at the first write (a look
   * into the system's accounts that `rectify-cli stats` never needs). */
}

/**
 * rct_store_default_path:
 *
 * Returns: (transfer full): `<user data dir>/rectify/rectify.db`
 */
char *
rct_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rectify", "rectify.db", NULL);
}

/**
 * _rct_store_prepare:
 *
 * Returns: (transfer none): the statement for @sql, prepared once and kept,
 *   reset with no bindings
 */
RctStmt *
_rct_store_prepare (RctStore    *self,
                    const char  *sql,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  RctStmt *stmt;

  if (self->backend_data == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                           _("The ledger is closed."));
      return NULL;
    }

  if (self->in_busy_wait)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                           _("The ledger is busy with another program: nothing was saved. Try again in a moment."));
      return NULL;
    }
  if (self->interrupt_stopped != NULL && self->interrupt_stopped (self, error))
    return NULL;
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      rct_stmt_reset (stmt);
      rct_stmt_clear_bindings (stmt);
      return stmt;
    }

  stmt = self->backend->prepare (self, sql, &local_error);
  if (stmt == NULL)
    {
      g_critical ("Cannot prepare “%s”: %s", sql, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * _rct_store_prepare_uncached:
 *
 * A statement of its own, for a query that other statements may run
 * beside (one whose rows a callback reads while it asks the store more).
 *
 * Returns: (transfer full): the statement; rct_stmt_finalize() it
 */
RctStmt *
_rct_store_prepare_uncached (RctStore    *self,
                             const char  *sql,
                             GError     **error)
{
  if (self->backend_data == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                           _("The ledger is closed."));
      return NULL;
    }
  return self->backend->prepare (self, sql, error);
}

gboolean
_rct_store_exec (RctStore    *self,
                 const char  *sql,
                 GError     **error)
{
  if (self->in_busy_wait || self->backend_data == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                           _("The ledger is busy with another program: nothing was saved. Try again in a moment."));
      return FALSE;
    }
  return self->backend->exec (self, sql, error);
}

/**
 * _rct_store_step:
 *
 * One step of @stmt, and the only way data/ steps a statement of a store:
 * a result that is neither a row nor the end is an error, never an empty
 * answer. Use as
 *
 *     while ((rc = _rct_store_step (self, stmt, error)) == RCT_ROW)
 *       ...;
 *     if (rc != RCT_DONE)
 *       return FALSE;
 *
 * A caller that has no @error to give still learns of the failure from the
 * result; the log says what it was.
 *
 * Returns: RCT_ROW, RCT_DONE, or else RCT_ERROR, with @error set (one
 *   sentence) and @stmt reset
 */
int
_rct_store_step (RctStore      *self,
                 RctStmt       *stmt,
                 GError       **error)
{
  int rc = stmt->klass->step (stmt, error);

  /* A run of a statement starts at its first step: another statement
   * than the last one stepped, or the same after its end. */
  if (G_UNLIKELY (self->trace != NULL) && (stmt != self->trace_last || self->trace_last_ended))
    {
      char *sql = rct_stmt_dup_expanded_sql (stmt);

      if (sql != NULL)
        g_ptr_array_add (self->trace, sql);
    }
  if (G_UNLIKELY (self->trace != NULL))
    {
      self->trace_last = stmt;
      self->trace_last_ended = rc != RCT_ROW;
    }
  return rc;
}

/**
 * _rct_store_trace_begin:
 *
 * From here on, each run of a statement is noted with its values written
 * in (rct_stmt_dup_expanded_sql()), for a benchmark to hand the same
 * statements to the backend's own shell; _rct_store_trace_end() returns
 * them. A statement reset before its end and run again at once is noted
 * once.
 */
void
_rct_store_trace_begin (RctStore *self)
{
  g_clear_pointer (&self->trace, g_ptr_array_unref);
  self->trace = g_ptr_array_new_with_free_func (g_free);
  self->trace_last = NULL;
  self->trace_last_ended = TRUE;
}

/* Returns: (transfer full): the statements run since _rct_store_trace_begin() */
GPtrArray *
_rct_store_trace_end (RctStore *self)
{
  self->trace_last = NULL;
  return g_steal_pointer (&self->trace);
}

gboolean
_rct_store_step_done (RctStore      *self,
                      RctStmt       *stmt,
                      GError       **error)
{
  int rc = _rct_store_step (self, stmt, error);

  if (rc != RCT_DONE && rc != RCT_ROW)
    return FALSE;
  rct_stmt_reset (stmt);
  return TRUE;
}

/* The id of the row the last INSERT of this connection made. */
gint64
_rct_store_last_insert_id (RctStore *self)
{
  return self->backend->last_insert_id (self);
}

/* How many rows the last INSERT, UPDATE or DELETE changed. */
gint64
_rct_store_changes (RctStore *self)
{
  return self->backend->changes (self);
}

/**
 * _rct_store_dialect:
 *
 * Returns: (transfer none): the backend's text of @which (rct-dialect.h)
 */
const char *
_rct_store_dialect (RctStore   *self,
                    RctDialect  which)
{
  return self->backend->dialect (which);
}

/* A query that always gives a row gave none: the file is not what it
 * should be. Sets @error unless a failed step set it already. */
void
_rct_store_set_no_row_error (RctStore  *self,
                             GError   **error)
{
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED,
                         _("The ledger file is damaged; restore it from a backup."));
}

static gboolean
check_writable (RctStore  *self,
                GError   **error)
{
  if (self->backend_data == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN, _("The ledger is closed."));
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY,
                           _("This ledger is open read-only; nothing can be changed."));
      return FALSE;
    }
  return TRUE;
}

/* Every write runs between these two: the outermost call is a transaction,
 * inner ones are savepoints, so a failed step undoes only itself and a
 * failed bulk import undoes everything. In a bulk (rct_store_bulk_begin()),
 * which is all or nothing, inner writes take no savepoint: a failed one
 * fails the whole transaction instead, and its commit is refused. */
gboolean
_rct_store_write_begin (RctStore  *self,
                        GError   **error)
{
  if (!check_writable (self, error))
    return FALSE;
  /* A read's snapshot may be older than the ledger (SQLite refuses the
   * write then), and the server's read is READ ONLY. */
  g_return_val_if_fail (!self->read_tx, FALSE);
  if (self->tx_depth > 0 && self->bulk)
    {
      self->tx_depth++;
      return TRUE;
    }
  if (!_rct_store_exec (self, self->tx_depth == 0 ? _rct_store_dialect (self, RCT_DIALECT_BEGIN_WRITE)
                                                  : "SAVEPOINT rct_write", error))
    return FALSE;
  if (self->tx_depth == 0)
    self->tx_failed = FALSE;
  self->tx_depth++;
  return TRUE;
}

static void
emit_changed (RctStore *self)
{
  guint kinds = self->changed_kinds;

  self->changed_kinds = 0;
  for (guint i = 0; i < RCT_N_KINDS; i++)
    if (kinds & (1u << i))
      g_signal_emit (self, signals[CHANGED], 0, (int) i);
}

/* After a merge on another connection of this process (a worker): every
 * list may have changed. */
void
_rct_store_emit_changed_all (RctStore *self)
{
  for (guint i = 0; i < RCT_N_KINDS; i++)
    _rct_store_mark_changed (self, i);
  if (self->tx_depth == 0)
    emit_changed (self);
}

gboolean
_rct_store_write_end (RctStore  *self,
                      gboolean   ok,
                      GError   **error)
{
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  self->tx_depth--;
  if (self->tx_depth > 0 && self->bulk)
    {
      if (!ok)
        self->tx_failed = TRUE;
      return ok;
    }
  if (self->tx_depth > 0)
    {
      if (ok)
        return _rct_store_exec (self, "RELEASE rct_write", error);
      _rct_store_exec (self, "ROLLBACK TO rct_write", NULL);
      _rct_store_exec (self, "RELEASE rct_write", NULL);
      return FALSE;
    }

  g_hash_table_remove_all (self->import_aliases);
  g_hash_table_remove_all (self->import_gates);
  for (guint k = 0; k < RCT_N_KINDS; k++)
    g_clear_pointer (&self->import_ids[k], g_hash_table_unref);
  self->bulk_empty_kinds = 0;
  self->bulk_nothing_pending = FALSE;
  if (ok && self->tx_failed)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("A part of the change failed, so none of it was saved."));
      ok = FALSE;
    }
  self->tx_failed = FALSE;
  /* A bulk ends with its transaction: what the backend deferred (the
   * full-text entries of its records) is written before the commit. */
  if (self->bulk)
    {
      self->bulk = FALSE;
      if (_rct_store_bulk_hook != NULL)
        _rct_store_bulk_hook (self, "end");
      /* Cancelled before its commit, a bulk changes nothing: its end,
       * which makes the indexes it set aside, takes seconds. */
      if (ok && self->interrupt_stopped != NULL && self->interrupt_stopped (self, error))
        ok = FALSE;
      if (self->backend->bulk_end != NULL && !self->backend->bulk_end (self, ok, ok ? error : NULL))
        ok = FALSE;
    }
  if (ok && _rct_store_exec (self, "COMMIT", error))
    {
      emit_changed (self);
      return TRUE;
    }
  /* Still open after a refused change or a failed commit (a busy
   * ledger); where the commit ended it, this fails, unheard. */
  _rct_store_exec (self, "ROLLBACK", NULL);
  self->changed_kinds = 0;
  return FALSE;
}

void
_rct_store_mark_changed (RctStore *self,
                         RctKind   kind)
{
  self->changed_kinds |= 1u << kind;
}

gboolean
rct_store_begin (RctStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  return _rct_store_write_begin (self, error);
}

gboolean
rct_store_commit (RctStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  return _rct_store_write_end (self, TRUE, error);
}

void
rct_store_rollback (RctStore *self)
{
  g_return_if_fail (RCT_IS_STORE (self));
  if (self->tx_depth > 0)
    _rct_store_write_end (self, FALSE, NULL);
}

/**
 * rct_store_read_begin:
 *
 * Until the matching rct_store_read_end(), every query of @self reads the
 * ledger as it was at one moment, whatever other connections commit
 * meanwhile: figures made of several queries then agree with each other.
 * It is also cheaper on a file: SQLite takes its read lock once, not once
 * per statement. Calls nest; inside a write transaction (rct_store_begin())
 * they read what it reads and end nothing. No write may begin inside.
 *
 * Returns: %FALSE with @error set when the ledger could not be read
 */
gboolean
rct_store_read_begin (RctStore  *self,
                      GError   **error)
{
  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  if (self->read_depth == 0 && self->tx_depth == 0)
    {
      if (!_rct_store_exec (self, _rct_store_dialect (self, RCT_DIALECT_BEGIN_READ), error))
        return FALSE;
      self->read_tx = TRUE;
    }
  self->read_depth++;
  return TRUE;
}

/**
 * rct_store_read_end:
 *
 * Ends what rct_store_read_begin() began; the outermost call ends the read
 * transaction it began. Nothing was written, so nothing can fail to be
 * saved: a transaction the backend already ended (an error inside) is
 * simply gone.
 */
void
rct_store_read_end (RctStore *self)
{
  g_return_if_fail (RCT_IS_STORE (self));
  g_return_if_fail (self->read_depth > 0);

  self->read_depth--;
  if (self->read_depth == 0 && self->read_tx)
    {
      self->read_tx = FALSE;
      if (self->backend_data != NULL)
        _rct_store_exec (self, "COMMIT", NULL);
    }
}

/**
 * rct_store_bulk_begin:
 *
 * Inside a transaction opened with rct_store_begin(), before many records
 * are written at once (an import): the full-text index of the records made
 * from here on is written once, as rct_store_commit() ends the bulk,
 * instead of at every statement. Records may be made and changed
 * meanwhile, not deleted. A rollback undoes this too.
 */
gboolean
rct_store_bulk_begin (RctStore  *self,
                      GError   **error)
{
  g_autoptr(RctStmt) held = NULL;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);
  if (self->bulk)
    return TRUE;
  if (self->backend->bulk_begin != NULL && !self->backend->bulk_begin (self, error))
    return FALSE;
  self->bulk = TRUE;
  self->bulk_empty_kinds = 0;
  self->bulk_nothing_pending = FALSE;
  /* A file has one writer at a time; on the server another clerk may add
   * records, or keep some waiting, meanwhile. */
  if (self->login != NULL)
    return TRUE;
  /* The kinds a report brings by the hundred thousand: held none, every
   * lookup of one by uuid is answered by what the bulk added. Nothing kept
   * waiting: a record added has nothing to let in (resolve_pending() in
   * rct-store-import.c) until a merge keeps one. */
  held = _rct_store_prepare_uncached (self, "SELECT EXISTS (SELECT 1 FROM problem), EXISTS (SELECT 1 FROM measure),"
                                            " EXISTS (SELECT 1 FROM merge_pending)", error);
  if (held == NULL || _rct_store_step (self, held, error) != RCT_ROW)
    return FALSE;
  if (rct_stmt_column_int (held, 0) == 0)
    self->bulk_empty_kinds |= 1u << RCT_KIND_PROBLEM;
  if (rct_stmt_column_int (held, 1) == 0)
    self->bulk_empty_kinds |= 1u << RCT_KIND_MEASURE;
  self->bulk_nothing_pending = rct_stmt_column_int (held, 2) == 0;
  return TRUE;
}

void (*_rct_store_bulk_hook) (RctStore *self, const char *step) = NULL;

/**
 * _rct_store_bulk_expect:
 * @n_rows: how many records of @kind are coming, as the report declares
 *   them (outside input: a wrong count costs time, never rows, since the
 *   report is refused at its end when its records do not match it)
 *
 * In a bulk, before its records arrive: when they outnumber what the
 * ledger holds, the backend may set aside the indexes and running totals
 * of @kind and make them again, sorted and counted once, as the bulk ends
 * (SQLite: the problem table's indexes that no merge looks up by). Nothing
 * changes outside the bulk's transaction: a rollback undoes it all.
 */
gboolean
_rct_store_bulk_expect (RctStore  *self,
                        RctKind    kind,
                        gint64     n_rows,
                        GError   **error)
{
  if (!self->bulk || self->backend->bulk_expect == NULL || n_rows < self->bulk_min_rows)
    return TRUE;
  if (!self->backend->bulk_expect (self, kind, n_rows, error))
    return FALSE;
  if (_rct_store_bulk_hook != NULL)
    _rct_store_bulk_hook (self, "set-aside");
  return TRUE;
}

/**
 * _rct_store_journal:
 *
 * Writes one journal row: who (the operator), when, which record and
 * field, old and new value, and why. Called inside the write's transaction
 * so the change and its journal land together or not at all.
 */
gboolean
_rct_store_journal (RctStore    *self,
                    RctKind      kind,
                    const char  *record_uuid,
                    const char  *record_label,
                    const char  *field,
                    const char  *old_value,
                    const char  *new_value,
                    const char  *reason,
                    GError     **error)
{
  RctStmt *stmt;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = rct_clock_now ();

  stmt = _rct_store_prepare (self,
                             "INSERT INTO journal (uuid, record_table, record_uuid, record_label, field,"
                             " old_value, new_value, who, at, reason, created_at, updated_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  rct_stmt_bind_text (stmt, 2, rct_kind_to_table (kind));
  rct_stmt_bind_text (stmt, 3, record_uuid);
  rct_stmt_bind_text (stmt, 4, record_label);
  rct_stmt_bind_text (stmt, 5, field);
  rct_stmt_bind_text (stmt, 6, old_value);
  rct_stmt_bind_text (stmt, 7, new_value);
  rct_stmt_bind_text (stmt, 8, rct_store_get_operator (self));
  rct_stmt_bind_text (stmt, 9, now);
  rct_stmt_bind_text (stmt, 10, reason != NULL && *reason ? reason : NULL);
  _rct_store_mark_changed (self, RCT_KIND_JOURNAL);
  return _rct_store_step_done (self, stmt, error);
}

/* One number asked of the ledger; a failure to read it is an error, never
 * a number. */
gboolean
_rct_store_query_int (RctStore    *self,
           const char  *sql,
           int         *out_value,
           GError     **error)
{
  g_autoptr(RctStmt) stmt = _rct_store_prepare_uncached (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = _rct_store_step (self, stmt, error);
  if (rc == RCT_ROW)
    *out_value = rct_stmt_column_int (stmt, 0);
  else if (rc == RCT_DONE)
    _rct_store_set_no_row_error (self, error);
  return rc == RCT_ROW;
}

/* The uuid of the ledger, or NULL when it has none (a ledger of version
 * 4 or older, or a file that is not one). */
char *
_rct_store_query_identity (RctStore *self)
{
  g_autoptr(RctStmt) stmt = _rct_store_prepare_uncached (self, "SELECT uuid FROM ledger WHERE id = 1", NULL);
  char *uuid = NULL;

  if (stmt != NULL && _rct_store_step (self, stmt, NULL) == RCT_ROW && rct_stmt_column_text (stmt, 0) != NULL)
    uuid = g_strdup (rct_stmt_column_text (stmt, 0));
  return uuid;
}

/**
 * rct_store_dup_lock_holder:
 *
 * Returns: (nullable) (transfer full): "process N on HOST" of the copy that
 *   holds the ledger, when it is not this one
 */
char *
rct_store_dup_lock_holder (RctStore *self)
{
  RctStmt *stmt;
  char *holder = NULL;

  g_return_val_if_fail (RCT_IS_STORE (self), NULL);

  stmt = _rct_store_prepare (self, "SELECT host, pid FROM lock WHERE id = 1", NULL);
  if (stmt != NULL && _rct_store_step (self, stmt, NULL) == RCT_ROW)
    {
      const char *host = rct_stmt_column_text (stmt, 0);
      gint64 pid = rct_stmt_column_int64 (stmt, 1);

      if (g_strcmp0 (host, self->host) != 0 || pid != self->pid)
        {
          g_autofree char *pid_text = g_strdup_printf ("%" G_GINT64_FORMAT, pid);
          /* Translators: the first %s is a process number, the second a computer's name */
          holder = g_strdup_printf (_("process %s on %s"), pid_text, host);
        }
    }
  if (stmt != NULL)
    rct_stmt_reset (stmt);
  return holder;
}

/* The libpq connection keywords: "service=NAME", "host=… dbname=…". */
static const char *const conninfo_keywords[] = {
  "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service", "sslmode",
  "sslcert", "sslkey", "sslrootcert", "sslcrl", "connect_timeout", "application_name",
  "options", "target_session_attrs", "gssencmode", "krbsrvname", "requirepeer", "client_encoding",
  "keepalives", "channel_binding", "load_balance_hosts",
};

/**
 * rct_store_location_is_server:
 * @location: what the clerk named: a file path, or a libpq connection
 *   string
 *
 * Returns: whether @location is the office's PostgreSQL server
 *   ("postgresql://…", "postgres://…", "service=NAME", "host=… dbname=…")
 *   rather than a ledger file
 */
gboolean
rct_store_location_is_server (const char *location)
{
  const char *end;

  if (location == NULL)
    return FALSE;
  if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    return TRUE;
  /* A conninfo starts with one of libpq's keywords and "="; a file name
   * that merely holds "=" ("a=b.db") is still a file. */
  while (g_ascii_isspace (*location))
    location++;
  for (end = location; g_ascii_isalnum (*end) || *end == '_'; end++)
    ;
  for (guint i = 0; i < G_N_ELEMENTS (conninfo_keywords); i++)
    if (strlen (conninfo_keywords[i]) == (gsize) (end - location) &&
        strncmp (conninfo_keywords[i], location, end - location) == 0)
      {
        while (g_ascii_isspace (*end))
          end++;
        return *end == '=';
      }
  return FALSE;
}

static const RctStoreBackend *
backend_for (const char *location)
{
  if (!rct_store_location_is_server (location))
    return &rct_store_backend_sqlite;
  return _rct_store_server_backend ();
}

/**
 * rct_store_open:
 * @path: the ledger: a file (any file name; Chinese and spaces are fine)
 *   or the office's server (rct_store_location_is_server())
 * @flags: read-only, create
 *
 * Returns: (transfer full) (nullable): the open ledger, or %NULL with
 *   @error set: RCT_STORE_ERROR_LOCKED when another running copy holds it
 *   (the caller may open it again with RCT_STORE_OPEN_READ_ONLY).
 */
RctStore *
rct_store_open (const char         *path,
                RctStoreOpenFlags   flags,
                GError            **error)
{
  g_autoptr(RctStore) self = NULL;
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RCT_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & RCT_STORE_OPEN_READ_ONLY) != 0;
  self->backend = backend_for (path);
  if (self->backend == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                           _("This Rectify was built without PostgreSQL support."));
      return NULL;
    }
  if (!self->backend->connect (self, path, flags, error))
    return NULL;

  version = self->backend->schema_version (self, error);
  if (version < 0)
    return NULL;
  self->schema_version = version;
  if (version > RCT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEWER_VERSION,
                   _("“%s” was made by a newer version of Rectify (ledger version %d, this program knows %d); "
                     "update Rectify to open it. The file was not changed."),
                   path, version, RCT_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (version < RCT_STORE_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEEDS_UPGRADE,
                       _("“%s” is a ledger of an older version; open it once for writing to upgrade it."), path);
          return NULL;
        }
      if (version == 0 ? !self->backend->create_schema (self, error)
                       : !self->backend->migrate (self, version, error))
        return NULL;
    }

  self->identity = _rct_store_query_identity (self);
  self->capabilities = self->read_only ? RCT_STORE_CAN_READ : RCT_STORE_CAN_EVERYTHING;
  if (self->backend->capabilities != NULL)
    {
      self->capabilities &= self->backend->capabilities (self, &self->login);
      /* A login that may change nothing (a viewer) has the ledger as one
       * opened read-only: refused here, in one sentence, before the server. */
      if ((self->capabilities & ~RCT_STORE_CAN_READ) == 0)
        self->read_only = TRUE;
    }
  return g_steal_pointer (&self);
}

/**
 * rct_store_close:
 *
 * Releases the lock and closes the ledger. Safe to call twice.
 */
void
rct_store_close (RctStore *self)
{
  g_return_if_fail (RCT_IS_STORE (self));

  if (self->interrupt_off != NULL)
    self->interrupt_off (self);
  if (self->backend_data != NULL)
    self->backend->disconnect (self);
  g_hash_table_remove_all (self->statements);
  /* Closing ended any read transaction. */
  self->read_tx = FALSE;
}

const char *
rct_store_get_path (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  return self->path;
}

gboolean
rct_store_is_server (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  return rct_store_location_is_server (self->path);
}

/**
 * rct_store_dup_folder:
 *
 * The folder of the ledger's file, where the file choosers start; NULL
 * for a ledger on a server, which has no folder.
 */
char *
rct_store_dup_folder (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  if (self->path == NULL || rct_store_location_is_server (self->path))
    return NULL;
  return g_path_get_dirname (self->path);
}

/**
 * rct_store_dup_display_name:
 *
 * The ledger's name as a person reads it: the file's name, or the server
 * location as written (it never holds a password: those are refused).
 */
char *
rct_store_dup_display_name (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  if (self->path == NULL)
    return g_strdup ("");
  if (rct_store_location_is_server (self->path))
    return g_strdup (self->path);
  return g_filename_display_basename (self->path);
}

gboolean
rct_store_is_read_only (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), TRUE);
  return self->read_only;
}

int
rct_store_get_schema_version (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), 0);
  return self->schema_version;
}

/**
 * rct_store_get_migration_backup:
 *
 * Returns: (nullable): the copy taken before this open migrated the ledger
 */
const char *
rct_store_get_migration_backup (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  return self->migration_backup;
}

/**
 * rct_store_get_identity:
 *
 * Returns: (nullable): the ledger's own uuid, made once with the ledger
 *   and kept by its copies: what tells its backups from another ledger's
 */
const char *
rct_store_get_identity (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  return self->identity;
}

const char *
rct_store_get_operator (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  if (self->operator_name == NULL)
    self->operator_name = g_strdup (g_get_user_name ());
  return self->operator_name;
}

/**
 * rct_store_set_operator:
 * @operator_name: (nullable): who writes, for the journal; %NULL for the
 *   system's user name. Ignored on the office's server, where the journal
 *   names the login of the connection (session_user).
 */
void
rct_store_set_operator (RctStore   *self,
                        const char *operator_name)
{
  g_return_if_fail (RCT_IS_STORE (self));

  /* On the server the journal names each clerk by their login, set by
   * the backend at connect: not a name typed in the settings. */
  if (self->operator_is_login)
    return;
  g_free (self->operator_name);
  if (operator_name != NULL && *operator_name != '\0')
    self->operator_name = g_strdup (operator_name);
  else
    self->operator_name = g_strdup (g_get_user_name ());
}

/* A new ledger: no problems, no tasks, no supervisors yet. */
gboolean
rct_store_is_empty (RctStore *self)
{
  int count = -1;

  g_return_val_if_fail (RCT_IS_STORE (self), TRUE);
  /* Unread, a ledger is not called empty: nothing is then written into it.
   * EXISTS, not count(*): a million problems would be counted. */
  if (!_rct_store_query_int (self, "SELECT EXISTS (SELECT 1 FROM problem) OR EXISTS (SELECT 1 FROM task)"
                        " OR EXISTS (SELECT 1 FROM supervisor) OR EXISTS (SELECT 1 FROM working_group)", &count, NULL))
    return FALSE;
  return count == 0;
}

/**
 * rct_store_set_busy_func:
 * @func: (nullable): asked while another program holds the ledger; %NULL
 *   for the default, which gives up after 5 s
 *
 * What a statement does when the ledger is busy: the window waits with
 * progress and a Cancel instead of failing after 5 s.
 */
void
rct_store_set_busy_func (RctStore         *self,
                         RctStoreBusyFunc  func,
                         gpointer          user_data,
                         GDestroyNotify    destroy)
{
  g_return_if_fail (RCT_IS_STORE (self));

  if (self->busy_destroy != NULL)
    self->busy_destroy (self->busy_data);
  self->busy_func = func;
  self->busy_data = user_data;
  self->busy_destroy = destroy;
}

/**
 * rct_store_announce_changes:
 *
 * Emits ::changed for every kind: another connection (a merge in a worker
 * thread) wrote to the ledger, and lists must read it again.
 */
void
rct_store_announce_changes (RctStore *self)
{
  g_return_if_fail (RCT_IS_STORE (self));
  rct_store_announce_kinds (self, (1u << RCT_N_KINDS) - 1);
}

/**
 * rct_store_announce_kinds:
 * @kinds: the bit 1 << RctKind of each kind of record that changed
 *
 * Emits ::changed for those kinds: another program changed them
 * (rct_store_watch_source_new()), and their lists must read them again.
 */
void
rct_store_announce_kinds (RctStore *self,
                          guint     kinds)
{
  g_return_if_fail (RCT_IS_STORE (self));
  for (guint i = 0; i < RCT_N_KINDS; i++)
    if (kinds & (1u << i))
      g_signal_emit (self, signals[CHANGED], 0, (int) i);
}

/**
 * rct_store_get_capabilities:
 *
 * Returns: what the one who opened the ledger may do: everything in a file
 *   opened for writing, reading alone when it was opened read-only; on the
 *   server, what the login's roles allow, as the server said at the open
 */
RctStoreCapabilities
rct_store_get_capabilities (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), 0);
  return self->capabilities;
}

/**
 * rct_store_get_login:
 *
 * Returns: (nullable): the login the server knows this connection by; %NULL
 *   for a ledger file
 */
const char *
rct_store_get_login (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  return self->login;
}

/* Changes by other programs ------------------------------------------------ */

/* Another program's change is looked for at least this often: a file's
 * data_version, and the server's notices that arrived while a statement
 * of ours was reading its rows (they wait in libpq, the socket quiet). */
#define WATCH_INTERVAL_MS 1000

typedef struct
{
  GSource   source;
  RctStore *store;
  GSource  *readable;  /* the child that watches the backend's socket, or NULL */
  int       socket;
} WatchSource;

static void watch_socket (WatchSource *watch);

static gboolean
watch_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  RctStore *store = ((WatchSource *) source)->store;
  guint kinds = 0;

  /* Not in the middle of a write of ours, nor while it waits for a busy
   * file: asked again at the next tick. */
  if (store->backend_data != NULL && store->tx_depth == 0 && !store->in_busy_wait &&
      store->backend->take_changes != NULL)
    kinds = store->backend->take_changes (store);
  /* A connection lost (its socket at its end, readable for ever) or made
   * again (another socket) is watched no more, or anew. */
  watch_socket ((WatchSource *) source);
  if (kinds != 0 && callback != NULL)
    ((RctStoreWatchFunc) (void (*) (void)) callback) (store, kinds, user_data);
  return G_SOURCE_CONTINUE;
}

static void
watch_finalize (GSource *source)
{
  g_clear_pointer (&((WatchSource *) source)->readable, g_source_unref);
  g_clear_object (&((WatchSource *) source)->store);
}

/* The children only wake the watch; it reads what they saw. */
static gboolean
watch_tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

#ifdef G_OS_UNIX
static gboolean
watch_socket_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  return G_SOURCE_CONTINUE;
}
#else
static gboolean
watch_socket_cb (GIOChannel  *channel,
                 GIOCondition condition,
                 gpointer     user_data)
{
  return G_SOURCE_CONTINUE;
}
#endif

static void
watch_socket (WatchSource *watch)
{
  RctStore *store = watch->store;
  int socket = -1;

  if (store->backend_data != NULL && store->backend->watch != NULL)
    socket = store->backend->watch (store);
  if (watch->readable != NULL && socket == watch->socket)
    return;
  if (watch->readable != NULL)
    {
      g_source_remove_child_source ((GSource *) watch, watch->readable);
      g_clear_pointer (&watch->readable, g_source_unref);
    }
  watch->socket = socket;
  if (socket < 0)
    return;
#ifdef G_OS_UNIX
  watch->readable = g_unix_fd_source_new (socket, G_IO_IN);
#else
  {
    g_autoptr(GIOChannel) channel = g_io_channel_win32_new_socket (socket);

    watch->readable = g_io_create_watch (channel, G_IO_IN);
  }
#endif
  g_source_set_callback (watch->readable, G_SOURCE_FUNC (watch_socket_cb), NULL, NULL);
  g_source_add_child_source ((GSource *) watch, watch->readable);
}

/**
 * rct_store_watch_source_new:
 *
 * A source that calls its RctStoreWatchFunc (set with
 * g_source_set_callback() and G_SOURCE_FUNC()) when another program
 * changed the ledger, with the kinds of records it changed; never for
 * the store's own writes. On the server, within moments of the other's
 * commit (LISTEN rectify_changed on the store's connection); in a file,
 * within a second (PRAGMA data_version, asked each second while the
 * source is attached: attach it while the changes are shown).
 *
 * Returns: (transfer full): the source, to attach to a context
 */
GSource *
rct_store_watch_source_new (RctStore *self)
{
  static GSourceFuncs funcs = { NULL, NULL, watch_dispatch, watch_finalize, NULL, NULL };
  GSource *source;
  g_autoptr(GSource) tick = NULL;

  g_return_val_if_fail (RCT_IS_STORE (self), NULL);

  source = g_source_new (&funcs, sizeof (WatchSource));
  ((WatchSource *) source)->store = g_object_ref (self);
  ((WatchSource *) source)->socket = -1;
  g_source_set_static_name (source, "rct-store-watch");
  tick = g_timeout_source_new (WATCH_INTERVAL_MS);
  g_source_set_callback (tick, watch_tick_cb, NULL, NULL);
  g_source_add_child_source (source, tick);
  watch_socket ((WatchSource *) source);
  return source;
}
