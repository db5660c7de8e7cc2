/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-list-export.h"
#include "rct-test-util.h"

/* A list exported in a thread, on a connection of its own: the same file
 * the window's export wrote on its thread; cancelled, it leaves the ledger
 * and a file already at the destination as they were, and no partial file
 * beside it. */

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

static void
test_writes_the_list (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *dest = g_build_filename (dir, "已销号 问题.csv", NULL);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  gsize length;
  RctFilter filter = { .status = "closed" };

  rct_csv_export (store, RCT_KIND_PROBLEM, &filter, out, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  expected = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  rct_list_export_async (rct_store_get_path (store), RCT_KIND_PROBLEM, &filter, dest, FALSE, NULL,
                         done_cb, &result);
  g_assert_true (rct_list_export_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (dest, &written, &length, NULL));
  g_assert_cmpmem (written, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  rct_test_remove_dir (dir);
}

static void
test_cancelled (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *dest = g_build_filename (dir, "问题 清单.csv", NULL);
  g_autofree char *partial = g_strconcat (dest, ".partial", NULL);
  g_autofree char *ledger_sum = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  rct_store_close (store);
  ledger_sum = rct_test_file_checksum (rct_store_get_path (store));
  g_assert_true (g_file_set_contents (dest, "上一次的导出", -1, NULL));

  for (guint xlsx = 0; xlsx < 2; xlsx++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      g_cancellable_cancel (cancellable);
      rct_list_export_async (rct_store_get_path (store), RCT_KIND_PROBLEM, NULL, dest, xlsx, cancellable,
                             done_cb, &result);
      g_assert_false (rct_list_export_finish (wait_for (&result), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_cancellable_reset (cancellable);
    }

  /* Cancelled while it runs: from inside the job's first write. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    rct_list_export_async (rct_store_get_path (store), RCT_KIND_PROBLEM, NULL, dest, FALSE, cancellable,
                           done_cb, &result);
    while (!g_file_test (partial, G_FILE_TEST_EXISTS) && result == NULL)
      g_main_context_iteration (NULL, FALSE);
    g_cancellable_cancel (cancellable);
    wait_for (&result);
    /* Either it was quicker than the cancel and wrote the file whole, or
     * it left everything as it was. */
    if (!rct_list_export_finish (result, &error))
      {
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
        g_assert_true (g_file_get_contents (dest, &kept, NULL, NULL));
        g_assert_cmpstr (kept, ==, "上一次的导出");
      }
  }

  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  {
    g_autofree char *after = rct_test_file_checksum (rct_store_get_path (store));
    g_assert_cmpstr (after, ==, ledger_sum);
  }
  rct_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rct_clock_set_today ("2021-05-20");
  g_test_add_func ("/list-export/writes-the-list", test_writes_the_list);
  g_test_add_func ("/list-export/cancelled-leaves-all-as-it-was", test_cancelled);
  return g_test_run ();
}
