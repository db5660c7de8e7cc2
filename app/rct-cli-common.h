/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

/* What the program rectify-cli and its commands' module share
 * (rct-cli-common.c, linked into both): no GIO here, as the program loads
 * none (docs/PERFORMANCE.md). */

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  const char *db_path;
  const char *operator_name;
} CliGlobals;

/* One action of a command of several (`key show`, `trust add`): run gets
 * the arguments from the action's name on, argv[0] being that name. */
typedef struct
{
  const char *name;
  int       (*run) (int    argc,
                    char **argv);
} RctCliAction;

int       rct_cli_fail          (GError             *error);
int       rct_cli_usage         (const char         *message);
const char *rct_cli_get_db_path (void);
gboolean  rct_cli_parse_options (const char         *summary,
                                 GOptionEntry       *entries,
                                 int                *argc,
                                 char             ***argv,
                                 int                *exit_code);
const RctCliAction *rct_cli_find_action (const RctCliAction *actions,
                                        gsize               n_actions,
                                        const char         *name);
int       rct_cli_run_action    (const RctCliAction *actions,
                                 gsize               n_actions,
                                 const char         *usage,
                                 int                 argc,
                                 char              **argv);
RctStore *rct_cli_open_ledger   (RctStoreOpenFlags   flags,
                                 GError            **error);
void      rct_cli_set_globals   (const char         *db_path,
                                 const char         *operator_name);
const char *rct_cli_get_operator (void);
int       rct_cli_stats         (int                 argc,
                                 char              **argv);
/* The entry of the commands' module (rct-cli.c): runs @command. */
typedef int (*RctCliModuleRunFunc) (const char  *command,
                                    int          argc,
                                    char       **argv,
                                    const char  *db_path,
                                    const char  *operator_name);
#define RCT_CLI_MODULE_NAME "rectify-cli-commands"
#define RCT_CLI_MODULE_RUN "rct_cli_module_run"
G_END_DECLS
