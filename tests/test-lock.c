/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rct-backups.h"
#include "rct-merge.h"
#include "rct-report.h"
#include "rct-test-util.h"

/* A second running copy: a child process opens the ledger (taking the lock)
 * and waits; this process must get RCT_STORE_ERROR_LOCKED, may open it
 * read-only, and takes the lock over once the child is killed. Two copies
 * started together on one ledger, again and again: one writes, the other is
 * refused (or writes only after the first closed), and the ledger passes
 * its check with every problem the writers reported.
 *
 * Another reader never costs a committed change: a child opens the ledger
 * with every connection the window makes (the deferred check, the daily
 * backup's thread, a read-only worker), keeps its SHARED lock on the file
 * throughout (/proc/PID/fdinfo), the sqlite3 shell reads the ledger
 * meanwhile, the child writes and is killed, and the change is there. The
 * same when the child's process has also opened, read and closed the
 * ledger, its -wal and its -shm through descriptors of its own (GIO's
 * content sniffing, asked by GTK's file chooser): a POSIX lock would have
 * been dropped by that close, SQLite's open-file-description locks are not.
 * And a long write transaction, sniffed all along while another program
 * opens the ledger every few milliseconds keeps its SHARED lock, neither
 * dies of SIGBUS nor loses a row. */

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

/* SQLite's SHARED lock: a read lock on the 510 bytes from 2^30 + 2. */
#define SHARED_FIRST "1073741826"

/* Whether process @pid holds SQLite's SHARED lock on @path, by the "lock:"
 * lines of its descriptors in /proc/PID/fdinfo ("lock:\t1: OFD  ADVISORY
 * READ -1 08:01:5678 1073741826 1073742335", the inode last in the sixth
 * field): POSIX and open-file-description locks alike, the latter shown
 * with pid -1 in /proc/locks. */
static gboolean
holds_shared_lock (GPid        pid,
                   const char *path)
{
  g_autofree char *fdinfo = g_strdup_printf ("/proc/%d/fdinfo", (int) pid);
  g_autoptr(GDir) dir = g_dir_open (fdinfo, 0, NULL);
  const char *name;
  GStatBuf info;
  gboolean found = FALSE;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_nonnull (dir);
  while (!found && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fdinfo, name, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (file, &text, NULL, NULL))
        continue;  /* a descriptor closed meanwhile */
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; !found && lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;
          g_autoptr(GPtrArray) words = g_ptr_array_new ();

          if (!g_str_has_prefix (lines[i], "lock:"))
            continue;
          fields = g_strsplit_set (lines[i] + 5, " \t", -1);
          for (guint f = 0; fields[f] != NULL; f++)
            if (*fields[f] != '\0')
              g_ptr_array_add (words, fields[f]);
          /* A blocked request carries "->" in front; it is no lock held. */
          if (words->len >= 8 && !g_str_equal (g_ptr_array_index (words, 1), "->") &&
              g_str_equal (g_ptr_array_index (words, 3), "READ") &&
              g_str_equal (g_ptr_array_index (words, 6), SHARED_FIRST))
            {
              const char *inode = strrchr (g_ptr_array_index (words, 5), ':');

              found = inode != NULL && g_ascii_strtoull (inode + 1, NULL, 10) == (guint64) info.st_ino;
            }
        }
    }
  return found;
}

/* What GIO does to a file it cannot type by its name, asked by GTK's file
 * chooser: open it, read 4 KB, close it. Both ways, on the ledger, its
 * -wal and its -shm. */
static void
sniff_ledger (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (name);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      char buffer[4096];
      int fd = g_open (name, O_RDONLY, 0);

      if (fd >= 0)
        {
          G_GNUC_UNUSED gssize got = read (fd, buffer, sizeof buffer);

          g_close (fd, NULL);
        }
    }
}

static gpointer
backup_thread_cb (gpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backups = g_build_filename (dir, "备份", NULL);
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK, &error);

  if (store == NULL || !rct_backups_take_if_due (store, backups, 14, NULL, &error))
    g_printerr ("backup: %s\n", error->message);
  return NULL;
}

static gpointer
check_thread_cb (gpointer data)
{
  g_autoptr(GError) error = NULL;

  if (!rct_store_quick_check (data, NULL, &error))
    g_printerr ("check: %s\n", error->message);
  return NULL;
}

/* The child: the window's connections (then, when @sniff, GIO's sniff
 * of the ledger's files in this process), then one write on request. */
static int
hold_like_window (const char *path,
                  gboolean    sniff)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFER_CHECK, &error);
  g_autoptr(RctStore) reader = NULL;
  char buffer[64];

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_thread_join (g_thread_new ("check", check_thread_cb, (gpointer) path));
  g_thread_join (g_thread_new ("backup", backup_thread_cb, (gpointer) path));
  reader = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK, &error);
  if (reader == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_clear_object (&reader);
  if (sniff)
    sniff_ledger (path);
  g_print ("ready\n");
  fflush (stdout);
  while (fgets (buffer, sizeof buffer, stdin) != NULL)
    {
      gint64 id = rct_test_add_problem (store, "回河派出所", "2021-05-01", "2021-06-01", "别的程序读过之后登记的问题");
      g_autoptr(RctProblem) problem = rct_store_get (store, RCT_KIND_PROBLEM, id, NULL);

      g_print ("%s\n", problem->number);
      fflush (stdout);
    }
  return 0;
}

static char *
read_child_line (GDataInputStream *out)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

static void
test_other_reader_then_kill (gconstpointer data)
{
  gboolean sniff = GPOINTER_TO_INT (data);
#ifdef __linux__
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) created = rct_test_open_new (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (created));
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autofree char *line = NULL;
  g_autofree char *number = NULL;
  g_autofree char *shell_out = NULL;
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  GPid pid;

  if (sqlite3 == NULL)
    {
      g_test_skip ("the sqlite3 shell is not installed");
      return;
    }
  rct_store_create_va (created, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  rct_test_add_problem (created, "回河派出所", "2021-05-01", "2021-06-01", NULL);
  g_clear_object (&created);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_path, sniff ? "--like-window-sniffed" : "--like-window", path, NULL);
  g_assert_no_error (error);
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (child), NULL, 10);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = read_child_line (out);
  g_assert_cmpstr (line, ==, "ready");
  g_assert_true (holds_shared_lock (pid, path));

  /* Another program reads the ledger and closes it. */
  shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            sqlite3, path, "select count(*) from problem", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (shell, NULL, NULL, &shell_out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (shell));
  g_assert_cmpstr (g_strstrip (shell_out), ==, "1");
  g_assert_true (holds_shared_lock (pid, path));

  /* The child writes, says so after its commit, and is killed. */
  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (child), "write\n", 6, NULL, NULL, &error));
  g_assert_no_error (error);
  number = read_child_line (out);
  g_assert_true (holds_shared_lock (pid, path));
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 2);
  g_assert_cmpint (rct_store_find_id (store, RCT_KIND_PROBLEM, number, NULL), >, 0);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("/proc/PID/fdinfo and SIGKILL are Linux's");
#endif
}

/* Another program (SQLite alone, as the sqlite3 shell) opening the ledger
 * for writing, counting its problems and closing it, again and again
 * until the file @path".stop" appears. */
static int
poke (const char *path)
{
  g_autofree char *stop = g_strconcat (path, ".stop", NULL);
  pid_t parent = getppid ();
  guint opens = 0;

  g_print ("poking\n");
  fflush (stdout);
  /* Nor after the test, failed, is gone. */
  while (!g_file_test (stop, G_FILE_TEST_EXISTS) && getppid () == parent)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        {
          sqlite3_busy_timeout (db, 1000);
          sqlite3_exec (db, "SELECT count(*) FROM problem", NULL, NULL, NULL);
        }
      sqlite3_close (db);
      opens++;
      g_usleep (2000);
    }
  g_print ("opens: %u\n", opens);
  return 0;
}

static gpointer
sniff_thread_cb (gpointer data)
{
  const char *path = data;
  g_autofree char *stop = g_strconcat (path, ".stop", NULL);

  while (!g_file_test (stop, G_FILE_TEST_EXISTS))
    {
      sniff_ledger (path);
      g_usleep (1000);
    }
  return NULL;
}

/* The writer: @count problems in one transaction (as the window's CSV
 * import), its ledger sniffed by another thread all along. */
static int
long_write (const char *path,
            guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  GThread *sniffer;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* Without its locks the writer may wait on the other program for good:
   * two minutes are ample for the rows, under ASan too. */
  alarm (120);
  sniffer = g_thread_new ("sniff", sniff_thread_cb, (gpointer) path);
  if (!rct_store_begin (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < count; i++)
    {
      rct_test_add_problem (store, "回河派出所", "2021-05-01", "2021-06-01", "长事务里登记的问题");
      /* Sniffed once at least by now: the test looks at the locks. */
      if (i == 100)
        {
          sniff_ledger (path);
          g_print ("writing\n");
          fflush (stdout);
        }
    }
  if (!rct_store_commit (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("written: %u\n", count);
  fflush (stdout);
  /* The sniffing goes on to the process's end. */
  g_thread_unref (sniffer);
  g_clear_object (&store);
  return 0;
}

static void
test_sniffed_long_write (void)
{
#ifdef __linux__
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) created = rct_test_open_new (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (created));
  g_autofree char *stop = g_strconcat (path, ".stop", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) poker = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GDataInputStream) writer_out = NULL;
  g_autofree char *written = NULL;
  guint count = 3000;

  rct_store_create_va (created, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  g_clear_object (&created);

  poker = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--poke", path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (poker));
  line = read_child_line (out);
  g_assert_cmpstr (line, ==, "poking");

  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             self_path, "--long-write", path, "3000", NULL);
  g_assert_no_error (error);
  writer_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  g_clear_pointer (&line, g_free);
  line = read_child_line (writer_out);
  g_assert_cmpstr (line, ==, "writing");
  /* Its SHARED lock held in the middle of the transaction, sniffed. */
  g_assert_true (holds_shared_lock ((GPid) g_ascii_strtoll (g_subprocess_get_identifier (writer), NULL, 10), path));
  written = read_child_line (writer_out);
  g_assert_cmpstr (written, ==, "written: 3000");
  g_subprocess_wait (writer, NULL, &error);
  g_assert_no_error (error);
  /* Neither SIGBUS nor the alarm of a writer stuck. */
  g_assert_true (g_subprocess_get_if_exited (writer));
  g_assert_cmpint (g_subprocess_get_exit_status (writer), ==, 0);

  g_assert_true (g_file_set_contents (stop, "", 0, NULL));
  g_clear_pointer (&line, g_free);
  line = read_child_line (out);
  g_assert_true (g_str_has_prefix (line, "opens: "));
  g_test_message ("the other program opened the ledger %s times", line + 7);
  g_assert_cmpint (g_ascii_strtoll (line + 7, NULL, 10), >, 10);
  g_subprocess_wait_check (poker, NULL, &error);
  g_assert_no_error (error);

  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (rct_store_check (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, count);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
#else
  g_test_skip ("SIGBUS and /proc/PID/fdinfo are Linux's");
#endif
}

/* The process's first lock on a ledger taken through a read-only
 * connection: a read-write one opened later still takes the write lock
 * its close needs to checkpoint and remove the -wal, and with the last
 * connection closed another process takes the ledger at once. */
static void
test_read_only_first_then_writer (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) created = rct_test_open_new (&dir);
  g_autofree char *path = g_strdup (rct_store_get_path (created));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) reader = NULL;
  g_autoptr(RctStore) writer = NULL;
  g_autoptr(GSubprocess) child = NULL;

  rct_store_create_va (created, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL);
  g_assert_no_error (error);
  g_clear_object (&created);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  reader = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (reader, RCT_KIND_PROBLEM), ==, 0);
  writer = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rct_test_add_problem (writer, "回河派出所", "2021-05-01", "2021-06-01", NULL);
  g_assert_cmpint (rct_test_count_rows (reader, RCT_KIND_PROBLEM), ==, 1);
  g_clear_object (&reader);
  g_clear_object (&writer);
  /* The last close checkpointed under its exclusive lock. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  child = spawn_holder (path);
  g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, NULL);
  g_subprocess_wait_check (child, NULL, &error);
  g_assert_no_error (error);
  rct_test_remove_dir (dir);
}

/* A ledger (or its -wal) chosen as a report while this process has it
 * open is refused before any descriptor of ours opens it: closing one
 * would drop SQLite's locks. */
static void
test_ledger_as_report_refused (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *wal = g_strconcat (rct_store_get_path (store), "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctMergePlan) plan = NULL;

  g_assert_false (rct_report_validate (rct_store_get_path (store), NULL, NULL, &error));
  g_assert_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_NOT_A_REPORT);
  g_assert_nonnull (strstr (error->message, "is a ledger open in Rectify"));
  g_clear_error (&error);
  g_assert_false (rct_report_validate (wal, NULL, NULL, &error));
  g_assert_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_NOT_A_REPORT);
  g_clear_error (&error);
  plan = rct_merge_preview (store, rct_store_get_path (store), NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_NOT_A_REPORT);
  g_clear_error (&error);
  /* The import's checks, read in a thread of their own, keep off it too. */
  g_assert_false (rct_report_import (store, rct_store_get_path (store), NULL, NULL, &error));
  g_assert_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_NOT_A_REPORT);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "--hold"))
    return hold (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "--race"))
    return race (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "--like-window"))
    return hold_like_window (argv[2], FALSE);
  if (argc == 3 && g_str_equal (argv[1], "--like-window-sniffed"))
    return hold_like_window (argv[2], TRUE);
  if (argc == 3 && g_str_equal (argv[1], "--poke"))
    return poke (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "--long-write"))
    return long_write (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lock/second-copy-refused-then-stale-taken-over", test_second_copy_refused);
  g_test_add_func ("/lock/clean-close-releases", test_clean_close_releases);
  g_test_add_func ("/lock/two-copies-race-one-writes", test_two_copies_race);
  g_test_add_data_func ("/lock/other-reader-then-kill-loses-nothing", GINT_TO_POINTER (FALSE),
                        test_other_reader_then_kill);
  g_test_add_data_func ("/lock/sniffed-other-reader-then-kill-loses-nothing", GINT_TO_POINTER (TRUE),
                        test_other_reader_then_kill);
  g_test_add_func ("/lock/sniffed-long-write-other-opens", test_sniffed_long_write);
  g_test_add_func ("/lock/read-only-first-then-writer", test_read_only_first_then_writer);
  g_test_add_func ("/lock/ledger-as-report-refused", test_ledger_as_report_refused);
  return g_test_run ();
}
