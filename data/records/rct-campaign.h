/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/gen-records.py; edit the table there. */
#pragma once

#include "rct-record.h"

G_BEGIN_DECLS

#define RCT_TYPE_CAMPAIGN (rct_campaign_get_type ())
G_DECLARE_FINAL_TYPE (RctCampaign, rct_campaign, RCT, CAMPAIGN, RctRecord)

/* The campaign (教育整顿) a ledger follows.
 * The fields are public for reading; change them through RctStore. */
struct _RctCampaign
{
  RctRecord parent_instance;

  char    *name;
  char    *leader;
  char    *deputy_leaders;
  char    *leading_members;
  char    *office;
};

RctCampaign *rct_campaign_new (void);

G_END_DECLS
