/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-postgresql"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rct-postgresql-private.h"
#include "rct-store.h"

/* RctStmt over libpq: the shared code's statements, written for SQLite,
 * run on the office's server.
 *
 * - `?` and `?N` become `$N` (not inside quotes, identifiers, comments or
 *   dollar quotes); a plain `?` takes the number after the highest so far,
 *   as in SQLite.
 * - Parameters go as text, typed by what was bound (int8, float8, text;
 *   bytea goes binary), so `?1 IS NULL OR name = ?1` and comparisons
 *   resolve as they do in SQLite. The statement is prepared on the server
 *   at its first step with those types, and again only when a later
 *   binding has another type (a NULL fits any).
 * - Rows come one at a time (libpq's single-row mode), so a million ids
 *   never sit in memory at once. While a statement still has rows on the
 *   way, the connection can take no other command: another statement that
 *   needs it first reads the rest of those rows into the first one's queue
 *   (_rct_pg_conn_release), which is what SQLite's interleaved steps need.
 * - Statements finalized are deallocated on the server in batches. */

#define OID_BOOL    16
#define OID_BYTEA   17
#define OID_INT8    20
#define OID_INT2    21
#define OID_INT4    23
#define OID_TEXT    25
#define OID_OID     26
#define OID_FLOAT4  700
#define OID_FLOAT8  701
#define OID_NUMERIC 1700

/* Statements finalized whose server side is dropped together. */
#define STALE_BATCH 32

typedef struct _RctPgStmt RctPgStmt;

struct _RctPgConn
{
  PGconn    *conn;
  GMutex     cancel_lock;
  PGcancel  *cancel;
  guint64    next_name;
  RctPgStmt *streaming;  /* its rows still arriving on the connection */
  GPtrArray *stale;      /* names of prepared statements to deallocate */
  gint64     changes;
  GString   *session_sql; /* run again on every new session (search_path …) */
  guint      generation; /* of the session: one more at every reconnection */
  gboolean   in_transaction; /* when last heard from: a transaction was open */
};

typedef enum
{
  STATE_IDLE,     /* not run since prepared or reset */
  STATE_RUNNING,  /* run: rows to read */
  STATE_DONE,     /* every row read, or failed */
} StmtState;

struct _RctPgStmt
{
  RctStmt    parent;
  RctPgConn *conn;
  char      *sql;        /* as given */
  char      *pg_sql;     /* with $N */
  int        n_params;
  char     **values;     /* bound values, NULL for NULL */
  int       *lengths;
  int       *formats;
  Oid       *types;      /* of the values bound */
  Oid       *prepared_types; /* sent when it was prepared; 0: the server chose */
  Oid       *prepared_for;   /* bound when it was prepared; 0: NULL, or the server chose */
  char      *name;       /* on the server, once prepared */
  guint      generation; /* the session it was prepared in */
  StmtState  state;
  GQueue     pending;    /* PGresult*: read ahead when another statement needed the connection */
  PGresult  *row;        /* the current row */
  PGresult  *desc;       /* the last result that described the columns */
  guchar    *blob;       /* the current row's bytea, unescaped */
  int        blob_column;
  gsize      blob_size;
};

/* Connection ------------------------------------------------------------ */

/* The server's notices ("… already exists, skipping") are for a
 * developer, not the clerk's terminal. */
static void
notice_cb (void       *data,
           const char *message)
{
  g_debug ("%s", message);
}

RctPgConn *
_rct_pg_conn_new (PGconn *conn)
{
  RctPgConn *self = g_atomic_rc_box_new0 (RctPgConn);

  PQsetNoticeProcessor (conn, notice_cb, NULL);

  self->conn = conn;
  g_mutex_init (&self->cancel_lock);
  self->cancel = PQgetCancel (conn);
  self->stale = g_ptr_array_new_with_free_func (g_free);
  self->session_sql = g_string_new (NULL);
  return self;
}

RctPgConn *
_rct_pg_conn_ref (RctPgConn *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
conn_clear (RctPgConn *self)
{
  _rct_pg_conn_close (self);
  g_mutex_clear (&self->cancel_lock);
  g_ptr_array_unref (self->stale);
  g_string_free (self->session_sql, TRUE);
}

void
_rct_pg_conn_unref (RctPgConn *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) conn_clear);
}

/* Closes the connection; statements still held fail from now on. */
void
_rct_pg_conn_close (RctPgConn *self)
{
  g_mutex_lock (&self->cancel_lock);
  g_clear_pointer (&self->cancel, PQfreeCancel);
  g_mutex_unlock (&self->cancel_lock);
  g_clear_pointer (&self->conn, PQfinish);
  self->streaming = NULL;
  g_ptr_array_set_size (self->stale, 0);
}

PGconn *
_rct_pg_conn_get (RctPgConn *self)
{
  return self->conn;
}

gint64
_rct_pg_conn_changes (RctPgConn *self)
{
  return self->changes;
}

/**
 * _rct_pg_conn_take_notifies:
 * @func: called for each notice with its channel, payload and the
 *   server process of the session that sent it
 *
 * The notices (NOTIFY) that arrived on the connection, without waiting:
 * what the socket holds is read, and what libpq kept while a statement
 * read its rows. Nothing while a statement's rows are still arriving:
 * they come first on the connection; asked again later.
 *
 * Returns: %FALSE when nothing could be read now (rows arriving, or the
 *   connection lost)
 */
gboolean
_rct_pg_conn_take_notifies (RctPgConn         *self,
                            RctPgNotifyFunc    func,
                            gpointer           user_data)
{
  PGnotify *notify;

  if (self->conn == NULL || self->streaming != NULL || PQisBusy (self->conn))
    return FALSE;
  if (!PQconsumeInput (self->conn))
    return FALSE;  /* the connection is lost: the next statement says so */
  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      func (notify->relname, notify->extra, notify->be_pid, user_data);
      PQfreemem (notify);
    }
  return TRUE;
}

/* From any thread: asks the server to stop the statement running now. */
void
_rct_pg_conn_interrupt (RctPgConn *self)
{
  char message[256];

  g_mutex_lock (&self->cancel_lock);
  if (self->cancel != NULL && !PQcancel (self->cancel, message, sizeof message))
    g_debug ("cancel: %s", message);
  g_mutex_unlock (&self->cancel_lock);
}

static gboolean
conn_check_open (RctPgConn  *self,
                 GError    **error)
{
  if (self->conn == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_OPEN,
                           _("The ledger is closed."));
      return FALSE;
    }
  return TRUE;
}

static void stmt_read_ahead (RctPgStmt *self);

static void
set_lost_error (GError **error)
{
  g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONNECTION_LOST,
                       _("The connection to the ledger's server was lost: nothing of this change was saved. "
                         "Try again when the server is back."));
}

/* The connection dropped (the server restarted, the network went): a new
 * session on the same connection (PQreset, bounded by connect_timeout),
 * its settings again, and every statement prepared anew at its next step.
 * The transaction the old session had open was rolled back by the server
 * as it went, so nothing is half-written. */
static gboolean
conn_reconnect (RctPgConn  *self,
                GError    **error)
{
  PGresult *result;

  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      set_lost_error (error);
      return FALSE;
    }
  g_mutex_lock (&self->cancel_lock);
  g_clear_pointer (&self->cancel, PQfreeCancel);
  self->cancel = PQgetCancel (self->conn);
  g_mutex_unlock (&self->cancel_lock);
  self->generation++;
  self->streaming = NULL;
  g_ptr_array_set_size (self->stale, 0);
  self->in_transaction = FALSE;
  if (self->session_sql->len == 0)
    return TRUE;
  result = PQexec (self->conn, self->session_sql->str);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      _rct_pg_set_error (self->conn, result, error);
      PQclear (result);
      return FALSE;
    }
  PQclear (result);
  return TRUE;
}

/**
 * _rct_pg_conn_session:
 *
 * Runs @sql now and again on every new session after a reconnection:
 * the session's own settings.
 */
gboolean
_rct_pg_conn_session (RctPgConn   *self,
                      const char  *sql,
                      GError     **error)
{
  if (!_rct_pg_conn_exec (self, sql, error))
    return FALSE;
  g_string_append_printf (self->session_sql, "%s%s", self->session_sql->len > 0 ? "; " : "", sql);
  return TRUE;
}

/* Makes the connection free for a new command: the rows of a statement
 * still arriving are read into its queue, and statements finalized are
 * dropped on the server when a batch of them waits. A connection that
 * dropped is taken up again here, at the next command, unless it dropped
 * inside a transaction: that one's commands all fail until its ROLLBACK
 * (_rct_pg_conn_exec), so no part of it lands on the new session alone. */
gboolean
_rct_pg_conn_release (RctPgConn  *self,
                      GError    **error)
{
  if (!conn_check_open (self, error))
    return FALSE;

  if (PQstatus (self->conn) == CONNECTION_BAD)
    {
      if (self->in_transaction)
        {
          set_lost_error (error);
          return FALSE;
        }
      if (!conn_reconnect (self, error))
        return FALSE;
    }
  self->in_transaction = PQtransactionStatus (self->conn) != PQTRANS_IDLE;

  if (self->streaming != NULL)
    stmt_read_ahead (self->streaming);

  if (self->stale->len >= STALE_BATCH &&
      PQtransactionStatus (self->conn) != PQTRANS_INERROR)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      PGresult *result;

      for (guint i = 0; i < self->stale->len; i++)
        g_string_append_printf (sql, "DEALLOCATE %s;", (char *) g_ptr_array_index (self->stale, i));
      g_ptr_array_set_size (self->stale, 0);
      result = PQexec (self->conn, sql->str);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_debug ("deallocate: %s", PQresultErrorMessage (result));
      PQclear (result);
    }
  return TRUE;
}

/* One or more statements without parameters or rows. */
gboolean
_rct_pg_conn_exec (RctPgConn   *self,
                   const char  *sql,
                   GError     **error)
{
  PGresult *result;
  gboolean ok;

  /* The transaction a dropped connection had open ended with it. */
  if (self->conn != NULL && PQstatus (self->conn) == CONNECTION_BAD && self->in_transaction &&
      g_str_equal (sql, "ROLLBACK"))
    {
      self->in_transaction = FALSE;
      return TRUE;
    }
  if (!_rct_pg_conn_release (self, error))
    return FALSE;

  result = PQexec (self->conn, sql);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;
  if (ok)
    self->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  else
    _rct_pg_set_error (self->conn, result, error);
  PQclear (result);
  return ok;
}

/* One sentence for what the server said, in the store's error codes. */
void
_rct_pg_set_error (PGconn         *conn,
                   const PGresult *result,
                   GError        **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *detail = g_strdup (result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL);

  if (detail == NULL)
    detail = g_strdup (conn != NULL ? PQerrorMessage (conn) : "");
  g_strstrip (detail);
  if (state == NULL)
    state = "";

  if ((conn == NULL || PQstatus (conn) == CONNECTION_BAD) ||
      g_str_has_prefix (state, "08") || g_str_equal (state, "57P01") ||
      g_str_equal (state, "57P02") || g_str_equal (state, "57P03"))
    set_lost_error (error);
  else if (g_str_equal (state, "57014"))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                         _("The work was stopped before it finished: nothing was saved."));
  else if (g_str_equal (state, "25006"))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY,
                         _("This ledger is open read-only; nothing can be changed."));
  else if (g_str_equal (state, "42501"))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY,
                         _("Your role on the ledger's server does not allow this change: nothing was saved."));
  else if (g_str_equal (state, "23503"))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_IN_USE,
                         _("Other records still refer to this one, so it cannot be removed."));
  else if (g_str_equal (state, "23505"))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                         _("A record with this name or number already exists."));
  else if (g_str_has_prefix (state, "23"))
    g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                 _("The ledger refused the change (%s): nothing was saved."), detail);
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01"))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                         _("Another clerk changed the same records at the same moment: nothing was saved. "
                           "Try again."));
  else if (g_str_equal (state, "53100"))
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                         _("The server's disk is full: nothing was saved. Ask the server's administrator to free some space."));
  else
    g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_WRITE,
                 _("The ledger could not complete the change (%s): nothing was saved."), detail);
}

/* Parameters ------------------------------------------------------------ */

/* Where a dollar quote ($tag$) starting at @p ends its opening tag, or
 * NULL when @p does not open one. */
static const char *
dollar_tag_end (const char *p)
{
  const char *q = p + 1;

  while (g_ascii_isalnum (*q) || *q == '_')
    q++;
  if (*q != '$' || g_ascii_isdigit (p[1]))
    return NULL;
  return q + 1;
}

/**
 * _rct_pg_rewrite_params:
 * @out_n_params: (out): the highest parameter number
 *
 * Returns: (transfer full): @sql with SQLite's `?` and `?N` as `$N`
 */
char *
_rct_pg_rewrite_params (const char *sql,
                        int        *out_n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int highest = 0;
  const char *p = sql;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;
          const char *end = p + 1;

          /* A doubled quote is one quote inside. */
          while (*end != '\0' && !(*end == quote && end[1] != quote))
            end += *end == quote ? 2 : 1;
          if (*end != '\0')
            end++;
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *end = strchr (p, '\n');

          end = end != NULL ? end : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          end = end != NULL ? end + 2 : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (*p == '$' && dollar_tag_end (p) != NULL)
        {
          const char *tag_end = dollar_tag_end (p);
          g_autofree char *tag = g_strndup (p, tag_end - p);
          const char *end = strstr (tag_end, tag);

          end = end != NULL ? end + strlen (tag) : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (*p == '?')
        {
          int number;

          p++;
          if (g_ascii_isdigit (*p))
            {
              char *end;

              number = (int) g_ascii_strtoll (p, &end, 10);
              p = end;
            }
          else
            number = highest + 1;
          highest = MAX (highest, number);
          g_string_append_printf (out, "$%d", number);
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }
  *out_n_params = highest;
  return g_string_free (out, FALSE);
}

/* Statement ------------------------------------------------------------- */

static const RctStmtClass pg_stmt_class;

static void
stmt_clear_row (RctPgStmt *self)
{
  g_clear_pointer (&self->row, PQclear);
  g_clear_pointer (&self->blob, PQfreemem);
  self->blob_column = -1;
}

static void
stmt_set_desc (RctPgStmt *self,
               PGresult  *result)
{
  g_clear_pointer (&self->desc, PQclear);
  self->desc = result;
}

static PGresult *
stmt_next_result (RctPgStmt *self)
{
  if (!g_queue_is_empty (&self->pending))
    return g_queue_pop_head (&self->pending);
  if (self->conn->streaming == self && self->conn->conn != NULL)
    {
      PGresult *result = PQgetResult (self->conn->conn);

      if (result == NULL)
        self->conn->streaming = NULL;
      return result;
    }
  return NULL;
}

/* Another statement needs the connection: the rest of our rows are read
 * now and kept, in order, for our next steps. */
static void
stmt_read_ahead (RctPgStmt *self)
{
  PGresult *result;

  while ((result = PQgetResult (self->conn->conn)) != NULL)
    g_queue_push_tail (&self->pending, result);
  self->conn->streaming = NULL;
}

/* Abandons what is left of a run. */
static void
stmt_finish_run (RctPgStmt *self)
{
  PGresult *result;

  stmt_clear_row (self);
  if (self->conn->streaming == self)
    {
      while ((result = PQgetResult (self->conn->conn)) != NULL)
        PQclear (result);
      self->conn->streaming = NULL;
    }
  g_queue_clear_full (&self->pending, (GDestroyNotify) PQclear);
}

static void
stmt_set_param (RctPgStmt *self,
                int        index,
                char      *value,
                int        length,
                int        format,
                Oid        type)
{
  if (index < 1 || index > self->n_params)
    {
      g_free (value);
      return;
    }
  index--;
  g_free (self->values[index]);
  self->values[index] = value;
  self->lengths[index] = length;
  self->formats[index] = format;
  self->types[index] = type;
}

static void
pg_bind_int64 (RctStmt *stmt, int index, gint64 value)
{
  stmt_set_param ((RctPgStmt *) stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0, OID_INT8);
}

static void
pg_bind_double (RctStmt *stmt, int index, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (buffer, sizeof buffer, value);
  stmt_set_param ((RctPgStmt *) stmt, index, g_strdup (buffer), 0, 0, OID_FLOAT8);
}

static void
pg_bind_text (RctStmt *stmt, int index, const char *text)
{
  if (text == NULL)
    stmt_set_param ((RctPgStmt *) stmt, index, NULL, 0, 0, 0);
  else
    stmt_set_param ((RctPgStmt *) stmt, index, g_strdup (text), 0, 0, OID_TEXT);
}

static void
pg_bind_blob (RctStmt *stmt, int index, gconstpointer data, gsize size)
{
  if (size > G_MAXINT)
    size = 0;
  /* Binary format: the bytes as they are, no escaping. */
  stmt_set_param ((RctPgStmt *) stmt, index, g_memdup2 (data != NULL ? data : "", MAX (size, 1)),
                  (int) size, 1, OID_BYTEA);
}

static void
pg_bind_null (RctStmt *stmt, int index)
{
  stmt_set_param ((RctPgStmt *) stmt, index, NULL, 0, 0, 0);
}

static void
pg_clear_bindings (RctStmt *stmt)
{
  RctPgStmt *self = (RctPgStmt *) stmt;

  for (int i = 1; i <= self->n_params; i++)
    pg_bind_null (stmt, i);
}

/* Whether the statement on the server takes what is bound now: a value
 * of another type than was bound when it was prepared needs a new one; a
 * NULL fits any, and so does any value where the server chose the type
 * (its text is read as that type). */
static gboolean
stmt_types_fit (RctPgStmt *self)
{
  if (self->name == NULL || self->generation != self->conn->generation)
    return FALSE;
  for (int i = 0; i < self->n_params; i++)
    if (self->values[i] != NULL && self->prepared_for[i] != 0 && self->types[i] != self->prepared_for[i])
      return FALSE;
  return TRUE;
}

/* Errors of a parameter's type, which another choice of types may cure. */
static gboolean
is_type_error (const PGresult *result)
{
  const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);

  return state != NULL && (g_str_equal (state, "42P18") || g_str_equal (state, "42P08") ||
                           g_str_equal (state, "42883") || g_str_equal (state, "42804") ||
                           g_str_equal (state, "42725"));
}

/* The types sent for one try: what was bound, a NULL as @null_type, a
 * whole number as @int_type and text as @text_type (0: the server
 * chooses). FALSE when the try
 * sends what @previous did. */
static gboolean
stmt_try_types (RctPgStmt *self,
                Oid        null_type,
                Oid        int_type,
                Oid        text_type,
                Oid       *previous)
{
  gboolean differs = previous == NULL;

  for (int i = 0; i < self->n_params; i++)
    {
      Oid type = self->values[i] == NULL ? null_type :
                 self->types[i] == OID_INT8 ? int_type :
                 self->types[i] == OID_TEXT ? text_type : self->types[i];

      differs |= previous != NULL && previous[i] != type;
      self->prepared_types[i] = type;
    }
  return differs;
}

static gboolean
stmt_prepare (RctPgStmt  *self,
              GError    **error)
{
  /* What SQLite's dynamic types let through and the server's must be
   * told: first as bound (a NULL left to the server, which cannot tell
   * `?1 IS NULL OR …` before the rest); then a NULL as text, then as a
   * number, whole numbers left to the server (substr (x, ?) takes an
   * integer, not a bigint); then everything left to it (an id compared
   * with a key given as text, as SQLite's affinity does). */
  static const Oid tries[][3] = {
    { 0, OID_INT8, OID_TEXT }, { OID_TEXT, 0, OID_TEXT }, { OID_INT8, 0, OID_TEXT }, { 0, 0, 0 },
  };
  PGconn *conn = self->conn->conn;
  g_autofree char *name = g_strdup_printf ("rct_%" G_GUINT64_FORMAT, ++self->conn->next_name);
  g_autofree Oid *previous = g_new0 (Oid, self->n_params + 1);
  gboolean choices = FALSE;
  gboolean savepoint = FALSE;
  PGresult *result = NULL;

  /* One of a session gone went with it. */
  if (self->name != NULL && self->generation != self->conn->generation)
    g_clear_pointer (&self->name, g_free);
  if (self->name != NULL)
    g_ptr_array_add (self->conn->stale, g_steal_pointer (&self->name));

  for (int i = 0; i < self->n_params; i++)
    choices |= self->values[i] == NULL || self->types[i] == OID_INT8 || self->types[i] == OID_TEXT;

  /* A failed prepare inside a transaction would end it. */
  if (choices && PQtransactionStatus (conn) == PQTRANS_INTRANS)
    {
      PQclear (PQexec (conn, "SAVEPOINT rct_prepare"));
      savepoint = TRUE;
    }

  for (guint t = 0; t < G_N_ELEMENTS (tries); t++)
    {
      if (!stmt_try_types (self, tries[t][0], tries[t][1], tries[t][2], t > 0 ? previous : NULL))
        continue;
      if (result != NULL)
        {
          if (!is_type_error (result))
            break;
          PQclear (result);
          if (savepoint)
            PQclear (PQexec (conn, "ROLLBACK TO SAVEPOINT rct_prepare"));
        }
      result = PQprepare (conn, name, self->pg_sql, self->n_params, self->prepared_types);
      if (PQresultStatus (result) == PGRES_COMMAND_OK || !choices)
        break;
      memcpy (previous, self->prepared_types, sizeof (Oid) * self->n_params);
    }

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      _rct_pg_set_error (conn, result, error);
      PQclear (result);
      if (savepoint)
        PQclear (PQexec (conn, "ROLLBACK TO SAVEPOINT rct_prepare; RELEASE SAVEPOINT rct_prepare"));
      return FALSE;
    }
  for (int i = 0; i < self->n_params; i++)
    self->prepared_for[i] = self->prepared_types[i] == 0 ? 0 : self->values[i] != NULL ? self->types[i] : 0;
  PQclear (result);
  if (savepoint)
    PQclear (PQexec (conn, "RELEASE SAVEPOINT rct_prepare"));
  self->name = g_steal_pointer (&name);
  self->generation = self->conn->generation;
  return TRUE;
}

static gboolean
stmt_run (RctPgStmt  *self,
          GError    **error)
{
  PGconn *conn;

  if (!_rct_pg_conn_release (self->conn, error))
    return FALSE;
  conn = self->conn->conn;

  if (!stmt_types_fit (self) && !stmt_prepare (self, error))
    return FALSE;

  if (!PQsendQueryPrepared (conn, self->name, self->n_params, (const char * const *) self->values,
                            self->lengths, self->formats, 0))
    {
      _rct_pg_set_error (conn, NULL, error);
      return FALSE;
    }
  PQsetSingleRowMode (conn);
  self->conn->streaming = self;
  self->state = STATE_RUNNING;
  return TRUE;
}

static int
pg_step (RctStmt  *stmt,
         GError  **error)
{
  RctPgStmt *self = (RctPgStmt *) stmt;
  PGresult *result;

  if (!conn_check_open (self->conn, error))
    return RCT_ERROR;

  stmt_clear_row (self);
  if (self->state == STATE_DONE)
    {
      /* As SQLite: a step after the end runs the statement again. */
      stmt_finish_run (self);
      self->state = STATE_IDLE;
    }
  if (self->state == STATE_IDLE && !stmt_run (self, error))
    {
      self->state = STATE_DONE;
      return RCT_ERROR;
    }

  result = stmt_next_result (self);
  if (result == NULL)
    {
      self->state = STATE_DONE;
      return RCT_DONE;
    }

  switch (PQresultStatus (result))
    {
    case PGRES_SINGLE_TUPLE:
      self->row = result;
      if (self->desc == NULL)
        stmt_set_desc (self, PQcopyResult (result, PG_COPYRES_ATTRS));
      return RCT_ROW;

    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
      self->conn->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
      stmt_set_desc (self, result);
      stmt_finish_run (self);
      self->state = STATE_DONE;
      return RCT_DONE;

    default:
      _rct_pg_set_error (self->conn->conn, result, error);
      PQclear (result);
      stmt_finish_run (self);
      self->state = STATE_DONE;
      return RCT_ERROR;
    }
}

static void
pg_reset (RctStmt *stmt)
{
  RctPgStmt *self = (RctPgStmt *) stmt;

  if (self->conn->conn != NULL)
    stmt_finish_run (self);
  else
    {
      stmt_clear_row (self);
      g_queue_clear_full (&self->pending, (GDestroyNotify) PQclear);
    }
  self->state = STATE_IDLE;
}

static PGresult *
stmt_columns (RctPgStmt *self)
{
  return self->row != NULL ? self->row : self->desc;
}

static int
pg_column_count (RctStmt *stmt)
{
  PGresult *result = stmt_columns ((RctPgStmt *) stmt);

  return result != NULL ? PQnfields (result) : 0;
}

static const char *
pg_column_name (RctStmt *stmt, int column)
{
  PGresult *result = stmt_columns ((RctPgStmt *) stmt);

  return result != NULL ? PQfname (result, column) : NULL;
}

static gboolean
stmt_has_value (RctPgStmt *self,
                int        column)
{
  return self->row != NULL && column >= 0 && column < PQnfields (self->row) &&
    !PQgetisnull (self->row, 0, column);
}

static RctValueType
pg_column_type (RctStmt *stmt, int column)
{
  RctPgStmt *self = (RctPgStmt *) stmt;

  if (!stmt_has_value (self, column))
    return RCT_VALUE_NULL;
  switch (PQftype (self->row, column))
    {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
    case OID_OID:
      return RCT_VALUE_INTEGER;
    case OID_FLOAT4:
    case OID_FLOAT8:
    case OID_NUMERIC:
      return RCT_VALUE_FLOAT;
    case OID_BYTEA:
      return RCT_VALUE_BLOB;
    default:
      return RCT_VALUE_TEXT;
    }
}

static const char *
pg_column_text (RctStmt *stmt, int column)
{
  RctPgStmt *self = (RctPgStmt *) stmt;
  const char *value;

  if (!stmt_has_value (self, column))
    return NULL;
  value = PQgetvalue (self->row, 0, column);
  /* SQLite has no booleans: a comparison reads 1 or 0. */
  if (PQftype (self->row, column) == OID_BOOL)
    return value[0] == 't' ? "1" : "0";
  return value;
}

static gint64
pg_column_int64 (RctStmt *stmt, int column)
{
  const char *text = pg_column_text (stmt, column);

  if (text == NULL)
    return 0;
  if (pg_column_type (stmt, column) == RCT_VALUE_FLOAT)
    return (gint64) g_ascii_strtod (text, NULL);
  return g_ascii_strtoll (text, NULL, 10);
}

static double
pg_column_double (RctStmt *stmt, int column)
{
  const char *text = pg_column_text (stmt, column);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0.0;
}

static gconstpointer
pg_column_blob (RctStmt *stmt, int column, gsize *size)
{
  RctPgStmt *self = (RctPgStmt *) stmt;
  size_t length = 0;

  if (size != NULL)
    *size = 0;
  if (!stmt_has_value (self, column))
    return NULL;
  if (PQftype (self->row, column) != OID_BYTEA)
    {
      if (size != NULL)
        *size = PQgetlength (self->row, 0, column);
      return PQgetvalue (self->row, 0, column);
    }
  if (self->blob_column != column)
    {
      g_clear_pointer (&self->blob, PQfreemem);
      self->blob = PQunescapeBytea ((const guchar *) PQgetvalue (self->row, 0, column), &length);
      self->blob_size = length;
      self->blob_column = column;
    }
  if (size != NULL)
    *size = self->blob_size;
  return self->blob;
}

static const char *
pg_sql (RctStmt *stmt)
{
  return ((RctPgStmt *) stmt)->sql;
}

/* The statement as the server runs it, each $N replaced by the value
 * bound now written as a literal of its type, for a benchmark to hand the
 * same query to psql. */
static char *
pg_expanded_sql (RctStmt *stmt)
{
  RctPgStmt *self = (RctPgStmt *) stmt;
  GString *out = g_string_sized_new (strlen (self->pg_sql) + 64);
  const char *p = self->pg_sql;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;
          const char *end = p + 1;

          while (*end != '\0' && !(*end == quote && end[1] != quote))
            end += *end == quote ? 2 : 1;
          if (*end != '\0')
            end++;
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (*p == '$' && g_ascii_isdigit (p[1]))
        {
          char *end;
          int index = (int) g_ascii_strtoll (p + 1, &end, 10) - 1;
          const char *value = index >= 0 && index < self->n_params ? self->values[index] : NULL;

          if (value == NULL)
            g_string_append (out, "NULL");
          else if (self->types[index] == OID_INT8 || self->types[index] == OID_FLOAT8)
            g_string_append (out, value);
          else if (self->types[index] == OID_TEXT)
            {
              g_string_append_c (out, '\'');
              for (const char *v = value; *v != '\0'; v++)
                g_string_append (out, *v == '\'' ? "''" : (char[]) { *v, '\0' });
              g_string_append_c (out, '\'');
            }
          else
            {
              g_string_append (out, "'\\x");
              for (int i = 0; i < self->lengths[index]; i++)
                g_string_append_printf (out, "%02x", (guchar) value[i]);
              g_string_append (out, "'::bytea");
            }
          p = end;
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }
  return g_string_free (out, FALSE);
}

static void
pg_finalize (RctStmt *stmt)
{
  RctPgStmt *self = (RctPgStmt *) stmt;

  if (self->conn->conn != NULL)
    {
      stmt_finish_run (self);
      if (self->name != NULL)
        g_ptr_array_add (self->conn->stale, g_steal_pointer (&self->name));
    }
  stmt_clear_row (self);
  g_queue_clear_full (&self->pending, (GDestroyNotify) PQclear);
  g_clear_pointer (&self->desc, PQclear);
  for (int i = 0; i < self->n_params; i++)
    g_free (self->values[i]);
  g_free (self->values);
  g_free (self->lengths);
  g_free (self->formats);
  g_free (self->types);
  g_free (self->prepared_types);
  g_free (self->prepared_for);
  g_free (self->name);
  g_free (self->sql);
  g_free (self->pg_sql);
  _rct_pg_conn_unref (self->conn);
  g_free (self);
}

static const RctStmtClass pg_stmt_class = {
  .backend = "postgresql",
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_blob = pg_bind_blob,
  .bind_null = pg_bind_null,
  .clear_bindings = pg_clear_bindings,
  .step = pg_step,
  .reset = pg_reset,
  .column_count = pg_column_count,
  .column_name = pg_column_name,
  .column_type = pg_column_type,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .column_blob = pg_column_blob,
  .sql = pg_sql,
  .finalize = pg_finalize,
  .expanded_sql = pg_expanded_sql,
};

/**
 * _rct_pg_stmt_new:
 *
 * Returns: (transfer full): a statement of @sql on @conn, prepared on the
 *   server at its first step
 */
RctStmt *
_rct_pg_stmt_new (RctPgConn   *conn,
                  const char  *sql,
                  GError     **error)
{
  RctPgStmt *self;

  if (!conn_check_open (conn, error))
    return NULL;

  self = g_new0 (RctPgStmt, 1);
  self->parent.klass = &pg_stmt_class;
  self->conn = _rct_pg_conn_ref (conn);
  self->sql = g_strdup (sql);
  self->pg_sql = _rct_pg_rewrite_params (sql, &self->n_params);
  self->values = g_new0 (char *, self->n_params + 1);
  self->lengths = g_new0 (int, self->n_params + 1);
  self->formats = g_new0 (int, self->n_params + 1);
  self->types = g_new0 (Oid, self->n_params + 1);
  self->prepared_types = g_new0 (Oid, self->n_params + 1);
  self->prepared_for = g_new0 (Oid, self->n_params + 1);
  self->blob_column = -1;
  g_queue_init (&self->pending);
  return &self->parent;
}
