/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"
#include "rct-clock.h"
#include "rct-vocabulary.h"

/* rectify-cli supervisor … and feedback …: the social supervisors, what
 * they said, the replies, and feedback turned into ledger problems. */

/* Days from receipt to the reply due, unless the preferences say otherwise. */
#define DEFAULT_REPLY_DAYS 15

static int
reply_days (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return DEFAULT_REPLY_DAYS;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "reply-days"))
    return DEFAULT_REPLY_DAYS;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_int (settings, "reply-days");
}

static int
supervisor_add (int    argc,
                char **argv)
{
  g_autofree char *category = NULL, *organisation = NULL, *contact = NULL, *appointed = NULL, *term_end = NULL;
  GOptionEntry entries[] = {
    { "category", 0, 0, G_OPTION_ARG_STRING, &category,
      N_("deputy, cadre, village, citizen or other"), N_("CATEGORY") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, N_("Where the supervisor works"), N_("TEXT") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("How to reach the supervisor"), N_("TEXT") },
    { "appointed", 0, 0, G_OPTION_ARG_STRING, &appointed, N_("Date of appointment"), N_("DATE") },
    { "term-end", 0, 0, G_OPTION_ARG_STRING, &term_end, N_("End of the term"), N_("DATE") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("supervisor add NAME", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("supervisor add needs the supervisor's name."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (!rct_store_create_va (store, RCT_KIND_SUPERVISOR, &id, &error, "name", argv[1], "category", category,
                            "organisation", organisation, "contact", contact, "appointed", appointed,
                            "term_end", term_end, NULL))
    return rct_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

static int
supervisor_retire (int    argc,
                   char **argv)
{
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the supervisor leaves"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("supervisor retire NAME", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("supervisor retire needs the supervisor's name or id."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = rct_store_find_id (store, RCT_KIND_SUPERVISOR, argv[1], &error);
  if (id == 0 || !rct_store_supervisor_retire (store, id, reason, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

/* `supervisor list …` as `list supervisors …`, @argv[0] being the action. */
static int
list_as (const char  *what,
         int          argc,
         char       **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, "list");
  g_ptr_array_add (args, (gpointer) what);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  return rct_cli_list (args->len - 1, (char **) args->pdata);
}

static int
supervisor_list (int    argc,
                 char **argv)
{
  return list_as ("supervisors", argc, argv);
}

int
rct_cli_supervisor (int    argc,
                    char **argv)
{
  static const RctCliAction actions[] = {
    { "add", supervisor_add },
    { "retire", supervisor_retire },
    { "edit", rct_cli_supervisor_edit },
    { "list", supervisor_list },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("supervisor needs an action: add, edit, list or retire."), argc, argv);
}

static int
feedback_add (int    argc,
              char **argv)
{
  g_autofree char *supervisor = NULL, *received = NULL, *channel = NULL, *unit = NULL, *kind = NULL;
  g_autofree char *content = NULL, *reply_due = NULL;
  GOptionEntry entries[] = {
    { "supervisor", 0, 0, G_OPTION_ARG_STRING, &supervisor, N_("Who gave the feedback"), N_("NAME") },
    { "received", 0, 0, G_OPTION_ARG_STRING, &received, N_("Date received (default: today)"), N_("DATE") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("visit, phone, letter, meeting or online"), N_("CHANNEL") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit concerned"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("complaint, suggestion or praise"), N_("KIND") },
    { "content", 0, 0, G_OPTION_ARG_STRING, &content, N_("What the supervisor said"), N_("TEXT") },
    { "reply-due", 0, 0, G_OPTION_ARG_STRING, &reply_due, N_("Reply due (default: from the preferences)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = rct_clock_today ();
  g_autofree char *due = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("feedback add", entries, &argc, &argv, &code))
    return code;
  if (argc != 1)
    return rct_cli_usage (_("feedback add takes its values as options, e.g. --content TEXT."));
  if (received == NULL)
    received = g_strdup (today);
  if (reply_due == NULL && rct_date_is_valid (received))
    due = rct_date_add_days (received, reply_days ());

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (!rct_store_create_va (store, RCT_KIND_FEEDBACK, &id, &error, "supervisor", supervisor,
                            "received_date", received, "channel", channel, "unit", unit, "kind", kind,
                            "content", content, "reply_due", reply_due != NULL ? reply_due : due, NULL))
    return rct_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

static int
feedback_reply (int    argc,
                char **argv)
{
  g_autofree char *reply = NULL, *date = NULL, *satisfaction = NULL;
  GOptionEntry entries[] = {
    { "reply", 0, 0, G_OPTION_ARG_STRING, &reply, N_("The reply given"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the reply (default: today)"), N_("DATE") },
    { "satisfaction", 0, 0, G_OPTION_ARG_STRING, &satisfaction,
      N_("satisfied, basically-satisfied or unsatisfied"), N_("RATING") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("feedback reply ID", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("feedback reply needs the feedback's id."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = rct_store_find_id (store, RCT_KIND_FEEDBACK, argv[1], &error);
  if (id == 0 || !rct_store_feedback_reply (store, id, reply, date, satisfaction, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

static int
feedback_to_problem (int    argc,
                     char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;
  gint64 id, problem_id = 0;
  int code;

  if (!rct_cli_parse_options ("feedback to-problem ID", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("feedback to-problem needs the feedback's id."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = rct_store_find_id (store, RCT_KIND_FEEDBACK, argv[1], &error);
  if (id == 0 || !rct_store_feedback_to_problem (store, id, &problem_id, &error))
    return rct_cli_fail (error);
  problem = rct_store_get (store, RCT_KIND_PROBLEM, problem_id, &error);
  if (problem == NULL)
    return rct_cli_fail (error);
  g_print ("%s\n", problem->number);
  return EXIT_OK;
}

static int
feedback_list (int    argc,
               char **argv)
{
  return list_as ("feedback", argc, argv);
}

int
rct_cli_feedback (int    argc,
                  char **argv)
{
  static const RctCliAction actions[] = {
    { "add", feedback_add },
    { "reply", feedback_reply },
    { "to-problem", feedback_to_problem },
    { "list", feedback_list },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("feedback needs an action: add, reply, list or to-problem."), argc, argv);
}
