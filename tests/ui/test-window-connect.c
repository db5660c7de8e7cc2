/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-connect"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "rct-demo.h"
#include "rct-test-util.h"
#include "rct-ui-test-util.h"
#include "rct-window-private.h"
#include "rct-window.h"

/* Ledger ▸ Connect to Server… (issue 20): which addresses are a server's,
 * the dialog keeping what it cannot connect to with one sentence and
 * remembering nothing, and a start whose server is down offering the
 * ledger on this computer. With RECTIFY_TEST_PG set (the test command's
 * throwaway cluster), the server's ledger itself opens in the window. */

static char *data_home;

static void
wait_idle (void)
{
  for (int i = 0; i < 50; i++)
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
  wait_idle ();
  return window;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (label == NULL || (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a visible label under @widget says @text in part. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
test_location_kinds (void)
{
  g_assert_true (rct_store_location_is_server ("postgresql://office-server/ledger"));
  g_assert_true (rct_store_location_is_server ("postgres://localhost:5432/整改"));
  g_assert_true (rct_store_location_is_server ("service=rectify"));
  g_assert_true (rct_store_location_is_server ("host=/tmp/pg dbname=ledger"));
  g_assert_false (rct_store_location_is_server ("/home/张三/台账 2021.db"));
  g_assert_false (rct_store_location_is_server ("a=b.db"));
  g_assert_false (rct_store_location_is_server ("C:\\台账\\x.db"));
  g_assert_false (rct_store_location_is_server (""));
  g_assert_false (rct_store_location_is_server (NULL));
}

/* The dialog: a file path is not a server's address, and a server that
 * cannot be reached is said in the dialog; either way the dialog stays
 * with the address to correct, and nothing is remembered. */
static void
test_dialog_keeps_what_fails (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) recent = NULL;
  RctWindow *window = make_window ();
  GtkWindow *dialog;
  GtkEditable *entry;

  g_settings_reset (settings, "recent-ledgers");
  g_settings_reset (settings, "last-ledger");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "ledger.connect-server", NULL));
  wait_idle ();
  dialog = rct_ui_test_find_window ("Connect to Server");
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL));
  g_assert_nonnull (entry);

  gtk_editable_set_text (entry, "/tmp/台账.db");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Connect"), "clicked");
  wait_idle ();
  g_assert_true (rct_ui_test_find_window ("Connect to Server") == dialog);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "not a server"));

  /* Port 1 of this computer: nothing listens there. */
  gtk_editable_set_text (entry, "postgresql://127.0.0.1:1/ledger?connect_timeout=2");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Connect"), "clicked");
  wait_idle ();
  g_assert_true (rct_ui_test_find_window ("Connect to Server") == dialog);
  g_assert_null (rct_window_get_store (window));
  recent = g_settings_get_strv (settings, "recent-ledgers");
  g_assert_cmpuint (g_strv_length (recent), ==, 0);

  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

/* The last ledger was the server's and the server is down: one sentence,
 * and a button that opens the ledger on this computer opened before. */
static void
test_server_down_offers_local (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) demo = rct_test_open_demo (&dir);
  g_autofree char *local = g_strdup (rct_store_get_path (demo));
  const char *server = "postgresql://127.0.0.1:1/ledger?connect_timeout=2";
  const char *recent[] = { server, local, NULL };
  RctWindow *window;
  const char *banner;

  rct_store_close (demo);
  g_settings_set_strv (settings, "recent-ledgers", recent);
  g_settings_set_string (settings, "last-ledger", server);
  window = make_window ();
  rct_window_start (window);
  wait_idle ();
  g_assert_null (rct_window_get_store (window));
  banner = rct_window_get_banner_text (window);
  g_assert_nonnull (banner);
  {
    g_autofree char *name = g_path_get_basename (local);
    g_assert_nonnull (strstr (banner, name));
  }
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (window->banner_button)), ==,
                   "ledger.open-last-local");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->banner_button)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "ledger.open-last-local", NULL));
  wait_idle ();
  g_assert_nonnull (rct_window_get_store (window));
  g_assert_cmpstr (rct_store_get_path (rct_window_get_store (window)), ==, local);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

/* With the test command's throwaway cluster: the server's ledger opens
 * from the dialog, is remembered without a folder or file backup, and
 * opens again at the next start. */
static void
test_server_ledger_opens (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *name = NULL;
  g_autofree char *location = rct_test_pg_new_database (NULL, &name);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  RctStore *store;
  RctWindow *window;
  GtkWindow *dialog;

  if (location == NULL)
    {
      g_test_skip ("no PostgreSQL cluster (RECTIFY_TEST_PG)");
      return;
    }
  {
    g_autoptr(RctStore) made = rct_store_open (location, RCT_STORE_OPEN_CREATE, &error);
    g_assert_no_error (error);
    rct_store_close (made);
  }
  g_settings_reset (settings, "recent-ledgers");
  g_settings_reset (settings, "last-ledger");
  window = make_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "ledger.connect-server", NULL));
  wait_idle ();
  dialog = rct_ui_test_find_window ("Connect to Server");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL)), location);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Connect"), "clicked");
  wait_idle ();
  g_assert_null (rct_ui_test_find_window ("Connect to Server"));
  store = rct_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_true (rct_store_is_server (store));
  g_assert_null (rct_store_dup_folder (store));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), location));
  recent = g_settings_get_strv (settings, "recent-ledgers");
  g_assert_cmpstr (recent[0], ==, location);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  /* The next start connects again. */
  window = make_window ();
  rct_window_start (window);
  wait_idle ();
  g_assert_nonnull (rct_window_get_store (window));
  g_assert_cmpstr (rct_store_get_path (rct_window_get_store (window)), ==, location);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_pg_drop_database (name);
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
  /* No password of the person running the tests is read. */
  g_setenv ("PGPASSFILE", "/nonexistent", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add_func ("/ui/connect/which-addresses-are-servers", test_location_kinds);
  g_test_add_func ("/ui/connect/dialog-keeps-what-fails-remembers-nothing", test_dialog_keeps_what_fails);
  g_test_add_func ("/ui/connect/server-down-offers-the-local-ledger", test_server_down_offers_local);

  g_test_add_func ("/ui/connect/server-ledger-opens-and-reopens", test_server_ledger_opens);

  status = g_test_run ();
  rct_test_remove_dir (data_home);
  g_free (data_home);
  return status;
}
