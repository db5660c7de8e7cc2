/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gmodule.h>
#include <json-glib/json-glib.h>

#include "rct-test-util.h"

/* rectify-cli runs stats itself, on GLib, GObject and SQLite, and every
 * other command from its commands' module (app/rct-cli-main.c): stats
 * works without the module, a command that needs a missing or broken one
 * says so in one sentence, stats loads no GIO, and its JSON, written
 * without json-glib, is the text json-glib writes. */

static char *dir;
static char *db;
static char *lone_cli; /* a copy of the program with no module beside it */

static int
run (const char  *cli,
     char       **out,
     char       **err,
     const char  *const *envp,
     const char  *first_arg,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exit_error = NULL;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (status, &exit_error))
    return 0;
  g_assert_true (g_error_matches (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code));
  return exit_error->code;
}

static void
assert_one_sentence (const char *err,
                     const char *command)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", command);

  g_assert_true (g_str_has_prefix (err, "rectify-cli: "));
  g_assert_true (g_str_has_suffix (err, "install Rectify again.\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_assert_nonnull (strstr (err, quoted));
}

static void
test_stats_without_module (void)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &expected, NULL, NULL, "--db", db, "stats", "--json", NULL), ==, 0);
  g_assert_cmpint (run (lone_cli, &out, NULL, NULL, "--db", db, "stats", "--json", NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (lone_cli, &out, NULL, NULL, "--db", db, "stats", NULL), ==, 0);
  g_assert_cmpuint (strlen (out), >, 0);
}

static void
test_missing_module (void)
{
  g_autofree char *before = rct_test_file_checksum (db);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (run (lone_cli, &out, &err, NULL, "--db", db, "problem", "start", "2021-001", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  assert_one_sentence (err, "problem");
  g_assert_nonnull (strstr (err, "missing"));
  after = rct_test_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_broken_module (void)
{
  g_autofree char *lone_dir = g_path_get_dirname (lone_cli);
  g_autofree char *module = g_strconcat (lone_dir, G_DIR_SEPARATOR_S "rectify-cli-commands.", G_MODULE_SUFFIX, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (module, "not a module", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run (lone_cli, &out, &err, NULL, "--db", db, "list", "problems", NULL), ==, 1);
  assert_one_sentence (err, "list");
  g_assert_nonnull (strstr (err, "could not be loaded"));
  g_clear_pointer (&out, g_free);
  /* stats needs no module, broken or not. */
  g_assert_cmpint (run (lone_cli, &out, NULL, NULL, "--db", db, "stats", "--json", NULL), ==, 0);
  g_unlink (module);
}

/* Which shared objects the dynamic loader maps for stats (glibc's
 * LD_DEBUG): none of GIO, json-glib, libxml2 or the module. */
static void
test_stats_loads_no_gio (void)
{
#ifdef __GLIBC__
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LD_DEBUG", "files", TRUE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *never[] = { "libgio-2.0", "libjson-glib", "libxml2", "libcairo", "libpango", "libxmlsec1", "libcrypto",
                          "libzip", "libxlsxwriter", "libxslt", "rectify-cli-commands" };

  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &out, &err, (const char * const *) envp,
                        "--db", db, "stats", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "libsqlite3"));
  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    if (strstr (err, never[i]) != NULL)
      g_error ("stats loaded %s", never[i]);
  /* Another command loads the module, and GIO with it. */
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &out, &err, (const char * const *) envp,
                        "--db", db, "list", "problems", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "rectify-cli-commands"));
  g_assert_nonnull (strstr (err, "libgio-2.0"));
#else
  g_test_skip ("LD_DEBUG is glibc's");
#endif
}

/* The JSON of stats, written by app/rct-cli-json.c, is json-glib's pretty
 * text of the same tree, byte for byte, with a unit's name that needs
 * escaping. */
static void
test_stats_json_text (void)
{
  const char *name = "带\"引号\\的\t单位\x01";
  g_autofree char *out = NULL;
  g_autofree char *regenerated = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), NULL, NULL, NULL, "--db", db, "unit", "add", name, NULL), ==, 0);
  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &out, NULL, NULL, "--db", db, "stats", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"带\\\"引号\\\\的\\t单位\\u0001\""));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  regenerated = json_generator_to_data (generator, NULL);
  /* g_print ends it with a line's end */
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  g_assert_true (g_str_equal (out, regenerated));
  /* --unit counts that unit only, by name. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &out, NULL, NULL, "--db", db, "stats", "--json", "--unit", name, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "\"total\" : 0,"));
}

/* A unit the ledger does not have is a failure in one line, as before
 * (stats checks the names itself, without the store's record table). */
static void
test_stats_unknown_unit (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &out, &err, NULL, "--db", db, "stats", "--json",
                        "--unit", "没有 这个单位", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "rectify-cli: "));
  g_assert_nonnull (strstr (err, "“没有 这个单位”"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

/* stats speaks the user's language and writes the user's characters,
 * setting only those parts of the locale; a command of the module has it
 * whole. */
static void
test_stats_user_language (void)
{
  g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_autofree char *mo = g_build_filename (po, "zh_CN", "LC_MESSAGES", "rectify.mo", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_autofree char *english_json = NULL;

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no catalogue built");
      return;
    }
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  envp = g_environ_setenv (envp, "RECTIFY_LOCALEDIR", po, TRUE);
  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &out, NULL, (const char * const *) envp, "--db", db, "stats", NULL),
                   ==, 0);
  g_assert_true (g_str_has_prefix (out, "截至 "));
  /* The units' names as they are, not converted for another charset. */
  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &json, NULL, (const char * const *) envp,
                        "--db", db, "stats", "--json", NULL), ==, 0);
  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &english_json, NULL, NULL, "--db", db, "stats", "--json", NULL),
                   ==, 0);
  g_assert_cmpstr (json, ==, english_json);
  g_assert_nonnull (strstr (json, "派出所"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (g_getenv ("RECTIFY_CLI"), &out, &err, (const char * const *) envp, "--db", db, "list", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "需要指明列出什么"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *lone_dir = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = rct_test_make_dir ();
  db = rct_test_ledger_path (dir, "台账 模块.db");
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "init", "--demo", NULL), ==, 0);

  lone_dir = g_build_filename (dir, "单独 程序", NULL);
  g_assert_cmpint (g_mkdir (lone_dir, 0700), ==, 0);
#ifdef G_OS_WIN32
  lone_cli = g_build_filename (lone_dir, "rectify-cli.exe", NULL);
#else
  lone_cli = g_build_filename (lone_dir, "rectify-cli", NULL);
#endif
  g_assert_true (g_file_get_contents (g_getenv ("RECTIFY_CLI"), &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (lone_cli, contents, length, G_FILE_SET_CONTENTS_NONE, 0700, &error));
  g_assert_no_error (error);

  g_test_add_func ("/cli/modules/stats-without-module", test_stats_without_module);
  g_test_add_func ("/cli/modules/missing-module-one-sentence", test_missing_module);
  g_test_add_func ("/cli/modules/broken-module-one-sentence", test_broken_module);
  g_test_add_func ("/cli/stats/loads-no-gio", test_stats_loads_no_gio);
  g_test_add_func ("/cli/stats/json-text", test_stats_json_text);
  g_test_add_func ("/cli/stats/unknown-unit", test_stats_unknown_unit);
  g_test_add_func ("/cli/stats/user-language", test_stats_user_language);
  status = g_test_run ();
  rct_test_remove_dir (dir);
  g_free (lone_cli);
  g_free (db);
  g_free (dir);
  return status;
}
