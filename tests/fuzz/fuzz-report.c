/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report reader under fuzzing. Built with clang -fsanitize=fuzzer by
 * build-aux/fuzz-report.sh; built without it (REPLAY), main() runs every
 * file of the corpus once, which is what `meson test` does. Whatever the
 * bytes, the reader must return an answer: never crash, hang or leak. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "rct-report.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;

  if (!rct_report_validate_bytes (bytes, &error))
    g_assert_nonnull (error);
  return 0;
}

#ifdef REPLAY
int
main (int    argc,
      char **argv)
{
  guint files = 0, valid = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize length = 0;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) error = NULL;

          if (!g_file_get_contents (path, &contents, &length, NULL))
            continue;
          bytes = g_bytes_new (contents, length);
          if (rct_report_validate_bytes (bytes, &error))
            valid++;
          files++;
          printf ("ok %u - %s\n", files, name);
        }
    }
  printf ("1..%u\n# %u inputs, %u valid reports\n", files, files, valid);
  return files > 0 ? 0 : 1;
}
#endif
