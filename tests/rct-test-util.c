/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-test"

#include "config.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#ifdef HAVE_POSTGRESQL
#include "rct-postgresql-private.h"
#endif
#include "rct-demo.h"
#include "rct-report-sign.h"
#include "rct-store-copy.h"
#include "rct-store-private.h"
#include "rct-test-util.h"

/* A fresh folder per test, with Chinese and a space in its name, because
 * the office's paths have both. */
char *
rct_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rectify 测试-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
rct_test_ledger_path (const char *dir,
                      const char *name)
{
  return g_build_filename (dir, name != NULL ? name : "整改 台账.db", NULL);
}

/* Whether this test runs on the server: registered in the suite
 * postgresql (RECTIFY_TEST_BACKEND) with a cluster to run on. */
static gboolean
on_server (void)
{
  return g_strcmp0 (g_getenv ("RECTIFY_TEST_BACKEND"), "postgresql") == 0 &&
    g_getenv ("RECTIFY_TEST_PG") != NULL && g_getenv ("RECTIFY_TEST_PG")[0] != '\0';
}

/**
 * rct_test_expected_who:
 * @operator_name: the name a test set as the store's operator
 *
 * Who the journal names for a change the test made: on the server the
 * clerk's login (session_user, the user of RECTIFY_TEST_PG's address;
 * the operator's name is not taken there), in a file @operator_name.
 */
const char *
rct_test_expected_who (const char *operator_name)
{
  static char *login;
  const char *user;

  if (!on_server ())
    return operator_name;
  if (login == NULL)
    {
      user = strstr (g_getenv ("RECTIFY_TEST_PG"), "user=");
      login = user != NULL ? g_strndup (user + 5, strcspn (user + 5, " ")) : g_strdup (g_get_user_name ());
    }
  return login;
}

/* A test registered to run on the server skips whole without a cluster
 * (TAP's plan of none), rather than run on a file a second time. */
__attribute__((constructor)) static void
skip_without_server (void)
{
  if (g_strcmp0 (g_getenv ("RECTIFY_TEST_BACKEND"), "postgresql") == 0 && !on_server ())
    {
      printf ("1..0 # SKIP no PostgreSQL cluster (RECTIFY_TEST_PG; build-aux/test.sh starts one)\n");
      exit (0);
    }
}

/* The test's folder → its databases on the server (a GPtrArray of
 * names), dropped with the folder. */
static GHashTable *server_databases;

static char *server_ledger (const char *dir);

static void
server_database_add (const char *dir,
                     char       *name)
{
  GPtrArray *names;

  if (server_databases == NULL)
    server_databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  names = g_hash_table_lookup (server_databases, dir);
  if (names == NULL)
    {
      names = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (server_databases, g_strdup (dir), names);
    }
  g_ptr_array_add (names, name);
}

/* Where a test keeps the ledger it calls @name in its folder @dir: that
 * file, or on the server (the suite postgresql) an empty database of its
 * own, the same one for the same name, for `rectify-cli --db … init` (or
 * an import) to make the ledger in. */
char *
rct_test_ledger_location (const char *dir,
                          const char *name)
{
#ifdef HAVE_POSTGRESQL
  static GHashTable *locations;
  g_autofree char *key = NULL;
  char *database = NULL;
  char *location;

  if (!on_server ())
    return rct_test_ledger_path (dir, name);
  key = rct_test_ledger_path (dir, name);
  if (locations == NULL)
    locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  location = g_hash_table_lookup (locations, key);
  if (location != NULL)
    return g_strdup (location);
  location = rct_test_pg_new_database (NULL, &database);
  server_database_add (dir, database);
  g_hash_table_insert (locations, g_steal_pointer (&key), g_strdup (location));
  return location;
#else
  return rct_test_ledger_path (dir, name);
#endif
}

/* Whether @location holds a ledger: the file is there, or the server's
 * database has one. */
gboolean
rct_test_ledger_exists (const char *location)
{
  g_autoptr(RctStore) store = NULL;

  if (!rct_store_location_is_server (location))
    return g_file_test (location, G_FILE_TEST_EXISTS);
  store = rct_store_open (location, RCT_STORE_OPEN_READ_ONLY, NULL);
  if (store != NULL)
    rct_store_close (store);
  return store != NULL;
}

/* A copy of the ledger at @from as @to (both from
 * rct_test_ledger_location): the file's backup, or on the server the whole
 * ledger copied as copy-ledger does, the same identity and ids. */
void
rct_test_copy_ledger (const char *from,
                      const char *to)
{
  g_autoptr(GError) error = NULL;

  if (rct_store_location_is_server (from))
    {
      g_autoptr(RctStore) source = rct_store_open (from, RCT_STORE_OPEN_READ_ONLY, &error);
      g_autoptr(RctStore) target = NULL;
      g_auto(RctStoreCopyResult) result = { 0 };

      g_assert_no_error (error);
      target = rct_store_open (to, RCT_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      g_assert_true (rct_store_copy (source, target, &result, &error));
      g_assert_no_error (error);
      rct_store_close (target);
      rct_store_close (source);
    }
  else
    {
      g_autoptr(RctStore) source = rct_store_open (from, RCT_STORE_OPEN_READ_ONLY, &error);

      g_assert_no_error (error);
      g_assert_true (rct_store_backup (source, to, &error));
      g_assert_no_error (error);
      rct_store_close (source);
    }
}

/* The first column of the first row of @sql (no parameters) in the ledger
 * at @ledger, read through the store as any backend answers it; -1 when
 * there is no row. */
gint64
rct_test_query_int (const char *ledger,
                    const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (ledger, RCT_STORE_OPEN_READ_ONLY, &error);
  RctStmt *stmt;
  gint64 n = -1;

  g_assert_no_error (error);
  stmt = _rct_store_prepare_uncached (store, sql, &error);
  g_assert_no_error (error);
  if (_rct_store_step (store, stmt, &error) == RCT_ROW)
    n = rct_stmt_column_int64 (stmt, 0);
  g_assert_no_error (error);
  rct_stmt_finalize (stmt);
  rct_store_close (store);
  return n;
}

/* Whether the tests run on the server (the suite postgresql). */
gboolean
rct_test_on_server (void)
{
  return on_server ();
}

RctStore *
rct_test_open_new (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = on_server () ? server_ledger (dir) : rct_test_ledger_path (dir, NULL);
  RctStore *store = rct_store_open (path, RCT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  rct_store_set_operator (store, "测试员");
  if (out_dir != NULL)
    *out_dir = g_steal_pointer (&dir);
  return store;
}

RctStore *
rct_test_open_demo (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  RctStore *store = rct_test_open_new (out_dir);

  rct_demo_fill (store, &error);
  g_assert_no_error (error);
  return store;
}

void
rct_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (server_databases != NULL && g_hash_table_contains (server_databases, dir))
    {
      GPtrArray *names = g_hash_table_lookup (server_databases, dir);

      for (guint i = 0; i < names->len; i++)
        rct_test_pg_drop_database (g_ptr_array_index (names, i));
      g_hash_table_remove (server_databases, dir);
    }
  handle = g_dir_open (dir, 0, NULL);

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rct_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* A file's bytes; a server's ledger has none, and its content checksum
 * (every table's rows, as copy-ledger checks them) says the same: whether
 * anything in it changed. */
char *
rct_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (rct_store_location_is_server (path))
    {
      g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
      char *checksum;

      g_assert_no_error (error);
      checksum = rct_store_dup_content_checksum (store, NULL, &error);
      g_assert_no_error (error);
      rct_store_close (store);
      return checksum;
    }
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/**
 * rct_test_run_cli:
 *
 * Runs rectify-cli (RECTIFY_CLI from the test environment) with the given
 * arguments and the test's environment.
 *
 * Returns: the exit status
 */
int
rct_test_run_cli (char       **out_stdout,
                  char       **out_stderr,
                  const char  *first_arg,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("RECTIFY_CLI");
  const char *arg;
  g_autofree char *ignored_out = NULL;
  g_autofree char *ignored_err = NULL;
  int status = -1;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out_stdout != NULL ? out_stdout : &ignored_out,
                out_stderr != NULL ? out_stderr : &ignored_err, &status, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GError) exit_error = NULL;

    if (g_spawn_check_wait_status (status, &exit_error))
      return 0;
    if (g_error_matches (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code))
      return exit_error->code;
    return -1;
  }
}

gint64
rct_test_count_rows (RctStore *store,
                     RctKind   kind)
{
  g_autoptr(GError) error = NULL;
  gint64 count;

  if (kind == RCT_KIND_JOURNAL)
    {
      g_autoptr(GPtrArray) all = rct_store_list (store, RCT_KIND_JOURNAL, NULL, &error);
      g_assert_no_error (error);
      return all->len;
    }
  count = rct_store_count (store, kind, NULL, &error);
  g_assert_no_error (error);
  return count;
}

gint64
rct_test_add_problem (RctStore   *store,
                      const char *unit,
                      const char *found,
                      const char *deadline,
                      const char *description)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  rct_store_create_va (store, RCT_KIND_PROBLEM, &id, &error,
                       "description", description != NULL ? description : "窗口服务态度生硬",
                       "source", "self-inspection", "unit", unit, "found_date", found,
                       "deadline", deadline, NULL);
  g_assert_no_error (error);
  return id;
}

/* Spoils 8 KiB in the middle of a ledger (it must be over 12 KiB), as a
 * failing disk would: its integrity check then fails. */
void
rct_test_damage_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 12288);
  memset (contents + 4096, 0x5a, 8192);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* How many ledger files (*.db) in @dir have @part in their name. */
guint
rct_test_count_files (const char *dir,
                      const char *part)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (strstr (name, part) != NULL && g_str_has_suffix (name, ".db"))
      n++;
  return n;
}

/* A ledger someone sent, whose evidence is named as they chose: the name
 * is written past the store's checks, as another program could. */
void
rct_test_rename_evidence (const char *ledger,
                          gint64      evidence_id,
                          const char *name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (ledger, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_busy_timeout (db, 5000), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE evidence SET filename = ? WHERE id = ?", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, evidence_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Signed reports (issue 21): the office accepts a unit's certificate once,
 * as a clerk does with rectify-cli trust add. */
void
rct_test_trust_report (const char *ledger,
                       const char *report)
{
  g_autofree char *err = NULL;

  if (rct_test_run_cli (NULL, &err, "--db", ledger, "trust", "add", report, "--yes", NULL) != 0)
    g_error ("trust add %s failed: %s", report, err);
}

/* A report edited by a test, signed again with @ledger's key: the maker
 * itself forging, which only the merge's own checks can catch. */
void
rct_test_sign_again (const char *ledger,
                     const char *report)
{
  g_autoptr(GRegex) signature = g_regex_new ("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">.*</Signature>",
                                             G_REGEX_DOTALL, 0, NULL);
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bare = NULL;

  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  bare = g_regex_replace_literal (signature, text, -1, 0, "", 0, NULL);
  g_assert_true (g_file_set_contents (report, bare, -1, NULL));
  store = rct_store_open (ledger, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (rct_sign_file_for_store (store, report, &error));
  g_assert_no_error (error);
  rct_store_close (store);
}

#ifdef HAVE_POSTGRESQL
static void
pg_admin (const char *sql)
{
  PGconn *conn = PQconnectdb (g_getenv ("RECTIFY_TEST_PG"));
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
}
#endif

/* Databases are named by process, run and count, so tests run side by side. */
char *
rct_test_pg_new_database (const char  *template_db,
                          char       **out_name)
{
#ifdef HAVE_POSTGRESQL
  static guint count;
  static guint32 run;
  const char *cluster = g_getenv ("RECTIFY_TEST_PG");
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;

  if (cluster == NULL || cluster[0] == '\0')
    return NULL;
  /* The process id alone repeats, and a database a killed test left
   * behind would be in the way. */
  if (run == 0)
    run = g_random_int () | 1;
  name = g_strdup_printf ("rct_test_%d_%08x_%u", (int) getpid (), run, ++count);
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", name, template_db != NULL ? template_db : "template0");
  pg_admin (sql);
  if (out_name != NULL)
    *out_name = g_strdup (name);
  return _rct_pg_location_with_database (cluster, name);
#else
  return NULL;
#endif
}

void
rct_test_pg_drop_database (const char *name)
{
#ifdef HAVE_POSTGRESQL
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);

  pg_admin (sql);
#endif
}

/* A ledger on the server for one test: a database made from a template
 * holding a new ledger (made once per cluster and schema version, under an
 * advisory lock so tests side by side make it once), given an identity
 * and an organisation of its own. */
static char *
server_ledger (const char *dir)
{
#ifdef HAVE_POSTGRESQL
  g_autofree char *template_db = g_strdup_printf ("rct_test_template_%d", RCT_STORE_SCHEMA_VERSION);
  g_autofree char *name = NULL;
  char *location;
  PGconn *admin = PQconnectdb (g_getenv ("RECTIFY_TEST_PG"));
  PGresult *result;
  const char *params[] = { template_db };

  g_assert_cmpint (PQstatus (admin), ==, CONNECTION_OK);
  PQclear (PQexec (admin, "SELECT pg_advisory_lock (20200420)"));
  result = PQexecParams (admin, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL, params, NULL, NULL, 0);
  if (PQntuples (result) == 0)
    {
      g_autofree char *building = g_strconcat (template_db, "_new", NULL);
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s", building);
      g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0", building);
      g_autofree char *rename = g_strdup_printf ("ALTER DATABASE %s RENAME TO %s", building, template_db);
      g_autofree char *building_location = _rct_pg_location_with_database (g_getenv ("RECTIFY_TEST_PG"), building);
      g_autoptr(GError) error = NULL;
      RctStore *store;

      PQclear (PQexec (admin, drop));
      PQclear (PQexec (admin, create));
      store = rct_store_open (building_location, RCT_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      rct_store_close (store);
      g_object_unref (store);
      PQclear (PQexec (admin, rename));
    }
  PQclear (result);
  PQclear (PQexec (admin, "SELECT pg_advisory_unlock (20200420)"));
  PQfinish (admin);

  location = rct_test_pg_new_database (template_db, &name);
  {
    PGconn *conn = PQconnectdb (location);

    result = PQexec (conn, "DO $$ DECLARE o text := gen_random_uuid ()::text; BEGIN"
                           " UPDATE organisation SET uuid = o WHERE uuid = (SELECT organisation_uuid FROM ledger);"
                           " UPDATE ledger SET uuid = gen_random_uuid ()::text, organisation_uuid = o; END $$");
    g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
    PQclear (result);
    PQfinish (conn);
  }
  server_database_add (dir, g_steal_pointer (&name));
  return location;
#else
  g_assert_not_reached ();
  return NULL;
#endif
}
