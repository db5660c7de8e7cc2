/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_EVIDENCE (rct_evidence_get_type ())
G_DECLARE_FINAL_TYPE (RctEvidence, rct_evidence, RCT, EVIDENCE, RctRecord)

/* An evidence file of a problem, stored in the ledger.
 * The fields are public for reading; change them through RctStore. */
struct _RctEvidence
{
  RctRecord parent_instance;

  gint64   problem_id;
  char    *filename;
  char    *content_type;
  gint64   size;
  char    *sha256;
};

RctEvidence *rct_evidence_new (void);

G_END_DECLS
