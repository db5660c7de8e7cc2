/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-text-cell"

#include "config.h"

#include <pango/pangocairo.h>

#include "rct-text-cell.h"

/* One line of text in a table's cell, shaped only when it is drawn.
 *
 * GTK 4.8's list keeps 200 rows around its anchor, though about 25 show,
 * and the ledger's rows have twelve cells: as GtkLabels, GTK measured
 * every one of the 2,400, and a label is measured by shaping its whole
 * text with Pango (ellipsized to its width, so twice), on the first frame
 * of the ledger and again for each screenful a jump to the end makes (the
 * stalls of docs/PERFORMANCE.md). This cell says its height from its
 * font's line height, shaped once per font for all cells, and its width
 * from the font's character widths; it makes its PangoLayout the first
 * time it is drawn, and GTK draws only the rows that show (about 300
 * cells of the 2,400).
 *
 * It is a label to assistive technologies and to CSS (the node "label",
 * so "label.deadline-overdue" and the theme's rules for labels in rows
 * apply), with its text as its accessible name, as the GtkLabel was. */

struct _RctTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;          /* made when first drawn; NULL until then */
  int          layout_width;    /* the width @layout is ellipsized to */
  int          height;          /* the font's line, 0 until measured */
  int          narrow;
  int          wide;
};

G_DEFINE_FINAL_TYPE (RctTextCell, rct_text_cell, GTK_TYPE_WIDGET)

static guint n_layouts;

/* ---- the font's sizes, shaped once per font ---- */

typedef struct
{
  PangoFontDescription *font;
  double                resolution;
  int                   height;       /* a line holding Latin and Chinese text */
  int                   narrow;       /* a Latin character's approximate width */
  int                   wide;         /* a Chinese character's width */
} FontSizes;

#define N_FONT_SIZES 8

static FontSizes font_sizes[N_FONT_SIZES];
static guint next_font_sizes;

static const FontSizes *
sizes_of (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontMetrics *metrics;
  PangoRectangle logical;
  FontSizes *sizes;

  for (guint i = 0; i < N_FONT_SIZES; i++)
    if (font_sizes[i].font != NULL && font_sizes[i].resolution == resolution &&
        pango_font_description_equal (font_sizes[i].font, font))
      return &font_sizes[i];

  sizes = &font_sizes[next_font_sizes];
  next_font_sizes = (next_font_sizes + 1) % N_FONT_SIZES;
  g_clear_pointer (&sizes->font, pango_font_description_free);
  sizes->font = pango_font_description_copy (font);
  sizes->resolution = resolution;

  /* The line of a cell with Chinese text is as high as the fallback font
   * makes it; Latin-only cells are no higher. */
  layout = pango_layout_new (context);
  pango_layout_set_text (layout, "Ag汉", -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  sizes->height = logical.height;
  pango_layout_set_text (layout, "汉", -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  sizes->wide = logical.width;
  metrics = pango_context_get_metrics (context, font, NULL);
  sizes->narrow = PANGO_PIXELS_CEIL (pango_font_metrics_get_approximate_char_width (metrics));
  pango_font_metrics_unref (metrics);
  return sizes;
}

/* ---- GtkWidget ---- */

static GtkSizeRequestMode
rct_text_cell_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
rct_text_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  RctTextCell *self = RCT_TEXT_CELL (widget);

  /* Kept until the style changes: a row measures its cells more than once. */
  if (self->height == 0)
    {
      const FontSizes *sizes = sizes_of (widget);

      self->height = sizes->height;
      self->narrow = sizes->narrow;
      self->wide = sizes->wide;
    }
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = self->height;
      return;
    }

  /* Ellipsized, so it can be as narrow as its column; its natural width
   * is estimated from the characters, without shaping them. */
  *minimum = 0;
  *natural = 0;
  for (const char *p = self->text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    *natural += g_unichar_iswide (g_utf8_get_char (p)) ? self->wide : self->narrow;
}

static void
rct_text_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  RctTextCell *self = RCT_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;
  int x;

  if (self->text == NULL || *self->text == '\0' || width <= 0 || height <= 0)
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      self->layout_width = -1;
      n_layouts++;
    }
  if (self->layout_width != width)
    {
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      self->layout_width = width;
    }

#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (widget, &color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
#endif
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  x = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? width - logical.width : 0;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - logical.x, (height - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* A font, a direction or a theme that changed: shaped again when drawn. */
static void
drop_layout (RctTextCell *self)
{
  g_clear_object (&self->layout);
}

static void
drop_sizes (RctTextCell *self)
{
  drop_layout (self);
  self->height = 0;
}

static void
rct_text_cell_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rct_text_cell_parent_class)->css_changed (widget, change);
  drop_sizes (RCT_TEXT_CELL (widget));
}

static void
rct_text_cell_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous)
{
  drop_layout (RCT_TEXT_CELL (widget));
  gtk_widget_queue_draw (widget);
}

static void
rct_text_cell_system_setting_changed (GtkWidget        *widget,
                                      GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (rct_text_cell_parent_class)->system_setting_changed (widget, setting);
  drop_sizes (RCT_TEXT_CELL (widget));
  gtk_widget_queue_resize (widget);
}

static void
rct_text_cell_finalize (GObject *object)
{
  RctTextCell *self = RCT_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  G_OBJECT_CLASS (rct_text_cell_parent_class)->finalize (object);
}

static void
rct_text_cell_class_init (RctTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rct_text_cell_finalize;
  widget_class->get_request_mode = rct_text_cell_get_request_mode;
  widget_class->measure = rct_text_cell_measure;
  widget_class->snapshot = rct_text_cell_snapshot;
  widget_class->css_changed = rct_text_cell_css_changed;
  widget_class->direction_changed = rct_text_cell_direction_changed;
  widget_class->system_setting_changed = rct_text_cell_system_setting_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
rct_text_cell_init (RctTextCell *self)
{
}

/* ---- public ---- */

GtkWidget *
rct_text_cell_new (void)
{
  return g_object_new (RCT_TYPE_TEXT_CELL, NULL);
}

/**
 * rct_text_cell_set_text:
 * @text: (nullable): one line; %NULL shows nothing
 *
 * Shows @text, shaped when the cell is next drawn. Its accessible name
 * follows.
 */
void
rct_text_cell_set_text (RctTextCell *self,
                        const char  *text)
{
  g_return_if_fail (RCT_IS_TEXT_CELL (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  drop_layout (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  /* The height is the font's, whatever the text: only the natural width
   * changes, which the ledger's columns of fixed width do not ask. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
rct_text_cell_get_text (RctTextCell *self)
{
  g_return_val_if_fail (RCT_IS_TEXT_CELL (self), NULL);
  return self->text != NULL ? self->text : "";
}

/**
 * rct_text_cell_is_laid_out:
 *
 * Whether the cell's text has been shaped (it was drawn since it was last
 * set).
 */
gboolean
rct_text_cell_is_laid_out (RctTextCell *self)
{
  g_return_val_if_fail (RCT_IS_TEXT_CELL (self), FALSE);
  return self->layout != NULL;
}

/**
 * rct_text_cell_get_n_layouts:
 *
 * How many times cells have shaped their text since the program started:
 * the tests' measure of work saved.
 */
guint
rct_text_cell_get_n_layouts (void)
{
  return n_layouts;
}
