/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rct-safe-name.h"
#include "rct-test-util.h"

/* Names from files someone sent: one rule decides which may become a file
 * name (hostile ones refused with one sentence, Chinese names kept), one
 * how a column name is shown; an evidence copy is written only inside its
 * folder, under the row's id. */

static void
test_refuses_hostile (void)
{
  g_autofree char *very_long = g_strnfill (10000, 'a');
  g_autofree char *just_too_long = g_strnfill (256, 'b');
  const char *hostile[] = {
    "../x", "a/b", "a\\b", "C:foo", "..\\..\\boot.ini", "/etc/passwd", "a\x01" "b", "a\nb", "tab\there",
    "", ".", "..", ".bashrc", "photo\xE2\x80\xAEgpj.exe" /* U+202E RIGHT-TO-LEFT OVERRIDE */,
    "zero\xE2\x80\x8Bwidth", "bad \xff utf8", "a?b", "a*b", "a|b", "a<b>", "quote\"d", "trailing.", "trailing ",
    "CON", "nul.txt", "com1.jpg", "LPT9", very_long, just_too_long,
  };

  g_assert_false (rct_safe_file_name (NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (hostile[i], NULL);

      g_test_message ("%s", shown);
      g_assert_false (rct_safe_file_name (hostile[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
      /* One sentence, on one line, that never repeats a control character. */
      g_assert_null (strchr (error->message, '\n'));
      g_assert_true (g_str_has_suffix (error->message, "."));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_keeps_good_names (void)
{
  GString *longest = g_string_new (NULL);
  const char *good[] = {
    "整改 照片.jpg", "第1期 督导报告（定稿）.pdf", "report.v2..final.xml", "a", "x.tar.gz", "console.log", "comma, and (brackets)",
    "LPT.doc", "中文文件名",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (rct_safe_file_name (good[i], &error));
      g_assert_no_error (error);
    }
  /* 85 Chinese characters are 255 bytes: the longest name kept. */
  for (int i = 0; i < 85; i++)
    g_string_append (longest, "证");
  g_assert_true (rct_safe_file_name (longest->str, NULL));
  g_string_append (longest, "据");
  g_assert_false (rct_safe_file_name (longest->str, NULL));
  g_string_free (longest, TRUE);
}

static void
test_label (void)
{
  g_autofree char *control = rct_safe_label ("单位\t名称\x1b[31m", 200);
  g_autofree char *bidi = rct_safe_label ("a\xE2\x80\xAE" "b", 200);
  g_autofree char *invalid = rct_safe_label ("ok \xff", 200);
  g_autofree char *cut = rct_safe_label ("责任单位名称很长", 4);
  g_autofree char *kept = rct_safe_label ("整改 期限", 5);
  g_autofree char *empty = rct_safe_label (NULL, 10);

  g_assert_cmpstr (control, ==, "单位\xEF\xBF\xBD名称\xEF\xBF\xBD[31m");
  g_assert_cmpstr (bidi, ==, "a\xEF\xBF\xBD" "b");
  g_assert_cmpstr (invalid, ==, "ok \xEF\xBF\xBD");
  g_assert_cmpstr (cut, ==, "责任单…");
  g_assert_cmpstr (kept, ==, "整改 期限");
  g_assert_cmpstr (empty, ==, "");
}

/* A ledger whose evidence is named "../../逃出 缓存.txt": opening it writes
 * nothing outside the folder; a good name is written at FOLDER/ID/NAME. */
static void
test_evidence_copy_stays_inside (void)
{
  g_autofree char *dir = NULL;
  RctStore *store = rct_test_open_demo (&dir);
  g_autofree char *ledger = g_strdup (rct_store_get_path (store));
  g_autofree char *folder = g_build_filename (dir, "缓存 目录", "evidence", NULL);
  g_autofree char *escaped = g_build_filename (dir, "缓存 目录", "逃出 缓存.txt", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\xff\xd8\xff\xe0 photo", 10);
  g_autoptr(GError) error = NULL;
  gint64 problem = rct_store_find_id (store, RCT_KIND_PROBLEM, "2021-006", NULL);
  gint64 evidence = 0;
  gsize length = 0;

  g_assert_true (rct_store_attach_evidence (store, problem, "/某处/整改 照片.jpg", bytes, &evidence, &error));
  g_assert_no_error (error);
  path = rct_store_write_evidence_copy (store, evidence, folder, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("%s/%" G_GINT64_FORMAT "/整改 照片.jpg", folder, evidence);
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, "\xff\xd8\xff\xe0 photo", 10);

  /* The same ledger, sent back with the name changed by another program. */
  g_object_unref (store);
  rct_test_rename_evidence (ledger, evidence, "../../逃出 缓存.txt");
  store = rct_store_open (ledger, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  path = rct_store_write_evidence_copy (store, evidence, folder, &error);
  g_assert_null (path);
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Cannot open this evidence file safely"));
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Attaching a file whose own name is unsafe is refused the same way. */
  g_assert_false (rct_store_attach_evidence (store, problem, "/某处/.bashrc", bytes, NULL, &error));
  g_assert_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "starts with a dot"));

  g_object_unref (store);
  rct_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/safe-name/refuses-hostile", test_refuses_hostile);
  g_test_add_func ("/safe-name/keeps-good-names", test_keeps_good_names);
  g_test_add_func ("/safe-name/label-shows-what-it-is", test_label);
  g_test_add_func ("/store/evidence/copy-stays-inside-its-folder", test_evidence_copy_stays_inside);
  return g_test_run ();
}
