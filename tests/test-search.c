/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rct-clock.h"
#include "rct-store-private.h"
#include "rct-test-util.h"

/* Search finds Chinese words in the middle of a sentence: FTS5 trigram for
 * three characters and more, a plain scan for one or two. */

static RctStore *store;
static char *dir;
static gint64 p_window, p_alarm, p_school;

static GArray *
search (RctKind     kind,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  RctFilter filter = { 0 };
  GArray *ids;

  filter.search = text;
  ids = rct_store_list_ids (store, kind, &filter, &error);
  g_assert_no_error (error);
  return ids;
}

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_three_or_more (void)
{
  g_autoptr(GArray) ids = search (RCT_KIND_PROBLEM, "午间不接待");
  g_autoptr(GArray) longer = search (RCT_KIND_PROBLEM, "派出所接处警");

  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (contains (ids, p_window));
  g_assert_cmpuint (longer->len, ==, 1);
  g_assert_true (contains (longer, p_alarm));
}

static void
test_two_characters (void)
{
  g_autoptr(GArray) ids = search (RCT_KIND_PROBLEM, "警情");
  g_autoptr(GArray) one = search (RCT_KIND_PROBLEM, "岗");

  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (contains (ids, p_alarm));
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_true (contains (one, p_school));
}

static void
test_no_match (void)
{
  g_autoptr(GArray) ids = search (RCT_KIND_PROBLEM, "交通事故");
  g_autoptr(GArray) quoted = search (RCT_KIND_PROBLEM, "\"午间\" OR *");

  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_cmpuint (quoted->len, ==, 0);
}

static void
test_follows_edits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) old_words = NULL;

  rct_store_update_va (store, RCT_KIND_PROBLEM, p_school, NULL, &error,
                       "description", "校园周边高峰时段交通拥堵无人疏导", NULL);
  g_assert_no_error (error);
  after = search (RCT_KIND_PROBLEM, "无人疏导");
  old_words = search (RCT_KIND_PROBLEM, "护学岗");
  g_assert_true (contains (after, p_school));
  g_assert_false (contains (old_words, p_school));
  before = search (RCT_KIND_PROBLEM, "疏导");
  g_assert_true (contains (before, p_school));
}

static void
test_tasks_and_feedback (void)
{
  g_autoptr(GArray) tasks = search (RCT_KIND_TASK, "读党史");
  g_autoptr(GArray) tasks_short = search (RCT_KIND_TASK, "党史");
  g_autoptr(GArray) feedback = search (RCT_KIND_FEEDBACK, "家属会见");
  g_autoptr(GArray) feedback_short = search (RCT_KIND_FEEDBACK, "预约");

  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpuint (tasks_short->len, ==, 1);
  g_assert_cmpuint (feedback->len, ==, 1);
  g_assert_cmpuint (feedback_short->len, ==, 1);
}

static void
test_combined_with_filter (void)
{
  g_autoptr(GError) error = NULL;
  RctFilter filter = { 0 };

  filter.search = "派出所";
  filter.unit = "回河派出所";
  g_assert_cmpint (rct_store_count (store, RCT_KIND_PROBLEM, &filter, &error), ==, 1);
  filter.unit = "综合服务大厅";
  g_assert_cmpint (rct_store_count (store, RCT_KIND_PROBLEM, &filter, &error), ==, 0);
  g_assert_no_error (error);
}

/* In a bulk (an import), the records' index entries are written at its
 * end: new and changed records are found, the index passes its own check,
 * and after a rollback or a failed part the usual triggers are back. */
static gint64
count_triggers (void)
{
  g_autoptr(GError) error = NULL;
  /* Through the store's own connection, which sees its open transaction.
   * The file's FTS5 tables follow the records by triggers, three of each
   * table, which a bulk drops for its end; the server's pg_trgm indexes
   * (eight, one a column) follow them by themselves, through a bulk too. */
  gboolean server = rct_store_is_server (store);
  RctStmt *stmt = _rct_store_prepare (store, server ?
                                      "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema ()"
                                      " AND indexname LIKE '%\\_search\\_%' ESCAPE '\\'" :
                                      "SELECT count(*) FROM sqlite_master "
                                      "WHERE type = 'trigger' AND name LIKE '%\\_fts\\_%' ESCAPE '\\'",
                                      &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (_rct_store_step (store, stmt, NULL), ==, RCT_ROW);
  n = rct_stmt_column_int64 (stmt, 0);
  rct_stmt_reset (stmt);
  return n;
}

static void
assert_search_follows (gboolean in_bulk)
{
  if (rct_store_is_server (store))
    g_assert_cmpint (count_triggers (), ==, 8);
  else
    g_assert_cmpint (count_triggers (), ==, in_bulk ? 6 : 9);
}

static void
test_bulk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GArray) rolled_back = NULL;
  gint64 bulk_id = 0, later_id = 0, lost_id = 0;

  assert_search_follows (FALSE);
  g_assert_true (rct_store_begin (store, &error));
  g_assert_true (rct_store_bulk_begin (store, &error));
  assert_search_follows (TRUE);
  bulk_id = rct_test_add_problem (store, "曲堤派出所", "2021-05-04", "2021-05-30", "批量导入的问题：值班室台账字迹潦草");
  /* Made and changed in the same bulk, and an older record changed. */
  g_assert_true (rct_store_update_va (store, RCT_KIND_PROBLEM, bulk_id, "更正", &error,
                                      "description", "批量导入的问题：值班室登记簿字迹潦草", NULL));
  g_assert_true (rct_store_update_va (store, RCT_KIND_PROBLEM, p_school, "更正", &error,
                                      "description", "辖区校园周边高峰时段无警力，已设立护学岗", NULL));
  g_assert_no_error (error);
  g_assert_true (rct_store_commit (store, &error));
  g_assert_no_error (error);
  assert_search_follows (FALSE);

  found = search (RCT_KIND_PROBLEM, "登记簿");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (contains (found, bulk_id));
  {
    g_autoptr(GArray) old_words = search (RCT_KIND_PROBLEM, "台账字迹");
    g_assert_cmpuint (old_words->len, ==, 0);
  }
  changed = search (RCT_KIND_PROBLEM, "已设立护学岗");
  g_assert_true (contains (changed, p_school));
  g_assert_true (rct_store_check (store, &error));
  g_assert_no_error (error);

  /* Rolled back: nothing of it, and the triggers are back. */
  g_assert_true (rct_store_begin (store, &error));
  g_assert_true (rct_store_bulk_begin (store, &error));
  lost_id = rct_test_add_problem (store, "曲堤派出所", "2021-05-04", "2021-05-30", "回滚的批量问题");
  rct_store_rollback (store);
  assert_search_follows (FALSE);
  rolled_back = search (RCT_KIND_PROBLEM, "回滚的批量");
  g_assert_cmpuint (rolled_back->len, ==, 0);
  (void) lost_id;

  /* A part that fails fails the whole bulk: its commit is refused. */
  g_assert_true (rct_store_begin (store, &error));
  g_assert_true (rct_store_bulk_begin (store, &error));
  rct_test_add_problem (store, "曲堤派出所", "2021-05-04", "2021-05-30", "失败批次里的好问题");
  g_assert_false (rct_store_create_va (store, RCT_KIND_PROBLEM, NULL, &error, "description", "没有的单位",
                                       "source", "self-inspection", "unit", "不存在的所", "found_date", "2021-05-04",
                                       "deadline", "2021-05-30", NULL));
  g_clear_error (&error);
  g_assert_false (rct_store_commit (store, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_search_follows (FALSE);
  {
    g_autoptr(GArray) failed = search (RCT_KIND_PROBLEM, "失败批次");
    g_assert_cmpuint (failed->len, ==, 0);
  }

  /* Afterwards a record is indexed by the usual trigger. */
  later_id = rct_test_add_problem (store, "曲堤派出所", "2021-05-05", "2021-05-30", "之后登记的问题：监控探头损坏");
  {
    g_autoptr(GArray) later = search (RCT_KIND_PROBLEM, "监控探头");
    g_assert_true (contains (later, later_id));
  }
  g_assert_true (rct_store_check (store, &error));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  rct_clock_set_today ("2021-05-20");
  store = rct_test_open_new (&dir);
  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "综合服务大厅", NULL);
  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "曲堤派出所", NULL);
  rct_store_create_va (store, RCT_KIND_WORKING_GROUP, NULL, &error, "name", "学习教育组", NULL);
  rct_store_create_va (store, RCT_KIND_TASK, NULL, &error, "group", "学习教育组", "title", "百警百日读党史活动", NULL);
  rct_store_create_va (store, RCT_KIND_SUPERVISOR, NULL, &error, "name", "群众代表乙", "category", "citizen", NULL);
  rct_store_create_va (store, RCT_KIND_FEEDBACK, NULL, &error, "supervisor", "群众代表乙", "received_date", "2021-04-27",
                       "kind", "suggestion", "content", "建议看守所增加家属会见的电话和网上预约。", NULL);
  g_assert_no_error (error);
  p_window = rct_test_add_problem (store, "综合服务大厅", "2021-04-18", "2021-05-10",
                                   "户籍窗口午间不接待群众，群众反映办事需多次往返");
  p_alarm = rct_test_add_problem (store, "回河派出所", "2021-04-20", "2021-05-15",
                                  "回河派出所接处警记录不完整，部分警情未录入系统");
  p_school = rct_test_add_problem (store, "曲堤派出所", "2021-05-03", "2021-05-21",
                                   "辖区校园周边高峰时段无警力，建议设立护学岗");

  g_test_add_func ("/search/problem/three-or-more-characters", test_three_or_more);
  g_test_add_func ("/search/problem/one-or-two-characters", test_two_characters);
  g_test_add_func ("/search/problem/no-match-and-operators-are-text", test_no_match);
  g_test_add_func ("/search/problem/follows-edits", test_follows_edits);
  g_test_add_func ("/search/tasks-and-feedback", test_tasks_and_feedback);
  g_test_add_func ("/search/combined-with-filter", test_combined_with_filter);
  g_test_add_func ("/search/bulk-indexes-at-its-end", test_bulk);
  status = g_test_run ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  g_free (dir);
  return status;
}
