/* One letter side by side, a column per coder (app_compare.h). */
#include "genomlys/app_compare.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/app_table.h"
#include "genomlys/i18n.h"
#include "genomlys/str.h"
#include "genomlys/utf8.h"

void gl_compare_finish(struct gl_compare *c)
{
	if (!c)
		return;
	free(c->heading);
	free(c->text);
	for (size_t i = 0; i < c->ncoders; i++) {
		free(c->names[i]);
		free(c->spans[i]);
	}
	memset(c, 0, sizeof *c);
}

bool gl_compare_add_coder(struct gl_compare *c, const char *name)
{
	if (c->ncoders >= GL_COMPARE_MAX)
		return false;
	char *n = gl_strdup(name ? name : "?");
	if (!n)
		return false;
	c->names[c->ncoders] = n;
	c->spans[c->ncoders] = NULL;
	c->nspans[c->ncoders] = c->cap[c->ncoders] = 0;
	c->ncoders++;
	return true;
}

bool gl_compare_add_span(struct gl_compare *c, size_t coder, int64_t start, int64_t end)
{
	if (coder >= c->ncoders)
		return false;
	if (c->nspans[coder] == c->cap[coder]) {
		size_t cap = c->cap[coder] ? c->cap[coder] * 2 : 8;
		struct gl_span *p = realloc(c->spans[coder], cap * sizeof *p);
		if (!p)
			return false;
		c->spans[coder] = p;
		c->cap[coder] = cap;
	}
	c->spans[coder][c->nspans[coder]++] = (struct gl_span){ start, end };
	return true;
}

static int span_cmp(const void *a, const void *b)
{
	const struct gl_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* What the layout works on: the text's code points, and per coder which are coded and where
 * its merged spans start and end. */
struct grid {
	size_t n;             /* code points */
	size_t *off;          /* [n + 1] byte offsets */
	int32_t *cp;          /* [n] */
	unsigned char *count; /* [n] coders who coded the character */
	bool *cov[GL_COMPARE_MAX];     /* [n] */
	signed char *ev[GL_COMPARE_MAX];  /* [n + 1]: 1 a span starts, -1 one ends */
	bool *bound;          /* [n + 1]: some coder's span starts or ends before character i */
	size_t ncoders;
};

static void grid_free(struct grid *g)
{
	free(g->off);
	free(g->cp);
	free(g->count);
	for (size_t c = 0; c < g->ncoders; c++) {
		free(g->cov[c]);
		free(g->ev[c]);
	}
	free(g->bound);
}

static bool grid_build(const struct gl_compare *c, struct grid *g)
{
	memset(g, 0, sizeof *g);
	size_t cap = c->text_len + 1;
	g->off = malloc((cap + 1) * sizeof *g->off);
	g->cp = malloc(cap * sizeof *g->cp);
	if (!g->off || !g->cp)
		return false;
	for (size_t i = 0; i < c->text_len;) {
		int32_t cp;
		size_t k = gl_utf8_decode(c->text + i, c->text_len - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		g->off[g->n] = i;
		g->cp[g->n++] = cp;
		i += k;
	}
	g->off[g->n] = c->text_len;
	g->ncoders = c->ncoders;
	g->count = calloc(g->n + 1, 1);
	g->bound = calloc(g->n + 1, sizeof *g->bound);
	if (!g->count || !g->bound)
		return false;
	for (size_t k = 0; k < c->ncoders; k++) {
		g->cov[k] = calloc(g->n + 1, sizeof *g->cov[k]);
		g->ev[k] = calloc(g->n + 1, sizeof *g->ev[k]);
		if (!g->cov[k] || !g->ev[k])
			return false;
		size_t ns = c->nspans[k];
		struct gl_span *sp = malloc((ns ? ns : 1) * sizeof *sp);
		if (!sp)
			return false;
		size_t m = 0;
		for (size_t i = 0; i < ns; i++) {
			int64_t s = c->spans[k][i].start, e = c->spans[k][i].end;
			s = s < 0 ? 0 : s;
			e = e > (int64_t)g->n ? (int64_t)g->n : e;
			if (e > s)
				sp[m++] = (struct gl_span){ s, e };
		}
		qsort(sp, m, sizeof *sp, span_cmp);
		for (size_t i = 0; i < m;) {
			struct gl_span cur = sp[i++];
			while (i < m && sp[i].start <= cur.end) {
				if (sp[i].end > cur.end)
					cur.end = sp[i].end;
				i++;
			}
			g->ev[k][cur.start] = 1;
			g->ev[k][cur.end] = -1;
			g->bound[cur.start] = g->bound[cur.end] = true;
			for (int64_t p = cur.start; p < cur.end; p++) {
				g->cov[k][p] = true;
				g->count[p]++;
			}
		}
		free(sp);
	}
	return true;
}

static int cp_cols(int32_t cp)
{
	if (cp == '\t')
		return 1;
	int w = gl_utf8_cp_width(cp);
	return w < 0 ? 1 : w;
}

/* The end p1 of the row that starts at p0 at tw columns, and where the next one starts. A row
 * breaks after the last space that fits (the space is not drawn), a word longer than the row
 * is cut, '\n' ends a row. A row shows characters [p0, p1), each with the boundary cell before
 * it, and the cell at p1 when p1 is not shown on the next row (a space, '\n' or the end): one
 * column more than tw at most. */
static size_t row_end(const struct grid *g, size_t p0, int tw, size_t *next)
{
	int col = 0;
	size_t space = SIZE_MAX;
	for (size_t p = p0; p <= g->n; p++) {
		int w = g->bound[p] ? 1 : 0;
		if (p == g->n) {
			*next = g->n + 1;
			return p;
		}
		if (g->cp[p] == '\n') {
			*next = p + 1;
			return p;
		}
		w += cp_cols(g->cp[p]);
		if (col + w > tw && p > p0) {
			if (g->cp[p] == ' ') {
				*next = p + 1;
				return p;
			}
			if (space != SIZE_MAX) {
				*next = space + 1;
				return space;
			}
			*next = p;
			return p;
		}
		if (g->cp[p] == ' ')
			space = p;
		col += w;
	}
	*next = g->n + 1;
	return g->n;
}

/* Appends column k of the row [p0, p1) to line (with the cell at p1 when last_cell), padded to
 * tw columns; the coded characters marked (their bytes in the line). */
static bool put_column(const struct grid *g, const struct gl_compare *c, size_t k, size_t p0,
	size_t p1, bool last_cell, int tw, struct gl_str *line, struct gl_detail_mark **marks,
	size_t *nmarks, size_t *mcap)
{
	int col = 0;
	for (size_t p = p0; p <= p1 && p <= g->n; p++) {
		if (g->bound[p] && (p < p1 || last_cell)) {
			const char *m = g->ev[k][p] > 0 ? "[" : g->ev[k][p] < 0 ? "]" : " ";
			gl_str_puts(line, m);
			col++;
		}
		if (p >= p1 || p >= g->n)
			break;
		size_t from = line->len;
		if (g->cp[p] == '\t')
			gl_str_puts(line, " ");
		else
			gl_str_append(line, c->text + g->off[p], g->off[p + 1] - g->off[p]);
		col += cp_cols(g->cp[p]);
		if (g->cov[k][p]) {
			unsigned char style = g->count[p] == g->ncoders ? GL_CELL_CODED :
				GL_CELL_CODED_DIFF;
			struct gl_detail_mark *last = *nmarks ? &(*marks)[*nmarks - 1] : NULL;
			if (last && last->to == from && last->style == style) {
				last->to = line->len;
			} else {
				if (*nmarks == *mcap) {
					size_t cap = *mcap ? *mcap * 2 : 8;
					struct gl_detail_mark *v = realloc(*marks, cap * sizeof *v);
					if (!v)
						return false;
					*marks = v;
					*mcap = cap;
				}
				(*marks)[(*nmarks)++] = (struct gl_detail_mark){ from, line->len, style };
			}
		}
	}
	for (; col < tw; col++)
		gl_str_puts(line, " ");
	return line->buf != NULL;
}

/* text padded (or cut) to tw columns */
static void put_padded(struct gl_str *line, const char *text, int tw)
{
	int col = 0;
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t k = gl_utf8_decode(text + i, len - i, &cp);
		if (k == 0)
			break;
		int w = cp_cols(cp);
		if (col + w > tw)
			break;
		gl_str_append(line, text + i, k);
		col += w;
		i += k;
	}
	for (; col < tw; col++)
		gl_str_puts(line, " ");
}

enum gl_status gl_compare_layout(const struct gl_compare *c, int width, struct gl_detail *d)
{
	gl_detail_clear(d);
	struct grid g;
	enum gl_status st = GL_OK;
	struct gl_str line = GL_STR_INIT;
	struct gl_detail_mark *marks = NULL;
	size_t nmarks = 0, mcap = 0;
	if (c->ncoders == 0 || !grid_build(c, &g)) {
		if (c->ncoders)
			grid_free(&g);
		return c->ncoders ? GL_ENOMEM : GL_EINVAL;
	}
	int n = (int)c->ncoders;
	/* "≠ " then the columns, " │ " between them */
	int tw = (width - 2 - 3 * (n - 1)) / n;
	if (tw < 8)
		tw = 8;
	if (!gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", c->heading ? c->heading : "") ||
		!gl_detail_add(d, GL_CELL_DIM, 0, NULL, "%s", _("[ ]: coded by this coder · ≠: the "
		"coders differ in this row · Enter opens the letter there · Esc back"))) {
		st = GL_ENOMEM;
		goto out;
	}
	gl_str_puts(&line, "  ");
	for (int k = 0; k < n; k++) {
		if (k)
			gl_str_puts(&line, " │ ");
		put_padded(&line, c->names[k], tw);
	}
	if (!line.buf || !gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", gl_str_cstr(&line))) {
		st = GL_ENOMEM;
		goto out;
	}
	for (size_t p0 = 0; p0 <= g.n;) {
		size_t next, p1 = row_end(&g, p0, tw - 1, &next);
		bool last_cell = next > p1;
		bool differ = false;
		for (size_t p = p0; p < p1 && !differ; p++)
			differ = g.count[p] > 0 && g.count[p] < g.ncoders;
		gl_str_clear(&line);
		gl_str_puts(&line, differ ? "≠ " : "  ");
		nmarks = 0;
		for (int k = 0; k < n; k++) {
			if (k)
				gl_str_puts(&line, " │ ");
			if (!put_column(&g, c, (size_t)k, p0, p1, last_cell, tw, &line, &marks, &nmarks,
				&mcap)) {
				st = GL_ENOMEM;
				goto out;
			}
		}
		/* trailing spaces of the last column are not drawn */
		while (line.len && line.buf[line.len - 1] == ' ')
			line.len--;
		if (line.buf)
			line.buf[line.len] = '\0';
		struct gl_link link = { GL_LINK_LETTER, c->document_id, (int64_t)p0,
			(int64_t)(p1 > p0 ? p1 : p0) };
		struct gl_detail_line *l = line.buf ? gl_detail_add(d, GL_CELL_NORMAL, 0, &link, "%s",
			gl_str_cstr(&line)) : NULL;
		if (!l) {
			st = GL_ENOMEM;
			goto out;
		}
		l->own_style = true;
		for (size_t m = 0; m < nmarks; m++)
			if (marks[m].from < line.len &&
				!gl_detail_mark_add(l, marks[m].from, marks[m].to < line.len ? marks[m].to :
				line.len, marks[m].style)) {
				st = GL_ENOMEM;
				goto out;
			}
		if (next > g.n)
			break;
		p0 = next;
	}
	d->laid_width = width;
out:
	free(marks);
	gl_str_finish(&line);
	grid_free(&g);
	return st;
}
