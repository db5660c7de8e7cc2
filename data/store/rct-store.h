/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rct-record.h"
#include "rct-campaign.h"
#include "rct-phase.h"
#include "rct-unit.h"
#include "rct-person.h"
#include "rct-working-group.h"
#include "rct-task.h"
#include "rct-task-progress.h"
#include "rct-problem.h"
#include "rct-measure.h"
#include "rct-extension.h"
#include "rct-evidence.h"
#include "rct-supervisor.h"
#include "rct-feedback.h"
#include "rct-journal-entry.h"
#include "rct-officer.h"
#include "rct-course.h"
#include "rct-enrolment.h"
#include "rct-activity-series.h"
#include "rct-activity-entry.h"
#include "rct-accountability.h"
#include "rct-visit.h"
#include "rct-workflow.h"
#include "rct-organisation.h"

G_BEGIN_DECLS

#define RCT_STORE_ERROR (rct_store_error_quark ())

typedef enum
{
  RCT_STORE_ERROR_OPEN,           /* cannot open or create the file */
  RCT_STORE_ERROR_NOT_A_LEDGER,   /* not an SQLite file, or not ours */
  RCT_STORE_ERROR_NEWER_VERSION,  /* made by a newer Rectify: refused, untouched */
  RCT_STORE_ERROR_DAMAGED,        /* quick_check failed */
  RCT_STORE_ERROR_LOCKED,         /* another running copy holds it */
  RCT_STORE_ERROR_READ_ONLY,      /* opened read-only: writes refused */
  RCT_STORE_ERROR_INVALID,        /* bad input: nothing was written */
  RCT_STORE_ERROR_NOT_FOUND,
  RCT_STORE_ERROR_IN_USE,         /* deleting what other records need */
  RCT_STORE_ERROR_WRITE,          /* disk full, I/O error, busy: rolled back */
  RCT_STORE_ERROR_NEEDS_UPGRADE,  /* an older ledger opened read-only */
  RCT_STORE_ERROR_REFUSED,        /* a merged record's change its author may not make: the rest goes on */
  RCT_STORE_ERROR_CONFLICT,       /* the record changed since its writer read it: nothing saved over it */
  RCT_STORE_ERROR_CONNECTION_LOST, /* the server's connection dropped: nothing saved; the next call reconnects */
} RctStoreError;

typedef enum
{
  RCT_STORE_OPEN_DEFAULT   = 0,
  RCT_STORE_OPEN_READ_ONLY = 1 << 0,  /* never write, take no lock */
  RCT_STORE_OPEN_CREATE    = 1 << 1,  /* create the file when missing */
  RCT_STORE_OPEN_DEFER_CHECK = 1 << 2, /* the caller runs rct_store_quick_check() itself,
                                         e.g. in a thread while the first rows show */
} RctStoreOpenFlags;

/* The newest schema this program knows (PRAGMA user_version). */
#define RCT_STORE_SCHEMA_VERSION 18

/* Limits on text, in characters, wherever a person or a spreadsheet enters
 * it: long enough for any real entry, short enough that a pasted file is
 * caught, each refusal one sentence naming the field and its limit.
 * NAME: a name, title, number or any one-line field. DESCRIPTION: what a
 * problem is, a paragraph (the details go into evidence files). NOTE: any
 * other long text: measures, notes, replies, remits, how a problem was
 * verified, the reason of a step. TEXT: what the report schema allows from
 * another office's report. */
#define RCT_STORE_MAX_NAME        200
#define RCT_UNIT_MAX_CODE         8
#define RCT_STORE_MAX_DESCRIPTION 2000
#define RCT_STORE_MAX_NOTE        4000
#define RCT_STORE_MAX_TEXT        20000
/* Evidence files are kept inside the ledger; beyond this, link them instead. */
#define RCT_STORE_MAX_EVIDENCE_BYTES (20 * 1024 * 1024)

/* A filter for lists. Empty fields do not filter. Names (unit, group,
 * responsible, supervisor) match exactly; search matches text anywhere:
 * FTS5 trigram from three characters, a plain scan below. */
typedef struct
{
  const char *status;
  const char *unit;
  const char *source;
  const char *group;
  const char *person;       /* responsible person of a problem, owner of a task */
  const char *supervisor;
  const char *kind;         /* task kind, feedback kind */
  gboolean    overdue;
  gboolean    due_soon;
  gboolean    awaiting;     /* feedback without a reply */
  gboolean    include_retired;
  const char *from;         /* found / received date, inclusive */
  const char *to;
  const char *search;
  const char *sort;         /* a column name of the record; NULL for the natural order */
  gboolean    descending;
  const char *parent;       /* a course's enrolments, an activity's entries: its name */
  const char *severity;     /* a problem's severity key */
  const char *leader;       /* a problem's responsible leader (the unit's head unless named) */
  gboolean    listed;       /* problems listed for supervision (挂牌督办), listing not lifted */
} RctFilter;

/* What the one who opened the ledger may do. A file opened for writing
 * allows everything, opened read-only only reading; on the office's
 * server the login's roles decide (rectify_viewer, rectify_clerk,
 * rectify_verifier: `rectify-cli server init`), read from the server. */
typedef enum
{
  RCT_STORE_CAN_READ     = 1 << 0,
  RCT_STORE_CAN_REGISTER = 1 << 1,  /* add records: problems, feedback, tasks … */
  RCT_STORE_CAN_EDIT     = 1 << 2,  /* change and delete them, move problems through the workflow */
  RCT_STORE_CAN_CLOSE    = 1 << 3,  /* verify and close a problem (销号) */
  RCT_STORE_CAN_SET_UP   = 1 << 4,  /* units, working groups, the organisation */
} RctStoreCapabilities;

#define RCT_STORE_CAN_EVERYTHING (RCT_STORE_CAN_READ | RCT_STORE_CAN_REGISTER | RCT_STORE_CAN_EDIT | \
                                  RCT_STORE_CAN_CLOSE | RCT_STORE_CAN_SET_UP)

#define RCT_TYPE_STORE (rct_store_get_type ())
G_DECLARE_FINAL_TYPE (RctStore, rct_store, RCT, STORE, GObject)

/* Asked, again and again, while another program holds the ledger a
 * statement needs (a report import writing): %TRUE to wait on, %FALSE to
 * give up (the statement then fails, "busy", and nothing is saved).
 * Runs on the thread of the statement. */
typedef gboolean (*RctStoreBusyFunc) (RctStore *store,
                                      guint     waited_ms,
                                      gpointer  user_data);

/* Called by rct_store_watch_source_new()'s source when another program
 * changed the ledger: @kinds has the bit 1 << RctKind of each kind of
 * record it changed. Runs on the thread of the source's context. */
typedef void (*RctStoreWatchFunc) (RctStore *store,
                                   guint     kinds,
                                   gpointer  user_data);

GQuark        rct_store_error_quark        (void);
char         *rct_store_default_path       (void);
RctStore     *rct_store_open               (const char         *path,
                                            RctStoreOpenFlags   flags,
                                            GError            **error);
void          rct_store_close              (RctStore           *self);
const char   *rct_store_get_path           (RctStore           *self);
gboolean      rct_store_location_is_server (const char         *location);
gboolean      rct_store_is_server          (RctStore           *self);
char         *rct_store_dup_folder         (RctStore           *self);
char         *rct_store_dup_display_name   (RctStore           *self);
gboolean      rct_store_is_read_only       (RctStore           *self);
char         *rct_store_dup_lock_holder    (RctStore           *self);
const char   *rct_store_get_operator       (RctStore           *self);
void          rct_store_set_operator       (RctStore           *self,
                                            const char         *operator_name);
int           rct_store_get_schema_version (RctStore           *self);
const char   *rct_store_get_migration_backup (RctStore         *self);
const char   *rct_store_get_identity       (RctStore           *self);
char         *rct_store_read_identity      (const char         *path);
gboolean      rct_store_check              (RctStore           *self,
                                            GError            **error);
gboolean      rct_store_ran_check          (RctStore           *self);
gboolean      rct_store_is_known_good      (RctStore           *self);
void          rct_store_set_known_good     (RctStore           *self);
gboolean      rct_store_quick_check        (const char         *path,
                                            GCancellable       *cancellable,
                                            GError            **error);
gboolean      rct_store_backup             (RctStore           *self,
                                            const char         *dest_path,
                                            GError            **error);
void          rct_store_announce_changes   (RctStore           *self);
void          rct_store_announce_kinds     (RctStore           *self,
                                            guint               kinds);
RctStoreCapabilities rct_store_get_capabilities (RctStore      *self);
const char   *rct_store_get_login          (RctStore           *self);
GSource      *rct_store_watch_source_new   (RctStore           *self);
void          rct_store_set_busy_func      (RctStore           *self,
                                            RctStoreBusyFunc    func,
                                            gpointer            user_data,
                                            GDestroyNotify      destroy);
gboolean      rct_store_is_empty           (RctStore           *self);

/* Generic record access. Values are text, as a form or the command line
 * gives them; references are by name (unit, person, group, supervisor). */
gboolean      rct_store_create             (RctStore           *self,
                                            RctKind             kind,
                                            GHashTable         *values,
                                            gint64             *out_id,
                                            GError            **error);
gboolean      rct_store_update             (RctStore           *self,
                                            RctKind             kind,
                                            gint64              id,
                                            GHashTable         *values,
                                            const char         *reason,
                                            GError            **error);
gboolean      rct_store_delete             (RctStore           *self,
                                            RctKind             kind,
                                            gint64              id,
                                            const char         *reason,
                                            GError            **error);
/* The same, but only while the record still has @seen_revision, the
 * revision its writer read (rct_record_get_revision(); 0: as it is now).
 * When someone else wrote it since: RCT_STORE_ERROR_CONFLICT with one
 * sentence naming who and when, nothing written, and *@out_current the
 * record as it is now (NULL when it was deleted). */
gboolean      rct_store_update_at          (RctStore           *self,
                                            RctKind             kind,
                                            gint64              id,
                                            gint64              seen_revision,
                                            GHashTable         *values,
                                            const char         *reason,
                                            RctRecord         **out_current,
                                            GError            **error);
gboolean      rct_store_delete_at          (RctStore           *self,
                                            RctKind             kind,
                                            gint64              id,
                                            gint64              seen_revision,
                                            const char         *reason,
                                            RctRecord         **out_current,
                                            GError            **error);
gboolean      rct_store_create_va          (RctStore           *self,
                                            RctKind             kind,
                                            gint64             *out_id,
                                            GError            **error,
                                            const char         *first_column,
                                            ...) G_GNUC_NULL_TERMINATED;
gboolean      rct_store_update_va          (RctStore           *self,
                                            RctKind             kind,
                                            gint64              id,
                                            const char         *reason,
                                            GError            **error,
                                            const char         *first_column,
                                            ...) G_GNUC_NULL_TERMINATED;
gpointer      rct_store_new_record         (RctKind             kind);
gpointer      rct_store_get                (RctStore           *self,
                                            RctKind             kind,
                                            gint64              id,
                                            GError            **error);
gint64        rct_store_find_id            (RctStore           *self,
                                            RctKind             kind,
                                            const char         *key,
                                            GError            **error);
gint64        rct_store_find_officer       (RctStore           *self,
                                            const char         *unit,
                                            const char         *name,
                                            const char         *police_number);
gint64        rct_store_find_officer_by_key (RctStore          *self,
                                            const char         *key,
                                            GError            **error);
gint64        rct_store_find_enrolment     (RctStore           *self,
                                            const char         *course,
                                            gint64              officer_id);
GArray       *rct_store_list_ids           (RctStore           *self,
                                            RctKind             kind,
                                            const RctFilter    *filter,
                                            GError            **error);
gint64        rct_store_count              (RctStore           *self,
                                            RctKind             kind,
                                            const RctFilter    *filter,
                                            GError            **error);
char         *rct_store_dup_ids_sql        (RctStore           *self,
                                            RctKind             kind,
                                            const RctFilter    *filter);
GPtrArray    *rct_store_fetch              (RctStore           *self,
                                            RctKind             kind,
                                            const gint64       *ids,
                                            guint               n_ids,
                                            GError            **error);
GPtrArray    *rct_store_list               (RctStore           *self,
                                            RctKind             kind,
                                            const RctFilter    *filter,
                                            GError            **error);
GPtrArray    *rct_store_list_children      (RctStore           *self,
                                            RctKind             kind,
                                            gint64              parent_id,
                                            GError            **error);
GPtrArray    *rct_store_list_journal_by_uuid (RctStore         *self,
                                              RctKind           kind,
                                              const char       *uuid,
                                              GError          **error);
GPtrArray    *rct_store_list_journal       (RctStore           *self,
                                            RctKind             kind,
                                            gint64              id,
                                            GError            **error);
GPtrArray    *rct_store_list_record_history (RctStore         *self,
                                             RctKind           kind,
                                             gint64            id,
                                             GError          **error);
GPtrArray    *rct_store_list_problem_history (RctStore         *self,
                                              gint64            problem_id,
                                              GError          **error);
gboolean      rct_store_foreach            (RctStore           *self,
                                            RctKind             kind,
                                            const RctFilter    *filter,
                                            gboolean          (*func) (RctRecord *record,
                                                                       gpointer   user_data),
                                            gpointer            user_data,
                                            GError            **error);

/* The problem workflow (rct-workflow.h has the gates). */
gboolean      rct_store_problem_act        (RctStore               *self,
                                            gint64                  problem_id,
                                            RctProblemAction        action,
                                            const RctWorkflowInput *input,
                                            GError                **error);
gboolean      rct_store_problem_list_for_supervision (RctStore     *self,
                                                      gint64        problem_id,
                                                      const char   *level,
                                                      const char   *listed_by,
                                                      const char   *date,
                                                      GError      **error);
gboolean      rct_store_problem_lift_listing (RctStore          *self,
                                              gint64             problem_id,
                                              const char        *reason,
                                              GError           **error);
char         *rct_store_next_problem_number (RctStore          *self,
                                             const char        *year);
gboolean      rct_store_measure_done       (RctStore           *self,
                                            gint64              measure_id,
                                            const char         *done_date,
                                            GError            **error);
gboolean      rct_store_attach_evidence    (RctStore           *self,
                                            gint64              problem_id,
                                            const char         *filename,
                                            GBytes             *content,
                                            gint64             *out_id,
                                            GError            **error);
GBytes       *rct_store_load_evidence      (RctStore           *self,
                                            gint64              evidence_id,
                                            GError            **error);
char         *rct_store_write_evidence_copy (RctStore          *self,
                                             gint64             evidence_id,
                                             const char        *folder,
                                             GError           **error);

/* Tasks, supervisors and feedback. */
gboolean      rct_store_task_record_progress (RctStore         *self,
                                              gint64            task_id,
                                              const char       *date,
                                              const char       *note,
                                              gint64            count,
                                              GError          **error);
gboolean      rct_store_feedback_reply     (RctStore           *self,
                                            gint64              feedback_id,
                                            const char         *reply,
                                            const char         *reply_date,
                                            const char         *satisfaction,
                                            GError            **error);
gboolean      rct_store_feedback_to_problem (RctStore          *self,
                                             gint64             feedback_id,
                                             gint64            *out_problem_id,
                                             GError           **error);
gboolean      rct_store_feedback_link_problem (RctStore        *self,
                                               gint64           feedback_id,
                                               gint64           problem_id,
                                               GError         **error);
gboolean      rct_store_supervisor_retire  (RctStore           *self,
                                            gint64              supervisor_id,
                                            const char         *reason,
                                            GError            **error);

/* Merging records from a report, by uuid. @values holds every column of
 * the record as text, including uuid, created_at, updated_at and the
 * workflow columns (status, closed_date …); references are given by uuid
 * under the reference's name with the suffix _uuid: unit_uuid, group_uuid,
 * responsible_uuid, owner_uuid, lead_uuid, person_uuid (group members, as a
 * list joined by ','), supervisor_uuid, problem_uuid, task_uuid, feedback_uuid,
 * campaign_uuid, and for a journal entry record_uuid with record_table;
 * owner_org is the owner organisation's uuid and maker_org the report's
 * maker's (docs/EXCHANGE.md).
 * A new uuid is inserted; a known one is updated only when the incoming
 * updated_at is later, and the journal says the report won; otherwise nothing
 * changes. *out_result tells which. Call inside rct_store_begin/commit. */
typedef enum
{
  RCT_IMPORT_UNCHANGED,
  RCT_IMPORT_ADDED,
  RCT_IMPORT_UPDATED,
  RCT_IMPORT_PENDING,   /* kept until a record it refers to arrives */
} RctImportResult;

gboolean      rct_store_import_record      (RctStore           *self,
                                            RctKind             kind,
                                            GHashTable         *values,
                                            const char         *source_label,
                                            RctImportResult    *out_result,
                                            GError            **error);
gboolean      rct_store_import_check_gates (RctStore           *self,
                                            GError            **error);
/* What a report carries of each record: its columns, and its references
 * as "<name>_uuid" (unit_uuid …) standing for the id column. */
typedef struct
{
  const char *name;    /* "unit_uuid" */
  const char *column;  /* "unit_id" */
  RctKind     kind;
} RctExchangeRef;

/* Records another links in a table of its own (issue 18): an
 * accountability record's problems, a visit's units and the problems its
 * findings became. In a report, one empty child element per link,
 * <element attribute="uuid" [number="N"]/>. */
typedef struct
{
  const char *element;        /* "concerns" */
  const char *attribute;      /* "problem" */
  const char *number;         /* "finding", or NULL */
  RctKind     target;
  const char *table;          /* "accountability_problem" */
  const char *owner_column;   /* "accountability_id" */
  const char *target_column;  /* "problem_id" */
} RctExchangeLink;

const char * const   *rct_exchange_columns (RctKind  kind);
const RctExchangeRef *rct_exchange_refs    (RctKind  kind,
                                            guint   *n_refs);
const RctExchangeLink *rct_exchange_links  (RctKind  kind,
                                            guint   *n_links);
char        **rct_store_dup_link_uuids     (RctStore              *self,
                                            const RctExchangeLink *link,
                                            gint64                 id);
char        **rct_store_dup_member_uuids   (RctStore           *self,
                                            gint64              group_id);
char         *rct_store_dup_uuid           (RctStore           *self,
                                            RctKind             kind,
                                            gint64              id);
gint64        rct_store_find_by_uuid       (RctStore           *self,
                                            RctKind             kind,
                                            const char         *uuid);

/* The ledger's organisation and the ones it has heard of (docs/EXCHANGE.md). */
const char      *rct_store_get_organisation_uuid    (RctStore              *self);
RctOrganisation *rct_store_dup_organisation         (RctStore              *self,
                                                     GError               **error);
char            *rct_store_dup_unit_for             (RctStore              *self,
                                                     const char            *organisation,
                                                     GError               **error);
RctOrganisation *rct_store_dup_organisation_by_uuid (RctStore              *self,
                                                     const char            *uuid);
gboolean         rct_store_set_organisation         (RctStore              *self,
                                                     const RctOrganisation *org,
                                                     const RctOrganisation *office,
                                                     GError               **error);
gboolean         rct_store_remember_organisation    (RctStore              *self,
                                                     const RctOrganisation *org,
                                                     GError               **error);

/* Bulk work (demo, import): one transaction around many calls. */
gboolean      rct_store_begin              (RctStore           *self,
                                            GError            **error);
gboolean      rct_store_bulk_begin         (RctStore           *self,
                                            GError            **error);
gboolean      rct_store_commit             (RctStore           *self,
                                            GError            **error);
void          rct_store_rollback           (RctStore           *self);
/* Reads as of one moment: several queries, one snapshot. */
gboolean      rct_store_read_begin         (RctStore           *self,
                                            GError            **error);
void          rct_store_read_end           (RctStore           *self);

G_END_DECLS
