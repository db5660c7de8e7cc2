/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-list-export"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rct-csv.h"
#include "rct-list-export.h"
#include "rct-record-list.h"
#include "rct-xlsx.h"

/* A filtered list written as CSV or XLSX off the caller's thread: a
 * million problems take seconds. The job reads through a read-only
 * connection of its own (it takes no lock and sees what was committed when
 * it started), writes beside the destination and puts the file in its
 * place only when complete: cancelled or failed, it leaves the ledger and
 * any file already at the destination as they were. */

typedef struct
{
  char      *ledger_path;
  char      *dest_path;
  RctKind    kind;
  RctFilter  filter;
  gboolean   xlsx;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->ledger_path);
  g_free (job->dest_path);
  rct_filter_clear (&job->filter);
  g_free (job);
}

static gboolean
write_csv (RctStore      *store,
           ExportJob     *job,
           const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
  g_autoptr(GOutputStream) buffered = NULL;

  if (out == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 256 * 1024);
  return rct_csv_export (store, job->kind, &job->filter, buffered, cancellable, error) &&
         g_output_stream_close (buffered, cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *partial = g_strconcat (job->dest_path, ".partial", NULL);
  g_autoptr(RctStore) store = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;
  store = rct_store_open (job->ledger_path, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_unlink (partial);
  if (job->xlsx)
    ok = rct_xlsx_export (store, job->kind, &job->filter, partial, &error);
  else
    ok = write_csv (store, job, partial, cancellable, &error);
  rct_store_close (store);

  /* A cancel that came while the workbook was written still counts. */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, &error))
    ok = FALSE;
  if (ok && g_rename (partial, job->dest_path) != 0)
    {
      int saved_errno = errno;
#ifdef G_OS_WIN32
      if (g_unlink (job->dest_path) == 0 && g_rename (partial, job->dest_path) == 0)
        goto done;
#endif
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("“%s” could not be written: %s."), job->dest_path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (partial);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
#ifdef G_OS_WIN32
done:
#endif
  g_task_return_boolean (task, TRUE);
}

/**
 * rct_list_export_async:
 * @ledger_path: the ledger, read through a connection of the job's own
 * @filter: (nullable): the list's filter, copied
 * @xlsx: an Excel workbook rather than CSV
 *
 * Writes the records of @kind that @filter matches to @dest_path in a
 * thread. Cancelled through @cancellable, it leaves @dest_path as it was.
 */
void
rct_list_export_async (const char          *ledger_path,
                       RctKind              kind,
                       const RctFilter     *filter,
                       const char          *dest_path,
                       gboolean             xlsx,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (ledger_path != NULL && dest_path != NULL);

  job = g_new0 (ExportJob, 1);
  job->ledger_path = g_strdup (ledger_path);
  job->dest_path = g_strdup (dest_path);
  job->kind = kind;
  job->xlsx = xlsx;
  if (filter != NULL)
    rct_filter_copy_into (&job->filter, filter);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rct_list_export_async);
  /* The result says what happened to the file: a cancel that came after
   * it was put in place does not make it "cancelled". */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
rct_list_export_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
