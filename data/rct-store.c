/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rct-check-mark.h"
#include "rct-clock.h"
#include "rct-process.h"
#include "rct-schema.h"
#include "rct-store-private.h"

/* RctStore: one SQLite file is one ledger.
 *
 * Opening checks, in this order and before writing a byte: that the file is
 * an SQLite file made by us, that its schema is not newer than ours (read
 * from the header, so a newer file is left byte-for-byte untouched), and
 * PRAGMA quick_check. Then it takes the lock row (or refuses, or opens
 * read-only), backs the file up when a migration is due, and migrates in one
 * transaction. Every write runs in a transaction and writes the journal. */

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
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->import_aliases, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);

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
  sqlite3_finalize (data);
}

static void
rct_store_init (RctStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->import_aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->host = rct_process_get_host ();
  self->pid = rct_process_get_id ();
  self->operator_name = g_strdup (g_get_user_name ());
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

void
_rct_bind_text (sqlite3_stmt *stmt,
                int           index,
                const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* One sentence for each way SQLite can fail, saying what to do. */
void
_rct_store_set_sqlite_error (RctStore  *self,
                             int        rc,
                             GError   **error)
{
  int primary = rc & 0xff;
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

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
      if (self->db != NULL && (sqlite3_system_errno (self->db) == ENOSPC ||
                               sqlite3_system_errno (self->db) == EFBIG
#ifdef EDQUOT
                               || sqlite3_system_errno (self->db) == EDQUOT
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

/**
 * _rct_store_prepare:
 *
 * Returns: (transfer none): the statement for @sql, prepared once and kept,
 *   reset with no bindings
 */
sqlite3_stmt *
_rct_store_prepare (RctStore    *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (self->db == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                           _("The ledger is closed."));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      _rct_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_rct_store_exec (RctStore    *self,
                 const char  *sql,
                 GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      g_debug ("exec failed: %s", message);
      sqlite3_free (message);
      _rct_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rct_store_step_done (RctStore      *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _rct_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
check_writable (RctStore  *self,
                GError   **error)
{
  if (self->db == NULL)
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
  if (self->tx_depth > 0 && self->bulk)
    {
      self->tx_depth++;
      return TRUE;
    }
  if (!_rct_store_exec (self, self->tx_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT rct_write", error))
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

static void     restore_cache_size (RctStore  *self);
static gboolean end_bulk           (RctStore  *self,
                                    GError   **error);

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
  if (ok && self->tx_failed)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("A part of the change failed, so none of it was saved."));
      ok = FALSE;
    }
  self->tx_failed = FALSE;
  /* A bulk ends with its transaction: the full-text entries of its
   * records are written and the triggers put back before the commit. */
  if (ok && self->bulk)
    ok = end_bulk (self, error);
  if (self->bulk)
    restore_cache_size (self);
  self->bulk = FALSE;
  if (ok && _rct_store_exec (self, "COMMIT", error))
    {
      emit_changed (self);
      return TRUE;
    }
  if (sqlite3_get_autocommit (self->db) == 0)
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

static void
restore_cache_size (RctStore *self)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, self->bulk_cache_size);

  _rct_store_exec (self, sql, NULL);
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
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);
  if (self->bulk)
    return TRUE;
  for (guint i = 0; i < RCT_SCHEMA_N_FTS; i++)
    {
      g_autofree char *max = g_strdup_printf ("SELECT coalesce(max(id), 0) + 1 FROM %s", rct_schema_fts_table (i));
      sqlite3_stmt *stmt = _rct_store_prepare (self, max, error);

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _rct_store_set_sqlite_error (self, sqlite3_errcode (self->db), error);
          sqlite3_reset (stmt);
          return FALSE;
        }
      self->bulk_first[i] = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  sql = rct_schema_fts_suspend (self->bulk_first);
  if (!_rct_store_exec (self, sql, error))
    return FALSE;
  /* Records written in bulk go to indexes keyed by uuid, all over the
   * b-trees: a larger page cache (12 MB, freed at the end) saves writing
   * and reading pages again. */
  {
    sqlite3_stmt *stmt = _rct_store_prepare (self, "PRAGMA cache_size", NULL);

    self->bulk_cache_size = -2000;
    if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
      self->bulk_cache_size = sqlite3_column_int64 (stmt, 0);
    if (stmt != NULL)
      sqlite3_reset (stmt);
    _rct_store_exec (self, "PRAGMA cache_size = -12288", NULL);
  }
  self->bulk = TRUE;
  return TRUE;
}

/* Writes the full-text index of the records made since
 * rct_store_bulk_begin() and puts the usual triggers back, in the same
 * transaction, just before it commits. */
static gboolean
end_bulk (RctStore  *self,
          GError   **error)
{
  g_autofree char *sql = rct_schema_fts_resume (self->bulk_first);

  self->bulk = FALSE;
  restore_cache_size (self);
  return _rct_store_exec (self, sql, error);
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
  sqlite3_stmt *stmt;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = rct_clock_now ();

  stmt = _rct_store_prepare (self,
                             "INSERT INTO journal (uuid, record_table, record_uuid, record_label, field,"
                             " old_value, new_value, who, at, reason, created_at, updated_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  _rct_bind_text (stmt, 1, uuid);
  _rct_bind_text (stmt, 2, rct_kind_to_table (kind));
  _rct_bind_text (stmt, 3, record_uuid);
  _rct_bind_text (stmt, 4, record_label);
  _rct_bind_text (stmt, 5, field);
  _rct_bind_text (stmt, 6, old_value);
  _rct_bind_text (stmt, 7, new_value);
  _rct_bind_text (stmt, 8, self->operator_name);
  _rct_bind_text (stmt, 9, now);
  _rct_bind_text (stmt, 10, reason != NULL && *reason ? reason : NULL);
  _rct_store_mark_changed (self, RCT_KIND_JOURNAL);
  return _rct_store_step_done (self, stmt, error);
}

/* Reads application_id and user_version from the file header, without
 * SQLite, so a file we must refuse is never opened for writing. */
static gboolean
read_header (const char  *path,
             gboolean    *exists,
             int         *user_version,
             GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 header[100];
  gsize n_read = 0;
  guint32 app_id;

  *exists = FALSE;
  *user_version = 0;

  /* A folder, a pipe or a device is no ledger; reading a pipe would wait
   * for ever. */
  switch (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL))
    {
    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_REGULAR:
      break;
    default:
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is not a file; choose a ledger file (.db) made by Rectify."), path);
      return FALSE;
    }

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("Cannot read “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  *exists = TRUE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL, &local_error))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("Cannot read “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  if (n_read == 0)
    {
      *exists = FALSE; /* an empty file becomes a new ledger */
      return TRUE;
    }
  if (n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is not a Rectify ledger; choose a ledger file (.db) made by Rectify."), path);
      return FALSE;
    }
  *user_version = (int) ((header[60] << 24) | (header[61] << 16) | (header[62] << 8) | header[63]);
  app_id = ((guint32) header[68] << 24) | (header[69] << 16) | (header[70] << 8) | header[71];
  if (*user_version != 0 && app_id != RCT_SCHEMA_APPLICATION_ID)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is an SQLite file of another program, not a Rectify ledger."), path);
      return FALSE;
    }
  if (*user_version > RCT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEWER_VERSION,
                   _("“%s” was made by a newer version of Rectify (ledger version %d, this program knows %d); "
                     "update Rectify to open it. The file was not changed."),
                   path, *user_version, RCT_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
quick_check (RctStore  *self,
             GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (ok)
    return TRUE;
  /* A sound file that cannot be read here (a read-only folder keeps SQLite
   * from making the files it reads a WAL ledger with) is not damaged. */
  if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_PERM)
    g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY,
                 _("“%s” cannot be opened for writing, since it or its folder is read-only; "
                   "open it read-only, or copy it to a folder you can write to."), self->path);
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                 _("“%s” is busy with another program; try again in a moment."), self->path);
  else
    g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED,
                 _("“%s” is damaged (its integrity check failed); restore it from a backup."), self->path);
  return FALSE;
}

/* The integrity check at opening, skipped for a file nothing but Rectify
 * has written since its last good check (rct-check-mark.c), or left to the
 * caller with RCT_STORE_OPEN_DEFER_CHECK. */
static gboolean
check_unless_unchanged (RctStore           *self,
                        RctStoreOpenFlags   flags,
                        GError            **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (rct_check_mark_matches (self->path))
    {
      self->known_good = TRUE;
      return TRUE;
    }
  if (flags & RCT_STORE_OPEN_DEFER_CHECK)
    return TRUE;
  before = rct_check_mark_stamp (self->path);
  self->ran_check = TRUE;
  if (!quick_check (self, error))
    {
      rct_check_mark_record (self->path, NULL);
      return FALSE;
    }
  self->known_good = TRUE;
  /* Remembered only when nothing changed the file while it was read. */
  after = rct_check_mark_stamp (self->path);
  if (before != NULL && g_strcmp0 (before, after) == 0)
    rct_check_mark_record (self->path, after);
  return TRUE;
}

/* Before a close: the log written into the file, so that another
 * connection still open (a worker's) has nothing left to write into it
 * when it closes last, which would change the file after its stamp. */
static void
checkpoint_before_close (RctStore *self)
{
  if (!self->known_good)
    return;
  sqlite3_busy_timeout (self->db, 200);
  _rct_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
}

/* After a close: what Rectify wrote to a good ledger keeps it good. A log
 * still holding changes (a reader kept the checkpoint from finishing) will
 * change the file later, so then nothing is remembered. */
static void
remember_good_close (RctStore *self)
{
  g_autofree char *stamp = NULL;

  if (!self->known_good || self->path == NULL)
    return;
  stamp = rct_check_mark_stamp (self->path);
  if (stamp != NULL && g_str_has_suffix (stamp, ";-;"))
    rct_check_mark_record (self->path, stamp);
}

/**
 * rct_store_ran_check:
 *
 * Returns: whether opening ran the integrity check (it does not for a file
 *   unchanged since its last good check, nor with
 *   RCT_STORE_OPEN_DEFER_CHECK)
 */
gboolean
rct_store_ran_check (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  return self->ran_check;
}

/**
 * rct_store_is_known_good:
 *
 * Returns: whether the ledger passed its integrity check at opening, or
 *   was unchanged since its last good check: when %FALSE after an open with
 *   RCT_STORE_OPEN_DEFER_CHECK, the caller runs rct_store_quick_check()
 */
gboolean
rct_store_is_known_good (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  return self->known_good;
}

/**
 * rct_store_set_known_good:
 *
 * The caller's own (deferred) integrity check passed: at closing, the file
 * is remembered as good, so the next open need not check it.
 */
void
rct_store_set_known_good (RctStore *self)
{
  g_return_if_fail (RCT_IS_STORE (self));
  self->known_good = TRUE;
}

static int
query_int (RctStore   *self,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
copy_database (sqlite3     *from,
               const char  *dest_path,
               GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", from, "main");
      if (backup != NULL)
        {
          do
            rc = sqlite3_backup_step (backup, 256);
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (dest);
    }
  if (rc != SQLITE_OK)
    {
      int primary = rc & 0xff;
      if (primary == SQLITE_FULL)
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                     _("The disk is full: the backup “%s” could not be written."), dest_path);
      else
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                     _("The backup “%s” could not be written: %s."), dest_path,
                     dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (dest_path);
      return FALSE;
    }
  sqlite3_close (dest);
  return TRUE;
}

static gboolean
migrate (RctStore  *self,
         int        from_version,
         GError   **error)
{
  if (from_version > 0)
    {
      g_autofree char *stamp = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      self->migration_backup = g_strdup_printf ("%s.v%d-%s.bak", self->path, from_version, stamp);
      if (!copy_database (self->db, self->migration_backup, error))
        {
          g_prefix_error (error, "%s ", _("The ledger was not upgraded."));
          return FALSE;
        }
    }

  if (!_rct_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = from_version + 1; v <= RCT_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (!_rct_store_exec (self, rct_schema_migration (v), error) ||
          !_rct_store_exec (self, set_version, error))
        {
          _rct_store_exec (self, "ROLLBACK", NULL);
          g_prefix_error (error, "%s ", _("The ledger could not be upgraded and was left as it was."));
          return FALSE;
        }
    }
  if (from_version == 0)
    {
      g_autofree char *set_app = g_strdup_printf ("PRAGMA application_id = %d", RCT_SCHEMA_APPLICATION_ID);
      if (!_rct_store_exec (self, set_app, error))
        {
          _rct_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  if (!_rct_store_exec (self, "COMMIT", error))
    {
      _rct_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->schema_version = RCT_STORE_SCHEMA_VERSION;
  return TRUE;
}

/* The lock row says which running copy holds the ledger. A row of a process
 * that is gone (on this host) is stale and taken over. */
static gboolean
take_lock (RctStore  *self,
           GError   **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *holder_host = NULL;
  gint64 holder_pid = 0;
  g_autofree char *now = rct_clock_now ();

  if (!_rct_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = _rct_store_prepare (self, "SELECT host, pid FROM lock WHERE id = 1", error);
  if (stmt == NULL)
    goto fail;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      holder_host = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      holder_pid = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (holder_host != NULL)
    {
      gboolean same_host = g_strcmp0 (holder_host, self->host) == 0;
      gboolean ours = same_host && holder_pid == self->pid;

      if (!ours && (!same_host || rct_process_is_running (holder_pid)))
        {
          g_autofree char *pid_text = g_strdup_printf ("%" G_GINT64_FORMAT, holder_pid);
          /* Translators: the first %s is a process number, the second a computer's name */
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_LOCKED,
                       _("Another copy of Rectify (process %s on %s) has this ledger open; "
                         "open it read-only, or close the other copy first."),
                       pid_text, holder_host);
          goto fail;
        }
      if (ours)
        {
          /* A second connection of this same process (a worker thread):
           * the lock is the first connection's to keep and to release. */
          self->holds_lock = FALSE;
          return _rct_store_exec (self, "COMMIT", error);
        }
      g_message ("Taking over a stale lock of process %" G_GINT64_FORMAT " on %s", holder_pid, holder_host);
    }

  stmt = _rct_store_prepare (self, "INSERT OR REPLACE INTO lock (id, host, pid, since) VALUES (1, ?1, ?2, ?3)",
                             error);
  if (stmt == NULL)
    goto fail;
  _rct_bind_text (stmt, 1, self->host);
  sqlite3_bind_int64 (stmt, 2, self->pid);
  _rct_bind_text (stmt, 3, now);
  if (!_rct_store_step_done (self, stmt, error) || !_rct_store_exec (self, "COMMIT", error))
    goto fail;

  self->holds_lock = TRUE;
  return TRUE;

fail:
  _rct_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

static void
release_lock (RctStore *self)
{
  sqlite3_stmt *stmt;

  if (!self->holds_lock || self->db == NULL)
    return;
  stmt = _rct_store_prepare (self, "DELETE FROM lock WHERE id = 1 AND host = ?1 AND pid = ?2", NULL);
  if (stmt != NULL)
    {
      _rct_bind_text (stmt, 1, self->host);
      sqlite3_bind_int64 (stmt, 2, self->pid);
      _rct_store_step_done (self, stmt, NULL);
    }
  self->holds_lock = FALSE;
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
  sqlite3_stmt *stmt;
  char *holder = NULL;

  g_return_val_if_fail (RCT_IS_STORE (self), NULL);

  stmt = _rct_store_prepare (self, "SELECT host, pid FROM lock WHERE id = 1", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *host = (const char *) sqlite3_column_text (stmt, 0);
      gint64 pid = sqlite3_column_int64 (stmt, 1);

      if (g_strcmp0 (host, self->host) != 0 || pid != self->pid)
        {
          g_autofree char *pid_text = g_strdup_printf ("%" G_GINT64_FORMAT, pid);
          /* Translators: the first %s is a process number, the second a computer's name */
          holder = g_strdup_printf (_("process %s on %s"), pid_text, host);
        }
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return holder;
}

static gboolean
ensure_folder (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* The result code of a first read of the file. */
static int
first_read (RctStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc;
}

/**
 * rct_store_open:
 * @path: the ledger file (any file name; Chinese and spaces are fine)
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
  gboolean exists;
  int version;
  int rc;
  int open_flags;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_header (path, &exists, &version, error))
    return NULL;

  if (!exists && !(flags & RCT_STORE_OPEN_CREATE))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("There is no ledger “%s”; check the name, or create a new ledger."), path);
      return NULL;
    }
  if (!exists && (flags & RCT_STORE_OPEN_READ_ONLY))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("There is no ledger “%s” to open read-only."), path);
      return NULL;
    }
  if (!exists && !ensure_folder (path, error))
    return NULL;

  self = g_object_new (RCT_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & RCT_STORE_OPEN_READ_ONLY) != 0;
  self->schema_version = version;
  self->known_good = !exists;

  open_flags = self->read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  rc = sqlite3_open_v2 (path, &self->db, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("Cannot open the ledger “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* SQLite opens a write-protected file read-only without a word; say so
   * now rather than at the first change. */
  if (!self->read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be opened for writing, since it or its folder is read-only; "
                     "open it read-only, or copy it to a folder you can write to."), path);
      return NULL;
    }
  /* In a read-only folder SQLite cannot make the shared-memory file a WAL
   * ledger is read with; nobody can change the file there either, so it is
   * read as immutable. */
  if (self->read_only && exists &&
      ((rc = first_read (self) & 0xff) == SQLITE_CANTOPEN || rc == SQLITE_READONLY))
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      sqlite3_close (self->db);
      self->db = NULL;
      rc = sqlite3_open_v2 (immutable, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                       _("Cannot open the ledger “%s”: %s"), path,
                       self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
          return NULL;
        }
      sqlite3_extended_result_codes (self->db, 1);
    }

  if (!_rct_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (exists && !check_unless_unchanged (self, flags, error))
    return NULL;

  /* The header may lag behind the write-ahead log: ask SQLite too, before
   * anything is written. */
  if (exists)
    {
      int app_id = query_int (self, "PRAGMA application_id");

      version = query_int (self, "PRAGMA user_version");
      self->schema_version = version;
      if (version > RCT_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEWER_VERSION,
                       _("“%s” was made by a newer version of Rectify (ledger version %d, this program knows %d); "
                         "update Rectify to open it. The file was not changed."),
                       path, version, RCT_STORE_SCHEMA_VERSION);
          return NULL;
        }
      /* An SQLite file with tables but no version of ours belongs to
       * another program: never add our tables to it. */
      if ((version != 0 && app_id != RCT_SCHEMA_APPLICATION_ID) ||
          (version == 0 && query_int (self, "SELECT count(*) FROM sqlite_master") != 0))
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER,
                       _("“%s” is an SQLite file of another program, not a Rectify ledger."), path);
          return NULL;
        }
    }

  if (self->read_only)
    {
      if (version < RCT_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEEDS_UPGRADE,
                       _("“%s” is a ledger of an older version; open it once for writing to upgrade it."), path);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  /* Statement journals in memory: they hold a few pages at a time. */
  _rct_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
  if (!_rct_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_rct_store_exec (self, "PRAGMA synchronous = FULL", error))
    {
      g_prefix_error (error, "%s ", _("Cannot open the ledger for writing."));
      return NULL;
    }

  if (version > 0 && !take_lock (self, error))
    return NULL;

  if (version < RCT_STORE_SCHEMA_VERSION)
    {
      if (!migrate (self, version, error))
        return NULL;
      if (version == 0 && !take_lock (self, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * rct_store_close:
 *
 * Releases the lock and closes the file. Safe to call twice.
 */
void
rct_store_close (RctStore *self)
{
  g_return_if_fail (RCT_IS_STORE (self));

  if (self->db == NULL)
    return;
  release_lock (self);
  if (!self->read_only)
    {
      _rct_store_exec (self, "PRAGMA optimize", NULL);
      checkpoint_before_close (self);
    }
  g_hash_table_remove_all (self->statements);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  if (!self->read_only)
    remember_good_close (self);
}

const char *
rct_store_get_path (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  return self->path;
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

const char *
rct_store_get_operator (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  return self->operator_name;
}

/**
 * rct_store_set_operator:
 * @operator_name: (nullable): who writes, for the journal; %NULL for the
 *   system's user name
 */
void
rct_store_set_operator (RctStore   *self,
                        const char *operator_name)
{
  g_return_if_fail (RCT_IS_STORE (self));

  g_free (self->operator_name);
  if (operator_name != NULL && *operator_name != '\0')
    self->operator_name = g_strdup (operator_name);
  else
    self->operator_name = g_strdup (g_get_user_name ());
}

static int
progress_cancel_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

/**
 * rct_store_quick_check:
 *
 * PRAGMA quick_check on its own read-only connection, so it can run in a
 * worker thread while the window already shows the ledger it opened with
 * RCT_STORE_OPEN_DEFER_CHECK. On a million problems it takes most of a
 * second, which is why it may be deferred at all.
 */
gboolean
rct_store_quick_check (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(RctStore) checker = g_object_new (RCT_TYPE_STORE, NULL);
  int rc;

  checker->path = g_strdup (path);
  checker->read_only = TRUE;
  rc = sqlite3_open_v2 (path, &checker->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("Cannot open the ledger “%s”: %s"), path,
                   checker->db ? sqlite3_errmsg (checker->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_busy_timeout (checker->db, 5000);
  if (cancellable != NULL)
    sqlite3_progress_handler (checker->db, 10000, progress_cancel_cb, cancellable);
  if (!quick_check (checker, error))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, NULL))
        {
          g_clear_error (error);
          g_cancellable_set_error_if_cancelled (cancellable, error);
        }
      return FALSE;
    }
  return TRUE;
}

/**
 * rct_store_check:
 *
 * The full check of `rectify-cli check`: PRAGMA integrity_check and
 * foreign_key_check, each of which must find nothing.
 */
gboolean
rct_store_check (RctStore  *self,
                 GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  g_autoptr(GString) problems = g_string_new (NULL);

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    ok = FALSE;
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        {
          ok = FALSE;
          g_string_append (problems, line);
        }
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (ok && sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) == SQLITE_OK)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          ok = FALSE;
          g_string_append_printf (problems, _("a record of “%s” refers to a missing record"),
                                  (const char *) sqlite3_column_text (stmt, 0));
        }
    }
  sqlite3_finalize (stmt);

  if (!ok)
    {
      /* Damaged without a change to its file's stamp (the disk itself):
       * every open checks it again. */
      self->known_good = FALSE;
      rct_check_mark_record (self->path, NULL);
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED,
                   _("The ledger failed its check (%s); restore it from a backup."), problems->str);
    }
  return ok;
}

/**
 * rct_store_backup:
 *
 * Copies the ledger to @dest_path with SQLite's backup API, consistent even
 * while it is in use. An existing file at @dest_path is replaced only when
 * the copy is complete.
 */
gboolean
rct_store_backup (RctStore    *self,
                  const char  *dest_path,
                  GError     **error)
{
  g_autofree char *partial = NULL;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (self->path != NULL && g_strcmp0 (dest_path, self->path) == 0)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("A backup cannot replace the ledger itself; choose another file name."));
      return FALSE;
    }
  if (!ensure_folder (dest_path, error))
    return FALSE;

  partial = g_strconcat (dest_path, ".partial", NULL);
  g_unlink (partial);
  if (!copy_database (self->db, partial, error))
    return FALSE;
  if (g_rename (partial, dest_path) != 0)
    {
      int saved_errno = errno;
#ifdef G_OS_WIN32
      if (g_unlink (dest_path) == 0 && g_rename (partial, dest_path) == 0)
        return TRUE;
#endif
      g_unlink (partial);
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                   _("The backup “%s” could not be written: %s."), dest_path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* A new ledger: no problems, no tasks, no supervisors yet. */
gboolean
rct_store_is_empty (RctStore *self)
{
  g_return_val_if_fail (RCT_IS_STORE (self), TRUE);
  /* EXISTS, not count(*): a million problems would be counted. */
  return query_int (self, "SELECT EXISTS (SELECT 1 FROM problem) OR EXISTS (SELECT 1 FROM task)"
                          " OR EXISTS (SELECT 1 FROM supervisor) OR EXISTS (SELECT 1 FROM working_group)") == 0;
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
  for (guint i = 0; i < RCT_N_KINDS; i++)
    g_signal_emit (self, signals[CHANGED], 0, (int) i);
}
