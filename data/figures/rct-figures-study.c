/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-figures"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-figures-study.h"
#include "rct-figures-private.h"

/* The study phase's figures, each defined once (see docs/FIGURES.md):
 *
 *   enrolment rate      officers in service enrolled in the course /
 *                       officers in service (报名率)
 *   required rate       enrolled officers in service whose required hours
 *                       reach the course's / enrolled (必修完成率)
 *   elective rate       the same for the elective hours (选修完成率)
 *   activity progress   entries done (published, held) / the target
 *
 * An officer who left is in none of them. An officer counts once however
 * many hours over the requirement he has. The officers still to chase are
 * listed per unit. The counts come from the lists themselves, so no figure
 * is ever typed in. */

static void
missing_free (gpointer data)
{
  RctMissingOfficer *missing = data;
  g_free (missing->name);
  g_free (missing->police_number);
  g_free (missing);
}

static void
unit_training_free (gpointer data)
{
  RctUnitTraining *unit = data;
  g_free (unit->name);
  g_clear_pointer (&unit->missing, g_ptr_array_unref);
  g_free (unit);
}

static void
series_figures_free (gpointer data)
{
  RctSeriesFigures *series = data;
  g_free (series->name);
  g_free (series->kind);
  g_free (series->start_date);
  g_free (series->end_date);
  g_free (series);
}

void
rct_study_figures_free (RctStudyFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->today);
  g_free (figures->course);
  g_clear_pointer (&figures->units, g_ptr_array_unref);
  g_clear_pointer (&figures->series, g_ptr_array_unref);
  g_free (figures);
}

static char *
dup_column (RctStmt *stmt,
            int      column)
{
  return g_strdup (rct_stmt_column_text (stmt, column));
}

/* What a course row and the officers' rows are read into. */
typedef struct
{
  RctStudyFigures *figures;
  gint64           course_id;
} Training;

static void
course_row (RctStmt *stmt,
            gpointer user_data)
{
  Training *training = user_data;

  training->course_id = rct_stmt_column_int64 (stmt, 0);
  training->figures->course = dup_column (stmt, 1);
  training->figures->required_hours = rct_stmt_column_int64 (stmt, 2);
  training->figures->elective_hours = rct_stmt_column_int64 (stmt, 3);
}

/* One officer in service, with his enrolment in the course if any; the
 * rows come unit by unit. */
static void
officer_row (RctStmt *stmt,
             gpointer user_data)
{
  RctStudyFigures *figures = user_data;
  const char *unit_name = rct_stmt_column_text (stmt, 0);
  gboolean enrolled = rct_stmt_column_int (stmt, 3) != 0;
  gint64 required = rct_stmt_column_int64 (stmt, 4);
  gint64 elective = rct_stmt_column_int64 (stmt, 5);
  gboolean required_done = enrolled && required >= figures->required_hours;
  gboolean elective_done = enrolled && elective >= figures->elective_hours;
  RctUnitTraining *unit = figures->units->len > 0 ? g_ptr_array_index (figures->units, figures->units->len - 1) : NULL;

  if (unit == NULL || g_strcmp0 (unit->name, unit_name) != 0)
    {
      unit = g_new0 (RctUnitTraining, 1);
      unit->name = g_strdup (unit_name);
      unit->missing = g_ptr_array_new_with_free_func (missing_free);
      g_ptr_array_add (figures->units, unit);
    }
  unit->roster++;
  unit->enrolled += enrolled;
  unit->required_done += required_done;
  unit->elective_done += elective_done;
  if (!enrolled || !required_done || !elective_done)
    {
      RctMissingOfficer *missing = g_new0 (RctMissingOfficer, 1);

      missing->name = dup_column (stmt, 1);
      missing->police_number = dup_column (stmt, 2);
      missing->gap = !enrolled ? RCT_TRAINING_NOT_ENROLLED
                     : !required_done ? RCT_TRAINING_REQUIRED_SHORT : RCT_TRAINING_ELECTIVE_SHORT;
      missing->required_done = required;
      missing->elective_done = elective;
      g_ptr_array_add (unit->missing, missing);
    }
}

static gboolean
compute_training (RctStore         *store,
                  RctStudyFigures  *figures,
                  const char       *course,
                  GError          **error)
{
  Training training = { figures, 0 };
  RctStmt *stmt;

  /* The course named, else the first one made. */
  stmt = _rct_store_prepare (store,
                             "SELECT id, name, required_hours, elective_hours FROM course"
                             " WHERE ?1 IS NULL OR name = ?1 ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, course);
  if (!_rct_figures_each_row (store, stmt, course_row, &training, error))
    return FALSE;
  if (course != NULL && training.course_id == 0)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                   _("There is no course named “%s”."), course);
      return FALSE;
    }

  stmt = _rct_store_prepare (store,
                             "SELECT u.name, o.name, o.police_number, e.id IS NOT NULL,"
                             " coalesce (e.required_done, 0), coalesce (e.elective_done, 0)"
                             " FROM officer o JOIN unit u ON u.id = o.unit_id"
                             " LEFT JOIN enrolment e ON e.officer_id = o.id AND e.course_id = ?1"
                             " WHERE o.in_service = 1 ORDER BY u.position, u.id, o.name, o.id", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_int64 (stmt, 1, training.course_id);
  if (!_rct_figures_each_row (store, stmt, officer_row, figures, error))
    return FALSE;

  for (guint i = 0; i < figures->units->len; i++)
    {
      RctUnitTraining *u = g_ptr_array_index (figures->units, i);
      figures->roster += u->roster;
      figures->enrolled += u->enrolled;
      figures->required_done += u->required_done;
      figures->elective_done += u->elective_done;
    }
  return TRUE;
}

/* One activity series with its entries done, and where it stands as of
 * the figures' today. */
static void
series_row (RctStmt *stmt,
            gpointer user_data)
{
  RctStudyFigures *figures = user_data;
  RctSeriesFigures *series = g_new0 (RctSeriesFigures, 1);

  series->name = dup_column (stmt, 0);
  series->kind = dup_column (stmt, 1);
  series->start_date = dup_column (stmt, 2);
  series->end_date = dup_column (stmt, 3);
  series->target = rct_stmt_column_int64 (stmt, 4);
  series->done = rct_stmt_column_int64 (stmt, 5);

  /* What the period's days so far call for: the target spread evenly
   * over the period, start and end days included. */
  series->expected = series->target;
  if (series->start_date != NULL && series->end_date != NULL)
    {
      gint64 days = rct_date_days_between (series->start_date, series->end_date) + 1;
      gint64 elapsed = rct_date_days_between (series->start_date, figures->today) + 1;

      elapsed = CLAMP (elapsed, 0, MAX (days, 1));
      if (days > 0)
        series->expected = (series->target * elapsed) / days;
    }
  else if (series->start_date == NULL || g_strcmp0 (figures->today, series->start_date) < 0)
    series->expected = 0;

  if (series->done >= series->target)
    series->state = RCT_SERIES_COMPLETE;
  else if (series->end_date != NULL && g_strcmp0 (series->end_date, figures->today) < 0)
    series->state = RCT_SERIES_OVERDUE;
  else if (series->done < series->expected)
    series->state = RCT_SERIES_BEHIND;
  else
    series->state = RCT_SERIES_ON_TRACK;
  g_ptr_array_add (figures->series, series);
}

static gboolean
compute_series (RctStore         *store,
                RctStudyFigures  *figures,
                GError          **error)
{
  RctStmt *stmt = _rct_store_prepare (store,
                                      "SELECT t.name, t.kind, t.start_date, t.end_date, t.target,"
                                      " (SELECT count(*) FROM activity_entry e"
                                      "   WHERE e.series_id = t.id AND e.done = 1)"
                                      " FROM activity_series t ORDER BY t.id", error);

  return stmt != NULL && _rct_figures_each_row (store, stmt, series_row, figures, error);
}

/**
 * rct_study_figures_compute:
 * @course: (nullable): the course the training rates are about; %NULL for
 *   the ledger's first course
 *
 * Returns: (transfer full) (nullable): the study figures as of
 *   rct_clock_today()
 */
RctStudyFigures *
rct_study_figures_compute (RctStore    *store,
                           const char  *course,
                           GError     **error)
{
  g_autoptr(RctStudyFigures) figures = g_new0 (RctStudyFigures, 1);

  g_return_val_if_fail (RCT_IS_STORE (store), NULL);

  figures->today = rct_clock_today ();
  figures->units = g_ptr_array_new_with_free_func (unit_training_free);
  figures->series = g_ptr_array_new_with_free_func (series_figures_free);
  /* Training and activities as of one moment. */
  if (!rct_store_read_begin (store, error))
    return NULL;
  if (!compute_training (store, figures, course, error) ||
      !compute_series (store, figures, error))
    g_clear_pointer (&figures, rct_study_figures_free);
  rct_store_read_end (store);
  return g_steal_pointer (&figures);
}

double
rct_study_figures_enrolment_rate (const RctStudyFigures *figures)
{
  return rct_figures_rate (figures->enrolled, figures->roster);
}

double
rct_study_figures_required_rate (const RctStudyFigures *figures)
{
  return rct_figures_rate (figures->required_done, figures->enrolled);
}

double
rct_study_figures_elective_rate (const RctStudyFigures *figures)
{
  return rct_figures_rate (figures->elective_done, figures->enrolled);
}

double
rct_series_figures_progress (const RctSeriesFigures *series)
{
  return rct_figures_rate (series->done, series->target);
}

gint64
rct_study_figures_missing_count (const RctStudyFigures *figures)
{
  gint64 n = 0;

  for (guint i = 0; i < figures->units->len; i++)
    n += ((RctUnitTraining *) g_ptr_array_index (figures->units, i))->missing->len;
  return n;
}
