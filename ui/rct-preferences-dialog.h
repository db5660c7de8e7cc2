/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RCT_TYPE_PREFERENCES_DIALOG (rct_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RctPreferencesDialog, rct_preferences_dialog, RCT, PREFERENCES_DIALOG, GtkWindow)

GtkWidget *rct_preferences_dialog_new (GtkWindow *parent);

G_END_DECLS
