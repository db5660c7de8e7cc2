/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rct-test-exchange.h"
#include "rct-test-util.h"

/* Issue 18's records in the exchange (docs/EXCHANGE.md, "What a report
 * carries"): the office's accountability records and inspection visits
 * go down to a unit with their links by uuid; a unit's report that adds
 * or changes one is refused part by part with its reason; a link to a
 * problem the ledger does not know yet waits in merge_pending. Each test
 * has an office (the demo) and 回河派出所 (HH), which has had the office's
 * report once. */

typedef struct
{
  char *dir;
  char *office;
  char *unit;
} World;

static void
world_set_up (World         *w,
              gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;

  w->dir = rct_test_make_dir ();
  w->office = rct_xt_office (w->dir, "办公室 台账.db");
  w->unit = rct_xt_unit (w->dir, w->office, "回河派出所", "HH");
  plan = rct_xt_send (w->office, w->unit, w->dir);
  g_assert_cmpuint (plan->refused, ==, 0);
  g_assert_cmpuint (plan->pending, ==, 0);
}

static void
world_tear_down (World         *w,
                 gconstpointer  data)
{
  rct_test_remove_dir (w->dir);
  g_free (w->dir);
  g_free (w->office);
  g_free (w->unit);
}

/* What both ledgers must hold alike: the records with their references
 * and links, all by uuid. */
static const char *const same_everywhere[] = {
  "SELECT a.uuid, a.kind, a.reason, a.decided_by, a.date, a.document, u.uuid, p.uuid FROM accountability a"
  " JOIN unit u ON u.id = a.unit_id LEFT JOIN person p ON p.id = a.person_id ORDER BY a.uuid",
  "SELECT a.uuid, q.uuid FROM accountability_problem l JOIN accountability a ON a.id = l.accountability_id"
  " JOIN problem q ON q.id = l.problem_id ORDER BY a.uuid, q.uuid",
  "SELECT v.uuid, v.date, v.team, v.method, v.findings FROM visit v ORDER BY v.uuid",
  "SELECT v.uuid, u.uuid FROM visit_unit l JOIN visit v ON v.id = l.visit_id JOIN unit u ON u.id = l.unit_id"
  " ORDER BY v.uuid, u.uuid",
  "SELECT v.uuid, l.finding, q.uuid FROM visit_problem l JOIN visit v ON v.id = l.visit_id"
  " JOIN problem q ON q.id = l.problem_id ORDER BY v.uuid, l.finding",
};

static void
assert_same_records (const char *a,
                     const char *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (same_everywhere); i++)
    {
      g_autofree char *left = rct_xt_dump (a, same_everywhere[i]);
      g_autofree char *right = rct_xt_dump (b, same_everywhere[i]);

      g_assert_cmpstr (left, !=, "");
      g_assert_cmpstr (left, ==, right);
    }
}

/* The office's report down: the unit's ledger holds the office's
 * accountability records and visits as the office does, owned by the
 * office (the unit's information, not its own records). */
static void
test_office_to_unit (World         *w,
                     gconstpointer  data)
{
  g_autofree char *owners = NULL;
  g_autofree char *office_uuid = rct_xt_dump (w->office, "SELECT organisation_uuid FROM ledger");

  assert_same_records (w->office, w->unit);
  owners = rct_xt_dump (w->unit, "SELECT DISTINCT owner_org FROM accountability UNION"
                                 " SELECT DISTINCT owner_org FROM visit");
  g_assert_cmpstr (owners, ==, office_uuid);
}

/* A unit's report that holds someone to account and changes a visit: both
 * refused with the reason, the office's records as they were, the rest of
 * the report (its measure) applied. */
static void
test_unit_refused (World         *w,
                   gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *team = NULL;
  g_autofree char *visit_date = NULL;
  const RctMergeItem *item;

  {
    g_autoptr(RctStore) store = rct_xt_open (w->unit);
    g_autofree char *visit = rct_xt_dump (w->unit, "SELECT id FROM visit WHERE team = '第二督导组'"
                                                   " AND method = 'briefing'");
    gint64 visit_id = g_ascii_strtoll (visit, NULL, 10);

    g_assert_true (rct_store_create_va (store, RCT_KIND_ACCOUNTABILITY, NULL, &error, "kind", "criticism",
                                        "unit", "回河派出所", "date", "2021-05-19", "reason", "自己 问责 自己",
                                        NULL));
    g_assert_no_error (error);
    /* A later copy than the office's, whose stamps have seconds. */
    g_usleep (1100 * 1000);
    g_assert_true (rct_store_update_va (store, RCT_KIND_VISIT, visit_id, NULL, &error, "team", "单位 改的 组", NULL));
    g_assert_no_error (error);
    rct_store_close (store);
  }
  rct_xt_add_measure (w->unit, "2021-026", "单位 的 措施", FALSE);
  plan = rct_xt_send (w->unit, w->office, w->dir);

  item = rct_xt_find_item (plan, RCT_MERGE_REFUSED, "criticism", NULL);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->kind, ==, "accountability");
  g_assert_nonnull (strstr (item->reason, "Only the office holds people to account"));
  visit_date = rct_xt_dump (w->unit, "SELECT date FROM visit WHERE team = '单位 改的 组'");
  item = rct_xt_find_item (plan, RCT_MERGE_REFUSED, visit_date, "team");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->kind, ==, "visit");
  g_assert_nonnull (strstr (item->reason, "Only the office holds people to account"));
  g_assert_nonnull (rct_xt_find_item (plan, RCT_MERGE_ADDED, "单位 的 措施", NULL));

  count = rct_xt_dump (w->office, "SELECT count(*) FROM accountability");
  g_assert_cmpstr (count, ==, "3");
  team = rct_xt_dump (w->office, "SELECT count(*) FROM visit WHERE team = '单位 改的 组'");
  g_assert_cmpstr (team, ==, "0");
}

/* A report cut to a period: its accountability records concern problems
 * found before it, which it does not carry. In a ledger that has never
 * seen them they wait in merge_pending, and come in, links and all, when
 * a report brings the problems. */
static void
test_unknown_link_pending (World         *w,
                           gconstpointer  data)
{
  g_autofree char *fresh = rct_test_ledger_location (w->dir, "新的 办公室.db");
  g_autofree char *cut = g_build_filename (w->dir, "五月 下旬.xml", NULL);
  g_autofree char *full = NULL;
  g_autofree char *count = NULL;
  g_autofree char *waiting = NULL;
  g_autoptr(RctMergePlan) first = NULL;
  g_autoptr(RctMergePlan) second = NULL;
  g_autoptr(GError) error = NULL;
  RctScope scope = { 0 };

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", fresh, "init", "--office", "另一个 办公室", NULL), ==, 0);
  {
    g_autoptr(RctStore) store = rct_xt_open (w->office);

    scope.from = (char *) "2021-05-17";
    g_assert_true (rct_report_export (store, &scope, NULL, cut, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    rct_store_close (store);
  }
  first = rct_xt_merge (fresh, cut, TRUE);
  g_assert_cmpuint (first->refused, ==, 0);
  g_assert_cmpuint (first->pending, >=, 1);
  waiting = rct_xt_dump (fresh, "SELECT count(*) FROM merge_pending WHERE record_table = 'accountability'");
  g_assert_cmpstr (waiting, !=, "0");
  count = rct_xt_dump (fresh, "SELECT count(*) FROM accountability");
  g_assert_cmpstr (count, !=, "3");

  full = rct_xt_export (w->office, w->dir);
  second = rct_xt_merge (fresh, full, TRUE);
  g_assert_cmpuint (second->refused, ==, 0);
  g_free (waiting);
  waiting = rct_xt_dump (fresh, "SELECT count(*) FROM merge_pending");
  g_assert_cmpstr (waiting, ==, "0");
  assert_same_records (w->office, fresh);
}

/* ---- issue 16: tasks, their progress and feedback, by events ---- */

static gint64
task_id (const char *ledger,
         const char *title)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM task WHERE title = '%s'", title);
  g_autofree char *id = rct_xt_dump (ledger, sql);

  g_assert_cmpstr (id, !=, "");
  return g_ascii_strtoll (id, NULL, 10);
}

static void
set_task_field (const char *ledger,
                const char *title,
                const char *field,
                const char *value)
{
  g_autoptr(RctStore) store = rct_xt_open (ledger);
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_store_update_va (store, RCT_KIND_TASK, task_id (ledger, title), NULL, &error, field, value, NULL));
  g_assert_no_error (error);
  rct_store_close (store);
}

static void
record_progress (const char *ledger,
                 const char *title,
                 const char *note,
                 gint64      count)
{
  g_autoptr(RctStore) store = rct_xt_open (ledger);
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_store_task_record_progress (store, task_id (ledger, title), "2021-05-19", note, count, &error));
  g_assert_no_error (error);
  rct_store_close (store);
}

static char *
task_field (const char *ledger,
            const char *title,
            const char *field)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM task WHERE title = '%s'", field, title);

  return rct_xt_dump (ledger, sql);
}

/* The office and the unit both change the note of the office's task
 * assigned to the unit, from the same note: both kept, listed as a
 * conflict, the office's ledger keeps its own; choosing is an event the
 * unit then takes without a conflict of its own. Never the later stamp. */
static void
test_task_conflict (World         *w,
                    gconstpointer  data)
{
  g_autoptr(RctMergePlan) up = NULL;
  g_autoptr(RctMergePlan) down = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *office_note = NULL;
  g_autofree char *unit_note = NULL;
  g_autofree char *unit_conflicts = NULL;
  RctConflict *conflict;

  set_task_field (w->office, "周三夜校", "note", "办公室 的 说明");
  set_task_field (w->unit, "周三夜校", "note", "派出所 的 说明");
  up = rct_xt_send (w->unit, w->office, w->dir);
  g_assert_nonnull (rct_xt_find_item (up, RCT_MERGE_CONFLICT, "周三夜校", "note"));
  g_assert_cmpuint (up->refused, ==, 0);
  office_note = task_field (w->office, "周三夜校", "note");
  g_assert_cmpstr (office_note, ==, "办公室 的 说明");

  {
    g_autoptr(RctStore) store = rct_xt_open (w->office);

    conflicts = rct_merge_list_conflicts (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (conflicts->len, ==, 1);
    conflict = g_ptr_array_index (conflicts, 0);
    g_assert_cmpstr (conflict->kind, ==, "task");
    g_assert_cmpstr (conflict->ours, ==, "办公室 的 说明");
    g_assert_cmpstr (conflict->theirs, ==, "派出所 的 说明");
    g_assert_true (rct_merge_resolve_conflict (store, conflict->uuid, FALSE, &error));
    g_assert_no_error (error);
    rct_store_close (store);
  }
  down = rct_xt_send (w->office, w->unit, w->dir);
  g_assert_cmpuint (down->conflicts, ==, 0);
  g_assert_cmpuint (down->refused, ==, 0);
  unit_note = task_field (w->unit, "周三夜校", "note");
  g_assert_cmpstr (unit_note, ==, "办公室 的 说明");
  unit_conflicts = rct_xt_dump (w->unit, "SELECT count(*) FROM merge_conflict WHERE resolved_at IS NULL");
  g_assert_cmpstr (unit_conflicts, ==, "0");
}

/* Progress recorded on the same task on both sides: every entry kept in
 * both ledgers, the count the sum of all, no conflict; both ledgers end
 * alike whatever order the reports come in. */
static void
test_progress_both_sides (World         *w,
                          gconstpointer  data)
{
  g_autoptr(RctMergePlan) up = NULL;
  g_autoptr(RctMergePlan) down = NULL;
  g_autoptr(RctMergePlan) again = NULL;
  const char *sql = "SELECT p.uuid, p.date, p.note, p.count FROM task_progress p JOIN task t ON t.id = p.task_id"
                    " WHERE t.title = '周三夜校' ORDER BY p.uuid";
  g_autofree char *before = task_field (w->office, "周三夜校", "done_count");
  g_autofree char *office_entries = NULL;
  g_autofree char *unit_entries = NULL;
  g_autofree char *office_done = NULL;
  g_autofree char *unit_done = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *entries = NULL;

  record_progress (w->unit, "周三夜校", "派出所 第七 期", 3);
  record_progress (w->office, "周三夜校", "督导 时 看到 的", 2);
  up = rct_xt_send (w->unit, w->office, w->dir);
  g_assert_cmpuint (up->conflicts, ==, 0);
  g_assert_cmpuint (up->refused, ==, 0);
  g_assert_nonnull (rct_xt_find_item (up, RCT_MERGE_ADDED, "2021-05-19", NULL));
  down = rct_xt_send (w->office, w->unit, w->dir);
  g_assert_cmpuint (down->conflicts, ==, 0);
  g_assert_cmpuint (down->refused, ==, 0);
  /* Once more each way: nothing new. */
  g_clear_pointer (&up, rct_merge_plan_free);
  up = rct_xt_send (w->unit, w->office, w->dir);
  g_assert_cmpuint (up->added + up->changed + up->conflicts + up->refused, ==, 0);
  again = rct_xt_send (w->office, w->unit, w->dir);
  g_assert_cmpuint (again->added + again->changed + again->conflicts + again->refused, ==, 0);

  office_entries = rct_xt_dump (w->office, sql);
  unit_entries = rct_xt_dump (w->unit, sql);
  g_assert_cmpstr (office_entries, ==, unit_entries);
  entries = rct_xt_dump (w->office, "SELECT count(*) FROM task_progress p JOIN task t ON t.id = p.task_id"
                                    " WHERE t.title = '周三夜校' AND p.note IN ('派出所 第七 期', '督导 时 看到 的')");
  g_assert_cmpstr (entries, ==, "2");
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, g_ascii_strtoll (before, NULL, 10) + 5);
  office_done = task_field (w->office, "周三夜校", "done_count");
  unit_done = task_field (w->unit, "周三夜校", "done_count");
  g_assert_cmpstr (office_done, ==, expected);
  g_assert_cmpstr (unit_done, ==, expected);
}

/* The unit renames the office's task and writes its note: the title is
 * the owner's, refused with the reason; the note (both sides write it)
 * is applied. */
static void
test_unit_changes_office_task (World         *w,
                               gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  const RctMergeItem *item;

  set_task_field (w->unit, "周三夜校", "note", "派出所 补充 的 说明");
  set_task_field (w->unit, "周三夜校", "title", "周四夜校");
  plan = rct_xt_send (w->unit, w->office, w->dir);
  item = rct_xt_find_item (plan, RCT_MERGE_REFUSED, "周四夜校", "title");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->kind, ==, "task");
  g_assert_nonnull (strstr (item->reason, "Only its owner"));
  title = rct_xt_dump (w->office, "SELECT count(*) FROM task WHERE title = '周三夜校'");
  g_assert_cmpstr (title, ==, "1");
  note = task_field (w->office, "周三夜校", "note");
  g_assert_cmpstr (note, ==, "派出所 补充 的 说明");
}

/* The office replies to a supervisor's feedback: the reply reaches the
 * unit with its event; a unit's own change to the office's feedback is
 * refused with the reason. */
static void
test_feedback_events (World         *w,
                      gconstpointer  data)
{
  g_autoptr(RctMergePlan) down = NULL;
  g_autoptr(RctMergePlan) up = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = rct_xt_dump (w->office, "SELECT id FROM feedback WHERE reply IS NULL ORDER BY id LIMIT 1");
  g_autofree char *uuid = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *events = NULL;
  g_autofree char *received = NULL;
  const RctMergeItem *item;

  g_assert_cmpstr (id, !=, "");
  {
    g_autoptr(RctStore) store = rct_xt_open (w->office);

    g_assert_true (rct_store_feedback_reply (store, g_ascii_strtoll (id, NULL, 10), "已 核实 并 整改", "2021-05-19",
                                             NULL, &error));
    g_assert_no_error (error);
    uuid = rct_store_dup_uuid (store, RCT_KIND_FEEDBACK, g_ascii_strtoll (id, NULL, 10));
    rct_store_close (store);
  }
  down = rct_xt_send (w->office, w->unit, w->dir);
  g_assert_cmpuint (down->refused, ==, 0);
  sql = g_strdup_printf ("SELECT reply FROM feedback WHERE uuid = '%s'", uuid);
  reply = rct_xt_dump (w->unit, sql);
  g_assert_cmpstr (reply, ==, "已 核实 并 整改");
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM journal WHERE record_uuid = '%s' AND field = 'reply'", uuid);
  events = rct_xt_dump (w->unit, sql);
  g_assert_cmpstr (events, ==, "1");

  {
    g_autoptr(RctStore) store = rct_xt_open (w->unit);
    gint64 unit_id = rct_store_find_by_uuid (store, RCT_KIND_FEEDBACK, uuid);

    g_assert_true (rct_store_update_va (store, RCT_KIND_FEEDBACK, unit_id, NULL, &error, "reply", "派出所 改写 的 答复",
                                        NULL));
    g_assert_no_error (error);
    rct_store_close (store);
  }
  up = rct_xt_send (w->unit, w->office, w->dir);
  g_free (sql);
  sql = g_strdup_printf ("SELECT received_date FROM feedback WHERE uuid = '%s'", uuid);
  received = rct_xt_dump (w->office, sql);
  item = rct_xt_find_item (up, RCT_MERGE_REFUSED, received, "reply");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->kind, ==, "feedback");
  g_assert_nonnull (strstr (item->reason, "Only its owner"));
  g_free (reply);
  g_free (sql);
  sql = g_strdup_printf ("SELECT reply FROM feedback WHERE uuid = '%s'", uuid);
  reply = rct_xt_dump (w->office, sql);
  g_assert_cmpstr (reply, ==, "已 核实 并 整改");
}

/* The same report twice: the second changes nothing, links included. */
static void
test_twice_unchanged (World         *w,
                      gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = rct_xt_send (w->office, w->unit, w->dir);

  g_assert_cmpuint (plan->added, ==, 0);
  g_assert_cmpuint (plan->changed, ==, 0);
  g_assert_cmpuint (plan->refused, ==, 0);
  assert_same_records (w->office, w->unit);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("RECTIFY_TODAY", "2021-05-20", TRUE);
#define ADD(path, func) g_test_add (path, World, NULL, world_set_up, func, world_tear_down)
  ADD ("/exchange/records/office-to-unit", test_office_to_unit);
  ADD ("/exchange/records/unit-refused", test_unit_refused);
  ADD ("/exchange/records/unknown-link-pending", test_unknown_link_pending);
  ADD ("/exchange/records/twice-unchanged", test_twice_unchanged);
  ADD ("/exchange/tasks/conflict-kept-resolved", test_task_conflict);
  ADD ("/exchange/tasks/progress-both-sides-kept", test_progress_both_sides);
  ADD ("/exchange/tasks/unit-changing-office-task-refused", test_unit_changes_office_task);
  ADD ("/exchange/feedback/events-carried-and-sides", test_feedback_events);
#undef ADD
  return g_test_run ();
}
