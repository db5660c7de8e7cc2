/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include <glib/gstdio.h>

#include "rct-cli-private.h"
#include "rct-store-backend.h"
#include "rct-store-copy.h"
#ifdef HAVE_POSTGRESQL
#include "rct-server.h"
#endif

/* `rectify-cli --db postgresql://… server init`: the ledger's schema and
 * roles on the office's server; `rectify-cli copy-ledger FROM TO`: a whole
 * ledger from one store to another. */

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
  if (location == NULL || !rct_store_location_is_server (location))
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
                       _("This Rectify was built without PostgreSQL support."));
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

/* A new file made for the copy goes again when the copy fails. */
static void
remove_new_file (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* copy-ledger FROM TO */
int
rct_cli_copy_ledger (int    argc,
                     char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RctStore) from = NULL;
  g_autoptr(RctStore) to = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RctStoreCopyResult) result = { 0 };
  g_autofree char *rows = NULL;
  gboolean new_file;
  int code;

  if (!rct_cli_parse_options ("copy-ledger FROM TO", entries, &argc, &argv, &code))
    return code;
  if (argc != 3)
    return rct_cli_usage (_("copy-ledger needs two ledgers: rectify-cli copy-ledger FROM TO (each a file, "
                            "postgresql://… or service=NAME)."));

  from = rct_store_open (argv[1], RCT_STORE_OPEN_READ_ONLY, &error);
  if (from == NULL)
    return rct_cli_fail (error);
  new_file = !rct_store_location_is_server (argv[2]) && !g_file_test (argv[2], G_FILE_TEST_EXISTS);
  to = rct_store_open (argv[2], RCT_STORE_OPEN_CREATE, &error);
  if (to == NULL)
    return rct_cli_fail (error);
  if (!rct_store_copy (from, to, &result, &error))
    {
      rct_store_close (to);
      if (new_file)
        remove_new_file (argv[2]);
      return rct_cli_fail (error);
    }
  rows = g_strdup_printf ("%" G_GINT64_FORMAT, result.rows);
  g_print (ngettext ("Copied %s row in %u tables; both ledgers hold the same content (SHA-256 %s).\n",
                     "Copied %s rows in %u tables; both ledgers hold the same content (SHA-256 %s).\n",
                     (gulong) CLAMP (result.rows, 0, G_MAXLONG)),
           rows, result.tables, result.checksum);
  return EXIT_OK;
}
