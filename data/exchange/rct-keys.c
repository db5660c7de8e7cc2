/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-keys"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "rct-keys.h"

/* The organisation's signing key and certificate (issue 21). ECDSA P-256
 * with SHA-256: the only algorithms of XML-DSig that xmlsec 1.2 (Debian
 * 12) and every verifier share besides RSA PKCS#1 v1.5; RSA-PSS needs
 * xmlsec 1.3. The key is made with OpenSSL's EVP API, the crypto backend
 * xmlsec uses here, and kept in the user's private data folder, never in
 * the ledger: a copy of the ledger is not a copy of its seal.
 *
 *   $XDG_DATA_HOME/rectify/keys/ORG-UUID/key.pem   0600 (folder 0700)
 *                                        cert.pem
 *
 * RECTIFY_KEYS_DIR replaces $XDG_DATA_HOME/rectify/keys (tests). */

G_DEFINE_QUARK (rct-keys-error-quark, rct_keys_error)

/* A certificate is a few hundred bytes; a key file a few hundred more. */
#define MAX_CERTIFICATE_BYTES (16 * 1024)
#define MAX_KEY_FILE_BYTES (64 * 1024)
#define VALID_DAYS 3650
#define ENDORSEMENT_CONTEXT "rectify-key-rotation:1:"

static char *
keys_root (void)
{
  const char *dir = g_getenv ("RECTIFY_KEYS_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_data_dir (), "rectify", "keys", NULL);
}

/**
 * rct_keys_folder:
 *
 * Returns: (transfer full) (nullable): the folder of the organisation's
 *   key, or %NULL when @organisation_uuid is not a uuid (it never becomes a
 *   path unchecked)
 */
char *
rct_keys_folder (const char *organisation_uuid)
{
  g_autofree char *root = NULL;

  if (organisation_uuid == NULL || !g_uuid_string_is_valid (organisation_uuid))
    return NULL;
  root = keys_root ();
  return g_build_filename (root, organisation_uuid, NULL);
}

static char *
bio_to_string (BIO *bio)
{
  char *data = NULL;
  long len = BIO_get_mem_data (bio, &data);

  return g_strndup (data, len > 0 ? (gsize) len : 0);
}

static char *
asn1_time_to_iso (const ASN1_TIME *time)
{
  struct tm tm = { 0 };

  if (time == NULL || ASN1_TIME_to_tm (time, &tm) != 1)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                          tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static char *
name_entry (X509_NAME *name,
            int        nid)
{
  int i = X509_NAME_get_index_by_NID (name, nid, -1);
  unsigned char *utf8 = NULL;
  char *text;
  int len;

  if (i < 0)
    return NULL;
  len = ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, i)));
  if (len < 0)
    return NULL;
  text = g_utf8_make_valid ((const char *) utf8, len);
  OPENSSL_free (utf8);
  return text;
}

static char *
uuid_from_alt_names (X509 *x509)
{
  GENERAL_NAMES *names = X509_get_ext_d2i (x509, NID_subject_alt_name, NULL, NULL);
  char *uuid = NULL;

  for (int i = 0; names != NULL && uuid == NULL && i < sk_GENERAL_NAME_num (names); i++)
    {
      const GENERAL_NAME *gn = sk_GENERAL_NAME_value (names, i);
      const char *uri;
      int len;

      if (gn->type != GEN_URI)
        continue;
      uri = (const char *) ASN1_STRING_get0_data (gn->d.uniformResourceIdentifier);
      len = ASN1_STRING_length (gn->d.uniformResourceIdentifier);
      if (len == 45 && g_str_has_prefix (uri, "urn:uuid:"))
        {
          g_autofree char *candidate = g_strndup (uri + 9, 36);
          if (g_uuid_string_is_valid (candidate))
            uuid = g_ascii_strdown (candidate, -1);
        }
    }
  GENERAL_NAMES_free (names);
  return uuid;
}

static gboolean
is_p256 (EVP_PKEY *pkey)
{
  char group[64] = { 0 };

  if (pkey == NULL || !EVP_PKEY_is_a (pkey, "EC"))
    return FALSE;
  if (EVP_PKEY_get_group_name (pkey, group, sizeof group, NULL) != 1)
    return FALSE;
  return g_str_equal (group, "prime256v1") || g_str_equal (group, "P-256");
}

static RctCertificate *
certificate_from_x509 (X509    *x509,
                       GError **error)
{
  RctCertificate *cert;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  GString *fingerprint;
  BIO *bio;

  if (!is_p256 (X509_get0_pubkey (x509)))
    {
      g_set_error_literal (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD,
                           _("The certificate's key is not an ECDSA P-256 key, the only kind Rectify signs with."));
      return NULL;
    }
  if (X509_digest (x509, EVP_sha256 (), md, &md_len) != 1)
    {
      g_set_error_literal (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD, _("The certificate cannot be read."));
      return NULL;
    }
  fingerprint = g_string_new (NULL);
  for (unsigned int i = 0; i < md_len; i++)
    g_string_append_printf (fingerprint, i == 0 ? "%02X" : ":%02X", md[i]);

  cert = g_new0 (RctCertificate, 1);
  cert->fingerprint = g_string_free (fingerprint, FALSE);
  cert->subject = name_entry (X509_get_subject_name (x509), NID_commonName);
  cert->code = name_entry (X509_get_subject_name (x509), NID_organizationalUnitName);
  cert->organisation_uuid = uuid_from_alt_names (x509);
  cert->created = asn1_time_to_iso (X509_get0_notBefore (x509));
  cert->valid_until = asn1_time_to_iso (X509_get0_notAfter (x509));
  bio = BIO_new (BIO_s_mem ());
  PEM_write_bio_X509 (bio, x509);
  cert->certificate_pem = bio_to_string (bio);
  BIO_free (bio);
  return cert;
}

/**
 * rct_certificate_new_from_der:
 *
 * Reads a certificate a file carries: at most 16 KB, one DER structure
 * with nothing after it, an ECDSA P-256 key.
 *
 * Returns: (transfer full) (nullable): the certificate
 */
RctCertificate *
rct_certificate_new_from_der (const guint8  *der,
                              gsize          len,
                              GError       **error)
{
  const unsigned char *p = der;
  X509 *x509;
  RctCertificate *cert;

  if (len == 0 || len > MAX_CERTIFICATE_BYTES)
    {
      g_set_error_literal (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD,
                           _("The certificate is empty or larger than 16 KB; no real certificate is."));
      return NULL;
    }
  x509 = d2i_X509 (NULL, &p, (long) len);
  if (x509 == NULL || p != der + len)
    {
      X509_free (x509);
      g_set_error_literal (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD, _("The certificate cannot be read."));
      return NULL;
    }
  cert = certificate_from_x509 (x509, error);
  X509_free (x509);
  return cert;
}

static X509 *
x509_from_pem (const char *pem)
{
  BIO *bio;
  X509 *x509;

  if (pem == NULL || strlen (pem) > 2 * MAX_CERTIFICATE_BYTES)
    return NULL;
  bio = BIO_new_mem_buf (pem, -1);
  x509 = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  BIO_free (bio);
  return x509;
}

/**
 * rct_certificate_new_from_pem:
 *
 * Returns: (transfer full) (nullable): the certificate
 */
RctCertificate *
rct_certificate_new_from_pem (const char  *pem,
                              GError     **error)
{
  X509 *x509 = x509_from_pem (pem);
  RctCertificate *cert;

  if (x509 == NULL)
    {
      g_set_error_literal (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD, _("The certificate cannot be read."));
      return NULL;
    }
  cert = certificate_from_x509 (x509, error);
  X509_free (x509);
  return cert;
}

/**
 * rct_certificate_get_der:
 *
 * Returns: (transfer full): the certificate in DER, as KeyInfo carries it
 */
GBytes *
rct_certificate_get_der (const RctCertificate *certificate)
{
  X509 *x509 = x509_from_pem (certificate->certificate_pem);
  unsigned char *der = NULL;
  int len;
  GBytes *bytes;

  g_return_val_if_fail (x509 != NULL, NULL);
  len = i2d_X509 (x509, &der);
  X509_free (x509);
  bytes = g_bytes_new (der, len > 0 ? (gsize) len : 0);
  OPENSSL_free (der);
  return bytes;
}

void
rct_certificate_free (RctCertificate *certificate)
{
  if (certificate == NULL)
    return;
  g_free (certificate->certificate_pem);
  g_free (certificate->fingerprint);
  g_free (certificate->subject);
  g_free (certificate->code);
  g_free (certificate->organisation_uuid);
  g_free (certificate->created);
  g_free (certificate->valid_until);
  g_free (certificate);
}

void
rct_signing_key_free (RctSigningKey *key)
{
  if (key == NULL)
    return;
  rct_certificate_free (key->certificate);
  if (key->key_pem != NULL)
    {
      memset (key->key_pem, 0, strlen (key->key_pem));
      g_free (key->key_pem);
    }
  g_free (key->folder);
  g_free (key);
}

static gboolean
read_small_file (const char  *path,
                 char       **out,
                 GError     **error)
{
  GStatBuf st;
  gsize len = 0;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_NOT_FOUND, _("There is no signing key in “%s” yet."), path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > MAX_KEY_FILE_BYTES)
    {
      g_set_error (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD, _("“%s” is not a key file Rectify wrote."), path);
      return FALSE;
    }
  return g_file_get_contents (path, out, &len, error);
}

static EVP_PKEY *
pkey_from_pem (const char *pem)
{
  BIO *bio = BIO_new_mem_buf (pem, -1);
  EVP_PKEY *pkey = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);

  BIO_free (bio);
  return pkey;
}

/**
 * rct_keys_load:
 *
 * Reads the organisation's key and certificate from its folder.
 *
 * Returns: (transfer full) (nullable): the key; %NULL with
 *   %RCT_KEYS_ERROR_NOT_FOUND when none was made yet
 */
RctSigningKey *
rct_keys_load (const char  *organisation_uuid,
               GError     **error)
{
  g_autoptr(RctSigningKey) key = g_new0 (RctSigningKey, 1);
  g_autofree char *key_path = NULL, *cert_path = NULL, *cert_pem = NULL;
  X509 *x509;
  EVP_PKEY *pkey;
  gboolean matches;

  key->folder = rct_keys_folder (organisation_uuid);
  if (key->folder == NULL)
    {
      g_set_error_literal (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD, _("The organisation's identity is not a valid uuid."));
      return NULL;
    }
  key_path = g_build_filename (key->folder, "key.pem", NULL);
  cert_path = g_build_filename (key->folder, "cert.pem", NULL);
  if (!read_small_file (key_path, &key->key_pem, error) || !read_small_file (cert_path, &cert_pem, error))
    return NULL;
  x509 = x509_from_pem (cert_pem);
  pkey = pkey_from_pem (key->key_pem);
  matches = x509 != NULL && pkey != NULL && X509_check_private_key (x509, pkey) == 1;
  if (matches)
    key->certificate = certificate_from_x509 (x509, NULL);
  X509_free (x509);
  EVP_PKEY_free (pkey);
  if (!matches || key->certificate == NULL)
    {
      g_set_error (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD,
                   _("The signing key in “%s” is damaged or does not match its certificate; make a new one with "
                     "rectify-cli key rotate."), key->folder);
      return NULL;
    }
  return g_steal_pointer (&key);
}

static gboolean
add_extension (X509       *x509,
               int         nid,
               const char *value)
{
  X509V3_CTX ctx;
  X509_EXTENSION *ext;
  gboolean ok;

  X509V3_set_ctx_nodb (&ctx);
  X509V3_set_ctx (&ctx, x509, x509, NULL, NULL, 0);
  ext = X509V3_EXT_conf_nid (NULL, &ctx, nid, value);
  ok = ext != NULL && X509_add_ext (x509, ext, -1) == 1;
  X509_EXTENSION_free (ext);
  return ok;
}

/* A new key and its self-signed certificate, in memory. */
static RctSigningKey *
generate_key (const RctOrganisation  *org,
              GError                **error)
{
  g_autofree char *alt_name = g_strdup_printf ("URI:urn:uuid:%s", org->uuid);
  EVP_PKEY *pkey = EVP_EC_gen ("P-256");
  X509 *x509 = X509_new ();
  BIGNUM *serial = BN_new ();
  X509_NAME *name = X509_get_subject_name (x509);
  RctSigningKey *key = NULL;
  gboolean ok;

  ok = pkey != NULL && serial != NULL && X509_set_version (x509, 2) == 1 &&
       BN_rand (serial, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
       BN_to_ASN1_INTEGER (serial, X509_get_serialNumber (x509)) != NULL &&
       X509_gmtime_adj (X509_getm_notBefore (x509), 0) != NULL &&
       X509_gmtime_adj (X509_getm_notAfter (x509), (long) VALID_DAYS * 24 * 3600) != NULL &&
       X509_set_pubkey (x509, pkey) == 1 &&
       X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const unsigned char *) org->name, -1, -1, 0) == 1 &&
       (org->code == NULL ||
        X509_NAME_add_entry_by_txt (name, "OU", MBSTRING_UTF8, (const unsigned char *) org->code, -1, -1, 0) == 1) &&
       X509_set_issuer_name (x509, name) == 1 &&
       add_extension (x509, NID_basic_constraints, "critical,CA:FALSE") &&
       add_extension (x509, NID_key_usage, "critical,digitalSignature") &&
       add_extension (x509, NID_subject_alt_name, alt_name) &&
       X509_sign (x509, pkey, EVP_sha256 ()) > 0;
  if (ok)
    {
      BIO *bio = BIO_new (BIO_s_mem ());

      key = g_new0 (RctSigningKey, 1);
      key->certificate = certificate_from_x509 (x509, NULL);
      ok = key->certificate != NULL && PEM_write_bio_PrivateKey (bio, pkey, NULL, NULL, 0, NULL, NULL) == 1;
      key->key_pem = bio_to_string (bio);
      key->folder = rct_keys_folder (org->uuid);
      BIO_free (bio);
      if (!ok)
        g_clear_pointer (&key, rct_signing_key_free);
    }
  BN_free (serial);
  X509_free (x509);
  EVP_PKEY_free (pkey);
  if (key == NULL)
    g_set_error_literal (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_WRITE, _("A signing key could not be made."));
  return key;
}

static gboolean
make_private_folder (const char  *folder,
                     GError     **error)
{
  g_autofree char *root = g_path_get_dirname (folder);

  if (g_mkdir_with_parents (folder, 0700) != 0 || g_chmod (root, 0700) != 0 || g_chmod (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_WRITE, _("Cannot make the keys folder “%s”: %s."), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Writes @key into its folder; a key that was there is kept beside it as
 * key-retired-N.pem until the rotation is journaled. */
static gboolean
save_key (const RctSigningKey  *key,
          GError              **error)
{
  g_autofree char *key_path = g_build_filename (key->folder, "key.pem", NULL);
  g_autofree char *cert_path = g_build_filename (key->folder, "cert.pem", NULL);

  if (!make_private_folder (key->folder, error))
    return FALSE;
  if (g_file_test (cert_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
      g_autofree char *retired = g_strdup_printf ("cert-retired-%s.pem", stamp);
      g_autofree char *retired_path = g_build_filename (key->folder, retired, NULL);
      g_rename (cert_path, retired_path);
    }
  if (!g_file_set_contents_full (key_path, key->key_pem, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error) ||
      !g_file_set_contents_full (cert_path, key->certificate->certificate_pem, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 error))
    return FALSE;
  return TRUE;
}

/**
 * rct_keys_create:
 *
 * Makes a new key and certificate for @org and writes them in its folder
 * (the old certificate, if any, kept as cert-retired-STAMP.pem). The
 * ledger's journal of rotations is rct_trust_rotate_key()'s.
 *
 * Returns: (transfer full) (nullable): the new key
 */
RctSigningKey *
rct_keys_create (const RctOrganisation  *org,
                 GError                **error)
{
  g_autoptr(RctSigningKey) key = NULL;

  if (org == NULL || org->uuid == NULL || !g_uuid_string_is_valid (org->uuid) || org->name == NULL)
    {
      g_set_error_literal (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD, _("The organisation's identity is not a valid uuid."));
      return NULL;
    }
  key = generate_key (org, error);
  if (key == NULL || !save_key (key, error))
    return NULL;
  return g_steal_pointer (&key);
}

/**
 * rct_keys_ensure:
 *
 * The organisation's key, made now if it has none yet (a ledger made
 * before keys, or on a new computer).
 *
 * Returns: (transfer full) (nullable): the key
 */
RctSigningKey *
rct_keys_ensure (const RctOrganisation  *org,
                 GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  RctSigningKey *key;

  g_return_val_if_fail (org != NULL, NULL);

  key = rct_keys_load (org->uuid, &local_error);
  if (key != NULL)
    return key;
  if (!g_error_matches (local_error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return rct_keys_create (org, error);
}

static char *
endorsement_message (const char *new_fingerprint)
{
  return g_strconcat (ENDORSEMENT_CONTEXT, new_fingerprint, NULL);
}

/**
 * rct_keys_endorse:
 *
 * The old key's word for the new one: its ECDSA-SHA256 signature over the
 * new certificate's fingerprint, in Base64. An office that trusts the old
 * certificate then trusts the new one (docs/EXCHANGE.md, Signatures).
 *
 * Returns: (transfer full) (nullable): the endorsement
 */
char *
rct_keys_endorse (const RctSigningKey  *old_key,
                  const char           *new_fingerprint,
                  GError              **error)
{
  g_autofree char *message = endorsement_message (new_fingerprint);
  EVP_PKEY *pkey = pkey_from_pem (old_key->key_pem);
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  unsigned char sig[256];
  size_t sig_len = sizeof sig;
  char *result = NULL;

  if (pkey != NULL && ctx != NULL && EVP_DigestSignInit (ctx, NULL, EVP_sha256 (), NULL, pkey) == 1 &&
      EVP_DigestSign (ctx, sig, &sig_len, (const unsigned char *) message, strlen (message)) == 1)
    result = g_base64_encode (sig, sig_len);
  EVP_MD_CTX_free (ctx);
  EVP_PKEY_free (pkey);
  if (result == NULL)
    g_set_error_literal (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD, _("The old key could not vouch for the new one."));
  return result;
}

/**
 * rct_keys_check_endorsement:
 *
 * Returns: whether @endorsement is @old_certificate's key's signature over
 *   @new_fingerprint
 */
gboolean
rct_keys_check_endorsement (const RctCertificate *old_certificate,
                            const char           *new_fingerprint,
                            const char           *endorsement)
{
  g_autofree char *message = NULL;
  g_autofree guchar *sig = NULL;
  gsize sig_len = 0;
  X509 *x509;
  EVP_MD_CTX *ctx;
  gboolean ok = FALSE;

  if (old_certificate == NULL || new_fingerprint == NULL || endorsement == NULL || strlen (endorsement) > 1024)
    return FALSE;
  sig = g_base64_decode (endorsement, &sig_len);
  if (sig_len == 0)
    return FALSE;
  message = endorsement_message (new_fingerprint);
  x509 = x509_from_pem (old_certificate->certificate_pem);
  ctx = EVP_MD_CTX_new ();
  if (x509 != NULL && ctx != NULL &&
      EVP_DigestVerifyInit (ctx, NULL, EVP_sha256 (), NULL, X509_get0_pubkey (x509)) == 1)
    ok = EVP_DigestVerify (ctx, sig, sig_len, (const unsigned char *) message, strlen (message)) == 1;
  EVP_MD_CTX_free (ctx);
  X509_free (x509);
  return ok;
}

/**
 * rct_keys_sign_xmldsig:
 *
 * Signs @data (a canonical SignedInfo) with @key by ECDSA-SHA256, in the
 * form XML-DSig gives it: r and s, 32 bytes each, one after the other.
 *
 * Returns: (transfer full) (nullable): the 64 bytes
 */
GBytes *
rct_keys_sign_xmldsig (const RctSigningKey *key,
                       const guint8        *data,
                       gsize                len)
{
  EVP_PKEY *pkey = pkey_from_pem (key->key_pem);
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  unsigned char der[256];
  size_t der_len = sizeof der;
  const unsigned char *p = der;
  ECDSA_SIG *sig = NULL;
  guint8 raw[64];
  GBytes *result = NULL;

  if (pkey != NULL && ctx != NULL && EVP_DigestSignInit (ctx, NULL, EVP_sha256 (), NULL, pkey) == 1 &&
      EVP_DigestSign (ctx, der, &der_len, data, len) == 1)
    sig = d2i_ECDSA_SIG (NULL, &p, der_len);
  if (sig != NULL && BN_bn2binpad (ECDSA_SIG_get0_r (sig), raw, 32) == 32 &&
      BN_bn2binpad (ECDSA_SIG_get0_s (sig), raw + 32, 32) == 32)
    result = g_bytes_new (raw, sizeof raw);
  ECDSA_SIG_free (sig);
  EVP_MD_CTX_free (ctx);
  EVP_PKEY_free (pkey);
  return result;
}

/**
 * rct_certificate_verify_xmldsig:
 *
 * Returns: whether @signature (r and s, as XML-DSig gives them) is the
 *   ECDSA-SHA256 signature of @certificate's key over @data
 */
gboolean
rct_certificate_verify_xmldsig (const RctCertificate *certificate,
                                const guint8         *data,
                                gsize                 len,
                                const guint8         *signature,
                                gsize                 signature_len)
{
  X509 *x509;
  EVP_MD_CTX *ctx;
  ECDSA_SIG *sig;
  BIGNUM *r, *s;
  unsigned char *der = NULL;
  int der_len;
  gboolean ok = FALSE;

  if (certificate == NULL || signature_len != 64)
    return FALSE;
  sig = ECDSA_SIG_new ();
  r = BN_bin2bn (signature, 32, NULL);
  s = BN_bin2bn (signature + 32, 32, NULL);
  if (sig == NULL || r == NULL || s == NULL || ECDSA_SIG_set0 (sig, r, s) != 1)
    {
      BN_free (r);
      BN_free (s);
      ECDSA_SIG_free (sig);
      return FALSE;
    }
  der_len = i2d_ECDSA_SIG (sig, &der);
  ECDSA_SIG_free (sig);
  x509 = x509_from_pem (certificate->certificate_pem);
  ctx = EVP_MD_CTX_new ();
  if (der_len > 0 && x509 != NULL && ctx != NULL &&
      EVP_DigestVerifyInit (ctx, NULL, EVP_sha256 (), NULL, X509_get0_pubkey (x509)) == 1)
    ok = EVP_DigestVerify (ctx, der, der_len, data, len) == 1;
  EVP_MD_CTX_free (ctx);
  X509_free (x509);
  OPENSSL_free (der);
  return ok;
}
