/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the window tests share. */

/* The shown top-level window titled @title (a dialog), or NULL. */
GtkWindow *rct_ui_test_find_window (const char *title);

/* Sets the text of input @i of @dialog (its entries, text views and
 * drop-downs, in their order); a drop-down picks the item shown as @text. */
void        rct_ui_test_set_text     (GtkWindow  *dialog,
                                      guint       i,
                                      const char *text);
/* Clicks the button labelled @label in @dialog and lets it work. */
void        rct_ui_test_click        (GtkWindow  *dialog,
                                      const char *label);
/* The message @dialog shows in its error line, or NULL. */
const char *rct_ui_test_error_text   (GtkWindow  *dialog);

G_END_DECLS
