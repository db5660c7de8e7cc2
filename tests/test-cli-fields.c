/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rct-test-util.h"

/* rectify-cli's problem fields: severity, cause and leader on add and
 * edit, listing for supervision and lifting it, the list filters and the
 * figures of `stats --json`, driven as a script drives them. */

static char *dir;
static char *db;

#define CLI(...) rct_test_run_cli (NULL, NULL, "--db", db, __VA_ARGS__, NULL)

static JsonNode *
cli_json (const char *first,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  const char *cli = g_getenv ("RECTIFY_CLI");
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, db);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
find_problem (JsonNode   *list,
              const char *number)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *problem = json_array_get_object_element (array, i);
      if (g_str_equal (json_object_get_string_member (problem, "number"), number))
        return problem;
    }
  g_assert_not_reached ();
}

static void
test_problem_fields (void)
{
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  JsonObject *problem, *listed, *problems, *severity;

  g_setenv ("RECTIFY_TODAY", "2021-05-20", TRUE);
  dir = rct_test_make_dir ();
  db = rct_test_ledger_location (dir, "挂牌 台账.db");
  g_assert_cmpint (CLI ("init"), ==, 0);
  g_assert_cmpint (CLI ("unit", "add", "回河派出所", "--head", "张建国"), ==, 0);
  g_assert_cmpint (CLI ("unit", "add", "交警大队", "--head", "赵大队长"), ==, 0);

  /* Severities by key or by their Chinese names; anything else refused. */
  g_assert_cmpint (CLI ("problem", "add", "--number", "2021-001", "--description", "接处警记录不完整",
                        "--source", "self-inspection", "--unit", "回河派出所", "--deadline", "2021-06-01",
                        "--found", "2021-05-01", "--severity", "严重", "--cause", "制度执行不严"), ==, 0);
  g_assert_cmpint (CLI ("problem", "add", "--number", "2021-002", "--description", "事故处理超期",
                        "--source", "public-report", "--unit", "交警大队", "--deadline", "2021-06-01",
                        "--found", "2021-05-01", "--leader", "张建国"), ==, 0);
  g_assert_cmpint (CLI ("problem", "add", "--number", "2021-003", "--description", "着装不规范",
                        "--source", "self-inspection", "--unit", "交警大队", "--deadline", "2021-06-01",
                        "--found", "2021-05-01"), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "problem", "edit", "2021-003", "--severity", "很严重",
                                     NULL), ==, 2);
  g_assert_nonnull (strstr (err, "normal, serious, grave"));

  g_assert_cmpint (CLI ("problem", "edit", "2021-003", "--severity", "较重", "--cause", "教育管理缺位",
                        "--reason", "督导组复核"), ==, 0);
  g_assert_cmpint (CLI ("problem", "list-for-supervision", "2021-001", "--level", "市局", "--by", "纪东明",
                        "--date", "2021-05-10"), ==, 0);
  g_assert_cmpint (CLI ("problem", "list-for-supervision", "2021-003", "--level", "县局", "--by", "纪东明"), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "problem", "lift-listing", "2021-003", NULL), ==, 1);
  g_assert_cmpint (CLI ("problem", "lift-listing", "2021-003", "--reason", "已整改到位"), ==, 0);

  list = cli_json ("list", "problems", "--json", NULL);
  problem = find_problem (list, "2021-001");
  g_assert_cmpstr (json_object_get_string_member (problem, "severity"), ==, "grave");
  g_assert_cmpstr (json_object_get_string_member (problem, "cause"), ==, "制度执行不严");
  g_assert_cmpstr (json_object_get_string_member (problem, "leader_name"), ==, "张建国");
  listed = json_object_get_object_member (problem, "listed");
  g_assert_cmpstr (json_object_get_string_member (listed, "level"), ==, "市局");
  g_assert_cmpstr (json_object_get_string_member (listed, "by"), ==, "纪东明");
  g_assert_cmpstr (json_object_get_string_member (listed, "date"), ==, "2021-05-10");
  g_assert_true (json_object_get_boolean_member (listed, "open"));
  problem = find_problem (list, "2021-002");
  g_assert_true (json_object_get_null_member (problem, "listed"));
  g_assert_cmpstr (json_object_get_string_member (problem, "severity"), ==, "normal");
  g_assert_cmpstr (json_object_get_string_member (problem, "leader"), ==, "张建国");
  problem = find_problem (list, "2021-003");
  listed = json_object_get_object_member (problem, "listed");
  g_assert_false (json_object_get_boolean_member (listed, "open"));
  g_assert_cmpstr (json_object_get_string_member (listed, "lifted"), ==, "2021-05-20");
  g_assert_cmpstr (json_object_get_string_member (listed, "lift_reason"), ==, "已整改到位");
  g_assert_cmpstr (json_object_get_string_member (problem, "cause"), ==, "教育管理缺位");
  g_clear_pointer (&list, json_node_unref);

  /* The filters: listed (not lifted), severity, and a leader's list. */
  list = cli_json ("list", "problems", "--listed", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_assert_nonnull (find_problem (list, "2021-001"));
  g_clear_pointer (&list, json_node_unref);
  list = cli_json ("list", "problems", "--severity", "较重", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_assert_nonnull (find_problem (list, "2021-003"));
  g_clear_pointer (&list, json_node_unref);
  list = cli_json ("list", "problems", "--leader", "张建国", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  g_clear_pointer (&list, json_node_unref);
  list = cli_json ("list", "problems", "--leader", "赵大队长", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_assert_nonnull (find_problem (list, "2021-003"));

  stats = cli_json ("stats", "--json", NULL);
  problems = json_object_get_object_member (json_node_get_object (stats), "problems");
  g_assert_cmpint (json_object_get_int_member (problems, "listed"), ==, 1);
  severity = json_object_get_object_member (problems, "bySeverity");
  g_assert_cmpint (json_object_get_int_member (severity, "grave"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (severity, "serious"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (severity, "normal"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_node_get_object (stats), "units"), 1), "head"), ==, "赵大队长");

  /* Every change is journaled. */
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "journal", "2021-003", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "severity: normal → serious  督导组复核"));
  g_assert_nonnull (strstr (out, "listed_lift_reason: — → 已整改到位"));

  rct_test_remove_dir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/problem/fields-listing-filters-stats", test_problem_fields);
  return g_test_run ();
}
