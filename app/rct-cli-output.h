/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "rct-figures.h"
#include "rct-figures-study.h"
#include "rct-store.h"

G_BEGIN_DECLS

typedef char *(*RctCliLineFunc) (RctRecord *record);


JsonNode *rct_cli_record_to_json  (RctRecord        *record);
void      rct_cli_print_json      (JsonNode         *node);
char     *rct_cli_join_columns    (const char * const *columns,
                                   guint               n_columns);
char     *rct_cli_record_line     (RctRecord        *record);
void      rct_cli_print_record    (RctRecord        *record);
void      rct_cli_print_records   (GPtrArray        *records,
                                   gboolean          json,
                                   RctCliLineFunc    line);
int       rct_cli_print_list      (RctKind          kind,
                                   const RctFilter *filter,
                                   gboolean         json,
                                   const char      *csv_path,
                                   const char      *xlsx_path,
                                   RctCliLineFunc   line);

G_END_DECLS
