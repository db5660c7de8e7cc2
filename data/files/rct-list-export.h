/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

void     rct_list_export_async  (const char           *ledger_path,
                                 RctKind               kind,
                                 const RctFilter      *filter,
                                 const char           *dest_path,
                                 gboolean              xlsx,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean rct_list_export_finish (GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
