/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-exchange-window"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "rct-demo.h"
#include "rct-report.h"
#include "rct-test-util.h"
#include "rct-window-private.h"
#include "rct-window.h"

/* The greeter's third path in a real window: a unit's ledger made from
 * the set-up file its office sent, opened with the unit's name in the
 * title; a file that is not a set-up refused in the banner, with no
 * ledger left behind (docs/EXCHANGE.md). The file dialogs are the
 * platform's; the test starts from the paths they give. */

static char *data_home;

static gboolean
backups_running (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

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
  for (int i = 0; i < 50 || (backups_running () && i < 5000); i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_greeter_unit_ledger_from_setup (void)
{
  g_autofree char *office_dir = NULL;
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *setup = g_build_filename (dir, "回河 设置.xml", NULL);
  g_autofree char *ledger = g_build_filename (dir, "回河 派出所.db", NULL);
  g_autofree char *refused = g_build_filename (dir, "不是 设置.db", NULL);
  g_autoptr(RctStore) office = rct_test_open_demo (&office_dir);
  g_autoptr(RctOrganisation) org = NULL;
  g_autoptr(GError) error = NULL;
  RctWindow *window;
  GtkWidget *subtitle;
  GtkWidget *button;

  g_assert_true (rct_setup_export (office, "回河派出所", "HH", setup, &error));
  g_assert_no_error (error);

  window = rct_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();
  g_assert_cmpstr (rct_window_get_visible_page (window), ==, "greeter");
  /* The greeter offers the path; its button leads to the platform's file
   * dialogs, then to the function below. */
  button = find_button (GTK_WIDGET (window), "ledger.new-from-setup");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Hostile: a report is not a set-up; nothing is made. */
  g_assert_false (_rct_window_create_from_setup (window, rct_store_get_path (office), refused));
  wait_idle ();
  g_assert_nonnull (rct_window_get_banner_text (window));
  g_test_message ("refused: %s", rct_window_get_banner_text (window));
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));

  g_assert_true (_rct_window_create_from_setup (window, setup, ledger));
  wait_idle ();
  g_assert_nonnull (rct_window_get_store (window));
  g_assert_cmpstr (rct_store_get_path (rct_window_get_store (window)), ==, ledger);
  org = rct_store_dup_organisation (rct_window_get_store (window), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (org->name, ==, "回河派出所");
  g_assert_cmpstr (org->level, ==, "unit");
  g_assert_cmpint (rct_store_count (rct_window_get_store (window), RCT_KIND_WORKING_GROUP, NULL, NULL), ==, 6);
  /* Whose ledger it is shows in the title bar. */
  subtitle = GTK_WIDGET (window->subtitle_label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (subtitle)), "回河派出所 · "));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_store_close (office);
  rct_test_remove_dir (office_dir);
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
  g_test_add_func ("/ui/exchange/greeter-makes-unit-ledger-from-setup", test_greeter_unit_ledger_from_setup);
  status = g_test_run ();
  rct_test_remove_dir (data_home);
  return status;
}
