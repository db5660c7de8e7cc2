/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times short commands side by side: each round runs every command once,
 * in turn (forwards in even rounds, backwards in odd ones), so that a
 * machine getting faster or slower over the minute weighs on all of them
 * alike, as one command's runs in a row (hyperfine, perf stat -r) do not.
 * Each run is from posix_spawn() to waitpid(), standard output to
 * /dev/null.
 *
 *   rct-bench-alternate ROUNDS 'COMMAND ARG…' 'COMMAND ARG…' …
 *
 * Each command is split as the shell would (g_shell_parse_argv()), and
 * its program is looked for in PATH. Prints one line a command, tab
 * separated: median, tenth and ninetieth percentile in milliseconds, then
 * the command. Ten untimed rounds come first. Linux and other POSIX
 * systems only; not a test (tests/bench/stats-bench). */

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

#include <glib.h>

extern char **environ;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/* Milliseconds from spawning @argv to its end, or a negative number when
 * it could not be started or did not exit with 0. */
static double
run_once (char                             **argv,
          const posix_spawn_file_actions_t  *actions)
{
  struct timespec start, end;
  pid_t pid;
  int status;

  clock_gettime (CLOCK_MONOTONIC, &start);
  if (posix_spawnp (&pid, argv[0], actions, NULL, argv, environ) != 0)
    return -1;
  if (waitpid (pid, &status, 0) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return -1;
  clock_gettime (CLOCK_MONOTONIC, &end);
  return (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  posix_spawn_file_actions_t actions;
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  int rounds;

  if (argc < 3 || (rounds = atoi (argv[1])) < 1)
    {
      fprintf (stderr, "Usage: rct-bench-alternate ROUNDS 'COMMAND ARG…' …\n");
      return 2;
    }
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      char **command = NULL;

      if (!g_shell_parse_argv (argv[i], NULL, &command, &error))
        {
          fprintf (stderr, "rct-bench-alternate: %s: %s\n", argv[i], error->message);
          return 2;
        }
      g_ptr_array_add (commands, command);
      g_ptr_array_add (times, g_array_sized_new (FALSE, FALSE, sizeof (double), rounds));
    }
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 1, "/dev/null", O_WRONLY, 0);

  for (int round = -10; round < rounds; round++)
    for (guint k = 0; k < commands->len; k++)
      {
        guint i = round % 2 == 0 ? k : commands->len - 1 - k;
        double ms = run_once (g_ptr_array_index (commands, i), &actions);

        if (ms < 0)
          {
            fprintf (stderr, "rct-bench-alternate: “%s” failed\n", argv[i + 2]);
            return 1;
          }
        if (round >= 0)
          g_array_append_val ((GArray *) g_ptr_array_index (times, i), ms);
      }

  for (guint i = 0; i < commands->len; i++)
    {
      GArray *t = g_ptr_array_index (times, i);
      double *v = (double *) (void *) t->data;

      g_array_sort (t, compare_doubles);
      printf ("%.3f\t%.3f\t%.3f\t%s\n", v[t->len / 2], v[t->len / 10], v[t->len * 9 / 10], argv[i + 2]);
    }
  posix_spawn_file_actions_destroy (&actions);
  return 0;
}
