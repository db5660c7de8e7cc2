/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_SETUP_PAGE (rct_setup_page_get_type ())
G_DECLARE_FINAL_TYPE (RctSetupPage, rct_setup_page, RCT, SETUP_PAGE, GtkWidget)

GtkWidget  *rct_setup_page_new            (void);
void        rct_setup_page_set_store      (RctSetupPage *self,
                                           RctStore     *store,
                                           gboolean      read_only);
GtkListBox *rct_setup_page_get_list       (RctSetupPage *self,
                                           RctKind       kind);
void        rct_setup_page_run_assistant  (RctSetupPage *self);
const char *rct_setup_page_get_message    (RctSetupPage *self);
gboolean    rct_setup_page_export_setup   (RctSetupPage *self,
                                           gint64        unit_id,
                                           const char   *code,
                                           const char   *path);

G_END_DECLS
