/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RCT_TYPE_BAR_CHART (rct_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (RctBarChart, rct_bar_chart, RCT, BAR_CHART, GtkWidget)

GtkWidget *rct_bar_chart_new        (void);
void       rct_bar_chart_clear      (RctBarChart *self);
void       rct_bar_chart_add        (RctBarChart *self,
                                     const char  *label,
                                     double       total,
                                     double       done,
                                     double       alert,
                                     const char  *value_text);
guint      rct_bar_chart_get_n_bars (RctBarChart *self);
const char *rct_bar_chart_get_label (RctBarChart *self,
                                     guint        index);
void       rct_bar_chart_activate   (RctBarChart *self,
                                     guint        index);

G_END_DECLS
