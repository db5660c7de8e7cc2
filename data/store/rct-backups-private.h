/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-backups.h"

G_BEGIN_DECLS

/* The steps of a restore, in their order; the crash test kills the
 * process at each one through the hook below. */
typedef enum
{
  RCT_RESTORE_STEP_KEPT = 1,        /* the ledger as it was is kept in the backups folder */
  RCT_RESTORE_STEP_WRITTEN,         /* the full copy is written beside the ledger */
  RCT_RESTORE_STEP_LOG_REMOVED,     /* the ledger's old -wal, -shm and -journal are gone */
  RCT_RESTORE_STEP_RENAMED,         /* the copy has replaced the ledger */
  RCT_RESTORE_N_STEPS = RCT_RESTORE_STEP_RENAMED
} RctRestoreStep;

/* Called after each step when set; for tests only. */
extern void (*_rct_backups_restore_step_hook) (RctRestoreStep step);

G_END_DECLS
