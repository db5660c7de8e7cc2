/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"
#include "rct-csv.h"
#include "rct-vocabulary.h"
#include "rct-xlsx.h"

/* What rectify-cli prints: JSON for scripts (stable keys, rates as
 * fractions or null), and short lines for people. */

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* "listed": the problem's listing for supervision (挂牌督办) as one object,
 * null when it was never listed; "open" says whether it still stands. */
static void
add_problem_listing (JsonBuilder *builder,
                     RctProblem  *problem)
{
  json_builder_set_member_name (builder, "listed");
  if (problem->listed_date == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  add_nullable_string (builder, "level", problem->listed_level);
  add_nullable_string (builder, "date", problem->listed_date);
  add_nullable_string (builder, "by", problem->listed_by);
  json_builder_set_member_name (builder, "open");
  json_builder_add_boolean_value (builder, problem->listed_lifted == NULL);
  add_nullable_string (builder, "lifted", problem->listed_lifted);
  add_nullable_string (builder, "lift_reason", problem->listed_lift_reason);
  json_builder_end_object (builder);
}

/**
 * rct_cli_record_to_json:
 *
 * Every field of the record under its column name, plus uuid, created_at
 * and updated_at; a record with a unit also has "unit" (its name).
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
rct_cli_record_to_json (RctRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  RctRecordClass *klass = RCT_RECORD_GET_CLASS (record);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, rct_record_get_id (record));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, rct_record_get_uuid (record));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const RctRecordField *field = &klass->fields[i];

      json_builder_set_member_name (builder, field->column);
      switch (field->type)
        {
        case RCT_FIELD_STRING:
          {
            const char *text = rct_record_get_string (record, field->column);
            if (text != NULL)
              json_builder_add_string_value (builder, text);
            else
              json_builder_add_null_value (builder);
          }
          break;
        case RCT_FIELD_INT64:
          json_builder_add_int_value (builder, rct_record_get_int (record, field->column));
          break;
        case RCT_FIELD_BOOLEAN:
          json_builder_add_boolean_value (builder, rct_record_get_int (record, field->column) != 0);
          break;
        default:
          g_assert_not_reached ();
        }
      if (g_str_equal (field->column, "unit_name"))
        {
          const char *unit = rct_record_get_string (record, "unit_name");
          json_builder_set_member_name (builder, "unit");
          if (unit != NULL)
            json_builder_add_string_value (builder, unit);
          else
            json_builder_add_null_value (builder);
        }
    }
  if (RCT_IS_PROBLEM (record))
    add_problem_listing (builder, RCT_PROBLEM (record));
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, rct_record_get_created_at (record));
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, rct_record_get_updated_at (record));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
rct_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static char *
one_line (const char *text,
          guint       max_chars)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");
  char *end;

  g_strdelimit (flat, "\r\n\t", ' ');
  if (g_utf8_strlen (flat, -1) <= max_chars)
    return g_steal_pointer (&flat);
  end = g_utf8_offset_to_pointer (flat, max_chars - 1);
  *end = '\0';
  return g_strconcat (flat, "…", NULL);
}

/**
 * rct_cli_join_columns:
 *
 * A list's text columns joined by two spaces, the empty ones (and NULL)
 * left out.
 *
 * Returns: (transfer full): the line
 */
char *
rct_cli_join_columns (const char * const *columns,
                      guint               n_columns)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_columns; i++)
    if (columns[i] != NULL && *columns[i] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? "  " : "", columns[i]);
  return g_string_free (text, FALSE);
}

/**
 * rct_cli_record_line:
 *
 * One line for a record of the ledger's own kinds, for people reading a
 * terminal.
 *
 * Returns: (transfer full): the line, without its newline
 */
char *
rct_cli_record_line (RctRecord *record)
{
  if (RCT_IS_PROBLEM (record))
    {
      RctProblem *p = RCT_PROBLEM (record);
      g_autofree char *text = one_line (p->description, 40);
      return g_strdup_printf ("%s  %-22s %s  %s  %s%s", p->number,
               rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, p->status), p->deadline,
               p->unit_name, text,
               g_str_equal (p->deadline_state, "overdue") ? _("  [overdue]")
               : g_str_equal (p->deadline_state, "due-soon") ? _("  [due soon]") : "");
    }
  else if (RCT_IS_TASK (record))
    {
      RctTask *t = RCT_TASK (record);
      return g_strdup_printf ("%-6" G_GINT64_FORMAT " %s  %s  %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "  %s  %s",
               rct_record_get_id (record), t->group_name,
               rct_vocabulary_label (RCT_VOCAB_TASK_STATUS, t->status), t->done_count, t->target_count,
               t->deadline != NULL ? t->deadline : "", t->title);
    }
  else if (RCT_IS_FEEDBACK (record))
    {
      RctFeedback *f = RCT_FEEDBACK (record);
      g_autofree char *text = one_line (f->content, 40);
      return g_strdup_printf ("%-6" G_GINT64_FORMAT " %s  %s  %s  %s  %s", rct_record_get_id (record), f->received_date,
               f->supervisor_name, rct_vocabulary_label (RCT_VOCAB_FEEDBACK_KIND, f->kind),
               f->reply_date != NULL ? _("replied") : _("awaiting reply"), text);
    }
  else if (RCT_IS_SUPERVISOR (record))
    {
      RctSupervisor *s = RCT_SUPERVISOR (record);
      return g_strdup_printf ("%-6" G_GINT64_FORMAT " %s  %s  %s%s", rct_record_get_id (record), s->name,
               rct_vocabulary_label (RCT_VOCAB_SUPERVISOR_CATEGORY, s->category),
               s->organisation != NULL ? s->organisation : "", s->active ? "" : _("  [retired]"));
    }
  else if (RCT_IS_JOURNAL_ENTRY (record))
    {
      RctJournalEntry *j = RCT_JOURNAL_ENTRY (record);
      return g_strdup_printf ("%s  %s  %s: %s → %s%s%s", j->at, j->who, j->field,
               j->old_value != NULL ? j->old_value : "—", j->new_value != NULL ? j->new_value : "—",
               j->reason != NULL ? "  " : "", j->reason != NULL ? j->reason : "");
    }
  else if (RCT_IS_MEASURE (record))
    {
      RctMeasure *m = RCT_MEASURE (record);
      return g_strdup_printf ("%-6" G_GINT64_FORMAT " %s  %s", rct_record_get_id (record),
               m->done_date != NULL ? m->done_date : _("open"), m->text);
    }
  return g_strdup ("");
}

/* One line a record, for people reading a terminal. */
void
rct_cli_print_record (RctRecord *record)
{
  g_autofree char *line = rct_cli_record_line (record);

  g_print ("%s\n", line);
}

/**
 * rct_cli_print_records:
 * @records: (element-type RctRecord):
 * @json: a JSON array of rct_cli_record_to_json() rather than lines
 * @line: one line for a record
 *
 * Prints a list as every list command of rectify-cli does.
 */
void
rct_cli_print_records (GPtrArray      *records,
                       gboolean        json,
                       RctCliLineFunc  line)
{
  if (json)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (records->len);
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < records->len; i++)
        json_array_add_element (array, rct_cli_record_to_json (g_ptr_array_index (records, i)));
      json_node_set_array (root, array);
      rct_cli_print_json (root);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *text = line (g_ptr_array_index (records, i));
      g_print ("%s\n", text);
    }
}

/**
 * rct_cli_print_list:
 * @filter: (nullable):
 * @csv_path: (nullable): write the list there as CSV instead of printing it
 * @xlsx_path: (nullable): write the list there as an Excel workbook
 *
 * The whole of `… list [--json|--csv FILE|--xlsx FILE]`: opens the ledger
 * read-only, lists @kind through @filter and writes the spreadsheets, or
 * else prints the records (see rct_cli_print_records()).
 *
 * Returns: the exit code
 */
int
rct_cli_print_list (RctKind          kind,
                    const RctFilter *filter,
                    gboolean         json,
                    const char      *csv_path,
                    const char      *xlsx_path,
                    RctCliLineFunc   line)
{
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  if ((csv_path != NULL || xlsx_path != NULL) && rct_csv_columns (kind) == NULL)
    return rct_cli_usage (_("This list has no spreadsheet form; use --json."));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (csv_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (csv_path);
      g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

      if (out == NULL || !rct_csv_export (store, kind, filter, G_OUTPUT_STREAM (out), NULL, &error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
        return rct_cli_fail (error);
    }
  if (xlsx_path != NULL && !rct_xlsx_export (store, kind, filter, xlsx_path, &error))
    return rct_cli_fail (error);
  if (csv_path != NULL || xlsx_path != NULL)
    return EXIT_OK;

  records = rct_store_list (store, kind, filter, &error);
  if (records == NULL)
    return rct_cli_fail (error);
  rct_cli_print_records (records, json, line);
  return EXIT_OK;
}
