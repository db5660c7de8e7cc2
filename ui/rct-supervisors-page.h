/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-record-list.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_SUPERVISORS_PAGE (rct_supervisors_page_get_type ())
G_DECLARE_FINAL_TYPE (RctSupervisorsPage, rct_supervisors_page, RCT, SUPERVISORS_PAGE, GtkWidget)

GtkWidget     *rct_supervisors_page_new              (void);
void           rct_supervisors_page_set_store        (RctSupervisorsPage *self,
                                                      RctStore           *store,
                                                      gboolean            read_only);
void           rct_supervisors_page_bind_settings    (RctSupervisorsPage *self,
                                                      GSettings          *settings);
void           rct_supervisors_page_set_search       (RctSupervisorsPage *self,
                                                      const char         *text);
void           rct_supervisors_page_set_filter       (RctSupervisorsPage *self,
                                                      const RctFilter    *filter);
RctRecordList *rct_supervisors_page_get_feedback     (RctSupervisorsPage *self);
gboolean       rct_supervisors_page_select_supervisor (RctSupervisorsPage *self,
                                                       gint64              supervisor_id);
gboolean       rct_supervisors_page_select_feedback  (RctSupervisorsPage *self,
                                                      gint64              feedback_id);
gint64         rct_supervisors_page_get_selected_feedback (RctSupervisorsPage *self);
const char    *rct_supervisors_page_get_message      (RctSupervisorsPage *self);
char          *rct_supervisors_page_dup_supervisor_summary (RctSupervisorsPage *self,
                                                            gint64              supervisor_id);

G_END_DECLS
