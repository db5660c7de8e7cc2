/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-keys.h"
#include "rct-report-sign.h"
#include "rct-store.h"

G_BEGIN_DECLS

/* A certificate this ledger trusts for an organisation's reports. */
typedef struct
{
  char           *organisation_uuid;
  char           *name;
  RctCertificate *certificate;
  char           *accepted_at;
  char           *accepted_by;
  char           *replaced_by;   /* the fingerprint that replaced it, or NULL */
} RctTrustedCertificate;

void                   rct_trusted_certificate_free (RctTrustedCertificate *trusted);
GPtrArray             *rct_trust_list          (RctStore              *store,
                                                GError               **error);
RctTrustedCertificate *rct_trust_find          (RctStore              *store,
                                                const char            *organisation_uuid);
gboolean               rct_trust_add           (RctStore              *store,
                                                const char            *organisation_uuid,
                                                const char            *name,
                                                const RctCertificate  *certificate,
                                                GError               **error);
gboolean               rct_trust_remove        (RctStore              *store,
                                                const char            *organisation,
                                                GError               **error);
gboolean               rct_trust_get_accept_unsigned (RctStore        *store);
gboolean               rct_trust_set_accept_unsigned (RctStore        *store,
                                                      gboolean         accept,
                                                      GError         **error);
gboolean               rct_trust_check_file    (RctStore              *store,
                                                const char            *path,
                                                RctSignature         **out_signature,
                                                char                 **out_warning,
                                                GError               **error);
gboolean               rct_trust_check_signature (RctStore            *store,
                                                  const char          *path,
                                                  RctSignature        *signature,
                                                  RctSignature       **out_signature,
                                                  char               **out_warning,
                                                  GError             **error);
gboolean               rct_trust_after_merge   (RctStore              *store,
                                                const RctSignature    *signature,
                                                GError               **error);
RctSigningKey         *rct_trust_rotate_key    (RctStore              *store,
                                                GError               **error);
gboolean               rct_trust_get_rotation  (RctStore              *store,
                                                const char            *fingerprint,
                                                RctCertificate       **out_previous,
                                                char                 **out_endorsement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctTrustedCertificate, rct_trusted_certificate_free)

G_END_DECLS
