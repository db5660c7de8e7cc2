/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-private.h"
#ifdef HAVE_POSTGRESQL
#include "rct-server.h"
#endif

/* `rectify-cli --db postgresql://… server init`: the ledger's schema and
 * roles on the office's server. */

static int
server_init (int    argc,
             char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  const char *location = rct_cli_get_db_path ();
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("server init", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return rct_cli_usage (_("server init takes no argument; give the server with --db postgresql://… or --db service=NAME."));
  if (location == NULL)
    return rct_cli_usage (_("server init needs the server's address: rectify-cli --db postgresql://HOST/DATABASE server init "
                            "(or --db service=NAME)."));
#ifdef HAVE_POSTGRESQL
  {
    RctServerInitResult result;

    if (!rct_server_init (location, &result, &error))
      return rct_cli_fail (error);
    if (result.created)
      g_print (_("The ledger was created on the server (schema version %d), with the roles rectify_viewer, "
                 "rectify_clerk and rectify_verifier.\n"), result.version);
    else
      g_print (_("The server already holds a ledger (schema version %d); the roles' rights were brought up to date.\n"),
               result.version);
    g_print ("%s\n", _("Give each login one role, e.g. GRANT rectify_clerk TO wang; only rectify_verifier may close a problem."));
    return EXIT_OK;
  }
#else
  g_set_error_literal (&error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                       _("This Rectify was built without PostgreSQL; it opens ledger files only."));
  return rct_cli_fail (error);
#endif
}

static const RctCliAction server_actions[] = {
  { "init", server_init },
};

int
rct_cli_server (int    argc,
                char **argv)
{
  return rct_cli_run_action (server_actions, G_N_ELEMENTS (server_actions),
                             _("server needs an action: init."), argc, argv);
}
