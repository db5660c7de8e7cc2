/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RCT_TYPE_GREETER (rct_greeter_get_type ())
G_DECLARE_FINAL_TYPE (RctGreeter, rct_greeter, RCT, GREETER, GtkWidget)

G_END_DECLS
