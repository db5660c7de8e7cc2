/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"
#include "rct-keys.h"
#include "rct-report-sign.h"
#include "rct-trust.h"

/* rectify-cli key show|export-certificate|rotate and trust
 * add|list|remove|unsigned: the organisation's signing key and the
 * certificates of the organisations whose reports this ledger believes
 * (issue 21, docs/EXCHANGE.md "Signatures"). */

static void
set_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  rct_cli_print_json (root);
}

static RctSigningKey *
own_key (RctStore  *store,
         GError   **error)
{
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (store, error);

  return org != NULL ? rct_keys_ensure (org, error) : NULL;
}

static int
key_show (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctSigningKey) key = NULL;
  g_autoptr(GError) error = NULL;
  const RctCertificate *cert;
  int code;

  if (!rct_cli_parse_options ("key show", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return rct_cli_usage (_("key show takes no file name; give the ledger with --db FILE."));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || (key = own_key (store, &error)) == NULL)
    return rct_cli_fail (error);
  cert = key->certificate;
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      set_string (builder, "fingerprint", cert->fingerprint);
      set_string (builder, "subject", cert->subject);
      set_string (builder, "code", cert->code);
      set_string (builder, "organisation", cert->organisation_uuid);
      set_string (builder, "created", cert->created);
      set_string (builder, "validUntil", cert->valid_until);
      set_string (builder, "folder", key->folder);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_OK;
    }
  g_print (_("Signed by: %s\n"), cert->subject);
  if (cert->code != NULL)
    g_print (_("Short code: %s\n"), cert->code);
  g_print (_("Fingerprint (SHA-256): %s\n"), cert->fingerprint);
  g_print (_("Created: %s\n"), cert->created);
  g_print (_("Valid until: %s\n"), cert->valid_until);
  g_print (_("Kept in: %s\n"), key->folder);
  return EXIT_OK;
}

static int
key_export_certificate (int    argc,
                        char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctSigningKey) key = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("key export-certificate OUT.pem", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("key export-certificate needs the file to write: rectify-cli key export-certificate OUT.pem"));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || (key = own_key (store, &error)) == NULL ||
      !g_file_set_contents (argv[1], key->certificate->certificate_pem, -1, &error))
    return rct_cli_fail (error);
  g_print (_("Certificate written to %s (fingerprint %s)\n"), argv[1], key->certificate->fingerprint);
  return EXIT_OK;
}

static int
key_rotate (int    argc,
            char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctSigningKey) key = NULL;
  g_autoptr(RctCertificate) previous = NULL;
  g_autofree char *endorsement = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("key rotate", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return rct_cli_usage (_("key rotate takes no file name; give the ledger with --db FILE."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || (key = rct_trust_rotate_key (store, &error)) == NULL)
    return rct_cli_fail (error);
  g_print (_("New key made; fingerprint (SHA-256): %s\n"), key->certificate->fingerprint);
  if (rct_trust_get_rotation (store, key->certificate->fingerprint, &previous, &endorsement))
    g_print (_("The old key vouched for it: the next signed report announces the new key and offices that trusted "
               "the old one accept it.\n"));
  else
    g_print (_("There was no old key to vouch for it: every office must accept the new certificate again "
               "(rectify-cli trust add).\n"));
  return EXIT_OK;
}

int
rct_cli_key (int    argc,
             char **argv)
{
  static const RctCliAction actions[] = {
    { "show", key_show },
    { "export-certificate", key_export_certificate },
    { "rotate", key_rotate },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("key needs an action: show, export-certificate or rotate."), argc, argv);
}

static gboolean
confirm (void)
{
  char answer[16] = { 0 };

  g_print ("%s ", _("Trust it? [y/N]"));
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  return answer[0] == 'y' || answer[0] == 'Y';
}

static int
trust_add (int    argc,
           char **argv)
{
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Trust it without asking"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctSignature) sig = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  int code;

  if (!rct_cli_parse_options ("trust add REPORT.xml", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("trust add needs a signed report: rectify-cli trust add REPORT.xml [--yes]"));
  label = g_path_get_basename (argv[1]);
  /* As import-report: the first report may come to a new ledger. */
  store = rct_cli_open_store (RCT_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  sig = rct_signature_read (argv[1], NULL);
  if (sig->status != RCT_SIGNATURE_VERIFIED || sig->organisation_uuid == NULL ||
      g_strcmp0 (sig->certificate->organisation_uuid, sig->organisation_uuid) != 0)
    {
      if (sig->status == RCT_SIGNATURE_HOSTILE)
        g_set_error (&error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_HOSTILE,
                     _("The signature of “%s” was refused: %s. Nothing was written."), label, sig->problem);
      else
        g_set_error (&error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_UNSIGNED,
                     _("“%s” carries no signature that matches it and the organisation it names; there is nothing to "
                       "trust."), label);
      return rct_cli_fail (error);
    }
  g_print (_("Organisation: %s\n"), sig->organisation_name != NULL ? sig->organisation_name : "");
  g_print (_("Organisation uuid: %s\n"), sig->organisation_uuid);
  g_print (_("Fingerprint (SHA-256): %s\n"), sig->certificate->fingerprint);
  g_print ("%s\n", _("Compare the fingerprint with the one the organisation reads out (rectify-cli key show)."));
  if (!yes && !confirm ())
    {
      g_print ("%s\n", _("Not trusted; nothing was written."));
      return EXIT_FAILED;
    }
  if (!rct_trust_add (store, sig->organisation_uuid, sig->organisation_name, sig->certificate, &error))
    return rct_cli_fail (error);
  g_print (_("Trusted: reports of %s are now merged only when signed with this key.\n"),
           sig->organisation_name != NULL ? sig->organisation_name : sig->organisation_uuid);
  return EXIT_OK;
}

static int
trust_list (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("trust list", entries, &argc, &argv, &code))
    return code;
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || (list = rct_trust_list (store, &error)) == NULL)
    return rct_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "acceptUnsigned");
      json_builder_add_boolean_value (builder, rct_trust_get_accept_unsigned (store));
      json_builder_set_member_name (builder, "certificates");
      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          RctTrustedCertificate *t = g_ptr_array_index (list, i);

          json_builder_begin_object (builder);
          set_string (builder, "organisation", t->organisation_uuid);
          set_string (builder, "name", t->name);
          set_string (builder, "fingerprint", t->certificate->fingerprint);
          set_string (builder, "validUntil", t->certificate->valid_until);
          set_string (builder, "acceptedAt", t->accepted_at);
          set_string (builder, "acceptedBy", t->accepted_by);
          set_string (builder, "replacedBy", t->replaced_by);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_OK;
    }
  if (list->len == 0)
    g_print ("%s\n", _("No certificate is trusted yet."));
  for (guint i = 0; i < list->len; i++)
    {
      RctTrustedCertificate *t = g_ptr_array_index (list, i);

      /* Translators: an organisation, its uuid, a certificate's fingerprint, when it was accepted */
      g_print (_("%1$s (%2$s)\n  %3$s, accepted %4$s"), t->name != NULL ? t->name : "", t->organisation_uuid,
               t->certificate->fingerprint, t->accepted_at);
      if (t->replaced_by != NULL)
        g_print (_(", replaced by %s"), t->replaced_by);
      g_print ("\n");
    }
  g_print ("%s\n", rct_trust_get_accept_unsigned (store)
                   ? _("Unsigned reports are accepted with a warning (transition).")
                   : _("Unsigned reports are refused."));
  return EXIT_OK;
}

static int
trust_remove (int    argc,
              char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("trust remove ORGANISATION", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("trust remove needs the organisation (uuid, name, short code or fingerprint)."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !rct_trust_remove (store, argv[1], &error))
    return rct_cli_fail (error);
  g_print (_("No longer trusted: %s\n"), argv[1]);
  return EXIT_OK;
}

static int
trust_unsigned (int    argc,
                char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean accept;
  int code;

  if (!rct_cli_parse_options ("trust unsigned accept|refuse", entries, &argc, &argv, &code))
    return code;
  if (argc != 2 || (!g_str_equal (argv[1], "accept") && !g_str_equal (argv[1], "refuse")))
    return rct_cli_usage (_("trust unsigned needs accept or refuse."));
  accept = g_str_equal (argv[1], "accept");
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !rct_trust_set_accept_unsigned (store, accept, &error))
    return rct_cli_fail (error);
  g_print ("%s\n", accept ? _("Unsigned reports are accepted with a warning (transition).")
                          : _("Unsigned reports are refused."));
  return EXIT_OK;
}

int
rct_cli_trust (int    argc,
               char **argv)
{
  static const RctCliAction actions[] = {
    { "add", trust_add },
    { "list", trust_list },
    { "remove", trust_remove },
    { "unsigned", trust_unsigned },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("trust needs an action: add, list, remove or unsigned."), argc, argv);
}

/* At init: the organisation's key is made with its ledger. */
gboolean
rct_cli_ensure_key (RctStore  *store,
                    GError   **error)
{
  g_autoptr(RctSigningKey) key = own_key (store, error);

  return key != NULL;
}
