/* The detail view's model: lines with optional links and a cursor. */
#include "genomlys/app_detail.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void gl_detail_init(struct gl_detail *d)
{
	memset(d, 0, sizeof *d);
	gl_str_init(&d->title);
	d->view_height = 1;
}

void gl_detail_clear(struct gl_detail *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->lines[i].text);
		free(d->lines[i].marks);
	}
	d->n = 0;
}

void gl_detail_finish(struct gl_detail *d)
{
	gl_detail_clear(d);
	free(d->lines);
	gl_str_finish(&d->title);
	memset(d, 0, sizeof *d);
}

void gl_detail_set_title(struct gl_detail *d, const char *title)
{
	gl_str_clear(&d->title);
	gl_str_puts(&d->title, title ? title : "");
}

struct gl_detail_line *gl_detail_add(struct gl_detail *d, unsigned char style, int indent,
	const struct gl_link *link, const char *fmt, ...)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 32;
		struct gl_detail_line *v = realloc(d->lines, cap * sizeof *v);
		if (!v)
			return NULL;
		d->lines = v;
		d->cap = cap;
	}
	struct gl_str text = GL_STR_INIT;
	va_list ap;
	va_start(ap, fmt);
	enum gl_status st = gl_str_vprintf(&text, fmt, ap);
	va_end(ap);
	char *s = st == GL_OK ? gl_str_steal(&text) : NULL;
	gl_str_finish(&text);
	if (!s)
		s = strdup("");
	if (!s)
		return NULL;
	struct gl_detail_line *l = &d->lines[d->n++];
	memset(l, 0, sizeof *l);
	l->text = s;
	l->style = style;
	l->indent = indent;
	if (link)
		l->link = *link;
	return l;
}

bool gl_detail_mark_add(struct gl_detail_line *l, size_t from, size_t to, unsigned char style)
{
	struct gl_detail_mark *m = realloc(l->marks, (l->nmarks + 1) * sizeof *m);
	if (!m)
		return false;
	l->marks = m;
	m[l->nmarks++] = (struct gl_detail_mark){ from, to, style };
	return true;
}

const struct gl_detail_line *gl_detail_selected(const struct gl_detail *d)
{
	if (d->n == 0)
		return NULL;
	return &d->lines[d->cursor < d->n ? d->cursor : d->n - 1];
}

static bool has_links(const struct gl_detail *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->lines[i].link.kind != GL_LINK_NONE)
			return true;
	return false;
}

/* The next line with a link from i in direction dir (+1/-1); i itself when there is none. */
static size_t next_link(const struct gl_detail *d, size_t i, int dir)
{
	size_t j = i;
	while (dir > 0 ? j + 1 < d->n : j > 0) {
		j = dir > 0 ? j + 1 : j - 1;
		if (d->lines[j].link.kind != GL_LINK_NONE)
			return j;
	}
	return i;
}

unsigned gl_detail_move(struct gl_detail *d, enum gl_action act)
{
	size_t old = d->cursor, oldtop = d->top;
	size_t page = d->view_height > 1 ? (size_t)d->view_height - 1 : 1;
	bool links = has_links(d);
	if (d->n == 0)
		return act == GL_ACT_MOVE_DOWN || act == GL_ACT_MOVE_UP || act == GL_ACT_PAGE_DOWN ||
			act == GL_ACT_PAGE_UP || act == GL_ACT_MOVE_FIRST || act == GL_ACT_MOVE_LAST
			? GL_F_HANDLED : 0;
	switch (act) {
	case GL_ACT_MOVE_DOWN:
		if (links) {
			size_t j = next_link(d, d->cursor, 1);
			if (j != d->cursor)
				d->cursor = j;
			else if (d->top + page < d->n)
				d->top++;  /* no link below: scroll the text that is left */
		} else if (d->cursor + 1 < d->n) {
			d->cursor++;
		}
		break;
	case GL_ACT_MOVE_UP:
		if (links) {
			size_t j = next_link(d, d->cursor, -1);
			if (j != d->cursor)
				d->cursor = j;
			else if (d->top > 0)
				d->top--;
		} else if (d->cursor > 0) {
			d->cursor--;
		}
		break;
	case GL_ACT_PAGE_DOWN:
		d->cursor = d->cursor + page < d->n ? d->cursor + page : d->n - 1;
		d->top += page;
		if (d->top >= d->n)
			d->top = d->n - 1;
		break;
	case GL_ACT_PAGE_UP:
		d->cursor = d->cursor > page ? d->cursor - page : 0;
		d->top = d->top > page ? d->top - page : 0;
		break;
	case GL_ACT_MOVE_FIRST:
		d->cursor = links && d->lines[0].link.kind == GL_LINK_NONE ? next_link(d, 0, 1) : 0;
		d->top = 0;
		break;
	case GL_ACT_MOVE_LAST:
		d->cursor = d->n - 1;
		if (links && d->lines[d->cursor].link.kind == GL_LINK_NONE)
			d->cursor = next_link(d, d->cursor, -1);
		break;
	default:
		return 0;
	}
	if (d->cursor < d->top)
		d->top = d->cursor;
	return GL_F_HANDLED | (old != d->cursor || oldtop != d->top ? GL_F_REDRAW : 0);
}
