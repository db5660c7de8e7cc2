/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-record"

#include "config.h"

#include <string.h>

#include "rct-record.h"

/* RctRecord is the base of every record a ledger holds. A subclass lists its
 * columns once (RctRecordField); from that list we install the GObject
 * properties that .ui files bind to, map SQL rows by column name, and free
 * the strings. Records are values read from the store: change them through
 * RctStore, which writes the journal, never by setting properties. */

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *created_at;
  char   *updated_at;
  char   *owner_org;  /* the owner organisation's uuid; NULL: the ledger's own */
  gint64  revision;   /* one more at every write; 0 for records that have none */
} RctRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RctRecord, rct_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *kind_tables[RCT_N_KINDS] = {
  [RCT_KIND_CAMPAIGN] = "campaign",
  [RCT_KIND_PHASE] = "phase",
  [RCT_KIND_UNIT] = "unit",
  [RCT_KIND_PERSON] = "person",
  [RCT_KIND_WORKING_GROUP] = "working_group",
  [RCT_KIND_TASK] = "task",
  [RCT_KIND_TASK_PROGRESS] = "task_progress",
  [RCT_KIND_PROBLEM] = "problem",
  [RCT_KIND_MEASURE] = "measure",
  [RCT_KIND_EXTENSION] = "extension",
  [RCT_KIND_EVIDENCE] = "evidence",
  [RCT_KIND_SUPERVISOR] = "supervisor",
  [RCT_KIND_FEEDBACK] = "feedback",
  [RCT_KIND_JOURNAL] = "journal",
  [RCT_KIND_OFFICER] = "officer",
  [RCT_KIND_COURSE] = "course",
  [RCT_KIND_ENROLMENT] = "enrolment",
  [RCT_KIND_ACTIVITY_SERIES] = "activity_series",
  [RCT_KIND_ACTIVITY_ENTRY] = "activity_entry",
  [RCT_KIND_ACCOUNTABILITY] = "accountability",
  [RCT_KIND_VISIT] = "visit",
};

const char *
rct_kind_to_table (RctKind kind)
{
  g_return_val_if_fail (kind < RCT_N_KINDS, NULL);
  return kind_tables[kind];
}

gboolean
rct_kind_from_table (const char *table,
                     RctKind    *kind)
{
  for (guint i = 0; i < RCT_N_KINDS; i++)
    {
      if (g_strcmp0 (kind_tables[i], table) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

static const RctRecordField *
find_field (RctRecordClass *klass,
            const char     *column)
{
  for (guint i = 0; i < klass->n_fields; i++)
    if (strcmp (klass->fields[i].column, column) == 0)
      return &klass->fields[i];
  return NULL;
}

static void
replace_string (char       **slot,
                const char  *text)
{
  g_free (*slot);
  *slot = g_strdup (text);
}

#define FIELD_PTR(obj, field) ((gpointer) (((guint8 *) (obj)) + (field)->offset))

static void
rct_record_finalize (GObject *object)
{
  RctRecord *self = RCT_RECORD (object);
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  RctRecordClass *klass = RCT_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    if (klass->fields[i].type == RCT_FIELD_STRING)
      g_clear_pointer ((char **) FIELD_PTR (self, &klass->fields[i]), g_free);

  g_clear_pointer (&priv->uuid, g_free);
  g_clear_pointer (&priv->created_at, g_free);
  g_clear_pointer (&priv->updated_at, g_free);
  g_clear_pointer (&priv->owner_org, g_free);

  G_OBJECT_CLASS (rct_record_parent_class)->finalize (object);
}

static void
rct_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RctRecord *self = RCT_RECORD (object);
  RctRecordPrivate *priv = rct_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, priv->revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The subclass properties: prop_id is the index in the field list, plus one. */
static void
rct_record_field_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RctRecordClass *klass = g_type_class_peek (pspec->owner_type);
  const RctRecordField *field;

  if (prop_id == 0 || prop_id > klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  field = &klass->fields[prop_id - 1];
  switch (field->type)
    {
    case RCT_FIELD_STRING:
      g_value_set_string (value, *(char **) FIELD_PTR (object, field));
      break;
    case RCT_FIELD_INT64:
      g_value_set_int64 (value, *(gint64 *) FIELD_PTR (object, field));
      break;
    case RCT_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) FIELD_PTR (object, field));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
rct_record_class_init (RctRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rct_record_finalize;
  object_class->get_property = rct_record_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* The record's revision as read: a form keeps it, and its save is
   * refused when the record has moved on since (docs/RELIABILITY.md). */
  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rct_record_init (RctRecord *self)
{
}

/**
 * rct_record_class_install_fields:
 *
 * Installs one read-only property per field. The property name is the
 * column name with '_' written as '-', so `found_date` is `found-date`.
 */
void
rct_record_class_install_fields (RctRecordClass       *klass,
                                 RctKind               kind,
                                 const RctRecordField *fields,
                                 guint                 n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->kind = kind;
  klass->fields = fields;
  klass->n_fields = n_fields;
  object_class->get_property = rct_record_field_get_property;

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (fields[i].column), "_", '-');
      GParamSpec *pspec = NULL;
      const char *interned = g_intern_string (name);

      switch (fields[i].type)
        {
        case RCT_FIELD_STRING:
          pspec = g_param_spec_string (interned, NULL, NULL, NULL,
                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
          break;
        case RCT_FIELD_INT64:
          pspec = g_param_spec_int64 (interned, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
          break;
        case RCT_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (interned, NULL, NULL, FALSE,
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
          break;
        default:
          g_assert_not_reached ();
        }
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

RctKind
rct_record_get_kind (RctRecord *self)
{
  g_return_val_if_fail (RCT_IS_RECORD (self), RCT_N_KINDS);
  return RCT_RECORD_GET_CLASS (self)->kind;
}

gint64
rct_record_get_id (RctRecord *self)
{
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  g_return_val_if_fail (RCT_IS_RECORD (self), 0);
  return priv->id;
}

const char *
rct_record_get_uuid (RctRecord *self)
{
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  g_return_val_if_fail (RCT_IS_RECORD (self), NULL);
  return priv->uuid;
}

const char *
rct_record_get_created_at (RctRecord *self)
{
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  return priv->created_at;
}

const char *
rct_record_get_updated_at (RctRecord *self)
{
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  return priv->updated_at;
}

/**
 * rct_record_get_revision:
 *
 * Returns: the record's revision when it was read (one more at every
 *   write), or 0 for a kind that has none
 */
gint64
rct_record_get_revision (RctRecord *self)
{
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  g_return_val_if_fail (RCT_IS_RECORD (self), 0);
  return priv->revision;
}

/**
 * rct_record_get_owner_org:
 *
 * Returns: (nullable): the uuid of the organisation that owns the record,
 *   or %NULL for the ledger's own organisation
 */
const char *
rct_record_get_owner_org (RctRecord *self)
{
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  return priv->owner_org;
}

/**
 * rct_record_get_string:
 *
 * Returns: (nullable) (transfer none): the text of a string column
 */
const char *
rct_record_get_string (RctRecord  *self,
                       const char *column)
{
  const RctRecordField *field;

  g_return_val_if_fail (RCT_IS_RECORD (self), NULL);

  if (g_strcmp0 (column, "uuid") == 0)
    return rct_record_get_uuid (self);
  if (g_strcmp0 (column, "created_at") == 0)
    return rct_record_get_created_at (self);
  if (g_strcmp0 (column, "updated_at") == 0)
    return rct_record_get_updated_at (self);

  field = find_field (RCT_RECORD_GET_CLASS (self), column);
  g_return_val_if_fail (field != NULL && field->type == RCT_FIELD_STRING, NULL);
  return *(char **) FIELD_PTR (self, field);
}

gint64
rct_record_get_int (RctRecord  *self,
                    const char *column)
{
  const RctRecordField *field;

  g_return_val_if_fail (RCT_IS_RECORD (self), 0);

  if (g_strcmp0 (column, "id") == 0)
    return rct_record_get_id (self);
  if (g_strcmp0 (column, "revision") == 0)
    return rct_record_get_revision (self);

  field = find_field (RCT_RECORD_GET_CLASS (self), column);
  g_return_val_if_fail (field != NULL && field->type != RCT_FIELD_STRING, 0);
  if (field->type == RCT_FIELD_BOOLEAN)
    return *(gboolean *) FIELD_PTR (self, field);
  return *(gint64 *) FIELD_PTR (self, field);
}

/**
 * rct_record_dup_value:
 *
 * Returns: (nullable) (transfer full): any column as text, as the journal
 *   and the command line show it; %NULL when the column is empty.
 */
char *
rct_record_dup_value (RctRecord  *self,
                      const char *column)
{
  const RctRecordField *field;

  if (g_strcmp0 (column, "id") == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, rct_record_get_id (self));
  if (g_strcmp0 (column, "uuid") == 0 || g_strcmp0 (column, "created_at") == 0 ||
      g_strcmp0 (column, "updated_at") == 0)
    return g_strdup (rct_record_get_string (self, column));

  field = find_field (RCT_RECORD_GET_CLASS (self), column);
  if (field == NULL)
    return NULL;
  switch (field->type)
    {
    case RCT_FIELD_STRING:
      return g_strdup (*(char **) FIELD_PTR (self, field));
    case RCT_FIELD_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, *(gint64 *) FIELD_PTR (self, field));
    case RCT_FIELD_BOOLEAN:
      return g_strdup (*(gboolean *) FIELD_PTR (self, field) ? "1" : "0");
    default:
      g_assert_not_reached ();
    }
}

/**
 * rct_record_fill_from_statement:
 *
 * Copies the current row of @stmt into the record, matching result columns
 * to fields by name. Columns the record does not know are ignored.
 */
void
rct_record_fill_from_statement (RctRecord    *self,
                                RctStmt *stmt)
{
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  RctRecordClass *klass = RCT_RECORD_GET_CLASS (self);
  int n = rct_stmt_column_count (stmt);

  for (int i = 0; i < n; i++)
    {
      const char *name = rct_stmt_column_name (stmt, i);
      const char *text = rct_stmt_column_text (stmt, i);
      const RctRecordField *field;

      if (strcmp (name, "id") == 0)
        priv->id = rct_stmt_column_int64 (stmt, i);
      else if (strcmp (name, "uuid") == 0)
        replace_string (&priv->uuid, text);
      else if (strcmp (name, "created_at") == 0)
        replace_string (&priv->created_at, text);
      else if (strcmp (name, "updated_at") == 0)
        replace_string (&priv->updated_at, text);
      else if (strcmp (name, "revision") == 0)
        priv->revision = rct_stmt_column_int64 (stmt, i);
      else if (strcmp (name, "owner_org") == 0 || strcmp (name, "author_org") == 0)
        replace_string (&priv->owner_org, text);  /* a journal row's author is its owner */
      else if ((field = find_field (klass, name)) != NULL)
        {
          switch (field->type)
            {
            case RCT_FIELD_STRING:
              g_free (*(char **) FIELD_PTR (self, field));
              *(char **) FIELD_PTR (self, field) = g_strdup (text);
              break;
            case RCT_FIELD_INT64:
              *(gint64 *) FIELD_PTR (self, field) = rct_stmt_column_int64 (stmt, i);
              break;
            case RCT_FIELD_BOOLEAN:
              *(gboolean *) FIELD_PTR (self, field) = rct_stmt_column_int (stmt, i) != 0;
              break;
            default:
              g_assert_not_reached ();
            }
        }
    }
}

/**
 * rct_record_become:
 * @other: another record of the same kind
 *
 * Takes every value of @other, its id and uuid too, and notifies what
 * changed: RctRecordList's recycled positions (see
 * rct_record_list_set_recycle()) show another row this way.
 */
void
rct_record_become (RctRecord *self,
                   RctRecord *other)
{
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  RctRecordPrivate *other_priv = rct_record_get_instance_private (other);

  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other));

  g_object_freeze_notify (G_OBJECT (self));
  if (priv->id != other_priv->id)
    {
      priv->id = other_priv->id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
  if (g_strcmp0 (priv->uuid, other_priv->uuid) != 0)
    {
      replace_string (&priv->uuid, other_priv->uuid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
    }
  if (g_strcmp0 (priv->created_at, other_priv->created_at) != 0)
    {
      replace_string (&priv->created_at, other_priv->created_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
    }
  replace_string (&priv->owner_org, other_priv->owner_org);
  rct_record_update_from (self, other);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rct_record_update_from:
 * @newer: the same record, read again
 *
 * Takes the values of @newer and notifies each property that changed, so a
 * row a view shows follows an edit without being replaced (and without
 * losing its selection).
 */
void
rct_record_update_from (RctRecord *self,
                        RctRecord *newer)
{
  RctRecordPrivate *priv = rct_record_get_instance_private (self);
  RctRecordPrivate *newer_priv = rct_record_get_instance_private (newer);
  RctRecordClass *klass = RCT_RECORD_GET_CLASS (self);

  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (newer));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (priv->updated_at, newer_priv->updated_at) != 0)
    {
      replace_string (&priv->updated_at, newer_priv->updated_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
    }
  if (priv->revision != newer_priv->revision)
    {
      priv->revision = newer_priv->revision;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
    }
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const RctRecordField *field = &klass->fields[i];
      gboolean changed = FALSE;

      switch (field->type)
        {
        case RCT_FIELD_STRING:
          {
            char **mine = FIELD_PTR (self, field);
            char *theirs = *(char **) FIELD_PTR (newer, field);
            if (g_strcmp0 (*mine, theirs) != 0)
              {
                replace_string (mine, theirs);
                changed = TRUE;
              }
          }
          break;
        case RCT_FIELD_INT64:
          if (*(gint64 *) FIELD_PTR (self, field) != *(gint64 *) FIELD_PTR (newer, field))
            {
              *(gint64 *) FIELD_PTR (self, field) = *(gint64 *) FIELD_PTR (newer, field);
              changed = TRUE;
            }
          break;
        case RCT_FIELD_BOOLEAN:
          if (*(gboolean *) FIELD_PTR (self, field) != *(gboolean *) FIELD_PTR (newer, field))
            {
              *(gboolean *) FIELD_PTR (self, field) = *(gboolean *) FIELD_PTR (newer, field);
              changed = TRUE;
            }
          break;
        default:
          g_assert_not_reached ();
        }
      if (changed)
        {
          g_autofree char *name = g_strdelimit (g_strdup (field->column), "_", '-');
          g_object_notify (G_OBJECT (self), name);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));
}
