/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  RCT_INPUT_TEXT,
  RCT_INPUT_DATE,
  RCT_INPUT_LONG_TEXT,
  RCT_INPUT_CHOICE,
  RCT_INPUT_SUGGEST,  /* free text, with the choices offered beside it */
} RctInputKind;

typedef struct
{
  const char          *label;
  RctInputKind         kind;
  const char          *initial;
  const char * const  *choices;  /* RCT_INPUT_CHOICE: the labels to pick from;
                                  * RCT_INPUT_SUGGEST: the usual texts */
} RctInputField;

/* Called with the values, in the order of the fields, when the person
 * accepts (a choice gives its label). Return FALSE with one sentence in
 * @message to keep the window open and show why; not called on cancel. */
typedef gboolean (*RctInputDone) (GtkWidget          *owner,
                                  const char * const *values,
                                  gpointer            user_data,
                                  char              **message);

void rct_input_dialog_ask (GtkWidget           *owner,
                           const char          *title,
                           const char          *explanation,
                           const char          *accept_label,
                           const RctInputField *fields,
                           guint                n_fields,
                           RctInputDone         done,
                           gpointer             user_data);

G_END_DECLS
