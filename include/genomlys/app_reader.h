/* The letter reader's model: text wrapped by display width, lazily and a segment at a time,
 * so that a 10 MB letter opens and scrolls at once; the position is the byte offset of the top
 * line, so that it survives a change of width. */
#ifndef GENOMLYS_APP_READER_H
#define GENOMLYS_APP_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Paragraphs longer than this are wrapped in pieces of this size (a forced line break). */
#define GL_READER_SEGMENT 65536

struct gl_reader_line {
	size_t start, end;  /* bytes of the text shown on the line (end excludes the break) */
};

struct gl_reader {
	const char *text;  /* not owned */
	size_t len;
	size_t top;        /* byte offset of the first line shown; always a line start */
	int width;
	/* the segment whose line starts are known */
	bool seg_valid;
	size_t seg_start, seg_end, seg_next;
	size_t *lines;
	size_t nlines, lines_cap;
};

/* Display columns of a code point as the reader draws it (tabs and control characters as one
 * column, combining marks as none). */
int gl_reader_cp_width(int32_t cp);

/* text must stay valid until gl_reader_finish or the next gl_reader_set_text. */
void gl_reader_init(struct gl_reader *r);
void gl_reader_set_text(struct gl_reader *r, const char *text, size_t len);
void gl_reader_finish(struct gl_reader *r);
/* Wraps at width columns from now on; the top line stays the one holding the old top. */
void gl_reader_set_width(struct gl_reader *r, int width);
/* Scrolls by delta lines (negative: up); returns true when the top moved. */
bool gl_reader_scroll(struct gl_reader *r, long delta);
void gl_reader_home(struct gl_reader *r);
/* Shows the last page of height lines. */
void gl_reader_end(struct gl_reader *r, int height);
/* Fills up to n lines from the top; returns how many there are. */
int gl_reader_lines(struct gl_reader *r, struct gl_reader_line *out, int n);
/* Percent of the text above the top line. */
int gl_reader_percent(const struct gl_reader *r);
/* The wrapped line holding byte pos; the line below or above it (false at the text's ends). */
void gl_reader_line_of(struct gl_reader *r, size_t pos, struct gl_reader_line *out);
bool gl_reader_line_below(struct gl_reader *r, size_t pos, struct gl_reader_line *out);
bool gl_reader_line_above(struct gl_reader *r, size_t pos, struct gl_reader_line *out);
/* The byte of the line [start, end) at display column col (the line's end when shorter). */
size_t gl_reader_line_column(const struct gl_reader *r, const struct gl_reader_line *l, int col);
/* Display column of byte pos in the line starting at start. */
int gl_reader_column(const struct gl_reader *r, size_t start, size_t pos);
/* Scrolls so that byte pos is on one of height lines (a third from the top when it was off). */
void gl_reader_show(struct gl_reader *r, size_t pos, int height);
/* True when the last line of the text is on screen with height lines. */
bool gl_reader_at_end(struct gl_reader *r, int height);

#endif
