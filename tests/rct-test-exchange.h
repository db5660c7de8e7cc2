/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-merge.h"
#include "rct-report.h"
#include "rct-store.h"

G_BEGIN_DECLS

/* Ledgers of an office and its units exchanging reports, for the
 * exchange's tests (docs/EXCHANGE.md). Every ledger is opened for each
 * step and closed after, as the programs do. */

char         *rct_xt_office        (const char   *dir,
                                    const char   *name);
char         *rct_xt_unit          (const char   *dir,
                                    const char   *office,
                                    const char   *unit_name,
                                    const char   *code);
RctStore     *rct_xt_open          (const char   *ledger);
char         *rct_xt_export        (const char   *ledger,
                                    const char   *dir);
char         *rct_xt_export_for    (const char   *ledger,
                                    const char   *dir,
                                    const char   *peer,
                                    gboolean      full);
void          rct_xt_trust         (const char   *ledger,
                                    const char   *report);
RctMergePlan *rct_xt_merge         (const char   *ledger,
                                    const char   *report,
                                    gboolean      apply);
RctMergePlan *rct_xt_send          (const char   *from,
                                    const char   *to,
                                    const char   *dir);
gint64        rct_xt_problem       (RctStore     *store,
                                    const char   *number);
char         *rct_xt_problem_field (const char   *ledger,
                                    const char   *number,
                                    const char   *field);
void          rct_xt_set_problem_field (const char *ledger,
                                    const char   *number,
                                    const char   *field,
                                    const char   *value);
void          rct_xt_act           (const char   *ledger,
                                    const char   *number,
                                    RctProblemAction action);
gint64        rct_xt_add_measure   (const char   *ledger,
                                    const char   *number,
                                    const char   *text,
                                    gboolean      done);
const RctMergeItem *rct_xt_find_item (const RctMergePlan *plan,
                                    RctMergeOutcome outcome,
                                    const char   *label,
                                    const char   *field);
char         *rct_xt_dump          (const char   *ledger,
                                    const char   *sql);

G_END_DECLS
