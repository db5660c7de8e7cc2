/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rct-check-mark.h"
#include "rct-test-util.h"

/* The integrity check at opening is skipped for a ledger nothing but
 * Rectify has written since its last good check, and runs again when the
 * file may have changed outside Rectify: written by another program,
 * copied over, damaged in place. (A million problems take most of a second
 * to check, which a read-only command like `stats` cannot spend at every
 * open.) */

static char *cache_dir;

static RctStore *
open_ledger (const char        *path,
             RctStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  RctStore *store = rct_store_open (path, flags, &error);

  g_assert_no_error (error);
  return store;
}

/* A closed ledger with a problem in it, made by Rectify. */
static char *
make_ledger (char **out_dir)
{
  g_autoptr(RctStore) store = rct_test_open_new (out_dir);
  g_autoptr(GError) error = NULL;

  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  rct_test_add_problem (store, "回河派出所", "2021-04-20", "2021-05-20", NULL);
  return g_strdup (rct_store_get_path (store));
}

static void
test_skips_unchanged (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autoptr(RctStore) store = NULL;

  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_false (rct_store_ran_check (store));
  g_assert_true (rct_store_is_known_good (store));
  g_clear_object (&store);

  /* A write through Rectify keeps it known. */
  store = open_ledger (path, RCT_STORE_OPEN_DEFAULT);
  g_assert_false (rct_store_ran_check (store));
  rct_test_add_problem (store, "回河派出所", "2021-04-21", "2021-05-21", NULL);
  g_clear_object (&store);
  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_false (rct_store_ran_check (store));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 2);
  rct_test_remove_dir (dir);
}

static void
test_written_outside (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autoptr(RctStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE unit SET head = '张三'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_true (rct_store_ran_check (store));
  g_clear_object (&store);
  /* Checked once, known again. */
  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_false (rct_store_ran_check (store));
  rct_test_remove_dir (dir);
}

static void
test_copied_over (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autofree char *copy = g_build_filename (dir, "副本 台账.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* The same bytes and times under another name, then moved back over
   * the ledger: still checked, since it is another file. */
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_ALL_METADATA, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (copy, path), ==, 0);
  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_true (rct_store_ran_check (store));
  rct_test_remove_dir (dir);
}

static void
test_damaged_in_place (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  FILE *file;
  char junk[8192];

  /* Damaged without changing its size or its inode. */
  memset (junk, 0x5a, sizeof junk);
  file = g_fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, sizeof junk, file), ==, sizeof junk);
  fclose (file);

  for (guint i = 0; i < 2; i++)
    {
      store = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
      g_assert_null (store);
      g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
      g_clear_error (&error);
    }
  rct_test_remove_dir (dir);
}

/* A worker's connection (an export, a backup) still open when the window
 * closes the ledger closes last; the ledger is still known afterwards. */
static void
test_worker_closes_last (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctStore) worker = NULL;

  store = open_ledger (path, RCT_STORE_OPEN_DEFAULT);
  worker = open_ledger (path, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK);
  g_assert_cmpint (rct_test_count_rows (worker, RCT_KIND_PROBLEM), ==, 1);
  rct_test_add_problem (store, "回河派出所", "2021-04-22", "2021-05-22", NULL);
  g_clear_object (&store);
  g_clear_object (&worker);

  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_false (rct_store_ran_check (store));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 2);
  rct_test_remove_dir (dir);
}

/* A ledger that passes the quick check at opening but fails the full one
 * of `rectify-cli check` (here a record refers to one that is gone) is
 * not remembered as good any more. */
static void
test_failed_full_check_forgets (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE problem SET unit_id = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_true (rct_store_ran_check (store));
  g_clear_object (&store);
  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_false (rct_store_ran_check (store));
  g_assert_false (rct_store_check (store, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
  g_clear_object (&store);

  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_true (rct_store_ran_check (store));
  rct_test_remove_dir (dir);
}

/* The window opens with the check deferred to a thread; when that check
 * passes it says so, and the next open needs none. */
static void
test_deferred (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE unit SET head = '李四'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_ledger (path, RCT_STORE_OPEN_DEFER_CHECK);
  g_assert_false (rct_store_ran_check (store));
  g_assert_false (rct_store_is_known_good (store));
  g_assert_true (rct_store_quick_check (path, NULL, &error));
  g_assert_no_error (error);
  rct_store_set_known_good (store);
  g_clear_object (&store);

  store = open_ledger (path, RCT_STORE_OPEN_READ_ONLY);
  g_assert_false (rct_store_ran_check (store));
  rct_test_remove_dir (dir);
}

/* A ledger's mark is found among those of many others, before and after
 * it in the cache, and only its own: a ledger whose mark was forgotten is
 * not taken for its neighbours, a changed mark no longer matches, and a
 * mark the cache no longer has room for is forgotten. */
static void
test_mark_among_many (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autofree char *other = make_ledger (&other_dir);
  g_autofree char *stamp = rct_check_mark_stamp (path);

  g_assert_true (rct_check_mark_matches (path));
  g_assert_true (rct_check_mark_matches (other));
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("/无处/账本 %u.db", i);

      rct_check_mark_record (name, "1:2.3:4.5:6:7;-;");
    }
  rct_check_mark_record (other, NULL);
  rct_check_mark_record (path, stamp);
  g_assert_true (rct_check_mark_matches (path));
  g_assert_false (rct_check_mark_matches (other));
  rct_check_mark_record (path, "1:2.3:4.5:6:7;-;");
  g_assert_false (rct_check_mark_matches (path));
  rct_check_mark_record (path, stamp);
  g_assert_true (rct_check_mark_matches (path));
  /* 64 marks are kept, the oldest forgotten first. */
  for (guint i = 30; i < 30 + 64; i++)
    {
      g_autofree char *name = g_strdup_printf ("/无处/账本 %u.db", i);

      rct_check_mark_record (name, "1:2.3:4.5:6:7;-;");
    }
  g_assert_false (rct_check_mark_matches (path));
  rct_test_remove_dir (dir);
  rct_test_remove_dir (other_dir);
}

int
main (int    argc,
      char **argv)
{
  int result;

  /* The stamps of checked ledgers go to the cache folder: a test's own. */
  cache_dir = rct_test_make_dir ();
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/open-check/skips-unchanged", test_skips_unchanged);
  g_test_add_func ("/open-check/written-outside", test_written_outside);
  g_test_add_func ("/open-check/copied-over", test_copied_over);
  g_test_add_func ("/open-check/damaged-in-place", test_damaged_in_place);
  g_test_add_func ("/open-check/deferred", test_deferred);
  g_test_add_func ("/open-check/worker-closes-last", test_worker_closes_last);
  g_test_add_func ("/open-check/failed-full-check-forgets", test_failed_full_check_forgets);
  g_test_add_func ("/open-check/mark-among-many", test_mark_among_many);
  result = g_test_run ();
  rct_test_remove_dir (cache_dir);
  g_free (cache_dir);
  return result;
}
