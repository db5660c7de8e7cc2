/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The ledger benchmark: a ledger of N problems (default a million), the
 * queries the ledger page runs, timed through the store and, on the same
 * file, by the sqlite3 shell running the very same SQL, with the ratio.
 *
 *   rct-bench-ledger [--problems N] [--db FILE] [--runs K]
 *   rct-bench-ledger --db postgresql://…|'host=… dbname=…' [--runs K]
 *
 * With a server's ledger (loaded by rectify-cli copy-ledger; see
 * tests/bench/ledger-bench-pg.sh), the same queries through the store
 * beside psql running the very same SQL (its values written in) on the
 * same database, timed by psql's own \timing.
 *
 * Not a test: it prints a table for docs/PERFORMANCE.md. */
#define G_LOG_DOMAIN "rct-bench"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rct-clock.h"
#include "rct-store.h"
#include "rct-figures.h"
#include "rct-store-private.h"
#include "rct-synthetic.h"

static int runs = 5;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median_of (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) : -1;
}

/* The median over the runs of the times after @marker in @out (seconds,
 * or ms when @in_ms), each run the sum of @n statements' times. */
static double
median_after (const char *out,
              const char *marker,
              gboolean    in_ms,
              guint       n)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double run = 0;
  guint in_run = 0;

  for (const char *p = out; (p = strstr (p, marker)) != NULL; p++)
    {
      run += g_ascii_strtod (p + strlen (marker), NULL) / (in_ms ? 1000.0 : 1.0);
      if (++in_run == n)
        {
          g_array_append_val (times, run);
          run = 0;
          in_run = 0;
        }
    }
  return times->len > 0 ? median_of (times) : -1;
}

/* The shell's own timer for @statements, all run @runs times in one
 * process, median of the runs: the sqlite3 shell's on a file, psql's on a
 * server. */
static double
shell_time_all (const char *db,
                GPtrArray  *statements)
{
  gboolean server = rct_store_location_is_server (db);
  g_autoptr(GString) script = g_string_new (server ? "\\timing on\n" : ".output /dev/null\n.timer on\n");
  g_autofree char *shell = g_find_program_in_path (server ? "psql" : "sqlite3");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;

  if (shell == NULL || statements == NULL || statements->len == 0)
    return -1;
  for (int i = 0; i < runs; i++)
    for (guint s = 0; s < statements->len; s++)
      g_string_append_printf (script, "%s;\n", (const char *) g_ptr_array_index (statements, s));
  if (server)
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                shell, "-X", "-q", "-d", db, "-o", "/dev/null", NULL);
  else
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                shell, "-readonly", db, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, script->str, NULL, &out, NULL, &error))
    return -1;
  return server ? median_after (out, "Time: ", TRUE, statements->len)
                : median_after (out, "Run Time: real ", FALSE, statements->len);
}

static double
shell_time (const char *db,
            const char *sql)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new ();

  if (sql == NULL)
    return -1;
  g_ptr_array_add (statements, (gpointer) sql);
  return shell_time_all (db, statements);
}

typedef struct
{
  const char *name;
  RctFilter   filter;
} Query;

static void
print_row (const char *name,
           double      store_s,
           double      shell_s,
           gint64      rows)
{
  if (shell_s > 0)
    g_print ("| %-38s | %9.1f | %9.1f | %5.2f | %8" G_GINT64_FORMAT " |\n", name, store_s * 1000, shell_s * 1000,
             store_s / shell_s, rows);
  else
    g_print ("| %-38s | %9.1f | %9s | %5s | %8" G_GINT64_FORMAT " |\n", name, store_s * 1000, "-", "-", rows);
}

int
main (int    argc,
      char **argv)
{
  int problems = 1000000;
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the ledger's queries");
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  GOptionEntry entries[] = {
    { "problems", 'n', 0, G_OPTION_ARG_INT, &problems, "Problems in the generated ledger", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Ledger to use (a file generated when missing, or a server's)",
      "FILE|LOCATION" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each query (the median is shown)", "K" },
    { NULL }
  };
  Query queries[] = {
    { "filter: status rectifying", { .status = "rectifying" } },
    { "filter: unit", { .unit = "回河派出所" } },
    { "filter: unit + status", { .unit = "回河派出所", .status = "rectifying" } },
    { "filter: overdue", { .overdue = TRUE } },
    { "filter: due soon", { .due_soon = TRUE } },
    { "filter: source + found between", { .source = "public-report", .from = "2024-01-01", .to = "2024-12-31" } },
    { "search, 5 characters (trigram index)", { .search = "执法记录仪" } },
    { "search, 3 characters (trigram index)", { .search = "派出所" } },
    { "search, 2 characters (scan)", { .search = "卷宗" } },
    { "sort: by deadline", { .sort = "deadline" } },
  };
  GTimer *timer = g_timer_new ();
  g_autofree char *first_sql = NULL;
  g_autofree char *check_sql = NULL;
  double open_s, ids_s, fetch_s, check_s = 0;
  gboolean server;
  gint64 n_rows;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  rct_clock_set_today ("2025-06-01");
  if (db == NULL)
    db = g_strdup_printf ("%s/rectify-bench-%d.db", g_get_tmp_dir (), problems);
  server = rct_store_location_is_server (db);

  if (!server && !g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_autoptr(RctStore) creating = rct_store_open (db, RCT_STORE_OPEN_CREATE, &error);

      g_timer_start (timer);
      if (creating == NULL || !rct_synthetic_fill (creating, problems, 2021, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("Generated %d problems in %.1f s: %s\n", problems, g_timer_elapsed (timer, NULL), db);
    }

  /* Open and show the first rows: the ids in the default order, and the
   * first screenful of records. The integrity check is timed apart: the
   * window runs it in a thread while the rows already show. */
  g_timer_start (timer);
  store = rct_store_open (db, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  open_s = g_timer_elapsed (timer, NULL);
  {
    g_autoptr(GArray) ids = rct_store_list_ids (store, RCT_KIND_PROBLEM, NULL, &error);
    g_autoptr(GPtrArray) rows = NULL;

    ids_s = g_timer_elapsed (timer, NULL) - open_s;
    rows = rct_store_fetch (store, RCT_KIND_PROBLEM, (gint64 *) ids->data, MIN (ids->len, 50), &error);
    fetch_s = g_timer_elapsed (timer, NULL) - open_s - ids_s;
    n_rows = ids->len;
  }
  /* A file's integrity check; a server keeps its own. */
  if (!server)
    {
      g_timer_start (timer);
      rct_store_quick_check (db, NULL, &error);
      check_s = g_timer_elapsed (timer, NULL);
    }
  first_sql = rct_store_dup_ids_sql (store, RCT_KIND_PROBLEM, NULL);
  check_sql = g_strdup ("PRAGMA quick_check(1)");

  g_print ("\nLedger: %s, %" G_GINT64_FORMAT " problems; today 2025-06-01; median of %d runs; ms\n\n", db, n_rows, runs);
  g_print ("| %-38s | %9s | %9s | %5s | %8s |\n", "query", "Rectify", server ? "psql" : "sqlite3", "ratio", "rows");
  g_print ("|%s|%s|%s|%s|%s|\n", "----------------------------------------", "-----------", "-----------",
           "-------", "----------");
  g_print ("| %-38s | %9.1f | %9s | %5s | %8s |\n", "open (header, version, lock)", open_s * 1000, "-", "-", "");
  print_row ("first rows: ids in ledger order", ids_s, shell_time (db, first_sql), n_rows);
  g_print ("| %-38s | %9.1f | %9s | %5s | %8d |\n", "first rows: fetch the first 50", fetch_s * 1000, "-", "-", 50);
  g_print ("| %-38s | %9.1f | %9s | %5s | %8s |\n", "open + first rows shown", (open_s + ids_s + fetch_s) * 1000,
           "-", "-", "");
  if (!server)
    print_row ("integrity check (in a thread)", check_s, shell_time (db, check_sql), 1);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *sql = rct_store_dup_ids_sql (store, RCT_KIND_PROBLEM, &queries[i].filter);
      g_autoptr(GArray) warm = NULL;
      gint64 count = 0;

      /* Once untimed: the pages it reads warm, as for the shell's runs
       * that come after. */
      warm = rct_store_list_ids (store, RCT_KIND_PROBLEM, &queries[i].filter, NULL);
      for (int r = 0; r < runs; r++)
        {
          g_autoptr(GArray) ids = NULL;
          double t;

          g_timer_start (timer);
          ids = rct_store_list_ids (store, RCT_KIND_PROBLEM, &queries[i].filter, &error);
          t = g_timer_elapsed (timer, NULL);
          g_array_append_val (times, t);
          count = ids != NULL ? (gint64) ids->len : -1;
        }
      print_row (queries[i].name, median_of (times), shell_time (db, sql), count);
    }

  /* The office's figures: the whole ledger's from the running totals,
   * beside the full scan they replace and a period's (a scan through
   * the found-date index). */
  {
    static const char *group_by_status = "SELECT status, count(*) FROM problem GROUP BY status";
    RctScope year = { .from = (char *) "2024-01-01", .to = (char *) "2024-12-31" };
    struct { const char *name; gboolean scan; const RctScope *scope; } figures[] = {
      { "figures, whole ledger (running totals)", FALSE, NULL },
      { "figures, whole ledger (full scan)", TRUE, NULL },
      { "figures, one year (scan by index)", FALSE, &year },
    };

    for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
      {
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

        for (int r = 0; r < runs; r++)
          {
            g_autoptr(RctFigures) computed = NULL;
            double t;

            g_timer_start (timer);
            computed = figures[i].scan ? rct_figures_compute_scan (store, figures[i].scope, &error)
                                       : rct_figures_compute (store, figures[i].scope, &error);
            t = g_timer_elapsed (timer, NULL);
            g_array_append_val (times, t);
          }
        /* On a file, beside the shell's one GROUP BY of the statuses; on
         * a server, beside psql running the statements the store ran. */
        if (server)
          {
            g_autoptr(GPtrArray) statements = NULL;
            g_autoptr(RctFigures) traced = NULL;
            g_autofree char *name = NULL;

            _rct_store_trace_begin (store);
            traced = figures[i].scan ? rct_figures_compute_scan (store, figures[i].scope, &error)
                                     : rct_figures_compute (store, figures[i].scope, &error);
            statements = _rct_store_trace_end (store);
            name = g_strdup_printf ("%s, %u statements", figures[i].name, statements->len);
            print_row (name, median_of (times), shell_time_all (db, statements), 1);
          }
        else
          print_row (figures[i].name, median_of (times), shell_time (db, group_by_status), 1);
      }
  }

  g_print ("\nPeak resident memory: %.1f MB\n", peak_rss_kib () / 1024.0);
  g_timer_destroy (timer);
  return 0;
}
