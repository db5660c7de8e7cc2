/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "rct-report.h"
#include "rct-test-util.h"

/* Ledger identity, the set-up a unit's ledger is made from, ownership and
 * numbering, and a merge that matches records by uuid, never by number or
 * name across owners (issue 16, docs/EXCHANGE.md). */

static char *dir;
static char *office_db;   /* the demo: the office's ledger */
static char *setup_xml;   /* the office's set-up for 回河派出所 */

/* Runs rectify-cli --db DB A B [C] and parses the JSON it prints. */
static JsonNode *
cli_json (const char *db,
          const char *a,
          const char *b,
          const char *c)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (rct_test_run_cli (&out, &err, "--db", db, a, b, c, NULL) != 0)
    g_error ("rectify-cli %s %s failed: %s", a, b, err);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return node;
}

static JsonObject *
find_problem (JsonNode   *list,
              const char *number)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *problem = json_array_get_object_element (array, i);
      if (g_strcmp0 (json_object_get_string_member (problem, "number"), number) == 0)
        return problem;
    }
  return NULL;
}

static gint64
count_table (const char *db,
             const char *sql)
{
  return rct_test_query_int (db, sql);
}

typedef struct
{
  char *line;
  char *kind;
  guint outcome;
  char *label;
} ListedItem;

static void
listed_item_free (ListedItem *item)
{
  g_free (item->line);
  g_free (item->kind);
  g_free (item->label);
  g_free (item);
}

static int
compare_listed (gconstpointer a,
                gconstpointer b)
{
  const ListedItem *x = *(const ListedItem * const *) a;
  const ListedItem *y = *(const ListedItem * const *) b;
  int by_kind = strcmp (x->kind, y->kind);

  if (by_kind != 0)
    return by_kind;
  if (x->outcome != y->outcome)
    return (int) x->outcome - (int) y->outcome;
  return strcmp (x->label, y->label);
}

/* import-report lists what it merged by kind, outcome and label, records
 * of one label in the report's order: the listing is the stable sort of
 * its own lines by those three (it groups them and sorts only the groups
 * not in order; the demo's measures are not). */
static void
test_listing_order (void)
{
  const char *outcomes[] = { "added", "changed", "unchanged", "conflict", "refused", "pending" };
  g_autofree char *empty = rct_test_ledger_location (dir, "列表 顺序.db");
  g_autofree char *report = g_build_filename (dir, "列表 顺序.xml", NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func ((GDestroyNotify) listed_item_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint measures = 0;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office_db, "export-report", report, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", empty, "init", NULL), ==, 0);
  rct_test_trust_report (empty, report);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", empty, "import-report", report, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i] + 2, " ", 3);
      ListedItem *item = g_new0 (ListedItem, 1);

      g_assert_true (g_str_has_prefix (lines[i], "  "));
      g_assert_cmpuint (g_strv_length (parts), ==, 3);
      item->line = g_strdup (lines[i]);
      item->kind = g_strdup (parts[1]);
      item->label = g_strdup (parts[2]);
      item->outcome = G_N_ELEMENTS (outcomes);
      for (guint o = 0; o < G_N_ELEMENTS (outcomes); o++)
        if (g_str_equal (parts[0], outcomes[o]))
          item->outcome = o;
      g_assert_cmpuint (item->outcome, <, G_N_ELEMENTS (outcomes));
      measures += g_str_equal (item->kind, "measure");
      g_ptr_array_add (listed, item);
    }
  g_assert_cmpuint (listed->len, >, 100);
  g_assert_cmpuint (measures, >, 10);
  for (guint i = 0; i < listed->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (listed, i));
  g_ptr_array_sort (sorted, compare_listed);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpstr (((ListedItem *) g_ptr_array_index (listed, i))->line, ==,
                     ((ListedItem *) g_ptr_array_index (sorted, i))->line);
}

static void
test_identity_init (void)
{
  g_autofree char *office = rct_test_ledger_location (dir, "县 办公室.db");
  g_autofree char *unit = rct_test_ledger_location (dir, "派出所 台账.db");
  g_autofree char *nocode = rct_test_ledger_location (dir, "无代码.db");
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) shown_unit = NULL;
  JsonObject *o;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office, "init", "--office", "济阳县 办公室", "--code", "JY",
                                     NULL), ==, 0);
  shown = cli_json (office, "ledger", "show", "--json");
  o = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "济阳县 办公室");
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, "JY");
  g_assert_cmpstr (json_object_get_string_member (o, "level"), ==, "office");
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (o, "uuid")));
  g_assert_true (json_object_get_null_member (o, "office"));
  /* The organisation is not the ledger: a copy of the ledger has its own
   * file identity, both belong to the same organisation. */
  g_assert_cmpstr (json_object_get_string_member (o, "uuid"), !=, json_object_get_string_member (o, "ledger"));

  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", nocode, "init", "--unit", "回河派出所", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--code"));
  g_assert_false (rct_test_ledger_exists (nocode));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", nocode, "init", "--unit", "回河派出所", "--code", "2021",
                                     NULL), ==, 1);
  g_assert_nonnull (strstr (err, "short code"));

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit, "init", "--unit", "回河派出所", "--code", "HH", NULL), ==, 0);
  shown_unit = cli_json (unit, "ledger", "show", "--json");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown_unit), "level"), ==, "unit");
  /* Its organisation is given when it is made, not later. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office, "unit", "add", "综合 大厅", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office, "problem", "add", "--description", "一个 问题",
                                     "--source", "self-inspection", "--unit", "综合 大厅", "--deadline", "2021-06-30",
                                     NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", office, "init", "--office", "别的 办公室", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already holds records"));
}

static void
test_identity_demo (void)
{
  g_autoptr(JsonNode) shown = cli_json (office_db, "ledger", "show", "--json");
  g_autoptr(JsonNode) problems = cli_json (office_db, "list", "problems", "--json");
  JsonObject *o = json_node_get_object (shown);
  JsonObject *first = find_problem (problems, "2021-001");

  g_assert_cmpstr (json_object_get_string_member (o, "level"), ==, "office");
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, "JY");
  /* The office's own problems keep their numbers and are its own. */
  g_assert_nonnull (first);
  g_assert_cmpstr (json_object_get_string_member (first, "owner"), ==, json_object_get_string_member (o, "uuid"));
}

/* A ledger of schema version 5 (no organisation yet) is upgraded into an
 * office's, named from its campaign; its records are the office's. */
static void
test_identity_migrated (void)
{
  g_autofree char *old = rct_test_ledger_location (dir, "旧 台账.db");
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) problems = NULL;
  sqlite3 *conn = NULL;
  static const char *tables[] = { "campaign", "phase", "unit", "person", "working_group", "task", "task_progress",
                                  "problem", "measure", "extension", "evidence", "supervisor", "feedback" };

  /* A file of an older schema: the server's ledgers begin at the version
   * the server backend was written for. */
  if (rct_store_location_is_server (old))
    {
      g_test_skip ("a SQLite file of schema version 6");
      return;
    }
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", old, "init", "--demo", NULL), ==, 0);
  g_assert_cmpint (sqlite3_open (old, &conn), ==, SQLITE_OK);
  /* Back to version 6: without the records' revisions (step 17), a problem's severity, cause and listing (step 15),
   * the merge's events (step 14), trust (step 13), accountability and visits
   * (step 12), the period index (step 11), the
   * official report (step 10), the study
   * tables (step 9), the organisation (step 7) and the running totals after
   * it (step 8). */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = NULL;

      if (g_str_equal (tables[i], "task_progress") || g_str_equal (tables[i], "extension") ||
          g_str_equal (tables[i], "evidence"))
        continue;
      sql = g_strdup_printf ("ALTER TABLE %s DROP COLUMN revision", tables[i]);
      g_assert_cmpint (sqlite3_exec (conn, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (conn, "DROP INDEX problem_listed_open; DROP INDEX problem_severity; DROP INDEX problem_leader;"
                                       " ALTER TABLE problem DROP COLUMN severity; ALTER TABLE problem DROP COLUMN cause;"
                                       " ALTER TABLE problem DROP COLUMN listed_level; ALTER TABLE problem DROP COLUMN listed_date;"
                                       " ALTER TABLE problem DROP COLUMN listed_by; ALTER TABLE problem DROP COLUMN listed_lifted;"
                                       " ALTER TABLE problem DROP COLUMN listed_lift_reason;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (conn, "DROP TABLE exchange_sent; DROP TABLE exchange_peer;"
                                       " ALTER TABLE journal DROP COLUMN resolution;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (conn, "DROP TABLE merge_conflict; DROP TABLE merge_pending;"
                                       " ALTER TABLE journal DROP COLUMN author_org;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (conn, "DROP TABLE trusted_certificate; DROP TABLE key_rotation;"
                                       " ALTER TABLE ledger DROP COLUMN accept_unsigned;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (conn, "DROP TABLE visit_problem; DROP TABLE visit_unit; DROP TABLE visit;"
                                       " DROP TABLE accountability_problem; DROP TABLE accountability;"
                                       " DROP TABLE report_series; DROP TABLE report_issue;"
                                       " DROP TABLE activity_entry; DROP TABLE activity_series; DROP TABLE enrolment;"
                                       " DROP TABLE course; DROP TABLE officer;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (conn, "DROP INDEX problem_scope;"
                                       " DROP INDEX problem_owner; DROP TABLE organisation;"
                                       " ALTER TABLE ledger DROP COLUMN organisation_uuid;"
                                       " DROP TABLE total_problem; DROP TABLE total_open; DROP TABLE total_task;"
                                       " DROP TABLE total_feedback; DROP TABLE total_feedback_due;"
                                       " DROP TRIGGER problem_total_insert; DROP TRIGGER problem_total_delete;"
                                       " DROP TRIGGER problem_total_update; DROP TRIGGER task_total_insert;"
                                       " DROP TRIGGER task_total_delete; DROP TRIGGER task_total_update;"
                                       " DROP TRIGGER feedback_total_insert; DROP TRIGGER feedback_total_delete;"
                                       " DROP TRIGGER feedback_total_update; PRAGMA user_version = 6",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s DROP COLUMN owner_org", tables[i]);
      g_assert_cmpint (sqlite3_exec (conn, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_close (conn);

  shown = cli_json (old, "ledger", "show", "--json");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "level"), ==, "office");
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (shown), "name"),
                            "2021年政法队伍教育整顿"));
  problems = cli_json (old, "list", "problems", "--json");
  g_assert_cmpstr (json_object_get_string_member (find_problem (problems, "2021-001"), "owner"), ==,
                   json_object_get_string_member (json_node_get_object (shown), "uuid"));
}

/* The case: a unit's ledger made from the office's set-up
 * registers its first problem; its report merged into the office's demo
 * adds it (42, not 41), duplicates neither the campaign nor the groups,
 * and leaves the office's closed 2021-001 alone. */
static void
test_setup_round_trip (void)
{
  g_autofree char *unit_db = rct_test_ledger_location (dir, "回河 派出所.db");
  g_autofree char *office_copy = rct_test_ledger_location (dir, "办公室 合并.db");
  g_autofree char *unit_report = g_build_filename (dir, "回河 报告.xml", NULL);
  g_autofree char *number = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(JsonNode) office = cli_json (office_db, "ledger", "show", "--json");
  g_autoptr(JsonNode) unit = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) unit_problems = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *u;
  JsonObject *theirs;
  JsonObject *ours_before;
  JsonObject *ours_after;

  rct_test_copy_ledger (office_db, office_copy);

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "init", "--from-setup", setup_xml, NULL), ==, 0);
  unit = cli_json (unit_db, "ledger", "show", "--json");
  u = json_node_get_object (unit);
  g_assert_cmpstr (json_object_get_string_member (u, "name"), ==, "回河派出所");
  g_assert_cmpstr (json_object_get_string_member (u, "code"), ==, "HH");
  g_assert_cmpstr (json_object_get_string_member (u, "level"), ==, "unit");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (u, "office"), "uuid"), ==,
                   json_object_get_string_member (json_node_get_object (office), "uuid"));
  g_assert_cmpint (count_table (unit_db, "SELECT count(*) FROM working_group"), ==, 6);
  g_assert_cmpint (count_table (unit_db, "SELECT count(*) FROM problem"), ==, 0);

  /* The unit's first problem, numbered with its code. */
  g_assert_cmpint (rct_test_run_cli (&number, NULL, "--db", unit_db, "problem", "add", "--description",
                                     "值班 记录不全", "--source", "self-inspection", "--unit", "回河派出所",
                                     "--group", "查纠整改组", "--deadline", "2021-06-30", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (number), ==, "HH-2021-001");
  /* The command line takes the number as shown. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "problem", "start", "HH-2021-001", NULL), ==, 0);
  unit_problems = cli_json (unit_db, "list", "problems", "--json");
  g_assert_cmpstr (json_object_get_string_member (find_problem (unit_problems, "HH-2021-001"), "owner"), ==,
                   json_object_get_string_member (u, "uuid"));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "export-report", unit_report, NULL), ==, 0);
  g_assert_true (rct_report_validate (unit_report, NULL, NULL, &error));
  g_assert_no_error (error);

  before = cli_json (office_copy, "list", "problems", "--json");
  g_assert_cmpint (json_array_get_length (json_node_get_array (before)), ==, 41);
  rct_test_trust_report (office_copy, unit_report);
  g_assert_cmpint (rct_test_run_cli (&merged, NULL, "--db", office_copy, "import-report", unit_report, NULL), ==, 0);
  g_test_message ("%s", merged);
  after = cli_json (office_copy, "list", "problems", "--json");
  g_assert_cmpint (json_array_get_length (json_node_get_array (after)), ==, 42);
  g_assert_cmpint (count_table (office_copy, "SELECT count(*) FROM campaign"), ==, 1);
  g_assert_cmpint (count_table (office_copy, "SELECT count(*) FROM working_group"), ==, 6);
  g_assert_cmpint (count_table (office_copy, "SELECT count(*) FROM unit"), ==, 12);

  theirs = find_problem (after, "HH-2021-001");
  g_assert_nonnull (theirs);
  g_assert_cmpstr (json_object_get_string_member (theirs, "owner"), ==, json_object_get_string_member (u, "uuid"));
  g_assert_cmpstr (json_object_get_string_member (theirs, "status"), ==, "rectifying");
  ours_before = find_problem (before, "2021-001");
  ours_after = find_problem (after, "2021-001");
  g_assert_cmpstr (json_object_get_string_member (ours_after, "status"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (ours_after, "status"), ==,
                   json_object_get_string_member (ours_before, "status"));
  g_assert_cmpstr (json_object_get_string_member (ours_after, "unit"), ==,
                   json_object_get_string_member (ours_before, "unit"));
  g_assert_cmpstr (json_object_get_string_member (ours_after, "updated_at"), ==,
                   json_object_get_string_member (ours_before, "updated_at"));
}

/* A unit's problem given the office's number, changed later than the
 * office's: it never matches the office's 2021-001 by number; it is added
 * under its owner's code, and the office's closed problem stays as it was. */
static void
test_number_not_matched_across_owners (void)
{
  g_autofree char *unit_db = rct_test_ledger_location (dir, "同号 单位.db");
  g_autofree char *office_copy = rct_test_ledger_location (dir, "同号 办公室.db");
  g_autofree char *unit_report = g_build_filename (dir, "同号 报告.xml", NULL);
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  rct_test_copy_ledger (office_db, office_copy);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "init", "--from-setup", setup_xml, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "problem", "add", "--number", "2021-001",
                                     "--description", "同号的 问题", "--source", "self-inspection", "--unit", "交警大队",
                                     "--deadline", "2021-06-30", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "export-report", unit_report, NULL), ==, 0);

  before = cli_json (office_copy, "list", "problems", "--json");
  rct_test_trust_report (office_copy, unit_report);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office_copy, "import-report", unit_report, NULL), ==, 0);
  after = cli_json (office_copy, "list", "problems", "--json");
  g_assert_cmpint (json_array_get_length (json_node_get_array (after)), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (find_problem (after, "2021-001"), "status"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (find_problem (after, "2021-001"), "description"), ==,
                   json_object_get_string_member (find_problem (before, "2021-001"), "description"));
  g_assert_nonnull (find_problem (after, "HH-2021-001"));
  g_assert_cmpstr (json_object_get_string_member (find_problem (after, "HH-2021-001"), "description"), ==,
                   "同号的 问题");
}

/* A unit's report that claims the office owns its 2021-001 (a forged
 * ownedBy) does not take the office's closed 2021-001 by its number: it
 * is refused, and the office's problem stays as it was. */
static void
test_forged_owner_refused (void)
{
  g_autofree char *unit_db = rct_test_ledger_location (dir, "冒充 单位.db");
  g_autofree char *office_copy = rct_test_ledger_location (dir, "冒充 办公室.db");
  g_autofree char *report = g_build_filename (dir, "冒充 报告.xml", NULL);
  g_autofree char *forged = g_build_filename (dir, "冒充 伪造.xml", NULL);
  g_autoptr(JsonNode) office = cli_json (office_db, "ledger", "show", "--json");
  g_autoptr(JsonNode) unit = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *claim = NULL;
  g_autoptr(GString) edited = NULL;

  rct_test_copy_ledger (office_db, office_copy);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "init", "--from-setup", setup_xml, NULL), ==, 0);
  unit = cli_json (unit_db, "ledger", "show", "--json");
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "problem", "add", "--number", "2021-001",
                                     "--description", "冒充的 问题", "--source", "self-inspection", "--unit", "回河派出所",
                                     "--deadline", "2021-06-30", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "export-report", report, NULL), ==, 0);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  edited = g_string_new (text);
  claim = g_strdup_printf ("ownedBy=\"%s\"", json_object_get_string_member (json_node_get_object (unit), "uuid"));
  {
    g_autofree char *office_claim = g_strdup_printf ("ownedBy=\"%s\"",
                                                     json_object_get_string_member (json_node_get_object (office), "uuid"));
    g_assert_cmpuint (g_string_replace (edited, claim, office_claim, 0), >=, 1);
  }
  g_assert_true (g_file_set_contents (forged, edited->str, edited->len, NULL));
  rct_test_sign_again (unit_db, forged);
  rct_test_trust_report (office_copy, forged);

  before = cli_json (office_copy, "list", "problems", "--json");
  /* Refused part by part: that problem, with its reason; the rest merged. */
  g_assert_cmpint (rct_test_run_cli (&err, NULL, "--db", office_copy, "import-report", forged, NULL), ==, 0);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "refused problem 2021-001"));
  after = cli_json (office_copy, "list", "problems", "--json");
  g_assert_cmpint (json_array_get_length (json_node_get_array (after)), ==, 41);
  g_assert_cmpstr (json_object_get_string_member (find_problem (after, "2021-001"), "status"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (find_problem (after, "2021-001"), "description"), ==,
                   json_object_get_string_member (find_problem (before, "2021-001"), "description"));
}

/* A report of version 1 opens (validate-report), is not merged. */
static void
test_version_1_viewed_not_merged (void)
{
  g_autofree char *report = g_build_filename (dir, "新 报告.xml", NULL);
  g_autofree char *old = g_build_filename (dir, "旧版 报告.xml", NULL);
  g_autofree char *target = rct_test_ledger_location (dir, "旧版 合并.db");
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<organisation [^>]*></organisation>| ownedBy=\"[^\"]*\"|<Signature .*</Signature>",
                                         G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GString) v1 = NULL;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office_db, "export-report", report, NULL), ==, 0);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "schemaVersion=\"2\""));
  g_assert_nonnull (strstr (text, "code=\"JY\""));
  edited = g_regex_replace_literal (regex, text, -1, 0, "", 0, NULL);
  v1 = g_string_new (edited);
  g_assert_cmpuint (g_string_replace (v1, "schemaVersion=\"2\"", "schemaVersion=\"1\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (old, v1->str, v1->len, NULL));

  g_assert_cmpint (rct_test_run_cli (&out, NULL, "validate-report", old, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "version 1"));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", target, "init", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", target, "import-report", old, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "older Rectify"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_assert_cmpint (count_table (target, "SELECT count(*) FROM problem"), ==, 0);
}

/* A set-up file is read as warily as a report; a refused one makes no
 * ledger. */
static void
test_setup_hostile (void)
{
  g_autofree char *target = rct_test_ledger_location (dir, "拒绝 的.db");
  g_autofree char *dtd = g_build_filename (dir, "dtd 设置.xml", NULL);
  g_autofree char *cut = g_build_filename (dir, "截断 设置.xml", NULL);
  g_autofree char *report = g_build_filename (dir, "不是 设置.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (dtd, "<?xml version=\"1.0\"?>\n<!DOCTYPE setup [<!ENTITY x \"x\">]>\n"
                                           "<setup xmlns=\"urn:rectify:setup:1\" schemaVersion=\"1\"/>\n", -1, NULL));
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", target, "init", "--from-setup", dtd, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "document type declaration"));
  g_assert_false (rct_test_ledger_exists (target));

  g_assert_true (g_file_get_contents (setup_xml, &text, &length, NULL));
  g_assert_true (g_file_set_contents (cut, text, length / 2, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", target, "init", "--from-setup", cut, NULL), ==, 1);
  g_assert_false (rct_test_ledger_exists (target));

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office_db, "export-report", report, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", target, "init", "--from-setup", report, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not a Rectify set-up file"));
  g_assert_false (rct_test_ledger_exists (target));

  /* Never over an existing ledger. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", office_db, "init", "--from-setup", setup_xml, NULL), ==, 1);
  g_assert_nonnull (strstr (err, rct_store_location_is_server (office_db) ? "new database" : "new file"));
  /* Only the office sends set-ups, for a unit it has. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", office_db, "export-setup", "--unit", "没有 这个单位", "--code",
                                     "MY", report, NULL), ==, 1);
}

/* A report that refers to a record neither it nor the ledger holds is
 * refused with the reference named, and changes nothing; a unit's own
 * unit of the same name as the office's (a ledger not made from the
 * set-up) is never taken for it. */
static void
test_unknown_reference_kept (void)
{
  g_autofree char *unit_db = rct_test_ledger_location (dir, "引用 单位.db");
  g_autofree char *report = g_build_filename (dir, "引用 报告.xml", NULL);
  g_autofree char *forged = g_build_filename (dir, "伪造 引用.xml", NULL);
  g_autofree char *office_copy = rct_test_ledger_location (dir, "引用 办公室.db");
  g_autofree char *lone_db = rct_test_ledger_location (dir, "自建 单位.db");
  g_autofree char *lone_report = g_build_filename (dir, "自建 报告.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("(<problem [^>]* unit=\")[^\"]*", 0, 0, NULL);

  rct_test_copy_ledger (office_db, office_copy);

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "init", "--from-setup", setup_xml, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "problem", "add", "--description", "引用 问题",
                                     "--source", "self-inspection", "--unit", "回河派出所", "--deadline", "2021-06-30",
                                     NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", unit_db, "export-report", report, NULL), ==, 0);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  edited = g_regex_replace (regex, text, -1, 0, "\\g<1>0badc0de-0000-4000-8000-000000000000", 0, NULL);
  g_assert_cmpstr (edited, !=, text);
  g_assert_true (g_file_set_contents (forged, edited, -1, NULL));
  rct_test_sign_again (unit_db, forged);
  rct_test_trust_report (office_copy, forged);
  /* Not refused any more: kept until the unit arrives (test-exchange-events). */
  g_assert_cmpint (rct_test_run_cli (&err, NULL, "--db", office_copy, "import-report", forged, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "pending problem"));
  g_assert_cmpint (count_table (office_copy, "SELECT count(*) FROM merge_pending WHERE waits_for ="
                                             " '0badc0de-0000-4000-8000-000000000000'"), ==, 1);
  g_assert_cmpint (count_table (office_copy, "SELECT count(*) FROM problem"), ==, 41);

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", lone_db, "init", "--unit", "回河派出所", "--code", "HH", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", lone_db, "unit", "add", "回河派出所", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", lone_db, "export-report", lone_report, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  rct_test_trust_report (office_copy, lone_report);
  g_assert_cmpint (rct_test_run_cli (&err, NULL, "--db", office_copy, "import-report", lone_report, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "set-up"));
  g_assert_cmpint (count_table (office_copy, "SELECT count(*) FROM unit"), ==, 12);
}

/* The report's header names its maker in the web page too. */
static void
test_report_header_names_maker (void)
{
  g_autofree char *report = g_build_filename (dir, "网页 报告.xml", NULL);
  g_autofree char *html = g_build_filename (dir, "网页 报告.html", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office_db, "export-report", report, "--html", html, "--lang",
                                     "zh_CN", NULL), ==, 0);
  g_assert_true (g_file_get_contents (html, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "报送单位"));
  g_assert_nonnull (strstr (text, "济阳县公安局教育整顿领导小组办公室"));
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "validate-report", report, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "济阳县公安局教育整顿领导小组办公室"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("RECTIFY_TODAY", "2021-05-20", TRUE);
  dir = rct_test_make_dir ();
  office_db = rct_test_ledger_location (dir, "演示 办公室.db");
  setup_xml = g_build_filename (dir, "回河 设置.xml", NULL);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office_db, "init", "--demo", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", office_db, "export-setup", "--unit", "回河派出所", "--code", "HH",
                                     setup_xml, NULL), ==, 0);

  g_test_add_func ("/exchange/identity/init-office-and-unit", test_identity_init);
  g_test_add_func ("/exchange/identity/demo-is-the-office", test_identity_demo);
  g_test_add_func ("/exchange/identity/migrated-ledger-is-an-office", test_identity_migrated);
  g_test_add_func ("/exchange/setup/unit-report-adds-its-problem", test_setup_round_trip);
  g_test_add_func ("/exchange/merge/number-never-matches-across-owners", test_number_not_matched_across_owners);
  g_test_add_func ("/exchange/merge/forged-owner-refused", test_forged_owner_refused);
  g_test_add_func ("/exchange/merge/listing-order", test_listing_order);
  g_test_add_func ("/exchange/report/version-1-viewed-not-merged", test_version_1_viewed_not_merged);
  g_test_add_func ("/exchange/setup/hostile-file-makes-no-ledger", test_setup_hostile);
  g_test_add_func ("/exchange/merge/unknown-reference-kept-pending", test_unknown_reference_kept);
  g_test_add_func ("/exchange/report/header-names-its-maker", test_report_header_names_maker);
  status = g_test_run ();
  rct_test_remove_dir (dir);
  return status;
}
