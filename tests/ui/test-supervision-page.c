/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-supervision-page.h"
#include "rct-test-util.h"

/* The Supervision page in a real window: its accountability list filtered
 * by kind and by unit shows what `accountability list --kind --unit` lists. */

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
count_listed (RctStore   *store,
              const char *kind,
              const char *unit)
{
  RctFilter filter = { .kind = kind, .unit = unit };
  g_autoptr(GPtrArray) records = rct_store_list (store, RCT_KIND_ACCOUNTABILITY, &filter, NULL);

  return records->len;
}

static void
test_filters (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RctSupervisionPage *page = g_object_new (RCT_TYPE_SUPERVISION_PAGE, NULL);
  const struct { const char *kind, *unit; } cases[] = {
    { NULL, NULL }, { "reminder-talk", NULL }, { NULL, "刑侦大队" }, { "circulated-criticism", "刑侦大队" },
    { "reminder-talk", "刑侦大队" }, { "disciplinary", NULL },
  };

  rct_clock_set_today ("2021-05-20");
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_supervision_page_set_store (page, store, FALSE);
  gtk_window_present (window);
  pump ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint shown = rct_supervision_page_filter_accountability (page, cases[i].kind, cases[i].unit);

      pump ();
      g_assert_cmpuint (shown, ==, count_listed (store, cases[i].kind, cases[i].unit));
    }
  g_assert_cmpuint (rct_supervision_page_filter_accountability (page, NULL, NULL), ==, 3);
  g_assert_cmpuint (rct_supervision_page_filter_accountability (page, "reminder-talk", "刑侦大队"), ==, 0);
  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
  rct_clock_set_today (NULL);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/supervision/accountability-filtered-by-kind-and-unit", test_filters);
  return g_test_run ();
}
