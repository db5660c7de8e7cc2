/* SPDX-License-Identifier: GPL-3.0-or-later */
/* File paths that come from outside: the last ledger GSettings remembers,
 * a path in a recent-files list, an argument of rectify-cli. Whatever the
 * bytes, opening that path as a ledger (read-only, and for writing when it
 * may be created) and listing its backups returns a store or one error:
 * never a crash, never a wait on a pipe or device. The paths are taken
 * inside a scratch folder that holds a ledger, a folder, a pipe, a note and
 * an empty file, so inputs can name each of them. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <glib/gstdio.h>

#include "rct-backups.h"
#include "rct-store.h"
#include "rct-test-util.h"
#include "replay.h"

static char *folder;

static void
make_folder (void)
{
  g_autofree char *sub = NULL;
  g_autofree char *note = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(RctStore) store = NULL;

  if (folder != NULL)
    return;
  /* A sound ledger, 整改 台账.db, in a folder of its own. */
  store = rct_test_open_new (&folder);
  rct_store_close (store);
  sub = g_build_filename (folder, "文件夹", NULL);
  g_mkdir (sub, 0700);
  note = g_build_filename (folder, "note.db", NULL);
  g_file_set_contents (note, "not a ledger", -1, NULL);
  empty = g_build_filename (folder, "empty.db", NULL);
  g_file_set_contents (empty, "", 0, NULL);
#ifndef G_OS_WIN32
  {
    g_autofree char *pipe = g_build_filename (folder, "pipe.db", NULL);
    mkfifo (pipe, 0600);
  }
#endif
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backups = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *good = NULL;

  make_folder ();
  /* A path as a setting holds it: text up to the first NUL; only
   * names inside the scratch folder, so no input reaches a device. */
  name = g_strndup ((const char *) data, size);
  if (strstr (name, "..") != NULL || size > 512)
    return 0;
  path = g_build_filename (folder, name, NULL);
  backups = g_build_filename (folder, "备份", NULL);

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RctStore) store = rct_store_open (path, pass == 0 ? RCT_STORE_OPEN_READ_ONLY : RCT_STORE_OPEN_DEFAULT,
                                                  &error);

      if (store == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (g_utf8_validate (error->message, -1, NULL) || !g_utf8_validate (path, -1, NULL));
        }
      else
        {
          g_assert_no_error (error);
          rct_store_close (store);
        }
    }
  list = rct_backups_list (path, backups);
  good = rct_backups_newest_good (path, backups);
  g_assert_true (list->len > 0 || good == NULL);
  return 0;
}

gboolean
fuzz_replay_finish (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ledger = NULL;
  g_autoptr(RctStore) store = NULL;
  gboolean ok;

  make_folder ();
  /* The scratch ledger is still sound and still a ledger. */
  ledger = g_build_filename (folder, "整改 台账.db", NULL);
  store = rct_store_open (ledger, RCT_STORE_OPEN_READ_ONLY, &error);
  ok = store != NULL && rct_store_check (store, NULL);
  if (!ok)
    printf ("# the scratch ledger: %s\n", error != NULL ? error->message : "its check failed");
  if (store != NULL)
    rct_store_close (store);
  rct_test_remove_dir (folder);
  g_clear_pointer (&folder, g_free);
  return ok;
}
