/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-figures-study.h"
#include "rct-overview-page.h"
#include "rct-study-page.h"
#include "rct-test-util.h"
#include "rct-ui-test-util.h"

/* The Study page in a real window: a roster and the training platform's
 * export read from CSV files as the page reads them, the three rates and
 * the officers missing shown as the figures module counts them, a bad file
 * refused by its lines with nothing written, and an entry added to a
 * series moving its progress. */

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GFile *
write_csv (const char *dir,
           const char *name,
           const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_import_rates_and_entry (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) roster = NULL;
  g_autoptr(GFile) hours = NULL;
  g_autofree char *rates = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *series = NULL;
  const RctStudyFigures *shown;
  GtkWindow *window;
  RctStudyPage *page;

  rct_clock_set_today ("2021-04-26");
  store = rct_test_open_new (&dir);
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "交警大队", NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_COURSE, NULL, &error, "name", "政治轮训专题班",
                                      "required_hours", "40", "elective_hours", "20", NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_ACTIVITY_SERIES, NULL, &error, "name", "百警百日读党史",
                                      "kind", "reading", "target", "100", "start_date", "2021-03-22",
                                      "end_date", "2021-06-29", NULL));
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1024, 768);
  page = RCT_STUDY_PAGE (rct_study_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  rct_study_page_set_store (page, store, FALSE);
  pump ();

  /* A roster with a bad row: named by its line, nothing written. */
  bad = write_csv (dir, "名册 有错.csv", "姓名,单位,警号\n张伟,回河派出所,100001\n李娜,火星派出所,100002\n");
  g_assert_false (rct_study_page_import_file (page, RCT_KIND_OFFICER, bad, FALSE));
  g_assert_nonnull (strstr (rct_study_page_get_message (page), "line 3"));
  g_assert_nonnull (strstr (rct_study_page_get_message (page), "nothing was imported"));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_OFFICER), ==, 0);

  /* The roster, then the platform's hours. */
  roster = write_csv (dir, "民警 名册.csv", "姓名,单位,警号,类别,在职\n张伟,回河派出所,100001,民警,是\n"
                                          "李娜,回河派出所,100002,民警,是\n王强,交警大队,200001,辅警,是\n"
                                          "赵磊,交警大队,200002,民警,否\n");
  g_assert_true (rct_study_page_import_file (page, RCT_KIND_OFFICER, roster, FALSE));
  pump ();
  hours = write_csv (dir, "平台 导出.csv", "警号,姓名,必修学时,选修学时\n100001,张伟,40,20\n100002,李娜,40,8\n");
  g_assert_true (rct_study_page_import_file (page, RCT_KIND_ENROLMENT, hours, FALSE));
  pump ();

  /* What the page shows is the figures module's count: 3 in service, 2
   * enrolled, 2 with every required hour, 1 with every elective one. */
  shown = rct_study_page_get_figures (page);
  g_assert_cmpint (shown->roster, ==, 3);
  g_assert_cmpint (shown->enrolled, ==, 2);
  g_assert_cmpint (shown->required_done, ==, 2);
  g_assert_cmpint (shown->elective_done, ==, 1);
  rates = rct_study_page_dup_shown_text (page, "rates");
  g_assert_nonnull (strstr (rates, "66.7%  (2 / 3)"));
  g_assert_nonnull (strstr (rates, "100.0%  (2 / 2)"));
  g_assert_nonnull (strstr (rates, "50.0%  (1 / 2)"));
  {
    g_autofree char *by_unit = rct_study_page_dup_shown_text (page, "roster");
    g_assert_nonnull (strstr (by_unit, "回河派出所 — 2 in service: 2 police, 0 auxiliary"));
    g_assert_nonnull (strstr (by_unit, "交警大队 — 1 in service: 0 police, 1 auxiliary; 1 left"));
    /* Each unit's own rates: 回河 2 of 2 enrolled, 2 of 2 required, 1 of 2 elective. */
    g_assert_nonnull (strstr (by_unit, "enrolled 100.0% · required 100.0% · elective 50.0%"));
    g_assert_nonnull (strstr (by_unit, "enrolled 0.0% · required — · elective —"));
  }
  missing = rct_study_page_dup_shown_text (page, "missing");
  g_assert_nonnull (strstr (missing, "李娜 (elective hours short)"));
  g_assert_nonnull (strstr (missing, "回河派出所 — 1: 李娜"));
  g_assert_nonnull (strstr (missing, "王强 (not enrolled)"));
  g_assert_null (strstr (missing, "赵磊"));

  /* 王强 leaves the service: he is no longer missing, and the roster is 2. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "study.change-officer", "(sssss)",
                                             "200001", "", "", "Left service", "调离"));
  pump ();
  g_assert_cmpint (rct_study_page_get_figures (page)->roster, ==, 2);
  g_clear_pointer (&missing, g_free);
  missing = rct_study_page_dup_shown_text (page, "missing");
  g_assert_null (strstr (missing, "王强"));
  g_clear_pointer (&rates, g_free);
  rates = rct_study_page_dup_shown_text (page, "rates");
  g_assert_nonnull (strstr (rates, "100.0%  (2 / 2)"));
  {
    g_autoptr(GPtrArray) journal = rct_store_list_journal (store, RCT_KIND_OFFICER,
                                                           rct_store_find_id (store, RCT_KIND_OFFICER, "200001", NULL),
                                                           &error);
    RctJournalEntry *last = g_ptr_array_index (journal, journal->len - 1);
    g_assert_cmpstr (last->field, ==, "in_service");
    g_assert_cmpstr (last->reason, ==, "调离");
  }

  /* An episode added: the series moves. */
  series = rct_study_page_dup_shown_text (page, "series");
  g_assert_nonnull (strstr (series, "0 / 100"));
  g_clear_pointer (&series, g_free);
  g_assert_true (rct_study_page_select_series (page, "百警百日读党史"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "study.record-entry", "(sssss)",
                                             "2021-04-26", "张伟", "", "第1期 开天辟地", ""));
  pump ();
  series = rct_study_page_dup_shown_text (page, "series");
  g_assert_nonnull (strstr (series, "1 / 100"));
  g_assert_nonnull (strstr (series, "behind the period's pace"));
  {
    g_autofree char *entries = rct_study_page_dup_shown_text (page, "entries");
    g_assert_nonnull (strstr (entries, "第1期 开天辟地"));
  }

  /* An episode recorded but not yet published does not count until it is. */
  {
    gint64 id = 0;
    g_autofree char *entries = NULL;

    g_assert_true (rct_store_create_va (store, RCT_KIND_ACTIVITY_ENTRY, &id, &error, "series", "百警百日读党史",
                                        "date", "2021-04-27", "person", "李娜", "done", "0", NULL));
    pump ();
    g_clear_pointer (&series, g_free);
    series = rct_study_page_dup_shown_text (page, "series");
    g_assert_nonnull (strstr (series, "1 / 100"));
    entries = rct_study_page_dup_shown_text (page, "entries");
    g_assert_nonnull (strstr (entries, "李娜  ·  not yet done"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "study.mark-done", "x", id));
    pump ();
    g_clear_pointer (&series, g_free);
    series = rct_study_page_dup_shown_text (page, "series");
    g_assert_nonnull (strstr (series, "2 / 100"));
  }

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  rct_clock_set_today (NULL);
}

static void
show_page_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  char **shown = user_data;

  g_free (*shown);
  *shown = g_variant_dup_string (parameter, NULL);
}

/* The overview's study figures read as the figures module counts them, and
 * a click leads to the Study page. */
static void
test_overview_study_figures (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *shown_page = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctStudyFigures) study = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) show_page = g_simple_action_new ("show-page", G_VARIANT_TYPE_STRING);
  const char *text;
  GtkWindow *window;
  RctOverviewPage *page;
  GtkWidget *button;

  rct_clock_set_today ("2021-05-20");
  store = rct_test_open_demo (&dir);
  study = rct_study_figures_compute (store, NULL, NULL);
  figures = rct_figures_compute (store, NULL, NULL);

  window = GTK_WINDOW (gtk_window_new ());
  g_signal_connect (show_page, "activate", G_CALLBACK (show_page_cb), &shown_page);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_page));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "view", G_ACTION_GROUP (group));
  page = RCT_OVERVIEW_PAGE (rct_overview_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  rct_overview_page_set_store (page, store);
  pump ();

  text = rct_overview_page_get_study_text (page);
  g_assert_nonnull (strstr (text, "Enrolled 100.0% · required hours 100.0% · elective hours 100.0%"));
  g_assert_nonnull (strstr (text, "百警百日读党史 26/100"));
  expected = g_strdup_printf ("self-chosen actions %d / %d", (int) figures->tasks_self_chosen_done,
                              (int) figures->tasks_self_chosen);
  g_assert_nonnull (strstr (text, expected));
  g_assert_cmpint (figures->tasks_self_chosen, ==, 10);

  button = rct_overview_page_get_study_button (page);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  pump ();
  g_assert_cmpstr (shown_page, ==, "study");

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  rct_clock_set_today (NULL);
}

/* Two clerks on one ledger (issue 20 item 3): the officer form opened, 王芳
 * transferred the officer from her store on the same file, the clerk says
 * he left the service. Save stays in the dialog with the sentence and the
 * officer as she left him, writes nothing; Save again records his leaving and keeps her
 * transfer, which the clerk left unchanged. */
static void
test_officer_conflict (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctStore) other = NULL;
  g_autoptr(RctOfficer) officer = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;
  GtkWindow *window;
  GtkWindow *dialog;
  RctStudyPage *page;
  gint64 id = 0;

  rct_clock_set_today ("2021-04-26");
  store = rct_test_open_new (&dir);
  rct_store_set_operator (store, "办公室文员");
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "交警大队", NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_OFFICER, &id, &error, "name", "张伟", "unit", "回河派出所",
                                      "police_number", "100001", "kind", "police", NULL));
  g_assert_no_error (error);
  other = rct_store_open (rct_store_get_path (store), RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rct_store_set_operator (other, "王芳");

  window = GTK_WINDOW (gtk_window_new ());
  page = RCT_STUDY_PAGE (rct_study_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  rct_study_page_set_store (page, store, FALSE);
  pump ();
  gtk_widget_activate_action (GTK_WIDGET (page), "study.edit-officer", NULL);
  pump ();
  dialog = rct_ui_test_find_window ("Change an Officer of the Roster");
  g_assert_nonnull (dialog);
  rct_ui_test_set_text (dialog, 0, "100001");
  rct_ui_test_set_text (dialog, 3, "Left service");
  g_assert_true (rct_store_update_va (other, RCT_KIND_OFFICER, id, NULL, &error, "unit", "交警大队", NULL));
  g_assert_no_error (error);

  rct_ui_test_click (dialog, "_Change");
  g_assert_true (rct_ui_test_find_window ("Change an Officer of the Roster") == dialog);
  message = rct_ui_test_error_text (dialog);
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "王芳"));
  g_assert_nonnull (strstr (message, "Unit: 交警大队"));
  g_assert_nonnull (strstr (message, "In service: In service"));
  /* The form does not show him: the fields left unchanged give hers too. */
  g_assert_nonnull (strstr (message, "Kind: Police"));
  officer = rct_store_get (store, RCT_KIND_OFFICER, id, NULL);
  g_assert_true (officer->in_service);
  g_assert_cmpstr (officer->unit_name, ==, "交警大队");
  g_clear_object (&officer);

  rct_ui_test_click (dialog, "_Change");
  g_assert_null (rct_ui_test_find_window ("Change an Officer of the Roster"));
  officer = rct_store_get (store, RCT_KIND_OFFICER, id, NULL);
  g_assert_false (officer->in_service);
  g_assert_cmpstr (officer->unit_name, ==, "交警大队");

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&other);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  rct_clock_set_today (NULL);
}

/* A one-click row action: Mark done on an entry 王芳 changed since the page
 * listed it says so in the page's line and marks nothing; the page lists
 * the entry again as it is, and the next click marks it. */
static void
test_mark_done_conflict (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctStore) other = NULL;
  g_autoptr(RctActivityEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entries = NULL;
  GtkWindow *window;
  RctStudyPage *page;
  gint64 id = 0;

  rct_clock_set_today ("2021-04-26");
  store = rct_test_open_new (&dir);
  rct_store_set_operator (store, "办公室文员");
  g_assert_true (rct_store_create_va (store, RCT_KIND_ACTIVITY_SERIES, NULL, &error, "name", "百警百日读党史",
                                      "kind", "reading", "target", "100", "start_date", "2021-03-22",
                                      "end_date", "2021-06-29", NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_ACTIVITY_ENTRY, &id, &error, "series", "百警百日读党史",
                                      "date", "2021-04-27", "person", "李娜", "done", "0", NULL));
  g_assert_no_error (error);
  other = rct_store_open (rct_store_get_path (store), RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rct_store_set_operator (other, "王芳");

  window = GTK_WINDOW (gtk_window_new ());
  page = RCT_STUDY_PAGE (rct_study_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  rct_study_page_set_store (page, store, FALSE);
  pump ();
  entries = rct_study_page_dup_shown_text (page, "entries");
  g_assert_nonnull (strstr (entries, "李娜  ·  not yet done"));
  g_assert_true (rct_store_update_va (other, RCT_KIND_ACTIVITY_ENTRY, id, NULL, &error, "topic", "开天辟地", NULL));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "study.mark-done", "x", id));
  pump ();
  g_assert_nonnull (rct_study_page_get_message (page));
  g_assert_nonnull (strstr (rct_study_page_get_message (page), "王芳"));
  entry = rct_store_get (store, RCT_KIND_ACTIVITY_ENTRY, id, NULL);
  g_assert_false (entry->done);
  g_clear_object (&entry);
  g_clear_pointer (&entries, g_free);
  entries = rct_study_page_dup_shown_text (page, "entries");
  g_assert_nonnull (strstr (entries, "开天辟地  ·  not yet done"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "study.mark-done", "x", id));
  pump ();
  entry = rct_store_get (store, RCT_KIND_ACTIVITY_ENTRY, id, NULL);
  g_assert_true (entry->done);

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&other);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  rct_clock_set_today (NULL);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/study/import-rates-and-entry", test_import_rates_and_entry);
  g_test_add_func ("/ui/study/overview-figures-lead-to-the-page", test_overview_study_figures);
  g_test_add_func ("/ui/study/officer-conflict-told-then-saved-over", test_officer_conflict);
  g_test_add_func ("/ui/study/mark-done-conflict-told", test_mark_done_conflict);
  return g_test_run ();
}
