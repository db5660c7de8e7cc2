/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-clock"

#include "config.h"

#include <string.h>

#include "rct-clock.h"

/* The one clock of the program. "Today" is a calendar date in the local time
 * zone, unless RECTIFY_TODAY or rct_clock_set_today() says otherwise, so tests
 * and a review of a past period see the same deadlines. Timestamps are UTC. */

static char *override_today;

/**
 * rct_clock_set_today:
 * @iso_date: (nullable): a date `YYYY-MM-DD`, or %NULL for the real date
 */
void
rct_clock_set_today (const char *iso_date)
{
  g_clear_pointer (&override_today, g_free);
  if (iso_date != NULL)
    {
      g_return_if_fail (rct_date_is_valid (iso_date));
      override_today = g_strdup (iso_date);
    }
}

/**
 * rct_clock_dup_override:
 *
 * Returns: (nullable) (transfer full): the date set by rct_clock_set_today()
 */
char *
rct_clock_dup_override (void)
{
  return g_strdup (override_today);
}

/**
 * rct_clock_today:
 *
 * Returns: (transfer full): today's date as `YYYY-MM-DD`
 */
char *
rct_clock_today (void)
{
  const char *env;
  g_autoptr(GDateTime) now = NULL;

  if (override_today != NULL)
    return g_strdup (override_today);

  env = g_getenv ("RECTIFY_TODAY");
  if (env != NULL && rct_date_is_valid (env))
    return g_strdup (env);

  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * rct_clock_now:
 *
 * Returns: (transfer full): the current time in UTC, ISO 8601
 */
char *
rct_clock_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * rct_date_parse:
 *
 * Reads a calendar date written exactly as `YYYY-MM-DD` that exists in the
 * calendar (no 2021-02-30).
 */
gboolean
rct_date_parse (const char *text,
                GDate      *date)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  y = g_ascii_strtoull (text, NULL, 10);
  m = g_ascii_strtoull (text + 5, NULL, 10);
  d = g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1900 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  if (date != NULL)
    g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* Reads three runs of digits split by one separator each; the year first. */
static gboolean
read_ymd (const char  *text,
          const char  *separators,
          guint       *y,
          guint       *m,
          guint       *d)
{
  guint parts[3] = { 0 };
  const char *p = text;

  for (guint i = 0; i < 3; i++)
    {
      guint digits = 0;

      while (g_ascii_isdigit (*p) && digits < 5)
        {
          parts[i] = parts[i] * 10 + (guint) (*p - '0');
          p++;
          digits++;
        }
      if (digits == 0 || digits > (i == 0 ? 4u : 2u) || (i == 0 && digits != 4))
        return FALSE;
      if (i < 2)
        {
          const char *sep = strstr (p, separators) == p ? separators : NULL;

          if (sep == NULL)
            return FALSE;
          p += strlen (separators);
        }
    }
  if (*p != '\0')
    return FALSE;
  *y = parts[0];
  *m = parts[1];
  *d = parts[2];
  return TRUE;
}

/**
 * rct_date_read:
 * @text: a date as a spreadsheet or an office wrote it
 * @numeric_cell: whether @text comes from a cell the spreadsheet holds as
 *   a number, so it may be an Excel date serial (days from 1899-12-30)
 *
 * The one reader of dates from files (CSV, spreadsheets): `2021-04-21`,
 * `2021-4-21`, `2021/4/21`, `2021.4.21`, `2021年4月21日`, and an Excel
 * serial such as `44307` in a numeric cell. A date that is not in the
 * calendar (2021-02-30) is refused whatever its form.
 *
 * Returns: (transfer full) (nullable): the date as `YYYY-MM-DD`, or %NULL
 */
char *
rct_date_read (const char *text,
               gboolean    numeric_cell)
{
  static const char *separators[] = { "-", "/", ".", NULL };
  g_autofree char *stripped = NULL;
  guint y = 0, m = 0, d = 0;
  gboolean read = FALSE;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (numeric_cell)
    {
      char *end = NULL;
      double serial = g_ascii_strtod (stripped, &end);

      /* 1900-03-01 to 2200-12-31; the day part of a date-time is dropped. */
      if (end != stripped && *end == '\0' && serial >= 61 && serial < 110000)
        {
          GDate date;

          g_date_set_dmy (&date, 30, G_DATE_DECEMBER, 1899);
          g_date_add_days (&date, (guint) serial);
          y = g_date_get_year (&date);
          m = g_date_get_month (&date);
          d = g_date_get_day (&date);
          read = TRUE;
        }
    }
  for (guint i = 0; !read && separators[i] != NULL; i++)
    read = read_ymd (stripped, separators[i], &y, &m, &d);
  if (!read && g_str_has_suffix (stripped, "日"))
    {
      /* 2021年4月21日: the marks become separators, spaces go. */
      g_autoptr(GString) plain = g_string_new_len (stripped, strlen (stripped) - strlen ("日"));

      g_string_replace (plain, " ", "", 0);
      if (g_string_replace (plain, "年", "-", 0) == 1 && g_string_replace (plain, "月", "-", 0) == 1)
        read = read_ymd (plain->str, "-", &y, &m, &d);
    }
  if (!read || y < 1900 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

gboolean
rct_date_is_valid (const char *text)
{
  return rct_date_parse (text, NULL);
}

/* Days from @from to @to: positive when @to is later. */
int
rct_date_days_between (const char *from,
                       const char *to)
{
  GDate a, b;

  if (!rct_date_parse (from, &a) || !rct_date_parse (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

char *
rct_date_add_days (const char *iso_date,
                   int         days)
{
  GDate date;
  char buf[16];

  if (!rct_date_parse (iso_date, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_snprintf (buf, sizeof buf, "%04u-%02u-%02u", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup (buf);
}

/**
 * rct_date_format_local:
 *
 * Every date on screen is written one way, `2021-05-20`, the form the
 * ledger, the filters and the dialogs use (a locale's `%x` gave `05/20/21`
 * in one table and ISO in the next).
 *
 * Returns: (transfer full): the date for display; the empty string for an
 *   empty date
 */
char *
rct_date_format_local (const char *iso_date)
{
  GDate date;
  char buf[16];

  if (!rct_date_parse (iso_date, &date))
    return g_strdup (iso_date != NULL ? iso_date : "");
  g_snprintf (buf, sizeof buf, "%04u-%02u-%02u", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup (buf);
}

/**
 * rct_time_format_local:
 * @iso_utc: a stamp as the store writes it, `2021-05-20T08:30:00Z`
 *
 * Returns: (transfer full): the moment in local time, `2021-05-20 16:30`;
 *   text that is not such a stamp comes back as it is
 */
char *
rct_time_format_local (const char *iso_utc)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) moment = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso_utc == NULL)
    return g_strdup ("");
  moment = g_date_time_new_from_iso8601 (iso_utc, utc);
  if (moment == NULL)
    return g_strdup (iso_utc);
  local = g_date_time_to_local (moment);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
