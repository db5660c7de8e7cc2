/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-accessible"

#include "config.h"

#include "rct-accessible.h"

/* One accessible name for every control. GTK 4.8 joins a widget's label
 * property and the labels it is labelled by: a button with a mnemonic
 * ("_New Problem") was read as "_New Problem New Problem", since the
 * button keeps its raw label as its label property and its mnemonic label
 * also labels it. The label relation alone names it once, without the
 * underscore. */

static void
tidy_button (GtkWidget *widget)
{
  gboolean mnemonic = FALSE;

  if (GTK_IS_BUTTON (widget))
    mnemonic = gtk_button_get_use_underline (GTK_BUTTON (widget)) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL;
  else if (GTK_IS_CHECK_BUTTON (widget))
    mnemonic = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) &&
               gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL;
  if (mnemonic)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * rct_accessible_tidy_names:
 * @root: a window or a part of one, once built
 *
 * Gives each button with a mnemonic one accessible name, its label
 * without the underscore.
 */
void
rct_accessible_tidy_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  tidy_button (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    rct_accessible_tidy_names (child);
}
