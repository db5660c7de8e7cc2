/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  RCT_FILE_CHOOSER_OPEN,
  RCT_FILE_CHOOSER_SAVE,
} RctFileChooserMode;

void   rct_file_chooser_choose_async  (GtkWindow           *parent,
                                       RctFileChooserMode   mode,
                                       const char          *title,
                                       const char          *accept_label,
                                       const char          *initial_name,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GFile *rct_file_chooser_choose_finish (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
