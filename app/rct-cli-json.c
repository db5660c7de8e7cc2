/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <math.h>
#include <string.h>

#include "rct-cli-json.h"

/* The JSON of `rectify-cli stats --json`, written as it goes into one
 * string. json-glib, which every other command prints its JSON with, links
 * GIO, and `stats` loads no GIO (docs/PERFORMANCE.md); so the figures are
 * written here, in json-glib's pretty layout to the byte (two spaces a
 * level, "name" : value, an empty object as `{  }`, a double by "%.17g"
 * with ".0" when it has no point, control characters as json-glib escapes
 * them), and a script sees the same text as before. /cli/stats/json-text
 * compares the two. */

#define MAX_DEPTH 16

struct _RctCliJson
{
  GString  *text;
  guint     depth;
  gboolean  has_members[MAX_DEPTH]; /* the open container has a member yet */
  gboolean  after_name;             /* a member's name is written, its value comes */
};

RctCliJson *
rct_cli_json_new (void)
{
  RctCliJson *json = g_new0 (RctCliJson, 1);

  json->text = g_string_new (NULL);
  return json;
}

static void
indent (RctCliJson *json,
        guint       depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (json->text, "  ");
}

/* Before a value: in an array, its separator and its line; after a
 * member's name, nothing more. */
static void
before_value (RctCliJson *json)
{
  if (json->after_name)
    {
      json->after_name = FALSE;
      return;
    }
  if (json->depth == 0)
    return;
  if (json->has_members[json->depth - 1])
    g_string_append_c (json->text, ',');
  json->has_members[json->depth - 1] = TRUE;
  g_string_append_c (json->text, '\n');
  indent (json, json->depth);
}

static void
append_escaped (GString    *text,
                const char *value)
{
  g_string_append_c (text, '"');
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    switch (*p)
      {
      case '"': g_string_append (text, "\\\""); break;
      case '\\': g_string_append (text, "\\\\"); break;
      case '\b': g_string_append (text, "\\b"); break;
      case '\f': g_string_append (text, "\\f"); break;
      case '\n': g_string_append (text, "\\n"); break;
      case '\r': g_string_append (text, "\\r"); break;
      case '\t': g_string_append (text, "\\t"); break;
      default:
        /* json-glib 1.6 leaves 0x1f as it is. */
        if (*p < 0x1f || *p == 0x7f)
          g_string_append_printf (text, "\\u%04x", *p);
        else
          g_string_append_c (text, (char) *p);
      }
  g_string_append_c (text, '"');
}

static void
begin (RctCliJson *json,
       char        open)
{
  before_value (json);
  g_string_append_c (json->text, open);
  g_assert (json->depth < MAX_DEPTH);
  json->has_members[json->depth++] = FALSE;
}

static void
end (RctCliJson *json,
     char        close,
     const char *empty)
{
  g_assert (json->depth > 0);
  json->depth--;
  if (json->has_members[json->depth])
    {
      g_string_append_c (json->text, '\n');
      indent (json, json->depth);
    }
  else
    g_string_append (json->text, empty);
  g_string_append_c (json->text, close);
}

void
rct_cli_json_begin_object (RctCliJson *json)
{
  begin (json, '{');
}

void
rct_cli_json_end_object (RctCliJson *json)
{
  /* json-glib writes an empty object with its indent inside */
  g_autofree char *empty = g_strnfill (2 * (json->depth - 1), ' ');

  end (json, '}', empty);
}

void
rct_cli_json_begin_array (RctCliJson *json)
{
  begin (json, '[');
}

void
rct_cli_json_end_array (RctCliJson *json)
{
  end (json, ']', "");
}

void
rct_cli_json_member (RctCliJson *json,
                     const char *name)
{
  before_value (json);
  append_escaped (json->text, name);
  g_string_append (json->text, " : ");
  json->after_name = TRUE;
}

/* @value: (nullable): %NULL writes null */
void
rct_cli_json_string (RctCliJson *json,
                     const char *value)
{
  before_value (json);
  if (value == NULL)
    g_string_append (json->text, "null");
  else
    append_escaped (json->text, value);
}

void
rct_cli_json_int (RctCliJson *json,
                  gint64      value)
{
  /* Written here: the printf family took a third of the JSON's time. */
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  *--p = '\0';
  do
    *--p = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';
  before_value (json);
  g_string_append (json->text, p);
}

/* A rate, or null when it has no denominator (NAN). */
void
rct_cli_json_rate (RctCliJson *json,
                   double      rate)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  before_value (json);
  if (isnan (rate))
    {
      g_string_append (json->text, "null");
      return;
    }
  g_ascii_dtostr (buffer, sizeof buffer, rate);
  g_string_append (json->text, buffer);
  if (strchr (buffer, '.') == NULL)
    g_string_append (json->text, ".0");
}

void
rct_cli_json_int_member (RctCliJson *json,
                         const char *name,
                         gint64      value)
{
  rct_cli_json_member (json, name);
  rct_cli_json_int (json, value);
}

void
rct_cli_json_rate_member (RctCliJson *json,
                          const char *name,
                          double      rate)
{
  rct_cli_json_member (json, name);
  rct_cli_json_rate (json, rate);
}

void
rct_cli_json_string_member (RctCliJson *json,
                            const char *name,
                            const char *value)
{
  rct_cli_json_member (json, name);
  rct_cli_json_string (json, value);
}

/* Returns: (transfer full): the text; @json is freed */
char *
rct_cli_json_free_to_text (RctCliJson *json)
{
  char *text;

  g_assert (json->depth == 0);
  text = g_string_free (g_steal_pointer (&json->text), FALSE);
  g_free (json);
  return text;
}
