/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rct-test-util.h"

/* A second running copy: a child process opens the ledger (taking the lock)
 * and waits; this process must get RCT_STORE_ERROR_LOCKED, may open it
 * read-only, and takes the lock over once the child is killed. Two copies
 * started together on one ledger, again and again: one writes, the other is
 * refused (or writes only after the first closed), and the ledger passes
 * its check with every problem the writers reported. */

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

/* A child for the race: open for writing; when refused as a second copy,
 * read the ledger read-only and try a change through that (which must be
 * refused); else write @count problems, each number printed after commit. */
static int
race (const char *path,
      guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    {
      g_autoptr(RctStore) reader = NULL;

      if (!g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_LOCKED))
        {
          printf ("error: %s\n", error->message);
          return 1;
        }
      g_clear_error (&error);
      reader = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
      if (reader == NULL)
        {
          printf ("error: %s\n", error->message);
          return 1;
        }
      if (rct_store_create_va (reader, RCT_KIND_UNIT, NULL, &error, "name", "第二个副本的单位", NULL) ||
          !g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY))
        {
          printf ("error: a read-only copy wrote\n");
          return 1;
        }
      printf ("locked: %" G_GINT64_FORMAT "\n", rct_test_count_rows (reader, RCT_KIND_PROBLEM));
      return 0;
    }
  printf ("writing\n");
  fflush (stdout);
  for (guint i = 0; i < count; i++)
    {
      gint64 id = rct_test_add_problem (store, "回河派出所", "2021-05-01", "2021-06-01", "两个副本同时打开时登记的问题");
      g_autoptr(RctProblem) problem = rct_store_get (store, RCT_KIND_PROBLEM, id, NULL);

      printf ("%s\n", problem->number);
    }
  return 0;
}

static void
test_two_copies_race (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) created = rct_test_open_new (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (created));
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  guint rounds = 8, refused = 0, both_wrote = 0;

  rct_store_create_va (created, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  g_clear_object (&created);

  for (guint round = 0; round < rounds; round++)
    {
      GSubprocess *copies[2];
      guint writers = 0;

      for (guint c = 0; c < 2; c++)
        {
          copies[c] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--race", path, "300", NULL);
          g_assert_no_error (error);
        }
      for (guint c = 0; c < 2; c++)
        {
          g_autofree char *out = NULL;
          g_auto(GStrv) lines = NULL;

          g_subprocess_communicate_utf8 (copies[c], NULL, NULL, &out, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (g_subprocess_get_successful (copies[c]));
          lines = g_strsplit (out, "\n", -1);
          if (g_str_has_prefix (lines[0], "locked: "))
            refused++;
          else
            {
              g_assert_cmpstr (lines[0], ==, "writing");
              writers++;
              for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
                g_ptr_array_add (numbers, g_strdup (lines[i]));
            }
          g_object_unref (copies[c]);
        }
      g_assert_cmpuint (writers, >=, 1);
      /* Two writers only one after the other: the first closed in time. */
      if (writers == 2)
        both_wrote++;
    }

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (rct_store_check (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, numbers->len);
  for (guint i = 0; i < numbers->len; i++)
    g_assert_cmpint (rct_store_find_id (store, RCT_KIND_PROBLEM, g_ptr_array_index (numbers, i), NULL), >, 0);
  g_test_message ("rounds: %u, second copy refused: %u, one after the other: %u, problems written and found: %u",
                  rounds, refused, both_wrote, numbers->len);
  g_assert_cmpuint (refused, >, 0);
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
  if (argc == 4 && g_str_equal (argv[1], "--race"))
    return race (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lock/second-copy-refused-then-stale-taken-over", test_second_copy_refused);
  g_test_add_func ("/lock/clean-close-releases", test_clean_close_releases);
  g_test_add_func ("/lock/two-copies-race-one-writes", test_two_copies_race);
  return g_test_run ();
}
