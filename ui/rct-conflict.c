/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-conflict"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rct-conflict.h"

/* What a form that saved over another clerk's change says (issue 20,
 * docs/RELIABILITY.md): the store's sentence naming who and when, the
 * other clerk's value of each field where it differs from the form's, and
 * what Save does now. The form keeps the clerk's values and the revision
 * it now holds is theirs. */

/**
 * rct_conflict_describe:
 * @sentence: RCT_STORE_ERROR_CONFLICT's message
 *
 * Returns: (transfer full): the message for the form
 */
char *
rct_conflict_describe (const char             *sentence,
                       const RctConflictField *fields,
                       guint                   n_fields)
{
  GString *text = g_string_new (sentence);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *theirs = fields[i].theirs != NULL ? fields[i].theirs : "";
      g_autofree char *label = NULL;

      if (g_strcmp0 (theirs, fields[i].mine != NULL ? fields[i].mine : "") == 0)
        continue;
      label = g_strstrip (g_strdelimit (g_strdup (fields[i].label), "_", ' '));
      g_string_append_c (text, '\n');
      /* Translators: a field's name and the value another clerk saved */
      g_string_append_printf (text, _("%s: %s"), label,
                              fields[i].shown != NULL ? fields[i].shown : *theirs ? theirs : _("(empty)"));
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Save again to save yours over theirs, or cancel to keep theirs."));
  return g_string_free (text, FALSE);
}

/**
 * rct_conflict_widget_label:
 *
 * Returns: (transfer full) (nullable): the name of the field @widget edits,
 *   as the label that names it says it, its mnemonic dropped
 */
char *
rct_conflict_widget_label (GtkWidget *widget)
{
  g_autoptr(GList) labels = gtk_widget_list_mnemonic_labels (widget);
  char *text;
  gsize len;

  if (labels == NULL || !GTK_IS_LABEL (labels->data))
    return NULL;
  text = g_strdup (gtk_label_get_text (labels->data));
  len = strlen (text);
  /* A translation's mnemonic in brackets: 问题描述(D). */
  if (len > 3 && text[len - 3] == '(' && text[len - 1] == ')')
    text[len - 3] = '\0';
  return text;
}

/**
 * rct_conflict_describe_widgets:
 * @widgets: the widget of each field, whose label names it
 * @fields: theirs and mine of each field; the labels are filled here
 *
 * rct_conflict_describe() with each field named as the form's label of
 * its widget names it.
 *
 * Returns: (transfer full): the message for the form
 */
char *
rct_conflict_describe_widgets (const char        *sentence,
                               GtkWidget * const *widgets,
                               RctConflictField  *fields,
                               guint              n_fields)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_fields; i++)
    {
      char *label = rct_conflict_widget_label (widgets[i]);

      g_ptr_array_add (labels, label);
      fields[i].label = label != NULL ? label : "";
    }
  return rct_conflict_describe (sentence, fields, n_fields);
}
