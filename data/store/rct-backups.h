/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_BACKUPS_KEEP_DEFAULT 14

char      *rct_backups_default_dir    (void);
gboolean   rct_backups_take_if_due    (RctStore    *store,
                                       const char  *backup_dir,
                                       guint        keep,
                                       char       **out_path,
                                       GError     **error);
gboolean   rct_backups_take_if_due_at (RctStore    *store,
                                       const char  *backup_dir,
                                       guint        keep,
                                       GDateTime   *now,
                                       char       **out_path,
                                       GError     **error);
GPtrArray *rct_backups_list           (const char  *ledger_path,
                                       const char  *backup_dir);
GDateTime *rct_backups_dup_time       (const char  *backup_path);
char      *rct_backups_newest_good    (const char  *ledger_path,
                                       const char  *backup_dir);
gboolean   rct_backups_restore        (const char  *ledger_path,
                                       const char  *backup_path,
                                       const char  *backup_dir,
                                       GError     **error);

void       rct_backups_copy_async         (const char           *ledger_path,
                                           const char           *dest_path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean   rct_backups_copy_finish        (GAsyncResult         *result,
                                           GError              **error);
void       rct_backups_take_if_due_async  (const char           *ledger_path,
                                           const char           *backup_dir,
                                           guint                 keep,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean   rct_backups_take_if_due_finish (GAsyncResult         *result,
                                           char                **out_path,
                                           GError              **error);
void       rct_backups_restore_async      (const char           *ledger_path,
                                           const char           *backup_path,
                                           const char           *backup_dir,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean   rct_backups_restore_finish     (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
