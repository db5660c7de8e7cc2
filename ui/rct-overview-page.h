/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-figures.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_OVERVIEW_PAGE (rct_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (RctOverviewPage, rct_overview_page, RCT, OVERVIEW_PAGE, GtkWidget)

GtkWidget        *rct_overview_page_new            (void);
void              rct_overview_page_set_store      (RctOverviewPage *self,
                                                    RctStore        *store);
void              rct_overview_page_refresh        (RctOverviewPage *self);
void              rct_overview_page_set_scope      (RctOverviewPage *self,
                                                    const char      *from,
                                                    const char      *to,
                                                    const char * const *units);
gboolean          rct_overview_page_is_counting  (RctOverviewPage *self);
const RctFigures *rct_overview_page_get_figures    (RctOverviewPage *self);
const char       *rct_overview_page_get_value_text (RctOverviewPage *self,
                                                    const char      *figure);
void              rct_overview_page_activate_figure (RctOverviewPage *self,
                                                     const char      *figure);
void              rct_overview_page_activate_unit  (RctOverviewPage *self,
                                                    guint            index);
char             *rct_overview_dup_reminder        (const RctFigures *figures);
const char       *rct_overview_page_get_study_text (RctOverviewPage *self);
const char       *rct_overview_page_get_supervision_text (RctOverviewPage *self);
GtkWidget        *rct_overview_page_get_study_button (RctOverviewPage *self);

G_END_DECLS
