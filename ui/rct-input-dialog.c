/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-input-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-accessible.h"
#include "rct-input-dialog.h"
#include "rct-ui-resources.h"

/* A small modal window that asks for what a workflow step needs (a reason,
 * who verified, a new date) and hands the answers back. GtkDialog is on its
 * way out of GTK, so this is a plain transient window with its own buttons;
 * its frame is a template, its fields are added for each question. */

#define RCT_TYPE_INPUT_DIALOG (rct_input_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RctInputDialog, rct_input_dialog, RCT, INPUT_DIALOG, GtkWindow)

struct _RctInputDialog
{
  GtkWindow     parent_instance;

  GtkWidget    *owner;
  GPtrArray    *inputs;   /* GtkEditable, GtkTextView or GtkDropDown */
  RctInputDone  done;
  gpointer      user_data;

  /* Template children */
  GtkLabel     *explanation_label;
  GtkGrid      *fields_grid;
  GtkLabel     *message_label;
  GtkButton    *accept_button;
};

G_DEFINE_FINAL_TYPE (RctInputDialog, rct_input_dialog, GTK_TYPE_WINDOW)

static char *
input_text (GtkWidget *input)
{
  if (GTK_IS_TEXT_VIEW (input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (GTK_IS_DROP_DOWN (input))
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (input));
      return g_strdup (item != NULL ? gtk_string_object_get_string (item) : "");
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
}

static void
accept_cb (RctInputDialog *self)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *message = NULL;

  for (guint i = 0; i < self->inputs->len; i++)
    g_ptr_array_add (values, input_text (g_ptr_array_index (self->inputs, i)));
  g_ptr_array_add (values, NULL);
  if (!self->done (self->owner, (const char * const *) values->pdata, self->user_data, &message))
    {
      gtk_label_set_text (self->message_label, message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
suggestion_cb (GtkButton *button,
               GtkEntry  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), gtk_button_get_label (button));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER)));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

/* An entry with a button beside it that offers the usual texts; the one
 * picked goes into the entry, where it can still be changed. */
static GtkWidget *
new_suggesting_entry (const RctInputField *field,
                      GtkWidget          **out_box)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *stripped = g_strdup (field->label);
  g_autofree char *name = NULL;

  /* The mnemonic's underscore is not part of the name a reader hears. */
  g_strdelimit (stripped, "_", ' ');
  g_strstrip (stripped);
  /* Translators: the button beside a field that offers the usual values;
   * %s is the field's label */
  name = g_strdup_printf (_("Usual values for %s"), stripped);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (field->initial != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), field->initial);
  for (guint j = 0; field->choices != NULL && field->choices[j] != NULL; j++)
    {
      GtkWidget *choice = gtk_button_new_with_label (field->choices[j]);

      gtk_widget_add_css_class (choice, "flat");
      gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (choice)), GTK_ALIGN_START);
      g_signal_connect (choice, "clicked", G_CALLBACK (suggestion_cb), entry);
      gtk_box_append (GTK_BOX (list), choice);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), list);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  *out_box = box;
  return entry;
}

static GtkWidget *
add_field (RctInputDialog      *self,
           const RctInputField *field,
           int                  row)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (field->label);
  GtkWidget *input;
  GtkWidget *shown;

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (field->kind == RCT_INPUT_CHOICE)
    {
      input = shown = gtk_drop_down_new_from_strings (field->choices);
      for (guint j = 0; field->initial != NULL && field->choices[j] != NULL; j++)
        if (g_str_equal (field->choices[j], field->initial))
          gtk_drop_down_set_selected (GTK_DROP_DOWN (input), j);
    }
  else if (field->kind == RCT_INPUT_SUGGEST)
    input = new_suggesting_entry (field, &shown);
  else if (field->kind == RCT_INPUT_LONG_TEXT)
    {
      shown = gtk_scrolled_window_new ();
      input = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (input), GTK_WRAP_WORD_CHAR);
      if (field->initial != NULL)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), field->initial, -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (shown), input);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (shown), 80);
      gtk_widget_add_css_class (shown, "frame");
    }
  else
    {
      input = shown = gtk_entry_new ();
      if (field->kind == RCT_INPUT_DATE)
        gtk_entry_set_placeholder_text (GTK_ENTRY (input), _("YYYY-MM-DD"));
      if (field->initial != NULL)
        gtk_editable_set_text (GTK_EDITABLE (input), field->initial);
      gtk_entry_set_activates_default (GTK_ENTRY (input), TRUE);
    }
  gtk_widget_set_hexpand (shown, TRUE);
  /* The mnemonic label names the field, once. */
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), input);
  gtk_grid_attach (self->fields_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->fields_grid, shown, 1, row, 1, 1);
  return input;
}

static void
rct_input_dialog_dispose (GObject *object)
{
  RctInputDialog *self = RCT_INPUT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_INPUT_DIALOG);
  g_clear_object (&self->owner);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  G_OBJECT_CLASS (rct_input_dialog_parent_class)->dispose (object);
}

static void
rct_input_dialog_class_init (RctInputDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_input_dialog_dispose;

  (void) rct_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-input-dialog.ui");
  /* A screen reader says "dialog", and Escape closes it as it closes every
   * other dialog. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, RctInputDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, RctInputDialog, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, RctInputDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, RctInputDialog, accept_button);
  gtk_widget_class_bind_template_callback (widget_class, accept_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rct_input_dialog_init (RctInputDialog *self)
{
  self->inputs = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rct_input_dialog_ask:
 *
 * Shows the question over @owner's window.
 */
void
rct_input_dialog_ask (GtkWidget           *owner,
                      const char          *title,
                      const char          *explanation,
                      const char          *accept_label,
                      const RctInputField *fields,
                      guint                n_fields,
                      RctInputDone         done,
                      gpointer             user_data)
{
  RctInputDialog *self = g_object_new (RCT_TYPE_INPUT_DIALOG, "title", title, NULL);
  GtkRoot *root = gtk_widget_get_root (owner);

  self->owner = g_object_ref (owner);
  self->done = done;
  self->user_data = user_data;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  if (explanation != NULL)
    {
      gtk_label_set_text (self->explanation_label, explanation);
      gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), TRUE);
    }
  for (guint i = 0; i < n_fields; i++)
    g_ptr_array_add (self->inputs, add_field (self, &fields[i], i));
  gtk_button_set_label (self->accept_button, accept_label);
  rct_accessible_tidy_names (GTK_WIDGET (self));
  gtk_window_present (GTK_WINDOW (self));
}
