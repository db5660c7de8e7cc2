/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The set-up file an office sends a unit, under fuzzing: whatever the
 * bytes, making a unit's ledger from them gives the ledger or one error,
 * and after an error no ledger file is left behind. Built with
 * -fsanitize=fuzzer by build-aux/fuzz.sh; with replay.c by `meson test`. */
#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "rct-report.h"
#include "rct-test-util.h"
#include "replay.h"

static char *folder;
static guint made;
static gboolean left_behind;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autofree char *input = NULL;
  g_autofree char *ledger = NULL;

  if (folder == NULL)
    folder = rct_test_make_dir ();
  input = g_build_filename (folder, "设置 文件.xml", NULL);
  ledger = g_build_filename (folder, "单位 台账.db", NULL);
  g_assert_true (g_file_set_contents (input, (const char *) data, (gssize) size, NULL));
  store = rct_setup_create_ledger (input, ledger, NULL, NULL, &error);
  if (store == NULL)
    {
      g_assert_nonnull (error);
      if (g_file_test (ledger, G_FILE_TEST_EXISTS))
        left_behind = TRUE;
    }
  else
    {
      g_assert_no_error (error);
      g_assert_true (rct_store_check (store, NULL));
      made++;
      rct_store_close (store);
      g_clear_object (&store);
    }
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix == '\0' ? "-wal" : *suffix == 'w' ? "-shm" : NULL)
    {
      g_autofree char *name = g_strconcat (ledger, suffix, NULL);
      g_remove (name);
    }
  return 0;
}

gboolean
fuzz_replay_finish (void)
{
  printf ("# %u ledgers made from the corpus\n", made);
  if (left_behind)
    printf ("# a refused set-up left a ledger file behind\n");
  if (folder != NULL)
    rct_test_remove_dir (folder);
  return !left_behind && made >= 1;
}
