/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-ledger-holder"

#include "config.h"

#include <stdio.h>

#include "rct-store.h"

/* Another running copy, for the window tests: opens the ledger given (so
 * its lock names this process), says "holding", and keeps it open until
 * its standard input closes. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  char buffer[64];

  if (argc != 2)
    {
      g_printerr ("usage: rct-ledger-holder LEDGER\n");
      return 2;
    }
  store = rct_store_open (argv[1], RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("holding\n");
  fflush (stdout);
  while (fgets (buffer, sizeof buffer, stdin) != NULL)
    ;
  return 0;
}
