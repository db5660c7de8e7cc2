/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A form's field in a conflict's message: its label as the form shows it
 * (a mnemonic's underscore is dropped), the other clerk's value now and the
 * form's. */
typedef struct
{
  const char *label;
  const char *theirs;
  const char *mine;
  const char *shown;   /* (nullable) theirs as a person reads it (a vocabulary's label) */
} RctConflictField;

char *rct_conflict_describe     (const char             *sentence,
                                 const RctConflictField *fields,
                                 guint                   n_fields);
char *rct_conflict_widget_label (GtkWidget              *widget);
char *rct_conflict_describe_widgets (const char        *sentence,
                                     GtkWidget * const *widgets,
                                     RctConflictField  *fields,
                                     guint              n_fields);

G_END_DECLS
