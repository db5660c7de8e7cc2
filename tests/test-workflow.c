/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include "config.h"

#include "rct-workflow.h"

static RctWorkflowProblem
problem_in (const char *status,
            guint       n_measures,
            guint       n_open)
{
  RctWorkflowProblem problem = { status, "2021-04-20", "2021-05-20", n_measures, n_open };
  return problem;
}

static void
test_transitions (void)
{
  g_assert_cmpstr (rct_workflow_target_status ("registered", RCT_ACTION_START), ==, "rectifying");
  g_assert_cmpstr (rct_workflow_target_status ("rectifying", RCT_ACTION_SUBMIT), ==, "awaiting-verification");
  g_assert_cmpstr (rct_workflow_target_status ("awaiting-verification", RCT_ACTION_VERIFY), ==, "closed");
  g_assert_cmpstr (rct_workflow_target_status ("awaiting-verification", RCT_ACTION_REJECT), ==, "rectifying");
  g_assert_cmpstr (rct_workflow_target_status ("closed", RCT_ACTION_REOPEN), ==, "rectifying");
  g_assert_null (rct_workflow_target_status ("registered", RCT_ACTION_VERIFY));
  g_assert_null (rct_workflow_target_status ("closed", RCT_ACTION_START));
  g_assert_null (rct_workflow_target_status ("rectifying", RCT_ACTION_REOPEN));
}

static void
test_submit_needs_measures (void)
{
  g_autoptr(GError) error = NULL;
  RctWorkflowProblem none = problem_in ("rectifying", 0, 0);
  RctWorkflowProblem open = problem_in ("rectifying", 2, 1);
  RctWorkflowProblem done = problem_in ("rectifying", 2, 0);

  g_assert_false (rct_workflow_allows (&none, RCT_ACTION_SUBMIT, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_GATE);
  g_clear_error (&error);

  g_assert_false (rct_workflow_allows (&open, RCT_ACTION_SUBMIT, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_GATE);
  g_assert_nonnull (strstr (error->message, "1 measure"));
  g_clear_error (&error);

  g_assert_true (rct_workflow_allows (&done, RCT_ACTION_SUBMIT, &error));
  g_assert_no_error (error);
}

static void
test_verify_needs_note_and_verifier (void)
{
  g_autoptr(GError) error = NULL;
  RctWorkflowProblem problem = problem_in ("awaiting-verification", 1, 0);
  RctWorkflowInput no_note = { NULL, "督察大队长", "  ", NULL };
  RctWorkflowInput no_verifier = { NULL, NULL, "现场查看", NULL };
  RctWorkflowInput both = { NULL, "督察大队长", "现场查看", NULL };

  g_assert_false (rct_workflow_check (&problem, RCT_ACTION_VERIFY, &no_note, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_false (rct_workflow_check (&problem, RCT_ACTION_VERIFY, &no_verifier, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_true (rct_workflow_check (&problem, RCT_ACTION_VERIFY, &both, &error));
  g_assert_no_error (error);
}

static void
test_reject_reopen_need_reason (void)
{
  g_autoptr(GError) error = NULL;
  RctWorkflowProblem awaiting = problem_in ("awaiting-verification", 1, 0);
  RctWorkflowProblem closed = problem_in ("closed", 1, 0);
  RctWorkflowInput reason = { "复查发现仍有问题", NULL, NULL, NULL };

  g_assert_false (rct_workflow_check (&awaiting, RCT_ACTION_REJECT, NULL, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_false (rct_workflow_check (&closed, RCT_ACTION_REOPEN, NULL, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_true (rct_workflow_check (&awaiting, RCT_ACTION_REJECT, &reason, NULL));
  g_assert_true (rct_workflow_check (&closed, RCT_ACTION_REOPEN, &reason, NULL));
}

static void
test_extend_needs_reason_and_later_date (void)
{
  g_autoptr(GError) error = NULL;
  RctWorkflowProblem problem = problem_in ("rectifying", 1, 1);
  RctWorkflowInput no_reason = { NULL, NULL, NULL, "2021-06-01" };
  RctWorkflowInput bad_date = { "协调中", NULL, NULL, "2021-06-31" };
  RctWorkflowInput earlier = { "协调中", NULL, NULL, "2021-05-10" };
  RctWorkflowInput good = { "协调中", NULL, NULL, "2021-06-01" };
  RctWorkflowProblem closed = problem_in ("closed", 1, 0);

  g_assert_false (rct_workflow_check (&problem, RCT_ACTION_EXTEND, &no_reason, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_false (rct_workflow_check (&problem, RCT_ACTION_EXTEND, &bad_date, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_false (rct_workflow_check (&problem, RCT_ACTION_EXTEND, &earlier, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_true (rct_workflow_check (&problem, RCT_ACTION_EXTEND, &good, &error));
  g_assert_no_error (error);
  g_assert_false (rct_workflow_check (&closed, RCT_ACTION_EXTEND, &good, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_CLOSED);
}

static void
test_wrong_status_refused (void)
{
  g_autoptr(GError) error = NULL;
  RctWorkflowProblem registered = problem_in ("registered", 1, 0);

  g_assert_false (rct_workflow_allows (&registered, RCT_ACTION_VERIFY, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rct_workflow_allows (&registered, RCT_ACTION_SUBMIT, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_NOT_ALLOWED);
}

static void
test_deadline_colours (void)
{
  /* Today 2021-05-20: due soon is the 20th to the 23rd, overdue before. */
  g_assert_cmpint (rct_deadline_state ("2021-05-19", FALSE, "2021-05-20"), ==, RCT_DEADLINE_OVERDUE);
  g_assert_cmpint (rct_deadline_state ("2021-05-20", FALSE, "2021-05-20"), ==, RCT_DEADLINE_DUE_SOON);
  g_assert_cmpint (rct_deadline_state ("2021-05-23", FALSE, "2021-05-20"), ==, RCT_DEADLINE_DUE_SOON);
  g_assert_cmpint (rct_deadline_state ("2021-05-24", FALSE, "2021-05-20"), ==, RCT_DEADLINE_NONE);
  g_assert_cmpint (rct_deadline_state ("2021-05-01", TRUE, "2021-05-20"), ==, RCT_DEADLINE_NONE);
  g_assert_cmpint (rct_days_overdue ("2021-05-10", FALSE, "2021-05-20"), ==, 10);
  g_assert_cmpint (rct_days_overdue ("2021-05-10", TRUE, "2021-05-20"), ==, 0);
}

/* A status that comes from outside (a report): one step only, and the
 * gates of where it lands hold as the problem stands. */
static void
test_reached_from_outside (void)
{
  RctWorkflowProblem problem = { "closed", "2021-04-01", "2021-05-01", 2, 0 };
  RctWorkflowInput input = { NULL, "王五", "现场核查，已整改", NULL };
  RctProblemAction action;
  GError *error = NULL;

  g_assert_true (rct_workflow_step_between ("rectifying", "awaiting-verification", &action));
  g_assert_cmpint (action, ==, RCT_ACTION_SUBMIT);
  g_assert_true (rct_workflow_step_between ("closed", "rectifying", &action));
  g_assert_cmpint (action, ==, RCT_ACTION_REOPEN);
  g_assert_false (rct_workflow_step_between ("registered", "closed", NULL));
  g_assert_false (rct_workflow_step_between ("registered", "awaiting-verification", NULL));
  g_assert_false (rct_workflow_step_between ("rectifying", "closed", NULL));

  g_assert_true (rct_workflow_check_reached (&problem, &input, "2021-04-30", &error));
  g_assert_no_error (error);
  g_assert_false (rct_workflow_check_reached (&problem, &input, NULL, &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT);
  g_clear_error (&error);
  input.verifier = NULL;
  g_assert_false (rct_workflow_check_reached (&problem, &input, "2021-04-30", &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT);
  g_clear_error (&error);
  problem.n_open_measures = 1;
  g_assert_false (rct_workflow_check_reached (&problem, &input, "2021-04-30", &error));
  g_assert_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_GATE);
  g_clear_error (&error);
  problem.status = "registered";
  problem.n_measures = 0;
  g_assert_true (rct_workflow_check_reached (&problem, NULL, NULL, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workflow/transitions", test_transitions);
  g_test_add_func ("/workflow/submit-needs-measures-done", test_submit_needs_measures);
  g_test_add_func ("/workflow/verify-needs-note-and-verifier", test_verify_needs_note_and_verifier);
  g_test_add_func ("/workflow/reject-reopen-need-reason", test_reject_reopen_need_reason);
  g_test_add_func ("/workflow/extend-needs-reason-and-later-date", test_extend_needs_reason_and_later_date);
  g_test_add_func ("/workflow/wrong-status-refused", test_wrong_status_refused);
  g_test_add_func ("/workflow/deadline-colours", test_deadline_colours);
  g_test_add_func ("/workflow/reached-from-outside", test_reached_from_outside);
  return g_test_run ();
}
