/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PostgreSQL backend's own parts: one connection (RctPgConn) shared by
 * the backend and its statements, and RctStmt over libpq. Private to
 * data/store/postgresql/ and its tests. */
#pragma once

#include <libpq-fe.h>

#include "rct-stmt.h"

G_BEGIN_DECLS

typedef struct _RctPgConn RctPgConn;

RctPgConn  *_rct_pg_conn_new        (PGconn        *conn);
RctPgConn  *_rct_pg_conn_ref        (RctPgConn     *self);
void        _rct_pg_conn_unref      (RctPgConn     *self);
void        _rct_pg_conn_close      (RctPgConn     *self);
PGconn     *_rct_pg_conn_get        (RctPgConn     *self);
gboolean    _rct_pg_conn_release    (RctPgConn     *self,
                                     GError       **error);
gboolean    _rct_pg_conn_exec       (RctPgConn     *self,
                                     const char    *sql,
                                     GError       **error);
gboolean    _rct_pg_conn_session    (RctPgConn     *self,
                                     const char    *sql,
                                     GError       **error);
gint64      _rct_pg_conn_changes    (RctPgConn     *self);
void        _rct_pg_conn_interrupt  (RctPgConn     *self);
typedef void (*RctPgNotifyFunc)     (const char    *channel,
                                     const char    *payload,
                                     int            sender_pid,
                                     gpointer       user_data);
gboolean    _rct_pg_conn_take_notifies (RctPgConn  *self,
                                     RctPgNotifyFunc func,
                                     gpointer       user_data);
void        _rct_pg_set_error       (PGconn        *conn,
                                     const PGresult *result,
                                     GError       **error);

char       *_rct_pg_rewrite_params  (const char    *sql,
                                     int           *out_n_params);
RctStmt    *_rct_pg_stmt_new        (RctPgConn     *conn,
                                     const char    *sql,
                                     GError       **error);

RctPgConn  *_rct_pg_connect         (const char    *location,
                                     GError       **error);
int         _rct_pg_schema_version  (RctPgConn     *conn,
                                     GError       **error);
gboolean    _rct_pg_check_schema    (RctPgConn     *conn,
                                     const char    *location,
                                     int           *out_version,
                                     GError       **error);
gboolean    _rct_pg_grant_roles     (RctPgConn     *conn,
                                     GError       **error);
gint64      _rct_pg_last_insert_id  (RctPgConn     *conn);
struct _RctStore;
gboolean    _rct_pg_sync_identities (struct _RctStore *self,
                                     GError       **error);
char       *_rct_pg_location_with_database (const char *location,
                                            const char *database);

/* A whole ledger written in by COPY (rct-copy-postgresql.c). */
typedef struct _RctPgCopy RctPgCopy;

RctPgCopy  *_rct_pg_copy_new        (RctPgConn     *conn,
                                     GError       **error);
void        _rct_pg_copy_free       (RctPgCopy     *self);
gboolean    _rct_pg_copy_rows_begin (RctPgCopy     *self,
                                     const char    *table,
                                     const char *const *columns,
                                     int            n_columns,
                                     GError       **error);
gboolean    _rct_pg_copy_row        (RctPgCopy     *self,
                                     RctStmt       *row,
                                     GError       **error);
gboolean    _rct_pg_copy_rows_end   (RctPgCopy     *self,
                                     gboolean       ok,
                                     GError       **error);
gboolean    _rct_pg_copy_finish     (RctPgCopy     *self,
                                     GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctPgConn, _rct_pg_conn_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctPgCopy, _rct_pg_copy_free)

G_END_DECLS
