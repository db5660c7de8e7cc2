/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rct-test-util.h"

/* A second running copy: a child process opens the ledger (taking the lock)
 * and waits; this process must get RCT_STORE_ERROR_LOCKED, may open it
 * read-only, and takes the lock over once the child is killed. */

static char *self_path;

static GSubprocess *
spawn_holder (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_path, "--hold", path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "holding");
  return g_steal_pointer (&child);
}

static void
test_second_copy_refused (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = rct_test_ledger_path (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) first = rct_store_open (path, RCT_STORE_OPEN_CREATE, &error);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(RctStore) second = NULL;
  g_autoptr(RctStore) reader = NULL;
  g_autoptr(RctStore) after = NULL;
  g_autofree char *holder = NULL;

  g_assert_no_error (error);
  g_clear_object (&first);  /* closing releases the lock */

  child = spawn_holder (path);
  second = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (second);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  reader = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  holder = rct_store_dup_lock_holder (reader);
  g_assert_nonnull (holder);
  g_assert_nonnull (strstr (holder, g_subprocess_get_identifier (child)));
  g_clear_object (&reader);

  /* Killed, not closed: its lock is stale and is taken over. */
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, NULL);
  after = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_clear_object (&after);
  rct_test_remove_dir (dir);
}

static void
test_clean_close_releases (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *path = rct_test_ledger_path (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctStore) created = rct_store_open (path, RCT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_clear_object (&created);
  child = spawn_holder (path);
  /* Closing stdin lets the child close the ledger and exit. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, NULL);
  g_subprocess_wait_check (child, NULL, &error);
  g_assert_no_error (error);
  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static int
hold (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  char buffer[64];

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("holding\n");
  fflush (stdout);
  while (fgets (buffer, sizeof buffer, stdin) != NULL)
    ;
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "--hold"))
    return hold (argv[2]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lock/second-copy-refused-then-stale-taken-over", test_second_copy_refused);
  g_test_add_func ("/lock/clean-close-releases", test_clean_close_releases);
  return g_test_run ();
}
