/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-store.h"

G_BEGIN_DECLS

/* How a ledger is opened from the window. */
typedef enum
{
  RCT_WINDOW_OPEN_NORMAL,     /* read-only only when another copy holds it */
  RCT_WINDOW_OPEN_READ_ONLY,  /* the user asked: nothing can be changed */
  RCT_WINDOW_OPEN_NEW_EMPTY,  /* create it, with the six groups ready to name */
  RCT_WINDOW_OPEN_NEW_DEMO,   /* create it and write the demo campaign into it */
} RctWindowOpenMode;

#define RCT_TYPE_WINDOW (rct_window_get_type ())
G_DECLARE_FINAL_TYPE (RctWindow, rct_window, RCT, WINDOW, GtkApplicationWindow)

RctWindow  *rct_window_new              (GtkApplication    *application);
void        rct_window_start            (RctWindow         *self);
gboolean    rct_window_open_ledger      (RctWindow         *self,
                                         const char        *path,
                                         RctWindowOpenMode  mode);
void        rct_window_show_greeter     (RctWindow         *self);
RctStore   *rct_window_get_store        (RctWindow         *self);
gboolean    rct_window_is_read_only     (RctWindow         *self);
const char *rct_window_get_banner_text  (RctWindow         *self);
const char *rct_window_get_read_only_text (RctWindow       *self);
const char *rct_window_get_visible_page (RctWindow         *self);
GtkWidget  *rct_window_get_groups_page  (RctWindow         *self);
void        rct_window_present_in_steps (RctWindow         *self);
GtkWidget  *rct_window_get_page         (RctWindow         *self,
                                         const char        *name);

G_END_DECLS
