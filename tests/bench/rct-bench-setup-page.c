/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <time.h>

#include <gtk/gtk.h>

#include "rct-setup-page.h"

/* The Set-up page filled from a ledger, drawn, and emptied again, ROUNDS
 * times: CPU time of each step (the machine's load does not count), so a
 * cost that grows with each rebuild shows.
 *   rct-bench-setup-page LEDGER.db [ROUNDS]
 * Make a ledger with: rectify-cli --db L.db init --synthetic 100000 (400
 * people, 16 units). Run it under Xvfb with GTK_A11Y=none. */

static gint64
cpu_us (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return (gint64) t.tv_sec * G_USEC_PER_SEC + t.tv_nsec / 1000;
}

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  GtkWindow *window;
  GtkWidget *page;
  int rounds = argc > 2 ? atoi (argv[2]) : 8;

  if (argc < 2)
    {
      g_printerr ("usage: rct-bench-setup-page LEDGER.db [ROUNDS]\n");
      return 2;
    }
  gtk_init ();
  store = rct_store_open (argv[1], RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1024, 768);
  page = rct_setup_page_new ();
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  pump ();
  g_print ("round\tfill ms\tdraw ms\tempty ms\n");
  for (int i = 1; i <= rounds; i++)
    {
      gint64 t0 = cpu_us (), t1, t2, t3;

      rct_setup_page_set_store (RCT_SETUP_PAGE (page), store, TRUE);
      t1 = cpu_us ();
      pump ();
      t2 = cpu_us ();
      rct_setup_page_set_store (RCT_SETUP_PAGE (page), NULL, TRUE);
      t3 = cpu_us ();
      pump ();
      g_print ("%d\t%.0f\t%.0f\t%.0f\n", i, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, (t3 - t2) / 1000.0);
    }
  gtk_window_destroy (window);
  pump ();
  return 0;
}
