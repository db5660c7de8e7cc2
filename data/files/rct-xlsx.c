/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-xlsx"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#ifdef HAVE_XLSXWRITER
# include <xlsxwriter.h>
#endif

#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-xlsx.h"

/* The lists as an Excel workbook (libxlsxwriter): the same columns as the
 * CSV, a bold header row that stays in view, widths that fit, dates as
 * dates and counts as numbers, so the office can sort and sum them. */

gboolean
rct_xlsx_available (void)
{
#ifdef HAVE_XLSXWRITER
  return TRUE;
#else
  return FALSE;
#endif
}

#ifdef HAVE_XLSXWRITER

typedef struct
{
  lxw_worksheet *sheet;
  lxw_format    *date_format;
  GPtrArray     *header;   /* column keys */
  GArray        *widths;   /* double */
  lxw_row_t      row;
  GString       *csv_line;
} SheetState;

static void
widen (SheetState *state,
       guint       column,
       const char *text)
{
  double width = 2;
  double *current = &g_array_index (state->widths, double, column);

  /* A CJK character is about two Latin ones wide. */
  for (const char *c = text; c != NULL && *c; c = g_utf8_next_char (c))
    width += g_unichar_iswide (g_utf8_get_char (c)) ? 2.1 : 1.1;
  if (width > *current)
    *current = MIN (width, 60);
}

#endif

/**
 * rct_xlsx_export:
 *
 * Writes the records @filter matches as an .xlsx workbook at @path. The
 * cells hold what the CSV holds, typed.
 */
gboolean
rct_xlsx_export (RctStore         *store,
                 RctKind           kind,
                 const RctFilter  *filter,
                 const char       *path,
                 GError          **error)
{
#ifndef HAVE_XLSXWRITER
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("This copy of Rectify was built without Excel (XLSX) export; export CSV instead."));
  return FALSE;
#else
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold, *date_format;
  g_autoptr(GArray) widths = NULL;
  lxw_error status;

  /* The CSV writer already knows the columns, labels and order: write that
   * to memory, read it back, and type each cell. */
  if (!rct_csv_export (store, kind, filter, memory, NULL, error) ||
      !g_output_stream_close (memory, NULL, error))
    return FALSE;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  table = rct_csv_parse (bytes, error);
  if (table == NULL)
    return FALSE;

  workbook = workbook_new (partial);
  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”."), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, NULL);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  date_format = workbook_add_format (workbook);
  format_set_num_format (date_format, "yyyy-mm-dd");
  widths = g_array_sized_new (FALSE, TRUE, sizeof (double), table->header->len);
  g_array_set_size (widths, table->header->len);

  {
    SheetState state = { sheet, date_format, table->header, widths, 0, NULL };

    for (guint c = 0; c < table->header->len; c++)
      {
        worksheet_write_string (sheet, 0, c, g_ptr_array_index (table->header, c), bold);
        widen (&state, c, g_ptr_array_index (table->header, c));
      }
    for (guint r = 0; r < table->rows->len; r++)
      {
        GPtrArray *row = g_ptr_array_index (table->rows, r);

        for (guint c = 0; c < row->len && c < table->header->len; c++)
          {
            const char *text = g_ptr_array_index (row, c);
            GDate date;
            gint64 number;

            if (text == NULL || *text == '\0')
              continue;
            if (rct_date_parse (text, &date))
              {
                lxw_datetime when = { g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                                      0, 0, 0 };
                worksheet_write_datetime (sheet, r + 1, c, &when, date_format);
                widen (&state, c, "2021-01-01");
              }
            else if (g_ascii_string_to_signed (text, 10, 0, G_MAXINT32, &number, NULL) &&
                     strlen (text) < 10 && text[0] != '0')
              {
                worksheet_write_number (sheet, r + 1, c, (double) number, NULL);
                widen (&state, c, text);
              }
            else
              {
                worksheet_write_string (sheet, r + 1, c, text, NULL);
                widen (&state, c, text);
              }
          }
      }
  }
  for (guint c = 0; c < widths->len; c++)
    worksheet_set_column (sheet, c, c, g_array_index (widths, double, c), NULL);
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_autofilter (sheet, 0, 0, MAX (table->rows->len, 1), table->header->len - 1);

  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s."), path,
                   lxw_strerror (status));
      return FALSE;
    }
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Cannot write “%s”: %s."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
#endif
}
