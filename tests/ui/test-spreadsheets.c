/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-csv-import-dialog.h"
#include "rct-demo.h"
#include "rct-jobs-private.h"
#include "rct-ledger-page.h"
#include "rct-test-util.h"

/* Spreadsheets from the ledger page, in a real window: the list out as it
 * is filtered; a CSV in through the import window, which checks every row,
 * names the bad ones by line, imports nothing until told to take the good
 * rows only, and remembers the mapping for the next file. */

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static RctCsvImportDialog *
find_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (windows, i);
      if (RCT_IS_CSV_IMPORT_DIALOG (window))
        return RCT_CSV_IMPORT_DIALOG (window);
    }
  return NULL;
}

/* Holds the import at its first row until the test has pressed Stop, so
 * the stop is seen before any row is written, whatever the threads do. */
static GMutex hold_mutex;
static GCond hold_cond;
static gboolean hold_released;

static void
hold_first_row_hook (guint row)
{
  if (row != 0)
    return;
  g_mutex_lock (&hold_mutex);
  while (!hold_released)
    g_cond_wait (&hold_cond, &hold_mutex);
  g_mutex_unlock (&hold_mutex);
}

static void
release_hold (void)
{
  g_mutex_lock (&hold_mutex);
  hold_released = TRUE;
  g_cond_signal (&hold_cond);
  g_mutex_unlock (&hold_mutex);
}

static void
test_export_and_import (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  GtkWindow *window;
  RctLedgerPage *page;
  RctCsvImportDialog *dialog;
  RctFilter filter = { 0 };
  gint64 before;
  const char *text =
    "序号,问题描述,问题来源,责任单位,发现时间,整改时限\n"
    "1,户籍窗口排队时间长,群众举报,综合服务大厅,2021-05-10,2021-06-10\n"
    "2,值班记录缺页,自查,不存在的大队,2021-05-11,2021-06-11\n";

  g_setenv ("GSETTINGS_SCHEMA_DIR", UI_TEST_SCHEMA_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  rct_clock_set_today (RCT_DEMO_DATE);
  store = rct_test_open_demo (&dir);
  settings = g_settings_new (APPLICATION_ID);
  window = GTK_WINDOW (gtk_window_new ());
  page = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_ledger_page_set_store (page, store, FALSE);
  rct_ledger_page_bind_settings (page, settings);
  gtk_window_present (window);
  pump ();

  /* Out, as the list is filtered. */
  filter.status = "closed";
  rct_ledger_page_set_filter (page, &filter);
  csv = g_build_filename (dir, "已销号 问题.csv", NULL);
  xlsx = g_build_filename (dir, "已销号 问题.xlsx", NULL);
  /* Each is written in a thread, the list's actions waiting for it. */
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.export-csv-to", "s", csv);
  g_assert_true (rct_ledger_page_is_exporting (page));
  while (rct_ledger_page_is_exporting (page))
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.export-xlsx-to", "s", xlsx);
  while (rct_ledger_page_is_exporting (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (rct_ledger_page_get_message (page), "written to"));
  bytes = g_file_load_bytes (g_file_new_for_path (csv), NULL, NULL, NULL);
  table = rct_csv_parse (bytes, NULL);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->rows->len, ==, rct_store_count (store, RCT_KIND_PROBLEM, &filter, NULL));
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));

  /* In: an old ledger with Chinese headers and one bad row. */
  old = g_build_filename (dir, "旧台账.csv", NULL);
  g_assert_true (g_file_set_contents (old, text, -1, NULL));
  before = rct_test_count_rows (store, RCT_KIND_PROBLEM);
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.import-csv-from", "s", old);
  pump ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_null (rct_csv_import_dialog_get_field (dialog, 0));          /* 序号: a row count, not imported */
  g_assert_cmpstr (rct_csv_import_dialog_get_field (dialog, 1), ==, "description");
  g_assert_cmpstr (rct_csv_import_dialog_get_field (dialog, 3), ==, "unit");
  /* The dry run runs in a thread; a change of the mapping cancels it and
   * starts the next, the import buttons waiting for the answer. */
  while (rct_csv_import_dialog_is_checking (dialog))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (rct_csv_import_dialog_get_message (dialog), "1 row of 2 is bad"));
  rct_csv_import_dialog_set_field (dialog, 3, NULL);
  g_assert_true (rct_csv_import_dialog_is_checking (dialog));
  g_assert_cmpstr (rct_csv_import_dialog_get_message (dialog), ==, "Checking the rows…");
  rct_csv_import_dialog_set_field (dialog, 3, "unit");
  g_assert_true (rct_csv_import_dialog_is_checking (dialog));
  while (rct_csv_import_dialog_is_checking (dialog))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (rct_csv_import_dialog_get_message (dialog), "1 row of 2 is bad"));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, before);   /* checking writes nothing */
  g_assert_cmpuint (rct_csv_import_dialog_check (dialog), ==, 1);
  g_assert_nonnull (strstr (rct_csv_import_dialog_get_message (dialog), "1 row of 2 is bad"));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, before);   /* checking writes nothing */

  /* The import runs in a thread on a connection of its own; the mapping
   * waits for it, and the ledger page hears of the rows once at the end. */
  g_assert_true (rct_csv_import_dialog_import (dialog, FALSE));
  g_assert_true (rct_csv_import_dialog_is_importing (dialog));
  while (rct_csv_import_dialog_is_importing (dialog))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rct_csv_import_dialog_get_imported (dialog), ==, 0);
  g_assert_nonnull (strstr (rct_csv_import_dialog_get_message (dialog), "Nothing was imported"));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, before);
  /* Stopped, nothing of it is kept. */
  _rct_csv_import_row_hook = hold_first_row_hook;
  g_assert_true (rct_csv_import_dialog_import (dialog, TRUE));
  rct_csv_import_dialog_stop (dialog);
  release_hold ();
  while (rct_csv_import_dialog_is_importing (dialog))
    g_main_context_iteration (NULL, TRUE);
  _rct_csv_import_row_hook = NULL;
  g_assert_cmpstr (rct_csv_import_dialog_get_message (dialog), ==, "The import was stopped; nothing was imported.");
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, before);
  {
    RctFilter none = { 0 };
    rct_ledger_page_set_filter (page, &none);
    pump ();
    g_assert_cmpuint (rct_ledger_page_get_count (page), ==, before);
  }
  g_assert_true (rct_csv_import_dialog_import (dialog, TRUE));
  while (rct_csv_import_dialog_is_importing (dialog))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rct_csv_import_dialog_get_imported (dialog), ==, 1);
  g_assert_cmpstr (rct_csv_import_dialog_get_message (dialog), ==, "Imported 1 problem.");
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, before + 1);
  pump ();
  g_assert_cmpuint (rct_ledger_page_get_count (page), ==, before + 1);   /* the window's list heard of it */
  gtk_window_destroy (GTK_WINDOW (dialog));
  pump ();

  /* The next file with these headers opens with the mapping used. */
  g_assert_true (g_file_set_contents (old, "序号,问题描述,问题来源,责任单位,发现时间,整改时限\n", -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (page), "ledger.import-csv-from", "s", old);
  pump ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (rct_csv_import_dialog_get_field (dialog, 2), ==, "source");
  rct_csv_import_dialog_set_field (dialog, 2, "category");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/spreadsheets/export-filtered-and-import-with-check", test_export_and_import);
  return g_test_run ();
}
