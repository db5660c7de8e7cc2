/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-report-print.h"
#include "rct-supervision.h"
#include "rct-test-util.h"

/* Accountability records (问责) and inspection visits (督导检查, 明察暗访),
 * issue 18: created, edited and journaled like every record; a visit's
 * finding becomes one problem, linked to the visit, or nothing is written;
 * every figure equals a count of the lists. */

#define A "回河派出所"
#define B "交警大队"
#define C "城区派出所"

static RctStore *store;
static char *dir;
static gint64 p1, p2, p3;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  rct_clock_set_today ("2021-06-10");
  store = rct_test_open_new (&dir);
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", A, NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", B, NULL));
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", C, NULL));
  g_assert_no_error (error);
  p1 = rct_test_add_problem (store, A, "2021-04-20", "2021-05-20", "值班室无人值守");
  p2 = rct_test_add_problem (store, A, "2021-04-21", "2021-05-21", "接警登记不全");
  p3 = rct_test_add_problem (store, B, "2021-04-22", "2021-07-22", "事故处理超期");
}

static void
teardown (void)
{
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  g_clear_pointer (&dir, g_free);
  rct_clock_set_today (NULL);
}

static GPtrArray *
list (RctKind          kind,
      const RctFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = rct_store_list (store, kind, filter, &error);

  g_assert_no_error (error);
  return records;
}

/* The journal's entries for one record and field. */
static guint
count_journal (const char *uuid,
               const char *field)
{
  g_autoptr(GPtrArray) entries = list (RCT_KIND_JOURNAL, NULL);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      RctJournalEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->record_uuid, uuid) && g_str_equal (entry->field, field))
        n++;
    }
  return n;
}

static gint64
add_accountability (const char *kind,
                    const char *person,
                    const char *unit,
                    const char *problems)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (rct_store_create_va (store, RCT_KIND_ACCOUNTABILITY, &id, &error, "kind", kind, "person", person,
                                      "unit", unit, "problems", problems, "date", "2021-06-01", NULL));
  g_assert_no_error (error);
  return id;
}

static void
test_accountability_create_edit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctAccountability) record = NULL;
  g_autoptr(RctAccountability) edited = NULL;
  g_autoptr(RctProblem) problem1 = rct_store_get (store, RCT_KIND_PROBLEM, p1, NULL);
  g_autoptr(RctProblem) problem2 = rct_store_get (store, RCT_KIND_PROBLEM, p2, NULL);
  g_autoptr(RctProblem) problem3 = rct_store_get (store, RCT_KIND_PROBLEM, p3, NULL);
  g_autofree char *both = g_strdup_printf ("%s、%s", problem1->number, problem2->number);
  gint64 id, people_before = rct_test_count_rows (store, RCT_KIND_PERSON);

  id = add_accountability ("reminder-talk", "王强", A, both);
  record = rct_store_get (store, RCT_KIND_ACCOUNTABILITY, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->kind, ==, "reminder-talk");
  g_assert_cmpstr (record->person_name, ==, "王强");
  g_assert_cmpstr (record->unit_name, ==, A);
  g_assert_cmpstr (record->problems, ==, both);
  g_assert_cmpint (record->problem_count, ==, 2);
  /* The person held to account joins the roster, as an owner does. */
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PERSON), ==, people_before + 1);
  g_assert_cmpuint (count_journal (rct_record_get_uuid (RCT_RECORD (record)), "*"), ==, 1);

  /* Edited: the document number and the problems, each journaled. */
  g_assert_true (rct_store_update_va (store, RCT_KIND_ACCOUNTABILITY, id, "改正", &error,
                                      "document", "济阳整改〔2021〕3号", "problems", problem3->number, NULL));
  g_assert_no_error (error);
  edited = rct_store_get (store, RCT_KIND_ACCOUNTABILITY, id, &error);
  g_assert_cmpstr (edited->document, ==, "济阳整改〔2021〕3号");
  g_assert_cmpstr (edited->problems, ==, problem3->number);
  g_assert_cmpuint (count_journal (rct_record_get_uuid (RCT_RECORD (record)), "document"), ==, 1);
  g_assert_cmpuint (count_journal (rct_record_get_uuid (RCT_RECORD (record)), "problems"), ==, 1);

  /* A problem that is not in the ledger: refused, nothing changed. */
  g_assert_false (rct_store_update_va (store, RCT_KIND_ACCOUNTABILITY, id, NULL, &error,
                                       "problems", "2099-999", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&edited);
  edited = rct_store_get (store, RCT_KIND_ACCOUNTABILITY, id, &error);
  g_assert_cmpstr (edited->problems, ==, problem3->number);

  /* The unit is required; the date must be a date. */
  g_assert_false (rct_store_create_va (store, RCT_KIND_ACCOUNTABILITY, NULL, &error, "kind", "criticism",
                                       "date", "2021-06-01", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rct_store_create_va (store, RCT_KIND_ACCOUNTABILITY, NULL, &error, "kind", "criticism",
                                       "unit", A, "date", "2021-02-30", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_ACCOUNTABILITY), ==, 1);
}

/* The kinds are a list the office extends: its own word is kept as
 * written; a visit's method is a closed list. */
static void
test_accountability_own_kind (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctAccountability) record = NULL;
  gint64 id = add_accountability ("书面检讨", NULL, B, NULL);

  record = rct_store_get (store, RCT_KIND_ACCOUNTABILITY, id, &error);
  g_assert_cmpstr (record->kind, ==, "书面检讨");
  g_assert_cmpint (record->problem_count, ==, 0);
  g_assert_null (record->person_name);

  g_assert_false (rct_store_create_va (store, RCT_KIND_VISIT, NULL, &error, "date", "2021-05-01", "team", "第一督导组",
                                       "method", "顺便看看", NULL));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_VISIT), ==, 0);
}

static gint64
sum_counts (GPtrArray  *counts,
            const char *key)
{
  for (guint i = 0; i < counts->len; i++)
    {
      RctSupervisionCount *count = g_ptr_array_index (counts, i);
      if (g_str_equal (count->key, key))
        return count->count;
    }
  return 0;
}

static void
test_accountability_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctSupervisionFigures) figures = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *kinds[] = { "reminder-talk", "circulated-criticism", "书面检讨" };
  const char *units[] = { A, B, C };

  add_accountability ("reminder-talk", "王强", A, NULL);
  add_accountability ("reminder-talk", "李娜", B, NULL);
  add_accountability ("circulated-criticism", NULL, B, NULL);
  add_accountability ("书面检讨", "赵磊", B, NULL);

  figures = rct_supervision_figures_compute (store, &error);
  g_assert_no_error (error);
  all = list (RCT_KIND_ACCOUNTABILITY, NULL);
  g_assert_cmpint (figures->accountability_total, ==, all->len);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      RctFilter filter = { .kind = kinds[i] };
      g_autoptr(GPtrArray) some = list (RCT_KIND_ACCOUNTABILITY, &filter);

      g_assert_cmpint (sum_counts (figures->accountability_by_kind, kinds[i]), ==, some->len);
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      RctFilter filter = { .unit = units[i] };
      g_autoptr(GPtrArray) some = list (RCT_KIND_ACCOUNTABILITY, &filter);

      g_assert_cmpint (sum_counts (figures->accountability_by_unit, units[i]), ==, some->len);
    }
  /* The vocabulary's order first, the office's own kinds after. */
  g_assert_cmpstr (((RctSupervisionCount *) g_ptr_array_index (figures->accountability_by_kind, 0))->key, ==,
                   "reminder-talk");
  g_assert_cmpstr (((RctSupervisionCount *) g_ptr_array_index (figures->accountability_by_kind, 2))->key, ==,
                   "书面检讨");
}

static gint64
add_visit (const char *units,
           const char *method,
           const char *findings)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (rct_store_create_va (store, RCT_KIND_VISIT, &id, &error, "date", "2021-05-25", "team", "第一督导组",
                                      "method", method, "units", units, "findings", findings, NULL));
  g_assert_no_error (error);
  return id;
}

static void
test_visit_register_finding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RctVisit) visit = NULL;
  g_autoptr(RctProblem) problem = NULL;
  g_auto(GStrv) findings = NULL;
  gint64 id, multi, problem_id = 0, problems_before;

  id = add_visit (A, "unannounced", "值班室无人值守\n\n  接警登记不全  \n");
  visit = rct_store_get (store, RCT_KIND_VISIT, id, &error);
  findings = rct_visit_dup_findings (visit);
  g_assert_cmpuint (g_strv_length (findings), ==, 2);
  g_assert_cmpstr (findings[1], ==, "接警登记不全");
  g_assert_cmpint (visit->unit_count, ==, 1);

  g_hash_table_insert (values, (gpointer) "deadline", (gpointer) "2021-06-30");
  g_assert_true (rct_store_register_finding (store, id, 2, values, &problem_id, &error));
  g_assert_no_error (error);
  problem = rct_store_get (store, RCT_KIND_PROBLEM, problem_id, &error);
  g_assert_cmpstr (problem->description, ==, "接警登记不全");
  g_assert_cmpstr (problem->unit_name, ==, A);
  g_assert_cmpstr (problem->found_date, ==, "2021-05-25");
  g_assert_cmpstr (problem->source, ==, "office-inspection");
  g_assert_cmpint (rct_store_finding_problem (store, id, 2, NULL), ==, problem_id);
  g_assert_cmpint (rct_store_finding_problem (store, id, 1, NULL), ==, 0);
  g_clear_object (&visit);
  visit = rct_store_get (store, RCT_KIND_VISIT, id, &error);
  g_assert_cmpstr (visit->problems, ==, problem->number);
  g_assert_cmpint (visit->problem_count, ==, 1);
  g_assert_cmpuint (count_journal (rct_record_get_uuid (RCT_RECORD (visit)), "problems"), ==, 1);

  /* Once only; a finding that is not there; no deadline: nothing written. */
  problems_before = rct_test_count_rows (store, RCT_KIND_PROBLEM);
  g_assert_false (rct_store_register_finding (store, id, 2, values, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, problem->number));
  g_clear_error (&error);
  g_assert_false (rct_store_register_finding (store, id, 3, values, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rct_store_register_finding (store, id, 1, NULL, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, problems_before);
  g_assert_cmpint (rct_store_finding_problem (store, id, 1, NULL), ==, 0);

  /* A visit to several units: the problem's unit must be said. */
  multi = add_visit (A "、" B, "open", "台账不全");
  g_assert_false (rct_store_register_finding (store, multi, 1, values, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_hash_table_insert (values, (gpointer) "unit", (gpointer) B);
  g_assert_true (rct_store_register_finding (store, multi, 1, values, NULL, &error));
  g_assert_no_error (error);
}

static void
test_visit_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctSupervisionFigures) figures = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  RctFilter active = { .status = "active" };
  gint64 problems = 0, first, retired_id;

  first = add_visit (A, "unannounced", "值班室无人值守\n接警登记不全");
  add_visit (A "、" B, "briefing", NULL);
  add_visit (C, "ledger-review", "台账不全");
  g_hash_table_insert (values, (gpointer) "deadline", (gpointer) "2021-06-30");
  g_assert_true (rct_store_register_finding (store, first, 1, values, NULL, &error));
  g_assert_true (rct_store_register_finding (store, first, 2, values, NULL, &error));
  g_assert_no_error (error);
  /* A retired unit no longer counts, visited or not. */
  retired_id = rct_store_find_id (store, RCT_KIND_UNIT, C, &error);
  g_assert_true (rct_store_update_va (store, RCT_KIND_UNIT, retired_id, NULL, &error, "active", "0", NULL));
  g_assert_no_error (error);

  figures = rct_supervision_figures_compute (store, &error);
  g_assert_no_error (error);
  visits = list (RCT_KIND_VISIT, NULL);
  units = list (RCT_KIND_UNIT, &active);
  g_assert_cmpint (figures->visits, ==, visits->len);
  g_assert_cmpint (figures->units_active, ==, units->len);
  for (guint i = 0; i < visits->len; i++)
    {
      RctVisit *visit = g_ptr_array_index (visits, i);
      g_auto(GStrv) names = g_strsplit (visit->units != NULL ? visit->units : "", "、", -1);

      problems += visit->problem_count;
      for (guint j = 0; names[j] != NULL; j++)
        for (guint k = 0; k < units->len; k++)
          if (g_str_equal (names[j], RCT_UNIT (g_ptr_array_index (units, k))->name))
            g_hash_table_add (covered, RCT_UNIT (g_ptr_array_index (units, k))->name);
    }
  g_assert_cmpint (figures->units_covered, ==, g_hash_table_size (covered));
  g_assert_cmpint (figures->units_covered, ==, 2);
  g_assert_cmpint (figures->problems_found, ==, problems);
  g_assert_cmpint (figures->problems_found, ==, 2);
}

/* Renaming a unit keeps every link: the records name it by id. */
static void
test_rename_keeps_links (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctAccountability) record = NULL;
  g_autoptr(RctVisit) visit = NULL;
  gint64 account = add_accountability ("criticism", NULL, A, NULL);
  gint64 visited = add_visit (A "、" B, "open", NULL);
  gint64 unit = rct_store_find_id (store, RCT_KIND_UNIT, A, &error);

  g_assert_true (rct_store_update_va (store, RCT_KIND_UNIT, unit, NULL, &error, "name", "回河镇派出所", NULL));
  g_assert_no_error (error);
  record = rct_store_get (store, RCT_KIND_ACCOUNTABILITY, account, &error);
  visit = rct_store_get (store, RCT_KIND_VISIT, visited, &error);
  g_assert_cmpstr (record->unit_name, ==, "回河镇派出所");
  g_assert_cmpstr (visit->units, ==, "回河镇派出所、" B);
}

/* The demo's supervision agrees with its problems: each accountability
 * concerns problems of its unit that were overdue on its date, inside the
 * campaign; each visit's problems belong to a unit it visited. */
static void
test_demo_consistent (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_dir = NULL;
  g_autoptr(RctStore) demo = rct_test_open_demo (&demo_dir);
  g_autoptr(GPtrArray) records = rct_store_list (demo, RCT_KIND_ACCOUNTABILITY, NULL, &error);
  g_autoptr(GPtrArray) visits = rct_store_list (demo, RCT_KIND_VISIT, NULL, &error);
  g_autoptr(RctSupervisionFigures) figures = rct_supervision_figures_compute (demo, &error);
  gboolean unannounced = FALSE;
  gint64 linked = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, >=, 3);
  g_assert_cmpuint (visits->len, >=, 3);
  for (guint i = 0; i < records->len; i++)
    {
      RctAccountability *record = g_ptr_array_index (records, i);
      g_auto(GStrv) numbers = g_strsplit (record->problems, "、", -1);

      g_assert_cmpstr (record->date, >=, "2021-04-16");
      g_assert_cmpstr (record->date, <=, "2021-06-30");
      for (guint j = 0; numbers[j] != NULL; j++)
        {
          gint64 id = rct_store_find_id (demo, RCT_KIND_PROBLEM, numbers[j], &error);
          g_autoptr(RctProblem) problem = rct_store_get (demo, RCT_KIND_PROBLEM, id, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (problem->unit_name, ==, record->unit_name);
          g_assert_cmpstr (problem->deadline, <, record->date);
        }
    }
  for (guint i = 0; i < visits->len; i++)
    {
      RctVisit *visit = g_ptr_array_index (visits, i);
      g_auto(GStrv) numbers = g_strsplit (visit->problems != NULL ? visit->problems : "", "、", -1);
      g_auto(GStrv) units = g_strsplit (visit->units, "、", -1);

      unannounced |= g_str_equal (visit->method, "unannounced");
      linked += visit->problem_count;
      for (guint j = 0; numbers[j] != NULL; j++)
        {
          gint64 id = rct_store_find_id (demo, RCT_KIND_PROBLEM, numbers[j], &error);
          g_autoptr(RctProblem) problem = rct_store_get (demo, RCT_KIND_PROBLEM, id, &error);

          g_assert_no_error (error);
          g_assert_true (g_strv_contains ((const char * const *) units, problem->unit_name));
        }
    }
  g_assert_true (unannounced);
  g_assert_cmpint (figures->problems_found, ==, linked);
  g_clear_object (&demo);
  rct_test_remove_dir (demo_dir);
}

static void
assert_counts_equal (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      RctSupervisionCount *x = g_ptr_array_index (a, i);
      RctSupervisionCount *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpint (x->count, ==, y->count);
    }
}

/* The whole ledger's figures come from queries of their own, without the
 * scope's bounds: they equal those of a scope that bounds nothing, every
 * unit over every date, on the demo and after a record of another kind,
 * a unit made inactive, and a visit's findings. */
static void
test_whole_ledger_as_scoped (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_dir = NULL;
  g_autoptr(RctStore) demo = rct_test_open_demo (&demo_dir);
  g_autoptr(GPtrArray) units = rct_store_list (demo, RCT_KIND_UNIT, NULL, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  RctScope scope = { .from = (char *) "0001-01-01", .to = (char *) "9999-12-31" };
  RctScope empty = { .from = (char *) "", .to = (char *) "" };
  gint64 covered = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < units->len; i++)
    g_ptr_array_add (names, ((RctUnit *) g_ptr_array_index (units, i))->name);
  g_ptr_array_add (names, NULL);
  scope.units = (char **) names->pdata;
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(RctSupervisionFigures) whole = rct_supervision_figures_compute (demo, &error);
      g_autoptr(RctSupervisionFigures) scoped = NULL;
      g_autoptr(RctSupervisionFigures) unbounded = NULL;

      g_assert_no_error (error);
      scoped = rct_supervision_figures_compute_in (demo, &scope, &error);
      g_assert_no_error (error);
      unbounded = rct_supervision_figures_compute_in (demo, &empty, &error);
      g_assert_no_error (error);
      g_assert_cmpint (whole->accountability_total, >, 0);
      g_assert_cmpint (whole->visits, >, 0);
      g_assert_cmpint (whole->units_covered, >, 0);
      g_assert_cmpint (whole->problems_found, >, 0);
      for (guint i = 0; i < 2; i++)
        {
          RctSupervisionFigures *other = i == 0 ? scoped : unbounded;

          g_assert_cmpint (whole->accountability_total, ==, other->accountability_total);
          g_assert_cmpint (whole->visits, ==, other->visits);
          g_assert_cmpint (whole->units_covered, ==, other->units_covered);
          g_assert_cmpint (whole->units_active, ==, other->units_active);
          g_assert_cmpint (whole->problems_found, ==, other->problems_found);
          assert_counts_equal (whole->accountability_by_kind, other->accountability_by_kind);
          assert_counts_equal (whole->accountability_by_unit, other->accountability_by_unit);
        }
      /* A unit visited made inactive: covered and active both lose it. */
      if (round == 0)
        {
          g_autoptr(GPtrArray) visits = rct_store_list (demo, RCT_KIND_VISIT, NULL, &error);
          g_auto(GStrv) visited = g_strsplit (((RctVisit *) g_ptr_array_index (visits, 0))->units, "、", -1);

          for (guint i = 0; i < units->len; i++)
            {
              RctUnit *unit = g_ptr_array_index (units, i);

              if (g_str_equal (unit->name, visited[0]))
                g_assert_true (rct_store_update_va (demo, RCT_KIND_UNIT, rct_record_get_id (RCT_RECORD (unit)),
                                                    NULL, &error, "active", "0", NULL));
              g_assert_no_error (error);
            }
          covered = whole->units_covered;
        }
      else
        g_assert_cmpint (whole->units_covered, ==, covered - 1);
    }
  g_clear_object (&demo);
  rct_test_remove_dir (demo_dir);
}

static char *
pdf_text (const char *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (pdftotext == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  return out;
}

/* The printed report (PDF) has the supervision figures, the same as
 * rct-supervision.c's; a report of some units only leaves them out, as they
 * are the whole office's. */
static void
test_report_section (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_dir = NULL;
  g_autoptr(RctStore) demo = rct_test_open_demo (&demo_dir);
  g_autofree char *pdf = g_build_filename (demo_dir, "督导 报告.pdf", NULL);
  g_autofree char *scoped_pdf = g_build_filename (demo_dir, "单位 报告.pdf", NULL);
  g_autoptr(RctReportPrint) print = NULL;
  g_autoptr(RctReportPrint) scoped_print = NULL;
  g_autoptr(RctSupervisionFigures) figures = rct_supervision_figures_compute (demo, &error);
  g_autofree char *text = NULL;
  g_autofree char *scoped_text = NULL;
  g_autofree char *covered = NULL;
  char *units[] = { (char *) "交警大队", NULL };
  RctScope scope = { .units = units };

  rct_clock_set_today ("2021-05-20");
  print = rct_report_print_new_in (demo, NULL, NULL, "en", &error);
  g_assert_no_error (error);
  g_assert_true (rct_report_print_write_pdf (print, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("no pdftotext");
      g_clear_object (&demo);
      rct_test_remove_dir (demo_dir);
      rct_clock_set_today (NULL);
      return;
    }
  covered = rct_figures_format_ratio (figures->units_covered, figures->units_active);
  g_assert_nonnull (strstr (text, "Inspection visits and accountability"));
  g_assert_nonnull (strstr (text, covered));
  g_assert_nonnull (strstr (text, "Reminder talk"));
  g_assert_nonnull (strstr (text, "Circulated criticism"));

  scoped_print = rct_report_print_new_in (demo, &scope, NULL, "en", &error);
  g_assert_true (rct_report_print_write_pdf (scoped_print, scoped_pdf, &error));
  g_assert_no_error (error);
  scoped_text = pdf_text (scoped_pdf);
  g_assert_null (strstr (scoped_text, "Inspection visits and accountability"));
  g_clear_object (&demo);
  rct_test_remove_dir (demo_dir);
  rct_clock_set_today (NULL);
}

/* An overdue problem, or one whose rectification was rejected twice,
 * calls for accountability; one rejection does not. */
static void
test_calls_for_accountability (void)
{
  g_autoptr(GError) error = NULL;
  RctWorkflowInput reject = { "整改不到位", NULL, NULL, NULL };
  gint64 measure_id;
  g_autofree char *parent = g_strdup_printf ("%" G_GINT64_FORMAT, p3);
  RctProblem *problem;

  problem = rct_store_get (store, RCT_KIND_PROBLEM, p1, NULL);  /* deadline 2021-05-20, today 2021-06-10 */
  g_assert_true (rct_problem_calls_for_accountability (store, problem));
  g_object_unref (problem);

  g_assert_true (rct_store_problem_act (store, p3, RCT_ACTION_START, NULL, &error));
  g_assert_true (rct_store_create_va (store, RCT_KIND_MEASURE, &measure_id, &error, "problem_id", parent,
                                      "text", "补录", NULL));
  g_assert_true (rct_store_measure_done (store, measure_id, "2021-06-01", &error));
  g_assert_no_error (error);
  for (int round = 1; round <= 2; round++)
    {
      g_assert_true (rct_store_problem_act (store, p3, RCT_ACTION_SUBMIT, NULL, &error));
      g_assert_true (rct_store_problem_act (store, p3, RCT_ACTION_REJECT, &reject, &error));
      g_assert_no_error (error);
      problem = rct_store_get (store, RCT_KIND_PROBLEM, p3, NULL);  /* deadline 2021-07-22: not overdue */
      g_assert_cmpint (rct_problem_calls_for_accountability (store, problem), ==, round == 2);
      g_object_unref (problem);
    }
}

#define ADD(path, func) g_test_add_vtable (path, 0, NULL, (GTestFixtureFunc) setup, (GTestFixtureFunc) func, \
                                           (GTestFixtureFunc) teardown)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/supervision/accountability/create-edit-journal", test_accountability_create_edit);
  ADD ("/supervision/accountability/own-kind", test_accountability_own_kind);
  ADD ("/supervision/accountability/figures-count-the-lists", test_accountability_figures);
  ADD ("/supervision/visit/register-finding", test_visit_register_finding);
  ADD ("/supervision/visit/figures-count-the-lists", test_visit_figures);
  ADD ("/supervision/rename-keeps-links", test_rename_keeps_links);
  ADD ("/supervision/accountability/called-for-when-overdue-or-rejected-twice", test_calls_for_accountability);
  g_test_add_func ("/supervision/demo/consistent", test_demo_consistent);
  g_test_add_func ("/supervision/figures/whole-ledger-as-scoped", test_whole_ledger_as_scoped);
  g_test_add_func ("/supervision/report/pdf-section", test_report_section);
  return g_test_run ();
}
