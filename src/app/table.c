/* The table model: columns, cursor and a paged window of rows. */
#include "genomlys/app_table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/utf8.h"

#include "genomlys/str.h"

void gl_table_init(struct gl_table *t, gl_table_fetch_fn fetch, void *ctx)
{
	memset(t, 0, sizeof *t);
	t->col_cursor = -1;
	t->fetch = fetch;
	t->fetch_ctx = ctx;
	t->view_height = 1;
}

static void rows_clear(struct gl_table *t)
{
	for (int i = 0; i < t->cache_n; i++) {
		struct gl_trow *r = &t->cache[i];
		for (int c = 0; c < t->ncols; c++)
			free(r->cells[c]);
		free(r->cells);
		free(r->styles);
	}
	t->cache_n = 0;
	t->cache_off = 0;
}

void gl_table_clear_columns(struct gl_table *t)
{
	rows_clear(t);
	for (int c = 0; c < t->ncols; c++)
		free(t->cols[c].title);
	t->ncols = 0;
	t->frozen = 0;
}

void gl_table_finish(struct gl_table *t)
{
	gl_table_clear_columns(t);
	free(t->cache);
	free(t->caption);
	free(t->empty_text);
	memset(t, 0, sizeof *t);
}

void gl_table_column(struct gl_table *t, const char *title, int width, int flex,
	enum gl_align align)
{
	if (t->ncols == GL_TABLE_MAX_COLS)
		return;
	rows_clear(t);  /* rows have one cell per column */
	struct gl_column *c = &t->cols[t->ncols++];
	c->title = gl_strdup(title);
	/* never narrower than its title: translations are often longer than the English */
	int title_width = title ? (int)gl_utf8_width(title, strlen(title)) : 0;
	c->width = width > title_width ? width : title_width;
	c->flex = flex;
	c->align = align;
}

void gl_table_set_caption(struct gl_table *t, const char *caption, unsigned char style)
{
	free(t->caption);
	t->caption = gl_strdup(caption);
	t->caption_style = style;
}

void gl_table_set_empty(struct gl_table *t, const char *text)
{
	free(t->empty_text);
	t->empty_text = gl_strdup(text);
}

static void keep_visible(struct gl_table *t)
{
	int64_t h = t->view_height > 0 ? t->view_height : 1;
	if (t->cursor >= t->nrows)
		t->cursor = t->nrows - 1;
	if (t->cursor < 0)
		t->cursor = 0;
	if (t->cursor < t->top)
		t->top = t->cursor;
	if (t->cursor >= t->top + h)
		t->top = t->cursor - h + 1;
	if (t->top > t->nrows - h)
		t->top = t->nrows - h;
	if (t->top < 0)
		t->top = 0;
}

void gl_table_reset(struct gl_table *t, int64_t nrows)
{
	rows_clear(t);
	t->nrows = nrows < 0 ? 0 : nrows;
	if (t->col_cursor >= t->ncols)
		t->col_cursor = t->ncols - 1;
	keep_visible(t);
}

enum gl_status gl_table_ensure(struct gl_table *t, int64_t first, int64_t n,
	struct gl_error *err)
{
	if (first < 0)
		first = 0;
	if (first + n > t->nrows)
		n = t->nrows - first;
	if (n <= 0 || !t->fetch)
		return GL_OK;
	if (first >= t->cache_off && first + n <= t->cache_off + t->cache_n)
		return GL_OK;
	rows_clear(t);
	int64_t off = first > GL_TABLE_PAGE ? first - GL_TABLE_PAGE : 0;
	int64_t limit = 3 * GL_TABLE_PAGE;
	if (off + limit < first + n)
		limit = first + n - off + GL_TABLE_PAGE;
	t->cache_off = off;
	t->fetches++;
	enum gl_status st = t->fetch(t->fetch_ctx, t, off, limit, err);
	if (st != GL_OK)
		rows_clear(t);
	return st;
}

const struct gl_trow *gl_table_row(const struct gl_table *t, int64_t i)
{
	if (i < t->cache_off || i >= t->cache_off + t->cache_n)
		return NULL;
	return &t->cache[i - t->cache_off];
}

const struct gl_trow *gl_table_selected(struct gl_table *t)
{
	if (t->nrows <= 0)
		return NULL;
	if (gl_table_ensure(t, t->cursor, 1, NULL) != GL_OK)
		return NULL;
	return gl_table_row(t, t->cursor);
}

struct gl_trow *gl_table_append(struct gl_table *t, int64_t id, unsigned char style)
{
	if (t->cache_n == t->cache_cap) {
		int cap = t->cache_cap ? t->cache_cap * 2 : 3 * GL_TABLE_PAGE;
		struct gl_trow *v = realloc(t->cache, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		t->cache = v;
		t->cache_cap = cap;
	}
	int ncols = t->ncols > 0 ? t->ncols : 1;
	char **cells = calloc((size_t)ncols, sizeof *cells);
	unsigned char *styles = calloc((size_t)ncols, 1);
	if (!cells || !styles) {
		free(cells);
		free(styles);
		return NULL;
	}
	struct gl_trow *r = &t->cache[t->cache_n++];
	r->id = id;
	r->style = style;
	r->cells = cells;
	r->styles = styles;
	for (int c = 0; c < t->ncols; c++)
		r->styles[c] = style;
	return r;
}

void gl_table_cell(struct gl_table *t, struct gl_trow *row, int col, const char *text,
	unsigned char style)
{
	if (!row || col < 0 || col >= t->ncols)
		return;
	free(row->cells[col]);
	row->cells[col] = gl_strdup(text ? text : "");
	if (style != GL_CELL_NORMAL)
		row->styles[col] = style;
}

void gl_table_cellf(struct gl_table *t, struct gl_trow *row, int col, unsigned char style,
	const char *fmt, ...)
{
	struct gl_str s = GL_STR_INIT;
	va_list ap;
	va_start(ap, fmt);
	gl_str_vprintf(&s, fmt, ap);
	va_end(ap);
	gl_table_cell(t, row, col, gl_str_cstr(&s), style);
	gl_str_finish(&s);
}

void gl_table_set_view(struct gl_table *t, int height)
{
	t->view_height = height > 0 ? height : 1;
	keep_visible(t);
}

void gl_table_select(struct gl_table *t, int64_t row)
{
	t->cursor = row;
	keep_visible(t);
}

void gl_table_scroll(struct gl_table *t, int64_t delta)
{
	int64_t h = t->view_height > 0 ? t->view_height : 1;
	int64_t max_top = t->nrows - h > 0 ? t->nrows - h : 0;
	t->top += delta;
	if (t->top > max_top)
		t->top = max_top;
	if (t->top < 0)
		t->top = 0;
	if (t->cursor < t->top)
		t->cursor = t->top;
	if (t->cursor >= t->top + h)
		t->cursor = t->top + h - 1;
	keep_visible(t);
}

unsigned gl_table_move(struct gl_table *t, enum gl_action act)
{
	int64_t cursor = t->cursor, top = t->top;
	int col = t->col_cursor;
	int64_t page = t->view_height > 1 ? t->view_height - 1 : 1;
	switch (act) {
	case GL_ACT_MOVE_DOWN: t->cursor++; break;
	case GL_ACT_MOVE_UP: t->cursor--; break;
	case GL_ACT_PAGE_DOWN: t->cursor += page; t->top += page; break;
	case GL_ACT_PAGE_UP: t->cursor -= page; t->top -= page; break;
	case GL_ACT_MOVE_FIRST: t->cursor = 0; break;
	case GL_ACT_MOVE_LAST: t->cursor = t->nrows - 1; break;
	case GL_ACT_MOVE_LEFT:
	case GL_ACT_MOVE_RIGHT:
		if (t->col_cursor < 0)
			return 0;
		t->col_cursor += act == GL_ACT_MOVE_RIGHT ? 1 : -1;
		if (t->col_cursor >= t->ncols)
			t->col_cursor = t->ncols - 1;
		if (t->col_cursor < 0)
			t->col_cursor = 0;
		break;
	default:
		return 0;
	}
	if (t->top < 0)
		t->top = 0;
	keep_visible(t);
	bool changed = cursor != t->cursor || top != t->top || col != t->col_cursor;
	return GL_F_HANDLED | (changed ? GL_F_REDRAW : 0);
}
