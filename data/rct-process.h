/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64    rct_process_get_id      (void);
gboolean  rct_process_is_running  (gint64 pid);
char     *rct_process_get_host    (void);

G_END_DECLS
