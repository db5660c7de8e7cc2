/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rct-vocabulary.h"

static const RctVocabularyEntry problem_status[] = {
  { "registered", N_("Registered") },
  { "rectifying", N_("Rectifying") },
  { "awaiting-verification", N_("Awaiting verification") },
  { "closed", N_("Closed") },
};

static const RctVocabularyEntry problem_source[] = {
  { "self-inspection", N_("Self-inspection") },
  { "office-inspection", N_("Inspection by the office") },
  { "public-report", N_("Public report") },
  { "supervisor-feedback", N_("Supervisor feedback") },
  { "superior-inspection", N_("Superior inspection") },
  { "case-review", N_("Case review") },
};

static const RctVocabularyEntry task_kind[] = {
  { "prescribed", N_("Prescribed") },
  { "self-chosen", N_("Self-chosen") },
};

static const RctVocabularyEntry task_status[] = {
  { "not-started", N_("Not started") },
  { "in-progress", N_("In progress") },
  { "done", NC_("task status", "Done") },
};

static const RctVocabularyEntry phase[] = {
  { "study", N_("Study and education") },
  { "rectify", N_("Investigate and rectify") },
  { "consolidate", N_("Sum up and consolidate") },
};

static const RctVocabularyEntry supervisor_category[] = {
  { "deputy", N_("People's congress deputy") },
  { "cadre", N_("Party or government cadre") },
  { "village", N_("Village committee member") },
  { "citizen", N_("Ordinary citizen") },
  { "other", N_("Other") },
};

static const RctVocabularyEntry feedback_channel[] = {
  { "visit", N_("Visit") },
  { "phone", N_("Phone") },
  { "letter", N_("Letter") },
  { "meeting", N_("Meeting") },
  { "online", N_("Online") },
};

static const RctVocabularyEntry feedback_kind[] = {
  { "complaint", N_("Complaint") },
  { "suggestion", N_("Suggestion") },
  { "praise", N_("Praise") },
};

static const RctVocabularyEntry satisfaction[] = {
  { "satisfied", N_("Satisfied") },
  { "basically-satisfied", N_("Basically satisfied") },
  { "unsatisfied", N_("Unsatisfied") },
};

static const RctVocabularyEntry deadline_state[] = {
  { "due-soon", N_("Due soon") },
  { "overdue", N_("Overdue") },
};

static const struct
{
  const char               *name;
  const RctVocabularyEntry *entries;
  guint                     n_entries;
} vocabularies[RCT_N_VOCABS] = {
#define VOCAB(id, name, array) [id] = { name, array, G_N_ELEMENTS (array) }
  VOCAB (RCT_VOCAB_PROBLEM_STATUS, N_("status"), problem_status),
  VOCAB (RCT_VOCAB_PROBLEM_SOURCE, N_("source"), problem_source),
  VOCAB (RCT_VOCAB_TASK_KIND, N_("task kind"), task_kind),
  VOCAB (RCT_VOCAB_TASK_STATUS, N_("task status"), task_status),
  VOCAB (RCT_VOCAB_PHASE, N_("phase"), phase),
  VOCAB (RCT_VOCAB_SUPERVISOR_CATEGORY, N_("supervisor category"), supervisor_category),
  VOCAB (RCT_VOCAB_FEEDBACK_CHANNEL, N_("channel"), feedback_channel),
  VOCAB (RCT_VOCAB_FEEDBACK_KIND, N_("feedback kind"), feedback_kind),
  VOCAB (RCT_VOCAB_SATISFACTION, N_("satisfaction"), satisfaction),
  VOCAB (RCT_VOCAB_DEADLINE_STATE, N_("deadline"), deadline_state),
#undef VOCAB
};

const RctVocabularyEntry *
rct_vocabulary_entries (RctVocabulary  vocab,
                        guint         *n_entries)
{
  g_return_val_if_fail (vocab < RCT_N_VOCABS, NULL);
  if (n_entries != NULL)
    *n_entries = vocabularies[vocab].n_entries;
  return vocabularies[vocab].entries;
}

gboolean
rct_vocabulary_has (RctVocabulary  vocab,
                    const char    *key)
{
  g_return_val_if_fail (vocab < RCT_N_VOCABS, FALSE);
  for (guint i = 0; key != NULL && i < vocabularies[vocab].n_entries; i++)
    if (g_str_equal (vocabularies[vocab].entries[i].key, key))
      return TRUE;
  return FALSE;
}

/**
 * rct_vocabulary_label:
 *
 * Returns: (transfer none): the translated label of @key, or @key itself
 *   when the list does not know it
 */
const char *
rct_vocabulary_label (RctVocabulary  vocab,
                      const char    *key)
{
  g_return_val_if_fail (vocab < RCT_N_VOCABS, key);
  for (guint i = 0; key != NULL && i < vocabularies[vocab].n_entries; i++)
    {
      const RctVocabularyEntry *entry = &vocabularies[vocab].entries[i];

      if (g_str_equal (entry->key, key))
        {
          if (vocab == RCT_VOCAB_TASK_STATUS && g_str_equal (key, "done"))
            return g_dpgettext2 (GETTEXT_PACKAGE, "task status", entry->label);
          return g_dgettext (GETTEXT_PACKAGE, entry->label);
        }
    }
  return key != NULL ? key : "";
}

/* The keys joined by ", ", for messages such as "use one of …". */
char *
rct_vocabulary_keys (RctVocabulary vocab)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < vocabularies[vocab].n_entries; i++)
    {
      if (i > 0)
        g_string_append (keys, ", ");
      g_string_append (keys, vocabularies[vocab].entries[i].key);
    }
  return g_string_free (keys, FALSE);
}

const char *
rct_vocabulary_name (RctVocabulary vocab)
{
  g_return_val_if_fail (vocab < RCT_N_VOCABS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, vocabularies[vocab].name);
}
