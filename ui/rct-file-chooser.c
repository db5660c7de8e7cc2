/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-file-chooser"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rct-file-chooser.h"

/* The one place the window asks for a file: GtkFileDialog from GTK 4.10,
 * GtkFileChooserNative on 4.8 (Debian 12). Both go through the desktop's
 * portal when there is one, so the dialog is the system's on Windows too.
 * Cancelling finishes with G_IO_ERROR_CANCELLED, and so does the
 * cancellable (the dialog closes).
 *
 * The task's source object is the parent window (it keeps the window
 * alive while the dialog is up); the finish checks the task's tag, not its
 * source, so callers need not know the parent. */

static GtkFileFilter *
filter_new (const char *name,
            ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *pattern;
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, name);
  while ((pattern = va_arg (args, const char *)) != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  va_end (args);
  return filter;
}

/**
 * rct_file_chooser_filters:
 * @kind: what the file holds
 *
 * Returns: (transfer full): the filters a dialog for @kind offers, the
 *   kind's own first (the one shown), then "All files"
 */
GListModel *
rct_file_chooser_filters (RctFileKind kind)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  GtkFileFilter *first = NULL;

  switch (kind)
    {
    case RCT_FILE_KIND_LEDGER:
      first = filter_new (_("Rectify ledgers"), "*.db", "*.sqlite", "*.sqlite3", NULL);
      break;
    case RCT_FILE_KIND_REPORT:
      first = filter_new (_("Supervision reports (XML)"), "*.xml", "*.XML", NULL);
      break;
    case RCT_FILE_KIND_PDF:
      first = filter_new (_("PDF documents"), "*.pdf", "*.PDF", NULL);
      break;
    case RCT_FILE_KIND_CSV:
      first = filter_new (_("Spreadsheets (CSV)"), "*.csv", "*.CSV", "*.txt", NULL);
      break;
    case RCT_FILE_KIND_XLSX:
      first = filter_new (_("Excel workbooks"), "*.xlsx", "*.XLSX", NULL);
      break;
    case RCT_FILE_KIND_SETUP:
      first = filter_new (_("Set-up files (XML)"), "*.xml", "*.XML", NULL);
      break;
    case RCT_FILE_KIND_ANY:
    default:
      break;
    }
  if (first != NULL)
    {
      g_list_store_append (filters, first);
      g_object_unref (first);
    }
  {
    g_autoptr(GtkFileFilter) all = filter_new (_("All files"), "*", NULL);
    g_list_store_append (filters, all);
  }
  return G_LIST_MODEL (filters);
}

/**
 * rct_file_chooser_name_for:
 * @title: (nullable): what the person typed as the document's title
 * @fallback: the name when @title is empty or has nothing usable
 * @extension: the file's extension with its dot, like ".xml"
 *
 * A file name to propose for a document titled @title: the characters a
 * file name cannot hold on Windows or here (/ \ : * ? " < > | and control
 * characters) become spaces, spaces are folded, the name is bounded to 80
 * characters, and @extension is added.
 *
 * Returns: (transfer full): the proposed name
 */
char *
rct_file_chooser_name_for (const char *title,
                           const char *fallback,
                           const char *extension)
{
  g_autoptr(GString) name = g_string_new (NULL);
  glong chars = 0;

  g_return_val_if_fail (fallback != NULL && extension != NULL, NULL);

  if (title != NULL && g_utf8_validate (title, -1, NULL))
    for (const char *p = title; *p && chars < 80; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c < 0x20 || c == 0x7f || strchr ("/\\:*?\"<>|", (int) c) != NULL || g_unichar_isspace (c) ||
            (g_unichar_type (c) == G_UNICODE_CONTROL) || g_unichar_type (c) == G_UNICODE_FORMAT)
          c = ' ';
        if (c == ' ' && (name->len == 0 || name->str[name->len - 1] == ' '))
          continue;
        g_string_append_unichar (name, c);
        chars++;
      }
  while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);
  if (name->len > 0 && name->str[0] == '.')
    g_string_truncate (name, 0);
  if (name->len == 0)
    g_string_assign (name, fallback);
  if (!g_str_has_suffix (name->str, extension))
    g_string_append (name, extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

#if GTK_CHECK_VERSION (4, 10, 0)

/* GDK_VERSION_MAX_ALLOWED is 4.8: the 4.10 API would warn as unavailable. */
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
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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
        RctFileKind         kind,
        const char         *title,
        const char         *accept_label,
        const char         *initial_name,
        GFile              *folder,
        GCancellable       *cancellable)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListModel) filters = rct_file_chooser_filters (kind);
  g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_set_default_filter (dialog, first);
  if (folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);
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

typedef struct
{
  GTask                *task;
  GtkFileChooserNative *native;
  GCancellable         *cancellable;
  gulong                cancelled_id;
} Native;

/* Ends the dialog once, by the person's answer or the cancellable: with
 * @file, else with @error, else as cancelled. */
static void
native_finish (Native *data,
               GFile  *file,
               GError *error)
{
  g_autoptr(GTask) task = data->task;

  if (data->cancelled_id != 0)
    g_signal_handler_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_signal_handlers_disconnect_by_data (data->native, data);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->native));
  g_object_unref (data->native);
  g_free (data);

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen."));
}

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    Native          *data)
{
  GFile *file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      native_finish (data, NULL, NULL);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file == NULL)
    native_finish (data, NULL, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                                            _("The chosen location is not a local file.")));
  else
    native_finish (data, file, NULL);
}

static void
native_cancelled_cb (GCancellable *cancellable,
                     Native       *data)
{
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (data->native));
  native_finish (data, NULL, NULL);
}

static void
choose (GTask              *task,
        GtkWindow          *parent,
        RctFileChooserMode  mode,
        RctFileKind         kind,
        const char         *title,
        const char         *accept_label,
        const char         *initial_name,
        GFile              *folder,
        GCancellable       *cancellable)
{
  g_autoptr(GListModel) filters = rct_file_chooser_filters (kind);
  Native *data;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  data = g_new0 (Native, 1);
  data->task = task;
  data->native = gtk_file_chooser_native_new (title, parent,
                                              mode == RCT_FILE_CHOOSER_SAVE ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                                            : GTK_FILE_CHOOSER_ACTION_OPEN,
                                              accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (data->native), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (data->native), filter);
      if (i == 0)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (data->native), filter);
    }
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (data->native), folder, NULL);
  if (mode == RCT_FILE_CHOOSER_SAVE && initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (data->native), initial_name);
  g_signal_connect (data->native, "response", G_CALLBACK (native_response_cb), data);
  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_signal_connect (cancellable, "cancelled", G_CALLBACK (native_cancelled_cb), data);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->native));
}

#endif

/**
 * rct_file_chooser_choose_async:
 * @mode: choose an existing file, or a name to save under
 * @kind: what the file holds, for the dialog's filters
 * @initial_name: (nullable): the name a save dialog proposes
 * @initial_folder: (nullable): the folder the dialog shows first (the open
 *   ledger's, so it does not start in Recent files or wherever the program
 *   was started); ignored when it is not a folder
 *
 * Asks for one file; rct_file_chooser_choose_finish() gives it.
 */
void
rct_file_chooser_choose_async (GtkWindow           *parent,
                               RctFileChooserMode   mode,
                               RctFileKind          kind,
                               const char          *title,
                               const char          *accept_label,
                               const char          *initial_name,
                               const char          *initial_folder,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, rct_file_chooser_choose_async);
  g_task_set_task_data (task, GINT_TO_POINTER (mode), NULL);
  folder = initial_folder != NULL && g_file_test (initial_folder, G_FILE_TEST_IS_DIR)
           ? g_file_new_for_path (initial_folder) : NULL;
  choose (task, parent, mode, kind, title, accept_label, initial_name, folder, cancellable);
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
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, rct_file_chooser_choose_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
