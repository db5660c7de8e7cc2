/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rct_accessible_tidy_names (GtkWidget *root);

G_END_DECLS
