/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An organisation of the campaign: the office, or a unit reporting to it.
 * Every ledger belongs to one; every record has one as its owner (see
 * docs/EXCHANGE.md). */
typedef struct
{
  char *uuid;
  char *name;
  char *code;         /* short code, e.g. HH; (nullable) for an office */
  char *level;        /* "office" or "unit" */
  char *office_uuid;  /* a unit's office; (nullable) */
  char *office_name;  /* (nullable) */
} RctOrganisation;

RctOrganisation *rct_organisation_new        (void);
void             rct_organisation_free       (RctOrganisation *org);
gboolean         rct_organisation_code_is_valid (const char    *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctOrganisation, rct_organisation_free)

G_END_DECLS
