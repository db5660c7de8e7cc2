/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rct-organisation.h"

G_BEGIN_DECLS

#define RCT_KEYS_ERROR (rct_keys_error_quark ())

typedef enum
{
  RCT_KEYS_ERROR_NOT_FOUND,  /* no key in the keys folder yet */
  RCT_KEYS_ERROR_BAD,        /* a key or certificate that cannot be read */
  RCT_KEYS_ERROR_WRITE,
} RctKeysError;

/* A certificate as Rectify reads it: its own (the ledger's key) or one a
 * report or set-up file carries. */
typedef struct
{
  char *certificate_pem;
  char *fingerprint;        /* SHA-256 of the DER certificate, "AB:CD:…" */
  char *subject;            /* the organisation's name (CN) */
  char *code;               /* its short code (OU), or NULL */
  char *organisation_uuid;  /* from subjectAltName urn:uuid:…, or NULL */
  char *created;            /* notBefore, YYYY-MM-DDTHH:MM:SSZ */
  char *valid_until;        /* notAfter */
} RctCertificate;

/* The organisation's signing key: ECDSA P-256 and its self-signed
 * certificate, kept outside the ledger (docs/EXCHANGE.md, Signatures). */
typedef struct
{
  RctCertificate *certificate;
  char           *key_pem;
  char           *folder;
} RctSigningKey;

GQuark          rct_keys_error_quark        (void);
char           *rct_keys_folder             (const char            *organisation_uuid);
RctSigningKey  *rct_keys_load               (const char            *organisation_uuid,
                                             GError               **error);
RctSigningKey  *rct_keys_ensure             (const RctOrganisation *org,
                                             GError               **error);
RctSigningKey  *rct_keys_create             (const RctOrganisation *org,
                                             GError               **error);
void            rct_signing_key_free        (RctSigningKey         *key);

RctCertificate *rct_certificate_new_from_der (const guint8         *der,
                                              gsize                 len,
                                              GError              **error);
RctCertificate *rct_certificate_new_from_pem (const char           *pem,
                                              GError              **error);
GBytes         *rct_certificate_get_der     (const RctCertificate  *certificate);
void            rct_certificate_free        (RctCertificate        *certificate);

char           *rct_keys_endorse            (const RctSigningKey   *old_key,
                                             const char            *new_fingerprint,
                                             GError               **error);
gboolean        rct_keys_check_endorsement  (const RctCertificate  *old_certificate,
                                             const char            *new_fingerprint,
                                             const char            *endorsement);

GBytes         *rct_keys_sign_xmldsig       (const RctSigningKey   *key,
                                             const guint8          *data,
                                             gsize                  len);
gboolean        rct_certificate_verify_xmldsig (const RctCertificate *certificate,
                                                const guint8         *data,
                                                gsize                 len,
                                                const guint8         *signature,
                                                gsize                 signature_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctSigningKey, rct_signing_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctCertificate, rct_certificate_free)

G_END_DECLS
