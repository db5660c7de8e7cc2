/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "rct-merge-private.h"
#include "rct-report.h"
#include "rct-report-private.h"
#include "rct-report-sign.h"
#include "rct-trust.h"
#include "rct-store-private.h"
#include "rct-report-resources.h"
#include "rct-safe-name.h"

/* Reading a supervision report that came from outside. Streaming with
 * xmlTextReader, so memory stays flat however large the file; validated
 * against our schema while it streams (an import: in its checks' thread
 * beside it, after the signature's pass, ImportChecks); and careful: no
 * network, no DTD, no entity substitution (XML_PARSE_NONET only: never
 * NOENT, DTDLOAD, DTDVALID or HUGE), a DOCTYPE refused outright by the
 * reader's own node types (not by looking for bytes), depth bounded, each
 * field's text bounded as a whole however many nodes it comes in, the bytes
 * read bounded and counted through our own input, which refuses a
 * compressed file. An import merges record by record inside one transaction that is committed
 * only when the whole file has been read and found good, so a bad file
 * changes nothing. */

#define MAX_DEPTH 16
#define MAX_TEXT_BYTES (256 * 1024)
/* No text, comment or attribute of a report is longer than a field may
 * be: a longer run of bytes without markup is refused as it is read,
 * before libxml2 hands it to the schema validator, which would join its
 * pieces in quadratic time. */
#define MAX_RUN_BYTES (MAX_TEXT_BYTES + 4096)
/* A field is one text node, or a few split by a comment or CDATA. libxml2's
 * schema validator joins the pieces of a field by appending to a string it
 * measures each time: thousands of pieces cost quadratic time. */
#define MAX_TEXT_PIECES 64
/* An accountability record's problems, a visit's units: some 1,700 links
 * of one record at most. */
#define MAX_LINK_BYTES (64 * 1024)
#define MAX_FILE_BYTES ((goffset) 4 * 1024 * 1024 * 1024)

typedef struct
{
  RctKind     kind;
  GHashTable *values;    /* column -> text */
  GString    *members;   /* group members' uuids, ',' joined */
  int         depth;
  gboolean    flushed;
  gboolean    deferred;  /* a problem held here: merged at its end, with its events */
  GPtrArray  *events;    /* its journal rows' values, GHashTable */
  GPtrArray  *children;  /* its measures, extensions, evidence held with it, Frame */
} Frame;

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  guint64       bytes;       /* read so far, as libxml2 sees them */
  guint64       run;         /* bytes since the last '<' */
} Input;

/* An import's checks of the whole file, in a thread beside the merge's own
 * pass (docs/EXCHANGE.md, "Checking, before anything is written"): first the
 * signature's pass, then the schema's. The merge's pass reads the file
 * without the schema; the checks' verdicts are taken before the commit. */
typedef struct
{
  RctStore     *store;
  char         *path;
  GCancellable *stop;       /* the checks' own, cancelled with the import's */
  GCancellable *cancellable;
  gulong        cancelled_id;
  GThread      *thread;
  GMutex        lock;
  GCond         cond;
  /* Given by the thread, under the lock. */
  RctSignature *read;       /* the signature found */
  gint          signature_done;  /* atomic */
  gboolean      validated;
  gboolean      valid;
  char         *first_problem;   /* the schema's first complaint */
  int           first_line;
  /* The signature's verdict, on the merge's side. */
  gboolean      decided;
  gboolean      ok;
  GError       *error;      /* why it was refused */
  RctSignature *signature;  /* once decided and let through */
  char         *warning;
} ImportChecks;

typedef struct
{
  xmlTextReaderPtr  reader;
  Input             input;
  RctStore         *store;       /* NULL to validate only */
  const char       *label;
  RctReportSummary *summary;
  GPtrArray        *stack;       /* Frame */
  GError           *error;
  char             *first_problem;   /* against the schema */
  int               first_line;
  char             *parse_problem;   /* not well-formed */
  int               parse_line;
  int               parse_code;
  gint64            declared[RCT_N_KINDS];
  gint64            seen[RCT_N_KINDS];
  gboolean          have_counts;
  char             *leaf;        /* the field element being read */
  gboolean          leaf_is_header; /* a field of <header>, not of a record */
  int               leaf_depth;
  int               leaf_pieces;
  GString          *text;        /* the leaf's text so far, all its nodes */
  char             *author;      /* generatedBy: who the journal says merged */
  xmlDocPtr         doc;         /* once asked for, ours to free */
  gboolean          setup;       /* a set-up file, not a report */
  gint64            version;     /* its schemaVersion */
  RctOrganisation  *org;         /* who made the report; a set-up's unit */
  RctOrganisation  *office;      /* a set-up's office */
  RctMergePlan     *plan;        /* a merge's, filled record by record */
  gint64            exchange_serial; /* the header's exchange: the report's serial, or 0 */
  char             *exchange_for;    /* whom it is for, or NULL */
  GPtrArray        *exchange_acks;   /* pairs: organisation uuid, serial */
  ImportChecks     *checks;      /* an import's, or NULL: the schema and the signature read beside */
} Reader;

static const struct
{
  const char *element;
  RctKind     kind;
  const char *count;
} record_elements[] = {
  { "campaign", RCT_KIND_CAMPAIGN, "campaigns" },
  { "phase", RCT_KIND_PHASE, "phases" },
  { "unit", RCT_KIND_UNIT, "units" },
  { "person", RCT_KIND_PERSON, "people" },
  { "group", RCT_KIND_WORKING_GROUP, "groups" },
  { "task", RCT_KIND_TASK, "tasks" },
  { "progress", RCT_KIND_TASK_PROGRESS, "progress" },
  { "problem", RCT_KIND_PROBLEM, "problems" },
  { "measure", RCT_KIND_MEASURE, "measures" },
  { "extension", RCT_KIND_EXTENSION, "extensions" },
  { "evidence", RCT_KIND_EVIDENCE, "evidence" },
  { "supervisor", RCT_KIND_SUPERVISOR, "supervisors" },
  { "feedback", RCT_KIND_FEEDBACK, "feedback" },
  { "journal", RCT_KIND_JOURNAL, "journal" },
  { "accountability", RCT_KIND_ACCOUNTABILITY, "accountability" },
  { "visit", RCT_KIND_VISIT, "visits" },
};

static gboolean
record_kind (const char *element,
             RctKind    *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_elements); i++)
    if (strcmp (record_elements[i].element, element) == 0)
      {
        *kind = record_elements[i].kind;
        return TRUE;
      }
  return FALSE;
}

static void
frame_free (gpointer data)
{
  Frame *frame = data;
  g_hash_table_unref (frame->values);
  if (frame->members != NULL)
    g_string_free (frame->members, TRUE);
  g_clear_pointer (&frame->events, g_ptr_array_unref);
  g_clear_pointer (&frame->children, g_ptr_array_unref);
  g_free (frame);
}

void
rct_report_summary_clear (RctReportSummary *summary)
{
  g_clear_pointer (&summary->title, g_free);
  g_clear_pointer (&summary->campaign, g_free);
  g_clear_pointer (&summary->period, g_free);
  g_clear_pointer (&summary->closing_rate, g_free);
  g_clear_pointer (&summary->generated_at, g_free);
  g_clear_pointer (&summary->language, g_free);
  g_clear_pointer (&summary->generated_by, g_free);
  g_clear_pointer (&summary->organisation, g_free);
  g_clear_pointer (&summary->warning, g_free);
}

/* libxml2's own complaints: keep the first schema complaint and the first
 * parser complaint, each with its line. */
static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  Reader *r = user_data;
  gboolean schema;

  if (error == NULL || error->level < XML_ERR_ERROR)
    return;
  schema = error->domain == XML_FROM_SCHEMASV || error->domain == XML_FROM_SCHEMASP;
  if (schema && r->first_problem == NULL)
    {
      r->first_problem = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
      r->first_line = error->line;
    }
  else if (!schema && r->parse_problem == NULL)
    {
      r->parse_problem = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
      r->parse_line = error->line > 0 ? error->line
                      : (r->reader != NULL ? xmlTextReaderGetParserLineNumber (r->reader) : 0);
      r->parse_code = error->code;
    }
}

static void
fail (Reader     *r,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
fail (Reader     *r,
      int         code,
      const char *format,
      ...)
{
  va_list args;

  if (r->error != NULL)
    return;
  va_start (args, format);
  r->error = g_error_new_valist (RCT_REPORT_ERROR, code, format, args);
  va_end (args);
}

/* libxml2 reads through here, never from the file by name: it sees the
 * bytes we count, and a gzip or xz file is refused, not unpacked behind
 * the size limit's back. */
static int
input_read_cb (void *context,
               char *buffer,
               int   len)
{
  Reader *r = context;
  g_autoptr(GError) local_error = NULL;
  gsize n = 0;

  if (r->error != NULL)
    return -1;
  if (!g_input_stream_read_all (r->input.stream, buffer, len, &n, r->input.cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        r->error = g_steal_pointer (&local_error);
      else
        fail (r, RCT_REPORT_ERROR_MALFORMED, _("The report could not be read: %s"), local_error->message);
      return -1;
    }
  if (r->input.bytes == 0 && n >= 2 &&
      (((guchar) buffer[0] == 0x1f && (guchar) buffer[1] == 0x8b) ||
       (n >= 6 && memcmp (buffer, "\xfd" "7zXZ\0", 6) == 0)))
    {
      fail (r, RCT_REPORT_ERROR_HOSTILE,
            _("The report is a compressed file; unpack it and import the .xml file inside."));
      return -1;
    }
  {
    const char *first = memchr (buffer, '<', n);
    const char *last = NULL;

    for (gsize i = n; first != NULL && last == NULL && i > 0; i--)
      if (buffer[i - 1] == '<')
        last = buffer + i - 1;

    if (r->input.run + (first != NULL ? (gsize) (first - buffer) : n) > MAX_RUN_BYTES)
      {
        fail (r, RCT_REPORT_ERROR_HOSTILE, _("A text in the report is absurdly long; it was refused."));
        return -1;
      }
    r->input.run = last != NULL ? n - (gsize) (last - buffer) - 1 : r->input.run + n;
  }
  r->input.bytes += n;
  if (r->input.bytes > MAX_FILE_BYTES)
    {
      fail (r, RCT_REPORT_ERROR_HOSTILE, _("The report is larger than 4 GB; no real report is that large."));
      return -1;
    }
  return (int) n;
}

/* libxml2's generic complaints (the schema validator's "Unimplemented
 * block" on an entity of a refused DTD) would go to stderr beside our
 * one sentence. */
static void
quiet_generic_error_cb (void       *user_data,
                        const char *format,
                        ...)
{
}

/* Only once the reading has stopped: asking for the document makes the
 * reader keep every node from then on. */
static gboolean
has_doctype (Reader *r)
{
  if (r->doc == NULL && r->reader != NULL)
    r->doc = xmlTextReaderCurrentDoc (r->reader);
  return r->doc != NULL && (r->doc->intSubset != NULL || r->doc->extSubset != NULL);
}

static void
fail_doctype (Reader *r)
{
  fail (r, RCT_REPORT_ERROR_HOSTILE,
        _("The report carries a document type declaration (DTD), which a report never has; it was refused."));
}

/* The reader stopped: say why in one sentence, with the line. A parser
 * complaint (not well-formed, cut short, bad UTF-8) explains more than the
 * schema complaints it causes, so it comes first. */
static void
fail_from_libxml (Reader *r)
{
  xmlErrorPtr last = xmlGetLastError ();

  /* Entities declared in a DTD may stop the parser before the reader hands
   * out the DOCTYPE node: the DTD is the reason. */
  if (has_doctype (r))
    {
      fail_doctype (r);
      return;
    }
  /* libxml2 2.9 hands parser errors of a reader to its generic handler,
   * not the structured one: take them from the last error. */
  if (r->parse_problem == NULL && last != NULL && last->domain != XML_FROM_SCHEMASV &&
      last->domain != XML_FROM_SCHEMASP && last->level >= XML_ERR_ERROR)
    {
      r->parse_problem = g_strstrip (g_strdup (last->message != NULL ? last->message : ""));
      r->parse_line = last->line;
      r->parse_code = last->code;
    }
  if (r->parse_problem != NULL)
    {
      const char *what = r->parse_problem;

      if (r->parse_code == XML_ERR_INVALID_CHAR || r->parse_code == XML_ERR_INVALID_ENCODING ||
          r->parse_code == XML_ERR_UNKNOWN_ENCODING || strstr (what, "UTF-8") != NULL)
        fail (r, RCT_REPORT_ERROR_MALFORMED, _("The report is not valid UTF-8 text (line %d); it may be damaged."),
              r->parse_line);
      else if (r->parse_code == XML_ERR_DOCUMENT_END || strstr (what, "Premature end") != NULL ||
               strstr (what, "Couldn't find end") != NULL || strstr (what, "EndTag") != NULL)
        fail (r, RCT_REPORT_ERROR_MALFORMED,
              _("The report ends too early (line %d: %s); it is truncated or was cut off."), r->parse_line, what);
      else
        fail (r, RCT_REPORT_ERROR_MALFORMED, _("The report is not well-formed XML (line %d: %s)."),
              r->parse_line, what);
    }
  else if (r->first_problem != NULL)
    fail (r, RCT_REPORT_ERROR_INVALID, _("The report does not follow the report schema (line %d: %s)."),
          r->first_line, r->first_problem);
  else
    fail (r, RCT_REPORT_ERROR_MALFORMED, _("The report could not be read to its end (line %d); it may be damaged."),
          r->reader != NULL ? xmlTextReaderGetParserLineNumber (r->reader) : 0);
}

/* Every record merged has an owner organisation: the one the report says
 * (ownedBy), else the report's maker, or a set-up's office. */
static gboolean
fill_owner (Reader *r,
            Frame  *frame)
{
  const RctOrganisation *maker = r->setup ? r->office : r->org;

  if (maker == NULL)
    {
      fail (r, RCT_REPORT_ERROR_INVALID,
            _("The report does not say which organisation made it, so its records cannot be merged."));
      return FALSE;
    }
  if (g_hash_table_lookup (frame->values, "owner_org") == NULL)
    g_hash_table_insert (frame->values, g_strdup ("owner_org"), g_strdup (maker->uuid));
  g_hash_table_insert (frame->values, g_strdup ("maker_org"), g_strdup (maker->uuid));
  return TRUE;
}

static const char *
frame_label (Frame *frame)
{
  const char *const *columns = rct_exchange_columns (frame->kind);
  const char *label = columns != NULL && columns[0] != NULL ? g_hash_table_lookup (frame->values, columns[0]) : NULL;

  return label != NULL && *label ? label : g_hash_table_lookup (frame->values, "uuid");
}

static gboolean merge_one (Reader          *r,
                           Frame           *frame,
                           GHashTable      *values,
                           GPtrArray       *events,
                           RctImportResult *out_result);

static gboolean
import_frame (Reader *r,
              Frame  *frame)
{
  if (frame->flushed)
    return TRUE;
  frame->flushed = TRUE;
  r->seen[frame->kind]++;
  if (r->summary != NULL)
    r->summary->records++;
  if (r->store == NULL || (!r->setup && r->version < 2))
    return TRUE;  /* a version 1 report is read to its end, then refused (read_report) */
  if (!fill_owner (r, frame))
    return FALSE;
  if (frame->members != NULL)
    g_hash_table_insert (frame->values, g_strdup ("person_uuid"), g_strdup (frame->members->str));
  /* The children of a problem (a task, a feedback) held back wait for
   * its events: its measures, extensions and evidence (a task's progress)
   * are merged first, then the record, then the events themselves, as
   * journal rows. */
  if (r->stack->len > 0)
    {
      Frame *parent = g_ptr_array_index (r->stack, r->stack->len - 1);
      if (parent->deferred && !parent->flushed)
        {
          if (frame->kind == RCT_KIND_JOURNAL)
            {
              if (parent->events == NULL)
                parent->events = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
              g_ptr_array_add (parent->events, g_hash_table_ref (frame->values));
            }
          else
            {
              Frame *held = g_new0 (Frame, 1);
              held->kind = frame->kind;
              held->values = g_hash_table_ref (frame->values);
              if (parent->children == NULL)
                parent->children = g_ptr_array_new_with_free_func (frame_free);
              g_ptr_array_add (parent->children, held);
            }
          return TRUE;
        }
    }
  {
    gint64 progress_added = 0;

    for (guint i = 0; frame->children != NULL && i < frame->children->len; i++)
      {
        Frame *child = g_ptr_array_index (frame->children, i);
        RctImportResult result = RCT_IMPORT_UNCHANGED;

        if (!merge_one (r, child, child->values, frame->events, &result))
          return FALSE;
        if (child->kind == RCT_KIND_TASK_PROGRESS && result == RCT_IMPORT_ADDED)
          {
            const char *count = g_hash_table_lookup (child->values, "count");
            progress_added += count != NULL ? g_ascii_strtoll (count, NULL, 10) : 0;
          }
      }
    /* A task this ledger holds counts the progress entries new to it on
     * top of its own (rct-store-import.c). */
    if (frame->deferred && frame->kind == RCT_KIND_TASK)
      g_hash_table_insert (frame->values, g_strdup ("progress_added"),
                           g_strdup_printf ("%" G_GINT64_FORMAT, progress_added));
  }
  if (!merge_one (r, frame, frame->values, frame->events, NULL))
    return FALSE;
  /* The held problem is in: now its events, as journal rows. */
  for (guint i = 0; frame->events != NULL && i < frame->events->len; i++)
    {
      Frame event = { 0 };
      event.kind = RCT_KIND_JOURNAL;
      event.values = g_ptr_array_index (frame->events, i);
      if (!merge_one (r, &event, event.values, NULL, NULL))
        return FALSE;
    }
  return TRUE;
}

static gboolean
merge_one (Reader          *r,
           Frame           *frame,
           GHashTable      *values,
           GPtrArray       *events,
           RctImportResult *out_result)
{
  RctImportResult result = RCT_IMPORT_UNCHANGED;
  g_autoptr(GError) error = NULL;
  const char *uuid = g_hash_table_lookup (values, "uuid");

  if (!_rct_store_merge_record (r->store, frame->kind, values, events, r->label, &result, &error))
    {
      /* A change its author may not make: listed, and the rest goes on. */
      if (r->plan != NULL && g_error_matches (error, RCT_STORE_ERROR, RCT_STORE_ERROR_REFUSED))
        {
          _rct_merge_plan_note (r->plan, RCT_MERGE_REFUSED, frame->kind, uuid, frame_label (frame), NULL,
                                error->message);
          return TRUE;
        }
      fail (r, RCT_REPORT_ERROR_INVALID, _("A record of the report could not be merged (line %d): %s"),
            xmlTextReaderGetParserLineNumber (r->reader), error->message);
      return FALSE;
    }
  if (out_result != NULL)
    *out_result = result;
  if (r->summary != NULL)
    {
      if (result == RCT_IMPORT_ADDED)
        r->summary->added++;
      else if (result == RCT_IMPORT_UPDATED)
        r->summary->updated++;
      else
        r->summary->unchanged++;
    }
  if (frame->kind != RCT_KIND_JOURNAL)
    _rct_merge_plan_note (r->plan, result == RCT_IMPORT_ADDED ? RCT_MERGE_ADDED
                                   : result == RCT_IMPORT_UPDATED ? RCT_MERGE_CHANGED
                                   : result == RCT_IMPORT_PENDING ? RCT_MERGE_PENDING : RCT_MERGE_UNCHANGED,
                          frame->kind, uuid, frame_label (frame), NULL,
                          result == RCT_IMPORT_PENDING ? _("It refers to a record this ledger does not know yet; "
                                                          "it is kept and merged when that record arrives.") : NULL);
  return TRUE;
}

static char *
attribute (xmlTextReaderPtr reader,
           const char      *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static void
start_record (Reader     *r,
              RctKind     kind,
              int         depth)
{
  Frame *frame = g_new0 (Frame, 1);
  const RctExchangeRef *refs;
  guint n_refs;

  /* The parent's own fields are all read: merge it before its children;
   * a problem this ledger holds waits for its events (docs/EXCHANGE.md). */
  if (r->stack->len > 0)
    {
      Frame *parent = g_ptr_array_index (r->stack, r->stack->len - 1);

      if (r->plan != NULL && !parent->flushed &&
          (parent->kind == RCT_KIND_PROBLEM || parent->kind == RCT_KIND_TASK || parent->kind == RCT_KIND_FEEDBACK) &&
          _rct_store_import_find (r->store, parent->kind, g_hash_table_lookup (parent->values, "uuid")) != 0)
        parent->deferred = TRUE;
      else
        import_frame (r, parent);
    }

  frame->kind = kind;
  frame->depth = depth;
  frame->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (frame->values, g_strdup ("uuid"), attribute (r->reader, "uuid"));
  g_hash_table_insert (frame->values, g_strdup ("created_at"), attribute (r->reader, "createdAt"));
  g_hash_table_insert (frame->values, g_strdup ("updated_at"), attribute (r->reader, "updatedAt"));
  {
    char *owner = attribute (r->reader, "ownedBy");
    if (owner != NULL)
      g_hash_table_insert (frame->values, g_strdup ("owner_org"), owner);
  }
  refs = rct_exchange_refs (kind, &n_refs);
  for (guint i = 0; i < n_refs; i++)
    {
      g_autofree char *name = g_strndup (refs[i].name, strlen (refs[i].name) - strlen ("_uuid"));
      char *value = attribute (r->reader, name);
      if (value != NULL)
        g_hash_table_insert (frame->values, g_strdup (refs[i].name), value);
    }
  g_ptr_array_add (r->stack, frame);
}

/* A record element where records belong: at the top of <records>, or as
 * the child records of a campaign, task or problem (a task's <phase> is a
 * field, not a record). */
static gboolean
is_record_here (Reader  *r,
                RctKind  kind,
                int      depth)
{
  Frame *parent;

  if (r->stack->len == 0)
    return depth == 2 && (kind == RCT_KIND_CAMPAIGN || kind == RCT_KIND_UNIT || kind == RCT_KIND_PERSON ||
                          kind == RCT_KIND_WORKING_GROUP || kind == RCT_KIND_TASK || kind == RCT_KIND_PROBLEM ||
                          kind == RCT_KIND_SUPERVISOR || kind == RCT_KIND_FEEDBACK ||
                          kind == RCT_KIND_ACCOUNTABILITY || kind == RCT_KIND_VISIT);
  parent = g_ptr_array_index (r->stack, r->stack->len - 1);
  if (depth != parent->depth + 1)
    return FALSE;
  switch (parent->kind)
    {
    case RCT_KIND_CAMPAIGN:
      return kind == RCT_KIND_PHASE;
    case RCT_KIND_TASK:
      return kind == RCT_KIND_TASK_PROGRESS || kind == RCT_KIND_JOURNAL;
    case RCT_KIND_FEEDBACK:
      return kind == RCT_KIND_JOURNAL;
    case RCT_KIND_PROBLEM:
      return kind == RCT_KIND_MEASURE || kind == RCT_KIND_EXTENSION || kind == RCT_KIND_EVIDENCE ||
             kind == RCT_KIND_JOURNAL;
    default:
      return FALSE;
    }
}

static gboolean
read_counts (Reader *r)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_elements); i++)
    {
      g_autofree char *value = attribute (r->reader, record_elements[i].count);
      r->declared[record_elements[i].kind] = value != NULL ? g_ascii_strtoll (value, NULL, 10) : -1;
    }
  r->have_counts = TRUE;
  /* Many problems coming: the store may write them in bulk. */
  if (r->store != NULL && r->error == NULL &&
      !_rct_store_bulk_expect (r->store, RCT_KIND_PROBLEM, r->declared[RCT_KIND_PROBLEM], &r->error))
    return FALSE;
  return TRUE;
}

static gboolean
check_setup_root (Reader *r)
{
  const xmlChar *name = xmlTextReaderConstLocalName (r->reader);
  const xmlChar *ns = xmlTextReaderConstNamespaceUri (r->reader);
  g_autofree char *version = NULL;
  gint64 v = 0;

  if (name == NULL || strcmp ((const char *) name, "setup") != 0 || ns == NULL ||
      strcmp ((const char *) ns, RCT_SETUP_NAMESPACE) != 0)
    {
      fail (r, RCT_REPORT_ERROR_NOT_A_REPORT,
            _("This is not a Rectify set-up file (its root is “%s” in the namespace “%s”)."),
            name != NULL ? (const char *) name : "", ns != NULL ? (const char *) ns : "");
      return FALSE;
    }
  version = attribute (r->reader, "schemaVersion");
  if (version == NULL || !g_ascii_string_to_signed (version, 10, 1, G_MAXINT32, &v, NULL))
    {
      fail (r, RCT_REPORT_ERROR_INVALID, _("The set-up file does not say its schema version."));
      return FALSE;
    }
  if (v > RCT_SETUP_SCHEMA_VERSION)
    {
      fail (r, RCT_REPORT_ERROR_NEWER,
            _("The set-up file was made by a newer Rectify (version %d, this program reads %d); update Rectify "
              "to read it."), (int) v, RCT_SETUP_SCHEMA_VERSION);
      return FALSE;
    }
  r->version = v;
  return TRUE;
}

/* An organisation element: the report's maker, a set-up's office or unit.
 * The schema has checked its attributes by the time a record is merged;
 * the store checks them again. */
static RctOrganisation *
read_organisation (Reader *r)
{
  RctOrganisation *org = rct_organisation_new ();

  org->uuid = attribute (r->reader, "uuid");
  org->name = attribute (r->reader, "name");
  org->code = attribute (r->reader, "code");
  org->level = attribute (r->reader, "level");
  org->office_uuid = attribute (r->reader, "office");
  org->office_name = attribute (r->reader, "officeName");
  return org;
}

/* What the header says of who made the file; an import remembers it (a
 * set-up makes it the new ledger's own organisation). */
static gboolean
read_identity_element (Reader     *r,
                       const char *name,
                       int         depth)
{
  g_autoptr(GError) error = NULL;
  RctOrganisation **slot = NULL;

  if (!r->setup && depth == 2 && strcmp (name, "organisation") == 0)
    slot = &r->org;
  else if (r->setup && depth == 1 && strcmp (name, "office") == 0)
    slot = &r->office;
  else if (r->setup && depth == 1 && strcmp (name, "unit") == 0)
    slot = &r->org;
  if (slot == NULL)
    return TRUE;
  g_clear_pointer (slot, rct_organisation_free);
  *slot = read_organisation (r);
  if (r->summary != NULL && !r->setup)
    {
      g_free (r->summary->organisation);
      r->summary->organisation = g_strdup ((*slot)->name);
    }
  if (r->store == NULL)
    return TRUE;
  if (!r->setup && r->version >= 2 && !rct_store_remember_organisation (r->store, r->org, &error))
    {
      fail (r, RCT_REPORT_ERROR_INVALID, _("The report's maker could not be recorded: %s"), error->message);
      return FALSE;
    }
  if (r->setup && slot == &r->org)
    {
      if (r->office == NULL || !rct_store_set_organisation (r->store, r->org, r->office, &error))
        {
          fail (r, RCT_REPORT_ERROR_INVALID, _("The set-up file's unit or office is not usable: %s"),
                error != NULL ? error->message : _("the office is missing"));
          return FALSE;
        }
    }
  return TRUE;
}

static gint64
serial_attribute (Reader *r)
{
  g_autofree char *text = attribute (r->reader, "serial");
  guint64 serial = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &serial, NULL))
    return 0;
  return (gint64) serial;
}

/* The header's exchange (docs/EXCHANGE.md, Acknowledgements): the report's
 * serial and peer, and what its author merged of each organisation. A
 * value that is not a serial or a uuid is left out: it acknowledges
 * nothing. At most 1000 acknowledgements, as the schema says. */
static void
read_exchange_element (Reader     *r,
                       const char *name,
                       int         depth)
{
  if (depth == 2 && strcmp (name, "exchange") == 0)
    {
      r->exchange_serial = serial_attribute (r);
      g_free (r->exchange_for);
      r->exchange_for = attribute (r->reader, "for");
      if (r->exchange_for != NULL && !g_uuid_string_is_valid (r->exchange_for))
        g_clear_pointer (&r->exchange_for, g_free);
    }
  else if (depth == 3 && strcmp (name, "acknowledged") == 0)
    {
      g_autofree char *organisation = attribute (r->reader, "organisation");
      gint64 serial = serial_attribute (r);

      if (r->exchange_acks == NULL)
        r->exchange_acks = g_ptr_array_new_with_free_func (g_free);
      if (organisation == NULL || !g_uuid_string_is_valid (organisation) || serial == 0 ||
          r->exchange_acks->len >= 2000)
        return;
      g_ptr_array_add (r->exchange_acks, g_steal_pointer (&organisation));
      g_ptr_array_add (r->exchange_acks, g_strdup_printf ("%" G_GINT64_FORMAT, serial));
    }
}

static gboolean
check_root (Reader *r)
{
  const xmlChar *name = xmlTextReaderConstLocalName (r->reader);
  const xmlChar *ns = xmlTextReaderConstNamespaceUri (r->reader);
  g_autofree char *version = NULL;
  gint64 v = 0;

  if (r->setup)
    return check_setup_root (r);
  if (name == NULL || strcmp ((const char *) name, "report") != 0 || ns == NULL ||
      strcmp ((const char *) ns, RCT_REPORT_NAMESPACE) != 0)
    {
      fail (r, RCT_REPORT_ERROR_NOT_A_REPORT,
            _("This is not a Rectify supervision report (its root is “%s” in the namespace “%s”)."),
            name != NULL ? (const char *) name : "", ns != NULL ? (const char *) ns : "");
      return FALSE;
    }
  version = attribute (r->reader, "schemaVersion");
  if (version == NULL || !g_ascii_string_to_signed (version, 10, 1, G_MAXINT32, &v, NULL))
    {
      fail (r, RCT_REPORT_ERROR_INVALID, _("The report does not say its schema version."));
      return FALSE;
    }
  if (v > RCT_REPORT_SCHEMA_VERSION)
    {
      fail (r, RCT_REPORT_ERROR_NEWER,
            _("The report was made by a newer Rectify (report version %d, this program reads %d); update Rectify "
              "to read it."), (int) v, RCT_REPORT_SCHEMA_VERSION);
      return FALSE;
    }
  r->version = v;
  if (r->summary != NULL)
    r->summary->schema_version = v;
  return TRUE;
}

static gint64
attribute_int (xmlTextReaderPtr reader,
               const char      *name)
{
  g_autofree char *value = attribute (reader, name);
  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

/* A field's text is gathered from all its nodes (comments and CDATA
 * split it) into one buffer, whose whole length is bounded. */
static void
start_leaf (Reader     *r,
            const char *name,
            int         depth,
            gboolean    header)
{
  g_free (r->leaf);
  r->leaf = g_strdup (name);
  r->leaf_depth = depth;
  r->leaf_is_header = header;
  r->leaf_pieces = 0;
  g_string_truncate (r->text, 0);
}

static gboolean
add_leaf_text (Reader     *r,
               const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len > MAX_TEXT_BYTES - r->text->len)
    {
      fail (r, RCT_REPORT_ERROR_HOSTILE, _("A text in the report is absurdly long (line %d); it was refused."),
            xmlTextReaderGetParserLineNumber (r->reader));
      return FALSE;
    }
  if (++r->leaf_pieces > MAX_TEXT_PIECES)
    {
      fail (r, RCT_REPORT_ERROR_HOSTILE,
            _("A text in the report is broken into absurdly many pieces by comments (line %d); it was refused."),
            xmlTextReaderGetParserLineNumber (r->reader));
      return FALSE;
    }
  g_string_append_len (r->text, text, len);
  return TRUE;
}

static void
finish_leaf (Reader *r)
{
  if (r->leaf_is_header)
    {
      RctReportSummary *summary = r->summary;
      const char *name = r->leaf;

      if (strcmp (name, "generatedBy") == 0)
        {
          g_free (r->author);
          r->author = rct_safe_label (r->text->str, 200);
          /* The journal's "who" of every merged change. */
          if (r->store != NULL && *g_strstrip (r->author) != '\0')
            rct_store_set_operator (r->store, r->author);
        }
      if (summary != NULL)
        {
          char **slot = name[0] == 't' ? &summary->title : name[0] == 'c' ? &summary->campaign
                        : strcmp (name, "generatedAt") == 0 ? &summary->generated_at : &summary->generated_by;
          /* Shown in the window and printed to a terminal: one visible
           * line (an escape sequence or a right-to-left override would
           * act, not show). */
          g_free (*slot);
          *slot = rct_safe_label (r->text->str, 200);
        }
    }
  else if (r->stack->len > 0)
    {
      Frame *frame = g_ptr_array_index (r->stack, r->stack->len - 1);
      g_hash_table_insert (frame->values, g_strdup (r->leaf), g_strndup (r->text->str, r->text->len));
    }
  g_clear_pointer (&r->leaf, g_free);
  r->leaf_depth = -1;
}

/* What the report says of itself, for a view of it that imports nothing. */
static void
read_header_element (Reader     *r,
                     const char *name,
                     int         depth)
{
  RctReportSummary *summary = r->summary;

  if (strcmp (name, "title") == 0 || strcmp (name, "campaign") == 0 || strcmp (name, "generatedAt") == 0 ||
      strcmp (name, "generatedBy") == 0)
    {
      if (xmlTextReaderIsEmptyElement (r->reader))
        {
          start_leaf (r, name, depth, TRUE);
          finish_leaf (r);
        }
      else
        start_leaf (r, name, depth, TRUE);
    }
  else if (summary == NULL)
    return;
  else if (strcmp (name, "period") == 0)
    {
      g_autofree char *from = attribute (r->reader, "from");
      g_autofree char *to = attribute (r->reader, "to");
      g_autofree char *today = attribute (r->reader, "today");
      g_free (summary->period);
      summary->period = g_strdup_printf ("%s – %s", from != NULL ? from : "…", to != NULL ? to : today ? today : "…");
    }
  else if (strcmp (name, "problems") == 0)
    {
      summary->problems = attribute_int (r->reader, "total");
      summary->closed = attribute_int (r->reader, "closed");
      summary->overdue = attribute_int (r->reader, "overdue");
      g_free (summary->closing_rate);
      summary->closing_rate = attribute (r->reader, "closingRate");
    }
  else if (strcmp (name, "feedback") == 0)
    {
      summary->feedback = attribute_int (r->reader, "total");
      summary->replied = attribute_int (r->reader, "replied");
    }
}

static xmlSchemaPtr
load_schema (gboolean   setup,
             GError   **error)
{
  static xmlSchemaPtr schemas[2];
  static gsize loaded[2];
  xmlSchemaPtr schema;

  if (g_once_init_enter (&loaded[setup]))
    {
      g_autoptr(GBytes) bytes = setup ? rct_setup_get_schema () : rct_report_get_schema ();
      xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt (g_bytes_get_data (bytes, NULL),
                                                                 g_bytes_get_size (bytes));
      xmlSchemaSetParserStructuredErrors (parser, NULL, NULL);
      schemas[setup] = xmlSchemaParse (parser);
      xmlSchemaFreeParserCtxt (parser);
      g_once_init_leave (&loaded[setup], 1);
    }
  schema = schemas[setup];
  if (schema == NULL)
    g_set_error_literal (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_INVALID, "the report schema does not load");
  return schema;
}

/**
 * rct_report_get_schema:
 *
 * Returns: (transfer full): the XSD of the report, as shipped
 */
GBytes *
rct_report_get_schema (void)
{
  (void) rct_report_get_resource ();
  return g_resources_lookup_data ("/io/github/rectify/Rectify/report/rct-report.xsd", 0, NULL);
}

/**
 * rct_setup_get_schema:
 *
 * Returns: (transfer full): the XSD of the set-up file, as shipped
 */
GBytes *
rct_setup_get_schema (void)
{
  (void) rct_report_get_resource ();
  return g_resources_lookup_data ("/io/github/rectify/Rectify/report/rct-setup.xsd", 0, NULL);
}

/* Test hooks (rct-report-private.h): the signature's thread before it
 * reads, the merge once its own pass is over. */
static RctReportMergeHook signature_hook;
static RctReportMergeHook merged_hook;
static gpointer hook_data;

void
_rct_report_set_merge_hooks (RctReportMergeHook before_signature,
                             RctReportMergeHook after_merge_pass,
                             gpointer           data)
{
  signature_hook = before_signature;
  merged_hook = after_merge_pass;
  hook_data = data;
}

static void structured_error_cb (void        *user_data,
                                 xmlErrorPtr  error);
static int  input_read_cb       (void        *context,
                                 char        *buffer,
                                 int          len);
static xmlSchemaPtr load_schema (gboolean     setup,
                                 GError     **error);

/* The schema's pass of an import: libxml2's reader validating, nothing
 * else (the merge's pass reads the same file without the schema, and says
 * what else is wrong with it). Its first complaint, with its line. */
static void
validate_in_thread (ImportChecks *checks)
{
  g_autoptr(GFile) file = g_file_new_for_path (checks->path);
  Reader v = { 0 };
  xmlSchemaPtr schema = load_schema (FALSE, NULL);
  gboolean valid = FALSE;
  guint n = 0;
  int rc = -1;

  /* Never a ledger this process has open, through a descriptor of ours
   * (its locks): the merge's pass refuses it with its own sentence. */
  if (!_rct_store_file_is_open (checks->path))
    v.input.stream = G_INPUT_STREAM (g_file_read (file, checks->stop, NULL));
  v.input.cancellable = checks->stop;
  if (schema != NULL && v.input.stream != NULL)
    v.reader = xmlReaderForIO (input_read_cb, NULL, &v, "report.xml", NULL, XML_PARSE_NONET);
  if (v.reader != NULL)
    {
      xmlTextReaderSetStructuredErrorHandler (v.reader, structured_error_cb, &v);
      if (xmlTextReaderSetSchema (v.reader, schema) == 0)
        {
          while (v.error == NULL && v.first_problem == NULL && (rc = xmlTextReaderRead (v.reader)) == 1)
            {
              int type = xmlTextReaderNodeType (v.reader);

              /* The merge's pass refuses these itself. */
              if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
                  type == XML_READER_TYPE_ENTITY || xmlTextReaderDepth (v.reader) > MAX_DEPTH ||
                  (++n % 4096 == 0 && g_cancellable_is_cancelled (checks->stop)))
                break;
            }
          valid = rc == 0 && v.error == NULL && v.first_problem == NULL && xmlTextReaderIsValid (v.reader) == 1;
        }
    }

  g_mutex_lock (&checks->lock);
  checks->valid = valid;
  checks->first_problem = g_steal_pointer (&v.first_problem);
  checks->first_line = v.first_line;
  checks->validated = TRUE;
  g_cond_broadcast (&checks->cond);
  g_mutex_unlock (&checks->lock);

  if (v.reader != NULL)
    xmlFreeTextReader (v.reader);
  g_clear_error (&v.error);
  g_free (v.parse_problem);
  g_clear_object (&v.input.stream);
}

static gpointer
checks_thread (gpointer data)
{
  ImportChecks *checks = data;
  RctSignature *signature;

  /* Per thread in libxml2: its generic complaints stay quiet here too. */
  xmlSetGenericErrorFunc (NULL, quiet_generic_error_cb);
  if (signature_hook != NULL)
    signature_hook (hook_data);
  signature = rct_signature_read (checks->path, checks->stop);
  g_mutex_lock (&checks->lock);
  checks->read = signature;
  g_atomic_int_set (&checks->signature_done, 1);
  g_cond_broadcast (&checks->cond);
  g_mutex_unlock (&checks->lock);

  validate_in_thread (checks);
  xmlSetGenericErrorFunc (NULL, NULL);
  return NULL;
}

static void
import_cancelled_cb (GCancellable *cancellable,
                     gpointer      data)
{
  g_cancellable_cancel (data);
}

/* Reads @path's signature, then checks it against the schema, in a thread,
 * while the merge reads the file. */
static ImportChecks *
import_checks_start (RctStore     *store,
                     const char   *path,
                     GCancellable *cancellable)
{
  ImportChecks *checks = g_new0 (ImportChecks, 1);

  checks->store = store;
  checks->path = g_strdup (path);
  checks->stop = g_cancellable_new ();
  if (cancellable != NULL)
    {
      checks->cancellable = g_object_ref (cancellable);
      checks->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (import_cancelled_cb),
                                                    checks->stop, NULL);
    }
  g_mutex_init (&checks->lock);
  g_cond_init (&checks->cond);
  /* libxml2 set up on this thread before another uses it, as it asks:
   * the checks' reader and the merge's start at the same moment. */
  xmlInitParser ();
  checks->thread = g_thread_new ("rectify-checks", checks_thread, checks);
  return checks;
}

/* Waits for the signature's pass, if it is not over, and takes its
 * verdict (rct_trust_check_signature(), on the merge's connection): a
 * refusal is the one sentence told, whatever else the merge found, but a
 * cancel stays a cancel. %FALSE when refused. */
static gboolean
import_checks_decide (Reader *r)
{
  ImportChecks *checks = r->checks;

  if (!checks->decided)
    {
      RctSignature *signature;

      g_mutex_lock (&checks->lock);
      while (!g_atomic_int_get (&checks->signature_done))
        g_cond_wait (&checks->cond, &checks->lock);
      signature = g_steal_pointer (&checks->read);
      g_mutex_unlock (&checks->lock);
      checks->decided = TRUE;
      checks->ok = rct_trust_check_signature (checks->store, checks->path, signature, &checks->signature,
                                              &checks->warning, &checks->error);
    }
  if (!checks->ok && !g_error_matches (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&r->error);
      r->error = g_error_copy (checks->error);
    }
  return checks->ok;
}

/* Waits for the schema's pass; %TRUE when the file follows the schema,
 * else its first complaint becomes the merge's, as if it had validated. */
static gboolean
import_checks_valid (Reader *r)
{
  ImportChecks *checks = r->checks;
  gboolean valid;

  g_mutex_lock (&checks->lock);
  while (!checks->validated)
    g_cond_wait (&checks->cond, &checks->lock);
  valid = checks->valid;
  if (!valid && r->first_problem == NULL && checks->first_problem != NULL)
    {
      r->first_problem = g_strdup (checks->first_problem);
      r->first_line = checks->first_line;
    }
  g_mutex_unlock (&checks->lock);
  /* Stopped by a cancel of the import, not found wrong. */
  if (!valid && r->first_problem == NULL)
    g_cancellable_set_error_if_cancelled (checks->stop, &r->error);
  return valid;
}

static void
import_checks_free (ImportChecks *checks)
{
  /* Its verdicts no longer wanted: stopped where it is, then joined. */
  g_cancellable_cancel (checks->stop);
  g_thread_join (checks->thread);
  if (checks->cancellable != NULL)
    g_cancellable_disconnect (checks->cancellable, checks->cancelled_id);
  g_clear_object (&checks->cancellable);
  g_clear_object (&checks->stop);
  g_clear_pointer (&checks->read, rct_signature_free);
  g_clear_pointer (&checks->signature, rct_signature_free);
  g_clear_error (&checks->error);
  g_free (checks->first_problem);
  g_free (checks->warning);
  g_free (checks->path);
  g_mutex_clear (&checks->lock);
  g_cond_clear (&checks->cond);
  g_free (checks);
}

static gboolean
read_report_quietly (Reader        *r,
                     const char    *path,
                     GBytes        *bytes,
                     GCancellable  *cancellable)
{
  g_autofree char *basename = path != NULL ? g_path_get_basename (path) : g_strdup ("report.xml");
  xmlSchemaPtr schema;
  int rc;
  gboolean in_records = FALSE;

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                     cancellable, &local_error);
      if (info == NULL)
        {
          fail (r, RCT_REPORT_ERROR_MALFORMED, _("Cannot read the report “%s”: %s"), basename, local_error->message);
          return FALSE;
        }
      if (g_file_info_get_size (info) > MAX_FILE_BYTES)
        {
          fail (r, RCT_REPORT_ERROR_HOSTILE, _("The report is larger than 4 GB; no real report is that large."));
          return FALSE;
        }
    }
  schema = load_schema (r->setup, &r->error);
  if (schema == NULL)
    return FALSE;

  /* Through our own input: libxml2 reading a file by name would unpack a
   * gzip file silently, so the size seen would not be the size read. */
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) local_error = NULL;

      /* A ledger this process has open is never read through a descriptor
       * of ours: closing it would drop SQLite's locks (docs/RELIABILITY.md). */
      if (_rct_store_file_is_open (path))
        {
          fail (r, RCT_REPORT_ERROR_NOT_A_REPORT,
                _("“%s” is a ledger open in Rectify, not a report: choose the report file."), basename);
          return FALSE;
        }
      r->input.stream = G_INPUT_STREAM (g_file_read (file, cancellable, &local_error));
      if (r->input.stream == NULL)
        {
          fail (r, RCT_REPORT_ERROR_MALFORMED, _("Cannot read the report “%s”: %s"), basename, local_error->message);
          return FALSE;
        }
    }
  else
    r->input.stream = g_memory_input_stream_new_from_bytes (bytes);
  r->input.cancellable = cancellable;

  xmlResetLastError ();
  /* NONET only: no DTD loading, no entity substitution, no huge mode. */
  r->reader = xmlReaderForIO (input_read_cb, NULL, r, "report.xml", NULL, XML_PARSE_NONET);
  if (r->reader == NULL)
    {
      fail (r, RCT_REPORT_ERROR_MALFORMED, _("Cannot read the report “%s”."), basename);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (r->reader, structured_error_cb, r);
  /* An import's schema is checked in its checks' thread. */
  if (r->checks == NULL && xmlTextReaderSetSchema (r->reader, schema) != 0)
    {
      fail (r, RCT_REPORT_ERROR_INVALID, _("The report could not be checked against its schema."));
      return FALSE;
    }

  while (r->error == NULL && (rc = xmlTextReaderRead (r->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (r->reader);
      int depth = xmlTextReaderDepth (r->reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (r->reader);
      RctKind kind;

      if (g_cancellable_set_error_if_cancelled (cancellable, &r->error))
        return FALSE;
      /* A signature refused stops the merge as soon as it is known. */
      if (r->checks != NULL && !r->checks->decided && g_atomic_int_get (&r->checks->signature_done) &&
          !import_checks_decide (r))
        return FALSE;
      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        {
          fail_doctype (r);
          return FALSE;
        }
      if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_ENTITY)
        {
          fail (r, RCT_REPORT_ERROR_HOSTILE, _("The report uses entities (line %d), which a report never has; it was refused."),
                xmlTextReaderGetParserLineNumber (r->reader));
          return FALSE;
        }
      if (depth > MAX_DEPTH)
        {
          fail (r, RCT_REPORT_ERROR_HOSTILE, _("The report is nested absurdly deep (line %d); it was refused."),
                xmlTextReaderGetParserLineNumber (r->reader));
          return FALSE;
        }

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (depth == 0 && !check_root (r))
            return FALSE;
          if (depth == 1 && strcmp (name, "records") == 0)
            in_records = TRUE;
          else if (depth == 1)
            in_records = FALSE;
          if (depth == 1 && strcmp (name, "counts") == 0 && !read_counts (r))
            return FALSE;
          if (depth == 1 && strcmp (name, "header") == 0 && r->summary != NULL)
            {
              g_free (r->summary->language);
              r->summary->language = attribute (r->reader, "language");
            }
          if (depth == 2 && !in_records && (r->summary != NULL || r->store != NULL))
            read_header_element (r, name, depth);
          if (!in_records && !read_identity_element (r, name, depth))
            return FALSE;
          if (!in_records && !r->setup)
            read_exchange_element (r, name, depth);
          if (!in_records)
            continue;
          if (depth >= 2 && record_kind (name, &kind) && is_record_here (r, kind, depth))
            {
              start_record (r, kind, depth);
              if (xmlTextReaderIsEmptyElement (r->reader))
                {
                  Frame *frame = g_ptr_array_steal_index (r->stack, r->stack->len - 1);
                  import_frame (r, frame);
                  frame_free (frame);
                }
              continue;
            }
          if (r->stack->len > 0)
            {
              Frame *frame = g_ptr_array_index (r->stack, r->stack->len - 1);

              guint n_links;
              const RctExchangeLink *links = rct_exchange_links (frame->kind, &n_links);
              const RctExchangeLink *link = NULL;

              for (guint l = 0; l < n_links && depth == frame->depth + 1; l++)
                if (strcmp (name, links[l].element) == 0)
                  link = &links[l];
              if (link != NULL)
                {
                  /* A link (issue 18): joined under its element's name,
                   * "uuid" or "N:uuid", ',' between. */
                  g_autofree char *uuid = attribute (r->reader, link->attribute);
                  g_autofree char *number = link->number != NULL ? attribute (r->reader, link->number) : NULL;
                  const char *so_far = g_hash_table_lookup (frame->values, link->element);
                  char *joined;

                  if (so_far != NULL && strlen (so_far) > MAX_LINK_BYTES)
                    {
                      fail (r, RCT_REPORT_ERROR_HOSTILE,
                            _("A record of the report links thousands of others (line %d), which no real record "
                              "does; it was refused."), xmlTextReaderGetParserLineNumber (r->reader));
                      return FALSE;
                    }
                  joined = g_strdup_printf ("%s%s%s%s%s", so_far != NULL ? so_far : "",
                                                  so_far != NULL ? "," : "", number != NULL ? number : "",
                                                  number != NULL ? ":" : "", uuid != NULL ? uuid : "");

                  g_hash_table_insert (frame->values, g_strdup (link->element), joined);
                }
              else if (depth == frame->depth + 1 && strcmp (name, "member") == 0)
                {
                  g_autofree char *person = attribute (r->reader, "person");
                  if (frame->members == NULL)
                    frame->members = g_string_new (NULL);
                  if (frame->members->len > 0)
                    g_string_append_c (frame->members, ',');
                  g_string_append (frame->members, person != NULL ? person : "");
                }
              else if (depth == frame->depth + 1)
                {
                  start_leaf (r, name, depth, FALSE);
                  if (xmlTextReaderIsEmptyElement (r->reader))
                    finish_leaf (r);
                }
            }
        }
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && r->leaf != NULL && depth == r->leaf_depth + 1)
        {
          if (!add_leaf_text (r, (const char *) xmlTextReaderConstValue (r->reader)))
            return FALSE;
        }
      else if ((type == XML_READER_TYPE_COMMENT || type == XML_READER_TYPE_PROCESSING_INSTRUCTION) &&
               r->leaf != NULL && depth == r->leaf_depth + 1)
        {
          if (!add_leaf_text (r, ""))
            return FALSE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (r->leaf != NULL && depth == r->leaf_depth)
            finish_leaf (r);
          else if (r->stack->len > 0 &&
                   depth == ((Frame *) g_ptr_array_index (r->stack, r->stack->len - 1))->depth)
            {
              Frame *frame = g_ptr_array_steal_index (r->stack, r->stack->len - 1);
              import_frame (r, frame);
              frame_free (frame);
            }
        }
    }

  if (r->checks != NULL && merged_hook != NULL)
    merged_hook (hook_data);
  if (r->error != NULL)
    return FALSE;
  if (rc == 0 && r->parse_problem == NULL && r->checks != NULL && !import_checks_valid (r) &&
      r->first_problem == NULL)
    {
      if (r->error == NULL)
        fail (r, RCT_REPORT_ERROR_INVALID, _("The report does not follow the report schema."));
      return FALSE;
    }
  if (rc != 0 || r->first_problem != NULL || r->parse_problem != NULL)
    {
      fail_from_libxml (r);
      return FALSE;
    }
  if (r->checks == NULL && xmlTextReaderIsValid (r->reader) != 1)
    {
      if (r->first_problem != NULL)
        fail_from_libxml (r);
      else
        fail (r, RCT_REPORT_ERROR_INVALID, _("The report does not follow the report schema."));
      return FALSE;
    }
  if (!r->have_counts)
    {
      fail (r, RCT_REPORT_ERROR_INVALID, _("The report does not state its counts."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (record_elements); i++)
    {
      RctKind k = record_elements[i].kind;
      if (r->declared[k] >= 0 && r->declared[k] != r->seen[k])
        {
          fail (r, RCT_REPORT_ERROR_INVALID,
                _("The report says it holds %d records of “%s” but holds %d; it is incomplete or was altered."),
                (int) r->declared[k], record_elements[i].count, (int) r->seen[k]);
          return FALSE;
        }
    }
  if (r->store != NULL && !r->setup && r->version < 2)
    {
      fail (r, RCT_REPORT_ERROR_OLD,
            _("This report was made by an older Rectify (report version %d): it does not say which organisation "
              "made it or owns its records, so it can be viewed but not merged. Ask its sender for a new export."),
            (int) r->version);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_report (Reader        *r,
             const char    *path,
             GBytes        *bytes,
             GCancellable  *cancellable)
{
  gboolean ok;

  /* Per thread in libxml2; given back to the default after. */
  xmlSetGenericErrorFunc (NULL, quiet_generic_error_cb);
  ok = read_report_quietly (r, path, bytes, cancellable);
  xmlSetGenericErrorFunc (NULL, NULL);
  return ok;
}

static void
reader_clear (Reader *r)
{
  if (r->reader != NULL)
    xmlFreeTextReader (r->reader);
  /* The reader leaves a document it was asked for to its caller. */
  g_clear_pointer (&r->doc, xmlFreeDoc);
  g_clear_pointer (&r->stack, g_ptr_array_unref);
  g_clear_pointer (&r->first_problem, g_free);
  g_clear_pointer (&r->parse_problem, g_free);
  g_clear_pointer (&r->leaf, g_free);
  g_clear_pointer (&r->author, g_free);
  g_clear_object (&r->input.stream);
  if (r->text != NULL)
    g_string_free (r->text, TRUE);
  r->text = NULL;
  g_clear_pointer (&r->org, rct_organisation_free);
  g_clear_pointer (&r->office, rct_organisation_free);
  g_clear_pointer (&r->exchange_for, g_free);
  g_clear_pointer (&r->exchange_acks, g_ptr_array_unref);
}

/**
 * rct_report_validate:
 * @summary: (out caller-allocates) (optional): what the report holds
 *
 * Reads the whole report and checks it: well-formed, ours, not newer,
 * valid against the schema, complete (its counts match), nothing hostile.
 */
gboolean
rct_report_validate (const char        *path,
                     RctReportSummary  *summary,
                     GCancellable      *cancellable,
                     GError           **error)
{
  Reader r = { 0 };
  gboolean ok;

  r.summary = summary;
  r.stack = g_ptr_array_new_with_free_func (frame_free);
  r.text = g_string_new (NULL);
  r.leaf_depth = -1;
  ok = read_report (&r, path, NULL, cancellable);
  if (!ok)
    g_propagate_error (error, r.error);
  reader_clear (&r);
  return ok;
}

/**
 * rct_report_validate_bytes:
 *
 * As rct_report_validate(), for a report in memory (the fuzz target).
 */
gboolean
rct_report_validate_bytes (GBytes  *bytes,
                           GError **error)
{
  Reader r = { 0 };
  gboolean ok;

  r.stack = g_ptr_array_new_with_free_func (frame_free);
  r.text = g_string_new (NULL);
  r.leaf_depth = -1;
  ok = read_report (&r, NULL, bytes, NULL);
  if (!ok)
    g_propagate_error (error, r.error);
  reader_clear (&r);
  return ok;
}

/**
 * rct_report_import:
 *
 * Merges the report into @store by uuid, in one transaction: new records
 * are added, a record changed on both sides keeps the later updated_at (and
 * the journal says the report won), importing the same report twice changes
 * nothing. A report found bad anywhere changes nothing.
 */
gboolean
rct_report_import (RctStore          *store,
                   const char        *path,
                   RctReportSummary  *summary,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_autoptr(RctMergePlan) plan = _rct_merge_plan_new ();

  return _rct_report_merge (store, path, summary, plan, TRUE, cancellable, error);
}

gboolean
_rct_report_merge (RctStore          *store,
                   const char        *path,
                   RctReportSummary  *summary,
                   RctMergePlan      *plan,
                   gboolean           commit,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_autofree char *label = g_path_get_basename (path);
  g_autofree char *operator_name = g_strdup (rct_store_get_operator (store));
  g_autoptr(RctSignature) signature = NULL;
  g_autofree char *warning = NULL;
  Reader r = { 0 };
  gboolean ok;

  /* Whose it is and whether it is as signed, read in a thread beside the
   * merge's own pass and decided before anything is committed: the rows
   * merged wait in the transaction, rolled back when it is refused. */
  r.checks = import_checks_start (store, path, cancellable);
  if (!rct_store_begin (store, error))
    {
      import_checks_free (r.checks);
      return FALSE;
    }
  if (!rct_store_bulk_begin (store, error))
    {
      rct_store_rollback (store);
      import_checks_free (r.checks);
      return FALSE;
    }
  r.store = store;
  r.label = label;
  r.summary = summary;
  r.plan = plan;
  store->merge_plan = plan;
  r.stack = g_ptr_array_new_with_free_func (frame_free);
  r.text = g_string_new (NULL);
  r.leaf_depth = -1;
  ok = read_report (&r, path, NULL, cancellable);
  /* The signature's verdict, before anything else is done with the rows. */
  if (!import_checks_decide (&r))
    ok = FALSE;
  signature = g_steal_pointer (&r.checks->signature);
  warning = g_steal_pointer (&r.checks->warning);
  /* The gates of every status the report set, as the merge left it. */
  if (ok)
    ok = rct_store_import_check_gates (store, &r.error);
  /* Merged: the report is acknowledged from now on, and what its author
   * says it merged of ours is remembered (rct-merge.c). */
  if (ok && r.org != NULL)
    {
      g_autoptr(GError) note_error = NULL;
      ok = _rct_exchange_note (store, r.org->uuid, r.exchange_serial, r.exchange_for, r.exchange_acks, &note_error);
      if (!ok)
        r.error = g_steal_pointer (&note_error);
    }
  if (ok && commit)
    ok = rct_store_commit (store, &r.error);
  else
    rct_store_rollback (store);
  store->merge_plan = NULL;
  rct_store_set_operator (store, operator_name);
  if (ok && commit)
    ok = rct_trust_after_merge (store, signature, &r.error);
  if (ok && summary != NULL)
    summary->warning = g_steal_pointer (&warning);
  if (!ok)
    g_propagate_error (error, r.error);
  else if (summary != NULL && summary->organisation == NULL && r.org != NULL)
    summary->organisation = g_strdup (r.org->name);
  import_checks_free (r.checks);
  reader_clear (&r);
  return ok;
}

/* A set-up file holds a campaign's shared records, never thousands of
 * problems: anything larger is not one. */
#define MAX_SETUP_BYTES ((goffset) 64 * 1024 * 1024)

/**
 * rct_setup_read:
 * @store: (nullable): the new unit ledger to fill; %NULL to check only
 * @out_office: (out) (optional) (transfer full): the office that sent it
 * @out_unit: (out) (optional) (transfer full): the unit it is for
 *
 * Reads a set-up file as carefully as a report (no DTD, no entities,
 * bounded size, depth and texts, valid against rct-setup.xsd, counts
 * complete). With @store, gives it the unit's organisation (reporting to
 * the office) and merges the records, in one transaction: a bad file
 * changes nothing.
 */
gboolean
rct_setup_read (const char        *path,
                RctStore          *store,
                RctOrganisation  **out_office,
                RctOrganisation  **out_unit,
                GError           **error)
{
  g_autofree char *label = g_path_get_basename (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  Reader r = { 0 };
  gboolean ok;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || g_file_info_get_size (info) > MAX_SETUP_BYTES)
    {
      g_set_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_HOSTILE,
                   _("“%s” is not a set-up file: it is not a plain file of at most 64 MB."), label);
      return FALSE;
    }
  if (store != NULL)
    {
      if (!rct_store_begin (store, error))
        return FALSE;
      if (!rct_store_bulk_begin (store, error))
        {
          rct_store_rollback (store);
          return FALSE;
        }
    }
  r.setup = TRUE;
  r.store = store;
  r.label = label;
  r.stack = g_ptr_array_new_with_free_func (frame_free);
  r.text = g_string_new (NULL);
  r.leaf_depth = -1;
  ok = read_report (&r, path, NULL, NULL);
  if (ok && (r.office == NULL || r.org == NULL))
    {
      fail (&r, RCT_REPORT_ERROR_INVALID, _("The set-up file does not name its office and unit."));
      ok = FALSE;
    }
  if (store != NULL)
    {
      if (ok)
        ok = rct_store_commit (store, &r.error);
      else
        rct_store_rollback (store);
    }
  if (ok)
    {
      if (out_office != NULL)
        *out_office = g_steal_pointer (&r.office);
      if (out_unit != NULL)
        *out_unit = g_steal_pointer (&r.org);
    }
  else
    g_propagate_error (error, r.error);
  reader_clear (&r);
  return ok;
}

/* A set-up file is the first thing a unit gets from its office, so it
 * cannot be checked against a trusted key: the unit trusts the office's
 * certificate it carries (the office's fingerprint can be compared by
 * phone with rectify-cli trust list). An unsigned one (an older Rectify)
 * is taken; a changed or strange signature, or one by another
 * organisation than the office, is refused. */
static gboolean
check_setup_signature (const char          *path,
                       const RctSignature  *signature,
                       GError             **error)
{
  g_autofree char *label = g_path_get_basename (path);

  switch (signature->status)
    {
    case RCT_SIGNATURE_HOSTILE:
      g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_HOSTILE,
                   _("The signature of “%s” was refused: %s. Nothing was written."), label, signature->problem);
      return FALSE;
    case RCT_SIGNATURE_CHANGED:
      g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_CHANGED,
                   _("“%s” was changed after it was signed: its signature no longer matches. Nothing was written."),
                   label);
      return FALSE;
    case RCT_SIGNATURE_VERIFIED:
      if (signature->organisation_uuid == NULL ||
          g_strcmp0 (signature->certificate->organisation_uuid, signature->organisation_uuid) != 0)
        {
          g_set_error (error, RCT_SIGN_ERROR, RCT_SIGN_ERROR_OTHER_KEY,
                       _("“%s” says it comes from %s but is signed with the key of another organisation (%s); it was "
                         "refused and nothing was written."), label,
                       signature->organisation_name != NULL ? signature->organisation_name : "?",
                       signature->certificate->subject != NULL ? signature->certificate->subject : "?");
          return FALSE;
        }
      return TRUE;
    default:
      return TRUE;
    }
}

static void
remove_new_ledger (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_remove (name);
    }
}

/**
 * rct_setup_create_ledger:
 * @out_office: (out) (optional) (transfer full): the office that sent it
 * @out_unit: (out) (optional) (transfer full): the unit it is for
 *
 * Makes the unit's ledger at @ledger_path from the set-up file: the whole
 * file is checked first, nothing is written over an existing file, and a
 * ledger that could not be finished is removed. The command line's
 * init --from-setup and the window's greeter (a later session) share it.
 *
 * Returns: (transfer full) (nullable): the new ledger, open
 */
RctStore *
rct_setup_create_ledger (const char        *setup_path,
                         const char        *ledger_path,
                         RctOrganisation  **out_office,
                         RctOrganisation  **out_unit,
                         GError           **error)
{
  g_autoptr(RctStore) store = NULL;
  g_autoptr(RctSignature) signature = NULL;

  /* On the server: a database that holds a ledger already (one that does
   * not open is left to rct_store_open () below to say why). */
  if (rct_store_location_is_server (ledger_path))
    {
      g_autoptr(RctStore) there = rct_store_open (ledger_path, RCT_STORE_OPEN_READ_ONLY, NULL);

      if (there != NULL)
        {
          rct_store_close (there);
          g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                       _("A unit's ledger is made in a new database, and “%s” holds a ledger already; "
                         "choose a new database."), ledger_path);
          return NULL;
        }
    }
  else if (g_file_test (ledger_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *shown = g_filename_display_name (ledger_path);
      g_set_error (error, RCT_STORE_ERROR, RCT_STORE_ERROR_INVALID,
                   _("A unit's ledger is made as a new file, and “%s” is there already; choose a new file."), shown);
      return NULL;
    }
  if (!rct_setup_read (setup_path, NULL, NULL, NULL, error))
    return NULL;
  signature = rct_signature_read (setup_path, NULL);
  if (!check_setup_signature (setup_path, signature, error))
    return NULL;
  store = rct_store_open (ledger_path, RCT_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;
  if (!rct_setup_read (setup_path, store, out_office, out_unit, error) ||
      (signature->status == RCT_SIGNATURE_VERIFIED &&
       !rct_trust_add (store, signature->organisation_uuid, signature->organisation_name, signature->certificate, error)))
    {
      rct_store_close (store);
      g_clear_object (&store);
      remove_new_ledger (ledger_path);
      return NULL;
    }
  return g_steal_pointer (&store);
}
