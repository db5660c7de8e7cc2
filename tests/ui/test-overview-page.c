/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-figures.h"
#include "rct-ledger-page.h"
#include "rct-overview-page.h"
#include "rct-supervision.h"
#include "rct-test-util.h"

/* The overview in a real window: every number it shows is the store's
 * figure for the same scope, an empty ledger shows "—" for its rates, and a
 * click on a figure leaves the ledger page showing exactly those problems. */

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
assert_shows (RctOverviewPage  *page,
              const RctFigures *figures)
{
  g_autofree char *closing = rct_figures_format_rate (rct_figures_closing_rate (figures));
  g_autofree char *on_time = rct_figures_format_rate (rct_figures_on_time_rate (figures));
  g_autofree char *reply = rct_figures_format_rate (rct_figures_reply_rate (figures));
  g_autofree char *satisfaction = rct_figures_format_rate (rct_figures_satisfaction_rate (figures));
  g_autofree char *overdue = g_strdup_printf ("%d", (int) figures->overdue);
  g_autofree char *due_soon = g_strdup_printf ("%d", (int) figures->due_soon);
  g_autofree char *problems = g_strdup_printf ("%d", (int) figures->problems_total);
  g_autofree char *late = g_strdup_printf ("%d", (int) figures->feedback_overdue);
  g_autofree char *tasks = g_strdup_printf ("%d / %d", (int) figures->tasks_done, (int) figures->tasks_total);

  g_assert_cmpstr (rct_overview_page_get_value_text (page, "closing_rate"), ==, closing);
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "on_time_rate"), ==, on_time);
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "reply_rate"), ==, reply);
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "satisfaction_rate"), ==, satisfaction);
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "overdue"), ==, overdue);
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "due_soon"), ==, due_soon);
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "problems"), ==, problems);
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "feedback_overdue"), ==, late);
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "tasks"), ==, tasks);
}

static void
show_problems_cb (RctOverviewPage *page,
                  RctFilter       *filter,
                  RctLedgerPage   *ledger)
{
  rct_ledger_page_set_filter (ledger, filter);
}

static void
test_numbers_and_click_through (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autoptr(RctFigures) scoped = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autofree char *reminder = NULL;
  GtkWindow *window;
  GtkWidget *box;
  RctOverviewPage *page;
  RctLedgerPage *ledger;
  RctFilter overdue = { 0 };
  RctFilter unit_filter = { 0 };
  const char *units[] = { "交警大队", NULL };
  RctScope scope = { NULL, NULL, (char **) units };

  rct_clock_set_today (RCT_DEMO_DATE);
  store = rct_test_open_demo (&dir);
  figures = rct_figures_compute (store, NULL, NULL);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1300, 900);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  page = RCT_OVERVIEW_PAGE (rct_overview_page_new ());
  ledger = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (page), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (ledger), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ledger));
  gtk_window_set_child (window, box);
  rct_overview_page_set_store (page, store);
  rct_ledger_page_set_store (ledger, store, FALSE);
  g_signal_connect (page, "show-problems", G_CALLBACK (show_problems_cb), ledger);
  gtk_window_present (window);
  pump ();

  assert_shows (page, figures);

  /* The overdue count leads to exactly the overdue problems. */
  rct_overview_page_activate_figure (page, "overdue");
  pump ();
  overdue.overdue = TRUE;
  expected = rct_store_list_ids (store, RCT_KIND_PROBLEM, &overdue, NULL);
  g_assert_cmpuint (rct_ledger_page_get_count (ledger), ==, figures->overdue);
  g_assert_cmpuint (rct_ledger_page_get_count (ledger), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (rct_record_list_get_id (rct_ledger_page_get_list (ledger), i), ==,
                     g_array_index (expected, gint64, i));

  /* A unit's bar leads to that unit's problems. */
  rct_overview_page_activate_unit (page, 2);
  pump ();
  unit_filter.unit = ((RctUnitFigures *) g_ptr_array_index (figures->units, 2))->name;
  g_assert_cmpstr (rct_ledger_page_get_filter (ledger)->unit, ==, unit_filter.unit);
  g_assert_cmpuint (rct_ledger_page_get_count (ledger), ==, ((RctUnitFigures *) g_ptr_array_index (figures->units, 2))->total);

  /* Limited to a unit, the page shows the store's figures for that scope. */
  rct_overview_page_set_scope (page, NULL, NULL, units);
  /* Counted in a thread: the page waits for them. */
  g_assert_true (rct_overview_page_is_counting (page));
  while (rct_overview_page_is_counting (page))
    g_main_context_iteration (NULL, TRUE);
  pump ();
  scoped = rct_figures_compute (store, &scope, NULL);
  assert_shows (page, scoped);
  g_assert_cmpint (rct_overview_page_get_figures (page)->problems_total, ==, scoped->problems_total);

  reminder = rct_overview_dup_reminder (figures);
  g_assert_nonnull (strstr (reminder, "6 problems are overdue"));

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_empty_ledger (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RctOverviewPage *page = RCT_OVERVIEW_PAGE (rct_overview_page_new ());

  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_overview_page_set_store (page, store);
  gtk_window_present (window);
  pump ();
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "closing_rate"), ==, "—");
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "on_time_rate"), ==, "—");
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "reply_rate"), ==, "—");
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "satisfaction_rate"), ==, "—");
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "avg_days"), ==, "—");
  g_assert_cmpstr (rct_overview_page_get_value_text (page, "overdue"), ==, "0");
  g_assert_null (rct_overview_dup_reminder (rct_overview_page_get_figures (page)));
  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* The supervision card: the demo's visits and accountability, the same
 * figures as rct-supervision.c's. */
static void
test_supervision_card (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(RctSupervisionFigures) s = rct_supervision_figures_compute (store, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RctOverviewPage *page = RCT_OVERVIEW_PAGE (rct_overview_page_new ());
  g_autofree char *visits = NULL;

  rct_clock_set_today ("2021-05-20");
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_overview_page_set_store (page, store);
  gtk_window_present (window);
  pump ();
  visits = g_strdup_printf ("Visits %d · units covered %d / %d (", (int) s->visits, (int) s->units_covered,
                            (int) s->units_active);
  g_assert_cmpint (s->visits, >, 0);
  g_assert_nonnull (strstr (rct_overview_page_get_supervision_text (page), visits));
  g_assert_nonnull (strstr (rct_overview_page_get_supervision_text (page), "Reminder talk 1"));
  g_assert_nonnull (strstr (rct_overview_page_get_supervision_text (page), "Accountability 3"));
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
  g_test_add_func ("/ui/overview/numbers-equal-the-store-and-lead-to-records", test_numbers_and_click_through);
  g_test_add_func ("/ui/overview/empty-ledger-shows-dashes", test_empty_ledger);
  g_test_add_func ("/ui/overview/supervision-card", test_supervision_card);
  return g_test_run ();
}
