/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "rct-clock.h"
#include "rct-overview-page.h"
#include "rct-report.h"
#include "rct-test-util.h"

/* Every figure reads the same wherever it is shown. For the demo ledger
 * and for generated ones (a few seeds), over a few periods and units, each
 * figure is counted here from the records themselves (`list … --json`) and
 * written with the one rule of docs/FIGURES.md; then the text each view
 * shows must be exactly that: the overview (read from its widgets in a
 * real window), `stats --json` (its fractions written with the rule), the
 * XML's summary, the HTML page (parsed) and the PDF (pdftotext). The DOCX
 * does not exist yet. */

typedef struct
{
  const char *name;
  guint       synthetic;   /* 0: the demo */
  guint       seed;
  const char *today;
  const char *from;
  const char *to;
  const char *units[3];
} Case;

static const Case cases[] = {
  { "demo", 0, 0, "2021-05-20", NULL, NULL, { NULL } },
  { "demo-april", 0, 0, "2021-05-20", "2021-04-01", "2021-04-30", { NULL } },
  { "demo-two-units", 0, 0, "2021-05-20", NULL, NULL, { "交警大队", "曲堤派出所", NULL } },
  { "synthetic-7", 600, 7, "2023-06-30", NULL, NULL, { NULL } },
  { "synthetic-11-2022", 600, 11, "2023-06-30", "2022-01-01", "2022-12-31", { NULL } },
  { "synthetic-23-unit-2021", 600, 23, "2021-09-15", "2021-01-01", "2021-09-15", { "东城派出所", NULL } },
};

/* The summary figures, by the key used here for every view. */
static const char *summary_keys[] = {
  "problems", "closed", "closing_rate", "on_time_rate", "overdue", "due_soon", "avg_days", "tasks",
  "feedback", "replied", "reply_rate", "satisfaction_rate", "feedback_overdue", "listed", NULL,
};

typedef struct
{
  gint64 total;   /* problems, or tasks of a group */
  gint64 closed;  /* or done */
  gint64 overdue;
} Tally;

typedef struct
{
  GHashTable *summary;  /* key -> text */
  GHashTable *units;    /* unit name -> "total|closed|rate|overdue" */
  GHashTable *groups;   /* group name -> "done / tasks|rate" */
} Shown;

/* ---- the rule, written again here from its definition ---- */

static char *
expect_ratio (gint64 n,
              gint64 d)
{
  gint64 tenths;

  if (d <= 0)
    return g_strdup ("—");
  tenths = (2000 * n + d) / (2 * d);  /* half away from zero, n >= 0 */
  return g_strdup_printf ("%d.%d%%", (int) (tenths / 10), (int) (tenths % 10));
}

static char *
expect_mean (gint64 sum,
             gint64 count)
{
  gint64 tenths, magnitude = sum < 0 ? -sum : sum;

  if (count <= 0)
    return g_strdup ("—");
  tenths = (20 * magnitude + count) / (2 * count);
  return g_strdup_printf ("%s%d.%d", sum < 0 && tenths > 0 ? "-" : "", (int) (tenths / 10), (int) (tenths % 10));
}

static char *
count (gint64 n)
{
  return g_strdup_printf ("%d", (int) n);
}

/* A fraction from `stats --json` or the XML, written with the rule; the
 * noise of a binary fraction (a millionth of a tenth) does not decide. */
static char *
fraction_text (double   value,
               gboolean percent)
{
  gint64 tenths = (gint64) (value * (percent ? 1000.0 : 10.0) + 0.5 + 1e-6);

  return g_strdup_printf (percent ? "%d.%d%%" : "%d.%d", (int) (tenths / 10), (int) (tenths % 10));
}

/* ---- counting from the lists ---- */

static JsonArray *
list_json (const char *db,
           const char *what)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "list", what, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static const char *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : NULL;
}

static gboolean
in_scope (const Case *c,
          const char *date,
          const char *unit)
{
  if (c->from != NULL && (date == NULL || strcmp (date, c->from) < 0))
    return FALSE;
  if (c->to != NULL && (date == NULL || strcmp (date, c->to) > 0))
    return FALSE;
  if (c->units[0] != NULL && (unit == NULL || !g_strv_contains ((const char * const *) c->units, unit)))
    return FALSE;
  return TRUE;
}

static gint64
julian (const char *date)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *stamp = g_strconcat (date, "T00:00:00Z", NULL);

  day = g_date_time_new_from_iso8601 (stamp, NULL);
  g_assert_nonnull (day);
  return g_date_time_to_unix (day) / 86400;
}

static Tally *
tally_of (GHashTable *tallies,
          const char *name)
{
  Tally *tally = g_hash_table_lookup (tallies, name);

  if (tally == NULL)
    {
      tally = g_new0 (Tally, 1);
      g_hash_table_insert (tallies, g_strdup (name), tally);
    }
  return tally;
}

static Shown *
shown_new (void)
{
  Shown *shown = g_new0 (Shown, 1);
  shown->summary = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  shown->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  shown->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return shown;
}

static void
shown_free (Shown *shown)
{
  g_hash_table_unref (shown->summary);
  g_hash_table_unref (shown->units);
  g_hash_table_unref (shown->groups);
  g_free (shown);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shown, shown_free)

static void
put_unit (Shown      *shown,
          const char *name,
          const char *total,
          const char *closed,
          const char *rate,
          const char *overdue)
{
  g_hash_table_insert (shown->units, g_strdup (name), g_strjoin ("|", total, closed, rate, overdue, NULL));
}

static void
put_group (Shown      *shown,
           const char *name,
           const char *done_of_all,
           const char *rate)
{
  g_hash_table_insert (shown->groups, g_strdup (name), g_strjoin ("|", done_of_all, rate, NULL));
}

/* Every figure of @c as it must read, counted from the records. */
static Shown *
count_from_lists (const Case *c,
                  const char *db)
{
  g_autoptr(JsonArray) problems = list_json (db, "problems");
  g_autoptr(JsonArray) tasks = list_json (db, "tasks");
  g_autoptr(JsonArray) feedback = list_json (db, "feedback");
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDateTime) today_time = NULL;
  g_autofree char *soon = NULL;
  gint64 total = 0, closed = 0, on_time = 0, overdue = 0, due_soon = 0, days = 0, listed = 0;
  gint64 n_tasks = 0, done = 0, received = 0, replied = 0, late = 0, rated = 0, satisfied = 0;
  Shown *shown = shown_new ();
  GHashTableIter iter;
  gpointer key, value;

  {
    g_autofree char *stamp = g_strconcat (c->today, "T00:00:00Z", NULL);
    g_autoptr(GDateTime) in_three_days = NULL;
    today_time = g_date_time_new_from_iso8601 (stamp, NULL);
    in_three_days = g_date_time_add_days (today_time, 3);
    soon = g_date_time_format (in_three_days, "%Y-%m-%d");
  }

  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);
      const char *status = member (p, "status");
      const char *deadline = member (p, "deadline");
      const char *unit = member (p, "unit_name");
      gboolean is_closed = g_strcmp0 (status, "closed") == 0;
      Tally *tally;

      if (!in_scope (c, member (p, "found_date"), unit))
        continue;
      tally = tally_of (units, unit);
      total++;
      tally->total++;
      /* 挂牌督办 not lifted: the listing's "open". */
      if (json_object_get_member (p, "listed") != NULL && !json_object_get_null_member (p, "listed") &&
          json_object_get_boolean_member (json_object_get_object_member (p, "listed"), "open"))
        listed++;
      if (is_closed)
        {
          closed++;
          tally->closed++;
          if (deadline != NULL && g_strcmp0 (member (p, "closed_date"), deadline) <= 0)
            on_time++;
          days += julian (member (p, "closed_date")) - julian (member (p, "found_date"));
        }
      else if (deadline != NULL && strcmp (deadline, c->today) < 0)
        {
          overdue++;
          tally->overdue++;
        }
      else if (deadline != NULL && strcmp (deadline, soon) <= 0)
        due_soon++;
    }

  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      JsonObject *t = json_array_get_object_element (tasks, i);
      Tally *tally;

      if (!in_scope (c, member (t, "deadline"), member (t, "unit_name")))
        continue;
      tally = tally_of (groups, member (t, "group_name"));
      n_tasks++;
      tally->total++;
      if (g_strcmp0 (member (t, "status"), "done") == 0)
        {
          done++;
          tally->closed++;
        }
    }

  for (guint i = 0; i < json_array_get_length (feedback); i++)
    {
      JsonObject *f = json_array_get_object_element (feedback, i);
      const char *satisfaction = member (f, "satisfaction");
      const char *reply_due = member (f, "reply_due");

      if (!in_scope (c, member (f, "received_date"), member (f, "unit_name")))
        continue;
      received++;
      if (member (f, "reply_date") != NULL)
        {
          replied++;
          if (satisfaction != NULL)
            rated++;
          if (g_strcmp0 (satisfaction, "satisfied") == 0 || g_strcmp0 (satisfaction, "basically-satisfied") == 0)
            satisfied++;
        }
      else if (reply_due != NULL && strcmp (reply_due, c->today) < 0)
        late++;
    }

  g_hash_table_insert (shown->summary, "problems", count (total));
  g_hash_table_insert (shown->summary, "closed", count (closed));
  g_hash_table_insert (shown->summary, "closing_rate", expect_ratio (closed, total));
  g_hash_table_insert (shown->summary, "on_time_rate", expect_ratio (on_time, closed));
  g_hash_table_insert (shown->summary, "overdue", count (overdue));
  g_hash_table_insert (shown->summary, "due_soon", count (due_soon));
  g_hash_table_insert (shown->summary, "listed", count (listed));
  g_hash_table_insert (shown->summary, "avg_days", expect_mean (days, closed));
  g_hash_table_insert (shown->summary, "tasks", g_strdup_printf ("%d / %d", (int) done, (int) n_tasks));
  g_hash_table_insert (shown->summary, "feedback", count (received));
  g_hash_table_insert (shown->summary, "replied", count (replied));
  g_hash_table_insert (shown->summary, "reply_rate", expect_ratio (replied, received));
  g_hash_table_insert (shown->summary, "satisfaction_rate", expect_ratio (satisfied, rated));
  g_hash_table_insert (shown->summary, "feedback_overdue", count (late));

  g_hash_table_iter_init (&iter, units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Tally *tally = value;
      g_autofree char *t = count (tally->total);
      g_autofree char *cl = count (tally->closed);
      g_autofree char *rate = expect_ratio (tally->closed, tally->total);
      g_autofree char *od = count (tally->overdue);
      put_unit (shown, key, t, cl, rate, od);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Tally *tally = value;
      g_autofree char *of = g_strdup_printf ("%d / %d", (int) tally->closed, (int) tally->total);
      g_autofree char *rate = expect_ratio (tally->closed, tally->total);
      put_group (shown, key, of, rate);
    }
  return shown;
}

/* ---- comparing ---- */

/* Every difference is told (the test's result keeps only the last). */
static void G_GNUC_PRINTF (1, 2)
mismatch (const char *format,
          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s", text);
  g_test_fail_printf ("%s", text);
}

/* Every figure @view shows must be the counted one; a unit or group the
 * view lists with nothing counted must show nothing (zeros and "—"). */
static void
compare (const Case *c,
         const char *view,
         Shown      *expected,
         Shown      *shown,
         gboolean    all_summary)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; summary_keys[i] != NULL; i++)
    {
      const char *want = g_hash_table_lookup (expected->summary, summary_keys[i]);
      const char *got = g_hash_table_lookup (shown->summary, summary_keys[i]);

      if (got == NULL && !all_summary)
        continue;
      if (g_strcmp0 (want, got) != 0)
        mismatch ("%s: %s shows %s = “%s”, the records give “%s”", c->name, view, summary_keys[i],
                            got != NULL ? got : "(nothing)", want);
    }
  g_hash_table_iter_init (&iter, shown->units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *want = g_hash_table_lookup (expected->units, key);
      if (g_strcmp0 (want != NULL ? want : "0|0|—|0", value) != 0)
        mismatch ("%s: %s shows unit %s as “%s”, the records give “%s”", c->name, view, (char *) key,
                            (char *) value, want);
    }
  g_hash_table_iter_init (&iter, expected->units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_size (shown->units) > 0 && !g_hash_table_contains (shown->units, key))
      mismatch ("%s: %s leaves out unit %s", c->name, view, (char *) key);
  g_hash_table_iter_init (&iter, shown->groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *want = g_hash_table_lookup (expected->groups, key);
      if (g_strcmp0 (want != NULL ? want : "0 / 0|—", value) != 0)
        mismatch ("%s: %s shows group %s as “%s”, the records give “%s”", c->name, view, (char *) key,
                            (char *) value, want);
    }
}

/* ---- the views ---- */

static void
add_scope_args (GPtrArray  *args,
                const Case *c)
{
  if (c->from != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--from");
      g_ptr_array_add (args, (gpointer) c->from);
    }
  if (c->to != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--to");
      g_ptr_array_add (args, (gpointer) c->to);
    }
  for (guint i = 0; c->units[i] != NULL; i++)
    {
      g_ptr_array_add (args, (gpointer) "--unit");
      g_ptr_array_add (args, (gpointer) c->units[i]);
    }
}

static int
run_cli_argv (char     **out,
              GPtrArray *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_insert (args, 0, (gpointer) g_getenv ("RECTIFY_CLI"));
  g_ptr_array_add (args, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, &err, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_printerr ("%s\n", err);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static double
json_fraction (JsonObject *object,
               const char *name,
               gboolean   *is_null)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  *is_null = JSON_NODE_HOLDS_NULL (node);
  return *is_null ? 0 : json_node_get_double (node);
}

static void
put_fraction (Shown      *shown,
              const char *key,
              JsonObject *object,
              const char *name,
              gboolean    percent)
{
  gboolean is_null;
  double value = json_fraction (object, name, &is_null);

  g_hash_table_insert (shown->summary, (gpointer) key, is_null ? g_strdup ("—") : fraction_text (value, percent));
}

static Shown *
read_stats (const Case *c,
            const char *db)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *problems, *tasks, *feedback;
  Shown *shown = shown_new ();

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) db);
  g_ptr_array_add (args, (gpointer) "stats");
  g_ptr_array_add (args, (gpointer) "--json");
  add_scope_args (args, c);
  g_assert_cmpint (run_cli_argv (&out, args), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  problems = json_object_get_object_member (root, "problems");
  tasks = json_object_get_object_member (root, "tasks");
  feedback = json_object_get_object_member (root, "feedback");

  g_hash_table_insert (shown->summary, "problems", count (json_object_get_int_member (problems, "total")));
  g_hash_table_insert (shown->summary, "closed", count (json_object_get_int_member (problems, "closed")));
  put_fraction (shown, "closing_rate", problems, "closing_rate", TRUE);
  put_fraction (shown, "on_time_rate", problems, "on_time_rate", TRUE);
  g_hash_table_insert (shown->summary, "overdue", count (json_object_get_int_member (problems, "overdue")));
  g_hash_table_insert (shown->summary, "due_soon", count (json_object_get_int_member (problems, "due_soon")));
  g_hash_table_insert (shown->summary, "listed", count (json_object_get_int_member (problems, "listed")));
  put_fraction (shown, "avg_days", problems, "avg_days_to_close", FALSE);
  g_hash_table_insert (shown->summary, "tasks", g_strdup_printf ("%d / %d", (int) json_object_get_int_member (tasks, "done"),
                                                                 (int) json_object_get_int_member (tasks, "total")));
  g_hash_table_insert (shown->summary, "feedback", count (json_object_get_int_member (feedback, "total")));
  g_hash_table_insert (shown->summary, "replied", count (json_object_get_int_member (feedback, "replied")));
  put_fraction (shown, "reply_rate", feedback, "reply_rate", TRUE);
  put_fraction (shown, "satisfaction_rate", feedback, "satisfaction_rate", TRUE);
  g_hash_table_insert (shown->summary, "feedback_overdue", count (json_object_get_int_member (feedback, "overdue")));

  /* Fractions, full precision: on-time is closed on time / closed. */
  {
    gboolean is_null;
    double on_time = json_fraction (problems, "on_time_rate", &is_null);
    gint64 closed = json_object_get_int_member (problems, "closed");
    if (!is_null)
      g_assert_cmpfloat_with_epsilon (on_time, (double) json_object_get_int_member (problems, "closed_on_time") / closed,
                                      1e-12);
  }
  return shown;
}

static const char *
prop (xmlNodePtr  node,
      const char *name,
      GPtrArray  *keep)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  if (copy != NULL)
    g_ptr_array_add (keep, copy);
  return copy;
}

static gint64
prop_int (xmlNodePtr  node,
          const char *name,
          GPtrArray  *keep)
{
  const char *value = prop (node, name, keep);
  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

static xmlNodePtr
summary_child (xmlNodePtr  summary,
               const char *name)
{
  for (xmlNodePtr n = summary->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST name))
      return n;
  g_assert_not_reached ();
}

/* A rate the XML carries beside its counts reads the same, written with
 * the rule. */
static void
check_xml_rate (const Case *c,
                xmlNodePtr  node,
                const char *name,
                const char *shown_from_counts,
                gboolean    percent,
                GPtrArray  *keep)
{
  const char *written = prop (node, name, keep);
  g_autofree char *text = written != NULL ? fraction_text (g_ascii_strtod (written, NULL), percent) : g_strdup ("—");

  if (g_strcmp0 (text, shown_from_counts) != 0)
    mismatch ("%s: the XML's %s=\"%s\" reads “%s”, its counts “%s”", c->name, name, written, text,
                        shown_from_counts);
}

static Shown *
read_xml (const Case *c,
          const char *path)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  xmlXPathContextPtr xpath;
  xmlXPathObjectPtr found;
  xmlNodePtr summary, problems, tasks, feedback;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  Shown *shown = shown_new ();
  gint64 total, closed, replied, received, rated, satisfied;

  g_assert_nonnull (doc);
  xpath = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (xpath, BAD_CAST "r", BAD_CAST RCT_REPORT_NAMESPACE);
  found = xmlXPathEvalExpression (BAD_CAST "/r:report/r:summary", xpath);
  g_assert_cmpint (found->nodesetval->nodeNr, ==, 1);
  summary = found->nodesetval->nodeTab[0];
  problems = summary_child (summary, "problems");
  tasks = summary_child (summary, "tasks");
  feedback = summary_child (summary, "feedback");

  total = prop_int (problems, "total", keep);
  closed = prop_int (problems, "closed", keep);
  received = prop_int (feedback, "total", keep);
  replied = prop_int (feedback, "replied", keep);
  rated = prop_int (feedback, "rated", keep);
  satisfied = prop_int (feedback, "satisfied", keep);
  g_hash_table_insert (shown->summary, "problems", count (total));
  g_hash_table_insert (shown->summary, "closed", count (closed));
  g_hash_table_insert (shown->summary, "closing_rate", expect_ratio (closed, total));
  g_hash_table_insert (shown->summary, "on_time_rate", expect_ratio (prop_int (problems, "closedOnTime", keep), closed));
  g_hash_table_insert (shown->summary, "overdue", count (prop_int (problems, "overdue", keep)));
  g_hash_table_insert (shown->summary, "due_soon", count (prop_int (problems, "dueSoon", keep)));
  g_hash_table_insert (shown->summary, "listed", count (prop_int (problems, "listed", keep)));
  g_hash_table_insert (shown->summary, "avg_days", expect_mean (prop_int (problems, "daysToCloseSum", keep), closed));
  g_hash_table_insert (shown->summary, "tasks", g_strdup_printf ("%d / %d", (int) prop_int (tasks, "done", keep),
                                                                 (int) prop_int (tasks, "total", keep)));
  g_hash_table_insert (shown->summary, "feedback", count (received));
  g_hash_table_insert (shown->summary, "replied", count (replied));
  g_hash_table_insert (shown->summary, "reply_rate", expect_ratio (replied, received));
  g_hash_table_insert (shown->summary, "satisfaction_rate", expect_ratio (satisfied, rated));
  g_hash_table_insert (shown->summary, "feedback_overdue", count (prop_int (feedback, "overdue", keep)));

  check_xml_rate (c, problems, "closingRate", g_hash_table_lookup (shown->summary, "closing_rate"), TRUE, keep);
  check_xml_rate (c, problems, "onTimeRate", g_hash_table_lookup (shown->summary, "on_time_rate"), TRUE, keep);
  check_xml_rate (c, problems, "avgDaysToClose", g_hash_table_lookup (shown->summary, "avg_days"), FALSE, keep);
  check_xml_rate (c, feedback, "replyRate", g_hash_table_lookup (shown->summary, "reply_rate"), TRUE, keep);
  check_xml_rate (c, feedback, "satisfactionRate", g_hash_table_lookup (shown->summary, "satisfaction_rate"), TRUE,
                  keep);

  for (xmlNodePtr n = summary->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrEqual (n->name, BAD_CAST "unit"))
        {
          gint64 t = prop_int (n, "total", keep), cl = prop_int (n, "closed", keep);
          g_autofree char *ts = count (t), *cs = count (cl), *rate = expect_ratio (cl, t);
          g_autofree char *od = count (prop_int (n, "overdue", keep));
          put_unit (shown, prop (n, "name", keep), ts, cs, rate, od);
        }
      else if (xmlStrEqual (n->name, BAD_CAST "group"))
        {
          gint64 t = prop_int (n, "tasks", keep), d = prop_int (n, "done", keep);
          g_autofree char *of = g_strdup_printf ("%d / %d", (int) d, (int) t), *rate = expect_ratio (d, t);
          put_group (shown, prop (n, "name", keep), of, rate);
        }
    }
  xmlXPathFreeObject (found);
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);
  return shown;
}

static char *
node_text (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strstrip (g_strdup ((const char *) content));

  xmlFree (content);
  return text;
}

static GPtrArray *
elements (xmlNodePtr  node,
          const char *name,
          GPtrArray  *found)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE && xmlStrcasecmp (node->name, BAD_CAST name) == 0)
        g_ptr_array_add (found, node);
      elements (node->children, name, found);
    }
  return found;
}

/* The page's labels, in the report's language (English here). */
static const struct { const char *label, *key; } html_labels[] = {
  { "Problems found", "problems" }, { "Closed", "closed" }, { "Closing rate", "closing_rate" },
  { "On-time rate", "on_time_rate" }, { "Overdue", "overdue" }, { "Due within 3 days", "due_soon" },
  { "Listed (open)", "listed" },
  { "Average days to close", "avg_days" }, { "Tasks done / all", "tasks" }, { "Feedback received", "feedback" },
  { "Replied", "replied" }, { "Reply rate", "reply_rate" }, { "Satisfaction rate", "satisfaction_rate" },
};

static Shown *
read_html (const char *path)
{
  htmlDocPtr doc = htmlReadFile (path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_autoptr(GPtrArray) divs = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  Shown *shown = shown_new ();

  g_assert_nonnull (doc);
  divs = elements (xmlDocGetRootElement (doc), "div", g_ptr_array_new ());
  for (guint i = 0; i < divs->len; i++)
    {
      xmlNodePtr div = g_ptr_array_index (divs, i);
      xmlChar *class = xmlGetProp (div, BAD_CAST "class");
      gboolean figure = class != NULL && xmlStrEqual (class, BAD_CAST "figure");
      g_autoptr(GPtrArray) bold = NULL;

      xmlFree (class);
      if (!figure)
        continue;
      bold = elements (div->children, "b", g_ptr_array_new ());
      g_assert_cmpuint (bold->len, ==, 1);
      {
        g_autofree char *value = node_text (g_ptr_array_index (bold, 0));
        g_autofree char *all = node_text (div);
        const char *label = all + strlen (value);

        for (guint j = 0; j < G_N_ELEMENTS (html_labels); j++)
          if (g_str_equal (g_strstrip ((char *) label), html_labels[j].label))
            g_hash_table_insert (shown->summary, (gpointer) html_labels[j].key, g_strdup (value));
      }
    }

  /* The tables: by unit, then by working group. */
  tables = elements (xmlDocGetRootElement (doc), "table", g_ptr_array_new ());
  g_assert_cmpuint (tables->len, >=, 2);
  for (guint t = 0; t < 2; t++)
    {
      g_autoptr(GPtrArray) rows = elements (((xmlNodePtr) g_ptr_array_index (tables, t))->children, "tr",
                                            g_ptr_array_new ());
      for (guint r = 0; r < rows->len; r++)
        {
          g_autoptr(GPtrArray) cells = elements (((xmlNodePtr) g_ptr_array_index (rows, r))->children, "td",
                                                 g_ptr_array_new ());
          g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

          if (cells->len == 0)
            continue;
          for (guint i = 0; i < cells->len; i++)
            g_ptr_array_add (texts, node_text (g_ptr_array_index (cells, i)));
          if (t == 0)
            {
              /* The unit, its head (一岗双责), then its figures. */
              g_assert_cmpuint (texts->len, ==, 6);
              put_unit (shown, texts->pdata[0], texts->pdata[2], texts->pdata[3], texts->pdata[4], texts->pdata[5]);
            }
          else
            {
              g_assert_cmpuint (texts->len, >=, 2);
              put_group (shown, texts->pdata[0], texts->pdata[1], texts->len > 2 ? texts->pdata[2] : "(no rate)");
            }
        }
    }
  xmlFreeDoc (doc);
  return shown;
}

static const struct { const char *label, *key; } pdf_labels[] = {
  { "Problems found", "problems" }, { "Problems closed", "closed" }, { "Closing rate", "closing_rate" },
  { "On-time rate", "on_time_rate" }, { "Overdue", "overdue" }, { "Due within 3 days", "due_soon" },
  { "Listed (open)", "listed" },
  { "Average days to close", "avg_days" }, { "Tasks done / all", "tasks" }, { "Feedback received", "feedback" },
  { "Feedback replied", "replied" }, { "Reply rate", "reply_rate" }, { "Satisfaction rate", "satisfaction_rate" },
};

static Shown *
read_pdf (const char *path,
          Shown      *xml)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  int status;
  Shown *shown = shown_new ();

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (pdf_labels); i++)
    {
      g_autofree char *escaped = g_regex_escape_string (pdf_labels[i].label, -1);
      g_autofree char *pattern = g_strdup_printf ("^\\s*%s\\s{2,}(\\S.*?)\\s*$", escaped);
      g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (regex, text, 0, &match))
        g_hash_table_insert (shown->summary, (gpointer) pdf_labels[i].key, g_match_info_fetch (match, 1));
    }
  /* pdftotext may close up the spaces of a short right-aligned "4 / 4". */
  {
    const char *tasks = g_hash_table_lookup (shown->summary, "tasks");
    g_auto(GStrv) parts = tasks != NULL ? g_strsplit (tasks, "/", 2) : NULL;

    if (parts != NULL && parts[0] != NULL && parts[1] != NULL)
      g_hash_table_insert (shown->summary, "tasks",
                           g_strdup_printf ("%s / %s", g_strstrip (parts[0]), g_strstrip (parts[1])));
  }

  /* Each unit the report lists, as a row of the unit table (its head,
   * 一岗双责, after its name). */
  g_hash_table_iter_init (&iter, xml->units);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *escaped = g_regex_escape_string (key, -1);
      g_autofree char *pattern = g_strdup_printf ("^\\s*%s\\s+(?:\\S+\\s+)?(\\d+)\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)\\s*$", escaped);
      g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (regex, text, 0, &match))
        {
          g_autofree char *t = g_match_info_fetch (match, 1), *cl = g_match_info_fetch (match, 2);
          g_autofree char *rate = g_match_info_fetch (match, 3), *od = g_match_info_fetch (match, 4);
          put_unit (shown, key, t, cl, rate, od);
        }
    }
  return shown;
}

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkGrid *
find_unit_grid (GtkWidget *widget)
{
  if (GTK_IS_GRID (widget))
    {
      GtkWidget *corner = gtk_grid_get_child_at (GTK_GRID (widget), 0, 0);
      if (GTK_IS_LABEL (corner) && g_str_equal (gtk_label_get_text (GTK_LABEL (corner)), "Unit"))
        return GTK_GRID (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkGrid *grid = find_unit_grid (child);
      if (grid != NULL)
        return grid;
    }
  return NULL;
}

static const char *
cell_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *cell = gtk_grid_get_child_at (grid, column, row);
  return GTK_IS_LABEL (cell) ? gtk_label_get_text (GTK_LABEL (cell)) : NULL;
}

/* The overview in a real window, read from its labels. */
static Shown *
read_overview (const Case *c,
               const char *db)
{
  static const char *keys[] = { "problems", "closing_rate", "on_time_rate", "overdue", "due_soon", "avg_days",
                                "tasks", "reply_rate", "satisfaction_rate", "feedback_overdue", "listed", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (db, RCT_STORE_OPEN_READ_ONLY, &error);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RctOverviewPage *page = RCT_OVERVIEW_PAGE (rct_overview_page_new ());
  GtkGrid *grid;
  Shown *shown = shown_new ();

  g_assert_no_error (error);
  rct_clock_set_today (c->today);
  gtk_window_set_default_size (window, 1300, 900);
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_overview_page_set_store (page, store);
  rct_overview_page_set_scope (page, c->from, c->to, c->units[0] != NULL ? c->units : NULL);
  gtk_window_present (window);
  pump ();

  for (guint i = 0; keys[i] != NULL; i++)
    g_hash_table_insert (shown->summary, (gpointer) keys[i], g_strdup (rct_overview_page_get_value_text (page, keys[i])));
  grid = find_unit_grid (GTK_WIDGET (page));
  g_assert_nonnull (grid);
  /* Column 1 names each unit's head (一岗双责); the figures follow it. */
  g_assert_cmpstr (cell_text (grid, 1, 0), ==, "Head");
  for (int row = 1; cell_text (grid, 0, row) != NULL; row++)
    put_unit (shown, cell_text (grid, 0, row), cell_text (grid, 2, row), cell_text (grid, 3, row),
              cell_text (grid, 4, row), cell_text (grid, 5, row));

  gtk_window_destroy (window);
  pump ();
  return shown;
}

/* ---- issue 18: accountability and visits ---- */

static gint64
xml_count (xmlXPathContextPtr  xpath,
           const char         *expression)
{
  xmlXPathObjectPtr found = xmlXPathEvalExpression (BAD_CAST expression, xpath);
  gint64 n;

  g_assert_nonnull (found);
  n = (gint64) xmlXPathCastToNumber (found);
  xmlXPathFreeObject (found);
  return n;
}

/* The report's <supervision> figures equal `stats --json` of the same
 * scope and the records the report carries, and the page shows them. */
static void
check_supervision (const Case *c,
                   const char *db,
                   const char *xml,
                   const char *html)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *accountability, *visits;
  xmlDocPtr doc = xmlReadFile (xml, NULL, XML_PARSE_NONET);
  xmlXPathContextPtr xpath;
  htmlDocPtr page;
  g_autoptr(GPtrArray) divs = NULL;
  g_autofree char *covered = NULL;
  struct { const char *label; char *want; guint seen; } figures[4] = { { "Accountability records" },
    { "Inspection visits" }, { "Units covered" }, { "Problems found by visits" } };

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) db);
  g_ptr_array_add (args, (gpointer) "stats");
  g_ptr_array_add (args, (gpointer) "--json");
  add_scope_args (args, c);
  g_assert_cmpint (run_cli_argv (&out, args), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  accountability = json_object_get_object_member (root, "accountability");
  visits = json_object_get_object_member (root, "visits");

  g_assert_nonnull (doc);
  xpath = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (xpath, BAD_CAST "r", BAD_CAST RCT_REPORT_NAMESPACE);
  g_assert_cmpint (xml_count (xpath, "count(//r:summary/r:supervision)"), ==, 1);
  g_assert_cmpint (xml_count (xpath, "number(//r:summary/r:supervision/@accountability)"), ==,
                   json_object_get_int_member (accountability, "total"));
  g_assert_cmpint (xml_count (xpath, "count(/r:report/r:records/r:accountability)"), ==,
                   json_object_get_int_member (accountability, "total"));
  g_assert_cmpint (xml_count (xpath, "sum(//r:summary/r:supervision/r:kind/@count)"), ==,
                   json_object_get_int_member (accountability, "total"));
  g_assert_cmpint (xml_count (xpath, "number(//r:summary/r:supervision/@visits)"), ==,
                   json_object_get_int_member (visits, "total"));
  g_assert_cmpint (xml_count (xpath, "count(/r:report/r:records/r:visit)"), ==,
                   json_object_get_int_member (visits, "total"));
  g_assert_cmpint (xml_count (xpath, "number(//r:summary/r:supervision/@unitsCovered)"), ==,
                   json_object_get_int_member (visits, "unitsCovered"));
  g_assert_cmpint (xml_count (xpath, "number(//r:summary/r:supervision/@units)"), ==,
                   json_object_get_int_member (visits, "units"));
  g_assert_cmpint (xml_count (xpath, "number(//r:summary/r:supervision/@problemsFound)"), ==,
                   json_object_get_int_member (visits, "problemsFound"));
  g_assert_cmpint (xml_count (xpath, "number(/r:report/r:counts/@accountability)"), ==,
                   json_object_get_int_member (accountability, "total"));
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);

  figures[0].want = g_strdup_printf ("%d", (int) json_object_get_int_member (accountability, "total"));
  figures[1].want = g_strdup_printf ("%d", (int) json_object_get_int_member (visits, "total"));
  figures[2].want = g_strdup_printf ("%d / %d", (int) json_object_get_int_member (visits, "unitsCovered"),
                                     (int) json_object_get_int_member (visits, "units"));
  figures[3].want = g_strdup_printf ("%d", (int) json_object_get_int_member (visits, "problemsFound"));
  page = htmlReadFile (html, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_assert_nonnull (page);
  divs = elements (xmlDocGetRootElement (page), "div", g_ptr_array_new ());
  for (guint i = 0; i < divs->len; i++)
    {
      g_autoptr(GPtrArray) bold = elements (((xmlNodePtr) g_ptr_array_index (divs, i))->children, "b",
                                            g_ptr_array_new ());
      g_autofree char *value = NULL;
      g_autofree char *all = NULL;
      const char *label;

      if (bold->len != 1)
        continue;
      value = node_text (g_ptr_array_index (bold, 0));
      all = node_text (g_ptr_array_index (divs, i));
      label = all + strlen (value);
      while (*label == ' ' || *label == '\n')
        label++;
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        if (g_str_equal (label, figures[f].label))
          {
            g_assert_cmpstr (value, ==, figures[f].want);
            figures[f].seen++;
          }
    }
  for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
    {
      g_assert_cmpuint (figures[f].seen, ==, 1);
      g_free (figures[f].want);
    }
  xmlFreeDoc (page);
}

/* ---- the test ---- */

static void
test_views_agree (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = rct_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "台账 一.db", NULL);
  g_autofree char *xml = g_build_filename (dir, "督导 报告.xml", NULL);
  g_autofree char *html = g_build_filename (dir, "督导 报告.html", NULL);
  g_autofree char *pdf = g_build_filename (dir, "督导 报告.pdf", NULL);
  g_autofree char *n = g_strdup_printf ("%u", c->synthetic);
  g_autofree char *seed = g_strdup_printf ("%u", c->seed);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Shown) expected = NULL;
  g_autoptr(Shown) stats = NULL;
  g_autoptr(Shown) report = NULL;
  g_autoptr(Shown) page = NULL;
  g_autoptr(Shown) paper = NULL;
  g_autoptr(Shown) overview = NULL;

  g_setenv ("RECTIFY_TODAY", c->today, TRUE);
  if (c->synthetic > 0)
    g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "init", "--synthetic", n, "--seed", seed, NULL), ==, 0);
  else
    g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "init", "--demo", NULL), ==, 0);

  expected = count_from_lists (c, db);
  g_test_message ("%s: %s problems, on time %s, closing %s, %s days", c->name,
                  (char *) g_hash_table_lookup (expected->summary, "problems"),
                  (char *) g_hash_table_lookup (expected->summary, "on_time_rate"),
                  (char *) g_hash_table_lookup (expected->summary, "closing_rate"),
                  (char *) g_hash_table_lookup (expected->summary, "avg_days"));

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) db);
  g_ptr_array_add (args, (gpointer) "export-report");
  g_ptr_array_add (args, (gpointer) xml);
  g_ptr_array_add (args, (gpointer) "--html");
  g_ptr_array_add (args, (gpointer) html);
  g_ptr_array_add (args, (gpointer) "--pdf");
  g_ptr_array_add (args, (gpointer) pdf);
  g_ptr_array_add (args, (gpointer) "--language");
  g_ptr_array_add (args, (gpointer) "en");
  add_scope_args (args, c);
  g_assert_cmpint (run_cli_argv (NULL, args), ==, 0);

  stats = read_stats (c, db);
  compare (c, "stats --json", expected, stats, TRUE);
  report = read_xml (c, xml);
  compare (c, "the XML", expected, report, TRUE);
  g_assert_cmpuint (g_hash_table_size (report->groups), >, 0);
  page = read_html (html);
  compare (c, "the HTML page", expected, page, FALSE);
  check_supervision (c, db, xml, html);
  g_assert_cmpuint (g_hash_table_size (page->summary), ==, G_N_ELEMENTS (html_labels));
  g_assert_cmpuint (g_hash_table_size (page->units), ==, g_hash_table_size (report->units));
  g_assert_cmpuint (g_hash_table_size (page->groups), ==, g_hash_table_size (report->groups));
  paper = read_pdf (pdf, report);
  compare (c, "the PDF", expected, paper, FALSE);
  g_assert_cmpuint (g_hash_table_size (paper->summary), ==, G_N_ELEMENTS (pdf_labels));
  g_assert_cmpuint (g_hash_table_size (paper->units), ==, g_hash_table_size (report->units));
  overview = read_overview (c, db);
  compare (c, "the overview", expected, overview, FALSE);
  g_assert_cmpuint (g_hash_table_size (overview->units), ==, g_hash_table_size (report->units));

  g_unsetenv ("RECTIFY_TODAY");
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/figures/agree/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_views_agree);
    }
  return g_test_run ();
}
