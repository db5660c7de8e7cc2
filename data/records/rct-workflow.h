/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RCT_WORKFLOW_ERROR (rct_workflow_error_quark ())

typedef enum
{
  RCT_WORKFLOW_ERROR_NOT_ALLOWED,  /* the problem's status does not allow it */
  RCT_WORKFLOW_ERROR_GATE,         /* a gate is not met: measures, verifier … */
  RCT_WORKFLOW_ERROR_CLOSED,       /* a closed problem is read-only */
  RCT_WORKFLOW_ERROR_INPUT,        /* the action lacks what it needs */
} RctWorkflowError;

typedef enum
{
  RCT_ACTION_START,
  RCT_ACTION_SUBMIT,
  RCT_ACTION_VERIFY,
  RCT_ACTION_REJECT,
  RCT_ACTION_REOPEN,
  RCT_ACTION_EXTEND,
  RCT_N_ACTIONS
} RctProblemAction;

typedef enum
{
  RCT_DEADLINE_NONE,
  RCT_DEADLINE_DUE_SOON,
  RCT_DEADLINE_OVERDUE,
} RctDeadlineState;

/* Due soon: the deadline is today or within this many days. */
#define RCT_DUE_SOON_DAYS 3

/* What the gates look at: the problem as it stands, and what the person
 * acting gave (a reason, who verified, the verification note, a new date). */
typedef struct
{
  const char *status;
  const char *found_date;
  const char *deadline;
  guint       n_measures;
  guint       n_open_measures;
} RctWorkflowProblem;

typedef struct
{
  const char *reason;
  const char *verifier;
  const char *verification;
  const char *new_deadline;
  gint64      seen_revision; /* the problem's revision the clerk saw; 0: as it is now */
} RctWorkflowInput;

GQuark            rct_workflow_error_quark     (void);
const char       *rct_problem_action_to_key    (RctProblemAction          action);
gboolean          rct_problem_action_from_key  (const char               *key,
                                                RctProblemAction         *action);
const char       *rct_problem_action_label     (RctProblemAction          action);
gboolean          rct_workflow_allows          (const RctWorkflowProblem *problem,
                                                RctProblemAction          action,
                                                GError                  **error);
gboolean          rct_workflow_check           (const RctWorkflowProblem *problem,
                                                RctProblemAction          action,
                                                const RctWorkflowInput   *input,
                                                GError                  **error);
const char       *rct_workflow_target_status   (const char               *status,
                                                RctProblemAction          action);
gboolean          rct_workflow_step_between    (const char               *from,
                                                const char               *to,
                                                RctProblemAction         *action);
gboolean          rct_workflow_check_reached   (const RctWorkflowProblem *problem,
                                                const RctWorkflowInput   *input,
                                                const char               *closed_date,
                                                GError                  **error);
gboolean          rct_workflow_is_editable     (const char               *status,
                                                GError                  **error);
RctDeadlineState  rct_deadline_state           (const char               *deadline,
                                                gboolean                  finished,
                                                const char               *today);
const char       *rct_deadline_state_to_key    (RctDeadlineState          state);
int               rct_days_overdue             (const char               *deadline,
                                                gboolean                  finished,
                                                const char               *today);

G_END_DECLS
