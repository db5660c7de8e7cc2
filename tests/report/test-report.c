/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <sqlite3.h>

#include "rct-clock.h"
#include "rct-report.h"
#include "rct-report-language.h"
#include "rct-report-private.h"
#include "rct-test-util.h"

/* The supervision report: every export validates against the shipped XSD;
 * export, import into an empty ledger and export again gives the same
 * document; importing twice changes nothing; a later change wins a merge;
 * the summary equals `stats --json`; every kind of hostile file is refused
 * with exit 1 and leaves the ledger as it was. */

static char *dir;
static char *demo_db;
static char *report;

static char *
without_generation_time (const char *path)
{
  g_autofree char *text = NULL;
  /* The header names the ledger that wrote the report, and its key signs
   * it: each ledger has its own, and its own serials and acknowledgements
   * (docs/EXCHANGE.md). */
  g_autoptr(GRegex) regex = g_regex_new ("<generatedAt>[^<]*</generatedAt>|<organisation [^>]*></organisation>"
                                         "|<exchange [^>]*></exchange>|<exchange [^>]*>.*</exchange>"
                                         "|<Signature .*</Signature>", G_REGEX_DOTALL | G_REGEX_UNGREEDY, 0, NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return g_regex_replace_literal (regex, text, -1, 0, "", 0, NULL);
}

static void
test_export_validates (void)
{
  g_autoptr(GBytes) xsd = rct_report_get_schema ();
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt (g_bytes_get_data (xsd, NULL), g_bytes_get_size (xsd));
  xmlSchemaPtr schema = xmlSchemaParse (parser);
  xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt (schema);
  g_autofree char *scoped = g_build_filename (dir, "范围 报告.xml", NULL);

  g_assert_nonnull (schema);
  /* Validated by libxml2's own validator, apart from our reader. */
  g_assert_cmpint (xmlSchemaValidateFile (valid, report, 0), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", demo_db, "export-report", scoped, "--from", "2021-05-01",
                                     "--unit", "交警大队", "--unit", "曲堤派出所", NULL), ==, 0);
  g_assert_cmpint (xmlSchemaValidateFile (valid, scoped, 0), ==, 0);
  g_assert_true (rct_report_validate (scoped, NULL, NULL, NULL));
  xmlSchemaFreeValidCtxt (valid);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
}

static void
test_round_trip (void)
{
  g_autofree char *empty = rct_test_ledger_location (dir, "空 台账.db");
  g_autofree char *again = g_build_filename (dir, "再次 导出.xml", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", empty, "init", NULL), ==, 0);
  rct_test_trust_report (empty, report);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", empty, "import-report", report, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 changed"));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", empty, "export-report", again, NULL), ==, 0);
  first = without_generation_time (report);
  second = without_generation_time (again);
  /* Issue 18's records, with their links, are part of the round. */
  g_assert_nonnull (strstr (first, "<accountability "));
  g_assert_nonnull (strstr (first, "<concerns problem="));
  g_assert_nonnull (strstr (first, "<visit "));
  g_assert_nonnull (strstr (first, "<visited unit="));
  g_assert_nonnull (strstr (first, "<found finding="));
  g_assert_cmpstr (first, ==, second);
}

/* A version 2 report made before issue 18's records (no supervision
 * figures, no accountability or visits, counts without them) still
 * validates. */
static void
test_without_supervision_valid (void)
{
  g_autofree char *path = g_build_filename (dir, "没有 问责.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<supervision .*?</supervision>\\s*|<accountability .*?</accountability>\\s*"
                                         "|<visit .*?</visit>\\s*| accountability=\"\\d+\"| visits=\"\\d+\""
                                         "|<Signature .*</Signature>", G_REGEX_DOTALL, 0, NULL);
  GError *error = NULL;

  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  edited = g_regex_replace_literal (regex, text, -1, 0, "", 0, NULL);
  g_assert_null (strstr (edited, "<accountability"));
  g_assert_null (strstr (edited, "<supervision"));
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  g_assert_true (rct_report_validate (path, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_import_twice (void)
{
  g_autofree char *target = rct_test_ledger_location (dir, "两次 导入.db");
  g_autofree char *out = NULL;
  g_autofree char *list_before = NULL;
  g_autofree char *list_after = NULL;

  g_autofree char *err = NULL;
  int rc;

  rct_test_trust_report (target, report);
  rc = rct_test_run_cli (NULL, &err, "--db", target, "import-report", report, NULL);
  if (rc != 0)
    g_test_message ("the first import: %s", err);
  g_assert_cmpint (rc, ==, 0);
  g_assert_cmpint (rct_test_run_cli (&list_before, NULL, "--db", target, "list", "problems", "--json", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  rc = rct_test_run_cli (&out, &err, "--db", target, "import-report", report, NULL);
  if (rc != 0)
    g_test_message ("the second import: %s", err);
  g_assert_cmpint (rc, ==, 0);
  g_assert_nonnull (strstr (out, "0 added, 0 changed"));
  g_assert_cmpint (rct_test_run_cli (&list_after, NULL, "--db", target, "list", "problems", "--json", NULL), ==, 0);
  g_assert_cmpstr (list_before, ==, list_after);
}

/* Clocks only label (docs/EXCHANGE.md): a copy of 2021-009 edited to say
 * another category, stamped later, but without the event of that change,
 * is an old copy: the ledger keeps its own, and journals nothing. */
static void
test_later_stamp_decides_nothing (void)
{
  g_autofree char *target = rct_test_ledger_location (dir, "合并.db");
  g_autofree char *changed = g_build_filename (dir, "改过的 报告.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *replacement = NULL;
  GError *error = NULL;

  rct_test_trust_report (target, report);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", target, "import-report", report, NULL), ==, 0);
  /* The report's copy of 2021-009 says a different category, changed later. */
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  regex = g_regex_new ("(<problem [^>]*updatedAt=\")[^\"]*(\"[^>]*>\\s*<number>2021-009</number>(?:.|\\n)*?<category>)[^<]*",
                       G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  /* Later than the ledger's copy, but not in the future: a report's clock
   * more than a day ahead is refused. */
  later = g_date_time_add_hours (now, 1);
  stamp = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  replacement = g_strdup_printf ("\\g<1>%s\\g<2>卷宗管理", stamp);
  edited = g_regex_replace (regex, text, -1, 0, replacement, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (edited, !=, text);
  g_assert_true (g_file_set_contents (changed, edited, -1, NULL));
  rct_test_sign_again (demo_db, changed);

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", target, "import-report", changed, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&after, NULL, "--db", target, "list", "problems", "--search", "装订", "--json",
                                     NULL), ==, 0);
  g_assert_null (strstr (after, "卷宗管理"));
  g_assert_cmpint (rct_test_run_cli (&journal, NULL, "--db", target, "journal", "2021-009", "--json", NULL), ==, 0);
  g_assert_null (strstr (journal, "merged from the report"));
}

/* A copy of @source where problem @number has @status and @updated_at. */
static char *
edit_problem (const char *source,
              const char *maker,
              const char *number,
              const char *status,
              const char *updated_at,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *pattern = g_strdup_printf ("(<problem [^>]*updatedAt=\")[^\"]*(\"[^>]*>\\s*<number>%s</number>"
                                              "(?:.|\\n)*?<status>)[^<]*", number);
  g_autofree char *replacement = g_strdup_printf ("\\g<1>%s\\g<2>%s", updated_at, status);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *edited = NULL;

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  edited = g_regex_replace (regex, text, -1, 0, replacement, 0, NULL);
  g_assert_cmpstr (edited, !=, text);
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  /* The maker's own forgery: signed, so only the merge's checks refuse it. */
  rct_test_sign_again (maker, path);
  return g_steal_pointer (&path);
}

static void
assert_import_refused (const char *ledger,
                       const char *path,
                       const char *sentence_part)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *journal_before = NULL;
  g_autofree char *journal_after = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (rct_test_run_cli (&before, NULL, "--db", ledger, "list", "problems", "--json", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&journal_before, NULL, "--db", ledger, "journal", "2021-009", "--json", NULL), ==, 0);
  /* Refused part by part: the import goes on, and says what it refused. */
  g_assert_cmpint (rct_test_run_cli (&err, NULL, "--db", ledger, "import-report", path, NULL), ==, 0);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, sentence_part));
  g_assert_cmpint (rct_test_run_cli (&after, NULL, "--db", ledger, "list", "problems", "--json", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&journal_after, NULL, "--db", ledger, "journal", "2021-009", "--json", NULL), ==, 0);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (journal_before, ==, journal_after);
}

/* A report claiming 9999-12-31 closes a registered problem with no
 * measure, verifier or closed date: refused, the ledger as it was. */
static void
test_merge_future_refused (void)
{
  g_autofree char *target = rct_test_ledger_location (dir, "未来 时间.db");
  g_autofree char *forged = edit_problem (report, demo_db, "2021-009", "closed", "9999-12-31T00:00:00Z", "伪造 未来.xml");

  rct_test_trust_report (target, report);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", target, "import-report", report, NULL), ==, 0);
  assert_import_refused (target, forged, "more than a day from now");
}

static void
test_summary_equals_stats (void)
{
  g_autofree char *stats = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *problems;
  g_autofree char *expect_total = NULL;
  g_autofree char *expect_overdue = NULL;
  g_autofree char *expect_closed = NULL;
  g_autofree char *expect_replied = NULL;

  g_assert_cmpint (rct_test_run_cli (&stats, NULL, "--db", demo_db, "stats", "--json", NULL), ==, 0);
  node = json_from_string (stats, NULL);
  problems = json_object_get_object_member (json_node_get_object (node), "problems");
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  expect_total = g_strdup_printf (" total=\"%" G_GINT64_FORMAT "\"></problems>",
                                  json_object_get_int_member (problems, "total"));
  expect_closed = g_strdup_printf ("closed=\"%" G_GINT64_FORMAT "\"", json_object_get_int_member (problems, "closed"));
  expect_overdue = g_strdup_printf ("overdue=\"%" G_GINT64_FORMAT "\"", json_object_get_int_member (problems, "overdue"));
  expect_replied = g_strdup_printf ("replied=\"%" G_GINT64_FORMAT "\"",
                                    json_object_get_int_member (json_object_get_object_member (json_node_get_object (node),
                                                                                               "feedback"), "replied"));
  g_assert_nonnull (strstr (text, expect_total));
  g_assert_nonnull (strstr (text, expect_closed));
  g_assert_nonnull (strstr (text, expect_overdue));
  g_assert_nonnull (strstr (text, expect_replied));

  /* Issue 18: accountability by kind and the visits. */
  {
    JsonObject *accountability = json_object_get_object_member (json_node_get_object (node), "accountability");
    JsonObject *visits = json_object_get_object_member (json_node_get_object (node), "visits");
    JsonObject *by_kind = json_object_get_object_member (accountability, "byKind");
    g_autofree char *expect_supervision =
      g_strdup_printf ("<supervision accountability=\"%d\" problemsFound=\"%d\" units=\"%d\" unitsCovered=\"%d\""
                       " visits=\"%d\">",
                       (int) json_object_get_int_member (accountability, "total"),
                       (int) json_object_get_int_member (visits, "problemsFound"),
                       (int) json_object_get_int_member (visits, "units"),
                       (int) json_object_get_int_member (visits, "unitsCovered"),
                       (int) json_object_get_int_member (visits, "total"));
    g_autoptr(GList) kinds = json_object_get_members (by_kind);

    g_assert_nonnull (strstr (text, expect_supervision));
    g_assert_cmpint (json_object_get_int_member (accountability, "total"), >, 0);
    g_assert_nonnull (kinds);
    for (GList *k = kinds; k != NULL; k = k->next)
      {
        g_autofree char *expect_kind = g_strdup_printf ("<kind count=\"%d\" key=\"%s\"></kind>",
                                                        (int) json_object_get_int_member (by_kind, k->data),
                                                        (const char *) k->data);
        g_assert_nonnull (strstr (text, expect_kind));
      }
  }
}

typedef struct
{
  const char *file;
  const char *message_part;
} Hostile;

/* The demo's report, gzipped: libxml2 reading by file name would unpack it
 * behind the size limit's back. */
static char *
write_gzipped_report (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL);
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (G_OUTPUT_STREAM (out), G_CONVERTER (gzip));
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (report, &text, &len, NULL));
  g_assert_true (g_output_stream_write_all (stream, text, len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_steal_pointer (&path);
}

/* A field split by comments and CDATA is read whole. */
static void
test_split_field_joined (void)
{
  g_autofree char *path = g_build_filename (dir, "分开的 标题.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  RctReportSummary summary = { 0 };
  GError *error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<title>[^<]*</title>", 0, 0, NULL);

  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  edited = g_regex_replace_literal (regex, text, -1, 0, "<title>督导<!-- a -->报告<![CDATA[ 第一期]]>&#x202E;&#9;</title>", 0, NULL);
  g_assert_cmpstr (edited, !=, text);
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  g_assert_true (rct_report_validate (path, &summary, NULL, &error));
  g_assert_no_error (error);
  /* A right-to-left override or a tab shows as what it is. */
  g_assert_cmpstr (summary.title, ==, "督导报告 第一期\xEF\xBF\xBD\xEF\xBF\xBD");
  rct_report_summary_clear (&summary);
}

/* The page's n-th figure, as shown. */
static char *
html_figure (const char *html_path,
             guint       n)
{
  g_autofree char *text = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("class=\"figure\">\\s*<b>([^<]*)</b>", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_file_get_contents (html_path, &text, NULL, NULL));
  g_assert_true (g_regex_match (regex, text, 0, &match));
  for (guint i = 0; i < n; i++)
    g_assert_true (g_match_info_next (match, NULL));
  return g_match_info_fetch (match, 1);
}

/* The page rounds a rate once, from the counts, half away from zero:
 * ties that a rounded or binary fraction gets wrong come out as the
 * window shows them. */
static void
test_html_one_rounding (void)
{
  struct { const char *closed, *total, *days; const char *rate, *mean; } cases[] = {
    { "6", "11", "206", "54.5%", "34.3" },
    { "1", "16", "3", "6.3%", "3.0" },
    { "5", "16", "1", "31.3%", "0.2" },
    { "1", "40", "1", "2.5%", "1.0" },
    { "1", "80", "1", "1.3%", "1.0" },
    { "4", "8", "61", "50.0%", "15.3" },
    { "0", "0", "0", "—", "—" },
  };
  g_autofree char *xml = g_build_filename (dir, "舍入 报告.xml", NULL);
  g_autofree char *html = g_build_filename (dir, "舍入 报告.html", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      xmlDocPtr doc = xmlReadFile (report, NULL, XML_PARSE_NONET);
      xmlXPathContextPtr xpath = xmlXPathNewContext (doc);
      xmlXPathObjectPtr found;
      xmlNodePtr problems;
      g_autoptr(GError) error = NULL;
      g_autofree char *rate = NULL;
      g_autofree char *mean = NULL;

      xmlXPathRegisterNs (xpath, BAD_CAST "r", BAD_CAST RCT_REPORT_NAMESPACE);
      found = xmlXPathEvalExpression (BAD_CAST "/r:report/r:summary/r:problems", xpath);
      g_assert_cmpint (found->nodesetval->nodeNr, ==, 1);
      problems = found->nodesetval->nodeTab[0];
      xmlSetProp (problems, BAD_CAST "closed", BAD_CAST cases[i].closed);
      xmlSetProp (problems, BAD_CAST "total", BAD_CAST cases[i].total);
      xmlSetProp (problems, BAD_CAST "daysToCloseSum", BAD_CAST cases[i].days);
      g_assert_cmpint (xmlSaveFile (xml, doc), >, 0);
      xmlXPathFreeObject (found);
      xmlXPathFreeContext (xpath);
      xmlFreeDoc (doc);

      g_assert_true (rct_report_write_html (xml, html, NULL, &error));
      g_assert_no_error (error);
      rate = html_figure (html, 2);
      mean = html_figure (html, 6);
      g_assert_cmpstr (rate, ==, cases[i].rate);
      g_assert_cmpstr (mean, ==, cases[i].mean);
    }
}

static void
collect_text (xmlNodePtr node,
              GString   *text)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE &&
          (xmlStrcasecmp (node->name, BAD_CAST "style") == 0 || xmlStrcasecmp (node->name, BAD_CAST "script") == 0))
        continue;
      if (node->type == XML_TEXT_NODE && node->content != NULL)
        {
          g_string_append (text, (const char *) node->content);
          g_string_append_c (text, ' ');
        }
      collect_text (node->children, text);
    }
}

/* The words a reader sees on a page, tags and styles left out. */
static char *
html_text (const char *path)
{
  htmlDocPtr doc = htmlReadFile (path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  GString *text = g_string_new (NULL);

  g_assert_nonnull (doc);
  collect_text (xmlDocGetRootElement (doc), text);
  xmlFreeDoc (doc);
  return g_string_free (text, FALSE);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Fails on any ASCII word outside @allowed: the labels, dates and title of
 * a Chinese report are Chinese. */
static void
assert_no_english (const char         *text,
                   const char * const *allowed)
{
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (word, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);
      if (!g_strv_contains (allowed, found))
        g_error ("an English word “%s” in a Chinese report:\n%s", found, text);
      g_match_info_next (match, NULL);
    }
}

/* A report reads in its own language, not its maker's: made by an English
 * user (the tests run with LANGUAGE=en) in Chinese, its title, labels and
 * dates are Chinese in the XML's header, the page and the PDF; the time it
 * was made is shown in local form and kept exact in the XML. */
static void
test_language_chinese (void)
{
  g_autofree char *xml = g_build_filename (dir, "中文 报告.xml", NULL);
  g_autofree char *html = g_build_filename (dir, "中文 报告.html", NULL);
  g_autofree char *pdf = g_build_filename (dir, "中文 报告.pdf", NULL);
  g_autofree char *page = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *document = NULL;
  RctReportSummary summary = { 0 };
  /* The program's name, the operator and the office's short code (JY) are names. */
  const char *allowed[] = { "Rectify", "JY", NULL, NULL };
  g_autoptr(GRegex) local_time = g_regex_new ("生成于 \\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}", 0, 0, NULL);

  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", demo_db, "export-report", xml, "--html", html, "--pdf", pdf,
                                     "--language", "zh_CN", NULL), ==, 0);
  g_assert_true (rct_report_validate (xml, &summary, NULL, NULL));
  g_assert_cmpstr (summary.language, ==, "zh_CN");
  g_assert_cmpstr (summary.title, ==, "督导报告");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$", summary.generated_at, 0, 0));
  allowed[2] = summary.generated_by;  /* the operator's name, as set */

  page = html_text (html);
  g_assert_nonnull (strstr (page, "督导报告"));
  g_assert_nonnull (strstr (page, "数据截至 2021年5月20日"));
  g_assert_true (g_regex_match (local_time, page, 0, NULL));
  g_assert_null (strstr (page, summary.generated_at));
  assert_no_english (page, allowed);

  paper = pdf_text (pdf);
  g_assert_nonnull (strstr (paper, "督导报告"));
  g_assert_nonnull (strstr (paper, "数据截至 2021年5月20日"));
  assert_no_english (paper, allowed);

  g_assert_true (g_file_get_contents (xml, &document, NULL, NULL));
  g_assert_nonnull (strstr (document, "<header language=\"zh_CN\">"));
  rct_report_summary_clear (&summary);
}

/* The same ledger in English; and a title the user typed is kept as typed,
 * in any language. */
static void
test_language_english (void)
{
  g_autofree char *xml = g_build_filename (dir, "英文 报告.xml", NULL);
  g_autofree char *html = g_build_filename (dir, "英文 报告.html", NULL);
  g_autofree char *pdf = g_build_filename (dir, "英文 报告.pdf", NULL);
  g_autofree char *page = NULL;
  g_autofree char *paper = NULL;
  RctReportSummary summary = { 0 };

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", demo_db, "export-report", xml, "--html", html, "--pdf", pdf,
                                     "--language", "en", "--title", "五月 督导", NULL), ==, 0);
  g_assert_true (rct_report_validate (xml, &summary, NULL, NULL));
  g_assert_cmpstr (summary.language, ==, "en");
  g_assert_cmpstr (summary.title, ==, "五月 督导");
  page = html_text (html);
  g_assert_nonnull (strstr (page, "五月 督导"));
  g_assert_nonnull (strstr (page, "Figures as of 20 May 2021"));
  g_assert_null (strstr (page, "督导报告"));
  paper = pdf_text (pdf);
  g_assert_nonnull (strstr (paper, "五月 督导"));
  g_assert_nonnull (strstr (paper, "figures as of 20 May 2021"));
  g_assert_nonnull (strstr (paper, "On-time rate"));
  rct_report_summary_clear (&summary);

  /* A language reports are not written in is a usage error. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", demo_db, "export-report", xml, "--language", "fr", NULL),
                   ==, 2);
}

/* Dates and times as a reader of each language writes them; the time in
 * the reader's local time (here China's); labels from the language's own
 * catalogue, whatever the process's language (English in the tests). */
static void
test_language_forms (void)
{
  g_autofree char *zh_time = NULL, *en_time = NULL, *zh_date = NULL, *en_date = NULL, *bad = NULL;

  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  zh_time = rct_report_language_time ("zh_CN", "2021-05-20T01:41:05Z");
  en_time = rct_report_language_time ("en", "2021-05-20T01:41:05Z");
  g_assert_cmpstr (zh_time, ==, "2021年5月20日 09:41");
  g_assert_cmpstr (en_time, ==, "20 May 2021 09:41");
  g_unsetenv ("TZ");
  zh_date = rct_report_language_date ("zh_CN", "2021-09-02");
  en_date = rct_report_language_date ("en", "2021-09-02");
  bad = rct_report_language_date ("zh_CN", "2021-13-45");
  g_assert_cmpstr (zh_date, ==, "2021年9月2日");
  g_assert_cmpstr (en_date, ==, "2 September 2021");
  g_assert_cmpstr (bad, ==, "2021-13-45");
  g_assert_null (rct_report_language_date ("en", NULL));

  g_assert_cmpstr (rct_report_language_normalize ("zh_CN.UTF-8"), ==, "zh_CN");
  g_assert_cmpstr (rct_report_language_normalize ("en_GB"), ==, "en");
  g_assert_cmpstr (rct_report_language_normalize ("C"), ==, "en");
  g_assert_null (rct_report_language_normalize ("fr_FR"));
  g_assert_cmpstr (rct_report_language_default (), ==, "en");  /* LANGUAGE=en */
  g_assert_cmpstr (rct_report_language_gettext ("zh_CN", "Supervision report"), ==, "督导报告");
  g_assert_cmpstr (rct_report_language_gettext ("en", "Supervision report"), ==, "Supervision report");
  g_assert_cmpstr (_("Supervision report"), ==, "Supervision report");  /* the process stays English */
}

/* A report made without a title (the CLI in its default language, here
 * English) reads 督导报告 in the Chinese window and the other way round; a
 * title someone gave stays as written in every language. */
static void
test_language_default_title (void)
{
  g_autofree char *xml = g_build_filename (dir, "默认 标题.xml", NULL);
  RctReportSummary summary = { 0 };

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", demo_db, "export-report", xml, NULL), ==, 0);
  g_assert_true (rct_report_validate (xml, &summary, NULL, NULL));
  g_assert_cmpstr (summary.language, ==, "en");
  g_assert_cmpstr (summary.title, ==, "Supervision report");
  g_assert_cmpstr (rct_report_language_title ("zh_CN", summary.title), ==, "督导报告");
  g_assert_cmpstr (rct_report_language_title ("en", summary.title), ==, "Supervision report");
  g_assert_cmpstr (rct_report_language_title (NULL, summary.title), ==, "Supervision report");  /* LANGUAGE=en */
  rct_report_summary_clear (&summary);

  g_assert_cmpstr (rct_report_language_title ("en", "督导报告"), ==, "Supervision report");
  g_assert_cmpstr (rct_report_language_title ("zh_CN", NULL), ==, "督导报告");
  g_assert_cmpstr (rct_report_language_title ("zh_CN", ""), ==, "督导报告");
  g_assert_cmpstr (rct_report_language_title ("zh_CN", "五月 督导"), ==, "五月 督导");
  g_assert_cmpstr (rct_report_language_title ("en", "Supervision report May"), ==, "Supervision report May");
}

static void
test_hostile (gconstpointer data)
{
  const Hostile *hostile = data;
  g_autofree char *target = rct_test_ledger_location (dir, "受保护 台账.db");
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *stats_before = NULL;
  g_autofree char *stats_after = NULL;

  if (g_str_has_prefix (hostile->file, "gzip:"))
    path = write_gzipped_report (hostile->file + strlen ("gzip:"));
  else if (g_str_has_prefix (hostile->file, "generated:"))
    {
      g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                              "<report xmlns=\"urn:rectify:report:1\" schemaVersion=\"1\"><header><title>");
      path = g_build_filename (dir, hostile->file + strlen ("generated:"), NULL);
      if (strstr (hostile->file, "deep") != NULL)
        {
          for (int i = 0; i < 5000; i++)
            g_string_append (text, "<a>");
        }
      else if (strstr (hostile->file, "comment-split") != NULL)
        {
          /* 2.7 MB: each node one byte, the field 320 KB as a whole. */
          for (int i = 0; i < 320000; i++)
            g_string_append (text, "a<!---->");
        }
      else if (strstr (hostile->file, "split-long") != NULL)
        {
          /* 320 KB in 40 nodes of 8 KB, each far below the limit. */
          for (int i = 0; i < 40; i++)
            {
              for (int j = 0; j < 8192; j++)
                g_string_append_c (text, 'a');
              g_string_append (text, "<!---->");
            }
        }
      else if (strstr (hostile->file, "doctype-after-comments") != NULL)
        {
          g_string_assign (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--");
          for (int i = 0; i < 70 * 1024; i++)
            g_string_append_c (text, '-' + (i % 2) * ('x' - '-'));
          g_string_append (text, "-->\n<!DOCTYPE report [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                                 "<report xmlns=\"urn:rectify:report:1\" schemaVersion=\"1\"><header><title>&x;");
        }
      else
        {
          for (int i = 0; i < 2 * 1024 * 1024; i++)
            g_string_append_c (text, 'x');
        }
      g_string_append (text, "</title></header></report>\n");
      g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
    }
  else
    path = g_test_build_filename (G_TEST_DIST, "report", "hostile", hostile->file, NULL);

  if (!rct_test_ledger_exists (target))
    g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", target, "init", "--demo", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&before, NULL, "--db", target, "list", "problems", "--json", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&stats_before, NULL, "--db", target, "stats", "--json", NULL), ==, 0);

  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", target, "import-report", path, NULL), ==, 1);
  g_test_message ("%s: %s", hostile->file, err);
  g_assert_nonnull (strstr (err, hostile->message_part));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);

  g_assert_cmpint (rct_test_run_cli (&after, NULL, "--db", target, "list", "problems", "--json", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&stats_after, NULL, "--db", target, "stats", "--json", NULL), ==, 0);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (stats_before, ==, stats_after);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "validate-report", path, NULL), ==, 1);
}

/* The report's problems are written from one statement per kind walked in
 * step (issue 15): each measure, extension and evidence file sits under
 * its own problem, in uuid order, and each problem carries exactly its
 * history (its own events and its children's), also in a report of some
 * units, whose statements hold the other units' children too. */
static void
check_children_in_step (RctStore   *store,
                        const char *path,
                        guint      *out_problems)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  xmlXPathContextPtr xpath = xmlXPathNewContext (doc);
  xmlXPathObjectPtr problems;
  guint children = 0, events = 0;

  xmlXPathRegisterNs (xpath, BAD_CAST "r", BAD_CAST RCT_REPORT_NAMESPACE);
  problems = xmlXPathEvalExpression (BAD_CAST "/r:report/r:records/r:problem", xpath);
  g_assert_nonnull (problems->nodesetval);
  *out_problems = problems->nodesetval->nodeNr;
  for (int i = 0; i < problems->nodesetval->nodeNr; i++)
    {
      xmlNodePtr problem = problems->nodesetval->nodeTab[i];
      g_autofree char *uuid = (char *) xmlGetProp (problem, BAD_CAST "uuid");
      gint64 id = rct_store_find_by_uuid (store, RCT_KIND_PROBLEM, uuid);
      g_autoptr(GPtrArray) history = rct_store_list_problem_history (store, id, NULL);
      g_autoptr(GHashTable) own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *last_child = NULL;
      g_autofree char *last_event = NULL;
      guint n_events = 0, n_children = 0;

      g_assert_cmpint (id, >, 0);
      g_assert_nonnull (history);
      g_hash_table_add (own, g_strdup (uuid));
      for (xmlNodePtr node = problem->children; node != NULL; node = node->next)
        {
          const char *name = (const char *) node->name;
          g_autofree char *child_uuid = NULL;

          if (node->type != XML_ELEMENT_NODE)
            continue;
          child_uuid = (char *) xmlGetProp (node, BAD_CAST "uuid");
          if (g_str_equal (name, "measure") || g_str_equal (name, "extension") || g_str_equal (name, "evidence"))
            {
              g_autofree char *parent = (char *) xmlGetProp (node, BAD_CAST "problem");
              g_autofree char *kind = g_strdup (name);

              /* Evidence names no problem: only where it sits says it. */
              if (!g_str_equal (name, "evidence"))
                g_assert_cmpstr (parent, ==, uuid);
              g_hash_table_add (own, g_strdup (child_uuid));
              n_children++;
              /* In uuid order within each kind. */
              if (last_child != NULL && g_str_has_prefix (last_child, kind))
                g_assert_cmpstr (strchr (last_child, ':') + 1, <, child_uuid);
              g_free (last_child);
              last_child = g_strdup_printf ("%s:%s", kind, child_uuid);
            }
          else if (g_str_equal (name, "journal"))
            {
              xmlNodePtr field = node->children;
              g_autofree char *record = NULL;

              while (field != NULL && !(field->type == XML_ELEMENT_NODE &&
                                        g_str_equal ((const char *) field->name, "record_uuid")))
                field = field->next;
              g_assert_nonnull (field);
              record = (char *) xmlNodeGetContent (field);
              g_assert_true (g_hash_table_contains (own, record));
              if (last_event != NULL)
                g_assert_cmpstr (last_event, <, child_uuid);
              g_free (last_event);
              last_event = g_strdup (child_uuid);
              n_events++;
            }
        }
      g_assert_cmpuint (n_events, ==, history->len);
      g_assert_cmpuint (n_children, ==, g_hash_table_size (own) - 1);
      children += n_children;
      events += n_events;
    }
  g_assert_cmpuint (children, >, 0);
  g_assert_cmpuint (events, >, 0);
  xmlXPathFreeObject (problems);
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);
}

static void
test_children_in_step (void)
{
  g_autofree char *db = rct_test_ledger_location (dir, "子记录 台账.db");
  g_autofree char *full = g_build_filename (dir, "子记录 全部.xml", NULL);
  g_autofree char *scoped = g_build_filename (dir, "子记录 两个单位.xml", NULL);
  g_autoptr(GBytes) content = g_bytes_new_static ("照片", strlen ("照片"));
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_full = 0, n_scoped = 0;

  rct_test_copy_ledger (demo_db, db);
  store = rct_store_open (db, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* Evidence on every second open problem, two files on some: kinds with rows
   * for some problems only, in units in and out of the scope. */
  problems = rct_store_list (store, RCT_KIND_PROBLEM, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i += 2)
    for (guint n = 0; !g_str_equal (RCT_PROBLEM (g_ptr_array_index (problems, i))->status, "closed") && n < 1 + i % 3;
         n++)
      {
        g_autofree char *name = g_strdup_printf ("现场 %u-%u.jpg", i, n);
        rct_store_attach_evidence (store, rct_record_get_id (g_ptr_array_index (problems, i)), name, content, NULL,
                                   &error);
        g_assert_no_error (error);
      }
  rct_store_close (store);
  g_clear_object (&store);

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "export-report", full, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "export-report", scoped, "--from", "2021-04-25",
                                     "--unit", "交警大队", "--unit", "刑侦大队", NULL), ==, 0);
  store = rct_store_open (db, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  check_children_in_step (store, full, &n_full);
  check_children_in_step (store, scoped, &n_scoped);
  g_assert_cmpuint (n_scoped, >, 0);
  g_assert_cmpuint (n_scoped, <, n_full);
  g_assert_true (rct_report_validate (scoped, NULL, NULL, NULL));
  g_assert_true (rct_report_validate (full, NULL, NULL, NULL));
}

/* The plan SQLite makes for @sql on the ledger file @db, its lines
 * joined by "; ". */
static char *
plan_of (const char *db,
         const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s%s", plan->len > 0 ? "; " : "", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return g_string_free (plan, FALSE);
}

/* The export reads the problem table once, in its own order, and sorts
 * (not each problem looked up through the uuid index, a page read for
 * nearly every problem at a million), and each child kind from its own
 * table first (not every problem scanned to find a kind's few rows),
 * with and without a period. */
static void
test_walk_plans (void)
{
  g_autofree char *db = rct_test_ledger_location (dir, "查询计划 台账.db");
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  static const RctKind children[] = { RCT_KIND_MEASURE, RCT_KIND_EXTENSION, RCT_KIND_EVIDENCE };
  RctScope period = { .from = "2021-04-25", .to = "2021-05-31" };
  const RctScope *scopes[] = { NULL, &period };

  if (rct_test_on_server ())
    {
      g_test_skip ("the plans are SQLite's");
      return;
    }
  rct_test_copy_ledger (demo_db, db);
  store = rct_store_open (db, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      g_autofree char *sql = _rct_report_walk_sql (store, scopes[s], RCT_KIND_PROBLEM);
      g_autofree char *plan = plan_of (db, sql);

      g_test_message ("problems: %s", plan);
      g_assert_null (strstr (plan, "sqlite_autoindex_problem"));
      g_assert_nonnull (strstr (plan, "TEMP B-TREE FOR ORDER BY"));
      g_assert_true (g_str_has_prefix (plan, s == 0 ? "SCAN t; " : "SEARCH t USING INDEX problem_found"));
      for (guint k = 0; k < G_N_ELEMENTS (children); k++)
        {
          g_autofree char *child_sql = _rct_report_walk_sql (store, scopes[s], children[k]);
          g_autofree char *child_plan = plan_of (db, child_sql);

          g_test_message ("%s: %s", rct_kind_to_table (children[k]), child_plan);
          g_assert_true (g_str_has_prefix (child_plan, "SCAN x; "));
          g_assert_null (strstr (child_plan, "SCAN t"));
          g_assert_nonnull (strstr (child_plan, "SEARCH t USING INTEGER PRIMARY KEY"));
        }
    }
  rct_store_close (store);
}

int
main (int argc, char **argv)
{
  static const Hostile hostile[] = {
    { "not-well-formed.xml", "not well-formed" },
    { "wrong-namespace.xml", "not a Rectify supervision report" },
    { "wrong-root.xml", "not a Rectify supervision report" },
    { "newer-version.xml", "newer Rectify" },
    { "schema-invalid.xml", "does not follow the report schema (line" },
    { "truncated.xml", "ends too early" },
    { "invalid-utf8.xml", "not valid UTF-8" },
    { "external-entity.xml", "document type declaration" },
    { "dtd.xml", "document type declaration" },
    { "billion-laughs.xml", "document type declaration" },
    { "counts-mismatch.xml", "incomplete or was altered" },
    { "generated:deep-nesting.xml", "report" },
    { "generated:huge-text.xml", "report" },
    { "generated:comment-split.xml", "absurdly many pieces" },
    { "generated:split-long.xml", "absurdly long" },
    { "generated:doctype-after-comments.xml", "document type declaration" },
    { "gzip:督导 报告.xml.gz", "compressed" },
  };
  int status;

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  /* The build's catalogues, as the programs find them. */
  if (g_getenv ("RECTIFY_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RECTIFY_LOCALEDIR"));
  g_setenv ("RECTIFY_TODAY", "2021-05-20", TRUE);
  dir = rct_test_make_dir ();
  demo_db = rct_test_ledger_location (dir, "演示 台账.db");
  report = g_build_filename (dir, "督导 报告.xml", NULL);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", demo_db, "init", "--demo", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", demo_db, "export-report", report, NULL), ==, 0);

  g_test_add_func ("/report/export/validates", test_export_validates);
  g_test_add_func ("/report/roundtrip/same-document", test_round_trip);
  g_test_add_func ("/report/export/children-in-step", test_children_in_step);
  g_test_add_func ("/report/export/walk-plans", test_walk_plans);
  g_test_add_func ("/report/import/twice-changes-nothing", test_import_twice);
  g_test_add_func ("/report/schema/without-supervision-valid", test_without_supervision_valid);
  g_test_add_func ("/report/import/later-stamp-decides-nothing", test_later_stamp_decides_nothing);
  g_test_add_func ("/report/summary/equals-stats", test_summary_equals_stats);
  g_test_add_func ("/report/read/split-field-joined", test_split_field_joined);
  g_test_add_func ("/report/merge/future-time-refused", test_merge_future_refused);
  g_test_add_func ("/report/html/one-rounding", test_html_one_rounding);
  g_test_add_func ("/report/language/dates-times-labels", test_language_forms);
  g_test_add_func ("/report/language/chinese-reads-chinese", test_language_chinese);
  g_test_add_func ("/report/language/english-and-typed-title", test_language_english);
  g_test_add_func ("/report/language/default-title-in-readers-language", test_language_default_title);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/report/hostile/%s", hostile[i].file);
      g_test_add_data_func (test_path, &hostile[i], test_hostile);
    }
  status = g_test_run ();
  rct_test_remove_dir (dir);
  return status;
}
