/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_TASK_DETAIL (rct_task_detail_get_type ())
G_DECLARE_FINAL_TYPE (RctTaskDetail, rct_task_detail, RCT, TASK_DETAIL, GtkWidget)

void     rct_task_detail_set_store     (RctTaskDetail *self,
                                        RctStore      *store);
void     rct_task_detail_set_read_only (RctTaskDetail *self,
                                        gboolean       read_only);
void     rct_task_detail_show_task     (RctTaskDetail *self,
                                        gint64         task_id);
void     rct_task_detail_new_task      (RctTaskDetail *self,
                                        const char    *group_name);
gint64   rct_task_detail_get_task_id   (RctTaskDetail *self);

G_END_DECLS
