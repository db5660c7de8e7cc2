/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-task-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-accessible.h"
#include "rct-conflict.h"
#include "rct-task-detail.h"
#include "rct-vocabulary.h"

/* RctTaskDetail: the detail pane of a task. It edits the task's fields,
 * records progress entries and lists them. Every change goes through the
 * store, so it lands in the journal; a refused change is reported with the
 * store's own sentence through ::error and the form keeps what was typed. */

struct _RctTaskDetail
{
  GtkWidget       parent_instance;

  RctStore       *store;
  RctTask        *task;        /* NULL while adding a new task */
  char           *group_name;  /* the group a new task joins */
  gboolean        read_only;

  /* Template children */
  GtkLabel       *heading_label;
  GtkEntry       *title_entry;
  GtkDropDown    *kind_dropdown;
  GtkEntry       *owner_entry;
  GtkDropDown    *unit_dropdown;
  GtkDropDown    *phase_dropdown;
  GtkEntry       *start_entry;
  GtkEntry       *deadline_entry;
  GtkDropDown    *status_dropdown;
  GtkSpinButton  *target_spin;
  GtkWidget      *save_button;
  GtkWidget      *progress_box;
  GtkLabel       *progress_heading;
  GtkProgressBar *progress_bar;
  GtkEntry       *progress_date_entry;
  GtkSpinButton  *progress_count_spin;
  GtkEntry       *progress_note_entry;
  GtkListBox     *progress_list;
  GtkWidget      *form_grid;
};

G_DEFINE_FINAL_TYPE (RctTaskDetail, rct_task_detail, GTK_TYPE_WIDGET)

enum {
  SAVED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rct_task_detail_actions_update (RctTaskDetail *self);

/* Vocabulary dropdowns: position 0 is "none" when the field may be empty. */
static void
fill_vocabulary (GtkDropDown   *dropdown,
                 RctVocabulary  vocab,
                 gboolean       with_none)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const RctVocabularyEntry *entries;
  guint n;

  if (with_none)
    gtk_string_list_append (list, C_("no value", "—"));
  entries = rct_vocabulary_entries (vocab, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, rct_vocabulary_label (vocab, entries[i].key));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
select_vocabulary (GtkDropDown   *dropdown,
                   RctVocabulary  vocab,
                   gboolean       with_none,
                   const char    *key)
{
  guint n;
  const RctVocabularyEntry *entries = rct_vocabulary_entries (vocab, &n);
  guint offset = with_none ? 1 : 0;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (entries[i].key, key) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i + offset);
        return;
      }
  gtk_drop_down_set_selected (dropdown, 0);
}

static const char *
selected_vocabulary (GtkDropDown   *dropdown,
                     RctVocabulary  vocab,
                     gboolean       with_none)
{
  guint n;
  const RctVocabularyEntry *entries = rct_vocabulary_entries (vocab, &n);
  guint pos = gtk_drop_down_get_selected (dropdown);

  if (with_none)
    {
      if (pos == 0 || pos == GTK_INVALID_LIST_POSITION)
        return "";
      pos--;
    }
  return pos < n ? entries[pos].key : "";
}

static void
fill_units (RctTaskDetail *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) units = NULL;

  gtk_string_list_append (list, C_("no value", "—"));
  if (self->store != NULL)
    units = rct_store_list (self->store, RCT_KIND_UNIT, NULL, NULL);
  for (guint i = 0; units != NULL && i < units->len; i++)
    gtk_string_list_append (list, RCT_UNIT (g_ptr_array_index (units, i))->name);
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (list));
}

static void
select_unit (RctTaskDetail *self,
             const char    *name)
{
  GListModel *model = gtk_drop_down_get_model (self->unit_dropdown);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 1; name != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      {
        gtk_drop_down_set_selected (self->unit_dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
}

static const char *
selected_unit (RctTaskDetail *self)
{
  guint pos = gtk_drop_down_get_selected (self->unit_dropdown);

  if (pos == 0 || pos == GTK_INVALID_LIST_POSITION)
    return "";
  return gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (self->unit_dropdown)), pos);
}

static void
report_error (RctTaskDetail *self,
              const GError  *error)
{
  g_signal_emit (self, signals[ERROR], 0, error->message);
}

static GtkWidget *
create_progress_row (RctTaskProgress *entry)
{
  g_autofree char *date = rct_date_format_local (entry->date);
  g_autofree char *head = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title;
  GtkWidget *note;

  /* Translators: a progress entry: the date, then how many were done */
  head = g_strdup_printf (_("%s: %d done"), date, (int) entry->count);
  title = gtk_label_new (head);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);
  if (entry->note != NULL && entry->note[0] != '\0')
    {
      note = gtk_label_new (entry->note);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), note);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  return box;
}

static void
load_progress (RctTaskDetail *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  g_autofree char *heading = NULL;
  double fraction = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->progress_list))) != NULL)
    gtk_list_box_remove (self->progress_list, child);

  gtk_widget_set_visible (self->progress_box, self->task != NULL);
  if (self->task == NULL)
    return;

  if (self->task->target_count > 0)
    {
      fraction = CLAMP ((double) self->task->done_count / self->task->target_count, 0.0, 1.0);
      /* Translators: progress of a task: done, then the target, e.g. "26 of 100 done" */
      heading = g_strdup_printf (_("Progress: %d of %d done"),
                                 (int) self->task->done_count, (int) self->task->target_count);
    }
  else
    /* Translators: progress of a task without a target */
    heading = g_strdup_printf (_("Progress: %d done"), (int) self->task->done_count);
  gtk_label_set_text (self->progress_heading, heading);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);

  entries = rct_store_list_children (self->store, RCT_KIND_TASK_PROGRESS,
                                     rct_record_get_id (RCT_RECORD (self->task)), &error);
  if (entries == NULL)
    {
      report_error (self, error);
      return;
    }
  for (guint i = entries->len; i > 0; i--)
    gtk_list_box_append (self->progress_list, create_progress_row (g_ptr_array_index (entries, i - 1)));
  if (entries->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No progress recorded yet."));
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 6);
      gtk_widget_set_margin_bottom (none, 6);
      gtk_list_box_append (self->progress_list, none);
    }
}

static void
load_form (RctTaskDetail *self)
{
  RctTask *task = self->task;
  g_autofree char *today = rct_clock_today ();

  fill_units (self);
  if (task != NULL)
    {
      /* Translators: the heading of the task detail pane; %s is the task's group */
      g_autofree char *heading = g_strdup_printf (_("Task of %s"), task->group_name);
      gtk_label_set_text (self->heading_label, heading);
    }
  else
    {
      /* Translators: the heading while adding a task; %s is the working group */
      g_autofree char *heading = g_strdup_printf (_("New task for %s"), self->group_name != NULL ? self->group_name : "");
      gtk_label_set_text (self->heading_label, heading);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), task != NULL && task->title != NULL ? task->title : "");
  select_vocabulary (self->kind_dropdown, RCT_VOCAB_TASK_KIND, FALSE, task != NULL ? task->kind : "prescribed");
  gtk_editable_set_text (GTK_EDITABLE (self->owner_entry),
                         task != NULL && task->owner_name != NULL ? task->owner_name : "");
  select_unit (self, task != NULL ? task->unit_name : NULL);
  select_vocabulary (self->phase_dropdown, RCT_VOCAB_PHASE, TRUE, task != NULL ? task->phase : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->start_entry),
                         task != NULL && task->start_date != NULL ? task->start_date : today);
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_entry),
                         task != NULL && task->deadline != NULL ? task->deadline : "");
  select_vocabulary (self->status_dropdown, RCT_VOCAB_TASK_STATUS, FALSE,
                     task != NULL ? task->status : "not-started");
  gtk_spin_button_set_value (self->target_spin, task != NULL ? task->target_count : 0);

  gtk_button_set_label (GTK_BUTTON (self->save_button), task != NULL ? _("_Save Task") : _("_Add Task"));
  rct_accessible_tidy_names (GTK_WIDGET (self->save_button));
  gtk_editable_set_text (GTK_EDITABLE (self->progress_date_entry), today);
  gtk_spin_button_set_value (self->progress_count_spin, 1);
  gtk_editable_set_text (GTK_EDITABLE (self->progress_note_entry), "");
  load_progress (self);
  rct_task_detail_actions_update (self);
}

/* The conflict's sentence with the other clerk's values where the form
 * holds others (rct-conflict.c). */
static char *
conflict_message (RctTaskDetail *self,
                  RctTask       *current,
                  GHashTable    *mine,
                  const char    *sentence)
{
  g_autofree char *target = g_strdup_printf ("%" G_GINT64_FORMAT, current->target_count);
  struct { const char *column; GtkWidget *widget; const char *theirs; RctVocabulary vocab; } map[] = {
    { "title", GTK_WIDGET (self->title_entry), current->title, RCT_N_VOCABS },
    { "kind", GTK_WIDGET (self->kind_dropdown), current->kind, RCT_VOCAB_TASK_KIND },
    { "owner", GTK_WIDGET (self->owner_entry), current->owner_name, RCT_N_VOCABS },
    { "unit", GTK_WIDGET (self->unit_dropdown), current->unit_name, RCT_N_VOCABS },
    { "phase", GTK_WIDGET (self->phase_dropdown), current->phase, RCT_VOCAB_PHASE },
    { "start_date", GTK_WIDGET (self->start_entry), current->start_date, RCT_N_VOCABS },
    { "deadline", GTK_WIDGET (self->deadline_entry), current->deadline, RCT_N_VOCABS },
    { "status", GTK_WIDGET (self->status_dropdown), current->status, RCT_VOCAB_TASK_STATUS },
    { "target_count", GTK_WIDGET (self->target_spin), target, RCT_N_VOCABS },
  };
  RctConflictField fields[G_N_ELEMENTS (map)];
  GtkWidget *widgets[G_N_ELEMENTS (map)];

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      widgets[i] = map[i].widget;
      fields[i].theirs = map[i].theirs;
      fields[i].mine = g_hash_table_lookup (mine, map[i].column);
      fields[i].shown = map[i].vocab != RCT_N_VOCABS && map[i].theirs != NULL && *map[i].theirs
                        ? rct_vocabulary_label (map[i].vocab, map[i].theirs) : NULL;
    }
  return rct_conflict_describe_widgets (sentence, widgets, fields, G_N_ELEMENTS (fields));
}

static void
task_save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RctTaskDetail *self = RCT_TASK_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->target_spin));
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  const char *kind = selected_vocabulary (self->kind_dropdown, RCT_VOCAB_TASK_KIND, FALSE);
  const char *owner = gtk_editable_get_text (GTK_EDITABLE (self->owner_entry));
  const char *unit = selected_unit (self);
  const char *phase = selected_vocabulary (self->phase_dropdown, RCT_VOCAB_PHASE, TRUE);
  const char *start = gtk_editable_get_text (GTK_EDITABLE (self->start_entry));
  const char *deadline = gtk_editable_get_text (GTK_EDITABLE (self->deadline_entry));
  const char *status = selected_vocabulary (self->status_dropdown, RCT_VOCAB_TASK_STATUS, FALSE);
  gint64 id;
  gboolean ok;

  if (self->store == NULL || self->read_only)
    return;
  if (self->task == NULL)
    ok = rct_store_create_va (self->store, RCT_KIND_TASK, &id, &error,
                              "group", self->group_name, "title", title, "kind", kind, "owner", owner,
                              "unit", unit, "phase", phase, "start_date", start, "deadline", deadline,
                              "status", status, "target_count", target, NULL);
  else
    {
      g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(RctRecord) current = NULL;

      g_hash_table_insert (values, (gpointer) "title", (gpointer) title);
      g_hash_table_insert (values, (gpointer) "kind", (gpointer) kind);
      g_hash_table_insert (values, (gpointer) "owner", (gpointer) owner);
      g_hash_table_insert (values, (gpointer) "unit", (gpointer) unit);
      g_hash_table_insert (values, (gpointer) "phase", (gpointer) phase);
      g_hash_table_insert (values, (gpointer) "start_date", (gpointer) start);
      g_hash_table_insert (values, (gpointer) "deadline", (gpointer) deadline);
      g_hash_table_insert (values, (gpointer) "status", (gpointer) status);
      g_hash_table_insert (values, (gpointer) "target_count", target);
      id = rct_record_get_id (RCT_RECORD (self->task));
      /* Only while the task is as the form opened it (issue 20). */
      ok = rct_store_update_at (self->store, RCT_KIND_TASK, id, rct_record_get_revision (RCT_RECORD (self->task)),
                                values, NULL, &current, &error);
      if (!ok && g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT) && current != NULL)
        {
          g_autofree char *message = conflict_message (self, RCT_TASK (current), values, error->message);

          /* The form keeps the clerk's values; the next Save goes over theirs. */
          g_set_object (&self->task, RCT_TASK (current));
          g_signal_emit (self, signals[ERROR], 0, message);
          return;
        }
    }
  if (!ok)
    {
      report_error (self, error);
      return;
    }
  rct_task_detail_show_task (self, id);
  g_signal_emit (self, signals[SAVED], 0, id);
}

static void
task_record_progress_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  RctTaskDetail *self = RCT_TASK_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->store == NULL || self->read_only || self->task == NULL)
    return;
  id = rct_record_get_id (RCT_RECORD (self->task));
  if (!rct_store_task_record_progress (self->store, id,
                                       gtk_editable_get_text (GTK_EDITABLE (self->progress_date_entry)),
                                       gtk_editable_get_text (GTK_EDITABLE (self->progress_note_entry)),
                                       gtk_spin_button_get_value_as_int (self->progress_count_spin),
                                       &error))
    {
      report_error (self, error);
      return;
    }
  rct_task_detail_show_task (self, id);
  g_signal_emit (self, signals[SAVED], 0, id);
}

static void
rct_task_detail_actions_update (RctTaskDetail *self)
{
  gboolean writable = self->store != NULL && !self->read_only;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.save", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.record-progress", writable && self->task != NULL);
  gtk_widget_set_sensitive (self->form_grid, writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->progress_date_entry), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->progress_count_spin), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->progress_note_entry), writable);
}

static void
rct_task_detail_dispose (GObject *object)
{
  RctTaskDetail *self = RCT_TASK_DETAIL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_TASK_DETAIL);
  /* The template's top child is not a bound child: unparent what is left. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->task);
  g_clear_object (&self->store);
  g_clear_pointer (&self->group_name, g_free);

  G_OBJECT_CLASS (rct_task_detail_parent_class)->dispose (object);
}

static void
rct_task_detail_class_init (RctTaskDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_task_detail_dispose;

  /**
   * RctTaskDetail::saved:
   * @id: the task that was written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * RctTaskDetail::error:
   * @message: one sentence a person can act on
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-task-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, title_entry);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, owner_entry);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, phase_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, start_entry);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, deadline_entry);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, target_spin);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, save_button);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, progress_box);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, progress_heading);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, progress_date_entry);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, progress_count_spin);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, progress_note_entry);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, progress_list);
  gtk_widget_class_bind_template_child (widget_class, RctTaskDetail, form_grid);

  gtk_widget_class_install_action (widget_class, "task.save", NULL, task_save_action);
  gtk_widget_class_install_action (widget_class, "task.record-progress", NULL, task_record_progress_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "task.save", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* The wheel over a number field scrolls the form, as over any other
 * field; it changes the number only while the field has the focus. */
static gboolean
spin_scroll_cb (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                gpointer                  user_data)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scrolled = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);
  GtkRoot *root = gtk_widget_get_root (spin);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkAdjustment *adjustment;
  double step;

  if (focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin)))
    return FALSE;
  if (scrolled == NULL)
    return TRUE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  step = MAX (gtk_adjustment_get_page_size (adjustment) / 10.0, 24.0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return TRUE;
}

static void
scroll_page_not_number (GtkSpinButton *spin)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (scroll, "rct-scroll-page");
  g_signal_connect (scroll, "scroll", G_CALLBACK (spin_scroll_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (spin), scroll);
}

static void
rct_task_detail_init (RctTaskDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  scroll_page_not_number (self->target_spin);
  scroll_page_not_number (self->progress_count_spin);

  fill_vocabulary (self->kind_dropdown, RCT_VOCAB_TASK_KIND, FALSE);
  fill_vocabulary (self->phase_dropdown, RCT_VOCAB_PHASE, TRUE);
  fill_vocabulary (self->status_dropdown, RCT_VOCAB_TASK_STATUS, FALSE);
  load_form (self);
}

void
rct_task_detail_set_store (RctTaskDetail *self,
                           RctStore      *store)
{
  g_return_if_fail (RCT_IS_TASK_DETAIL (self));

  g_set_object (&self->store, store);
  g_clear_object (&self->task);
  load_form (self);
}

void
rct_task_detail_set_read_only (RctTaskDetail *self,
                               gboolean       read_only)
{
  g_return_if_fail (RCT_IS_TASK_DETAIL (self));

  self->read_only = read_only;
  rct_task_detail_actions_update (self);
}

/**
 * rct_task_detail_show_task:
 *
 * Reads the task afresh from the store and shows it for editing.
 */
void
rct_task_detail_show_task (RctTaskDetail *self,
                           gint64         task_id)
{
  g_autoptr(GError) error = NULL;
  RctTask *task;

  g_return_if_fail (RCT_IS_TASK_DETAIL (self));
  g_return_if_fail (self->store != NULL);

  task = rct_store_get (self->store, RCT_KIND_TASK, task_id, &error);
  if (task == NULL)
    {
      report_error (self, error);
      return;
    }
  g_clear_object (&self->task);
  self->task = task;
  g_free (self->group_name);
  self->group_name = g_strdup (task->group_name);
  load_form (self);
}

/**
 * rct_task_detail_new_task:
 *
 * Empties the form for a new task of @group_name; saving adds it.
 */
void
rct_task_detail_new_task (RctTaskDetail *self,
                          const char    *group_name)
{
  g_return_if_fail (RCT_IS_TASK_DETAIL (self));

  g_clear_object (&self->task);
  g_free (self->group_name);
  self->group_name = g_strdup (group_name);
  load_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
}

/* The task shown, or 0 while adding one. */
gint64
rct_task_detail_get_task_id (RctTaskDetail *self)
{
  g_return_val_if_fail (RCT_IS_TASK_DETAIL (self), 0);
  return self->task != NULL ? rct_record_get_id (RCT_RECORD (self->task)) : 0;
}
