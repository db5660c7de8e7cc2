/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-issue"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "rct-backups.h"
#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-report.h"
#include "rct-report-docx.h"
#include "rct-report-issue.h"
#include "rct-report-official.h"
#include "rct-test-util.h"
#include "rct-keys.h"
#include "rct-report-sign.h"

/* The official report (issue 17): drafts, issue numbers that never
 * repeat (also after restoring an older backup), files that match their
 * recorded SHA-256, drafted figures equal to `stats --json`, attachments
 * equal to the ledger's lists, the Word document read by LibreOffice. */

#define TODAY "2021-05-20"

static RctReportIssue *
new_issue (const char *language)
{
  RctReportIssue *issue = rct_report_issue_new ();

  g_free (issue->language);
  issue->language = g_strdup (language);
  issue->series = g_strdup ("督导专报");
  issue->title = g_strdup ("关于教育整顿督导情况的报告");
  issue->addressee = g_strdup ("市局教育整顿领导小组办公室");
  issue->signed_off_by = g_strdup ("王建国");
  issue->drafted_by = g_strdup ("李明");
  issue->copied_to = g_strdup ("市局政治部");
  issue->marking = g_strdup ("内部");
  issue->period_from = g_strdup ("2021-04-01");
  issue->period_to = g_strdup (TODAY);
  return issue;
}

static gint64
draft_and_issue (RctStore    *store,
                 const char  *folder,
                 gint64      *out_id)
{
  g_autoptr(RctReportIssue) issue = new_issue ("zh_CN");
  g_autoptr(RctReportIssue) issued = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_report_issue_draft_sections (store, issue, &error));
  g_assert_no_error (error);
  g_assert_true (rct_report_issue_save_draft (store, issue, &error));
  g_assert_no_error (error);
  g_assert_true (rct_report_issue_issue (store, issue->id, folder, &issued, &error));
  g_assert_no_error (error);
  if (out_id != NULL)
    *out_id = issue->id;
  return issued->number;
}

static void
test_numbers_never_repeat (void)
{
  g_autofree char *dir = NULL;
  RctStore *store = rct_test_open_demo (&dir);
  g_autofree char *folder = g_build_filename (dir, "签发 文件", NULL);
  g_autofree char *path = g_strdup (rct_store_get_path (store));
  g_autofree char *backup = g_build_filename (dir, "旧 备份.db", NULL);
  g_autofree char *backup_dir = g_build_filename (dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) since = NULL;
  gint64 id = 0;

  g_assert_cmpint (draft_and_issue (store, folder, NULL), ==, 1);
  g_assert_true (rct_store_backup (store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (draft_and_issue (store, folder, NULL), ==, 2);
  g_assert_cmpint (draft_and_issue (store, folder, &id), ==, 3);

  /* Issued once, never again. */
  g_assert_false (rct_report_issue_issue (store, id, folder, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&store);

  /* A server's ledger is never replaced by a backup (rct_backups_restore
   * refuses it, /totals/restore): no older state to number from. */
  if (rct_store_location_is_server (path))
    {
      rct_test_remove_dir (dir);
      g_test_skip ("a backup is not restored into a server's ledger");
      return;
    }
  /* The older backup holds only number 1; the next is still 4, and the
   * restore can say that 2 and 3 were issued since. */
  g_assert_true (rct_backups_restore (path, backup, backup_dir, &error));
  g_assert_no_error (error);
  store = rct_store_open (path, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  since = rct_report_issue_dup_issued_since (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (since), ==, 2);
  g_assert_nonnull (strstr (since[0], "2021"));
  g_assert_nonnull (strstr (since[0], "督导专报"));
  g_assert_cmpint (draft_and_issue (store, folder, NULL), ==, 4);

  g_object_unref (store);
  rct_test_remove_dir (dir);
}

static void
test_files_match_sha256 (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *folder = g_build_filename (dir, "签发 文件", NULL);
  g_autoptr(RctReportIssue) issue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  gint64 id = 0;

  draft_and_issue (store, folder, &id);
  issue = rct_report_issue_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (issue->status, ==, "issued");
  for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
    {
      g_autofree char *file = g_build_filename (folder, issue->files[i], NULL);
      g_autofree char *contents = NULL;
      g_autofree char *sum = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (file, &contents, &length, &error));
      g_assert_no_error (error);
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      g_assert_cmpstr (sum, ==, issue->sha256[i]);
    }
  g_assert_true (rct_report_issue_check_files (issue, NULL, &error));
  g_assert_no_error (error);

  /* The XML is a valid report that carries the header and the sections. */
  {
    g_autofree char *xml = g_build_filename (folder, issue->files[RCT_REPORT_FILE_XML], NULL);
    g_autofree char *contents = NULL;
    RctReportSummary summary = { 0 };

    g_assert_true (rct_report_validate (xml, &summary, NULL, &error));
    g_assert_no_error (error);
    rct_report_summary_clear (&summary);
    g_assert_true (g_file_get_contents (xml, &contents, NULL, &error));
    g_assert_nonnull (strstr (contents, "<official date=\"2021-05-20\" issue=\"2021年第1期\" marking=\"内部\" number=\"1\" series=\"督导专报\" year=\"2021\""));
    g_assert_nonnull (strstr (contents, "<addressee>市局教育整顿领导小组办公室</addressee>"));
    g_assert_nonnull (strstr (contents, "<signedOffBy>王建国</signedOffBy>"));
    g_assert_nonnull (strstr (contents, "<section heading=\"一、总体情况\" key=\"overview\">"));
    g_assert_nonnull (strstr (contents, issue->sections[RCT_REPORT_SECTION_NEXT]));

    /* The web page of it shows the sections under their headings. */
    {
      g_autofree char *html = g_build_filename (dir, "报告 页.html", NULL);
      g_autofree char *page = NULL;

      g_assert_true (rct_report_write_html (xml, html, "zh_CN", &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (html, &page, NULL, &error));
      g_assert_nonnull (strstr (page, "<h2>一、总体情况</h2>"));
      g_assert_nonnull (strstr (page, "<h2>四、下一步工作打算</h2>"));
      g_assert_nonnull (strstr (page, "2021年第1期"));
    }
  }

  /* An issued report is frozen. */
  g_assert_false (rct_report_issue_save_draft (store, issue, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A file changed after issue is told apart. */
  pdf = g_build_filename (folder, issue->files[RCT_REPORT_FILE_PDF], NULL);
  g_assert_true (g_file_set_contents (pdf, "%PDF-1.4 changed", -1, &error));
  g_assert_false (rct_report_issue_check_files (issue, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  /* The list the command line gives names the files and their sums. */
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", rct_store_get_path (store), "report", "list", "--json",
                                       NULL), ==, 0);
    g_assert_nonnull (strstr (out, issue->sha256[RCT_REPORT_FILE_DOCX]));
    g_assert_nonnull (strstr (out, "\"issue\" : \"2021年第1期\""));
  }
  rct_test_remove_dir (dir);
}

static void
test_draft_figures_equal_stats (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(RctReportIssue) issue = new_issue ("en");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  JsonObject *root, *problems, *tasks, *feedback;
  struct { const char *object; const char *num; const char *den; } rates[] = {
    { "problems", "closed", "total" },
    { "problems", "closed_on_time", "closed" },
    { "tasks", "done", "total" },
    { "feedback", "replied", "total" },
    { "feedback", "satisfied", "rated" },
  };

  g_assert_true (rct_report_issue_draft_sections (store, issue, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", rct_store_get_path (store), "stats", "--json",
                                     "--from", "2021-04-01", "--to", TODAY, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  problems = json_object_get_object_member (root, "problems");
  tasks = json_object_get_object_member (root, "tasks");
  feedback = json_object_get_object_member (root, "feedback");

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      JsonObject *o = json_object_get_object_member (root, rates[i].object);
      g_autofree char *rate = rct_figures_format_ratio (json_object_get_int_member (o, rates[i].num),
                                                        json_object_get_int_member (o, rates[i].den));
      g_autofree char *phrase = g_strdup_printf ("%s)", rate);
      g_autofree char *phrase2 = g_strdup_printf ("%s,", rate);

      g_test_message ("%s %s/%s = %s", rates[i].object, rates[i].num, rates[i].den, rate);
      g_assert_true (strstr (issue->sections[RCT_REPORT_SECTION_OVERVIEW], phrase) != NULL ||
                     strstr (issue->sections[RCT_REPORT_SECTION_OVERVIEW], phrase2) != NULL);
    }
  {
    g_autofree char *total = g_strdup_printf ("recorded %" G_GINT64_FORMAT " problems: %" G_GINT64_FORMAT " closed",
                                              json_object_get_int_member (problems, "total"),
                                              json_object_get_int_member (problems, "closed"));
    g_autofree char *done = g_strdup_printf ("completed %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " tasks",
                                             json_object_get_int_member (tasks, "done"),
                                             json_object_get_int_member (tasks, "total"));
    g_autofree char *fb = g_strdup_printf ("gave %" G_GINT64_FORMAT " pieces of feedback, %" G_GINT64_FORMAT " answered",
                                           json_object_get_int_member (feedback, "total"),
                                           json_object_get_int_member (feedback, "replied"));
    g_autofree char *overdue = g_strdup_printf ("%" G_GINT64_FORMAT " of them overdue",
                                                json_object_get_int_member (problems, "overdue"));

    g_assert_nonnull (strstr (issue->sections[RCT_REPORT_SECTION_OVERVIEW], total));
    g_assert_nonnull (strstr (issue->sections[RCT_REPORT_SECTION_OVERVIEW], done));
    g_assert_nonnull (strstr (issue->sections[RCT_REPORT_SECTION_OVERVIEW], fb));
    g_assert_nonnull (strstr (issue->sections[RCT_REPORT_SECTION_PROBLEMS], overdue));
  }
  rct_test_remove_dir (dir);
}

static void
assert_problem_rows (RctStore             *store,
                     const RctReportIssue *issue,
                     const char           *key,
                     const RctFilter      *filter,
                     gboolean              only_open)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = rct_report_issue_list_attachment (store, issue, key, &error);
  g_autoptr(GPtrArray) problems = rct_store_list (store, RCT_KIND_PROBLEM, filter, &error);
  guint row = 1;

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    {
      RctProblem *p = g_ptr_array_index (problems, i);
      char **cells;

      if (only_open && g_str_equal (p->status, "closed"))
        continue;
      g_assert_cmpuint (row, <, rows->len);
      cells = g_ptr_array_index (rows, row++);
      g_assert_cmpstr (cells[0], ==, p->number);
      g_assert_cmpstr (cells[1], ==, p->unit_name);
    }
  g_test_message ("%s: %u rows", key, rows->len - 1);
  g_assert_cmpuint (row, ==, rows->len);
}

static void
test_attachment_rows_equal_lists (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(RctReportIssue) issue = new_issue ("zh_CN");
  g_autoptr(GError) error = NULL;
  RctFilter filter = { .from = "2021-04-01", .to = TODAY };
  RctFilter overdue = { .from = "2021-04-01", .to = TODAY, .overdue = TRUE };
  RctScope scope = { .from = (char *) "2021-04-01", .to = (char *) TODAY };
  g_autoptr(RctFigures) figures = rct_figures_compute (store, &scope, &error);

  assert_problem_rows (store, issue, RCT_REPORT_ATTACH_PROBLEMS_ALL, &filter, FALSE);
  assert_problem_rows (store, issue, RCT_REPORT_ATTACH_PROBLEMS_OPEN, &filter, TRUE);
  assert_problem_rows (store, issue, RCT_REPORT_ATTACH_PROBLEMS_OVERDUE, &overdue, FALSE);

  {
    g_autoptr(GPtrArray) rows = rct_report_issue_list_attachment (store, issue, RCT_REPORT_ATTACH_TASKS, &error);
    g_autoptr(GPtrArray) tasks = rct_store_list (store, RCT_KIND_TASK, &filter, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, tasks->len + 1);
    for (guint i = 0; i < tasks->len; i++)
      g_assert_cmpstr (((char **) g_ptr_array_index (rows, i + 1))[1], ==,
                       ((RctTask *) g_ptr_array_index (tasks, i))->title);
  }
  {
    g_autoptr(GPtrArray) rows = rct_report_issue_list_attachment (store, issue, RCT_REPORT_ATTACH_FEEDBACK, &error);
    g_autoptr(GPtrArray) feedback = rct_store_list (store, RCT_KIND_FEEDBACK, &filter, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, feedback->len + 1);
    for (guint i = 0; i < feedback->len; i++)
      g_assert_cmpstr (((char **) g_ptr_array_index (rows, i + 1))[2], ==,
                       ((RctFeedback *) g_ptr_array_index (feedback, i))->content);
  }
  {
    g_autoptr(GPtrArray) rows = rct_report_issue_list_attachment (store, issue, RCT_REPORT_ATTACH_UNITS, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, figures->units->len + 1);
    for (guint i = 0; i < figures->units->len; i++)
      {
        RctUnitFigures *u = g_ptr_array_index (figures->units, i);
        g_autofree char *rate = rct_figures_format_ratio (u->closed, u->total);
        char **cells = g_ptr_array_index (rows, i + 1);

        g_assert_cmpstr (cells[0], ==, u->name);
        g_assert_cmpstr (cells[1], ==, u->head != NULL ? u->head : "—");  /* 一岗双责 */
        g_assert_cmpstr (cells[5], ==, rate);
      }
  }
  g_assert_null (rct_report_issue_list_attachment (store, issue, "../etc", &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  rct_test_remove_dir (dir);
}

static gboolean
contains_either (const char *text,
                 const char *one,
                 const char *other)
{
  return strstr (text, one) != NULL || strstr (text, other) != NULL;
}

static char *
run_text (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *err = NULL;

  /* The test's malloc checks and fatal criticals are for our code, not
   * for LibreOffice's. */
  env = g_environ_unsetenv (env, "MALLOC_CHECK_");
  env = g_environ_unsetenv (env, "MALLOC_PERTURB_");
  env = g_environ_unsetenv (env, "G_DEBUG");
  env = g_environ_unsetenv (env, "GSETTINGS_BACKEND");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s %s", argv[0], out, err);
  return out;
}

static void
test_docx_through_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctReportIssue) issue = new_issue ("zh_CN");
  g_autoptr(GError) error = NULL;
  g_autofree char *docx = NULL, *pdf = NULL, *profile = NULL, *profile_url = NULL, *env_arg = NULL;
  g_autofree char *text = NULL, *ignored = NULL;
  g_autoptr(GPtrArray) overdue = NULL;

  if (soffice == NULL)
    {
      g_test_skip ("no LibreOffice (install libreoffice-writer-nogui)");
      return;
    }
  store = rct_test_open_demo (&dir);
  docx = g_build_filename (dir, "督导 专报.docx", NULL);
  pdf = g_build_filename (dir, "督导 专报.pdf", NULL);
  profile = g_build_filename (dir, "lo-profile", NULL);
  profile_url = g_filename_to_uri (profile, NULL, NULL);
  env_arg = g_strconcat ("-env:UserInstallation=", profile_url, NULL);
  issue->attachments = g_strsplit (RCT_REPORT_ATTACH_FIGURES "," RCT_REPORT_ATTACH_PROBLEMS_OVERDUE, ",", -1);
  g_assert_true (rct_report_issue_draft_sections (store, issue, &error));
  g_assert_true (rct_report_docx_write (store, issue, docx, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { soffice, env_arg, "--headless", "--convert-to", "pdf", "--outdir", dir, docx, NULL };
    ignored = run_text (argv);
  }
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    text = run_text (argv);
  }
  g_assert_nonnull (strstr (text, "关于教育整顿督导情况的报告"));
  g_assert_nonnull (strstr (text, "一、总体情况"));
  g_assert_nonnull (strstr (text, "四、下一步工作打算"));
  g_assert_nonnull (strstr (text, "签发人：王建国"));
  g_assert_true (contains_either (text, "2021年5月20日", "2021 年 5 月 20 日"));
  g_assert_true (contains_either (text, "附件2：", "附件 2："));
  /* Every overdue problem's number is in the table. */
  {
    RctFilter filter = { .from = "2021-04-01", .to = TODAY, .overdue = TRUE };
    overdue = rct_store_list (store, RCT_KIND_PROBLEM, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (overdue->len, >, 0);
    for (guint i = 0; i < overdue->len; i++)
      g_assert_nonnull (strstr (text, ((RctProblem *) g_ptr_array_index (overdue, i))->number));
  }
  /* Page numbers as — 1 —. */
  g_assert_true (contains_either (text, "— 1 —", "—1—"));

  /* A4 upright, the wide problem list (the last page) on its side. */
  {
    const char *info_argv[] = { "pdfinfo", pdf, NULL };
    g_autofree char *info = run_text (info_argv);
    const char *pages = strstr (info, "Pages:");
    g_autofree char *last = NULL, *last_info = NULL;

    g_assert_nonnull (pages);
    last = g_strdup_printf ("%u", (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + strlen ("Pages:"), " "),
                                                            NULL, 10));
    g_assert_nonnull (strstr (strstr (info, "Page size:"), " x 841."));
    {
      const char *last_argv[] = { "pdfinfo", "-f", last, "-l", last, pdf, NULL };
      last_info = run_text (last_argv);
    }
    g_test_message ("%s", last_info);
    g_assert_nonnull (strstr (strstr (last_info, "size:"), "841."));
    g_assert_nonnull (strstr (strstr (strstr (last_info, "size:"), "841."), "x 595."));
  }
  rct_test_remove_dir (dir);
}

/* An issue that fails half-way (the Word file cannot be written) leaves
 * no file, uses no number and keeps the draft a draft. */
static void
test_failed_issue_changes_nothing (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *folder = g_build_filename (dir, "签发 文件", NULL);
  g_autofree char *blocker = NULL, *name = NULL;
  g_autoptr(RctReportIssue) issue = new_issue ("zh_CN");
  g_autoptr(RctReportIssue) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_report_issue_draft_sections (store, issue, &error));
  g_assert_true (rct_report_issue_save_draft (store, issue, &error));
  g_assert_no_error (error);
  /* A folder where the Word file is to go. */
  name = g_strdup_printf ("report-2021-001-%" G_GINT64_FORMAT ".docx", issue->id);
  blocker = g_build_filename (folder, name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (blocker, 0700), ==, 0);

  g_assert_false (rct_report_issue_issue (store, issue->id, folder, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  /* Only the blocking folder is there: no XML, PDF or half-written file. */
  {
    g_autoptr(GDir) handle = g_dir_open (folder, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (handle) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  after = rct_report_issue_load (store, issue->id, &error);
  g_assert_cmpstr (after->status, ==, "draft");
  g_assert_cmpint (rct_report_issue_next_number (store, "督导专报", 2021, &error), ==, 1);

  /* Once the way is clear the same draft is issued as number 1. */
  g_assert_cmpint (g_rmdir (blocker), ==, 0);
  g_assert_true (rct_report_issue_issue (store, issue->id, folder, NULL, &error));
  g_assert_no_error (error);
  rct_test_remove_dir (dir);
}

/* A section left as drafted is drafted again at issue, with the ledger's
 * figures of that day; a section the clerk wrote stays as written. */
static void
test_untouched_sections_follow_the_ledger (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *folder = g_build_filename (dir, "签发", NULL);
  g_autoptr(RctReportIssue) issue = new_issue ("en");
  g_autoptr(RctReportIssue) issued = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autofree char *total = NULL;
  RctScope scope = { .from = (char *) "2021-04-01", .to = (char *) TODAY };

  g_assert_true (rct_report_issue_draft_sections (store, issue, &error));
  g_free (issue->sections[RCT_REPORT_SECTION_NEXT]);
  issue->sections[RCT_REPORT_SECTION_NEXT] = g_strdup ("Our own plans.");
  g_assert_true (rct_report_issue_save_draft (store, issue, &error));
  g_assert_no_error (error);

  rct_test_add_problem (store, "刑侦大队", "2021-05-19", "2021-06-30", "报告起草后发现的问题");
  figures = rct_figures_compute (store, &scope, &error);
  total = g_strdup_printf ("recorded %" G_GINT64_FORMAT " problems", figures->problems_total);
  g_assert_null (strstr (issue->sections[RCT_REPORT_SECTION_OVERVIEW], total));

  g_assert_true (rct_report_issue_issue (store, issue->id, folder, &issued, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (issued->sections[RCT_REPORT_SECTION_OVERVIEW], total));
  g_assert_cmpstr (issued->sections[RCT_REPORT_SECTION_NEXT], ==, "Our own plans.");
  {
    g_autoptr(RctReportIssue) stored = rct_report_issue_load (store, issue->id, &error);
    g_autoptr(RctOrganisation) org = rct_store_dup_organisation (store, NULL);
    g_autoptr(RctSigningKey) key = rct_keys_load (org->uuid, NULL);
    g_autofree char *xml = g_build_filename (stored->folder, stored->files[RCT_REPORT_FILE_XML], NULL);
    g_autoptr(RctSignature) sig = rct_signature_read (xml, NULL);

    g_assert_cmpstr (stored->sections[RCT_REPORT_SECTION_OVERVIEW], ==, issued->sections[RCT_REPORT_SECTION_OVERVIEW]);
    /* The issued list records the XML file's signature (issue 21). */
    g_assert_cmpint (sig->status, ==, RCT_SIGNATURE_VERIFIED);
    g_assert_cmpstr (stored->signature_fingerprint, ==, key->certificate->fingerprint);
    g_assert_cmpstr (stored->signed_at, ==, sig->signed_at);
  }
  rct_test_remove_dir (dir);
}

/* The command line: `report issue` prints the number first; a restore of
 * an older backup names what was issued since. */
static void
test_cli_issue_and_restore (void)
{
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *db = rct_test_ledger_location (dir, "台账 一.db");
  g_autofree char *backup = g_build_filename (dir, "备份 一.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "签发", NULL);
  g_autofree char *out = NULL, *err = NULL, *first = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (dir, "数据", NULL);
  JsonArray *list;

  /* The command line keeps its marks in its own data folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "init", "--demo", NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", db, "report", "draft", "--language", "zh_CN",
                                     "--series", "督导专报", "--addressee", "市局办公室", "--signed-off-by", "王建国",
                                     "--from", "2021-04-01", "--to", TODAY, "--attach", "figures", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Saved draft 1.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", db, "report", "issue", "1", "--folder", folder, NULL), ==, 0);
  first = g_strndup (out, strcspn (out, "\n"));
  g_assert_cmpstr (first, ==, "2021年第1期");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "backup", backup, NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", db, "report", "issue", "--language", "zh_CN",
                                     "--series", "督导专报", "--addressee", "市局办公室", "--signed-off-by", "王建国",
                                     "--folder", folder, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "2021年第2期\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Issued is frozen: the command says so and changes nothing. */
  g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", db, "report", "issue", "1", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already been issued"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "report", "list", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  list = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "issue"), ==, "2021年第2期");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A server's ledger is not replaced by a backup: one sentence, and the
   * numbers go on from the ledger as it is. */
  if (rct_store_location_is_server (db))
    {
      g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", db, "restore", "--dir", folder, backup, NULL), ==, 1);
      g_assert_nonnull (strstr (err, "copy-ledger"));
    }
  else
    {
      g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", db, "restore", "--dir", folder, backup, NULL), ==, 0);
      g_assert_nonnull (strstr (out, "No. 2 of 2021 (督导专报)"));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", db, "report", "issue", "--language", "zh_CN",
                                     "--series", "督导专报", "--addressee", "市局办公室", "--signed-off-by", "王建国",
                                     "--folder", folder, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "2021年第3期\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* export-report --docx writes a Word document beside the XML. */
  {
    g_autofree char *xml = g_build_filename (dir, "报告.xml", NULL);
    g_autofree char *docx = g_build_filename (dir, "报告 一.docx", NULL);

    g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", db, "export-report", xml, "--docx", docx,
                                       "--addressee", "市局办公室", NULL), ==, 0);
    g_assert_true (g_file_test (docx, G_FILE_TEST_IS_REGULAR));
  }
  rct_test_remove_dir (dir);
}

/* No line of the text ends inside a number that the next line goes on. */
static void
assert_no_number_split (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      const char *next = lines[i + 1];
      gsize len = strlen (line);

      while (*next == ' ')
        next++;
      if (len > 0 && g_ascii_isdigit (line[len - 1]) && (g_ascii_isdigit (*next) || *next == '.' || *next == '%'))
        g_error ("a number wraps between “%s” and “%s”", line, lines[i + 1]);
    }
}

static char *
pdf_page_size (const char *pdf,
               guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdfinfo", "-f", number, "-l", number, pdf, NULL };
  g_autofree char *info = run_text (argv);
  const char *size = strstr (info, "size:");

  g_assert_nonnull (size);
  return g_strndup (size, strcspn (size, "\n"));
}

static void
test_official_pdf (gconstpointer data)
{
  const char *language = data;
  gboolean chinese = g_str_equal (language, "zh_CN");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(RctReportIssue) issue = new_issue (language);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL, *text = NULL, *first = NULL, *last = NULL;
  g_autofree char *size1 = NULL, *size_wide = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  RctFilter filter = { .from = "2021-04-01", .to = TODAY, .overdue = TRUE };

  if (pdftotext == NULL)
    {
      g_test_skip ("no pdftotext (install poppler-utils)");
      return;
    }
  pdf = g_build_filename (dir, "督导 专报.pdf", NULL);
  issue->year = 2021;
  issue->number = 3;
  issue->issue_date = g_strdup (TODAY);
  issue->organisation = g_strdup ("某某公安分局教育整顿领导小组办公室");
  issue->attachments = g_strsplit (RCT_REPORT_ATTACH_FIGURES "," RCT_REPORT_ATTACH_PROBLEMS_OVERDUE, ",", -1);
  g_assert_true (rct_report_issue_draft_sections (store, issue, &error));
  g_assert_true (rct_report_official_write_pdf (store, issue, pdf, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
    text = run_text (argv);
  }
  g_assert_nonnull (strstr (text, issue->title));
  g_assert_nonnull (strstr (text, "督导专报"));
  g_assert_nonnull (strstr (text, chinese ? "2021年第3期" : "No. 3 of 2021"));
  g_assert_nonnull (strstr (text, chinese ? "一、总体情况" : "1. Overall situation"));
  g_assert_nonnull (strstr (text, chinese ? "四、下一步工作打算" : "4. Plans for the next stage"));
  g_assert_nonnull (strstr (text, chinese ? "签发人：王建国" : "Signed off by: 王建国"));
  g_assert_nonnull (strstr (text, chinese ? "抄送：市局政治部" : "Copied to: 市局政治部"));
  g_assert_nonnull (strstr (text, chinese ? "2021年5月20日" : "20 May 2021"));
  g_assert_true (contains_either (text, "— 1 —", "—1—"));
  g_assert_true (contains_either (text, "— 2 —", "—2—"));
  overdue = rct_store_list (store, RCT_KIND_PROBLEM, &filter, &error);
  g_assert_cmpuint (overdue->len, >, 0);
  for (guint i = 0; i < overdue->len; i++)
    g_assert_nonnull (strstr (text, ((RctProblem *) g_ptr_array_index (overdue, i))->number));
  assert_no_number_split (text);

  /* A4 upright; the wide problem list on a landscape page. */
  size1 = pdf_page_size (pdf, 1);
  g_assert_nonnull (strstr (size1, "595.276 x 841.89"));
  {
    const char *argv[] = { "pdfinfo", pdf, NULL };
    g_autofree char *info = run_text (argv);
    const char *pages = strstr (info, "Pages:");
    guint n = (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + strlen ("Pages:"), " "), NULL, 10);

    size_wide = pdf_page_size (pdf, n);
    g_assert_nonnull (strstr (size_wide, "841.89 x 595.276"));
  }
  rct_test_remove_dir (dir);
}

/* The window says which of the office's fonts are missing. */
static void
test_font_note (void)
{
  g_autofree char *note = rct_report_official_dup_font_note ();
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  gboolean has_fangsong = FALSE;
  int n = 0;

  pango_font_map_list_families (map, &families, &n);
  for (int i = 0; i < n; i++)
    has_fangsong |= g_str_equal (pango_font_family_get_name (families[i]), "仿宋_GB2312");
  g_free (families);
  g_test_message ("%s", note);
  if (has_fangsong)
    g_assert_null (strstr (note, "仿宋_GB2312."));
  else
    g_assert_nonnull (strstr (note, "仿宋_GB2312"));
  g_assert_nonnull (strstr (note, has_fangsong ? "" : "Noto CJK"));
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("RECTIFY_LOCALEDIR");
  g_autofree char *data_home = NULL;
  int status;

  g_setenv ("RECTIFY_TODAY", TODAY, TRUE);
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* The marks outside the ledger go to a data folder of the test's own. */
  data_home = g_dir_make_tmp ("rectify 数据-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  rct_clock_set_today (TODAY);

  g_test_add_func ("/report/issue/numbers-never-repeat", test_numbers_never_repeat);
  g_test_add_func ("/report/issue/files-match-sha256", test_files_match_sha256);
  g_test_add_func ("/report/issue/draft-figures-equal-stats", test_draft_figures_equal_stats);
  g_test_add_func ("/report/issue/attachment-rows-equal-lists", test_attachment_rows_equal_lists);
  g_test_add_func ("/report/issue/failed-issue-changes-nothing", test_failed_issue_changes_nothing);
  g_test_add_func ("/report/issue/untouched-sections-follow-the-ledger", test_untouched_sections_follow_the_ledger);
  g_test_add_func ("/report/issue/cli-issue-and-restore", test_cli_issue_and_restore);
  g_test_add_data_func ("/report/official/pdf-zh_CN", "zh_CN", test_official_pdf);
  g_test_add_data_func ("/report/official/pdf-en", "en", test_official_pdf);
  g_test_add_func ("/report/official/font-note", test_font_note);
  g_test_add_func ("/report/docx/libreoffice-reads-it", test_docx_through_libreoffice);
  status = g_test_run ();
  rct_test_remove_dir (data_home);
  return status;
}
