/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rct-keys.h"
#include "rct-report.h"
#include "rct-report-private.h"
#include "rct-report-sign.h"
#include "rct-test-util.h"
#include "rct-trust.h"

/* Signed reports (issue 21): keys, signatures, trust, hostile signatures. */

static char *dir;          /* 测试 folder with a space: keys and files */
static RctStore *office;   /* the demo: 41 problems */
static char *office_report;

static char *
path_in (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* A copy of @source with @from replaced by @to once; asserts it was there. */
static char *
edited_copy (const char *source,
             const char *from,
             const char *to,
             const char *name)
{
  g_autofree char *text = read_text (source);
  g_autoptr(GString) edited = g_string_new (text);
  char *path = path_in (name);

  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, edited->len, NULL));
  return path;
}

/* A ledger that trusts the office's key, as after a first trust add. */
static RctStore *
trusting_ledger (char **out_dir)
{
  RctStore *store = rct_test_open_new (out_dir);
  g_autoptr(RctSignature) sig = rct_signature_read (office_report, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sig->status, ==, RCT_SIGNATURE_VERIFIED);
  g_assert_true (rct_trust_add (store, sig->organisation_uuid, sig->organisation_name, sig->certificate, &error));
  g_assert_no_error (error);
  return store;
}

/* Importing @path into @store fails with @code, naming @part, and writes nothing. */
static void
assert_refused (RctStore   *store,
                const char *path,
                int         code,
                const char *part)
{
  RctReportSummary summary = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 before = rct_test_count_rows (store, RCT_KIND_PROBLEM);
  gint64 units_before = rct_test_count_rows (store, RCT_KIND_UNIT);

  g_assert_false (rct_report_import (store, path, &summary, NULL, &error));
  g_assert_error (error, RCT_SIGN_ERROR, code);
  g_test_message ("%s", error->message);
  if (part != NULL)
    g_assert_nonnull (strstr (error->message, part));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, before);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_UNIT), ==, units_before);
  rct_report_summary_clear (&summary);
}

static void
assert_merged (RctStore   *store,
               const char *path)
{
  RctReportSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_report_import (store, path, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 41);
  rct_report_summary_clear (&summary);
}

static void
close_ledger (RctStore *store,
              char     *ledger_dir)
{
  rct_store_close (store);
  g_object_unref (store);
  rct_test_remove_dir (ledger_dir);
  g_free (ledger_dir);
}

/* ---- keys ---- */

static void
test_key_files_private (void)
{
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (office, NULL);
  g_autoptr(RctSigningKey) key = rct_keys_load (org->uuid, NULL);
  g_autoptr(RctSigningKey) again = NULL;
  g_autofree char *key_path = NULL, *cert_path = NULL;
  GStatBuf st;

  /* Made on the first signing (the export in main()). */
  g_assert_nonnull (key);
  key_path = g_build_filename (key->folder, "key.pem", NULL);
  cert_path = g_build_filename (key->folder, "cert.pem", NULL);
  g_assert_true (g_str_has_prefix (key->folder, dir));
  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (key->folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (cert_path, &st), ==, 0);

  /* Subject, code and uuid of the organisation; SHA-256 fingerprint. */
  g_assert_cmpstr (key->certificate->subject, ==, org->name);
  g_assert_cmpstr (key->certificate->organisation_uuid, ==, org->uuid);
  g_assert_cmpuint (strlen (key->certificate->fingerprint), ==, 32 * 3 - 1);
  g_assert_true (g_str_has_suffix (key->certificate->valid_until, "Z"));

  /* Loaded again, the same key. */
  again = rct_keys_ensure (org, NULL);
  g_assert_cmpstr (again->certificate->fingerprint, ==, key->certificate->fingerprint);
}

static void
test_key_folder_checked (void)
{
  g_autoptr(GError) error = NULL;

  /* A name from a file never becomes a path unchecked. */
  g_assert_null (rct_keys_folder ("../../etc"));
  g_assert_null (rct_keys_load ("../../etc", &error));
  g_assert_error (error, RCT_KEYS_ERROR, RCT_KEYS_ERROR_BAD);
}

/* ---- signing and verifying ---- */

static void
test_report_verifies (void)
{
  g_autoptr(RctSignature) sig = rct_signature_read (office_report, NULL);
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (office, NULL);
  RctReportSummary summary = { 0 };

  g_assert_cmpint (sig->status, ==, RCT_SIGNATURE_VERIFIED);
  g_assert_cmpstr (sig->organisation_uuid, ==, org->uuid);
  g_assert_cmpstr (sig->certificate->organisation_uuid, ==, org->uuid);
  g_assert_nonnull (sig->signed_at);
  /* The schema takes the signature. */
  g_assert_true (rct_report_validate (office_report, &summary, NULL, NULL));
  g_assert_cmpstr (summary.generated_at, ==, sig->signed_at);
  rct_report_summary_clear (&summary);
}

/* An independent implementation: the xmlsec1 command, told to trust only
 * the office's exported certificate. */
static void
test_xmlsec1_command_verifies (void)
{
  g_autofree char *xmlsec1 = g_find_program_in_path ("xmlsec1");
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (office, NULL);
  g_autoptr(RctSigningKey) key = rct_keys_load (org->uuid, NULL);
  g_autofree char *pem = path_in ("办公室 证书.pem");
  g_autofree char *changed = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  if (xmlsec1 == NULL)
    {
      g_test_skip ("xmlsec1 (the command) is not installed: RECTIFY_TEST_DEPS=1 build-aux/install-deps.sh");
      return;
    }
  g_assert_true (g_file_set_contents (pem, key->certificate->certificate_pem, -1, NULL));
  {
    const char *argv[] = { xmlsec1, "--verify", "--enabled-reference-uris", "empty", "--trusted-pem", pem,
                           office_report, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
    g_test_message ("%s", err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  changed = edited_copy (office_report, "total=\"41\"", "total=\"40\"", "xmlsec1 改过.xml");
  {
    const char *argv[] = { xmlsec1, "--verify", "--enabled-reference-uris", "empty", "--trusted-pem", pem, changed, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
  }
}

/* One character of an element's text, of an attribute, of a record:
 * the signature no longer matches; refused, nothing written. */
static void
test_changed_refused (void)
{
  char *ledger_dir = NULL;
  RctStore *store = trusting_ledger (&ledger_dir);
  const struct { const char *from, *to; } edits[] = {
    { "total=\"41\"", "total=\"42\"" },              /* a figure of the summary */
    { "<title>Supervision report</title>", "<title>Supervision reporT</title>" },
    { "<number>2021-009</number>", "<number>2021-019</number>" },
    /* The signed part of the signature itself: its canonical form changes. */
    { "<SignedInfo>\n", "<SignedInfo> \n" },
    { "<DigestValue>", "<DigestValue>A" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *name = g_strdup_printf ("改过 %u.xml", i);
      g_autofree char *path = edited_copy (office_report, edits[i].from, edits[i].to, name);
      g_autoptr(RctSignature) sig = rct_signature_read (path, NULL);

      g_assert_cmpint (sig->status, ==, RCT_SIGNATURE_CHANGED);
      assert_refused (store, path, RCT_SIGN_ERROR_CHANGED, "changed after it was signed");
    }
  assert_merged (store, office_report);
  close_ledger (store, ledger_dir);
}

/* The signature is read in a thread beside the merge's pass (rct-report-
 * reader.c): held here until that pass is over, so the rows are merged
 * before the verdict, and must still wait for it. */
typedef struct
{
  GMutex    lock;
  GCond     cond;
  gboolean  merged;
  gboolean  read_after_merge;
  RctStore *store;
  gint64    problems_in_transaction;
} HeldSignature;

static void
hold_signature (gpointer data)
{
  HeldSignature *held = data;

  g_mutex_lock (&held->lock);
  while (!held->merged)
    g_cond_wait (&held->cond, &held->lock);
  held->read_after_merge = TRUE;
  g_mutex_unlock (&held->lock);
}

static void
merge_pass_over (gpointer data)
{
  HeldSignature *held = data;

  /* On the import's connection, inside its transaction. */
  held->problems_in_transaction = rct_test_count_rows (held->store, RCT_KIND_PROBLEM);
  g_mutex_lock (&held->lock);
  held->merged = TRUE;
  g_cond_signal (&held->cond);
  g_mutex_unlock (&held->lock);
}

static void
test_verdict_after_merge_pass (void)
{
  char *ledger_dir = NULL;
  RctStore *store = trusting_ledger (&ledger_dir);
  g_autofree char *changed = edited_copy (office_report, "<title>Supervision report</title>", "<title>Supervision reporT</title>",
                                          "合并后 才验.xml");
  HeldSignature held = { 0 };

  g_mutex_init (&held.lock);
  g_cond_init (&held.cond);
  held.store = store;
  _rct_report_set_merge_hooks (hold_signature, merge_pass_over, &held);

  /* Changed after signing: every problem was merged in the transaction
   * before the signature was even read, and none is kept. */
  assert_refused (store, changed, RCT_SIGN_ERROR_CHANGED, "changed after it was signed");
  g_assert_true (held.read_after_merge);
  g_assert_cmpint (held.problems_in_transaction, ==, 41);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 0);

  /* As signed: committed once the verdict came. */
  held.merged = held.read_after_merge = FALSE;
  assert_merged (store, office_report);
  g_assert_true (held.read_after_merge);

  _rct_report_set_merge_hooks (NULL, NULL, NULL);
  g_mutex_clear (&held.lock);
  g_cond_clear (&held.cond);
  close_ledger (store, ledger_dir);
}

/* Signs @path again with @key, as a forger holding another key would. */
static char *
signed_with (const char          *source,
             const RctSigningKey *key,
             const char          *name)
{
  g_autoptr(GRegex) signature = g_regex_new ("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">.*</Signature>",
                                             G_REGEX_DOTALL, 0, NULL);
  g_autofree char *text = read_text (source);
  g_autofree char *bare = g_regex_replace_literal (signature, text, -1, 0, "", 0, NULL);
  g_autoptr(GError) error = NULL;
  char *path = path_in (name);

  g_assert_true (g_file_set_contents (path, bare, -1, NULL));
  g_assert_true (rct_sign_file (path, key, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The schema is checked in the same thread, after the signature: a report
 * signed as it is but not following the schema, which the merge's own pass
 * takes in, is refused with the schema's sentence and leaves nothing. */
static void
test_schema_checked_beside_merge (void)
{
  char *ledger_dir = NULL;
  RctStore *store = trusting_ledger (&ledger_dir);
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (office, NULL);
  g_autoptr(RctSigningKey) key = rct_keys_load (org->uuid, NULL);
  g_autofree char *stray = edited_copy (office_report, "<number>2021-009</number>",
                                        "<number>2021-009</number><stray>?</stray>", "多余 元素.xml");
  g_autofree char *path = signed_with (stray, key, "多余 元素 签名.xml");
  g_autoptr(RctSignature) sig = rct_signature_read (path, NULL);
  g_autoptr(GError) error = NULL;
  HeldSignature held = { 0 };

  g_assert_cmpint (sig->status, ==, RCT_SIGNATURE_VERIFIED);
  g_mutex_init (&held.lock);
  g_cond_init (&held.cond);
  held.store = store;
  _rct_report_set_merge_hooks (hold_signature, merge_pass_over, &held);

  g_assert_false (rct_report_import (store, path, NULL, NULL, &error));
  g_assert_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "does not follow the report schema (line"));
  g_assert_nonnull (strstr (error->message, "stray"));
  g_assert_true (held.read_after_merge);
  g_assert_cmpint (held.problems_in_transaction, ==, 41);
  g_assert_cmpint (rct_test_count_rows (store, RCT_KIND_PROBLEM), ==, 0);

  _rct_report_set_merge_hooks (NULL, NULL, NULL);
  g_mutex_clear (&held.lock);
  g_cond_clear (&held.cond);
  close_ledger (store, ledger_dir);
}

static void
test_other_key_refused (void)
{
  char *ledger_dir = NULL;
  RctStore *store = trusting_ledger (&ledger_dir);
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (office, NULL);
  g_autoptr(RctOrganisation) unit = rct_organisation_new ();
  g_autoptr(RctSigningKey) unit_key = NULL;
  g_autoptr(RctSigningKey) forged_key = NULL;
  g_autofree char *by_unit = NULL, *by_forger = NULL;
  g_autofree char *keys = g_build_filename (dir, "伪造 钥匙", NULL);
  g_autoptr(RctSignature) forged_sig = NULL;

  /* Another unit's key: the report names the office, the key the unit. */
  unit->uuid = g_uuid_string_random ();
  unit->name = g_strdup ("回河派出所");
  unit->code = g_strdup ("HH");
  unit->level = g_strdup ("unit");
  unit_key = rct_keys_create (unit, NULL);
  by_unit = signed_with (office_report, unit_key, "他人 签名.xml");
  assert_refused (store, by_unit, RCT_SIGN_ERROR_OTHER_KEY, "key of another organisation");

  /* A key made in the office's name elsewhere: not the trusted one. */
  g_setenv ("RECTIFY_KEYS_DIR", keys, TRUE);
  forged_key = rct_keys_create (org, NULL);
  g_setenv ("RECTIFY_KEYS_DIR", dir, TRUE);
  by_forger = signed_with (office_report, forged_key, "冒名 签名.xml");
  forged_sig = rct_signature_read (by_forger, NULL);
  g_assert_cmpint (forged_sig->status, ==, RCT_SIGNATURE_VERIFIED);
  assert_refused (store, by_forger, RCT_SIGN_ERROR_OTHER_KEY, "another key than the one trusted");
  close_ledger (store, ledger_dir);
}

static char *
unsigned_copy (const char *name)
{
  g_autoptr(GRegex) signature = g_regex_new ("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">.*</Signature>",
                                             G_REGEX_DOTALL, 0, NULL);
  g_autofree char *text = read_text (office_report);
  g_autofree char *bare = g_regex_replace_literal (signature, text, -1, 0, "", 0, NULL);
  char *path = path_in (name);

  g_assert_true (g_file_set_contents (path, bare, -1, NULL));
  return path;
}

static void
test_unsigned_refused_then_transition (void)
{
  char *ledger_dir = NULL;
  RctStore *store = trusting_ledger (&ledger_dir);
  g_autofree char *path = unsigned_copy ("无签名.xml");
  RctReportSummary summary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RctSignature) sig = rct_signature_read (path, NULL);

  g_assert_cmpint (sig->status, ==, RCT_SIGNATURE_NONE);
  assert_refused (store, path, RCT_SIGN_ERROR_UNSIGNED, "is not signed");
  /* During the transition: merged, with a warning. */
  g_assert_true (rct_trust_set_accept_unsigned (store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (rct_trust_get_accept_unsigned (store));
  g_assert_true (rct_report_import (store, path, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (summary.warning);
  g_assert_nonnull (strstr (summary.warning, "not signed"));
  rct_report_summary_clear (&summary);
  /* A signed report never carries the warning. */
  g_assert_true (rct_report_import (store, office_report, &summary, NULL, &error));
  g_assert_null (summary.warning);
  rct_report_summary_clear (&summary);
  close_ledger (store, ledger_dir);
}

static void
test_untrusted_waits_for_trust (void)
{
  char *ledger_dir = NULL;
  RctStore *store = rct_test_open_new (&ledger_dir);
  g_autoptr(RctSignature) sig = rct_signature_read (office_report, NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (store, office_report, RCT_SIGN_ERROR_UNTRUSTED, sig->certificate->fingerprint);
  g_assert_true (rct_trust_add (store, sig->organisation_uuid, sig->organisation_name, sig->certificate, &error));
  g_assert_no_error (error);
  assert_merged (store, office_report);
  list = rct_trust_list (store, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (rct_trust_remove (store, sig->organisation_name, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = rct_trust_list (store, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  close_ledger (store, ledger_dir);
}

/* The unit rotates its key; its next report announces it, the old key
 * vouching for the new; the office then trusts the new key. Without the
 * old key's word the new one is another key. */
static void
test_rotation_announced (void)
{
  char *unit_dir = NULL, *office_dir = NULL;
  RctStore *unit = rct_test_open_demo (&unit_dir);
  RctStore *receiver = rct_test_open_new (&office_dir);
  g_autofree char *first = path_in ("轮换 前.xml");
  g_autofree char *second = path_in ("轮换 后.xml");
  g_autofree char *third = path_in ("无凭 轮换.xml");
  g_autoptr(RctSignature) sig = NULL;
  g_autoptr(RctSignature) rotated = NULL;
  g_autoptr(RctSigningKey) new_key = NULL;
  g_autoptr(RctSigningKey) lost_key = NULL;
  g_autoptr(RctTrustedCertificate) trusted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key_path = NULL;

  g_assert_true (rct_report_export (unit, NULL, NULL, first, NULL, NULL, NULL, &error));
  sig = rct_signature_read (first, NULL);
  g_assert_true (rct_trust_add (receiver, sig->organisation_uuid, sig->organisation_name, sig->certificate, &error));

  new_key = rct_trust_rotate_key (unit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (new_key->certificate->fingerprint, !=, sig->certificate->fingerprint);
  g_assert_true (rct_report_export (unit, NULL, NULL, second, NULL, NULL, NULL, &error));
  rotated = rct_signature_read (second, NULL);
  g_assert_cmpint (rotated->status, ==, RCT_SIGNATURE_VERIFIED);
  g_assert_nonnull (rotated->previous_certificate);
  g_assert_cmpstr (rotated->previous_certificate->fingerprint, ==, sig->certificate->fingerprint);
  g_assert_true (rct_keys_check_endorsement (sig->certificate, rotated->certificate->fingerprint,
                                             rotated->endorsement));

  assert_merged (receiver, second);
  trusted = rct_trust_find (receiver, sig->organisation_uuid);
  g_assert_cmpstr (trusted->certificate->fingerprint, ==, new_key->certificate->fingerprint);
  /* The old report's key is no longer the one trusted. */
  assert_refused (receiver, first, RCT_SIGN_ERROR_OTHER_KEY, NULL);

  /* The key lost: a new one without the old key's word is refused. */
  key_path = g_build_filename (new_key->folder, "key.pem", NULL);
  g_assert_cmpint (g_remove (key_path), ==, 0);
  lost_key = rct_trust_rotate_key (unit, &error);
  g_assert_no_error (error);
  g_assert_true (rct_report_export (unit, NULL, NULL, third, NULL, NULL, NULL, &error));
  assert_refused (receiver, third, RCT_SIGN_ERROR_OTHER_KEY, "another key than the one trusted");

  close_ledger (unit, unit_dir);
  close_ledger (receiver, office_dir);
}

/* ---- hostile signatures ---- */

typedef struct
{
  const char *name;
  const char *from;
  const char *to;
} Attack;

static const Attack attacks[] = {
  { "sha1-digest", "xmlenc#sha256", "xmldsig#sha1" },
  { "hmac", "<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"/>",
    "<SignatureMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#hmac-sha1\"><HMACOutputLength>8</HMACOutputLength>"
    "</SignatureMethod>" },
  { "rsa-sha1", "xmldsig-more#ecdsa-sha256", "xmldsig#rsa-sha1" },
  { "external-uri", "<Reference URI=\"\">", "<Reference URI=\"file:///etc/passwd\">" },
  { "same-document-id", "<Reference URI=\"\">", "<Reference URI=\"#header\">" },
  { "xpath", "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
    "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><XPath>not(ancestor-or-self::records)</XPath>"
    "</Transform>" },
  { "xslt", "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
    "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"><xsl:stylesheet "
    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"/></Transform>" },
  { "two-references", "</Reference>",
    "</Reference><Reference URI=\"\"><DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
    "<DigestValue>AA==</DigestValue></Reference>" },
  { "key-name", "<X509Data>", "<KeyName>office</KeyName><X509Data>" },
  { "retrieval", "<X509Data>", "<RetrievalMethod URI=\"http://example.com/key\"/><X509Data>" },
  { "two-certificates", "</X509Data>", "</X509Data><X509Data><X509Certificate>AAAA</X509Certificate></X509Data>" },
  { "huge-key-info", "<X509Certificate>", NULL },  /* 1 MB of base64 */
  { "deep-key-info", "<X509Certificate>", NULL },  /* 200 elements deep inside it */
  { "many-attributes", "<KeyInfo>", NULL },        /* 1,000 attributes on KeyInfo */
  { "wrapped-signature", "</records>", NULL },      /* a second signature inside the records */
  { "moved-signature", NULL, NULL },                /* the signature inside the header */
};

static char *
attack_file (const Attack *attack)
{
  g_autofree char *text = read_text (office_report);
  g_autoptr(GString) edited = g_string_new (text);
  g_autofree char *name = g_strdup_printf ("攻击 %s.xml", attack->name);
  char *path = path_in (name);

  if (g_str_equal (attack->name, "huge-key-info"))
    {
      GString *junk = g_string_new ("<X509Certificate>");
      for (int i = 0; i < 1024 * 1024; i++)
        g_string_append_c (junk, 'A');
      g_assert_cmpuint (g_string_replace (edited, "<X509Certificate>", junk->str, 1), ==, 1);
      g_string_free (junk, TRUE);
    }
  else if (g_str_equal (attack->name, "deep-key-info"))
    {
      GString *deep = g_string_new ("<X509Certificate>");
      for (int i = 0; i < 200; i++)
        g_string_append (deep, "<a>");
      for (int i = 0; i < 200; i++)
        g_string_append (deep, "</a>");
      g_assert_cmpuint (g_string_replace (edited, "<X509Certificate>", deep->str, 1), ==, 1);
      g_string_free (deep, TRUE);
    }
  else if (g_str_equal (attack->name, "many-attributes"))
    {
      GString *many = g_string_new ("<KeyInfo");
      for (int i = 0; i < 1000; i++)
        g_string_append_printf (many, " a%d=\"%d\"", i, i);
      g_string_append_c (many, '>');
      g_assert_cmpuint (g_string_replace (edited, "<KeyInfo>", many->str, 1), ==, 1);
      g_string_free (many, TRUE);
    }
  else if (g_str_equal (attack->name, "wrapped-signature") || g_str_equal (attack->name, "moved-signature"))
    {
      const char *start = strstr (text, "<Signature ");
      const char *end = strstr (text, "</Signature>") + strlen ("</Signature>");
      g_autofree char *signature = g_strndup (start, end - start);

      if (g_str_equal (attack->name, "moved-signature"))
        g_assert_cmpuint (g_string_replace (edited, signature, "", 1), ==, 1);
      {
        g_autofree char *into = g_strconcat (signature, g_str_equal (attack->name, "moved-signature") ? "</header>"
                                                                                                      : "</records>",
                                             NULL);
        g_assert_cmpuint (g_string_replace (edited, g_str_equal (attack->name, "moved-signature") ? "</header>"
                                                                                                  : "</records>",
                                            into, 1), ==, 1);
      }
    }
  else
    g_assert_cmpuint (g_string_replace (edited, attack->from, attack->to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, edited->len, NULL));
  return path;
}

static void
test_hostile_signature (gconstpointer data)
{
  const Attack *attack = data;
  char *ledger_dir = NULL;
  RctStore *store = trusting_ledger (&ledger_dir);
  g_autofree char *path = attack_file (attack);
  g_autoptr(RctSignature) sig = rct_signature_read (path, NULL);

  g_assert_cmpint (sig->status, ==, RCT_SIGNATURE_HOSTILE);
  g_test_message ("%s: %s", attack->name, sig->problem);
  assert_refused (store, path, RCT_SIGN_ERROR_HOSTILE, "was refused");
  close_ledger (store, ledger_dir);
}

/* ---- the set-up file ---- */

static void
test_setup_carries_office_certificate (void)
{
  g_autofree char *setup = path_in ("设置 文件.xml");
  g_autofree char *ledger = path_in ("单位 台账.db");
  g_autofree char *bad_ledger = path_in ("坏 台账.db");
  g_autofree char *changed = NULL;
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (office, NULL);
  g_autoptr(RctStore) unit = NULL;
  g_autoptr(RctTrustedCertificate) trusted = NULL;
  g_autoptr(RctSignature) sig = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_setup_export (office, "回河派出所", "HH", setup, &error));
  g_assert_no_error (error);
  sig = rct_signature_read (setup, NULL);
  g_assert_cmpint (sig->status, ==, RCT_SIGNATURE_VERIFIED);
  unit = rct_setup_create_ledger (setup, ledger, NULL, NULL, &error);
  g_assert_no_error (error);
  trusted = rct_trust_find (unit, org->uuid);
  g_assert_nonnull (trusted);
  g_assert_cmpstr (trusted->certificate->fingerprint, ==, sig->certificate->fingerprint);

  changed = edited_copy (setup, "code=\"HH\"", "code=\"HX\"", "改过 设置.xml");
  g_assert_null (rct_setup_create_ledger (changed, bad_ledger, NULL, NULL, &error));
  g_assert_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_CHANGED);
  g_assert_false (g_file_test (bad_ledger, G_FILE_TEST_EXISTS));
  rct_store_close (unit);
}

/* A ledger that names no organisation (older than schema step 6, opened
 * read-only) still exports a report, unsigned. */
static void
test_no_organisation_unsigned (void)
{
  char *ledger_dir = NULL;
  RctStore *store = rct_test_open_new (&ledger_dir);
  g_autofree char *path = g_strdup (rct_store_get_path (store));
  g_autofree char *report = path_in ("无单位 报告.xml");
  g_autoptr(RctStore) old = NULL;
  g_autoptr(RctSignature) sig = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *conn = NULL;

  rct_store_close (store);
  g_object_unref (store);
  g_assert_cmpint (sqlite3_open (path, &conn), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (conn, "UPDATE ledger SET organisation_uuid = NULL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (conn);
  old = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (rct_report_export (old, NULL, NULL, report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sig = rct_signature_read (report, NULL);
  g_assert_cmpint (sig->status, ==, RCT_SIGNATURE_NONE);
  g_assert_null (sig->organisation_uuid);
  rct_store_close (old);
  rct_test_remove_dir (ledger_dir);
  g_free (ledger_dir);
}

/* ---- the command line ---- */

static void
test_cli_key_and_trust (void)
{
  g_autofree char *db = path_in ("命令行 办公室.db");
  g_autofree char *pem = path_in ("命令行 证书.pem");
  g_autofree char *unsigned_report = unsigned_copy ("命令行 无签名.xml");
  g_autofree char *changed = edited_copy (office_report, "total=\"41\"", "total=\"39\"", "命令行 改过.xml");
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  g_autoptr(RctSignature) sig = rct_signature_read (office_report, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *key;
  JsonArray *certificates;

  /* init makes the organisation's key. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "init", "--office", "命令行 办公室", "--code", "CL",
                                     NULL), ==, 0);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "key", "show", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  key = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (key, "subject"), ==, "命令行 办公室");
  g_assert_cmpstr (json_object_get_string_member (key, "code"), ==, "CL");
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "key", "export-certificate", pem, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pem, &text, NULL, NULL));
  {
    g_autoptr(RctCertificate) cert = rct_certificate_new_from_pem (text, NULL);
    g_assert_cmpstr (cert->fingerprint, ==, json_object_get_string_member (key, "fingerprint"));
  }

  /* The office's report: not trusted until accepted; no answer is no. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "import-report", office_report, NULL), ==, 1);
  g_assert_nonnull (strstr (err, sig->certificate->fingerprint));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "trust", "add", office_report, NULL), ==, 1);
  g_assert_nonnull (strstr (out, sig->certificate->fingerprint));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "trust", "add", office_report, "--yes", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "trust", "list", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  certificates = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "certificates");
  g_assert_cmpuint (json_array_get_length (certificates), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (certificates, 0), "fingerprint"), ==,
                   sig->certificate->fingerprint);
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "import-report", office_report, NULL), ==, 0);

  /* Changed, then unsigned: refused in one line; unsigned accepted with a
   * warning under the transition setting. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "import-report", changed, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "changed after it was signed"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "import-report", unsigned_report, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not signed"));
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "trust", "unsigned", "accept", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "import-report", unsigned_report, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "allowed for now"));

  /* Forgotten: the office's reports wait for trust again. */
  g_assert_cmpint (rct_test_run_cli (NULL, NULL, "--db", db, "trust", "remove", sig->organisation_uuid, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rct_test_run_cli (NULL, &err, "--db", db, "import-report", office_report, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not trusted yet"));

  /* validate-report says who signed, and whether it still matches. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "validate-report", office_report, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "verified"));
  g_assert_nonnull (strstr (out, sig->certificate->fingerprint));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "validate-report", changed, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "changed after it was signed"));

  /* key rotate: the old key vouches for the new one. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rct_test_run_cli (&out, NULL, "--db", db, "key", "rotate", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "vouched"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *office_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = rct_test_make_dir ();
  g_setenv ("RECTIFY_KEYS_DIR", dir, TRUE);
  office = rct_test_open_demo (&office_dir);
  office_report = path_in ("办公室 报告.xml");
  g_assert_true (rct_report_export (office, NULL, NULL, office_report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/sign/keys/files-private", test_key_files_private);
  g_test_add_func ("/sign/keys/folder-checked", test_key_folder_checked);
  g_test_add_func ("/sign/report/verifies", test_report_verifies);
  g_test_add_func ("/sign/report/xmlsec1-command-verifies", test_xmlsec1_command_verifies);
  g_test_add_func ("/sign/report/changed-refused", test_changed_refused);
  g_test_add_func ("/sign/report/verdict-after-merge-pass", test_verdict_after_merge_pass);
  g_test_add_func ("/sign/report/schema-checked-beside-merge", test_schema_checked_beside_merge);
  g_test_add_func ("/sign/report/other-key-refused", test_other_key_refused);
  g_test_add_func ("/sign/report/unsigned-refused-then-transition", test_unsigned_refused_then_transition);
  g_test_add_func ("/sign/trust/untrusted-waits-for-trust", test_untrusted_waits_for_trust);
  g_test_add_func ("/sign/keys/rotation-announced", test_rotation_announced);
  for (guint i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/sign/hostile/%s", attacks[i].name);
      g_test_add_data_func (test_path, &attacks[i], test_hostile_signature);
    }
  g_test_add_func ("/sign/setup/carries-office-certificate", test_setup_carries_office_certificate);
  g_test_add_func ("/sign/cli/key-and-trust", test_cli_key_and_trust);
  g_test_add_func ("/sign/report/no-organisation-unsigned", test_no_organisation_unsigned);

  status = g_test_run ();
  rct_store_close (office);
  g_object_unref (office);
  rct_test_remove_dir (office_dir);
  rct_test_remove_dir (dir);
  g_free (dir);
  g_free (office_report);
  return status;
}
