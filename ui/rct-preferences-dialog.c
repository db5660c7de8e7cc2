/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-preferences-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-backups.h"
#include "rct-accessible.h"
#include "rct-preferences-dialog.h"

/* RctPreferencesDialog: the settings a person changes, bound straight to
 * GSettings; the window follows the settings, not this dialog. */

struct _RctPreferencesDialog
{
  GtkWindow  parent_instance;

  GSettings *settings;

  /* Template children */
  GtkEntry  *operator_entry;
  GtkLabel  *operator_hint;
  GtkSpinButton *backups_spin;
  GtkLabel  *backups_hint;
};

G_DEFINE_FINAL_TYPE (RctPreferencesDialog, rct_preferences_dialog, GTK_TYPE_WINDOW)

static void
rct_preferences_dialog_dispose (GObject *object)
{
  RctPreferencesDialog *self = RCT_PREFERENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rct_preferences_dialog_parent_class)->dispose (object);
}

static void
rct_preferences_dialog_class_init (RctPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rectify/Rectify/rct-preferences-dialog.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, RctPreferencesDialog, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, RctPreferencesDialog, operator_hint);
  gtk_widget_class_bind_template_child (widget_class, RctPreferencesDialog, backups_spin);
  gtk_widget_class_bind_template_child (widget_class, RctPreferencesDialog, backups_hint);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rct_preferences_dialog_init (RctPreferencesDialog *self)
{
  const char *real = g_get_real_name ();
  const char *user = real != NULL && real[0] != '\0' && g_strcmp0 (real, "Unknown") != 0
                     ? real : g_get_user_name ();
  g_autofree char *hint = NULL;
  g_autofree char *backups_dir = rct_backups_default_dir ();
  g_autofree char *backups_hint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  rct_accessible_tidy_names (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "operator-name", self->operator_entry, "text", G_SETTINGS_BIND_DEFAULT);
  /* Translators: %s is the name the person logged in with */
  hint = g_strdup_printf (_("Every change in the ledger's journal is signed with this name. "
                            "Left empty, your name on this computer (%s) is used."), user);
  gtk_label_set_text (self->operator_hint, hint);

  g_settings_bind (self->settings, "backups-keep", self->backups_spin, "value", G_SETTINGS_BIND_DEFAULT);
  /* Translators: %s is a folder */
  backups_hint = g_strdup_printf (_("Each ledger opened for writing is copied once a day into %s; "
                                    "older copies beyond this number are removed."), backups_dir);
  gtk_label_set_text (self->backups_hint, backups_hint);
}

GtkWidget *
rct_preferences_dialog_new (GtkWindow *parent)
{
  return g_object_new (RCT_TYPE_PREFERENCES_DIALOG, "transient-for", parent, NULL);
}
