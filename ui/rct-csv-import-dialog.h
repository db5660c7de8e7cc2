/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-csv.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_CSV_IMPORT_DIALOG (rct_csv_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RctCsvImportDialog, rct_csv_import_dialog, RCT, CSV_IMPORT_DIALOG, GtkWindow)

RctCsvImportDialog *rct_csv_import_dialog_new         (GtkWindow          *parent,
                                                       RctStore           *store,
                                                       GSettings          *settings,
                                                       const char         *path,
                                                       GError            **error);
void                rct_csv_import_dialog_set_field   (RctCsvImportDialog *self,
                                                       guint               column,
                                                       const char         *field);
const char         *rct_csv_import_dialog_get_field   (RctCsvImportDialog *self,
                                                       guint               column);
guint               rct_csv_import_dialog_check       (RctCsvImportDialog *self);
gboolean rct_csv_import_dialog_is_checking (RctCsvImportDialog *self);
gboolean            rct_csv_import_dialog_import      (RctCsvImportDialog *self,
                                                       gboolean            only_good_rows);
gboolean            rct_csv_import_dialog_is_importing (RctCsvImportDialog *self);
void                rct_csv_import_dialog_stop        (RctCsvImportDialog *self);
const char         *rct_csv_import_dialog_get_message (RctCsvImportDialog *self);
guint               rct_csv_import_dialog_get_imported (RctCsvImportDialog *self);

G_END_DECLS
