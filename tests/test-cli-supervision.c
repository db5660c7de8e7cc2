/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rct-test-util.h"

/* rectify-cli accountability and visit, and the supervision figures of
 * `stats --json`, driven as a script drives them (issue 18). */

static char *dir;
static char *db;

static JsonNode *
cli_json (const char *first,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *command = NULL;
  g_auto(GStrv) argv = NULL;
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (args, (gpointer) g_getenv ("RECTIFY_CLI"));
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, db);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_accountability_and_visits (void)
{
  g_autofree char *out = NULL, *err = NULL, *uuid = NULL, *visit = NULL, *number = NULL, *csv = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *record, *accountability, *by_kind, *visits;

  g_setenv ("RECTIFY_TODAY", "2021-06-10", TRUE);
  dir = rct_test_make_dir ();
  db = rct_test_ledger_location (dir, "督导 台账.db");
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "init", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "unit", "add", "回河派出所", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "unit", "add", "交警大队", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "problem", "add", "--description", "出警慢", "--source", "self-inspection",
                                     "--unit", "回河派出所", "--found", "2021-04-20", "--deadline", "2021-05-20",
                                     NULL), ==, 0);

  /* 约谈 is 谈话提醒's common name; the problem by its number. */
  g_assert_cmpint (rct_test_run_cli (&uuid, NULL, "--db", db, "accountability", "add", "--kind", "约谈",
                                     "--person", "王强", "--unit", "回河派出所", "--problem", "2021-001",
                                     "--reason", "出警超时", "--decided-by", "领导小组办公室", "--date", "2021-06-01",
                                     "--document", "济阳整改〔2021〕3号", NULL), ==, 0);
  g_strstrip (uuid);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "accountability", "add", "--kind", "Circulated criticism",
                                     "--unit", "交警大队", "--date", "2021-06-02", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "accountability", "add", "--kind", "诫勉",
                                     "--unit", "火星派出所", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "火星派出所"));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "accountability", "edit", uuid,
                                     "--document", "济阳整改〔2021〕4号", NULL), ==, 0);

  listed = cli_json ("accountability", "list", "--kind", "谈话提醒", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 1);
  record = json_array_get_object_element (json_node_get_array (listed), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "kind"), ==, "reminder-talk");
  g_assert_cmpstr (json_object_get_string_member (record, "person_name"), ==, "王强");
  g_assert_cmpstr (json_object_get_string_member (record, "problems"), ==, "2021-001");
  g_assert_cmpstr (json_object_get_string_member (record, "document"), ==, "济阳整改〔2021〕4号");
  g_clear_pointer (&listed, json_node_unref);
  listed = cli_json ("accountability", "list", "--unit", "交警大队", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 1);

  csv = g_build_filename (dir, "问责 清单.csv", NULL);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "accountability", "list", "--csv", csv, NULL), ==, 0);
  g_file_get_contents (csv, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Document number"));
  g_assert_nonnull (strstr (text, "济阳整改〔2021〕4号"));

  /* A visit, its second finding registered as a problem. */
  g_assert_cmpint (rct_test_run_cli (&visit, NULL, "--db", db, "visit", "add", "--date", "2021-05-25",
                                     "--team", "第一督导组", "--unit", "回河派出所", "--method", "暗访",
                                     "--finding", "值班室无人值守", "--finding", "接警登记不全", NULL), ==, 0);
  g_strstrip (visit);
  g_assert_cmpint (rct_test_run_cli (&number, NULL, "--db", db, "visit", "register-finding", visit, "2",
                                     "--deadline", "2021-06-30", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (number), ==, "2021-002");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "visit", "register-finding", visit, "2",
                                     "--deadline", "2021-06-30", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "2021-002"));
  g_clear_pointer (&listed, json_node_unref);
  listed = cli_json ("visit", "list", "--json", NULL);
  record = json_array_get_object_element (json_node_get_array (listed), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "method"), ==, "unannounced");
  g_assert_cmpstr (json_object_get_string_member (record, "units"), ==, "回河派出所");
  g_assert_cmpstr (json_object_get_string_member (record, "problems"), ==, "2021-002");
  g_clear_pointer (&listed, json_node_unref);
  listed = cli_json ("list", "problems", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 2);
  record = json_array_get_object_element (json_node_get_array (listed), 1);
  g_assert_cmpstr (json_object_get_string_member (record, "description"), ==, "接警登记不全");

  stats = cli_json ("stats", "--json", NULL);
  accountability = json_object_get_object_member (json_node_get_object (stats), "accountability");
  g_assert_cmpint (json_object_get_int_member (accountability, "total"), ==, 2);
  by_kind = json_object_get_object_member (accountability, "byKind");
  g_assert_cmpint (json_object_get_int_member (by_kind, "reminder-talk"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (by_kind, "circulated-criticism"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (accountability, "byUnit"), "交警大队"),
                   ==, 1);
  visits = json_object_get_object_member (json_node_get_object (stats), "visits");
  g_assert_cmpint (json_object_get_int_member (visits, "total"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (visits, "unitsCovered"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (visits, "units"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (visits, "problemsFound"), ==, 1);

  rct_test_remove_dir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/supervision/accountability-and-visits", test_accountability_and_visits);
  return g_test_run ();
}
