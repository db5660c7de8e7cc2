/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-merge.h"
#include "rct-report.h"
#include "rct-workflow.h"

G_BEGIN_DECLS

/* Between the store's import and the merge: the plan being filled, the
 * rule of sides, and the conflicts table. */

RctMergePlan *_rct_merge_plan_new      (void);
void          _rct_merge_plan_note     (RctMergePlan    *plan,
                                        RctMergeOutcome  outcome,
                                        RctKind          kind,
                                        const char      *uuid,
                                        const char      *label,
                                        const char      *field,
                                        const char      *reason);
const char   *_rct_merge_kind_element  (RctKind          kind);

/* Who may change what (issue 16 item 4): the responsible unit the
 * rectification side, the office the supervision side, an owner its own
 * record's data. */
typedef enum
{
  RCT_SIDE_OWNER,         /* the record's data: its owner (and the office) */
  RCT_SIDE_RECTIFICATION, /* the responsible unit's: start, submit, measures, evidence, progress */
  RCT_SIDE_SUPERVISION,   /* the office's: verify, close, reject, reopen, extensions' decisions */
  RCT_SIDE_SHARED,        /* the owner's, the responsible unit's and the office's: both sides may edit */
  RCT_SIDE_OFFICE,        /* the office's alone: accountability records and inspection visits (issue 18) */
} RctSide;

typedef struct
{
  const char *author;        /* the organisation whose change it is */
  const char *owner;         /* the record's owner; NULL: this ledger's own */
  const char *unit;          /* the responsible unit's uuid (a problem's, a task's), or NULL */
} RctSideContext;

RctSide   _rct_merge_side_of_field  (RctKind          kind,
                                     const char      *field);
RctSide   _rct_merge_side_of_step   (RctProblemAction action);
gboolean  _rct_merge_may            (RctStore             *store,
                                     const RctSideContext *context,
                                     RctSide               side,
                                     char                **reason);

/* Acknowledgements (docs/EXCHANGE.md): what a report to @peer carries. */
typedef struct
{
  gint64      serial;          /* this report's, or 0 (a ledger open read-only) */
  char       *peer;            /* the organisation it is for, or NULL */
  gboolean    full;
  gint64      since_journal;   /* not full: events after this journal id */
  GHashTable *selected;        /* not full: ids of the problems to carry */
  GPtrArray  *acks;            /* pairs: organisation uuid, serial (text) */
} RctExchangeOut;

gboolean  _rct_exchange_begin       (RctStore        *store,
                                     const char      *peer,
                                     const char      *scope,
                                     gboolean         full,
                                     RctExchangeOut  *out,
                                     GError         **error);
void      _rct_exchange_clear       (RctExchangeOut  *out);
gboolean  _rct_exchange_note        (RctStore        *store,
                                     const char      *author,
                                     gint64           serial,
                                     const char      *for_org,
                                     GPtrArray       *acks,
                                     GError         **error);
gboolean  _rct_merge_settlement_yields (RctStore   *store,
                                        const char *author,
                                        const char *uuid,
                                        const char *our_author,
                                        const char *our_uuid);
gboolean  _rct_merge_add_conflict   (RctStore        *store,
                                     RctKind          kind,
                                     const char      *record_uuid,
                                     const char      *label,
                                     const char      *field,
                                     const char      *ours,
                                     const char      *theirs,
                                     const char      *theirs_by,
                                     const char      *theirs_at,
                                     GError         **error);

/* The report's reader, merging: in one transaction, committed or (a
 * preview) rolled back; @plan filled record by record. */
gboolean  _rct_report_merge         (RctStore          *store,
                                     const char        *path,
                                     RctReportSummary  *summary,
                                     RctMergePlan      *plan,
                                     gboolean           commit,
                                     GCancellable      *cancellable,
                                     GError           **error);

G_END_DECLS
