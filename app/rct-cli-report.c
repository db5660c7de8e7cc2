/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-private.h"
#include "rct-clock.h"
#include "rct-report.h"
#include "rct-report-sign.h"
#include "rct-report-language.h"
#include "rct-report-print.h"

/* rectify-cli export-report, import-report and validate-report: the
 * supervision report as XML (and HTML and PDF beside it). */

int
rct_cli_export_report (int    argc,
                       char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *html = NULL, *pdf = NULL, *lang = NULL, *title = NULL;
  g_autofree char *docx = NULL, *addressee = NULL, *signed_off_by = NULL, *for_org = NULL;
  g_autofree char *peer = NULL;
  gboolean full = FALSE;
  g_auto(GStrv) units = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Start of the period (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("End of the period (YYYY-MM-DD)"), N_("DATE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &units, N_("Only this unit (repeat for more)"), N_("NAME") },
    { "for", 0, 0, G_OPTION_ARG_STRING, &for_org,
      N_("The report for one unit: its problems only (a unit's short code, uuid or name)"), N_("ORG") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("Carry everything, not only what the other side has not acknowledged"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The report's title"), N_("TEXT") },
    { "html", 0, 0, G_OPTION_ARG_FILENAME, &html, N_("Also write the report as a web page"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Also write the report as PDF"), N_("FILE") },
    { "docx", 0, 0, G_OPTION_ARG_FILENAME, &docx, N_("Also write the report as a Word document"), N_("FILE") },
    { "addressee", 0, 0, G_OPTION_ARG_STRING, &addressee, N_("To whom the report goes (主送)"), N_("NAME") },
    { "signed-off-by", 0, 0, G_OPTION_ARG_STRING, &signed_off_by, N_("The leader who signs it off (签发人)"), N_("NAME") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("Language of the report's title, labels and dates: zh_CN or en (default: yours)"), N_("LANG") },
    { "lang", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &lang, NULL, NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RctScope scope = { 0 };
  const char *language;
  int code;

  if (!rct_cli_parse_options ("export-report OUT.xml", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("export-report needs the file to write: rectify-cli export-report OUT.xml"));
  if ((from != NULL && !rct_date_is_valid (from)) || (to != NULL && !rct_date_is_valid (to)))
    return rct_cli_usage (_("Write dates as YYYY-MM-DD, for example 2021-04-30."));
  language = lang != NULL ? rct_report_language_normalize (lang) : rct_report_language_default ();
  if (language == NULL)
    return rct_cli_usage (_("Reports are written in Chinese or English: give --language zh_CN or --language en."));

  /* Not read-only: the ledger keeps what each report carried, so the
   * next one carries only what was not acknowledged (docs/EXCHANGE.md). */
  store = rct_cli_open_store (0, &error);
  if (store == NULL && g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_LOCKED))
    {
      /* The window has it open: a full report all the same, unnumbered. */
      g_clear_error (&error);
      store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
      if (store != NULL)
        g_printerr ("%s\n", _("The ledger is open in Rectify, so this report carries everything and is not "
                              "numbered for acknowledgements."));
    }
  if (store == NULL)
    return rct_cli_fail (error);
  if (for_org != NULL)
    {
      /* The office's report to a unit: what is assigned there. */
      char *name = rct_store_dup_unit_for (store, for_org, &error);
      if (name == NULL)
        return rct_cli_fail (error);
      peer = rct_store_dup_uuid (store, RCT_KIND_UNIT, rct_store_find_id (store, RCT_KIND_UNIT, name, NULL));
      g_strfreev (units);
      units = g_new0 (char *, 2);
      units[0] = name;
    }
  for (guint i = 0; units != NULL && units[i] != NULL; i++)
    if (rct_store_find_id (store, RCT_KIND_UNIT, units[i], &error) == 0)
      return rct_cli_fail (error);
  scope.from = from;
  scope.to = to;
  scope.units = units;
  if (!rct_report_export_exchange (store, &scope, title, language, argv[1], peer, full, NULL, NULL, NULL, &error))
    return rct_cli_fail (error);
  if (html != NULL && !rct_report_write_html (argv[1], html, language, &error))
    return rct_cli_fail (error);
  if (pdf != NULL)
    {
      g_autoptr(RctReportPrint) print = rct_report_print_new_in (store, &scope, title, language, &error);
      if (print == NULL || !rct_report_print_write_pdf (print, pdf, &error))
        return rct_cli_fail (error);
    }
  if (docx != NULL &&
      !rct_cli_report_write_docx (store, &scope, title, language, addressee, signed_off_by, docx, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

/* Who signed the report, whether its signature matches it (issue 21);
 * whether a ledger trusts the key is import-report's question. */
static void
print_signature (const char *path)
{
  g_autoptr(RctSignature) sig = rct_signature_read (path, NULL);
  g_autofree char *when = NULL;
  g_autofree char *line = NULL;

  switch (sig->status)
    {
    case RCT_SIGNATURE_VERIFIED:
      when = sig->signed_at != NULL ? rct_time_format_local (sig->signed_at) : g_strdup ("");
      line = g_strdup_printf (_("Signed by %1$s on %2$s: verified."),
                              sig->certificate->subject != NULL ? sig->certificate->subject : "", when);
      g_print ("%s\n", line);
      g_print (_("Fingerprint (SHA-256): %s\n"), sig->certificate->fingerprint);
      break;
    case RCT_SIGNATURE_NONE:
      g_print ("%s\n", _("Not signed."));
      break;
    case RCT_SIGNATURE_CHANGED:
      g_print ("%s\n", _("The report was changed after it was signed: its signature no longer matches."));
      break;
    case RCT_SIGNATURE_HOSTILE:
      line = g_strdup_printf (_("The signature was refused: %s."), sig->problem);
      g_print ("%s\n", line);
      break;
    case RCT_SIGNATURE_UNREADABLE:
    default:
      break;
    }
}

int
rct_cli_validate_report (int    argc,
                         char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  RctReportSummary summary = { 0 };
  int code;

  if (!rct_cli_parse_options ("validate-report IN.xml", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("validate-report needs the report: rectify-cli validate-report IN.xml"));
  if (!rct_report_validate (argv[1], &summary, NULL, &error))
    {
      rct_report_summary_clear (&summary);
      return rct_cli_fail (error);
    }
  /* Translators: %s is the report's title, %d how many records it holds */
  g_print (_("“%s” is a valid report with %d records.\n"), summary.title, (int) summary.records);
  if (summary.organisation != NULL)
    g_print (_("Reported by: %s\n"), summary.organisation);
  else
    g_print (_("It is a report of version %d: it does not say who made it, and can be viewed but not merged.\n"),
             (int) summary.schema_version);
  print_signature (argv[1]);
  rct_report_summary_clear (&summary);
  return EXIT_OK;
}

