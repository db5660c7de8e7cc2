/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-ledger-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-clock.h"
#include "rct-csv.h"
#include "rct-csv-import-dialog.h"
#include "rct-xlsx.h"
#include "rct-file-chooser.h"
#include "rct-input-dialog.h"
#include "rct-list-export.h"
#include "rct-bench.h"
#include "rct-ledger-page.h"
#include "rct-problem-detail.h"
#include "rct-text-cell.h"
#include "rct-ui-resources.h"
#include "rct-vocabulary.h"
#include "rct-workflow.h"

/* The rectification ledger (整改台账): the problems in a GtkColumnView over
 * an RctRecordList, so a million of them stay quick: the filters and the
 * column sorting become SQL, and rows are read as they scroll into view.
 * Beside it the detail pane edits the selected problem and moves it through
 * the workflow. Every action is a widget action ("ledger.…") enabled exactly
 * when the store's gates allow it. */

struct _RctLedgerPage
{
  GtkWidget          parent_instance;

  RctStore          *store;
  RctRecordList     *list;
  GSettings         *settings;
  RctFilter          filter;
  gboolean           read_only;
  gboolean           updating;
  GCancellable      *export_cancellable;  /* while a list export runs in its thread */
  guint              export_count;
  GPtrArray         *unit_names;
  GPtrArray         *group_names;
  char              *count_text;
  gint64             selected_id;   /* the selection, kept by id: the list recycles */
  GCancellable      *filter_cancellable;  /* while the list's query runs in its thread */
  guint              threaded_above;      /* ledgers of more problems query in a thread */
  gboolean           threaded;
  gboolean           force_sync;
  gboolean           narrow;
  guint              layout_idle;
  guint              save_retry;    /* a save the lost server connection stopped, tried again */

  /* Template children */
  GtkPaned          *paned;
  GtkDropDown       *status_dropdown;
  GtkDropDown       *unit_dropdown;
  GtkDropDown       *source_dropdown;
  GtkDropDown       *group_dropdown;
  GtkEntry          *person_entry;
  GtkToggleButton   *overdue_button;
  GtkToggleButton   *due_soon_button;
  GtkToggleButton   *listed_button;
  GtkDropDown       *severity_dropdown;
  GtkEntry          *leader_entry;
  GtkEntry          *from_entry;
  GtkEntry          *to_entry;
  GtkLabel          *more_filters_label;
  GtkLabel          *count_label;
  GtkWidget         *empty_box;
  GtkLabel          *empty_label;
  GtkWidget         *empty_clear_button;
  GtkWidget         *list_scroller;
  GtkColumnView     *column_view;
  GtkSingleSelection *selection;
  GtkSliceListModel *head;          /* the list as shown: see show_rows_gradually() */
  guint              grow_tick;
  gboolean           drawn;         /* the page has been drawn once */
  RctProblemDetail  *detail;
};

G_DEFINE_FINAL_TYPE (RctLedgerPage, rct_ledger_page, GTK_TYPE_WIDGET)

enum
{
  SEARCH_CLEARED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the columns: what a person needs first comes first, so
 * a narrow window shows it without scrolling sideways. */
static const char *sort_keys[] = {
  "number", "severity", "listed_date", "description", "unit_name", "deadline", "status", "days_overdue",
  "source", "group_name", "responsible_name", "found_date",
};

static void actions_update (RctLedgerPage *self);
static void apply_filter (RctLedgerPage *self);

/* ---- the cells of the columns ---- */

/* Every cell is a one-line RctTextCell made in C and filled from the
 * problem's fields: a label to assistive technologies, shaped by Pango
 * only when drawn (rct-text-cell.c says why). A GtkBuilderListItemFactory parsed its XML template and set up
 * expression watches for each of the twelve cells of every row made, and a
 * filter, a search or a scroll makes a screenful of rows at once: at a
 * million problems that was most of the 0.3–1.3 s the window stood still
 * (docs/PERFORMANCE.md). A bound cell follows its problem's "notify", so a
 * problem changed in place shows its new values as before. */

typedef enum
{
  CELL_NUMBER,
  CELL_SEVERITY,
  CELL_LISTED,
  CELL_DESCRIPTION,
  CELL_UNIT,
  CELL_DEADLINE,
  CELL_STATUS,
  CELL_DAYS_OVERDUE,
  CELL_SOURCE,
  CELL_GROUP,
  CELL_RESPONSIBLE,
  CELL_FOUND,
  N_CELLS
} Cell;

static const char *
deadline_class (const char *state)
{
  if (g_strcmp0 (state, "overdue") == 0)
    return "deadline-overdue";
  if (g_strcmp0 (state, "due-soon") == 0)
    return "deadline-due-soon";
  return NULL;
}

static const char *
severity_class (const char *severity)
{
  if (g_strcmp0 (severity, "grave") == 0)
    return "severity-grave";
  if (g_strcmp0 (severity, "serious") == 0)
    return "severity-serious";
  return NULL;
}

static const char *
vocabulary_or_empty (RctVocabulary  vocab,
                     const char    *value)
{
  return value != NULL ? rct_vocabulary_label (vocab, value) : "";
}

static void
fill_cell (RctTextCell *label,
           Cell         cell,
           RctProblem  *problem)
{
  char days[24] = "";
  const char *text = NULL;
  const char *css = NULL;

  switch (cell)
    {
    case CELL_NUMBER: text = problem->number; break;
    case CELL_SEVERITY:
      text = vocabulary_or_empty (RCT_VOCAB_SEVERITY, problem->severity);
      css = severity_class (problem->severity);
      break;
    case CELL_LISTED:
      /* 挂牌: the level of an open listing (市局); nothing once lifted. */
      if (problem->listed_date != NULL && problem->listed_lifted == NULL)
        text = problem->listed_level;
      break;
    case CELL_DESCRIPTION: text = problem->description; break;
    case CELL_UNIT: text = problem->unit_name; break;
    case CELL_DEADLINE:
      text = problem->deadline;
      css = deadline_class (problem->deadline_state);
      break;
    case CELL_STATUS: text = vocabulary_or_empty (RCT_VOCAB_PROBLEM_STATUS, problem->status); break;
    case CELL_DAYS_OVERDUE:
      if (problem->days_overdue > 0)
        g_snprintf (days, sizeof days, "%" G_GINT64_FORMAT, problem->days_overdue);
      text = days;
      css = deadline_class (problem->deadline_state);
      break;
    case CELL_SOURCE: text = vocabulary_or_empty (RCT_VOCAB_PROBLEM_SOURCE, problem->source); break;
    case CELL_GROUP: text = problem->group_name; break;
    case CELL_RESPONSIBLE: text = problem->responsible_name; break;
    case CELL_FOUND: text = problem->found_date; break;
    case N_CELLS:
    default:
      g_assert_not_reached ();
    }

  rct_text_cell_set_text (label, text);
  if (cell == CELL_SEVERITY || cell == CELL_DEADLINE || cell == CELL_DAYS_OVERDUE)
    {
      const char *classes[] = { css, NULL };
      gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  gtk_list_item_set_child (item, rct_text_cell_new ());
}

static void
cell_changed_cb (RctProblem *problem,
                 GParamSpec *pspec,
                 GtkListItem *item)
{
  fill_cell (RCT_TEXT_CELL (gtk_list_item_get_child (item)), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "rct-cell")),
             problem);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  RctProblem *problem = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "rct-cell", data);
  if (problem == NULL)
    return;
  fill_cell (RCT_TEXT_CELL (gtk_list_item_get_child (item)), GPOINTER_TO_INT (data), problem);
  g_signal_connect_object (problem, "notify", G_CALLBACK (cell_changed_cb), item, 0);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  RctProblem *problem = gtk_list_item_get_item (item);

  if (problem != NULL)
    g_signal_handlers_disconnect_by_func (problem, cell_changed_cb, item);
}

/* The columns of the template, in their order, get their cells here. */
static void
setup_cells (RctLedgerPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  g_assert (g_list_model_get_n_items (columns) == N_CELLS);
  for (guint i = 0; i < N_CELLS; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), NULL);
      gtk_column_view_column_set_factory (column, factory);
    }
}

/* Whether @filter hides any problem: a filter field or the search. */
static gboolean
filter_narrows (const RctFilter *filter)
{
  return filter->status != NULL || filter->unit != NULL || filter->source != NULL || filter->group != NULL ||
         filter->person != NULL || filter->overdue || filter->due_soon || filter->from != NULL ||
         filter->to != NULL || filter->search != NULL || filter->severity != NULL || filter->leader != NULL ||
         filter->listed;
}

/* ---- messages ---- */

static void
show_error (RctLedgerPage *self,
            const GError  *error)
{
  rct_problem_detail_set_message (self->detail, error->message, TRUE);
}

static void
show_info (RctLedgerPage *self,
           const char    *message)
{
  rct_problem_detail_set_message (self->detail, message, FALSE);
}

/* ---- selection and detail ---- */

static RctProblem *
dup_selected (RctLedgerPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL || self->store == NULL)
    return NULL;
  return rct_store_get (self->store, RCT_KIND_PROBLEM, rct_record_get_id (RCT_RECORD (item)), NULL);
}

static void
show_selected (RctLedgerPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = item != NULL ? rct_record_get_id (RCT_RECORD (item)) : 0;

  rct_problem_detail_show (self->detail, self->store, id, self->read_only);
  actions_update (self);
}

static void
selection_changed_cb (RctLedgerPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  self->selected_id = item != NULL ? rct_record_get_id (RCT_RECORD (item)) : 0;
  g_clear_handle_id (&self->save_retry, g_source_remove);
  rct_problem_detail_set_message (self->detail, NULL, FALSE);
  show_selected (self);
}

/* ---- rows a frame at a time ---- */

/* When a big list arrives at once (the ledger opened, a search cleared),
 * GTK 4.8 makes, binds and measures the widgets of the 200 rows it keeps
 * around the top in one go: with twelve cells a row, 2,600 widgets, the
 * longest stall of the window's start (docs/PERFORMANCE.md). The list is
 * shown through a slice that grows by a screenful each frame, up to the
 * rows GTK keeps, then shows the whole list. The page's first frame (the
 * window's, on opening: GL set up, its shaders compiled) has no rows yet:
 * they come from the next. */
#define ROWS_PER_FRAME  40
#define ROWS_GTK_KEEPS  200

static void
show_all_rows (RctLedgerPage *self)
{
  if (self->grow_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->grow_tick);
      self->grow_tick = 0;
    }
  if (self->head != NULL && gtk_slice_list_model_get_size (self->head) != G_MAXUINT)
    gtk_slice_list_model_set_size (self->head, G_MAXUINT);
}

static gboolean
grow_rows_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  RctLedgerPage *self = data;
  guint size = gtk_slice_list_model_get_size (self->head) + ROWS_PER_FRAME;

  if (!self->drawn)
    return G_SOURCE_CONTINUE;
  if (size < ROWS_GTK_KEEPS && size < g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    {
      gtk_slice_list_model_set_size (self->head, size);
      return G_SOURCE_CONTINUE;
    }
  self->grow_tick = 0;
  gtk_slice_list_model_set_size (self->head, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* Before a filter's answer is taken: the rows beyond those shown now
 * come a frame at a time (at once when the list is not on screen, as no
 * frame would come, but for a page not yet shown in its window). */
static void
show_rows_gradually (RctLedgerPage *self)
{
  guint shown;

  if (self->head == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->column_view)))
    {
      /* In a window but not yet on screen (the window's start shows the
       * page from its second frame): GTK would make the rows it keeps now,
       * all in one dispatch; none are made until the page is mapped, and
       * then they come a frame at a time (rct_ledger_page_map()). */
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (!self->drawn && root != NULL && gtk_widget_get_realized (GTK_WIDGET (root)))
        gtk_slice_list_model_set_size (self->head, 0);
      return;
    }
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->head));
  gtk_slice_list_model_set_size (self->head, shown);
  if (self->grow_tick == 0)
    self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view), grow_rows_cb, self, NULL);
}

/**
 * rct_ledger_page_is_growing:
 *
 * Whether the list still shows its rows a frame at a time (see
 * show_rows_gradually()).
 */
gboolean
rct_ledger_page_is_growing (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), FALSE);
  return self->grow_tick != 0;
}

/**
 * rct_ledger_page_get_n_shown:
 *
 * Returns: how many rows the list shows now: they come a frame at a time
 *   (show_rows_gradually()), none in the page's first frame
 */
guint
rct_ledger_page_get_n_shown (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), 0);
  return self->head != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->head)) : 0;
}

/* The list recycles its records (rct_record_list_set_recycle()): after
 * its rows changed, the record at the selected position may be another
 * problem. The selection follows the problem, or goes when it left. */
static void
keep_selection (RctLedgerPage *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->list != NULL && self->selected_id != 0)
    position = rct_record_list_find (self->list, self->selected_id);
  if (position == G_MAXUINT)
    position = GTK_INVALID_LIST_POSITION;
  else if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->head)))
    show_all_rows (self);
  if (position != selected)
    gtk_single_selection_set_selected (self->selection, position);
}

static void
actions_update (RctLedgerPage *self)
{
  g_autoptr(RctProblem) problem = dup_selected (self);
  gboolean writable = self->store != NULL && !self->read_only;
  RctWorkflowProblem state = { 0 };
  static const struct { const char *action; const char *ask; RctProblemAction workflow; } steps[] = {
    { "ledger.start", NULL, RCT_ACTION_START },
    { "ledger.submit", NULL, RCT_ACTION_SUBMIT },
    { "ledger.verify", "ledger.ask-verify", RCT_ACTION_VERIFY },
    { "ledger.reject", "ledger.ask-reject", RCT_ACTION_REJECT },
    { "ledger.reopen", "ledger.ask-reopen", RCT_ACTION_REOPEN },
    { "ledger.extend", "ledger.ask-extend", RCT_ACTION_EXTEND },
  };
  gboolean editable;

  if (problem != NULL)
    {
      state.status = problem->status;
      state.found_date = problem->found_date;
      state.deadline = problem->deadline;
      state.n_measures = problem->measure_count;
      state.n_open_measures = problem->open_measure_count;
    }
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gboolean allowed = writable && problem != NULL && rct_workflow_allows (&state, steps[i].workflow, NULL);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), steps[i].action, allowed);
      if (steps[i].ask != NULL)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), steps[i].ask, allowed);
    }
  /* Say why the next step is not open yet, in one sentence. */
  {
    g_autoptr(GError) why = NULL;
    RctProblemAction next = RCT_ACTION_START;

    if (problem != NULL && g_strcmp0 (problem->status, "rectifying") == 0)
      next = RCT_ACTION_SUBMIT;
    if (writable && problem != NULL && g_strcmp0 (problem->status, "rectifying") == 0 &&
        !rct_workflow_allows (&state, next, &why))
      rct_problem_detail_set_hint (self->detail, why->message);
    else
      rct_problem_detail_set_hint (self->detail, NULL);
  }
  editable = writable && problem != NULL && rct_workflow_is_editable (problem->status, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.save", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.add-measure", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.measure-done", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.attach-evidence", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.choose-evidence", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.open-evidence", problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.new-problem", writable);
  {
    gboolean open = problem != NULL && g_strcmp0 (problem->status, "closed") != 0;
    gboolean listed = problem != NULL && problem->listed_date != NULL && problem->listed_lifted == NULL;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.ask-list", writable && open && !listed);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.ask-lift", writable && listed);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.import-csv", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.import-csv-from", writable);
}

/* ---- the count and the filters ---- */

static void
add_part (GString    *parts,
          const char *name,
          const char *value)
{
  if (parts->len > 0)
    /* Translators: between the filters named in "No problem matches …" */
    g_string_append (parts, _("; "));
  if (value != NULL)
    /* Translators: a filter and its value, e.g. Status “Closed” */
    g_string_append_printf (parts, _("%s “%s”"), name, value);
  else
    g_string_append (parts, name);
}

/* An empty list says which filters hide what, with one button to clear
 * them, instead of a bare "0 problems". */
static void
update_empty (RctLedgerPage *self,
              guint          n)
{
  g_autoptr(GString) parts = g_string_new (NULL);
  g_autofree char *text = NULL;
  const RctFilter *filter = &self->filter;
  gint64 total;

  gtk_widget_set_visible (self->empty_box, self->list != NULL && n == 0);
  gtk_widget_set_visible (self->list_scroller, self->list == NULL || n > 0);
  if (self->list == NULL || n > 0)
    return;
  if (!filter_narrows (filter))
    {
      gtk_label_set_text (self->empty_label, _("No problems are registered yet. Register the first with New Problem."));
      gtk_widget_set_visible (self->empty_clear_button, FALSE);
      return;
    }
  if (filter->status != NULL)
    add_part (parts, _("Status"), rct_vocabulary_label (RCT_VOCAB_PROBLEM_STATUS, filter->status));
  if (filter->unit != NULL)
    add_part (parts, _("Unit"), filter->unit);
  if (filter->source != NULL)
    add_part (parts, _("Source"), rct_vocabulary_label (RCT_VOCAB_PROBLEM_SOURCE, filter->source));
  if (filter->group != NULL)
    add_part (parts, _("Working group"), filter->group);
  if (filter->person != NULL)
    add_part (parts, _("Responsible person"), filter->person);
  if (filter->overdue)
    add_part (parts, _("Overdue"), NULL);
  if (filter->due_soon)
    add_part (parts, _("Due soon"), NULL);
  if (filter->from != NULL)
    add_part (parts, _("Found from"), filter->from);
  if (filter->to != NULL)
    add_part (parts, _("Found to"), filter->to);
  if (filter->severity != NULL)
    add_part (parts, _("Severity"), rct_vocabulary_label (RCT_VOCAB_SEVERITY, filter->severity));
  if (filter->leader != NULL)
    add_part (parts, _("Responsible leader"), filter->leader);
  if (filter->listed)
    add_part (parts, _("Listed only"), NULL);
  if (filter->search != NULL)
    add_part (parts, _("Search"), filter->search);
  total = rct_store_count (self->store, RCT_KIND_PROBLEM, NULL, NULL);
  /* Translators: %1$s lists the filters, e.g. Status “Closed”; Search “流动人口”; %2$d counts the problems */
  text = g_strdup_printf (ngettext ("No problem matches %1$s. The ledger holds %2$d problem; clear the filters to see it.",
                                    "No problem matches %1$s. The ledger holds %2$d problems; clear the filters to see them.",
                                    (gulong) total), parts->str, (int) total);
  gtk_label_set_text (self->empty_label, text);
  gtk_widget_set_visible (self->empty_clear_button, TRUE);
}

static void
update_count (RctLedgerPage *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  g_free (self->count_text);
  self->count_text = g_strdup_printf (ngettext ("%u problem", "%u problems", n), n);
  gtk_label_set_text (self->count_label, self->count_text);
  update_empty (self, n);
}

static GtkStringList *
choices_model (const char  *all_label,
               GPtrArray   *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all_label);
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  return list;
}

static GPtrArray *
vocabulary_labels (RctVocabulary vocab)
{
  GPtrArray *labels = g_ptr_array_new ();
  const RctVocabularyEntry *entries;
  guint n;

  entries = rct_vocabulary_entries (vocab, &n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, (gpointer) rct_vocabulary_label (vocab, entries[i].key));
  return labels;
}

static void
reload_choices (RctLedgerPage *self)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GtkStringList) unit_model = NULL;
  g_autoptr(GtkStringList) group_model = NULL;

  g_ptr_array_set_size (self->unit_names, 0);
  g_ptr_array_set_size (self->group_names, 0);
  if (self->store != NULL)
    {
      units = rct_store_list (self->store, RCT_KIND_UNIT, NULL, NULL);
      groups = rct_store_list (self->store, RCT_KIND_WORKING_GROUP, NULL, NULL);
    }
  for (guint i = 0; units != NULL && i < units->len; i++)
    g_ptr_array_add (self->unit_names, g_strdup (RCT_UNIT (g_ptr_array_index (units, i))->name));
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    g_ptr_array_add (self->group_names, g_strdup (RCT_WORKING_GROUP (g_ptr_array_index (groups, i))->name));

  self->updating = TRUE;
  unit_model = choices_model (_("All units"), self->unit_names);
  group_model = choices_model (_("All groups"), self->group_names);
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (unit_model));
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (group_model));
  self->updating = FALSE;
}

static const char *
chosen_key (GtkDropDown   *dropdown,
            RctVocabulary  vocab)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const RctVocabularyEntry *entries;
  guint n;

  entries = rct_vocabulary_entries (vocab, &n);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > n)
    return NULL;
  return entries[selected - 1].key;
}

static const char *
chosen_name (GtkDropDown *dropdown,
             GPtrArray   *names)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > names->len)
    return NULL;
  return g_ptr_array_index (names, selected - 1);
}

static const char *
entry_text (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  return text != NULL && *text ? text : NULL;
}

/* The filters folded into More Filters that are set, counted on its
 * button so none is hidden from the list it narrows. */
static void
show_more_filters (RctLedgerPage *self)
{
  const RctFilter *f = &self->filter;
  const char *texts[] = { f->source, f->group, f->severity, f->person, f->leader, f->from, f->to };
  int n = f->listed ? 1 : 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    n += texts[i] != NULL && *texts[i] != '\0';

  /* Translators: the button of the less used filters; %d of them are set */
  label = n > 0 ? g_strdup_printf (_("More Filters (%d)"), n) : g_strdup (_("More Filters"));
  gtk_label_set_text (self->more_filters_label, label);
}

/* Reads the filter widgets into self->filter, keeping search and sort. */
static void
read_filter_widgets (RctLedgerPage *self)
{
  RctFilter filter = { 0 };

  filter.status = chosen_key (self->status_dropdown, RCT_VOCAB_PROBLEM_STATUS);
  filter.source = chosen_key (self->source_dropdown, RCT_VOCAB_PROBLEM_SOURCE);
  filter.unit = chosen_name (self->unit_dropdown, self->unit_names);
  filter.group = chosen_name (self->group_dropdown, self->group_names);
  filter.person = entry_text (self->person_entry);
  filter.overdue = gtk_toggle_button_get_active (self->overdue_button);
  filter.due_soon = gtk_toggle_button_get_active (self->due_soon_button);
  filter.listed = gtk_toggle_button_get_active (self->listed_button);
  filter.severity = chosen_key (self->severity_dropdown, RCT_VOCAB_SEVERITY);
  filter.leader = entry_text (self->leader_entry);
  filter.from = entry_text (self->from_entry);
  filter.to = entry_text (self->to_entry);
  filter.search = self->filter.search;
  filter.sort = self->filter.sort;
  filter.descending = self->filter.descending;
  rct_filter_copy_into (&self->filter, &filter);
  show_more_filters (self);
}

static void
select_in_dropdown (GtkDropDown *dropdown,
                    guint        position)
{
  gtk_drop_down_set_selected (dropdown, position);
}

static guint
position_of_key (RctVocabulary  vocab,
                 const char    *key)
{
  const RctVocabularyEntry *entries;
  guint n;

  entries = rct_vocabulary_entries (vocab, &n);
  for (guint i = 0; key != NULL && i < n; i++)
    if (g_str_equal (entries[i].key, key))
      return i + 1;
  return 0;
}

static guint
position_of_name (GPtrArray  *names,
                  const char *name)
{
  for (guint i = 0; name != NULL && i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return i + 1;
  return 0;
}

/* Shows self->filter in the widgets without running it once per widget. */
static void
write_filter_widgets (RctLedgerPage *self)
{
  self->updating = TRUE;
  select_in_dropdown (self->status_dropdown, position_of_key (RCT_VOCAB_PROBLEM_STATUS, self->filter.status));
  select_in_dropdown (self->source_dropdown, position_of_key (RCT_VOCAB_PROBLEM_SOURCE, self->filter.source));
  select_in_dropdown (self->unit_dropdown, position_of_name (self->unit_names, self->filter.unit));
  select_in_dropdown (self->group_dropdown, position_of_name (self->group_names, self->filter.group));
  gtk_editable_set_text (GTK_EDITABLE (self->person_entry), self->filter.person ? self->filter.person : "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), self->filter.from ? self->filter.from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), self->filter.to ? self->filter.to : "");
  gtk_toggle_button_set_active (self->overdue_button, self->filter.overdue);
  gtk_toggle_button_set_active (self->due_soon_button, self->filter.due_soon);
  gtk_toggle_button_set_active (self->listed_button, self->filter.listed);
  select_in_dropdown (self->severity_dropdown, position_of_key (RCT_VOCAB_SEVERITY, self->filter.severity));
  gtk_editable_set_text (GTK_EDITABLE (self->leader_entry), self->filter.leader ? self->filter.leader : "");
  show_more_filters (self);
  self->updating = FALSE;
}

static void
save_filter_settings (RctLedgerPage *self)
{
  GVariantBuilder builder;

  if (self->settings == NULL)
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
#define PUT(key, value) if ((value) != NULL) g_variant_builder_add (&builder, "{ss}", key, value)
  PUT ("status", self->filter.status);
  PUT ("unit", self->filter.unit);
  PUT ("source", self->filter.source);
  PUT ("group", self->filter.group);
  PUT ("person", self->filter.person);
  PUT ("from", self->filter.from);
  PUT ("to", self->filter.to);
  PUT ("sort", self->filter.sort);
  PUT ("severity", self->filter.severity);
  PUT ("leader", self->filter.leader);
  if (self->filter.listed)
    PUT ("listed", "1");
  if (self->filter.overdue)
    PUT ("overdue", "1");
  if (self->filter.due_soon)
    PUT ("due-soon", "1");
  if (self->filter.descending)
    PUT ("descending", "1");
#undef PUT
  g_settings_set_value (self->settings, "ledger-filter", g_variant_builder_end (&builder));
}

static gboolean
date_or_empty (const char *text)
{
  return text == NULL || rct_date_is_valid (text);
}

/* A ledger's filters and searches query in a thread (a third of a second
 * for a search of a million problems; on the window's own connection even
 * 10,000 problems stalled it 0.4-0.8 s under load): the list keeps its rows
 * and the window stays live until they arrive. A ledger of a few hundred
 * problems (the demo's) queries at once, as its tests expect. */
#define THREADED_ABOVE 1000

static void
filter_applied (RctLedgerPage *self)
{
  keep_selection (self);
  /* A new filter's rows from the top, as a new list would show them. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)), 0);
  update_count (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    rct_bench_mark (GTK_WIDGET (self), "rows");
}

static void
filter_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(RctLedgerPage) self = data;
  g_autoptr(GError) error = NULL;

  if (RCT_RECORD_LIST (source) == self->list)
    show_rows_gradually (self);
  if (!rct_record_list_set_filter_finish (RCT_RECORD_LIST (source), result, &error))
    {
      /* Cancelled: a newer filter is on its way, or the page went. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_object (&self->filter_cancellable);
          show_error (self, error);
        }
      return;
    }
  g_clear_object (&self->filter_cancellable);
  if (RCT_RECORD_LIST (source) == self->list)
    filter_applied (self);
}

static void
apply_filter (RctLedgerPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->list == NULL)
    return;
  if (!date_or_empty (self->filter.from) || !date_or_empty (self->filter.to))
    {
      rct_problem_detail_set_message (self->detail,
                                      _("Write the found dates as YYYY-MM-DD, for example 2021-04-30."), TRUE);
      return;
    }
  if (self->filter_cancellable != NULL)
    {
      g_cancellable_cancel (self->filter_cancellable);
      g_clear_object (&self->filter_cancellable);
    }
  save_filter_settings (self);
  if (self->threaded && !self->force_sync)
    {
      self->filter_cancellable = g_cancellable_new ();
      rct_record_list_set_filter_async (self->list, &self->filter, self->filter_cancellable, filter_done_cb,
                                        g_object_ref (self));
      return;
    }
  if (!rct_record_list_set_filter (self->list, &self->filter, &error))
    show_error (self, error);
  filter_applied (self);
}

static void
filter_changed_cb (RctLedgerPage *self)
{
  if (self->updating)
    return;
  read_filter_widgets (self);
  apply_filter (self);
}

static void
filter_entry_activate_cb (RctLedgerPage *self)
{
  filter_changed_cb (self);
}

/* ---- sorting in SQL ---- */

/* GTK 4.8 has no public way to ask the column view which column it sorts
 * by. Each column's sorter notes when it is asked first and says "smaller";
 * comparing two items through the view's sorter then names the primary
 * column, and an inverted answer means descending. */
static const char *asked_first;

static int
note_column_cb (gconstpointer a,
                gconstpointer b,
                gpointer      key)
{
  if (asked_first == NULL)
    asked_first = key;
  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   RctLedgerPage   *self)
{
  const char *key = NULL;
  gboolean descending = FALSE;

#if GTK_CHECK_VERSION (4, 10, 0)
  GtkColumnViewColumn *column = gtk_column_view_sorter_get_primary_sort_column (GTK_COLUMN_VIEW_SORTER (sorter));

  if (column != NULL)
    {
      key = g_object_get_data (G_OBJECT (column), "rct-sort-key");
      descending = gtk_column_view_sorter_get_primary_sort_order (GTK_COLUMN_VIEW_SORTER (sorter)) ==
                   GTK_SORT_DESCENDING;
    }
#else
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  asked_first = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  key = asked_first;
  descending = order == GTK_ORDERING_LARGER;
#endif

  g_free ((char *) self->filter.sort);
  self->filter.sort = g_strdup (key);
  self->filter.descending = descending;
  apply_filter (self);
}

static void
setup_sorters (RctLedgerPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns) && i < G_N_ELEMENTS (sort_keys); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (note_column_cb, (gpointer) sort_keys[i], NULL));

      g_object_set_data (G_OBJECT (column), "rct-sort-key", (gpointer) sort_keys[i]);
      gtk_column_view_column_set_sorter (column, sorter);
    }
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed",
                    G_CALLBACK (sorter_changed_cb), self);
}

/* ---- actions ---- */

/* Runs a workflow step on the selected problem; on refusal @error says why
 * and the detail pane shows the problem as it is. */
static gboolean
act_or_fail (RctLedgerPage          *self,
             RctProblemAction        action,
             const RctWorkflowInput *input,
             GError                **error)
{
  g_autoptr(RctProblem) problem = dup_selected (self);
  gboolean ok;

  if (problem == NULL)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_NOT_FOUND, _("Choose a problem in the list first."));
      return FALSE;
    }
  /* The step is for the problem as the clerk saw it in the form. */
  {
    RctWorkflowInput seen = { NULL };

    if (input != NULL)
      seen = *input;
    if (rct_problem_detail_get_problem_id (self->detail) == rct_record_get_id (RCT_RECORD (problem)))
      seen.seen_revision = rct_problem_detail_get_revision (self->detail);
    ok = rct_store_problem_act (self->store, rct_record_get_id (RCT_RECORD (problem)), action, &seen, error);
  }
  show_selected (self);
  return ok;
}

static gboolean
act (RctLedgerPage          *self,
     RctProblemAction        action,
     const RctWorkflowInput *input)
{
  g_autoptr(GError) error = NULL;

  if (!act_or_fail (self, action, input, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
start_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  if (act (RCT_LEDGER_PAGE (widget), RCT_ACTION_START, NULL))
    show_info (RCT_LEDGER_PAGE (widget), _("Rectification started."));
}

static void
submit_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  if (act (RCT_LEDGER_PAGE (widget), RCT_ACTION_SUBMIT, NULL))
    show_info (RCT_LEDGER_PAGE (widget), _("Submitted for verification."));
}

static void
verify_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RctWorkflowInput input = { 0 };

  g_variant_get (parameter, "(&s&s)", &input.verifier, &input.verification);
  if (act (RCT_LEDGER_PAGE (widget), RCT_ACTION_VERIFY, &input))
    show_info (RCT_LEDGER_PAGE (widget), _("Verified and closed."));
}

static void
reject_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RctWorkflowInput input = { 0 };

  input.reason = g_variant_get_string (parameter, NULL);
  if (act (RCT_LEDGER_PAGE (widget), RCT_ACTION_REJECT, &input))
    show_info (RCT_LEDGER_PAGE (widget), _("Sent back for more rectification."));
}

static void
reopen_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RctWorkflowInput input = { 0 };

  input.reason = g_variant_get_string (parameter, NULL);
  if (act (RCT_LEDGER_PAGE (widget), RCT_ACTION_REOPEN, &input))
    show_info (RCT_LEDGER_PAGE (widget), _("Reopened."));
}

static void
extend_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RctWorkflowInput input = { 0 };

  g_variant_get (parameter, "(&s&s)", &input.new_deadline, &input.reason);
  if (act (RCT_LEDGER_PAGE (widget), RCT_ACTION_EXTEND, &input))
    show_info (RCT_LEDGER_PAGE (widget), _("Deadline extended."));
}

/* The asking windows stay open on a refusal, with what was typed and the
 * reason beneath it, as New Problem does. */
static gboolean
verify_done_cb (GtkWidget          *owner,
                const char * const *values,
                gpointer            user_data,
                char              **message)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (owner);
  RctWorkflowInput input = { 0 };
  g_autoptr(GError) error = NULL;

  input.verifier = values[0];
  input.verification = values[1];
  if (!act_or_fail (self, RCT_ACTION_VERIFY, &input, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  show_info (self, _("Verified and closed."));
  return TRUE;
}

static gboolean
reason_done_cb (GtkWidget          *owner,
                const char * const *values,
                gpointer            user_data,
                char              **message)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (owner);
  gboolean reopen = g_str_equal (user_data, "ledger.reopen");
  RctWorkflowInput input = { 0 };
  g_autoptr(GError) error = NULL;

  input.reason = values[0];
  if (!act_or_fail (self, reopen ? RCT_ACTION_REOPEN : RCT_ACTION_REJECT, &input, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  show_info (self, reopen ? _("Reopened.") : _("Sent back for more rectification."));
  return TRUE;
}

static gboolean
extend_done_cb (GtkWidget          *owner,
                const char * const *values,
                gpointer            user_data,
                char              **message)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (owner);
  RctWorkflowInput input = { 0 };
  g_autoptr(GError) error = NULL;

  input.new_deadline = values[0];
  input.reason = values[1];
  if (!act_or_fail (self, RCT_ACTION_EXTEND, &input, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  show_info (self, _("Deadline extended."));
  return TRUE;
}

static void
ask_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  g_autoptr(RctProblem) problem = dup_selected (self);
  g_autofree char *later = NULL;

  if (problem == NULL)
    return;
  if (g_str_equal (action_name, "ledger.ask-verify"))
    {
      RctInputField fields[] = {
        { _("_Verified by"), RCT_INPUT_TEXT, NULL, NULL },
        { _("_How it was verified"), RCT_INPUT_LONG_TEXT, NULL, NULL },
      };
      rct_input_dialog_ask (widget, _("Verify and Close"),
                            _("Say who verified the rectification and how; the problem is then closed (销号)."),
                            _("_Close the Problem"), fields, G_N_ELEMENTS (fields), verify_done_cb, NULL);
    }
  else if (g_str_equal (action_name, "ledger.ask-reject"))
    {
      RctInputField fields[] = { { _("_Reason"), RCT_INPUT_LONG_TEXT, NULL, NULL } };
      rct_input_dialog_ask (widget, _("Reject"), _("Why is the rectification not accepted?"), _("_Reject"),
                            fields, G_N_ELEMENTS (fields), reason_done_cb, (gpointer) "ledger.reject");
    }
  else if (g_str_equal (action_name, "ledger.ask-reopen"))
    {
      RctInputField fields[] = { { _("_Reason"), RCT_INPUT_LONG_TEXT, NULL, NULL } };
      rct_input_dialog_ask (widget, _("Reopen"), _("Why is this closed problem reopened?"), _("_Reopen"),
                            fields, G_N_ELEMENTS (fields), reason_done_cb, (gpointer) "ledger.reopen");
    }
  else
    {
      later = rct_date_add_days (problem->deadline, 14);
      {
        RctInputField fields[] = {
          { _("_New deadline"), RCT_INPUT_DATE, later, NULL },
          { _("_Reason"), RCT_INPUT_LONG_TEXT, NULL, NULL },
        };
        rct_input_dialog_ask (widget, _("Extend the Deadline"),
                              _("An extension (延期) is kept in the ledger with its reason."), _("_Extend"),
                              fields, G_N_ELEMENTS (fields), extend_done_cb, NULL);
      }
    }
}

/* 挂牌督办: the level is free text, with the usual levels offered. */
static gboolean
list_done_cb (GtkWidget          *owner,
              const char * const *values,
              gpointer            user_data,
              char              **message)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (owner);
  g_autoptr(GError) error = NULL;
  gint64 id = rct_problem_detail_get_problem_id (self->detail);

  if (id == 0 || !rct_store_problem_list_for_supervision (self->store, id, values[0], values[2], values[1], &error))
    {
      *message = g_strdup (error != NULL ? error->message : _("Select a problem first."));
      return FALSE;
    }
  show_selected (self);
  show_info (self, _("Listed for supervision."));
  return TRUE;
}

static gboolean
lift_done_cb (GtkWidget          *owner,
              const char * const *values,
              gpointer            user_data,
              char              **message)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (owner);
  g_autoptr(GError) error = NULL;
  gint64 id = rct_problem_detail_get_problem_id (self->detail);

  if (id == 0 || !rct_store_problem_lift_listing (self->store, id, values[0], &error))
    {
      *message = g_strdup (error != NULL ? error->message : _("Select a problem first."));
      return FALSE;
    }
  show_selected (self);
  show_info (self, _("Listing lifted."));
  return TRUE;
}

static void
ask_listing_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  g_autoptr(RctProblem) problem = dup_selected (self);
  g_autofree char *today = rct_clock_today ();
  static const char *levels[] = { "县局", "市局", "省厅", NULL };

  if (problem == NULL)
    return;
  if (g_str_equal (action_name, "ledger.ask-list"))
    {
      g_autoptr(GPtrArray) campaigns = rct_store_list (self->store, RCT_KIND_CAMPAIGN, NULL, NULL);
      const char *leader = NULL;

      if (campaigns != NULL && campaigns->len > 0)
        leader = RCT_CAMPAIGN (g_ptr_array_index (campaigns, 0))->leader;
      {
        RctInputField fields[] = {
          { _("_Level"), RCT_INPUT_SUGGEST, NULL, levels },
          { _("_Date listed"), RCT_INPUT_DATE, today, NULL },
          { _("Listed _by"), RCT_INPUT_TEXT, leader, NULL },
        };
        rct_input_dialog_ask (widget, _("List for Supervision"),
                              _("A listed problem (挂牌督办) is followed by the level that listed it until it is closed, "
                                "which lifts the listing."),
                              _("_List"), fields, G_N_ELEMENTS (fields), list_done_cb, NULL);
      }
    }
  else
    {
      RctInputField fields[] = { { _("_Reason"), RCT_INPUT_LONG_TEXT, NULL, NULL } };
      rct_input_dialog_ask (widget, _("Lift Listing"),
                            _("Closing the problem lifts its listing by itself; say why it is lifted before that."),
                            _("_Lift"), fields, G_N_ELEMENTS (fields), lift_done_cb, NULL);
    }
}

/* How often a save the server's lost connection stopped is tried again. */
#define SAVE_RETRY_SECONDS 5

static gboolean save_retry_cb (gpointer data);

/* Saves the detail's fields while the problem still has the revision the
 * form shows. Another clerk's save since: the form keeps this clerk's
 * edit, shows theirs and lets them choose (rct_problem_detail_show_conflict).
 * The server gone: the edit stays in the form and is saved again every
 * few seconds until the server is back. */
static void
save_detail (RctLedgerPage *self)
{
  g_autoptr(GHashTable) values = rct_problem_detail_collect (self->detail);
  g_autoptr(GError) error = NULL;
  g_autoptr(RctRecord) current = NULL;
  gint64 id = rct_problem_detail_get_problem_id (self->detail);

  g_clear_handle_id (&self->save_retry, g_source_remove);
  if (id == 0)
    return;
  if (g_hash_table_size (values) == 0)
    {
      show_info (self, _("Nothing was changed."));
      return;
    }
  if (!rct_store_update_at (self->store, RCT_KIND_PROBLEM, id, rct_problem_detail_get_revision (self->detail),
                            values, NULL, &current, &error))
    {
      if (g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONFLICT) && current != NULL)
        rct_problem_detail_show_conflict (self->detail, RCT_PROBLEM (current), error->message);
      else if (g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_CONNECTION_LOST))
        {
          rct_problem_detail_set_message (self->detail,
                                          _("The connection to the server was lost; your edit is kept in the form "
                                            "and will be saved when the server is back."), TRUE);
          self->save_retry = g_timeout_add_seconds (SAVE_RETRY_SECONDS, save_retry_cb, self);
        }
      else
        show_error (self, error);
      return;
    }
  show_selected (self);
  show_info (self, _("Saved."));
}

static gboolean
save_retry_cb (gpointer data)
{
  RctLedgerPage *self = data;

  self->save_retry = 0;
  save_detail (self);
  return G_SOURCE_REMOVE;
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  save_detail (RCT_LEDGER_PAGE (widget));
}

/* After a conflict: the clerk drops their edit and sees the problem as
 * the other left it. */
static void
discard_edit_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);

  g_clear_handle_id (&self->save_retry, g_source_remove);
  rct_problem_detail_set_message (self->detail, NULL, FALSE);
  show_selected (self);
}

static void
add_measure_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem_id = NULL;
  const char *text, *owner, *deadline;
  gint64 id = rct_problem_detail_get_problem_id (self->detail);

  if (id == 0)
    return;
  g_variant_get (parameter, "(&s&s&s)", &text, &owner, &deadline);
  problem_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!rct_store_create_va (self->store, RCT_KIND_MEASURE, NULL, &error, "problem_id", problem_id, "text", text,
                            "owner", owner, "deadline", deadline, NULL))
    {
      show_error (self, error);
      return;
    }
  show_selected (self);
  show_info (self, _("Measure added."));
}

static void
measure_done_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!rct_store_measure_done (self->store, g_variant_get_int64 (parameter), NULL, &error))
    {
      show_error (self, error);
      return;
    }
  show_selected (self);
}

static void
attach_evidence_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (file);
  gint64 id = rct_problem_detail_get_problem_id (self->detail);

  if (id == 0)
    return;
  /* Refuse a file over the limit before reading it into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && g_file_info_get_size (info) > RCT_STORE_MAX_EVIDENCE_BYTES)
    {
      g_autofree char *limit = g_format_size (RCT_STORE_MAX_EVIDENCE_BYTES);
      g_autofree char *actual = g_format_size (g_file_info_get_size (info));
      g_autofree char *message = g_strdup_printf (_("The file is too large to keep in the ledger (%s; the limit is %s); "
                                                    "attach a smaller scan or an extract."), actual, limit);
      rct_problem_detail_set_message (self->detail, message, TRUE);
      return;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL || !rct_store_attach_evidence (self->store, id, name, bytes, NULL, &error))
    {
      show_error (self, error);
      return;
    }
  show_selected (self);
  show_info (self, _("File attached."));
}

static void
evidence_chosen_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RctLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rct_file_chooser_choose_finish (result, &error);
  g_autofree char *path = NULL;

  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "ledger.attach-evidence", "s", path);
}

/* The folder a file dialog shows first: the open ledger's. */
static char *
ledger_folder (RctLedgerPage *self)
{
  return self->store != NULL ? rct_store_dup_folder (self->store) : NULL;
}

static void
choose_evidence_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *folder = ledger_folder (RCT_LEDGER_PAGE (widget));

  rct_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, RCT_FILE_CHOOSER_OPEN,
                                 RCT_FILE_KIND_ANY, _("Attach Evidence"), _("_Attach"), NULL, folder, NULL,
                                 evidence_chosen_cb, g_object_ref (widget));
}

static void
open_evidence_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "rectify", "evidence", NULL);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  /* The viewer needs a file: a private copy in the cache folder, under
   * the row's id, its name checked (a ledger may come from anyone). */
  path = rct_store_write_evidence_copy (self->store, g_variant_get_int64 (parameter), folder, &error);
  if (path == NULL)
    {
      show_error (self, error);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static gboolean
new_problem_done_cb (GtkWidget          *owner,
                     const char * const *values,
                     gpointer            user_data,
                     char              **message)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (owner);
  g_autoptr(GError) error = NULL;
  const char *source = rct_vocabulary_find_key (RCT_VOCAB_PROBLEM_SOURCE, values[2]);
  const char *group = g_strcmp0 (values[6], _("(none)")) == 0 ? NULL : values[6];
  const char *severity = rct_vocabulary_find_key (RCT_VOCAB_SEVERITY, values[9]);
  gint64 id = 0;

  if (!rct_store_create_va (self->store, RCT_KIND_PROBLEM, &id, &error,
                            "number", values[0], "description", values[1], "source", source, "unit", values[3],
                            "found_date", values[4], "deadline", values[5], "group", group,
                            "responsible", values[7], "category", values[8], "severity", severity, NULL))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  {
    gboolean had_filters = filter_narrows (&self->filter);

    rct_ledger_page_select_problem (self, id);
    if (had_filters && !filter_narrows (&self->filter))
      show_info (self, _("Problem registered. The filters and the search are cleared to show it."));
    else
      show_info (self, _("Problem registered."));
  }
  return TRUE;
}

static void
new_problem_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  g_autofree char *today = rct_clock_today ();
  g_autofree char *year = g_strndup (today, 4);
  g_autofree char *number = rct_store_next_problem_number (self->store, year);
  g_autofree char *deadline = rct_date_add_days (today, 30);
  g_autoptr(GPtrArray) sources = vocabulary_labels (RCT_VOCAB_PROBLEM_SOURCE);
  g_autoptr(GPtrArray) severities = vocabulary_labels (RCT_VOCAB_SEVERITY);
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GPtrArray) active_units = NULL;
  RctFilter active = { .status = "active" };

  g_ptr_array_add (sources, NULL);
  g_ptr_array_add (severities, NULL);
  /* A retired unit keeps its problems but takes no new ones. */
  active_units = rct_store_list (self->store, RCT_KIND_UNIT, &active, NULL);
  for (guint i = 0; active_units != NULL && i < active_units->len; i++)
    g_ptr_array_add (units, RCT_UNIT (g_ptr_array_index (active_units, i))->name);
  g_ptr_array_add (units, NULL);
  g_ptr_array_add (groups, (gpointer) _("(none)"));
  for (guint i = 0; i < self->group_names->len; i++)
    g_ptr_array_add (groups, g_ptr_array_index (self->group_names, i));
  g_ptr_array_add (groups, NULL);

  {
    RctInputField fields[] = {
      { _("_Number"), RCT_INPUT_TEXT, number, NULL },
      { _("_Description"), RCT_INPUT_LONG_TEXT, NULL, NULL },
      { _("_Source"), RCT_INPUT_CHOICE, NULL, (const char * const *) sources->pdata },
      { _("_Unit"), RCT_INPUT_CHOICE, NULL, (const char * const *) units->pdata },
      { _("_Found"), RCT_INPUT_DATE, today, NULL },
      { _("_Deadline"), RCT_INPUT_DATE, deadline, NULL },
      { _("_Working group"), RCT_INPUT_CHOICE, NULL, (const char * const *) groups->pdata },
      { _("_Responsible"), RCT_INPUT_TEXT, NULL, NULL },
      { _("_Category"), RCT_INPUT_TEXT, NULL, NULL },
      { _("Se_verity"), RCT_INPUT_CHOICE, NULL, (const char * const *) severities->pdata },
    };

    if (units->len == 1)
      {
        rct_problem_detail_set_message (self->detail, _("Add the units on the Set-up page (Alt+6) before registering problems."),
                                        TRUE);
        return;
      }
    rct_input_dialog_ask (widget, _("New Problem"), NULL, _("_Register"), fields, G_N_ELEMENTS (fields),
                          new_problem_done_cb, NULL);
  }
}

/* ---- spreadsheets ---- */

static void
set_export_enabled (RctLedgerPage *self,
                    gboolean       enabled)
{
  static const char *actions[] = { "ledger.export-csv", "ledger.export-xlsx",
                                   "ledger.export-csv-to", "ledger.export-xlsx-to" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RctLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (self->export_cancellable), "rct-export-path"));
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean ok = rct_list_export_finish (result, &error);

  g_clear_object (&self->export_cancellable);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->detail == NULL)
    return;  /* the page is going away */
  set_export_enabled (self, TRUE);
  if (!ok)
    {
      show_error (self, error);
      return;
    }
  name = g_filename_display_basename (path);
  /* Translators: %u problems were written to the file %s */
  message = g_strdup_printf (ngettext ("%u problem written to %s.", "%u problems written to %s.",
                                       self->export_count), self->export_count, name);
  show_info (self, message);
}

/* For scripts and tests: the list as it is filtered, as CSV or XLSX,
 * written in a thread; the export actions wait for it. */
static void
export_list_to_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);

  if (self->export_cancellable != NULL || self->store == NULL)
    return;
  self->export_cancellable = g_cancellable_new ();
  self->export_count = rct_ledger_page_get_count (self);
  g_object_set_data_full (G_OBJECT (self->export_cancellable), "rct-export-path", g_strdup (path), g_free);
  set_export_enabled (self, FALSE);
  show_info (self, _("Writing the list…"));
  rct_list_export_async (rct_store_get_path (self->store), RCT_KIND_PROBLEM, &self->filter, path,
                         g_str_equal (action_name, "ledger.export-xlsx-to"), self->export_cancellable,
                         export_done_cb, g_object_ref (self));
}

/**
 * rct_ledger_page_is_exporting:
 *
 * Returns: whether an export of the list is being written
 */
gboolean
rct_ledger_page_is_exporting (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), FALSE);
  return self->export_cancellable != NULL;
}

/**
 * rct_ledger_page_is_filtering:
 *
 * Returns: whether the list's query runs in its thread
 */
gboolean
rct_ledger_page_is_filtering (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), FALSE);
  return self->filter_cancellable != NULL;
}

/**
 * rct_ledger_page_set_threaded_above:
 * @problems: ledgers of more problems than this query in a thread
 *
 * For tests and benchmarks; 1,000 by default. Takes effect at the next
 * rct_ledger_page_set_store().
 */
void
rct_ledger_page_set_threaded_above (RctLedgerPage *self,
                                    guint          problems)
{
  g_return_if_fail (RCT_IS_LEDGER_PAGE (self));
  self->threaded_above = problems;
}

static void
export_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RctLedgerPage) self = user_data;
  g_autoptr(GFile) file = rct_file_chooser_choose_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), g_str_has_suffix (path, ".xlsx") ? "ledger.export-xlsx-to"
                                : "ledger.export-csv-to", "s", path);
}

static void
export_list_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean xlsx = g_str_equal (action_name, "ledger.export-xlsx");
  g_autofree char *today = rct_clock_today ();
  /* Translators: the suggested file name of the exported ledger; %s is a date */
  g_autofree char *name = g_strdup_printf (xlsx ? _("Rectification ledger %s.xlsx") : _("Rectification ledger %s.csv"),
                                           today);
  g_autofree char *folder = ledger_folder (RCT_LEDGER_PAGE (widget));

  rct_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, RCT_FILE_CHOOSER_SAVE,
                                 xlsx ? RCT_FILE_KIND_XLSX : RCT_FILE_KIND_CSV,
                                 xlsx ? _("Export as Excel Workbook") : _("Export as CSV"), _("_Export"), name,
                                 folder, NULL, export_chosen_cb, g_object_ref (widget));
}

/* For scripts and tests: the import window for this CSV file. */
static void
import_csv_from_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  RctCsvImportDialog *dialog;

  dialog = rct_csv_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->settings,
                                      g_variant_get_string (parameter, NULL), &error);
  if (dialog == NULL)
    {
      show_error (self, error);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RctLedgerPage) self = user_data;
  g_autoptr(GFile) file = rct_file_chooser_choose_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "ledger.import-csv-from", "s", path);
}

static void
import_csv_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *folder = ledger_folder (RCT_LEDGER_PAGE (widget));

  rct_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, RCT_FILE_CHOOSER_OPEN,
                                 RCT_FILE_KIND_CSV, _("Import Problems from a Spreadsheet (CSV)"), _("_Open"), NULL,
                                 folder, NULL, import_chosen_cb, g_object_ref (widget));
}

static void
clear_filters_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  RctFilter empty = { 0 };

  empty.search = self->filter.search;
  empty.sort = self->filter.sort;
  empty.descending = self->filter.descending;
  rct_ledger_page_set_filter (self, &empty);
}

static void
clear_all_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  gboolean searching = self->filter.search != NULL;

  gtk_widget_activate_action (widget, "ledger.clear-filters", NULL);
  if (searching)
    {
      rct_ledger_page_set_search (self, NULL);
      g_signal_emit (self, signals[SEARCH_CLEARED], 0);
    }
}

/* ---- the store ---- */

static void
store_changed_cb (RctStore      *store,
                  int            kind,
                  RctLedgerPage *self)
{
  if (kind == RCT_KIND_UNIT || kind == RCT_KIND_WORKING_GROUP)
    {
      reload_choices (self);
      write_filter_widgets (self);
    }
  /* The list, connected first, has read its rows again. */
  if (kind == RCT_KIND_PROBLEM || kind == RCT_KIND_MEASURE)
    keep_selection (self);
  if (kind == RCT_KIND_PROBLEM)
    update_count (self);
}

/* ---- narrow windows ---- */

/* Below this width the list and the detail pane side by side would leave
 * the list too narrow for number, description, unit, deadline and status:
 * the detail pane moves below the list. */
#define SIDE_BY_SIDE_WIDTH 1020

static gboolean
apply_layout_cb (gpointer user_data)
{
  RctLedgerPage *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  self->layout_idle = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_size_request (GTK_WIDGET (self->detail), self->narrow ? -1 : 380, self->narrow ? 200 : -1);
  gtk_paned_set_position (self->paned, self->narrow ? height * 2 / 3 : MAX (width - 400, 680));
  return G_SOURCE_REMOVE;
}

/* The page is its paned, measured and allocated by hand (a layout manager
 * would leave size_allocate uncalled). */
static void
rct_ledger_page_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (RCT_LEDGER_PAGE (widget)->paned), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
rct_ledger_page_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (GTK_WIDGET (RCT_LEDGER_PAGE (widget)->paned));
}

static void
rct_ledger_page_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RCT_LEDGER_PAGE (widget)->drawn = TRUE;
  GTK_WIDGET_CLASS (rct_ledger_page_parent_class)->snapshot (widget, snapshot);
}

/* Rows that arrived before the page was first on screen (a ledger's
 * query can end before the window's first frames) come a frame at a time
 * too: all at once, the 200 rows GTK keeps were made in one frame, 85-95 ms
 * of CPU at 10,000 and 100,000 problems (docs/PERFORMANCE.md). */
static void
rct_ledger_page_map (GtkWidget *widget)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);

  GTK_WIDGET_CLASS (rct_ledger_page_parent_class)->map (widget);
  /* Held back while the page waited (show_rows_gradually()), or many. */
  if (!self->drawn && self->head != NULL && self->grow_tick == 0 &&
      (gtk_slice_list_model_get_size (self->head) != G_MAXUINT ||
       g_list_model_get_n_items (G_LIST_MODEL (self->list)) > ROWS_PER_FRAME))
    {
      gtk_slice_list_model_set_size (self->head, 0);
      self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view), grow_rows_cb, self, NULL);
    }
}

static void
rct_ledger_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (widget);
  gboolean narrow = width < SIDE_BY_SIDE_WIDTH;

  gtk_widget_allocate (GTK_WIDGET (self->paned), width, height, baseline, NULL);
  /* Changing the layout while it is being allocated would allocate again
   * from inside; it is done right after. */
  if (narrow != self->narrow && self->layout_idle == 0)
    {
      self->narrow = narrow;
      self->layout_idle = g_idle_add_full (G_PRIORITY_DEFAULT, apply_layout_cb, self, NULL);
    }
}

/* ---- GObject ---- */

static void
rct_ledger_page_dispose (GObject *object)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_handle_id (&self->layout_idle, g_source_remove);
  g_clear_handle_id (&self->save_retry, g_source_remove);
  show_all_rows (self);
  /* Nothing may call back into a page that is going away. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->status_dropdown != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->status_dropdown, self);
      g_signal_handlers_disconnect_by_data (self->source_dropdown, self);
      g_signal_handlers_disconnect_by_data (self->unit_dropdown, self);
      g_signal_handlers_disconnect_by_data (self->group_dropdown, self);
      g_signal_handlers_disconnect_by_data (self->severity_dropdown, self);
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
    }
  self->updating = TRUE;
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->filter_cancellable != NULL)
    g_cancellable_cancel (self->filter_cancellable);
  g_clear_object (&self->filter_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RCT_TYPE_LEDGER_PAGE);
  g_clear_object (&self->head);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rct_ledger_page_parent_class)->dispose (object);
}

static void
rct_ledger_page_finalize (GObject *object)
{
  RctLedgerPage *self = RCT_LEDGER_PAGE (object);

  rct_filter_clear (&self->filter);
  g_ptr_array_unref (self->unit_names);
  g_ptr_array_unref (self->group_names);
  g_free (self->count_text);
  G_OBJECT_CLASS (rct_ledger_page_parent_class)->finalize (object);
}

static void
rct_ledger_page_class_init (RctLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_ledger_page_dispose;
  object_class->finalize = rct_ledger_page_finalize;
  widget_class->measure = rct_ledger_page_measure;
  widget_class->get_request_mode = rct_ledger_page_get_request_mode;
  widget_class->size_allocate = rct_ledger_page_size_allocate;
  widget_class->snapshot = rct_ledger_page_snapshot;
  widget_class->map = rct_ledger_page_map;

  /* Referencing the resource keeps it in the static library's link. */
  (void) rct_ui_get_resource ();
  g_type_ensure (RCT_TYPE_PROBLEM);
  g_type_ensure (RCT_TYPE_PROBLEM_DETAIL);
  /**
   * RctLedgerPage::search-cleared:
   *
   * The page dropped its search to show a problem the search hid; the
   * window empties its search entry.
   */
  signals[SEARCH_CLEARED] = g_signal_new ("search-cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-ledger-page.ui");

  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, paned);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, person_entry);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, due_soon_button);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, listed_button);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, leader_entry);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, more_filters_label);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, empty_box);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, empty_clear_button);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, selection);
  gtk_widget_class_bind_template_child (widget_class, RctLedgerPage, detail);

  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "ledger.new-problem", NULL, new_problem_cb);
  gtk_widget_class_install_action (widget_class, "ledger.clear-filters", NULL, clear_filters_cb);
  gtk_widget_class_install_action (widget_class, "ledger.clear-all", NULL, clear_all_cb);
  gtk_widget_class_install_action (widget_class, "ledger.export-csv", NULL, export_list_cb);
  gtk_widget_class_install_action (widget_class, "ledger.export-xlsx", NULL, export_list_cb);
  gtk_widget_class_install_action (widget_class, "ledger.export-csv-to", "s", export_list_to_cb);
  gtk_widget_class_install_action (widget_class, "ledger.export-xlsx-to", "s", export_list_to_cb);
  gtk_widget_class_install_action (widget_class, "ledger.import-csv", NULL, import_csv_cb);
  gtk_widget_class_install_action (widget_class, "ledger.import-csv-from", "s", import_csv_from_cb);
  gtk_widget_class_install_action (widget_class, "ledger.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "ledger.discard-edit", NULL, discard_edit_cb);
  gtk_widget_class_install_action (widget_class, "ledger.start", NULL, start_cb);
  gtk_widget_class_install_action (widget_class, "ledger.submit", NULL, submit_cb);
  gtk_widget_class_install_action (widget_class, "ledger.verify", "(ss)", verify_cb);
  gtk_widget_class_install_action (widget_class, "ledger.reject", "s", reject_cb);
  gtk_widget_class_install_action (widget_class, "ledger.reopen", "s", reopen_cb);
  gtk_widget_class_install_action (widget_class, "ledger.extend", "(ss)", extend_cb);
  gtk_widget_class_install_action (widget_class, "ledger.ask-verify", NULL, ask_cb);
  gtk_widget_class_install_action (widget_class, "ledger.ask-reject", NULL, ask_cb);
  gtk_widget_class_install_action (widget_class, "ledger.ask-reopen", NULL, ask_cb);
  gtk_widget_class_install_action (widget_class, "ledger.ask-extend", NULL, ask_cb);
  gtk_widget_class_install_action (widget_class, "ledger.ask-list", NULL, ask_listing_cb);
  gtk_widget_class_install_action (widget_class, "ledger.ask-lift", NULL, ask_listing_cb);
  gtk_widget_class_install_action (widget_class, "ledger.add-measure", "(sss)", add_measure_cb);
  gtk_widget_class_install_action (widget_class, "ledger.measure-done", "x", measure_done_cb);
  gtk_widget_class_install_action (widget_class, "ledger.attach-evidence", "s", attach_evidence_cb);
  gtk_widget_class_install_action (widget_class, "ledger.choose-evidence", NULL, choose_evidence_cb);
  gtk_widget_class_install_action (widget_class, "ledger.open-evidence", "x", open_evidence_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "ledger.new-problem", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "ledger.save", NULL);
}

static void
rct_ledger_page_init (RctLedgerPage *self)
{
  g_autoptr(GPtrArray) statuses = vocabulary_labels (RCT_VOCAB_PROBLEM_STATUS);
  g_autoptr(GPtrArray) sources = vocabulary_labels (RCT_VOCAB_PROBLEM_SOURCE);
  g_autoptr(GtkStringList) status_model = NULL;
  g_autoptr(GtkStringList) source_model = NULL;
  g_autoptr(GPtrArray) severities = vocabulary_labels (RCT_VOCAB_SEVERITY);
  g_autoptr(GtkStringList) severity_model = NULL;

  self->threaded_above = THREADED_ABOVE;
  self->unit_names = g_ptr_array_new_with_free_func (g_free);
  self->group_names = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  status_model = choices_model (_("All statuses"), statuses);
  source_model = choices_model (_("All sources"), sources);
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (status_model));
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (source_model));
  severity_model = choices_model (_("All severities"), severities);
  gtk_drop_down_set_model (self->severity_dropdown, G_LIST_MODEL (severity_model));
  reload_choices (self);
  g_signal_connect_swapped (self->severity_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->source_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->unit_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->group_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  setup_cells (self);
  setup_sorters (self);

  /* Spreadsheets: the list as it is filtered, out; an old ledger, in. */
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    GtkWidget *button = gtk_menu_button_new ();

    g_menu_append (menu, _("Export as _CSV…"), "ledger.export-csv");
    if (rct_xlsx_available ())
      g_menu_append (menu, _("Export as _Excel Workbook…"), "ledger.export-xlsx");
    {
      /* Not offered where nothing may be written: a login of the server's
       * viewers, a ledger open read-only (issue 20). */
      g_autoptr(GMenuItem) import = g_menu_item_new (_("_Import Problems from CSV…"), "ledger.import-csv");

      g_menu_item_set_attribute (import, "hidden-when", "s", "action-disabled");
      g_menu_append_item (menu, import);
    }
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-spreadsheet-symbolic");
    gtk_widget_set_tooltip_text (button, _("Spreadsheets: export the list as it is filtered, or import problems"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Spreadsheets"), -1);
    gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->count_label))), button);
  }
  update_count (self);
  actions_update (self);
}

GtkWidget *
rct_ledger_page_new (void)
{
  return g_object_new (RCT_TYPE_LEDGER_PAGE, NULL);
}

/**
 * rct_ledger_page_set_store:
 * @store: (nullable): the open ledger
 * @read_only: whether nothing may be changed
 */
void
rct_ledger_page_set_store (RctLedgerPage *self,
                           RctStore      *store,
                           gboolean       read_only)
{
  g_return_if_fail (RCT_IS_LEDGER_PAGE (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  self->read_only = read_only;
  show_all_rows (self);
  g_clear_object (&self->list);
  g_clear_object (&self->head);
  gtk_single_selection_set_model (self->selection, NULL);
  if (store != NULL)
    {
      self->list = rct_record_list_new (store, RCT_KIND_PROBLEM);
      rct_record_list_set_recycle (self->list, TRUE);
      self->threaded = rct_store_count (store, RCT_KIND_PROBLEM, NULL, NULL) > self->threaded_above;
      self->head = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->list)), 0, G_MAXUINT);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->head));
      g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
    }
  reload_choices (self);
  write_filter_widgets (self);
  apply_filter (self);
  show_selected (self);
}

/**
 * rct_ledger_page_bind_settings:
 *
 * Remembers the filters in the "ledger-filter" key of @settings and brings
 * back the last ones.
 */
void
rct_ledger_page_bind_settings (RctLedgerPage *self,
                               GSettings     *settings)
{
  g_autoptr(GVariant) saved = NULL;
  RctFilter filter = { 0 };

  g_return_if_fail (RCT_IS_LEDGER_PAGE (self));

  g_set_object (&self->settings, settings);
  if (settings == NULL)
    return;
  saved = g_settings_get_value (settings, "ledger-filter");
  g_variant_lookup (saved, "status", "&s", &filter.status);
  g_variant_lookup (saved, "unit", "&s", &filter.unit);
  g_variant_lookup (saved, "source", "&s", &filter.source);
  g_variant_lookup (saved, "group", "&s", &filter.group);
  g_variant_lookup (saved, "person", "&s", &filter.person);
  g_variant_lookup (saved, "from", "&s", &filter.from);
  g_variant_lookup (saved, "to", "&s", &filter.to);
  g_variant_lookup (saved, "sort", "&s", &filter.sort);
  g_variant_lookup (saved, "severity", "&s", &filter.severity);
  g_variant_lookup (saved, "leader", "&s", &filter.leader);
  filter.listed = g_variant_lookup (saved, "listed", "&s", NULL);
  filter.overdue = g_variant_lookup (saved, "overdue", "&s", NULL);
  filter.due_soon = g_variant_lookup (saved, "due-soon", "&s", NULL);
  filter.descending = g_variant_lookup (saved, "descending", "&s", NULL);
  filter.search = self->filter.search;
  rct_ledger_page_set_filter (self, &filter);
}

/**
 * rct_ledger_page_set_filter:
 *
 * Shows the problems @filter matches (the overview's figures lead here)
 * and puts its values into the filter bar.
 */
void
rct_ledger_page_set_filter (RctLedgerPage   *self,
                            const RctFilter *filter)
{
  g_return_if_fail (RCT_IS_LEDGER_PAGE (self));

  rct_filter_copy_into (&self->filter, filter);
  write_filter_widgets (self);
  apply_filter (self);
}

const RctFilter *
rct_ledger_page_get_filter (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), NULL);
  return &self->filter;
}

/**
 * rct_ledger_page_set_search:
 * @text: (nullable): from the header bar's search entry
 */
void
rct_ledger_page_set_search (RctLedgerPage *self,
                            const char    *text)
{
  g_return_if_fail (RCT_IS_LEDGER_PAGE (self));

  if (g_strcmp0 (self->filter.search, text != NULL && *text ? text : NULL) == 0)
    return;
  g_free ((char *) self->filter.search);
  self->filter.search = text != NULL && *text ? g_strdup (text) : NULL;
  apply_filter (self);
}

void
rct_ledger_page_sort_by (RctLedgerPage *self,
                         const char    *column,
                         gboolean       descending)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < G_N_ELEMENTS (sort_keys) && i < g_list_model_get_n_items (columns); i++)
    if (g_strcmp0 (sort_keys[i], column) == 0)
      {
        g_autoptr(GtkColumnViewColumn) view_column = g_list_model_get_item (columns, i);
        gtk_column_view_sort_by_column (self->column_view, view_column,
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        return;
      }
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
}

RctRecordList *
rct_ledger_page_get_list (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), NULL);
  return self->list;
}

guint
rct_ledger_page_get_count (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), 0);
  return self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
}

/**
 * rct_ledger_page_is_narrow:
 *
 * Returns: whether the detail pane is below the list, the window being too
 *   narrow for both side by side
 */
gboolean
rct_ledger_page_is_narrow (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), FALSE);
  return gtk_orientable_get_orientation (GTK_ORIENTABLE (self->paned)) == GTK_ORIENTATION_VERTICAL;
}

const char *
rct_ledger_page_get_count_text (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), NULL);
  return gtk_label_get_text (self->count_label);
}

/**
 * rct_ledger_page_get_empty_text:
 *
 * Returns: (nullable): what the page says in place of an empty list, or
 *   %NULL while it shows problems
 */
const char *
rct_ledger_page_get_empty_text (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), NULL);
  return gtk_widget_get_visible (self->empty_box) ? gtk_label_get_text (self->empty_label) : NULL;
}

/**
 * rct_ledger_page_select_problem:
 *
 * Selects the problem and shows it in the detail pane; clears the filters
 * when they hide it.
 */
gboolean
rct_ledger_page_select_problem (RctLedgerPage *self,
                                gint64         problem_id)
{
  guint position;

  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), FALSE);
  if (self->list == NULL)
    return FALSE;
  /* The filters cleared here apply at once, to find the problem. */
  self->force_sync = TRUE;
  position = rct_record_list_find (self->list, problem_id);
  if (position == G_MAXUINT)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "ledger.clear-filters", NULL);
      position = rct_record_list_find (self->list, problem_id);
    }
  if (position == G_MAXUINT && self->filter.search != NULL)
    {
      /* The header bar's search hides it: the window empties its entry. */
      rct_ledger_page_set_search (self, NULL);
      g_signal_emit (self, signals[SEARCH_CLEARED], 0);
      position = rct_record_list_find (self->list, problem_id);
    }
  self->force_sync = FALSE;
  if (position == G_MAXUINT)
    return FALSE;
  show_all_rows (self);
  gtk_single_selection_set_selected (self->selection, position);
#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_column_view_scroll_to (self->column_view, position, NULL, GTK_LIST_SCROLL_FOCUS, NULL);
#endif
  show_selected (self);
  return TRUE;
}

gint64
rct_ledger_page_get_selected_id (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), 0);
  return rct_problem_detail_get_problem_id (self->detail);
}

/**
 * rct_ledger_page_get_message:
 *
 * Returns: (nullable): the sentence the detail pane shows, e.g. why a gate
 *   refused
 */
const char *
rct_ledger_page_get_message (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), NULL);
  return rct_problem_detail_get_message (self->detail);
}

/**
 * rct_ledger_page_get_hint:
 *
 * Returns: (nullable): why the selected problem's next step is closed
 */
const char *
rct_ledger_page_get_hint (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), NULL);
  return rct_problem_detail_get_hint (self->detail);
}

/**
 * rct_ledger_page_dup_history:
 *
 * Returns: (transfer full): the selected problem's history as the detail
 *   pane shows it, a step a line
 */
char *
rct_ledger_page_dup_history (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), NULL);
  return rct_problem_detail_dup_history (self->detail);
}

/**
 * rct_ledger_page_get_detail:
 *
 * Returns: (transfer none): the detail pane, an #RctProblemDetail
 */
GtkWidget *
rct_ledger_page_get_detail (RctLedgerPage *self)
{
  g_return_val_if_fail (RCT_IS_LEDGER_PAGE (self), NULL);
  return GTK_WIDGET (self->detail);
}
