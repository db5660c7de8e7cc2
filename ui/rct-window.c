/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rct-accessible.h"
#include "rct-bench.h"
#include "rct-demo.h"
#include "rct-ui-resources.h"
#include "rct-window-private.h"
#include "rct-backups.h"
#include "rct-input-dialog.h"

#include <gsk/gl/gskglrenderer.h>

/* RctWindow: the shell. A header bar with the ledger menu, search and the
 * primary menu; a greeting page while no ledger holds anything; otherwise a
 * sidebar of pages, each a list with its detail pane. The window owns the
 * open ledger (RctStore) and hands it to the pages. */

#define MAX_RECENT 8

G_DEFINE_FINAL_TYPE (RctWindow, rct_window, GTK_TYPE_APPLICATION_WINDOW)

static void
set_banner (RctWindow  *self,
            const char *message,
            gboolean    is_error)
{
  if (self->banner_box == NULL)  /* disposed */
    return;
  if (is_error)
    gtk_widget_add_css_class (self->banner_box, "error");
  else
    gtk_widget_remove_css_class (self->banner_box, "error");
  self->banner_is_reminder = FALSE;
  g_clear_pointer (&self->banner_page, g_free);
  gtk_label_set_text (self->banner_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), FALSE);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

void
_rct_window_show_error (RctWindow  *self,
                        const char *message)
{
  g_return_if_fail (RCT_IS_WINDOW (self));
  set_banner (self, message, TRUE);
}

/* An error with the one thing to do about it as a button beside it; the
 * button takes the focus, so Enter does it. */
void
_rct_window_show_error_with_action (RctWindow  *self,
                                    const char *message,
                                    const char *button_label,
                                    const char *action_name)
{
  g_return_if_fail (RCT_IS_WINDOW (self));
  set_banner (self, message, TRUE);
  gtk_button_set_label (self->banner_button, button_label);
  rct_accessible_tidy_names (GTK_WIDGET (self->banner_button));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), action_name);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->banner_button));
}

void
_rct_window_show_info (RctWindow  *self,
                       const char *message)
{
  g_return_if_fail (RCT_IS_WINDOW (self));
  set_banner (self, message, FALSE);
}

static void
banner_close_clicked_cb (RctWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* The search bar searches the page shown; the other pages keep no search. */
static void
apply_search (RctWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages_stack);
  const char *text = gtk_search_bar_get_search_mode (self->search_bar)
                     ? gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) : "";

  /* A page not made yet has no search to clear. */
  if (self->groups_page != NULL)
    rct_groups_page_set_search (self->groups_page, g_strcmp0 (page, "groups") == 0 ? text : "");
  if (self->store == NULL)
    return;
  if (self->ledger_page != NULL)
    rct_ledger_page_set_search (self->ledger_page, g_strcmp0 (page, "ledger") == 0 ? text : "");
  if (self->supervisors_page != NULL)
    rct_supervisors_page_set_search (self->supervisors_page, g_strcmp0 (page, "supervisors") == 0 ? text : "");
}

static void
search_changed_cb (RctWindow      *self,
                   GtkSearchEntry *entry)
{
  apply_search (self);
}

/* The ledger dropped its search to show a problem it hid. */
static void
ledger_search_cleared_cb (RctWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
page_changed_cb (RctWindow *self)
{
  const char *page;
  gboolean overview_was_made;

  if (self->pages_stack == NULL)  /* disposed, or the template still being built */
    return;
  page = gtk_stack_get_visible_child_name (self->pages_stack);
  overview_was_made = self->overview_page != NULL;
  _rct_window_ensure_page (self, page);
  /* A page's error is about that page: it does not follow to the next. */
  if (self->banner_page != NULL && g_strcmp0 (self->banner_page, page) != 0)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      g_clear_pointer (&self->banner_page, g_free);
    }
  /* The overview reads its figures afresh each time it is shown (when
   * made just now, it has read them). */
  if (g_strcmp0 (page, "overview") == 0 && self->store != NULL && overview_was_made)
    rct_overview_page_refresh (self->overview_page);
  /* The overview and the short lists of the Set-up page have nothing to search. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_bar),
                            g_strcmp0 (page, "overview") != 0 && g_strcmp0 (page, "setup") != 0);
  apply_search (self);
  _rct_window_actions_update (self);
}

static void
overview_show_problems_cb (RctWindow       *self,
                           const RctFilter *filter)
{
  _rct_window_ensure_page (self, "ledger");
  rct_ledger_page_set_filter (self->ledger_page, filter);
  gtk_stack_set_visible_child_name (self->pages_stack, "ledger");
}

static void
overview_show_feedback_cb (RctWindow       *self,
                           const RctFilter *filter)
{
  _rct_window_ensure_page (self, "supervisors");
  rct_supervisors_page_set_filter (self->supervisors_page, filter);
  gtk_stack_set_visible_child_name (self->pages_stack, "supervisors");
}

static void
overview_show_group_cb (RctWindow  *self,
                        const char *group_name)
{
  gtk_stack_set_visible_child_name (self->pages_stack, "groups");
  _rct_window_ensure_page (self, "groups");
  rct_groups_page_select_group (self->groups_page, group_name);
}

/* When a ledger opens: how many problems are overdue or due soon and how
 * many replies are late, with no daemon watching in between. */
static void
show_reminder (RctWindow *self)
{
  g_autoptr(RctFigures) figures = NULL;
  g_autofree char *reminder = NULL;

  if (self->store == NULL || rct_store_is_empty (self->store))
    return;
  figures = rct_figures_compute (self->store, NULL, NULL);
  if (figures != NULL)
    reminder = rct_overview_dup_reminder (figures);
  if (reminder != NULL)
    {
      _rct_window_show_info (self, reminder);
      self->banner_is_reminder = TRUE;
    }
}

/* The reminder says what is overdue now, not what was overdue at opening:
 * read again once the changes of a step are done. */
static gboolean
refresh_reminder_cb (gpointer user_data)
{
  RctWindow *self = user_data;

  self->reminder_idle = 0;
  if (!self->banner_is_reminder || !gtk_revealer_get_reveal_child (self->banner_revealer))
    return G_SOURCE_REMOVE;
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  self->banner_is_reminder = FALSE;
  show_reminder (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (RctStore  *store,
                  int        kind,
                  RctWindow *self)
{
  if (self->banner_is_reminder && self->reminder_idle == 0)
    self->reminder_idle = g_idle_add (refresh_reminder_cb, self);
}

/* Other programs' changes (another clerk on the server, another program
 * on the file) refresh what the pages show: rct_store_watch_source_new()
 * tells them; a burst of them (an import elsewhere) is one refresh, at
 * most one each REFRESH_MS. Watched while the window is mapped: a file's
 * data_version is not asked for a window no one sees, and what changed
 * meanwhile shows at the next tick once it is mapped again. */
#define REFRESH_MS 200

static void show_pages (RctWindow *self);

static gboolean
refresh_cb (gpointer user_data)
{
  RctWindow *self = user_data;
  guint kinds = self->watch_kinds;

  self->refresh_id = 0;
  self->watch_kinds = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  rct_store_announce_kinds (self->store, kinds);
  /* A ledger that was empty may hold records now. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "greeter") == 0)
    show_pages (self);
  return G_SOURCE_REMOVE;
}

static void
store_watch_cb (RctStore *store,
                guint     kinds,
                gpointer  user_data)
{
  RctWindow *self = user_data;

  self->watch_kinds |= kinds;
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_MS, refresh_cb, self);
}

static void
update_watch (RctWindow *self)
{
  gboolean wanted = self->store != NULL && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (wanted && self->watch_source == NULL)
    {
      self->watch_source = rct_store_watch_source_new (self->store);
      g_source_set_callback (self->watch_source, G_SOURCE_FUNC (store_watch_cb), self, NULL);
      g_source_attach (self->watch_source, NULL);
    }
  else if (!wanted && self->watch_source != NULL)
    {
      g_source_destroy (self->watch_source);
      g_clear_pointer (&self->watch_source, g_source_unref);
    }
}

static void
stop_watch (RctWindow *self)
{
  if (self->watch_source != NULL)
    g_source_destroy (self->watch_source);
  g_clear_pointer (&self->watch_source, g_source_unref);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->watch_kinds = 0;
}

/* What a login's role may not do is not offered (issue 20): on the
 * office's server the window hides the buttons of what the store says the
 * login cannot do (rct_store_get_capabilities()): a viewer sees no button
 * that adds, changes or moves a record, a clerk no Verify. A file is as
 * before: a ledger open read-only shows its buttons greyed. A page may show
 * and hide such a button itself (a feedback already turned into a problem
 * has no To Problem): what it asks is kept and given back when the
 * window has a ledger whose login may do it. */
static const struct
{
  const char           *action;
  RctStoreCapabilities  needs;
} role_actions[] = {
  { "ledger.new-problem", RCT_STORE_CAN_REGISTER },
  { "ledger.choose-evidence", RCT_STORE_CAN_REGISTER },
  { "ledger.save", RCT_STORE_CAN_EDIT },
  { "ledger.start", RCT_STORE_CAN_EDIT },
  { "ledger.submit", RCT_STORE_CAN_EDIT },
  { "ledger.ask-verify", RCT_STORE_CAN_CLOSE },
  { "ledger.ask-reject", RCT_STORE_CAN_EDIT },
  { "ledger.ask-reopen", RCT_STORE_CAN_EDIT },
  { "ledger.ask-extend", RCT_STORE_CAN_EDIT },
  { "ledger.ask-list", RCT_STORE_CAN_EDIT },
  { "ledger.ask-lift", RCT_STORE_CAN_EDIT },
  { "ledger.measure-done", RCT_STORE_CAN_EDIT },
  { "group.save", RCT_STORE_CAN_SET_UP },
  { "task.new", RCT_STORE_CAN_REGISTER },
  { "task.save", RCT_STORE_CAN_EDIT },
  { "task.delete", RCT_STORE_CAN_EDIT },
  { "task.record-progress", RCT_STORE_CAN_EDIT },
  { "supervisors.add-supervisor", RCT_STORE_CAN_REGISTER },
  { "supervisors.new-feedback", RCT_STORE_CAN_REGISTER },
  { "supervisors.retire", RCT_STORE_CAN_EDIT },
  { "supervisors.to-problem", RCT_STORE_CAN_REGISTER },
  { "supervisors.use-closing", RCT_STORE_CAN_EDIT },
  { "supervisors.reply", RCT_STORE_CAN_EDIT },
  { "study.add-entry", RCT_STORE_CAN_REGISTER },
  { "study.add-officer", RCT_STORE_CAN_REGISTER },
  { "study.edit-officer", RCT_STORE_CAN_EDIT },
  { "study.import-roster", RCT_STORE_CAN_REGISTER },
  { "study.import-hours", RCT_STORE_CAN_EDIT },
  { "study.import-good-rows", RCT_STORE_CAN_EDIT },
  { "study.mark-done", RCT_STORE_CAN_EDIT },
  { "supervision.add-accountability", RCT_STORE_CAN_REGISTER },
  { "supervision.add-visit", RCT_STORE_CAN_REGISTER },
  { "supervision.edit-accountability", RCT_STORE_CAN_EDIT },
  { "supervision.edit-visit", RCT_STORE_CAN_EDIT },
  { "supervision.hold-to-account", RCT_STORE_CAN_REGISTER },
  { "supervision.register-finding", RCT_STORE_CAN_REGISTER },
  { "reports.import", RCT_STORE_CAN_EDIT },
  { "official.save", RCT_STORE_CAN_REGISTER },
  { "official.issue", RCT_STORE_CAN_REGISTER },
  { "setup.add-person", RCT_STORE_CAN_SET_UP },
  { "setup.add-supervisor", RCT_STORE_CAN_SET_UP },
  { "setup.add-unit", RCT_STORE_CAN_SET_UP },
  { "setup.start-campaign", RCT_STORE_CAN_SET_UP },
};

#define ROLE_NEEDS "rct-role-needs"    /* what the button's action needs, + 1 */
#define ROLE_WANTED "rct-role-wanted"  /* whether its page would show it */

/* What the window offers: on a server, what the login may do. */
static RctStoreCapabilities
offered (RctWindow *self)
{
  if (self->store == NULL || !rct_store_is_server (self->store))
    return RCT_STORE_CAN_EVERYTHING;
  return rct_store_get_capabilities (self->store);
}

static gboolean
role_allows (RctWindow *self,
             GtkWidget *button)
{
  guint needs = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), ROLE_NEEDS)) - 1;

  return (offered (self) & needs) == needs;
}

/* A button in a flow box is hidden with its place in the flow. */
static void
set_role_visible (RctWindow *self,
                  GtkWidget *button,
                  gboolean   visible)
{
  GtkWidget *parent = gtk_widget_get_parent (button);

  self->role_applying = TRUE;
  gtk_widget_set_visible (button, visible);
  if (GTK_IS_FLOW_BOX_CHILD (parent))
    gtk_widget_set_visible (parent, visible);
  self->role_applying = FALSE;
}

static void
role_button_visible_cb (GtkWidget  *button,
                        GParamSpec *pspec,
                        RctWindow  *self)
{
  if (self->role_applying)
    return;
  /* The page showed or hid it: remembered; not shown against the role. */
  g_object_set_data (G_OBJECT (button), ROLE_WANTED, GINT_TO_POINTER (gtk_widget_get_visible (button)));
  if (gtk_widget_get_visible (button) && !role_allows (self, button))
    set_role_visible (self, button, FALSE);
}

static void
apply_role_below (RctWindow *self,
                  GtkWidget *widget)
{
  if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL)
    {
      const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));

      for (guint i = 0; i < G_N_ELEMENTS (role_actions); i++)
        if (g_str_equal (action, role_actions[i].action))
          {
            if (g_object_get_data (G_OBJECT (widget), ROLE_NEEDS) == NULL)
              {
                g_object_set_data (G_OBJECT (widget), ROLE_NEEDS, GUINT_TO_POINTER (role_actions[i].needs + 1));
                g_object_set_data (G_OBJECT (widget), ROLE_WANTED, GINT_TO_POINTER (gtk_widget_get_visible (widget)));
                g_signal_connect_object (widget, "notify::visible", G_CALLBACK (role_button_visible_cb), self, 0);
              }
            set_role_visible (self, widget, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), ROLE_WANTED)) &&
                                            role_allows (self, widget));
            break;
          }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    apply_role_below (self, child);
}

/* Nothing to do, and no look through the pages, until a login that may
 * not do everything has opened a ledger in this window. */
static void
apply_role (RctWindow *self,
            GtkWidget *widget)
{
  if (offered (self) != RCT_STORE_CAN_EVERYTHING)
    self->role_limited = TRUE;
  if (self->role_limited)
    apply_role_below (self, widget);
}

/* The line that says who is signed in to the server, for a login that
 * may change nothing. */
static char *
dup_role_line (RctStore *store)
{
  if (store == NULL || !rct_store_is_server (store) || rct_store_get_login (store) == NULL ||
      (rct_store_get_capabilities (store) & ~RCT_STORE_CAN_READ) != 0)
    return NULL;
  /* Translators: %s is the login on the ledger's server */
  return g_strdup_printf (_("Signed in as %s, read-only viewer: the ledger is shown, nothing in it can be changed."),
                          rct_store_get_login (store));
}

static void
page_error_cb (RctWindow     *self,
               const char    *message,
               RctGroupsPage *page)
{
  _rct_window_show_error (self, message);
  self->banner_page = g_strdup (gtk_stack_get_visible_child_name (self->pages_stack));
}

/* The operator named in the preferences signs the journal; without one,
 * the person logged in. */
static void
apply_operator (RctWindow *self)
{
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return;
  name = g_strstrip (g_settings_get_string (self->settings, "operator-name"));
  if (name[0] == '\0')
    {
      const char *real = g_get_real_name ();

      g_free (name);
      name = g_strdup (real != NULL && real[0] != '\0' && g_strcmp0 (real, "Unknown") != 0
                       ? real : g_get_user_name ());
    }
  rct_store_set_operator (self->store, name);
}

static void
operator_changed_cb (RctWindow *self)
{
  apply_operator (self);
}

static void
remember_ledger (RctWindow  *self,
                 const char *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-ledgers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-ledgers", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-ledger", path);
}

static gboolean open_ledger (RctWindow         *self,
                             const char        *path,
                             RctWindowOpenMode  mode,
                             gboolean           create,
                             char             **out_message);

/* The newest ledger file of the recent ones that is still there, or NULL. */
char *
_rct_window_dup_last_local (RctWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-ledgers");

  for (guint i = 0; recent[i] != NULL; i++)
    if (!rct_store_location_is_server (recent[i]) && g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (recent[i]);
  return NULL;
}

/**
 * _rct_window_connect:
 *
 * Opens the ledger on the server at @location. On failure, *@message
 * says why in one sentence and the window is as it was.
 */
gboolean
_rct_window_connect (RctWindow   *self,
                     const char  *location,
                     char       **message)
{
  return open_ledger (self, location, RCT_WINDOW_OPEN_NORMAL, FALSE, message);
}

void
_rct_window_update_recent (RctWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-ledgers");
  guint shown = 0;

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (rct_store_location_is_server (recent[i]))
        /* Translators: a ledger on a server in the Recent menu; %s is its address */
        name = g_strdup_printf (_("Server: %s"), recent[i]);
      else if (g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        name = g_filename_display_name (recent[i]);
      else
        continue;
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "ledger.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
      shown++;
    }
  if (shown == 0)
    g_menu_append (self->recent_section, _("No recent ledgers"), "ledger.none");
}

static void
show_pages (RctWindow *self)
{
  gboolean has_records = self->store != NULL && !rct_store_is_empty (self->store);

  gtk_stack_set_visible_child_name (self->main_stack, has_records ? "ledger" : "greeter");
  if (has_records)
    _rct_window_ensure_page (self, gtk_stack_get_visible_child_name (self->pages_stack));
  else
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  _rct_window_actions_update (self);
}

static void
update_title (RctWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _("Rectify"));
      return;
    }
  name = rct_store_dup_display_name (self->store);
  /* Whose ledger it is (docs/EXCHANGE.md): the organisation, then the file. */
  {
    g_autoptr(RctOrganisation) org = rct_store_dup_organisation (self->store, NULL);
    if (org != NULL)
      {
        /* Translators: the window subtitle; the organisation's name, then the ledger's file name */
        char *with_org = g_strdup_printf (_("%1$s · %2$s"), org->name, name);
        g_free (name);
        name = with_org;
      }
  }
  if (rct_store_is_read_only (self->store))
    {
      /* Translators: the window subtitle of a ledger opened read-only; %s is its file name */
      g_autofree char *shown = g_strdup_printf (_("%s (read-only)"), name);
      gtk_label_set_text (self->subtitle_label, shown);
    }
  else
    gtk_label_set_text (self->subtitle_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), rct_store_get_path (self->store));
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
  /* Translators: the window title; %s is the ledger's file name */
  title = g_strdup_printf (_("%s — Rectify"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static gboolean store_busy_cb (RctStore *store,
                               guint     waited_ms,
                               gpointer  user_data);

/* The pages are made on their first show. At a million problems, making
 * all eight with their templates and giving each the ledger (its lists,
 * choices and figures) took a third of the time to the first rows, and
 * the first frame measured and styled the pages no one saw. The stack
 * and its sidebar know every page by its name and title from the start
 * (rct-window.ui), each in an empty box that its page fills. */
static void
give_page_store (GtkWidget *page,
                 RctStore  *store,
                 gboolean   read_only)
{
  if (RCT_IS_OVERVIEW_PAGE (page))
    rct_overview_page_set_store (RCT_OVERVIEW_PAGE (page), store);
  else if (RCT_IS_GROUPS_PAGE (page))
    {
      rct_groups_page_set_store (RCT_GROUPS_PAGE (page), store);
      rct_groups_page_set_read_only (RCT_GROUPS_PAGE (page), read_only);
    }
  else if (RCT_IS_LEDGER_PAGE (page))
    rct_ledger_page_set_store (RCT_LEDGER_PAGE (page), store, read_only);
  else if (RCT_IS_SUPERVISORS_PAGE (page))
    rct_supervisors_page_set_store (RCT_SUPERVISORS_PAGE (page), store, read_only);
  else if (RCT_IS_STUDY_PAGE (page))
    rct_study_page_set_store (RCT_STUDY_PAGE (page), store, read_only);
  else if (RCT_IS_SUPERVISION_PAGE (page))
    rct_supervision_page_set_store (RCT_SUPERVISION_PAGE (page), store, read_only);
  else if (RCT_IS_REPORTS_PAGE (page))
    rct_reports_page_set_store (RCT_REPORTS_PAGE (page), store, read_only);
  else if (RCT_IS_SETUP_PAGE (page))
    rct_setup_page_set_store (RCT_SETUP_PAGE (page), store, read_only);
}

static GtkWidget *
make_page (RctWindow  *self,
           const char *name)
{
  if (g_str_equal (name, "overview"))
    {
      self->overview_page = g_object_new (RCT_TYPE_OVERVIEW_PAGE, NULL);
      g_signal_connect_object (self->overview_page, "show-problems",
                               G_CALLBACK (overview_show_problems_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->overview_page, "show-feedback",
                               G_CALLBACK (overview_show_feedback_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->overview_page, "show-group",
                               G_CALLBACK (overview_show_group_cb), self, G_CONNECT_SWAPPED);
      return GTK_WIDGET (self->overview_page);
    }
  if (g_str_equal (name, "groups"))
    {
      self->groups_page = g_object_new (RCT_TYPE_GROUPS_PAGE, NULL);
      g_signal_connect_object (self->groups_page, "error", G_CALLBACK (page_error_cb), self, G_CONNECT_SWAPPED);
      return GTK_WIDGET (self->groups_page);
    }
  if (g_str_equal (name, "ledger"))
    {
      self->ledger_page = g_object_new (RCT_TYPE_LEDGER_PAGE, NULL);
      g_signal_connect_object (self->ledger_page, "search-cleared",
                               G_CALLBACK (ledger_search_cleared_cb), self, G_CONNECT_SWAPPED);
      rct_ledger_page_bind_settings (self->ledger_page, self->settings);
      return GTK_WIDGET (self->ledger_page);
    }
  if (g_str_equal (name, "supervisors"))
    {
      self->supervisors_page = g_object_new (RCT_TYPE_SUPERVISORS_PAGE, NULL);
      rct_supervisors_page_bind_settings (self->supervisors_page, self->settings);
      return GTK_WIDGET (self->supervisors_page);
    }
  if (g_str_equal (name, "reports"))
    return GTK_WIDGET (self->reports_page = g_object_new (RCT_TYPE_REPORTS_PAGE, NULL));
  if (g_str_equal (name, "setup"))
    return GTK_WIDGET (self->setup_page = g_object_new (RCT_TYPE_SETUP_PAGE, NULL));
  if (g_str_equal (name, "study"))
    return GTK_WIDGET (self->study_page = g_object_new (RCT_TYPE_STUDY_PAGE, NULL));
  if (g_str_equal (name, "supervision"))
    return GTK_WIDGET (self->supervision_page = g_object_new (RCT_TYPE_SUPERVISION_PAGE, NULL));
  g_return_val_if_reached (NULL);
}

/**
 * _rct_window_ensure_page:
 * @name: the page's name in the stack ("overview", "ledger", …)
 *
 * Makes the page the first time it is asked for, with the open ledger.
 *
 * Returns: (transfer none) (nullable): the page, %NULL for no such page
 */
GtkWidget *
_rct_window_ensure_page (RctWindow  *self,
                         const char *name)
{
  GtkWidget *slot;
  GtkWidget *page;

  if (self->pages_stack == NULL || name == NULL)  /* disposed */
    return NULL;
  slot = gtk_stack_get_child_by_name (self->pages_stack, name);
  if (slot == NULL)
    return NULL;
  page = gtk_widget_get_first_child (slot);
  if (page != NULL)
    return page;

  page = make_page (self, name);
  gtk_widget_set_hexpand (page, TRUE);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (slot), page);
  self->pages_made++;
  /* Named as built, before the ledger's rows: a row's buttons carry
   * names of their own ("Export the set-up file for …"). */
  rct_accessible_tidy_names (page);
  give_page_store (page, self->store, self->store == NULL || rct_store_is_read_only (self->store));
  apply_role (self, page);
  return page;
}

static void stop_waiting_jobs (RctWindow *self);

static void
set_store (RctWindow  *self,
           RctStore   *store,
           const char *read_only_reason)
{
  gboolean read_only;

  stop_watch (self);
  stop_waiting_jobs (self);
  if (self->store != NULL)
    {
      rct_store_set_busy_func (self->store, NULL, NULL, NULL);
      g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
      rct_store_close (self->store);
    }
  g_clear_handle_id (&self->reminder_idle, g_source_remove);
  g_set_object (&self->store, store);
  update_watch (self);
  if (store != NULL && !rct_store_is_read_only (store))
    rct_store_set_busy_func (store, store_busy_cb, self, NULL);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  self->store_serial++;
  apply_operator (self);

  read_only = store == NULL || rct_store_is_read_only (store);
  /* The pages made so far; the others get the ledger when first shown. */
  for (GtkWidget *slot = gtk_widget_get_first_child (GTK_WIDGET (self->pages_stack)); slot != NULL;
       slot = gtk_widget_get_next_sibling (slot))
    {
      GtkWidget *page = gtk_widget_get_first_child (slot);

      if (page != NULL && !RCT_IS_OVERVIEW_PAGE (page))
        give_page_store (page, store, read_only);
    }
  rct_conflicts_bar_set_store (self->conflicts_bar, store, read_only);
  if (self->overview_page != NULL)
    give_page_store (GTK_WIDGET (self->overview_page), store, read_only);
  apply_search (self);
  apply_role (self, GTK_WIDGET (self->pages_stack));
  rct_bench_phase ("pages-set");

  gtk_label_set_text (self->readonly_label, read_only_reason != NULL ? read_only_reason : "");
  gtk_revealer_set_reveal_child (self->readonly_revealer, read_only_reason != NULL);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  update_title (self);
  show_pages (self);
  show_reminder (self);
}

/* The ledger a restore would replace: the one that failed its check on
 * opening, else the one open for writing. */
static char *
dup_restore_target (RctWindow *self)
{
  if (self->damaged_path != NULL)
    return g_strdup (self->damaged_path);
  if (self->store != NULL && !rct_store_is_read_only (self->store))
    return g_strdup (rct_store_get_path (self->store));
  return NULL;
}

/* How a backup is named in the restore window: when it was taken, in
 * local time. */
static char *
backup_label (const char *backup_path)
{
  g_autoptr(GDateTime) utc = rct_backups_dup_time (backup_path);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_path_get_basename (backup_path);
  local = g_date_time_to_local (utc);
  /* Translators: how a backup is listed, by when it was taken; a strftime format */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M:%S"));
}

typedef struct
{
  RctWindow *window;
  char      *path;
  char      *label;
  gboolean   was_open;
} RestoreJob;

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RestoreJob *job = user_data;
  RctWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  gboolean restored = rct_backups_restore_finish (result, &error);

  self->restoring = FALSE;
  if (self->cancellable == NULL)  /* disposed */
    goto out;
  if (!restored)
    {
      if (job->was_open)
        rct_window_open_ledger (self, job->path, RCT_WINDOW_OPEN_NORMAL);
      _rct_window_actions_update (self);
      _rct_window_show_error (self, error->message);
      goto out;
    }
  g_clear_pointer (&self->damaged_path, g_free);
  _rct_window_actions_update (self);
  if (rct_window_open_ledger (self, job->path, RCT_WINDOW_OPEN_NORMAL))
    {
      /* Translators: %s is when the backup was taken */
      g_autofree char *info = g_strdup_printf (_("The ledger was restored from the backup of %s; the file it replaced was kept in the backups folder."),
                                               job->label);
      _rct_window_show_info (self, info);
    }
out:
  g_object_unref (job->window);
  g_free (job->path);
  g_free (job->label);
  g_free (job);
}

static gboolean
restore_chosen_cb (GtkWidget          *owner,
                   const char * const *values,
                   gpointer            user_data,
                   char              **message)
{
  RctWindow *self = RCT_WINDOW (owner);
  g_autofree char *dir = rct_backups_default_dir ();
  g_autofree char *path = dup_restore_target (self);
  g_autoptr(GPtrArray) backups = NULL;
  const char *chosen = NULL;
  gboolean was_open;

  if (path == NULL)
    {
      *message = g_strdup (_("The ledger to restore is no longer open; open it again first."));
      return FALSE;
    }
  if (self->backups_running > 0 || self->copy_cancellable != NULL)
    {
      *message = g_strdup (_("Today's backup of the ledger is being taken; try again in a moment."));
      return FALSE;
    }
  if (self->restoring)
    return TRUE;
  backups = rct_backups_list (path, dir);
  for (guint i = 0; i < backups->len && chosen == NULL; i++)
    {
      g_autofree char *label = backup_label (g_ptr_array_index (backups, i));

      if (g_strcmp0 (label, values[0]) == 0)
        chosen = g_ptr_array_index (backups, i);
    }
  if (chosen == NULL)
    {
      *message = g_strdup (_("That backup is gone from the backups folder; choose another."));
      return FALSE;
    }

  /* Our own lock would refuse the restore: close the ledger first, and
   * open it again whatever happens, so the window stays usable. The
   * backup's check and its copy take seconds at a million problems: they
   * run in a thread, the ledger actions disabled until it is done. */
  was_open = self->store != NULL && g_strcmp0 (rct_store_get_path (self->store), path) == 0;
  if (was_open)
    set_store (self, NULL, NULL);
  {
    g_autofree char *label = backup_label (chosen);
    /* Translators: %s is when the backup was taken */
    g_autofree char *progress = g_strdup_printf (_("Restoring the ledger from the backup of %s…"), label);
    RestoreJob *job = g_new0 (RestoreJob, 1);

    job->window = g_object_ref (self);
    job->path = g_strdup (path);
    job->label = g_steal_pointer (&label);
    job->was_open = was_open;
    self->restoring = TRUE;
    _rct_window_actions_update (self);
    _rct_window_show_info (self, progress);
    rct_backups_restore_async (path, chosen, dir, self->cancellable, restore_done_cb, job);
  }
  return TRUE;
}

/* Ledger ▸ Restore from Backup: a chosen daily backup (the newest good one
 * offered first) replaces the damaged ledger or the open one, which is
 * itself kept first. */
static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RctWindow *self = RCT_WINDOW (widget);
  g_autofree char *dir = rct_backups_default_dir ();
  g_autofree char *path = dup_restore_target (self);
  g_autofree char *good = NULL;
  g_autofree char *good_label = NULL;
  g_autofree char *name = NULL;
  g_autofree char *explanation = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  RctInputField fields[1];

  if (path == NULL)
    {
      _rct_window_show_error (self, _("Open the ledger to restore for writing first; a ledger open read-only cannot be replaced."));
      return;
    }
  backups = rct_backups_list (path, dir);
  if (backups->len == 0)
    {
      _rct_window_show_error (self, _("There is no backup of this ledger yet; one is taken each day it is opened."));
      return;
    }
  good = rct_backups_newest_good (path, dir);
  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < backups->len; i++)
    g_ptr_array_add (labels, backup_label (g_ptr_array_index (backups, i)));
  g_ptr_array_add (labels, NULL);
  if (good != NULL)
    good_label = backup_label (good);

  name = g_path_get_basename (path);
  /* Translators: %s is the ledger's file name */
  explanation = g_strdup_printf (_("The chosen backup replaces %s. The file as it is now is kept in the backups folder first, so nothing is lost."),
                                 name);
  fields[0] = (RctInputField) { N_("Backup"), RCT_INPUT_CHOICE, good_label,
                                (const char * const *) labels->pdata };
  fields[0].label = _(fields[0].label);
  rct_input_dialog_ask (GTK_WIDGET (self), _("Restore from Backup"), explanation, _("_Restore"),
                        fields, G_N_ELEMENTS (fields), restore_chosen_cb, NULL);
}

/* The window's own jobs in threads (the check of a big ledger, the daily
 * backup) hold it weakly: a job holding the window kept it from being
 * disposed when it was closed, so the program ended without closing the
 * ledger (its lock left behind, its good check not remembered, so the
 * next opening, and every rectify-cli command, checked it again). */
static GWeakRef *
weak_window_new (RctWindow *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  return weak;
}

/* Returns: (transfer full) (nullable): the window, if not yet finalized */
static RctWindow *
weak_window_take (gpointer data)
{
  GWeakRef *weak = data;
  RctWindow *self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  return self;
}

/* At most once a day, a copy of the ledger opened for writing. A copy of
 * a big ledger takes seconds, so it is made in a thread, through a
 * read-only connection of its own (which takes no lock), while the window
 * works on. */
static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RctWindow) self = weak_window_take (user_data);
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    {
      rct_backups_take_if_due_finish (result, NULL, NULL);
      return;
    }
  self->backups_running--;
  if (self->cancellable == NULL)  /* disposed */
    return;
  if (!rct_backups_take_if_due_finish (result, NULL, &error))
    {
      /* The window closed while it was taken: the next opening takes it. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_autofree char *reason = g_strdup (error->message);
      g_autofree char *message = NULL;

      g_message ("The daily backup failed: %s", error->message);
      /* One sentence: the reason goes inside it, without its full stop. */
      if (g_str_has_suffix (reason, "."))
        reason[strlen (reason) - 1] = '\0';
      /* Translators: %s is why, e.g. "Cannot create the folder “…”: Permission denied" */
      message = g_strdup_printf (_("Today's backup of the ledger could not be taken (%s); "
                                   "the ledger itself is unharmed, and the backup is tried again when it is next opened."),
                                 reason);
      _rct_window_show_error (self, message);
    }
}

static void
take_daily_backup (RctWindow *self)
{
  g_autofree char *dir = NULL;

  if (self->store == NULL || rct_store_is_read_only (self->store))
    return;
  dir = rct_backups_default_dir ();
  self->backups_running++;
  rct_backups_take_if_due_async (rct_store_get_path (self->store), dir,
                                 g_settings_get_int (self->settings, "backups-keep"),
                                 self->cancellable, backup_done_cb, weak_window_new (self));
}

static gboolean
fill_new_ledger (RctStore           *store,
                 RctWindowOpenMode   mode,
                 GError            **error)
{
  if (!rct_store_is_empty (store))
    return TRUE;
  if (mode == RCT_WINDOW_OPEN_NEW_EMPTY)
    return rct_store_seed_empty (store, error);
  if (mode == RCT_WINDOW_OPEN_NEW_DEMO)
    return rct_demo_fill (store, error);
  return TRUE;
}

/* A write that meets a ledger another program holds (a report import
 * writing) waits for it, as long as it takes, instead of failing after
 * 5 s: after a moment the banner says so, counting the seconds, with a
 * Cancel; the pages take no input meanwhile. The store asks this again
 * and again while it waits; the main loop runs in between, so the window
 * draws and the Cancel can be clicked. */
#define BUSY_QUIET_MS 300

static void
end_busy_wait (RctWindow *self)
{
  if (self->busy_since == 0)
    return;
  self->busy_since = 0;
  g_clear_handle_id (&self->busy_watch_id, g_source_remove);
  if (self->main_stack != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->main_stack), TRUE);
  /* The wait's own banner goes; an error the write left stays. */
  if (self->banner_label != NULL && self->busy_message != NULL &&
      g_strcmp0 (gtk_label_get_text (self->banner_label), self->busy_message) == 0)
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  g_clear_pointer (&self->busy_message, g_free);
}

/* The store stopped asking: its statement went through, or gave up. */
static gboolean
busy_watch_cb (gpointer user_data)
{
  RctWindow *self = RCT_WINDOW (user_data);

  /* Still inside the wait (a slow redraw there is no end of it), or asked
   * again a moment ago. */
  if (self->busy_iterating || g_get_monotonic_time () - self->busy_last < 4 * BUSY_QUIET_MS * 1000 / 3)
    return G_SOURCE_CONTINUE;
  self->busy_watch_id = 0;
  end_busy_wait (self);
  self->busy_since = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
store_busy_cb (RctStore *store,
               guint     waited_ms,
               gpointer  user_data)
{
  RctWindow *self = RCT_WINDOW (user_data);
  gint64 now = g_get_monotonic_time ();
  g_autofree char *seconds = NULL;
  g_autofree char *message = NULL;

  /* Closed while it waits: the write gives up. */
  if (self->main_stack == NULL || self->busy_cancelled)
    return FALSE;
  if (waited_ms < BUSY_QUIET_MS)
    return TRUE;
  if (self->busy_since == 0)
    {
      self->busy_since = now - (gint64) waited_ms * 1000;
      gtk_widget_set_sensitive (GTK_WIDGET (self->main_stack), FALSE);
      self->busy_watch_id = g_timeout_add (BUSY_QUIET_MS, busy_watch_cb, self);
    }
  self->busy_last = now;
  seconds = g_strdup_printf ("%d", (int) ((now - self->busy_since) / G_USEC_PER_SEC));
  /* Translators: %s is a number of seconds; the change is kept until it can be saved */
  message = g_strdup_printf (_("Waiting %s s for the ledger, which another program is writing to; "
                               "your change is saved as soon as it is free."), seconds);
  if (g_strcmp0 (message, self->busy_message) != 0)
    {
      set_banner (self, message, FALSE);
      gtk_button_set_label (self->banner_button, _("_Cancel"));
      gtk_button_set_use_underline (self->banner_button, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), "ledger.cancel-wait");
      gtk_widget_set_visible (GTK_WIDGET (self->banner_button), TRUE);
      g_free (self->busy_message);
      self->busy_message = g_steal_pointer (&message);
    }
  self->busy_iterating = TRUE;
  while (!self->busy_cancelled && g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  self->busy_iterating = FALSE;
  self->busy_last = g_get_monotonic_time ();
  if (self->busy_cancelled)
    {
      end_busy_wait (self);
      self->busy_cancelled = FALSE;
      return FALSE;
    }
  return TRUE;
}

static void
cancel_wait_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RCT_WINDOW (widget)->busy_cancelled = TRUE;
}

/* A damaged ledger: offer the newest backup that passes its own check.
 * Returns whether there is one. */
static gboolean
offer_good_backup (RctWindow  *self,
                   const char *path)
{
  g_autofree char *backups = rct_backups_default_dir ();
  g_autofree char *good = rct_backups_newest_good (path, backups);
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  g_free (self->damaged_path);
  self->damaged_path = good != NULL ? g_strdup (path) : NULL;
  if (good == NULL)
    return FALSE;
  name = g_filename_display_basename (path);
  when = backup_label (good);
  /* Translators: the first %s is the ledger's file name, the second when its backup was taken */
  message = g_strdup_printf (_("“%s” is damaged (its integrity check failed); "
                               "its good backup of %s can be put back."),
                             name, when);
  _rct_window_actions_update (self);
  _rct_window_show_error_with_action (self, message, _("_Restore from Backup…"),
                                      "ledger.restore-backup");
  return TRUE;
}

/* A big ledger opens with its integrity check deferred (most of a second
 * at a million problems): the window shows it at once and checks it in a
 * thread, on a read-only connection of its own. A ledger unchanged since
 * its last good check needs none (rct-check-mark.c). The daily backup
 * waits for the check, so a damaged ledger is never kept as a backup. */
typedef struct
{
  char  *path;
  guint  serial;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  CheckJob *job = data;
  GError *error = NULL;

  if (rct_store_quick_check (job->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RctWindow) self = weak_window_take (user_data);
  CheckJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (job->path);
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self == NULL)
    return;
  self->checks_running--;
  /* Another ledger is shown by now, or the window is closing. */
  if (self->store == NULL || job->serial != self->store_serial ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (ok)
    {
      rct_store_set_known_good (self->store);
      take_daily_backup (self);
      return;
    }
  /* Damaged: shown no longer, as if it had failed at opening. */
  set_store (self, NULL, NULL);
  if (g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED) && offer_good_backup (self, path))
    return;
  _rct_window_show_error (self, error->message);
}

/* The check in a thread, counted in checks_running since the ledger was
 * opened. */
static void
start_check (RctWindow *self)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  job = g_new0 (CheckJob, 1);
  job->path = g_strdup (rct_store_get_path (self->store));
  job->serial = self->store_serial;
  task = g_task_new (NULL, self->cancellable, check_done_cb, weak_window_new (self));
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_thread);
}

/* A window unrealized (destroyed, or hidden) takes its frame clock with
 * it, and the clock its handlers. */
static void
stop_waiting_for_paint (RctWindow *self)
{
  if (self->jobs_paint_id != 0 && g_signal_handler_is_connected (self->jobs_clock, self->jobs_paint_id))
    g_signal_handler_disconnect (self->jobs_clock, self->jobs_paint_id);
  self->jobs_paint_id = 0;
  g_clear_object (&self->jobs_clock);
  g_clear_signal_handler (&self->jobs_unrealize_id, self);
}

static void
stop_waiting_jobs (RctWindow *self)
{
  stop_waiting_for_paint (self);
  g_clear_signal_handler (&self->jobs_realize_id, self);
  g_clear_handle_id (&self->jobs_idle, g_source_remove);
  if (self->jobs_waiting && self->check_waiting)
    self->checks_running--;
  else if (self->jobs_waiting)
    self->backups_running--;
  self->check_waiting = FALSE;
  self->jobs_waiting = FALSE;
}

static gboolean
start_jobs_cb (gpointer data)
{
  RctWindow *self = data;
  gboolean check = self->check_waiting;

  self->jobs_idle = 0;
  /* No longer waiting: the counts go back, the jobs count themselves. */
  stop_waiting_jobs (self);
  if (check)
    {
      self->checks_running++;
      start_check (self);
    }
  else
    take_daily_backup (self);
  return G_SOURCE_REMOVE;
}

/* Whether the page shown has what it opened on: the ledger page's rows
 * queried and all come. */
static gboolean
page_settled (RctWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->pages_stack);

  if (self->ledger_page != NULL && page != NULL &&
      gtk_widget_is_ancestor (GTK_WIDGET (self->ledger_page), page) &&
      (rct_ledger_page_is_filtering (self->ledger_page) || rct_ledger_page_is_growing (self->ledger_page)))
    return FALSE;
  return TRUE;
}

static void
jobs_after_paint_cb (GdkFrameClock *clock,
                     RctWindow     *self)
{
  if (!page_settled (self) || self->jobs_idle != 0)
    return;
  /* After the frames already asked for. */
  self->jobs_idle = g_idle_add_full (G_PRIORITY_LOW, start_jobs_cb, self, NULL);
}

static void jobs_realized_cb (RctWindow *self);

/* Shown again later: the jobs wait for its frames then. */
static void
jobs_unrealized_cb (RctWindow *self)
{
  stop_waiting_for_paint (self);
  g_clear_handle_id (&self->jobs_idle, g_source_remove);
  self->jobs_realize_id = g_signal_connect_swapped (self, "realize", G_CALLBACK (jobs_realized_cb), self);
}

static void
jobs_realized_cb (RctWindow *self)
{
  g_clear_signal_handler (&self->jobs_realize_id, self);
  self->jobs_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->jobs_paint_id = g_signal_connect (self->jobs_clock, "after-paint", G_CALLBACK (jobs_after_paint_cb), self);
  self->jobs_unrealize_id = g_signal_connect_swapped (self, "unrealize", G_CALLBACK (jobs_unrealized_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The check, or the day's backup of a ledger known good, wait until the
 * window has painted what it opened on: the page's first rows (the
 * ledger page's query and the frames that bring its rows), else its first
 * frame. Started beside the start they took the cores the first frames
 * needed: a million problems' check reads 1.1 GB, its backup copies it
 * (docs/PERFORMANCE.md). Until they start, they count as running, so
 * what waits for them waits as before. A window never shown starts
 * neither; a ledger closed first is not checked, and so not remembered as
 * good. */
static void
check_in_thread_or_back_up (RctWindow *self)
{
  stop_waiting_jobs (self);
  self->jobs_waiting = TRUE;
  self->check_waiting = !rct_store_is_known_good (self->store);
  if (self->check_waiting)
    self->checks_running++;
  else
    self->backups_running++;
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    jobs_realized_cb (self);
  else
    self->jobs_realize_id = g_signal_connect_swapped (self, "realize", G_CALLBACK (jobs_realized_cb), self);
}

/* Whether to leave the check of the file at @path to a thread. */
static RctStoreOpenFlags
defer_check_flag (RctWindow  *self,
                  const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && (gint64) st.st_size > self->check_in_thread_above)
    return RCT_STORE_OPEN_DEFER_CHECK;
  return 0;
}

/* A failure to open is said in the banner, or in *@out_message when the
 * caller shows it itself (the Connect to Server dialog keeps the address
 * to correct). */
static gboolean
open_failed (RctWindow   *self,
             const char  *message,
             char       **out_message)
{
  if (out_message != NULL)
    *out_message = g_strdup (message);
  else
    _rct_window_show_error (self, message);
  return FALSE;
}

static gboolean
open_ledger (RctWindow         *self,
             const char        *path,
             RctWindowOpenMode  mode,
             gboolean           create,
             char             **out_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autofree char *reason = NULL;
  RctStoreOpenFlags flags = RCT_STORE_OPEN_DEFAULT;
  RctStoreOpenFlags defer;

  if (mode == RCT_WINDOW_OPEN_READ_ONLY)
    flags = RCT_STORE_OPEN_READ_ONLY;
  else if (create || mode == RCT_WINDOW_OPEN_NEW_EMPTY || mode == RCT_WINDOW_OPEN_NEW_DEMO)
    flags = RCT_STORE_OPEN_CREATE;

  /* Opening the same ledger again would meet our own lock. */
  if (self->store != NULL && g_strcmp0 (rct_store_get_path (self->store), path) == 0 &&
      mode != RCT_WINDOW_OPEN_READ_ONLY && !rct_store_is_read_only (self->store))
    {
      if (!fill_new_ledger (self->store, mode, &error))
        return open_failed (self, error->message, out_message);
      show_pages (self);
      return TRUE;
    }
  if (self->store != NULL && g_strcmp0 (rct_store_get_path (self->store), path) == 0)
    set_store (self, NULL, NULL);

  defer = defer_check_flag (self, path);
  store = rct_store_open (path, flags | defer, &error);
  rct_bench_phase ("store-open");
  if (store == NULL && g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_LOCKED))
    {
      g_autofree char *holder = NULL;

      g_clear_error (&error);
      store = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY | defer, &error);
      if (store != NULL)
        {
          holder = rct_store_dup_lock_holder (store);
          if (holder != NULL)
            /* Translators: %s says which copy: "process 1234 on office-pc" */
            reason = g_strdup_printf (_("Read-only: another copy of Rectify (%s) has this ledger open. "
                                        "Close it there to make changes here."), holder);
          else
            reason = g_strdup (_("Read-only: another copy of Rectify has this ledger open. "
                                 "Close it there to make changes here."));
        }
    }
  else if (store == NULL && g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_READ_ONLY) &&
           flags != RCT_STORE_OPEN_CREATE)
    {
      /* A file or folder we may not write: show what it holds. */
      g_clear_error (&error);
      store = rct_store_open (path, RCT_STORE_OPEN_READ_ONLY | defer, &error);
      if (store != NULL)
        reason = g_strdup (_("Read-only: this file or its folder may not be written by you. "
                             "Save a copy elsewhere (Ledger ▸ Back Up…) to make changes."));
    }
  if (store == NULL && g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_DAMAGED) &&
      offer_good_backup (self, path))
    return FALSE;
  if (store == NULL)
    return open_failed (self, error->message, out_message);
  if (!fill_new_ledger (store, mode, &error))
    return open_failed (self, error->message, out_message);
  if (reason == NULL)
    reason = dup_role_line (store);
  if (reason == NULL && rct_store_is_read_only (store))
    reason = g_strdup (_("Read-only: this ledger was opened for reading; nothing in it can be changed."));

  set_store (self, store, reason);
  remember_ledger (self, path);
  g_clear_pointer (&self->damaged_path, g_free);
  /* A server keeps its own backups and checks its own pages. */
  if (!rct_store_is_server (store))
    check_in_thread_or_back_up (self);
  return TRUE;
}

/**
 * rct_window_open_ledger:
 *
 * Opens the ledger at @path in the window. A ledger another running copy
 * holds opens read-only with a banner saying so; any other failure shows
 * its message and leaves the window as it was.
 *
 * Returns: whether a ledger is now open from @path
 */
gboolean
rct_window_open_ledger (RctWindow         *self,
                        const char        *path,
                        RctWindowOpenMode  mode)
{
  g_return_val_if_fail (RCT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return open_ledger (self, path, mode, FALSE, NULL);
}

static gboolean
present_cb (gpointer data)
{
  gtk_window_present (GTK_WINDOW (data));
  rct_bench_phase ("presented");
  return G_SOURCE_REMOVE;
}

/* The page shown from the window's second frame: its first, with the
 * header bar and the sidebar only, compiles llvmpipe's shaders and
 * rasterizes glyphs for those alone. */
static gboolean
show_page_cb (gpointer data)
{
  RctWindow *self = data;

  if (self->pages_stack != NULL)
    {
      gtk_widget_set_child_visible (GTK_WIDGET (self->pages_stack), TRUE);
      gtk_widget_queue_resize (GTK_WIDGET (self->pages_stack));
      gtk_widget_queue_draw (gtk_widget_get_parent (GTK_WIDGET (self->pages_stack)));
    }
  return G_SOURCE_REMOVE;
}

/* Out of the frame clock's paint, so that the frame it asks for comes. */
static void
show_page_after_paint_cb (GdkFrameClock *clock,
                          RctWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, show_page_after_paint_cb, self);
  g_idle_add_full (G_PRIORITY_HIGH, show_page_cb, g_object_ref (self), g_object_unref);
}

static gboolean
realize_cb (gpointer data)
{
  RctWindow *self = data;

  gtk_widget_realize (GTK_WIDGET (self));
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (show_page_after_paint_cb), self, 0);
  gtk_widget_set_child_visible (GTK_WIDGET (self->pages_stack), FALSE);
  g_idle_add_full (G_PRIORITY_HIGH, present_cb, g_object_ref (data), g_object_unref);
  return G_SOURCE_REMOVE;
}

/* GTK up to 4.12 draws with the GL renderer unless told otherwise
 * (GSK_RENDERER); from 4.14 its default is another (ngl, or Vulkan), whose
 * set-up this would not share. */
static gboolean
draws_with_gl (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");

  if (gtk_get_minor_version () >= 14)
    return FALSE;
  return renderer == NULL || *renderer == '\0' || g_ascii_strcasecmp (renderer, "gl") == 0 ||
         g_ascii_strcasecmp (renderer, "ngl") == 0 || g_ascii_strcasecmp (renderer, "opengl") == 0;
}

/* The display's GL renderer set up by a renderer of no window: GTK keeps
 * what it made (the GL context shared by the display, its shader programs
 * compiled and linked) for the window's own renderer, which then takes
 * milliseconds to realize. */
static gboolean
prepare_gl_cb (gpointer data)
{
  if (draws_with_gl ())
    {
      g_autoptr(GskRenderer) gl = gsk_gl_renderer_new ();

      /* No GL here: GTK finds the same at the window's realize, and draws
       * without. */
      if (gsk_renderer_realize (gl, NULL, NULL))
        gsk_renderer_unrealize (gl);
    }
  rct_bench_phase ("gl-prepared");
  g_idle_add_full (G_PRIORITY_HIGH, realize_cb, g_object_ref (data), g_object_unref);
  return G_SOURCE_REMOVE;
}

/* The window shown in dispatches of its own after the one that built it
 * and opened its ledger, each well under 100 ms of CPU on this 2-core
 * machine under llvmpipe: the display's GL set up (50-65 ms: its context,
 * GTK's shader programs), the window realized (its surface and renderer),
 * then shown (mapped and measured); its first frame without the page, the
 * page from its second. In one dispatch with building the window and
 * opening the ledger they stood still 140-260 ms at a million problems
 * (docs/PERFORMANCE.md). A window already shown is raised at once. */

/**
 * rct_window_present_in_steps:
 *
 * Shows the window as gtk_window_present() does, over dispatches of the
 * main loop of their own.
 */
void
rct_window_present_in_steps (RctWindow *window)
{
  g_return_if_fail (RCT_IS_WINDOW (window));

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    gtk_window_present (GTK_WINDOW (window));
  else
    g_idle_add_full (G_PRIORITY_HIGH, prepare_gl_cb, g_object_ref (window), g_object_unref);
}

/**
 * rct_window_start:
 *
 * What the window shows when the program starts: the last ledger; on the
 * first run, the greeting page, with nothing created or backed up until
 * the person chooses a demo, an empty ledger or a file.
 */
void
rct_window_start (RctWindow *self)
{
  g_autofree char *last = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (RCT_IS_WINDOW (self));

  last = g_settings_get_string (self->settings, "last-ledger");
  if (rct_store_location_is_server (last))
    {
      g_autofree char *why = NULL;
      g_autofree char *local = NULL;

      if (open_ledger (self, last, RCT_WINDOW_OPEN_NORMAL, FALSE, &why))
        return;
      /* The server is down or refuses: say so, and offer the ledger on
       * this computer that was open last. */
      set_store (self, NULL, NULL);
      local = _rct_window_dup_last_local (self);
      if (local != NULL)
        {
          g_autofree char *shown = g_filename_display_basename (local);
          /* Translators: the first %s says why the server's ledger did not open,
           * the second is the file name of the ledger on this computer */
          g_autofree char *message = g_strdup_printf (_("%s The ledger on this computer, “%s”, can be opened instead."),
                                                      why, shown);
          _rct_window_show_error_with_action (self, message, _("Open the _Local Ledger"),
                                              "ledger.open-last-local");
        }
      else
        _rct_window_show_error (self, why);
      return;
    }
  if (last[0] != '\0')
    {
      if (!g_file_test (last, G_FILE_TEST_EXISTS))
        {
          g_autofree char *shown = g_filename_display_name (last);
          /* Translators: %s is the path of a ledger file */
          g_autofree char *message = g_strdup_printf (_("The last ledger, “%s”, is no longer there. "
                                                        "Open another ledger or start a new one."), shown);
          set_store (self, NULL, NULL);
          _rct_window_show_error (self, message);
          return;
        }
      if (!open_ledger (self, last, RCT_WINDOW_OPEN_NORMAL, FALSE, NULL))
        show_pages (self);
      return;
    }

  path = rct_store_default_path ();
  if (g_file_test (path, G_FILE_TEST_EXISTS) && open_ledger (self, path, RCT_WINDOW_OPEN_NORMAL, FALSE, NULL))
    return;
  set_store (self, NULL, NULL);
}

void
rct_window_show_greeter (RctWindow *self)
{
  g_return_if_fail (RCT_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->main_stack, "greeter");
  _rct_window_actions_update (self);
}

RctStore *
rct_window_get_store (RctWindow *self)
{
  g_return_val_if_fail (RCT_IS_WINDOW (self), NULL);
  return self->store;
}

gboolean
rct_window_is_read_only (RctWindow *self)
{
  g_return_val_if_fail (RCT_IS_WINDOW (self), TRUE);
  return self->store == NULL || rct_store_is_read_only (self->store);
}

/* The message banner's text while it shows, else NULL. */
const char *
rct_window_get_banner_text (RctWindow *self)
{
  g_return_val_if_fail (RCT_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;
  return gtk_label_get_text (self->banner_label);
}

/* The read-only banner's text while it shows, else NULL. */
const char *
rct_window_get_read_only_text (RctWindow *self)
{
  g_return_val_if_fail (RCT_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->readonly_revealer))
    return NULL;
  return gtk_label_get_text (self->readonly_label);
}

/* "greeter", or the name of the page shown beside the sidebar. */
const char *
rct_window_get_visible_page (RctWindow *self)
{
  const char *top;

  g_return_val_if_fail (RCT_IS_WINDOW (self), NULL);
  top = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (top, "greeter") == 0)
    return top;
  return gtk_stack_get_visible_child_name (self->pages_stack);
}

GtkWidget *
rct_window_get_groups_page (RctWindow *self)
{
  g_return_val_if_fail (RCT_IS_WINDOW (self), NULL);
  return _rct_window_ensure_page (self, "groups");
}

/**
 * rct_window_get_page:
 * @name: the page's name ("overview", "groups", "ledger", "supervisors",
 *   "reports", "setup", "study", "supervision")
 *
 * Returns: (transfer none) (nullable): the page, made now if it has not
 *   been shown yet
 */
GtkWidget *
rct_window_get_page (RctWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (RCT_IS_WINDOW (self), NULL);
  return _rct_window_ensure_page (self, name);
}

char *
_rct_window_dup_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rectify", "demo.db", NULL);
}

/* The close button of the search bar shows an icon and has no name. */
static void
name_search_close_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close the search"), -1);
    else
      name_search_close_button (child);
}

static void
rct_window_dispose (GObject *object)
{
  RctWindow *self = RCT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->copy_cancellable != NULL)
    g_cancellable_cancel (self->copy_cancellable);
  self->busy_cancelled = TRUE;
  g_clear_handle_id (&self->busy_watch_id, g_source_remove);
  g_clear_pointer (&self->busy_message, g_free);
  g_clear_handle_id (&self->reminder_idle, g_source_remove);
  stop_watch (self);
  stop_waiting_jobs (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_pointer (&self->banner_page, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_WINDOW);
  /* The pages went with the stack. */
  self->overview_page = NULL;
  self->groups_page = NULL;
  self->ledger_page = NULL;
  self->supervisors_page = NULL;
  self->study_page = NULL;
  self->supervision_page = NULL;
  self->reports_page = NULL;
  self->setup_page = NULL;
  /* Closing releases the lock even when a dialog still holds a reference. */
  if (self->store != NULL)
    {
      rct_store_set_busy_func (self->store, NULL, NULL, NULL);
      rct_store_close (self->store);
    }
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->damaged_path, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rct_window_parent_class)->dispose (object);
}

/* supervision.hold-to-account (s): from a problem's detail, the
 * Supervision page's accountability form for that problem. */
static void
hold_to_account_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RctWindow *self = RCT_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->pages_stack, "supervision");
  _rct_window_ensure_page (self, "supervision");
  rct_supervision_page_hold_to_account (self->supervision_page, g_variant_get_string (param, NULL));
}

static void
rct_window_class_init (RctWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_window_dispose;

  /* Referencing the resource keeps it in the static library's link. */
  g_assert (rct_ui_get_resource () != NULL);
  g_type_ensure (RCT_TYPE_CONFLICTS_BAR);
  g_type_ensure (RCT_TYPE_GREETER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-window.ui");

  gtk_widget_class_bind_template_child (widget_class, RctWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, readonly_revealer);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, readonly_label);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, conflicts_bar);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, greeter);
  gtk_widget_class_install_action (widget_class, "ledger.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "ledger.cancel-wait", NULL, cancel_wait_action);
  gtk_widget_class_install_action (widget_class, "supervision.hold-to-account", "s", hold_to_account_action);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, RctWindow, banner_button);

  gtk_widget_class_bind_template_callback (widget_class, banner_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  _rct_window_class_actions_init (klass);
}

/* The deadline colours and the banners: once per display. */
static void
load_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "rct-style") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/rectify/Rectify/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "rct-style", g_object_ref (provider), g_object_unref);
}

static void
rct_window_init (RctWindow *self)
{
  rct_bench_phase ("window-new");
  gtk_widget_init_template (GTK_WIDGET (self));
  rct_bench_phase ("window-template");
  load_style (gtk_widget_get_display (GTK_WIDGET (self)));

  self->cancellable = g_cancellable_new ();
  /* A ledger up to this size is checked in a few tens of milliseconds. */
  self->check_in_thread_above = 16 * 1024 * 1024;
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::operator-name",
                           G_CALLBACK (operator_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recent-ledgers",
                           G_CALLBACK (_rct_window_update_recent), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "map", G_CALLBACK (update_watch), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (update_watch), NULL);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (apply_search), self, G_CONNECT_SWAPPED);
  /* The office head opens the program to see where the campaign stands. */
  gtk_stack_set_visible_child_name (self->pages_stack, "overview");
  _rct_window_update_recent (self);
  show_pages (self);
  rct_accessible_tidy_names (GTK_WIDGET (self));
  name_search_close_button (GTK_WIDGET (self->search_bar));
  rct_bench_attach (self);
  rct_bench_phase ("window-built");
}

RctWindow *
rct_window_new (GtkApplication *application)
{
  return g_object_new (RCT_TYPE_WINDOW, "application", application, NULL);
}
