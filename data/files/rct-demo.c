/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-demo"

#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-data-resources.h"
#include "rct-demo.h"
#include "rct-supervision.h"

/* The demo ledger: the campaign the office ran in 2021, kept as JSON in
 * data/demo/ and written through the store like any clerk's work, so every
 * record has its journal. Problems are walked through the workflow on the
 * dates they moved, with the clock set to each date in turn. People appear
 * by role or invented names. */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

static char *
member_int (JsonObject *object,
            const char *name)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member_with_default (object, name, 0));
}

/* Runs one step of history "on" @date. */
static void
set_day (const char *date)
{
  rct_clock_set_today (date);
}

static gboolean
fill_problem (RctStore    *store,
              JsonObject  *object,
              gint64      *out_id,
              GError     **error)
{
  const char *status = member_string (object, "status");
  const char *found = member_string (object, "found_date");
  JsonArray *measures = json_object_get_array_member (object, "measures");
  JsonNode *extension = json_object_get_member (object, "extension");
  JsonNode *listed = json_object_get_member (object, "listed");
  gint64 id;

  set_day (found);
  if (!rct_store_create_va (store, RCT_KIND_PROBLEM, &id, error,
                            "description", member_string (object, "description"),
                            "source", member_string (object, "source"),
                            "category", member_string (object, "category"),
                            "unit", member_string (object, "unit"),
                            "group", member_string (object, "group"),
                            "responsible", member_string (object, "responsible"),
                            "found_date", found,
                            "deadline", member_string (object, "deadline"),
                            "severity", member_string (object, "severity"),
                            "cause", member_string (object, "cause"),
                            NULL))
    return FALSE;
  *out_id = id;
  /* 挂牌督办: level, date, by whom; closing the problem lifts it. */
  if (listed != NULL && JSON_NODE_HOLDS_ARRAY (listed))
    {
      JsonArray *listing = json_node_get_array (listed);

      set_day (json_array_get_string_element (listing, 1));
      if (!rct_store_problem_list_for_supervision (store, id, json_array_get_string_element (listing, 0),
                                                   json_array_get_string_element (listing, 2),
                                                   json_array_get_string_element (listing, 1), error))
        return FALSE;
    }
  if (g_strcmp0 (status, "registered") == 0)
    return TRUE;

  if (!rct_store_problem_act (store, id, RCT_ACTION_START, NULL, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (measures); i++)
    {
      JsonObject *measure = json_array_get_object_element (measures, i);
      g_autofree char *problem_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      const char *done = member_string (measure, "done");
      gint64 measure_id;

      if (!rct_store_create_va (store, RCT_KIND_MEASURE, &measure_id, error,
                                "problem_id", problem_id,
                                "text", member_string (measure, "text"),
                                "owner", member_string (measure, "owner"),
                                "deadline", member_string (measure, "deadline"),
                                NULL))
        return FALSE;
      if (done != NULL)
        {
          set_day (done);
          if (!rct_store_measure_done (store, measure_id, done, error))
            return FALSE;
        }
    }

  if (extension != NULL && JSON_NODE_HOLDS_ARRAY (extension))
    {
      JsonArray *pair = json_node_get_array (extension);
      RctWorkflowInput input = { 0 };

      input.new_deadline = json_array_get_string_element (pair, 0);
      input.reason = json_array_get_string_element (pair, 1);
      if (!rct_store_problem_act (store, id, RCT_ACTION_EXTEND, &input, error))
        return FALSE;
    }

  if (member_string (object, "mechanism") != NULL &&
      !rct_store_update_va (store, RCT_KIND_PROBLEM, id, NULL, error,
                            "mechanism", member_string (object, "mechanism"), NULL))
    return FALSE;

  if (g_strcmp0 (status, "rectifying") == 0)
    return TRUE;
  if (!rct_store_problem_act (store, id, RCT_ACTION_SUBMIT, NULL, error))
    return FALSE;
  if (g_strcmp0 (status, "awaiting-verification") == 0)
    return TRUE;

  {
    RctWorkflowInput input = { 0 };

    set_day (member_string (object, "closed_date"));
    input.verification = member_string (object, "verification");
    input.verifier = member_string (object, "verified_by");
    if (!rct_store_problem_act (store, id, RCT_ACTION_VERIFY, &input, error))
      return FALSE;
  }
  return TRUE;
}

/* The study phase as the campaign reported it about 2021-04-26: the
 * roster, everyone through the political rotation course, and the
 * activity series with each entry on its own date. */
static gboolean
fill_study (RctStore    *store,
            JsonObject  *root,
            GError     **error)
{
  JsonArray *roster = json_object_get_array_member (root, "roster");
  JsonArray *courses = json_object_get_array_member (root, "courses");
  JsonArray *activities = json_object_get_array_member (root, "activities");

  set_day ("2021-03-01");
  for (guint i = 0; i < json_array_get_length (roster); i++)
    {
      JsonObject *officer = json_array_get_object_element (roster, i);
      gboolean left = json_object_get_boolean_member_with_default (officer, "left", FALSE);

      if (!rct_store_create_va (store, RCT_KIND_OFFICER, NULL, error, "name", member_string (officer, "name"),
                                "unit", member_string (officer, "unit"),
                                "police_number", member_string (officer, "number"),
                                "kind", member_string (officer, "kind"), "in_service", left ? "0" : "1", NULL))
        return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (courses); i++)
    {
      JsonObject *course = json_array_get_object_element (courses, i);
      g_autofree char *required = member_int (course, "required_hours");
      g_autofree char *elective = member_int (course, "elective_hours");
      g_autoptr(GPtrArray) officers = NULL;

      set_day (member_string (course, "start_date"));
      if (!rct_store_create_va (store, RCT_KIND_COURSE, NULL, error, "name", member_string (course, "name"),
                                "required_hours", required, "elective_hours", elective,
                                "start_date", member_string (course, "start_date"),
                                "end_date", member_string (course, "end_date"), NULL))
        return FALSE;
      /* Everyone in service took it; the hours as the platform had them at
       * the course's end. */
      set_day (member_string (course, "end_date"));
      for (guint j = 0; j < json_array_get_length (roster); j++)
        {
          JsonObject *officer = json_array_get_object_element (roster, j);
          g_autofree char *required_done = member_int (officer, "required");
          g_autofree char *elective_done = member_int (officer, "elective");
          g_autofree char *key = g_strdup_printf ("%u", j + 1);  /* officers are made in order */

          if (json_object_get_boolean_member_with_default (officer, "left", FALSE))
            continue;
          if (!rct_store_create_va (store, RCT_KIND_ENROLMENT, NULL, error, "course", member_string (course, "name"),
                                    "officer", key, "required_done", required_done,
                                    "elective_done", elective_done, NULL))
            return FALSE;
        }
    }

  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *series = json_array_get_object_element (activities, i);
      JsonArray *entries = json_object_get_array_member (series, "entries");
      g_autofree char *target = member_int (series, "target");

      set_day (member_string (series, "start_date"));
      if (!rct_store_create_va (store, RCT_KIND_ACTIVITY_SERIES, NULL, error, "name", member_string (series, "name"),
                                "kind", member_string (series, "kind"), "target", target,
                                "start_date", member_string (series, "start_date"),
                                "end_date", member_string (series, "end_date"), NULL))
        return FALSE;
      for (guint j = 0; j < json_array_get_length (entries); j++)
        {
          JsonObject *entry = json_array_get_object_element (entries, j);
          g_autofree char *audience = member_int (entry, "audience");

          set_day (member_string (entry, "date"));
          if (!rct_store_create_va (store, RCT_KIND_ACTIVITY_ENTRY, NULL, error,
                                    "series", member_string (series, "name"), "date", member_string (entry, "date"),
                                    "person", member_string (entry, "person"), "unit", member_string (entry, "unit"),
                                    "place", member_string (entry, "place"), "topic", member_string (entry, "topic"),
                                    "audience", audience, "done", "1", NULL))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean fill_supervision (RctStore    *store,
                                  JsonObject  *root,
                                  GArray      *problem_ids,
                                  GError     **error);

static gboolean
fill (RctStore    *store,
      JsonObject  *root,
      GError     **error)
{
  JsonObject *campaign = json_object_get_object_member (root, "campaign");
  JsonArray *array;
  g_autoptr(GArray) problem_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 campaign_id;

  /* The demo is the office's ledger (docs/EXCHANGE.md). */
  {
    JsonObject *office = json_object_get_object_member (root, "office");
    RctOrganisation org = { 0 };

    org.name = (char *) json_object_get_string_member (office, "name");
    org.code = (char *) json_object_get_string_member (office, "code");
    org.level = (char *) "office";
    if (!rct_store_set_organisation (store, &org, NULL, error))
      return FALSE;
  }

  if (!rct_store_create_va (store, RCT_KIND_CAMPAIGN, &campaign_id, error,
                            "name", member_string (campaign, "name"), "leader", member_string (campaign, "leader"),
                            "deputy_leaders", member_string (campaign, "deputy_leaders"),
                            "leading_members", member_string (campaign, "leading_members"),
                            "office", member_string (campaign, "office"), NULL))
    return FALSE;
  array = json_object_get_array_member (campaign, "phases");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *phase = json_array_get_object_element (array, i);
      g_autofree char *parent = g_strdup_printf ("%" G_GINT64_FORMAT, campaign_id);
      g_autofree char *position = g_strdup_printf ("%u", i);

      if (!rct_store_create_va (store, RCT_KIND_PHASE, NULL, error, "campaign_id", parent,
                                "key", member_string (phase, "key"), "name", member_string (phase, "name"),
                                "start_date", member_string (phase, "start"),
                                "end_date", member_string (phase, "end"), "position", position, NULL))
        return FALSE;
    }

  array = json_object_get_array_member (root, "units");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *unit = json_array_get_object_element (array, i);
      g_autofree char *position = g_strdup_printf ("%u", i);

      if (!rct_store_create_va (store, RCT_KIND_UNIT, NULL, error, "name", member_string (unit, "name"),
                                "head", member_string (unit, "head"), "kind", member_string (unit, "kind"),
                                "position", position, NULL))
        return FALSE;
    }

  array = json_object_get_array_member (root, "people");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *person = json_array_get_object_element (array, i);

      if (!rct_store_create_va (store, RCT_KIND_PERSON, NULL, error, "name", member_string (person, "name"),
                                "unit", member_string (person, "unit"), "title", member_string (person, "title"),
                                NULL))
        return FALSE;
    }

  array = json_object_get_array_member (root, "groups");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *group = json_array_get_object_element (array, i);
      JsonArray *members = json_object_get_array_member (group, "members");
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *position = g_strdup_printf ("%u", i);

      for (guint j = 0; j < json_array_get_length (members); j++)
        {
          if (j > 0)
            g_string_append (names, "、");
          g_string_append (names, json_array_get_string_element (members, j));
        }
      if (!rct_store_create_va (store, RCT_KIND_WORKING_GROUP, NULL, error,
                                "name", member_string (group, "name"), "lead", member_string (group, "lead"),
                                "members", names->str, "remit", member_string (group, "remit"),
                                "position", position, NULL))
        return FALSE;
    }

  array = json_object_get_array_member (root, "tasks");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *task = json_array_get_object_element (array, i);
      JsonArray *progress = json_object_get_array_member (task, "progress");
      g_autofree char *target = member_int (task, "target_count");
      g_autofree char *done = member_int (task, "done_count");
      gint64 id;

      set_day (member_string (task, "start_date"));
      if (!rct_store_create_va (store, RCT_KIND_TASK, &id, error,
                                "group", member_string (task, "group"), "title", member_string (task, "title"),
                                "kind", member_string (task, "kind"), "owner", member_string (task, "owner"),
                                "unit", member_string (task, "unit"), "phase", member_string (task, "phase"),
                                "start_date", member_string (task, "start_date"),
                                "deadline", member_string (task, "deadline"),
                                "target_count", target, "note", member_string (task, "note"), NULL))
        return FALSE;
      for (guint j = 0; j < json_array_get_length (progress); j++)
        {
          JsonObject *entry = json_array_get_object_element (progress, j);

          set_day (member_string (entry, "date"));
          if (!rct_store_task_record_progress (store, id, member_string (entry, "date"),
                                               member_string (entry, "note"),
                                               json_object_get_int_member (entry, "count"), error))
            return FALSE;
        }
      /* The counts the office reported stand, whatever the entries add to. */
      if (!rct_store_update_va (store, RCT_KIND_TASK, id, NULL, error, "done_count", done,
                                "status", member_string (task, "status"), NULL))
        return FALSE;
    }

  if (!fill_study (store, root, error))
    return FALSE;

  array = json_object_get_array_member (root, "supervisors");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *supervisor = json_array_get_object_element (array, i);
      gint64 id;

      set_day (member_string (supervisor, "appointed"));
      if (!rct_store_create_va (store, RCT_KIND_SUPERVISOR, &id, error,
                                "name", member_string (supervisor, "name"),
                                "category", member_string (supervisor, "category"),
                                "organisation", member_string (supervisor, "organisation"),
                                "contact", member_string (supervisor, "contact"),
                                "appointed", member_string (supervisor, "appointed"),
                                "term_end", member_string (supervisor, "term_end"), NULL))
        return FALSE;
      if (!json_object_get_boolean_member (supervisor, "active") &&
          !rct_store_supervisor_retire (store, id, _("Moved away from the county"), error))
        return FALSE;
    }

  array = json_object_get_array_member (root, "problems");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id = 0;

      if (!fill_problem (store, json_array_get_object_element (array, i), &id, error))
        return FALSE;
      g_array_append_val (problem_ids, id);
    }

  array = json_object_get_array_member (root, "feedback");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *feedback = json_array_get_object_element (array, i);
      JsonNode *problem = json_object_get_member (feedback, "problem");
      gint64 id;

      set_day (member_string (feedback, "received_date"));
      if (!rct_store_create_va (store, RCT_KIND_FEEDBACK, &id, error,
                                "supervisor", member_string (feedback, "supervisor"),
                                "received_date", member_string (feedback, "received_date"),
                                "channel", member_string (feedback, "channel"),
                                "unit", member_string (feedback, "unit"),
                                "kind", member_string (feedback, "kind"),
                                "content", member_string (feedback, "content"),
                                "reply_due", member_string (feedback, "reply_due"), NULL))
        return FALSE;
      if (member_string (feedback, "reply") != NULL)
        {
          set_day (member_string (feedback, "reply_date"));
          if (!rct_store_feedback_reply (store, id, member_string (feedback, "reply"),
                                         member_string (feedback, "reply_date"),
                                         member_string (feedback, "satisfaction"), error))
            return FALSE;
        }
      if (problem != NULL && !JSON_NODE_HOLDS_NULL (problem))
        {
          guint index = json_node_get_int (problem);

          if (index >= problem_ids->len)
            {
              g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID, "demo: bad problem index");
              return FALSE;
            }
          if (!rct_store_feedback_link_problem (store, id, g_array_index (problem_ids, gint64, index), error))
            return FALSE;
        }
    }
  return fill_supervision (store, root, problem_ids, error);
}

/* The office's supervision (issue 18): inspection visits whose findings
 * are problems of the ledger, and accountability for problems overdue by
 * the date it was decided. Problems are named by their index in "problems". */
static gboolean
fill_supervision (RctStore    *store,
                  JsonObject  *root,
                  GArray      *problem_ids,
                  GError     **error)
{
  JsonArray *array = json_object_get_array_member (root, "visits");

#define PROBLEM_ID(node) \
  (json_node_get_int (node) < problem_ids->len ? g_array_index (problem_ids, gint64, json_node_get_int (node)) : 0)

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *visit = json_array_get_object_element (array, i);
      JsonArray *units = json_object_get_array_member (visit, "units");
      JsonArray *findings = json_object_get_array_member (visit, "findings");
      g_autoptr(GString) unit_text = g_string_new (NULL);
      g_autoptr(GString) finding_text = g_string_new (NULL);
      gint64 id;

      for (guint j = 0; j < json_array_get_length (units); j++)
        g_string_append_printf (unit_text, "%s%s", j > 0 ? "、" : "", json_array_get_string_element (units, j));
      for (guint j = 0; j < json_array_get_length (findings); j++)
        g_string_append_printf (finding_text, "%s%s", j > 0 ? "\n" : "",
                                member_string (json_array_get_object_element (findings, j), "text"));
      set_day (member_string (visit, "date"));
      if (!rct_store_create_va (store, RCT_KIND_VISIT, &id, error, "date", member_string (visit, "date"),
                                "team", member_string (visit, "team"), "method", member_string (visit, "method"),
                                "units", unit_text->str, "findings", finding_text->str, NULL))
        return FALSE;
      for (guint j = 0; j < json_array_get_length (findings); j++)
        {
          JsonNode *problem = json_object_get_member (json_array_get_object_element (findings, j), "problem");

          if (problem != NULL && !JSON_NODE_HOLDS_NULL (problem) &&
              !rct_store_link_finding (store, id, j + 1, PROBLEM_ID (problem), error))
            return FALSE;
        }
    }

  array = json_object_get_array_member (root, "accountability");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *record = json_array_get_object_element (array, i);
      JsonArray *problems = json_object_get_array_member (record, "problems");
      g_autoptr(GString) numbers = g_string_new (NULL);

      for (guint j = 0; j < json_array_get_length (problems); j++)
        {
          g_autoptr(RctProblem) problem = rct_store_get (store, RCT_KIND_PROBLEM,
                                                         PROBLEM_ID (json_array_get_element (problems, j)), error);
          if (problem == NULL)
            return FALSE;
          g_string_append_printf (numbers, "%s%s", j > 0 ? "、" : "", problem->number);
        }
      set_day (member_string (record, "date"));
      if (!rct_store_create_va (store, RCT_KIND_ACCOUNTABILITY, NULL, error,
                                "kind", member_string (record, "kind"), "person", member_string (record, "person"),
                                "unit", member_string (record, "unit"), "problems", numbers->str,
                                "reason", member_string (record, "reason"),
                                "decided_by", member_string (record, "decided_by"),
                                "date", member_string (record, "date"),
                                "document", member_string (record, "document"), NULL))
        return FALSE;
    }
#undef PROBLEM_ID
  return TRUE;
}

/**
 * rct_demo_fill:
 *
 * Writes the demo campaign into an empty ledger, in one transaction.
 */
gboolean
rct_demo_fill (RctStore  *store,
               GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *saved_today = NULL;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  if (!rct_store_is_empty (store))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The demo can only be written into an empty ledger; create a new ledger for it."));
      return FALSE;
    }

  /* Referencing the resource keeps it in the static library's link. */
  g_assert (rct_data_get_resource () != NULL);
  bytes = g_resources_lookup_data ("/io/github/rectify/Rectify/data/demo/demo-ledger.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;

  saved_today = rct_clock_dup_override ();
  if (!rct_store_begin (store, error))
    return FALSE;
  ok = fill (store, json_node_get_object (json_parser_get_root (parser)), error);
  rct_clock_set_today (saved_today);
  if (!ok)
    {
      rct_store_rollback (store);
      return FALSE;
    }
  return rct_store_commit (store, error);
}

const char * const rct_usual_group_names[] = {
  N_("General coordination group"),          /* 综合协调组 */
  N_("Study and education group"),           /* 学习教育组 */
  N_("Investigation and rectification group"), /* 查纠整改组 */
  N_("Persistent problems group"),           /* 顽瘴痼疾整治组 */
  N_("Publicity group"),                     /* 宣传报道组 */
  N_("Supervision and inspection group"),    /* 督导检查组 */
  NULL
};

/**
 * rct_store_seed_empty:
 *
 * A new ledger as the office starts it: the campaign with its three phases
 * and the six working groups most offices have, each renamed as it likes.
 * A ledger that has a campaign, or working groups, keeps them: only what
 * it lacks is added (a ledger made by `init` alone gets its campaign).
 */
gboolean
rct_store_seed_empty (RctStore  *store,
                      GError   **error)
{
  static const char *phase_keys[] = { "study", "rectify", "consolidate" };
  static const char *phase_names[] = { N_("Study and education"), N_("Investigate and rectify"),
                                       N_("Sum up and consolidate") };
  gint64 campaign_id = 0;
  gint64 n_campaigns, n_groups;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  n_campaigns = rct_store_count (store, RCT_KIND_CAMPAIGN, NULL, error);
  n_groups = n_campaigns < 0 ? -1 : rct_store_count (store, RCT_KIND_WORKING_GROUP, NULL, error);
  if (n_groups < 0)
    return FALSE;
  if (!rct_store_begin (store, error))
    return FALSE;
  ok = n_campaigns > 0 || rct_store_create_va (store, RCT_KIND_CAMPAIGN, &campaign_id, error,
                                               "name", _("Education and rectification campaign"), NULL);
  for (guint i = 0; ok && campaign_id != 0 && i < G_N_ELEMENTS (phase_keys); i++)
    {
      g_autofree char *parent = g_strdup_printf ("%" G_GINT64_FORMAT, campaign_id);
      g_autofree char *position = g_strdup_printf ("%u", i);

      ok = rct_store_create_va (store, RCT_KIND_PHASE, NULL, error, "campaign_id", parent,
                                "key", phase_keys[i], "name", _(phase_names[i]), "position", position, NULL);
    }
  for (guint i = 0; ok && n_groups == 0 && rct_usual_group_names[i] != NULL; i++)
    {
      g_autofree char *position = g_strdup_printf ("%u", i);

      ok = rct_store_create_va (store, RCT_KIND_WORKING_GROUP, NULL, error,
                                "name", _(rct_usual_group_names[i]), "position", position, NULL);
    }
  if (!ok)
    {
      rct_store_rollback (store);
      return FALSE;
    }
  return rct_store_commit (store, error);
}
