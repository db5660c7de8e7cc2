/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-csv-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-accessible.h"
#include "rct-csv-import-dialog.h"
#include "rct-ui-resources.h"

/* Bringing an old Excel ledger in: the first rows of the CSV, a field
 * chosen for each column (guessed from the headers, remembered for the next
 * file with the same headers), every row checked first with each bad row
 * named by its line and reason, and nothing imported unless every row is
 * good or the person asks for the good rows only. */

#define PREVIEW_ROWS 5

struct _RctCsvImportDialog
{
  GtkWindow    parent_instance;

  RctStore    *store;
  GSettings   *settings;
  char        *basename;
  RctCsvTable *table;
  GPtrArray   *dropdowns;   /* one per column */
  char        *message_text;
  guint        imported;
  GCancellable *check_cancellable; /* the dry run of the current mapping, in a thread */
  GCancellable *import_cancellable; /* the import itself, in a thread */
  gboolean     import_ready;        /* what the last check allowed, */
  gboolean     good_ready;          /* for the buttons after a stop */

  /* Template children */
  GtkGrid     *columns_grid;
  GtkLabel    *message;
  GtkListBox  *problems;
  GtkWidget   *import_button;
  GtkWidget   *good_button;
  GtkWidget   *progress_box;
  GtkProgressBar *progress;
  GtkWidget   *cancel_button;
};

G_DEFINE_FINAL_TYPE (RctCsvImportDialog, rct_csv_import_dialog, GTK_TYPE_WINDOW)

static void
rct_csv_import_dialog_finalize (GObject *object)
{
  RctCsvImportDialog *self = RCT_CSV_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->table, rct_csv_table_free);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_free (self->basename);
  g_free (self->message_text);
  G_OBJECT_CLASS (rct_csv_import_dialog_parent_class)->finalize (object);
}

static void
rct_csv_import_dialog_dispose (GObject *object)
{
  RctCsvImportDialog *self = RCT_CSV_IMPORT_DIALOG (object);

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  /* Closed while the rows are written: nothing of them is kept. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), RCT_TYPE_CSV_IMPORT_DIALOG);
  G_OBJECT_CLASS (rct_csv_import_dialog_parent_class)->dispose (object);
}

static void
rct_csv_import_dialog_class_init (RctCsvImportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rct_csv_import_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = rct_csv_import_dialog_finalize;

  (void) rct_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-csv-import-dialog.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, RctCsvImportDialog, columns_grid);
  gtk_widget_class_bind_template_child (widget_class, RctCsvImportDialog, message);
  gtk_widget_class_bind_template_child (widget_class, RctCsvImportDialog, problems);
  gtk_widget_class_bind_template_child (widget_class, RctCsvImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RctCsvImportDialog, good_button);
  gtk_widget_class_bind_template_child (widget_class, RctCsvImportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, RctCsvImportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, RctCsvImportDialog, cancel_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rct_csv_import_dialog_init (RctCsvImportDialog *self)
{
  self->dropdowns = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_message (RctCsvImportDialog *self,
             const char         *text,
             gboolean            is_error)
{
  g_free (self->message_text);
  self->message_text = g_strdup (text);
  gtk_label_set_text (self->message, text != NULL ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

/* "(not imported)" first, then the problem's fields by their names. */
static const char * const *
field_keys (guint *n)
{
  const char * const *columns = rct_csv_columns (RCT_KIND_PROBLEM);
  guint count = 0;

  while (columns[count] != NULL)
    count++;
  *n = count;
  return columns;
}

static GHashTable *
current_mapping (RctCsvImportDialog *self)
{
  GHashTable *mapping = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;
  const char * const *keys = field_keys (&n);

  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->dropdowns, i));
      if (selected > 0 && selected <= n)
        g_hash_table_insert (mapping, (gpointer) keys[selected - 1], GUINT_TO_POINTER (i + 1));
    }
  return mapping;
}

/* The mapping is remembered by the file's header row. */
static char *
headers_key (RctCsvImportDialog *self)
{
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; i < self->table->header->len; i++)
    g_string_append_printf (key, "%s%s", i > 0 ? "\t" : "", (char *) g_ptr_array_index (self->table->header, i));
  return g_string_free (g_steal_pointer (&key), FALSE);
}

static void
remember_mapping (RctCsvImportDialog *self)
{
  g_autoptr(GVariant) saved = NULL;
  GVariantBuilder builder;
  g_autofree char *key = NULL;
  g_autoptr(GString) value = g_string_new (NULL);
  GVariantIter iter;
  const char *k, *v;

  if (self->settings == NULL)
    return;
  key = headers_key (self);
  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      const char *field = rct_csv_import_dialog_get_field (self, i);
      g_string_append_printf (value, "%s%s", i > 0 ? "\t" : "", field != NULL ? field : "");
    }
  saved = g_settings_get_value (self->settings, "csv-mappings");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &k, &v))
    if (g_strcmp0 (k, key) != 0)
      g_variant_builder_add (&builder, "{ss}", k, v);
  g_variant_builder_add (&builder, "{ss}", key, value->str);
  g_settings_set_value (self->settings, "csv-mappings", g_variant_builder_end (&builder));
}

static void
clear_problems (RctCsvImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems))) != NULL)
    gtk_list_box_remove (self->problems, child);
}

static void
show_problems (RctCsvImportDialog *self,
               RctCsvImport       *import)
{
  clear_problems (self);
  for (guint i = 0; i < import->problems->len && i < 200; i++)
    {
      RctCsvRowProblem *problem = g_ptr_array_index (import->problems, i);
      /* Translators: a bad row of a CSV file: its line, then why */
      g_autofree char *text = g_strdup_printf (_("Line %u: %s"), problem->line, problem->reason);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 6);
      gtk_list_box_append (self->problems, label);
    }
}

/* Says what a dry run found; returns the number of bad rows. */
static guint
show_check (RctCsvImportDialog *self,
            RctCsvImport       *import,
            const GError       *error)
{
  guint bad;

  if (import == NULL)
    {
      set_message (self, error->message, TRUE);
      gtk_widget_set_sensitive (self->import_button, FALSE);
      gtk_widget_set_sensitive (self->good_button, FALSE);
      return G_MAXUINT;
    }
  show_problems (self, import);
  bad = import->problems->len;
  if (bad == 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("All %u row is good.", "All %u rows are good.", import->rows),
                                               import->rows);
      set_message (self, text, FALSE);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u row of %u is bad; correct the file, or import the good rows only.",
                                                         "%u rows of %u are bad; correct the file, or import the good rows only.",
                                                         bad), bad, import->rows);
      set_message (self, text, TRUE);
    }
  self->import_ready = bad == 0;
  self->good_ready = bad > 0 && import->imported > 0;
  gtk_widget_set_sensitive (self->import_button, self->import_ready);
  gtk_widget_set_sensitive (self->good_button, self->good_ready);
  return bad;
}

static void
cancel_check (RctCsvImportDialog *self)
{
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
}

/* Checks every row, in a transaction that is rolled back: what the import
 * would do, without doing it. Returns the number of bad rows. */
guint
rct_csv_import_dialog_check (RctCsvImportDialog *self)
{
  g_autoptr(GHashTable) mapping = current_mapping (self);
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;

  cancel_check (self);
  if (!rct_store_begin (self->store, &error))
    {
      set_message (self, error->message, TRUE);
      return G_MAXUINT;
    }
  import = rct_csv_import_problems (self->store, self->table, mapping, TRUE, self->basename, &error);
  rct_store_rollback (self->store);
  return show_check (self, import, error);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RctCsvImportDialog) self = user_data;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;

  import = rct_csv_check_problems_finish (result, &error);
  /* A later mapping's check took its place, or the dialog closed. */
  if (cancellable != self->check_cancellable || g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->check_cancellable);
  show_check (self, import, error);
}

/* The dry run at every change of the mapping, in a thread: a big file
 * takes seconds. The check of the previous mapping is cancelled; the
 * import buttons wait for the answer. */
static void
check_async (RctCsvImportDialog *self)
{
  g_autoptr(GHashTable) mapping = current_mapping (self);

  cancel_check (self);
  self->check_cancellable = g_cancellable_new ();
  set_message (self, _("Checking the rows…"), FALSE);
  gtk_widget_set_sensitive (self->import_button, FALSE);
  gtk_widget_set_sensitive (self->good_button, FALSE);
  rct_csv_check_problems_async (rct_store_get_path (self->store), self->table, mapping, self->basename,
                                self->check_cancellable, check_done_cb, g_object_ref (self));
}

/**
 * rct_csv_import_dialog_is_checking:
 *
 * Whether the dry run of the current mapping is still running.
 */
gboolean
rct_csv_import_dialog_is_checking (RctCsvImportDialog *self)
{
  g_return_val_if_fail (RCT_IS_CSV_IMPORT_DIALOG (self), FALSE);
  return self->check_cancellable != NULL;
}

/* While the rows are written the mapping and the buttons wait; the
 * progress bar and its Stop take their place. */
static void
set_importing (RctCsvImportDialog *self,
               gboolean            importing)
{
  for (guint i = 0; i < self->dropdowns->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->dropdowns, i), !importing);
  gtk_widget_set_visible (self->progress_box, importing);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, NULL);
  if (importing)
    {
      gtk_widget_set_sensitive (self->import_button, FALSE);
      gtk_widget_set_sensitive (self->good_button, FALSE);
    }
}

static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  RctCsvImportDialog *self = user_data;
  /* Translators: rows of a CSV file written so far, of all its rows */
  g_autofree char *text = g_strdup_printf (_("%u of %u rows"), (guint) done, (guint) total);

  gtk_progress_bar_set_fraction (self->progress, total > 0 ? (double) done / total : 1.0);
  gtk_progress_bar_set_text (self->progress, text);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RctCsvImportDialog) self = user_data;
  g_autoptr(RctCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  import = rct_csv_import_problems_finish (result, &error);
  if (cancellable != self->import_cancellable)
    return;  /* the dialog was closed */
  g_clear_object (&self->import_cancellable);
  set_importing (self, FALSE);
  if (import == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_message (self, _("The import was stopped; nothing was imported."), FALSE);
      else
        set_message (self, error->message, TRUE);
      /* The rows are as the last check found them. */
      gtk_widget_set_sensitive (self->import_button, self->import_ready);
      gtk_widget_set_sensitive (self->good_button, self->good_ready);
      return;
    }
  show_problems (self, import);
  self->imported = import->imported;
  if (import->imported == 0)
    {
      set_message (self, _("Nothing was imported: correct the bad rows, or import the good rows only."), TRUE);
      gtk_widget_set_sensitive (self->good_button, import->problems->len > 0);
      return;
    }
  /* Written through another connection: the window's lists read again,
   * once for all the rows. */
  rct_store_announce_changes (self->store);
  remember_mapping (self);
  {
    g_autofree char *text = g_strdup_printf (ngettext ("Imported %u problem.", "Imported %u problems.", import->imported),
                                             import->imported);
    set_message (self, text, FALSE);
  }
}

/**
 * rct_csv_import_dialog_import:
 *
 * Imports the rows, all of them or with @only_good_rows the good ones, in
 * a thread on a connection of its own and in one transaction: the progress
 * bar counts the rows, and Stop (or closing the dialog) leaves the ledger
 * as it was. Returns whether the import was started.
 */
gboolean
rct_csv_import_dialog_import (RctCsvImportDialog *self,
                              gboolean            only_good_rows)
{
  g_autoptr(GHashTable) mapping = current_mapping (self);

  g_return_val_if_fail (RCT_IS_CSV_IMPORT_DIALOG (self), FALSE);

  if (self->import_cancellable != NULL)
    return FALSE;
  cancel_check (self);
  self->import_cancellable = g_cancellable_new ();
  set_importing (self, TRUE);
  set_message (self, _("Importing the rows…"), FALSE);
  rct_csv_import_problems_async (rct_store_get_path (self->store), rct_store_get_operator (self->store), self->table,
                                 mapping, only_good_rows, self->basename, import_progress_cb, self,
                                 self->import_cancellable, import_done_cb, g_object_ref (self));
  return TRUE;
}

/**
 * rct_csv_import_dialog_is_importing:
 *
 * Whether the rows are being written.
 */
gboolean
rct_csv_import_dialog_is_importing (RctCsvImportDialog *self)
{
  g_return_val_if_fail (RCT_IS_CSV_IMPORT_DIALOG (self), FALSE);
  return self->import_cancellable != NULL;
}

/**
 * rct_csv_import_dialog_stop:
 *
 * Stops the import that runs; nothing of it is kept.
 */
void
rct_csv_import_dialog_stop (RctCsvImportDialog *self)
{
  g_return_if_fail (RCT_IS_CSV_IMPORT_DIALOG (self));
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
mapping_changed_cb (RctCsvImportDialog *self)
{
  check_async (self);
}

static void
import_clicked_cb (RctCsvImportDialog *self)
{
  rct_csv_import_dialog_import (self, FALSE);
}

static void
good_clicked_cb (RctCsvImportDialog *self)
{
  rct_csv_import_dialog_import (self, TRUE);
}

void
rct_csv_import_dialog_set_field (RctCsvImportDialog *self,
                                 guint               column,
                                 const char         *field)
{
  guint n;
  const char * const *keys = field_keys (&n);

  g_return_if_fail (column < self->dropdowns->len);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (keys[i], field) == 0)
      {
        gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, column), i + 1);
        return;
      }
  gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, column), 0);
}

const char *
rct_csv_import_dialog_get_field (RctCsvImportDialog *self,
                                 guint               column)
{
  guint n, selected;
  const char * const *keys = field_keys (&n);

  g_return_val_if_fail (column < self->dropdowns->len, NULL);
  selected = gtk_drop_down_get_selected (g_ptr_array_index (self->dropdowns, column));
  return selected > 0 && selected <= n ? keys[selected - 1] : NULL;
}

const char *
rct_csv_import_dialog_get_message (RctCsvImportDialog *self)
{
  return self->message_text;
}

guint
rct_csv_import_dialog_get_imported (RctCsvImportDialog *self)
{
  return self->imported;
}

static void
apply_remembered (RctCsvImportDialog *self)
{
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *key = NULL;
  const char *value = NULL;

  if (self->settings == NULL)
    return;
  key = headers_key (self);
  saved = g_settings_get_value (self->settings, "csv-mappings");
  if (g_variant_lookup (saved, key, "&s", &value))
    {
      g_auto(GStrv) fields = g_strsplit (value, "\t", -1);
      for (guint i = 0; fields[i] != NULL && i < self->dropdowns->len; i++)
        rct_csv_import_dialog_set_field (self, i, *fields[i] ? fields[i] : NULL);
    }
}

/**
 * rct_csv_import_dialog_new:
 * @settings: (nullable): where mappings are remembered ("csv-mappings")
 *
 * Returns: (transfer full) (nullable): the dialog, not yet shown, or %NULL
 *   with @error when the file cannot be read as CSV
 */
RctCsvImportDialog *
rct_csv_import_dialog_new (GtkWindow   *parent,
                           RctStore    *store,
                           GSettings   *settings,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RctCsvTable) table = rct_csv_read_file (file, NULL, error);
  g_autoptr(GHashTable) guessed = NULL;
  RctCsvImportDialog *self;
  GtkGrid *grid;
  guint n_keys;
  const char * const *keys = field_keys (&n_keys);
  g_autofree char *title = NULL;

  if (table == NULL)
    return NULL;
  self = g_object_new (RCT_TYPE_CSV_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->table = g_steal_pointer (&table);
  self->store = g_object_ref (store);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->basename = g_path_get_basename (path);
  /* Translators: the window title; %s is the file's name */
  title = g_strdup_printf (_("Import Problems from %s"), self->basename);
  gtk_window_set_title (GTK_WINDOW (self), title);

  grid = self->columns_grid;
  guessed = rct_csv_guess_mapping (self->table);
  for (guint c = 0; c < self->table->header->len; c++)
    {
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      GtkWidget *dropdown, *header;
      guint chosen = 0;

      gtk_string_list_append (choices, _("(not imported)"));
      for (guint k = 0; k < n_keys; k++)
        {
          gtk_string_list_append (choices, rct_csv_column_label (keys[k]));
          if (GPOINTER_TO_UINT (g_hash_table_lookup (guessed, keys[k])) == c + 1)
            chosen = k + 1;
        }
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), chosen);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_ptr_array_index (self->table->header, c), -1);
      g_ptr_array_add (self->dropdowns, dropdown);
      gtk_grid_attach (grid, dropdown, c, 0, 1, 1);
      header = gtk_label_new (g_ptr_array_index (self->table->header, c));
      gtk_widget_add_css_class (header, "heading");
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_grid_attach (grid, header, c, 1, 1, 1);
      for (guint r = 0; r < self->table->rows->len && r < PREVIEW_ROWS; r++)
        {
          GPtrArray *row = g_ptr_array_index (self->table->rows, r);
          GtkWidget *cell = gtk_label_new (c < row->len ? g_ptr_array_index (row, c) : "");
          gtk_label_set_xalign (GTK_LABEL (cell), 0);
          gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (cell), 24);
          gtk_grid_attach (grid, cell, c, r + 2, 1, 1);
        }
    }
  g_signal_connect_swapped (self->good_button, "clicked", G_CALLBACK (good_clicked_cb), self);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (import_clicked_cb), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (rct_csv_import_dialog_stop), self);
  rct_accessible_tidy_names (GTK_WIDGET (self));

  apply_remembered (self);
  for (guint c = 0; c < self->dropdowns->len; c++)
    g_signal_connect_swapped (g_ptr_array_index (self->dropdowns, c), "notify::selected",
                              G_CALLBACK (mapping_changed_cb), self);
  check_async (self);
  return self;
}
