/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-figures"

#include "config.h"

#include "rct-figures.h"
#include "rct-store-private.h"

/* Figures for a period or some units count the records (the running totals
 * only hold the whole ledger's): seconds at a million problems. They are
 * counted in a thread on a read-only connection of their own, which a
 * cancel interrupts inside SQLite. */

typedef struct
{
  char     *ledger_path;
  RctScope  scope;
} FiguresJob;

static void
figures_job_free (FiguresJob *job)
{
  g_free (job->ledger_path);
  rct_scope_clear (&job->scope);
  g_free (job);
}

static void
figures_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  FiguresJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  RctFigures *figures;

  if (g_task_return_error_if_cancelled (task))
    return;
  store = rct_store_open (job->ledger_path, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _rct_store_interrupt_on (store, cancellable);
  figures = rct_figures_compute (store, &job->scope, &error);
  rct_store_close (store);
  /* An interrupted count is no count. */
  if (_rct_store_error_if_cancelled (cancellable, &error))
    g_clear_pointer (&figures, rct_figures_free);
  if (figures == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, figures, (GDestroyNotify) rct_figures_free);
}

/**
 * rct_figures_compute_async:
 * @ledger_path: the ledger, read through a connection of the job's own
 * @scope: (nullable): copied
 *
 * rct_figures_compute() in a thread, as of rct_clock_today().
 */
void
rct_figures_compute_async (const char          *ledger_path,
                           const RctScope      *scope,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FiguresJob *job;

  g_return_if_fail (ledger_path != NULL);

  job = g_new0 (FiguresJob, 1);
  job->ledger_path = g_strdup (ledger_path);
  if (scope != NULL)
    {
      job->scope.from = g_strdup (scope->from);
      job->scope.to = g_strdup (scope->to);
      job->scope.units = g_strdupv (scope->units);
    }
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rct_figures_compute_async);
  g_task_set_task_data (task, job, (GDestroyNotify) figures_job_free);
  g_task_run_in_thread (task, figures_thread);
}

/**
 * rct_figures_compute_finish:
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error
 *   set (G_IO_ERROR_CANCELLED when cancelled)
 */
RctFigures *
rct_figures_compute_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
