/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-bar-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-bar-chart.h"

/* Horizontal bars, one a row: a label, the whole (total) in a light tone,
 * the part done in the accent colour, the part in alarm (overdue) in red,
 * and the figure as text at the end. Drawn with GTK's snapshot API in the
 * theme's own colours, so it reads in light and dark styles. Each bar is
 * also a row for assistive technologies and for the keyboard: clicking or
 * pressing Enter on it emits ::bar-activated. */

#define ROW_HEIGHT 26.0
#define LABEL_WIDTH 120.0
#define VALUE_WIDTH 110.0

typedef struct
{
  char   *label;
  char   *value_text;
  double  total;
  double  done;
  double  alert;
} Bar;

struct _RctBarChart
{
  GtkWidget  parent_instance;
  GArray    *bars;
  double     max;
  int        hover;
};

G_DEFINE_FINAL_TYPE (RctBarChart, rct_bar_chart, GTK_TYPE_WIDGET)

enum {
  BAR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bar_clear (gpointer data)
{
  Bar *bar = data;
  g_free (bar->label);
  g_free (bar->value_text);
}

static void
foreground (GtkWidget *widget,
            GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

static void
rct_bar_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  RctBarChart *self = RCT_BAR_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double bar_width = MAX (width - LABEL_WIDTH - VALUE_WIDTH - 16, 10);
  GdkRGBA fg, track, done = { 0.21, 0.52, 0.89, 1 }, alert = { 0.88, 0.11, 0.14, 1 };

  foreground (widget, &fg);
  track = fg;
  track.alpha = 0.12;
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      double y = i * ROW_HEIGHT;
      double scale = self->max > 0 ? bar_width / self->max : 0;
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (widget, bar->label);
      g_autoptr(PangoLayout) value = gtk_widget_create_pango_layout (widget, bar->value_text);
      int lw, lh;

      if ((int) i == self->hover)
        {
          GdkRGBA hover = fg;
          hover.alpha = 0.06;
          gtk_snapshot_append_color (snapshot, &hover, &GRAPHENE_RECT_INIT (0, y, width, ROW_HEIGHT));
        }
      pango_layout_set_width (label, (int) ((LABEL_WIDTH - 8) * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (4, y + (ROW_HEIGHT - lh) / 2));
      gtk_snapshot_append_layout (snapshot, label, &fg);
      gtk_snapshot_restore (snapshot);

      gtk_snapshot_append_color (snapshot, &track,
                                 &GRAPHENE_RECT_INIT (LABEL_WIDTH, y + 6, MAX (bar->total * scale, 1), ROW_HEIGHT - 12));
      gtk_snapshot_append_color (snapshot, &done,
                                 &GRAPHENE_RECT_INIT (LABEL_WIDTH, y + 6, bar->done * scale, ROW_HEIGHT - 12));
      if (bar->alert > 0)
        gtk_snapshot_append_color (snapshot, &alert,
                                   &GRAPHENE_RECT_INIT (LABEL_WIDTH + bar->done * scale, y + 6, bar->alert * scale,
                                                        ROW_HEIGHT - 12));

      pango_layout_get_pixel_size (value, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (LABEL_WIDTH + bar_width + 8, y + (ROW_HEIGHT - lh) / 2));
      gtk_snapshot_append_layout (snapshot, value, &fg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
rct_bar_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  RctBarChart *self = RCT_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = LABEL_WIDTH + VALUE_WIDTH + 80;
      *natural = LABEL_WIDTH + VALUE_WIDTH + 360;
    }
  else
    *minimum = *natural = (int) (MAX (self->bars->len, 1) * ROW_HEIGHT);
}

static int
row_at (RctBarChart *self,
        double       y)
{
  int row = (int) (y / ROW_HEIGHT);
  return row >= 0 && (guint) row < self->bars->len ? row : -1;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RctBarChart     *self)
{
  int row = row_at (self, y);

  if (row >= 0)
    g_signal_emit (self, signals[BAR_ACTIVATED], 0, (guint) row);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           RctBarChart              *self)
{
  int row = row_at (self, y);

  if (row != self->hover)
    {
      self->hover = row;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), row >= 0 ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *motion,
          RctBarChart              *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rct_bar_chart_finalize (GObject *object)
{
  RctBarChart *self = RCT_BAR_CHART (object);

  g_array_unref (self->bars);
  G_OBJECT_CLASS (rct_bar_chart_parent_class)->finalize (object);
}

static void
rct_bar_chart_class_init (RctBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rct_bar_chart_finalize;
  widget_class->snapshot = rct_bar_chart_snapshot;
  widget_class->measure = rct_bar_chart_measure;

  /**
   * RctBarChart::bar-activated:
   * @index: the bar, from 0
   */
  signals[BAR_ACTIVATED] = g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "barchart");
}

static void
rct_bar_chart_init (RctBarChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->hover = -1;
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
rct_bar_chart_new (void)
{
  return g_object_new (RCT_TYPE_BAR_CHART, NULL);
}

void
rct_bar_chart_clear (RctBarChart *self)
{
  g_array_set_size (self->bars, 0);
  self->max = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The description for assistive technologies: the figures as text. */
static void
update_description (RctBarChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_string_append_printf (text, "%s%s: %s", i > 0 ? "; " : "", bar->label, bar->value_text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

/**
 * rct_bar_chart_add:
 * @total: the length of the whole bar
 * @done: the part drawn in the accent colour
 * @alert: the part after it drawn in red (overdue)
 * @value_text: the figure shown at the end of the bar
 */
void
rct_bar_chart_add (RctBarChart *self,
                   const char  *label,
                   double       total,
                   double       done,
                   double       alert,
                   const char  *value_text)
{
  Bar bar = { g_strdup (label), g_strdup (value_text), total, done, alert };

  g_array_append_val (self->bars, bar);
  self->max = MAX (self->max, total);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
rct_bar_chart_get_n_bars (RctBarChart *self)
{
  return self->bars->len;
}

const char *
rct_bar_chart_get_label (RctBarChart *self,
                         guint        index)
{
  g_return_val_if_fail (index < self->bars->len, NULL);
  return g_array_index (self->bars, Bar, index).label;
}

/* As a click on the bar does. */
void
rct_bar_chart_activate (RctBarChart *self,
                        guint        index)
{
  g_return_if_fail (index < self->bars->len);
  g_signal_emit (self, signals[BAR_ACTIVATED], 0, index);
}
