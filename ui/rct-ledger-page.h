/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-record-list.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_LEDGER_PAGE (rct_ledger_page_get_type ())
G_DECLARE_FINAL_TYPE (RctLedgerPage, rct_ledger_page, RCT, LEDGER_PAGE, GtkWidget)

GtkWidget     *rct_ledger_page_new            (void);
void           rct_ledger_page_set_store      (RctLedgerPage    *self,
                                               RctStore         *store,
                                               gboolean          read_only);
void           rct_ledger_page_set_search     (RctLedgerPage    *self,
                                               const char       *text);
void           rct_ledger_page_set_filter     (RctLedgerPage    *self,
                                               const RctFilter  *filter);
const RctFilter *rct_ledger_page_get_filter   (RctLedgerPage    *self);
void           rct_ledger_page_bind_settings  (RctLedgerPage    *self,
                                               GSettings        *settings);
RctRecordList *rct_ledger_page_get_list       (RctLedgerPage    *self);
guint          rct_ledger_page_get_count      (RctLedgerPage    *self);
gboolean       rct_ledger_page_is_exporting   (RctLedgerPage    *self);
gboolean       rct_ledger_page_is_filtering   (RctLedgerPage    *self);
gboolean       rct_ledger_page_is_growing     (RctLedgerPage    *self);
guint          rct_ledger_page_get_n_shown    (RctLedgerPage    *self);
void           rct_ledger_page_set_threaded_above (RctLedgerPage *self,
                                                   guint          problems);
const char    *rct_ledger_page_get_count_text (RctLedgerPage    *self);
const char    *rct_ledger_page_get_empty_text (RctLedgerPage    *self);
gboolean       rct_ledger_page_is_narrow      (RctLedgerPage    *self);
gboolean       rct_ledger_page_select_problem (RctLedgerPage    *self,
                                               gint64            problem_id);
gint64         rct_ledger_page_get_selected_id (RctLedgerPage   *self);
const char    *rct_ledger_page_get_message    (RctLedgerPage    *self);
const char    *rct_ledger_page_get_hint       (RctLedgerPage    *self);
char          *rct_ledger_page_dup_history    (RctLedgerPage    *self);
GtkWidget     *rct_ledger_page_get_detail     (RctLedgerPage    *self);
void           rct_ledger_page_sort_by        (RctLedgerPage    *self,
                                               const char       *column,
                                               gboolean          descending);

G_END_DECLS
