/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/xmlschemas.h>

#include "rct-clock.h"
#include "rct-report.h"
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
  /* The header names the ledger that wrote the report: each ledger has its own. */
  g_autoptr(GRegex) regex = g_regex_new ("<generatedAt>[^<]*</generatedAt>|<organisation uuid=[^>]*/>", 0, 0, NULL);

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
  g_autofree char *empty = g_build_filename (dir, "空 台账.db", NULL);
  g_autofree char *again = g_build_filename (dir, "再次 导出.xml", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", empty, "init", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", empty, "import-report", report, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 updated"));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", empty, "export-report", again, NULL), ==, 0);
  first = without_generation_time (report);
  second = without_generation_time (again);
  g_assert_cmpstr (first, ==, second);
}

static void
test_import_twice (void)
{
  g_autofree char *target = g_build_filename (dir, "两次 导入.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *list_before = NULL;
  g_autofree char *list_after = NULL;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", target, "import-report", report, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&list_before, NULL, "--db", target, "list", "problems", "--json", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", target, "import-report", report, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 added, 0 updated"));
  g_assert_cmpint (rct_test_run_cli (&list_after, NULL, "--db", target, "list", "problems", "--json", NULL), ==, 0);
  g_assert_cmpstr (list_before, ==, list_after);
}

/* A record changed on both sides keeps the later updated_at. */
static void
test_later_change_wins (void)
{
  g_autofree char *target = g_build_filename (dir, "合并.db", NULL);
  g_autofree char *changed = g_build_filename (dir, "改过的 报告.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autofree char *edited = NULL;
  GError *error = NULL;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", target, "import-report", report, NULL), ==, 0);
  /* The report's copy of 2021-009 says a different category, changed later. */
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  regex = g_regex_new ("(<problem [^>]*updatedAt=\")[^\"]*(\"[^>]*>\\s*<number>2021-009</number>(?:.|\\n)*?<category>)[^<]*",
                       G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  edited = g_regex_replace (regex, text, -1, 0, "\\g<1>2099-01-01T00:00:00Z\\g<2>卷宗管理", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (edited, !=, text);
  g_assert_true (g_file_set_contents (changed, edited, -1, NULL));

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", target, "import-report", changed, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&after, NULL, "--db", target, "list", "problems", "--search", "装订", "--json",
                                     NULL), ==, 0);
  g_assert_nonnull (strstr (after, "卷宗管理"));
  g_assert_cmpint (rct_test_run_cli (&journal, NULL, "--db", target, "journal", "2021-009", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (journal, "merged from the report"));
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
  expect_total = g_strdup_printf ("<problems total=\"%" G_GINT64_FORMAT "\"", json_object_get_int_member (problems, "total"));
  expect_closed = g_strdup_printf ("closed=\"%" G_GINT64_FORMAT "\"", json_object_get_int_member (problems, "closed"));
  expect_overdue = g_strdup_printf ("overdue=\"%" G_GINT64_FORMAT "\"", json_object_get_int_member (problems, "overdue"));
  expect_replied = g_strdup_printf ("replied=\"%" G_GINT64_FORMAT "\"",
                                    json_object_get_int_member (json_object_get_object_member (json_node_get_object (node),
                                                                                               "feedback"), "replied"));
  g_assert_nonnull (strstr (text, expect_total));
  g_assert_nonnull (strstr (text, expect_closed));
  g_assert_nonnull (strstr (text, expect_overdue));
  g_assert_nonnull (strstr (text, expect_replied));
}

typedef struct
{
  const char *file;
  const char *message_part;
} Hostile;

static void
test_hostile (gconstpointer data)
{
  const Hostile *hostile = data;
  g_autofree char *target = g_build_filename (dir, "受保护 台账.db", NULL);
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *stats_before = NULL;
  g_autofree char *stats_after = NULL;

  if (g_str_has_prefix (hostile->file, "generated:"))
    {
      g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                              "<report xmlns=\"urn:rectify:report:1\" schemaVersion=\"1\"><header><title>");
      path = g_build_filename (dir, hostile->file + strlen ("generated:"), NULL);
      if (strstr (hostile->file, "deep") != NULL)
        {
          for (int i = 0; i < 5000; i++)
            g_string_append (text, "<a>");
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

  if (!g_file_test (target, G_FILE_TEST_EXISTS))
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
  };
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("RECTIFY_TODAY", "2021-05-20", TRUE);
  dir = rct_test_make_dir ();
  demo_db = g_build_filename (dir, "演示 台账.db", NULL);
  report = g_build_filename (dir, "督导 报告.xml", NULL);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", demo_db, "init", "--demo", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", demo_db, "export-report", report, NULL), ==, 0);

  g_test_add_func ("/report/export/validates", test_export_validates);
  g_test_add_func ("/report/roundtrip/same-document", test_round_trip);
  g_test_add_func ("/report/import/twice-changes-nothing", test_import_twice);
  g_test_add_func ("/report/import/later-change-wins", test_later_change_wins);
  g_test_add_func ("/report/summary/equals-stats", test_summary_equals_stats);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/report/hostile/%s", hostile[i].file);
      g_test_add_data_func (test_path, &hostile[i], test_hostile);
    }
  status = g_test_run ();
  rct_test_remove_dir (dir);
  return status;
}
