/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What holds a ledger: a SQLite file (store/sqlite/, the default, needs
 * nothing installed) or the office's PostgreSQL server (store/postgresql/,
 * through libpq). RctStore keeps one backend and one connection of it;
 * everything above the store (records, workflow, figures, report, exchange,
 * backups, the window, the command line) is written once against
 * RctStore, RctStmt (rct-stmt.h) and the shared SQL.
 *
 * SQL that differs between the two is not written in shared code: the
 * shared code asks the backend for it by name (RctDialect), and each
 * backend's table of dialect texts says it in its own SQL.
 *
 * Private to data/. */
#pragma once

#include "rct-stmt.h"
#include "rct-store.h"

G_BEGIN_DECLS


typedef struct _RctStoreBackend RctStoreBackend;

struct _RctStoreBackend
{
  const char *name;   /* "sqlite" or "postgresql" */

  /* Connects @self to @location; sets self->backend_data. The error is one
   * sentence a clerk can act on (RCT_STORE_ERROR_*). */
  gboolean    (*connect)        (RctStore          *self,
                                 const char        *location,
                                 RctStoreOpenFlags  flags,
                                 GError           **error);
  void        (*disconnect)     (RctStore          *self);

  /* One statement, not cached (the store caches by SQL text). */
  RctStmt    *(*prepare)        (RctStore          *self,
                                 const char        *sql,
                                 GError           **error);
  /* One or more statements without results ("BEGIN", DDL, …). */
  gboolean    (*exec)           (RctStore          *self,
                                 const char        *sql,
                                 GError           **error);
  gint64      (*last_insert_id) (RctStore          *self);
  gint64      (*changes)        (RctStore          *self);
  /* From any thread: the statement running now stops with an error. */
  void        (*interrupt)      (RctStore          *self);

  /* The schema: its version, created at the current version, or migrated
   * from an older one. */
  int         (*schema_version) (RctStore          *self,
                                 GError           **error);
  gboolean    (*create_schema)  (RctStore          *self,
                                 GError           **error);
  gboolean    (*migrate)        (RctStore          *self,
                                 int                from_version,
                                 GError           **error);

  /* The backend's text of a statement that differs (rct-dialect.h). */
  const char *(*dialect)        (int                which);

  /* May be NULL. Around many records written in one transaction (an
   * import, rct_store_bulk_begin()): what the backend defers to the end
   * (SQLite: the FTS5 index, written once). bulk_end() writes it when @ok,
   * just before the commit, and undoes bulk_begin()'s settings either way. */
  gboolean    (*bulk_begin)     (RctStore          *self,
                                 GError           **error);
  gboolean    (*bulk_end)       (RctStore          *self,
                                 gboolean           ok,
                                 GError           **error);
  /* May be NULL. In a bulk, before @n_rows records of @kind arrive
   * (_rct_store_bulk_expect()); bulk_end() makes again what it set aside. */
  gboolean    (*bulk_expect)    (RctStore          *self,
                                 RctKind            kind,
                                 gint64             n_rows,
                                 GError           **error);

  /* Changes by other programs (rct_store_watch_source_new()). watch()
   * starts to look for them and returns a socket that becomes readable
   * when one is told (the server's notices), or -1 when they are found by
   * asking each second. take_changes() never blocks: the kinds others
   * changed since it was last asked, as bits 1 << RctKind, 0 for none. */
  int         (*watch)          (RctStore          *self);
  guint       (*take_changes)   (RctStore          *self);

  /* May be NULL: the login may do everything the open allows. Otherwise
   * what the server says this login may do, and its name. */
  RctStoreCapabilities (*capabilities) (RctStore   *self,
                                        char      **out_login);
  /* May be NULL (then one INSERT a row). A whole ledger copied into this
   * empty one, in the copy's transaction (rct_store_copy()):
   * copy_begin() once, then for each table copy_rows_begin() with its
   * columns, copy_row() for each row (the values of @row's current row,
   * in the columns' order), copy_rows_end(); copy_finish() after the last
   * table, before the copy is verified: what copy_begin() deferred (the
   * server: the running totals, counted once) and the next ids. After a
   * failure the caller rolls the transaction back; copy_rows_end() with
   * !@ok abandons the rows on the way. All five or none. */
  gboolean    (*copy_begin)      (RctStore          *self,
                                  GError           **error);
  gboolean    (*copy_rows_begin) (RctStore          *self,
                                  const char        *table,
                                  const char *const *columns,
                                  int                n_columns,
                                  GError           **error);
  gboolean    (*copy_row)        (RctStore          *self,
                                  RctStmt           *row,
                                  GError           **error);
  gboolean    (*copy_rows_end)   (RctStore          *self,
                                  gboolean           ok,
                                  GError           **error);
  gboolean    (*copy_finish)     (RctStore          *self,
                                  GError           **error);
};

extern const RctStoreBackend rct_store_backend_sqlite;
extern const RctStoreBackend rct_store_backend_postgresql; /* built when libpq is found */

/* The backend of a server's ledger, or NULL when this program has none
 * (rct-store-server.c; rct-store-no-server.c in librectify-core). */
const RctStoreBackend *_rct_store_server_backend (void);

G_END_DECLS
