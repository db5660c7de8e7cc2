/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-record-list"

#include "config.h"

#include <string.h>

#include "rct-record-list.h"
#include "rct-store-private.h"

/* RctRecordList: a GListModel of the records a filter matches, for lists
 * that may hold a million rows. It keeps only the matching ids, in the
 * order SQL sorted them; records are fetched a page at a time as a view
 * asks for them, and a few pages are kept. Filtering and sorting happen in
 * SQL (RctFilter), never here. When the store commits a change to this kind
 * of record the list reloads: rows that stayed in place are refreshed where
 * a view shows them, a changed set of rows replaces the whole list (or, when
 * the list recycles, takes the places of the rows before it). */

#define PAGE_SIZE 64
#define MAX_PAGES 32

struct _RctRecordList
{
  GObject     parent_instance;

  RctStore   *store;
  RctKind     kind;
  RctFilter   filter;
  GArray     *ids;
  GHashTable *pages;      /* page index -> GPtrArray of RctRecord */
  GQueue      page_order; /* least recently used first */
  gulong      changed_id;
  gboolean    recycle;
  guint       store_changes;  /* commits seen, so a threaded query knows it is stale */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RctRecordList, rct_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_KIND,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The one place items change: also tells bindings that n-items changed. */
static void
items_changed (RctRecordList *self,
               guint          position,
               guint          removed,
               guint          added)
{
  if (removed == 0 && added == 0)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
drop_pages (RctRecordList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

/* Whether a view holds one of the page's records. */
static gboolean
page_in_use (GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    if (G_OBJECT (g_ptr_array_index (records, i))->ref_count > 1)
      return TRUE;
  return FALSE;
}

/* Keeps at most MAX_PAGES, least recently used out first; a recycling list
 * keeps the pages whose records a view still shows, since it changes the
 * shown rows through those very records. */
static void
evict_pages (RctRecordList *self)
{
  GList *link = self->page_order.head;

  while (g_queue_get_length (&self->page_order) > MAX_PAGES && link != NULL)
    {
      GList *next = link->next;
      gpointer page = link->data;

      if (!self->recycle || !page_in_use (g_hash_table_lookup (self->pages, page)))
        {
          g_hash_table_remove (self->pages, page);
          g_queue_delete_link (&self->page_order, link);
        }
      link = next;
    }
}

static GPtrArray *
load_page (RctRecordList *self,
           guint          page)
{
  GPtrArray *records = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  g_autoptr(GError) error = NULL;
  guint start = page * PAGE_SIZE;
  guint count;

  if (records != NULL)
    {
      g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
      return records;
    }

  count = MIN (PAGE_SIZE, self->ids->len - start);
  records = rct_store_fetch (self->store, self->kind, &g_array_index (self->ids, gint64, start), count, &error);
  if (records == NULL)
    {
      g_warning ("Cannot read rows %u–%u: %s", start, start + count, error->message);
      records = g_ptr_array_new_with_free_func (g_object_unref);
    }
  /* A row deleted since the ids were read: keep the positions stable with
   * an empty record until the reload that the deletion triggers. */
  if (records->len != count)
    {
      g_autoptr(GPtrArray) aligned = g_ptr_array_new_full (count, g_object_unref);
      guint j = 0;

      for (guint i = 0; i < count; i++)
        {
          RctRecord *record = j < records->len ? g_ptr_array_index (records, j) : NULL;

          if (record != NULL && rct_record_get_id (record) == g_array_index (self->ids, gint64, start + i))
            {
              g_ptr_array_add (aligned, g_object_ref (record));
              j++;
            }
          else
            g_ptr_array_add (aligned, rct_store_new_record (self->kind));
        }
      g_ptr_array_unref (records);
      records = g_steal_pointer (&aligned);
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), records);
  g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
  evict_pages (self);
  return records;
}

static GType
rct_record_list_get_item_type (GListModel *model)
{
  return RCT_TYPE_RECORD;
}

static guint
rct_record_list_get_n_items (GListModel *model)
{
  return RCT_RECORD_LIST (model)->ids->len;
}

static gpointer
rct_record_list_get_item (GListModel *model,
                          guint       position)
{
  RctRecordList *self = RCT_RECORD_LIST (model);
  GPtrArray *records;

  if (position >= self->ids->len)
    return NULL;
  records = load_page (self, position / PAGE_SIZE);
  if (position % PAGE_SIZE >= records->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (records, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rct_record_list_get_item_type;
  iface->get_n_items = rct_record_list_get_n_items;
  iface->get_item = rct_record_list_get_item;
}

static void
store_changed_cb (RctStore      *store,
                  int            kind,
                  RctRecordList *self)
{
  g_autoptr(GError) error = NULL;

  /* Problems show measure counts, feedback shows the problem's status. */
  if (kind == (int) self->kind ||
      (self->kind == RCT_KIND_PROBLEM && kind == RCT_KIND_MEASURE) ||
      (self->kind == RCT_KIND_FEEDBACK && kind == RCT_KIND_PROBLEM) ||
      (self->kind == RCT_KIND_SUPERVISOR && kind == RCT_KIND_FEEDBACK) ||
      (self->kind == RCT_KIND_WORKING_GROUP && kind == RCT_KIND_TASK))
    {
      self->store_changes++;
      if (!rct_record_list_refresh (self, &error))
        g_warning ("Cannot reload the list: %s", error->message);
    }
}

static void
rct_record_list_dispose (GObject *object)
{
  RctRecordList *self = RCT_RECORD_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rct_record_list_parent_class)->dispose (object);
}

static void
rct_record_list_finalize (GObject *object)
{
  RctRecordList *self = RCT_RECORD_LIST (object);

  drop_pages (self);
  g_hash_table_unref (self->pages);
  g_array_unref (self->ids);
  rct_filter_clear (&self->filter);
  G_OBJECT_CLASS (rct_record_list_parent_class)->finalize (object);
}

static void
rct_record_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RctRecordList *self = RCT_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rct_record_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RctRecordList *self = RCT_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rct_record_list_constructed (GObject *object)
{
  RctRecordList *self = RCT_RECORD_LIST (object);

  G_OBJECT_CLASS (rct_record_list_parent_class)->constructed (object);
  g_return_if_fail (self->store != NULL);
  self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb), self);
}

static void
rct_record_list_class_init (RctRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rct_record_list_dispose;
  object_class->finalize = rct_record_list_finalize;
  object_class->get_property = rct_record_list_get_property;
  object_class->set_property = rct_record_list_set_property;
  object_class->constructed = rct_record_list_constructed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RCT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, RCT_N_KINDS - 1, RCT_KIND_PROBLEM,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rct_record_list_init (RctRecordList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
}

/**
 * rct_record_list_new:
 *
 * An empty list; rct_record_list_set_filter() (a filter of all zeroes for
 * every record) fills it.
 *
 * Returns: (transfer full):
 */
RctRecordList *
rct_record_list_new (RctStore *store,
                     RctKind   kind)
{
  g_return_val_if_fail (RCT_IS_STORE (store), NULL);
  return g_object_new (RCT_TYPE_RECORD_LIST, "store", store, "kind", kind, NULL);
}

RctStore *
rct_record_list_get_store (RctRecordList *self)
{
  g_return_val_if_fail (RCT_IS_RECORD_LIST (self), NULL);
  return self->store;
}

RctKind
rct_record_list_get_kind (RctRecordList *self)
{
  g_return_val_if_fail (RCT_IS_RECORD_LIST (self), RCT_N_KINDS);
  return self->kind;
}

const RctFilter *
rct_record_list_get_filter (RctRecordList *self)
{
  g_return_val_if_fail (RCT_IS_RECORD_LIST (self), NULL);
  return &self->filter;
}

void
rct_filter_clear (RctFilter *filter)
{
  g_free ((char *) filter->status);
  g_free ((char *) filter->unit);
  g_free ((char *) filter->source);
  g_free ((char *) filter->group);
  g_free ((char *) filter->person);
  g_free ((char *) filter->supervisor);
  g_free ((char *) filter->kind);
  g_free ((char *) filter->from);
  g_free ((char *) filter->to);
  g_free ((char *) filter->search);
  g_free ((char *) filter->sort);
  g_free ((char *) filter->severity);
  g_free ((char *) filter->leader);
  memset (filter, 0, sizeof *filter);
}

/* A deep copy, so the list owns the strings of its filter. */
void
rct_filter_copy_into (RctFilter       *dest,
                      const RctFilter *src)
{
  RctFilter copy = *src;

  copy.status = g_strdup (src->status);
  copy.unit = g_strdup (src->unit);
  copy.source = g_strdup (src->source);
  copy.group = g_strdup (src->group);
  copy.person = g_strdup (src->person);
  copy.supervisor = g_strdup (src->supervisor);
  copy.kind = g_strdup (src->kind);
  copy.from = g_strdup (src->from);
  copy.to = g_strdup (src->to);
  copy.search = g_strdup (src->search);
  copy.sort = g_strdup (src->sort);
  copy.severity = g_strdup (src->severity);
  copy.leader = g_strdup (src->leader);
  rct_filter_clear (dest);
  *dest = copy;
}

static gboolean
same_ids (GArray *a,
          GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

/* A recycling list's loaded records take the rows of @ids at their
 * positions, so a view keeps its row widgets and only redraws their
 * values. FALSE, with nothing changed, when a row could not be read. */
static gboolean
recycle_pages (RctRecordList *self,
               GArray        *ids)
{
  g_autoptr(GPtrArray) fresh_pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (GList *link = self->page_order.head; link != NULL; link = link->next)
    g_ptr_array_add (keys, link->data);

  /* Read every page's new rows first: all or nothing. */
  for (guint k = 0; k < keys->len; k++)
    {
      guint start = GPOINTER_TO_UINT (g_ptr_array_index (keys, k)) * PAGE_SIZE;
      guint count = start < ids->len ? MIN (PAGE_SIZE, ids->len - start) : 0;
      GPtrArray *fresh = count > 0 ? rct_store_fetch (self->store, self->kind, &g_array_index (ids, gint64, start),
                                                      count, NULL)
                                   : g_ptr_array_new_with_free_func (g_object_unref);

      if (fresh == NULL || fresh->len != count)
        {
          g_clear_pointer (&fresh, g_ptr_array_unref);
          return FALSE;
        }
      g_ptr_array_add (fresh_pages, fresh);
    }

  for (guint k = 0; k < keys->len; k++)
    {
      gpointer page = g_ptr_array_index (keys, k);
      GPtrArray *records = g_hash_table_lookup (self->pages, page);
      GPtrArray *fresh = g_ptr_array_index (fresh_pages, k);

      if (fresh->len == 0)
        {
          g_hash_table_remove (self->pages, page);
          g_queue_remove (&self->page_order, page);
          continue;
        }
      for (guint i = 0; i < fresh->len; i++)
        {
          if (i < records->len)
            rct_record_become (g_ptr_array_index (records, i), g_ptr_array_index (fresh, i));
          else
            g_ptr_array_add (records, g_object_ref (g_ptr_array_index (fresh, i)));
        }
      if (records->len > fresh->len)
        g_ptr_array_set_size (records, fresh->len);
    }
  return TRUE;
}

/* Puts @ids in place: rows that did not move are refreshed where pages
 * were loaded; a different set of rows replaces the list. */
static void
take_ids (RctRecordList *self,
          GArray        *ids)
{
  guint old_len = self->ids->len;

  if (same_ids (self->ids, ids))
    {
      GHashTableIter iter;
      gpointer key, value;

      /* The same rows: read the loaded ones again and update them in place,
       * so views keep their rows and selection and show the new values. */
      g_array_unref (ids);
      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *records = value;
          guint start = GPOINTER_TO_UINT (key) * PAGE_SIZE;
          g_autoptr(GPtrArray) fresh = rct_store_fetch (self->store, self->kind,
                                                        &g_array_index (self->ids, gint64, start),
                                                        records->len, NULL);

          for (guint i = 0; fresh != NULL && i < records->len && i < fresh->len; i++)
            if (rct_record_get_id (g_ptr_array_index (records, i)) == rct_record_get_id (g_ptr_array_index (fresh, i)))
              rct_record_update_from (g_ptr_array_index (records, i), g_ptr_array_index (fresh, i));
        }
      return;
    }

  if (self->recycle && recycle_pages (self, ids))
    {
      g_array_unref (self->ids);
      self->ids = ids;
      if (old_len > ids->len)
        items_changed (self, ids->len, old_len - ids->len, 0);
      else
        items_changed (self, old_len, 0, ids->len - old_len);
      return;
    }

  /* Removed, then added, in two signals: a GtkSingleSelection whose row is
   * replaced looks for it among every row added in the same signal, one
   * record at a time (seconds at a million rows); removed alone, it just
   * lets go of it, as it would have anyway. */
  g_array_set_size (self->ids, 0);
  drop_pages (self);
  items_changed (self, 0, old_len, 0);
  g_array_unref (self->ids);
  self->ids = ids;
  items_changed (self, 0, 0, ids->len);
}

/**
 * rct_record_list_set_filter:
 * @filter: (nullable): what to show and in which order; %NULL for all
 *
 * Runs the query in SQL and replaces the list's rows.
 */
gboolean
rct_record_list_set_filter (RctRecordList    *self,
                            const RctFilter  *filter,
                            GError          **error)
{
  static const RctFilter everything = { 0 };
  GArray *ids;

  g_return_val_if_fail (RCT_IS_RECORD_LIST (self), FALSE);

  if (filter == NULL)
    filter = &everything;
  ids = rct_store_list_ids (self->store, self->kind, filter, error);
  if (ids == NULL)
    return FALSE;
  if (filter != &self->filter)
    rct_filter_copy_into (&self->filter, filter);
  take_ids (self, ids);
  return TRUE;
}

/* ---- the query in a thread ---- */

typedef struct
{
  char      *ledger_path;
  RctKind    kind;
  RctFilter  filter;
  guint      store_changes;
  GArray    *ids;
} IdsJob;

static void
ids_job_free (IdsJob *job)
{
  g_free (job->ledger_path);
  rct_filter_clear (&job->filter);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static void
ids_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  IdsJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  store = rct_store_open (job->ledger_path, RCT_STORE_OPEN_READ_ONLY | RCT_STORE_OPEN_DEFER_CHECK, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _rct_store_interrupt_on (store, cancellable);
  job->ids = rct_store_list_ids (store, job->kind, &job->filter, &error);
  rct_store_close (store);
  if (_rct_store_error_if_cancelled (cancellable, &error) || job->ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rct_record_list_set_filter_async:
 * @filter: (nullable): what to show and in which order; %NULL for all
 *
 * rct_record_list_set_filter() with its query in a thread, on a read-only
 * connection of its own (a search of a million problems takes a third of
 * a second in SQLite): the list keeps its rows until
 * rct_record_list_set_filter_finish() puts the new ones in place. A cancel
 * interrupts the query inside SQLite and leaves the list as it was.
 */
void
rct_record_list_set_filter_async (RctRecordList       *self,
                                  const RctFilter     *filter,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  static const RctFilter everything = { 0 };
  g_autoptr(GTask) task = NULL;
  IdsJob *job;

  g_return_if_fail (RCT_IS_RECORD_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rct_record_list_set_filter_async);
  job = g_new0 (IdsJob, 1);
  job->ledger_path = g_strdup (rct_store_get_path (self->store));
  job->kind = self->kind;
  job->store_changes = self->store_changes;
  rct_filter_copy_into (&job->filter, filter != NULL ? filter : &everything);
  g_task_set_task_data (task, job, (GDestroyNotify) ids_job_free);
  g_task_run_in_thread (task, ids_thread);
}

/**
 * rct_record_list_set_filter_finish:
 *
 * Puts the rows found in place. Were records of the list's kind committed
 * while the thread read, the query runs again here, so the rows are those
 * of the ledger as it is now.
 *
 * Returns: FALSE with @error set when the query failed or was cancelled
 * (the list unchanged)
 */
gboolean
rct_record_list_set_filter_finish (RctRecordList  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  IdsJob *job;

  g_return_val_if_fail (RCT_IS_RECORD_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (job->store_changes != self->store_changes)
    return rct_record_list_set_filter (self, &job->filter, error);
  rct_filter_copy_into (&self->filter, &job->filter);
  take_ids (self, g_steal_pointer (&job->ids));
  return TRUE;
}

/**
 * rct_record_list_refresh:
 *
 * Runs the list's query again, after the ledger changed.
 */
gboolean
rct_record_list_refresh (RctRecordList  *self,
                         GError        **error)
{
  g_return_val_if_fail (RCT_IS_RECORD_LIST (self), FALSE);
  return rct_record_list_set_filter (self, &self->filter, error);
}

/**
 * rct_record_list_set_recycle:
 * @recycle: whether positions keep their records across a change
 *
 * When the rows change, a recycling list keeps the records it handed out
 * for the positions that remain, and they take the new rows' values (each
 * property notified, the id too); only the positions added or removed at
 * the end are announced. GTK 4.8's list views make every shown row's
 * widgets again for items replaced, which at twelve columns takes a tenth
 * of a second per change; with recycling they only relabel. A view over a
 * recycling list must keep its selection by id, since the record at a
 * position may now be another row (RctLedgerPage does).
 */
void
rct_record_list_set_recycle (RctRecordList *self,
                             gboolean       recycle)
{
  g_return_if_fail (RCT_IS_RECORD_LIST (self));
  self->recycle = recycle;
}

/**
 * rct_record_list_find:
 *
 * Returns: the position of the record with @id, or G_MAXUINT
 */
guint
rct_record_list_find (RctRecordList *self,
                      gint64         id)
{
  g_return_val_if_fail (RCT_IS_RECORD_LIST (self), G_MAXUINT);
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

gint64
rct_record_list_get_id (RctRecordList *self,
                        guint          position)
{
  g_return_val_if_fail (RCT_IS_RECORD_LIST (self), 0);
  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}
