/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-test"

/* Many clerks at once on the office's server (issue 20, item 6): several
 * clients, each a loop of real `rectify-cli --db …` processes (one
 * process per change, as a clerk's program makes them), make random
 * changes to one ledger on the throwaway cluster of tests/pg/
 * (RECTIFY_TEST_PG), aimed at the same few problems so they collide. One
 * client logs in as a verifier, the others as clerks. Afterwards the
 * ledger is read as its owner and checked: every change a process said it
 * made is there, nothing a refused one tried left a trace, every problem's
 * journal replays through the workflow's gates, the running totals equal
 * a count, and every refusal was one sentence on standard error. Each
 * client is a thread here that runs its processes one after another.
 *
 * A process per change leaves a race a few milliseconds wide; the cases
 * /concurrency/gates/… make one happen every time: the owner holds the
 * problem's row while the racers read it, and lets go once each waits.
 *
 * RECTIFY_CONCURRENCY=PROCESSESxCHANGES (e.g. 6x1000) makes a bigger
 * run; RECTIFY_CONCURRENCY_SEED another one; RECTIFY_CONCURRENCY_KEEP=1
 * keeps the folder of the clients' logs. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <libpq-fe.h>

#include "rct-store.h"
#include "rct-test-util.h"
#include "rct-workflow.h"

#define N_SEEDED 50
#define N_SEEDED_MEASURES 25
#define N_HOT 4
#define TODAY "2026-03-02"
#define SEEDER "种子"
#define VERIFIER_NAME "李核查"

typedef enum
{
  OP_ADD,
  OP_EDIT,
  OP_MEASURE_ADD,
  OP_MEASURE_DONE,
  OP_START,
  OP_SUBMIT,
  OP_VERIFY,
  OP_REJECT,
  OP_REOPEN,
  OP_EXTEND,
  N_OPS
} Op;

static const struct
{
  const char *name;
  guint       clerk_weight;
  guint       verifier_weight;
} ops[N_OPS] = {
  [OP_ADD] = { "add", 4, 2 },
  [OP_EDIT] = { "edit", 14, 6 },
  [OP_MEASURE_ADD] = { "measure-add", 8, 2 },
  [OP_MEASURE_DONE] = { "measure-done", 18, 6 },
  [OP_START] = { "start", 12, 4 },
  [OP_SUBMIT] = { "submit", 16, 6 },
  [OP_VERIFY] = { "verify", 3, 30 },
  [OP_REJECT] = { "reject", 5, 10 },
  [OP_REOPEN] = { "reopen", 4, 8 },
  [OP_EXTEND] = { "extend", 6, 4 },
};

/* Why a refused command was refused, from its sentence. */
typedef enum
{
  REFUSED_GATE,      /* the workflow's gates: status, measures, closed, dates */
  REFUSED_ROLE,      /* the server's roles: a clerk closing */
  REFUSED_CONFLICT,  /* another clerk at the same moment */
  N_REFUSALS
} Refusal;

/* One command a client ran, and what came of it. */
typedef struct
{
  Op      op;
  guint   client;
  char   *number;      /* the problem (add: the one made, from stdout) */
  gint64  measure_id;  /* measure-add: the one made; measure-done: which */
  char   *value;       /* edit: description; add: description; measure-add: text;
                          measure-done: date; extend: deadline */
  int     status;      /* exit status; -1 when killed by a signal */
  char   *out;
  char   *err;
} Change;

static void
change_free (Change *change)
{
  g_free (change->number);
  g_free (change->value);
  g_free (change->out);
  g_free (change->err);
  g_free (change);
}

typedef struct
{
  gint64    id;
  char     *number;
  gboolean  done;  /* as far as the clients were told */
} KnownMeasure;

/* What the clients share: the location and logins, the problems and
 * measures known so far (those the clients were told of), the log. */
typedef struct
{
  const char *cli;
  char       *location;
  char       *dir;
  guint       n_clients;
  guint       n_changes;
  guint       seed;
  GMutex      lock;
  GPtrArray  *numbers;   /* of char*, the first N_HOT the hot ones */
  GArray     *measures;  /* of KnownMeasure */
  GPtrArray  *changes;   /* of Change*, all clients' */
  gint        next_deadline;
} Run;

typedef struct
{
  Run   *run;
  guint  index;
} Client;

static gboolean
have_server (void)
{
  const char *cluster = g_getenv ("RECTIFY_TEST_PG");

  if (cluster == NULL || cluster[0] == '\0')
    {
      g_test_skip ("RECTIFY_TEST_PG is not set (build-aux/test.sh starts a cluster)");
      return FALSE;
    }
  return TRUE;
}

static const char *
client_login (guint index)
{
  static const char *const logins[] = {
    "rct_conc_verifier", "rct_conc_clerk1", "rct_conc_clerk2", "rct_conc_clerk3", "rct_conc_clerk4",
    "rct_conc_clerk5", "rct_conc_clerk6", "rct_conc_clerk7", "rct_conc_clerk8",
  };

  g_assert_cmpuint (index, <, G_N_ELEMENTS (logins));
  return logins[index];
}

static gboolean
is_verifier_login (const char *who)
{
  return g_strcmp0 (who, client_login (0)) == 0;
}

/* ---- the server, as its owner ---- */

static PGresult *
pg_query (PGconn     *conn,
          const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  return result;
}

static void
pg_exec (PGconn     *conn,
         const char *sql)
{
  PQclear (pg_query (conn, sql));
}

static char *
pg_text (PGconn     *conn,
         const char *sql)
{
  PGresult *result = pg_query (conn, sql);
  char *text;

  g_assert_cmpint (PQntuples (result), ==, 1);
  text = PQgetisnull (result, 0, 0) ? NULL : g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return text;
}

static PGconn *
pg_connect (const char *location)
{
  PGconn *conn = PQconnectdb (location);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* The location as one login: libpq takes the last of a repeated key. */
static char *
location_as (const char *location,
             const char *login)
{
  return g_strdup_printf ("%s user='%s'", location, login);
}

/* A new ledger made by `rectify-cli server init`, its roles' logins, and
 * N_SEEDED problems of three units, the first half with a measure. */
static char *
make_ledger (char **out_name)
{
  g_autofree char *location = rct_test_pg_new_database (NULL, out_name);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  PGconn *conn;

  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", location, "server", "init", NULL), ==, 0);
  conn = pg_connect (location);
  pg_exec (conn, "SET client_min_messages = warning;"
                 "DO $$ BEGIN"
                 " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rct_conc_verifier') THEN"
                 "   CREATE ROLE rct_conc_verifier LOGIN;"
                 " END IF;"
                 " FOR i IN 1..8 LOOP"
                 "   IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rct_conc_clerk' || i) THEN"
                 "     EXECUTE format ('CREATE ROLE %I LOGIN', 'rct_conc_clerk' || i);"
                 "   END IF;"
                 "   EXECUTE format ('GRANT rectify_clerk TO %I', 'rct_conc_clerk' || i);"
                 " END LOOP; END $$;"
                 "GRANT rectify_verifier TO rct_conc_verifier");
  PQfinish (conn);

  store = rct_store_open (location, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rct_store_set_operator (store, SEEDER);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const units[] = { "一局", "二局", "三局" };
      rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", units[i], NULL);
      g_assert_no_error (error);
      rct_store_create_va (store, RCT_KIND_PERSON, NULL, &error, "name", i == 0 ? "张三" : i == 1 ? "王五" : "赵六",
                           "unit", units[i], NULL);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_SEEDED; i++)
    {
      static const char *const units[] = { "一局", "二局", "三局" };
      g_autofree char *description = g_strdup_printf ("种子问题 %u：窗口服务态度生硬", i + 1);
      gint64 id = rct_test_add_problem (store, units[i % 3], "2026-01-05", "2026-06-30", description);

      if (i < N_SEEDED_MEASURES)
        {
          g_autofree char *problem_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          rct_store_create_va (store, RCT_KIND_MEASURE, NULL, &error, "problem_id", problem_id,
                               "text", "种子措施", "owner", "张三", "deadline", "2026-05-31", NULL);
          g_assert_no_error (error);
        }
    }
  rct_store_close (store);
  return g_steal_pointer (&location);
}

/* ---- the clients ---- */

/* A problem to act on: one of the few hot ones more than half the time,
 * so clients collide; otherwise any known one. */
static char *
pick_number (Run   *run,
             GRand *rand)
{
  guint n;

  g_mutex_lock (&run->lock);
  n = g_rand_int_range (rand, 0, 100) < 60 ? N_HOT : run->numbers->len;
  n = g_rand_int_range (rand, 0, (gint32) n);
  g_mutex_unlock (&run->lock);
  return g_strdup (g_ptr_array_index (run->numbers, n));
}

/* A measure of @number not yet done (or done, now and then: done again
 * with another date), or of any problem when it has none known. */
static gint64
pick_measure (Run    *run,
              GRand  *rand,
              char  **number)
{
  g_autoptr(GArray) of_problem = g_array_new (FALSE, FALSE, sizeof (guint));
  KnownMeasure *known;
  guint index;

  g_mutex_lock (&run->lock);
  for (guint i = 0; i < run->measures->len; i++)
    {
      KnownMeasure *candidate = &g_array_index (run->measures, KnownMeasure, i);
      if (g_str_equal (candidate->number, *number) && (!candidate->done || g_rand_int_range (rand, 0, 4) == 0))
        g_array_append_val (of_problem, i);
    }
  if (of_problem->len > 0)
    index = g_array_index (of_problem, guint, g_rand_int_range (rand, 0, (gint32) of_problem->len));
  else
    index = g_rand_int_range (rand, 0, (gint32) run->measures->len);
  known = &g_array_index (run->measures, KnownMeasure, index);
  g_free (*number);
  *number = g_strdup (known->number);
  g_mutex_unlock (&run->lock);
  return known->id;
}

static Op
pick_op (Client *client,
         GRand  *rand)
{
  guint total = 0, point;

  for (guint i = 0; i < N_OPS; i++)
    total += client->index == 0 ? ops[i].verifier_weight : ops[i].clerk_weight;
  point = g_rand_int_range (rand, 0, (gint32) total);
  for (guint i = 0; i < N_OPS; i++)
    {
      guint weight = client->index == 0 ? ops[i].verifier_weight : ops[i].clerk_weight;
      if (point < weight)
        return i;
      point -= weight;
    }
  g_assert_not_reached ();
}

static void
add_args (GPtrArray  *args,
          const char *first,
          ...)
{
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
}

/* The command line of one random change; fills @change's op, problem and
 * value. */
static GPtrArray *
make_command (Client *client,
              GRand  *rand,
              guint   step,
              Change *change)
{
  Run *run = client->run;
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  const char *login = client_login (client->index);
  g_autofree char *measure = NULL;

  g_ptr_array_add (args, g_strdup (run->cli));
  add_args (args, "--db", NULL);
  g_ptr_array_add (args, location_as (run->location, login));
  add_args (args, "--operator", login, NULL);

  change->op = pick_op (client, rand);
  if (change->op != OP_ADD)
    change->number = pick_number (run, rand);

  switch (change->op)
    {
    case OP_ADD:
      change->value = g_strdup_printf ("并发新增 c%u-%u：台账不全", client->index, step);
      add_args (args, "problem", "add", "--description", change->value, "--unit", "二局", "--source",
                "self-inspection", "--found", "2026-02-01", "--deadline", "2026-07-31", NULL);
      break;
    case OP_EDIT:
      change->value = g_strdup_printf ("改写 c%u-%u：窗口服务态度生硬", client->index, step);
      add_args (args, "problem", "edit", change->number, "--description", change->value, NULL);
      break;
    case OP_MEASURE_ADD:
      change->value = g_strdup_printf ("措施 c%u-%u", client->index, step);
      add_args (args, "measure", "add", change->number, "--text", change->value, "--owner", "张三",
                "--deadline", "2026-05-31", NULL);
      break;
    case OP_MEASURE_DONE:
      change->measure_id = pick_measure (run, rand, &change->number);
      measure = g_strdup_printf ("%" G_GINT64_FORMAT, change->measure_id);
      change->value = g_strdup_printf ("2026-02-%02d", g_rand_int_range (rand, 1, 29));
      add_args (args, "measure", "done", measure, "--date", change->value, NULL);
      break;
    case OP_START:
    case OP_SUBMIT:
      add_args (args, "problem", ops[change->op].name, change->number, NULL);
      break;
    case OP_VERIFY:
      add_args (args, "problem", "verify", change->number, "--verifier", VERIFIER_NAME,
                "--verification", "现场核查，整改到位", NULL);
      break;
    case OP_REJECT:
    case OP_REOPEN:
      add_args (args, "problem", ops[change->op].name, change->number, "--reason", "整改不到位", NULL);
      break;
    case OP_EXTEND:
      {
        /* Later each time: a refusal for an earlier date is a race told. */
        g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_AUGUST, 2026);
        char text[16];

        g_date_add_days (date, (guint) g_atomic_int_add (&run->next_deadline, 1));
        g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
        change->value = g_strdup (text);
        add_args (args, "problem", "extend", change->number, "--deadline", change->value, "--reason",
                  "等待上级批复", NULL);
      }
      break;
    case N_OPS:
    default:
      g_assert_not_reached ();
    }
  g_ptr_array_add (args, NULL);
  return args;
}

/* What a command that succeeded said it made: the number of a problem
 * added, the id of a measure added, shared with the other clients. */
static void
learn (Run    *run,
       Change *change)
{
  if (change->status != 0)
    return;
  if (change->op == OP_ADD)
    {
      change->number = g_strstrip (g_strdup (change->out));
      g_mutex_lock (&run->lock);
      g_ptr_array_add (run->numbers, g_strdup (change->number));
      g_mutex_unlock (&run->lock);
    }
  else if (change->op == OP_MEASURE_ADD)
    {
      KnownMeasure known = { g_ascii_strtoll (change->out, NULL, 10), g_strdup (change->number), FALSE };

      change->measure_id = known.id;
      g_mutex_lock (&run->lock);
      g_array_append_val (run->measures, known);
      g_mutex_unlock (&run->lock);
    }
  else if (change->op == OP_MEASURE_DONE)
    {
      g_mutex_lock (&run->lock);
      for (guint i = 0; i < run->measures->len; i++)
        if (g_array_index (run->measures, KnownMeasure, i).id == change->measure_id)
          g_array_index (run->measures, KnownMeasure, i).done = TRUE;
      g_mutex_unlock (&run->lock);
    }
}

static gpointer
client_run (gpointer data)
{
  Client *client = data;
  Run *run = client->run;
  g_autoptr(GRand) rand = g_rand_new_with_seed (run->seed * 31 + client->index);
  g_autofree char *log_name = g_strdup_printf ("client %u.log", client->index);
  g_autofree char *log_path = g_build_filename (run->dir, log_name, NULL);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint step = 0; step < run->n_changes; step++)
    {
      Change *change = g_new0 (Change, 1);
      g_autoptr(GPtrArray) args = make_command (client, rand, step, change);
      g_autoptr(GSubprocess) process = NULL;

      change->client = client->index;
      process = g_subprocess_newv ((const char *const *) args->pdata,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &change->out, &change->err, &error);
      g_assert_no_error (error);
      change->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
      learn (run, change);

      g_string_append_printf (log, "#%u", step);
      for (guint i = 5; args->pdata[i] != NULL; i++)
        g_string_append_printf (log, " %s", (char *) args->pdata[i]);
      g_string_append_printf (log, "\nexit %d\n%s%s\n", change->status, change->out, change->err);
      g_mutex_lock (&run->lock);
      g_ptr_array_add (run->changes, change);
      g_mutex_unlock (&run->lock);
    }
  g_assert_true (g_file_set_contents (log_path, log->str, (gssize) log->len, NULL));
  return NULL;
}

/* ---- the checks ---- */

typedef struct
{
  char       *id;
  char       *uuid;
  char       *number;
  char       *status;
  char       *description;
  guint       n_measures;
  guint       n_open;
  /* the replay */
  const char *replay_status;
  guint       replay_measures;
  guint       replay_open;
} Problem;

static void
problem_free (Problem *problem)
{
  g_free (problem->id);
  g_free (problem->uuid);
  g_free (problem->number);
  g_free (problem->status);
  g_free (problem->description);
  g_free (problem);
}

typedef struct
{
  PGconn     *conn;
  GHashTable *by_number;   /* number → Problem */
  GHashTable *by_uuid;     /* problem's uuid → Problem */
  GHashTable *by_id;       /* problem's id → Problem */
  GHashTable *measure_of;  /* measure's uuid → Problem */
  PGresult   *journal;     /* id order */
  guint       counts[N_OPS][2];   /* [op][committed] */
  guint       refusals[N_REFUSALS];
  guint       clerk_close_refused;
  guint       unseen_overwrites;
} Ledger;

static const char *
field (PGresult *result,
       int       row,
       int       column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

static void
load_ledger (Ledger     *ledger,
             const char *location)
{
  PGresult *result;

  ledger->conn = pg_connect (location);
  ledger->by_number = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) problem_free);
  ledger->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  ledger->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ledger->measure_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  result = pg_query (ledger->conn, "SELECT p.id, p.uuid, p.number, p.status, p.description,"
                                   " (SELECT count(*) FROM measure m WHERE m.problem_id = p.id),"
                                   " (SELECT count(*) FROM measure m WHERE m.problem_id = p.id AND m.done_date IS NULL)"
                                   " FROM problem p");
  for (int i = 0; i < PQntuples (result); i++)
    {
      Problem *problem = g_new0 (Problem, 1);

      problem->id = g_strdup (field (result, i, 0));
      problem->uuid = g_strdup (field (result, i, 1));
      problem->number = g_strdup (field (result, i, 2));
      problem->status = g_strdup (field (result, i, 3));
      problem->description = g_strdup (field (result, i, 4));
      problem->n_measures = (guint) g_ascii_strtoull (field (result, i, 5), NULL, 10);
      problem->n_open = (guint) g_ascii_strtoull (field (result, i, 6), NULL, 10);
      problem->replay_status = "registered";
      g_hash_table_insert (ledger->by_number, problem->number, problem);
      g_hash_table_insert (ledger->by_uuid, problem->uuid, problem);
      g_hash_table_insert (ledger->by_id, problem->id, problem);
    }
  PQclear (result);

  result = pg_query (ledger->conn, "SELECT uuid, problem_id FROM measure");
  for (int i = 0; i < PQntuples (result); i++)
    g_hash_table_insert (ledger->measure_of, g_strdup (field (result, i, 0)),
                         g_hash_table_lookup (ledger->by_id, field (result, i, 1)));
  PQclear (result);

  ledger->journal = pg_query (ledger->conn, "SELECT record_table, record_uuid, record_label, field, old_value,"
                                            " new_value, who FROM journal ORDER BY id");
}

static void
clear_ledger (Ledger *ledger)
{
  g_clear_pointer (&ledger->journal, PQclear);
  g_clear_pointer (&ledger->measure_of, g_hash_table_unref);
  g_clear_pointer (&ledger->by_id, g_hash_table_unref);
  g_clear_pointer (&ledger->by_uuid, g_hash_table_unref);
  g_clear_pointer (&ledger->by_number, g_hash_table_unref);
  g_clear_pointer (&ledger->conn, PQfinish);
}

/* How many rows @sql counts, with one text parameter. */
static gint64
count_rows (Ledger     *ledger,
            const char *sql,
            const char *param1,
            const char *param2)
{
  const char *params[] = { param1, param2 };
  PGresult *result = PQexecParams (ledger->conn, sql, param2 != NULL ? 2 : 1, NULL, params, NULL, NULL, 0);
  gint64 n;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return n;
}

/* Every refusal is told: exit status 1, nothing on standard output, one
 * sentence on standard error; which kind it was. */
static Refusal
check_refusal (Change *change)
{
  static const struct { const char *words; Refusal why; } sentences[] = {
    /* The gates held inside the write refused what they allowed before it. */
    { "a moment ago. ", REFUSED_CONFLICT },
    { "Only a registered problem can be started.", REFUSED_GATE },
    { "Only a problem under rectification can be submitted", REFUSED_GATE },
    { "Only a problem awaiting verification can be verified or rejected.", REFUSED_GATE },
    { "Only a closed problem can be reopened.", REFUSED_GATE },
    { "Add at least one rectification measure before submitting.", REFUSED_GATE },
    { "not done yet; mark every measure done before submitting.", REFUSED_GATE },
    { "This problem is closed and read-only", REFUSED_GATE },
    { "The new deadline must be later than the current one", REFUSED_GATE },
    { "Your role on the ledger's server does not allow this change", REFUSED_ROLE },
    { "Another clerk changed the same records at the same moment", REFUSED_CONFLICT },
  };
  const char *err = change->err != NULL ? change->err : "";

  if (change->status != 1 || !g_str_has_prefix (err, "rectify-cli: ") || !g_str_has_suffix (err, "\n") ||
      strchr (err, '\n') != err + strlen (err) - 1 || (change->out != NULL && change->out[0] != '\0'))
    g_error ("client %u, %s %s: exit %d, out “%s”, err “%s”", change->client, ops[change->op].name,
             change->number, change->status, change->out, err);
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    if (strstr (err, sentences[i].words) != NULL)
      return sentences[i].why;
  g_error ("client %u, %s %s: refused with a sentence of no known kind: %s", change->client,
           ops[change->op].name, change->number, err);
}

static const char *
action_key (Op op)
{
  switch (op)
    {
    case OP_START: return "start";
    case OP_SUBMIT: return "submit";
    case OP_VERIFY: return "verify";
    case OP_REJECT: return "reject";
    case OP_REOPEN: return "reopen";
    case OP_ADD:
    case OP_EDIT:
    case OP_MEASURE_ADD:
    case OP_MEASURE_DONE:
    case OP_EXTEND:
    case N_OPS:
    default:
      return NULL;
    }
}

/* Each committed change is in the ledger; each refused one left nothing. */
static void
check_changes (Ledger    *ledger,
               GPtrArray *changes)
{
  /* "number/action" → committed transitions the clients were told of */
  g_autoptr(GHashTable) told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) extended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) journaled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) last_description = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint added = 0, measures_added = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = g_ptr_array_index (changes, i);
      const char *login = client_login (change->client);
      g_autofree char *measure_text = g_strdup_printf ("%" G_GINT64_FORMAT, change->measure_id);
      gboolean committed = change->status == 0;
      Problem *problem;

      ledger->counts[change->op][committed]++;
      if (!committed)
        {
          Refusal why = check_refusal (change);

          ledger->refusals[why]++;
          if (change->op == OP_VERIFY && why == REFUSED_ROLE)
            ledger->clerk_close_refused++;
          /* Nothing of it: its unique text is nowhere. */
          if (change->op == OP_ADD)
            g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM problem WHERE description = $1",
                                         change->value, NULL), ==, 0);
          if (change->op == OP_EDIT || change->op == OP_ADD)
            g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM journal WHERE new_value = $1",
                                         change->value, NULL), ==, 0);
          if (change->op == OP_MEASURE_ADD)
            g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM measure WHERE text = $1",
                                         change->value, NULL), ==, 0);
          if (change->op == OP_EXTEND)
            g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM extension WHERE new_deadline = $1",
                                         change->value, NULL), ==, 0);
          continue;
        }

      /* A clerk never closes. */
      g_assert_true (change->op != OP_VERIFY || change->client == 0);
      problem = g_hash_table_lookup (ledger->by_number, change->number);
      if (problem == NULL)
        g_error ("client %u, %s: problem “%s” is not in the ledger", change->client, ops[change->op].name,
                 change->number);
      switch (change->op)
        {
        case OP_ADD:
          added++;
          g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM journal WHERE record_uuid = $1"
                                               " AND field = '*' AND who = $2", problem->uuid, login), ==, 1);
          if (g_hash_table_lookup (last_description, problem->number) == NULL)
            g_hash_table_insert (last_description, problem->number, change->value);
          break;
        case OP_EDIT:
          g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM journal WHERE record_uuid = $1"
                                               " AND field = 'description' AND new_value = $2",
                                       problem->uuid, change->value), ==, 1);
          break;
        case OP_MEASURE_ADD:
          measures_added++;
          g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM measure WHERE id = $1::bigint"
                                               " AND problem_id = $2::bigint", measure_text, problem->id), ==, 1);
          break;
        case OP_MEASURE_DONE:
          g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM journal j, measure m WHERE m.id = $1::bigint"
                                               " AND j.record_uuid = m.uuid AND j.field = 'done_date'"
                                               " AND j.new_value = $2", measure_text, change->value), >=, 1);
          g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM measure WHERE id = $1::bigint"
                                               " AND done_date IS NOT NULL", measure_text, NULL), ==, 1);
          break;
        case OP_EXTEND:
          g_assert_cmpint (count_rows (ledger, "SELECT count(*) FROM extension WHERE problem_id = $1::bigint"
                                               " AND new_deadline = $2", problem->id, change->value), ==, 1);
          key = g_strdup (problem->number);
          g_hash_table_insert (extended, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (extended, key)) + 1));
          break;
        case OP_START:
        case OP_SUBMIT:
        case OP_VERIFY:
        case OP_REJECT:
        case OP_REOPEN:
          {
            g_autofree char *told_key = g_strdup_printf ("%s/%s", problem->number, action_key (change->op));
            g_hash_table_insert (told, g_strdup (told_key),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (told, told_key)) + 1));
          }
          break;
        case N_OPS:
        default:
          g_assert_not_reached ();
        }
    }

  /* As many problems and measures as were made, no more. */
  g_assert_cmpint (count_rows (ledger, "SELECT count(*) - $1::int FROM problem", G_STRINGIFY (N_SEEDED), NULL), ==, added);
  g_assert_cmpint (count_rows (ledger, "SELECT count(*) - $1::int FROM measure", G_STRINGIFY (N_SEEDED_MEASURES), NULL),
                   ==, (gint64) measures_added);

  /* The journal's status changes are exactly the ones the clients were
   * told of, and its extensions. */
  for (int row = 0; row < PQntuples (ledger->journal); row++)
    {
      const char *table = field (ledger->journal, row, 0);
      const char *field_name = field (ledger->journal, row, 3);
      const char *who = field (ledger->journal, row, 6);
      Problem *problem = g_hash_table_lookup (ledger->by_uuid, field (ledger->journal, row, 1));
      RctProblemAction action;

      if (g_strcmp0 (who, SEEDER) == 0)
        continue;
      if (problem != NULL && g_str_equal (table, "problem") && g_str_equal (field_name, "status"))
        {
          g_autofree char *journal_key = NULL;

          if (!rct_workflow_step_between (field (ledger->journal, row, 4), field (ledger->journal, row, 5), &action))
            g_error ("%s: status %s → %s is no step of the workflow", problem->number,
                     field (ledger->journal, row, 4), field (ledger->journal, row, 5));
          journal_key = g_strdup_printf ("%s/%s", problem->number, rct_problem_action_to_key (action));
          g_hash_table_insert (journaled, g_strdup (journal_key),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (journaled, journal_key)) + 1));
        }
      if (g_str_equal (table, "extension"))
        {
          g_autofree char *journal_key = g_strdup_printf ("%s/extend", field (ledger->journal, row, 2));
          g_hash_table_insert (journaled, g_strdup (journal_key),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (journaled, journal_key)) + 1));
        }
      if (problem != NULL && g_str_equal (table, "problem") && g_str_equal (field_name, "description"))
        g_hash_table_insert (last_description, problem->number, (gpointer) field (ledger->journal, row, 5));
    }
  g_hash_table_iter_init (&iter, extended);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *told_key = g_strdup_printf ("%s/extend", (char *) key);
      g_hash_table_insert (told, g_steal_pointer (&told_key), value);
    }
  g_hash_table_iter_init (&iter, told);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_lookup (journaled, key) != value)
      g_error ("%s: the clients were told of %u, the journal holds %u", (char *) key, GPOINTER_TO_UINT (value),
               GPOINTER_TO_UINT (g_hash_table_lookup (journaled, key)));
  g_hash_table_iter_init (&iter, journaled);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_lookup (told, key) != value)
      g_error ("%s: the journal holds %u, the clients were told of %u", (char *) key, GPOINTER_TO_UINT (value),
               GPOINTER_TO_UINT (g_hash_table_lookup (told, key)));

  /* Each problem's description is the last one written. */
  g_hash_table_iter_init (&iter, last_description);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (((Problem *) g_hash_table_lookup (ledger->by_number, key))->description, ==, value);
}

/* Every problem's journal, in the order it was written, goes through the
 * workflow's gates: each status change is a step of the workflow from
 * the status before it, allowed by the gates with the measures as they
 * stood, closing by a verifier; nothing changes a closed problem but its
 * reopening; it ends where the ledger stands.
 *
 * A field's journal row says the value it replaced. When that is not the
 * value the field held (two clerks changed it at once, the second without
 * seeing the first's change), the overwrite is counted: a record's
 * revision, checked on every write, is to tell the second clerk instead. */
#define NOTHING "(nothing)"
static void
check_replay (Ledger *ledger)
{
  g_autoptr(GHashTable) field_now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer value;

  for (int row = 0; row < PQntuples (ledger->journal); row++)
    {
      const char *table = field (ledger->journal, row, 0);
      const char *uuid = field (ledger->journal, row, 1);
      const char *field_name = field (ledger->journal, row, 3);
      const char *old_value = field (ledger->journal, row, 4);
      const char *new_value = field (ledger->journal, row, 5);
      const char *who = field (ledger->journal, row, 6);
      Problem *problem = NULL;
      gboolean closed;

      if (g_str_equal (table, "problem"))
        problem = g_hash_table_lookup (ledger->by_uuid, uuid);
      else if (g_str_equal (table, "measure"))
        problem = g_hash_table_lookup (ledger->measure_of, uuid);
      else if (g_str_equal (table, "extension"))
        problem = g_hash_table_lookup (ledger->by_number, field (ledger->journal, row, 2));
      if (problem == NULL)
        continue;
      closed = g_str_equal (problem->replay_status, "closed");
      if (g_str_equal (field_name, "description") || g_str_equal (field_name, "done_date"))
        {
          g_autofree char *key = g_strdup_printf ("%s/%s", uuid, field_name);
          const char *before = g_hash_table_lookup (field_now, key);

          if (before != NULL && g_strcmp0 (before, old_value != NULL ? old_value : NOTHING) != 0)
            ledger->unseen_overwrites++;
          if (g_str_equal (table, "measure") && g_strcmp0 (before, NOTHING) == 0 && new_value != NULL)
            problem->replay_open--;
          g_hash_table_insert (field_now, g_steal_pointer (&key), g_strdup (new_value != NULL ? new_value : NOTHING));
        }

      if (g_str_equal (table, "problem") && g_str_equal (field_name, "status"))
        {
          RctWorkflowProblem state = { 0 };
          RctProblemAction action;
          g_autoptr(GError) error = NULL;

          if (g_strcmp0 (old_value, problem->replay_status) != 0)
            g_error ("%s (journal row %d): status %s → %s, but it stood at %s", problem->number, row,
                     old_value, new_value, problem->replay_status);
          g_assert_true (rct_workflow_step_between (old_value, new_value, &action));
          state.status = problem->replay_status;
          state.n_measures = problem->replay_measures;
          state.n_open_measures = problem->replay_open;
          if (!rct_workflow_allows (&state, action, &error))
            g_error ("%s (journal row %d): %s passed a gate that did not hold: %s", problem->number, row,
                     rct_problem_action_to_key (action), error->message);
          if (action == RCT_ACTION_VERIFY && !is_verifier_login (who))
            g_error ("%s (journal row %d): closed by %s, who is no verifier", problem->number, row, who);
          problem->replay_status = g_intern_string (new_value);
        }
      else if (closed && !(g_str_equal (table, "problem") && g_str_equal (field_name, "closed_date")))
        g_error ("%s (journal row %d): %s.%s changed while the problem was closed", problem->number, row,
                 table, field_name);
      else if (g_str_equal (table, "measure") && g_str_equal (field_name, "*") && old_value == NULL)
        {
          problem->replay_measures++;
          problem->replay_open++;
          g_hash_table_insert (field_now, g_strdup_printf ("%s/done_date", uuid), g_strdup (NOTHING));
        }
    }

  g_hash_table_iter_init (&iter, ledger->by_number);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Problem *problem = value;

      g_assert_cmpstr (problem->replay_status, ==, problem->status);
      g_assert_cmpuint (problem->replay_measures, ==, problem->n_measures);
      g_assert_cmpuint (problem->replay_open, ==, problem->n_open);
    }
}

/* The running totals the triggers keep equal a count of the problems. */
static void
check_totals (Ledger *ledger)
{
  g_autofree char *kept = pg_text (ledger->conn,
    "SELECT string_agg (concat_ws ('/', unit_id, source, status, n, on_time, days), ' '"
    " ORDER BY unit_id, source, status) FROM total_problem WHERE n <> 0");
  g_autofree char *scan = pg_text (ledger->conn,
    "SELECT string_agg (concat_ws ('/', unit_id, source, status, n, on_time, days), ' '"
    " ORDER BY unit_id, source, status) FROM (SELECT unit_id, source, status, count(*) AS n,"
    " sum (rct_total_on_time (status, closed_date, deadline)) AS on_time,"
    " sum (rct_total_days (status, found_date, closed_date)) AS days FROM problem GROUP BY 1, 2, 3) t");
  g_autofree char *kept_open = pg_text (ledger->conn,
    "SELECT string_agg (format ('%s/%s/%s', unit_id, deadline, n), ' ' ORDER BY unit_id, deadline)"
    " FROM total_open WHERE n <> 0");
  g_autofree char *scan_open = pg_text (ledger->conn,
    "SELECT string_agg (format ('%s/%s/%s', unit_id, deadline, n), ' ' ORDER BY unit_id, deadline)"
    " FROM (SELECT unit_id, deadline, count(*) n FROM problem WHERE status <> 'closed' GROUP BY 1, 2) t");

  g_assert_nonnull (scan);
  g_assert_cmpstr (kept, ==, scan);
  g_assert_cmpstr (kept_open, ==, scan_open);
}

/* ---- the tests ---- */

static void
parse_size (guint *n_clients,
            guint *n_changes)
{
  const char *size = g_getenv ("RECTIFY_CONCURRENCY");

  *n_clients = 4;
  *n_changes = 150;
  if (size != NULL && sscanf (size, "%ux%u", n_clients, n_changes) != 2)
    g_error ("RECTIFY_CONCURRENCY is PROCESSESxCHANGES, e.g. 6x1000, not “%s”", size);
  g_assert_cmpuint (*n_clients, >=, 2);
  g_assert_cmpuint (*n_clients, <=, 9);
}

static void
test_random (void)
{
  Run run = { 0 };
  g_autofree char *name = NULL;
  g_autofree Client *clients = NULL;
  g_autofree GThread **threads = NULL;
  g_autoptr(GTimer) timer = NULL;
  Ledger ledger = { 0 };
  double seconds;
  guint committed = 0;

  if (!have_server ())
    return;
  parse_size (&run.n_clients, &run.n_changes);
  run.seed = g_getenv ("RECTIFY_CONCURRENCY_SEED") != NULL
             ? (guint) g_ascii_strtoull (g_getenv ("RECTIFY_CONCURRENCY_SEED"), NULL, 10) : 20;
  run.cli = g_getenv ("RECTIFY_CLI");
  g_assert_nonnull (run.cli);
  run.dir = rct_test_make_dir ();
  run.location = make_ledger (&name);
  g_mutex_init (&run.lock);
  run.numbers = g_ptr_array_new_with_free_func (g_free);
  run.measures = g_array_new (FALSE, FALSE, sizeof (KnownMeasure));
  run.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  {
    PGconn *conn = pg_connect (run.location);
    PGresult *result = pg_query (conn, "SELECT number FROM problem ORDER BY id");
    PGresult *measures = pg_query (conn, "SELECT m.id, p.number FROM measure m JOIN problem p ON p.id = m.problem_id");

    for (int i = 0; i < PQntuples (result); i++)
      g_ptr_array_add (run.numbers, g_strdup (PQgetvalue (result, i, 0)));
    for (int i = 0; i < PQntuples (measures); i++)
      {
        KnownMeasure known = { g_ascii_strtoll (PQgetvalue (measures, i, 0), NULL, 10),
                               g_strdup (PQgetvalue (measures, i, 1)), FALSE };
        g_array_append_val (run.measures, known);
      }
    PQclear (result);
    PQclear (measures);
    PQfinish (conn);
  }
  g_test_message ("clients' logs in %s", run.dir);

  timer = g_timer_new ();
  clients = g_new0 (Client, run.n_clients);
  threads = g_new0 (GThread *, run.n_clients);
  for (guint i = 0; i < run.n_clients; i++)
    {
      clients[i].run = &run;
      clients[i].index = i;
      threads[i] = g_thread_new ("client", client_run, &clients[i]);
    }
  for (guint i = 0; i < run.n_clients; i++)
    g_thread_join (threads[i]);
  seconds = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (run.changes->len, ==, run.n_clients * run.n_changes);

  load_ledger (&ledger, run.location);
  check_changes (&ledger, run.changes);
  check_replay (&ledger);
  check_totals (&ledger);

  for (guint op = 0; op < N_OPS; op++)
    {
      committed += ledger.counts[op][TRUE];
      g_test_message ("%-12s %5u committed, %5u refused", ops[op].name, ledger.counts[op][TRUE],
                      ledger.counts[op][FALSE]);
    }
  /* The figures of docs/RELIABILITY.md. */
  printf ("# concurrency: %u processes at once, %u changes attempted, %u committed, %u refused by the gates,"
          " %u by the role (a clerk closing or reopening), %u conflicts told, 0 lost, %u overwrites of a change"
          " not seen; %.1f s, %.0f ms a change\n",
          run.n_clients, run.changes->len, committed, ledger.refusals[REFUSED_GATE], ledger.refusals[REFUSED_ROLE],
          ledger.refusals[REFUSED_CONFLICT], ledger.unseen_overwrites, seconds,
          seconds * 1000 * run.n_clients / run.changes->len);
  /* Enough of each kind happened for the run to mean something. */
  g_assert_cmpuint (ledger.counts[OP_VERIFY][TRUE], >, 0);
  g_assert_cmpuint (ledger.counts[OP_SUBMIT][TRUE], >, 0);
  g_assert_cmpuint (ledger.refusals[REFUSED_GATE], >, 0);

  clear_ledger (&ledger);
  rct_test_pg_drop_database (name);
  if (g_getenv ("RECTIFY_CONCURRENCY_KEEP") == NULL)
    rct_test_remove_dir (run.dir);
  for (guint i = 0; i < run.measures->len; i++)
    g_free (g_array_index (run.measures, KnownMeasure, i).number);
  g_array_unref (run.measures);
  g_ptr_array_unref (run.numbers);
  g_ptr_array_unref (run.changes);
  g_mutex_clear (&run.lock);
  g_free (run.location);
  g_free (run.dir);
}

/* ---- the gates under a race, made to happen ---- */

typedef struct
{
  guint  client;
  char  *out;
  char  *err;
  int    status;
  guint *n_done;
} Racer;

static void
racer_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Racer *racer = data;
  GSubprocess *process = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (process, result, &racer->out, &racer->err, &error);
  g_assert_no_error (error);
  racer->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  (*racer->n_done)++;
}

/* A problem's row held as an update holds it, not its key: a measure's
 * foreign key does not wait for it. */
#define HOLD_ROW "SELECT id FROM problem WHERE number = $1 FOR NO KEY UPDATE"

static gint64
count_waiting (PGconn *conn)
{
  g_autofree char *text = pg_text (conn, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                         " AND wait_event_type = 'Lock'");
  return g_ascii_strtoll (text, NULL, 10);
}

/* Runs the commands of @commands (each a client's index, then its
 * arguments, ending with NULL; the list ends with a NULL) at once while
 * the owner holds what @hold takes (with @number as its one parameter),
 * so that each has read before any writes; lets go when every one has
 * either finished or waits for it. @in_order starts each once the one
 * before waits, so they have what is held in that order. */
static Racer *
race (const char                *location,
      const char                *hold,
      const char                *number,
      const char *const *const  *commands,
      gboolean                   in_order)
{
  const char *cli = g_getenv ("RECTIFY_CLI");
  PGconn *owner = pg_connect (location);
  /* (Inside a transaction, pg_stat_activity stays as it first read it.) */
  PGconn *watch = pg_connect (location);
  guint n = 0, n_done = 0;
  Racer *racers;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  const char *params[] = { number };
  PGresult *result;

  while (commands[n] != NULL)
    n++;
  racers = g_new0 (Racer, n + 1);
  pg_exec (owner, "BEGIN");
  result = PQexecParams (owner, hold, number != NULL ? 1 : 0, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (result), !=, PGRES_FATAL_ERROR);
  PQclear (result);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      const char *login = client_login (GPOINTER_TO_UINT (commands[i][0]));

      racers[i].client = GPOINTER_TO_UINT (commands[i][0]);
      racers[i].n_done = &n_done;
      add_args (args, cli, "--db", NULL);
      g_ptr_array_add (args, location_as (location, login));
      add_args (args, "--operator", login, NULL);
      for (guint j = 1; commands[i][j] != NULL; j++)
        add_args (args, commands[i][j], NULL);
      g_ptr_array_add (args, NULL);
      process = g_subprocess_newv ((const char *const *) args->pdata,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8_async (process, NULL, NULL, racer_done_cb, &racers[i]);
      while (in_order && n_done + count_waiting (watch) < i + 1)
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (20 * 1000);
        }
    }
  while (n_done + count_waiting (watch) < n)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }
  pg_exec (owner, "COMMIT");
  PQfinish (owner);
  PQfinish (watch);
  while (n_done < n)
    g_main_context_iteration (NULL, TRUE);
  return racers;
}

static void
racers_free (Racer *racers)
{
  for (Racer *racer = racers; racer->n_done != NULL; racer++)
    {
      g_free (racer->out);
      g_free (racer->err);
    }
  g_free (racers);
}

/* The problem @number of @location moved to @status by the owner. */
static void
prepare_problem (const char *location,
                 const char *number,
                 const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (location, RCT_STORE_OPEN_DEFAULT, &error);
  gint64 id;

  g_assert_no_error (error);
  rct_store_set_operator (store, SEEDER);
  id = rct_store_find_id (store, RCT_KIND_PROBLEM, number, &error);
  g_assert_no_error (error);
  /* The seeded problems 1 to 25 have one measure, open. */
  if (!g_str_equal (status, "registered"))
    {
      g_autoptr(GPtrArray) measures = NULL;
      g_autofree char *problem_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      PGconn *conn = pg_connect (location);
      const char *params[] = { problem_id };
      PGresult *result = PQexecParams (conn, "SELECT id FROM measure WHERE problem_id = $1::bigint", 1, NULL,
                                       params, NULL, NULL, 0);

      rct_store_problem_act (store, id, RCT_ACTION_START, NULL, &error);
      g_assert_no_error (error);
      for (int i = 0; i < PQntuples (result); i++)
        g_assert_true (rct_store_measure_done (store, g_ascii_strtoll (PQgetvalue (result, i, 0), NULL, 10),
                                               "2026-02-10", &error));
      PQclear (result);
      PQfinish (conn);
    }
  if (g_str_equal (status, "awaiting-verification"))
    g_assert_true (rct_store_problem_act (store, id, RCT_ACTION_SUBMIT, NULL, &error));
  g_assert_no_error (error);
  rct_store_close (store);
}

/* After a race: the journal replays through the gates and the totals are
 * right. */
static void
check_after_race (const char *location)
{
  Ledger ledger = { 0 };

  load_ledger (&ledger, location);
  check_replay (&ledger);
  check_totals (&ledger);
  clear_ledger (&ledger);
}

/* Two who close or send back the same problem at the same moment: one
 * succeeds, the other is told, in one sentence, that it no longer awaits
 * verification; the journal stays a path through the workflow. */
static void
test_gates_verify_race (void)
{
  static const char *const verify[] = { GUINT_TO_POINTER (0), "problem", "verify", "2026-001", "--verifier",
                                        VERIFIER_NAME, "--verification", "现场核查", NULL };
  static const char *const reject[] = { GUINT_TO_POINTER (1), "problem", "reject", "2026-001", "--reason",
                                        "整改不到位", NULL };
  static const char *const *const races[][3] = { { verify, reject, NULL }, { verify, verify, NULL } };
  g_autofree char *name = NULL;
  g_autofree char *location = NULL;

  if (!have_server ())
    return;
  location = make_ledger (&name);
  prepare_problem (location, "2026-001", "awaiting-verification");
  for (guint r = 0; r < G_N_ELEMENTS (races); r++)
    {
      Racer *racers;
      guint n_ok = 0;

      racers = race (location, HOLD_ROW, "2026-001", races[r], FALSE);
      for (guint i = 0; i < 2; i++)
        if (racers[i].status == 0)
          n_ok++;
        else
          g_assert_cmpstr (racers[i].err, ==, "rectify-cli: Someone else changed problem 2026-001 a moment ago."
                                              " Only a problem awaiting verification can be verified or rejected.\n");
      g_assert_cmpuint (n_ok, ==, 1);
      check_after_race (location);
      racers_free (racers);
      /* Back to where the next race starts. */
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RctStore) store = rct_store_open (location, RCT_STORE_OPEN_DEFAULT, &error);
        g_autoptr(RctProblem) problem = NULL;
        RctWorkflowInput input = { .reason = "再核" };
        gint64 id = rct_store_find_id (store, RCT_KIND_PROBLEM, "2026-001", &error);

        problem = rct_store_get (store, RCT_KIND_PROBLEM, id, &error);
        g_assert_no_error (error);
        rct_store_set_operator (store, SEEDER);
        if (g_str_equal (problem->status, "closed"))
          g_assert_true (rct_store_problem_act (store, id, RCT_ACTION_REOPEN, &input, &error));
        g_assert_true (rct_store_problem_act (store, id, RCT_ACTION_SUBMIT, NULL, &error));
        g_assert_no_error (error);
        rct_store_close (store);
      }
    }
  rct_test_pg_drop_database (name);
}

/* A measure added while the problem is submitted: either the submit came
 * first (the measure is added to a problem awaiting verification), or the
 * measure did and the submit is refused; never a submit that counted the
 * measures without it. */
static void
test_gates_submit_race (void)
{
  static const char *const submit[] = { GUINT_TO_POINTER (1), "problem", "submit", "2026-002", NULL };
  static const char *const measure[] = { GUINT_TO_POINTER (2), "measure", "add", "2026-002", "--text", "补充措施",
                                         NULL };
  static const char *const *const commands[] = { submit, measure, NULL };
  g_autofree char *name = NULL;
  g_autofree char *location = NULL;
  Racer *racers;

  if (!have_server ())
    return;
  location = make_ledger (&name);
  prepare_problem (location, "2026-002", "rectifying");
  racers = race (location, HOLD_ROW, "2026-002", commands, FALSE);
  g_assert_cmpint (racers[1].status, ==, 0);
  if (racers[0].status != 0)
    g_assert_cmpstr (racers[0].err, ==, "rectify-cli: Someone else changed problem 2026-002 a moment ago."
                                        " 1 measure is not done yet; mark every measure done before submitting.\n");
  check_after_race (location);
  racers_free (racers);
  rct_test_pg_drop_database (name);
}

/* A problem edited while it is being closed: the closing has the row
 * first, and the edit, read while the problem still awaited verification,
 * is refused once it holds the row, for the problem is closed now. The
 * verifier edits, so the server's row rule (a clerk writes no closed
 * problem) does not refuse it first. */
static void
test_gates_edit_while_closing (void)
{
  static const char *const verify[] = { GUINT_TO_POINTER (0), "problem", "verify", "2026-004", "--verifier",
                                        VERIFIER_NAME, "--verification", "现场核查", NULL };
  static const char *const edit[] = { GUINT_TO_POINTER (0), "problem", "edit", "2026-004", "--description",
                                      "关门前改写", NULL };
  static const char *const *const commands[] = { verify, edit, NULL };
  g_autofree char *name = NULL;
  g_autofree char *location = NULL;
  Racer *racers;

  if (!have_server ())
    return;
  location = make_ledger (&name);
  prepare_problem (location, "2026-004", "awaiting-verification");
  racers = race (location, HOLD_ROW, "2026-004", commands, TRUE);
  g_assert_cmpint (racers[0].status, ==, 0);
  g_assert_cmpint (racers[1].status, ==, 1);
  g_assert_cmpstr (racers[1].err, ==, "rectify-cli: This problem is closed and read-only; reopen it, with a reason,"
                                      " to change it.\n");
  check_after_race (location);
  racers_free (racers);
  rct_test_pg_drop_database (name);
}

/* Clerks registering problems at once each take a number of their own:
 * the owner holds the table against inserts while they read the last
 * number, then lets go. */
static void
test_numbers_race (void)
{
  static const char *const add1[] = { GUINT_TO_POINTER (1), "problem", "add", "--description", "同时登记一",
                                      "--unit", "一局", "--source", "self-inspection", "--found", "2026-02-01",
                                      "--deadline", "2026-07-31", NULL };
  static const char *const add2[] = { GUINT_TO_POINTER (2), "problem", "add", "--description", "同时登记二",
                                      "--unit", "二局", "--source", "self-inspection", "--found", "2026-02-01",
                                      "--deadline", "2026-07-31", NULL };
  static const char *const add3[] = { GUINT_TO_POINTER (0), "problem", "add", "--description", "同时登记三",
                                      "--unit", "三局", "--source", "self-inspection", "--found", "2026-02-01",
                                      "--deadline", "2026-07-31", NULL };
  static const char *const *const commands[] = { add1, add2, add3, NULL };
  g_autofree char *name = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  Racer *racers;

  if (!have_server ())
    return;
  location = make_ledger (&name);
  racers = race (location, "LOCK TABLE problem IN SHARE MODE", NULL, commands, FALSE);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (racers[i].err, ==, "");
      g_assert_cmpint (racers[i].status, ==, 0);
      g_strstrip (racers[i].out);
      g_assert_true (g_str_has_prefix (racers[i].out, "2026-0"));
      g_hash_table_add (numbers, racers[i].out);
    }
  g_assert_cmpuint (g_hash_table_size (numbers), ==, 3);
  check_after_race (location);
  racers_free (racers);
  rct_test_pg_drop_database (name);
}

/* A clerk's login cannot close a problem, whatever the command line says:
 * the server's row rule refuses, in one sentence, and nothing of the
 * verification is kept; the verifier's login closes it. */
static void
test_roles_clerk_cannot_close (void)
{
  g_autofree char *name = NULL;
  g_autofree char *location = NULL;
  g_autofree char *as_clerk = NULL;
  g_autofree char *as_verifier = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PGconn *conn;

  if (!have_server ())
    return;
  location = make_ledger (&name);
  prepare_problem (location, "2026-003", "awaiting-verification");
  as_clerk = location_as (location, client_login (1));
  as_verifier = location_as (location, client_login (0));
  conn = pg_connect (location);
  before = pg_text (conn, "SELECT count(*) FROM journal");

  g_assert_cmpint (rct_test_run_cli (&out, &err, "--db", as_clerk, "--operator", client_login (1), "problem", "verify",
                                     "2026-003", "--verifier", VERIFIER_NAME, "--verification", "现场核查", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "rectify-cli: Your role on the ledger's server does not allow this change: nothing was saved.\n");
  after = pg_text (conn, "SELECT count(*) FROM journal");
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  after = pg_text (conn, "SELECT concat_ws ('/', status, verification, verified_by, closed_date) FROM problem"
                         " WHERE number = '2026-003'");
  g_assert_cmpstr (after, ==, "awaiting-verification");

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", as_verifier, "--operator", client_login (0), "problem", "verify",
                                     "2026-003", "--verifier", VERIFIER_NAME, "--verification", "现场核查", NULL), ==, 0);
  g_clear_pointer (&after, g_free);
  after = pg_text (conn, "SELECT concat_ws ('/', status, verified_by, who) FROM problem, journal"
                         " WHERE number = '2026-003' AND record_uuid = problem.uuid AND field = 'status'"
                         " ORDER BY journal.id DESC LIMIT 1");
  g_assert_cmpstr (after, ==, "closed/" VERIFIER_NAME "/rct_conc_verifier");
  PQfinish (conn);
  check_after_race (location);
  rct_test_pg_drop_database (name);
}

int
main (int argc, char **argv)
{
  g_setenv ("RECTIFY_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/concurrency/gates/verify-race", test_gates_verify_race);
  g_test_add_func ("/concurrency/gates/submit-race", test_gates_submit_race);
  g_test_add_func ("/concurrency/gates/edit-while-closing", test_gates_edit_while_closing);
  g_test_add_func ("/concurrency/roles/clerk-cannot-close", test_roles_clerk_cannot_close);
  g_test_add_func ("/concurrency/cli/numbers-race", test_numbers_race);
  g_test_add_func ("/concurrency/cli/random", test_random);
  return g_test_run ();
}
