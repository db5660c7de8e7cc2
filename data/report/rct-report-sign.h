/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rct-keys.h"
#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_SIGN_ERROR (rct_sign_error_quark ())
#define RCT_KEYS_NAMESPACE "urn:rectify:keys:1"

typedef enum
{
  RCT_SIGN_ERROR_UNSIGNED,   /* no signature where one is required */
  RCT_SIGN_ERROR_CHANGED,    /* the signature does not match the file */
  RCT_SIGN_ERROR_OTHER_KEY,  /* signed, but not by the trusted key */
  RCT_SIGN_ERROR_UNTRUSTED,  /* signed by a key not accepted yet */
  RCT_SIGN_ERROR_HOSTILE,    /* a signature Rectify never makes */
  RCT_SIGN_ERROR_FAILED,     /* signing itself failed */
} RctSignError;

typedef enum
{
  RCT_SIGNATURE_NONE,        /* the file has no signature */
  RCT_SIGNATURE_VERIFIED,    /* it matches the file and its certificate */
  RCT_SIGNATURE_CHANGED,     /* it does not match: changed after signing */
  RCT_SIGNATURE_HOSTILE,     /* not the enveloped signature Rectify makes */
  RCT_SIGNATURE_UNREADABLE,  /* the file itself cannot be read as XML */
} RctSignatureStatus;

/* The organisation's key, signing a report as it is written. */
typedef struct _RctSigner RctSigner;

/* SHA-256 through OpenSSL (its SHA extensions where the CPU has them):
 * GLib's own GChecksum took a fifth of the report's export. */
typedef struct _RctDigest RctDigest;

/* What a report's or set-up file's signature says, before any trust. */
typedef struct
{
  RctSignatureStatus status;
  RctCertificate    *certificate;          /* who signed, or NULL */
  char              *organisation_uuid;    /* who the file says made it */
  char              *organisation_name;
  char              *signed_at;            /* the file's generatedAt */
  char              *problem;              /* why it is CHANGED or HOSTILE */
  RctCertificate    *previous_certificate; /* a rotation announced, or NULL */
  char              *endorsement;          /* the previous key's word for this one */
} RctSignature;

GQuark        rct_sign_error_quark     (void);
gboolean      rct_sign_file            (const char          *path,
                                        const RctSigningKey *key,
                                        const RctCertificate *previous,
                                        const char          *endorsement,
                                        GError             **error);
gboolean      rct_sign_file_for_store  (RctStore            *store,
                                        const char          *path,
                                        GError             **error);
RctSigner    *rct_signer_new_for_store (RctStore            *store,
                                        GError             **error);
char         *rct_signer_sign          (RctSigner           *signer,
                                        const guint8        *digest,
                                        gsize                digest_len,
                                        GError             **error);
void          rct_signer_free          (RctSigner           *signer);
RctDigest    *rct_digest_new           (void);
void          rct_digest_update        (RctDigest           *digest,
                                        const void          *bytes,
                                        gsize                len);
void          rct_digest_get           (RctDigest           *digest,
                                        guint8               out[32]);
void          rct_digest_free          (RctDigest           *digest);
RctSignature *rct_signature_read       (const char          *path,
                                        GCancellable        *cancellable);
void          rct_signature_free       (RctSignature        *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctSignature, rct_signature_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctSigner, rct_signer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctDigest, rct_digest_free)

G_END_DECLS
