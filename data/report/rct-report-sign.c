/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report-sign"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
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
  g_autoptr(RctOrganisation) org = NULL;
  g_autoptr(RctSigningKey) key = NULL;
  g_autoptr(RctCertificate) previous = NULL;
  g_autofree char *endorsement = NULL;

  /* A ledger older than organisations (schema 6), opened read-only, still
   * exports for viewing; its report names no organisation, so no key could
   * be trusted for it and it is never merged: it stays unsigned. */
  if (rct_store_get_organisation_uuid (store) == NULL)
    return TRUE;
  org = rct_store_dup_organisation (store, error);
  if (org == NULL)
    return FALSE;
  key = rct_keys_ensure (org, error);
  if (key == NULL)
    return FALSE;
  rct_trust_get_rotation (store, key->certificate->fingerprint, &previous, &endorsement);
  return rct_sign_file (path, key, previous, endorsement, error);
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

static guint
count_signatures (xmlNodePtr node,
                  guint      limit)
{
  guint n = 0;

  /* Iterative, so a deep document costs no stack. */
  for (xmlNodePtr cur = node; cur != NULL && n < limit;)
    {
      if (is_dsig (cur, "Signature"))
        n++;
      if (cur->type == XML_ELEMENT_NODE && cur->children != NULL)
        {
          cur = cur->children;
          continue;
        }
      while (cur != NULL && cur != node && cur->next == NULL)
        cur = cur->parent;
      if (cur == NULL || cur == node)
        break;
      cur = cur->next;
    }
  return n;
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

static xmlNodePtr
child_element (xmlNodePtr  node,
               const char *name)
{
  for (xmlNodePtr c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && xmlStrEqual (c->name, BAD_CAST name))
      return c;
  return NULL;
}

static char *
dup_prop (xmlNodePtr  node,
          const char *name)
{
  g_autofree xmlChar *value = node != NULL ? xmlGetNoNsProp (node, BAD_CAST name) : NULL;

  return value != NULL ? g_strdup ((const char *) value) : NULL;
}

static char *
dup_text (xmlNodePtr node)
{
  g_autofree xmlChar *value = node != NULL ? xmlNodeGetContent (node) : NULL;

  return value != NULL ? g_strdup ((const char *) value) : NULL;
}

/* Who the file says made it: a report's header organisation, a set-up
 * file's office. */
static void
read_maker (xmlNodePtr    root,
            RctSignature *sig)
{
  xmlNodePtr header = child_element (root, "header");
  xmlNodePtr org;

  if (header != NULL)
    {
      org = child_element (header, "organisation");
      sig->signed_at = dup_text (child_element (header, "generatedAt"));
    }
  else
    {
      org = child_element (root, "office");
      sig->signed_at = dup_text (child_element (root, "generatedAt"));
    }
  sig->organisation_uuid = dup_prop (org, "uuid");
  sig->organisation_name = dup_prop (org, "name");
  if (sig->organisation_uuid != NULL && !g_uuid_string_is_valid (sig->organisation_uuid))
    g_clear_pointer (&sig->organisation_uuid, g_free);
}

static gboolean
verify_with_xmlsec (xmlNodePtr     signature,
                    RctSignature  *sig)
{
  g_autoptr(GBytes) der = rct_certificate_get_der (sig->certificate);
  xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate (NULL);
  gboolean ok;

  /* The same list as check_shape(), so xmlsec itself refuses anything else. */
  ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
  ok = xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformEnvelopedId) >= 0 &&
       xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformExclC14NId) >= 0 &&
       xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformSha256Id) >= 0 &&
       xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformExclC14NId) >= 0 &&
       xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformEcdsaSha256Id) >= 0;
  ctx->signKey = xmlSecOpenSSLAppKeyLoadMemory (g_bytes_get_data (der, NULL), g_bytes_get_size (der),
                                                xmlSecKeyDataFormatCertDer, NULL, NULL, NULL);
  ok = ok && ctx->signKey != NULL && xmlSecDSigCtxVerify (ctx, signature) >= 0 &&
       ctx->status == xmlSecDSigStatusSucceeded;
  xmlSecDSigCtxDestroy (ctx);
  return ok;
}

/**
 * rct_signature_read:
 *
 * Reads and checks the signature of the report or set-up file at @path:
 * whether it has one, whether it has the one shape Rectify makes, whether
 * it matches the file. Trust is not decided here.
 *
 * Returns: (transfer full): what the signature says
 */
RctSignature *
rct_signature_read (const char   *path,
                    GCancellable *cancellable)
{
  g_autoptr(RctSignature) sig = g_new0 (RctSignature, 1);
  xmlDocPtr doc;
  xmlNodePtr root, last = NULL;
  guint count;
  const char *problem = NULL;

  sig->status = RCT_SIGNATURE_UNREADABLE;
  if (!ensure_xmlsec (NULL))
    return g_steal_pointer (&sig);
  doc = read_document (path, cancellable);
  if (doc == NULL)
    return g_steal_pointer (&sig);
  root = xmlDocGetRootElement (doc);
  read_maker (root, sig);
  for (xmlNodePtr c = root->last; c != NULL && last == NULL; c = c->prev)
    if (c->type == XML_ELEMENT_NODE)
      last = c;

  count = count_signatures (root, 2);
  if (count == 0)
    sig->status = RCT_SIGNATURE_NONE;
  else if (count > 1 || !is_dsig (last, "Signature"))
    {
      sig->status = RCT_SIGNATURE_HOSTILE;
      problem = N_("it holds more than one signature, or one out of its place");
    }
  else if (!check_shape (last, sig, &problem))
    sig->status = RCT_SIGNATURE_HOSTILE;
  else if (verify_with_xmlsec (last, sig))
    sig->status = RCT_SIGNATURE_VERIFIED;
  else
    sig->status = RCT_SIGNATURE_CHANGED;
  if (sig->status == RCT_SIGNATURE_HOSTILE)
    sig->problem = g_strdup (_(problem));
  xmlFreeDoc (doc);
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
