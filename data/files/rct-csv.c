/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-job-progress.h"
#include "rct-jobs-private.h"
#include "rct-safe-name.h"
#include "rct-store-private.h"
#include "rct-vocabulary.h"

/* Spreadsheet exchange: every list out as CSV (UTF-8 with a byte-order mark,
 * so Excel opens Chinese correctly), and problems in from an office's old
 * Excel ledger. An import checks every row first, through the store's own
 * checks, inside one transaction: nothing is written unless every row is
 * good, or the person chose to take only the good rows. Excel in China
 * saves CSV as GB18030 by default; such a file is read as that. */

G_DEFINE_QUARK (rct-csv-error-quark, rct_csv_error)

void (*_rct_csv_import_row_hook) (guint row) = NULL;

/* Every size bounded before it is held: the file, the columns of a row,
 * a field (a problem's description is bounded again by the store), and
 * the cells in all (each costs a small allocation: a file of commas would
 * otherwise cost fifty times its size). */
#define MAX_CSV_BYTES (64 * 1024 * 1024)
#define MAX_CSV_FIELDS 1000
#define MAX_CSV_FIELD_BYTES (64 * 1024)
#define MAX_CSV_CELLS 2000000
#define MAX_CSV_HEADER_CHARS 200

typedef struct
{
  const char    *column;
  const char    *label;
  const char    *field;   /* record field to read for export */
  int            vocab;   /* RctVocabulary, or -1 */
  const char    *aliases; /* headers office spreadsheets use, '|'-separated */
} CsvColumn;

static const CsvColumn problem_columns[] = {
  { "number", N_("Number"), "number", -1, "编号|台账编号|问题编号" },
  { "description", N_("Description"), "description", -1, "问题描述|问题|问题内容|存在问题" },
  { "source", N_("Source"), "source", RCT_VOCAB_PROBLEM_SOURCE, "来源|问题来源" },
  { "category", N_("Category"), "category", -1, "类别|问题类别|问题类型" },
  { "unit", N_("Unit"), "unit_name", -1, "单位|责任单位|涉及单位" },
  { "group", N_("Working group"), "group_name", -1, "工作组|专项工作组" },
  { "responsible", N_("Responsible person"), "responsible_name", -1, "责任人|整改责任人" },
  { "found_date", N_("Found"), "found_date", -1, "发现日期|发现时间" },
  { "deadline", N_("Deadline"), "deadline", -1, "整改期限|期限|整改时限|完成时限" },
  { "status", N_("Status"), "status", RCT_VOCAB_PROBLEM_STATUS, "状态|整改状态|整改情况" },
  { "verification", N_("Verification"), "verification", -1, "核查情况|验收情况" },
  { "verified_by", N_("Verified by"), "verified_by", -1, "核查人|验收人" },
  { "closed_date", N_("Closed"), "closed_date", -1, "销号日期|完成日期|整改完成日期" },
  { "mechanism", N_("Lasting mechanism"), "mechanism", -1, "长效机制|立长久|建章立制" },
  /* Issue 18: 一岗双责 names the leader (the unit's head unless another is
   * named); severity and cause analysis. */
  { "severity", N_("Severity"), "severity", RCT_VOCAB_SEVERITY, "问题性质|性质|严重程度" },
  { "leader", N_("Responsible leader"), "leader_name", -1, "责任领导|分管领导|主要负责人" },
  { "cause", N_("Cause analysis"), "cause", -1, "原因分析|问题原因|原因" },
};

static const CsvColumn task_columns[] = {
  { "group", N_("Working group"), "group_name", -1 },
  { "title", N_("Title"), "title", -1 },
  { "kind", N_("Kind"), "kind", RCT_VOCAB_TASK_KIND },
  { "owner", N_("Owner"), "owner_name", -1 },
  { "unit", N_("Unit"), "unit_name", -1 },
  { "phase", N_("Phase"), "phase", RCT_VOCAB_PHASE },
  { "start_date", N_("Start"), "start_date", -1 },
  { "deadline", N_("Deadline"), "deadline", -1 },
  { "status", N_("Status"), "status", RCT_VOCAB_TASK_STATUS },
  { "target_count", N_("Target"), "target_count", -1 },
  { "done_count", N_("Done"), "done_count", -1 },
  { "note", N_("Note"), "note", -1 },
};

static const CsvColumn feedback_columns[] = {
  { "supervisor", N_("Supervisor"), "supervisor_name", -1 },
  { "received_date", N_("Received"), "received_date", -1 },
  { "channel", N_("Channel"), "channel", RCT_VOCAB_FEEDBACK_CHANNEL },
  { "unit", N_("Unit"), "unit_name", -1 },
  { "kind", N_("Kind"), "kind", RCT_VOCAB_FEEDBACK_KIND },
  { "content", N_("Content"), "content", -1 },
  { "reply_due", N_("Reply due"), "reply_due", -1 },
  { "reply", N_("Reply"), "reply", -1 },
  { "reply_date", N_("Replied"), "reply_date", -1 },
  { "satisfaction", N_("Satisfaction"), "satisfaction", RCT_VOCAB_SATISFACTION },
  { "problem", N_("Problem"), "problem_number", -1 },
};

static const CsvColumn supervisor_columns[] = {
  { "name", N_("Name"), "name", -1 },
  { "category", N_("Category"), "category", RCT_VOCAB_SUPERVISOR_CATEGORY },
  { "organisation", N_("Organisation"), "organisation", -1 },
  { "contact", N_("Contact"), "contact", -1 },
  { "appointed", N_("Appointed"), "appointed", -1 },
  { "term_end", N_("End of term"), "term_end", -1 },
  { "active", N_("Active"), "active", -1 },
};

static const CsvColumn officer_columns[] = {
  { "name", N_("Name"), "name", -1, "姓名" },
  { "unit", N_("Unit"), "unit_name", -1, "单位|所在单位|部门" },
  { "police_number", N_("Police number"), "police_number", -1, "警号|警员编号" },
  { "kind", N_("Kind"), "kind", RCT_VOCAB_OFFICER_KIND, "类别|人员类别|身份" },
  { "in_service", N_("In service"), "in_service", -1, "在职|是否在职|在岗" },
};

static const CsvColumn enrolment_columns[] = {
  { "course", N_("Course"), "course_name", -1, "课程|培训班|班次" },
  { "officer", N_("Name"), "officer_name", -1, "姓名|学员|学员姓名" },
  { "police_number", N_("Police number"), "police_number", -1, "警号|警员编号" },
  { "unit", N_("Unit"), "unit_name", -1, "单位|所在单位|部门" },
  { "required_done", N_("Required hours done"), "required_done", -1, "必修学时|必修|已完成必修学时" },
  { "elective_done", N_("Elective hours done"), "elective_done", -1, "选修学时|选修|已完成选修学时" },
  { "certificate", N_("Certificate"), "certificate", -1, "证书|结业证书|证书编号" },
};

static const CsvColumn course_columns[] = {
  { "name", N_("Course"), "name", -1, "课程|培训班" },
  { "required_hours", N_("Required hours"), "required_hours", -1, "必修学时" },
  { "elective_hours", N_("Elective hours"), "elective_hours", -1, "选修学时" },
  { "start_date", N_("Start"), "start_date", -1, "开始日期" },
  { "end_date", N_("End"), "end_date", -1, "结束日期" },
  { "enrolled_count", N_("Enrolled"), "enrolled_count", -1, "报名人数" },
};

static const CsvColumn activity_series_columns[] = {
  { "name", N_("Activity"), "name", -1, "活动|活动名称" },
  { "kind", N_("Kind"), "kind", RCT_VOCAB_ACTIVITY_KIND, "类别" },
  { "target", N_("Target"), "target", -1, "目标" },
  { "done_count", N_("Done"), "done_count", -1, "完成" },
  { "start_date", N_("Start"), "start_date", -1, "开始日期" },
  { "end_date", N_("End"), "end_date", -1, "结束日期" },
};

static const CsvColumn activity_entry_columns[] = {
  { "series", N_("Activity"), "series_name", -1, "活动|活动名称" },
  { "date", N_("Date"), "date", -1, "日期|时间" },
  { "person", N_("Reader or author"), "person", -1, "领读人|作者|人员|主讲人" },
  { "unit", N_("Unit"), "unit_name", -1, "单位|所在单位" },
  { "place", N_("Place"), "place", -1, "学校|地点" },
  { "topic", N_("Topic"), "topic", -1, "主题|题目|内容" },
  { "audience", N_("Audience"), "audience", -1, "人数|受众|参加人数" },
  { "done", N_("Done"), "done", -1, "已发布|完成|是否完成" },
};

static const CsvColumn accountability_columns[] = {
  { "date", N_("Date"), "date", -1, "日期|时间" },
  { "kind", N_("Kind"), "kind", RCT_VOCAB_ACCOUNTABILITY_KIND, "问责方式|类别" },
  { "person", N_("Person held to account"), "person_name", -1, "被问责人|问责对象" },
  { "unit", N_("Unit"), "unit_name", -1, "单位|所在单位" },
  { "problems", N_("Problems"), "problems", -1, "涉及问题|问题编号" },
  { "reason", N_("Reason"), "reason", -1, "问责事由|事由" },
  { "decided_by", N_("Decided by"), "decided_by", -1, "决定机关|决定人" },
  { "document", N_("Document number"), "document", -1, "文号" },
};

static const CsvColumn visit_columns[] = {
  { "date", N_("Date"), "date", -1, "日期|时间" },
  { "team", N_("Team"), "team", -1, "督导组|检查组" },
  { "method", N_("Method"), "method", RCT_VOCAB_VISIT_METHOD, "方式|检查方式" },
  { "units", N_("Units visited"), "units", -1, "被检查单位|单位" },
  { "findings", N_("Findings"), "findings", -1, "发现问题" },
  { "problems", N_("Problems"), "problems", -1, "问题编号" },
};

static const CsvColumn *
columns_of (RctKind  kind,
            guint   *n)
{
  switch (kind)
    {
    case RCT_KIND_PROBLEM: *n = G_N_ELEMENTS (problem_columns); return problem_columns;
    case RCT_KIND_TASK: *n = G_N_ELEMENTS (task_columns); return task_columns;
    case RCT_KIND_FEEDBACK: *n = G_N_ELEMENTS (feedback_columns); return feedback_columns;
    case RCT_KIND_SUPERVISOR: *n = G_N_ELEMENTS (supervisor_columns); return supervisor_columns;
    case RCT_KIND_OFFICER: *n = G_N_ELEMENTS (officer_columns); return officer_columns;
    case RCT_KIND_ENROLMENT: *n = G_N_ELEMENTS (enrolment_columns); return enrolment_columns;
    case RCT_KIND_ACTIVITY_ENTRY: *n = G_N_ELEMENTS (activity_entry_columns); return activity_entry_columns;
    case RCT_KIND_COURSE: *n = G_N_ELEMENTS (course_columns); return course_columns;
    case RCT_KIND_ACTIVITY_SERIES: *n = G_N_ELEMENTS (activity_series_columns); return activity_series_columns;
    case RCT_KIND_ACCOUNTABILITY: *n = G_N_ELEMENTS (accountability_columns); return accountability_columns;
    case RCT_KIND_VISIT: *n = G_N_ELEMENTS (visit_columns); return visit_columns;
    default: *n = 0; return NULL;
    }
}

/**
 * rct_csv_columns:
 *
 * Returns: (transfer none): the column keys of a kind's CSV, %NULL-ended
 */
const char * const *
rct_csv_columns (RctKind kind)
{
  static GPtrArray *cache[RCT_N_KINDS];
  guint n;
  const CsvColumn *columns = columns_of (kind, &n);

  if (columns == NULL)
    return NULL;
  if (g_once_init_enter (&cache[kind]))
    {
      GPtrArray *keys = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (keys, (gpointer) columns[i].column);
      g_ptr_array_add (keys, NULL);
      g_once_init_leave (&cache[kind], keys);
    }
  return (const char * const *) cache[kind]->pdata;
}

/**
 * rct_csv_column_label:
 *
 * Returns: the translated header of a problem column key
 */
const char *
rct_csv_column_label (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (problem_columns); i++)
    if (g_str_equal (problem_columns[i].column, column))
      return _(problem_columns[i].label);
  return column;
}

/* ---- writing ---- */

static void
append_field (GString    *line,
              const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *c);
    }
  g_string_append_c (line, '"');
}

typedef struct
{
  const CsvColumn *columns;
  guint            n_columns;
  GOutputStream   *out;
  GCancellable    *cancellable;
  GError          *error;
  GString         *buffer;
} ExportState;

static gboolean
flush_buffer (ExportState *state)
{
  gboolean ok = g_output_stream_write_all (state->out, state->buffer->str, state->buffer->len, NULL,
                                           state->cancellable, &state->error);
  g_string_truncate (state->buffer, 0);
  return ok;
}

static gboolean
export_record_cb (RctRecord *record,
                  gpointer   user_data)
{
  ExportState *state = user_data;

  for (guint i = 0; i < state->n_columns; i++)
    {
      const CsvColumn *column = &state->columns[i];
      g_autofree char *value = rct_record_dup_value (record, column->field);

      if (i > 0)
        g_string_append_c (state->buffer, ',');
      if (column->vocab >= 0 && value != NULL)
        append_field (state->buffer, rct_vocabulary_label (column->vocab, value));
      else if ((g_str_equal (column->column, "active") || g_str_equal (column->column, "in_service") ||
                g_str_equal (column->column, "done")) && value != NULL)
        append_field (state->buffer, g_str_equal (value, "1") ? _("yes") : _("no"));
      else
        append_field (state->buffer, value);
    }
  g_string_append (state->buffer, "\r\n");
  if (state->buffer->len > 64 * 1024)
    return flush_buffer (state);
  return TRUE;
}

/**
 * rct_csv_export:
 *
 * Writes the records @filter matches, in its order, as CSV: a byte-order
 * mark, a header row of translated column names, CRLF line ends, dates as
 * YYYY-MM-DD, word lists as their translated labels. Streams, so a million
 * problems take no more memory than ten.
 */
gboolean
rct_csv_export (RctStore         *store,
                RctKind           kind,
                const RctFilter  *filter,
                GOutputStream    *out,
                GCancellable     *cancellable,
                GError          **error)
{
  ExportState state = { 0 };

  state.columns = columns_of (kind, &state.n_columns);
  g_return_val_if_fail (state.columns != NULL, FALSE);
  state.out = out;
  state.cancellable = cancellable;
  state.buffer = g_string_new ("\xEF\xBB\xBF");

  for (guint i = 0; i < state.n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (state.buffer, ',');
      append_field (state.buffer, _(state.columns[i].label));
    }
  g_string_append (state.buffer, "\r\n");

  if (!rct_store_foreach (store, kind, filter, export_record_cb, &state, error))
    {
      g_string_free (state.buffer, TRUE);
      g_clear_error (&state.error);
      return FALSE;
    }
  if (state.error == NULL)
    flush_buffer (&state);
  g_string_free (state.buffer, TRUE);
  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }
  return TRUE;
}

/* ---- reading ---- */

void
rct_csv_table_free (RctCsvTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->header, g_ptr_array_unref);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->lines, g_array_unref);
  g_free (table);
}

static void
too_large (GError **error)
{
  g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED,
               _("The file is larger than %d MB; split it into smaller files."), MAX_CSV_BYTES / 1024 / 1024);
}

static void
field_too_long (GError **error,
                guint    line)
{
  g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED,
               _("Line %u has a field longer than %d KB; no cell of a ledger is that long. Check the quotes in "
                 "that line."), line, MAX_CSV_FIELD_BYTES / 1024);
}

/**
 * rct_csv_read_stream:
 *
 * Reads a CSV file from @in, holding no more than the size limit however
 * much the stream has (a pipe has no size to ask first), and parses it.
 *
 * Returns: (transfer full) (nullable):
 */
RctCsvTable *
rct_csv_read_stream (GInputStream  *in,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint8 chunk[64 * 1024];

  for (;;)
    {
      gssize n = g_input_stream_read (in, chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > MAX_CSV_BYTES)
        {
          too_large (error);
          return NULL;
        }
      g_byte_array_append (data, chunk, n);
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return rct_csv_parse (bytes, error);
}

/**
 * rct_csv_read_file:
 *
 * Reads and parses a CSV file: a file over the size limit is refused by
 * its size before a byte of it is read.
 *
 * Returns: (transfer full) (nullable):
 */
RctCsvTable *
rct_csv_read_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, error);
  g_autoptr(GFileInputStream) in = NULL;

  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && g_file_info_get_size (info) > MAX_CSV_BYTES)
    {
      too_large (error);
      return NULL;
    }
  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  return rct_csv_read_stream (G_INPUT_STREAM (in), cancellable, error);
}

/**
 * rct_csv_parse:
 *
 * Reads RFC 4180 CSV: quoted fields with "" inside, line breaks inside
 * quotes, CRLF or LF, a byte-order mark; UTF-8, or GB18030 as Excel in
 * Chinese writes it. Empty lines are skipped.
 *
 * Returns: (transfer full) (nullable):
 */
RctCsvTable *
rct_csv_parse (GBytes  *bytes,
               GError **error)
{
  g_autoptr(RctCsvTable) table = g_new0 (RctCsvTable, 1);
  g_autofree char *converted = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  g_autoptr(GPtrArray) row = NULL;
  const char *text;
  gsize length;
  guint line = 1, row_line = 1;
  guint64 cells = 0;
  gboolean quoted = FALSE, after_quote = FALSE, field_started = FALSE;

  text = g_bytes_get_data (bytes, &length);
  if (length > MAX_CSV_BYTES)
    {
      too_large (error);
      return NULL;
    }
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      converted = g_convert (text, length, "UTF-8", "GB18030", NULL, &length, NULL);
      if (converted == NULL)
        {
          g_set_error_literal (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED,
                               _("The file is neither UTF-8 nor GB18030 text; save it from the spreadsheet as "
                                 "“CSV UTF-8” and try again."));
          return NULL;
        }
      text = converted;
    }

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  table->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  row = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i <= length; i++)
    {
      char c = i < length ? text[i] : '\n';
      gboolean at_end = i == length;

      if (quoted)
        {
          if (at_end)
            {
              g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED,
                           _("Line %u: a quoted field is never closed."), row_line);
              return NULL;
            }
          if (c == '"')
            {
              if (i + 1 < length && text[i + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  i++;
                }
              else
                {
                  quoted = FALSE;
                  after_quote = TRUE;
                }
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          if (field->len > MAX_CSV_FIELD_BYTES)
            {
              field_too_long (error, row_line);
              return NULL;
            }
          continue;
        }

      if (c == '"' && !field_started)
        {
          quoted = TRUE;
          field_started = TRUE;
          continue;
        }
      if (c == ',' || c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
          if (c == ',' || field_started || row->len > 0)
            {
              if (row->len == MAX_CSV_FIELDS)
                {
                  g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED,
                               _("Line %u has more than %d columns; no ledger has that many. Check that it is "
                                 "the right file."), row_line, MAX_CSV_FIELDS);
                  return NULL;
                }
              if (++cells > MAX_CSV_CELLS)
                {
                  g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED,
                               _("The file has more than %d cells (at line %u); split it into smaller files."),
                               MAX_CSV_CELLS, row_line);
                  return NULL;
                }
              /* A column name is shown and remembered: one visible line. */
              g_ptr_array_add (row, table->header == NULL ? rct_safe_label (field->str, MAX_CSV_HEADER_CHARS)
                                                          : g_strdup (field->str));
              g_string_truncate (field, 0);
            }
          field_started = FALSE;
          after_quote = FALSE;
          if (c != ',')
            {
              if (row->len > 0)
                {
                  if (table->header == NULL)
                    table->header = g_steal_pointer (&row);
                  else
                    {
                      g_ptr_array_add (table->rows, g_steal_pointer (&row));
                      g_array_append_val (table->lines, row_line);
                    }
                  row = g_ptr_array_new_with_free_func (g_free);
                }
              line++;
              row_line = line;
            }
          continue;
        }
      if (after_quote)
        {
          g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED,
                       _("Line %u: text follows a closing quote; check the quotes in that line."), line);
          return NULL;
        }
      field_started = TRUE;
      g_string_append_c (field, c);
      if (field->len > MAX_CSV_FIELD_BYTES)
        {
          field_too_long (error, row_line);
          return NULL;
        }
    }

  if (table->header == NULL)
    {
      g_set_error_literal (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED,
                           _("The file is empty; it needs a header row naming the columns."));
      return NULL;
    }
  return g_steal_pointer (&table);
}

static const CsvColumn *
column_for_header (RctKind     kind,
                   const char *header)
{
  g_autofree char *stripped = g_strstrip (g_strdup (header));
  guint n;
  const CsvColumn *columns = columns_of (kind, &n);

  for (guint i = 0; i < n; i++)
    {
      const CsvColumn *column = &columns[i];
      g_auto(GStrv) aliases = g_strsplit (column->aliases != NULL ? column->aliases : "", "|", -1);

      if (g_ascii_strcasecmp (stripped, column->column) == 0 ||
          g_ascii_strcasecmp (stripped, column->label) == 0 ||
          g_strcmp0 (stripped, g_dgettext (GETTEXT_PACKAGE, column->label)) == 0 ||
          g_strv_contains ((const char * const *) aliases, stripped))
        return column;
    }
  return NULL;
}

/**
 * rct_csv_guess_mapping:
 *
 * Maps header names to problem fields where the header says the field's
 * key or its name (in English or the current language).
 *
 * Returns: (transfer full) (element-type utf8 guint): field → column
 *   index + 1
 */
GHashTable *
rct_csv_guess_mapping (RctCsvTable *table)
{
  return rct_csv_guess_mapping_for (RCT_KIND_PROBLEM, table);
}

/**
 * rct_csv_guess_mapping_for:
 *
 * As rct_csv_guess_mapping(), for the columns of @kind's list.
 *
 * Returns: (transfer full) (element-type utf8 guint):
 */
GHashTable *
rct_csv_guess_mapping_for (RctKind      kind,
                           RctCsvTable *table)
{
  GHashTable *mapping = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < table->header->len; i++)
    {
      const CsvColumn *column = column_for_header (kind, g_ptr_array_index (table->header, i));
      if (column != NULL && !g_hash_table_contains (mapping, column->column))
        g_hash_table_insert (mapping, (gpointer) column->column, GUINT_TO_POINTER (i + 1));
    }
  return mapping;
}

/**
 * rct_csv_parse_mapping:
 * @text: "HEADER=field,HEADER=field"; fields by key (number, unit, …)
 *
 * A mapping given by the person, added to the guessed one.
 */
gboolean
rct_csv_parse_mapping (const char   *text,
                       RctCsvTable  *table,
                       GHashTable  **mapping,
                       GError      **error)
{
  return rct_csv_parse_mapping_for (RCT_KIND_PROBLEM, text, table, mapping, error);
}

gboolean
rct_csv_parse_mapping_for (RctKind       kind,
                           const char   *text,
                           RctCsvTable  *table,
                           GHashTable  **mapping,
                           GError      **error)
{
  g_auto(GStrv) pairs = g_strsplit (text != NULL ? text : "", ",", -1);

  *mapping = rct_csv_guess_mapping_for (kind, table);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);
      const CsvColumn *column = NULL;
      guint index = 0;

      if (*g_strstrip (pairs[i]) == '\0')
        continue;
      if (g_strv_length (pair) != 2)
        {
          g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MAPPING,
                       _("“%s” is not a mapping; write HEADER=field, e.g. 问题描述=description."), pairs[i]);
          return FALSE;
        }
      g_strstrip (pair[0]);
      g_strstrip (pair[1]);
      column = column_for_header (kind, pair[1]);
      for (guint j = 0; j < table->header->len; j++)
        if (g_strcmp0 (g_strstrip (g_ptr_array_index (table->header, j)), pair[0]) == 0)
          index = j + 1;
      if (column == NULL)
        {
          if (kind == RCT_KIND_PROBLEM)
            g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MAPPING,
                         _("“%s” is not a field of a problem."), pair[1]);
          else
            g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MAPPING,
                         _("“%s” is not a column of this list."), pair[1]);
          return FALSE;
        }
      if (index == 0)
        {
          g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MAPPING,
                       _("The file has no column “%s”."), pair[0]);
          return FALSE;
        }
      g_hash_table_insert (*mapping, (gpointer) column->column, GUINT_TO_POINTER (index));
    }
  return TRUE;
}

static void
row_problem_free (gpointer data)
{
  RctCsvRowProblem *problem = data;
  g_free (problem->reason);
  g_free (problem);
}

void
rct_csv_import_free (RctCsvImport *import)
{
  if (import == NULL)
    return;
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_free (import);
}

/* A word of a list as a key, or the text itself for the store to refuse. */
static const char *
key_for (RctVocabulary  vocab,
         const char    *text)
{
  const char *key = rct_vocabulary_find_key (vocab, text);
  return key != NULL ? key : text;
}

static const char *
cell (GPtrArray  *row,
      GHashTable *mapping,
      const char *field)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (mapping, field));
  const char *value;

  if (index == 0 || index > row->len)
    return NULL;
  value = g_ptr_array_index (row, index - 1);
  return value != NULL && *value ? value : NULL;
}

/* A date cell as the store keeps it: 2021/4/21, 2021.4.21 and 2021年4月21日
 * become 2021-04-21; what is not a date is passed on for the store to refuse
 * in its own words. */
static const char *
date_cell (GPtrArray   *row,
           GHashTable  *mapping,
           const char  *field,
           GPtrArray   *owned)
{
  const char *text = cell (row, mapping, field);
  char *read = rct_date_read (text, FALSE);

  if (read == NULL)
    return text;
  g_ptr_array_add (owned, read);
  return read;
}

static gboolean
import_row (RctStore    *store,
            GPtrArray   *row,
            GHashTable  *mapping,
            const char  *reason,
            GError     **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const char *status = cell (row, mapping, "status");
  const char *source = cell (row, mapping, "source");
  gint64 id = 0;
  static const char *plain[] = { "number", "description", "category", "unit", "group", "responsible",
                                 "mechanism", "leader", "cause" };
  const char *severity = cell (row, mapping, "severity");
  static const char *dates[] = { "found_date", "deadline" };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (cell (row, mapping, plain[i]) != NULL)
      g_hash_table_insert (values, (gpointer) plain[i], (gpointer) cell (row, mapping, plain[i]));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (cell (row, mapping, dates[i]) != NULL)
      g_hash_table_insert (values, (gpointer) dates[i], (gpointer) date_cell (row, mapping, dates[i], owned));
  if (source != NULL)
    g_hash_table_insert (values, "source", (gpointer) key_for (RCT_VOCAB_PROBLEM_SOURCE, source));
  if (severity != NULL)
    g_hash_table_insert (values, "severity", (gpointer) key_for (RCT_VOCAB_SEVERITY, severity));

  if (status != NULL)
    {
      status = key_for (RCT_VOCAB_PROBLEM_STATUS, status);
      if (!rct_vocabulary_has (RCT_VOCAB_PROBLEM_STATUS, status))
        {
          g_autofree char *keys = rct_vocabulary_keys (RCT_VOCAB_PROBLEM_STATUS);
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                       _("“%s” is not a known %s; use one of: %s."), status,
                       rct_vocabulary_name (RCT_VOCAB_PROBLEM_STATUS), keys);
          return FALSE;
        }
    }

  if (!rct_store_create (store, RCT_KIND_PROBLEM, values, &id, error))
    return FALSE;
  if (status != NULL && !g_str_equal (status, "registered"))
    return _rct_store_problem_set_state (store, id, status, cell (row, mapping, "verification"),
                                         cell (row, mapping, "verified_by"),
                                         date_cell (row, mapping, "closed_date", owned),
                                         reason, error);
  return TRUE;
}

/* One row of an import, written through @store; a GError of the row's own
 * makes it a bad row, a write error stops the import. */
typedef gboolean (*ImportRowFunc) (RctStore   *store,
                                   GPtrArray  *row,
                                   gpointer    data,
                                   GError    **error);

/* The row loop every import shares, inside the caller's transaction: each
 * row in a savepoint of its own, so a bad row undoes only itself and is
 * listed with its line and reason; a row with the wrong number of fields
 * is bad before it is tried. A cancel (seen before each row) or a failed
 * write returns FALSE, and the caller rolls everything back. @progress is
 * told the rows done so far, from this thread. */
static gboolean
import_rows (RctStore        *store,
             RctCsvTable     *table,
             ImportRowFunc    import_one,
             gpointer         data,
             RctCsvImport    *import,
             RctCsvProgress   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, i);
      guint line = g_array_index (table->lines, guint, i);
      g_autoptr(GError) row_error = NULL;

      if (_rct_csv_import_row_hook != NULL)
        _rct_csv_import_row_hook (i);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (i, table->rows->len, progress_data);
      import->rows++;
      if (row->len != table->header->len)
        {
          RctCsvRowProblem *problem = g_new0 (RctCsvRowProblem, 1);
          problem->line = line;
          problem->reason = g_strdup_printf (_("the row has %u fields but the header has %u"),
                                             row->len, table->header->len);
          g_ptr_array_add (import->problems, problem);
          continue;
        }
      if (!rct_store_begin (store, error))
        return FALSE;
      if (!import_one (store, row, data, &row_error))
        {
          RctCsvRowProblem *problem;

          rct_store_rollback (store);
          if (g_error_matches (row_error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE) ||
              g_error_matches (row_error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONNECTION_LOST) ||
              g_error_matches (row_error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY))
            {
              /* Not the row's fault: stop, write nothing. */
              g_propagate_error (error, g_steal_pointer (&row_error));
              return FALSE;
            }
          problem = g_new0 (RctCsvRowProblem, 1);
          problem->line = line;
          problem->reason = g_strdup (row_error->message);
          g_ptr_array_add (import->problems, problem);
          continue;
        }
      if (!rct_store_commit (store, error))
        return FALSE;
      import->imported++;
    }
  if (_rct_csv_import_row_hook != NULL)
    _rct_csv_import_row_hook (table->rows->len);
  /* The last chance: after this the rows are committed. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (table->rows->len, table->rows->len, progress_data);
  return TRUE;
}

/* After the rows: nothing is kept when a row is bad, unless the good ones
 * were asked for. */
static RctCsvImport *
finish_import (RctStore      *store,
               RctCsvImport  *import,
               gboolean       only_good_rows,
               GError       **error)
{
  g_autoptr(RctCsvImport) owned = import;

  if (owned->problems->len > 0 && !only_good_rows)
    {
      rct_store_rollback (store);
      owned->imported = 0;
      return g_steal_pointer (&owned);
    }
  if (!rct_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&owned);
}

typedef struct
{
  GHashTable *mapping;
  const char *reason;
} ProblemRows;

static gboolean
import_problem_row (RctStore   *store,
                    GPtrArray  *row,
                    gpointer    data,
                    GError    **error)
{
  ProblemRows *rows = data;

  return import_row (store, row, rows->mapping, rows->reason, error);
}

static RctCsvImport *import_problems (RctStore        *store,
                                      RctCsvTable     *table,
                                      GHashTable      *mapping,
                                      gboolean         only_good_rows,
                                      const char      *source_label,
                                      RctCsvProgress   progress,
                                      gpointer         progress_data,
                                      GCancellable    *cancellable,
                                      GError         **error);

/**
 * rct_csv_import_problems:
 * @mapping: (element-type utf8 guint): field → column index + 1
 * @only_good_rows: write the good rows even when some are bad
 *
 * Checks every row with the store's own checks, in one transaction. Unless
 * @only_good_rows, nothing is written when any row is bad. Each bad row is
 * listed with its line and reason.
 *
 * Returns: (transfer full) (nullable): what was read and written
 */
RctCsvImport *
rct_csv_import_problems (RctStore     *store,
                         RctCsvTable  *table,
                         GHashTable   *mapping,
                         gboolean      only_good_rows,
                         const char   *source_label,
                         GError      **error)
{
  return import_problems (store, table, mapping, only_good_rows, source_label, NULL, NULL, NULL, error);
}

/* Cancelled, nothing is written (the transaction is rolled back). */
static RctCsvImport *
import_problems (RctStore        *store,
                 RctCsvTable     *table,
                 GHashTable      *mapping,
                 gboolean         only_good_rows,
                 const char      *source_label,
                 RctCsvProgress   progress,
                 gpointer         progress_data,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(RctCsvImport) import = g_new0 (RctCsvImport, 1);
  g_autofree char *reason = g_strdup_printf (_("imported from %s"), source_label != NULL ? source_label : "CSV");
  static const char *required[] = { "description", "unit", "found_date", "deadline", "source" };
  ProblemRows rows = { mapping, reason };

  import->problems = g_ptr_array_new_with_free_func (row_problem_free);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!g_hash_table_contains (mapping, required[i]))
      {
        g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MAPPING,
                     _("No column gives the %s of a problem; name the column in the mapping."),
                     g_dgettext (GETTEXT_PACKAGE, rct_csv_column_label (required[i])));
        return NULL;
      }

  if (!rct_store_begin (store, error))
    return NULL;
  if (!import_rows (store, table, import_problem_row, &rows, import, progress, progress_data, cancellable, error))
    {
      rct_store_rollback (store);
      return NULL;
    }
  return finish_import (store, g_steal_pointer (&import), only_good_rows, error);
}

/* Yes or no as a spreadsheet writes it: 是/否, 在职/离职, yes/no, 1/0. */
static const char *
flag_for (const char *text)
{
  static const char *yes[] = { "1", "true", "yes", "y", "是", "在职", "在岗", "已发布", "完成", "已完成", NULL };
  static const char *no[] = { "0", "false", "no", "n", "否", "离职", "调离", "退休", "未发布", "未完成", NULL };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  if (g_strv_contains (yes, lower))
    return "1";
  if (g_strv_contains (no, lower))
    return "0";
  return text;
}

static gboolean
import_study_row (RctStore    *store,
                  RctKind      kind,
                  GPtrArray   *row,
                  GHashTable  *mapping,
                  const char  *course,
                  const char  *reason,
                  GError     **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;
  const CsvColumn *columns = columns_of (kind, &n);
  g_autoptr(RctRecord) officer = NULL;  /* its uuid is in @values */
  gint64 id = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *value = cell (row, mapping, columns[i].column);

      if (value == NULL)
        continue;
      if (columns[i].vocab >= 0)
        value = key_for (columns[i].vocab, value);
      else if (g_str_equal (columns[i].column, "in_service") || g_str_equal (columns[i].column, "done"))
        value = flag_for (value);
      g_hash_table_insert (values, (gpointer) columns[i].column, (gpointer) value);
    }

  switch (kind)
    {
    case RCT_KIND_OFFICER:
      if (!g_hash_table_contains (values, "kind"))
        g_hash_table_insert (values, "kind", "police");
      id = rct_store_find_officer (store, cell (row, mapping, "unit"), cell (row, mapping, "name"),
                                   cell (row, mapping, "police_number"));
      break;
    case RCT_KIND_ENROLMENT:
      {
        const char *number = cell (row, mapping, "police_number");
        const char *name = cell (row, mapping, "officer");
        gint64 officer_id;

        /* The officer by police number, else by unit and name. */
        g_hash_table_remove (values, "police_number");
        g_hash_table_remove (values, "unit");
        if (course != NULL)
          g_hash_table_insert (values, "course", (gpointer) course);
        officer_id = rct_store_find_officer (store, cell (row, mapping, "unit"), name, number);
        if (officer_id == 0)
          {
            g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                         _("No officer of the roster is “%s”; import the roster first."),
                         number != NULL ? number : name != NULL ? name : "");
            return FALSE;
          }
        /* By uuid: a police number may look like another officer's id. */
        officer = rct_store_get (store, RCT_KIND_OFFICER, officer_id, error);
        if (officer == NULL)
          return FALSE;
        g_hash_table_insert (values, "officer", (gpointer) rct_record_get_uuid (officer));
        id = rct_store_find_enrolment (store, g_hash_table_lookup (values, "course"), officer_id);
        if (id != 0)
          {
            g_hash_table_remove (values, "course");
            g_hash_table_remove (values, "officer");
          }
      }
      break;
    default:
      break;
    }

  if (id != 0)
    return rct_store_update (store, kind, id, values, reason, error);
  return rct_store_create (store, kind, values, NULL, error);
}

typedef struct
{
  RctKind     kind;
  GHashTable *mapping;
  const char *course;
  const char *reason;
} StudyRows;

static gboolean
import_study_row_cb (RctStore   *store,
                     GPtrArray  *row,
                     gpointer    data,
                     GError    **error)
{
  StudyRows *rows = data;

  return import_study_row (store, rows->kind, row, rows->mapping, rows->course, rows->reason, error);
}

/**
 * rct_csv_import_study:
 * @kind: %RCT_KIND_OFFICER (the personnel office's roster),
 *   %RCT_KIND_ENROLMENT (the training platform's export) or
 *   %RCT_KIND_ACTIVITY_ENTRY
 * @course: (nullable): for enrolments, the course every row is about
 *   unless the file names it
 *
 * As rct_csv_import_problems(): every row is checked by the store's own
 * checks in one transaction, and unless @only_good_rows nothing is written
 * when any row is bad. An officer already in the roster (same police
 * number, or same unit and name) and an officer already enrolled are
 * updated, so the same export can be read again.
 *
 * Returns: (transfer full) (nullable): what was read and written
 */
RctCsvImport *
rct_csv_import_study (RctStore     *store,
                      RctKind       kind,
                      RctCsvTable  *table,
                      GHashTable   *mapping,
                      const char   *course,
                      gboolean      only_good_rows,
                      const char   *source_label,
                      GError      **error)
{
  g_autoptr(RctCsvImport) import = g_new0 (RctCsvImport, 1);
  g_autofree char *reason = g_strdup_printf (_("imported from %s"), source_label != NULL ? source_label : "CSV");
  const char *required_officer[] = { "name", "unit", NULL };
  const char *required_enrolment[] = { "officer", NULL };
  const char *required_entry[] = { "series", "date", NULL };
  const char **required = kind == RCT_KIND_OFFICER ? required_officer
                          : kind == RCT_KIND_ENROLMENT ? required_enrolment : required_entry;
  guint n;
  const CsvColumn *columns = columns_of (kind, &n);
  StudyRows rows = { kind, mapping, course, reason };

  g_return_val_if_fail (kind == RCT_KIND_OFFICER || kind == RCT_KIND_ENROLMENT ||
                        kind == RCT_KIND_ACTIVITY_ENTRY, NULL);

  if (kind == RCT_KIND_ENROLMENT && course == NULL && !g_hash_table_contains (mapping, "course"))
    {
      g_set_error_literal (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MAPPING,
                           _("Name the course these hours are for; the file has no course column."));
      return NULL;
    }
  for (guint i = 0; required[i] != NULL; i++)
    if (!g_hash_table_contains (mapping, required[i]) &&
        !(kind == RCT_KIND_ENROLMENT && g_hash_table_contains (mapping, "police_number")))
      {
        const char *label = required[i];
        for (guint j = 0; j < n; j++)
          if (g_str_equal (columns[j].column, required[i]))
            label = g_dgettext (GETTEXT_PACKAGE, columns[j].label);
        g_set_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MAPPING,
                     _("No column of the file gives the %s; name the column in the mapping."), label);
        return NULL;
      }

  import->problems = g_ptr_array_new_with_free_func (row_problem_free);
  if (!rct_store_begin (store, error))
    return NULL;
  if (!import_rows (store, table, import_study_row_cb, &rows, import, NULL, NULL, NULL, error))
    {
      rct_store_rollback (store);
      return NULL;
    }
  return finish_import (store, g_steal_pointer (&import), only_good_rows, error);
}

/* The dry run of a problems import in a thread (issue 15): the window's
 * import dialog checks every row again at each change of the mapping, a
 * few seconds for a big file. The job writes the rows through a connection
 * of its own inside one transaction that it always rolls back, and stops
 * at the row where it sees a cancel: the dialog cancels the check of the
 * previous mapping when the clerk changes it. */

typedef struct
{
  char        *ledger_path;
  RctCsvTable *table;
  GHashTable  *mapping;
  char        *source_label;
} CheckJob;

static RctCsvTable *share_table  (RctCsvTable *table);
static GHashTable  *copy_mapping (GHashTable  *mapping);

static void
check_job_free (CheckJob *job)
{
  g_free (job->ledger_path);
  rct_csv_table_free (job->table);
  g_hash_table_unref (job->mapping);
  g_free (job->source_label);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  CheckJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  RctCsvImport *import = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  store = rct_store_open (job->ledger_path, RCT_STORE_OPEN_DEFER_CHECK, &error);
  if (store != NULL && rct_store_begin (store, &error))
    {
      import = import_problems (store, job->table, job->mapping, TRUE, job->source_label, NULL, NULL, cancellable,
                                &error);
      rct_store_rollback (store);
    }
  if (store != NULL)
    rct_store_close (store);
  if (import == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, import, (GDestroyNotify) rct_csv_import_free);
}

/**
 * rct_csv_check_problems_async:
 * @ledger_path: the ledger, written through a connection of the job's own
 *   in a transaction that is always rolled back
 * @table: the rows; the job keeps its own reference to them
 * @mapping: (element-type utf8 guint): copied
 *
 * What rct_csv_import_problems() would do with @table, without doing it,
 * in a thread. The ledger is left as it was, cancelled or not.
 */
void
rct_csv_check_problems_async (const char          *ledger_path,
                              RctCsvTable         *table,
                              GHashTable          *mapping,
                              const char          *source_label,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  g_return_if_fail (ledger_path != NULL && table != NULL && mapping != NULL);

  job = g_new0 (CheckJob, 1);
  job->ledger_path = g_strdup (ledger_path);
  job->table = share_table (table);
  job->mapping = copy_mapping (mapping);
  job->source_label = g_strdup (source_label);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rct_csv_check_problems_async);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * rct_csv_check_problems_finish:
 *
 * Returns: (transfer full) (nullable): what the import would read and
 *   write, and each bad row
 */
RctCsvImport *
rct_csv_check_problems_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The import itself in a thread (issue 15): a few thousand rows take
 * seconds. The job writes through a connection of its own in one
 * transaction, so a cancel, seen before each row, leaves the ledger as it
 * was; the rows done are told to the caller's main context now and then. */

typedef struct
{
  char           *ledger_path;
  char           *operator_name;
  RctCsvTable    *table;
  GHashTable     *mapping;
  gboolean        only_good_rows;
  char           *source_label;
  RctJobProgress *progress;
} ImportJob;

static RctCsvTable *
share_table (RctCsvTable *table)
{
  /* The rows are never changed once parsed: a job shares them. */
  RctCsvTable *shared = g_new0 (RctCsvTable, 1);

  shared->header = g_ptr_array_ref (table->header);
  shared->rows = g_ptr_array_ref (table->rows);
  shared->lines = g_array_ref (table->lines);
  return shared;
}

static GHashTable *
copy_mapping (GHashTable *mapping)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, mapping);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), value);
  return copy;
}

static void
import_job_free (ImportJob *job)
{
  g_free (job->ledger_path);
  g_free (job->operator_name);
  rct_csv_table_free (job->table);
  g_hash_table_unref (job->mapping);
  g_free (job->source_label);
  rct_job_progress_free (job->progress);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ImportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  RctCsvImport *import = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  store = rct_store_open (job->ledger_path, RCT_STORE_OPEN_DEFER_CHECK, &error);
  if (store != NULL)
    {
      rct_store_set_operator (store, job->operator_name);
      import = import_problems (store, job->table, job->mapping, job->only_good_rows, job->source_label,
                                rct_job_progress_tell, job->progress, cancellable, &error);
      rct_store_close (store);
    }
  if (import == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, import, (GDestroyNotify) rct_csv_import_free);
}

/**
 * rct_csv_import_problems_async:
 * @ledger_path: the ledger, written through a connection of the job's own
 * @operator_name: (nullable): who imports, for the journal
 * @table: the rows; the job keeps its own reference to them
 * @mapping: (element-type utf8 guint): copied
 * @progress: (nullable): told the rows done and the rows in all, in the
 *   main context of the caller's thread, until the result is told
 * @progress_data: for @progress; kept alive by the caller until then
 *
 * rct_csv_import_problems() in a thread, in one transaction: cancelled,
 * the ledger is left as it was. Other connections to the ledger (the
 * window's) learn of the new rows from rct_store_announce_changes().
 */
void
rct_csv_import_problems_async (const char          *ledger_path,
                               const char          *operator_name,
                               RctCsvTable         *table,
                               GHashTable          *mapping,
                               gboolean             only_good_rows,
                               const char          *source_label,
                               RctCsvProgress       progress,
                               gpointer             progress_data,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (ledger_path != NULL && table != NULL && mapping != NULL);

  job = g_new0 (ImportJob, 1);
  job->ledger_path = g_strdup (ledger_path);
  job->operator_name = g_strdup (operator_name);
  job->table = share_table (table);
  job->mapping = copy_mapping (mapping);
  job->only_good_rows = only_good_rows;
  job->source_label = g_strdup (source_label);
  task = g_task_new (NULL, cancellable, callback, user_data);
  job->progress = rct_job_progress_new (task, progress, progress_data);
  g_task_set_source_tag (task, rct_csv_import_problems_async);
  /* A cancel after the commit comes too late: the rows are in, and the
   * result says so. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * rct_csv_import_problems_finish:
 *
 * Returns: (transfer full) (nullable): what was read and written, and
 *   each bad row; %NULL with %G_IO_ERROR_CANCELLED when cancelled
 */
RctCsvImport *
rct_csv_import_problems_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
