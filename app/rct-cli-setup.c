/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"

/* rectify-cli campaign, phase, unit, group, person: the campaign's set-up,
 * as the Set-up page of the window does it. Every edit goes through
 * rct_store_update(), so it is checked and journaled field by field; an
 * option not given leaves its field alone, an empty one clears it. */

typedef struct
{
  const char *field;   /* the store's field name */
  const char *value;   /* NULL: not given */
} FieldValue;

/* Changes the given fields of the record @key names. */
static int
edit_record (RctKind           kind,
             const char       *key,
             const FieldValue *fields,
             guint             n_fields,
             const char       *reason)
{
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 id;

  for (guint i = 0; i < n_fields; i++)
    if (fields[i].value != NULL)
      g_hash_table_insert (values, (gpointer) fields[i].field, (gpointer) fields[i].value);
  if (g_hash_table_size (values) == 0)
    return rct_cli_usage (_("Say what to change, e.g. --name TEXT; --help lists the options."));

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  id = key != NULL ? rct_store_find_id (store, kind, key, &error) : 0;
  if (key == NULL)
    {
      g_autoptr(GArray) ids = rct_store_list_ids (store, kind, NULL, &error);

      if (ids == NULL)
        return rct_cli_fail (error);
      if (ids->len == 0)
        {
          g_set_error_literal (&error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                               _("The ledger has no campaign yet; create it with init --groups."));
          return rct_cli_fail (error);
        }
      id = g_array_index (ids, gint64, 0);
    }
  if (id == 0 || !rct_store_update (store, kind, id, values, reason, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

/* ---- campaign and phases ---- */

static int
campaign_show (int    argc,
               char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  RctCampaign *campaign;
  int code;

  if (!rct_cli_parse_options ("campaign show", entries, &argc, &argv, &code))
    return code;
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  campaigns = rct_store_list (store, RCT_KIND_CAMPAIGN, NULL, &error);
  if (campaigns == NULL)
    return rct_cli_fail (error);
  if (campaigns->len == 0)
    {
      g_set_error_literal (&error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                           _("The ledger has no campaign yet; create it with init --groups."));
      return rct_cli_fail (error);
    }
  campaign = g_ptr_array_index (campaigns, 0);
  phases = rct_store_list_children (store, RCT_KIND_PHASE, rct_record_get_id (RCT_RECORD (campaign)), &error);
  if (phases == NULL)
    return rct_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) root = rct_cli_record_to_json (RCT_RECORD (campaign));
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < phases->len; i++)
        json_array_add_element (array, rct_cli_record_to_json (g_ptr_array_index (phases, i)));
      json_object_set_array_member (json_node_get_object (root), "phases", g_steal_pointer (&array));
      rct_cli_print_json (root);
      return EXIT_OK;
    }
  g_print ("%s\n", campaign->name);
  /* Translators: the labels of campaign show, one per line */
  g_print ("%s %s\n", _("Leader:"), campaign->leader != NULL ? campaign->leader : "");
  g_print ("%s %s\n", _("Deputy leaders:"), campaign->deputy_leaders != NULL ? campaign->deputy_leaders : "");
  g_print ("%s %s\n", _("Members:"), campaign->leading_members != NULL ? campaign->leading_members : "");
  g_print ("%s %s\n", _("Office:"), campaign->office != NULL ? campaign->office : "");
  for (guint i = 0; i < phases->len; i++)
    {
      RctPhase *phase = g_ptr_array_index (phases, i);

      g_print ("%-12s %s  %s – %s\n", phase->key, phase->name,
               phase->start_date != NULL ? phase->start_date : "?",
               phase->end_date != NULL ? phase->end_date : "?");
    }
  return EXIT_OK;
}

static int
campaign_set (int    argc,
              char **argv)
{
  g_autofree char *name = NULL, *leader = NULL, *deputies = NULL, *members = NULL, *office = NULL;
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The campaign's name"), N_("TEXT") },
    { "leader", 0, 0, G_OPTION_ARG_STRING, &leader, N_("Leader of the leading group (组长)"), N_("NAME") },
    { "deputies", 0, 0, G_OPTION_ARG_STRING, &deputies, N_("Deputy leaders (副组长), joined by 、"), N_("NAMES") },
    { "members", 0, 0, G_OPTION_ARG_STRING, &members, N_("Members of the leading group"), N_("NAMES") },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("The leading group's office and who heads it"), N_("TEXT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the journal"), N_("TEXT") },
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options ("campaign set", entries, &argc, &argv, &code))
    return code;
  if (argc != 1)
    return rct_cli_usage (_("campaign set takes its values as options, e.g. --name TEXT."));
  {
    const FieldValue fields[] = {
      { "name", name }, { "leader", leader }, { "deputy_leaders", deputies },
      { "leading_members", members }, { "office", office },
    };
    return edit_record (RCT_KIND_CAMPAIGN, NULL, fields, G_N_ELEMENTS (fields), reason);
  }
}

int
rct_cli_campaign (int    argc,
                  char **argv)
{
  static const RctCliAction actions[] = {
    { "show", campaign_show },
    { "set", campaign_set },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("campaign needs an action: show or set."), argc, argv);
}

static int
phase_set (int    argc,
           char **argv)
{
  g_autofree char *name = NULL, *start = NULL, *end = NULL, *reason = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The phase's name"), N_("TEXT") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("First day of the phase"), N_("DATE") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("Last day of the phase"), N_("DATE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the journal"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 id = 0;
  int code;

  if (!rct_cli_parse_options ("phase set study|rectify|consolidate", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("phase set needs the phase: study, rectify or consolidate (or its name)."));
  if (name != NULL)
    g_hash_table_insert (values, (gpointer) "name", name);
  if (start != NULL)
    g_hash_table_insert (values, (gpointer) "start_date", start);
  if (end != NULL)
    g_hash_table_insert (values, (gpointer) "end_date", end);
  if (g_hash_table_size (values) == 0)
    return rct_cli_usage (_("Say what to change, e.g. --name TEXT; --help lists the options."));

  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  phases = rct_store_list (store, RCT_KIND_PHASE, NULL, &error);
  if (phases == NULL)
    return rct_cli_fail (error);
  for (guint i = 0; i < phases->len && id == 0; i++)
    {
      RctPhase *phase = g_ptr_array_index (phases, i);
      if (g_strcmp0 (phase->key, argv[1]) == 0 || g_strcmp0 (phase->name, argv[1]) == 0)
        id = rct_record_get_id (RCT_RECORD (phase));
    }
  if (id == 0)
    {
      g_set_error (&error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                   _("There is no phase “%s”; use study, rectify or consolidate."), argv[1]);
      return rct_cli_fail (error);
    }
  if (!rct_store_update (store, RCT_KIND_PHASE, id, values, reason, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

static char *
phase_line (RctRecord *record)
{
  RctPhase *phase = RCT_PHASE (record);

  return g_strdup_printf ("%-12s %s  %s – %s", phase->key, phase->name,
                          phase->start_date != NULL ? phase->start_date : "?",
                          phase->end_date != NULL ? phase->end_date : "?");
}

static int
phase_list (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options ("phase list", entries, &argc, &argv, &code))
    return code;
  return rct_cli_print_list (RCT_KIND_PHASE, NULL, json, NULL, NULL, phase_line);
}

int
rct_cli_phase (int    argc,
               char **argv)
{
  static const RctCliAction actions[] = {
    { "set", phase_set },
    { "list", phase_list },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("phase needs an action: set or list."), argc, argv);
}

/* ---- units ---- */

static char *
unit_line (RctRecord *record)
{
  RctUnit *unit = RCT_UNIT (record);
  const char *columns[] = { unit->name, unit->code, unit->kind, unit->head, unit->active ? NULL : _("[retired]") };

  return rct_cli_join_columns (columns, G_N_ELEMENTS (columns));
}

static int
unit_add_or_edit (gboolean   add,
                  int        argc,
                  char     **argv)
{
  g_autofree char *name = NULL, *head = NULL, *kind = NULL, *code_text = NULL, *reason = NULL;
  GOptionEntry add_entries[] = {
    { "head", 0, 0, G_OPTION_ARG_STRING, &head, N_("The unit's head (主要负责同志)"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Station, brigade, hall…"), N_("TEXT") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code_text, N_("Short code before its problem numbers, e.g. HH"), N_("CODE") },
    { NULL }
  };
  GOptionEntry edit_entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A new name (its records follow)"), N_("TEXT") },
    { "head", 0, 0, G_OPTION_ARG_STRING, &head, N_("The unit's head (主要负责同志)"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Station, brigade, hall…"), N_("TEXT") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code_text, N_("Short code before its problem numbers, e.g. HH"), N_("CODE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the journal"), N_("TEXT") },
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options (add ? "unit add NAME" : "unit edit NAME", add ? add_entries : edit_entries,
                              &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (add ? _("unit add needs the unit's name.") : _("unit edit needs the unit's name."));
  if (add)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RctStore) store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);

      if (store == NULL)
        return rct_cli_fail (error);
      if (!rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", argv[1], "head", head,
                                "kind", kind, "code", code_text, NULL))
        return rct_cli_fail (error);
      return EXIT_OK;
    }
  {
    const FieldValue fields[] = {
      { "name", name }, { "head", head }, { "kind", kind }, { "code", code_text },
    };
    return edit_record (RCT_KIND_UNIT, argv[1], fields, G_N_ELEMENTS (fields), reason);
  }
}

static int
unit_retire (int    argc,
             char **argv)
{
  g_autofree char *reason = NULL;
  gboolean undo = FALSE;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the journal"), N_("TEXT") },
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Take the unit back into service"), NULL },
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options ("unit retire NAME", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("unit retire needs the unit's name."));
  {
    const FieldValue fields[] = { { "active", undo ? "1" : "0" } };
    return edit_record (RCT_KIND_UNIT, argv[1], fields, G_N_ELEMENTS (fields), reason);
  }
}

static int
unit_add (int    argc,
          char **argv)
{
  return unit_add_or_edit (TRUE, argc, argv);
}

static int
unit_edit (int    argc,
           char **argv)
{
  return unit_add_or_edit (FALSE, argc, argv);
}

static int
unit_list (int    argc,
           char **argv)
{
  gboolean json = FALSE, active = FALSE;
  GOptionEntry entries[] = {
    { "active", 0, 0, G_OPTION_ARG_NONE, &active, N_("Only units not retired"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  RctFilter filter = { 0 };
  int code;

  if (!rct_cli_parse_options ("unit list", entries, &argc, &argv, &code))
    return code;
  filter.status = active ? "active" : NULL;
  return rct_cli_print_list (RCT_KIND_UNIT, &filter, json, NULL, NULL, unit_line);
}

int
rct_cli_unit (int    argc,
              char **argv)
{
  static const RctCliAction actions[] = {
    { "add", unit_add },
    { "edit", unit_edit },
    { "retire", unit_retire },
    { "list", unit_list },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("unit needs an action: add NAME, edit NAME, retire NAME, or list."), argc, argv);
}

/* ---- working groups ---- */

static char *
group_line (RctRecord *record)
{
  RctWorkingGroup *group = RCT_WORKING_GROUP (record);
  const char *columns[] = { group->name, group->lead_name, group->members };

  return rct_cli_join_columns (columns, G_N_ELEMENTS (columns));
}

static int
group_edit (int    argc,
            char **argv)
{
  g_autofree char *name = NULL, *lead = NULL, *members = NULL, *remit = NULL, *reason = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A new name (its tasks and problems follow)"), N_("TEXT") },
    { "lead", 0, 0, G_OPTION_ARG_STRING, &lead, N_("Who leads the group"), N_("NAME") },
    { "members", 0, 0, G_OPTION_ARG_STRING, &members, N_("The members, joined by 、"), N_("NAMES") },
    { "remit", 0, 0, G_OPTION_ARG_STRING, &remit, N_("What the group is responsible for"), N_("TEXT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the journal"), N_("TEXT") },
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options ("group edit NAME", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("group edit needs the group's name."));
  {
    const FieldValue fields[] = {
      { "name", name }, { "lead", lead }, { "members", members }, { "remit", remit },
    };
    return edit_record (RCT_KIND_WORKING_GROUP, argv[1], fields, G_N_ELEMENTS (fields), reason);
  }
}

static int
group_list (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options ("group list", entries, &argc, &argv, &code))
    return code;
  return rct_cli_print_list (RCT_KIND_WORKING_GROUP, NULL, json, NULL, NULL, group_line);
}

int
rct_cli_group (int    argc,
               char **argv)
{
  static const RctCliAction actions[] = {
    { "edit", group_edit },
    { "list", group_list },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("group needs an action: edit NAME or list."), argc, argv);
}

/* ---- people ---- */

static char *
person_line (RctRecord *record)
{
  RctPerson *person = RCT_PERSON (record);
  const char *columns[] = { person->name, person->unit_name, person->title, person->phone };

  return rct_cli_join_columns (columns, G_N_ELEMENTS (columns));
}

static int
person_add_or_edit (gboolean   add,
                    int        argc,
                    char     **argv)
{
  g_autofree char *name = NULL, *unit = NULL, *post = NULL, *phone = NULL, *reason = NULL;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The person's unit"), N_("NAME") },
    { "post", 0, 0, G_OPTION_ARG_STRING, &post, N_("The person's post, e.g. 所长"), N_("TEXT") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("A telephone number"), N_("TEXT") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A new name (edit; the records follow)"), N_("TEXT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the journal (edit)"), N_("TEXT") },
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options (add ? "person add NAME" : "person edit NAME", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (add ? _("person add needs the person's name.") : _("person edit needs the person's name."));
  if (add)
    {
      g_autoptr(RctStore) store = NULL;
      g_autoptr(GError) error = NULL;

      if (name != NULL || reason != NULL)
        return rct_cli_usage (_("person add takes the name as its argument; --name and --reason are for edit."));
      store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        return rct_cli_fail (error);
      if (!rct_store_create_va (store, RCT_KIND_PERSON, NULL, &error, "name", argv[1], "unit", unit,
                                "title", post, "phone", phone, NULL))
        return rct_cli_fail (error);
      return EXIT_OK;
    }
  {
    const FieldValue fields[] = {
      { "name", name }, { "unit", unit }, { "title", post }, { "phone", phone },
    };
    return edit_record (RCT_KIND_PERSON, argv[1], fields, G_N_ELEMENTS (fields), reason);
  }
}

static int
person_add (int    argc,
            char **argv)
{
  return person_add_or_edit (TRUE, argc, argv);
}

static int
person_edit (int    argc,
             char **argv)
{
  return person_add_or_edit (FALSE, argc, argv);
}

static int
person_list (int    argc,
             char **argv)
{
  g_autofree char *search = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only people whose name contains this text"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  RctFilter filter = { 0 };
  int code;

  if (!rct_cli_parse_options ("person list", entries, &argc, &argv, &code))
    return code;
  filter.search = search;
  return rct_cli_print_list (RCT_KIND_PERSON, &filter, json, NULL, NULL, person_line);
}

int
rct_cli_person (int    argc,
                char **argv)
{
  static const RctCliAction actions[] = {
    { "add", person_add },
    { "edit", person_edit },
    { "list", person_list },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("person needs an action: add NAME, edit NAME or list."), argc, argv);
}

/* ---- supervisors ---- */

int
rct_cli_supervisor_edit (int    argc,
                         char **argv)
{
  g_autofree char *name = NULL, *category = NULL, *organisation = NULL, *contact = NULL;
  g_autofree char *appointed = NULL, *term_end = NULL, *reason = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A new name (the feedback follows)"), N_("TEXT") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category,
      N_("deputy, cadre, village, citizen or other"), N_("CATEGORY") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, N_("Where the supervisor works"), N_("TEXT") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("How to reach the supervisor"), N_("TEXT") },
    { "appointed", 0, 0, G_OPTION_ARG_STRING, &appointed, N_("Date of appointment"), N_("DATE") },
    { "term-end", 0, 0, G_OPTION_ARG_STRING, &term_end, N_("End of the term"), N_("DATE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the journal"), N_("TEXT") },
    { NULL }
  };
  int code;

  if (!rct_cli_parse_options ("supervisor edit NAME", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("supervisor edit needs the supervisor's name or id."));
  {
    const FieldValue fields[] = {
      { "name", name }, { "category", category }, { "organisation", organisation },
      { "contact", contact }, { "appointed", appointed }, { "term_end", term_end },
    };
    return edit_record (RCT_KIND_SUPERVISOR, argv[1], fields, G_N_ELEMENTS (fields), reason);
  }
}
