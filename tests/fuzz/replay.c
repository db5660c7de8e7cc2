/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The replay of a fuzz target's corpus, for `meson test` and any compiler:
 * every file of the folders named on the command line is given to
 * LLVMFuzzerTestOneInput() once, as libFuzzer would, then the target's
 * fuzz_replay_finish() checks what must hold after all of them. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "replay.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  guint files = 0;
  gboolean ok;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *path = g_build_filename (argv[i], g_ptr_array_index (names, j), NULL);
          g_autofree char *contents = NULL;
          gsize length = 0;

          if (!g_file_get_contents (path, &contents, &length, NULL))
            continue;
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          files++;
          printf ("ok %u - %s\n", files, (const char *) g_ptr_array_index (names, j));
          fflush (stdout);
        }
    }
  ok = fuzz_replay_finish ();
  files++;
  printf ("%s %u - what must hold after every input\n", ok ? "ok" : "not ok", files);
  printf ("1..%u\n", files);
  return files > 1 && ok ? 0 : 1;
}
