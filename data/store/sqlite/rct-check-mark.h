/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *rct_check_mark_stamp   (const char *ledger_path);
gboolean  rct_check_mark_matches (const char *ledger_path);
void      rct_check_mark_record  (const char *ledger_path,
                                  const char *stamp);

G_END_DECLS
