/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

/* A store's work stopped by a GCancellable: a worker's count, list or merge
 * on its own connection. Apart from rct-store.c because it is GIO's, and
 * the store's own code links no GIO (`rectify-cli stats`,
 * docs/PERFORMANCE.md); the store calls back through the two hooks set
 * here. */

#include "config.h"

#include <gio/gio.h>

#include "rct-store-backend.h"
#include "rct-store-private.h"

static void
interrupt_cb (GCancellable *cancellable,
              gpointer      data)
{
  RctStore *self = data;

  self->backend->interrupt (self);
}

/* Every statement prepared once the cancellable fired is refused. */
static gboolean
interrupt_stopped (RctStore  *self,
                   GError   **error)
{
  return g_cancellable_set_error_if_cancelled (self->interrupt_cancellable, error);
}

static void
interrupt_off (RctStore *self)
{
  if (self->interrupt_cancellable == NULL)
    return;
  /* Waits for a handler running in another thread. */
  g_cancellable_disconnect (self->interrupt_cancellable, self->interrupt_handler);
  self->interrupt_handler = 0;
  g_clear_object (&self->interrupt_cancellable);
}


/**
 * _rct_store_interrupt_on:
 * @cancellable: (nullable):
 *
 * From now until it closes, the store's work stops when @cancellable is
 * cancelled: the statement running then fails, and so does every one
 * prepared after. For a store of a worker's own (a count, a merge).
 */
void
_rct_store_interrupt_on (RctStore     *self,
                         GCancellable *cancellable)
{
  g_return_if_fail (self->interrupt_cancellable == NULL);
  if (cancellable == NULL || self->backend_data == NULL)
    return;
  self->interrupt_cancellable = g_object_ref (cancellable);
  self->interrupt_handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), self, NULL);
  self->interrupt_stopped = interrupt_stopped;
  self->interrupt_off = interrupt_off;
}

/* After work interrupted by _rct_store_interrupt_on(): when @cancellable
 * was cancelled, @error is G_IO_ERROR_CANCELLED, whatever the statement
 * it stopped said (or nothing, when it had ended already). */
gboolean
_rct_store_error_if_cancelled (GCancellable  *cancellable,
                               GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_clear_error (error);
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

