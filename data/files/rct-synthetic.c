/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-synthetic"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-dialect.h"
#include "rct-store-private.h"
#include "rct-synthetic.h"

/* A large ledger for measuring: the whole history of a big branch, made up
 * from realistic pieces (units, sources, statuses, Chinese descriptions,
 * dates over five years). It is written with plain inserts in one
 * transaction and no journal, because it is made to be measured, not to be
 * an office's record; `rectify-cli init --synthetic N` and the benchmarks
 * use it. The same seed gives the same ledger. */

static const char *units[] = {
  "综合服务大厅", "回河派出所", "交警大队", "特警大队", "曲堤派出所", "城区派出所",
  "刑侦大队", "治安大队", "巡警大队", "看守所", "经侦大队", "法制大队",
  "东城派出所", "西城派出所", "南关派出所", "北关派出所", "开发区派出所", "禁毒大队",
  "网安大队", "出入境管理大队",
};

static const char *subjects[] = {
  "户籍窗口", "接处警记录", "执法记录仪", "案件卷宗", "涉案财物", "值班备勤", "警容风纪",
  "社区走访", "交通违法处理", "事故处理", "出入境窗口", "看守所会见", "行政处罚", "群众来访",
  "辅警管理", "枪支弹药管理", "车辆使用", "信息录入", "矛盾纠纷调解", "校园安全",
};

static const char *faults[] = {
  "不规范，群众反映较多", "存在超期现象", "登记不完整", "管理制度落实不到位", "服务态度生硬",
  "办理时限过长", "台账与实际不符", "未按规定公示", "检查流于形式", "整改措施不具体",
};

static const char *sources[] = {
  "self-inspection", "office-inspection", "public-report", "supervisor-feedback",
  "superior-inspection", "case-review",
};

static const char *categories[] = { "执法规范", "工作作风", "服务群众", "内部管理", "安全管理", "警容风纪" };

static const char *surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
static const char *given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";

static char *
date_from (int year_day_offset)
{
  return rct_date_add_days ("2021-01-01", year_day_offset);
}

gboolean
rct_synthetic_fill (RctStore  *store,
                    guint      n_problems,
                    guint32    seed,
                    GError   **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *now = rct_clock_now ();
  g_autofree char *today = rct_clock_today ();
  g_autofree char *measures_sql = NULL;
  RctStmt *stmt;
  guint n_units = G_N_ELEMENTS (units);
  guint n_people = 400;
  gboolean ok = TRUE;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  if (!rct_store_is_empty (store))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The demo can only be written into an empty ledger; create a new ledger for it."));
      return FALSE;
    }
  if (!_rct_store_write_begin (store, error))
    return FALSE;

  stmt = _rct_store_prepare (store, "INSERT INTO unit (id, uuid, name, position, created_at, updated_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?)", error);
  for (guint i = 0; ok && stmt != NULL && i < n_units; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      rct_stmt_bind_int64 (stmt, 1, i + 1);
      rct_stmt_bind_text (stmt, 2, uuid);
      rct_stmt_bind_text (stmt, 3, units[i]);
      rct_stmt_bind_int64 (stmt, 4, i);
      rct_stmt_bind_text (stmt, 5, now);
      rct_stmt_bind_text (stmt, 6, now);
      ok = _rct_store_step_done (store, stmt, error);
    }
  ok = ok && stmt != NULL;

  stmt = ok ? _rct_store_prepare (store, "INSERT INTO working_group (id, uuid, name, position, created_at, updated_at)"
                                         " VALUES (?, ?, ?, ?, ?, ?)", error) : NULL;
  for (guint i = 0; ok && stmt != NULL && i < 6; i++)
    {
      static const char *groups[] = { "综合协调组", "学习教育组", "查纠整改组", "顽瘴痼疾整治组", "宣传报道组", "督导检查组" };
      g_autofree char *uuid = g_uuid_string_random ();
      rct_stmt_bind_int64 (stmt, 1, i + 1);
      rct_stmt_bind_text (stmt, 2, uuid);
      rct_stmt_bind_text (stmt, 3, groups[i]);
      rct_stmt_bind_int64 (stmt, 4, i);
      rct_stmt_bind_text (stmt, 5, now);
      rct_stmt_bind_text (stmt, 6, now);
      ok = _rct_store_step_done (store, stmt, error);
    }
  ok = ok && stmt != NULL;

  stmt = ok ? _rct_store_prepare (store, "INSERT INTO person (id, uuid, name, unit_id, created_at, updated_at)"
                                         " VALUES (?, ?, ?, ?, ?, ?)", error) : NULL;
  for (guint i = 0; ok && stmt != NULL && i < n_people; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autoptr(GString) name = g_string_new (NULL);
      glong n_surnames = g_utf8_strlen (surnames, -1);
      glong n_given = g_utf8_strlen (given, -1);

      g_string_append_unichar (name, g_utf8_get_char (g_utf8_offset_to_pointer (surnames, i % n_surnames)));
      g_string_append_unichar (name, g_utf8_get_char (g_utf8_offset_to_pointer (given, (i / n_surnames) % n_given)));
      g_string_append_printf (name, "%u", i);
      rct_stmt_bind_int64 (stmt, 1, i + 1);
      rct_stmt_bind_text (stmt, 2, uuid);
      rct_stmt_bind_text (stmt, 3, name->str);
      rct_stmt_bind_int64 (stmt, 4, (i % n_units) + 1);
      rct_stmt_bind_text (stmt, 5, now);
      rct_stmt_bind_text (stmt, 6, now);
      ok = _rct_store_step_done (store, stmt, error);
    }
  ok = ok && stmt != NULL;

  stmt = ok ? _rct_store_prepare (store,
                                  "INSERT INTO problem (uuid, number, description, source, category, unit_id, group_id,"
                                  " responsible_id, found_date, deadline, status, verification, verified_by,"
                                  " verified_date, closed_date, created_at, updated_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error) : NULL;
  for (guint i = 0; ok && stmt != NULL && i < n_problems; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      int offset = g_rand_int_range (rand, 0, 5 * 365);
      g_autofree char *found = date_from (offset);
      g_autofree char *deadline = date_from (offset + g_rand_int_range (rand, 7, 60));
      g_autofree char *closed = NULL;
      g_autofree char *number = NULL;
      g_autofree char *description = NULL;
      const char *status;
      int roll = g_rand_int_range (rand, 0, 100);

      /* Older problems are mostly closed; the recent ones are still open. */
      if (offset < 4 * 365 ? roll < 92 : roll < 40)
        status = "closed";
      else if (roll < 94)
        status = "rectifying";
      else if (roll < 97)
        status = "awaiting-verification";
      else
        status = "registered";
      if (g_str_equal (status, "closed"))
        closed = date_from (offset + g_rand_int_range (rand, 3, 70));

      number = g_strdup_printf ("%.4s-%06u", found, i + 1);
      description = g_strdup_printf ("%s%s%s，第%u次检查发现", units[g_rand_int_range (rand, 0, n_units)],
                                     subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                                     faults[g_rand_int_range (rand, 0, G_N_ELEMENTS (faults))],
                                     g_rand_int_range (rand, 1, 9));
      rct_stmt_bind_text (stmt, 1, uuid);
      rct_stmt_bind_text (stmt, 2, number);
      rct_stmt_bind_text (stmt, 3, description);
      rct_stmt_bind_text (stmt, 4, sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources))]);
      rct_stmt_bind_text (stmt, 5, categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))]);
      rct_stmt_bind_int64 (stmt, 6, g_rand_int_range (rand, 1, n_units + 1));
      rct_stmt_bind_int64 (stmt, 7, g_rand_int_range (rand, 1, 7));
      rct_stmt_bind_int64 (stmt, 8, g_rand_int_range (rand, 1, n_people + 1));
      rct_stmt_bind_text (stmt, 9, found);
      rct_stmt_bind_text (stmt, 10, deadline);
      rct_stmt_bind_text (stmt, 11, status);
      rct_stmt_bind_text (stmt, 12, closed != NULL ? "现场核查，整改到位" : NULL);
      rct_stmt_bind_text (stmt, 13, closed != NULL ? "督察大队" : NULL);
      rct_stmt_bind_text (stmt, 14, closed);
      rct_stmt_bind_text (stmt, 15, closed);
      rct_stmt_bind_text (stmt, 16, now);
      rct_stmt_bind_text (stmt, 17, now);
      ok = _rct_store_step_done (store, stmt, error);
    }
  ok = ok && stmt != NULL;

  /* A problem closed, or awaiting verification, has had its measure done:
   * the workflow's gates ask for one, and an import of the ledger's report
   * checks them (one statement for all, the uuids made by the store). */
  measures_sql = g_strconcat ("INSERT INTO measure (uuid, problem_id, text, done_date, created_at, updated_at)"
                              " SELECT ", _rct_store_dialect (store, RCT_DIALECT_NEW_UUID),
                              ", id, '对照问题逐项整改，建立长效机制', coalesce (closed_date, deadline), ?1, ?1"
                              " FROM problem WHERE status IN ('closed', 'awaiting-verification') ORDER BY id",
                              NULL);
  stmt = ok ? _rct_store_prepare (store, measures_sql, error) : NULL;
  if (stmt != NULL)
    {
      rct_stmt_bind_text (stmt, 1, now);
      ok = _rct_store_step_done (store, stmt, error);
    }
  ok = ok && stmt != NULL;

  if (ok)
    _rct_store_mark_changed (store, RCT_KIND_PROBLEM);
  if (!_rct_store_write_end (store, ok, ok ? error : NULL) || !ok)
    return FALSE;
  /* Fresh statistics for the planner, as a long-used ledger would have. */
  return _rct_store_exec (store, "ANALYZE", error);
}
