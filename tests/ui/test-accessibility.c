/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-accessibility"

#include "config.h"

#include <gtk/gtk.h>

#include "rct-demo.h"
#include "rct-input-dialog.h"
#include "rct-ledger-page.h"
#include "rct-test-util.h"
#include "rct-text-cell.h"
#include "rct-window.h"

/* Every control of the window and of an asking dialog has one accessible
 * name, walked through the GtkAccessible properties and relations (GTK's
 * test backend): no field named both by its label property and by its
 * label ("Title Title"), no button with a mnemonic named by its raw label
 * ("_Start Start"), no control left without a name, and dialogs exposed
 * as dialogs. The walk of the AT-SPI tree as a screen reader sees it is in
 * tests/e2e/. */

static char *data_home;

/* The ledger's cells shape their text only when drawn; to a screen reader
 * each is a label named by its text, as a GtkLabel is. Returns how many
 * cells with text were checked. */
static guint
check_cells (GtkWidget *widget)
{
  guint n = 0;

  if (RCT_IS_TEXT_CELL (widget) && *rct_text_cell_get_text (RCT_TEXT_CELL (widget)) != '\0')
    {
      g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                   rct_text_cell_get_text (RCT_TEXT_CELL (widget)));
      g_assert_null (wrong);
      g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_LABEL));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += check_cells (child);
  return n;
}

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

static gboolean
has_label (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* The widgets a label names (its mnemonic widget): GTK makes the label
 * their labelled-by relation. */
static GHashTable *labelled;

static void
collect_labelled (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) != NULL)
    g_hash_table_add (labelled, gtk_label_get_mnemonic_widget (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labelled (child);
}

static gboolean
has_labelled_by (GtkWidget *widget)
{
  return g_hash_table_contains (labelled, widget);
}

/* Fields that a .ui file names by a labelled-by relation it sets itself. */
static gboolean
has_relation (GtkWidget *widget)
{
  return gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Whether a button shows text of its own (a label, or a label inside). */
static gboolean
shows_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child))
      return TRUE;
  return FALSE;
}

/* What a person would call the widget, to find it from the message. */
static char *
describe (GtkWidget *widget)
{
  const char *hint = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    hint = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_ENTRY (widget) && gtk_entry_get_placeholder_text (GTK_ENTRY (widget)) != NULL)
    hint = gtk_entry_get_placeholder_text (GTK_ENTRY (widget));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    hint = gtk_button_get_icon_name (GTK_BUTTON (widget));
  return g_strdup_printf ("%s “%s” in %s", G_OBJECT_TYPE_NAME (widget), hint != NULL ? hint : "",
                          gtk_widget_get_parent (widget) != NULL
                          ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)) : "nothing");
}

static void
check_tree (GtkWidget *root,
            GString   *problems);

static void
check_names (GtkWidget *widget,
             GString   *problems)
{
  g_autofree char *type = describe (widget);
  gboolean mnemonic = FALSE;

  /* A hidden widget is not in the tree a screen reader reads. */
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_BUTTON (widget))
    mnemonic = gtk_button_get_use_underline (GTK_BUTTON (widget)) && gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    mnemonic = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) &&
               gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));

  if (has_label (widget) && has_labelled_by (widget))
    g_string_append_printf (problems, "%s named twice (label property and label)\n", type);
  if (mnemonic && has_label (widget))
    g_string_append_printf (problems, "%s named by its raw mnemonic label\n", type);
  /* Fields and icon-only buttons need a name given to them. Widgets that
   * are parts of a GTK control (the drop-down's button, the spin button's
   * arrows) are named by GTK. */
  if ((GTK_IS_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_DROP_DOWN (widget) ||
       GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_MENU_BUTTON (widget) ||
       (GTK_IS_BUTTON (widget) && !shows_text (widget))) &&
      !gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_DROP_DOWN) &&
      !gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_SPIN_BUTTON) &&
      !gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_MENU_BUTTON) &&
      !gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_SEARCH_ENTRY) &&
      !gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_COLUMN_VIEW) &&
      !(GTK_IS_MENU_BUTTON (widget) && shows_text (widget)) &&
      !has_label (widget) && !has_labelled_by (widget) && !has_relation (widget))
    g_string_append_printf (problems, "%s without a name\n", type);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    check_names (child, problems);
}

static void
check_tree (GtkWidget *root,
            GString   *problems)
{
  g_clear_pointer (&labelled, g_hash_table_unref);
  labelled = g_hash_table_new (NULL, NULL);
  collect_labelled (root);
  check_names (root, problems);
  g_clear_pointer (&labelled, g_hash_table_unref);
}

static void
test_window_names (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (store));
  g_autoptr(GString) problems = g_string_new (NULL);
  RctWindow *window;

  rct_store_close (store);
  window = rct_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL));
  wait_idle ();
  /* Every page, though each is made only when first shown. */
  {
    const char *pages[] = { "overview", "groups", "ledger", "supervisors", "reports", "setup", "study", "supervision" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      g_assert_nonnull (rct_window_get_page (window, pages[i]));
  }
  /* A problem selected, so the detail pane's buttons and fields show. */
  {
    RctLedgerPage *ledger = RCT_LEDGER_PAGE (rct_window_get_page (window, "ledger"));
    g_autoptr(RctStore) reader = NULL;

    g_assert_true (rct_ledger_page_select_problem (ledger, 1));
    wait_idle ();
  }
  check_tree (GTK_WIDGET (window), problems);
  g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");
  g_assert_cmpuint (check_cells (GTK_WIDGET (rct_window_get_page (window, "ledger"))), >, 12);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  rct_test_remove_dir (dir);
}

static gboolean
done_cb (GtkWidget          *owner,
         const char * const *values,
         gpointer            user_data,
         char              **message)
{
  return TRUE;
}

static void
test_dialog_names (void)
{
  GtkWidget *owner = gtk_window_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  RctInputField fields[] = {
    { "_Verified by", RCT_INPUT_TEXT, NULL, NULL },
    { "_How it was verified", RCT_INPUT_LONG_TEXT, NULL, NULL },
    { "_New deadline", RCT_INPUT_DATE, "2021-06-30", NULL },
    { "_Unit", RCT_INPUT_CHOICE, NULL, (const char * const[]) { "回河派出所", "交警大队", NULL } },
  };
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *dialog = NULL;

  gtk_window_present (GTK_WINDOW (owner));
  rct_input_dialog_ask (owner, "Verify and Close", "Say who verified.", "_Close the Problem", fields,
                        G_N_ELEMENTS (fields), done_cb, NULL);
  wait_idle ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (g_strcmp0 (gtk_window_get_title (window), "Verify and Close") == 0)
        dialog = window;
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG));
  check_tree (GTK_WIDGET (dialog), problems);
  g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (owner));
  wait_idle ();
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
  /* GTK's test backend keeps every accessible property to be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  g_test_add_func ("/ui/accessibility/window-controls-named-once", test_window_names);
  g_test_add_func ("/ui/accessibility/dialog-fields-named-once", test_dialog_names);
  status = g_test_run ();
  rct_test_remove_dir (data_home);
  return status;
}
