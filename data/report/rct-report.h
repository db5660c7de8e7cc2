/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rct-figures.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_REPORT_ERROR (rct_report_error_quark ())
#define RCT_REPORT_NAMESPACE "urn:rectify:report:1"
/* Version 2 adds the reporting organisation (header) and each record's
 * owner (ownedBy); version 1 reports still open, but are not merged. */
#define RCT_REPORT_SCHEMA_VERSION 2

typedef enum
{
  RCT_REPORT_ERROR_MALFORMED,   /* not well-formed, truncated, bad UTF-8 */
  RCT_REPORT_ERROR_NOT_A_REPORT,/* wrong root or namespace */
  RCT_REPORT_ERROR_NEWER,       /* schemaVersion newer than this program */
  RCT_REPORT_ERROR_INVALID,     /* against the schema */
  RCT_REPORT_ERROR_HOSTILE,     /* DTD, entities, absurd depth or size */
  RCT_REPORT_ERROR_WRITE,
  RCT_REPORT_ERROR_OLD,         /* a version 1 report: viewed, not merged */
} RctReportError;

typedef void (*RctReportProgress) (guint64  done,
                                   guint64  total,
                                   gpointer user_data);

typedef struct
{
  guint64 records;
  guint64 added;
  guint64 updated;
  guint64 unchanged;
  char   *title;
  char   *campaign;
  char   *generated_at;
  char   *generated_by;
  char   *period;          /* "from – to", as the header says */
  gint64  problems;        /* from the report's summary */
  gint64  closed;
  gint64  overdue;
  gint64  feedback;
  gint64  replied;
  char   *closing_rate;    /* as written, a fraction, or NULL */
  char   *language;        /* the header's language, or NULL (older reports) */
  char   *organisation;    /* who made it (version 2), or NULL */
  char   *warning;         /* merged unsigned under the transition setting, or NULL */
  gint64  schema_version;
} RctReportSummary;

GQuark            rct_report_error_quark   (void);
gboolean          rct_report_export        (RctStore          *store,
                                            const RctScope    *scope,
                                            const char        *title,
                                            const char        *path,
                                            RctReportProgress  progress,
                                            gpointer           progress_data,
                                            GCancellable      *cancellable,
                                            GError           **error);
gboolean          rct_report_export_in     (RctStore          *store,
                                            const RctScope    *scope,
                                            const char        *title,
                                            const char        *language,
                                            const char        *path,
                                            RctReportProgress  progress,
                                            gpointer           progress_data,
                                            GCancellable      *cancellable,
                                            GError           **error);
gboolean          rct_report_export_exchange (RctStore        *store,
                                              const RctScope  *scope,
                                              const char      *title,
                                              const char      *language,
                                              const char      *path,
                                              const char      *peer,
                                              gboolean         full,
                                              RctReportProgress progress,
                                              gpointer         progress_data,
                                              GCancellable    *cancellable,
                                              GError         **error);
void              rct_report_export_async  (const char          *ledger_path,
                                            const char          *operator_name,
                                            const RctScope      *scope,
                                            const char          *title,
                                            const char          *language,
                                            const char          *path,
                                            const char          *html_path,
                                            gboolean             read_only,
                                            gboolean             full,
                                            RctReportProgress    progress,
                                            gpointer             progress_data,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean          rct_report_export_finish (GAsyncResult        *result,
                                            GError             **error);
struct _RctReportIssue;
gboolean          rct_report_export_issue  (RctStore          *store,
                                            const struct _RctReportIssue *issue,
                                            const char        *path,
                                            GError           **error);
gboolean          rct_report_validate      (const char        *path,
                                            RctReportSummary  *summary,
                                            GCancellable      *cancellable,
                                            GError           **error);
gboolean          rct_report_validate_bytes (GBytes           *bytes,
                                             GError          **error);
gboolean          rct_report_import        (RctStore          *store,
                                            const char        *path,
                                            RctReportSummary  *summary,
                                            GCancellable      *cancellable,
                                            GError           **error);
gboolean          rct_report_write_html    (const char        *report_path,
                                            const char        *html_path,
                                            const char        *language,
                                            GError           **error);
void              rct_report_summary_clear (RctReportSummary  *summary);
GBytes           *rct_report_get_schema    (void);

/* The set-up file an office sends a unit (docs/EXCHANGE.md). */
#define RCT_SETUP_NAMESPACE "urn:rectify:setup:1"
#define RCT_SETUP_SCHEMA_VERSION 1

gboolean          rct_setup_export         (RctStore          *store,
                                            const char        *unit_name,
                                            const char        *unit_code,
                                            const char        *path,
                                            GError           **error);
gboolean          rct_setup_read           (const char        *path,
                                            RctStore          *store,
                                            RctOrganisation  **out_office,
                                            RctOrganisation  **out_unit,
                                            GError           **error);
RctStore         *rct_setup_create_ledger  (const char        *setup_path,
                                            const char        *ledger_path,
                                            RctOrganisation  **out_office,
                                            RctOrganisation  **out_unit,
                                            GError           **error);
GBytes           *rct_setup_get_schema     (void);

G_END_DECLS
