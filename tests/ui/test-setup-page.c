/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-ledger-page.h"
#include "rct-setup-page.h"
#include "rct-test-util.h"
#include "rct-ui-test-util.h"
#include "rct-vocabulary.h"

/* The Set-up page in a real window, through its real dialogs: add a unit
 * with its head, rename a working group, date a phase, edit a supervisor;
 * and the assistant of a new empty ledger, after which the first problem
 * can be registered. */

typedef struct
{
  char         *dir;
  RctStore     *store;
  GtkWindow    *window;
  RctSetupPage *page;
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
  g_autoptr(GError) error = NULL;

  rct_clock_set_today ("2021-05-20");
  f->store = rct_test_open_new (&f->dir);
  rct_store_set_operator (f->store, "办公室 王芳");
  rct_store_seed_empty (f->store, &error);
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1024, 768);
  f->page = RCT_SETUP_PAGE (rct_setup_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  rct_setup_page_set_store (f->page, f->store, FALSE);
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
  rct_clock_set_today (NULL);
}

/* The inputs of a form, in its order: entries, text views, drop-downs. */
static void
collect_inputs (GtkWidget *widget,
                GPtrArray *inputs)
{
  if (GTK_IS_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_DROP_DOWN (widget))
    {
      g_ptr_array_add (inputs, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_inputs (child, inputs);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_error_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
input_text (GtkWidget *input)
{
  if (GTK_IS_TEXT_VIEW (input))
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), &start, &end);
      return gtk_text_iter_get_text (&start, &end);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
}

/* Fills input @i of the dialog with @text; a drop-down picks the item
 * shown as @text. */
static void
fill (GtkWindow  *dialog,
      guint       i,
      const char *text)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  GtkWidget *input;

  collect_inputs (GTK_WIDGET (dialog), inputs);
  g_assert_cmpuint (i, <, inputs->len);
  input = g_ptr_array_index (inputs, i);
  if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), text, -1);
  else if (GTK_IS_DROP_DOWN (input))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (input));
      guint n = g_list_model_get_n_items (model);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (model, j);
          if (g_str_equal (gtk_string_object_get_string (item), text))
            {
              gtk_drop_down_set_selected (GTK_DROP_DOWN (input), j);
              return;
            }
        }
      g_error ("no choice %s", text);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (input), text);
}

static gboolean
offers (GtkWindow  *dialog,
        guint       i,
        const char *text)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  GListModel *model;

  collect_inputs (GTK_WIDGET (dialog), inputs);
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (g_ptr_array_index (inputs, i)));
  for (guint j = 0; j < g_list_model_get_n_items (model); j++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, j);
      if (g_str_equal (gtk_string_object_get_string (item), text))
        return TRUE;
    }
  return FALSE;
}

static void
click (GtkWindow  *dialog,
       const char *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  pump ();
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* The row's first line, its record's name. */
static gboolean
list_shows (GtkListBox *list,
            const char *text)
{
  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *texts = gtk_widget_get_first_child (box);

      for (GtkWidget *label = gtk_widget_get_first_child (texts); label; label = gtk_widget_get_next_sibling (label))
        if (strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL)
          return TRUE;
    }
  return FALSE;
}

static gint64
first_id (RctStore *store,
          RctKind   kind)
{
  g_autoptr(GArray) ids = rct_store_list_ids (store, kind, NULL, NULL);

  g_assert_cmpuint (ids->len, >, 0);
  return g_array_index (ids, gint64, 0);
}

static void
test_add_unit_with_head (Fixture       *f,
                         gconstpointer  data)
{
  GtkListBox *units = rct_setup_page_get_list (f->page, RCT_KIND_UNIT);
  GtkWindow *dialog;
  g_autoptr(RctUnit) unit = NULL;
  gint64 id;

  g_assert_cmpuint (count_rows (units), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.add-unit", NULL);
  pump ();
  dialog = rct_ui_test_find_window ("Add Unit");
  g_assert_nonnull (dialog);
  fill (dialog, 0, "回河派出所");
  fill (dialog, 1, "HH");
  fill (dialog, 2, "派出所");
  fill (dialog, 3, "张建国");
  click (dialog, "_Add");
  g_assert_null (rct_ui_test_find_window ("Add Unit"));

  id = rct_store_find_id (f->store, RCT_KIND_UNIT, "回河派出所", NULL);
  g_assert_cmpint (id, !=, 0);
  unit = rct_store_get (f->store, RCT_KIND_UNIT, id, NULL);
  g_assert_cmpstr (unit->head, ==, "张建国");
  g_assert_cmpstr (unit->code, ==, "HH");
  g_assert_cmpuint (count_rows (units), ==, 1);
  g_assert_true (list_shows (units, "张建国"));

  /* The same code again: the dialog stays with one sentence, nothing is saved. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.add-unit", NULL);
  pump ();
  dialog = rct_ui_test_find_window ("Add Unit");
  fill (dialog, 0, "交警大队");
  fill (dialog, 1, "HH");
  click (dialog, "_Add");
  g_assert_true (rct_ui_test_find_window ("Add Unit") == dialog);
  g_assert_true (gtk_widget_get_visible (find_error_label (GTK_WIDGET (dialog))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_error_label (GTK_WIDGET (dialog)))), "回河派出所"));
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_UNIT), ==, 1);
  click (dialog, "_Cancel");

  /* Retire and restore it from its row. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.toggle-unit", "x", id);
  pump ();
  g_clear_object (&unit);
  unit = rct_store_get (f->store, RCT_KIND_UNIT, id, NULL);
  g_assert_false (unit->active);
  g_assert_true (list_shows (units, "Retired"));
}

static void
test_rename_group (Fixture       *f,
                   gconstpointer  data)
{
  GtkListBox *groups = rct_setup_page_get_list (f->page, RCT_KIND_WORKING_GROUP);
  gint64 id = first_id (f->store, RCT_KIND_WORKING_GROUP);
  gint64 task_id = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr(RctWorkingGroup) group = NULL;
  g_autoptr(RctTask) task = NULL;
  g_autofree char *picked = NULL;
  GtkWindow *dialog;
  GtkWidget *usual;

  g_assert_cmpuint (count_rows (groups), ==, 6);
  rct_store_create_va (f->store, RCT_KIND_TASK, &task_id, &error, "group", rct_usual_group_names[0],
                       "title", "制定实施方案", NULL);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.edit", "(ix)", (int) RCT_KIND_WORKING_GROUP, id);
  pump ();
  dialog = rct_ui_test_find_window ("Edit Working Group");
  g_assert_nonnull (dialog);
  collect_inputs (GTK_WIDGET (dialog), inputs);
  picked = input_text (g_ptr_array_index (inputs, 0));
  g_assert_cmpstr (picked, ==, rct_usual_group_names[0]);
  g_clear_pointer (&picked, g_free);
  /* One of the usual names, offered beside the field, goes into it. */
  usual = find_button (GTK_WIDGET (dialog), rct_usual_group_names[4]);
  g_assert_nonnull (usual);
  g_signal_emit_by_name (usual, "clicked");
  picked = input_text (g_ptr_array_index (inputs, 0));
  g_assert_cmpstr (picked, ==, rct_usual_group_names[4]);
  /* …and stays editable: the office writes its own. */
  fill (dialog, 0, "综合组");
  fill (dialog, 1, "赵明");
  fill (dialog, 2, "钱亮、孙丽");
  fill (dialog, 3, "统筹协调");
  click (dialog, "_Save");
  g_assert_null (rct_ui_test_find_window ("Edit Working Group"));

  group = rct_store_get (f->store, RCT_KIND_WORKING_GROUP, id, NULL);
  g_assert_cmpstr (group->name, ==, "综合组");
  g_assert_cmpstr (group->lead_name, ==, "赵明");
  g_assert_cmpstr (group->members, ==, "钱亮、孙丽");
  task = rct_store_get (f->store, RCT_KIND_TASK, task_id, NULL);
  g_assert_cmpstr (task->group_name, ==, "综合组");
  g_assert_true (list_shows (groups, "综合组"));
  g_assert_true (list_shows (groups, "钱亮、孙丽"));
  /* The members joined the roster, shown in its section. */
  g_assert_true (list_shows (rct_setup_page_get_list (f->page, RCT_KIND_PERSON), "孙丽"));
}

static void
test_edit_phase_date (Fixture       *f,
                      gconstpointer  data)
{
  GtkListBox *phases = rct_setup_page_get_list (f->page, RCT_KIND_PHASE);
  gint64 id = first_id (f->store, RCT_KIND_PHASE);
  g_autoptr(RctPhase) phase = NULL;
  GtkWindow *dialog;

  g_assert_cmpuint (count_rows (phases), ==, 3);
  g_assert_true (list_shows (phases, "Dates not set"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.edit", "(ix)", (int) RCT_KIND_PHASE, id);
  pump ();
  dialog = rct_ui_test_find_window ("Phase");
  g_assert_nonnull (dialog);
  fill (dialog, 1, "2021-03-01");
  fill (dialog, 2, "2021-02-01");
  click (dialog, "_Save");
  /* An end before the start is refused, and nothing is saved. */
  g_assert_true (rct_ui_test_find_window ("Phase") == dialog);
  phase = rct_store_get (f->store, RCT_KIND_PHASE, id, NULL);
  g_assert_null (phase->start_date);
  g_clear_object (&phase);

  fill (dialog, 2, "2021-04-15");
  click (dialog, "_Save");
  g_assert_null (rct_ui_test_find_window ("Phase"));
  phase = rct_store_get (f->store, RCT_KIND_PHASE, id, NULL);
  g_assert_cmpstr (phase->start_date, ==, "2021-03-01");
  g_assert_cmpstr (phase->end_date, ==, "2021-04-15");
  g_assert_cmpuint (count_rows (phases), ==, 3);
  {
    g_autofree char *shown = rct_date_format_local ("2021-04-15");
    g_assert_true (list_shows (phases, shown));
  }
}

static void
test_edit_supervisor (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctSupervisor) supervisor = NULL;
  g_autoptr(RctFeedback) feedback = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  gint64 id = 0, feedback_id = 0;
  GtkWindow *dialog;

  rct_store_create_va (f->store, RCT_KIND_SUPERVISOR, &id, &error, "name", "陈红", "category", "deputy",
                       "appointed", "2021-03-01", NULL);
  rct_store_create_va (f->store, RCT_KIND_FEEDBACK, &feedback_id, &error, "supervisor", "陈红",
                       "received_date", "2021-05-01", "content", "窗口排队久", "kind", "complaint", NULL);
  g_assert_no_error (error);
  pump ();
  g_assert_true (list_shows (rct_setup_page_get_list (f->page, RCT_KIND_SUPERVISOR), "陈红"));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.edit", "(ix)", (int) RCT_KIND_SUPERVISOR, id);
  pump ();
  dialog = rct_ui_test_find_window ("Edit Supervisor");
  g_assert_nonnull (dialog);
  fill (dialog, 0, "陈红梅");
  fill (dialog, 1, rct_vocabulary_label (RCT_VOCAB_SUPERVISOR_CATEGORY, "citizen"));
  fill (dialog, 2, "回河镇");
  fill (dialog, 3, "13800000000");
  fill (dialog, 5, "2022-02-28");
  click (dialog, "_Save");
  g_assert_null (rct_ui_test_find_window ("Edit Supervisor"));

  supervisor = rct_store_get (f->store, RCT_KIND_SUPERVISOR, id, NULL);
  g_assert_cmpstr (supervisor->name, ==, "陈红梅");
  g_assert_cmpstr (supervisor->category, ==, "citizen");
  g_assert_cmpstr (supervisor->organisation, ==, "回河镇");
  g_assert_cmpstr (supervisor->appointed, ==, "2021-03-01");
  g_assert_cmpstr (supervisor->term_end, ==, "2022-02-28");
  feedback = rct_store_get (f->store, RCT_KIND_FEEDBACK, feedback_id, NULL);
  g_assert_cmpstr (feedback->supervisor_name, ==, "陈红梅");
  /* Field by field in the journal, with the operator. */
  journal = rct_store_list_journal (f->store, RCT_KIND_SUPERVISOR, id, NULL);
  g_assert_cmpuint (journal->len, ==, 1 + 5);
  g_assert_cmpstr (RCT_JOURNAL_ENTRY (g_ptr_array_index (journal, 1))->who, ==, "办公室 王芳");
}

/* Another clerk saved the supervisor while the form was open (issue 20):
 * Save stays in the dialog with the sentence and their values, writes
 * nothing; Save again goes over theirs, knowingly. */
static void
test_edit_conflict (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) other = NULL;
  g_autoptr(RctSupervisor) supervisor = NULL;
  GtkWidget *label;
  const char *message;
  gint64 id = 0;
  GtkWindow *dialog;

  rct_store_create_va (f->store, RCT_KIND_SUPERVISOR, &id, &error, "name", "陈红", "category", "deputy",
                       "organisation", "回河镇", "appointed", "2021-03-01", NULL);
  g_assert_no_error (error);
  other = rct_store_open (rct_store_get_path (f->store), RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rct_store_set_operator (other, "李明");
  pump ();

  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.edit", "(ix)", (int) RCT_KIND_SUPERVISOR, id);
  pump ();
  dialog = rct_ui_test_find_window ("Edit Supervisor");
  g_assert_nonnull (dialog);
  fill (dialog, 0, "陈红梅");
  g_assert_true (rct_store_update_va (other, RCT_KIND_SUPERVISOR, id, NULL, &error, "organisation", "城关镇", NULL));
  g_assert_no_error (error);
  click (dialog, "_Save");
  g_assert_nonnull (rct_ui_test_find_window ("Edit Supervisor"));
  label = find_error_label (GTK_WIDGET (dialog));
  g_assert_nonnull (label);
  message = gtk_label_get_text (GTK_LABEL (label));
  g_assert_nonnull (strstr (message, rct_store_get_operator (other)));
  g_assert_nonnull (strstr (message, "城关镇"));
  supervisor = rct_store_get (f->store, RCT_KIND_SUPERVISOR, id, NULL);
  g_assert_cmpstr (supervisor->name, ==, "陈红");
  g_assert_cmpstr (supervisor->organisation, ==, "城关镇");
  g_clear_object (&supervisor);

  click (dialog, "_Save");
  g_assert_null (rct_ui_test_find_window ("Edit Supervisor"));
  supervisor = rct_store_get (f->store, RCT_KIND_SUPERVISOR, id, NULL);
  g_assert_cmpstr (supervisor->name, ==, "陈红梅");
  g_assert_cmpstr (supervisor->organisation, ==, "回河镇");
}

static void
test_assistant_then_first_problem (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWindow *ledger_window = GTK_WINDOW (gtk_window_new ());
  RctLedgerPage *ledger = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  g_autoptr(RctCampaign) campaign = NULL;
  g_autoptr(RctUnit) unit = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GtkWindow *dialog;

  gtk_window_set_child (ledger_window, GTK_WIDGET (ledger));
  rct_ledger_page_set_store (ledger, f->store, FALSE);
  gtk_window_present (ledger_window);

  /* As the window does it: the page gets the new ledger, the ledger is
   * seeded, the assistant opens before the page has read the seed. */
  {
    g_autofree char *fresh_dir = NULL;
    g_autoptr(RctStore) fresh = rct_test_open_new (&fresh_dir);
    g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
    g_autofree char *name = NULL;

    rct_setup_page_set_store (f->page, fresh, FALSE);
    g_assert_true (rct_store_seed_empty (fresh, NULL));
    rct_setup_page_run_assistant (f->page);
    dialog = rct_ui_test_find_window ("Set Up the New Ledger");
    g_assert_nonnull (dialog);
    collect_inputs (GTK_WIDGET (dialog), inputs);
    name = input_text (g_ptr_array_index (inputs, 0));
    g_assert_cmpstr (name, ==, "Education and rectification campaign");
    click (dialog, "_Cancel");
    rct_setup_page_set_store (f->page, f->store, FALSE);
    g_clear_object (&fresh);
    rct_test_remove_dir (fresh_dir);
  }

  rct_setup_page_run_assistant (f->page);
  pump ();
  dialog = rct_ui_test_find_window ("Set Up the New Ledger");
  g_assert_nonnull (dialog);
  /* Without a unit the assistant says so and stays. */
  fill (dialog, 0, "回河县公安局队伍教育整顿");
  click (dialog, "_Set Up");
  g_assert_true (rct_ui_test_find_window ("Set Up the New Ledger") == dialog);
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_UNIT), ==, 0);

  fill (dialog, 1, "纪东明");
  fill (dialog, 2, "回河派出所，张建国\n\n交警大队, 赵大队长\n特警大队\n");
  click (dialog, "_Set Up");
  g_assert_null (rct_ui_test_find_window ("Set Up the New Ledger"));

  campaign = rct_store_get (f->store, RCT_KIND_CAMPAIGN, first_id (f->store, RCT_KIND_CAMPAIGN), NULL);
  g_assert_cmpstr (campaign->name, ==, "回河县公安局队伍教育整顿");
  g_assert_cmpstr (campaign->leader, ==, "纪东明");
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_UNIT), ==, 3);
  unit = rct_store_get (f->store, RCT_KIND_UNIT, rct_store_find_id (f->store, RCT_KIND_UNIT, "交警大队", NULL), NULL);
  g_assert_cmpstr (unit->head, ==, "赵大队长");
  g_assert_cmpuint (count_rows (rct_setup_page_get_list (f->page, RCT_KIND_UNIT)), ==, 3);

  /* The first problem, through the ledger page's own dialog; a retired
   * unit is not offered. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.toggle-unit", "x",
                              rct_store_find_id (f->store, RCT_KIND_UNIT, "特警大队", NULL));
  pump ();
  gtk_widget_activate_action (GTK_WIDGET (ledger), "ledger.new-problem", NULL);
  pump ();
  dialog = rct_ui_test_find_window ("New Problem");
  g_assert_nonnull (dialog);
  g_assert_true (offers (dialog, 3, "交警大队"));
  g_assert_false (offers (dialog, 3, "特警大队"));
  fill (dialog, 1, "值班记录不全");
  fill (dialog, 3, "交警大队");
  click (dialog, "_Register");
  g_assert_null (rct_ui_test_find_window ("New Problem"));
  problems = rct_store_list (f->store, RCT_KIND_PROBLEM, NULL, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (RCT_PROBLEM (g_ptr_array_index (problems, 0))->unit_name, ==, "交警大队");
  g_assert_cmpstr (RCT_PROBLEM (g_ptr_array_index (problems, 0))->description, ==, "值班记录不全");

  gtk_window_destroy (ledger_window);
  pump ();
}

/* A ledger made by rectify-cli init alone: the page starts its campaign. */
static void
test_start_campaign (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *bare_dir = NULL;
  g_autoptr(RctStore) bare = rct_test_open_new (&bare_dir);

  rct_setup_page_set_store (f->page, bare, FALSE);
  pump ();
  g_assert_cmpuint (count_rows (rct_setup_page_get_list (f->page, RCT_KIND_CAMPAIGN)), ==, 0);
  g_assert_nonnull (find_button (GTK_WIDGET (f->page), "_Start the Campaign"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.start-campaign", NULL);
  pump ();
  g_assert_cmpuint (count_rows (rct_setup_page_get_list (f->page, RCT_KIND_CAMPAIGN)), ==, 1);
  g_assert_cmpuint (count_rows (rct_setup_page_get_list (f->page, RCT_KIND_PHASE)), ==, 3);
  g_assert_cmpuint (count_rows (rct_setup_page_get_list (f->page, RCT_KIND_WORKING_GROUP)), ==, 6);
  rct_setup_page_set_store (f->page, f->store, FALSE);
  g_clear_object (&bare);
  rct_test_remove_dir (bare_dir);
}

/* A hidden page does not rebuild its lists at every change (a problem
 * registered with a new responsible person adds to the roster); it reads
 * them again when shown. */
static void
test_hidden_reads_when_shown (Fixture       *f,
                              gconstpointer  data)
{
  GtkListBox *units = rct_setup_page_get_list (f->page, RCT_KIND_UNIT);

  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  pump ();
  g_assert_true (rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, NULL, "name", "回河派出所", NULL));
  pump ();
  g_assert_cmpuint (count_rows (units), ==, 0);
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  pump ();
  g_assert_cmpuint (count_rows (units), ==, 1);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  rct_setup_page_set_store (f->page, f->store, TRUE);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->page), "setup.add-unit", NULL) &&
                  rct_ui_test_find_window ("Add Unit") != NULL);
  pump ();
  g_assert_null (rct_ui_test_find_window ("Add Unit"));
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/setup/add-unit-with-head", test_add_unit_with_head);
  ADD ("/ui/setup/rename-group", test_rename_group);
  ADD ("/ui/setup/edit-phase-date", test_edit_phase_date);
  ADD ("/ui/setup/edit-supervisor", test_edit_supervisor);
  ADD ("/ui/setup/edit-conflict-told-then-saved-over", test_edit_conflict);
  ADD ("/ui/setup/assistant-then-first-problem", test_assistant_then_first_problem);
  ADD ("/ui/setup/start-campaign", test_start_campaign);
  ADD ("/ui/setup/hidden-reads-when-shown", test_hidden_reads_when_shown);
  ADD ("/ui/setup/read-only", test_read_only);
#undef ADD
  return g_test_run ();
}
