/* The table model: columns, cursor, a paged window of rows with their data, and the layout of
 * the columns in a width. */
#include "genomlys/app_table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/str.h"
#include "genomlys/utf8.h"

void gl_table_init(struct gl_table *t, gl_table_fetch_fn fetch, void *ctx)
{
	memset(t, 0, sizeof *t);
	t->col_cursor = -1;
	t->fetch = fetch;
	t->fetch_ctx = ctx;
	t->view_height = 1;
}

static void row_free(struct gl_table *t, struct gl_trow *r)
{
	for (int c = 0; c < t->ncols; c++)
		free(r->cells[c]);
	free(r->cells);
	free(r->styles);
	if (r->data && t->data_finish)
		t->data_finish(r->data);
	free(r->data);
	memset(r, 0, sizeof *r);
}

static void rows_clear(struct gl_table *t)
{
	for (int i = 0; i < t->cache_n; i++)
		row_free(t, &t->cache[i]);
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
	t->left = 0;
}

void gl_table_finish(struct gl_table *t)
{
	gl_table_clear_columns(t);
	free(t->cols);
	free(t->cache);
	free(t->caption);
	free(t->empty_text);
	memset(t, 0, sizeof *t);
}

static int title_width(const char *title)
{
	return title ? (int)gl_utf8_width(title, strlen(title)) : 0;
}

enum gl_status gl_table_column(struct gl_table *t, const char *title, int width, int flex,
	enum gl_align align)
{
	if (t->ncols == t->cols_cap) {
		int cap = t->cols_cap ? 2 * t->cols_cap : 8;
		struct gl_column *v = realloc(t->cols, (size_t)cap * sizeof *v);
		if (!v)
			return GL_ENOMEM;
		t->cols = v;
		t->cols_cap = cap;
	}
	char *copy = gl_strdup(title ? title : "");
	if (!copy)
		return GL_ENOMEM;
	rows_clear(t);  /* rows have one cell per column */
	struct gl_column *c = &t->cols[t->ncols++];
	c->title = copy;
	/* never narrower than its title: translations are often longer than the English */
	int tw = title_width(copy);
	c->width = width > tw ? width : tw;
	c->flex = flex;
	c->align = align;
	c->hide = 0;
	c->keep = 0;
	return GL_OK;
}

void gl_table_column_hide(struct gl_table *t, int col, int rank)
{
	if (col >= 0 && col < t->ncols)
		t->cols[col].hide = rank > 0 ? rank : 0;
}

void gl_table_column_keep(struct gl_table *t, int col, int keep)
{
	if (col >= 0 && col < t->ncols)
		t->cols[col].keep = keep > 0 ? keep : 0;
}

void gl_table_column_title(struct gl_table *t, int col, const char *title)
{
	if (col < 0 || col >= t->ncols)
		return;
	char *copy = gl_strdup(title ? title : "");
	if (!copy)
		return;
	free(t->cols[col].title);
	t->cols[col].title = copy;
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

void gl_table_reset_more(struct gl_table *t, int64_t nrows, bool more)
{
	rows_clear(t);
	t->nrows = nrows < 0 ? 0 : nrows;
	t->more = more && t->nrows > 0;
	t->unplaced = false;  /* the caller that places rows by key says so after */
	t->known = 0;
	if (t->col_cursor >= t->ncols)
		t->col_cursor = t->ncols - 1;
	keep_visible(t);
}

void gl_table_reset(struct gl_table *t, int64_t nrows)
{
	gl_table_reset_more(t, nrows, false);
}

/* Fetches the window [off, off + limit). A table whose end is not known learns from it: the
 * rows found are there, and a window that came back short holds the last row. */
static enum gl_status fetch_window(struct gl_table *t, int64_t off, int64_t limit,
	struct gl_error *err)
{
	rows_clear(t);
	t->cache_off = off;
	t->fetches++;
	enum gl_status st = t->fetch(t->fetch_ctx, t, off, limit, err);
	if (st == GL_OK && t->cache_off != off) {
		/* the fetch numbered its rows itself (an unplaced table that found its first row,
		 * gl_table_renumber): they are where it put them, nothing more is learned here */
		keep_visible(t);
		return st;
	}
	if (st != GL_OK) {
		rows_clear(t);
	} else if (t->more && t->cache_n < limit) {
		t->nrows = off + t->cache_n;
		t->more = false;
		keep_visible(t);
		if (t->grown)
			t->grown(t->fetch_ctx, t);
	} else if (t->more && off + t->cache_n > t->nrows) {
		t->nrows = off + t->cache_n;
		if (t->grown)
			t->grown(t->fetch_ctx, t);
	}
	return st;
}

enum gl_status gl_table_count_all(struct gl_table *t, struct gl_error *err)
{
	if (!t->more || !t->count || t->unplaced)  /* unplaced: the pane places it */
		return GL_OK;
	int64_t n = 0;
	enum gl_status st = t->count(t->fetch_ctx, t, &n, err);
	if (st != GL_OK)
		return st;
	if (t->cache_off + t->cache_n > n)
		rows_clear(t);  /* the list is shorter than it was when they were fetched */
	t->nrows = n < 0 ? 0 : n;
	t->more = false;
	keep_visible(t);
	if (t->grown)
		t->grown(t->fetch_ctx, t);
	return GL_OK;
}

void gl_table_place(struct gl_table *t, int64_t at, int64_t truly, int64_t nrows)
{
	int64_t d = truly - at;
	t->cursor += d;
	t->top += d;
	t->cache_off += d;
	t->nrows = nrows < 0 ? 0 : nrows;
	t->more = false;
	t->unplaced = false;
	t->known = 0;
	if (t->cache_off < 0 || t->cache_off + t->cache_n > t->nrows)
		rows_clear(t);  /* cannot be, when the count was of the rows shown */
	keep_visible(t);
	if (t->grown)
		t->grown(t->fetch_ctx, t);
}

void gl_table_renumber(struct gl_table *t, int64_t first, int64_t nrows, bool more)
{
	int64_t d = -first;
	t->cursor += d;
	t->top += d;
	t->cache_off += d;
	t->nrows = nrows < 0 ? 0 : nrows;
	t->more = more && t->nrows > 0;
	t->unplaced = false;
	t->known = 0;
	if (t->cache_off < 0 || t->cache_off + t->cache_n > t->nrows)
		rows_clear(t);
	keep_visible(t);
	if (t->grown)
		t->grown(t->fetch_ctx, t);
}

int64_t gl_table_rows_known(const struct gl_table *t)
{
	return t->unplaced ? t->known : t->nrows;
}

enum gl_status gl_table_ensure(struct gl_table *t, int64_t first, int64_t n,
	struct gl_error *err)
{
	if (first < 0)
		first = 0;
	if (first + n > t->nrows && !t->more)
		n = t->nrows - first;
	if (n <= 0 || !t->fetch)
		return GL_OK;
	if (first >= t->cache_off && first + n <= t->cache_off + t->cache_n)
		return GL_OK;
	int64_t page = t->page > 0 ? t->page : GL_TABLE_PAGE;
	int64_t off = first > page ? first - page : 0;
	int64_t limit = 3 * page;
	if (off + limit < first + n)
		limit = first + n - off + page;
	return fetch_window(t, off, limit, err);
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

const void *gl_table_selected_data(struct gl_table *t)
{
	const struct gl_trow *r = gl_table_selected(t);
	return r ? r->data : NULL;
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
	r->data = NULL;
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

void *gl_table_row_data(struct gl_table *t, struct gl_trow *row, size_t size)
{
	if (!row)
		return NULL;
	if (row->data && t->data_finish)
		t->data_finish(row->data);
	free(row->data);
	row->data = calloc(1, size ? size : 1);
	return row->data;
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

bool gl_table_select_id(struct gl_table *t, int64_t id)
{
	for (int i = 0; i < t->cache_n; i++) {
		if (t->cache[i].id == id) {
			gl_table_select(t, t->cache_off + i);
			return true;
		}
	}
	if (!t->fetch)
		return false;
	for (int64_t off = 0; off < t->nrows; off += 3 * GL_TABLE_PAGE) {
		if (off == t->cache_off && t->cache_n)
			continue;  /* searched above */
		if (fetch_window(t, off, 3 * GL_TABLE_PAGE, NULL) != GL_OK)
			return false;
		for (int i = 0; i < t->cache_n; i++) {
			if (t->cache[i].id == id) {
				gl_table_select(t, t->cache_off + i);
				return true;
			}
		}
	}
	return false;
}

/* A table whose end is not known fetches the window of the rows wanted up to row end, which
 * grows nrows to the rows found (or ends the list); a failure only stops the growth. */
static void grow_to(struct gl_table *t, int64_t end)
{
	int64_t h = t->view_height > 0 ? t->view_height : 1;
	if (t->more && end > t->nrows)
		gl_table_ensure(t, end - h > 0 ? end - h : 0, h, NULL);
}

void gl_table_scroll(struct gl_table *t, int64_t delta)
{
	int64_t h = t->view_height > 0 ? t->view_height : 1;
	if (delta > 0)
		grow_to(t, t->top + delta + h);
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

/* Without a column cursor, left and right scroll the columns shown when some are cut off. */
static unsigned scroll_columns(struct gl_table *t, enum gl_action act)
{
	if (act == GL_ACT_MOVE_RIGHT && t->more_right) {
		t->left = (t->left < t->frozen ? t->frozen : t->left) + 1;
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	if (act == GL_ACT_MOVE_LEFT && t->more_left) {
		t->left--;
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	return t->more_left || t->more_right ? GL_F_HANDLED : 0;
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
	case GL_ACT_MOVE_LAST:
		gl_table_count_all(t, NULL);  /* a table that cannot count stops at the rows found */
		t->cursor = t->nrows - 1;
		break;
	case GL_ACT_MOVE_LEFT:
	case GL_ACT_MOVE_RIGHT:
		if (t->col_cursor < 0)
			return scroll_columns(t, act);
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
	grow_to(t, (t->cursor > t->top ? t->cursor : t->top) + page + 1);
	keep_visible(t);
	bool changed = cursor != t->cursor || top != t->top || col != t->col_cursor;
	return GL_F_HANDLED | (changed ? GL_F_REDRAW : 0);
}

/* ---- Layout ---- */

void gl_table_layout_finish(struct gl_table_layout *L)
{
	free(L->x);
	free(L->w);
	free(L->shown);
	free(L->hidden);
	memset(L, 0, sizeof *L);
}

/* Width of columns [from, to] side by side with one column between each. */
static int span_width(const int *w, int from, int to)
{
	int total = 0;
	for (int c = from; c <= to; c++)
		total += w[c] + 1;
	return total;
}

/* Shrinks the flex columns, in order, until total fits width or each is at its floor: what
 * it keeps (keep) or 4 columns; returns the new total. */
static int shrink_flex(const struct gl_table *t, int *w, int total, int width, bool keep)
{
	int over = total - width;
	for (int c = 0; c < t->ncols && over > 0; c++) {
		if (!t->cols[c].flex || w[c] < 0)
			continue;
		int floor = 4;
		if (keep && t->cols[c].keep > floor)
			floor = t->cols[c].keep < t->cols[c].width ? t->cols[c].keep : t->cols[c].width;
		int can = w[c] - floor;
		int take = can < over ? can : over;
		if (take > 0) {
			w[c] -= take;
			over -= take;
			total -= take;
		}
	}
	return total;
}

enum gl_status gl_table_layout(struct gl_table *t, int width, struct gl_table_layout *L)
{
	int n = t->ncols;
	memset(L, 0, sizeof *L);
	L->ncols = n;
	L->x = calloc((size_t)n + 1, sizeof *L->x);
	L->w = calloc((size_t)n + 1, sizeof *L->w);
	L->shown = calloc((size_t)n + 1, sizeof *L->shown);
	L->hidden = calloc((size_t)n + 1, sizeof *L->hidden);
	int *w = calloc((size_t)n + 1, sizeof *w);
	if (!L->x || !L->w || !L->shown || !L->hidden || !w) {
		free(w);
		gl_table_layout_finish(L);
		return GL_ENOMEM;
	}
	int frozen = t->frozen < n ? t->frozen : n;
	int total = -1, flex = 0;
	for (int c = 0; c < n; c++) {
		w[c] = t->cols[c].width;
		total += w[c] + 1;
		flex += t->cols[c].flex;
	}
	bool *hid = L->hidden;
	if (total > width && t->col_cursor < 0) {
		/* before anything scrolls: flex columns shrink to what they keep, the columns that
		 * may hide give way by rank (a hidden column spans nothing: w -1 and no gap), then
		 * flex columns shrink towards 4 columns each */
		total = shrink_flex(t, w, total, width, true);
		while (total > width) {
			int pick = -1;
			for (int c = 0; c < n; c++)
				if (!hid[c] && t->cols[c].hide > 0 &&
					(pick < 0 || t->cols[c].hide >= t->cols[pick].hide))
					pick = c;
			if (pick < 0)
				break;
			hid[pick] = true;
			L->nhidden++;
			total -= w[pick] + 1;
			w[pick] = -1;
		}
		total = shrink_flex(t, w, total, width, false);
	}
	int first = frozen;  /* the first scrolling column shown */
	if (total > width && n > frozen) {
		int fixed = frozen ? span_width(w, 0, frozen - 1) : 0;
		if (t->left < frozen)
			t->left = frozen;
		if (t->left > n - 1)
			t->left = n - 1;
		first = t->left;
		/* keep the column cursor in view */
		if (t->col_cursor >= frozen && t->col_cursor < first)
			first = t->col_cursor;
		for (;;) {
			int cur = t->col_cursor >= first ? t->col_cursor : first;
			/* one column for '‹' when columns are cut off on the left, one for '›' */
			int need = fixed + (first > frozen ? 1 : 0) + span_width(w, first, cur) +
				(cur < n - 1 ? 1 : 0);
			if (need <= width + 1 || first >= cur)
				break;
			first++;
		}
		/* scrolled further than needed: show as many columns as fit up to the last */
		while (first > frozen && fixed + 1 + span_width(w, first - 1, n - 1) <= width + 1)
			first--;
		while (first < n - 1 && hid[first])
			first++;
		t->left = first;
	}
	int x = 0;
	bool cut_right = false;
	for (int c = frozen; c < first; c++)
		if (!hid[c])
			L->more_left = true;
	for (int c = 0; c < n; c++) {
		if (hid[c] || (c >= frozen && c < first))
			continue;
		if (c == first && L->more_left) {
			L->marker_left_x = x;
			x++;
		}
		if (x >= width) {
			cut_right = true;
			break;
		}
		bool last = true;  /* no column after it that could be shown */
		for (int d = c + 1; d < n && last; d++)
			last = hid[d];
		int room = width - x - (last ? 0 : 1);  /* keep one column for '›' */
		if (w[c] > room && c > first && c >= frozen) {
			cut_right = true;  /* a whole scrolling column does not fit: it waits */
			break;
		}
		L->shown[c] = true;
		L->x[c] = x;
		L->w[c] = w[c] < width - x ? w[c] : width - x;
		x += L->w[c] + 1;
	}
	for (int c = 0; c < n; c++)
		if (!L->shown[c] && !hid[c] && c >= first)
			cut_right = true;
	L->more_right = cut_right;
	/* what is left goes to the flex columns shown */
	int left = width - (x - 1) - (cut_right ? 1 : 0);
	int shown_flex = 0;
	for (int c = 0; c < n; c++)
		if (L->shown[c])
			shown_flex += t->cols[c].flex;
	if (left > 0 && shown_flex && !cut_right && !L->more_left) {
		int shift = 0, given = 0;
		for (int c = 0; c < n; c++) {
			if (!L->shown[c])
				continue;
			L->x[c] += shift;
			if (t->cols[c].flex) {
				given += t->cols[c].flex;
				int add = left * given / shown_flex - (left * (given - t->cols[c].flex) /
					shown_flex);
				L->w[c] += add;
				shift += add;
			}
		}
	}
	t->more_left = L->more_left;
	t->more_right = L->more_right;
	t->hidden = L->nhidden;
	free(w);
	return GL_OK;
}
