/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gmodule.h>
#ifdef G_OS_WIN32
#include <windows.h>
#endif

#include "rct-cli-commands.h"
#include "rct-cli-common.h"
#include "rct-clock.h"

/* rectify-cli: the ledger without a window, for scripts and tests.
 * Exit 0 on success; 1 with one line on standard error when the work failed
 * (and nothing was changed); 2 for a usage error.
 *
 * This program links GLib, GObject, SQLite and the part of data/ that
 * opens a ledger and reads its figures (librectify-core), and runs `stats`
 * itself. Every other command is in the commands' module beside it
 * (rct-cli.c, RCT_CLI_MODULE_NAME), loaded through GModule with GIO, the
 * report's libraries and the spreadsheets': loading those took most of the
 * time of `stats` at a million problems (docs/PERFORMANCE.md). */

typedef struct
{
  const char *name;
  const char *help;
  /* For a command of several actions: each action's syntax, one a line. */
  const char *actions;
} CliCommand;

#define COMMAND_LISTED(name, run, help, actions) { name, help, actions },
static const CliCommand commands[] = { RCT_CLI_COMMANDS (COMMAND_LISTED) };

/* The description of `rectify-cli --help`, asked for through the option
 * context's translation only when help is printed: a command that prints
 * no text loads no catalogue. */
#define DESCRIPTION_KEY "rectify-cli-commands"

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].help));
  g_string_append (text, "\n");
  g_string_append (text, _("RECTIFY_TODAY=YYYY-MM-DD sets today's date for deadlines."));
  return g_string_free (text, FALSE);
}

static const char *
translate_cb (const char *text,
              gpointer    data)
{
  char **description = data;

  if (g_str_equal (text, DESCRIPTION_KEY))
    {
      if (*description == NULL)
        *description = describe_commands ();
      return *description;
    }
  return g_dgettext (GETTEXT_PACKAGE, text);
}

/* `rectify-cli COMMAND --help` for a command of several actions: what it
 * does and its actions, on stdout (a command of one action answers --help
 * from its own options). */
static gboolean
is_help (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "-?");
}

static int
command_help (const CliCommand *command)
{
  g_auto(GStrv) actions = g_strsplit (command->actions, "\n", -1);
  g_autofree char *more = NULL;

  g_print ("%s\n", _("Usage:"));
  for (guint i = 0; actions[i] != NULL; i++)
    g_print ("  rectify-cli %s %s\n", command->name, actions[i]);
  g_print ("\n%s\n\n", _(command->help));
  /* Translators: %s is a command, like "problem" */
  more = g_strdup_printf (_("Each action has its own options: rectify-cli %s ACTION --help"), command->name);
  g_print ("%s\n", more);
  return 0;
}

/* The folder of this program, or NULL. */
static char *
dup_program_dir (const char *argv0)
{
  g_autofree char *program = NULL;

#ifdef G_OS_WIN32
  wchar_t buffer[MAX_PATH + 1];
  DWORD n = GetModuleFileNameW (NULL, buffer, G_N_ELEMENTS (buffer));

  if (n > 0 && n < G_N_ELEMENTS (buffer))
    program = g_utf16_to_utf8 (buffer, n, NULL, NULL, NULL);
#else
  program = g_file_read_link ("/proc/self/exe", NULL);
#endif
  if (program == NULL && argv0 != NULL)
    program = g_path_is_absolute (argv0) || strchr (argv0, G_DIR_SEPARATOR) != NULL
              ? g_canonicalize_filename (argv0, NULL) : g_find_program_in_path (argv0);
  return program != NULL ? g_path_get_dirname (program) : NULL;
}

/* Runs @command (not stats) from the commands' module: beside the program
 * in the build tree, in RCT_CLI_MODULE_DIR relative to it once installed
 * (the same relation on Windows), never through a search path. A module
 * missing or broken is one sentence and exit 1. */
static int
run_in_module (const char  *argv0,
               const char  *command,
               int          argc,
               char       **argv,
               const char  *db_path,
               const char  *operator_name)
{
  g_autofree char *dir = dup_program_dir (argv0);
  g_autofree char *file = g_strconcat (RCT_CLI_MODULE_NAME ".", G_MODULE_SUFFIX, NULL);
  const char *places[] = { ".", RCT_CLI_MODULE_DIR };
  g_autofree char *tried = NULL;
  GModule *module = NULL;
  RctCliModuleRunFunc run = NULL;

  for (guint i = 0; dir != NULL && module == NULL && i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *path = g_path_is_absolute (places[i]) ? g_build_filename (places[i], file, NULL)
                                                             : g_build_filename (dir, places[i], file, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_free (tried);
      tried = g_canonicalize_filename (path, NULL);
      module = g_module_open (path, G_MODULE_BIND_LOCAL);
    }
  if (module == NULL || !g_module_symbol (module, RCT_CLI_MODULE_RUN, (gpointer *) &run) || run == NULL)
    {
      g_autofree char *installed = g_path_is_absolute (RCT_CLI_MODULE_DIR) || dir == NULL
                                   ? g_build_filename (RCT_CLI_MODULE_DIR, file, NULL)
                                   : g_build_filename (dir, RCT_CLI_MODULE_DIR, file, NULL);
      g_autofree char *where = g_canonicalize_filename (installed, NULL);
      g_autofree char *message = NULL;

      if (module == NULL && tried == NULL)
        /* Translators: %1$s is a command, %2$s a file */
        message = g_strdup_printf (_("The command “%1$s” needs “%2$s”, which is missing; install Rectify again."),
                                   command, where);
      else
        /* Translators: %1$s is a command, %2$s a file, %3$s why it could not be loaded */
        message = g_strdup_printf (_("The command “%1$s” needs “%2$s”, which could not be loaded (%3$s); "
                                     "install Rectify again."),
                                   command, tried != NULL ? tried : where, g_module_error ());
      g_printerr ("rectify-cli: %s\n", message);
      return EXIT_FAILED;
    }
  /* Kept loaded: the command's objects and threads may outlive its call. */
  g_module_make_resident (module);
  /* Every category, as the user set them: the commands print, sort and
   * read dates and numbers. */
  setlocale (LC_ALL, "");
  return run (command, argc, argv, db_path, operator_name);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *operator_name = NULL;
  g_autofree char *description = NULL;
  const char *localedir = g_getenv ("RECTIFY_LOCALEDIR");
  const char *argv0 = argv[0];
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The ledger: a file, or the office's server as postgresql://HOST/DATABASE or service=NAME "
                                                      "(default: the user's ledger file)"), N_("LEDGER") },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &operator_name, N_("Who is acting, for the journal"), N_("NAME") },
    { NULL }
  };

  /* Only what text for people needs, its characters and its language: the
   * other categories (numbers, dates, collation, …) are set where a command
   * of the module runs. `stats` prints dates and numbers of its own, and
   * the C library loads each category from a file of its own
   * (docs/PERFORMANCE.md). Bound, not read: the catalogue is read at the
   * first text translated. */
  setlocale (LC_CTYPE, "");
#ifdef LC_MESSAGES
  setlocale (LC_MESSAGES, "");
#endif
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_getenv ("RECTIFY_TODAY") != NULL && !rct_date_is_valid (g_getenv ("RECTIFY_TODAY")))
    return rct_cli_usage (_("RECTIFY_TODAY must be a date written as YYYY-MM-DD."));

  /* The summary and the description are translated by the context, when
   * it prints the help. */
  context = g_option_context_new (N_("COMMAND [ARGUMENTS…] — the Rectify ledger without a window"));
  g_option_context_set_translate_func (context, translate_cb, &description, NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_description (context, DESCRIPTION_KEY);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return rct_cli_usage (error->message);
  if (argc < 2)
    return rct_cli_usage (_("Give a command."));

  rct_cli_set_globals (db_path, operator_name);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        if (commands[i].actions != NULL && argc >= 3 && is_help (argv[2]))
          return command_help (&commands[i]);
        /* A server's ledger needs libpq, which the small program does not
         * load: its figures come through the module like any command. */
        if (g_str_equal (commands[i].name, "stats") && !rct_store_location_is_server (db_path))
          return rct_cli_stats (argc - 1, argv + 1);
        return run_in_module (argv0, commands[i].name, argc - 1, argv + 1, db_path, operator_name);
      }

  {
    g_autofree char *message = g_strdup_printf (_("“%s” is not a command."), argv[1]);
    return rct_cli_usage (message);
  }
}
