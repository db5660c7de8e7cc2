/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rectify-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rct-cli-output.h"
#include "rct-cli-private.h"
#include "rct-clock.h"
#include "rct-report-docx.h"
#include "rct-report-issue.h"
#include "rct-report-language.h"

/* rectify-cli report draft|show|issue|list: the official report (第N期)
 * composed, kept as a draft, issued with its number, and listed. */

typedef struct
{
  gint64  id;
  char   *series;
  char   *title;
  char   *addressee;
  char   *copied_to;
  char   *signed_off_by;
  char   *drafted_by;
  char   *marking;
  char   *from;
  char   *to;
  char   *date;
  char   *language;
  char  **attach;
  char   *sections[RCT_REPORT_N_SECTIONS];
  gboolean redraft;
} HeaderOptions;

static void
header_options_clear (HeaderOptions *o)
{
  g_free (o->series);
  g_free (o->title);
  g_free (o->addressee);
  g_free (o->copied_to);
  g_free (o->signed_off_by);
  g_free (o->drafted_by);
  g_free (o->marking);
  g_free (o->from);
  g_free (o->to);
  g_free (o->date);
  g_free (o->language);
  g_strfreev (o->attach);
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    g_free (o->sections[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HeaderOptions, header_options_clear)

/* The header's options, shared by draft, issue and export-report. */
static GOptionEntry *
header_entries (HeaderOptions *o,
                gboolean       with_draft)
{
  GOptionEntry entries[] = {
    { "series", 0, 0, G_OPTION_ARG_STRING, &o->series, N_("The report's series, numbered per year (default: 督导专报)"), N_("NAME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o->title, N_("The report's title"), N_("TEXT") },
    { "addressee", 0, 0, G_OPTION_ARG_STRING, &o->addressee, N_("To whom the report goes (主送)"), N_("NAME") },
    { "copied-to", 0, 0, G_OPTION_ARG_STRING, &o->copied_to, N_("Who gets a copy (抄送)"), N_("NAME") },
    { "signed-off-by", 0, 0, G_OPTION_ARG_STRING, &o->signed_off_by, N_("The leader who signs it off (签发人)"), N_("NAME") },
    { "drafted-by", 0, 0, G_OPTION_ARG_STRING, &o->drafted_by, N_("Who drafted it"), N_("NAME") },
    { "marking", 0, 0, G_OPTION_ARG_STRING, &o->marking, N_("A marking such as 内部 (default: none)"), N_("TEXT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o->from, N_("Start of the period (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o->to, N_("End of the period (YYYY-MM-DD)"), N_("DATE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o->date, N_("The report's date (default: the day it is issued)"), N_("DATE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &o->language, N_("zh_CN or en (default: yours)"), N_("LANG") },
    { "attach", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->attach,
      N_("Attach a table: figures, units, tasks, problems, problems-open, problems-overdue, feedback (repeat)"), N_("KEY") },
    { "overview", 0, 0, G_OPTION_ARG_STRING, &o->sections[RCT_REPORT_SECTION_OVERVIEW], N_("Section 1, in place of the drafted text"), N_("TEXT") },
    { "work", 0, 0, G_OPTION_ARG_STRING, &o->sections[RCT_REPORT_SECTION_WORK], N_("Section 2, in place of the drafted text"), N_("TEXT") },
    { "problems", 0, 0, G_OPTION_ARG_STRING, &o->sections[RCT_REPORT_SECTION_PROBLEMS], N_("Section 3, in place of the drafted text"), N_("TEXT") },
    { "next", 0, 0, G_OPTION_ARG_STRING, &o->sections[RCT_REPORT_SECTION_NEXT], N_("Section 4, in place of the drafted text"), N_("TEXT") },
    { "id", 0, 0, G_OPTION_ARG_INT64, &o->id, N_("The draft to change (default: a new one)"), N_("ID") },
    { "redraft", 0, 0, G_OPTION_ARG_NONE, &o->redraft, N_("Draft the sections again from the ledger"), NULL },
    { NULL }
  };

  if (!with_draft)
    entries[G_N_ELEMENTS (entries) - 3] = (GOptionEntry) { NULL };
  return g_memdup2 (entries, sizeof entries);
}

static void
take_option (char **field,
             char **option)
{
  if (*option != NULL)
    {
      g_free (*field);
      *field = g_steal_pointer (option);
    }
}

/* Fills @issue from the options: an option given replaces what is there. */
static gboolean
apply_options (RctStore       *store,
               RctReportIssue *issue,
               HeaderOptions  *o,
               GError        **error)
{
  gboolean fresh = issue->id == 0;
  gboolean period_changed = o->from != NULL || o->to != NULL || o->language != NULL;

  if (o->language != NULL)
    {
      const char *language = rct_report_language_normalize (o->language);

      if (language == NULL)
        {
          g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                               _("Reports are written in Chinese or English: give --language zh_CN or --language en."));
          return FALSE;
        }
      g_free (issue->language);
      issue->language = g_strdup (language);
    }
  take_option (&issue->series, &o->series);
  if (issue->series == NULL)
    issue->series = g_strdup (rct_report_language_gettext (issue->language, N_("Supervision bulletin")));
  take_option (&issue->title, &o->title);
  take_option (&issue->addressee, &o->addressee);
  take_option (&issue->copied_to, &o->copied_to);
  take_option (&issue->signed_off_by, &o->signed_off_by);
  take_option (&issue->drafted_by, &o->drafted_by);
  take_option (&issue->marking, &o->marking);
  take_option (&issue->period_from, &o->from);
  take_option (&issue->period_to, &o->to);
  take_option (&issue->issue_date, &o->date);
  if (o->attach != NULL)
    {
      g_strfreev (issue->attachments);
      issue->attachments = g_steal_pointer (&o->attach);
    }
  if (issue->title == NULL)
    issue->title = g_strdup (rct_report_language_gettext (issue->language, N_("Report on the supervision of the campaign")));
  if ((fresh || o->redraft || period_changed) &&
      !rct_report_issue_draft_sections (store, issue, error))
    return FALSE;
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    take_option (&issue->sections[i], &o->sections[i]);
  return TRUE;
}

static gboolean
parse_id (const char *text,
          gint64     *out_id)
{
  guint64 id;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;
  *out_id = (gint64) id;
  return TRUE;
}

static void
print_issue (const RctReportIssue *issue)
{
  g_autofree char *number = rct_report_issue_format_number (issue);

  if (*number != '\0')
    g_print ("%s\n", number);
  g_print ("%s: %s\n", _("Status"), g_str_equal (issue->status, "issued") ? _("issued") : _("draft"));
  g_print ("%s: %s\n", _("Series"), issue->series);
  g_print ("%s: %s\n", _("Title"), issue->title != NULL ? issue->title : "");
  g_print ("%s: %s\n", _("Reporting organisation"), issue->organisation != NULL ? issue->organisation : "");
  g_print ("%s: %s\n", _("Addressee"), issue->addressee != NULL ? issue->addressee : "");
  if (issue->copied_to != NULL)
    g_print ("%s: %s\n", _("Copied to"), issue->copied_to);
  g_print ("%s: %s\n", _("Signed off by"), issue->signed_off_by != NULL ? issue->signed_off_by : "");
  if (issue->drafted_by != NULL)
    g_print ("%s: %s\n", _("Drafted by"), issue->drafted_by);
  if (issue->marking != NULL)
    g_print ("%s: %s\n", _("Marking"), issue->marking);
  g_print ("%s: %s – %s\n", _("Period"), issue->period_from != NULL ? issue->period_from : "",
           issue->period_to != NULL ? issue->period_to : "");
  if (issue->issue_date != NULL)
    g_print ("%s: %s\n", _("Date"), issue->issue_date);
  for (guint i = 0; issue->attachments != NULL && issue->attachments[i] != NULL; i++)
    g_print ("%s: %s\n", _("Attachment"), rct_report_issue_attachment_label (issue->attachments[i], NULL));
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    g_print ("\n%s\n%s\n", rct_report_issue_section_label (i, issue->language),
             issue->sections[i] != NULL ? issue->sections[i] : "");
  for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
    if (issue->files[i] != NULL)
      {
        g_autofree char *path = g_build_filename (issue->folder, issue->files[i], NULL);
        g_print ("\n%s  sha256:%s", path, issue->sha256[i]);
      }
  g_print ("\n");
}

static int
report_draft (int    argc,
              char **argv)
{
  g_auto(HeaderOptions) o = { 0 };
  g_autofree GOptionEntry *entries = header_entries (&o, TRUE);
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportIssue) issue = NULL;
  g_autofree char *id_text = NULL;
  int code;

  if (!rct_cli_parse_options ("report draft", entries, &argc, &argv, &code))
    return code;
  if (argc != 1)
    return rct_cli_usage (_("report draft takes its values as options, e.g. --addressee NAME."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  issue = o.id != 0 ? rct_report_issue_load (store, o.id, &error) : rct_report_issue_new ();
  if (issue == NULL || !apply_options (store, issue, &o, &error) ||
      !rct_report_issue_save_draft (store, issue, &error))
    return rct_cli_fail (error);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, issue->id);
  /* Translators: %s is the draft's id, for report show and report issue */
  g_print (_("Saved draft %s.\n"), id_text);
  return EXIT_OK;
}

static int
report_show (int    argc,
             char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportIssue) issue = NULL;
  gint64 id;
  int code;

  if (!rct_cli_parse_options ("report show ID", entries, &argc, &argv, &code))
    return code;
  if (argc != 2 || !parse_id (argv[1], &id))
    return rct_cli_usage (_("report show needs the report's id: rectify-cli report show ID"));
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  issue = rct_report_issue_load (store, id, &error);
  if (issue == NULL)
    return rct_cli_fail (error);
  print_issue (issue);
  if (!rct_report_issue_check_files (issue, NULL, &error))
    return rct_cli_fail (error);
  return EXIT_OK;
}

static int
report_issue (int    argc,
              char **argv)
{
  g_auto(HeaderOptions) o = { 0 };
  g_autofree GOptionEntry *header = header_entries (&o, TRUE);
  g_autofree char *folder = NULL;
  GOptionEntry own[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, N_("Where to write the report's files"), N_("FOLDER") },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctReportIssue) issue = NULL;
  g_autoptr(RctReportIssue) issued = NULL;
  g_autofree char *number = NULL;
  GArray *all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autofree GOptionEntry *entries = NULL;
  int code;

  for (guint i = 0; header[i].long_name != NULL; i++)
    g_array_append_val (all, header[i]);
  g_array_append_val (all, own[0]);
  entries = (GOptionEntry *) g_array_free (all, FALSE);
  if (!rct_cli_parse_options ("report issue [ID]", entries, &argc, &argv, &code))
    return code;
  if (argc > 2 || (argc == 2 && !parse_id (argv[1], &o.id)))
    return rct_cli_usage (_("report issue takes a draft's id, or the header as options to draft and issue at once."));
  store = rct_cli_open_store (RCT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  issue = o.id != 0 ? rct_report_issue_load (store, o.id, &error) : rct_report_issue_new ();
  if (issue == NULL)
    return rct_cli_fail (error);
  /* An issued report is not drafted again: issuing it says so. */
  if (g_str_equal (issue->status, "draft") &&
      (!apply_options (store, issue, &o, &error) || !rct_report_issue_save_draft (store, issue, &error)))
    return rct_cli_fail (error);
  if (folder == NULL)
    folder = rct_report_issue_default_folder (store);
  if (!rct_report_issue_issue (store, issue->id, folder, &issued, &error))
    return rct_cli_fail (error);
  number = rct_report_issue_format_number (issued);
  g_print ("%s\n", number);
  for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
    {
      g_autofree char *path = g_build_filename (issued->folder, issued->files[i], NULL);
      g_print ("%s\n", path);
    }
  return EXIT_OK;
}

static JsonNode *
issue_to_json (const RctReportIssue *issue)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *number = rct_report_issue_format_number (issue);
  const char *file_keys[RCT_REPORT_N_FILES] = { "xml", "pdf", "docx" };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, issue->id);
#define STRING(name, value) \
  json_builder_set_member_name (b, name); \
  if ((value) != NULL) json_builder_add_string_value (b, value); else json_builder_add_null_value (b);
  STRING ("uuid", issue->uuid);
  STRING ("status", issue->status);
  STRING ("series", issue->series);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, issue->year);
  json_builder_set_member_name (b, "number");
  json_builder_add_int_value (b, issue->number);
  STRING ("issue", *number != '\0' ? number : NULL);
  STRING ("title", issue->title);
  STRING ("organisation", issue->organisation);
  STRING ("addressee", issue->addressee);
  STRING ("copied_to", issue->copied_to);
  STRING ("signed_off_by", issue->signed_off_by);
  STRING ("drafted_by", issue->drafted_by);
  STRING ("marking", issue->marking);
  STRING ("from", issue->period_from);
  STRING ("to", issue->period_to);
  STRING ("date", issue->issue_date);
  STRING ("language", issue->language);
  STRING ("issued_at", issue->issued_at);
  STRING ("folder", issue->folder);
  json_builder_set_member_name (b, "attachments");
  json_builder_begin_array (b);
  for (guint i = 0; issue->attachments != NULL && issue->attachments[i] != NULL; i++)
    json_builder_add_string_value (b, issue->attachments[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_object (b);
  for (guint i = 0; i < RCT_REPORT_N_FILES; i++)
    if (issue->files[i] != NULL)
      {
        json_builder_set_member_name (b, file_keys[i]);
        json_builder_begin_object (b);
        STRING ("name", issue->files[i]);
        STRING ("sha256", issue->sha256[i]);
        json_builder_end_object (b);
      }
  json_builder_end_object (b);
  /* Who signed the XML file, and when (issue 21). */
  STRING ("signatureFingerprint", issue->signature_fingerprint);
  STRING ("signedAt", issue->signed_at);
#undef STRING
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
report_list (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(RctStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int code;

  if (!rct_cli_parse_options ("report list", entries, &argc, &argv, &code))
    return code;
  store = rct_cli_open_store (RCT_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return rct_cli_fail (error);
  list = rct_report_issue_list (store, &error);
  if (list == NULL)
    return rct_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (array, issue_to_json (g_ptr_array_index (list, i)));
      json_node_set_array (root, array);
      rct_cli_print_json (root);
      return EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      RctReportIssue *issue = g_ptr_array_index (list, i);
      g_autofree char *number = rct_report_issue_format_number (issue);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, issue->id);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", id, *number ? number : _("draft"), issue->series,
               issue->issue_date != NULL ? issue->issue_date : "", issue->addressee != NULL ? issue->addressee : "",
               issue->title != NULL ? issue->title : "");
    }
  return EXIT_OK;
}

/**
 * rct_cli_report_write_docx:
 *
 * For export-report --docx: the report for the scope as a Word document,
 * its sections drafted from the ledger, not kept.
 */
gboolean
rct_cli_report_write_docx (RctStore       *store,
                           const RctScope *scope,
                           const char     *title,
                           const char     *language,
                           const char     *addressee,
                           const char     *signed_off_by,
                           const char     *path,
                           GError        **error)
{
  g_autoptr(RctReportIssue) issue = rct_report_issue_new ();
  const char *const *keys = rct_report_issue_attachment_keys ();

  g_free (issue->language);
  issue->language = g_strdup (language);
  issue->title = g_strdup (title != NULL ? title : rct_report_language_gettext (language, N_("Report on the supervision of the campaign")));
  issue->period_from = g_strdup (scope->from);
  issue->period_to = g_strdup (scope->to);
  issue->addressee = g_strdup (addressee);
  issue->signed_off_by = g_strdup (signed_off_by);
  issue->issue_date = rct_clock_today ();
  issue->organisation = rct_report_issue_dup_organisation (store);
  issue->attachments = g_strdupv ((char **) keys);
  if (!rct_report_issue_draft_sections (store, issue, error))
    return FALSE;
  return rct_report_docx_write (store, issue, path, error);
}

/**
 * rct_cli_report_say_issued_since:
 *
 * After a restore: names the report numbers issued since the backup was
 * made, which the restored ledger does not hold but will never give again.
 */
void
rct_cli_report_say_issued_since (const char *ledger_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = rct_store_open (ledger_path, RCT_STORE_OPEN_DEFAULT, &error);
  g_auto(GStrv) since = NULL;
  g_autofree char *list = NULL;

  if (store != NULL)
    since = rct_report_issue_dup_issued_since (store, &error);
  if (since == NULL)
    {
      g_debug ("Cannot tell the reports issued since the backup: %s", error->message);
      return;
    }
  if (since[0] == NULL)
    return;
  list = g_strjoinv (_(", "), since);
  /* Translators: %s lists report numbers, e.g. 2021年第2期 (督导专报) */
  g_print (_("Reports issued since this backup, whose numbers will not be given again: %s\n"), list);
}

/**
 * rct_cli_report:
 *
 * The "report" command: draft, show, issue, list.
 */
int
rct_cli_report (int    argc,
                char **argv)
{
  static const RctCliAction actions[] = {
    { "draft", report_draft },
    { "show", report_show },
    { "issue", report_issue },
    { "list", report_list },
  };

  return rct_cli_run_action (actions, G_N_ELEMENTS (actions),
                             _("report needs an action: draft, show, issue or list."), argc, argv);
}
