/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-job-progress"

#include "config.h"

#include "rct-job-progress.h"

/* A job in a thread tells how far it is; the caller hears it in the main
 * context it started the job from, a thousand times at most however big
 * the job, and never after the job's result (a progress bar may be gone by
 * then). Shared by the CSV import, the report export and the PDF. */

struct _RctJobProgress
{
  GTask           *task;     /* not a reference: the progress lives in its data */
  GMainContext    *context;
  RctProgressFunc  func;
  gpointer         user_data;
  guint            told;     /* the last share told, in thousandths */
};

typedef struct
{
  GTask          *task;
  RctJobProgress *progress;
  guint64         done;
  guint64         total;
} Update;

/**
 * rct_job_progress_new:
 * @task: the job; the progress must be freed with its task data
 * @func: (nullable): told in the calling thread's main context
 *
 * Returns: (transfer full):
 */
RctJobProgress *
rct_job_progress_new (GTask           *task,
                      RctProgressFunc  func,
                      gpointer         user_data)
{
  RctJobProgress *progress = g_new0 (RctJobProgress, 1);

  progress->task = task;
  progress->context = g_main_context_ref_thread_default ();
  progress->func = func;
  progress->user_data = user_data;
  progress->told = G_MAXUINT;
  return progress;
}

void
rct_job_progress_free (RctJobProgress *progress)
{
  if (progress == NULL)
    return;
  g_main_context_unref (progress->context);
  g_free (progress);
}

static gboolean
tell_cb (gpointer data)
{
  Update *update = data;

  if (!g_task_get_completed (update->task))
    update->progress->func (update->done, update->total, update->progress->user_data);
  return G_SOURCE_REMOVE;
}

static void
update_free (gpointer data)
{
  Update *update = data;

  g_object_unref (update->task);
  g_free (update);
}

/**
 * rct_job_progress_tell:
 * @progress: (nullable): an #RctJobProgress, as the job's progress data
 *
 * From the job's thread: @done of @total. An #RctProgressFunc itself.
 */
void
rct_job_progress_tell (guint64  done,
                       guint64  total,
                       gpointer data)
{
  RctJobProgress *progress = data;
  guint share;
  Update *update;

  if (progress == NULL || progress->func == NULL)
    return;
  share = total > 0 ? (guint) (MIN (done, total) * 1000 / total) : 1000;
  if (share == progress->told && done < total)
    return;
  progress->told = share;
  update = g_new0 (Update, 1);
  update->task = g_object_ref (progress->task);
  update->progress = progress;
  update->done = done;
  update->total = total;
  g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT, tell_cb, update, update_free);
}
