/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The floor under `rectify-cli stats`: what any program pays that opens a
 * ledger with this system's SQLite and reads one number from it. It opens
 * LEDGER read-only, reads the sum of the running total of problems (one
 * small table), prints it and closes: the start of a process, its
 * libraries loaded, SQLite reading the ledger's schema, one query.
 *
 *   rct-bench-floor LEDGER
 *
 * Built twice (tests/bench/meson.build): rct-bench-floor-sqlite links
 * SQLite alone; rct-bench-floor-glib also links GLib and GObject and
 * starts GObject's type system, as every program of Rectify does (the
 * store is a GObject). With no LEDGER it only starts and ends: the price
 * of the process and its libraries.
 *
 * Not a test: tests/bench/stats-bench times it beside rectify-cli stats
 * and the sqlite3 shell (docs/PERFORMANCE.md). */

#include <stdio.h>

#include <sqlite3.h>
#ifdef RCT_FLOOR_GLIB
#include <glib-object.h>
#endif

int
main (int    argc,
      char **argv)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

#ifdef RCT_FLOOR_GLIB
  /* GObject's type system, started as the store's class needs it. */
  g_type_ensure (G_TYPE_OBJECT);
#endif
  if (argc < 2)
    return 0;
  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "rct-bench-floor: %s\n", db != NULL ? sqlite3_errmsg (db) : "cannot open");
      sqlite3_close (db);
      return 1;
    }
  rc = sqlite3_prepare_v2 (db, "SELECT sum(n) FROM total_problem", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      printf ("%lld\n", (long long) sqlite3_column_int64 (stmt, 0));
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    fprintf (stderr, "rct-bench-floor: %s\n", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rc == SQLITE_DONE ? 0 : 1;
}
