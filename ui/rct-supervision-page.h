/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_SUPERVISION_PAGE (rct_supervision_page_get_type ())
G_DECLARE_FINAL_TYPE (RctSupervisionPage, rct_supervision_page, RCT, SUPERVISION_PAGE, GtkWidget)

void        rct_supervision_page_set_store      (RctSupervisionPage *self,
                                                 RctStore           *store,
                                                 gboolean            read_only);
gboolean    rct_supervision_page_select_visit   (RctSupervisionPage *self,
                                                 gint64              visit_id);
void        rct_supervision_page_hold_to_account (RctSupervisionPage *self,
                                                  const char         *problem_number);
const char *rct_supervision_page_get_message    (RctSupervisionPage *self);
guint       rct_supervision_page_filter_accountability (RctSupervisionPage *self,
                                                        const char         *kind,
                                                        const char         *unit);

G_END_DECLS
