/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"
#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-figures-study.h"
#include "rct-vocabulary.h"

/* rectify-cli roster …, course … and activity …: the study phase (学习教育):
 * the officer roster, the training course and each officer's hours, and
 * the campaign's activity series with their entries. */

/* ---- shared: lists out as JSON, CSV, XLSX or lines; CSV in ---- */

static char *
record_line (RctRecord *record)
{
  if (RCT_IS_OFFICER (record))
    {
      RctOfficer *o = RCT_OFFICER (record);
      return g_strdup_printf ("%s  %s  %s  %s%s", o->name, o->unit_name, o->police_number != NULL ? o->police_number : "-",
               rct_vocabulary_label (RCT_VOCAB_OFFICER_KIND, o->kind), o->in_service ? "" : _("  [left]"));
    }
  else if (RCT_IS_ENROLMENT (record))
    {
      RctEnrolment *e = RCT_ENROLMENT (record);
      return g_strdup_printf ("%s  %s  %s  %" G_GINT64_FORMAT "  %" G_GINT64_FORMAT "  %s", e->officer_name, e->unit_name,
               e->police_number != NULL ? e->police_number : "-", e->required_done, e->elective_done,
               e->certificate != NULL ? e->certificate : "");
    }
  else if (RCT_IS_COURSE (record))
    {
      RctCourse *c = RCT_COURSE (record);
      return g_strdup_printf ("%s  %" G_GINT64_FORMAT "  %" G_GINT64_FORMAT "  %" G_GINT64_FORMAT "", c->name,
               c->required_hours, c->elective_hours, c->enrolled_count);
    }
  else if (RCT_IS_ACTIVITY_SERIES (record))
    {
      RctActivitySeries *s = RCT_ACTIVITY_SERIES (record);
      return g_strdup_printf ("%s  %s  %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "  %s – %s", s->name,
               rct_vocabulary_label (RCT_VOCAB_ACTIVITY_KIND, s->kind), s->done_count, s->target,
               s->start_date != NULL ? s->start_date : "", s->end_date != NULL ? s->end_date : "");
    }
  else if (RCT_IS_ACTIVITY_ENTRY (record))
    {
      RctActivityEntry *e = RCT_ACTIVITY_ENTRY (record);
      return g_strdup_printf ("%-6" G_GINT64_FORMAT " %s  %s  %s  %s%s", rct_record_get_id (record), e->date,
               e->person != NULL ? e->person : e->unit_name != NULL ? e->unit_name : "",
               e->place != NULL ? e->place : "", e->topic != NULL ? e->topic : "",
               e->done ? "" : _("  [not done]"));
    }
  return g_strdup ("");
}

static int
import_csv (RctKind      kind,
            const char  *path,
            const char  *map,
            const char  *course,
            gboolean     only_good)
{
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *basename = g_file_get_basename (file);

  table = rct_csv_read_file (file, NULL, &error);
  if (table == NULL || !rct_csv_parse_mapping_for (kind, map, table, &mapping, &error))
    return rct_cli_fail (error);
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (course != NULL && rct_store_find_id (store, RCT_KIND_COURSE, course, &error) == 0)
    return rct_cli_fail (error);
  import = rct_csv_import_study (store, kind, table, mapping, course, only_good, basename, &error);
  if (import == NULL)
    return rct_cli_fail (error);

  for (guint i = 0; i < import->problems->len; i++)
    {
      RctCsvRowProblem *problem = g_ptr_array_index (import->problems, i);
      /* Translators: %u is a line of the file, %s why it was refused */
      g_printerr (_("line %u: %s\n"), problem->line, problem->reason);
    }
  if (import->problems->len > 0 && !only_good)
    {
      g_printerr (ngettext ("rectify-cli: %u row is bad; nothing was imported. Correct it, or use --only-good-rows.\n",
                            "rectify-cli: %u rows are bad; nothing was imported. Correct them, or use --only-good-rows.\n",
                            import->problems->len),
                  import->problems->len);
      return EXIT_FAILED;
    }
  g_print (ngettext ("Imported %u row.\n", "Imported %u rows.\n", import->imported), import->imported);
  return EXIT_OK;
}

#define LIST_ENTRIES(json, csv, xlsx) \
  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL }, \
  { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Write the list to a CSV file (UTF-8, for Excel)"), N_("FILE") }, \
  { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("Write the list to an Excel workbook"), N_("FILE") }

#define IMPORT_ENTRIES(map, only_good) \
  { "map", 0, 0, G_OPTION_ARG_STRING, &map, N_("Which column is which field: HEADER=field,…"), N_("MAPPING") }, \
  { "only-good-rows", 0, 0, G_OPTION_ARG_NONE, &only_good, N_("Import the good rows even when some are bad"), NULL }

/* ---- roster ---- */

static int
roster_add (int    argc,
            char **argv)
{
  g_autofree char *unit = NULL, *number = NULL, *kind = NULL;
  gboolean left = FALSE;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The officer's unit"), N_("NAME") },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("Police number"), N_("NUMBER") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("police or auxiliary (default: police)"), N_("KIND") },
    { "left", 0, 0, G_OPTION_ARG_NONE, &left, N_("No longer in service"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("roster add NAME", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("roster add needs the officer's name: rectify-cli roster add 张伟 --unit 回河派出所"));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (!rct_store_create_va (store, RCT_KIND_OFFICER, &id, &error, "name", argv[1], "unit", unit,
                            "police_number", number,
                            "kind", kind != NULL ? rct_vocabulary_find_key (RCT_VOCAB_OFFICER_KIND, kind) != NULL
                                                   ? rct_vocabulary_find_key (RCT_VOCAB_OFFICER_KIND, kind) : kind
                                             : "police",
                            "in_service", left ? "0" : "1", NULL))
    return rct_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

static int
roster_leave (int    argc,
              char **argv)
{
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the officer leaves the roster"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("roster leave NAME|NUMBER", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("roster leave needs the officer's name or police number."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = rct_store_find_officer_by_key (store, argv[1], &error);
  if (id == 0 || !rct_store_update_va (store, RCT_KIND_OFFICER, id, reason, &error, "in_service", "0", NULL))
    return rct_cli_fail (error);
  return EXIT_OK;
}

static int
roster_list (int    argc,
             char **argv)
{
  g_autofree char *unit = NULL, *status = NULL, *csv = NULL, *xlsx = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only officers of this unit"), N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("in-service or left"), N_("STATUS") },
    LIST_ENTRIES (json, csv, xlsx),
    { NULL }
  };
  RctFilter filter = { 0 };
  int code;

  if (!rct_cli_parse_options ("roster list", entries, &argc, &argv, &code))
    return code;
  if (status != NULL && !g_str_equal (status, "in-service") && !g_str_equal (status, "left"))
    return rct_cli_usage (_("An officer's status is in-service or left."));
  filter.unit = unit;
  filter.status = status;
  return rct_cli_print_list (RCT_KIND_OFFICER, &filter, json, csv, xlsx, record_line);
}

static int
roster_import (int    argc,
               char **argv)
{
  g_autofree char *map = NULL;
  gboolean only_good = FALSE;
  GOptionEntry entries[] = {
    IMPORT_ENTRIES (map, only_good),
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options ("roster import FILE.csv", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("roster import needs the roster's CSV file."));
  return import_csv (RCT_KIND_OFFICER, argv[1], map, NULL, only_good);
}

int
rct_cli_roster (int    argc,
                char **argv)
{
  static const RctCliAction actions[] = {
    { "add", roster_add },
    { "leave", roster_leave },
    { "list", roster_list },
    { "import", roster_import },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("roster needs an action: add, leave, list or import."), argc, argv);
}

/* ---- course ---- */

static int
course_add (int    argc,
            char **argv)
{
  g_autofree char *required = NULL, *elective = NULL, *start = NULL, *end = NULL;
  GOptionEntry entries[] = {
    { "required", 0, 0, G_OPTION_ARG_STRING, &required, N_("Required hours"), N_("HOURS") },
    { "elective", 0, 0, G_OPTION_ARG_STRING, &elective, N_("Elective hours"), N_("HOURS") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("First day"), N_("DATE") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("Last day"), N_("DATE") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("course add NAME", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("course add needs the course's name."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !rct_store_create_va (store, RCT_KIND_COURSE, NULL, &error, "name", argv[1], "required_hours", required,
                            "elective_hours", elective, "start_date", start, "end_date", end, NULL))
    return rct_cli_fail (error);
  return EXIT_OK;
}

static int
course_list (int    argc,
             char **argv)
{
  g_autofree char *unit = NULL, *csv = NULL, *xlsx = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only officers of this unit"), N_("NAME") },
    LIST_ENTRIES (json, csv, xlsx),
    { NULL }
  };
  RctFilter filter = { 0 };
  int code;

  if (!rct_cli_parse_options ("course list [COURSE]", entries, &argc, &argv, &code))
    return code;
  if (argc > 2)
    return rct_cli_usage (_("course list shows the courses, or one course's officers."));
  if (argc == 1)
    return rct_cli_print_list (RCT_KIND_COURSE, NULL, json, csv, xlsx, record_line);
  filter.parent = argv[1];
  filter.unit = unit;
  return rct_cli_print_list (RCT_KIND_ENROLMENT, &filter, json, csv, xlsx, record_line);
}

static int
course_record (int    argc,
               char **argv)
{
  g_autofree char *required = NULL, *elective = NULL, *certificate = NULL;
  GOptionEntry entries[] = {
    { "required", 0, 0, G_OPTION_ARG_STRING, &required, N_("Required hours done"), N_("HOURS") },
    { "elective", 0, 0, G_OPTION_ARG_STRING, &elective, N_("Elective hours done"), N_("HOURS") },
    { "certificate", 0, 0, G_OPTION_ARG_STRING, &certificate, N_("Certificate number"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctRecord) officer = NULL;
  gint64 officer_id, id;
  int code;

  if (!rct_cli_parse_options ("course record COURSE OFFICER", entries, &argc, &argv, &code))
    return code;
  if (argc != 3)
    return rct_cli_usage (_("course record needs the course and the officer's name or police number."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || rct_store_find_id (store, RCT_KIND_COURSE, argv[1], &error) == 0)
    return rct_cli_fail (error);
  officer_id = rct_store_find_officer_by_key (store, argv[2], &error);
  if (officer_id == 0 || (officer = rct_store_get (store, RCT_KIND_OFFICER, officer_id, &error)) == NULL)
    return rct_cli_fail (error);
  /* Enrols the officer the first time; records the hours after. */
  id = rct_store_find_enrolment (store, argv[1], officer_id);
  if (id == 0)
    {
      if (!rct_store_create_va (store, RCT_KIND_ENROLMENT, NULL, &error, "course", argv[1],
                                "officer", rct_record_get_uuid (officer), "required_done", required,
                                "elective_done", elective, "certificate", certificate, NULL))
        return rct_cli_fail (error);
    }
  else
    {
      g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);

      if (required != NULL)
        g_hash_table_insert (values, "required_done", required);
      if (elective != NULL)
        g_hash_table_insert (values, "elective_done", elective);
      if (certificate != NULL)
        g_hash_table_insert (values, "certificate", certificate);
      if (!rct_store_update (store, RCT_KIND_ENROLMENT, id, values, NULL, &error))
        return rct_cli_fail (error);
    }
  return EXIT_OK;
}

static int
course_import (int    argc,
               char **argv)
{
  g_autofree char *map = NULL;
  gboolean only_good = FALSE;
  GOptionEntry entries[] = {
    IMPORT_ENTRIES (map, only_good),
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options ("course import COURSE FILE.csv", entries, &argc, &argv, &code))
    return code;
  if (argc != 3)
    return rct_cli_usage (_("course import needs the course and the training platform's CSV file."));
  return import_csv (RCT_KIND_ENROLMENT, argv[2], map, argv[1], only_good);
}

int
rct_cli_course (int    argc,
                char **argv)
{
  static const RctCliAction actions[] = {
    { "add", course_add },
    { "list", course_list },
    { "record", course_record },
    { "import", course_import },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("course needs an action: add, list, record or import."), argc, argv);
}

/* ---- activity ---- */

static int
activity_add (int    argc,
              char **argv)
{
  g_autofree char *kind = NULL, *target = NULL, *start = NULL, *end = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("reading, essay, open-day, campus or night-school"), N_("KIND") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target, N_("How many entries the series aims at"), N_("COUNT") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("First day"), N_("DATE") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("Last day"), N_("DATE") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("activity add NAME", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("activity add needs the activity's name."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !rct_store_create_va (store, RCT_KIND_ACTIVITY_SERIES, NULL, &error, "name", argv[1],
                            "kind", kind != NULL && rct_vocabulary_find_key (RCT_VOCAB_ACTIVITY_KIND, kind) != NULL
                                    ? rct_vocabulary_find_key (RCT_VOCAB_ACTIVITY_KIND, kind) : kind,
                            "target", target, "start_date", start, "end_date", end, NULL))
    return rct_cli_fail (error);
  return EXIT_OK;
}

static int
activity_entry (int    argc,
                char **argv)
{
  g_autofree char *date = NULL, *person = NULL, *unit = NULL, *place = NULL, *topic = NULL, *audience = NULL;
  gboolean not_done = FALSE;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Its date (default: today)"), N_("DATE") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("The reader, author or speaker"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit"), N_("NAME") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("The school or place"), N_("TEXT") },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &topic, N_("The topic or title"), N_("TEXT") },
    { "audience", 0, 0, G_OPTION_ARG_STRING, &audience, N_("How many came"), N_("COUNT") },
    { "not-done", 0, 0, G_OPTION_ARG_NONE, &not_done, N_("Recorded but not yet published or held"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = rct_clock_today ();
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("activity entry ACTIVITY", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("activity entry needs the activity's name."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !rct_store_create_va (store, RCT_KIND_ACTIVITY_ENTRY, &id, &error, "series", argv[1],
                            "date", date != NULL ? date : today, "person", person, "unit", unit, "place", place,
                            "topic", topic, "audience", audience, "done", not_done ? "0" : "1", NULL))
    return rct_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

static int
activity_list (int    argc,
               char **argv)
{
  g_autofree char *csv = NULL, *xlsx = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    LIST_ENTRIES (json, csv, xlsx),
    { NULL }
  };
  RctFilter filter = { 0 };
  int code;

  if (!rct_cli_parse_options ("activity list [ACTIVITY]", entries, &argc, &argv, &code))
    return code;
  if (argc > 2)
    return rct_cli_usage (_("activity list shows the activities, or one activity's entries."));
  if (argc == 1)
    return rct_cli_print_list (RCT_KIND_ACTIVITY_SERIES, NULL, json, csv, xlsx, record_line);
  filter.parent = argv[1];
  return rct_cli_print_list (RCT_KIND_ACTIVITY_ENTRY, &filter, json, csv, xlsx, record_line);
}

int
rct_cli_activity (int    argc,
                  char **argv)
{
  static const RctCliAction actions[] = {
    { "add", activity_add },
    { "entry", activity_entry },
    { "list", activity_list },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("activity needs an action: add, entry or list."), argc, argv);
}
