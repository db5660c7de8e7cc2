/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-conflict.h"
#include "rct-groups-page.h"
#include "rct-record-list.h"
#include "rct-task-detail.h"
#include "rct-vocabulary.h"

/* RctGroupsPage: the six working groups on the left; the tasks of the
 * selected group in a column view, filtered in SQL by owner, overdue and
 * search; on the right the detail pane, which edits the group while no
 * task is selected and the task when one is.
 *
 * The lists reload themselves whenever the store commits a change. A
 * reload replaces the rows, so the selection is kept by record id across
 * it (the *_reload_begin/_end handlers), not by row. */

struct _RctGroupsPage
{
  GtkWidget           parent_instance;

  RctStore           *store;
  RctRecordList      *groups;
  RctRecordList      *tasks;
  GtkStringList      *owners;
  char               *search;
  char               *group_name;
  gint64              group_id;
  gint64              group_revision; /* the group's as its form shows it */
  gint64              task_id;
  gboolean            read_only;
  gboolean            groups_reloading;
  gboolean            tasks_reloading;
  gboolean            filling_owners;
  gboolean            clearing;

  /* Template children */
  GtkListView        *groups_view;
  GtkSingleSelection *groups_selection;
  GtkLabel           *group_title;
  GtkLabel           *group_caption;
  GtkDropDown        *owner_dropdown;
  GtkCheckButton     *overdue_check;
  GtkStack           *tasks_stack;
  GtkColumnView      *tasks_view;
  GtkSingleSelection *tasks_selection;
  GtkLabel           *empty_label;
  GtkStack           *detail_stack;
  GtkWidget          *group_grid;
  GtkEntry           *group_name_entry;
  GtkEntry           *group_lead_entry;
  GtkEntry           *group_members_entry;
  GtkTextView        *group_remit_view;
  RctTaskDetail      *task_detail;
};

G_DEFINE_FINAL_TYPE (RctGroupsPage, rct_groups_page, GTK_TYPE_WIDGET)

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rct_groups_page_actions_update (RctGroupsPage *self);

/* ---- cells of the lists (closures named in the .ui) ---- */

static char *
task_kind_label (gpointer    unused,
                 const char *key)
{
  return g_strdup (key != NULL ? rct_vocabulary_label (RCT_VOCAB_TASK_KIND, key) : "");
}

static char *
task_status_label (gpointer    unused,
                   const char *key)
{
  return g_strdup (key != NULL ? rct_vocabulary_label (RCT_VOCAB_TASK_STATUS, key) : "");
}

static char *
phase_label (gpointer    unused,
             const char *key)
{
  return g_strdup (key != NULL ? rct_vocabulary_label (RCT_VOCAB_PHASE, key) : "");
}

static char *
format_date (gpointer    unused,
             const char *iso_date)
{
  return rct_date_format_local (iso_date);
}

static char *
deadline_state_label (gpointer    unused,
                      const char *state)
{
  if (state == NULL || state[0] == '\0')
    return NULL;
  return g_strdup (rct_vocabulary_label (RCT_VOCAB_DEADLINE_STATE, state));
}

/* The office's colours: yellow when due within three days, red when overdue. */
static char **
deadline_css_classes (gpointer    unused,
                      const char *state)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **classes;

  g_strv_builder_add (builder, "numeric");
  if (g_strcmp0 (state, "due-soon") == 0)
    g_strv_builder_add (builder, "deadline-due-soon");
  else if (g_strcmp0 (state, "overdue") == 0)
    g_strv_builder_add (builder, "deadline-overdue");
  classes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return classes;
}

static double
progress_fraction (gpointer unused,
                   gint64   done,
                   gint64   target)
{
  if (target <= 0)
    return 0;
  return CLAMP ((double) done / target, 0.0, 1.0);
}

static char *
progress_text (gpointer unused,
               gint64   done,
               gint64   target)
{
  if (target <= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, done);
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, done, target);
}

static char *
group_caption (gpointer    unused,
               const char *lead,
               gint64      task_count,
               gint64      tasks_done)
{
  /* Translators: under a working group's name: how many of its tasks are
   * done, then how many it has, e.g. "2 of 4 tasks done" */
  g_autofree char *tasks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d task done",
                                                         "%d of %d tasks done", (gulong) task_count),
                                            (int) tasks_done, (int) task_count);

  if (lead == NULL || lead[0] == '\0')
    return g_steal_pointer (&tasks);
  return g_strconcat (lead, "\n", tasks, NULL);
}

/* ---- the selected group ---- */

static RctWorkingGroup *
dup_selected_group (RctGroupsPage *self)
{
  return gtk_single_selection_get_selected_item (self->groups_selection) != NULL
         ? g_object_ref (gtk_single_selection_get_selected_item (self->groups_selection))
         : NULL;
}

static void
show_group_header (RctGroupsPage   *self,
                   RctWorkingGroup *group)
{
  g_autoptr(GString) caption = g_string_new (NULL);

  if (group == NULL)
    {
      gtk_label_set_text (self->group_title, "");
      gtk_label_set_text (self->group_caption, "");
      return;
    }
  gtk_label_set_text (self->group_title, group->name);
  if (group->lead_name != NULL && group->lead_name[0] != '\0')
    /* Translators: the lead of a working group */
    g_string_append_printf (caption, _("Lead: %s"), group->lead_name);
  if (group->members != NULL && group->members[0] != '\0')
    {
      if (caption->len > 0)
        g_string_append (caption, "　");
      /* Translators: the members of a working group, a list of names */
      g_string_append_printf (caption, _("Members: %s"), group->members);
    }
  if (group->remit != NULL && group->remit[0] != '\0')
    {
      if (caption->len > 0)
        g_string_append_c (caption, '\n');
      g_string_append (caption, group->remit);
    }
  gtk_label_set_text (self->group_caption, caption->str);
}

static void
load_group_form (RctGroupsPage   *self,
                 RctWorkingGroup *group)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->group_remit_view);

  self->group_revision = group != NULL ? rct_record_get_revision (RCT_RECORD (group)) : 0;
  gtk_editable_set_text (GTK_EDITABLE (self->group_name_entry), group != NULL ? group->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->group_lead_entry),
                         group != NULL && group->lead_name != NULL ? group->lead_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->group_members_entry),
                         group != NULL && group->members != NULL ? group->members : "");
  gtk_text_buffer_set_text (buffer, group != NULL && group->remit != NULL ? group->remit : "", -1);
}

/* ---- the tasks of the group ---- */

static const char *
selected_owner (RctGroupsPage *self)
{
  guint pos = gtk_drop_down_get_selected (self->owner_dropdown);

  if (pos == 0 || pos == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->owners, pos);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
fill_owners (RctGroupsPage *self)
{
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *keep = g_strdup (selected_owner (self));
  RctFilter filter = { 0 };
  guint select = 0;

  self->filling_owners = TRUE;
  gtk_string_list_splice (self->owners, 0, g_list_model_get_n_items (G_LIST_MODEL (self->owners)), NULL);
  gtk_string_list_append (self->owners, _("All owners"));
  if (self->store != NULL && self->group_name != NULL)
    {
      filter.group = self->group_name;
      tasks = rct_store_list (self->store, RCT_KIND_TASK, &filter, NULL);
    }
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      RctTask *task = g_ptr_array_index (tasks, i);

      if (task->owner_name != NULL && g_hash_table_add (seen, task->owner_name))
        g_ptr_array_add (names, task->owner_name);
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      gtk_string_list_append (self->owners, g_ptr_array_index (names, i));
      if (g_strcmp0 (keep, g_ptr_array_index (names, i)) == 0)
        select = i + 1;
    }
  gtk_drop_down_set_selected (self->owner_dropdown, select);
  self->filling_owners = FALSE;
}

static void
update_empty_state (RctGroupsPage *self)
{
  guint n = self->tasks != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->tasks)) : 0;
  gboolean filtered = selected_owner (self) != NULL || gtk_check_button_get_active (self->overdue_check) ||
                      (self->search != NULL && self->search[0] != '\0');

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->tasks_stack, "tasks");
      return;
    }
  if (self->group_name == NULL)
    gtk_label_set_text (self->empty_label, "");
  else if (filtered)
    gtk_label_set_text (self->empty_label, _("No task of this group matches the filter."));
  else
    gtk_label_set_text (self->empty_label, _("This group has no tasks yet. Add one with New Task (Ctrl+N)."));
  gtk_stack_set_visible_child_name (self->tasks_stack, "empty");
}

static void
apply_task_filter (RctGroupsPage *self)
{
  g_autoptr(GError) error = NULL;
  RctFilter filter = { 0 };

  if (self->tasks == NULL)
    return;
  if (self->group_name == NULL)
    /* No group chosen yet: a filter that matches nothing. */
    filter.group = "";
  else
    filter.group = self->group_name;
  filter.person = selected_owner (self);
  filter.overdue = gtk_check_button_get_active (self->overdue_check);
  filter.search = self->search != NULL && self->search[0] != '\0' ? self->search : NULL;
  if (!rct_record_list_set_filter (self->tasks, &filter, &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
  update_empty_state (self);
}

static void
show_group_detail (RctGroupsPage *self)
{
  g_autoptr(RctWorkingGroup) group = dup_selected_group (self);

  load_group_form (self, group);
  gtk_stack_set_visible_child_name (self->detail_stack, "group");
}

static void
group_selected_cb (RctGroupsPage *self)
{
  g_autoptr(RctWorkingGroup) group = NULL;
  gint64 id;

  if (self->groups_reloading || self->clearing)
    return;
  group = dup_selected_group (self);
  id = group != NULL ? rct_record_get_id (RCT_RECORD (group)) : 0;
  show_group_header (self, group);
  if (id == self->group_id && group != NULL && g_strcmp0 (group->name, self->group_name) == 0)
    return;  /* the same group, read again after a change */

  self->group_id = id;
  g_free (self->group_name);
  self->group_name = group != NULL ? g_strdup (group->name) : NULL;
  self->task_id = 0;
  fill_owners (self);
  gtk_single_selection_set_selected (self->tasks_selection, GTK_INVALID_LIST_POSITION);
  apply_task_filter (self);
  show_group_detail (self);
  rct_groups_page_actions_update (self);
}

static void
task_selected_cb (RctGroupsPage *self)
{
  RctTask *task;

  if (self->tasks_reloading || self->clearing)
    return;
  task = gtk_single_selection_get_selected_item (self->tasks_selection);
  if (task == NULL || rct_record_get_id (RCT_RECORD (task)) == 0)
    {
      self->task_id = 0;
      if (rct_task_detail_get_task_id (self->task_detail) != 0 ||
          g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "task") != 0)
        show_group_detail (self);
    }
  else
    {
      self->task_id = rct_record_get_id (RCT_RECORD (task));
      rct_task_detail_show_task (self->task_detail, self->task_id);
      gtk_stack_set_visible_child_name (self->detail_stack, "task");
    }
  rct_groups_page_actions_update (self);
}

static void
filter_changed_cb (RctGroupsPage *self)
{
  if (self->filling_owners)
    return;
  apply_task_filter (self);
}

static void
groups_reload_begin_cb (RctGroupsPage *self)
{
  self->groups_reloading = TRUE;
}

static void
groups_reload_end_cb (RctGroupsPage *self)
{
  guint pos;

  self->groups_reloading = FALSE;
  pos = self->group_id != 0 ? rct_record_list_find (self->groups, self->group_id) : G_MAXUINT;
  if (pos == G_MAXUINT)
    pos = g_list_model_get_n_items (G_LIST_MODEL (self->groups)) > 0 ? 0 : GTK_INVALID_LIST_POSITION;
  if (gtk_single_selection_get_selected (self->groups_selection) != pos)
    gtk_single_selection_set_selected (self->groups_selection, pos);
  else
    group_selected_cb (self);
}

static void
tasks_reload_begin_cb (RctGroupsPage *self)
{
  self->tasks_reloading = TRUE;
}

static void
tasks_reload_end_cb (RctGroupsPage *self)
{
  guint pos;

  self->tasks_reloading = FALSE;
  pos = self->task_id != 0 ? rct_record_list_find (self->tasks, self->task_id) : G_MAXUINT;
  if (pos != G_MAXUINT)
    {
      if (gtk_single_selection_get_selected (self->tasks_selection) != pos)
        gtk_single_selection_set_selected (self->tasks_selection, pos);
    }
  else if (self->task_id != 0)
    {
      /* Deleted, or no longer matching the filter. */
      self->task_id = 0;
      gtk_single_selection_set_selected (self->tasks_selection, GTK_INVALID_LIST_POSITION);
      show_group_detail (self);
    }
  update_empty_state (self);
  rct_groups_page_actions_update (self);
}

static void
task_saved_cb (RctGroupsPage *self,
               gint64         id)
{
  rct_groups_page_select_task (self, id);
}

static void
detail_error_cb (RctGroupsPage *self,
                 const char    *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

/* ---- actions ---- */

static void
task_new_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RctGroupsPage *self = RCT_GROUPS_PAGE (widget);

  if (self->group_name == NULL || self->read_only)
    return;
  self->task_id = 0;
  gtk_single_selection_set_selected (self->tasks_selection, GTK_INVALID_LIST_POSITION);
  rct_task_detail_new_task (self->task_detail, self->group_name);
  gtk_stack_set_visible_child_name (self->detail_stack, "task");
  rct_groups_page_actions_update (self);
}

static void
delete_response_cb (GtkDialog *dialog,
                    int        response,
                    gpointer   user_data)
{
  g_autoptr(RctGroupsPage) self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "task-id"));
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL)
    return;
  if (!rct_store_delete (self->store, RCT_KIND_TASK, id, NULL, &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

static void
task_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RctGroupsPage *self = RCT_GROUPS_PAGE (widget);
  g_autoptr(RctTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *button;

  if (self->task_id == 0 || self->read_only || self->store == NULL)
    return;
  task = rct_store_get (self->store, RCT_KIND_TASK, self->task_id, &error);
  if (task == NULL)
    {
      g_signal_emit (self, signals[ERROR], 0, error->message);
      return;
    }
  dialog = gtk_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   /* Translators: %s is the title of a task */
                                   _("Delete the task “%s”?"), task->title);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Its progress entries are deleted with it. "
                                              "The journal keeps a record of the deletion."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Delete"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data (G_OBJECT (dialog), "task-id", GSIZE_TO_POINTER (self->task_id));
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
group_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RctGroupsPage *self = RCT_GROUPS_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->group_remit_view);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RctRecord) current = NULL;
  g_autofree char *remit = NULL;
  GtkTextIter start, end;

  if (self->group_id == 0 || self->read_only || self->store == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  remit = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_hash_table_insert (values, (gpointer) "name", (gpointer) gtk_editable_get_text (GTK_EDITABLE (self->group_name_entry)));
  g_hash_table_insert (values, (gpointer) "lead", (gpointer) gtk_editable_get_text (GTK_EDITABLE (self->group_lead_entry)));
  g_hash_table_insert (values, (gpointer) "members",
                       (gpointer) gtk_editable_get_text (GTK_EDITABLE (self->group_members_entry)));
  g_hash_table_insert (values, (gpointer) "remit", remit);
  /* Only while the group is as its form shows it (issue 20). */
  if (!rct_store_update_at (self->store, RCT_KIND_WORKING_GROUP, self->group_id, self->group_revision, values, NULL,
                            &current, &error))
    {
      if (g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT) && current != NULL)
        {
          RctWorkingGroup *theirs = RCT_WORKING_GROUP (current);
          RctConflictField fields[] = {
            { NULL, theirs->name, g_hash_table_lookup (values, "name"), NULL },
            { NULL, theirs->lead_name, g_hash_table_lookup (values, "lead"), NULL },
            { NULL, theirs->members, g_hash_table_lookup (values, "members"), NULL },
            { NULL, theirs->remit, remit, NULL },
          };
          GtkWidget *widgets[] = { GTK_WIDGET (self->group_name_entry), GTK_WIDGET (self->group_lead_entry),
                                   GTK_WIDGET (self->group_members_entry), GTK_WIDGET (self->group_remit_view) };
          g_autofree char *message = rct_conflict_describe_widgets (error->message, widgets, fields,
                                                                    G_N_ELEMENTS (fields));
          /* The form keeps the clerk's values; the next Save goes over theirs. */
          self->group_revision = rct_record_get_revision (current);
          g_signal_emit (self, signals[ERROR], 0, message);
          return;
        }
      g_signal_emit (self, signals[ERROR], 0, error->message);
      return;
    }
  show_group_detail (self);
}

static void
group_show_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RctGroupsPage *self = RCT_GROUPS_PAGE (widget);

  self->task_id = 0;
  gtk_single_selection_set_selected (self->tasks_selection, GTK_INVALID_LIST_POSITION);
  show_group_detail (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->group_name_entry));
  rct_groups_page_actions_update (self);
}

static void
rct_groups_page_actions_update (RctGroupsPage *self)
{
  gboolean writable = self->store != NULL && !self->read_only;
  gboolean has_group = self->group_id != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.new", writable && has_group);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.delete", writable && self->task_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "group.save", writable && has_group);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "group.show", has_group);
  gtk_widget_set_sensitive (self->group_grid, writable && has_group);
}

/* ---- life cycle ---- */

static void
clear_lists (RctGroupsPage *self)
{
  self->clearing = TRUE;
  if (self->groups_selection != NULL)
    gtk_single_selection_set_model (self->groups_selection, NULL);
  if (self->tasks_selection != NULL)
    gtk_single_selection_set_model (self->tasks_selection, NULL);
  self->clearing = FALSE;
  if (self->groups != NULL)
    g_signal_handlers_disconnect_by_data (self->groups, self);
  if (self->tasks != NULL)
    g_signal_handlers_disconnect_by_data (self->tasks, self);
  g_clear_object (&self->groups);
  g_clear_object (&self->tasks);
}

static void
rct_groups_page_dispose (GObject *object)
{
  RctGroupsPage *self = RCT_GROUPS_PAGE (object);

  clear_lists (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_GROUPS_PAGE);
  /* The template's top child is not a bound child: unparent what is left. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->owners);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->group_name, g_free);

  G_OBJECT_CLASS (rct_groups_page_parent_class)->dispose (object);
}

static void
rct_groups_page_class_init (RctGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_groups_page_dispose;

  /**
   * RctGroupsPage::error:
   * @message: one sentence a person can act on
   *
   * A change was refused or a list could not be read.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (RCT_TYPE_TASK);
  g_type_ensure (RCT_TYPE_WORKING_GROUP);
  g_type_ensure (RCT_TYPE_TASK_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-groups-page.ui");

  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, groups_view);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, groups_selection);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, group_title);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, group_caption);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, tasks_stack);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, tasks_view);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, tasks_selection);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, group_grid);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, group_name_entry);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, group_lead_entry);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, group_members_entry);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, group_remit_view);
  gtk_widget_class_bind_template_child (widget_class, RctGroupsPage, task_detail);

  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, task_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, task_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, task_kind_label);
  gtk_widget_class_bind_template_callback (widget_class, task_status_label);
  gtk_widget_class_bind_template_callback (widget_class, phase_label);
  gtk_widget_class_bind_template_callback (widget_class, format_date);
  gtk_widget_class_bind_template_callback (widget_class, deadline_state_label);
  gtk_widget_class_bind_template_callback (widget_class, deadline_css_classes);
  gtk_widget_class_bind_template_callback (widget_class, progress_fraction);
  gtk_widget_class_bind_template_callback (widget_class, progress_text);
  gtk_widget_class_bind_template_callback (widget_class, group_caption);

  gtk_widget_class_install_action (widget_class, "task.new", NULL, task_new_action);
  gtk_widget_class_install_action (widget_class, "task.delete", NULL, task_delete_action);
  gtk_widget_class_install_action (widget_class, "group.save", NULL, group_save_action);
  gtk_widget_class_install_action (widget_class, "group.show", NULL, group_show_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "task.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "task.delete", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rct_groups_page_init (RctGroupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->owners = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (self->owners));
  fill_owners (self);
  rct_groups_page_actions_update (self);
}

void
rct_groups_page_set_store (RctGroupsPage *self,
                           RctStore      *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RCT_IS_GROUPS_PAGE (self));

  clear_lists (self);
  g_set_object (&self->store, store);
  self->group_id = 0;
  self->task_id = 0;
  g_clear_pointer (&self->group_name, g_free);
  rct_task_detail_set_store (self->task_detail, store);

  if (store != NULL)
    {
      self->groups = rct_record_list_new (store, RCT_KIND_WORKING_GROUP);
      self->tasks = rct_record_list_new (store, RCT_KIND_TASK);
      /* Before the selections see a reload, and after. */
      g_signal_connect_swapped (self->groups, "items-changed", G_CALLBACK (groups_reload_begin_cb), self);
      g_signal_connect_swapped (self->tasks, "items-changed", G_CALLBACK (tasks_reload_begin_cb), self);
      gtk_single_selection_set_model (self->groups_selection, G_LIST_MODEL (self->groups));
      gtk_single_selection_set_model (self->tasks_selection, G_LIST_MODEL (self->tasks));
      g_signal_connect_object (self->groups, "items-changed", G_CALLBACK (groups_reload_end_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->tasks, "items-changed", G_CALLBACK (tasks_reload_end_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      apply_task_filter (self);
      if (!rct_record_list_set_filter (self->groups, NULL, &error))
        g_signal_emit (self, signals[ERROR], 0, error->message);
    }
  group_selected_cb (self);
  rct_groups_page_actions_update (self);
}

void
rct_groups_page_set_read_only (RctGroupsPage *self,
                               gboolean       read_only)
{
  g_return_if_fail (RCT_IS_GROUPS_PAGE (self));

  self->read_only = read_only;
  rct_task_detail_set_read_only (self->task_detail, read_only);
  rct_groups_page_actions_update (self);
}

void
rct_groups_page_set_search (RctGroupsPage *self,
                            const char    *text)
{
  g_return_if_fail (RCT_IS_GROUPS_PAGE (self));

  if (g_strcmp0 (self->search, text) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (text);
  apply_task_filter (self);
}

/* Returns: (transfer none): the working groups, a list of RctWorkingGroup */
GListModel *
rct_groups_page_get_groups (RctGroupsPage *self)
{
  g_return_val_if_fail (RCT_IS_GROUPS_PAGE (self), NULL);
  return G_LIST_MODEL (self->groups);
}

/* Returns: (transfer none): the tasks shown, a list of RctTask */
GListModel *
rct_groups_page_get_tasks (RctGroupsPage *self)
{
  g_return_val_if_fail (RCT_IS_GROUPS_PAGE (self), NULL);
  return G_LIST_MODEL (self->tasks);
}

gboolean
rct_groups_page_select_group (RctGroupsPage *self,
                              const char    *name)
{
  guint n;

  g_return_val_if_fail (RCT_IS_GROUPS_PAGE (self), FALSE);
  if (self->groups == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RctWorkingGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      if (g_strcmp0 (group->name, name) == 0)
        {
          gtk_single_selection_set_selected (self->groups_selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
rct_groups_page_select_task (RctGroupsPage *self,
                             gint64         task_id)
{
  guint pos;

  g_return_val_if_fail (RCT_IS_GROUPS_PAGE (self), FALSE);
  if (self->tasks == NULL)
    return FALSE;
  pos = rct_record_list_find (self->tasks, task_id);
  if (pos == G_MAXUINT)
    return FALSE;
  self->task_id = task_id;
  gtk_single_selection_set_selected (self->tasks_selection, pos);
  task_selected_cb (self);
  return TRUE;
}

gint64
rct_groups_page_get_selected_task_id (RctGroupsPage *self)
{
  g_return_val_if_fail (RCT_IS_GROUPS_PAGE (self), 0);
  return self->task_id;
}
