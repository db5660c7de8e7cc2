/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-figures"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-dialect.h"
#include "rct-figures.h"
#include "rct-figures-private.h"
#include "rct-vocabulary.h"

/* The figures the office reports, each defined once:
 *
 *   closing rate        closed / all problems in scope
 *   on-time rate        closed on or before their deadline / closed
 *   overdue             not closed, deadline before today
 *   due soon            not closed, deadline today or within 3 days
 *   average days        mean of (closed date − found date) over closed
 *   task completion     done tasks / tasks
 *   prescribed, self-chosen  tasks of that kind (规定动作, 自选动作), and
 *                       those done
 *   reply rate          feedback replied / feedback received
 *   satisfaction rate   replied feedback rated satisfied or basically
 *                       satisfied / replied feedback with a rating
 *
 * The window, `stats --json` and the report all read these. */

static void
unit_figures_free (gpointer data)
{
  RctUnitFigures *figures = data;
  g_free (figures->name);
  g_free (figures->head);
  g_free (figures);
}

static void
group_figures_free (gpointer data)
{
  RctGroupFigures *figures = data;
  g_free (figures->name);
  g_free (figures);
}

static void
source_figures_free (gpointer data)
{
  RctSourceFigures *figures = data;
  g_free (figures->key);
  g_free (figures);
}

void
rct_figures_free (RctFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->today);
  g_clear_pointer (&figures->units, g_ptr_array_unref);
  g_clear_pointer (&figures->groups, g_ptr_array_unref);
  g_clear_pointer (&figures->sources, g_ptr_array_unref);
  g_free (figures);
}

void
rct_scope_clear (RctScope *scope)
{
  g_clear_pointer (&scope->from, g_free);
  g_clear_pointer (&scope->to, g_free);
  g_clear_pointer (&scope->units, g_strfreev);
}

/**
 * rct_scope_is_everything:
 * @scope: (nullable): a scope
 *
 * Returns: whether @scope limits nothing: the whole ledger
 */
gboolean
rct_scope_is_everything (const RctScope *scope)
{
  return scope == NULL ||
    ((scope->from == NULL || *scope->from == '\0') &&
     (scope->to == NULL || *scope->to == '\0') &&
     (scope->units == NULL || scope->units[0] == NULL));
}

/**
 * rct_scope_check_units:
 * @scope: (nullable): the scope whose units are named
 *
 * Whether the ledger has a unit of each name of @scope, which matches units
 * by name; the figures of a unit it does not have would be all zero.
 *
 * Returns: %FALSE with RCT_STORE_ERROR_NOT_FOUND naming the first unit
 *   missing, or with the ledger's error when it could not be read
 */
gboolean
rct_scope_check_units (RctStore        *store,
                       const RctScope  *scope,
                       GError         **error)
{
  RctStmt *stmt;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  if (scope == NULL || scope->units == NULL)
    return TRUE;
  stmt = _rct_store_prepare (store, "SELECT 1 FROM unit WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; scope->units[i] != NULL; i++)
    {
      int rc;

      rct_stmt_bind_text (stmt, 1, scope->units[i]);
      rc = _rct_store_step (store, stmt, error);
      rct_stmt_reset (stmt);
      if (rc == RCT_DONE)
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                     _("There is no unit named “%s”; check the name or add the unit first."), scope->units[i]);
      if (rc != RCT_ROW)
        return FALSE;
    }
  return TRUE;
}

/* " AND <date_column> >= ? AND … AND t.unit_id IN (…)" for the scope. */
static void
append_scope (GString        *sql,
              GPtrArray      *binds,
              const RctScope *scope,
              const char     *date_column)
{
  if (scope == NULL)
    return;
  if (scope->from != NULL && *scope->from)
    {
      g_string_append_printf (sql, " AND %s >= ?", date_column);
      g_ptr_array_add (binds, scope->from);
    }
  if (scope->to != NULL && *scope->to)
    {
      g_string_append_printf (sql, " AND %s <= ?", date_column);
      g_ptr_array_add (binds, scope->to);
    }
  if (scope->units != NULL && scope->units[0] != NULL)
    {
      g_string_append (sql, " AND t.unit_id IN (SELECT id FROM unit WHERE name IN (");
      for (guint i = 0; scope->units[i] != NULL; i++)
        {
          g_string_append (sql, i > 0 ? ", ?" : "?");
          g_ptr_array_add (binds, scope->units[i]);
        }
      g_string_append (sql, "))");
    }
}

static RctStmt *
prepare_scoped (RctStore        *store,
                const char      *head,
                const RctScope  *scope,
                const char      *date_column,
                const char      *tail,
                const char      *today,
                const char      *soon,
                GError         **error)
{
  g_autoptr(GString) sql = g_string_new (head);
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();
  RctStmt *stmt;

  append_scope (sql, binds, scope, date_column);
  if (tail != NULL)
    g_string_append (sql, tail);
  stmt = _rct_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  /* ?1 and ?2 are today and today + 3 days in every query here. */
  rct_stmt_bind_text (stmt, 1, today);
  rct_stmt_bind_text (stmt, 2, soon);
  for (guint i = 0; i < binds->len; i++)
    rct_stmt_bind_text (stmt, i + 3, g_ptr_array_index (binds, i));
  return stmt;
}

/* Whether the steps of a query ended as they should: with its one row, or
 * at the end of its rows. A query that failed, or an aggregate that gave
 * no row, is an error: figures are never made of zeros it did not count. */
static gboolean
ended_as (RctStore  *store,
          int        rc,
          int        expected,
          GError   **error)
{
  if (rc == expected)
    return TRUE;
  if (rc == RCT_DONE)
    _rct_store_set_no_row_error (store, error);
  return FALSE;
}

/**
 * _rct_figures_each_row:
 *
 * Hands every row of @stmt to @row, the figures' one loop over a query's
 * rows (the ledger's figures and the study phase's alike); @stmt is reset
 * after.
 *
 * Returns: %FALSE with @error set when a step failed
 */
gboolean
_rct_figures_each_row (RctStore           *store,
                       RctStmt            *stmt,
                       RctFiguresRowFunc   row,
                       gpointer            user_data,
                       GError            **error)
{
  int rc;

  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    row (stmt, user_data);
  rct_stmt_reset (stmt);
  return ended_as (store, rc, RCT_DONE, error);
}

/**
 * _rct_figures_one_row:
 *
 * Hands the one row of an aggregate query to @row; @stmt is reset after.
 *
 * Returns: %FALSE with @error set when the step failed or gave no row
 */
gboolean
_rct_figures_one_row (RctStore           *store,
                      RctStmt            *stmt,
                      RctFiguresRowFunc   row,
                      gpointer            user_data,
                      GError            **error)
{
  int rc = _rct_store_step (store, stmt, error);

  if (rc == RCT_ROW)
    row (stmt, user_data);
  rct_stmt_reset (stmt);
  return ended_as (store, rc, RCT_ROW, error);
}

/* The rows of the counting queries of rct_figures_compute_scan(), in its
 * order; @user_data is the RctFigures. */
static void
scan_problems_row (RctStmt *stmt,
                   gpointer user_data)
{
  RctFigures *figures = user_data;

  figures->problems_total = rct_stmt_column_int64 (stmt, 0);
  figures->registered = rct_stmt_column_int64 (stmt, 1);
  figures->rectifying = rct_stmt_column_int64 (stmt, 2);
  figures->awaiting_verification = rct_stmt_column_int64 (stmt, 3);
  figures->closed = rct_stmt_column_int64 (stmt, 4);
  figures->closed_on_time = rct_stmt_column_int64 (stmt, 5);
  figures->overdue = rct_stmt_column_int64 (stmt, 6);
  figures->due_soon = rct_stmt_column_int64 (stmt, 7);
  figures->days_to_close_sum = rct_stmt_column_int64 (stmt, 8);
  figures->listed_open = rct_stmt_column_int64 (stmt, 9);
  figures->severity_normal = rct_stmt_column_int64 (stmt, 10);
  figures->severity_serious = rct_stmt_column_int64 (stmt, 11);
  figures->severity_grave = rct_stmt_column_int64 (stmt, 12);
}

static void
scan_unit_row (RctStmt *stmt,
               gpointer user_data)
{
  RctFigures *figures = user_data;
  RctUnitFigures *unit = g_new0 (RctUnitFigures, 1);

  unit->name = g_strdup (rct_stmt_column_text (stmt, 0));
  unit->total = rct_stmt_column_int64 (stmt, 1);
  unit->closed = rct_stmt_column_int64 (stmt, 2);
  unit->overdue = rct_stmt_column_int64 (stmt, 3);
  unit->head = g_strdup (rct_stmt_column_text (stmt, 4));
  g_ptr_array_add (figures->units, unit);
}

static void
scan_source_row (RctStmt *stmt,
                 gpointer user_data)
{
  RctFigures *figures = user_data;
  const char *key = rct_stmt_column_text (stmt, 0);

  for (guint i = 0; i < figures->sources->len; i++)
    {
      RctSourceFigures *source = g_ptr_array_index (figures->sources, i);
      if (g_strcmp0 (source->key, key) == 0)
        {
          source->total = rct_stmt_column_int64 (stmt, 1);
          source->closed = rct_stmt_column_int64 (stmt, 2);
        }
    }
}

static void
scan_tasks_row (RctStmt *stmt,
                gpointer user_data)
{
  RctFigures *figures = user_data;

  figures->tasks_total = rct_stmt_column_int64 (stmt, 0);
  figures->tasks_done = rct_stmt_column_int64 (stmt, 1);
  figures->tasks_prescribed = rct_stmt_column_int64 (stmt, 2);
  figures->tasks_prescribed_done = rct_stmt_column_int64 (stmt, 3);
  figures->tasks_self_chosen = rct_stmt_column_int64 (stmt, 4);
  figures->tasks_self_chosen_done = rct_stmt_column_int64 (stmt, 5);
}

static void
scan_group_row (RctStmt *stmt,
                gpointer user_data)
{
  RctFigures *figures = user_data;
  RctGroupFigures *group = g_new0 (RctGroupFigures, 1);

  group->name = g_strdup (rct_stmt_column_text (stmt, 0));
  group->tasks = rct_stmt_column_int64 (stmt, 1);
  group->done = rct_stmt_column_int64 (stmt, 2);
  g_ptr_array_add (figures->groups, group);
}

static void
scan_feedback_row (RctStmt *stmt,
                   gpointer user_data)
{
  RctFigures *figures = user_data;

  figures->feedback_total = rct_stmt_column_int64 (stmt, 0);
  figures->feedback_replied = rct_stmt_column_int64 (stmt, 1);
  figures->feedback_overdue = rct_stmt_column_int64 (stmt, 2);
  figures->feedback_rated = rct_stmt_column_int64 (stmt, 3);
  figures->feedback_satisfied = rct_stmt_column_int64 (stmt, 4);
}

/* Tasks, working groups and feedback of @scope, counted from their rows:
 * a campaign has tens of tasks and a ledger thousands of feedback. */
static gboolean
scan_tasks_and_feedback (RctStore        *store,
                         const RctScope  *scope,
                         RctFigures      *figures,
                         const char      *soon,
                         GError         **error)
{
  RctStmt *stmt;

  /* Tasks, by deadline in the period. */
  stmt = prepare_scoped (store,
                         "SELECT count(*), count(*) FILTER (WHERE t.status = 'done'),"
                         " count(*) FILTER (WHERE t.kind = 'prescribed'),"
                         " count(*) FILTER (WHERE t.kind = 'prescribed' AND t.status = 'done'),"
                         " count(*) FILTER (WHERE t.kind = 'self-chosen'),"
                         " count(*) FILTER (WHERE t.kind = 'self-chosen' AND t.status = 'done') FROM task t"
                         " WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL", scope, "t.deadline", NULL,
                         figures->today, soon, error);
  if (stmt == NULL || !_rct_figures_one_row (store, stmt, scan_tasks_row, figures, error))
    return FALSE;

  stmt = prepare_scoped (store,
                         "SELECT g.name, count(t.id), count(*) FILTER (WHERE t.status = 'done')"
                         " FROM working_group g LEFT JOIN task t ON t.group_id = g.id AND ?1 IS NOT NULL"
                         " AND ?2 IS NOT NULL", scope, "t.deadline",
                         " GROUP BY g.id ORDER BY g.position, g.id", figures->today, soon, error);
  if (stmt == NULL || !_rct_figures_each_row (store, stmt, scan_group_row, figures, error))
    return FALSE;

  /* Feedback, by date received. */
  stmt = prepare_scoped (store,
                         "SELECT count(*),"
                         " count(*) FILTER (WHERE t.reply_date IS NOT NULL),"
                         " count(*) FILTER (WHERE t.reply_date IS NULL AND t.reply_due < ?1),"
                         " count(*) FILTER (WHERE t.reply_date IS NOT NULL AND t.satisfaction IS NOT NULL),"
                         " count(*) FILTER (WHERE t.reply_date IS NOT NULL AND t.satisfaction IN"
                         "   ('satisfied', 'basically-satisfied'))"
                         " FROM feedback t WHERE ?2 IS NOT NULL", scope, "t.received_date", NULL,
                         figures->today, soon, error);
  if (stmt == NULL || !_rct_figures_one_row (store, stmt, scan_feedback_row, figures, error))
    return FALSE;
  return TRUE;
}

/**
 * rct_figures_compute_scan:
 * @scope: (nullable): period and units; %NULL for the whole ledger
 *
 * The figures counted from the records themselves: the reference the
 * running totals are tested against, and the way to a figure limited to a
 * period or to some units.
 *
 * Returns: (transfer full): the counts behind every figure, for @scope,
 *   as of rct_clock_today()
 */
static RctFigures *scan_figures (RctStore        *store,
                                 const RctScope  *scope,
                                 GError         **error);

RctFigures *
rct_figures_compute_scan (RctStore        *store,
                          const RctScope  *scope,
                          GError         **error)
{
  RctFigures *figures;

  g_return_val_if_fail (RCT_IS_STORE (store), NULL);

  /* Every count as of one moment. */
  if (!rct_store_read_begin (store, error))
    return NULL;
  figures = scan_figures (store, scope, error);
  rct_store_read_end (store);
  return figures;
}

static RctFigures *
scan_figures (RctStore        *store,
              const RctScope  *scope,
              GError         **error)
{
  g_autoptr(RctFigures) figures = g_new0 (RctFigures, 1);
  g_autofree char *soon = NULL;
  g_autofree char *problems_sql = NULL;
  RctStmt *stmt;
  guint n_sources;
  const RctVocabularyEntry *sources;

  figures->today = rct_clock_today ();
  soon = rct_date_add_days (figures->today, RCT_DUE_SOON_DAYS);
  figures->units = g_ptr_array_new_with_free_func (unit_figures_free);
  figures->groups = g_ptr_array_new_with_free_func (group_figures_free);
  figures->sources = g_ptr_array_new_with_free_func (source_figures_free);

  /* Problems. */
  problems_sql = g_strconcat ("SELECT count(*),"
                              " count(*) FILTER (WHERE t.status = 'registered'),"
                              " count(*) FILTER (WHERE t.status = 'rectifying'),"
                              " count(*) FILTER (WHERE t.status = 'awaiting-verification'),"
                              " count(*) FILTER (WHERE t.status = 'closed'),"
                              " count(*) FILTER (WHERE t.status = 'closed' AND t.closed_date <= t.deadline),"
                              " count(*) FILTER (WHERE t.status <> 'closed' AND t.deadline < ?1),"
                              " count(*) FILTER (WHERE t.status <> 'closed' AND t.deadline BETWEEN ?1 AND ?2),"
                              " coalesce (sum (CASE WHEN t.status = 'closed' THEN"
                              " ", _rct_store_dialect (store, RCT_DIALECT_DAYS_TO_CLOSE), " END), 0),"
                              " count(*) FILTER (WHERE t.listed_date IS NOT NULL AND t.listed_lifted IS NULL),"
                              " count(*) FILTER (WHERE t.severity = 'normal'),"
                              " count(*) FILTER (WHERE t.severity = 'serious'),"
                              " count(*) FILTER (WHERE t.severity = 'grave')"
                              " FROM problem t WHERE TRUE", NULL);
  stmt = prepare_scoped (store, problems_sql, scope, "t.found_date", NULL,
                         figures->today, soon, error);
  if (stmt == NULL || !_rct_figures_one_row (store, stmt, scan_problems_row, figures, error))
    return NULL;

  /* Problems per unit: every unit in scope, also those with none. Counted
   * in one pass over the period (the covering index problem_scope) and
   * joined to the units after; a join per unit read the period once per
   * unit. */
  stmt = prepare_scoped (store,
                         "SELECT u.name, coalesce (p.n, 0), coalesce (p.closed, 0), coalesce (p.overdue, 0), u.head"
                         " FROM unit u LEFT JOIN (SELECT t.unit_id, count(*) AS n,"
                         "   count(*) FILTER (WHERE t.status = 'closed') AS closed,"
                         "   count(*) FILTER (WHERE t.status <> 'closed' AND t.deadline < ?1) AS overdue"
                         "   FROM problem t WHERE ?2 IS NOT NULL", scope, "t.found_date",
                         "   GROUP BY t.unit_id) p ON p.unit_id = u.id"
                         " ORDER BY u.position, u.id", figures->today, soon, error);
  if (stmt == NULL || !_rct_figures_each_row (store, stmt, scan_unit_row, figures, error))
    return NULL;
  if (scope != NULL && scope->units != NULL && scope->units[0] != NULL)
    {
      /* The unit rows themselves are limited to the scope as well. */
      for (guint i = figures->units->len; i > 0; i--)
        {
          RctUnitFigures *unit = g_ptr_array_index (figures->units, i - 1);
          if (!g_strv_contains ((const char * const *) scope->units, unit->name))
            g_ptr_array_remove_index (figures->units, i - 1);
        }
    }

  /* Problems per source. */
  sources = rct_vocabulary_entries (RCT_VOCAB_PROBLEM_SOURCE, &n_sources);
  for (guint i = 0; i < n_sources; i++)
    {
      RctSourceFigures *source = g_new0 (RctSourceFigures, 1);
      source->key = g_strdup (sources[i].key);
      g_ptr_array_add (figures->sources, source);
    }
  /* "+t.source": grouped from the covering index of the period, not
   * walked in source order through problem_source_found, which reads
   * every row of the table it finds. */
  {
    g_autofree char *group_by = g_strconcat (" GROUP BY ", _rct_store_dialect (store, RCT_DIALECT_NO_INDEX),
                                             "t.source", NULL);

    stmt = prepare_scoped (store,
                           "SELECT t.source, count(*), count(*) FILTER (WHERE t.status = 'closed')"
                           " FROM problem t WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL", scope, "t.found_date",
                           group_by, figures->today, soon, error);
  }
  if (stmt == NULL || !_rct_figures_each_row (store, stmt, scan_source_row, figures, error))
    return NULL;

  if (!scan_tasks_and_feedback (store, scope, figures, soon, error))
    return NULL;
  return g_steal_pointer (&figures);
}

/* The working groups' tasks from their running totals, and the kinds of
 * task from the tasks themselves: a campaign has tens of them. */
static gboolean
totals_of_tasks (RctStore    *store,
                 RctFigures  *figures,
                 GError     **error)
{
  RctStmt *stmt;
  int rc;

  stmt = _rct_store_prepare (store,
                             "SELECT g.name, coalesce (t.n, 0), coalesce (t.done, 0)"
                             " FROM working_group g LEFT JOIN total_task t ON t.group_id = g.id"
                             " ORDER BY g.position, g.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      RctGroupFigures *group = g_new0 (RctGroupFigures, 1);
      group->name = g_strdup (rct_stmt_column_text (stmt, 0));
      group->tasks = rct_stmt_column_int64 (stmt, 1);
      group->done = rct_stmt_column_int64 (stmt, 2);
      figures->tasks_total += group->tasks;
      figures->tasks_done += group->done;
      g_ptr_array_add (figures->groups, group);
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_DONE)
    return FALSE;

  /* Prescribed and self-chosen actions: a campaign has tens of tasks, not
   * millions, so they are counted from the tasks themselves. */
  stmt = _rct_store_prepare (store,
                             "SELECT count(*) FILTER (WHERE kind = 'prescribed'),"
                             " count(*) FILTER (WHERE kind = 'prescribed' AND status = 'done'),"
                             " count(*) FILTER (WHERE kind = 'self-chosen'),"
                             " count(*) FILTER (WHERE kind = 'self-chosen' AND status = 'done') FROM task", error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      figures->tasks_prescribed = rct_stmt_column_int64 (stmt, 0);
      figures->tasks_prescribed_done = rct_stmt_column_int64 (stmt, 1);
      figures->tasks_self_chosen = rct_stmt_column_int64 (stmt, 2);
      figures->tasks_self_chosen_done = rct_stmt_column_int64 (stmt, 3);
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_ROW && rc != RCT_DONE)
    return FALSE;

  return TRUE;
}

/* A unit in scope of compute_from_totals(), by its id: the figures it
 * adds its running totals to. */
typedef struct
{
  gint64          id;
  RctUnitFigures *figures;
} UnitTotals;

/* " AND <column> IN (…)" with the names as ?1, ?2, …; "" for every unit.
 * "+unit_id" keeps SQLite from reading a unit's problems through
 * problem_unit where a smaller index (severity, open listings) serves. */
static char *
units_condition (const char * const *units,
                 const char         *column)
{
  GString *sql = g_string_new (NULL);

  if (units == NULL || units[0] == NULL)
    return g_string_free (sql, FALSE);
  g_string_append_printf (sql, " AND %s IN (SELECT id FROM unit WHERE name IN (", column);
  for (guint i = 0; units[i] != NULL; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append (sql, "))");
  return g_string_free (sql, FALSE);
}

static RctStmt *
prepare_for_units (RctStore            *store,
                   const char          *sql,
                   const char * const  *units,
                   GError             **error)
{
  RctStmt *stmt = _rct_store_prepare (store, sql, error);

  for (guint i = 0; stmt != NULL && units != NULL && units[i] != NULL; i++)
    rct_stmt_bind_text (stmt, i + 1, units[i]);
  return stmt;
}

/* The figures of the whole ledger, or of @units (the period being the
 * whole campaign's), from the running totals: their rows are per unit.
 * Tasks and feedback of some units are counted from their rows. */
static RctFigures *
compute_from_totals (RctStore            *store,
                     const char * const  *units,
                     GError             **error)
{
  g_autofree char *in_units_rows = units_condition (units, "+unit_id");
  g_autofree char *sql = NULL;
  g_autoptr(RctFigures) figures = g_new0 (RctFigures, 1);
  g_autoptr(GHashTable) unit_totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autofree char *soon = NULL;
  RctSourceFigures *source;
  RctStmt *stmt;
  guint n_sources;
  const RctVocabularyEntry *sources;
  double days = 0;
  int rc;

  figures->today = rct_clock_today ();
  soon = rct_date_add_days (figures->today, RCT_DUE_SOON_DAYS);
  figures->units = g_ptr_array_new_with_free_func (unit_figures_free);
  figures->groups = g_ptr_array_new_with_free_func (group_figures_free);
  figures->sources = g_ptr_array_new_with_free_func (source_figures_free);

  /* Every unit, also those with no problems. A unit's overdue problems
   * are its open problems (every one has a deadline, so each is in
   * total_open) less those due today or later, summed over a range of
   * deadline days of its own (the key of total_open): the days before
   * today grow with every day of the campaign (34,000 unit-days at a
   * million problems, 2 ms of the 8 of `rectify-cli stats` read them),
   * the days to come stay few. Its open problems come with the running
   * totals below. */
  stmt = _rct_store_prepare (store,
                             "SELECT u.id, u.name, u.head,"
                             " (SELECT coalesce (sum (n), 0) FROM total_open o WHERE o.unit_id = u.id"
                             "   AND o.deadline >= ?1),"
                             " (SELECT coalesce (sum (n), 0) FROM total_open o WHERE o.unit_id = u.id"
                             "   AND o.deadline BETWEEN ?1 AND ?2)"
                             " FROM unit u ORDER BY u.position, u.id", error);
  if (stmt == NULL)
    return NULL;
  rct_stmt_bind_text (stmt, 1, figures->today);
  rct_stmt_bind_text (stmt, 2, soon);
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      gint64 id = rct_stmt_column_int64 (stmt, 0);
      UnitTotals *unit;

      if (units != NULL && units[0] != NULL &&
          !g_strv_contains (units, rct_stmt_column_text (stmt, 1)))
        continue;
      unit = g_new0 (UnitTotals, 1);
      unit->id = id;
      unit->figures = g_new0 (RctUnitFigures, 1);
      unit->figures->name = g_strdup (rct_stmt_column_text (stmt, 1));
      unit->figures->head = g_strdup (rct_stmt_column_text (stmt, 2));
      /* Less the open ones, added to it below. */
      unit->figures->overdue = -rct_stmt_column_int64 (stmt, 3);
      figures->due_soon += rct_stmt_column_int64 (stmt, 4);
      g_ptr_array_add (figures->units, unit->figures);
      g_hash_table_insert (unit_totals, &unit->id, unit);
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_DONE)
    return NULL;

  sources = rct_vocabulary_entries (RCT_VOCAB_PROBLEM_SOURCE, &n_sources);
  for (guint i = 0; i < n_sources; i++)
    {
      RctSourceFigures *source = g_new0 (RctSourceFigures, 1);
      source->key = g_strdup (sources[i].key);
      g_ptr_array_add (figures->sources, source);
    }

  /* The running totals of problems, one row per unit, source and status
   * (a few hundred at most), each read once and added up here: by status
   * for the ledger, by unit, by source. Summed by SQL, once per figure,
   * they were read four times over, most of the work of `rectify-cli
   * stats` after opening the ledger. */
  stmt = _rct_store_prepare (store, "SELECT unit_id, source, status, n, on_time, days FROM total_problem", error);
  if (stmt == NULL)
    return NULL;
  source = NULL;
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      gint64 id = rct_stmt_column_int64 (stmt, 0);
      UnitTotals *unit = g_hash_table_lookup (unit_totals, &id);
      const char *key = rct_stmt_column_text (stmt, 1);
      const char *status = rct_stmt_column_text (stmt, 2);
      gboolean closed = g_strcmp0 (status, "closed") == 0;
      gint64 n = rct_stmt_column_int64 (stmt, 3);

      if (unit == NULL && units != NULL && units[0] != NULL)
        continue;
      figures->problems_total += n;
      if (closed)
        figures->closed += n;
      else if (g_strcmp0 (status, "registered") == 0)
        figures->registered += n;
      else if (g_strcmp0 (status, "rectifying") == 0)
        figures->rectifying += n;
      else if (g_strcmp0 (status, "awaiting-verification") == 0)
        figures->awaiting_verification += n;
      figures->closed_on_time += rct_stmt_column_int64 (stmt, 4);
      days += rct_stmt_column_double (stmt, 5);
      if (unit != NULL)
        {
          unit->figures->total += n;
          if (closed)
            unit->figures->closed += n;
          else
            unit->figures->overdue += n;
        }
      /* A unit's rows come by source: the last one found, else looked for. */
      for (guint i = 0; (source == NULL || g_strcmp0 (source->key, key) != 0) && i <= figures->sources->len; i++)
        source = i < figures->sources->len ? g_ptr_array_index (figures->sources, i) : NULL;
      if (source != NULL)
        {
          source->total += n;
          if (closed)
            source->closed += n;
        }
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_DONE)
    return NULL;
  /* As SQL read the sum of the days as a whole number. */
  figures->days_to_close_sum = (gint64) days;
  for (guint i = 0; i < figures->units->len; i++)
    figures->overdue += ((RctUnitFigures *) g_ptr_array_index (figures->units, i))->overdue;

  if (units == NULL || units[0] == NULL)
    {
      if (!totals_of_tasks (store, figures, error))
        return NULL;
    }
  else
    {
      RctScope scope = { .units = (GStrv) units };

      if (!scan_tasks_and_feedback (store, &scope, figures, soon, error))
        return NULL;
    }

  /* Open listings and the serious and grave problems are few: each is
   * counted from its own index (problem_listed_open, problem_severity),
   * and the ordinary ones are the rest. */
  g_free (sql);
  /* Named, since a ledger where no problem is serious yet (the statistics
   * then say every row has the same severity) would have SQLite read every
   * problem of the units instead. */
  {
    const char *listed = _rct_store_dialect (store, RCT_DIALECT_INDEXED_BY_LISTED_OPEN);
    const char *severity = _rct_store_dialect (store, RCT_DIALECT_INDEXED_BY_SEVERITY);

    sql = g_strconcat ("SELECT (SELECT count(*) FROM problem", listed,
                       "   WHERE listed_date IS NOT NULL AND listed_lifted IS NULL", in_units_rows, "),"
                       " (SELECT count(*) FROM problem", severity,
                       "   WHERE severity = 'serious'", in_units_rows, "),"
                       " (SELECT count(*) FROM problem", severity,
                       "   WHERE severity = 'grave'", in_units_rows, ")", NULL);
  }
  stmt = prepare_for_units (store, sql, units, error);
  if (stmt == NULL)
    return NULL;
  if ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      figures->listed_open = rct_stmt_column_int64 (stmt, 0);
      figures->severity_serious = rct_stmt_column_int64 (stmt, 1);
      figures->severity_grave = rct_stmt_column_int64 (stmt, 2);
      figures->severity_normal = figures->problems_total - figures->severity_serious - figures->severity_grave;
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_ROW)
    return NULL;

  if ((units == NULL || units[0] == NULL) && !rct_figures_read_feedback (store, figures, error))
    return NULL;
  return g_steal_pointer (&figures);
}

/**
 * rct_figures_read_feedback:
 *
 * Fills the feedback counts of @figures (as of its today) from the running
 * totals: all a page needs that shows feedback and nothing else.
 */
gboolean
rct_figures_read_feedback (RctStore    *store,
                           RctFigures  *figures,
                           GError     **error)
{
  RctStmt *stmt;
  int rc;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);
  g_return_val_if_fail (figures != NULL && figures->today != NULL, FALSE);

  stmt = _rct_store_prepare (store,
                             "SELECT coalesce (sum (n), 0), coalesce (sum (replied), 0), coalesce (sum (rated), 0),"
                             " coalesce (sum (satisfied), 0),"
                             " (SELECT coalesce (sum (n), 0) FROM total_feedback_due WHERE reply_due < ?1)"
                             " FROM total_feedback", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, figures->today);
  rc = _rct_store_step (store, stmt, error);
  if (rc == RCT_ROW)
    {
      figures->feedback_total = rct_stmt_column_int64 (stmt, 0);
      figures->feedback_replied = rct_stmt_column_int64 (stmt, 1);
      figures->feedback_rated = rct_stmt_column_int64 (stmt, 2);
      figures->feedback_satisfied = rct_stmt_column_int64 (stmt, 3);
      figures->feedback_overdue = rct_stmt_column_int64 (stmt, 4);
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_ROW && rc != RCT_DONE)
    return FALSE;
  return TRUE;
}

/**
 * rct_figures_compute:
 * @scope: (nullable): period and units; %NULL for the whole ledger
 *
 * The figures of the whole ledger are read from its running totals (a few
 * hundred rows at most, whatever its size); a figure limited to a period or
 * to some units counts the records with their indexes.
 *
 * Returns: (transfer full): the counts behind every figure, for @scope,
 *   as of rct_clock_today()
 */
RctFigures *
rct_figures_compute (RctStore        *store,
                     const RctScope  *scope,
                     GError         **error)
{
  const char * const *units;
  RctFigures *figures;

  g_return_val_if_fail (RCT_IS_STORE (store), NULL);

  if (rct_store_get_schema_version (store) < RCT_SCHEMA_TOTALS_VERSION)
    return rct_figures_compute_scan (store, scope, error);
  if (rct_scope_is_everything (scope))
    units = NULL;
  /* Some units over the whole campaign: the totals are per unit. */
  else if ((scope->from == NULL || *scope->from == '\0') && (scope->to == NULL || *scope->to == '\0'))
    units = (const char * const *) scope->units;
  else
    return rct_figures_compute_scan (store, scope, error);

  /* Every total as of one moment: a problem closed meanwhile by another
   * connection is in all of them or in none. */
  if (!rct_store_read_begin (store, error))
    return NULL;
  figures = compute_from_totals (store, units, error);
  rct_store_read_end (store);
  return figures;
}

/**
 * rct_figures_rate:
 *
 * Returns: @numerator / @denominator, or NAN when @denominator is 0 (shown
 *   as "—", written as null: never 0% or NaN%)
 */
double
rct_figures_rate (gint64 numerator,
                  gint64 denominator)
{
  if (denominator <= 0)
    return NAN;
  return (double) numerator / (double) denominator;
}

double
rct_figures_closing_rate (const RctFigures *figures)
{
  return rct_figures_rate (figures->closed, figures->problems_total);
}

double
rct_figures_on_time_rate (const RctFigures *figures)
{
  return rct_figures_rate (figures->closed_on_time, figures->closed);
}

double
rct_figures_avg_days_to_close (const RctFigures *figures)
{
  return rct_figures_rate (figures->days_to_close_sum, figures->closed);
}

double
rct_figures_task_completion (const RctFigures *figures)
{
  return rct_figures_rate (figures->tasks_done, figures->tasks_total);
}

double
rct_figures_reply_rate (const RctFigures *figures)
{
  return rct_figures_rate (figures->feedback_replied, figures->feedback_total);
}

double
rct_figures_satisfaction_rate (const RctFigures *figures)
{
  return rct_figures_rate (figures->feedback_satisfied, figures->feedback_rated);
}

/* @numerator × @scale / @denominator rounded to a whole number, half away
 * from zero, in integers: no binary fraction ever decides a tie (1/16 is
 * 62.5 tenths of a percent, and becomes 63). */
static gint64
round_ratio (gint64 numerator,
             gint64 scale,
             gint64 denominator)
{
  gboolean negative = (numerator < 0) != (denominator < 0);
  guint64 a = numerator < 0 ? -(guint64) numerator : (guint64) numerator;
  guint64 b = denominator < 0 ? -(guint64) denominator : (guint64) denominator;
  guint64 q;

  if (a > G_MAXUINT64 / (4 * (guint64) scale))
    q = (guint64) ((long double) a * scale / b + 0.5L);
  else
    q = (2 * a * scale + b) / (2 * b);
  return negative ? -(gint64) q : (gint64) q;
}

/* "54.5" from 545 tenths, "-0.3" from -3. */
static char *
tenths_text (gint64 tenths)
{
  guint64 magnitude = tenths < 0 ? -(guint64) tenths : (guint64) tenths;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%u", tenths < 0 ? "-" : "", magnitude / 10,
                          (guint) (magnitude % 10));
}

/**
 * rct_figures_format_ratio:
 *
 * The one rule for every rate shown anywhere (docs/FIGURES.md): a
 * percentage with one decimal, rounded half away from zero from the counts
 * themselves, never from a rounded fraction.
 *
 * Returns: (transfer full): "54.5%" for 6 of 11, or "—" when @denominator
 *   is 0
 */
char *
rct_figures_format_ratio (gint64 numerator,
                          gint64 denominator)
{
  g_autofree char *number = NULL;

  if (denominator <= 0)
    return g_strdup ("—");
  number = tenths_text (round_ratio (numerator, 1000, denominator));
  return g_strdup_printf ("%s%%", number);
}

/**
 * rct_figures_format_mean:
 *
 * The same rule for an average (days to close): one decimal, half away
 * from zero, from the sum and the count.
 *
 * Returns: (transfer full): "18.7", or "—" when @count is 0
 */
char *
rct_figures_format_mean (gint64 sum,
                         gint64 count)
{
  if (count <= 0)
    return g_strdup ("—");
  return tenths_text (round_ratio (sum, 10, count));
}

/**
 * rct_figures_format_rate:
 *
 * A rate known only as a fraction (a rate read from elsewhere) with the
 * same rule; where the counts are known, rct_figures_format_ratio() is
 * exact.
 *
 * Returns: (transfer full): "85.0%", or "—" when the rate is undefined
 */
char *
rct_figures_format_rate (double rate)
{
  g_autofree char *number = NULL;
  double millionths;

  if (isnan (rate))
    return g_strdup ("—");
  /* A fraction carries binary noise (0.0625 may be 0.06249999…): settle it
   * at a millionth of a tenth of a percent, then decide the tie in
   * integers. */
  millionths = rate * 1e9;
  number = tenths_text (round_ratio ((gint64) (millionths < 0 ? millionths - 0.5 : millionths + 0.5), 1, 1000000));
  return g_strdup_printf ("%s%%", number);
}
