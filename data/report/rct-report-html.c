/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "rct-report.h"
#include "rct-report-language.h"
#include "rct-report-resources.h"

/* The report as a page for any browser: our XSLT run here through libxslt,
 * so nobody depends on a browser's XSLT. The report is checked first;
 * the stylesheet reads no files and no network (a restrictive security
 * policy). */

/**
 * rct_report_write_html:
 * @language: (nullable): "zh_CN" or "en"; %NULL for the report's own
 *   language (its header says it), else the user's
 *
 * The page's labels and dates are in that language, and the time the
 * report was made is shown in the reader's local time.
 */
gboolean
rct_report_write_html (const char  *report_path,
                       const char  *html_path,
                       const char  *language,
                       GError     **error)
{
  g_autoptr(GBytes) xsl_bytes = NULL;
  g_autofree char *partial = g_strconcat (html_path, ".partial", NULL);
  g_autofree char *generated = NULL;
  RctReportSummary summary = { 0 };
  xmlDocPtr xsl_doc = NULL, report = NULL, result = NULL;
  xsltStylesheetPtr stylesheet = NULL;
  xsltSecurityPrefsPtr security = NULL;
  xsltTransformContextPtr context = NULL;
  gboolean ok = FALSE;

  if (!rct_report_validate (report_path, &summary, NULL, error))
    {
      rct_report_summary_clear (&summary);
      return FALSE;
    }
  language = rct_report_language_normalize (language);
  if (language == NULL)
    language = rct_report_language_normalize (summary.language);
  if (language == NULL)
    language = rct_report_language_default ();
  generated = rct_report_language_time (language, summary.generated_at);
  rct_report_summary_clear (&summary);

  (void) rct_report_get_resource ();
  xsl_bytes = g_resources_lookup_data ("/io/github/rectify/Rectify/report/rct-report-html.xsl", 0, error);
  if (xsl_bytes == NULL)
    return FALSE;
  xsl_doc = xmlReadMemory (g_bytes_get_data (xsl_bytes, NULL), g_bytes_get_size (xsl_bytes), "rct-report-html.xsl",
                           NULL, XML_PARSE_NONET);
  stylesheet = xsl_doc != NULL ? xsltParseStylesheetDoc (xsl_doc) : NULL;
  if (stylesheet == NULL)
    {
      if (xsl_doc != NULL)
        xmlFreeDoc (xsl_doc);
      g_set_error_literal (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, "the report stylesheet does not load");
      return FALSE;
    }
  report = xmlReadFile (report_path, NULL, XML_PARSE_NONET);
  if (report == NULL)
    {
      g_set_error_literal (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_MALFORMED, _("The report could not be read."));
      goto out;
    }

  security = xsltNewSecurityPrefs ();
  xsltSetSecurityPrefs (security, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
  xsltSetSecurityPrefs (security, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
  xsltSetSecurityPrefs (security, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
  xsltSetSecurityPrefs (security, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
  xsltSetSecurityPrefs (security, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
  context = xsltNewTransformContext (stylesheet, report);
  xsltSetCtxtSecurityPrefs (security, context);

  /* Quoted by libxslt: a value is a string, never an XPath expression. */
  xsltQuoteOneUserParam (context, (const xmlChar *) "lang", (const xmlChar *) language);
  xsltQuoteOneUserParam (context, (const xmlChar *) "generated", (const xmlChar *) (generated != NULL ? generated : ""));
  result = xsltApplyStylesheetUser (stylesheet, report, NULL, NULL, NULL, context);
  if (result == NULL)
    {
      g_set_error_literal (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, _("The report could not be turned into a page."));
      goto out;
    }
  if (xsltSaveResultToFilename (partial, result, stylesheet, 0) < 0 || g_rename (partial, html_path) != 0)
    {
      g_unlink (partial);
      g_set_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, _("Cannot write “%s”."), html_path);
      goto out;
    }
  ok = TRUE;

out:
  if (result != NULL)
    xmlFreeDoc (result);
  if (context != NULL)
    xsltFreeTransformContext (context);
  if (security != NULL)
    xsltFreeSecurityPrefs (security);
  if (report != NULL)
    xmlFreeDoc (report);
  xsltFreeStylesheet (stylesheet);
  return ok;
}
