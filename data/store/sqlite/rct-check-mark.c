/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-check-mark"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rct-check-mark.h"

/* The integrity check of a ledger (PRAGMA quick_check) reads every page:
 * most of a second at a million problems. A ledger that nothing but
 * Rectify has written since its last good check need not be checked again
 * at every open, so after a good check, and when Rectify closes a ledger it
 * knew to be good, the file's stamp is remembered: its size, modification
 * and change times, its inode, and the same of its write-ahead log. An open
 * whose file still has that stamp skips the check; a file copied over,
 * restored, edited or damaged by anything else has another stamp (the
 * change time cannot be set back) and is checked. `rectify-cli check`
 * always checks.
 *
 * The stamps live in the user's cache folder, not in the ledger, so a
 * read-only open can remember its check too; one group per ledger, named
 * by a hash of its path. Losing the file costs one check. */

#define MARK_FILE_MAX_BYTES (256 * 1024)
#define MARK_MAX_LEDGERS 64

static char *
mark_file_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "rectify", "checked-ledgers.ini", NULL);
}

static char *
mark_group (const char *ledger_path)
{
  g_autofree char *canonical = g_canonicalize_filename (ledger_path, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

/* The sub-second part of a time of @info, in microseconds, as GIO gives
 * it: POSIX has nanoseconds, Windows' stat() none. */
#if defined(G_OS_UNIX) && defined(st_mtime)
#define STAT_USEC(info, which) ((guint) ((info).st_##which##tim.tv_nsec / 1000))
#else
#define STAT_USEC(info, which) 0u
#endif

/* GLib's lstat, not GIO: the stamp is read at every open, `rectify-cli
 * stats` included, which loads no GIO (docs/PERFORMANCE.md). The text is
 * the one GIO's file attributes gave, so stamps remembered before stay
 * good. */
static void
append_file_stamp (GString    *stamp,
                   const char *path)
{
  GStatBuf info;

  /* A missing or empty log is no log. */
  if (g_lstat (path, &info) != 0 || info.st_size == 0)
    {
      g_string_append (stamp, "-;");
      return;
    }
  g_string_append_printf (stamp, "%" G_GINT64_FORMAT ":%" G_GUINT64_FORMAT ".%u:%" G_GUINT64_FORMAT ".%u:%"
                          G_GUINT64_FORMAT ":%u;",
                          (gint64) info.st_size,
                          (guint64) info.st_mtime, STAT_USEC (info, m),
                          (guint64) info.st_ctime, STAT_USEC (info, c),
                          (guint64) info.st_ino, (guint) info.st_dev);
}

/**
 * rct_check_mark_stamp:
 *
 * Returns: (transfer full) (nullable): the stamp of the ledger at
 *   @ledger_path and its log, or %NULL when there is no such file
 */
char *
rct_check_mark_stamp (const char *ledger_path)
{
  g_autoptr(GString) stamp = g_string_new (NULL);
  g_autofree char *wal = g_strconcat (ledger_path, "-wal", NULL);

  append_file_stamp (stamp, ledger_path);
  if (g_str_has_prefix (stamp->str, "-"))
    return NULL;
  append_file_stamp (stamp, wal);
  return g_string_free (g_steal_pointer (&stamp), FALSE);
}

static GKeyFile *
load_marks (const char *mark_path)
{
  GKeyFile *marks = g_key_file_new ();
  GStatBuf st;

  /* The cache is ours, but bounded all the same; a bad one is started
   * again. */
  if (g_stat (mark_path, &st) == 0 && st.st_size <= MARK_FILE_MAX_BYTES)
    g_key_file_load_from_file (marks, mark_path, G_KEY_FILE_NONE, NULL);
  return marks;
}

/* The stamp of @group in @text, the marks file as rct_check_mark_record()
 * has GKeyFile write it: a line "[group]", then "stamp=…" before the next
 * group. A stamp is digits and ":.;-", which GKeyFile writes as they are.
 * Any other shape is no mark, and costs one check. */
static char *
find_stamp (const char *text,
            const char *group)
{
  g_autofree char *header = g_strconcat ("[", group, "]\n", NULL);
  const char *at = text;

  while ((at = strstr (at, header)) != NULL && at != text && at[-1] != '\n')
    at++;
  if (at == NULL)
    return NULL;
  for (at += strlen (header); *at != '\0' && *at != '[';)
    {
      const char *end = strchr (at, '\n');

      if (g_str_has_prefix (at, "stamp="))
        {
          at += strlen ("stamp=");
          return g_strndup (at, strcspn (at, "\r\n"));
        }
      if (end == NULL)
        break;
      at = end + 1;
    }
  return NULL;
}

/**
 * rct_check_mark_matches:
 *
 * The marks file is searched for the ledger's group, not parsed whole by
 * GKeyFile: parsing the stamps of 64 ledgers took a tenth of the CPU of
 * `rectify-cli stats` (docs/PERFORMANCE.md).
 *
 * Returns: whether the ledger at @ledger_path has the stamp remembered at
 *   its last good check (and so need not be checked again)
 */
gboolean
rct_check_mark_matches (const char *ledger_path)
{
  g_autofree char *mark_path = mark_file_path ();
  g_autofree char *group = mark_group (ledger_path);
  g_autofree char *text = NULL;
  g_autofree char *remembered = NULL;
  g_autofree char *stamp = NULL;
  GStatBuf st;

  /* Bounded as the cache is when written. */
  if (g_stat (mark_path, &st) != 0 || st.st_size > MARK_FILE_MAX_BYTES ||
      !g_file_get_contents (mark_path, &text, NULL, NULL))
    return FALSE;
  remembered = find_stamp (text, group);
  if (remembered == NULL)
    return FALSE;
  stamp = rct_check_mark_stamp (ledger_path);
  return stamp != NULL && g_str_equal (stamp, remembered);
}

/**
 * rct_check_mark_record:
 * @stamp: (nullable): the stamp the ledger had when it was known to be
 *   good; %NULL to forget it
 *
 * Remembers @stamp for the ledger at @ledger_path. Failing to write the
 * cache only costs a check at the next open.
 */
void
rct_check_mark_record (const char *ledger_path,
                       const char *stamp)
{
  g_autofree char *mark_path = mark_file_path ();
  g_autofree char *mark_dir = g_path_get_dirname (mark_path);
  g_autoptr(GKeyFile) marks = load_marks (mark_path);
  g_autofree char *group = mark_group (ledger_path);
  g_autofree char *data = NULL;
  gsize n_groups;
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) error = NULL;

  if (stamp != NULL)
    g_key_file_set_string (marks, group, "stamp", stamp);
  else
    g_key_file_remove_group (marks, group, NULL);
  /* The oldest ledgers are forgotten first. */
  groups = g_key_file_get_groups (marks, &n_groups);
  for (gsize i = 0; n_groups > MARK_MAX_LEDGERS && i < n_groups - MARK_MAX_LEDGERS; i++)
    g_key_file_remove_group (marks, groups[i], NULL);

  data = g_key_file_to_data (marks, NULL, NULL);
  if (g_mkdir_with_parents (mark_dir, 0700) != 0 ||
      !g_file_set_contents_full (mark_path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("The check of “%s” is not remembered: %s", ledger_path,
             error != NULL ? error->message : g_strerror (errno));
}
