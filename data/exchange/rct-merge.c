/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-merge"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-merge-private.h"
#include "rct-report.h"
#include "rct-dialect.h"
#include "rct-store-private.h"

/* A merge of a report is the import run inside one transaction: the
 * preview rolls it back, the apply commits it; both collect the plan of
 * what each record did, so the preview shows exactly what the apply will
 * do (docs/EXCHANGE.md). */

/* An item and its texts are one block (item_new()). */
void
rct_merge_item_free (RctMergeItem *item)
{
  g_free (item);
}

/* Copies @text to *@at and moves *@at past it; NULL stays NULL. */
static char *
place_text (char       **at,
            const char  *text,
            gsize        size)
{
  char *placed = *at;

  if (text == NULL)
    return NULL;
  memcpy (placed, text, size);
  *at += size;
  return placed;
}

/* One allocation for the item and its five texts, not six: a report of a
 * million problems notes a million items, and their allocating and
 * freeing had the allocator consolidating its free lists for seconds at
 * the import's end. */
static RctMergeItem *
item_new (RctMergeOutcome  outcome,
          const char      *kind,
          const char      *uuid,
          const char      *label,
          const char      *field,
          const char      *reason)
{
  const char *texts[] = { kind, uuid, label, field, reason };
  gsize sizes[G_N_ELEMENTS (texts)];
  gsize total = sizeof (RctMergeItem);
  RctMergeItem *item;
  char *at;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      sizes[i] = texts[i] != NULL ? strlen (texts[i]) + 1 : 0;
      total += sizes[i];
    }
  item = g_malloc (total);
  at = (char *) (item + 1);
  item->outcome = outcome;
  item->kind = place_text (&at, kind, sizes[0]);
  item->uuid = place_text (&at, uuid, sizes[1]);
  item->label = place_text (&at, label, sizes[2]);
  item->field = place_text (&at, field, sizes[3]);
  item->reason = place_text (&at, reason, sizes[4]);
  return item;
}

void
rct_merge_plan_free (RctMergePlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->organisation);
  g_free (plan->warning);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_free (plan);
}

RctMergePlan *
_rct_merge_plan_new (void)
{
  RctMergePlan *plan = g_new0 (RctMergePlan, 1);

  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) rct_merge_item_free);
  return plan;
}

/**
 * rct_merge_outcome_to_string:
 *
 * Returns: the outcome's key in the command line's JSON: "added",
 *   "changed", "unchanged", "conflict", "refused" or "pending"
 */
const char *
rct_merge_outcome_to_string (RctMergeOutcome outcome)
{
  static const char *const keys[] = { "added", "changed", "unchanged", "conflict", "refused", "pending" };

  g_return_val_if_fail (outcome <= RCT_MERGE_PENDING, NULL);
  return keys[outcome];
}

const char *
_rct_merge_kind_element (RctKind kind)
{
  switch (kind)
    {
    case RCT_KIND_WORKING_GROUP:
      return "group";
    case RCT_KIND_TASK_PROGRESS:
      return "progress";
    default:
      return rct_kind_to_table (kind);
    }
}

void
_rct_merge_plan_note (RctMergePlan    *plan,
                      RctMergeOutcome  outcome,
                      RctKind          kind,
                      const char      *uuid,
                      const char      *label,
                      const char      *field,
                      const char      *reason)
{
  if (plan == NULL)
    return;
  switch (outcome)
    {
    case RCT_MERGE_ADDED:
      plan->added++;
      break;
    case RCT_MERGE_CHANGED:
      plan->changed++;
      break;
    case RCT_MERGE_UNCHANGED:
      plan->unchanged++;
      return;
    case RCT_MERGE_CONFLICT:
      plan->conflicts++;
      break;
    case RCT_MERGE_REFUSED:
      plan->refused++;
      break;
    case RCT_MERGE_PENDING:
      plan->pending++;
      break;
    default:
      g_return_if_reached ();
    }
  g_ptr_array_add (plan->items, item_new (outcome, _rct_merge_kind_element (kind), uuid,
                                          label != NULL ? label : uuid, field, reason));
}

/* The rule of sides: one table of kinds and fields. A field not listed is
 * its record's data (RCT_SIDE_OWNER); "*" stands for every field of a
 * kind. A problem's status is the side of the workflow's step. */
static const struct
{
  RctKind     kind;
  const char *field;
  RctSide     side;
} sides[] = {
  { RCT_KIND_PROBLEM, "verification", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "verified_by", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "verified_date", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "closed_date", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "deadline", RCT_SIDE_SUPERVISION },  /* after it is registered: extensions */
  { RCT_KIND_PROBLEM, "mechanism", RCT_SIDE_SHARED },
  { RCT_KIND_PROBLEM, "description", RCT_SIDE_SHARED },
  /* Issue 18: how grave it is and its listing are the supervision's word;
   * the cause analysis is written by whoever knows it, often the unit. */
  { RCT_KIND_PROBLEM, "severity", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "listed_level", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "listed_date", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "listed_by", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "listed_lifted", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "listed_lift_reason", RCT_SIDE_SUPERVISION },
  { RCT_KIND_PROBLEM, "cause", RCT_SIDE_SHARED },
  { RCT_KIND_MEASURE, "*", RCT_SIDE_RECTIFICATION },
  { RCT_KIND_EVIDENCE, "*", RCT_SIDE_RECTIFICATION },
  { RCT_KIND_TASK_PROGRESS, "*", RCT_SIDE_RECTIFICATION },
  /* A task's progress is its unit's; its note both sides write; its other
   * fields (title, deadline, target…) are its owner's. */
  { RCT_KIND_TASK, "status", RCT_SIDE_RECTIFICATION },
  { RCT_KIND_TASK, "done_count", RCT_SIDE_RECTIFICATION },
  { RCT_KIND_TASK, "note", RCT_SIDE_SHARED },
  { RCT_KIND_EXTENSION, "old_deadline", RCT_SIDE_RECTIFICATION },
  { RCT_KIND_EXTENSION, "reason", RCT_SIDE_RECTIFICATION },
  { RCT_KIND_EXTENSION, "new_deadline", RCT_SIDE_SUPERVISION },
  { RCT_KIND_EXTENSION, "decided_by", RCT_SIDE_SUPERVISION },
  { RCT_KIND_EXTENSION, "decided_at", RCT_SIDE_SUPERVISION },
  /* Issue 18: holding people to account and inspecting are the office's
   * alone, whoever the record names. */
  { RCT_KIND_ACCOUNTABILITY, "*", RCT_SIDE_OFFICE },
  { RCT_KIND_VISIT, "*", RCT_SIDE_OFFICE },
};

RctSide
_rct_merge_side_of_field (RctKind     kind,
                          const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    if (sides[i].kind == kind && (g_str_equal (sides[i].field, "*") || g_strcmp0 (sides[i].field, field) == 0))
      return sides[i].side;
  return RCT_SIDE_OWNER;
}

RctSide
_rct_merge_side_of_step (RctProblemAction action)
{
  return action == RCT_ACTION_START || action == RCT_ACTION_SUBMIT ? RCT_SIDE_RECTIFICATION : RCT_SIDE_SUPERVISION;
}

/* Asked for every record a report merges: its level alone, no
 * organisation made. */
static gboolean
is_unit_organisation (RctStore   *store,
                      const char *uuid)
{
  RctStmt *stmt = uuid != NULL ? _rct_store_prepare (store, "SELECT level FROM organisation WHERE uuid = ?", NULL)
                               : NULL;
  gboolean unit = FALSE;

  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  if (_rct_store_step (store, stmt, NULL) == RCT_ROW)
    unit = g_strcmp0 (rct_stmt_column_text (stmt, 0), "unit") == 0;
  rct_stmt_reset (stmt);
  return unit;
}

static char *
organisation_name (RctStore   *store,
                   const char *uuid)
{
  g_autoptr(RctOrganisation) org = uuid != NULL ? rct_store_dup_organisation_by_uuid (store, uuid) : NULL;

  if (org != NULL)
    return g_strdup (org->name);
  return g_strdup (uuid != NULL ? uuid : _("an organisation the report does not name"));
}

/**
 * _rct_merge_may:
 * @reason: (out) (optional): when not, why, as one sentence
 *
 * Whether @context's author may make a change of @side. A unit sends the
 * rectification side of what is assigned to it and its own records' data;
 * the office the supervision side and its own records' data, and the
 * rectification side of units that keep no ledger of their own.
 */
gboolean
_rct_merge_may (RctStore             *store,
                const RctSideContext *context,
                RctSide               side,
                char                **reason)
{
  const char *ours = rct_store_get_organisation_uuid (store);
  const char *owner = context->owner != NULL ? context->owner : ours;
  gboolean author_is_unit = is_unit_organisation (store, context->author);
  g_autofree char *author_name = NULL;
  gboolean may = FALSE;

  switch (side)
    {
    case RCT_SIDE_SUPERVISION:
      may = !author_is_unit;
      if (!may && reason != NULL && (author_name = organisation_name (store, context->author)) != NULL)
        /* Translators: %s is a unit's name */
        *reason = g_strdup_printf (_("Only the office verifies, closes, rejects, reopens and decides extensions; "
                                     "%s is a unit."), author_name);
      break;
    case RCT_SIDE_OFFICE:
      may = !author_is_unit;
      if (!may && reason != NULL && (author_name = organisation_name (store, context->author)) != NULL)
        /* Translators: %s is a unit's name */
        *reason = g_strdup_printf (_("Only the office holds people to account and records inspection visits; "
                                     "%s is a unit."), author_name);
      break;
    case RCT_SIDE_RECTIFICATION:
      may = g_strcmp0 (context->unit, context->author) == 0 ||
            (!author_is_unit && (context->unit == NULL ||
                                 (g_strcmp0 (context->unit, ours) != 0 && !is_unit_organisation (store, context->unit))));
      if (!may && reason != NULL && (author_name = organisation_name (store, context->author)) != NULL)
        /* Translators: %s is an organisation's name */
        *reason = g_strdup_printf (_("Only the responsible unit does the rectification (start, measures, evidence, "
                                     "progress, submit); %s is not it."), author_name);
      break;
    case RCT_SIDE_SHARED:
      may = !author_is_unit || g_strcmp0 (owner, context->author) == 0 || g_strcmp0 (context->unit, context->author) == 0;
      if (!may && reason != NULL && (author_name = organisation_name (store, context->author)) != NULL)
        /* Translators: %s is a unit's name */
        *reason = g_strdup_printf (_("Only the office, the record's owner or the responsible unit may change this; "
                                     "%s is none of them."), author_name);
      break;
    case RCT_SIDE_OWNER:
    default:
      may = g_strcmp0 (owner, context->author) == 0 || (!author_is_unit && !is_unit_organisation (store, owner));
      if (!may && reason != NULL)
        {
          g_autofree char *owner_name = organisation_name (store, owner);

          author_name = organisation_name (store, context->author);
          /* Translators: the first %s is the record's owner, the second the report's maker */
          *reason = g_strdup_printf (_("Only its owner, %s, may change this record; the report is from %s."),
                                     owner_name, author_name);
        }
      break;
    }
  return may;
}

/**
 * _rct_merge_add_conflict:
 *
 * Keeps both values of a field two organisations changed from the same
 * one; the record keeps ours until a clerk chooses. The same conflict met
 * again (the report imported twice) is not listed twice.
 */
gboolean
_rct_merge_add_conflict (RctStore    *store,
                         RctKind      kind,
                         const char  *record_uuid,
                         const char  *label,
                         const char  *field,
                         const char  *ours,
                         const char  *theirs,
                         const char  *theirs_by,
                         const char  *theirs_at,
                         GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = rct_clock_now ();
  RctStmt *stmt;
  gboolean known = FALSE;

  stmt = _rct_store_prepare (store, "SELECT 1 FROM merge_conflict WHERE record_uuid = ? AND field = ?"
                                    " AND theirs IS NOT DISTINCT FROM ? AND resolved_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, record_uuid);
  rct_stmt_bind_text (stmt, 2, field);
  rct_stmt_bind_text (stmt, 3, theirs);
  known = _rct_store_step (store, stmt, NULL) == RCT_ROW;
  rct_stmt_reset (stmt);
  if (known)
    return TRUE;
  stmt = _rct_store_prepare (store, "INSERT INTO merge_conflict (uuid, record_table, record_uuid, record_label, field,"
                                    " ours, theirs, ours_by, theirs_by, ours_at, theirs_at, created_at, updated_at)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?10)", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  rct_stmt_bind_text (stmt, 2, rct_kind_to_table (kind));
  rct_stmt_bind_text (stmt, 3, record_uuid);
  rct_stmt_bind_text (stmt, 4, label);
  rct_stmt_bind_text (stmt, 5, field);
  rct_stmt_bind_text (stmt, 6, ours);
  rct_stmt_bind_text (stmt, 7, theirs);
  rct_stmt_bind_text (stmt, 8, rct_store_get_organisation_uuid (store));
  rct_stmt_bind_text (stmt, 9, theirs_by);
  rct_stmt_bind_text (stmt, 10, now);
  rct_stmt_bind_text (stmt, 11, theirs_at);
  return _rct_store_step_done (store, stmt, error);
}

void
rct_conflict_free (RctConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->uuid);
  g_free (conflict->kind);
  g_free (conflict->record_uuid);
  g_free (conflict->label);
  g_free (conflict->field);
  g_free (conflict->ours);
  g_free (conflict->theirs);
  g_free (conflict->ours_by);
  g_free (conflict->theirs_by);
  g_free (conflict->ours_at);
  g_free (conflict->theirs_at);
  g_free (conflict);
}

static char *
column_text (RctStmt *stmt,
             int      i)
{
  return g_strdup (rct_stmt_column_text (stmt, i));
}

/**
 * rct_merge_list_conflicts:
 *
 * Returns: (transfer container) (element-type RctConflict): the open
 *   conflicts, oldest first
 */
GPtrArray *
rct_merge_list_conflicts (RctStore  *store,
                          GError   **error)
{
  GPtrArray *conflicts;
  RctStmt *stmt;
  int rc;

  g_return_val_if_fail (RCT_IS_STORE (store), NULL);

  stmt = _rct_store_prepare (store, "SELECT uuid, record_table, record_uuid, record_label, field, ours, theirs,"
                                    " ours_by, theirs_by, ours_at, theirs_at FROM merge_conflict"
                                    " WHERE resolved_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rct_conflict_free);
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      RctConflict *c = g_new0 (RctConflict, 1);
      g_autofree char *table = column_text (stmt, 1);
      g_autofree char *ours_by = column_text (stmt, 7);
      g_autofree char *theirs_by = column_text (stmt, 8);
      RctKind kind;

      c->uuid = column_text (stmt, 0);
      c->kind = g_strdup (rct_kind_from_table (table, &kind) ? _rct_merge_kind_element (kind) : table);
      c->record_uuid = column_text (stmt, 2);
      c->label = column_text (stmt, 3);
      c->field = column_text (stmt, 4);
      c->ours = column_text (stmt, 5);
      c->theirs = column_text (stmt, 6);
      c->ours_by = organisation_name (store, ours_by);
      c->theirs_by = organisation_name (store, theirs_by);
      c->ours_at = column_text (stmt, 9);
      c->theirs_at = column_text (stmt, 10);
      g_ptr_array_add (conflicts, c);
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_DONE)
    {
      g_ptr_array_unref (conflicts);
      return NULL;
    }
  return conflicts;
}

/* The column a report carries of the name @field, from the code's own
 * list (never the text read from the table), or NULL. */
static const char *
exchanged_column (RctKind     kind,
                  const char *field)
{
  const char *const *columns = rct_exchange_columns (kind);

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    if (g_str_equal (columns[i], field))
      return columns[i];
  return NULL;
}

/* The journal row just written settles a conflict. */
static gboolean
mark_resolution (RctStore  *store,
                 gboolean   keep_theirs,
                 GError   **error)
{
  RctStmt *stmt = _rct_store_prepare (store, "UPDATE journal SET resolution = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, keep_theirs ? "theirs" : "ours");
  rct_stmt_bind_int64 (stmt, 2, _rct_store_last_insert_id (store));
  return _rct_store_step_done (store, stmt, error);
}

/**
 * _rct_merge_settlement_yields:
 * @author: (nullable): the organisation whose ledger settled the conflict
 *   the report's way (NULL: this ledger)
 *
 * Two settlements of one conflict made apart (one ledger kept A, the
 * other B: each event undoes the other) must end the same way in both
 * ledgers, whatever order they arrive in, and no clock may decide. The
 * rule both sides apply: the office's settlement stands over a unit's;
 * between two of the same level, the event with the lower uuid.
 *
 * Returns: %TRUE when the report's settlement @uuid by @author yields to
 *   ours, @our_uuid by @our_author
 */
gboolean
_rct_merge_settlement_yields (RctStore   *store,
                              const char *author,
                              const char *uuid,
                              const char *our_author,
                              const char *our_uuid)
{
  const char *self = rct_store_get_organisation_uuid (store);
  gboolean theirs_unit = is_unit_organisation (store, author != NULL ? author : self);
  gboolean ours_unit = is_unit_organisation (store, our_author != NULL ? our_author : self);

  if (theirs_unit != ours_unit)
    return theirs_unit;
  return g_strcmp0 (our_uuid, uuid) < 0;
}

/**
 * rct_merge_resolve_conflict:
 * @keep_theirs: %TRUE to take the other organisation's value
 *
 * Chooses one value of a conflict. The choice is an event of its own in
 * the journal, following the value the record holds now and marked as a
 * settlement, so the other side, given it in the next report, takes it
 * without a conflict of its own; two settlements made apart end by
 * _rct_merge_settlement_yields().
 */
gboolean
rct_merge_resolve_conflict (RctStore    *store,
                            const char  *conflict_uuid,
                            gboolean     keep_theirs,
                            GError     **error)
{
  g_autofree char *table = NULL, *record_uuid = NULL, *label = NULL, *field = NULL;
  g_autofree char *ours = NULL, *theirs = NULL, *current = NULL, *now = rct_clock_now ();
  RctStmt *stmt;
  RctKind kind;
  const char *column = NULL;
  gboolean ok = FALSE;
  gboolean found = FALSE;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflict_uuid != NULL, FALSE);

  stmt = _rct_store_prepare (store, "SELECT record_table, record_uuid, record_label, field, ours, theirs"
                                    " FROM merge_conflict WHERE uuid = ? AND resolved_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, conflict_uuid);
  if (_rct_store_step (store, stmt, NULL) == RCT_ROW)
    {
      found = TRUE;
      table = column_text (stmt, 0);
      record_uuid = column_text (stmt, 1);
      label = column_text (stmt, 2);
      field = column_text (stmt, 3);
      ours = column_text (stmt, 4);
      theirs = column_text (stmt, 5);
    }
  rct_stmt_reset (stmt);
  if (!found)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                   _("There is no open conflict %s; list them with “conflicts list”."), conflict_uuid);
      return FALSE;
    }
  if (rct_kind_from_table (table, &kind))
    column = exchanged_column (kind, field);
  if (column == NULL)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("The conflict %s names a field this version cannot set."), conflict_uuid);
      return FALSE;
    }

  if (!_rct_store_write_begin (store, error))
    return FALSE;
  /* The choice follows the value the record holds now, which may have
   * moved on since the conflict was listed: an event from the listed
   * "ours" would leave every other ledger holding the newer value without
   * a way from it to the choice. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE uuid = ?", column, rct_kind_to_table (kind));

    stmt = _rct_store_prepare (store, sql, error);
    if (stmt == NULL)
      goto out;
    rct_stmt_bind_text (stmt, 1, record_uuid);
    if (_rct_store_step (store, stmt, NULL) == RCT_ROW)
      current = column_text (stmt, 0);
    rct_stmt_reset (stmt);
  }
  if (keep_theirs && g_strcmp0 (current, theirs) != 0)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?, updated_at = ?%s WHERE uuid = ?",
                                              rct_kind_to_table (kind), column, _rct_store_bump_sql (kind));

      stmt = _rct_store_prepare (store, sql, error);
      if (stmt == NULL)
        goto out;
      rct_stmt_bind_text (stmt, 1, theirs);
      rct_stmt_bind_text (stmt, 2, now);
      rct_stmt_bind_text (stmt, 3, record_uuid);
      if (!_rct_store_step_done (store, stmt, error))
        goto out;
      _rct_store_mark_changed (store, kind);
    }
  /* The event of the choice, marked as a settlement (journal.resolution):
   * kept theirs, it leads from our value to theirs; kept ours, from
   * theirs to ours, so a ledger still holding theirs follows it. */
  if (g_strcmp0 (current, theirs) != 0 &&
      (!_rct_store_journal (store, kind, record_uuid, label, field, keep_theirs ? current : theirs,
                            keep_theirs ? theirs : current,
                            keep_theirs ? _("conflict resolved: their value kept")
                                        : _("conflict resolved: our value kept"), error) ||
       !mark_resolution (store, keep_theirs, error)))
    goto out;
  stmt = _rct_store_prepare (store, "UPDATE merge_conflict SET resolved_at = ?, kept = ?, updated_at = ?"
                                    " WHERE uuid = ?", error);
  if (stmt == NULL)
    goto out;
  rct_stmt_bind_text (stmt, 1, now);
  rct_stmt_bind_text (stmt, 2, keep_theirs ? "theirs" : "ours");
  rct_stmt_bind_text (stmt, 3, now);
  rct_stmt_bind_text (stmt, 4, conflict_uuid);
  ok = _rct_store_step_done (store, stmt, error);
out:
  return _rct_store_write_end (store, ok, ok ? error : NULL) && ok;
}

/* Acknowledgements (issue 16 item 7, docs/EXCHANGE.md). Every report
 * this ledger writes gets a serial and a row in exchange_sent: for whom,
 * and the last journal row and problem it covered. A report carries
 * everything its peer has not acknowledged, so a peer that merged report
 * n holds everything up to n's last journal row: one number per peer says
 * what it holds, and merging reports late, twice or out of order only
 * ever raises it (the highest serial stands). */

static gint64
max_id (RctStore   *store,
        const char *sql)
{
  RctStmt *stmt = _rct_store_prepare (store, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  if (_rct_store_step (store, stmt, NULL) == RCT_ROW)
    id = rct_stmt_column_int64 (stmt, 0);
  rct_stmt_reset (stmt);
  return id;
}

/* The problems with an event after @since_journal (their own, or their
 * measures', extensions' or evidence's), or made after @since_problem. */
static GHashTable *
problems_since (RctStore  *store,
                gint64     since_journal,
                gint64     since_problem,
                GError   **error)
{
  GHashTable *ids = g_hash_table_new (NULL, NULL);
  RctStmt *stmt;
  int rc;

  stmt = _rct_store_prepare (store, "WITH j AS (SELECT record_table, record_uuid FROM journal WHERE id > ?1)"
                                    " SELECT id FROM problem WHERE id > ?2"
                                    " OR uuid IN (SELECT record_uuid FROM j WHERE record_table = 'problem')"
                                    " UNION SELECT problem_id FROM measure WHERE uuid IN"
                                    "  (SELECT record_uuid FROM j WHERE record_table = 'measure')"
                                    " UNION SELECT problem_id FROM extension WHERE uuid IN"
                                    "  (SELECT record_uuid FROM j WHERE record_table = 'extension')"
                                    " UNION SELECT problem_id FROM evidence WHERE uuid IN"
                                    "  (SELECT record_uuid FROM j WHERE record_table = 'evidence')", error);
  if (stmt == NULL)
    {
      g_hash_table_unref (ids);
      return NULL;
    }
  rct_stmt_bind_int64 (stmt, 1, since_journal);
  rct_stmt_bind_int64 (stmt, 2, since_problem);
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    g_hash_table_add (ids, GSIZE_TO_POINTER ((gsize) rct_stmt_column_int64 (stmt, 0)));
  rct_stmt_reset (stmt);
  if (rc != RCT_DONE)
    {
      g_hash_table_unref (ids);
      return NULL;
    }
  return ids;
}

void
_rct_exchange_clear (RctExchangeOut *out)
{
  g_clear_pointer (&out->peer, g_free);
  g_clear_pointer (&out->selected, g_hash_table_unref);
  g_clear_pointer (&out->acks, g_ptr_array_unref);
}

/**
 * _rct_exchange_begin:
 * @peer: (nullable): the organisation the report is for
 * @scope: the report's scope as text (period and units): an
 *   acknowledgement counts only for reports of the same scope, since a
 *   peer that merged a report of one unit's problems does not hold the
 *   others
 * @full: carry everything whatever the peer acknowledged
 *
 * Decides what a report to @peer carries and records that it was sent.
 * A report for no peer, for a peer that never acknowledged a report of
 * ours, or from a ledger open read-only, is full.
 */
gboolean
_rct_exchange_begin (RctStore        *store,
                     const char      *peer,
                     const char      *scope,
                     gboolean         full,
                     RctExchangeOut  *out,
                     GError         **error)
{
  g_autofree char *now = rct_clock_now ();
  RctStmt *stmt;
  gboolean ok = FALSE;
  int rc;

  memset (out, 0, sizeof *out);
  out->peer = g_strdup (peer);
  out->full = TRUE;
  out->acks = g_ptr_array_new_with_free_func (g_free);
  stmt = _rct_store_prepare (store, "SELECT organisation_uuid, received_serial FROM exchange_peer"
                                    " WHERE received_serial IS NOT NULL ORDER BY organisation_uuid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      g_ptr_array_add (out->acks, column_text (stmt, 0));
      g_ptr_array_add (out->acks, column_text (stmt, 1));
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_DONE)
    return FALSE;

  if (!full && peer != NULL)
    {
      gboolean found = FALSE;

      stmt = _rct_store_prepare (store, "SELECT s.last_journal_id, s.last_problem_id FROM exchange_peer p"
                                        " JOIN exchange_sent s ON s.serial = p.acknowledged_serial"
                                        " WHERE p.organisation_uuid = ?1 AND (s.peer_org IS NULL OR s.peer_org = ?1)"
                                        " AND s.scope = ?2", error);
      if (stmt == NULL)
        return FALSE;
      rct_stmt_bind_text (stmt, 1, peer);
      rct_stmt_bind_text (stmt, 2, scope);
      if (_rct_store_step (store, stmt, NULL) == RCT_ROW)
        {
          found = TRUE;
          out->since_journal = rct_stmt_column_int64 (stmt, 0);
          out->full = FALSE;
          out->selected = problems_since (store, out->since_journal, rct_stmt_column_int64 (stmt, 1), error);
        }
      rct_stmt_reset (stmt);
      if (found && out->selected == NULL)
        return FALSE;
    }

  if (rct_store_is_read_only (store))
    {
      /* Nothing can be recorded: everything goes, with no serial. */
      out->full = TRUE;
      out->since_journal = 0;
      g_clear_pointer (&out->selected, g_hash_table_unref);
      return TRUE;
    }
  if (!_rct_store_write_begin (store, error))
    return FALSE;
  stmt = _rct_store_prepare (store, "INSERT INTO exchange_sent (peer_org, scope, \"full\", last_journal_id,"
                                    " last_problem_id, sent_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      rct_stmt_bind_text (stmt, 1, peer);
      rct_stmt_bind_text (stmt, 2, scope);
      rct_stmt_bind_int64 (stmt, 3, out->full);
      rct_stmt_bind_int64 (stmt, 4, max_id (store, "SELECT max(id) FROM journal"));
      rct_stmt_bind_int64 (stmt, 5, max_id (store, "SELECT max(id) FROM problem"));
      rct_stmt_bind_text (stmt, 6, now);
      ok = _rct_store_step_done (store, stmt, error);
      out->serial = _rct_store_last_insert_id (store);
    }
  return _rct_store_write_end (store, ok, ok ? error : NULL) && ok;
}

static gboolean
raise_peer (RctStore    *store,
            const char  *organisation,
            const char  *column,
            gint64       serial,
            GError     **error)
{
  g_autofree char *now = rct_clock_now ();
  g_autofree char *sql = g_strdup_printf ("INSERT INTO exchange_peer (organisation_uuid, %1$s, updated_at)"
                                          " VALUES (?1, ?2, ?3) ON CONFLICT (organisation_uuid) DO UPDATE SET"
                                          " %1$s = %2$s (coalesce (exchange_peer.%1$s, 0), ?2), updated_at = ?3",
                                          column, _rct_store_dialect (store, RCT_DIALECT_GREATEST));
  RctStmt *stmt = _rct_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, organisation);
  rct_stmt_bind_int64 (stmt, 2, serial);
  rct_stmt_bind_text (stmt, 3, now);
  return _rct_store_step_done (store, stmt, error);
}

/**
 * _rct_exchange_note:
 * @author: the organisation that made the report merged
 * @serial: its serial, or 0
 * @for_org: (nullable): the organisation it was for
 * @acks: (nullable): pairs of organisation uuid and serial: what the
 *   author says it merged of each
 *
 * Inside a merge's transaction: remembers the report as merged here (when
 * it was for this ledger's organisation or for anyone), and what its
 * author acknowledged of ours. Only ever raises the numbers.
 */
gboolean
_rct_exchange_note (RctStore    *store,
                    const char  *author,
                    gint64       serial,
                    const char  *for_org,
                    GPtrArray   *acks,
                    GError     **error)
{
  const char *self = rct_store_get_organisation_uuid (store);

  if (author == NULL || g_strcmp0 (author, self) == 0)
    return TRUE;
  if (serial > 0 && (for_org == NULL || g_strcmp0 (for_org, self) == 0) &&
      !raise_peer (store, author, "received_serial", serial, error))
    return FALSE;
  for (guint i = 0; acks != NULL && i + 1 < acks->len; i += 2)
    if (g_strcmp0 (g_ptr_array_index (acks, i), self) == 0)
      {
        gint64 acked = g_ascii_strtoll (g_ptr_array_index (acks, i + 1), NULL, 10);
        if (acked > 0 && !raise_peer (store, author, "acknowledged_serial", acked, error))
          return FALSE;
      }
  return TRUE;
}

static RctMergePlan *
merge_run (RctStore      *store,
           const char    *report_path,
           gboolean       commit,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(RctMergePlan) plan = _rct_merge_plan_new ();
  RctReportSummary summary = { 0 };
  gboolean ok;

  ok = _rct_report_merge (store, report_path, &summary, plan, commit, cancellable, error);
  if (ok)
    {
      plan->organisation = g_strdup (summary.organisation);
      plan->warning = g_steal_pointer (&summary.warning);
    }
  rct_report_summary_clear (&summary);
  return ok ? g_steal_pointer (&plan) : NULL;
}

/**
 * rct_merge_preview:
 *
 * What merging the report would do, record by record; writes nothing.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error
 *   set (a report that cannot be read, RCT_REPORT_ERROR_OLD for version 1)
 */
RctMergePlan *
rct_merge_preview (RctStore      *store,
                   const char    *report_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_return_val_if_fail (RCT_IS_STORE (store), NULL);
  g_return_val_if_fail (report_path != NULL, NULL);
  return merge_run (store, report_path, FALSE, cancellable, error);
}

/**
 * rct_merge_apply:
 *
 * Merges the report: what may be applied is, every refused change and
 * conflict is listed. A report that cannot be read changes nothing.
 *
 * Returns: (transfer full) (nullable): what it did, as rct_merge_preview()
 */
RctMergePlan *
rct_merge_apply (RctStore      *store,
                 const char    *report_path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (RCT_IS_STORE (store), NULL);
  g_return_val_if_fail (report_path != NULL, NULL);
  return merge_run (store, report_path, TRUE, cancellable, error);
}

typedef struct
{
  char     *ledger_path;
  char     *report_path;
  char     *operator_name;
  gboolean  commit;
} MergeJob;

static void
merge_job_free (MergeJob *job)
{
  g_free (job->ledger_path);
  g_free (job->report_path);
  g_free (job->operator_name);
  g_free (job);
}

static void
merge_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  MergeJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  RctMergePlan *plan;

  if (g_task_return_error_if_cancelled (task))
    return;
  /* A connection of the job's own; a second one of this process shares
   * the first one's lock. */
  store = rct_store_open (job->ledger_path, RCT_STORE_OPEN_DEFER_CHECK, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rct_store_set_operator (store, job->operator_name);
  _rct_store_interrupt_on (store, cancellable);
  plan = merge_run (store, job->report_path, job->commit, cancellable, &error);
  rct_store_close (store);
  if (plan != NULL && g_cancellable_is_cancelled (cancellable) && !job->commit)
    g_clear_pointer (&plan, rct_merge_plan_free);
  if (plan == NULL)
    {
      if (error == NULL || g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE))
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_clear_error (&error);
              g_cancellable_set_error_if_cancelled (cancellable, &error);
            }
        }
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) rct_merge_plan_free);
}

static void
merge_async (RctStore            *store,
             const char          *report_path,
             gboolean             commit,
             gpointer             tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MergeJob *job;

  job = g_new0 (MergeJob, 1);
  job->ledger_path = g_strdup (rct_store_get_path (store));
  job->report_path = g_strdup (report_path);
  job->operator_name = g_strdup (rct_store_get_operator (store));
  job->commit = commit;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, (GDestroyNotify) merge_job_free);
  g_task_run_in_thread (task, merge_thread);
}

/**
 * rct_merge_preview_async:
 *
 * rct_merge_preview() in a thread, on a connection of its own;
 * cancellable.
 */
void
rct_merge_preview_async (RctStore            *store,
                         const char          *report_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (RCT_IS_STORE (store));
  g_return_if_fail (report_path != NULL);
  merge_async (store, report_path, FALSE, rct_merge_preview_async, cancellable, callback, user_data);
}

/**
 * rct_merge_preview_finish:
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when cancelled)
 */
RctMergePlan *
rct_merge_preview_finish (RctStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rct_merge_apply_async:
 *
 * rct_merge_apply() in a thread, on a connection of its own. Cancelled
 * before its commit, it changes nothing.
 */
void
rct_merge_apply_async (RctStore            *store,
                       const char          *report_path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (RCT_IS_STORE (store));
  g_return_if_fail (report_path != NULL);
  merge_async (store, report_path, TRUE, rct_merge_apply_async, cancellable, callback, user_data);
}

/**
 * rct_merge_apply_finish:
 *
 * Tells @store's watchers (the window's lists) that records changed.
 *
 * Returns: (transfer full) (nullable): what the merge did
 */
RctMergePlan *
rct_merge_apply_finish (RctStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  RctMergePlan *plan;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  plan = g_task_propagate_pointer (G_TASK (result), error);
  if (plan != NULL)
    _rct_store_emit_changed_all (store);
  return plan;
}
