/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

char *_rct_store_record_label (RctKind    kind,
                               RctRecord *record);

G_END_DECLS
