/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-supervisors-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-figures.h"
#include "rct-input-dialog.h"
#include "rct-conflict.h"
#include "rct-supervisors-page.h"
#include "rct-ui-resources.h"
#include "rct-vocabulary.h"

/* Social supervisors (社会监督员) and their feedback: the roster on the
 * left with each supervisor's counts, their feedback (or all of it) in the
 * middle, and on the right one feedback with its reply, satisfaction and
 * the ledger problem it became. The office shows every supervisor that
 * their word was heard and acted on. */

#define DEFAULT_REPLY_DAYS 15

struct _RctSupervisorsPage
{
  GtkWidget           parent_instance;

  RctStore           *store;
  RctRecordList      *feedback;
  GSettings          *settings;
  RctFilter           filter;
  gboolean            read_only;
  gboolean            updating;
  GPtrArray          *unit_names;
  GPtrArray          *supervisor_ids;   /* gint64 *, in list order after "all" */
  char               *message;

  gboolean            narrow;
  guint               layout_idle;

  /* Template children */
  GtkPaned           *paned;
  GtkPaned           *feedback_paned;
  GtkListBox         *supervisor_list;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *unit_dropdown;
  GtkToggleButton    *awaiting_button;
  GtkToggleButton    *overdue_button;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkBox             *detail_box;

  /* The detail pane */
  GtkWidget          *placeholder;
  GtkWidget          *detail;
  GtkLabel           *heading;
  GtkLabel           *state_label;
  GtkLabel           *message_label;
  GtkTextView        *content;
  GtkEntry           *unit_entry;
  GtkEntry           *reply_due_entry;
  gint64              feedback_revision; /* the feedback's as the detail shows it */
  GtkTextView        *reply;
  GtkEntry           *reply_date;
  GtkDropDown        *satisfaction;
  GtkLabel           *problem_label;
  GtkWidget          *to_problem_button;
  GtkWidget          *use_closing_button;
};

G_DEFINE_FINAL_TYPE (RctSupervisorsPage, rct_supervisors_page, GTK_TYPE_WIDGET)

static void show_selected (RctSupervisorsPage *self);

/* ---- closures for the columns ---- */

static char *
kind_label_cb (GtkListItem *item,
               const char  *kind)
{
  return g_strdup (kind != NULL ? rct_vocabulary_label (RCT_VOCAB_FEEDBACK_KIND, kind) : "");
}

static char *
satisfaction_label_cb (GtkListItem *item,
                       const char  *satisfaction)
{
  return g_strdup (satisfaction != NULL ? rct_vocabulary_label (RCT_VOCAB_SATISFACTION, satisfaction) : "");
}

static char *
problem_label_cb (GtkListItem *item,
                  const char  *number,
                  const char  *status)
{
  if (number == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s · %s", number, rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, status));
}

static GStrv
reply_classes_cb (GtkListItem *item,
                  const char  *state)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv classes;

  if (g_strcmp0 (state, "overdue") == 0)
    g_strv_builder_add (builder, "deadline-overdue");
  else if (g_strcmp0 (state, "due-soon") == 0)
    g_strv_builder_add (builder, "deadline-due-soon");
  classes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return classes;
}

/* ---- messages ---- */

static void
set_message (RctSupervisorsPage *self,
             const char         *message,
             gboolean            is_error)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

/* ---- the roster ---- */

static int
reply_days (RctSupervisorsPage *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return DEFAULT_REPLY_DAYS;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "reply-days"))
    return DEFAULT_REPLY_DAYS;
  return g_settings_get_int (self->settings, "reply-days");
}

/**
 * rct_supervisors_page_dup_supervisor_summary:
 *
 * Returns: (transfer full): the counts line the roster shows for a
 *   supervisor: feedback, replied, awaiting, satisfaction
 */
char *
rct_supervisors_page_dup_supervisor_summary (RctSupervisorsPage *self,
                                             gint64              supervisor_id)
{
  g_autoptr(RctSupervisor) supervisor = rct_store_get (self->store, RCT_KIND_SUPERVISOR, supervisor_id, NULL);
  g_autofree char *satisfaction = NULL;

  if (supervisor == NULL)
    return g_strdup ("");
  /* The same definition as the office's figure: satisfied or basically
   * satisfied among replied feedback with a rating. */
  satisfaction = rct_figures_format_ratio (supervisor->satisfied_count, supervisor->rated_count);
  /* Translators: a supervisor's counts: feedback, replied, awaiting reply, satisfaction rate */
  return g_strdup_printf (_("%d feedback · %d replied · %d awaiting · %s satisfied"),
                          (int) supervisor->feedback_count, (int) supervisor->replied_count,
                          (int) (supervisor->feedback_count - supervisor->replied_count), satisfaction);
}

static GtkWidget *
roster_row (const char *title,
            const char *subtitle,
            const char *counts)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (subtitle != NULL)
    {
      GtkWidget *sub = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (box), sub);
    }
  if (counts != NULL)
    {
      GtkWidget *line = gtk_label_new (counts);
      gtk_label_set_xalign (GTK_LABEL (line), 0);
      gtk_label_set_wrap (GTK_LABEL (line), TRUE);
      gtk_widget_add_css_class (line, "caption");
      gtk_widget_set_name (line, "counts");
      gtk_box_append (GTK_BOX (box), line);
    }
  return box;
}

static void
reload_roster (RctSupervisorsPage *self)
{
  g_autoptr(GPtrArray) supervisors = NULL;
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->supervisor_list);
  int selected_index = selected != NULL ? gtk_list_box_row_get_index (selected) : 0;
  GtkWidget *child;
  RctFilter all = { 0 };

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->supervisor_list))) != NULL)
    gtk_list_box_remove (self->supervisor_list, child);
  g_ptr_array_set_size (self->supervisor_ids, 0);

  if (self->store != NULL)
    {
      /* The feedback counts only, from the running totals: never the
       * problems' figures. */
      g_autoptr(RctFigures) figures = g_new0 (RctFigures, 1);
      g_autofree char *counts = NULL;

      figures->today = rct_clock_today ();
      if (rct_figures_read_feedback (self->store, figures, NULL))
        counts = g_strdup_printf (_("%d feedback · %d replied · %d awaiting"), (int) figures->feedback_total,
                                  (int) figures->feedback_replied,
                                  (int) (figures->feedback_total - figures->feedback_replied));
      gtk_list_box_append (self->supervisor_list, roster_row (_("All feedback"), NULL, counts));
      supervisors = rct_store_list (self->store, RCT_KIND_SUPERVISOR, &all, NULL);
    }
  for (guint i = 0; supervisors != NULL && i < supervisors->len; i++)
    {
      RctSupervisor *supervisor = g_ptr_array_index (supervisors, i);
      gint64 *id = g_new (gint64, 1);
      g_autofree char *subtitle = NULL;
      g_autofree char *counts = NULL;
      g_autofree char *title = NULL;

      *id = rct_record_get_id (RCT_RECORD (supervisor));
      g_ptr_array_add (self->supervisor_ids, id);
      subtitle = g_strdup_printf ("%s%s%s", rct_vocabulary_label (RCT_VOCAB_SUPERVISOR_CATEGORY, supervisor->category),
                                  supervisor->organisation != NULL ? " · " : "",
                                  supervisor->organisation != NULL ? supervisor->organisation : "");
      counts = rct_supervisors_page_dup_supervisor_summary (self, *id);
      /* Translators: a supervisor who has left the roster */
      title = supervisor->active ? g_strdup (supervisor->name) : g_strdup_printf (_("%s (retired)"), supervisor->name);
      gtk_list_box_append (self->supervisor_list, roster_row (title, subtitle, counts));
    }
  if (self->store != NULL)
    gtk_list_box_select_row (self->supervisor_list,
                             gtk_list_box_get_row_at_index (self->supervisor_list, selected_index) ?:
                             gtk_list_box_get_row_at_index (self->supervisor_list, 0));
  self->updating = FALSE;
}

static gint64
selected_supervisor (RctSupervisorsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->supervisor_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : 0;

  if (index <= 0 || (guint) index > self->supervisor_ids->len)
    return 0;
  return *(gint64 *) g_ptr_array_index (self->supervisor_ids, index - 1);
}

/* ---- the feedback list ---- */

static void
update_count (RctSupervisorsPage *self)
{
  guint n = self->feedback != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->feedback)) : 0;
  g_autofree char *text = g_strdup_printf (ngettext ("%u feedback", "%u feedback", n), n);

  gtk_label_set_text (self->count_label, text);
}

static void
apply_filter (RctSupervisorsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->feedback == NULL)
    return;
  if (!rct_record_list_set_filter (self->feedback, &self->filter, &error))
    set_message (self, error->message, TRUE);
  update_count (self);
}

static void
filter_changed_cb (RctSupervisorsPage *self)
{
  const RctVocabularyEntry *kinds;
  guint n_kinds, kind, unit;
  gint64 supervisor_id;
  g_autoptr(RctSupervisor) supervisor = NULL;
  RctFilter filter = { 0 };

  if (self->updating)
    return;
  kinds = rct_vocabulary_entries (RCT_VOCAB_FEEDBACK_KIND, &n_kinds);
  kind = gtk_drop_down_get_selected (self->kind_dropdown);
  unit = gtk_drop_down_get_selected (self->unit_dropdown);
  supervisor_id = selected_supervisor (self);
  if (supervisor_id != 0)
    supervisor = rct_store_get (self->store, RCT_KIND_SUPERVISOR, supervisor_id, NULL);

  filter.kind = kind > 0 && kind <= n_kinds ? kinds[kind - 1].key : NULL;
  filter.unit = unit > 0 && unit <= self->unit_names->len ? g_ptr_array_index (self->unit_names, unit - 1) : NULL;
  filter.supervisor = supervisor != NULL ? supervisor->name : NULL;
  filter.awaiting = gtk_toggle_button_get_active (self->awaiting_button);
  filter.overdue = gtk_toggle_button_get_active (self->overdue_button);
  filter.search = self->filter.search;
  rct_filter_copy_into (&self->filter, &filter);
  apply_filter (self);
}

static void
supervisor_selected_cb (RctSupervisorsPage *self)
{
  filter_changed_cb (self);
}

static RctFeedback *
dup_selected (RctSupervisorsPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL || self->store == NULL)
    return NULL;
  return rct_store_get (self->store, RCT_KIND_FEEDBACK, rct_record_get_id (RCT_RECORD (item)), NULL);
}

static void
actions_update (RctSupervisorsPage *self)
{
  g_autoptr(RctFeedback) feedback = dup_selected (self);
  gboolean writable = self->store != NULL && !self->read_only;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervisors.add-supervisor", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervisors.retire", writable && selected_supervisor (self) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervisors.new-feedback", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervisors.record-feedback", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervisors.save", writable && feedback != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervisors.reply", writable && feedback != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervisors.record-reply", writable && feedback != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervisors.to-problem",
                                 writable && feedback != NULL && feedback->problem_id == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervisors.use-closing",
                                 writable && feedback != NULL && g_strcmp0 (feedback->problem_status, "closed") == 0);
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_selected (RctSupervisorsPage *self)
{
  g_autoptr(RctFeedback) feedback = dup_selected (self);
  g_autofree char *heading = NULL;
  g_autofree char *state = NULL;
  g_autofree char *today = rct_clock_today ();
  const RctVocabularyEntry *levels;
  guint n_levels;
  gboolean editable = self->store != NULL && !self->read_only;

  gtk_widget_set_visible (self->placeholder, feedback == NULL);
  gtk_widget_set_visible (self->detail, feedback != NULL);
  actions_update (self);
  if (feedback == NULL)
    return;
  self->feedback_revision = rct_record_get_revision (RCT_RECORD (feedback));

  /* Translators: the detail's heading: who said it and when */
  heading = g_strdup_printf (_("%s · %s"), feedback->supervisor_name, feedback->received_date);
  gtk_label_set_text (self->heading, heading);
  if (feedback->reply_date != NULL)
    state = g_strdup_printf (rct_date_days_between (feedback->reply_due, feedback->reply_date) > 0
                             ? _("%s; replied %s, after it was due") : _("%s; replied %s"),
                             rct_vocabulary_label (RCT_VOCAB_FEEDBACK_KIND, feedback->kind), feedback->reply_date);
  else if (g_strcmp0 (feedback->reply_state, "overdue") == 0)
    state = g_strdup_printf (_("%s; the reply was due %s and is late"),
                             rct_vocabulary_label (RCT_VOCAB_FEEDBACK_KIND, feedback->kind), feedback->reply_due);
  else
    state = g_strdup_printf (_("%s; reply due %s"), rct_vocabulary_label (RCT_VOCAB_FEEDBACK_KIND, feedback->kind),
                             feedback->reply_due != NULL ? feedback->reply_due : "—");
  gtk_label_set_text (self->state_label, state);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "deadline-overdue");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "deadline-due-soon");
  if (feedback->reply_state != NULL && *feedback->reply_state)
    {
      g_autofree char *css = g_strconcat ("deadline-", feedback->reply_state, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), css);
    }

  set_text_view (self->content, feedback->content);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_entry), feedback->unit_name ? feedback->unit_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reply_due_entry), feedback->reply_due ? feedback->reply_due : "");
  set_text_view (self->reply, feedback->reply);
  gtk_editable_set_text (GTK_EDITABLE (self->reply_date), feedback->reply_date ? feedback->reply_date : today);
  levels = rct_vocabulary_entries (RCT_VOCAB_SATISFACTION, &n_levels);
  gtk_drop_down_set_selected (self->satisfaction, 0);
  for (guint i = 0; i < n_levels; i++)
    if (g_strcmp0 (levels[i].key, feedback->satisfaction) == 0)
      gtk_drop_down_set_selected (self->satisfaction, i + 1);

  gtk_text_view_set_editable (self->content, editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->unit_entry), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->reply_due_entry), editable);
  gtk_text_view_set_editable (self->reply, editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->reply_date), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->satisfaction), editable);

  if (feedback->problem_id != 0)
    {
      g_autofree char *problem = g_strdup_printf (_("In the ledger as problem %s: %s"), feedback->problem_number,
                                                  rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS,
                                                                        feedback->problem_status));
      gtk_label_set_text (self->problem_label, problem);
    }
  else
    gtk_label_set_text (self->problem_label, _("Not in the ledger."));
  gtk_widget_set_visible (self->to_problem_button, feedback->problem_id == 0);
  gtk_widget_set_visible (self->use_closing_button, g_strcmp0 (feedback->problem_status, "closed") == 0);
}

static void
selection_changed_cb (RctSupervisorsPage *self)
{
  set_message (self, NULL, FALSE);
  show_selected (self);
}

/* ---- actions ---- */

static gboolean
supervisor_done_cb (GtkWidget          *owner,
                    const char * const *values,
                    gpointer            user_data,
                    char              **message)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (owner);
  g_autoptr(GError) error = NULL;

  if (!rct_store_create_va (self->store, RCT_KIND_SUPERVISOR, NULL, &error, "name", values[0],
                            "category", rct_vocabulary_find_key (RCT_VOCAB_SUPERVISOR_CATEGORY, values[1]),
                            "organisation", values[2], "contact", values[3], "appointed", values[4],
                            "term_end", values[5], NULL))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  reload_roster (self);
  return TRUE;
}

static GPtrArray *
vocabulary_labels (RctVocabulary vocab)
{
  GPtrArray *labels = g_ptr_array_new ();
  const RctVocabularyEntry *entries;
  guint n;

  entries = rct_vocabulary_entries (vocab, &n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, (gpointer) rct_vocabulary_label (vocab, entries[i].key));
  g_ptr_array_add (labels, NULL);
  return labels;
}

static void
add_supervisor_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr(GPtrArray) categories = vocabulary_labels (RCT_VOCAB_SUPERVISOR_CATEGORY);
  g_autofree char *today = rct_clock_today ();
  RctInputField fields[] = {
    { _("_Name"), RCT_INPUT_TEXT, NULL, NULL },
    { _("_Category"), RCT_INPUT_CHOICE, NULL, (const char * const *) categories->pdata },
    { _("_Organisation"), RCT_INPUT_TEXT, NULL, NULL },
    { _("C_ontact"), RCT_INPUT_TEXT, NULL, NULL },
    { _("_Appointed"), RCT_INPUT_DATE, today, NULL },
    { _("_End of term"), RCT_INPUT_DATE, NULL, NULL },
  };

  rct_input_dialog_ask (widget, _("Appoint a Supervisor"), NULL, _("_Appoint"), fields, G_N_ELEMENTS (fields),
                        supervisor_done_cb, NULL);
}

static gboolean
retire_done_cb (GtkWidget          *owner,
                const char * const *values,
                gpointer            user_data,
                char              **message)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (owner);
  g_autoptr(GError) error = NULL;

  if (!rct_store_supervisor_retire (self->store, selected_supervisor (self), values[0], &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  reload_roster (self);
  return TRUE;
}

static void
retire_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RctInputField fields[] = { { _("_Reason"), RCT_INPUT_TEXT, NULL, NULL } };

  rct_input_dialog_ask (widget, _("Retire the Supervisor"),
                        _("The supervisor leaves the roster; their feedback and its replies stay on record."),
                        _("_Retire"), fields, G_N_ELEMENTS (fields), retire_done_cb, NULL);
}

static gboolean
record_feedback (RctSupervisorsPage  *self,
                 const char * const  *values,
                 GError             **error)
{
  g_autofree char *due = NULL;
  gint64 id = 0;

  if (rct_date_is_valid (values[1]))
    due = rct_date_add_days (values[1], reply_days (self));
  if (!rct_store_create_va (self->store, RCT_KIND_FEEDBACK, &id, error,
                            "supervisor", values[0], "received_date", values[1],
                            "channel", rct_vocabulary_find_key (RCT_VOCAB_FEEDBACK_CHANNEL, values[2]),
                            "unit", values[3], "kind", rct_vocabulary_find_key (RCT_VOCAB_FEEDBACK_KIND, values[4]),
                            "content", values[5], "reply_due", due, NULL))
    return FALSE;
  reload_roster (self);
  rct_supervisors_page_select_feedback (self, id);
  set_message (self, _("Feedback recorded."), FALSE);
  return TRUE;
}

static gboolean
feedback_done_cb (GtkWidget          *owner,
                  const char * const *values,
                  gpointer            user_data,
                  char              **message)
{
  g_autoptr(GError) error = NULL;

  if (!record_feedback (RCT_SUPERVISORS_PAGE (owner), values, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static void
new_feedback_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (widget);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GPtrArray) channels = vocabulary_labels (RCT_VOCAB_FEEDBACK_CHANNEL);
  g_autoptr(GPtrArray) kinds = vocabulary_labels (RCT_VOCAB_FEEDBACK_KIND);
  g_autoptr(GPtrArray) supervisors = NULL;
  g_autoptr(RctSupervisor) current = NULL;
  g_autofree char *today = rct_clock_today ();
  RctFilter active = { 0 };

  active.status = "active";
  supervisors = rct_store_list (self->store, RCT_KIND_SUPERVISOR, &active, NULL);
  for (guint i = 0; supervisors != NULL && i < supervisors->len; i++)
    g_ptr_array_add (names, g_strdup (RCT_SUPERVISOR (g_ptr_array_index (supervisors, i))->name));
  g_ptr_array_add (names, NULL);
  for (guint i = 0; i < self->unit_names->len; i++)
    g_ptr_array_add (units, g_ptr_array_index (self->unit_names, i));
  g_ptr_array_add (units, NULL);
  if (selected_supervisor (self) != 0)
    current = rct_store_get (self->store, RCT_KIND_SUPERVISOR, selected_supervisor (self), NULL);

  if (names->len <= 1 || units->len <= 1)
    {
      set_message (self, _("Appoint a supervisor and add the units before recording feedback."), TRUE);
      return;
    }
  {
    RctInputField fields[] = {
      { _("_Supervisor"), RCT_INPUT_CHOICE, current != NULL ? current->name : NULL, (const char * const *) names->pdata },
      { _("_Received"), RCT_INPUT_DATE, today, NULL },
      { _("C_hannel"), RCT_INPUT_CHOICE, NULL, (const char * const *) channels->pdata },
      { _("_Unit concerned"), RCT_INPUT_CHOICE, NULL, (const char * const *) units->pdata },
      { _("_Kind"), RCT_INPUT_CHOICE, NULL, (const char * const *) kinds->pdata },
      { _("_What was said"), RCT_INPUT_LONG_TEXT, NULL, NULL },
    };
    g_autofree char *explanation = g_strdup_printf (ngettext ("The reply is due %d day after the feedback is received.",
                                                              "The reply is due %d days after the feedback is received.",
                                                              reply_days (self)),
                                                    reply_days (self));
    rct_input_dialog_ask (widget, _("Record Feedback"), explanation, _("_Record"), fields, G_N_ELEMENTS (fields),
                          feedback_done_cb, NULL);
  }
}

/* For scripts and tests: (supervisor, received, channel, unit, kind, content). */
static void
record_feedback_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *values[6];

  g_variant_get (parameter, "(&s&s&s&s&s&s)", &values[0], &values[1], &values[2], &values[3], &values[4], &values[5]);
  if (!record_feedback (self, values, &error))
    set_message (self, error->message, TRUE);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (widget);
  g_autoptr(RctFeedback) feedback = dup_selected (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RctRecord) current = NULL;
  g_autofree char *content = text_view_text (self->content);

  if (feedback == NULL)
    return;
  g_hash_table_insert (values, (gpointer) "content", content);
  g_hash_table_insert (values, (gpointer) "unit", (gpointer) gtk_editable_get_text (GTK_EDITABLE (self->unit_entry)));
  g_hash_table_insert (values, (gpointer) "reply_due",
                       (gpointer) gtk_editable_get_text (GTK_EDITABLE (self->reply_due_entry)));
  /* Only while the feedback is as the detail shows it (issue 20). */
  if (!rct_store_update_at (self->store, RCT_KIND_FEEDBACK, rct_record_get_id (RCT_RECORD (feedback)),
                            self->feedback_revision, values, NULL, &current, &error))
    {
      if (g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT) && current != NULL)
        {
          RctFeedback *theirs = RCT_FEEDBACK (current);
          RctConflictField fields[] = {
            { NULL, theirs->content, content, NULL },
            { NULL, theirs->unit_name, g_hash_table_lookup (values, "unit"), NULL },
            { NULL, theirs->reply_due, g_hash_table_lookup (values, "reply_due"), NULL },
          };
          GtkWidget *widgets[] = { GTK_WIDGET (self->content), GTK_WIDGET (self->unit_entry),
                                   GTK_WIDGET (self->reply_due_entry) };
          g_autofree char *message = rct_conflict_describe_widgets (error->message, widgets, fields,
                                                                    G_N_ELEMENTS (fields));
          /* The form keeps the clerk's values; the next Save goes over theirs. */
          self->feedback_revision = rct_record_get_revision (current);
          set_message (self, message, TRUE);
          return;
        }
      set_message (self, error->message, TRUE);
      return;
    }
  show_selected (self);
  set_message (self, _("Saved."), FALSE);
}

static void
reply_with (RctSupervisorsPage *self,
            const char         *reply,
            const char         *date,
            const char         *satisfaction)
{
  g_autoptr(RctFeedback) feedback = dup_selected (self);
  g_autoptr(GError) error = NULL;

  if (feedback == NULL)
    return;
  if (!rct_store_feedback_reply (self->store, rct_record_get_id (RCT_RECORD (feedback)), reply,
                                 date != NULL && *date ? date : NULL,
                                 satisfaction != NULL && *satisfaction ? satisfaction : NULL, &error))
    {
      set_message (self, error->message, TRUE);
      return;
    }
  reload_roster (self);
  show_selected (self);
  set_message (self, _("Reply recorded."), FALSE);
}

static void
reply_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (widget);
  g_autofree char *reply = text_view_text (self->reply);
  const RctVocabularyEntry *levels;
  guint n_levels, selected;

  levels = rct_vocabulary_entries (RCT_VOCAB_SATISFACTION, &n_levels);
  selected = gtk_drop_down_get_selected (self->satisfaction);
  reply_with (self, reply, gtk_editable_get_text (GTK_EDITABLE (self->reply_date)),
              selected > 0 && selected <= n_levels ? levels[selected - 1].key : NULL);
}

/* For scripts and tests: (reply, date, satisfaction key or ""). */
static void
record_reply_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  const char *reply, *date, *satisfaction;

  g_variant_get (parameter, "(&s&s&s)", &reply, &date, &satisfaction);
  reply_with (RCT_SUPERVISORS_PAGE (widget), reply, date, satisfaction);
}

static void
to_problem_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (widget);
  g_autoptr(RctFeedback) feedback = dup_selected (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) problem = NULL;
  g_autofree char *message = NULL;
  gint64 problem_id = 0;

  if (feedback == NULL)
    return;
  if (!rct_store_feedback_to_problem (self->store, rct_record_get_id (RCT_RECORD (feedback)), &problem_id, &error))
    {
      set_message (self, error->message, TRUE);
      return;
    }
  problem = rct_store_get (self->store, RCT_KIND_PROBLEM, problem_id, NULL);
  show_selected (self);
  message = g_strdup_printf (_("Registered in the ledger as problem %s."), problem != NULL ? problem->number : "");
  set_message (self, message, FALSE);
}

/* A closed problem is the best answer to the supervisor: offer its closing
 * (how it was verified, the lasting mechanism) as the reply's basis. */
static void
use_closing_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (widget);
  g_autoptr(RctFeedback) feedback = dup_selected (self);
  g_autoptr(RctProblem) problem = NULL;
  g_autofree char *text = NULL;

  if (feedback == NULL || feedback->problem_id == 0)
    return;
  problem = rct_store_get (self->store, RCT_KIND_PROBLEM, feedback->problem_id, NULL);
  if (problem == NULL)
    return;
  /* Translators: the reply proposed from a closed problem: number, date closed, how verified, mechanism */
  text = g_strdup_printf (_("The problem you raised was registered as %s and rectified; it was verified and closed "
                            "on %s (%s).%s%s"),
                          problem->number, problem->closed_date, problem->verification ? problem->verification : "",
                          problem->mechanism ? " " : "", problem->mechanism ? problem->mechanism : "");
  set_text_view (self->reply, text);
}

/* ---- store ---- */

static void
reload_units (RctSupervisorsPage *self)
{
  g_autoptr(GPtrArray) units = self->store ? rct_store_list (self->store, RCT_KIND_UNIT, NULL, NULL) : NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->unit_names, 0);
  gtk_string_list_append (model, _("All units"));
  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      const char *name = RCT_UNIT (g_ptr_array_index (units, i))->name;
      g_ptr_array_add (self->unit_names, g_strdup (name));
      gtk_string_list_append (model, name);
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (model));
  self->updating = FALSE;
}

static void
store_changed_cb (RctStore           *store,
                  int                 kind,
                  RctSupervisorsPage *self)
{
  if (kind == RCT_KIND_UNIT)
    reload_units (self);
  if (kind == RCT_KIND_FEEDBACK || kind == RCT_KIND_SUPERVISOR)
    update_count (self);
}

/* ---- GObject ---- */

static GtkWidget *
detail_label (const char *text,
              gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (heading)
    {
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, 10);
    }
  return label;
}

static GtkTextView *
detail_text (GtkBox     *box,
             const char *accessible)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 4);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 4);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 72);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "frame");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_box_append (box, scrolled);
  return GTK_TEXT_VIEW (view);
}

static GtkEntry *
detail_entry (GtkBox     *box,
              const char *label,
              const char *placeholder)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_widget_set_hexpand (entry, TRUE);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_box_append (GTK_BOX (row), title);
  gtk_box_append (GTK_BOX (row), entry);
  gtk_box_append (box, row);
  return GTK_ENTRY (entry);
}

static GtkWidget *
detail_button (GtkBox     *box,
               const char *label,
               const char *action,
               gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (box, button);
  return button;
}

static void
build_detail (RctSupervisorsPage *self)
{
  GtkBox *box;
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  const RctVocabularyEntry *entries;
  guint n;

  self->placeholder = gtk_label_new (_("Select a feedback to see it and record the reply."));
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_set_vexpand (self->placeholder, TRUE);
  gtk_box_append (self->detail_box, self->placeholder);

  self->detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  box = GTK_BOX (self->detail);
  gtk_box_append (self->detail_box, self->detail);
  self->heading = GTK_LABEL (detail_label (NULL, FALSE));
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-3");
  gtk_box_append (box, GTK_WIDGET (self->heading));
  self->state_label = GTK_LABEL (detail_label (NULL, FALSE));
  gtk_box_append (box, GTK_WIDGET (self->state_label));
  self->message_label = GTK_LABEL (detail_label (NULL, FALSE));
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (box, GTK_WIDGET (self->message_label));

  gtk_box_append (box, detail_label (_("What was said"), TRUE));
  self->content = detail_text (box, _("What was said"));
  self->unit_entry = detail_entry (box, _("_Unit"), NULL);
  self->reply_due_entry = detail_entry (box, _("Reply _due"), _("YYYY-MM-DD"));
  detail_button (box, _("Sa_ve Changes"), "supervisors.save", FALSE);

  gtk_box_append (box, detail_label (_("Reply"), TRUE));
  self->reply = detail_text (box, _("Reply"));
  self->reply_date = detail_entry (box, _("Replied _on"), _("YYYY-MM-DD"));
  gtk_string_list_append (levels, _("Satisfaction not yet known"));
  entries = rct_vocabulary_entries (RCT_VOCAB_SATISFACTION, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (levels, rct_vocabulary_label (RCT_VOCAB_SATISFACTION, entries[i].key));
  self->satisfaction = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (levels)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->satisfaction), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The supervisor's satisfaction with the reply"), -1);
  gtk_box_append (box, GTK_WIDGET (self->satisfaction));
  detail_button (box, _("Record the _Reply"), "supervisors.reply", TRUE);

  gtk_box_append (box, detail_label (_("Rectification"), TRUE));
  self->problem_label = GTK_LABEL (detail_label (NULL, FALSE));
  gtk_box_append (box, GTK_WIDGET (self->problem_label));
  self->to_problem_button = detail_button (box, _("_Turn into a Ledger Problem"), "supervisors.to-problem", FALSE);
  self->use_closing_button = detail_button (box, _("Use the Closing as the Reply"), "supervisors.use-closing", FALSE);
  gtk_widget_set_visible (self->detail, FALSE);
}

/* ---- narrow windows ---- */

/* Below this width the feedback table beside the detail pane could not
 * show received, content and reply due: the detail pane moves below. */
#define SIDE_BY_SIDE_WIDTH 1000

static gboolean
apply_layout_cb (gpointer user_data)
{
  RctSupervisorsPage *self = user_data;
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  self->layout_idle = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->feedback_paned),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_position (self->feedback_paned, self->narrow ? height * 3 / 5 : 640);
  return G_SOURCE_REMOVE;
}

/* The page is its paned, measured and allocated by hand (a layout manager
 * would leave size_allocate uncalled). */
static void
rct_supervisors_page_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (RCT_SUPERVISORS_PAGE (widget)->paned), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
rct_supervisors_page_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (GTK_WIDGET (RCT_SUPERVISORS_PAGE (widget)->paned));
}

static void
rct_supervisors_page_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (widget);
  gboolean narrow = width < SIDE_BY_SIDE_WIDTH;

  gtk_widget_allocate (GTK_WIDGET (self->paned), width, height, baseline, NULL);
  if (narrow != self->narrow && self->layout_idle == 0)
    {
      self->narrow = narrow;
      self->layout_idle = g_idle_add_full (G_PRIORITY_DEFAULT, apply_layout_cb, self, NULL);
    }
}

static void
rct_supervisors_page_dispose (GObject *object)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (object);

  g_clear_handle_id (&self->layout_idle, g_source_remove);

  self->updating = TRUE;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->selection, self);
      g_signal_handlers_disconnect_by_data (self->kind_dropdown, self);
      g_signal_handlers_disconnect_by_data (self->unit_dropdown, self);
      g_signal_handlers_disconnect_by_data (self->supervisor_list, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_SUPERVISORS_PAGE);
  g_clear_object (&self->feedback);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rct_supervisors_page_parent_class)->dispose (object);
}

static void
rct_supervisors_page_finalize (GObject *object)
{
  RctSupervisorsPage *self = RCT_SUPERVISORS_PAGE (object);

  rct_filter_clear (&self->filter);
  g_ptr_array_unref (self->unit_names);
  g_ptr_array_unref (self->supervisor_ids);
  g_free (self->message);
  G_OBJECT_CLASS (rct_supervisors_page_parent_class)->finalize (object);
}

static void
rct_supervisors_page_class_init (RctSupervisorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_supervisors_page_dispose;
  object_class->finalize = rct_supervisors_page_finalize;
  widget_class->measure = rct_supervisors_page_measure;
  widget_class->get_request_mode = rct_supervisors_page_get_request_mode;
  widget_class->size_allocate = rct_supervisors_page_size_allocate;

  (void) rct_ui_get_resource ();
  g_type_ensure (RCT_TYPE_FEEDBACK);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-supervisors-page.ui");

  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, feedback_paned);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, supervisor_list);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, awaiting_button);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, RctSupervisorsPage, detail_box);

  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, supervisor_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, satisfaction_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, reply_classes_cb);

  gtk_widget_class_install_action (widget_class, "supervisors.add-supervisor", NULL, add_supervisor_cb);
  gtk_widget_class_install_action (widget_class, "supervisors.retire", NULL, retire_cb);
  gtk_widget_class_install_action (widget_class, "supervisors.new-feedback", NULL, new_feedback_cb);
  gtk_widget_class_install_action (widget_class, "supervisors.record-feedback", "(ssssss)", record_feedback_cb);
  gtk_widget_class_install_action (widget_class, "supervisors.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "supervisors.reply", NULL, reply_cb);
  gtk_widget_class_install_action (widget_class, "supervisors.record-reply", "(sss)", record_reply_cb);
  gtk_widget_class_install_action (widget_class, "supervisors.to-problem", NULL, to_problem_cb);
  gtk_widget_class_install_action (widget_class, "supervisors.use-closing", NULL, use_closing_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "supervisors.new-feedback", NULL);
}

static void
rct_supervisors_page_init (RctSupervisorsPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const RctVocabularyEntry *entries;
  guint n;

  self->unit_names = g_ptr_array_new_with_free_func (g_free);
  self->supervisor_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (kinds, _("All kinds"));
  entries = rct_vocabulary_entries (RCT_VOCAB_FEEDBACK_KIND, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (kinds, rct_vocabulary_label (RCT_VOCAB_FEEDBACK_KIND, entries[i].key));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  reload_units (self);
  build_detail (self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->unit_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  update_count (self);
  actions_update (self);
}

GtkWidget *
rct_supervisors_page_new (void)
{
  return g_object_new (RCT_TYPE_SUPERVISORS_PAGE, NULL);
}

void
rct_supervisors_page_set_store (RctSupervisorsPage *self,
                                RctStore           *store,
                                gboolean            read_only)
{
  g_return_if_fail (RCT_IS_SUPERVISORS_PAGE (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  self->read_only = read_only;
  g_clear_object (&self->feedback);
  gtk_single_selection_set_model (self->selection, NULL);
  if (store != NULL)
    {
      self->feedback = rct_record_list_new (store, RCT_KIND_FEEDBACK);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->feedback));
      g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
    }
  reload_units (self);
  reload_roster (self);
  filter_changed_cb (self);
  show_selected (self);
}

void
rct_supervisors_page_bind_settings (RctSupervisorsPage *self,
                                    GSettings          *settings)
{
  g_return_if_fail (RCT_IS_SUPERVISORS_PAGE (self));
  g_set_object (&self->settings, settings);
}

void
rct_supervisors_page_set_search (RctSupervisorsPage *self,
                                 const char         *text)
{
  g_return_if_fail (RCT_IS_SUPERVISORS_PAGE (self));
  g_free ((char *) self->filter.search);
  self->filter.search = text != NULL && *text ? g_strdup (text) : NULL;
  apply_filter (self);
}

/**
 * rct_supervisors_page_set_filter:
 *
 * Shows all feedback that @filter matches (the overview's "replies late"
 * leads here).
 */
void
rct_supervisors_page_set_filter (RctSupervisorsPage *self,
                                 const RctFilter    *filter)
{
  g_return_if_fail (RCT_IS_SUPERVISORS_PAGE (self));

  self->updating = TRUE;
  gtk_list_box_select_row (self->supervisor_list, gtk_list_box_get_row_at_index (self->supervisor_list, 0));
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  gtk_toggle_button_set_active (self->awaiting_button, filter->awaiting);
  gtk_toggle_button_set_active (self->overdue_button, filter->overdue);
  self->updating = FALSE;
  rct_filter_copy_into (&self->filter, filter);
  apply_filter (self);
}

RctRecordList *
rct_supervisors_page_get_feedback (RctSupervisorsPage *self)
{
  g_return_val_if_fail (RCT_IS_SUPERVISORS_PAGE (self), NULL);
  return self->feedback;
}

gboolean
rct_supervisors_page_select_supervisor (RctSupervisorsPage *self,
                                        gint64              supervisor_id)
{
  g_return_val_if_fail (RCT_IS_SUPERVISORS_PAGE (self), FALSE);

  for (guint i = 0; i < self->supervisor_ids->len; i++)
    if (*(gint64 *) g_ptr_array_index (self->supervisor_ids, i) == supervisor_id)
      {
        gtk_list_box_select_row (self->supervisor_list, gtk_list_box_get_row_at_index (self->supervisor_list, i + 1));
        return TRUE;
      }
  return FALSE;
}

gboolean
rct_supervisors_page_select_feedback (RctSupervisorsPage *self,
                                      gint64              feedback_id)
{
  guint position;

  g_return_val_if_fail (RCT_IS_SUPERVISORS_PAGE (self), FALSE);
  if (self->feedback == NULL)
    return FALSE;
  position = rct_record_list_find (self->feedback, feedback_id);
  if (position == G_MAXUINT)
    {
      RctFilter everything = { 0 };
      rct_supervisors_page_set_filter (self, &everything);
      position = rct_record_list_find (self->feedback, feedback_id);
    }
  if (position == G_MAXUINT)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  show_selected (self);
  return TRUE;
}

gint64
rct_supervisors_page_get_selected_feedback (RctSupervisorsPage *self)
{
  gpointer item;

  g_return_val_if_fail (RCT_IS_SUPERVISORS_PAGE (self), 0);
  item = gtk_single_selection_get_selected_item (self->selection);
  return item != NULL ? rct_record_get_id (RCT_RECORD (item)) : 0;
}

const char *
rct_supervisors_page_get_message (RctSupervisorsPage *self)
{
  g_return_val_if_fail (RCT_IS_SUPERVISORS_PAGE (self), NULL);
  return self->message;
}
