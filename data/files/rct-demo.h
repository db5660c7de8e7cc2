/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

/* The date the demo ledger's deadlines are told against: run with
 * RECTIFY_TODAY=2021-05-20 to see it as the office saw it. */
#define RCT_DEMO_DATE "2021-05-20"

gboolean rct_demo_fill        (RctStore  *store,
                               GError   **error);
gboolean rct_store_seed_empty (RctStore  *store,
                               GError   **error);

/* The working groups most campaigns set up, untranslated (N_()), ending
 * with NULL: what a new ledger starts with and what the window offers. */
extern const char * const rct_usual_group_names[];

G_END_DECLS
