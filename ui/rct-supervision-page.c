/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-supervision-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-conflict.h"
#include "rct-figures.h"
#include "rct-input-dialog.h"
#include "rct-supervision.h"
#include "rct-supervision-page.h"
#include "rct-ui-resources.h"
#include "rct-vocabulary.h"

/* Supervision with teeth (issue 18): the office's inspection visits
 * (督导检查, 明察暗访) with their findings, each registered as a problem in
 * one step, and its accountability records (问责). The figures at the top
 * are rct-supervision.c's, the same as `stats --json`. */

struct _RctSupervisionPage
{
  GtkWidget   parent_instance;

  RctStore   *store;
  gboolean    read_only;
  gint64      visit_id;        /* the selected visit, 0 for none */
  char       *message;
  gboolean    reloading;

  /* Template children */
  GtkWidget  *scroller;
  GtkLabel   *summary_label;
  GtkLabel   *message_label;
  GtkListBox *visit_list;
  GtkLabel   *findings_label;
  GtkListBox *finding_list;
  GtkLabel   *kinds_label;
  GtkDropDown *kind_filter;   /* 0: all kinds, then the vocabulary's */
  GtkDropDown *unit_filter;   /* 0: all units, then the active units */
  GtkListBox *accountability_list;
};

G_DEFINE_FINAL_TYPE (RctSupervisionPage, rct_supervision_page, GTK_TYPE_WIDGET)

static void reload (RctSupervisionPage *self);

/* ---- what is shown ---- */

static GtkWidget *
row_label (const char *text,
           gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
set_message (RctSupervisionPage *self,
             const char         *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static GtkWidget *
record_row (RctRecord  *record,
            const char *first,
            const char *second)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), row_label (first, FALSE));
  if (second != NULL && *second != '\0')
    gtk_box_append (GTK_BOX (box), row_label (second, TRUE));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "record-id", GINT_TO_POINTER ((int) rct_record_get_id (record)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, first, -1);
  return row;
}

static void
show_summary (RctSupervisionPage *self)
{
  g_autoptr(RctSupervisionFigures) figures = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *per_visit = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) kinds = g_string_new (NULL);

  figures = self->store != NULL ? rct_supervision_figures_compute (self->store, NULL) : NULL;
  if (figures == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      gtk_label_set_text (self->kinds_label, "");
      return;
    }
  covered = rct_figures_format_ratio (figures->units_covered, figures->units_active);
  per_visit = rct_figures_format_mean (figures->problems_found, figures->visits);
  /* Translators: visits, active units visited, all active units, the
   * ratio, problems found per visit, accountability records */
  text = g_strdup_printf (ngettext ("%1$d visit, units covered %2$d of %3$d (%4$s), %5$s problems found per visit; "
                                     "%6$d accountability records",
                                     "%1$d visits, units covered %2$d of %3$d (%4$s), %5$s problems found per visit; "
                                     "%6$d accountability records", (gulong) figures->visits),
                          (int) figures->visits, (int) figures->units_covered, (int) figures->units_active,
                          covered, per_visit, (int) figures->accountability_total);
  gtk_label_set_text (self->summary_label, text);
  for (guint i = 0; i < figures->accountability_by_kind->len; i++)
    {
      RctSupervisionCount *count = g_ptr_array_index (figures->accountability_by_kind, i);

      g_string_append_printf (kinds, "%s%s %d", kinds->len > 0 ? "  ·  " : "",
                              rct_vocabulary_label (RCT_VOCAB_ACCOUNTABILITY_KIND, count->key), (int) count->count);
    }
  gtk_label_set_text (self->kinds_label, kinds->str);
}

static void
show_findings (RctSupervisionPage *self)
{
  g_autoptr(RctVisit) visit = NULL;
  g_auto(GStrv) findings = NULL;

  clear_list (self->finding_list);
  if (self->store != NULL && self->visit_id != 0)
    visit = rct_store_get (self->store, RCT_KIND_VISIT, self->visit_id, NULL);
  if (visit == NULL)
    {
      gtk_label_set_text (self->findings_label, _("Select a visit to see what it found."));
      return;
    }
  {
    /* Translators: a heading; %s is the visit's date and team */
    g_autofree char *heading = g_strdup_printf (_("Findings of the visit of %s"), visit->date);
    gtk_label_set_text (self->findings_label, heading);
  }
  findings = rct_visit_dup_findings (visit);
  for (guint i = 0; findings[i] != NULL; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, findings[i]);
      gint64 problem_id = rct_store_finding_problem (self->store, self->visit_id, i + 1, NULL);

      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), row_label (text, FALSE));
      if (problem_id > 0)
        {
          g_autoptr(RctProblem) problem = rct_store_get (self->store, RCT_KIND_PROBLEM, problem_id, NULL);
          /* Translators: a finding registered as a problem; %s is its number */
          g_autofree char *number = g_strdup_printf (_("Problem %s"), problem != NULL ? problem->number : "?");

          gtk_box_append (GTK_BOX (box), row_label (number, TRUE));
          gtk_widget_set_hexpand (gtk_widget_get_last_child (box), FALSE);
        }
      else
        {
          /* No mnemonic: one button a finding, each named for its finding. */
          GtkWidget *button = gtk_button_new_with_label (_("Register as Problem…"));
          /* Translators: the name a screen reader gives the button of finding %u */
          g_autofree char *name = g_strdup_printf (_("Register finding %u as a problem"), i + 1);

          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "supervision.register-finding");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i + 1);
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_box_append (GTK_BOX (box), button);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_list_box_append (self->finding_list, row);
    }
}

static void
reload (RctSupervisionPage *self)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GtkListBoxRow *selected = NULL;

  /* The window lets go of the ledger as it closes, after its pages' template
   * children are gone. */
  if (self->visit_list == NULL)
    return;
  self->reloading = TRUE;
  clear_list (self->visit_list);
  clear_list (self->accountability_list);
  show_summary (self);
  if (self->store != NULL)
    {
      visits = rct_store_list (self->store, RCT_KIND_VISIT, NULL, NULL);
      RctFilter filter = { 0 };
      guint kind = gtk_drop_down_get_selected (self->kind_filter);
      guint unit = gtk_drop_down_get_selected (self->unit_filter);
      g_autofree char *unit_name = NULL;

      if (kind != 0 && kind != GTK_INVALID_LIST_POSITION)
        {
          guint n;
          const RctVocabularyEntry *entries = rct_vocabulary_entries (RCT_VOCAB_ACCOUNTABILITY_KIND, &n);
          filter.kind = kind - 1 < n ? entries[kind - 1].key : NULL;
        }
      if (unit != 0 && unit != GTK_INVALID_LIST_POSITION)
        {
          unit_name = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (self->unit_filter)),
                                                            unit));
          filter.unit = unit_name;
        }
      records = rct_store_list (self->store, RCT_KIND_ACCOUNTABILITY, &filter, NULL);
    }
  for (guint i = 0; visits != NULL && i < visits->len; i++)
    {
      RctVisit *visit = g_ptr_array_index (visits, i);
      g_auto(GStrv) findings = rct_visit_dup_findings (visit);
      g_autofree char *first = g_strdup_printf ("%s  %s  %s", visit->date, visit->team,
                                                rct_vocabulary_label (RCT_VOCAB_VISIT_METHOD, visit->method));
      g_autofree char *found = g_strdup_printf (ngettext ("%u finding", "%u findings", g_strv_length (findings)),
                                                g_strv_length (findings));
      g_autofree char *registered = g_strdup_printf (ngettext ("%d problem registered", "%d problems registered",
                                                               (int) visit->problem_count),
                                                     (int) visit->problem_count);
      /* Translators: the units a visit went to, its findings and the
       * problems registered from them */
      g_autofree char *second = g_strdup_printf (_("%1$s — %2$s, %3$s"), visit->units != NULL ? visit->units : "",
                                                 found, registered);
      GtkWidget *row = record_row (RCT_RECORD (visit), first, second);

      gtk_list_box_append (self->visit_list, row);
      if (rct_record_get_id (RCT_RECORD (visit)) == self->visit_id)
        selected = GTK_LIST_BOX_ROW (row);
    }
  /* The newest visit's findings are shown until another is chosen. */
  if (selected == NULL)
    selected = gtk_list_box_get_row_at_index (self->visit_list, 0);
  self->visit_id = selected != NULL ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (selected), "record-id")) : 0;
  gtk_list_box_select_row (self->visit_list, selected);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      RctAccountability *record = g_ptr_array_index (records, i);
      g_autofree char *first = g_strdup_printf ("%s  %s  %s%s%s", record->date,
                                                rct_vocabulary_label (RCT_VOCAB_ACCOUNTABILITY_KIND, record->kind),
                                                record->person_name != NULL ? record->person_name : "",
                                                record->person_name != NULL ? "  " : "", record->unit_name);
      g_autoptr(GString) second = g_string_new (record->reason != NULL ? record->reason : "");

      if (record->document != NULL)
        g_string_append_printf (second, "%s%s", second->len > 0 ? "  " : "", record->document);
      if (record->problems != NULL)
        g_string_append_printf (second, "%s%s", second->len > 0 ? "  " : "", record->problems);
      gtk_list_box_append (self->accountability_list, record_row (RCT_RECORD (record), first, second->str));
    }
  self->reloading = FALSE;
  show_findings (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision.add-visit", self->store != NULL && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision.edit-visit",
                                 self->store != NULL && !self->read_only && self->visit_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision.register-finding",
                                 self->store != NULL && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision.add-accountability",
                                 self->store != NULL && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision.edit-accountability",
                                 self->store != NULL && !self->read_only && records != NULL && records->len > 0);
}

static void
visit_selected_cb (RctSupervisionPage *self,
                   GtkListBoxRow      *row)
{
  if (self->reloading || self->finding_list == NULL)  /* or the template is being disposed */
    return;
  self->visit_id = row != NULL ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "record-id")) : 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision.edit-visit",
                                 self->store != NULL && !self->read_only && self->visit_id != 0);
  show_findings (self);
}

static void
filter_changed_cb (RctSupervisionPage *self)
{
  if (!self->reloading && self->finding_list != NULL)
    reload (self);
}

/* The unit filter offers the active units; the choice is kept by name. */
static void
fill_unit_filter (RctSupervisionPage *self)
{
  GtkStringList *model = gtk_string_list_new (NULL);
  const char *chosen = NULL;
  guint selected = gtk_drop_down_get_selected (self->unit_filter);
  GListModel *old = gtk_drop_down_get_model (self->unit_filter);
  g_autofree char *keep = NULL;
  guint position = 0;

  if (old != NULL && selected != 0 && selected != GTK_INVALID_LIST_POSITION)
    keep = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (old), selected));
  gtk_string_list_append (model, _("All units"));
  if (self->store != NULL)
    {
      RctFilter active = { .status = "active" };
      g_autoptr(GPtrArray) units = rct_store_list (self->store, RCT_KIND_UNIT, &active, NULL);

      for (guint i = 0; units != NULL && i < units->len; i++)
        {
          chosen = RCT_UNIT (g_ptr_array_index (units, i))->name;
          gtk_string_list_append (model, chosen);
          if (g_strcmp0 (chosen, keep) == 0)
            position = i + 1;
        }
    }
  self->reloading = TRUE;
  gtk_drop_down_set_model (self->unit_filter, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->unit_filter, position);
  self->reloading = FALSE;
  g_object_unref (model);
}

static void
store_changed_cb (RctStore           *store,
                  int                 kind,
                  RctSupervisionPage *self)
{
  if (kind == RCT_KIND_UNIT)
    fill_unit_filter (self);
  if (kind == RCT_KIND_VISIT || kind == RCT_KIND_ACCOUNTABILITY || kind == RCT_KIND_UNIT ||
      kind == RCT_KIND_PROBLEM || kind == RCT_KIND_PERSON)
    reload (self);
}

/* ---- lists offered in the forms ---- */

static GPtrArray *
unit_names (RctSupervisionPage *self)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  RctFilter active = { .status = "active" };
  g_autoptr(GPtrArray) units = rct_store_list (self->store, RCT_KIND_UNIT, &active, NULL);

  for (guint i = 0; units != NULL && i < units->len; i++)
    g_ptr_array_add (names, g_strdup (RCT_UNIT (g_ptr_array_index (units, i))->name));
  g_ptr_array_add (names, NULL);
  return names;
}

static GPtrArray *
vocabulary_labels (RctVocabulary vocab)
{
  GPtrArray *labels = g_ptr_array_new ();
  guint n;
  const RctVocabularyEntry *entries = rct_vocabulary_entries (vocab, &n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, (gpointer) rct_vocabulary_label (vocab, entries[i].key));
  g_ptr_array_add (labels, NULL);
  return labels;
}

/* The vocabulary's key for a label or word, or the word itself. */
static const char *
key_of (RctVocabulary  vocab,
        const char    *text)
{
  const char *key = rct_vocabulary_find_key (vocab, text);

  return key != NULL ? key : text;
}

static const char *
or_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* An edit in a form: the record it opened and the revision it read, which
 * its save checks (issue 20, docs/RELIABILITY.md); after a conflict, the
 * other clerk's, so that Save again goes over theirs knowingly. Held by the
 * page while the (modal) form is open. */
typedef struct
{
  gint64 id;        /* 0: a new record */
  gint64 revision;
} Edit;

static Edit *
edit_new (RctSupervisionPage *self,
          const char         *key,
          RctRecord          *record)
{
  Edit *edit = g_new0 (Edit, 1);

  if (record != NULL)
    {
      edit->id = rct_record_get_id (record);
      edit->revision = rct_record_get_revision (record);
    }
  g_object_set_data_full (G_OBJECT (self), key, edit, g_free);
  return edit;
}

/* Saves @changes over the record @edit opened. On a conflict the form
 * keeps the clerk's @values, *@message has the sentence with the other
 * clerk's values (@describe makes it) and @edit holds their revision. */
typedef char *(*DescribeConflict) (RctRecord          *current,
                                   const char * const *values,
                                   const char         *sentence);

static gboolean
save_edit (RctSupervisionPage  *self,
           RctKind              kind,
           Edit                *edit,
           GHashTable          *changes,
           const char * const  *values,
           DescribeConflict     describe,
           char               **message)
{
  g_autoptr(RctRecord) current = NULL;
  g_autoptr(GError) error = NULL;

  if (rct_store_update_at (self->store, kind, edit->id, edit->revision, changes, NULL, &current, &error))
    return TRUE;
  if (g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT) && current != NULL)
    {
      *message = describe (current, values, error->message);
      edit->revision = rct_record_get_revision (current);
    }
  else
    *message = g_strdup (error->message);
  return FALSE;
}

/* ---- visits ---- */

static char *
describe_visit (RctRecord          *current,
                const char * const *values,
                const char         *sentence)
{
  RctVisit *visit = RCT_VISIT (current);
  RctConflictField fields[] = {
    { _("_Date"), visit->date, values[0], NULL },
    { _("_Team"), visit->team, values[1], NULL },
    { _("_Method"), rct_vocabulary_label (RCT_VOCAB_VISIT_METHOD, visit->method), values[2], NULL },
    { _("_Units visited (joined by 、)"), visit->units, values[3], NULL },
    { _("_Findings (one a line)"), visit->findings, values[4], NULL },
  };

  return rct_conflict_describe (sentence, fields, G_N_ELEMENTS (fields));
}

/* Values: date, team, method, units, findings. */
static gboolean
visit_done_cb (GtkWidget          *owner,
               const char * const *values,
               gpointer            user_data,
               char              **message)
{
  RctSupervisionPage *self = RCT_SUPERVISION_PAGE (owner);
  Edit *edit = user_data;
  gint64 id = 0;
  g_autoptr(GHashTable) changes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_hash_table_insert (changes, (gpointer) "date", (gpointer) values[0]);
  g_hash_table_insert (changes, (gpointer) "team", (gpointer) values[1]);
  g_hash_table_insert (changes, (gpointer) "method", (gpointer) key_of (RCT_VOCAB_VISIT_METHOD, values[2]));
  g_hash_table_insert (changes, (gpointer) "units", (gpointer) values[3]);
  g_hash_table_insert (changes, (gpointer) "findings", (gpointer) values[4]);
  if (edit->id != 0)
    return save_edit (self, RCT_KIND_VISIT, edit, changes, values, describe_visit, message);
  ok = rct_store_create (self->store, RCT_KIND_VISIT, changes, &id, &error);
  if (ok)
    {
      self->visit_id = id;
      reload (self);
    }
  if (!ok)
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static void
ask_visit (RctSupervisionPage *self,
           RctVisit           *visit)
{
  g_autofree char *today = rct_clock_today ();
  g_autoptr(GPtrArray) units = unit_names (self);
  g_autoptr(GPtrArray) methods = vocabulary_labels (RCT_VOCAB_VISIT_METHOD);
  const char *teams[] = { "督导检查组", "第一督导组", "第二督导组", "第三督导组", NULL };
  RctInputField fields[] = {
    { _("_Date"), RCT_INPUT_DATE, visit != NULL ? visit->date : today, NULL },
    { _("_Team"), RCT_INPUT_SUGGEST, visit != NULL ? visit->team : NULL, teams },
    { _("_Method"), RCT_INPUT_CHOICE,
      visit != NULL ? rct_vocabulary_label (RCT_VOCAB_VISIT_METHOD, visit->method) : NULL,
      (const char * const *) methods->pdata },
    { _("_Units visited (joined by 、)"), RCT_INPUT_SUGGEST, visit != NULL ? visit->units : NULL,
      (const char * const *) units->pdata },
    { _("_Findings (one a line)"), RCT_INPUT_LONG_TEXT, visit != NULL ? visit->findings : NULL, NULL },
  };

  rct_input_dialog_ask (GTK_WIDGET (self), visit != NULL ? _("Edit the Visit") : _("Record an Inspection Visit"),
                        _("Who went, where and how, and what they found: each finding can then become a problem "
                          "of the ledger."),
                        visit != NULL ? _("_Save") : _("_Record"), fields, G_N_ELEMENTS (fields), visit_done_cb,
                        edit_new (self, "rct-visit-edit", RCT_RECORD (visit)));
}

static void
add_visit_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ask_visit (RCT_SUPERVISION_PAGE (widget), NULL);
}

static void
edit_visit_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RctSupervisionPage *self = RCT_SUPERVISION_PAGE (widget);
  g_autoptr(RctVisit) visit = rct_store_get (self->store, RCT_KIND_VISIT, self->visit_id, NULL);

  if (visit != NULL)
    ask_visit (self, visit);
}

/* Values: unit, description, found, deadline. */
static gboolean
finding_done_cb (GtkWidget          *owner,
                 const char * const *values,
                 gpointer            user_data,
                 char              **message)
{
  RctSupervisionPage *self = RCT_SUPERVISION_PAGE (owner);
  g_autoptr(GHashTable) problem = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  if (or_null (values[0]) != NULL)
    g_hash_table_insert (problem, (gpointer) "unit", (gpointer) values[0]);
  g_hash_table_insert (problem, (gpointer) "description", (gpointer) values[1]);
  g_hash_table_insert (problem, (gpointer) "found_date", (gpointer) values[2]);
  g_hash_table_insert (problem, (gpointer) "deadline", (gpointer) values[3]);
  if (!rct_store_register_finding (self->store, self->visit_id, GPOINTER_TO_UINT (user_data), problem, NULL, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static void
register_finding_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RctSupervisionPage *self = RCT_SUPERVISION_PAGE (widget);
  guint finding = g_variant_get_uint32 (parameter);
  g_autoptr(RctVisit) visit = rct_store_get (self->store, RCT_KIND_VISIT, self->visit_id, NULL);
  g_auto(GStrv) findings = NULL;
  g_auto(GStrv) units = NULL;
  g_autofree char *deadline = NULL;

  if (visit == NULL)
    return;
  findings = rct_visit_dup_findings (visit);
  if (finding < 1 || finding > g_strv_length (findings))
    return;
  units = visit->units != NULL ? g_strsplit (visit->units, "、", -1) : NULL;
  if (units == NULL || units[0] == NULL)
    {
      g_autoptr(GPtrArray) all = unit_names (self);
      g_strfreev (units);
      units = g_strdupv ((char **) all->pdata);
    }
  deadline = rct_date_add_days (visit->date, 30);
  {
    RctInputField fields[] = {
      { _("_Unit"), RCT_INPUT_CHOICE, units[0], (const char * const *) units },
      { _("_Description"), RCT_INPUT_LONG_TEXT, findings[finding - 1], NULL },
      { _("_Found"), RCT_INPUT_DATE, visit->date, NULL },
      { _("D_eadline"), RCT_INPUT_DATE, deadline, NULL },
    };

    rct_input_dialog_ask (widget, _("Register the Finding as a Problem"),
                          _("The problem goes into the ledger as found by the office's inspection, linked to the "
                            "visit."),
                          _("_Register"), fields, G_N_ELEMENTS (fields), finding_done_cb, GUINT_TO_POINTER (finding));
  }
}

/* ---- accountability ---- */

static char *
describe_accountability (RctRecord          *current,
                         const char * const *values,
                         const char         *sentence)
{
  RctAccountability *record = RCT_ACCOUNTABILITY (current);
  RctConflictField fields[] = {
    { _("_Kind"), rct_vocabulary_label (RCT_VOCAB_ACCOUNTABILITY_KIND, record->kind), values[0], NULL },
    { _("_Person held to account"), record->person_name, values[1], NULL },
    { _("_Unit"), record->unit_name, values[2], NULL },
    { _("_Problems (numbers joined by 、)"), record->problems, values[3], NULL },
    { _("_Reason"), record->reason, values[4], NULL },
    { _("Decided _by"), record->decided_by, values[5], NULL },
    { _("_Date"), record->date, values[6], NULL },
    { _("Document _number (文号)"), record->document, values[7], NULL },
  };

  return rct_conflict_describe (sentence, fields, G_N_ELEMENTS (fields));
}

/* Values: kind, person, unit, problems, reason, decided by, date, document. */
static gboolean
accountability_done_cb (GtkWidget          *owner,
                        const char * const *values,
                        gpointer            user_data,
                        char              **message)
{
  RctSupervisionPage *self = RCT_SUPERVISION_PAGE (owner);
  Edit *edit = user_data;
  g_autoptr(GHashTable) changes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_insert (changes, (gpointer) "kind", (gpointer) key_of (RCT_VOCAB_ACCOUNTABILITY_KIND, values[0]));
  g_hash_table_insert (changes, (gpointer) "person", (gpointer) values[1]);
  g_hash_table_insert (changes, (gpointer) "unit", (gpointer) values[2]);
  g_hash_table_insert (changes, (gpointer) "problems", (gpointer) values[3]);
  g_hash_table_insert (changes, (gpointer) "reason", (gpointer) values[4]);
  g_hash_table_insert (changes, (gpointer) "decided_by", (gpointer) values[5]);
  g_hash_table_insert (changes, (gpointer) "date", (gpointer) values[6]);
  g_hash_table_insert (changes, (gpointer) "document", (gpointer) values[7]);
  if (edit->id != 0)
    return save_edit (self, RCT_KIND_ACCOUNTABILITY, edit, changes, values, describe_accountability, message);
  /* Empty fields of a new record are simply not given. */
  g_hash_table_iter_init (&iter, changes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (or_null (value) == NULL)
      g_hash_table_iter_remove (&iter);
  if (!rct_store_create (self->store, RCT_KIND_ACCOUNTABILITY, changes, NULL, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static void
ask_accountability (RctSupervisionPage *self,
                    RctAccountability  *record,
                    const char         *problem_number,
                    const char         *unit)
{
  g_autofree char *today = rct_clock_today ();
  g_autoptr(GPtrArray) units = unit_names (self);
  g_autoptr(GPtrArray) kinds = vocabulary_labels (RCT_VOCAB_ACCOUNTABILITY_KIND);
  RctInputField fields[] = {
    { _("_Kind"), RCT_INPUT_SUGGEST,
      record != NULL ? rct_vocabulary_label (RCT_VOCAB_ACCOUNTABILITY_KIND, record->kind)
                     : rct_vocabulary_label (RCT_VOCAB_ACCOUNTABILITY_KIND, "reminder-talk"),
      (const char * const *) kinds->pdata },
    { _("_Person held to account"), RCT_INPUT_TEXT, record != NULL ? record->person_name : NULL, NULL },
    { _("_Unit"), RCT_INPUT_CHOICE, record != NULL ? record->unit_name : unit, (const char * const *) units->pdata },
    { _("_Problems (numbers joined by 、)"), RCT_INPUT_TEXT, record != NULL ? record->problems : problem_number, NULL },
    { _("_Reason"), RCT_INPUT_LONG_TEXT, record != NULL ? record->reason : NULL, NULL },
    { _("Decided _by"), RCT_INPUT_TEXT, record != NULL ? record->decided_by : NULL, NULL },
    { _("_Date"), RCT_INPUT_DATE, record != NULL ? record->date : today, NULL },
    { _("Document _number (文号)"), RCT_INPUT_TEXT, record != NULL ? record->document : NULL, NULL },
  };

  rct_input_dialog_ask (GTK_WIDGET (self), record != NULL ? _("Edit the Accountability") : _("Hold to Account"),
                        _("Who is held to account, how and for what; the kinds are the usual ones, or the "
                          "office's own word."),
                        record != NULL ? _("_Save") : _("_Record"), fields, G_N_ELEMENTS (fields),
                        accountability_done_cb, edit_new (self, "rct-accountability-edit", RCT_RECORD (record)));
}

static void
add_accountability_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ask_accountability (RCT_SUPERVISION_PAGE (widget), NULL, NULL, NULL);
}

static void
edit_accountability_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RctSupervisionPage *self = RCT_SUPERVISION_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->accountability_list);
  g_autoptr(RctAccountability) record = NULL;

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->accountability_list, 0);
  if (row == NULL)
    return;
  record = rct_store_get (self->store, RCT_KIND_ACCOUNTABILITY,
                          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "record-id")), NULL);
  if (record != NULL)
    ask_accountability (self, record, NULL, NULL);
}

/* ---- GObject ---- */

static void
rct_supervision_page_dispose (GObject *object)
{
  RctSupervisionPage *self = RCT_SUPERVISION_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_SUPERVISION_PAGE);
  G_OBJECT_CLASS (rct_supervision_page_parent_class)->dispose (object);
}

static void
rct_supervision_page_finalize (GObject *object)
{
  RctSupervisionPage *self = RCT_SUPERVISION_PAGE (object);

  g_free (self->message);
  G_OBJECT_CLASS (rct_supervision_page_parent_class)->finalize (object);
}

static void
rct_supervision_page_class_init (RctSupervisionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_supervision_page_dispose;
  object_class->finalize = rct_supervision_page_finalize;

  (void) rct_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rectify/Rectify/rct-supervision-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, visit_list);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, findings_label);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, finding_list);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, kinds_label);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, accountability_list);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisionPage, unit_filter);

  gtk_widget_class_bind_template_callback (widget_class, visit_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "supervision.add-visit", NULL, add_visit_cb);
  gtk_widget_class_install_action (widget_class, "supervision.edit-visit", NULL, edit_visit_cb);
  gtk_widget_class_install_action (widget_class, "supervision.register-finding", "u", register_finding_cb);
  gtk_widget_class_install_action (widget_class, "supervision.add-accountability", NULL, add_accountability_cb);
  gtk_widget_class_install_action (widget_class, "supervision.edit-accountability", NULL, edit_accountability_cb);
}

static void
rct_supervision_page_init (RctSupervisionPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  guint n;
  const RctVocabularyEntry *entries = rct_vocabulary_entries (RCT_VOCAB_ACCOUNTABILITY_KIND, &n);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (kinds, _("All kinds"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (kinds, rct_vocabulary_label (RCT_VOCAB_ACCOUNTABILITY_KIND, entries[i].key));
  self->reloading = TRUE;
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (kinds));
  self->reloading = FALSE;
  fill_unit_filter (self);
  reload (self);
}

/* ---- public ---- */

void
rct_supervision_page_set_store (RctSupervisionPage *self,
                                RctStore           *store,
                                gboolean            read_only)
{
  g_return_if_fail (RCT_IS_SUPERVISION_PAGE (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  self->read_only = read_only;
  self->visit_id = 0;
  set_message (self, NULL);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  fill_unit_filter (self);
  reload (self);
}

/**
 * rct_supervision_page_filter_accountability:
 * @kind: (nullable): a key of the vocabulary, %NULL for all kinds
 * @unit: (nullable): a unit's name, %NULL for all units
 *
 * Chooses in the page's filters, as a person does.
 *
 * Returns: how many accountability records the list then shows
 */
guint
rct_supervision_page_filter_accountability (RctSupervisionPage *self,
                                            const char         *kind,
                                            const char         *unit)
{
  guint n, position = 0, count = 0;
  const RctVocabularyEntry *entries = rct_vocabulary_entries (RCT_VOCAB_ACCOUNTABILITY_KIND, &n);
  GListModel *units = gtk_drop_down_get_model (self->unit_filter);

  g_return_val_if_fail (RCT_IS_SUPERVISION_PAGE (self), 0);
  for (guint i = 0; kind != NULL && i < n; i++)
    if (g_str_equal (entries[i].key, kind))
      position = i + 1;
  gtk_drop_down_set_selected (self->kind_filter, position);
  position = 0;
  for (guint i = 1; unit != NULL && i < g_list_model_get_n_items (units); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (units), i), unit) == 0)
      position = i;
  gtk_drop_down_set_selected (self->unit_filter, position);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->accountability_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      count++;
  return count;
}

/**
 * rct_supervision_page_select_visit:
 *
 * Shows the findings of this visit.
 *
 * Returns: %TRUE when the visit is listed
 */
gboolean
rct_supervision_page_select_visit (RctSupervisionPage *self,
                                   gint64              visit_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (RCT_IS_SUPERVISION_PAGE (self), FALSE);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->visit_list, i)) != NULL; i++)
    if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "record-id")) == visit_id)
      {
        gtk_list_box_select_row (self->visit_list, row);
        return TRUE;
      }
  return FALSE;
}

/**
 * rct_supervision_page_hold_to_account:
 *
 * Opens the accountability form for a problem: its number and its unit
 * already filled in.
 */
void
rct_supervision_page_hold_to_account (RctSupervisionPage *self,
                                      const char         *problem_number)
{
  g_autoptr(RctProblem) problem = NULL;
  gint64 id;

  g_return_if_fail (RCT_IS_SUPERVISION_PAGE (self));
  if (self->store == NULL || self->read_only)
    return;
  id = rct_store_find_id (self->store, RCT_KIND_PROBLEM, problem_number, NULL);
  if (id != 0)
    problem = rct_store_get (self->store, RCT_KIND_PROBLEM, id, NULL);
  ask_accountability (self, NULL, problem_number, problem != NULL ? problem->unit_name : NULL);
}

const char *
rct_supervision_page_get_message (RctSupervisionPage *self)
{
  g_return_val_if_fail (RCT_IS_SUPERVISION_PAGE (self), NULL);
  return self->message;
}
