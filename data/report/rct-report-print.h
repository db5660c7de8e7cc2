/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "rct-figures.h"

G_BEGIN_DECLS

typedef struct _RctReportPrint RctReportPrint;

RctReportPrint *rct_report_print_new       (RctStore        *store,
                                            const RctScope  *scope,
                                            GError         **error);
RctReportPrint *rct_report_print_new_in    (RctStore        *store,
                                            const RctScope  *scope,
                                            const char      *title,
                                            const char      *language,
                                            GError         **error);
void            rct_report_print_free      (RctReportPrint  *self);
guint           rct_report_print_paginate  (RctReportPrint  *self,
                                            cairo_t         *cr,
                                            double           width,
                                            double           height);
void            rct_report_print_draw_page (RctReportPrint  *self,
                                            cairo_t         *cr,
                                            guint            page);
gboolean        rct_report_print_write_pdf (RctReportPrint  *self,
                                            const char      *path,
                                            GError         **error);
void            rct_report_print_write_pdf_async  (const char          *ledger_path,
                                                   const RctScope      *scope,
                                                   const char          *title,
                                                   const char          *language,
                                                   const char          *path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        rct_report_print_write_pdf_finish (GAsyncResult        *result,
                                                   GError             **error);
void            rct_report_print_layout_async     (const char          *ledger_path,
                                                   const RctScope      *scope,
                                                   const char          *title,
                                                   const char          *language,
                                                   double               width,
                                                   double               height,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
RctReportPrint *rct_report_print_layout_finish    (GAsyncResult        *result,
                                                   GError             **error);
const char     *rct_report_print_get_title (RctReportPrint  *self);
void            rct_report_print_set_title (RctReportPrint  *self,
                                            const char      *title);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RctReportPrint, rct_report_print_free)

G_END_DECLS
