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
