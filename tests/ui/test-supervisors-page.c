/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-figures.h"
#include "rct-supervisors-page.h"
#include "rct-test-util.h"

/* The supervisors page in a real window: record a feedback, reply to it,
 * turn another into a ledger problem, all through the page's actions; the
 * roster's counts and the office's figures follow. */

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_record_reply_and_to_problem (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  GtkWindow *window;
  RctSupervisorsPage *page;
  gint64 feedback_before, problems_before, feedback_id, other_id, supervisor_id;
  g_autoptr(RctFeedback) recorded = NULL;
  g_autoptr(RctFeedback) other = NULL;
  g_autoptr(RctProblem) problem = NULL;
  g_autoptr(RctFigures) before = NULL;
  g_autoptr(RctFigures) after = NULL;
  g_autofree char *summary = NULL;

  rct_clock_set_today (RCT_DEMO_DATE);
  store = rct_test_open_demo (&dir);
  feedback_before = rct_test_count_rows (store, RCT_KIND_FEEDBACK);
  problems_before = rct_test_count_rows (store, RCT_KIND_PROBLEM);
  before = rct_figures_compute (store, NULL, NULL);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1300, 800);
  page = RCT_SUPERVISORS_PAGE (rct_supervisors_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_supervisors_page_set_store (page, store, FALSE);
  gtk_window_present (window);
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rct_supervisors_page_get_feedback (page))), ==,
                    feedback_before);

  /* Record a feedback: it is selected, with the reply due 15 days on. */
  gtk_widget_activate_action (GTK_WIDGET (page), "supervisors.record-feedback", "(ssssss)",
                              "村干部甲", "2021-05-19", "走访", "回河派出所", "投诉",
                              "夜间巡逻车辆很少经过村里。");
  pump ();
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_FEEDBACK), ==, feedback_before + 1);
  feedback_id = rct_supervisors_page_get_selected_feedback (page);
  g_assert_cmpint (feedback_id, !=, 0);
  recorded = rct_store_get (store, RCT_KIND_FEEDBACK, feedback_id, NULL);
  g_assert_cmpstr (recorded->content, ==, "夜间巡逻车辆很少经过村里。");
  g_assert_cmpstr (recorded->channel, ==, "visit");
  g_assert_cmpstr (recorded->kind, ==, "complaint");
  g_assert_cmpstr (recorded->reply_due, ==, "2021-06-03");
  g_clear_object (&recorded);

  /* Reply to it, with the supervisor's satisfaction. */
  gtk_widget_activate_action (GTK_WIDGET (page), "supervisors.record-reply", "(sss)",
                              "已增加夜间巡逻频次。", "2021-05-20", "satisfied");
  pump ();
  recorded = rct_store_get (store, RCT_KIND_FEEDBACK, feedback_id, NULL);
  g_assert_cmpstr (recorded->reply_date, ==, "2021-05-20");
  g_assert_cmpstr (recorded->satisfaction, ==, "satisfied");

  /* The roster shows the supervisor's counts after it. */
  supervisor_id = recorded->supervisor_id;
  summary = rct_supervisors_page_dup_supervisor_summary (page, supervisor_id);
  g_assert_nonnull (strstr (summary, "2 feedback"));
  g_assert_nonnull (strstr (summary, "2 replied"));

  /* Turn another, unlinked feedback into a problem: linked both ways. */
  gtk_widget_activate_action (GTK_WIDGET (page), "supervisors.record-feedback", "(ssssss)",
                              "群众代表丙", "2021-05-20", "电话", "交警大队", "建议",
                              "建议在学校门口增设上下学时段的交通引导。");
  pump ();
  other_id = rct_supervisors_page_get_selected_feedback (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "supervisors.to-problem", NULL);
  pump ();
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, problems_before + 1);
  other = rct_store_get (store, RCT_KIND_FEEDBACK, other_id, NULL);
  g_assert_cmpint (other->problem_id, !=, 0);
  problem = rct_store_get (store, RCT_KIND_PROBLEM, other->problem_id, NULL);
  g_assert_cmpstr (problem->source, ==, "supervisor-feedback");
  g_assert_cmpstr (problem->unit_name, ==, "交警大队");
  g_assert_cmpint (problem->feedback_id, ==, other_id);
  g_assert_nonnull (strstr (rct_supervisors_page_get_message (page), problem->number));

  /* The office's figures count both. */
  after = rct_figures_compute (store, NULL, NULL);
  g_assert_cmpint (after->feedback_total, ==, before->feedback_total + 2);
  g_assert_cmpint (after->feedback_replied, ==, before->feedback_replied + 1);

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_filters (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  GtkWindow *window;
  RctSupervisorsPage *page;
  RctFilter filter = { 0 };

  rct_clock_set_today (RCT_DEMO_DATE);
  store = rct_test_open_demo (&dir);
  window = GTK_WINDOW (gtk_window_new ());
  page = RCT_SUPERVISORS_PAGE (rct_supervisors_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_supervisors_page_set_store (page, store, FALSE);
  gtk_window_present (window);
  pump ();

  filter.overdue = TRUE;
  rct_supervisors_page_set_filter (page, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rct_supervisors_page_get_feedback (page))), ==,
                    rct_store_count (store, RCT_KIND_FEEDBACK, &filter, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rct_supervisors_page_get_feedback (page))), >, 0);

  g_assert_true (rct_supervisors_page_select_supervisor (page, rct_store_find_id (store, RCT_KIND_SUPERVISOR,
                                                                                 "人大代表乙", NULL)));
  pump ();
  /* The supervisor composes with the overdue filter still on. */
  filter.supervisor = "人大代表乙";
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rct_supervisors_page_get_feedback (page))), ==,
                    rct_store_count (store, RCT_KIND_FEEDBACK, &filter, NULL));

  memset (&filter, 0, sizeof filter);
  rct_supervisors_page_set_filter (page, &filter);
  g_assert_true (rct_supervisors_page_select_supervisor (page, rct_store_find_id (store, RCT_KIND_SUPERVISOR,
                                                                                 "人大代表乙", NULL)));
  pump ();
  filter.supervisor = "人大代表乙";
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rct_supervisors_page_get_feedback (page))), ==,
                    rct_store_count (store, RCT_KIND_FEEDBACK, &filter, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rct_supervisors_page_get_feedback (page))), ==, 2);

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/supervisors/record-reply-and-turn-into-problem", test_record_reply_and_to_problem);
  g_test_add_func ("/ui/supervisors/filters", test_filters);
  return g_test_run ();
}
