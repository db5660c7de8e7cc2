/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-c14n"

#include "config.h"

#include <string.h>

#include "rct-c14n.h"

/* Exclusive C14N 1.0 (W3C, 2002) of the nodes an xmlTextReader reads:
 *  - no XML declaration, no DTD, no comments; a processing instruction
 *    outside the root gets a line feed between it and the root;
 *  - empty elements as start and end tag;
 *  - namespace declarations only where an element or one of its
 *    attributes uses the prefix (its "visibly utilized" namespaces) and no
 *    ancestor output it with the same URI, sorted by prefix, the default
 *    first; an unprefixed element with no namespace under a rendered
 *    default one gets xmlns="";
 *  - attributes sorted by namespace URI, then local name; xml:* ones where
 *    they are, not inherited (the exclusive form);
 *  - text escaped as & < > and CR, attribute values as & < " TAB LF CR.
 * The parser has already normalized line ends and attribute values and
 * replaced character references and the predefined entities. An entity
 * reference node (a DTD's entity, not substituted) cannot be
 * canonicalized: rct_c14n_node() returns FALSE. */

#define FLUSH_AT (64 * 1024)

typedef struct
{
  char *prefix;  /* "" for the default namespace */
  char *uri;     /* "" for none */
  guint level;   /* the element that rendered it */
} Binding;

typedef struct
{
  const char *uri;    /* "" for none */
  const char *local;
  const char *qname;
  const char *value;
} Attribute;

struct _RctC14n
{
  RctC14nWrite write;
  gpointer     user_data;
  GString     *out;
  GArray      *bindings;    /* Binding, innermost last */
  GArray      *attributes;  /* Attribute, the current element's */
  GStringChunk *strings;    /* the current element's attribute strings */
  guint        level;       /* elements open */
  gboolean     root_seen;
};

static void
clear_binding (gpointer data)
{
  Binding *b = data;

  g_free (b->prefix);
  g_free (b->uri);
}

RctC14n *
rct_c14n_new (RctC14nWrite write,
              gpointer     user_data)
{
  RctC14n *c = g_new0 (RctC14n, 1);

  c->write = write;
  c->user_data = user_data;
  c->out = g_string_sized_new (FLUSH_AT + 4096);
  c->bindings = g_array_new (FALSE, FALSE, sizeof (Binding));
  g_array_set_clear_func (c->bindings, clear_binding);
  c->attributes = g_array_new (FALSE, FALSE, sizeof (Attribute));
  c->strings = g_string_chunk_new (1024);
  return c;
}

void
rct_c14n_flush (RctC14n *c)
{
  if (c->out->len > 0)
    c->write ((const guchar *) c->out->str, c->out->len, c->user_data);
  g_string_truncate (c->out, 0);
}

void
rct_c14n_free (RctC14n *c)
{
  if (c == NULL)
    return;
  g_string_free (c->out, TRUE);
  g_array_unref (c->bindings);
  g_array_unref (c->attributes);
  g_string_chunk_free (c->strings);
  g_free (c);
}

/* The bytes C14N escapes in text, and in attribute values (with the
 * string's end). */
static const gboolean text_escaped[256] = { ['&'] = TRUE, ['<'] = TRUE, ['>'] = TRUE, ['\r'] = TRUE };
static const gboolean attribute_escaped[256] = {
  ['\0'] = TRUE, ['&'] = TRUE, ['<'] = TRUE, ['"'] = TRUE, ['\t'] = TRUE, ['\n'] = TRUE, ['\r'] = TRUE,
};

/* Runs of ordinary bytes are copied whole; only the few escaped bytes
 * are looked at one by one. */
void
rct_c14n_escape_text (GString    *out,
                      const char *text,
                      gssize      len)
{
  const char *p = text, *end, *run;

  if (len < 0)
    len = strlen (text);
  end = text + len;
  while (p < end)
    {
      run = p;
      while (p < end && !text_escaped[(guchar) *p])
        p++;
      rct_c14n_put (out, run, p - run);
      if (p == end)
        break;
      switch (*p)
        {
        case '&': rct_c14n_put (out, "&amp;", 5); break;
        case '<': rct_c14n_put (out, "&lt;", 4); break;
        case '>': rct_c14n_put (out, "&gt;", 4); break;
        default: rct_c14n_put (out, "&#xD;", 5); break;
        }
      p++;
    }
}

void
rct_c14n_escape_attribute (GString    *out,
                           const char *value)
{
  const char *p = value, *run;

  while (*p != '\0')
    {
      run = p;
      while (!attribute_escaped[(guchar) *p])  /* '\0' is one */
        p++;
      rct_c14n_put (out, run, p - run);
      if (*p == '\0')
        break;
      switch (*p)
        {
        case '&': rct_c14n_put (out, "&amp;", 5); break;
        case '<': rct_c14n_put (out, "&lt;", 4); break;
        case '"': rct_c14n_put (out, "&quot;", 6); break;
        case '\t': rct_c14n_put (out, "&#x9;", 5); break;
        case '\n': rct_c14n_put (out, "&#xA;", 5); break;
        default: rct_c14n_put (out, "&#xD;", 5); break;
        }
      p++;
    }
}

static const char *
or_empty (const xmlChar *s)
{
  return s != NULL ? (const char *) s : "";
}

/* The URI @prefix was last output with, "" for the default before any. */
static const char *
rendered (RctC14n    *c,
          const char *prefix)
{
  for (guint i = c->bindings->len; i > 0; i--)
    {
      Binding *b = &g_array_index (c->bindings, Binding, i - 1);
      if (strcmp (b->prefix, prefix) == 0)
        return b->uri;
    }
  return *prefix == '\0' ? "" : NULL;
}

static int
compare_attributes (gconstpointer a,
                    gconstpointer b)
{
  const Attribute *x = a, *y = b;
  int by_uri = strcmp (x->uri, y->uri);

  return by_uri != 0 ? by_uri : strcmp (x->local, y->local);
}

/* Renders @prefix bound to @uri on this element unless an ancestor did;
 * @decls holds what this element renders, to be sorted. */
static void
utilize (RctC14n    *c,
         GPtrArray  *decls,
         const char *prefix,
         const char *uri)
{
  const char *seen = rendered (c, prefix);
  Binding b;

  if (seen != NULL && strcmp (seen, uri) == 0)
    return;
  /* A prefixed namespace is never undeclared (xmlns:p="" is not XML 1.0). */
  if (*prefix != '\0' && *uri == '\0')
    return;
  for (guint i = 0; i < decls->len; i++)
    if (strcmp (g_array_index (c->bindings, Binding, GPOINTER_TO_UINT (decls->pdata[i]) - 1).prefix, prefix) == 0)
      return;
  b.prefix = g_strdup (prefix);
  b.uri = g_strdup (uri);
  b.level = c->level;
  g_array_append_val (c->bindings, b);
  g_ptr_array_add (decls, GUINT_TO_POINTER (c->bindings->len));  /* an index + 1, see below */
}

static int
compare_decls (gconstpointer a,
               gconstpointer b)
{
  const Binding *x = *(const Binding **) a, *y = *(const Binding **) b;

  return strcmp (x->prefix, y->prefix);
}

static void
end_element (RctC14n    *c,
             const char *qname)
{
  g_string_append (c->out, "</");
  g_string_append (c->out, qname);
  g_string_append_c (c->out, '>');
  while (c->bindings->len > 0 && g_array_index (c->bindings, Binding, c->bindings->len - 1).level == c->level)
    g_array_set_size (c->bindings, c->bindings->len - 1);
  c->level--;
}

static void
start_element (RctC14n          *c,
               xmlTextReaderPtr  reader)
{
  g_autoptr(GPtrArray) decls = g_ptr_array_new ();
  const char *qname = or_empty (xmlTextReaderConstName (reader));
  gboolean empty = xmlTextReaderIsEmptyElement (reader) == 1;

  c->level++;
  c->root_seen = TRUE;
  g_array_set_size (c->attributes, 0);
  g_string_chunk_clear (c->strings);
  if (xmlTextReaderMoveToFirstAttribute (reader) == 1)
    {
      do
        {
          Attribute a;

          if (xmlTextReaderIsNamespaceDecl (reader) == 1)
            continue;
          a.uri = g_string_chunk_insert (c->strings, or_empty (xmlTextReaderConstNamespaceUri (reader)));
          a.local = g_string_chunk_insert (c->strings, or_empty (xmlTextReaderConstLocalName (reader)));
          a.qname = g_string_chunk_insert (c->strings, or_empty (xmlTextReaderConstName (reader)));
          a.value = g_string_chunk_insert (c->strings, or_empty (xmlTextReaderConstValue (reader)));
          g_array_append_val (c->attributes, a);
        }
      while (xmlTextReaderMoveToNextAttribute (reader) == 1);
      xmlTextReaderMoveToElement (reader);
    }

  /* The namespaces this element and its attributes use. */
  utilize (c, decls, or_empty (xmlTextReaderConstPrefix (reader)), or_empty (xmlTextReaderConstNamespaceUri (reader)));
  for (guint i = 0; i < c->attributes->len; i++)
    {
      Attribute *a = &g_array_index (c->attributes, Attribute, i);
      const char *colon = strchr (a->qname, ':');
      g_autofree char *prefix = colon != NULL ? g_strndup (a->qname, colon - a->qname) : NULL;

      if (prefix != NULL && strcmp (prefix, "xml") != 0)
        utilize (c, decls, prefix, a->uri);
    }
  /* The array may have moved while growing: indexes, then pointers. */
  for (guint i = 0; i < decls->len; i++)
    decls->pdata[i] = &g_array_index (c->bindings, Binding, GPOINTER_TO_UINT (decls->pdata[i]) - 1);
  g_ptr_array_sort (decls, compare_decls);
  if (c->attributes->len > 1)
    g_array_sort (c->attributes, compare_attributes);

  g_string_append_c (c->out, '<');
  g_string_append (c->out, qname);
  for (guint i = 0; i < decls->len; i++)
    {
      Binding *b = g_ptr_array_index (decls, i);

      g_string_append (c->out, *b->prefix == '\0' ? " xmlns" : " xmlns:");
      g_string_append (c->out, b->prefix);
      g_string_append (c->out, "=\"");
      rct_c14n_escape_attribute (c->out, b->uri);
      g_string_append_c (c->out, '"');
    }
  for (guint i = 0; i < c->attributes->len; i++)
    {
      Attribute *a = &g_array_index (c->attributes, Attribute, i);

      g_string_append_c (c->out, ' ');
      g_string_append (c->out, a->qname);
      g_string_append (c->out, "=\"");
      rct_c14n_escape_attribute (c->out, a->value);
      g_string_append_c (c->out, '"');
    }
  g_string_append_c (c->out, '>');
  if (empty)
    end_element (c, qname);
}

static void
processing_instruction (RctC14n          *c,
                        xmlTextReaderPtr  reader)
{
  const char *data = or_empty (xmlTextReaderConstValue (reader));

  if (c->level == 0 && c->root_seen)
    g_string_append_c (c->out, '\n');
  g_string_append (c->out, "<?");
  g_string_append (c->out, or_empty (xmlTextReaderConstName (reader)));
  if (*data != '\0')
    {
      g_string_append_c (c->out, ' ');
      g_string_append (c->out, data);
    }
  g_string_append (c->out, "?>");
  if (c->level == 0 && !c->root_seen)
    g_string_append_c (c->out, '\n');
}

/**
 * rct_c14n_node:
 *
 * Canonicalizes the node @reader is on (after xmlTextReaderRead()).
 *
 * Returns: FALSE on a node canonical XML has no form for here (an entity
 *   reference not substituted)
 */
gboolean
rct_c14n_node (RctC14n          *c,
               xmlTextReaderPtr  reader)
{
  switch (xmlTextReaderNodeType (reader))
    {
    case XML_READER_TYPE_ELEMENT:
      start_element (c, reader);
      break;
    case XML_READER_TYPE_END_ELEMENT:
      if (c->level > 0)
        end_element (c, or_empty (xmlTextReaderConstName (reader)));
      break;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      /* White space outside the root is not part of the document's form. */
      if (c->level > 0)
        rct_c14n_escape_text (c->out, or_empty (xmlTextReaderConstValue (reader)), -1);
      break;
    case XML_READER_TYPE_PROCESSING_INSTRUCTION:
      processing_instruction (c, reader);
      break;
    case XML_READER_TYPE_ENTITY_REFERENCE:
      return FALSE;
    default:
      /* Comments, the DTD, ends of entities: nothing. */
      break;
    }
  if (c->out->len >= FLUSH_AT)
    rct_c14n_flush (c);
  return TRUE;
}
