/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"
#include "rct-merge.h"
#include "rct-report.h"

/* rectify-cli ledger show, export-setup and the identity options of init:
 * which organisation a ledger belongs to, and a unit's ledger made from
 * the office's set-up (docs/EXCHANGE.md). */

/* init --office NAME [--code CODE] | --unit NAME --code CODE */
gboolean
rct_cli_init_identity (RctStore    *store,
                       const char  *office,
                       const char  *unit,
                       const char  *code,
                       GError     **error)
{
  RctOrganisation org = { 0 };

  org.name = (char *) (office != NULL ? office : unit);
  org.code = (char *) code;
  org.level = (char *) (office != NULL ? "office" : "unit");
  return rct_store_set_organisation (store, &org, NULL, error);
}

static const char *
level_label (const char *level)
{
  return g_strcmp0 (level, "unit") == 0 ? C_("organisation level", "unit") : C_("organisation level", "office");
}

static int
ledger_show (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctOrganisation) org = NULL;
  int code;

  if (!rct_cli_parse_options ("ledger show", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return rct_cli_usage (_("ledger show takes no file name; give the ledger with --db FILE."));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  org = rct_store_dup_organisation (store, &error);
  if (org == NULL)
    return rct_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, org->uuid);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, org->name);
      json_builder_set_member_name (builder, "code");
      if (org->code != NULL)
        json_builder_add_string_value (builder, org->code);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "level");
      json_builder_add_string_value (builder, org->level);
      json_builder_set_member_name (builder, "office");
      if (org->office_uuid != NULL)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, org->office_uuid);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, org->office_name);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "ledger");
      json_builder_add_string_value (builder, rct_store_get_identity (store));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      rct_cli_print_json (root);
      return EXIT_OK;
    }

  g_print (_("Organisation: %s\n"), org->name);
  g_print (_("Level: %s\n"), level_label (org->level));
  if (org->code != NULL)
    g_print (_("Short code: %s\n"), org->code);
  if (org->office_uuid != NULL)
    g_print (_("Reports to: %s (%s)\n"), org->office_name != NULL ? org->office_name : "", org->office_uuid);
  g_print (_("Organisation uuid: %s\n"), org->uuid);
  g_print (_("Ledger uuid: %s\n"), rct_store_get_identity (store));
  return EXIT_OK;
}

int
rct_cli_ledger (int    argc,
                char **argv)
{
  static const RctCliAction actions[] = {
    { "show", ledger_show },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("ledger needs an action: show."), argc, argv);
}

/* export-setup --unit NAME --code CODE OUT.xml */
int
rct_cli_export_setup (int    argc,
                      char **argv)
{
  g_autofree char *unit = NULL, *short_code = NULL;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit the set-up is for"), N_("NAME") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &short_code,
      N_("The unit's short code, e.g. HH (default: the code set for the unit)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("export-setup --unit NAME [--code CODE] OUT.xml", entries, &argc, &argv, &code))
    return code;
  if (argc != 2 || unit == NULL)
    return rct_cli_usage (_("export-setup needs the unit and the file to write: "
                            "rectify-cli export-setup --unit NAME [--code CODE] OUT.xml"));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (!rct_setup_export (store, unit, short_code, argv[1], &error))
    return rct_cli_fail (error);
  g_print (_("Set-up for %s written: %s\n"), unit, argv[1]);
  return EXIT_OK;
}

/* init --from-setup FILE */
int
rct_cli_init_from_setup (const char *setup_path)
{
  g_autofree char *default_path = NULL;
  const char *path = rct_cli_get_db_path ();
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctOrganisation) office = NULL;
  g_autoptr(RctOrganisation) unit = NULL;

  if (path == NULL)
    path = default_path = rct_store_default_path ();
  store = rct_setup_create_ledger (setup_path, path, &office, &unit, &error);
  if (store == NULL || !rct_cli_ensure_key (store, &error))
    return rct_cli_fail (error);
  /* Translators: the unit's name, its short code, its office's name, the ledger's file */
  g_print (_("Ledger of %1$s (%2$s), reporting to %3$s, ready: %4$s\n"), unit->name, unit->code, office->name,
           rct_store_get_path (store));
  return EXIT_OK;
}

static const char *
outcome_label (RctMergeOutcome outcome)
{
  switch (outcome)
    {
    case RCT_MERGE_ADDED:
      return C_("merge", "added");
    case RCT_MERGE_CHANGED:
      return C_("merge", "changed");
    case RCT_MERGE_CONFLICT:
      return C_("merge", "conflict");
    case RCT_MERGE_REFUSED:
      return C_("merge", "refused");
    case RCT_MERGE_PENDING:
      return C_("merge", "pending");
    case RCT_MERGE_UNCHANGED:
    default:
      return C_("merge", "unchanged");
    }
}

/* The items of one kind and one outcome, in the report's order. */
typedef struct
{
  const char      *kind;
  RctMergeOutcome  outcome;
  GPtrArray       *items;  /* borrowed RctMergeItem* */
} ItemGroup;

static void
item_group_free (ItemGroup *group)
{
  g_ptr_array_unref (group->items);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const ItemGroup *x = *(const ItemGroup * const *) a;
  const ItemGroup *y = *(const ItemGroup * const *) b;
  int by_kind = g_strcmp0 (x->kind, y->kind);

  if (by_kind != 0)
    return by_kind;
  return (int) x->outcome - (int) y->outcome;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const RctMergeItem *x = *(const RctMergeItem * const *) a;
  const RctMergeItem *y = *(const RctMergeItem * const *) b;

  return g_strcmp0 (x->label, y->label);
}

static gboolean
labels_in_order (GPtrArray *items)
{
  for (guint i = 1; i < items->len; i++)
    if (compare_labels (&g_ptr_array_index (items, i - 1), &g_ptr_array_index (items, i)) > 0)
      return FALSE;
  return TRUE;
}

/* The plan's items as the listing gives them: by kind, then outcome, then
 * label, items of one label in the report's order (what a stable sort by
 * the three gave). A report writes its records in order, so the items of
 * one kind and outcome mostly come in order already: they are grouped in
 * one pass, and a group is sorted only when it is not in order. Sorting
 * all of them compared labels for 2.5 s at a million problems. */
static GPtrArray *
listing_order (const RctMergePlan *plan)
{
  g_autoptr(GHashTable) by_kind = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) item_group_free);
  GPtrArray *ordered = g_ptr_array_sized_new (plan->items->len);

  for (guint i = 0; i < plan->items->len; i++)
    {
      RctMergeItem *item = g_ptr_array_index (plan->items, i);
      ItemGroup **outcomes = g_hash_table_lookup (by_kind, item->kind);

      if (outcomes == NULL)
        {
          outcomes = g_new0 (ItemGroup *, RCT_MERGE_PENDING + 1);
          g_hash_table_insert (by_kind, item->kind, outcomes);
        }
      g_return_val_if_fail (item->outcome <= RCT_MERGE_PENDING, ordered);
      if (outcomes[item->outcome] == NULL)
        {
          ItemGroup *group = g_new0 (ItemGroup, 1);

          group->kind = item->kind;
          group->outcome = item->outcome;
          group->items = g_ptr_array_new ();
          outcomes[item->outcome] = group;
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (outcomes[item->outcome]->items, item);
    }
  g_ptr_array_sort (groups, compare_groups);
  for (guint g = 0; g < groups->len; g++)
    {
      ItemGroup *group = g_ptr_array_index (groups, g);

      /* Stable: items of one label keep the report's order. */
      if (!labels_in_order (group->items))
        g_ptr_array_sort (group->items, compare_labels);
      for (guint i = 0; i < group->items->len; i++)
        g_ptr_array_add (ordered, g_ptr_array_index (group->items, i));
    }
  return ordered;
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint        count)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, count);
}

static void
add_nullable (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_plan_json (const RctMergePlan *plan,
                 gboolean            dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) kind_names = g_ptr_array_new ();

  json_builder_begin_object (builder);
  add_nullable (builder, "organisation", plan->organisation);
  json_builder_set_member_name (builder, "dryRun");
  json_builder_add_boolean_value (builder, dry_run);
  add_count (builder, "added", plan->added);
  add_count (builder, "changed", plan->changed);
  add_count (builder, "unchanged", plan->unchanged);
  add_count (builder, "conflicts", plan->conflicts);
  add_count (builder, "refused", plan->refused);
  add_count (builder, "pending", plan->pending);
  for (guint i = 0; i < plan->items->len; i++)
    {
      RctMergeItem *item = g_ptr_array_index (plan->items, i);
      if (g_hash_table_add (kinds, item->kind))
        g_ptr_array_add (kind_names, item->kind);
    }
  /* Counts by kind: what the clerk reads first. */
  json_builder_set_member_name (builder, "byKind");
  json_builder_begin_object (builder);
  for (guint k = 0; k < kind_names->len; k++)
    {
      guint counts[RCT_MERGE_PENDING + 1] = { 0 };

      for (guint i = 0; i < plan->items->len; i++)
        {
          RctMergeItem *item = g_ptr_array_index (plan->items, i);
          if (g_str_equal (item->kind, g_ptr_array_index (kind_names, k)))
            counts[item->outcome]++;
        }
      json_builder_set_member_name (builder, g_ptr_array_index (kind_names, k));
      json_builder_begin_object (builder);
      for (guint o = 0; o <= RCT_MERGE_PENDING; o++)
        if (o != RCT_MERGE_UNCHANGED)
          add_count (builder, rct_merge_outcome_to_string (o), counts[o]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->items->len; i++)
    {
      RctMergeItem *item = g_ptr_array_index (plan->items, i);

      json_builder_begin_object (builder);
      add_nullable (builder, "outcome", rct_merge_outcome_to_string (item->outcome));
      add_nullable (builder, "kind", item->kind);
      add_nullable (builder, "uuid", item->uuid);
      add_nullable (builder, "label", item->label);
      add_nullable (builder, "field", item->field);
      add_nullable (builder, "reason", item->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  rct_cli_print_json (root);
}

static void
print_plan (const RctMergePlan *plan,
            gboolean            dry_run)
{
  g_autoptr(GPtrArray) items = NULL;  /* borrowed */
  g_autoptr(GString) lines = g_string_new (NULL);
  const char *labels[RCT_MERGE_PENDING + 1];
  const char *organisation = plan->organisation != NULL ? plan->organisation : "?";

  if (dry_run)
    /* Translators: the report's organisation, then counts: added, changed, unchanged, conflicts, refused */
    g_print (_("Would merge from %1$s: %2$u added, %3$u changed, %4$u unchanged, %5$u in conflict, %6$u refused. "
               "Nothing was written.\n"),
             organisation, plan->added, plan->changed, plan->unchanged, plan->conflicts, plan->refused);
  else
    /* Translators: the report's organisation, then counts: added, changed, unchanged, conflicts, refused */
    g_print (_("Merged from %1$s: %2$u added, %3$u changed, %4$u unchanged, %5$u in conflict, %6$u refused.\n"),
             organisation, plan->added, plan->changed, plan->unchanged, plan->conflicts, plan->refused);
  if (plan->pending > 0)
    g_print (ngettext ("%u record refers to one not known yet; it is kept until that arrives.\n",
                       "%u records refer to ones not known yet; they are kept until those arrive.\n", plan->pending),
             plan->pending);
  items = listing_order (plan);
  /* A report of a million problems lists a million lines: made whole,
   * each outcome's label translated once, and printed at once. */
  for (guint o = 0; o < G_N_ELEMENTS (labels); o++)
    labels[o] = outcome_label (o);
  for (guint i = 0; i < items->len; i++)
    {
      RctMergeItem *item = g_ptr_array_index (items, i);

      g_string_append (lines, "  ");
      g_string_append (lines, labels[item->outcome]);
      g_string_append_c (lines, ' ');
      g_string_append (lines, item->kind);
      g_string_append_c (lines, ' ');
      if (item->label != NULL)
        g_string_append (lines, item->label);
      if (item->field != NULL)
        g_string_append_printf (lines, " (%s)", item->field);
      if (item->reason != NULL)
        g_string_append_printf (lines, ": %s", item->reason);
      g_string_append_c (lines, '\n');
    }
  g_print ("%s", lines->str);
}

/* import-report IN.xml [--dry-run] [--json] */
int
rct_cli_import_report (int    argc,
                       char **argv)
{
  gboolean dry_run = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what the merge would do; write nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctMergePlan) plan = NULL;
  int code;

  if (!rct_cli_parse_options ("import-report IN.xml [--dry-run] [--json]", entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return rct_cli_usage (_("import-report needs the report: rectify-cli import-report IN.xml"));
  store = rct_cli_open_store (RCT_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  plan = dry_run ? rct_merge_preview (store, argv[1], NULL, &error) : rct_merge_apply (store, argv[1], NULL, &error);
  if (plan == NULL)
    return rct_cli_fail (error);
  if (plan->warning != NULL)
    g_printerr ("rectify-cli: %s\n", plan->warning);
  if (json)
    print_plan_json (plan, dry_run);
  else
    print_plan (plan, dry_run);
  return EXIT_OK;
}

static int
conflicts_list (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  int code;

  if (!rct_cli_parse_options ("conflicts list [--json]", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return rct_cli_usage (_("conflicts list takes no file name; give the ledger with --db FILE."));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  conflicts = rct_merge_list_conflicts (store, &error);
  if (conflicts == NULL)
    return rct_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < conflicts->len; i++)
        {
          RctConflict *c = g_ptr_array_index (conflicts, i);

          json_builder_begin_object (builder);
          add_nullable (builder, "uuid", c->uuid);
          add_nullable (builder, "kind", c->kind);
          add_nullable (builder, "record", c->record_uuid);
          add_nullable (builder, "label", c->label);
          add_nullable (builder, "field", c->field);
          add_nullable (builder, "ours", c->ours);
          add_nullable (builder, "theirs", c->theirs);
          add_nullable (builder, "oursBy", c->ours_by);
          add_nullable (builder, "theirsBy", c->theirs_by);
          add_nullable (builder, "oursAt", c->ours_at);
          add_nullable (builder, "theirsAt", c->theirs_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      rct_cli_print_json (root);
      return EXIT_OK;
    }
  if (conflicts->len == 0)
    g_print (_("No open conflicts.\n"));
  for (guint i = 0; i < conflicts->len; i++)
    {
      RctConflict *c = g_ptr_array_index (conflicts, i);
      /* Translators: a conflict: its id, the record's kind and label, the field, our value and who, theirs and who */
      g_print (_("%1$s  %2$s %3$s, %4$s: ours “%5$s” (%6$s), theirs “%7$s” (%8$s)\n"), c->uuid, c->kind,
               c->label != NULL ? c->label : c->record_uuid, c->field, c->ours != NULL ? c->ours : "",
               c->ours_by, c->theirs != NULL ? c->theirs : "", c->theirs_by);
    }
  return EXIT_OK;
}

static int
conflicts_resolve (int    argc,
                   char **argv)
{
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("Which value to keep: ours or theirs"), N_("ours|theirs") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!rct_cli_parse_options ("conflicts resolve UUID --keep ours|theirs", entries, &argc, &argv, &code))
    return code;
  if (argc != 2 || keep == NULL || (!g_str_equal (keep, "ours") && !g_str_equal (keep, "theirs")))
    return rct_cli_usage (_("conflicts resolve needs the conflict and the value to keep: "
                            "rectify-cli conflicts resolve UUID --keep ours|theirs"));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  if (!rct_merge_resolve_conflict (store, argv[1], g_str_equal (keep, "theirs"), &error))
    return rct_cli_fail (error);
  g_print (g_str_equal (keep, "theirs") ? _("Conflict resolved: their value kept.\n")
                                        : _("Conflict resolved: our value kept.\n"));
  return EXIT_OK;
}

int
rct_cli_conflicts (int    argc,
                   char **argv)
{
  static const RctCliAction actions[] = {
    { "list", conflicts_list },
    { "resolve", conflicts_resolve },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("conflicts needs an action: list or resolve."), argc, argv);
}
