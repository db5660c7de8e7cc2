/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rct-schema.h"
#include "rct-test-util.h"

/* Version 1 ledgers are upgraded after a backup; a newer ledger, another
 * program's file or a damaged file are refused and left as they were. */

static void
make_version_1 (const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d", RCT_SCHEMA_APPLICATION_ID);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, rct_schema_migration (1), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, app_id, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO unit (uuid, name, created_at, updated_at) VALUES ('a3c1b2d4-0000-4000-8000-000000000001',"
    " '回河派出所', '2021-04-01T00:00:00Z', '2021-04-01T00:00:00Z');"
    "INSERT INTO problem (uuid, number, description, source, unit_id, found_date, deadline, created_at, updated_at)"
    " VALUES ('a3c1b2d4-0000-4000-8000-000000000002', '2021-001', '接处警记录不完整', 'self-inspection', 1,"
    " '2021-04-20', '2021-05-20', '2021-04-20T00:00:00Z', '2021-04-20T00:00:00Z');", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
set_user_version (const char *path,
                  int         version)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_upgrade_with_backup (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = rct_test_ledger_path (dir, NULL);
  g_autofree char *before = NULL;
  g_autofree char *backup_sum = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  RctFilter filter = { 0 };

  make_version_1 (path);
  before = rct_test_file_checksum (path);
  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_store_get_schema_version (store), ==, RCT_STORE_SCHEMA_VERSION);

  g_assert_nonnull (rct_store_get_migration_backup (store));
  g_assert_true (g_file_test (rct_store_get_migration_backup (store), G_FILE_TEST_EXISTS));
  backup_sum = rct_test_file_checksum (rct_store_get_migration_backup (store));
  /* The backup is the old ledger's content, taken with the backup API. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (rct_store_get_migration_backup (store), &db, SQLITE_OPEN_READONLY, NULL),
                     ==, SQLITE_OK);
    sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* The migrated ledger keeps its records, and search works on them. */
  filter.search = "接处警";
  g_assert_cmpint (rct_store_count (store, RCT_KIND_PROBLEM, &filter, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (rct_store_check (store, &error));
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_newer_refused_untouched (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = rct_test_ledger_path (dir, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  set_user_version (path, RCT_STORE_SCHEMA_VERSION + 7);
  /* Fold the WAL in so the file is all there is. */
  g_remove (wal);
  before = rct_test_file_checksum (path);

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);
  store = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEWER_VERSION);

  after = rct_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  rct_test_remove_dir (dir);
}

static void
test_not_a_ledger (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *text = g_build_filename (dir, "会议纪要.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  sqlite3 *db = NULL;

  g_file_set_contents (text, "这不是台账\n", -1, &error);
  g_assert_no_error (error);
  store = rct_store_open (text, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE notes (body TEXT)", NULL, NULL, NULL);
  sqlite3_close (db);
  before = rct_test_file_checksum (other);
  store = rct_store_open (other, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER);
  {
    g_autofree char *after = rct_test_file_checksum (other);
    g_assert_cmpstr (before, ==, after);
  }
  rct_test_remove_dir (dir);
}

static void
test_damaged_refused (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (store));
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_clear_object (&store);  /* closing checkpoints the WAL into the file */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 16384);
  /* Scribble over the middle of the file, past the header page. */
  memset (contents + 8192, 0x5a, 4096);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* The check a window runs in a thread finds the same. */
  g_assert_false (rct_store_quick_check (path, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
  rct_test_remove_dir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open ("/nonexistent/台账.db", RCT_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN);
}

static int
query_backup_int (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The copy before a migration is a plain ledger like every backup: no
 * lock row of the process that took it, the ledger's mode. An old ledger
 * gets its own identity (schema step 5) as it is upgraded, and keeps it. */
static void
test_upgrade_copy_plain_and_identity (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = rct_test_ledger_path (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *read_back = NULL;
  GStatBuf info;

  make_version_1 (path);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rct_store_get_migration_backup (store));
  g_assert_cmpint (query_backup_int (rct_store_get_migration_backup (store), "SELECT count(*) FROM lock"), ==, 0);
  g_assert_cmpint (g_stat (rct_store_get_migration_backup (store), &info), ==, 0);
  g_assert_cmpuint (info.st_mode & 0777, ==, 0600);

  identity = g_strdup (rct_store_get_identity (store));
  g_assert_true (g_uuid_string_is_valid (identity));
  g_clear_object (&store);
  store = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rct_store_get_identity (store), ==, identity);
  g_clear_object (&store);
  read_back = rct_store_read_identity (path);
  g_assert_cmpstr (read_back, ==, identity);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("file modes are POSIX");
#endif
}

/* Step 17: a ledger of version 16 gets a revision on every record a
 * clerk edits, 1 for the records it had, and the next write adds one. */
static void
test_step_17_revisions (void)
{
  static const char *tables[] = { "campaign", "phase", "unit", "person", "working_group", "task", "problem",
                                  "measure", "supervisor", "feedback", "officer", "course", "enrolment",
                                  "activity_series", "activity_entry", "accountability", "visit" };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(RctProblem) problem = NULL;
  sqlite3 *db = NULL;
  gint64 id;

  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  id = rct_test_add_problem (store, "回河派出所", "2021-04-20", "2021-05-20", NULL);
  path = g_strdup (rct_store_get_path (store));
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s DROP COLUMN revision", tables[i]);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 16", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_store_get_schema_version (store), ==, RCT_STORE_SCHEMA_VERSION);
  problem = rct_store_get (store, RCT_KIND_PROBLEM, id, &error);
  g_assert_cmpint (rct_record_get_revision (RCT_RECORD (problem)), ==, 1);
  g_clear_object (&problem);
  g_assert_true (rct_store_update_va (store, RCT_KIND_PROBLEM, id, NULL, &error, "category", "作风", NULL));
  problem = rct_store_get (store, RCT_KIND_PROBLEM, id, &error);
  g_assert_cmpint (rct_record_get_revision (RCT_RECORD (problem)), ==, 2);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* Step 18: a CHECK's IN list written as comparisons, only where the list
 * is of quoted words and numbers. */
static void
test_check_lists_rewritten (void)
{
  const struct { const char *sql, *expected; } cases[] = {
    { "CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y',   'z')))", "CREATE TABLE t (a TEXT CHECK ((a = 'x' OR a = 'y' OR a = 'z')))" },
    { "CREATE TABLE t (b INTEGER CHECK (b IN (0, 1, 2)), c TEXT CHECK (c IS NULL OR c IN ('p', 'q', 'r')))",
      "CREATE TABLE t (b INTEGER CHECK ((b = 0 OR b = 1 OR b = 2)), c TEXT CHECK (c IS NULL OR (c = 'p' OR c = 'q' OR c = 'r')))" },
    { "CREATE TABLE t (b INTEGER CHECK (b IN (0, 1)), c TEXT CHECK (c IS NULL OR c IN ('p', 'q')))", NULL },
    { "CREATE TABLE t (a TEXT CHECK (a IN (SELECT x FROM u)))", NULL },
    { "CREATE TABLE t (a TEXT CHECK (a IN ('x,y', 'z')))", NULL },
    { "CREATE TABLE t (a TEXT CHECK (a IN ('x')))", NULL },
    { "CREATE TABLE t (a TEXT)", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rewritten = rct_schema_check_lists_rewritten (cases[i].sql);
      g_assert_cmpstr (rewritten, ==, cases[i].expected);
    }
}

static int
exec_on (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_extended_result_codes (db, 1);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);
  return rc;
}

/* A ledger upgraded through step 18 keeps no IN list in its tables'
 * definitions, and its CHECK constraints still refuse what they refused. */
static void
test_step_18_check_lists (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = rct_test_ledger_path (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint tables = 0;

  make_version_1 (path);
  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_store_get_schema_version (store), ==, RCT_STORE_SCHEMA_VERSION);
  g_assert_true (rct_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master WHERE type = 'table'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *rewritten = rct_schema_check_lists_rewritten ((const char *) sqlite3_column_text (stmt, 1));

      g_test_message ("%s", sqlite3_column_text (stmt, 0));
      g_assert_null (rewritten);
      tables++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (tables, >, 20);

  /* What the lists refused, the comparisons refuse. */
  g_assert_cmpint (exec_on (path, "UPDATE problem SET status = 'lost'"), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (exec_on (path, "UPDATE problem SET source = 'rumour'"), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (exec_on (path, "UPDATE problem SET severity = 'mild'"), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (exec_on (path, "UPDATE problem SET status = 'closed', severity = 'grave', source = 'case-review'"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_on (path, "UPDATE journal SET resolution = NULL"), ==, SQLITE_OK);

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (rct_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migrate/version-1-upgraded-after-backup", test_upgrade_with_backup);
  g_test_add_func ("/migrate/copy-is-plain-identity-given", test_upgrade_copy_plain_and_identity);
  g_test_add_func ("/migrate/newer-version-refused-untouched", test_newer_refused_untouched);
  g_test_add_func ("/migrate/not-a-ledger-refused", test_not_a_ledger);
  g_test_add_func ("/migrate/damaged-refused", test_damaged_refused);
  g_test_add_func ("/migrate/missing-file", test_missing_file);
  g_test_add_func ("/migrate/step-17-revisions", test_step_17_revisions);
  g_test_add_func ("/migrate/check-lists-rewritten", test_check_lists_rewritten);
  g_test_add_func ("/migrate/step-18-check-lists", test_step_18_check_lists);
  return g_test_run ();
}
