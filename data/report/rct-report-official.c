/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report-official"

#include "config.h"

#include <errno.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "rct-report-issue.h"
#include "rct-report-language.h"
#include "rct-report-official.h"
#include "rct-pdf-finish.h"

/* The official report as PDF, laid out as GB/T 9704-2012 lays out an
 * official document: A4; margins top 37 mm, bottom 35 mm, left 28 mm,
 * right 26 mm; a grid of 22 lines of 28 characters (三号, 16 pt, on a
 * pitch of 29 pt); the series in red above a red rule; the title in
 * 小标宋 style, the body in 仿宋, headings in 黑体 (level 1) and 楷体
 * (level 2); page numbers "— 1 —" in 四号 宋体 outside the text, odd pages
 * on the right, even on the left. The office's fonts are used when they
 * are installed, Noto CJK otherwise. Attachments follow, each on a new
 * page, wide tables on landscape pages, their headings repeated. Lines
 * break between characters but never inside a number or a Latin word,
 * and no word is hyphenated. */

#define MM(x) ((x) * 72.0 / 25.4)
#define A4_SHORT 595.276
#define A4_LONG  841.890

#define BODY_SIZE  16.0
#define PITCH      28.99   /* 637.8 pt of text height / 22 lines */
#define TITLE_SIZE 22.0
#define SERIES_SIZE 34.0
#define TABLE_SIZE 11.0
#define FOOTER_SIZE 14.0

#define TITLE_FONTS   "方正小标宋简体, FZXiaoBiaoSong-B05S, 方正小标宋_GBK, Noto Serif CJK SC, Noto Sans CJK SC, Serif"
#define BODY_FONTS    "仿宋_GB2312, FangSong_GB2312, 仿宋, FangSong, Noto Serif CJK SC, Noto Sans CJK SC, Serif"
#define HEADING1_FONTS "黑体, SimHei, Noto Sans CJK SC, Sans"
#define HEADING2_FONTS "楷体_GB2312, KaiTi_GB2312, 楷体, KaiTi, Noto Serif CJK SC, Noto Sans CJK SC, Serif"
#define FOOTER_FONTS  "宋体, SimSun, Noto Serif CJK SC, Noto Sans CJK SC, Serif"

typedef struct
{
  cairo_surface_t      *surface;
  cairo_t              *cr;
  const RctReportIssue *issue;
  guint                 page;      /* pages begun */
  gboolean              landscape;
  double                width, height;
  double                left, right, top, bottom;
  double                y;
} Pen;

static double
text_width (Pen *pen)
{
  return pen->width - pen->left - pen->right;
}

static const char *
tr (Pen        *pen,
    const char *msgid) G_GNUC_FORMAT (2);

static const char *
tr (Pen        *pen,
    const char *msgid)
{
  return rct_report_language_gettext (pen->issue->language, msgid);
}

static PangoLayout *
make_layout (Pen            *pen,
             const char     *fonts,
             double          size,
             gboolean        bold,
             double          width,
             PangoAlignment  align,
             double          indent,
             const char     *text)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  PangoFontDescription *font = pango_font_description_from_string (fonts);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Points are points: the layout's unit is the PDF's. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_indent (layout, (int) (indent * PANGO_SCALE));
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static void
draw_page_number (Pen *pen)
{
  g_autofree char *text = g_strdup_printf ("— %u —", pen->page);
  /* Odd pages on the right, even on the left, a character in. */
  gboolean odd = pen->page % 2 == 1;
  g_autoptr(PangoLayout) layout = make_layout (pen, FOOTER_FONTS, FOOTER_SIZE, FALSE, text_width (pen) - 2 * FOOTER_SIZE,
                                               odd ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, 0, text);

  cairo_save (pen->cr);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
  cairo_move_to (pen->cr, pen->left + FOOTER_SIZE, pen->height - pen->bottom + MM (7));
  pango_cairo_show_layout (pen->cr, layout);
  cairo_restore (pen->cr);
}

static void
new_page (Pen      *pen,
          gboolean  landscape)
{
  if (pen->page > 0)
    {
      draw_page_number (pen);
      cairo_show_page (pen->cr);
    }
  pen->page++;
  pen->landscape = landscape;
  pen->width = landscape ? A4_LONG : A4_SHORT;
  pen->height = landscape ? A4_SHORT : A4_LONG;
  cairo_pdf_surface_set_size (pen->surface, pen->width, pen->height);
  if (landscape)
    {
      pen->top = MM (28);
      pen->bottom = MM (26);
      pen->left = MM (37);
      pen->right = MM (35);
    }
  else
    {
      pen->top = MM (37);
      pen->bottom = MM (35);
      pen->left = MM (28);
      pen->right = MM (26);
    }
  pen->y = pen->top;
}

/* Sets @layout line by line on the grid: each line takes @lines pitches. */
static void
flow (Pen         *pen,
      PangoLayout *layout,
      guint        lines,
      double       red)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double pitch = PITCH * lines;

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      if (pen->y + pitch > pen->height - pen->bottom + 0.5)
        new_page (pen, pen->landscape);
      cairo_set_source_rgb (pen->cr, red, 0, 0);
      cairo_move_to (pen->cr, pen->left + (double) logical.x / PANGO_SCALE,
                     pen->y + (pitch - (double) logical.height / PANGO_SCALE) / 2 + baseline);
      pango_cairo_show_layout_line (pen->cr, line);
      pen->y += pitch;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
}

/* A paragraph per line of @text. */
static void
paragraphs (Pen            *pen,
            const char     *fonts,
            double          size,
            PangoAlignment  align,
            double          indent,
            const char     *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      layout = make_layout (pen, fonts, size, FALSE, text_width (pen), align, indent, lines[i]);
      flow (pen, layout, 1, 0);
    }
}

static void
rule (Pen    *pen,
      double  red,
      double  width)
{
  cairo_save (pen->cr);
  cairo_set_source_rgb (pen->cr, red, 0, 0);
  cairo_set_line_width (pen->cr, width);
  cairo_move_to (pen->cr, pen->left, pen->y);
  cairo_line_to (pen->cr, pen->width - pen->right, pen->y);
  cairo_stroke (pen->cr);
  cairo_restore (pen->cr);
}

static void
draw_head (Pen *pen)
{
  const RctReportIssue *issue = pen->issue;
  g_autofree char *number = rct_report_issue_format_number (issue);
  g_autofree char *date = rct_report_language_date (issue->language, issue->issue_date);

  if (issue->marking != NULL && *issue->marking)
    paragraphs (pen, HEADING1_FONTS, BODY_SIZE, PANGO_ALIGN_LEFT, 0, issue->marking);
  /* The series as a red masthead, the number under it. */
  {
    g_autoptr(PangoLayout) layout = make_layout (pen, TITLE_FONTS, SERIES_SIZE, FALSE, text_width (pen),
                                                 PANGO_ALIGN_CENTER, 0, issue->series);
    flow (pen, layout, 2, 0.8);
  }
  if (*number != '\0')
    paragraphs (pen, BODY_FONTS, BODY_SIZE, PANGO_ALIGN_CENTER, 0, number);
  /* The organisation on the left, the date on the right, over the rule. */
  {
    g_autoptr(PangoLayout) org = make_layout (pen, BODY_FONTS, BODY_SIZE, FALSE, text_width (pen) * 0.62,
                                              PANGO_ALIGN_LEFT, 0, issue->organisation);
    g_autoptr(PangoLayout) when = make_layout (pen, BODY_FONTS, BODY_SIZE, FALSE, text_width (pen) * 0.38,
                                               PANGO_ALIGN_RIGHT, 0, date);
    double y = pen->y;

    flow (pen, org, 1, 0);
    pen->y = y;
    pen->left += text_width (pen) * 0.62;
    flow (pen, when, 1, 0);
    pen->left = pen->landscape ? MM (37) : MM (28);
    pen->y = MAX (pen->y, y + PITCH * pango_layout_get_line_count (org));
  }
  pen->y += 4;
  rule (pen, 0.8, 2.0);
  pen->y += PITCH / 2;
  {
    g_autoptr(PangoLayout) title = make_layout (pen, TITLE_FONTS, TITLE_SIZE, FALSE, text_width (pen),
                                                PANGO_ALIGN_CENTER, 0, issue->title);
    flow (pen, title, 2, 0);
  }
  if (issue->addressee != NULL)
    {
      g_autofree char *line = g_strdup_printf (tr (pen, N_("%s:")), issue->addressee);
      paragraphs (pen, BODY_FONTS, BODY_SIZE, PANGO_ALIGN_LEFT, 0, line);
    }
}

static void
draw_body (Pen *pen)
{
  const RctReportIssue *issue = pen->issue;
  g_autofree char *date = rct_report_language_date (issue->language, issue->issue_date);

  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    {
      paragraphs (pen, HEADING1_FONTS, BODY_SIZE, PANGO_ALIGN_LEFT, 2 * BODY_SIZE,
                  rct_report_issue_section_label (i, issue->language));
      paragraphs (pen, BODY_FONTS, BODY_SIZE, PANGO_ALIGN_LEFT, 2 * BODY_SIZE, issue->sections[i]);
    }
  if (issue->attachments != NULL && issue->attachments[0] != NULL)
    {
      pen->y += PITCH;
      for (guint i = 0; issue->attachments[i] != NULL; i++)
        {
          gboolean chinese = g_strcmp0 (rct_report_language_normalize (issue->language), "zh_CN") == 0;
          const char *lead = i == 0 ? tr (pen, N_("Attachments:")) : chinese ? "　　　" : "";
          g_autofree char *line = g_strdup_printf ("%s%s%u. %s", lead, !chinese && i == 0 ? " " : "",
                                                   i + 1,
                                                   rct_report_issue_attachment_label (issue->attachments[i],
                                                                                      issue->language));
          paragraphs (pen, BODY_FONTS, BODY_SIZE, PANGO_ALIGN_LEFT, 2 * BODY_SIZE, line);
        }
    }
  pen->y += PITCH;
  paragraphs (pen, BODY_FONTS, BODY_SIZE, PANGO_ALIGN_RIGHT, 0, issue->organisation);
  paragraphs (pen, BODY_FONTS, BODY_SIZE, PANGO_ALIGN_RIGHT, 0, date);
  pen->y += PITCH / 2;
  if (issue->signed_off_by != NULL)
    {
      g_autofree char *line = g_strdup_printf (tr (pen, N_("Signed off by: %s")), issue->signed_off_by);
      paragraphs (pen, BODY_FONTS, BODY_SIZE, PANGO_ALIGN_LEFT, 0, line);
    }
  if (issue->drafted_by != NULL)
    {
      g_autofree char *line = g_strdup_printf (tr (pen, N_("Drafted by: %s")), issue->drafted_by);
      paragraphs (pen, BODY_FONTS, BODY_SIZE, PANGO_ALIGN_LEFT, 0, line);
    }
  /* The record at the foot (版记): who gets a copy, between rules. */
  if (issue->copied_to != NULL)
    {
      g_autofree char *line = g_strdup_printf (tr (pen, N_("Copied to: %s")), issue->copied_to);

      if (pen->y + 2 * PITCH > pen->height - pen->bottom)
        new_page (pen, FALSE);
      pen->y += PITCH / 2;
      rule (pen, 0, 1.0);
      paragraphs (pen, BODY_FONTS, 14.0, PANGO_ALIGN_LEFT, 14.0, line);
      rule (pen, 0, 1.0);
    }
}

static double
table_row_height (Pen          *pen,
                  char        **cells,
                  const double *widths,
                  gboolean      bold,
                  PangoLayout **layouts)
{
  double height = 0;

  for (guint c = 0; cells[c] != NULL; c++)
    {
      int h = 0;

      layouts[c] = make_layout (pen, c == 0 && bold ? HEADING1_FONTS : BODY_FONTS, TABLE_SIZE, bold,
                                widths[c] - 6, PANGO_ALIGN_LEFT, 0, cells[c]);
      pango_layout_get_size (layouts[c], NULL, &h);
      height = MAX (height, (double) h / PANGO_SCALE + 6);
    }
  return height;
}

static void
table_row (Pen          *pen,
           char        **cells,
           const double *widths,
           gboolean      bold)
{
  guint n = g_strv_length (cells);
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, n + 1);
  double height = table_row_height (pen, cells, widths, bold, layouts);
  double x = pen->left;

  for (guint c = 0; c < n; c++)
    {
      cairo_rectangle (pen->cr, x, pen->y, widths[c], height);
      cairo_set_line_width (pen->cr, 0.6);
      cairo_stroke (pen->cr);
      cairo_move_to (pen->cr, x + 3, pen->y + 3);
      pango_cairo_show_layout (pen->cr, layouts[c]);
      g_object_unref (layouts[c]);
      x += widths[c];
    }
  pen->y += height;
}

static void
draw_table (Pen       *pen,
            GPtrArray *rows,
            gboolean   landscape)
{
  char **head = g_ptr_array_index (rows, 0);
  guint n = g_strv_length (head);
  g_autofree double *weights = g_new0 (double, n);
  g_autofree double *widths = g_new0 (double, n);
  double total = 0;

  /* Column widths by the longest text in each, within bounds. */
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      for (guint c = 0; c < n && cells[c] != NULL; c++)
        weights[c] = MAX (weights[c], rct_report_issue_cell_weight (cells[c]));
    }
  for (guint c = 0; c < n; c++)
    total += weights[c];
  for (guint c = 0; c < n; c++)
    widths[c] = text_width (pen) * weights[c] / total;

  table_row (pen, head, widths, TRUE);
  for (guint r = 1; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      g_autofree PangoLayout **probe = g_new0 (PangoLayout *, n + 1);
      double height = table_row_height (pen, cells, widths, FALSE, probe);

      for (guint c = 0; c < n; c++)
        g_clear_object (&probe[c]);
      if (pen->y + height > pen->height - pen->bottom)
        {
          new_page (pen, landscape);
          table_row (pen, head, widths, TRUE);
        }
      table_row (pen, cells, widths, FALSE);
    }
}

static gboolean
draw_attachments (Pen       *pen,
                  RctStore  *store,
                  GError   **error)
{
  const RctReportIssue *issue = pen->issue;

  for (guint i = 0; issue->attachments != NULL && issue->attachments[i] != NULL; i++)
    {
      const char *key = issue->attachments[i];
      g_autoptr(GPtrArray) rows = rct_report_issue_list_attachment (store, issue, key, error);
      g_autofree char *index = NULL, *heading = NULL;
      gboolean landscape;

      if (rows == NULL)
        return FALSE;
      landscape = g_strv_length (g_ptr_array_index (rows, 0)) > 4;
      new_page (pen, landscape);
      index = g_strdup_printf ("%u", i + 1);
      heading = g_strdup_printf (tr (pen, N_("Attachment %1$s: %2$s")), index,
                                 rct_report_issue_attachment_label (key, issue->language));
      paragraphs (pen, HEADING1_FONTS, BODY_SIZE, PANGO_ALIGN_LEFT, 0, heading);
      pen->y += PITCH / 2;
      draw_table (pen, rows, landscape);
    }
  return TRUE;
}

/**
 * rct_report_official_write_pdf:
 *
 * Writes @issue as an official document in PDF at @path, with its
 * attachments' tables for the report's period. The file appears whole or
 * not at all.
 */
gboolean
rct_report_official_write_pdf (RctStore             *store,
                               const RctReportIssue *issue,
                               const char           *path,
                               GError              **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  Pen pen = { 0 };
  cairo_status_t status;
  gboolean ok;

  pen.issue = issue;
  pen.surface = cairo_pdf_surface_create (partial, A4_SHORT, A4_LONG);
  if (cairo_surface_status (pen.surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s."), path,
                   cairo_status_to_string (cairo_surface_status (pen.surface)));
      cairo_surface_destroy (pen.surface);
      return FALSE;
    }
  if (issue->title != NULL)
    cairo_pdf_surface_set_metadata (pen.surface, CAIRO_PDF_METADATA_TITLE, issue->title);
  cairo_pdf_surface_set_metadata (pen.surface, CAIRO_PDF_METADATA_CREATOR, "Rectify " PACKAGE_VERSION);
  pen.cr = cairo_create (pen.surface);
  new_page (&pen, FALSE);
  draw_head (&pen);
  draw_body (&pen);
  ok = draw_attachments (&pen, store, error);
  draw_page_number (&pen);
  cairo_show_page (pen.cr);
  cairo_destroy (pen.cr);
  rct_pdf_surface_finish (pen.surface);
  status = cairo_surface_status (pen.surface);
  cairo_surface_destroy (pen.surface);
  if (!ok)
    {
      g_remove (partial);
      return FALSE;
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

static gboolean
family_installed (PangoFontFamily **families,
                  int               n,
                  const char       *name)
{
  for (int i = 0; i < n; i++)
    if (g_ascii_strcasecmp (pango_font_family_get_name (families[i]), name) == 0 ||
        g_strcmp0 (pango_font_family_get_name (families[i]), name) == 0)
      return TRUE;
  return FALSE;
}

/**
 * rct_report_official_dup_font_note:
 *
 * Which of the office's fonts the official PDF finds on this computer,
 * in one sentence for the window.
 *
 * Returns: (transfer full):
 */
char *
rct_report_official_dup_font_note (void)
{
  const char *office[] = { "方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体" };
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *list = NULL;
  int n = 0;

  pango_font_map_list_families (map, &families, &n);
  for (guint i = 0; i < G_N_ELEMENTS (office); i++)
    if (!family_installed (families, n, office[i]))
      g_ptr_array_add (missing, (gpointer) office[i]);
  g_free (families);
  if (missing->len == 0)
    return g_strdup (_("The official PDF uses the office's fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体)."));
  g_ptr_array_add (missing, NULL);
  list = g_strjoinv (", ", (char **) missing->pdata);
  /* Translators: %s lists font names */
  return g_strdup_printf (_("Not installed: %s. The official PDF uses Noto CJK in their place; install the office's fonts for the exact look."),
                          list);
}
