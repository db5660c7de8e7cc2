/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-input-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-input-dialog.h"

/* A small modal window that asks for what a workflow step needs (a reason,
 * who verified, a new date) and hands the answers back. GtkDialog is on its
 * way out of GTK, so this is a plain transient window with its own buttons. */

typedef struct
{
  GtkWidget    *owner;
  GtkWindow    *window;
  GPtrArray    *inputs;   /* GtkEditable, GtkTextView or GtkDropDown */
  GtkLabel     *message;
  RctInputDone  done;
  gpointer      user_data;
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_object (&ask->owner);
  g_ptr_array_unref (ask->inputs);
  g_free (ask);
}

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
accept_cb (GtkButton *button,
           Ask       *ask)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ask->inputs->len; i++)
    g_ptr_array_add (values, input_text (g_ptr_array_index (ask->inputs, i)));
  g_autofree char *message = NULL;

  g_ptr_array_add (values, NULL);
  if (!ask->done (ask->owner, (const char * const *) values->pdata, ask->user_data, &message))
    {
      gtk_label_set_text (ask->message, message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (ask->message), TRUE);
      return;
    }
  gtk_window_destroy (ask->window);
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
  gtk_widget_set_hexpand (entry, TRUE);
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
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  *out_box = box;
  return entry;
}

static void
cancel_cb (GtkButton *button,
           Ask       *ask)
{
  gtk_window_destroy (ask->window);
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
  Ask *ask = g_new0 (Ask, 1);
  GtkWidget *box, *grid, *buttons, *cancel, *accept;
  GtkRoot *root = gtk_widget_get_root (owner);

  ask->owner = g_object_ref (owner);
  ask->inputs = g_ptr_array_new ();
  ask->done = done;
  ask->user_data = user_data;
  ask->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (ask->window, title);
  gtk_window_set_modal (ask->window, TRUE);
  gtk_window_set_default_size (ask->window, 420, -1);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (ask->window, GTK_WINDOW (root));
  g_object_set_data_full (G_OBJECT (ask->window), "rct-ask", ask, (GDestroyNotify) ask_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  if (explanation != NULL)
    {
      GtkWidget *label = gtk_label_new (explanation);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
    }
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *label = gtk_label_new_with_mnemonic (fields[i].label);
      GtkWidget *input;

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      if (fields[i].kind == RCT_INPUT_CHOICE)
        {
          input = gtk_drop_down_new_from_strings (fields[i].choices);
          for (guint j = 0; fields[i].initial != NULL && fields[i].choices[j] != NULL; j++)
            if (g_str_equal (fields[i].choices[j], fields[i].initial))
              gtk_drop_down_set_selected (GTK_DROP_DOWN (input), j);
          gtk_widget_set_hexpand (input, TRUE);
          gtk_grid_attach (GTK_GRID (grid), input, 1, i, 1, 1);
        }
      else if (fields[i].kind == RCT_INPUT_SUGGEST)
        {
          GtkWidget *row;

          input = new_suggesting_entry (&fields[i], &row);
          gtk_grid_attach (GTK_GRID (grid), row, 1, i, 1, 1);
        }
      else if (fields[i].kind == RCT_INPUT_LONG_TEXT)
        {
          GtkWidget *scrolled = gtk_scrolled_window_new ();
          input = gtk_text_view_new ();
          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (input), GTK_WRAP_WORD_CHAR);
          if (fields[i].initial != NULL)
            gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), fields[i].initial, -1);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), input);
          gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
          gtk_widget_set_hexpand (scrolled, TRUE);
          gtk_widget_add_css_class (scrolled, "frame");
          gtk_grid_attach (GTK_GRID (grid), scrolled, 1, i, 1, 1);
        }
      else
        {
          input = gtk_entry_new ();
          gtk_widget_set_hexpand (input, TRUE);
          if (fields[i].kind == RCT_INPUT_DATE)
            gtk_entry_set_placeholder_text (GTK_ENTRY (input), _("YYYY-MM-DD"));
          if (fields[i].initial != NULL)
            gtk_editable_set_text (GTK_EDITABLE (input), fields[i].initial);
          gtk_entry_set_activates_default (GTK_ENTRY (input), TRUE);
          gtk_grid_attach (GTK_GRID (grid), input, 1, i, 1, 1);
        }
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), input);
      gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (GTK_LABEL (label)), -1);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      g_ptr_array_add (ask->inputs, input);
    }
  gtk_box_append (GTK_BOX (box), grid);
  ask->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (ask->message, TRUE);
  gtk_label_set_xalign (ask->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (ask->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (ask->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->message));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  accept = gtk_button_new_with_mnemonic (accept_label);
  gtk_widget_add_css_class (accept, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), accept);
  gtk_box_append (GTK_BOX (box), buttons);
  g_signal_connect (cancel, "clicked", G_CALLBACK (cancel_cb), ask);
  g_signal_connect (accept, "clicked", G_CALLBACK (accept_cb), ask);
  gtk_window_set_default_widget (ask->window, accept);

  gtk_window_set_child (ask->window, box);
  gtk_window_present (ask->window);
}
