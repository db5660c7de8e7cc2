/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-conflicts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-conflicts-dialog.h"
#include "rct-merge-dialog.h"
#include "rct-merge.h"

/* Conflicts: two organisations changed the same field of a record from
 * the same value, and the merge kept both (docs/EXCHANGE.md). The bar
 * over the pages says how many wait; its button opens the dialog, where
 * each conflict shows both values side by side, who wrote each and when,
 * and Keep Ours / Keep Theirs settles it through
 * rct_merge_resolve_conflict() (journaled, an event of its own). Open
 * conflicts are few: the list is read whole. */

struct _RctConflictsDialog
{
  GtkWindow   parent_instance;

  RctStore   *store;
  GPtrArray  *conflicts;  /* RctConflict* */
  GtkListBox *list;
  GtkLabel   *note;
};

G_DEFINE_FINAL_TYPE (RctConflictsDialog, rct_conflicts_dialog, GTK_TYPE_WINDOW)

static void
set_note (RctConflictsDialog *self,
          const char         *text)
{
  gtk_label_set_text (self->note, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note), text != NULL);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void choose_clicked_cb (GtkButton          *button,
                               RctConflictsDialog *self);

/* One side of a conflict: its heading, the value, who and when, and the
 * button that keeps it. */
static GtkWidget *
side_new (RctConflictsDialog *self,
          const RctConflict  *conflict,
          gboolean            theirs)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *value;
  GtkWidget *button;
  const char *text = theirs ? conflict->theirs : conflict->ours;
  const char *by = theirs ? conflict->theirs_by : conflict->ours_by;
  const char *at = theirs ? conflict->theirs_at : conflict->ours_at;
  g_autofree char *when = at != NULL ? rct_time_format_local (at) : g_strdup ("");
  g_autofree char *who = NULL;
  g_autofree char *name = NULL;

  gtk_box_append (GTK_BOX (box), label_new (theirs ? _("Theirs") : _("Ours"), "heading"));
  value = label_new (text != NULL && *text != '\0' ? text : _("(empty)"), NULL);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_set_focusable (value, FALSE);
  gtk_box_append (GTK_BOX (box), value);
  /* Translators: who wrote a value of a conflict and when (a label only) */
  who = g_strdup_printf (_("By %1$s, %2$s"), by != NULL ? by : "", when);
  gtk_box_append (GTK_BOX (box), label_new (who, "dim-label"));
  button = gtk_button_new_with_mnemonic (theirs ? _("Keep _Theirs") : _("Keep _Ours"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  /* Translators: the accessible name of a conflict's Keep Ours / Keep
   * Theirs button; %1$s is the record, %2$s the field */
  name = g_strdup_printf (theirs ? _("Keep theirs for %1$s, %2$s") : _("Keep ours for %1$s, %2$s"),
                          conflict->label != NULL ? conflict->label : "",
                          rct_merge_field_label (conflict->kind, conflict->field));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (button, name);
  g_object_set_data_full (G_OBJECT (button), "rct-conflict", g_strdup (conflict->uuid), g_free);
  g_object_set_data (G_OBJECT (button), "rct-theirs", GINT_TO_POINTER (theirs));
  g_signal_connect_object (button, "clicked", G_CALLBACK (choose_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_frame_set_child (GTK_FRAME (frame), box);
  gtk_widget_set_hexpand (frame, TRUE);
  return frame;
}

static GtkWidget *
row_new (RctConflictsDialog *self,
         const RctConflict  *conflict)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *title = NULL;

  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  /* Translators: a conflict's heading: the kind of record, the record, the field */
  title = g_strdup_printf (_("%1$s %2$s · %3$s"), rct_merge_kind_label (conflict->kind),
                           conflict->label != NULL ? conflict->label : "",
                           rct_merge_field_label (conflict->kind, conflict->field));
  gtk_box_append (GTK_BOX (box), label_new (title, "heading"));
  gtk_box_append (GTK_BOX (sides), side_new (self, conflict, FALSE));
  gtk_box_append (GTK_BOX (sides), side_new (self, conflict, TRUE));
  gtk_box_append (GTK_BOX (box), sides);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
refresh (RctConflictsDialog *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL && GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = rct_merge_list_conflicts (self->store, &error);
  if (self->conflicts == NULL)
    {
      set_note (self, error->message);
      return;
    }
  for (guint i = 0; i < self->conflicts->len; i++)
    gtk_list_box_append (self->list, row_new (self, g_ptr_array_index (self->conflicts, i)));
}

static void
choose_clicked_cb (GtkButton          *button,
                   RctConflictsDialog *self)
{
  rct_conflicts_dialog_choose (self, g_object_get_data (G_OBJECT (button), "rct-conflict"),
                               GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "rct-theirs")));
}

static void
rct_conflicts_dialog_finalize (GObject *object)
{
  RctConflictsDialog *self = RCT_CONFLICTS_DIALOG (object);

  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rct_conflicts_dialog_parent_class)->finalize (object);
}

static void
rct_conflicts_dialog_class_init (RctConflictsDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rct_conflicts_dialog_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rct_conflicts_dialog_init (RctConflictsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *close = gtk_button_new_with_mnemonic (_("_Close"));
  GtkWidget *placeholder = label_new (_("No conflicts wait for a choice."), "dim-label");

  gtk_window_set_title (GTK_WINDOW (self), _("Conflicts"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 860, 560);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_box_append (GTK_BOX (box),
                  label_new (_("Both organisations changed these fields from the same value. Both values are kept "
                               "until you choose one; the choice is journaled and goes out in the next report."),
                             NULL));
  self->note = GTK_LABEL (label_new (NULL, "error"));
  gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open conflicts"), -1);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "window.close");
  gtk_box_append (GTK_BOX (buttons), close);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (self), box);
}

/**
 * rct_conflicts_dialog_new:
 *
 * Returns: (transfer none): the dialog, shown, with the open conflicts
 */
RctConflictsDialog *
rct_conflicts_dialog_new (GtkWindow *parent,
                          RctStore  *store)
{
  RctConflictsDialog *self;

  g_return_val_if_fail (RCT_IS_STORE (store), NULL);

  self = g_object_new (RCT_TYPE_CONFLICTS_DIALOG, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->store = g_object_ref (store);
  refresh (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

guint
rct_conflicts_dialog_get_count (RctConflictsDialog *self)
{
  g_return_val_if_fail (RCT_IS_CONFLICTS_DIALOG (self), 0);
  return self->conflicts != NULL ? self->conflicts->len : 0;
}

const char *
rct_conflicts_dialog_get_note (RctConflictsDialog *self)
{
  g_return_val_if_fail (RCT_IS_CONFLICTS_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->note)) ? gtk_label_get_text (self->note) : NULL;
}

/**
 * rct_conflicts_dialog_choose:
 * @keep_theirs: keep the other organisation's value, else ours
 *
 * What Keep Ours / Keep Theirs does: settles the conflict and reads the
 * list again; a refusal is one sentence in the dialog.
 *
 * Returns: %TRUE if it was settled
 */
gboolean
rct_conflicts_dialog_choose (RctConflictsDialog *self,
                             const char         *conflict_uuid,
                             gboolean            keep_theirs)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RCT_IS_CONFLICTS_DIALOG (self), FALSE);

  if (!rct_merge_resolve_conflict (self->store, conflict_uuid, keep_theirs, &error))
    {
      set_note (self, error->message);
      return FALSE;
    }
  set_note (self, NULL);
  rct_store_announce_changes (self->store);
  refresh (self);
  return TRUE;
}

/* ---- the bar over the pages ---- */

struct _RctConflictsBar
{
  GtkWidget    parent_instance;

  RctStore    *store;
  gboolean     read_only;
  guint        count;
  guint        count_idle;
  GtkWidget   *box;
  GtkLabel    *label;
  GtkWidget   *button;
};

G_DEFINE_FINAL_TYPE (RctConflictsBar, rct_conflicts_bar, GTK_TYPE_WIDGET)

static gboolean
count_cb (gpointer data)
{
  RctConflictsBar *self = data;
  g_autoptr(GPtrArray) conflicts = NULL;

  self->count_idle = 0;
  self->count = 0;
  if (self->store != NULL)
    conflicts = rct_merge_list_conflicts (self->store, NULL);
  if (conflicts != NULL)
    self->count = conflicts->len;
  if (self->count > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u conflict needs a choice.",
                                                         "%u conflicts need a choice.", self->count),
                                               self->count);
      gtk_label_set_text (self->label, text);
    }
  gtk_widget_set_sensitive (self->button, !self->read_only);
  /* Shown and hidden, not revealed: a revealer's child kept its hidden
   * state for screen readers on GTK 4.8. */
  gtk_widget_set_visible (self->box, self->count > 0);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (RctStore        *store,
                  int              kind,
                  RctConflictsBar *self)
{
  if (self->count_idle == 0)
    self->count_idle = g_idle_add (count_cb, self);
}

static void
show_clicked_cb (RctConflictsBar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store != NULL)
    rct_conflicts_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
}

static void
rct_conflicts_bar_dispose (GObject *object)
{
  RctConflictsBar *self = RCT_CONFLICTS_BAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->count_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rct_conflicts_bar_parent_class)->dispose (object);
}

static void
rct_conflicts_bar_class_init (RctConflictsBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rct_conflicts_bar_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
rct_conflicts_bar_init (RctConflictsBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "dialog-warning-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  self->box = box;
  gtk_widget_set_visible (box, FALSE);
  gtk_widget_add_css_class (box, "banner");
  gtk_widget_add_css_class (box, "warning");
  gtk_box_append (GTK_BOX (box), icon);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  self->button = gtk_button_new_with_mnemonic (_("_Show the Conflicts…"));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (show_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->button);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

/**
 * rct_conflicts_bar_set_store:
 *
 * Shows the bar while @store has open conflicts; a read-only ledger shows
 * them but offers no choice.
 */
void
rct_conflicts_bar_set_store (RctConflictsBar *self,
                             RctStore        *store,
                             gboolean         read_only)
{
  g_return_if_fail (RCT_IS_CONFLICTS_BAR (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  self->read_only = read_only;
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  g_clear_handle_id (&self->count_idle, g_source_remove);
  count_cb (self);
}

guint
rct_conflicts_bar_get_count (RctConflictsBar *self)
{
  g_return_val_if_fail (RCT_IS_CONFLICTS_BAR (self), 0);
  return self->count;
}
