/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-supervision"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rct-clock.h"
#include "rct-store-private.h"
#include "rct-supervision.h"
#include "rct-vocabulary.h"

/* Supervision with teeth: what the office's accountability records and
 * inspection visits add up to, and a visit's finding turned into a problem
 * of the ledger, linked to the visit. */

static void
count_free (gpointer data)
{
  RctSupervisionCount *count = data;

  g_free (count->key);
  g_free (count);
}

void
rct_supervision_figures_free (RctSupervisionFigures *figures)
{
  if (figures == NULL)
    return;
  g_clear_pointer (&figures->accountability_by_kind, g_ptr_array_unref);
  g_clear_pointer (&figures->accountability_by_unit, g_ptr_array_unref);
  g_free (figures);
}

/* The bounds of a scope as parameters ?1 (from), ?2 (to) and ?3 (the
 * units' names as a JSON array), each NULL when unbounded. */
static void
bind_scope (RctStmt        *stmt,
            const RctScope *scope,
            const char     *units_json)
{
  rct_stmt_bind_text (stmt, 1, scope != NULL ? scope->from : NULL);
  rct_stmt_bind_text (stmt, 2, scope != NULL ? scope->to : NULL);
  rct_stmt_bind_text (stmt, 3, units_json);
}

static char *
units_as_json (const RctScope *scope)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (scope == NULL || scope->units == NULL || scope->units[0] == NULL)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; scope->units[i] != NULL; i++)
    json_builder_add_string_value (builder, scope->units[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The records of a scope, as the report carries them: an accountability
 * record dated in the period, of a unit in scope; a visit dated in the
 * period that went to a unit in scope. */
#define IN_PERIOD(t) " (?1 IS NULL OR " t ".date >= ?1) AND (?2 IS NULL OR " t ".date <= ?2)"
#define UNIT_IN_SCOPE(id) " (?3 IS NULL OR " id " IN (SELECT id FROM unit WHERE name IN (SELECT value FROM json_each (?3))))"
#define SCOPED_ACCOUNTABILITY "SELECT * FROM accountability a WHERE" IN_PERIOD ("a") " AND" UNIT_IN_SCOPE ("a.unit_id")
#define SCOPED_VISIT "SELECT * FROM visit v WHERE" IN_PERIOD ("v") " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM visit_unit l" \
  " WHERE l.visit_id = v.id AND" UNIT_IN_SCOPE ("l.unit_id") "))"

static gint64
count_one (RctStore       *store,
           const char     *sql,
           const RctScope *scope,
           const char     *units_json,
           GError        **error)
{
  RctStmt *stmt = _rct_store_prepare (store, sql, error);
  gint64 value = -1;

  if (stmt == NULL)
    return -1;
  bind_scope (stmt, scope, units_json);
  if (_rct_store_step (store, stmt, error) == RCT_ROW)
    value = rct_stmt_column_int64 (stmt, 0);
  rct_stmt_reset (stmt);
  return value;
}

static gboolean
collect_counts (RctStore        *store,
                const char      *sql,
                const RctScope  *scope,
                const char      *units_json,
                GPtrArray       *counts,
                GError         **error)
{
  RctStmt *stmt = _rct_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_scope (stmt, scope, units_json);
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      RctSupervisionCount *count = g_new0 (RctSupervisionCount, 1);

      count->key = g_strdup (rct_stmt_column_text (stmt, 0));
      count->count = rct_stmt_column_int64 (stmt, 1);
      g_ptr_array_add (counts, count);
    }
  rct_stmt_reset (stmt);
  return rc == RCT_DONE;
}

static gint
vocabulary_position (const char *key)
{
  guint n;
  const RctVocabularyEntry *entries = rct_vocabulary_entries (RCT_VOCAB_ACCOUNTABILITY_KIND, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (entries[i].key, key))
      return i;
  return n;
}

static gint
compare_kinds (gconstpointer a,
               gconstpointer b)
{
  const RctSupervisionCount *x = *(RctSupervisionCount **) a;
  const RctSupervisionCount *y = *(RctSupervisionCount **) b;
  int by_position = vocabulary_position (x->key) - vocabulary_position (y->key);

  return by_position != 0 ? by_position : g_strcmp0 (x->key, y->key);
}

/**
 * rct_supervision_figures_compute:
 *
 * rct_supervision_figures_compute_in() for the whole ledger.
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error
 *   when the ledger could not be read
 */
RctSupervisionFigures *
rct_supervision_figures_compute (RctStore  *store,
                                 GError   **error)
{
  return rct_supervision_figures_compute_in (store, NULL, error);
}

/**
 * rct_supervision_figures_compute_in:
 * @scope: (nullable): a period (the records' dates) and units
 *
 * The figures of the accountability records and visits a report of
 * @scope carries: records dated in the period, of (visits: to) a unit in
 * scope; units covered and active among the units in scope.
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error
 *   when the ledger could not be read
 */
RctSupervisionFigures *
rct_supervision_figures_compute_in (RctStore        *store,
                                    const RctScope  *scope,
                                    GError         **error)
{
  g_autoptr(RctSupervisionFigures) figures = g_new0 (RctSupervisionFigures, 1);
  g_autofree char *units_json = units_as_json (scope);
  struct { const char *sql; gint64 *value; } counts[] = {
    { "SELECT count(*) FROM (" SCOPED_ACCOUNTABILITY ")", &figures->accountability_total },
    { "SELECT count(*) FROM (" SCOPED_VISIT ")", &figures->visits },
    { "SELECT count(DISTINCT l.unit_id) FROM visit_unit l JOIN unit u ON u.id = l.unit_id"
      " WHERE u.active = 1 AND l.visit_id IN (SELECT id FROM (" SCOPED_VISIT ")) AND" UNIT_IN_SCOPE ("u.id"),
      &figures->units_covered },
    { "SELECT count(*) FROM unit u WHERE active = 1 AND (?1 IS NULL OR 1) AND (?2 IS NULL OR 1) AND"
      UNIT_IN_SCOPE ("u.id"), &figures->units_active },
    { "SELECT count(*) FROM visit_problem WHERE visit_id IN (SELECT id FROM (" SCOPED_VISIT "))",
      &figures->problems_found },
  };

  g_return_val_if_fail (RCT_IS_STORE (store), NULL);

  figures->accountability_by_kind = g_ptr_array_new_with_free_func (count_free);
  figures->accountability_by_unit = g_ptr_array_new_with_free_func (count_free);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if ((*counts[i].value = count_one (store, counts[i].sql, scope, units_json, error)) < 0)
      return NULL;
  if (!collect_counts (store, "SELECT kind, count(*) FROM (" SCOPED_ACCOUNTABILITY ") GROUP BY kind", scope,
                       units_json, figures->accountability_by_kind, error) ||
      !collect_counts (store, "SELECT u.name, count(*) FROM (" SCOPED_ACCOUNTABILITY ") a"
                              " JOIN unit u ON u.id = a.unit_id GROUP BY u.id ORDER BY u.position, u.id",
                       scope, units_json, figures->accountability_by_unit, error))
    return NULL;
  g_ptr_array_sort (figures->accountability_by_kind, compare_kinds);
  return g_steal_pointer (&figures);
}

/**
 * rct_problem_calls_for_accountability:
 *
 * Whether the office should think of holding someone to account for
 * @problem: it is overdue, or its rectification was rejected twice or more
 * (the journal's status changes from awaiting verification back to
 * rectifying).
 */
gboolean
rct_problem_calls_for_accountability (RctStore   *store,
                                      RctProblem *problem)
{
  RctStmt *stmt;
  gint64 rejections = 0;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);
  g_return_val_if_fail (RCT_IS_PROBLEM (problem), FALSE);

  if (g_strcmp0 (problem->deadline_state, "overdue") == 0)
    return TRUE;
  stmt = _rct_store_prepare (store, "SELECT count(*) FROM journal WHERE record_table = 'problem'"
                                    " AND record_uuid = ? AND field = 'status'"
                                    " AND old_value = 'awaiting-verification' AND new_value = 'rectifying'", NULL);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, rct_record_get_uuid (RCT_RECORD (problem)));
  if (_rct_store_step (store, stmt, NULL) == RCT_ROW)
    rejections = rct_stmt_column_int64 (stmt, 0);
  rct_stmt_reset (stmt);
  return rejections >= 2;
}

/**
 * rct_visit_dup_findings:
 *
 * A visit's findings, one a line, the empty lines left out; finding N of
 * the command line and of the window is element N - 1.
 *
 * Returns: (transfer full): the findings, %NULL-ended
 */
char **
rct_visit_dup_findings (RctVisit *visit)
{
  g_auto(GStrv) lines = g_strsplit (visit->findings != NULL ? visit->findings : "", "\n", -1);
  GPtrArray *findings = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (g_strdup (lines[i]));

      if (*line != '\0')
        g_ptr_array_add (findings, line);
      else
        g_free (line);
    }
  g_ptr_array_add (findings, NULL);
  return (char **) g_ptr_array_free (findings, FALSE);
}

/**
 * rct_store_finding_problem:
 *
 * Returns: the id of the problem finding @finding (from 1) of the visit
 *   became, 0 when it has none yet, or -1 with @error
 */
gint64
rct_store_finding_problem (RctStore  *store,
                           gint64     visit_id,
                           guint      finding,
                           GError   **error)
{
  RctStmt *stmt = _rct_store_prepare (store, "SELECT problem_id FROM visit_problem"
                                             " WHERE visit_id = ? AND finding = ?", error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  rct_stmt_bind_int64 (stmt, 1, visit_id);
  rct_stmt_bind_int64 (stmt, 2, finding);
  rc = _rct_store_step (store, stmt, error);
  if (rc == RCT_ROW)
    id = rct_stmt_column_int64 (stmt, 0);
  else if (rc != RCT_DONE)
    id = -1;
  rct_stmt_reset (stmt);
  return id;
}

/* Writes the link of finding @finding of @visit to a problem, and journals
 * it on the visit; inside the caller's transaction. */
static gboolean
link_finding (RctStore  *store,
              RctVisit  *visit,
              guint      finding,
              gint64     problem_id,
              GError   **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = rct_clock_now ();
  g_autofree char *label = g_strdup_printf ("%s %s", visit->date, visit->team);
  g_autoptr(RctProblem) problem = NULL;
  RctStmt *stmt;

  problem = rct_store_get (store, RCT_KIND_PROBLEM, problem_id, error);
  if (problem == NULL)
    return FALSE;
  stmt = _rct_store_prepare (store, "INSERT INTO visit_problem (uuid, visit_id, finding, problem_id,"
                                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  rct_stmt_bind_int64 (stmt, 2, rct_record_get_id (RCT_RECORD (visit)));
  rct_stmt_bind_int64 (stmt, 3, finding);
  rct_stmt_bind_int64 (stmt, 4, problem_id);
  rct_stmt_bind_text (stmt, 5, now);
  rct_stmt_bind_text (stmt, 6, now);
  if (!_rct_store_step_done (store, stmt, error))
    return FALSE;
  return _rct_store_journal (store, RCT_KIND_VISIT, rct_record_get_uuid (RCT_RECORD (visit)), label,
                             "problems", NULL, problem->number, NULL, error);
}

/* The visit, and its findings when @finding is one of them. */
static RctVisit *
get_visit_with_finding (RctStore   *store,
                        gint64      visit_id,
                        guint       finding,
                        char     ***out_findings,
                        GError    **error)
{
  g_autoptr(RctVisit) visit = rct_store_get (store, RCT_KIND_VISIT, visit_id, error);
  g_auto(GStrv) findings = NULL;

  if (visit == NULL)
    return NULL;
  findings = rct_visit_dup_findings (visit);
  if (finding < 1 || finding > g_strv_length (findings))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   ngettext ("The visit has %u finding; give a number from 1 to %u.",
                             "The visit has %u findings; give a number from 1 to %u.",
                             g_strv_length (findings)),
                   g_strv_length (findings), g_strv_length (findings));
      return NULL;
    }
  if (out_findings != NULL)
    *out_findings = g_steal_pointer (&findings);
  return g_steal_pointer (&visit);
}

/**
 * rct_store_link_finding:
 * @finding: which line of the visit's findings, from 1
 *
 * Records that finding @finding of the visit is a problem already in the
 * ledger (registered before the visit was written down). A finding is one
 * problem, and a problem the finding of one visit.
 */
gboolean
rct_store_link_finding (RctStore  *store,
                        gint64     visit_id,
                        guint      finding,
                        gint64     problem_id,
                        GError   **error)
{
  g_autoptr(RctVisit) visit = NULL;
  RctStmt *stmt;
  gint64 linked;
  int rc;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  visit = get_visit_with_finding (store, visit_id, finding, NULL, error);
  if (visit == NULL)
    return FALSE;
  stmt = _rct_store_prepare (store, "SELECT count(*) FROM visit_problem"
                                    " WHERE (visit_id = ? AND finding = ?) OR problem_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_int64 (stmt, 1, visit_id);
  rct_stmt_bind_int64 (stmt, 2, finding);
  rct_stmt_bind_int64 (stmt, 3, problem_id);
  rc = _rct_store_step (store, stmt, error);
  linked = rc == RCT_ROW ? rct_stmt_column_int64 (stmt, 0) : -1;
  rct_stmt_reset (stmt);
  if (linked < 0)
    return FALSE;
  if (linked > 0)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The finding or the problem is already linked; a finding is one problem."));
      return FALSE;
    }
  if (!_rct_store_write_begin (store, error))
    return FALSE;
  if (!link_finding (store, visit, finding, problem_id, error))
    {
      _rct_store_write_end (store, FALSE, NULL);
      return FALSE;
    }
  _rct_store_mark_changed (store, RCT_KIND_VISIT);
  return _rct_store_write_end (store, TRUE, error);
}

/**
 * rct_store_register_finding:
 * @finding: which line of the visit's findings, from 1
 * @problem_values: (element-type utf8 utf8): the new problem's fields, as
 *   rct_store_create() takes them; the description defaults to the
 *   finding, the source to an inspection by the office, the found date to
 *   the visit's date and the unit to the visit's only unit
 * @out_problem_id: (out) (optional):
 *
 * Registers a finding of a visit as a problem of the ledger and links it
 * to the visit, in one transaction: both are written, or neither. A
 * finding becomes one problem only.
 */
gboolean
rct_store_register_finding (RctStore    *store,
                            gint64       visit_id,
                            guint        finding,
                            GHashTable  *problem_values,
                            gint64      *out_problem_id,
                            GError     **error)
{
  g_autoptr(RctVisit) visit = NULL;
  g_auto(GStrv) findings = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) units = NULL;
  gint64 problem_id = 0, existing;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  visit = get_visit_with_finding (store, visit_id, finding, &findings, error);
  if (visit == NULL)
    return FALSE;
  existing = rct_store_finding_problem (store, visit_id, finding, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      g_autoptr(RctProblem) registered = rct_store_get (store, RCT_KIND_PROBLEM, existing, NULL);

      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("This finding is already problem %s; it is registered once."),
                   registered != NULL ? registered->number : "?");
      return FALSE;
    }

  units = g_strsplit (visit->units != NULL ? visit->units : "", "、", -1);
  g_hash_table_insert (values, (gpointer) "description", findings[finding - 1]);
  g_hash_table_insert (values, (gpointer) "source", (gpointer) "office-inspection");
  g_hash_table_insert (values, (gpointer) "found_date", visit->date);
  if (g_strv_length (units) == 1)
    g_hash_table_insert (values, (gpointer) "unit", units[0]);
  if (problem_values != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, problem_values);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (values, key, value);
    }
  if (g_hash_table_lookup (values, "unit") == NULL && g_strv_length (units) > 1)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The visit went to several units; say which unit the problem belongs to."));
      return FALSE;
    }

  if (!_rct_store_write_begin (store, error))
    return FALSE;
  if (!rct_store_create (store, RCT_KIND_PROBLEM, values, &problem_id, error))
    goto fail;
  if (!link_finding (store, visit, finding, problem_id, error))
    goto fail;
  _rct_store_mark_changed (store, RCT_KIND_VISIT);
  if (!_rct_store_write_end (store, TRUE, error))
    return FALSE;
  if (out_problem_id != NULL)
    *out_problem_id = problem_id;
  return TRUE;

fail:
  _rct_store_write_end (store, FALSE, NULL);
  return FALSE;
}
