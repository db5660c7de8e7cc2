/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-open"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "rct-backups.h"
#include "rct-demo.h"
#include "rct-test-util.h"
#include "rct-window-private.h"
#include "rct-window.h"

/* A big ledger opens in the window at once, with its integrity check in a
 * thread: the ledger shows before the check ends, a good ledger is then
 * known good and backed up, a damaged one is closed again with a banner
 * that says so. (The size above which the check goes to a thread is set
 * to nothing here, so the demo ledger counts as big.) */

static char *data_home;

static void
wait_for_jobs (RctWindow *window)
{
  for (int i = 0; i < 50 || ((window->checks_running > 0 || window->backups_running > 0) && i < 5000); i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpuint (window->checks_running, ==, 0);
  g_assert_cmpuint (window->backups_running, ==, 0);
}

/* After a window is gone (its jobs were cancelled with it): what is left
 * in the main loop, without reading the window freed. */
static void
drain (void)
{
  for (int i = 0; i < 50; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* The demo ledger, then written by another program: its last check no
 * longer counts. */
static char *
make_changed_demo (char **out_dir)
{
  g_autoptr(RctStore) store = rct_test_open_demo (out_dir);
  char *path = g_strdup (rct_store_get_path (store));
  sqlite3 *db = NULL;

  rct_store_close (store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE unit SET head = '王五' WHERE id = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static RctWindow *
make_window (void)
{
  RctWindow *window = rct_window_new (NULL);

  window->check_in_thread_above = 0;
  gtk_window_present (GTK_WINDOW (window));
  wait_for_jobs (window);
  return window;
}

static void
test_checked_in_thread (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_changed_demo (&dir);
  g_autofree char *backups = rct_backups_default_dir ();
  g_autoptr(GPtrArray) before = rct_backups_list (path, backups);
  g_autoptr(GPtrArray) after = NULL;
  RctWindow *window = make_window ();
  RctStore *store;

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  /* Shown before the check has ended, and not yet known good. */
  store = rct_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_false (rct_store_ran_check (store));
  g_assert_cmpuint (window->checks_running, ==, 1);
  g_assert_false (rct_store_is_known_good (store));

  wait_for_jobs (window);
  g_assert_true (rct_window_get_store (window) == store);
  g_assert_true (rct_store_is_known_good (store));
  /* The day's backup waited for the check. */
  after = rct_backups_list (path, backups);
  g_assert_cmpuint (after->len, ==, before->len + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  rct_test_remove_dir (dir);
}

/* While its check runs, the window reads the damaged ledger's first rows;
 * a page it reads there is refused by SQLite and logged. That is what the
 * check then finds, not a fault of the test. */
static gboolean
damaged_reads_allowed (const char     *domain,
                       GLogLevelFlags  level,
                       const char     *message,
                       gpointer        user_data)
{
  return !(g_strcmp0 (domain, "rct-store") == 0 && (level & G_LOG_LEVEL_WARNING) != 0 &&
           strstr (message, "malformed") != NULL);
}

static void
damaged_reads_logged (const char     *domain,
                      GLogLevelFlags  level,
                      const char     *message,
                      gpointer        user_data)
{
  if (strstr (message, "malformed") != NULL)
    g_test_message ("while checking: %s", message);
  else
    g_log_default_handler (domain, level, message, user_data);
}

static void
test_damaged_found_by_thread (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_changed_demo (&dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = g_malloc (4096);
  goffset size;
  RctWindow *window = make_window ();
  const char *banner;
  g_autofree char *backups = rct_backups_default_dir ();
  g_autoptr(GPtrArray) before = rct_backups_list (path, backups);
  g_autoptr(GPtrArray) after = NULL;

  /* The last pages written over: the header and schema still read, so
   * it opens, and only the check finds it. */
  io = g_file_open_readwrite (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_seekable_seek (G_SEEKABLE (io), 0, G_SEEK_END, NULL, &error));
  size = g_seekable_tell (G_SEEKABLE (io));
  g_assert_cmpint (size, >, 8 * 4096);
  memset (junk, 0x5a, 4096);
  g_assert_true (g_seekable_seek (G_SEEKABLE (io), size - 2 * 4096, G_SEEK_SET, NULL, &error));
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (io)), junk, 4096,
                                            NULL, NULL, &error));
  g_assert_true (g_io_stream_close (G_IO_STREAM (io), NULL, &error));
  g_assert_no_error (error);

  g_test_log_set_fatal_handler (damaged_reads_allowed, NULL);
  g_log_set_handler ("rct-store", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, damaged_reads_logged, NULL);
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  g_assert_nonnull (rct_window_get_store (window));
  wait_for_jobs (window);
  g_assert_null (rct_window_get_store (window));
  banner = rct_window_get_banner_text (window);
  g_test_message ("damaged: %s", banner);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "damaged"));
  /* No backup of the damaged file was taken. */
  after = rct_backups_list (path, backups);
  g_assert_cmpuint (after->len, ==, before->len);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  rct_test_remove_dir (dir);
}

/* The check waits until the window has painted the ledger's first rows:
 * started beside the start, a million problems' check took the cores the
 * first frames needed (docs/PERFORMANCE.md). Until it starts it counts as
 * running, so what waits for it waits as before. */
static void
test_check_waits_for_rows (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_changed_demo (&dir);
  RctWindow *window = make_window ();
  RctLedgerPage *ledger;
  gboolean saw_rows_coming = FALSE;
  gint64 deadline;

  /* The ledger page shown, as the last page a person left open. */
  ledger = RCT_LEDGER_PAGE (_rct_window_ensure_page (window, "ledger"));
  gtk_stack_set_visible_child_name (window->pages_stack, "ledger");
  g_assert_nonnull (ledger);
  /* The demo's rows queried in a thread, as a big ledger's are. */
  rct_ledger_page_set_threaded_above (ledger, 0);
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  g_assert_cmpuint (window->checks_running, ==, 1);
  g_assert_true (window->jobs_waiting);
  g_assert_true (rct_ledger_page_is_filtering (ledger));

  /* One dispatch at a time: the check starts in the first one after the
   * rows have all come and been painted. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (window->jobs_waiting && g_get_monotonic_time () < deadline)
    {
      if (rct_ledger_page_is_filtering (ledger) || rct_ledger_page_is_growing (ledger))
        saw_rows_coming = TRUE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_false (window->jobs_waiting);
  g_assert_true (saw_rows_coming);
  g_assert_false (rct_ledger_page_is_filtering (ledger));
  g_assert_false (rct_ledger_page_is_growing (ledger));
  g_assert_cmpuint (rct_ledger_page_get_count (ledger), >, 0);
  /* Started now, in its thread, and still counted. */
  g_assert_cmpuint (window->checks_running, ==, 1);
  g_assert_false (rct_store_is_known_good (rct_window_get_store (window)));

  wait_for_jobs (window);
  g_assert_true (rct_store_is_known_good (rct_window_get_store (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  rct_test_remove_dir (dir);
}

/* A ledger known good needs no check; its day's backup (a copy of the
 * whole file) waits for the first rows painted too, counted as running. */
static void
test_backup_waits_for_rows (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) demo = rct_test_open_demo (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (demo));
  g_autofree char *backups = rct_backups_default_dir ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  RctWindow *window;

  rct_store_close (demo);
  before = rct_backups_list (path, backups);
  window = make_window ();
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  g_assert_true (rct_store_is_known_good (rct_window_get_store (window)));
  g_assert_true (window->jobs_waiting);
  g_assert_cmpuint (window->checks_running, ==, 0);
  g_assert_cmpuint (window->backups_running, ==, 1);
  after = rct_backups_list (path, backups);
  g_assert_cmpuint (after->len, ==, before->len);

  wait_for_jobs (window);
  g_assert_false (window->jobs_waiting);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = rct_backups_list (path, backups);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  rct_test_remove_dir (dir);
}

/* A window closed before it painted the ledger starts neither job: the
 * ledger is closed unchecked, so it is not remembered as good and the
 * next open checks it. */
static void
test_closed_before_rows_not_remembered (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_changed_demo (&dir);
  RctWindow *window = rct_window_new (NULL);
  g_autoptr(RctStore) again = NULL;
  g_autoptr(GError) error = NULL;

  window->check_in_thread_above = 0;
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  g_assert_true (window->jobs_waiting);
  g_assert_cmpuint (window->checks_running, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));

  again = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (rct_store_ran_check (again));
  rct_store_close (again);
  rct_test_remove_dir (dir);
}

typedef struct
{
  RctWindow *window;
  guint      frames;
  gboolean   page_in_first;
} PageInFrame;

static void
count_paint_cb (GdkFrameClock *clock,
                PageInFrame   *seen)
{
  if (seen->frames++ == 0)
    seen->page_in_first = gtk_widget_get_mapped (GTK_WIDGET (seen->window->pages_stack));
}

/* The window is shown over dispatches of their own, so no one of them
 * stands still long (docs/PERFORMANCE.md): the display's GL set up, then
 * the window realized, then shown; its first frame without the page, the
 * page from the next. A window already shown is raised at once. */
static void
test_presented_in_steps (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_changed_demo (&dir);
  RctWindow *window = rct_window_new (NULL);
  guint dispatches = 0, realized_at = 0, mapped_at = 0;
  PageInFrame page_in_frame = { 0 };

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  rct_window_present_in_steps (window);
  g_assert_false (gtk_widget_get_realized (GTK_WIDGET (window)));
  while (mapped_at == 0 && dispatches < 1000)
    {
      g_main_context_iteration (NULL, TRUE);
      dispatches++;
      if (realized_at == 0 && gtk_widget_get_realized (GTK_WIDGET (window)))
        {
          realized_at = dispatches;
          /* Realized in a dispatch that did not also show it. */
          g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));
          g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                            G_CALLBACK (count_paint_cb), &page_in_frame);
          page_in_frame.window = window;
        }
      if (gtk_widget_get_mapped (GTK_WIDGET (window)))
        mapped_at = dispatches;
    }
  /* The first frame without the page, the page from the next. */
  while (page_in_frame.frames < 2 && dispatches < 5000)
    {
      g_main_context_iteration (NULL, TRUE);
      dispatches++;
    }
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (window)), count_paint_cb,
                                        &page_in_frame);
  g_assert_cmpuint (page_in_frame.frames, >=, 2);
  g_assert_false (page_in_frame.page_in_first);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window->pages_stack)) && dispatches < 5000)
    {
      g_main_context_iteration (NULL, TRUE);
      dispatches++;
    }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->pages_stack)));
  g_test_message ("realized at dispatch %u, mapped at %u", realized_at, mapped_at);
  /* GL set up in one, realized in the next at the earliest, shown after. */
  g_assert_cmpuint (realized_at, >=, 2);
  g_assert_cmpuint (mapped_at, >, realized_at);

  /* Shown already: raised at once. */
  rct_window_present_in_steps (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  wait_for_jobs (window);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  rct_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  data_home = rct_test_make_dir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", UI_TEST_SCHEMA_DIR, TRUE);
  g_setenv ("RECTIFY_TODAY", RCT_DEMO_DATE, TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add_func ("/ui/window/big-ledger-checked-in-thread", test_checked_in_thread);
  g_test_add_func ("/ui/window/damaged-big-ledger-closed-after-check", test_damaged_found_by_thread);
  g_test_add_func ("/ui/window/check-waits-for-rows", test_check_waits_for_rows);
  g_test_add_func ("/ui/window/backup-waits-for-rows", test_backup_waits_for_rows);
  g_test_add_func ("/ui/window/closed-before-rows-not-remembered", test_closed_before_rows_not_remembered);
  g_test_add_func ("/ui/window/presented-in-steps", test_presented_in_steps);
  status = g_test_run ();
  rct_test_remove_dir (data_home);
  return status;
}
