/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-figures.h"
#include "rct-figures-study.h"
#include "rct-schema.h"
#include "rct-test-util.h"

/* The study phase (issue 19): every training rate is checked against its
 * definition counted from the lists themselves, and activity progress
 * against the entries. */

#define A "回河派出所"
#define B "交警大队"

static RctStore *store;
static char *dir;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  rct_clock_set_today ("2021-04-26");
  store = rct_test_open_new (&dir);
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", A, NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", B, NULL));
  g_assert_no_error (error);
}

static void
teardown (void)
{
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  g_clear_pointer (&dir, g_free);
  rct_clock_set_today (NULL);
}

static void
add_officer (const char *name,
             const char *unit,
             const char *number,
             gboolean    in_service)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_store_create_va (store, RCT_KIND_OFFICER, NULL, &error, "name", name, "unit", unit,
                                      "police_number", number, "kind", "police",
                                      "in_service", in_service ? "1" : "0", NULL));
  g_assert_no_error (error);
}

static void
enrol (const char *number,
       const char *required,
       const char *elective)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_store_create_va (store, RCT_KIND_ENROLMENT, NULL, &error, "course", "政治轮训",
                                      "officer", number, "required_done", required,
                                      "elective_done", elective, NULL));
  g_assert_no_error (error);
}

/* The rates counted straight from the lists, as their definitions say. */
static void
count_by_definition (gint64 *roster,
                     gint64 *enrolled,
                     gint64 *required_done,
                     gint64 *elective_done)
{
  g_autoptr(GError) error = NULL;
  RctFilter in_service = { .status = "in-service" };
  g_autoptr(GPtrArray) officers = rct_store_list (store, RCT_KIND_OFFICER, &in_service, &error);
  g_autoptr(GPtrArray) enrolments = rct_store_list (store, RCT_KIND_ENROLMENT, NULL, &error);
  g_autoptr(RctCourse) course = rct_store_get (store, RCT_KIND_COURSE,
                                               rct_store_find_id (store, RCT_KIND_COURSE, "政治轮训", NULL), &error);

  g_assert_no_error (error);
  *roster = officers->len;
  *enrolled = *required_done = *elective_done = 0;
  for (guint i = 0; i < enrolments->len; i++)
    {
      RctEnrolment *e = g_ptr_array_index (enrolments, i);
      g_autoptr(RctOfficer) officer = rct_store_get (store, RCT_KIND_OFFICER, e->officer_id, &error);

      if (!officer->in_service)
        continue;
      (*enrolled)++;
      *required_done += e->required_done >= course->required_hours;
      *elective_done += e->elective_done >= course->elective_hours;
    }
}

static void
test_rates_match_definitions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStudyFigures) figures = NULL;
  gint64 roster, enrolled, required_done, elective_done;

  setup ();
  /* An empty roster: every rate is undefined, not 0% or 100%. */
  figures = rct_study_figures_compute (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (figures->course);
  g_assert_cmpint (figures->roster, ==, 0);
  g_assert_true (isnan (rct_study_figures_enrolment_rate (figures)));
  g_assert_true (isnan (rct_study_figures_required_rate (figures)));
  g_clear_pointer (&figures, rct_study_figures_free);

  g_assert_true (rct_store_create_va (store, RCT_KIND_COURSE, NULL, &error, "name", "政治轮训",
                                      "required_hours", "12", "elective_hours", "4", NULL));
  add_officer ("张伟", A, "100001", TRUE);
  add_officer ("李娜", A, "100002", TRUE);
  add_officer ("王强", A, "100003", TRUE);
  add_officer ("刘洋", B, "200001", TRUE);
  add_officer ("陈静", B, "200002", TRUE);
  add_officer ("赵磊", B, "200003", FALSE);   /* left: counts nowhere */
  enrol ("100001", "12", "4");
  enrol ("100002", "30", "9");                 /* hours over: counts once */
  enrol ("100003", "8", "4");                  /* required short */
  enrol ("200001", "12", "1");                 /* elective short */
  enrol ("200003", "12", "4");                 /* left */

  figures = rct_study_figures_compute (store, NULL, &error);
  g_assert_no_error (error);
  count_by_definition (&roster, &enrolled, &required_done, &elective_done);
  g_assert_cmpstr (figures->course, ==, "政治轮训");
  g_assert_cmpint (figures->roster, ==, roster);
  g_assert_cmpint (figures->enrolled, ==, enrolled);
  g_assert_cmpint (figures->required_done, ==, required_done);
  g_assert_cmpint (figures->elective_done, ==, elective_done);
  g_assert_cmpint (roster, ==, 5);
  g_assert_cmpint (enrolled, ==, 4);
  g_assert_cmpint (required_done, ==, 3);
  g_assert_cmpint (elective_done, ==, 3);
  g_assert_cmpfloat (rct_study_figures_enrolment_rate (figures), ==, 4.0 / 5.0);
  g_assert_cmpfloat (rct_study_figures_required_rate (figures), ==, 3.0 / 4.0);
  g_assert_cmpfloat (rct_study_figures_elective_rate (figures), ==, 3.0 / 4.0);
  {
    g_autofree char *text = rct_figures_format_ratio (figures->enrolled, figures->roster);
    g_assert_cmpstr (text, ==, "80.0%");
  }

  /* The officers to chase, unit by unit. */
  g_assert_cmpint (figures->units->len, ==, 2);
  {
    RctUnitTraining *a = g_ptr_array_index (figures->units, 0);
    RctUnitTraining *b = g_ptr_array_index (figures->units, 1);
    RctMissingOfficer *m;

    g_assert_cmpstr (a->name, ==, A);
    g_assert_cmpint (a->roster, ==, 3);
    g_assert_cmpint (a->missing->len, ==, 1);
    m = g_ptr_array_index (a->missing, 0);
    g_assert_cmpstr (m->name, ==, "王强");
    g_assert_cmpint (m->gap, ==, RCT_TRAINING_REQUIRED_SHORT);
    g_assert_cmpint (m->required_done, ==, 8);

    g_assert_cmpstr (b->name, ==, B);
    g_assert_cmpint (b->roster, ==, 2);
    g_assert_cmpint (b->missing->len, ==, 2);
    m = g_ptr_array_index (b->missing, 0);
    g_assert_cmpstr (m->name, ==, "刘洋");
    g_assert_cmpint (m->gap, ==, RCT_TRAINING_ELECTIVE_SHORT);
    m = g_ptr_array_index (b->missing, 1);
    g_assert_cmpstr (m->name, ==, "陈静");
    g_assert_cmpint (m->gap, ==, RCT_TRAINING_NOT_ENROLLED);
  }
  g_assert_cmpint (rct_study_figures_missing_count (figures), ==, 3);
  teardown ();
}

static void
test_progress_counts_entries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStudyFigures) figures = NULL;
  RctSeriesFigures *series;
  gint64 id = 0;

  setup ();
  g_assert_true (rct_store_create_va (store, RCT_KIND_ACTIVITY_SERIES, NULL, &error, "name", "百警百日读党史",
                                      "kind", "reading", "target", "100", "start_date", "2021-03-22",
                                      "end_date", "2021-06-29", NULL));
  for (int day = 0; day < 30; day++)
    {
      g_autofree char *date = rct_date_add_days ("2021-03-22", day);
      /* four recorded but not yet published: not done */
      g_assert_true (rct_store_create_va (store, RCT_KIND_ACTIVITY_ENTRY, &id, &error, "series", "百警百日读党史",
                                          "date", date, "person", "张伟", "done", day < 26 ? "1" : "0", NULL));
      g_assert_no_error (error);
    }
  figures = rct_study_figures_compute (store, NULL, &error);
  g_assert_no_error (error);
  series = g_ptr_array_index (figures->series, 0);
  g_assert_cmpint (series->target, ==, 100);
  g_assert_cmpint (series->done, ==, 26);
  g_assert_cmpfloat (rct_series_figures_progress (series), ==, 0.26);
  /* 36 of the period's 100 days have passed on 04-26: 36 episodes due. */
  g_assert_cmpint (series->expected, ==, 36);
  g_assert_cmpint (series->state, ==, RCT_SERIES_BEHIND);
  g_clear_pointer (&figures, rct_study_figures_free);

  /* Publishing an episode moves the series, and is journaled. */
  g_assert_true (rct_store_update_va (store, RCT_KIND_ACTIVITY_ENTRY, id, NULL, &error, "done", "1", NULL));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) journal = rct_store_list_journal (store, RCT_KIND_ACTIVITY_ENTRY, id, &error);
    RctJournalEntry *last;

    g_assert_no_error (error);
    last = g_ptr_array_index (journal, journal->len - 1);
    g_assert_cmpstr (last->field, ==, "done");
    g_assert_cmpstr (last->new_value, ==, "1");
  }
  figures = rct_study_figures_compute (store, NULL, &error);
  series = g_ptr_array_index (figures->series, 0);
  g_assert_cmpint (series->done, ==, 27);
  g_clear_pointer (&figures, rct_study_figures_free);

  /* After the period, short of the target: overdue. */
  rct_clock_set_today ("2021-07-01");
  figures = rct_study_figures_compute (store, NULL, &error);
  series = g_ptr_array_index (figures->series, 0);
  g_assert_cmpint (series->state, ==, RCT_SERIES_OVERDUE);
  teardown ();
}

static void
test_task_kinds_counted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  gint64 prescribed = 0, prescribed_done = 0, self_chosen = 0, self_chosen_done = 0;

  setup ();
  g_assert_true (rct_store_create_va (store, RCT_KIND_WORKING_GROUP, NULL, &error, "name", "学习教育组", NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_TASK, NULL, &error, "group", "学习教育组", "title", "专题学习",
                                      "kind", "prescribed", "status", "done", NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_TASK, NULL, &error, "group", "学习教育组", "title", "警营开放日",
                                      "kind", "self-chosen", "status", "done", NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_TASK, NULL, &error, "group", "学习教育组", "title", "夜校",
                                      "kind", "self-chosen", NULL));
  g_assert_no_error (error);
  figures = rct_figures_compute (store, NULL, &error);
  tasks = rct_store_list (store, RCT_KIND_TASK, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tasks->len; i++)
    {
      RctTask *task = g_ptr_array_index (tasks, i);
      gboolean done = g_strcmp0 (task->status, "done") == 0;

      if (g_strcmp0 (task->kind, "prescribed") == 0)
        prescribed++, prescribed_done += done;
      else if (g_strcmp0 (task->kind, "self-chosen") == 0)
        self_chosen++, self_chosen_done += done;
    }
  g_assert_cmpint (figures->tasks_prescribed, ==, prescribed);
  g_assert_cmpint (figures->tasks_prescribed_done, ==, prescribed_done);
  g_assert_cmpint (figures->tasks_self_chosen, ==, self_chosen);
  g_assert_cmpint (figures->tasks_self_chosen_done, ==, self_chosen_done);
  g_assert_cmpint (self_chosen, ==, 2);
  g_assert_cmpint (self_chosen_done, ==, 1);
  teardown ();
}

static RctCsvTable *
table_of (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  RctCsvTable *table = rct_csv_parse (bytes, &error);

  g_assert_no_error (error);
  return table;
}

static void
test_roster_import_checks_every_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autofree char *before = NULL;
  g_autofree char *path = NULL;

  setup ();
  table = table_of ("姓名,单位,警号,类别,在职\r\n"
                    "张伟," A ",100001,民警,是\r\n"
                    "李娜,不存在的单位,100002,民警,是\r\n"
                    "王强," A ",100003,保安,是\r\n"
                    "刘洋," B ",200001,辅警,否\r\n");
  mapping = rct_csv_guess_mapping_for (RCT_KIND_OFFICER, table);
  g_assert_cmpuint (g_hash_table_size (mapping), ==, 5);
  import = rct_csv_import_study (store, RCT_KIND_OFFICER, table, mapping, NULL, FALSE, "名册.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->rows, ==, 4);
  g_assert_cmpuint (import->imported, ==, 0);
  g_assert_cmpuint (import->problems->len, ==, 2);
  g_assert_cmpuint (((RctCsvRowProblem *) g_ptr_array_index (import->problems, 0))->line, ==, 3);
  g_assert_nonnull (strstr (((RctCsvRowProblem *) g_ptr_array_index (import->problems, 0))->reason, "不存在的单位"));
  g_assert_cmpuint (((RctCsvRowProblem *) g_ptr_array_index (import->problems, 1))->line, ==, 4);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_OFFICER), ==, 0);
  g_clear_pointer (&import, rct_csv_import_free);

  /* Asked to: the good rows only. */
  import = rct_csv_import_study (store, RCT_KIND_OFFICER, table, mapping, NULL, TRUE, "名册.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->imported, ==, 2);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_OFFICER), ==, 2);
  {
    g_autoptr(RctOfficer) officer = rct_store_get (store, RCT_KIND_OFFICER,
                                                   rct_store_find_id (store, RCT_KIND_OFFICER, "200001", NULL), &error);
    g_assert_cmpstr (officer->kind, ==, "auxiliary");
    g_assert_false (officer->in_service);
  }
  g_clear_pointer (&import, rct_csv_import_free);

  /* The same roster read again updates, never doubles. */
  import = rct_csv_import_study (store, RCT_KIND_OFFICER, table, mapping, NULL, TRUE, "名册.csv", &error);
  g_assert_cmpuint (import->imported, ==, 2);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_OFFICER), ==, 2);
  teardown ();
}

static void
test_training_import_updates_hours (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(RctStudyFigures) figures = NULL;
  /* 张伟 and 李娜 in GB18030, as Excel saves it. */
  const char *utf8 = "警号,姓名,必修学时,选修学时,证书\r\n100001,张伟,12,4,ZS-001\r\n100002,李娜,6,0,\r\n";
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (gb, strlen (gb));

  setup ();
  g_assert_true (rct_store_create_va (store, RCT_KIND_COURSE, NULL, &error, "name", "政治轮训",
                                      "required_hours", "12", "elective_hours", "4", NULL));
  add_officer ("张伟", A, "100001", TRUE);
  add_officer ("李娜", A, "100002", TRUE);
  table = rct_csv_parse (bytes, &error);
  g_assert_no_error (error);
  mapping = rct_csv_guess_mapping_for (RCT_KIND_ENROLMENT, table);
  import = rct_csv_import_study (store, RCT_KIND_ENROLMENT, table, mapping, "政治轮训", FALSE, "平台导出.csv", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < import->problems->len; i++)
    g_test_message ("%s", ((RctCsvRowProblem *) g_ptr_array_index (import->problems, i))->reason);
  g_assert_cmpuint (import->problems->len, ==, 0);
  g_assert_cmpuint (import->imported, ==, 2);
  figures = rct_study_figures_compute (store, "政治轮训", &error);
  g_assert_cmpint (figures->enrolled, ==, 2);
  g_assert_cmpint (figures->required_done, ==, 1);
  g_clear_pointer (&figures, rct_study_figures_free);
  g_clear_pointer (&import, rct_csv_import_free);
  g_clear_pointer (&table, rct_csv_table_free);
  g_clear_pointer (&mapping, g_hash_table_unref);

  /* A later export: 李娜 has finished; she is updated, not enrolled twice. */
  table = table_of ("警号,姓名,必修学时,选修学时\r\n100002,李娜,12,4\r\n");
  mapping = rct_csv_guess_mapping_for (RCT_KIND_ENROLMENT, table);
  import = rct_csv_import_study (store, RCT_KIND_ENROLMENT, table, mapping, "政治轮训", FALSE, "平台导出.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->imported, ==, 1);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_ENROLMENT), ==, 2);
  figures = rct_study_figures_compute (store, "政治轮训", &error);
  g_assert_cmpint (figures->required_done, ==, 2);
  g_assert_cmpint (figures->elective_done, ==, 2);
  g_clear_pointer (&figures, rct_study_figures_free);
  g_clear_pointer (&import, rct_csv_import_free);
  g_clear_pointer (&table, rct_csv_table_free);
  g_clear_pointer (&mapping, g_hash_table_unref);

  /* An officer not in the roster is named by his row; nothing is written. */
  table = table_of ("警号,姓名,必修学时\r\n100001,张伟,13\r\n999999,无名,3\r\n");
  mapping = rct_csv_guess_mapping_for (RCT_KIND_ENROLMENT, table);
  import = rct_csv_import_study (store, RCT_KIND_ENROLMENT, table, mapping, "政治轮训", FALSE, "x.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->problems->len, ==, 1);
  g_assert_cmpuint (((RctCsvRowProblem *) g_ptr_array_index (import->problems, 0))->line, ==, 3);
  g_assert_nonnull (strstr (((RctCsvRowProblem *) g_ptr_array_index (import->problems, 0))->reason, "999999"));
  {
    g_autoptr(RctEnrolment) e = rct_store_get (store, RCT_KIND_ENROLMENT,
                                               rct_store_find_enrolment (store, "政治轮训",
                                                                         rct_store_find_id (store, RCT_KIND_OFFICER, "100001", NULL)),
                                               &error);
    g_assert_cmpint (e->required_done, ==, 12);
    /* Every change of the hours is journaled under the officer's name. */
    {
      g_autoptr(GPtrArray) journal = rct_store_list_journal (store, RCT_KIND_ENROLMENT,
                                                             rct_record_get_id (RCT_RECORD (e)), &error);
      RctJournalEntry *first = g_ptr_array_index (journal, 0);
      g_assert_no_error (error);
      g_assert_cmpuint (journal->len, >=, 1);
      g_assert_cmpstr (first->record_label, ==, "张伟");
    }
  }
  teardown ();
}

static void
test_demo_as_reported (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStudyFigures) study = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) open_units = g_hash_table_new (g_str_hash, g_str_equal);
  const char *named[] = { "综合服务大厅", "回河派出所", "交警大队", "特警大队", "曲堤派出所" };
  RctFilter filter = { 0 };

  rct_clock_set_today ("2021-05-20");
  store = rct_test_open_demo (&dir);
  study = rct_study_figures_compute (store, NULL, &error);
  g_assert_no_error (error);

  /* The three 100%, and nobody to chase. */
  g_assert_cmpint (study->roster, >, 300);
  g_assert_cmpint (study->enrolled, ==, study->roster);
  g_assert_cmpint (study->required_done, ==, study->enrolled);
  g_assert_cmpint (study->elective_done, ==, study->enrolled);
  g_assert_cmpint (rct_study_figures_missing_count (study), ==, 0);
  g_assert_cmpint (study->series->len, ==, 5);
  {
    RctSeriesFigures *reading = g_ptr_array_index (study->series, 0);
    RctSeriesFigures *essays = g_ptr_array_index (study->series, 1);
    RctSeriesFigures *open_day = g_ptr_array_index (study->series, 2);
    RctSeriesFigures *campus = g_ptr_array_index (study->series, 3);

    g_assert_cmpstr (reading->name, ==, "百警百日读党史");
    g_assert_cmpint (reading->target, ==, 100);
    g_assert_cmpint (reading->done, ==, 26);
    g_assert_cmpstr (reading->start_date, ==, "2021-03-22");
    g_assert_cmpint (essays->done, ==, 21);
    g_assert_cmpstr (essays->start_date, ==, "2021-03-26");
    g_assert_cmpint (open_day->done, ==, 12);
    g_assert_cmpint (campus->done, ==, 2);
  }

  filter.parent = "警营开放日";
  entries = rct_store_list (store, RCT_KIND_ACTIVITY_ENTRY, &filter, &error);
  for (guint i = 0; i < entries->len; i++)
    {
      RctActivityEntry *e = g_ptr_array_index (entries, i);
      g_assert_cmpstr (e->date, >=, "2021-03-22");
      g_assert_cmpstr (e->date, <=, "2021-03-28");
      g_hash_table_add (open_units, e->unit_name);
    }
  g_assert_cmpuint (g_hash_table_size (open_units), ==, 12);
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    g_assert_true (g_hash_table_contains (open_units, named[i]));
  g_clear_pointer (&entries, g_ptr_array_unref);

  filter.parent = "安全知识进校园";
  entries = rct_store_list (store, RCT_KIND_ACTIVITY_ENTRY, &filter, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((RctActivityEntry *) g_ptr_array_index (entries, 0))->place, ==, "兴隆街幼儿园");
  g_assert_cmpstr (((RctActivityEntry *) g_ptr_array_index (entries, 1))->place, ==, "济阳第二实验幼儿园");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Night school on Wednesdays from 14 April. */
  filter.parent = "周三夜校";
  entries = rct_store_list (store, RCT_KIND_ACTIVITY_ENTRY, &filter, &error);
  g_assert_cmpstr (((RctActivityEntry *) g_ptr_array_index (entries, 0))->date, ==, "2021-04-14");
  for (guint i = 0; i < entries->len; i++)
    {
      GDate date;
      g_assert_true (rct_date_parse (((RctActivityEntry *) g_ptr_array_index (entries, i))->date, &date));
      g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_WEDNESDAY);
    }

  /* Ten self-chosen actions; no typed-in rate in a task's note. */
  figures = rct_figures_compute (store, NULL, &error);
  g_assert_cmpint (figures->tasks_self_chosen, ==, 10);
  g_assert_cmpint (figures->tasks_prescribed + figures->tasks_self_chosen, ==, figures->tasks_total);
  {
    g_autoptr(GPtrArray) tasks = rct_store_list (store, RCT_KIND_TASK, NULL, &error);
    for (guint i = 0; i < tasks->len; i++)
      {
        const char *note = ((RctTask *) g_ptr_array_index (tasks, i))->note;
        g_assert_true (note == NULL || strstr (note, "100%") == NULL);
      }
  }
  teardown ();
}

/* A ledger made before the study step gains the roster, courses and
 * activities when opened, and keeps what it had. */
static void
test_migrate_from_version_4 (void)
{
  g_autofree char *tmp = rct_test_make_dir ();
  g_autofree char *path = rct_test_ledger_path (tmp, NULL);
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d", RCT_SCHEMA_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) opened = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (int v = 1; v <= 4; v++)
    g_assert_cmpint (sqlite3_exec (db, rct_schema_migration (v), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 4", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, app_id, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO unit (uuid, name, created_at, updated_at) VALUES ('a3c1b2d4-0000-4000-8000-000000000001',"
    " '回河派出所', '2021-04-01T00:00:00Z', '2021-04-01T00:00:00Z');", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  opened = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_store_get_schema_version (opened), ==, RCT_STORE_SCHEMA_VERSION);
  g_assert_true (rct_store_create_va (opened, RCT_KIND_OFFICER, NULL, &error, "name", "张伟", "unit", "回河派出所",
                                      "kind", "police", NULL));
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (opened, RCT_KIND_OFFICER), ==, 1);
  g_assert_true (rct_store_check (opened, &error));
  g_clear_object (&opened);
  rct_test_remove_dir (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/study/training/rates-match-definitions", test_rates_match_definitions);
  g_test_add_func ("/study/activity/progress-counts-entries", test_progress_counts_entries);
  g_test_add_func ("/study/tasks/prescribed-and-self-chosen", test_task_kinds_counted);
  g_test_add_func ("/study/import/roster-checks-every-row", test_roster_import_checks_every_row);
  g_test_add_func ("/study/import/training-updates-hours", test_training_import_updates_hours);
  g_test_add_func ("/study/demo/as-reported", test_demo_as_reported);
  g_test_add_func ("/study/migrate/older-ledger-gains-roster", test_migrate_from_version_4);
  return g_test_run ();
}
