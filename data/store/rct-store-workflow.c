/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-dialect.h"
#include "rct-safe-name.h"
#include "rct-store-private.h"
#include "rct-store-records.h"
#include "rct-vocabulary.h"

/* The writes that are more than setting fields: the problem workflow,
 * measures done, evidence, task progress, replies to feedback, feedback
 * turned into problems, retiring supervisors, and merging from a report.
 * The gates themselves are in rct-workflow.c. */

static gboolean
set_column (RctStore    *self,
            RctKind      kind,
            RctRecord   *record,
            const char  *column,
            const char  *new_value,
            const char  *reason,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?, updated_at = ?%s WHERE id = ?",
                                          rct_kind_to_table (kind), column, _rct_store_bump_sql (kind));
  g_autofree char *now = rct_clock_now ();
  g_autofree char *old_value = rct_record_dup_value (record, column);
  g_autofree char *label = _rct_store_record_label (kind, record);
  RctStmt *stmt;

  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  stmt = _rct_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, new_value);
  rct_stmt_bind_text (stmt, 2, now);
  rct_stmt_bind_int64 (stmt, 3, rct_record_get_id (record));
  if (!_rct_store_step_done (self, stmt, error))
    return FALSE;
  _rct_store_mark_changed (self, kind);
  return _rct_store_journal (self, kind, rct_record_get_uuid (record), label, column,
                             old_value, new_value, reason, error);
}

/* First in a write's transaction: the record still has the revision it was
 * read with (and is locked to this write on the server); else the
 * conflict's sentence, and *out_moved for a caller that may read again. */
static gboolean
claim_as_read (RctStore    *self,
               RctKind      kind,
               RctRecord   *record,
               gboolean    *out_moved,
               GError     **error)
{
  gboolean moved = FALSE;

  if (!_rct_store_claim (self, kind, rct_record_get_id (record), rct_record_get_revision (record), &moved, error))
    return FALSE;
  if (out_moved != NULL)
    *out_moved = moved;
  if (moved)
    {
      g_autofree char *label = _rct_store_record_label (kind, record);
      _rct_store_set_conflict (self, kind, rct_record_get_id (record), rct_record_get_uuid (record), label,
                               NULL, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_extension (RctStore    *self,
               RctProblem  *problem,
               const char  *new_deadline,
               const char  *reason,
               GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = rct_clock_now ();
  g_autofree char *today = rct_clock_today ();
  RctStmt *stmt;

  stmt = _rct_store_prepare (self, "INSERT INTO extension (uuid, problem_id, old_deadline, new_deadline,"
                                   " reason, decided_by, decided_at, created_at, updated_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  rct_stmt_bind_int64 (stmt, 2, rct_record_get_id (RCT_RECORD (problem)));
  rct_stmt_bind_text (stmt, 3, problem->deadline);
  rct_stmt_bind_text (stmt, 4, new_deadline);
  rct_stmt_bind_text (stmt, 5, reason);
  rct_stmt_bind_text (stmt, 6, rct_store_get_operator (self));
  rct_stmt_bind_text (stmt, 7, today);
  rct_stmt_bind_text (stmt, 8, now);
  rct_stmt_bind_text (stmt, 9, now);
  if (!_rct_store_step_done (self, stmt, error))
    return FALSE;
  _rct_store_mark_changed (self, RCT_KIND_EXTENSION);
  return _rct_store_journal (self, RCT_KIND_EXTENSION, uuid, problem->number, "*", NULL, new_deadline,
                             reason, error);
}

/* 挂牌督办 ends with the problem: closing it lifts an open listing on the
 * day it closed. The lift reason stays empty, which says "by closing";
 * a reopened problem is not listed again by itself. */
static gboolean
lift_listing_at_close (RctStore    *self,
                       RctProblem  *problem,
                       const char  *closed_date,
                       const char  *reason,
                       GError     **error)
{
  if (problem->listed_date == NULL || problem->listed_lifted != NULL)
    return TRUE;
  return set_column (self, RCT_KIND_PROBLEM, RCT_RECORD (problem), "listed_lifted", closed_date, reason, error);
}

/**
 * _rct_store_lock_problem:
 *
 * Inside a write's transaction: holds the problem's row to the
 * transaction's end and reads it again, so what the gates look at is the
 * problem as it stands now, and stays so until this write ends. On the
 * server another clerk's change to it waits meanwhile (and what was read
 * before the transaction may be stale); a file's write lock already holds
 * the whole ledger.
 *
 * Returns: (transfer full) (nullable): the problem, or %NULL with @error
 */
RctProblem *
_rct_store_lock_problem (RctStore    *self,
                         gint64       problem_id,
                         GError     **error)
{
  RctStmt *stmt;
  int rc;

  g_return_val_if_fail (self->tx_depth > 0, NULL);

  stmt = _rct_store_prepare (self, _rct_store_dialect (self, RCT_DIALECT_LOCK_PROBLEM), error);
  if (stmt == NULL)
    return NULL;
  rct_stmt_bind_int64 (stmt, 1, problem_id);
  rc = _rct_store_step (self, stmt, error);
  rct_stmt_reset (stmt);
  if (rc != RCT_ROW && rc != RCT_DONE)
    return NULL;
  return rct_store_get (self, RCT_KIND_PROBLEM, problem_id, error);
}

/* What the gates look at of @problem. */
static void
workflow_state (RctProblem         *problem,
                RctWorkflowProblem *state)
{
  state->status = problem->status;
  state->found_date = problem->found_date;
  state->deadline = problem->deadline;
  state->n_measures = problem->measure_count;
  state->n_open_measures = problem->open_measure_count;
}

/* A step the gate allowed a moment ago and refuses now: someone else's
 * change came first. */
static void
set_refused_now (GError     **error,
                 const char  *number,
                 GError      *gate_error)
{
  /* Translators: %1$s is the problem's number, %2$s why the step is refused now */
  g_set_error (error, gate_error->domain, gate_error->code, _("Someone else changed problem %1$s a moment ago. %2$s"),
               number, gate_error->message);
}

/* One try of rct_store_problem_act(): *out_moved when another writer got
 * to the problem between its read and this write's claim; @again on a
 * try after such a move. */
static gboolean
act_once (RctStore                *self,
          gint64                   problem_id,
          RctProblemAction         action,
          const RctWorkflowInput  *input,
          gboolean                 again,
          gboolean                *out_moved,
          GError                 **error)
{
  g_autoptr(RctProblem) problem = NULL;
  g_autofree char *today = rct_clock_today ();
  RctWorkflowProblem state;
  const char *target;
  RctRecord *record;
  gboolean ok = TRUE;

  problem = rct_store_get (self, RCT_KIND_PROBLEM, problem_id, error);
  if (problem == NULL)
    return FALSE;
  record = RCT_RECORD (problem);
  if (input->seen_revision != 0 && rct_record_get_revision (record) != input->seen_revision)
    {
      _rct_store_set_conflict (self, RCT_KIND_PROBLEM, problem_id, rct_record_get_uuid (record), problem->number,
                               NULL, error);
      return FALSE;
    }

  workflow_state (problem, &state);
  if (again)
    {
      g_autoptr(GError) gate_error = NULL;

      if (!rct_workflow_check (&state, action, input, &gate_error))
        {
          set_refused_now (error, problem->number, gate_error);
          return FALSE;
        }
    }
  else if (!rct_workflow_check (&state, action, input, error))
    return FALSE;

  /* The gate was checked on the problem as read; the claim makes sure it
   * is still that problem when the write lands (two verifiers: the second
   * finds the revision moved, reads again and is told by the gate). */
  if (!_rct_store_write_begin (self, error))
    return FALSE;
  if (!claim_as_read (self, RCT_KIND_PROBLEM, record, out_moved, error))
    {
      _rct_store_write_end (self, FALSE, NULL);
      return FALSE;
    }
  /* What the gates count is also in other tables (a measure added
   * meanwhile, which claims no revision of its problem): the problem, held
   * by the claim's UPDATE, read again and the gate asked again. */
  {
    g_autoptr(RctProblem) now = rct_store_get (self, RCT_KIND_PROBLEM, problem_id, error);
    g_autoptr(GError) gate_error = NULL;
    RctWorkflowProblem now_state;

    if (now == NULL)
      return _rct_store_write_end (self, FALSE, NULL);
    workflow_state (now, &now_state);
    if (!rct_workflow_check (&now_state, action, input, &gate_error))
      {
        set_refused_now (error, now->number, gate_error);
        return _rct_store_write_end (self, FALSE, NULL);
      }
  }

  target = rct_workflow_target_status (problem->status, action);
  switch (action)
    {
    case RCT_ACTION_START:
    case RCT_ACTION_SUBMIT:
      ok = set_column (self, RCT_KIND_PROBLEM, record, "status", target, input->reason, error);
      break;

    case RCT_ACTION_VERIFY:
      ok = set_column (self, RCT_KIND_PROBLEM, record, "verification", input->verification, input->reason, error) &&
           set_column (self, RCT_KIND_PROBLEM, record, "verified_by", input->verifier, input->reason, error) &&
           set_column (self, RCT_KIND_PROBLEM, record, "verified_date", today, input->reason, error) &&
           set_column (self, RCT_KIND_PROBLEM, record, "closed_date", today, input->reason, error) &&
           lift_listing_at_close (self, problem, today, input->reason, error) &&
           set_column (self, RCT_KIND_PROBLEM, record, "status", target, input->reason, error);
      break;

    case RCT_ACTION_REJECT:
      ok = set_column (self, RCT_KIND_PROBLEM, record, "status", target, input->reason, error);
      break;

    case RCT_ACTION_REOPEN:
      ok = set_column (self, RCT_KIND_PROBLEM, record, "closed_date", NULL, input->reason, error) &&
           set_column (self, RCT_KIND_PROBLEM, record, "status", target, input->reason, error);
      break;

    case RCT_ACTION_EXTEND:
      ok = add_extension (self, problem, input->new_deadline, input->reason, error) &&
           set_column (self, RCT_KIND_PROBLEM, record, "deadline", input->new_deadline, input->reason, error);
      break;

    case RCT_N_ACTIONS:
    default:
      g_assert_not_reached ();
    }

  return _rct_store_write_end (self, ok, ok ? error : NULL) && ok;
}

/**
 * rct_store_problem_act:
 * @input: (nullable): what the action needs: a reason (reject, reopen,
 *   extend), who verified and how (verify), a new date (extend), and the
 *   problem's revision the clerk saw
 *
 * Moves a problem through the workflow after rct_workflow_check() allows
 * it; errors are in RCT_WORKFLOW_ERROR then, and nothing is changed. The
 * status change and its journal rows are one transaction, made only
 * while the problem is still as it was checked: with a seen revision
 * that moved on, RCT_STORE_ERROR_CONFLICT; without one, the problem is
 * read again and the gate asked again.
 */
gboolean
rct_store_problem_act (RctStore                *self,
                       gint64                   problem_id,
                       RctProblemAction         action,
                       const RctWorkflowInput  *input,
                       GError                 **error)
{
  static const RctWorkflowInput empty = { NULL };

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  if (input == NULL)
    input = &empty;
  for (guint tries = 1; ; tries++)
    {
      g_autoptr(GError) local = NULL;
      gboolean moved = FALSE;

      if (act_once (self, problem_id, action, input, tries > 1, &moved, &local))
        return TRUE;
      if (!moved || input->seen_revision != 0 || tries >= 5)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
}

static gboolean
text_is_blank (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  return *stripped == '\0';
}

static gboolean
check_listing_text (const char  *text,
                    const char  *message,
                    GError     **error)
{
  if (text_is_blank (text))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID, message);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > RCT_STORE_MAX_NAME)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("A listing's level and the name of who listed it are one line of at most %d characters."),
                   RCT_STORE_MAX_NAME);
      return FALSE;
    }
  return TRUE;
}

/**
 * rct_store_problem_list_for_supervision:
 * @level: who supervises it, e.g. 县局, 市局, 省厅 (free text: offices
 *   name their levels differently)
 * @listed_by: the person or body that listed it
 * @date: (nullable): YYYY-MM-DD; %NULL for today
 *
 * Lists an open problem for supervision (挂牌督办). A problem listed
 * before and lifted can be listed again; the journal keeps the earlier
 * listing. Journaled, in one transaction.
 */
gboolean
rct_store_problem_list_for_supervision (RctStore    *self,
                                        gint64       problem_id,
                                        const char  *level,
                                        const char  *listed_by,
                                        const char  *date,
                                        GError     **error)
{
  g_autoptr(RctProblem) problem = NULL;
  g_autofree char *today = rct_clock_today ();
  g_autofree char *clean_level = NULL;
  g_autofree char *clean_by = NULL;
  RctRecord *record;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  problem = rct_store_get (self, RCT_KIND_PROBLEM, problem_id, error);
  if (problem == NULL)
    return FALSE;
  record = RCT_RECORD (problem);
  if (!check_listing_text (level, _("Say at what level the problem is listed for supervision, for example 市局."), error) ||
      !check_listing_text (listed_by, _("Say who listed the problem for supervision."), error))
    return FALSE;
  if (date == NULL || *date == '\0')
    date = today;
  if (!rct_date_is_valid (date))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("The listing date “%s” is not a real date; write it as YYYY-MM-DD, for example 2021-04-30."), date);
      return FALSE;
    }
  if (g_strcmp0 (problem->status, "closed") == 0)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("Problem %s is closed; only an open problem can be listed for supervision."), problem->number);
      return FALSE;
    }
  if (problem->listed_date != NULL && problem->listed_lifted == NULL)
    {
      /* Translators: the first %s is the problem's number, the second a date. */
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("Problem %s is already listed for supervision since %s; lift that listing first."),
                   problem->number, problem->listed_date);
      return FALSE;
    }
  if (rct_date_days_between (problem->found_date, date) < 0)
    {
      /* Translators: the first %s is the listing date, the second the found date. */
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("The listing date %s is before the date the problem was found (%s)."),
                   date, problem->found_date);
      return FALSE;
    }

  clean_level = g_strstrip (g_strdup (level));
  clean_by = g_strstrip (g_strdup (listed_by));
  if (!_rct_store_write_begin (self, error))
    return FALSE;
  ok = claim_as_read (self, RCT_KIND_PROBLEM, record, NULL, error) &&
       set_column (self, RCT_KIND_PROBLEM, record, "listed_lifted", NULL, NULL, error) &&
       set_column (self, RCT_KIND_PROBLEM, record, "listed_lift_reason", NULL, NULL, error) &&
       set_column (self, RCT_KIND_PROBLEM, record, "listed_level", clean_level, NULL, error) &&
       set_column (self, RCT_KIND_PROBLEM, record, "listed_by", clean_by, NULL, error) &&
       set_column (self, RCT_KIND_PROBLEM, record, "listed_date", date, NULL, error);
  return _rct_store_write_end (self, ok, ok ? error : NULL) && ok;
}

/**
 * rct_store_problem_lift_listing:
 * @reason: why it is lifted before the problem closes
 *
 * Lifts a problem's open listing by hand, today, with a reason.
 */
gboolean
rct_store_problem_lift_listing (RctStore    *self,
                                gint64       problem_id,
                                const char  *reason,
                                GError     **error)
{
  g_autoptr(RctProblem) problem = NULL;
  g_autofree char *today = rct_clock_today ();
  g_autofree char *clean = NULL;
  RctRecord *record;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  problem = rct_store_get (self, RCT_KIND_PROBLEM, problem_id, error);
  if (problem == NULL)
    return FALSE;
  record = RCT_RECORD (problem);
  if (problem->listed_date == NULL || problem->listed_lifted != NULL)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("Problem %s is not listed for supervision; there is no listing to lift."), problem->number);
      return FALSE;
    }
  if (text_is_blank (reason))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("Say why the listing is lifted before the problem is closed."));
      return FALSE;
    }
  if (!g_utf8_validate (reason, -1, NULL) || g_utf8_strlen (reason, -1) > RCT_STORE_MAX_NOTE)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("The reason is too long (more than %d characters); shorten it."), RCT_STORE_MAX_NOTE);
      return FALSE;
    }
  clean = g_strstrip (g_strdup (reason));
  if (!_rct_store_write_begin (self, error))
    return FALSE;
  ok = claim_as_read (self, RCT_KIND_PROBLEM, record, NULL, error) &&
       set_column (self, RCT_KIND_PROBLEM, record, "listed_lift_reason", clean, clean, error) &&
       set_column (self, RCT_KIND_PROBLEM, record, "listed_lifted", today, clean, error);
  return _rct_store_write_end (self, ok, ok ? error : NULL) && ok;
}

/**
 * rct_store_next_problem_number:
 * @year: (nullable): four digits; %NULL for this year
 *
 * Returns: (transfer full) (nullable): the next ledger number of @year,
 *   e.g. 2021-041; %NULL when the ledger cannot be read
 */
char *
rct_store_next_problem_number (RctStore   *self,
                               const char *year)
{
  g_autofree char *this_year = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *pattern_end = NULL;
  g_autofree char *prefix = NULL;
  RctStmt *stmt;
  gint64 last = 0;

  if (year == NULL)
    {
      g_autofree char *today = rct_clock_today ();
      this_year = g_strndup (today, 4);
      year = this_year;
    }
  /* A unit's own problems carry its code (HH-2021-001), so they never meet
   * the office's 2021-001 (docs/EXCHANGE.md). */
  {
    g_autoptr(RctOrganisation) org = self->schema_version >= 6 ? rct_store_dup_organisation (self, NULL) : NULL;
    if (org != NULL && g_strcmp0 (org->level, "unit") == 0 && org->code != NULL)
      prefix = g_strdup_printf ("%s-", org->code);
  }
  /* The numbers that start with "2021-": from "2021-" up to "2021." (the
   * character after '-'), a range the index on number answers in both
   * backends, as a GLOB did in the file alone. */
  pattern = g_strdup_printf ("%s%s-", prefix != NULL ? prefix : "", year);
  pattern_end = g_strdup_printf ("%s%s.", prefix != NULL ? prefix : "", year);
  stmt = _rct_store_prepare (self, "SELECT max (CAST (substr (number, ?2) AS INTEGER)) FROM problem"
                                   " WHERE number >= ?1 AND number < ?3", NULL);
  if (stmt != NULL)
    {
      g_autoptr(GError) error = NULL;
      int rc;

      rct_stmt_bind_text (stmt, 1, pattern);
      rct_stmt_bind_int64 (stmt, 2, (int) strlen (pattern) + 1);
      rct_stmt_bind_text (stmt, 3, pattern_end);
      rc = _rct_store_step (self, stmt, &error);
      if (rc == RCT_ROW)
        last = rct_stmt_column_int64 (stmt, 0);
      rct_stmt_reset (stmt);
      if (rc != RCT_ROW)
        {
          g_message ("No next problem number: %s", error != NULL ? error->message : "no row");
          return NULL;
        }
    }
  else
    return NULL;
  return g_strdup_printf ("%s%s-%03" G_GINT64_FORMAT, prefix != NULL ? prefix : "", year, last + 1);
}

/**
 * rct_store_measure_done:
 * @done_date: (nullable): the date; %NULL for today
 */
gboolean
rct_store_measure_done (RctStore    *self,
                        gint64       measure_id,
                        const char  *done_date,
                        GError     **error)
{
  g_autofree char *today = rct_clock_today ();

  return rct_store_update_va (self, RCT_KIND_MEASURE, measure_id, NULL, error,
                              "done_date", done_date != NULL ? done_date : today, NULL);
}

/**
 * rct_store_attach_evidence:
 *
 * Keeps an evidence file inside the ledger, so the ledger stays one file
 * to copy and back up. Files over RCT_STORE_MAX_EVIDENCE_BYTES are refused.
 */
gboolean
rct_store_attach_evidence (RctStore    *self,
                           gint64       problem_id,
                           const char  *filename,
                           GBytes      *content,
                           gint64      *out_id,
                           GError     **error)
{
  g_autoptr(RctProblem) problem = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = rct_clock_now ();
  g_autofree char *checksum = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *basename = NULL;
  gsize size = g_bytes_get_size (content);
  RctStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  g_return_val_if_fail (filename != NULL && content != NULL, FALSE);

  if (size > RCT_STORE_MAX_EVIDENCE_BYTES)
    {
      g_autofree char *limit = g_format_size (RCT_STORE_MAX_EVIDENCE_BYTES);
      g_autofree char *actual = g_format_size (size);
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("The file is too large to keep in the ledger (%s; the limit is %s); "
                     "attach a smaller scan or an extract."), actual, limit);
      return FALSE;
    }
  basename = g_path_get_basename (filename);
  if (!g_utf8_validate (basename, -1, NULL) || g_utf8_strlen (basename, -1) > RCT_STORE_MAX_NAME)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The file name is not valid text or is too long; rename the file and try again."));
      return FALSE;
    }
  /* The name is opened again one day, maybe on another computer. */
  {
    g_autoptr(GError) name_error = NULL;
    if (!rct_safe_file_name (basename, &name_error))
      {
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                     _("%s Rename the file and try again."), name_error->message);
        return FALSE;
      }
  }

  problem = rct_store_get (self, RCT_KIND_PROBLEM, problem_id, error);
  if (problem == NULL || !rct_workflow_is_editable (problem->status, error))
    return FALSE;

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  content_type = g_content_type_guess (basename, g_bytes_get_data (content, NULL), MIN (size, 4096), NULL);

  if (!_rct_store_write_begin (self, error))
    return FALSE;
  stmt = _rct_store_prepare (self, "INSERT INTO evidence (uuid, problem_id, filename, content_type, size,"
                                   " sha256, content, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  ok = stmt != NULL;
  if (ok)
    {
      rct_stmt_bind_text (stmt, 1, uuid);
      rct_stmt_bind_int64 (stmt, 2, problem_id);
      rct_stmt_bind_text (stmt, 3, basename);
      rct_stmt_bind_text (stmt, 4, content_type);
      rct_stmt_bind_int64 (stmt, 5, size);
      rct_stmt_bind_text (stmt, 6, checksum);
      rct_stmt_bind_blob (stmt, 7, g_bytes_get_data (content, NULL), size);
      rct_stmt_bind_text (stmt, 8, now);
      rct_stmt_bind_text (stmt, 9, now);
      ok = _rct_store_step_done (self, stmt, error);
    }
  if (ok && out_id != NULL)
    *out_id = _rct_store_last_insert_id (self);
  if (ok)
    {
      _rct_store_mark_changed (self, RCT_KIND_EVIDENCE);
      ok = _rct_store_journal (self, RCT_KIND_EVIDENCE, uuid, problem->number, "*", NULL, basename, NULL, error);
    }
  return _rct_store_write_end (self, ok, ok ? error : NULL) && ok;
}

/**
 * rct_store_load_evidence:
 *
 * Returns: (transfer full) (nullable): the bytes of an evidence file
 */
GBytes *
rct_store_load_evidence (RctStore    *self,
                         gint64       evidence_id,
                         GError     **error)
{
  RctStmt *stmt = _rct_store_prepare (self, "SELECT content FROM evidence WHERE id = ?", error);
  GBytes *bytes = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rct_stmt_bind_int64 (stmt, 1, evidence_id);
  rc = _rct_store_step (self, stmt, error);
  if (rc == RCT_ROW)
    {
      gsize size = 0;
      gconstpointer data = rct_stmt_column_blob (stmt, 0, &size);

      bytes = g_bytes_new (data, size);
    }
  else if (rc == RCT_DONE)
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                         _("The evidence file was not found; it may have been removed."));
  rct_stmt_reset (stmt);
  return bytes;
}

/**
 * rct_store_write_evidence_copy:
 * @folder: where copies go, e.g. the user's cache folder
 *
 * Writes a copy of an evidence file for a viewer to open, as
 * @folder/ID/NAME: ID is the row's id, NAME the stored name if
 * rct_safe_file_name() allows it. A ledger someone sent may name its
 * evidence "../../.bashrc"; that is refused, and nothing is written
 * outside @folder.
 *
 * Returns: (transfer full) (nullable): the copy's path
 */
char *
rct_store_write_evidence_copy (RctStore    *self,
                               gint64       evidence_id,
                               const char  *folder,
                               GError     **error)
{
  g_autoptr(RctEvidence) evidence = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) name_error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  evidence = rct_store_get (self, RCT_KIND_EVIDENCE, evidence_id, error);
  if (evidence == NULL)
    return NULL;
  if (!rct_safe_file_name (evidence->filename, &name_error))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("Cannot open this evidence file safely: %s"), name_error->message);
      return NULL;
    }
  bytes = rct_store_load_evidence (self, evidence_id, error);
  if (bytes == NULL)
    return NULL;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, evidence_id);
  dir = g_build_filename (folder, id, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot make the folder “%s”: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  path = g_build_filename (dir, evidence->filename, NULL);
  /* Written beside and renamed: a link planted at the name is replaced,
   * never followed. */
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * rct_store_task_record_progress:
 * @count: how many were done (readings, essays, sessions…); added to the
 *   task's done count
 *
 * Records a progress entry and moves the task on: in progress, or done when
 * the target is reached.
 */
gboolean
rct_store_task_record_progress (RctStore    *self,
                                gint64       task_id,
                                const char  *date,
                                const char  *note,
                                gint64       count,
                                GError     **error)
{
  g_autoptr(RctTask) task = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, task_id);
  g_autofree char *count_text = NULL;
  g_autofree char *done_text = NULL;
  g_autofree char *stripped = note != NULL ? g_strstrip (g_strdup (note)) : NULL;
  const char *status;
  gint64 done;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  if (count < 0)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The count of a progress entry cannot be negative."));
      return FALSE;
    }
  /* A zero is a slip of the hand unless a note says why nothing was done. */
  if (count == 0 && (stripped == NULL || stripped[0] == '\0'))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("Enter how many were done; an entry of 0 needs a note saying why nothing was done."));
      return FALSE;
    }
  task = rct_store_get (self, RCT_KIND_TASK, task_id, error);
  if (task == NULL)
    return FALSE;

  done = task->done_count + count;
  status = task->target_count > 0 && done >= task->target_count ? "done" : "in-progress";
  count_text = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  done_text = g_strdup_printf ("%" G_GINT64_FORMAT, done);

  if (!_rct_store_write_begin (self, error))
    return FALSE;
  /* The count adds to the task as read. */
  ok = claim_as_read (self, RCT_KIND_TASK, RCT_RECORD (task), NULL, error) &&
       rct_store_create_va (self, RCT_KIND_TASK_PROGRESS, NULL, error,
                            "task_id", id_text, "date", date, "note", note, "count", count_text, NULL) &&
       rct_store_update_va (self, RCT_KIND_TASK, task_id, note, error,
                            "done_count", done_text, "status", status, NULL);
  return _rct_store_write_end (self, ok, ok ? error : NULL) && ok;
}

/**
 * rct_store_feedback_reply:
 * @reply_date: (nullable): %NULL for today
 * @satisfaction: (nullable): the supervisor's rating of the reply, when known
 */
gboolean
rct_store_feedback_reply (RctStore    *self,
                          gint64       feedback_id,
                          const char  *reply,
                          const char  *reply_date,
                          const char  *satisfaction,
                          GError     **error)
{
  g_autofree char *today = rct_clock_today ();

  if (reply == NULL || *reply == '\0')
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID, _("Write the reply first."));
      return FALSE;
    }
  return rct_store_update_va (self, RCT_KIND_FEEDBACK, feedback_id, NULL, error,
                              "reply", reply, "reply_date", reply_date != NULL ? reply_date : today,
                              "satisfaction", satisfaction != NULL ? satisfaction : "", NULL);
}

/**
 * rct_store_feedback_to_problem:
 *
 * Registers a ledger problem from a feedback (source: supervisor feedback;
 * unit and text carried over; deadline 30 days on) and links the two.
 */
gboolean
rct_store_feedback_to_problem (RctStore    *self,
                               gint64       feedback_id,
                               gint64      *out_problem_id,
                               GError     **error)
{
  g_autoptr(RctFeedback) feedback = NULL;
  g_autofree char *today = rct_clock_today ();
  g_autofree char *deadline = NULL;
  const char *found;
  gint64 problem_id = 0;
  RctStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  feedback = rct_store_get (self, RCT_KIND_FEEDBACK, feedback_id, error);
  if (feedback == NULL)
    return FALSE;
  if (feedback->problem_id != 0)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("This feedback is already in the ledger as problem %s."), feedback->problem_number);
      return FALSE;
    }
  if (feedback->unit_name == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("Say which unit the feedback concerns before turning it into a problem."));
      return FALSE;
    }
  found = rct_date_days_between (feedback->received_date, today) >= 0 ? today : feedback->received_date;
  deadline = rct_date_add_days (found, 30);

  if (!_rct_store_write_begin (self, error))
    return FALSE;
  ok = rct_store_create_va (self, RCT_KIND_PROBLEM, &problem_id, error,
                            "description", feedback->content, "source", "supervisor-feedback",
                            "unit", feedback->unit_name, "found_date", found, "deadline", deadline, NULL);
  if (ok)
    {
      g_autofree char *number = NULL;
      g_autoptr(RctProblem) problem = rct_store_get (self, RCT_KIND_PROBLEM, problem_id, error);
      g_autofree char *now = rct_clock_now ();

      ok = problem != NULL;
      if (ok)
        stmt = _rct_store_prepare (self, "UPDATE feedback SET problem_id = ?, updated_at = ?, revision = revision + 1 WHERE id = ?", error);
      ok = ok && stmt != NULL;
      if (ok)
        {
          rct_stmt_bind_int64 (stmt, 1, problem_id);
          rct_stmt_bind_text (stmt, 2, now);
          rct_stmt_bind_int64 (stmt, 3, feedback_id);
          ok = _rct_store_step_done (self, stmt, error);
        }
      if (ok)
        {
          g_autofree char *label = _rct_store_record_label (RCT_KIND_FEEDBACK, RCT_RECORD (feedback));
          _rct_store_mark_changed (self, RCT_KIND_FEEDBACK);
          ok = _rct_store_journal (self, RCT_KIND_FEEDBACK, rct_record_get_uuid (RCT_RECORD (feedback)), label,
                                   "problem", NULL, problem->number, NULL, error);
        }
    }
  if (!(_rct_store_write_end (self, ok, ok ? error : NULL) && ok))
    return FALSE;
  if (out_problem_id != NULL)
    *out_problem_id = problem_id;
  return TRUE;
}

/**
 * rct_store_supervisor_retire:
 *
 * A supervisor leaves the roster but keeps their feedback on record.
 */
gboolean
rct_store_supervisor_retire (RctStore    *self,
                             gint64       supervisor_id,
                             const char  *reason,
                             GError     **error)
{
  return rct_store_update_va (self, RCT_KIND_SUPERVISOR, supervisor_id, reason, error, "active", "0", NULL);
}

/**
 * rct_store_feedback_link_problem:
 *
 * Links a feedback to a problem already in the ledger.
 */
gboolean
rct_store_feedback_link_problem (RctStore    *self,
                                 gint64       feedback_id,
                                 gint64       problem_id,
                                 GError     **error)
{
  g_autoptr(RctFeedback) feedback = rct_store_get (self, RCT_KIND_FEEDBACK, feedback_id, error);
  g_autoptr(RctProblem) problem = NULL;
  g_autofree char *now = rct_clock_now ();
  g_autofree char *label = NULL;
  RctStmt *stmt;
  gboolean ok;

  if (feedback == NULL)
    return FALSE;
  problem = rct_store_get (self, RCT_KIND_PROBLEM, problem_id, error);
  if (problem == NULL)
    return FALSE;
  if (!_rct_store_write_begin (self, error))
    return FALSE;
  stmt = _rct_store_prepare (self, "UPDATE feedback SET problem_id = ?, updated_at = ?, revision = revision + 1 WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      rct_stmt_bind_int64 (stmt, 1, problem_id);
      rct_stmt_bind_text (stmt, 2, now);
      rct_stmt_bind_int64 (stmt, 3, feedback_id);
      ok = _rct_store_step_done (self, stmt, error);
    }
  if (ok)
    {
      label = _rct_store_record_label (RCT_KIND_FEEDBACK, RCT_RECORD (feedback));
      _rct_store_mark_changed (self, RCT_KIND_FEEDBACK);
      ok = _rct_store_journal (self, RCT_KIND_FEEDBACK, rct_record_get_uuid (RCT_RECORD (feedback)), label,
                               "problem", feedback->problem_number, problem->number, NULL, error);
    }
  return _rct_store_write_end (self, ok, ok ? error : NULL) && ok;
}

/* For imports of an existing ledger: a problem registered as it stood in
 * the old ledger, closed or under way, without replaying its history. The
 * journal says where the state came from. */
gboolean
_rct_store_problem_set_state (RctStore    *self,
                              gint64       problem_id,
                              const char  *status,
                              const char  *verification,
                              const char  *verified_by,
                              const char  *closed_date,
                              const char  *reason,
                              GError     **error)
{
  g_autoptr(RctProblem) problem = rct_store_get (self, RCT_KIND_PROBLEM, problem_id, error);
  RctRecord *record;
  gboolean ok;

  if (problem == NULL)
    return FALSE;
  record = RCT_RECORD (problem);
  if (g_strcmp0 (status, "closed") == 0)
    {
      if (!rct_date_is_valid (closed_date))
        {
          g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                               _("A closed problem needs the date it was closed, written as YYYY-MM-DD."));
          return FALSE;
        }
      if (rct_date_days_between (problem->found_date, closed_date) < 0)
        {
          /* Translators: the first %s is the closing date, the second the found date. */
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                       _("The closing date %s is before the date the problem was found (%s)."),
                       closed_date, problem->found_date);
          return FALSE;
        }
    }
  if (!_rct_store_write_begin (self, error))
    return FALSE;
  ok = TRUE;
  if (g_strcmp0 (status, "closed") == 0)
    ok = set_column (self, RCT_KIND_PROBLEM, record, "verification", verification, reason, error) &&
         set_column (self, RCT_KIND_PROBLEM, record, "verified_by", verified_by, reason, error) &&
         set_column (self, RCT_KIND_PROBLEM, record, "verified_date", closed_date, reason, error) &&
         set_column (self, RCT_KIND_PROBLEM, record, "closed_date", closed_date, reason, error) &&
         lift_listing_at_close (self, problem, closed_date, reason, error);
  ok = ok && set_column (self, RCT_KIND_PROBLEM, record, "status", status, reason, error);
  return _rct_store_write_end (self, ok, ok ? error : NULL) && ok;
}
