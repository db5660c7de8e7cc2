/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-overview-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rct-bar-chart.h"
#include "rct-clock.h"
#include "rct-bench.h"
#include "rct-figures-study.h"
#include "rct-supervision.h"
#include "rct-overview-page.h"
#include "rct-ui-resources.h"
#include "rct-vocabulary.h"

/* The overview: where the campaign stands, in ten seconds. The office's
 * figures for the chosen period and units (rct-figures.c defines each
 * once), the units' standing as a table and bars, the groups' task
 * completion, and the campaign's phases with today marked. Every figure
 * that names records leads to them: ::show-problems, ::show-feedback and
 * ::show-group carry what to show, and the window switches pages. */

typedef struct
{
  const char *key;
  const char *caption;
  gboolean    leads_somewhere;
} FigureSpec;

static const FigureSpec figure_specs[] = {
  { "closing_rate", N_("Closing rate"), FALSE },
  { "on_time_rate", N_("On-time rate"), FALSE },
  { "overdue", N_("Overdue problems"), TRUE },
  { "due_soon", N_("Due within 3 days"), TRUE },
  { "listed", N_("Listed (open)"), TRUE },
  { "avg_days", N_("Average days to close"), FALSE },
  { "problems", N_("Problems found"), TRUE },
  { "tasks", N_("Tasks done"), FALSE },
  { "reply_rate", N_("Reply rate"), FALSE },
  { "satisfaction_rate", N_("Satisfaction rate"), FALSE },
  { "feedback_overdue", N_("Replies late"), TRUE },
};

struct _RctOverviewPage
{
  GtkWidget    parent_instance;

  RctStore    *store;
  RctFigures  *figures;
  RctScope     scope;
  GCancellable *counting;     /* while a period's figures are counted in a thread */
  GPtrArray   *phases;        /* RctPhase */
  GHashTable  *value_labels;  /* key -> GtkLabel */

  GtkWidget   *scrolled;
  GtkEntry    *from_entry;
  GtkEntry    *to_entry;
  GtkMenuButton *units_button;
  GtkBox      *units_checks;
  GtkLabel    *scope_message;
  GtkGrid     *unit_table;
  RctBarChart *unit_chart;
  RctBarChart *group_chart;
  GtkWidget   *timeline;
  GtkLabel    *timeline_label;
  GtkFlowBox  *cards;
  GtkLabel    *study_label;   /* the study figures, leading to the Study page */
  GtkLabel    *supervision_label;  /* visits and accountability, leading to the Supervision page */
};

G_DEFINE_FINAL_TYPE (RctOverviewPage, rct_overview_page, GTK_TYPE_WIDGET)

enum {
  SHOW_PROBLEMS,
  SHOW_FEEDBACK,
  SHOW_GROUP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
count_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static char *
figure_text (const RctFigures *figures,
             const char       *key)
{
  if (g_str_equal (key, "closing_rate"))
    return rct_figures_format_ratio (figures->closed, figures->problems_total);
  if (g_str_equal (key, "on_time_rate"))
    return rct_figures_format_ratio (figures->closed_on_time, figures->closed);
  if (g_str_equal (key, "overdue"))
    return count_text (figures->overdue);
  if (g_str_equal (key, "due_soon"))
    return count_text (figures->due_soon);
  if (g_str_equal (key, "listed"))
    return count_text (figures->listed_open);
  if (g_str_equal (key, "avg_days"))
    return rct_figures_format_mean (figures->days_to_close_sum, figures->closed);
  if (g_str_equal (key, "problems"))
    return count_text (figures->problems_total);
  if (g_str_equal (key, "tasks"))
    return g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, figures->tasks_done, figures->tasks_total);
  if (g_str_equal (key, "reply_rate"))
    return rct_figures_format_ratio (figures->feedback_replied, figures->feedback_total);
  if (g_str_equal (key, "satisfaction_rate"))
    return rct_figures_format_ratio (figures->feedback_satisfied, figures->feedback_rated);
  if (g_str_equal (key, "feedback_overdue"))
    return count_text (figures->feedback_overdue);
  g_return_val_if_reached (g_strdup (""));
}

/* The filter that shows exactly the records behind a figure. */
static void
scope_filter (RctOverviewPage *self,
              RctFilter       *filter)
{
  filter->from = self->scope.from;
  filter->to = self->scope.to;
  if (self->scope.units != NULL && g_strv_length (self->scope.units) == 1)
    filter->unit = self->scope.units[0];
}

/**
 * rct_overview_page_activate_figure:
 *
 * As a click on the figure: leads to the records it counts.
 */
void
rct_overview_page_activate_figure (RctOverviewPage *self,
                                   const char      *key)
{
  RctFilter filter = { 0 };

  g_return_if_fail (RCT_IS_OVERVIEW_PAGE (self));
  scope_filter (self, &filter);
  if (g_str_equal (key, "overdue"))
    filter.overdue = TRUE;
  else if (g_str_equal (key, "due_soon"))
    filter.due_soon = TRUE;
  else if (g_str_equal (key, "listed"))
    filter.listed = TRUE;
  else if (g_str_equal (key, "feedback_overdue"))
    {
      filter.overdue = TRUE;
      g_signal_emit (self, signals[SHOW_FEEDBACK], 0, &filter);
      return;
    }
  else if (!g_str_equal (key, "problems"))
    return;
  g_signal_emit (self, signals[SHOW_PROBLEMS], 0, &filter);
}

static void
figure_clicked_cb (GtkButton       *button,
                   RctOverviewPage *self)
{
  rct_overview_page_activate_figure (self, g_object_get_data (G_OBJECT (button), "rct-figure"));
}

void
rct_overview_page_activate_unit (RctOverviewPage *self,
                                 guint            index)
{
  RctFilter filter = { 0 };
  RctUnitFigures *unit;

  g_return_if_fail (self->figures != NULL && index < self->figures->units->len);
  unit = g_ptr_array_index (self->figures->units, index);
  scope_filter (self, &filter);
  filter.unit = unit->name;
  g_signal_emit (self, signals[SHOW_PROBLEMS], 0, &filter);
}

static void
unit_bar_cb (RctBarChart     *chart,
             guint            index,
             RctOverviewPage *self)
{
  rct_overview_page_activate_unit (self, index);
}

static void
group_bar_cb (RctBarChart     *chart,
              guint            index,
              RctOverviewPage *self)
{
  g_signal_emit (self, signals[SHOW_GROUP], 0, rct_bar_chart_get_label (chart, index));
}

/* ---- the phases ---- */

static void
draw_timeline (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  RctOverviewPage *self = user_data;
  g_autofree char *today = rct_clock_today ();
  const char *first = NULL, *last = NULL;
  GdkRGBA fg;
  int span;
  static const double tones[][3] = { { 0.21, 0.52, 0.89 }, { 0.90, 0.57, 0.10 }, { 0.18, 0.65, 0.40 } };

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (area), &fg);
#else
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
  for (guint i = 0; self->phases != NULL && i < self->phases->len; i++)
    {
      RctPhase *phase = g_ptr_array_index (self->phases, i);
      if (phase->start_date != NULL && (first == NULL || g_strcmp0 (phase->start_date, first) < 0))
        first = phase->start_date;
      if (phase->end_date != NULL && (last == NULL || g_strcmp0 (phase->end_date, last) > 0))
        last = phase->end_date;
    }
  if (first == NULL || last == NULL || (span = rct_date_days_between (first, last)) <= 0)
    return;

  for (guint i = 0; i < self->phases->len; i++)
    {
      RctPhase *phase = g_ptr_array_index (self->phases, i);
      double x0, x1;
      PangoLayout *layout;
      int lw, lh;

      if (phase->start_date == NULL || phase->end_date == NULL)
        continue;
      x0 = 8 + (width - 16) * (double) rct_date_days_between (first, phase->start_date) / span;
      x1 = 8 + (width - 16) * (double) (rct_date_days_between (first, phase->end_date) + 1) / (span + 1);
      cairo_set_source_rgba (cr, tones[i % 3][0], tones[i % 3][1], tones[i % 3][2], 0.85);
      cairo_rectangle (cr, x0, 8, MAX (x1 - x0 - 2, 1), 22);
      cairo_fill (cr);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), phase->name);
      pango_layout_set_width (layout, (int) (MAX (x1 - x0 - 8, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, x0 + 4, 8 + (22 - lh) / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  /* Today, as a line across the phases. */
  {
    int offset = rct_date_days_between (first, today);
    if (offset >= 0 && offset <= span)
      {
        double x = 8 + (width - 16) * (double) offset / span;
        PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), today);
        int lw, lh;

        gdk_cairo_set_source_rgba (cr, &fg);
        cairo_set_line_width (cr, 2);
        cairo_move_to (cr, x, 2);
        cairo_line_to (cr, x, 36);
        cairo_stroke (cr);
        pango_layout_get_pixel_size (layout, &lw, &lh);
        cairo_move_to (cr, CLAMP (x - lw / 2.0, 0, width - lw), 38);
        pango_cairo_show_layout (cr, layout);
        g_object_unref (layout);
      }
  }
}

/* ---- filling ---- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
grid_cell (GtkGrid    *grid,
           int         column,
           int         row,
           const char *text,
           gboolean    numeric,
           gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

/* The study phase in one line: the three training rates, each activity
 * against its target, prescribed and self-chosen actions done. The rates
 * are the whole ledger's (a course is not limited to a period). */
static void
show_study (RctOverviewPage *self)
{
  g_autoptr(RctStudyFigures) study = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *enrolment = NULL, *required = NULL, *elective = NULL;

  if (self->store == NULL || (study = rct_study_figures_compute (self->store, NULL, NULL)) == NULL)
    return;
  enrolment = rct_figures_format_ratio (study->enrolled, study->roster);
  required = rct_figures_format_ratio (study->required_done, study->enrolled);
  elective = rct_figures_format_ratio (study->elective_done, study->enrolled);
  /* Translators: the three training rates on the overview */
  g_string_printf (text, _("Enrolled %s · required hours %s · elective hours %s"), enrolment, required, elective);
  g_string_append_c (text, '\n');
  for (guint i = 0; i < study->series->len; i++)
    {
      RctSeriesFigures *series = g_ptr_array_index (study->series, i);
      g_string_append_printf (text, "%s%s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, i > 0 ? " · " : "",
                              series->name, series->done, series->target);
    }
  if (study->series->len > 0)
    g_string_append_c (text, '\n');
  /* Translators: tasks done of all, by kind: prescribed (规定动作) and self-chosen (自选动作) */
  g_string_append_printf (text, _("Prescribed actions %d / %d · self-chosen actions %d / %d"),
                          (int) self->figures->tasks_prescribed_done, (int) self->figures->tasks_prescribed,
                          (int) self->figures->tasks_self_chosen_done, (int) self->figures->tasks_self_chosen);
  gtk_label_set_text (self->study_label, text->str);
}

/* Supervision in two lines: the visits with the units they covered and
 * the problems found per visit, and accountability with its count per
 * kind. The whole ledger's, as the Supervision page shows them. */
static void
show_supervision (RctOverviewPage *self)
{
  g_autoptr(RctSupervisionFigures) s = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *covered = NULL, *per_visit = NULL;

  if (self->store == NULL || (s = rct_supervision_figures_compute (self->store, NULL)) == NULL)
    return;
  covered = rct_figures_format_ratio (s->units_covered, s->units_active);
  per_visit = rct_figures_format_mean (s->problems_found, s->visits);
  /* Translators: visits, the units they covered of all, problems found per visit */
  g_string_printf (text, _("Visits %1$d · units covered %2$d / %3$d (%4$s) · problems found per visit %5$s"),
                   (int) s->visits, (int) s->units_covered, (int) s->units_active, covered, per_visit);
  g_string_append_c (text, '\n');
  /* Translators: the number of accountability records (问责), then their count per kind */
  g_string_append_printf (text, _("Accountability %d"), (int) s->accountability_total);
  for (guint i = 0; i < s->accountability_by_kind->len; i++)
    {
      RctSupervisionCount *count = g_ptr_array_index (s->accountability_by_kind, i);
      g_string_append_printf (text, " · %s %d", rct_vocabulary_label (RCT_VOCAB_ACCOUNTABILITY_KIND, count->key),
                              (int) count->count);
    }
  gtk_label_set_text (self->supervision_label, text->str);
}

static void
supervision_clicked_cb (GtkButton       *button,
                        RctOverviewPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "view.show-page", "s", "supervision");
}

static void
study_clicked_cb (GtkButton       *button,
                  RctOverviewPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "view.show-page", "s", "study");
}

static void show_figures (RctOverviewPage *self,
                          GError          *error);

static void
scoped_figures_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RctOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  RctFigures *figures = rct_figures_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* another scope, or the page is going away */
  g_clear_object (&self->counting);
  g_clear_pointer (&self->figures, rct_figures_free);
  self->figures = figures;
  show_figures (self, error);
}

/* The whole ledger's figures come from its running totals in a few
 * milliseconds; a period or some units are counted in a thread, the page
 * showing the last figures until they come. */
static void
fill (RctOverviewPage *self)
{
  if (self->counting != NULL)
    {
      g_cancellable_cancel (self->counting);
      g_clear_object (&self->counting);
    }
  g_clear_pointer (&self->phases, g_ptr_array_unref);
  if (self->store == NULL)
    {
      g_clear_pointer (&self->figures, rct_figures_free);
      return;
    }
  self->phases = rct_store_list (self->store, RCT_KIND_PHASE, NULL, NULL);
  if (self->scope.from != NULL || self->scope.to != NULL || self->scope.units != NULL)
    {
      self->counting = g_cancellable_new ();
      rct_figures_compute_async (rct_store_get_path (self->store), &self->scope, self->counting,
                                 scoped_figures_cb, g_object_ref (self));
      return;
    }
  {
    g_autoptr(GError) error = NULL;

    g_clear_pointer (&self->figures, rct_figures_free);
    self->figures = rct_figures_compute (self->store, &self->scope, &error);
    show_figures (self, error);
  }
}

static void
show_figures (RctOverviewPage *self,
              GError          *error)
{
  g_autofree char *timeline_text = NULL;

  if (self->figures == NULL)
    {
      if (error != NULL)
        gtk_label_set_text (self->scope_message, error->message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (figure_specs); i++)
    {
      GtkLabel *label = g_hash_table_lookup (self->value_labels, figure_specs[i].key);
      g_autofree char *text = figure_text (self->figures, figure_specs[i].key);
      gtk_label_set_text (label, text);
    }
  show_study (self);
  show_supervision (self);

  clear_grid (self->unit_table);
  grid_cell (self->unit_table, 0, 0, _("Unit"), FALSE, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (grid_cell (self->unit_table, 1, 0, _("Head"), FALSE, TRUE)),
                           PANGO_ELLIPSIZE_END);
  grid_cell (self->unit_table, 2, 0, _("Problems"), TRUE, TRUE);
  grid_cell (self->unit_table, 3, 0, _("Closed"), TRUE, TRUE);
  grid_cell (self->unit_table, 4, 0, _("Closing rate"), TRUE, TRUE);
  grid_cell (self->unit_table, 5, 0, _("Overdue"), TRUE, TRUE);
  rct_bar_chart_clear (self->unit_chart);
  for (guint i = 0; i < self->figures->units->len; i++)
    {
      RctUnitFigures *unit = g_ptr_array_index (self->figures->units, i);
      g_autofree char *total = count_text (unit->total);
      g_autofree char *closed = count_text (unit->closed);
      g_autofree char *rate = rct_figures_format_ratio (unit->closed, unit->total);
      g_autofree char *overdue = count_text (unit->overdue);
      /* Translators: a unit's bar: closed of all, and overdue */
      g_autofree char *value = g_strdup_printf (_("%d / %d, %d overdue"), (int) unit->closed, (int) unit->total,
                                                (int) unit->overdue);

      grid_cell (self->unit_table, 0, i + 1, unit->name, FALSE, FALSE);
      /* 一岗双责: the head answers for the unit's problems. */
      /* Ellipsized when the window is narrow: the figures keep their room. */
      gtk_label_set_ellipsize (GTK_LABEL (grid_cell (self->unit_table, 1, i + 1, unit->head != NULL ? unit->head : "—",
                                                     FALSE, FALSE)), PANGO_ELLIPSIZE_END);
      grid_cell (self->unit_table, 2, i + 1, total, TRUE, FALSE);
      grid_cell (self->unit_table, 3, i + 1, closed, TRUE, FALSE);
      grid_cell (self->unit_table, 4, i + 1, rate, TRUE, FALSE);
      grid_cell (self->unit_table, 5, i + 1, overdue, TRUE, FALSE);
      rct_bar_chart_add (self->unit_chart, unit->name, unit->total, unit->closed, unit->overdue, value);
    }

  rct_bar_chart_clear (self->group_chart);
  for (guint i = 0; i < self->figures->groups->len; i++)
    {
      RctGroupFigures *group = g_ptr_array_index (self->figures->groups, i);
      g_autofree char *rate = rct_figures_format_ratio (group->done, group->tasks);
      /* Translators: a group's bar: tasks done of all, and the rate */
      g_autofree char *value = g_strdup_printf (_("%d / %d (%s)"), (int) group->done, (int) group->tasks, rate);

      rct_bar_chart_add (self->group_chart, group->name, group->tasks, group->done, 0, value);
    }

  {
    g_autoptr(GString) text = g_string_new (NULL);
    for (guint i = 0; self->phases != NULL && i < self->phases->len; i++)
      {
        RctPhase *phase = g_ptr_array_index (self->phases, i);
        g_string_append_printf (text, "%s%s %s – %s", i > 0 ? "; " : "", phase->name,
                                phase->start_date ? phase->start_date : "…", phase->end_date ? phase->end_date : "…");
      }
    /* Translators: the phases as text, then today's date */
    timeline_text = g_strdup_printf (_("%s; today is %s"), text->str, self->figures->today);
    gtk_label_set_text (self->timeline_label, timeline_text);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    timeline_text, -1);
  }
  gtk_widget_queue_draw (self->timeline);
  rct_bench_mark (GTK_WIDGET (self), "figures");
}

/* ---- the scope ---- */

static void
scope_changed_cb (RctOverviewPage *self)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  g_autoptr(GPtrArray) units = g_ptr_array_new ();

  if ((*from && !rct_date_is_valid (from)) || (*to && !rct_date_is_valid (to)))
    {
      gtk_label_set_text (self->scope_message, _("Write the period's dates as YYYY-MM-DD, for example 2021-04-30."));
      gtk_widget_set_visible (GTK_WIDGET (self->scope_message), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->scope_message), FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->units_checks)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_ptr_array_add (units, (gpointer) gtk_check_button_get_label (GTK_CHECK_BUTTON (child)));
  g_ptr_array_add (units, NULL);
  rct_overview_page_set_scope (self, *from ? from : NULL, *to ? to : NULL,
                               units->len > 1 ? (const char * const *) units->pdata : NULL);
}

static void
reload_unit_checks (RctOverviewPage *self)
{
  g_autoptr(GPtrArray) units = self->store != NULL ? rct_store_list (self->store, RCT_KIND_UNIT, NULL, NULL) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->units_checks))) != NULL)
    gtk_box_remove (self->units_checks, child);
  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (RCT_UNIT (g_ptr_array_index (units, i))->name);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (scope_changed_cb), self);
      gtk_box_append (self->units_checks, check);
    }
}

static void
store_changed_cb (RctStore        *store,
                  int              kind,
                  RctOverviewPage *self)
{
  if (kind == RCT_KIND_UNIT)
    reload_unit_checks (self);
  if (kind != RCT_KIND_JOURNAL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    fill (self);
}

static void
map_cb (RctOverviewPage *self)
{
  /* Figures are read when the page is shown, not on every edit elsewhere. */
  fill (self);
}

/* ---- construction ---- */

static void
rct_overview_page_dispose (GObject *object)
{
  RctOverviewPage *self = RCT_OVERVIEW_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->counting != NULL)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->figures, rct_figures_free);
  g_clear_pointer (&self->phases, g_ptr_array_unref);
  G_OBJECT_CLASS (rct_overview_page_parent_class)->dispose (object);
}

static void
rct_overview_page_finalize (GObject *object)
{
  RctOverviewPage *self = RCT_OVERVIEW_PAGE (object);

  rct_scope_clear (&self->scope);
  g_hash_table_unref (self->value_labels);
  G_OBJECT_CLASS (rct_overview_page_parent_class)->finalize (object);
}

static void
rct_overview_page_class_init (RctOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_overview_page_dispose;
  object_class->finalize = rct_overview_page_finalize;

  (void) rct_ui_get_resource ();
  g_type_ensure (RCT_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-overview-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RctOverviewPage, name)
  CHILD (scrolled);
  CHILD (from_entry);
  CHILD (to_entry);
  CHILD (units_button);
  CHILD (units_checks);
  CHILD (scope_message);
  CHILD (cards);
  CHILD (timeline);
  CHILD (timeline_label);
  CHILD (study_label);
  CHILD (supervision_label);
  CHILD (unit_table);
  CHILD (unit_chart);
  CHILD (group_chart);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, study_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, supervision_clicked_cb);

  /**
   * RctOverviewPage::show-problems:
   * @filter: (type gpointer): the RctFilter of the problems behind a figure
   */
  signals[SHOW_PROBLEMS] = g_signal_new ("show-problems", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SHOW_FEEDBACK] = g_signal_new ("show-feedback", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SHOW_GROUP] = g_signal_new ("show-group", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rct_overview_page_init (RctOverviewPage *self)
{
  self->value_labels = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (scope_changed_cb), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (scope_changed_cb), self);

  /* The figures' cards, from their table. */
  for (guint i = 0; i < G_N_ELEMENTS (figure_specs); i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *value = gtk_label_new ("—");
      GtkWidget *caption = gtk_label_new (_(figure_specs[i].caption));
      GtkWidget *holder;

      gtk_widget_add_css_class (value, "title-1");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (card), value);
      gtk_box_append (GTK_BOX (card), caption);
      gtk_widget_set_margin_top (card, 10);
      gtk_widget_set_margin_bottom (card, 10);
      if (figure_specs[i].leads_somewhere)
        {
          holder = gtk_button_new ();
          gtk_button_set_child (GTK_BUTTON (holder), card);
          g_object_set_data (G_OBJECT (holder), "rct-figure", (gpointer) figure_specs[i].key);
          g_signal_connect (holder, "clicked", G_CALLBACK (figure_clicked_cb), self);
          gtk_widget_set_tooltip_text (holder, _("Show them"));
        }
      else
        {
          holder = gtk_frame_new (NULL);
          gtk_frame_set_child (GTK_FRAME (holder), card);
        }
      gtk_widget_add_css_class (holder, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (holder), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(figure_specs[i].caption), -1);
      g_hash_table_insert (self->value_labels, (gpointer) figure_specs[i].key, value);
      gtk_flow_box_append (self->cards, holder);
    }

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->timeline), draw_timeline, self, NULL);
  g_signal_connect (self->unit_chart, "bar-activated", G_CALLBACK (unit_bar_cb), self);
  g_signal_connect (self->group_chart, "bar-activated", G_CALLBACK (group_bar_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

GtkWidget *
rct_overview_page_new (void)
{
  return g_object_new (RCT_TYPE_OVERVIEW_PAGE, NULL);
}

void
rct_overview_page_set_store (RctOverviewPage *self,
                             RctStore        *store)
{
  g_return_if_fail (RCT_IS_OVERVIEW_PAGE (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  reload_unit_checks (self);
  fill (self);
}

void
rct_overview_page_refresh (RctOverviewPage *self)
{
  g_return_if_fail (RCT_IS_OVERVIEW_PAGE (self));
  fill (self);
}

/**
 * rct_overview_page_set_scope:
 * @from: (nullable): start of the period
 * @to: (nullable): end of the period
 * @units: (nullable) (array zero-terminated=1): the units, or %NULL for all
 */
void
rct_overview_page_set_scope (RctOverviewPage    *self,
                             const char         *from,
                             const char         *to,
                             const char * const *units)
{
  g_return_if_fail (RCT_IS_OVERVIEW_PAGE (self));

  rct_scope_clear (&self->scope);
  self->scope.from = g_strdup (from);
  self->scope.to = g_strdup (to);
  self->scope.units = units != NULL && units[0] != NULL ? g_strdupv ((char **) units) : NULL;
  fill (self);
}

/**
 * rct_overview_page_is_counting:
 *
 * Returns: whether the figures of a period or some units are being counted
 */
gboolean
rct_overview_page_is_counting (RctOverviewPage *self)
{
  g_return_val_if_fail (RCT_IS_OVERVIEW_PAGE (self), FALSE);
  return self->counting != NULL;
}

const RctFigures *
rct_overview_page_get_figures (RctOverviewPage *self)
{
  g_return_val_if_fail (RCT_IS_OVERVIEW_PAGE (self), NULL);
  return self->figures;
}

/**
 * rct_overview_page_get_value_text:
 *
 * Returns: (transfer none): the text the page shows for a figure
 */
const char *
rct_overview_page_get_value_text (RctOverviewPage *self,
                                  const char      *figure)
{
  GtkLabel *label = g_hash_table_lookup (self->value_labels, figure);

  g_return_val_if_fail (label != NULL, NULL);
  return gtk_label_get_text (label);
}

/**
 * rct_overview_page_get_study_text:
 *
 * Returns: (transfer none): the study figures as the overview shows them
 */
const char *
rct_overview_page_get_study_text (RctOverviewPage *self)
{
  g_return_val_if_fail (RCT_IS_OVERVIEW_PAGE (self), NULL);
  return gtk_label_get_text (self->study_label);
}

/**
 * rct_overview_page_get_supervision_text:
 *
 * Returns: (transfer none): visits and accountability as the overview
 *   shows them
 */
const char *
rct_overview_page_get_supervision_text (RctOverviewPage *self)
{
  g_return_val_if_fail (RCT_IS_OVERVIEW_PAGE (self), NULL);
  return gtk_label_get_text (self->supervision_label);
}

/**
 * rct_overview_page_get_study_button:
 *
 * Returns: (transfer none): the card of the study figures, which leads to
 *   the Study page
 */
GtkWidget *
rct_overview_page_get_study_button (RctOverviewPage *self)
{
  g_return_val_if_fail (RCT_IS_OVERVIEW_PAGE (self), NULL);
  return gtk_widget_get_parent (GTK_WIDGET (self->study_label));
}

/**
 * rct_overview_dup_reminder:
 *
 * Returns: (transfer full) (nullable): the sentence the window shows when a
 *   ledger opens: how many problems are overdue or due soon and how many
 *   replies are late; %NULL when nothing needs attention
 */
char *
rct_overview_dup_reminder (const RctFigures *figures)
{
  g_autofree char *problems = NULL;
  g_autofree char *replies = NULL;

  if (figures->overdue == 0 && figures->due_soon == 0 && figures->feedback_overdue == 0)
    return NULL;
  /* Translators: part of the reminder: "6 problems are overdue and 11 due within 3 days" */
  problems = g_strdup_printf (ngettext ("%d problem is overdue and %d due within 3 days",
                                        "%d problems are overdue and %d due within 3 days",
                                        (gulong) figures->overdue),
                              (int) figures->overdue, (int) figures->due_soon);
  replies = g_strdup_printf (ngettext ("%d reply to a supervisor is late", "%d replies to supervisors are late",
                                       (gulong) figures->feedback_overdue),
                             (int) figures->feedback_overdue);
  /* Translators: the reminder on opening a ledger: the two parts above */
  return g_strdup_printf (_("%s; %s."), problems, replies);
}
