/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-figures.h"
#include "rct-store.h"

G_BEGIN_DECLS

/* The official report (督导情况报告, 第N期): its header, its four sections,
 * the attachments ticked, and once issued its number and files. */

typedef enum
{
  RCT_REPORT_SECTION_OVERVIEW,   /* 一、总体情况 */
  RCT_REPORT_SECTION_WORK,       /* 二、主要做法和成效 */
  RCT_REPORT_SECTION_PROBLEMS,   /* 三、存在的问题 */
  RCT_REPORT_SECTION_NEXT,       /* 四、下一步工作打算 */
  RCT_REPORT_N_SECTIONS
} RctReportSection;

typedef enum
{
  RCT_REPORT_FILE_XML,
  RCT_REPORT_FILE_PDF,
  RCT_REPORT_FILE_DOCX,
  RCT_REPORT_N_FILES
} RctReportFile;

/* Attachments, by the keys stored and given on the command line. */
#define RCT_REPORT_ATTACH_FIGURES          "figures"
#define RCT_REPORT_ATTACH_UNITS            "units"
#define RCT_REPORT_ATTACH_TASKS            "tasks"
#define RCT_REPORT_ATTACH_PROBLEMS_ALL     "problems"
#define RCT_REPORT_ATTACH_PROBLEMS_OPEN    "problems-open"
#define RCT_REPORT_ATTACH_PROBLEMS_OVERDUE "problems-overdue"
#define RCT_REPORT_ATTACH_FEEDBACK         "feedback"

typedef struct _RctReportIssue
{
  gint64  id;
  char   *uuid;
  char   *status;         /* "draft" or "issued" */
  char   *series;
  gint64  year;           /* 0 until issued */
  gint64  number;         /* 0 until issued */
  char   *title;
  char   *organisation;   /* the reporting organisation */
  char   *addressee;      /* 主送 */
  char   *copied_to;      /* 抄送, or NULL */
  char   *signed_off_by;  /* 签发人 */
  char   *drafted_by;
  char   *marking;        /* "内部" or NULL */
  char   *period_from;
  char   *period_to;
  char   *issue_date;     /* YYYY-MM-DD */
  char   *language;       /* zh_CN or en */
  char  **attachments;    /* keys, NULL-terminated */
  char   *sections[RCT_REPORT_N_SECTIONS];
  char   *drafted[RCT_REPORT_N_SECTIONS];  /* as drafted from the ledger */
  char   *issued_at;
  char   *issued_by;
  char   *folder;         /* where the files were written */
  char   *files[RCT_REPORT_N_FILES];   /* base names, in the issue folder */
  char   *sha256[RCT_REPORT_N_FILES];
  char   *signature_fingerprint;  /* the XML file's signer (issue 21), or NULL */
  char   *signed_at;
} RctReportIssue;

RctReportIssue *rct_report_issue_new            (void);
void            rct_report_issue_free           (RctReportIssue   *issue);
const char     *rct_report_issue_section_label  (RctReportSection  section,
                                                 const char       *language);
gboolean        rct_report_issue_attachment_is_valid (const char  *key);
const char     *rct_report_issue_attachment_label (const char     *key,
                                                   const char     *language);
const char * const *rct_report_issue_attachment_keys (void);
double          rct_report_issue_cell_weight    (const char       *text);
gboolean        rct_report_issue_has_attachment (const RctReportIssue *issue,
                                                 const char       *key);
char           *rct_report_issue_format_number  (const RctReportIssue *issue);
char           *rct_report_issue_dup_organisation (RctStore       *store);
char           *rct_report_issue_dup_ledger_key (RctStore         *store);

gboolean        rct_report_issue_draft_sections (RctStore         *store,
                                                 RctReportIssue   *issue,
                                                 GError          **error);
GPtrArray      *rct_report_issue_list_attachment (RctStore        *store,
                                                  const RctReportIssue *issue,
                                                  const char      *key,
                                                  GError         **error);
gboolean        rct_report_issue_save_draft     (RctStore         *store,
                                                 RctReportIssue   *issue,
                                                 GError          **error);
RctReportIssue *rct_report_issue_load           (RctStore         *store,
                                                 gint64            id,
                                                 GError          **error);
GPtrArray      *rct_report_issue_list           (RctStore         *store,
                                                 GError          **error);
gint64          rct_report_issue_next_number    (RctStore         *store,
                                                 const char       *series,
                                                 gint64            year,
                                                 GError          **error);
gboolean        rct_report_issue_issue          (RctStore         *store,
                                                 gint64            id,
                                                 const char       *folder,
                                                 RctReportIssue  **out_issue,
                                                 GError          **error);
gboolean        rct_report_issue_check_files    (const RctReportIssue *issue,
                                                 const char       *folder,
                                                 GError          **error);
char          **rct_report_issue_dup_issued_since (RctStore       *store,
                                                   GError        **error);
char           *rct_report_issue_default_folder (RctStore         *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctReportIssue, rct_report_issue_free)

G_END_DECLS
