/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-store-private.h"
#include "rct-vocabulary.h"
#include "rct-workflow.h"

/* Merging records from a supervision report, by uuid. The columns of each
 * table that a report carries, and its references by uuid. The table and
 * column names come from this list only. */

typedef RctExchangeRef ImportRef;

typedef struct
{
  const char      *columns[24];
  ImportRef        refs[4];
  const char      *natural_key;  /* a unique column to match when the uuid is new */
} ImportSpec;

static const ImportSpec import_specs[RCT_N_KINDS] = {
  [RCT_KIND_CAMPAIGN] = { { "name" }, { { NULL } }, NULL },
  [RCT_KIND_PHASE] = { { "key", "name", "start_date", "end_date", "position" },
                       { { "campaign_uuid", "campaign_id", RCT_KIND_CAMPAIGN } }, NULL },
  [RCT_KIND_UNIT] = { { "name", "head", "kind", "position" }, { { NULL } }, "name" },
  [RCT_KIND_PERSON] = { { "name", "title", "phone" }, { { "unit_uuid", "unit_id", RCT_KIND_UNIT } }, "name" },
  [RCT_KIND_WORKING_GROUP] = { { "name", "remit", "position" },
                               { { "lead_uuid", "lead_id", RCT_KIND_PERSON } }, "name" },
  [RCT_KIND_TASK] = { { "title", "kind", "phase", "start_date", "deadline", "status", "target_count",
                        "done_count", "note" },
                      { { "group_uuid", "group_id", RCT_KIND_WORKING_GROUP },
                        { "owner_uuid", "owner_id", RCT_KIND_PERSON },
                        { "unit_uuid", "unit_id", RCT_KIND_UNIT } }, NULL },
  [RCT_KIND_TASK_PROGRESS] = { { "date", "note", "count" }, { { "task_uuid", "task_id", RCT_KIND_TASK } }, NULL },
  [RCT_KIND_PROBLEM] = { { "number", "description", "source", "category", "found_date", "deadline", "status",
                           "verification", "verified_by", "verified_date", "closed_date", "mechanism",
                           "severity", "cause", "leader", "listed_level", "listed_date", "listed_by",
                           "listed_lifted", "listed_lift_reason" },
                         { { "unit_uuid", "unit_id", RCT_KIND_UNIT },
                           { "group_uuid", "group_id", RCT_KIND_WORKING_GROUP },
                           { "responsible_uuid", "responsible_id", RCT_KIND_PERSON } }, "number" },
  [RCT_KIND_MEASURE] = { { "text", "owner", "deadline", "done_date" },
                         { { "problem_uuid", "problem_id", RCT_KIND_PROBLEM } }, NULL },
  [RCT_KIND_EXTENSION] = { { "old_deadline", "new_deadline", "reason", "decided_by", "decided_at" },
                           { { "problem_uuid", "problem_id", RCT_KIND_PROBLEM } }, NULL },
  [RCT_KIND_EVIDENCE] = { { NULL }, { { NULL } }, NULL },
  [RCT_KIND_SUPERVISOR] = { { "name", "category", "organisation", "contact", "appointed", "term_end", "active" },
                            { { NULL } }, NULL },
  [RCT_KIND_FEEDBACK] = { { "received_date", "channel", "content", "kind", "reply_due", "reply", "reply_date",
                            "satisfaction" },
                          { { "supervisor_uuid", "supervisor_id", RCT_KIND_SUPERVISOR },
                            { "unit_uuid", "unit_id", RCT_KIND_UNIT },
                            { "problem_uuid", "problem_id", RCT_KIND_PROBLEM } }, NULL },
  [RCT_KIND_JOURNAL] = { { "record_table", "record_uuid", "record_label", "field", "old_value", "new_value",
                           "who", "at", "reason" }, { { NULL } }, NULL },
};

static const char *
value_of (GHashTable *values,
          const char *name)
{
  const char *value = g_hash_table_lookup (values, name);
  return value != NULL && *value ? value : NULL;
}

static gboolean
is_newer (const char *incoming,
          const char *local)
{
  return incoming != NULL && (local == NULL || strcmp (incoming, local) > 0);
}

static gint64 find_imported (RctStore   *self,
                             RctKind     kind,
                             const char *uuid);

static gboolean
set_members_by_uuid (RctStore    *self,
                     gint64       group_id,
                     const char  *uuids,
                     const char  *now,
                     GError     **error)
{
  g_auto(GStrv) list = g_strsplit (uuids != NULL ? uuids : "", ",", -1);
  sqlite3_stmt *stmt = _rct_store_prepare (self, "DELETE FROM working_group_member WHERE group_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  if (!_rct_store_step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      gint64 person_id;

      g_strstrip (list[i]);
      if (*list[i] == '\0')
        continue;
      person_id = find_imported (self, RCT_KIND_PERSON, list[i]);
      if (person_id == 0)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                       _("The report names a group member (%s) that it does not list."), list[i]);
          return FALSE;
        }
      stmt = _rct_store_prepare (self, "INSERT OR IGNORE INTO working_group_member (uuid, group_id, person_id,"
                                       " created_at, updated_at) VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      _rct_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, group_id);
      sqlite3_bind_int64 (stmt, 3, person_id);
      _rct_bind_text (stmt, 4, now);
      _rct_bind_text (stmt, 5, now);
      if (!_rct_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* A report's uuid for a record this ledger knows by its name (the same
 * unit made in two ledgers): references to it mean the local record. */
static gint64
find_imported (RctStore   *self,
               RctKind     kind,
               const char *uuid)
{
  g_autofree char *key = g_strdup_printf ("%d:%s", kind, uuid != NULL ? uuid : "");
  gpointer id = g_hash_table_lookup (self->import_aliases, key);

  if (id != NULL)
    return GPOINTER_TO_SIZE (id);
  return rct_store_find_by_uuid (self, kind, uuid);
}

/* The owner a record of the report is stored with: NULL for this ledger's
 * own organisation (docs/EXCHANGE.md). */
static const char *
incoming_owner (RctStore   *self,
                GHashTable *values)
{
  const char *owner = value_of (values, "owner_org");

  if (owner == NULL || g_strcmp0 (owner, rct_store_get_organisation_uuid (self)) == 0)
    return NULL;
  return owner;
}

/* The local record with the same natural key (a unit's name, a problem's
 * number), and its owner (NULL: ours). */
static gint64
natural_key_match (RctStore          *self,
                   RctKind            kind,
                   const ImportSpec  *spec,
                   const char        *key,
                   char             **out_owner)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, owner_org FROM %s WHERE %s = ?", rct_kind_to_table (kind),
                                          spec->natural_key);
  sqlite3_stmt *stmt = _rct_store_prepare (self, sql, NULL);
  gint64 id = 0;

  *out_owner = NULL;
  if (stmt == NULL)
    return 0;
  _rct_bind_text (stmt, 1, key);
  if (_rct_store_step (self, stmt, NULL) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        *out_owner = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return id;
}

/* A record is the same as a local one by its uuid. A natural key (name,
 * number) matches only a record of the same owner, and only when that
 * owner made the report: a unit's 2021-001 is never the office's, and a
 * report cannot take one of our records by claiming we own its copy. */
static gint64
local_match (RctStore         *self,
             RctKind           kind,
             const ImportSpec *spec,
             GHashTable       *values)
{
  gint64 id = rct_store_find_by_uuid (self, kind, value_of (values, "uuid"));

  if (id == 0 && spec->natural_key != NULL && value_of (values, spec->natural_key) != NULL)
    {
      const char *maker = value_of (values, "maker_org");
      gboolean by_maker = maker == NULL || g_strcmp0 (maker, value_of (values, "owner_org")) == 0;
      g_autofree char *owner = NULL;
      gint64 found = natural_key_match (self, kind, spec, value_of (values, spec->natural_key), &owner);

      if (found != 0 && by_maker && g_strcmp0 (owner, incoming_owner (self, values)) == 0)
        id = found;
    }
  return id;
}

/* A new problem of another owner whose number this ledger already uses
 * for a record of a different owner: it is shown with its owner's code
 * (HH-2021-001), as a unit's own problems are numbered. Refused when the
 * owner has no code or the prefixed number is taken too. */
static gboolean
number_for_owner (RctStore          *self,
                  const ImportSpec  *spec,
                  GHashTable        *values,
                  GError           **error)
{
  const char *number = value_of (values, "number");
  const char *owner = incoming_owner (self, values);
  g_autofree char *taken_by = NULL;
  g_autoptr(RctOrganisation) org = NULL;
  g_autofree char *prefixed = NULL;

  if (number == NULL || natural_key_match (self, RCT_KIND_PROBLEM, spec, number, &taken_by) == 0)
    return TRUE;
  org = rct_store_dup_organisation_by_uuid (self, owner != NULL ? owner : rct_store_get_organisation_uuid (self));
  if (owner != NULL && org != NULL && org->code != NULL)
    {
      g_autofree char *start = g_strconcat (org->code, "-", NULL);
      g_autofree char *other = NULL;

      if (!g_str_has_prefix (number, start))
        {
          prefixed = g_strconcat (start, number, NULL);
          if (natural_key_match (self, RCT_KIND_PROBLEM, spec, prefixed, &other) == 0)
            {
              g_hash_table_insert (values, g_strdup ("number"), g_steal_pointer (&prefixed));
              return TRUE;
            }
        }
    }
  g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
               _("The report's problem %s (of %s) has the number of a different problem here; it was not merged."),
               number, org != NULL ? org->name : _("an organisation the report does not name"));
  return FALSE;
}

static char *
local_updated_at (RctStore *self,
                  RctKind   kind,
                  gint64    id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT updated_at FROM %s WHERE id = ?", rct_kind_to_table (kind));
  sqlite3_stmt *stmt = _rct_store_prepare (self, sql, NULL);
  char *updated = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (_rct_store_step (self, stmt, NULL) == SQLITE_ROW)
    updated = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return updated;
}

static gboolean
is_number_column (const char *column)
{
  return g_str_equal (column, "target_count") || g_str_equal (column, "done_count") || g_str_equal (column, "count") ||
         g_str_equal (column, "position") || g_str_equal (column, "active");
}

/* An incoming value as the database will hold it, as text, to compare
 * with the local one: numbers read as numbers, an empty text as none. */
static char *
stored_form (const char *column,
             const char *value)
{
  if (is_number_column (column))
    return g_strdup_printf ("%" G_GINT64_FORMAT,
                            value != NULL ? g_ascii_strtoll (value, NULL, 10) : g_str_equal (column, "active") ? 1 : 0);
  return value != NULL && *value ? g_strdup (value) : NULL;
}

/* A report's clock is not trusted: a time more than a day ahead of ours
 * would win every later merge. */
static gboolean
check_not_future (RctKind      kind,
                  const char  *label,
                  const char  *stamp,
                  GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = stamp != NULL ? g_date_time_new_from_iso8601 (stamp, utc) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (stamp == NULL)
    return TRUE;
  if (when == NULL)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("The report gives the %s “%s” a time that is not a time (%s)."), rct_kind_to_table (kind),
                   label, stamp);
      return FALSE;
    }
  if (g_date_time_difference (when, now) > G_TIME_SPAN_DAY)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("The report says the %s “%s” was changed at %s, more than a day from now; a clock that far "
                     "ahead cannot be trusted."), rct_kind_to_table (kind), label, stamp);
      return FALSE;
    }
  return TRUE;
}

static char *
local_status (RctStore *self,
              gint64    problem_id)
{
  sqlite3_stmt *stmt = _rct_store_prepare (self, "SELECT status FROM problem WHERE id = ?", NULL);
  char *status = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, problem_id);
  if (_rct_store_step (self, stmt, NULL) == SQLITE_ROW)
    status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return status;
}

/* The local values of the columns and references a merge will overwrite,
 * as text, in the order of @spec. */
static GPtrArray *
local_values (RctStore         *self,
              RctKind           kind,
              const ImportSpec *spec,
              gint64            id,
              GError          **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint n = 0;

  for (guint i = 0; spec->columns[i] != NULL; i++, n++)
    g_string_append_printf (sql, ", %s", spec->columns[i]);
  for (guint i = 0; i < G_N_ELEMENTS (spec->refs) && spec->refs[i].name != NULL; i++, n++)
    g_string_append_printf (sql, ", %s", spec->refs[i].column);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", rct_kind_to_table (kind));
  stmt = _rct_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    {
      g_ptr_array_unref (values);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (_rct_store_step (self, stmt, NULL) == SQLITE_ROW)
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, i + 1)));
  sqlite3_reset (stmt);
  if (values->len != n)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND, _("A record to merge was not found."));
      g_ptr_array_unref (values);
      return NULL;
    }
  return values;
}

/* Every field a merge changes, in the journal one by one (who: the
 * report's author, set as the operator for the import). */
static gboolean
journal_merged_fields (RctStore         *self,
                       RctKind           kind,
                       const ImportSpec *spec,
                       const char       *uuid,
                       const char       *label,
                       GPtrArray        *before,
                       GHashTable       *values,
                       const gint64     *ref_ids,
                       const char       *reason,
                       GError          **error)
{
  guint n = 0;

  for (guint i = 0; spec->columns[i] != NULL; i++, n++)
    {
      g_autofree char *after = stored_form (spec->columns[i], g_hash_table_lookup (values, spec->columns[i]));
      const char *old_value = g_ptr_array_index (before, n);

      if (g_strcmp0 (old_value, after) != 0 &&
          !_rct_store_journal (self, kind, uuid, label, spec->columns[i], old_value, after, reason, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (spec->refs) && spec->refs[i].name != NULL; i++, n++)
    {
      const char *old_id = g_ptr_array_index (before, n);
      gint64 old = old_id != NULL ? g_ascii_strtoll (old_id, NULL, 10) : 0;

      if (old != ref_ids[i])
        {
          g_autofree char *old_uuid = rct_store_dup_uuid (self, spec->refs[i].kind, old);
          g_autofree char *new_uuid = rct_store_dup_uuid (self, spec->refs[i].kind, ref_ids[i]);
          if (!_rct_store_journal (self, kind, uuid, label, spec->refs[i].column, old_uuid, new_uuid, reason, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * rct_store_import_check_gates:
 *
 * Before an import's commit: every problem whose status the report set
 * (added, or moved by one step) must meet the gates of that status as the
 * merge left it, measures and all. Says which problem and why.
 */
gboolean
rct_store_import_check_gates (RctStore  *self,
                              GError   **error)
{
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  g_hash_table_iter_init (&iter, self->import_gates);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GError) gate_error = NULL;
      g_autoptr(RctProblem) problem = rct_store_get (self, RCT_KIND_PROBLEM, GPOINTER_TO_SIZE (key), error);
      RctWorkflowProblem state = { 0 };
      RctWorkflowInput input = { 0 };

      if (problem == NULL)
        return FALSE;
      state.status = problem->status;
      state.found_date = problem->found_date;
      state.deadline = problem->deadline;
      state.n_measures = problem->measure_count;
      state.n_open_measures = problem->open_measure_count;
      input.verifier = problem->verified_by;
      input.verification = problem->verification;
      if (!rct_workflow_check_reached (&state, &input, problem->closed_date, &gate_error))
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                       _("The report makes problem %s “%s” without what that needs: %s"), problem->number,
                       rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, problem->status), gate_error->message);
          return FALSE;
        }
    }
  g_hash_table_remove_all (self->import_gates);
  return TRUE;
}

/* Binds the plain columns and resolved references in the order of
 * @columns, starting at @index; returns the next index. */
static int
bind_import_values (sqlite3_stmt     *stmt,
                    int               index,
                    const ImportSpec *spec,
                    GHashTable       *values,
                    const gint64     *ref_ids)
{
  for (guint i = 0; spec->columns[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (values, spec->columns[i]);
      if (value != NULL && (g_str_equal (spec->columns[i], "target_count") || g_str_equal (spec->columns[i], "done_count")
                            || g_str_equal (spec->columns[i], "count") || g_str_equal (spec->columns[i], "position")
                            || g_str_equal (spec->columns[i], "active")))
        sqlite3_bind_int64 (stmt, index++, g_ascii_strtoll (value, NULL, 10));
      else if (value == NULL && (g_str_equal (spec->columns[i], "target_count") ||
                                 g_str_equal (spec->columns[i], "done_count") ||
                                 g_str_equal (spec->columns[i], "count") ||
                                 g_str_equal (spec->columns[i], "position")))
        sqlite3_bind_int64 (stmt, index++, 0);
      else if (value == NULL && g_str_equal (spec->columns[i], "active"))
        sqlite3_bind_int64 (stmt, index++, 1);
      else if ((value == NULL || *value == '\0') && g_str_equal (spec->columns[i], "severity"))
        _rct_bind_text (stmt, index++, "normal");  /* a report from before severities */
      else
        _rct_bind_text (stmt, index++, value != NULL && *value ? value : NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (spec->refs) && spec->refs[i].name != NULL; i++)
    {
      if (ref_ids[i] != 0)
        sqlite3_bind_int64 (stmt, index++, ref_ids[i]);
      else
        sqlite3_bind_null (stmt, index++);
    }
  return index;
}

/* A new unit, person or group of another owner with the name of one of
 * ours: two records cannot share a name, and a name never makes them the
 * same record across owners; said in a sentence, not SQLite's. */
static gboolean
name_is_free (RctStore          *self,
              RctKind            kind,
              const ImportSpec  *spec,
              GHashTable        *values,
              GError           **error)
{
  const char *name = spec->natural_key != NULL ? value_of (values, spec->natural_key) : NULL;
  g_autofree char *taken_by = NULL;
  g_autoptr(RctOrganisation) org = NULL;

  if (name == NULL || natural_key_match (self, kind, spec, name, &taken_by) == 0)
    return TRUE;
  org = rct_store_dup_organisation_by_uuid (self, incoming_owner (self, values));
  /* Translators: the first %s is a kind of record (unit, person…), the second its name, the third an organisation */
  g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
               _("The report's %s “%s” (of %s) is a different record from the one of that name here; it was not "
                 "merged. Make the unit's ledger from the office's set-up so both share it."),
               rct_kind_to_table (kind), name, org != NULL ? org->name : _("an organisation the report does not name"));
  return FALSE;
}

/**
 * rct_exchange_columns:
 *
 * Returns: (transfer none) (array zero-terminated=1): the columns of a
 *   record a report carries, in a fixed order
 */
const char * const *
rct_exchange_columns (RctKind kind)
{
  g_return_val_if_fail (kind < RCT_N_KINDS, NULL);
  return import_specs[kind].columns;
}

/**
 * rct_exchange_refs:
 *
 * Returns: (transfer none): the references of a record a report carries,
 *   by uuid under "<name>_uuid"
 */
const RctExchangeRef *
rct_exchange_refs (RctKind  kind,
                   guint   *n_refs)
{
  guint n = 0;

  g_return_val_if_fail (kind < RCT_N_KINDS, NULL);
  while (n < G_N_ELEMENTS (import_specs[kind].refs) && import_specs[kind].refs[n].name != NULL)
    n++;
  *n_refs = n;
  return import_specs[kind].refs;
}

/**
 * rct_store_dup_uuid:
 *
 * Returns: (transfer full) (nullable): the uuid of the record with @id
 */
char *
rct_store_dup_uuid (RctStore *self,
                    RctKind   kind,
                    gint64    id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM %s WHERE id = ?", rct_kind_to_table (kind));
  sqlite3_stmt *stmt;
  char *uuid = NULL;

  if (id == 0)
    return NULL;
  stmt = _rct_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (_rct_store_step (self, stmt, NULL) == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return uuid;
}

/**
 * rct_store_import_record:
 * @source_label: (nullable): named in the journal, e.g. the report's file
 *
 * See rct-store.h. The values are checked by the report's schema before
 * they come here; the database's own constraints check them again.
 */
gboolean
rct_store_import_record (RctStore         *self,
                         RctKind           kind,
                         GHashTable       *values,
                         const char       *source_label,
                         RctImportResult  *out_result,
                         GError          **error)
{
  const ImportSpec *spec;
  const char *uuid;
  const char *incoming_updated;
  gint64 ref_ids[4] = { 0 };
  gint64 id;
  g_autoptr(GString) sql = NULL;
  g_autofree char *local_updated = NULL;
  g_autofree char *now = rct_clock_now ();
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind < RCT_N_KINDS, FALSE);

  if (out_result != NULL)
    *out_result = RCT_IMPORT_UNCHANGED;
  spec = &import_specs[kind];
  if (spec->columns[0] == NULL)
    return TRUE;  /* evidence: a report carries its description, not its bytes */

  uuid = value_of (values, "uuid");
  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("A record of kind “%s” in the report has no valid uuid."), rct_kind_to_table (kind));
      return FALSE;
    }
  incoming_updated = value_of (values, "updated_at");
  if (incoming_updated == NULL)
    incoming_updated = now;
  {
    const char *label = value_of (values, spec->columns[0]) != NULL ? value_of (values, spec->columns[0]) : uuid;
    if (!check_not_future (kind, label, incoming_updated, error) ||
        !check_not_future (kind, label, value_of (values, "created_at"), error))
      return FALSE;
  }

  for (guint i = 0; i < G_N_ELEMENTS (spec->refs) && spec->refs[i].name != NULL; i++)
    {
      const char *ref_uuid = value_of (values, spec->refs[i].name);
      if (ref_uuid == NULL)
        continue;
      ref_ids[i] = find_imported (self, spec->refs[i].kind, ref_uuid);
      if (ref_ids[i] == 0)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                       _("The report refers to a %s (%s) that it does not contain."),
                       rct_kind_to_table (spec->refs[i].kind), ref_uuid);
          return FALSE;
        }
    }

  if (!_rct_store_write_begin (self, error))
    return FALSE;

  id = local_match (self, kind, spec, values);
  if (id != 0 && rct_store_find_by_uuid (self, kind, uuid) != id)
    g_hash_table_insert (self->import_aliases, g_strdup_printf ("%d:%s", kind, uuid), GSIZE_TO_POINTER (id));
  if (id == 0 && kind == RCT_KIND_PROBLEM && !number_for_owner (self, spec, values, error))
    goto out;
  if (id == 0 && kind != RCT_KIND_PROBLEM && !name_is_free (self, kind, spec, values, error))
    goto out;
  if (id == 0)
    {
      g_autoptr(GString) marks = g_string_new ("?, ?, ?");
      gboolean owned = kind != RCT_KIND_JOURNAL;

      sql = g_string_new (NULL);
      g_string_printf (sql, "INSERT INTO %s (uuid, created_at, updated_at", rct_kind_to_table (kind));
      for (guint i = 0; spec->columns[i] != NULL; i++)
        {
          g_string_append_printf (sql, ", %s", spec->columns[i]);
          g_string_append (marks, ", ?");
        }
      for (guint i = 0; i < G_N_ELEMENTS (spec->refs) && spec->refs[i].name != NULL; i++)
        {
          g_string_append_printf (sql, ", %s", spec->refs[i].column);
          g_string_append (marks, ", ?");
        }
      if (owned)
        {
          g_string_append (sql, ", owner_org");
          g_string_append (marks, ", ?");
        }
      g_string_append_printf (sql, ") VALUES (%s)", marks->str);
      stmt = _rct_store_prepare (self, sql->str, error);
      if (stmt == NULL)
        goto out;
      _rct_bind_text (stmt, 1, uuid);
      _rct_bind_text (stmt, 2, value_of (values, "created_at") ? value_of (values, "created_at") : incoming_updated);
      _rct_bind_text (stmt, 3, incoming_updated);
      {
        int next = bind_import_values (stmt, 4, spec, values, ref_ids);
        if (owned)
          _rct_bind_text (stmt, next, incoming_owner (self, values));
      }
      if (!_rct_store_step_done (self, stmt, error))
        goto out;
      id = sqlite3_last_insert_rowid (self->db);
      if (kind == RCT_KIND_PROBLEM)
        g_hash_table_add (self->import_gates, GSIZE_TO_POINTER (id));
      if (out_result != NULL)
        *out_result = RCT_IMPORT_ADDED;
    }
  else
    {
      g_autoptr(GPtrArray) before = NULL;
      g_autofree char *reason = NULL;
      int next;

      local_updated = local_updated_at (self, kind, id);
      if (kind == RCT_KIND_JOURNAL || !is_newer (incoming_updated, local_updated))
        {
          ok = TRUE;  /* ours is as new or newer: keep it */
          goto out;
        }
      /* A report moves a problem only by one step of the workflow; the
       * gates of where it lands are checked when the whole report is in
       * (its measures come after it). */
      if (kind == RCT_KIND_PROBLEM)
        {
          g_autofree char *status = local_status (self, id);
          const char *incoming_status = value_of (values, "status");
          RctProblemAction step;

          if (incoming_status != NULL && g_strcmp0 (status, incoming_status) != 0)
            {
              if (!rct_workflow_step_between (status, incoming_status, &step))
                {
                  g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                               _("The report moves problem %s from “%s” to “%s”, which is not one step of the "
                                 "workflow."), value_of (values, "number") ? value_of (values, "number") : uuid,
                               rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, status),
                               rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, incoming_status));
                  goto out;
                }
              g_hash_table_add (self->import_gates, GSIZE_TO_POINTER (id));
            }
        }
      before = local_values (self, kind, spec, id, error);
      if (before == NULL)
        goto out;
      sql = g_string_new (NULL);
      g_string_printf (sql, "UPDATE %s SET updated_at = ?", rct_kind_to_table (kind));
      for (guint i = 0; spec->columns[i] != NULL; i++)
        g_string_append_printf (sql, ", %s = ?", spec->columns[i]);
      for (guint i = 0; i < G_N_ELEMENTS (spec->refs) && spec->refs[i].name != NULL; i++)
        g_string_append_printf (sql, ", %s = ?", spec->refs[i].column);
      g_string_append (sql, " WHERE id = ?");
      stmt = _rct_store_prepare (self, sql->str, error);
      if (stmt == NULL)
        goto out;
      _rct_bind_text (stmt, 1, incoming_updated);
      next = bind_import_values (stmt, 2, spec, values, ref_ids);
      sqlite3_bind_int64 (stmt, next, id);
      if (!_rct_store_step_done (self, stmt, error))
        goto out;
      /* Translators: %s is the report's file name. */
      reason = g_strdup_printf (_("merged from the report %s: its copy was changed later"),
                                source_label != NULL ? source_label : "");
      if (!journal_merged_fields (self, kind, spec, uuid, value_of (values, spec->columns[0]), before, values,
                                  ref_ids, reason, error))
        goto out;
      if (out_result != NULL)
        *out_result = RCT_IMPORT_UPDATED;
    }

  if (kind == RCT_KIND_WORKING_GROUP && g_hash_table_contains (values, "person_uuid") &&
      !set_members_by_uuid (self, id, value_of (values, "person_uuid"), now, error))
    goto out;

  _rct_store_mark_changed (self, kind);
  ok = TRUE;

out:
  if (!_rct_store_write_end (self, ok, ok ? error : NULL))
    {
      if (out_result != NULL)
        *out_result = RCT_IMPORT_UNCHANGED;
      return FALSE;
    }
  return ok;
}

/**
 * rct_store_dup_member_uuids:
 *
 * Returns: (transfer full) (nullable): the uuids of a group's members, in
 *   uuid order
 */
char **
rct_store_dup_member_uuids (RctStore *self,
                            gint64    group_id)
{
  sqlite3_stmt *stmt = _rct_store_prepare (self, "SELECT p.uuid FROM working_group_member m"
                                                 " JOIN person p ON p.id = m.person_id"
                                                 " WHERE m.group_id = ? ORDER BY p.uuid", NULL);
  GPtrArray *uuids = g_ptr_array_new ();

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, group_id);
      while (_rct_store_step (self, stmt, NULL) == SQLITE_ROW)
        g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  g_ptr_array_add (uuids, NULL);
  return (char **) g_ptr_array_free (uuids, FALSE);
}

/**
 * rct_store_count_scoped_children:
 * @scope: (nullable):
 *
 * Counts the measures, extensions, evidence or journal entries of the
 * problems in @scope, or the progress entries of the tasks in it: the
 * counts a report states so a reader can tell it is complete.
 */
gint64
rct_store_count_scoped_children (RctStore       *self,
                                 RctKind         kind,
                                 const RctScope *scope)
{
  g_autoptr(GString) parent = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();
  g_autofree char *sql = NULL;
  const char *date_column = kind == RCT_KIND_TASK_PROGRESS ? "deadline" : "found_date";
  const char *parent_table = kind == RCT_KIND_TASK_PROGRESS ? "task" : "problem";
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_string_append_printf (parent, "SELECT %s FROM %s p WHERE 1", kind == RCT_KIND_JOURNAL ? "uuid" : "id", parent_table);
  if (scope != NULL && scope->from != NULL)
    {
      g_string_append_printf (parent, " AND p.%s >= ?", date_column);
      g_ptr_array_add (binds, scope->from);
    }
  if (scope != NULL && scope->to != NULL)
    {
      g_string_append_printf (parent, " AND p.%s <= ?", date_column);
      g_ptr_array_add (binds, scope->to);
    }
  if (scope != NULL && scope->units != NULL && scope->units[0] != NULL)
    {
      g_string_append (parent, " AND p.unit_id IN (SELECT id FROM unit WHERE name IN (");
      for (guint i = 0; scope->units[i] != NULL; i++)
        {
          g_string_append (parent, i > 0 ? ", ?" : "?");
          g_ptr_array_add (binds, scope->units[i]);
        }
      g_string_append (parent, "))");
    }

  switch (kind)
    {
    case RCT_KIND_JOURNAL:
      sql = g_strdup_printf ("SELECT count(*) FROM journal WHERE record_table = 'problem' AND record_uuid IN (%s)",
                             parent->str);
      break;
    case RCT_KIND_TASK_PROGRESS:
      sql = g_strdup_printf ("SELECT count(*) FROM task_progress WHERE task_id IN (%s)", parent->str);
      break;
    case RCT_KIND_MEASURE:
    case RCT_KIND_EXTENSION:
    case RCT_KIND_EVIDENCE:
      sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE problem_id IN (%s)", rct_kind_to_table (kind),
                             parent->str);
      break;
    default:
      g_return_val_if_reached (0);
    }
  stmt = _rct_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < binds->len; i++)
    _rct_bind_text (stmt, i + 1, g_ptr_array_index (binds, i));
  if (_rct_store_step (self, stmt, NULL) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}
