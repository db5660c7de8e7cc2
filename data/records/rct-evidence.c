/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-evidence"

#include "config.h"

#include "rct-evidence.h"

G_DEFINE_FINAL_TYPE (RctEvidence, rct_evidence, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "problem_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctEvidence, problem_id) },
  { "filename", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctEvidence, filename) },
  { "content_type", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctEvidence, content_type) },
  { "size", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctEvidence, size) },
  { "sha256", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctEvidence, sha256) },
};

static void
rct_evidence_class_init (RctEvidenceClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_EVIDENCE,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_evidence_init (RctEvidence *self)
{
}

RctEvidence *
rct_evidence_new (void)
{
  return g_object_new (RCT_TYPE_EVIDENCE, NULL);
}
