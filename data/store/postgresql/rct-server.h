/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Setting up a ledger on the office's PostgreSQL server (`rectify-cli
 * server init`). Built when libpq is found (HAVE_POSTGRESQL). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gboolean created;  /* the schema was made now (FALSE: it was there) */
  int      version;  /* the schema's version */
} RctServerInitResult;

gboolean rct_server_init (const char          *location,
                          RctServerInitResult *out_result,
                          GError             **error);

G_END_DECLS
