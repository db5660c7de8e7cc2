/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"
#include "rct-report.h"

/* rectify-cli ledger show, export-setup and the identity options of init:
 * which organisation a ledger belongs to, and a unit's ledger made from
 * the office's set-up (docs/EXCHANGE.md). */

/* init --office NAME [--code CODE] | --unit NAME --code CODE */
gboolean
rct_cli_init_identity (RctStore    *store,
                       const char  *office,
                       const char  *unit,
                       const char  *code,
                       GError     **error)
{
  RctOrganisation org = { 0 };

  org.name = (char *) (office != NULL ? office : unit);
  org.code = (char *) code;
  org.level = (char *) (office != NULL ? "office" : "unit");
  return rct_store_set_organisation (store, &org, NULL, error);
}

static const char *
level_label (const char *level)
{
  return g_strcmp0 (level, "unit") == 0 ? C_("organisation level", "unit") : C_("organisation level", "office");
}

static int
ledger_show (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctOrganisation) org = NULL;
  int code;

  if (!rct_cli_parse_options ("ledger show", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return rct_cli_usage (_("ledger show takes no file name; give the ledger with --db FILE."));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  org = rct_store_dup_organisation (store, &error);
  if (org == NULL)
    return rct_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, org->uuid);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, org->name);
      json_builder_set_member_name (builder, "code");
      if (org->code != NULL)
        json_builder_add_string_value (builder, org->code);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "level");
      json_builder_add_string_value (builder, org->level);
      json_builder_set_member_name (builder, "office");
      if (org->office_uuid != NULL)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, org->office_uuid);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, org->office_name);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "ledger");
      json_builder_add_string_value (builder, rct_store_get_identity (store));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      rct_cli_print_json (root);
      return EXIT_OK;
    }

  g_print (_("Organisation: %s\n"), org->name);
  g_print (_("Level: %s\n"), level_label (org->level));
  if (org->code != NULL)
    g_print (_("Short code: %s\n"), org->code);
  if (org->office_uuid != NULL)
    g_print (_("Reports to: %s (%s)\n"), org->office_name != NULL ? org->office_name : "", org->office_uuid);
  g_print (_("Organisation uuid: %s\n"), org->uuid);
  g_print (_("Ledger uuid: %s\n"), rct_store_get_identity (store));
  return EXIT_OK;
}

int
rct_cli_ledger (int    argc,
                char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return ledger_show (argc - 1, argv + 1);
  return rct_cli_usage (_("ledger needs an action: show."));
}

/* export-setup --unit NAME --code CODE OUT.xml */
int
rct_cli_export_setup (int    argc,
                      char **argv)
{
  g_autofree char *unit = NULL, *short_code = NULL;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit the set-up is for"), N_("NAME") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &short_code,
      N_("The unit's short code, e.g. HH (default: the code set for the unit)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("export-setup --unit NAME [--code CODE] OUT.xml", entries, &argc, &argv, &code))
    return code;
  if (argc != 2 || unit == NULL)
    return rct_cli_usage (_("export-setup needs the unit and the file to write: "
                            "rectify-cli export-setup --unit NAME [--code CODE] OUT.xml"));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (!rct_setup_export (store, unit, short_code, argv[1], &error))
    return rct_cli_fail (error);
  g_print (_("Set-up for %s written: %s\n"), unit, argv[1]);
  return EXIT_OK;
}

/* init --from-setup FILE */
int
rct_cli_init_from_setup (const char *setup_path)
{
  g_autofree char *default_path = NULL;
  const char *path = rct_cli_get_db_path ();
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctOrganisation) office = NULL;
  g_autoptr(RctOrganisation) unit = NULL;

  if (path == NULL)
    path = default_path = rct_store_default_path ();
  store = rct_setup_create_ledger (setup_path, path, &office, &unit, &error);
  if (store == NULL || !rct_cli_ensure_key (store, &error))
    return rct_cli_fail (error);
  /* Translators: the unit's name, its short code, its office's name, the ledger's file */
  g_print (_("Ledger of %1$s (%2$s), reporting to %3$s, ready: %4$s\n"), unit->name, unit->code, office->name,
           rct_store_get_path (store));
  return EXIT_OK;
}
