/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <signal.h>
# include <sys/resource.h>
# include <unistd.h>
#endif

#include "rct-backups-private.h"
#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-test-util.h"

/* Crash safety, shown: a child process writes problems and workflow steps,
 * each in its own transaction, and prints each one's number once the commit
 * has returned; it is killed with SIGKILL at a random moment; the ledger is
 * then opened and must pass integrity_check and foreign_key_check and hold
 * every change the child reported. RECTIFY_CRASH_KILLS sets how many kills
 * (20 in `meson test`, 100 or more by build-aux/crash-test.sh).
 * A bulk import killed halfway is all or nothing: every batch the child
 * reported imported is there whole, the one in flight whole or not at all
 * (RECTIFY_CRASH_IMPORT_KILLS, 10 by default).
 * A disk that fills up is shown the same way, with RLIMIT_FSIZE.
 * A restore killed at each of its steps (RECTIFY_CRASH_RESTORE_ROUNDS
 * rounds of each, 2 by default) leaves the ledger as it was or as the
 * backup was, never a mix of the two, and the ledger as it was is kept. */

#define IMPORT_ROWS 200

static char *self_path;

/* The child: write until killed. */
static int
write_forever (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0;; i++)
    {
      gint64 id = 0;
      g_autoptr(RctProblem) problem = NULL;

      if (!rct_store_create_va (store, RCT_KIND_PROBLEM, &id, &error, "description", "夜间值班记录不全，交接班未签字",
                                "source", "self-inspection", "unit", "回河派出所", "found_date", "2021-05-01",
                                "deadline", "2021-06-01", NULL))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (i % 3 == 0)
        rct_store_problem_act (store, id, RCT_ACTION_START, NULL, NULL);
      problem = rct_store_get (store, RCT_KIND_PROBLEM, id, NULL);
      /* Only now, after the commits returned, is the change reported:
       * the number and the status the workflow step left. */
      printf ("%s %s\n", problem->number, problem->status);
      fflush (stdout);
    }
  return 0;
}

/* The child: import batches of problems from CSV until killed; each batch
 * is reported once its import returned. */
static int
import_forever (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint batch = (guint) rct_test_count_rows (store, RCT_KIND_PROBLEM) / IMPORT_ROWS + 1;; batch++)
    {
      g_autoptr(GString) csv = g_string_new ("问题描述,来源,责任单位,发现日期,整改期限\r\n");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(RctCsvTable) table = NULL;
      g_autoptr(GHashTable) mapping = NULL;
      g_autoptr(RctCsvImport) import = NULL;

      for (guint row = 0; row < IMPORT_ROWS; row++)
        g_string_append_printf (csv, "批量导入 批次 %05u 号 第 %u 行,自查,回河派出所,2021-04-20,2021-05-20\r\n",
                                batch, row);
      bytes = g_bytes_new (csv->str, csv->len);
      table = rct_csv_parse (bytes, &error);
      if (table == NULL ||
          !rct_csv_parse_mapping ("问题描述=description,来源=source,责任单位=unit,发现日期=found_date,"
                                  "整改期限=deadline", table, &mapping, &error) ||
          (import = rct_csv_import_problems (store, table, mapping, FALSE, "crash.csv", &error)) == NULL ||
          import->imported != IMPORT_ROWS)
        {
          g_printerr ("%s\n", error != NULL ? error->message : "rows refused");
          return 1;
        }
      printf ("%u\n", batch);
      fflush (stdout);
    }
  return 0;
}

#ifdef G_OS_UNIX
/* The child under a file size limit: write until the "disk" is full. */
static int
write_until_full (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  struct rlimit limit = { 0 };
  GStatBuf info;

  if (store == NULL)
    return 2;
  signal (SIGXFSZ, SIG_IGN);
  g_stat (path, &info);
  limit.rlim_cur = limit.rlim_max = info.st_size + 64 * 1024;
  setrlimit (RLIMIT_FSIZE, &limit);
  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(GString) text = g_string_new ("很长的问题描述");
      gint64 id;

      for (int k = 0; k < 200; k++)
        g_string_append (text, "整改");
      if (!rct_store_create_va (store, RCT_KIND_PROBLEM, &id, &error, "description", text->str,
                                "source", "self-inspection", "unit", "回河派出所", "found_date", "2021-05-01",
                                "deadline", "2021-06-01", NULL))
        {
          printf ("refused: %s\n", error->message);
          fflush (stdout);
          return 0;
        }
      printf ("%" G_GINT64_FORMAT "\n", id);
      fflush (stdout);
    }
  return 3;
}
#endif

static char *
make_ledger (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rct_test_make_dir ();
  char *path = rct_test_ledger_path (dir, NULL);
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  *out_dir = g_steal_pointer (&dir);
  return path;
}

static GPtrArray *
read_data_lines (GDataInputStream *data,
                 GPtrArray        *lines)
{
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, NULL)) != NULL)
    g_ptr_array_add (lines, line);
  return lines;
}

static GPtrArray *
read_lines (GInputStream *out,
            GPtrArray    *lines)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (out);

  return read_data_lines (data, lines);
}

static void
test_kill (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  const char *env = g_getenv ("RECTIFY_CRASH_KILLS");
  guint kills = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 20;
  guint checks = 0, confirmed = 0;
  g_autoptr(GRand) rand = g_rand_new ();

  for (guint k = 0; k < kills; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path,
                                                      "--write", path, NULL);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(RctStore) store = NULL;
      g_autoptr(GDataInputStream) out = NULL;

      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      /* The first kill waits for the child's first confirmed change, so
       * that at least one is checked however slow the start (two
       * sanitized tests in parallel); the later ones fall anywhere, in
       * the opening too. */
      if (k == 0)
        {
          char *first = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

          g_assert_no_error (error);
          g_assert_nonnull (first);
          g_ptr_array_add (lines, first);
        }
      g_usleep (g_rand_int_range (rand, 30, 250) * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      read_data_lines (out, lines);
      g_subprocess_wait (child, NULL, NULL);

      /* The ledger opens (taking over the dead child's lock), is sound, and
       * holds every problem the child reported committed. */
      store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (rct_store_check (store, &error));
      g_assert_no_error (error);
      checks++;
      for (guint i = 0; i < lines->len; i++)
        {
          g_auto(GStrv) fields = g_strsplit (g_ptr_array_index (lines, i), " ", 2);
          gint64 id = rct_store_find_id (store, RCT_KIND_PROBLEM, fields[0], NULL);
          g_autoptr(RctProblem) problem = NULL;

          g_assert_cmpint (id, >, 0);
          problem = rct_store_get (store, RCT_KIND_PROBLEM, id, NULL);
          g_assert_cmpstr (problem->status, ==, fields[1]);
          confirmed++;
        }
    }
  g_test_message ("kills: %u, checks passed: %u, changes confirmed: %u", kills, checks, confirmed);
  g_assert_cmpuint (checks, ==, kills);
  g_assert_cmpuint (confirmed, >, 0);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("SIGKILL is POSIX");
#endif
}

static gint64
count_batch (RctStore *store,
             guint     batch)
{
  g_autofree char *search = g_strdup_printf ("批次 %05u 号", batch);
  RctFilter filter = { .search = search };
  g_autoptr(GError) error = NULL;
  gint64 n = rct_store_count (store, RCT_KIND_PROBLEM, &filter, &error);

  g_assert_no_error (error);
  return n;
}

static guint
batches_before (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return (guint) (rct_test_count_rows (store, RCT_KIND_PROBLEM) / IMPORT_ROWS);
}

static void
test_kill_import (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  const char *env = g_getenv ("RECTIFY_CRASH_IMPORT_KILLS");
  guint kills = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 10;
  guint checks = 0, batches = 0, in_flight_whole = 0, in_flight_none = 0;
  g_autoptr(GRand) rand = g_rand_new ();

  for (guint k = 0; k < kills; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path,
                                                      "--import", path, NULL);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(RctStore) store = NULL;
      guint first = batches_before (path), last;
      gint64 next;

      g_assert_no_error (error);
      g_usleep (g_rand_int_range (rand, 50, 400) * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      read_lines (g_subprocess_get_stdout_pipe (child), lines);
      g_subprocess_wait (child, NULL, NULL);

      store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (rct_store_check (store, &error));
      g_assert_no_error (error);
      checks++;
      last = first;
      for (guint i = 0; i < lines->len; i++)
        {
          last = (guint) g_ascii_strtoull (g_ptr_array_index (lines, i), NULL, 10);
          g_assert_cmpuint (last, ==, first + 1 + i);
          g_assert_cmpint (count_batch (store, last), ==, IMPORT_ROWS);
          batches++;
        }
      /* The batch the kill interrupted: whole (committed, not yet
       * reported) or not there at all, never in part. */
      next = count_batch (store, last + 1);
      g_assert_true (next == 0 || next == IMPORT_ROWS);
      if (next == 0)
        in_flight_none++;
      else
        in_flight_whole++;
      g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM) % IMPORT_ROWS, ==, 0);
    }
  g_test_message ("import kills: %u, checks passed: %u, batches of %u confirmed: %u, "
                  "batch in flight absent: %u, whole: %u, in part: 0",
                  kills, checks, IMPORT_ROWS, batches, in_flight_none, in_flight_whole);
  g_assert_cmpuint (checks, ==, kills);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("SIGKILL is POSIX");
#endif
}

static void
test_disk_full (void)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = NULL;
  g_autofree char *path = make_ledger (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path,
                                                  "--fill", path, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RctStore) store = NULL;
  const char *last;

  g_assert_no_error (error);
  read_lines (g_subprocess_get_stdout_pipe (child), lines);
  g_assert_true (g_subprocess_wait_check (child, NULL, &error));
  g_assert_cmpuint (lines->len, >, 1);
  last = g_ptr_array_index (lines, lines->len - 1);
  g_test_message ("%u writes, then %s", lines->len - 1, last);
  /* One plain sentence, and the failed write rolled back. */
  g_assert_true (g_str_has_prefix (last, "refused: "));
  g_assert_nonnull (strstr (last, "disk"));
  g_assert_nonnull (strstr (last, "full"));
  g_assert_nonnull (strstr (last, "nothing was saved"));

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (rct_store_check (store, &error));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, lines->len - 1);
  for (guint i = 0; i + 1 < lines->len; i++)
    {
      g_autoptr(RctProblem) problem = rct_store_get (store, RCT_KIND_PROBLEM,
                                                     g_ascii_strtoll (g_ptr_array_index (lines, i), NULL, 10), NULL);
      g_assert_nonnull (problem);
    }
  rct_test_remove_dir (dir);
#else
  g_test_skip ("RLIMIT_FSIZE is POSIX");
#endif
}

#define RESTORE_BACKUP_PROBLEMS 5
#define RESTORE_MAIN_PROBLEMS 205
#define RESTORE_LOG_PROBLEMS 3

static void
add_problems (RctStore *store,
              guint     count)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_store_begin (store, &error));
  for (guint i = 0; i < count; i++)
    rct_test_add_problem (store, "回河派出所", "2021-05-01", "2021-06-01", "恢复时被中断的台账里的问题");
  g_assert_true (rct_store_commit (store, &error));
  g_assert_no_error (error);
}

#ifdef G_OS_UNIX
/* The child: a few changes committed to the -wal, then killed, so the
 * ledger is left with a log that holds committed changes. */
static int
write_log_and_die (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < RESTORE_LOG_PROBLEMS; i++)
    rct_test_add_problem (store, "回河派出所", "2021-05-01", "2021-06-01", "只在日志里的问题");
  kill (getpid (), SIGKILL);
  return 1;
}

static RctRestoreStep kill_at;

static void
kill_at_step_cb (RctRestoreStep step)
{
  if (step == kill_at)
    kill (getpid (), SIGKILL);
}

/* The child: a restore, killed after step @step. */
static int
restore_and_die (const char *ledger,
                 const char *backup,
                 const char *backup_dir,
                 const char *step)
{
  g_autoptr(GError) error = NULL;

  kill_at = (RctRestoreStep) g_ascii_strtoull (step, NULL, 10);
  _rct_backups_restore_step_hook = kill_at_step_cb;
  if (!rct_backups_restore (ledger, backup, backup_dir, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

static gint64
count_problems_checked (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (rct_store_check (store, &error));
  g_assert_no_error (error);
  return rct_test_count_rows (store, RCT_KIND_PROBLEM);
}

static char *
find_kept (const char *backup_dir)
{
  g_autoptr(GDir) dir = g_dir_open (backup_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".before-restore.") != NULL && g_str_has_suffix (name, ".db"))
      return g_build_filename (backup_dir, name, NULL);
  return NULL;
}

static void
run_child_to_death (const char *first_arg,
                    ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, self_path);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  child = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
}
#endif

static void
test_kill_restore (void)
{
#ifdef G_OS_UNIX
  const char *env = g_getenv ("RECTIFY_CRASH_RESTORE_ROUNDS");
  guint rounds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 2;
  gint64 old_total = RESTORE_BACKUP_PROBLEMS + RESTORE_MAIN_PROBLEMS + RESTORE_LOG_PROBLEMS;
  guint kills = 0, checks = 0, as_before = 0, as_backup = 0, without_log = 0, finished = 0;

  for (guint round = 0; round < rounds; round++)
    for (int step = RCT_RESTORE_STEP_KEPT; step <= RCT_RESTORE_N_STEPS; step++)
      {
        g_autofree char *dir = NULL;
        g_autofree char *path = make_ledger (&dir);
        g_autofree char *backup_dir = g_build_filename (dir, "备份 目录", NULL);
        g_autofree char *backup = g_build_filename (dir, "那天的 备份.db", NULL);
        g_autofree char *step_text = g_strdup_printf ("%d", step);
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);
        g_autofree char *kept = NULL;
        g_autoptr(GError) error = NULL;
        gint64 count;

        {
          g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);

          g_assert_no_error (error);
          add_problems (store, RESTORE_BACKUP_PROBLEMS);
          g_assert_true (rct_store_backup (store, backup, &error));
          g_assert_no_error (error);
          add_problems (store, RESTORE_MAIN_PROBLEMS);
        }
        /* The ledger's last changes are in its -wal only. */
        run_child_to_death ("--log", path, NULL);
        g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

        run_child_to_death ("--restore", path, backup, backup_dir, step_text, NULL);
        kills++;

        /* The ledger opens and passes its check, as it was or as the
         * backup was; without its log only when the kept copy has it. */
        kept = find_kept (backup_dir);
        count = count_problems_checked (path);
        checks++;
        if (count == old_total)
          as_before++;
        else if (count == RESTORE_BACKUP_PROBLEMS)
          as_backup++;
        else
          {
            g_assert_cmpint (count, ==, RESTORE_BACKUP_PROBLEMS + RESTORE_MAIN_PROBLEMS);
            g_assert_cmpint (step, ==, RCT_RESTORE_STEP_LOG_REMOVED);
            without_log++;
          }
        g_assert_nonnull (kept);
        g_assert_cmpint (count_problems_checked (kept), ==, old_total);

        /* The restore, done again, completes. */
        g_assert_true (rct_backups_restore (path, backup, backup_dir, &error));
        g_assert_no_error (error);
        g_assert_cmpint (count_problems_checked (path), ==, RESTORE_BACKUP_PROBLEMS);
        finished++;
        rct_test_remove_dir (dir);
      }
  g_test_message ("restore kills: %u, checks passed: %u, as before: %u, as the backup: %u, "
                  "before without its log (kept whole): %u, restores done again: %u",
                  kills, checks, as_before, as_backup, without_log, finished);
  g_assert_cmpuint (checks, ==, kills);
  g_assert_cmpuint (finished, ==, kills);
#else
  g_test_skip ("SIGKILL is POSIX");
#endif
}

int
main (int argc, char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "--write"))
    return write_forever (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--import"))
    return import_forever (argv[2]);
#ifdef G_OS_UNIX
  if (argc == 3 && g_str_equal (argv[1], "--fill"))
    return write_until_full (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--log"))
    return write_log_and_die (argv[2]);
  if (argc == 6 && g_str_equal (argv[1], "--restore"))
    return restore_and_die (argv[2], argv[3], argv[4], argv[5]);
#endif
  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reliability/kill/committed-changes-survive", test_kill);
  g_test_add_func ("/reliability/kill/import-all-or-nothing", test_kill_import);
  g_test_add_func ("/reliability/disk-full/refused-and-rolled-back", test_disk_full);
  g_test_add_func ("/reliability/kill/restore-never-mixes", test_kill_restore);
  return g_test_run ();
}
