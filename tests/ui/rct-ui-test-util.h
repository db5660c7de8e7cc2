/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the window tests share. */

/* The shown top-level window titled @title (a dialog), or NULL. */
GtkWindow *rct_ui_test_find_window (const char *title);

G_END_DECLS
