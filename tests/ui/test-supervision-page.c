/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-supervision-page.h"
#include "rct-test-util.h"
#include "rct-ui-test-util.h"

/* The Supervision page in a real window: its accountability list filtered
 * by kind and by unit shows what `accountability list --kind --unit` lists. */

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
count_listed (RctStore   *store,
              const char *kind,
              const char *unit)
{
  RctFilter filter = { .kind = kind, .unit = unit };
  g_autoptr(GPtrArray) records = rct_store_list (store, RCT_KIND_ACCOUNTABILITY, &filter, NULL);

  return records->len;
}

static void
test_filters (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RctSupervisionPage *page = g_object_new (RCT_TYPE_SUPERVISION_PAGE, NULL);
  const struct { const char *kind, *unit; } cases[] = {
    { NULL, NULL }, { "reminder-talk", NULL }, { NULL, "刑侦大队" }, { "circulated-criticism", "刑侦大队" },
    { "reminder-talk", "刑侦大队" }, { "disciplinary", NULL },
  };

  rct_clock_set_today ("2021-05-20");
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_supervision_page_set_store (page, store, FALSE);
  gtk_window_present (window);
  pump ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint shown = rct_supervision_page_filter_accountability (page, cases[i].kind, cases[i].unit);

      pump ();
      g_assert_cmpuint (shown, ==, count_listed (store, cases[i].kind, cases[i].unit));
    }
  g_assert_cmpuint (rct_supervision_page_filter_accountability (page, NULL, NULL), ==, 3);
  g_assert_cmpuint (rct_supervision_page_filter_accountability (page, "reminder-talk", "刑侦大队"), ==, 0);
  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  rct_clock_set_today (NULL);
}

/* Two clerks on one ledger (issue 20 item 3): the page in a real window on
 * one store, 王芳's store on the same file. */
typedef struct
{
  char               *dir;
  RctStore           *store;
  RctStore           *other;
  GtkWindow          *window;
  RctSupervisionPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rct_clock_set_today ("2021-05-20");
  f->store = rct_test_open_demo (&f->dir);
  rct_store_set_operator (f->store, "办公室文员");
  f->other = rct_store_open (rct_store_get_path (f->store), RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rct_store_set_operator (f->other, "王芳");
  f->window = GTK_WINDOW (gtk_window_new ());
  f->page = g_object_new (RCT_TYPE_SUPERVISION_PAGE, NULL);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  rct_supervision_page_set_store (f->page, f->store, FALSE);
  gtk_window_present (f->window);
  pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  pump ();
  g_clear_object (&f->other);
  g_clear_object (&f->store);
  rct_test_remove_dir (f->dir);
  g_free (f->dir);
  rct_clock_set_today (NULL);
}

/* The visit form opened, 王芳 saved the visit's findings, the clerk saves
 * another team: the dialog stays with the sentence and her findings, and
 * nothing is written; Save again goes over hers, knowingly. */
static void
test_visit_conflict (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = rct_store_list (f->store, RCT_KIND_VISIT, NULL, NULL);
  g_autoptr(RctVisit) visit = NULL;
  g_autofree char *findings = NULL;
  g_autofree char *team = NULL;
  const char *message;
  GtkWindow *dialog;
  gint64 id;

  g_assert_cmpuint (visits->len, >, 0);
  id = rct_record_get_id (g_ptr_array_index (visits, 0));
  findings = g_strdup (RCT_VISIT (g_ptr_array_index (visits, 0))->findings);
  team = g_strdup (RCT_VISIT (g_ptr_array_index (visits, 0))->team);
  g_assert_true (rct_supervision_page_select_visit (f->page, id));
  pump ();
  gtk_widget_activate_action (GTK_WIDGET (f->page), "supervision.edit-visit", NULL);
  pump ();
  dialog = rct_ui_test_find_window ("Edit the Visit");
  g_assert_nonnull (dialog);
  rct_ui_test_set_text (dialog, 1, "第三督导组");
  g_assert_true (rct_store_update_va (f->other, RCT_KIND_VISIT, id, NULL, &error,
                                      "findings", "值班室登记不全", NULL));
  g_assert_no_error (error);

  rct_ui_test_click (dialog, "_Save");
  g_assert_true (rct_ui_test_find_window ("Edit the Visit") == dialog);
  message = rct_ui_test_error_text (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "王芳"));
  g_assert_nonnull (strstr (message, "值班室登记不全"));
  g_test_message ("%s", message);
  /* Her value of each field where the two differ, and only there. */
  g_assert_nonnull (strstr (message, team));
  g_assert_null (strstr (message, "Date:"));
  visit = rct_store_get (f->store, RCT_KIND_VISIT, id, NULL);
  g_assert_cmpstr (visit->team, ==, team);
  g_assert_cmpstr (visit->findings, ==, "值班室登记不全");
  g_clear_object (&visit);

  rct_ui_test_click (dialog, "_Save");
  g_assert_null (rct_ui_test_find_window ("Edit the Visit"));
  visit = rct_store_get (f->store, RCT_KIND_VISIT, id, NULL);
  g_assert_cmpstr (visit->team, ==, "第三督导组");
  g_assert_cmpstr (visit->findings, ==, findings);
}

/* The same for an accountability record: 王芳 changed its document
 * number while the clerk changed who decided. */
static void
test_accountability_conflict (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = rct_store_list (f->store, RCT_KIND_ACCOUNTABILITY, NULL, NULL);
  g_autoptr(RctAccountability) record = NULL;
  g_autofree char *document = NULL;
  g_autofree char *decided_by = NULL;
  const char *message;
  GtkWindow *dialog;
  gint64 id;

  g_assert_cmpuint (records->len, >, 0);
  id = rct_record_get_id (g_ptr_array_index (records, 0));
  document = g_strdup (RCT_ACCOUNTABILITY (g_ptr_array_index (records, 0))->document);
  decided_by = g_strdup (RCT_ACCOUNTABILITY (g_ptr_array_index (records, 0))->decided_by);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "supervision.edit-accountability", NULL);
  pump ();
  dialog = rct_ui_test_find_window ("Edit the Accountability");
  g_assert_nonnull (dialog);
  rct_ui_test_set_text (dialog, 5, "局党委 会议");
  g_assert_true (rct_store_update_va (f->other, RCT_KIND_ACCOUNTABILITY, id, NULL, &error,
                                      "document", "督字〔2021〕9号", NULL));
  g_assert_no_error (error);

  rct_ui_test_click (dialog, "_Save");
  g_assert_true (rct_ui_test_find_window ("Edit the Accountability") == dialog);
  message = rct_ui_test_error_text (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "王芳"));
  g_assert_nonnull (strstr (message, "督字〔2021〕9号"));
  record = rct_store_get (f->store, RCT_KIND_ACCOUNTABILITY, id, NULL);
  g_assert_cmpstr (record->decided_by, ==, decided_by);
  g_assert_cmpstr (record->document, ==, "督字〔2021〕9号");
  g_clear_object (&record);

  rct_ui_test_click (dialog, "_Save");
  g_assert_null (rct_ui_test_find_window ("Edit the Accountability"));
  record = rct_store_get (f->store, RCT_KIND_ACCOUNTABILITY, id, NULL);
  g_assert_cmpstr (record->decided_by, ==, "局党委 会议");
  g_assert_cmpstr (record->document, ==, document);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/supervision/accountability-filtered-by-kind-and-unit", test_filters);
  g_test_add ("/ui/supervision/visit-conflict-told-then-saved-over", Fixture, NULL, fixture_set_up,
              test_visit_conflict, fixture_tear_down);
  g_test_add ("/ui/supervision/accountability-conflict-told-then-saved-over", Fixture, NULL, fixture_set_up,
              test_accountability_conflict, fixture_tear_down);
  return g_test_run ();
}
