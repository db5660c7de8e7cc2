/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-figures.h"
#include "rct-store.h"

G_BEGIN_DECLS

/* A count under a key: a kind of accountability, a unit's name. */
typedef struct
{
  char   *key;
  gint64  count;
} RctSupervisionCount;

/* The figures of supervision (issue 18): accountability records per kind
 * and per unit, inspection visits, the active units they covered and the
 * problems their findings became. Each equals a count of the lists. */
typedef struct
{
  gint64     accountability_total;
  GPtrArray *accountability_by_kind;  /* RctSupervisionCount, vocabulary order, then the office's own */
  GPtrArray *accountability_by_unit;  /* RctSupervisionCount, by unit position */
  gint64     visits;
  gint64     units_covered;           /* active units visited at least once */
  gint64     units_active;
  gint64     problems_found;          /* findings registered as problems */
} RctSupervisionFigures;

RctSupervisionFigures *rct_supervision_figures_compute (RctStore               *store,
                                                        GError                **error);
RctSupervisionFigures *rct_supervision_figures_compute_in (RctStore              *store,
                                                           const RctScope        *scope,
                                                           GError               **error);
void                   rct_supervision_figures_free    (RctSupervisionFigures  *figures);

gboolean               rct_problem_calls_for_accountability (RctStore   *store,
                                                             RctProblem *problem);
char                 **rct_visit_dup_findings          (RctVisit               *visit);
gint64                 rct_store_finding_problem       (RctStore               *store,
                                                        gint64                  visit_id,
                                                        guint                   finding,
                                                        GError                **error);
gboolean               rct_store_link_finding          (RctStore               *store,
                                                        gint64                  visit_id,
                                                        guint                   finding,
                                                        gint64                  problem_id,
                                                        GError                **error);
gboolean               rct_store_register_finding      (RctStore               *store,
                                                        gint64                  visit_id,
                                                        guint                   finding,
                                                        GHashTable             *problem_values,
                                                        gint64                 *out_problem_id,
                                                        GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctSupervisionFigures, rct_supervision_figures_free)

G_END_DECLS
