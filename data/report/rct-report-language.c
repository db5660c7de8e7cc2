/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rct-report-language.h"

/* A report reads in its own language, whatever the locale of whoever made
 * it: its title, labels and dates are looked up in that language's
 * catalogue (the same po/zh_CN.po as the window, compiled to rectify.mo)
 * rather than through gettext(), which answers in the process's language
 * only and cannot be switched per call without touching the environment
 * of every thread. English is the source language: a msgid is its own
 * English text. A catalogue that is missing or unreadable leaves the
 * English text, never an error. */

#define MAX_CATALOGUE_SIZE (16 * 1024 * 1024)
#define MO_MAGIC 0x950412de

typedef struct
{
  char       *data;
  gsize       size;
  GHashTable *messages;  /* msgid -> translation, both inside data */
} Catalogue;

G_LOCK_DEFINE_STATIC (catalogue);
static Catalogue *chinese;

static gboolean
read_u32 (const Catalogue *c,
          gsize            offset,
          gboolean         swap,
          guint32         *value)
{
  guint32 v;

  if (offset > c->size || c->size - offset < 4)
    return FALSE;
  memcpy (&v, c->data + offset, 4);
  *value = swap ? GUINT32_SWAP_LE_BE (v) : v;
  return TRUE;
}

/* A string of the .mo tables: in bounds and NUL-terminated, or NULL. */
static const char *
table_string (const Catalogue *c,
              guint32          table,
              guint32          index,
              gboolean         swap)
{
  guint32 length, offset;

  if (!read_u32 (c, (gsize) table + 8 * (gsize) index, swap, &length) ||
      !read_u32 (c, (gsize) table + 8 * (gsize) index + 4, swap, &offset))
    return NULL;
  if (offset > c->size || c->size - offset <= length || c->data[offset + length] != '\0')
    return NULL;
  return c->data + offset;
}

static Catalogue *
catalogue_load (const char *language)
{
  const char *localedir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  Catalogue *c = g_new0 (Catalogue, 1);
  guint32 magic = 0, n = 0, originals = 0, translations = 0;
  gboolean swap = FALSE;

  c->messages = g_hash_table_new (g_str_hash, g_str_equal);
  if (localedir == NULL)
    return c;
  path = g_build_filename (localedir, language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL || g_mapped_file_get_length (mapped) > MAX_CATALOGUE_SIZE)
    return c;
  c->size = g_mapped_file_get_length (mapped);
  c->data = g_memdup2 (g_mapped_file_get_contents (mapped), c->size);

  if (!read_u32 (c, 0, FALSE, &magic))
    return c;
  if (magic != MO_MAGIC)
    {
      swap = TRUE;
      if (GUINT32_SWAP_LE_BE (magic) != MO_MAGIC)
        return c;
    }
  if (!read_u32 (c, 8, swap, &n) || !read_u32 (c, 12, swap, &originals) || !read_u32 (c, 16, swap, &translations))
    return c;
  for (guint32 i = 0; i < n; i++)
    {
      const char *msgid = table_string (c, originals, i, swap);
      const char *msgstr = table_string (c, translations, i, swap);

      if (msgid == NULL || msgstr == NULL)
        break;
      if (*msgid != '\0' && *msgstr != '\0')
        g_hash_table_insert (c->messages, (gpointer) msgid, (gpointer) msgstr);
    }
  return c;
}

/**
 * rct_report_language_normalize:
 *
 * Returns: (nullable): "zh_CN" for any Chinese, "en" for English (or the
 *   C locale), %NULL for a language reports are not written in
 */
const char *
rct_report_language_normalize (const char *language)
{
  if (language == NULL)
    return NULL;
  if (g_str_has_prefix (language, "zh"))
    return RCT_REPORT_LANGUAGE_CHINESE;
  if (g_str_has_prefix (language, "en") || g_str_equal (language, "C") || g_str_has_prefix (language, "C."))
    return RCT_REPORT_LANGUAGE_ENGLISH;
  return NULL;
}

/**
 * rct_report_language_default:
 *
 * The user's language, as the locale says (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG): Chinese or English, English for any other.
 */
const char *
rct_report_language_default (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *language = rct_report_language_normalize (names[i]);
      if (language != NULL)
        return language;
    }
  return RCT_REPORT_LANGUAGE_ENGLISH;
}

/**
 * rct_report_language_gettext:
 * @language: (nullable): "zh_CN" or "en"; %NULL for the user's
 * @msgid: an English source string, marked with N_() where it is written
 *
 * Returns: @msgid in @language; the string lives as long as the program
 */
const char *
rct_report_language_gettext (const char *language,
                             const char *msgid)
{
  const char *translated;

  if (language == NULL)
    language = rct_report_language_default ();
  if (g_strcmp0 (rct_report_language_normalize (language), RCT_REPORT_LANGUAGE_CHINESE) != 0)
    return msgid;
  G_LOCK (catalogue);
  if (chinese == NULL)
    chinese = catalogue_load (RCT_REPORT_LANGUAGE_CHINESE);
  translated = g_hash_table_lookup (chinese->messages, msgid);
  G_UNLOCK (catalogue);
  return translated != NULL ? translated : msgid;
}

/**
 * rct_report_language_title:
 * @language: (nullable): the reader's language; %NULL for the user's
 * @title: (nullable): a report's title as its header has it
 *
 * The title to show a reader of @language. A title someone gave is the
 * report's own text and stays as written; the title a report gets when
 * none is given ("Supervision report", 督导报告, in the language it was
 * written in) is recognised and said in the reader's language, so a report
 * the CLI made in English reads 督导报告 in the Chinese window.
 *
 * Returns: the title; the string lives as long as @title or the program
 */
const char *
rct_report_language_title (const char *language,
                           const char *title)
{
  static const char *default_title = N_("Supervision report");

  if (title == NULL || *title == '\0' || g_str_equal (title, default_title) ||
      g_str_equal (title, rct_report_language_gettext (RCT_REPORT_LANGUAGE_CHINESE, default_title)))
    return rct_report_language_gettext (language, default_title);
  return title;
}

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

static char *
date_text (const char *language,
           int         year,
           int         month,
           int         day)
{
  if (g_strcmp0 (rct_report_language_normalize (language), RCT_REPORT_LANGUAGE_CHINESE) == 0)
    return g_strdup_printf ("%d年%d月%d日", year, month, day);
  return g_strdup_printf ("%d %s %d", day, month_names[month - 1], year);
}

/**
 * rct_report_language_date:
 * @iso_date: (nullable): YYYY-MM-DD
 *
 * A calendar date as a reader of @language writes it: 2021年5月20日, or
 * 20 May 2021. Anything that is not a date comes back as it was.
 *
 * Returns: (transfer full) (nullable):
 */
char *
rct_report_language_date (const char *language,
                          const char *iso_date)
{
  int year, month, day;
  char end;

  if (iso_date == NULL)
    return NULL;
  if (language == NULL)
    language = rct_report_language_default ();
  if (strlen (iso_date) != 10 || sscanf (iso_date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return g_strdup (iso_date);
  return date_text (language, year, month, day);
}

/**
 * rct_report_language_time:
 * @iso_utc: (nullable): a UTC stamp, 2021-05-20T01:41:05Z
 *
 * The moment in the reader's local time, as a reader of @language writes
 * it: 2021年5月20日 09:41, or 20 May 2021 09:41. The exact stamp stays in
 * the XML.
 *
 * Returns: (transfer full) (nullable):
 */
char *
rct_report_language_time (const char *language,
                          const char *iso_utc)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) moment = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;

  if (iso_utc == NULL)
    return NULL;
  if (language == NULL)
    language = rct_report_language_default ();
  moment = g_date_time_new_from_iso8601 (iso_utc, utc);
  if (moment == NULL)
    return g_strdup (iso_utc);
  local = g_date_time_to_local (moment);
  date = date_text (language, g_date_time_get_year (local), g_date_time_get_month (local),
                    g_date_time_get_day_of_month (local));
  return g_strdup_printf ("%s %02d:%02d", date, g_date_time_get_hour (local), g_date_time_get_minute (local));
}
