/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-backups"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rct-backups-private.h"
#include "rct-store-copy.h"
#include "rct-store-private.h"

/* Automatic backups: a copy through SQLite's backup API at most once a day
 * per ledger, kept in a folder beside the user data with only the newest
 * ones; and a restore that first keeps the file it replaces. Each ledger
 * has its own series, named by the identity stored in it (schema step 5),
 * never by its file name alone: two ledgers called rectify.db in different
 * folders never share backups. A backup's name is the ledger's file name
 * (for the clerk), its uuid and a UTC stamp, so names sort by age:
 * 整改 台账.db → 整改 台账.<uuid>.20211120-083000.db. A backup is offered
 * only when the identity inside it is the ledger's too.
 *
 * Backups of older versions, named "stem.STAMP.db", carry no identity:
 * they are left in the folder as they are, never offered and never
 * trimmed (docs/RELIABILITY.md says how to use one). */

#define STAMP_LENGTH 15  /* YYYYMMDD-HHMMSS */
/* The file name's part of a backup's name, in characters: enough to
 * recognise, short enough for any file system's limit. */
#define STEM_MAX 64

void (*_rct_backups_restore_step_hook) (RctRestoreStep step);

static void
restore_step (RctRestoreStep step)
{
  if (_rct_backups_restore_step_hook != NULL)
    _rct_backups_restore_step_hook (step);
}

static gboolean restore (const char    *ledger_path,
                         const char    *backup_path,
                         const char    *backup_dir,
                         GCancellable  *cancellable,
                         GError       **error);
static gboolean take_if_due (RctStore      *store,
                             const char    *backup_dir,
                             guint          keep,
                             GDateTime     *now,
                             GCancellable  *cancellable,
                             char         **out_path,
                             GError       **error);

static gboolean
cancelled_cb (gpointer data)
{
  return g_cancellable_is_cancelled (data);
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
  g_autoptr(GError) local_error = NULL;

  if (_rct_store_quick_check_until (path, cancellable != NULL ? cancelled_cb : NULL, cancellable, &local_error))
    return TRUE;
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * rct_store_backup:
 *
 * Copies the ledger to @dest_path with SQLite's backup API, consistent even
 * while it is in use. An existing file at @dest_path is replaced only when
 * the copy is complete. A server's ledger is copied into the file.
 */
gboolean
rct_store_backup (RctStore    *self,
                  const char  *dest_path,
                  GError     **error)
{
  return _rct_store_backup (self, dest_path, NULL, error);
}

/* rct_store_backup() that stops, leaving @dest_path as it was, when
 * @cancellable is cancelled before the copy is whole. */
gboolean
_rct_store_backup (RctStore      *self,
                   const char    *dest_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* A server ledger's backup is a copy of it into a file (issue 20). */
  if (rct_store_is_server (self))
    return _rct_store_copy_to_file (self, dest_path, error);
  if (_rct_store_backup_until (self, dest_path, cancellable != NULL ? cancelled_cb : NULL, cancellable, &local_error))
    return TRUE;
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

char *
rct_backups_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "rectify", "backups", NULL);
}

static char *
stem_of (const char *ledger_path)
{
  g_autofree char *base = g_path_get_basename (ledger_path);

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  if (g_utf8_validate (base, -1, NULL) && g_utf8_strlen (base, -1) > STEM_MAX)
    return g_utf8_substring (base, 0, STEM_MAX);
  return g_steal_pointer (&base);
}

static gboolean
is_stamp (const char *text)
{
  for (int i = 0; i < STAMP_LENGTH; i++)
    if (i == 8 ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* By the stamp that ends each name: the file name before it may differ
 * (a ledger renamed keeps its series). */
static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const char *name_a = *(const char **) a;
  const char *name_b = *(const char **) b;
  gsize length_a = strlen (name_a);
  gsize length_b = strlen (name_b);

  if (length_a < STAMP_LENGTH + 3 || length_b < STAMP_LENGTH + 3)
    return -g_strcmp0 (name_a, name_b);
  return -strcmp (name_a + length_a - STAMP_LENGTH - 3, name_b + length_b - STAMP_LENGTH - 3);
}

static char *
backup_name (const char *ledger_path,
             const char *identity,
             const char *infix,
             GDateTime  *now)
{
  g_autofree char *stem = stem_of (ledger_path);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  if (identity == NULL)
    return g_strdup_printf ("%s.%s%s.db", stem, infix, stamp);
  return g_strdup_printf ("%s.%s.%s%s.db", stem, identity, infix, stamp);
}

static gboolean
ensure_dir (const char  *dir,
            GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE, _("Cannot create the folder “%s”: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* The UTC time of a backup name's stamp, YYYYMMDD-HHMMSS. */
static GDateTime *
stamp_time (const char *stamp)
{
  int year, month, day, hour, minute, second;

  if (!is_stamp (stamp) ||
      sscanf (stamp, "%4d%2d%2d-%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) != 6)
    return NULL;
  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

/**
 * rct_backups_dup_time:
 * @backup_path: a path rct_backups_list() gave
 *
 * Returns: (transfer full) (nullable): when the backup was taken (UTC), or
 *   %NULL when the name carries no stamp
 */
GDateTime *
rct_backups_dup_time (const char *backup_path)
{
  g_autofree char *name = g_path_get_basename (backup_path);
  gsize length = strlen (name);

  if (length < STAMP_LENGTH + 3 || !g_str_has_suffix (name, ".db"))
    return NULL;
  return stamp_time (name + length - 3 - STAMP_LENGTH);
}

/* "Once a day" is the office's day, in local time; names are stamped in
 * UTC only so that they sort. */
static gboolean
same_local_day (GDateTime *a,
                GDateTime *b)
{
  g_autoptr(GDateTime) local_a = g_date_time_to_local (a);
  g_autoptr(GDateTime) local_b = g_date_time_to_local (b);
  int ya, ma, da, yb, mb, db;

  g_date_time_get_ymd (local_a, &ya, &ma, &da);
  g_date_time_get_ymd (local_b, &yb, &mb, &db);
  return ya == yb && ma == mb && da == db;
}

/* The daily backups of the ledger whose uuid is @identity: names ending
 * ".<uuid>.<stamp>.db" whose own identity, read inside, is the same. */
static GPtrArray *
list_series (const char *identity,
             const char *backup_dir)
{
  g_autofree char *tail = g_strconcat (".", identity, ".", NULL);
  g_autoptr(GDir) dir = identity != NULL ? g_dir_open (backup_dir, 0, NULL) : NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  gsize tail_length = strlen (tail);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      gsize length = strlen (name);
      const char *stamp;
      g_autofree char *path = NULL;
      g_autofree char *inside = NULL;

      if (length < tail_length + STAMP_LENGTH + 3 || !g_str_has_suffix (name, ".db"))
        continue;
      stamp = name + length - 3 - STAMP_LENGTH;
      if (strncmp (stamp - tail_length, tail, tail_length) != 0 || !is_stamp (stamp))
        continue;
      path = g_build_filename (backup_dir, name, NULL);
      inside = rct_store_read_identity (path);
      if (g_strcmp0 (inside, identity) == 0)
        g_ptr_array_add (found, g_steal_pointer (&path));
      else
        g_debug ("%s is named for ledger %s but holds %s; not offered", name, identity, inside);
    }
  g_ptr_array_sort (found, newest_first);
  return found;
}

/**
 * rct_backups_list:
 * @ledger_path: the ledger (need not exist)
 * @backup_dir: the backups folder (need not exist)
 *
 * The daily backups of a ledger, by the identity stored in it; none when
 * that cannot be read (a missing ledger, or one too damaged). The copies
 * kept before a restore ("stem.uuid.before-restore.STAMP.db") are not
 * counted among them.
 *
 * Returns: (transfer full) (element-type filename): full paths, newest first
 */
GPtrArray *
rct_backups_list (const char *ledger_path,
                  const char *backup_dir)
{
  g_autofree char *identity = rct_store_read_identity (ledger_path);

  return list_series (identity, backup_dir);
}

/**
 * rct_backups_take_if_due_at:
 * @now: (nullable): the time to stamp the backup with (UTC); %NULL for now
 * @keep: how many daily backups of this ledger to keep (at least 1)
 * @out_path: (out) (optional) (nullable): the backup taken, or %NULL when
 *   one was taken that day already
 *
 * Takes the day's backup of @store when there is none of that (local) day yet,
 * then removes all but the newest @keep. A read-only store is backed up too:
 * the backup API only reads.
 */
gboolean
rct_backups_take_if_due_at (RctStore    *store,
                            const char  *backup_dir,
                            guint        keep,
                            GDateTime   *now,
                            char       **out_path,
                            GError     **error)
{
  return take_if_due (store, backup_dir, keep, now, NULL, out_path, error);
}

static gboolean
take_if_due (RctStore      *store,
             const char    *backup_dir,
             guint          keep,
             GDateTime     *now,
             GCancellable  *cancellable,
             char         **out_path,
             GError       **error)
{
  g_autoptr(GDateTime) utc = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  const char *ledger = rct_store_get_path (store);
  const char *identity = rct_store_get_identity (store);
  g_autoptr(GPtrArray) existing = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);
  g_return_val_if_fail (backup_dir != NULL, FALSE);

  if (out_path != NULL)
    *out_path = NULL;
  if (identity == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEEDS_UPGRADE,
                           _("This ledger has no identity of its own yet; open it once for writing to upgrade it."));
      return FALSE;
    }
  existing = list_series (identity, backup_dir);
  name = backup_name (ledger, identity, "", utc);
  path = g_build_filename (backup_dir, name, NULL);
  if (existing->len > 0)
    {
      g_autoptr(GDateTime) taken = rct_backups_dup_time (g_ptr_array_index (existing, 0));

      if (taken != NULL && same_local_day (taken, utc))
        return TRUE;
    }
  if (!ensure_dir (backup_dir, error) || !_rct_store_backup (store, path, cancellable, error))
    return FALSE;

  g_clear_pointer (&existing, g_ptr_array_unref);
  existing = list_series (identity, backup_dir);
  for (guint i = MAX (keep, 1); i < existing->len; i++)
    {
      const char *old = g_ptr_array_index (existing, i);
      g_autofree char *wal = g_strconcat (old, "-wal", NULL);
      g_autofree char *shm = g_strconcat (old, "-shm", NULL);

      /* Checking a backup may have left its -wal and -shm beside it. */
      g_unlink (old);
      g_unlink (wal);
      g_unlink (shm);
    }
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

/**
 * rct_backups_take_if_due:
 *
 * rct_backups_take_if_due_at() for now: what the window calls when it has
 * opened a ledger for writing.
 */
gboolean
rct_backups_take_if_due (RctStore    *store,
                         const char  *backup_dir,
                         guint        keep,
                         char       **out_path,
                         GError     **error)
{
  return rct_backups_take_if_due_at (store, backup_dir, keep, NULL, out_path, error);
}

/**
 * rct_backups_newest_good:
 *
 * Returns: (transfer full) (nullable): the newest backup that passes
 *   quick_check: what to offer when a ledger is found damaged
 */
char *
rct_backups_newest_good (const char *ledger_path,
                         const char *backup_dir)
{
  g_autoptr(GPtrArray) backups = rct_backups_list (ledger_path, backup_dir);

  for (guint i = 0; i < backups->len; i++)
    if (rct_store_quick_check (g_ptr_array_index (backups, i), NULL, NULL))
      return g_strdup (g_ptr_array_index (backups, i));
  return NULL;
}

/* Keeps the ledger as it is before a restore replaces it: through the
 * backup API when it opens (that includes what is still in its -wal), else
 * byte for byte with its -wal, since a damaged file will not open. */
static gboolean
keep_current (const char  *ledger_path,
              const char  *backup_dir,
              GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *identity = rct_store_read_identity (ledger_path);
  g_autofree char *name = backup_name (ledger_path, identity, "before-restore.", now);
  g_autofree char *keep = g_build_filename (backup_dir, name, NULL);
  g_autoptr(RctStore) current = NULL;
  const char *suffixes[] = { "", "-wal" };

  if (!ensure_dir (backup_dir, error))
    return FALSE;
  current = rct_store_open (ledger_path, RCT_STORE_OPEN_READ_ONLY, NULL);
  if (current != NULL && rct_store_backup (current, keep, NULL))
    return TRUE;
  g_clear_object (&current);
  /* Copying through a descriptor of our own would drop the locks of a
   * connection this process still has open. */
  if (_rct_store_file_is_open (ledger_path))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_IN_USE,
                           _("The ledger is still open; close it before restoring a backup."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from_path = g_strconcat (ledger_path, suffixes[i], NULL);
      g_autofree char *to_path = g_strconcat (keep, suffixes[i], NULL);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autoptr(GFile) to = g_file_new_for_path (to_path);

      if (i > 0 && !g_file_test (from_path, G_FILE_TEST_EXISTS))
        continue;
      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Removes a ledger's -wal, -shm or -journal; one that is there and stays
 * would be replayed into the restored file, so that is an error. */
static gboolean
remove_log (const char  *path,
            GError     **error)
{
  if (g_unlink (path) == 0 || errno == ENOENT)
    return TRUE;
  {
    int saved_errno = errno;

    g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE, _("“%s” could not be removed: %s."),
                 path, g_strerror (saved_errno));
  }
  return FALSE;
}

/**
 * rct_backups_restore:
 * @ledger_path: the ledger to replace (it may be missing or damaged)
 * @backup_path: a backup; it must pass quick_check
 * @backup_dir: where the ledger as it was is kept first
 *
 * Replaces the ledger with @backup_path, after keeping the ledger as it is
 * ("stem.uuid.before-restore.STAMP.db" in @backup_dir). The copy is
 * written beside the ledger; then the ledger's old -wal, -shm and -journal
 * are removed (the kept copy holds what they held), and only then is the
 * copy renamed over the ledger: an old log is never replayed into the
 * restored file, whenever the process stops. Call with the ledger closed
 * (and not held by another running copy).
 */
gboolean
rct_backups_restore (const char  *ledger_path,
                     const char  *backup_path,
                     const char  *backup_dir,
                     GError     **error)
{
  return restore (ledger_path, backup_path, backup_dir, NULL, error);
}

/* Cancelled before the old log is removed (the point after which the
 * restored file takes the ledger's place), the ledger is left as it was;
 * the copy of it kept in the backups folder may stay. */
static gboolean
restore (const char    *ledger_path,
         const char    *backup_path,
         const char    *backup_dir,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(RctStore) backup = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *partial = g_strconcat (ledger_path, ".restoring", NULL);
  g_autofree char *wal = g_strconcat (ledger_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (ledger_path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (ledger_path, "-journal", NULL);

  g_return_val_if_fail (ledger_path != NULL && backup_path != NULL && backup_dir != NULL, FALSE);

  /* A restore puts a file in the ledger's place; a server's ledger has no
   * file to replace, and the copy goes into an empty database instead. */
  if (rct_store_location_is_server (ledger_path))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("A ledger on the office's server is not replaced by a backup; copy the backup into a new "
                     "database with rectify-cli copy-ledger BACKUP.db postgresql://…, then open that one. "
                     "The ledger was not changed."));
      return FALSE;
    }
  if (!rct_store_quick_check (backup_path, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED,
                   _("The backup “%s” cannot be restored: %s"), backup_path, local_error->message);
      return FALSE;
    }
  backup = rct_store_open (backup_path, RCT_STORE_OPEN_READ_ONLY, &local_error);
  if (backup == NULL)
    {
      g_set_error (error, RCT_STORE_ERROR, local_error->code,
                   _("The backup “%s” cannot be restored: %s"), backup_path, local_error->message);
      return FALSE;
    }
  /* Never another ledger's backup. A ledger too damaged to say who it is
   * takes the backup the clerk named. */
  {
    g_autofree char *identity = rct_store_read_identity (ledger_path);

    if (identity != NULL && g_strcmp0 (identity, rct_store_get_identity (backup)) != 0)
      {
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                     _("The backup “%s” is a copy of another ledger, not of this one; the ledger was not changed."),
                     backup_path);
        return FALSE;
      }
  }

  /* Keep what is there now, even damaged: someone may need it. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (g_file_test (ledger_path, G_FILE_TEST_EXISTS) && !keep_current (ledger_path, backup_dir, &local_error))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                   _("The ledger was not restored, since it could not be backed up first: %s"),
                   local_error->message);
      return FALSE;
    }
  restore_step (RCT_RESTORE_STEP_KEPT);

  /* Say plainly when the ledger's folder takes no new file. */
  {
    int fd = g_open (partial, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (fd < 0)
      {
        int saved_errno = errno;
        g_autofree char *folder = g_path_get_dirname (ledger_path);

        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                     _("The ledger was not restored and is unchanged: its folder “%s” cannot be written (%s)."),
                     folder, g_strerror (saved_errno));
        return FALSE;
      }
    g_close (fd, NULL);
    g_unlink (partial);
  }
  if (!_rct_store_backup (backup, partial, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                   _("The ledger was not restored and is unchanged: %s"), local_error->message);
      return FALSE;
    }
  g_clear_object (&backup);
  restore_step (RCT_RESTORE_STEP_WRITTEN);
  /* The last moment a cancel leaves the ledger as it was. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (partial);
      return FALSE;
    }

  /* The old file's log would be replayed into the new one: it goes first.
   * What it held is in the copy kept above. */
  if (!remove_log (wal, error) || !remove_log (shm, error) || !remove_log (journal, error))
    {
      g_unlink (partial);
      g_prefix_error (error, "%s ", _("The ledger was not restored."));
      return FALSE;
    }
  restore_step (RCT_RESTORE_STEP_LOG_REMOVED);

  if (g_rename (partial, ledger_path) != 0)
    {
      int saved_errno = errno;
#ifdef G_OS_WIN32
      if (g_unlink (ledger_path) == 0 && g_rename (partial, ledger_path) == 0)
        saved_errno = 0;
#endif
      if (saved_errno != 0)
        {
          g_unlink (partial);
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                       _("The ledger was not restored and is unchanged: %s."), g_strerror (saved_errno));
          return FALSE;
        }
    }
  restore_step (RCT_RESTORE_STEP_RENAMED);
  return TRUE;
}

/* Long jobs in a thread (issue 15): a copy of a million problems takes
 * seconds. Each opens the ledger through a connection of its own and stops
 * at a cancel leaving the ledger, and any file at the destination, as they
 * were. */

typedef struct
{
  char  *ledger_path;
  char  *other_path;   /* the destination of a copy, the backup restored */
  char  *backup_dir;
  guint  keep;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->ledger_path);
  g_free (job->other_path);
  g_free (job->backup_dir);
  g_free (job);
}

static GTask *
backup_task_new (gpointer             source_tag,
                 const char          *ledger_path,
                 const char          *other_path,
                 const char          *backup_dir,
                 guint                keep,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  BackupJob *job = g_new0 (BackupJob, 1);

  job->ledger_path = g_strdup (ledger_path);
  job->other_path = g_strdup (other_path);
  job->backup_dir = g_strdup (backup_dir);
  job->keep = keep;
  g_task_set_source_tag (task, source_tag);
  /* The result says what happened to the files: a cancel that came after
   * the job's last step does not undo it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  return task;
}

static RctStore *
open_for_copy (GTask     *task,
               BackupJob *job)
{
  g_autoptr(GError) error = NULL;
  RctStore *store;

  if (g_task_return_error_if_cancelled (task))
    return NULL;
  store = rct_store_open (job->ledger_path, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK, &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  return store;
}

static void
copy_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  BackupJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = open_for_copy (task, job);

  if (store == NULL)
    return;
  if (!_rct_store_backup (store, job->other_path, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
  rct_store_close (store);
}

/**
 * rct_backups_copy_async:
 * @ledger_path: the ledger, read through a connection of the job's own
 * @dest_path: the file the clerk chose
 *
 * A backup the clerk asked for (rct_store_backup()) in a thread. Cancelled,
 * it leaves @dest_path as it was.
 */
void
rct_backups_copy_async (const char          *ledger_path,
                        const char          *dest_path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ledger_path != NULL && dest_path != NULL);
  task = backup_task_new (rct_backups_copy_async, ledger_path, dest_path, NULL, 0,
                          cancellable, callback, user_data);
  g_task_run_in_thread (task, copy_thread);
}

gboolean
rct_backups_copy_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
take_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  BackupJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = open_for_copy (task, job);
  char *path = NULL;

  if (store == NULL)
    return;
  if (!take_if_due (store, job->backup_dir, job->keep, NULL, cancellable, &path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, path != NULL ? path : g_strdup (""), g_free);
  rct_store_close (store);
}

/**
 * rct_backups_take_if_due_async:
 *
 * rct_backups_take_if_due() in a thread, through a connection of its own:
 * the daily backup the window takes when it has opened a ledger. Cancelled,
 * no new backup is left in @backup_dir and none is trimmed.
 */
void
rct_backups_take_if_due_async (const char          *ledger_path,
                               const char          *backup_dir,
                               guint                keep,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ledger_path != NULL && backup_dir != NULL);
  task = backup_task_new (rct_backups_take_if_due_async, ledger_path, NULL, backup_dir, keep,
                          cancellable, callback, user_data);
  g_task_run_in_thread (task, take_thread);
}

/**
 * rct_backups_take_if_due_finish:
 * @out_path: (out) (optional): the backup taken, or %NULL when one of
 *   today was already there
 */
gboolean
rct_backups_take_if_due_finish (GAsyncResult  *result,
                                char         **out_path,
                                GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  if (out_path != NULL)
    *out_path = NULL;
  path = g_task_propagate_pointer (G_TASK (result), error);
  if (path == NULL)
    return FALSE;
  if (out_path != NULL && *path != '\0')
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  BackupJob *job = data;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!restore (job->ledger_path, job->other_path, job->backup_dir, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rct_backups_restore_async:
 *
 * rct_backups_restore() in a thread (the backup's check and its copy take
 * seconds at a million problems). Call with the ledger closed. Cancelled
 * before the restored copy takes the ledger's place, the ledger is as it
 * was.
 */
void
rct_backups_restore_async (const char          *ledger_path,
                           const char          *backup_path,
                           const char          *backup_dir,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ledger_path != NULL && backup_path != NULL && backup_dir != NULL);
  task = backup_task_new (rct_backups_restore_async, ledger_path, backup_path, backup_dir, 0,
                          cancellable, callback, user_data);
  g_task_run_in_thread (task, restore_thread);
}

gboolean
rct_backups_restore_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
