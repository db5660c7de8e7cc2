/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

/* The scope of the figures: a period (by found / received date; tasks by
 * deadline) and some units. Empty fields do not limit. */
typedef struct
{
  char  *from;
  char  *to;
  char **units;  /* NULL-terminated unit names, or NULL for all units */
} RctScope;

typedef struct
{
  char   *name;
  char   *head;     /* the unit's head, its responsible leader (一岗双责); may be NULL */
  gint64  total;
  gint64  closed;
  gint64  overdue;
} RctUnitFigures;

typedef struct
{
  char   *name;
  gint64  tasks;
  gint64  done;
} RctGroupFigures;

typedef struct
{
  char   *key;
  gint64  total;
  gint64  closed;
} RctSourceFigures;

/* The counts behind the office's figures. Every rate is computed from these
 * counts by one function below, and is NAN when its denominator is 0. */
typedef struct
{
  char      *today;

  gint64     problems_total;
  gint64     registered;
  gint64     rectifying;
  gint64     awaiting_verification;
  gint64     closed;
  gint64     closed_on_time;
  gint64     overdue;
  gint64     due_soon;
  gint64     days_to_close_sum;
  gint64     listed_open;               /* 挂牌督办, listing not lifted */
  gint64     severity_normal;
  gint64     severity_serious;
  gint64     severity_grave;

  gint64     tasks_total;
  gint64     tasks_done;
  gint64     tasks_prescribed;          /* 规定动作 */
  gint64     tasks_prescribed_done;
  gint64     tasks_self_chosen;         /* 自选动作 */
  gint64     tasks_self_chosen_done;

  gint64     feedback_total;
  gint64     feedback_replied;
  gint64     feedback_overdue;
  gint64     feedback_rated;
  gint64     feedback_satisfied;

  GPtrArray *units;    /* RctUnitFigures, every unit in scope */
  GPtrArray *groups;   /* RctGroupFigures, every working group */
  GPtrArray *sources;  /* RctSourceFigures, every source */
} RctFigures;

RctFigures *rct_figures_compute            (RctStore         *store,
                                            const RctScope   *scope,
                                            GError          **error);
RctFigures *rct_figures_compute_scan       (RctStore         *store,
                                            const RctScope   *scope,
                                            GError          **error);
gboolean    rct_figures_read_feedback      (RctStore         *store,
                                            RctFigures       *figures,
                                            GError          **error);
void        rct_figures_compute_async      (const char       *ledger_path,
                                            const RctScope   *scope,
                                            GCancellable     *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer          user_data);
RctFigures *rct_figures_compute_finish     (GAsyncResult     *result,
                                            GError          **error);
void        rct_figures_free               (RctFigures       *figures);
double      rct_figures_closing_rate       (const RctFigures *figures);
double      rct_figures_on_time_rate       (const RctFigures *figures);
double      rct_figures_avg_days_to_close  (const RctFigures *figures);
double      rct_figures_task_completion    (const RctFigures *figures);
double      rct_figures_reply_rate         (const RctFigures *figures);
double      rct_figures_satisfaction_rate  (const RctFigures *figures);
double      rct_figures_rate               (gint64            numerator,
                                            gint64            denominator);
char       *rct_figures_format_rate        (double            rate);
char       *rct_figures_format_ratio       (gint64            numerator,
                                            gint64            denominator);
char       *rct_figures_format_mean        (gint64            sum,
                                            gint64            count);
void        rct_scope_clear                (RctScope         *scope);
gboolean    rct_scope_is_everything        (const RctScope   *scope);
gboolean    rct_scope_check_units          (RctStore         *store,
                                            const RctScope   *scope,
                                            GError          **error);
gint64      rct_store_count_scoped_children (RctStore        *store,
                                             RctKind          kind,
                                             const RctScope  *scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctFigures, rct_figures_free)

G_END_DECLS
