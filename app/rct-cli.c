/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"
#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-demo.h"
#include "rct-figures.h"
#include "rct-store.h"
#include "rct-synthetic.h"
#include "rct-vocabulary.h"

/* rectify-cli: the ledger without a window, for scripts and tests.
 * Exit 0 on success; 1 with one line on standard error when the work failed
 * (and nothing was changed); 2 for a usage error. */

static CliGlobals globals;

int
rct_cli_fail (GError *error)
{
  g_printerr ("rectify-cli: %s\n", error->message);
  return EXIT_FAILED;
}

/* The ledger named by --db, or NULL for the default one. */
const char *
rct_cli_get_db_path (void)
{
  return globals.db_path;
}

int
rct_cli_usage (const char *message)
{
  g_printerr ("rectify-cli: %s\n", message);
  g_printerr (_("Run “rectify-cli --help” to see the commands.\n"));
  return EXIT_USAGE;
}

/* Parses the options of one command; a wrong option is a usage error. */
gboolean
rct_cli_parse_options (const char   *summary,
               GOptionEntry *entries,
               int          *argc,
               char       ***argv,
               int          *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (summary);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = rct_cli_usage (error->message);
      return FALSE;
    }
  return TRUE;
}

/* The action of @actions called @name, or NULL (also for a NULL @name). */
const RctCliAction *
rct_cli_find_action (const RctCliAction *actions,
                     gsize               n_actions,
                     const char         *name)
{
  for (gsize i = 0; name != NULL && i < n_actions; i++)
    if (g_str_equal (name, actions[i].name))
      return &actions[i];
  return NULL;
}

/* `COMMAND ACTION …`, @argv[0] being the command: runs the action named by
 * @argv[1] from its name on, or says @usage (a usage error) when there is no
 * action or no such one. */
int
rct_cli_run_action (const RctCliAction *actions,
                    gsize               n_actions,
                    const char         *usage,
                    int                 argc,
                    char              **argv)
{
  const RctCliAction *action = rct_cli_find_action (actions, n_actions, argc >= 2 ? argv[1] : NULL);

  if (action == NULL)
    return rct_cli_usage (usage);
  return action->run (argc - 1, argv + 1);
}

static char *
operator_from_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "operator-name"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_string (settings, "operator-name");
}

RctStore *
rct_cli_open_store (RctStoreOpenFlags   flags,
            GError            **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *from_settings = NULL;
  const char *path = globals.db_path;
  RctStore *store;

  if (path == NULL)
    path = default_path = rct_store_default_path ();
  store = rct_store_open (path, flags, error);
  if (store == NULL && (flags & RCT_STORE_OPEN_READ_ONLY) &&
      g_error_matches (*error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEEDS_UPGRADE))
    {
      /* An older ledger is upgraded (after a backup) on first use, even by
       * a command that only reads. */
      g_clear_error (error);
      store = rct_store_open (path, flags & ~RCT_STORE_OPEN_READ_ONLY, error);
    }
  if (store == NULL)
    return NULL;
  /* Who acts is written in the journal only: a read-only command (stats,
   * list) never writes one, and skips GSettings and its schemas. */
  if (globals.operator_name == NULL && !rct_store_is_read_only (store))
    from_settings = operator_from_settings ();
  rct_store_set_operator (store, globals.operator_name != NULL ? globals.operator_name : from_settings);
  return store;
}

/* ---- init, check, backup ---- */

static int
cmd_init (int    argc,
          char **argv)
{
  gboolean demo = FALSE;
  gboolean groups = FALSE;
  int synthetic = 0;
  int seed = 2021;
  g_autofree char *office = NULL, *unit = NULL, *short_code = NULL, *from_setup = NULL;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Fill the new ledger with the demo campaign"), NULL },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("The ledger is this office's"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The ledger is this unit's (give --code too)"), N_("NAME") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &short_code, N_("The organisation's short code, e.g. HH"), N_("CODE") },
    { "from-setup", 0, 0, G_OPTION_ARG_FILENAME, &from_setup,
      N_("Make a unit's ledger from the set-up file its office sent"), N_("FILE") },
    { "synthetic", 0, 0, G_OPTION_ARG_INT, &synthetic,
      N_("Fill the new ledger with N made-up problems, for measuring"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
      N_("With --synthetic: the seed of the made-up ledger (the same seed makes the same ledger)"), N_("SEED") },
    { "groups", 0, 0, G_OPTION_ARG_NONE, &groups, N_("Start with the campaign's phases and six working groups"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("init", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return rct_cli_usage (_("init takes no file name; give the ledger with --db FILE."));

  if (from_setup != NULL && (demo || groups || synthetic > 0 || office != NULL || unit != NULL || short_code != NULL))
    return rct_cli_usage (_("init --from-setup takes its organisation and records from the file; give no other option."));
  if (office != NULL && unit != NULL)
    return rct_cli_usage (_("A ledger is either an office's (--office) or a unit's (--unit), not both."));
  if (unit != NULL && short_code == NULL)
    return rct_cli_usage (_("A unit's ledger needs its short code: --unit NAME --code CODE."));
  if (short_code != NULL && office == NULL && unit == NULL)
    return rct_cli_usage (_("--code goes with --office NAME or --unit NAME."));
  if (from_setup != NULL)
    return rct_cli_init_from_setup (from_setup);

  store = rct_cli_open_store (RCT_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if ((office != NULL || unit != NULL) && !rct_store_is_empty (store))
    {
      g_set_error_literal (&error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("This ledger already holds records; its organisation is given when it is made."));
      return rct_cli_fail (error);
    }
  if (demo && !rct_demo_fill (store, &error))
    return rct_cli_fail (error);
  if ((office != NULL || unit != NULL) && !rct_cli_init_identity (store, office, unit, short_code, &error))
    return rct_cli_fail (error);
  if (synthetic > 0 && !demo && !rct_synthetic_fill (store, synthetic, (guint32) seed, &error))
    return rct_cli_fail (error);
  if (groups && !demo && !rct_store_seed_empty (store, &error))
    return rct_cli_fail (error);
  /* The organisation's signing key (issue 21), outside the ledger. */
  if (!rct_cli_ensure_key (store, &error))
    return rct_cli_fail (error);
  g_print (_("Ledger ready: %s\n"), rct_store_get_path (store));
  return EXIT_OK;
}

static int
cmd_check (int    argc,
           char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("check", entries, &argc, &argv, &code))
    return code;
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !rct_store_check (store, &error))
    return rct_cli_fail (error);
  g_print (_("The ledger is sound.\n"));
  return EXIT_OK;
}

static int
cmd_backup (int    argc,
            char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("backup OUT.db", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("backup needs one file name: rectify-cli backup OUT.db"));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !rct_store_backup (store, argv[1], &error))
    return rct_cli_fail (error);
  g_print (_("Backed up to %s\n"), argv[1]);
  return EXIT_OK;
}

/* ---- list, stats, journal ---- */

int
rct_cli_list (int    argc,
              char **argv)
{
  g_autofree char *status = NULL;
  g_autofree char *search = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *group = NULL;
  g_autofree char *person = NULL;
  g_autofree char *source = NULL;
  g_autofree char *supervisor = NULL;
  g_autofree char *kind_filter = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *xlsx_path = NULL;
  g_autofree char *severity = NULL;
  g_autofree char *leader = NULL;
  gboolean overdue = FALSE, due_soon = FALSE, json = FALSE, descending = FALSE, awaiting = FALSE;
  gboolean listed = FALSE;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, N_("Write the list to a CSV file (UTF-8, for Excel)"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx_path, N_("Write the list to an Excel workbook"), N_("FILE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only records with this status"), N_("STATUS") },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only overdue records"), NULL },
    { "due-soon", 0, 0, G_OPTION_ARG_NONE, &due_soon, N_("Only records due within 3 days"), NULL },
    { "awaiting", 0, 0, G_OPTION_ARG_NONE, &awaiting, N_("Only feedback awaiting a reply"), NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only records containing this text"), N_("TEXT") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only records of this unit"), N_("NAME") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Only records of this working group"), N_("NAME") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("Only records of this responsible person or owner"), N_("NAME") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only problems from this source"), N_("SOURCE") },
    { "supervisor", 0, 0, G_OPTION_ARG_STRING, &supervisor, N_("Only feedback of this supervisor"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_filter, N_("Only records of this kind"), N_("KIND") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &severity, N_("Only problems of this severity"), N_("SEVERITY") },
    { "leader", 0, 0, G_OPTION_ARG_STRING, &leader,
      N_("Only problems this leader answers for (a unit's head: its unit's problems)"), N_("NAME") },
    { "listed", 0, 0, G_OPTION_ARG_NONE, &listed, N_("Only problems listed for supervision (挂牌督办)"), NULL },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Sort by this column"), N_("COLUMN") },
    { "descending", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Sort in descending order"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  RctFilter filter = { 0 };
  RctKind kind;
  int code;

  if (!rct_cli_parse_options ("list problems|tasks|feedback|supervisors", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("list needs what to list: problems, tasks, feedback or supervisors."));
  if (g_str_equal (argv[1], "problems"))
    kind = RCT_KIND_PROBLEM;
  else if (g_str_equal (argv[1], "tasks"))
    kind = RCT_KIND_TASK;
  else if (g_str_equal (argv[1], "feedback"))
    kind = RCT_KIND_FEEDBACK;
  else if (g_str_equal (argv[1], "supervisors"))
    kind = RCT_KIND_SUPERVISOR;
  else
    return rct_cli_usage (_("list can show problems, tasks, feedback or supervisors."));

  if (kind == RCT_KIND_PROBLEM && status != NULL && !rct_vocabulary_has (RCT_VOCAB_PROBLEM_STATUS, status))
    {
      g_autofree char *keys = rct_vocabulary_keys (RCT_VOCAB_PROBLEM_STATUS);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a problem status; use one of: %s."), status, keys);
      return rct_cli_usage (message);
    }
  if (kind == RCT_KIND_TASK && status != NULL && !rct_vocabulary_has (RCT_VOCAB_TASK_STATUS, status))
    {
      g_autofree char *keys = rct_vocabulary_keys (RCT_VOCAB_TASK_STATUS);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a task status; use one of: %s."), status, keys);
      return rct_cli_usage (message);
    }

  if (severity != NULL)
    {
      filter.severity = rct_cli_severity_key (severity);
      if (filter.severity == NULL)
        return EXIT_USAGE;
    }
  filter.leader = leader;
  filter.listed = listed;
  filter.status = status;
  filter.search = search;
  filter.unit = unit;
  filter.group = group;
  filter.person = person;
  filter.source = source;
  filter.supervisor = supervisor;
  filter.kind = kind_filter;
  filter.overdue = overdue;
  filter.due_soon = due_soon;
  filter.awaiting = awaiting;
  filter.sort = sort;
  filter.descending = descending;

  return rct_cli_print_list (kind, &filter, json, csv_path, xlsx_path, rct_cli_record_line);
}

static int
cmd_stats (int    argc,
           char **argv)
{
  gboolean json = FALSE;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) units = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Start of the period (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("End of the period (YYYY-MM-DD)"), N_("DATE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &units, N_("Only this unit (repeat for more)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autoptr(RctStudyFigures) study = NULL;
  g_autoptr(RctSupervisionFigures) supervision = NULL;
  RctScope scope = { 0 };
  int code;

  if (!rct_cli_parse_options ("stats", entries, &argc, &argv, &code))
    return code;
  if ((from != NULL && !rct_date_is_valid (from)) || (to != NULL && !rct_date_is_valid (to)))
    return rct_cli_usage (_("Write dates as YYYY-MM-DD, for example 2021-04-30."));

  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  for (guint i = 0; units != NULL && units[i] != NULL; i++)
    if (rct_store_find_id (store, RCT_KIND_UNIT, units[i], &error) == 0)
      return rct_cli_fail (error);
  scope.from = from;
  scope.to = to;
  scope.units = units;
  figures = rct_figures_compute (store, &scope, &error);
  if (figures == NULL)
    return rct_cli_fail (error);
  study = rct_study_figures_compute (store, NULL, &error);
  if (study == NULL)
    return rct_cli_fail (error);
  /* The period and units count for accountability and visits too, as in
   * the report of that scope. */
  supervision = rct_supervision_figures_compute_in (store, &scope, &error);
  if (supervision == NULL)
    return rct_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) root = rct_cli_figures_to_json (figures);
      rct_cli_add_study_json (root, study);
      rct_cli_add_supervision_json (root, supervision);
      rct_cli_print_json (root);
    }
  else
    {
      rct_cli_print_figures (figures);
      rct_cli_print_study (study);
      rct_cli_print_supervision (supervision);
    }
  return EXIT_OK;
}

static int
cmd_journal (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("journal NUMBER", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("journal needs a problem number: rectify-cli journal 2021-017"));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = rct_store_find_id (store, RCT_KIND_PROBLEM, argv[1], &error);
  if (id == 0)
    return rct_cli_fail (error);
  entries_found = rct_store_list_problem_history (store, id, &error);
  if (entries_found == NULL)
    return rct_cli_fail (error);
  rct_cli_print_records (entries_found, json, rct_cli_record_line);
  return EXIT_OK;
}

/* ---- problem, measure ---- */

static int
cmd_problem_add (int    argc,
                 char **argv)
{
  g_autofree char *number = NULL, *description = NULL, *source = NULL, *category = NULL, *unit = NULL;
  g_autofree char *group = NULL, *responsible = NULL, *found = NULL, *deadline = NULL, *leader = NULL;
  g_autofree char *severity = NULL, *cause = NULL;
  const char *severity_key = NULL;
  GOptionEntry entries[] = {
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("Ledger number (default: the next of the year)"), N_("NUMBER") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What the problem is"), N_("TEXT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where it was found"), N_("SOURCE") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Category"), N_("TEXT") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit concerned"), N_("NAME") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("The working group following it"), N_("NAME") },
    { "responsible", 0, 0, G_OPTION_ARG_STRING, &responsible, N_("The responsible person"), N_("NAME") },
    { "leader", 0, 0, G_OPTION_ARG_STRING, &leader,
      N_("The responsible leader (default: the unit's head)"), N_("NAME") },
    { "found", 0, 0, G_OPTION_ARG_STRING, &found, N_("Date found (default: today)"), N_("DATE") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, N_("Deadline for rectification"), N_("DATE") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &severity, N_("How grave it is: normal, serious or grave"), N_("SEVERITY") },
    { "cause", 0, 0, G_OPTION_ARG_STRING, &cause, N_("The cause analysis (原因分析)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;
  g_autofree char *today = rct_clock_today ();
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("problem add", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return rct_cli_usage (_("problem add takes its values as options, e.g. --description TEXT."));
  if (severity != NULL && (severity_key = rct_cli_severity_key (severity)) == NULL)
    return EXIT_USAGE;

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (!rct_store_create_va (store, RCT_KIND_PROBLEM, &id, &error,
                            "number", number, "description", description, "source", source,
                            "category", category, "unit", unit, "group", group, "responsible", responsible,
                            "leader", leader, "severity", severity_key, "cause", cause,
                            "found_date", found != NULL ? found : today, "deadline", deadline, NULL))
    return rct_cli_fail (error);
  problem = rct_store_get (store, RCT_KIND_PROBLEM, id, &error);
  if (problem == NULL)
    return rct_cli_fail (error);
  g_print ("%s\n", problem->number);
  return EXIT_OK;
}

static int
cmd_problem_act (RctProblemAction   action,
                 int                argc,
                 char             **argv)
{
  g_autofree char *reason = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *verification = NULL;
  g_autofree char *deadline = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (needed to reject, reopen and extend)"), N_("TEXT") },
    { "verifier", 0, 0, G_OPTION_ARG_STRING, &verifier, N_("Who verified (needed to verify)"), N_("NAME") },
    { "verification", 0, 0, G_OPTION_ARG_STRING, &verification, N_("How it was verified (needed to verify)"), N_("TEXT") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, N_("The new deadline (needed to extend)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;
  RctWorkflowInput input = { 0 };
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("problem ACTION NUMBER", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("Name the problem by its number, e.g. rectify-cli problem start 2021-017"));

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = rct_store_find_id (store, RCT_KIND_PROBLEM, argv[1], &error);
  if (id == 0)
    return rct_cli_fail (error);
  input.reason = reason;
  input.verifier = verifier;
  input.verification = verification;
  input.new_deadline = deadline;
  if (!rct_store_problem_act (store, id, action, &input, &error))
    return rct_cli_fail (error);
  problem = rct_store_get (store, RCT_KIND_PROBLEM, id, &error);
  if (problem == NULL)
    return rct_cli_fail (error);
  g_print ("%s: %s\n", problem->number, rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, problem->status));
  return EXIT_OK;
}

static int
cmd_problem (int    argc,
             char **argv)
{
  RctProblemAction action;
  int code;

  if (argc < 2)
    return rct_cli_usage (_("problem needs an action: add, edit, start, submit, verify, reject, reopen, extend, list-for-supervision or lift-listing."));
  if (g_str_equal (argv[1], "add"))
    return cmd_problem_add (argc - 1, argv + 1);
  code = rct_cli_problem_fields (argc - 1, argv + 1);
  if (code >= 0)
    return code;
  if (rct_problem_action_from_key (argv[1], &action))
    return cmd_problem_act (action, argc - 1, argv + 1);
  return rct_cli_usage (_("problem needs an action: add, edit, start, submit, verify, reject, reopen, extend, list-for-supervision or lift-listing."));
}

static int
cmd_measure (int    argc,
             char **argv)
{
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *date = NULL;
  GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The rectification step (add)"), N_("TEXT") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Who carries it out (add)"), N_("NAME") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, N_("By when (add)"), N_("DATE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When it was done (done; default today)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean add;
  int code;

  if (argc < 2 || (!g_str_equal (argv[1], "add") && !g_str_equal (argv[1], "done")))
    return rct_cli_usage (_("measure needs an action: add NUMBER --text TEXT, or done MEASURE-ID."));
  add = g_str_equal (argv[1], "add");
  argc--;
  argv++;
  if (!rct_cli_parse_options (add ? "measure add NUMBER" : "measure done MEASURE-ID", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (add ? _("measure add needs the problem number.") : _("measure done needs the measure's id."));

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (add)
    {
      g_autofree char *problem_text = NULL;
      gint64 measure_id;
      gint64 problem_id = rct_store_find_id (store, RCT_KIND_PROBLEM, argv[1], &error);

      if (problem_id == 0)
        return rct_cli_fail (error);
      problem_text = g_strdup_printf ("%" G_GINT64_FORMAT, problem_id);
      if (!rct_store_create_va (store, RCT_KIND_MEASURE, &measure_id, &error, "problem_id", problem_text,
                                "text", text, "owner", owner, "deadline", deadline, NULL))
        return rct_cli_fail (error);
      g_print ("%" G_GINT64_FORMAT "\n", measure_id);
    }
  else
    {
      gint64 measure_id = rct_store_find_id (store, RCT_KIND_MEASURE, argv[1], &error);

      if (measure_id == 0)
        return rct_cli_fail (error);
      if (date != NULL && !rct_date_is_valid (date))
        return rct_cli_usage (_("Write dates as YYYY-MM-DD, for example 2021-04-30."));
      if (!rct_store_measure_done (store, measure_id, date, &error))
        return rct_cli_fail (error);
    }
  return EXIT_OK;
}

static int
cmd_import_csv (int    argc,
                char **argv)
{
  g_autofree char *map = NULL;
  gboolean only_good = FALSE;
  GOptionEntry entries[] = {
    { "map", 0, 0, G_OPTION_ARG_STRING, &map,
      N_("Which column holds which field, e.g. 问题描述=description,责任单位=unit"), N_("MAPPING") },
    { "only-good-rows", 0, 0, G_OPTION_ARG_NONE, &only_good, N_("Import the good rows even if some are bad"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autofree char *basename = NULL;
  int code;

  if (!rct_cli_parse_options ("import-csv problems FILE.csv", entries, &argc, &argv, &code))
    return code;
  if (argc != 3 || !g_str_equal (argv[1], "problems"))
    return rct_cli_usage (_("import-csv reads problems: rectify-cli import-csv problems FILE.csv"));

  file = g_file_new_for_commandline_arg (argv[2]);
  basename = g_file_get_basename (file);
  table = rct_csv_read_file (file, NULL, &error);
  if (table == NULL || !rct_csv_parse_mapping (map, table, &mapping, &error))
    return rct_cli_fail (error);

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  import = rct_csv_import_problems (store, table, mapping, only_good, basename, &error);
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
  g_print (ngettext ("Imported %u problem.\n", "Imported %u problems.\n", import->imported), import->imported);
  return EXIT_OK;
}

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *help;
  /* For a command of several actions: each action's syntax, one a line;
   * `COMMAND --help` lists them (each action has its own --help). */
  const char *actions;
} CliCommand;

static const CliCommand commands[] = {
  { "init", cmd_init, N_("Create a ledger (--demo for the demo campaign)") },
  { "ledger", rct_cli_ledger, N_("Show which organisation the ledger belongs to"), "show [--json]" },
  { "export-setup", rct_cli_export_setup, N_("Write the set-up file a unit's ledger is made from") },
  { "key", rct_cli_key, N_("Show, export or replace the organisation's signing key"),
    "show [--json]\nexport-certificate OUT.pem\nrotate" },
  { "trust", rct_cli_trust, N_("Accept, list or forget the certificates of organisations whose reports are merged"),
    "add REPORT.xml [--yes]\nlist [--json]\nremove ORGANISATION\nunsigned accept|refuse" },
  { "list", rct_cli_list, N_("List problems, tasks, feedback or supervisors") },
  { "stats", cmd_stats, N_("Print the office's figures") },
  { "check", cmd_check, N_("Check the ledger's integrity") },
  { "backup", cmd_backup, N_("Copy the ledger to a backup file") },
  { "backups", rct_cli_backups, N_("List the automatic backups of the ledger") },
  { "restore", rct_cli_backups, N_("Replace the ledger with a backup, keeping it as it was first") },
  { "copy-ledger", rct_cli_copy_ledger, N_("Copy a whole ledger between a file and the office's server, or two files") },
  { "server", rct_cli_server, N_("Create the ledger and its roles on the office's PostgreSQL server"), "init" },
  { "problem", cmd_problem, N_("Add a problem or move it through the workflow"),
    "add [OPTION…]\nedit NUMBER [OPTION…]\nstart|submit|verify|reject|reopen|extend NUMBER [OPTION…]\n"
    "list-for-supervision NUMBER --level LEVEL --by NAME [--date DATE]\nlift-listing NUMBER --reason TEXT" },
  { "measure", cmd_measure, N_("Add a measure to a problem or mark it done"),
    "add NUMBER --text TEXT [OPTION…]\ndone MEASURE-ID" },
  { "journal", cmd_journal, N_("Show the history of a problem") },
  { "campaign", rct_cli_campaign, N_("Show or set the campaign and its leading group"),
    "show [--json]\nset [OPTION…]" },
  { "phase", rct_cli_phase, N_("Set or list the campaign's phases and their dates"),
    "set study|rectify|consolidate [OPTION…]\nlist [--json]" },
  { "unit", rct_cli_unit, N_("Add, edit, retire or list the units"),
    "add NAME [OPTION…]\nedit NAME [OPTION…]\nretire NAME [--undo]\nlist [--json]" },
  { "group", rct_cli_group, N_("Edit or list the working groups"), "edit NAME [OPTION…]\nlist [--json]" },
  { "person", rct_cli_person, N_("Add, edit or list the people of the roster"),
    "add NAME [OPTION…]\nedit NAME [OPTION…]\nlist [--json]" },
  { "export-report", rct_cli_export_report, N_("Write the supervision report (XML, and HTML or PDF)") },
  { "import-report", rct_cli_import_report, N_("Merge a supervision report into the ledger"),
    "IN.xml [--dry-run] [--json]" },
  { "conflicts", rct_cli_conflicts, N_("List the changes both sides made to one field, or choose one"),
    "list [--json]\nresolve UUID --keep ours|theirs" },
  { "report", rct_cli_report, N_("Draft, issue and list the official report (第N期)"),
    "draft [OPTION…]\nissue [ID] [OPTION…]\nshow ID\nlist [--json]" },
  { "validate-report", rct_cli_validate_report, N_("Check a supervision report without importing it") },
  { "import-csv", cmd_import_csv, N_("Bring problems in from a spreadsheet (CSV)") },
  { "supervisor", rct_cli_supervisor, N_("Add, edit, list or retire social supervisors"),
    "add NAME [OPTION…]\nedit NAME [OPTION…]\nlist\nretire NAME [OPTION…]" },
  { "feedback", rct_cli_feedback, N_("Record, reply to, list or turn feedback into problems"),
    "add [OPTION…]\nreply ID [OPTION…]\nlist [OPTION…]\nto-problem ID [OPTION…]" },
  { "roster", rct_cli_roster, N_("Add, list or import the officer roster"),
    "add NAME --unit UNIT [OPTION…]\nleave NAME|NUMBER [OPTION…]\nlist [OPTION…]\nimport FILE.csv [OPTION…]" },
  { "course", rct_cli_course, N_("Add a training course, record or import the officers' hours"),
    "add NAME [OPTION…]\nlist [COURSE] [OPTION…]\nrecord COURSE OFFICER [OPTION…]\nimport COURSE FILE.csv [OPTION…]" },
  { "activity", rct_cli_activity, N_("Add an activity series, record its entries, list its progress"),
    "add NAME [OPTION…]\nentry ACTIVITY [OPTION…]\nlist [ACTIVITY] [OPTION…]" },
  { "accountability", rct_cli_accountability, N_("Record, edit or list accountability (问责)"),
    "add [OPTION…]\nedit ID [OPTION…]\nlist [--kind KIND] [--unit NAME] [--json|--csv FILE|--xlsx FILE]" },
  { "visit", rct_cli_visit, N_("Record or list inspection visits, register a finding as a problem"),
    "add [OPTION…]\nlist [--json]\nregister-finding VISIT N [OPTION…]" },
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].help));
  g_string_append (text, "\n");
  g_string_append (text, _("RECTIFY_TODAY=YYYY-MM-DD sets today's date for deadlines."));
  return g_string_free (text, FALSE);
}

/* `rectify-cli COMMAND --help` for a command of several actions: what it
 * does and its actions, on stdout (a command of one action answers --help
 * from its own options). */
static gboolean
is_help (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "-?");
}

static int
command_help (const CliCommand *command)
{
  g_auto(GStrv) actions = g_strsplit (command->actions, "\n", -1);
  g_autofree char *more = NULL;

  g_print ("%s\n", _("Usage:"));
  for (guint i = 0; actions[i] != NULL; i++)
    g_print ("  rectify-cli %s %s\n", command->name, actions[i]);
  g_print ("\n%s\n\n", _(command->help));
  /* Translators: %s is a command, like "problem" */
  more = g_strdup_printf (_("Each action has its own options: rectify-cli %s ACTION --help"), command->name);
  g_print ("%s\n", more);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *operator_name = NULL;
  g_autofree char *description = NULL;
  const char *localedir = g_getenv ("RECTIFY_LOCALEDIR");
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The ledger: a file, or the office's server as postgresql://HOST/DATABASE or service=NAME "
                                                      "(default: the user's ledger file)"), N_("LEDGER") },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &operator_name, N_("Who is acting, for the journal"), N_("NAME") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_getenv ("RECTIFY_TODAY") != NULL && !rct_date_is_valid (g_getenv ("RECTIFY_TODAY")))
    return rct_cli_usage (_("RECTIFY_TODAY must be a date written as YYYY-MM-DD."));

  context = g_option_context_new (_("COMMAND [ARGUMENTS…] — the Rectify ledger without a window"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);
  description = describe_commands ();
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return rct_cli_usage (error->message);
  if (argc < 2)
    return rct_cli_usage (_("Give a command."));

  globals.db_path = db_path;
  globals.operator_name = operator_name;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        if (commands[i].actions != NULL && argc >= 3 && is_help (argv[2]))
          return command_help (&commands[i]);
        return commands[i].run (argc - 1, argv + 1);
      }

  {
    g_autofree char *message = g_strdup_printf (_("“%s” is not a command."), argv[1]);
    return rct_cli_usage (message);
  }
}
