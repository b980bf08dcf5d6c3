/* The reader's wrapping: segments are paragraphs (or 64 KiB pieces of a longer one), so that
 * wrapping never looks further back than one segment. */
#define _GNU_SOURCE  /* memrchr */
#include "genomlys/app_reader.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "genomlys/utf8.h"

int gl_reader_cp_width(int32_t cp)
{
	if (cp < 32 || cp == 127 || (cp >= 0x80 && cp < 0xa0))
		return 1;  /* drawn as a placeholder */
	return gl_utf8_cp_width(cp);
}

void gl_reader_init(struct gl_reader *r)
{
	memset(r, 0, sizeof *r);
	r->width = 80;
	r->text = "";
}

void gl_reader_set_text(struct gl_reader *r, const char *text, size_t len)
{
	r->text = text ? text : "";
	r->len = text ? len : 0;
	r->top = 0;
	r->seg_valid = false;
}

void gl_reader_finish(struct gl_reader *r)
{
	free(r->lines);
	memset(r, 0, sizeof *r);
	r->text = "";
}

/* The end of the segment starting at s, and where the next one starts. */
static void seg_bounds(const struct gl_reader *r, size_t s, size_t *end, size_t *next)
{
	size_t rest = r->len - s;
	const char *nl = memchr(r->text + s, '\n', rest < GL_READER_SEGMENT ? rest
		: GL_READER_SEGMENT);
	if (nl) {
		*end = (size_t)(nl - r->text);
		*next = *end + 1;
		return;
	}
	if (rest <= GL_READER_SEGMENT) {
		*end = *next = r->len;
		return;
	}
	size_t e = s + GL_READER_SEGMENT;
	while (e < r->len && ((unsigned char)r->text[e] & 0xc0) == 0x80)
		e++;
	*end = e;
	*next = e < r->len && r->text[e] == '\n' ? e + 1 : e;
}

/* Where the line starting at pos (before end) ends and the next begins. */
static size_t wrap_line(const struct gl_reader *r, size_t pos, size_t end)
{
	int col = 0;
	size_t i = pos, brk = pos;
	while (i < end) {
		int32_t cp;
		size_t n = gl_utf8_decode(r->text + i, end - i, &cp);
		if (n == 0)
			n = 1;
		int w = gl_reader_cp_width(cp);
		if (col + w > r->width && i > pos) {
			if (cp == ' ')
				return i + n;  /* the space at the edge becomes the break */
			return brk > pos ? brk : i;
		}
		col += w;
		i += n;
		if (cp == ' ')
			brk = i;
	}
	return end;
}

static bool lines_push(struct gl_reader *r, size_t start)
{
	if (r->nlines == r->lines_cap) {
		size_t cap = r->lines_cap ? r->lines_cap * 2 : 256;
		size_t *v = realloc(r->lines, cap * sizeof *v);
		if (!v)
			return false;
		r->lines = v;
		r->lines_cap = cap;
	}
	r->lines[r->nlines++] = start;
	return true;
}

/* Makes the segment holding byte x the known one. */
static void seg_load(struct gl_reader *r, size_t x)
{
	if (x > r->len)
		x = r->len;
	if (r->seg_valid && x >= r->seg_start && (x < r->seg_next || r->seg_next == r->len))
		return;
	/* The paragraph's start, then forward piece by piece (no wrapping) to x. */
	const char *nl = x > 0 ? memrchr(r->text, '\n', x) : NULL;
	size_t s = nl ? (size_t)(nl - r->text) + 1 : 0;
	size_t e, next;
	for (;;) {
		seg_bounds(r, s, &e, &next);
		if (x < next || next >= r->len)
			break;
		s = next;
	}
	r->seg_start = s;
	r->seg_end = e;
	r->seg_next = next;
	r->nlines = 0;
	size_t pos = s;
	do {
		if (!lines_push(r, pos))
			break;
		pos = wrap_line(r, pos, e);
	} while (pos < e);
	r->seg_valid = true;
}

/* Index of the known line holding byte x. */
static size_t line_index(const struct gl_reader *r, size_t x)
{
	size_t lo = 0, hi = r->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (r->lines[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void gl_reader_set_width(struct gl_reader *r, int width)
{
	if (width < 1)
		width = 1;
	if (width == r->width && r->seg_valid)
		return;
	r->width = width;
	r->seg_valid = false;
	seg_load(r, r->top);
	r->top = r->lines[line_index(r, r->top)];
}

static bool scroll_down(struct gl_reader *r)
{
	seg_load(r, r->top);
	size_t i = line_index(r, r->top);
	if (i + 1 < r->nlines) {
		r->top = r->lines[i + 1];
		return true;
	}
	if (r->seg_next < r->len) {
		r->top = r->seg_next;
		return true;
	}
	return false;
}

static bool scroll_up(struct gl_reader *r)
{
	seg_load(r, r->top);
	size_t i = line_index(r, r->top);
	if (i > 0) {
		r->top = r->lines[i - 1];
		return true;
	}
	if (r->seg_start == 0)
		return false;
	seg_load(r, r->seg_start - 1);
	r->top = r->lines[r->nlines - 1];
	return true;
}

bool gl_reader_scroll(struct gl_reader *r, long delta)
{
	bool moved = false;
	for (; delta > 0 && scroll_down(r); delta--)
		moved = true;
	for (; delta < 0 && scroll_up(r); delta++)
		moved = true;
	return moved;
}

void gl_reader_home(struct gl_reader *r)
{
	r->top = 0;
}

void gl_reader_end(struct gl_reader *r, int height)
{
	seg_load(r, r->len > 0 ? r->len - 1 : 0);
	r->top = r->lines[r->nlines - 1];
	gl_reader_scroll(r, -(long)(height > 1 ? height - 1 : 0));
}

int gl_reader_lines(struct gl_reader *r, struct gl_reader_line *out, int n)
{
	size_t pos = r->top;
	int k = 0;
	while (k < n) {
		seg_load(r, pos);
		size_t i = line_index(r, pos);
		size_t end = i + 1 < r->nlines ? r->lines[i + 1] : r->seg_end;
		out[k].start = r->lines[i];
		out[k].end = end;
		k++;
		if (i + 1 < r->nlines)
			pos = r->lines[i + 1];
		else if (r->seg_next < r->len)
			pos = r->seg_next;
		else
			break;
	}
	return k;
}

int gl_reader_percent(const struct gl_reader *r)
{
	if (r->len == 0)
		return 100;
	return (int)((double)r->top * 100.0 / (double)r->len);
}

bool gl_reader_at_end(struct gl_reader *r, int height)
{
	size_t top = r->top;
	long lines = 0;
	while (lines < height && scroll_down(r))
		lines++;
	r->top = top;
	return lines < height;
}

void gl_reader_line_of(struct gl_reader *r, size_t pos, struct gl_reader_line *out)
{
	if (pos > r->len)
		pos = r->len;
	if (pos == r->len && pos > 0 && r->text[pos - 1] == '\n')
		pos--;  /* the end after a final line break belongs to the last line */
	seg_load(r, pos);
	size_t i = line_index(r, pos);
	out->start = r->lines[i];
	out->end = i + 1 < r->nlines ? r->lines[i + 1] : r->seg_end;
}

bool gl_reader_line_below(struct gl_reader *r, size_t pos, struct gl_reader_line *out)
{
	gl_reader_line_of(r, pos, out);
	size_t i = line_index(r, out->start);
	if (i + 1 < r->nlines) {
		gl_reader_line_of(r, r->lines[i + 1], out);
		return true;
	}
	if (r->seg_next < r->len) {
		gl_reader_line_of(r, r->seg_next, out);
		return true;
	}
	return false;
}

bool gl_reader_line_above(struct gl_reader *r, size_t pos, struct gl_reader_line *out)
{
	gl_reader_line_of(r, pos, out);
	if (out->start == 0)
		return false;
	size_t start = out->start;
	gl_reader_line_of(r, start - 1, out);
	return true;
}

int gl_reader_column(const struct gl_reader *r, size_t start, size_t pos)
{
	int col = 0;
	size_t i = start;
	while (i < pos && i < r->len) {
		int32_t cp;
		size_t n = gl_utf8_decode(r->text + i, r->len - i, &cp);
		if (n == 0)
			n = 1;
		col += gl_reader_cp_width(cp);
		i += n;
	}
	return col;
}

size_t gl_reader_line_column(const struct gl_reader *r, const struct gl_reader_line *l, int col)
{
	int c = 0;
	size_t i = l->start;
	size_t end = l->end;
	/* a wrapped line's last byte belongs to the break: stop before it */
	if (end > l->start && end < r->len && r->text[end] != '\n' && r->text[end - 1] == ' ')
		end--;
	while (i < end) {
		int32_t cp;
		size_t n = gl_utf8_decode(r->text + i, r->len - i, &cp);
		if (n == 0)
			n = 1;
		int w = gl_reader_cp_width(cp);
		if (c + w > col)
			break;
		c += w;
		i += n;
	}
	return i;
}

void gl_reader_show(struct gl_reader *r, size_t pos, int height)
{
	struct gl_reader_line l;
	if (height < 1)
		height = 1;
	gl_reader_line_of(r, pos, &l);
	if (l.start < r->top) {
		r->top = l.start;
		return;
	}
	/* on screen, or less than a page below it: scroll just enough */
	size_t top = r->top;
	for (int i = 0; i < 2 * height; i++) {
		struct gl_reader_line cur;
		gl_reader_line_of(r, top, &cur);
		if (cur.start == l.start) {
			if (i >= height)
				gl_reader_scroll(r, i - height + 1);
			return;
		}
		if (!gl_reader_line_below(r, top, &cur))
			break;
		top = cur.start;
	}
	r->top = l.start;
	gl_reader_scroll(r, -(long)(height / 3));
}
