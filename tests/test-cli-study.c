/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rct-test-util.h"

/* rectify-cli roster, course and activity, and the study figures of
 * `stats --json`, driven as a script drives them. */

static char *dir;
static char *db;

static void
write_file (const char *name,
            const char *text,
            char      **out_path)
{
  g_autoptr(GError) error = NULL;

  *out_path = g_build_filename (dir, name, NULL);
  g_file_set_contents (*out_path, text, -1, &error);
  g_assert_no_error (error);
}

static JsonObject *
stats (JsonParser *parser)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "stats", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_roster_course_activity (void)
{
  g_autofree char *roster = NULL, *training = NULL, *csv = NULL, *err = NULL, *out = NULL, *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *training_json, *series;

  g_setenv ("RECTIFY_TODAY", "2021-04-26", TRUE);
  dir = rct_test_make_dir ();
  db = rct_test_ledger_path (dir, "学习 台账.db");
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "init", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "unit", "add", "回河派出所", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "unit", "add", "交警大队", NULL), ==, 0);

  /* An empty roster: the rates are null, not 0 or 1. */
  root = stats (parser);
  training_json = json_object_get_object_member (root, "training");
  g_assert_cmpint (json_object_get_int_member (training_json, "roster"), ==, 0);
  g_assert_true (json_object_get_null_member (training_json, "enrolment_rate"));
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "tasks"), "self_chosen"));

  /* A roster with bad rows: each named by its line, nothing written. */
  write_file ("名册.csv", "姓名,单位,警号,类别,在职\n张伟,回河派出所,100001,民警,是\n李娜,火星派出所,100002,民警,是\n"
                          "王强,交警大队,200001,辅警,是\n赵磊,交警大队,200002,民警,否\n", &roster);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "roster", "import", roster, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "line 3:"));
  g_assert_nonnull (strstr (err, "火星派出所"));
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "roster", "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "roster", "import", roster, "--only-good-rows", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "roster", "add", "李娜", "--unit", "回河派出所",
                                     "--number", "100002", NULL), ==, 0);

  /* The course, hours from the platform's export and by hand. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "course", "add", "政治轮训专题班", "--required", "12",
                                     "--elective", "4", NULL), ==, 0);
  write_file ("平台导出.csv", "警号,姓名,必修学时,选修学时,证书\n100001,张伟,14,4,ZS-1\n200001,王强,12,2,\n", &training);
  g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", db, "course", "import", "政治轮训专题班", training, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2 rows"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "course", "record", "政治轮训专题班", "100002",
                                     "--required", "6", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "course", "record", "政治轮训专题班", "赵磊",
                                     "--required", "12", "--elective", "4", NULL), ==, 0);
  /* Two officers named 李娜: the name alone is refused, the number is not. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "roster", "add", "李娜", "--unit", "交警大队",
                                     "--number", "200009", "--left", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "course", "record", "政治轮训专题班", "李娜",
                                     "--required", "40", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "More than one officer is named “李娜”"));
  g_clear_pointer (&err, g_free);

  root = stats (parser);
  training_json = json_object_get_object_member (root, "training");
  /* In service: 张伟, 李娜, 王强 (赵磊 left); all three enrolled; required:
   * 张伟 (14 ≥ 12, once), 王强; elective: 张伟 only. */
  g_assert_cmpint (json_object_get_int_member (training_json, "roster"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (training_json, "enrolled"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (training_json, "required_done"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (training_json, "elective_done"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (training_json, "enrolment_rate"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (training_json, "required_rate"), ==, 2.0 / 3.0);
  g_assert_cmpfloat (json_object_get_double_member (training_json, "elective_rate"), ==, 1.0 / 3.0);

  /* An activity: progress is its entries. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "activity", "add", "百警百日读党史", "--kind", "读党史",
                                     "--target", "100", "--start", "2021-03-22", "--end", "2021-06-29", NULL), ==, 0);
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "activity", "entry", "百警百日读党史",
                                       "--date", "2021-03-23", "--person", "张伟", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "activity", "entry", "百警百日读党史",
                                     "--date", "2021-03-24", "--not-done", NULL), ==, 0);
  root = stats (parser);
  series = json_array_get_object_element (json_object_get_array_member (root, "activities"), 0);
  g_assert_cmpstr (json_object_get_string_member (series, "name"), ==, "百警百日读党史");
  g_assert_cmpint (json_object_get_int_member (series, "target"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (series, "done"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (series, "state"), ==, "behind");

  /* Lists as JSON and CSV. */
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "activity", "list", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_node_get_array (json_parser_get_root (parser)), 0), "done_count"), ==, 3);
  csv = g_build_filename (dir, "民警 名册.csv", NULL);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "roster", "list", "--csv", csv, NULL), ==, 0);
  g_file_get_contents (csv, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Police number"));
  g_assert_nonnull (strstr (text, "赵磊,交警大队,200002,Police officer,no"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "activity", "list", "--csv", csv, NULL), ==, 0);
  g_file_get_contents (csv, &text, NULL, &error);
  g_assert_nonnull (strstr (text, "百警百日读党史,Daily reading,100,3,2021-03-22,2021-06-29"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "roster", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "import"));

  rct_test_remove_dir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/study/roster-course-activity", test_roster_course_activity);
  return g_test_run ();
}
