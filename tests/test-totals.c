/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rct-backups.h"
#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-demo.h"
#include "rct-figures.h"
#include "rct-report.h"
#include "rct-schema.h"
#include "rct-store-private.h"
#include "rct-synthetic.h"
#include "rct-test-util.h"
#include "rct-trust.h"

/* The figures of the whole ledger are read from running totals kept by
 * triggers (schema step 5). Every figure from the totals must equal the
 * same figure counted from the records (rct_figures_compute_scan), on the
 * demo, after random edits through the store and behind its back, after
 * CSV and report imports, after a restore, and after migrating a ledger
 * made before the totals existed. */

static const char *days[] = { "2019-01-01", RCT_DEMO_DATE, "2021-04-30", "2021-06-15", "2030-01-01" };

static void
assert_figures_equal (const RctFigures *a,
                      const RctFigures *b)
{
  g_assert_cmpstr (a->today, ==, b->today);
  g_assert_cmpint (a->problems_total, ==, b->problems_total);
  g_assert_cmpint (a->registered, ==, b->registered);
  g_assert_cmpint (a->rectifying, ==, b->rectifying);
  g_assert_cmpint (a->awaiting_verification, ==, b->awaiting_verification);
  g_assert_cmpint (a->closed, ==, b->closed);
  g_assert_cmpint (a->closed_on_time, ==, b->closed_on_time);
  g_assert_cmpint (a->overdue, ==, b->overdue);
  g_assert_cmpint (a->due_soon, ==, b->due_soon);
  g_assert_cmpint (a->days_to_close_sum, ==, b->days_to_close_sum);
  g_assert_cmpint (a->tasks_total, ==, b->tasks_total);
  g_assert_cmpint (a->tasks_done, ==, b->tasks_done);
  g_assert_cmpint (a->feedback_total, ==, b->feedback_total);
  g_assert_cmpint (a->feedback_replied, ==, b->feedback_replied);
  g_assert_cmpint (a->feedback_overdue, ==, b->feedback_overdue);
  g_assert_cmpint (a->feedback_rated, ==, b->feedback_rated);
  g_assert_cmpint (a->feedback_satisfied, ==, b->feedback_satisfied);

  g_assert_cmpuint (a->units->len, ==, b->units->len);
  for (guint i = 0; i < a->units->len; i++)
    {
      RctUnitFigures *x = g_ptr_array_index (a->units, i);
      RctUnitFigures *y = g_ptr_array_index (b->units, i);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->total, ==, y->total);
      g_assert_cmpint (x->closed, ==, y->closed);
      g_assert_cmpint (x->overdue, ==, y->overdue);
    }
  g_assert_cmpuint (a->groups->len, ==, b->groups->len);
  for (guint i = 0; i < a->groups->len; i++)
    {
      RctGroupFigures *x = g_ptr_array_index (a->groups, i);
      RctGroupFigures *y = g_ptr_array_index (b->groups, i);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->tasks, ==, y->tasks);
      g_assert_cmpint (x->done, ==, y->done);
    }
  g_assert_cmpuint (a->sources->len, ==, b->sources->len);
  for (guint i = 0; i < a->sources->len; i++)
    {
      RctSourceFigures *x = g_ptr_array_index (a->sources, i);
      RctSourceFigures *y = g_ptr_array_index (b->sources, i);
      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpint (x->total, ==, y->total);
      g_assert_cmpint (x->closed, ==, y->closed);
    }
}

/* Every figure, as of several days (before, during and after the demo's
 * deadlines), from the totals and from a scan. */
static void
assert_totals_agree (RctStore *store)
{
  g_autofree char *saved = rct_clock_dup_override ();

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RctFigures) totals = NULL;
      g_autoptr(RctFigures) scan = NULL;

      rct_clock_set_today (days[i]);
      totals = rct_figures_compute (store, NULL, &error);
      g_assert_no_error (error);
      scan = rct_figures_compute_scan (store, NULL, &error);
      g_assert_no_error (error);
      assert_figures_equal (totals, scan);

      /* Some units over the whole campaign (stats --unit) come from the
       * totals too: one unit, then two. */
      for (guint n = 1; n <= 2 && n <= scan->units->len; n++)
        {
          const char *names[3] = { NULL, NULL, NULL };
          RctScope scope = { .units = (GStrv) names };
          g_autoptr(RctFigures) some = NULL;
          g_autoptr(RctFigures) some_scan = NULL;

          for (guint u = 0; u < n; u++)
            names[u] = ((RctUnitFigures *) g_ptr_array_index (scan->units, scan->units->len - 1 - u))->name;
          some = rct_figures_compute (store, &scope, &error);
          g_assert_no_error (error);
          some_scan = rct_figures_compute_scan (store, &scope, &error);
          g_assert_no_error (error);
          assert_figures_equal (some, some_scan);
          g_assert_cmpuint (some->units->len, ==, n);
        }

      /* The supervisors page reads the feedback counts alone. */
      {
        g_autoptr(RctFigures) feedback = g_new0 (RctFigures, 1);

        feedback->today = g_strdup (days[i]);
        g_assert_true (rct_figures_read_feedback (store, feedback, &error));
        g_assert_cmpint (feedback->feedback_total, ==, scan->feedback_total);
        g_assert_cmpint (feedback->feedback_replied, ==, scan->feedback_replied);
        g_assert_cmpint (feedback->feedback_overdue, ==, scan->feedback_overdue);
        g_assert_cmpint (feedback->feedback_rated, ==, scan->feedback_rated);
        g_assert_cmpint (feedback->feedback_satisfied, ==, scan->feedback_satisfied);
        g_assert_cmpint (feedback->problems_total, ==, 0);
      }
    }
  rct_clock_set_today (saved);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  /* Another program writing the ledger: on the server, a connection of
   * its own. */
  if (rct_store_location_is_server (path))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RctStore) other = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);

      g_assert_no_error (error);
      g_assert_true (_rct_store_exec (other, sql, &error));
      g_assert_no_error (error);
      rct_store_close (other);
      return;
    }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_demo (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(RctFigures) figures = NULL;

  rct_clock_set_today (RCT_DEMO_DATE);
  figures = rct_figures_compute (store, NULL, NULL);
  g_assert_cmpint (figures->problems_total, >, 0);
  g_assert_cmpint (figures->closed, >, 0);
  g_assert_cmpint (figures->overdue, >, 0);
  g_assert_cmpint (figures->feedback_total, >, 0);
  g_assert_cmpint (figures->tasks_total, >, 0);
  assert_totals_agree (store);
  rct_test_remove_dir (dir);
}

/* 1000 problems more in one running total, changed by another connection
 * behind the triggers' back: figures read from the totals show them. */
static void
add_behind_triggers (RctStore *store)
{
  exec_sql (rct_store_get_path (store),
            "UPDATE total_problem SET n = n + 1000 WHERE (unit_id, source, status) ="
            " (SELECT unit_id, source, status FROM total_problem LIMIT 1)");
}

/* The whole ledger's figures are read from the totals, not counted: a
 * total changed behind the triggers' back shows. A figure limited to a
 * period still counts the records. */
static void
test_read_from_totals (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(RctFigures) before = NULL;
  g_autoptr(RctFigures) after = NULL;
  g_autoptr(RctFigures) scoped = NULL;
  RctScope scope = { .from = (char *) "2000-01-01" };

  before = rct_figures_compute (store, NULL, NULL);
  add_behind_triggers (store);
  after = rct_figures_compute (store, NULL, NULL);
  g_assert_cmpint (after->problems_total, ==, before->problems_total + 1000);
  scoped = rct_figures_compute (store, &scope, NULL);
  g_assert_cmpint (scoped->problems_total, ==, before->problems_total);

  /* Some units over the whole campaign: from the totals as well. */
  {
    g_autoptr(RctFigures) unit_figures = NULL;
    g_autoptr(RctFigures) unit_scan = NULL;
    g_autofree char *name = NULL;
    const char *names[2] = { NULL, NULL };
    RctScope units = { .units = (GStrv) names };
    RctStmt *stmt = _rct_store_prepare (store, "SELECT name FROM unit WHERE id = (SELECT unit_id FROM total_problem LIMIT 1)",
                                        NULL);

    g_assert_nonnull (stmt);
    g_assert_cmpint (_rct_store_step (store, stmt, NULL), ==, RCT_ROW);
    name = g_strdup (rct_stmt_column_text (stmt, 0));
    rct_stmt_reset (stmt);
    names[0] = name;
    unit_figures = rct_figures_compute (store, &units, NULL);
    unit_scan = rct_figures_compute_scan (store, &units, NULL);
    g_assert_cmpint (unit_figures->problems_total, ==, unit_scan->problems_total + 1000);
  }
  rct_test_remove_dir (dir);
}

/* Inside rct_store_read_begin() the figures are those of one moment: a
 * change another connection commits meanwhile is not in them, and is in
 * the figures read after rct_store_read_end(). The figures' own reads
 * nest inside. A read inside a write sees the write, and ends nothing:
 * the write can still be rolled back. */
static void
test_one_snapshot (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(RctFigures) first = NULL;
  g_autoptr(RctFigures) second = NULL;
  g_autoptr(RctFigures) after = NULL;
  g_autoptr(RctFigures) scan = NULL;
  g_autoptr(RctFigures) in_write = NULL;
  g_autoptr(RctFigures) rolled_back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_store_read_begin (store, &error));
  g_assert_no_error (error);
  first = rct_figures_compute (store, NULL, &error);
  g_assert_no_error (error);
  add_behind_triggers (store);
  second = rct_figures_compute (store, NULL, &error);
  g_assert_no_error (error);
  assert_figures_equal (second, first);
  /* The records did not change: a scan in the same read agrees. */
  scan = rct_figures_compute_scan (store, NULL, &error);
  g_assert_no_error (error);
  assert_figures_equal (scan, first);
  rct_store_read_end (store);

  after = rct_figures_compute (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->problems_total, ==, first->problems_total + 1000);

  g_assert_true (rct_store_begin (store, &error));
  g_assert_no_error (error);
  rct_test_add_problem (store, "回河派出所", "2021-05-01", "2021-05-10", NULL);
  g_assert_true (rct_store_read_begin (store, &error));
  in_write = rct_figures_compute (store, NULL, &error);
  g_assert_no_error (error);
  rct_store_read_end (store);
  g_assert_cmpint (in_write->problems_total, ==, after->problems_total + 1);
  rct_store_rollback (store);
  rolled_back = rct_figures_compute (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rolled_back->problems_total, ==, after->problems_total);
  rct_test_remove_dir (dir);
}

static const char *statuses[] = { "registered", "rectifying", "awaiting-verification", "closed" };
static const char *sources[] = { "self-inspection", "office-inspection", "public-report", "supervisor-feedback",
                                 "superior-inspection", "case-review" };
static const char *satisfactions[] = { "satisfied", "basically-satisfied", "unsatisfied" };

static char *
random_date (GRand *rand)
{
  return g_strdup_printf ("2021-%02d-%02d", g_rand_int_range (rand, 3, 8), g_rand_int_range (rand, 1, 29));
}

static gint64
random_id (RctStore   *store,
           GRand      *rand,
           RctKind     kind)
{
  g_autoptr(GPtrArray) records = rct_store_list (store, kind, NULL, NULL);

  if (records->len == 0)
    return 0;
  return rct_record_get_id (g_ptr_array_index (records, g_rand_int_range (rand, 0, records->len)));
}

/* One random change through the store's own API; refusals (the workflow's
 * gates) are fine, they must simply leave the totals right. */
static void
edit_through_store (RctStore *store,
                    GRand    *rand)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = random_date (rand);
  g_autofree char *later = rct_date_add_days (date, g_rand_int_range (rand, 0, 60));
  RctWorkflowInput input = { "复查", "督察大队长", "现场核查", later };
  gint64 problem = random_id (store, rand, RCT_KIND_PROBLEM);
  gint64 measure;
  g_autofree char *problem_text = g_strdup_printf ("%" G_GINT64_FORMAT, problem);

  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0:
      rct_test_add_problem (store, "回河派出所", date, later, NULL);
      break;
    case 1:
      rct_store_problem_act (store, problem, RCT_ACTION_START, NULL, &error);
      break;
    case 2:
      if (rct_store_create_va (store, RCT_KIND_MEASURE, &measure, &error, "problem_id", problem_text, "text", "整改",
                               NULL))
        rct_store_measure_done (store, measure, NULL, &error);
      g_clear_error (&error);
      rct_store_problem_act (store, problem, RCT_ACTION_SUBMIT, NULL, &error);
      break;
    case 3:
      rct_clock_set_today (later);
      rct_store_problem_act (store, problem, RCT_ACTION_VERIFY, &input, &error);
      break;
    case 4:
      rct_store_problem_act (store, problem, g_rand_boolean (rand) ? RCT_ACTION_REOPEN : RCT_ACTION_REJECT,
                             &input, &error);
      break;
    case 5:
      rct_store_problem_act (store, problem, RCT_ACTION_EXTEND, &input, &error);
      break;
    case 6:
      rct_store_update_va (store, RCT_KIND_PROBLEM, problem, "复核", &error,
                           "source", sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources))], NULL);
      break;
    case 7:
      rct_store_delete (store, RCT_KIND_PROBLEM, problem, "重复登记", &error);
      break;
    case 8:
      rct_store_feedback_reply (store, random_id (store, rand, RCT_KIND_FEEDBACK), "已答复", date,
                                g_rand_boolean (rand) ? satisfactions[g_rand_int_range (rand, 0, 3)] : NULL, &error);
      break;
    case 9:
      rct_store_update_va (store, RCT_KIND_TASK, random_id (store, rand, RCT_KIND_TASK), "进展", &error,
                           "status", g_rand_boolean (rand) ? "done" : "in-progress", NULL);
      break;
    }
}

/* One random change behind the store's back, as another program (or an
 * older Rectify's import) would make it: the triggers still keep the
 * totals. */
static void
edit_behind_store (const char *path,
                   GRand      *rand)
{
  g_autofree char *date = random_date (rand);
  g_autofree char *later = rct_date_add_days (date, g_rand_int_range (rand, 0, 60));
  g_autofree char *sql = NULL;
  const char *status = statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))];

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      sql = g_strdup_printf ("UPDATE problem SET status = '%s', closed_date = %s%s%s, found_date = '%s',"
                             " deadline = '%s' WHERE id = (SELECT id FROM problem ORDER BY random () LIMIT 1)",
                             status, g_str_equal (status, "closed") ? "'" : "",
                             g_str_equal (status, "closed") ? later : "NULL",
                             g_str_equal (status, "closed") ? "'" : "", date, later);
      break;
    case 1:
      sql = g_strdup ("UPDATE problem SET unit_id = (SELECT id FROM unit ORDER BY random () LIMIT 1)"
                      " WHERE id = (SELECT id FROM problem ORDER BY random () LIMIT 1)");
      break;
    case 2:
      sql = g_strdup ("DELETE FROM problem WHERE id = (SELECT id FROM problem ORDER BY random () LIMIT 1)");
      break;
    case 3:
      sql = g_strdup_printf ("UPDATE feedback SET reply_date = NULL, satisfaction = NULL, reply_due = '%s'"
                             " WHERE id = (SELECT id FROM feedback ORDER BY random () LIMIT 1)", later);
      break;
    case 4:
      sql = g_strdup ("UPDATE task SET group_id = (SELECT id FROM working_group ORDER BY random () LIMIT 1),"
                      " status = 'done' WHERE id = (SELECT id FROM task ORDER BY random () LIMIT 1)");
      break;
    case 5:
      sql = g_strdup ("DELETE FROM feedback WHERE id = (SELECT id FROM feedback ORDER BY random () LIMIT 1)");
      break;
    }
  exec_sql (path, sql);
}

static void
test_random_edits (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20210520);

  for (guint i = 0; i < 300; i++)
    {
      rct_clock_set_today (RCT_DEMO_DATE);
      if (i % 4 == 3)
        edit_behind_store (rct_store_get_path (store), rand);
      else
        edit_through_store (store, rand);
      if (i % 25 == 0)
        assert_totals_agree (store);
    }
  assert_totals_agree (store);
  rct_clock_set_today (NULL);
  rct_test_remove_dir (dir);
}

static void
test_csv_import (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(RctFigures) before = rct_figures_compute (store, NULL, NULL);
  g_autoptr(RctFigures) after = NULL;
  GHashTableIter iter;
  gpointer key;

  /* The demo's own problems, exported and read back in as new ones. */
  rct_csv_export (store, RCT_KIND_PROBLEM, NULL, out, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  csv = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  table = rct_csv_parse (csv, &error);
  g_assert_no_error (error);
  mapping = rct_csv_guess_mapping (table);
  /* Without their numbers, so they come in as new problems. */
  g_hash_table_iter_init (&iter, mapping);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_strcmp0 (key, "number") == 0)
      g_hash_table_iter_remove (&iter);
  import = rct_csv_import_problems (store, table, mapping, TRUE, "台账.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->imported, >, 0);
  after = rct_figures_compute (store, NULL, NULL);
  g_assert_cmpint (after->problems_total, ==, before->problems_total + import->imported);
  assert_totals_agree (store);
  rct_test_remove_dir (dir);
}

static void
test_report_import (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(RctStore) demo = rct_test_open_demo (&dir);
  g_autoptr(RctStore) other = rct_test_open_new (&other_dir);
  g_autofree char *report = g_build_filename (dir, "报告 2021.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autoptr(RctSignature) signature = NULL;
  RctReportSummary summary = { 0 };

  g_assert_true (rct_report_export (demo, NULL, "整改报告", report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The office accepts the other ledger's certificate once (issue 21). */
  signature = rct_signature_read (report, NULL);
  g_assert_cmpint (signature->status, ==, RCT_SIGNATURE_VERIFIED);
  g_assert_true (rct_trust_add (other, signature->organisation_uuid, signature->organisation_name,
                                signature->certificate, &error));
  g_assert_no_error (error);
  g_assert_true (rct_report_import (other, report, &summary, NULL, &error));
  g_assert_no_error (error);
  rct_report_summary_clear (&summary);
  figures = rct_figures_compute (other, NULL, NULL);
  g_assert_cmpint (figures->problems_total, ==, rct_test_count_rows (demo, RCT_KIND_PROBLEM));
  assert_totals_agree (other);
  /* The same report again changes nothing, and the totals with it. */
  g_assert_true (rct_report_import (other, report, &summary, NULL, &error));
  g_assert_no_error (error);
  rct_report_summary_clear (&summary);
  assert_totals_agree (other);
  rct_test_remove_dir (dir);
  rct_test_remove_dir (other_dir);
}

/* A generated ledger (rectify-cli init --synthetic, the benchmarks') is
 * one the workflow could have made: its report imports whole, every closed
 * problem with its measure done, and the totals agree after. */
static void
test_synthetic_report_imports (gconstpointer data)
{
  gboolean bulk = GPOINTER_TO_INT (data);
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(RctStore) source = rct_test_open_new (&dir);
  g_autoptr(RctStore) other = rct_test_open_new (&other_dir);
  g_autofree char *report = g_build_filename (dir, "生成 报告.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctSignature) signature = NULL;
  g_autoptr(RctFigures) figures = NULL;
  RctReportSummary summary = { 0 };

  g_assert_true (rct_synthetic_fill (source, 400, 3, &error));
  g_assert_no_error (error);
  g_assert_true (rct_report_export (source, NULL, "生成的台账", report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  signature = rct_signature_read (report, NULL);
  g_assert_true (rct_trust_add (other, signature->organisation_uuid, signature->organisation_name,
                                signature->certificate, &error));
  g_assert_no_error (error);
  /* In bulk, the totals' triggers set aside and the totals counted once
   * at the end (_rct_store_bulk_expect()); else record by record. */
  other->bulk_min_rows = bulk ? 1 : G_MAXINT64;
  g_assert_true (rct_report_import (other, report, &summary, NULL, &error));
  g_assert_no_error (error);
  rct_report_summary_clear (&summary);
  figures = rct_figures_compute (other, NULL, NULL);
  g_assert_cmpint (figures->problems_total, ==, 400);
  g_assert_cmpint (figures->closed, >, 0);
  g_assert_cmpint (rct_test_count_rows (other, RCT_KIND_MEASURE), ==, rct_test_count_rows (source, RCT_KIND_MEASURE));
  g_assert_cmpint (rct_test_count_rows (other, RCT_KIND_MEASURE), >=, figures->closed);
  assert_totals_agree (other);
  rct_test_remove_dir (dir);
  rct_test_remove_dir (other_dir);
}

static void
test_restore (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autofree char *backups = g_build_filename (dir, "备份 目录", NULL);
  g_autofree char *taken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctFigures) before = rct_figures_compute (store, NULL, NULL);
  g_autoptr(RctFigures) restored = NULL;

  g_assert_true (rct_backups_take_if_due (store, backups, 14, &taken, &error));
  g_assert_no_error (error);
  /* Changes after the backup, undone by the restore. */
  for (guint i = 0; i < 5; i++)
    rct_test_add_problem (store, "回河派出所", "2021-05-01", "2021-05-10", NULL);
  g_clear_object (&store);

  /* A server's ledger has no file for the backup to take the place of:
   * the restore says so and changes nothing. */
  if (rct_store_location_is_server (ledger))
    {
      g_assert_false (rct_backups_restore (ledger, taken, backups, &error));
      g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "copy-ledger"));
      g_clear_error (&error);
      store = rct_store_open (ledger, RCT_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      restored = rct_figures_compute (store, NULL, NULL);
      g_assert_cmpint (restored->problems_total, ==, before->problems_total + 5);
      assert_totals_agree (store);
      rct_test_remove_dir (dir);
      return;
    }
  g_assert_true (rct_backups_restore (ledger, taken, backups, &error));
  g_assert_no_error (error);
  store = rct_store_open (ledger, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  restored = rct_figures_compute (store, NULL, NULL);
  assert_figures_equal (restored, before);
  assert_totals_agree (store);
  rct_test_remove_dir (dir);
}

/* A ledger made at version 4 (no totals) with records of every kind and
 * state: the migration fills the totals from them. */
static void
test_migration (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = rct_test_ledger_path (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3 *db = NULL;
  /* SQLite's file: its migrations, and its own scans of the file
   * (NOT INDEXED) as the reference; the server's figures are compared with
   * full counts by /totals/random-edits. */
  if (g_strcmp0 (g_getenv ("RECTIFY_TEST_BACKEND"), "postgresql") == 0)
    {
      g_test_skip ("a SQLite file's own check");
      return;
    }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (int v = 1; v < RCT_SCHEMA_TOTALS_VERSION; v++)
    g_assert_cmpint (sqlite3_exec (db, rct_schema_migration (v), NULL, NULL, NULL), ==, SQLITE_OK);
  g_string_append_printf (sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
                          RCT_SCHEMA_TOTALS_VERSION - 1, RCT_SCHEMA_APPLICATION_ID);
#define STAMP "'2021-04-01T00:00:00Z', '2021-04-01T00:00:00Z'"
  g_string_append (sql,
    "INSERT INTO unit (uuid, name, created_at, updated_at) VALUES ('u1', '回河派出所', " STAMP "),"
    " ('u2', '交警大队', " STAMP "), ('u3', '空单位', " STAMP ");"
    "INSERT INTO working_group (uuid, name, created_at, updated_at) VALUES ('g1', '学习组', " STAMP "),"
    " ('g2', '空组', " STAMP ");"
    "INSERT INTO supervisor (uuid, name, category, created_at, updated_at) VALUES ('s1', '群众代表甲', 'citizen', "
    STAMP ");");
  for (int i = 0; i < 40; i++)
    {
      const char *status = statuses[i % 4];
      gboolean closed = g_str_equal (status, "closed");
      g_string_append_printf (sql,
        "INSERT INTO problem (uuid, number, description, source, unit_id, found_date, deadline, status,"
        " closed_date, created_at, updated_at) VALUES ('p%d', '2021-%03d', '问题', '%s', %d, '2021-04-%02d',"
        " '2021-05-%02d', '%s', %s, " STAMP ");",
        i, i, sources[i % 6], 1 + i % 2, 1 + i % 20, 1 + i % 28, status,
        closed ? (i % 3 ? "'2021-05-10'" : "'2021-06-10'") : "NULL");
      g_string_append_printf (sql,
        "INSERT INTO task (uuid, group_id, title, status, deadline, created_at, updated_at)"
        " VALUES ('t%d', 1, '任务', '%s', '2021-05-%02d', " STAMP ");",
        i, i % 3 ? "done" : "in-progress", 1 + i % 28);
      g_string_append_printf (sql,
        "INSERT INTO feedback (uuid, supervisor_id, received_date, content, kind, reply_due, reply_date,"
        " satisfaction, created_at, updated_at) VALUES ('f%d', 1, '2021-04-%02d', '反映', 'complaint',"
        " %s, %s, %s, " STAMP ");",
        i, 1 + i % 28, i % 5 ? "'2021-05-15'" : "NULL", i % 2 ? "'2021-05-01'" : "NULL",
        i % 7 == 0 ? "NULL" : (i % 3 ? "'satisfied'" : "'unsatisfied'"));
    }
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_store_get_schema_version (store), ==, RCT_STORE_SCHEMA_VERSION);
  rct_clock_set_today (RCT_DEMO_DATE);
  figures = rct_figures_compute (store, NULL, NULL);
  g_assert_cmpint (figures->problems_total, ==, 40);
  g_assert_cmpint (figures->tasks_total, ==, 40);
  g_assert_cmpint (figures->feedback_total, ==, 40);
  assert_totals_agree (store);
  rct_clock_set_today (NULL);
  rct_test_remove_dir (dir);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

/* A period's or some units' figures are counted in a thread, the same as
 * on the caller's own connection; cancelled, they are no figures at all,
 * and the ledger is as it was (the job only reads). */
static void
test_scoped_async (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (store));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  char *units[] = { (char *) "回河派出所", NULL };
  RctScope scope = { .from = (char *) "2021-04-01", .to = (char *) "2021-05-31", .units = units };
  g_autoptr(RctFigures) expected = NULL;

  rct_clock_set_today (RCT_DEMO_DATE);
  expected = rct_figures_compute_scan (store, &scope, &error);
  g_assert_no_error (error);
  rct_store_close (store);
  before = rct_test_file_checksum (path);

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(RctFigures) figures = NULL;

    rct_figures_compute_async (path, &scope, NULL, done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    figures = rct_figures_compute_finish (result, &error);
    g_assert_no_error (error);
    assert_figures_equal (figures, expected);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    g_cancellable_cancel (cancellable);
    rct_figures_compute_async (path, &scope, cancellable, done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (rct_figures_compute_finish (result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  after = rct_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  rct_clock_set_today (NULL);
  rct_test_remove_dir (dir);
}

/* One integer from @sql on a connection of the test's own, the table read
 * row by row (NOT INDEXED): the reference for a period's figures. */
static gint64
count_by_scan (sqlite3    *db,
               const char *sql,
               const char *from,
               const char *to,
               const char *today,
               gint64      unit_id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, today, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, unit_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A period's figures (the overview with a year or a month selected) are
 * counted from the covering index problem_scope, in one pass for every
 * unit: each figure equals the same count made by reading every row of
 * the table, per year and per month, after random edits; and the period
 * is read from the index alone, never from the table's rows. */
static void
test_period_figures (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241231);
  const char *periods[][2] = {
    { "2020-01-01", "2020-12-31" }, { "2021-01-01", "2021-12-31" }, { "2021-03-01", "2021-03-31" },
    { "2021-04-01", "2021-04-30" }, { "2021-05-01", "2021-05-31" }, { "2021-06-01", "2021-07-31" },
  };
  sqlite3 *db = NULL;
  sqlite3_stmt *plan = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  /* SQLite's file: its migrations, and its own scans of the file
   * (NOT INDEXED) as the reference; the server's figures are compared with
   * full counts by /totals/random-edits. */
  if (g_strcmp0 (g_getenv ("RECTIFY_TEST_BACKEND"), "postgresql") == 0)
    {
      g_test_skip ("a SQLite file's own check");
      return;
    }

  for (guint i = 0; i < 60; i++)
    {
      rct_clock_set_today (RCT_DEMO_DATE);
      edit_through_store (store, rand);
    }
  g_assert_cmpint (sqlite3_open_v2 (rct_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    for (guint d = 0; d < G_N_ELEMENTS (days); d++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RctFigures) figures = NULL;
        RctScope scope = { .from = (char *) periods[p][0], .to = (char *) periods[p][1] };
        const char *from = periods[p][0], *to = periods[p][1], *today = days[d];
        sqlite3_stmt *units = NULL;
        guint u = 0;

        rct_clock_set_today (today);
        figures = rct_figures_compute (store, &scope, &error);
        g_assert_no_error (error);
        g_assert_cmpint (figures->problems_total, ==,
                         count_by_scan (db, "SELECT count(*) FROM problem NOT INDEXED"
                                        " WHERE found_date BETWEEN ?1 AND ?2 AND ?3 AND ?4 IS NOT NULL",
                                        from, to, today, 0));
        g_assert_cmpint (figures->closed, ==,
                         count_by_scan (db, "SELECT count(*) FROM problem NOT INDEXED"
                                        " WHERE found_date BETWEEN ?1 AND ?2 AND status = 'closed' AND ?3 AND ?4 IS NOT NULL",
                                        from, to, today, 0));
        g_assert_cmpint (figures->overdue, ==,
                         count_by_scan (db, "SELECT count(*) FROM problem NOT INDEXED"
                                        " WHERE found_date BETWEEN ?1 AND ?2 AND status <> 'closed' AND deadline < ?3"
                                        " AND ?4 IS NOT NULL", from, to, today, 0));
        for (guint s = 0; s < figures->sources->len; s++)
          {
            RctSourceFigures *source = g_ptr_array_index (figures->sources, s);
            g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM problem NOT INDEXED"
                                                    " WHERE found_date BETWEEN ?1 AND ?2 AND source = '%s'"
                                                    " AND ?3 AND ?4 IS NOT NULL", source->key);
            g_assert_cmpint (source->total, ==, count_by_scan (db, sql, from, to, today, 0));
          }
        g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, name FROM unit ORDER BY position, id", -1, &units, NULL),
                         ==, SQLITE_OK);
        while (sqlite3_step (units) == SQLITE_ROW)
          {
            gint64 unit_id = sqlite3_column_int64 (units, 0);
            RctUnitFigures *unit;

            g_assert_cmpuint (u, <, figures->units->len);
            unit = g_ptr_array_index (figures->units, u++);
            g_assert_cmpstr (unit->name, ==, (const char *) sqlite3_column_text (units, 1));
            g_assert_cmpint (unit->total, ==,
                             count_by_scan (db, "SELECT count(*) FROM problem NOT INDEXED"
                                            " WHERE found_date BETWEEN ?1 AND ?2 AND unit_id = ?4 AND ?3 IS NOT NULL",
                                            from, to, today, unit_id));
            g_assert_cmpint (unit->closed, ==,
                             count_by_scan (db, "SELECT count(*) FROM problem NOT INDEXED"
                                            " WHERE found_date BETWEEN ?1 AND ?2 AND unit_id = ?4 AND status = 'closed'"
                                            " AND ?3 IS NOT NULL", from, to, today, unit_id));
            g_assert_cmpint (unit->overdue, ==,
                             count_by_scan (db, "SELECT count(*) FROM problem NOT INDEXED"
                                            " WHERE found_date BETWEEN ?1 AND ?2 AND unit_id = ?4 AND status <> 'closed'"
                                            " AND deadline < ?3", from, to, today, unit_id));
          }
        sqlite3_finalize (units);
        g_assert_cmpuint (u, ==, figures->units->len);
      }

  /* The period is one range of the covering index. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN SELECT t.unit_id, t.source, t.status, t.deadline,"
                                       " t.closed_date FROM problem t WHERE t.found_date >= ? AND t.found_date <= ?",
                                       -1, &plan, NULL), ==, SQLITE_OK);
  while (sqlite3_step (plan) == SQLITE_ROW)
    g_string_append (details, (const char *) sqlite3_column_text (plan, 3));
  sqlite3_finalize (plan);
  g_assert_nonnull (strstr (details->str, "COVERING INDEX problem_scope"));
  sqlite3_close (db);
  rct_clock_set_today (NULL);
  rct_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/totals/demo", test_demo);
  g_test_add_func ("/totals/read-from-totals", test_read_from_totals);
  g_test_add_func ("/totals/one-snapshot", test_one_snapshot);
  g_test_add_func ("/totals/random-edits", test_random_edits);
  g_test_add_func ("/totals/csv-import", test_csv_import);
  g_test_add_func ("/totals/report-import", test_report_import);
  g_test_add_data_func ("/totals/synthetic-report-imports", GINT_TO_POINTER (FALSE), test_synthetic_report_imports);
  g_test_add_data_func ("/totals/synthetic-report-imports-in-bulk", GINT_TO_POINTER (TRUE),
                        test_synthetic_report_imports);
  g_test_add_func ("/totals/restore", test_restore);
  g_test_add_func ("/totals/migration", test_migration);
  g_test_add_func ("/totals/scoped-figures-in-a-thread", test_scoped_async);
  g_test_add_func ("/totals/period-from-covering-index", test_period_figures);
  return g_test_run ();
}
