/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "rct-application.h"
#include "rct-bench.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RctApplication) application = NULL;
  const char *localedir = g_getenv ("RECTIFY_LOCALEDIR");

  rct_bench_phase ("main");
  /* RECTIFY_LOCALEDIR points at a build's po/ to run translated from there. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Rectify"));
  application = rct_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
