/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  RCT_FILE_CHOOSER_OPEN,
  RCT_FILE_CHOOSER_SAVE,
} RctFileChooserMode;

/* What the file holds: its filter is shown first, "All files" after it. */
typedef enum
{
  RCT_FILE_KIND_LEDGER,
  RCT_FILE_KIND_REPORT,
  RCT_FILE_KIND_PDF,
  RCT_FILE_KIND_CSV,
  RCT_FILE_KIND_XLSX,
  RCT_FILE_KIND_SETUP,   /* the set-up file an office sends a unit */
  RCT_FILE_KIND_ANY,
} RctFileKind;

void        rct_file_chooser_choose_async  (GtkWindow           *parent,
                                            RctFileChooserMode   mode,
                                            RctFileKind          kind,
                                            const char          *title,
                                            const char          *accept_label,
                                            const char          *initial_name,
                                            const char          *initial_folder,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GFile      *rct_file_chooser_choose_finish (GAsyncResult        *result,
                                            GError             **error);
GListModel *rct_file_chooser_filters       (RctFileKind          kind);
char       *rct_file_chooser_name_for      (const char          *title,
                                            const char          *fallback,
                                            const char          *extension);

G_END_DECLS
