/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-official-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "rct-official-composer.h"
#include "rct-report-issue.h"
#include "rct-report-official.h"
#include "rct-report-language.h"

/* The official report composed in the window (issue 17): the header, the
 * four sections drafted from the ledger and edited, the attachments
 * ticked, kept as a draft in the ledger; Issue freezes it (its number,
 * XML, PDF and Word files) in a worker thread on its own connection; the
 * issued reports are listed with their files to open. */

struct _RctOfficialComposer
{
  GtkWidget       parent_instance;

  RctStore       *store;
  gboolean        read_only;
  gint64          draft_id;
  GCancellable   *cancellable;
  char           *status;

  GtkWidget      *box;
  GtkEntry       *series_entry;
  GtkEntry       *title_entry;
  GtkEntry       *addressee_entry;
  GtkEntry       *copied_entry;
  GtkEntry       *signed_entry;
  GtkEntry       *drafted_entry;
  GtkEntry       *marking_entry;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkTextView    *sections[RCT_REPORT_N_SECTIONS];
  char           *drafted[RCT_REPORT_N_SECTIONS];  /* as drafted, to tell the clerk's edits */
  GtkCheckButton *attachments[8];
  GtkWidget      *issue_button;
  GtkLabel       *status_label;
  GtkListBox     *issued_list;
};

G_DEFINE_FINAL_TYPE (RctOfficialComposer, rct_official_composer, GTK_TYPE_WIDGET)

/* ---- the worker thread ---- */

typedef struct
{
  char           *ledger;
  char           *operator_name;
  char           *folder;
  gint64          id;
  RctReportIssue *issued;
} Job;

static void
job_free (Job *job)
{
  g_free (job->ledger);
  g_free (job->operator_name);
  g_free (job->folder);
  g_clear_pointer (&job->issued, rct_report_issue_free);
  g_free (job);
}

static void
issue_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (job->ledger, RCT_STORE_OPEN_DEFER_CHECK, &error);

  if (store != NULL)
    rct_store_set_operator (store, job->operator_name);
  if (store == NULL || !rct_report_issue_issue (store, job->id, job->folder, &job->issued, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- the form ---- */

static void
set_status (RctOfficialComposer *self,
            const char          *status,
            gboolean             is_error)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static char *
entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_entry (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static char *
section_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The report as the form says, the sections as the clerk left them. */
static RctReportIssue *
read_form (RctOfficialComposer *self)
{
  RctReportIssue *issue = rct_report_issue_new ();
  const char * const *keys = rct_report_issue_attachment_keys ();
  GStrvBuilder *ticked = g_strv_builder_new ();

  issue->id = self->draft_id;
  issue->series = entry_text (self->series_entry);
  if (issue->series == NULL)
    issue->series = g_strdup (rct_report_language_gettext (issue->language, N_("Supervision bulletin")));
  issue->title = entry_text (self->title_entry);
  issue->addressee = entry_text (self->addressee_entry);
  issue->copied_to = entry_text (self->copied_entry);
  issue->signed_off_by = entry_text (self->signed_entry);
  issue->drafted_by = entry_text (self->drafted_entry);
  issue->marking = entry_text (self->marking_entry);
  issue->period_from = entry_text (self->from_entry);
  issue->period_to = entry_text (self->to_entry);
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    {
      issue->sections[i] = section_text (self->sections[i]);
      issue->drafted[i] = g_strdup (self->drafted[i]);
    }
  for (guint i = 0; keys[i] != NULL; i++)
    if (gtk_check_button_get_active (self->attachments[i]))
      g_strv_builder_add (ticked, keys[i]);
  issue->attachments = g_strv_builder_end (ticked);
  g_strv_builder_unref (ticked);
  return issue;
}

static void
fill_sections (RctOfficialComposer  *self,
               const RctReportIssue *issue)
{
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    {
      g_free (self->drafted[i]);
      self->drafted[i] = g_strdup (issue->drafted[i]);
    }
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->sections[i]),
                              issue->sections[i] != NULL ? issue->sections[i] : "", -1);
}

static void
open_file_cb (GtkButton *button,
              gpointer   user_data)
{
  const char *path = g_object_get_data (G_OBJECT (button), "rct-path");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (uri != NULL && !g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Cannot open %s: %s", path, error->message);
}

static void
refresh_issued (RctOfficialComposer *self)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->issued_list))) != NULL)
    gtk_list_box_remove (self->issued_list, child);
  if (self->store == NULL)
    return;
  list = rct_report_issue_list (self->store, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      RctReportIssue *issue = g_ptr_array_index (list, i);
      g_autofree char *number = NULL, *text = NULL, *date = NULL;
      GtkWidget *row, *label;

      if (!g_str_equal (issue->status, "issued"))
        continue;
      number = rct_report_issue_format_number (issue);
      date = rct_report_language_date (NULL, issue->issue_date);
      /* Translators: an issued report in the list: series, number, date, addressee */
      text = g_strdup_printf (_("%1$s %2$s · %3$s · to %4$s"), issue->series, number, date != NULL ? date : "",
                              issue->addressee != NULL ? issue->addressee : "");
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      /* Its XML's signature, as recorded when it was issued (issue 21). */
      if (issue->signature_fingerprint != NULL)
        {
          GtkWidget *seal = gtk_image_new_from_icon_name ("channel-secure-symbolic");
          g_autofree char *when = rct_report_language_time (NULL, issue->signed_at);
          g_autofree char *start = g_strndup (issue->signature_fingerprint, 23);
          g_autofree char *said = NULL;

          /* Translators: %1$s is a date, %2$s the start of a fingerprint (AB:CD:…) */
          said = g_strdup_printf (_("Signed %1$s with the key whose fingerprint begins %2$s"),
                                  when != NULL ? when : (issue->signed_at != NULL ? issue->signed_at : ""), start);
          gtk_widget_set_name (seal, "rct-signature");
          gtk_widget_set_tooltip_text (seal, said);
          gtk_accessible_update_property (GTK_ACCESSIBLE (seal), GTK_ACCESSIBLE_PROPERTY_LABEL, said, -1);
          gtk_box_append (GTK_BOX (row), seal);
        }
      for (guint f = 0; f < RCT_REPORT_N_FILES; f++)
        {
          const char *names[RCT_REPORT_N_FILES] = { "XML", "PDF", "Word" };
          GtkWidget *open;
          g_autofree char *accessible = NULL;

          if (issue->files[f] == NULL || issue->folder == NULL)
            continue;
          open = gtk_button_new_with_label (names[f]);
          /* Translators: %1$s is a file kind (PDF), %2$s a report number */
          accessible = g_strdup_printf (_("Open the %1$s of %2$s"), names[f], number);
          gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          g_object_set_data_full (G_OBJECT (open), "rct-path",
                                  g_build_filename (issue->folder, issue->files[f], NULL), g_free);
          g_signal_connect (open, "clicked", G_CALLBACK (open_file_cb), NULL);
          gtk_box_append (GTK_BOX (row), open);
        }
      gtk_list_box_append (self->issued_list, row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *label = gtk_label_new (_("No report has been issued yet."));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->issued_list, label);
    }
}

static gboolean
save_draft (RctOfficialComposer  *self,
            GError              **error)
{
  g_autoptr(RctReportIssue) issue = read_form (self);

  if (!rct_report_issue_save_draft (self->store, issue, error))
    return FALSE;
  self->draft_id = issue->id;
  return TRUE;
}

static void
draft_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  RctOfficialComposer *self = RCT_OFFICIAL_COMPOSER (widget);
  g_autoptr(RctReportIssue) issue = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  issue = read_form (self);
  if (!rct_report_issue_draft_sections (self->store, issue, &error))
    {
      set_status (self, error->message, TRUE);
      return;
    }
  fill_sections (self, issue);
  set_status (self, _("The sections are drafted from the ledger for the period: edit them, then save or issue."), FALSE);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RctOfficialComposer *self = RCT_OFFICIAL_COMPOSER (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->read_only)
    return;
  if (!save_draft (self, &error))
    set_status (self, error->message, TRUE);
  else
    set_status (self, _("The draft is saved in the ledger."), FALSE);
}

static void
issue_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RctOfficialComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));

  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (self->issue_button, !self->read_only);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_status (self, error->message, TRUE);
      return;
    }
  {
    g_autofree char *number = rct_report_issue_format_number (job->issued);
    /* Translators: %1$s is the issued number (2021年第3期), %2$s the folder */
    g_autofree char *message = g_strdup_printf (_("Issued as %1$s; its files are in %2$s."), number, job->folder);
    set_status (self, message, FALSE);
  }
  /* A new report starts from an empty draft. */
  self->draft_id = 0;
  rct_store_announce_changes (self->store);
  refresh_issued (self);
}

static void
issue_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  RctOfficialComposer *self = RCT_OFFICIAL_COMPOSER (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->store == NULL || self->read_only || self->cancellable != NULL)
    return;
  if (!save_draft (self, &error))
    {
      set_status (self, error->message, TRUE);
      return;
    }
  job = g_new0 (Job, 1);
  job->ledger = g_strdup (rct_store_get_path (self->store));
  job->operator_name = g_strdup (rct_store_get_operator (self->store));
  job->folder = rct_report_issue_default_folder (self->store);
  job->id = self->draft_id;
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (self->issue_button, FALSE);
  set_status (self, _("Issuing the report: writing its XML, PDF and Word files…"), FALSE);
  task = g_task_new (self, self->cancellable, issue_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, issue_thread);
}

/* ---- construction ---- */

static GtkEntry *
labelled_entry (GtkGrid    *grid,
                int         row,
                const char *label,
                const char *placeholder)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_widget_add_css_class (title, "dim-label");
  /* The label names the entry for a screen reader too (labelled-by). */
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_grid_attach (grid, title, (row % 2) * 2, row / 2, 1, 1);
  gtk_grid_attach (grid, entry, (row % 2) * 2 + 1, row / 2, 1, 1);
  return GTK_ENTRY (entry);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static void
rct_official_composer_dispose (GObject *object)
{
  RctOfficialComposer *self = RCT_OFFICIAL_COMPOSER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (rct_official_composer_parent_class)->dispose (object);
}

static void
rct_official_composer_finalize (GObject *object)
{
  RctOfficialComposer *self = RCT_OFFICIAL_COMPOSER (object);

  g_free (self->status);
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    g_free (self->drafted[i]);
  G_OBJECT_CLASS (rct_official_composer_parent_class)->finalize (object);
}

static void
rct_official_composer_class_init (RctOfficialComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_official_composer_dispose;
  object_class->finalize = rct_official_composer_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "official.draft", NULL, draft_cb);
  gtk_widget_class_install_action (widget_class, "official.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "official.issue", NULL, issue_cb);
}

static void
rct_official_composer_init (RctOfficialComposer *self)
{
  const char * const *keys = rct_report_issue_attachment_keys ();
  GtkWidget *row, *flow, *button;
  GtkGrid *grid;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_box_append (GTK_BOX (self->box), heading (_("The official report (第N期)")));
  {
    g_autofree char *note = rct_report_official_dup_font_note ();
    GtkWidget *label = gtk_label_new (note);

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_box_append (GTK_BOX (self->box), label);
  }
  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  self->series_entry = labelled_entry (grid, 0, _("_Series"), _("e.g. Supervision bulletin"));
  self->title_entry = labelled_entry (grid, 1, _("Report tit_le"), NULL);
  self->addressee_entry = labelled_entry (grid, 2, _("_Addressee (主送)"), NULL);
  self->copied_entry = labelled_entry (grid, 3, _("Cop_ied to (抄送)"), _("optional"));
  self->signed_entry = labelled_entry (grid, 4, _("Signed off _by (签发人)"), NULL);
  self->drafted_entry = labelled_entry (grid, 5, _("Drafted b_y"), NULL);
  self->marking_entry = labelled_entry (grid, 6, _("Mar_king"), _("e.g. Internal, or empty"));
  self->from_entry = labelled_entry (grid, 7, _("Period sta_rt"), _("YYYY-MM-DD"));
  self->to_entry = labelled_entry (grid, 8, _("Period e_nd"), _("YYYY-MM-DD"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (grid));

  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    {
      GtkWidget *label = gtk_label_new (rct_report_issue_section_label (i, NULL));
      GtkWidget *frame = gtk_frame_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (self->box), label);
      self->sections[i] = GTK_TEXT_VIEW (gtk_text_view_new ());
      gtk_text_view_set_wrap_mode (self->sections[i], GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (self->sections[i], 6);
      gtk_text_view_set_bottom_margin (self->sections[i], 6);
      gtk_text_view_set_left_margin (self->sections[i], 6);
      gtk_text_view_set_right_margin (self->sections[i], 6);
      gtk_widget_set_size_request (GTK_WIDGET (self->sections[i]), -1, 72);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->sections[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (GTK_LABEL (label)), -1);
      gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->sections[i]));
      gtk_box_append (GTK_BOX (self->box), frame);
    }

  {
    GtkWidget *label = gtk_label_new (_("Attachments"));

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_box_append (GTK_BOX (self->box), label);
  }
  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attachments"), -1);
  for (guint i = 0; keys[i] != NULL && i < G_N_ELEMENTS (self->attachments); i++)
    {
      self->attachments[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (
        rct_report_issue_attachment_label (keys[i], NULL)));
      gtk_flow_box_append (GTK_FLOW_BOX (flow), GTK_WIDGET (self->attachments[i]));
    }
  gtk_check_button_set_active (self->attachments[0], TRUE);
  gtk_box_append (GTK_BOX (self->box), flow);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  button = gtk_button_new_with_mnemonic (_("Draft from t_he Ledger"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "official.draft");
  gtk_box_append (GTK_BOX (row), button);
  button = gtk_button_new_with_mnemonic (_("Sa_ve Draft"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "official.save");
  gtk_box_append (GTK_BOX (row), button);
  self->issue_button = gtk_button_new_with_mnemonic (_("Iss_ue"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->issue_button), "official.issue");
  gtk_widget_add_css_class (self->issue_button, "suggested-action");
  gtk_box_append (GTK_BOX (row), self->issue_button);
  gtk_box_append (GTK_BOX (self->box), row);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->status_label));

  {
    GtkWidget *label = gtk_label_new (_("Issued reports"));

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_box_append (GTK_BOX (self->box), label);
  }
  self->issued_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->issued_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->issued_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->issued_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Issued reports"), -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->issued_list));
}

GtkWidget *
rct_official_composer_new (void)
{
  return g_object_new (RCT_TYPE_OFFICIAL_COMPOSER, NULL);
}

/**
 * rct_official_composer_set_store:
 *
 * Shows the ledger's latest draft (or an empty one) and its issued reports.
 */
void
rct_official_composer_set_store (RctOfficialComposer *self,
                                 RctStore            *store,
                                 gboolean             read_only)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_if_fail (RCT_IS_OFFICIAL_COMPOSER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->store, store);
  self->read_only = read_only;
  self->draft_id = 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "official.save", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "official.issue", !read_only);
  if (store != NULL)
    list = rct_report_issue_list (store, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      RctReportIssue *issue = g_ptr_array_index (list, i);

      if (!g_str_equal (issue->status, "draft"))
        continue;
      self->draft_id = issue->id;
      set_entry (self->series_entry, issue->series);
      set_entry (self->title_entry, issue->title);
      set_entry (self->addressee_entry, issue->addressee);
      set_entry (self->copied_entry, issue->copied_to);
      set_entry (self->signed_entry, issue->signed_off_by);
      set_entry (self->drafted_entry, issue->drafted_by);
      set_entry (self->marking_entry, issue->marking);
      set_entry (self->from_entry, issue->period_from);
      set_entry (self->to_entry, issue->period_to);
      fill_sections (self, issue);
      for (guint k = 0; rct_report_issue_attachment_keys ()[k] != NULL; k++)
        gtk_check_button_set_active (self->attachments[k],
                                     rct_report_issue_has_attachment (issue, rct_report_issue_attachment_keys ()[k]));
      break;
    }
  refresh_issued (self);
}

gboolean
rct_official_composer_is_busy (RctOfficialComposer *self)
{
  return self->cancellable != NULL;
}

const char *
rct_official_composer_get_status (RctOfficialComposer *self)
{
  return self->status;
}

guint
rct_official_composer_count_issued (RctOfficialComposer *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->issued_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && GTK_IS_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))))
      n++;
  return n;
}

/**
 * rct_official_composer_count_signed:
 *
 * Returns: how many issued reports the list shows with their signature
 */
guint
rct_official_composer_count_signed (RctOfficialComposer *self)
{
  guint n = 0;

  g_return_val_if_fail (RCT_IS_OFFICIAL_COMPOSER (self), 0);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->issued_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = GTK_IS_LIST_BOX_ROW (row) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) : NULL;

      for (GtkWidget *child = box != NULL ? gtk_widget_get_first_child (box) : NULL; child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (g_strcmp0 (gtk_widget_get_name (child), "rct-signature") == 0)
          n++;
    }
  return n;
}
