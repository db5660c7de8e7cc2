/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which backend holds a ledger on a server: PostgreSQL's, when this
 * Rectify was built with libpq. Apart from rct-store.c so that
 * librectify-core, which `rectify-cli stats` runs on without libpq, takes
 * rct-store-no-server.c in its place (data/meson.build). */

#include "config.h"

#include "rct-store-backend.h"

const RctStoreBackend *
_rct_store_server_backend (void)
{
#ifdef HAVE_POSTGRESQL
  return &rct_store_backend_postgresql;
#else
  return NULL;
#endif
}
