/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The longest file name most file systems take, in bytes. */
#define RCT_SAFE_NAME_MAX_BYTES 255

gboolean  rct_safe_file_name (const char  *name,
                              GError     **error);
char     *rct_safe_label     (const char  *text,
                              guint        max_chars);

G_END_DECLS
