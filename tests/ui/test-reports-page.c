/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-jobs-private.h"
#include "rct-merge-dialog.h"
#include "rct-report.h"
#include "rct-reports-page.h"
#include "rct-synthetic.h"
#include "rct-test-util.h"
#include "rct-trust.h"

/* The reports page in a real window: the export runs in a worker thread
 * and can be cancelled, leaving no file; a report that came in is checked
 * and shown without importing it, a hostile one is refused with its
 * reason, a sound one merges; the PDF comes from the print layout. */

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_done (RctReportsPage *page)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (rct_reports_page_is_busy (page) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  pump ();
  g_assert_false (rct_reports_page_is_busy (page));
}

/* The Merge a Report dialog: waits for its preview, checks it wrote
 * nothing it should not, presses Merge and waits for the result. */
static void
merge_in_dialog (gboolean trust)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  RctMergeDialog *dialog = NULL;

  while (dialog == NULL && g_get_monotonic_time () < until)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (RCT_IS_MERGE_DIALOG (window))
            dialog = RCT_MERGE_DIALOG (window);
        }
      if (dialog == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (dialog);
  while (rct_merge_dialog_is_busy (dialog) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  if (trust)
    {
      /* The other ledger's first report: no preview until its key is
       * trusted, the fingerprint shown (issue 21). */
      while (!rct_merge_dialog_needs_trust (dialog) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (rct_merge_dialog_needs_trust (dialog));
      g_assert_null (rct_merge_dialog_get_plan (dialog));
      g_assert_nonnull (strstr (rct_merge_dialog_get_note (dialog), "fingerprint"));
      gtk_widget_activate (GTK_WIDGET (gtk_window_get_default_widget (GTK_WINDOW (dialog))));
      while (rct_merge_dialog_needs_trust (dialog) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (rct_merge_dialog_needs_trust (dialog));
      while (rct_merge_dialog_is_busy (dialog) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (rct_merge_dialog_get_plan (dialog));
  g_assert_cmpuint (rct_merge_dialog_get_plan (dialog)->added, >, 0);
  gtk_widget_activate (GTK_WIDGET (gtk_window_get_default_widget (GTK_WINDOW (dialog))));
  while (!rct_merge_dialog_is_merged (dialog) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rct_merge_dialog_is_merged (dialog));
  pump ();
  gtk_window_destroy (GTK_WINDOW (dialog));
  pump ();
}

/* Whether a label under @widget reads like @pattern. */
static gboolean
has_label_matching (GtkWidget  *widget,
                    const char *pattern)
{
  if (GTK_IS_LABEL (widget) && g_regex_match_simple (pattern, gtk_label_get_text (GTK_LABEL (widget)), 0, 0))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_matching (child, pattern))
      return TRUE;
  return FALSE;
}

/* The value beside the viewer's row called @name (its next label). */
static const char *
value_of_row (GtkWidget  *widget,
              const char *name)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), name) &&
      GTK_IS_LABEL (gtk_widget_get_next_sibling (widget)))
    return gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *value = value_of_row (child, name);

      if (value != NULL)
        return value;
    }
  return NULL;
}

static RctReportsPage *
make_page (RctStore   *store,
           GtkWindow **out_window)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RctReportsPage *page = RCT_REPORTS_PAGE (rct_reports_page_new ());

  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_reports_page_set_store (page, store, FALSE);
  gtk_window_present (window);
  pump ();
  *out_window = window;
  return page;
}

static void
test_export_open_import (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctStore) other = NULL;
  g_autofree char *other_dir = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *hostile = NULL;
  GtkWindow *window, *other_window;
  RctReportsPage *page, *other_page;

  rct_clock_set_today (RCT_DEMO_DATE);
  store = rct_test_open_demo (&dir);
  page = make_page (store, &window);
  xml = g_build_filename (dir, "督导 报告.xml", NULL);
  html = g_build_filename (dir, "督导 报告.html", NULL);
  pdf = g_build_filename (dir, "督导 报告.pdf", NULL);

  gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-to", "s", xml);
  wait_done (page);
  g_assert_nonnull (strstr (rct_reports_page_get_status (page), "written"));
  g_assert_true (rct_report_validate (xml, NULL, NULL, NULL));
  g_assert_true (g_file_test (html, G_FILE_TEST_IS_REGULAR));

  /* The PDF is read, laid out and drawn in a job too. */
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.save-pdf-to", "s", pdf);
  g_assert_true (rct_reports_page_is_busy (page));
  wait_done (page);
  g_assert_nonnull (strstr (rct_reports_page_get_status (page), "written"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* A hostile file is shown as refused, with its reason, and nothing merges. */
  hostile = g_test_build_filename (G_TEST_DIST, "report", "hostile", "billion-laughs.xml", NULL);
  g_assert_true (g_file_test (hostile, G_FILE_TEST_IS_REGULAR));
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.open-file", "s", hostile);
  wait_done (page);
  g_assert_false (rct_reports_page_is_valid (page));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "reports.import", NULL) &&
                  rct_reports_page_is_busy (page));

  /* The viewer says who signed it and that it verifies; a changed copy
   * shows the refusal (issue 21). */
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.open-file", "s", xml);
  wait_done (page);
  g_assert_nonnull (strstr (rct_reports_page_get_signature (page), "Signed by"));
  g_assert_nonnull (strstr (rct_reports_page_get_signature (page), "verified"));
  /* When it was made, in local time as a person writes it: no raw stamp. */
  g_assert_false (has_label_matching (GTK_WIDGET (page), "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"));
  {
    g_autofree char *text = NULL;
    g_autofree char *tampered = g_build_filename (dir, "改过 报告.xml", NULL);
    g_autoptr(GString) edited = NULL;

    g_assert_true (g_file_get_contents (xml, &text, NULL, NULL));
    edited = g_string_new (text);
    g_assert_cmpuint (g_string_replace (edited, "total=\"41\"", "total=\"40\"", 1), ==, 1);
    g_assert_true (g_file_set_contents (tampered, edited->str, edited->len, NULL));
    gtk_widget_activate_action (GTK_WIDGET (page), "reports.open-file", "s", tampered);
    wait_done (page);
    g_assert_nonnull (strstr (rct_reports_page_get_signature (page), "changed after it was signed"));
  }

  /* A sound report, opened in another ledger's window and merged there. */
  other = rct_test_open_new (&other_dir);
  other_page = make_page (other, &other_window);
  gtk_widget_activate_action (GTK_WIDGET (other_page), "reports.open-file", "s", xml);
  wait_done (other_page);
  g_assert_true (rct_reports_page_is_valid (other_page));
  g_assert_cmpint (rct_test_count_rows (other, RCT_KIND_PROBLEM), ==, 0);  /* viewing imports nothing */
  /* Merge… previews first (nothing written), then merges on Merge. */
  gtk_widget_activate_action (GTK_WIDGET (other_page), "reports.import", NULL);
  merge_in_dialog (TRUE);
  g_assert_cmpint (rct_test_count_rows (other, RCT_KIND_PROBLEM), >, 0);
  g_assert_nonnull (strstr (rct_reports_page_get_status (other_page), "Added"));
  g_assert_cmpint (rct_test_count_rows (other, RCT_KIND_PROBLEM), ==, rct_test_count_rows (store, RCT_KIND_PROBLEM));

  gtk_window_destroy (window);
  gtk_window_destroy (other_window);
  pump ();
  g_clear_object (&store);
  g_clear_object (&other);
  rct_test_remove_dir (dir);
  rct_test_remove_dir (other_dir);
}

static void
test_cancel_leaves_no_file (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *partial = NULL;
  GtkWindow *window;
  RctReportsPage *page;
  GtkWidget *cancel = NULL;

  rct_synthetic_fill (store, 20000, 3, &error);
  g_assert_no_error (error);
  page = make_page (store, &window);
  xml = g_build_filename (dir, "cancelled.xml", NULL);
  partial = g_strconcat (xml, ".partial", NULL);

  gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-to", "s", xml);
  g_assert_true (rct_reports_page_is_busy (page));
  /* The Cancel button beside the progress bar. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (page)); w != NULL; )
    {
      if (GTK_IS_BUTTON (w) && gtk_widget_get_visible (w) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "_Cancel") == 0)
        {
          cancel = w;
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w) == GTK_WIDGET (page) ? NULL : gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  wait_done (page);
  g_assert_nonnull (strstr (rct_reports_page_get_status (page), "cancelled"));
  g_assert_false (g_file_test (xml, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  {
    /* Nor the job's temporary names (issue 15). */
    g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (folder)) != NULL)
      g_assert_null (strstr (name, "cancelled.xml"));
  }

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static GtkDropDown *
find_drop_down (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return GTK_DROP_DOWN (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_drop_down (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The report's language is chosen beside its title, whatever the window's
 * (the tests run in English): Chinese gives a Chinese report, title, page
 * and all; English an English one. */
static void
test_export_language (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *html = NULL;
  g_autofree char *page_text = NULL;
  RctReportSummary summary = { 0 };
  GtkWindow *window;
  RctReportsPage *page;
  GtkDropDown *language;

  rct_clock_set_today (RCT_DEMO_DATE);
  store = rct_test_open_demo (&dir);
  page = make_page (store, &window);
  xml = g_build_filename (dir, "语言 报告.xml", NULL);
  html = g_build_filename (dir, "语言 报告.html", NULL);
  language = find_drop_down (GTK_WIDGET (page));
  g_assert_nonnull (language);
  g_assert_cmpuint (gtk_drop_down_get_selected (language), ==, 1);  /* the user's: English */

  gtk_drop_down_set_selected (language, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-to", "s", xml);
  wait_done (page);
  g_assert_true (rct_report_validate (xml, &summary, NULL, NULL));
  g_assert_cmpstr (summary.language, ==, "zh_CN");
  g_assert_cmpstr (summary.title, ==, "督导报告");
  rct_report_summary_clear (&summary);
  g_assert_true (g_file_get_contents (html, &page_text, NULL, NULL));
  g_assert_nonnull (strstr (page_text, "总体情况"));
  g_assert_null (strstr (page_text, "Summary"));
  g_clear_pointer (&page_text, g_free);
  /* Its default title reads in the reader's language (here English); the
   * file keeps its own. */
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.open-file", "s", xml);
  wait_done (page);
  g_assert_true (rct_reports_page_is_valid (page));
  g_assert_cmpstr (value_of_row (GTK_WIDGET (page), "Report title"), ==, "Supervision report");

  gtk_drop_down_set_selected (language, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-to", "s", xml);
  wait_done (page);
  g_assert_true (rct_report_validate (xml, &summary, NULL, NULL));
  g_assert_cmpstr (summary.language, ==, "en");
  g_assert_cmpstr (summary.title, ==, "Supervision report");
  rct_report_summary_clear (&summary);
  g_assert_true (g_file_get_contents (html, &page_text, NULL, NULL));
  g_assert_nonnull (strstr (page_text, "Summary"));

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* Holds the export job at its first step until the test lets it go. */
static GMutex hold_mutex;
static GCond hold_cond;
static gboolean hold_released;

static void
hold_export_hook (RctReportJobStep step)
{
  if (step != RCT_REPORT_JOB_OPENED)
    return;
  g_mutex_lock (&hold_mutex);
  while (!hold_released)
    g_cond_wait (&hold_cond, &hold_mutex);
  g_mutex_unlock (&hold_mutex);
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* While the export runs in its thread, what would conflict with it waits:
 * another export, print and PDF, opening a report; all come back after. */
static void
test_export_disables_actions (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *xml = NULL;
  GtkWindow *window;
  RctReportsPage *page;
  const char *actions[] = { "reports.export", "reports.print", "reports.save-pdf", "reports.open" };

  rct_clock_set_today (RCT_DEMO_DATE);
  page = make_page (store, &window);
  xml = g_build_filename (dir, "导出中 报告.xml", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = find_actionable (GTK_WIDGET (page), actions[i]);
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_sensitive (button));
    }
  _rct_report_job_step_hook = hold_export_hook;
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-to", "s", xml);
  pump ();
  g_assert_true (rct_reports_page_is_busy (page));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (page), actions[i])));
  g_mutex_lock (&hold_mutex);
  hold_released = TRUE;
  g_cond_signal (&hold_cond);
  g_mutex_unlock (&hold_mutex);
  wait_done (page);
  _rct_report_job_step_hook = NULL;
  g_assert_nonnull (strstr (rct_reports_page_get_status (page), "written to"));
  g_assert_true (g_file_test (xml, G_FILE_TEST_IS_REGULAR));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_true (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (page), actions[i])));

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("RECTIFY_LOCALEDIR");

  gtk_test_init (&argc, &argv, NULL);
  /* The Chinese catalogue of the build, for a report written in Chinese. */
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  g_test_add_func ("/ui/reports/export-open-and-merge", test_export_open_import);
  g_test_add_func ("/ui/reports/cancel-leaves-no-file", test_cancel_leaves_no_file);
  g_test_add_func ("/ui/reports/export-disables-conflicting-actions", test_export_disables_actions);
  g_test_add_func ("/ui/reports/export-in-chosen-language", test_export_language);
  return g_test_run ();
}
