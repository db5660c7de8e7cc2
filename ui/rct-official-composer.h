/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_OFFICIAL_COMPOSER (rct_official_composer_get_type ())
G_DECLARE_FINAL_TYPE (RctOfficialComposer, rct_official_composer, RCT, OFFICIAL_COMPOSER, GtkWidget)

GtkWidget  *rct_official_composer_new          (void);
void        rct_official_composer_set_store    (RctOfficialComposer *self,
                                                RctStore            *store,
                                                gboolean             read_only);
gboolean    rct_official_composer_is_busy      (RctOfficialComposer *self);
const char *rct_official_composer_get_status   (RctOfficialComposer *self);
guint       rct_official_composer_count_issued (RctOfficialComposer *self);
guint       rct_official_composer_count_signed (RctOfficialComposer *self);

G_END_DECLS
