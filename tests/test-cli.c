/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "rct-test-util.h"

/* rectify-cli as a script uses it: exit codes, JSON that agrees with
 * itself, journal rows for every step, and refusals that change nothing. */

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
  const char *cli = g_getenv ("RECTIFY_CLI");
  int status;
  va_list args;
  JsonNode *node;

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, db);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("rectify-cli failed: %s", err);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return node;
}

static gint64
member_int (JsonNode   *node,
            const char *object,
            const char *member)
{
  return json_object_get_int_member (json_object_get_object_member (json_node_get_object (node), object), member);
}

static guint
count_with (JsonArray  *array,
            const char *member,
            const char *value)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), member), value) == 0)
      n++;
  return n;
}

static void
test_stats_agree_with_list (void)
{
  g_autoptr(JsonNode) stats = run_json ("stats", "--json", NULL);
  g_autoptr(JsonNode) list = run_json ("list", "problems", "--json", NULL);
  g_autoptr(JsonNode) overdue = run_json ("list", "problems", "--overdue", "--json", NULL);
  JsonArray *problems = json_node_get_array (list);
  JsonObject *first = json_array_get_object_element (problems, 0);

  g_assert_cmpint (member_int (stats, "problems", "total"), ==, json_array_get_length (problems));
  g_assert_cmpint (member_int (stats, "problems", "registered"), ==, count_with (problems, "status", "registered"));
  g_assert_cmpint (member_int (stats, "problems", "rectifying"), ==, count_with (problems, "status", "rectifying"));
  g_assert_cmpint (member_int (stats, "problems", "awaiting_verification"), ==,
                   count_with (problems, "status", "awaiting-verification"));
  g_assert_cmpint (member_int (stats, "problems", "closed"), ==, count_with (problems, "status", "closed"));
  g_assert_cmpint (member_int (stats, "problems", "overdue"), ==, json_array_get_length (json_node_get_array (overdue)));
  g_assert_cmpint (member_int (stats, "problems", "overdue"), ==, count_with (problems, "deadline_state", "overdue"));
  g_assert_cmpint (member_int (stats, "problems", "overdue"), >, 0);
  g_assert_cmpint (member_int (stats, "problems", "due_soon"), ==, count_with (problems, "deadline_state", "due-soon"));

  g_assert_true (json_object_has_member (first, "uuid"));
  g_assert_true (json_object_has_member (first, "number"));
  g_assert_true (json_object_has_member (first, "unit"));
  g_assert_true (json_object_has_member (first, "deadline"));
  g_assert_true (json_object_has_member (first, "status"));
  g_assert_true (json_object_has_member (json_object_get_object_member (json_node_get_object (stats), "feedback"),
                                         "satisfaction_rate"));
}

static void
test_check_and_sqlite_shell (void)
{
  g_autofree char *out = NULL;
  g_autofree char *sqlite3_path = g_find_program_in_path ("sqlite3");

  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "check", NULL), ==, 0);
  /* The server's ledger has no file for the sqlite3 shell to read: its
   * check is the server's own (/postgresql/store/check). */
  if (rct_store_location_is_server (db))
    return;
  if (sqlite3_path == NULL)
    {
      g_test_skip ("no sqlite3 shell");
      return;
    }
  {
    const char *argv[] = { sqlite3_path, db, "PRAGMA integrity_check; PRAGMA foreign_key_check;", NULL };
    g_autofree char *shell_out = NULL;
    g_autoptr(GError) error = NULL;
    int status;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &shell_out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (shell_out, ==, "ok\n");
  }
}

static void
test_walk_with_journal (void)
{
  g_autofree char *number = NULL;
  g_autofree char *measure = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) journal = NULL;
  JsonArray *entries;
  gboolean saw_verify = FALSE;
  gboolean saw_measure_added = FALSE;
  gboolean saw_measure_done = FALSE;

  g_assert_cmpint (rct_test_run_cli (&number, NULL, "--db", db, "--operator", "办公室文员", "problem", "add",
                                     "--description", "接待室无饮水设施", "--source", "public-report",
                                     "--unit", "城区派出所", "--found", "2021-05-18", "--deadline", "2021-06-18",
                                     NULL), ==, 0);
  g_strstrip (number);
  g_assert_true (g_str_has_prefix (number, "2021-"));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "--operator", "办公室文员", "problem", "start",
                                     number, "--reason", "责任单位已接收", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&measure, NULL, "--db", db, "measure", "add", number,
                                     "--text", "添置饮水机", NULL), ==, 0);
  g_strstrip (measure);

  /* An open measure: submit fails with exit 1, one plain line, nothing changed. */
  {
    g_autoptr(JsonNode) before = run_json ("list", "problems", "--json", NULL);
    g_autoptr(JsonNode) after = NULL;
    g_autofree char *before_text = json_to_string (before, FALSE);
    g_autofree char *after_text = NULL;

    g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "problem", "submit", number, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "not done"));
    /* exactly one line */
    g_assert_true (g_str_has_suffix (err, "\n"));
    g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
    after = run_json ("list", "problems", "--json", NULL);
    after_text = json_to_string (after, FALSE);
    g_assert_cmpstr (before_text, ==, after_text);
  }

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "measure", "done", measure, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "--operator", "办公室文员", "problem", "submit",
                                     number, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "--operator", "督察大队长", "problem", "verify",
                                     number, "--verifier", "督察大队长", "--verification", "现场查看饮水机已安装",
                                     "--reason", "暗访核实", NULL), ==, 0);

  journal = run_json ("journal", number, "--json", NULL);
  entries = json_node_get_array (journal);
  g_assert_cmpuint (json_array_get_length (entries), >=, 5);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *field = json_object_get_string_member (entry, "field");
      g_assert_nonnull (json_object_get_string_member (entry, "who"));
      if (g_str_equal (field, "status") &&
          g_strcmp0 (json_object_get_string_member (entry, "new_value"), "closed") == 0)
        {
          saw_verify = TRUE;
          g_assert_cmpstr (json_object_get_string_member (entry, "who"), ==, rct_test_expected_who ("督察大队长"));
          g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "暗访核实");
        }
      /* The measure's own steps are in the problem's journal too. */
      if (g_strcmp0 (json_object_get_string_member (entry, "record_table"), "measure") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (entry, "record_label"), ==, "添置饮水机");
          if (g_str_equal (field, "*"))
            saw_measure_added = TRUE;
          if (g_str_equal (field, "done_date"))
            saw_measure_done = TRUE;
        }
      if (g_str_equal (field, "status") &&
          g_strcmp0 (json_object_get_string_member (entry, "new_value"), "rectifying") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (entry, "who"), ==, rct_test_expected_who ("办公室文员"));
          g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "责任单位已接收");
        }
    }
  g_assert_true (saw_verify);
  g_assert_true (saw_measure_added);
  g_assert_true (saw_measure_done);
}

static void
test_errors_and_usage (void)
{
  g_autofree char *err1 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_cmpint (rct_test_run_cli (NULL, &err1, "--db", db, "problem", "add", "--description", "x",
                                     "--source", "self-inspection", "--unit", "城区派出所",
                                     "--found", "2021-02-30", "--deadline", "2021-06-01", NULL), ==, 1);
  g_assert_nonnull (strstr (err1, "not a real date"));
  g_assert_cmpint (rct_test_run_cli (NULL, &err2, "--db", db, "list", "problems", "--status", "finished", NULL), ==, 2);
  g_assert_cmpint (rct_test_run_cli (NULL, &err3, "--db", db, "frobnicate", NULL), ==, 2);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "problem", "verify", "2099-001", NULL), ==, 1);
}

/* A command of several actions without one, or with one it does not have,
 * is a usage error naming the actions; the action's own options still
 * follow it (`feedback list --json`). */
static void
test_missing_or_unknown_action (void)
{
  const char *commands[] = {
    "ledger", "key", "trust", "conflicts", "report", "campaign", "phase", "unit", "group", "person",
    "roster", "course", "activity", "accountability", "visit", "supervisor", "feedback",
  };
  g_autofree char *out = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *expected = g_strdup_printf ("rectify-cli: %s needs an action: ", commands[i]);
      g_autofree char *err1 = NULL;
      g_autofree char *err2 = NULL;

      g_assert_cmpint (rct_test_run_cli (NULL, &err1, "--db", db, commands[i], NULL), ==, 2);
      g_assert_true (g_str_has_prefix (err1, expected));
      g_assert_nonnull (strstr (err1, "rectify-cli --help"));
      g_assert_cmpint (rct_test_run_cli (NULL, &err2, "--db", db, commands[i], "frobnicate", NULL), ==, 2);
      g_assert_cmpstr (err2, ==, err1);
    }
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "supervisor", "list", "--json", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "["));
}

static void
test_newer_version_untouched (void)
{
  g_autofree char *path = rct_test_ledger_location (dir, "新版本 台账.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sqlite3_path = g_find_program_in_path ("sqlite3");

  /* The server's newer schema: /postgresql/schema/missing-and-newer. */
  if (rct_store_location_is_server (path))
    {
      g_test_skip ("a SQLite file's user_version");
      return;
    }
  if (sqlite3_path == NULL)
    {
      g_test_skip ("no sqlite3 shell");
      return;
    }
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", path, "init", NULL), ==, 0);
  {
    const char *argv[] = { sqlite3_path, path, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;", NULL };
    g_autoptr(GError) error = NULL;
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  before = rct_test_file_checksum (path);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", path, "stats", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "newer version"));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", path, "problem", "add", "--description", "x", NULL), ==, 1);
  after = rct_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_supervisors_and_feedback (void)
{
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) feedback = NULL;
  g_autoptr(JsonNode) problems = NULL;
  g_autoptr(JsonNode) stats_before = run_json ("stats", "--json", NULL);
  g_autoptr(JsonNode) stats_after = NULL;
  JsonObject *record;

  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "supervisor", "add", "新聘监督员",
                                     "--category", "citizen", "--appointed", "2021-05-01", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&id, NULL, "--db", db, "feedback", "add", "--supervisor", "新聘监督员",
                                     "--received", "2021-05-02", "--kind", "complaint", "--unit", "特警大队",
                                     "--channel", "phone", "--content", "训练噪音影响附近居民休息", NULL), ==, 0);
  g_strstrip (id);
  g_assert_cmpint (rct_test_run_cli (&number, NULL, "--db", db, "feedback", "to-problem", id, NULL), ==, 0);
  g_strstrip (number);
  /* A reply after its due date (2021-05-17 by default): replied late, not overdue. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "feedback", "reply", id, "--reply", "已调整训练时间",
                                     "--date", "2021-05-19", "--satisfaction", "satisfied", NULL), ==, 0);

  feedback = run_json ("feedback", "list", "--supervisor", "新聘监督员", "--json", NULL);
  record = json_array_get_object_element (json_node_get_array (feedback), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "problem_number"), ==, number);
  g_assert_cmpstr (json_object_get_string_member (record, "reply_due"), ==, "2021-05-17");
  g_assert_cmpstr (json_object_get_string_member (record, "reply_state"), ==, "");

  problems = run_json ("list", "problems", "--source", "supervisor-feedback", "--search", "训练噪音", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (problems)), ==, 1);
  record = json_array_get_object_element (json_node_get_array (problems), 0);
  g_assert_cmpint (json_object_get_int_member (record, "feedback_id"), ==, g_ascii_strtoll (id, NULL, 10));

  stats_after = run_json ("stats", "--json", NULL);
  g_assert_cmpint (member_int (stats_after, "feedback", "replied"), ==, member_int (stats_before, "feedback", "replied") + 1);
  g_assert_cmpint (member_int (stats_after, "feedback", "overdue"), ==, member_int (stats_before, "feedback", "overdue"));

  /* Retired, never deleted; a bad category is refused. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "supervisor", "retire", "新聘监督员",
                                     "--reason", "任期届满", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "supervisor", "add", "某人", "--category", "police",
                                     NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not a known"));
}

static void
test_csv_import_and_export (void)
{
  g_autofree char *csv = g_build_filename (dir, "旧 台账.csv", NULL);
  g_autofree char *out_csv = g_build_filename (dir, "导出 台账.csv", NULL);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(JsonNode) before = run_json ("stats", "--json", NULL);
  g_autoptr(JsonNode) after = NULL;
  const char *text =
    "问题描述,来源,责任单位,发现日期,整改期限,整改状态\n"
    "窗口服务态度生硬,群众举报,回河派出所,2021-04-20,2021-05-20,整改中\n"
    "接处警记录不完整,自查,回河派出所,2021-02-30,2021-05-20,已登记\n"
    "记录仪使用率低,自查,不存在的派出所,2021-04-20,2021-05-20,已登记\n"
    "少了一列,自查,回河派出所,2021-04-20\n";

  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "import-csv", "problems", csv,
                                     "--map", "整改状态=status", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "line 3:"));
  g_assert_nonnull (strstr (err, "line 4:"));
  g_assert_nonnull (strstr (err, "line 5:"));
  g_assert_null (strstr (err, "line 2:"));
  after = run_json ("stats", "--json", NULL);
  g_assert_cmpint (member_int (after, "problems", "total"), ==, member_int (before, "problems", "total"));

  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "list", "problems", "--status", "closed",
                                     "--csv", out_csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out_csv, &exported, NULL, NULL));
  g_assert_true (g_str_has_prefix (exported, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (exported, "综合服务大厅"));
}

/* A generated ledger is made from its seed: the same seed makes the same
 * problems, another seed others. */
static void
test_synthetic_seed (void)
{
  const char *seeds[] = { "5", "5", "6" };
  char *lists[3] = { NULL };
  g_autoptr(GRegex) stamps = g_regex_new ("\"(uuid|owner|created_at|updated_at)\" : \"[^\"]*\"", 0, 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *name = g_strdup_printf ("生成 %u.db", i);
      g_autofree char *path = rct_test_ledger_location (dir, name);
      g_autofree char *out = NULL;

      g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", path, "init", "--synthetic", "50", "--seed", seeds[i],
                                         NULL), ==, 0);
      g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", path, "list", "problems", "--json", NULL), ==, 0);
      lists[i] = g_regex_replace_literal (stamps, out, -1, 0, "", 0, NULL);
    }
  g_assert_cmpstr (lists[0], ==, lists[1]);
  g_assert_cmpstr (lists[0], !=, lists[2]);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_free (lists[i]);
}

/* Every command listed by --help answers `COMMAND --help` with its own
 * help on stdout and status 0, and so does each action of those that have
 * several (`problem start --help`). */
static void
test_every_command_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint commands = 0;
  gboolean in_list = FALSE;

  g_assert_cmpint (rct_test_run_cli (&out, &err, "--help", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autofree char *help = NULL;
      g_autofree char *help_err = NULL;

      if (g_str_equal (lines[i], "Commands:"))
        {
          in_list = TRUE;
          continue;
        }
      if (!in_list || !g_str_has_prefix (lines[i], "  "))
        continue;
      words = g_strsplit (g_strstrip (lines[i]), " ", 2);
      g_test_message ("%s --help", words[0]);
      g_assert_cmpint (rct_test_run_cli (&help, &help_err, words[0], "--help", NULL), ==, 0);
      g_assert_cmpstr (help_err, ==, "");
      g_assert_true (g_str_has_prefix (help, "Usage:"));
      g_assert_nonnull (strstr (help, words[0]));
      commands++;
    }
  g_assert_cmpuint (commands, >=, 17);
  {
    const char *actions[][2] = { { "problem", "add" }, { "problem", "start" }, { "measure", "add" },
                                 { "unit", "add" }, { "supervisor", "add" }, { "feedback", "reply" } };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        g_autofree char *help = NULL;
        g_autofree char *help_err = NULL;

        g_assert_cmpint (rct_test_run_cli (&help, &help_err, actions[i][0], actions[i][1], "--help", NULL), ==, 0);
        g_assert_true (g_str_has_prefix (help, "Usage:"));
      }
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("RECTIFY_TODAY", "2021-05-20", TRUE);
  dir = rct_test_make_dir ();
  db = rct_test_ledger_location (dir, "演示 台账.db");
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "init", "--demo", NULL), ==, 0);

  g_test_add_func ("/cli/stats-agrees-with-list", test_stats_agree_with_list);
  g_test_add_func ("/cli/check-and-sqlite-shell", test_check_and_sqlite_shell);
  g_test_add_func ("/cli/walk-writes-journal-and-refusal-changes-nothing", test_walk_with_journal);
  g_test_add_func ("/cli/errors-and-usage", test_errors_and_usage);
  g_test_add_func ("/cli/help/every-command", test_every_command_help);
  g_test_add_func ("/cli/actions/missing-or-unknown", test_missing_or_unknown_action);
  g_test_add_func ("/cli/newer-version-refused-untouched", test_newer_version_untouched);
  g_test_add_func ("/cli/supervisors-and-feedback", test_supervisors_and_feedback);
  g_test_add_func ("/cli/csv-import-refuses-bad-rows-and-export", test_csv_import_and_export);
  g_test_add_func ("/cli/init/synthetic-seed", test_synthetic_seed);
  status = g_test_run ();
  rct_test_remove_dir (dir);
  return status;
}
