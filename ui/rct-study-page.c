/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-study-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-conflict.h"
#include "rct-csv.h"
#include "rct-figures.h"
#include "rct-file-chooser.h"
#include "rct-input-dialog.h"
#include "rct-study-page.h"
#include "rct-ui-resources.h"
#include "rct-vocabulary.h"

/* The study phase (学习教育): the training course with its three rates and
 * the officers still to chase unit by unit, the roster read from the
 * personnel office's spreadsheet, and the campaign's activity series with
 * their progress against target and period. Every figure here is read
 * from rct-figures-study.c; nothing is typed in but the lists. */

struct _RctStudyPage
{
  GtkWidget        parent_instance;

  RctStore        *store;
  gboolean         read_only;
  RctStudyFigures *figures;
  char            *series;       /* the selected series' name */
  char            *message;
  GFile           *last_file;    /* the last import, for "import the good rows" */
  RctKind          last_kind;
  gboolean         reloading;

  /* Template children */
  GtkWidget       *scroller;
  GtkLabel        *course_label;
  GtkWidget       *message_box;
  GtkLabel        *message_label;
  GtkWidget       *good_rows_button;
  GtkGrid         *rates_grid;
  GtkLabel        *roster_label;
  GtkListBox      *roster_list;
  GtkListBox      *missing_list;
  GtkListBox      *series_list;
  GtkLabel        *entries_label;
  GtkListBox      *entries_list;
  GHashTable      *entry_revisions;  /* each entry listed: the revision Mark done checks */
};

G_DEFINE_FINAL_TYPE (RctStudyPage, rct_study_page, GTK_TYPE_WIDGET)

static void reload (RctStudyPage *self);

/* ---- what is shown ---- */

static GtkWidget *
row_label (const char *text,
           gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
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
set_message (RctStudyPage *self,
             const char   *message,
             gboolean      offer_good_rows)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->message_box, message != NULL);
  gtk_widget_set_visible (self->good_rows_button, offer_good_rows);
}

static void
show_rates (RctStudyPage *self)
{
  const RctStudyFigures *f = self->figures;
  struct { const char *label; gint64 numerator, denominator; } rates[] = {
    { N_("Enrolment (enrolled / officers in service)"), f->enrolled, f->roster },
    { N_("Required hours completed (/ enrolled)"), f->required_done, f->enrolled },
    { N_("Elective hours completed (/ enrolled)"), f->elective_done, f->enrolled },
  };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rates_grid))) != NULL)
    gtk_grid_remove (self->rates_grid, child);
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *ratio = rct_figures_format_ratio (rates[i].numerator, rates[i].denominator);
      g_autofree char *counts = g_strdup_printf ("%s  (%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT ")", ratio,
                                                 rates[i].numerator, rates[i].denominator);
      GtkWidget *bar = gtk_progress_bar_new ();

      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar),
                                     rates[i].denominator > 0 ? (double) rates[i].numerator / rates[i].denominator : 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _(rates[i].label), -1);
      gtk_grid_attach (self->rates_grid, row_label (_(rates[i].label), FALSE), 0, i, 1, 1);
      gtk_grid_attach (self->rates_grid, bar, 1, i, 1, 1);
      gtk_grid_attach (self->rates_grid, row_label (counts, FALSE), 2, i, 1, 1);
    }
}

static const char *
gap_text (RctTrainingGap gap)
{
  switch (gap)
    {
    case RCT_TRAINING_NOT_ENROLLED: return _("not enrolled");
    case RCT_TRAINING_REQUIRED_SHORT: return _("required hours short");
    case RCT_TRAINING_ELECTIVE_SHORT: return _("elective hours short");
    default: return "";
    }
}

static void
show_missing (RctStudyPage *self)
{
  guint shown = 0;

  clear_list (self->missing_list);
  for (guint i = 0; i < self->figures->units->len; i++)
    {
      RctUnitTraining *unit = g_ptr_array_index (self->figures->units, i);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *text = NULL;

      if (unit->missing->len == 0)
        continue;
      for (guint j = 0; j < unit->missing->len; j++)
        {
          RctMissingOfficer *m = g_ptr_array_index (unit->missing, j);
          /* Translators: an officer and why he still counts against a rate */
          g_string_append_printf (names, j == 0 ? _("%s (%s)") : _(", %s (%s)"), m->name, gap_text (m->gap));
        }
      /* Translators: a unit, how many officers are missing, and their names */
      text = g_strdup_printf (_("%s — %u: %s"), unit->name, unit->missing->len, names->str);
      gtk_list_box_append (self->missing_list, row_label (text, FALSE));
      shown++;
    }
  if (shown == 0)
    gtk_list_box_append (self->missing_list,
                         row_label (self->figures->roster > 0 ? _("Every officer in service has finished the course.")
                                                              : _("The roster is empty: import it from the personnel office's spreadsheet."),
                                    TRUE));
}

/* The roster counted per unit: in service (police officers and
 * auxiliaries) and left. */
static void
show_roster (RctStudyPage *self)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) officers = NULL;

  clear_list (self->roster_list);
  if (self->store == NULL)
    return;
  units = rct_store_list (self->store, RCT_KIND_UNIT, NULL, NULL);
  officers = rct_store_list (self->store, RCT_KIND_OFFICER, NULL, NULL);
  for (guint i = 0; units != NULL && officers != NULL && i < units->len; i++)
    {
      RctUnit *unit = g_ptr_array_index (units, i);
      gint64 police = 0, auxiliary = 0, left = 0;
      g_autofree char *in_service = NULL;
      g_autofree char *text = NULL;

      for (guint j = 0; j < officers->len; j++)
        {
          RctOfficer *o = g_ptr_array_index (officers, j);

          if (o->unit_id != rct_record_get_id (RCT_RECORD (unit)))
            continue;
          if (!o->in_service)
            left++;
          else if (g_strcmp0 (o->kind, "auxiliary") == 0)
            auxiliary++;
          else
            police++;
        }
      if (police + auxiliary + left == 0)
        continue;
      /* Translators: officers of a unit in service: police officers and auxiliaries */
      in_service = g_strdup_printf (_("%d in service: %d police, %d auxiliary"),
                                    (int) (police + auxiliary), (int) police, (int) auxiliary);
      if (left > 0)
        /* Translators: a unit, its officers in service, and how many left */
        text = g_strdup_printf (_("%s — %s; %d left"), unit->name, in_service, (int) left);
      else
        text = g_strdup_printf ("%s — %s", unit->name, in_service);
      /* The unit's own three rates, by the same definitions. */
      for (guint k = 0; self->figures->course != NULL && k < self->figures->units->len; k++)
        {
          RctUnitTraining *t = g_ptr_array_index (self->figures->units, k);
          g_autofree char *enrolled = NULL, *required = NULL, *elective = NULL, *rates = NULL;

          if (g_strcmp0 (t->name, unit->name) != 0)
            continue;
          enrolled = rct_figures_format_ratio (t->enrolled, t->roster);
          required = rct_figures_format_ratio (t->required_done, t->enrolled);
          elective = rct_figures_format_ratio (t->elective_done, t->enrolled);
          /* Translators: a unit's three training rates */
          rates = g_strdup_printf (_("enrolled %s · required %s · elective %s"), enrolled, required, elective);
          {
            char *with_rates = g_strdup_printf ("%s  ·  %s", text, rates);
            g_free (text);
            text = with_rates;
          }
        }
      gtk_list_box_append (self->roster_list, row_label (text, FALSE));
    }
}

static const char *
state_text (RctSeriesState state)
{
  switch (state)
    {
    case RCT_SERIES_ON_TRACK: return _("on track");
    case RCT_SERIES_BEHIND: return _("behind the period's pace");
    case RCT_SERIES_OVERDUE: return _("period over, target not reached");
    case RCT_SERIES_COMPLETE: return _("target reached");
    default: return "";
    }
}

static GtkWidget *
series_row (const RctSeriesFigures *series)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *name = row_label (series->name, FALSE);
  GtkWidget *state;
  g_autofree char *ratio = rct_figures_format_ratio (series->done, series->target);
  g_autofree char *counts = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT "  %s",
                                             series->done, series->target, ratio);
  g_autofree char *start = series->start_date != NULL ? rct_date_format_local (series->start_date) : g_strdup ("");
  g_autofree char *end = series->end_date != NULL ? rct_date_format_local (series->end_date) : g_strdup ("");
  /* Translators: an activity's kind, its period, and its state */
  g_autofree char *detail = g_strdup_printf (_("%s · %s – %s · %s"),
                                             rct_vocabulary_label (RCT_VOCAB_ACTIVITY_KIND, series->kind),
                                             start, end, state_text (series->state));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (top), row_label (counts, FALSE));
  gtk_box_append (GTK_BOX (box), top);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar),
                                 series->target > 0 ? MIN (1.0, (double) series->done / series->target) : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, series->name, -1);
  gtk_box_append (GTK_BOX (box), bar);
  state = row_label (detail, FALSE);
  /* The office's colours: behind the period's pace yellow, past it red. */
  if (series->state == RCT_SERIES_BEHIND)
    gtk_widget_add_css_class (state, "deadline-due-soon");
  else if (series->state == RCT_SERIES_OVERDUE)
    gtk_widget_add_css_class (state, "deadline-overdue");
  else
    gtk_widget_add_css_class (state, "series-on-track");
  gtk_box_append (GTK_BOX (box), state);
  g_object_set_data_full (G_OBJECT (box), "series", g_strdup (series->name), g_free);
  return box;
}

static void
show_entries (RctStudyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *heading = NULL;
  RctFilter filter = { 0 };

  clear_list (self->entries_list);
  g_hash_table_remove_all (self->entry_revisions);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.add-entry",
                                 self->store != NULL && !self->read_only && self->series != NULL);
  if (self->store == NULL || self->series == NULL)
    {
      gtk_label_set_text (self->entries_label, _("Choose an activity to see its entries"));
      return;
    }
  /* Translators: %s is an activity series */
  heading = g_strdup_printf (_("Entries of %s"), self->series);
  gtk_label_set_text (self->entries_label, heading);
  filter.parent = self->series;
  filter.descending = TRUE;
  entries = rct_store_list (self->store, RCT_KIND_ACTIVITY_ENTRY, &filter, &error);
  if (entries == NULL)
    {
      set_message (self, error->message, FALSE);
      return;
    }
  for (guint i = entries->len; i > 0; i--)
    {
      RctActivityEntry *e = g_ptr_array_index (entries, i - 1);
      g_autofree char *date = rct_date_format_local (e->date);
      g_autoptr(GString) text = g_string_new (date);

      const char *parts[] = { e->person, e->unit_name, e->place, e->topic };

      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        if (parts[j] != NULL && *parts[j] != '\0')
          g_string_append_printf (text, "  ·  %s", parts[j]);
      if (e->audience > 0)
        {
          /* Translators: how many people an activity reached */
          g_autofree char *people = g_strdup_printf (ngettext ("%d person", "%d people", (gulong) e->audience),
                                                     (int) e->audience);
          g_string_append_printf (text, "  ·  %s", people);
        }
      if (!e->done)
        {
          /* Recorded but not yet published or held: one click when it is. */
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *label = row_label (text->str, TRUE);
          GtkWidget *button = gtk_button_new_with_mnemonic (_("Mark _done"));
          gint64 id = rct_record_get_id (RCT_RECORD (e));
          gint64 revision = rct_record_get_revision (RCT_RECORD (e));

          g_string_append_printf (text, "  ·  %s", _("not yet done"));
          gtk_label_set_text (GTK_LABEL (label), text->str);
          gtk_widget_set_hexpand (label, TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "study.mark-done");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
          g_hash_table_insert (self->entry_revisions, g_memdup2 (&id, sizeof id),
                               g_memdup2 (&revision, sizeof revision));
          gtk_widget_set_sensitive (button, !self->read_only);
          gtk_box_append (GTK_BOX (box), label);
          gtk_box_append (GTK_BOX (box), button);
          gtk_list_box_append (self->entries_list, box);
          continue;
        }
      gtk_list_box_append (self->entries_list, row_label (text->str, FALSE));
    }
  if (entries->len == 0)
    gtk_list_box_append (self->entries_list, row_label (_("No entries yet."), TRUE));
}

static void
reload (RctStudyPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *selected = NULL;

  g_clear_pointer (&self->figures, rct_study_figures_free);
  if (self->store != NULL)
    self->figures = rct_study_figures_compute (self->store, NULL, &error);
  if (self->figures == NULL)
    {
      if (error != NULL)
        set_message (self, error->message, FALSE);
      self->figures = g_new0 (RctStudyFigures, 1);
      self->figures->units = g_ptr_array_new ();
      self->figures->series = g_ptr_array_new ();
    }

  if (self->figures->course != NULL)
    {
      g_autofree char *hours = NULL;
      /* Translators: a course and its required and elective hours */
      hours = g_strdup_printf (_("%s: %d required and %d elective hours"), self->figures->course,
                               (int) self->figures->required_hours, (int) self->figures->elective_hours);
      gtk_label_set_text (self->course_label, hours);
    }
  else
    gtk_label_set_text (self->course_label, _("No training course yet"));
  show_rates (self);
  {
    g_autofree char *roster = g_strdup_printf (ngettext ("%d officer in service in %u units",
                                                         "%d officers in service in %u units",
                                                         (gulong) self->figures->roster),
                                               (int) self->figures->roster, self->figures->units->len);
    gtk_label_set_text (self->roster_label, roster);
  }
  show_roster (self);
  show_missing (self);

  self->reloading = TRUE;
  clear_list (self->series_list);
  for (guint i = 0; i < self->figures->series->len; i++)
    {
      RctSeriesFigures *series = g_ptr_array_index (self->figures->series, i);
      GtkWidget *row = series_row (series);

      gtk_list_box_append (self->series_list, row);
      if (g_strcmp0 (series->name, self->series) == 0)
        selected = GTK_LIST_BOX_ROW (gtk_widget_get_parent (row));
    }
  if (selected == NULL && self->figures->series->len > 0)
    {
      selected = gtk_list_box_get_row_at_index (self->series_list, 0);
      g_free (self->series);
      self->series = g_strdup (((RctSeriesFigures *) g_ptr_array_index (self->figures->series, 0))->name);
    }
  else if (selected == NULL)
    g_clear_pointer (&self->series, g_free);
  gtk_list_box_select_row (self->series_list, selected);
  self->reloading = FALSE;
  show_entries (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.import-roster", self->store != NULL && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.import-hours",
                                 self->store != NULL && !self->read_only && self->figures->course != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.add-officer", self->store != NULL && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.edit-officer",
                                 self->store != NULL && !self->read_only);
}

static void
series_selected_cb (RctStudyPage  *self,
                    GtkListBoxRow *row)
{
  const char *name;

  if (self->reloading || row == NULL)
    return;
  name = g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (row)), "series");
  g_free (self->series);
  self->series = g_strdup (name);
  show_entries (self);
}

static void
store_changed_cb (RctStore     *store,
                  int           kind,
                  RctStudyPage *self)
{
  if (kind == RCT_KIND_OFFICER || kind == RCT_KIND_COURSE || kind == RCT_KIND_ENROLMENT ||
      kind == RCT_KIND_ACTIVITY_SERIES || kind == RCT_KIND_ACTIVITY_ENTRY || kind == RCT_KIND_UNIT)
    reload (self);
}

/* ---- actions ---- */

static void
import_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RctStudyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rct_file_chooser_choose_finish (result, &error);

  if (file != NULL)
    rct_study_page_import_file (self, self->last_kind, file, FALSE);
}

static void
choose_import (RctStudyPage *self,
               RctKind       kind,
               const char   *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->last_kind = kind;
  rct_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, RCT_FILE_CHOOSER_OPEN,
                                 RCT_FILE_KIND_CSV, title, _("_Import"), NULL, NULL, NULL, import_chosen_cb,
                                 g_object_ref (self));
}

static void
import_roster_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  choose_import (RCT_STUDY_PAGE (widget), RCT_KIND_OFFICER, _("Import the Roster (CSV)"));
}

static void
import_hours_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  choose_import (RCT_STUDY_PAGE (widget), RCT_KIND_ENROLMENT, _("Import the Training Hours (CSV)"));
}

static void
import_good_rows_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RctStudyPage *self = RCT_STUDY_PAGE (widget);
  g_autoptr(GFile) file = self->last_file != NULL ? g_object_ref (self->last_file) : NULL;

  if (file != NULL)
    rct_study_page_import_file (self, self->last_kind, file, TRUE);
}

static gboolean
officer_done_cb (GtkWidget          *owner,
                 const char * const *values,
                 gpointer            user_data,
                 char              **message)
{
  RctStudyPage *self = RCT_STUDY_PAGE (owner);
  g_autoptr(GError) error = NULL;
  const char *kind = rct_vocabulary_find_key (RCT_VOCAB_OFFICER_KIND, values[3]);

  if (!rct_store_create_va (self->store, RCT_KIND_OFFICER, NULL, &error, "name", values[0], "unit", values[1],
                            "police_number", *values[2] != '\0' ? values[2] : NULL,
                            "kind", kind != NULL ? kind : values[3], NULL))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static void
add_officer_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RctStudyPage *self = RCT_STUDY_PAGE (widget);
  g_autoptr(GPtrArray) units = rct_store_list (self->store, RCT_KIND_UNIT, NULL, NULL);
  g_autoptr(GPtrArray) unit_names = g_ptr_array_new ();
  const char *kinds[] = { rct_vocabulary_label (RCT_VOCAB_OFFICER_KIND, "police"),
                          rct_vocabulary_label (RCT_VOCAB_OFFICER_KIND, "auxiliary"), NULL };

  for (guint i = 0; units != NULL && i < units->len; i++)
    g_ptr_array_add (unit_names, RCT_UNIT (g_ptr_array_index (units, i))->name);
  g_ptr_array_add (unit_names, NULL);
  {
    RctInputField fields[] = {
      { _("Name"), RCT_INPUT_TEXT, NULL, NULL },
      { _("Unit"), RCT_INPUT_CHOICE, NULL, (const char * const *) unit_names->pdata },
      { _("Police number (optional)"), RCT_INPUT_TEXT, NULL, NULL },
      { _("Kind"), RCT_INPUT_CHOICE, NULL, kinds },
    };
    rct_input_dialog_ask (widget, _("Add an Officer to the Roster"), NULL, _("_Add"), fields, G_N_ELEMENTS (fields),
                          officer_done_cb, NULL);
  }
}

/* Changes an officer found by name or police number: an empty value or
 * "unchanged" leaves that field as it is. Values: officer, unit, kind, in
 * service, reason. @seen (nullable): each officer's revision when the form
 * opened (issue 20): a save after another clerk changed that officer since
 * is RCT_STORE_ERROR_CONFLICT with *@out_current the officer as now, and
 * @seen then holds the other's revision, so that saving again goes over
 * it knowingly. */
static gboolean
change_officer (RctStudyPage        *self,
                const char * const  *values,
                GHashTable          *seen,
                RctRecord          **out_current,
                GError             **error)
{
  g_autoptr(GHashTable) changes = g_hash_table_new (g_str_hash, g_str_equal);
  const char *unchanged = _("(unchanged)");
  gint64 id = rct_store_find_officer_by_key (self->store, values[0], error);
  gint64 *revision;
  const char *kind;

  if (id == 0)
    return FALSE;
  if (*values[1] != '\0' && g_strcmp0 (values[1], unchanged) != 0)
    g_hash_table_insert (changes, "unit", (gpointer) values[1]);
  if (*values[2] != '\0' && g_strcmp0 (values[2], unchanged) != 0)
    {
      kind = rct_vocabulary_find_key (RCT_VOCAB_OFFICER_KIND, values[2]);
      g_hash_table_insert (changes, "kind", (gpointer) (kind != NULL ? kind : values[2]));
    }
  if (g_strcmp0 (values[3], _("In service")) == 0 || g_strcmp0 (values[3], "yes") == 0)
    g_hash_table_insert (changes, "in_service", "1");
  else if (g_strcmp0 (values[3], _("Left service")) == 0 || g_strcmp0 (values[3], "no") == 0)
    g_hash_table_insert (changes, "in_service", "0");
  /* An officer added since the form opened: as he is now. */
  revision = seen != NULL ? g_hash_table_lookup (seen, &id) : NULL;
  if (!rct_store_update_at (self->store, RCT_KIND_OFFICER, id, revision != NULL ? *revision : 0, changes,
                            *values[4] != '\0' ? values[4] : NULL, out_current, error))
    {
      if (revision != NULL && out_current != NULL && *out_current != NULL)
        *revision = rct_record_get_revision (*out_current);
      return FALSE;
    }
  return TRUE;
}

/* The conflict's sentence with the officer as the other clerk left him:
 * the form does not show his values, so each field left unchanged gives
 * theirs, and a field the clerk set gives theirs where the two differ. */
static char *
describe_officer (RctOfficer         *current,
                  const char * const *values,
                  const char         *sentence)
{
  const char *unchanged = _("(unchanged)");
  const char *kind = rct_vocabulary_label (RCT_VOCAB_OFFICER_KIND, current->kind);
  const char *service = current->in_service ? _("In service") : _("Left service");
  RctConflictField fields[] = {
    { _("Unit"), current->unit_name, values[1], NULL },
    { _("Kind"), kind, values[2], NULL },
    { _("In service"), service, values[3], NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (*fields[i].mine == '\0' || g_strcmp0 (fields[i].mine, unchanged) == 0)
      fields[i].mine = NULL;
  return rct_conflict_describe (sentence, fields, G_N_ELEMENTS (fields));
}

static gboolean
change_officer_done_cb (GtkWidget          *owner,
                        const char * const *values,
                        gpointer            user_data,
                        char              **message)
{
  g_autoptr(RctRecord) current = NULL;
  g_autoptr(GError) error = NULL;

  if (!change_officer (RCT_STUDY_PAGE (owner), values, user_data, &current, &error))
    {
      if (g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT) && current != NULL)
        *message = describe_officer (RCT_OFFICER (current), values, error->message);
      else
        *message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static void
edit_officer_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RctStudyPage *self = RCT_STUDY_PAGE (widget);
  g_autoptr(GPtrArray) units = rct_store_list (self->store, RCT_KIND_UNIT, NULL, NULL);
  g_autoptr(GPtrArray) officers = rct_store_list (self->store, RCT_KIND_OFFICER, NULL, NULL);
  g_autoptr(GPtrArray) unit_names = g_ptr_array_new ();
  GHashTable *seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  const char *kinds[] = { _("(unchanged)"), rct_vocabulary_label (RCT_VOCAB_OFFICER_KIND, "police"),
                          rct_vocabulary_label (RCT_VOCAB_OFFICER_KIND, "auxiliary"), NULL };
  const char *service[] = { _("(unchanged)"), _("In service"), _("Left service"), NULL };

  g_ptr_array_add (unit_names, (gpointer) _("(unchanged)"));
  for (guint i = 0; units != NULL && i < units->len; i++)
    g_ptr_array_add (unit_names, RCT_UNIT (g_ptr_array_index (units, i))->name);
  g_ptr_array_add (unit_names, NULL);
  /* The roster as the form opened: the officer the clerk names is saved
   * only as he was then, or knowingly over another clerk's change. */
  for (guint i = 0; officers != NULL && i < officers->len; i++)
    {
      RctRecord *officer = g_ptr_array_index (officers, i);
      gint64 id = rct_record_get_id (officer);
      gint64 revision = rct_record_get_revision (officer);

      g_hash_table_insert (seen, g_memdup2 (&id, sizeof id), g_memdup2 (&revision, sizeof revision));
    }
  g_object_set_data_full (G_OBJECT (self), "rct-officers-seen", seen, (GDestroyNotify) g_hash_table_unref);
  {
    RctInputField fields[] = {
      { _("Name or police number"), RCT_INPUT_TEXT, NULL, NULL },
      { _("Unit"), RCT_INPUT_CHOICE, NULL, (const char * const *) unit_names->pdata },
      { _("Kind"), RCT_INPUT_CHOICE, NULL, kinds },
      { _("In service"), RCT_INPUT_CHOICE, NULL, service },
      { _("Reason (for the journal)"), RCT_INPUT_TEXT, NULL, NULL },
    };
    rct_input_dialog_ask (widget, _("Change an Officer of the Roster"),
                          _("A transfer, a change of kind, or leaving the service; every change is journaled."),
                          _("_Change"), fields, G_N_ELEMENTS (fields), change_officer_done_cb, seen);
  }
}

/* study.change-officer (sssss): what the change dialog records. */
static void
change_officer_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RctStudyPage *self = RCT_STUDY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *values[5];

  g_variant_get (parameter, "(&s&s&s&s&s)", &values[0], &values[1], &values[2], &values[3], &values[4]);
  if (!change_officer (self, values, NULL, NULL, &error))
    set_message (self, error->message, FALSE);
}

static gboolean
record_entry (RctStudyPage        *self,
              const char * const  *values,
              GError             **error)
{
  const char *audience = values[4] != NULL && *values[4] != '\0' ? values[4] : NULL;

  return rct_store_create_va (self->store, RCT_KIND_ACTIVITY_ENTRY, NULL, error, "series", self->series,
                              "date", values[0], "person", *values[1] != '\0' ? values[1] : NULL,
                              "place", *values[2] != '\0' ? values[2] : NULL,
                              "topic", *values[3] != '\0' ? values[3] : NULL, "audience", audience, NULL);
}

static gboolean
entry_done_cb (GtkWidget          *owner,
               const char * const *values,
               gpointer            user_data,
               char              **message)
{
  g_autoptr(GError) error = NULL;

  if (!record_entry (RCT_STUDY_PAGE (owner), values, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static void
add_entry_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RctStudyPage *self = RCT_STUDY_PAGE (widget);
  g_autofree char *today = rct_clock_today ();
  g_autofree char *title = g_strdup_printf (_("Add an Entry to %s"), self->series);
  RctInputField fields[] = {
    { _("Date"), RCT_INPUT_DATE, today, NULL },
    { _("Reader, author or speaker"), RCT_INPUT_TEXT, NULL, NULL },
    { _("School or place"), RCT_INPUT_TEXT, NULL, NULL },
    { _("Topic or title"), RCT_INPUT_TEXT, NULL, NULL },
    { _("Audience (people)"), RCT_INPUT_TEXT, NULL, NULL },
  };

  rct_input_dialog_ask (widget, title, NULL, _("_Add"), fields, G_N_ELEMENTS (fields), entry_done_cb, NULL);
}

/* study.record-entry (sssss): what the entry dialog records, for tests and
 * scripts: date, person, place, topic, audience. */
static void
record_entry_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RctStudyPage *self = RCT_STUDY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *values[5];

  g_variant_get (parameter, "(&s&s&s&s&s)", &values[0], &values[1], &values[2], &values[3], &values[4]);
  if (!record_entry (self, values, &error))
    set_message (self, error->message, FALSE);
}

/* study.mark-done (x): an entry recorded earlier is now published or held;
 * the series moves and the change is journaled. Only as the page listed it:
 * when another clerk changed the entry since, the page says so in one
 * sentence and lists it again as it is now (issue 20). */
static void
mark_done_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RctStudyPage *self = RCT_STUDY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);
  gint64 *revision = g_hash_table_lookup (self->entry_revisions, &id);
  g_autoptr(GHashTable) changes = g_hash_table_new (g_str_hash, g_str_equal);

  if (self->store == NULL || self->read_only)
    return;
  g_hash_table_insert (changes, "done", "1");
  if (!rct_store_update_at (self->store, RCT_KIND_ACTIVITY_ENTRY, id, revision != NULL ? *revision : 0, changes,
                            NULL, NULL, &error))
    {
      if (g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT))
        reload (self);
      set_message (self, error->message, FALSE);
    }
}

/* ---- GObject ---- */

static void
rct_study_page_dispose (GObject *object)
{
  RctStudyPage *self = RCT_STUDY_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->last_file);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_STUDY_PAGE);
  G_OBJECT_CLASS (rct_study_page_parent_class)->dispose (object);
}

static void
rct_study_page_finalize (GObject *object)
{
  RctStudyPage *self = RCT_STUDY_PAGE (object);

  g_clear_pointer (&self->figures, rct_study_figures_free);
  g_clear_pointer (&self->entry_revisions, g_hash_table_unref);
  g_free (self->series);
  g_free (self->message);
  G_OBJECT_CLASS (rct_study_page_parent_class)->finalize (object);
}

static void
rct_study_page_class_init (RctStudyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_study_page_dispose;
  object_class->finalize = rct_study_page_finalize;

  (void) rct_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-study-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, course_label);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, message_box);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, good_rows_button);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, rates_grid);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, roster_label);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, roster_list);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, missing_list);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, series_list);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, entries_label);
  gtk_widget_class_bind_template_child (widget_class, RctStudyPage, entries_list);

  gtk_widget_class_bind_template_callback (widget_class, series_selected_cb);

  gtk_widget_class_install_action (widget_class, "study.import-roster", NULL, import_roster_cb);
  gtk_widget_class_install_action (widget_class, "study.import-hours", NULL, import_hours_cb);
  gtk_widget_class_install_action (widget_class, "study.import-good-rows", NULL, import_good_rows_cb);
  gtk_widget_class_install_action (widget_class, "study.add-officer", NULL, add_officer_cb);
  gtk_widget_class_install_action (widget_class, "study.edit-officer", NULL, edit_officer_cb);
  gtk_widget_class_install_action (widget_class, "study.change-officer", "(sssss)", change_officer_cb);
  gtk_widget_class_install_action (widget_class, "study.add-entry", NULL, add_entry_cb);
  gtk_widget_class_install_action (widget_class, "study.record-entry", "(sssss)", record_entry_cb);
  gtk_widget_class_install_action (widget_class, "study.mark-done", "x", mark_done_cb);
}

static void
rct_study_page_init (RctStudyPage *self)
{
  self->entry_revisions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  reload (self);
}

/* ---- public ---- */

GtkWidget *
rct_study_page_new (void)
{
  return g_object_new (RCT_TYPE_STUDY_PAGE, NULL);
}

void
rct_study_page_set_store (RctStudyPage *self,
                          RctStore     *store,
                          gboolean      read_only)
{
  g_return_if_fail (RCT_IS_STUDY_PAGE (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  self->read_only = read_only;
  g_clear_pointer (&self->series, g_free);
  set_message (self, NULL, FALSE);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  reload (self);
}

/**
 * rct_study_page_import_file:
 * @kind: %RCT_KIND_OFFICER for the roster, %RCT_KIND_ENROLMENT for the
 *   training platform's hours (for the page's course)
 *
 * Reads @file with the columns guessed from its header (Chinese or
 * English) and the same checks as a problem import: unless
 * @only_good_rows, nothing is written when a row is bad, and the message
 * names every bad row by its line.
 *
 * Returns: %TRUE when rows were written
 */
gboolean
rct_study_page_import_file (RctStudyPage *self,
                            RctKind       kind,
                            GFile        *file,
                            gboolean      only_good_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (RCT_IS_STUDY_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  self->last_kind = kind;
  g_set_object (&self->last_file, file);
  table = rct_csv_read_file (file, NULL, &error);
  if (table != NULL)
    {
      mapping = rct_csv_guess_mapping_for (kind, table);
      import = rct_csv_import_study (self->store, kind, table, mapping,
                                     kind == RCT_KIND_ENROLMENT ? self->figures->course : NULL,
                                     only_good_rows, name, &error);
    }
  if (import == NULL)
    {
      set_message (self, error->message, FALSE);
      return FALSE;
    }
  if (import->problems->len > 0 && !only_good_rows)
    g_string_printf (text, ngettext ("%u row of %s is bad; nothing was imported.",
                                     "%u rows of %s are bad; nothing was imported.", import->problems->len),
                     import->problems->len, name);
  else
    g_string_printf (text, ngettext ("Imported %u row from %s.", "Imported %u rows from %s.", import->imported),
                     import->imported, name);
  for (guint i = 0; i < import->problems->len; i++)
    {
      RctCsvRowProblem *problem = g_ptr_array_index (import->problems, i);
      g_string_append_c (text, '\n');
      /* Translators: %u is a line of the file, %s why it was refused */
      g_string_append_printf (text, _("line %u: %s"), problem->line, problem->reason);
    }
  set_message (self, text->str, import->problems->len > 0 && !only_good_rows);
  return import->imported > 0;
}

const char *
rct_study_page_get_message (RctStudyPage *self)
{
  g_return_val_if_fail (RCT_IS_STUDY_PAGE (self), NULL);
  return self->message;
}

const RctStudyFigures *
rct_study_page_get_figures (RctStudyPage *self)
{
  g_return_val_if_fail (RCT_IS_STUDY_PAGE (self), NULL);
  return self->figures;
}

gboolean
rct_study_page_select_series (RctStudyPage *self,
                              const char   *name)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (RCT_IS_STUDY_PAGE (self), FALSE);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->series_list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (row)), "series"), name) == 0)
      {
        gtk_list_box_select_row (self->series_list, row);
        return TRUE;
      }
  return FALSE;
}

static void
append_labels (GtkWidget *widget,
               GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    append_labels (child, text);
}

/**
 * rct_study_page_dup_shown_text:
 * @part: "rates", "roster", "missing", "series" or "entries"
 *
 * Returns: (transfer full): the text a person reads in that part, one
 *   label a line
 */
char *
rct_study_page_dup_shown_text (RctStudyPage *self,
                               const char   *part)
{
  GString *text = g_string_new (NULL);
  GtkWidget *widget = g_str_equal (part, "rates") ? GTK_WIDGET (self->rates_grid)
                      : g_str_equal (part, "roster") ? GTK_WIDGET (self->roster_list)
                      : g_str_equal (part, "missing") ? GTK_WIDGET (self->missing_list)
                      : g_str_equal (part, "series") ? GTK_WIDGET (self->series_list)
                      : GTK_WIDGET (self->entries_list);

  append_labels (widget, text);
  return g_string_free (text, FALSE);
}
