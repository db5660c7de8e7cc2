/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rct-conflicts-dialog.h"
#include "rct-greeter.h"
#include "rct-groups-page.h"
#include "rct-ledger-page.h"
#include "rct-overview-page.h"
#include "rct-study-page.h"
#include "rct-supervision-page.h"
#include "rct-supervisors-page.h"
#include "rct-reports-page.h"
#include "rct-setup-page.h"
#include "rct-window.h"

G_BEGIN_DECLS

struct _RctWindow
{
  GtkApplicationWindow  parent_instance;

  GSettings            *settings;
  RctStore             *store;
  GCancellable         *cancellable;
  char                 *damaged_path;   /* a ledger that failed its check on opening */
  guint                 backups_running; /* daily backups being taken in a thread */
  GCancellable         *copy_cancellable; /* a backup the clerk asked for is being written */
  gboolean              restoring;       /* a backup is being restored in a thread */
  gint64                busy_since;     /* a write waits for a busy ledger since (monotonic µs), else 0 */
  gint64                busy_last;      /* when the store last asked to wait on */
  guint                 busy_watch_id;
  gboolean              busy_cancelled;
  gboolean              busy_iterating; /* the main loop runs inside the store's wait */
  char                 *busy_message;   /* the banner's text while waiting */
  gboolean              banner_is_reminder; /* the banner shows the opening's reminder */
  char                 *banner_page;      /* the page whose error the banner shows */
  guint                 reminder_idle;    /* the reminder is read again after changes */
  guint                 checks_running;  /* integrity checks of a big ledger, in a thread */
  guint                 store_serial;    /* counts the ledgers shown, so a late check knows its own */
  gint64                check_in_thread_above; /* bytes: bigger ledgers are checked in a thread */
  gboolean              jobs_waiting;   /* the check or backup after opening waits for the first rows painted */
  gboolean              check_waiting;  /* ... and it is a check (counted in checks_running, else in backups_running) */
  GdkFrameClock        *jobs_clock;     /* whose after-paint they wait for */
  gulong                jobs_paint_id;
  gulong                jobs_realize_id;
  gulong                jobs_unrealize_id;
  guint                 jobs_idle;
  GSource              *watch_source;   /* other programs' changes, while the window is mapped */
  guint                 watch_kinds;    /* what they changed, shown at the next refresh */
  guint                 refresh_id;     /* the refresh, 200 ms after the first change told */
  gboolean              role_applying;  /* the window itself shows or hides a button for the role */
  gboolean              role_limited;   /* a login that may not do everything opened a ledger here */

  /* Template children */
  GtkLabel             *title_label;
  GtkButton            *banner_button;
  GtkLabel             *subtitle_label;
  GtkRevealer          *readonly_revealer;
  GtkLabel             *readonly_label;
  GtkRevealer          *banner_revealer;
  RctConflictsBar      *conflicts_bar;
  GtkWidget            *banner_box;
  GtkLabel             *banner_label;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *main_stack;
  GtkStack             *pages_stack;
  RctGreeter           *greeter;

  /* The pages, each NULL until first shown (_rct_window_ensure_page) */
  guint                 pages_made;
  RctOverviewPage      *overview_page;
  RctGroupsPage        *groups_page;
  RctLedgerPage        *ledger_page;
  RctSupervisorsPage   *supervisors_page;
  RctStudyPage         *study_page;
  RctSupervisionPage   *supervision_page;
  RctReportsPage       *reports_page;
  RctSetupPage         *setup_page;

  GMenu                *recent_section;
};

void     _rct_window_class_actions_init (RctWindowClass *klass);
GtkWidget *_rct_window_ensure_page      (RctWindow      *self,
                                         const char     *name);
void     _rct_window_actions_update     (RctWindow      *self);
void     _rct_window_show_error         (RctWindow      *self,
                                         const char     *message);
void     _rct_window_show_error_with_action (RctWindow  *self,
                                            const char *message,
                                            const char *button_label,
                                            const char *action_name);
void     _rct_window_show_info          (RctWindow      *self,
                                         const char     *message);
void     _rct_window_update_recent      (RctWindow      *self);
char    *_rct_window_dup_last_local     (RctWindow      *self);
gboolean _rct_window_connect            (RctWindow      *self,
                                         const char     *location,
                                         char          **message);
char    *_rct_window_dup_demo_path      (void);
gboolean _rct_window_create_from_setup  (RctWindow      *self,
                                         const char     *setup_path,
                                         const char     *ledger_path);

G_END_DECLS
