/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-private.h"
#include "rct-clock.h"
#include "rct-problem.h"
#include "rct-vocabulary.h"

/* The problem's own fields from the command line: `problem edit` and the
 * listing for supervision (挂牌督办), `problem list-for-supervision` and
 * `problem lift-listing`. Adding a problem and its workflow steps are in
 * rct-cli.c. */

/**
 * rct_cli_severity_key:
 * @text: (nullable): a severity as a person writes it: normal, 一般,
 *   serious, 较重, grave, 严重, or its label
 *
 * Returns: (nullable): the key, or %NULL with a message on stderr
 */
const char *
rct_cli_severity_key (const char *text)
{
  const char *key;
  g_autofree char *keys = NULL;

  if (text == NULL)
    return NULL;
  key = rct_vocabulary_find_key (RCT_VOCAB_SEVERITY, text);
  if (key != NULL)
    return key;
  keys = rct_vocabulary_keys (RCT_VOCAB_SEVERITY);
  /* Translators: the first %s is what was typed, the second the list of severities. */
  g_printerr (_("“%s” is not a severity; use one of: %s (or 一般, 较重, 严重).\n"), text, keys);
  return NULL;
}

static int
problem_edit (int    argc,
              char **argv)
{
  g_autofree char *description = NULL, *category = NULL, *group = NULL, *responsible = NULL;
  g_autofree char *leader = NULL, *severity = NULL, *cause = NULL, *mechanism = NULL, *reason = NULL;
  g_autofree char *deadline = NULL;
  GOptionEntry entries[] = {
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What the problem is"), N_("TEXT") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Category"), N_("TEXT") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("The working group following it"), N_("NAME") },
    { "responsible", 0, 0, G_OPTION_ARG_STRING, &responsible, N_("The responsible person"), N_("NAME") },
    { "leader", 0, 0, G_OPTION_ARG_STRING, &leader,
      N_("The responsible leader; empty for the unit's head"), N_("NAME") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &severity, N_("How grave it is: normal, serious or grave"), N_("SEVERITY") },
    { "cause", 0, 0, G_OPTION_ARG_STRING, &cause, N_("The cause analysis (原因分析)"), N_("TEXT") },
    { "mechanism", 0, 0, G_OPTION_ARG_STRING, &mechanism, N_("The lasting mechanism"), N_("TEXT") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, N_("Deadline for rectification"), N_("DATE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the journal"), N_("TEXT") },
    { NULL }
  };
  /* Pointers to the options, read once they are parsed. */
  const struct { const char *field; char **value; } fields[] = {
    { "description", &description }, { "category", &category }, { "group", &group },
    { "responsible", &responsible }, { "leader", &leader }, { "cause", &cause },
    { "mechanism", &mechanism }, { "deadline", &deadline },
  };
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("problem edit NUMBER", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("Name the problem by its number, e.g. rectify-cli problem edit 2021-017 --severity grave"));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (*fields[i].value != NULL)
      g_hash_table_insert (values, (gpointer) fields[i].field, *fields[i].value);
  if (severity != NULL)
    {
      const char *key = rct_cli_severity_key (severity);
      if (key == NULL)
        return EXIT_USAGE;
      g_hash_table_insert (values, (gpointer) "severity", (gpointer) key);
    }
  if (g_hash_table_size (values) == 0)
    return rct_cli_usage (_("Say what to change, e.g. --severity grave; --help lists the options."));

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = rct_store_find_id (store, RCT_KIND_PROBLEM, argv[1], &error);
  if (id == 0 || !rct_store_update (store, RCT_KIND_PROBLEM, id, values, reason, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

static int
problem_list_for_supervision (int    argc,
                              char **argv)
{
  g_autofree char *level = NULL, *by = NULL, *date = NULL;
  GOptionEntry entries[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Who supervises it, e.g. 县局, 市局, 省厅"), N_("LEVEL") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who listed it"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When it was listed (default: today)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("problem list-for-supervision NUMBER", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("Name the problem by its number, e.g. rectify-cli problem list-for-supervision 2021-017 --level 市局 --by 纪东明"));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = rct_store_find_id (store, RCT_KIND_PROBLEM, argv[1], &error);
  if (id == 0 || !rct_store_problem_list_for_supervision (store, id, level, by, date, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

static int
problem_lift_listing (int    argc,
                      char **argv)
{
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the listing is lifted before the problem closes"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("problem lift-listing NUMBER", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("Name the problem by its number, e.g. rectify-cli problem lift-listing 2021-017 --reason TEXT"));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = rct_store_find_id (store, RCT_KIND_PROBLEM, argv[1], &error);
  if (id == 0 || !rct_store_problem_lift_listing (store, id, reason, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

/**
 * rct_cli_problem_fields:
 *
 * `problem edit|list-for-supervision|lift-listing …`, @argv[0] being the
 * action.
 *
 * Returns: the exit code, or -1 when @argv[0] is none of these actions
 */
int
rct_cli_problem_fields (int    argc,
                        char **argv)
{
  static const RctCliAction actions[] = {
    { "edit", problem_edit },
    { "list-for-supervision", problem_list_for_supervision },
    { "lift-listing", problem_lift_listing },
  };
  const RctCliAction *action = rct_cli_find_action (actions, G_N_ELEMENTS (actions), argv[0]);

  return action != NULL ? action->run (argc, argv) : -1;
}
