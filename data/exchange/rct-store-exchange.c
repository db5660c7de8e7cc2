/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rct-clock.h"
#include "rct-store-private.h"

/* The ledger's organisation and the organisations it has heard of (schema
 * step 6, docs/EXCHANGE.md). The ledger table names its own organisation
 * by uuid; a unit's office and every organisation whose records a report
 * brought have a row of the organisation table too. */

static char *
column_dup (RctStmt *stmt,
            int      i)
{
  const char *text = rct_stmt_column_text (stmt, i);
  return text != NULL ? g_strdup (text) : NULL;
}

static gboolean
check_organisation (const RctOrganisation  *org,
                    GError                **error)
{
  if (org->name == NULL || *org->name == '\0' || g_utf8_strlen (org->name, -1) > RCT_STORE_MAX_NAME ||
      !g_utf8_validate (org->name, -1, NULL))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("An organisation needs a name of at most 200 characters."));
      return FALSE;
    }
  if (g_strcmp0 (org->level, "office") != 0 && g_strcmp0 (org->level, "unit") != 0)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("An organisation is either the office or a unit."));
      return FALSE;
    }
  if ((org->code != NULL || g_str_equal (org->level, "unit")) && !rct_organisation_code_is_valid (org->code))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("“%s” is not a short code: give one to eight capital letters or digits, starting with a letter "
                     "(e.g. HH)."), org->code != NULL ? org->code : "");
      return FALSE;
    }
  if ((org->uuid != NULL && !g_uuid_string_is_valid (org->uuid)) ||
      (org->office_uuid != NULL && !g_uuid_string_is_valid (org->office_uuid)))
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("An organisation's identity is not a valid uuid."));
      return FALSE;
    }
  return TRUE;
}

/* Inserts or updates the organisation @org->uuid; inside a write. */
static gboolean
upsert_organisation (RctStore               *self,
                     const RctOrganisation  *org,
                     GError                **error)
{
  g_autofree char *now = rct_clock_now ();
  RctStmt *stmt = _rct_store_prepare (self, "INSERT INTO organisation (uuid, name, code, level, office_uuid,"
                                            " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
                                            " ON CONFLICT (uuid) DO UPDATE SET name = ?2, code = ?3, level = ?4,"
                                            " office_uuid = ?5, updated_at = ?6", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, org->uuid);
  rct_stmt_bind_text (stmt, 2, org->name);
  rct_stmt_bind_text (stmt, 3, org->code);
  rct_stmt_bind_text (stmt, 4, org->level);
  rct_stmt_bind_text (stmt, 5, org->office_uuid);
  rct_stmt_bind_text (stmt, 6, now);
  return _rct_store_step_done (self, stmt, error);
}

/* Schema step 6: a ledger without an organisation becomes an office's,
 * named from its campaign (or "Office" for a new, empty ledger). Runs
 * inside the migration's transaction. */
gboolean
_rct_store_write_organisation (RctStore  *self,
                               GError   **error)
{
  g_autoptr(RctOrganisation) org = rct_organisation_new ();
  g_autofree char *campaign = NULL;
  RctStmt *stmt;
  int rc;

  stmt = _rct_store_prepare (self, "SELECT organisation_uuid, (SELECT name FROM campaign ORDER BY id LIMIT 1)"
                                   " FROM ledger WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = _rct_store_step (self, stmt, error);
  if (rc == RCT_ROW)
    {
      if (rct_stmt_column_type (stmt, 0) != RCT_VALUE_NULL)
        {
          rct_stmt_reset (stmt);
          return TRUE;
        }
      campaign = column_dup (stmt, 1);
    }
  rct_stmt_reset (stmt);
  if (rc != RCT_ROW)
    return FALSE;

  org->uuid = g_uuid_string_random ();
  /* Translators: the office's name given to a ledger made before ledgers
   * had one; %s is its campaign's name */
  org->name = campaign != NULL ? g_strdup_printf (_("Office of %s"), campaign) : g_strdup (_("Office"));
  if (g_utf8_strlen (org->name, -1) > RCT_STORE_MAX_NAME)
    {
      char *cut = g_utf8_substring (org->name, 0, RCT_STORE_MAX_NAME);
      g_free (org->name);
      org->name = cut;
    }
  org->level = g_strdup ("office");
  if (!upsert_organisation (self, org, error))
    return FALSE;
  stmt = _rct_store_prepare (self, "UPDATE ledger SET organisation_uuid = ? WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rct_stmt_bind_text (stmt, 1, org->uuid);
  return _rct_store_step_done (self, stmt, error);
}

/**
 * rct_store_dup_organisation_by_uuid:
 *
 * Returns: (transfer full) (nullable): the organisation, as far as this
 *   ledger knows it; %NULL when unknown
 */
RctOrganisation *
rct_store_dup_organisation_by_uuid (RctStore   *self,
                                    const char *uuid)
{
  RctOrganisation *org = NULL;
  RctStmt *stmt;

  g_return_val_if_fail (RCT_IS_STORE (self), NULL);

  if (uuid == NULL)
    return NULL;
  stmt = _rct_store_prepare (self, "SELECT o.uuid, o.name, o.code, o.level, o.office_uuid, f.name"
                                   " FROM organisation o LEFT JOIN organisation f ON f.uuid = o.office_uuid"
                                   " WHERE o.uuid = ?", NULL);
  if (stmt == NULL)
    return NULL;
  rct_stmt_bind_text (stmt, 1, uuid);
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    {
      org = rct_organisation_new ();
      org->uuid = column_dup (stmt, 0);
      org->name = column_dup (stmt, 1);
      org->code = column_dup (stmt, 2);
      org->level = column_dup (stmt, 3);
      org->office_uuid = column_dup (stmt, 4);
      org->office_name = column_dup (stmt, 5);
    }
  rct_stmt_reset (stmt);
  return org;
}

/**
 * rct_store_get_organisation_uuid:
 *
 * Returns: (nullable): the uuid of the ledger's own organisation
 */
const char *
rct_store_get_organisation_uuid (RctStore *self)
{
  RctStmt *stmt;

  g_return_val_if_fail (RCT_IS_STORE (self), NULL);

  if (self->organisation_uuid == NULL && self->backend_data != NULL && self->schema_version >= 6)
    {
      stmt = _rct_store_prepare (self, "SELECT organisation_uuid FROM ledger WHERE id = 1", NULL);
      if (stmt != NULL && _rct_store_step (self, stmt, NULL) == RCT_ROW)
        self->organisation_uuid = column_dup (stmt, 0);
      if (stmt != NULL)
        rct_stmt_reset (stmt);
    }
  return self->organisation_uuid;
}

/**
 * rct_store_dup_organisation:
 *
 * Returns: (transfer full): the ledger's own organisation
 */
RctOrganisation *
rct_store_dup_organisation (RctStore  *self,
                            GError   **error)
{
  RctOrganisation *org = rct_store_dup_organisation_by_uuid (self, rct_store_get_organisation_uuid (self));

  if (org == NULL)
    g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                         _("The ledger does not say which organisation it belongs to."));
  return org;
}

/**
 * rct_store_set_organisation:
 * @office: (nullable): a unit's office, remembered beside it
 *
 * Gives the ledger its organisation: @org->uuid, or the present one's uuid
 * when %NULL. A unit's records are numbered with its code from then on.
 */
gboolean
rct_store_set_organisation (RctStore               *self,
                            const RctOrganisation  *org,
                            const RctOrganisation  *office,
                            GError                **error)
{
  RctOrganisation own;
  gboolean ok = FALSE;
  RctStmt *stmt;

  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  own = *org;
  if (own.uuid == NULL)
    own.uuid = (char *) rct_store_get_organisation_uuid (self);
  if (office != NULL)
    own.office_uuid = office->uuid;
  if (!check_organisation (&own, error) || (office != NULL && !check_organisation (office, error)))
    return FALSE;
  if (own.uuid == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("The ledger does not say which organisation it belongs to."));
      return FALSE;
    }
  if (!_rct_store_write_begin (self, error))
    return FALSE;
  if (office != NULL && !upsert_organisation (self, office, error))
    goto out;
  if (!upsert_organisation (self, &own, error))
    goto out;
  stmt = _rct_store_prepare (self, "UPDATE ledger SET organisation_uuid = ? WHERE id = 1", error);
  if (stmt == NULL)
    goto out;
  rct_stmt_bind_text (stmt, 1, own.uuid);
  ok = _rct_store_step_done (self, stmt, error);
out:
  if (!_rct_store_write_end (self, ok, ok ? error : NULL))
    return FALSE;
  if (ok)
    {
      /* own.uuid may be the one cached: copy before freeing. */
      char *uuid = g_strdup (own.uuid);
      g_free (self->organisation_uuid);
      self->organisation_uuid = uuid;
    }
  return ok;
}

/**
 * rct_store_remember_organisation:
 *
 * Keeps another organisation's name, code and level (from a report's or a
 * set-up's header), so its records show with its code. The ledger's own
 * organisation is never changed this way. Call inside a write.
 */
gboolean
rct_store_remember_organisation (RctStore               *self,
                                 const RctOrganisation  *org,
                                 GError                **error)
{
  g_return_val_if_fail (RCT_IS_STORE (self), FALSE);

  if (!check_organisation (org, error))
    return FALSE;
  if (org->uuid == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("An organisation's identity is not a valid uuid."));
      return FALSE;
    }
  if (g_strcmp0 (org->uuid, rct_store_get_organisation_uuid (self)) == 0)
    return TRUE;
  return upsert_organisation (self, org, error);
}

/**
 * rct_store_dup_unit_for:
 * @organisation: a unit's short code (HH), its organisation's or unit
 *   record's uuid (the same, docs/EXCHANGE.md), or its name
 *
 * The unit a report is addressed to (export-report --for).
 *
 * Returns: (transfer full) (nullable): the unit's name, or %NULL with
 *   @error set
 */
char *
rct_store_dup_unit_for (RctStore    *self,
                        const char  *organisation,
                        GError     **error)
{
  RctStmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (RCT_IS_STORE (self), NULL);
  g_return_val_if_fail (organisation != NULL, NULL);

  stmt = _rct_store_prepare (self, "SELECT u.name FROM unit u LEFT JOIN organisation o ON o.uuid = u.uuid"
                                   " WHERE u.uuid = ?1 OR u.name = ?1 OR (o.code = ?1 AND o.level = 'unit')"
                                   " ORDER BY u.id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  rct_stmt_bind_text (stmt, 1, organisation);
  if (_rct_store_step (self, stmt, NULL) == RCT_ROW)
    name = column_dup (stmt, 0);
  rct_stmt_reset (stmt);
  if (name == NULL)
    g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND,
                 _("No unit here is “%s”; give a unit's short code, uuid or name."), organisation);
  return name;
}
