/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-schema.h"
#include "rct-test-util.h"

/* The campaign's set-up as the office does it: each record kind made,
 * edited field by field in the journal, and renamed without losing a link. */

typedef struct
{
  char     *dir;
  RctStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rct_clock_set_today ("2021-05-20");
  f->store = rct_test_open_new (&f->dir);
  rct_store_set_operator (f->store, "办公室 王芳");
  rct_store_seed_empty (f->store, &error);
  g_assert_no_error (error);
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

/* The journal entry of @field, the last one of the record. */
static RctJournalEntry *
find_journal (RctStore   *store,
              RctKind     kind,
              gint64      id,
              const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rct_store_list_journal (store, kind, id, &error);

  g_assert_no_error (error);
  for (guint i = entries->len; i > 0; i--)
    {
      RctJournalEntry *entry = g_ptr_array_index (entries, i - 1);
      if (g_str_equal (entry->field, field))
        return g_object_ref (entry);
    }
  return NULL;
}

static void
assert_journal (RctStore   *store,
                RctKind     kind,
                gint64      id,
                const char *field,
                const char *old_value,
                const char *new_value)
{
  g_autoptr(RctJournalEntry) entry = find_journal (store, kind, id, field);

  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->old_value, ==, old_value);
  g_assert_cmpstr (entry->new_value, ==, new_value);
  g_assert_cmpstr (entry->who, ==, "办公室 王芳");
}

static gint64
first_id (RctStore *store,
          RctKind   kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rct_store_list_ids (store, kind, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  return g_array_index (ids, gint64, 0);
}

static void
test_seed_usual_groups (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = rct_store_list (f->store, RCT_KIND_WORKING_GROUP, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 6);
  for (guint i = 0; i < groups->len; i++)
    {
      RctWorkingGroup *group = g_ptr_array_index (groups, i);

      g_assert_nonnull (rct_usual_group_names[i]);
      g_assert_cmpstr (group->name, ==, rct_usual_group_names[i]);
      g_assert_null (strstr (group->name, "Working group"));
    }
  g_assert_null (rct_usual_group_names[6]);
}

/* A ledger made without a campaign gets one, with its phases, and keeps
 * the groups it has. */
static void
test_seed_what_lacks (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  rct_store_create_va (store, RCT_KIND_WORKING_GROUP, NULL, &error, "name", "综合组", NULL);
  g_assert_no_error (error);
  g_assert_true (rct_store_seed_empty (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_CAMPAIGN), ==, 1);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PHASE), ==, 3);
  groups = rct_store_list (store, RCT_KIND_WORKING_GROUP, NULL, NULL);
  g_assert_cmpuint (groups->len, ==, 1);
  /* Again: nothing more. */
  g_assert_true (rct_store_seed_empty (store, &error));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_CAMPAIGN), ==, 1);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PHASE), ==, 3);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_campaign_edit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCampaign) campaign = NULL;
  gint64 id = first_id (f->store, RCT_KIND_CAMPAIGN);

  rct_store_update_va (f->store, RCT_KIND_CAMPAIGN, id, NULL, &error,
                       "name", "回河县公安局队伍教育整顿", "leader", "纪东明",
                       "deputy_leaders", "李卫国、周建华", "leading_members", "各部门主要负责人",
                       "office", "办公室设在政治处，主任 赵明", NULL);
  g_assert_no_error (error);
  campaign = rct_store_get (f->store, RCT_KIND_CAMPAIGN, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (campaign->name, ==, "回河县公安局队伍教育整顿");
  g_assert_cmpstr (campaign->leader, ==, "纪东明");
  g_assert_cmpstr (campaign->deputy_leaders, ==, "李卫国、周建华");
  g_assert_cmpstr (campaign->office, ==, "办公室设在政治处，主任 赵明");
  assert_journal (f->store, RCT_KIND_CAMPAIGN, id, "name", "Education and rectification campaign",
                  "回河县公安局队伍教育整顿");
  assert_journal (f->store, RCT_KIND_CAMPAIGN, id, "leader", NULL, "纪东明");

  /* A required name cannot be cleared; nothing changes. */
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_CAMPAIGN, id, NULL, &error, "name", " ", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_object (&campaign);
  campaign = rct_store_get (f->store, RCT_KIND_CAMPAIGN, id, NULL);
  g_assert_cmpstr (campaign->name, ==, "回河县公安局队伍教育整顿");
}

static void
test_phase_dates (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctPhase) phase = NULL;
  gint64 id = first_id (f->store, RCT_KIND_PHASE);

  rct_store_update_va (f->store, RCT_KIND_PHASE, id, NULL, &error,
                       "start_date", "2021-03-01", "end_date", "2021-04-15", NULL);
  g_assert_no_error (error);
  assert_journal (f->store, RCT_KIND_PHASE, id, "end_date", NULL, "2021-04-15");

  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PHASE, id, NULL, &error,
                                       "end_date", "2021-02-01", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PHASE, id, NULL, &error,
                                       "start_date", "2021-02-30", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  phase = rct_store_get (f->store, RCT_KIND_PHASE, id, NULL);
  g_assert_cmpstr (phase->start_date, ==, "2021-03-01");
  g_assert_cmpstr (phase->end_date, ==, "2021-04-15");
}

static void
test_unit_edit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctUnit) unit = NULL;
  gint64 id = 0, other = 0;

  rct_store_create_va (f->store, RCT_KIND_UNIT, &id, &error, "name", "回河派出所", "code", "HH",
                       "kind", "派出所", "head", "张建国", NULL);
  g_assert_no_error (error);
  rct_store_create_va (f->store, RCT_KIND_UNIT, &other, &error, "name", "交警大队", NULL);
  g_assert_no_error (error);
  unit = rct_store_get (f->store, RCT_KIND_UNIT, id, &error);
  g_assert_cmpstr (unit->code, ==, "HH");
  g_assert_cmpstr (unit->head, ==, "张建国");
  g_assert_true (unit->active);

  rct_store_update_va (f->store, RCT_KIND_UNIT, id, "换届", &error, "head", "刘志强", NULL);
  g_assert_no_error (error);
  assert_journal (f->store, RCT_KIND_UNIT, id, "head", "张建国", "刘志强");

  /* A code is a few letters or digits, and one unit's only. */
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_UNIT, other, NULL, &error, "code", "HH", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "回河派出所"));
  g_clear_error (&error);
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_UNIT, other, NULL, &error, "code", "交警/..", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  rct_store_update_va (f->store, RCT_KIND_UNIT, other, NULL, &error, "code", "JJ", NULL);
  g_assert_no_error (error);
  /* Its own code again is no clash. */
  rct_store_update_va (f->store, RCT_KIND_UNIT, id, NULL, &error, "code", "HH", "kind", "所队", NULL);
  g_assert_no_error (error);
}

static void
test_unit_retire (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RctFilter filter = { 0 };
  gint64 id = 0;

  rct_store_create_va (f->store, RCT_KIND_UNIT, &id, &error, "name", "回河派出所", NULL);
  rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "交警大队", NULL);
  g_assert_no_error (error);
  rct_test_add_problem (f->store, "回河派出所", "2021-04-20", "2021-05-20", NULL);

  rct_store_update_va (f->store, RCT_KIND_UNIT, id, "撤并", &error, "active", "0", NULL);
  g_assert_no_error (error);
  assert_journal (f->store, RCT_KIND_UNIT, id, "active", "1", "0");
  filter.status = "active";
  g_assert_cmpint (rct_store_count (f->store, RCT_KIND_UNIT, &filter, NULL), ==, 1);
  filter.status = "retired";
  g_assert_cmpint (rct_store_count (f->store, RCT_KIND_UNIT, &filter, NULL), ==, 1);
  /* Its problems stay where they were; it takes no new one until restored. */
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_PROBLEM), ==, 1);
  g_assert_false (rct_store_create_va (f->store, RCT_KIND_PROBLEM, NULL, &error, "description", "新问题",
                                       "source", "self-inspection", "unit", "回河派出所",
                                       "found_date", "2021-05-20", "deadline", "2021-06-20", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "回河派出所"));
  g_clear_error (&error);
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_PROBLEM), ==, 1);
  rct_store_update_va (f->store, RCT_KIND_UNIT, id, NULL, &error, "active", "1", NULL);
  g_assert_no_error (error);
  rct_store_create_va (f->store, RCT_KIND_PROBLEM, NULL, &error, "description", "新问题",
                       "source", "self-inspection", "unit", "回河派出所",
                       "found_date", "2021-05-20", "deadline", "2021-06-20", NULL);
  g_assert_no_error (error);
}

static void
test_unit_rename_keeps_links (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctUnit) before = NULL;
  g_autoptr(RctUnit) after = NULL;
  g_autoptr(RctProblem) problem = NULL;
  g_autoptr(RctTask) task = NULL;
  g_autoptr(RctPerson) person = NULL;
  g_autoptr(RctFeedback) feedback = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  gint64 unit_id = 0, task_id = 0, person_id = 0, supervisor_id = 0, feedback_id = 0, problem_id;
  RctFilter filter = { 0 };

  rct_store_create_va (f->store, RCT_KIND_UNIT, &unit_id, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  problem_id = rct_test_add_problem (f->store, "回河派出所", "2021-04-20", "2021-05-20", NULL);
  rct_store_create_va (f->store, RCT_KIND_TASK, &task_id, &error, "group", rct_usual_group_names[2],
                       "title", "案件评查", "unit", "回河派出所", NULL);
  g_assert_no_error (error);
  rct_store_create_va (f->store, RCT_KIND_PERSON, &person_id, &error, "name", "李明", "unit", "回河派出所", NULL);
  g_assert_no_error (error);
  rct_store_create_va (f->store, RCT_KIND_SUPERVISOR, &supervisor_id, &error, "name", "陈红",
                       "category", "deputy", NULL);
  rct_store_create_va (f->store, RCT_KIND_FEEDBACK, &feedback_id, &error, "supervisor", "陈红",
                       "received_date", "2021-05-01", "unit", "回河派出所", "content", "窗口排队久",
                       "kind", "complaint", NULL);
  g_assert_no_error (error);
  before = rct_store_get (f->store, RCT_KIND_UNIT, unit_id, NULL);

  rct_store_update_va (f->store, RCT_KIND_UNIT, unit_id, NULL, &error, "name", "回河中心派出所", NULL);
  g_assert_no_error (error);

  after = rct_store_get (f->store, RCT_KIND_UNIT, unit_id, NULL);
  g_assert_cmpstr (rct_record_get_uuid (RCT_RECORD (after)), ==, rct_record_get_uuid (RCT_RECORD (before)));
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, problem_id, NULL);
  g_assert_cmpstr (problem->unit_name, ==, "回河中心派出所");
  task = rct_store_get (f->store, RCT_KIND_TASK, task_id, NULL);
  g_assert_cmpstr (task->unit_name, ==, "回河中心派出所");
  person = rct_store_get (f->store, RCT_KIND_PERSON, person_id, NULL);
  g_assert_cmpstr (person->unit_name, ==, "回河中心派出所");
  feedback = rct_store_get (f->store, RCT_KIND_FEEDBACK, feedback_id, NULL);
  g_assert_cmpstr (feedback->unit_name, ==, "回河中心派出所");
  filter.unit = "回河中心派出所";
  g_assert_cmpint (rct_store_count (f->store, RCT_KIND_PROBLEM, &filter, NULL), ==, 1);
  /* The history of the unit is one history, under both names. */
  journal = rct_store_list_journal (f->store, RCT_KIND_UNIT, unit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, ==, 2);
  assert_journal (f->store, RCT_KIND_UNIT, unit_id, "name", "回河派出所", "回河中心派出所");

  /* A name another unit has is refused, and nothing changes. */
  rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "交警大队", NULL);
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_UNIT, unit_id, NULL, &error, "name", "交警大队", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_object (&after);
  after = rct_store_get (f->store, RCT_KIND_UNIT, unit_id, NULL);
  g_assert_cmpstr (after->name, ==, "回河中心派出所");
}

/* 一岗双责: the unit's head answers for its problems and tasks unless the
 * office names another leader for one problem. */
static void
test_unit_head_leads (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;
  g_autoptr(RctProblem) other = NULL;
  g_autoptr(RctTask) task = NULL;
  gint64 unit_id = 0, problem_id = 0, other_id = 0, task_id = 0;

  rct_store_create_va (f->store, RCT_KIND_UNIT, &unit_id, &error, "name", "回河派出所", "head", "张建国", NULL);
  rct_store_create_va (f->store, RCT_KIND_PROBLEM, &problem_id, &error, "description", "台账不全",
                       "source", "self-inspection", "unit", "回河派出所",
                       "found_date", "2021-05-01", "deadline", "2021-06-01", NULL);
  rct_store_create_va (f->store, RCT_KIND_PROBLEM, &other_id, &error, "description", "值班不到位",
                       "source", "self-inspection", "unit", "回河派出所", "leader", "分管副所长 李强",
                       "found_date", "2021-05-01", "deadline", "2021-06-01", NULL);
  rct_store_create_va (f->store, RCT_KIND_TASK, &task_id, &error, "group", rct_usual_group_names[2],
                       "title", "案件评查", "unit", "回河派出所", NULL);
  g_assert_no_error (error);

  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, problem_id, NULL);
  g_assert_null (problem->leader);
  g_assert_cmpstr (problem->leader_name, ==, "张建国");
  other = rct_store_get (f->store, RCT_KIND_PROBLEM, other_id, NULL);
  g_assert_cmpstr (other->leader_name, ==, "分管副所长 李强");
  task = rct_store_get (f->store, RCT_KIND_TASK, task_id, NULL);
  g_assert_cmpstr (task->unit_head, ==, "张建国");

  /* A new head answers for the open problems from then on. */
  rct_store_update_va (f->store, RCT_KIND_UNIT, unit_id, "换届", &error, "head", "刘志强", NULL);
  g_assert_no_error (error);
  g_clear_object (&problem);
  g_clear_object (&other);
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, problem_id, NULL);
  g_assert_cmpstr (problem->leader_name, ==, "刘志强");
  other = rct_store_get (f->store, RCT_KIND_PROBLEM, other_id, NULL);
  g_assert_cmpstr (other->leader_name, ==, "分管副所长 李强");

  /* Naming a leader for one problem is journaled; clearing it goes back to the head. */
  rct_store_update_va (f->store, RCT_KIND_PROBLEM, problem_id, NULL, &error, "leader", "教导员 王五", NULL);
  g_assert_no_error (error);
  assert_journal (f->store, RCT_KIND_PROBLEM, problem_id, "leader", NULL, "教导员 王五");
  rct_store_update_va (f->store, RCT_KIND_PROBLEM, problem_id, NULL, &error, "leader", "", NULL);
  g_assert_no_error (error);
  g_clear_object (&problem);
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, problem_id, NULL);
  g_assert_cmpstr (problem->leader_name, ==, "刘志强");
}

static void
test_group_rename_keeps_links (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctWorkingGroup) group = NULL;
  g_autoptr(RctTask) task = NULL;
  g_autoptr(RctProblem) problem = NULL;
  gint64 group_id = first_id (f->store, RCT_KIND_WORKING_GROUP);
  gint64 task_id = 0, problem_id = 0;

  rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  rct_store_create_va (f->store, RCT_KIND_TASK, &task_id, &error, "group", rct_usual_group_names[0],
                       "title", "制定方案", NULL);
  rct_store_create_va (f->store, RCT_KIND_PROBLEM, &problem_id, &error, "description", "台账不全",
                       "source", "self-inspection", "unit", "回河派出所", "group", rct_usual_group_names[0],
                       "found_date", "2021-05-01", "deadline", "2021-06-01", NULL);
  g_assert_no_error (error);

  rct_store_update_va (f->store, RCT_KIND_WORKING_GROUP, group_id, NULL, &error, "name", "综合组",
                       "lead", "赵明", "members", "钱亮、孙丽", "remit", "统筹协调、督促检查", NULL);
  g_assert_no_error (error);
  group = rct_store_get (f->store, RCT_KIND_WORKING_GROUP, group_id, NULL);
  g_assert_cmpstr (group->name, ==, "综合组");
  g_assert_cmpstr (group->lead_name, ==, "赵明");
  g_assert_cmpstr (group->members, ==, "钱亮、孙丽");
  g_assert_cmpint (group->task_count, ==, 1);
  task = rct_store_get (f->store, RCT_KIND_TASK, task_id, NULL);
  g_assert_cmpstr (task->group_name, ==, "综合组");
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, problem_id, NULL);
  g_assert_cmpstr (problem->group_name, ==, "综合组");
  assert_journal (f->store, RCT_KIND_WORKING_GROUP, group_id, "name", rct_usual_group_names[0], "综合组");
  assert_journal (f->store, RCT_KIND_WORKING_GROUP, group_id, "members", NULL, "钱亮、孙丽");
  assert_journal (f->store, RCT_KIND_WORKING_GROUP, group_id, "lead", NULL, "赵明");
}

static void
test_person_rename_keeps_links (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctWorkingGroup) group = NULL;
  g_autoptr(RctProblem) problem = NULL;
  g_autoptr(RctPerson) person = NULL;
  gint64 group_id = first_id (f->store, RCT_KIND_WORKING_GROUP);
  gint64 person_id = 0, problem_id = 0;

  rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "交警大队", NULL);
  rct_store_create_va (f->store, RCT_KIND_PERSON, &person_id, &error, "name", "钱亮", "unit", "回河派出所",
                       "title", "教导员", NULL);
  g_assert_no_error (error);
  rct_store_update_va (f->store, RCT_KIND_WORKING_GROUP, group_id, NULL, &error, "lead", "钱亮",
                       "members", "钱亮、孙丽", NULL);
  rct_store_create_va (f->store, RCT_KIND_PROBLEM, &problem_id, &error, "description", "台账不全",
                       "source", "self-inspection", "unit", "回河派出所", "responsible", "钱亮",
                       "found_date", "2021-05-01", "deadline", "2021-06-01", NULL);
  g_assert_no_error (error);

  rct_store_update_va (f->store, RCT_KIND_PERSON, person_id, NULL, &error, "name", "钱明亮",
                       "unit", "交警大队", "title", "大队长", NULL);
  g_assert_no_error (error);
  person = rct_store_get (f->store, RCT_KIND_PERSON, person_id, NULL);
  g_assert_cmpstr (person->unit_name, ==, "交警大队");
  g_assert_cmpstr (person->title, ==, "大队长");
  group = rct_store_get (f->store, RCT_KIND_WORKING_GROUP, group_id, NULL);
  g_assert_cmpstr (group->lead_name, ==, "钱明亮");
  g_assert_cmpstr (group->members, ==, "钱明亮、孙丽");
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, problem_id, NULL);
  g_assert_cmpstr (problem->responsible_name, ==, "钱明亮");
  assert_journal (f->store, RCT_KIND_PERSON, person_id, "name", "钱亮", "钱明亮");
  assert_journal (f->store, RCT_KIND_PERSON, person_id, "unit", "回河派出所", "交警大队");
  assert_journal (f->store, RCT_KIND_PERSON, person_id, "title", "教导员", "大队长");
}

static void
test_supervisor_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctSupervisor) supervisor = NULL;
  g_autoptr(RctFeedback) feedback = NULL;
  gint64 id = 0, feedback_id = 0;

  rct_store_create_va (f->store, RCT_KIND_SUPERVISOR, &id, &error, "name", "陈红", "category", "deputy",
                       "appointed", "2021-03-01", NULL);
  rct_store_create_va (f->store, RCT_KIND_FEEDBACK, &feedback_id, &error, "supervisor", "陈红",
                       "received_date", "2021-05-01", "content", "窗口排队久", "kind", "complaint", NULL);
  g_assert_no_error (error);

  rct_store_update_va (f->store, RCT_KIND_SUPERVISOR, id, NULL, &error, "name", "陈红梅",
                       "category", "citizen", "organisation", "回河镇", "contact", "13800000000",
                       "appointed", "2021-03-05", "term_end", "2022-03-04", NULL);
  g_assert_no_error (error);
  supervisor = rct_store_get (f->store, RCT_KIND_SUPERVISOR, id, NULL);
  g_assert_cmpstr (supervisor->category, ==, "citizen");
  g_assert_cmpstr (supervisor->term_end, ==, "2022-03-04");
  g_assert_cmpint (supervisor->feedback_count, ==, 1);
  feedback = rct_store_get (f->store, RCT_KIND_FEEDBACK, feedback_id, NULL);
  g_assert_cmpstr (feedback->supervisor_name, ==, "陈红梅");
  assert_journal (f->store, RCT_KIND_SUPERVISOR, id, "name", "陈红", "陈红梅");
  assert_journal (f->store, RCT_KIND_SUPERVISOR, id, "appointed", "2021-03-01", "2021-03-05");
  assert_journal (f->store, RCT_KIND_SUPERVISOR, id, "term_end", NULL, "2022-03-04");

  /* A term that ends before the appointment is refused, nothing changes. */
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_SUPERVISOR, id, NULL, &error,
                                       "term_end", "2021-01-01", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_object (&supervisor);
  supervisor = rct_store_get (f->store, RCT_KIND_SUPERVISOR, id, NULL);
  g_assert_cmpstr (supervisor->term_end, ==, "2022-03-04");
}

/* A ledger from before the set-up fields: its units stay in service, its
 * problems are answered for by their unit's head, nothing else moves. */
static void
test_migrate_from_4 (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = rct_test_ledger_path (dir, "旧 台账.db");
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d", RCT_SCHEMA_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctUnit) unit = NULL;
  g_autoptr(RctProblem) problem = NULL;
  g_autoptr(RctCampaign) campaign = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (int v = 1; v <= 4; v++)
    g_assert_cmpint (sqlite3_exec (db, rct_schema_migration (v), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 4", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, app_id, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO campaign (uuid, name, created_at, updated_at) VALUES ('a3c1b2d4-0000-4000-8000-000000000009',"
    " '教育整顿', '2021-04-01T00:00:00Z', '2021-04-01T00:00:00Z');"
    "INSERT INTO unit (uuid, name, head, created_at, updated_at) VALUES ('a3c1b2d4-0000-4000-8000-000000000001',"
    " '回河派出所', '张建国', '2021-04-01T00:00:00Z', '2021-04-01T00:00:00Z');"
    "INSERT INTO problem (uuid, number, description, source, unit_id, found_date, deadline, created_at, updated_at)"
    " VALUES ('a3c1b2d4-0000-4000-8000-000000000002', '2021-001', '接处警记录不完整', 'self-inspection', 1,"
    " '2021-04-20', '2021-05-20', '2021-04-20T00:00:00Z', '2021-04-20T00:00:00Z');", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_store_get_schema_version (store), ==, RCT_STORE_SCHEMA_VERSION);
  unit = rct_store_get (store, RCT_KIND_UNIT, 1, &error);
  g_assert_no_error (error);
  g_assert_true (unit->active);
  g_assert_null (unit->code);
  problem = rct_store_get (store, RCT_KIND_PROBLEM, 1, &error);
  g_assert_cmpstr (problem->unit_name, ==, "回河派出所");
  g_assert_cmpstr (problem->leader_name, ==, "张建国");
  campaign = rct_store_get (store, RCT_KIND_CAMPAIGN, 1, &error);
  g_assert_cmpstr (campaign->name, ==, "教育整顿");
  g_assert_null (campaign->leader);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/setup/seed/usual-groups", test_seed_usual_groups);
  ADD ("/setup/campaign/edit-journaled", test_campaign_edit);
  ADD ("/setup/phase/dates", test_phase_dates);
  ADD ("/setup/unit/edit-journaled", test_unit_edit);
  ADD ("/setup/unit/retire", test_unit_retire);
  ADD ("/setup/unit/rename-keeps-links", test_unit_rename_keeps_links);
  ADD ("/setup/unit/head-leads-its-problems", test_unit_head_leads);
  ADD ("/setup/group/rename-keeps-links", test_group_rename_keeps_links);
  ADD ("/setup/person/rename-keeps-links", test_person_rename_keeps_links);
  ADD ("/setup/supervisor/edit-keeps-links", test_supervisor_edit);
#undef ADD
  g_test_add_func ("/setup/migrate/from-version-4", test_migrate_from_4);
  g_test_add_func ("/setup/seed/adds-what-lacks", test_seed_what_lacks);

  return g_test_run ();
}
