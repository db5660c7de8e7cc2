/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "rct-clock.h"
#include "rct-demo.h"
#include "rct-ledger-page.h"
#include "rct-problem-detail.h"
#include "rct-task-detail.h"
#include "rct-groups-page.h"
#include "rct-supervisors-page.h"
#include "rct-store-private.h"
#include "rct-test-util.h"

/* Two clerks on one ledger (issue 20 item 3): the ledger page's form in a
 * real window on one store, another clerk's store on the same file. A save
 * of a problem the other saved since it was opened keeps the clerk's edit,
 * says who and when, shows the other's values and writes nothing; the
 * clerk then saves over them knowingly, or discards the edit. With
 * RECTIFY_TEST_SCREENSHOT=FILE the conflict is drawn into FILE (a PNG),
 * for docs/screenshots/. */

typedef struct
{
  char          *dir;
  RctStore      *store;   /* this clerk's, in the window */
  RctStore      *other;   /* 王芳's */
  GtkWindow     *window;
  RctLedgerPage *page;
  gint64         id;
} Fixture;

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rct_clock_set_today (RCT_DEMO_DATE);
  f->store = rct_test_open_demo (&f->dir);
  rct_store_set_operator (f->store, "办公室文员");
  f->other = rct_store_open (rct_store_get_path (f->store), RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rct_store_set_operator (f->other, "王芳");
  f->id = rct_store_find_id (f->store, RCT_KIND_PROBLEM, "2021-009", NULL);
  g_assert_cmpint (f->id, >, 0);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 800);
  /* The window's own style: the conflict's colours as the app shows them. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/io/github/rectify/Rectify/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  f->page = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  rct_ledger_page_set_store (f->page, f->store, FALSE);
  gtk_window_present (f->window);
  pump ();
  g_assert_true (rct_ledger_page_select_problem (f->page, f->id));
  pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  pump ();
  g_clear_object (&f->other);
  g_clear_object (&f->store);
  rct_test_remove_dir (f->dir);
  g_free (f->dir);
}

static RctProblemDetail *
detail (Fixture *f)
{
  return RCT_PROBLEM_DETAIL (rct_ledger_page_get_detail (f->page));
}

static void
type_into (Fixture    *f,
           const char *field,
           const char *text)
{
  GtkWidget *widget = rct_problem_detail_get_field (detail (f), field);

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static char *
field_text (Fixture    *f,
            const char *field)
{
  GtkWidget *widget = rct_problem_detail_get_field (detail (f), field);

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static RctProblem *
on_disk (Fixture *f)
{
  g_autoptr(RctStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  /* Read as a third program would, from the file. */
  reader = rct_store_open (rct_store_get_path (f->store), RCT_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  return rct_store_get (reader, RCT_KIND_PROBLEM, f->id, NULL);
}

/* The other clerk changes the description and the category; this one,
 * with the problem open before that, edits the description and the
 * mechanism and saves. */
static void
edit_both (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  type_into (f, "description", "我的描述：窗口人员服务态度差");
  type_into (f, "mechanism", "每月讲评一次");
  g_assert_true (rct_store_update_va (f->other, RCT_KIND_PROBLEM, f->id, NULL, &error,
                                      "description", "王芳的描述：窗口人员态度生硬，群众不满",
                                      "category", "作风纪律", NULL));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.save", NULL));
  pump ();
}

static void
maybe_screenshot (Fixture *f)
{
  const char *out = g_getenv ("RECTIFY_TEST_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width, height;

  if (out == NULL || *out == '\0')
    return;
  /* Let the layout settle: the detail pane scrolls, the list fills. */
  for (int i = 0; i < 20; i++)
    {
      pump ();
      g_usleep (20 * 1000);
    }
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, out));
}

static void
test_conflict_told (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RctProblem) stored = NULL;
  g_autofree char *description = NULL;
  g_autofree char *mechanism = NULL;
  g_autofree char *category = NULL;
  const char *message, *theirs;

  edit_both (f);

  /* One sentence: who, which problem, nothing saved over theirs. */
  message = rct_problem_detail_get_message (detail (f));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "王芳"));
  g_assert_nonnull (strstr (message, "2021-009"));
  /* Theirs where both changed; the clerk's edit still in the form; the
   * field only they changed shows theirs. */
  theirs = rct_problem_detail_get_theirs (detail (f));
  g_assert_nonnull (theirs);
  g_assert_nonnull (strstr (theirs, "王芳的描述"));
  g_assert_null (strstr (theirs, "每月讲评一次"));
  description = field_text (f, "description");
  mechanism = field_text (f, "mechanism");
  category = field_text (f, "category");
  g_assert_cmpstr (description, ==, "我的描述：窗口人员服务态度差");
  g_assert_cmpstr (mechanism, ==, "每月讲评一次");
  g_assert_cmpstr (category, ==, "作风纪律");
  g_assert_true (gtk_widget_has_css_class (rct_problem_detail_get_field (detail (f), "description"), "conflict-field"));
  g_assert_false (gtk_widget_has_css_class (rct_problem_detail_get_field (detail (f), "mechanism"), "conflict-field"));

  /* Nothing of the clerk's on disk. */
  stored = on_disk (f);
  g_assert_cmpstr (stored->description, ==, "王芳的描述：窗口人员态度生硬，群众不满");
  g_assert_cmpstr (stored->category, ==, "作风纪律");
  g_assert_cmpstr (stored->mechanism, !=, "每月讲评一次");
  maybe_screenshot (f);

  /* Saved over theirs, knowingly: the clerk's fields land, theirs stays
   * where the clerk did not touch it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.save", NULL));
  pump ();
  g_assert_null (rct_problem_detail_get_theirs (detail (f)));
  g_clear_object (&stored);
  stored = on_disk (f);
  g_assert_cmpstr (stored->description, ==, "我的描述：窗口人员服务态度差");
  g_assert_cmpstr (stored->mechanism, ==, "每月讲评一次");
  g_assert_cmpstr (stored->category, ==, "作风纪律");
}

static void
test_conflict_discard (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RctProblem) stored = NULL;
  g_autofree char *description = NULL;

  edit_both (f);
  g_assert_nonnull (rct_problem_detail_get_theirs (detail (f)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.discard-edit", NULL));
  pump ();
  g_assert_null (rct_problem_detail_get_theirs (detail (f)));
  g_assert_null (rct_problem_detail_get_message (detail (f)));
  description = field_text (f, "description");
  g_assert_cmpstr (description, ==, "王芳的描述：窗口人员态度生硬，群众不满");
  stored = on_disk (f);
  g_assert_cmpstr (stored->description, ==, "王芳的描述：窗口人员态度生硬，群众不满");
  g_assert_cmpstr (stored->mechanism, !=, "每月讲评一次");
}

/* A workflow step from a form that shows the problem before another
 * clerk's change is told, not applied. */
static void
test_gate_after_other (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RctProblem) stored = NULL;
  g_autoptr(RctProblem) before = on_disk (f);
  const char *message;

  g_assert_cmpstr (before->status, ==, "registered");
  g_assert_true (rct_store_update_va (f->other, RCT_KIND_PROBLEM, f->id, NULL, &error, "category", "作风纪律", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "ledger.start", NULL));
  pump ();
  message = rct_problem_detail_get_message (detail (f));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "王芳"));
  stored = on_disk (f);
  g_assert_cmpstr (stored->status, ==, "registered");
}

static void
error_cb (RctTaskDetail *detail,
          const char    *message,
          char         **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* The task form alike: the sentence and their values where the form holds
 * others, nothing written; Save again goes over theirs. */
static void
test_task_form (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = rct_store_list (f->store, RCT_KIND_TASK, NULL, &error);
  g_autoptr(RctTask) stored = NULL;
  g_autofree char *message = NULL;
  g_autofree char *their_title = NULL;
  RctTaskDetail *task_detail = g_object_new (RCT_TYPE_TASK_DETAIL, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 id;

  g_assert_nonnull (tasks);
  g_assert_cmpuint (tasks->len, >, 0);
  id = rct_record_get_id (g_ptr_array_index (tasks, 0));
  gtk_window_set_child (window, GTK_WIDGET (task_detail));
  rct_task_detail_set_store (task_detail, f->store);
  rct_task_detail_show_task (task_detail, id);
  g_signal_connect (task_detail, "error", G_CALLBACK (error_cb), &message);
  gtk_window_present (window);
  pump ();

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (task_detail), RCT_TYPE_TASK_DETAIL,
                                                                      "title_entry")), "我改的任务名称");
  g_assert_true (rct_store_update_va (f->other, RCT_KIND_TASK, id, NULL, &error, "title", "王芳改的任务名称", NULL));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (task_detail), "task.save", NULL));
  pump ();
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "王芳"));
  g_assert_nonnull (strstr (message, "王芳改的任务名称"));
  stored = rct_store_get (f->store, RCT_KIND_TASK, id, NULL);
  g_assert_cmpstr (stored->title, ==, "王芳改的任务名称");
  g_clear_object (&stored);

  g_clear_pointer (&message, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (task_detail), "task.save", NULL));
  pump ();
  g_assert_null (message);
  stored = rct_store_get (f->store, RCT_KIND_TASK, id, NULL);
  g_assert_cmpstr (stored->title, ==, "我改的任务名称");
  gtk_window_destroy (window);
  pump ();
}

/* The entry a label names, anywhere under @widget. */
static GtkWidget *
find_labelled (GtkWidget  *widget,
               const char *label)
{
  g_autoptr(GList) labels = gtk_widget_list_mnemonic_labels (widget);

  if (labels != NULL && GTK_IS_LABEL (labels->data) && g_strcmp0 (gtk_label_get_text (labels->data), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A page in a window of its own, on the fixture's store. */
static GtkWindow *
window_with (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  pump ();
  return window;
}

/* The supervisors page's feedback detail and the groups page's group form:
 * the sentence, nothing written, Save again goes over theirs. */
static void
test_feedback_and_group_forms (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feedback = rct_store_list (f->store, RCT_KIND_FEEDBACK, NULL, &error);
  g_autoptr(RctFeedback) stored = NULL;
  g_autoptr(RctWorkingGroup) group = NULL;
  g_autofree char *message = NULL;
  RctSupervisorsPage *supervisors = RCT_SUPERVISORS_PAGE (rct_supervisors_page_new ());
  RctGroupsPage *groups = g_object_new (RCT_TYPE_GROUPS_PAGE, NULL);
  GtkWindow *window = window_with (GTK_WIDGET (supervisors));
  GtkWindow *groups_window = window_with (GTK_WIDGET (groups));
  GtkWidget *entry;
  gint64 feedback_id, group_id;

  rct_supervisors_page_set_store (supervisors, f->store, FALSE);
  pump ();
  feedback_id = rct_record_get_id (g_ptr_array_index (feedback, 0));
  g_assert_true (rct_supervisors_page_select_feedback (supervisors, feedback_id));
  pump ();
  entry = find_labelled (GTK_WIDGET (supervisors), "Reply due");
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "2021-06-30");
  g_assert_true (rct_store_update_va (f->other, RCT_KIND_FEEDBACK, feedback_id, NULL, &error,
                                      "reply_due", "2021-06-15", NULL));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (supervisors), "supervisors.save", NULL));
  pump ();
  g_assert_nonnull (strstr (rct_supervisors_page_get_message (supervisors), "王芳"));
  g_assert_nonnull (strstr (rct_supervisors_page_get_message (supervisors), "2021-06-15"));
  stored = rct_store_get (f->store, RCT_KIND_FEEDBACK, feedback_id, NULL);
  g_assert_cmpstr (stored->reply_due, ==, "2021-06-15");
  g_clear_object (&stored);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (supervisors), "supervisors.save", NULL));
  pump ();
  stored = rct_store_get (f->store, RCT_KIND_FEEDBACK, feedback_id, NULL);
  g_assert_cmpstr (stored->reply_due, ==, "2021-06-30");

  rct_groups_page_set_store (groups, f->store);
  pump ();
  g_assert_true (rct_groups_page_select_group (groups, "宣传报道组"));
  pump ();
  group_id = rct_store_find_id (f->store, RCT_KIND_WORKING_GROUP, "宣传报道组", NULL);
  g_signal_connect (groups, "error", G_CALLBACK (error_cb), &message);
  entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (groups), RCT_TYPE_GROUPS_PAGE, "group_lead_entry"));
  g_assert_true (rct_store_update_va (f->other, RCT_KIND_WORKING_GROUP, group_id, NULL, &error,
                                      "remit", "王芳写的职责", NULL));
  g_assert_no_error (error);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (groups), RCT_TYPE_GROUPS_PAGE,
                                                                      "group_name_entry")), "宣传报道专班");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (groups), "group.save", NULL));
  pump ();
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "王芳写的职责"));
  group = rct_store_get (f->store, RCT_KIND_WORKING_GROUP, group_id, NULL);
  g_assert_cmpstr (group->name, ==, "宣传报道组");
  g_clear_object (&group);
  g_clear_pointer (&message, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (groups), "group.save", NULL));
  pump ();
  g_assert_null (message);
  group = rct_store_get (f->store, RCT_KIND_WORKING_GROUP, group_id, NULL);
  g_assert_cmpstr (group->name, ==, "宣传报道专班");
  (void) entry;

  gtk_window_destroy (groups_window);
  gtk_window_destroy (window);
  pump ();
}

/* Item 5 in the window, on the test command's cluster (RECTIFY_TEST_PG):
 * the server ends the window's session just before Save. The form says
 * so, keeps the edit, writes nothing; its retry saves it once the store
 * has reconnected. */
static void
test_connection_lost_retried (void)
{
  const char *cluster = g_getenv ("RECTIFY_TEST_PG");
  g_autofree char *name = NULL;
  g_autofree char *location = NULL;
  g_autofree char *kill = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctStore) admin = NULL;
  g_autoptr(RctProblem) stored = NULL;
  RctProblemDetail *form;
  GtkWindow *window;
  RctLedgerPage *page;
  GtkWidget *description;
  gint64 id = 0, deadline;
  int pid = 0;

  if (cluster == NULL || *cluster == '\0')
    {
      g_test_skip ("no PostgreSQL cluster (RECTIFY_TEST_PG; build-aux/test.sh starts one)");
      return;
    }
  rct_clock_set_today ("2021-05-20");
  location = rct_test_pg_new_database (NULL, &name);
  store = rct_store_open (location, RCT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  admin = rct_store_open (location, RCT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (rct_store_create_va (store, RCT_KIND_UNIT, NULL, &error, "name", "回河派出所", NULL));
  id = rct_test_add_problem (store, "回河派出所", "2021-04-20", "2021-05-20", "原来的描述");

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  page = RCT_LEDGER_PAGE (rct_ledger_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  rct_ledger_page_set_store (page, store, FALSE);
  gtk_window_present (window);
  pump ();
  g_assert_true (rct_ledger_page_select_problem (page, id));
  pump ();
  form = RCT_PROBLEM_DETAIL (rct_ledger_page_get_detail (page));
  description = rct_problem_detail_get_field (form, "description");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (description)), "断线时填写的描述", -1);

  g_assert_true (_rct_store_query_int (store, "SELECT pg_backend_pid ()", &pid, &error));
  kill = g_strdup_printf ("SELECT pg_terminate_backend (%d)", pid);
  g_assert_true (_rct_store_exec (admin, kill, &error));
  g_assert_no_error (error);
  g_usleep (100 * 1000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ledger.save", NULL));
  pump ();
  g_assert_cmpstr (rct_problem_detail_get_message (form), ==,
                   "The connection to the server was lost; your edit is kept in the form and will be saved "
                   "when the server is back.");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (description));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "断线时填写的描述");
  }
  stored = rct_store_get (admin, RCT_KIND_PROBLEM, id, &error);
  g_assert_cmpstr (stored->description, ==, "原来的描述");
  g_clear_object (&stored);

  /* The retry, within a few seconds. */
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (g_strcmp0 (rct_problem_detail_get_message (form), "Saved.") != 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50 * 1000);
    }
  g_assert_cmpstr (rct_problem_detail_get_message (form), ==, "Saved.");
  stored = rct_store_get (admin, RCT_KIND_PROBLEM, id, &error);
  g_assert_cmpstr (stored->description, ==, "断线时填写的描述");

  gtk_window_destroy (window);
  pump ();
  g_clear_object (&admin);
  g_clear_object (&store);
  rct_test_pg_drop_database (name);
  rct_clock_set_today (NULL);
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("RECTIFY_LOCALEDIR");

  gtk_test_init (&argc, &argv, NULL);
  /* The build's catalogues and the environment's language, for the
   * screenshot in Chinese (gtk_test_init() keeps the C locale). */
  if (localedir != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/conflict/told-kept-and-saved-over", test_conflict_told);
  ADD ("/ui/conflict/discard-mine", test_conflict_discard);
  ADD ("/ui/conflict/gate-after-another", test_gate_after_other);
  ADD ("/ui/conflict/task-form", test_task_form);
  ADD ("/ui/conflict/feedback-and-group-forms", test_feedback_and_group_forms);
#undef ADD
  g_test_add_func ("/ui/conflict/connection-lost-retried", test_connection_lost_retried);
  return g_test_run ();
}
