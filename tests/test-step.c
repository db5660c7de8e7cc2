/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#ifdef G_OS_UNIX
# include <sys/resource.h>
#endif

#include "rct-figures.h"
#include "rct-test-util.h"

/* No silent wrong answers: a statement that fails is an error, never an
 * empty result. A damaged page under the figures, a check that cannot run
 * because another program holds the ledger, and a copy that meets a busy
 * ledger: each is reported, or waited for without spinning. */

static gboolean
give_up_cb (RctStore *store,
            guint     waited_ms,
            gpointer  user_data)
{
  return FALSE;
}

/* Spoils the root page of @table in a closed ledger, as a failing disk
 * would: its schema still reads, its rows do not. */
static void
damage_table (const char *path,
              const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 page_size, root;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
                                           " FROM sqlite_master WHERE name = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int64 (stmt, 0);
  page_size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint ((root - 1) * page_size + page_size, <=, (gint64) length);
  memset (contents + (root - 1) * page_size, 0xff, page_size);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
test_figures_damaged (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (store));
  g_autoptr(GError) error = NULL;
  RctFigures *figures;

  g_clear_object (&store);  /* checkpointed: the file is whole */
  damage_table (path, "problem");
  store = rct_store_open (path, RCT_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);

  /* Counted from the problems (a period or some units). */
  figures = rct_figures_compute_scan (store, NULL, &error);
  g_assert_null (figures);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* The full check says so too. */
  g_assert_false (rct_store_check (store, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_clear_object (&store);

  /* Read from the running totals (the whole ledger): a damaged table of
   * totals is an error too, never zero figures. */
  damage_table (path, "total_problem");
  store = rct_store_open (path, RCT_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  figures = rct_figures_compute (store, NULL, &error);
  g_assert_null (figures);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* A copy of the demo ledger with a rollback journal (every backup is
 * one): another connection's exclusive lock keeps its readers out. */
static char *
make_plain_copy (char **out_dir)
{
  g_autoptr(RctStore) store = rct_test_open_demo (out_dir);
  g_autofree char *copy = g_build_filename (*out_dir, "副本 台账.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_store_backup (store, copy, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&copy);
}

static sqlite3 *
hold_exclusive (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
test_check_cannot_run (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *copy = make_plain_copy (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (copy, RCT_STORE_OPEN_READ_ONLY, &error);
  sqlite3 *holder;

  g_assert_no_error (error);
  rct_store_set_busy_func (store, give_up_cb, NULL, NULL);
  holder = hold_exclusive (copy);

  g_assert_false (rct_store_check (store, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "busy"));
  g_clear_error (&error);
  g_assert_null (rct_figures_compute (store, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (holder);
  g_assert_true (rct_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static gpointer
release_later_cb (gpointer data)
{
  sqlite3 *holder = data;

  g_usleep (400 * 1000);
  sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (holder);
  return NULL;
}

#ifdef G_OS_UNIX
static gint64
cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
         (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}
#endif

/* A copy that meets a busy ledger sleeps between tries (it used to spin a
 * core), and succeeds once the other program lets go. */
static void
test_copy_waits_without_spinning (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autofree char *copy = make_plain_copy (&dir);
  g_autofree char *dest = g_build_filename (dir, "再 备份.db", NULL);
  g_autofree char *free_dest = g_build_filename (dir, "无人 占用 备份.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (copy, RCT_STORE_OPEN_READ_ONLY, &error);
  GThread *releaser;
  gint64 cpu_before, cpu_used, cpu_copy;
  gint64 problems = rct_test_count_rows (store, RCT_KIND_PROBLEM);

  g_assert_no_error (error);
  rct_store_set_busy_func (store, give_up_cb, NULL, NULL);
  /* What the copy itself costs with nobody in the way: a build with
   * sanitizers, or a loaded machine, makes it dearer, not the wait. */
  cpu_before = cpu_us ();
  g_assert_true (rct_store_backup (store, free_dest, &error));
  g_assert_no_error (error);
  cpu_copy = cpu_us () - cpu_before;
  releaser = g_thread_new ("release", release_later_cb, hold_exclusive (copy));
  cpu_before = cpu_us ();
  g_assert_true (rct_store_backup (store, dest, &error));
  g_assert_no_error (error);
  cpu_used = cpu_us () - cpu_before;
  g_thread_join (releaser);
  g_test_message ("CPU time of the copy: %" G_GINT64_FORMAT " µs alone, %" G_GINT64_FORMAT " µs while waiting 400 ms "
                  "for the ledger", cpu_copy, cpu_used);
  /* Spinning took about 100 ms of the 400 beyond the copy; sleeping takes
   * next to none (the copy alone 3 ms here, 40–85 ms under AddressSanitizer
   * on a loaded machine, so the bound is over the copy's own cost). */
  g_assert_cmpint (cpu_used - cpu_copy, <, 50 * 1000);
  g_clear_object (&store);
  store = rct_store_open (dest, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, problems);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("getrusage is POSIX");
#endif
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/step/figures-of-a-damaged-page-are-an-error", test_figures_damaged);
  g_test_add_func ("/store/step/check-that-cannot-run-fails", test_check_cannot_run);
  g_test_add_func ("/store/step/copy-waits-without-spinning", test_copy_waits_without_spinning);
  return g_test_run ();
}
