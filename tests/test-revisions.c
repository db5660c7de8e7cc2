/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A record's revision and the optimistic checks on it (issue 20 item 3,
 * docs/RELIABILITY.md): two clerks on one ledger, each with a store of
 * their own, as two desktops are. Runs on a file and, in the suite
 * postgresql, on the server. */
#include "config.h"

#include <string.h>

#include "rct-clock.h"
#include "rct-test-util.h"

typedef struct
{
  char     *dir;
  RctStore *store;   /* the first clerk's */
  RctStore *other;   /* the second clerk's, on the same ledger */
  gint64    problem_id;
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
  f->problem_id = rct_test_add_problem (f->store, "回河派出所", "2021-04-20", "2021-05-20", "窗口服务态度生硬");
  f->other = rct_store_open (rct_store_get_path (f->store), RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rct_store_set_operator (f->other, "王芳");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->other);
  g_clear_object (&f->store);
  rct_test_remove_dir (f->dir);
  g_free (f->dir);
  rct_clock_set_today (NULL);
}

static RctProblem *
get_problem (RctStore *store,
             gint64    id)
{
  g_autoptr(GError) error = NULL;
  RctProblem *problem = rct_store_get (store, RCT_KIND_PROBLEM, id, &error);

  g_assert_no_error (error);
  return problem;
}

static gint64
problem_revision (RctStore *store,
                  gint64    id)
{
  g_autoptr(RctProblem) problem = get_problem (store, id);
  return rct_record_get_revision (RCT_RECORD (problem));
}

/* A new record is at revision 1; every write adds one; a save that
 * changes nothing leaves it; the property says the same. */
static void
test_bumped (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = get_problem (f->store, f->problem_id);
  gint64 revision = 0;

  g_object_get (problem, "revision", &revision, NULL);
  g_assert_cmpint (revision, ==, 1);

  g_assert_true (rct_store_update_va (f->store, RCT_KIND_PROBLEM, f->problem_id, NULL, &error,
                                      "description", "窗口服务态度生硬，群众不满", NULL));
  g_assert_no_error (error);
  g_assert_cmpint (problem_revision (f->store, f->problem_id), ==, 2);
  g_assert_true (rct_store_update_va (f->store, RCT_KIND_PROBLEM, f->problem_id, NULL, &error,
                                      "description", "窗口服务态度生硬，群众不满", NULL));
  g_assert_cmpint (problem_revision (f->store, f->problem_id), ==, 2);

  /* A gate is a write too. */
  g_assert_true (rct_store_problem_act (f->store, f->problem_id, RCT_ACTION_START, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (problem_revision (f->store, f->problem_id), >, 2);
}

static guint
count_journal (RctStore *store,
               gint64    id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rct_store_list_journal (store, RCT_KIND_PROBLEM, id, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* The case: a clerk opens a problem, another changes it and
 * saves, the first saves what they had: refused with one sentence naming
 * who and when, the other's values returned and kept, nothing of the
 * first's written. Saving again over them, knowingly, works. */
static void
test_stale_update (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) opened = get_problem (f->store, f->problem_id);
  g_autoptr(RctRecord) current = NULL;
  g_autoptr(RctProblem) now = NULL;
  g_autoptr(GHashTable) mine = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 seen = rct_record_get_revision (RCT_RECORD (opened));
  guint rows;

  g_assert_true (rct_store_update_va (f->other, RCT_KIND_PROBLEM, f->problem_id, NULL, &error,
                                      "description", "王芳改的：窗口人员态度生硬", "category", "作风", NULL));
  g_assert_no_error (error);
  rows = count_journal (f->store, f->problem_id);

  g_hash_table_insert (mine, (gpointer) "description", (gpointer) "我改的：服务态度差");
  g_assert_false (rct_store_update_at (f->store, RCT_KIND_PROBLEM, f->problem_id, seen, mine, NULL,
                                       &current, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, rct_store_get_operator (f->other)));
  g_assert_nonnull (strstr (error->message, opened->number));
  g_assert_nonnull (strstr (error->message, "nothing of yours was saved"));
  g_assert_nonnull (current);
  g_assert_cmpstr (RCT_PROBLEM (current)->description, ==, "王芳改的：窗口人员态度生硬");
  g_assert_cmpint (rct_record_get_revision (current), >, seen);
  g_clear_error (&error);

  now = get_problem (f->store, f->problem_id);
  g_assert_cmpstr (now->description, ==, "王芳改的：窗口人员态度生硬");
  g_assert_cmpstr (now->category, ==, "作风");
  g_assert_cmpuint (count_journal (f->store, f->problem_id), ==, rows);

  /* Over them, knowingly: the revision now the one returned. */
  g_assert_true (rct_store_update_at (f->store, RCT_KIND_PROBLEM, f->problem_id, rct_record_get_revision (current),
                                      mine, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&now);
  now = get_problem (f->other, f->problem_id);
  g_assert_cmpstr (now->description, ==, "我改的：服务态度差");
  g_assert_cmpstr (now->category, ==, "作风");
}

/* Deleting what someone changed since: refused alike; deleting what
 * someone deleted: the sentence says so and returns no record. */
static void
test_stale_delete (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctRecord) current = NULL;
  gint64 seen = problem_revision (f->store, f->problem_id);

  g_assert_true (rct_store_update_va (f->other, RCT_KIND_PROBLEM, f->problem_id, NULL, &error,
                                      "category", "作风", NULL));
  g_assert_false (rct_store_delete_at (f->store, RCT_KIND_PROBLEM, f->problem_id, seen, NULL, &current, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT);
  g_assert_nonnull (current);
  g_clear_error (&error);
  g_clear_object (&current);
  g_assert_cmpint (problem_revision (f->store, f->problem_id), ==, seen + 1);

  seen++;
  g_assert_true (rct_store_delete_at (f->other, RCT_KIND_PROBLEM, f->problem_id, seen, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rct_store_update_va (f->store, RCT_KIND_PROBLEM, f->problem_id, NULL, &error,
                                       "category", "纪律", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND);
}

/* A problem ready to be verified: started, a measure done, submitted. */
static void
ready_for_verification (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem_id = g_strdup_printf ("%" G_GINT64_FORMAT, f->problem_id);
  gint64 measure_id = 0;

  g_assert_true (rct_store_problem_act (f->store, f->problem_id, RCT_ACTION_START, NULL, &error));
  g_assert_true (rct_store_create_va (f->store, RCT_KIND_MEASURE, &measure_id, &error, "problem_id", problem_id,
                                      "text", "窗口人员轮训", NULL));
  g_assert_true (rct_store_measure_done (f->store, measure_id, "2021-05-10", &error));
  g_assert_true (rct_store_problem_act (f->store, f->problem_id, RCT_ACTION_SUBMIT, NULL, &error));
  g_assert_no_error (error);
}

static guint
count_verified (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rct_store_list_journal (f->store, RCT_KIND_PROBLEM, f->problem_id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      RctJournalEntry *entry = g_ptr_array_index (entries, i);
      if (g_str_equal (entry->field, "status") && g_strcmp0 (entry->new_value, "closed") == 0)
        n++;
    }
  return n;
}

/* Two verifiers in their windows, each having seen the problem submitted:
 * the first closes it, the second is told, and it is closed once. */
static void
test_two_verifiers_seen (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;
  RctWorkflowInput first = { NULL, "督察大队长", "抽查三十起警情", NULL, 0 };
  RctWorkflowInput second = { NULL, "纪委书记", "回访群众", NULL, 0 };

  ready_for_verification (f);
  first.seen_revision = second.seen_revision = problem_revision (f->store, f->problem_id);

  g_assert_true (rct_store_problem_act (f->other, f->problem_id, RCT_ACTION_VERIFY, &first, &error));
  g_assert_no_error (error);
  g_assert_false (rct_store_problem_act (f->store, f->problem_id, RCT_ACTION_VERIFY, &second, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, rct_store_get_operator (f->other)));

  problem = get_problem (f->store, f->problem_id);
  g_assert_cmpstr (problem->status, ==, "closed");
  g_assert_cmpstr (problem->verified_by, ==, "督察大队长");
  g_assert_cmpuint (count_verified (f), ==, 1);
}

typedef struct
{
  RctStore *store;
  gint64    problem_id;
  GError   *error;
  gboolean  ok;
} Verifier;

static gpointer
verify_thread (gpointer data)
{
  Verifier *v = data;
  RctWorkflowInput input = { NULL, "纪委书记", "回访群众", NULL, 0 };

  v->ok = rct_store_problem_act (v->store, v->problem_id, RCT_ACTION_VERIFY, &input, &v->error);
  return NULL;
}

/* The same at the same moment, with no revision seen (two command lines):
 * the first holds its write open while the second reads the problem
 * submitted and tries; the second waits, finds the problem changed, reads
 * it again and is told by the gate that it is closed. */
static void
test_two_verifiers_race (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;
  RctWorkflowInput first = { NULL, "督察大队长", "抽查三十起警情", NULL, 0 };
  Verifier second = { f->other, f->problem_id, NULL, FALSE };
  GThread *thread;

  ready_for_verification (f);
  /* The second reads before the first writes: its own store, in a thread. */
  g_assert_true (rct_store_begin (f->store, &error));
  g_assert_true (rct_store_problem_act (f->store, f->problem_id, RCT_ACTION_VERIFY, &first, &error));
  g_assert_no_error (error);
  thread = g_thread_new ("verifier", verify_thread, &second);
  g_usleep (300 * 1000);
  g_assert_true (rct_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_thread_join (thread);

  g_assert_false (second.ok);
  g_assert_error (second.error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_NOT_ALLOWED);
  g_clear_error (&second.error);
  problem = get_problem (f->store, f->problem_id);
  g_assert_cmpstr (problem->status, ==, "closed");
  g_assert_cmpstr (problem->verified_by, ==, "督察大队长");
  g_assert_cmpuint (count_verified (f), ==, 1);
}

/* A count of progress adds to the task as it is when written, not as one
 * clerk read it before another's count landed. */
static void
test_progress_adds_up (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctTask) task = NULL;
  gint64 task_id = 0;

  rct_store_create_va (f->store, RCT_KIND_WORKING_GROUP, NULL, &error, "name", "第一组", NULL);
  g_assert_no_error (error);
  rct_store_create_va (f->store, RCT_KIND_TASK, &task_id, &error, "group", "第一组", "title", "谈心谈话",
                       "target_count", "10", NULL);
  g_assert_no_error (error);
  g_assert_true (rct_store_task_record_progress (f->store, task_id, "2021-05-01", NULL, 3, &error));
  g_assert_true (rct_store_task_record_progress (f->other, task_id, "2021-05-02", NULL, 4, &error));
  g_assert_no_error (error);
  task = rct_store_get (f->store, RCT_KIND_TASK, task_id, &error);
  g_assert_cmpint (task->done_count, ==, 7);
  g_assert_cmpint (rct_record_get_revision (RCT_RECORD (task)), >=, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/revisions/record/bumped", test_bumped);
  ADD ("/revisions/update/stale-conflict", test_stale_update);
  ADD ("/revisions/delete/stale-conflict", test_stale_delete);
  ADD ("/revisions/gate/two-verifiers-seen", test_two_verifiers_seen);
  ADD ("/revisions/gate/two-verifiers-race", test_two_verifiers_race);
  ADD ("/revisions/task/progress-adds-up", test_progress_adds_up);
#undef ADD
  return g_test_run ();
}
