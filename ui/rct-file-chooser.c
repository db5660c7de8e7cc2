/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-file-chooser.h"

/* The one place the window asks for a file: GtkFileDialog from GTK 4.10,
 * GtkFileChooserNative on 4.8 (Debian 12). Both go through the desktop's
 * portal when there is one, so the dialog is the system's on Windows too.
 * Cancelling finishes with G_IO_ERROR_CANCELLED. */

static GListModel *
ledger_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) ledgers = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (ledgers, _("Rectify ledgers"));
  gtk_file_filter_add_pattern (ledgers, "*.db");
  gtk_file_filter_add_pattern (ledgers, "*.sqlite");
  gtk_file_filter_add_pattern (ledgers, "*.sqlite3");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, ledgers);
  g_list_store_append (filters, all);
  return G_LIST_MODEL (filters);
}

#if GTK_CHECK_VERSION (4, 10, 0)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
dialog_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file;

  if (GPOINTER_TO_INT (g_task_get_task_data (task)) == RCT_FILE_CHOOSER_SAVE)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file == NULL)
    {
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, file, g_object_unref);
}

static void
choose (GTask              *task,
        GtkWindow          *parent,
        RctFileChooserMode  mode,
        const char         *title,
        const char         *accept_label,
        const char         *initial_name,
        GCancellable       *cancellable)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = ledger_filters ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, filters);
  if (mode == RCT_FILE_CHOOSER_SAVE)
    {
      if (initial_name != NULL)
        gtk_file_dialog_set_initial_name (dialog, initial_name);
      gtk_file_dialog_save (dialog, parent, cancellable, dialog_done_cb, task);
    }
  else
    gtk_file_dialog_open (dialog, parent, cancellable, dialog_done_cb, task);
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        g_task_return_pointer (task, file, g_object_unref);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                                 _("The chosen location is not a local file."));
    }
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen."));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose (GTask              *task,
        GtkWindow          *parent,
        RctFileChooserMode  mode,
        const char         *title,
        const char         *accept_label,
        const char         *initial_name,
        GCancellable       *cancellable)
{
  GtkFileChooserNative *native;
  g_autoptr(GListModel) filters = ledger_filters ();

  native = gtk_file_chooser_native_new (title, parent,
                                        mode == RCT_FILE_CHOOSER_SAVE ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                                      : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  if (mode == RCT_FILE_CHOOSER_SAVE && initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

/**
 * rct_file_chooser_choose_async:
 * @mode: choose an existing file, or a name to save under
 * @initial_name: (nullable): the name a save dialog proposes
 *
 * Asks for one file; rct_file_chooser_choose_finish() gives it.
 */
void
rct_file_chooser_choose_async (GtkWindow           *parent,
                               RctFileChooserMode   mode,
                               const char          *title,
                               const char          *accept_label,
                               const char          *initial_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, rct_file_chooser_choose_async);
  g_task_set_task_data (task, GINT_TO_POINTER (mode), NULL);
  choose (task, parent, mode, title, accept_label, initial_name, cancellable);
}

/**
 * rct_file_chooser_choose_finish:
 *
 * Returns: (transfer full): the chosen file, or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when the person cancelled)
 */
GFile *
rct_file_chooser_choose_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
