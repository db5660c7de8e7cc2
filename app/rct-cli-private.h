/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "rct-cli-common.h"
#include "rct-figures.h"
#include "rct-supervision.h"
#include "rct-store.h"

G_BEGIN_DECLS

/* rct_cli_open_ledger() and, for a command that writes, who acts from
 * the settings when --operator is not given. */
RctStore *rct_cli_open_store    (RctStoreOpenFlags   flags,
                                 GError            **error);
int       rct_cli_problem_fields (int                argc,
                                  char             **argv);
const char *rct_cli_severity_key (const char        *text);
int       rct_cli_list          (int                 argc,
                                 char              **argv);
int       rct_cli_export_report (int                 argc,
                                 char              **argv);
int       rct_cli_import_report (int                 argc,
                                 char              **argv);
int       rct_cli_validate_report (int               argc,
                                   char            **argv);
int       rct_cli_report        (int                 argc,
                                 char              **argv);
gboolean  rct_cli_report_write_docx (RctStore       *store,
                                     const RctScope *scope,
                                     const char     *title,
                                     const char     *language,
                                     const char     *addressee,
                                     const char     *signed_off_by,
                                     const char     *path,
                                     GError        **error);
void      rct_cli_report_say_issued_since (const char *ledger_path);
int       rct_cli_supervisor    (int                 argc,
                                 char              **argv);
int       rct_cli_feedback      (int                 argc,
                                 char              **argv);
int       rct_cli_server        (int                 argc,
                                 char              **argv);
int       rct_cli_copy_ledger   (int                 argc,
                                 char              **argv);
int       rct_cli_backups       (int                 argc,
                                 char              **argv);
int       rct_cli_campaign      (int                 argc,
                                 char              **argv);
int       rct_cli_phase         (int                 argc,
                                 char              **argv);
int       rct_cli_unit          (int                 argc,
                                 char              **argv);
int       rct_cli_group         (int                 argc,
                                 char              **argv);
int       rct_cli_person        (int                 argc,
                                 char              **argv);
int       rct_cli_supervisor_edit (int               argc,
                                   char            **argv);
int       rct_cli_conflicts     (int                 argc,
                                 char              **argv);
int       rct_cli_ledger        (int                 argc,
                                 char              **argv);
gboolean  rct_cli_ensure_key    (RctStore           *store,
                                 GError            **error);
int       rct_cli_key           (int                 argc,
                                 char              **argv);
int       rct_cli_trust         (int                 argc,
                                 char              **argv);
int       rct_cli_export_setup  (int                 argc,
                                 char              **argv);
int       rct_cli_init_from_setup (const char       *setup_path);
gboolean  rct_cli_init_identity (RctStore           *store,
                                 const char         *office,
                                 const char         *unit,
                                 const char         *code,
                                 GError            **error);
int       rct_cli_roster        (int                 argc,
                                 char              **argv);
int       rct_cli_course        (int                 argc,
                                 char              **argv);
int       rct_cli_activity      (int                 argc,
                                 char              **argv);
int       rct_cli_accountability (int                argc,
                                  char             **argv);
int       rct_cli_visit         (int                 argc,
                                 char              **argv);

int       rct_cli_module_run    (const char         *command,
                                 int                 argc,
                                 char              **argv,
                                 const char         *db_path,
                                 const char         *operator_name);

G_END_DECLS
