/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#define G_LOG_DOMAIN "rct-campaign"

#include "config.h"

#include "rct-campaign.h"

G_DEFINE_FINAL_TYPE (RctCampaign, rct_campaign, RCT_TYPE_RECORD)

static const RctRecordField fields[] = {
  { "name", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctCampaign, name) },
  { "leader", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctCampaign, leader) },
  { "deputy_leaders", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctCampaign, deputy_leaders) },
  { "leading_members", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctCampaign, leading_members) },
  { "office", RCT_FIELD_STRING, G_STRUCT_OFFSET (RctCampaign, office) },
};

static void
rct_campaign_class_init (RctCampaignClass *klass)
{
  rct_record_class_install_fields (RCT_RECORD_CLASS (klass), RCT_KIND_CAMPAIGN,
                                   fields, G_N_ELEMENTS (fields));
}

static void
rct_campaign_init (RctCampaign *self)
{
}

RctCampaign *
rct_campaign_new (void)
{
  return g_object_new (RCT_TYPE_CAMPAIGN, NULL);
}
