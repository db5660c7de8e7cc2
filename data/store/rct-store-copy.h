/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copying a whole ledger between any two stores (a file, the office's
 * server): every record and the journal, checked by the count of each
 * table and a content checksum computed the same way on both sides. */
#pragma once

#include "rct-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint  tables;    /* tables copied */
  gint64 rows;      /* rows copied, all tables */
  char  *checksum;  /* SHA-256 of the content, the same on both sides */
} RctStoreCopyResult;

void      rct_store_copy_result_clear (RctStoreCopyResult *result);
char     *rct_store_dup_content_checksum (RctStore        *self,
                                          GHashTable      *out_counts,
                                          GError         **error);
gboolean  rct_store_copy               (RctStore           *from,
                                        RctStore           *to,
                                        RctStoreCopyResult *out_result,
                                        GError            **error);

/* Private to data/: @from copied into a new file at @dest_path, which is
 * replaced only when the copy is whole (a backup of a server ledger). */
gboolean  _rct_store_copy_to_file      (RctStore           *from,
                                        const char         *dest_path,
                                        GError            **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RctStoreCopyResult, rct_store_copy_result_clear)

G_END_DECLS
