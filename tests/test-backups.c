/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rct-backups-private.h"
#include "rct-test-util.h"

/* Automatic backups: at most one a day, only the newest kept; a damaged
 * ledger finds its newest good backup; a restore keeps what it replaces
 * and is refused, changing nothing, when the backup is bad. */

static GDateTime *
at (const char *iso)
{
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static void
test_once_a_day (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *backups = g_build_filename (dir, "备份 目录", NULL);
  g_autoptr(GDateTime) morning = at ("2021-05-20T08:30:00Z");
  g_autoptr(GDateTime) evening = at ("2021-05-20T22:10:00Z");
  g_autoptr(GDateTime) next_day = at ("2021-05-21T07:00:00Z");
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_backups_take_if_due_at (store, backups, 14, morning, &first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);
  {
    g_autofree char *name = g_strdup_printf ("整改 台账.%s.20210520-083000.db", rct_store_get_identity (store));

    g_assert_true (g_str_has_suffix (first, name));
  }
  g_assert_true (rct_store_quick_check (first, NULL, NULL));

  /* The same day: nothing more. */
  g_assert_true (rct_backups_take_if_due_at (store, backups, 14, evening, &again, &error));
  g_assert_null (again);
  /* The office's day, not UTC's: in Beijing 07:00 and 09:00 are one day,
   * though UTC's date changes between them. */
  {
    g_autoptr(GTimeZone) beijing = g_time_zone_new_identifier ("+08:00");
    g_autoptr(GDateTime) early = g_date_time_new (beijing, 2021, 6, 1, 7, 0, 0);
    g_autoptr(GDateTime) later = g_date_time_new (beijing, 2021, 6, 1, 9, 0, 0);
    g_autofree char *at_seven = NULL;
    g_autofree char *at_nine = NULL;
    g_autofree char *tz = g_strdup (g_getenv ("TZ"));

    g_setenv ("TZ", "CST-8", TRUE);  /* POSIX form: no tzdata needed */
    tzset ();
    g_assert_true (rct_backups_take_if_due_at (store, backups, 14, early, &at_seven, &error));
    g_assert_true (rct_backups_take_if_due_at (store, backups, 14, later, &at_nine, &error));
    if (tz != NULL)
      g_setenv ("TZ", tz, TRUE);
    else
      g_unsetenv ("TZ");
    tzset ();
    g_assert_nonnull (at_seven);
    g_assert_true (g_str_has_suffix (at_seven, ".20210531-230000.db"));
    g_assert_null (at_nine);
    g_unlink (at_seven);
  }
  g_assert_true (rct_backups_take_if_due_at (store, backups, 14, next_day, &second, &error));
  g_assert_nonnull (second);

  list = rct_backups_list (rct_store_get_path (store), backups);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (list, 0), ==, second);
  g_assert_cmpstr (g_ptr_array_index (list, 1), ==, first);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_keep_newest (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *first_shm = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  for (int day = 1; day <= 6; day++)
    {
      g_autofree char *iso = g_strdup_printf ("2021-01-%02dT08:00:00Z", day);
      g_autoptr(GDateTime) when = at (iso);

      g_autofree char *taken = NULL;

      g_assert_true (rct_backups_take_if_due_at (store, backups, 3, when, &taken, &error));
      g_assert_no_error (error);
      if (day == 1)
        {
          /* Checking a backup of an older version left its -shm beside
           * it; the trimming below must take that away with the backup. */
          g_autofree char *good = rct_backups_newest_good (rct_store_get_path (store), backups);
          g_autofree char *shm = g_strconcat (taken, "-shm", NULL);

          g_assert_cmpstr (good, ==, taken);
          g_assert_true (g_file_set_contents (shm, "", 0, NULL));
          first_shm = g_steal_pointer (&shm);
        }
    }
  g_assert_false (g_file_test (first_shm, G_FILE_TEST_EXISTS));
  /* Another ledger's backup and an odd file are left alone. */
  {
    g_autofree char *other = g_build_filename (backups, "other.20210101-080000.db", NULL);
    g_autofree char *odd = g_build_filename (backups, "整改 台账.notes.db", NULL);

    g_assert_true (g_file_set_contents (other, "x", 1, NULL));
    g_assert_true (g_file_set_contents (odd, "x", 1, NULL));
  }

  list = rct_backups_list (rct_store_get_path (store), backups);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (list, 0), "20210106"));
  g_assert_nonnull (strstr (g_ptr_array_index (list, 2), "20210104"));
  g_assert_cmpuint (rct_test_count_files (backups, "other."), ==, 1);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_damaged_restored (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *backups = g_build_filename (dir, "备份", NULL);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autoptr(GDateTime) day1 = at ("2021-05-19T08:00:00Z");
  g_autoptr(GDateTime) day2 = at ("2021-05-20T08:00:00Z");
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *good = NULL;
  g_autoptr(GError) error = NULL;
  gint64 problems = rct_test_count_rows (store, RCT_KIND_PROBLEM);

  g_assert_true (rct_backups_take_if_due_at (store, backups, 14, day1, &older, &error));
  g_assert_true (rct_backups_take_if_due_at (store, backups, 14, day2, &newer, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The ledger and its newest backup are both damaged: the older one is
   * the newest good one. */
  rct_test_damage_file (ledger);
  rct_test_damage_file (newer);
  store = rct_store_open (ledger, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  good = rct_backups_newest_good (ledger, backups);
  g_assert_cmpstr (good, ==, older);

  g_assert_true (rct_backups_restore (ledger, good, backups, &error));
  g_assert_no_error (error);
  store = rct_store_open (ledger, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (rct_store_check (store, &error));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, problems);
  /* The damaged file was kept, and is not taken for a daily backup. */
  g_assert_cmpuint (rct_test_count_files (backups, ".before-restore."), ==, 1);
  {
    g_autoptr(GPtrArray) list = rct_backups_list (ledger, backups);
    g_assert_cmpuint (list->len, ==, 2);
  }
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_bad_backup_refused (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autofree char *taken = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *not_ours = g_build_filename (dir, "笔记.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_backups_take_if_due (store, backups, 14, &taken, &error));
  g_assert_nonnull (taken);
  g_clear_object (&store);
  before = rct_test_file_checksum (ledger);

  rct_test_damage_file (taken);
  g_assert_false (rct_backups_restore (ledger, taken, backups, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (not_ours, "not a ledger at all", -1, NULL));
  g_assert_false (rct_backups_restore (ledger, not_ours, backups, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  after = rct_test_file_checksum (ledger);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (rct_backups_newest_good (ledger, backups));
  rct_test_remove_dir (dir);
}

static void
test_cli (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autofree char *taken = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) again = NULL;
  gint64 problems = rct_test_count_rows (store, RCT_KIND_PROBLEM);

  g_assert_true (rct_backups_take_if_due (store, backups, 14, &taken, &error));
  rct_test_add_problem (store, "回河派出所", "2021-05-20", "2021-06-20", "备份之后登记的问题");
  g_clear_object (&store);

  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", ledger, "backups", "--dir", backups, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"good\" : true"));
  g_assert_nonnull (strstr (out, "整改 台账."));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", ledger, "backups", "--dir", backups, NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, taken);

  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", ledger, "restore", "--dir", backups, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", ledger, "restore", "--dir", backups, taken, NULL), ==, 0);
  again = rct_store_open (ledger, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (again, RCT_KIND_PROBLEM), ==, problems);
  g_assert_cmpuint (rct_test_count_files (backups, ".before-restore."), ==, 1);

  /* Not from under a running copy. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", ledger, "restore", "--dir", backups, taken, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Another copy"));
  g_clear_object (&again);
  rct_test_remove_dir (dir);
}

/* The lock rows a file holds, read with SQLite alone. */
static int
count_lock_rows (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int count = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM lock", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* Every file in @dir, whatever its name. */
static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static guint
file_mode (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return info.st_mode & 0777;
}

/* Every copy is a plain ledger: no lock row of the process that took it
 * (so it opens anywhere, and after a restore), the ledger's file mode, and
 * nothing else left in the folder it went to. */
static void
test_copies_clear_lock (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autofree char *backups = g_build_filename (dir, "每日 备份", NULL);
  g_autofree char *chosen_dir = g_build_filename (dir, "选定 位置", NULL);
  g_autofree char *chosen = g_build_filename (chosen_dir, "副本.db", NULL);
  g_autofree char *daily = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);

  g_assert_cmpint (g_chmod (ledger, 0600), ==, 0);
  g_assert_cmpint (count_lock_rows (ledger), ==, 1);

  g_assert_true (rct_store_backup (store, chosen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (chosen_dir), ==, 1);
  g_assert_cmpint (count_lock_rows (chosen), ==, 0);
  g_assert_cmpuint (file_mode (chosen), ==, 0600);

  g_assert_true (rct_backups_take_if_due (store, backups, 14, &daily, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (backups), ==, 1);
  g_assert_cmpint (count_lock_rows (daily), ==, 0);
  g_assert_cmpuint (file_mode (daily), ==, 0600);

  /* Restored: the ledger opens in another process, with no stale lock to
   * take over, and keeps the mode. */
  g_clear_object (&store);
  g_assert_true (rct_backups_restore (ledger, daily, backups, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_lock_rows (ledger), ==, 0);
  g_assert_cmpuint (file_mode (ledger), ==, 0600);
  umask (old_umask);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("file modes are POSIX");
#endif
}

/* "backup" never overwrites the open ledger, however its path is spelled. */
static void
test_backup_refuses_ledger (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autofree char *symlink_path = g_build_filename (dir, "链接.db", NULL);
  g_autofree char *hardlink_path = g_build_filename (dir, "硬链接.db", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *base = g_path_get_basename (ledger);
  g_autofree char *dotted = g_build_filename (".", base, NULL);
  g_autofree char *before = NULL;
  gint64 problems = rct_test_count_rows (store, RCT_KIND_PROBLEM);
  const char *spellings[4];

  g_assert_cmpint (symlink (ledger, symlink_path), ==, 0);
  g_assert_cmpint (link (ledger, hardlink_path), ==, 0);
  g_assert_cmpint (g_chdir (dir), ==, 0);
  spellings[0] = ledger;
  spellings[1] = dotted;
  spellings[2] = symlink_path;
  spellings[3] = hardlink_path;
  before = rct_test_file_checksum (ledger);
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (rct_store_backup (store, spellings[i], &error));
      g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
    }
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  {
    g_autofree char *after = rct_test_file_checksum (ledger);

    g_assert_cmpstr (before, ==, after);
  }
  g_assert_true (g_file_test (symlink_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, problems);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("symbolic and hard links are POSIX here");
#endif
}

/* Two ledgers of one name in different folders have a series each: B is
 * not told it has a backup today when only A has, is never offered A's
 * backup (even one renamed to look like B's), and a restore of A's backup
 * over B is refused with B unchanged. */
static void
test_series_per_ledger (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *folder_a = g_build_filename (dir, "一科", NULL);
  g_autofree char *folder_b = g_build_filename (dir, "二科", NULL);
  g_autofree char *path_a = g_build_filename (folder_a, "rectify.db", NULL);
  g_autofree char *path_b = g_build_filename (folder_b, "rectify.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "备份", NULL);
  g_autoptr(GDateTime) morning = at ("2021-05-20T08:30:00Z");
  g_autoptr(GDateTime) noon = at ("2021-05-20T12:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) a = rct_store_open (path_a, RCT_STORE_OPEN_CREATE, &error);
  g_autoptr(RctStore) b = rct_store_open (path_b, RCT_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) list_a = NULL;
  g_autoptr(GPtrArray) list_b = NULL;
  g_autofree char *taken_a = NULL;
  g_autofree char *taken_b = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *good_b = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (rct_store_get_identity (a), !=, rct_store_get_identity (b));
  rct_store_create_va (b, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);

  g_assert_true (rct_backups_take_if_due_at (a, backups, 14, morning, &taken_a, &error));
  g_assert_nonnull (taken_a);
  g_assert_true (rct_backups_take_if_due_at (b, backups, 14, noon, &taken_b, &error));
  g_assert_no_error (error);
  g_assert_nonnull (taken_b);  /* not "one today already" */

  /* A's backup renamed as though it were B's is still A's. */
  forged = g_strdup_printf ("%s/rectify.%s.20210520-130000.db", backups, rct_store_get_identity (b));
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (taken_a, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (forged, contents, length, NULL));
  }
  g_clear_object (&a);
  g_clear_object (&b);

  list_a = rct_backups_list (path_a, backups);
  list_b = rct_backups_list (path_b, backups);
  g_assert_cmpuint (list_a->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (list_a, 0), ==, taken_a);
  g_assert_cmpuint (list_b->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (list_b, 0), ==, taken_b);
  good_b = rct_backups_newest_good (path_b, backups);
  g_assert_cmpstr (good_b, ==, taken_b);

  before = rct_test_file_checksum (path_b);
  g_assert_false (rct_backups_restore (path_b, taken_a, backups, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (rct_backups_restore (path_b, forged, backups, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  after = rct_test_file_checksum (path_b);
  g_assert_cmpstr (before, ==, after);
  rct_test_remove_dir (dir);
}

/* The long jobs of issue 15: each runs in a thread on a connection of its
 * own and stops at a cancel, leaving the ledger (and any file at the
 * destination) as it was. */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_copy_async (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autofree char *dest = g_build_filename (dir, "手工 备份.db", NULL);
  g_autofree char *partial = g_strconcat (dest, ".partial", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 problems = rct_test_count_rows (store, RCT_KIND_PROBLEM);

  rct_store_close (store);
  g_clear_object (&store);
  before = rct_test_file_checksum (ledger);

  /* Cancelled: the file already at the destination stays as it was. */
  g_assert_true (g_file_set_contents (dest, "an older file", -1, NULL));
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *contents = NULL;

    g_cancellable_cancel (cancellable);
    rct_backups_copy_async (ledger, dest, cancellable, result_cb, &result);
    g_assert_false (rct_backups_copy_finish (wait_for (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (dest, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "an older file");
    g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  }
  /* Not cancelled: a whole copy, which opens with every problem. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(RctStore) copy = NULL;

    rct_backups_copy_async (ledger, dest, NULL, result_cb, &result);
    g_assert_true (rct_backups_copy_finish (wait_for (&result), &error));
    g_assert_no_error (error);
    copy = rct_store_open (dest, RCT_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_cmpint (rct_test_count_rows (copy, RCT_KIND_PROBLEM), ==, problems);
  }
  {
    g_autofree char *after = rct_test_file_checksum (ledger);
    g_assert_cmpstr (after, ==, before);
  }
  rct_test_remove_dir (dir);
}

static void
test_daily_async (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autofree char *backups = g_build_filename (dir, "每日 备份", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  rct_store_close (store);
  g_clear_object (&store);
  before = rct_test_file_checksum (ledger);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;
    char *taken = NULL;

    g_cancellable_cancel (cancellable);
    rct_backups_take_if_due_async (ledger, backups, 14, cancellable, result_cb, &result);
    g_assert_false (rct_backups_take_if_due_finish (wait_for (&result), &taken, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (taken);
    g_clear_error (&error);
    g_assert_cmpuint (rct_test_count_files (backups, ""), ==, 0);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *taken = NULL;

    rct_backups_take_if_due_async (ledger, backups, 14, NULL, result_cb, &result);
    g_assert_true (rct_backups_take_if_due_finish (wait_for (&result), &taken, &error));
    g_assert_no_error (error);
    g_assert_nonnull (taken);
    g_assert_true (g_file_test (taken, G_FILE_TEST_IS_REGULAR));
  }
  /* Today's is there: none more. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *taken = NULL;

    rct_backups_take_if_due_async (ledger, backups, 14, NULL, result_cb, &result);
    g_assert_true (rct_backups_take_if_due_finish (wait_for (&result), &taken, &error));
    g_assert_null (taken);
    g_assert_cmpuint (rct_test_count_files (backups, ""), ==, 1);
  }
  {
    g_autofree char *after = rct_test_file_checksum (ledger);
    g_assert_cmpstr (after, ==, before);
  }
  rct_test_remove_dir (dir);
}

static GCancellable *cancel_at_cancellable;
static RctRestoreStep cancel_at_step;

static void
cancel_at_hook (RctRestoreStep step)
{
  if (step == cancel_at_step)
    g_cancellable_cancel (cancel_at_cancellable);
}

/* A restore cancelled before it starts, after the ledger was kept, and
 * after the restored copy was written: the ledger is as it was each time.
 * A cancel after the old log is gone is too late: the restore completes. */
static void
test_restore_async (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autofree char *backups = g_build_filename (dir, "备份", NULL);
  g_autofree char *restoring = g_strconcat (ledger, ".restoring", NULL);
  g_autoptr(GDateTime) day1 = at ("2021-05-19T08:00:00Z");
  g_autofree char *taken = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 problems = rct_test_count_rows (store, RCT_KIND_PROBLEM);
  const RctRestoreStep steps[] = { 0, RCT_RESTORE_STEP_KEPT, RCT_RESTORE_STEP_WRITTEN };

  g_assert_true (rct_backups_take_if_due_at (store, backups, 14, day1, &taken, &error));
  g_assert_no_error (error);
  rct_test_add_problem (store, "回河派出所", "2021-05-19", "2021-06-19", "备份之后登记的问题");
  rct_store_close (store);
  g_clear_object (&store);
  before = rct_test_file_checksum (ledger);

  _rct_backups_restore_step_hook = cancel_at_hook;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *after = NULL;

      cancel_at_cancellable = cancellable;
      cancel_at_step = steps[i];
      if (steps[i] == 0)
        g_cancellable_cancel (cancellable);
      rct_backups_restore_async (ledger, taken, backups, cancellable, result_cb, &result);
      g_assert_false (rct_backups_restore_finish (wait_for (&result), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      after = rct_test_file_checksum (ledger);
      g_assert_cmpstr (after, ==, before);
      g_assert_false (g_file_test (restoring, G_FILE_TEST_EXISTS));
    }
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;

    cancel_at_cancellable = cancellable;
    cancel_at_step = RCT_RESTORE_STEP_LOG_REMOVED;
    rct_backups_restore_async (ledger, taken, backups, cancellable, result_cb, &result);
    g_assert_true (rct_backups_restore_finish (wait_for (&result), &error));
    g_assert_no_error (error);
  }
  _rct_backups_restore_step_hook = NULL;
  cancel_at_cancellable = NULL;
  store = rct_store_open (ledger, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, problems);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reliability/backups/once-a-day", test_once_a_day);
  g_test_add_func ("/reliability/backups/keep-the-newest", test_keep_newest);
  g_test_add_func ("/reliability/backups/damaged-ledger-restored", test_damaged_restored);
  g_test_add_func ("/reliability/backups/bad-backup-refused", test_bad_backup_refused);
  g_test_add_func ("/reliability/backups/cli", test_cli);
  g_test_add_func ("/reliability/backups/copies-clear-lock-keep-mode", test_copies_clear_lock);
  g_test_add_func ("/reliability/backups/a-series-per-ledger", test_series_per_ledger);
  g_test_add_func ("/reliability/backups/backup-refuses-the-ledger", test_backup_refuses_ledger);
  g_test_add_func ("/reliability/backups/async/copy-cancelled", test_copy_async);
  g_test_add_func ("/reliability/backups/async/daily-cancelled", test_daily_async);
  g_test_add_func ("/reliability/backups/async/restore-cancelled", test_restore_async);
  return g_test_run ();
}
