/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store-private.h"

G_BEGIN_DECLS

/* One row of a figures query, read into @user_data (the figures). */
typedef void (*RctFiguresRowFunc) (RctStmt *stmt,
                                   gpointer user_data);

gboolean _rct_figures_each_row (RctStore           *store,
                                RctStmt            *stmt,
                                RctFiguresRowFunc   row,
                                gpointer            user_data,
                                GError            **error);
gboolean _rct_figures_one_row  (RctStore           *store,
                                RctStmt            *stmt,
                                RctFiguresRowFunc   row,
                                gpointer            user_data,
                                GError            **error);

G_END_DECLS
