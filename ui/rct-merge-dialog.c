/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-merge-dialog.h"
#include "rct-report-sign.h"
#include "rct-trust.h"
#include "rct-ui-resources.h"
#include "rct-vocabulary.h"

/* Merge…: what a report from another organisation would do to the ledger
 * before anything is written (rct_merge_preview_async), then, on Merge,
 * what it did (rct_merge_apply_async), shown the same way: who made it,
 * the counts, and every record added, changed, in conflict or refused,
 * with the field and the reason. Both run in a worker thread on their own
 * connection; Cancel stops them, and a cancelled merge changes nothing
 * (docs/EXCHANGE.md). */

/* One line of the list: a copy of an RctMergeItem, as text. */
#define RCT_TYPE_MERGE_ROW (rct_merge_row_get_type ())
G_DECLARE_FINAL_TYPE (RctMergeRow, rct_merge_row, RCT, MERGE_ROW, GObject)

enum { COLUMN_OUTCOME, COLUMN_KIND, COLUMN_RECORD, COLUMN_FIELD, COLUMN_REASON, N_COLUMNS };

struct _RctMergeRow
{
  GObject parent_instance;
  char   *text[N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (RctMergeRow, rct_merge_row, G_TYPE_OBJECT)

static void
rct_merge_row_finalize (GObject *object)
{
  RctMergeRow *self = RCT_MERGE_ROW (object);

  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (self->text[i]);
  G_OBJECT_CLASS (rct_merge_row_parent_class)->finalize (object);
}

static void
rct_merge_row_class_init (RctMergeRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rct_merge_row_finalize;
}

static void
rct_merge_row_init (RctMergeRow *self)
{
}

struct _RctMergeDialog
{
  GtkWindow     parent_instance;

  RctStore     *store;
  char         *report_path;
  GCancellable *cancellable;
  RctMergePlan *plan;
  GListStore   *rows;
  gboolean      busy;
  gboolean      merged;
  gboolean      closing;
  RctSignature *signature;     /* a sound signature of a key not trusted yet */

  GtkLabel      *heading_label;
  GtkLabel      *file_label;
  GtkLabel      *counts_label;
  GtkStack      *stack;
  GtkSpinner    *spinner;
  GtkLabel      *busy_label;
  GtkColumnView *items_view;
  GtkLabel      *note_label;
  GtkButton     *cancel_button;
  GtkButton     *merge_button;
  GtkButton     *trust_button;
};

G_DEFINE_FINAL_TYPE (RctMergeDialog, rct_merge_dialog, GTK_TYPE_WINDOW)

enum { SIGNAL_MERGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- the list ---- */

static const char *
outcome_label (RctMergeOutcome outcome)
{
  switch (outcome)
    {
    case RCT_MERGE_ADDED: return C_("merge", "Added");
    case RCT_MERGE_CHANGED: return C_("merge", "Changed");
    case RCT_MERGE_UNCHANGED: return C_("merge", "Unchanged");
    case RCT_MERGE_CONFLICT: return C_("merge", "Conflict");
    case RCT_MERGE_REFUSED: return C_("merge", "Refused");
    default: return "";
    }
}

/* The order of the list: what needs a look first. */
static int
outcome_rank (RctMergeOutcome outcome)
{
  switch (outcome)
    {
    case RCT_MERGE_CONFLICT: return 0;
    case RCT_MERGE_REFUSED: return 1;
    case RCT_MERGE_ADDED: return 2;
    case RCT_MERGE_CHANGED: return 3;
    default: return 4;
    }
}

/**
 * rct_merge_kind_label:
 * @kind: a record kind as the report's XML names it ("problem", "group")
 *
 * Returns: the kind as a clerk says it, or @kind when it is not known
 */
const char *
rct_merge_kind_label (const char *kind)
{
  static const struct { const char *element; const char *label; } kinds[] = {
    { "campaign", NC_("record kind", "Campaign") },
    { "phase", NC_("record kind", "Phase") },
    { "unit", NC_("record kind", "Unit") },
    { "person", NC_("record kind", "Person") },
    { "group", NC_("record kind", "Working group") },
    { "supervisor", NC_("record kind", "Social supervisor") },
    { "problem", NC_("record kind", "Problem") },
    { "measure", NC_("record kind", "Measure") },
    { "evidence", NC_("record kind", "Evidence") },
    { "extension", NC_("record kind", "Extension") },
    { "feedback", NC_("record kind", "Feedback") },
    { "task", NC_("record kind", "Task") },
    { "progress", NC_("record kind", "Task progress") },
  };

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kind, kinds[i].element))
      return g_dpgettext2 (GETTEXT_PACKAGE, "record kind", kinds[i].label);
  return kind != NULL ? kind : "";
}

/**
 * rct_merge_field_label:
 * @kind: a record kind as the report's XML names it
 * @field: (nullable): one of its fields
 *
 * Returns: the field as the window labels it ("Lasting mechanism"), or
 *   @field when it has no label
 */
const char *
rct_merge_field_label (const char *kind,
                       const char *field)
{
  const char *table = g_strcmp0 (kind, "group") == 0 ? "working_group"
                      : g_strcmp0 (kind, "progress") == 0 ? "task_progress" : kind;

  return rct_vocabulary_field_label (table, field);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const RctMergeItem *x = *(RctMergeItem * const *) a;
  const RctMergeItem *y = *(RctMergeItem * const *) b;
  int by_outcome = outcome_rank (x->outcome) - outcome_rank (y->outcome);

  if (by_outcome != 0)
    return by_outcome;
  return g_strcmp0 (x->kind, y->kind);
}

static void
fill_rows (RctMergeDialog     *self,
           const RctMergePlan *plan)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; plan->items != NULL && i < plan->items->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (plan->items, i));
  /* Stable: within an outcome and kind, the report's order. */
  g_ptr_array_sort (sorted, compare_items);
  for (guint i = 0; i < sorted->len; i++)
    {
      const RctMergeItem *item = g_ptr_array_index (sorted, i);
      RctMergeRow *row = g_object_new (RCT_TYPE_MERGE_ROW, NULL);

      row->text[COLUMN_OUTCOME] = g_strdup (outcome_label (item->outcome));
      row->text[COLUMN_KIND] = g_strdup (rct_merge_kind_label (item->kind));
      row->text[COLUMN_RECORD] = g_strdup (item->label != NULL ? item->label : item->uuid);
      row->text[COLUMN_FIELD] = item->field != NULL ? g_strdup (rct_merge_field_label (item->kind, item->field)) : NULL;
      row->text[COLUMN_REASON] = g_strdup (item->reason);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), rows->pdata, rows->len);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  RctMergeRow *row = gtk_list_item_get_item (list_item);
  guint column = GPOINTER_TO_UINT (data);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      row->text[column] != NULL ? row->text[column] : "");
}

static void
add_column (RctMergeDialog *self,
            guint           column,
            const char     *title,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->items_view, view_column);
  g_object_unref (view_column);
}

/* ---- showing a plan ---- */

/**
 * rct_merge_dialog_dup_counts:
 *
 * Returns: (transfer full): the plan's counts in one line
 */
char *
rct_merge_dialog_dup_counts (const RctMergePlan *plan)
{
  /* Translators: the counts of a merge, previewed or done */
  return g_strdup_printf (_("Added: %1$u · Changed: %2$u · Conflicts: %3$u · Refused: %4$u · Unchanged: %5$u"),
                          plan->added, plan->changed, plan->conflicts, plan->refused, plan->unchanged);
}

static void
set_note (RctMergeDialog *self,
          const char     *text,
          gboolean        is_error)
{
  gtk_label_set_text (self->note_label, text != NULL ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->note_label), "error");
}

static void
set_busy (RctMergeDialog *self,
          gboolean        busy,
          const char     *what)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    {
      gtk_label_set_text (self->busy_label, what);
      gtk_stack_set_visible_child_name (self->stack, "busy");
      gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), FALSE);
    }
}

static void
show_plan (RctMergeDialog *self,
           RctMergePlan   *plan)
{
  g_autofree char *counts = rct_merge_dialog_dup_counts (plan);
  g_autofree char *heading = NULL;
  const char *from = plan->organisation != NULL && *plan->organisation != '\0' ? plan->organisation : NULL;

  if (self->plan != plan)
    {
      fill_rows (self, plan);
      g_clear_pointer (&self->plan, rct_merge_plan_free);
      self->plan = plan;
    }
  if (self->merged)
    /* Translators: the heading after a merge; %s is who made the report */
    heading = from != NULL ? g_strdup_printf (_("Merged the report from %s"), from) : g_strdup (_("Merged the report"));
  else
    /* Translators: the heading of a merge's preview; %s is who made the report */
    heading = from != NULL ? g_strdup_printf (_("Report from %s"), from) : g_strdup (_("Report"));
  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->counts_label, counts);
  gtk_stack_set_visible_child_name (self->stack, plan->items != NULL && plan->items->len > 0 ? "items" : "nothing");
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data);

static void
signature_read_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  g_task_return_pointer (task, rct_signature_read (data, cancellable), (GDestroyNotify) rct_signature_free);
}

/* The fingerprint in groups of eight bytes, a line each, so it wraps where
 * a person reads it out and never mid-byte. */
static char *
fingerprint_lines (const char *fingerprint)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint bytes = 0;

  for (const char *p = fingerprint; *p != '\0'; p++)
    {
      if (*p == ':' && ++bytes % 8 == 0)
        g_string_append_c (text, '\n');
      else
        g_string_append_c (text, *p);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
signature_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RctMergeDialog) self = user_data;
  g_autoptr(RctSignature) signature = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *heading = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *details = NULL;
  const char *who;

  if (self->closing || signature == NULL || signature->status != RCT_SIGNATURE_VERIFIED ||
      signature->certificate == NULL)
    return;
  who = signature->certificate->subject != NULL ? signature->certificate->subject
        : signature->organisation_name != NULL ? signature->organisation_name : "";
  /* Translators: %s is an organisation, e.g. 回河派出所 */
  heading = g_strdup_printf (_("Trust the reports of %s?"), who);
  lines = fingerprint_lines (signature->certificate->fingerprint);
  /* Translators: the certificate's SHA-256 fingerprint */
  details = g_strdup_printf (_("Its certificate's fingerprint (SHA-256) is\n%s\n\nCompare it with the one the "
                               "organisation reads out to you (rectify-cli key show) before you trust it. From "
                               "then on, its reports are merged only when signed with this key."), lines);
  gtk_label_set_text (self->heading_label, heading);
  set_note (self, details, FALSE);
  g_clear_pointer (&self->signature, rct_signature_free);
  self->signature = g_steal_pointer (&signature);
  gtk_widget_set_visible (GTK_WIDGET (self->trust_button), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->trust_button));
}

static void
trust_clicked_cb (RctMergeDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (self->busy || self->signature == NULL)
    return;
  if (!rct_trust_add (self->store, self->signature->organisation_uuid, self->signature->organisation_name,
                      self->signature->certificate, &error))
    {
      set_note (self, error->message, TRUE);
      return;
    }
  g_clear_pointer (&self->signature, rct_signature_free);
  gtk_widget_set_visible (GTK_WIDGET (self->trust_button), FALSE);
  set_note (self, NULL, FALSE);
  gtk_label_set_text (self->heading_label, _("Reading the report…"));
  set_busy (self, TRUE, _("Comparing the report with the ledger…"));
  rct_merge_preview_async (self->store, self->report_path, self->cancellable, preview_done_cb, g_object_ref (self));
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RctMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  RctMergePlan *plan = rct_merge_preview_finish (RCT_STORE (source), result, &error);

  set_busy (self, FALSE, NULL);
  if (self->closing)
    {
      g_clear_pointer (&plan, rct_merge_plan_free);
      return;
    }
  if (plan == NULL)
    {
      gtk_label_set_text (self->heading_label, _("This report cannot be merged"));
      gtk_stack_set_visible_child_name (self->stack, "nothing");
      gtk_widget_set_visible (GTK_WIDGET (self->stack), FALSE);
      set_note (self, error->message, TRUE);
      /* A sound signature of a key not trusted yet: the clerk may trust
       * it here, after comparing the fingerprint (issue 21). */
      if (g_error_matches (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_UNTRUSTED))
        {
          g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, signature_read_cb, g_object_ref (self));

          g_task_set_task_data (task, g_strdup (self->report_path), g_free);
          g_task_run_in_thread (task, signature_read_thread);
        }
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stack), TRUE);
  show_plan (self, plan);
  if (plan->added + plan->changed + plan->conflicts > 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), TRUE);
      set_note (self, _("Nothing has been written yet. Merge applies what is listed; conflicts keep both values "
                        "until someone chooses; refused changes are left out."), FALSE);
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->merge_button));
    }
  else
    set_note (self, _("Nothing in this report would change the ledger."), FALSE);
  /* Unsigned, taken under the transition setting: said above the rest. */
  if (plan->warning != NULL)
    {
      g_autofree char *both = g_strconcat (plan->warning, "\n", gtk_label_get_text (self->note_label), NULL);

      set_note (self, both, FALSE);
    }
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RctMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  RctMergePlan *plan = rct_merge_apply_finish (RCT_STORE (source), result, &error);
  g_autofree char *counts = NULL;

  set_busy (self, FALSE, NULL);
  if (plan == NULL)
    {
      if (self->closing)
        return;
      show_plan (self, self->plan);
      gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), TRUE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_note (self, _("The merge was cancelled; the ledger is as it was."), FALSE);
      else
        set_note (self, error->message, TRUE);
      return;
    }
  self->merged = TRUE;
  show_plan (self, plan);
  gtk_widget_set_visible (GTK_WIDGET (self->merge_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->cancel_button));
  if (plan->conflicts > 0)
    set_note (self, _("Merged. The conflicts keep both values until someone chooses one: see Conflicts."), FALSE);
  else if (plan->warning != NULL)
    set_note (self, plan->warning, FALSE);
  else
    set_note (self, _("Merged into the ledger."), FALSE);
  /* The merge wrote through its own connection: tell this one's lists. */
  rct_store_announce_changes (self->store);
  g_signal_emit (self, signals[SIGNAL_MERGED], 0);
}

static void
merge_clicked_cb (RctMergeDialog *self)
{
  if (self->busy || self->merged || self->plan == NULL)
    return;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_note (self, NULL, FALSE);
  set_busy (self, TRUE, _("Merging the report into the ledger…"));
  rct_merge_apply_async (self->store, self->report_path, self->cancellable, apply_done_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (RctMergeDialog *self)
{
  /* A merge under way is stopped, and says so when it has; anything
   * else closes the dialog. */
  if (self->busy && self->plan != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
rct_merge_dialog_close_request (GtkWindow *window)
{
  RctMergeDialog *self = RCT_MERGE_DIALOG (window);

  self->closing = TRUE;
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (rct_merge_dialog_parent_class)->close_request (window);
}

/* ---- the object ---- */

static void
rct_merge_dialog_dispose (GObject *object)
{
  RctMergeDialog *self = RCT_MERGE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_MERGE_DIALOG);
  G_OBJECT_CLASS (rct_merge_dialog_parent_class)->dispose (object);
}

static void
rct_merge_dialog_finalize (GObject *object)
{
  RctMergeDialog *self = RCT_MERGE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->plan, rct_merge_plan_free);
  g_clear_pointer (&self->signature, rct_signature_free);
  g_free (self->report_path);
  G_OBJECT_CLASS (rct_merge_dialog_parent_class)->finalize (object);
}

static void
rct_merge_dialog_class_init (RctMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rct_merge_dialog_dispose;
  object_class->finalize = rct_merge_dialog_finalize;
  window_class->close_request = rct_merge_dialog_close_request;

  /**
   * RctMergeDialog::merged:
   *
   * The report was merged; rct_merge_dialog_get_plan() says what it did.
   */
  signals[SIGNAL_MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 0);

  (void) rct_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, counts_label);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, busy_label);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, items_view);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, note_label);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, merge_button);
  gtk_widget_class_bind_template_child (widget_class, RctMergeDialog, trust_button);
  gtk_widget_class_bind_template_callback (widget_class, trust_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, merge_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rct_merge_dialog_init (RctMergeDialog *self)
{
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (RCT_TYPE_MERGE_ROW);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  gtk_column_view_set_model (self->items_view, selection);
  g_object_unref (selection);
  add_column (self, COLUMN_OUTCOME, _("Outcome"), FALSE);
  add_column (self, COLUMN_KIND, _("Kind"), FALSE);
  add_column (self, COLUMN_RECORD, _("Record"), FALSE);
  add_column (self, COLUMN_FIELD, _("Field"), FALSE);
  add_column (self, COLUMN_REASON, _("Reason"), TRUE);
}

/* ---- public ---- */

/**
 * rct_merge_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the ledger to merge into
 * @report_path: the report
 *
 * Opens the dialog and starts the preview. Nothing is written until its
 * Merge button is pressed.
 *
 * Returns: (transfer none): the dialog, shown; it goes when closed
 */
RctMergeDialog *
rct_merge_dialog_new (GtkWindow  *parent,
                      RctStore   *store,
                      const char *report_path)
{
  RctMergeDialog *self;
  g_autofree char *shown = NULL;
  g_autofree char *file_line = NULL;

  g_return_val_if_fail (RCT_IS_STORE (store), NULL);
  g_return_val_if_fail (report_path != NULL, NULL);

  self = g_object_new (RCT_TYPE_MERGE_DIALOG, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->store = g_object_ref (store);
  self->report_path = g_strdup (report_path);
  shown = g_filename_display_name (report_path);
  /* Translators: %s is the report's file */
  file_line = g_strdup_printf (_("File: %s"), shown);
  gtk_label_set_text (self->file_label, file_line);
  gtk_label_set_text (self->heading_label, _("Reading the report…"));
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE, _("Comparing the report with the ledger…"));
  rct_merge_preview_async (store, report_path, self->cancellable, preview_done_cb, g_object_ref (self));
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

gboolean
rct_merge_dialog_is_busy (RctMergeDialog *self)
{
  g_return_val_if_fail (RCT_IS_MERGE_DIALOG (self), FALSE);
  return self->busy;
}

gboolean
rct_merge_dialog_is_merged (RctMergeDialog *self)
{
  g_return_val_if_fail (RCT_IS_MERGE_DIALOG (self), FALSE);
  return self->merged;
}

/**
 * rct_merge_dialog_get_plan:
 *
 * Returns: (transfer none) (nullable): what the preview found, or after
 *   Merge what the merge did
 */
const RctMergePlan *
rct_merge_dialog_get_plan (RctMergeDialog *self)
{
  g_return_val_if_fail (RCT_IS_MERGE_DIALOG (self), NULL);
  return self->plan;
}

const char *
rct_merge_dialog_get_note (RctMergeDialog *self)
{
  g_return_val_if_fail (RCT_IS_MERGE_DIALOG (self), NULL);
  return gtk_label_get_text (self->note_label);
}

/**
 * rct_merge_dialog_needs_trust:
 *
 * Returns: whether the dialog waits for the clerk to trust the report's key
 */
gboolean
rct_merge_dialog_needs_trust (RctMergeDialog *self)
{
  g_return_val_if_fail (RCT_IS_MERGE_DIALOG (self), FALSE);
  return self->signature != NULL;
}
