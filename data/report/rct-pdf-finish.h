/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

/* Finishes a PDF surface: cairo writes the fonts' subsets here, and keeps
 * the font caches it fills until the process ends, by design. Under
 * LeakSanitizer what is allocated while finishing is not counted as a leak
 * (build-aux/lsan.supp named cairo_surface_finish for it, which needed every
 * allocation's stack unwound slowly to match); our own objects are made
 * before and checked as any other. */
static inline void
rct_pdf_surface_finish (cairo_surface_t *surface)
{
#if defined(__SANITIZE_ADDRESS__)
  __lsan_disable ();
#endif
  cairo_surface_finish (surface);
#if defined(__SANITIZE_ADDRESS__)
  __lsan_enable ();
#endif
}
