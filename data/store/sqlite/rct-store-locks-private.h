/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes SQLite's locks in this process open-file-description locks that no
 * close() of another descriptor of the file can drop (Linux; elsewhere
 * nothing). Once, before the first connection opens. */
void _rct_store_locks_init (void);

G_END_DECLS
