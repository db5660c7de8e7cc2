/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-window.h"

G_BEGIN_DECLS

void rct_bench_attach (RctWindow  *window);
void rct_bench_mark   (GtkWidget  *widget,
                       const char *what);
void rct_bench_phase  (const char *name);

G_END_DECLS
