/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-problem-detail"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-conflict.h"
#include "rct-problem-detail.h"
#include "rct-supervision.h"
#include "rct-ui-resources.h"
#include "rct-vocabulary.h"
#include "rct-workflow.h"

/* The detail pane of the ledger: every field of one problem, its measures,
 * evidence files, the workflow buttons and its history as a timeline. The
 * buttons name actions of the ledger page ("ledger.…"), which does the
 * work through the store; this widget only shows and collects. */

struct _RctProblemDetail
{
  GtkWidget      parent_instance;

  RctStore      *store;
  RctProblem    *problem;
  gboolean       read_only;

  GtkWidget     *scrolled;
  GtkWidget     *placeholder;
  GtkWidget     *content;
  GtkLabel      *heading;
  GtkLabel      *status_label;
  GtkWidget     *hold_button;
  GtkLabel      *message_label;
  GtkWidget     *conflict_box;
  GtkLabel      *theirs_label;
  GtkLabel      *hint_label;
  GtkTextView   *description;
  GtkDropDown   *source;
  GtkEntry      *category;
  GtkDropDown   *unit;
  GtkDropDown   *group;
  GtkEntry      *responsible;
  GtkEntry      *leader;
  GtkEntry      *found;
  GtkEntry      *deadline;
  GtkTextView   *mechanism;
  GtkDropDown   *severity;
  GtkTextView   *cause;
  GtkLabel      *listing_label;
  GtkWidget     *save_button;
  GtkListBox    *measures;
  GtkEntry      *measure_text;
  GtkEntry      *measure_owner;
  GtkEntry      *measure_deadline;
  GtkWidget     *measure_add;
  GtkListBox    *evidence;
  GtkWidget     *evidence_add;
  GtkListBox    *history;
  GPtrArray     *editables;
};

G_DEFINE_FINAL_TYPE (RctProblemDetail, rct_problem_detail, GTK_TYPE_WIDGET)

/* The names to choose from, as New Problem offers them; @current first
 * selected, kept even when the list no longer has it. */
static void
fill_choices (GtkDropDown *dropdown,
              GPtrArray   *records,
              const char  *none_label,
              const char  *current)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gboolean found = current == NULL || *current == '\0';
  guint selected = 0;
  guint n = 0;

  if (none_label != NULL)
    {
      gtk_string_list_append (names, none_label);
      n++;
    }
  for (guint i = 0; records != NULL && i < records->len; i++, n++)
    {
      g_autofree char *name = rct_record_dup_value (g_ptr_array_index (records, i), "name");

      gtk_string_list_append (names, name);
      if (!found && g_strcmp0 (name, current) == 0)
        {
          selected = n;
          found = TRUE;
        }
    }
  if (!found)
    {
      gtk_string_list_append (names, current);
      selected = n;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dropdown, selected);
}

static char *
chosen (GtkDropDown *dropdown,
        gboolean     first_is_none)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (item == NULL || (first_is_none && selected == 0))
    return g_strdup ("");
  return g_strdup (gtk_string_object_get_string (item));
}

/* The add button's click and Enter in the measure's text. */
static void
measure_add_cb (GtkWidget        *emitter,
                RctProblemDetail *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "ledger.add-measure", "(sss)",
                              gtk_editable_get_text (GTK_EDITABLE (self->measure_text)),
                              gtk_editable_get_text (GTK_EDITABLE (self->measure_owner)),
                              gtk_editable_get_text (GTK_EDITABLE (self->measure_deadline)));
}

static void
rct_problem_detail_dispose (GObject *object)
{
  RctProblemDetail *self = RCT_PROBLEM_DETAIL (object);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_PROBLEM_DETAIL);
  g_clear_object (&self->store);
  g_clear_object (&self->problem);
  g_clear_pointer (&self->editables, g_ptr_array_unref);
  G_OBJECT_CLASS (rct_problem_detail_parent_class)->dispose (object);
}

static void
rct_problem_detail_class_init (RctProblemDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_problem_detail_dispose;

  (void) rct_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-problem-detail.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RctProblemDetail, name)
  CHILD (scrolled);
  CHILD (placeholder);
  CHILD (content);
  CHILD (heading);
  CHILD (status_label);
  CHILD (hold_button);
  CHILD (message_label);
  CHILD (conflict_box);
  CHILD (theirs_label);
  CHILD (hint_label);
  CHILD (description);
  CHILD (source);
  CHILD (category);
  CHILD (unit);
  CHILD (group);
  CHILD (responsible);
  CHILD (leader);
  CHILD (found);
  CHILD (deadline);
  CHILD (mechanism);
  CHILD (severity);
  CHILD (cause);
  CHILD (listing_label);
  CHILD (save_button);
  CHILD (measures);
  CHILD (measure_text);
  CHILD (measure_owner);
  CHILD (measure_deadline);
  CHILD (measure_add);
  CHILD (evidence);
  CHILD (evidence_add);
  CHILD (history);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, measure_add_cb);
}

static GtkStringList *
vocabulary_model (RctVocabulary vocab)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  const RctVocabularyEntry *entries;
  guint n;

  entries = rct_vocabulary_entries (vocab, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, rct_vocabulary_label (vocab, entries[i].key));
  return list;
}

static void
select_key (GtkDropDown   *dropdown,
            RctVocabulary  vocab,
            const char    *key)
{
  const RctVocabularyEntry *entries;
  guint n;

  entries = rct_vocabulary_entries (vocab, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (entries[i].key, key) == 0)
      gtk_drop_down_set_selected (dropdown, i);
}

static const char *
selected_key (GtkDropDown   *dropdown,
              RctVocabulary  vocab)
{
  const RctVocabularyEntry *entries;
  guint n, selected = gtk_drop_down_get_selected (dropdown);

  entries = rct_vocabulary_entries (vocab, &n);
  return selected < n ? entries[selected].key : NULL;
}

/* One sentence on the problem's listing for supervision (挂牌督办). */
static char *
describe_listing (RctProblem *problem)
{
  if (problem->listed_date == NULL)
    return g_strdup (_("Not listed for supervision."));
  if (problem->listed_lifted == NULL)
    /* Translators: 挂牌督办: %1$s the level (市局), %2$s the date, %3$s who listed it */
    return g_strdup_printf (_("Listed for supervision by %1$s on %2$s (listed by %3$s)."),
                            problem->listed_level, problem->listed_date,
                            problem->listed_by != NULL ? problem->listed_by : "");
  if (problem->listed_lift_reason == NULL)
    /* Translators: %1$s the level, %2$s the listing date, %3$s the date the problem was closed */
    return g_strdup_printf (_("Listed by %1$s on %2$s; lifted on %3$s when the problem was closed."),
                            problem->listed_level, problem->listed_date, problem->listed_lifted);
  /* Translators: %1$s the level, %2$s the listing date, %3$s the lift date, %4$s why */
  return g_strdup_printf (_("Listed by %1$s on %2$s; lifted on %3$s: %4$s"),
                          problem->listed_level, problem->listed_date, problem->listed_lifted,
                          problem->listed_lift_reason);
}

static void
rct_problem_detail_init (RctProblemDetail *self)
{
  g_autoptr(GtkStringList) sources = vocabulary_model (RCT_VOCAB_PROBLEM_SOURCE);
  g_autoptr(GtkStringList) severities = vocabulary_model (RCT_VOCAB_SEVERITY);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* What a closed problem greys and collect() reads, in the form's order. */
  self->editables = g_ptr_array_new ();
  g_ptr_array_add (self->editables, self->description);
  g_ptr_array_add (self->editables, self->source);
  g_ptr_array_add (self->editables, self->category);
  g_ptr_array_add (self->editables, self->unit);
  g_ptr_array_add (self->editables, self->group);
  g_ptr_array_add (self->editables, self->responsible);
  g_ptr_array_add (self->editables, self->leader);
  g_ptr_array_add (self->editables, self->found);
  g_ptr_array_add (self->editables, self->deadline);
  g_ptr_array_add (self->editables, self->mechanism);
  g_ptr_array_add (self->editables, self->severity);
  g_ptr_array_add (self->editables, self->cause);
  gtk_drop_down_set_model (self->source, G_LIST_MODEL (sources));
  gtk_drop_down_set_model (self->severity, G_LIST_MODEL (severities));
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
set_entry (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
list_row (const char *title,
          const char *subtitle,
          GtkWidget  *suffix)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (title);

  g_object_set_data_full (G_OBJECT (row), "rct-title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (row), "rct-subtitle", g_strdup (subtitle != NULL ? subtitle : ""), g_free);
  gtk_widget_set_margin_start (row, 8);
  gtk_widget_set_margin_end (row, 8);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (texts), label);
  if (subtitle != NULL && *subtitle)
    {
      GtkWidget *sub = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (sub), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (texts), sub);
    }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (row), texts);
  if (suffix != NULL)
    {
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row), suffix);
    }
  return row;
}

static void
fill_measures (RctProblemDetail *self,
               gboolean          editable)
{
  g_autoptr(GPtrArray) measures = rct_store_list_children (self->store, RCT_KIND_MEASURE,
                                                           rct_record_get_id (RCT_RECORD (self->problem)), NULL);

  clear_list (self->measures);
  for (guint i = 0; measures != NULL && i < measures->len; i++)
    {
      RctMeasure *measure = g_ptr_array_index (measures, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *suffix = NULL;

      if (measure->done_date != NULL)
        /* Translators: a measure's state; %s is a date */
        subtitle = g_strdup_printf (_("Done %s"), measure->done_date);
      else
        subtitle = g_strdup_printf ("%s%s%s", measure->owner != NULL ? measure->owner : "",
                                    measure->owner != NULL && measure->deadline != NULL ? " · " : "",
                                    measure->deadline != NULL ? measure->deadline : "");
      if (measure->done_date == NULL && editable)
        {
          suffix = gtk_button_new_with_label (_("Mark Done"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (suffix), "ledger.measure-done");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (suffix), "x", rct_record_get_id (RCT_RECORD (measure)));
        }
      gtk_list_box_append (self->measures, list_row (measure->text, subtitle, suffix));
    }
  if (measures == NULL || measures->len == 0)
    gtk_list_box_append (self->measures, list_row (_("No measures yet."), NULL, NULL));
}

static void
fill_evidence (RctProblemDetail *self)
{
  g_autoptr(GPtrArray) files = rct_store_list_children (self->store, RCT_KIND_EVIDENCE,
                                                        rct_record_get_id (RCT_RECORD (self->problem)), NULL);

  clear_list (self->evidence);
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      RctEvidence *file = g_ptr_array_index (files, i);
      g_autofree char *size = g_format_size (file->size);
      GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");

      gtk_widget_set_tooltip_text (open, _("Open with the system's viewer"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "ledger.open-evidence");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "x", rct_record_get_id (RCT_RECORD (file)));
      gtk_list_box_append (self->evidence, list_row (file->filename, size, open));
    }
  if (files == NULL || files->len == 0)
    gtk_list_box_append (self->evidence, list_row (_("No evidence files."), NULL, NULL));
}

/* One step of the history as a person says it: field names from the
 * vocabulary, statuses by their labels, a measure by its text. */
static char *
describe_entry (RctJournalEntry *entry)
{
  const char *table = entry->record_table;
  const char *old_value = entry->old_value != NULL ? entry->old_value : "—";
  const char *new_value = entry->new_value != NULL ? entry->new_value : "—";
  const char *label = entry->record_label != NULL ? entry->record_label : "";

  if (g_strcmp0 (table, "measure") == 0)
    {
      if (g_strcmp0 (entry->field, "*") == 0)
        /* Translators: a step of the history; %s is the measure's text */
        return g_strdup_printf (entry->old_value == NULL ? _("Measure added: %s") : _("Measure deleted: %s"), label);
      if (g_strcmp0 (entry->field, "done_date") == 0 && entry->new_value != NULL)
        /* Translators: a step of the history; %s is the measure's text */
        return g_strdup_printf (_("Measure done: %s"), label);
      /* Translators: a step of the history: the measure, the field, the old and the new value */
      return g_strdup_printf (_("Measure “%1$s”: %2$s: %3$s → %4$s"), label,
                              rct_vocabulary_field_label (table, entry->field), old_value, new_value);
    }
  if (g_strcmp0 (table, "evidence") == 0)
    /* Translators: a step of the history; %s is a file name */
    return g_strdup_printf (entry->old_value == NULL ? _("Evidence attached: %s") : _("Evidence removed: %s"),
                            entry->old_value == NULL ? new_value : old_value);
  if (g_strcmp0 (table, "extension") == 0)
    /* Translators: a step of the history; %s is the new deadline */
    return g_strdup_printf (_("Deadline extended to %s"), new_value);
  if (g_strcmp0 (entry->field, "*") == 0)
    return g_strdup (entry->old_value == NULL ? _("Registered") : _("Deleted"));
  if (g_strcmp0 (entry->field, "status") == 0)
    /* Translators: a step of the history, e.g. "Status: Rectifying → Closed" */
    return g_strdup_printf (_("Status: %s → %s"),
                            rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, entry->old_value),
                            rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, entry->new_value));
  if (g_strcmp0 (entry->field, "source") == 0)
    {
      old_value = entry->old_value != NULL ? rct_vocabulary_label (RCT_VOCAB_PROBLEM_SOURCE, entry->old_value) : "—";
      new_value = entry->new_value != NULL ? rct_vocabulary_label (RCT_VOCAB_PROBLEM_SOURCE, entry->new_value) : "—";
    }
  /* Translators: a step of the history: the field, the old and the new value */
  return g_strdup_printf (_("%1$s: %2$s → %3$s"), rct_vocabulary_field_label (table, entry->field),
                          old_value, new_value);
}

static void
fill_history (RctProblemDetail *self)
{
  g_autoptr(GPtrArray) entries = rct_store_list_problem_history (self->store,
                                                                 rct_record_get_id (RCT_RECORD (self->problem)),
                                                                 NULL);

  clear_list (self->history);
  /* Newest first: a timeline reads down from now. */
  for (guint i = entries != NULL ? entries->len : 0; i > 0; i--)
    {
      RctJournalEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autofree char *what = describe_entry (entry);
      g_autofree char *at = rct_time_format_local (entry->at);
      g_autofree char *when = NULL;

      /* Translators: who made a change and when, then why */
      when = g_strdup_printf (_("%s · %s%s%s"), entry->who, at, entry->reason != NULL ? " · " : "",
                              entry->reason != NULL ? entry->reason : "");
      gtk_list_box_append (self->history, list_row (what, when, NULL));
    }
}

/**
 * rct_problem_detail_dup_history:
 *
 * Returns: (transfer full): the history as shown, one step a line, newest
 *   first: what changed, then who and when
 */
char *
rct_problem_detail_dup_history (RctProblemDetail *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (RCT_IS_PROBLEM_DETAIL (self), NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->history)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = GTK_IS_LIST_BOX_ROW (child) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (child)) : NULL;

      if (row == NULL || g_object_get_data (G_OBJECT (row), "rct-title") == NULL)
        continue;
      g_string_append (text, g_object_get_data (G_OBJECT (row), "rct-title"));
      g_string_append (text, " | ");
      g_string_append (text, g_object_get_data (G_OBJECT (row), "rct-subtitle"));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/**
 * rct_problem_detail_show:
 * @problem_id: 0 to show nothing
 *
 * Reads the problem afresh from @store and shows it; a closed problem and a
 * read-only ledger show it without editing.
 */
void
rct_problem_detail_show (RctProblemDetail *self,
                         RctStore         *store,
                         gint64            problem_id,
                         gboolean          read_only)
{
  gboolean editable;
  g_autofree char *heading = NULL;
  g_autofree char *status = NULL;
  const RctVocabularyEntry *sources;
  guint n_sources;

  g_return_if_fail (RCT_IS_PROBLEM_DETAIL (self));

  g_set_object (&self->store, store);
  g_clear_object (&self->problem);
  self->read_only = read_only;
  if (store != NULL && problem_id != 0)
    self->problem = rct_store_get (store, RCT_KIND_PROBLEM, problem_id, NULL);

  gtk_widget_set_visible (self->placeholder, self->problem == NULL);
  gtk_widget_set_visible (self->content, self->problem != NULL);
  gtk_widget_set_visible (self->conflict_box, FALSE);
  for (guint i = 0; i < self->editables->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->editables, i), "conflict-field");
  if (self->problem == NULL)
    return;

  editable = !read_only && rct_workflow_is_editable (self->problem->status, NULL);
  heading = g_strdup_printf ("%s · %s", self->problem->number, self->problem->unit_name);
  gtk_label_set_text (self->heading, heading);
  if (g_strcmp0 (self->problem->deadline_state, "overdue") == 0)
    /* Translators: status, then how many days past the deadline */
    status = g_strdup_printf (ngettext ("%s — overdue by %d day", "%s — overdue by %d days",
                                        (gulong) self->problem->days_overdue),
                              rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, self->problem->status),
                              (int) self->problem->days_overdue);
  else if (g_strcmp0 (self->problem->deadline_state, "due-soon") == 0)
    status = g_strdup_printf (_("%s — due soon"), rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS,
                                                                         self->problem->status));
  else
    status = g_strdup (rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, self->problem->status));
  if (g_strcmp0 (self->problem->status, "closed") == 0)
    {
      g_autofree char *closed = g_strdup_printf (_("%s on %s; read-only until reopened"), status,
                                                 self->problem->closed_date);
      g_free (status);
      status = g_steal_pointer (&closed);
    }
  gtk_label_set_text (self->status_label, status);
  /* An overdue problem, or one rejected twice, offers accountability
   * first (issue 18). */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->hold_button), "s", self->problem->number);
  if (rct_problem_calls_for_accountability (store, self->problem))
    gtk_widget_add_css_class (self->hold_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->hold_button, "suggested-action");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "deadline-overdue");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "deadline-due-soon");
  if (self->problem->deadline_state != NULL && *self->problem->deadline_state)
    {
      g_autofree char *css = g_strconcat ("deadline-", self->problem->deadline_state, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css);
    }

  set_text_view (self->description, self->problem->description);
  sources = rct_vocabulary_entries (RCT_VOCAB_PROBLEM_SOURCE, &n_sources);
  for (guint i = 0; i < n_sources; i++)
    if (g_strcmp0 (sources[i].key, self->problem->source) == 0)
      gtk_drop_down_set_selected (self->source, i);
  set_entry (self->category, self->problem->category);
  {
    g_autoptr(GPtrArray) units = rct_store_list (store, RCT_KIND_UNIT, NULL, NULL);
    g_autoptr(GPtrArray) groups = rct_store_list (store, RCT_KIND_WORKING_GROUP, NULL, NULL);

    fill_choices (self->unit, units, NULL, self->problem->unit_name);
    fill_choices (self->group, groups, _("(none)"), self->problem->group_name);
  }
  set_entry (self->responsible, self->problem->responsible_name);
  set_entry (self->leader, self->problem->leader);
  {
    /* 一岗双责: an empty leader is the unit's head, named in grey. */
    g_autofree char *head = self->problem->leader == NULL && self->problem->leader_name != NULL
      /* Translators: %s is the unit's head, the problem's leader by default */
      ? g_strdup_printf (_("%s (the unit's head)"), self->problem->leader_name) : NULL;
    gtk_entry_set_placeholder_text (self->leader, head);
  }
  set_entry (self->found, self->problem->found_date);
  set_entry (self->deadline, self->problem->deadline);
  set_text_view (self->mechanism, self->problem->mechanism);
  select_key (self->severity, RCT_VOCAB_SEVERITY, self->problem->severity);
  set_text_view (self->cause, self->problem->cause);
  {
    g_autofree char *listing = describe_listing (self->problem);
    gtk_label_set_text (self->listing_label, listing);
    if (self->problem->listed_date != NULL && self->problem->listed_lifted == NULL)
      gtk_widget_add_css_class (GTK_WIDGET (self->listing_label), "listed-open");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->listing_label), "listed-open");
  }

  /* A closed problem, or a read-only ledger, shows its fields greyed: they
   * do not look as if they could be typed into. */
  for (guint i = 0; i < self->editables->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->editables, i);

      if (GTK_IS_TEXT_VIEW (widget))
        {
          gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), editable);
          gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (widget), editable);
          gtk_widget_set_sensitive (gtk_widget_get_parent (widget), editable);
        }
      else if (GTK_IS_EDITABLE (widget))
        {
          gtk_editable_set_editable (GTK_EDITABLE (widget), editable);
          gtk_widget_set_sensitive (widget, editable);
        }
      else
        gtk_widget_set_sensitive (widget, editable);
    }
  /* Once started, the deadline moves only by an extension. */
  gtk_editable_set_editable (GTK_EDITABLE (self->deadline),
                             editable && g_strcmp0 (self->problem->status, "registered") == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->deadline),
                            editable && g_strcmp0 (self->problem->status, "registered") == 0);
  gtk_widget_set_visible (self->save_button, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->measure_text), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->measure_owner), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->measure_deadline), editable);
  gtk_widget_set_sensitive (self->measure_add, editable);
  gtk_widget_set_visible (self->evidence_add, editable);
  set_entry (self->measure_text, NULL);
  set_entry (self->measure_owner, NULL);
  set_entry (self->measure_deadline, NULL);

  fill_measures (self, editable);
  fill_evidence (self);
  fill_history (self);
}

gint64
rct_problem_detail_get_problem_id (RctProblemDetail *self)
{
  g_return_val_if_fail (RCT_IS_PROBLEM_DETAIL (self), 0);
  return self->problem != NULL ? rct_record_get_id (RCT_RECORD (self->problem)) : 0;
}

static void
put_if_changed (GHashTable *values,
                const char *column,
                const char *before,
                char       *after)
{
  if (g_strcmp0 (before != NULL ? before : "", after) != 0)
    g_hash_table_insert (values, (gpointer) column, after);
  else
    g_free (after);
}

/**
 * rct_problem_detail_collect:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the fields the person
 *   changed, by column, for rct_store_update()
 */
GHashTable *
rct_problem_detail_collect (RctProblemDetail *self)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const RctVocabularyEntry *sources;
  guint n_sources, selected;

  if (self->problem == NULL)
    return values;
  put_if_changed (values, "description", self->problem->description, text_view_text (self->description));
  sources = rct_vocabulary_entries (RCT_VOCAB_PROBLEM_SOURCE, &n_sources);
  selected = gtk_drop_down_get_selected (self->source);
  if (selected < n_sources)
    put_if_changed (values, "source", self->problem->source, g_strdup (sources[selected].key));
  put_if_changed (values, "category", self->problem->category,
                  g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->category))));
  put_if_changed (values, "unit", self->problem->unit_name, chosen (self->unit, FALSE));
  put_if_changed (values, "group", self->problem->group_name, chosen (self->group, TRUE));
  put_if_changed (values, "responsible", self->problem->responsible_name,
                  g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->responsible))));
  put_if_changed (values, "found_date", self->problem->found_date,
                  g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->found))));
  put_if_changed (values, "deadline", self->problem->deadline,
                  g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->deadline))));
  put_if_changed (values, "mechanism", self->problem->mechanism, text_view_text (self->mechanism));
  put_if_changed (values, "leader", self->problem->leader,
                  g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->leader))));
  if (selected_key (self->severity, RCT_VOCAB_SEVERITY) != NULL)
    put_if_changed (values, "severity", self->problem->severity,
                    g_strdup (selected_key (self->severity, RCT_VOCAB_SEVERITY)));
  put_if_changed (values, "cause", self->problem->cause, text_view_text (self->cause));
  return values;
}

/**
 * rct_problem_detail_set_message:
 * @message: (nullable): one sentence, or %NULL to hide it
 */
void
rct_problem_detail_set_message (RctProblemDetail *self,
                                const char       *message,
                                gboolean          is_error)
{
  g_return_if_fail (RCT_IS_PROBLEM_DETAIL (self));

  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

const char *
rct_problem_detail_get_message (RctProblemDetail *self)
{
  g_return_val_if_fail (RCT_IS_PROBLEM_DETAIL (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

/**
 * rct_problem_detail_set_hint:
 * @hint: (nullable): why the next workflow step is not open yet
 */
void
rct_problem_detail_set_hint (RctProblemDetail *self,
                             const char       *hint)
{
  g_return_if_fail (RCT_IS_PROBLEM_DETAIL (self));
  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
}

const char *
rct_problem_detail_get_hint (RctProblemDetail *self)
{
  g_return_val_if_fail (RCT_IS_PROBLEM_DETAIL (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->hint_label)) ? gtk_label_get_text (self->hint_label) : NULL;
}

/**
 * rct_problem_detail_get_revision:
 *
 * Returns: the revision of the problem as the form shows it: what a save
 *   or a workflow step from here expects the ledger still to have
 */
gint64
rct_problem_detail_get_revision (RctProblemDetail *self)
{
  g_return_val_if_fail (RCT_IS_PROBLEM_DETAIL (self), 0);
  return self->problem != NULL ? rct_record_get_revision (RCT_RECORD (self->problem)) : 0;
}

/* Puts @value (text as collect() gives it) into the widget of @column. */
static void
put_value (RctProblemDetail *self,
           const char       *column,
           const char       *value)
{
  GtkWidget *widget = rct_problem_detail_get_field (self, column);

  if (GTK_IS_TEXT_VIEW (widget))
    set_text_view (GTK_TEXT_VIEW (widget), value);
  else if (GTK_IS_ENTRY (widget))
    set_entry (GTK_ENTRY (widget), value);
  else if (widget == (GtkWidget *) self->source)
    select_key (self->source, RCT_VOCAB_PROBLEM_SOURCE, value);
  else if (widget == (GtkWidget *) self->severity)
    select_key (self->severity, RCT_VOCAB_SEVERITY, value);
  else if (GTK_IS_DROP_DOWN (widget))
    {
      GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
      guint n = g_list_model_get_n_items (names);

      /* The group's first choice is "(none)", an empty value. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (names, i);

          if ((value == NULL || *value == '\0') ? i == 0 && widget == (GtkWidget *) self->group
                                                : g_strcmp0 (gtk_string_object_get_string (item), value) == 0)
            {
              gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), i);
              break;
            }
        }
    }
}

/* A field's value as a person reads it in the list of theirs. */
static char *
shown_value (const char *column,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup (_("(empty)"));
  if (g_str_equal (column, "source"))
    return g_strdup (rct_vocabulary_label (RCT_VOCAB_PROBLEM_SOURCE, value));
  if (g_str_equal (column, "severity"))
    return g_strdup (rct_vocabulary_label (RCT_VOCAB_SEVERITY, value));
  return g_strdup (value);
}

/* A field's value as collect() gives it: references by name. */
static char *
column_value (RctProblem *problem,
              const char *column)
{
  if (g_str_equal (column, "unit"))
    return g_strdup (problem->unit_name);
  if (g_str_equal (column, "group"))
    return g_strdup (problem->group_name);
  if (g_str_equal (column, "responsible"))
    return g_strdup (problem->responsible_name);
  return rct_record_dup_value (RCT_RECORD (problem), column);
}

/* A field's name as its label in the form says it. */
static char *
field_label (GtkWidget  *widget,
             const char *column)
{
  char *label = rct_conflict_widget_label (widget);

  return label != NULL ? label : g_strdup (column);
}

/**
 * rct_problem_detail_show_conflict:
 * @current: the problem as another clerk left it (RCT_STORE_ERROR_CONFLICT)
 * @message: the store's sentence naming who and when
 *
 * After a save refused because someone saved the problem since it was
 * opened: the form takes their values where the clerk changed nothing,
 * keeps the clerk's edit where they did, marks the fields where the two
 * differ and lists theirs above, with the choice to save the clerk's over
 * them (the form's revision is now theirs) or to discard the edit.
 */
void
rct_problem_detail_show_conflict (RctProblemDetail *self,
                                  RctProblem       *current,
                                  const char       *message)
{
  g_autoptr(GHashTable) mine = NULL;
  g_autoptr(RctProblem) opened = NULL;
  g_autoptr(GString) theirs = g_string_new (NULL);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (RCT_IS_PROBLEM_DETAIL (self));
  g_return_if_fail (RCT_IS_PROBLEM (current));

  mine = rct_problem_detail_collect (self);
  opened = self->problem != NULL ? g_object_ref (self->problem) : NULL;
  rct_problem_detail_show (self, self->store, rct_record_get_id (RCT_RECORD (current)), self->read_only);
  if (self->problem == NULL)
    return;
  /* In the form's order, so the list reads as the form does. */
  g_hash_table_iter_init (&iter, mine);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (columns, key);
  g_ptr_array_sort (columns, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < self->editables->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->editables, i);

      for (guint c = 0; c < columns->len; c++)
        {
          const char *column = *(const char **) &g_ptr_array_index (columns, c);
          const char *value = g_hash_table_lookup (mine, column);
          g_autofree char *now = NULL;
          g_autofree char *shown = NULL;
          g_autofree char *label = NULL;

          if (rct_problem_detail_get_field (self, column) != widget)
            continue;
          put_value (self, column, value);
          now = column_value (self->problem, column);
          if (g_strcmp0 (now != NULL ? now : "", value != NULL ? value : "") == 0)
            continue;
          /* Only they changed it, or only the clerk: no choice to make. */
          if (opened != NULL)
            {
              g_autofree char *was = column_value (opened, column);
              if (g_strcmp0 (was != NULL ? was : "", now != NULL ? now : "") == 0)
                continue;
            }
          gtk_widget_add_css_class (widget, "conflict-field");
          shown = shown_value (column, now);
          /* Translators: a field's name and the value another clerk saved */
          label = field_label (widget, column);
          g_string_append_printf (theirs, _("%s: %s"), label, shown);
          g_string_append_c (theirs, '\n');
        }
    }
  if (theirs->len > 0)
    {
      g_string_prepend (theirs, _("Their values, where yours differ:\n"));
      g_string_truncate (theirs, theirs->len - 1);
    }
  else
    g_string_append (theirs, _("They changed other fields than you; your edit is kept as it is."));
  gtk_label_set_text (self->theirs_label, theirs->str);
  gtk_widget_set_visible (self->conflict_box, TRUE);
  rct_problem_detail_set_message (self, message, TRUE);
}

/**
 * rct_problem_detail_get_theirs:
 *
 * Returns: (nullable): the list of the other clerk's values a conflict
 *   shows, or %NULL when none is shown
 */
const char *
rct_problem_detail_get_theirs (RctProblemDetail *self)
{
  g_return_val_if_fail (RCT_IS_PROBLEM_DETAIL (self), NULL);
  return gtk_widget_get_visible (self->conflict_box) ? gtk_label_get_text (self->theirs_label) : NULL;
}

/**
 * rct_problem_detail_get_field:
 * @field: a column: description, source, category, unit, group,
 *   responsible, leader, found_date, deadline, mechanism, severity, cause;
 *   new_measure, the text of a measure to add; listing, the sentence on
 *   its listing for supervision
 *
 * For tests and the accessibility walk: the widget that edits @field.
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
rct_problem_detail_get_field (RctProblemDetail *self,
                              const char       *field)
{
  const struct { const char *name; gpointer widget; } fields[] = {
    { "description", self->description }, { "source", self->source }, { "category", self->category },
    { "unit", self->unit }, { "group", self->group }, { "responsible", self->responsible },
    { "found_date", self->found }, { "deadline", self->deadline }, { "mechanism", self->mechanism },
    { "new_measure", self->measure_text }, { "leader", self->leader }, { "severity", self->severity },
    { "cause", self->cause }, { "listing", self->listing_label },
  };

  g_return_val_if_fail (RCT_IS_PROBLEM_DETAIL (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, field) == 0)
      return fields[i].widget;
  return NULL;
}
