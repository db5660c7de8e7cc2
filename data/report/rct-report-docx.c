/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rct-report-docx"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <zip.h>

#include "rct-report.h"
#include "rct-report-docx.h"
#include "rct-report-language.h"

/* The official report as a Word document (DOCX, Office Open XML) the
 * office edits in WPS or Word: its parts written with xmlTextWriter, the
 * package with libzip; no converter at run time. Styles name the official
 * fonts (方正小标宋简体 for the title, 仿宋_GB2312 for the body, 黑体 and
 * 楷体_GB2312 for headings), which Word and WPS replace where missing; the
 * page is A4 with the GB/T 9704-2012 margins, page numbers "— 1 —" in the
 * footer, attachments as real tables. */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* 1 mm in twentieths of a point. */
#define MM(x) ((int) ((x) * 1440.0 / 25.4 + 0.5))

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\""
  " ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "<Override PartName=\"/word/styles.xml\""
  " ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
  "<Override PartName=\"/word/footer1.xml\""
  " ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
  "</Types>";

static const char package_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\""
  " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
  " Target=\"word/document.xml\"/>"
  "</Relationships>";

static const char document_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\""
  " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
  "<Relationship Id=\"rId2\""
  " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
  "</Relationships>";

/* Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt (tables). */
static const char styles[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<w:styles xmlns:w=\"" W_NS "\">"
  "<w:docDefaults><w:rPrDefault><w:rPr>"
  "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\"/>"
  "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
  "</w:rPr></w:rPrDefault>"
  "<w:pPrDefault><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
  "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
  "<w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:qFormat/><w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:qFormat/><w:pPr><w:jc w:val=\"center\"/><w:spacing w:before=\"320\" w:after=\"320\" w:line=\"700\""
  " w:lineRule=\"exact\"/></w:pPr>"
  "<w:rPr><w:rFonts w:eastAsia=\"方正小标宋简体\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:qFormat/><w:pPr><w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
  "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:qFormat/><w:pPr><w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
  "<w:rPr><w:rFonts w:eastAsia=\"楷体_GB2312\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Masthead\"><w:name w:val=\"Masthead\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:jc w:val=\"center\"/><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"240\" w:after=\"240\" w:line=\"960\""
  " w:lineRule=\"exact\"/></w:pPr>"
  "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"方正小标宋简体\"/><w:color w:val=\"C00000\"/>"
  "<w:sz w:val=\"68\"/><w:szCs w:val=\"68\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"AttachmentTitle\"><w:name w:val=\"Attachment Title\"/>"
  "<w:basedOn w:val=\"Heading2\"/><w:pPr><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/></w:pPr>"
  "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"AttachmentHeading\"><w:name w:val=\"Attachment Heading\"/>"
  "<w:basedOn w:val=\"AttachmentTitle\"/><w:pPr><w:pageBreakBefore/></w:pPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"IssueLine\"><w:name w:val=\"Issue Line\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Signature\"><w:name w:val=\"Signature\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:jc w:val=\"right\"/><w:ind w:right=\"1280\"/></w:pPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"300\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr>"
  "<w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\"/>"
  "<w:sz w:val=\"28\"/></w:rPr></w:style>"
  "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders>"
  "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/>"
  "<w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
  "</w:tblBorders></w:tblPr></w:style>"
  "</w:styles>";

/* The page number as GB/T 9704 writes it: — 1 —. */
static const char footer[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<w:ftr xmlns:w=\"" W_NS "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
  "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
  "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>";

typedef struct
{
  xmlTextWriterPtr writer;
  const RctReportIssue *issue;
  int failed;
  gboolean landscape;   /* the section being written */
} Docx;

static const char *
tr (Docx       *d,
    const char *msgid) G_GNUC_FORMAT (2);

static const char *
tr (Docx       *d,
    const char *msgid)
{
  return rct_report_language_gettext (d->issue->language, msgid);
}

static void
start (Docx       *d,
       const char *element)
{
  if (xmlTextWriterStartElement (d->writer, BAD_CAST element) < 0)
    d->failed = 1;
}

static void
end (Docx *d)
{
  if (xmlTextWriterEndElement (d->writer) < 0)
    d->failed = 1;
}

static void
attribute (Docx       *d,
           const char *name,
           const char *value)
{
  if (xmlTextWriterWriteAttribute (d->writer, BAD_CAST name, BAD_CAST value) < 0)
    d->failed = 1;
}

static void
empty (Docx       *d,
       const char *element,
       const char *name,
       const char *value)
{
  start (d, element);
  if (name != NULL)
    attribute (d, name, value);
  end (d);
}

static void
run (Docx       *d,
     const char *text)
{
  start (d, "w:r");
  start (d, "w:t");
  attribute (d, "xml:space", "preserve");
  if (xmlTextWriterWriteString (d->writer, BAD_CAST text) < 0)
    d->failed = 1;
  end (d);
  end (d);
}

/* One paragraph per line of @text. */
static void
paragraph (Docx       *d,
           const char *style,
           const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (i > 0 && *lines[i] == '\0')
        continue;
      start (d, "w:p");
      if (style != NULL)
        {
          start (d, "w:pPr");
          empty (d, "w:pStyle", "w:val", style);
          end (d);
        }
      run (d, lines[i]);
      end (d);
    }
}

/* The width of the text, in twentieths of a point: A4 less the margins,
 * upright or on its side. */
#define TEXT_TWIPS (11906 - MM (28) - MM (26))
#define TEXT_TWIPS_LANDSCAPE (16838 - MM (37) - MM (35))

static void
table (Docx      *d,
       GPtrArray *rows)
{
  const int text_twips = d->landscape ? TEXT_TWIPS_LANDSCAPE : TEXT_TWIPS;
  char **head = g_ptr_array_index (rows, 0);
  guint n = g_strv_length (head);
  g_autofree double *weights = g_new0 (double, n);
  g_autofree int *widths = g_new0 (int, n);
  double total = 0;

  /* Columns as wide as their longest text, within bounds, as the PDF. */
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      for (guint c = 0; c < n && cells[c] != NULL; c++)
        weights[c] = MAX (weights[c], rct_report_issue_cell_weight (cells[c]));
    }
  for (guint c = 0; c < n; c++)
    total += weights[c];
  for (guint c = 0; c < n; c++)
    widths[c] = (int) (text_twips * weights[c] / total);

  start (d, "w:tbl");
  start (d, "w:tblPr");
  empty (d, "w:tblStyle", "w:val", "TableGrid");
  start (d, "w:tblW");
  attribute (d, "w:w", "0");
  attribute (d, "w:type", "auto");
  end (d);
  empty (d, "w:tblLayout", "w:type", "fixed");
  end (d);
  start (d, "w:tblGrid");
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *w = g_strdup_printf ("%d", widths[c]);
      empty (d, "w:gridCol", "w:w", w);
    }
  end (d);
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      start (d, "w:tr");
      if (r == 0)
        {
          /* The headings repeat at the top of every page. */
          start (d, "w:trPr");
          empty (d, "w:tblHeader", NULL, NULL);
          end (d);
        }
      for (guint c = 0; c < n && cells[c] != NULL; c++)
        {
          g_autofree char *w = g_strdup_printf ("%d", widths[c]);

          start (d, "w:tc");
          start (d, "w:tcPr");
          start (d, "w:tcW");
          attribute (d, "w:w", w);
          attribute (d, "w:type", "dxa");
          end (d);
          end (d);
          start (d, "w:p");
          start (d, "w:pPr");
          empty (d, "w:pStyle", "w:val", "TableText");
          end (d);
          run (d, cells[c]);
          end (d);
          end (d);
        }
      end (d);
    }
  end (d);
  /* Word needs a paragraph between two tables and after the last. */
  paragraph (d, NULL, "");
}

/* A section's page: A4 upright with the GB/T 9704 margins, or on its
 * side for a wide table (the margins turned with it). */
static void
section_properties (Docx     *d,
                    gboolean  landscape)
{
  g_autofree char *top = g_strdup_printf ("%d", landscape ? MM (28) : MM (37));
  g_autofree char *bottom = g_strdup_printf ("%d", landscape ? MM (26) : MM (35));
  g_autofree char *left = g_strdup_printf ("%d", landscape ? MM (37) : MM (28));
  g_autofree char *right = g_strdup_printf ("%d", landscape ? MM (35) : MM (26));

  start (d, "w:sectPr");
  start (d, "w:footerReference");
  attribute (d, "w:type", "default");
  attribute (d, "r:id", "rId2");
  end (d);
  start (d, "w:pgSz");
  attribute (d, "w:w", landscape ? "16838" : "11906");
  attribute (d, "w:h", landscape ? "11906" : "16838");
  if (landscape)
    attribute (d, "w:orient", "landscape");
  end (d);
  start (d, "w:pgMar");
  attribute (d, "w:top", top);
  attribute (d, "w:bottom", bottom);
  attribute (d, "w:left", left);
  attribute (d, "w:right", right);
  attribute (d, "w:header", "851");
  attribute (d, "w:footer", "992");
  attribute (d, "w:gutter", "0");
  end (d);
  /* The grid of GB/T 9704: 22 lines a page, 28 characters a line. */
  start (d, "w:docGrid");
  attribute (d, "w:type", "linesAndChars");
  attribute (d, "w:linePitch", "579");
  attribute (d, "w:charSpace", "0");
  end (d);
  end (d);
}

static void
write_body (Docx     *d,
            RctStore *store,
            GError  **error)
{
  const RctReportIssue *issue = d->issue;
  g_autofree char *number = rct_report_issue_format_number (issue);
  g_autofree char *date = rct_report_language_date (issue->language, issue->issue_date);
  guint n_attachments = 0;

  if (issue->marking != NULL && *issue->marking)
    paragraph (d, NULL, issue->marking);
  if (issue->series != NULL)
    paragraph (d, "Masthead", issue->series);
  if (*number != '\0')
    paragraph (d, "IssueLine", number);
  if (issue->organisation != NULL)
    paragraph (d, "IssueLine", issue->organisation);
  paragraph (d, "Title", issue->title);
  if (issue->addressee != NULL)
    {
      /* Translators: the addressee line above an official report's body */
      g_autofree char *line = g_strdup_printf (tr (d, N_("%s:")), issue->addressee);
      paragraph (d, NULL, line);
    }
  for (guint i = 0; i < RCT_REPORT_N_SECTIONS; i++)
    {
      paragraph (d, "Heading1", rct_report_issue_section_label (i, issue->language));
      paragraph (d, "BodyText", issue->sections[i]);
    }

  for (guint i = 0; issue->attachments != NULL && issue->attachments[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u. %s", i + 1,
                                               rct_report_issue_attachment_label (issue->attachments[i],
                                                                                  issue->language));
      if (i == 0)
        paragraph (d, "BodyText", tr (d, N_("Attachments:")));
      paragraph (d, "BodyText", line);
      n_attachments++;
    }

  paragraph (d, "Signature", issue->organisation);
  paragraph (d, "Signature", date);
  if (issue->signed_off_by != NULL)
    {
      /* Translators: who signed the report off (签发人) */
      g_autofree char *line = g_strdup_printf (tr (d, N_("Signed off by: %s")), issue->signed_off_by);
      paragraph (d, NULL, line);
    }
  if (issue->drafted_by != NULL)
    {
      g_autofree char *line = g_strdup_printf (tr (d, N_("Drafted by: %s")), issue->drafted_by);
      paragraph (d, NULL, line);
    }
  if (issue->copied_to != NULL)
    {
      /* Translators: to whom a copy goes (抄送) */
      g_autofree char *line = g_strdup_printf (tr (d, N_("Copied to: %s")), issue->copied_to);
      paragraph (d, NULL, line);
    }

  for (guint i = 0; i < n_attachments && !d->failed; i++)
    {
      const char *key = issue->attachments[i];
      g_autoptr(GPtrArray) rows = rct_report_issue_list_attachment (store, issue, key, error);
      g_autofree char *heading = NULL, *index = NULL;
      gboolean landscape, new_section = FALSE;

      if (rows == NULL)
        {
          d->failed = 2;
          return;
        }
      /* Each attachment starts a page: by its heading's style, or by a
       * new section when the page turns on its side or back. */
      landscape = g_strv_length (g_ptr_array_index (rows, 0)) > 4;
      if (landscape != d->landscape)
        {
          start (d, "w:p");
          start (d, "w:pPr");
          section_properties (d, d->landscape);
          end (d);
          end (d);
          d->landscape = landscape;
          new_section = TRUE;
        }
      /* Translators: the heading of an attachment: %1$s its number, %2$s its name */
      index = g_strdup_printf ("%u", i + 1);
      heading = g_strdup_printf (tr (d, N_("Attachment %1$s: %2$s")), index,
                                 rct_report_issue_attachment_label (key, issue->language));
      paragraph (d, new_section ? "AttachmentTitle" : "AttachmentHeading", heading);
      table (d, rows);
    }
}

static GBytes *
document_xml (RctStore             *store,
              const RctReportIssue *issue,
              GError              **error)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  Docx d = { 0 };
  GBytes *bytes = NULL;

  d.issue = issue;
  d.writer = xmlNewTextWriterMemory (buffer, 0);
  if (d.writer == NULL || xmlTextWriterStartDocument (d.writer, "1.0", "UTF-8", "yes") < 0)
    d.failed = 1;
  start (&d, "w:document");
  attribute (&d, "xmlns:w", W_NS);
  attribute (&d, "xmlns:r", R_NS);
  start (&d, "w:body");
  write_body (&d, store, error);
  if (d.failed != 2)
    {
      section_properties (&d, d.landscape);
      end (&d);
      end (&d);
      if (xmlTextWriterEndDocument (d.writer) < 0)
        d.failed = 1;
    }
  if (d.writer != NULL)
    xmlFreeTextWriter (d.writer);
  if (d.failed == 1)
    g_set_error_literal (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, _("The Word document could not be written."));
  else if (d.failed == 0)
    bytes = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return bytes;
}

static gboolean
add_part (zip_t       *zip,
          const char  *name,
          const void  *data,
          gsize        length,
          gboolean     copy)
{
  zip_source_t *source;
  void *owned = (void *) data;

  /* A part built here is handed to libzip, which frees it with free(). */
  if (copy)
    {
      owned = malloc (length > 0 ? length : 1);
      if (owned == NULL)
        return FALSE;
      memcpy (owned, data, length);
    }
  source = zip_source_buffer (zip, owned, length, copy ? 1 : 0);
  if (source == NULL)
    {
      if (copy)
        free (owned);
      return FALSE;
    }
  if (zip_file_add (zip, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0)
    {
      zip_source_free (source);
      return FALSE;
    }
  return TRUE;
}

/**
 * rct_report_docx_write:
 *
 * Writes @issue as a Word document at @path: header, sections,
 * attachments as tables, for the report's period.
 */
gboolean
rct_report_docx_write (RctStore             *store,
                       const RctReportIssue *issue,
                       const char           *path,
                       GError              **error)
{
  g_autoptr(GBytes) document = document_xml (store, issue, error);
  zip_t *zip;
  int zip_error = 0;
  gboolean ok;

  if (document == NULL)
    return FALSE;
  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zip_error);
  if (zip == NULL)
    {
      g_set_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, _("Cannot write “%s”."), path);
      return FALSE;
    }
  ok = add_part (zip, "[Content_Types].xml", content_types, strlen (content_types), FALSE) &&
       add_part (zip, "_rels/.rels", package_rels, strlen (package_rels), FALSE) &&
       add_part (zip, "word/_rels/document.xml.rels", document_rels, strlen (document_rels), FALSE) &&
       add_part (zip, "word/styles.xml", styles, strlen (styles), FALSE) &&
       add_part (zip, "word/footer1.xml", footer, strlen (footer), FALSE) &&
       add_part (zip, "word/document.xml", g_bytes_get_data (document, NULL), g_bytes_get_size (document), TRUE);
  if (!ok)
    {
      zip_discard (zip);
      g_set_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, _("Cannot write “%s”."), path);
      return FALSE;
    }
  if (zip_close (zip) < 0)
    {
      g_set_error (error, RCT_REPORT_ERROR, RCT_REPORT_ERROR_WRITE, _("Cannot write “%s”."), path);
      zip_discard (zip);
      return FALSE;
    }
  return TRUE;
}
