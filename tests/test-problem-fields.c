/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-test-util.h"

/* A problem's severity, cause analysis and listing for supervision
 * (挂牌督办): each made, edited and journaled; the listing lifted when the
 * problem closes; the figures equal to a count of the lists. */

typedef struct
{
  char     *dir;
  RctStore *store;
  gint64    problem_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rct_clock_set_today ("2021-05-20");
  f->store = rct_test_open_new (&f->dir);
  rct_store_set_operator (f->store, "办公室 王芳");
  rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", "head", "张建国", NULL);
  rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "交警大队", "head", "赵大队长", NULL);
  g_assert_no_error (error);
  f->problem_id = rct_test_add_problem (f->store, "回河派出所", "2021-05-01", "2021-06-01", "接处警记录不完整");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rct_test_remove_dir (f->dir);
  g_free (f->dir);
  rct_clock_set_today (NULL);
}

static RctProblem *
get_problem (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RctProblem *problem = rct_store_get (f->store, RCT_KIND_PROBLEM, f->problem_id, &error);

  g_assert_no_error (error);
  return problem;
}

/* The last journal entry of @field: its old and new value. */
static void
assert_journal (Fixture    *f,
                const char *field,
                const char *old_value,
                const char *new_value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rct_store_list_journal (f->store, RCT_KIND_PROBLEM, f->problem_id, &error);

  g_assert_no_error (error);
  for (guint i = entries->len; i > 0; i--)
    {
      RctJournalEntry *entry = g_ptr_array_index (entries, i - 1);
      if (g_str_equal (entry->field, field))
        {
          g_assert_cmpstr (entry->old_value, ==, old_value);
          g_assert_cmpstr (entry->new_value, ==, new_value);
          g_assert_cmpstr (entry->who, ==, rct_store_get_operator (f->store));
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_severity_and_cause (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = get_problem (f);
  gint64 grave_id = 0;

  /* Ordinary unless said otherwise. */
  g_assert_cmpstr (problem->severity, ==, "normal");
  g_assert_null (problem->cause);
  g_clear_object (&problem);

  rct_store_update_va (f->store, RCT_KIND_PROBLEM, f->problem_id, "督导组复核", &error,
                       "severity", "serious", "cause", "值班制度落实不严，未建立复核机制", NULL);
  g_assert_no_error (error);
  problem = get_problem (f);
  g_assert_cmpstr (problem->severity, ==, "serious");
  g_assert_cmpstr (problem->cause, ==, "值班制度落实不严，未建立复核机制");
  assert_journal (f, "severity", "normal", "serious");
  assert_journal (f, "cause", NULL, "值班制度落实不严，未建立复核机制");

  /* A severity is a key of the list, and never empty. */
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PROBLEM, f->problem_id, NULL, &error,
                                       "severity", "very bad", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "normal, serious, grave"));
  g_clear_error (&error);
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PROBLEM, f->problem_id, NULL, &error,
                                       "severity", "", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&problem);
  problem = get_problem (f);
  g_assert_cmpstr (problem->severity, ==, "serious");

  /* Made with a severity. */
  rct_store_create_va (f->store, RCT_KIND_PROBLEM, &grave_id, &error, "description", "酒驾查处不力",
                       "source", "public-report", "unit", "交警大队", "severity", "grave",
                       "found_date", "2021-05-02", "deadline", "2021-05-30", NULL);
  g_assert_no_error (error);
  g_clear_object (&problem);
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, grave_id, &error);
  g_assert_cmpstr (problem->severity, ==, "grave");
}

static void
test_listing_made_and_lifted_by_hand (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;

  /* Level and who are needed; the date cannot precede the finding. */
  g_assert_false (rct_store_problem_list_for_supervision (f->store, f->problem_id, " ", "纪东明", NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rct_store_problem_list_for_supervision (f->store, f->problem_id, "市局", NULL, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rct_store_problem_list_for_supervision (f->store, f->problem_id, "市局", "纪东明", "2021-04-01", &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2021-04-01"));
  g_clear_error (&error);
  problem = get_problem (f);
  g_assert_null (problem->listed_date);
  g_clear_object (&problem);

  g_assert_true (rct_store_problem_list_for_supervision (f->store, f->problem_id, " 市局 ", "纪东明", NULL, &error));
  g_assert_no_error (error);
  problem = get_problem (f);
  g_assert_cmpstr (problem->listed_level, ==, "市局");
  g_assert_cmpstr (problem->listed_by, ==, "纪东明");
  g_assert_cmpstr (problem->listed_date, ==, "2021-05-20");
  g_assert_null (problem->listed_lifted);
  assert_journal (f, "listed_level", NULL, "市局");
  assert_journal (f, "listed_date", NULL, "2021-05-20");
  g_clear_object (&problem);

  /* Listed once at a time. */
  g_assert_false (rct_store_problem_list_for_supervision (f->store, f->problem_id, "省厅", "某某", NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Lifted by hand only with a reason. */
  g_assert_false (rct_store_problem_lift_listing (f->store, f->problem_id, "", &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  rct_clock_set_today ("2021-05-25");
  g_assert_true (rct_store_problem_lift_listing (f->store, f->problem_id, "市局同意撤牌", &error));
  g_assert_no_error (error);
  problem = get_problem (f);
  g_assert_cmpstr (problem->listed_lifted, ==, "2021-05-25");
  g_assert_cmpstr (problem->listed_lift_reason, ==, "市局同意撤牌");
  g_assert_cmpstr (problem->listed_level, ==, "市局");
  assert_journal (f, "listed_lifted", NULL, "2021-05-25");
  g_clear_object (&problem);
  g_assert_false (rct_store_problem_lift_listing (f->store, f->problem_id, "again", &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Listed again: the new listing stands, the journal keeps the old one. */
  g_assert_true (rct_store_problem_list_for_supervision (f->store, f->problem_id, "省厅", "督察总队", "2021-05-26", &error));
  g_assert_no_error (error);
  problem = get_problem (f);
  g_assert_cmpstr (problem->listed_level, ==, "省厅");
  g_assert_null (problem->listed_lifted);
  g_assert_null (problem->listed_lift_reason);
  assert_journal (f, "listed_lifted", "2021-05-25", NULL);
  assert_journal (f, "listed_level", "市局", "省厅");
}

static void
close_problem (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RctWorkflowInput input = { 0 };
  gint64 measure_id = 0;

  {
    g_autofree char *parent = g_strdup_printf ("%" G_GINT64_FORMAT, f->problem_id);
    rct_store_create_va (f->store, RCT_KIND_MEASURE, &measure_id, &error, "problem_id", parent,
                         "text", "建立复核机制", NULL);
  }
  g_assert_no_error (error);
  g_assert_true (rct_store_problem_act (f->store, f->problem_id, RCT_ACTION_START, NULL, &error));
  g_assert_true (rct_store_measure_done (f->store, measure_id, NULL, &error));
  g_assert_true (rct_store_problem_act (f->store, f->problem_id, RCT_ACTION_SUBMIT, NULL, &error));
  input.verifier = "督导组 李明";
  input.verification = "实地核查";
  g_assert_true (rct_store_problem_act (f->store, f->problem_id, RCT_ACTION_VERIFY, &input, &error));
  g_assert_no_error (error);
}

static void
test_listing_lifted_at_close (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;

  g_assert_true (rct_store_problem_list_for_supervision (f->store, f->problem_id, "县局", "纪东明", "2021-05-02", &error));
  g_assert_no_error (error);
  rct_clock_set_today ("2021-05-28");
  close_problem (f);

  problem = get_problem (f);
  g_assert_cmpstr (problem->status, ==, "closed");
  g_assert_cmpstr (problem->listed_lifted, ==, "2021-05-28");
  g_assert_null (problem->listed_lift_reason);
  g_assert_cmpstr (problem->listed_date, ==, "2021-05-02");
  assert_journal (f, "listed_lifted", NULL, "2021-05-28");

  /* A closed problem is not listed. */
  g_assert_false (rct_store_problem_list_for_supervision (f->store, f->problem_id, "县局", "纪东明", NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
}

/* The responsible leader's list (一岗双责): the unit head's problems,
 * except those with another leader named, and those named for him. */
static void
test_leader_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RctFilter filter = { 0 };
  gint64 other = rct_test_add_problem (f->store, "回河派出所", "2021-05-03", "2021-06-03", "值班不到位");
  gint64 traffic = rct_test_add_problem (f->store, "交警大队", "2021-05-03", "2021-06-03", "事故处理超期");

  rct_store_update_va (f->store, RCT_KIND_PROBLEM, other, NULL, &error, "leader", "教导员 王五", NULL);
  rct_store_update_va (f->store, RCT_KIND_PROBLEM, traffic, NULL, &error, "leader", "张建国", NULL);
  g_assert_no_error (error);

  filter.leader = "张建国";
  {
    g_autoptr(GArray) ids = rct_store_list_ids (f->store, RCT_KIND_PROBLEM, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 2);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, f->problem_id);
    g_assert_cmpint (g_array_index (ids, gint64, 1), ==, traffic);
  }
  filter.leader = "教导员 王五";
  g_assert_cmpint (rct_store_count (f->store, RCT_KIND_PROBLEM, &filter, &error), ==, 1);
}

/* The overview's figures equal a count of the lists they stand for, from
 * the running totals and from a scan alike. */
static void
test_figures_equal_lists (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctFigures) totals = NULL;
  g_autoptr(RctFigures) scan = NULL;
  RctFilter listed = { .listed = TRUE };
  RctFilter serious = { .severity = "serious" };
  RctFilter grave = { .severity = "grave" };
  RctFilter normal = { .severity = "normal" };
  gint64 ids[6];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      ids[i] = rct_test_add_problem (f->store, i % 2 ? "回河派出所" : "交警大队", "2021-05-03", "2021-06-03", "问题");
      rct_store_update_va (f->store, RCT_KIND_PROBLEM, ids[i], NULL, &error,
                           "severity", i < 2 ? "grave" : i < 5 ? "serious" : "normal", NULL);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 4; i++)
    g_assert_true (rct_store_problem_list_for_supervision (f->store, ids[i], "市局", "纪东明", NULL, &error));
  g_assert_true (rct_store_problem_lift_listing (f->store, ids[3], "已整改到位", &error));
  g_assert_true (rct_store_problem_list_for_supervision (f->store, f->problem_id, "县局", "纪东明", NULL, &error));
  close_problem (f);  /* listed, then closed: lifted */
  g_assert_no_error (error);

  totals = rct_figures_compute (f->store, NULL, &error);
  g_assert_no_error (error);
  scan = rct_figures_compute_scan (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (totals->listed_open, ==, 3);
  g_assert_cmpint (totals->listed_open, ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &listed, NULL));
  g_assert_cmpint (totals->severity_grave, ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &grave, NULL));
  g_assert_cmpint (totals->severity_serious, ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &serious, NULL));
  g_assert_cmpint (totals->severity_normal, ==, rct_store_count (f->store, RCT_KIND_PROBLEM, &normal, NULL));
  g_assert_cmpint (totals->severity_normal, ==, 2);
  g_assert_cmpint (scan->listed_open, ==, totals->listed_open);
  g_assert_cmpint (scan->severity_grave, ==, totals->severity_grave);
  g_assert_cmpint (scan->severity_serious, ==, totals->severity_serious);
  g_assert_cmpint (scan->severity_normal, ==, totals->severity_normal);

  /* Each unit's row names its head (一岗双责), from both. */
  for (guint i = 0; i < totals->units->len; i++)
    {
      RctUnitFigures *a = g_ptr_array_index (totals->units, i);
      RctUnitFigures *b = g_ptr_array_index (scan->units, i);
      g_assert_cmpstr (a->head, ==, g_str_equal (a->name, "回河派出所") ? "张建国" : "赵大队长");
      g_assert_cmpstr (a->head, ==, b->head);
    }
}

/* The demo: the leading group as the seed names it, a head for every
 * unit, severities, causes, and listings consistent with the statuses. */
static void
test_demo (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  RctFilter listed = { .listed = TRUE };
  guint n_listed = 0, n_lifted = 0, n_causes = 0;

  store = rct_test_open_demo (&dir);
  campaigns = rct_store_list (store, RCT_KIND_CAMPAIGN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (RCT_CAMPAIGN (g_ptr_array_index (campaigns, 0))->leader, ==, "纪东明");
  units = rct_store_list (store, RCT_KIND_UNIT, NULL, &error);
  for (guint i = 0; i < units->len; i++)
    g_assert_nonnull (RCT_UNIT (g_ptr_array_index (units, i))->head);
  problems = rct_store_list (store, RCT_KIND_PROBLEM, NULL, &error);
  for (guint i = 0; i < problems->len; i++)
    {
      RctProblem *problem = g_ptr_array_index (problems, i);

      n_causes += problem->cause != NULL;
      if (problem->listed_date == NULL)
        continue;
      n_listed++;
      if (problem->listed_lifted != NULL)
        {
          n_lifted++;
          g_assert_cmpstr (problem->status, ==, "closed");
          g_assert_cmpstr (problem->listed_lifted, ==, problem->closed_date);
        }
      else
        g_assert_cmpstr (problem->status, !=, "closed");
    }
  g_assert_cmpuint (n_listed, ==, 4);
  g_assert_cmpuint (n_lifted, ==, 1);
  g_assert_cmpuint (n_causes, >=, 4);
  g_assert_cmpint (rct_store_count (store, RCT_KIND_PROBLEM, &listed, NULL), ==, 3);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/problem-fields/severity-and-cause", test_severity_and_cause);
  ADD ("/problem-fields/listing/made-and-lifted-by-hand", test_listing_made_and_lifted_by_hand);
  ADD ("/problem-fields/listing/lifted-at-close", test_listing_lifted_at_close);
  ADD ("/problem-fields/leader-list", test_leader_list);
  ADD ("/problem-fields/figures-equal-lists", test_figures_equal_lists);
#undef ADD
  g_test_add_func ("/problem-fields/demo", test_demo);
  return g_test_run ();
}
