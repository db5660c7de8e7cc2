/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "rct-c14n.h"
#include "rct-report.h"
#include "rct-test-util.h"

/* The streamed exclusive canonical form (rct-c14n.c), which the report's
 * signature digests while it is written and read, against libxml2's own
 * xmlC14NDocSaveTo() over the same document, byte for byte and by its
 * SHA-256. */

static const char *const corpus[] = {
  /* The report's own shape: a default namespace on the root. */
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report xmlns=\"urn:rectify:report:1\" schemaVersion=\"2\">\n"
  "  <header language=\"en\"><title>Supervision report</title><period today=\"2026-11-30\"/></header>\n"
  "</report>\n",
  /* Attributes in every order, some namespaced, and xml: ones. */
  "<a xmlns:z=\"urn:z\" xmlns:b=\"urn:b\" z:y=\"1\" c=\"2\" b:a=\"3\" a=\"4\" xml:lang=\"zh\" xml:space=\"preserve\">"
  "<b d=\"1\" c=\"2\" b=\"3\" a=\"4\" xml:id=\"x\"/></a>",
  "<a zz=\"1\" z=\"2\" aa=\"3\" a=\"4\" A=\"5\" 名=\"6\" b=\"7\"/>",
  /* Namespaces declared late, redeclared, unused, and undeclared. */
  "<root><p:a xmlns:p=\"urn:p\"><p:b xmlns:p=\"urn:p\"><p:c xmlns:p=\"urn:other\"/></p:b></p:a></root>",
  "<root xmlns:unused=\"urn:unused\" xmlns:q=\"urn:q\"><child q:at=\"v\"/><q:child/></root>",
  "<root xmlns=\"urn:default\"><inner xmlns=\"\"><deep xmlns=\"urn:default\"/></inner><same xmlns=\"urn:default\"/></root>",
  "<root xmlns=\"urn:d\"><a xmlns=\"urn:e\"><b xmlns=\"urn:d\"/></a></root>",
  "<x:root xmlns:x=\"urn:x\" xmlns=\"urn:d\"><child/><x:child xmlns:x=\"urn:y\" x:at=\"1\"/></x:root>",
  "<root xmlns:a=\"urn:1\" xmlns:b=\"urn:1\"><a:e b:at=\"1\" a:at2=\"2\"/></root>",
  /* Entities and character references, in text and attributes. */
  "<a at=\"&lt;&amp;&gt;&quot;&apos;&#9;&#10;&#13;&#x4e2d;\">&lt;&amp;&gt;&quot;&apos;&#13;&#x4e2d;&#20013;</a>",
  "<a at=\"tab\there\nline  two\">text with &amp;amp; and ]]&gt;</a>",
  /* CDATA, comments, processing instructions inside and outside the root. */
  "<?xml version=\"1.0\"?>\n<!-- before -->\n<?pi-before some data?>\n<a><![CDATA[<not an element> & ]]><!-- in -->"
  "<?pi-in?><b><![CDATA[]]></b></a>\n<!-- after -->\n<?pi-after  more ?>\n",
  /* White space inside and outside the root, \r\n line ends. */
  "\n\n   <a>\r\n  <b>  one\r\n two  </b>\r\n\t<c/>\r\n</a>   \n\n",
  "<a at=\"one\r\ntwo\">line one\r\nline two\rline three</a>",
  /* Chinese text, in names too. */
  "<报告 xmlns=\"urn:rectify:report:1\" 单位=\"回河派出所\"><问题 编号=\"2021-009\">整改中：值班室无人值守</问题></报告>",
  /* A DTD with its own entities (substituted by the parser). */
  "<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n<!ENTITY office \"济阳县 &amp; 办公室\">\n]>\n<a at=\"&office;\">&office;</a>",
  /* Deep nesting and mixed content. */
  "<a><b><c><d><e><f>text<g/>more<h at=\"1\">x</h>tail</f></e></d></c></b></a>",
  /* The XML-DSig shape, prefixed. */
  "<doc><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>\n"
  "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>\n"
  "</ds:SignedInfo></ds:Signature></doc>",
};

static GBytes *
libxml2_form (const char *text)
{
  xmlDocPtr doc = xmlReadMemory (text, strlen (text), "corpus.xml", NULL, XML_PARSE_NOENT | XML_PARSE_NONET);
  xmlChar *out = NULL;
  int len;
  GBytes *bytes;

  g_assert_nonnull (doc);
  len = xmlC14NDocDumpMemory (doc, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0, &out);
  g_assert_cmpint (len, >=, 0);
  bytes = g_bytes_new (out, len);
  xmlFree (out);
  xmlFreeDoc (doc);
  return bytes;
}

static void
append_cb (const guchar *bytes,
           gsize         len,
           gpointer      user_data)
{
  g_byte_array_append (user_data, bytes, len);
}

static GBytes *
streamed_form (const char *text)
{
  xmlTextReaderPtr reader = xmlReaderForMemory (text, strlen (text), "corpus.xml", NULL,
                                                XML_PARSE_NOENT | XML_PARSE_NONET);
  GByteArray *out = g_byte_array_new ();
  g_autoptr(RctC14n) c14n = rct_c14n_new (append_cb, out);
  int rc;

  g_assert_nonnull (reader);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    g_assert_true (rct_c14n_node (c14n, reader));
  g_assert_cmpint (rc, ==, 0);
  rct_c14n_flush (c14n);
  xmlFreeTextReader (reader);
  return g_byte_array_free_to_bytes (out);
}

static char *
sha256 (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
assert_same_form (const char *text)
{
  g_autoptr(GBytes) expected = libxml2_form (text);
  g_autoptr(GBytes) got = streamed_form (text);
  g_autofree char *expected_text = g_strndup (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_autofree char *got_text = g_strndup (g_bytes_get_data (got, NULL), g_bytes_get_size (got));
  g_autofree char *expected_digest = sha256 (expected);
  g_autofree char *got_digest = sha256 (got);

  g_assert_cmpstr (got_text, ==, expected_text);
  g_assert_cmpstr (got_digest, ==, expected_digest);
}

static void
test_corpus (gconstpointer data)
{
  assert_same_form (data);
}

/* A generated report of some size (the demo's) is one more document of the
 * corpus: its own namespaces, Chinese text and multi-line values. */
static void
test_demo_report (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *path = g_build_filename (dir, "报告 全部.xml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rct_report_export (store, NULL, NULL, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  assert_same_form (text);
  rct_store_close (store);
  rct_test_remove_dir (dir);
}

/* The writer writes the report in canonical form (rct-report-writer.c):
 * its root element, without the signature, is byte for byte what libxml2
 * makes of it, which is what the signature's digest covers. */
static void
test_report_written_canonical (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RctStore) store = rct_test_open_demo (&dir);
  g_autofree char *path = g_build_filename (dir, "报告 规范.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *unsigned_text = NULL;
  g_autoptr(GRegex) signature = g_regex_new ("<Signature xmlns=.*</Signature>", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GError) error = NULL;
  const char *root;
  xmlDocPtr doc;
  xmlNodePtr last;
  xmlChar *canonical = NULL;
  int len;

  g_assert_true (rct_report_export (store, NULL, NULL, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report "));
  g_assert_true (g_str_has_suffix (text, "</report>\n"));
  unsigned_text = g_regex_replace_literal (signature, text, -1, 0, "", 0, NULL);
  g_assert_cmpuint (strlen (unsigned_text), <, strlen (text));
  root = strchr (unsigned_text, '\n') + 1;
  unsigned_text[strlen (unsigned_text) - 1] = '\0';

  doc = xmlReadMemory (text, strlen (text), "report.xml", NULL, XML_PARSE_NONET);
  last = xmlGetLastChild (xmlDocGetRootElement (doc));
  g_assert_cmpstr ((const char *) last->name, ==, "Signature");
  xmlUnlinkNode (last);
  xmlFreeNode (last);
  len = xmlC14NDocDumpMemory (doc, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0, &canonical);
  g_assert_cmpint (len, >, 0);
  g_assert_cmpstr ((const char *) canonical, ==, root);
  xmlFree (canonical);
  xmlFreeDoc (doc);
  rct_store_close (store);
  rct_test_remove_dir (dir);
}

/* Bytes pass to the caller in pieces of at most 64 KB plus one node. */
static void
flush_cb (const guchar *bytes,
          gsize         len,
          gpointer      user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (len, <=, 64 * 1024 + 4096);
  (*calls)++;
}

static void
test_flushes_in_pieces (void)
{
  GString *big = g_string_new ("<a>");
  xmlTextReaderPtr reader;
  guint calls = 0;
  g_autoptr(RctC14n) c14n = rct_c14n_new (flush_cb, &calls);

  for (int i = 0; i < 20000; i++)
    g_string_append (big, "<b at=\"值\">文本</b>");
  g_string_append (big, "</a>");
  reader = xmlReaderForMemory (big->str, big->len, "big.xml", NULL, 0);
  while (xmlTextReaderRead (reader) == 1)
    g_assert_true (rct_c14n_node (c14n, reader));
  rct_c14n_flush (c14n);
  g_assert_cmpuint (calls, >, 5);
  xmlFreeTextReader (reader);
  g_string_free (big, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = g_strdup_printf ("/c14n/same-as-libxml2/%u", i);
      g_test_add_data_func (path, corpus[i], test_corpus);
    }
  g_test_add_func ("/c14n/same-as-libxml2/demo-report", test_demo_report);
  g_test_add_func ("/c14n/report-written-canonical", test_report_written_canonical);
  g_test_add_func ("/c14n/flushes-in-pieces", test_flushes_in_pieces);
  return g_test_run ();
}
