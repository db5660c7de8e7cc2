/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV reader, the column mapping a person types (or that GSettings
 * remembers) and the problem import under fuzzing. An input whose first
 * line starts with "#map " gives the mapping text on that line; the rest
 * is the CSV file. Whatever the bytes, each step returns an answer or one
 * error; what is imported goes in as bound values, so after every input
 * the ledger still passes its checks and holds all its units and groups.
 * Built with -fsanitize=fuzzer by build-aux/fuzz.sh; with replay.c by
 * `meson test`. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rct-csv.h"
#include "rct-test-util.h"
#include "replay.h"

static RctStore *store;
static char *folder;
static gint64 units;
static gint64 groups;

static RctStore *
demo_store (void)
{
  if (store != NULL)
    return store;
  store = rct_test_open_demo (&folder);
  units = rct_store_count (store, RCT_KIND_UNIT, NULL, NULL);
  groups = rct_store_count (store, RCT_KIND_WORKING_GROUP, NULL, NULL);
  return store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RctCsvTable) table = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *map = NULL;
  size_t skip = 0;

  if (size >= 5 && memcmp (data, "#map ", 5) == 0)
    {
      const uint8_t *end = memchr (data, '\n', size);

      skip = end != NULL ? (size_t) (end - data) + 1 : size;
      map = g_strndup ((const char *) data + 5, skip - 5 - (end != NULL ? 1 : 0));
    }
  bytes = g_bytes_new (data + skip, size - skip);
  table = rct_csv_parse (bytes, &error);
  if (table == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  if (!rct_csv_parse_mapping (map, table, &mapping, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  import = rct_csv_import_problems (demo_store (), table, mapping, TRUE, "fuzz.csv", &error);
  if (import == NULL)
    g_assert_nonnull (error);
  else
    g_assert_cmpuint (import->imported, <=, import->rows);
  return 0;
}

gboolean
fuzz_replay_finish (void)
{
  g_autoptr(GError) error = NULL;
  RctStore *ledger = demo_store ();
  gboolean ok = rct_store_check (ledger, &error);

  if (!ok)
    printf ("# the ledger's check failed: %s\n", error->message);
  /* A field that reads like SQL is kept as the text it is. */
  {
    RctFilter filter = { .search = "DROP TABLE problems" };

    if (rct_store_count (ledger, RCT_KIND_PROBLEM, &filter, NULL) < 1)
      {
        printf ("# the row whose description reads like SQL was not kept as text\n");
        ok = FALSE;
      }
  }
  ok = ok && rct_store_count (ledger, RCT_KIND_UNIT, NULL, NULL) == units &&
       rct_store_count (ledger, RCT_KIND_WORKING_GROUP, NULL, NULL) == groups;
  printf ("# %" G_GINT64_FORMAT " problems in the ledger after the corpus\n",
          rct_store_count (ledger, RCT_KIND_PROBLEM, NULL, NULL));
  rct_store_close (ledger);
  g_clear_object (&store);
  rct_test_remove_dir (folder);
  return ok;
}
