/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-supervision"

#include "config.h"

#include "rct-dialect.h"
#include "rct-store-private.h"
#include "rct-supervision.h"
#include "rct-vocabulary.h"

/* The figures of supervision: what the office's accountability records
 * and inspection visits add up to. Apart from the visits' findings
 * (rct-supervision.c) and with no GIO or JSON library, as `rectify-cli
 * stats` prints them without loading either (docs/PERFORMANCE.md). */

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
 * units' names as a JSON array), each NULL when unbounded (an empty date
 * does not limit, as for every figure). */
static void
bind_scope (RctStmt   *stmt,
            const RctScope *scope,
            const char     *units_json)
{
  rct_stmt_bind_text (stmt, 1, scope != NULL && scope->from != NULL && *scope->from ? scope->from : NULL);
  rct_stmt_bind_text (stmt, 2, scope != NULL && scope->to != NULL && *scope->to ? scope->to : NULL);
  rct_stmt_bind_text (stmt, 3, units_json);
}

/* The units of @scope as a JSON array for json_each (), made by the
 * backend's own JSON functions (rct-dialect.h); *@units_json is NULL for
 * every unit. */
static gboolean
units_as_json (RctStore        *store,
               const RctScope  *scope,
               char           **units_json,
               GError         **error)
{
  g_autofree char *array = NULL;
  RctStmt *stmt;

  *units_json = NULL;
  if (scope == NULL || scope->units == NULL || scope->units[0] == NULL)
    return TRUE;
  stmt = _rct_store_prepare (store, _rct_store_dialect (store, RCT_DIALECT_JSON_APPEND), error);
  if (stmt == NULL)
    return FALSE;
  array = g_strdup ("[]");
  for (guint i = 0; scope->units[i] != NULL; i++)
    {
      gboolean ok;

      rct_stmt_bind_text (stmt, 1, array);
      rct_stmt_bind_text (stmt, 2, scope->units[i]);
      ok = _rct_store_step (store, stmt, error) == RCT_ROW;
      if (ok)
        {
          g_free (array);
          array = g_strdup ((const char *) rct_stmt_column_text (stmt, 0));
        }
      rct_stmt_reset (stmt);
      if (!ok)
        return FALSE;
    }
  *units_json = g_steal_pointer (&array);
  return TRUE;
}

/* The records of a scope, as the report carries them: an accountability
 * record dated in the period, of a unit in scope; a visit dated in the
 * period that went to a unit in scope. */
#define IN_PERIOD(t) " (?1 IS NULL OR " t ".date >= ?1) AND (?2 IS NULL OR " t ".date <= ?2)"
#define UNIT_IN_SCOPE(id) " (?3 IS NULL OR " id " IN (SELECT id FROM unit WHERE name IN (SELECT value FROM json_each (?3))))"
#define SCOPED_ACCOUNTABILITY "SELECT * FROM accountability a WHERE" IN_PERIOD ("a") " AND" UNIT_IN_SCOPE ("a.unit_id")
#define SCOPED_VISIT "SELECT * FROM visit v WHERE" IN_PERIOD ("v") " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM visit_unit l" \
  " WHERE l.visit_id = v.id AND" UNIT_IN_SCOPE ("l.unit_id") "))"

/* @sql prepared, with the bounds of @scope bound unless @whole (a query
 * of the whole ledger has none). */
static RctStmt *
prepare_counts (RctStore        *store,
                const char      *sql,
                gboolean         whole,
                const RctScope  *scope,
                const char      *units_json,
                GError         **error)
{
  RctStmt *stmt = _rct_store_prepare (store, sql, error);

  if (stmt != NULL && !whole)
    bind_scope (stmt, scope, units_json);
  return stmt;
}

static gint64
count_one (RctStore       *store,
           const char     *sql,
           const RctScope *scope,
           const char     *units_json,
           GError        **error)
{
  RctStmt *stmt = prepare_counts (store, sql, FALSE, scope, units_json, error);
  gint64 value = -1;

  if (stmt == NULL)
    return -1;
  if (_rct_store_step (store, stmt, error) == RCT_ROW)
    value = rct_stmt_column_int64 (stmt, 0);
  rct_stmt_reset (stmt);
  return value;
}

/* The rows of @stmt, a key and its count each, into @counts. */
static gboolean
collect_counts (RctStore   *store,
                RctStmt    *stmt,
                GPtrArray  *counts,
                GError    **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      RctSupervisionCount *count = g_new0 (RctSupervisionCount, 1);

      count->key = g_strdup ((const char *) rct_stmt_column_text (stmt, 0));
      count->count = rct_stmt_column_int64 (stmt, 1);
      g_ptr_array_add (counts, count);
    }
  rct_stmt_reset (stmt);
  return rc == RCT_DONE;
}

/* The counts of the whole ledger in one statement: those of the scoped
 * queries below with no bound, without their conditions on the bounds
 * and the JSON table of the units (json_each), which made preparing them
 * most of the time supervision took in `rectify-cli stats`
 * (docs/PERFORMANCE.md). /supervision/figures/whole-ledger-as-scoped
 * compares the two. */
static gboolean
count_whole_ledger (RctStore               *store,
                    RctSupervisionFigures  *figures,
                    GError                **error)
{
  RctStmt *stmt = _rct_store_prepare (store,
                                      "SELECT (SELECT count(*) FROM accountability), (SELECT count(*) FROM visit),"
                                      " (SELECT count(DISTINCT l.unit_id) FROM visit_unit l JOIN unit u"
                                      "   ON u.id = l.unit_id WHERE u.active = 1"
                                      "   AND l.visit_id IN (SELECT id FROM visit)),"
                                      " (SELECT count(*) FROM unit WHERE active = 1),"
                                      " (SELECT count(*) FROM visit_problem WHERE visit_id IN (SELECT id FROM visit))",
                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = _rct_store_step (store, stmt, error);
  if (rc == RCT_ROW)
    {
      figures->accountability_total = rct_stmt_column_int64 (stmt, 0);
      figures->visits = rct_stmt_column_int64 (stmt, 1);
      figures->units_covered = rct_stmt_column_int64 (stmt, 2);
      figures->units_active = rct_stmt_column_int64 (stmt, 3);
      figures->problems_found = rct_stmt_column_int64 (stmt, 4);
    }
  rct_stmt_reset (stmt);
  if (rc == RCT_DONE)
    _rct_store_set_no_row_error (store, error);
  return rc == RCT_ROW;
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
  g_autofree char *units_json = NULL;
  struct { const char *sql; gint64 *value; } counts[] = {
    { "SELECT count(*) FROM (" SCOPED_ACCOUNTABILITY ") s", &figures->accountability_total },
    { "SELECT count(*) FROM (" SCOPED_VISIT ") s", &figures->visits },
    { "SELECT count(DISTINCT l.unit_id) FROM visit_unit l JOIN unit u ON u.id = l.unit_id"
      " WHERE u.active = 1 AND l.visit_id IN (SELECT id FROM (" SCOPED_VISIT ") s) AND" UNIT_IN_SCOPE ("u.id"),
      &figures->units_covered },
    { "SELECT count(*) FROM unit u WHERE active = 1 AND (?1 IS NULL OR TRUE) AND (?2 IS NULL OR TRUE) AND"
      UNIT_IN_SCOPE ("u.id"), &figures->units_active },
    { "SELECT count(*) FROM visit_problem WHERE visit_id IN (SELECT id FROM (" SCOPED_VISIT ") s)",
      &figures->problems_found },
  };

  gboolean whole = rct_scope_is_everything (scope);
  gboolean ok = TRUE;

  g_return_val_if_fail (RCT_IS_STORE (store), NULL);

  if (!units_as_json (store, scope, &units_json, error))
    return NULL;
  figures->accountability_by_kind = g_ptr_array_new_with_free_func (count_free);
  figures->accountability_by_unit = g_ptr_array_new_with_free_func (count_free);
  /* Every count as of one moment. */
  if (!rct_store_read_begin (store, error))
    return NULL;
  if (whole)
    ok = count_whole_ledger (store, figures, error);
  for (guint i = 0; !whole && ok && i < G_N_ELEMENTS (counts); i++)
    ok = (*counts[i].value = count_one (store, counts[i].sql, scope, units_json, error)) >= 0;
  ok = ok &&
       collect_counts (store, prepare_counts (store, whole ? "SELECT kind, count(*) FROM accountability GROUP BY kind"
                                                           : "SELECT kind, count(*) FROM (" SCOPED_ACCOUNTABILITY ") s"
                                                             " GROUP BY kind",
                                              whole, scope, units_json, error),
                       figures->accountability_by_kind, error) &&
       collect_counts (store, prepare_counts (store, whole ? "SELECT u.name, count(*) FROM accountability a"
                                                             " JOIN unit u ON u.id = a.unit_id"
                                                             " GROUP BY u.id ORDER BY u.position, u.id"
                                                           : "SELECT u.name, count(*) FROM (" SCOPED_ACCOUNTABILITY ") a"
                                                             " JOIN unit u ON u.id = a.unit_id"
                                                             " GROUP BY u.id ORDER BY u.position, u.id",
                                              whole, scope, units_json, error),
                       figures->accountability_by_unit, error);
  rct_store_read_end (store);
  if (!ok)
    return NULL;
  g_ptr_array_sort (figures->accountability_by_kind, compare_kinds);
  return g_steal_pointer (&figures);
}
