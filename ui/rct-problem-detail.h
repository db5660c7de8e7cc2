/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rct-store.h"

G_BEGIN_DECLS

#define RCT_TYPE_PROBLEM_DETAIL (rct_problem_detail_get_type ())
G_DECLARE_FINAL_TYPE (RctProblemDetail, rct_problem_detail, RCT, PROBLEM_DETAIL, GtkWidget)

void         rct_problem_detail_show           (RctProblemDetail *self,
                                                RctStore         *store,
                                                gint64            problem_id,
                                                gboolean          read_only);
gint64       rct_problem_detail_get_problem_id (RctProblemDetail *self);
GHashTable  *rct_problem_detail_collect        (RctProblemDetail *self);
void         rct_problem_detail_set_message    (RctProblemDetail *self,
                                                const char       *message,
                                                gboolean          is_error);
const char  *rct_problem_detail_get_message    (RctProblemDetail *self);
void         rct_problem_detail_set_hint       (RctProblemDetail *self,
                                                const char       *hint);
const char  *rct_problem_detail_get_hint       (RctProblemDetail *self);
char        *rct_problem_detail_dup_history    (RctProblemDetail *self);
GtkWidget   *rct_problem_detail_get_field      (RctProblemDetail *self,
                                                const char       *field);
gint64       rct_problem_detail_get_revision   (RctProblemDetail *self);
void         rct_problem_detail_show_conflict  (RctProblemDetail *self,
                                                RctProblem       *current,
                                                const char       *message);
const char  *rct_problem_detail_get_theirs     (RctProblemDetail *self);

G_END_DECLS
