/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-file-chooser.h"
#include "rct-input-dialog.h"
#include "rct-report.h"
#include "rct-conflict.h"
#include "rct-setup-page.h"
#include "rct-ui-resources.h"
#include "rct-vocabulary.h"

/* The Set-up page: everything a new office needs before it registers its
 * first problem, without the command line. The campaign and its leading
 * group, the phases' dates, the units and their heads, the working groups,
 * the people and the social supervisors, each a short list with an edit
 * form. The forms go through rct_store_create()/rct_store_update(), so
 * every value is checked and every change journaled field by field; the
 * records refer to each other by id, so a rename keeps every link.
 *
 * These lists are the office's own records (a roster of a few hundred at
 * most), so they are read whole and rebuilt when the store says one of
 * their kinds changed, and only while the page is shown: a hidden page
 * reads them again when it is next shown. */

typedef struct
{
  const char   *field;    /* the store's field name */
  const char   *label;    /* N_() or NC_(), with a mnemonic */
  RctInputKind  kind;
  const char   *context;  /* NC_()'s context, or NULL */
} FormField;

/* What a form edits, kept on the page while its dialog is open. */
typedef struct
{
  RctKind          kind;
  gint64           id;       /* 0: a new record */
  gint64           revision; /* the record's revision when the form opened it */
  const FormField *fields;
  guint            n_fields;
  GStrv            units;    /* the person form's unit choices; [0] is "no unit" */
} Form;

struct _RctSetupPage
{
  GtkWidget   parent_instance;

  GtkWidget  *scroller;
  GtkLabel   *message;
  GtkListBox *campaign_list;
  GtkListBox *phases_list;
  GtkListBox *units_list;
  GtkListBox *groups_list;
  GtkListBox *people_list;
  GtkListBox *supervisors_list;

  RctStore   *store;
  gboolean    read_only;
  gboolean    is_office;   /* the office's ledger: it sends units their set-up files */
  gint64      campaign_id;
  guint       refresh_id;
  gboolean    stale;       /* changed while not shown: read again when shown */
};

G_DEFINE_FINAL_TYPE (RctSetupPage, rct_setup_page, GTK_TYPE_WIDGET)

static const FormField campaign_form[] = {
  { "name", NC_("record", "_Name"), RCT_INPUT_TEXT, "record" },
  { "leader", N_("_Leader"), RCT_INPUT_TEXT },
  { "deputy_leaders", N_("_Deputy leaders"), RCT_INPUT_TEXT },
  { "leading_members", N_("_Members"), RCT_INPUT_LONG_TEXT },
  { "office", N_("_Office"), RCT_INPUT_LONG_TEXT },
};

static const FormField phase_form[] = {
  { "name", NC_("record", "_Name"), RCT_INPUT_TEXT, "record" },
  { "start_date", N_("_Start date"), RCT_INPUT_DATE },
  { "end_date", N_("_End date"), RCT_INPUT_DATE },
};

static const FormField unit_form[] = {
  { "name", NC_("record", "_Name"), RCT_INPUT_TEXT, "record" },
  { "code", N_("Short _code"), RCT_INPUT_TEXT },
  { "kind", N_("_Kind"), RCT_INPUT_TEXT },
  { "head", N_("_Head of the unit"), RCT_INPUT_TEXT },
};

static const FormField group_form[] = {
  { "name", NC_("record", "_Name"), RCT_INPUT_SUGGEST, "record" },
  { "lead", N_("_Lead"), RCT_INPUT_TEXT },
  { "members", N_("_Members"), RCT_INPUT_LONG_TEXT },
  { "remit", N_("_Remit"), RCT_INPUT_LONG_TEXT },
};

static const FormField person_form[] = {
  { "name", N_("_Name"), RCT_INPUT_TEXT },
  { "unit", N_("_Unit"), RCT_INPUT_CHOICE },
  { "title", N_("_Post"), RCT_INPUT_TEXT },
  { "phone", N_("P_hone"), RCT_INPUT_TEXT },
};

static const FormField supervisor_form[] = {
  { "name", N_("_Name"), RCT_INPUT_TEXT },
  { "category", N_("_Category"), RCT_INPUT_CHOICE },
  { "organisation", N_("_Organisation"), RCT_INPUT_TEXT },
  { "contact", N_("C_ontact"), RCT_INPUT_TEXT },
  { "appointed", N_("_Appointed"), RCT_INPUT_DATE },
  { "term_end", N_("_Term ends"), RCT_INPUT_DATE },
};

static void
form_free (Form *form)
{
  g_strfreev (form->units);
  g_free (form);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Form, form_free)

static void
show_text (RctSetupPage *self,
           const char   *text,
           gboolean      is_error)
{
  gtk_label_set_text (self->message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

/* Why something was refused, in one sentence; NULL hides it. */
static void
show_message (RctSetupPage *self,
              const char   *text)
{
  show_text (self, text, TRUE);
}

/* ---- the lists ---- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      else
        break;  /* the placeholder */
    }
}

/* "a · b · c", the empty parts left out. */
static char *
join_parts (const char *first,
            ...)
{
  GString *text = g_string_new (NULL);
  va_list args;
  const char *part = first;

  va_start (args, first);
  for (; part != (const char *) -1; part = va_arg (args, const char *))
    if (part != NULL && *part != '\0')
      {
        if (text->len > 0)
          g_string_append (text, " · ");
        g_string_append (text, part);
      }
  va_end (args);
  return g_string_free (text, FALSE);
}
#define END ((const char *) -1)

/* "Lead: 赵明", or NULL when there is no value. */
static char *
labelled (const char *label,
          const char *value)
{
  if (value == NULL || *value == '\0')
    return NULL;
  /* Translators: a field and its value in a line of the Set-up page */
  return g_strdup_printf (_("%1$s: %2$s"), label, value);
}

static char *
date_span (const char *start,
           const char *end)
{
  g_autofree char *from = start != NULL ? rct_date_format_local (start) : g_strdup ("…");
  g_autofree char *to = end != NULL ? rct_date_format_local (end) : g_strdup ("…");

  if (start == NULL && end == NULL)
    return NULL;
  /* Translators: a period, from the first date to the second */
  return g_strdup_printf (_("%1$s – %2$s"), from, to);
}

static void
row_button_clicked_cb (GtkButton    *button,
                       RctSetupPage *self)
{
  gtk_widget_activate_action_variant (GTK_WIDGET (self), g_object_get_data (G_OBJECT (button), "rct-action"),
                                      g_object_get_data (G_OBJECT (button), "rct-target"));
}

/* A row's button activates the page's action with the row's record. Not a
 * GtkActionable: on GTK 4.8 every actionable row left work behind in the
 * page's action muxer, so each rebuild of a 400-person roster took ~45 ms
 * longer than the one before. */
static GtkWidget *
new_button (RctSetupPage *self,
            const char   *label,
            const char   *accessible_name,
            const char   *action,
            GVariant     *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, self->store != NULL && !self->read_only);
  g_object_set_data (G_OBJECT (button), "rct-action", (gpointer) action);
  g_object_set_data_full (G_OBJECT (button), "rct-target", g_variant_ref_sink (target),
                          (GDestroyNotify) g_variant_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (row_button_clicked_cb), self, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  gtk_widget_set_tooltip_text (button, accessible_name);
  return button;
}

/* A row: the record's name, a line about it, an Edit… button, and for a
 * unit its Retire/Restore button. */
static GtkWidget *
append_row (RctSetupPage *self,
            GtkListBox   *list,
            RctKind       kind,
            RctRecord    *record,
            const char   *title,
            const char   *subtitle,
            gboolean      retired)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (title);
  g_autofree char *edit_name = NULL;
  gint64 id = rct_record_get_id (record);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  if (retired)
    gtk_widget_add_css_class (name, "dim-label");
  gtk_box_append (GTK_BOX (text), name);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *line = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (line), 0);
      gtk_label_set_wrap (GTK_LABEL (line), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (line), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (line, "dim-label");
      gtk_box_append (GTK_BOX (text), line);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  if (kind == RCT_KIND_UNIT)
    {
      g_autofree char *retire_name = NULL;

      /* Translators: the accessible name of a unit's Retire button (the
       * unit takes no new problems, 撤销); %s is the unit */
      retire_name = g_strdup_printf (retired ? _("Restore %s") : _("Retire %s"), title);
      gtk_box_append (GTK_BOX (box), new_button (self, retired ? _("_Restore") : C_("unit", "_Retire"), retire_name,
                                                 "setup.toggle-unit", g_variant_new_int64 (id)));
      if (self->is_office)
        {
          g_autofree char *export_name = NULL;

          /* Translators: the accessible name of a unit's Export Set-up File
           * button; %s is the unit */
          export_name = g_strdup_printf (_("Export the set-up file for %s"), title);
          gtk_box_append (GTK_BOX (box), new_button (self, _("E_xport Set-up File…"), export_name,
                                                     "setup.export-setup", g_variant_new_int64 (id)));
        }
    }
  /* Translators: the accessible name of a record's Edit button; %s is its name */
  edit_name = g_strdup_printf (_("Edit %s"), title);
  gtk_box_append (GTK_BOX (box), new_button (self, _("_Edit…"), edit_name, "setup.edit",
                                             g_variant_new ("(ix)", (int) kind, id)));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (list, row);
  return row;
}

static GPtrArray *
list_kind (RctSetupPage *self,
           RctKind       kind)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = rct_store_list (self->store, kind, NULL, &error);

  if (records == NULL)
    {
      show_message (self, error->message);
      return g_ptr_array_new ();
    }
  return records;
}

static void
fill_campaign (RctSetupPage *self)
{
  g_autoptr(GPtrArray) campaigns = list_kind (self, RCT_KIND_CAMPAIGN);
  g_autoptr(GPtrArray) phases = NULL;
  RctCampaign *campaign;

  self->campaign_id = 0;
  if (campaigns->len == 0)
    return;
  campaign = g_ptr_array_index (campaigns, 0);
  self->campaign_id = rct_record_get_id (RCT_RECORD (campaign));
  {
    g_autofree char *leader = labelled (_("Leader"), campaign->leader);
    g_autofree char *deputies = labelled (_("Deputy leaders"), campaign->deputy_leaders);
    g_autofree char *members = labelled (_("Members"), campaign->leading_members);
    g_autofree char *office = labelled (_("Office"), campaign->office);
    g_autofree char *line = join_parts (leader, deputies, members, office, END);

    append_row (self, self->campaign_list, RCT_KIND_CAMPAIGN, RCT_RECORD (campaign), campaign->name,
                *line != '\0' ? line : _("The leading group is not set yet."), FALSE);
  }

  phases = rct_store_list_children (self->store, RCT_KIND_PHASE, self->campaign_id, NULL);
  for (guint i = 0; phases != NULL && i < phases->len; i++)
    {
      RctPhase *phase = g_ptr_array_index (phases, i);
      g_autofree char *span = date_span (phase->start_date, phase->end_date);

      append_row (self, self->phases_list, RCT_KIND_PHASE, RCT_RECORD (phase), phase->name,
                  span != NULL ? span : _("Dates not set"), FALSE);
    }
}

static void
fill_units (RctSetupPage *self)
{
  g_autoptr(GPtrArray) units = list_kind (self, RCT_KIND_UNIT);

  for (guint i = 0; i < units->len; i++)
    {
      RctUnit *unit = g_ptr_array_index (units, i);
      g_autofree char *head = labelled (_("Head"), unit->head);
      g_autofree char *code = labelled (_("Code"), unit->code);
      g_autofree char *line = join_parts (code, unit->kind, head, unit->active ? NULL : C_("unit", "Retired"), END);

      append_row (self, self->units_list, RCT_KIND_UNIT, RCT_RECORD (unit), unit->name, line, !unit->active);
    }
}

static void
fill_groups (RctSetupPage *self)
{
  g_autoptr(GPtrArray) groups = list_kind (self, RCT_KIND_WORKING_GROUP);

  for (guint i = 0; i < groups->len; i++)
    {
      RctWorkingGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *lead = labelled (_("Lead"), group->lead_name);
      g_autofree char *members = labelled (_("Members"), group->members);
      g_autofree char *remit = labelled (_("Remit"), group->remit);
      g_autofree char *line = join_parts (lead, members, remit, END);

      append_row (self, self->groups_list, RCT_KIND_WORKING_GROUP, RCT_RECORD (group), group->name, line, FALSE);
    }
}

static void
fill_people (RctSetupPage *self)
{
  g_autoptr(GPtrArray) people = list_kind (self, RCT_KIND_PERSON);

  for (guint i = 0; i < people->len; i++)
    {
      RctPerson *person = g_ptr_array_index (people, i);
      g_autofree char *line = join_parts (person->unit_name, person->title, person->phone, END);

      append_row (self, self->people_list, RCT_KIND_PERSON, RCT_RECORD (person), person->name, line, FALSE);
    }
}

static void
fill_supervisors (RctSetupPage *self)
{
  g_autoptr(GPtrArray) supervisors = list_kind (self, RCT_KIND_SUPERVISOR);

  for (guint i = 0; i < supervisors->len; i++)
    {
      RctSupervisor *supervisor = g_ptr_array_index (supervisors, i);
      g_autofree char *span = date_span (supervisor->appointed, supervisor->term_end);
      g_autofree char *term = labelled (_("Term"), span);
      g_autofree char *line = join_parts (rct_vocabulary_label (RCT_VOCAB_SUPERVISOR_CATEGORY, supervisor->category),
                                          supervisor->organisation, supervisor->contact, term,
                                          supervisor->active ? NULL : _("Retired"), END);

      append_row (self, self->supervisors_list, RCT_KIND_SUPERVISOR, RCT_RECORD (supervisor), supervisor->name,
                  line, !supervisor->active);
    }
}

static void
clear_lists (RctSetupPage *self)
{
  GtkListBox *lists[] = { self->campaign_list, self->phases_list, self->units_list, self->groups_list,
                          self->people_list, self->supervisors_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    clear_list (lists[i]);
  self->campaign_id = 0;
}

static void
refresh (RctSetupPage *self)
{
  self->stale = FALSE;
  clear_lists (self);
  if (self->store == NULL)
    return;
  fill_campaign (self);
  fill_units (self);
  fill_groups (self);
  fill_people (self);
  fill_supervisors (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  RctSetupPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (RctStore     *store,
                  int           kind,
                  RctSetupPage *self)
{
  switch (kind)
    {
    case RCT_KIND_CAMPAIGN:
    case RCT_KIND_PHASE:
    case RCT_KIND_UNIT:
    case RCT_KIND_PERSON:
    case RCT_KIND_WORKING_GROUP:
    case RCT_KIND_SUPERVISOR:
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        self->stale = TRUE;
      else if (self->refresh_id == 0)
        self->refresh_id = g_idle_add (refresh_idle_cb, self);
      break;
    default:
      break;
    }
}

/* ---- the forms ---- */

static const char * const *
category_labels (void)
{
  static const char *labels[8];

  if (labels[0] == NULL)
    {
      guint n = 0;
      const RctVocabularyEntry *entries = rct_vocabulary_entries (RCT_VOCAB_SUPERVISOR_CATEGORY, &n);

      for (guint i = 0; i < n && i < G_N_ELEMENTS (labels) - 1; i++)
        labels[i] = rct_vocabulary_label (RCT_VOCAB_SUPERVISOR_CATEGORY, entries[i].key);
    }
  return labels;
}

static const char * const *
usual_group_labels (void)
{
  static const char *labels[8];

  if (labels[0] == NULL)
    for (guint i = 0; rct_usual_group_names[i] != NULL && i < G_N_ELEMENTS (labels) - 1; i++)
      labels[i] = _(rct_usual_group_names[i]);
  return labels;
}

/* The value a form's input gives, as the store takes it. */
static const char *
store_value (Form       *form,
             guint       i,
             const char *value)
{
  const char *field = form->fields[i].field;

  if (form->kind == RCT_KIND_PERSON && g_str_equal (field, "unit"))
    return form->units != NULL && g_strcmp0 (value, form->units[0]) == 0 ? "" : value;
  if (form->kind == RCT_KIND_SUPERVISOR && g_str_equal (field, "category"))
    {
      guint n = 0;
      const RctVocabularyEntry *entries = rct_vocabulary_entries (RCT_VOCAB_SUPERVISOR_CATEGORY, &n);

      for (guint j = 0; j < n; j++)
        if (g_strcmp0 (rct_vocabulary_label (RCT_VOCAB_SUPERVISOR_CATEGORY, entries[j].key), value) == 0)
          return entries[j].key;
    }
  return value;
}

/* A form's value of @field as the record @record has it. */
static char *
form_value (const Form  *form,
            RctRecord   *record,
            const char  *field)
{
  /* References show the name they point to. */
  const char *column = g_str_equal (field, "lead") ? "lead_name"
                       : g_str_equal (field, "unit") ? "unit_name" : field;
  char *value = rct_record_dup_value (record, column);

  if (form->kind == RCT_KIND_SUPERVISOR && g_str_equal (field, "category"))
    {
      char *key = value;
      value = g_strdup (rct_vocabulary_label (RCT_VOCAB_SUPERVISOR_CATEGORY, key != NULL ? key : "citizen"));
      g_free (key);
    }
  return value;
}

/* The conflict's sentence, then the other clerk's value of each field
 * where it differs from the form's, then what Save does now. */
static char *
conflict_message (const Form         *form,
                  const char * const *values,
                  RctRecord          *current,
                  const char         *sentence)
{
  g_autofree RctConflictField *fields = g_new0 (RctConflictField, form->n_fields);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < form->n_fields; i++)
    {
      const FormField *field = &form->fields[i];
      char *theirs = form_value (form, current, field->field);

      g_ptr_array_add (owned, theirs);
      fields[i].label = field->context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, field->context, field->label)
                                               : _(field->label);
      fields[i].theirs = theirs;
      fields[i].mine = values[i];
      /* "No unit" is the form's way of an empty unit. */
      if (theirs == NULL && form->units != NULL && g_strcmp0 (values[i], form->units[0]) == 0)
        fields[i].mine = NULL;
    }
  return rct_conflict_describe (sentence, fields, form->n_fields);
}

static gboolean
form_done_cb (GtkWidget          *owner,
              const char * const *values,
              gpointer            user_data,
              char              **message)
{
  RctSetupPage *self = RCT_SETUP_PAGE (owner);
  Form *form = user_data;
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->store == NULL)
    return TRUE;
  for (guint i = 0; i < form->n_fields; i++)
    {
      const char *value = store_value (form, i, values[i]);

      /* A new record leaves out what is not given, so the table's
       * defaults apply; an edit clears it. */
      if (form->id == 0 && (value == NULL || *value == '\0'))
        continue;
      g_hash_table_insert (table, (gpointer) form->fields[i].field, (gpointer) value);
    }
  if (form->id == 0)
    ok = rct_store_create (self->store, form->kind, table, NULL, &error);
  else
    {
      g_autoptr(RctRecord) current = NULL;

      ok = rct_store_update_at (self->store, form->kind, form->id, form->revision, table, NULL, &current, &error);
      if (!ok && g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT) && current != NULL)
        {
          /* The dialog keeps the clerk's values; the message gives theirs,
           * and the next Save, knowingly, goes over them. */
          *message = conflict_message (form, values, current, error->message);
          form->revision = rct_record_get_revision (current);
          return FALSE;
        }
    }
  if (!ok)
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  show_message (self, NULL);
  return TRUE;
}

static const char *
form_title (RctKind  kind,
            gboolean create)
{
  switch (kind)
    {
    case RCT_KIND_CAMPAIGN: return _("Campaign and Leading Group");
    case RCT_KIND_PHASE: return _("Phase");
    case RCT_KIND_UNIT: return create ? _("Add Unit") : _("Edit Unit");
    case RCT_KIND_WORKING_GROUP: return _("Edit Working Group");
    case RCT_KIND_PERSON: return create ? _("Add Person") : _("Edit Person");
    case RCT_KIND_SUPERVISOR: return create ? _("Appoint Supervisor") : _("Edit Supervisor");
    default: return "";
    }
}

static const char *
form_explanation (RctKind kind)
{
  switch (kind)
    {
    case RCT_KIND_CAMPAIGN:
      return _("Several deputies or members are joined by “、”. Every change is kept in the journal.");
    case RCT_KIND_UNIT:
      return _("The head (主要负责同志) answers for the unit’s problems. The short code, a few letters "
               "or digits, goes before the unit’s problem numbers.");
    case RCT_KIND_WORKING_GROUP:
      return _("Pick one of the usual names or write the group’s own. Members are joined by “、”; "
               "a name not yet in the roster is added to it.");
    case RCT_KIND_SUPERVISOR:
      return _("The term of service runs from the appointment to its end.");
    default:
      return NULL;
    }
}

static char **
unit_choices (RctSetupPage *self)
{
  g_autoptr(GPtrArray) units = rct_store_list (self->store, RCT_KIND_UNIT, NULL, NULL);
  GPtrArray *names = g_ptr_array_new ();

  g_ptr_array_add (names, g_strdup (_("No unit")));
  for (guint i = 0; units != NULL && i < units->len; i++)
    g_ptr_array_add (names, g_strdup (RCT_UNIT (g_ptr_array_index (units, i))->name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/* Opens the form of @kind: the record @id's values, or empty for a new one. */
static void
open_form (RctSetupPage *self,
           RctKind       kind,
           gint64        id)
{
  g_autoptr(RctRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) initial = g_ptr_array_new_with_free_func (g_free);
  g_autofree RctInputField *inputs = NULL;
  Form *form = g_new0 (Form, 1);

  form->kind = kind;
  form->id = id;
  switch (kind)
    {
    case RCT_KIND_CAMPAIGN: form->fields = campaign_form; form->n_fields = G_N_ELEMENTS (campaign_form); break;
    case RCT_KIND_PHASE: form->fields = phase_form; form->n_fields = G_N_ELEMENTS (phase_form); break;
    case RCT_KIND_UNIT: form->fields = unit_form; form->n_fields = G_N_ELEMENTS (unit_form); break;
    case RCT_KIND_WORKING_GROUP: form->fields = group_form; form->n_fields = G_N_ELEMENTS (group_form); break;
    case RCT_KIND_PERSON: form->fields = person_form; form->n_fields = G_N_ELEMENTS (person_form); break;
    case RCT_KIND_SUPERVISOR:
      form->fields = supervisor_form;
      form->n_fields = G_N_ELEMENTS (supervisor_form);
      break;
    default:
      form_free (form);
      g_return_if_reached ();
    }
  if (id != 0)
    {
      record = rct_store_get (self->store, kind, id, &error);
      if (record == NULL)
        {
          show_message (self, error->message);
          form_free (form);
          return;
        }
      form->revision = rct_record_get_revision (record);
    }
  if (kind == RCT_KIND_PERSON)
    form->units = unit_choices (self);

  inputs = g_new0 (RctInputField, form->n_fields);
  for (guint i = 0; i < form->n_fields; i++)
    {
      const FormField *field = &form->fields[i];
      char *value = NULL;

      if (record != NULL)
        value = form_value (form, record, field->field);
      else if (kind == RCT_KIND_SUPERVISOR && g_str_equal (field->field, "category"))
        value = g_strdup (rct_vocabulary_label (RCT_VOCAB_SUPERVISOR_CATEGORY, "citizen"));
      g_ptr_array_add (initial, value);
      inputs[i].label = field->context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, field->context, field->label)
                                               : _(field->label);
      inputs[i].kind = field->kind;
      inputs[i].initial = value;
      if (kind == RCT_KIND_PERSON && g_str_equal (field->field, "unit"))
        inputs[i].choices = (const char * const *) form->units;
      else if (kind == RCT_KIND_SUPERVISOR && g_str_equal (field->field, "category"))
        inputs[i].choices = category_labels ();
      else if (field->kind == RCT_INPUT_SUGGEST)
        inputs[i].choices = usual_group_labels ();
    }

  /* The form lives as long as the page, replaced by the next one: the
   * dialog keeps the page alive while it is open. */
  g_object_set_data_full (G_OBJECT (self), "rct-setup-form", form, (GDestroyNotify) form_free);
  rct_input_dialog_ask (GTK_WIDGET (self), form_title (kind, id == 0), form_explanation (kind),
                        id == 0 ? _("_Add") : _("_Save"), inputs, form->n_fields, form_done_cb, form);
}

/* ---- the assistant after a new empty ledger ---- */

static gboolean
assistant_done_cb (GtkWidget          *owner,
                   const char * const *values,
                   gpointer            user_data,
                   char              **message)
{
  RctSetupPage *self = RCT_SETUP_PAGE (owner);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = g_strsplit (values[2], "\n", -1);
  guint n_units = 0;

  if (self->store == NULL)
    return TRUE;
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      n_units++;
  if (n_units == 0)
    {
      *message = g_strdup (_("Name at least one unit: problems are registered against a unit."));
      return FALSE;
    }

  /* All or nothing: a bad line leaves the ledger as it was. */
  if (!rct_store_begin (self->store, &error))
    goto fail;
  if (self->campaign_id != 0 &&
      !rct_store_update_va (self->store, RCT_KIND_CAMPAIGN, self->campaign_id, NULL, &error,
                            "name", values[0], "leader", values[1], NULL))
    goto fail;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;

      if (*lines[i] == '\0')
        continue;
      /* "回河派出所，张建国": the unit, then its head after a comma. */
      parts = g_regex_split_simple ("\\s*[,，\\t]\\s*", lines[i], 0, 0);
      if (!rct_store_create_va (self->store, RCT_KIND_UNIT, NULL, &error, "name", parts[0],
                                "head", g_strv_length (parts) > 1 ? parts[1] : NULL, NULL))
        goto fail;
    }
  if (!rct_store_commit (self->store, &error))
    goto fail;
  return TRUE;

fail:
  rct_store_rollback (self->store);
  *message = g_strdup (error->message);
  return FALSE;
}

/* ---- actions ---- */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  int kind;
  gint64 id;

  g_variant_get (param, "(ix)", &kind, &id);
  if (kind >= 0 && kind < RCT_N_KINDS)
    open_form (RCT_SETUP_PAGE (widget), kind, id);
}

static void
edit_campaign_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RctSetupPage *self = RCT_SETUP_PAGE (widget);

  if (self->campaign_id != 0)
    open_form (self, RCT_KIND_CAMPAIGN, self->campaign_id);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  RctSetupPage *self = RCT_SETUP_PAGE (widget);

  if (g_str_equal (action_name, "setup.add-unit"))
    open_form (self, RCT_KIND_UNIT, 0);
  else if (g_str_equal (action_name, "setup.add-person"))
    open_form (self, RCT_KIND_PERSON, 0);
  else
    open_form (self, RCT_KIND_SUPERVISOR, 0);
}

static void
toggle_unit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RctSetupPage *self = RCT_SETUP_PAGE (widget);
  g_autoptr(RctUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);

  unit = rct_store_get (self->store, RCT_KIND_UNIT, id, &error);
  if (unit == NULL ||
      !rct_store_update_va (self->store, RCT_KIND_UNIT, id, NULL, &error,
                            "active", unit->active ? "0" : "1", NULL))
    show_message (self, error->message);
  else
    show_message (self, NULL);
}

/* ---- a unit's set-up file (docs/EXCHANGE.md) ---- */

typedef struct
{
  RctSetupPage *page;
  gint64        unit_id;
  char         *code;     /* the code asked for, or NULL: the unit's own */
} SetupExport;

static void
setup_export_free (SetupExport *job)
{
  g_clear_object (&job->page);
  g_free (job->code);
  g_free (job);
}

static void
setup_file_chosen_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SetupExport *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rct_file_chooser_choose_finish (result, &error);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (job->page, error->message);
    }
  else if (path == NULL)
    show_message (job->page, _("Choose a file on this computer; the set-up file cannot be written at that location."));
  else
    rct_setup_page_export_setup (job->page, job->unit_id, job->code, path);
  setup_export_free (job);
}

static void
choose_setup_file (SetupExport *job)
{
  g_autoptr(RctUnit) unit = rct_store_get (job->page->store, RCT_KIND_UNIT, job->unit_id, NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (job->page));
  g_autofree char *folder = rct_store_dup_folder (job->page->store);
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  /* Translators: the file name proposed for a unit's set-up file, without
   * its extension; %s is the unit */
  title = g_strdup_printf (_("%s set-up"), unit != NULL ? unit->name : "");
  name = rct_file_chooser_name_for (title, "setup", ".xml");
  rct_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, RCT_FILE_CHOOSER_SAVE,
                                 RCT_FILE_KIND_SETUP, _("Export the Set-up File"), _("_Export"), name, folder, NULL,
                                 setup_file_chosen_cb, job);
}

static gboolean
setup_code_done_cb (GtkWidget          *owner,
                    const char * const *values,
                    gpointer            user_data,
                    char              **message)
{
  SetupExport *job = user_data;
  g_autofree char *code = g_strstrip (g_strdup (values[0]));

  if (!rct_organisation_code_is_valid (code))
    {
      *message = g_strdup (_("Give the unit a short code of one to eight capital letters or digits, starting with a "
                             "letter (e.g. HH)."));
      return FALSE;
    }
  /* The dialog frees nothing of ours: hand the job on to the file dialog. */
  g_object_steal_data (G_OBJECT (owner), "rct-setup-export");
  job->code = g_steal_pointer (&code);
  choose_setup_file (job);
  return TRUE;
}

/* A unit without a short code is asked for one first (its problems are
 * numbered with it, HH-2021-001), then where to write the file. */
static void
export_setup_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RctSetupPage *self = RCT_SETUP_PAGE (widget);
  g_autoptr(RctUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  SetupExport *job;

  if (self->store == NULL)
    return;
  unit = rct_store_get (self->store, RCT_KIND_UNIT, g_variant_get_int64 (param), &error);
  if (unit == NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  job = g_new0 (SetupExport, 1);
  job->page = g_object_ref (self);
  job->unit_id = g_variant_get_int64 (param);
  if (rct_organisation_code_is_valid (unit->code))
    {
      choose_setup_file (job);
      return;
    }
  {
    RctInputField field = { _("Short _code"), RCT_INPUT_TEXT, NULL, NULL };
    g_autofree char *explanation = NULL;

    /* Translators: %s is the unit */
    explanation = g_strdup_printf (_("%s has no short code yet. Its problems are numbered with it (HH-2021-001): "
                                     "give one to eight capital letters or digits, starting with a letter."),
                                   unit->name);
    /* Kept on the page while the dialog is open; freed if it is cancelled. */
    g_object_set_data_full (G_OBJECT (self), "rct-setup-export", job, (GDestroyNotify) setup_export_free);
    rct_input_dialog_ask (GTK_WIDGET (self), _("The Unit's Short Code"), explanation, _("_Continue"), &field, 1,
                          setup_code_done_cb, job);
  }
}

/* A ledger made without one (rectify-cli init) gets the campaign, its
 * phases and, if it has none, the usual working groups. */
static void
start_campaign_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RctSetupPage *self = RCT_SETUP_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!rct_store_seed_empty (self->store, &error))
    show_message (self, error->message);
  else
    show_message (self, NULL);
}

static void
update_actions (RctSetupPage *self)
{
  gboolean writable = self->store != NULL && !self->read_only;
  const char *actions[] = { "setup.edit", "setup.edit-campaign", "setup.add-unit", "setup.add-person",
                            "setup.add-supervisor", "setup.toggle-unit", "setup.start-campaign",
                            "setup.export-setup" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], writable);
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_set_placeholder (list, label);
}

/* ---- the object ---- */

static void
rct_setup_page_map (GtkWidget *widget)
{
  RctSetupPage *self = RCT_SETUP_PAGE (widget);

  GTK_WIDGET_CLASS (rct_setup_page_parent_class)->map (widget);
  if (self->stale)
    refresh (self);
}

static void
rct_setup_page_dispose (GObject *object)
{
  RctSetupPage *self = RCT_SETUP_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_SETUP_PAGE);
  G_OBJECT_CLASS (rct_setup_page_parent_class)->dispose (object);
}

static void
rct_setup_page_class_init (RctSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_setup_page_dispose;
  widget_class->map = rct_setup_page_map;

  /* Links the resources in wherever this page is linked. */
  (void) rct_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-setup-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_bind_template_child (widget_class, RctSetupPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RctSetupPage, message);
  gtk_widget_class_bind_template_child (widget_class, RctSetupPage, campaign_list);
  gtk_widget_class_bind_template_child (widget_class, RctSetupPage, phases_list);
  gtk_widget_class_bind_template_child (widget_class, RctSetupPage, units_list);
  gtk_widget_class_bind_template_child (widget_class, RctSetupPage, groups_list);
  gtk_widget_class_bind_template_child (widget_class, RctSetupPage, people_list);
  gtk_widget_class_bind_template_child (widget_class, RctSetupPage, supervisors_list);

  gtk_widget_class_install_action (widget_class, "setup.edit", "(ix)", edit_action);
  gtk_widget_class_install_action (widget_class, "setup.edit-campaign", NULL, edit_campaign_action);
  gtk_widget_class_install_action (widget_class, "setup.add-unit", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "setup.add-person", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "setup.add-supervisor", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "setup.toggle-unit", "x", toggle_unit_action);
  gtk_widget_class_install_action (widget_class, "setup.start-campaign", NULL, start_campaign_action);
  gtk_widget_class_install_action (widget_class, "setup.export-setup", "x", export_setup_action);
}

static void
rct_setup_page_init (RctSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
    GtkWidget *label = gtk_label_new (_("The ledger has no campaign yet."));
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Start the Campaign"));

    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "setup.start-campaign");
    gtk_box_append (GTK_BOX (box), label);
    gtk_box_append (GTK_BOX (box), button);
    gtk_widget_set_margin_top (box, 12);
    gtk_widget_set_margin_bottom (box, 12);
    gtk_list_box_set_placeholder (self->campaign_list, box);
  }
  set_placeholder (self->phases_list, _("The campaign has no phases."));
  set_placeholder (self->units_list, _("No units yet. Add the units before registering problems."));
  set_placeholder (self->groups_list, _("No working groups."));
  set_placeholder (self->people_list, _("Nobody in the roster yet; people are added as they are named."));
  set_placeholder (self->supervisors_list, _("No social supervisors appointed."));
  update_actions (self);
}

/* ---- public ---- */

GtkWidget *
rct_setup_page_new (void)
{
  return g_object_new (RCT_TYPE_SETUP_PAGE, NULL);
}

void
rct_setup_page_set_store (RctSetupPage *self,
                          RctStore     *store,
                          gboolean      read_only)
{
  g_return_if_fail (RCT_IS_SETUP_PAGE (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  self->read_only = read_only;
  self->is_office = FALSE;
  if (store != NULL)
    {
      g_autoptr(RctOrganisation) org = rct_store_dup_organisation (store, NULL);

      self->is_office = org != NULL && g_strcmp0 (org->level, "office") == 0;
    }
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  show_message (self, NULL);
  update_actions (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    {
      clear_lists (self);
      self->stale = TRUE;
    }
}

/**
 * rct_setup_page_get_list:
 *
 * Returns: (transfer none): the list of the records of @kind (campaign,
 *   phase, unit, working group, person or supervisor)
 */
GtkListBox *
rct_setup_page_get_list (RctSetupPage *self,
                         RctKind       kind)
{
  switch (kind)
    {
    case RCT_KIND_CAMPAIGN: return self->campaign_list;
    case RCT_KIND_PHASE: return self->phases_list;
    case RCT_KIND_UNIT: return self->units_list;
    case RCT_KIND_WORKING_GROUP: return self->groups_list;
    case RCT_KIND_PERSON: return self->people_list;
    case RCT_KIND_SUPERVISOR: return self->supervisors_list;
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * rct_setup_page_run_assistant:
 *
 * The short assistant after "start an empty ledger": the campaign's name,
 * its leader and the units with their heads, so a problem can be
 * registered right after it. The groups already have the usual names.
 */
void
rct_setup_page_run_assistant (RctSetupPage *self)
{
  g_autoptr(RctCampaign) campaign = NULL;
  RctInputField fields[3] = { { 0 } };

  g_return_if_fail (RCT_IS_SETUP_PAGE (self));
  if (self->store == NULL || self->read_only)
    return;
  /* The ledger was just seeded: its campaign may not be read yet. */
  if (self->refresh_id != 0 || self->stale)
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      refresh (self);
    }
  if (self->campaign_id != 0)
    campaign = rct_store_get (self->store, RCT_KIND_CAMPAIGN, self->campaign_id, NULL);
  fields[0].label = _("Campaign _name");
  fields[0].kind = RCT_INPUT_TEXT;
  fields[0].initial = campaign != NULL ? campaign->name : NULL;
  fields[1].label = _("_Leader");
  fields[1].kind = RCT_INPUT_TEXT;
  fields[1].initial = campaign != NULL ? campaign->leader : NULL;
  fields[2].label = _("_Units");
  fields[2].kind = RCT_INPUT_LONG_TEXT;
  rct_input_dialog_ask (GTK_WIDGET (self), _("Set Up the New Ledger"),
                        _("Name the campaign and the units whose problems the ledger follows, one unit a line, "
                          "its head after a comma (回河派出所，张建国). The six usual working groups are ready; "
                          "everything can be changed later on the Set-up page."),
                        _("_Set Up"), fields, G_N_ELEMENTS (fields), assistant_done_cb, NULL);
}

/**
 * rct_setup_page_get_message:
 *
 * Returns: (nullable): the sentence the page shows about the last thing
 *   done or refused, or %NULL
 */
const char *
rct_setup_page_get_message (RctSetupPage *self)
{
  g_return_val_if_fail (RCT_IS_SETUP_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_text (self->message) : NULL;
}

/**
 * rct_setup_page_export_setup:
 * @unit_id: the unit the set-up file is for
 * @code: (nullable): the unit's short code when it has none yet; it is
 *   kept on the unit, so its next set-up file numbers the same way
 * @path: where to write the file
 *
 * Writes the unit's set-up file (what the Export Set-up File… button
 * does once its dialogs are answered) and says so, or why not, in one
 * sentence on the page.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
rct_setup_page_export_setup (RctSetupPage *self,
                             gint64        unit_id,
                             const char   *code,
                             const char   *path)
{
  g_autoptr(RctUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (RCT_IS_SETUP_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->store == NULL)
    return FALSE;
  unit = rct_store_get (self->store, RCT_KIND_UNIT, unit_id, &error);
  if (unit == NULL)
    goto fail;
  if (code != NULL && g_strcmp0 (code, unit->code) != 0 &&
      !rct_store_update_va (self->store, RCT_KIND_UNIT, unit_id, NULL, &error, "code", code, NULL))
    goto fail;
  if (!rct_setup_export (self->store, unit->name, code, path, &error))
    goto fail;
  shown = g_filename_display_name (path);
  /* Translators: %1$s is the unit, %2$s the file written */
  message = g_strdup_printf (_("The set-up file for %1$s was written to “%2$s”."), unit->name, shown);
  show_text (self, message, FALSE);
  return TRUE;

fail:
  show_message (self, error->message);
  return FALSE;
}
