/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rct-c14n.h"
#include "rct-clock.h"
#include "rct-dialect.h"
#include "rct-merge-private.h"
#include "rct-report.h"
#include "rct-report-issue.h"
#include "rct-report-language.h"
#include "rct-report-private.h"
#include "rct-report-sign.h"
#include "rct-store-private.h"
#include "rct-supervision.h"

/* Writing the supervision report: streaming, one record
 * at a time, so a ledger of any size takes no more memory than a small one.
 * Within each kind records come in uuid order, and every field is written,
 * so a report exported, imported into an empty ledger and exported again is
 * the same document apart from the time it was made. */

G_DEFINE_QUARK (rct-report-error-quark, rct_report_error)

typedef struct
{
  const char *name;   /* static: the report's element names */
  gboolean    parent; /* has element children: its end tag on a line of its own */
} Open;

typedef struct
{
  const char *name;
  const char *value;
} Pending;

typedef struct
{
  RctStore          *store;
  GOutputStream     *out;
  GString           *buffer;    /* written out every 64 KB */
  RctDigest         *digest;    /* of the canonical form, for the signature */
  gboolean           digesting;
  GArray            *open;      /* Open, the elements open */
  GArray            *pending;   /* Pending, the attributes of a start tag not yet closed */
  GStringChunk      *strings;   /* their values */
  gboolean           tag_open;
  GCancellable      *cancellable;
  RctReportProgress  progress;
  gpointer           progress_data;
  guint64            done;
  guint64            total;
  const RctScope    *scope;
  GError            *error;
  gboolean           failed;
  GHashTable        *uuids;   /* (kind << 48 | id) -> uuid, see ref_uuid() */
  RctExchangeOut    *exchange; /* what a report to a peer carries, or NULL: everything */
} Writer;

static const char *element_names[RCT_N_KINDS] = {
  [RCT_KIND_CAMPAIGN] = "campaign",
  [RCT_KIND_PHASE] = "phase",
  [RCT_KIND_UNIT] = "unit",
  [RCT_KIND_PERSON] = "person",
  [RCT_KIND_WORKING_GROUP] = "group",
  [RCT_KIND_TASK] = "task",
  [RCT_KIND_TASK_PROGRESS] = "progress",
  [RCT_KIND_PROBLEM] = "problem",
  [RCT_KIND_MEASURE] = "measure",
  [RCT_KIND_EXTENSION] = "extension",
  [RCT_KIND_EVIDENCE] = "evidence",
  [RCT_KIND_SUPERVISOR] = "supervisor",
  [RCT_KIND_FEEDBACK] = "feedback",
  [RCT_KIND_JOURNAL] = "journal",
  [RCT_KIND_ACCOUNTABILITY] = "accountability",
  [RCT_KIND_VISIT] = "visit",
};

static const char *evidence_columns[] = { "filename", "content_type", "size", "sha256", NULL };

/* ---- the document, in canonical form as it is written ----
 *
 * The report is written in the exclusive canonical form of XML (rct-c14n.c
 * reads it back the same way): attributes sorted, every element with an
 * end tag, text and values escaped as C14N escapes them, the one namespace
 * declared on the root. So the bytes of the root element are the bytes
 * its signature digests (issue 21): they go through a SHA-256 as they are
 * written, and the signature is made at the end from that digest, with no
 * second reading of the file and no document in memory. */

static void
flush (Writer *w)
{
  g_autoptr(GError) error = NULL;

  if (w->buffer->len == 0)
    return;
  if (w->digesting)
    rct_digest_update (w->digest, w->buffer->str, w->buffer->len);
  if (!w->failed && !g_output_stream_write_all (w->out, w->buffer->str, w->buffer->len, NULL, w->cancellable, &error))
    {
      w->failed = TRUE;
      if (w->error == NULL)
        w->error = g_steal_pointer (&error);
    }
  g_string_truncate (w->buffer, 0);
}

static void
indent (Writer *w,
        guint   depth)
{
  static const char spaces[] = "\n                                                                ";

  if (1 + 2 * depth < sizeof spaces)
    rct_c14n_put (w->buffer, spaces, 1 + 2 * depth);
  else
    {
      g_string_append_c (w->buffer, '\n');
      for (guint i = 0; i < depth; i++)
        g_string_append (w->buffer, "  ");
    }
}

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const Pending *) a)->name, ((const Pending *) b)->name);
}

/* The start tag's attributes, in C14N's order (none is namespaced). */
static void
close_tag (Writer *w)
{
  if (!w->tag_open)
    return;
  if (w->pending->len > 1)
    g_array_sort (w->pending, compare_pending);
  for (guint i = 0; i < w->pending->len; i++)
    {
      Pending *a = &g_array_index (w->pending, Pending, i);

      rct_c14n_put (w->buffer, " ", 1);
      rct_c14n_put (w->buffer, a->name, strlen (a->name));
      rct_c14n_put (w->buffer, "=\"", 2);
      rct_c14n_escape_attribute (w->buffer, a->value);
      rct_c14n_put (w->buffer, "\"", 1);
    }
  rct_c14n_put (w->buffer, ">", 1);
  g_array_set_size (w->pending, 0);
  g_string_chunk_clear (w->strings);
  w->tag_open = FALSE;
  if (w->buffer->len >= 64 * 1024)
    flush (w);
}

/* @name: a static string (the stack keeps it) */
static void
start (Writer     *w,
       const char *name)
{
  Open open = { name, FALSE };

  close_tag (w);
  if (w->open->len > 0)
    {
      g_array_index (w->open, Open, w->open->len - 1).parent = TRUE;
      indent (w, w->open->len);
    }
  rct_c14n_put (w->buffer, "<", 1);
  rct_c14n_put (w->buffer, name, strlen (name));
  g_array_append_val (w->open, open);
  w->tag_open = TRUE;
}

static void
text (Writer     *w,
      const char *value)
{
  close_tag (w);
  rct_c14n_escape_text (w->buffer, value, -1);
}

static void
end (Writer *w)
{
  Open *open = &g_array_index (w->open, Open, w->open->len - 1);

  close_tag (w);
  if (open->parent)
    indent (w, w->open->len - 1);
  rct_c14n_put (w->buffer, "</", 2);
  rct_c14n_put (w->buffer, open->name, strlen (open->name));
  rct_c14n_put (w->buffer, ">", 1);
  g_array_set_size (w->open, w->open->len - 1);
}

static void
element (Writer     *w,
         const char *name,
         const char *value)
{
  if (value == NULL)
    return;
  start (w, name);
  text (w, value);
  end (w);
}

static void
attribute (Writer     *w,
           const char *name,
           const char *value)
{
  Pending a;

  if (value == NULL)
    return;
  g_return_if_fail (w->tag_open);
  a.name = g_string_chunk_insert_const (w->strings, name);
  a.value = g_string_chunk_insert (w->strings, value);
  g_array_append_val (w->pending, a);
}

/* attribute() for a name and value that outlive the start tag (static
 * names, a statement's columns before it steps): not copied. */
static void
attribute_borrowed (Writer     *w,
                    const char *name,
                    const char *value)
{
  Pending a = { name, value };

  if (value == NULL)
    return;
  g_return_if_fail (w->tag_open);
  g_array_append_val (w->pending, a);
}

/* The XML declaration (outside the canonical form) and the root's start
 * tag with its namespace. */
static void
begin_document (Writer        *w,
                GOutputStream *out,
                const char    *root,
                const char    *namespace)
{
  w->out = out;
  w->buffer = g_string_sized_new (80 * 1024);
  w->digest = rct_digest_new ();
  w->open = g_array_new (FALSE, FALSE, sizeof (Open));
  w->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  w->strings = g_string_chunk_new (4096);
  g_string_append (w->buffer, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  flush (w);
  w->digesting = TRUE;
  start (w, root);
  g_string_append_printf (w->buffer, " xmlns=\"%s\"", namespace);
}

/* Closes the root, signed with @store's key as its last child when the
 * ledger has an organisation (rct-report-sign.c), and the stream. */
static gboolean
finish_document (Writer     *w,
                 const char *failure,
                 GError    **error)
{
  g_autoptr(RctSigner) signer = NULL;
  Open root;

  while (w->open->len > 1 && !w->failed)
    end (w);
  root = g_array_index (w->open, Open, 0);
  close_tag (w);
  if (!w->failed && w->error == NULL)
    {
      signer = rct_signer_new_for_store (w->store, &w->error);
      if (w->error != NULL)
        w->failed = TRUE;
    }
  indent (w, 0);
  if (signer != NULL && !w->failed)
    {
      g_autofree char *end_tag = g_strdup_printf ("</%s>", root.name);
      g_autofree char *signature = NULL;
      guint8 digest[32];
      gsize len = sizeof digest;

      /* The root's end tag is digested before the signature is written in
       * front of it: the enveloped signature is not part of what it signs. */
      flush (w);
      rct_digest_update (w->digest, end_tag, strlen (end_tag));
      rct_digest_get (w->digest, digest);
      w->digesting = FALSE;
      signature = rct_signer_sign (signer, digest, len, &w->error);
      if (signature == NULL)
        w->failed = TRUE;
      else
        g_string_append (w->buffer, signature);
    }
  g_string_append (w->buffer, "</");
  g_string_append (w->buffer, root.name);
  g_string_append (w->buffer, ">\n");
  flush (w);
  g_array_set_size (w->open, 0);

  g_string_free (w->buffer, TRUE);
  rct_digest_free (w->digest);
  g_array_unref (w->open);
  g_array_unref (w->pending);
  g_string_chunk_free (w->strings);
  if (!w->failed && w->error == NULL && g_output_stream_close (w->out, w->cancellable, &w->error))
    return TRUE;
  g_output_stream_close (w->out, NULL, NULL);
  g_propagate_error (error, w->error != NULL ? g_steal_pointer (&w->error)
                     : g_error_new_literal (RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, failure));
  return FALSE;
}

static void
attribute_int (Writer     *w,
               const char *name,
               gint64      value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  attribute (w, name, text);
}

/* Rates and averages in the C locale, whatever the locale the report is
 * made in, and at full precision: a reader that rounds them gets the
 * figure every view shows (a rate rounded here and again by a reader gave
 * 54.6% for 6 of 11). The counts beside them are what the views use. */
static void
attribute_rate (Writer     *w,
                const char *name,
                double      value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gsize end;

  if (isnan (value))
    return;
  g_ascii_formatd (text, sizeof text, "%.15f", value);
  end = strlen (text);
  while (end > 2 && text[end - 1] == '0' && text[end - 2] != '.')
    text[--end] = '\0';
  attribute (w, name, text);
}

static void
tick (Writer *w)
{
  w->done++;
  if (w->progress != NULL && (w->done % 512 == 0 || w->done == w->total))
    w->progress (w->done, w->total, w->progress_data);
}

static int
compare_uuid (gconstpointer a,
              gconstpointer b)
{
  RctRecord *x = *(RctRecord **) a;
  RctRecord *y = *(RctRecord **) b;
  return g_strcmp0 (rct_record_get_uuid (x), rct_record_get_uuid (y));
}

/* The uuid of a record another refers to, remembered: a few units, groups
 * and people are named by thousands of problems. The memory stays bounded:
 * a full cache starts again. */
static const char *
ref_uuid (Writer  *w,
          RctKind  kind,
          gint64   id)
{
  gint64 key = ((gint64) kind << 48) | id;
  const char *uuid;

  if (id == 0)
    return NULL;
  if (w->uuids == NULL)
    w->uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  uuid = g_hash_table_lookup (w->uuids, &key);
  if (uuid == NULL)
    {
      char *found = rct_store_dup_uuid (w->store, kind, id);

      if (found == NULL)
        return NULL;
      if (g_hash_table_size (w->uuids) >= 8192)
        g_hash_table_remove_all (w->uuids);
      g_hash_table_insert (w->uuids, g_memdup2 (&key, sizeof key), found);
      uuid = found;
    }
  return uuid;
}

static void write_record (Writer    *w,
                          RctKind    kind,
                          RctRecord *record);

/* Not a full report: only the events its peer has not acknowledged. */
static gboolean
carried_event (Writer    *w,
               RctRecord *event)
{
  return w->exchange == NULL || w->exchange->full || rct_record_get_id (event) > w->exchange->since_journal;
}

static gboolean
carried_problem (Writer    *w,
                 RctRecord *record)
{
  return !RCT_IS_PROBLEM (record) || w->exchange == NULL || w->exchange->full ||
         g_hash_table_contains (w->exchange->selected, GSIZE_TO_POINTER ((gsize) rct_record_get_id (record)));
}

static void
write_children (Writer  *w,
                RctKind  kind,
                gint64   parent_id)
{
  g_autoptr(GPtrArray) children = rct_store_list_children (w->store, kind, parent_id, NULL);

  if (children == NULL)
    return;
  g_ptr_array_sort (children, compare_uuid);
  for (guint i = 0; i < children->len && !w->failed; i++)
    write_record (w, kind, g_ptr_array_index (children, i));
}

/* The events of a problem and of its measures, extensions and evidence,
 * of a task and its progress, of a feedback: what a merge follows
 * (docs/EXCHANGE.md). */
static void
write_events (Writer    *w,
              RctKind    kind,
              RctRecord *record)
{
  g_autoptr(GPtrArray) journal = rct_store_list_record_history (w->store, kind, rct_record_get_id (record), NULL);

  if (journal == NULL)
    return;
  g_ptr_array_sort (journal, compare_uuid);
  for (guint i = 0; i < journal->len && !w->failed; i++)
    if (carried_event (w, g_ptr_array_index (journal, i)))
      write_record (w, RCT_KIND_JOURNAL, g_ptr_array_index (journal, i));
}

static void
write_record (Writer    *w,
              RctKind    kind,
              RctRecord *record)
{
  const char * const *columns = kind == RCT_KIND_EVIDENCE ? evidence_columns : rct_exchange_columns (kind);
  const RctExchangeRef *refs;
  guint n_refs;

  start (w, element_names[kind]);
  attribute (w, "uuid", rct_record_get_uuid (record));
  attribute (w, "createdAt", rct_record_get_created_at (record));
  attribute (w, "updatedAt", rct_record_get_updated_at (record));
  /* A journal row (an event) is owned by its author. */
  attribute (w, "ownedBy", rct_record_get_owner_org (record) != NULL ? rct_record_get_owner_org (record)
                                                                      : rct_store_get_organisation_uuid (w->store));
  refs = rct_exchange_refs (kind, &n_refs);
  for (guint i = 0; i < n_refs; i++)
    {
      const char *uuid = ref_uuid (w, refs[i].kind, rct_record_get_int (record, refs[i].column));
      g_autofree char *name = g_strndup (refs[i].name, strlen (refs[i].name) - strlen ("_uuid"));
      attribute (w, name, uuid);
    }
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *value = rct_record_dup_value (record, columns[i]);
      element (w, columns[i], value);
    }

  {
    /* Issue 18: an accountability record's problems, a visit's units and
     * the problems its findings became, by uuid. */
    guint n_links;
    const RctExchangeLink *links = rct_exchange_links (kind, &n_links);

    for (guint l = 0; l < n_links; l++)
      {
        g_auto(GStrv) uuids = rct_store_dup_link_uuids (w->store, &links[l], rct_record_get_id (record));

        for (guint i = 0; uuids[i] != NULL; i++)
          {
            const char *uuid = uuids[i];

            start (w, links[l].element);
            if (links[l].number != NULL && strchr (uuid, ':') != NULL)
              {
                g_autofree char *number = g_strndup (uuid, strchr (uuid, ':') - uuid);
                uuid = strchr (uuid, ':') + 1;
                attribute (w, links[l].number, number);
              }
            attribute (w, links[l].attribute, uuid);
            end (w);
          }
      }
  }

  switch (kind)
    {
    case RCT_KIND_CAMPAIGN:
      write_children (w, RCT_KIND_PHASE, rct_record_get_id (record));
      break;
    case RCT_KIND_WORKING_GROUP:
      {
        g_auto(GStrv) members = rct_store_dup_member_uuids (w->store, rct_record_get_id (record));
        for (guint i = 0; members != NULL && members[i] != NULL; i++)
          {
            start (w, "member");
            attribute (w, "person", members[i]);
            end (w);
          }
      }
      break;
    case RCT_KIND_TASK:
      write_children (w, RCT_KIND_TASK_PROGRESS, rct_record_get_id (record));
      write_events (w, kind, record);
      break;
    /* A problem and its children: write_problems(). */
    case RCT_KIND_FEEDBACK:
      write_events (w, kind, record);
      break;
    default:
      break;
    }
  end (w);
  tick (w);
}

static gboolean
write_record_cb (RctRecord *record,
                 gpointer   user_data)
{
  Writer *w = user_data;

  if (g_cancellable_is_cancelled (w->cancellable))
    {
      if (w->error == NULL)
        g_cancellable_set_error_if_cancelled (w->cancellable, &w->error);
      w->failed = TRUE;
      return FALSE;
    }
  write_record (w, rct_record_get_kind (record), record);
  return !w->failed;
}

/* Whether @record is in the report's units (its period is the query's). */
static gboolean
in_scope (Writer    *w,
          RctRecord *record)
{
  const char *unit = NULL;

  if (!carried_problem (w, record))
    return FALSE;
  if (w->scope == NULL || w->scope->units == NULL || w->scope->units[0] == NULL)
    return TRUE;
  if (RCT_IS_PROBLEM (record))
    unit = RCT_PROBLEM (record)->unit_name;
  else if (RCT_IS_TASK (record))
    unit = RCT_TASK (record)->unit_name;
  else if (RCT_IS_FEEDBACK (record))
    unit = RCT_FEEDBACK (record)->unit_name;
  else if (RCT_IS_ACCOUNTABILITY (record))
    unit = RCT_ACCOUNTABILITY (record)->unit_name;
  else if (RCT_IS_VISIT (record))
    {
      /* A visit is in scope when it went to a unit in scope. */
      g_auto(GStrv) visited = g_strsplit (RCT_VISIT (record)->units != NULL ? RCT_VISIT (record)->units : "", "、", -1);
      for (guint i = 0; visited[i] != NULL; i++)
        if (g_strv_contains ((const char * const *) w->scope->units, visited[i]))
          return TRUE;
      return FALSE;
    }
  return unit != NULL && g_strv_contains ((const char * const *) w->scope->units, unit);
}

static gboolean
in_scope_cb (RctRecord *record,
             gpointer   user_data)
{
  Writer *w = user_data;

  return in_scope (w, record) ? write_record_cb (record, user_data) : TRUE;
}

/* The counts of a report that is not full: what in_scope_cb() and
 * write_record() will write of the problems. */
typedef struct
{
  Writer *w;
  gint64  problems, measures, extensions, evidence, journal;
} Tally;

static gint64
n_children (Writer  *w,
            RctKind  kind,
            gint64   id)
{
  g_autoptr(GPtrArray) children = rct_store_list_children (w->store, kind, id, NULL);

  return children != NULL ? children->len : 0;
}

static gboolean
tally_cb (RctRecord *record,
          gpointer   user_data)
{
  Tally *t = user_data;
  Writer *w = t->w;
  gint64 id = rct_record_get_id (record);
  g_autoptr(GPtrArray) journal = NULL;

  if (!carried_problem (w, record))
    return TRUE;
  if (w->scope != NULL && w->scope->units != NULL && w->scope->units[0] != NULL &&
      (RCT_PROBLEM (record)->unit_name == NULL ||
       !g_strv_contains ((const char * const *) w->scope->units, RCT_PROBLEM (record)->unit_name)))
    return TRUE;
  t->problems++;
  t->measures += n_children (w, RCT_KIND_MEASURE, id);
  t->extensions += n_children (w, RCT_KIND_EXTENSION, id);
  t->evidence += n_children (w, RCT_KIND_EVIDENCE, id);
  journal = rct_store_list_problem_history (w->store, id, NULL);
  for (guint i = 0; journal != NULL && i < journal->len; i++)
    if (carried_event (w, g_ptr_array_index (journal, i)))
      t->journal++;
  return TRUE;
}

/* The events of the tasks (their progress included) and feedback of a
 * report that is not full: what write_events() will write of them. */
static gboolean
tally_events_cb (RctRecord *record,
                 gpointer   user_data)
{
  Tally *t = user_data;
  g_autoptr(GPtrArray) journal = NULL;

  if (!in_scope (t->w, record))
    return TRUE;
  journal = rct_store_list_record_history (t->w->store, RCT_IS_TASK (record) ? RCT_KIND_TASK : RCT_KIND_FEEDBACK,
                                           rct_record_get_id (record), NULL);
  for (guint i = 0; journal != NULL && i < journal->len; i++)
    if (carried_event (t->w, g_ptr_array_index (journal, i)))
      t->journal++;
  return TRUE;
}

static void
write_kind (Writer  *w,
            RctKind  kind,
            gboolean scoped)
{
  RctFilter filter = { 0 };

  if (w->failed)
    return;
  filter.sort = "uuid";
  if (scoped && w->scope != NULL)
    {
      filter.from = w->scope->from;
      filter.to = w->scope->to;
    }
  if (!rct_store_foreach (w->store, kind, &filter, scoped ? in_scope_cb : write_record_cb, w, &w->error))
    w->failed = TRUE;
}

/* ---- the problems, walked with their children in one statement each ----
 *
 * A hundred thousand problems were a hundred thousand GObjects, and four
 * more queries each for their measures, extensions, evidence and history,
 * each row a GObject again (issue 15). Now each kind is one statement
 * over the same problems in the same order (the problems' uuid), and the
 * writer walks them in step: a child row belongs to the problem whose id
 * it carries. The values go from the statement's columns to the writer,
 * as write_record() writes them from a record: a column the record's
 * class does not have is left out, a number written as the record holds
 * it (0 for none), a text left out when it is NULL. */

enum
{
  ROW_PARENT,     /* the problem's id */
  ROW_UUID,
  ROW_CREATED,
  ROW_UPDATED,
  ROW_OWNER,
  ROW_ID,         /* the row's own id (the journal's carried_event()) */
  ROW_FIRST_REF,
};

typedef struct
{
  RctKind               kind;
  RctStmt              *stmt;
  gboolean              row;        /* the statement is on a row */
  const RctExchangeRef *refs;
  guint                 n_refs;
  char                 *ref_names[4];
  const char           *columns[32];
  RctFieldType          types[32];
  guint                 n_columns;
  int                   first_column;
  int                   unit_name;  /* the problems' unit's name, or -1 */
} Walk;

static GType
walk_type (RctKind kind)
{
  switch (kind)
    {
    case RCT_KIND_PROBLEM: return RCT_TYPE_PROBLEM;
    case RCT_KIND_MEASURE: return RCT_TYPE_MEASURE;
    case RCT_KIND_EXTENSION: return RCT_TYPE_EXTENSION;
    case RCT_KIND_EVIDENCE: return RCT_TYPE_EVIDENCE;
    case RCT_KIND_JOURNAL: return RCT_TYPE_JOURNAL_ENTRY;
    default: g_return_val_if_reached (G_TYPE_INVALID);
    }
}

/* The problems in the report's period, as rct_store_foreach() selects
 * them (problems with their unit), their bounds numbered so every part of
 * a compound statement uses the same values. */
static void
walk_problems_from (RctStore *store,
                    GString  *sql)
{
  /* The problems with their unit, looked up for each: no index of the
   * problems by unit, where SQLite would then read them unit by unit. */
  g_string_append_printf (sql, " FROM problem t JOIN unit u ON u.id = %st.unit_id",
                          _rct_store_dialect (store, RCT_DIALECT_NO_INDEX));
}

static void
walk_problems_where (Writer     *w,
                     GString    *sql,
                     const char *condition)
{
  gboolean from = w->scope != NULL && w->scope->from != NULL && *w->scope->from;
  gboolean to = w->scope != NULL && w->scope->to != NULL && *w->scope->to;
  const char *word = " WHERE ";

  if (condition != NULL)
    {
      g_string_append_printf (sql, "%s%s", word, condition);
      word = " AND ";
    }
  if (from)
    {
      g_string_append_printf (sql, "%st.found_date >= ?1", word);
      word = " AND ";
    }
  if (to)
    g_string_append_printf (sql, "%st.found_date <= %s", word, from ? "?2" : "?1");
}

/* The columns of @walk's kind its class has, selected from @alias after
 * the fixed ones and the references' uuids (joined as r0, r1…). */
static void
walk_select (Walk       *walk,
             const char *alias,
             GString    *select,
             GString    *joins)
{
  const char * const *columns = walk->kind == RCT_KIND_EVIDENCE ? evidence_columns : rct_exchange_columns (walk->kind);
  RctRecordClass *klass = g_type_class_ref (walk_type (walk->kind));

  walk->refs = rct_exchange_refs (walk->kind, &walk->n_refs);
  g_assert (walk->n_refs <= G_N_ELEMENTS (walk->ref_names));
  for (guint i = 0; i < walk->n_refs; i++)
    {
      g_free (walk->ref_names[i]);  /* the history's walk selects four times */
      walk->ref_names[i] = g_strndup (walk->refs[i].name, strlen (walk->refs[i].name) - strlen ("_uuid"));
      /* The problem's unit, a child's problem: joined already. */
      if (walk->kind == RCT_KIND_PROBLEM && walk->refs[i].kind == RCT_KIND_UNIT)
        {
          g_string_append (select, ", u.uuid");
          continue;
        }
      if (walk->kind != RCT_KIND_PROBLEM && walk->refs[i].kind == RCT_KIND_PROBLEM)
        {
          g_string_append (select, ", t.uuid");
          continue;
        }
      g_string_append_printf (select, ", r%u.uuid", i);
      g_string_append_printf (joins, " LEFT JOIN %s r%u ON r%u.id = ", rct_kind_to_table (walk->refs[i].kind), i, i);
      g_string_append (joins, alias);
      g_string_append_c (joins, '.');
      g_string_append (joins, walk->refs[i].column);
    }
  walk->first_column = ROW_FIRST_REF + walk->n_refs;
  for (guint c = 0; columns[c] != NULL; c++)
    for (guint f = 0; f < klass->n_fields; f++)
      if (strcmp (klass->fields[f].column, columns[c]) == 0)
        {
          g_assert (walk->n_columns < G_N_ELEMENTS (walk->columns));
          walk->columns[walk->n_columns] = columns[c];
          walk->types[walk->n_columns++] = klass->fields[f].type;
          g_string_append (select, ", ");
          g_string_append (select, alias);
          g_string_append_c (select, '.');
          g_string_append (select, columns[c]);
          break;
        }
  g_type_class_unref (klass);
}

static gboolean
walk_step (Writer *w,
           Walk   *walk)
{
  int rc = _rct_store_step (w->store, walk->stmt, w->error == NULL ? &w->error : NULL);

  walk->row = rc == RCT_ROW;
  if (rc != RCT_ROW && rc != RCT_DONE)
    w->failed = TRUE;
  return walk->row;
}

static gboolean
walk_prepare (Writer     *w,
              Walk       *walk,
              const char *sql)
{
  gboolean from = w->scope != NULL && w->scope->from != NULL && *w->scope->from;
  gboolean to = w->scope != NULL && w->scope->to != NULL && *w->scope->to;

  walk->stmt = _rct_store_prepare_uncached (w->store, sql, w->error == NULL ? &w->error : NULL);
  if (walk->stmt == NULL)
    {
      w->failed = TRUE;
      return FALSE;
    }
  if (from)
    rct_stmt_bind_text (walk->stmt, 1, w->scope->from);
  if (to)
    rct_stmt_bind_text (walk->stmt, from ? 2 : 1, w->scope->to);
  walk_step (w, walk);
  return !w->failed;
}

/* A problem, or one of its measures, extensions or evidence: one
 * statement ordered by the problem's uuid, then its own. */
static char *
walk_sql (Writer *w,
          Walk   *walk,
          RctKind kind)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) select = g_string_new (NULL);
  g_autoptr(GString) joins = g_string_new (NULL);
  const char *alias = kind == RCT_KIND_PROBLEM ? "t" : "x";
  RctStore *store = w->store;

  walk->kind = kind;
  walk->unit_name = -1;
  g_string_append (select, kind == RCT_KIND_PROBLEM
                   ? "SELECT t.id, t.uuid, t.created_at, t.updated_at, t.owner_org, t.id"
                   : "SELECT t.id, x.uuid, x.created_at, x.updated_at, x.owner_org, x.id");
  walk_select (walk, alias, select, joins);
  g_string_append (sql, select->str);
  if (kind == RCT_KIND_PROBLEM)
    {
      walk->unit_name = walk->first_column + walk->n_columns;
      g_string_append (sql, ", u.name");
    }
  if (kind == RCT_KIND_PROBLEM)
    walk_problems_from (w->store, sql);
  else
    {
      /* From the children, sorted: reading them through each problem
       * in turn took four times as long (and as long again for a kind
       * that has none). The children first (CROSS JOIN): SQLite chose
       * to scan every problem for the extensions and the evidence, and
       * look up their children, which read the whole problem table twice
       * for kinds that often have few rows or none. */
      g_string_append_printf (sql, " FROM %s x CROSS JOIN problem t", rct_kind_to_table (kind));
      g_string_append_printf (sql, " JOIN unit u ON u.id = %st.unit_id", _rct_store_dialect (store, RCT_DIALECT_NO_INDEX));
    }
  g_string_append (sql, joins->str);
  walk_problems_where (w, sql, kind == RCT_KIND_PROBLEM ? NULL : "t.id = x.problem_id");
  if (kind == RCT_KIND_PROBLEM)
    /* Read in the table's order and sorted (in temporary files, see
     * sorts_on_disk()), not through the uuid index: that looked up every
     * problem in the table in the uuids' random order, a read of a page
     * for nearly every problem once the table outgrew SQLite's cache. A
     * million problems: 8.3-8.8 s of CPU down to 6.9-7.4 s, 28 MB. */
    g_string_append_printf (sql, " ORDER BY %st.uuid", _rct_store_dialect (store, RCT_DIALECT_NO_INDEX));
  else
    g_string_append_printf (sql, " ORDER BY %st.uuid, x.uuid", _rct_store_dialect (store, RCT_DIALECT_NO_INDEX));
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The problems' history (rct_store_list_problem_history()): each
 * problem's events and its measures', evidence's and extensions', in the
 * problems' order, then the events' uuid. */
static char *
walk_events_sql (Writer *w,
                 Walk   *walk)
{
  static const RctKind parts[] = { RCT_KIND_PROBLEM, RCT_KIND_MEASURE, RCT_KIND_EVIDENCE, RCT_KIND_EXTENSION };
  g_autoptr(GString) sql = g_string_new (NULL);

  walk->kind = RCT_KIND_JOURNAL;
  walk->unit_name = -1;
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      g_autoptr(GString) select = g_string_new (NULL);
      g_autoptr(GString) joins = g_string_new (NULL);
      RctKind kind = parts[p];

      walk->n_columns = 0;
      g_string_append (select, "SELECT t.id AS parent, j.uuid AS uuid, j.created_at, j.updated_at, j.author_org, j.id");
      walk_select (walk, "j", select, joins);
      if (p > 0)
        g_string_append (sql, " UNION ALL ");
      g_string_append (sql, select->str);
      g_string_append (sql, ", t.uuid AS parent_uuid");
      walk_problems_from (w->store, sql);
      if (kind == RCT_KIND_PROBLEM)
        g_string_append (sql, " JOIN journal j ON j.record_table = 'problem' AND j.record_uuid = t.uuid");
      else
        {
          g_string_append_printf (sql, " JOIN %s c ON c.problem_id = t.id", rct_kind_to_table (kind));
          g_string_append_printf (sql, " JOIN journal j ON j.record_table = '%s' AND j.record_uuid = c.uuid",
                                  rct_kind_to_table (kind));
        }
      walk_problems_where (w, sql, NULL);
    }
  g_string_append (sql, " ORDER BY parent_uuid, uuid");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* @walk's statement for @kind (RCT_KIND_JOURNAL: the problems' history),
 * prepared and on its first row. */
static gboolean
walk_begin (Writer *w,
            Walk   *walk,
            RctKind kind)
{
  g_autofree char *sql = kind == RCT_KIND_JOURNAL ? walk_events_sql (w, walk) : walk_sql (w, walk, kind);

  return walk_prepare (w, walk, sql);
}

static void
walk_end (Walk *walk)
{
  g_clear_pointer (&walk->stmt, rct_stmt_finalize);
  for (guint i = 0; i < walk->n_refs; i++)
    g_clear_pointer (&walk->ref_names[i], g_free);
}

/* The statement the report walks for @kind's rows under @scope: a
 * problem, measure, extension or evidence, or RCT_KIND_JOURNAL for the
 * problems' history. For tests of its plan (/report/export/walk-plans). */
char *
_rct_report_walk_sql (RctStore       *store,
                      const RctScope *scope,
                      RctKind         kind)
{
  Writer w = { 0 };
  Walk walk = { 0 };
  char *sql;

  g_return_val_if_fail (RCT_IS_STORE (store), NULL);
  w.store = store;
  w.scope = scope;
  sql = kind == RCT_KIND_JOURNAL ? walk_events_sql (&w, &walk) : walk_sql (&w, &walk, kind);
  walk_end (&walk);
  return sql;
}

/* The current row of @walk, as write_record() writes a record, its
 * element left open for its children. */
static void
walk_write_row (Writer *w,
                Walk   *walk)
{
  RctStmt *stmt = walk->stmt;
  const char *owner = rct_stmt_column_text (stmt, ROW_OWNER);
  char number[32];

  /* The start tag is closed by the first field, or by end(), before the
   * statement steps. */
  start (w, element_names[walk->kind]);
  attribute_borrowed (w, "uuid", rct_stmt_column_text (stmt, ROW_UUID));
  attribute_borrowed (w, "createdAt", rct_stmt_column_text (stmt, ROW_CREATED));
  attribute_borrowed (w, "updatedAt", rct_stmt_column_text (stmt, ROW_UPDATED));
  attribute_borrowed (w, "ownedBy", owner != NULL ? owner : rct_store_get_organisation_uuid (w->store));
  for (guint i = 0; i < walk->n_refs; i++)
    attribute_borrowed (w, walk->ref_names[i], rct_stmt_column_text (stmt, ROW_FIRST_REF + i));
  for (guint c = 0; c < walk->n_columns; c++)
    {
      int column = walk->first_column + c;

      switch (walk->types[c])
        {
        case RCT_FIELD_STRING:
          element (w, walk->columns[c], rct_stmt_column_text (stmt, column));
          break;
        case RCT_FIELD_INT64:
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, rct_stmt_column_int64 (stmt, column));
          element (w, walk->columns[c], number);
          break;
        case RCT_FIELD_BOOLEAN:
          element (w, walk->columns[c], rct_stmt_column_int (stmt, column) != 0 ? "1" : "0");
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* The rows of @walk that belong to the problem @parent: written when
 * @write, passed over when the problem is not in the report. */
static void
walk_children (Writer  *w,
               Walk    *walk,
               gint64   parent,
               gboolean write)
{
  while (walk->row && !w->failed && rct_stmt_column_int64 (walk->stmt, ROW_PARENT) == parent)
    {
      if (write && (walk->kind != RCT_KIND_JOURNAL || w->exchange == NULL || w->exchange->full ||
                    rct_stmt_column_int64 (walk->stmt, ROW_ID) > w->exchange->since_journal))
        {
          walk_write_row (w, walk);
          end (w);
          tick (w);
        }
      walk_step (w, walk);
    }
}

/* Where SQLite sorts: the children's statements sort every measure of
 * the report, and in memory (the store's temp_store) that was 232 MB at
 * a million problems; in temporary files, 26 MB and less CPU. */
static void
sorts_on_disk (RctStore *store,
               gboolean  on_disk)
{
  const char *sql = _rct_store_dialect (store, on_disk ? RCT_DIALECT_SORTS_ON_DISK : RCT_DIALECT_SORTS_IN_MEMORY);

  if (*sql != '\0')
    _rct_store_exec (store, sql, NULL);
}

/* The problems of the report, as write_kind (w, RCT_KIND_PROBLEM, TRUE)
 * wrote them from records. */
static void
write_problems (Writer *w)
{
  Walk walks[5] = { { 0 } };
  Walk *problems = &walks[0];
  gboolean some_units = w->scope != NULL && w->scope->units != NULL && w->scope->units[0] != NULL;

  if (w->failed)
    return;
  sorts_on_disk (w->store, TRUE);
  if (walk_begin (w, &walks[0], RCT_KIND_PROBLEM) && walk_begin (w, &walks[1], RCT_KIND_MEASURE) &&
      walk_begin (w, &walks[2], RCT_KIND_EXTENSION) && walk_begin (w, &walks[3], RCT_KIND_EVIDENCE) &&
      walk_begin (w, &walks[4], RCT_KIND_JOURNAL))
    while (problems->row && !w->failed)
      {
        gint64 id = rct_stmt_column_int64 (problems->stmt, ROW_PARENT);
        const char *unit = rct_stmt_column_text (problems->stmt, problems->unit_name);
        gboolean write = TRUE;

        if (g_cancellable_is_cancelled (w->cancellable))
          {
            if (w->error == NULL)
              g_cancellable_set_error_if_cancelled (w->cancellable, &w->error);
            w->failed = TRUE;
            break;
          }
        if (w->exchange != NULL && !w->exchange->full &&
            !g_hash_table_contains (w->exchange->selected, GSIZE_TO_POINTER ((gsize) id)))
          write = FALSE;
        if (some_units && (unit == NULL || !g_strv_contains ((const char * const *) w->scope->units, unit)))
          write = FALSE;
        if (write)
          walk_write_row (w, problems);
        for (guint k = 1; k < G_N_ELEMENTS (walks); k++)
          walk_children (w, &walks[k], id, write);
        if (write)
          {
            end (w);
            tick (w);
          }
        walk_step (w, problems);
      }
  for (guint k = 0; k < G_N_ELEMENTS (walks); k++)
    walk_end (&walks[k]);
  sorts_on_disk (w->store, FALSE);
}

/* Who made the report (schema version 2): the ledger's organisation. */
static void
write_organisation (Writer *w)
{
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (w->store, NULL);

  if (org == NULL)
    return;
  start (w, "organisation");
  attribute (w, "uuid", org->uuid);
  attribute (w, "name", org->name);
  attribute (w, "code", org->code);
  attribute (w, "level", org->level);
  attribute (w, "office", org->office_uuid);
  attribute (w, "officeName", org->office_name);
  end (w);
}

/* What the report is in the exchange (docs/EXCHANGE.md): its serial, its
 * peer, whether it is full, and per organisation the highest serial of
 * its reports this ledger merged. */
static void
write_exchange (Writer *w)
{
  if (w->exchange == NULL || (w->exchange->serial == 0 && w->exchange->acks->len == 0))
    return;
  start (w, "exchange");
  if (w->exchange->serial > 0)
    attribute_int (w, "serial", w->exchange->serial);
  attribute (w, "for", w->exchange->peer);
  attribute (w, "full", w->exchange->full ? "true" : "false");
  for (guint i = 0; i + 1 < w->exchange->acks->len; i += 2)
    {
      start (w, "acknowledged");
      attribute (w, "organisation", g_ptr_array_index (w->exchange->acks, i));
      attribute (w, "serial", g_ptr_array_index (w->exchange->acks, i + 1));
      end (w);
    }
  end (w);
}

/* One <listed> of the summary: a problem listed for supervision (挂牌督办)
 * and not lifted, in the report's scope. */
static gboolean
write_listed_cb (RctRecord *record,
                 gpointer   user_data)
{
  Writer *w = user_data;
  RctProblem *problem = RCT_PROBLEM (record);

  if (w->scope != NULL && w->scope->units != NULL && w->scope->units[0] != NULL &&
      !g_strv_contains ((const char * const *) w->scope->units, problem->unit_name))
    return TRUE;
  start (w, "listed");
  attribute (w, "number", problem->number);
  attribute (w, "unit", problem->unit_name);
  attribute (w, "description", problem->description);
  attribute (w, "status", problem->status);
  attribute (w, "severity", problem->severity);
  attribute (w, "level", problem->listed_level);
  attribute (w, "date", problem->listed_date);
  attribute (w, "by", problem->listed_by);
  attribute (w, "deadline", problem->deadline);
  attribute (w, "leader", problem->leader_name);
  end (w);
  return !w->failed;
}

static void
write_listed (Writer *w)
{
  RctFilter filter = { 0 };

  if (w->failed)
    return;
  filter.listed = TRUE;
  filter.sort = "number";
  if (w->scope != NULL)
    {
      filter.from = w->scope->from;
      filter.to = w->scope->to;
    }
  if (!rct_store_foreach (w->store, RCT_KIND_PROBLEM, &filter, write_listed_cb, w, &w->error))
    w->failed = TRUE;
}

/* Issue 18: the accountability records and visits of the report's
 * scope, counted as `stats --json` counts the whole ledger. */
static void
write_supervision (Writer                      *w,
                   const RctSupervisionFigures *s)
{
  start (w, "supervision");
  attribute_int (w, "accountability", s->accountability_total);
  attribute_int (w, "visits", s->visits);
  attribute_int (w, "unitsCovered", s->units_covered);
  attribute_int (w, "units", s->units_active);
  attribute_int (w, "problemsFound", s->problems_found);
  for (guint i = 0; i < s->accountability_by_kind->len; i++)
    {
      RctSupervisionCount *count = g_ptr_array_index (s->accountability_by_kind, i);
      start (w, "kind");
      attribute (w, "key", count->key);
      attribute_int (w, "count", count->count);
      end (w);
    }
  end (w);
}

static void
write_summary (Writer                      *w,
               const RctFigures            *f,
               const RctSupervisionFigures *s)
{
  start (w, "summary");

  start (w, "problems");
  attribute_int (w, "total", f->problems_total);
  attribute_int (w, "registered", f->registered);
  attribute_int (w, "rectifying", f->rectifying);
  attribute_int (w, "awaitingVerification", f->awaiting_verification);
  attribute_int (w, "closed", f->closed);
  attribute_int (w, "closedOnTime", f->closed_on_time);
  attribute_int (w, "overdue", f->overdue);
  attribute_int (w, "dueSoon", f->due_soon);
  attribute_int (w, "daysToCloseSum", f->days_to_close_sum);
  attribute_rate (w, "closingRate", rct_figures_closing_rate (f));
  attribute_rate (w, "onTimeRate", rct_figures_on_time_rate (f));
  attribute_rate (w, "avgDaysToClose", rct_figures_avg_days_to_close (f));
  attribute_int (w, "listed", f->listed_open);
  attribute_int (w, "severityNormal", f->severity_normal);
  attribute_int (w, "severitySerious", f->severity_serious);
  attribute_int (w, "severityGrave", f->severity_grave);
  end (w);

  start (w, "tasks");
  attribute_int (w, "total", f->tasks_total);
  attribute_int (w, "done", f->tasks_done);
  attribute_rate (w, "completion", rct_figures_task_completion (f));
  end (w);

  start (w, "feedback");
  attribute_int (w, "total", f->feedback_total);
  attribute_int (w, "replied", f->feedback_replied);
  attribute_int (w, "overdue", f->feedback_overdue);
  attribute_int (w, "rated", f->feedback_rated);
  attribute_int (w, "satisfied", f->feedback_satisfied);
  attribute_rate (w, "replyRate", rct_figures_reply_rate (f));
  attribute_rate (w, "satisfactionRate", rct_figures_satisfaction_rate (f));
  end (w);

  for (guint i = 0; i < f->units->len; i++)
    {
      RctUnitFigures *unit = g_ptr_array_index (f->units, i);
      start (w, "unit");
      attribute (w, "name", unit->name);
      attribute (w, "head", unit->head);
      attribute_int (w, "total", unit->total);
      attribute_int (w, "closed", unit->closed);
      attribute_int (w, "overdue", unit->overdue);
      end (w);
    }
  for (guint i = 0; i < f->sources->len; i++)
    {
      RctSourceFigures *source = g_ptr_array_index (f->sources, i);
      start (w, "source");
      attribute (w, "key", source->key);
      attribute_int (w, "total", source->total);
      attribute_int (w, "closed", source->closed);
      end (w);
    }
  for (guint i = 0; i < f->groups->len; i++)
    {
      RctGroupFigures *group = g_ptr_array_index (f->groups, i);
      start (w, "group");
      attribute (w, "name", group->name);
      attribute_int (w, "tasks", group->tasks);
      attribute_int (w, "done", group->done);
      end (w);
    }
  write_listed (w);
  write_supervision (w, s);
  end (w);
}

static gint64
count_scoped (RctStore       *store,
              RctKind         kind,
              const RctScope *scope)
{
  RctFilter filter = { 0 };

  if (scope != NULL && (kind == RCT_KIND_PROBLEM || kind == RCT_KIND_TASK || kind == RCT_KIND_FEEDBACK))
    {
      filter.from = scope->from;
      filter.to = scope->to;
      if (scope->units != NULL && scope->units[0] != NULL)
        {
          gint64 total = 0;
          for (guint i = 0; scope->units[i] != NULL; i++)
            {
              filter.unit = scope->units[i];
              total += rct_store_count (store, kind, &filter, NULL);
            }
          return total;
        }
    }
  return rct_store_count (store, kind, &filter, NULL);
}

/**
 * rct_report_export:
 *
 * rct_report_export_in() in the user's language.
 */
static gboolean export_report (RctStore             *store,
                               const RctScope       *scope,
                               const char           *title,
                               const char           *language,
                               const RctReportIssue *official,
                               RctExchangeOut       *exchange,
                               const char           *path,
                               RctReportProgress     progress,
                               gpointer              progress_data,
                               GCancellable         *cancellable,
                               GError              **error);

gboolean
rct_report_export (RctStore          *store,
                   const RctScope    *scope,
                   const char        *title,
                   const char        *path,
                   RctReportProgress  progress,
                   gpointer           progress_data,
                   GCancellable      *cancellable,
                   GError           **error)
{
  return rct_report_export_in (store, scope, title, NULL, path, progress, progress_data, cancellable, error);
}

/**
 * rct_report_export_in:
 * @scope: (nullable): period and units
 * @title: (nullable): the title as the user typed it; %NULL for the
 *   default title in @language
 * @language: (nullable): "zh_CN" or "en", recorded in the header; %NULL
 *   for the user's language
 * @progress: (nullable): told how many records are written, now and then
 *
 * Writes the report for @scope to @path (through a temporary file beside
 * it, so a failed or cancelled export leaves no half file).
 */
gboolean
rct_report_export_in (RctStore          *store,
                      const RctScope    *scope,
                      const char        *title,
                      const char        *language,
                      const char        *path,
                      RctReportProgress  progress,
                      gpointer           progress_data,
                      GCancellable      *cancellable,
                      GError           **error)
{
  return rct_report_export_exchange (store, scope, title, language, path, NULL, FALSE, progress, progress_data,
                                     cancellable, error);
}

static int
compare_text (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A report's scope as one text, to tell reports of the same scope:
 * "from|to|unit|unit...", the units sorted. */
static char *
scope_key (const RctScope *scope)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%s|%s", scope != NULL && scope->from != NULL ? scope->from : "",
                          scope != NULL && scope->to != NULL ? scope->to : "");
  for (guint i = 0; scope != NULL && scope->units != NULL && scope->units[i] != NULL; i++)
    g_ptr_array_add (units, scope->units[i]);
  g_ptr_array_sort (units, compare_text);
  for (guint i = 0; i < units->len; i++)
    {
      g_string_append_c (key, '|');
      g_string_append (key, g_ptr_array_index (units, i));
    }
  return g_string_free (key, FALSE);
}

/* The peer of a report when none is named: a unit's office. */
static char *
default_peer (RctStore *store)
{
  g_autoptr(RctOrganisation) org = rct_store_dup_organisation (store, NULL);

  if (org != NULL && g_strcmp0 (org->level, "unit") == 0)
    return g_strdup (org->office_uuid);
  return NULL;
}

/**
 * rct_report_export_exchange:
 * @peer: (nullable): the organisation the report is for (a unit's uuid);
 *   %NULL: a unit's office, or for an office nobody in particular
 * @full: carry everything, whatever the peer acknowledged
 *
 * rct_report_export_in() for a peer (docs/EXCHANGE.md, Acknowledgements):
 * the report carries the problems with events the peer has not
 * acknowledged, with those events, and the shared records; the header
 * says its serial, its peer and what this ledger merged of each
 * organisation's reports. Full when @full, when there is no peer, or
 * when the peer never acknowledged a report of ours.
 */
gboolean
rct_report_export_exchange (RctStore          *store,
                            const RctScope    *scope,
                            const char        *title,
                            const char        *language,
                            const char        *path,
                            const char        *peer,
                            gboolean           full,
                            RctReportProgress  progress,
                            gpointer           progress_data,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autofree char *office = peer == NULL ? default_peer (store) : NULL;
  RctExchangeOut exchange;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  g_autofree char *key = scope_key (scope);

  if (!_rct_exchange_begin (store, peer != NULL ? peer : office, key, full, &exchange, error))
    {
      _rct_exchange_clear (&exchange);
      return FALSE;
    }
  ok = export_report (store, scope, title, language, NULL, &exchange, path, progress, progress_data, cancellable,
                      error);
  _rct_exchange_clear (&exchange);
  return ok;
}

static const char *const section_keys[RCT_REPORT_N_SECTIONS] = { "overview", "work", "problems", "next" };

/* The official report's header, sections and attachments (issue 17). */
static void
write_official (Writer               *w,
                const RctReportIssue *issue)
{
  g_autofree char *number = rct_report_issue_format_number (issue);

  start (w, "official");
  attribute (w, "series", issue->series);
  if (issue->number > 0)
    {
      attribute_int (w, "year", issue->year);
      attribute_int (w, "number", issue->number);
      attribute (w, "issue", number);
    }
  attribute (w, "date", issue->issue_date);
  attribute (w, "marking", issue->marking != NULL && *issue->marking ? issue->marking : NULL);
  if (issue->organisation != NULL)
    element (w, "organisation", issue->organisation);
  element (w, "addressee", issue->addressee != NULL ? issue->addressee : "");
  if (issue->copied_to != NULL)
    element (w, "copiedTo", issue->copied_to);
  element (w, "signedOffBy", issue->signed_off_by != NULL ? issue->signed_off_by : "");
  if (issue->drafted_by != NULL)
    element (w, "draftedBy", issue->drafted_by);
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    {
      start (w, "section");
      attribute (w, "key", section_keys[i]);
      attribute (w, "heading", rct_report_issue_section_label (i, issue->language));
      text (w, (issue->sections[i] != NULL ? issue->sections[i] : ""));
      end (w);
    }
  for (guint i = 0; issue->attachments != NULL && issue->attachments[i] != NULL; i++)
    {
      start (w, "attachment");
      attribute (w, "key", issue->attachments[i]);
      attribute (w, "name", rct_report_issue_attachment_label (issue->attachments[i], issue->language));
      end (w);
    }
  end (w);
}

/**
 * rct_report_export_issue:
 *
 * Writes the official report @issue as XML: the supervision report for
 * its period, in its language, with its header, sections and attachments
 * in an official element.
 */
gboolean
rct_report_export_issue (RctStore             *store,
                         const RctReportIssue *issue,
                         const char           *path,
                         GError              **error)
{
  RctScope scope = { 0 };

  scope.from = issue->period_from;
  scope.to = issue->period_to;
  return export_report (store, &scope, issue->title, issue->language, issue, NULL, path, NULL, NULL, NULL, error);
}

static gboolean
export_report (RctStore             *store,
               const RctScope       *scope,
               const char           *title,
               const char           *language,
               const RctReportIssue *official,
               RctExchangeOut       *exchange,
               const char           *path,
               RctReportProgress     progress,
               gpointer              progress_data,
               GCancellable         *cancellable,
               GError              **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (partial);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(RctFigures) figures = NULL;
  g_autoptr(RctSupervisionFigures) supervision = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autofree char *now = rct_clock_now ();
  Writer w = { 0 };
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  figures = rct_figures_compute (store, scope, error);
  if (figures == NULL)
    return FALSE;
  supervision = rct_supervision_figures_compute_in (store, scope, error);
  if (supervision == NULL)
    return FALSE;
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;

  w.store = store;
  w.cancellable = cancellable;
  w.progress = progress;
  w.progress_data = progress_data;
  w.scope = scope;
  w.exchange = exchange;

  w.total = count_scoped (store, RCT_KIND_PROBLEM, scope) + count_scoped (store, RCT_KIND_TASK, scope) +
            count_scoped (store, RCT_KIND_FEEDBACK, scope) + rct_store_count (store, RCT_KIND_UNIT, NULL, NULL) +
            rct_store_count (store, RCT_KIND_PERSON, NULL, NULL) + rct_store_count (store, RCT_KIND_SUPERVISOR, NULL, NULL) +
            supervision->accountability_total + supervision->visits;

  begin_document (&w, G_OUTPUT_STREAM (out), "report", RCT_REPORT_NAMESPACE);
  attribute_int (&w, "schemaVersion", RCT_REPORT_SCHEMA_VERSION);

  language = rct_report_language_normalize (language);
  if (language == NULL)
    language = rct_report_language_default ();
  start (&w, "header");
  attribute (&w, "language", language);
  element (&w, "title", title != NULL && *title != '\0' ? title
           : rct_report_language_gettext (language, N_("Supervision report")));
  campaigns = rct_store_list (store, RCT_KIND_CAMPAIGN, NULL, NULL);
  if (campaigns != NULL && campaigns->len > 0)
    element (&w, "campaign", RCT_CAMPAIGN (g_ptr_array_index (campaigns, 0))->name);
  start (&w, "period");
  attribute (&w, "from", scope != NULL ? scope->from : NULL);
  attribute (&w, "to", scope != NULL ? scope->to : NULL);
  attribute (&w, "today", figures->today);
  end (&w);
  start (&w, "scope");
  attribute (&w, "allUnits", scope != NULL && scope->units != NULL && scope->units[0] != NULL ? "false" : "true");
  for (guint i = 0; scope != NULL && scope->units != NULL && scope->units[i] != NULL; i++)
    element (&w, "unit", scope->units[i]);
  end (&w);
  element (&w, "generatedAt", now);
  element (&w, "generatedBy", rct_store_get_operator (store));
  start (&w, "program");
  attribute (&w, "version", PACKAGE_VERSION);
  text (&w, "Rectify");
  end (&w);
  write_organisation (&w);
  write_exchange (&w);
  end (&w);
  if (official != NULL)
    write_official (&w, official);

  write_summary (&w, figures, supervision);

  start (&w, "counts");
  attribute_int (&w, "campaigns", rct_store_count (store, RCT_KIND_CAMPAIGN, NULL, NULL));
  attribute_int (&w, "phases", rct_store_count (store, RCT_KIND_PHASE, NULL, NULL));
  attribute_int (&w, "units", rct_store_count (store, RCT_KIND_UNIT, NULL, NULL));
  attribute_int (&w, "people", rct_store_count (store, RCT_KIND_PERSON, NULL, NULL));
  attribute_int (&w, "groups", rct_store_count (store, RCT_KIND_WORKING_GROUP, NULL, NULL));
  attribute_int (&w, "tasks", count_scoped (store, RCT_KIND_TASK, scope));
  attribute_int (&w, "progress", rct_store_count_scoped_children (store, RCT_KIND_TASK_PROGRESS, scope));
  if (exchange != NULL && !exchange->full)
    {
      Tally tally = { &w };
      RctFilter filter = { 0 };

      if (scope != NULL)
        {
          filter.from = scope->from;
          filter.to = scope->to;
        }
      if (!rct_store_foreach (store, RCT_KIND_PROBLEM, &filter, tally_cb, &tally, &w.error) ||
          !rct_store_foreach (store, RCT_KIND_TASK, &filter, tally_events_cb, &tally, &w.error) ||
          !rct_store_foreach (store, RCT_KIND_FEEDBACK, &filter, tally_events_cb, &tally, &w.error))
        w.failed = TRUE;
      attribute_int (&w, "problems", tally.problems);
      attribute_int (&w, "measures", tally.measures);
      attribute_int (&w, "extensions", tally.extensions);
      attribute_int (&w, "evidence", tally.evidence);
      attribute_int (&w, "supervisors", rct_store_count (store, RCT_KIND_SUPERVISOR, NULL, NULL));
      attribute_int (&w, "feedback", count_scoped (store, RCT_KIND_FEEDBACK, scope));
      attribute_int (&w, "journal", tally.journal);
    }
  else
    {
      attribute_int (&w, "problems", count_scoped (store, RCT_KIND_PROBLEM, scope));
      attribute_int (&w, "measures", rct_store_count_scoped_children (store, RCT_KIND_MEASURE, scope));
      attribute_int (&w, "extensions", rct_store_count_scoped_children (store, RCT_KIND_EXTENSION, scope));
      attribute_int (&w, "evidence", rct_store_count_scoped_children (store, RCT_KIND_EVIDENCE, scope));
      attribute_int (&w, "supervisors", rct_store_count (store, RCT_KIND_SUPERVISOR, NULL, NULL));
      attribute_int (&w, "feedback", count_scoped (store, RCT_KIND_FEEDBACK, scope));
      attribute_int (&w, "journal", rct_store_count_scoped_children (store, RCT_KIND_JOURNAL, scope));
    }
  attribute_int (&w, "accountability", supervision->accountability_total);
  attribute_int (&w, "visits", supervision->visits);
  end (&w);

  start (&w, "records");
  write_kind (&w, RCT_KIND_CAMPAIGN, FALSE);
  write_kind (&w, RCT_KIND_UNIT, FALSE);
  write_kind (&w, RCT_KIND_PERSON, FALSE);
  write_kind (&w, RCT_KIND_WORKING_GROUP, FALSE);
  write_kind (&w, RCT_KIND_TASK, TRUE);
  write_problems (&w);
  write_kind (&w, RCT_KIND_SUPERVISOR, FALSE);
  write_kind (&w, RCT_KIND_FEEDBACK, TRUE);
  write_kind (&w, RCT_KIND_ACCOUNTABILITY, TRUE);
  write_kind (&w, RCT_KIND_VISIT, TRUE);
  end (&w);
  ok = finish_document (&w, _("The report could not be written; check the disk and try again."), error);
  g_clear_pointer (&w.uuids, g_hash_table_unref);
  if (!ok)
    {
      g_unlink (partial);
      return FALSE;
    }
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (partial);
      g_set_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, _("Cannot write “%s”: %s."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (progress != NULL)
    progress (w.total, w.total, progress_data);
  return TRUE;
}

static void
write_organisation_element (Writer                *w,
                            const char            *element_name,
                            const RctOrganisation *org)
{
  start (w, element_name);
  attribute (w, "uuid", org->uuid);
  attribute (w, "name", org->name);
  attribute (w, "code", org->code);
  attribute (w, "level", org->level);
  attribute (w, "office", org->office_uuid);
  attribute (w, "officeName", org->office_name);
  end (w);
}

/**
 * rct_setup_export:
 * @unit_code: the unit's short code, e.g. HH; its problems are numbered
 *   HH-2021-001
 *
 * Writes the set-up file from which the unit @unit_name makes its own
 * ledger: the office, the unit (its organisation uuid is the unit record's
 * uuid), and the records every ledger of the campaign shares: campaigns
 * with their phases, units, people, groups with their members and
 * supervisors, with their uuids and owners. Only an office's ledger sends
 * one. Written through a temporary file beside @path.
 */
gboolean
rct_setup_export (RctStore    *store,
                  const char  *unit_name,
                  const char  *unit_code,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (partial);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(RctOrganisation) office = NULL;
  g_autoptr(RctOrganisation) unit = rct_organisation_new ();
  g_autoptr(RctUnit) unit_record = NULL;
  g_autofree char *now = rct_clock_now ();
  Writer w = { 0 };
  gint64 unit_id;
  gboolean ok;

  g_return_val_if_fail (RCT_IS_STORE (store), FALSE);

  office = rct_store_dup_organisation (store, error);
  if (office == NULL)
    return FALSE;
  if (g_strcmp0 (office->level, "office") != 0)
    {
      g_set_error_literal (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                           _("Only the office's ledger sends set-up files; this one is a unit's."));
      return FALSE;
    }
  unit_id = rct_store_find_id (store, RCT_KIND_UNIT, unit_name, error);
  if (unit_id == 0)
    return FALSE;
  unit_record = rct_store_get (store, RCT_KIND_UNIT, unit_id, error);
  if (unit_record == NULL)
    return FALSE;
  /* The unit's own short code (Set-up page) unless another is given. */
  if (unit_code == NULL)
    unit_code = unit_record->code;
  if (!rct_organisation_code_is_valid (unit_code))
    {
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("“%s” is not a short code: give one to eight capital letters or digits, starting with a letter "
                     "(e.g. HH)."), unit_code != NULL ? unit_code : "");
      return FALSE;
    }
  unit->uuid = g_strdup (rct_record_get_uuid (RCT_RECORD (unit_record)));
  unit->name = g_strdup (unit_record->name);
  unit->code = g_strdup (unit_code);
  unit->level = g_strdup ("unit");
  unit->office_uuid = g_strdup (office->uuid);
  unit->office_name = g_strdup (office->name);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL)
    return FALSE;
  w.store = store;

  begin_document (&w, G_OUTPUT_STREAM (out), "setup", RCT_SETUP_NAMESPACE);
  attribute_int (&w, "schemaVersion", RCT_SETUP_SCHEMA_VERSION);
  element (&w, "generatedAt", now);
  write_organisation_element (&w, "office", office);
  write_organisation_element (&w, "unit", unit);
  start (&w, "counts");
  attribute_int (&w, "campaigns", rct_store_count (store, RCT_KIND_CAMPAIGN, NULL, NULL));
  attribute_int (&w, "phases", rct_store_count (store, RCT_KIND_PHASE, NULL, NULL));
  attribute_int (&w, "units", rct_store_count (store, RCT_KIND_UNIT, NULL, NULL));
  attribute_int (&w, "people", rct_store_count (store, RCT_KIND_PERSON, NULL, NULL));
  attribute_int (&w, "groups", rct_store_count (store, RCT_KIND_WORKING_GROUP, NULL, NULL));
  attribute_int (&w, "supervisors", rct_store_count (store, RCT_KIND_SUPERVISOR, NULL, NULL));
  end (&w);
  start (&w, "records");
  write_kind (&w, RCT_KIND_CAMPAIGN, FALSE);
  write_kind (&w, RCT_KIND_UNIT, FALSE);
  write_kind (&w, RCT_KIND_PERSON, FALSE);
  write_kind (&w, RCT_KIND_WORKING_GROUP, FALSE);
  write_kind (&w, RCT_KIND_SUPERVISOR, FALSE);
  end (&w);
  ok = finish_document (&w, _("The set-up file could not be written; check the disk and try again."), error);
  g_clear_pointer (&w.uuids, g_hash_table_unref);
  if (!ok)
    {
      g_unlink (partial);
      return FALSE;
    }
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (partial);
      g_set_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, _("Cannot write “%s”: %s."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
