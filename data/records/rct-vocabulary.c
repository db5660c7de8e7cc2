/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rct-vocabulary.h"

static const RctVocabularyEntry problem_status[] = {
  { "registered", N_("Registered"), "已登记|待整改|未整改|登记" },
  { "rectifying", N_("Rectifying"), "整改中|正在整改|整改" },
  { "awaiting-verification", N_("Awaiting verification"), "待核查|待验收|待审核" },
  { "closed", N_("Closed"), "已销号|已整改|整改完成|已完成|销号" },
};

static const RctVocabularyEntry problem_source[] = {
  { "self-inspection", N_("Self-inspection"), "自查|自查自纠" },
  { "office-inspection", N_("Inspection by the office"), "办公室检查|督导检查|明察暗访" },
  { "public-report", N_("Public report"), "群众举报|群众反映|举报" },
  { "supervisor-feedback", N_("Supervisor feedback"), "监督员反馈|社会监督员反馈" },
  { "superior-inspection", N_("Superior inspection"), "上级督查|上级督导|上级检查" },
  { "case-review", N_("Case review"), "案件评查|案卷评查" },
};

static const RctVocabularyEntry task_kind[] = {
  { "prescribed", N_("Prescribed"), "规定动作" },
  { "self-chosen", N_("Self-chosen"), "自选动作" },
};

static const RctVocabularyEntry task_status[] = {
  { "not-started", N_("Not started"), "未开始" },
  { "in-progress", N_("In progress"), "进行中" },
  { "done", NC_("task status", "Done"), "已完成" },
};

static const RctVocabularyEntry phase[] = {
  { "study", N_("Study and education"), "学习教育|学习教育环节" },
  { "rectify", N_("Investigate and rectify"), "查纠整改|查纠整改环节" },
  { "consolidate", N_("Sum up and consolidate"), "总结提升|总结提升环节" },
};

static const RctVocabularyEntry supervisor_category[] = {
  { "deputy", N_("People's congress deputy"), "人大代表" },
  { "cadre", N_("Party or government cadre"), "党政机关干部|机关干部" },
  { "village", N_("Village committee member"), "村支两委|村支两委成员|村干部" },
  { "citizen", N_("Ordinary citizen"), "普通群众|群众" },
  { "other", N_("Other"), "其他" },
};

static const RctVocabularyEntry feedback_channel[] = {
  { "visit", N_("Visit"), "走访|来访" },
  { "phone", N_("Phone"), "电话" },
  { "letter", N_("Letter"), "信件|来信" },
  { "meeting", N_("Meeting"), "座谈会|会议" },
  { "online", N_("Online"), "网络|网上" },
};

static const RctVocabularyEntry feedback_kind[] = {
  { "complaint", N_("Complaint"), "投诉" },
  { "suggestion", N_("Suggestion"), "建议" },
  { "praise", N_("Praise"), "表扬" },
};

static const RctVocabularyEntry satisfaction[] = {
  { "satisfied", N_("Satisfied"), "满意" },
  { "basically-satisfied", N_("Basically satisfied"), "基本满意" },
  { "unsatisfied", N_("Unsatisfied"), "不满意" },
};

static const RctVocabularyEntry deadline_state[] = {
  { "due-soon", N_("Due soon"), "临期" },
  { "overdue", N_("Overdue"), "超期|逾期" },
};

static const RctVocabularyEntry officer_kind[] = {
  { "police", N_("Police officer"), "民警|警察" },
  { "auxiliary", N_("Auxiliary"), "辅警|协警" },
};

static const RctVocabularyEntry activity_kind[] = {
  { "reading", N_("Daily reading"), "读党史|百警百日读党史|诵读" },
  { "essay", N_("Essays"), "征文|主题征文" },
  { "open-day", N_("Open day"), "警营开放日|开放日" },
  { "campus", N_("Campus talks"), "进校园|安全知识进校园" },
  { "night-school", N_("Night school"), "夜校" },
};

/* The usual kinds of 问责, mildest first; an office may record its own
 * words beside these (the store keeps them as written). */
static const RctVocabularyEntry accountability_kind[] = {
  { "reminder-talk", N_("Reminder talk"), "谈话提醒|约谈|提醒谈话" },
  { "criticism", N_("Criticism and education"), "批评教育" },
  { "ordered-review", N_("Ordered to make a self-examination"), "责令检查|责令作出书面检查" },
  { "circulated-criticism", N_("Circulated criticism"), "通报批评|通报" },
  { "admonition", N_("Admonition"), "诫勉|诫勉谈话" },
  { "reassignment", N_("Organisational adjustment"), "组织调整|组织处理" },
  { "disciplinary", N_("Disciplinary sanction"), "纪律处分|党纪政务处分|处分" },
};

static const RctVocabularyEntry visit_method[] = {
  { "open", N_("Open inspection"), "明察" },
  { "unannounced", N_("Unannounced inspection"), "暗访" },
  { "briefing", N_("Briefing heard"), "听取汇报" },
  { "ledger-review", N_("Ledgers reviewed"), "查阅台账" },
  { "interview", N_("Individual talks"), "个别谈话" },
};

/* How grave a problem is (一般 / 较重 / 严重); "normal" unless the office
 * says otherwise. */
static const RctVocabularyEntry severity[] = {
  { "normal", N_("Ordinary"), "一般" },
  { "serious", N_("Serious"), "较重|较严重" },
  { "grave", N_("Grave"), "严重|重大" },
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
  VOCAB (RCT_VOCAB_OFFICER_KIND, N_("officer kind"), officer_kind),
  VOCAB (RCT_VOCAB_ACTIVITY_KIND, N_("activity kind"), activity_kind),
  VOCAB (RCT_VOCAB_ACCOUNTABILITY_KIND, N_("kind of accountability"), accountability_kind),
  VOCAB (RCT_VOCAB_VISIT_METHOD, N_("method"), visit_method),
  VOCAB (RCT_VOCAB_SEVERITY, N_("severity"), severity),
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

/**
 * rct_vocabulary_find_key:
 *
 * The key a person meant: the key itself, its label in English or in the
 * current language, or a word office spreadsheets use for it (已销号).
 *
 * Returns: (nullable): the key, or %NULL
 */
const char *
rct_vocabulary_find_key (RctVocabulary  vocab,
                         const char    *text)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (vocab < RCT_N_VOCABS, NULL);
  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  for (guint i = 0; i < vocabularies[vocab].n_entries; i++)
    {
      const RctVocabularyEntry *entry = &vocabularies[vocab].entries[i];
      g_auto(GStrv) aliases = g_strsplit (entry->aliases != NULL ? entry->aliases : "", "|", -1);

      if (g_str_equal (stripped, entry->key) || g_ascii_strcasecmp (stripped, entry->label) == 0 ||
          g_str_equal (stripped, rct_vocabulary_label (vocab, entry->key)) ||
          g_strv_contains ((const char * const *) aliases, stripped))
        return entry->key;
    }
  return NULL;
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

/* What the fields of a problem and of its measures are called where a
 * person reads their history; the journal keeps the column's name. */
static const struct
{
  const char *table;
  const char *field;
  const char *label;
} field_labels[] = {
  { "problem", "number", N_("Number") },
  { "problem", "description", N_("Description") },
  { "problem", "source", N_("Source") },
  { "problem", "category", N_("Category") },
  { "problem", "unit", N_("Unit") },
  { "problem", "group", N_("Working group") },
  { "problem", "responsible", N_("Responsible person") },
  { "problem", "found_date", N_("Found") },
  { "problem", "deadline", N_("Deadline") },
  { "problem", "mechanism", N_("Lasting mechanism") },
  { "problem", "severity", N_("Severity") },
  { "problem", "cause", N_("Cause analysis") },
  { "problem", "leader", N_("Responsible leader") },
  { "problem", "listed_level", N_("Listed for supervision by") },
  { "problem", "listed_date", N_("Listed on") },
  { "problem", "listed_by", N_("Listed by") },
  { "problem", "listed_lifted", N_("Listing lifted on") },
  { "problem", "listed_lift_reason", N_("Why the listing was lifted") },
  { "problem", "status", N_("Status") },
  { "problem", "closed_date", N_("Closed on") },
  { "problem", "verified_by", N_("Verified by") },
  { "problem", "verification", N_("How it was verified") },
  { "measure", "text", N_("Measure") },
  { "measure", "owner", N_("Owner") },
  { "measure", "deadline", N_("Deadline") },
  { "measure", "done_date", N_("Done on") },
};

/**
 * rct_vocabulary_field_label:
 * @table: the record's table, as the journal names it
 * @field: the field, as the journal names it
 *
 * Returns: the field's name for a person, translated; the field itself
 *   when it has none
 */
const char *
rct_vocabulary_field_label (const char *table,
                            const char *field)
{
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].table, table) == 0 && g_str_equal (field_labels[i].field, field))
      return g_dgettext (GETTEXT_PACKAGE, field_labels[i].label);
  return field != NULL ? field : "";
}
