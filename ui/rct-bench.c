/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-bench"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "rct-bench.h"
#include "rct-ledger-page.h"
#include "rct-window-private.h"

/* What tests/bench/window-bench reads from outside the process. With
 * RECTIFY_BENCH set, the window writes lines to stderr:
 *
 *   RECTIFY_BENCH <event> <wall clock, µs since the epoch> [<ms>] [stall=<ms>]
 *
 * "rows-painted" and "figures-painted" are logged at the end of the first
 * frame painted after the ledger's rows, or the overview's figures, are in
 * their widgets and shown. The main loop's stalls are measured by a
 * heartbeat: a high-priority 5 ms timer whose late dispatch is the time
 * the loop was busy elsewhere; "stall=" is the longest while opening
 * (until the rows are painted and the list has made the rows it keeps, a
 * frame at a time) or during a step, and a step's "cpu=" and "wait=" the
 * main thread's CPU time in it and its time waiting for a core.
 *
 * RECTIFY_BENCH=ledger shows the ledger page first and then drives these
 * steps through the window's actions, each ended by its painted frame:
 * switch to the overview and back, filter by status, search with three
 * characters and more, clear the search, scroll to the end, export the
 * list as CSV; then the window closes. RECTIFY_BENCH=overview only logs
 * the opening.
 *
 * Every stall over 50 ms is logged as "RECTIFY_BENCH stall <wall µs> <ms>
 * from=<monotonic µs> cpu=<ms> wait=<ms>", its start on the clock of the
 * phases' "mono=", the CPU time the main thread spent in it and the time
 * it waited for a core (on a loaded machine most of a stall); the rest it
 * was blocked.
 *
 * Phases of the start, "RECTIFY_BENCH phase <wall µs> <name> cpu=<ms>",
 * with the process's CPU time so far, say where the time between exec and
 * the first rows goes (window-bench prints them as a table). */

#define HEARTBEAT_MS 5
#define STALL_NOTED_MS 50

typedef struct
{
  GtkWidget *widget;
  char      *what;
} Mark;

typedef struct
{
  RctWindow *window;
  GPtrArray *marks;          /* Mark, waiting for a painted frame */
  gint64     last_beat;
  gint64     last_beat_cpu;  /* the main thread's CPU time then, µs */
  gint64     last_beat_wait; /* its time waiting for a core then, µs */
  gint64     max_stall;      /* µs, since the last reset */
  gint64     max_stall_cpu;  /* µs of main-thread CPU in it */
  gint64     max_stall_wait; /* µs of it waiting for a core */
  gboolean   drive;
  guint      step;
  gint64     step_start;
  char      *step_name;
  gboolean   rows_seen;
  gint64     rows_painted_at; /* wall clock of the first frame with rows */
  gboolean   rows_told;
  gboolean   figures_seen;
  gboolean   done;
  gboolean   painted;        /* the window's first frame */
  char      *export_path;
} Bench;

static Bench *bench;

static void
mark_free (gpointer data)
{
  Mark *mark = data;
  g_free (mark->what);
  g_free (mark);
}

static void
emit_at (const char *event,
         gint64      wall,
         const char *extra)
{
  fprintf (stderr, "RECTIFY_BENCH %s %" G_GINT64_FORMAT "%s%s\n", event, wall,
           extra != NULL ? " " : "", extra != NULL ? extra : "");
  fflush (stderr);
}

static void
emit (const char *event,
      const char *extra)
{
  emit_at (event, g_get_real_time (), extra);
}

/**
 * rct_bench_phase:
 * @name: a word, e.g. "window-built"
 *
 * With RECTIFY_BENCH set, logs that the start reached @name, with the wall
 * clock and the CPU time the process has used (on a loaded machine the
 * steadier of the two). Works before the window exists.
 */
void
rct_bench_phase (const char *name)
{
  const char *mode = g_getenv ("RECTIFY_BENCH");
  g_autofree char *extra = NULL;

  if (mode == NULL || *mode == '\0' || (bench != NULL && bench->done))
    return;
  extra = g_strdup_printf ("%s cpu=%.1f mono=%" G_GINT64_FORMAT, name,
                           (double) clock () * 1000.0 / CLOCKS_PER_SEC, g_get_monotonic_time ());
  emit ("phase", extra);
}

/* The CPU time of the calling thread, µs (-1 where there is no such
 * clock): what a stall cost the main thread itself, whatever the load. */
static gint64
thread_cpu_us (void)
{
#ifdef CLOCK_THREAD_CPUTIME_ID
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
#endif
  return -1;
}

/* The time the calling thread has waited on a run queue for a core, µs
 * (Linux's schedstat; -1 elsewhere): the rest of a stall, neither CPU nor
 * waiting for a core, is the thread blocked (on the X server, GL, a
 * lock, the disk). */
static gint64
thread_wait_us (void)
{
  g_autofree char *text = NULL;
  guint64 run, wait;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL) ||
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &run, &wait) != 2)
    return -1;
  return (gint64) (wait / 1000);
}

static gboolean
heartbeat_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = thread_cpu_us ();
  gint64 now_wait = thread_wait_us ();
  gint64 late = now - bench->last_beat - HEARTBEAT_MS * 1000;

  if (bench->last_beat != 0 && late > bench->max_stall)
    {
      bench->max_stall = late;
      bench->max_stall_cpu = now_cpu - bench->last_beat_cpu;
      bench->max_stall_wait = now_wait - bench->last_beat_wait;
    }
  /* Where a long one fell, against the phases' monotonic times. */
  if (bench->last_beat != 0 && late > STALL_NOTED_MS * 1000 && !bench->done)
    {
      g_autofree char *extra = g_strdup_printf ("%.1f from=%" G_GINT64_FORMAT " cpu=%.1f wait=%.1f", late / 1000.0,
                                                bench->last_beat + HEARTBEAT_MS * 1000,
                                                (now_cpu - bench->last_beat_cpu) / 1000.0,
                                                (now_wait - bench->last_beat_wait) / 1000.0);
      emit ("stall", extra);
    }
  bench->last_beat_cpu = now_cpu;
  bench->last_beat_wait = now_wait;
  bench->last_beat = now;
  return G_SOURCE_CONTINUE;
}

static void next_step (void);

static gboolean
next_step_cb (gpointer data)
{
  next_step ();
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  if (!bench->painted)
    {
      bench->painted = TRUE;
      rct_bench_phase ("first-frame");
    }
  if (bench->step_name != NULL && bench->step_start == -1)
    return;

  for (guint i = 0; i < bench->marks->len;)
    {
      Mark *mark = g_ptr_array_index (bench->marks, i);

      if (!gtk_widget_get_mapped (mark->widget))
        {
          i++;
          continue;
        }
      /* The first frame painted with rows in it: the page's first frame
       * has none, even when they have all arrived by then. */
      if (g_str_equal (mark->what, "rows") && !bench->rows_seen && bench->window->ledger_page != NULL &&
          rct_ledger_page_get_n_shown (bench->window->ledger_page) == 0)
        {
          gtk_widget_queue_draw (GTK_WIDGET (bench->window));
          i++;
          continue;
        }
      if (g_str_equal (mark->what, "rows") && !bench->rows_seen)
        {
          bench->rows_seen = TRUE;
          bench->rows_painted_at = g_get_real_time ();
        }
      else if (g_str_equal (mark->what, "figures") && !bench->figures_seen)
        {
          bench->figures_seen = TRUE;
          emit ("figures-painted", NULL);
          /* Opening only: close as a person would, so the next start
           * finds the ledger as Rectify left it. */
          if (!bench->drive)
            g_timeout_add (100, next_step_cb, NULL);
        }
      g_ptr_array_remove_index (bench->marks, i);
    }

  /* The rows are painted at their first frame; the opening, and its
   * longest stall, ends once the list has made the rows it keeps, a frame
   * at a time. */
  if (bench->rows_seen && !bench->rows_told)
    {
      RctLedgerPage *ledger = bench->window->ledger_page;

      if (ledger != NULL && rct_ledger_page_is_growing (ledger))
        gtk_widget_queue_draw (GTK_WIDGET (bench->window));
      else
        {
          g_autofree char *extra = g_strdup_printf ("stall=%.1f", bench->max_stall / 1000.0);

          bench->rows_told = TRUE;
          emit_at ("rows-painted", bench->rows_painted_at, extra);
          if (bench->drive)
            g_timeout_add (300, next_step_cb, NULL);
        }
    }

  /* A step ends at the first frame painted once its work is done. */
  if (bench->step_name != NULL && bench->step_start > 0)
    {
      g_autofree char *event = g_strconcat ("step-", bench->step_name, NULL);
      g_autofree char *extra = g_strdup_printf ("%.1f stall=%.1f cpu=%.1f wait=%.1f",
                                                (g_get_monotonic_time () - bench->step_start) / 1000.0,
                                                bench->max_stall / 1000.0, bench->max_stall_cpu / 1000.0,
                                                bench->max_stall_wait / 1000.0);
      emit (event, extra);
      g_clear_pointer (&bench->step_name, g_free);
      g_timeout_add (300, next_step_cb, NULL);
    }
}

/* Once the step's work is done (a big ledger's filter or search queries
 * in a thread, and its rows come a frame at a time): ask for a frame and
 * end at its paint. */
static gboolean
step_idle_cb (gpointer data)
{
  if (bench->done)
    return G_SOURCE_REMOVE;
  if (bench->window->ledger_page != NULL && (rct_ledger_page_is_filtering (bench->window->ledger_page) ||
                                              rct_ledger_page_is_growing (bench->window->ledger_page)))
    {
      g_timeout_add (2, step_idle_cb, NULL);
      return G_SOURCE_REMOVE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
  return G_SOURCE_REMOVE;
}

static void
start_step (const char *name)
{
  g_free (bench->step_name);
  bench->step_name = g_strdup (name);
  bench->step_start = g_get_monotonic_time ();
  bench->max_stall = 0;
  bench->max_stall_cpu = 0;
  bench->max_stall_wait = 0;
}

static GtkWidget *
find_scrolled (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_SCROLLED_WINDOW (child) && gtk_widget_get_mapped (child))
        return child;
      if ((found = find_scrolled (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   gpointer        data)
{
  /* The entry waits for typing to pause; the step starts at its signal. */
  if (bench->step_name != NULL && bench->step_start == -1)
    {
      bench->step_start = g_get_monotonic_time ();
      bench->max_stall = 0;
      bench->max_stall_cpu = 0;
      bench->max_stall_wait = 0;
  bench->max_stall_wait = 0;
  bench->max_stall_cpu = 0;
  bench->max_stall_wait = 0;
      g_idle_add_full (G_PRIORITY_LOW, step_idle_cb, NULL, NULL);
    }
}

static void
search_step (const char *name,
             const char *text)
{
  start_step (name);
  bench->step_start = -1;
  gtk_editable_set_text (GTK_EDITABLE (bench->window->search_entry), text);
}

static void
next_step (void)
{
  RctWindow *window = bench->window;
  GtkWidget *ledger = GTK_WIDGET (window->ledger_page);

  if (!bench->drive)
    bench->step = G_MAXUINT;
  switch (bench->step++)
    {
    case 0:
      start_step ("show-overview");
      gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "overview");
      break;
    case 1:
      start_step ("show-ledger");
      gtk_widget_activate_action (GTK_WIDGET (window), "view.show-page", "s", "ledger");
      break;
    case 2:
      {
        RctFilter filter = { .status = "rectifying" };
        start_step ("filter-status");
        rct_ledger_page_set_filter (window->ledger_page, &filter);
      }
      break;
    case 3:
      gtk_search_bar_set_search_mode (window->search_bar, TRUE);
      search_step ("search-3-chars", "派出所");
      return;
    case 4:
      search_step ("search-more", "派出所接处警");
      return;
    case 5:
      search_step ("search-clear", "");
      return;
    case 6:
      {
        GtkWidget *scrolled = find_scrolled (ledger);
        start_step ("scroll-to-end");
        if (scrolled != NULL)
          {
            GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
            gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
          }
      }
      break;
    case 7:
      start_step ("export-csv");
      gtk_widget_activate_action (ledger, "ledger.export-csv-to", "s", bench->export_path);
      break;
    default:
      /* A person waits for the export before closing. */
      if (window->ledger_page != NULL && rct_ledger_page_is_exporting (window->ledger_page))
        {
          bench->step--;
          g_timeout_add (100, next_step_cb, NULL);
          return;
        }
      emit ("done", NULL);
      bench->done = TRUE;
      g_ptr_array_set_size (bench->marks, 0);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_idle_add_full (G_PRIORITY_LOW, step_idle_cb, NULL, NULL);
}

static void
window_realize_cb (GtkWidget *widget,
                   gpointer   data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  rct_bench_phase ("realized");
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

/**
 * rct_bench_attach:
 *
 * With RECTIFY_BENCH set, logs the window's timings on stderr (see above).
 */
void
rct_bench_attach (RctWindow *window)
{
  const char *mode = g_getenv ("RECTIFY_BENCH");

  if (mode == NULL || *mode == '\0' || bench != NULL)
    return;
  bench = g_new0 (Bench, 1);
  bench->window = window;
  bench->marks = g_ptr_array_new_with_free_func (mark_free);
  bench->drive = g_str_equal (mode, "ledger");
  bench->export_path = g_build_filename (g_get_tmp_dir (), "rectify-bench-export.csv", NULL);
  emit ("window", NULL);
  /* Work done before the loop first runs (opening the ledger) counts. */
  bench->last_beat = g_get_monotonic_time ();
  bench->last_beat_cpu = thread_cpu_us ();
  bench->last_beat_wait = thread_wait_us ();
  g_timeout_add_full (G_PRIORITY_HIGH, HEARTBEAT_MS, heartbeat_cb, NULL, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), NULL);
  g_signal_connect (window->search_entry, "search-changed", G_CALLBACK (search_changed_cb), NULL);
  if (bench->drive)
    gtk_stack_set_visible_child_name (window->pages_stack, "ledger");
}

/**
 * rct_bench_mark:
 * @what: "rows" or "figures"
 *
 * @widget now shows its rows or figures: logged at the end of the next
 * frame painted while it is shown.
 */
void
rct_bench_mark (GtkWidget  *widget,
                const char *what)
{
  Mark *mark;

  if (bench == NULL || bench->done)
    return;
  if (g_str_equal (what, "rows") && bench->rows_seen)
    return;
  mark = g_new0 (Mark, 1);
  mark->widget = widget;
  mark->what = g_strdup (what);
  g_ptr_array_add (bench->marks, mark);
  gtk_widget_queue_draw (widget);
}
