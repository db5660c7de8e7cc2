/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RCT_TYPE_TEXT_CELL (rct_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (RctTextCell, rct_text_cell, RCT, TEXT_CELL, GtkWidget)

GtkWidget  *rct_text_cell_new            (void);
void        rct_text_cell_set_text       (RctTextCell *self,
                                          const char  *text);
const char *rct_text_cell_get_text       (RctTextCell *self);
gboolean    rct_text_cell_is_laid_out    (RctTextCell *self);
guint       rct_text_cell_get_n_layouts  (void);

G_END_DECLS
