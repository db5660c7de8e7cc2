/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include "config.h"

#include "rct-clock.h"

static void
test_date_parse (void)
{
  g_assert_true (rct_date_is_valid ("2021-04-30"));
  g_assert_true (rct_date_is_valid ("2024-02-29"));
  g_assert_false (rct_date_is_valid ("2021-02-29"));  /* not a leap year */
  g_assert_false (rct_date_is_valid ("2021-02-30"));
  g_assert_false (rct_date_is_valid ("2021-13-01"));
  g_assert_false (rct_date_is_valid ("2021-4-30"));
  g_assert_false (rct_date_is_valid ("30/04/2021"));
  g_assert_false (rct_date_is_valid (""));
  g_assert_false (rct_date_is_valid (NULL));
  g_assert_false (rct_date_is_valid ("2021-04-30x"));
}

static void
test_date_arithmetic (void)
{
  g_autofree char *later = rct_date_add_days ("2021-02-27", 3);
  g_autofree char *earlier = rct_date_add_days ("2021-03-01", -1);

  g_assert_cmpstr (later, ==, "2021-03-02");
  g_assert_cmpstr (earlier, ==, "2021-02-28");
  g_assert_cmpint (rct_date_days_between ("2021-04-16", "2021-05-20"), ==, 34);
  g_assert_cmpint (rct_date_days_between ("2021-05-20", "2021-04-16"), ==, -34);
}

static void
test_today_override (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *from_call = NULL;
  g_autofree char *real = NULL;

  g_setenv ("RECTIFY_TODAY", "2021-05-20", TRUE);
  from_env = rct_clock_today ();
  g_assert_cmpstr (from_env, ==, "2021-05-20");

  rct_clock_set_today ("2021-06-01");
  from_call = rct_clock_today ();
  g_assert_cmpstr (from_call, ==, "2021-06-01");

  rct_clock_set_today (NULL);
  g_setenv ("RECTIFY_TODAY", "not a date", TRUE);
  real = rct_clock_today ();
  g_assert_true (rct_date_is_valid (real));
  g_unsetenv ("RECTIFY_TODAY");
}

static void
test_now_is_utc (void)
{
  g_autofree char *now = rct_clock_now ();

  g_assert_cmpuint (strlen (now), ==, 20);
  g_assert_true (g_str_has_suffix (now, "Z"));
}

/* One date format on every page, whatever the locale's %x says. */
static void
test_format_one_way (void)
{
  g_autofree char *date = rct_date_format_local ("2021-04-25");
  g_autofree char *empty = rct_date_format_local (NULL);
  g_autofree char *moment = rct_time_format_local ("2021-05-20T08:30:00Z");
  g_autofree char *odd = rct_time_format_local ("昨天");

  g_assert_cmpstr (date, ==, "2021-04-25");
  g_assert_cmpstr (empty, ==, "");
  /* The journal's UTC stamp in the office's time (TZ is set in main). */
  g_assert_cmpstr (moment, ==, "2021-05-20 16:30");
  g_assert_cmpstr (odd, ==, "昨天");
}

/* The forms spreadsheets and offices write, read into one; impossible
 * dates refused whatever their form. */
static void
test_date_read (void)
{
  static const struct { const char *text; gboolean numeric; const char *expected; } cases[] = {
    { "2021-04-21", FALSE, "2021-04-21" },
    { "2021-4-21", FALSE, "2021-04-21" },
    { "2021/4/21", FALSE, "2021-04-21" },
    { " 2021/04/21 ", FALSE, "2021-04-21" },
    { "2021.4.21", FALSE, "2021-04-21" },
    { "2021年4月21日", FALSE, "2021-04-21" },
    { "2021 年 4 月 21 日", FALSE, "2021-04-21" },
    { "44307", TRUE, "2021-04-21" },
    { "44307.5", TRUE, "2021-04-21" },
    { "44307", FALSE, NULL },
    { "2021-02-30", FALSE, NULL },
    { "2021/2/30", FALSE, NULL },
    { "2021年2月30日", FALSE, NULL },
    { "2021-4/21", FALSE, NULL },
    { "21/4/2021", FALSE, NULL },
    { "2021-04-21x", FALSE, NULL },
    { "2021年4月", FALSE, NULL },
    { "", FALSE, NULL },
    { "abc", TRUE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *read = rct_date_read (cases[i].text, cases[i].numeric);

      g_test_message ("%s → %s", cases[i].text, read);
      g_assert_cmpstr (read, ==, cases[i].expected);
    }
  g_assert_null (rct_date_read (NULL, FALSE));
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clock/format/dates-and-stamps-one-way", test_format_one_way);
  g_test_add_func ("/clock/date/read-office-forms", test_date_read);
  g_test_add_func ("/clock/date/parse", test_date_parse);
  g_test_add_func ("/clock/date/arithmetic", test_date_arithmetic);
  g_test_add_func ("/clock/today/override", test_today_override);
  g_test_add_func ("/clock/now/utc", test_now_is_utc);
  return g_test_run ();
}
