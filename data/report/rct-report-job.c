/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report-job"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rct-job-progress.h"
#include "rct-jobs-private.h"
#include "rct-report.h"

/* The report's export as a job in a thread (issue 15): a read-only
 * connection of its own, the XML and its web page written under temporary
 * names beside their places and given their names only when both are
 * complete, so a cancel or a failure leaves the folder as it was (a file
 * already there included). The writer itself is rct_report_export_in(). */

void (*_rct_report_job_step_hook) (RctReportJobStep step) = NULL;

typedef struct
{
  char           *ledger_path;
  char           *operator_name;
  RctScope        scope;
  char           *title;
  char           *language;
  char           *path;
  char           *html_path;
  gboolean        read_only;
  gboolean        full;
  RctJobProgress *progress;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->ledger_path);
  g_free (job->operator_name);
  rct_scope_clear (&job->scope);
  g_free (job->title);
  g_free (job->language);
  g_free (job->path);
  g_free (job->html_path);
  rct_job_progress_free (job->progress);
  g_free (job);
}

static void
at_step (RctReportJobStep step)
{
  if (_rct_report_job_step_hook != NULL)
    _rct_report_job_step_hook (step);
}

static gboolean
put_in_place (const char  *from,
              const char  *to,
              GError     **error)
{
  if (g_rename (from, to) == 0)
    return TRUE;
  {
    int saved_errno = errno;
    g_set_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, _("Cannot write “%s”: %s."), to,
                 g_strerror (saved_errno));
  }
  return FALSE;
}

static gboolean
export_files (ExportJob     *job,
              const char    *xml_temp,
              const char    *html_temp,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(RctStore) store = NULL;

  g_autofree char *peer = NULL;

  /* Not read-only where the ledger is not: it keeps what each report
   * carried (docs/EXCHANGE.md, Acknowledgements). */
  store = rct_store_open (job->ledger_path, (job->read_only ? RCT_STORE_OPEN_READ_ONLY : 0) |
                                            RCT_STORE_OPEN_DEFER_CHECK, error);
  if (store == NULL)
    return FALSE;
  rct_store_set_operator (store, job->operator_name);
  /* The office's report for one unit is that unit's, as export-report --for. */
  if (job->scope.units != NULL && job->scope.units[0] != NULL && job->scope.units[1] == NULL)
    {
      g_autoptr(RctOrganisation) org = rct_store_dup_organisation (store, NULL);
      if (org != NULL && g_strcmp0 (org->level, "office") == 0)
        peer = rct_store_dup_uuid (store, RCT_KIND_UNIT,
                                   rct_store_find_id (store, RCT_KIND_UNIT, job->scope.units[0], NULL));
    }
  at_step (RCT_REPORT_JOB_OPENED);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !rct_report_export_exchange (store, &job->scope, job->title, job->language, xml_temp, peer, job->full,
                                   rct_job_progress_tell, job->progress, cancellable, error))
    return FALSE;
  rct_store_close (store);
  at_step (RCT_REPORT_JOB_XML_WRITTEN);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (html_temp != NULL && !rct_report_write_html (xml_temp, html_temp, job->language, error))
    return FALSE;
  at_step (RCT_REPORT_JOB_HTML_WRITTEN);
  /* The last chance: after this both files take their names. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (html_temp != NULL && !put_in_place (html_temp, job->html_path, error))
    return FALSE;
  return put_in_place (xml_temp, job->path, error);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml_temp = g_strconcat (job->path, ".exporting", NULL);
  g_autofree char *html_temp = job->html_path != NULL ? g_strconcat (job->html_path, ".exporting", NULL) : NULL;

  if (!export_files (job, xml_temp, html_temp, cancellable, &error))
    {
      g_unlink (xml_temp);
      if (html_temp != NULL)
        g_unlink (html_temp);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * rct_report_export_async:
 * @ledger_path: the ledger, read through a connection of the job's own
 * @operator_name: (nullable): who makes the report, for its header
 * @scope: (nullable): period and units; copied
 * @title: (nullable): as for rct_report_export_in()
 * @language: (nullable): as for rct_report_export_in()
 * @path: the report
 * @html_path: (nullable): its web page, or %NULL for none
 * @read_only: the ledger is open read-only: the report is full and
 *   unnumbered, and nothing is recorded as sent
 * @full: everything in @scope, not only what the peer has not acknowledged
 * @progress: (nullable): told the records written and the records in all,
 *   in the main context of the caller's thread, until the result is told
 *
 * rct_report_export_exchange() and rct_report_write_html() in a thread. Nothing
 * takes @path or @html_path unless both are complete; cancelled or
 * failed, the folder is as it was.
 */
void
rct_report_export_async (const char          *ledger_path,
                         const char          *operator_name,
                         const RctScope      *scope,
                         const char          *title,
                         const char          *language,
                         const char          *path,
                         const char          *html_path,
                         gboolean             read_only,
                         gboolean             full,
                         RctReportProgress    progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (ledger_path != NULL && path != NULL);

  job = g_new0 (ExportJob, 1);
  job->ledger_path = g_strdup (ledger_path);
  job->operator_name = g_strdup (operator_name);
  if (scope != NULL)
    {
      job->scope.from = g_strdup (scope->from);
      job->scope.to = g_strdup (scope->to);
      job->scope.units = g_strdupv (scope->units);
    }
  job->title = g_strdup (title);
  job->language = g_strdup (language);
  job->path = g_strdup (path);
  job->html_path = g_strdup (html_path);
  job->read_only = read_only;
  job->full = full || read_only;
  task = g_task_new (NULL, cancellable, callback, user_data);
  job->progress = rct_job_progress_new (task, progress, progress_data);
  g_task_set_source_tag (task, rct_report_export_async);
  /* A cancel after the files took their names comes too late. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * rct_report_export_finish:
 *
 * Returns: whether the report (and its page) are in place; %FALSE with
 *   %G_IO_ERROR_CANCELLED when cancelled in time
 */
gboolean
rct_report_export_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
