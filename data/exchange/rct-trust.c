/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-trust"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-store-private.h"
#include "rct-trust.h"

/* Which organisations' reports this ledger believes (issue 21, schema step
 * 11, docs/EXCHANGE.md "Signatures"). A report is checked here before the
 * merge reads a record of it: a report of an organisation whose
 * certificate was accepted must carry a signature by that certificate's
 * key that matches the file; a valid signature of a key not accepted yet
 * waits for the office to accept it once (trust add, or the window's
 * Trust dialog). The ledger's own organisation is trusted through its own
 * key. A rotation is accepted when the trusted key vouched for the new one. */

static char *
column_dup (RctStmt *stmt,
            int      i)
{
  const char *text = rct_stmt_column_text (stmt, i);

  return text != NULL ? g_strdup (text) : NULL;
}

static gboolean
has_tables (RctStore *store)
{
  return store->schema_version >= 11;
}

void
rct_trusted_certificate_free (RctTrustedCertificate *trusted)
{
  if (trusted == NULL)
    return;
  g_free (trusted->organisation_uuid);
  g_free (trusted->name);
  rct_certificate_free (trusted->certificate);
  g_free (trusted->accepted_at);
  g_free (trusted->accepted_by);
  g_free (trusted->replaced_by);
  g_free (trusted);
}

#define TRUSTED_COLUMNS "organisation_uuid, name, certificate, accepted_at, accepted_by, replaced_by"

static RctTrustedCertificate *
trusted_from_row (RctStmt *stmt)
{
  g_autofree char *pem = column_dup (stmt, 2);
  RctTrustedCertificate *trusted = g_new0 (RctTrustedCertificate, 1);

  trusted->organisation_uuid = column_dup (stmt, 0);
  trusted->name = column_dup (stmt, 1);
  trusted->certificate = rct_certificate_new_from_pem (pem, NULL);
  trusted->accepted_at = column_dup (stmt, 3);
  trusted->accepted_by = column_dup (stmt, 4);
  trusted->replaced_by = column_dup (stmt, 5);
  if (trusted->certificate == NULL)
    g_clear_pointer (&trusted, rct_trusted_certificate_free);
  return trusted;
}

/**
 * rct_trust_list:
 *
 * Returns: (transfer full) (element-type RctTrustedCertificate): every
 *   certificate accepted, the replaced ones too, oldest first
 */
GPtrArray *
rct_trust_list (RctStore  *store,
                GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rct_trusted_certificate_free);
  RctStmt *stmt;
  int rc;

  if (!has_tables (store))
    return g_steal_pointer (&list);
  stmt = _rct_store_prepare (store, "SELECT " TRUSTED_COLUMNS " FROM trusted_certificate ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = _rct_store_step (store, stmt, error)) == RCT_ROW)
    {
      RctTrustedCertificate *trusted = trusted_from_row (stmt);
      if (trusted != NULL)
        g_ptr_array_add (list, trusted);
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_DONE)
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * rct_trust_find:
 *
 * Returns: (transfer full) (nullable): the certificate trusted now for
 *   @organisation_uuid, or %NULL
 */
RctTrustedCertificate *
rct_trust_find (RctStore   *store,
                const char *organisation_uuid)
{
  RctTrustedCertificate *trusted = NULL;
  RctStmt *stmt;

  if (!has_tables (store) || organisation_uuid == NULL)
    return NULL;
  stmt = _rct_store_prepare (store, "SELECT " TRUSTED_COLUMNS " FROM trusted_certificate"
                                    " WHERE organisation_uuid = ? AND replaced_by IS NULL ORDER BY id DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  rct_stmt_bind_text (stmt, 1, organisation_uuid);
  if (_rct_store_step (store, stmt, NULL) == RCT_ROW)
    trusted = trusted_from_row (stmt);
  rct_stmt_reset (stmt);
  return trusted;
}

/* Inside a write: @certificate becomes the one trusted for the
 * organisation, the present one (if any) marked as replaced by it. */
static gboolean
insert_trusted (RctStore              *store,
                const char            *organisation_uuid,
                const char            *name,
                const RctCertificate  *certificate,
                GError               **error)
{
  g_autofree char *now = rct_clock_now ();
  RctStmt *stmt;

  stmt = _rct_store_prepare (store, "UPDATE trusted_certificate SET replaced_by = ?1"
                                    " WHERE organisation_uuid = ?2 AND replaced_by IS NULL AND fingerprint <> ?1", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, certificate->fingerprint);
  rct_stmt_bind_text (stmt, 2, organisation_uuid);
  if (!_rct_store_step_done (store, stmt, error))
    return FALSE;
  stmt = _rct_store_prepare (store, "INSERT INTO trusted_certificate (organisation_uuid, name, certificate, fingerprint,"
                                    " accepted_at, accepted_by) VALUES (?, ?, ?, ?, ?, ?)"
                                    " ON CONFLICT (fingerprint) DO UPDATE SET replaced_by = NULL", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, organisation_uuid);
  rct_stmt_bind_text (stmt, 2, name);
  rct_stmt_bind_text (stmt, 3, certificate->certificate_pem);
  rct_stmt_bind_text (stmt, 4, certificate->fingerprint);
  rct_stmt_bind_text (stmt, 5, now);
  rct_stmt_bind_text (stmt, 6, rct_store_get_operator (store));
  return _rct_store_step_done (store, stmt, error);
}

static gboolean
check_writable (RctStore  *store,
                GError   **error)
{
  if (!has_tables (store))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NEEDS_UPGRADE,
                           _("This ledger is too old to keep trusted certificates; open it for writing once to upgrade it."));
      return FALSE;
    }
  return TRUE;
}

/**
 * rct_trust_add:
 *
 * Trusts @certificate for the reports of @organisation_uuid from now on;
 * the certificate it had before is kept, marked as replaced.
 */
gboolean
rct_trust_add (RctStore              *store,
               const char            *organisation_uuid,
               const char            *name,
               const RctCertificate  *certificate,
               GError               **error)
{
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  if (!check_writable (store, error))
    return FALSE;
  if (organisation_uuid == NULL || !g_uuid_string_is_valid (organisation_uuid) ||
      g_strcmp0 (certificate->organisation_uuid, organisation_uuid) != 0)
    {
      g_set_error_literal (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_OTHER_KEY,
                           _("The certificate is not the organisation's the file names; it was not trusted."));
      return FALSE;
    }
  if (!_rct_store_write_begin (store, error))
    return FALSE;
  ok = insert_trusted (store, organisation_uuid, name, certificate, error);
  return _rct_store_write_end (store, ok, ok ? error : NULL) && ok;
}

/**
 * rct_trust_remove:
 * @organisation: an organisation's uuid, name or short code, or a
 *   certificate's fingerprint
 *
 * Forgets every certificate trusted for that organisation.
 */
gboolean
rct_trust_remove (RctStore    *store,
                  const char  *organisation,
                  GError     **error)
{
  RctStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  if (!check_writable (store, error) || !_rct_store_write_begin (store, error))
    return FALSE;
  stmt = _rct_store_prepare (store, "DELETE FROM trusted_certificate WHERE organisation_uuid IN"
                                    " (SELECT organisation_uuid FROM trusted_certificate WHERE organisation_uuid = ?1"
                                    "  OR name = ?1 OR fingerprint = ?1"
                                    "  UNION SELECT uuid FROM organisation WHERE name = ?1 OR code = ?1)", error);
  ok = stmt != NULL;
  if (ok)
    {
      rct_stmt_bind_text (stmt, 1, organisation);
      ok = _rct_store_step_done (store, stmt, error);
    }
  if (ok && _rct_store_changes (store) == 0)
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                   _("No certificate is trusted for “%s”; rectify-cli trust list shows the ones that are."), organisation);
      ok = FALSE;
    }
  return _rct_store_write_end (store, ok, ok ? error : NULL) && ok;
}

/**
 * rct_trust_get_accept_unsigned:
 *
 * Returns: whether unsigned reports are merged, with a warning (the
 *   transition to signed reports)
 */
gboolean
rct_trust_get_accept_unsigned (RctStore *store)
{
  RctStmt *stmt;
  gboolean accept = FALSE;

  if (!has_tables (store))
    return FALSE;
  stmt = _rct_store_prepare (store, "SELECT accept_unsigned FROM ledger WHERE id = 1", NULL);
  if (stmt != NULL && _rct_store_step (store, stmt, NULL) == RCT_ROW)
    accept = rct_stmt_column_int (stmt, 0) != 0;
  if (stmt != NULL)
    rct_stmt_reset (stmt);
  return accept;
}

gboolean
rct_trust_set_accept_unsigned (RctStore  *store,
                               gboolean   accept,
                               GError   **error)
{
  RctStmt *stmt;
  gboolean ok;

  if (!check_writable (store, error) || !_rct_store_write_begin (store, error))
    return FALSE;
  stmt = _rct_store_prepare (store, "UPDATE ledger SET accept_unsigned = ? WHERE id = 1", error);
  ok = stmt != NULL;
  if (ok)
    {
      rct_stmt_bind_int64 (stmt, 1, accept ? 1 : 0);
      ok = _rct_store_step_done (store, stmt, error);
    }
  return _rct_store_write_end (store, ok, ok ? error : NULL) && ok;
}

static const char *
maker_name (const RctSignature *sig)
{
  if (sig->organisation_name != NULL)
    return sig->organisation_name;
  return sig->certificate != NULL && sig->certificate->subject != NULL ? sig->certificate->subject : "?";
}

/* Whether the signature is by the key @trusted vouched for at a rotation. */
static gboolean
is_announced_rotation (const RctSignature          *sig,
                       const RctTrustedCertificate *trusted)
{
  return sig->previous_certificate != NULL &&
         g_strcmp0 (sig->previous_certificate->fingerprint, trusted->certificate->fingerprint) == 0 &&
         rct_keys_check_endorsement (trusted->certificate, sig->certificate->fingerprint, sig->endorsement);
}

/* The certificate trusted for the file's organisation: the accepted one,
 * or for the ledger's own organisation its own key's. */
static RctTrustedCertificate *
find_trusted (RctStore           *store,
              const RctSignature *sig)
{
  RctTrustedCertificate *trusted = rct_trust_find (store, sig->organisation_uuid);
  g_autoptr(RctSigningKey) own = NULL;

  if (trusted != NULL || g_strcmp0 (sig->organisation_uuid, rct_store_get_organisation_uuid (store)) != 0)
    return trusted;
  own = rct_keys_load (sig->organisation_uuid, NULL);
  if (own == NULL)
    return NULL;
  trusted = g_new0 (RctTrustedCertificate, 1);
  trusted->organisation_uuid = g_strdup (sig->organisation_uuid);
  trusted->certificate = g_steal_pointer (&own->certificate);
  return trusted;
}

/**
 * rct_trust_check_file:
 * @out_signature: (out) (optional) (transfer full): what the signature says
 * @out_warning: (out) (optional) (transfer full): a sentence to show when
 *   an unsigned report is let through under the transition setting
 *
 * Decides whether the report at @path may be merged, before anything of it
 * is written: refused with one sentence naming why when it is unsigned,
 * signed by another key than the trusted one, changed after signing, or
 * signed in a way Rectify never signs. A file that cannot be read as XML at
 * all passes, for the reader to say what is wrong with it.
 */
gboolean
rct_trust_check_file (RctStore      *store,
                      const char    *path,
                      RctSignature **out_signature,
                      char         **out_warning,
                      GError       **error)
{
  return rct_trust_check_signature (store, path, rct_signature_read (path, NULL), out_signature, out_warning, error);
}

/**
 * rct_trust_check_signature:
 * @signature: (transfer full): what rct_signature_read() found in @path
 *
 * rct_trust_check_file() on a signature read already: the import reads it
 * in a thread beside its own pass over the file (rct-report-reader.c).
 */
gboolean
rct_trust_check_signature (RctStore      *store,
                           const char    *path,
                           RctSignature  *signature,
                           RctSignature **out_signature,
                           char         **out_warning,
                           GError       **error)
{
  g_autofree char *label = g_path_get_basename (path);
  g_autoptr(RctSignature) sig = signature;
  g_autoptr(RctTrustedCertificate) trusted = NULL;
  gboolean ok = FALSE;

  switch (sig->status)
    {
    case RCT_SIGNATURE_UNREADABLE:
      ok = TRUE;
      break;
    case RCT_SIGNATURE_HOSTILE:
      g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_HOSTILE,
                   _("The signature of “%s” was refused: %s. Nothing was written."), label, sig->problem);
      break;
    case RCT_SIGNATURE_CHANGED:
      g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_CHANGED,
                   _("“%s” was changed after it was signed: its signature no longer matches. Nothing was written."),
                   label);
      break;
    case RCT_SIGNATURE_NONE:
      /* A report of version 1 names no organisation: the reader refuses it. */
      if (sig->organisation_uuid == NULL)
        ok = TRUE;
      else if (rct_trust_get_accept_unsigned (store))
        {
          ok = TRUE;
          if (out_warning != NULL)
            *out_warning = g_strdup_printf (_("“%s” is not signed: nothing shows it comes from %s unchanged. It was "
                                              "accepted because unsigned reports are allowed for now."),
                                            label, maker_name (sig));
        }
      else
        g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_UNSIGNED,
                     _("“%s” is not signed, so nothing shows it comes from %s unchanged; it was refused and nothing "
                       "was written."), label, maker_name (sig));
      break;
    case RCT_SIGNATURE_VERIFIED:
      if (sig->organisation_uuid == NULL || g_strcmp0 (sig->certificate->organisation_uuid, sig->organisation_uuid) != 0)
        {
          g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_OTHER_KEY,
                       _("“%s” says it comes from %s but is signed with the key of another organisation (%s); it was "
                         "refused and nothing was written."), label, maker_name (sig),
                       sig->certificate->subject != NULL ? sig->certificate->subject : "?");
          break;
        }
      trusted = find_trusted (store, sig);
      if (trusted == NULL)
        g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_UNTRUSTED,
                     _("%s's certificate (fingerprint %s) is not trusted yet: check the fingerprint with %s, then "
                       "accept it once (rectify-cli trust add “%s”, or Trust in the window)."),
                     maker_name (sig), sig->certificate->fingerprint, maker_name (sig), label);
      else if (g_str_equal (trusted->certificate->fingerprint, sig->certificate->fingerprint) ||
               is_announced_rotation (sig, trusted))
        ok = TRUE;
      else
        g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_OTHER_KEY,
                     _("“%s” is signed by another key than the one trusted for %s (fingerprint %s, trusted %s); it was "
                       "refused and nothing was written."), label, maker_name (sig), sig->certificate->fingerprint,
                     trusted->certificate->fingerprint);
      break;
    }
  if (ok && out_signature != NULL)
    *out_signature = g_steal_pointer (&sig);
  return ok;
}

/**
 * rct_trust_after_merge:
 *
 * After a report merged: a rotation it announced (and its old key
 * vouched for) makes its new certificate the one trusted.
 */
gboolean
rct_trust_after_merge (RctStore            *store,
                       const RctSignature  *signature,
                       GError             **error)
{
  g_autoptr(RctTrustedCertificate) trusted = NULL;

  if (signature == NULL || signature->status != RCT_SIGNATURE_VERIFIED || !has_tables (store))
    return TRUE;
  trusted = rct_trust_find (store, signature->organisation_uuid);
  if (trusted == NULL || g_str_equal (trusted->certificate->fingerprint, signature->certificate->fingerprint) ||
      !is_announced_rotation (signature, trusted))
    return TRUE;
  return rct_trust_add (store, signature->organisation_uuid, signature->organisation_name, signature->certificate, error);
}

/**
 * rct_trust_rotate_key:
 *
 * Gives the ledger's organisation a new key. The old key, when it is still
 * there, vouches for the new one; the rotation is journaled in the ledger
 * and the next signed report announces it. Without the old key (lost) the
 * offices must accept the new certificate again.
 *
 * Returns: (transfer full) (nullable): the new key
 */
RctSigningKey *
rct_trust_rotate_key (RctStore  *store,
                      GError   **error)
{
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (store, error);
  g_autoptr(RctSigningKey) old_key = NULL;
  g_autoptr(RctSigningKey) new_key = NULL;
  g_autofree char *endorsement = NULL;
  g_autofree char *now = rct_clock_now ();
  RctStmt *stmt;
  gboolean ok;

  if (org == NULL || !check_writable (store, error))
    return NULL;
  old_key = rct_keys_load (org->uuid, NULL);
  new_key = rct_keys_create (org, error);
  if (new_key == NULL)
    return NULL;
  if (old_key != NULL)
    {
      endorsement = rct_keys_endorse (old_key, new_key->certificate->fingerprint, error);
      if (endorsement == NULL)
        return NULL;
    }
  if (!_rct_store_write_begin (store, error))
    return NULL;
  stmt = _rct_store_prepare (store, "INSERT INTO key_rotation (organisation_uuid, old_fingerprint, old_certificate,"
                                    " new_fingerprint, endorsement, rotated_at, rotated_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             error);
  ok = stmt != NULL;
  if (ok)
    {
      rct_stmt_bind_text (stmt, 1, org->uuid);
      rct_stmt_bind_text (stmt, 2, old_key != NULL ? old_key->certificate->fingerprint : NULL);
      rct_stmt_bind_text (stmt, 3, old_key != NULL ? old_key->certificate->certificate_pem : NULL);
      rct_stmt_bind_text (stmt, 4, new_key->certificate->fingerprint);
      rct_stmt_bind_text (stmt, 5, endorsement);
      rct_stmt_bind_text (stmt, 6, now);
      rct_stmt_bind_text (stmt, 7, rct_store_get_operator (store));
      ok = _rct_store_step_done (store, stmt, error);
    }
  if (!_rct_store_write_end (store, ok, ok ? error : NULL) || !ok)
    return NULL;
  return g_steal_pointer (&new_key);
}

/**
 * rct_trust_get_rotation:
 * @out_previous: (out) (transfer full): the certificate @fingerprint replaced
 * @out_endorsement: (out) (transfer full): the old key's word for it
 *
 * Returns: whether this ledger rotated to @fingerprint with the old key's
 *   word, which the reports it signs then announce
 */
gboolean
rct_trust_get_rotation (RctStore        *store,
                        const char      *fingerprint,
                        RctCertificate **out_previous,
                        char           **out_endorsement)
{
  g_autofree char *pem = NULL;
  RctStmt *stmt;

  *out_previous = NULL;
  *out_endorsement = NULL;
  if (!has_tables (store))
    return FALSE;
  stmt = _rct_store_prepare (store, "SELECT old_certificate, endorsement FROM key_rotation"
                                    " WHERE new_fingerprint = ? AND endorsement IS NOT NULL ORDER BY id DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, fingerprint);
  if (_rct_store_step (store, stmt, NULL) == RCT_ROW)
    {
      pem = column_dup (stmt, 0);
      *out_endorsement = column_dup (stmt, 1);
    }
  rct_stmt_reset (stmt);
  if (pem != NULL)
    *out_previous = rct_certificate_new_from_pem (pem, NULL);
  if (*out_previous == NULL)
    g_clear_pointer (out_endorsement, g_free);
  return *out_previous != NULL;
}
