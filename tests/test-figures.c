/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-test-util.h"

/* A fixture whose figures are counted by hand, as of 2021-05-20:
 *
 *   #  unit  found  deadline  status                      closed
 *   1  A     04-01  04-30     closed                      04-25  on time, 24 days
 *   2  A     04-10  05-10     closed                      05-15  late,    35 days
 *   3  A     05-01  05-15     rectifying                         overdue
 *   4  B     05-05  05-22     registered                         due soon
 *   5  B     05-06  06-30     awaiting verification
 *   6  B     05-10  05-20     rectifying                         due soon (today)
 *
 * Feedback: f1 replied satisfied, f2 replied basically satisfied, f3 replied
 * unsatisfied, f4 replied without a rating, f5 not replied and due 05-10
 * (overdue), f6 not replied and due 06-01, f7 replied after its due date
 * and rated satisfied (replied late: replied, not overdue).
 * Tasks: three in one group, one done. */

#define A "回河派出所"
#define B "交警大队"

static RctStore *store;
static char *dir;

static gint64
problem (const char *unit,
         const char *found,
         const char *deadline)
{
  return rct_test_add_problem (store, unit, found, deadline, NULL);
}

static void
walk_to (gint64      id,
         const char *status,
         const char *closed_on)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  RctWorkflowInput verify = { NULL, "督察大队长", "现场核查", NULL };
  gint64 measure;

  if (g_str_equal (status, "registered"))
    return;
  rct_store_problem_act (store, id, RCT_ACTION_START, NULL, &error);
  g_assert_no_error (error);
  if (g_str_equal (status, "rectifying"))
    return;
  rct_store_create_va (store, RCT_KIND_MEASURE, &measure, &error, "problem_id", id_text, "text", "整改", NULL);
  rct_store_measure_done (store, measure, NULL, &error);
  rct_store_problem_act (store, id, RCT_ACTION_SUBMIT, NULL, &error);
  g_assert_no_error (error);
  if (g_str_equal (status, "awaiting-verification"))
    return;
  rct_clock_set_today (closed_on);
  rct_store_problem_act (store, id, RCT_ACTION_VERIFY, &verify, &error);
  rct_clock_set_today ("2021-05-20");
  g_assert_no_error (error);
}

static void
feedback (const char *received,
          const char *due,
          const char *reply_date,
          const char *satisfaction)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  rct_store_create_va (store, RCT_KIND_FEEDBACK, &id, &error, "supervisor", "群众代表甲",
                       "received_date", received, "reply_due", due, "unit", A, "kind", "complaint",
                       "content", "反映问题", NULL);
  g_assert_no_error (error);
  if (reply_date != NULL)
    {
      rct_store_feedback_reply (store, id, "已整改并答复", reply_date, satisfaction, &error);
      g_assert_no_error (error);
    }
}

static void
build_fixture (void)
{
  g_autoptr(GError) error = NULL;

  rct_clock_set_today ("2021-05-20");
  store = rct_test_open_new (&dir);
  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", A, "position", "0", NULL);
  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", B, "position", "1", NULL);
  rct_store_create_va (store, RCT_KIND_WORKING_GROUP, NULL, &error, "name", "学习教育组", NULL);
  rct_store_create_va (store, RCT_KIND_SUPERVISOR, NULL, &error, "name", "群众代表甲", "category", "citizen", NULL);
  g_assert_no_error (error);

  walk_to (problem (A, "2021-04-01", "2021-04-30"), "closed", "2021-04-25");
  walk_to (problem (A, "2021-04-10", "2021-05-10"), "closed", "2021-05-15");
  walk_to (problem (A, "2021-05-01", "2021-05-15"), "rectifying", NULL);
  walk_to (problem (B, "2021-05-05", "2021-05-22"), "registered", NULL);
  walk_to (problem (B, "2021-05-06", "2021-06-30"), "awaiting-verification", NULL);
  walk_to (problem (B, "2021-05-10", "2021-05-20"), "rectifying", NULL);

  feedback ("2021-04-01", "2021-04-16", "2021-04-10", "satisfied");
  feedback ("2021-04-02", "2021-04-17", "2021-04-12", "basically-satisfied");
  feedback ("2021-04-03", "2021-04-18", "2021-04-15", "unsatisfied");
  feedback ("2021-04-04", "2021-04-19", "2021-04-16", NULL);
  feedback ("2021-04-25", "2021-05-10", NULL, NULL);
  feedback ("2021-05-17", "2021-06-01", NULL, NULL);
  feedback ("2021-04-20", "2021-05-05", "2021-05-12", "satisfied");

  rct_store_create_va (store, RCT_KIND_TASK, NULL, &error, "group", "学习教育组", "title", "甲",
                       "status", "done", "unit", A, NULL);
  rct_store_create_va (store, RCT_KIND_TASK, NULL, &error, "group", "学习教育组", "title", "乙",
                       "status", "in-progress", "unit", A, NULL);
  rct_store_create_va (store, RCT_KIND_TASK, NULL, &error, "group", "学习教育组", "title", "丙", NULL);
  g_assert_no_error (error);
}

static RctFigures *
compute (const RctScope *scope)
{
  g_autoptr(GError) error = NULL;
  RctFigures *figures = rct_figures_compute (store, scope, &error);

  g_assert_no_error (error);
  return figures;
}

static void
test_closing_rate (void)
{
  g_autoptr(RctFigures) figures = compute (NULL);

  /* closed 2 / all 6 */
  g_assert_cmpint (figures->closed, ==, 2);
  g_assert_cmpint (figures->problems_total, ==, 6);
  g_assert_cmpfloat_with_epsilon (rct_figures_closing_rate (figures), 2.0 / 6.0, 1e-9);
  g_assert_cmpint (figures->registered, ==, 1);
  g_assert_cmpint (figures->rectifying, ==, 2);
  g_assert_cmpint (figures->awaiting_verification, ==, 1);
}

static void
test_on_time_rate (void)
{
  g_autoptr(RctFigures) figures = compute (NULL);

  /* closed on or before the deadline 1 / closed 2 */
  g_assert_cmpint (figures->closed_on_time, ==, 1);
  g_assert_cmpfloat_with_epsilon (rct_figures_on_time_rate (figures), 1.0 / 2.0, 1e-9);
}

static void
test_overdue_and_due_soon (void)
{
  g_autoptr(RctFigures) figures = compute (NULL);

  /* overdue: #3 only; due soon: #4 (in 2 days) and #6 (today) */
  g_assert_cmpint (figures->overdue, ==, 1);
  g_assert_cmpint (figures->due_soon, ==, 2);
}

static void
test_average_days (void)
{
  g_autoptr(RctFigures) figures = compute (NULL);

  /* (24 + 35) days / 2 closed */
  g_assert_cmpint (figures->days_to_close_sum, ==, 59);
  g_assert_cmpfloat_with_epsilon (rct_figures_avg_days_to_close (figures), 59.0 / 2.0, 1e-9);
}

static void
test_task_completion (void)
{
  g_autoptr(RctFigures) figures = compute (NULL);
  RctGroupFigures *group;

  /* done 1 / tasks 3 */
  g_assert_cmpint (figures->tasks_done, ==, 1);
  g_assert_cmpint (figures->tasks_total, ==, 3);
  g_assert_cmpfloat_with_epsilon (rct_figures_task_completion (figures), 1.0 / 3.0, 1e-9);
  group = g_ptr_array_index (figures->groups, 0);
  g_assert_cmpstr (group->name, ==, "学习教育组");
  g_assert_cmpint (group->tasks, ==, 3);
  g_assert_cmpint (group->done, ==, 1);
}

static void
test_reply_and_satisfaction (void)
{
  g_autoptr(RctFigures) figures = compute (NULL);

  /* replied 5 (f1 f2 f3 f4 f7) / received 7 */
  g_assert_cmpint (figures->feedback_total, ==, 7);
  g_assert_cmpint (figures->feedback_replied, ==, 5);
  g_assert_cmpfloat_with_epsilon (rct_figures_reply_rate (figures), 5.0 / 7.0, 1e-9);
  /* satisfied or basically satisfied 3 (f1 f2 f7) / replied with a rating 4 (f1 f2 f3 f7) */
  g_assert_cmpint (figures->feedback_rated, ==, 4);
  g_assert_cmpint (figures->feedback_satisfied, ==, 3);
  g_assert_cmpfloat_with_epsilon (rct_figures_satisfaction_rate (figures), 3.0 / 4.0, 1e-9);
  /* overdue: f5 only; f7 was replied late, which is replied, not overdue */
  g_assert_cmpint (figures->feedback_overdue, ==, 1);
}

static void
test_per_unit (void)
{
  g_autoptr(RctFigures) figures = compute (NULL);
  RctUnitFigures *a = g_ptr_array_index (figures->units, 0);
  RctUnitFigures *b = g_ptr_array_index (figures->units, 1);

  g_assert_cmpstr (a->name, ==, A);
  g_assert_cmpint (a->total, ==, 3);
  g_assert_cmpint (a->closed, ==, 2);
  g_assert_cmpint (a->overdue, ==, 1);
  g_assert_cmpstr (b->name, ==, B);
  g_assert_cmpint (b->total, ==, 3);
  g_assert_cmpint (b->closed, ==, 0);
  g_assert_cmpint (b->overdue, ==, 0);
}

static void
test_scope (void)
{
  char *units[] = { (char *) B, NULL };
  RctScope by_unit = { NULL, NULL, units };
  RctScope by_period = { (char *) "2021-05-01", (char *) "2021-05-31", NULL };
  g_autoptr(RctFigures) unit_figures = compute (&by_unit);
  g_autoptr(RctFigures) period_figures = compute (&by_period);

  /* unit B: closed 0 / 3; no closed problem, so no on-time rate */
  g_assert_cmpint (unit_figures->problems_total, ==, 3);
  g_assert_cmpfloat_with_epsilon (rct_figures_closing_rate (unit_figures), 0.0, 1e-9);
  g_assert_true (isnan (rct_figures_on_time_rate (unit_figures)));
  g_assert_cmpuint (unit_figures->units->len, ==, 1);
  /* feedback concerns unit A only; tasks of B: none */
  g_assert_cmpint (unit_figures->feedback_total, ==, 0);
  g_assert_cmpint (unit_figures->tasks_total, ==, 0);

  /* found in May: #3 to #6 */
  g_assert_cmpint (period_figures->problems_total, ==, 4);
  g_assert_cmpint (period_figures->closed, ==, 0);
  g_assert_cmpint (period_figures->overdue, ==, 1);
  /* received in May: f6 */
  g_assert_cmpint (period_figures->feedback_total, ==, 1);
}

static void
test_empty_ledger (void)
{
  g_autofree char *empty_dir = NULL;
  g_autoptr(RctStore) empty = rct_test_open_new (&empty_dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctFigures) figures = rct_figures_compute (empty, NULL, &error);
  g_autofree char *shown = NULL;

  g_assert_no_error (error);
  g_assert_true (isnan (rct_figures_closing_rate (figures)));
  g_assert_true (isnan (rct_figures_on_time_rate (figures)));
  g_assert_true (isnan (rct_figures_avg_days_to_close (figures)));
  g_assert_true (isnan (rct_figures_reply_rate (figures)));
  g_assert_true (isnan (rct_figures_satisfaction_rate (figures)));
  shown = rct_figures_format_rate (rct_figures_closing_rate (figures));
  g_assert_cmpstr (shown, ==, "—");
  g_clear_object (&empty);
  rct_test_remove_dir (empty_dir);
}

/* The one rounding rule (docs/FIGURES.md): one decimal, half away from
 * zero, decided from the counts. Each pair below is a tie or near one that
 * a rounded fraction or a binary double gets wrong somewhere. */
static void
test_format_rule (void)
{
  struct { gint64 n, d; const char *shown; } rates[] = {
    { 6, 11, "54.5%" },   /* the demo's on-time rate; 0.5455 rounded again gave 54.6% */
    { 1, 16, "6.3%" },    /* 6.25 */
    { 5, 16, "31.3%" },   /* 31.25 */
    { 1, 40, "2.5%" },
    { 1, 80, "1.3%" },    /* 1.25 */
    { 1, 8, "12.5%" },
    { 1, 3, "33.3%" },
    { 2, 3, "66.7%" },
    { 0, 7, "0.0%" },
    { 7, 7, "100.0%" },
    { 1, 2000, "0.1%" },  /* 0.05 */
    { 1, 2001, "0.0%" },
    { 0, 0, "—" },
  };
  struct { gint64 sum, count; const char *shown; } means[] = {
    { 206, 11, "18.7" },
    { 1, 4, "0.3" },      /* 0.25 */
    { -1, 4, "-0.3" },    /* away from zero */
    { 5, 2, "2.5" },
    { 61, 4, "15.3" },    /* 15.25 */
    { 0, 3, "0.0" },
    { 3, 0, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *exact = rct_figures_format_ratio (rates[i].n, rates[i].d);
      g_autofree char *fraction = rct_figures_format_rate (rct_figures_rate (rates[i].n, rates[i].d));
      g_assert_cmpstr (exact, ==, rates[i].shown);
      g_assert_cmpstr (fraction, ==, rates[i].shown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (means); i++)
    {
      g_autofree char *shown = rct_figures_format_mean (means[i].sum, means[i].count);
      g_assert_cmpstr (shown, ==, means[i].shown);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  build_fixture ();
  g_test_add_func ("/figures/closing-rate", test_closing_rate);
  g_test_add_func ("/figures/on-time-rate", test_on_time_rate);
  g_test_add_func ("/figures/overdue-and-due-soon", test_overdue_and_due_soon);
  g_test_add_func ("/figures/average-days-to-close", test_average_days);
  g_test_add_func ("/figures/task-completion", test_task_completion);
  g_test_add_func ("/figures/reply-and-satisfaction", test_reply_and_satisfaction);
  g_test_add_func ("/figures/per-unit", test_per_unit);
  g_test_add_func ("/figures/scope", test_scope);
  g_test_add_func ("/figures/empty-ledger", test_empty_ledger);
  g_test_add_func ("/figures/format/one-rule", test_format_rule);
  status = g_test_run ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  g_free (dir);
  return status;
}
