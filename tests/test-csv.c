/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-jobs-private.h"
#include "rct-xlsx.h"
#include "rct-test-util.h"

/* Spreadsheet exchange: CSV out of a filtered list, CSV in with every row
 * checked first, and the same rows in an Excel workbook. */

static GBytes *
export_bytes (RctStore        *store,
              RctKind          kind,
              const RctFilter *filter)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  rct_csv_export (store, kind, filter, out, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* A ledger with the demo's units and groups and no problems. */
static RctStore *
open_roster_copy (RctStore  *from,
                  char     **dir)
{
  RctStore *store = rct_test_open_new (dir);
  g_autoptr(GPtrArray) units = rct_store_list (from, RCT_KIND_UNIT, NULL, NULL);
  g_autoptr(GPtrArray) groups = rct_store_list (from, RCT_KIND_WORKING_GROUP, NULL, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < units->len; i++)
    rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", RCT_UNIT (g_ptr_array_index (units, i))->name, NULL);
  for (guint i = 0; i < groups->len; i++)
    rct_store_create_va (store, RCT_KIND_WORKING_GROUP, NULL, &error,
                         "name", RCT_WORKING_GROUP (g_ptr_array_index (groups, i))->name, NULL);
  g_assert_no_error (error);
  return store;
}

static char *
problem_line (RctProblem *p)
{
  return g_strjoin ("|", p->number, p->description, p->source, p->category ? p->category : "", p->unit_name,
                    p->group_name ? p->group_name : "", p->responsible_name ? p->responsible_name : "",
                    p->found_date, p->deadline, p->status, p->closed_date ? p->closed_date : "",
                    p->verification ? p->verification : "", p->mechanism ? p->mechanism : "", NULL);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(RctStore) demo = rct_test_open_demo (&dir);
  g_autoptr(RctStore) copy = open_roster_copy (demo, &other_dir);
  g_autoptr(GBytes) csv = export_bytes (demo, RCT_KIND_PROBLEM, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_assert_true (g_str_has_prefix (g_bytes_get_data (csv, NULL), "\xEF\xBB\xBF"));
  table = rct_csv_parse (csv, &error);
  g_assert_no_error (error);
  mapping = rct_csv_guess_mapping (table);
  import = rct_csv_import_problems (copy, table, mapping, FALSE, "台账.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->problems->len, ==, 0);
  g_assert_cmpuint (import->imported, ==, table->rows->len);

  before = rct_store_list (demo, RCT_KIND_PROBLEM, NULL, NULL);
  after = rct_store_list (copy, RCT_KIND_PROBLEM, NULL, NULL);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autofree char *a = problem_line (g_ptr_array_index (before, i));
      g_autofree char *b = problem_line (g_ptr_array_index (after, i));
      g_assert_cmpstr (a, ==, b);
    }
  g_clear_object (&demo);
  g_clear_object (&copy);
  rct_test_remove_dir (dir);
  rct_test_remove_dir (other_dir);
}

static void
test_bad_rows_name_lines_and_import_nothing (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  const char *text =
    "问题描述,来源,责任单位,发现日期,整改期限\r\n"
    "窗口服务态度生硬,群众举报,回河派出所,2021-04-20,2021-05-20\r\n"
    "接处警记录不完整,自查,回河派出所,2021-02-30,2021-05-20\r\n"
    "\"记录仪使用率低,引号里有逗号\",自查,不存在的派出所,2021-04-20,2021-05-20\r\n"
    "少了一列,自查,回河派出所,2021-04-20\r\n"
    "夜间巡逻路线未调整,自查,回河派出所,2021-04-26,2021-05-16\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(RctCsvImport) good = NULL;
  RctCsvRowProblem *problem;

  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  table = rct_csv_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 5);
  g_assert_true (rct_csv_parse_mapping ("问题描述=description,来源=source,责任单位=unit,发现日期=found_date,"
                                        "整改期限=deadline", table, &mapping, &error));
  g_assert_no_error (error);

  import = rct_csv_import_problems (store, table, mapping, FALSE, "old.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->problems->len, ==, 3);
  problem = g_ptr_array_index (import->problems, 0);
  g_assert_cmpuint (problem->line, ==, 3);
  g_assert_nonnull (strstr (problem->reason, "not a real date"));
  problem = g_ptr_array_index (import->problems, 1);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_nonnull (strstr (problem->reason, "no unit named"));
  problem = g_ptr_array_index (import->problems, 2);
  g_assert_cmpuint (problem->line, ==, 5);
  g_assert_nonnull (strstr (problem->reason, "fields"));
  g_assert_cmpuint (import->imported, ==, 0);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 0);

  /* The person may choose to take the good rows. */
  good = rct_csv_import_problems (store, table, mapping, TRUE, "old.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (good->imported, ==, 2);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 2);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* A sheet saved as CSV by WPS or LibreOffice writes dates its own way:
 * 2021/4/21, 2021.4.21, 2021年4月21日 are read as the dates they are;
 * 2021/2/30 is still not a date. */
static void
test_office_date_forms (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  const char *text =
    "问题描述,来源,责任单位,发现日期,整改期限\r\n"
    "窗口服务态度生硬,群众举报,回河派出所,2021/4/21,2021/5/20\r\n"
    "接处警记录不完整,自查,回河派出所,2021.4.22,2021.5.22\r\n"
    "夜间巡逻路线未调整,自查,回河派出所,2021年4月23日,2021年5月23日\r\n"
    "户籍窗口午间不接待,自查,回河派出所,2021/2/30,2021/5/20\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  RctFilter by_found = { 0 };

  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  table = rct_csv_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (rct_csv_parse_mapping ("问题描述=description,来源=source,责任单位=unit,发现日期=found_date,"
                                        "整改期限=deadline", table, &mapping, &error));
  import = rct_csv_import_problems (store, table, mapping, TRUE, "wps.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->imported, ==, 3);
  g_assert_cmpuint (import->problems->len, ==, 1);
  g_assert_cmpuint (((RctCsvRowProblem *) g_ptr_array_index (import->problems, 0))->line, ==, 5);
  g_assert_nonnull (strstr (((RctCsvRowProblem *) g_ptr_array_index (import->problems, 0))->reason,
                            "not a real date"));

  by_found.sort = "found_date";
  problems = rct_store_list (store, RCT_KIND_PROBLEM, &by_found, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpstr (RCT_PROBLEM (g_ptr_array_index (problems, 0))->found_date, ==, "2021-04-21");
  g_assert_cmpstr (RCT_PROBLEM (g_ptr_array_index (problems, 0))->deadline, ==, "2021-05-20");
  g_assert_cmpstr (RCT_PROBLEM (g_ptr_array_index (problems, 1))->found_date, ==, "2021-04-22");
  g_assert_cmpstr (RCT_PROBLEM (g_ptr_array_index (problems, 2))->found_date, ==, "2021-04-23");
  g_assert_cmpstr (RCT_PROBLEM (g_ptr_array_index (problems, 2))->deadline, ==, "2021-05-23");
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_gb18030_and_quotes (void)
{
  const char *utf8 = "编号,问题描述\n2021-001,\"第一行\n第二行，含\"\"引号\"\"\"\n";
  g_autofree char *gb = NULL;
  gsize gb_len = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  GPtrArray *row;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &gb_len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (gb, gb_len);
  table = rct_csv_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 1);
  row = g_ptr_array_index (table->rows, 0);
  g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "第一行\n第二行，含\"引号\"");
}

static void
test_malformed (void)
{
  const char *texts[] = { "", "a,b\n\"open,1\n", "a,b\n\"x\"y,1\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(RctCsvTable) table = rct_csv_parse (bytes, &error);

      g_assert_null (table);
      g_assert_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED);
    }
}

static void
assert_refused (GString    *text,
                const char *sentence_part)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = rct_csv_parse (bytes, &error);

  g_assert_null (table);
  g_assert_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, sentence_part));
  g_assert_null (strchr (error->message, '\n'));
}

/* A row of 8 MB of commas took 351 MB: the columns of a row are capped. */
static void
test_limit_fields_per_row (void)
{
  g_autoptr(GString) text = g_string_new ("编号,问题描述\n");
  g_autoptr(GString) fits = g_string_new ("编号,问题描述\n");

  for (int i = 0; i < 8 * 1024 * 1024; i++)
    g_string_append_c (text, ',');
  g_string_append_c (text, '\n');
  assert_refused (text, "Line 2 has more than 1000 columns");

  for (int i = 0; i < 999; i++)
    g_string_append (fits, "a,");
  g_string_append (fits, "a\n");
  {
    g_autoptr(GBytes) bytes = g_bytes_new (fits->str, fits->len);
    g_autoptr(RctCsvTable) table = rct_csv_parse (bytes, NULL);
    g_assert_nonnull (table);
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (table->rows, 0))->len, ==, 1000);
  }
}

static void
test_limit_field_length (void)
{
  g_autoptr(GString) quoted = g_string_new ("编号,问题描述\n2021-001,\"");
  g_autoptr(GString) plain = g_string_new ("编号,问题描述\n2021-001,");

  for (int i = 0; i < 64 * 1024 + 1; i++)
    {
      g_string_append_c (quoted, 'x');
      g_string_append_c (plain, 'x');
    }
  g_string_append (quoted, "\"\n");
  g_string_append (plain, "\n");
  assert_refused (quoted, "Line 2 has a field longer than 64 KB");
  assert_refused (plain, "Line 2 has a field longer than 64 KB");
}

static void
test_limit_cells (void)
{
  g_autoptr(GString) text = g_string_new ("a,b\n");

  for (int i = 0; i < 1000000; i++)
    g_string_append (text, "1,2\n");
  assert_refused (text, "more than 2000000 cells");
}

/* The size is checked before a byte is read, and a stream with no size
 * (a pipe) is counted as it is read. */
static void
test_limit_size (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "太大的 台账.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GInputStream) stream = NULL;
  gsize size = 64 * 1024 * 1024 + 1;
  char *big = g_malloc (size);
  FILE *handle = g_fopen (path, "wb");

  g_assert_nonnull (handle);
  g_assert_cmpint (fseek (handle, size - 1, SEEK_SET), ==, 0);
  fputc ('\n', handle);
  fclose (handle);
  table = rct_csv_read_file (file, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "larger than 64 MB"));
  g_clear_error (&error);

  memset (big, '\n', size);
  stream = g_memory_input_stream_new_from_data (big, size, g_free);
  table = rct_csv_read_stream (stream, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, RCT_CSV_ERROR, RCT_CSV_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "larger than 64 MB"));
  rct_test_remove_dir (dir);
}

/* Column names are shown in the import window and remembered: they come
 * as one visible line, bounded, Chinese kept. */
static void
test_header_names_safe (void)
{
  g_autoptr(GString) text = g_string_new ("\"问题\n描述\",\"单位\x1b[2J\",");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RctCsvTable) table = NULL;

  for (int i = 0; i < 300; i++)
    g_string_append (text, "长");
  g_string_append (text, ",整改 期限\n甲,乙,丙,丁\n");
  bytes = g_bytes_new (text->str, text->len);
  table = rct_csv_parse (bytes, NULL);
  g_assert_nonnull (table);
  g_assert_cmpstr (g_ptr_array_index (table->header, 0), ==, "问题\xEF\xBF\xBD描述");
  g_assert_cmpstr (g_ptr_array_index (table->header, 1), ==, "单位\xEF\xBF\xBD[2J");
  g_assert_cmpint (g_utf8_strlen (g_ptr_array_index (table->header, 2), -1), ==, 200);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (table->header, 2), "…"));
  g_assert_cmpstr (g_ptr_array_index (table->header, 3), ==, "整改 期限");
  /* The cells are kept as they are: a description may hold a line break. */
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (table->rows, 0), 0), ==, "甲");
}

static void
test_filtered_export (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  RctFilter filter = { 0 };
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(RctCsvTable) table = NULL;

  filter.status = "closed";
  csv = export_bytes (store, RCT_KIND_PROBLEM, &filter);
  table = rct_csv_parse (csv, NULL);
  g_assert_cmpint (table->rows->len, ==, rct_store_count (store, RCT_KIND_PROBLEM, &filter, NULL));
  for (RctKind kind = RCT_KIND_TASK; kind <= RCT_KIND_SUPERVISOR; kind++)
    if (rct_csv_columns (kind) != NULL)
      {
        g_autoptr(GBytes) other = export_bytes (store, kind, NULL);
        g_autoptr(RctCsvTable) parsed = rct_csv_parse (other, NULL);
        g_assert_cmpint (parsed->rows->len, ==, rct_store_count (store, kind, NULL, NULL));
      }
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* The workbook, opened by LibreOffice and saved as CSV, has the CSV's rows. */
static void
test_xlsx_same_rows (void)
{
  g_autofree char *libreoffice = g_find_program_in_path ("libreoffice");
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *converted_text = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = NULL;

  if (!rct_xlsx_available ())
    {
      g_test_skip ("built without libxlsxwriter");
      return;
    }
  store = rct_test_open_demo (&dir);
  xlsx = g_build_filename (dir, "问题台账.xlsx", NULL);
  g_assert_true (rct_xlsx_export (store, RCT_KIND_PROBLEM, NULL, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  if (libreoffice == NULL)
    {
      g_test_skip ("no libreoffice to read the workbook back");
      rct_test_remove_dir (dir);
      return;
    }
  {
    /* A profile of its own, at a plain path (LibreOffice wants a URI). */
    g_autofree char *profile_dir = g_dir_make_tmp ("rectify-lo-XXXXXX", &error);
    g_autofree char *profile_uri = g_filename_to_uri (profile_dir, NULL, &error);
    g_autofree char *profile = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
    g_autofree char *timeout = g_find_program_in_path ("timeout");
    const char *argv[] = { timeout, "120", libreoffice, profile, "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, xlsx, NULL };
    int status;

    g_assert_no_error (error);
    g_spawn_sync (NULL, (char **) (timeout != NULL ? argv : argv + 2), NULL,
                  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    rct_test_remove_dir (profile_dir);
  }
  converted = g_build_filename (dir, "问题台账.csv", NULL);
  g_file_get_contents (converted, &converted_text, NULL, &error);
  g_assert_no_error (error);

  csv = export_bytes (store, RCT_KIND_PROBLEM, NULL);
  expected = g_string_new_len ((const char *) g_bytes_get_data (csv, NULL) + 3, g_bytes_get_size (csv) - 3);
  g_string_replace (expected, "\r\n", "\n", 0);
  {
    g_autoptr(GString) got = g_string_new (converted_text);
    g_string_replace (got, "\r\n", "\n", 0);
    g_assert_cmpstr (got->str, ==, expected->str);
  }
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

/* The import dialog's dry run as a job in a thread (issue 15): on a
 * connection of its own, alongside the window's, it finds the same bad
 * rows the import would and writes nothing; cancelled, it is no answer at
 * all, and the ledger is unchanged. */
static void
test_check_async (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  const char *text =
    "问题描述,来源,责任单位,发现日期,整改期限\r\n"
    "窗口服务态度生硬,群众举报,回河派出所,2021-04-20,2021-05-20\r\n"
    "接处警记录不完整,自查,回河派出所,2021-02-30,2021-05-20\r\n"
    "夜间巡逻路线未调整,自查,回河派出所,2021-04-26,2021-05-16\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  gint64 journal_before;

  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  rct_test_add_problem (store, "回河派出所", "2021-04-01", "2021-05-01", "已有的问题");
  journal_before = rct_test_count_rows (store, RCT_KIND_JOURNAL);
  table = rct_csv_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (rct_csv_parse_mapping ("问题描述=description,来源=source,责任单位=unit,发现日期=found_date,"
                                        "整改期限=deadline", table, &mapping, &error));
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(RctCsvImport) import = NULL;
    RctCsvRowProblem *problem;

    /* The store stays open, as in the window. */
    rct_csv_check_problems_async (rct_store_get_path (store), table, mapping, "old.csv", NULL,
                                  check_done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    import = rct_csv_check_problems_finish (result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (import->rows, ==, 3);
    g_assert_cmpuint (import->imported, ==, 2);
    g_assert_cmpuint (import->problems->len, ==, 1);
    problem = g_ptr_array_index (import->problems, 0);
    g_assert_cmpuint (problem->line, ==, 3);
  }
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;

    g_cancellable_cancel (cancellable);
    rct_csv_check_problems_async (rct_store_get_path (store), table, mapping, "old.csv", cancellable,
                                  check_done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (rct_csv_check_problems_finish (result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 1);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_JOURNAL), ==, journal_before);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static GCancellable *cancel_at_cancellable;
static guint cancel_at_row;

static void
cancel_at_row_hook (guint row)
{
  if (row == cancel_at_row)
    g_cancellable_cancel (cancel_at_cancellable);
}

typedef struct
{
  guint last_done;
  guint total;
  guint told;
} Told;

static void
told_cb (guint64  done,
         guint64  total,
         gpointer user_data)
{
  Told *told = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpuint (done, >=, told->last_done);
  told->last_done = done;
  told->total = total;
  told->told++;
}

static GPtrArray *
problem_lines (RctStore *store)
{
  g_autoptr(GPtrArray) problems = rct_store_list (store, RCT_KIND_PROBLEM, NULL, NULL);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (lines, problem_line (g_ptr_array_index (problems, i)));
  return lines;
}

/* The import itself as a job in a thread (issue 15): on a connection of its
 * own, in one transaction, it writes what the import on the window's
 * connection writes, telling the rows done to the caller's main context;
 * cancelled before its first row or after its last (before the commit), it
 * leaves the ledger as it was. */
static void
test_import_async (void)
{
  g_autofree char *dir = NULL, *sync_dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(RctStore) sync_store = rct_test_open_new (&sync_dir);
  g_autoptr(GString) text = g_string_new ("问题描述,来源,责任单位,发现日期,整改期限,状态\r\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) sync_import = NULL;
  g_autoptr(GPtrArray) sync_lines = NULL, lines = NULL;
  gint64 journal_before;
  const guint n_rows = 300;

  rct_clock_set_today ("2021-05-20");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "第%u条 值班记录缺页,%s,回河派出所,2021-04-%02u,2021-05-20,%s\r\n", i + 1,
                            i % 2 ? "自查" : "群众举报", i % 28 + 1, i % 3 == 0 ? "整改中" : "");
  bytes = g_bytes_new (text->str, text->len);
  table = rct_csv_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (rct_csv_parse_mapping ("问题描述=description,来源=source,责任单位=unit,发现日期=found_date,"
                                        "整改期限=deadline,状态=status", table, &mapping, &error));
  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  rct_store_create_va (sync_store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  rct_store_set_operator (store, "李明");
  rct_store_set_operator (sync_store, "李明");
  journal_before = rct_test_count_rows (store, RCT_KIND_JOURNAL);

  /* Cancelled early and late: nothing. */
  _rct_csv_import_row_hook = cancel_at_row_hook;
  for (guint late = 0; late < 2; late++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;

      cancel_at_cancellable = cancellable;
      cancel_at_row = late ? n_rows : 0;
      rct_csv_import_problems_async (rct_store_get_path (store), "李明", table, mapping, FALSE, "旧 台账.csv", NULL,
                                     NULL, cancellable, check_done_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_null (rct_csv_import_problems_finish (result, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 0);
      g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_JOURNAL), ==, journal_before);
    }
  _rct_csv_import_row_hook = NULL;
  cancel_at_cancellable = NULL;

  /* Whole, the same problems as the import on the caller's connection. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(RctCsvImport) import = NULL;
    Told told = { 0 };

    rct_csv_import_problems_async (rct_store_get_path (store), "李明", table, mapping, FALSE, "旧 台账.csv", told_cb,
                                   &told, NULL, check_done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    import = rct_csv_import_problems_finish (result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (import->rows, ==, n_rows);
    g_assert_cmpuint (import->imported, ==, n_rows);
    g_assert_cmpuint (import->problems->len, ==, 0);
    g_assert_cmpuint (told.total, ==, n_rows);
    g_assert_cmpuint (told.last_done, ==, n_rows);
    g_assert_cmpuint (told.told, >=, 2);
    g_assert_cmpuint (told.told, <=, 1001);   /* now and then, not per row of a big file */
  }
  sync_import = rct_csv_import_problems (sync_store, table, mapping, FALSE, "旧 台账.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync_import->imported, ==, n_rows);
  sync_lines = problem_lines (sync_store);
  lines = problem_lines (store);
  g_assert_cmpuint (lines->len, ==, n_rows);
  g_assert_cmpuint (lines->len, ==, sync_lines->len);
  for (guint i = 0; i < lines->len; i++)
    g_assert_cmpstr (g_ptr_array_index (lines, i), ==, g_ptr_array_index (sync_lines, i));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_JOURNAL), ==, rct_test_count_rows (sync_store, RCT_KIND_JOURNAL));
  g_clear_object (&store);
  g_clear_object (&sync_store);
  rct_test_remove_dir (dir);
  rct_test_remove_dir (sync_dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rct_clock_set_today ("2021-05-20");
  g_test_add_func ("/csv/round-trip-into-empty-ledger", test_round_trip);
  g_test_add_func ("/csv/bad-rows-name-lines-and-import-nothing", test_bad_rows_name_lines_and_import_nothing);
  g_test_add_func ("/csv/gb18030-and-quotes", test_gb18030_and_quotes);
  g_test_add_func ("/csv/office-date-forms", test_office_date_forms);
  g_test_add_func ("/csv/malformed", test_malformed);
  g_test_add_func ("/csv/dry-run-in-a-thread", test_check_async);
  g_test_add_func ("/csv/import/in-a-thread", test_import_async);
  g_test_add_func ("/csv/filtered-export", test_filtered_export);
  g_test_add_func ("/csv/limits/fields-per-row", test_limit_fields_per_row);
  g_test_add_func ("/csv/limits/field-length", test_limit_field_length);
  g_test_add_func ("/csv/limits/cells", test_limit_cells);
  g_test_add_func ("/csv/limits/size-before-reading", test_limit_size);
  g_test_add_func ("/csv/header-names-are-safe-labels", test_header_names_safe);
  g_test_add_func ("/xlsx/same-rows-as-csv", test_xlsx_same_rows);
  return g_test_run ();
}
