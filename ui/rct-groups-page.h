/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_GROUPS_PAGE (rct_groups_page_get_type ())
G_DECLARE_FINAL_TYPE (RctGroupsPage, rct_groups_page, RCT, GROUPS_PAGE, GtkWidget)

void        rct_groups_page_set_store      (RctGroupsPage *self,
                                            RctStore      *store);
void        rct_groups_page_set_read_only  (RctGroupsPage *self,
                                            gboolean       read_only);
void        rct_groups_page_set_search     (RctGroupsPage *self,
                                            const char    *text);
GListModel *rct_groups_page_get_groups     (RctGroupsPage *self);
GListModel *rct_groups_page_get_tasks      (RctGroupsPage *self);
gboolean    rct_groups_page_select_group   (RctGroupsPage *self,
                                            const char    *name);
gboolean    rct_groups_page_select_task    (RctGroupsPage *self,
                                            gint64         task_id);
gint64      rct_groups_page_get_selected_task_id (RctGroupsPage *self);

G_END_DECLS
