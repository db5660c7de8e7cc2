/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report-sign"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlsave.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/templates.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>
#include <openssl/evp.h>

#include "rct-c14n.h"
#include "rct-store-private.h"
#include "rct-report-sign.h"
#include "rct-report.h"
#include "rct-trust.h"

/* Signed reports and set-up files (issue 21, docs/EXCHANGE.md). One
 * enveloped XML-DSig signature, the last child of the root: exclusive
 * C14N, a single Reference with URI="" (the whole document) through the
 * enveloped-signature and exclusive C14N transforms, SHA-256 digest,
 * ECDSA-SHA256, the certificate in KeyInfo/X509Data. xmlsec1 (OpenSSL)
 * computes and checks it.
 *
 * A file from outside is hostile: before xmlsec sees it, the signature must
 * have exactly that shape (one ds:Signature in the whole document, where
 * it belongs; only those algorithms; one certificate of at most 16 KB);
 * xmlsec is then held to the same list (enabledReferenceUris: the empty URI
 * only; enabledReferenceTransforms and the signature transforms: those
 * four), and is given the key from that certificate so it reads nothing
 * else of KeyInfo (no key manager, no retrieval, no key names). Whether the
 * certificate is the trusted one is rct-trust.c's question. */

G_DEFINE_QUARK (rct-sign-error-quark, rct_sign_error)

struct _RctSigner
{
  RctSigningKey  *key;
  RctCertificate *previous;
  char           *endorsement;
};

#define DSIG_NS "http://www.w3.org/2000/09/xmldsig#"
#define ALG_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define ALG_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define ALG_SHA256 "http://www.w3.org/2001/04/xmlenc#sha256"
#define ALG_ECDSA_SHA256 "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
/* Bounds of what a signature may hold: Rectify's has 13 elements. */
#define MAX_SIGNATURE_ELEMENTS 32
#define MAX_BASE64_BYTES (24 * 1024)
#define MAX_FILE_BYTES ((goffset) 4 * 1024 * 1024 * 1024)

static void
quiet_xmlsec_cb (const char *file,
                 int         line,
                 const char *func,
                 const char *error_object,
                 const char *error_subject,
                 int         reason,
                 const char *msg)
{
  g_debug ("xmlsec: %s: %s (%d)", func != NULL ? func : "", msg != NULL ? msg : "", reason);
}

static gboolean
ensure_xmlsec (GError **error)
{
  static gsize state = 0;

  if (g_once_init_enter (&state))
    {
      xmlExternalEntityLoader loader = xmlGetExternalEntityLoader ();
      gboolean ok;

      ok = xmlSecInit () >= 0 && xmlSecCheckVersion () == 1 && xmlSecOpenSSLAppInit (NULL) >= 0 &&
           xmlSecOpenSSLInit () >= 0;
      /* After xmlSecInit(), which sets its own: a refused signature is a
       * GError for the clerk, not lines on stderr. */
      xmlSecErrorsSetCallback (quiet_xmlsec_cb);
      /* xmlSecInit() puts in a process-wide entity loader that refuses any
       * input but a parse's first, which breaks libxml2's and libxslt's
       * other readers (htmlReadFile); ours never load entities or DTDs
       * (NONET, no NOENT, DTDs refused), so libxml2's own goes back. */
      xmlSetExternalEntityLoader (loader);
      g_once_init_leave (&state, ok ? 1 : 2);
    }
  if (state != 1)
    {
      g_set_error_literal (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_FAILED,
                           _("The signature library (xmlsec1) could not be started."));
      return FALSE;
    }
  return TRUE;
}

/* ---- reading and writing a document through GIO ---- */

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  goffset       bytes;
  gboolean      too_large;
} Input;

static int
read_cb (void *context,
         char *buffer,
         int   len)
{
  Input *in = context;
  gssize n = g_input_stream_read (in->stream, buffer, len, in->cancellable, NULL);

  if (n < 0)
    return -1;
  in->bytes += n;
  if (in->bytes > MAX_FILE_BYTES)
    {
      in->too_large = TRUE;
      return -1;
    }
  return (int) n;
}

static int
close_input_cb (void *context)
{
  return 0;
}

/* The document, or NULL when it is not well-formed XML without a DTD (the
 * report reader then says what is wrong with it). */
static xmlDocPtr
read_document (const char   *path,
               GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Input in = { 0 };
  xmlDocPtr doc;

  /* Never an open ledger through a descriptor of ours (its locks). */
  if (_rct_store_file_is_open (path))
    return NULL;
  in.stream = G_INPUT_STREAM (g_file_read (file, cancellable, NULL));
  if (in.stream == NULL)
    return NULL;
  in.cancellable = cancellable;
  /* NONET only, as the reader: no DTD loading, no entities substituted. */
  doc = xmlReadIO (read_cb, close_input_cb, &in, "file.xml", NULL,
                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_object_unref (in.stream);
  if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL || in.too_large ||
                      xmlDocGetRootElement (doc) == NULL))
    g_clear_pointer (&doc, xmlFreeDoc);
  return doc;
}

static int
write_cb (void       *context,
          const char *buffer,
          int         len)
{
  GOutputStream *out = context;

  return g_output_stream_write_all (out, buffer, len, NULL, NULL, NULL) ? len : -1;
}

static int
close_output_cb (void *context)
{
  return 0;
}

/* Writes @doc over @path, through a temporary file beside it; byte for
 * byte as parsed (no re-indenting: the digest covers the text nodes). */
static gboolean
write_document (xmlDocPtr    doc,
                const char  *path,
                GError     **error)
{
  g_autofree char *temp = g_strconcat (path, ".signing", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (temp);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  xmlSaveCtxtPtr save;
  gboolean ok;

  if (out == NULL)
    return FALSE;
  save = xmlSaveToIO (write_cb, close_output_cb, out, "UTF-8", 0);
  ok = save != NULL && xmlSaveDoc (save, doc) >= 0;
  ok = save != NULL && xmlSaveClose (save) >= 0 && ok;
  ok = g_output_stream_close (G_OUTPUT_STREAM (out), NULL, ok ? error : NULL) && ok;
  if (ok && g_rename (temp, path) != 0)
    ok = FALSE;
  if (!ok)
    {
      g_unlink (temp);
      if (error != NULL && *error == NULL)
        g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_FAILED, _("Cannot write “%s”."), path);
    }
  return ok;
}

/* ---- signing ---- */

static void
add_rotation (xmlNodePtr            signature,
              const RctCertificate *previous,
              const char           *endorsement)
{
  g_autoptr(GBytes) der = rct_certificate_get_der (previous);
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  xmlNodePtr object = xmlSecTmplSignatureAddObject (signature, NULL, NULL, NULL);
  xmlNodePtr rotation = xmlNewChild (object, NULL, BAD_CAST "keyRotation", NULL);
  xmlNsPtr ns = xmlNewNs (rotation, BAD_CAST RCT_KEYS_NAMESPACE, NULL);

  xmlSetNs (rotation, ns);
  xmlNewProp (rotation, BAD_CAST "previousFingerprint", BAD_CAST previous->fingerprint);
  xmlNewProp (rotation, BAD_CAST "endorsement", BAD_CAST endorsement);
  xmlNewTextChild (rotation, ns, BAD_CAST "previousCertificate", BAD_CAST b64);
}

/**
 * rct_sign_file:
 * @previous: (nullable): the certificate @key replaced, announced in the
 *   signature's Object with @endorsement (its key's word for @key)
 *
 * Signs the XML file at @path in place with @key: an enveloped XML-DSig
 * signature over the whole document, appended as the root's last child.
 * For a file written by something else (the tests' forgers): through
 * xmlsec, on a tree of the whole file. Rectify's own reports and set-up
 * files are signed while they are written (rct_signer_sign()).
 */
gboolean
rct_sign_file (const char           *path,
               const RctSigningKey  *key,
               const RctCertificate *previous,
               const char           *endorsement,
               GError              **error)
{
  xmlDocPtr doc;
  xmlNodePtr signature, reference, key_info, x509_data;
  xmlSecKeyPtr sec_key = NULL;
  xmlSecDSigCtxPtr ctx = NULL;
  gboolean ok = FALSE;

  if (!ensure_xmlsec (error))
    return FALSE;
  doc = read_document (path, NULL);
  if (doc == NULL)
    {
      g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_FAILED, _("Cannot read “%s” back to sign it."), path);
      return FALSE;
    }
  signature = xmlSecTmplSignatureCreate (doc, xmlSecTransformExclC14NId, xmlSecTransformEcdsaSha256Id, NULL);
  xmlAddChild (xmlDocGetRootElement (doc), signature);
  reference = xmlSecTmplSignatureAddReference (signature, xmlSecTransformSha256Id, NULL, BAD_CAST "", NULL);
  xmlSecTmplReferenceAddTransform (reference, xmlSecTransformEnvelopedId);
  xmlSecTmplReferenceAddTransform (reference, xmlSecTransformExclC14NId);
  key_info = xmlSecTmplSignatureEnsureKeyInfo (signature, NULL);
  x509_data = xmlSecTmplKeyInfoAddX509Data (key_info);
  xmlSecTmplX509DataAddCertificate (x509_data);
  if (previous != NULL && endorsement != NULL)
    add_rotation (signature, previous, endorsement);

  sec_key = xmlSecOpenSSLAppKeyLoadMemory ((const xmlSecByte *) key->key_pem, strlen (key->key_pem),
                                           xmlSecKeyDataFormatPem, NULL, NULL, NULL);
  if (sec_key != NULL &&
      xmlSecOpenSSLAppKeyCertLoadMemory (sec_key, (const xmlSecByte *) key->certificate->certificate_pem,
                                         strlen (key->certificate->certificate_pem), xmlSecKeyDataFormatPem) >= 0)
    {
      ctx = xmlSecDSigCtxCreate (NULL);
      ctx->signKey = g_steal_pointer (&sec_key);
      ok = xmlSecDSigCtxSign (ctx, signature) >= 0;
    }
  if (sec_key != NULL)
    xmlSecKeyDestroy (sec_key);
  if (ctx != NULL)
    xmlSecDSigCtxDestroy (ctx);
  if (ok)
    ok = write_document (doc, path, error);
  else
    g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_FAILED,
                 _("“%s” could not be signed with the organisation's key."), path);
  xmlFreeDoc (doc);
  return ok;
}

/**
 * rct_sign_file_for_store:
 *
 * Signs @path with the key of @store's organisation, made now if it has
 * none; the first file signed after a rotation carries the rotation.
 */
gboolean
rct_sign_file_for_store (RctStore    *store,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RctSigner) signer = rct_signer_new_for_store (store, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (signer == NULL)
    return TRUE;
  return rct_sign_file (path, signer->key, signer->previous, signer->endorsement, error);
}

/* ---- signing while writing ---- */

/**
 * rct_signer_new_for_store:
 *
 * The key of @store's organisation, made now if it has none, and the
 * rotation the next file announces, if any.
 *
 * Returns: (transfer full) (nullable): the signer; %NULL without an error
 *   for a ledger with no organisation, whose files stay unsigned
 */
RctSigner *
rct_signer_new_for_store (RctStore  *store,
                          GError   **error)
{
  g_autoptr(RctOrganisation) org = NULL;
  RctSigner *signer;
  RctSigningKey *key;

  /* A ledger older than organisations (schema 6), opened read-only, still
   * exports for viewing; its report names no organisation, so no key could
   * be trusted for it and it is never merged: it stays unsigned. */
  if (rct_store_get_organisation_uuid (store) == NULL)
    return NULL;
  org = rct_store_dup_organisation (store, error);
  if (org == NULL)
    return NULL;
  key = rct_keys_ensure (org, error);
  if (key == NULL)
    return NULL;
  signer = g_new0 (RctSigner, 1);
  signer->key = key;
  rct_trust_get_rotation (store, key->certificate->fingerprint, &signer->previous, &signer->endorsement);
  return signer;
}

void
rct_signer_free (RctSigner *signer)
{
  if (signer == NULL)
    return;
  rct_signing_key_free (signer->key);
  rct_certificate_free (signer->previous);
  g_free (signer->endorsement);
  g_free (signer);
}

struct _RctDigest
{
  EVP_MD_CTX *ctx;
};

/**
 * rct_digest_new:
 *
 * Returns: (transfer full): a SHA-256 of the bytes given to
 *   rct_digest_update(), made by OpenSSL
 */
RctDigest *
rct_digest_new (void)
{
  RctDigest *digest = g_new0 (RctDigest, 1);

  digest->ctx = EVP_MD_CTX_new ();
  /* Fails only out of memory, where GLib aborts as well. */
  if (digest->ctx == NULL || EVP_DigestInit_ex (digest->ctx, EVP_sha256 (), NULL) != 1)
    g_assert_not_reached ();
  return digest;
}

void
rct_digest_update (RctDigest  *digest,
                   const void *bytes,
                   gsize       len)
{
  if (len > 0)
    EVP_DigestUpdate (digest->ctx, bytes, len);
}

/* The digest of everything given; no more may be given after. */
void
rct_digest_get (RctDigest *digest,
                guint8     out[32])
{
  unsigned int len = 32;

  EVP_DigestFinal_ex (digest->ctx, out, &len);
}

void
rct_digest_free (RctDigest *digest)
{
  if (digest == NULL)
    return;
  EVP_MD_CTX_free (digest->ctx);
  g_free (digest);
}

static void
c14n_append_cb (const guchar *bytes,
                gsize         len,
                gpointer      user_data)
{
  g_byte_array_append (user_data, bytes, len);
}

/* The exclusive canonical form of a small document in memory. */
static GByteArray *
canonical_form (const char *xml)
{
  GByteArray *out = g_byte_array_new ();
  xmlTextReaderPtr reader = xmlReaderForMemory (xml, strlen (xml), "signed-info.xml", NULL, XML_PARSE_NONET);
  g_autoptr(RctC14n) c14n = rct_c14n_new (c14n_append_cb, out);
  int rc = -1;

  while (reader != NULL && (rc = xmlTextReaderRead (reader)) == 1)
    rct_c14n_node (c14n, reader);
  rct_c14n_flush (c14n);
  if (reader != NULL)
    xmlFreeTextReader (reader);
  if (rc != 0)
    g_byte_array_set_size (out, 0);
  return out;
}

/**
 * rct_signer_sign:
 * @digest: the SHA-256 of the document's exclusive canonical form without
 *   its signature
 *
 * The enveloped signature over a document of that digest, as the root's
 * last child, laid out as xmlsec lays it out: SignedInfo with the one
 * Reference (URI="", enveloped and exclusive C14N, SHA-256), its
 * ECDSA-SHA256 value over SignedInfo's canonical form, the certificate,
 * and the rotation announced if any.
 *
 * Returns: (transfer full) (nullable): the Signature element
 */
char *
rct_signer_sign (RctSigner     *signer,
                 const guint8  *digest,
                 gsize          digest_len,
                 GError       **error)
{
  g_autofree char *digest_b64 = g_base64_encode (digest, digest_len);
  g_autoptr(GBytes) der = rct_certificate_get_der (signer->key->certificate);
  g_autofree char *certificate_b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  g_autofree char *inner = NULL, *standalone = NULL, *value_b64 = NULL;
  g_autoptr(GByteArray) canonical = NULL;
  g_autoptr(GBytes) value = NULL;
  GString *signature;

  inner = g_strdup_printf ("\n<CanonicalizationMethod Algorithm=\"" ALG_EXC_C14N "\"/>"
                           "\n<SignatureMethod Algorithm=\"" ALG_ECDSA_SHA256 "\"/>"
                           "\n<Reference URI=\"\">"
                           "\n<Transforms>"
                           "\n<Transform Algorithm=\"" ALG_ENVELOPED "\"/>"
                           "\n<Transform Algorithm=\"" ALG_EXC_C14N "\"/>"
                           "\n</Transforms>"
                           "\n<DigestMethod Algorithm=\"" ALG_SHA256 "\"/>"
                           "\n<DigestValue>%s</DigestValue>"
                           "\n</Reference>"
                           "\n", digest_b64);
  /* SignedInfo's canonical form does not depend on where it is (exclusive
   * C14N): alone, with the namespace it inherits, it is the same. */
  standalone = g_strconcat ("<SignedInfo xmlns=\"" DSIG_NS "\">", inner, "</SignedInfo>", NULL);
  canonical = canonical_form (standalone);
  if (canonical->len > 0)
    value = rct_keys_sign_xmldsig (signer->key, canonical->data, canonical->len);
  if (value == NULL)
    {
      g_set_error_literal (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_FAILED,
                           _("The report could not be signed with the organisation's key."));
      return NULL;
    }
  value_b64 = g_base64_encode (g_bytes_get_data (value, NULL), g_bytes_get_size (value));

  signature = g_string_new ("<Signature xmlns=\"" DSIG_NS "\">\n<SignedInfo>");
  g_string_append (signature, inner);
  g_string_append_printf (signature, "</SignedInfo>\n<SignatureValue>%s</SignatureValue>\n"
                          "<KeyInfo>\n<X509Data>\n<X509Certificate>%s</X509Certificate>\n</X509Data>\n</KeyInfo>\n",
                          value_b64, certificate_b64);
  if (signer->previous != NULL && signer->endorsement != NULL)
    {
      g_autoptr(GBytes) previous = rct_certificate_get_der (signer->previous);
      g_autofree char *previous_b64 = g_base64_encode (g_bytes_get_data (previous, NULL), g_bytes_get_size (previous));

      g_string_append (signature, "<Object><keyRotation xmlns=\"" RCT_KEYS_NAMESPACE "\" endorsement=\"");
      rct_c14n_escape_attribute (signature, signer->endorsement);
      g_string_append (signature, "\" previousFingerprint=\"");
      rct_c14n_escape_attribute (signature, signer->previous->fingerprint);
      g_string_append_printf (signature, "\"><previousCertificate>%s</previousCertificate></keyRotation></Object>\n",
                              previous_b64);
    }
  g_string_append (signature, "</Signature>");
  return g_string_free (signature, FALSE);
}

/* ---- verifying ---- */

static gboolean
is_dsig (xmlNodePtr  node,
         const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         xmlStrEqual (node->ns->href, BAD_CAST DSIG_NS) && xmlStrEqual (node->name, BAD_CAST name);
}

/* The element children of @node; FALSE if it has text other than white
 * space, or more than @max elements. */
static gboolean
element_children (xmlNodePtr  node,
                  xmlNodePtr *children,
                  guint       max,
                  guint      *n)
{
  *n = 0;
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    {
      if (c->type == XML_ELEMENT_NODE)
        {
          if (*n >= max)
            return FALSE;
          children[(*n)++] = c;
        }
      else if (c->type == XML_TEXT_NODE)
        {
          for (const xmlChar *p = c->content; p != NULL && *p != '\0'; p++)
            if (!g_ascii_isspace (*p))
              return FALSE;
        }
      else if (c->type != XML_COMMENT_NODE)
        return FALSE;
    }
  return TRUE;
}

/* Base64 is text only: an element inside it (nested deep, perhaps) is not. */
static gboolean
has_element_child (xmlNodePtr node)
{
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    if (c->type != XML_TEXT_NODE)
      return TRUE;
  return FALSE;
}

static gboolean
has_algorithm (xmlNodePtr  node,
               const char *algorithm)
{
  g_autofree xmlChar *value = xmlGetNoNsProp (node, BAD_CAST "Algorithm");
  guint n;
  xmlNodePtr none[1];

  return value != NULL && xmlStrEqual (value, BAD_CAST algorithm) && element_children (node, none, 0, &n);
}

/* Text of @node, at most MAX_BASE64_BYTES, white space dropped. */
static guchar *
decode_base64 (xmlNodePtr  node,
               gsize      *len)
{
  g_autofree xmlChar *text = xmlNodeGetContent (node);
  g_autoptr(GString) clean = g_string_new (NULL);

  *len = 0;
  if (text == NULL || strlen ((const char *) text) > MAX_BASE64_BYTES)
    return NULL;
  for (const xmlChar *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (clean, *p);
  if (clean->len == 0)
    return NULL;
  return g_base64_decode (clean->str, len);
}

static gboolean
check_reference (xmlNodePtr   reference,
                 const char **problem)
{
  xmlNodePtr kids[4], transforms[4];
  g_autofree xmlChar *uri = xmlGetNoNsProp (reference, BAD_CAST "URI");
  guint n, nt, i = 0;
  gboolean enveloped = FALSE;

  if (uri == NULL || *uri != '\0')
    {
      *problem = N_("it refers to something other than the whole file");
      return FALSE;
    }
  if (!element_children (reference, kids, 3, &n) || n < 2)
    return FALSE;
  if (is_dsig (kids[0], "Transforms"))
    {
      if (!element_children (kids[0], transforms, 2, &nt))
        {
          *problem = N_("it transforms the file in ways Rectify does not (only enveloped and exclusive C14N)");
          return FALSE;
        }
      for (guint t = 0; t < nt; t++)
        {
          if (is_dsig (transforms[t], "Transform") && has_algorithm (transforms[t], ALG_ENVELOPED))
            enveloped = TRUE;
          else if (!is_dsig (transforms[t], "Transform") || !has_algorithm (transforms[t], ALG_EXC_C14N))
            {
              *problem = N_("it transforms the file in ways Rectify does not (only enveloped and exclusive C14N)");
              return FALSE;
            }
        }
      i++;
    }
  if (!enveloped)
    {
      *problem = N_("it is not an enveloped signature over the whole file");
      return FALSE;
    }
  if (n != i + 2 || !is_dsig (kids[i], "DigestMethod") || !is_dsig (kids[i + 1], "DigestValue"))
    return FALSE;
  if (!has_algorithm (kids[i], ALG_SHA256))
    {
      *problem = N_("it uses an algorithm other than SHA-256 and ECDSA");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_rotation (xmlNodePtr    object,
               RctSignature *sig)
{
  xmlNodePtr kids[1], inner[1];
  g_autofree guchar *der = NULL;
  g_autofree xmlChar *endorsement = NULL;
  gsize len;
  guint n, m;

  if (!element_children (object, kids, 1, &n) || n != 1 || kids[0]->ns == NULL ||
      !xmlStrEqual (kids[0]->ns->href, BAD_CAST RCT_KEYS_NAMESPACE) ||
      !xmlStrEqual (kids[0]->name, BAD_CAST "keyRotation"))
    return FALSE;
  if (!element_children (kids[0], inner, 1, &m) || m != 1 || !xmlStrEqual (inner[0]->name, BAD_CAST "previousCertificate"))
    return FALSE;
  endorsement = xmlGetNoNsProp (kids[0], BAD_CAST "endorsement");
  der = decode_base64 (inner[0], &len);
  if (endorsement == NULL || der == NULL)
    return FALSE;
  sig->previous_certificate = rct_certificate_new_from_der (der, len, NULL);
  sig->endorsement = g_strdup ((const char *) endorsement);
  return sig->previous_certificate != NULL;
}

/* Whether @signature has the shape Rectify writes, and nothing more; reads
 * its certificate and any rotation. */
static gboolean
check_shape (xmlNodePtr    signature,
             RctSignature *sig,
             const char  **problem)
{
  xmlNodePtr kids[5], signed_info[4], key_info[2], x509[2];
  g_autofree guchar *der = NULL;
  gsize der_len;
  guint n, ns, nk, nx;

  *problem = N_("it is not the signature Rectify makes");
  if (!element_children (signature, kids, 4, &n) || n < 3 || !is_dsig (kids[0], "SignedInfo") ||
      !is_dsig (kids[1], "SignatureValue") || !is_dsig (kids[2], "KeyInfo"))
    return FALSE;
  if (n == 4 && (!is_dsig (kids[3], "Object") || !read_rotation (kids[3], sig)))
    return FALSE;

  if (!element_children (kids[0], signed_info, 3, &ns) || ns != 3)
    {
      *problem = N_("it signs more than one thing, or nothing");
      return FALSE;
    }
  if (!is_dsig (signed_info[0], "CanonicalizationMethod") || !is_dsig (signed_info[1], "SignatureMethod") ||
      !is_dsig (signed_info[2], "Reference"))
    return FALSE;
  if (!has_algorithm (signed_info[0], ALG_EXC_C14N) || !has_algorithm (signed_info[1], ALG_ECDSA_SHA256))
    {
      *problem = N_("it uses an algorithm other than SHA-256 and ECDSA");
      return FALSE;
    }
  if (!check_reference (signed_info[2], problem))
    return FALSE;

  *problem = N_("it carries something other than one certificate");
  if (!element_children (kids[2], key_info, 1, &nk) || nk != 1 || !is_dsig (key_info[0], "X509Data") ||
      !element_children (key_info[0], x509, 1, &nx) || nx != 1 || !is_dsig (x509[0], "X509Certificate") ||
      has_element_child (x509[0]))
    return FALSE;
  der = decode_base64 (x509[0], &der_len);
  if (der == NULL)
    return FALSE;
  sig->certificate = rct_certificate_new_from_der (der, der_len, NULL);
  if (sig->certificate == NULL)
    {
      *problem = N_("its certificate is not an ECDSA P-256 certificate");
      return FALSE;
    }
  return TRUE;
}

/* ---- verifying, streamed ---- */

/* Bounds of the signature's subtree as read: Rectify's has 13 elements,
 * 9 attributes, 3 levels and about 2 KB of text. */
#define MAX_CAPTURED_ELEMENTS 64
#define MAX_CAPTURED_DEPTH 8
#define MAX_CAPTURED_TEXT (64 * 1024)

typedef struct
{
  RctSignature    *sig;
  xmlTextReaderPtr reader;
  RctDigest       *digest;      /* of the document without its signature */
  RctC14n         *c14n;
  GByteArray      *signed_info; /* its canonical form */
  RctC14n         *signed_info_c14n;
  int              signed_info_depth;
  xmlDocPtr        captured;    /* the signature's subtree, bounded */
  xmlNodePtr       current;
  guint            captured_elements;
  gsize            captured_text;
  gboolean         too_big;
  int              signatures;
  gboolean         signature_done;
  gboolean         misplaced;
  gboolean         in_header;
  char           **text_into;   /* the text of the element at text_depth */
  int              text_depth;
} Verify;

static void
checksum_cb (const guchar *bytes,
             gsize         len,
             gpointer      user_data)
{
  rct_digest_update (user_data, bytes, len);
}

static void
append_cb (const guchar *bytes,
           gsize         len,
           gpointer      user_data)
{
  g_byte_array_append (user_data, bytes, len);
}

static gboolean
reader_is_dsig (xmlTextReaderPtr reader,
                const char      *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstNamespaceUri (reader), DSIG_NS) == 0 &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

/* The namespace @uri, as @node sees it or declared on it. */
static xmlNsPtr
captured_ns (Verify        *v,
             xmlNodePtr     node,
             const xmlChar *uri,
             const xmlChar *prefix)
{
  xmlNsPtr ns;

  if (uri == NULL || *uri == '\0')
    return NULL;
  ns = xmlSearchNsByHref (v->captured, node, uri);
  return ns != NULL ? ns : xmlNewNs (node, uri, prefix);
}

/* One node of the signature's subtree into a small tree of its own, for
 * check_shape(): at most MAX_CAPTURED_ELEMENTS elements, levels and text. */
static void
capture (Verify *v)
{
  xmlTextReaderPtr r = v->reader;
  int type = xmlTextReaderNodeType (r);
  xmlNodePtr node = NULL;

  if (v->too_big)
    return;
  switch (type)
    {
    case XML_READER_TYPE_ELEMENT:
      if (++v->captured_elements > MAX_CAPTURED_ELEMENTS || xmlTextReaderDepth (r) > MAX_CAPTURED_DEPTH)
        {
          v->too_big = TRUE;
          return;
        }
      node = xmlNewDocNode (v->captured, NULL, xmlTextReaderConstLocalName (r), NULL);
      if (v->current == NULL)
        xmlDocSetRootElement (v->captured, node);
      else
        xmlAddChild (v->current, node);
      xmlSetNs (node, captured_ns (v, node, xmlTextReaderConstNamespaceUri (r), xmlTextReaderConstPrefix (r)));
      if (xmlTextReaderMoveToFirstAttribute (r) == 1)
        {
          do
            {
              const xmlChar *value = xmlTextReaderConstValue (r);

              /* Attributes count against the same bounds as elements and text. */
              v->captured_text += value != NULL ? strlen ((const char *) value) : 0;
              if (++v->captured_elements > MAX_CAPTURED_ELEMENTS || v->captured_text > MAX_CAPTURED_TEXT)
                {
                  v->too_big = TRUE;
                  break;
                }
              if (xmlTextReaderIsNamespaceDecl (r) != 1)
                xmlNewNsProp (node, captured_ns (v, node, xmlTextReaderConstNamespaceUri (r), xmlTextReaderConstPrefix (r)),
                              xmlTextReaderConstLocalName (r), value);
            }
          while (xmlTextReaderMoveToNextAttribute (r) == 1);
          xmlTextReaderMoveToElement (r);
        }
      if (xmlTextReaderIsEmptyElement (r) != 1)
        v->current = node;
      return;
    case XML_READER_TYPE_END_ELEMENT:
      if (v->current != NULL)
        v->current = v->current->parent != (xmlNodePtr) v->captured ? v->current->parent : NULL;
      return;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      {
        const xmlChar *text = xmlTextReaderConstValue (r);
        gsize len = text != NULL ? strlen ((const char *) text) : 0;

        v->captured_text += len;
        if (v->captured_text > MAX_CAPTURED_TEXT)
          {
            v->too_big = TRUE;
            return;
          }
        node = xmlNewDocTextLen (v->captured, text, len);
      }
      break;
    case XML_READER_TYPE_COMMENT:
      node = xmlNewDocComment (v->captured, xmlTextReaderConstValue (r));
      break;
    default:
      /* A processing instruction or anything else: check_shape() refuses it. */
      node = xmlNewDocPI (v->captured, BAD_CAST "unexpected", NULL);
      break;
    }
  if (v->current != NULL)
    xmlAddChild (v->current, node);
  else
    xmlFreeNode (node);
}

/* Who the file says made it: a report's header organisation and time, a
 * set-up file's office and time. */
static void
read_maker (Verify *v,
            int     depth)
{
  xmlTextReaderPtr r = v->reader;
  const char *name = (const char *) xmlTextReaderConstLocalName (r);
  int type = xmlTextReaderNodeType (r);

  if (type == XML_READER_TYPE_END_ELEMENT && depth == 1)
    v->in_header = FALSE;
  if (v->text_into != NULL)
    {
      if (type == XML_READER_TYPE_END_ELEMENT && depth == v->text_depth)
        v->text_into = NULL;
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) && depth == v->text_depth + 1)
        {
          char *joined = g_strconcat (*v->text_into != NULL ? *v->text_into : "",
                                      (const char *) xmlTextReaderConstValue (r), NULL);
          g_free (*v->text_into);
          *v->text_into = joined;
        }
      return;
    }
  if (type != XML_READER_TYPE_ELEMENT || name == NULL)
    return;
  if (depth == 1 && g_str_equal (name, "header"))
    v->in_header = xmlTextReaderIsEmptyElement (r) != 1;
  else if (((depth == 2 && v->in_header && g_str_equal (name, "organisation")) ||
            (depth == 1 && g_str_equal (name, "office"))) && v->sig->organisation_uuid == NULL &&
           v->sig->organisation_name == NULL)
    {
      v->sig->organisation_uuid = (char *) xmlTextReaderGetAttribute (r, BAD_CAST "uuid");
      v->sig->organisation_name = (char *) xmlTextReaderGetAttribute (r, BAD_CAST "name");
    }
  else if (((depth == 2 && v->in_header) || depth == 1) && g_str_equal (name, "generatedAt") &&
           v->sig->signed_at == NULL && xmlTextReaderIsEmptyElement (r) != 1)
    {
      v->text_into = &v->sig->signed_at;
      v->text_depth = depth;
    }
}

/* xmlTextReaderGetAttribute()'s strings are libxml2's: the signature's
 * own are GLib's. */
static char *
to_glib_string (char *s)
{
  char *copy = g_strdup (s);

  xmlFree (s);
  return copy;
}

/* One node of the document: digested, unless it is in the signature,
 * which is captured instead. */
static void
verify_node (Verify *v)
{
  xmlTextReaderPtr r = v->reader;
  int depth = xmlTextReaderDepth (r);
  int type = xmlTextReaderNodeType (r);

  read_maker (v, depth);
  if (v->captured != NULL && !v->signature_done)
    {
      /* Inside the signature: its SignedInfo in canonical form too. */
      if (v->signed_info_c14n == NULL && reader_is_dsig (r, "SignedInfo") && depth == 2)
        {
          v->signed_info_c14n = rct_c14n_new (append_cb, v->signed_info);
          v->signed_info_depth = depth;
        }
      if (v->signed_info_c14n != NULL && v->signed_info_depth > 0)
        {
          rct_c14n_node (v->signed_info_c14n, r);
          if ((type == XML_READER_TYPE_END_ELEMENT && depth == v->signed_info_depth) ||
              (type == XML_READER_TYPE_ELEMENT && depth == v->signed_info_depth && xmlTextReaderIsEmptyElement (r) == 1))
            {
              rct_c14n_flush (v->signed_info_c14n);
              v->signed_info_depth = -1;
            }
        }
      capture (v);
      if ((type == XML_READER_TYPE_END_ELEMENT && depth == 1) ||
          (depth == 1 && type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement (r) == 1))
        v->signature_done = TRUE;
      return;
    }
  if (reader_is_dsig (r, "Signature"))
    {
      v->signatures++;
      if (depth != 1 || v->signatures > 1)
        {
          v->misplaced = TRUE;
          return;
        }
      v->captured = xmlNewDoc (BAD_CAST "1.0");
      capture (v);
      if (xmlTextReaderIsEmptyElement (r) == 1)
        v->signature_done = TRUE;
      return;
    }
  /* The signature must be the root's last element. */
  if (v->signature_done && depth == 1 && type == XML_READER_TYPE_ELEMENT)
    v->misplaced = TRUE;
  rct_c14n_node (v->c14n, r);
}

static xmlNodePtr
first_dsig_child (xmlNodePtr  node,
                  const char *name)
{
  for (xmlNodePtr c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is_dsig (c, name))
      return c;
  return NULL;
}

/* Whether the captured signature's digest is the document's and its value
 * the certificate's key's signature over the canonical SignedInfo. */
static gboolean
signature_matches (Verify *v)
{
  xmlNodePtr root = xmlDocGetRootElement (v->captured);
  xmlNodePtr reference = first_dsig_child (first_dsig_child (root, "SignedInfo"), "Reference");
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autofree guchar *claimed = NULL, *value = NULL;
  gsize claimed_len = 0, value_len = 0;

  claimed = decode_base64 (first_dsig_child (reference, "DigestValue"), &claimed_len);
  value = decode_base64 (first_dsig_child (root, "SignatureValue"), &value_len);
  rct_digest_get (v->digest, digest);
  if (claimed == NULL || value == NULL || claimed_len != digest_len || memcmp (claimed, digest, digest_len) != 0)
    return FALSE;
  return rct_certificate_verify_xmldsig (v->sig->certificate, v->signed_info->data, v->signed_info->len, value,
                                         value_len);
}

/**
 * rct_signature_read:
 *
 * Reads and checks the signature of the report or set-up file at @path:
 * whether it has one, whether it has the one shape Rectify makes, whether
 * it matches the file. Trust is not decided here. Streamed: the file is
 * read once by an xmlTextReader, its canonical form (rct-c14n.c) digested
 * on the way and only the signature's small subtree kept, so a report of
 * any size takes the same memory.
 *
 * Returns: (transfer full): what the signature says
 */
RctSignature *
rct_signature_read (const char   *path,
                    GCancellable *cancellable)
{
  g_autoptr(RctSignature) sig = g_new0 (RctSignature, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Input in = { 0 };
  Verify v = { 0 };
  const char *problem = NULL;
  gboolean readable = TRUE;
  guint n = 0;
  int rc;

  sig->status = RCT_SIGNATURE_UNREADABLE;
  /* Never an open ledger through a descriptor of ours (its locks). */
  if (_rct_store_file_is_open (path))
    return g_steal_pointer (&sig);
  in.stream = G_INPUT_STREAM (g_file_read (file, cancellable, NULL));
  if (in.stream == NULL)
    return g_steal_pointer (&sig);
  in.cancellable = cancellable;
  /* NONET only, as the report reader: no DTD loading, no entities substituted. */
  v.reader = xmlReaderForIO (read_cb, close_input_cb, &in, "file.xml", NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (v.reader == NULL)
    {
      g_object_unref (in.stream);
      return g_steal_pointer (&sig);
    }
  v.sig = sig;
  v.digest = rct_digest_new ();
  v.c14n = rct_c14n_new (checksum_cb, v.digest);
  v.signed_info = g_byte_array_new ();
  while (!v.misplaced && (rc = xmlTextReaderRead (v.reader)) == 1)
    {
      if (xmlTextReaderNodeType (v.reader) == XML_READER_TYPE_DOCUMENT_TYPE ||
          xmlTextReaderNodeType (v.reader) == XML_READER_TYPE_ENTITY_REFERENCE ||
          (++n % 4096 == 0 && g_cancellable_is_cancelled (cancellable)))
        {
          readable = FALSE;
          break;
        }
      verify_node (&v);
    }
  if (!v.misplaced && rc != 0)
    readable = FALSE;
  if (in.too_large)
    readable = FALSE;
  rct_c14n_flush (v.c14n);
  if (sig->organisation_uuid != NULL)
    sig->organisation_uuid = to_glib_string (sig->organisation_uuid);
  if (sig->organisation_name != NULL)
    sig->organisation_name = to_glib_string (sig->organisation_name);
  if (sig->organisation_uuid != NULL && !g_uuid_string_is_valid (sig->organisation_uuid))
    g_clear_pointer (&sig->organisation_uuid, g_free);

  if (!readable)
    sig->status = RCT_SIGNATURE_UNREADABLE;
  else if (v.misplaced)
    {
      sig->status = RCT_SIGNATURE_HOSTILE;
      problem = N_("it holds more than one signature, or one out of its place");
    }
  else if (v.signatures == 0)
    sig->status = RCT_SIGNATURE_NONE;
  else if (v.too_big || !check_shape (xmlDocGetRootElement (v.captured), sig, &problem))
    {
      sig->status = RCT_SIGNATURE_HOSTILE;
      if (v.too_big)
        problem = N_("it is not the signature Rectify makes");
    }
  else if (signature_matches (&v))
    sig->status = RCT_SIGNATURE_VERIFIED;
  else
    sig->status = RCT_SIGNATURE_CHANGED;
  if (sig->status == RCT_SIGNATURE_HOSTILE)
    sig->problem = g_strdup (_(problem));

  xmlFreeTextReader (v.reader);
  g_object_unref (in.stream);
  rct_digest_free (v.digest);
  rct_c14n_free (v.c14n);
  rct_c14n_free (v.signed_info_c14n);
  g_byte_array_unref (v.signed_info);
  g_clear_pointer (&v.captured, xmlFreeDoc);
  return g_steal_pointer (&sig);
}

void
rct_signature_free (RctSignature *signature)
{
  if (signature == NULL)
    return;
  rct_certificate_free (signature->certificate);
  rct_certificate_free (signature->previous_certificate);
  g_free (signature->organisation_uuid);
  g_free (signature->organisation_name);
  g_free (signature->signed_at);
  g_free (signature->problem);
  g_free (signature->endorsement);
  g_free (signature);
}
