/* Links between views, and the generic detail view: lines of text, some of which link to a
 * letter at a span, a coding, a survey value, a finding or a school. Enter follows a link and
 * Esc comes back; findings, ranking matrices and the analysis drill-down all use it. */
#ifndef GENOMLYS_APP_DETAIL_H
#define GENOMLYS_APP_DETAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genomlys/app_action.h"
#include "genomlys/str.h"

enum gl_link_kind {
	GL_LINK_NONE,
	GL_LINK_LETTER,    /* id: letter; start, end: the span to show (code points; 0 0: top) */
	GL_LINK_CODING,    /* id: coding (its letter opens at its span) */
	GL_LINK_SURVEY,    /* id: survey result (the Surveys pane at that cell) */
	GL_LINK_FINDING,   /* id: finding (the Findings pane with its detail) */
	GL_LINK_SCHOOL,    /* id: school (every pane filtered to it; 0: the municipality) */
};

struct gl_link {
	enum gl_link_kind kind;
	int64_t id;
	int64_t start, end;
};

/* A part of a line drawn in its own style: bytes [from, to) of the text. */
struct gl_detail_mark {
	size_t from, to;
	unsigned char style;   /* enum gl_cell_style */
};

struct gl_detail_line {
	char *text;            /* UTF-8; wrapped by the UI */
	unsigned char style;   /* enum gl_cell_style */
	int indent;            /* columns */
	struct gl_link link;   /* kind GL_LINK_NONE: plain text */
	int64_t tag;           /* the owner's own number for the line (e.g. an evidence id) */
	struct gl_detail_mark *marks;  /* parts in their own style (gl_detail_mark_add) */
	size_t nmarks;
	bool own_style;        /* drawn in style even when it links (not as a link) */
};

struct gl_detail {
	struct gl_str title;
	struct gl_detail_line *lines;
	size_t n, cap;
	size_t cursor;         /* the selected line */
	size_t top;            /* the first line shown; the UI keeps the cursor in view */
	int view_height;       /* rows shown last (for paging) */
	int view_width;        /* columns the text had last (set by the UI) */
	bool wide;             /* the whole width of the screen (else at most 100 columns) */
	/* Lines laid out for a width (a side-by-side view): the UI calls relayout before drawing
	 * when the width is not laid_width; relayout sets laid_width. NULL: lines are wrapped. */
	void (*relayout)(struct gl_detail *d, int width, void *ctx);
	void *relayout_ctx;
	int laid_width;
};

void gl_detail_init(struct gl_detail *d);
void gl_detail_finish(struct gl_detail *d);
/* Drops the lines (the title stays); the cursor stays where it was, within range. */
void gl_detail_clear(struct gl_detail *d);
void gl_detail_set_title(struct gl_detail *d, const char *title);
/* Appends a line; link may be NULL. Returns the line (NULL when out of memory). */
struct gl_detail_line *gl_detail_add(struct gl_detail *d, unsigned char style, int indent,
	const struct gl_link *link, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Draws bytes [from, to) of line l in style; false when out of memory. */
bool gl_detail_mark_add(struct gl_detail_line *l, size_t from, size_t to, unsigned char style);
/* The selected line, or NULL when there are none. */
const struct gl_detail_line *gl_detail_selected(const struct gl_detail *d);
/* Moves the cursor for a movement action (down/up go from link to link when there are links);
 * returns GL_F_* flags, 0 when act is not a movement. */
unsigned gl_detail_move(struct gl_detail *d, enum gl_action act);

#endif
