/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "rct-report.h"
#include "rct-store-private.h"
#include "rct-synthetic.h"
#include "rct-test-util.h"

/* A report bringing more problems than the ledger holds is merged with the
 * problem table's lookup indexes and running totals set aside and made
 * again at its end (_rct_store_bulk_expect()). The ledger it leaves is the
 * one the record-by-record path leaves: the same rows, totals, search
 * results and schema; and a bulk cancelled or failing leaves the ledger as
 * it was. SQLite only: the server writes a report row by row. */

#define N_PROBLEMS 300

static char *
dump (const char *ledger,
      const char *sql)
{
  GString *text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (ledger, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);
          g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", value != NULL ? value : "∅");
        }
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

/* The statistics PRAGMA optimize gathers at a close are not the schema. */
static const char *schema_sql = "SELECT type, name, tbl_name, sql FROM sqlite_master"
                                " WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name";

/* The full-text indexes' settings: the bulk's end raises one and puts it
 * back (sqlite_bulk_end()). */
#define FTS_CONFIG_SQL "SELECT 'problem', * FROM problem_fts_config UNION ALL SELECT 'task', * FROM task_fts_config" \
  " UNION ALL SELECT 'feedback', * FROM feedback_fts_config ORDER BY 1, 2"

/* What a merge writes, without the times it writes them at. */
static const char *ledger_sql[] = {
  "SELECT * FROM unit ORDER BY id",
  "SELECT * FROM person ORDER BY id",
  "SELECT * FROM working_group ORDER BY id",
  "SELECT * FROM working_group_member ORDER BY group_id, person_id",
  "SELECT * FROM problem ORDER BY id",
  "SELECT * FROM measure ORDER BY id",
  "SELECT record_table, record_uuid, field, old_value, new_value, who, reason FROM journal ORDER BY id",
  "SELECT * FROM total_problem ORDER BY unit_id, source, status",
  "SELECT * FROM total_open ORDER BY unit_id, deadline",
  "SELECT * FROM total_task ORDER BY group_id",
  "SELECT * FROM total_feedback",
  "SELECT * FROM total_feedback_due ORDER BY reply_due",
  FTS_CONFIG_SQL,
};

static char *
dump_ledger (const char *ledger)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ledger_sql); i++)
    {
      g_autofree char *part = dump (ledger, ledger_sql[i]);
      g_string_append_printf (text, "-- %s\n%s", ledger_sql[i], part);
    }
  return g_string_free (text, FALSE);
}

/* A generated ledger of @n_problems' report, and the folder both are in. */
static char *
make_report_of (guint   n_problems,
                char  **out_dir,
                char  **out_source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) source = rct_test_open_new (out_dir);
  char *report = g_build_filename (*out_dir, "生成 报告.xml", NULL);

  if (out_source != NULL)
    *out_source = g_strdup (rct_store_get_path (source));

  g_assert_true (rct_synthetic_fill (source, n_problems, 7, &error));
  g_assert_no_error (error);
  g_assert_true (rct_report_export (source, NULL, "生成的台账", report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  rct_store_close (source);
  return report;
}

static char *
make_report (char **out_dir,
             char **out_source)
{
  return make_report_of (N_PROBLEMS, out_dir, out_source);
}

/* An empty ledger that trusts @report's maker, and its path. */
static RctStore *
open_trusting (const char  *report,
               char       **out_dir,
               char       **out_path)
{
  RctStore *store = rct_test_open_new (out_dir);

  *out_path = g_strdup (rct_store_get_path (store));
  rct_store_close (store);
  g_object_unref (store);
  rct_test_trust_report (*out_path, report);
  store = rct_store_open (*out_path, 0, NULL);
  g_assert_nonnull (store);
  return store;
}

/* The bulk's end sorts in temporary files (sqlite_bulk_end()); after it,
 * done, failed or cancelled, the connection is back to temp_store =
 * MEMORY (2), which its statement journals use. */
static void
assert_sorts_in_memory (RctStore *store)
{
  g_autoptr(GError) error = NULL;
  int temp_store = -1;

  g_assert_true (_rct_store_query_int (store, "PRAGMA temp_store", &temp_store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (temp_store, ==, 2);
}

static gint64
index_root (const char *ledger)
{
  return rct_test_query_int (ledger, "SELECT rootpage FROM sqlite_master WHERE name = 'problem_deadline'");
}

static void
test_same_as_rows (void)
{
  g_autofree char *dir = NULL, *rows_dir = NULL, *bulk_dir = NULL, *fresh_dir = NULL;
  g_autofree char *rows_path = NULL, *bulk_path = NULL;
  g_autofree char *report = NULL;
  g_autoptr(RctStore) rows = NULL;
  g_autoptr(RctStore) bulk = NULL;
  g_autoptr(RctStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh_schema = NULL, *rows_schema = NULL, *bulk_schema = NULL;
  g_autofree char *rows_dump = NULL, *bulk_dump = NULL;
  const char *words[] = { "整改措施", "派出所", "检查发现" };
  RctReportSummary summary = { 0 };
  gint64 fresh_root;

  if (rct_test_on_server ())
    {
      g_test_skip ("the bulk's indexes set aside are SQLite's");
      return;
    }
  report = make_report (&dir, NULL);
  fresh = rct_test_open_new (&fresh_dir);
  fresh_schema = dump (rct_store_get_path (fresh), schema_sql);
  fresh_root = index_root (rct_store_get_path (fresh));

  rows = open_trusting (report, &rows_dir, &rows_path);
  rows->bulk_min_rows = G_MAXINT64;
  g_assert_true (rct_report_import (rows, report, &summary, NULL, &error));
  g_assert_no_error (error);
  rct_report_summary_clear (&summary);
  rct_store_close (rows);

  bulk = open_trusting (report, &bulk_dir, &bulk_path);
  bulk->bulk_min_rows = 1;
  g_assert_true (rct_report_import (bulk, report, &summary, NULL, &error));
  g_assert_no_error (error);
  rct_report_summary_clear (&summary);
  assert_sorts_in_memory (bulk);
  rct_store_close (bulk);

  /* The bulk path ran: its index was made again, on pages of its own. */
  g_assert_cmpint (index_root (rows_path), ==, fresh_root);
  g_assert_cmpint (index_root (bulk_path), !=, fresh_root);
  g_assert_cmpint (rct_test_query_int (bulk_path, "SELECT count(*) FROM problem"), ==, N_PROBLEMS);

  /* The same schema, byte for byte, as a ledger never imported into. */
  rows_schema = dump (rows_path, schema_sql);
  bulk_schema = dump (bulk_path, schema_sql);
  g_assert_cmpstr (rows_schema, ==, fresh_schema);
  g_assert_cmpstr (bulk_schema, ==, fresh_schema);

  /* The full-text indexes' settings of a ledger never imported into. */
  {
    g_autofree char *fresh_config = dump (rct_store_get_path (fresh), FTS_CONFIG_SQL);
    g_autofree char *bulk_config = dump (bulk_path, FTS_CONFIG_SQL);

    g_assert_cmpstr (bulk_config, ==, fresh_config);
  }

  /* The same rows and running totals. */
  rows_dump = dump_ledger (rows_path);
  bulk_dump = dump_ledger (bulk_path);
  g_assert_cmpstr (bulk_dump, ==, rows_dump);

  /* The same search results, and a sound file and full-text index. */
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM problem_fts WHERE problem_fts MATCH '%s'"
                                              " ORDER BY rowid", words[i]);
      g_autofree char *found_rows = dump (rows_path, sql);
      g_autofree char *found_bulk = dump (bulk_path, sql);

      g_assert_cmpstr (found_bulk, ==, found_rows);
    }
  g_assert_cmpint (rct_test_query_int (bulk_path, "SELECT count(*) FROM problem_fts WHERE problem_fts MATCH '派出所'"),
                   >, 0);
  {
    g_autofree char *check = dump (bulk_path, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok\n");
  }

  rct_test_remove_dir (dir);
  rct_test_remove_dir (rows_dir);
  rct_test_remove_dir (bulk_dir);
  rct_test_remove_dir (fresh_dir);
}

static GCancellable *cancel_cancellable;
static const char *cancel_step;
static guint cancel_seen;

static void
cancel_hook (RctStore   *store,
             const char *step)
{
  g_test_message ("bulk step %s", step);
  if (g_strcmp0 (step, cancel_step) == 0)
    {
      cancel_seen++;
      g_cancellable_cancel (cancel_cancellable);
    }
}

/* Cancelled as the indexes are set aside (the reader stops at its next
 * node) or as they are about to be made again (SQLite interrupted): the
 * ledger is as it was, rows, totals and schema. */
static void
test_cancelled (void)
{
  const char *steps[] = { "set-aside", "end" };
  g_autofree char *dir = NULL;
  g_autofree char *report = NULL;

  if (rct_test_on_server ())
    {
      g_test_skip ("the bulk's indexes set aside are SQLite's");
      return;
    }
  report = make_report (&dir, NULL);
  _rct_store_bulk_hook = cancel_hook;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *ledger_dir = NULL, *path = NULL;
      g_autoptr(RctStore) store = open_trusting (report, &ledger_dir, &path);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *schema_before = dump (path, schema_sql);
      g_autofree char *rows_before = dump_ledger (path);
      g_autofree char *schema_after = NULL;
      g_autofree char *rows_after = NULL;
      RctReportSummary summary = { 0 };

      store->bulk_min_rows = 1;
      _rct_store_interrupt_on (store, cancellable);
      cancel_cancellable = cancellable;
      cancel_step = steps[i];
      cancel_seen = 0;
      g_assert_false (rct_report_import (store, report, &summary, cancellable, &error));
      g_assert_nonnull (error);
      g_assert_cmpuint (cancel_seen, ==, 1);
      rct_report_summary_clear (&summary);
      assert_sorts_in_memory (store);
      rct_store_close (store);

      schema_after = dump (path, schema_sql);
      rows_after = dump_ledger (path);
      g_assert_cmpstr (schema_after, ==, schema_before);
      g_assert_cmpstr (rows_after, ==, rows_before);
      g_assert_cmpint (rct_test_query_int (path, "SELECT count(*) FROM problem"), ==, 0);
      rct_test_remove_dir (ledger_dir);
    }
  _rct_store_bulk_hook = NULL;
  cancel_cancellable = NULL;
  rct_test_remove_dir (dir);
}

/* A report that fails at its very end, every record merged with the
 * indexes set aside (it declares one problem more than it holds): nothing
 * saved changes. */
static void
test_failing (void)
{
  g_autofree char *dir = NULL, *ledger_dir = NULL, *path = NULL;
  g_autofree char *report = NULL, *source = NULL;
  g_autofree char *text = NULL;
  g_autofree char *declared = g_strdup_printf (" problems=\"%d\"", N_PROBLEMS);
  g_autofree char *more = g_strdup_printf (" problems=\"%d\"", N_PROBLEMS + 1);
  g_autofree char *schema_before = NULL, *rows_before = NULL;
  g_autofree char *schema_after = NULL, *rows_after = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) edited = NULL;
  RctReportSummary summary = { 0 };

  if (rct_test_on_server ())
    {
      g_test_skip ("the bulk's indexes set aside are SQLite's");
      return;
    }
  report = make_report (&dir, &source);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, declared, more, 1), ==, 1);
  g_assert_true (g_file_set_contents (report, edited->str, -1, NULL));
  rct_test_sign_again (source, report);

  store = open_trusting (report, &ledger_dir, &path);
  schema_before = dump (path, schema_sql);
  rows_before = dump_ledger (path);
  store->bulk_min_rows = 1;
  g_assert_false (rct_report_import (store, report, &summary, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  rct_report_summary_clear (&summary);
  rct_store_close (store);

  schema_after = dump (path, schema_sql);
  rows_after = dump_ledger (path);
  g_assert_cmpstr (schema_after, ==, schema_before);
  g_assert_cmpstr (rows_after, ==, rows_before);
  rct_test_remove_dir (dir);
  rct_test_remove_dir (ledger_dir);
}

/* A report holding a problem twice, the second copy later (outside input
 * may): merged into a ledger that held no problem, the second finds the
 * first among what the bulk added (_rct_store_import_find(), no lookup)
 * and is merged into it, as a lookup would have found it. */
static void
test_twice_into_empty (void)
{
  g_autofree char *dir = NULL, *source = NULL, *ledger_dir = NULL, *ledger = NULL;
  g_autofree char *report = NULL, *text = NULL, *edited = NULL, *copy = NULL;
  g_autofree char *count = NULL, *later = NULL, *uuid = NULL, *description = NULL;
  g_autoptr(GRegex) problem = g_regex_new ("<problem [^>]*>(?:(?!<measure|</problem>).)*</problem>", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GRegex) updated = g_regex_new ("updatedAt=\"[^\"]*\"", 0, 0, NULL);
  g_autoptr(GRegex) described = g_regex_new ("<description>[^<]*</description>", 0, 0, NULL);
  g_autoptr(GRegex) uuid_of = g_regex_new (" uuid=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) minute_on = g_date_time_add_minutes (now, 1);
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = g_date_time_format (minute_on, "updatedAt=\"%Y-%m-%dT%H:%M:%SZ\"");
  RctReportSummary summary = { 0 };
  gint start, end;

  if (rct_test_on_server ())
    {
      g_test_skip ("a file's bulk answers from what it added; the server looks up");
      return;
    }
  report = make_report (&dir, &source);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  g_assert_true (g_regex_match (problem, text, 0, &match));
  g_assert_true (g_match_info_fetch_pos (match, 0, &start, &end));
  {
    g_autofree char *first = g_strndup (text + start, end - start);
    g_autofree char *stamped = g_regex_replace_literal (updated, first, -1, 0, stamp, 0, NULL);
    g_autoptr(GMatchInfo) found = NULL;

    copy = g_regex_replace_literal (described, stamped, -1, 0, "<description>同一问题的第二份</description>", 0, NULL);
    g_assert_true (g_regex_match (uuid_of, first, 0, &found));
    uuid = g_match_info_fetch (found, 1);
  }
  count = g_strdup_printf ("problems=\"%d\"", N_PROBLEMS);
  g_assert_nonnull (strstr (text, count));
  {
    g_autofree char *head = g_strndup (text, end);
    g_autofree char *joined = g_strconcat (head, "\n    ", copy, text + end, NULL);
    g_auto(GStrv) parts = g_strsplit (joined, count, 2);
    g_autofree char *more = g_strdup_printf ("problems=\"%d\"", N_PROBLEMS + 1);

    edited = g_strjoinv (more, parts);
  }
  g_assert_true (g_file_set_contents (report, edited, -1, NULL));
  rct_test_sign_again (source, report);

  store = open_trusting (report, &ledger_dir, &ledger);
  g_assert_true (rct_report_import (store, report, &summary, NULL, &error));
  g_assert_no_error (error);
  rct_report_summary_clear (&summary);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, N_PROBLEMS);
  rct_store_close (store);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM problem WHERE uuid = '%s'"
                                            " AND description = '同一问题的第二份'", uuid);
    g_assert_cmpint (rct_test_query_int (ledger, sql), ==, 1);
  }
  rct_test_remove_dir (ledger_dir);
  rct_test_remove_dir (dir);
}

/* The bulk's end sorts in temporary files; where the temporary folder
 * has no room (a tmpfs of one page, mounted for the test: root only), the
 * sorts go on in memory and the import is whole. SQLite writes a sort's
 * run to a file once it passes its cache (10 pages here) and the smallest
 * run (SQLITE_CONFIG_PMASZ, one page: main()). */
static void
test_temporary_folder_full (void)
{
  g_autofree char *dir = NULL, *ledger_dir = NULL, *path = NULL, *report = NULL;
  g_autofree char *tiny = NULL, *pragma = NULL, *check = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RctReportSummary summary = { 0 };
  const char *mount[] = { "mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", NULL, NULL };
  const char *umount[] = { "umount", NULL, NULL };
  int status = -1;

  if (rct_test_on_server ())
    {
      g_test_skip ("the bulk's sorts are SQLite's");
      return;
    }
#ifdef G_OS_UNIX
  if (geteuid () != 0)
#endif
    {
      g_test_skip ("mounting a full temporary folder needs root");
      return;
    }
  report = make_report_of (1000, &dir, NULL);
  tiny = g_build_filename (dir, "满 临时", NULL);
  g_assert_cmpint (g_mkdir (tiny, 0700), ==, 0);
  mount[6] = tiny;
  if (!g_spawn_sync (NULL, (char **) mount, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("no tmpfs could be mounted");
      rct_test_remove_dir (dir);
      return;
    }
  umount[1] = tiny;

  store = open_trusting (report, &ledger_dir, &path);
  store->bulk_min_rows = 1;
  pragma = g_strdup_printf ("PRAGMA temp_store_directory = '%s'", tiny);
  g_assert_true (_rct_store_exec (store, pragma, NULL));
  g_assert_true (_rct_store_exec (store, "PRAGMA cache_size = 10", NULL));
  g_test_expect_message ("rct-store", G_LOG_LEVEL_DEBUG, "sorting in memory: *");
  g_assert_true (rct_report_import (store, report, &summary, NULL, &error));
  g_assert_no_error (error);
  g_test_assert_expected_messages ();
  rct_report_summary_clear (&summary);
  assert_sorts_in_memory (store);
  g_assert_true (_rct_store_exec (store, "PRAGMA temp_store_directory = ''", NULL));
  rct_store_close (store);

  g_assert_true (g_spawn_sync (NULL, (char **) umount, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (rct_test_query_int (path, "SELECT count(*) FROM problem"), ==, 1000);
  g_assert_cmpint (rct_test_query_int (path, "SELECT sum (n) FROM total_problem"), ==, 1000);
  check = dump (path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok\n");
  rct_test_remove_dir (dir);
  rct_test_remove_dir (ledger_dir);
}

int
main (int    argc,
      char **argv)
{
  /* A sort's smallest run one page (SQLite's default 250), before
   * SQLite's first use: test_temporary_folder_full(). */
  sqlite3_config (SQLITE_CONFIG_PMASZ, 1);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/bulk/same-as-rows", test_same_as_rows);
  g_test_add_func ("/import/bulk/cancelled-unchanged", test_cancelled);
  g_test_add_func ("/import/bulk/failing-unchanged", test_failing);
  g_test_add_func ("/import/bulk/twice-into-empty", test_twice_into_empty);
  g_test_add_func ("/import/bulk/temporary-folder-full", test_temporary_folder_full);
  return g_test_run ();
}
