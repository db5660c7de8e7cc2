/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-window-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rct-backups.h"
#include "rct-clock.h"
#include "rct-file-chooser.h"
#include "rct-input-dialog.h"
#include "rct-report.h"
#include "rct-window-private.h"

/* The window's actions: the ledger menu (ledger.*) and the view (view.*).
 * Which of them may run is decided in one place, _rct_window_actions_update(). */

typedef enum
{
  CHOOSE_NEW,
  CHOOSE_OPEN,
  CHOOSE_OPEN_READ_ONLY,
  CHOOSE_BACKUP,
  CHOOSE_SETUP,         /* the set-up file a unit's office sent */
  CHOOSE_SETUP_LEDGER,  /* then where the unit's new ledger goes */
} ChooseFor;

typedef struct
{
  RctWindow *window;
  ChooseFor  purpose;
  char      *setup_path;  /* CHOOSE_SETUP_LEDGER */
} ChooseData;

static void choose_file (RctWindow  *self,
                         ChooseFor   purpose,
                         const char *initial_name,
                         const char *setup_path);


static void
backup_copied_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RctWindow) self = user_data;
  g_autoptr(GCancellable) cancellable = g_steal_pointer (&self->copy_cancellable);
  g_autoptr(GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (cancellable), "rct-backup-path");

  if (self->cancellable == NULL)  /* disposed */
    return;
  if (!rct_backups_copy_finish (result, &error))
    {
      /* Cancelled only when the window closed. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rct_window_show_error (self, error->message);
    }
  else
    {
      g_autofree char *shown = g_filename_display_name (path);
      /* Translators: %s is the path of the backup file */
      g_autofree char *message = g_strdup_printf (_("The ledger was backed up to “%s”."), shown);
      _rct_window_show_info (self, message);
    }
  if (!g_cancellable_is_cancelled (cancellable))
    _rct_window_actions_update (self);
}

static void
choose_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ChooseData *data = user_data;
  g_autoptr(RctWindow) self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *setup_path = data->setup_path;
  ChooseFor purpose = data->purpose;

  g_free (data);
  file = rct_file_chooser_choose_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rct_window_show_error (self, error->message);
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      _rct_window_show_error (self, _("Choose a file on this computer; the ledger cannot live at that location."));
      return;
    }

  switch (purpose)
    {
    case CHOOSE_NEW:
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *shown = g_filename_display_name (path);
          /* Translators: %s is a file path */
          g_autofree char *message = g_strdup_printf (_("“%s” already exists and was left alone; "
                                                        "choose a new name, or open it with Open."), shown);
          _rct_window_show_error (self, message);
          return;
        }
      rct_window_open_ledger (self, path, RCT_WINDOW_OPEN_NEW_EMPTY);
      break;
    case CHOOSE_OPEN:
      rct_window_open_ledger (self, path, RCT_WINDOW_OPEN_NORMAL);
      break;
    case CHOOSE_OPEN_READ_ONLY:
      rct_window_open_ledger (self, path, RCT_WINDOW_OPEN_READ_ONLY);
      break;
    case CHOOSE_BACKUP:
      if (self->store == NULL)
        return;
      if (self->copy_cancellable != NULL)
        return;
      {
        g_autofree char *shown = g_filename_display_name (path);
        /* Translators: %s is the path of the backup file */
        g_autofree char *message = g_strdup_printf (_("Backing up the ledger to “%s”…"), shown);

        /* A million problems take seconds to copy: in a thread, on a
         * connection of its own, with the backup and restore actions
         * disabled until it is done. */
        self->copy_cancellable = g_cancellable_new ();
        g_object_set_data_full (G_OBJECT (self->copy_cancellable), "rct-backup-path", g_strdup (path), g_free);
        rct_backups_copy_async (rct_store_get_path (self->store), path, self->copy_cancellable,
                                backup_copied_cb, g_object_ref (self));
        _rct_window_show_info (self, message);
        _rct_window_actions_update (self);
      }
      break;
    case CHOOSE_SETUP:
      /* Translators: the file name proposed for a unit's new ledger; keep the .db */
      choose_file (self, CHOOSE_SETUP_LEDGER, _("Unit ledger.db"), path);
      break;
    case CHOOSE_SETUP_LEDGER:
      _rct_window_create_from_setup (self, setup_path, path);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
choose_file (RctWindow  *self,
             ChooseFor   purpose,
             const char *initial_name,
             const char *setup_path)
{
  ChooseData *data = g_new0 (ChooseData, 1);
  RctFileChooserMode mode = RCT_FILE_CHOOSER_OPEN;
  const char *title = NULL;
  const char *accept = NULL;
  g_autofree char *folder = NULL;

  data->window = g_object_ref (self);
  data->purpose = purpose;
  data->setup_path = g_strdup (setup_path);
  switch (purpose)
    {
    case CHOOSE_NEW:
      mode = RCT_FILE_CHOOSER_SAVE;
      title = _("New Ledger");
      accept = _("_Create");
      break;
    case CHOOSE_OPEN:
      title = _("Open a Ledger");
      accept = _("_Open");
      break;
    case CHOOSE_OPEN_READ_ONLY:
      title = _("Open a Ledger Read-Only");
      accept = _("_Open");
      break;
    case CHOOSE_BACKUP:
      mode = RCT_FILE_CHOOSER_SAVE;
      title = _("Back Up the Ledger");
      accept = _("_Back Up");
      break;
    case CHOOSE_SETUP:
      title = _("Choose the Set-up File from the Office");
      accept = _("_Choose");
      break;
    case CHOOSE_SETUP_LEDGER:
      mode = RCT_FILE_CHOOSER_SAVE;
      title = _("Save the Unit's New Ledger");
      accept = _("_Create");
      break;
    default:
      g_assert_not_reached ();
    }
  folder = self->store != NULL ? rct_store_dup_folder (self->store) : NULL;
  /* The set-up file is XML; everything else chosen here is a ledger. */
  rct_file_chooser_choose_async (GTK_WINDOW (self), mode, purpose == CHOOSE_SETUP ? RCT_FILE_KIND_SETUP : RCT_FILE_KIND_LEDGER,
                                 title, accept, initial_name, folder, self->cancellable, choose_done_cb, data);
}

static void
ledger_new_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  /* Translators: the file name proposed for a new ledger; keep the .db */
  choose_file (RCT_WINDOW (widget), CHOOSE_NEW, _("Ledger.db"), NULL);
}

static void
ledger_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  choose_file (RCT_WINDOW (widget), CHOOSE_OPEN, NULL, NULL);
}

static void
ledger_open_read_only_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  choose_file (RCT_WINDOW (widget), CHOOSE_OPEN_READ_ONLY, NULL, NULL);
}

static void
ledger_open_recent_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  rct_window_open_ledger (RCT_WINDOW (widget), g_variant_get_string (param, NULL), RCT_WINDOW_OPEN_NORMAL);
}

/* The greeter's third path: a unit's ledger from the set-up file its
 * office sent (docs/EXCHANGE.md). */
static void
ledger_new_from_setup_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  choose_file (RCT_WINDOW (widget), CHOOSE_SETUP, NULL, NULL);
}

/**
 * _rct_window_create_from_setup:
 *
 * Makes the unit's ledger at @ledger_path from @setup_path and opens it;
 * a file refused leaves no ledger and says why in the banner.
 */
gboolean
_rct_window_create_from_setup (RctWindow  *self,
                               const char *setup_path,
                               const char *ledger_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_setup_create_ledger (setup_path, ledger_path, NULL, NULL, &error);

  if (store == NULL)
    {
      _rct_window_show_error (self, error->message);
      return FALSE;
    }
  rct_store_close (store);
  g_clear_object (&store);
  rct_window_open_ledger (self, ledger_path, RCT_WINDOW_OPEN_NORMAL);
  return TRUE;
}

static void
ledger_open_demo_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  g_autofree char *path = _rct_window_dup_demo_path ();

  rct_window_open_ledger (RCT_WINDOW (widget), path, RCT_WINDOW_OPEN_NEW_DEMO);
}

/* The greeting page's "start an empty ledger": the ledger just created
 * for the first run when it is still empty, else the default ledger when
 * that is empty or missing, else a new file the person names. */
static void
ledger_start_empty_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  RctWindow *self = RCT_WINDOW (widget);
  g_autofree char *path = NULL;

  if (self->store != NULL && !rct_store_is_read_only (self->store) && rct_store_is_empty (self->store))
    path = g_strdup (rct_store_get_path (self->store));
  else
    {
      g_autoptr(RctStore) probe = NULL;

      path = rct_store_default_path ();
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          probe = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY, NULL);
          if (probe == NULL || !rct_store_is_empty (probe))
            {
              g_clear_object (&probe);
              choose_file (self, CHOOSE_NEW, _("Ledger.db"), NULL);
              return;
            }
        }
    }
  /* A new ledger starts on the Set-up page, with its short assistant:
   * the campaign's name and the units, so a problem can follow. */
  if (rct_window_open_ledger (self, path, RCT_WINDOW_OPEN_NEW_EMPTY))
    {
      gtk_stack_set_visible_child_name (self->pages_stack, "setup");
      rct_setup_page_run_assistant (RCT_SETUP_PAGE (_rct_window_ensure_page (self, "setup")));
    }
}

static void
ledger_backup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RctWindow *self = RCT_WINDOW (widget);
  g_autofree char *base = NULL;
  g_autofree char *today = rct_clock_today ();
  g_autofree char *name = NULL;
  char *dot;

  if (self->store == NULL)
    return;
  base = g_filename_display_basename (rct_store_get_path (self->store));
  dot = strrchr (base, '.');
  if (dot != NULL)
    *dot = '\0';
  /* Translators: the file name proposed for a backup; the first %s is the
   * ledger's name, the second today's date */
  name = g_strdup_printf (_("%s backup %s.db"), base, today);
  choose_file (self, CHOOSE_BACKUP, name, NULL);
}

/* Ledger ▸ Connect to Server…: the office's shared ledger on its
 * PostgreSQL server (docs/ARCHITECTURE.md). The address is a libpq URI
 * or a service of pg_service.conf; a bare name is taken as a service.
 * Passwords come only from libpq's own places (the password file), so
 * nothing asks for one here and nothing remembers one. */
static char *
server_location (const char *written)
{
  g_autofree char *text = g_strstrip (g_strdup (written));

  if (rct_store_location_is_server (text))
    return g_steal_pointer (&text);
  if (text[0] != '\0' && strpbrk (text, "/\\= :") == NULL)
    return g_strdup_printf ("service=%s", text);
  return NULL;
}

static gboolean
connect_done_cb (GtkWidget          *owner,
                 const char * const *values,
                 gpointer            user_data,
                 char              **message)
{
  g_autofree char *location = server_location (values[0]);

  if (location == NULL)
    {
      *message = g_strdup (_("This is not a server’s address: write it as postgresql://server/ledger, "
                             "or the name of a service. A ledger file is opened with Open…"));
      return FALSE;
    }
  return _rct_window_connect (RCT_WINDOW (owner), location, message);
}

static void
ledger_connect_server_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  RctWindow *self = RCT_WINDOW (widget);
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-ledgers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) servers = NULL;
  const char *last = NULL;

  for (guint i = 0; recent[i] != NULL; i++)
    if (rct_store_location_is_server (recent[i]))
      {
        g_strv_builder_add (builder, recent[i]);
        if (last == NULL)
          last = recent[i];
      }
  servers = g_strv_builder_end (builder);
  {
    RctInputField fields[] = {
      { _("_Server address"), RCT_INPUT_SUGGEST, last, (const char * const *) servers },
    };

    rct_input_dialog_ask (widget, _("Connect to Server"),
                          _("The office’s shared ledger on its PostgreSQL server: an address such as "
                            "postgresql://server/ledger, or the name of a service in pg_service.conf. "
                            "The password is read from your PostgreSQL password file, never asked for here."),
                          _("_Connect"), fields, G_N_ELEMENTS (fields), connect_done_cb, NULL);
  }
}

static void
ledger_open_last_local_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  RctWindow *self = RCT_WINDOW (widget);
  g_autofree char *local = _rct_window_dup_last_local (self);

  if (local != NULL)
    rct_window_open_ledger (self, local, RCT_WINDOW_OPEN_NORMAL);
}

static void
view_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RctWindow *self = RCT_WINDOW (widget);
  gboolean on = !gtk_search_bar_get_search_mode (self->search_bar);

  gtk_search_bar_set_search_mode (self->search_bar, on);
  if (on)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
view_show_page_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RctWindow *self = RCT_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (gtk_stack_get_child_by_name (self->pages_stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->pages_stack, name);
}

void
_rct_window_actions_update (RctWindow *self)
{
  gboolean has_ledger = self->store != NULL;
  gboolean on_pages = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "ledger") == 0;

  gboolean copying = self->copy_cancellable != NULL || self->restoring;
  const char *opening[] = { "ledger.new", "ledger.open", "ledger.open-read-only", "ledger.open-recent",
                            "ledger.open-demo", "ledger.new-from-setup", "ledger.start-empty",
                            "ledger.connect-server", "ledger.open-last-local" };

  /* A ledger on a server is backed up by the server, not copied here. */
  gboolean on_server = has_ledger && rct_store_is_server (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.backup", has_ledger && !copying && !on_server);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.restore-backup",
                                 !copying && (self->damaged_path != NULL ||
                                              (has_ledger && !on_server && !rct_store_is_read_only (self->store))));
  /* No other ledger is opened while one is being restored. */
  for (guint i = 0; i < G_N_ELEMENTS (opening); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), opening[i], !self->restoring);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.search", on_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.show-page", on_pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_bar),
                            on_pages && g_strcmp0 (gtk_stack_get_visible_child_name (self->pages_stack), "overview") != 0);
}

void
_rct_window_class_actions_init (RctWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "ledger.new", NULL, ledger_new_action);
  gtk_widget_class_install_action (widget_class, "ledger.open", NULL, ledger_open_action);
  gtk_widget_class_install_action (widget_class, "ledger.open-read-only", NULL, ledger_open_read_only_action);
  gtk_widget_class_install_action (widget_class, "ledger.open-recent", "s", ledger_open_recent_action);
  gtk_widget_class_install_action (widget_class, "ledger.open-demo", NULL, ledger_open_demo_action);
  gtk_widget_class_install_action (widget_class, "ledger.new-from-setup", NULL, ledger_new_from_setup_action);
  gtk_widget_class_install_action (widget_class, "ledger.start-empty", NULL, ledger_start_empty_action);
  gtk_widget_class_install_action (widget_class, "ledger.backup", NULL, ledger_backup_action);
  gtk_widget_class_install_action (widget_class, "ledger.connect-server", NULL, ledger_connect_server_action);
  gtk_widget_class_install_action (widget_class, "ledger.open-last-local", NULL, ledger_open_last_local_action);
  gtk_widget_class_install_action (widget_class, "view.search", NULL, view_search_action);
  gtk_widget_class_install_action (widget_class, "view.show-page", "s", view_show_page_action);
}
