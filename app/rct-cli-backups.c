/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rct-backups.h"
#include "rct-cli-output.h"
#include "rct-cli-private.h"

/* rectify-cli backups [--json] and restore BACKUP.db: the automatic backups
 * the window takes, seen and used without it. */

static const char *
ledger_path (char **owned)
{
  const char *path = rct_cli_get_db_path ();

  if (path != NULL)
    return path;
  *owned = rct_store_default_path ();
  return *owned;
}

static int
list_backups (int    argc,
              char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *owned = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The backups folder (default: beside the user data)"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options ("backups", entries, &argc, &argv, &code))
    return code;
  if (argc != 1)
    return rct_cli_usage (_("backups takes no file name: rectify-cli [--db FILE] backups [--json]"));
  if (dir == NULL)
    dir = rct_backups_default_dir ();
  backups = rct_backups_list (ledger_path (&owned), dir);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < backups->len; i++)
        {
          const char *path = g_ptr_array_index (backups, i);
          GStatBuf info;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, path);
          json_builder_set_member_name (builder, "bytes");
          json_builder_add_int_value (builder, g_stat (path, &info) == 0 ? (gint64) info.st_size : 0);
          json_builder_set_member_name (builder, "good");
          json_builder_add_boolean_value (builder, rct_store_quick_check (path, NULL, NULL));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      rct_cli_print_json (root);
      return EXIT_OK;
    }
  for (guint i = 0; i < backups->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (backups, i));
  return EXIT_OK;
}

static int
restore_backup (int    argc,
                char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *owned = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The backups folder (default: beside the user data)"), N_("DIR") },
    { NULL }
  };
  const char *path;
  int code;

  if (!rct_cli_parse_options ("restore BACKUP.db", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("restore needs the backup to restore: rectify-cli [--db FILE] restore BACKUP.db"));
  if (dir == NULL)
    dir = rct_backups_default_dir ();
  path = ledger_path (&owned);
  /* Never from under another running copy. A damaged ledger does not open
   * at all, and is what a restore is for. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(RctStore) probe = rct_store_open (path, RCT_STORE_OPEN_DEFER_CHECK, &error);

      if (probe == NULL && g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_LOCKED))
        return rct_cli_fail (error);
      if (probe != NULL)
        rct_store_close (probe);
      g_clear_error (&error);
    }
  if (!rct_backups_restore (path, argv[1], dir, &error))
    return rct_cli_fail (error);
  /* Translators: the first %s is the ledger, the second the backup file */
  g_print (_("Restored %1$s from %2$s; the ledger as it was is kept in the backups folder.\n"), path, argv[1]);
  rct_cli_report_say_issued_since (path);
  return EXIT_OK;
}

/**
 * rct_cli_backups:
 *
 * The "backups" and "restore" commands (argv[0] says which).
 */
int
rct_cli_backups (int    argc,
                 char **argv)
{
  if (g_str_equal (argv[0], "restore"))
    return restore_backup (argc, argv);
  return list_backups (argc, argv);
}
