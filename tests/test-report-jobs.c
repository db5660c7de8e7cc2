/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "rct-clock.h"
#include "rct-jobs-private.h"
#include "rct-report.h"
#include "rct-report-print.h"
#include "rct-test-util.h"

/* The report's long jobs in a thread (issue 15): each writes what the
 * call on the caller's connection writes, and cancelled at an early or a
 * late point leaves the ledger and the destination folder as they were,
 * a file already there included. */

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The folder's names, sorted, as one line. */
static char *
folder_listing (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (folder)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

/* A report's or its page's text without the time it was made (and what
 * signs that): a job and the call beside it may be a minute apart. */
static char *
report_text (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "generatedAt") == NULL && strstr (lines[i], "生成于") == NULL &&
        strstr (lines[i], "Signature") == NULL &&
        /* Each report of a read-write ledger has its own serial. */
        strstr (lines[i], "<exchange") == NULL && strstr (lines[i], "</exchange>") == NULL &&
        strstr (lines[i], "<acknowledged") == NULL &&
        strstr (lines[i], "Digest") == NULL && strstr (lines[i], "X509") == NULL)
      g_string_append_printf (kept, "%s\n", lines[i]);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

static GCancellable *cancel_at_cancellable;
static RctReportJobStep cancel_at_step;

static void
cancel_at_hook (RctReportJobStep step)
{
  if (step == cancel_at_step)
    g_cancellable_cancel (cancel_at_cancellable);
}

typedef struct
{
  guint64 done;
  guint64 total;
  guint   told;
} Told;

static void
told_cb (guint64  done,
         guint64  total,
         gpointer user_data)
{
  Told *told = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  told->done = done;
  told->total = total;
  told->told++;
}

static void
test_export_job (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *out = g_build_filename (dir, "报告 输出", NULL);
  g_autofree char *xml = g_build_filename (out, "督导 报告.xml", NULL);
  g_autofree char *html = g_build_filename (out, "督导 报告.html", NULL);
  g_autofree char *sync_xml = g_build_filename (dir, "同步 报告.xml", NULL);
  g_autofree char *sync_html = g_build_filename (dir, "同步 报告.html", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL, *sync_text = NULL;
  g_autofree char *html_text = NULL, *sync_html_text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 problems = rct_test_count_rows (store, RCT_KIND_PROBLEM);
  gint64 journal = rct_test_count_rows (store, RCT_KIND_JOURNAL);
  RctScope scope = { (char *) "2021-04-01", (char *) "2021-05-20", NULL };
  const RctReportJobStep steps[] = { RCT_REPORT_JOB_OPENED, RCT_REPORT_JOB_XML_WRITTEN, RCT_REPORT_JOB_HTML_WRITTEN };

  rct_clock_set_today ("2021-05-20");
  rct_store_set_operator (store, "李明");
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  /* An earlier report of the same name, which a cancel must leave. */
  g_assert_true (g_file_set_contents (xml, "earlier", -1, NULL));
  listing = folder_listing (out);

  _rct_report_job_step_hook = cancel_at_hook;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *after = NULL;
      g_autofree char *kept = NULL;

      cancel_at_cancellable = cancellable;
      cancel_at_step = steps[i];
      rct_report_export_async (rct_store_get_path (store), "李明", &scope, "五月 督导", "zh_CN", xml, html, TRUE, TRUE, NULL, NULL,
                               cancellable, done_cb, &result);
      g_assert_false (rct_report_export_finish (wait_result (&result), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      after = folder_listing (out);
      g_assert_cmpstr (after, ==, listing);
      g_assert_true (g_file_get_contents (xml, &kept, NULL, NULL));
      g_assert_cmpstr (kept, ==, "earlier");
    }
  _rct_report_job_step_hook = NULL;
  cancel_at_cancellable = NULL;
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, problems);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_JOURNAL), ==, journal);

  /* Whole: the same report and page as the export on this connection. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    Told told = { 0 };

    rct_report_export_async (rct_store_get_path (store), "李明", &scope, "五月 督导", "zh_CN", xml, html, FALSE, FALSE, told_cb, &told,
                             NULL, done_cb, &result);
    g_assert_true (rct_report_export_finish (wait_result (&result), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (told.told, >=, 1);
    g_assert_cmpuint (told.done, ==, told.total);
  }
  g_free (listing);
  listing = folder_listing (out);
  g_assert_cmpstr (listing, ==, "督导 报告.html|督导 报告.xml");
  g_assert_true (rct_report_export_in (store, &scope, "五月 督导", "zh_CN", sync_xml, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rct_report_write_html (sync_xml, sync_html, "zh_CN", &error));
  g_assert_no_error (error);
  text = report_text (xml);
  sync_text = report_text (sync_xml);
  g_assert_cmpstr (text, ==, sync_text);
  g_assert_nonnull (strstr (text, rct_test_expected_who ("李明")));
  html_text = report_text (html);
  sync_html_text = report_text (sync_html);
  g_assert_cmpstr (html_text, ==, sync_html_text);

  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static char *
pdf_text (const char *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, "-layout", pdf, "-", NULL };
  char *out = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, NULL));
  {
    /* Without the line of when it was made (生成于…, Generated…). */
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
    g_autoptr(GString) kept = g_string_new (NULL);

    g_free (out);
    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "生成") == NULL && strstr (lines[i], "Generated") == NULL)
        g_string_append_printf (kept, "%s\n", lines[i]);
    return g_string_free (g_steal_pointer (&kept), FALSE);
  }
}

static guint cancel_at_page;

static void
cancel_at_page_hook (guint page)
{
  if (page == cancel_at_page)
    g_cancellable_cancel (cancel_at_cancellable);
}

/* The PDF in a thread: the same pages as the PDF drawn on the caller's
 * connection; cancelled before its first page or before its last, no file
 * and the one already there kept. The print layout in a thread gives the
 * pages a layout on this thread gives, and is not laid out again. */
static void
test_pdf_job (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *out = g_build_filename (dir, "报告 输出", NULL);
  g_autofree char *pdf = g_build_filename (out, "督导 报告.pdf", NULL);
  g_autofree char *sync_pdf = g_build_filename (dir, "同步 报告.pdf", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL, *sync_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportPrint) sync_print = NULL;
  g_autoptr(RctReportPrint) laid_out = NULL;
  gint64 problems = rct_test_count_rows (store, RCT_KIND_PROBLEM);
  RctScope scope = { NULL, NULL, NULL };
  guint n_pages;
  cairo_surface_t *surface;
  cairo_t *cr;

  rct_clock_set_today ("2021-05-20");
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_true (g_file_set_contents (pdf, "earlier", -1, NULL));
  listing = folder_listing (out);

  /* The pages on this thread, for the comparisons. */
  sync_print = rct_report_print_new_in (store, &scope, "五月 督导", "zh_CN", &error);
  g_assert_no_error (error);
  rct_report_print_set_title (sync_print, "五月 督导");
  g_assert_true (rct_report_print_write_pdf (sync_print, sync_pdf, &error));
  surface = cairo_pdf_surface_create (NULL, 595.0, 842.0);
  cr = cairo_create (surface);
  n_pages = rct_report_print_paginate (sync_print, cr, 500.0, 700.0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (n_pages, >=, 2);

  _rct_report_print_page_hook = cancel_at_page_hook;
  for (guint late = 0; late < 2; late++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *after = NULL;
      g_autofree char *kept = NULL;

      cancel_at_cancellable = cancellable;
      /* The A4 PDF has at least as many pages as the smaller layout. */
      cancel_at_page = late ? 1 : 0;
      rct_report_print_write_pdf_async (rct_store_get_path (store), &scope, "五月 督导", "zh_CN", pdf, cancellable,
                                        done_cb, &result);
      g_assert_false (rct_report_print_write_pdf_finish (wait_result (&result), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      after = folder_listing (out);
      g_assert_cmpstr (after, ==, listing);
      g_assert_true (g_file_get_contents (pdf, &kept, NULL, NULL));
      g_assert_cmpstr (kept, ==, "earlier");
    }
  _rct_report_print_page_hook = NULL;
  cancel_at_cancellable = NULL;
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, problems);

  {
    g_autoptr(GAsyncResult) result = NULL;

    rct_report_print_write_pdf_async (rct_store_get_path (store), &scope, "五月 督导", "zh_CN", pdf, NULL, done_cb,
                                      &result);
    g_assert_true (rct_report_print_write_pdf_finish (wait_result (&result), &error));
    g_assert_no_error (error);
  }
  g_free (listing);
  listing = folder_listing (out);
  g_assert_cmpstr (listing, ==, "督导 报告.pdf");
  text = pdf_text (pdf);
  sync_text = pdf_text (sync_pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "五月 督导"));
      g_assert_cmpstr (text, ==, sync_text);
    }

  {
    g_autoptr(GAsyncResult) result = NULL;

    rct_report_print_layout_async (rct_store_get_path (store), &scope, "五月 督导", "zh_CN", 500.0, 700.0, NULL,
                                   done_cb, &result);
    laid_out = rct_report_print_layout_finish (wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_nonnull (laid_out);
    /* No cairo context needed: the pages are there. */
    g_assert_cmpuint (rct_report_print_paginate (laid_out, NULL, 500.0, 700.0), ==, n_pages);
    g_assert_cmpstr (rct_report_print_get_title (laid_out), ==, "五月 督导");
  }

  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/job/export", test_export_job);
  g_test_add_func ("/report/job/pdf-and-print-layout", test_pdf_job);
  return g_test_run ();
}
