/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <string.h>
#ifndef _WIN32
#include <unistd.h>
#include <signal.h>
#include <sys/resource.h>
#endif

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "rct-backups.h"
#include "rct-demo.h"
#include "rct-input-dialog.h"
#include "rct-preferences-dialog.h"
#include "rct-groups-page.h"
#include "rct-window-private.h"
#include "rct-task-detail.h"
#include "rct-test-util.h"
#include "rct-ui-test-util.h"
#include "rct-window.h"
#include "rct-overview-page.h"
#include "rct-ledger-page.h"
#include "rct-supervisors-page.h"

/* The window in a real GTK window: the demo ledger's groups and tasks, a
 * task added and its progress recorded through the window's actions, a
 * ledger held by another process opened read-only, a file that is not a
 * ledger refused, and the first run's greeting page. */

static char *data_home;

static gboolean
backups_running (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (RCT_IS_WINDOW (window) && RCT_WINDOW (window)->backups_running > 0)
        return TRUE;
    }
  return FALSE;
}

static void
wait_idle (void)
{
  /* Let the window map, lay out and run its idle work, and finish the
   * day's backup it takes in a thread. */
  for (int i = 0; i < 50 || (backups_running () && i < 5000); i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_false (backups_running ());
}

static RctWindow *
make_window (void)
{
  RctWindow *window = rct_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();
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
test_demo_groups (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  RctWindow *window = make_window ();
  RctGroupsPage *page = RCT_GROUPS_PAGE (rct_window_get_groups_page (window));
  GListModel *groups;
  GListModel *tasks;
  guint total = 0;

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  /* The overview comes first; the groups are a page away. */
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "overview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "groups"));
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "groups");
  g_assert_false (rct_window_is_read_only (window));
  g_assert_null (rct_window_get_read_only_text (window));

  groups = rct_groups_page_get_groups (page);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 6);

  /* Every group in turn: its tasks are the demo's, 22 in all. */
  tasks = rct_groups_page_get_tasks (page);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(RctWorkingGroup) group = g_list_model_get_item (groups, i);
      guint n;

      g_assert_true (rct_groups_page_select_group (page, group->name));
      wait_idle ();
      n = g_list_model_get_n_items (tasks);
      g_assert_cmpuint (n, ==, group->task_count);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(RctTask) task = g_list_model_get_item (tasks, j);
          g_assert_cmpstr (task->group_name, ==, group->name);
        }
      total += n;
    }
  g_assert_cmpuint (total, ==, 22);

  /* The reading task of the demo: 26 of 100. */
  g_assert_true (rct_groups_page_select_group (page, "学习教育组"));
  wait_idle ();
  {
    gboolean found = FALSE;

    for (guint j = 0; j < g_list_model_get_n_items (tasks); j++)
      {
        g_autoptr(RctTask) task = g_list_model_get_item (tasks, j);

        if (g_strcmp0 (task->title, "百警百日读党史") == 0)
          {
            g_assert_cmpint (task->done_count, ==, 26);
            g_assert_cmpint (task->target_count, ==, 100);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

/* The pages that work are all in the sidebar, reachable by action. */
static void
test_pages (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  RctWindow *window = make_window ();
  static const char *pages[] = { "overview", "ledger", "supervisors", "setup", "groups" };

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_string (pages[i]));

      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "view.show-page", target));
      wait_idle ();
      g_assert_cmpstr (rct_window_get_visible_page (window), ==, pages[i]);
    }
  g_assert_cmpuint (rct_ledger_page_get_count (window->ledger_page), >, 0);
  /* The Set-up page read the ledger's units when it was shown. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (rct_setup_page_get_list (window->setup_page, RCT_KIND_UNIT),
                                                   rct_store_count (rct_window_get_store (window), RCT_KIND_UNIT,
                                                                    NULL, NULL) - 1));

  /* A group's bar in the overview leads to the group. */
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "view.show-page", g_variant_new_string ("overview"));
  g_signal_emit_by_name (window->overview_page, "show-group", "宣传报道组");
  wait_idle ();
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "groups");
  {
    g_autoptr(RctTask) first = g_list_model_get_item (rct_groups_page_get_tasks (window->groups_page), 0);
    g_assert_cmpstr (first->group_name, ==, "宣传报道组");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

static RctTask *
find_task (RctStore   *store,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = rct_store_list (store, RCT_KIND_TASK, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < tasks->len; i++)
    if (g_strcmp0 (RCT_TASK (g_ptr_array_index (tasks, i))->title, title) == 0)
      return g_object_ref (g_ptr_array_index (tasks, i));
  return NULL;
}

static void
test_add_task_and_progress (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctTask) task = NULL;
  g_autoptr(RctTask) after = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  RctWindow *window;
  RctGroupsPage *page;
  RctTaskDetail *detail;
  RctStore *store;
  gint64 id;
  guint n_before;
  gboolean journal_has_done = FALSE;
  g_autofree char *reminder = NULL;

  g_settings_set_string (settings, "operator-name", "窗口测试员");
  window = make_window ();
  page = RCT_GROUPS_PAGE (rct_window_get_groups_page (window));
  detail = RCT_TASK_DETAIL (template_child (page, RCT_TYPE_GROUPS_PAGE, "task_detail"));
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  store = rct_window_get_store (window);
  /* Opening a ledger reminds of what is overdue; no error replaces it below. */
  reminder = g_strdup (rct_window_get_banner_text (window));
  g_assert_nonnull (reminder);
  g_assert_nonnull (strstr (reminder, "overdue"));
  g_assert_true (rct_groups_page_select_group (page, "宣传报道组"));
  wait_idle ();
  n_before = g_list_model_get_n_items (rct_groups_page_get_tasks (page));

  /* New task, as Ctrl+N does, filled in and saved as the Add button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "task.new", NULL));
  wait_idle ();
  g_assert_cmpint (rct_task_detail_get_task_id (detail), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "title_entry")),
                         "编印整改简报 第 5 期");
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "owner_entry")),
                         "新来的民警");
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "deadline_entry")),
                         "2021-06-30");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (template_child (detail, RCT_TYPE_TASK_DETAIL, "target_spin")), 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "task.save", NULL));
  wait_idle ();
  g_assert_cmpstr (rct_window_get_banner_text (window), ==, reminder);

  task = find_task (store, "编印整改简报 第 5 期");
  g_assert_nonnull (task);
  id = rct_record_get_id (RCT_RECORD (task));
  g_assert_cmpstr (task->group_name, ==, "宣传报道组");
  g_assert_cmpstr (task->owner_name, ==, "新来的民警");
  g_assert_cmpstr (task->deadline, ==, "2021-06-30");
  g_assert_cmpint (task->target_count, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (rct_groups_page_get_tasks (page)), ==, n_before + 1);
  g_assert_cmpint (rct_groups_page_get_selected_task_id (page), ==, id);
  g_assert_cmpint (rct_task_detail_get_task_id (detail), ==, id);

  /* A progress entry: 3 done, with a note. */
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "progress_date_entry")),
                         "2021-05-20");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (template_child (detail, RCT_TYPE_TASK_DETAIL, "progress_count_spin")), 3);
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "progress_note_entry")),
                         "前三期已付印");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "task.record-progress", NULL));
  wait_idle ();
  g_assert_cmpstr (rct_window_get_banner_text (window), ==, reminder);

  after = rct_store_get (store, RCT_KIND_TASK, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->done_count, ==, 3);
  g_assert_cmpstr (after->status, ==, "in-progress");
  progress = rct_store_list_children (store, RCT_KIND_TASK_PROGRESS, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress->len, ==, 1);
  g_assert_cmpstr (RCT_TASK_PROGRESS (g_ptr_array_index (progress, 0))->note, ==, "前三期已付印");
  g_assert_cmpint (RCT_TASK_PROGRESS (g_ptr_array_index (progress, 0))->count, ==, 3);

  /* The journal holds the creation and the change of the done count,
   * signed with the operator name from the preferences. */
  journal = rct_store_list_journal (store, RCT_KIND_TASK, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, >=, 2);
  for (guint i = 0; i < journal->len; i++)
    {
      RctJournalEntry *entry = g_ptr_array_index (journal, i);

      g_assert_cmpstr (entry->who, ==, "窗口测试员");
      if (g_strcmp0 (entry->field, "done_count") == 0)
        journal_has_done = TRUE;
    }
  g_assert_true (journal_has_done);

  /* A refused change shows the store's sentence and keeps the window usable. */
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "deadline_entry")),
                         "2021-02-30");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "task.save", NULL));
  wait_idle ();
  g_assert_nonnull (rct_window_get_banner_text (window));
  g_test_message ("refused: %s", rct_window_get_banner_text (window));
  g_assert_cmpint (rct_task_detail_get_task_id (detail), ==, id);

  g_settings_reset (settings, "operator-name");
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

static GtkDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_DIALOG (window))
        return GTK_DIALOG (window);
    }
  return NULL;
}

/* Delete asks first; cancelling keeps the task, confirming removes it and
 * the journal keeps the deletion. */
static void
test_delete_task (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctTask) task = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  RctWindow *window = make_window ();
  RctGroupsPage *page = RCT_GROUPS_PAGE (rct_window_get_groups_page (window));
  RctStore *store;
  GtkDialog *dialog;
  gint64 id;
  gint64 n_tasks;

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  store = rct_window_get_store (window);
  g_assert_true (rct_groups_page_select_group (page, "督导检查组"));
  wait_idle ();
  task = g_list_model_get_item (rct_groups_page_get_tasks (page), 0);
  id = rct_record_get_id (RCT_RECORD (task));
  g_assert_true (rct_groups_page_select_task (page, id));
  n_tasks = rct_store_count (store, RCT_KIND_TASK, NULL, &error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "task.delete", NULL));
  wait_idle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
  wait_idle ();
  g_assert_cmpint (rct_store_count (store, RCT_KIND_TASK, NULL, &error), ==, n_tasks);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "task.delete", NULL));
  wait_idle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  wait_idle ();
  g_assert_cmpint (rct_store_count (store, RCT_KIND_TASK, NULL, &error), ==, n_tasks - 1);
  g_assert_cmpint (rct_groups_page_get_selected_task_id (page), ==, 0);
  /* rct_store_list_journal() wants a record that still exists: read the
   * whole journal for the deleted task's uuid. */
  journal = rct_store_list (store, RCT_KIND_JOURNAL, NULL, &error);
  g_assert_no_error (error);
  {
    gboolean deletion = FALSE;

    for (guint i = 0; i < journal->len; i++)
      {
        RctJournalEntry *entry = g_ptr_array_index (journal, i);

        if (g_strcmp0 (entry->record_uuid, rct_record_get_uuid (RCT_RECORD (task))) == 0 &&
            g_strcmp0 (entry->field, "*") == 0 && entry->new_value == NULL)
          deletion = TRUE;
      }
    g_assert_true (deletion);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

static void
test_locked_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  RctWindow *window;
  RctGroupsPage *page;
  RctTaskDetail *detail;
  const char *banner;
  gint64 n_tasks;

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             UI_TEST_HOLDER, path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "holding");

  window = make_window ();
  page = RCT_GROUPS_PAGE (rct_window_get_groups_page (window));
  detail = RCT_TASK_DETAIL (template_child (page, RCT_TYPE_GROUPS_PAGE, "task_detail"));
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  g_assert_true (rct_window_is_read_only (window));
  banner = rct_window_get_read_only_text (window);
  g_assert_nonnull (banner);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, "another copy"));
  g_assert_nonnull (strstr (banner, g_subprocess_get_identifier (holder)));
  g_assert_cmpuint (g_list_model_get_n_items (rct_groups_page_get_groups (page)), ==, 6);

  /* Editing is off: a new task cannot be started or saved. */
  n_tasks = rct_store_count (rct_window_get_store (window), RCT_KIND_TASK, NULL, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (page), "task.new", NULL);
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "title_entry")), "不该写入");
  gtk_widget_activate_action (GTK_WIDGET (detail), "task.save", NULL);
  wait_idle ();
  g_assert_cmpint (rct_store_count (rct_window_get_store (window), RCT_KIND_TASK, NULL, &error), ==, n_tasks);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (template_child (page, RCT_TYPE_GROUPS_PAGE, "group_grid"))));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_subprocess_wait_check (holder, NULL, &error);
  g_assert_no_error (error);
  rct_test_remove_dir (dir);
}

static void
test_not_a_ledger (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "备忘 录.db", NULL);
  g_autoptr(GError) error = NULL;
  RctWindow *window;

  g_file_set_contents (path, "This is a note, not a ledger.\n", -1, &error);
  g_assert_no_error (error);
  window = make_window ();
  g_assert_false (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  g_assert_nonnull (rct_window_get_banner_text (window));
  g_test_message ("refused: %s", rct_window_get_banner_text (window));
  g_assert_null (rct_window_get_store (window));
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "greeter");

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

/* No ledger yet: the default ledger is created and the greeting shows;
 * the demo is chosen; the next start reopens the demo. */
static void
test_first_run (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *default_path = rct_store_default_path ();
  g_autofree char *demo_path = g_build_filename (data_home, "rectify", "demo.db", NULL);
  g_autofree char *last = NULL;
  RctWindow *window;

  g_assert_true (g_str_has_prefix (default_path, data_home));
  g_settings_reset (settings, "last-ledger");
  g_unlink (default_path);
  window = make_window ();
  rct_window_start (window);
  wait_idle ();
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "greeter");
  /* Nothing is created, nor backed up, before the person chooses. */
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *folder = g_path_get_dirname (default_path);
    g_autofree char *backups = g_build_filename (folder, "backups", NULL);
    g_autoptr(GDir) listing = g_dir_open (backups, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      g_assert_false (g_str_has_prefix (name, "rectify."));
  }
  g_assert_null (rct_window_get_store (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "ledger.open-demo", NULL));
  wait_idle ();
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "overview");
  g_assert_cmpstr (rct_store_get_path (rct_window_get_store (window)), ==, demo_path);
  last = g_settings_get_string (settings, "last-ledger");
  g_assert_cmpstr (last, ==, demo_path);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  window = make_window ();
  rct_window_start (window);
  wait_idle ();
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "overview");
  g_assert_cmpstr (rct_store_get_path (rct_window_get_store (window)), ==, demo_path);
  g_assert_cmpuint (g_list_model_get_n_items (rct_groups_page_get_groups (
                      RCT_GROUPS_PAGE (rct_window_get_groups_page (window)))), ==, 6);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  /* An empty ledger started from the greeting has the six usual groups… */
  g_settings_reset (settings, "last-ledger");
  g_unlink (default_path);
  window = make_window ();
  rct_window_start (window);
  wait_idle ();
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "greeter");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "ledger.start-empty", NULL));
  wait_idle ();
  /* …and opens on the Set-up page with its short assistant. */
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "setup");
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *assistant = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && assistant == NULL; i++)
      {
        g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);
        if (g_strcmp0 (gtk_window_get_title (candidate), "Set Up the New Ledger") == 0)
          assistant = candidate;
      }
    g_assert_nonnull (assistant);
    g_assert_true (gtk_window_get_transient_for (assistant) == GTK_WINDOW (window));
    gtk_window_destroy (assistant);
  }
  g_assert_cmpstr (rct_store_get_path (rct_window_get_store (window)), ==, default_path);
  g_assert_cmpuint (g_list_model_get_n_items (rct_groups_page_get_groups (
                      RCT_GROUPS_PAGE (rct_window_get_groups_page (window)))), ==, 6);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* The overview's overdue count leads, in the window, to the ledger page
 * filtered to exactly the overdue problems; the header bar's search goes to
 * the ledger. */
static void
test_overview_leads_to_ledger (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  RctWindow *window = make_window ();
  RctStore *store;
  RctFilter overdue = { 0 };
  GtkWidget *overview, *ledger;

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  store = rct_window_get_store (window);
  overview = rct_window_get_page (window, "overview");
  g_assert_nonnull (overview);
  rct_overview_page_activate_figure (RCT_OVERVIEW_PAGE (overview), "overdue");
  wait_idle ();
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "ledger");
  /* Made by the overview's figure, with its filter. */
  ledger = rct_window_get_page (window, "ledger");
  g_assert_nonnull (ledger);
  overdue.overdue = TRUE;
  g_assert_cmpuint (rct_ledger_page_get_count (RCT_LEDGER_PAGE (ledger)), ==,
                    rct_store_count (store, RCT_KIND_PROBLEM, &overdue, NULL));
  g_assert_true (rct_ledger_page_get_filter (RCT_LEDGER_PAGE (ledger))->overdue);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "supervisors"));
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "supervisors");
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* The reminder says what is overdue now; a page's error stays on its page. */
static void
test_banner_follows_changes_and_pages (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  RctWindow *window = make_window ();
  RctFilter overdue = { 0 };
  g_autoptr(GPtrArray) late = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *expected = NULL;
  RctWorkflowInput input = { 0 };
  g_autoptr(GError) error = NULL;
  RctGroupsPage *page;
  RctTaskDetail *detail;
  RctStore *store;

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  store = rct_window_get_store (window);
  opening = g_strdup (rct_window_get_banner_text (window));
  g_assert_nonnull (opening);

  overdue.overdue = TRUE;
  late = rct_store_list (store, RCT_KIND_PROBLEM, &overdue, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (late->len, >, 0);
  input.new_deadline = "2021-07-30";
  input.reason = "等待上级批复";
  g_assert_true (rct_store_problem_act (store, rct_record_get_id (g_ptr_array_index (late, 0)), RCT_ACTION_EXTEND,
                                        &input, &error));
  g_assert_no_error (error);
  wait_idle ();
  figures = rct_figures_compute (store, NULL, NULL);
  expected = rct_overview_dup_reminder (figures);
  g_assert_cmpstr (rct_window_get_banner_text (window), ==, expected);
  g_assert_cmpstr (rct_window_get_banner_text (window), !=, opening);

  /* An error on the groups page does not follow to the ledger. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "groups"));
  page = RCT_GROUPS_PAGE (rct_window_get_groups_page (window));
  detail = RCT_TASK_DETAIL (template_child (page, RCT_TYPE_GROUPS_PAGE, "task_detail"));
  g_assert_true (rct_groups_page_select_group (page, "宣传报道组"));
  wait_idle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "task.new", NULL));
  wait_idle ();
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "title_entry")), "无效日期的任务");
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "deadline_entry")),
                         "2021-02-30");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "task.save", NULL));
  wait_idle ();
  g_assert_nonnull (rct_window_get_banner_text (window));
  g_assert_cmpstr (rct_window_get_banner_text (window), !=, expected);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "ledger"));
  wait_idle ();
  g_assert_null (rct_window_get_banner_text (window));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

/* A progress of 0 without a note is refused with a sentence; the wheel over
 * a number field scrolls the form and leaves the number alone. */
static void
test_progress_zero_and_wheel (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  RctWindow *window = make_window ();
  g_autoptr(RctTask) before = NULL;
  g_autoptr(RctTask) after = NULL;
  g_autoptr(GListModel) controllers = NULL;
  GtkSpinButton *count;
  GtkAdjustment *scroll;
  RctGroupsPage *page;
  RctTaskDetail *detail;
  RctStore *store;
  gboolean handled = FALSE;
  double top;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  store = rct_window_get_store (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "groups"));
  page = RCT_GROUPS_PAGE (rct_window_get_groups_page (window));
  detail = RCT_TASK_DETAIL (template_child (page, RCT_TYPE_GROUPS_PAGE, "task_detail"));
  g_assert_true (rct_groups_page_select_group (page, "学习教育组"));
  wait_idle ();
  {
    g_autoptr(RctTask) first = g_list_model_get_item (rct_groups_page_get_tasks (page), 0);
    g_assert_true (rct_groups_page_select_task (page, rct_record_get_id (RCT_RECORD (first))));
  }
  wait_idle ();
  g_assert_cmpint (rct_task_detail_get_task_id (detail), >, 0);
  before = rct_store_get (store, RCT_KIND_TASK, rct_task_detail_get_task_id (detail), NULL);

  count = GTK_SPIN_BUTTON (template_child (detail, RCT_TYPE_TASK_DETAIL, "progress_count_spin"));
  gtk_spin_button_set_value (count, 0);
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "progress_note_entry")), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "task.record-progress", NULL));
  wait_idle ();
  g_assert_nonnull (rct_window_get_banner_text (window));
  g_assert_nonnull (strstr (rct_window_get_banner_text (window), "0"));
  after = rct_store_get (store, RCT_KIND_TASK, rct_task_detail_get_task_id (detail), NULL);
  g_assert_cmpint (after->done_count, ==, before->done_count);

  /* The wheel, as the spin button's scroll controllers receive it. */
  gtk_spin_button_set_value (count, 5);
  gtk_widget_grab_focus (GTK_WIDGET (template_child (detail, RCT_TYPE_TASK_DETAIL, "title_entry")));
  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (count),
                                                                                          GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (scroll, 0);
  top = gtk_adjustment_get_value (scroll);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (count));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "scroll", 0.0, 3.0, &handled);
    }
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_spin_button_get_value (count), ==, 5);
  if (gtk_adjustment_get_upper (scroll) - gtk_adjustment_get_page_size (scroll) > top)
    g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >, top);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

static int
min_width (GtkWidget *widget)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return minimum;
}

/* The window makes a page the first time it is shown, and once: at start
 * only the page it opens on exists and has read the ledger. */
static void
test_pages_made_on_first_show (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  RctWindow *window = make_window ();
  RctLedgerPage *ledger;

  /* The greeter, before a ledger: no page at all. */
  g_assert_cmpuint (window->pages_made, ==, 0);
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "overview");
  g_assert_cmpuint (window->pages_made, ==, 1);
  g_assert_nonnull (window->overview_page);
  g_assert_null (window->groups_page);
  g_assert_null (window->ledger_page);
  g_assert_null (window->supervisors_page);
  g_assert_null (window->reports_page);
  g_assert_null (window->setup_page);
  g_assert_null (window->study_page);
  g_assert_null (window->supervision_page);
  /* The sidebar lists them all the same. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_stack_get_pages (window->pages_stack))), ==, 8);

  /* Shown: made, with the open ledger's problems. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "ledger"));
  wait_idle ();
  ledger = window->ledger_page;
  g_assert_nonnull (ledger);
  g_assert_cmpuint (window->pages_made, ==, 2);
  g_assert_cmpuint (rct_ledger_page_get_count (ledger), >, 0);
  g_assert_cmpuint (rct_ledger_page_get_count (ledger), ==,
                    rct_store_count (rct_window_get_store (window), RCT_KIND_PROBLEM,
                                     rct_ledger_page_get_filter (ledger), NULL));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (ledger), GTK_WIDGET (window->pages_stack)));

  /* Shown again: the same page, not made again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "overview"));
  wait_idle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "ledger"));
  wait_idle ();
  g_assert_true (window->ledger_page == ledger);
  g_assert_cmpuint (window->pages_made, ==, 2);
  g_assert_null (window->groups_page);

  /* Another ledger: the pages made so far get it, the others wait. */
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_READ_ONLY));
  wait_idle ();
  g_assert_true (window->ledger_page == ledger);
  g_assert_cmpuint (window->pages_made, ==, 2);
  g_assert_null (window->supervisors_page);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

/* A window closed while its check of the ledger (or its daily backup)
 * runs in a thread closes the ledger at once: the job held the window,
 * so it was never disposed and the program ended with the ledger open,
 * its lock left behind and its good check not remembered. */
static void
test_closed_during_check_closes_ledger (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  RctWindow *window = make_window ();
  g_autoptr(RctStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;
  gpointer alive = window;

  /* Checked in a thread, as a big ledger is. */
  window->check_in_thread_above = 0;
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  g_assert_cmpuint (window->checks_running + window->backups_running, >, 0);
  g_object_add_weak_pointer (G_OBJECT (window), &alive);
  gtk_window_destroy (GTK_WINDOW (window));
  /* Gone, its ledger closed, before the job's thread reports. */
  g_assert_null (alive);

  again = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (rct_store_is_read_only (again));
  holder = rct_store_dup_lock_holder (again);
  g_assert_null (holder);
  rct_store_close (again);
  wait_idle ();
  rct_test_remove_dir (dir);
}

/* Usable at 1024×768: no page asks for more width than the window has. */
static void
test_fits_small_screens (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  RctWindow *window = make_window ();
  const char *pages[] = { "overview", "groups", "ledger", "supervisors", "reports" };

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", pages[i]));
      wait_idle ();
      page = rct_window_get_page (window, pages[i]);
      g_test_message ("%s: %d px", pages[i], min_width (page));
      for (GtkWidget *child = gtk_widget_get_first_child (page); child != NULL; child = gtk_widget_get_next_sibling (child))
        g_test_message ("  %s: %d px", G_OBJECT_TYPE_NAME (child), min_width (child));
    }
  g_test_message ("window: %d px", min_width (GTK_WIDGET (window)));
  g_assert_cmpint (min_width (GTK_WIDGET (window)), <=, 1024);

  /* At 1024 px the ledger's detail pane moves below the list; at 1280 it
   * stands beside it. */
  {
    GtkWidget *ledger = rct_window_get_page (window, "ledger");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "ledger"));
    gtk_window_unmaximize (GTK_WINDOW (window));
    gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
    wait_idle ();
    g_test_message ("ledger at %d px", gtk_widget_get_width (ledger));
    g_assert_true (rct_ledger_page_is_narrow (RCT_LEDGER_PAGE (ledger)));
    /* So does the supervisors' detail pane below their feedback. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "supervisors"));
    wait_idle ();
    g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (template_child (
                       rct_window_get_page (window, "supervisors"), RCT_TYPE_SUPERVISORS_PAGE,
                       "feedback_paned"))), ==, GTK_ORIENTATION_VERTICAL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "ledger"));
    gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
    wait_idle ();
    g_test_message ("ledger at %d px", gtk_widget_get_width (ledger));
    g_assert_false (rct_ledger_page_is_narrow (RCT_LEDGER_PAGE (ledger)));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

static void
wait_restored (RctWindow *window)
{
  for (int i = 0; window->restoring && i < 5000; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (window->restoring);
  wait_idle ();
}

/* Opening for writing takes the day's backup; Restore from Backup brings
 * it back, keeping the replaced file first; a damaged ledger names its
 * newest good backup and is restored from the same menu item. */
static void
test_restore_backup (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  g_autofree char *backups = rct_backups_default_dir ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  RctWindow *window = make_window ();
  RctStore *store;
  GtkWindow *dialog;
  gint64 n_problems;
  guint kept_before;

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  list = rct_backups_list (path, backups);
  g_assert_cmpuint (list->len, ==, 1);
  g_test_message ("backup taken: %s", (const char *) g_ptr_array_index (list, 0));

  /* A change after the backup, then the restore takes it away again. */
  store = rct_window_get_store (window);
  n_problems = rct_test_count_rows (store, RCT_KIND_PROBLEM);
  rct_test_add_problem (store, "回河派出所", "2021-05-20", "2021-06-20", "备份之后登记的问题");
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, n_problems + 1);
  kept_before = rct_test_count_files (backups, "before-restore");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "ledger.restore-backup", NULL));
  wait_idle ();
  dialog = rct_ui_test_find_window ("Restore from Backup");
  g_assert_nonnull (dialog);
  /* Cancel changes nothing. */
  gtk_window_close (dialog);
  wait_idle ();
  g_assert_cmpint (rct_test_count_rows (rct_window_get_store (window), RCT_KIND_PROBLEM), ==, n_problems + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "ledger.restore-backup", NULL));
  wait_idle ();
  dialog = rct_ui_test_find_window ("Restore from Backup");
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (gtk_window_get_default_widget (dialog), "clicked");
  /* The restore runs in a thread: the ledger is closed meanwhile, and
   * neither another restore nor a backup can start. */
  g_assert_true (window->restoring);
  g_assert_null (rct_window_get_store (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "ledger.restore-backup", NULL));
  wait_idle ();
  wait_restored (window);
  g_assert_null (rct_ui_test_find_window ("Restore from Backup"));
  store = rct_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_false (rct_store_is_read_only (store));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, n_problems);
  g_assert_cmpuint (rct_test_count_files (backups, "before-restore"), ==, kept_before + 1);
  g_assert_nonnull (rct_window_get_banner_text (window));
  g_test_message ("after the restore: %s", rct_window_get_banner_text (window));

  /* Damaged on opening: the newest good backup is named, nothing opens,
   * and the same menu item restores it. */
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_damage_file (path);
  window = make_window ();
  g_assert_false (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  g_assert_null (rct_window_get_store (window));
  g_test_message ("damaged: %s", rct_window_get_banner_text (window));
  /* The banner's button does it. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->banner_button)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (window->banner_button)), ==, "ledger.restore-backup");
  /* The window's focus, whether or not the display has made the window
   * active (the ui tests share one display, and another test's window may
   * be the active one). */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (window->banner_button));
  g_signal_emit_by_name (window->banner_button, "clicked");
  wait_idle ();
  dialog = rct_ui_test_find_window ("Restore from Backup");
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (gtk_window_get_default_widget (dialog), "clicked");
  wait_idle ();
  wait_restored (window);
  store = rct_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, n_problems);
  g_assert_true (rct_store_quick_check (path, NULL, NULL));

  /* The count kept is a preference. */
  g_assert_cmpint (g_settings_get_int (settings, "backups-keep"), ==, RCT_BACKUPS_KEEP_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

/* A ledger in a folder we may not write opens read-only, with a banner
 * that says why, rather than as damaged or not at all. */
static void
test_read_only_folder (void)
{
#ifndef _WIN32
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  gboolean as_root = geteuid () == 0;
  RctWindow *window;
  const char *banner;
  gboolean opened;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  window = make_window ();
  /* File modes do not bind root: open as nobody, as a clerk would. */
  if (as_root)
    g_assert_cmpint (seteuid (65534), ==, 0);
  opened = rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL);
  if (as_root)
    g_assert_cmpint (seteuid (0), ==, 0);
  g_assert_true (opened);
  wait_idle ();
  g_assert_true (rct_window_is_read_only (window));
  banner = rct_window_get_read_only_text (window);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, "may not be written"));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  g_chmod (dir, 0755);
  g_chmod (path, 0644);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("file modes are POSIX");
#endif
}

/* Preferences ▸ Daily backups kept is the setting the backups follow. */
static void
test_backups_kept_preference (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *dialog = rct_preferences_dialog_new (NULL);
  GtkSpinButton *spin;

  gtk_window_present (GTK_WINDOW (dialog));
  wait_idle ();
  spin = GTK_SPIN_BUTTON (template_child (dialog, RCT_TYPE_PREFERENCES_DIALOG, "backups_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, RCT_BACKUPS_KEEP_DEFAULT);
  gtk_spin_button_set_value (spin, 7);
  wait_idle ();
  g_assert_cmpint (g_settings_get_int (settings, "backups-keep"), ==, 7);
  g_settings_reset (settings, "backups-keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_idle ();
}

/* A full disk while the window saves: one sentence in the banner, nothing
 * saved, the ledger as it was; once there is room the same save works. */
static void
test_disk_full (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autofree char *path = make_demo_ledger (&dir);
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limit;
  RctWindow *window = make_window ();
  RctGroupsPage *page = RCT_GROUPS_PAGE (rct_window_get_groups_page (window));
  RctTaskDetail *detail = RCT_TASK_DETAIL (template_child (page, RCT_TYPE_GROUPS_PAGE, "task_detail"));
  RctStore *store;
  gint64 n_tasks;
  const char *banner;

  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  store = rct_window_get_store (window);
  g_assert_true (rct_groups_page_select_group (page, "宣传报道组"));
  wait_idle ();
  n_tasks = rct_store_count (store, RCT_KIND_TASK, NULL, &error);
  g_assert_no_error (error);

  /* No file may be written past its first byte from here on: the
   * write-ahead log cannot take the change, as on a full disk. */
  signal (SIGXFSZ, SIG_IGN);
  getrlimit (RLIMIT_FSIZE, &saved);
  limit = saved;
  limit.rlim_cur = 1;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "task.new", NULL));
  wait_idle ();
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "title_entry")), "磁盘满时的任务");
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "owner_entry")), "新来的民警");
  gtk_editable_set_text (GTK_EDITABLE (template_child (detail, RCT_TYPE_TASK_DETAIL, "deadline_entry")), "2021-06-30");
  gtk_widget_activate_action (GTK_WIDGET (detail), "task.save", NULL);
  wait_idle ();
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  banner = rct_window_get_banner_text (window);
  g_test_message ("disk full: %s", banner);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "disk may be full"));
  g_assert_cmpint (rct_store_count (store, RCT_KIND_TASK, NULL, NULL), ==, n_tasks);
  g_assert_true (rct_store_check (store, NULL));

  /* Room again: the window is still usable, the same save goes through. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "task.save", NULL));
  wait_idle ();
  g_assert_cmpint (rct_store_count (store, RCT_KIND_TASK, NULL, NULL), ==, n_tasks + 1);
  g_assert_nonnull (find_task (store, "磁盘满时的任务"));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
#else
  g_test_skip ("RLIMIT_FSIZE is POSIX");
#endif
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything asks GLib for the user's folders. */
  data_home = rct_test_make_dir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", UI_TEST_SCHEMA_DIR, TRUE);
  g_setenv ("RECTIFY_TODAY", RCT_DEMO_DATE, TRUE);
  /* No session bus under Xvfb: the accessibility bus would only warn. */
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add_func ("/ui/window/demo-ledger-lists-groups-and-tasks", test_demo_groups);
  g_test_add_func ("/ui/window/pages-in-sidebar", test_pages);
  g_test_add_func ("/ui/window/add-task-and-record-progress", test_add_task_and_progress);
  g_test_add_func ("/ui/window/delete-task-asks-first", test_delete_task);
  g_test_add_func ("/ui/window/locked-ledger-opens-read-only", test_locked_read_only);
  g_test_add_func ("/ui/window/not-a-ledger-opens-nothing", test_not_a_ledger);
  g_test_add_func ("/ui/window/first-run-greets-then-reopens-demo", test_first_run);
  g_test_add_func ("/ui/window/overview-leads-to-the-ledger", test_overview_leads_to_ledger);
  g_test_add_func ("/ui/window/fits-1024x768", test_fits_small_screens);
  g_test_add_func ("/ui/window/pages-made-on-first-show", test_pages_made_on_first_show);
  g_test_add_func ("/ui/window/closed-during-check-closes-ledger", test_closed_during_check_closes_ledger);
  g_test_add_func ("/ui/window/banner-follows-changes-and-pages", test_banner_follows_changes_and_pages);
  g_test_add_func ("/ui/window/progress-zero-refused-and-wheel-scrolls", test_progress_zero_and_wheel);
  g_test_add_func ("/ui/window/restore-from-backup", test_restore_backup);
  g_test_add_func ("/ui/window/read-only-folder-opens-read-only", test_read_only_folder);
  g_test_add_func ("/ui/window/backups-kept-is-a-preference", test_backups_kept_preference);
  g_test_add_func ("/ui/window/disk-full-saves-nothing-and-stays-usable", test_disk_full);
  status = g_test_run ();
  rct_test_remove_dir (data_home);
  return status;
}
