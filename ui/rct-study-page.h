/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-figures-study.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_STUDY_PAGE (rct_study_page_get_type ())
G_DECLARE_FINAL_TYPE (RctStudyPage, rct_study_page, RCT, STUDY_PAGE, GtkWidget)

GtkWidget             *rct_study_page_new            (void);
void                   rct_study_page_set_store      (RctStudyPage *self,
                                                      RctStore     *store,
                                                      gboolean      read_only);
gboolean               rct_study_page_import_file    (RctStudyPage *self,
                                                      RctKind       kind,
                                                      GFile        *file,
                                                      gboolean      only_good_rows);
const char            *rct_study_page_get_message    (RctStudyPage *self);
const RctStudyFigures *rct_study_page_get_figures    (RctStudyPage *self);
gboolean               rct_study_page_select_series  (RctStudyPage *self,
                                                      const char   *name);
char                  *rct_study_page_dup_shown_text (RctStudyPage *self,
                                                      const char   *part);

G_END_DECLS
