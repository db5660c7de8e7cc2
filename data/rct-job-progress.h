/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How far a long job is, told to the context that started it. */
typedef void (*RctProgressFunc) (guint64  done,
                                 guint64  total,
                                 gpointer user_data);

typedef struct _RctJobProgress RctJobProgress;

RctJobProgress *rct_job_progress_new  (GTask           *task,
                                       RctProgressFunc  func,
                                       gpointer         user_data);
void            rct_job_progress_tell (guint64          done,
                                       guint64          total,
                                       gpointer         progress);
void            rct_job_progress_free (RctJobProgress  *progress);

G_END_DECLS
