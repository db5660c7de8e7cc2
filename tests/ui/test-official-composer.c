/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-report-issue.h"
#include "rct-reports-page.h"
#include "rct-test-util.h"

/* The official report composed on the Reports page in a real window: the
 * sections drafted from the ledger, the header typed, Issue gives the
 * number and the files (in a worker thread), the issued list shows it; a
 * report without its addressee is refused with one sentence and nothing
 * issued. */

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_done (RctOfficialComposer *composer)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (rct_official_composer_is_busy (composer) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  pump ();
  g_assert_false (rct_official_composer_is_busy (composer));
}

/* The entry a label with @text (mnemonic underscores taken out) names. */
static GtkWidget *
find_labelled (GtkWidget  *widget,
               const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) != NULL)
    return gtk_label_get_mnemonic_widget (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_text_views (GtkWidget *widget,
                    GPtrArray *views)
{
  if (GTK_IS_TEXT_VIEW (widget))
    g_ptr_array_add (views, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_text_views (child, views);
}

static char *
view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
type_into (GtkWidget  *root,
           const char *label,
           const char *text)
{
  GtkWidget *entry = find_labelled (root, label);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
test_compose_and_issue (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RctReportsPage *page = RCT_REPORTS_PAGE (rct_reports_page_new ());
  RctOfficialComposer *composer;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *overview = NULL;
  RctReportIssue *issued = NULL;

  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_set_default_size (window, 1000, 760);
  rct_reports_page_set_store (page, store, FALSE);
  gtk_window_present (window);
  pump ();
  composer = rct_reports_page_get_official (page);
  g_assert_cmpuint (rct_official_composer_count_issued (composer), ==, 0);

  type_into (GTK_WIDGET (composer), "Period start", "2021-04-16");
  type_into (GTK_WIDGET (composer), "Period end", "2021-05-20");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "official.draft", NULL));
  pump ();
  collect_text_views (GTK_WIDGET (composer), views);
  g_assert_cmpuint (views->len, ==, RCT_REPORT_N_SECTIONS);
  overview = view_text (g_ptr_array_index (views, 0));
  g_assert_nonnull (strstr (overview, "closing rate"));

  /* Without its addressee the report is not issued. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "official.issue", NULL));
  wait_done (composer);
  g_assert_nonnull (strstr (rct_official_composer_get_status (composer), "addressee"));
  g_assert_cmpuint (rct_official_composer_count_issued (composer), ==, 0);

  /* The clerk's own words stay as written. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (g_ptr_array_index (views, 3))),
                            "一是继续整改；二是建章立制。", -1);
  type_into (GTK_WIDGET (composer), "Series", "督导专报");
  type_into (GTK_WIDGET (composer), "Report title", "关于查纠整改环节督导情况的报告");
  type_into (GTK_WIDGET (composer), "Addressee (主送)", "市局教育整顿领导小组办公室");
  type_into (GTK_WIDGET (composer), "Signed off by (签发人)", "王建国");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "official.issue", NULL));
  g_assert_true (rct_official_composer_is_busy (composer));
  wait_done (composer);
  g_assert_nonnull (strstr (rct_official_composer_get_status (composer), "No. 1 of 2021"));
  g_assert_cmpuint (rct_official_composer_count_issued (composer), ==, 1);
  /* Its XML was signed, and the list says so (issue 21). */
  g_assert_cmpuint (rct_official_composer_count_signed (composer), ==, 1);

  reports = rct_report_issue_list (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    if (g_str_equal (((RctReportIssue *) g_ptr_array_index (reports, i))->status, "issued"))
      issued = g_ptr_array_index (reports, i);
  g_assert_nonnull (issued);
  g_assert_cmpint (issued->number, ==, 1);
  g_assert_cmpstr (issued->sections[RCT_REPORT_SECTION_NEXT], ==, "一是继续整改；二是建章立制。");
  g_assert_true (rct_report_issue_check_files (issued, NULL, &error));
  g_assert_no_error (error);

  /* Issued again from the same form: the next number. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "official.issue", NULL));
  wait_done (composer);
  g_assert_nonnull (strstr (rct_official_composer_get_status (composer), "No. 2 of 2021"));
  g_assert_cmpuint (rct_official_composer_count_issued (composer), ==, 2);

  if (g_getenv ("RECTIFY_SCREENSHOT") != NULL)
    {
      GtkAdjustment *adjustment;
      GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (page));

      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      pump ();
      g_usleep (G_USEC_PER_SEC * 30);
    }
  gtk_window_destroy (window);
  pump ();
  rct_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("rectify 数据-XXXXXX", NULL);
  int status;

  /* Issued files go to the user's data folder: a fresh one. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  rct_clock_set_today ("2021-05-20");
  g_test_add_func ("/ui/official/compose-and-issue", test_compose_and_issue);
  status = g_test_run ();
  rct_test_remove_dir (data_home);
  return status;
}
