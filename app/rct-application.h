/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RCT_TYPE_APPLICATION (rct_application_get_type ())
G_DECLARE_FINAL_TYPE (RctApplication, rct_application, RCT, APPLICATION, GtkApplication)

RctApplication *rct_application_new (GApplicationFlags flags);

G_END_DECLS
