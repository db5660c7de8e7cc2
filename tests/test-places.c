/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#ifndef _WIN32
#include <sys/stat.h>
#endif

#include <glib.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <unistd.h>
#endif

#include "rct-backups.h"
#include "rct-test-util.h"

/* Read-only places: a ledger file that cannot be written and a ledger in a
 * folder that cannot be written. Opening either for writing is refused with
 * one plain sentence (RCT_STORE_ERROR_READ_ONLY, so the window can offer to
 * open it read-only); opening it read-only works; the file is left byte for
 * byte as it was and passes its check. A backup into a read-only folder, and
 * a restore over a ledger in one, fail the same way and change nothing.
 *
 * File permissions do not bind root, so as root the part that must be
 * refused runs in a child process as "nobody" (uid 65534). The full disk is
 * in test-crash.c. */

#define NOBODY 65534

static char *self_path;

/* The child: what a copy of Rectify sees in that place. */
static int
try_place (const char *path,
           const char *backup_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) writer = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_autoptr(RctStore) reader = NULL;

  if (writer != NULL)
    printf ("write: opened\n");
  else
    printf ("write: %s %d %s\n", g_quark_to_string (error->domain), error->code, error->message);
  g_clear_error (&error);

  reader = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
  if (reader != NULL)
    printf ("read: %" G_GINT64_FORMAT "\n", rct_test_count_rows (reader, RCT_KIND_PROBLEM));
  else
    printf ("read failed: %s\n", error->message);
  g_clear_error (&error);

  if (reader != NULL && backup_dir != NULL)
    {
      if (rct_backups_take_if_due (reader, backup_dir, 14, NULL, &error))
        printf ("backup: taken\n");
      else
        printf ("backup: %s\n", error->message);
    }
  return 0;
}

#ifdef G_OS_UNIX
static void
become_nobody_cb (gpointer user_data)
{
  if (setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    _exit (99);
}
#endif

static char *
run_child (const char *path,
           const char *backup_dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

#ifdef G_OS_UNIX
  if (getuid () == 0)
    g_subprocess_launcher_set_child_setup (launcher, become_nobody_cb, NULL, NULL);
#endif
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--try", path, backup_dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  return out;
}

/* A ledger with the demo campaign in @dir/账本 目录/, readable by nobody. */
static char *
make_place (char **out_dir,
            char **out_folder)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *folder = g_build_filename (dir, "账本 目录", NULL);
  g_autofree char *path = g_build_filename (folder, "整改 台账.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (rct_store_backup (store, path, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_chmod (dir, 0755);
  *out_dir = g_steal_pointer (&dir);
  *out_folder = g_steal_pointer (&folder);
  return g_steal_pointer (&path);
}

static void
assert_one_sentence (const char *message)
{
  g_assert_null (strchr (message, '\n'));
  g_assert_true (g_str_has_suffix (message, "."));
  /* One full stop, at the end (the file name may hold dots). */
  g_assert_null (strstr (message, ". "));
}

static void
assert_refused_and_unchanged (const char *path,
                              const char *out,
                              const char *before)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *expected = g_strdup_printf ("write: %s %d ", g_quark_to_string (RCT_STORE_ERROR),
                                               RCT_STORE_ERROR_READ_ONLY);
  g_autofree char *after = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", out);
  g_assert_true (g_str_has_prefix (lines[0], expected));
  assert_one_sentence (lines[0] + strlen (expected));
  g_assert_nonnull (strstr (lines[0], "read-only"));
  g_assert_true (g_str_has_prefix (lines[1], "read: "));
  g_assert_cmpint (g_ascii_strtoll (lines[1] + 6, NULL, 10), >, 0);

  after = rct_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  store = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (rct_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_read_only_file (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = make_place (&dir, &folder);
  g_autofree char *before = rct_test_file_checksum (path);
  g_autofree char *out = NULL;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  /* The folder is writable: SQLite may make its -wal and -shm there. */
  if (getuid () == 0)
    g_assert_cmpint (chown (folder, NOBODY, NOBODY), ==, 0);
  out = run_child (path, NULL);
  assert_refused_and_unchanged (path, out, before);
  g_chmod (path, 0644);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("file modes are POSIX");
#endif
}

static void
test_read_only_folder (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = make_place (&dir, &folder);
  g_autofree char *before = rct_test_file_checksum (path);
  g_autofree char *backups = g_build_filename (folder, "backups", NULL);
  g_autofree char *out = NULL;

  /* The file itself is writable; its folder is not. */
  if (getuid () == 0)
    g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  out = run_child (path, backups);
  assert_refused_and_unchanged (path, out, before);
  /* A backup into the read-only folder: refused in one sentence. */
  g_assert_nonnull (strstr (out, "backup: Cannot create the folder"));
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  g_chmod (folder, 0755);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("file modes are POSIX");
#endif
}

/* The child: a restore, as the clerk would ask for it. */
static int
try_restore (const char *path,
             const char *backup,
             const char *backup_dir)
{
  g_autoptr(GError) error = NULL;

  if (rct_backups_restore (path, backup, backup_dir, &error))
    printf ("restored\n");
  else
    printf ("refused: %s %d %s\n", g_quark_to_string (error->domain), error->code, error->message);
  return 0;
}

/* A restore over a ledger whose folder is read-only changes nothing. */
static void
test_restore_into_read_only_folder (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = make_place (&dir, &folder);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *taken = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = g_strdup_printf ("refused: %s %d ", g_quark_to_string (RCT_STORE_ERROR),
                                               RCT_STORE_ERROR_WRITE);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;

  g_assert_no_error (error);
  g_assert_true (rct_backups_take_if_due (store, backups, 14, &taken, &error));
  g_clear_object (&store);
  before = rct_test_file_checksum (path);
  if (getuid () == 0)
    {
      /* The backups folder is the child's; the ledger's folder is not. */
      g_assert_cmpint (chown (backups, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
      g_subprocess_launcher_set_child_setup (launcher, become_nobody_cb, NULL, NULL);
    }
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--restore", path, taken, backups, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", out);
  g_assert_true (g_str_has_prefix (out, expected));
  g_assert_nonnull (strstr (out, "not restored and is unchanged: its folder"));
  after = rct_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_chmod (folder, 0755);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("file modes are POSIX");
#endif
}

/* A folder, or a pipe (which a read would wait on for ever), named as a
 * ledger, for instance by a stale setting: refused at once in one
 * sentence, whatever the flags. */
static void
test_not_a_file (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *folder = g_build_filename (dir, "台账 文件夹.db", NULL);
  g_autofree char *pipe = g_build_filename (dir, "管道.db", NULL);
  const char *paths[] = { folder, pipe };
  const RctStoreOpenFlags flags[] = { RCT_STORE_OPEN_DEFAULT, RCT_STORE_OPEN_READ_ONLY, RCT_STORE_OPEN_CREATE };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
#ifndef G_OS_WIN32
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
#else
  paths[1] = folder;
#endif
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (guint j = 0; j < G_N_ELEMENTS (flags); j++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RctStore) store = rct_store_open (paths[i], flags[j], &error);

        g_assert_null (store);
        g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER);
        g_test_message ("%s", error->message);
      }
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  rct_test_remove_dir (dir);
}

/* As root, the refused part runs as nobody, who may not enter the folder
 * this program is in (a project in /root): that child runs a copy of it in
 * a temporary folder of its own. Returns the folder, or %NULL when not
 * root (self_path is then this program). */
static char *
runnable_copy (void)
{
#ifdef G_OS_UNIX
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  if (getuid () != 0)
    return NULL;
  dir = g_dir_make_tmp ("rectify-places-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  copy = g_build_filename (dir, "test-places", NULL);
  from = g_file_new_for_path (self_path);
  to = g_file_new_for_path (copy);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (copy, 0755), ==, 0);
  g_free (self_path);
  self_path = g_steal_pointer (&copy);
  return g_steal_pointer (&dir);
#else
  return NULL;
#endif
}

int
main (int argc, char **argv)
{
  g_autofree char *copy = NULL;
  int status;

  if (argc == 5 && g_str_equal (argv[1], "--restore"))
    return try_restore (argv[2], argv[3], argv[4]);
  if (argc >= 3 && g_str_equal (argv[1], "--try"))
    return try_place (argv[2], argc >= 4 ? argv[3] : NULL);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  copy = runnable_copy ();
  g_test_add_func ("/reliability/places/folder-or-pipe-refused", test_not_a_file);
  g_test_add_func ("/reliability/read-only/file-refused-unchanged", test_read_only_file);
  g_test_add_func ("/reliability/read-only/folder-refused-unchanged", test_read_only_folder);
  g_test_add_func ("/reliability/read-only/restore-into-read-only-folder", test_restore_into_read_only_folder);
  status = g_test_run ();
  if (copy != NULL)
    rct_test_remove_dir (copy);
  return status;
}
