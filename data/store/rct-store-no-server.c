/* SPDX-License-Identifier: GPL-3.0-or-later */
/* librectify-core's answer to which backend holds a server's ledger: none.
 * The small rectify-cli reads only ledger files; a server's ledger goes
 * through the commands' module, which has rct-store-server.c and libpq. */

#include "config.h"

#include "rct-store-backend.h"

const RctStoreBackend *
_rct_store_server_backend (void)
{
  return NULL;
}
