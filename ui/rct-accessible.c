/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-accessible"

#include "config.h"

#include "rct-accessible.h"

/* One accessible name for every control. GTK 4.8 joins a widget's label
 * property and the labels it is labelled by: a button with a mnemonic
 * ("_New Problem") was read as "_New Problem New Problem", since the
 * button keeps its raw label as its label property and its mnemonic label
 * also labels it. The label relation alone names it once, without the
 * underscore.
 *
 * Some controls are made of others that have no name of their own: the
 * toggle inside a drop-down, the list inside a column view. Each is
 * labelled by the control it is part of, so it reads as that control
 * does. */

static void
tidy_button (GtkWidget *widget)
{
  gboolean mnemonic = FALSE;

  if (GTK_IS_BUTTON (widget))
    mnemonic = gtk_button_get_use_underline (GTK_BUTTON (widget)) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL;
  else if (GTK_IS_CHECK_BUTTON (widget))
    mnemonic = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) &&
               gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL;
  if (!mnemonic)
    return;
  gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  /* A check button's label is not its mnemonic label in GTK 4.8: name it
   * by the label it shows. */
  if (GTK_IS_CHECK_BUTTON (widget))
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_LABEL (child))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL, -1);
}

static void
tidy_parts (GtkWidget *widget)
{
  GType part;
  GList *labels;
  GtkWidget *label;

  if (GTK_IS_DROP_DOWN (widget))
    part = GTK_TYPE_TOGGLE_BUTTON;
  else if (GTK_IS_COLUMN_VIEW (widget))
    part = GTK_TYPE_LIST_VIEW;
  else
    return;
  /* GTK 4.8 reads only the label property of a control that labels
   * another: a control named by its mnemonic label passes that label on. */
  labels = gtk_widget_list_mnemonic_labels (widget);
  label = labels != NULL ? labels->data : widget;
  g_list_free (labels);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, part))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
}

/**
 * rct_accessible_tidy_names:
 * @root: a window or a part of one, once built
 *
 * Gives each button with a mnemonic one accessible name, its label
 * without the underscore, and the parts of drop-downs and column views
 * the name of the control they are part of.
 */
void
rct_accessible_tidy_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  tidy_button (root);
  tidy_parts (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    rct_accessible_tidy_names (child);
}
