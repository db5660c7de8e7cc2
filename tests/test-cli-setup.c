/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "rct-clock.h"
#include "rct-test-util.h"

/* rectify-cli campaign, phase, unit, group, person and supervisor edit:
 * a new ledger set up from a script, every change journaled with its
 * operator, refusals that change nothing. */

static char *dir;
static char *db;

static JsonNode *
run_json (const char *first_arg,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  va_list args;
  JsonNode *node;

  g_ptr_array_add (argv, (gpointer) g_getenv ("RECTIFY_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, db);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return node;
}

#define CLI(...) rct_test_run_cli (NULL, NULL, "--db", db, "--operator", "办公室 王芳", __VA_ARGS__, NULL)

static JsonObject *
find_named (JsonNode   *list,
            const char *name)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }
  return NULL;
}

/* The last journal entry of @field of the record @key names. */
static void
assert_journal (RctKind     kind,
                const char *key,
                const char *field,
                const char *old_value,
                const char *new_value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (db, RCT_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) entries = NULL;
  gint64 id;

  g_assert_no_error (error);
  id = rct_store_find_id (store, kind, key, &error);
  g_assert_no_error (error);
  entries = rct_store_list_journal (store, kind, id, &error);
  g_assert_no_error (error);
  for (guint i = entries->len; i > 0; i--)
    {
      RctJournalEntry *entry = g_ptr_array_index (entries, i - 1);

      if (!g_str_equal (entry->field, field))
        continue;
      g_assert_cmpstr (entry->old_value, ==, old_value);
      g_assert_cmpstr (entry->new_value, ==, new_value);
      g_assert_cmpstr (entry->who, ==, rct_test_expected_who ("办公室 王芳"));
      return;
    }
  g_error ("no journal entry for %s", field);
}

static void
test_campaign_and_phases (void)
{
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) phases = NULL;
  JsonObject *campaign;
  JsonObject *study;

  g_assert_cmpint (CLI ("campaign", "set", "--name", "回河县公安局队伍教育整顿", "--leader", "纪东明",
                        "--deputies", "李卫国、周建华", "--office", "设在政治处"), ==, 0);
  g_assert_cmpint (CLI ("phase", "set", "study", "--start", "2021-03-01", "--end", "2021-04-15"), ==, 0);
  shown = run_json ("campaign", "show", "--json", NULL);
  campaign = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (campaign, "name"), ==, "回河县公安局队伍教育整顿");
  g_assert_cmpstr (json_object_get_string_member (campaign, "leader"), ==, "纪东明");
  g_assert_cmpstr (json_object_get_string_member (campaign, "deputy_leaders"), ==, "李卫国、周建华");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (campaign, "phases")), ==, 3);
  study = json_array_get_object_element (json_object_get_array_member (campaign, "phases"), 0);
  g_assert_cmpstr (json_object_get_string_member (study, "key"), ==, "study");
  g_assert_cmpstr (json_object_get_string_member (study, "end_date"), ==, "2021-04-15");
  assert_journal (RCT_KIND_CAMPAIGN, "回河县公安局队伍教育整顿", "leader", NULL, "纪东明");

  /* An end before the start, an unknown phase, nothing to change: refused. */
  g_assert_cmpint (CLI ("phase", "set", "study", "--end", "2021-02-01"), ==, 1);
  g_assert_cmpint (CLI ("phase", "set", "harvest", "--end", "2021-02-01"), ==, 1);
  g_assert_cmpint (CLI ("campaign", "set"), ==, 2);
  phases = run_json ("phase", "list", "--json", NULL);
  study = json_array_get_object_element (json_node_get_array (phases), 0);
  g_assert_cmpstr (json_object_get_string_member (study, "end_date"), ==, "2021-04-15");
}

static void
test_units (void)
{
  g_autoptr(JsonNode) units = NULL;
  g_autoptr(JsonNode) active = NULL;
  g_autoptr(JsonNode) problems = NULL;
  JsonObject *unit;

  g_assert_cmpint (CLI ("unit", "add", "回河派出所", "--head", "张建国", "--code", "HH", "--kind", "派出所"), ==, 0);
  g_assert_cmpint (CLI ("unit", "add", "老街派出所"), ==, 0);
  g_assert_cmpint (CLI ("problem", "add", "--unit", "回河派出所", "--description", "台账不全",
                        "--source", "self-inspection", "--deadline", "2021-06-30"), ==, 0);
  g_assert_cmpint (CLI ("unit", "edit", "回河派出所", "--head", "刘志强", "--name", "回河中心派出所"), ==, 0);
  g_assert_cmpint (CLI ("unit", "edit", "老街派出所", "--code", "HH"), ==, 1);
  g_assert_cmpint (CLI ("unit", "edit", "老街派出所"), ==, 2);
  g_assert_cmpint (CLI ("unit", "retire", "老街派出所", "--reason", "撤并"), ==, 0);

  units = run_json ("unit", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (units)), ==, 2);
  unit = find_named (units, "回河中心派出所");
  g_assert_nonnull (unit);
  g_assert_cmpstr (json_object_get_string_member (unit, "head"), ==, "刘志强");
  g_assert_cmpstr (json_object_get_string_member (unit, "code"), ==, "HH");
  g_assert_true (json_object_get_boolean_member (unit, "active"));
  g_assert_false (json_object_get_boolean_member (find_named (units, "老街派出所"), "active"));
  g_assert_true (json_object_get_null_member (find_named (units, "老街派出所"), "code"));
  active = run_json ("unit", "list", "--active", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (active)), ==, 1);
  /* For a terminal: the columns a unit has, two spaces apart. */
  {
    g_autofree char *text = NULL;

    g_assert_cmpint (rct_test_run_cli (&text, NULL, "--db", db, "unit", "list", NULL), ==, 0);
    g_assert_nonnull (strstr (text, "回河中心派出所  HH  派出所  刘志强\n"));
    g_assert_nonnull (strstr (text, "老街派出所  [retired]\n"));
  }
  /* The problem follows its unit's new name, and its new head answers for it. */
  problems = run_json ("list", "problems", "--unit", "回河中心派出所", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (problems)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (problems), 0),
                                                  "leader_name"), ==, "刘志强");
  assert_journal (RCT_KIND_UNIT, "回河中心派出所", "head", "张建国", "刘志强");
  assert_journal (RCT_KIND_UNIT, "回河中心派出所", "name", "回河派出所", "回河中心派出所");
  assert_journal (RCT_KIND_UNIT, "老街派出所", "active", "1", "0");
}

static void
test_groups_people_supervisors (void)
{
  g_autoptr(JsonNode) groups = run_json ("group", "list", "--json", NULL);
  g_autoptr(JsonNode) groups_after = NULL;
  g_autoptr(JsonNode) people = NULL;
  g_autoptr(JsonNode) supervisors = NULL;
  g_autofree char *first = NULL;
  JsonObject *group;
  JsonObject *person;
  JsonObject *supervisor;

  g_assert_cmpuint (json_array_get_length (json_node_get_array (groups)), ==, 6);
  first = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (groups), 0),
                                                   "name"));
  g_assert_cmpint (CLI ("group", "edit", first, "--name", "综合组", "--lead", "赵明",
                        "--members", "钱亮、孙丽", "--remit", "统筹协调"), ==, 0);
  groups_after = run_json ("group", "list", "--json", NULL);
  group = find_named (groups_after, "综合组");
  g_assert_nonnull (group);
  g_assert_cmpstr (json_object_get_string_member (group, "lead_name"), ==, "赵明");
  g_assert_cmpstr (json_object_get_string_member (group, "members"), ==, "钱亮、孙丽");
  assert_journal (RCT_KIND_WORKING_GROUP, "综合组", "name", first, "综合组");

  g_assert_cmpint (CLI ("person", "add", "王五", "--unit", "回河中心派出所", "--post", "所长"), ==, 0);
  g_assert_cmpint (CLI ("person", "edit", "王五", "--post", "教导员", "--phone", "0371-1234"), ==, 0);
  g_assert_cmpint (CLI ("person", "edit", "王五", "--unit", "没有的所"), ==, 1);
  people = run_json ("person", "list", "--json", NULL);
  person = find_named (people, "王五");
  g_assert_nonnull (person);
  g_assert_cmpstr (json_object_get_string_member (person, "title"), ==, "教导员");
  g_assert_cmpstr (json_object_get_string_member (person, "unit_name"), ==, "回河中心派出所");
  /* Group members joined the roster. */
  g_assert_nonnull (find_named (people, "孙丽"));
  assert_journal (RCT_KIND_PERSON, "王五", "title", "所长", "教导员");

  g_assert_cmpint (CLI ("supervisor", "add", "陈红", "--category", "deputy", "--appointed", "2021-03-01"), ==, 0);
  g_assert_cmpint (CLI ("supervisor", "edit", "陈红", "--name", "陈红梅", "--category", "citizen",
                        "--organisation", "回河镇", "--term-end", "2022-02-28"), ==, 0);
  g_assert_cmpint (CLI ("supervisor", "edit", "陈红梅", "--category", "mayor"), ==, 1);
  g_assert_cmpint (CLI ("supervisor", "edit", "陈红梅", "--term-end", "2020-01-01"), ==, 1);
  supervisors = run_json ("supervisor", "list", "--json", NULL);
  supervisor = find_named (supervisors, "陈红梅");
  g_assert_nonnull (supervisor);
  g_assert_cmpstr (json_object_get_string_member (supervisor, "category"), ==, "citizen");
  g_assert_cmpstr (json_object_get_string_member (supervisor, "term_end"), ==, "2022-02-28");
  assert_journal (RCT_KIND_SUPERVISOR, "陈红梅", "organisation", NULL, "回河镇");
}

static void
test_help (void)
{
  static const char *commands[][2] = {
    { "campaign", "set" }, { "campaign", "show" }, { "phase", "set" }, { "unit", "edit" },
    { "unit", "retire" }, { "unit", "list" }, { "group", "edit" }, { "person", "add" },
    { "person", "edit" }, { "person", "list" }, { "supervisor", "edit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, commands[i][0], commands[i][1], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (out, commands[i][1]));
      g_assert_nonnull (strstr (out, "--"));
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("RECTIFY_TODAY", "2021-05-20", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  dir = rct_test_make_dir ();
  db = rct_test_ledger_location (dir, "新 台账.db");
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "init", "--groups", NULL), ==, 0);

  g_test_add_func ("/cli/setup/campaign-and-phases", test_campaign_and_phases);
  g_test_add_func ("/cli/setup/units-edit-retire-list", test_units);
  g_test_add_func ("/cli/setup/groups-people-supervisors", test_groups_people_supervisors);
  g_test_add_func ("/cli/setup/help", test_help);
  status = g_test_run ();
  rct_test_remove_dir (dir);
  return status;
}
