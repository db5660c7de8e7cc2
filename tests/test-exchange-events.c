/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "rct-test-exchange.h"
#include "rct-test-util.h"

/* Merging by events (issue 16 items 4-7, docs/EXCHANGE.md): who may
 * change what, changes applied in the order of their chains, conflicts
 * kept, hostile reports refused part by part, the preview writing
 * nothing. Each test has an office (the demo) and 回河派出所 (HH), which
 * has had the office's report once. */

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
  g_assert_cmpuint (plan->conflicts, ==, 0);
  g_assert_cmpuint (plan->added, >=, 41);
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

/* The unit starts the office's problem assigned to it and adds a measure:
 * the office takes both, and the unit's events are in its journal. */
static void
test_rectification_applied (World         *w,
                            gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autofree char *status = NULL;
  g_autofree char *measures = NULL;
  g_autofree char *authors = NULL;

  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  rct_xt_add_measure (w->unit, "2021-026", "整改 措施 一", FALSE);
  plan = rct_xt_send (w->unit, w->office, w->dir);
  g_assert_cmpuint (plan->refused, ==, 0);
  g_assert_nonnull (rct_xt_find_item (plan, RCT_MERGE_CHANGED, "2021-026", NULL));
  g_assert_nonnull (rct_xt_find_item (plan, RCT_MERGE_ADDED, "整改 措施 一", NULL));
  status = rct_xt_problem_field (w->office, "2021-026", "status");
  g_assert_cmpstr (status, ==, "rectifying");
  measures = rct_xt_dump (w->office, "SELECT count(*) FROM measure m JOIN problem p ON p.id = m.problem_id"
                                     " WHERE p.number = '2021-026'");
  g_assert_cmpstr (measures, ==, "1");
  /* The event is the unit's, by uuid, and not a second copy of it. */
  authors = rct_xt_dump (w->office, "SELECT count(*) FROM journal j JOIN organisation o ON o.uuid = j.author_org"
                                    " WHERE j.field = 'status' AND j.new_value = 'rectifying'"
                                    " AND o.name = '回河派出所'");
  g_assert_cmpstr (authors, ==, "1");
}

/* A unit's report that closes a problem: its start, measure and submit
 * are applied, the close is refused with its reason, and so is the
 * verification; the office's problem waits for verification. */
static void
test_unit_cannot_close (World         *w,
                        gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autofree char *status = NULL;
  g_autofree char *verified_by = NULL;
  const RctMergeItem *item;

  rct_xt_act (w->unit, "2021-040", RCT_ACTION_START);
  rct_xt_add_measure (w->unit, "2021-040", "立行立改", TRUE);
  rct_xt_act (w->unit, "2021-040", RCT_ACTION_SUBMIT);
  rct_xt_act (w->unit, "2021-040", RCT_ACTION_VERIFY);
  plan = rct_xt_send (w->unit, w->office, w->dir);
  item = rct_xt_find_item (plan, RCT_MERGE_REFUSED, "2021-040", "status");
  g_assert_nonnull (item);
  g_test_message ("%s", item->reason);
  g_assert_nonnull (strstr (item->reason, "Only the office"));
  g_assert_nonnull (rct_xt_find_item (plan, RCT_MERGE_REFUSED, "2021-040", "verified_by"));
  g_assert_nonnull (rct_xt_find_item (plan, RCT_MERGE_ADDED, "立行立改", NULL));
  status = rct_xt_problem_field (w->office, "2021-040", "status");
  g_assert_cmpstr (status, ==, "awaiting-verification");
  verified_by = rct_xt_problem_field (w->office, "2021-040", "verified_by");
  g_assert_cmpstr (verified_by, ==, "∅");
  /* The refused events are not in the office's journal. */
  g_free (status);
  status = rct_xt_dump (w->office, "SELECT count(*) FROM journal WHERE new_value = 'closed' AND record_uuid ="
                                   " (SELECT uuid FROM problem WHERE number = '2021-040')");
  g_assert_cmpstr (status, ==, "0");
}

/* A unit's report that changes another unit's problem: refused, with the
 * reason; its change to its own is applied. */
static void
test_other_units_record_refused (World         *w,
                                 gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autofree char *other = NULL;
  g_autofree char *own = NULL;
  const RctMergeItem *item;

  rct_xt_act (w->unit, "2021-029", RCT_ACTION_START);  /* 城区派出所's */
  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  plan = rct_xt_send (w->unit, w->office, w->dir);
  item = rct_xt_find_item (plan, RCT_MERGE_REFUSED, "2021-029", "status");
  g_assert_nonnull (item);
  g_assert_nonnull (strstr (item->reason, "Only the responsible unit"));
  other = rct_xt_problem_field (w->office, "2021-029", "status");
  g_assert_cmpstr (other, ==, "registered");
  own = rct_xt_problem_field (w->office, "2021-026", "status");
  g_assert_cmpstr (own, ==, "rectifying");
}

/* A report whose clock says a record was changed in 2099: that record is
 * refused with the reason, the rest of the report applied. */
static void
test_future_timestamp_refused (World         *w,
                               gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autofree char *report = NULL;
  g_autofree char *forged = g_build_filename (w->dir, "未来 报告.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *numbers = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("(<problem [^>]*updatedAt=\")[^\"]*(\"[^>]*>\\s*<number>HH-2021-001<)",
                                         0, 0, NULL);
  const RctMergeItem *item;

  {
    g_autoptr(RctStore) store = rct_xt_open (w->unit);
    rct_test_add_problem (store, "回河派出所", "2021-05-01", "2021-06-30", "未来 的 问题");
    rct_test_add_problem (store, "回河派出所", "2021-05-02", "2021-06-30", "今天 的 问题");
    rct_store_close (store);
  }
  report = rct_xt_export (w->unit, w->dir);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  edited = g_regex_replace (regex, text, -1, 0, "\\g<1>2099-01-01T00:00:00Z\\g<2>", 0, NULL);
  g_assert_cmpstr (edited, !=, text);
  g_assert_true (g_file_set_contents (forged, edited, -1, NULL));
  rct_test_sign_again (w->unit, forged);
  plan = rct_xt_merge (w->office, forged, TRUE);
  item = rct_xt_find_item (plan, RCT_MERGE_REFUSED, "HH-2021-001", NULL);
  g_assert_nonnull (item);
  g_assert_nonnull (strstr (item->reason, "more than a day from now"));
  g_assert_nonnull (rct_xt_find_item (plan, RCT_MERGE_ADDED, "HH-2021-002", NULL));
  numbers = rct_xt_dump (w->office, "SELECT number FROM problem WHERE number LIKE 'HH-%' ORDER BY number");
  g_assert_cmpstr (numbers, ==, "HH-2021-002");
}

/* Both sides change 2021-026's description from the same value: both
 * kept, listed, the record keeps ours; the same report again lists it
 * once; choosing theirs is an event the unit takes without a conflict of
 * its own, and choosing ours (2021-040) too. */
static void
test_conflict_kept_and_resolved (World         *w,
                                 gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autoptr(RctMergePlan) again = NULL;
  g_autoptr(RctMergePlan) down = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *value = NULL;
  const char *keep_theirs = NULL, *keep_ours = NULL;

  rct_xt_set_problem_field (w->office, "2021-026", "description", "办公室 改 的 描述");
  rct_xt_set_problem_field (w->unit, "2021-026", "description", "单位 改 的 描述");
  rct_xt_set_problem_field (w->office, "2021-040", "description", "办公室 的 说法");
  rct_xt_set_problem_field (w->unit, "2021-040", "description", "单位 的 说法");
  report = rct_xt_export (w->unit, w->dir);
  plan = rct_xt_merge (w->office, report, TRUE);
  g_assert_cmpuint (plan->conflicts, ==, 2);
  g_assert_nonnull (rct_xt_find_item (plan, RCT_MERGE_CONFLICT, "2021-026", "description"));
  value = rct_xt_problem_field (w->office, "2021-026", "description");
  g_assert_cmpstr (value, ==, "办公室 改 的 描述");
  again = rct_xt_merge (w->office, report, TRUE);
  g_assert_cmpuint (again->conflicts, ==, 0);
  g_assert_cmpuint (again->changed, ==, 0);

  {
    g_autoptr(RctStore) store = rct_xt_open (w->office);
    conflicts = rct_merge_list_conflicts (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (conflicts->len, ==, 2);
    for (guint i = 0; i < conflicts->len; i++)
      {
        RctConflict *c = g_ptr_array_index (conflicts, i);
        g_assert_cmpstr (c->field, ==, "description");
        g_assert_cmpstr (c->theirs_by, ==, "回河派出所");
        g_assert_cmpstr (c->ours_by, ==, "济阳县公安局教育整顿领导小组办公室");
        if (g_str_equal (c->label, "2021-026"))
          {
            g_assert_cmpstr (c->ours, ==, "办公室 改 的 描述");
            g_assert_cmpstr (c->theirs, ==, "单位 改 的 描述");
            keep_theirs = c->uuid;
          }
        else
          keep_ours = c->uuid;
      }
    g_assert_nonnull (keep_theirs);
    g_assert_nonnull (keep_ours);
    g_assert_true (rct_merge_resolve_conflict (store, keep_theirs, TRUE, &error));
    g_assert_no_error (error);
    g_assert_true (rct_merge_resolve_conflict (store, keep_ours, FALSE, &error));
    g_assert_no_error (error);
    g_assert_false (rct_merge_resolve_conflict (store, keep_ours, FALSE, &error));
    g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_clear_pointer (&conflicts, g_ptr_array_unref);
    conflicts = rct_merge_list_conflicts (store, &error);
    g_assert_cmpuint (conflicts->len, ==, 0);
    rct_store_close (store);
  }
  g_free (value);
  value = rct_xt_problem_field (w->office, "2021-026", "description");
  g_assert_cmpstr (value, ==, "单位 改 的 描述");

  down = rct_xt_send (w->office, w->unit, w->dir);
  g_assert_cmpuint (down->conflicts, ==, 0);
  g_assert_cmpuint (down->refused, ==, 0);
  g_free (value);
  value = rct_xt_problem_field (w->unit, "2021-026", "description");
  g_assert_cmpstr (value, ==, "单位 改 的 描述");
  g_free (value);
  value = rct_xt_problem_field (w->unit, "2021-040", "description");
  g_assert_cmpstr (value, ==, "办公室 的 说法");
}

/* Settles every open conflict of @ledger one way. */
static void
settle_all (const char *ledger,
            gboolean    keep_theirs)
{
  g_autoptr(RctStore) store = rct_xt_open (ledger);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = rct_merge_list_conflicts (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, >, 0);
  for (guint i = 0; i < conflicts->len; i++)
    {
      RctConflict *c = g_ptr_array_index (conflicts, i);
      g_assert_true (rct_merge_resolve_conflict (store, c->uuid, keep_theirs, &error));
      g_assert_no_error (error);
    }
  rct_store_close (store);
}

/* The unit and the office settle the same conflict opposite ways, each
 * before it sees the other's choice (each keeps its own): the office's
 * settlement stands in both ledgers, whichever report arrives first, and
 * no conflict is left open. Before, their values swapped and stayed apart
 * (seed R02S8ac82a15..., docs/EXCHANGE.md). */
static void
test_settled_opposite_ways (World         *w,
                            gconstpointer  data)
{
  const gboolean office_first = GPOINTER_TO_INT (data);

  for (guint trial = 0; trial < 2; trial++)
    {
      g_autofree char *up = NULL;
      g_autofree char *down = NULL;
      g_autofree char *office_value = NULL;
      g_autofree char *unit_value = NULL;
      g_autofree char *open = NULL;
      g_autoptr(RctMergePlan) a = NULL;
      g_autoptr(RctMergePlan) b = NULL;
      const char *number = trial == 0 ? "2021-026" : "2021-040";

      rct_xt_set_problem_field (w->office, number, "description", "办公室 的 说法");
      rct_xt_set_problem_field (w->unit, number, "description", "单位 的 说法");
      g_clear_pointer (&a, rct_merge_plan_free);
      a = rct_xt_send (w->unit, w->office, w->dir);
      g_assert_cmpuint (a->conflicts, ==, 1);
      g_clear_pointer (&a, rct_merge_plan_free);
      a = rct_xt_send (w->office, w->unit, w->dir);
      g_assert_cmpuint (a->conflicts, ==, 1);
      settle_all (w->office, FALSE);
      settle_all (w->unit, FALSE);
      up = rct_xt_export (w->unit, w->dir);
      down = rct_xt_export (w->office, w->dir);
      if (office_first != (trial == 1))
        {
          b = rct_xt_merge (w->unit, down, TRUE);
          g_clear_pointer (&b, rct_merge_plan_free);
          b = rct_xt_merge (w->office, up, TRUE);
        }
      else
        {
          b = rct_xt_merge (w->office, up, TRUE);
          g_clear_pointer (&b, rct_merge_plan_free);
          b = rct_xt_merge (w->unit, down, TRUE);
        }
      g_assert_cmpuint (b->conflicts, ==, 0);
      /* And a round more changes nothing. */
      g_clear_pointer (&b, rct_merge_plan_free);
      b = rct_xt_send (w->unit, w->office, w->dir);
      g_assert_cmpuint (b->conflicts, ==, 0);
      g_clear_pointer (&b, rct_merge_plan_free);
      b = rct_xt_send (w->office, w->unit, w->dir);
      g_assert_cmpuint (b->conflicts, ==, 0);
      office_value = rct_xt_problem_field (w->office, number, "description");
      unit_value = rct_xt_problem_field (w->unit, number, "description");
      g_assert_cmpstr (office_value, ==, "办公室 的 说法");
      g_assert_cmpstr (unit_value, ==, "办公室 的 说法");
      open = rct_xt_dump (w->unit, "SELECT count(*) FROM merge_conflict WHERE resolved_at IS NULL");
      g_assert_cmpstr (open, ==, "0");
      g_free (open);
      open = rct_xt_dump (w->office, "SELECT count(*) FROM merge_conflict WHERE resolved_at IS NULL");
      g_assert_cmpstr (open, ==, "0");
    }
}

/* The office's value moves on after the conflict is listed; it then
 * keeps the unit's value. The choice leads from the value the record
 * held, so a third ledger (here the unit, given the office's newer value
 * first) follows it instead of finding a conflict of its own. */
static void
test_settled_after_moving_on (World         *w,
                              gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autofree char *value = NULL;
  g_autofree char *event = NULL;

  rct_xt_set_problem_field (w->office, "2021-026", "description", "办公室 一改");
  rct_xt_set_problem_field (w->unit, "2021-026", "description", "单位 的 说法");
  plan = rct_xt_send (w->unit, w->office, w->dir);
  g_assert_cmpuint (plan->conflicts, ==, 1);
  rct_xt_set_problem_field (w->office, "2021-026", "description", "办公室 二改");
  settle_all (w->office, TRUE);
  event = rct_xt_dump (w->office, "SELECT old_value || '>' || new_value || ':' || resolution FROM journal"
                                  " WHERE resolution IS NOT NULL");
  g_assert_cmpstr (event, ==, "办公室 二改>单位 的 说法:theirs");
  g_clear_pointer (&plan, rct_merge_plan_free);
  plan = rct_xt_send (w->office, w->unit, w->dir);
  g_assert_cmpuint (plan->conflicts, ==, 0);
  value = rct_xt_problem_field (w->unit, "2021-026", "description");
  g_assert_cmpstr (value, ==, "单位 的 说法");
}

/* Acknowledgements (issue 16 item 7, docs/EXCHANGE.md). */

static guint
count_in (const char *report,
          const char *needle)
{
  g_autofree char *text = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static gboolean
report_has (const char *report,
            const char *needle)
{
  return count_in (report, needle) > 0;
}

static char *
unit_uuid (World *w)
{
  return rct_xt_dump (w->office, "SELECT uuid FROM unit WHERE name = '回河派出所'");
}

static const char *state_sql =
  "SELECT p.uuid, p.number, p.status, p.description,"
  " (SELECT group_concat (m.uuid || ':' || m.text || ':' || coalesce (m.done_date, '-'), ',') FROM"
  "   (SELECT * FROM measure WHERE problem_id = p.id ORDER BY uuid) m)"
  " FROM problem p ORDER BY p.uuid";

/* Once each side has the other's acknowledgement, the next report carries
 * only the problems with events the other has not acknowledged, and only
 * those events; a report for a peer that acknowledged nothing is full. */
static void
test_acks_only_new (World         *w,
                    gconstpointer  data)
{
  g_autofree char *peer = unit_uuid (w);
  g_autofree char *up = NULL, *down = NULL, *up2 = NULL;
  g_autoptr(RctMergePlan) a = NULL, b = NULL, c = NULL;
  g_autofree char *value = NULL;
  g_autofree char *new_events = NULL;
  guint all = 41;

  /* The unit's first report: the office acknowledged nothing of it. */
  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  up = rct_xt_export (w->unit, w->dir);
  g_assert_true (report_has (up, "full=\"true\""));
  g_assert_cmpuint (count_in (up, "<problem "), >=, all);
  a = rct_xt_merge (w->office, up, TRUE);

  /* The office's next report for the unit, which merged its first: the
   * problem the unit started (its events came back through the office)
   * and the one the office changed since, nothing else. */
  rct_xt_set_problem_field (w->office, "2021-040", "description", "办公室 后来 改 的");
  new_events = rct_xt_dump (w->office, "SELECT count(*) FROM journal WHERE id > (SELECT last_journal_id"
                                       " FROM exchange_sent WHERE serial = 1) AND record_table IN"
                                       " ('problem', 'measure', 'extension', 'evidence')");
  down = rct_xt_export_for (w->office, w->dir, peer, FALSE);
  g_assert_true (report_has (down, "full=\"false\""));
  g_assert_cmpuint (count_in (down, "<problem "), ==, 2);
  g_assert_true (report_has (down, "<number>2021-026</number>"));
  g_assert_true (report_has (down, "<number>2021-040</number>"));
  g_assert_cmpuint (count_in (down, "<journal "), ==, g_ascii_strtoull (new_events, NULL, 10));
  g_assert_true (rct_report_validate (down, NULL, NULL, NULL));
  b = rct_xt_merge (w->unit, down, TRUE);
  g_assert_cmpuint (b->refused, ==, 0);
  value = rct_xt_problem_field (w->unit, "2021-040", "description");
  g_assert_cmpstr (value, ==, "办公室 后来 改 的");

  /* The unit's second: the office merged its first, so only what came
   * since (the office's change, now in the unit's journal). */
  up2 = rct_xt_export (w->unit, w->dir);
  g_assert_true (report_has (up2, "full=\"false\""));
  g_assert_cmpuint (count_in (up2, "<problem "), ==, 1);
  g_assert_true (report_has (up2, "<number>2021-040</number>"));
  c = rct_xt_merge (w->office, up2, TRUE);
  g_assert_cmpuint (c->refused, ==, 0);
  g_assert_cmpuint (c->conflicts, ==, 0);
}

/* A report lost on the way is never acknowledged: its events come again
 * in the next one. --full carries everything. The same reports merged
 * twice and out of order give the same ledger as in order. */
static void
test_acks_lost_twice_out_of_order (World         *w,
                                   gconstpointer  data)
{
  g_autofree char *peer = unit_uuid (w);
  g_autofree char *up = NULL, *down = NULL, *lost = NULL, *next = NULL, *full = NULL;
  g_autofree char *copy = rct_test_ledger_location (w->dir, "办公室 副本.db");
  g_autofree char *in_order = NULL, *any_order = NULL;
  g_autoptr(RctMergePlan) a = NULL, b = NULL;

  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  up = rct_xt_export (w->unit, w->dir);
  a = rct_xt_merge (w->office, up, TRUE);
  down = rct_xt_export_for (w->office, w->dir, peer, FALSE);
  b = rct_xt_merge (w->unit, down, TRUE);

  /* A measure, in a report that never arrives. */
  rct_xt_add_measure (w->unit, "2021-026", "丢失 的 报告 里 的 措施", FALSE);
  lost = rct_xt_export (w->unit, w->dir);
  g_assert_cmpuint (count_in (lost, "<problem "), ==, 1);
  /* A problem of the unit's own, in the next. */
  {
    g_autoptr(RctStore) store = rct_xt_open (w->unit);
    rct_test_add_problem (store, "回河派出所", "2021-05-10", "2021-06-30", "单位 自查 的 问题");
    rct_store_close (store);
  }
  next = rct_xt_export (w->unit, w->dir);
  g_assert_cmpuint (count_in (next, "<problem "), ==, 2);
  g_assert_true (report_has (next, "丢失 的 报告 里 的 措施"));
  g_assert_true (report_has (next, "<number>HH-2021-001</number>"));
  full = rct_xt_export_for (w->unit, w->dir, NULL, TRUE);
  g_assert_true (report_has (full, "full=\"true\""));
  g_assert_cmpuint (count_in (full, "<problem "), >=, 42);

  /* In order, into a copy of the office's ledger. */
  rct_test_copy_ledger (w->office, copy);
  g_clear_pointer (&a, rct_merge_plan_free);
  a = rct_xt_merge (copy, lost, TRUE);
  g_clear_pointer (&a, rct_merge_plan_free);
  a = rct_xt_merge (copy, next, TRUE);
  in_order = rct_xt_dump (copy, state_sql);
  /* The next first, then the lost one late, then the next again. */
  g_clear_pointer (&a, rct_merge_plan_free);
  a = rct_xt_merge (w->office, next, TRUE);
  g_clear_pointer (&a, rct_merge_plan_free);
  a = rct_xt_merge (w->office, lost, TRUE);
  g_assert_cmpuint (a->changed + a->added + a->conflicts + a->refused, ==, 0);
  g_clear_pointer (&a, rct_merge_plan_free);
  a = rct_xt_merge (w->office, next, TRUE);
  g_assert_cmpuint (a->changed + a->added + a->conflicts + a->refused, ==, 0);
  any_order = rct_xt_dump (w->office, state_sql);
  g_assert_cmpstr (any_order, ==, in_order);
  g_assert_true (strstr (any_order, "丢失 的 报告 里 的 措施") != NULL);
  g_assert_true (strstr (any_order, "HH-2021-001") != NULL);
}

/* An acknowledgement counts for reports of the same scope only: the unit
 * that merged the office's whole report holds all of it, but a report of
 * another scope (one unit's problems, a period) starts full. */
static void
test_acks_same_scope_only (World         *w,
                           gconstpointer  data)
{
  g_autofree char *peer = unit_uuid (w);
  g_autofree char *up = NULL;
  g_autofree char *same = NULL;
  g_autofree char *other = g_build_filename (w->dir, "只 回河.xml", NULL);
  g_autoptr(RctMergePlan) a = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *units[] = { "回河派出所", NULL };
  RctScope scope = { NULL, NULL, (char **) units };

  up = rct_xt_export (w->unit, w->dir);
  a = rct_xt_merge (w->office, up, TRUE);
  same = rct_xt_export_for (w->office, w->dir, peer, FALSE);
  g_assert_true (report_has (same, "full=\"false\""));
  store = rct_xt_open (w->office);
  g_assert_true (rct_report_export_exchange (store, &scope, NULL, NULL, other, peer, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  rct_store_close (store);
  g_assert_true (report_has (other, "full=\"true\""));
  g_assert_true (rct_report_validate (other, NULL, NULL, NULL));
}

/* Two reports of the unit, imported in either order, or one twice, give
 * the same office ledger. */
static void
test_any_order_same_ledger (World         *w,
                            gconstpointer  data)
{
  g_autofree char *first = NULL, *second = NULL;
  g_autofree char *copy_a = rct_test_ledger_location (w->dir, "甲 副本.db");
  g_autofree char *copy_b = rct_test_ledger_location (w->dir, "乙 副本.db");
  const char *sql = "SELECT p.uuid, p.status, p.description, (SELECT count(*) FROM measure m WHERE m.problem_id = p.id),"
                    " (SELECT count(*) FROM journal j WHERE j.record_uuid = p.uuid) FROM problem p ORDER BY p.uuid";
  g_autofree char *a = NULL, *b = NULL;

  rct_test_copy_ledger (w->office, copy_a);
  rct_test_copy_ledger (w->office, copy_b);
  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  rct_xt_set_problem_field (w->unit, "2021-040", "description", "第一 份 报告 之后");
  first = rct_xt_export (w->unit, w->dir);
  rct_xt_add_measure (w->unit, "2021-026", "第二 份 的 措施", TRUE);
  rct_xt_act (w->unit, "2021-026", RCT_ACTION_SUBMIT);
  second = rct_xt_export (w->unit, w->dir);

  rct_merge_plan_free (rct_xt_merge (copy_a, first, TRUE));
  rct_merge_plan_free (rct_xt_merge (copy_a, second, TRUE));
  rct_merge_plan_free (rct_xt_merge (copy_b, second, TRUE));
  rct_merge_plan_free (rct_xt_merge (copy_b, first, TRUE));
  rct_merge_plan_free (rct_xt_merge (copy_b, second, TRUE));
  a = rct_xt_dump (copy_a, sql);
  b = rct_xt_dump (copy_b, sql);
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, "awaiting-verification"));
}

/* The preview writes nothing and tells what the apply then does. */
static void
test_preview_writes_nothing (World         *w,
                             gconstpointer  data)
{
  g_autoptr(RctMergePlan) preview = NULL;
  g_autoptr(RctMergePlan) applied = NULL;
  g_autofree char *report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  rct_xt_act (w->unit, "2021-029", RCT_ACTION_START);
  rct_xt_set_problem_field (w->office, "2021-040", "description", "办公室 的 说法");
  rct_xt_set_problem_field (w->unit, "2021-040", "description", "单位 的 说法");
  report = rct_xt_export (w->unit, w->dir);
  rct_xt_trust (w->office, report);
  before = rct_test_file_checksum (w->office);
  preview = rct_xt_merge (w->office, report, FALSE);
  after = rct_test_file_checksum (w->office);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (preview->organisation, ==, "回河派出所");
  g_assert_cmpuint (preview->changed, ==, 1);
  g_assert_cmpuint (preview->conflicts, ==, 1);
  g_assert_cmpuint (preview->refused, ==, 1);
  applied = rct_xt_merge (w->office, report, TRUE);
  g_assert_cmpuint (applied->added, ==, preview->added);
  g_assert_cmpuint (applied->changed, ==, preview->changed);
  g_assert_cmpuint (applied->unchanged, ==, preview->unchanged);
  g_assert_cmpuint (applied->conflicts, ==, preview->conflicts);
  g_assert_cmpuint (applied->refused, ==, preview->refused);
  g_assert_cmpuint (applied->items->len, ==, preview->items->len);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GAsyncResult **out = data;
  *out = g_object_ref (result);
}

/* The preview and apply in a thread, and a cancelled apply changes
 * nothing. */
static void
test_async_and_cancel (World         *w,
                       gconstpointer  data)
{
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RctMergePlan) plan = NULL;
  g_autofree char *report = NULL;
  g_autofree char *status = NULL;
  GAsyncResult *result = NULL;

  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  report = rct_xt_export (w->unit, w->dir);
  rct_xt_trust (w->office, report);
  store = rct_xt_open (w->office);

  rct_merge_preview_async (store, report, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  plan = rct_merge_preview_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->changed, ==, 1);
  g_clear_object (&result);
  g_clear_pointer (&plan, rct_merge_plan_free);

  g_cancellable_cancel (cancellable);
  rct_merge_apply_async (store, report, cancellable, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  plan = rct_merge_apply_finish (store, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (plan);
  g_clear_error (&error);
  g_clear_object (&result);
  status = rct_xt_problem_field (w->office, "2021-026", "status");
  g_assert_cmpstr (status, ==, "registered");

  rct_merge_apply_async (store, report, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  plan = rct_merge_apply_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->changed, ==, 1);
  g_clear_object (&result);
  g_free (status);
  status = rct_xt_problem_field (w->office, "2021-026", "status");
  g_assert_cmpstr (status, ==, "rectifying");
  rct_store_close (store);
}

/* import-report --dry-run --json names what would change and writes
 * nothing; conflicts list --json and resolve. */
static void
test_cli_dry_run_and_conflicts (World         *w,
                                gconstpointer  data)
{
  g_autofree char *report = NULL;
  g_autofree char *out = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *value = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *root;
  JsonArray *items;
  gboolean named = FALSE;

  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  rct_xt_set_problem_field (w->office, "2021-040", "description", "办公室 的 说法");
  rct_xt_set_problem_field (w->unit, "2021-040", "description", "单位 的 说法");
  report = rct_xt_export (w->unit, w->dir);
  rct_xt_trust (w->office, report);
  before = rct_test_file_checksum (w->office);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", w->office, "import-report", report, "--dry-run", "--json",
                                     NULL), ==, 0);
  after = rct_test_file_checksum (w->office);
  g_assert_cmpstr (before, ==, after);
  node = json_from_string (out, NULL);
  root = json_node_get_object (node);
  g_assert_true (json_object_get_boolean_member (root, "dryRun"));
  g_assert_cmpstr (json_object_get_string_member (root, "organisation"), ==, "回河派出所");
  g_assert_cmpint (json_object_get_int_member (root, "changed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "conflicts"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (json_object_get_object_member (root, "byKind"), "problem"),
                     "conflict"), ==, 1);
  items = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      if (g_str_equal (json_object_get_string_member (item, "outcome"), "changed") &&
          g_str_equal (json_object_get_string_member (item, "label"), "2021-026"))
        named = TRUE;
    }
  g_assert_true (named);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", w->office, "import-report", report, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "conflict problem 2021-040 (description)"));
  g_assert_nonnull (strstr (out, "changed problem 2021-026"));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", w->office, "conflicts", "list", "--json", NULL), ==, 0);
  list = json_from_string (out, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  {
    JsonObject *c = json_array_get_object_element (json_node_get_array (list), 0);
    g_assert_cmpstr (json_object_get_string_member (c, "theirs"), ==, "单位 的 说法");
    g_assert_cmpstr (json_object_get_string_member (c, "theirsBy"), ==, "回河派出所");
    g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", w->office, "conflicts", "resolve",
                                       json_object_get_string_member (c, "uuid"), "--keep", "sideways", NULL), ==, 2);
    g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", w->office, "conflicts", "resolve",
                                       json_object_get_string_member (c, "uuid"), "--keep", "theirs", NULL), ==, 0);
  }
  value = rct_xt_problem_field (w->office, "2021-040", "description");
  g_assert_cmpstr (value, ==, "单位 的 说法");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", w->office, "conflicts", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "No open conflicts"));
}

/* A copy of @report with one more event of problem @number: @field
 * from @from to @to, by the report's maker, and the problem's @field
 * @to, the counts kept right. */
static char *
forge_event (World      *w,
             const char *report,
             const char *number,
             const char *field,
             const char *from,
             const char *to)
{
  static guint serial;
  g_autofree char *name = g_strdup_printf ("伪造 事件 %u.xml", ++serial);
  char *path = g_build_filename (w->dir, name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *event_uuid = g_uuid_string_random ();
  g_autofree char *pattern = g_strdup_printf ("<problem [^>]*uuid=\"([^\"]+)\"[^>]*>\\s*<number>%s<", number);
  g_autoptr(GRegex) find = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GRegex) counts = g_regex_new (" journal=\"([0-9]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) edited = NULL;
  g_autofree char *event = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *count_new = NULL;
  const char *end;

  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  g_assert_true (g_regex_match (find, text, 0, &match));
  uuid = g_match_info_fetch (match, 1);
  end = strstr (strstr (text, uuid), "</problem>");
  g_assert_nonnull (end);
  event = g_strdup_printf ("<journal uuid=\"%s\" createdAt=\"2021-05-19T08:00:00Z\" updatedAt=\"2021-05-19T08:00:00Z\">"
                           "<record_table>problem</record_table><record_uuid>%s</record_uuid>"
                           "<record_label>%s</record_label><field>%s</field><old_value>%s</old_value>"
                           "<new_value>%s</new_value><who>伪造者</who><at>2021-05-19T08:00:00Z</at></journal>",
                           event_uuid, uuid, number, field, from, to);
  edited = g_string_new_len (text, end - text);
  g_string_append (edited, event);
  g_string_append (edited, end);
  /* The record as the forger's ledger would hold it after its event. */
  {
    g_autofree char *was = g_strdup_printf ("<%s>%s</%s>", field, from, field);
    g_autofree char *now = g_strdup_printf ("<%s>%s</%s>", field, to, field);
    char *record = strstr (edited->str, uuid);
    char *at = strstr (record, was);
    gsize offset = at - edited->str;

    g_assert_nonnull (at);
    g_string_erase (edited, offset, strlen (was));
    g_string_insert (edited, offset, now);
  }
  g_clear_pointer (&match, g_match_info_free);
  g_assert_true (g_regex_match (counts, edited->str, 0, &match));
  count_text = g_match_info_fetch (match, 0);
  {
    g_autofree char *digits = g_match_info_fetch (match, 1);
    count_new = g_strdup_printf (" journal=\"%d\"", atoi (digits) + 1);
  }
  g_string_replace (edited, count_text, count_new, 1);
  g_assert_true (g_file_set_contents (path, edited->str, edited->len, NULL));
  /* The unit itself forging: signed with its own key. */
  rct_test_sign_again (w->unit, path);
  return path;
}

/* A unit's event that jumps 2021-026 from registered to closed: refused
 * with its reason, the problem as it was. */
static void
test_status_jump_refused (World         *w,
                          gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autofree char *report = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *status = NULL;
  const RctMergeItem *item;

  rct_xt_set_problem_field (w->unit, "2021-040", "description", "单位 的 说法");
  report = rct_xt_export (w->unit, w->dir);
  forged = forge_event (w, report, "2021-026", "status", "registered", "closed");
  plan = rct_xt_merge (w->office, forged, TRUE);
  item = rct_xt_find_item (plan, RCT_MERGE_REFUSED, "2021-026", "status");
  g_assert_nonnull (item);
  g_assert_nonnull (strstr (item->reason, "not one step of the workflow"));
  g_assert_nonnull (rct_xt_find_item (plan, RCT_MERGE_CHANGED, "2021-040", NULL));
  status = rct_xt_problem_field (w->office, "2021-026", "status");
  g_assert_cmpstr (status, ==, "registered");
}

/* Events go through the workflow's gates as the merge leaves the problem:
 * submitted with a measure still open is refused (the start before it
 * applied); with the measure done, the real submit is taken. */
static void
test_gates_checked (World         *w,
                    gconstpointer  data)
{
  g_autoptr(RctMergePlan) plan = NULL;
  g_autoptr(RctMergePlan) later = NULL;
  g_autofree char *report = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *status = NULL;
  const RctMergeItem *item;
  gint64 measure;

  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  measure = rct_xt_add_measure (w->unit, "2021-026", "尚未 完成 的 措施", FALSE);
  report = rct_xt_export (w->unit, w->dir);
  forged = forge_event (w, report, "2021-026", "status", "rectifying", "awaiting-verification");
  plan = rct_xt_merge (w->office, forged, TRUE);
  item = rct_xt_find_item (plan, RCT_MERGE_REFUSED, "2021-026", "status");
  g_assert_nonnull (item);
  g_test_message ("%s", item->reason);
  g_assert_nonnull (strstr (item->reason, "without what that needs"));
  status = rct_xt_problem_field (w->office, "2021-026", "status");
  g_assert_cmpstr (status, ==, "rectifying");

  {
    g_autoptr(RctStore) store = rct_xt_open (w->unit);
    g_autoptr(GError) error = NULL;
    g_assert_true (rct_store_measure_done (store, measure, "2021-05-19", &error));
    g_assert_no_error (error);
    rct_store_close (store);
  }
  rct_xt_act (w->unit, "2021-026", RCT_ACTION_SUBMIT);
  later = rct_xt_send (w->unit, w->office, w->dir);
  g_assert_cmpuint (later->refused, ==, 0);
  g_free (status);
  status = rct_xt_problem_field (w->office, "2021-026", "status");
  g_assert_cmpstr (status, ==, "awaiting-verification");
}

/* export-report --for ORG: the office's report to one unit carries the
 * problems assigned there, whichever way the unit is named; an unknown
 * one is a sentence. */
static void
test_cli_report_for_unit (World         *w,
                          gconstpointer  data)
{
  g_autofree char *by_code = g_build_filename (w->dir, "给 回河.xml", NULL);
  g_autofree char *by_uuid = g_build_filename (w->dir, "给 回河 二.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *uuid = rct_xt_dump (w->office, "SELECT uuid FROM unit WHERE name = '回河派出所'");
  g_autofree char *expected = rct_xt_dump (w->office, "SELECT count(*) FROM problem p JOIN unit u ON u.id = p.unit_id"
                                                      " WHERE u.name = '回河派出所'");
  g_autoptr(RctMergePlan) up = NULL;
  guint problems = 0;

  /* The office knows the unit's code once the unit has reported. */
  rct_xt_act (w->unit, "2021-026", RCT_ACTION_START);
  up = rct_xt_send (w->unit, w->office, w->dir);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", w->office, "export-report", "--for", "HH", by_code, NULL), ==, 0);
  g_assert_true (g_file_get_contents (by_code, &text, NULL, NULL));
  for (const char *p = strstr (text, "<problem "); p != NULL; p = strstr (p + 1, "<problem "))
    problems++;
  g_assert_cmpuint (problems, ==, g_ascii_strtoull (expected, NULL, 10));
  g_assert_cmpuint (problems, <, 41);
  /* Full: the unit acknowledged only the office's whole report, not one
   * of its own problems. */
  g_assert_nonnull (strstr (text, "full=\"true\""));
  {
    g_autoptr(RctMergePlan) down = rct_xt_merge (w->unit, by_code, TRUE);
    g_autoptr(RctMergePlan) again = rct_xt_send (w->unit, w->office, w->dir);
  }
  /* Once it acknowledged that, only what changed since; --full all. */
  rct_xt_set_problem_field (w->office, "2021-026", "mechanism", "办公室 的 长效 机制");
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", w->office, "export-report", "--for", uuid, by_uuid, NULL), ==, 0);
  g_assert_true (rct_report_validate (by_uuid, NULL, NULL, NULL));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (by_uuid, &text, NULL, NULL));
  problems = 0;
  for (const char *p = strstr (text, "<problem "); p != NULL; p = strstr (p + 1, "<problem "))
    problems++;
  g_assert_cmpuint (problems, ==, 1);
  g_assert_nonnull (strstr (text, "<number>2021-026</number>"));
  g_assert_nonnull (strstr (text, "full=\"false\""));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", w->office, "export-report", "--for", "HH", "--full", by_uuid,
                                     NULL), ==, 0);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (by_uuid, &text, NULL, NULL));
  problems = 0;
  for (const char *p = strstr (text, "<problem "); p != NULL; p = strstr (p + 1, "<problem "))
    problems++;
  g_assert_cmpuint (problems, ==, g_ascii_strtoull (expected, NULL, 10));
  g_assert_nonnull (strstr (text, "full=\"true\""));
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", w->office, "export-report", "--for", "ZZ", by_code, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No unit here is"));
}

/* A report that refers to a record this ledger does not know (here the
 * unit's new officer, cut from the file): the problem is kept pending,
 * listed, and merged when a report with the officer arrives. */
static void
test_unknown_reference_pending (World         *w,
                                gconstpointer  data)
{
  g_autoptr(RctMergePlan) cut_plan = NULL;
  g_autoptr(RctMergePlan) full_plan = NULL;
  g_autofree char *report = NULL;
  g_autofree char *cut = g_build_filename (w->dir, "缺 人员.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *number = NULL;
  g_autofree char *waiting = NULL;
  g_autoptr(GRegex) person = g_regex_new ("<person [^>]*>\\s*<name>新来 的 民警</name>(?:.|\\n)*?</person>\\s*",
                                          0, 0, NULL);
  g_autoptr(GRegex) people = g_regex_new (" people=\"([0-9]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", w->unit, "person", "add", "新来 的 民警", "--unit", "回河派出所",
                                     NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", w->unit, "problem", "add", "--description", "等人 的 问题",
                                     "--source", "self-inspection", "--unit", "回河派出所", "--deadline", "2021-06-30",
                                     "--responsible", "新来 的 民警", NULL), ==, 0);
  report = rct_xt_export (w->unit, w->dir);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  edited = g_regex_replace_literal (person, text, -1, 0, "", 0, NULL);
  g_assert_cmpstr (edited, !=, text);
  g_assert_true (g_regex_match (people, edited, 0, &match));
  {
    g_autofree char *digits = g_match_info_fetch (match, 1);
    g_autofree char *was = g_strdup_printf (" people=\"%s\"", digits);
    g_autofree char *now = g_strdup_printf (" people=\"%d\"", atoi (digits) - 1);
    g_autoptr(GString) fixed = g_string_new (edited);
    g_string_replace (fixed, was, now, 1);
    g_assert_true (g_file_set_contents (cut, fixed->str, fixed->len, NULL));
  }
  rct_test_sign_again (w->unit, cut);

  cut_plan = rct_xt_merge (w->office, cut, TRUE);
  g_assert_cmpuint (cut_plan->pending, ==, 1);
  g_assert_nonnull (rct_xt_find_item (cut_plan, RCT_MERGE_PENDING, "HH-2021-001", NULL));
  number = rct_xt_dump (w->office, "SELECT count(*) FROM problem WHERE number = 'HH-2021-001'");
  g_assert_cmpstr (number, ==, "0");

  full_plan = rct_xt_merge (w->office, report, TRUE);
  g_assert_cmpuint (full_plan->pending, ==, 0);
  g_assert_nonnull (rct_xt_find_item (full_plan, RCT_MERGE_ADDED, "HH-2021-001", NULL));
  g_free (number);
  number = rct_xt_dump (w->office, "SELECT r.name FROM problem p JOIN person r ON r.id = p.responsible_id"
                                   " WHERE p.number = 'HH-2021-001'");
  g_assert_cmpstr (number, ==, "新来 的 民警");
  waiting = rct_xt_dump (w->office, "SELECT count(*) FROM merge_pending");
  g_assert_cmpstr (waiting, ==, "0");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("RECTIFY_TODAY", "2021-05-20", TRUE);

#define ADD(path, func) g_test_add (path, World, NULL, world_set_up, func, world_tear_down)
  ADD ("/exchange/events/unit-rectification-applied", test_rectification_applied);
  ADD ("/exchange/sides/unit-report-closing-refused", test_unit_cannot_close);
  ADD ("/exchange/sides/other-units-record-refused", test_other_units_record_refused);
  ADD ("/exchange/hostile/future-timestamp-refused", test_future_timestamp_refused);
  ADD ("/exchange/hostile/status-jump-refused", test_status_jump_refused);
  ADD ("/exchange/hostile/unknown-reference-kept-pending", test_unknown_reference_pending);
  ADD ("/exchange/events/gates-checked-in-chain-order", test_gates_checked);
  ADD ("/exchange/conflict/kept-listed-resolved", test_conflict_kept_and_resolved);
  ADD ("/exchange/events/any-order-same-ledger", test_any_order_same_ledger);
  g_test_add ("/exchange/conflict/settled-opposite-ways/office-first", World, GINT_TO_POINTER (TRUE), world_set_up,
              test_settled_opposite_ways, world_tear_down);
  g_test_add ("/exchange/conflict/settled-opposite-ways/unit-first", World, GINT_TO_POINTER (FALSE), world_set_up,
              test_settled_opposite_ways, world_tear_down);
  ADD ("/exchange/conflict/settled-after-moving-on", test_settled_after_moving_on);
  ADD ("/exchange/acks/second-report-only-new", test_acks_only_new);
  ADD ("/exchange/acks/lost-twice-out-of-order-and-full", test_acks_lost_twice_out_of_order);
  ADD ("/exchange/acks/same-scope-only", test_acks_same_scope_only);
  ADD ("/exchange/preview/writes-nothing", test_preview_writes_nothing);
  ADD ("/exchange/preview/async-and-cancelled", test_async_and_cancel);
  ADD ("/exchange/cli/dry-run-json-and-conflicts", test_cli_dry_run_and_conflicts);
  ADD ("/exchange/cli/report-for-one-unit", test_cli_report_for_unit);
#undef ADD
  return g_test_run ();
}
