/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-merge.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_MERGE_DIALOG (rct_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RctMergeDialog, rct_merge_dialog, RCT, MERGE_DIALOG, GtkWindow)

RctMergeDialog     *rct_merge_dialog_new       (GtkWindow      *parent,
                                                RctStore       *store,
                                                const char     *report_path);
gboolean            rct_merge_dialog_is_busy   (RctMergeDialog *self);
const RctMergePlan *rct_merge_dialog_get_plan  (RctMergeDialog *self);
gboolean            rct_merge_dialog_needs_trust (RctMergeDialog *self);
gboolean            rct_merge_dialog_is_merged (RctMergeDialog *self);
const char         *rct_merge_dialog_get_note  (RctMergeDialog *self);
char               *rct_merge_dialog_dup_counts (const RctMergePlan *plan);
const char         *rct_merge_kind_label       (const char     *kind);
const char         *rct_merge_field_label      (const char     *kind,
                                                const char     *field);

G_END_DECLS
