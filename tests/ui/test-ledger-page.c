/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-ledger-page.h"
#include "rct-problem-detail.h"
#include "rct-synthetic.h"
#include "rct-test-util.h"
#include "rct-text-cell.h"

/* The ledger page in a real window: filters compose and the count is the
 * store's, sorting by deadline orders the rows, the workflow through the
 * page's actions reaches closed and writes the journal, a refused gate
 * leaves the problem as it was and says why, evidence is kept and a file
 * over the limit is refused. */

typedef struct
{
  char          *dir;
  RctStore      *store;
  GtkWindow     *window;
  RctLedgerPage *page;
} Fixture;

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  rct_clock_set_today (RCT_DEMO_DATE);
  f->store = rct_test_open_demo (&f->dir);
  rct_store_set_operator (f->store, "办公室文员");
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1300, 800);
  f->page = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  rct_ledger_page_set_store (f->page, f->store, FALSE);
  gtk_window_present (f->window);
  pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  pump ();
  g_clear_object (&f->store);
  rct_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gint64
problem_id (Fixture    *f,
            const char *number)
{
  return rct_store_find_id (f->store, RCT_KIND_PROBLEM, number, NULL);
}

static RctProblem *
problem (Fixture    *f,
         const char *number)
{
  return rct_store_get (f->store, RCT_KIND_PROBLEM, problem_id (f, number), NULL);
}

static void
test_filters_compose (Fixture       *f,
                      gconstpointer  data)
{
  RctFilter filter = { 0 };
  g_autofree char *count = NULL;

  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_test_count_rows (f->store, RCT_KIND_PROBLEM));

  filter.status = "rectifying";
  rct_ledger_page_set_filter (f->page, &filter);
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &filter, NULL));

  filter.unit = "曲堤派出所";
  rct_ledger_page_set_filter (f->page, &filter);
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &filter, NULL));

  filter.overdue = TRUE;
  rct_ledger_page_set_filter (f->page, &filter);
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &filter, NULL));
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), >, 0);

  /* Search from the header bar composes with the filters. */
  rct_ledger_page_set_search (f->page, "流动人口");
  filter.search = "流动人口";
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &filter, NULL));
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, 1);

  count = g_strdup_printf ("%u", rct_ledger_page_get_count (f->page));
  g_assert_true (g_str_has_prefix (rct_ledger_page_get_count_text (f->page), count));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.clear-filters", NULL);
  pump ();
  g_assert_null (rct_ledger_page_get_filter (f->page)->status);
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, 1);  /* the search stays */
  rct_ledger_page_set_search (f->page, NULL);
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_test_count_rows (f->store, RCT_KIND_PROBLEM));
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The less used filters fold into More Filters, so the filters take one
 * line above the list; its button counts those set, so none narrows the
 * list unseen (the overview's Listed figure sets one). */
static void
test_more_filters (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *button = find_widget_of_type (GTK_WIDGET (f->page), GTK_TYPE_MENU_BUTTON);
  GtkLabel *more = GTK_LABEL (find_widget_of_type (button, GTK_TYPE_LABEL));
  GtkWidget *bar = find_widget_of_type (GTK_WIDGET (f->page), GTK_TYPE_FLOW_BOX);
  GtkWidget *status = find_widget_of_type (bar, GTK_TYPE_DROP_DOWN);
  RctFilter filter = { 0 };

  g_assert_nonnull (more);
  g_assert_true (gtk_widget_is_ancestor (button, bar));
  g_assert_cmpint (gtk_widget_get_height (bar), <, 2 * gtk_widget_get_height (status));
  g_assert_cmpstr (gtk_label_get_text (more), ==, "More Filters");

  filter.status = "rectifying";
  filter.listed = TRUE;
  filter.severity = "grave";
  rct_ledger_page_set_filter (f->page, &filter);
  g_assert_cmpstr (gtk_label_get_text (more), ==, "More Filters (2)");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.clear-filters", NULL);
  pump ();
  g_assert_cmpstr (gtk_label_get_text (more), ==, "More Filters");
}

/* An empty filtered list names the filters that hide the problems and
 * offers to clear them. */
static void
test_empty_list_says_why (Fixture       *f,
                          gconstpointer  data)
{
  RctFilter filter = { 0 };
  const char *text;

  g_assert_null (rct_ledger_page_get_empty_text (f->page));
  filter.status = "closed";
  filter.overdue = TRUE;
  rct_ledger_page_set_filter (f->page, &filter);
  rct_ledger_page_set_search (f->page, "流动人口");
  pump ();
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, 0);
  text = rct_ledger_page_get_empty_text (f->page);
  g_assert_nonnull (text);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Status “Closed”"));
  g_assert_nonnull (strstr (text, "Overdue"));
  g_assert_nonnull (strstr (text, "Search “流动人口”"));
  g_assert_nonnull (strstr (text, "clear the filters"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.clear-all", NULL));
  pump ();
  g_assert_null (rct_ledger_page_get_empty_text (f->page));
  g_assert_null (rct_ledger_page_get_filter (f->page)->search);
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_test_count_rows (f->store, RCT_KIND_PROBLEM));
}

static void
test_sort_by_deadline (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *list;
  g_autofree char *previous = NULL;

  rct_ledger_page_sort_by (f->page, "deadline", FALSE);
  pump ();
  g_assert_cmpstr (rct_ledger_page_get_filter (f->page)->sort, ==, "deadline");
  list = G_LIST_MODEL (rct_ledger_page_get_list (f->page));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RctProblem) p = g_list_model_get_item (list, i);
      if (previous != NULL)
        g_assert_cmpint (strcmp (previous, p->deadline), <=, 0);
      g_free (previous);
      previous = g_strdup (p->deadline);
    }

  rct_ledger_page_sort_by (f->page, "deadline", TRUE);
  pump ();
  g_assert_true (rct_ledger_page_get_filter (f->page)->descending);
  {
    g_autoptr(RctProblem) first = g_list_model_get_item (list, 0);
    g_autoptr(RctProblem) last = g_list_model_get_item (list, g_list_model_get_n_items (list) - 1);
    g_assert_cmpint (strcmp (first->deadline, last->deadline), >=, 0);
  }
}

static void
test_workflow_to_closed (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = problem_id (f, "2021-009");
  g_autoptr(RctProblem) p = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GPtrArray) measures = NULL;
  gboolean saw_close = FALSE;

  g_assert_true (rct_ledger_page_select_problem (f->page, id));
  g_assert_cmpint (rct_ledger_page_get_selected_id (f->page), ==, id);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.start", NULL);
  pump ();
  p = problem (f, "2021-009");
  g_assert_cmpstr (p->status, ==, "rectifying");
  g_clear_object (&p);

  /* Submit is closed while a measure is open, and the page says why. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.add-measure", "(sss)", "重新装订案卷", "民警林静", "");
  pump ();
  g_assert_nonnull (rct_ledger_page_get_hint (f->page));
  g_assert_nonnull (strstr (rct_ledger_page_get_hint (f->page), "not done"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.submit", NULL);
  pump ();
  p = problem (f, "2021-009");
  g_assert_cmpstr (p->status, ==, "rectifying");
  g_clear_object (&p);

  measures = rct_store_list_children (f->store, RCT_KIND_MEASURE, id, NULL);
  g_assert_cmpuint (measures->len, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.measure-done", "x",
                              rct_record_get_id (g_ptr_array_index (measures, 0)));
  pump ();
  g_assert_null (rct_ledger_page_get_hint (f->page));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.submit", NULL);
  pump ();
  p = problem (f, "2021-009");
  g_assert_cmpstr (p->status, ==, "awaiting-verification");
  g_clear_object (&p);

  /* Verify without saying who: refused, unchanged, the reason shown. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.verify", "(ss)", "", "抽查十份案卷装订规范");
  pump ();
  p = problem (f, "2021-009");
  g_assert_cmpstr (p->status, ==, "awaiting-verification");
  g_clear_object (&p);
  g_assert_nonnull (rct_ledger_page_get_message (f->page));
  g_assert_nonnull (strstr (rct_ledger_page_get_message (f->page), "who verified"));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.verify", "(ss)", "督察大队长", "抽查十份案卷装订规范");
  pump ();
  p = problem (f, "2021-009");
  g_assert_cmpstr (p->status, ==, "closed");
  g_assert_cmpstr (p->verified_by, ==, "督察大队长");

  journal = rct_store_list_journal (f->store, RCT_KIND_PROBLEM, id, NULL);
  for (guint i = 0; i < journal->len; i++)
    {
      RctJournalEntry *entry = g_ptr_array_index (journal, i);
      if (g_strcmp0 (entry->field, "status") == 0 && g_strcmp0 (entry->new_value, "closed") == 0)
        {
          saw_close = TRUE;
          g_assert_cmpstr (entry->who, ==, "办公室文员");
        }
    }
  g_assert_true (saw_close);

  /* Closed is read-only until it is reopened, with a reason. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.reopen", "s", "复查发现仍有问题");
  pump ();
  g_clear_object (&p);
  p = problem (f, "2021-009");
  g_assert_cmpstr (p->status, ==, "rectifying");
}

static void
test_evidence (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = problem_id (f, "2021-006");
  g_autofree char *small = g_build_filename (f->dir, "整改 照片.jpg", NULL);
  g_autofree char *big = g_build_filename (f->dir, "太大的 扫描件.pdf", NULL);
  g_autoptr(GPtrArray) files = NULL;
  FILE *handle;

  g_assert_true (g_file_set_contents (small, "\xff\xd8\xff\xe0 photo", 10, NULL));
  handle = g_fopen (big, "wb");
  g_assert_nonnull (handle);
  g_assert_cmpint (fseek (handle, RCT_STORE_MAX_EVIDENCE_BYTES + 1024, SEEK_SET), ==, 0);
  fputc ('x', handle);
  fclose (handle);

  g_assert_true (rct_ledger_page_select_problem (f->page, id));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.attach-evidence", "s", small);
  pump ();
  files = rct_store_list_children (f->store, RCT_KIND_EVIDENCE, id, NULL);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (RCT_EVIDENCE (g_ptr_array_index (files, 0))->filename, ==, "整改 照片.jpg");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.attach-evidence", "s", big);
  pump ();
  g_assert_nonnull (rct_ledger_page_get_message (f->page));
  g_assert_nonnull (strstr (rct_ledger_page_get_message (f->page), "too large"));
  g_clear_pointer (&files, g_ptr_array_unref);
  files = rct_store_list_children (f->store, RCT_KIND_EVIDENCE, id, NULL);
  g_assert_cmpuint (files->len, ==, 1);
}

static char *cache_root;

static gboolean
file_named_somewhere (const char *dir,
                      const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      if (g_str_equal (entry, name) ||
          (g_file_test (path, G_FILE_TEST_IS_DIR) && file_named_somewhere (path, name)))
        return TRUE;
    }
  return FALSE;
}

/* A ledger someone sent names its evidence "../../../逃出 缓存.txt":
 * opening it through the page says why it cannot and writes nothing
 * anywhere (before, it landed in the cache folder's parent). */
static void
test_evidence_hostile_name (Fixture       *f,
                            gconstpointer  data)
{
  gint64 id = problem_id (f, "2021-006");
  g_autofree char *small = g_build_filename (f->dir, "整改 照片.jpg", NULL);
  g_autoptr(GPtrArray) files = NULL;
  gint64 evidence_id;

  g_assert_true (g_file_set_contents (small, "\xff\xd8\xff\xe0 photo", 10, NULL));
  g_assert_true (rct_ledger_page_select_problem (f->page, id));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.attach-evidence", "s", small);
  pump ();
  files = rct_store_list_children (f->store, RCT_KIND_EVIDENCE, id, NULL);
  g_assert_cmpuint (files->len, ==, 1);
  evidence_id = rct_record_get_id (g_ptr_array_index (files, 0));

  rct_test_rename_evidence (rct_store_get_path (f->store), evidence_id, "../../../逃出 缓存.txt");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.open-evidence", "x", evidence_id);
  pump ();
  g_assert_nonnull (rct_ledger_page_get_message (f->page));
  g_assert_nonnull (strstr (rct_ledger_page_get_message (f->page), "Cannot open this evidence file safely"));
  g_assert_false (file_named_somewhere (cache_root, "逃出 缓存.txt"));
  g_assert_false (file_named_somewhere (f->dir, "逃出 缓存.txt"));
}

static void
collect_inputs (GtkWidget *widget,
                GPtrArray *inputs)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_ENTRY (child) || GTK_IS_TEXT_VIEW (child) || GTK_IS_DROP_DOWN (child))
        g_ptr_array_add (inputs, child);
      else
        collect_inputs (child, inputs);
    }
}

static GtkWindow *
find_window (const char *title)
{
  GListModel *windows = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (windows, i);
      if (g_strcmp0 (gtk_window_get_title (window), title) == 0 && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}


/* The error line an asking window shows under its fields, or NULL. */
static const char *
shown_error (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "error") && gtk_widget_get_visible (child))
        return gtk_label_get_text (GTK_LABEL (child));
      if ((found = shown_error (child)) != NULL)
        return found;
    }
  return NULL;
}

static char *
text_of (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

/* Presses Escape through the window's own shortcuts (its controllers, the
 * class's key bindings included), as the key would. */
static gboolean
press_escape (GtkWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), escape))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* A shown window other than the page's own, or NULL. */
static GtkWindow *
other_window (Fixture *f)
{
  GListModel *windows = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (windows, i);
      if (window != f->window && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
walk_to_awaiting_verification (Fixture    *f,
                               gint64      id)
{
  g_autoptr(GPtrArray) measures = NULL;

  g_assert_true (rct_ledger_page_select_problem (f->page, id));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.start", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.add-measure", "(sss)", "重新装订案卷", "民警林静", "");
  measures = rct_store_list_children (f->store, RCT_KIND_MEASURE, id, NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.measure-done", "x",
                              rct_record_get_id (g_ptr_array_index (measures, 0)));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.submit", NULL);
  pump ();
}

static void
test_verify_dialog_keeps_input (Fixture       *f,
                                gconstpointer  data)
{
  gint64 id = problem_id (f, "2021-009");
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(RctProblem) p = NULL;
  g_autofree char *kept = NULL;
  GtkWindow *dialog;

  walk_to_awaiting_verification (f, id);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.ask-verify", NULL);
  pump ();
  dialog = find_window ("Verify and Close");
  g_assert_nonnull (dialog);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (dialog)), ==, GTK_ACCESSIBLE_ROLE_DIALOG);
  collect_inputs (GTK_WIDGET (dialog), inputs);
  g_assert_cmpuint (inputs->len, ==, 2);

  /* Who verified is missing: the window stays, with what was typed and why. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_ptr_array_index (inputs, 1)), "抽查十份案卷装订规范", -1);
  g_signal_emit_by_name (gtk_window_get_default_widget (dialog), "clicked");
  pump ();
  g_assert_true (find_window ("Verify and Close") == dialog);
  kept = text_of (g_ptr_array_index (inputs, 1));
  g_assert_cmpstr (kept, ==, "抽查十份案卷装订规范");
  g_assert_nonnull (shown_error (GTK_WIDGET (dialog)));
  g_assert_nonnull (strstr (shown_error (GTK_WIDGET (dialog)), "who verified"));
  p = problem (f, "2021-009");
  g_assert_cmpstr (p->status, ==, "awaiting-verification");
  g_clear_object (&p);

  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (inputs, 0)), "督察大队长");
  g_signal_emit_by_name (gtk_window_get_default_widget (dialog), "clicked");
  pump ();
  g_assert_null (find_window ("Verify and Close"));
  p = problem (f, "2021-009");
  g_assert_cmpstr (p->status, ==, "closed");
  g_assert_cmpstr (rct_ledger_page_get_message (f->page), ==, "Verified and closed.");
}

static void
test_extend_dialog_keeps_input (Fixture       *f,
                                gconstpointer  data)
{
  gint64 id = problem_id (f, "2021-009");
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(RctProblem) before = problem (f, "2021-009");
  g_autoptr(RctProblem) after = NULL;
  GtkWindow *dialog;

  g_assert_true (rct_ledger_page_select_problem (f->page, id));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.ask-extend", NULL);
  pump ();
  dialog = find_window ("Extend the Deadline");
  g_assert_nonnull (dialog);
  collect_inputs (GTK_WIDGET (dialog), inputs);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (inputs, 0)), "2021-02-30");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_ptr_array_index (inputs, 1)), "等待上级批复", -1);
  g_signal_emit_by_name (gtk_window_get_default_widget (dialog), "clicked");
  pump ();
  g_assert_true (find_window ("Extend the Deadline") == dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (inputs, 0))), ==, "2021-02-30");
  g_assert_nonnull (shown_error (GTK_WIDGET (dialog)));
  after = problem (f, "2021-009");
  g_assert_cmpstr (after->deadline, ==, before->deadline);

  /* Escape closes it, and nothing is changed. */
  g_assert_true (press_escape (dialog));
  pump ();
  g_assert_null (find_window ("Extend the Deadline"));
  g_clear_object (&after);
  after = problem (f, "2021-009");
  g_assert_cmpstr (after->deadline, ==, before->deadline);
}

static void
test_escape_closes_dialogs (Fixture       *f,
                            gconstpointer  data)
{
  const char *asks[] = { "ledger.new-problem", "ledger.ask-reopen" };
  const char *titles[] = { "New Problem", "Reopen" };
  g_autofree char *csv = g_build_filename (f->dir, "旧 台账.csv", NULL);
  GtkWindow *dialog;

  g_assert_true (rct_ledger_page_select_problem (f->page, problem_id (f, "2021-001")));
  for (guint i = 0; i < G_N_ELEMENTS (asks); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->page), asks[i], NULL);
      pump ();
      dialog = find_window (titles[i]);
      if (dialog == NULL)
        continue;  /* the problem's state closes that step */
      g_assert_true (press_escape (dialog));
      pump ();
      g_assert_null (find_window (titles[i]));
    }

  g_assert_true (g_file_set_contents (csv, "编号,问题描述\n2021-900,测试\n", -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.import-csv-from", "s", csv);
  pump ();
  dialog = other_window (f);
  g_assert_nonnull (dialog);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (dialog)), ==, GTK_ACCESSIBLE_ROLE_DIALOG);
  g_assert_true (press_escape (dialog));
  pump ();
  g_assert_null (other_window (f));
}

static void
search_cleared_cb (RctLedgerPage *page,
                   gboolean      *cleared)
{
  *cleared = TRUE;
}

/* Registered while a filter and a search hide it: the new problem is
 * selected and shown, and the page says the filters were cleared. */
static void
test_new_problem_under_search (Fixture       *f,
                               gconstpointer  data)
{
  RctFilter filter = { 0 };
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  gboolean cleared = FALSE;
  GtkWindow *dialog;

  g_signal_connect (f->page, "search-cleared", G_CALLBACK (search_cleared_cb), &cleared);
  filter.status = "closed";
  rct_ledger_page_set_filter (f->page, &filter);
  rct_ledger_page_set_search (f->page, "流动人口");
  pump ();

  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.new-problem", NULL);
  pump ();
  dialog = find_window ("New Problem");
  g_assert_nonnull (dialog);
  collect_inputs (GTK_WIDGET (dialog), inputs);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_ptr_array_index (inputs, 1)), "接警登记簿未按日填写", -1);
  g_signal_emit_by_name (gtk_window_get_default_widget (dialog), "clicked");
  pump ();
  g_assert_null (find_window ("New Problem"));

  g_assert_cmpint (rct_ledger_page_get_selected_id (f->page), ==, problem_id (f, "2021-042"));
  g_assert_null (rct_ledger_page_get_filter (f->page)->status);
  g_assert_null (rct_ledger_page_get_filter (f->page)->search);
  g_assert_true (cleared);
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_test_count_rows (f->store, RCT_KIND_PROBLEM));
  g_assert_nonnull (strstr (rct_ledger_page_get_message (f->page), "cleared"));
}

static void
test_history_reads_as_words (Fixture       *f,
                             gconstpointer  data)
{
  gint64 id = problem_id (f, "2021-009");
  g_autofree char *history = NULL;

  walk_to_awaiting_verification (f, id);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.verify", "(ss)", "督察大队长", "抽查十份案卷装订规范");
  pump ();
  history = rct_ledger_page_dup_history (f->page);
  g_test_message ("%s", history);
  /* The measure's steps are in the problem's history. */
  g_assert_nonnull (strstr (history, "Measure added: 重新装订案卷"));
  g_assert_nonnull (strstr (history, "Measure done: 重新装订案卷"));
  /* Fields by their names, not the columns'. */
  g_assert_nonnull (strstr (history, "Verified by: — → 督察大队长"));
  g_assert_nonnull (strstr (history, "Status: Awaiting verification → Closed"));
  g_assert_null (strstr (history, "verified_by"));
  g_assert_null (strstr (history, "closed_date"));
  /* Local time without seconds, not the journal's UTC stamp. */
  g_assert_false (g_regex_match_simple ("[0-9]{4}-[0-9]{2}-[0-9]{2}T", history, 0, 0));
  g_assert_true (g_regex_match_simple ("办公室文员 · [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\\n", history, 0, 0));
}

static GtkWidget *
detail_field (Fixture    *f,
              const char *field)
{
  return rct_problem_detail_get_field (RCT_PROBLEM_DETAIL (rct_ledger_page_get_detail (f->page)), field);
}

static const char *
dropdown_text (GtkWidget *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* Unit and working group are chosen from the ledger's lists, as in New
 * Problem; a closed problem's fields are greyed, not just locked. */
static void
test_detail_choices_and_closed (Fixture       *f,
                                gconstpointer  data)
{
  gint64 id = problem_id (f, "2021-009");
  g_autoptr(RctProblem) before = problem (f, "2021-009");
  g_autoptr(RctProblem) after = NULL;
  GtkWidget *unit, *group;
  GListModel *units;
  guint other = GTK_INVALID_LIST_POSITION;
  g_autofree char *chosen_unit = NULL;

  g_assert_true (rct_ledger_page_select_problem (f->page, id));
  unit = detail_field (f, "unit");
  group = detail_field (f, "group");
  g_assert_true (GTK_IS_DROP_DOWN (unit));
  g_assert_true (GTK_IS_DROP_DOWN (group));
  g_assert_cmpstr (dropdown_text (unit), ==, before->unit_name);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (unit))), ==,
                    rct_test_count_rows (f->store, RCT_KIND_UNIT));
  g_assert_true (gtk_widget_is_sensitive (unit));

  units = gtk_drop_down_get_model (GTK_DROP_DOWN (unit));
  for (guint i = 0; i < g_list_model_get_n_items (units) && other == GTK_INVALID_LIST_POSITION; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (units), i), before->unit_name) != 0)
      other = i;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (unit), other);
  chosen_unit = g_strdup (dropdown_text (unit));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (group), 0);  /* (none) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.save", NULL));
  pump ();
  after = problem (f, "2021-009");
  g_assert_cmpstr (after->unit_name, ==, chosen_unit);
  g_assert_cmpstr (after->unit_name, !=, before->unit_name);
  g_assert_null (after->group_name != NULL && *after->group_name ? after->group_name : NULL);

  walk_to_awaiting_verification (f, id);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.verify", "(ss)", "督察大队长", "抽查十份案卷装订规范");
  pump ();
  g_clear_object (&after);
  after = problem (f, "2021-009");
  g_assert_cmpstr (after->status, ==, "closed");
  for (const char * const *field = (const char * const[]) { "description", "source", "category", "unit", "group",
                                                            "responsible", "found_date", "deadline", "mechanism",
                                                            NULL };
       *field != NULL; field++)
    {
      GtkWidget *widget = detail_field (f, *field);

      g_test_message ("%s", *field);
      g_assert_false (gtk_widget_is_sensitive (widget));
    }
}

/* Enter in the new measure's text adds the measure. */
static void
test_enter_adds_measure (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = problem_id (f, "2021-009");
  g_autoptr(GPtrArray) measures = NULL;
  GtkWidget *text;

  g_assert_true (rct_ledger_page_select_problem (f->page, id));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.start", NULL);
  pump ();
  text = detail_field (f, "new_measure");
  g_assert_true (GTK_IS_ENTRY (text));
  gtk_editable_set_text (GTK_EDITABLE (text), "重新装订案卷");
  g_signal_emit_by_name (text, "activate");
  pump ();
  measures = rct_store_list_children (f->store, RCT_KIND_MEASURE, id, NULL);
  g_assert_cmpuint (measures->len, ==, 1);
  g_assert_cmpstr (RCT_MEASURE (g_ptr_array_index (measures, 0))->text, ==, "重新装订案卷");
}

static void
test_new_problem (Fixture       *f,
                  gconstpointer  data)
{
  gint64 before = rct_test_count_rows (f->store, RCT_KIND_PROBLEM);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  GtkWindow *dialog;
  GtkWidget *accept;
  GtkEntry *number;
  GtkTextView *description;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.new-problem", NULL);
  pump ();
  dialog = find_window ("New Problem");
  g_assert_nonnull (dialog);
  collect_inputs (GTK_WIDGET (dialog), inputs);
  /* The ninth field is severity (一般 / 较重 / 严重). */
  g_assert_cmpuint (inputs->len, ==, 10);
  g_assert_true (GTK_IS_DROP_DOWN (g_ptr_array_index (inputs, 9)));
  number = g_ptr_array_index (inputs, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "2021-042");

  /* Required fields are checked first: no description, nothing saved. */
  accept = gtk_window_get_default_widget (dialog);
  g_signal_emit_by_name (accept, "clicked");
  pump ();
  g_assert_nonnull (find_window ("New Problem"));
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_PROBLEM), ==, before);

  /* An 18,000-character paste: refused in the window, which stays open. */
  description = g_ptr_array_index (inputs, 1);
  {
    g_autoptr(GString) pasted = g_string_new (NULL);

    for (guint i = 0; i < 18000; i++)
      g_string_append (pasted, "整");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (description), pasted->str, -1);
  }
  g_signal_emit_by_name (accept, "clicked");
  pump ();
  g_assert_nonnull (find_window ("New Problem"));
  g_assert_nonnull (strstr (shown_error (GTK_WIDGET (dialog)), "too long"));
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_PROBLEM), ==, before);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (description), "接警登记簿未按日填写", -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (g_ptr_array_index (inputs, 9)), 2);
  g_signal_emit_by_name (accept, "clicked");
  pump ();
  g_assert_null (find_window ("New Problem"));
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_PROBLEM), ==, before + 1);
  g_assert_cmpint (rct_ledger_page_get_selected_id (f->page), ==, problem_id (f, "2021-042"));
  {
    g_autoptr(RctProblem) problem = rct_store_get (f->store, RCT_KIND_PROBLEM, problem_id (f, "2021-042"), NULL);
    g_assert_cmpstr (problem->severity, ==, "grave");
  }
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, before + 1);
}

/* The shortcuts window names what Ctrl+N does on each page, the ledger's
 * New Problem included. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/rectify/Rectify/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, overlay);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
        {
          g_autofree char *accelerator = NULL;
          g_autofree char *title = NULL;

          g_object_get (widget, "accelerator", &accelerator, "title", &title, NULL);
          if (g_str_has_prefix (accelerator, "<ctrl>n"))
            g_ptr_array_add (titles, g_steal_pointer (&title));
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "New problem (on the Rectification ledger page)",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "New task (on the Working groups page)", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "Record feedback (on the Supervisors page)",
                                                   g_str_equal, NULL));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Every label text under @widget, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (RCT_IS_TEXT_CELL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (texts, "%s\n", rct_text_cell_get_text (RCT_TEXT_CELL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* The rows change in place (the list recycles its records): a filter
 * shows the new rows' values in the cells, keeps the selected problem
 * selected while it is in the list, and lets it go when it leaves. */
static void
test_filter_keeps_selection (Fixture       *f,
                             gconstpointer  data)
{
  RctFilter filter = { 0 };
  gint64 id = problem_id (f, "2021-006");
  g_autoptr(RctProblem) selected = problem (f, "2021-006");
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(RctProblem) first = NULL;
  g_autoptr(GArray) ids = NULL;

  g_assert_cmpstr (selected->status, ==, "rectifying");
  g_assert_true (rct_ledger_page_select_problem (f->page, id));
  pump ();

  filter.status = "rectifying";
  rct_ledger_page_set_filter (f->page, &filter);
  pump ();
  g_assert_cmpint (rct_ledger_page_get_selected_id (f->page), ==, id);
  ids = rct_store_list_ids (f->store, RCT_KIND_PROBLEM, &filter, NULL);
  first = rct_store_get (f->store, RCT_KIND_PROBLEM, g_array_index (ids, gint64, 0), NULL);
  collect_labels (GTK_WIDGET (f->page), texts);
  g_assert_nonnull (strstr (texts->str, first->number));
  g_assert_null (strstr (texts->str, "2021-001\n"));  /* closed: filtered out */

  filter.status = "closed";
  rct_ledger_page_set_filter (f->page, &filter);
  pump ();
  g_assert_cmpint (rct_ledger_page_get_selected_id (f->page), ==, 0);
  g_string_truncate (texts, 0);
  collect_labels (GTK_WIDGET (f->page), texts);
  g_assert_nonnull (strstr (texts->str, "2021-001\n"));
  g_assert_null (strstr (texts->str, "2021-006\n"));
}

/* The list's cells under @widget, in the order of the tree. */
static void
collect_cells (GtkWidget *widget,
               GPtrArray *cells)
{
  if (RCT_IS_TEXT_CELL (widget))
    g_ptr_array_add (cells, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_cells (child, cells);
}

/* Whether @cell shows: mapped (GTK 4.8 unmaps the rows it keeps beyond
 * the window) and within the list's scrolled window. */
static gboolean
cell_shows (GtkWidget *cell)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (cell, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (cell))
    return FALSE;
  g_assert_true (gtk_widget_compute_bounds (cell, scroller, &bounds));
  return bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (scroller) &&
         bounds.origin.x < gtk_widget_get_width (scroller);
}

/* GTK 4.8 keeps 200 rows of twelve cells around the list's anchor, though
 * a screenful shows: the cells shape their text only when drawn, so the
 * rows beyond the window cost no Pango work (docs/PERFORMANCE.md, the
 * window's first frame and the scroll to the end). Each cell is still a
 * label named by its text to assistive technologies. */
static void
test_cells_shaped_when_drawn (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(RctProblem) first = NULL;
  g_autoptr(GArray) ids = NULL;
  GtkWindow *window;
  RctLedgerPage *page;
  guint shown = 0, shaped = 0, shown_shaped = 0;
  gint64 until;

  rct_synthetic_fill (store, 600, 3, &error);
  g_assert_no_error (error);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1300, 700);
  page = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_ledger_page_set_store (page, store, FALSE);
  gtk_window_present (window);

  /* Until the first frame with rows is drawn. */
  until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_ptr_array_set_size (cells, 0);
      collect_cells (GTK_WIDGET (page), cells);
      if (cells->len > 0 && rct_text_cell_is_laid_out (g_ptr_array_index (cells, 0)))
        break;
    }
  /* The rows come a frame at a time: until they all have (a loaded
   * machine's frames come slower than the loop empties). */
  while ((rct_ledger_page_is_filtering (page) || rct_ledger_page_is_growing (page)) &&
         g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  pump ();
  g_ptr_array_set_size (cells, 0);
  collect_cells (GTK_WIDGET (page), cells);

  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      gboolean shows = cell_shows (cell);

      shown += shows;
      shaped += rct_text_cell_is_laid_out (RCT_TEXT_CELL (cell));
      shown_shaped += shows && (rct_text_cell_is_laid_out (RCT_TEXT_CELL (cell)) ||
                                *rct_text_cell_get_text (RCT_TEXT_CELL (cell)) == '\0');
    }
  /* GTK made more rows than show; only those that show were shaped. */
  g_assert_cmpuint (cells->len, >=, 12 * 100);
  g_assert_cmpuint (shown, >, 12 * 5);
  g_assert_cmpuint (shown, <, cells->len / 2);
  g_assert_cmpuint (shown_shaped, ==, shown);
  g_assert_cmpuint (shaped, <=, shown + 12 * 4);

  /* The first row's number, a label to assistive technologies (its name,
   * the text, is checked in test-accessibility with GTK's test backend). */
  ids = rct_store_list_ids (store, RCT_KIND_PROBLEM, NULL, NULL);
  first = rct_store_get (store, RCT_KIND_PROBLEM, g_array_index (ids, gint64, 0), NULL);
  {
    GtkWidget *cell = g_ptr_array_index (cells, 0);

    g_assert_cmpstr (rct_text_cell_get_text (RCT_TEXT_CELL (cell)), ==, first->number);
    g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (cell)), ==, GTK_ACCESSIBLE_ROLE_LABEL);
  }

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
count_added_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                GArray     *changes)
{
  guint change[2] = { position, added };

  g_array_append_vals (changes, change, 2);
}

/* Rows that arrived before the page was first on screen (at the window's
 * start, a ledger's query can end before its first frames) come a frame at
 * a time too, not the 200 rows GTK keeps made in one frame. */
static void
test_rows_before_map_come_a_frame_at_a_time (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  RctLedgerPage *page;
  guint most = 0;
  gint64 until;

  rct_synthetic_fill (store, 600, 5, &error);
  g_assert_no_error (error);
  page = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  /* Queried at once, before the page is on screen. */
  rct_ledger_page_set_store (page, store, FALSE);
  g_assert_false (rct_ledger_page_is_filtering (page));
  g_assert_cmpuint (rct_ledger_page_get_count (page), ==, 600);
  g_assert_false (rct_ledger_page_is_growing (page));

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1300, 700);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (rct_ledger_page_is_growing (page));
  g_assert_cmpuint (rct_ledger_page_get_n_shown (page), ==, 0);

  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (rct_ledger_page_is_growing (page) && g_get_monotonic_time () < until)
    {
      guint before = rct_ledger_page_get_n_shown (page);

      g_main_context_iteration (NULL, TRUE);
      if (rct_ledger_page_is_growing (page))
        most = MAX (most, rct_ledger_page_get_n_shown (page) - before);
    }
  g_assert_false (rct_ledger_page_is_growing (page));
  g_assert_cmpuint (rct_ledger_page_get_n_shown (page), ==, 600);
  /* A screenful a frame while they came. */
  g_assert_cmpuint (most, >, 0);
  g_assert_cmpuint (most, <=, 40);
  gtk_window_destroy (window);
  pump ();
  rct_test_remove_dir (dir);
}

/* In a window realized but not yet shown (the window's start shows its
 * page from its second frame), rows that arrive are not made at all until
 * the page is on screen: GTK made the 200 it keeps in that dispatch. */
static void
test_rows_wait_for_window_shown (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  RctLedgerPage *page;
  gint64 until;

  rct_synthetic_fill (store, 600, 5, &error);
  g_assert_no_error (error);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1300, 700);
  page = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_widget_realize (GTK_WIDGET (window));
  /* Queried in a thread, as a big ledger is. */
  rct_ledger_page_set_threaded_above (page, 100);
  rct_ledger_page_set_store (page, store, FALSE);
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (rct_ledger_page_is_filtering (page) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpuint (rct_ledger_page_get_count (page), ==, 600);
  g_assert_cmpuint (rct_ledger_page_get_n_shown (page), ==, 0);

  gtk_window_present (window);
  g_assert_true (rct_ledger_page_is_growing (page));
  while (rct_ledger_page_is_growing (page) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rct_ledger_page_get_n_shown (page), ==, 600);
  gtk_window_destroy (window);
  pump ();

  /* A few rows, held back the same way, come too. */
  {
    RctFilter few = { .search = "-00001" };
    gint64 none = rct_store_count (store, RCT_KIND_PROBLEM, &few, NULL);

    window = GTK_WINDOW (gtk_window_new ());
    page = RCT_LEDGER_PAGE (rct_ledger_page_new ());
    gtk_window_set_child (window, GTK_WIDGET (page));
    gtk_widget_realize (GTK_WIDGET (window));
    rct_ledger_page_set_threaded_above (page, 100);
    rct_ledger_page_set_store (page, store, FALSE);
    rct_ledger_page_set_filter (page, &few);
    while (rct_ledger_page_is_filtering (page) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
    g_test_message ("%" G_GINT64_FORMAT " problems match", none);
    g_assert_cmpint (none, >, 0);
    g_assert_cmpint (none, <=, 40);
    g_assert_cmpuint (rct_ledger_page_get_count (page), ==, (guint) none);
    gtk_window_present (window);
    while (rct_ledger_page_is_growing (page) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
    pump ();
    g_assert_cmpuint (rct_ledger_page_get_n_shown (page), ==, (guint) none);
    gtk_window_destroy (window);
    pump ();
  }
  rct_test_remove_dir (dir);
}

/* A big list that arrives at once comes to GTK a screenful a frame, after
 * the page's first frame, so no frame makes the widgets of all 200 rows
 * GTK keeps (docs/PERFORMANCE.md); then the whole list is there. A problem
 * chosen beyond the rows shown so far is selected at once. */
static void
test_rows_come_a_frame_at_a_time (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ids = NULL;
  GtkWindow *window;
  RctLedgerPage *page;
  GtkSelectionModel *shown;
  GtkWidget *view;
  gint64 until;

  rct_synthetic_fill (store, 600, 5, &error);
  g_assert_no_error (error);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1300, 700);
  page = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  rct_ledger_page_set_threaded_above (page, 100);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  pump ();
  view = find_widget_of_type (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW);
  shown = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
  rct_ledger_page_set_store (page, store, FALSE);
  shown = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
  g_signal_connect (shown, "items-changed", G_CALLBACK (count_added_cb), changes);

  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (rct_ledger_page_is_filtering (page) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rct_ledger_page_get_count (page), ==, 600);
  g_assert_true (rct_ledger_page_is_growing (page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), <, 600);
  while (rct_ledger_page_is_growing (page) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rct_ledger_page_is_growing (page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 600);

  /* Below the 200 rows GTK keeps, at most a screenful a change. */
  g_assert_cmpuint (changes->len, >=, 2 * 5);
  for (guint i = 0; i < changes->len; i += 2)
    {
      guint position = g_array_index (changes, guint, i);
      guint added = g_array_index (changes, guint, i + 1);

      if (position < 200)
        g_assert_cmpuint (MIN (position + added, 200) - position, <=, 40);
    }

  /* Again from one row, and a problem far down chosen while they come. */
  ids = rct_store_list_ids (store, RCT_KIND_PROBLEM, NULL, NULL);
  {
    g_autoptr(RctProblem) first = rct_store_get (store, RCT_KIND_PROBLEM, g_array_index (ids, gint64, 0), NULL);

    rct_ledger_page_set_search (page, first->number);
  }
  while (rct_ledger_page_is_filtering (page) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  rct_ledger_page_set_search (page, NULL);
  while (rct_ledger_page_is_filtering (page) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rct_ledger_page_get_count (page), ==, 600);
  g_assert_true (rct_ledger_page_is_growing (page));
  g_assert_true (rct_ledger_page_select_problem (page, g_array_index (ids, gint64, 500)));
  g_assert_false (rct_ledger_page_is_growing (page));
  g_assert_cmpint (rct_ledger_page_get_selected_id (page), ==, g_array_index (ids, gint64, 500));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (shown)), ==, 500);

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* A cell is as high as a label of the same text in the same place, so rows
 * are as high as before, and its natural width grows with its text. */
static void
test_cell_sized_as_label (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("回河派出所 2021-001");
  GtkWidget *cell = rct_text_cell_new ();
  GtkWidget *longer = rct_text_cell_new ();
  int label_height, cell_height, narrow, wide;

  rct_text_cell_set_text (RCT_TEXT_CELL (cell), "回河派出所 2021-001");
  rct_text_cell_set_text (RCT_TEXT_CELL (longer), "回河派出所 2021-001 流动人口登记不全");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), longer);
  gtk_window_set_child (window, box);
  gtk_window_present (window);
  pump ();

  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, NULL, &label_height, NULL, NULL);
  gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, NULL, &cell_height, NULL, NULL);
  g_assert_cmpint (cell_height, ==, label_height);
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &narrow, NULL, NULL);
  gtk_widget_measure (longer, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &wide, NULL, NULL);
  g_assert_cmpint (narrow, >, 0);
  g_assert_cmpint (wide, >, narrow);
  g_assert_cmpstr (rct_text_cell_get_text (RCT_TEXT_CELL (cell)), ==, "回河派出所 2021-001");
  gtk_window_destroy (window);
  pump ();
}

/* A big ledger's filter and search query in a thread: the rows stay until
 * the answer arrives, then the count and the cells show it. */
static void
test_filter_in_a_thread (Fixture       *f,
                         gconstpointer  data)
{
  RctFilter filter = { .status = "rectifying" };
  guint all = rct_test_count_rows (f->store, RCT_KIND_PROBLEM);

  rct_ledger_page_set_threaded_above (f->page, 0);
  rct_ledger_page_set_store (f->page, f->store, FALSE);
  while (rct_ledger_page_is_filtering (f->page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, all);

  rct_ledger_page_set_filter (f->page, &filter);
  g_assert_true (rct_ledger_page_is_filtering (f->page));
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, all);
  while (rct_ledger_page_is_filtering (f->page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &filter, NULL));

  /* A search typed over a pending one: only the last is shown. */
  rct_ledger_page_set_search (f->page, "流动");
  rct_ledger_page_set_search (f->page, "流动人口");
  filter.search = "流动人口";
  while (rct_ledger_page_is_filtering (f->page))
    g_main_context_iteration (NULL, TRUE);
  pump ();
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &filter, NULL));
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, 1);

  /* Selecting a problem the search hides clears it at once. */
  g_assert_true (rct_ledger_page_select_problem (f->page, problem_id (f, "2021-001")));
  g_assert_cmpint (rct_ledger_page_get_selected_id (f->page), ==, problem_id (f, "2021-001"));
}

int
main (int argc, char **argv)
{
  int status;

  /* The cache folder evidence copies go to, in a folder of our own. */
  cache_root = rct_test_make_dir ();
  {
    g_autofree char *cache = g_build_filename (cache_root, "缓存 目录", "深 一层", NULL);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  gtk_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/ledger/filters-compose-and-count", test_filters_compose);
  ADD ("/ui/ledger/more-filters-fold-and-count", test_more_filters);
  ADD ("/ui/ledger/sort-by-deadline", test_sort_by_deadline);
  ADD ("/ui/ledger/empty-list-names-the-filters", test_empty_list_says_why);
  ADD ("/ui/ledger/workflow-to-closed-and-refused-gate", test_workflow_to_closed);
  ADD ("/ui/ledger/evidence-and-size-limit", test_evidence);
  ADD ("/ui/ledger/evidence-hostile-name-refused", test_evidence_hostile_name);
  ADD ("/ui/ledger/new-problem-checks-required-fields", test_new_problem);
  ADD ("/ui/ledger/verify-dialog-stays-open-on-refusal", test_verify_dialog_keeps_input);
  ADD ("/ui/ledger/extend-dialog-stays-open-on-refusal", test_extend_dialog_keeps_input);
  ADD ("/ui/ledger/escape-closes-dialogs", test_escape_closes_dialogs);
  ADD ("/ui/ledger/history-names-fields-and-measures", test_history_reads_as_words);
  ADD ("/ui/ledger/new-problem-shown-through-search", test_new_problem_under_search);
  ADD ("/ui/ledger/detail-chooses-names-and-greys-closed", test_detail_choices_and_closed);
  ADD ("/ui/ledger/enter-adds-measure", test_enter_adds_measure);
  ADD ("/ui/ledger/filter-relabels-rows-and-keeps-selection", test_filter_keeps_selection);
  ADD ("/ui/ledger/big-ledger-filters-in-a-thread", test_filter_in_a_thread);
#undef ADD
  g_test_add_func ("/ui/ledger/shortcuts-window-names-ctrl-n-per-page", test_shortcuts_window);
  g_test_add_func ("/ui/ledger/cells-shaped-when-drawn", test_cells_shaped_when_drawn);
  g_test_add_func ("/ui/ledger/cell-sized-as-label", test_cell_sized_as_label);
  g_test_add_func ("/ui/ledger/rows-come-a-frame-at-a-time", test_rows_come_a_frame_at_a_time);
  g_test_add_func ("/ui/ledger/rows-before-map-come-a-frame-at-a-time", test_rows_before_map_come_a_frame_at_a_time);
  g_test_add_func ("/ui/ledger/rows-wait-for-window-shown", test_rows_wait_for_window_shown);
  status = g_test_run ();
  rct_test_remove_dir (cache_root);
  return status;
}
