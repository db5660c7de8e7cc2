/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-postgresql"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-dialect.h"
#include "rct-postgresql-private.h"
#include "rct-postgresql-resources.h"
#include "rct-server.h"
#include "rct-store-backend.h"
#include "rct-store-private.h"

/* The office's server as a ledger: connecting (a libpq URI or service=NAME,
 * passwords only from libpq's own files), one sentence for each way that
 * fails, the schema (schema.sql, a resource) and its version, and the
 * roles of `rectify-cli server init` (roles.sql). */

#define RESOURCE_PREFIX "/io/github/rectify/Rectify/postgresql/"
/* Waiting for a server that does not answer. */
#define CONNECT_TIMEOUT_S 15

/* The store's backend_data. */
typedef struct
{
  RctPgConn *conn;
  gboolean   create;  /* opened to create the ledger: a database without one gets it */
  gboolean   listening; /* LISTEN rectify_changed was sent */
  gboolean   deferred;  /* the socket could not be read at the last look: not watched till the next tick */
  RctPgCopy *copy;    /* a ledger being copied in (copy_begin) */
} RctPgStore;

/* The channel of schema.sql's rct_notify_changed (): "TABLE PID". */
#define CHANGED_CHANNEL "rectify_changed"

#define PG(store) ((RctPgStore *) (store)->backend_data)

/* Why a location is refused before anything is sent: a password in it
 * would end up in settings, the shell's history or the process list. */
static gboolean
check_location (const char  *location,
                GError     **error)
{
  g_autofree char *message = NULL;
  char *errmsg = NULL;
  PQconninfoOption *options = PQconninfoParse (location, &errmsg);

  if (options == NULL)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("The server's address could not be read (%s); write it as postgresql://HOST/DATABASE "
                     "or service=NAME."),
                   errmsg != NULL ? g_strstrip (errmsg) : "");
      PQfreemem (errmsg);
      return FALSE;
    }

  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (g_str_equal (option->keyword, "password") && option->val != NULL && option->val[0] != '\0')
      {
        PQconninfoFree (options);
        g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                             _("The server's address carries a password: Rectify takes passwords only from "
                               "~/.pgpass or the service file, never from an address. Remove it and try again."));
        return FALSE;
      }
  PQconninfoFree (options);
  return TRUE;
}

/* The SQLSTATE of a failed connection, from its verbose message
 * ("FATAL:  3D000: database … does not exist"). */
static char *
connect_error_state (const char *message)
{
  g_autoptr(GRegex) regex = g_regex_new (":  ([0-9A-Z]{5}): ", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (message != NULL && g_regex_match (regex, message, 0, &match))
    return g_match_info_fetch (match, 1);
  return NULL;
}

static char *
first_line (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");
  char *newline = strchr (copy, '\n');

  if (newline != NULL)
    *newline = '\0';
  return g_strdup (g_strstrip (copy));
}

static void
set_connect_error (PGconn  *conn,
                   GError **error)
{
  const char *message = PQerrorMessage (conn);
  g_autofree char *state = connect_error_state (message);

  if (state != NULL && (g_str_equal (state, "28P01") || g_str_equal (state, "28000")))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                         _("The server refused the login: check the user name, and the password in ~/.pgpass "
                           "or the service file."));
  else if (state != NULL && g_str_equal (state, "3D000"))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                         _("The database named in the server's address does not exist on that server."));
  else if (PQconnectionNeedsPassword (conn))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                         _("The server asks for a password and none was found: put it in ~/.pgpass or the "
                           "service file."));
  else
    {
      g_autofree char *line = first_line (message);
      g_autofree char *strip = NULL;

      /* libpq's own lines start with the severity of the server's: keep
       * the reason only. */
      if (g_str_has_prefix (line, "connection to server"))
        {
          const char *reason = strstr (line, "failed: ");

          strip = g_strdup (reason != NULL ? reason + strlen ("failed: ") : line);
        }
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                   _("The ledger's server cannot be reached (%s): check its address and that it is running."),
                   strip != NULL ? strip : line);
    }
}

/* Connects without blocking on a server that never answers: libpq's
 * polling, with a deadline, and verbose errors so the reason is known by
 * its SQLSTATE whatever the server's language. */
static PGconn *
connect_polling (const char  *location,
                 GError     **error)
{
  const char *keywords[] = { "dbname", "client_encoding", "application_name", "connect_timeout", NULL };
  const char *values[] = { location, "UTF8", "rectify", G_STRINGIFY (CONNECT_TIMEOUT_S), NULL };
  gint64 deadline = g_get_monotonic_time () + CONNECT_TIMEOUT_S * G_USEC_PER_SEC;
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  PGconn *conn = PQconnectStartParams (keywords, values, TRUE);

  if (conn == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                           _("There is not enough memory to connect to the ledger's server."));
      return NULL;
    }
  PQsetErrorVerbosity (conn, PQERRORS_VERBOSE);

  while (PQstatus (conn) != CONNECTION_BAD && status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
    {
      GPollFD fd = { PQsocket (conn), status == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT, 0 };
      int left = (int) ((deadline - g_get_monotonic_time ()) / 1000);

      if (left <= 0 || fd.fd < 0)
        break;
      if (g_poll (&fd, 1, left) == 0)
        continue;
      status = PQconnectPoll (conn);
    }

  if (PQstatus (conn) != CONNECTION_OK)
    {
      if (PQstatus (conn) != CONNECTION_BAD)
        g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                     _("The ledger's server cannot be reached (%s): check its address and that it is running."),
                     _("no answer"));
      else
        set_connect_error (conn, error);
      PQfinish (conn);
      return NULL;
    }
  PQsetErrorVerbosity (conn, PQERRORS_DEFAULT);
  return conn;
}

/**
 * _rct_pg_connect:
 *
 * Returns: (transfer full) (nullable): a connection to @location, or
 *   %NULL with one sentence saying why not
 */
RctPgConn *
_rct_pg_connect (const char  *location,
                 GError     **error)
{
  PGconn *conn;
  RctPgConn *self;

  if (!check_location (location, error))
    return NULL;
  conn = connect_polling (location, error);
  if (conn == NULL)
    return NULL;
  self = _rct_pg_conn_new (conn);
  /* The ledger's tables, whatever the role's own path; a statement that
   * waits on a lock held by a client gone astray gives up; and lastval()
   * is defined from the start, 0 until the first insert, as SQLite's
   * last rowid (a temporary sequence: a viewer may make one). */
  if (!_rct_pg_conn_session (self, "SET search_path = public; SET lock_timeout = '30s';"
                                " CREATE TEMP SEQUENCE IF NOT EXISTS rct_lastval MINVALUE 0 START 0;"
                                " SELECT nextval ('rct_lastval');", error))
    {
      _rct_pg_conn_unref (self);
      return NULL;
    }
  return self;
}

/* The schema's version: 0 when the database has no Rectify schema. */
int
_rct_pg_schema_version (RctPgConn  *conn,
                        GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(RctStmt) stmt = NULL;
  int version = 0;

  const char *queries[] = { "SELECT to_regclass ('rectify_schema') IS NOT NULL",
                            "SELECT max (version) FROM rectify_schema" };

  /* The second is not even parsed where the table is missing. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_clear_pointer (&stmt, rct_stmt_finalize);
      stmt = _rct_pg_stmt_new (conn, queries[i], error);
      if (stmt == NULL)
        return -1;
      if (stmt->klass->step (stmt, &local) != RCT_ROW)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return -1;
        }
      version = rct_stmt_column_int (stmt, 0);
      if (version == 0)
        break;
    }
  return version;
}

/* Refuses a database without our schema or with a newer one, as a file
 * would be refused. */
gboolean
_rct_pg_check_schema (RctPgConn   *conn,
                      const char  *location,
                      int         *out_version,
                      GError     **error)
{
  int version = _rct_pg_schema_version (conn, error);

  if (out_version != NULL)
    *out_version = version;
  if (version < 0)
    return FALSE;
  if (version == 0)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER,
                           _("The database on the server holds no Rectify ledger yet: run "
                             "“rectify-cli --db ADDRESS server init” once to create it."));
      return FALSE;
    }
  if (version > RCT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEWER_VERSION,
                   _("The ledger on the server was made by a newer version of Rectify (ledger version %d, "
                     "this program knows %d); update Rectify to open it. Nothing on the server was changed."),
                   version, RCT_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static char *
load_sql (const char  *name,
          GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);
  /* From the resource itself: in a static library, its constructor's
   * object may not be linked. */
  g_autoptr(GBytes) bytes = g_resource_lookup_data (rct_postgresql_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Runs @names' SQL in one transaction: all of it or none. */
static gboolean
run_scripts (RctPgConn          *conn,
             const char * const *names,
             GError            **error)
{
  if (!_rct_pg_conn_exec (conn, "BEGIN", error))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *sql = load_sql (names[i], error);

      if (sql == NULL || !_rct_pg_conn_exec (conn, sql, error))
        {
          _rct_pg_conn_exec (conn, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return _rct_pg_conn_exec (conn, "COMMIT", error);
}

gboolean
_rct_pg_grant_roles (RctPgConn  *conn,
                     GError    **error)
{
  const char *names[] = { "roles.sql", NULL };

  return run_scripts (conn, names, error);
}

gint64
_rct_pg_last_insert_id (RctPgConn *conn)
{
  g_autoptr(RctStmt) stmt = NULL;
  gint64 id = 0;

  stmt = _rct_pg_stmt_new (conn, "SELECT lastval ()", NULL);
  if (stmt != NULL && stmt->klass->step (stmt, NULL) == RCT_ROW)
    id = rct_stmt_column_int64 (stmt, 0);
  return id;
}

/**
 * rct_server_init:
 * @location: a libpq URI or service=NAME
 *
 * Creates the ledger's schema on the server (when the database has none)
 * and the roles rectify_clerk, rectify_verifier and rectify_viewer with
 * their rights (again when they exist: their grants are brought up to
 * date).
 */
gboolean
rct_server_init (const char          *location,
                 RctServerInitResult *out_result,
                 GError             **error)
{
  g_autoptr(RctStore) store = NULL;
  int version;

  if (out_result != NULL)
    memset (out_result, 0, sizeof *out_result);
  {
    g_autoptr(RctPgConn) conn = _rct_pg_connect (location, error);

    if (conn == NULL)
      return FALSE;
    version = _rct_pg_schema_version (conn, error);
    if (version < 0 || (version > 0 && !_rct_pg_check_schema (conn, location, NULL, error)))
      return FALSE;
  }
  /* Made as a new file is: the schema, the identity, the organisation. */
  store = rct_store_open (location, RCT_STORE_OPEN_CREATE, error);
  if (store == NULL || !_rct_pg_grant_roles (PG (store)->conn, error))
    return FALSE;
  if (out_result != NULL)
    {
      out_result->created = version == 0;
      out_result->version = rct_store_get_schema_version (store);
    }
  return TRUE;
}

/**
 * _rct_pg_location_with_database:
 *
 * Returns: (transfer full) (nullable): @location naming @database instead
 *   of its own, as key='value' pairs
 */
char *
_rct_pg_location_with_database (const char *location,
                                const char *database)
{
  PQconninfoOption *options = PQconninfoParse (location, NULL);
  GString *out;

  if (options == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      const char *value = g_str_equal (option->keyword, "dbname") ? database : option->val;
      g_auto(GStrv) parts = NULL;
      g_auto(GStrv) quotes = NULL;
      g_autofree char *slashed = NULL;
      g_autofree char *quoted = NULL;

      if (value == NULL || value[0] == '\0')
        continue;
      /* Inside '…' a backslash and a quote are written with a backslash. */
      parts = g_strsplit (value, "\\", -1);
      slashed = g_strjoinv ("\\\\", parts);
      quotes = g_strsplit (slashed, "'", -1);
      quoted = g_strjoinv ("\\'", quotes);
      g_string_append_printf (out, "%s%s='%s'", out->len > 0 ? " " : "", option->keyword, quoted);
    }
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

/* The backend (rct-store-backend.h) ----------------------------------------- */

static void pg_disconnect (RctStore *self);

static gboolean
pg_connect (RctStore           *self,
            const char         *location,
            RctStoreOpenFlags   flags,
            GError            **error)
{
  RctPgConn *conn = _rct_pg_connect (location, error);

  if (conn == NULL)
    return FALSE;
  /* Read-only: the server itself refuses every write of this session. */
  if ((flags & RCT_STORE_OPEN_READ_ONLY) &&
      !_rct_pg_conn_session (conn, "SET default_transaction_read_only = on", error))
    {
      _rct_pg_conn_unref (conn);
      return FALSE;
    }
  self->backend_data = g_new0 (RctPgStore, 1);
  PG (self)->conn = conn;
  /* The journal names the clerk by the login the server knows. */
  {
    g_autoptr(RctStmt) stmt = _rct_pg_stmt_new (conn, "SELECT session_user", error);

    if (stmt == NULL || stmt->klass->step (stmt, error) != RCT_ROW)
      {
        pg_disconnect (self);
        return FALSE;
      }
    g_free (self->operator_name);
    self->operator_name = g_strdup (rct_stmt_column_text (stmt, 0));
    self->operator_is_login = TRUE;
  }
  PG (self)->create = (flags & RCT_STORE_OPEN_CREATE) && !(flags & RCT_STORE_OPEN_READ_ONLY);
  return TRUE;
}

static void
pg_disconnect (RctStore *self)
{
  g_clear_pointer (&PG (self)->copy, _rct_pg_copy_free);
  _rct_pg_conn_close (PG (self)->conn);
  _rct_pg_conn_unref (PG (self)->conn);
  g_clear_pointer (&self->backend_data, g_free);
}

static RctStmt *
pg_prepare (RctStore    *self,
            const char  *sql,
            GError     **error)
{
  return _rct_pg_stmt_new (PG (self)->conn, sql, error);
}

/* SQLite's BEGIN IMMEDIATE takes the write lock at once; the server locks
 * rows as they are written, so a plain BEGIN is its equivalent. */
static gboolean
pg_exec (RctStore    *self,
         const char  *sql,
         GError     **error)
{
  if (g_str_equal (sql, "BEGIN IMMEDIATE") || g_str_equal (sql, "BEGIN DEFERRED") ||
      g_str_equal (sql, "BEGIN EXCLUSIVE"))
    sql = "BEGIN";
  return _rct_pg_conn_exec (PG (self)->conn, sql, error);
}

static gint64
pg_last_insert_id (RctStore *self)
{
  return _rct_pg_last_insert_id (PG (self)->conn);
}

static gint64
pg_changes (RctStore *self)
{
  return _rct_pg_conn_changes (PG (self)->conn);
}

static void
pg_interrupt (RctStore *self)
{
  _rct_pg_conn_interrupt (PG (self)->conn);
}

/* A database without our schema is a ledger only when the clerk asked to
 * create one (rectify-cli init, server init); a newer one is refused here,
 * in the server's words. */
static int
pg_schema_version (RctStore  *self,
                   GError   **error)
{
  int version = 0;

  if (PG (self)->create)
    return _rct_pg_schema_version (PG (self)->conn, error);
  if (!_rct_pg_check_schema (PG (self)->conn, self->path, &version, error))
    return -1;
  return version;
}

static gboolean
pg_write_identity (RctStore  *self,
                   GError   **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = rct_clock_now ();
  RctStmt *stmt = _rct_store_prepare (self, "INSERT INTO ledger (id, uuid, created_at)"
                                            " SELECT 1, ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM ledger)", error);

  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, uuid);
  rct_stmt_bind_text (stmt, 2, now);
  return _rct_store_step_done (self, stmt, error);
}

/* The steps after version 16, where the server's schema began: each
 * migrate-N.sql takes a ledger from N-1 to N, as the file's steps do. */
#define PG_FIRST_VERSION 16

static gboolean
run_steps_after (RctStore  *self,
                 int        from_version,
                 GError   **error)
{
  for (int v = MAX (from_version, PG_FIRST_VERSION) + 1; v <= RCT_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("migrate-%d.sql", v);
      g_autofree char *sql = load_sql (name, error);

      if (sql == NULL || !_rct_store_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* The schema, the ledger's identity and its organisation, in one
 * transaction, as a new file gets them. */
static gboolean
pg_create_schema (RctStore  *self,
                  GError   **error)
{
  g_autofree char *sql = load_sql ("schema.sql", error);

  if (sql == NULL || !_rct_store_exec (self, "BEGIN", error))
    return FALSE;
  if (!_rct_store_exec (self, sql, error) || !run_steps_after (self, PG_FIRST_VERSION, error) ||
      !pg_write_identity (self, error) ||
      !_rct_store_write_organisation (self, error) || !_rct_store_exec (self, "COMMIT", error))
    {
      _rct_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->schema_version = RCT_STORE_SCHEMA_VERSION;
  return TRUE;
}

/* No server ledger is older than version 16: its schema began there. The
 * later steps run in one transaction; a role that may not alter the tables
 * (a clerk) is refused by the server and nothing changes. */
static gboolean
pg_migrate (RctStore  *self,
            int        from_version,
            GError   **error)
{
  if (from_version < PG_FIRST_VERSION)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_A_LEDGER,
                   _("The ledger on the server has a schema version (%d) no Rectify has made; "
                     "ask its administrator to restore it."), from_version);
      return FALSE;
    }
  if (!_rct_store_exec (self, "BEGIN", error))
    return FALSE;
  if (!run_steps_after (self, from_version, error) || !_rct_store_exec (self, "COMMIT", error))
    {
      _rct_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->schema_version = RCT_STORE_SCHEMA_VERSION;
  return TRUE;
}

/* After rows were written with their ids (a copied ledger), each identity
 * column's next value follows the highest id there. */
gboolean
_rct_pg_sync_identities (RctStore  *self,
                         GError   **error)
{
  return _rct_store_exec (self,
                          "DO $$ DECLARE r record; BEGIN"
                          " FOR r IN SELECT table_name, column_name FROM information_schema.columns"
                          "   WHERE table_schema = 'public' AND is_identity = 'YES' LOOP"
                          "   EXECUTE format ('SELECT setval (pg_get_serial_sequence (%L, %L),"
                          "     coalesce ((SELECT max (%I) FROM %I), 0) + 1, false)',"
                          "     r.table_name, r.column_name, r.column_name, r.table_name);"
                          " END LOOP; END $$", error);
}

/* Listens for the notices of schema.sql's triggers; each comes with the
 * statement's commit. */
static int
pg_watch (RctStore *self)
{
  PGconn *conn = _rct_pg_conn_get (PG (self)->conn);
  g_autoptr(GError) error = NULL;

  /* A connection lost is not watched, nor one whose socket could not be
   * read (a statement's rows arriving): it would read as ready for ever. */
  if (conn == NULL || PQstatus (conn) == CONNECTION_BAD)
    {
      PG (self)->listening = FALSE;
      return -1;
    }
  if (PG (self)->deferred)
    return -1;
  if (!PG (self)->listening)
    {
      if (!_rct_pg_conn_exec (PG (self)->conn, "LISTEN " CHANGED_CHANNEL, &error))
        {
          g_debug ("listen: %s", error->message);
          return -1;
        }
      PG (self)->listening = TRUE;
    }
  return PQsocket (conn);
}

typedef struct
{
  int   own_pid;
  guint kinds;
} TakeChanges;

static void
take_notify_cb (const char *channel,
                const char *payload,
                int         sender_pid,
                gpointer    user_data)
{
  TakeChanges *take = user_data;
  g_autofree char *table = NULL;
  const char *space;
  RctKind kind;

  /* Our own writes have told the pages already. */
  if (!g_str_equal (channel, CHANGED_CHANNEL) || sender_pid == take->own_pid)
    return;
  space = strchr (payload, ' ');
  table = g_strndup (payload, space != NULL ? (gsize) (space - payload) : strlen (payload));
  if (rct_kind_from_table (table, &kind))
    take->kinds |= 1u << kind;
  else
    /* A table of links or of the exchange: any list may show it. */
    take->kinds |= (1u << RCT_N_KINDS) - 1;
}

static guint
pg_take_changes (RctStore *self)
{
  TakeChanges take = { 0 };
  PGconn *conn = _rct_pg_conn_get (PG (self)->conn);

  if (conn == NULL || !PG (self)->listening)
    return 0;
  take.own_pid = PQbackendPID (conn);
  PG (self)->deferred = !_rct_pg_conn_take_notifies (PG (self)->conn, take_notify_cb, &take);
  return take.kinds;
}

/* What the login may do, as the server decides it: the tables' rights
 * of its roles (roles.sql), and closing only where problem's row-level
 * rule lets it (a member of rectify_verifier, or a login the rule does
 * not bind: the ledger's owner). */
static RctStoreCapabilities
pg_capabilities (RctStore  *self,
                 char     **out_login)
{
  g_autoptr(GError) error = NULL;
  RctStoreCapabilities can = 0;
  RctStmt *stmt = _rct_store_prepare (self,
    "SELECT session_user::text, has_table_privilege ('problem', 'SELECT'),"
    " has_table_privilege ('problem', 'INSERT'), has_table_privilege ('problem', 'UPDATE'),"
    " has_table_privilege ('problem', 'UPDATE') AND CASE"
    "   WHEN NOT row_security_active ('problem') THEN true"
    "   WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rectify_verifier')"
    "     THEN pg_has_role ('rectify_verifier', 'MEMBER')"
    "   ELSE false END,"
    " has_table_privilege ('unit', 'INSERT') AND has_table_privilege ('organisation', 'UPDATE')", &error);

  if (stmt == NULL || _rct_store_step (self, stmt, &error) != RCT_ROW)
    {
      /* The server still refuses what the login may not do. */
      g_debug ("capabilities: %s", error != NULL ? error->message : "no row");
      if (stmt != NULL)
        rct_stmt_reset (stmt);
      return RCT_STORE_CAN_EVERYTHING;
    }
  *out_login = g_strdup (rct_stmt_column_text (stmt, 0));
  if (rct_stmt_column_int (stmt, 1))
    can |= RCT_STORE_CAN_READ;
  if (rct_stmt_column_int (stmt, 2))
    can |= RCT_STORE_CAN_REGISTER;
  if (rct_stmt_column_int (stmt, 3))
    can |= RCT_STORE_CAN_EDIT;
  if (rct_stmt_column_int (stmt, 4))
    can |= RCT_STORE_CAN_CLOSE;
  if (rct_stmt_column_int (stmt, 5))
    can |= RCT_STORE_CAN_SET_UP;
  rct_stmt_reset (stmt);
  return can;
}

static gboolean
pg_copy_begin (RctStore  *self,
               GError   **error)
{
  g_clear_pointer (&PG (self)->copy, _rct_pg_copy_free);
  PG (self)->copy = _rct_pg_copy_new (PG (self)->conn, error);
  return PG (self)->copy != NULL;
}

static gboolean
pg_copy_rows_begin (RctStore          *self,
                    const char        *table,
                    const char *const *columns,
                    int                n_columns,
                    GError           **error)
{
  g_return_val_if_fail (PG (self)->copy != NULL, FALSE);
  return _rct_pg_copy_rows_begin (PG (self)->copy, table, columns, n_columns, error);
}

static gboolean
pg_copy_row (RctStore  *self,
             RctStmt   *row,
             GError   **error)
{
  return _rct_pg_copy_row (PG (self)->copy, row, error);
}

static gboolean
pg_copy_rows_end (RctStore  *self,
                  gboolean   ok,
                  GError   **error)
{
  g_return_val_if_fail (PG (self)->copy != NULL, FALSE);
  return _rct_pg_copy_rows_end (PG (self)->copy, ok, error);
}

/* The running totals, and the next ids after the copied ones. */
static gboolean
pg_copy_finish (RctStore  *self,
                GError   **error)
{
  g_autoptr(RctPgCopy) copy = g_steal_pointer (&PG (self)->copy);

  g_return_val_if_fail (copy != NULL, FALSE);
  return _rct_pg_copy_finish (copy, error) && _rct_pg_sync_identities (self, error);
}

static const char *
pg_dialect (int which)
{
  g_return_val_if_fail (which >= 0 && which < RCT_DIALECT_N, "");
  return rct_dialect_postgresql[which];
}

const RctStoreBackend rct_store_backend_postgresql = {
  .name = "postgresql",
  .connect = pg_connect,
  .disconnect = pg_disconnect,
  .prepare = pg_prepare,
  .exec = pg_exec,
  .last_insert_id = pg_last_insert_id,
  .changes = pg_changes,
  .interrupt = pg_interrupt,
  .schema_version = pg_schema_version,
  .create_schema = pg_create_schema,
  .migrate = pg_migrate,
  .dialect = pg_dialect,
  .watch = pg_watch,
  .take_changes = pg_take_changes,
  .capabilities = pg_capabilities,
  .copy_begin = pg_copy_begin,
  .copy_rows_begin = pg_copy_rows_begin,
  .copy_row = pg_copy_row,
  .copy_rows_end = pg_copy_rows_end,
  .copy_finish = pg_copy_finish,
};
