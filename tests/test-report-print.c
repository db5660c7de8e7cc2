/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-report-language.h"
#include "rct-report-print.h"
#include "rct-test-util.h"

/* The printed report, written as PDF without a display: in Chinese, its
 * title, the closing rate and every unit's name are in the text, and it
 * runs to a sensible number of pages. */

static char *
pdf_text (const char *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_demo_pdf_in_chinese (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportPrint) print = NULL;
  g_autoptr(RctFigures) figures = rct_figures_compute (store, NULL, NULL);
  g_autoptr(GPtrArray) units = rct_store_list (store, RCT_KIND_UNIT, NULL, NULL);
  g_autofree char *pdf = g_build_filename (dir, "督导 报告.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *rate = NULL;
  guint pages = 0;

  print = rct_report_print_new (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rct_report_print_write_pdf (print, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("no pdftotext");
      rct_test_remove_dir (dir);
      return;
    }
  for (const char *c = text; (c = strchr (c, '\f')) != NULL; c++)
    pages++;
  g_test_message ("%u pages", pages);
  g_assert_cmpuint (pages, >=, 2);
  g_assert_cmpuint (pages, <=, 6);
  g_assert_nonnull (strstr (text, "督导报告"));
  g_assert_nonnull (strstr (text, "整改完成率"));
  rate = rct_figures_format_rate (rct_figures_closing_rate (figures));
  g_assert_nonnull (strstr (text, rate));
  for (guint i = 0; i < units->len; i++)
    g_assert_nonnull (strstr (text, RCT_UNIT (g_ptr_array_index (units, i))->name));
  /* The problem table's header comes back on the page it runs on to. */
  {
    const char *second = strchr (text, '\f');
    g_assert_nonnull (second);
    g_assert_nonnull (strstr (second, "问题描述"));
  }
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* In English, where words are long: no word, date or number is broken
 * over two lines and nothing is hyphenated. */
static void
test_no_broken_words (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportPrint) print = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GRegex) hyphenated = g_regex_new ("[a-z]-\\s*\\n", 0, 0, NULL);

  /* setlocale() again makes gettext read LANGUAGE afresh. */
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  store = rct_test_open_demo (&dir);
  problems = rct_store_list (store, RCT_KIND_PROBLEM, NULL, NULL);
  pdf = g_build_filename (dir, "report en.pdf", NULL);
  print = rct_report_print_new (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rct_report_print_write_pdf (print, pdf, &error));
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("no pdftotext");
      g_clear_object (&store);
      rct_test_remove_dir (dir);
      return;
    }
  g_assert_nonnull (strstr (text, "verification"));
  for (const char *c = text; (c = strstr (c, "verificati")) != NULL; c++)
    g_assert_true (g_str_has_prefix (c, "verification"));
  g_assert_false (g_regex_match (hyphenated, text, 0, NULL));
  for (guint i = 0; i < problems->len; i++)
    {
      RctProblem *problem = g_ptr_array_index (problems, i);
      /* The report is in the user's language (English here), its dates
       * written out whole: 12 May 2021, on one line. */
      g_autofree char *deadline = rct_report_language_date (RCT_REPORT_LANGUAGE_ENGLISH, problem->deadline);

      g_assert_nonnull (strstr (text, problem->number));
      g_assert_nonnull (strstr (text, deadline));
    }
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_unwritable_place (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportPrint) print = rct_report_print_new (store, NULL, &error);

  g_assert_false (rct_report_print_write_pdf (print, "/nonexistent/folder/报告.pdf", &error));
  g_assert_nonnull (error);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* The title typed on the reports page heads the document and names the PDF. */
static void
test_typed_title (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportPrint) print = rct_report_print_new (store, NULL, &error);
  g_autofree char *pdf = g_build_filename (dir, "第二季度 报告.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  rct_report_print_set_title (print, "");
  g_assert_cmpstr (rct_report_print_get_title (print), ==, "督导报告");
  rct_report_print_set_title (print, "第二季度督导通报");
  g_assert_cmpstr (rct_report_print_get_title (print), ==, "第二季度督导通报");
  g_assert_true (rct_report_print_write_pdf (print, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text == NULL)
    g_test_skip ("no pdftotext");
  else
    g_assert_nonnull (strstr (text, "第二季度督导通报"));
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("RECTIFY_LOCALEDIR");

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);
  rct_clock_set_today ("2021-05-20");
  g_test_add_func ("/print/demo-pdf-in-chinese", test_demo_pdf_in_chinese);
  g_test_add_func ("/print/unwritable-place", test_unwritable_place);
  g_test_add_func ("/print/no-date-or-word-broken", test_no_broken_words);
  g_test_add_func ("/print/typed-title", test_typed_title);
  return g_test_run ();
}
