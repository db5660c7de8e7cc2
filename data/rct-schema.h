/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 'RCTF': PRAGMA application_id of every ledger, so we know our own files. */
#define RCT_SCHEMA_APPLICATION_ID 0x52435446

const char *rct_schema_migration (int to_version);

G_END_DECLS
