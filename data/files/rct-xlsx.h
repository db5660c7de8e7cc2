/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

gboolean rct_xlsx_available (void);
gboolean rct_xlsx_export    (RctStore         *store,
                             RctKind           kind,
                             const RctFilter  *filter,
                             const char       *path,
                             GError          **error);

G_END_DECLS
