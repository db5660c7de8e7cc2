/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-common.h"
#include "rct-cli-json.h"
#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-figures-study.h"
#include "rct-supervision.h"
#include "rct-vocabulary.h"

/* `rectify-cli stats`: the office's figures, from the running totals. The
 * program runs it itself, on GLib, GObject and SQLite alone, without its
 * commands' module (docs/PERFORMANCE.md): a script asking for the figures
 * of a million problems pays for them, not for loading GIO, the report's
 * libraries and the spreadsheets'. */

/* ---- JSON, as DESIGN.md lists its keys ---- */

static void
write_figures (RctCliJson       *json,
               const RctFigures *figures)
{
  rct_cli_json_string_member (json, "today", figures->today);

  rct_cli_json_member (json, "problems");
  rct_cli_json_begin_object (json);
  rct_cli_json_int_member (json, "total", figures->problems_total);
  rct_cli_json_int_member (json, "registered", figures->registered);
  rct_cli_json_int_member (json, "rectifying", figures->rectifying);
  rct_cli_json_int_member (json, "awaiting_verification", figures->awaiting_verification);
  rct_cli_json_int_member (json, "closed", figures->closed);
  rct_cli_json_int_member (json, "closed_on_time", figures->closed_on_time);
  rct_cli_json_int_member (json, "overdue", figures->overdue);
  rct_cli_json_int_member (json, "due_soon", figures->due_soon);
  rct_cli_json_int_member (json, "listed", figures->listed_open);
  rct_cli_json_member (json, "bySeverity");
  rct_cli_json_begin_object (json);
  rct_cli_json_int_member (json, "normal", figures->severity_normal);
  rct_cli_json_int_member (json, "serious", figures->severity_serious);
  rct_cli_json_int_member (json, "grave", figures->severity_grave);
  rct_cli_json_end_object (json);
  rct_cli_json_rate_member (json, "closing_rate", rct_figures_closing_rate (figures));
  rct_cli_json_rate_member (json, "on_time_rate", rct_figures_on_time_rate (figures));
  rct_cli_json_rate_member (json, "avg_days_to_close", rct_figures_avg_days_to_close (figures));
  rct_cli_json_end_object (json);

  rct_cli_json_member (json, "tasks");
  rct_cli_json_begin_object (json);
  rct_cli_json_int_member (json, "total", figures->tasks_total);
  rct_cli_json_int_member (json, "done", figures->tasks_done);
  rct_cli_json_rate_member (json, "completion", rct_figures_task_completion (figures));
  rct_cli_json_member (json, "prescribed");
  rct_cli_json_begin_object (json);
  rct_cli_json_int_member (json, "total", figures->tasks_prescribed);
  rct_cli_json_int_member (json, "done", figures->tasks_prescribed_done);
  rct_cli_json_end_object (json);
  rct_cli_json_member (json, "self_chosen");
  rct_cli_json_begin_object (json);
  rct_cli_json_int_member (json, "total", figures->tasks_self_chosen);
  rct_cli_json_int_member (json, "done", figures->tasks_self_chosen_done);
  rct_cli_json_end_object (json);
  rct_cli_json_end_object (json);

  rct_cli_json_member (json, "feedback");
  rct_cli_json_begin_object (json);
  rct_cli_json_int_member (json, "total", figures->feedback_total);
  rct_cli_json_int_member (json, "replied", figures->feedback_replied);
  rct_cli_json_int_member (json, "overdue", figures->feedback_overdue);
  rct_cli_json_int_member (json, "rated", figures->feedback_rated);
  rct_cli_json_int_member (json, "satisfied", figures->feedback_satisfied);
  rct_cli_json_rate_member (json, "reply_rate", rct_figures_reply_rate (figures));
  rct_cli_json_rate_member (json, "satisfaction_rate", rct_figures_satisfaction_rate (figures));
  rct_cli_json_end_object (json);

  rct_cli_json_member (json, "units");
  rct_cli_json_begin_array (json);
  for (guint i = 0; i < figures->units->len; i++)
    {
      RctUnitFigures *unit = g_ptr_array_index (figures->units, i);

      rct_cli_json_begin_object (json);
      rct_cli_json_string_member (json, "name", unit->name);
      rct_cli_json_string_member (json, "head", unit->head);
      rct_cli_json_int_member (json, "total", unit->total);
      rct_cli_json_int_member (json, "closed", unit->closed);
      rct_cli_json_int_member (json, "overdue", unit->overdue);
      rct_cli_json_end_object (json);
    }
  rct_cli_json_end_array (json);

  rct_cli_json_member (json, "groups");
  rct_cli_json_begin_array (json);
  for (guint i = 0; i < figures->groups->len; i++)
    {
      RctGroupFigures *group = g_ptr_array_index (figures->groups, i);

      rct_cli_json_begin_object (json);
      rct_cli_json_string_member (json, "name", group->name);
      rct_cli_json_int_member (json, "tasks", group->tasks);
      rct_cli_json_int_member (json, "done", group->done);
      rct_cli_json_end_object (json);
    }
  rct_cli_json_end_array (json);

  rct_cli_json_member (json, "sources");
  rct_cli_json_begin_object (json);
  for (guint i = 0; i < figures->sources->len; i++)
    {
      RctSourceFigures *source = g_ptr_array_index (figures->sources, i);

      rct_cli_json_int_member (json, source->key, source->total);
    }
  rct_cli_json_end_object (json);
}

/* "training" (roster, enrolled, required_done, elective_done and the three
 * rates, with the officers still missing per unit) and "activities" (per
 * series: name, kind, target, done, state). */
static void
write_study (RctCliJson            *json,
             const RctStudyFigures *study)
{
  static const char *gaps[] = { "not-enrolled", "required-short", "elective-short" };
  static const char *states[] = { "on-track", "behind", "overdue", "complete" };

  rct_cli_json_member (json, "training");
  rct_cli_json_begin_object (json);
  rct_cli_json_string_member (json, "course", study->course);
  rct_cli_json_int_member (json, "required_hours", study->required_hours);
  rct_cli_json_int_member (json, "elective_hours", study->elective_hours);
  rct_cli_json_int_member (json, "roster", study->roster);
  rct_cli_json_int_member (json, "enrolled", study->enrolled);
  rct_cli_json_int_member (json, "required_done", study->required_done);
  rct_cli_json_int_member (json, "elective_done", study->elective_done);
  rct_cli_json_rate_member (json, "enrolment_rate", rct_study_figures_enrolment_rate (study));
  rct_cli_json_rate_member (json, "required_rate", rct_study_figures_required_rate (study));
  rct_cli_json_rate_member (json, "elective_rate", rct_study_figures_elective_rate (study));
  rct_cli_json_member (json, "units");
  rct_cli_json_begin_array (json);
  for (guint i = 0; i < study->units->len; i++)
    {
      RctUnitTraining *unit = g_ptr_array_index (study->units, i);

      rct_cli_json_begin_object (json);
      rct_cli_json_string_member (json, "name", unit->name);
      rct_cli_json_int_member (json, "roster", unit->roster);
      rct_cli_json_int_member (json, "enrolled", unit->enrolled);
      rct_cli_json_int_member (json, "required_done", unit->required_done);
      rct_cli_json_int_member (json, "elective_done", unit->elective_done);
      rct_cli_json_member (json, "missing");
      rct_cli_json_begin_array (json);
      for (guint j = 0; j < unit->missing->len; j++)
        {
          RctMissingOfficer *missing = g_ptr_array_index (unit->missing, j);

          rct_cli_json_begin_object (json);
          rct_cli_json_string_member (json, "name", missing->name);
          rct_cli_json_string_member (json, "gap", gaps[missing->gap]);
          rct_cli_json_int_member (json, "required_done", missing->required_done);
          rct_cli_json_int_member (json, "elective_done", missing->elective_done);
          rct_cli_json_end_object (json);
        }
      rct_cli_json_end_array (json);
      rct_cli_json_end_object (json);
    }
  rct_cli_json_end_array (json);
  rct_cli_json_end_object (json);

  rct_cli_json_member (json, "activities");
  rct_cli_json_begin_array (json);
  for (guint i = 0; i < study->series->len; i++)
    {
      RctSeriesFigures *series = g_ptr_array_index (study->series, i);

      rct_cli_json_begin_object (json);
      rct_cli_json_string_member (json, "name", series->name);
      rct_cli_json_string_member (json, "kind", series->kind);
      rct_cli_json_int_member (json, "target", series->target);
      rct_cli_json_int_member (json, "done", series->done);
      rct_cli_json_int_member (json, "expected", series->expected);
      rct_cli_json_rate_member (json, "progress", rct_series_figures_progress (series));
      rct_cli_json_string_member (json, "state", states[series->state]);
      rct_cli_json_end_object (json);
    }
  rct_cli_json_end_array (json);
}

static void
write_counts (RctCliJson *json,
              const char *name,
              GPtrArray  *counts)
{
  rct_cli_json_member (json, name);
  rct_cli_json_begin_object (json);
  for (guint i = 0; i < counts->len; i++)
    {
      RctSupervisionCount *count = g_ptr_array_index (counts, i);

      rct_cli_json_int_member (json, count->key, count->count);
    }
  rct_cli_json_end_object (json);
}

/* "accountability" (total, byKind with the vocabulary's keys, byUnit by
 * unit name) and "visits" (total, unitsCovered of units active,
 * problemsFound). */
static void
write_supervision (RctCliJson                  *json,
                   const RctSupervisionFigures *figures)
{
  rct_cli_json_member (json, "accountability");
  rct_cli_json_begin_object (json);
  rct_cli_json_int_member (json, "total", figures->accountability_total);
  write_counts (json, "byKind", figures->accountability_by_kind);
  write_counts (json, "byUnit", figures->accountability_by_unit);
  rct_cli_json_end_object (json);

  rct_cli_json_member (json, "visits");
  rct_cli_json_begin_object (json);
  rct_cli_json_int_member (json, "total", figures->visits);
  rct_cli_json_int_member (json, "unitsCovered", figures->units_covered);
  rct_cli_json_int_member (json, "units", figures->units_active);
  rct_cli_json_int_member (json, "problemsFound", figures->problems_found);
  rct_cli_json_end_object (json);
}

/* ---- lines for people ---- */

static void
print_rate (const char *label,
            gint64      numerator,
            gint64      denominator)
{
  g_autofree char *text = rct_figures_format_ratio (numerator, denominator);
  g_print ("  %-28s %s\n", label, text);
}

static void
print_figures (const RctFigures *figures)
{
  g_autofree char *avg = rct_figures_format_mean (figures->days_to_close_sum, figures->closed);

  /* Translators: a heading; %s is a date */
  g_print (_("Figures as of %s\n"), figures->today);
  g_print (_("Problems: %d found, %d closed, %d overdue, %d due soon\n"),
           (int) figures->problems_total, (int) figures->closed, (int) figures->overdue, (int) figures->due_soon);
  print_rate (_("Closing rate"), figures->closed, figures->problems_total);
  print_rate (_("On-time rate"), figures->closed_on_time, figures->closed);
  g_print ("  %-28s %s\n", _("Average days to close"), avg);
  g_print (_("Tasks: %d of %d done\n"), (int) figures->tasks_done, (int) figures->tasks_total);
  g_print (_("Feedback: %d received, %d replied, %d overdue\n"), (int) figures->feedback_total,
           (int) figures->feedback_replied, (int) figures->feedback_overdue);
  print_rate (_("Reply rate"), figures->feedback_replied, figures->feedback_total);
  print_rate (_("Satisfaction rate"), figures->feedback_satisfied, figures->feedback_rated);
}

static void
print_study (const RctStudyFigures *study)
{
  if (study->course != NULL)
    {
      /* Translators: %s is the name of a training course */
      g_print (_("Training (%s): %d officers in service, %d enrolled\n"), study->course,
               (int) study->roster, (int) study->enrolled);
      print_rate (_("Enrolment rate"), study->enrolled, study->roster);
      print_rate (_("Required hours completed"), study->required_done, study->enrolled);
      print_rate (_("Elective hours completed"), study->elective_done, study->enrolled);
    }
  for (guint i = 0; i < study->series->len; i++)
    {
      RctSeriesFigures *series = g_ptr_array_index (study->series, i);
      g_autofree char *ratio = rct_figures_format_ratio (series->done, series->target);

      /* Translators: an activity, what is done of its target, and the ratio */
      g_print (_("%s: %d of %d (%s)\n"), series->name, (int) series->done, (int) series->target, ratio);
    }
}

static void
print_supervision (const RctSupervisionFigures *figures)
{
  g_autofree char *covered = rct_figures_format_ratio (figures->units_covered, figures->units_active);
  g_autofree char *per_visit = rct_figures_format_mean (figures->problems_found, figures->visits);

  g_print (_("Accountability: %d records\n"), (int) figures->accountability_total);
  for (guint i = 0; i < figures->accountability_by_kind->len; i++)
    {
      RctSupervisionCount *count = g_ptr_array_index (figures->accountability_by_kind, i);
      g_print ("  %-28s %d\n", rct_vocabulary_label (RCT_VOCAB_ACCOUNTABILITY_KIND, count->key), (int) count->count);
    }
  g_print (_("Inspection visits: %d, units covered %d of %d (%s)\n"), (int) figures->visits,
           (int) figures->units_covered, (int) figures->units_active, covered);
  g_print ("  %-28s %s\n", _("Problems found per visit"), per_visit);
}

/* ---- the command ---- */

int
rct_cli_stats (int    argc,
               char **argv)
{
  gboolean json = FALSE;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) units = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Start of the period (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("End of the period (YYYY-MM-DD)"), N_("DATE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &units, N_("Only this unit (repeat for more)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autoptr(RctStudyFigures) study = NULL;
  g_autoptr(RctSupervisionFigures) supervision = NULL;
  RctScope scope = { 0 };
  int code;

  if (!rct_cli_parse_options ("stats", entries, &argc, &argv, &code))
    return code;
  if ((from != NULL && !rct_date_is_valid (from)) || (to != NULL && !rct_date_is_valid (to)))
    return rct_cli_usage (_("Write dates as YYYY-MM-DD, for example 2021-04-30."));

  store = rct_cli_open_ledger (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  scope.from = from;
  scope.to = to;
  scope.units = units;
  /* Every figure printed as of one moment, whatever a clerk commits
   * meanwhile; on a file, SQLite also takes its read lock once. */
  if (!rct_store_read_begin (store, &error))
    return rct_cli_fail (error);
  if (rct_scope_check_units (store, &scope, &error))
    figures = rct_figures_compute (store, &scope, &error);
  if (figures != NULL)
    study = rct_study_figures_compute (store, NULL, &error);
  /* The period and units count for accountability and visits too, as in
   * the report of that scope. */
  if (study != NULL)
    supervision = rct_supervision_figures_compute_in (store, &scope, &error);
  rct_store_read_end (store);
  if (supervision == NULL)
    return rct_cli_fail (error);
  if (json)
    {
      RctCliJson *writer = rct_cli_json_new ();
      g_autofree char *text = NULL;

      rct_cli_json_begin_object (writer);
      write_figures (writer, figures);
      write_study (writer, study);
      write_supervision (writer, supervision);
      rct_cli_json_end_object (writer);
      text = rct_cli_json_free_to_text (writer);
      g_print ("%s\n", text);
    }
  else
    {
      print_figures (figures);
      print_study (study);
      print_supervision (supervision);
    }
  return EXIT_OK;
}
