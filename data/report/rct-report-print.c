/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report-print"

#include "config.h"

#include <math.h>
#include <errno.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "rct-clock.h"
#include "rct-jobs-private.h"
#include "rct-pdf-finish.h"
#include "rct-report-language.h"
#include "rct-report-print.h"
#include "rct-supervision.h"
#include "rct-vocabulary.h"

/* The supervision report on paper: title, period and scope, the summary
 * figures, the per-unit table and the problem list, with a running header
 * and page numbers; tables break across pages and repeat their header.
 * It draws on any cairo context, so the window prints it through
 * GtkPrintOperation and the command line writes it as PDF with the very
 * same code. Chinese is set in Noto Sans CJK SC where it is installed.
 * Its title, labels and dates are in the report's language, whatever the
 * locale of whoever prints it (T() looks a label up in that language). */

#define FONT_FAMILY "Noto Sans CJK SC, Noto Sans CJK, Source Han Sans SC, Microsoft YaHei, SimHei, Sans"
#define MARGIN 48.0
#define BAND 22.0      /* running header and footer */
#define CELL_PAD 3.0
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.890

typedef enum
{
  ITEM_TITLE,
  ITEM_TEXT,
  ITEM_HEADING,
  ITEM_TABLE_HEADER,
  ITEM_TABLE_ROW,
  ITEM_GAP,
} ItemType;

typedef struct
{
  guint        n_columns;
  const double *widths;    /* fractions of the text width */
  const gboolean *numeric; /* right-aligned columns */
  char       **header;
} Table;

typedef struct
{
  ItemType  type;
  Table    *table;
  char    **cells;   /* a row's cells, or one text */
  double    height;  /* measured by paginate */
} Item;

typedef struct
{
  guint first;     /* first item on the page */
  guint last;      /* one past the last */
  Table *continued; /* a table whose header is repeated at the top */
} Page;

/* A label in the report's language; the msgid is marked with N_(). */
#define T(msgid) rct_report_language_gettext (self->language, (msgid))

struct _RctReportPrint
{
  const char *language;  /* "zh_CN" or "en" */
  char      *title;
  char      *campaign;
  GPtrArray *items;   /* Item */
  GArray    *pages;   /* Page */
  Table      summary, units, problems, listed;
  double     width, height;
};

void (*_rct_report_print_page_hook) (guint page) = NULL;

static const double summary_widths[] = { 0.6, 0.4 };
static const gboolean summary_numeric[] = { FALSE, TRUE };
/* The unit's head (一岗双责) beside its name. */
static const double unit_widths[] = { 0.26, 0.18, 0.14, 0.14, 0.14, 0.14 };
static const gboolean unit_numeric[] = { FALSE, FALSE, TRUE, TRUE, TRUE, TRUE };
/* The deadline's column holds a whole date in either language
 * (2021年5月12日, 12 September 2021) on one line. */
static const double problem_widths[] = { 0.11, 0.14, 0.34, 0.18, 0.23 };
static const gboolean problem_numeric[] = { FALSE, FALSE, FALSE, FALSE, FALSE };

static void
item_free (gpointer data)
{
  Item *item = data;
  g_strfreev (item->cells);
  g_free (item);
}

static void
add_item (RctReportPrint *self,
          ItemType        type,
          Table          *table,
          char          **cells)
{
  Item *item = g_new0 (Item, 1);

  item->type = type;
  item->table = table;
  item->cells = cells;
  g_ptr_array_add (self->items, item);
}

static void
add_text (RctReportPrint *self,
          ItemType        type,
          const char     *text)
{
  char **cells = g_new0 (char *, 2);
  cells[0] = g_strdup (text);
  add_item (self, type, NULL, cells);
}

static char **
cells_of (const char *first,
          ...)
{
  GPtrArray *cells = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_ptr_array_add (cells, g_strdup (cell));
  va_end (args);
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

static void
add_summary_row (RctReportPrint *self,
                 const char     *label,
                 const char     *value)
{
  add_item (self, ITEM_TABLE_ROW, &self->summary, cells_of (label, value, NULL));
}

static char *
count_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

/* A status as the report's language says it. */
static const char *
status_label (RctReportPrint *self,
              const char     *status)
{
  guint n;
  const RctVocabularyEntry *entries = rct_vocabulary_entries (RCT_VOCAB_PROBLEM_STATUS, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (entries[i].key, status) == 0)
      return T (entries[i].label);
  return status;
}

typedef struct
{
  RctReportPrint *self;
  const RctScope *scope;
} CollectState;

static gboolean
collect_problem_cb (RctRecord *record,
                    gpointer   user_data)
{
  CollectState *state = user_data;
  RctReportPrint *self = state->self;
  RctProblem *problem = RCT_PROBLEM (record);
  g_autofree char *deadline = rct_report_language_date (self->language, problem->deadline);

  if (state->scope != NULL && state->scope->units != NULL && state->scope->units[0] != NULL &&
      !g_strv_contains ((const char * const *) state->scope->units, problem->unit_name))
    return TRUE;
  if (g_strcmp0 (problem->deadline_state, "overdue") == 0)
    {
      g_autofree char *date = g_steal_pointer (&deadline);
      /* Translators: a deadline that has passed, e.g. "2021-05-12 (overdue)" */
      deadline = g_strdup_printf (T (N_("%s (overdue)")), date);
    }
  add_item (state->self, ITEM_TABLE_ROW, &state->self->problems,
            cells_of (problem->number, problem->unit_name, problem->description,
                      status_label (self, problem->status), deadline, NULL));
  return TRUE;
}

static gboolean
collect_listed_cb (RctRecord *record,
                   gpointer   user_data)
{
  CollectState *state = user_data;
  RctReportPrint *self = state->self;
  RctProblem *problem = RCT_PROBLEM (record);
  g_autofree char *date = rct_report_language_date (self->language, problem->listed_date);

  if (state->scope != NULL && state->scope->units != NULL && state->scope->units[0] != NULL &&
      !g_strv_contains ((const char * const *) state->scope->units, problem->unit_name))
    return TRUE;
  add_item (self, ITEM_TABLE_ROW, &self->listed,
            cells_of (problem->number, problem->unit_name, problem->description, problem->listed_level, date, NULL));
  return TRUE;
}

/**
 * rct_report_print_new:
 *
 * rct_report_print_new_in() with the default title, in the user's
 * language.
 *
 * Returns: (transfer full) (nullable):
 */
RctReportPrint *
rct_report_print_new (RctStore        *store,
                      const RctScope  *scope,
                      GError         **error)
{
  return rct_report_print_new_in (store, scope, NULL, NULL, error);
}

/* Supervision (issue 18): visits, units covered, problems found per visit
 * and accountability by kind, for the whole ledger (rct-supervision.c). */
static void
add_supervision (RctReportPrint *self,
                 RctStore       *store)
{
  g_autoptr(RctSupervisionFigures) s = rct_supervision_figures_compute (store, NULL);
  g_autofree char *visits = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *per_visit = NULL;
  g_autofree char *total = NULL;

  if (s == NULL)
    return;
  visits = count_text (s->visits);
  covered = rct_figures_format_ratio (s->units_covered, s->units_active);
  per_visit = rct_figures_format_mean (s->problems_found, s->visits);
  total = count_text (s->accountability_total);
  add_text (self, ITEM_HEADING, T (N_("Inspection visits and accountability")));
  add_item (self, ITEM_TABLE_HEADER, &self->summary, NULL);
  add_summary_row (self, T (N_("Inspection visits")), visits);
  add_summary_row (self, T (N_("Units covered")), covered);
  add_summary_row (self, T (N_("Problems found per visit")), per_visit);
  add_summary_row (self, T (N_("Accountability records")), total);
  for (guint i = 0; i < s->accountability_by_kind->len; i++)
    {
      RctSupervisionCount *count = g_ptr_array_index (s->accountability_by_kind, i);
      g_autofree char *n = count_text (count->count);
      guint n_entries;
      const RctVocabularyEntry *entries = rct_vocabulary_entries (RCT_VOCAB_ACCOUNTABILITY_KIND, &n_entries);
      const char *label = count->key;

      for (guint j = 0; j < n_entries; j++)
        if (g_str_equal (entries[j].key, count->key))
          label = T (entries[j].label);
      add_summary_row (self, label, n);
    }
  add_item (self, ITEM_GAP, NULL, NULL);
}

/**
 * rct_report_print_new_in:
 * @scope: (nullable): period and units
 * @title: (nullable): as the user typed it; %NULL for the default title
 *   in @language
 * @language: (nullable): "zh_CN" or "en"; %NULL for the user's
 *
 * Reads what the printed report shows, for @scope, as of today, in
 * @language.
 *
 * Returns: (transfer full) (nullable):
 */
RctReportPrint *
rct_report_print_new_in (RctStore        *store,
                         const RctScope  *scope,
                         const char      *title,
                         const char      *language,
                         GError         **error)
{
  g_autoptr(RctReportPrint) self = g_new0 (RctReportPrint, 1);
  g_autoptr(RctFigures) figures = rct_figures_compute (store, scope, error);
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autofree char *period = NULL;
  g_autofree char *scope_text = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *now = rct_clock_now ();
  g_autofree char *now_text = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  RctFilter filter = { 0 };
  CollectState state = { NULL, scope };

  if (figures == NULL)
    return NULL;
  self->language = rct_report_language_normalize (language);
  if (self->language == NULL)
    self->language = rct_report_language_default ();
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));

  campaigns = rct_store_list (store, RCT_KIND_CAMPAIGN, NULL, NULL);
  self->campaign = g_strdup (campaigns != NULL && campaigns->len > 0
                             ? RCT_CAMPAIGN (g_ptr_array_index (campaigns, 0))->name : "");
  self->title = g_strdup (title != NULL && *title != '\0' ? title : T (N_("Supervision report")));

  self->summary = (Table) { 2, summary_widths, summary_numeric, cells_of (T (N_("Figure")), T (N_("Value")), NULL) };
  self->units = (Table) { 6, unit_widths, unit_numeric,
                          cells_of (T (N_("Unit")), T (N_("Head")), T (N_("Problems")), T (N_("Closed")),
                                    T (N_("Closing rate")), T (N_("Overdue")), NULL) };
  self->listed = (Table) { 5, problem_widths, problem_numeric,
                           cells_of (T (N_("Number")), T (N_("Unit")), T (N_("Description")),
                                     T (N_("Listed for supervision by")), T (N_("Listed on")), NULL) };
  self->problems = (Table) { 5, problem_widths, problem_numeric,
                             cells_of (T (N_("Number")), T (N_("Unit")), T (N_("Description")), T (N_("Status")),
                                       T (N_("Deadline")), NULL) };

  add_text (self, ITEM_TITLE, self->title);
  if (*self->campaign)
    add_text (self, ITEM_TEXT, self->campaign);
  today_text = rct_report_language_date (self->language, figures->today);
  from_text = rct_report_language_date (self->language, scope != NULL && scope->from != NULL ? scope->from : "…");
  to_text = scope != NULL && scope->to != NULL ? rct_report_language_date (self->language, scope->to)
            : g_strdup (today_text);
  /* Translators: the report's period; the %s are dates or "…" */
  period = g_strdup_printf (T (N_("Period: %s to %s")), from_text, to_text);
  add_text (self, ITEM_TEXT, period);
  if (scope != NULL && scope->units != NULL && scope->units[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("、", scope->units);
      scope_text = g_strdup_printf (T (N_("Scope: %s")), joined);
    }
  else
    scope_text = g_strdup (T (N_("Scope: all units")));
  add_text (self, ITEM_TEXT, scope_text);
  /* Translators: %s is a date and time in UTC */
  now_text = rct_report_language_time (self->language, now);
  generated = g_strdup_printf (T (N_("Generated %s, figures as of %s")), now_text, today_text);
  add_text (self, ITEM_TEXT, generated);
  add_item (self, ITEM_GAP, NULL, NULL);

  add_text (self, ITEM_HEADING, T (N_("Summary")));
  add_item (self, ITEM_TABLE_HEADER, &self->summary, NULL);
  {
    g_autofree char *found = count_text (figures->problems_total);
    g_autofree char *closed = count_text (figures->closed);
    g_autofree char *closing = rct_figures_format_ratio (figures->closed, figures->problems_total);
    g_autofree char *on_time = rct_figures_format_ratio (figures->closed_on_time, figures->closed);
    g_autofree char *overdue = count_text (figures->overdue);
    g_autofree char *due_soon = count_text (figures->due_soon);
    g_autofree char *listed = count_text (figures->listed_open);
    g_autofree char *avg_text = rct_figures_format_mean (figures->days_to_close_sum, figures->closed);
    g_autofree char *tasks = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                                              figures->tasks_done, figures->tasks_total);
    g_autofree char *received = count_text (figures->feedback_total);
    g_autofree char *replied = count_text (figures->feedback_replied);
    g_autofree char *reply_rate = rct_figures_format_ratio (figures->feedback_replied, figures->feedback_total);
    g_autofree char *satisfaction = rct_figures_format_ratio (figures->feedback_satisfied, figures->feedback_rated);

    add_summary_row (self, T (N_("Problems found")), found);
    add_summary_row (self, T (N_("Problems closed")), closed);
    add_summary_row (self, T (N_("Closing rate")), closing);
    add_summary_row (self, T (N_("On-time rate")), on_time);
    add_summary_row (self, T (N_("Overdue")), overdue);
    add_summary_row (self, T (N_("Due within 3 days")), due_soon);
    add_summary_row (self, T (N_("Listed (open)")), listed);
    add_summary_row (self, T (N_("Average days to close")), avg_text);
    add_summary_row (self, T (N_("Tasks done / all")), tasks);
    add_summary_row (self, T (N_("Feedback received")), received);
    add_summary_row (self, T (N_("Feedback replied")), replied);
    add_summary_row (self, T (N_("Reply rate")), reply_rate);
    add_summary_row (self, T (N_("Satisfaction rate")), satisfaction);
  }
  add_item (self, ITEM_GAP, NULL, NULL);
  if (scope == NULL || scope->units == NULL || scope->units[0] == NULL)
    add_supervision (self, store);

  add_text (self, ITEM_HEADING, T (N_("Problems by unit")));
  add_item (self, ITEM_TABLE_HEADER, &self->units, NULL);
  for (guint i = 0; i < figures->units->len; i++)
    {
      RctUnitFigures *unit = g_ptr_array_index (figures->units, i);
      g_autofree char *total = count_text (unit->total);
      g_autofree char *closed = count_text (unit->closed);
      g_autofree char *rate = rct_figures_format_ratio (unit->closed, unit->total);
      g_autofree char *overdue = count_text (unit->overdue);

      add_item (self, ITEM_TABLE_ROW, &self->units,
                cells_of (unit->name, unit->head != NULL ? unit->head : "—", total, closed, rate, overdue, NULL));
    }
  add_item (self, ITEM_GAP, NULL, NULL);

  /* Issue 18: the problems listed for supervision (挂牌督办), not lifted. */
  if (figures->listed_open > 0)
    {
      RctFilter listed = { 0 };

      add_text (self, ITEM_HEADING, T (N_("Problems listed for supervision")));
      add_item (self, ITEM_TABLE_HEADER, &self->listed, NULL);
      listed.listed = TRUE;
      listed.from = scope != NULL ? scope->from : NULL;
      listed.to = scope != NULL ? scope->to : NULL;
      state.self = self;
      if (!rct_store_foreach (store, RCT_KIND_PROBLEM, &listed, collect_listed_cb, &state, error))
        return NULL;
      add_item (self, ITEM_GAP, NULL, NULL);
    }

  add_text (self, ITEM_HEADING, T (N_("Problem list")));
  add_item (self, ITEM_TABLE_HEADER, &self->problems, NULL);
  filter.from = scope != NULL ? scope->from : NULL;
  filter.to = scope != NULL ? scope->to : NULL;
  state.self = self;
  if (!rct_store_foreach (store, RCT_KIND_PROBLEM, &filter, collect_problem_cb, &state, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
rct_report_print_free (RctReportPrint *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_strfreev (self->summary.header);
  g_strfreev (self->units.header);
  g_strfreev (self->problems.header);
  g_strfreev (self->listed.header);
  g_free (self->title);
  g_free (self->campaign);
  g_free (self);
}

const char *
rct_report_print_get_title (RctReportPrint *self)
{
  return self->title;
}

/**
 * rct_report_print_set_title:
 * @title: (nullable): the title the person typed; %NULL or empty keeps
 *   "Supervision report"
 *
 * The document's heading, running head and PDF title. Call it before
 * paginating.
 */
void
rct_report_print_set_title (RctReportPrint *self,
                            const char     *title)
{
  g_return_if_fail (self != NULL);

  if (title == NULL || *title == '\0')
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->type == ITEM_TITLE)
        {
          g_free (item->cells[0]);
          item->cells[0] = g_strdup (title);
          break;
        }
    }
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  PangoContext *context = pango_layout_get_context (layout);

  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  pango_layout_context_changed (layout);
  pango_font_description_set_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      PangoAttrList *attributes = pango_attr_list_new ();

      /* Lines break between words and between Chinese characters, never
       * inside a date, a number or an English word, and without hyphens
       * ("2021-05-" over "12", "verificati-" over "on"). */
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
text_width (RctReportPrint *self)
{
  return self->width - 2 * MARGIN;
}

static double
row_height (RctReportPrint *self,
            cairo_t        *cr,
            Table          *table,
            char          **cells,
            gboolean        bold)
{
  double tallest = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      double w = table->widths[c] * text_width (self) - 2 * CELL_PAD;
      g_autoptr(PangoLayout) layout = make_layout (cr, cells[c], 8.5, bold, w);
      tallest = MAX (tallest, layout_height (layout));
    }
  return tallest + 2 * CELL_PAD;
}

static double
item_height (RctReportPrint *self,
             cairo_t        *cr,
             Item           *item)
{
  switch (item->type)
    {
    case ITEM_TITLE:
      {
        g_autoptr(PangoLayout) layout = make_layout (cr, item->cells[0], 20, TRUE, text_width (self));
        return layout_height (layout) + 10;
      }
    case ITEM_TEXT:
      {
        g_autoptr(PangoLayout) layout = make_layout (cr, item->cells[0], 10, FALSE, text_width (self));
        return layout_height (layout) + 2;
      }
    case ITEM_HEADING:
      {
        g_autoptr(PangoLayout) layout = make_layout (cr, item->cells[0], 13, TRUE, text_width (self));
        return layout_height (layout) + 6;
      }
    case ITEM_TABLE_HEADER:
      return row_height (self, cr, item->table, item->table->header, TRUE);
    case ITEM_TABLE_ROW:
      return row_height (self, cr, item->table, item->cells, FALSE);
    case ITEM_GAP:
      return 14;
    default:
      g_assert_not_reached ();
    }
}

/**
 * rct_report_print_paginate:
 * @width: the page width in points
 * @height: the page height in points
 *
 * Measures every line on @cr and breaks the report into pages: a heading
 * stays with what follows it, a table row is never split, and a table that
 * runs on to the next page starts it with its header again.
 *
 * Returns: the number of pages
 */
guint
rct_report_print_paginate (RctReportPrint *self,
                           cairo_t        *cr,
                           double          width,
                           double          height)
{
  double top = MARGIN + BAND;
  double bottom = height - MARGIN - BAND;
  double y = top;
  Page page = { 0, 0, NULL };
  Table *open_table = NULL;

  /* Laid out already for this page size (in a job's thread): as it is. */
  if (self->pages->len > 0 && fabs (self->width - width) < 0.5 && fabs (self->height - height) < 0.5)
    return self->pages->len;
  self->width = width;
  self->height = height;
  g_array_set_size (self->pages, 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      double needed;

      item->height = item_height (self, cr, item);
      needed = item->height;
      /* Keep a heading or a table header with the first row after it. */
      if ((item->type == ITEM_HEADING || item->type == ITEM_TABLE_HEADER) && i + 1 < self->items->len)
        {
          Item *next = g_ptr_array_index (self->items, i + 1);
          needed += item_height (self, cr, next);
          if (item->type == ITEM_HEADING && next->type == ITEM_TABLE_HEADER && i + 2 < self->items->len)
            needed += item_height (self, cr, g_ptr_array_index (self->items, i + 2));
        }

      if (y + needed > bottom && y > top)
        {
          page.last = i;
          g_array_append_val (self->pages, page);
          page.first = i;
          page.continued = item->type == ITEM_TABLE_ROW ? open_table : NULL;
          y = top;
          if (page.continued != NULL)
            y += row_height (self, cr, page.continued, page.continued->header, TRUE);
          if (item->type == ITEM_GAP)
            {
              item->height = 0;
              continue;
            }
        }
      if (item->type == ITEM_TABLE_HEADER)
        open_table = item->table;
      else if (item->type != ITEM_TABLE_ROW)
        open_table = NULL;
      y += item->height;
    }
  page.last = self->items->len;
  g_array_append_val (self->pages, page);
  return self->pages->len;
}

static void
draw_row (RctReportPrint *self,
          cairo_t        *cr,
          Table          *table,
          char          **cells,
          double          y,
          double          h,
          gboolean        header)
{
  double x = MARGIN;

  if (header)
    {
      cairo_set_source_rgb (cr, 0.90, 0.91, 0.93);
      cairo_rectangle (cr, MARGIN, y, text_width (self), h);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.78);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, y + h);
  cairo_line_to (cr, MARGIN + text_width (self), y + h);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  for (guint c = 0; c < table->n_columns; c++)
    {
      double w = table->widths[c] * text_width (self);
      g_autoptr(PangoLayout) layout = make_layout (cr, cells[c], 8.5, header, w - 2 * CELL_PAD);

      if (table->numeric[c])
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      cairo_move_to (cr, x + CELL_PAD, y + CELL_PAD);
      pango_cairo_show_layout (cr, layout);
      x += w;
    }
}

/**
 * rct_report_print_draw_page:
 * @page: from 0
 *
 * Draws one page, after rct_report_print_paginate() on a context of the
 * same size.
 */
void
rct_report_print_draw_page (RctReportPrint *self,
                            cairo_t        *cr,
                            guint           page_number)
{
  Page *page;
  double y = MARGIN + BAND;

  g_return_if_fail (page_number < self->pages->len);
  page = &g_array_index (self->pages, Page, page_number);

  /* Running header and page number. */
  {
    g_autoptr(PangoLayout) left = make_layout (cr, self->campaign, 8, FALSE, 0);
    g_autoptr(PangoLayout) right = make_layout (cr, self->title, 8, FALSE, 0);
    /* Translators: the page number in the footer */
    g_autofree char *number = g_strdup_printf (T (N_("Page %u of %u")), page_number + 1, self->pages->len);
    g_autoptr(PangoLayout) footer = make_layout (cr, number, 8, FALSE, 0);
    int w, h;

    cairo_set_source_rgb (cr, 0.35, 0.35, 0.4);
    cairo_move_to (cr, MARGIN, MARGIN);
    pango_cairo_show_layout (cr, left);
    pango_layout_get_pixel_size (right, &w, &h);
    cairo_move_to (cr, self->width - MARGIN - w, MARGIN);
    pango_cairo_show_layout (cr, right);
    cairo_set_line_width (cr, 0.6);
    cairo_move_to (cr, MARGIN, MARGIN + h + 3);
    cairo_line_to (cr, self->width - MARGIN, MARGIN + h + 3);
    cairo_stroke (cr);
    pango_layout_get_pixel_size (footer, &w, &h);
    cairo_move_to (cr, (self->width - w) / 2, self->height - MARGIN - h);
    pango_cairo_show_layout (cr, footer);
  }

  if (page->continued != NULL)
    {
      double h = row_height (self, cr, page->continued, page->continued->header, TRUE);
      draw_row (self, cr, page->continued, page->continued->header, y, h, TRUE);
      y += h;
    }

  for (guint i = page->first; i < page->last; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      switch (item->type)
        {
        case ITEM_TITLE:
        case ITEM_TEXT:
        case ITEM_HEADING:
          {
            double size = item->type == ITEM_TITLE ? 20 : item->type == ITEM_HEADING ? 13 : 10;
            g_autoptr(PangoLayout) layout = make_layout (cr, item->cells[0], size, item->type != ITEM_TEXT,
                                                         text_width (self));
            if (item->type == ITEM_TITLE)
              pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
            cairo_move_to (cr, MARGIN, y + (item->type == ITEM_HEADING ? 4 : 0));
            pango_cairo_show_layout (cr, layout);
          }
          break;
        case ITEM_TABLE_HEADER:
          draw_row (self, cr, item->table, item->table->header, y, item->height, TRUE);
          break;
        case ITEM_TABLE_ROW:
          draw_row (self, cr, item->table, item->cells, y, item->height, FALSE);
          break;
        case ITEM_GAP:
        default:
          break;
        }
      y += item->height;
    }
}

static gboolean
write_pdf (RctReportPrint  *self,
           const char      *path,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (partial, A4_WIDTH, A4_HEIGHT);
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages;
  gboolean cancelled = FALSE;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s."), path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rectify " PACKAGE_VERSION);
  cr = cairo_create (surface);
  n_pages = rct_report_print_paginate (self, cr, A4_WIDTH, A4_HEIGHT);
  for (guint i = 0; i < n_pages && !cancelled; i++)
    {
      if (_rct_report_print_page_hook != NULL)
        _rct_report_print_page_hook (i);
      cancelled = g_cancellable_is_cancelled (cancellable);
      if (cancelled)
        break;
      rct_report_print_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  rct_pdf_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  /* The last chance: after this the PDF takes its name. */
  if (cancelled || g_cancellable_is_cancelled (cancellable))
    {
      g_remove (partial);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  if (status != CAIRO_STATUS_SUCCESS || g_rename (partial, path) != 0)
    {
      g_remove (partial);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s."), path,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * rct_report_print_write_pdf:
 *
 * The report as an A4 PDF, headless.
 */
gboolean
rct_report_print_write_pdf (RctReportPrint  *self,
                            const char      *path,
                            GError         **error)
{
  return write_pdf (self, path, NULL, error);
}

/* The PDF and the print layout as jobs in a thread (issue 15): the
 * report's records are read on a connection of the job's own and laid out
 * with pango there. Pango's default cairo font map is one per thread
 * (since 1.32.6), so the job's layouts never touch the window's. */

typedef struct
{
  char     *ledger_path;
  RctScope  scope;
  char     *title;
  char     *language;
  char     *path;      /* the PDF, or NULL for a layout only */
  double    width;
  double    height;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job->ledger_path);
  rct_scope_clear (&job->scope);
  g_free (job->title);
  g_free (job->language);
  g_free (job->path);
  g_free (job);
}

static RctReportPrint *
print_in_job (PrintJob      *job,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctReportPrint) print = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  store = rct_store_open (job->ledger_path, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK, error);
  if (store == NULL)
    return NULL;
  print = rct_report_print_new_in (store, &job->scope, job->title, job->language, error);
  rct_store_close (store);
  if (print == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  rct_report_print_set_title (print, job->title);
  return g_steal_pointer (&print);
}

static void
pdf_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  PrintJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportPrint) print = print_in_job (job, cancellable, &error);

  if (print == NULL || !write_pdf (print, job->path, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
layout_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  PrintJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportPrint) print = print_in_job (job, cancellable, &error);
  cairo_surface_t *surface;
  cairo_t *cr;

  if (print == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Measured on a PDF surface that writes nothing, as the PDF is. */
  surface = cairo_pdf_surface_create (NULL, job->width, job->height);
  cr = cairo_create (surface);
  rct_report_print_paginate (print, cr, job->width, job->height);
  cairo_destroy (cr);
  rct_pdf_surface_finish (surface);
  cairo_surface_destroy (surface);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&print), (GDestroyNotify) rct_report_print_free);
}

static GTask *
print_task (const char          *ledger_path,
            const RctScope      *scope,
            const char          *title,
            const char          *language,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            PrintJob           **out_job)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  PrintJob *job = g_new0 (PrintJob, 1);

  job->ledger_path = g_strdup (ledger_path);
  if (scope != NULL)
    {
      job->scope.from = g_strdup (scope->from);
      job->scope.to = g_strdup (scope->to);
      job->scope.units = g_strdupv (scope->units);
    }
  job->title = g_strdup (title);
  job->language = g_strdup (language);
  g_task_set_task_data (task, job, (GDestroyNotify) print_job_free);
  *out_job = job;
  return task;
}

/**
 * rct_report_print_write_pdf_async:
 * @ledger_path: the ledger, read through a connection of the job's own
 * @scope: (nullable): copied
 * @title: (nullable): the title as typed, else the default in @language
 *
 * The report as an A4 PDF at @path, read, laid out and drawn in a thread.
 * The PDF is drawn under a temporary name and takes @path only when
 * complete; cancelled (it looks before each page) or failed, nothing is
 * left.
 */
void
rct_report_print_write_pdf_async (const char          *ledger_path,
                                  const RctScope      *scope,
                                  const char          *title,
                                  const char          *language,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  PrintJob *job;
  g_autoptr(GTask) task = print_task (ledger_path, scope, title, language, cancellable, callback, user_data, &job);

  job->path = g_strdup (path);
  g_task_set_source_tag (task, rct_report_print_write_pdf_async);
  /* A cancel after the PDF took its name comes too late. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, pdf_thread);
}

gboolean
rct_report_print_write_pdf_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rct_report_print_layout_async:
 * @width: the printable width in points
 * @height: the printable height in points
 *
 * The report read and laid out for pages of @width × @height in a thread,
 * for a print operation to draw: rct_report_print_paginate() at that size
 * then costs nothing.
 */
void
rct_report_print_layout_async (const char          *ledger_path,
                               const RctScope      *scope,
                               const char          *title,
                               const char          *language,
                               double               width,
                               double               height,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  PrintJob *job;
  g_autoptr(GTask) task = print_task (ledger_path, scope, title, language, cancellable, callback, user_data, &job);

  job->width = width;
  job->height = height;
  g_task_set_source_tag (task, rct_report_print_layout_async);
  g_task_run_in_thread (task, layout_thread);
}

/**
 * rct_report_print_layout_finish:
 *
 * Returns: (transfer full) (nullable): the report laid out
 */
RctReportPrint *
rct_report_print_layout_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
