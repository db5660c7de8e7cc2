/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-store.h"
#include "rct-workflow.h"

/* The problem workflow and its gates, in one place. The store asks here
 * before every change of a problem's status, the window asks here to enable
 * its buttons, so both refuse for the same reason in the same words.
 *
 *   registered --start--> rectifying --submit--> awaiting-verification --verify--> closed
 *                         ^ <-------- reject ---------+                              |
 *                         +-------- reopen (with reason) ----------------------------+
 */

G_DEFINE_QUARK (rct-workflow-error-quark, rct_workflow_error)

static const struct
{
  const char *key;
  const char *label;
  const char *from;
  const char *to;
} actions[RCT_N_ACTIONS] = {
  [RCT_ACTION_START] = { "start", N_("Start rectification"), "registered", "rectifying" },
  [RCT_ACTION_SUBMIT] = { "submit", N_("Submit for verification"), "rectifying", "awaiting-verification" },
  [RCT_ACTION_VERIFY] = { "verify", N_("Verify and close"), "awaiting-verification", "closed" },
  [RCT_ACTION_REJECT] = { "reject", N_("Reject"), "awaiting-verification", "rectifying" },
  [RCT_ACTION_REOPEN] = { "reopen", N_("Reopen"), "closed", "rectifying" },
  [RCT_ACTION_EXTEND] = { "extend", N_("Extend the deadline"), NULL, NULL },
};

const char *
rct_problem_action_to_key (RctProblemAction action)
{
  g_return_val_if_fail (action < RCT_N_ACTIONS, NULL);
  return actions[action].key;
}

gboolean
rct_problem_action_from_key (const char       *key,
                             RctProblemAction *action)
{
  for (guint i = 0; i < RCT_N_ACTIONS; i++)
    if (g_strcmp0 (actions[i].key, key) == 0)
      {
        *action = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rct_problem_action_label (RctProblemAction action)
{
  g_return_val_if_fail (action < RCT_N_ACTIONS, NULL);
  return _(actions[action].label);
}

/**
 * rct_workflow_target_status:
 *
 * Returns: (nullable): the status @action leads to from @status, or %NULL
 *   when it does not change the status (extend) or is not allowed
 */
const char *
rct_workflow_target_status (const char       *status,
                            RctProblemAction  action)
{
  g_return_val_if_fail (action < RCT_N_ACTIONS, NULL);
  if (actions[action].from == NULL || g_strcmp0 (actions[action].from, status) != 0)
    return NULL;
  return actions[action].to;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/**
 * rct_workflow_is_editable:
 *
 * A closed problem is read-only until it is reopened: its fields, measures
 * and evidence stay as they were when it was verified.
 */
gboolean
rct_workflow_is_editable (const char  *status,
                          GError     **error)
{
  if (g_strcmp0 (status, "closed") == 0)
    {
      g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_CLOSED,
                           _("This problem is closed and read-only; reopen it, with a reason, to change it."));
      return FALSE;
    }
  return TRUE;
}

/**
 * rct_workflow_allows:
 *
 * The gates that depend only on the problem as it stands: the status, and
 * for submit, its measures. The window enables an action's button exactly
 * when this returns %TRUE.
 */
gboolean
rct_workflow_allows (const RctWorkflowProblem  *problem,
                     RctProblemAction           action,
                     GError                   **error)
{
  g_return_val_if_fail (problem != NULL, FALSE);
  g_return_val_if_fail (action < RCT_N_ACTIONS, FALSE);

  if (action == RCT_ACTION_EXTEND)
    {
      if (!rct_workflow_is_editable (problem->status, error))
        return FALSE;
      return TRUE;
    }

  if (rct_workflow_target_status (problem->status, action) == NULL)
    {
      switch (action)
        {
        case RCT_ACTION_START:
          g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_NOT_ALLOWED,
                               _("Only a registered problem can be started."));
          break;
        case RCT_ACTION_SUBMIT:
          g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_NOT_ALLOWED,
                               _("Only a problem under rectification can be submitted for verification."));
          break;
        case RCT_ACTION_VERIFY:
        case RCT_ACTION_REJECT:
          g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_NOT_ALLOWED,
                               _("Only a problem awaiting verification can be verified or rejected."));
          break;
        case RCT_ACTION_REOPEN:
          g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_NOT_ALLOWED,
                               _("Only a closed problem can be reopened."));
          break;
        case RCT_ACTION_EXTEND:
        case RCT_N_ACTIONS:
        default:
          g_assert_not_reached ();
        }
      return FALSE;
    }

  if (action == RCT_ACTION_SUBMIT)
    {
      if (problem->n_measures == 0)
        {
          g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_GATE,
                               _("Add at least one rectification measure before submitting."));
          return FALSE;
        }
      if (problem->n_open_measures > 0)
        {
          g_set_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_GATE,
                       ngettext ("%u measure is not done yet; mark every measure done before submitting.",
                                 "%u measures are not done yet; mark every measure done before submitting.",
                                 problem->n_open_measures),
                       problem->n_open_measures);
          return FALSE;
        }
    }

  return TRUE;
}

/* The bound of a text the person acting gives, as the store bounds fields. */
static gboolean
within (const char  *text,
        int          limit,
        const char  *what,
        GError     **error)
{
  if (text == NULL || g_utf8_strlen (text, -1) <= limit)
    return TRUE;
  /* Translators: %1$s names the text, e.g. "The reason"; %2$d is the limit */
  g_set_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT,
               _("%1$s is too long (more than %2$d characters); shorten it."), what, limit);
  return FALSE;
}

/**
 * rct_workflow_check:
 *
 * All the gates of @action: those of rct_workflow_allows(), and what the
 * person acting must give: verify needs a verification note and who
 * verified; reject and reopen need a reason; extend needs a reason and a
 * new date after the current deadline and not before the found date.
 */
gboolean
rct_workflow_check (const RctWorkflowProblem  *problem,
                    RctProblemAction           action,
                    const RctWorkflowInput    *input,
                    GError                   **error)
{
  static const RctWorkflowInput empty = { NULL };

  if (!rct_workflow_allows (problem, action, error))
    return FALSE;
  if (input == NULL)
    input = &empty;
  if (!within (input->verifier, RCT_STORE_MAX_NAME, _("The name of who verified"), error) ||
      !within (input->verification, RCT_STORE_MAX_NOTE, _("How it was verified"), error) ||
      !within (input->reason, RCT_STORE_MAX_NOTE, _("The reason"), error))
    return FALSE;

  switch (action)
    {
    case RCT_ACTION_VERIFY:
      if (is_blank (input->verification))
        {
          g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT,
                               _("Write down how the rectification was verified before closing the problem."));
          return FALSE;
        }
      if (is_blank (input->verifier))
        {
          g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT,
                               _("Say who verified the rectification before closing the problem."));
          return FALSE;
        }
      break;

    case RCT_ACTION_REJECT:
    case RCT_ACTION_REOPEN:
      if (is_blank (input->reason))
        {
          g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT,
                               action == RCT_ACTION_REJECT
                               ? _("Give the reason the rectification is rejected.")
                               : _("Give the reason the problem is reopened."));
          return FALSE;
        }
      break;

    case RCT_ACTION_EXTEND:
      if (is_blank (input->reason))
        {
          g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT,
                               _("Give the reason the deadline is extended."));
          return FALSE;
        }
      if (!rct_date_is_valid (input->new_deadline))
        {
          g_set_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT,
                       _("“%s” is not a date; write the new deadline as YYYY-MM-DD, for example 2021-06-30."),
                       input->new_deadline ? input->new_deadline : "");
          return FALSE;
        }
      if (problem->deadline != NULL && rct_date_days_between (problem->deadline, input->new_deadline) <= 0)
        {
          g_set_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT,
                       _("The new deadline must be later than the current one (%s)."), problem->deadline);
          return FALSE;
        }
      if (problem->found_date != NULL && rct_date_days_between (problem->found_date, input->new_deadline) < 0)
        {
          g_set_error (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT,
                       _("The new deadline cannot be before the date the problem was found (%s)."),
                       problem->found_date);
          return FALSE;
        }
      break;

    case RCT_ACTION_START:
    case RCT_ACTION_SUBMIT:
    case RCT_N_ACTIONS:
    default:
      break;
    }

  return TRUE;
}

/**
 * rct_workflow_step_between:
 * @action: (out) (optional): the step
 *
 * Whether one action of the workflow leads from @from to @to.
 */
gboolean
rct_workflow_step_between (const char       *from,
                           const char       *to,
                           RctProblemAction *action)
{
  for (guint i = 0; i < RCT_N_ACTIONS; i++)
    if (actions[i].from != NULL && g_strcmp0 (actions[i].from, from) == 0 && g_strcmp0 (actions[i].to, to) == 0)
      {
        if (action != NULL)
          *action = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * rct_workflow_check_reached:
 * @input: who verified and the verification note, as the problem holds them
 * @closed_date: (nullable): the problem's closed date
 *
 * Whether a problem may stand in its status as it is: the gates of the
 * steps into that status hold. Awaiting verification needs measures, all
 * done; closed needs that too, a verification note, who verified and the
 * date it was closed. Used where a status comes from outside (a report)
 * rather than through an action here.
 */
gboolean
rct_workflow_check_reached (const RctWorkflowProblem  *problem,
                            const RctWorkflowInput    *input,
                            const char                *closed_date,
                            GError                   **error)
{
  RctWorkflowProblem before;

  g_return_val_if_fail (problem != NULL, FALSE);
  if (g_strcmp0 (problem->status, "awaiting-verification") != 0 && g_strcmp0 (problem->status, "closed") != 0)
    return TRUE;
  before = *problem;
  before.status = "rectifying";
  if (!rct_workflow_allows (&before, RCT_ACTION_SUBMIT, error))
    return FALSE;
  if (g_strcmp0 (problem->status, "closed") != 0)
    return TRUE;
  before.status = "awaiting-verification";
  if (!rct_workflow_check (&before, RCT_ACTION_VERIFY, input, error))
    return FALSE;
  if (!rct_date_is_valid (closed_date))
    {
      g_set_error_literal (error, RCT_WORKFLOW_ERROR, RCT_WORKFLOW_ERROR_INPUT,
                           _("A closed problem needs the date it was closed."));
      return FALSE;
    }
  return TRUE;
}

/**
 * rct_deadline_state:
 * @finished: whether the record is done (a closed problem, a done task, a
 *   replied feedback): finished records are never overdue
 *
 * The office's colours: overdue (red) when the deadline has passed, due soon
 * (yellow) when it is today or within RCT_DUE_SOON_DAYS days.
 */
RctDeadlineState
rct_deadline_state (const char *deadline,
                    gboolean    finished,
                    const char *today)
{
  int days;

  if (finished || !rct_date_is_valid (deadline) || !rct_date_is_valid (today))
    return RCT_DEADLINE_NONE;

  days = rct_date_days_between (today, deadline);
  if (days < 0)
    return RCT_DEADLINE_OVERDUE;
  if (days <= RCT_DUE_SOON_DAYS)
    return RCT_DEADLINE_DUE_SOON;
  return RCT_DEADLINE_NONE;
}

const char *
rct_deadline_state_to_key (RctDeadlineState state)
{
  switch (state)
    {
    case RCT_DEADLINE_DUE_SOON:
      return "due-soon";
    case RCT_DEADLINE_OVERDUE:
      return "overdue";
    case RCT_DEADLINE_NONE:
    default:
      return "";
    }
}

int
rct_days_overdue (const char *deadline,
                  gboolean    finished,
                  const char *today)
{
  if (rct_deadline_state (deadline, finished, today) != RCT_DEADLINE_OVERDUE)
    return 0;
  return rct_date_days_between (deadline, today);
}
