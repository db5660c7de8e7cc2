/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-application"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-application.h"
#include "rct-bench.h"
#include "rct-preferences-dialog.h"
#include "rct-window.h"

/* RctApplication: one running copy per session (a second launch raises
 * the first window, or opens the files it was given there). The app-wide
 * actions and every keyboard accelerator are set here, once, in startup. */

struct _RctApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (RctApplication, rct_application, GTK_TYPE_APPLICATION)

static RctWindow *
get_window (RctApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (RCT_IS_WINDOW (window))
    return RCT_WINDOW (window);
  return NULL;
}

static RctWindow *
ensure_window (RctApplication *self,
               gboolean        start)
{
  RctWindow *window = get_window (self);

  if (window == NULL)
    {
      window = rct_window_new (GTK_APPLICATION (self));
      if (start)
        rct_window_start (window);
    }
  return window;
}

static void
rct_application_activate (GApplication *application)
{
  RctWindow *window = ensure_window (RCT_APPLICATION (application), TRUE);

  rct_window_present_in_steps (window);
}

static void
rct_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  RctWindow *window;

  rct_bench_phase ("open");
  window = ensure_window (RCT_APPLICATION (application), FALSE);

  /* One window holds one ledger: the last file given wins. */
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL && i == n_files - 1)
        rct_window_open_ledger (window, path, RCT_WINDOW_OPEN_NORMAL);
    }
  rct_bench_phase ("ledger-shown");
  rct_window_present_in_steps (window);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  RctApplication *self = user_data;
  GtkWidget *dialog = rct_preferences_dialog_new (GTK_WINDOW (get_window (self)));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  RctApplication *self = user_data;
  static const char *developers[] = { "The Rectify developers", NULL };

  gtk_show_about_dialog (GTK_WINDOW (get_window (self)),
                         "program-name", _("Rectify"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Supervise a rectification campaign: working groups, tasks, "
                                       "the problem ledger and the feedback of social supervisors."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* Translators: your names, one a line */
                         "translator-credits", _("translator-credits"),
                         "website", "https://github.com/rectify/rectify",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GApplication *application = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Closing the windows closes their ledgers cleanly, releasing the lock. */
  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (application));
    }
  g_application_quit (application);
}

static const GActionEntry app_entries[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "ledger.open", { "<Control>o", NULL } },
  { "view.search", { "<Control>f", NULL } },
  { "view.show-page('overview')", { "<Alt>1", NULL } },
  { "view.show-page('groups')", { "<Alt>2", NULL } },
  { "view.show-page('ledger')", { "<Alt>3", NULL } },
  { "view.show-page('supervisors')", { "<Alt>4", NULL } },
  { "view.show-page('reports')", { "<Alt>5", NULL } },
  { "view.show-page('setup')", { "<Alt>6", NULL } },
  { "view.show-page('study')", { "<Alt>7", NULL } },
  { "view.show-page('supervision')", { "<Alt>8", NULL } },
  { "task.new", { "<Control>n", "<Control><Shift>n", NULL } },
};

static void
rct_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (rct_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_entries, G_N_ELEMENTS (app_entries),
                                   application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), accels[i].action, accels[i].accels);
  gtk_window_set_default_icon_name (APPLICATION_ID);
  rct_bench_phase ("startup");
}

static void
rct_application_class_init (RctApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->activate = rct_application_activate;
  application_class->open = rct_application_open;
  application_class->startup = rct_application_startup;
}

static void
rct_application_init (RctApplication *self)
{
}

RctApplication *
rct_application_new (GApplicationFlags flags)
{
  return g_object_new (RCT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/rectify/Rectify",
                       NULL);
}
