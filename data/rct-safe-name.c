/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-safe-name"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rct-safe-name.h"

/* Names that come from a file someone sent (an evidence name in a ledger or
 * a report, a CSV column name) are hostile: one rule here decides whether
 * such a name may become a file name, and one how it is shown. A name
 * becomes a path only as a single plain name inside a folder we chose:
 * no folder separator of any system, no drive, no "." or "..", nothing
 * hidden, no control or invisible formatting characters (a right-to-left
 * override can disguise "gpj.exe" as "exe.jpg"), nothing Windows refuses,
 * bounded. Chinese and spaces inside a name are kept as they are. */

static gboolean
is_invisible (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT || type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR || type == G_UNICODE_UNASSIGNED ||
         type == G_UNICODE_PRIVATE_USE || type == G_UNICODE_SURROGATE;
}

static gboolean
is_reserved_device (const char *name)
{
  static const char * const devices[] = { "CON", "PRN", "AUX", "NUL", "COM", "LPT" };
  gsize stem = strcspn (name, ".");

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      gsize len = strlen (devices[i]);
      if (g_ascii_strncasecmp (name, devices[i], len) != 0)
        continue;
      if (stem == len && i < 4)
        return TRUE;
      if (stem == len + 1 && i >= 4 && g_ascii_isdigit (name[len]))
        return TRUE;
    }
  return FALSE;
}

/**
 * rct_safe_file_name:
 * @name: (nullable): a name read from a file
 *
 * Whether @name may be used, as it is, as the name of a file inside a
 * folder we chose. The reason it may not is one sentence in @error.
 */
gboolean
rct_safe_file_name (const char  *name,
                    GError     **error)
{
  gsize len = name != NULL ? strlen (name) : 0;
  const char *last;

  if (len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, _("The file name is empty."));
      return FALSE;
    }
  if (len > RCT_SAFE_NAME_MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("The file name is longer than %d bytes; no file system keeps such a name."),
                   RCT_SAFE_NAME_MAX_BYTES);
      return FALSE;
    }
  if (!g_utf8_validate (name, len, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, _("The file name is not valid text."));
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (is_invisible (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                             _("The file name holds control or invisible characters."));
        return FALSE;
      }
  if (strpbrk (name, "/\\:") != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("The file name “%s” names a folder or a drive; only a plain name is allowed."), name);
      return FALSE;
    }
  if (name[0] == '.')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("The file name “%s” starts with a dot; such a name is hidden or names a folder."), name);
      return FALSE;
    }
  last = name + len - 1;
  if (strpbrk (name, "<>\"|?*") != NULL || *last == '.' || *last == ' ' || is_reserved_device (name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("The file name “%s” is not allowed on every computer (it holds < > \" | ? *, ends with a dot "
                     "or a space, or is a device name)."), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * rct_safe_label:
 * @text: (nullable): text read from a file, to show or keep as a label
 * @max_chars: the most characters kept
 *
 * The same text as one line that shows what it is: invalid UTF-8 and
 * control or invisible characters become U+FFFD, and a text longer than
 * @max_chars is cut with an ellipsis.
 *
 * Returns: (transfer full): the label
 */
char *
rct_safe_label (const char *text,
                guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  gboolean cut = (glong) max_chars < g_utf8_strlen (valid, -1);
  guint keep = cut ? (max_chars > 0 ? max_chars - 1 : 0) : max_chars;
  GString *label = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < keep; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (label, is_invisible (c) ? 0xFFFD : c);
    }
  if (cut && max_chars > 0)
    g_string_append (label, "…");
  return g_string_free (label, FALSE);
}
