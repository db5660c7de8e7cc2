/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-reports-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-file-chooser.h"
#include "rct-merge-dialog.h"
#include "rct-official-composer.h"
#include "rct-report-language.h"
#include "rct-report-print.h"
#include "rct-report-sign.h"
#include "rct-reports-page.h"
#include "rct-ui-resources.h"
#include "rct-trust.h"

/* Reports: write the supervision report (XML, with the web page beside it),
 * print it or save it as PDF, and open a report that came in: see what it
 * holds and whether it is sound, then merge it into the ledger. Writing and
 * merging run in a worker thread on their own connection to the ledger
 * (GTask), with progress and a Cancel button; the window stays usable. */

struct _RctReportsPage
{
  GtkWidget       parent_instance;

  RctStore       *store;
  gboolean        read_only;
  GCancellable   *cancellable;
  char           *opened;     /* the report open for viewing */
  char           *after_check; /* the status line once the report is checked again, or NULL */
  gboolean        opened_valid;
  char           *status;

  GtkWidget      *scrolled;
  GtkEntry       *title_entry;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkCheckButton *html_check;
  GtkCheckButton *full_check;
  GtkDropDown    *language_drop;  /* the report's language: zh_CN, en */
  GtkProgressBar *progress;
  GtkWidget      *cancel_button;
  GtkLabel       *status_label;
  GtkLabel       *report_heading;
  GtkGrid        *report_grid;
  GtkLabel       *report_result;
  GtkWidget      *signature_box;
  GtkImage       *signature_icon;
  GtkLabel       *signature_label;
  GtkWidget      *import_button;
  RctOfficialComposer *official;
};

G_DEFINE_FINAL_TYPE (RctReportsPage, rct_reports_page, GTK_TYPE_WIDGET)

/* ---- what runs in the worker thread ---- */

typedef struct
{
  char            *ledger;
  char            *report;
  char            *html;
  char            *title;
  const char      *language;
  char            *operator_name;
  gboolean         full;      /* everything, not only what the peer has not acknowledged */
  gboolean         read_only;
  RctScope         scope;
  RctReportsPage  *page;      /* a reference, for the progress */
  RctReportSummary summary;
  RctSignature    *signature; /* who signed the report opened, or merged untrusted */
  GError          *trust_error; /* why this ledger would refuse it, or NULL */
  char            *trust_warning;
  GtkPageSetup    *page_setup; /* the paper a print job lays out for */
} Job;

static void
job_free (Job *job)
{
  g_free (job->ledger);
  g_free (job->report);
  g_free (job->html);
  g_free (job->title);
  g_free (job->operator_name);
  rct_scope_clear (&job->scope);
  rct_report_summary_clear (&job->summary);
  g_clear_pointer (&job->signature, rct_signature_free);
  g_clear_error (&job->trust_error);
  g_free (job->trust_warning);
  g_clear_object (&job->page_setup);
  g_clear_object (&job->page);
  g_free (job);
}

/* The export's progress, told in the main context by the job. */
static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Job *job = user_data;

  gtk_progress_bar_set_fraction (job->page->progress, total > 0 ? MIN ((double) done / total, 1.0) : 0);
}

static void
validate_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;

  if (!rct_report_validate (job->report, &job->summary, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Who signed it, and whether this ledger would take it (issue 21). */
  job->signature = rct_signature_read (job->report, cancellable);
  if (job->ledger != NULL)
    {
      g_autoptr(RctStore) store = rct_store_open (job->ledger, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK,
                                                  NULL);
      if (store != NULL)
        rct_trust_check_file (store, job->report, NULL, &job->trust_warning, &job->trust_error);
    }
  g_task_return_boolean (task, TRUE);
}

/* ---- the page ---- */

static void
set_status (RctReportsPage *self,
            const char     *status,
            gboolean        is_error)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
set_busy (RctReportsPage *self,
          gboolean        busy)
{
  g_clear_object (&self->cancellable);
  if (busy)
    self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", !busy && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-to", !busy && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.open", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.open-file", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.import", !busy && self->store != NULL &&
                                 !self->read_only && self->opened != NULL && self->opened_valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", !busy && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save-pdf", !busy && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save-pdf-to", !busy && self->store != NULL);
}

static const char *
entry_text (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  return text != NULL && *text ? text : NULL;
}

static const char *report_languages[] = { RCT_REPORT_LANGUAGE_CHINESE, RCT_REPORT_LANGUAGE_ENGLISH };

/* The language the report is written in, as chosen beside its title. */
static const char *
chosen_language (RctReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->language_drop);

  return selected < G_N_ELEMENTS (report_languages) ? report_languages[selected] : NULL;
}

static gboolean
read_scope (RctReportsPage *self,
            RctScope       *scope)
{
  const char *from = entry_text (self->from_entry);
  const char *to = entry_text (self->to_entry);

  if ((from != NULL && !rct_date_is_valid (from)) || (to != NULL && !rct_date_is_valid (to)))
    {
      set_status (self, _("Write the period's dates as YYYY-MM-DD, for example 2021-04-30."), TRUE);
      return FALSE;
    }
  scope->from = g_strdup (from);
  scope->to = g_strdup (to);
  scope->units = NULL;
  return TRUE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(RctReportsPage) self = g_object_ref (job->page);
  g_autoptr(GError) error = NULL;
  gboolean ok = rct_report_export_finish (result, &error);

  if (g_task_get_cancellable (G_TASK (result)) == self->cancellable)
    set_busy (self, FALSE);
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, _("The export was cancelled; no file was written."), FALSE);
      else
        set_status (self, error->message, TRUE);
      job_free (job);
      return;
    }
  {
    g_autofree char *name = g_filename_display_basename (job->report);
    g_autofree char *message = job->html != NULL
      /* Translators: %s is a file name */
      ? g_strdup_printf (_("The report was written to %s, with its web page beside it."), name)
      : g_strdup_printf (_("The report was written to %s."), name);
    set_status (self, message, FALSE);
  }
  job_free (job);
}

/* For scripts and tests: the report to this path. */
static void
export_to_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (widget);
  Job *job;

  if (self->store == NULL)
    return;
  job = g_new0 (Job, 1);
  if (!read_scope (self, &job->scope))
    {
      job_free (job);
      return;
    }
  job->ledger = g_strdup (rct_store_get_path (self->store));
  job->report = g_strdup (g_variant_get_string (parameter, NULL));
  if (gtk_check_button_get_active (self->html_check))
    {
      g_autofree char *stem = g_str_has_suffix (job->report, ".xml")
                              ? g_strndup (job->report, strlen (job->report) - 4) : g_strdup (job->report);
      job->html = g_strconcat (stem, ".html", NULL);
    }
  job->title = g_strdup (entry_text (self->title_entry));
  job->language = chosen_language (self);
  job->operator_name = g_strdup (rct_store_get_operator (self->store));
  job->full = gtk_check_button_get_active (self->full_check);
  job->read_only = rct_store_is_read_only (self->store);
  job->page = g_object_ref (self);
  set_busy (self, TRUE);
  set_status (self, _("Writing the report…"), FALSE);
  rct_report_export_async (job->ledger, job->operator_name, &job->scope, job->title, job->language, job->report,
                           job->html, job->read_only, job->full, progress_cb, job, self->cancellable,
                           export_done_cb, job);
}

static void
export_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RctReportsPage) self = user_data;
  g_autoptr(GFile) file = rct_file_chooser_choose_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "reports.export-to", "s", path);
}

/* The folder a file dialog shows first: the open ledger's. */
static char *
ledger_folder (GtkWidget *widget)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (widget);

  return self->store != NULL ? rct_store_dup_folder (self->store) : NULL;
}

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (widget);
  g_autofree char *today = rct_clock_today ();
  /* Translators: the suggested file name of a report; %s is today's date */
  g_autofree char *fallback = g_strdup_printf (_("Supervision report %s"), today);
  g_autofree char *name = rct_file_chooser_name_for (entry_text (self->title_entry), fallback, ".xml");
  g_autofree char *folder = ledger_folder (widget);

  rct_file_chooser_choose_async (parent_window (widget), RCT_FILE_CHOOSER_SAVE, RCT_FILE_KIND_REPORT,
                                 _("Export the Report"), _("_Export"), name, folder, NULL, export_chosen_cb,
                                 g_object_ref (widget));
}

static void
cancel_cb (GtkButton      *button,
           RctReportsPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
show_report (RctReportsPage   *self,
             RctReportSummary *summary,
             const GError     *error)
{
  GtkWidget *child;
  g_autofree char *name = g_filename_display_basename (self->opened);
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_grid))) != NULL)
    gtk_grid_remove (self->report_grid, child);
  gtk_label_set_text (self->report_heading, name);

#define ROW(label, value) G_STMT_START { \
    GtkWidget *l = gtk_label_new (label), *v = gtk_label_new (value); \
    gtk_label_set_xalign (GTK_LABEL (l), 1); gtk_widget_add_css_class (l, "dim-label"); \
    gtk_label_set_xalign (GTK_LABEL (v), 0); gtk_label_set_wrap (GTK_LABEL (v), TRUE); \
    gtk_label_set_selectable (GTK_LABEL (v), TRUE); \
    gtk_grid_attach (self->report_grid, l, 0, row, 1, 1); gtk_grid_attach (self->report_grid, v, 1, row, 1, 1); \
    row++; } G_STMT_END

  if (error != NULL)
    {
      gtk_label_set_text (self->report_result, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->report_result), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->report_result), "error");
  {
    /* Translators: %d is how many records the report holds */
    g_autofree char *result = g_strdup_printf (_("Valid against the report schema, complete, %d records."),
                                               (int) summary->records);
    g_autofree char *problems = g_strdup_printf (_("%d found, %d closed, %d overdue"), (int) summary->problems,
                                                 (int) summary->closed, (int) summary->overdue);
    g_autofree char *feedback = g_strdup_printf (_("%d received, %d replied"), (int) summary->feedback,
                                                 (int) summary->replied);
    /* From the counts, with the rule of every view (docs/FIGURES.md). */
    g_autofree char *rate = rct_figures_format_ratio (summary->closed, summary->problems);
    /* The reader's local time in the window's language; the exact UTC
     * stamp stays in the XML. */
    g_autofree char *generated = rct_report_language_time (NULL, summary->generated_at);

    gtk_label_set_text (self->report_result, result);
    /* A default title in the reader's language, one given as written. */
    ROW (_("Report title"), rct_report_language_title (NULL, summary->title));
    ROW (_("Campaign name"), summary->campaign ? summary->campaign : "");
    ROW (_("Period"), summary->period ? summary->period : "");
    ROW (_("Generated"), generated != NULL ? generated : "");
    ROW (_("Generated by"), summary->generated_by ? summary->generated_by : "");
    ROW (_("Problems"), problems);
    ROW (_("Closing rate"), rate);
    ROW (_("Feedback"), feedback);
  }
#undef ROW
}

static const char *
signer_name (const RctSignature *sig)
{
  if (sig->certificate != NULL && sig->certificate->subject != NULL)
    return sig->certificate->subject;
  return sig->organisation_name != NULL ? sig->organisation_name : "";
}

/* The viewer's signature line: who signed, when, whether it verifies and
 * whether this ledger trusts the key (issue 21). */
static void
show_signature (RctReportsPage *self,
                Job            *job)
{
  const RctSignature *sig = job->signature;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  const char *icon = "dialog-error-symbolic";

  if (sig == NULL || sig->status == RCT_SIGNATURE_UNREADABLE)
    {
      gtk_widget_set_visible (self->signature_box, FALSE);
      return;
    }
  when = sig->signed_at != NULL ? rct_time_format_local (sig->signed_at) : g_strdup ("");
  if (sig->status == RCT_SIGNATURE_VERIFIED &&
      g_error_matches (job->trust_error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_UNTRUSTED))
    {
      icon = "dialog-warning-symbolic";
      /* Translators: who signed, when, the certificate's fingerprint */
      text = g_strdup_printf (_("Signed by %1$s on %2$s: the signature verifies, but this ledger does not trust the "
                                "key yet (fingerprint %3$s)."), signer_name (sig), when, sig->certificate->fingerprint);
    }
  else if (job->trust_error != NULL)
    text = g_strdup (job->trust_error->message);
  else if (sig->status == RCT_SIGNATURE_VERIFIED)
    {
      icon = "security-high-symbolic";
      /* Translators: who signed, when */
      text = g_strdup_printf (_("Signed by %1$s on %2$s: verified."), signer_name (sig), when);
    }
  else if (sig->status == RCT_SIGNATURE_NONE)
    {
      icon = "dialog-warning-symbolic";
      text = g_strdup (job->trust_warning != NULL ? job->trust_warning : _("Not signed."));
    }
  else if (sig->status == RCT_SIGNATURE_CHANGED)
    text = g_strdup (_("The report was changed after it was signed: its signature no longer matches."));
  else
    /* Translators: %s says what is wrong with the signature */
    text = g_strdup_printf (_("The signature was refused: %s."), sig->problem);
  gtk_image_set_from_icon_name (self->signature_icon, icon);
  gtk_label_set_text (self->signature_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->signature_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_visible (self->signature_box, TRUE);
}

static void
validate_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RctReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));

  self->opened_valid = g_task_propagate_boolean (G_TASK (result), &error);
  set_busy (self, FALSE);
  show_report (self, &job->summary, error);
  show_signature (self, job);
  set_status (self, self->after_check, FALSE);
  g_clear_pointer (&self->after_check, g_free);
  gtk_widget_set_visible (self->import_button, TRUE);
}

/* For scripts and tests: open this report for viewing. */
static void
open_file_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (widget);
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  g_free (self->opened);
  self->opened = g_strdup (g_variant_get_string (parameter, NULL));
  self->opened_valid = FALSE;
  job->report = g_strdup (self->opened);
  job->ledger = self->store != NULL ? g_strdup (rct_store_get_path (self->store)) : NULL;
  gtk_widget_set_visible (self->signature_box, FALSE);
  set_busy (self, TRUE);
  set_status (self, _("Checking the report…"), FALSE);
  task = g_task_new (self, self->cancellable, validate_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, validate_thread);
}

static void
open_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RctReportsPage) self = user_data;
  g_autoptr(GFile) file = rct_file_chooser_choose_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "reports.open-file", "s", path);
}

static void
open_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  g_autofree char *folder = ledger_folder (widget);

  rct_file_chooser_choose_async (parent_window (widget), RCT_FILE_CHOOSER_OPEN, RCT_FILE_KIND_REPORT,
                                 _("Open a Report"), _("_Open"), NULL, folder, NULL, open_chosen_cb,
                                 g_object_ref (widget));
}

static void
merged_cb (RctMergeDialog *dialog,
           RctReportsPage *self)
{
  g_autofree char *counts = rct_merge_dialog_dup_counts (rct_merge_dialog_get_plan (dialog));
  /* Translators: the Reports page's line after a merge; %s is its counts */
  g_autofree char *message = g_strdup_printf (_("Merged into the ledger. %s"), counts);

  set_status (self, message, FALSE);
  /* Its key may have been trusted in the dialog: the signature line is
   * checked again, and the merge's counts stay on the status line. */
  if (self->opened != NULL)
    {
      g_autofree char *report = g_strdup (self->opened);

      g_free (self->after_check);
      self->after_check = g_steal_pointer (&message);
      gtk_widget_activate_action (GTK_WIDGET (self), "reports.open-file", "s", report);
    }
}

/* Merge into This Ledger…: the preview first (nothing written), then the
 * merge on the dialog's Merge button. */
static void
import_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (widget);
  RctMergeDialog *dialog;

  if (self->store == NULL || self->opened == NULL)
    return;
  set_status (self, NULL, FALSE);
  dialog = rct_merge_dialog_new (parent_window (widget), self->store, self->opened);
  g_signal_connect_object (dialog, "merged", G_CALLBACK (merged_cb), self, 0);
}

/* ---- print and PDF, from the same layout ---- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                RctReportPrint    *print)
{
  guint pages = rct_report_print_paginate (print, gtk_print_context_get_cairo_context (context),
                                           gtk_print_context_get_width (context),
                                           gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              RctReportPrint    *print)
{
  rct_report_print_draw_page (print, gtk_print_context_get_cairo_context (context), page);
}

/* The report's scope, title and language as the page holds them, for a
 * print or PDF job. */
static Job *
print_job (RctReportsPage *self)
{
  Job *job = g_new0 (Job, 1);

  if (!read_scope (self, &job->scope))
    {
      job_free (job);
      return NULL;
    }
  job->ledger = g_strdup (rct_store_get_path (self->store));
  job->title = g_strdup (entry_text (self->title_entry));
  job->language = chosen_language (self);
  job->page = g_object_ref (self);
  return job;
}

static void
layout_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(RctReportsPage) self = g_object_ref (job->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = g_steal_pointer (&job->page_setup);
  g_autoptr(RctReportPrint) print = rct_report_print_layout_finish (result, &error);

  job_free (job);
  if (g_task_get_cancellable (G_TASK (result)) == self->cancellable)
    set_busy (self, FALSE);
  if (print == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, _("Printing was cancelled."), FALSE);
      else
        set_status (self, error->message, TRUE);
      return;
    }
  set_status (self, NULL, FALSE);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, rct_report_print_get_title (print));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), print);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent_window (GTK_WIDGET (self)),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    set_status (self, error->message, TRUE);
}

/* Print…: the report is read and laid out for A4 in a job, with the
 * progress bar and Cancel, and the print dialog opens once it is ready.
 * GtkPrintOperation asks for the layout only after its dialog, on this
 * thread; given pages of the size the job laid out it draws them as they
 * are, so only another paper chosen in the dialog lays them out again. */
static void
print_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (widget);
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPageSetup *setup;
  Job *job;

  if (self->store == NULL || (job = print_job (self)) == NULL)
    return;
  setup = job->page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  set_busy (self, TRUE);
  set_status (self, _("Laying out the report…"), FALSE);
  rct_report_print_layout_async (job->ledger, &job->scope, job->title, job->language,
                                 gtk_page_setup_get_page_width (setup, GTK_UNIT_POINTS),
                                 gtk_page_setup_get_page_height (setup, GTK_UNIT_POINTS), self->cancellable,
                                 layout_done_cb, job);
}

static void
pdf_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(RctReportsPage) self = g_object_ref (job->page);
  g_autoptr(GError) error = NULL;
  gboolean ok = rct_report_print_write_pdf_finish (result, &error);

  if (g_task_get_cancellable (G_TASK (result)) == self->cancellable)
    set_busy (self, FALSE);
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, _("The PDF was cancelled; no file was written."), FALSE);
      else
        set_status (self, error->message, TRUE);
    }
  else
    {
      g_autofree char *name = g_filename_display_basename (job->report);
      g_autofree char *message = g_strdup_printf (_("The report was written to %s."), name);
      set_status (self, message, FALSE);
    }
  job_free (job);
}

/* For scripts and tests: the PDF to this path, read, laid out and drawn in
 * a job with the progress bar and Cancel. */
static void
save_pdf_to_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (widget);
  Job *job;

  if (self->store == NULL || (job = print_job (self)) == NULL)
    return;
  job->report = g_strdup (g_variant_get_string (parameter, NULL));
  set_busy (self, TRUE);
  gtk_progress_bar_pulse (self->progress);
  set_status (self, _("Writing the PDF…"), FALSE);
  rct_report_print_write_pdf_async (job->ledger, &job->scope, job->title, job->language, job->report,
                                    self->cancellable, pdf_done_cb, job);
}

static void
pdf_chosen_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RctReportsPage) self = user_data;
  g_autoptr(GFile) file = rct_file_chooser_choose_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "reports.save-pdf-to", "s", path);
}

static void
save_pdf_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (widget);
  g_autofree char *today = rct_clock_today ();
  g_autofree char *fallback = g_strdup_printf (_("Supervision report %s"), today);
  g_autofree char *name = rct_file_chooser_name_for (entry_text (self->title_entry), fallback, ".pdf");
  g_autofree char *folder = ledger_folder (widget);

  rct_file_chooser_choose_async (parent_window (widget), RCT_FILE_CHOOSER_SAVE, RCT_FILE_KIND_PDF,
                                 _("Save the Report as PDF"), _("_Save"), name, folder, NULL, pdf_chosen_cb,
                                 g_object_ref (widget));
}

static void
rct_reports_page_dispose (GObject *object)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_REPORTS_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (rct_reports_page_parent_class)->dispose (object);
}

static void
rct_reports_page_finalize (GObject *object)
{
  RctReportsPage *self = RCT_REPORTS_PAGE (object);

  g_free (self->opened);
  g_free (self->after_check);
  g_free (self->status);
  G_OBJECT_CLASS (rct_reports_page_parent_class)->finalize (object);
}

static void
rct_reports_page_class_init (RctReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_reports_page_dispose;
  object_class->finalize = rct_reports_page_finalize;

  g_type_ensure (RCT_TYPE_OFFICIAL_COMPOSER);
  (void) rct_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-reports-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, title_entry);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, language_drop);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, html_check);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, full_check);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, progress);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, report_heading);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, report_grid);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, report_result);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, signature_box);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, signature_icon);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, signature_label);
  gtk_widget_class_bind_template_child (widget_class, RctReportsPage, official);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);

  gtk_widget_class_install_action (widget_class, "reports.export", NULL, export_cb);
  gtk_widget_class_install_action (widget_class, "reports.export-to", "s", export_to_cb);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_cb);
  gtk_widget_class_install_action (widget_class, "reports.save-pdf", NULL, save_pdf_cb);
  gtk_widget_class_install_action (widget_class, "reports.save-pdf-to", "s", save_pdf_to_cb);
  gtk_widget_class_install_action (widget_class, "reports.open", NULL, open_cb);
  gtk_widget_class_install_action (widget_class, "reports.open-file", "s", open_file_cb);
  gtk_widget_class_install_action (widget_class, "reports.import", NULL, import_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "reports.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "reports.print", NULL);
}

static void
rct_reports_page_init (RctReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_selected (self->language_drop,
                              g_str_equal (rct_report_language_default (), RCT_REPORT_LANGUAGE_CHINESE) ? 0 : 1);
  set_busy (self, FALSE);
}

GtkWidget *
rct_reports_page_new (void)
{
  return g_object_new (RCT_TYPE_REPORTS_PAGE, NULL);
}

void
rct_reports_page_set_store (RctReportsPage *self,
                            RctStore       *store,
                            gboolean        read_only)
{
  g_return_if_fail (RCT_IS_REPORTS_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->store, store);
  self->read_only = read_only;
  set_busy (self, FALSE);
  rct_official_composer_set_store (self->official, store, read_only);
}

void
rct_reports_page_set_scope (RctReportsPage *self,
                            const char     *from,
                            const char     *to)
{
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from != NULL ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to != NULL ? to : "");
}

gboolean
rct_reports_page_is_busy (RctReportsPage *self)
{
  return self->cancellable != NULL;
}

const char *
rct_reports_page_get_status (RctReportsPage *self)
{
  return self->status;
}

const char *
rct_reports_page_get_opened (RctReportsPage *self)
{
  return self->opened;
}

/**
 * rct_reports_page_get_official:
 *
 * Returns: (transfer none): the composer of the official report
 */
RctOfficialComposer *
rct_reports_page_get_official (RctReportsPage *self)
{
  return self->official;
}

gboolean
rct_reports_page_is_valid (RctReportsPage *self)
{
  return self->opened_valid;
}

/**
 * rct_reports_page_get_signature:
 *
 * Returns: (nullable): the viewer's signature line, or %NULL when none shows
 */
const char *
rct_reports_page_get_signature (RctReportsPage *self)
{
  g_return_val_if_fail (RCT_IS_REPORTS_PAGE (self), NULL);

  if (!gtk_widget_get_visible (self->signature_box))
    return NULL;
  return gtk_label_get_text (self->signature_label);
}
