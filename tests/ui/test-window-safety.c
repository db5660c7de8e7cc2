/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-safety"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "rct-backups.h"
#include "rct-demo.h"
#include "rct-groups-page.h"
#include "rct-task-detail.h"
#include "rct-test-util.h"
#include "rct-window-private.h"
#include "rct-window.h"

/* What the window tells the clerk about the ledger's safety, in a real GTK
 * window: a daily backup that could not be taken is said in the banner,
 * not only in the log; a change saved while another program holds the
 * ledger's write lock (a report import) waits for it with the seconds
 * counted and a Cancel, instead of failing after 5 s. */

static char *data_home;

static gboolean
backups_running (RctWindow *window)
{
  return window->backups_running > 0;
}

static void
wait_idle (RctWindow *window)
{
  for (int i = 0; i < 50 || (window != NULL && backups_running (window) && i < 5000); i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static RctWindow *
make_window (void)
{
  RctWindow *window = rct_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  wait_idle (window);
  return window;
}

static char *
make_demo_ledger (char **out_dir)
{
  g_autoptr(RctStore) store = rct_test_open_demo (out_dir);
  char *path = g_strdup (rct_store_get_path (store));

  rct_store_close (store);
  return path;
}

static GObject *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static void
test_backup_failure_told (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  g_autofree char *backups = rct_backups_default_dir ();
  g_autofree char *parent = g_path_get_dirname (backups);
  RctWindow *window;
  const char *banner;

  /* A file where the backups folder should be: no backup can be taken. */
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (backups, "not a folder", -1, NULL));

  window = make_window ();
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle (window);
  g_assert_false (backups_running (window));
  banner = rct_window_get_banner_text (window);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "backup of the ledger could not be taken"));
  g_assert_null (strchr (banner, '\n'));
  g_assert_true (g_str_has_suffix (banner, "."));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle (NULL);
  g_unlink (backups);
  rct_test_remove_dir (dir);
}

/* Another program: holds the ledger's write lock until told. */
typedef struct
{
  sqlite3    *holder;
  RctWindow  *window;
  guint       release_after_ms;
  gboolean    cancel;
  char       *banner_seen;
  gboolean    pages_were_insensitive;
  gint64      started;
} Hold;

static gboolean
while_waiting_cb (gpointer user_data)
{
  Hold *hold = user_data;
  const char *banner = rct_window_get_banner_text (hold->window);

  hold->banner_seen = g_strdup (banner);
  hold->pages_were_insensitive = !gtk_widget_get_sensitive (GTK_WIDGET (hold->window->main_stack));
  if (hold->cancel)
    gtk_widget_activate (GTK_WIDGET (hold->window->banner_button));
  else
    {
      g_assert_cmpint (sqlite3_exec (hold->holder, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
      g_clear_pointer (&hold->holder, sqlite3_close);
    }
  return G_SOURCE_REMOVE;
}

static void
hold_write_lock (Hold       *hold,
                 const char *path)
{
  g_assert_cmpint (sqlite3_open (path, &hold->holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (hold->holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_timeout_add (hold->release_after_ms, while_waiting_cb, hold);
}

/* Fills in a new task and saves it, with the write lock held by @hold
 * from just before the save. */
static void
save_task (RctWindow  *window,
           const char *title,
           Hold       *hold,
           const char *path)
{
  RctGroupsPage *page = RCT_GROUPS_PAGE (rct_window_get_groups_page (window));
  RctTaskDetail *detail = RCT_TASK_DETAIL (template_child (page, RCT_TYPE_GROUPS_PAGE, "task_detail"));

  g_assert_true (rct_groups_page_select_group (page, "宣传报道组"));
  wait_idle (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "task.new", NULL));
  wait_idle (window);
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "title_entry")), title);
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "owner_entry")), "新来的民警");
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "deadline_entry")), "2021-06-30");
  hold_write_lock (hold, path);
  gtk_widget_activate_action (GTK_WIDGET (detail), "task.save", NULL);
}

static void
test_busy_write_waits (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  g_autoptr(GError) error = NULL;
  RctWindow *window = make_window ();
  RctStore *store;
  gint64 n_tasks;
  Hold hold = { 0 };
  const char *banner;

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle (window);
  store = rct_window_get_store (window);
  n_tasks = rct_store_count (store, RCT_KIND_TASK, NULL, &error);
  g_assert_no_error (error);

  /* Longer than the 5 s after which a write used to fail. */
  hold.window = window;
  hold.release_after_ms = 5600;
  save_task (window, "等别的程序写完再存的任务", &hold, path);
  wait_idle (window);

  g_test_message ("while waiting: %s", hold.banner_seen);
  g_assert_nonnull (hold.banner_seen);
  g_assert_true (g_str_has_prefix (hold.banner_seen, "Waiting "));
  g_assert_nonnull (strstr (hold.banner_seen, " s for the ledger"));
  /* The seconds counted reach the 5 s after which a write used to fail. */
  g_assert_cmpint (g_ascii_strtoll (hold.banner_seen + strlen ("Waiting "), NULL, 10), >=, 5);
  g_assert_true (hold.pages_were_insensitive);
  g_assert_null (hold.holder);
  g_assert_cmpint (rct_store_count (store, RCT_KIND_TASK, NULL, NULL), ==, n_tasks + 1);
  /* The wait is over: its banner is gone, the pages take input again. */
  for (int i = 0; i < 100 && rct_window_get_banner_text (window) != NULL; i++)
    {
      g_usleep (10000);
      wait_idle (window);
    }
  g_assert_null (rct_window_get_banner_text (window));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->main_stack)));
  g_clear_pointer (&hold.banner_seen, g_free);

  /* Cancelled: nothing is saved, the banner says so, and the same save
   * goes through once the other program is done. */
  hold.release_after_ms = 800;
  hold.cancel = TRUE;
  save_task (window, "取消等待的任务", &hold, path);
  wait_idle (window);
  g_assert_nonnull (strstr (hold.banner_seen, "Waiting"));
  banner = rct_window_get_banner_text (window);
  g_test_message ("cancelled: %s", banner);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "nothing was saved"));
  g_assert_cmpint (rct_store_count (store, RCT_KIND_TASK, NULL, NULL), ==, n_tasks + 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->main_stack)));
  sqlite3_exec (hold.holder, "ROLLBACK", NULL, NULL, NULL);
  g_clear_pointer (&hold.holder, sqlite3_close);
  g_clear_pointer (&hold.banner_seen, g_free);
  {
    RctGroupsPage *page = RCT_GROUPS_PAGE (rct_window_get_groups_page (window));
    RctTaskDetail *detail = RCT_TASK_DETAIL (template_child (page, RCT_TYPE_GROUPS_PAGE, "task_detail"));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "task.save", NULL));
    wait_idle (window);
  }
  g_assert_cmpint (rct_store_count (store, RCT_KIND_TASK, NULL, NULL), ==, n_tasks + 2);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle (NULL);
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

  g_test_add_func ("/ui/window/daily-backup-failure-is-told", test_backup_failure_told);
  g_test_add_func ("/ui/window/busy-ledger-write-waits-with-cancel", test_busy_write_waits);
  status = g_test_run ();
  rct_test_remove_dir (data_home);
  return status;
}
