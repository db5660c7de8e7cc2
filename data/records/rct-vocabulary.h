/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The closed word lists of the ledger. Keys are what the store, the command
 * line and the XML use; labels are what a person reads, translated. */
typedef enum
{
  RCT_VOCAB_PROBLEM_STATUS,
  RCT_VOCAB_PROBLEM_SOURCE,
  RCT_VOCAB_TASK_KIND,
  RCT_VOCAB_TASK_STATUS,
  RCT_VOCAB_PHASE,
  RCT_VOCAB_SUPERVISOR_CATEGORY,
  RCT_VOCAB_FEEDBACK_CHANNEL,
  RCT_VOCAB_FEEDBACK_KIND,
  RCT_VOCAB_SATISFACTION,
  RCT_VOCAB_DEADLINE_STATE,
  RCT_VOCAB_OFFICER_KIND,
  RCT_VOCAB_ACTIVITY_KIND,
  RCT_VOCAB_ACCOUNTABILITY_KIND,
  RCT_VOCAB_VISIT_METHOD,
  RCT_VOCAB_SEVERITY,
  RCT_N_VOCABS
} RctVocabulary;

typedef struct
{
  const char *key;
  const char *label;    /* untranslated; use rct_vocabulary_label() */
  const char *aliases;  /* words office spreadsheets use for it, '|'-separated */
} RctVocabularyEntry;

const RctVocabularyEntry *rct_vocabulary_entries (RctVocabulary  vocab,
                                                  guint         *n_entries);
gboolean                  rct_vocabulary_has     (RctVocabulary  vocab,
                                                  const char    *key);
const char               *rct_vocabulary_label   (RctVocabulary  vocab,
                                                  const char    *key);
char                     *rct_vocabulary_keys    (RctVocabulary  vocab);
const char               *rct_vocabulary_find_key (RctVocabulary vocab,
                                                   const char   *text);
const char               *rct_vocabulary_name    (RctVocabulary  vocab);
const char               *rct_vocabulary_field_label (const char *table,
                                                      const char *field);

G_END_DECLS
