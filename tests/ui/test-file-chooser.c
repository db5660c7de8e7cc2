/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "rct-file-chooser.h"

/* The window's one way to ask for a file. Its finish accepts the task made
 * with the parent window as source (it asserted a NULL source, and every
 * dialog did nothing after a file was chosen); cancelling closes it; each
 * kind of file shows its own filter first; a typed title becomes a safe
 * file name. The real dialog, typed into, is in tests/e2e. */

typedef struct
{
  gboolean  done;
  GFile    *file;
  GError   *error;
} Result;

static void
chosen_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->file = rct_file_chooser_choose_finish (result, &r->error);
  r->done = TRUE;
}

static void
wait_for (Result *r)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!r->done && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (r->done);
}

static void
test_finish_with_parent (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  gtk_window_present (window);
  g_cancellable_cancel (cancellable);
  rct_file_chooser_choose_async (window, RCT_FILE_CHOOSER_SAVE, RCT_FILE_KIND_REPORT, "Export", "_Export",
                                 "报告.xml", NULL, cancellable, chosen_cb, &r);
  wait_for (&r);
  g_assert_null (r.file);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  gtk_window_destroy (window);
}

static gboolean
cancel_later_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_closes (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  gtk_window_present (window);
  rct_file_chooser_choose_async (window, RCT_FILE_CHOOSER_OPEN, RCT_FILE_KIND_LEDGER, "Open", "_Open", NULL,
                                 g_get_tmp_dir (), cancellable, chosen_cb, &r);
  g_timeout_add (300, cancel_later_cb, cancellable);
  wait_for (&r);
  g_assert_null (r.file);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  gtk_window_destroy (window);
}

static gboolean
matches (GtkFileFilter *filter,
         const char    *name)
{
  g_autoptr(GFileInfo) info = g_file_info_new ();

  g_file_info_set_display_name (info, name);
  g_file_info_set_name (info, name);
  return gtk_filter_match (GTK_FILTER (filter), info);
}

static void
test_filters_per_kind (void)
{
  static const struct { RctFileKind kind; const char *yes; const char *no; } cases[] = {
    { RCT_FILE_KIND_LEDGER, "整改 台账.db", "报告.xml" },
    { RCT_FILE_KIND_REPORT, "督导 报告.xml", "整改台账.db" },
    { RCT_FILE_KIND_PDF, "报告.pdf", "报告.xml" },
    { RCT_FILE_KIND_CSV, "台账.csv", "台账.db" },
    { RCT_FILE_KIND_XLSX, "台账.xlsx", "台账.csv" },
    { RCT_FILE_KIND_SETUP, "回河 设置.xml", "回河 派出所.db" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GListModel) filters = rct_file_chooser_filters (cases[i].kind);
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);
      g_autoptr(GtkFileFilter) last = g_list_model_get_item (filters, g_list_model_get_n_items (filters) - 1);

      g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
      g_assert_true (matches (first, cases[i].yes));
      g_assert_false (matches (first, cases[i].no));
      g_assert_true (matches (last, cases[i].no));
    }
  {
    g_autoptr(GListModel) filters = rct_file_chooser_filters (RCT_FILE_KIND_ANY);
    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  }
}

static void
test_name_for_title (void)
{
  static const struct { const char *title; const char *name; } cases[] = {
    { "第二季度 督导通报", "第二季度 督导通报.xml" },
    { "Q2 / 2021: report?", "Q2 2021 report.xml" },
    { "  a\tb\nc  ", "a b c.xml" },
    { "..", "Supervision report.xml" },
    { "", "Supervision report.xml" },
    { NULL, "Supervision report.xml" },
    { "done.xml", "done.xml" },
    { "\xff\xfe", "Supervision report.xml" },
  };
  g_autoptr(GString) longer = g_string_new (NULL);
  g_autofree char *bounded = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = rct_file_chooser_name_for (cases[i].title, "Supervision report", ".xml");
      g_assert_cmpstr (name, ==, cases[i].name);
    }
  for (int i = 0; i < 300; i++)
    g_string_append (longer, "报");
  bounded = rct_file_chooser_name_for (longer->str, "x", ".pdf");
  g_assert_cmpint (g_utf8_strlen (bounded, -1), ==, 84);
  g_assert_true (g_str_has_suffix (bounded, ".pdf"));
}

int
main (int argc, char **argv)
{
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/file-chooser/finish-with-parent-window", test_finish_with_parent);
  g_test_add_func ("/file-chooser/cancellable-closes", test_cancel_closes);
  g_test_add_func ("/file-chooser/filters-per-kind", test_filters_per_kind);
  g_test_add_func ("/file-chooser/name-from-title", test_name_for_title);
  return g_test_run ();
}
