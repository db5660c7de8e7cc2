/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rct-ui-test-util.h"

GtkWindow *
rct_ui_test_find_window (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

static void
collect_inputs (GtkWidget *widget,
                GPtrArray *inputs)
{
  if (GTK_IS_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_DROP_DOWN (widget))
    {
      g_ptr_array_add (inputs, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_inputs (child, inputs);
}

void
rct_ui_test_set_text (GtkWindow  *dialog,
                      guint       i,
                      const char *text)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  GtkWidget *input;

  collect_inputs (GTK_WIDGET (dialog), inputs);
  g_assert_cmpuint (i, <, inputs->len);
  input = g_ptr_array_index (inputs, i);
  if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), text, -1);
  else if (GTK_IS_DROP_DOWN (input))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (input));
      guint n = g_list_model_get_n_items (model);
      guint j;

      for (j = 0; j < n; j++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (model, j);

          if (g_str_equal (gtk_string_object_get_string (item), text))
            break;
        }
      g_assert_cmpuint (j, <, n);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (input), j);
    }
  else
    {
      g_assert_true (GTK_IS_EDITABLE (input));
      gtk_editable_set_text (GTK_EDITABLE (input), text);
    }
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *label)
{
  if (label != NULL && GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  if (label == NULL && GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
rct_ui_test_click (GtkWindow  *dialog,
                   const char *label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

const char *
rct_ui_test_error_text (GtkWindow *dialog)
{
  GtkWidget *label = find_widget (GTK_WIDGET (dialog), NULL);

  return label != NULL && gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}
