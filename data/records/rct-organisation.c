/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-organisation"

#include "config.h"

#include "rct-organisation.h"

RctOrganisation *
rct_organisation_new (void)
{
  return g_new0 (RctOrganisation, 1);
}

void
rct_organisation_free (RctOrganisation *org)
{
  if (org == NULL)
    return;
  g_free (org->uuid);
  g_free (org->name);
  g_free (org->code);
  g_free (org->level);
  g_free (org->office_uuid);
  g_free (org->office_name);
  g_free (org);
}

/**
 * rct_organisation_code_is_valid:
 *
 * A short code is what a unit's problem numbers start with (HH-2021-001):
 * one to eight ASCII capital letters or digits, starting with a letter, so
 * it can never be read as a year.
 */
gboolean
rct_organisation_code_is_valid (const char *code)
{
  gsize n;

  if (code == NULL || !g_ascii_isupper (code[0]))
    return FALSE;
  for (n = 0; code[n] != '\0'; n++)
    if (!g_ascii_isupper (code[n]) && !g_ascii_isdigit (code[n]))
      return FALSE;
  return n <= 8;
}
