/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-live"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#ifdef HAVE_POSTGRESQL
#include <libpq-fe.h>
#endif

#include "rct-demo.h"
#include "rct-ledger-page.h"
#include "rct-test-util.h"
#include "rct-window-private.h"
#include "rct-window.h"

/* Many clerks on one ledger (issue 20): a window shows what another
 * program (rectify-cli here) wrote, within moments, without being asked;
 * and on the office's server the login's role decides what the window
 * offers. The server's cases run with the test command's throwaway
 * cluster (RECTIFY_TEST_PG) and skip without it. */

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

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the ledger page counts @expected problems, at
 * most 5 s; returns the count it reached. */
static guint
wait_for_count (RctLedgerPage *page,
                guint          expected)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (5000, flag_cb, &timed_out);

  while (rct_ledger_page_get_count (page) != expected && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return rct_ledger_page_get_count (page);
}

static RctLedgerPage *
show_ledger_page (RctWindow *window)
{
  GtkWidget *page = rct_window_get_page (window, "ledger");

  gtk_stack_set_visible_child_name (window->pages_stack, "ledger");
  wait_idle ();
  return RCT_LEDGER_PAGE (page);
}

/* Another program adds a problem to the ledger the window shows. */
static void
add_problem_elsewhere (const char *location)
{
  g_autofree char *number = NULL;

  g_assert_cmpint (rct_test_run_cli (&number, NULL, "--db", location, "--operator", "另一位文员", "problem", "add",
                                     "--description", "值班室无人值守", "--source", "public-report",
                                     "--unit", "城区派出所", "--found", "2021-05-18", "--deadline", "2021-06-18",
                                     NULL), ==, 0);
}

/* A file: the window has it read-only (the clerk opened it so, or another
 * copy held it); rectify-cli writes a problem; the window's list shows
 * it, from PRAGMA data_version asked each second. */
static void
test_file_refreshes (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) demo = rct_test_open_demo (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (demo));
  RctWindow *window;
  RctLedgerPage *page;
  guint before;

  g_clear_object (&demo);
  window = make_window ();
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_READ_ONLY));
  wait_idle ();
  page = show_ledger_page (window);
  before = wait_for_count (page, 0);
  g_assert_cmpuint (before, >, 0);

  add_problem_elsewhere (path);
  g_assert_cmpuint (wait_for_count (page, before + 1), ==, before + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

/* A demo ledger on the cluster, in a database of its own; NULL without
 * a cluster. */
static char *
server_demo (char **out_name)
{
  g_autofree char *location = rct_test_pg_new_database (NULL, out_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;

  if (location == NULL)
    return NULL;
  store = rct_store_open (location, RCT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  rct_store_set_operator (store, "测试员");
  g_assert_true (rct_demo_fill (store, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&location);
}

/* The server: the window connected; rectify-cli, another clerk, adds a
 * problem; the window's list shows it from the server's notice. */
static void
test_server_refreshes (void)
{
  g_autofree char *name = NULL;
  g_autofree char *location = server_demo (&name);
  RctWindow *window;
  RctLedgerPage *page;
  guint before;

  if (location == NULL)
    {
      g_test_skip ("no PostgreSQL cluster (RECTIFY_TEST_PG)");
      return;
    }
  window = make_window ();
  g_assert_true (rct_window_open_ledger (window, location, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  page = show_ledger_page (window);
  before = wait_for_count (page, 0);
  g_assert_cmpuint (before, >, 0);

  add_problem_elsewhere (location);
  g_assert_cmpuint (wait_for_count (page, before + 1), ==, before + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_pg_drop_database (name);
}

/* The button of @action under @widget, or NULL. */
static GtkWidget *
find_action (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
offers (RctWindow  *window,
        const char *action)
{
  GtkWidget *button = find_action (GTK_WIDGET (window), action);

  g_assert_nonnull (button);
  return gtk_widget_is_visible (button);
}

/* Shows a problem awaiting verification in the ledger page's detail. */
static void
select_awaiting (RctWindow *window)
{
  RctFilter filter = { .status = "awaiting-verification" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rct_store_list_ids (rct_window_get_store (window), RCT_KIND_PROBLEM, &filter, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  g_assert_true (rct_ledger_page_select_problem (RCT_LEDGER_PAGE (rct_window_get_page (window, "ledger")),
                                                 g_array_index (ids, gint64, 0)));
  wait_idle ();
}

/* Runs @sql on the server as the cluster's owner. */
static void
admin_exec (const char *location,
            const char *sql)
{
#ifdef HAVE_POSTGRESQL
  PGconn *conn = PQconnectdb (location);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s", PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
#else
  g_assert_not_reached ();
#endif
}

/* Whether the menu of @button hides its item of @action when the action
 * is disabled (a viewer's window has it disabled). */
static gboolean
menu_hides (GtkWidget  *widget,
            const char *action)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

      for (int i = 0; i < g_menu_model_get_n_items (model); i++)
        {
          g_autofree char *name = NULL;
          g_autofree char *hidden = NULL;

          if (g_menu_model_get_item_attribute (model, i, "action", "s", &name) && g_str_equal (name, action))
            return g_menu_model_get_item_attribute (model, i, "hidden-when", "s", &hidden) &&
                   g_str_equal (hidden, "action-disabled");
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (menu_hides (child, action))
      return TRUE;
  return FALSE;
}

/* The server's ledger with its roles (rectify-cli server init) and the
 * logins 李明 (viewer), rct_live_clerk and rct_live_verifier. */
static char *
server_with_logins (char **out_name)
{
  g_autofree char *location = server_demo (out_name);

  if (location == NULL)
    return NULL;
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", location, "server", "init", NULL), ==, 0);
  admin_exec (location, "DO $$ BEGIN"
                                   " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '李明') THEN"
                                   "   CREATE ROLE \"李明\" LOGIN; CREATE ROLE rct_live_clerk LOGIN;"
                                   "   CREATE ROLE rct_live_verifier LOGIN;"
                                   " END IF; END $$;"
                                   "GRANT rectify_viewer TO \"李明\"; GRANT rectify_clerk TO rct_live_clerk;"
                                   "GRANT rectify_verifier TO rct_live_verifier;");
  return g_steal_pointer (&location);
}

static RctWindow *
window_as (const char *location,
           const char *login)
{
  g_autofree char *as = g_strdup_printf ("%s user='%s'", location, login);
  RctWindow *window = make_window ();

  g_assert_true (rct_window_open_ledger (window, as, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  show_ledger_page (window);
  g_assert_cmpuint (wait_for_count (RCT_LEDGER_PAGE (rct_window_get_page (window, "ledger")), 0), >, 0);
  wait_idle ();
  select_awaiting (window);
  return window;
}

/* The role decides what the window offers: a viewer no Add and a line
 * saying who is signed in; a clerk adds but does not verify; a verifier
 * verifies. On a file every button is there. */
static void
test_roles_hide (void)
{
  g_autofree char *name = NULL;
  g_autofree char *location = server_with_logins (&name);
  RctWindow *window;

  if (location == NULL)
    {
      g_test_skip ("no PostgreSQL cluster (RECTIFY_TEST_PG)");
      return;
    }

  window = window_as (location, "李明");
  g_assert_true (rct_store_is_read_only (rct_window_get_store (window)));
  g_assert_false (offers (window, "ledger.new-problem"));
  g_assert_false (offers (window, "ledger.ask-verify"));
  g_assert_false (offers (window, "ledger.start"));
  g_assert_false (offers (window, "ledger.save"));
  g_assert_true (menu_hides (GTK_WIDGET (window), "ledger.import-csv"));
  g_assert_cmpstr (rct_window_get_read_only_text (window), ==,
                   "Signed in as 李明, read-only viewer: the ledger is shown, nothing in it can be changed.");
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  window = window_as (location, "rct_live_clerk");
  g_assert_false (rct_store_is_read_only (rct_window_get_store (window)));
  g_assert_true (offers (window, "ledger.new-problem"));
  g_assert_true (offers (window, "ledger.start"));
  g_assert_false (offers (window, "ledger.ask-verify"));
  g_assert_null (rct_window_get_read_only_text (window));

  /* The same window on a file offers everything again. */
  {
    g_autofree char *dir = NULL;
    g_autoptr(RctStore) demo = rct_test_open_demo (&dir);
    g_autofree char *path = g_strdup (rct_store_get_path (demo));

    g_clear_object (&demo);
    g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
    wait_idle ();
    select_awaiting (window);
    g_assert_true (offers (window, "ledger.ask-verify"));
    g_assert_true (offers (window, "ledger.new-problem"));
    gtk_window_destroy (GTK_WINDOW (window));
    wait_idle ();
    rct_test_remove_dir (dir);
  }

  window = window_as (location, "rct_live_verifier");
  g_assert_true (offers (window, "ledger.new-problem"));
  g_assert_true (offers (window, "ledger.ask-verify"));
  g_assert_true (gtk_widget_get_sensitive (find_action (GTK_WIDGET (window), "ledger.ask-verify")));
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
  g_setenv ("PGPASSFILE", "/nonexistent", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add_func ("/ui/live/file-refreshes", test_file_refreshes);
  g_test_add_func ("/ui/live/server-refreshes", test_server_refreshes);
  g_test_add_func ("/ui/live/roles-hide-what-they-cannot-do", test_roles_hide);

  status = g_test_run ();
  rct_test_remove_dir (data_home);
  g_free (data_home);
  return status;
}
