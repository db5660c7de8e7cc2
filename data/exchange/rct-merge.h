/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rct-store.h"

G_BEGIN_DECLS

/* Merging a report from another organisation (docs/EXCHANGE.md): what it
 * would do (preview, which writes nothing) and what it did (apply), record
 * by record, with every refused or conflicting change named and why. */

typedef enum
{
  RCT_MERGE_ADDED,
  RCT_MERGE_CHANGED,
  RCT_MERGE_UNCHANGED,
  RCT_MERGE_CONFLICT,
  RCT_MERGE_REFUSED,
  RCT_MERGE_PENDING,    /* refers to a record not known yet: kept, merged when it arrives */
} RctMergeOutcome;

typedef struct
{
  RctMergeOutcome outcome;
  char *kind;    /* record kind as in the XML: "problem", "task", "unit", ... */
  char *uuid;    /* the record's uuid */
  char *label;   /* as a clerk knows it: "HH-2021-001", a unit's or person's name */
  char *field;   /* the field concerned (conflict, refused change), or NULL */
  char *reason;  /* refused/conflict: one translated sentence; else NULL */
} RctMergeItem;

typedef struct
{
  char      *organisation;   /* who made the report, as named in it */
  guint      added, changed, unchanged, conflicts, refused;
  GPtrArray *items;          /* RctMergeItem*, every record not unchanged */
  guint      pending;        /* records kept until what they refer to arrives */
  char      *warning;        /* an unsigned report taken under the transition setting, or NULL */
} RctMergePlan;

void          rct_merge_item_free      (RctMergeItem  *item);
void          rct_merge_plan_free      (RctMergePlan  *plan);
const char   *rct_merge_outcome_to_string (RctMergeOutcome outcome);

RctMergePlan *rct_merge_preview        (RctStore      *store,
                                        const char    *report_path,
                                        GCancellable  *cancellable,
                                        GError       **error);
RctMergePlan *rct_merge_apply          (RctStore      *store,
                                        const char    *report_path,
                                        GCancellable  *cancellable,
                                        GError       **error);
void          rct_merge_preview_async  (RctStore            *store,
                                        const char          *report_path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
RctMergePlan *rct_merge_preview_finish (RctStore      *store,
                                        GAsyncResult  *result,
                                        GError       **error);
void          rct_merge_apply_async    (RctStore            *store,
                                        const char          *report_path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
RctMergePlan *rct_merge_apply_finish   (RctStore      *store,
                                        GAsyncResult  *result,
                                        GError       **error);

typedef struct
{
  char *uuid;                 /* the conflict's own id */
  char *kind, *record_uuid, *label, *field;
  char *ours, *theirs;        /* the two values, as text a clerk reads */
  char *ours_by, *theirs_by;  /* organisation names of the two events' authors */
  char *ours_at, *theirs_at;  /* ISO 8601, labels only */
} RctConflict;

void       rct_conflict_free            (RctConflict   *conflict);
GPtrArray *rct_merge_list_conflicts     (RctStore      *store,
                                         GError       **error);
gboolean   rct_merge_resolve_conflict   (RctStore      *store,
                                         const char    *conflict_uuid,
                                         gboolean       keep_theirs,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctMergePlan, rct_merge_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctConflict, rct_conflict_free)

G_END_DECLS
