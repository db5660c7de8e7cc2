/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report-issue"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rct-clock.h"
#include "rct-report.h"
#include "rct-report-docx.h"
#include "rct-report-issue.h"
#include "rct-report-sign.h"
#include "rct-report-language.h"
#include "rct-report-official.h"
#include "rct-dialect.h"
#include "rct-store-private.h"
#include "rct-vocabulary.h"

/* The official report the office sends up (issue 17): a draft kept in the
 * ledger (header, four sections the clerk writes from a drafted first
 * version, attachments ticked), and issuing it, which freezes it: the
 * XML, PDF and DOCX are written, their SHA-256 recorded, the next number
 * of the series and year consumed, and the journal notes it.
 *
 * A number once issued is never given again. The ledger keeps the highest
 * number of each series and year (report_series); a copy of the marks
 * lives in the user's data folder, keyed by the ledger's identity, so
 * that restoring an older backup cannot lower them, and the restore can
 * say which numbers were issued since. */

#define ISSUE_COLUMNS \
  "id, uuid, status, series, year, number, title, organisation, addressee, copied_to," \
  " signed_off_by, drafted_by, marking, period_from, period_to, issue_date, language," \
  " attachments, section_overview, section_work, section_problems, section_next," \
  " drafted_overview, drafted_work, drafted_problems, drafted_next," \
  " issued_at, issued_by, folder, xml_file, xml_sha256, pdf_file, pdf_sha256, docx_file, docx_sha256," \
  " signature_fingerprint, signed_at"

static const char *const attachment_keys[] = {
  RCT_REPORT_ATTACH_FIGURES,
  RCT_REPORT_ATTACH_UNITS,
  RCT_REPORT_ATTACH_TASKS,
  RCT_REPORT_ATTACH_PROBLEMS_ALL,
  RCT_REPORT_ATTACH_PROBLEMS_OPEN,
  RCT_REPORT_ATTACH_PROBLEMS_OVERDUE,
  RCT_REPORT_ATTACH_FEEDBACK,
};

static const char *const section_labels[RCT_REPORT_N_SECTIONS] = {
  /* Translators: the headings of the official report's four sections */
  N_("1. Overall situation"),
  N_("2. Main measures and results"),
  N_("3. Problems remaining"),
  N_("4. Plans for the next stage"),
};

static const char *const file_suffixes[RCT_REPORT_N_FILES] = { "xml", "pdf", "docx" };

static char *
column_dup (RctStmt *stmt,
            int      col)
{
  const char *text = rct_stmt_column_text (stmt, col);
  return text != NULL ? g_strdup (text) : NULL;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static const char *
tr (const RctReportIssue *issue,
    const char           *msgid) G_GNUC_FORMAT (2);

static const char *
tr (const RctReportIssue *issue,
    const char           *msgid)
{
  return rct_report_language_gettext (issue->language, msgid);
}

static char *
int_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

RctReportIssue *
rct_report_issue_new (void)
{
  RctReportIssue *issue = g_new0 (RctReportIssue, 1);

  issue->status = g_strdup ("draft");
  issue->language = g_strdup (rct_report_language_default ());
  return issue;
}

void
rct_report_issue_free (RctReportIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->uuid);
  g_free (issue->status);
  g_free (issue->series);
  g_free (issue->title);
  g_free (issue->organisation);
  g_free (issue->addressee);
  g_free (issue->copied_to);
  g_free (issue->signed_off_by);
  g_free (issue->drafted_by);
  g_free (issue->marking);
  g_free (issue->period_from);
  g_free (issue->period_to);
  g_free (issue->issue_date);
  g_free (issue->language);
  g_strfreev (issue->attachments);
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    {
      g_free (issue->sections[i]);
      g_free (issue->drafted[i]);
    }
  g_free (issue->issued_at);
  g_free (issue->issued_by);
  g_free (issue->folder);
  for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
    {
      g_free (issue->files[i]);
      g_free (issue->sha256[i]);
    }
  g_free (issue->signature_fingerprint);
  g_free (issue->signed_at);
  g_free (issue);
}

/**
 * rct_report_issue_section_label:
 *
 * Returns: the heading of @section in @language: 一、总体情况
 */
const char *
rct_report_issue_section_label (RctReportSection  section,
                                const char       *language)
{
  g_return_val_if_fail (section < RCT_REPORT_N_SECTIONS, NULL);
  return rct_report_language_gettext (language, section_labels[section]);
}

static const char *const attachment_labels[] = {
  N_("Table of figures"),
  N_("Per-unit table"),
  N_("Working groups' tasks"),
  N_("Problem list"),
  N_("Open problems"),
  N_("Overdue problems"),
  N_("Supervisor feedback"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (attachment_labels) == G_N_ELEMENTS (attachment_keys));

/**
 * rct_report_issue_attachment_label:
 *
 * Returns: (nullable): the attachment's name in @language
 */
const char *
rct_report_issue_attachment_label (const char *key,
                                   const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (attachment_keys); i++)
    if (g_strcmp0 (key, attachment_keys[i]) == 0)
      return rct_report_language_gettext (language, attachment_labels[i]);
  return NULL;
}

const char * const *
rct_report_issue_attachment_keys (void)
{
  static const char *const keys[] = {
    RCT_REPORT_ATTACH_FIGURES, RCT_REPORT_ATTACH_UNITS, RCT_REPORT_ATTACH_TASKS,
    RCT_REPORT_ATTACH_PROBLEMS_ALL, RCT_REPORT_ATTACH_PROBLEMS_OPEN, RCT_REPORT_ATTACH_PROBLEMS_OVERDUE,
    RCT_REPORT_ATTACH_FEEDBACK, NULL,
  };
  return keys;
}

/**
 * rct_report_issue_cell_weight:
 *
 * How wide a table cell's text wants its column, in half-em units (a
 * Chinese character counts two, a Latin one), within bounds, so that
 * the PDF and the Word document size columns alike.
 */
double
rct_report_issue_cell_weight (const char *text)
{
  double width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return CLAMP (width + 2, 6.0, 24.0);
}

gboolean
rct_report_issue_attachment_is_valid (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (attachment_keys); i++)
    if (g_strcmp0 (key, attachment_keys[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
rct_report_issue_has_attachment (const RctReportIssue *issue,
                                 const char           *key)
{
  return issue->attachments != NULL && g_strv_contains ((const char * const *) issue->attachments, key);
}

/**
 * rct_report_issue_format_number:
 *
 * Returns: (transfer full): "2021年第3期" or "No. 3 of 2021", in the
 *   report's language; "" for a draft
 */
char *
rct_report_issue_format_number (const RctReportIssue *issue)
{
  g_autofree char *year = NULL, *number = NULL;

  if (issue->number <= 0)
    return g_strdup ("");
  year = int_text (issue->year);
  number = int_text (issue->number);
  /* Translators: an issue of a report series: %1$s is the number, %2$s the year */
  return g_strdup_printf (tr (issue, N_("No. %1$s of %2$s")), number, year);
}

/**
 * rct_report_issue_dup_organisation:
 *
 * The reporting organisation, as the header names it: the ledger's own
 * organisation (its identity); for a ledger without one, the campaign's
 * office as set up, else the campaign.
 *
 * Returns: (transfer full) (nullable):
 */
char *
rct_report_issue_dup_organisation (RctStore *store)
{
  g_autoptr(RctOrganisation) own = rct_store_dup_organisation (store, NULL);
  RctStmt *stmt = _rct_store_prepare (store, "SELECT coalesce(nullif(office, ''), name) FROM campaign"
                                      " ORDER BY id LIMIT 1", NULL);
  char *name = NULL;

  if (own != NULL && own->name != NULL && *own->name != '\0')
    return g_strdup (own->name);
  if (stmt != NULL && _rct_store_step (store, stmt, NULL) == RCT_ROW)
    name = column_dup (stmt, 0);
  if (stmt != NULL)
    rct_stmt_reset (stmt);
  return name;
}

/**
 * rct_report_issue_dup_ledger_key:
 *
 * What the marks in the user's data folder are kept under: the ledger's
 * identity (its uuid, schema step 5), which a backup of it shares.
 *
 * Returns: (transfer full) (nullable): a uuid, or NULL for a ledger
 *   without one
 */
char *
rct_report_issue_dup_ledger_key (RctStore *store)
{
  RctStmt *stmt = _rct_store_prepare (store, "SELECT uuid FROM ledger WHERE id = 1", NULL);
  char *uuid = NULL;

  if (stmt != NULL && _rct_store_step (store, stmt, NULL) == RCT_ROW)
    uuid = column_dup (stmt, 0);
  if (stmt != NULL)
    rct_stmt_reset (stmt);
  /* It names a file: only a well-formed uuid does. */
  if (uuid != NULL && !g_uuid_string_is_valid (uuid))
    g_clear_pointer (&uuid, g_free);
  return uuid;
}

/* The marks kept outside the ledger. */
static char *
marks_path (RctStore *store)
{
  g_autofree char *key = rct_report_issue_dup_ledger_key (store);
  g_autofree char *name = NULL;

  if (key == NULL)
    return NULL;
  name = g_strconcat (key, ".ini", NULL);
  return g_build_filename (g_get_user_data_dir (), "rectify", "report-numbers", name, NULL);
}

static char *
marks_group (const char *series)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, series, -1);
  return g_strconcat ("series-", hash, NULL);
}

static GKeyFile *
marks_load (RctStore *store)
{
  g_autofree char *path = marks_path (store);
  GKeyFile *marks = g_key_file_new ();

  /* A missing or unreadable file holds no marks; the ledger's still hold. */
  if (path != NULL)
    g_key_file_load_from_file (marks, path, G_KEY_FILE_NONE, NULL);
  return marks;
}

static gint64
marks_highest (GKeyFile   *marks,
               const char *series,
               gint64      year)
{
  g_autofree char *group = marks_group (series);
  g_autofree char *key = int_text (year);
  g_autofree gint *numbers = NULL;
  gsize n = 0;
  gint64 highest = 0;

  numbers = g_key_file_get_integer_list (marks, group, key, &n, NULL);
  for (gsize i = 0; numbers != NULL && i < n; i++)
    highest = MAX (highest, numbers[i]);
  return highest;
}

static gboolean
marks_add (RctStore   *store,
           const char *series,
           gint64      year,
           gint64      number,
           GError    **error)
{
  g_autofree char *path = marks_path (store);
  g_autofree char *folder = NULL;
  g_autofree char *group = marks_group (series);
  g_autofree char *key = int_text (year);
  g_autoptr(GKeyFile) marks = NULL;
  g_autofree gint *numbers = NULL;
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (gint));
  gsize n = 0;
  gint value = (gint) number;

  if (path == NULL)
    return TRUE;
  marks = marks_load (store);
  numbers = g_key_file_get_integer_list (marks, group, key, &n, NULL);
  if (numbers != NULL)
    g_array_append_vals (list, numbers, n);
  g_array_append_val (list, value);
  g_key_file_set_string (marks, group, "name", series);
  g_key_file_set_integer_list (marks, group, key, (gint *) list->data, list->len);
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write the report numbers to “%s”: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  return g_key_file_save_to_file (marks, path, error);
}

/* Sections, drafted from the ledger. */

static char *
period_text (const RctReportIssue *issue,
             const RctFigures     *figures)
{
  g_autofree char *from = rct_report_language_date (issue->language, issue->period_from);
  g_autofree char *to = rct_report_language_date (issue->language, nonempty (issue->period_to) ? issue->period_to
                                                                                               : figures->today);

  if (from == NULL)
    /* Translators: the period of a report without a start: %s is its end date */
    return g_strdup_printf (tr (issue, N_("Up to %s")), to);
  /* Translators: a report's period: %1$s its first day, %2$s its last */
  return g_strdup_printf (tr (issue, N_("From %1$s to %2$s")), from, to);
}

static char *
draft_overview (const RctReportIssue *issue,
                const RctFigures     *f)
{
  g_autofree char *period = period_text (issue, f);
  g_autofree char *total = int_text (f->problems_total), *closed = int_text (f->closed);
  g_autofree char *on_time = int_text (f->closed_on_time);
  g_autofree char *open = int_text (f->problems_total - f->closed), *overdue = int_text (f->overdue);
  g_autofree char *closing = rct_figures_format_ratio (f->closed, f->problems_total);
  g_autofree char *on_time_rate = rct_figures_format_ratio (f->closed_on_time, f->closed);
  g_autofree char *tasks = int_text (f->tasks_total), *done = int_text (f->tasks_done);
  g_autofree char *completion = rct_figures_format_ratio (f->tasks_done, f->tasks_total);
  g_autofree char *feedback = int_text (f->feedback_total), *replied = int_text (f->feedback_replied);
  g_autofree char *reply_rate = rct_figures_format_ratio (f->feedback_replied, f->feedback_total);
  g_autofree char *satisfaction = rct_figures_format_ratio (f->feedback_satisfied, f->feedback_rated);

  return g_strdup_printf (tr (issue,
                              /* Translators: the drafted overall situation of the official report */
                              N_("%1$s, the ledger recorded %2$s problems: %3$s closed (closing rate %4$s), "
                                 "%5$s of them on time (on-time rate %6$s); %7$s still open, %8$s of them overdue. "
                                 "The working groups completed %9$s of %10$s tasks (completion %11$s). "
                                 "Social supervisors gave %12$s pieces of feedback, %13$s answered "
                                 "(reply rate %14$s, satisfaction %15$s).")),
                          period, total, closed, closing, on_time, on_time_rate, open, overdue,
                          done, tasks, completion, feedback, replied, reply_rate, satisfaction);
}

static char *
draft_work (const RctReportIssue *issue,
            const RctFigures     *f)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < f->groups->len; i++)
    {
      RctGroupFigures *group = g_ptr_array_index (f->groups, i);
      g_autofree char *tasks = int_text (group->tasks), *done = int_text (group->done);
      g_autofree char *rate = rct_figures_format_ratio (group->done, group->tasks);

      if (group->tasks == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              /* Translators: one working group's progress: %1$s its name */
                              tr (issue, N_("%1$s: %2$s of %3$s tasks done (%4$s).")),
                              group->name, done, tasks, rate);
    }
  if (f->feedback_total > 0)
    {
      g_autofree char *feedback = int_text (f->feedback_total), *replied = int_text (f->feedback_replied);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              tr (issue, N_("Supervisor feedback: %1$s received, %2$s answered.")),
                              feedback, replied);
    }
  if (text->len == 0)
    g_string_append (text, tr (issue, N_("No working group has tasks in this period.")));
  return g_string_free (text, FALSE);
}

static char *
draft_problems (const RctReportIssue *issue,
                const RctFigures     *f)
{
  GString *text = g_string_new (NULL);
  g_autofree char *open = int_text (f->problems_total - f->closed), *overdue = int_text (f->overdue);

  g_string_append_printf (text, tr (issue, N_("%1$s problems are not yet closed, %2$s of them overdue.")),
                          open, overdue);
  for (guint i = 0; i < f->units->len; i++)
    {
      RctUnitFigures *unit = g_ptr_array_index (f->units, i);
      g_autofree char *unit_overdue = int_text (unit->overdue), *unit_total = int_text (unit->total);

      if (unit->overdue <= 0)
        continue;
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              /* Translators: one unit's overdue problems: %1$s the unit */
                              tr (issue, N_("%1$s: %2$s overdue of %3$s problems.")),
                              unit->name, unit_overdue, unit_total);
    }
  return g_string_free (text, FALSE);
}

static char *
draft_next (const RctReportIssue *issue,
            const RctFigures     *f)
{
  g_autofree char *open = int_text (f->problems_total - f->closed), *overdue = int_text (f->overdue);
  g_autofree char *left = int_text (f->tasks_total - f->tasks_done);

  return g_strdup_printf (tr (issue,
                              /* Translators: the drafted plans of the official report */
                              N_("First, press on with the %1$s open problems, the %2$s overdue ones first. "
                                 "Second, finish the %3$s tasks still open. "
                                 "Third, answer every supervisor's feedback and turn what works into lasting rules.")),
                          open, overdue, left);
}

static void
scope_of (const RctReportIssue *issue,
          RctScope             *scope)
{
  scope->from = (char *) nonempty (issue->period_from);
  scope->to = (char *) nonempty (issue->period_to);
  scope->units = NULL;
}

/**
 * rct_report_issue_draft_sections:
 *
 * Writes the first version of the four sections from the ledger for the
 * report's period, in its language; the clerk edits them after.
 */
gboolean
rct_report_issue_draft_sections (RctStore        *store,
                                 RctReportIssue  *issue,
                                 GError         **error)
{
  g_autoptr(RctFigures) figures = NULL;
  RctScope scope;

  scope_of (issue, &scope);
  figures = rct_figures_compute (store, &scope, error);
  if (figures == NULL)
    return FALSE;
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    {
      g_free (issue->sections[i]);
      g_free (issue->drafted[i]);
    }
  issue->sections[RCT_REPORT_SECTION_OVERVIEW] = draft_overview (issue, figures);
  issue->sections[RCT_REPORT_SECTION_WORK] = draft_work (issue, figures);
  issue->sections[RCT_REPORT_SECTION_PROBLEMS] = draft_problems (issue, figures);
  issue->sections[RCT_REPORT_SECTION_NEXT] = draft_next (issue, figures);
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    issue->drafted[i] = g_strdup (issue->sections[i]);
  return TRUE;
}

/* Attachments as tables: a row of headings, then one row of cells per
 * record. */

static char **
strv_builder_finish (GStrvBuilder *builder)
{
  char **strv = g_strv_builder_end (builder);

  g_strv_builder_unref (builder);
  return strv;
}

static char **
row_new (const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static char **
row_new (const char *first,
         ...)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  va_end (args);
  return strv_builder_finish (builder);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static const char *
status_label (const RctReportIssue *issue,
              const char           *status)
{
  guint n = 0;
  const RctVocabularyEntry *entries = rct_vocabulary_entries (RCT_VOCAB_PROBLEM_STATUS, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (entries[i].key, status) == 0)
      return tr (issue, entries[i].label);
  return or_empty (status);
}

static gboolean
add_problem_rows (const RctReportIssue *issue,
                  GPtrArray            *rows,
                  GPtrArray            *problems,
                  const char           *key)
{
  g_ptr_array_add (rows, row_new (tr (issue, N_("Number")), tr (issue, N_("Unit")), tr (issue, N_("Description")),
                                  tr (issue, N_("Found")), tr (issue, N_("Deadline")), tr (issue, N_("Status")), NULL));
  for (guint i = 0; i < problems->len; i++)
    {
      RctProblem *p = g_ptr_array_index (problems, i);
      g_autofree char *found = rct_report_language_date (issue->language, p->found_date);
      g_autofree char *deadline = rct_report_language_date (issue->language, p->deadline);

      if (g_str_equal (key, RCT_REPORT_ATTACH_PROBLEMS_OPEN) && g_strcmp0 (p->status, "closed") == 0)
        continue;
      g_ptr_array_add (rows, row_new (or_empty (p->number), or_empty (p->unit_name), or_empty (p->description),
                                      or_empty (found), or_empty (deadline),
                                      status_label (issue, p->status), NULL));
    }
  return TRUE;
}

/**
 * rct_report_issue_list_attachment:
 * @key: one of the RCT_REPORT_ATTACH_ keys
 *
 * One attachment's table for the report's period: the first row holds
 * the headings in the report's language.
 *
 * Returns: (transfer full) (element-type GStrv): rows of cells
 */
GPtrArray *
rct_report_issue_list_attachment (RctStore             *store,
                                  const RctReportIssue *issue,
                                  const char           *key,
                                  GError              **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  RctFilter filter = { 0 };
  RctScope scope;

  scope_of (issue, &scope);
  filter.from = scope.from;
  filter.to = scope.to;

  if (g_str_equal (key, RCT_REPORT_ATTACH_FIGURES) || g_str_equal (key, RCT_REPORT_ATTACH_UNITS))
    {
      g_autoptr(RctFigures) f = rct_figures_compute (store, &scope, error);

      if (f == NULL)
        return NULL;
      if (g_str_equal (key, RCT_REPORT_ATTACH_FIGURES))
        {
          struct { const char *label; gint64 n, d; gboolean rate; } figures[] = {
            { N_("Problems"), f->problems_total, 0, FALSE },
            { N_("Closed"), f->closed, 0, FALSE },
            { N_("Overdue"), f->overdue, 0, FALSE },
            { N_("Closing rate"), f->closed, f->problems_total, TRUE },
            { N_("On-time rate"), f->closed_on_time, f->closed, TRUE },
            { N_("Task completion"), f->tasks_done, f->tasks_total, TRUE },
            { N_("Reply rate"), f->feedback_replied, f->feedback_total, TRUE },
            { N_("Satisfaction"), f->feedback_satisfied, f->feedback_rated, TRUE },
            { N_("Listed (open)"), f->listed_open, 0, FALSE },
          };

          g_ptr_array_add (rows, row_new (tr (issue, N_("Figure")), tr (issue, N_("Value")), NULL));
          for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
            {
              g_autofree char *value = figures[i].rate ? rct_figures_format_ratio (figures[i].n, figures[i].d)
                                                       : int_text (figures[i].n);
              g_ptr_array_add (rows, row_new (tr (issue, figures[i].label), value, NULL));
            }
        }
      else
        {
          /* 一岗双责: each unit's head beside it. */
          g_ptr_array_add (rows, row_new (tr (issue, N_("Unit")), tr (issue, N_("Head")), tr (issue, N_("Problems")),
                                          tr (issue, N_("Closed")), tr (issue, N_("Overdue")),
                                          tr (issue, N_("Closing rate")), NULL));
          for (guint i = 0; i < f->units->len; i++)
            {
              RctUnitFigures *u = g_ptr_array_index (f->units, i);
              g_autofree char *total = int_text (u->total), *closed = int_text (u->closed);
              g_autofree char *overdue = int_text (u->overdue);
              g_autofree char *rate = rct_figures_format_ratio (u->closed, u->total);

              g_ptr_array_add (rows, row_new (u->name, u->head != NULL ? u->head : "—", total, closed, overdue, rate,
                                              NULL));
            }
        }
    }
  else if (g_str_equal (key, RCT_REPORT_ATTACH_TASKS))
    {
      g_autoptr(GPtrArray) tasks = rct_store_list (store, RCT_KIND_TASK, &filter, error);

      if (tasks == NULL)
        return NULL;
      g_ptr_array_add (rows, row_new (tr (issue, N_("Working group")), tr (issue, N_("Task")),
                                      tr (issue, N_("Deadline")), tr (issue, N_("Done")), NULL));
      for (guint i = 0; i < tasks->len; i++)
        {
          RctTask *t = g_ptr_array_index (tasks, i);
          g_autofree char *deadline = rct_report_language_date (issue->language, t->deadline);
          g_autofree char *done = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                                   t->done_count, t->target_count);

          g_ptr_array_add (rows, row_new (or_empty (t->group_name), or_empty (t->title), or_empty (deadline),
                                          done, NULL));
        }
    }
  else if (g_str_has_prefix (key, RCT_REPORT_ATTACH_PROBLEMS_ALL) && rct_report_issue_attachment_is_valid (key))
    {
      g_autoptr(GPtrArray) problems = NULL;

      filter.overdue = g_str_equal (key, RCT_REPORT_ATTACH_PROBLEMS_OVERDUE);
      problems = rct_store_list (store, RCT_KIND_PROBLEM, &filter, error);
      if (problems == NULL)
        return NULL;
      add_problem_rows (issue, rows, problems, key);
    }
  else if (g_str_equal (key, RCT_REPORT_ATTACH_FEEDBACK))
    {
      g_autoptr(GPtrArray) feedback = rct_store_list (store, RCT_KIND_FEEDBACK, &filter, error);

      if (feedback == NULL)
        return NULL;
      g_ptr_array_add (rows, row_new (tr (issue, N_("Supervisor")), tr (issue, N_("Received")),
                                      tr (issue, N_("Content")), tr (issue, N_("Reply")), NULL));
      for (guint i = 0; i < feedback->len; i++)
        {
          RctFeedback *fb = g_ptr_array_index (feedback, i);
          g_autofree char *received = rct_report_language_date (issue->language, fb->received_date);

          g_ptr_array_add (rows, row_new (or_empty (fb->supervisor_name), or_empty (received),
                                          or_empty (fb->content), or_empty (fb->reply), NULL));
        }
    }
  else
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("“%s” is not an attachment of the report."), key);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The record in the ledger. */

static gboolean
check_text (const char  *text,
            const char  *what,
            glong        max,
            GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > max)
    {
      /* Translators: %s names a field of the report's header */
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID, _("The report's %s is too long."), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_issue (const RctReportIssue *issue,
             GError              **error)
{
  const char *names[] = { issue->series, issue->title, issue->organisation, issue->addressee, issue->copied_to,
                          issue->signed_off_by, issue->drafted_by, issue->marking };
  const char *whats[] = { N_("series"), N_("title"), N_("reporting organisation"), N_("addressee"),
                          N_("copied-to line"), N_("signer"), N_("drafter"), N_("marking") };

  if (nonempty (issue->series) == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("Give the report's series, for example 督导专报."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!check_text (names[i], _(whats[i]), RCT_STORE_MAX_NAME, error))
      return FALSE;
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    if (!check_text (issue->sections[i], _("section"), RCT_STORE_MAX_TEXT, error))
      return FALSE;
  if ((issue->period_from != NULL && !rct_date_is_valid (issue->period_from)) ||
      (issue->period_to != NULL && !rct_date_is_valid (issue->period_to)) ||
      (issue->issue_date != NULL && !rct_date_is_valid (issue->issue_date)))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("Write dates as YYYY-MM-DD, for example 2021-04-30."));
      return FALSE;
    }
  if (issue->period_from != NULL && issue->period_to != NULL && strcmp (issue->period_from, issue->period_to) > 0)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The report's period ends before it starts."));
      return FALSE;
    }
  if (rct_report_language_normalize (issue->language) == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("Reports are written in Chinese or English: give --language zh_CN or --language en."));
      return FALSE;
    }
  for (guint i = 0; issue->attachments != NULL && issue->attachments[i] != NULL; i++)
    if (!rct_report_issue_attachment_is_valid (issue->attachments[i]))
      {
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                     _("“%s” is not an attachment of the report."), issue->attachments[i]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
journal_issue (RctStore             *store,
               const RctReportIssue *issue,
               const char           *field,
               const char           *new_value,
               GError              **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = rct_clock_now ();
  RctStmt *stmt;

  stmt = _rct_store_prepare (store,
                             "INSERT INTO journal (uuid, record_table, record_uuid, record_label, field,"
                             " old_value, new_value, who, at, reason, created_at, updated_at)"
                             " VALUES (?1, 'report_issue', ?2, ?3, ?4, NULL, ?5, ?6, ?7, NULL, ?7, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  rct_stmt_bind_text (stmt, 2, issue->uuid);
  rct_stmt_bind_text (stmt, 3, issue->title != NULL ? issue->title : issue->series);
  rct_stmt_bind_text (stmt, 4, field);
  rct_stmt_bind_text (stmt, 5, new_value);
  rct_stmt_bind_text (stmt, 6, rct_store_get_operator (store));
  rct_stmt_bind_text (stmt, 7, now);
  _rct_store_mark_changed (store, RCT_KIND_JOURNAL);
  return _rct_store_step_done (store, stmt, error);
}

/**
 * rct_report_issue_save_draft:
 *
 * Saves @issue as a draft: a new one when its id is 0 (the id is set),
 * else the draft it names. An issued report is frozen and refused.
 */
gboolean
rct_report_issue_save_draft (RctStore        *store,
                             RctReportIssue  *issue,
                             GError         **error)
{
  g_autofree char *now = rct_clock_now ();
  g_autofree char *attachments = NULL;
  RctStmt *stmt;
  gboolean ok;

  if (!check_issue (issue, error))
    return FALSE;
  if (issue->id != 0)
    {
      g_autoptr(RctReportIssue) old = rct_report_issue_load (store, issue->id, error);

      if (old == NULL)
        return FALSE;
      if (!g_str_equal (old->status, "draft"))
        {
          g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                               _("This report has been issued and can no longer be changed."));
          return FALSE;
        }
      g_free (issue->uuid);
      issue->uuid = g_strdup (old->uuid);
    }
  else
    {
      g_free (issue->uuid);
      issue->uuid = g_uuid_string_random ();
    }
  if (issue->organisation == NULL)
    issue->organisation = rct_report_issue_dup_organisation (store);
  attachments = issue->attachments != NULL ? g_strjoinv (",", issue->attachments) : NULL;

  if (!_rct_store_write_begin (store, error))
    return FALSE;
  stmt = _rct_store_prepare (store, issue->id == 0
                             ? "INSERT INTO report_issue (uuid, series, title, organisation, addressee, copied_to,"
                               " signed_off_by, drafted_by, marking, period_from, period_to, issue_date, language,"
                               " attachments, section_overview, section_work, section_problems, section_next,"
                               " created_at, updated_at, status, drafted_overview, drafted_work, drafted_problems,"
                               " drafted_next)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                               " ?18, ?19, ?19, 'draft', ?20, ?21, ?22, ?23)"
                             : "UPDATE report_issue SET series = ?2, title = ?3, organisation = ?4, addressee = ?5,"
                               " copied_to = ?6, signed_off_by = ?7, drafted_by = ?8, marking = ?9,"
                               " period_from = ?10, period_to = ?11, issue_date = ?12, language = ?13,"
                               " attachments = ?14, section_overview = ?15, section_work = ?16,"
                               " section_problems = ?17, section_next = ?18, updated_at = ?19,"
                               " drafted_overview = ?20, drafted_work = ?21, drafted_problems = ?22, drafted_next = ?23"
                               " WHERE uuid = ?1 AND status = 'draft'", error);
  ok = stmt != NULL;
  if (ok)
    {
      rct_stmt_bind_text (stmt, 1, issue->uuid);
      rct_stmt_bind_text (stmt, 2, issue->series);
      rct_stmt_bind_text (stmt, 3, nonempty (issue->title));
      rct_stmt_bind_text (stmt, 4, nonempty (issue->organisation));
      rct_stmt_bind_text (stmt, 5, nonempty (issue->addressee));
      rct_stmt_bind_text (stmt, 6, nonempty (issue->copied_to));
      rct_stmt_bind_text (stmt, 7, nonempty (issue->signed_off_by));
      rct_stmt_bind_text (stmt, 8, nonempty (issue->drafted_by));
      rct_stmt_bind_text (stmt, 9, nonempty (issue->marking));
      rct_stmt_bind_text (stmt, 10, nonempty (issue->period_from));
      rct_stmt_bind_text (stmt, 11, nonempty (issue->period_to));
      rct_stmt_bind_text (stmt, 12, nonempty (issue->issue_date));
      rct_stmt_bind_text (stmt, 13, rct_report_language_normalize (issue->language));
      rct_stmt_bind_text (stmt, 14, attachments);
      for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
        {
          rct_stmt_bind_text (stmt, 15 + i, issue->sections[i]);
          rct_stmt_bind_text (stmt, 20 + i, issue->drafted[i]);
        }
      rct_stmt_bind_text (stmt, 19, now);
      ok = _rct_store_step_done (store, stmt, error);
    }
  if (ok && issue->id == 0)
    issue->id = _rct_store_last_insert_id (store);
  if (ok)
    ok = journal_issue (store, issue, "draft", issue->title, error);
  return _rct_store_write_end (store, ok, error);
}

static RctReportIssue *
issue_from_row (RctStmt *stmt)
{
  RctReportIssue *issue = g_new0 (RctReportIssue, 1);
  g_autofree char *attachments = NULL;
  int col = 0;

  issue->id = rct_stmt_column_int64 (stmt, col++);
  issue->uuid = column_dup (stmt, col++);
  issue->status = column_dup (stmt, col++);
  issue->series = column_dup (stmt, col++);
  issue->year = rct_stmt_column_int64 (stmt, col++);
  issue->number = rct_stmt_column_int64 (stmt, col++);
  issue->title = column_dup (stmt, col++);
  issue->organisation = column_dup (stmt, col++);
  issue->addressee = column_dup (stmt, col++);
  issue->copied_to = column_dup (stmt, col++);
  issue->signed_off_by = column_dup (stmt, col++);
  issue->drafted_by = column_dup (stmt, col++);
  issue->marking = column_dup (stmt, col++);
  issue->period_from = column_dup (stmt, col++);
  issue->period_to = column_dup (stmt, col++);
  issue->issue_date = column_dup (stmt, col++);
  issue->language = column_dup (stmt, col++);
  attachments = column_dup (stmt, col++);
  issue->attachments = attachments != NULL && *attachments ? g_strsplit (attachments, ",", -1) : NULL;
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    issue->sections[i] = column_dup (stmt, col++);
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    issue->drafted[i] = column_dup (stmt, col++);
  issue->issued_at = column_dup (stmt, col++);
  issue->issued_by = column_dup (stmt, col++);
  issue->folder = column_dup (stmt, col++);
  for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
    {
      issue->files[i] = column_dup (stmt, col++);
      issue->sha256[i] = column_dup (stmt, col++);
    }
  issue->signature_fingerprint = column_dup (stmt, col++);
  issue->signed_at = column_dup (stmt, col++);
  if (issue->language == NULL)
    issue->language = g_strdup (rct_report_language_default ());
  return issue;
}

RctReportIssue *
rct_report_issue_load (RctStore  *store,
                       gint64     id,
                       GError   **error)
{
  RctStmt *stmt = _rct_store_prepare (store, "SELECT " ISSUE_COLUMNS " FROM report_issue WHERE id = ?", error);
  RctReportIssue *issue = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rct_stmt_bind_int64 (stmt, 1, id);
  rc = _rct_store_step (store, stmt, error);
  if (rc == RCT_ROW)
    issue = issue_from_row (stmt);
  else if (rc == RCT_DONE)
    {
      g_autofree char *text = int_text (id);
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND, _("There is no report %s in this ledger."), text);
    }
  rct_stmt_reset (stmt);
  return issue;
}

/**
 * rct_report_issue_list:
 *
 * Every report, drafts and issued, newest first.
 *
 * Returns: (transfer full) (element-type RctReportIssue):
 */
GPtrArray *
rct_report_issue_list (RctStore  *store,
                       GError   **error)
{
  RctStmt *stmt = _rct_store_prepare (store, "SELECT " ISSUE_COLUMNS " FROM report_issue ORDER BY id DESC",
                                      error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rct_report_issue_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    g_ptr_array_add (list, issue_from_row (stmt));
  rct_stmt_reset (stmt);
  if (rc != RCT_DONE)
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * rct_report_issue_next_number:
 *
 * The number the next issue of @series in @year gets: one above the
 * highest ever issued, by the ledger's marks, its reports and the marks
 * in the user's data folder (which a restore does not lower).
 */
gint64
rct_report_issue_next_number (RctStore    *store,
                              const char  *series,
                              gint64       year,
                              GError     **error)
{
  g_autoptr(GKeyFile) marks = marks_load (store);
  RctStmt *stmt;
  gint64 highest = marks_highest (marks, series, year);

  stmt = _rct_store_prepare (store,
                             "SELECT coalesce (max (n), 0) FROM"
                             " (SELECT last_number AS n FROM report_series WHERE series = ?1 AND year = ?2"
                             "  UNION ALL SELECT number FROM report_issue WHERE series = ?1 AND year = ?2) s",
                             error);
  if (stmt == NULL)
    return 0;
  rct_stmt_bind_text (stmt, 1, series);
  rct_stmt_bind_int64 (stmt, 2, year);
  if (_rct_store_step (store, stmt, error) != RCT_ROW)
    {
      _rct_store_set_no_row_error (store, error);
      rct_stmt_reset (stmt);
      return 0;
    }
  highest = MAX (highest, rct_stmt_column_int64 (stmt, 0));
  rct_stmt_reset (stmt);
  return highest + 1;
}

static char *
sha256_of_file (const char  *path,
                GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);

  if (mapped == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) g_mapped_file_get_contents (mapped),
                                      g_mapped_file_get_length (mapped));
}

/* The issued list records who signed the XML file and when (issue 21). */
static void
record_signature (RctReportIssue *issue,
                  const char     *path)
{
  g_autoptr(RctSignature) sig = rct_signature_read (path, NULL);

  if (sig->status != RCT_SIGNATURE_VERIFIED)
    return;
  issue->signature_fingerprint = g_strdup (sig->certificate->fingerprint);
  issue->signed_at = g_strdup (sig->signed_at);
}

static gboolean
write_files (RctStore       *store,
             RctReportIssue *issue,
             const char     *folder,
             GError        **error)
{
  for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
    {
      g_autofree char *path = NULL;
      gboolean ok = FALSE;

      /* The names are made here, from numbers: nothing the clerk typed
       * becomes part of a path. */
      issue->files[i] = g_strdup_printf ("report-%" G_GINT64_FORMAT "-%03" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ".%s",
                                         issue->year, issue->number, issue->id, file_suffixes[i]);
      path = g_build_filename (folder, issue->files[i], NULL);
      switch ((RctReportFile) i)
        {
        case RCT_REPORT_FILE_XML:
          ok = rct_report_export_issue (store, issue, path, error);
          if (ok)
            record_signature (issue, path);
          break;
        case RCT_REPORT_FILE_PDF:
          ok = rct_report_official_write_pdf (store, issue, path, error);
          break;
        case RCT_REPORT_FILE_DOCX:
          ok = rct_report_docx_write (store, issue, path, error);
          break;
        case RCT_REPORT_N_FILES:
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
      issue->sha256[i] = sha256_of_file (path, error);
      if (issue->sha256[i] == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
remove_files (RctReportIssue *issue,
              const char     *folder)
{
  for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
    if (issue->files[i] != NULL)
      {
        g_autofree char *path = g_build_filename (folder, issue->files[i], NULL);
        g_unlink (path);
      }
}

/* The figures of a section the clerk left as drafted stay tied to the
 * ledger until the report is issued: drafted again, as of now. A section
 * the clerk changed is kept as written. */
static gboolean
redraft_untouched (RctStore        *store,
                   RctReportIssue  *issue,
                   GError         **error)
{
  g_autoptr(RctReportIssue) fresh = rct_report_issue_new ();
  gboolean any = FALSE;

  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    any |= issue->drafted[i] != NULL && g_strcmp0 (issue->sections[i], issue->drafted[i]) == 0;
  if (!any)
    return TRUE;
  g_free (fresh->language);
  fresh->language = g_strdup (issue->language);
  fresh->period_from = g_strdup (issue->period_from);
  fresh->period_to = g_strdup (issue->period_to);
  if (!rct_report_issue_draft_sections (store, fresh, error))
    return FALSE;
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    if (issue->drafted[i] != NULL && g_strcmp0 (issue->sections[i], issue->drafted[i]) == 0)
      {
        g_free (issue->sections[i]);
        issue->sections[i] = g_strdup (fresh->sections[i]);
      }
  return TRUE;
}

/**
 * rct_report_issue_issue:
 * @folder: where the files are written
 * @out_issue: (out) (optional): the report as issued
 *
 * Issues the draft @id: gives it the next number of its series and year,
 * writes its XML, PDF and DOCX into @folder, records their SHA-256 and
 * journals it, in one transaction. On any error nothing is changed and
 * no file is left.
 */
gboolean
rct_report_issue_issue (RctStore         *store,
                        gint64            id,
                        const char       *folder,
                        RctReportIssue  **out_issue,
                        GError          **error)
{
  g_autoptr(RctReportIssue) issue = rct_report_issue_load (store, id, error);
  g_autofree char *now = rct_clock_now ();
  g_autofree char *number_text = NULL;
  RctStmt *stmt;
  gboolean ok;

  if (issue == NULL)
    return FALSE;
  if (!g_str_equal (issue->status, "draft"))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("This report has already been issued; its number is never given again."));
      return FALSE;
    }
  if (nonempty (issue->title) == NULL || nonempty (issue->addressee) == NULL ||
      nonempty (issue->signed_off_by) == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("Before issuing, give the report its title, its addressee and who signs it off."));
      return FALSE;
    }
  if (!redraft_untouched (store, issue, error))
    return FALSE;
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    if (nonempty (issue->sections[i]) == NULL)
      {
        /* Translators: %s is a section's heading */
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                     _("The section “%s” is empty: write it, or draft it again, before issuing."),
                     rct_report_issue_section_label (i, issue->language));
        return FALSE;
      }
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write the report into “%s”: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  if (issue->issue_date == NULL)
    issue->issue_date = rct_clock_today ();
  issue->year = g_ascii_strtoll (issue->issue_date, NULL, 10);

  if (!_rct_store_write_begin (store, error))
    return FALSE;
  issue->number = rct_report_issue_next_number (store, issue->series, issue->year, error);
  ok = issue->number > 0;
  if (ok)
    {
      g_autofree char *sql = g_strconcat ("INSERT INTO report_series (series, year, last_number) VALUES (?1, ?2, ?3)"
                                          " ON CONFLICT (series, year) DO UPDATE SET last_number = ",
                                          _rct_store_dialect (store, RCT_DIALECT_GREATEST),
                                          " (report_series.last_number, excluded.last_number)", NULL);

      stmt = _rct_store_prepare (store, sql, error);
      ok = stmt != NULL;
      if (ok)
        {
          rct_stmt_bind_text (stmt, 1, issue->series);
          rct_stmt_bind_int64 (stmt, 2, issue->year);
          rct_stmt_bind_int64 (stmt, 3, issue->number);
          ok = _rct_store_step_done (store, stmt, error);
        }
    }
  g_free (issue->status);
  issue->status = g_strdup ("issued");
  issue->issued_at = g_strdup (now);
  issue->issued_by = g_strdup (rct_store_get_operator (store));
  issue->folder = g_strdup (folder);
  ok = ok && write_files (store, issue, folder, error);
  if (ok)
    {
      stmt = _rct_store_prepare (store,
                                 "UPDATE report_issue SET status = 'issued', year = ?2, number = ?3, issue_date = ?4,"
                                 " issued_at = ?5, issued_by = ?6, xml_file = ?7, xml_sha256 = ?8, pdf_file = ?9,"
                                 " pdf_sha256 = ?10, docx_file = ?11, docx_sha256 = ?12, folder = ?13, updated_at = ?5,"
                                 " section_overview = ?14, section_work = ?15, section_problems = ?16, section_next = ?17,"
                                 " signature_fingerprint = ?18, signed_at = ?19"
                                 " WHERE id = ?1 AND status = 'draft'", error);
      ok = stmt != NULL;
      if (ok)
        {
          rct_stmt_bind_int64 (stmt, 1, issue->id);
          rct_stmt_bind_int64 (stmt, 2, issue->year);
          rct_stmt_bind_int64 (stmt, 3, issue->number);
          rct_stmt_bind_text (stmt, 4, issue->issue_date);
          rct_stmt_bind_text (stmt, 5, now);
          rct_stmt_bind_text (stmt, 6, issue->issued_by);
          for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
            {
              rct_stmt_bind_text (stmt, 7 + 2 * i, issue->files[i]);
              rct_stmt_bind_text (stmt, 8 + 2 * i, issue->sha256[i]);
            }
          rct_stmt_bind_text (stmt, 13, issue->folder);
          for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
            rct_stmt_bind_text (stmt, 14 + i, issue->sections[i]);
          rct_stmt_bind_text (stmt, 18, issue->signature_fingerprint);
          rct_stmt_bind_text (stmt, 19, issue->signed_at);
          ok = _rct_store_step_done (store, stmt, error);
        }
    }
  number_text = rct_report_issue_format_number (issue);
  if (ok)
    ok = journal_issue (store, issue, "issued", number_text, error);
  if (!_rct_store_write_end (store, ok, error))
    {
      remove_files (issue, folder);
      return FALSE;
    }
  /* The ledger holds the number now; the mark outside it is what a restore
   * cannot take back. Failing to write it loses nothing issued. */
  {
    g_autoptr(GError) local_error = NULL;
    if (!marks_add (store, issue->series, issue->year, issue->number, &local_error))
      g_warning ("%s", local_error->message);
  }
  if (out_issue != NULL)
    *out_issue = g_steal_pointer (&issue);
  return TRUE;
}

/**
 * rct_report_issue_check_files:
 * @folder: (nullable): where the issued files are; %NULL for where
 *   they were written
 *
 * Checks that each file of the issued report is there and is the one
 * issued: its SHA-256 equals the one recorded.
 */
gboolean
rct_report_issue_check_files (const RctReportIssue *issue,
                              const char           *folder,
                              GError              **error)
{
  if (folder == NULL)
    folder = issue->folder;
  if (folder == NULL)
    return TRUE;
  for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *sum = NULL;

      if (issue->files[i] == NULL)
        continue;
      path = g_build_filename (folder, issue->files[i], NULL);
      sum = sha256_of_file (path, error);
      if (sum == NULL)
        return FALSE;
      if (g_strcmp0 (sum, issue->sha256[i]) != 0)
        {
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED,
                       _("“%s” is not the file that was issued: it has been changed since."), path);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * rct_report_issue_dup_issued_since:
 *
 * After a restore: the numbers the marks outside the ledger say were
 * issued that the ledger does not hold, "2021年第3期（督导专报）".
 *
 * Returns: (transfer full): a NULL-terminated list, empty when none
 */
char **
rct_report_issue_dup_issued_since (RctStore  *store,
                                   GError   **error)
{
  g_autoptr(GKeyFile) marks = marks_load (store);
  g_auto(GStrv) groups = g_key_file_get_groups (marks, NULL);
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint g = 0; groups != NULL && groups[g] != NULL; g++)
    {
      g_autofree char *series = g_key_file_get_string (marks, groups[g], "name", NULL);
      g_auto(GStrv) keys = g_key_file_get_keys (marks, groups[g], NULL, NULL);

      if (series == NULL)
        continue;
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_autofree gint *numbers = NULL;
          gsize n = 0;
          gint64 year;

          if (g_str_equal (keys[k], "name"))
            continue;
          year = g_ascii_strtoll (keys[k], NULL, 10);
          numbers = g_key_file_get_integer_list (marks, groups[g], keys[k], &n, NULL);
          for (gsize i = 0; numbers != NULL && i < n; i++)
            {
              RctStmt *stmt = _rct_store_prepare (store,
                                                  "SELECT count(*) FROM report_issue WHERE series = ?"
                                                  " AND year = ? AND number = ? AND status = 'issued'",
                                                  error);
              gint64 found;

              if (stmt == NULL)
                {
                  g_strv_builder_unref (builder);
                  return NULL;
                }
              rct_stmt_bind_text (stmt, 1, series);
              rct_stmt_bind_int64 (stmt, 2, year);
              rct_stmt_bind_int64 (stmt, 3, numbers[i]);
              found = _rct_store_step (store, stmt, NULL) == RCT_ROW ? rct_stmt_column_int64 (stmt, 0) : 1;
              rct_stmt_reset (stmt);
              if (found == 0)
                {
                  RctReportIssue lost = { 0 };
                  g_autofree char *text = NULL;

                  lost.language = (char *) rct_report_language_default ();
                  lost.year = year;
                  lost.number = numbers[i];
                  text = rct_report_issue_format_number (&lost);
                  g_autofree char *line = g_strdup_printf ("%s (%s)", text, series);
                  g_strv_builder_add (builder, line);
                }
            }
        }
    }
  return strv_builder_finish (builder);
}

/**
 * rct_report_issue_default_folder:
 *
 * Where issued reports are kept when the clerk names no folder: the
 * user's documents, in a folder for the ledger.
 *
 * Returns: (transfer full):
 */
char *
rct_report_issue_default_folder (RctStore *store)
{
  g_autofree char *key = rct_report_issue_dup_ledger_key (store);

  return g_build_filename (g_get_user_data_dir (), "rectify", "issued-reports", key != NULL ? key : "ledger", NULL);
}
