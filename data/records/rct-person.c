/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-person"

#include "config.h"

#include "rct-person.h"

G_DEFINE_FINAL_TYPE (RctPerson, rct_person, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctPerson, name) },
  { "unit_id", RCT_FIELD_INT64, G_STRUCT_OFFSET (RctPerson, unit_id) },
  { "unit_name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctPerson, unit_name) },
  { "title", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctPerson, title) },
  { "phone", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctPerson, phone) },
};

static void
rct_person_class_init (RctPersonClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_PERSON,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_person_init (RctPerson *self)
{
}

RctPerson *
rct_person_new (void)
{
  return g_object_new (RCT_TYPE_PERSON, NULL);
}
