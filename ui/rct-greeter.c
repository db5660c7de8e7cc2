/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-greeter"

#include "config.h"

#include "rct-greeter.h"

/* RctGreeter: the page a new ledger shows. Its three choices are the
 * window's ledger.* actions, so the greeting holds no logic of its own. */

struct _RctGreeter
{
  GtkWidget  parent_instance;

  GtkWidget *content;
};

G_DEFINE_FINAL_TYPE (RctGreeter, rct_greeter, GTK_TYPE_WIDGET)

static void
rct_greeter_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RCT_TYPE_GREETER);
  /* The template's top child is not a bound child: unparent what is left. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (rct_greeter_parent_class)->dispose (object);
}

static void
rct_greeter_class_init (RctGreeterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rct_greeter_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rectify/Rectify/rct-greeter.ui");
  gtk_widget_class_bind_template_child (widget_class, RctGreeter, content);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "greeter");
}

static void
rct_greeter_init (RctGreeter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
