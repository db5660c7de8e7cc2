/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_RECORD_LIST (rct_record_list_get_type ())
G_DECLARE_FINAL_TYPE (RctRecordList, rct_record_list, RCT, RECORD_LIST, GObject)

RctRecordList   *rct_record_list_new         (RctStore         *store,
                                              RctKind           kind);
RctStore        *rct_record_list_get_store   (RctRecordList    *self);
RctKind          rct_record_list_get_kind    (RctRecordList    *self);
gboolean         rct_record_list_set_filter  (RctRecordList    *self,
                                              const RctFilter  *filter,
                                              GError          **error);
const RctFilter *rct_record_list_get_filter  (RctRecordList    *self);
gboolean         rct_record_list_refresh     (RctRecordList    *self,
                                              GError          **error);
void             rct_record_list_set_filter_async  (RctRecordList       *self,
                                                    const RctFilter     *filter,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         rct_record_list_set_filter_finish (RctRecordList       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             rct_record_list_set_recycle (RctRecordList    *self,
                                              gboolean          recycle);
guint            rct_record_list_find        (RctRecordList    *self,
                                              gint64            id);
gint64           rct_record_list_get_id      (RctRecordList    *self,
                                              guint             position);
void             rct_filter_copy_into        (RctFilter        *dest,
                                              const RctFilter  *src);
void             rct_filter_clear            (RctFilter        *filter);

G_END_DECLS
