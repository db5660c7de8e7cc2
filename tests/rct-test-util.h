/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

char     *rct_test_make_dir      (void);
char     *rct_test_ledger_path   (const char  *dir,
                                  const char  *name);
RctStore *rct_test_open_new      (char       **out_dir);
RctStore *rct_test_open_demo     (char       **out_dir);
char     *rct_test_ledger_location (const char *dir,
                                    const char *name);
gboolean  rct_test_ledger_exists (const char *location);
gboolean  rct_test_on_server     (void);
const char *rct_test_expected_who (const char *operator_name);
void      rct_test_copy_ledger   (const char *from,
                                  const char *to);
gint64    rct_test_query_int     (const char *ledger,
                                  const char *sql);
void      rct_test_remove_dir    (const char  *dir);
char     *rct_test_file_checksum (const char  *path);
int       rct_test_run_cli       (char       **out_stdout,
                                  char       **out_stderr,
                                  const char  *first_arg,
                                  ...) G_GNUC_NULL_TERMINATED;
gint64    rct_test_count_rows    (RctStore    *store,
                                  RctKind      kind);
gint64    rct_test_add_problem   (RctStore    *store,
                                  const char  *unit,
                                  const char  *found,
                                  const char  *deadline,
                                  const char  *description);
void      rct_test_damage_file   (const char  *path);
guint     rct_test_count_files   (const char  *dir,
                                  const char  *part);
void      rct_test_rename_evidence (const char *ledger,
                                    gint64      evidence_id,
                                    const char *name);

void      rct_test_trust_report  (const char  *ledger,
                                  const char  *report);
void      rct_test_sign_again    (const char  *ledger,
                                  const char  *report);

/* The throwaway cluster of tests/pg/ (RECTIFY_TEST_PG): a database of
 * its own for one test, made from @template_db (NULL: empty), and its
 * location; NULL when there is no cluster. */
char     *rct_test_pg_new_database  (const char  *template_db,
                                     char       **out_name);
void      rct_test_pg_drop_database (const char  *name);

G_END_DECLS
