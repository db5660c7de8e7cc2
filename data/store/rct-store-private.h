/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-schema.h"
#include "rct-stmt.h"
#include "rct-store.h"

G_BEGIN_DECLS

struct _RctStore
{
  GObject     parent_instance;

  const struct _RctStoreBackend *backend; /* rct-store-backend.h */
  gpointer    backend_data; /* the backend's connection; NULL when closed */
  char       *path;        /* the location: a file, or the server's conninfo */
  char       *operator_name;
  gboolean    operator_is_login; /* the server's login: rct_store_set_operator() leaves it */
  char       *migration_backup;
  char       *identity;    /* the ledger's uuid (table ledger), NULL before version 5 */
  char       *organisation_uuid; /* the ledger's organisation (version 6), read once */
  char       *host;
  gint64      pid;
  int         schema_version;
  guint       read_only : 1;
  guint       tx_depth;
  guint       tx_failed : 1;
  guint       read_tx : 1;  /* the outermost rct_store_read_begin() began a transaction */
  guint       read_depth;   /* rct_store_read_begin() calls not yet ended */
  RctStoreBusyFunc busy_func;  /* NULL: wait up to RCT_STORE_BUSY_DEFAULT_MS */
  gpointer    busy_data;
  GDestroyNotify busy_destroy;
  gboolean    in_busy_wait; /* the busy function runs: the connection takes no other statement */
  GHashTable *statements;  /* SQL text -> RctStmt, prepared once */
  GCancellable *interrupt_cancellable; /* _rct_store_interrupt_on() */
  gulong      interrupt_handler;
  /* Set by _rct_store_interrupt_on() (rct-store-interrupt.c), so the
   * store's own code calls no GIO: `rectify-cli stats` links none. */
  gboolean  (*interrupt_stopped) (RctStore *self, GError **error);
  void      (*interrupt_off)     (RctStore *self);
  GHashTable *import_aliases; /* report uuid -> local id, matched by name during an import */
  GHashTable *import_gates;   /* problem ids whose status a report set: checked before its commit */
  /* In a bulk, per kind: uuid -> id of the records it found or added,
   * which stay until its transaction ends (a bulk rolls back whole). */
  GHashTable *import_ids[RCT_N_KINDS];
  /* Kinds of which the ledger held no record as the bulk began: a uuid
   * the bulk has not added is not there (_rct_store_import_find()). */
  guint       bulk_empty_kinds;
  gboolean    bulk_nothing_pending; /* and merge_pending held nothing, nor has since */
  guint       changed_kinds;
  RctStoreCapabilities capabilities; /* read at the open (rct_store_get_capabilities()) */
  char       *login;       /* the server's login, NULL for a file */
  gboolean    bulk;        /* in rct_store_bulk_begin() */
  gint64      bulk_min_rows; /* the fewest problems a bulk rebuilds indexes for (_rct_store_bulk_expect()) */
  gpointer    merge_plan;  /* RctMergePlan being filled by a merge, or NULL */
  GPtrArray  *trace;       /* the statements run, for a benchmark (_rct_store_trace_begin()) */
  RctStmt    *trace_last;
  gboolean    trace_last_ended;
};

gboolean      _rct_store_bulk_expect    (RctStore      *self,
                                         RctKind        kind,
                                         gint64         n_rows,
                                         GError       **error);
/* A report bringing this many problems or more, and more than the ledger
 * holds, is written with the problem table's lookup indexes and running
 * totals set aside and made again at its end (_rct_store_bulk_expect()). */
#define RCT_STORE_BULK_MIN_ROWS 1000
/* For tests: called as a bulk has set its indexes aside ("set-aside") and
 * as it ends, before making them again ("end"). */
extern void (*_rct_store_bulk_hook) (RctStore *self, const char *step);

RctStmt      *_rct_store_prepare        (RctStore      *self,
                                         const char    *sql,
                                         GError       **error);
RctStmt      *_rct_store_prepare_uncached (RctStore    *self,
                                         const char    *sql,
                                         GError       **error);
gboolean      _rct_store_exec           (RctStore      *self,
                                         const char    *sql,
                                         GError       **error);
int           _rct_store_step           (RctStore      *self,
                                         RctStmt       *stmt,
                                         GError       **error);
gboolean      _rct_store_step_done      (RctStore      *self,
                                         RctStmt       *stmt,
                                         GError       **error);
void          _rct_store_trace_begin    (RctStore      *self);
GPtrArray    *_rct_store_trace_end      (RctStore      *self);
gint64        _rct_store_last_insert_id (RctStore      *self);
gint64        _rct_store_changes        (RctStore      *self);
void          _rct_store_interrupt_on   (RctStore      *self,
                                         GCancellable  *cancellable);
void          _rct_store_set_no_row_error (RctStore    *self,
                                         GError       **error);
gboolean      _rct_store_error_if_cancelled (GCancellable *cancellable,
                                         GError       **error);
gboolean      _rct_store_query_int      (RctStore      *self,
                                         const char    *sql,
                                         int           *out_value,
                                         GError       **error);
char         *_rct_store_query_identity (RctStore      *self);
gboolean      _rct_store_write_begin    (RctStore      *self,
                                         GError       **error);
gboolean      _rct_store_write_end      (RctStore      *self,
                                         gboolean       ok,
                                         GError       **error);
gboolean      _rct_store_journal        (RctStore      *self,
                                         RctKind        kind,
                                         const char    *record_uuid,
                                         const char    *record_label,
                                         const char    *field,
                                         const char    *old_value,
                                         const char    *new_value,
                                         const char    *reason,
                                         GError       **error);
void          _rct_store_mark_changed   (RctStore      *self,
                                         RctKind        kind);
RctProblem   *_rct_store_lock_problem   (RctStore      *self,
                                         gint64         problem_id,
                                         GError       **error);
gboolean      _rct_store_problem_set_state (RctStore   *self,
                                         gint64         problem_id,
                                         const char    *status,
                                         const char    *verification,
                                         const char    *verified_by,
                                         const char    *closed_date,
                                         const char    *reason,
                                         GError       **error);
gboolean      _rct_store_file_is_open   (const char    *path);
gboolean      _rct_store_backup         (RctStore      *self,
                                         const char    *dest_path,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* Asked now and then by a long step: %TRUE stops it. The store's own code
 * takes this rather than a GCancellable, so that opening a ledger and
 * reading its figures link no GIO (`rectify-cli stats`); the GCancellable
 * versions are in rct-backups.c. */
typedef gboolean (*RctStoreStopFunc) (gpointer data);
gboolean      _rct_store_backup_until   (RctStore         *self,
                                         const char       *dest_path,
                                         RctStoreStopFunc  stop,
                                         gpointer          stop_data,
                                         GError          **error);
gboolean      _rct_store_quick_check_until (const char    *path,
                                         RctStoreStopFunc  stop,
                                         gpointer          stop_data,
                                         GError          **error);
gboolean      _rct_store_write_organisation (RctStore *self,
                                         GError       **error);
gint64        _rct_store_import_find    (RctStore      *self,
                                         RctKind        kind,
                                         const char    *uuid);
gboolean      _rct_store_merge_record   (RctStore      *self,
                                         RctKind        kind,
                                         GHashTable    *values,
                                         GPtrArray     *events,
                                         const char    *source_label,
                                         RctImportResult *out_result,
                                         GError       **error);
void          _rct_store_emit_changed_all (RctStore    *self);
gboolean      _rct_store_kind_has_revision (RctKind      kind);
const char   *_rct_store_bump_sql       (RctKind       kind);
gboolean      _rct_store_claim          (RctStore      *self,
                                         RctKind        kind,
                                         gint64         id,
                                         gint64         seen_revision,
                                         gboolean      *out_moved,
                                         GError       **error);
void          _rct_store_set_conflict   (RctStore      *self,
                                         RctKind        kind,
                                         gint64         id,
                                         const char    *uuid,
                                         const char    *label,
                                         RctRecord    **out_current,
                                         GError       **error);

G_END_DECLS
