/* One letter side by side: a column per coder showing the letter's text with that coder's spans
 * of one code marked, laid out as the lines of a detail view so that the columns scroll
 * together (the agreement drill-down of the Analysis pane). */
#ifndef GENOMLYS_APP_COMPARE_H
#define GENOMLYS_APP_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "genomlys/app_detail.h"
#include "genomlys/span.h"
#include "genomlys/status.h"

#define GL_COMPARE_MAX 8   /* columns side by side at most */

struct gl_compare {
	int64_t document_id;
	char *heading;         /* the first line ("Letter 12 · School · group: ...") */
	char *text;            /* the letter, UTF-8 */
	size_t text_len;       /* bytes */
	size_t ncoders;
	char *names[GL_COMPARE_MAX];
	struct gl_span *spans[GL_COMPARE_MAX];   /* code points of the text */
	size_t nspans[GL_COMPARE_MAX], cap[GL_COMPARE_MAX];
};

void gl_compare_finish(struct gl_compare *c);  /* a zeroed one is safe */
/* Adds a coder (false when out of memory or GL_COMPARE_MAX are there). */
bool gl_compare_add_coder(struct gl_compare *c, const char *name);
bool gl_compare_add_span(struct gl_compare *c, size_t coder, int64_t start, int64_t end);

/*
 * Replaces d's lines with the letter laid out at width columns: the heading, a legend, the
 * coders' names, then one line per row of text. Every column wraps the same text at the same
 * places, so a row shows the same words in every column; where a coder's span (merged with
 * the coder's overlapping ones) starts a column shows '[', where it ends ']', and a space
 * where only another coder's span starts or ends (in every column alike). Coded characters
 * are marked GL_CELL_CODED when every coder coded them, else GL_CELL_CODED_DIFF; a row where
 * the coders differ starts with '≠'. Each row links to the letter at its text (Enter opens the
 * reader there). Spans outside the text are clipped.
 */
enum gl_status gl_compare_layout(const struct gl_compare *c, int width, struct gl_detail *d);

#endif
