/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include "rct-stmt.h"

G_BEGIN_DECLS

/* The kinds of record a ledger holds. The order is the order of the tables. */
typedef enum
{
  RCT_KIND_CAMPAIGN,
  RCT_KIND_PHASE,
  RCT_KIND_UNIT,
  RCT_KIND_PERSON,
  RCT_KIND_WORKING_GROUP,
  RCT_KIND_TASK,
  RCT_KIND_TASK_PROGRESS,
  RCT_KIND_PROBLEM,
  RCT_KIND_MEASURE,
  RCT_KIND_EXTENSION,
  RCT_KIND_EVIDENCE,
  RCT_KIND_SUPERVISOR,
  RCT_KIND_FEEDBACK,
  RCT_KIND_JOURNAL,
  RCT_KIND_OFFICER,
  RCT_KIND_COURSE,
  RCT_KIND_ENROLMENT,
  RCT_KIND_ACTIVITY_SERIES,
  RCT_KIND_ACTIVITY_ENTRY,
  RCT_KIND_ACCOUNTABILITY,
  RCT_KIND_VISIT,
  RCT_N_KINDS
} RctKind;

typedef enum
{
  RCT_FIELD_STRING,
  RCT_FIELD_INT64,
  RCT_FIELD_BOOLEAN,
} RctFieldType;

/* One column of a record: the SQL column (also the property name, with
 * '_' written as '-'), its type and where it lives in the instance. */
typedef struct
{
  const char   *column;
  RctFieldType  type;
  gsize         offset;
} RctRecordField;

#define RCT_TYPE_RECORD (rct_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (RctRecord, rct_record, RCT, RECORD, GObject)

struct _RctRecordClass
{
  GObjectClass parent_class;

  RctKind               kind;
  const RctRecordField *fields;
  guint                 n_fields;
};

void             rct_record_class_install_fields (RctRecordClass       *klass,
                                                  RctKind               kind,
                                                  const RctRecordField *fields,
                                                  guint                 n_fields);
RctKind          rct_record_get_kind             (RctRecord    *self);
gint64           rct_record_get_id               (RctRecord    *self);
const char      *rct_record_get_uuid             (RctRecord    *self);
const char      *rct_record_get_created_at       (RctRecord    *self);
const char      *rct_record_get_updated_at       (RctRecord    *self);
const char      *rct_record_get_owner_org        (RctRecord    *self);
gint64           rct_record_get_revision         (RctRecord    *self);
const char      *rct_record_get_string           (RctRecord    *self,
                                                  const char   *column);
gint64           rct_record_get_int              (RctRecord    *self,
                                                  const char   *column);
char            *rct_record_dup_value            (RctRecord    *self,
                                                  const char   *column);
void             rct_record_fill_from_statement  (RctRecord    *self,
                                                  RctStmt *stmt);
void             rct_record_update_from          (RctRecord    *self,
                                                  RctRecord    *newer);
void             rct_record_become               (RctRecord    *self,
                                                  RctRecord    *other);
const char      *rct_kind_to_table               (RctKind       kind);
gboolean         rct_kind_from_table             (const char   *table,
                                                  RctKind      *kind);

G_END_DECLS
