/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-ledger-page.h"
#include "rct-test-util.h"

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
  g_assert_cmpuint (inputs->len, ==, 9);
  number = g_ptr_array_index (inputs, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "2021-042");

  /* Required fields are checked first: no description, nothing saved. */
  accept = gtk_window_get_default_widget (dialog);
  g_signal_emit_by_name (accept, "clicked");
  pump ();
  g_assert_nonnull (find_window ("New Problem"));
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_PROBLEM), ==, before);

  description = g_ptr_array_index (inputs, 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (description), "接警登记簿未按日填写", -1);
  g_signal_emit_by_name (accept, "clicked");
  pump ();
  g_assert_null (find_window ("New Problem"));
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_PROBLEM), ==, before + 1);
  g_assert_cmpint (rct_ledger_page_get_selected_id (f->page), ==, problem_id (f, "2021-042"));
  g_assert_cmpuint (rct_ledger_page_get_count (f->page), ==, before + 1);
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
  ADD ("/ui/ledger/sort-by-deadline", test_sort_by_deadline);
  ADD ("/ui/ledger/workflow-to-closed-and-refused-gate", test_workflow_to_closed);
  ADD ("/ui/ledger/evidence-and-size-limit", test_evidence);
  ADD ("/ui/ledger/evidence-hostile-name-refused", test_evidence_hostile_name);
  ADD ("/ui/ledger/new-problem-checks-required-fields", test_new_problem);
#undef ADD
  status = g_test_run ();
  rct_test_remove_dir (cache_root);
  return status;
}
