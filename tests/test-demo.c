/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-figures.h"
#include "rct-test-util.h"
#include "rct-vocabulary.h"

/* The demo ledger is the campaign the office ran: its units, six groups,
 * fifteen supervisors, the tasks it reported, and about forty problems in
 * every status and from every source, some overdue and some due soon. */

static RctStore *store;
static char *dir;

static void
test_shape (void)
{
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_UNIT), ==, 12);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_WORKING_GROUP), ==, 6);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_SUPERVISOR), ==, 15);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), >=, 35);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), <=, 45);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PHASE), ==, 3);
}

static void
test_named_units (void)
{
  const char *names[] = { "综合服务大厅", "回河派出所", "交警大队", "特警大队", "曲堤派出所" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpint (rct_store_find_id (store, RCT_KIND_UNIT, names[i], NULL), >, 0);
}

static void
test_every_status_and_source (void)
{
  const RctVocabularyEntry *entries;
  guint n;

  entries = rct_vocabulary_entries (RCT_VOCAB_PROBLEM_STATUS, &n);
  for (guint i = 0; i < n; i++)
    {
      RctFilter filter = { 0 };
      filter.status = entries[i].key;
      g_assert_cmpint (rct_store_count (store, RCT_KIND_PROBLEM, &filter, NULL), >, 0);
    }
  entries = rct_vocabulary_entries (RCT_VOCAB_PROBLEM_SOURCE, &n);
  for (guint i = 0; i < n; i++)
    {
      RctFilter filter = { 0 };
      filter.source = entries[i].key;
      g_assert_cmpint (rct_store_count (store, RCT_KIND_PROBLEM, &filter, NULL), >, 0);
    }
}

static void
test_supervisor_categories (void)
{
  const char *categories[] = { "deputy", "cadre", "village", "citizen" };

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      RctFilter filter = { 0 };
      filter.kind = categories[i];
      g_assert_cmpint (rct_store_count (store, RCT_KIND_SUPERVISOR, &filter, NULL), >, 0);
    }
}

static void
test_deadlines_at_demo_date (void)
{
  g_autoptr(RctFigures) figures = rct_figures_compute (store, NULL, NULL);

  g_assert_cmpint (figures->overdue, >, 0);
  g_assert_cmpint (figures->due_soon, >, 0);
  g_assert_cmpint (figures->feedback_overdue, >, 0);
}

static void
test_reading_task (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  RctFilter filter = { 0 };
  RctTask *task;

  filter.search = "百警百日读党史";
  tasks = rct_store_list (store, RCT_KIND_TASK, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 1);
  task = g_ptr_array_index (tasks, 0);
  g_assert_cmpint (task->target_count, ==, 100);
  g_assert_cmpint (task->done_count, ==, 26);
  g_assert_cmpstr (task->group_name, ==, "学习教育组");
}

static void
test_sound (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_only_into_empty (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rct_demo_fill (store, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  rct_clock_set_today (RCT_DEMO_DATE);
  store = rct_test_open_demo (&dir);
  g_test_add_func ("/demo/shape", test_shape);
  g_test_add_func ("/demo/named-units", test_named_units);
  g_test_add_func ("/demo/every-status-and-source", test_every_status_and_source);
  g_test_add_func ("/demo/supervisor-categories", test_supervisor_categories);
  g_test_add_func ("/demo/overdue-and-due-soon-at-demo-date", test_deadlines_at_demo_date);
  g_test_add_func ("/demo/reading-task", test_reading_task);
  g_test_add_func ("/demo/passes-check", test_sound);
  g_test_add_func ("/demo/only-into-an-empty-ledger", test_only_into_empty);
  status = g_test_run ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  g_free (dir);
  return status;
}
