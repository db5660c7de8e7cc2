/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>
#include <libxml/xmlreader.h>

G_BEGIN_DECLS

/* Exclusive XML canonicalization 1.0 without comments
 * (http://www.w3.org/2001/10/xml-exc-c14n#), streamed: fed the nodes of an
 * xmlTextReader one at a time, it writes the canonical bytes of what it was
 * fed to @write, in pieces of at most 64 KB, so a report of any size is
 * canonicalized (and hashed) with no document tree. */

typedef void (*RctC14nWrite) (const guchar *bytes,
                              gsize         len,
                              gpointer      user_data);

typedef struct _RctC14n RctC14n;

RctC14n  *rct_c14n_new    (RctC14nWrite     write,
                           gpointer         user_data);
gboolean  rct_c14n_node   (RctC14n         *c14n,
                           xmlTextReaderPtr reader);
void      rct_c14n_flush  (RctC14n         *c14n);
void      rct_c14n_free   (RctC14n         *c14n);

/* g_string_append_len() without its call while the string has room: the
 * report's writer and reader append a hundred million bytes in pieces of
 * a few (GLib 2.74 has no inline append). */
static inline void
rct_c14n_put (GString    *out,
              const char *bytes,
              gsize       len)
{
  if (out->len + len < out->allocated_len)
    {
      memcpy (out->str + out->len, bytes, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, bytes, len);
}

void      rct_c14n_escape_text      (GString    *out,
                                     const char *text,
                                     gssize      len);
void      rct_c14n_escape_attribute (GString    *out,
                                     const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctC14n, rct_c14n_free)

G_END_DECLS
