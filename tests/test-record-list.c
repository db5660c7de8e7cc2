/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rct-clock.h"
#include "rct-record-list.h"
#include "rct-synthetic.h"
#include "rct-test-util.h"

/* The list model behind the big lists: ids from SQL, rows on demand, and
 * items-changed exactly when the rows a view shows change. */

typedef struct
{
  guint position, removed, added, calls, notifies;
  guint removed_sum, both;  /* all rows removed; signals that removed and added at once */
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->calls++;
  changes->removed_sum += removed;
  if (removed > 0 && added > 0)
    changes->both++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Changes    *changes)
{
  changes->notifies++;
}

static void
test_filter_and_sort (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(RctRecordList) list = rct_record_list_new (store, RCT_KIND_PROBLEM);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) first = NULL;
  g_autoptr(RctProblem) last = NULL;
  Changes changes = { 0 };
  RctFilter filter = { 0 };
  gint64 total = rct_test_count_rows (store, RCT_KIND_PROBLEM);

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (notify_cb), &changes);

  g_assert_true (rct_record_list_set_filter (list, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, total);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.added, ==, total);
  g_assert_cmpuint (changes.notifies, ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (first->number, ==, "2021-001");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), total));

  filter.status = "closed";
  filter.sort = "deadline";
  filter.descending = TRUE;
  g_assert_true (rct_record_list_set_filter (list, &filter, &error));
  /* Other rows: all removed, then the new ones added, never in one signal
   * (a GtkSingleSelection would look for its row among every row added). */
  g_assert_cmpuint (changes.calls, ==, 3);
  g_assert_cmpuint (changes.both, ==, 0);
  g_assert_cmpuint (changes.removed_sum, ==, total);
  g_assert_cmpuint (changes.added, ==, rct_store_count (store, RCT_KIND_PROBLEM, &filter, NULL));
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), g_list_model_get_n_items (G_LIST_MODEL (list)) - 1);
  g_assert_cmpstr (first->status, ==, "closed");
  g_assert_cmpint (g_strcmp0 (first->deadline, last->deadline), >=, 0);

  g_clear_object (&list);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_follows_the_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autoptr(RctRecordList) list = rct_record_list_new (store, RCT_KIND_PROBLEM);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) item = NULL;
  g_autoptr(RctProblem) again = NULL;
  Changes changes = { 0 };
  guint n;

  rct_record_list_set_filter (list, NULL, &error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  item = g_list_model_get_item (G_LIST_MODEL (list), 5);  /* 2021-006, rectifying; loads the first page */
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* An edit keeps the rows: no items-changed, the shown record is updated
   * in place and says so through notify. */
  g_signal_connect (item, "notify::category", G_CALLBACK (notify_cb), &changes);
  rct_store_update_va (store, RCT_KIND_PROBLEM, rct_record_get_id (RCT_RECORD (item)), NULL, &error,
                       "category", "作风建设", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.calls, ==, 0);
  g_assert_cmpuint (changes.notifies, ==, 1);
  g_assert_cmpstr (item->category, ==, "作风建设");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  again = g_list_model_get_item (G_LIST_MODEL (list), 5);
  g_assert_true (again == item);

  /* A new problem: the list grows. */
  rct_test_add_problem (store, "交警大队", "2021-05-20", "2021-06-20", "新登记的问题");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n + 1);
  g_assert_cmpuint (rct_record_list_find (list, rct_record_get_id (RCT_RECORD (item))), ==, 5);

  g_clear_object (&list);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
test_pages_on_demand (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(RctRecordList) list = rct_record_list_new (store, RCT_KIND_PROBLEM);
  g_autoptr(GError) error = NULL;

  rct_synthetic_fill (store, 5000, 7, &error);
  g_assert_no_error (error);
  rct_record_list_set_filter (list, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5000);
  /* Walk the whole list: every row comes, in ledger order. */
  {
    g_autofree char *previous = NULL;
    for (guint i = 0; i < 5000; i += 7)
      {
        g_autoptr(RctProblem) problem = g_list_model_get_item (G_LIST_MODEL (list), i);
        g_assert_nonnull (problem);
        if (previous != NULL)
          g_assert_cmpint (g_strcmp0 (previous, problem->number), <, 0);
        g_free (previous);
        previous = g_strdup (problem->number);
      }
  }
  g_clear_object (&list);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

/* A recycling list (the ledger page's): the records handed out keep their
 * positions across a change of rows and take the new rows' values, so a
 * view keeps its row widgets; only the tail is announced. A view that held
 * a record past its cache of pages still sees it change. */
static void
test_recycle (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(RctRecordList) list = rct_record_list_new (store, RCT_KIND_PROBLEM);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) first = NULL;
  g_autoptr(RctProblem) again = NULL;
  g_autoptr(RctProblem) reference = NULL;
  g_autoptr(GArray) ids = NULL;
  Changes changes = { 0 };
  RctFilter filter = { 0 };
  guint all, closed;

  rct_synthetic_fill (store, 3000, 11, &error);
  g_assert_no_error (error);
  rct_record_list_set_recycle (list, TRUE);
  g_assert_true (rct_record_list_set_filter (list, NULL, &error));
  all = g_list_model_get_n_items (G_LIST_MODEL (list));
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  /* Read every page after the first, more than the list keeps: the first
   * page stays, since its record is held. */
  for (guint i = 64; i < all; i += 64)
    {
      g_autoptr(RctProblem) other = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_nonnull (other);
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (first, "notify::number", G_CALLBACK (notify_cb), &changes);

  filter.status = "rectifying";
  g_assert_true (rct_record_list_set_filter (list, &filter, &error));
  closed = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (closed, >, 0);
  g_assert_cmpuint (closed, <, all);
  /* One signal, for the rows past the new end only. */
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, closed);
  g_assert_cmpuint (changes.removed, ==, all - closed);
  g_assert_cmpuint (changes.added, ==, 0);
  /* The same record at position 0, now the first rectifying problem. */
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == first);
  g_assert_cmpstr (first->status, ==, "rectifying");
  g_assert_cmpint (rct_record_get_id (RCT_RECORD (first)), ==, rct_record_list_get_id (list, 0));
  g_assert_cmpuint (changes.notifies, ==, 1);
  ids = rct_store_list_ids (store, RCT_KIND_PROBLEM, &filter, &error);
  g_assert_no_error (error);
  reference = RCT_PROBLEM (rct_store_get (store, RCT_KIND_PROBLEM, g_array_index (ids, gint64, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first->number, ==, reference->number);
  g_assert_cmpstr (first->description, ==, reference->description);
  g_assert_cmpstr (rct_record_get_uuid (RCT_RECORD (first)), ==, rct_record_get_uuid (RCT_RECORD (reference)));

  /* Back to every row: the tail is added, position 0 the first again. */
  g_assert_true (rct_record_list_set_filter (list, NULL, &error));
  g_assert_cmpuint (changes.calls, ==, 2);
  g_assert_cmpuint (changes.position, ==, closed);
  g_assert_cmpuint (changes.added, ==, all - closed);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpint (rct_record_get_id (RCT_RECORD (first)), ==, rct_record_list_get_id (list, 0));

  g_signal_handlers_disconnect_by_data (first, &changes);
  g_clear_object (&list);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

static void
filtered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GError **error = data;

  if (rct_record_list_set_filter_finish (RCT_RECORD_LIST (source), result, error))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "done");  /* marks the end */
}

/* The query in a thread: the list keeps its rows until the answer is put
 * in place, and it is the same answer as the query on the spot; a cancel
 * leaves the list as it was; a commit while the thread reads is seen. */
static void
test_filter_in_a_thread (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_new (&dir);
  g_autoptr(RctRecordList) list = rct_record_list_new (store, RCT_KIND_PROBLEM);
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;
  RctFilter filter = { .search = "派出所", .status = "rectifying" };
  guint all;

  rct_synthetic_fill (store, 3000, 5, &error);
  g_assert_no_error (error);
  g_assert_true (rct_record_list_set_filter (list, NULL, &error));
  all = g_list_model_get_n_items (G_LIST_MODEL (list));

  rct_record_list_set_filter_async (list, &filter, NULL, filtered_cb, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, all);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  expected = rct_store_list_ids (store, RCT_KIND_PROBLEM, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (rct_record_list_get_id (list, i), ==, g_array_index (expected, gint64, i));
  g_assert_cmpstr (rct_record_list_get_filter (list)->search, ==, "派出所");

  /* Cancelled: the list keeps the rows and the filter it had. */
  rct_record_list_set_filter_async (list, NULL, cancellable, filtered_cb, &error);
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  g_assert_cmpstr (rct_record_list_get_filter (list)->search, ==, "派出所");

  /* A problem committed while the thread reads: the answer includes it. */
  rct_record_list_set_filter_async (list, NULL, NULL, filtered_cb, &error);
  rct_test_add_problem (store, "交警大队", "2021-05-20", "2021-06-20", "新登记的问题");
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, all + 1);

  g_clear_object (&list);
  g_clear_object (&store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rct_clock_set_today ("2021-05-20");
  g_test_add_func ("/record-list/filter-and-sort", test_filter_and_sort);
  g_test_add_func ("/record-list/follows-the-store", test_follows_the_store);
  g_test_add_func ("/record-list/pages-on-demand", test_pages_on_demand);
  g_test_add_func ("/record-list/recycle", test_recycle);
  g_test_add_func ("/record-list/filter-in-a-thread", test_filter_in_a_thread);
  return g_test_run ();
}
