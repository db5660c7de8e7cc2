/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For tests of the long jobs (issue 15): each is told, in its thread, where
 * it is, so a test can cancel it at an early or a late point and see that
 * nothing of it is left. NULL outside tests. */

/* Before the CSV import tries the row @row (0-based); @row equal to the
 * rows in all once they are written, before the commit. */
extern void (*_rct_csv_import_row_hook) (guint row);

typedef enum
{
  RCT_REPORT_JOB_OPENED,      /* the job's connection is open */
  RCT_REPORT_JOB_XML_WRITTEN, /* the report is written under a temporary name */
  RCT_REPORT_JOB_HTML_WRITTEN,/* and its web page, before both take their names */
} RctReportJobStep;

extern void (*_rct_report_job_step_hook) (RctReportJobStep step);

/* Before the PDF's page @page (0-based) is drawn in its job. */
extern void (*_rct_report_print_page_hook) (guint page);

G_END_DECLS
