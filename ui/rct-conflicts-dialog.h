/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_CONFLICTS_DIALOG (rct_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RctConflictsDialog, rct_conflicts_dialog, RCT, CONFLICTS_DIALOG, GtkWindow)

RctConflictsDialog *rct_conflicts_dialog_new      (GtkWindow          *parent,
                                                   RctStore           *store);
guint               rct_conflicts_dialog_get_count (RctConflictsDialog *self);
gboolean            rct_conflicts_dialog_choose   (RctConflictsDialog *self,
                                                   const char         *conflict_uuid,
                                                   gboolean            keep_theirs);
const char         *rct_conflicts_dialog_get_note (RctConflictsDialog *self);

#define RCT_TYPE_CONFLICTS_BAR (rct_conflicts_bar_get_type ())
G_DECLARE_FINAL_TYPE (RctConflictsBar, rct_conflicts_bar, RCT, CONFLICTS_BAR, GtkWidget)

void                rct_conflicts_bar_set_store   (RctConflictsBar    *self,
                                                   RctStore           *store,
                                                   gboolean            read_only);
guint               rct_conflicts_bar_get_count   (RctConflictsBar    *self);

G_END_DECLS
