/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

gboolean rct_synthetic_fill (RctStore  *store,
                             guint      n_problems,
                             guint32    seed,
                             GError   **error);

G_END_DECLS
