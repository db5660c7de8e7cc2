/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-merge-private.h"
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
  /* Issue 18: the office's accountability records and inspection visits;
   * their problems and units are links (exchange_links). */
  [RCT_KIND_ACCOUNTABILITY] = { { "kind", "reason", "decided_by", "date", "document" },
                                { { "person_uuid", "person_id", RCT_KIND_PERSON },
                                  { "unit_uuid", "unit_id", RCT_KIND_UNIT } }, NULL },
  [RCT_KIND_VISIT] = { { "date", "team", "method", "findings" }, { { NULL } }, NULL },
  [RCT_KIND_JOURNAL] = { { "record_table", "record_uuid", "record_label", "field", "old_value", "new_value",
                           "who", "at", "reason", "resolution" }, { { NULL } }, NULL },
};

static const RctExchangeLink exchange_links[] = {
  { "concerns", "problem", NULL, RCT_KIND_PROBLEM, "accountability_problem", "accountability_id", "problem_id" },
  { "visited", "unit", NULL, RCT_KIND_UNIT, "visit_unit", "visit_id", "unit_id" },
  { "found", "problem", "finding", RCT_KIND_PROBLEM, "visit_problem", "visit_id", "problem_id" },
};

static const struct
{
  RctKind kind;
  guint   first;
  guint   n;
} kind_links[] = {
  { RCT_KIND_ACCOUNTABILITY, 0, 1 },
  { RCT_KIND_VISIT, 1, 2 },
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
  RctStmt *stmt = _rct_store_prepare (self, "DELETE FROM working_group_member WHERE group_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_int64 (stmt, 1, group_id);
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
      stmt = _rct_store_prepare (self, "INSERT INTO working_group_member (uuid, group_id, person_id,"
                                       " created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", error);
      if (stmt == NULL)
        return FALSE;
      rct_stmt_bind_text (stmt, 1, uuid);
      rct_stmt_bind_int64 (stmt, 2, group_id);
      rct_stmt_bind_int64 (stmt, 3, person_id);
      rct_stmt_bind_text (stmt, 4, now);
      rct_stmt_bind_text (stmt, 5, now);
      if (!_rct_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* In a bulk, the id of a record found or added by its uuid, kept for the
 * records referring to it after (a report's measures name their problem,
 * its problems a few units, groups and people): see RctStore.import_ids. */
static void
remember_id (RctStore   *self,
             RctKind     kind,
             const char *uuid,
             gint64      id)
{
  if (!self->bulk || uuid == NULL || id <= 0)
    return;
  if (self->import_ids[kind] == NULL)
    self->import_ids[kind] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (self->import_ids[kind], g_strdup (uuid), GSIZE_TO_POINTER (id));
}

/**
 * _rct_store_import_find:
 *
 * rct_store_find_by_uuid() for a merge. In a bulk, a record found or added
 * before is answered from what the bulk remembers (remember_id()); and on
 * a ledger that held no record of @kind as the bulk began, the records it
 * added are all there are, so no statement is run for one it has not.
 */
gint64
_rct_store_import_find (RctStore   *self,
                        RctKind     kind,
                        const char *uuid)
{
  gpointer id;
  gint64 found;

  if (!self->bulk || uuid == NULL)
    return rct_store_find_by_uuid (self, kind, uuid);
  if (self->import_ids[kind] != NULL && (id = g_hash_table_lookup (self->import_ids[kind], uuid)) != NULL)
    return GPOINTER_TO_SIZE (id);
  if ((self->bulk_empty_kinds & (1u << kind)) != 0)
    return 0;
  found = rct_store_find_by_uuid (self, kind, uuid);
  remember_id (self, kind, uuid, found);
  return found;
}

/* A report's uuid for a record this ledger knows by its name (the same
 * unit made in two ledgers): references to it mean the local record. */
static gint64
find_imported (RctStore   *self,
               RctKind     kind,
               const char *uuid)
{
  g_autofree char *key = NULL;
  gpointer id;

  /* Most merges match no record by its name: no key to make. */
  if (g_hash_table_size (self->import_aliases) > 0)
    {
      key = g_strdup_printf ("%d:%s", kind, uuid != NULL ? uuid : "");
      id = g_hash_table_lookup (self->import_aliases, key);
      if (id != NULL)
        return GPOINTER_TO_SIZE (id);
    }
  return _rct_store_import_find (self, kind, uuid);
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
  RctStmt *stmt = _rct_store_prepare (self, sql, NULL);
  gint64 id = 0;

  *out_owner = NULL;
  if (stmt == NULL)
    return 0;
  rct_stmt_bind_text (stmt, 1, key);
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    {
      id = rct_stmt_column_int64 (stmt, 0);
      if (rct_stmt_column_type (stmt, 1) != RCT_VALUE_NULL)
        *out_owner = g_strdup (rct_stmt_column_text (stmt, 1));
    }
  rct_stmt_reset (stmt);
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
             GHashTable       *values,
             gboolean         *out_key_free)
{
  gint64 id = _rct_store_import_find (self, kind, value_of (values, "uuid"));

  *out_key_free = FALSE;
  if (id == 0 && spec->natural_key != NULL && value_of (values, spec->natural_key) != NULL)
    {
      const char *maker = value_of (values, "maker_org");
      gboolean by_maker = maker == NULL || g_strcmp0 (maker, value_of (values, "owner_org")) == 0;
      g_autofree char *owner = NULL;
      gint64 found = natural_key_match (self, kind, spec, value_of (values, spec->natural_key), &owner);

      if (found != 0 && by_maker && g_strcmp0 (owner, incoming_owner (self, values)) == 0)
        id = found;
      *out_key_free = found == 0;
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
  g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED,
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
  RctStmt *stmt = _rct_store_prepare (self, sql, NULL);
  char *updated = NULL;

  if (stmt == NULL)
    return NULL;
  rct_stmt_bind_int64 (stmt, 1, id);
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    updated = g_strdup (rct_stmt_column_text (stmt, 0));
  rct_stmt_reset (stmt);
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
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED,
                   _("The report gives the %s “%s” a time that is not a time (%s)."), rct_kind_to_table (kind),
                   label, stamp);
      return FALSE;
    }
  if (g_date_time_difference (when, now) > G_TIME_SPAN_DAY)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED,
                   _("The report says the %s “%s” was changed at %s, more than a day from now; a clock that far "
                     "ahead cannot be trusted."), rct_kind_to_table (kind), label, stamp);
      return FALSE;
    }
  return TRUE;
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
  RctStmt *stmt;
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
  rct_stmt_bind_int64 (stmt, 1, id);
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (values, g_strdup (rct_stmt_column_text (stmt, i + 1)));
  rct_stmt_reset (stmt);
  if (values->len != n)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND, _("A record to merge was not found."));
      g_ptr_array_unref (values);
      return NULL;
    }
  return values;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
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
  g_autoptr(GArray) ids = NULL;
  GHashTableIter iter;
  gpointer key;
  RctStmt *stmt;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  /* A report's problems are many: what the gates read of each, in one
   * statement prepared once, and no record object made. */
  stmt = _rct_store_prepare (self, "SELECT number, status, found_date, deadline, verified_by, verification,"
                                   " closed_date, (SELECT count(*) FROM measure m WHERE m.problem_id = p.id),"
                                   " (SELECT count(*) FROM measure m WHERE m.problem_id = p.id"
                                   " AND m.done_date IS NULL) FROM problem p WHERE p.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  /* In the table's order: the problems' pages read one after another,
   * not in the hash table's order all over the file. */
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->import_gates));
  g_hash_table_iter_init (&iter, self->import_gates);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = GPOINTER_TO_SIZE (key);
      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) gate_error = NULL;
      RctWorkflowProblem state = { 0 };
      RctWorkflowInput input = { 0 };
      gboolean reached;

      rct_stmt_reset (stmt);
      rct_stmt_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (_rct_store_step (self, stmt, error) != RCT_ROW)
        {
          rct_stmt_reset (stmt);
          _rct_store_set_no_row_error (self, error);
          return FALSE;
        }
      state.status = rct_stmt_column_text (stmt, 1);
      state.found_date = rct_stmt_column_text (stmt, 2);
      state.deadline = rct_stmt_column_text (stmt, 3);
      state.n_measures = rct_stmt_column_int64 (stmt, 7);
      state.n_open_measures = rct_stmt_column_int64 (stmt, 8);
      input.verifier = rct_stmt_column_text (stmt, 4);
      input.verification = rct_stmt_column_text (stmt, 5);
      reached = rct_workflow_check_reached (&state, &input, rct_stmt_column_text (stmt, 6), &gate_error);
      if (!reached)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                       _("The report makes problem %s “%s” without what that needs: %s"),
                       rct_stmt_column_text (stmt, 0), rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, state.status),
                       gate_error->message);
          rct_stmt_reset (stmt);
          return FALSE;
        }
    }
  rct_stmt_reset (stmt);
  g_hash_table_remove_all (self->import_gates);
  return TRUE;
}

/* Binds the plain columns and resolved references in the order of
 * @columns, starting at @index; returns the next index. */
static int
bind_import_values (RctStmt          *stmt,
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
        rct_stmt_bind_int64 (stmt, index++, g_ascii_strtoll (value, NULL, 10));
      else if (value == NULL && (g_str_equal (spec->columns[i], "target_count") ||
                                 g_str_equal (spec->columns[i], "done_count") ||
                                 g_str_equal (spec->columns[i], "count") ||
                                 g_str_equal (spec->columns[i], "position")))
        rct_stmt_bind_int64 (stmt, index++, 0);
      else if (value == NULL && g_str_equal (spec->columns[i], "active"))
        rct_stmt_bind_int64 (stmt, index++, 1);
      else if ((value == NULL || *value == '\0') && g_str_equal (spec->columns[i], "severity"))
        rct_stmt_bind_text (stmt, index++, "normal");  /* a report from before severities */
      else
        rct_stmt_bind_text (stmt, index++, value != NULL && *value ? value : NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (spec->refs) && spec->refs[i].name != NULL; i++)
    {
      if (ref_ids[i] != 0)
        rct_stmt_bind_int64 (stmt, index++, ref_ids[i]);
      else
        rct_stmt_bind_null (stmt, index++);
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
  g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED,
               _("The report's %s “%s” (of %s) is a different record from the one of that name here; it was not "
                 "merged. Make the unit's ledger from the office's set-up so both share it."),
               rct_kind_to_table (kind), name, org != NULL ? org->name : _("an organisation the report does not name"));
  return FALSE;
}

static guint
n_plain_columns (const ImportSpec *spec)
{
  guint n = 0;

  while (spec->columns[n] != NULL)
    n++;
  return n;
}

static guint
n_columns_of (const ImportSpec *spec)
{
  guint n = n_plain_columns (spec);

  for (guint i = 0; i < G_N_ELEMENTS (spec->refs) && spec->refs[i].name != NULL; i++)
    n++;
  return n;
}

/* The owner of a local record (NULL: ours) and the unit responsible for
 * it, by uuid: a problem's or task's unit, the problem or task of a
 * measure, extension, evidence or progress entry. */
static void
record_context (RctStore  *self,
                RctKind    kind,
                gint64     id,
                char     **out_owner,
                char     **out_unit)
{
  const char *sql;
  RctStmt *stmt;

  switch (kind)
    {
    case RCT_KIND_PROBLEM:
      sql = "SELECT t.owner_org, u.uuid FROM problem t LEFT JOIN unit u ON u.id = t.unit_id WHERE t.id = ?";
      break;
    case RCT_KIND_TASK:
      sql = "SELECT t.owner_org, u.uuid FROM task t LEFT JOIN unit u ON u.id = t.unit_id WHERE t.id = ?";
      break;
    case RCT_KIND_MEASURE:
      sql = "SELECT t.owner_org, u.uuid FROM measure t JOIN problem p ON p.id = t.problem_id"
            " LEFT JOIN unit u ON u.id = p.unit_id WHERE t.id = ?";
      break;
    case RCT_KIND_EXTENSION:
      sql = "SELECT t.owner_org, u.uuid FROM extension t JOIN problem p ON p.id = t.problem_id"
            " LEFT JOIN unit u ON u.id = p.unit_id WHERE t.id = ?";
      break;
    case RCT_KIND_TASK_PROGRESS:
      sql = "SELECT t.owner_org, u.uuid FROM task_progress t JOIN task k ON k.id = t.task_id"
            " LEFT JOIN unit u ON u.id = k.unit_id WHERE t.id = ?";
      break;
    default:
      sql = NULL;
      break;
    }
  *out_owner = NULL;
  *out_unit = NULL;
  if (sql == NULL)
    {
      g_autofree char *owner_sql = g_strdup_printf ("SELECT owner_org, NULL FROM %s WHERE id = ?",
                                                    rct_kind_to_table (kind));
      stmt = _rct_store_prepare (self, owner_sql, NULL);
    }
  else
    stmt = _rct_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return;
  rct_stmt_bind_int64 (stmt, 1, id);
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    {
      *out_owner = g_strdup (rct_stmt_column_text (stmt, 0));
      *out_unit = g_strdup (rct_stmt_column_text (stmt, 1));
    }
  rct_stmt_reset (stmt);
}

static const char *
record_label_of (const ImportSpec *spec,
                 GHashTable       *values)
{
  const char *label = value_of (values, spec->columns[0]);

  return label != NULL ? label : value_of (values, "uuid");
}

/* A new record of the report: its author may add it. A unit adds its own
 * records and, on what is assigned to it, measures, evidence, progress
 * and extension requests (undecided); never a record it says another
 * organisation owns, nor a problem already verified or closed. */
static gboolean
may_add (RctStore    *self,
         RctKind      kind,
         GHashTable  *values,
         const gint64 *ref_ids,
         GError     **error)
{
  RctSideContext context = { 0 };
  g_autofree char *parent_owner = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *reason = NULL;
  const char *status = value_of (values, "status");
  RctSide side = RCT_SIDE_OWNER;

  if (self->merge_plan == NULL || kind == RCT_KIND_JOURNAL)
    return TRUE;
  context.author = value_of (values, "maker_org");
  context.owner = incoming_owner (self, values);
  if (context.author == NULL)
    return TRUE;
  if (kind == RCT_KIND_MEASURE || kind == RCT_KIND_EXTENSION || kind == RCT_KIND_EVIDENCE ||
      kind == RCT_KIND_TASK_PROGRESS)
    {
      /* On a record of another: the parent's unit decides. */
      record_context (self, kind == RCT_KIND_TASK_PROGRESS ? RCT_KIND_TASK : RCT_KIND_PROBLEM, ref_ids[0],
                      &parent_owner, &unit);
      context.unit = unit;
      side = RCT_SIDE_RECTIFICATION;
      if (kind == RCT_KIND_EXTENSION && value_of (values, "decided_by") != NULL)
        side = RCT_SIDE_SUPERVISION;
      if (g_strcmp0 (context.owner, context.author) == 0 && g_strcmp0 (parent_owner, context.author) == 0 &&
          side == RCT_SIDE_RECTIFICATION)
        return TRUE;
      /* Progress only adds up: the office may record what it learnt of
       * any task's, besides the responsible unit (docs/EXCHANGE.md). */
      if (kind == RCT_KIND_TASK_PROGRESS && _rct_merge_may (self, &context, RCT_SIDE_OFFICE, NULL))
        return TRUE;
    }
  else if (kind == RCT_KIND_PROBLEM && (g_strcmp0 (status, "closed") == 0))
    side = RCT_SIDE_SUPERVISION;
  else if (kind == RCT_KIND_ACCOUNTABILITY || kind == RCT_KIND_VISIT)
    side = RCT_SIDE_OFFICE;
  if (_rct_merge_may (self, &context, side, &reason))
    return TRUE;
  g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED, "%s", reason);
  return FALSE;
}

/* The report's events of one field not yet in this ledger's journal. */
static GPtrArray *
unseen_events (RctStore   *self,
               GPtrArray  *events,
               const char *uuid,
               const char *field)
{
  GPtrArray *unseen = g_ptr_array_new ();

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      GHashTable *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (value_of (event, "field"), field) == 0 &&
          g_strcmp0 (value_of (event, "record_uuid"), uuid) == 0 &&
          rct_store_find_by_uuid (self, RCT_KIND_JOURNAL, value_of (event, "uuid")) == 0)
        g_ptr_array_add (unseen, event);
    }
  return unseen;
}

/* Whether this ledger's own journal moved @field of @uuid on from @value:
 * our change follows theirs, so ours is the later in the chain. */
static gboolean
journal_moved_from (RctStore   *self,
                    const char *uuid,
                    const char *field,
                    const char *value)
{
  RctStmt *stmt = _rct_store_prepare (self, "SELECT 1 FROM journal WHERE record_uuid = ? AND field = ?"
                                            " AND old_value IS NOT DISTINCT FROM ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  rct_stmt_bind_text (stmt, 2, field);
  rct_stmt_bind_text (stmt, 3, value);
  found = _rct_store_step (self, stmt, NULL) == RCT_ROW;
  rct_stmt_reset (stmt);
  return found;
}

/* The report's @event settles a conflict the other way than this ledger
 * already settled it (ours leads from the event's value back to
 * @current): the two answer the same conflict, and
 * _rct_merge_settlement_yields() says which stands, the same in every
 * ledger. */
static gboolean
settlement_yields (RctStore    *self,
                   const char  *uuid,
                   const char  *field,
                   GHashTable  *event,
                   const char  *maker,
                   const char  *current)
{
  const char *author = value_of (event, "owner_org") != NULL ? value_of (event, "owner_org") : maker;
  RctStmt *stmt;
  gboolean yields = FALSE;

  if (value_of (event, "resolution") == NULL)
    return FALSE;
  if (g_strcmp0 (author, rct_store_get_organisation_uuid (self)) == 0)
    author = NULL;
  stmt = _rct_store_prepare (self, "SELECT uuid, author_org FROM journal WHERE record_uuid = ? AND field = ?"
                                   " AND old_value IS NOT DISTINCT FROM ? AND new_value IS NOT DISTINCT FROM ? AND resolution IS NOT NULL", NULL);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  rct_stmt_bind_text (stmt, 2, field);
  rct_stmt_bind_text (stmt, 3, value_of (event, "new_value"));
  rct_stmt_bind_text (stmt, 4, current);
  while (!yields && _rct_store_step (self, stmt, NULL) == RCT_ROW)
    {
      const char *our_author = rct_stmt_column_text (stmt, 1);

      if (g_strcmp0 (our_author, author) != 0)
        yields = _rct_merge_settlement_yields (self, author, value_of (event, "uuid"), our_author,
                                               rct_stmt_column_text (stmt, 0));
    }
  rct_stmt_reset (stmt);
  return yields;
}

typedef enum
{
  FIELD_KEEP,     /* ours stands: the report's is an older copy, or ours follows it */
  FIELD_APPLY,
  FIELD_REFUSED,
  FIELD_CONFLICT,
  FIELD_APPLY_PART, /* applied up to an event refused */
} FieldDecision;

/* A path of @events from @from to @target, as the report's author went:
 * where two events follow one value (a conflict the author settled), the
 * branch that leads to the author's value. Bounded: a chain of a field is
 * short. */
static gboolean
path_to (const char *field,
         GPtrArray  *events,
         const char *from,
         const char *target,
         GPtrArray  *path)
{
  if (path->len > 64)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      GHashTable *event = g_ptr_array_index (events, i);
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (g_ptr_array_find (path, event, NULL))
        continue;
      old_value = stored_form (field, value_of (event, "old_value"));
      if (g_strcmp0 (old_value, from) != 0)
        continue;
      new_value = stored_form (field, value_of (event, "new_value"));
      g_ptr_array_add (path, event);
      if (g_strcmp0 (new_value, target) == 0 || path_to (field, events, new_value, target, path))
        return TRUE;
      g_ptr_array_remove_index (path, path->len - 1);
    }
  return FALSE;
}

/* The side of one event: a problem's status by the workflow's step
 * (none: not one step), any other field by the table of sides. */
static gboolean
event_side (RctKind      kind,
            const char  *field,
            const char  *from,
            const char  *to,
            const char  *label,
            RctSide     *side,
            char       **reason)
{
  RctProblemAction step;

  *side = _rct_merge_side_of_field (kind, field);
  if (kind != RCT_KIND_PROBLEM || !g_str_equal (field, "status"))
    return TRUE;
  if (!rct_workflow_step_between (from, to, &step))
    {
      *reason = g_strdup_printf (_("The report moves problem %s from “%s” to “%s”, which is not one step of "
                                   "the workflow."), label, rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, from),
                                 rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, to));
      return FALSE;
    }
  *side = _rct_merge_side_of_step (step);
  return TRUE;
}

/* One field of a record both ledgers hold, where the values differ.
 *
 * With the report's events (a problem's): from our value, each unseen
 * event that follows it is applied in the order of the chain, each by
 * its author's side and (status) one step of the workflow at a time;
 * the first one refused stops the chain, and is left out of the journal.
 * When no event follows our value: ours following theirs stands; else
 * both changed the same value, a conflict. Clocks decide nothing there.
 *
 * Without events (the other kinds, each one side's): the copy of an
 * author who may change it, changed later, is applied; a later copy from
 * anyone else is refused; an older one is an old copy, kept as ours. */
static FieldDecision
decide_field (RctStore             *self,
              RctKind               kind,
              const char           *uuid,
              const char           *label,
              const char           *field,
              const char           *ours,
              const char           *theirs,
              GPtrArray            *events,
              RctSideContext       *context,
              gboolean              theirs_later,
              char                **value,
              char                **reason,
              char                **theirs_by,
              char                **theirs_at)
{
  g_autoptr(GPtrArray) unseen = NULL;
  g_autofree char *current = g_strdup (ours);
  gboolean progressed = FALSE;
  gboolean refused = FALSE;
  gboolean yielded = FALSE;

  if (events == NULL)
    {
      RctSide side = _rct_merge_side_of_field (kind, field);

      if (!_rct_merge_may (self, context, side, reason))
        return theirs_later ? FIELD_REFUSED : FIELD_KEEP;
      *value = g_strdup (theirs);
      return theirs_later ? FIELD_APPLY : FIELD_KEEP;
    }
  unseen = unseen_events (self, events, uuid, field);
  if (unseen->len == 0)
    return FIELD_KEEP;  /* the report's author did not change it: an older copy */
  {
    /* The author's own path first, in its order. */
    g_autoptr(GPtrArray) path = g_ptr_array_new ();
    if (path_to (field, unseen, ours, theirs, path))
      for (guint i = path->len; i > 0; i--)
        {
          g_ptr_array_remove (unseen, g_ptr_array_index (path, i - 1));
          g_ptr_array_insert (unseen, 0, g_ptr_array_index (path, i - 1));
        }
  }
  for (;;)
    {
      GHashTable *next = NULL;
      RctSideContext by = *context;
      RctSide side;
      g_autofree char *to = NULL;

      for (guint i = 0; i < unseen->len && next == NULL; i++)
        {
          GHashTable *event = g_ptr_array_index (unseen, i);
          g_autofree char *old_value = stored_form (field, value_of (event, "old_value"));
          if (g_strcmp0 (old_value, current) != 0)
            continue;
          if (settlement_yields (self, uuid, field, event, context->author, current))
            {
              /* Journaled as seen, never applied. */
              g_ptr_array_remove_index (unseen, i--);
              yielded = TRUE;
              continue;
            }
          next = event;
        }
      if (next == NULL)
        break;
      g_ptr_array_remove (unseen, next);  /* the chain never loops */
      to = stored_form (field, value_of (next, "new_value"));
      by.author = value_of (next, "owner_org") != NULL ? value_of (next, "owner_org") : context->author;
      if (!event_side (kind, field, current, to, label, &side, reason) || !_rct_merge_may (self, &by, side, reason))
        {
          refused = TRUE;
          g_ptr_array_remove (events, next);  /* not applied: not in our journal either */
          break;
        }
      g_free (current);
      current = g_steal_pointer (&to);
      progressed = TRUE;
    }
  if (progressed && g_strcmp0 (current, ours) != 0)
    {
      *value = g_steal_pointer (&current);
      return refused ? FIELD_APPLY_PART : FIELD_APPLY;
    }
  if (refused)
    return FIELD_REFUSED;
  if (yielded || journal_moved_from (self, uuid, field, theirs))
    return FIELD_KEEP;
  for (guint i = 0; i < unseen->len; i++)
    {
      GHashTable *event = g_ptr_array_index (unseen, i);
      g_free (*theirs_by);
      g_free (*theirs_at);
      *theirs_by = g_strdup (value_of (event, "owner_org") != NULL ? value_of (event, "owner_org") : context->author);
      *theirs_at = g_strdup (value_of (event, "at"));
    }
  return FIELD_CONFLICT;
}

/* The value a column of a problem will have after the merge. */
static const char *
merged_value (const ImportSpec *spec,
              GPtrArray        *before,
              GArray           *applied,
              GPtrArray        *applied_values,
              const char       *column)
{
  guint i;

  for (i = 0; spec->columns[i] != NULL && !g_str_equal (spec->columns[i], column); i++)
    ;
  for (guint a = 0; a < applied->len; a++)
    if (g_array_index (applied, guint, a) == i)
      return g_ptr_array_index (applied_values, a);
  return spec->columns[i] != NULL ? g_ptr_array_index (before, i) : NULL;
}

static gboolean
gates_hold (RctWorkflowProblem *state,
            RctWorkflowInput   *input,
            const char         *status,
            const char         *closed_date,
            GError            **error)
{
  state->status = status;
  return rct_workflow_check_reached (state, input, closed_date, error);
}

/* A problem's status moved by the report's events must meet the gates of
 * where it lands, as the merge leaves it (its measures came before it in
 * the report). The chain of status events is followed step by step while
 * the gates hold; the steps after the first that fails are refused with
 * the gate's sentence, with the supervision fields that came with them,
 * and their events are left out of the journal. */
static gboolean
gate_problem (RctStore          *self,
              const ImportSpec  *spec,
              gint64             id,
              const char        *uuid,
              const char        *label,
              GPtrArray         *before,
              GArray            *applied,
              GPtrArray         *applied_values,
              GPtrArray         *events)
{
  g_autoptr(GError) gate_error = NULL;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) path = g_ptr_array_new ();  /* the status events applied, in order */
  g_autofree char *reason = NULL;
  RctWorkflowProblem state = { 0 };
  RctWorkflowInput input = { 0 };
  const char *target = merged_value (spec, before, applied, applied_values, "status");
  const char *was = merged_value (spec, before, none, NULL, "status");
  const char *reached = was;
  const char *closed_date = merged_value (spec, before, applied, applied_values, "closed_date");
  RctStmt *stmt;

  if (g_strcmp0 (target, was) == 0)
    return TRUE;  /* the status stays */
  stmt = _rct_store_prepare (self, "SELECT count(*), count(*) FILTER (WHERE done_date IS NULL) FROM measure"
                                   " WHERE problem_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_int64 (stmt, 1, id);
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    {
      state.n_measures = rct_stmt_column_int (stmt, 0);
      state.n_open_measures = rct_stmt_column_int (stmt, 1);
    }
  rct_stmt_reset (stmt);
  state.found_date = merged_value (spec, before, applied, applied_values, "found_date");
  state.deadline = merged_value (spec, before, applied, applied_values, "deadline");
  input.verifier = merged_value (spec, before, applied, applied_values, "verified_by");
  input.verification = merged_value (spec, before, applied, applied_values, "verification");

  /* The chain as decide_field() followed it, then back from its end to
   * the last status whose gates hold as the merge leaves the problem
   * (a step in between may have been undone by the next one: a problem
   * verified and then reopened needs no closed date any more). */
  while (g_strcmp0 (reached, target) != 0)
    {
      GHashTable *next = NULL;
      for (guint e = 0; events != NULL && e < events->len && next == NULL; e++)
        {
          GHashTable *event = g_ptr_array_index (events, e);
          if (g_strcmp0 (value_of (event, "field"), "status") == 0 &&
              g_strcmp0 (value_of (event, "record_uuid"), uuid) == 0 &&
              g_strcmp0 (value_of (event, "old_value"), reached) == 0 && !g_ptr_array_find (path, event, NULL) &&
              rct_store_find_by_uuid (self, RCT_KIND_JOURNAL, value_of (event, "uuid")) == 0)
            next = event;
        }
      if (next == NULL)
        break;
      g_ptr_array_add (path, next);
      reached = value_of (next, "new_value");
    }
  while (path->len > 0)
    {
      g_clear_error (&gate_error);
      if (gates_hold (&state, &input, reached, closed_date, &gate_error))
        break;
      g_ptr_array_remove_index (path, path->len - 1);
      reached = path->len > 0 ? value_of (g_ptr_array_index (path, path->len - 1), "new_value") : was;
    }
  if (g_strcmp0 (reached, target) == 0 && gate_error == NULL)
    return TRUE;

  reason = g_strdup_printf (_("The report makes problem %s “%s” without what that needs: %s"), label,
                            rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, target),
                            gate_error != NULL ? gate_error->message : "");
  _rct_merge_plan_note (self->merge_plan, RCT_MERGE_REFUSED, RCT_KIND_PROBLEM, uuid, label, "status", reason);
  for (guint a = applied->len; a > 0; a--)
    {
      guint i = g_array_index (applied, guint, a - 1);
      const char *column = i < n_plain_columns (spec) ? spec->columns[i] : NULL;

      if (column != NULL && g_str_equal (column, "status") && g_strcmp0 (reached, was) != 0)
        {
          /* As far as the gates allow. */
          g_free (g_ptr_array_index (applied_values, a - 1));
          g_ptr_array_index (applied_values, a - 1) = g_strdup (reached);
          continue;
        }
      if (column != NULL && (g_str_equal (column, "status") || g_str_equal (column, "verification") ||
                             g_str_equal (column, "verified_by") || g_str_equal (column, "verified_date") ||
                             g_str_equal (column, "closed_date")))
        {
          g_array_remove_index (applied, a - 1);
          g_ptr_array_remove_index (applied_values, a - 1);
          for (guint e = events != NULL ? events->len : 0; e > 0; e--)
            {
              GHashTable *event = g_ptr_array_index (events, e - 1);
              if (g_strcmp0 (value_of (event, "field"), column) == 0 &&
                  g_strcmp0 (value_of (event, "record_uuid"), uuid) == 0 && !g_ptr_array_find (path, event, NULL) &&
                  rct_store_find_by_uuid (self, RCT_KIND_JOURNAL, value_of (event, "uuid")) == 0)
                g_ptr_array_remove_index (events, e - 1);
            }
        }
    }
  /* The status events past the gate are not ours either. */
  for (guint e = events != NULL ? events->len : 0; e > 0; e--)
    {
      GHashTable *event = g_ptr_array_index (events, e - 1);
      if (g_strcmp0 (value_of (event, "field"), "status") == 0 &&
          g_strcmp0 (value_of (event, "record_uuid"), uuid) == 0 && !g_ptr_array_find (path, event, NULL) &&
          rct_store_find_by_uuid (self, RCT_KIND_JOURNAL, value_of (event, "uuid")) == 0)
        g_ptr_array_remove_index (events, e - 1);
    }
  return TRUE;
}

/* Whether @uuid has an open conflict. */
static gboolean
has_open_conflict (RctStore   *self,
                   const char *uuid)
{
  RctStmt *stmt = _rct_store_prepare (self, "SELECT 1 FROM merge_conflict WHERE record_uuid = ?"
                                            " AND resolved_at IS NULL LIMIT 1", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  found = _rct_store_step (self, stmt, NULL) == RCT_ROW;
  rct_stmt_reset (stmt);
  return found;
}

/* A conflict both sides have since settled the same way (the other side
 * chose, and its choice arrived): closed, as the value both now hold.
 * Only the other side's own report tells: a third ledger holding our
 * value agrees with us, not with it. */
static gboolean
close_agreed_conflict (RctStore    *self,
                       const char  *uuid,
                       const char  *field,
                       const char  *value,
                       const char  *maker,
                       GError     **error)
{
  g_autofree char *now = rct_clock_now ();
  RctStmt *stmt = _rct_store_prepare (self, "UPDATE merge_conflict SET resolved_at = ?1, updated_at = ?1,"
                                            " kept = CASE WHEN theirs IS NOT DISTINCT FROM ?4 THEN 'theirs' ELSE 'ours' END"
                                            " WHERE record_uuid = ?2 AND field = ?3 AND resolved_at IS NULL"
                                            " AND theirs_by IS NOT DISTINCT FROM ?5", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, now);
  rct_stmt_bind_text (stmt, 2, uuid);
  rct_stmt_bind_text (stmt, 3, field);
  rct_stmt_bind_text (stmt, 4, value);
  rct_stmt_bind_text (stmt, 5, maker);
  return _rct_store_step_done (self, stmt, error);
}

/* The status of task @id once @added more are done, by the rule of
 * rct_store_task_record_progress(): done when the target is reached;
 * NULL when it has no target and nothing was added. */
static const char *
task_status_after (RctStore *self,
                   gint64    id,
                   gint64    added)
{
  g_autoptr(RctTask) task = rct_store_get (self, RCT_KIND_TASK, id, NULL);

  if (task == NULL || (task->target_count == 0 && added == 0))
    return NULL;  /* no count to follow */
  return task->target_count > 0 && task->done_count + added >= task->target_count ? "done" : "in-progress";
}

/* A record both ledgers hold: field by field (decide_field), the fields
 * to apply in one UPDATE, each refused field and conflict in the plan. */
static gboolean
merge_existing (RctStore          *self,
                RctKind            kind,
                const ImportSpec  *spec,
                gint64             id,
                GHashTable        *values,
                GPtrArray         *events,
                const gint64      *ref_ids,
                const char        *incoming_updated,
                const char        *local_updated,
                const char        *source_label,
                RctImportResult   *out_result,
                GError           **error)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) applied = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) applied_values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *owner = NULL;
  g_autofree char *unit = NULL;
  RctSideContext context = { 0 };
  const char *uuid = value_of (values, "uuid");
  const char *label = record_label_of (spec, values);
  gboolean theirs_later = is_newer (incoming_updated, local_updated);
  gboolean has_events = events != NULL;
  gboolean open_conflict;
  guint n_plain = n_plain_columns (spec);
  RctStmt *stmt;
  int index = 2;
  const char *progress_added = kind == RCT_KIND_TASK ? value_of (values, "progress_added") : NULL;
  gint64 added = progress_added != NULL ? g_ascii_strtoll (progress_added, NULL, 10) : 0;
  guint64 derived = 0;  /* the columns (bits) a task's progress set */

  before = local_values (self, kind, spec, id, error);
  if (before == NULL)
    return FALSE;
  record_context (self, kind, id, &owner, &unit);
  context.author = value_of (values, "maker_org");
  context.owner = owner;
  context.unit = unit;
  if (context.author == NULL)
    context.author = rct_store_get_organisation_uuid (self);
  open_conflict = has_open_conflict (self, uuid);

  for (guint i = 0; i < n_columns_of (spec); i++)
    {
      gboolean is_ref = i >= n_plain;
      const char *field = is_ref ? spec->refs[i - n_plain].column : spec->columns[i];
      const char *old_text = g_ptr_array_index (before, i);
      g_autofree char *ours = NULL;
      g_autofree char *theirs = NULL;
      g_autofree char *theirs_by = NULL;
      g_autofree char *theirs_at = NULL;
      g_autofree char *value = NULL;
      g_autofree char *reason = NULL;

      if (is_ref)
        {
          const RctExchangeRef *ref = &spec->refs[i - n_plain];
          ours = rct_store_dup_uuid (self, ref->kind, old_text != NULL ? g_ascii_strtoll (old_text, NULL, 10) : 0);
          theirs = rct_store_dup_uuid (self, ref->kind, ref_ids[i - n_plain]);
        }
      else
        {
          ours = g_strdup (old_text);
          theirs = stored_form (field, g_hash_table_lookup (values, field));
        }
      if (progress_added != NULL && g_str_equal (field, "done_count"))
        {
          /* A task's count follows its progress entries: ours and those
           * new to this ledger (progress is only ever added), never a
           * copy's total. */
          if (added == 0)
            continue;
          g_array_append_val (applied, i);
          g_ptr_array_add (applied_values,
                           g_strdup_printf ("%" G_GINT64_FORMAT,
                                            g_ascii_strtoll (old_text != NULL ? old_text : "0", NULL, 10) + added));
          derived |= G_GUINT64_CONSTANT (1) << i;
          continue;
        }
      if (g_strcmp0 (ours, theirs) == 0)
        {
          if (open_conflict && !close_agreed_conflict (self, uuid, field, ours, context.author, error))
            return FALSE;
          continue;
        }
      if (progress_added != NULL && g_str_equal (field, "status"))
        {
          /* Its status, where the two differ, follows the count as when
           * progress is recorded here: done once a target is reached. */
          const char *status_now = task_status_after (self, id, added);

          if (status_now != NULL)
            {
              if (g_strcmp0 (status_now, ours) != 0)
                {
                  g_array_append_val (applied, i);
                  g_ptr_array_add (applied_values, g_strdup (status_now));
                  derived |= G_GUINT64_CONSTANT (1) << i;
                }
              continue;
            }
        }
      switch (decide_field (self, kind, uuid, label, field, ours, theirs, has_events ? events : NULL, &context,
                            theirs_later, &value, &reason, &theirs_by, &theirs_at))
        {
        case FIELD_KEEP:
          break;
        case FIELD_APPLY_PART:
          _rct_merge_plan_note (self->merge_plan, RCT_MERGE_REFUSED, kind, uuid, label, field, reason);
          G_GNUC_FALLTHROUGH;
        case FIELD_APPLY:
          if (open_conflict && g_strcmp0 (value, theirs) == 0 &&
              !close_agreed_conflict (self, uuid, field, value, context.author, error))
            return FALSE;
          g_array_append_val (applied, i);
          g_ptr_array_add (applied_values, g_steal_pointer (&value));
          break;
        case FIELD_REFUSED:
          _rct_merge_plan_note (self->merge_plan, RCT_MERGE_REFUSED, kind, uuid, label, field, reason);
          break;
        case FIELD_CONFLICT:
          {
            /* Translators: %s is a field's name */
            g_autofree char *sentence = g_strdup_printf (_("Both sides changed “%s” from the same value; both "
                                                           "values are kept until someone chooses."), field);
            if (!_rct_merge_add_conflict (self, kind, uuid, label, field, ours, theirs, theirs_by, theirs_at, error))
              return FALSE;
            _rct_merge_plan_note (self->merge_plan, RCT_MERGE_CONFLICT, kind, uuid, label, field, sentence);
          }
          break;
        default:
          break;
        }
    }
  if (kind == RCT_KIND_PROBLEM && !gate_problem (self, spec, id, uuid, label, before, applied, applied_values, events))
    return FALSE;
  if (applied->len == 0)
    return TRUE;

  /* A merged change is a write like any: one more revision. */
  g_string_printf (sql, "UPDATE %s SET updated_at = ?%s", rct_kind_to_table (kind), _rct_store_bump_sql (kind));
  for (guint a = 0; a < applied->len; a++)
    {
      guint i = g_array_index (applied, guint, a);
      g_string_append_printf (sql, ", %s = ?", i >= n_plain ? spec->refs[i - n_plain].column : spec->columns[i]);
    }
  g_string_append (sql, " WHERE id = ?");
  stmt = _rct_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  /* A label only: the later of the two stamps. */
  rct_stmt_bind_text (stmt, 1, theirs_later ? incoming_updated : local_updated);
  for (guint a = 0; a < applied->len; a++)
    {
      guint i = g_array_index (applied, guint, a);
      const char *value = g_ptr_array_index (applied_values, a);

      if (i >= n_plain)
        {
          gint64 ref_id = value != NULL ? find_imported (self, spec->refs[i - n_plain].kind, value) : 0;
          if (ref_id != 0)
            rct_stmt_bind_int64 (stmt, index++, ref_id);
          else
            rct_stmt_bind_null (stmt, index++);
        }
      else if (value != NULL && is_number_column (spec->columns[i]))
        rct_stmt_bind_int64 (stmt, index++, g_ascii_strtoll (value, NULL, 10));
      else
        rct_stmt_bind_text (stmt, index++, value);
    }
  rct_stmt_bind_int64 (stmt, index, id);
  if (!_rct_store_step_done (self, stmt, error))
    return FALSE;
  /* Changes that came with their events are in the journal as those
   * events (imported after the record); the others get a row each, and
   * so does a task's count and status that followed its new progress. */
  if (!has_events || derived != 0)
    {
      /* Translators: %s is the report's file name. */
      g_autofree char *why = g_strdup_printf (_("merged from the report %s"), source_label != NULL ? source_label : "");
      for (guint a = 0; a < applied->len; a++)
        {
          guint i = g_array_index (applied, guint, a);
          const char *field = i >= n_plain ? spec->refs[i - n_plain].column : spec->columns[i];
          const char *old_text = g_ptr_array_index (before, i);
          g_autofree char *old_value = NULL;

          if (has_events && !(derived & (G_GUINT64_CONSTANT (1) << i)))
            continue;

          if (i >= n_plain)
            old_value = rct_store_dup_uuid (self, spec->refs[i - n_plain].kind,
                                            old_text != NULL ? g_ascii_strtoll (old_text, NULL, 10) : 0);
          else
            old_value = g_strdup (old_text);
          if (!_rct_store_journal (self, kind, uuid, label, field, old_value, g_ptr_array_index (applied_values, a),
                                   why, error))
            return FALSE;
        }
    }
  if (out_result != NULL)
    *out_result = RCT_IMPORT_UPDATED;
  return TRUE;
}

/* A record of a report that refers to one not known yet (a report made
 * for another unit, or one cut short): kept, with its values, until a
 * record of that uuid arrives (resolve_pending()). */
static gboolean
keep_pending (RctStore    *self,
              RctKind      kind,
              GHashTable  *values,
              const char  *waits_for,
              const char  *source_label,
              GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *now = rct_clock_now ();
  GHashTableIter iter;
  gpointer key, value;
  RctStmt *stmt;
  gboolean ok = FALSE;

  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      {
        json_builder_set_member_name (builder, key);
        json_builder_add_string_value (builder, value);
      }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  if (!_rct_store_write_begin (self, error))
    return FALSE;
  /* A record that waits again goes to the end of the queue: the row is
   * made anew, not updated in place. */
  stmt = _rct_store_prepare (self, "DELETE FROM merge_pending WHERE record_table = ? AND record_uuid = ?", error);
  if (stmt != NULL)
    {
      rct_stmt_bind_text (stmt, 1, rct_kind_to_table (kind));
      rct_stmt_bind_text (stmt, 2, value_of (values, "uuid"));
      ok = _rct_store_step_done (self, stmt, error);
    }
  self->bulk_nothing_pending = FALSE;
  stmt = ok ? _rct_store_prepare (self, "INSERT INTO merge_pending (record_table, record_uuid, waits_for,"
                                        " record_values, source, created_at) VALUES (?, ?, ?, ?, ?, ?)", error)
            : NULL;
  if (stmt != NULL)
    {
      rct_stmt_bind_text (stmt, 1, rct_kind_to_table (kind));
      rct_stmt_bind_text (stmt, 2, value_of (values, "uuid"));
      rct_stmt_bind_text (stmt, 3, waits_for);
      rct_stmt_bind_text (stmt, 4, text);
      rct_stmt_bind_text (stmt, 5, source_label);
      rct_stmt_bind_text (stmt, 6, now);
      ok = _rct_store_step_done (self, stmt, error);
    }
  return _rct_store_write_end (self, ok, ok ? error : NULL) && ok;
}

static GHashTable *
values_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, text, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return values;
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    g_hash_table_insert (values, g_strdup (l->data), g_strdup (json_object_get_string_member (object, l->data)));
  return values;
}

/* The records that waited for @uuid, merged now it is here. */
static gboolean
resolve_pending (RctStore    *self,
                 const char  *uuid,
                 GError     **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  RctStmt *stmt;

  /* A bulk on a file whose merge kept nothing waiting: nothing to look for. */
  if (self->bulk && self->bulk_nothing_pending)
    return TRUE;
  stmt = _rct_store_prepare (self, "SELECT record_table, record_values, source FROM merge_pending"
                                   " WHERE waits_for = ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  while (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    {
      g_ptr_array_add (tables, g_strdup (rct_stmt_column_text (stmt, 0)));
      g_ptr_array_add (texts, g_strdup (rct_stmt_column_text (stmt, 1)));
      g_ptr_array_add (sources, g_strdup (rct_stmt_column_text (stmt, 2)));
    }
  rct_stmt_reset (stmt);
  if (tables->len == 0)
    return TRUE;
  stmt = _rct_store_prepare (self, "DELETE FROM merge_pending WHERE waits_for = ?", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  if (!_rct_store_step_done (self, stmt, error))
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    {
      g_autoptr(GHashTable) values = values_from_json (g_ptr_array_index (texts, i));
      g_autoptr(GError) local_error = NULL;
      RctImportResult result = RCT_IMPORT_UNCHANGED;
      RctKind kind;
      const char *label;

      if (!rct_kind_from_table (g_ptr_array_index (tables, i), &kind))
        continue;
      label = import_specs[kind].columns[0] != NULL ? value_of (values, import_specs[kind].columns[0]) : NULL;
      if (!_rct_store_merge_record (self, kind, values, NULL, g_ptr_array_index (sources, i), &result, &local_error))
        {
          if (!g_error_matches (local_error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          _rct_merge_plan_note (self->merge_plan, RCT_MERGE_REFUSED, kind, value_of (values, "uuid"), label, NULL,
                                local_error->message);
          continue;
        }
      if (result == RCT_IMPORT_ADDED || result == RCT_IMPORT_UPDATED)
        _rct_merge_plan_note (self->merge_plan, result == RCT_IMPORT_ADDED ? RCT_MERGE_ADDED : RCT_MERGE_CHANGED,
                              kind, value_of (values, "uuid"), label, NULL, NULL);
    }
  return TRUE;
}

/**
 * rct_exchange_links:
 *
 * Returns: (transfer none) (array length=n_links): the links of a record
 *   a report carries as child elements, or %NULL when it has none
 */
const RctExchangeLink *
rct_exchange_links (RctKind  kind,
                    guint   *n_links)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_links); i++)
    if (kind_links[i].kind == kind)
      {
        *n_links = kind_links[i].n;
        return &exchange_links[kind_links[i].first];
      }
  *n_links = 0;
  return NULL;
}

/**
 * rct_store_dup_link_uuids:
 *
 * Returns: (transfer full): the uuids of the records @link ties to the
 *   record @id, in uuid order; "N:uuid" when the link has a number
 */
char **
rct_store_dup_link_uuids (RctStore              *self,
                          const RctExchangeLink *link,
                          gint64                 id)
{
  RctKind target = link->target;
  /* The one numbered link is a visit's finding (visit_problem.finding). */
  g_autofree char *sql = link->number != NULL
    ? g_strdup_printf ("SELECT t.uuid, l.finding FROM %s l JOIN %s t ON t.id = l.%s WHERE l.%s = ? ORDER BY t.uuid",
                       link->table, rct_kind_to_table (target), link->target_column, link->owner_column)
    : g_strdup_printf ("SELECT t.uuid, NULL FROM %s l JOIN %s t ON t.id = l.%s WHERE l.%s = ? ORDER BY t.uuid",
                       link->table, rct_kind_to_table (target), link->target_column, link->owner_column);
  RctStmt *stmt = _rct_store_prepare (self, sql, NULL);
  GPtrArray *uuids = g_ptr_array_new ();

  if (stmt != NULL)
    {
      rct_stmt_bind_int64 (stmt, 1, id);
      while (_rct_store_step (self, stmt, NULL) == RCT_ROW)
        {
          const char *uuid = rct_stmt_column_text (stmt, 0);
          if (link->number != NULL)
            g_ptr_array_add (uuids, g_strdup_printf ("%" G_GINT64_FORMAT ":%s", (gint64) rct_stmt_column_int64 (stmt, 1), uuid));
          else
            g_ptr_array_add (uuids, g_strdup (uuid));
        }
      rct_stmt_reset (stmt);
    }
  g_ptr_array_add (uuids, NULL);
  return (char **) g_ptr_array_free (uuids, FALSE);
}

/* The uuid of one entry of a link's list ("N:uuid" or "uuid"), and its
 * number (0: none). */
static const char *
link_entry (const RctExchangeLink *link,
            const char            *entry,
            gint64                *number)
{
  const char *colon = link->number != NULL ? strchr (entry, ':') : NULL;

  *number = 0;
  if (colon == NULL)
    return entry;
  *number = g_ascii_strtoll (entry, NULL, 10);
  return colon + 1;
}

/* A link of the report to a record not known yet: the uuid it waits for. */
static const char *
unknown_link (RctStore    *self,
              RctKind      kind,
              GHashTable  *values,
              char      ***out_entries)
{
  guint n_links;
  const RctExchangeLink *links = rct_exchange_links (kind, &n_links);

  for (guint i = 0; i < n_links; i++)
    {
      g_auto(GStrv) entries = g_strsplit (value_of (values, links[i].element) != NULL
                                          ? value_of (values, links[i].element) : "", ",", -1);
      for (guint e = 0; entries[e] != NULL; e++)
        {
          gint64 number;
          const char *uuid = link_entry (&links[i], entries[e], &number);
          if (*uuid != '\0' && find_imported (self, links[i].target, uuid) == 0)
            {
              *out_entries = g_steal_pointer (&entries);
              return link_entry (&links[i], (*out_entries)[e], &number);
            }
        }
    }
  return NULL;
}

/* Adds the report's links of record @id that this ledger lacks; never
 * removes one (links only grow, so reports merge the same in any order).
 * A finding already linked to another problem keeps its link. */
static gboolean
add_links (RctStore    *self,
           RctKind      kind,
           gint64       id,
           GHashTable  *values,
           const char  *now,
           gboolean    *out_changed,
           GError     **error)
{
  guint n_links;
  const RctExchangeLink *links = rct_exchange_links (kind, &n_links);

  for (guint i = 0; i < n_links; i++)
    {
      const RctExchangeLink *link = &links[i];
      g_auto(GStrv) entries = g_strsplit (value_of (values, link->element) != NULL
                                          ? value_of (values, link->element) : "", ",", -1);
      g_autofree char *sql = link->number != NULL
        ? g_strdup_printf ("INSERT INTO %s (uuid, %s, %s, created_at, updated_at, finding)"
                           " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           link->table, link->owner_column, link->target_column)
        : g_strdup_printf ("INSERT INTO %s (uuid, %s, %s, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           link->table, link->owner_column, link->target_column);

      for (guint e = 0; entries[e] != NULL; e++)
        {
          g_autofree char *uuid = g_uuid_string_random ();
          gint64 number, target_id;
          const char *target = link_entry (&links[i], entries[e], &number);
          RctStmt *stmt;

          if (*target == '\0')
            continue;
          target_id = find_imported (self, links[i].target, target);
          if (target_id == 0 || (links[i].number != NULL && number < 1))
            {
              g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED,
                           _("The report refers to a %s (%s) that it does not contain."),
                           rct_kind_to_table (links[i].target), target);
              return FALSE;
            }
          stmt = _rct_store_prepare (self, sql, error);
          if (stmt == NULL)
            return FALSE;
          rct_stmt_bind_text (stmt, 1, uuid);
          rct_stmt_bind_int64 (stmt, 2, id);
          rct_stmt_bind_int64 (stmt, 3, target_id);
          rct_stmt_bind_text (stmt, 4, now);
          rct_stmt_bind_text (stmt, 5, now);
          if (links[i].number != NULL)
            rct_stmt_bind_int64 (stmt, 6, number);
          if (!_rct_store_step_done (self, stmt, error))
            return FALSE;
          if (_rct_store_changes (self) > 0)
            *out_changed = TRUE;
        }
    }
  return TRUE;
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
  RctStmt *stmt;
  char *uuid = NULL;

  if (id == 0)
    return NULL;
  stmt = _rct_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return NULL;
  rct_stmt_bind_int64 (stmt, 1, id);
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    uuid = g_strdup (rct_stmt_column_text (stmt, 0));
  rct_stmt_reset (stmt);
  return uuid;
}

/* The INSERT of a new record of @kind, made once per kind: a report
 * brings thousands. */
static const char *
insert_sql (RctKind kind)
{
  static const char *made[RCT_N_KINDS];
  const ImportSpec *spec = &import_specs[kind];

  if (g_once_init_enter (&made[kind]))
    {
      g_autoptr(GString) marks = g_string_new ("?, ?, ?");
      GString *sql = g_string_new (NULL);

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
      g_string_append (sql, kind == RCT_KIND_JOURNAL ? ", author_org" : ", owner_org");
      g_string_append (marks, ", ?");
      g_string_append_printf (sql, ") VALUES (%s)", marks->str);
      g_once_init_leave (&made[kind], g_string_free (sql, FALSE));
    }
  return made[kind];
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
  return _rct_store_merge_record (self, kind, values, NULL, source_label, out_result, error);
}

/**
 * _rct_store_merge_record:
 * @events: (nullable) (element-type GHashTable): the report's journal rows
 *   of this record (a problem's), column -> text: its events
 *
 * rct_store_import_record() with the events that say which of the
 * record's fields its author changed, and from what.
 */
gboolean
_rct_store_merge_record (RctStore         *self,
                         RctKind           kind,
                         GHashTable       *values,
                         GPtrArray        *events,
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
  g_autofree char *now = NULL;   /* made when needed: most records bring their times */
  RctStmt *stmt;
  gboolean ok = FALSE;
  gboolean refused = FALSE;
  gboolean key_free;

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
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED,
                   _("A record of kind “%s” in the report has no valid uuid."), rct_kind_to_table (kind));
      return FALSE;
    }
  incoming_updated = value_of (values, "updated_at");
  if (incoming_updated == NULL)
    incoming_updated = now = rct_clock_now ();
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
      if (ref_ids[i] == 0 && self->merge_plan != NULL && g_uuid_string_is_valid (ref_uuid))
        {
          /* Not known yet: kept until it arrives. */
          if (!keep_pending (self, kind, values, ref_uuid, source_label, error))
            return FALSE;
          if (out_result != NULL)
            *out_result = RCT_IMPORT_PENDING;
          return TRUE;
        }
      if (ref_ids[i] == 0)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED,
                       _("The report refers to a %s (%s) that it does not contain."),
                       rct_kind_to_table (spec->refs[i].kind), ref_uuid);
          return FALSE;
        }
    }

  if (self->merge_plan != NULL)
    {
      g_auto(GStrv) entries = NULL;
      const char *waits_for = unknown_link (self, kind, values, &entries);

      if (waits_for != NULL && g_uuid_string_is_valid (waits_for))
        {
          if (!keep_pending (self, kind, values, waits_for, source_label, error))
            return FALSE;
          if (out_result != NULL)
            *out_result = RCT_IMPORT_PENDING;
          return TRUE;
        }
    }

  if (!_rct_store_write_begin (self, error))
    return FALSE;

  id = local_match (self, kind, spec, values, &key_free);
  if (id != 0 && _rct_store_import_find (self, kind, uuid) != id)
    g_hash_table_insert (self->import_aliases, g_strdup_printf ("%d:%s", kind, uuid), GSIZE_TO_POINTER (id));
  /* A number or name local_match() found free needs no second look. */
  if (id == 0 && ((kind == RCT_KIND_PROBLEM && !key_free && !number_for_owner (self, spec, values, error)) ||
                  (kind != RCT_KIND_PROBLEM && !key_free && !name_is_free (self, kind, spec, values, error)) ||
                  !may_add (self, kind, values, ref_ids, error)))
    {
      refused = TRUE;
      goto out;
    }
  if (id == 0)
    {
      stmt = _rct_store_prepare (self, insert_sql (kind), error);
      if (stmt == NULL)
        goto out;
      rct_stmt_bind_text (stmt, 1, uuid);
      rct_stmt_bind_text (stmt, 2, value_of (values, "created_at") ? value_of (values, "created_at") : incoming_updated);
      rct_stmt_bind_text (stmt, 3, incoming_updated);
      rct_stmt_bind_text (stmt, bind_import_values (stmt, 4, spec, values, ref_ids), incoming_owner (self, values));
      if (!_rct_store_step_done (self, stmt, error))
        goto out;
      id = _rct_store_last_insert_id (self);
      remember_id (self, kind, uuid, id);
      if (kind == RCT_KIND_PROBLEM)
        g_hash_table_add (self->import_gates, GSIZE_TO_POINTER (id));
      if (out_result != NULL)
        *out_result = RCT_IMPORT_ADDED;
    }
  else
    {
      local_updated = local_updated_at (self, kind, id);
      if (kind == RCT_KIND_JOURNAL)
        {
          ok = TRUE;  /* an event already here */
          goto out;
        }
      if (!merge_existing (self, kind, spec, id, values, events, ref_ids, incoming_updated, local_updated,
                           source_label, out_result, error))
        goto out;
    }

  if (kind == RCT_KIND_WORKING_GROUP && g_hash_table_contains (values, "person_uuid") &&
      !set_members_by_uuid (self, id, value_of (values, "person_uuid"), now != NULL ? now : (now = rct_clock_now ()),
                            error))
    goto out;
  if (kind == RCT_KIND_ACCOUNTABILITY || kind == RCT_KIND_VISIT)
    {
      /* The links are the office's too: only an author who may add them. */
      RctSideContext context = { 0 };
      gboolean changed = FALSE;

      context.author = value_of (values, "maker_org");
      context.owner = incoming_owner (self, values);
      if (context.author == NULL || _rct_merge_may (self, &context, RCT_SIDE_OFFICE, NULL))
        {
          if (now == NULL)
            now = rct_clock_now ();
          if (!add_links (self, kind, id, values, now, &changed, error))
            goto out;  /* rolled back: the record without its links is not merged */
          if (changed && out_result != NULL && *out_result == RCT_IMPORT_UNCHANGED)
            *out_result = RCT_IMPORT_UPDATED;
        }
    }

  _rct_store_mark_changed (self, kind);
  ok = TRUE;

out:
  if (!_rct_store_write_end (self, ok || refused, ok ? error : NULL))
    {
      if (out_result != NULL)
        *out_result = RCT_IMPORT_UNCHANGED;
      return FALSE;
    }
  /* What waited for this record can come in now. */
  if (ok && self->merge_plan != NULL && out_result != NULL && *out_result == RCT_IMPORT_ADDED &&
      !resolve_pending (self, uuid, error))
    return FALSE;
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
  RctStmt *stmt = _rct_store_prepare (self, "SELECT p.uuid FROM working_group_member m"
                                            " JOIN person p ON p.id = m.person_id"
                                            " WHERE m.group_id = ? ORDER BY p.uuid", NULL);
  GPtrArray *uuids = g_ptr_array_new ();

  if (stmt != NULL)
    {
      rct_stmt_bind_int64 (stmt, 1, group_id);
      while (_rct_store_step (self, stmt, NULL) == RCT_ROW)
        g_ptr_array_add (uuids, g_strdup (rct_stmt_column_text (stmt, 0)));
      rct_stmt_reset (stmt);
    }
  g_ptr_array_add (uuids, NULL);
  return (char **) g_ptr_array_free (uuids, FALSE);
}

/* "SELECT id FROM @table p WHERE …": the rows of @parent_table in @scope's period
 * (by @date_column) and units, their values appended to @binds. */
static void
scoped_conditions (GString        *sql,
                   GPtrArray      *binds,
                   const char     *date_column,
                   const RctScope *scope)
{
  GString *parent = sql;

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
}

static void
scoped_ids (GString        *sql,
            GPtrArray      *binds,
            const char     *parent_table,
            const char     *date_column,
            const RctScope *scope)
{
  g_string_append_printf (sql, "SELECT id FROM %s p WHERE TRUE", parent_table);
  scoped_conditions (sql, binds, date_column, scope);
}

/* The journal rows a report carries under the tasks (with their
 * progress entries') or the feedback of @scope: its dates on @date_column,
 * its units by the record's unit. */
static gint64
count_history_rows (RctStore       *self,
                    RctKind         kind,
                    const char     *date_column,
                    const RctScope *scope)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();
  g_autoptr(GString) parent = g_string_new (NULL);
  RctStmt *stmt;
  gint64 count = 0;

  scoped_ids (parent, binds, rct_kind_to_table (kind), date_column, scope);
  g_string_printf (sql, "SELECT count(*) FROM journal WHERE (record_table = '%s' AND record_uuid IN"
                        " (SELECT uuid FROM %s WHERE id IN (%s)))", rct_kind_to_table (kind), rct_kind_to_table (kind),
                   parent->str);
  if (kind == RCT_KIND_TASK)
    g_string_append_printf (sql, " OR (record_table = 'task_progress' AND record_uuid IN"
                                 " (SELECT uuid FROM task_progress WHERE task_id IN (%s)))", parent->str);
  stmt = _rct_store_prepare (self, sql->str, NULL);
  if (stmt == NULL)
    return 0;
  for (guint r = 0; r < (kind == RCT_KIND_TASK ? 2u : 1u); r++)
    for (guint i = 0; i < binds->len; i++)
      rct_stmt_bind_text (stmt, r * binds->len + i + 1, g_ptr_array_index (binds, i));
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    count = rct_stmt_column_int64 (stmt, 0);
  rct_stmt_reset (stmt);
  return count;
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
  RctStmt *stmt;
  gint64 count = 0;
  guint repeats = 1;

  scoped_ids (parent, binds, parent_table, date_column, scope);

  switch (kind)
    {
    case RCT_KIND_JOURNAL:
      /* With the events of the tasks and feedback in scope. */
      count = count_history_rows (self, RCT_KIND_TASK, "deadline", scope) +
              count_history_rows (self, RCT_KIND_FEEDBACK, "received_date", scope);
      /* A problem's events and its measures', extensions' and evidence's,
       * as the report carries them (rct_store_list_problem_history()). */
      /* From the journal's rows (CROSS JOIN: that table first), each
       * looked up in its table: the problems' uuids put in an IN list were
       * 100,000 searches of the journal at 100,000 problems, with no
       * journal at all. */
      sql = g_strdup_printf ("SELECT (SELECT count(*) FROM journal j CROSS JOIN problem c"
                             "  WHERE j.record_table = 'problem' AND c.uuid = j.record_uuid AND c.id IN (%s))"
                             " + (SELECT count(*) FROM journal j CROSS JOIN measure c"
                             "  WHERE j.record_table = 'measure' AND c.uuid = j.record_uuid AND c.problem_id IN (%s))"
                             " + (SELECT count(*) FROM journal j CROSS JOIN evidence c"
                             "  WHERE j.record_table = 'evidence' AND c.uuid = j.record_uuid AND c.problem_id IN (%s))"
                             " + (SELECT count(*) FROM journal j CROSS JOIN extension c"
                             "  WHERE j.record_table = 'extension' AND c.uuid = j.record_uuid AND c.problem_id IN (%s))",
                             parent->str, parent->str, parent->str, parent->str);
      repeats = 4;
      break;
    case RCT_KIND_TASK_PROGRESS:
    case RCT_KIND_MEASURE:
    case RCT_KIND_EXTENSION:
    case RCT_KIND_EVIDENCE:
      /* Each child with its parent (CROSS JOIN: the children first), not
       * the parents' ids in an IN list searched for children one by one. */
      g_string_truncate (parent, 0);
      g_ptr_array_set_size (binds, 0);
      g_string_append_printf (parent, "SELECT count(*) FROM %s c CROSS JOIN %s p WHERE p.id = c.%s",
                              rct_kind_to_table (kind), parent_table,
                              kind == RCT_KIND_TASK_PROGRESS ? "task_id" : "problem_id");
      scoped_conditions (parent, binds, date_column, scope);
      sql = g_strdup (parent->str);
      break;
    default:
      g_return_val_if_reached (0);
    }
  stmt = _rct_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  for (guint r = 0; r < repeats; r++)
    for (guint i = 0; i < binds->len; i++)
      rct_stmt_bind_text (stmt, r * binds->len + i + 1, g_ptr_array_index (binds, i));
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    count += rct_stmt_column_int64 (stmt, 0);
  rct_stmt_reset (stmt);
  return count;
}
