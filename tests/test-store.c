/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-dialect.h"
#include "rct-store-backend.h"
#include "rct-store-private.h"
#include "rct-test-util.h"

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
  rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "交警大队", NULL);
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

static void
test_record_identity (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = rct_test_add_problem (f->store, "回河派出所", "2021-04-20", "2021-05-20", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = rct_store_get (f->store, RCT_KIND_PROBLEM, id, &error);

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (rct_record_get_uuid (RCT_RECORD (problem))));
  g_assert_true (g_str_has_suffix (rct_record_get_created_at (RCT_RECORD (problem)), "Z"));
  g_assert_cmpstr (problem->number, ==, "2021-001");
  g_assert_cmpstr (problem->status, ==, "registered");
  g_assert_cmpstr (problem->unit_name, ==, "回河派出所");
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_JOURNAL), >=, 1);
}

static void
test_next_number (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *next = NULL;
  g_autoptr(GError) error = NULL;

  rct_store_create_va (f->store, RCT_KIND_PROBLEM, NULL, &error, "number", "2021-040", "description", "甲",
                       "source", "public-report", "unit", "交警大队", "found_date", "2021-04-01",
                       "deadline", "2021-05-01", NULL);
  g_assert_no_error (error);
  next = rct_store_next_problem_number (f->store, "2021");
  g_assert_cmpstr (next, ==, "2021-041");
}

/* Every kind of bad input: an error a clerk can act on, nothing written. */
static void
test_bad_input_writes_nothing (Fixture       *f,
                               gconstpointer  data)
{
  struct {
    const char *field;
    const char *value;
    const char *message_part;
  } cases[] = {
    { "source", "rumour", "not a known" },
    { "found_date", "2021-02-30", "not a real date" },
    { "deadline", "2021-03-01", "before the date the problem was found" },
    { "unit", "不存在的派出所", "no unit named" },
    { "unit", "", "required" },
    { "description", NULL, "too long" },
  };
  gint64 problems_before = rct_test_count_rows (f->store, RCT_KIND_PROBLEM);
  gint64 journal_before = rct_test_count_rows (f->store, RCT_KIND_JOURNAL);
  gint64 people_before = rct_test_count_rows (f->store, RCT_KIND_PERSON);
  g_autoptr(GString) long_text = g_string_new (NULL);

  for (guint i = 0; i < RCT_STORE_MAX_DESCRIPTION + 1; i++)
    g_string_append (long_text, "整");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GError) error = NULL;

      g_hash_table_insert (values, "description", "接处警记录不完整");
      g_hash_table_insert (values, "source", "self-inspection");
      g_hash_table_insert (values, "unit", "回河派出所");
      g_hash_table_insert (values, "responsible", "新来的民警");
      g_hash_table_insert (values, "found_date", "2021-04-20");
      g_hash_table_insert (values, "deadline", "2021-05-20");
      g_hash_table_insert (values, (gpointer) cases[i].field,
                           cases[i].value != NULL ? (gpointer) cases[i].value : long_text->str);

      g_assert_false (rct_store_create (f->store, RCT_KIND_PROBLEM, values, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s → %s", cases[i].field, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_PROBLEM), ==, problems_before);
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_JOURNAL), ==, journal_before);
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_PERSON), ==, people_before);
}

static void
test_unknown_status_refused (Fixture       *f,
                             gconstpointer  data)
{
  gint64 id = rct_test_add_problem (f->store, "回河派出所", "2021-04-20", "2021-05-20", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;

  /* The status is the workflow's: not a field anyone sets. */
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PROBLEM, id, NULL, &error, "status", "closed", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rct_store_create_va (f->store, RCT_KIND_TASK, NULL, &error, "group", "x", "title", "y",
                                       "status", "finished", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, id, NULL);
  g_assert_cmpstr (problem->status, ==, "registered");
}

static void
test_workflow_with_journal (Fixture       *f,
                            gconstpointer  data)
{
  gint64 id = rct_test_add_problem (f->store, "回河派出所", "2021-04-20", "2021-05-20", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  g_autofree char *problem_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  RctWorkflowInput verify = { NULL, "督察大队长", "抽查三十起警情，录入完整", NULL };
  RctWorkflowInput reopen = { "群众再次反映同类问题", NULL, NULL, NULL };
  gint64 measure_id;
  gboolean saw_reason = FALSE;

  g_assert_true (rct_store_problem_act (f->store, id, RCT_ACTION_START, NULL, &error));
  g_assert_no_error (error);

  /* Submit without a measure: refused, unchanged. */
  g_assert_false (rct_store_problem_act (f->store, id, RCT_ACTION_SUBMIT, NULL, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_GATE);
  g_clear_error (&error);

  rct_store_create_va (f->store, RCT_KIND_MEASURE, &measure_id, &error, "problem_id", problem_id,
                       "text", "补录警情", NULL);
  g_assert_no_error (error);
  g_assert_false (rct_store_problem_act (f->store, id, RCT_ACTION_SUBMIT, NULL, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_GATE);
  g_clear_error (&error);
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, id, NULL);
  g_assert_cmpstr (problem->status, ==, "rectifying");
  g_clear_object (&problem);

  g_assert_true (rct_store_measure_done (f->store, measure_id, "2021-05-10", &error));
  g_assert_true (rct_store_problem_act (f->store, id, RCT_ACTION_SUBMIT, NULL, &error));
  g_assert_true (rct_store_problem_act (f->store, id, RCT_ACTION_VERIFY, &verify, &error));
  g_assert_no_error (error);

  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, id, NULL);
  g_assert_cmpstr (problem->status, ==, "closed");
  g_assert_cmpstr (problem->closed_date, ==, "2021-05-20");
  g_assert_cmpstr (problem->verified_by, ==, "督察大队长");
  g_clear_object (&problem);

  /* Closed is read-only: fields, measures, deletion. */
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PROBLEM, id, NULL, &error, "category", "作风", NULL));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (rct_store_create_va (f->store, RCT_KIND_MEASURE, NULL, &error, "problem_id", problem_id,
                                       "text", "再补一条", NULL));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (rct_store_delete (f->store, RCT_KIND_PROBLEM, id, "误登记", &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_CLOSED);
  g_clear_error (&error);

  g_assert_true (rct_store_problem_act (f->store, id, RCT_ACTION_REOPEN, &reopen, &error));
  g_assert_no_error (error);
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, id, NULL);
  g_assert_cmpstr (problem->status, ==, "rectifying");
  g_assert_null (problem->closed_date);

  journal = rct_store_list_journal (f->store, RCT_KIND_PROBLEM, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < journal->len; i++)
    {
      RctJournalEntry *entry = g_ptr_array_index (journal, i);
      g_assert_cmpstr (entry->who, ==, rct_store_get_operator (f->store));
      g_assert_nonnull (entry->at);
      if (g_strcmp0 (entry->reason, "群众再次反映同类问题") == 0 && g_str_equal (entry->field, "status"))
        {
          saw_reason = TRUE;
          g_assert_cmpstr (entry->old_value, ==, "closed");
          g_assert_cmpstr (entry->new_value, ==, "rectifying");
        }
    }
  /* created, start, verify (5 fields), reopen (2 fields) */
  g_assert_cmpuint (journal->len, >=, 10);
  g_assert_true (saw_reason);
}

static void
test_extension_kept (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = rct_test_add_problem (f->store, "交警大队", "2021-04-20", "2021-05-20", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) extensions = NULL;
  g_autoptr(RctProblem) problem = NULL;
  RctWorkflowInput extend = { "需与县交警协调", NULL, NULL, "2021-06-10" };
  RctExtension *extension;

  rct_store_problem_act (f->store, id, RCT_ACTION_START, NULL, &error);
  g_assert_no_error (error);
  /* Once started, the deadline moves only by an extension. */
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PROBLEM, id, NULL, &error, "deadline", "2021-06-10", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rct_store_problem_act (f->store, id, RCT_ACTION_EXTEND, &extend, &error));
  g_assert_no_error (error);
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, id, NULL);
  g_assert_cmpstr (problem->deadline, ==, "2021-06-10");
  extensions = rct_store_list_children (f->store, RCT_KIND_EXTENSION, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (extensions->len, ==, 1);
  extension = g_ptr_array_index (extensions, 0);
  g_assert_cmpstr (extension->old_deadline, ==, "2021-05-20");
  g_assert_cmpstr (extension->new_deadline, ==, "2021-06-10");
  g_assert_cmpstr (extension->reason, ==, "需与县交警协调");
  g_assert_cmpstr (extension->decided_by, ==, rct_store_get_operator (f->store));
}

static void
test_update_journals_old_and_new (Fixture       *f,
                                  gconstpointer  data)
{
  gint64 id = rct_test_add_problem (f->store, "交警大队", "2021-04-20", "2021-05-20", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  RctJournalEntry *last;

  g_assert_true (rct_store_update_va (f->store, RCT_KIND_PROBLEM, id, "登记错了单位", &error,
                                      "unit", "回河派出所", NULL));
  g_assert_no_error (error);
  journal = rct_store_list_journal (f->store, RCT_KIND_PROBLEM, id, &error);
  last = g_ptr_array_index (journal, journal->len - 1);
  g_assert_cmpstr (last->field, ==, "unit");
  g_assert_cmpstr (last->old_value, ==, "交警大队");
  g_assert_cmpstr (last->new_value, ==, "回河派出所");
  g_assert_cmpstr (last->reason, ==, "登记错了单位");

  /* The same value again changes nothing and writes no journal row. */
  g_assert_true (rct_store_update_va (f->store, RCT_KIND_PROBLEM, id, NULL, &error, "unit", "回河派出所", NULL));
  g_clear_pointer (&journal, g_ptr_array_unref);
  journal = rct_store_list_journal (f->store, RCT_KIND_PROBLEM, id, &error);
  g_assert_true (g_ptr_array_index (journal, journal->len - 1) != NULL);
  g_assert_cmpstr (((RctJournalEntry *) g_ptr_array_index (journal, journal->len - 1))->field, ==, "unit");
}

static void
test_supervisor_with_feedback_not_deleted (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctSupervisor) supervisor = NULL;
  gint64 supervisor_id, feedback_id, problem_id;
  g_autoptr(RctFeedback) feedback = NULL;
  g_autoptr(RctProblem) problem = NULL;

  rct_store_create_va (f->store, RCT_KIND_SUPERVISOR, &supervisor_id, &error, "name", "人大代表甲",
                       "category", "deputy", NULL);
  g_assert_no_error (error);
  rct_store_create_va (f->store, RCT_KIND_FEEDBACK, &feedback_id, &error, "supervisor", "人大代表甲",
                       "received_date", "2021-05-01", "unit", "回河派出所", "kind", "complaint",
                       "content", "出警慢", "reply_due", "2021-05-16", NULL);
  g_assert_no_error (error);

  g_assert_false (rct_store_delete (f->store, RCT_KIND_SUPERVISOR, supervisor_id, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_true (rct_store_supervisor_retire (f->store, supervisor_id, "任期届满", &error));
  supervisor = rct_store_get (f->store, RCT_KIND_SUPERVISOR, supervisor_id, NULL);
  g_assert_false (supervisor->active);
  g_assert_false (rct_store_delete (f->store, RCT_KIND_SUPERVISOR, supervisor_id, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  /* Feedback to problem: linked both ways, source supervisor feedback. */
  g_assert_true (rct_store_feedback_to_problem (f->store, feedback_id, &problem_id, &error));
  g_assert_no_error (error);
  feedback = rct_store_get (f->store, RCT_KIND_FEEDBACK, feedback_id, NULL);
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, problem_id, NULL);
  g_assert_cmpint (feedback->problem_id, ==, problem_id);
  g_assert_cmpint (problem->feedback_id, ==, feedback_id);
  g_assert_cmpstr (problem->source, ==, "supervisor-feedback");
  g_assert_cmpstr (problem->unit_name, ==, "回河派出所");
  g_assert_cmpstr (problem->description, ==, "出警慢");
}

static void
test_evidence_size_limit (Fixture       *f,
                          gconstpointer  data)
{
  gint64 id = rct_test_add_problem (f->store, "交警大队", "2021-04-20", "2021-05-20", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) small = g_bytes_new_static ("%PDF-1.4 整改照片", strlen ("%PDF-1.4 整改照片"));
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (RCT_STORE_MAX_EVIDENCE_BYTES + 1),
                                            RCT_STORE_MAX_EVIDENCE_BYTES + 1);
  g_autoptr(GBytes) back = NULL;
  gint64 evidence_id = 0;

  g_assert_true (rct_store_attach_evidence (f->store, id, "/tmp/整改 照片.pdf", small, &evidence_id, &error));
  g_assert_no_error (error);
  back = rct_store_load_evidence (f->store, evidence_id, &error);
  g_assert_true (g_bytes_equal (back, small));

  g_assert_false (rct_store_attach_evidence (f->store, id, "big.bin", big, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_EVIDENCE), ==, 1);
}

static void
test_task_progress (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctTask) task = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  gint64 id;

  rct_store_create_va (f->store, RCT_KIND_WORKING_GROUP, NULL, &error, "name", "学习教育组",
                       "lead", "教导员甲", "members", "民警甲、民警乙", NULL);
  g_assert_no_error (error);
  rct_store_create_va (f->store, RCT_KIND_TASK, &id, &error, "group", "学习教育组", "title", "百警百日读党史",
                       "owner", "教导员甲", "target_count", "100", "deadline", "2021-06-10", NULL);
  g_assert_no_error (error);
  g_assert_true (rct_store_task_record_progress (f->store, id, "2021-04-10", "第一批领读", 26, &error));
  g_assert_no_error (error);
  task = rct_store_get (f->store, RCT_KIND_TASK, id, NULL);
  g_assert_cmpint (task->done_count, ==, 26);
  g_assert_cmpint (task->target_count, ==, 100);
  g_assert_cmpstr (task->status, ==, "in-progress");
  g_assert_cmpstr (task->owner_name, ==, "教导员甲");
  progress = rct_store_list_children (f->store, RCT_KIND_TASK_PROGRESS, id, &error);
  g_assert_cmpuint (progress->len, ==, 1);
  g_clear_pointer (&progress, g_ptr_array_unref);

  /* Zero with no note is refused and nothing is written; with a note, kept. */
  g_assert_false (rct_store_task_record_progress (f->store, id, "2021-04-11", "  ", 0, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0"));
  g_clear_error (&error);
  g_assert_true (rct_store_task_record_progress (f->store, id, "2021-04-11", "会议推迟，本周未领读", 0, &error));
  g_assert_no_error (error);
  progress = rct_store_list_children (f->store, RCT_KIND_TASK_PROGRESS, id, &error);
  g_assert_cmpuint (progress->len, ==, 2);
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

/* Every text has a bound, checked before anything is written, and the
 * refusal names the field and the limit. */
static void
test_text_bounds (Fixture       *f,
                  gconstpointer  data)
{
  gint64 id = rct_test_add_problem (f->store, "交警大队", "2021-04-20", "2021-05-20", NULL);
  g_autofree char *description = repeat ("整", RCT_STORE_MAX_DESCRIPTION);
  g_autofree char *too_long = repeat ("整", 18000);
  g_autofree char *note = repeat ("改", RCT_STORE_MAX_NOTE + 1);
  g_autofree char *title = repeat ("题", RCT_STORE_MAX_NAME + 1);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  gint64 journal_before;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;
  RctWorkflowInput reject = { NULL };

  g_assert_true (rct_store_update_va (f->store, RCT_KIND_PROBLEM, id, NULL, &error, "description", description, NULL));
  g_assert_no_error (error);
  journal_before = rct_test_count_rows (f->store, RCT_KIND_JOURNAL);

  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PROBLEM, id, NULL, &error, "description", too_long, NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "description"));
  g_assert_nonnull (strstr (error->message, "2000"));
  g_clear_error (&error);
  problem = rct_store_get (f->store, RCT_KIND_PROBLEM, id, NULL);
  g_assert_cmpstr (problem->description, ==, description);

  g_assert_false (rct_store_create_va (f->store, RCT_KIND_MEASURE, NULL, &error, "problem_id", id_text,
                                       "text", note, NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4000"));
  g_clear_error (&error);
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PROBLEM, id, NULL, &error, "category", title, NULL));
  g_assert_nonnull (strstr (error->message, "200"));
  g_clear_error (&error);

  /* What a workflow step asks for is bounded too. */
  rct_store_problem_act (f->store, id, RCT_ACTION_START, NULL, &error);
  g_assert_no_error (error);
  reject.reason = note;
  g_assert_false (rct_store_problem_act (f->store, id, RCT_ACTION_EXTEND, &reject, &error));
  g_assert_nonnull (strstr (error->message, "4000"));
  g_clear_error (&error);
  g_assert_cmpint (rct_test_count_rows (f->store, RCT_KIND_JOURNAL), ==, journal_before + 1);  /* the start */
}

static void
test_read_only_refuses_writes (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) writer = rct_test_open_new (&dir);
  g_autoptr(RctStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = rct_store_open (rct_store_get_path (writer), RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (rct_store_is_read_only (reader));
  g_assert_false (rct_store_create_va (reader, RCT_KIND_UNIT, NULL, &error, "name", "巡警大队", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY);
  g_clear_object (&reader);
  g_clear_object (&writer);
  rct_test_remove_dir (dir);
}

/* Another program's changes: the watch of a second connection to the
 * same ledger (a file's other program opens it read-only, as the lock
 * makes it; the server's, as another clerk) is called with the kinds
 * written; the writer's own watch is not called for its own writes. */
typedef struct
{
  guint calls;
  guint kinds;
} Watched;

static void
watched_cb (RctStore *store,
            guint     kinds,
            gpointer  user_data)
{
  Watched *watched = user_data;

  watched->calls++;
  watched->kinds |= kinds;
}

static GSource *
watch (RctStore *store,
       Watched  *watched)
{
  GSource *source = rct_store_watch_source_new (store);

  g_source_set_callback (source, G_SOURCE_FUNC (watched_cb), watched, NULL);
  g_source_attach (source, NULL);
  return source;
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @watched was called, or for @cap_ms. */
static void
run_until_called (Watched *watched,
                  guint    cap_ms)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (cap_ms, flag_cb, &timed_out);

  while (watched->calls == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
}

static void
test_watch_other_program (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) writer = rct_test_open_new (&dir);
  g_autoptr(RctStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) writer_watch = NULL;
  g_autoptr(GSource) other_watch = NULL;
  Watched by_writer = { 0 };
  Watched by_other = { 0 };

  other = rct_store_open (rct_store_get_path (writer),
                          rct_store_is_server (writer) ? RCT_STORE_OPEN_DEFAULT : RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  writer_watch = watch (writer, &by_writer);
  other_watch = watch (other, &by_other);

  g_assert_true (rct_store_create_va (writer, RCT_KIND_UNIT, NULL, &error, "name", "巡警大队", NULL));
  g_assert_no_error (error);
  run_until_called (&by_other, 5000);
  g_assert_cmpuint (by_other.calls, ==, 1);
  g_assert_true (by_other.kinds & (1u << RCT_KIND_UNIT));
  if (rct_store_is_server (writer))
    g_assert_cmpuint (by_other.kinds & (1u << RCT_KIND_PROBLEM), ==, 0);

  /* The writer heard of its own write from its own commit: past a tick
   * of its watch, nothing more. */
  run_until_called (&by_writer, 1500);
  g_assert_cmpuint (by_writer.calls, ==, 0);

  /* On the server the other clerk writes too; the first hears of it, not
   * of its own unit again. */
  if (rct_store_is_server (writer))
    {
      by_other = (Watched) { 0 };
      rct_store_set_operator (other, "另一位");
      g_assert_nonnull (rct_store_get_login (other));
      g_assert_cmpint (rct_test_add_problem (other, "巡警大队", "2026-01-05", "2026-03-01", "窗口未刷新"), >, 0);
      run_until_called (&by_writer, 5000);
      g_assert_cmpuint (by_writer.calls, ==, 1);
      g_assert_true (by_writer.kinds & (1u << RCT_KIND_PROBLEM));
      g_assert_cmpuint (by_writer.kinds & (1u << RCT_KIND_UNIT), ==, 0);
      run_until_called (&by_other, 1500);
      g_assert_cmpuint (by_other.calls, ==, 0);
    }
  else
    g_assert_null (rct_store_get_login (other));

  g_source_destroy (writer_watch);
  g_source_destroy (other_watch);
  g_clear_object (&other);
  g_clear_object (&writer);
  rct_test_remove_dir (dir);
}

/* A file opened for writing allows everything, read-only only reading
 * (the roles on the server: test-postgresql's /postgresql/roles/…). */
static void
test_capabilities_file (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) writer = rct_test_open_new (&dir);
  g_autoptr(RctStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (rct_store_get_capabilities (writer), ==, RCT_STORE_CAN_EVERYTHING);
  reader = rct_store_open (rct_store_get_path (writer), RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rct_store_get_capabilities (reader), ==, RCT_STORE_CAN_READ);
  g_clear_object (&reader);
  g_clear_object (&writer);
  rct_test_remove_dir (dir);
}

static void
test_backup_copy (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *copy = g_build_filename (dir, "备份 副本.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) restored = NULL;

  g_assert_true (rct_store_backup (store, copy, &error));
  g_assert_no_error (error);
  restored = rct_store_open (copy, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (restored, RCT_KIND_PROBLEM), ==,
                   rct_test_count_rows (store, RCT_KIND_PROBLEM));
  g_assert_true (rct_store_check (restored, &error));
  g_clear_object (&restored);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
count_changes_cb (RctStore *store,
                  int       kind,
                  guint    *count)
{
  (*count)++;
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  guint count = 0;
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->store, "changed", G_CALLBACK (count_changes_cb), &count);
  rct_test_add_problem (f->store, "交警大队", "2021-04-20", "2021-05-20", NULL);
  g_assert_cmpuint (count, >, 0);
  count = 0;
  g_assert_false (rct_store_create_va (f->store, RCT_KIND_UNIT, NULL, &error, "name", "交警大队", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_cmpuint (count, ==, 0);
}

/* A ledger is a file unless the clerk names the office's server: a libpq
 * URI, a service, or a conninfo that starts with one of libpq's keywords. */
static void
test_location_is_server (void)
{
  const char *servers[] = { "postgresql://localhost/rectify", "postgres://clerk@db.example/ledger",
                            "service=rectify", "host=/tmp dbname=rectify", " dbname = rectify" };
  const char *files[] = { "ledger.db", "/tmp/台账 2021/ledger.db", "a=b.db", "hostname=x.db", "C:\\x\\y.db",
                          "postgresql.db", "./service=x" };

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    g_assert_true (rct_store_location_is_server (servers[i]));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_assert_false (rct_store_location_is_server (files[i]));
}

/* Built without libpq, a server location is refused in one sentence, and
 * no file of that name is made. */
static void
test_server_needs_postgresql (void)
{
#ifdef HAVE_POSTGRESQL
  g_test_skip ("built with PostgreSQL");
#else
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open ("service=rectify", RCT_STORE_OPEN_CREATE, &error);

  g_assert_null (store);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN);
  g_assert_cmpstr (error->message, ==, "This Rectify was built without PostgreSQL support.");
  g_assert_false (g_file_test ("service=rectify", G_FILE_TEST_EXISTS));
#endif
}

/* Every entry of the dialect has its text in both backends' tables, and
 * the store answers with its backend's (run on the server too). */
static void
test_dialect_complete (Fixture       *f,
                       gconstpointer  data)
{
  gboolean on_server = rct_store_location_is_server (rct_store_get_path (f->store));

  for (int i = RCT_DIALECT_NONE + 1; i < RCT_DIALECT_N; i++)
    {
      g_assert_nonnull (rct_dialect_sqlite[i]);
      g_assert_cmpstr (rct_dialect_sqlite[i], !=, "");
      g_assert_nonnull (rct_dialect_postgresql[i]);
      /* SQLite's planner hints are nothing on the server, which plans alone,
       * and so is where SQLite keeps its sorts. */
      if (i != RCT_DIALECT_INDEXED_BY_LISTED_OPEN && i != RCT_DIALECT_INDEXED_BY_SEVERITY && i != RCT_DIALECT_NO_INDEX &&
          i != RCT_DIALECT_SORTS_ON_DISK && i != RCT_DIALECT_SORTS_IN_MEMORY)
        g_assert_cmpstr (rct_dialect_postgresql[i], !=, "");
      g_assert_true (_rct_store_dialect (f->store, i) == (on_server ? rct_dialect_postgresql : rct_dialect_sqlite)[i]);
    }
  g_assert_cmpstr (_rct_store_dialect (f->store, RCT_DIALECT_BEGIN_WRITE), ==, on_server ? "BEGIN" : "BEGIN IMMEDIATE");
}

/* A benchmark's trace: each run of a statement once, however many rows
 * it stepped over, with its values written in (the SQL handed to the
 * backend's own shell beside the store). */
static void
test_trace (Fixture       *f,
            gconstpointer  data)
{
  RctFilter filter = { .unit = "回河派出所" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) statements = NULL;

  for (int i = 0; i < 3; i++)
    rct_test_add_problem (f->store, "回河派出所", "2021-04-20", "2021-05-20", NULL);
  _rct_store_trace_begin (f->store);
  ids = rct_store_list_ids (f->store, RCT_KIND_PROBLEM, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (rct_store_count (f->store, RCT_KIND_PROBLEM, &filter, &error), ==, 3);
  statements = _rct_store_trace_end (f->store);
  g_assert_cmpuint (statements->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (statements, 0), "SELECT t.id FROM"));
  g_assert_nonnull (strstr (g_ptr_array_index (statements, 0), "'回河派出所'"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (statements, 1), "SELECT count(*) FROM"));
  g_assert_null (f->store->trace);
}

/* SQLite keeps no count of its memory in a process whose first use of it
 * is the store: the count took a mutex at every allocation, and nothing
 * reads it. */
static void
test_memory_not_counted (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (rct_test_on_server ())
    {
      g_test_skip ("a SQLite file's own setting");
      return;
    }
  rct_test_add_problem (f->store, "回河派出所", "2021-04-20", "2021-05-20", NULL);
  g_assert_cmpint (rct_store_count (f->store, RCT_KIND_PROBLEM, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_memory_used (), ==, 0);
  g_assert_cmpint (sqlite3_memory_highwater (FALSE), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open/memory-not-counted", test_memory_not_counted);
  ADD ("/store/record/identity", test_record_identity);
  ADD ("/store/problem/next-number", test_next_number);
  ADD ("/store/problem/bad-input-writes-nothing", test_bad_input_writes_nothing);
  ADD ("/store/problem/status-only-by-workflow", test_unknown_status_refused);
  ADD ("/store/problem/workflow-writes-journal", test_workflow_with_journal);
  ADD ("/store/problem/extension-kept", test_extension_kept);
  ADD ("/store/journal/old-and-new", test_update_journals_old_and_new);
  ADD ("/store/supervisor/with-feedback-not-deleted", test_supervisor_with_feedback_not_deleted);
  ADD ("/store/evidence/size-limit", test_evidence_size_limit);
  ADD ("/store/task/progress", test_task_progress);
  ADD ("/store/text/bounds", test_text_bounds);
  ADD ("/store/changed-signal", test_changed_signal);
  ADD ("/store/dialect/complete", test_dialect_complete);
  ADD ("/store/trace", test_trace);
#undef ADD
  g_test_add_func ("/store/open/read-only-refuses-writes", test_read_only_refuses_writes);
  g_test_add_func ("/store/backup/copy-opens", test_backup_copy);
  g_test_add_func ("/store/watch/other-program", test_watch_other_program);
  g_test_add_func ("/store/open/capabilities", test_capabilities_file);
  g_test_add_func ("/store/open/location-is-server", test_location_is_server);
  g_test_add_func ("/store/open/server-needs-postgresql", test_server_needs_postgresql);
  return g_test_run ();
}
