/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "rct-cli-common.h"

/* What every command of rectify-cli uses, in the program and in its
 * commands' module alike: the global options, usage errors, one
 * command's options, the ledger opened. */

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

void
rct_cli_set_globals (const char *db_path,
                     const char *operator_name)
{
  globals.db_path = db_path;
  globals.operator_name = operator_name;
}

/* The name given with --operator, or NULL. */
const char *
rct_cli_get_operator (void)
{
  return globals.operator_name;
}

/* The ledger of --db (or the user's), opened with @flags. */
RctStore *
rct_cli_open_ledger (RctStoreOpenFlags   flags,
                     GError            **error)
{
  g_autofree char *default_path = NULL;
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
  /* Who acts is for the journal and the report; rct_cli_open_store() says
   * it. Stats needs no one (the user's name is a look into the system's
   * accounts). */
  if (globals.operator_name != NULL)
    rct_store_set_operator (store, globals.operator_name);
  return store;
}
