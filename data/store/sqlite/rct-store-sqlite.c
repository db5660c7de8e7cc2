/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rct-check-mark.h"
#include "rct-clock.h"
#include "rct-dialect.h"
#include "rct-store-copy.h"
#include "rct-process.h"
#include "rct-schema.h"
#include "rct-sqlite-private.h"
#include "rct-store-backend.h"
#include "rct-store-locks-private.h"
#include "rct-store-private.h"

/* The SQLite backend: one SQLite file is one ledger, and everything only a
 * file has is here: opening it with its flags and PRAGMAs, the table of
 * the files this process has open, the lock row, the integrity check and
 * its mark, the copy through SQLite's backup API, the full-text index
 * written once in a bulk, the migrations (rct-schema.c) and the bounded
 * PRAGMA optimize at close.
 *
 * Opening checks, in this order and before writing a byte: that the file is
 * an SQLite file made by us, that its schema is not newer than ours (read
 * from the header, so a newer file is left byte-for-byte untouched), and
 * PRAGMA quick_check. Then it takes the lock row (or refuses, or opens
 * read-only); rct_store_open() then has the file backed up and migrated,
 * in one transaction, when a migration is due. */

typedef struct
{
  sqlite3    *db;
  char       *file_identity; /* "device:inode" while open, for the table of open files */
  guint       holds_lock : 1;
  guint       ran_check : 1;   /* this open ran PRAGMA quick_check */
  guint       known_good : 1;  /* checked, or unchanged since a good check */
  gint64      bulk_first[RCT_SCHEMA_N_FTS];
  gint64      bulk_cache_size; /* PRAGMA cache_size to go back to */
  GPtrArray  *bulk_set_aside;  /* SQL of the indexes and triggers a bulk dropped, to make again */
  gint64      data_version;    /* PRAGMA data_version when last asked; 0 before the watch */
} RctSqliteStore;

#define SQ(store) ((RctSqliteStore *) (store)->backend_data)

/* The file of an open SQLite ledger, or NULL for a closed one or a server. */
static RctSqliteStore *
file_of (RctStore *self)
{
  return self->backend == &rct_store_backend_sqlite ? self->backend_data : NULL;
}

/* The ledger files this process has open, "device:inode" -> number of
 * connections. Closing any descriptor of a file drops every POSIX lock the
 * process holds on it, SQLite's included; another program would then think
 * itself the ledger's last user, checkpoint and delete the -wal we still
 * write into. So the header is read through a descriptor of our own only
 * while no connection of ours has the file open; later connections ask
 * SQLite, whose connections share their locks by inode. */
G_LOCK_DEFINE_STATIC (open_files);
static GHashTable *open_files;

/* A statement that meets a ledger held by another program waits, a little
 * at a time, as long as the busy function says (without one, 5 s). */
#define BUSY_STEP_MS 25
#define BUSY_DEFAULT_MS 5000

static int
busy_cb (void *data,
         int   count)
{
  RctStore *self = data;
  guint waited_ms = (guint) count * BUSY_STEP_MS;
  gboolean wait_on;

  /* SQLite's busy handler is not reentrant: while the function runs (the
   * window shows its progress), this connection takes no statement. */
  self->in_busy_wait = TRUE;
  wait_on = self->busy_func != NULL ? self->busy_func (self, waited_ms, self->busy_data)
                                    : waited_ms < BUSY_DEFAULT_MS;
  self->in_busy_wait = FALSE;
  if (!wait_on)
    return 0;
  sqlite3_sleep (BUSY_STEP_MS);
  return 1;
}

static void
restore_cache_size (RctStore *self)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, SQ (self)->bulk_cache_size);

  _rct_store_exec (self, sql, NULL);
}

/* Before many records are written in one transaction (an import): the
 * full-text index of the records made from here on is written once, at
 * the bulk's end, instead of at every statement. */
static gboolean
sqlite_bulk_begin (RctStore  *self,
                   GError   **error)
{
  g_autofree char *sql = NULL;

  for (guint i = 0; i < RCT_SCHEMA_N_FTS; i++)
    {
      g_autofree char *max = g_strdup_printf ("SELECT coalesce(max(id), 0) + 1 FROM %s", rct_schema_fts_table (i));
      RctStmt *stmt = _rct_store_prepare (self, max, error);

      if (stmt == NULL)
        return FALSE;
      if (_rct_store_step (self, stmt, error) != RCT_ROW)
        {
          _rct_store_set_no_row_error (self, error);
          rct_stmt_reset (stmt);
          return FALSE;
        }
      SQ (self)->bulk_first[i] = rct_stmt_column_int64 (stmt, 0);
      rct_stmt_reset (stmt);
    }
  sql = rct_schema_fts_suspend (SQ (self)->bulk_first);
  if (!_rct_store_exec (self, sql, error))
    return FALSE;
  /* Records written in bulk go to indexes keyed by uuid, all over the
   * b-trees: a larger page cache (32 MB, freed at the end) saves writing
   * and reading pages again. At 100,000 problems (the problem table's 16
   * indexes about 60 MB) 12 MB spilled pages to the WAL in the middle of
   * the import: 21.2 s of CPU with 12 MB, 18.7 s with 32 MB (102 MB
   * resident), 17.4 s with 64 MB (140 MB). */
  {
    RctStmt *stmt = _rct_store_prepare (self, "PRAGMA cache_size", NULL);

    /* Unread, the cache goes back to SQLite's default size. */
    SQ (self)->bulk_cache_size = -2000;
    if (stmt != NULL && _rct_store_step (self, stmt, NULL) == RCT_ROW)
      SQ (self)->bulk_cache_size = rct_stmt_column_int64 (stmt, 0);
    if (stmt != NULL)
      rct_stmt_reset (stmt);
    _rct_store_exec (self, "PRAGMA cache_size = -32768", NULL);
  }
  return TRUE;
}

/* A report bringing more problems than the ledger holds: each problem
 * written into the problem table's 14 lookup indexes, keyed all over
 * their b-trees, and its running totals counted by trigger, took half of
 * an import's time. Inside the bulk's transaction those indexes (none a
 * merge looks a record up by: uuid and number are unique and stay) and
 * the totals' triggers are dropped; sqlite_bulk_end() makes them again
 * from their own SQL, each index built from sorted rows, and counts the
 * totals once, before the commit. A rollback brings them all back as they
 * were. */
static gboolean
sqlite_bulk_expect (RctStore  *self,
                    RctKind    kind,
                    gint64     n_rows,
                    GError   **error)
{
  RctSqliteStore *sq = SQ (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  RctStmt *stmt;
  gint64 held = 0;
  int rc;

  if (kind != RCT_KIND_PROBLEM || sq->bulk_set_aside != NULL)
    return TRUE;
  /* The running totals hold the count: no scan of a million rows. */
  stmt = _rct_store_prepare (self, "SELECT coalesce (sum (n), 0) FROM total_problem", error);
  if (stmt == NULL)
    return FALSE;
  if (_rct_store_step (self, stmt, error) == RCT_ROW)
    held = rct_stmt_column_int64 (stmt, 0);
  rct_stmt_reset (stmt);
  if (n_rows <= held)
    return TRUE;
  /* Indexes first, then triggers: made again in this order. */
  stmt = _rct_store_prepare (self, "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ?1 AND sql IS NOT NULL"
                                   " AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE %')"
                                   " OR (type = 'trigger' AND name IN (?2, ?3, ?4)))"
                                   " ORDER BY type = 'trigger', name", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, "problem");
  rct_stmt_bind_text (stmt, 2, "problem_total_insert");
  rct_stmt_bind_text (stmt, 3, "problem_total_delete");
  rct_stmt_bind_text (stmt, 4, "problem_total_update");
  while ((rc = _rct_store_step (self, stmt, error)) == RCT_ROW)
    {
      gboolean is_index = g_str_equal (rct_stmt_column_text (stmt, 0), "index");

      g_ptr_array_add (names, g_strdup_printf ("DROP %s \"%s\"", is_index ? "INDEX" : "TRIGGER",
                                               rct_stmt_column_text (stmt, 1)));
      g_ptr_array_add (made, g_strdup (rct_stmt_column_text (stmt, 2)));
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_DONE)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    if (!_rct_store_exec (self, g_ptr_array_index (names, i), error))
      return FALSE;
  sq->bulk_set_aside = g_steal_pointer (&made);
  return TRUE;
}

/* Runs @sql, which sorts, at the bulk's end (sqlite_bulk_end() sorts in
 * temporary files). A file that cannot be written there (the temporary
 * folder full: the ledger's own disk may have room) is not the ledger's
 * failure: while SQLite keeps the transaction, @sql runs again sorting in
 * memory, as before. A cancel is a cancel, never tried again. */
static gboolean
exec_sorting (RctStore   *self,
              const char *sql,
              gboolean   *in_files,
              GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (_rct_store_exec (self, sql, &local))
    return TRUE;
  if (*in_files && (g_error_matches (local, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE) ||
                    g_error_matches (local, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN)) &&
      !sqlite3_get_autocommit (SQ (self)->db) &&
      !(self->interrupt_stopped != NULL && self->interrupt_stopped (self, NULL)))
    {
      g_debug ("sorting in memory: %s", local->message);
      *in_files = FALSE;
      _rct_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
      return _rct_store_exec (self, sql, error);
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* What sqlite_bulk_expect() set aside, made again: the indexes (SQLite
 * sorts the rows for each), the totals' triggers, and the totals counted
 * from the rows. */
static gboolean
make_again (RctStore  *self,
            GPtrArray *made,
            gboolean  *in_files,
            GError   **error)
{
  /* A cancel interrupts the statement running; between two, it is seen here. */
  for (guint i = 0; i < made->len; i++)
    if ((self->interrupt_stopped != NULL && self->interrupt_stopped (self, error)) ||
        !exec_sorting (self, g_ptr_array_index (made, i), in_files, error))
      return FALSE;
  return exec_sorting (self, rct_schema_totals_recount (), in_files, error);
}

/* FTS5 writes its pending terms out as a segment each time they pass its
 * "hashsize" (1 MB unless set), and merges those segments as it goes:
 * writing a million problems' terms at the bulk's end took 8.9 s so, and
 * 4.0 s with 64 MB (so much more memory for its length). The setting is a
 * row of each index's _config table, and a transaction's terms are written
 * out at its end whatever it is: it is raised for the bulk's end, then the
 * row is put back as it was (absent, in a ledger Rectify made). Best-
 * effort: an SQLite without the setting writes as before. */
#define FTS_BULK_HASH_SIZE (64 * 1024 * 1024)
#define FTS_DEFAULT_HASH_SIZE (1024 * 1024)

static void
fts_hash_size_set (RctStore *self,
                   guint     i,
                   gint64    size)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s_fts (%s_fts, rank) VALUES ('hashsize', ?1)",
                                          rct_schema_fts_table (i), rct_schema_fts_table (i));
  RctStmt *stmt = _rct_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return;
  rct_stmt_bind_int64 (stmt, 1, size);
  _rct_store_step (self, stmt, NULL);
  rct_stmt_reset (stmt);
}

/* @before: per index, its setting before (-1: none set). */
static void
fts_hash_size_raise (RctStore *self,
                     gint64   *before)
{
  for (guint i = 0; i < RCT_SCHEMA_N_FTS; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT v FROM %s_fts_config WHERE k = 'hashsize'",
                                              rct_schema_fts_table (i));
      RctStmt *stmt = _rct_store_prepare (self, sql, NULL);

      before[i] = -1;
      if (stmt != NULL && _rct_store_step (self, stmt, NULL) == RCT_ROW)
        before[i] = rct_stmt_column_int64 (stmt, 0);
      if (stmt != NULL)
        rct_stmt_reset (stmt);
      fts_hash_size_set (self, i, FTS_BULK_HASH_SIZE);
    }
}

static void
fts_hash_size_restore (RctStore     *self,
                       const gint64 *before)
{
  for (guint i = 0; i < RCT_SCHEMA_N_FTS; i++)
    {
      /* Set, so this connection's FTS5 holds it too; the row then goes. */
      fts_hash_size_set (self, i, before[i] > 0 ? before[i] : FTS_DEFAULT_HASH_SIZE);
      if (before[i] <= 0)
        {
          g_autofree char *sql = g_strdup_printf ("DELETE FROM %s_fts_config WHERE k = 'hashsize'",
                                                  rct_schema_fts_table (i));

          _rct_store_exec (self, sql, NULL);
        }
    }
}

/* The bulk's end, just before its transaction commits (@ok) or rolls
 * back: the full-text index of the records made since sqlite_bulk_begin()
 * written and the usual triggers put back, in the same transaction, and
 * what sqlite_bulk_expect() set aside made again. */
static gboolean
sqlite_bulk_end (RctStore  *self,
                 gboolean   ok,
                 GError   **error)
{
  g_autoptr(GPtrArray) made = g_steal_pointer (&SQ (self)->bulk_set_aside);
  g_autofree char *sql = NULL;
  gint64 hash_sizes[RCT_SCHEMA_N_FTS];
  gboolean in_files = TRUE;
  gboolean done;

  restore_cache_size (self);
  if (!ok)
    return FALSE;
  /* The indexes made again and the totals' GROUP BY sort every row. With
   * the store's temp_store = MEMORY SQLite sorts all of them as one list
   * in memory, missing the processor's cache at every step; in temporary
   * files it sorts runs of the cache's size and merges them: at a million
   * problems the 14 indexes took 31 s one way and 11.5 s the other (as
   * for a large report's export, rct-report-writer.c). Best-effort: where
   * the setting cannot change, the sorts are slower, not wrong; where the
   * temporary folder takes no file, they go on in memory (exec_sorting()). */
  _rct_store_exec (self, "PRAGMA temp_store = FILE", NULL);
  fts_hash_size_raise (self, hash_sizes);
  sql = rct_schema_fts_resume (SQ (self)->bulk_first);
  done = _rct_store_exec (self, sql, error);
  fts_hash_size_restore (self, hash_sizes);
  done = done && (made == NULL || make_again (self, made, &in_files, error));
  _rct_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
  return done;
}

/* The file's identity (device and inode), or NULL where there is none to
 * be had: stat() opens no descriptor. On Windows no lock is dropped that
 * way, and no identity is needed. */
static char *
dup_file_identity (const char *path)
{
#ifdef G_OS_WIN32
  return NULL;
#else
  GStatBuf info;

  if (g_stat (path, &info) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, (guint64) info.st_dev, (guint64) info.st_ino);
#endif
}

static gboolean
file_is_open_locked (const char *identity)
{
  return identity != NULL && open_files != NULL && g_hash_table_contains (open_files, identity);
}

/* Whether a connection of this process has @path open: then no code may
 * open the file through a descriptor of its own. */
gboolean
_rct_store_file_is_open (const char *path)
{
  g_autofree char *identity = dup_file_identity (path);
  gboolean open;

  G_LOCK (open_files);
  open = file_is_open_locked (identity);
  G_UNLOCK (open_files);
  /* Its -wal, -shm or -journal: SQLite holds locks there too. */
  for (guint i = 0; !open && i < 3; i++)
    {
      const char *suffixes[] = { "-wal", "-shm", "-journal" };

      if (g_str_has_suffix (path, suffixes[i]))
        {
          g_autofree char *ledger = g_strndup (path, strlen (path) - strlen (suffixes[i]));

          open = _rct_store_file_is_open (ledger);
        }
    }
  return open;
}

static void
register_open_locked (RctStore *self)
{
  g_assert (SQ (self)->file_identity == NULL);
  SQ (self)->file_identity = dup_file_identity (self->path);
  if (SQ (self)->file_identity == NULL)
    return;
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (open_files, g_strdup (SQ (self)->file_identity),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (open_files, SQ (self)->file_identity)) + 1));
}

static void
unregister_open (RctStore *self)
{
  guint count;

  if (SQ (self)->file_identity == NULL)
    return;
  G_LOCK (open_files);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, SQ (self)->file_identity));
  if (count > 1)
    g_hash_table_insert (open_files, g_strdup (SQ (self)->file_identity), GUINT_TO_POINTER (count - 1));
  else
    g_hash_table_remove (open_files, SQ (self)->file_identity);
  G_UNLOCK (open_files);
  g_clear_pointer (&SQ (self)->file_identity, g_free);
}

/* Reads application_id and user_version from the file header, without
 * SQLite, so a file we must refuse is never opened for writing. GLib's
 * stdio, not GIO: `rectify-cli stats` opens ledgers without loading GIO
 * (docs/PERFORMANCE.md). */
static gboolean
read_header (const char  *path,
             gboolean    *exists,
             int         *user_version,
             GError     **error)
{
  GStatBuf info;
  FILE *file;
  guint8 header[100];
  gsize n_read = 0;
  int saved_errno;
  guint32 app_id;

  *exists = FALSE;
  *user_version = 0;

  /* A folder, a pipe or a device is no ledger; reading a pipe would wait
   * for ever. */
  if (g_stat (path, &info) == 0 && !S_ISREG (info.st_mode))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER,
                   _("“%s” is not a file; choose a ledger file (.db) made by Rectify."), path);
      return FALSE;
    }

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  *exists = TRUE;
  n_read = fread (header, 1, sizeof header, file);
  saved_errno = errno;
  if (n_read < sizeof header && ferror (file))
    {
      fclose (file);
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  fclose (file);
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
  int rc = sqlite3_prepare_v2 (SQ (self)->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);

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
      SQ (self)->known_good = TRUE;
      return TRUE;
    }
  if (flags & RCT_STORE_OPEN_DEFER_CHECK)
    return TRUE;
  before = rct_check_mark_stamp (self->path);
  SQ (self)->ran_check = TRUE;
  if (!quick_check (self, error))
    {
      rct_check_mark_record (self->path, NULL);
      return FALSE;
    }
  SQ (self)->known_good = TRUE;
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
  if (!SQ (self)->known_good)
    return;
  sqlite3_busy_timeout (SQ (self)->db, 200);
  _rct_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
}

/* After a close: what Rectify wrote to a good ledger keeps it good. A log
 * still holding changes (a reader kept the checkpoint from finishing) will
 * change the file later, so then nothing is remembered. */
static void
remember_good_close (RctStore *self)
{
  g_autofree char *stamp = NULL;

  if (!SQ (self)->known_good || self->path == NULL)
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
  return file_of (self) != NULL && file_of (self)->ran_check;
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
  /* A server keeps its own data sound: nothing for the caller to check. */
  if (self->backend != &rct_store_backend_sqlite)
    return TRUE;
  return file_of (self) != NULL && file_of (self)->known_good;
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
  if (file_of (self) != NULL)
    file_of (self)->known_good = TRUE;
}

/* How long a copy waits, all told, for a ledger another program keeps busy. */
#define COPY_BUSY_LIMIT_MS 60000

/* Removes a copy that failed, and what SQLite left beside it. */
static void
remove_with_log (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* A copy of the ledger (a backup, the copy before a migration, the file a
 * restore puts in place) is a plain ledger on any computer: it has the
 * ledger's file mode from the start (a 0600 ledger never gives a 0644
 * copy), holds no lock row of the process that took it, and leaves no
 * -wal or -shm beside it. */
static gboolean
copy_database (RctStore         *self,
               const char       *dest_path,
               RctStoreStopFunc  stop,
               gpointer          stop_data,
               GError          **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  GStatBuf info;
  int mode = 0600;
  int busy_ms = 0;
  int fd;
  int rc;

  if (self->path != NULL && g_stat (self->path, &info) == 0)
    mode = info.st_mode & 0777;
  /* Never a descriptor of a file a connection of ours has open: closing it
   * would drop that connection's locks. */
  if (_rct_store_file_is_open (dest_path))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                   _("The backup “%s” could not be written: it is a ledger open in Rectify."), dest_path);
      return FALSE;
    }
  fd = g_open (dest_path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0 || g_chmod (dest_path, mode) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                   _("The backup “%s” could not be written: %s."), dest_path, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (dest, 1);
      backup = sqlite3_backup_init (dest, "main", SQ (self)->db, "main");
      if (backup != NULL)
        {
          for (;;)
            {
              /* A cancel is seen every 256 pages (1 MB at most). */
              if (stop != NULL && stop (stop_data))
                {
                  rc = SQLITE_INTERRUPT;
                  break;
                }
              rc = sqlite3_backup_step (backup, 256);
              if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
              /* Another program holds the ledger: wait a little, not for ever. */
              if (rc != SQLITE_OK)
                {
                  if (busy_ms >= COPY_BUSY_LIMIT_MS)
                    break;
                  sqlite3_sleep (50);
                  busy_ms += 50;
                }
            }
          sqlite3_backup_finish (backup);
          if (rc == RCT_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_extended_errcode (dest);
    }
  /* The copy is no running copy's: its lock row goes. It is kept with a
   * rollback journal, so reading it (a check, a look at its identity)
   * leaves no -wal or -shm beside it, and it reads even from a read-only
   * folder; opened for writing, it is a WAL ledger again. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "DELETE FROM lock", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      int primary = rc & 0xff;
      if (stop != NULL && stop (stop_data))
        ; /* the caller says it was stopped */
      else if (primary == SQLITE_FULL)
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                     _("The disk is full: the backup “%s” could not be written."), dest_path);
      else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                     _("The backup “%s” could not be written: another program kept the ledger busy for a minute."),
                     dest_path);
      else
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                     _("The backup “%s” could not be written: %s."), dest_path,
                     dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      remove_with_log (dest_path);
      return FALSE;
    }
  if (sqlite3_close (dest) != SQLITE_OK)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                   _("The backup “%s” could not be written: %s."), dest_path, sqlite3_errmsg (dest));
      remove_with_log (dest_path);
      return FALSE;
    }
  return TRUE;
}

/* Schema step 5: every ledger gets its own uuid, once, when it is made or
 * upgraded; copies of it (backups) keep it. */
static gboolean
write_identity (RctStore  *self,
                GError   **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = rct_clock_now ();
  RctStmt *stmt = _rct_store_prepare (self, "INSERT INTO ledger (id, uuid, created_at)"
                                            " SELECT 1, ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM ledger)", error);

  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  rct_stmt_bind_text (stmt, 2, now);
  return _rct_store_step_done (self, stmt, error);
}

/* Step 18 (rct-schema.c): each table's CHECK (x IN (…)) lists written as
 * comparisons in its definition, by SQLite's documented procedure for a
 * changed CHECK constraint (no row changes): the definitions written with
 * writable_schema, the schema's cookie moved on, the schema read again.
 * A build of SQLite that refuses to write its schema (defensive mode), or
 * anything else going wrong here, leaves the lists as they were: as right,
 * only slower, and the upgrade goes on. */
static gboolean
rewrite_check_lists (RctStore  *self,
                     GError   **error)
{
  sqlite3 *db = SQ (self)->db;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) definitions = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int cookie = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '% IN (%'",
                           -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *rewritten = rct_schema_check_lists_rewritten ((const char *) sqlite3_column_text (stmt, 1));

      if (rewritten == NULL)
        continue;
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (definitions, rewritten);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _rct_sqlite_set_error (db, sqlite3_extended_errcode (db), error);
      return FALSE;
    }
  if (names->len == 0)
    return TRUE;
  if (!_rct_store_query_int (self, "PRAGMA schema_version", &cookie, error) ||
      !_rct_store_exec (self, "SAVEPOINT check_lists", error))
    return FALSE;

  rc = sqlite3_exec (db, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "UPDATE sqlite_master SET sql = ?1 WHERE type = 'table' AND name = ?2", -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < names->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (definitions, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (names, i), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE && sqlite3_changes (db) == 1 ? SQLITE_OK : SQLITE_ERROR;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    {
      g_autofree char *next = g_strdup_printf ("PRAGMA schema_version = %d", cookie + 1);
      rc = sqlite3_exec (db, next, NULL, NULL, NULL);
    }
  sqlite3_exec (db, "PRAGMA writable_schema = OFF", NULL, NULL, NULL);
  /* The schema read again from the definitions written: one that did not
   * parse would show here, and be undone. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("the CHECK lists stay as they were: %s", sqlite3_errmsg (db));
      sqlite3_exec (db, "ROLLBACK TO check_lists", NULL, NULL, NULL);
    }
  return _rct_store_exec (self, "RELEASE check_lists", error);
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
      if (!copy_database (self, self->migration_backup, NULL, NULL, error))
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
          (v == RCT_SCHEMA_STEP_CHECK_LISTS && !rewrite_check_lists (self, error)) ||
          !_rct_store_exec (self, set_version, error))
        {
          _rct_store_exec (self, "ROLLBACK", NULL);
          g_prefix_error (error, "%s ", _("The ledger could not be upgraded and was left as it was."));
          return FALSE;
        }
    }
  if (from_version < 5 && !write_identity (self, error))
    {
      _rct_store_exec (self, "ROLLBACK", NULL);
      g_prefix_error (error, "%s ", _("The ledger could not be upgraded and was left as it was."));
      return FALSE;
    }
  if (from_version < 7 && !_rct_store_write_organisation (self, error))
    {
      _rct_store_exec (self, "ROLLBACK", NULL);
      g_prefix_error (error, "%s ", _("The ledger could not be upgraded and was left as it was."));
      return FALSE;
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
  RctStmt *stmt;
  g_autofree char *holder_host = NULL;
  gint64 holder_pid = 0;
  g_autofree char *now = rct_clock_now ();

  if (!_rct_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = _rct_store_prepare (self, "SELECT host, pid FROM lock WHERE id = 1", error);
  if (stmt == NULL)
    goto fail;
  switch (_rct_store_step (self, stmt, error))
    {
    case RCT_ROW:
      holder_host = g_strdup (rct_stmt_column_text (stmt, 0));
      holder_pid = rct_stmt_column_int64 (stmt, 1);
      break;
    case RCT_DONE:
      break;
    default:
      goto fail;
    }
  rct_stmt_reset (stmt);

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
          SQ (self)->holds_lock = FALSE;
          return _rct_store_exec (self, "COMMIT", error);
        }
      g_message ("Taking over a stale lock of process %" G_GINT64_FORMAT " on %s", holder_pid, holder_host);
    }

  stmt = _rct_store_prepare (self, "INSERT OR REPLACE INTO lock (id, host, pid, since) VALUES (1, ?1, ?2, ?3)",
                             error);
  if (stmt == NULL)
    goto fail;
  rct_stmt_bind_text (stmt, 1, self->host);
  rct_stmt_bind_int64 (stmt, 2, self->pid);
  rct_stmt_bind_text (stmt, 3, now);
  if (!_rct_store_step_done (self, stmt, error) || !_rct_store_exec (self, "COMMIT", error))
    goto fail;

  SQ (self)->holds_lock = TRUE;
  return TRUE;

fail:
  _rct_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

static void
release_lock (RctStore *self)
{
  RctStmt *stmt;

  if (!SQ (self)->holds_lock || SQ (self)->db == NULL)
    return;
  stmt = _rct_store_prepare (self, "DELETE FROM lock WHERE id = 1 AND host = ?1 AND pid = ?2", NULL);
  if (stmt != NULL)
    {
      rct_stmt_bind_text (stmt, 1, self->host);
      rct_stmt_bind_int64 (stmt, 2, self->pid);
      _rct_store_step_done (self, stmt, NULL);
    }
  SQ (self)->holds_lock = FALSE;
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
  int rc = sqlite3_prepare_v2 (SQ (self)->db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc;
}

/* Checks the header and opens the first connection, with the table of
 * open files locked: a header read by our own descriptor and a connection
 * of another thread never overlap. A file this process has open already
 * is checked through SQLite alone (rct_store_open() asks it again). */
static gboolean
open_connection_locked (RctStore           *self,
                        RctStoreOpenFlags   flags,
                        gboolean           *exists,
                        int                *version,
                        GError            **error)
{
  g_autofree char *identity = dup_file_identity (self->path);
  const char *path = self->path;
  int open_flags;
  int rc;

  if (file_is_open_locked (identity))
    {
      *exists = TRUE;
      *version = 0;
    }
  else if (!read_header (path, exists, version, error))
    return FALSE;

  if (!*exists && !(flags & RCT_STORE_OPEN_CREATE))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("There is no ledger “%s”; check the name, or create a new ledger."), path);
      return FALSE;
    }
  if (!*exists && (flags & RCT_STORE_OPEN_READ_ONLY))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("There is no ledger “%s” to open read-only."), path);
      return FALSE;
    }
  if (!*exists && !ensure_folder (path, error))
    return FALSE;

  self->schema_version = *version;
  open_flags = self->read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  rc = sqlite3_open_v2 (path, &SQ (self)->db, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("Cannot open the ledger “%s”: %s"), path,
                   SQ (self)->db ? sqlite3_errmsg (SQ (self)->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  register_open_locked (self);
  return TRUE;
}

/* A read-only connection of our own through SQLite, registered among the
 * open files like any other. */
static RctStore *
open_reader (const char  *path,
             GError     **error)
{
  g_autoptr(RctStore) reader = g_object_new (RCT_TYPE_STORE, NULL);
  int rc;

  _rct_store_locks_init ();
  reader->path = g_strdup (path);
  reader->read_only = TRUE;
  reader->backend = &rct_store_backend_sqlite;
  reader->backend_data = g_new0 (RctSqliteStore, 1);
  G_LOCK (open_files);
  rc = sqlite3_open_v2 (path, &SQ (reader)->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    register_open_locked (reader);
  G_UNLOCK (open_files);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("Cannot open the ledger “%s”: %s"), path,
                   SQ (reader)->db ? sqlite3_errmsg (SQ (reader)->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (SQ (reader)->db, 1);
  sqlite3_busy_handler (SQ (reader)->db, busy_cb, reader);
  return g_steal_pointer (&reader);
}

/**
 * rct_store_read_identity:
 * @path: a ledger or a backup, which may be damaged elsewhere
 *
 * Reads the ledger's uuid through SQLite alone, without the checks of an
 * opening: enough to tell whose backup a file is, or whose a damaged
 * ledger's backups are.
 *
 * Returns: (transfer full) (nullable): the uuid, or %NULL when the file
 *   is missing, no ledger, older than version 5, or unreadable there
 */
char *
rct_store_read_identity (const char *path)
{
  g_autoptr(RctStore) reader = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  reader = open_reader (path, NULL);
  return reader != NULL ? _rct_store_query_identity (reader) : NULL;
}

typedef struct
{
  RctStoreStopFunc stop;
  gpointer         data;
} StopAsk;

static int
progress_stop_cb (void *user_data)
{
  StopAsk *ask = user_data;

  return ask->stop (ask->data) ? 1 : 0;
}

/* rct_store_quick_check() (rct-backups.c) without GIO: stopped when @stop
 * says so, then %FALSE with no error (the caller says why). */
gboolean
_rct_store_quick_check_until (const char        *path,
                              RctStoreStopFunc   stop,
                              gpointer           stop_data,
                              GError           **error)
{
  g_autoptr(RctStore) checker = open_reader (path, error);
  StopAsk ask = { stop, stop_data };

  if (checker == NULL)
    return FALSE;
  if (stop != NULL)
    sqlite3_progress_handler (SQ (checker)->db, 10000, progress_stop_cb, &ask);
  if (!quick_check (checker, error))
    {
      if (stop != NULL && stop (stop_data))
        g_clear_error (error);
      return FALSE;
    }
  return TRUE;
}

/**
 * rct_store_check:
 *
 * The full check of `rectify-cli check`: PRAGMA integrity_check and
 * foreign_key_check, each of which must find nothing; on the server, its
 * own answers to the same two questions (rct-dialect.h).
 */
gboolean
rct_store_check (RctStore  *self,
                 GError   **error)
{
  RctStmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  /* A check that cannot run has not passed: its error is the answer. */
  stmt = _rct_store_prepare_uncached (self, _rct_store_dialect (self, RCT_DIALECT_INTEGRITY_CHECK), error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = _rct_store_step (self, stmt, error)) == RCT_ROW)
    {
      const char *line = rct_stmt_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        {
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append (problems, line);
        }
    }
  rct_stmt_finalize (stmt);
  stmt = NULL;
  if (rc != RCT_DONE)
    return FALSE;

  if (problems->len == 0)
    {
      stmt = _rct_store_prepare_uncached (self, _rct_store_dialect (self, RCT_DIALECT_FOREIGN_KEY_CHECK), error);
      if (stmt == NULL)
        return FALSE;
      rc = _rct_store_step (self, stmt, error);
      if (rc == RCT_ROW)
        g_string_append_printf (problems, _("a record of “%s” refers to a missing record"),
                                rct_stmt_column_text (stmt, 0));
      rct_stmt_finalize (stmt);
      if (rc != RCT_ROW && rc != RCT_DONE)
        return FALSE;
    }

  if (problems->len > 0)
    {
      /* Damaged without a change to its file's stamp (the disk itself):
       * every open checks it again. */
      if (!rct_store_is_server (self))
        {
          SQ (self)->known_good = FALSE;
          rct_check_mark_record (self->path, NULL);
        }
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED,
                   _("The ledger failed its check (%s); restore it from a backup."), problems->str);
      return FALSE;
    }
  return TRUE;
}

/* Whether two paths name one file, however spelled: "./x.db", a symbolic
 * link, a hard link. */
static gboolean
is_same_file (const char *a,
              const char *b)
{
  g_autofree char *identity_a = dup_file_identity (a);
  g_autofree char *identity_b = NULL;
  g_autofree char *canonical_a = NULL;
  g_autofree char *canonical_b = NULL;

  if (identity_a != NULL)
    {
      identity_b = dup_file_identity (b);
      return g_strcmp0 (identity_a, identity_b) == 0;
    }
  /* No identity to compare (a file not there yet, or Windows): the names. */
  canonical_a = g_canonicalize_filename (a, NULL);
  canonical_b = g_canonicalize_filename (b, NULL);
  return g_strcmp0 (canonical_a, canonical_b) == 0;
}


/* rct_store_backup() that stops, leaving @dest_path as it was, when @stop
 * says so before the copy is whole: then %FALSE with no error, the caller
 * saying why (_rct_store_backup() in rct-backups.c, with a GCancellable). */
gboolean
_rct_store_backup_until (RctStore          *self,
                         const char        *dest_path,
                         RctStoreStopFunc   stop,
                         gpointer           stop_data,
                         GError           **error)
{
  g_autofree char *partial = NULL;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (self->path != NULL && is_same_file (dest_path, self->path))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("A backup cannot replace the ledger itself; choose another file name."));
      return FALSE;
    }
  if (!ensure_folder (dest_path, error))
    return FALSE;

  partial = g_strconcat (dest_path, ".partial", NULL);
  g_unlink (partial);
  if (!copy_database (self, partial, stop, stop_data, error))
    return FALSE;
  /* Whole, but stopped before it took the destination's place. */
  if (stop != NULL && stop (stop_data))
    {
      remove_with_log (partial);
      return FALSE;
    }
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

/* The backend's operations (rct-store-backend.h). */

static RctStmt *
sqlite_prepare (RctStore    *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v3 (SQ (self)->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _rct_sqlite_set_error (SQ (self)->db, sqlite3_extended_errcode (SQ (self)->db), error);
      return NULL;
    }
  return _rct_sqlite_stmt_new (SQ (self)->db, stmt);
}

static gboolean
sqlite_exec (RctStore    *self,
             const char  *sql,
             GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (SQ (self)->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      g_debug ("exec failed: %s", message);
      sqlite3_free (message);
      _rct_sqlite_set_error (SQ (self)->db, sqlite3_extended_errcode (SQ (self)->db), error);
      return FALSE;
    }
  return TRUE;
}

static gint64
sqlite_last_insert_id (RctStore *self)
{
  return sqlite3_last_insert_rowid (SQ (self)->db);
}

static gint64
sqlite_changes (RctStore *self)
{
  return sqlite3_changes (SQ (self)->db);
}

static void
sqlite_interrupt (RctStore *self)
{
  sqlite3_interrupt (SQ (self)->db);
}

/* Once, before SQLite starts: it keeps no count of its memory, which
 * nothing here asks for (sqlite3_memory_used(), the heap limits): the count
 * took a mutex at every allocation, some 7,000 of them in `rectify-cli
 * stats` (docs/PERFORMANCE.md). Where something else in the process
 * started SQLite first, it keeps counting. */
static gpointer
configure_sqlite_cb (gpointer data)
{
  (void) data;
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  return NULL;
}

static gboolean
sqlite_connect (RctStore           *self,
                const char         *location,
                RctStoreOpenFlags   flags,
                GError            **error)
{
  static GOnce configured = G_ONCE_INIT;
  const char *path = location;
  gboolean exists;
  gboolean opened;
  int version;
  int rc;

  g_once (&configured, configure_sqlite_cb, NULL);
  /* Before any connection of ours opens: SQLite's locks are then held so
   * that no stray close() drops them. */
  _rct_store_locks_init ();
  self->backend_data = g_new0 (RctSqliteStore, 1);
  G_LOCK (open_files);
  opened = open_connection_locked (self, flags, &exists, &version, error);
  G_UNLOCK (open_files);
  if (!opened)
    return FALSE;
  SQ (self)->known_good = !exists;
  sqlite3_extended_result_codes (SQ (self)->db, 1);
  sqlite3_busy_handler (SQ (self)->db, busy_cb, self);

  /* SQLite opens a write-protected file read-only without a word; say so
   * now rather than at the first change. */
  if (!self->read_only && sqlite3_db_readonly (SQ (self)->db, "main") == 1)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be opened for writing, since it or its folder is read-only; "
                     "open it read-only, or copy it to a folder you can write to."), path);
      return FALSE;
    }
  /* In a read-only folder SQLite cannot make the shared-memory file a WAL
   * ledger is read with; nobody can change the file there either, so it is
   * read as immutable. */
  if (self->read_only && exists &&
      ((rc = first_read (self) & 0xff) == SQLITE_CANTOPEN || rc == SQLITE_READONLY))
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      sqlite3_close (SQ (self)->db);
      SQ (self)->db = NULL;
      rc = sqlite3_open_v2 (immutable, &SQ (self)->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                       _("Cannot open the ledger “%s”: %s"), path,
                       SQ (self)->db ? sqlite3_errmsg (SQ (self)->db) : sqlite3_errstr (rc));
          return FALSE;
        }
      sqlite3_extended_result_codes (SQ (self)->db, 1);
    }

  if (!_rct_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (exists && !check_unless_unchanged (self, flags, error))
    return FALSE;

  /* The header may lag behind the write-ahead log: ask SQLite too, before
   * anything is written. */
  if (exists)
    {
      int app_id = 0;
      int tables = 0;

      if (!_rct_store_query_int (self, "PRAGMA application_id", &app_id, error) ||
          !_rct_store_query_int (self, "PRAGMA user_version", &version, error) ||
          !_rct_store_query_int (self, "SELECT count(*) FROM sqlite_master", &tables, error))
        return FALSE;
      self->schema_version = version;
      if (version > RCT_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEWER_VERSION,
                       _("“%s” was made by a newer version of Rectify (ledger version %d, this program knows %d); "
                         "update Rectify to open it. The file was not changed."),
                       path, version, RCT_STORE_SCHEMA_VERSION);
          return FALSE;
        }
      /* An SQLite file with tables but no version of ours belongs to
       * another program: never add our tables to it. */
      if ((version != 0 && app_id != RCT_SCHEMA_APPLICATION_ID) ||
          (version == 0 && tables != 0))
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER,
                       _("“%s” is an SQLite file of another program, not a Rectify ledger."), path);
          return FALSE;
        }
    }

  /* Read-only, nothing is written: rct_store_open() refuses an older one. */
  if (self->read_only)
    return TRUE;

  /* Statement journals in memory: they hold a few pages at a time. */
  _rct_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
  if (!_rct_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_rct_store_exec (self, "PRAGMA synchronous = FULL", error))
    {
      int primary = sqlite3_extended_errcode (SQ (self)->db) & 0xff;

      /* A ledger with a rollback journal (a restored backup) in a folder
       * that takes no new file: its -wal cannot be made there. */
      if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
        {
          g_clear_error (error);
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY,
                       _("“%s” cannot be opened for writing, since it or its folder is read-only; "
                         "open it read-only, or copy it to a folder you can write to."), path);
          return FALSE;
        }
      g_prefix_error (error, "%s ", _("Cannot open the ledger for writing."));
      return FALSE;
    }

  /* A new file has no lock row yet: sqlite_create_schema() takes it. */
  if (version > 0 && !take_lock (self, error))
    return FALSE;
  return TRUE;
}

/* Releases the lock and closes the file. */
static void
sqlite_disconnect (RctStore *self)
{
  RctSqliteStore *sq = SQ (self);

  if (sq->db != NULL)
    {
      release_lock (self);
      if (!self->read_only)
        {
          /* Bounded, as SQLite advises: unbounded, the ANALYZE that optimize
           * runs read whole indexes, 1.6 s at a million problems, while the
           * window closed; sampled, 2 ms (docs/PERFORMANCE.md). */
          _rct_store_exec (self, "PRAGMA analysis_limit = 400", NULL);
          _rct_store_exec (self, "PRAGMA optimize", NULL);
          checkpoint_before_close (self);
        }
      g_hash_table_remove_all (self->statements);
      sqlite3_close_v2 (sq->db);
      sq->db = NULL;
      if (!self->read_only)
        remember_good_close (self);
    }
  unregister_open (self);
  g_free (sq);
  self->backend_data = NULL;
}

static int
sqlite_schema_version (RctStore  *self,
                       GError   **error)
{
  /* Read by sqlite_connect(), from the header and from SQLite. */
  return self->schema_version;
}

static gboolean
sqlite_create_schema (RctStore  *self,
                      GError   **error)
{
  return migrate (self, 0, error) && take_lock (self, error);
}

static gboolean
sqlite_migrate (RctStore  *self,
                int        from_version,
                GError   **error)
{
  return migrate (self, from_version, error);
}

/* PRAGMA data_version: another connection to the file committed since it
 * was last asked when it differs; this connection's own commits leave it. */
static gint64
read_data_version (RctStore *self)
{
  RctStmt *stmt = _rct_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = 0;

  if (stmt != NULL && _rct_store_step (self, stmt, NULL) == RCT_ROW)
    version = rct_stmt_column_int64 (stmt, 0);
  if (stmt != NULL)
    rct_stmt_reset (stmt);
  return version;
}

static int
sqlite_watch (RctStore *self)
{
  if (SQ (self)->data_version == 0)
    SQ (self)->data_version = read_data_version (self);
  return -1;
}

/* A file does not say what another program changed: every kind. */
static guint
sqlite_take_changes (RctStore *self)
{
  gint64 version = read_data_version (self);
  gboolean changed = version != 0 && SQ (self)->data_version != 0 && version != SQ (self)->data_version;

  if (version != 0)
    SQ (self)->data_version = version;
  return changed ? (1u << RCT_N_KINDS) - 1 : 0;
}

static const char *
sqlite_dialect (int which)
{
  g_return_val_if_fail (which >= 0 && which < RCT_DIALECT_N, "");
  return rct_dialect_sqlite[which];
}

const RctStoreBackend rct_store_backend_sqlite = {
  .name = "sqlite",
  .connect = sqlite_connect,
  .disconnect = sqlite_disconnect,
  .prepare = sqlite_prepare,
  .exec = sqlite_exec,
  .last_insert_id = sqlite_last_insert_id,
  .changes = sqlite_changes,
  .interrupt = sqlite_interrupt,
  .schema_version = sqlite_schema_version,
  .create_schema = sqlite_create_schema,
  .migrate = sqlite_migrate,
  .dialect = sqlite_dialect,
  .bulk_begin = sqlite_bulk_begin,
  .bulk_end = sqlite_bulk_end,
  .bulk_expect = sqlite_bulk_expect,
  .watch = sqlite_watch,
  .take_changes = sqlite_take_changes,
};
