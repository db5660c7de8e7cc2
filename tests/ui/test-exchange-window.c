/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-exchange-window"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <gtk/gtk.h>

#include "rct-demo.h"
#include "rct-conflicts-dialog.h"
#include "rct-merge-dialog.h"
#include "rct-report-sign.h"
#include "rct-trust.h"
#include "rct-report.h"
#include "rct-reports-page.h"
#include "rct-setup-page.h"
#include "rct-test-util.h"
#include "rct-ui-test-util.h"
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

/* The button whose accessible name (kept as its tooltip) is @name. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_labelled (GtkWidget  *widget,
               const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_entry (GtkWidget *widget)
{
  if (GTK_IS_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the first label under @widget starting with @prefix. */
static const char *
find_label_text (GtkWidget  *widget,
                 const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label_text (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static RctSetupPage *
setup_page_for (RctStore   *store,
                GtkWindow **window)
{
  RctSetupPage *page = RCT_SETUP_PAGE (rct_setup_page_new ());

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1024, 768);
  gtk_window_set_child (*window, GTK_WIDGET (page));
  rct_setup_page_set_store (page, store, FALSE);
  gtk_window_present (*window);
  wait_idle ();
  return page;
}

/* The office's Set-up page: each unit has its Export Set-up File…; a
 * unit without a short code is asked for one (the CLI's rule), which it
 * keeps; the file written is a set-up a unit's ledger is made from. A
 * unit's own ledger sends none. */
static void
test_setup_export_per_unit (void)
{
  g_autofree char *office_dir = NULL;
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *setup = g_build_filename (dir, "回河 设置.xml", NULL);
  g_autofree char *bad = g_build_filename (dir, "坏 代码.xml", NULL);
  g_autofree char *ledger = g_build_filename (dir, "回河 派出所.db", NULL);
  g_autoptr(RctStore) office = rct_test_open_demo (&office_dir);
  g_autoptr(RctStore) unit_store = NULL;
  g_autoptr(RctOrganisation) unit_org = NULL;
  g_autoptr(RctUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window, *dialog, *unit_window;
  RctSetupPage *page, *unit_page;
  GtkWidget *button;
  gint64 unit_id;

  page = setup_page_for (office, &window);
  unit_id = rct_store_find_id (office, RCT_KIND_UNIT, "回河派出所", &error);
  g_assert_no_error (error);
  unit = rct_store_get (office, RCT_KIND_UNIT, unit_id, &error);
  g_assert_nonnull (unit);
  g_assert_null (unit->code);
  g_clear_object (&unit);

  button = find_named (GTK_WIDGET (rct_setup_page_get_list (page, RCT_KIND_UNIT)),
                       "Export the set-up file for 回河派出所");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));

  /* No code yet: the button asks for one first, and refuses a bad one. */
  g_signal_emit_by_name (button, "clicked");
  wait_idle ();
  dialog = rct_ui_test_find_window ("The Unit's Short Code");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_entry (GTK_WIDGET (dialog))), "hh 1");
  g_signal_emit_by_name (find_labelled (GTK_WIDGET (dialog), "_Continue"), "clicked");
  wait_idle ();
  g_assert_true (rct_ui_test_find_window ("The Unit's Short Code") == dialog);
  g_signal_emit_by_name (find_labelled (GTK_WIDGET (dialog), "_Cancel"), "clicked");
  wait_idle ();
  g_assert_null (rct_ui_test_find_window ("The Unit's Short Code"));

  /* What the dialogs lead to: a bad code is one sentence, nothing written. */
  g_assert_false (rct_setup_page_export_setup (page, unit_id, "hh", bad));
  g_assert_nonnull (rct_setup_page_get_message (page));
  g_assert_nonnull (strstr (rct_setup_page_get_message (page), "short code"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_assert_true (rct_setup_page_export_setup (page, unit_id, "HH", setup));
  g_assert_nonnull (strstr (rct_setup_page_get_message (page), "回河派出所"));
  unit = rct_store_get (office, RCT_KIND_UNIT, unit_id, &error);
  g_assert_cmpstr (unit->code, ==, "HH");  /* kept: the next file numbers the same */

  /* The file makes the unit's ledger, numbered HH. */
  unit_store = rct_setup_create_ledger (setup, ledger, NULL, &unit_org, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unit_org->code, ==, "HH");
  g_assert_cmpstr (unit_org->name, ==, "回河派出所");

  /* Its code known, the unit exports again without asking. */
  g_remove (setup);
  g_assert_true (rct_setup_page_export_setup (page, unit_id, NULL, setup));
  g_assert_true (g_file_test (setup, G_FILE_TEST_IS_REGULAR));

  /* A unit's ledger sends no set-up files. */
  unit_page = setup_page_for (unit_store, &unit_window);
  g_assert_null (find_named (GTK_WIDGET (rct_setup_page_get_list (unit_page, RCT_KIND_UNIT)),
                             "Export the set-up file for 回河派出所"));

  gtk_window_destroy (unit_window);
  gtk_window_destroy (window);
  wait_idle ();
  rct_store_close (unit_store);
  rct_store_close (office);
  rct_test_remove_dir (office_dir);
  rct_test_remove_dir (dir);
}

static gint64
problem_id (RctStore   *store,
            const char *number)
{
  g_autoptr(GError) error = NULL;
  gint64 id = rct_store_find_id (store, RCT_KIND_PROBLEM, number, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
problem_field (RctStore   *store,
               const char *number,
               const char *field)
{
  g_autoptr(RctRecord) problem = rct_store_get (store, RCT_KIND_PROBLEM, problem_id (store, number), NULL);

  g_assert_nonnull (problem);
  return rct_record_dup_value (problem, field);
}

static void
set_mechanism (RctStore   *store,
               const char *number,
               const char *text)
{
  g_autoptr(GError) error = NULL;

  rct_store_update_va (store, RCT_KIND_PROBLEM, problem_id (store, number), NULL, &error, "mechanism", text, NULL);
  g_assert_no_error (error);
}

static const RctMergeItem *
find_item (const RctMergePlan *plan,
           RctMergeOutcome     outcome,
           const char         *label,
           const char         *field)
{
  for (guint i = 0; i < plan->items->len; i++)
    {
      const RctMergeItem *item = g_ptr_array_index (plan->items, i);

      if (item->outcome == outcome && g_strcmp0 (item->label, label) == 0 &&
          (field == NULL || g_strcmp0 (item->field, field) == 0))
        return item;
    }
  return NULL;
}

/* The office, its unit 回河派出所 (HH) made from its set-up file, the
 * office's report down to the unit merged there; then both write the
 * lasting mechanism of the office's 2021-015 (the unit's side of it),
 * and the unit registers its own first problem and reports up. */
static char *
make_unit_report (RctStore   *office,
                  const char *dir)
{
  g_autofree char *setup = g_build_filename (dir, "回河 设置.xml", NULL);
  g_autofree char *ledger = g_build_filename (dir, "回河 派出所.db", NULL);
  g_autofree char *down = g_build_filename (dir, "下发 报告.xml", NULL);
  char *up = g_build_filename (dir, "回河 上报.xml", NULL);
  const char *units[] = { "回河派出所", NULL };
  RctScope scope = { NULL, NULL, (char **) units };
  g_autoptr(RctStore) unit = NULL;
  g_autoptr(RctMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_setup_export (office, "回河派出所", "HH", setup, &error));
  g_assert_no_error (error);
  unit = rct_setup_create_ledger (setup, ledger, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rct_report_export (office, &scope, "下发", down, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  plan = rct_merge_apply (unit, down, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->added, >, 0);

  rct_test_add_problem (unit, "回河派出所", "2021-05-18", "2021-06-30", "值班 记录不全");
  set_mechanism (unit, "2021-015", "每周 由所长 抽查走访记录");
  set_mechanism (office, "2021-015", "每月 由督导组 回访");
  g_assert_true (rct_report_export (unit, NULL, "上报", up, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  rct_store_close (unit);
  return up;
}

/* The office accepts the unit's key once, as its clerk does after
 * comparing the fingerprint (issue 21). */
static void
trust_report (RctStore   *store,
              const char *report)
{
  g_autoptr(RctSignature) signature = rct_signature_read (report, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (signature->status, ==, RCT_SIGNATURE_VERIFIED);
  g_assert_true (rct_trust_add (store, signature->organisation_uuid, signature->organisation_name,
                                signature->certificate, &error));
  g_assert_no_error (error);
}

static RctMergeDialog *
wait_dialog (void)
{
  GtkWindow *dialog = NULL;
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while ((dialog = rct_ui_test_find_window ("Merge a Report")) == NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (RCT_IS_MERGE_DIALOG (dialog));
  while (rct_merge_dialog_is_busy (RCT_MERGE_DIALOG (dialog)) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  wait_idle ();
  g_assert_false (rct_merge_dialog_is_busy (RCT_MERGE_DIALOG (dialog)));
  return RCT_MERGE_DIALOG (dialog);
}

/* Merge… on the Reports page: the preview names who sent it, the unit's
 * new problem added and the mechanism both sides wrote in conflict, and
 * writes nothing; Merge applies it and shows what it did; Cancel before
 * Merge leaves the ledger as it was. */
static void
test_merge_preview_then_apply (void)
{
  g_autofree char *office_dir = NULL;
  g_autofree char *dir = rct_test_make_dir ();
  g_autoptr(RctStore) office = rct_test_open_demo (&office_dir);
  g_autofree char *report = NULL;
  g_autofree char *before_sum = NULL;
  g_autofree char *mechanism = NULL;
  RctReportsPage *page;
  RctMergeDialog *dialog;
  const RctMergePlan *plan;
  GtkWindow *window;
  gint64 problems;

  report = make_unit_report (office, dir);
  problems = rct_test_count_rows (office, RCT_KIND_PROBLEM);

  window = GTK_WINDOW (gtk_window_new ());
  page = RCT_REPORTS_PAGE (rct_reports_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_reports_page_set_store (page, office, FALSE);
  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.open-file", "s", report);
  while (rct_reports_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rct_reports_page_is_valid (page));

  /* The unit's first report: no preview until its key is trusted, in the
   * dialog, with the fingerprint shown (issue 21). */
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.import", NULL);
  dialog = wait_dialog ();
  {
    gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (!rct_merge_dialog_needs_trust (dialog) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_true (rct_merge_dialog_needs_trust (dialog));
  g_assert_null (rct_merge_dialog_get_plan (dialog));
  g_assert_cmpint (rct_test_count_rows (office, RCT_KIND_PROBLEM), ==, problems);
  g_signal_emit_by_name (find_labelled (GTK_WIDGET (dialog), "_Trust"), "clicked");
  dialog = wait_dialog ();
  g_assert_false (rct_merge_dialog_needs_trust (dialog));
  g_assert_nonnull (rct_merge_dialog_get_plan (dialog));

  /* Cancel after the preview: nothing written. */
  before_sum = rct_test_file_checksum (rct_store_get_path (office));
  g_signal_emit_by_name (find_labelled (GTK_WIDGET (dialog), "_Cancel"), "clicked");
  wait_idle ();
  g_assert_null (rct_ui_test_find_window ("Merge a Report"));

  gtk_widget_activate_action (GTK_WIDGET (page), "reports.import", NULL);
  dialog = wait_dialog ();
  plan = rct_merge_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_cmpstr (plan->organisation, ==, "回河派出所");
  g_assert_cmpuint (plan->added, ==, 1);
  g_assert_cmpuint (plan->conflicts, ==, 1);
  g_assert_nonnull (find_item (plan, RCT_MERGE_ADDED, "HH-2021-001", NULL));
  g_assert_nonnull (find_item (plan, RCT_MERGE_CONFLICT, "2021-015", "mechanism"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Merge a Report");
  /* The preview wrote nothing. */
  g_assert_cmpint (rct_test_count_rows (office, RCT_KIND_PROBLEM), ==, problems);
  {
    g_autofree char *after_sum = rct_test_file_checksum (rct_store_get_path (office));
    g_assert_cmpstr (after_sum, ==, before_sum);
  }

  g_signal_emit_by_name (find_labelled (GTK_WIDGET (dialog), "_Merge"), "clicked");
  {
    gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (!rct_merge_dialog_is_merged (dialog) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
  }
  wait_idle ();
  g_assert_true (rct_merge_dialog_is_merged (dialog));
  plan = rct_merge_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->added, ==, 1);
  g_assert_cmpuint (plan->conflicts, ==, 1);
  g_assert_nonnull (strstr (rct_reports_page_get_status (page), "Added: 1"));
  g_assert_cmpint (rct_test_count_rows (office, RCT_KIND_PROBLEM), ==, problems + 1);
  /* The conflict keeps ours until someone chooses. */
  mechanism = problem_field (office, "2021-015", "mechanism");
  g_assert_cmpstr (mechanism, ==, "每月 由督导组 回访");
  g_assert_nonnull (find_labelled (GTK_WIDGET (dialog), "_Close"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (window);
  wait_idle ();
  rct_store_close (office);
  rct_test_remove_dir (office_dir);
  rct_test_remove_dir (dir);
}

/* The conflicts bar over the pages counts the open conflicts; its dialog
 * shows both values side by side and Keep Theirs settles one: the
 * ledger has their value, the list and the bar are empty again. */
static void
test_conflict_shown_and_chosen (void)
{
  g_autofree char *office_dir = NULL;
  g_autofree char *dir = rct_test_make_dir ();
  g_autoptr(RctStore) office = rct_test_open_demo (&office_dir);
  g_autofree char *report = NULL;
  g_autofree char *mechanism = NULL;
  g_autoptr(RctMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  RctConflictsBar *bar;
  RctConflictsDialog *dialog;
  GtkWindow *window;
  GtkWidget *keep;

  window = GTK_WINDOW (gtk_window_new ());
  bar = g_object_new (RCT_TYPE_CONFLICTS_BAR, NULL);
  gtk_window_set_child (window, GTK_WIDGET (bar));
  rct_conflicts_bar_set_store (bar, office, FALSE);
  gtk_window_present (window);
  wait_idle ();
  g_assert_cmpuint (rct_conflicts_bar_get_count (bar), ==, 0);

  report = make_unit_report (office, dir);
  trust_report (office, report);
  plan = rct_merge_apply (office, report, NULL, &error);
  g_assert_no_error (error);
  rct_store_announce_changes (office);
  wait_idle ();
  g_assert_cmpuint (rct_conflicts_bar_get_count (bar), ==, 1);

  g_signal_emit_by_name (find_labelled (GTK_WIDGET (bar), "_Show the Conflicts…"), "clicked");
  wait_idle ();
  dialog = RCT_CONFLICTS_DIALOG (rct_ui_test_find_window ("Conflicts"));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (rct_conflicts_dialog_get_count (dialog), ==, 1);
  /* Both values side by side, each with its own button. */
  g_assert_nonnull (find_named (GTK_WIDGET (dialog), "Keep ours for 2021-015, Lasting mechanism"));
  g_assert_nonnull (find_label_text (GTK_WIDGET (dialog), "每周 由所长 抽查走访记录"));
  g_assert_nonnull (find_label_text (GTK_WIDGET (dialog), "每月 由督导组 回访"));
  /* Who wrote theirs, and when in local time (a label, not a stamp). */
  {
    const char *by = find_label_text (GTK_WIDGET (dialog), "By 回河派出所, ");

    g_assert_nonnull (by);
    g_assert_true (g_regex_match_simple ("^By 回河派出所, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$", by, 0, 0));
  }
  keep = find_named (GTK_WIDGET (dialog), "Keep theirs for 2021-015, Lasting mechanism");
  g_assert_nonnull (keep);
  g_signal_emit_by_name (keep, "clicked");
  wait_idle ();
  g_assert_null (rct_conflicts_dialog_get_note (dialog));
  g_assert_cmpuint (rct_conflicts_dialog_get_count (dialog), ==, 0);
  mechanism = problem_field (office, "2021-015", "mechanism");
  g_assert_cmpstr (mechanism, ==, "每周 由所长 抽查走访记录");
  g_assert_cmpuint (rct_conflicts_bar_get_count (bar), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (window);
  wait_idle ();
  rct_store_close (office);
  rct_test_remove_dir (office_dir);
  rct_test_remove_dir (dir);
}

/* The Reports page of the unit's ledger follows the rule of
 * acknowledgements: once the office acknowledged the unit's first report,
 * Export carries only what is new; "Full report" carries everything. */
static guint
count_in_file (const char *path,
               const char *needle)
{
  g_autofree char *text = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static GtkWidget *
find_check (GtkWidget  *widget,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
export_from_page (RctReportsPage *page,
                  const char     *xml)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gtk_widget_activate_action (GTK_WIDGET (page), "reports.export-to", "s", xml);
  while (!g_file_test (xml, G_FILE_TEST_IS_REGULAR) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  wait_idle ();
  g_assert_true (rct_report_validate (xml, NULL, NULL, NULL));
}

static void
test_export_only_new_or_full (void)
{
  g_autofree char *office_dir = NULL;
  g_autofree char *dir = rct_test_make_dir ();
  g_autoptr(RctStore) office = rct_test_open_demo (&office_dir);
  g_autoptr(RctStore) unit = NULL;
  g_autoptr(RctMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *up = NULL;
  g_autofree char *ledger = g_build_filename (dir, "回河 派出所.db", NULL);
  g_autofree char *down = g_build_filename (dir, "再次 下发.xml", NULL);
  g_autofree char *partial = g_build_filename (dir, "只 新的.xml", NULL);
  g_autofree char *full = g_build_filename (dir, "完整 报告.xml", NULL);
  g_autofree char *peer = NULL;
  GtkWidget *check;
  RctReportsPage *page;
  GtkWindow *window;

  up = make_unit_report (office, dir);
  trust_report (office, up);
  plan = rct_merge_apply (office, up, NULL, &error);
  g_assert_no_error (error);
  peer = rct_store_dup_uuid (office, RCT_KIND_UNIT, rct_store_find_id (office, RCT_KIND_UNIT, "回河派出所", NULL));
  g_assert_true (rct_report_export_exchange (office, NULL, NULL, NULL, down, peer, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  unit = rct_store_open (ledger, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_pointer (&plan, rct_merge_plan_free);
  plan = rct_merge_apply (unit, down, NULL, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  page = RCT_REPORTS_PAGE (rct_reports_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_reports_page_set_store (page, unit, FALSE);
  gtk_window_present (window);
  wait_idle ();

  export_from_page (page, partial);
  g_assert_cmpuint (count_in_file (partial, "full=\"false\""), ==, 1);
  g_assert_cmpuint (count_in_file (partial, "<problem "), <, rct_test_count_rows (unit, RCT_KIND_PROBLEM));

  check = find_check (GTK_WIDGET (page), "_Full report: everything, not only what the other side has not acknowledged");
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  export_from_page (page, full);
  g_assert_cmpuint (count_in_file (full, "full=\"true\""), ==, 1);
  g_assert_cmpuint (count_in_file (full, "<problem "), ==, rct_test_count_rows (unit, RCT_KIND_PROBLEM));
  gtk_window_destroy (window);
  wait_idle ();
  rct_test_remove_dir (dir);
  rct_test_remove_dir (office_dir);
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
  g_test_add_func ("/ui/exchange/setup-export-per-unit", test_setup_export_per_unit);
  g_test_add_func ("/ui/exchange/merge-preview-then-apply", test_merge_preview_then_apply);
  g_test_add_func ("/ui/exchange/conflict-shown-and-chosen", test_conflict_shown_and_chosen);
  g_test_add_func ("/ui/exchange/export-only-new-or-full", test_export_only_new_or_full);
  status = g_test_run ();
  rct_test_remove_dir (data_home);
  return status;
}
