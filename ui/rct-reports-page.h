/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-official-composer.h"
#include "rct-report.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_REPORTS_PAGE (rct_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (RctReportsPage, rct_reports_page, RCT, REPORTS_PAGE, GtkWidget)

GtkWidget  *rct_reports_page_new          (void);
void        rct_reports_page_set_store    (RctReportsPage *self,
                                           RctStore       *store,
                                           gboolean        read_only);
void        rct_reports_page_set_scope    (RctReportsPage *self,
                                           const char     *from,
                                           const char     *to);
gboolean    rct_reports_page_is_busy      (RctReportsPage *self);
const char *rct_reports_page_get_status   (RctReportsPage *self);
const char *rct_reports_page_get_opened   (RctReportsPage *self);
gboolean    rct_reports_page_is_valid     (RctReportsPage *self);
const char *rct_reports_page_get_signature (RctReportsPage *self);
RctOfficialComposer *rct_reports_page_get_official (RctReportsPage *self);

G_END_DECLS
