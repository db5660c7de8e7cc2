/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"
#include "rct-clock.h"
#include "rct-supervision.h"
#include "rct-vocabulary.h"

/* rectify-cli accountability … and visit …: the office's accountability
 * records (问责) and inspection visits (督导检查, 明察暗访), and a visit's
 * finding registered as a problem. */

/* The vocabulary's key for what a person typed (谈话提醒, 约谈, Reminder
 * talk, reminder-talk), or the office's own word as typed. */
static const char *
accountability_kind_key (const char *text)
{
  const char *key = rct_vocabulary_find_key (RCT_VOCAB_ACCOUNTABILITY_KIND, text);

  return key != NULL ? key : text;
}

static char *
joined_problems (char **numbers)
{
  return numbers != NULL ? g_strjoinv ("、", numbers) : NULL;
}

/* ---- accountability ---- */

static char *
accountability_line (RctRecord *record)
{
  RctAccountability *a = RCT_ACCOUNTABILITY (record);
  const char *parts[] = {
    rct_record_get_uuid (record), a->date, rct_vocabulary_label (RCT_VOCAB_ACCOUNTABILITY_KIND, a->kind),
    a->person_name, a->unit_name, a->document, a->problems,
  };

  return rct_cli_join_columns (parts, G_N_ELEMENTS (parts));
}

static int
accountability_add_or_edit (gboolean   add,
                            int        argc,
                            char     **argv)
{
  g_autofree char *kind = NULL, *person = NULL, *unit = NULL, *reason = NULL, *decided_by = NULL;
  g_autofree char *date = NULL, *document = NULL;
  g_auto(GStrv) problems = NULL;
  gboolean no_problems = FALSE;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("谈话提醒 (约谈), 批评教育, 责令检查, 通报批评, 诫勉, 组织调整, 纪律处分, or the office's own"), N_("KIND") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("The person held to account"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit held to account"), N_("NAME") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("What it was for"), N_("TEXT") },
    { "problem", 0, 0, G_OPTION_ARG_STRING_ARRAY, &problems, N_("A problem it concerns (repeat for more)"), N_("NUMBER") },
    { "no-problems", 0, 0, G_OPTION_ARG_NONE, &no_problems, N_("It concerns no problem of the ledger (edit)"), NULL },
    { "decided-by", 0, 0, G_OPTION_ARG_STRING, &decided_by, N_("Who decided it"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When it was decided (default: today)"), N_("DATE") },
    { "document", 0, 0, G_OPTION_ARG_STRING, &document, N_("The document number (文号)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *today = rct_clock_today ();
  gint64 id = 0;
  int code;

  if (!rct_cli_parse_options (add ? "accountability add" : "accountability edit ID", entries, &argc, &argv, &code))
    return code;
  if (add && argc != 1)
    return rct_cli_usage (_("accountability add takes its values as options, e.g. --kind 谈话提醒 --unit NAME."));
  if (!add && argc != 2)
    return rct_cli_usage (_("accountability edit needs the record's id or uuid, as accountability list shows it."));

#define PUT(field, value) \
  G_STMT_START { if ((value) != NULL) g_hash_table_insert (values, (gpointer) (field), g_strdup (value)); } G_STMT_END
  PUT ("kind", kind != NULL ? accountability_kind_key (kind) : NULL);
  PUT ("person", person);
  PUT ("unit", unit);
  PUT ("reason", reason);
  PUT ("decided_by", decided_by);
  PUT ("date", date != NULL ? date : add ? today : NULL);
  PUT ("document", document);
  if (problems != NULL || no_problems)
    g_hash_table_insert (values, (gpointer) "problems", no_problems ? g_strdup ("") : joined_problems (problems));
#undef PUT

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (add)
    {
      g_autoptr(RctRecord) created = NULL;

      if (!rct_store_create (store, RCT_KIND_ACCOUNTABILITY, values, &id, &error) ||
          (created = rct_store_get (store, RCT_KIND_ACCOUNTABILITY, id, &error)) == NULL)
        return rct_cli_fail (error);
      g_print ("%s\n", rct_record_get_uuid (created));
      return EXIT_OK;
    }
  id = rct_store_find_id (store, RCT_KIND_ACCOUNTABILITY, argv[1], &error);
  if (id == 0 || !rct_store_update (store, RCT_KIND_ACCOUNTABILITY, id, values, NULL, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

static int
accountability_list (int    argc,
                     char **argv)
{
  g_autofree char *kind = NULL, *unit = NULL, *csv = NULL, *xlsx = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only records of this kind"), N_("KIND") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only records of this unit"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Write the list to a CSV file (UTF-8, for Excel)"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("Write the list to an Excel workbook"), N_("FILE") },
    { NULL }
  };
  RctFilter filter = { 0 };
  int code;

  if (!rct_cli_parse_options ("accountability list", entries, &argc, &argv, &code))
    return code;
  filter.kind = kind != NULL ? accountability_kind_key (kind) : NULL;
  filter.unit = unit;
  return rct_cli_print_list (RCT_KIND_ACCOUNTABILITY, &filter, json, csv, xlsx, accountability_line);
}

static int
accountability_add (int    argc,
                    char **argv)
{
  return accountability_add_or_edit (TRUE, argc, argv);
}

static int
accountability_edit (int    argc,
                     char **argv)
{
  return accountability_add_or_edit (FALSE, argc, argv);
}

int
rct_cli_accountability (int    argc,
                        char **argv)
{
  static const RctCliAction actions[] = {
    { "add", accountability_add },
    { "edit", accountability_edit },
    { "list", accountability_list },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("accountability needs an action: add, edit ID, or list."), argc, argv);
}

/* ---- visits ---- */

static char *
visit_line (RctRecord *record)
{
  RctVisit *v = RCT_VISIT (record);
  g_auto(GStrv) findings = rct_visit_dup_findings (v);
  g_autofree char *counts = NULL;
  g_autofree char *found = NULL;
  g_autofree char *registered = NULL;
  const char *parts[5];

  found = g_strdup_printf (ngettext ("%u finding", "%u findings", g_strv_length (findings)), g_strv_length (findings));
  registered = g_strdup_printf (ngettext ("%d problem registered", "%d problems registered", (int) v->problem_count),
                                (int) v->problem_count);
  /* Translators: a visit's findings and the problems registered from them */
  counts = g_strdup_printf (_("[%s, %s]"), found, registered);
  parts[0] = v->date;
  parts[1] = v->team;
  parts[2] = rct_vocabulary_label (RCT_VOCAB_VISIT_METHOD, v->method);
  parts[3] = v->units;
  parts[4] = counts;
  {
    g_autofree char *line = rct_cli_join_columns (parts, G_N_ELEMENTS (parts));
    return g_strdup_printf ("%-6" G_GINT64_FORMAT " %s", rct_record_get_id (record), line);
  }
}

static int
visit_add (int    argc,
           char **argv)
{
  g_autofree char *date = NULL, *team = NULL, *method = NULL;
  g_auto(GStrv) units = NULL;
  g_auto(GStrv) findings = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When the visit was (default: today)"), N_("DATE") },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team, N_("The group or team that visited"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &units, N_("A unit visited (repeat for more)"), N_("NAME") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("明察, 暗访, 听取汇报, 查阅台账 or 个别谈话"), N_("METHOD") },
    { "finding", 0, 0, G_OPTION_ARG_STRING_ARRAY, &findings, N_("What was found (repeat for more)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = rct_clock_today ();
  g_autofree char *unit_text = NULL;
  g_autofree char *finding_text = NULL;
  const char *method_key;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("visit add", entries, &argc, &argv, &code))
    return code;
  if (argc != 1)
    return rct_cli_usage (_("visit add takes its values as options, e.g. --team 第一督导组 --unit NAME --method 暗访."));
  method_key = method != NULL ? rct_vocabulary_find_key (RCT_VOCAB_VISIT_METHOD, method) : NULL;
  if (method != NULL && method_key == NULL)
    method_key = method;  /* the store says which methods there are */
  for (guint i = 0; findings != NULL && findings[i] != NULL; i++)
    if (strchr (findings[i], '\n') != NULL)
      return rct_cli_usage (_("A finding is one line; give each with its own --finding."));
  unit_text = units != NULL ? g_strjoinv ("、", units) : NULL;
  finding_text = findings != NULL ? g_strjoinv ("\n", findings) : NULL;

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (!rct_store_create_va (store, RCT_KIND_VISIT, &id, &error, "date", date != NULL ? date : today,
                            "team", team, "method", method_key, "units", unit_text, "findings", finding_text, NULL))
    return rct_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

static int
visit_list (int    argc,
            char **argv)
{
  g_autofree char *unit = NULL, *csv = NULL, *xlsx = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only visits to this unit"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Write the list to a CSV file (UTF-8, for Excel)"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("Write the list to an Excel workbook"), N_("FILE") },
    { NULL }
  };
  RctFilter filter = { 0 };
  int code;

  if (!rct_cli_parse_options ("visit list", entries, &argc, &argv, &code))
    return code;
  filter.unit = unit;
  return rct_cli_print_list (RCT_KIND_VISIT, &filter, json, csv, xlsx, visit_line);
}

static int
visit_register_finding (int    argc,
                        char **argv)
{
  g_autofree char *unit = NULL, *deadline = NULL, *responsible = NULL, *group = NULL, *description = NULL;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit concerned (default: the visit's only unit)"), N_("NAME") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, N_("Deadline for rectification"), N_("DATE") },
    { "responsible", 0, 0, G_OPTION_ARG_STRING, &responsible, N_("The responsible person"), N_("NAME") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("The working group following it"), N_("NAME") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What the problem is (default: the finding)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RctProblem) problem = NULL;
  gint64 visit_id, problem_id;
  guint64 finding;
  int code;

  if (!rct_cli_parse_options ("visit register-finding VISIT N", entries, &argc, &argv, &code))
    return code;
  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &finding, NULL))
    return rct_cli_usage (_("visit register-finding needs the visit and the finding's number: "
                            "rectify-cli visit register-finding 3 1 --deadline 2021-06-30"));
  if (unit != NULL)
    g_hash_table_insert (values, (gpointer) "unit", unit);
  if (deadline != NULL)
    g_hash_table_insert (values, (gpointer) "deadline", deadline);
  if (responsible != NULL)
    g_hash_table_insert (values, (gpointer) "responsible", responsible);
  if (group != NULL)
    g_hash_table_insert (values, (gpointer) "group", group);
  if (description != NULL)
    g_hash_table_insert (values, (gpointer) "description", description);

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  visit_id = rct_store_find_id (store, RCT_KIND_VISIT, argv[1], &error);
  if (visit_id == 0 ||
      !rct_store_register_finding (store, visit_id, (guint) finding, values, &problem_id, &error) ||
      (problem = rct_store_get (store, RCT_KIND_PROBLEM, problem_id, &error)) == NULL)
    return rct_cli_fail (error);
  g_print ("%s\n", problem->number);
  return EXIT_OK;
}

int
rct_cli_visit (int    argc,
               char **argv)
{
  static const RctCliAction actions[] = {
    { "add", visit_add },
    { "list", visit_list },
    { "register-finding", visit_register_finding },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("visit needs an action: add, list, or register-finding VISIT N."), argc, argv);
}
