/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-job-progress.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_CSV_ERROR (rct_csv_error_quark ())

typedef enum
{
  RCT_CSV_ERROR_MALFORMED,
  RCT_CSV_ERROR_MAPPING,
  RCT_CSV_ERROR_ROWS,        /* some rows are bad; see RctCsvImport.problems */
} RctCsvError;

/* One bad row of an import: its line in the file and why. */
typedef struct
{
  guint  line;
  char  *reason;
} RctCsvRowProblem;

typedef struct
{
  guint       rows;        /* data rows read */
  guint       imported;    /* rows written */
  GPtrArray  *problems;    /* RctCsvRowProblem, in line order */
} RctCsvImport;

/* A parsed CSV file: the header and the data rows, each with its line. */
typedef struct
{
  GPtrArray *header;       /* char * */
  GPtrArray *rows;         /* GPtrArray of char * */
  GArray    *lines;        /* guint: the line each row starts on */
} RctCsvTable;

/* Rows done of all, told now and then while an import runs. */
typedef RctProgressFunc RctCsvProgress;

GQuark        rct_csv_error_quark       (void);
gboolean      rct_csv_export            (RctStore          *store,
                                         RctKind            kind,
                                         const RctFilter   *filter,
                                         GOutputStream     *out,
                                         GCancellable      *cancellable,
                                         GError           **error);
const char * const *rct_csv_columns     (RctKind            kind);
const char   *rct_csv_column_label      (const char        *column);
RctCsvTable  *rct_csv_parse             (GBytes            *bytes,
                                         GError           **error);
RctCsvTable  *rct_csv_read_stream       (GInputStream      *in,
                                         GCancellable      *cancellable,
                                         GError           **error);
RctCsvTable  *rct_csv_read_file         (GFile             *file,
                                         GCancellable      *cancellable,
                                         GError           **error);
void          rct_csv_table_free        (RctCsvTable       *table);
GHashTable   *rct_csv_guess_mapping     (RctCsvTable       *table);
gboolean      rct_csv_parse_mapping     (const char        *text,
                                         RctCsvTable       *table,
                                         GHashTable       **mapping,
                                         GError           **error);
GHashTable   *rct_csv_guess_mapping_for (RctKind            kind,
                                         RctCsvTable       *table);
gboolean      rct_csv_parse_mapping_for (RctKind            kind,
                                         const char        *text,
                                         RctCsvTable       *table,
                                         GHashTable       **mapping,
                                         GError           **error);
RctCsvImport *rct_csv_import_study      (RctStore          *store,
                                         RctKind            kind,
                                         RctCsvTable       *table,
                                         GHashTable        *mapping,
                                         const char        *course,
                                         gboolean           only_good_rows,
                                         const char        *source_label,
                                         GError           **error);
RctCsvImport *rct_csv_import_problems   (RctStore          *store,
                                         RctCsvTable       *table,
                                         GHashTable        *mapping,
                                         gboolean           only_good_rows,
                                         const char        *source_label,
                                         GError           **error);
void          rct_csv_import_free       (RctCsvImport      *import);
void          rct_csv_check_problems_async  (const char           *ledger_path,
                                             RctCsvTable          *table,
                                             GHashTable           *mapping,
                                             const char           *source_label,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
RctCsvImport *rct_csv_check_problems_finish (GAsyncResult         *result,
                                             GError              **error);
void          rct_csv_import_problems_async  (const char           *ledger_path,
                                              const char           *operator_name,
                                              RctCsvTable          *table,
                                              GHashTable           *mapping,
                                              gboolean              only_good_rows,
                                              const char           *source_label,
                                              RctCsvProgress        progress,
                                              gpointer              progress_data,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
RctCsvImport *rct_csv_import_problems_finish (GAsyncResult         *result,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctCsvTable, rct_csv_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctCsvImport, rct_csv_import_free)

G_END_DECLS
