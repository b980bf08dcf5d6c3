/* Drawing coding: the reader with its cursor, selection, coloured codings and the margin of
 * codes beside each line (NVivo's coding stripes), and the dialogs over the panes. */
#define _GNU_SOURCE  /* wcwidth */
#include "ui_internal.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"

/* ---- Code colours ---- */

static void palette_rgb(int c, int *r, int *g, int *b)
{
	static const unsigned char base[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 }, { 0, 0, 238 },
		{ 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 }, { 127, 127, 127 },
		{ 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 }, { 92, 92, 255 }, { 255, 0, 255 },
		{ 0, 255, 255 }, { 255, 255, 255 } };
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	if (c < 16) {
		*r = base[c][0];
		*g = base[c][1];
		*b = base[c][2];
	} else if (c < 232) {
		c -= 16;
		*r = level[c / 36];
		*g = level[(c / 6) % 6];
		*b = level[c % 6];
	} else {
		*r = *g = *b = 8 + 10 * (c - 232);
	}
}

/* A colour pair with the code's colour behind black or white text, whichever reads better. */
static short code_pair(struct ui *ui, int color)
{
	if (color < 0 || color > 255 || COLOR_PAIRS <= GL_EL_COUNT + 1 + 256)
		return 0;
	if (!ui->code_pairs[color]) {
		int r, g, b;
		palette_rgb(color, &r, &g, &b);
		int fg = 299 * r + 587 * g + 114 * b > 128000 ? COLOR_BLACK : COLOR_WHITE;
		int bg = gl_color_reduce(color, COLORS);
		if (bg >= COLORS)
			return 0;
		short pair = (short)(GL_EL_COUNT + 1 + color);
		if (init_pair(pair, (short)fg, (short)bg) != OK)
			return 0;
		ui->code_pairs[color] = pair;
	}
	return ui->code_pairs[color];
}

/* Sets the attributes of a coding's text; deeper overlaps are bold. */
static void set_code(struct ui *ui, const struct gl_reader_coding *c, int depth)
{
	attr_t extra = depth > 1 ? A_BOLD : 0;
	enum gl_theme_element e = (enum gl_theme_element)(GL_EL_CODE_1 + c->slot);
	if (ui->color && c->color >= 0) {
		short pair = code_pair(ui, c->color);
		if (pair) {
			attr_set(extra, pair, NULL);
			return;
		}
	}
	/* without colour the theme's code.N keeps an underline */
	ui_set_el(ui, e, extra);
}

/* ---- The reader ---- */

struct line_codings {
	size_t v[64];  /* indices of the codings on the line */
	size_t n;
};

static void codings_on(const struct gl_letter_state *ls, size_t b0, size_t b1,
	struct line_codings *out)
{
	out->n = 0;
	for (size_t i = 0; i < ls->ncodings && ls->codings[i].b0 <= b1; i++) {
		const struct gl_reader_coding *c = &ls->codings[i];
		if (c->b1 > b0 && (c->b0 < b1 || (c->b0 == b1 && b0 == b1)) &&
			out->n < sizeof out->v / sizeof out->v[0])
			out->v[out->n++] = i;
	}
}

static void draw_margin(struct ui *ui, const struct gl_letter_state *ls,
	const struct line_codings *lc, int y, int x, int w)
{
	int used = 0;
	int64_t seen[64];
	size_t nseen = 0;
	for (size_t k = 0; k < lc->n; k++) {
		const struct gl_reader_coding *c = &ls->codings[lc->v[k]];
		bool dup = false;
		for (size_t j = 0; j < nseen; j++)
			dup = dup || seen[j] == c->code_id;
		if (dup)
			continue;
		seen[nseen++] = c->code_id;
	}
	/* with more than one coder on the letter, each code says whose it is: "Trygghet A·B" */
	bool many = false;
	for (size_t i = 1; i < ls->ncodings && !many; i++)
		many = ls->codings[i].coder_id != ls->codings[0].coder_id;
	for (size_t j = 0; j < nseen; j++) {
		const struct gl_reader_coding *c = NULL;
		struct gl_str label = GL_STR_INIT;
		for (size_t k = 0; k < lc->n; k++) {
			const struct gl_reader_coding *k1 = &ls->codings[lc->v[k]];
			if (k1->code_id != seen[j])
				continue;
			if (!c) {
				c = k1;
				gl_str_puts(&label, c->name ? c->name : "?");
				if (many)
					gl_str_putc(&label, ' ');
			}
			if (many && k1->coder) {
				/* the coder's first character, once per coder */
				int32_t cp;
				size_t n = gl_utf8_decode(k1->coder, strlen(k1->coder), &cp);
				char initial[8];
				snprintf(initial, sizeof initial, "%.*s", (int)(n ? n : 1), k1->coder);
				bool dup = false;
				for (size_t q = 0; q < k && !dup; q++) {
					const struct gl_reader_coding *k2 = &ls->codings[lc->v[q]];
					dup = k2->code_id == seen[j] && k2->coder_id == k1->coder_id;
				}
				if (!dup)
					gl_str_printf(&label, "%s%s", label.buf[label.len - 1] == ' ' ? "" : "·",
						initial);
			}
		}
		const char *name = gl_str_cstr(&label);
		int nw = ui_text_width(name);
		int left = (int)(nseen - j);
		char more[16];
		snprintf(more, sizeof more, "+%d", left);
		if (used + nw > w) {
			if (used == 0) {
				/* the first code always shows, cut, with the count of the others after it */
				int room = left > 1 ? w - (int)strlen(more) - 1 : w;
				set_code(ui, c, 1);
				used += ui_put(y, x, room, name, label.len, true);
				if (left > 1) {
					snprintf(more, sizeof more, "+%d", left - 1);
					ui_set_el(ui, GL_EL_LIST_EMPTY, 0);
					ui_put(y, x + used + 1, w - used - 1, more, strlen(more), false);
				}
			} else {
				ui_set_el(ui, GL_EL_LIST_EMPTY, 0);
				if (used + (int)strlen(more) <= w)
					ui_put(y, x + used, w - used, more, strlen(more), false);
				else
					ui_put(y, x + w - 1, 1, "…", strlen("…"), false);
			}
			gl_str_finish(&label);
			break;
		}
		set_code(ui, c, 1);
		used += ui_put(y, x + used, w - used, name, label.len, false);
		gl_str_finish(&label);
		if (used < w) {
			ui_set_el(ui, GL_EL_READER_TEXT, 0);
			mvaddch(y, x + used, ' ');
			used++;
		}
	}
}

void ui_draw_reader(struct ui *ui, struct gl_letter_view *p, int y0, int h)
{
	struct gl_app *a = ui->app;
	const struct gl_document *d = &p->doc;
	const struct gl_letter_state *ls = &p->ls;
	ui->reader_cursor_y = -1;
	for (int row = 0; row < h; row++)
		ui_fill(ui, y0 + row, 0, COLS, GL_EL_NORMAL, 0);
	struct gl_str head = GL_STR_INIT;
	gl_str_printf(&head, "%s", d->title ? d->title : d->source ? d->source : "");
	ui_set_el(ui, GL_EL_READER_HEADER, 0);
	ui_put(y0, 1, COLS - 2, gl_str_cstr(&head), head.len, true);
	gl_str_clear(&head);
	gl_str_printf(&head, "%s · %s", d->school ? d->school : "", d->group ? d->group : "");
	if (d->author)
		gl_str_printf(&head, " · %s", d->author);
	if (d->date)
		gl_str_printf(&head, " · %s", d->date);
	gl_str_printf(&head, " · ");
	gl_str_printf(&head, ngettext("%lld character", "%lld characters",
		(unsigned long)d->length), (long long)d->length);
	gl_str_printf(&head, " · ");
	gl_str_printf(&head, ngettext("%lld coding", "%lld codings", (unsigned long)p->codings),
		(long long)p->codings);
	if (a->blind)
		gl_str_puts(&head, _(" (blind: yours only)"));
	if (ls->classes.len)
		gl_str_printf(&head, " · %s", gl_str_cstr(&ls->classes));
	if (ls->memos)
		gl_str_printf(&head, ngettext(" · %lld memo", " · %lld memos", (unsigned long)ls->memos),
			(long long)ls->memos);
	ui_set_el(ui, GL_EL_CAPTION, 0);
	ui_put(y0 + 1, 1, COLS - 2, gl_str_cstr(&head), head.len, true);
	gl_str_finish(&head);
	int top = y0 + 3, rows = h - 3;
	if (rows < 1)
		return;
	/* A margin of two columns each side; lines no wider than 100 for reading; the codes'
	 * margin at the right when the letter has codings. */
	int margin = ls->ncodings && COLS >= 70 ? (COLS >= 110 ? 24 : 18) : 0;
	int width = COLS - 4 - (margin ? margin + 1 : 0);
	if (width > 100)
		width = 100;
	p->text_height = rows;
	gl_reader_set_width(&p->reader, width);
	struct gl_reader_line *lines = calloc((size_t)rows, sizeof *lines);
	if (!lines)
		return;
	int n = gl_reader_lines(&p->reader, lines, rows);
	size_t nterms = 0;
	char **terms = gl_search_terms(a->search, &nterms);
	/* the selection as it will be coded: without the white space at its ends */
	size_t sel0 = 0, sel1 = 0;
	struct gl_textpos s0, s1;
	if (ls->selecting && gl_selection_span(d->text, d->text_len, &ls->anchor, &ls->cursor, &s0,
		&s1)) {
		sel0 = s0.byte;
		sel1 = s1.byte;
	}
	const char *t = p->reader.text;
	size_t len = p->reader.len;
	struct line_codings lc;
	for (int i = 0; i < n; i++) {
		size_t b0 = lines[i].start, end = lines[i].end;
		size_t shown = end;
		while (shown > b0 && t[shown - 1] == ' ')
			shown--;
		codings_on(ls, b0, end, &lc);
		int col = 0, y = top + i;
		size_t b = b0;
		while (b < shown) {
			int32_t cp;
			size_t k = gl_utf8_decode(t + b, len - b, &cp);
			if (k == 0)
				k = 1;
			/* the innermost coding here, and how many cover it */
			const struct gl_reader_coding *c = NULL;
			int depth = 0;
			for (size_t j = 0; j < lc.n; j++) {
				const struct gl_reader_coding *x = &ls->codings[lc.v[j]];
				if (b >= x->b0 && b < x->b1) {
					depth++;
					if (!c || x->b1 - x->b0 < c->b1 - c->b0)
						c = x;
				}
			}
			attr_t extra = 0;
			if (ls->selecting && b >= sel0 && b < sel1)
				extra |= A_REVERSE;
			if (c)
				set_code(ui, c, depth);
			else
				ui_set_el(ui, GL_EL_READER_TEXT, 0);
			if (extra)
				attr_on(extra, NULL);
			int w = ui_put(y, 2 + col, width - col, t + b, k, false);
			if (b == ls->cursor.byte) {
				ui->reader_cursor_y = y;
				ui->reader_cursor_x = 2 + col;
				mvchgat(y, 2 + col, w > 0 ? w : 1, A_REVERSE, 0, NULL);
				if (c || extra)
					mvchgat(y, 2 + col, w > 0 ? w : 1, A_REVERSE | A_UNDERLINE, 0, NULL);
			}
			col += w;
			b += k;
		}
		/* the cursor after the line's last character (a line end, the text's end) */
		if (ls->cursor.byte >= shown && ls->cursor.byte <= end && ui->reader_cursor_y < 0 &&
			(ls->cursor.byte < end || end == p->reader.len || t[end] == '\n' ||
			i + 1 == n) && col < width) {
			ui->reader_cursor_y = y;
			ui->reader_cursor_x = 2 + col;
			ui_set_el(ui, GL_EL_READER_TEXT, A_REVERSE);
			mvaddch(y, 2 + col, ' ');
		}
		if (nterms)
			ui_draw_matches(ui, y, 2, width, t + b0, shown - b0, terms, nterms);
		if (margin && lc.n)
			draw_margin(ui, ls, &lc, y, 2 + width + 2, COLS - (2 + width + 2) - 1);
	}
	gl_strv_free(terms, nterms);
	free(lines);
}

/* ---- Dialogs ---- */

/* Draws text wrapped into rows [y, y + h) at x, w wide; returns the rows used. With cursor
 * (a byte offset) the terminal cursor goes there. */
static int wrap_text(struct ui *ui, const char *text, size_t len, int y, int x, int w, int h,
	size_t cursor, bool want_cursor, int skip)
{
	int row = 0, col = 0;
	size_t b = 0;
	int cy = -1, cx = 0;
	while (b <= len) {
		if (want_cursor && b == cursor) {
			cy = row;
			cx = col;
		}
		if (b == len)
			break;
		int32_t cp;
		size_t k = gl_utf8_decode(text + b, len - b, &cp);
		if (k == 0)
			k = 1;
		if (cp == '\n') {
			row++;
			col = 0;
			b += k;
			continue;
		}
		int cw = gl_utf8_cp_width(cp);
		/* a message (no cursor) breaks before a word that does not fit, not inside it */
		if (!want_cursor && cp != ' ' && col > 0 && b > 0 && text[b - 1] == ' ') {
			int ww = 0;
			for (size_t e = b; e < len && text[e] != ' ' && text[e] != '\n';) {
				int32_t c2;
				size_t k2 = gl_utf8_decode(text + e, len - e, &c2);
				ww += gl_utf8_cp_width(c2);
				e += k2 ? k2 : 1;
			}
			if (col + ww > w && ww <= w) {
				row++;
				col = 0;
			}
		}
		if (col + cw > w) {
			row++;
			col = 0;
		}
		if (row - skip >= 0 && row - skip < h)
			ui_put(y + row - skip, x + col, w - col, text + b, k, false);
		col += cw;
		b += k;
	}
	if (want_cursor && cy >= 0) {
		if (cy - skip >= h)
			return -(cy - h + 1) - 1;  /* scroll: tell the caller how far */
		if (cy - skip >= 0)
			move(y + cy - skip, x + cx);
	}
	return row + 1;
}

void ui_draw_modal(struct ui *ui)
{
	struct gl_modal *m = &ui->app->modal;
	int w = COLS - 4 > 96 ? 96 : COLS - 4;
	int x = (COLS - w) / 2;
	int body = 1;
	size_t rows = 0;
	bool offer = false;
	if (m->kind == GL_MODAL_PICKER) {
		offer = gl_modal_offers_new(m);
		rows = m->nshown + (offer ? 1 : 0);
		body = 1 + (int)(rows < 10 ? (rows ? rows : 1) : 10);
	} else if (m->kind == GL_MODAL_MEMO) {
		body = 8;
	} else if (m->kind == GL_MODAL_CONFIRM || m->kind == GL_MODAL_INFO) {
		body = 1;
		for (const char *s = gl_str_cstr(&m->body); *s; s++)
			body += *s == '\n';
		body += ui_text_width(gl_str_cstr(&m->body)) / (w - 2);
		/* at least the rows the wrapped text takes (h 0: counts, draws nothing) */
		int need = wrap_text(ui, gl_str_cstr(&m->body), m->body.len, 0, 0, w - 4, 0, 0, false,
			0);
		if (body < need)
			body = need;
	}
	int h = body + 2;
	if (h > LINES - 3)
		h = LINES - 3;
	int y = LINES - 1 - h;
	/* the frame: a title row, the body, a row of hints */
	ui_fill(ui, y, x, w, GL_EL_LIST_HEADER_ACTIVE, 0);
	ui_set_el(ui, GL_EL_LIST_HEADER_ACTIVE, 0);
	ui_put(y, x + 1, w - 2, gl_str_cstr(&m->title), m->title.len, true);
	for (int r = 1; r < h; r++)
		ui_fill(ui, y + r, x, w, GL_EL_NORMAL, 0);
	ui_fill(ui, y + h - 1, x, w, GL_EL_STATUS, 0);
	ui_set_el(ui, GL_EL_STATUS, 0);
	const char *hint = "";
	switch (m->kind) {
	case GL_MODAL_PICKER: hint = _("type to filter · ↑/↓ choose · Enter apply · Esc cancel"); break;
	case GL_MODAL_INPUT: hint = _("Enter accept · Esc cancel"); break;
	case GL_MODAL_CONFIRM: hint = _("y yes · n or Esc no"); break;
	case GL_MODAL_MEMO: hint = _("C-s or Esc Enter save · Esc cancel"); break;
	case GL_MODAL_INFO: hint = _("any key closes"); break;
	case GL_MODAL_NONE: break;
	}
	ui_put(y + h - 1, x + 1, w - 2, hint, strlen(hint), true);
	int inner = h - 2;
	if (m->kind == GL_MODAL_PICKER || m->kind == GL_MODAL_INPUT) {
		const char *text = gl_str_cstr(&m->edit.text);
		ui_set_el(ui, GL_EL_PROMPT, 0);
		ui_put(y + 1, x + 1, 2, "> ", 2, false);
		ui_put(y + 1, x + 3, w - 4, text, m->edit.text.len, false);
		int cx = x + 3 + (int)gl_utf8_width(text, m->edit.cursor);
		if (m->kind == GL_MODAL_PICKER) {
			int list = inner - 1;
			if (list < 1)
				list = 1;
			if (m->cursor < m->top)
				m->top = m->cursor;
			if (m->cursor >= m->top + (size_t)list)
				m->top = m->cursor - (size_t)list + 1;
			if (rows == 0) {
				ui_set_el(ui, GL_EL_LIST_EMPTY, 0);
				const char *none = _("nothing matches");
				ui_put(y + 2, x + 3, w - 4, none, strlen(none), true);
			}
			for (int r = 0; r < list && m->top + (size_t)r < rows; r++) {
				size_t i = m->top + (size_t)r;
				bool sel = i == m->cursor;
				if (sel)
					ui_fill(ui, y + 2 + r, x, w, GL_EL_LIST_SELECTED, 0);
				ui_set_el(ui, sel ? GL_EL_LIST_SELECTED : GL_EL_NORMAL, 0);
				if (i < m->nshown) {
					const struct gl_pick_item *it = &m->items[m->shown[i]];
					int hw = ui_text_width(it->hint);
					ui_put(y + 2 + r, x + 3, w - 6 - hw, it->label, strlen(it->label), true);
					if (!sel)
						ui_set_el(ui, GL_EL_LIST_EMPTY, 0);
					ui_put(y + 2 + r, x + w - 2 - hw, hw, it->hint, strlen(it->hint), false);
				} else {
					struct gl_str nl = GL_STR_INIT;
					gl_str_printf(&nl, _("+ new: %s"), text);
					ui_put(y + 2 + r, x + 3, w - 6, gl_str_cstr(&nl), nl.len, true);
					gl_str_finish(&nl);
				}
			}
		}
		move(y + 1, cx < x + w - 1 ? cx : x + w - 1);
	} else if (m->kind == GL_MODAL_CONFIRM || m->kind == GL_MODAL_INFO) {
		ui_set_el(ui, GL_EL_NORMAL, 0);
		wrap_text(ui, gl_str_cstr(&m->body), m->body.len, y + 1, x + 2, w - 4, inner, 0, false,
			0);
	} else if (m->kind == GL_MODAL_MEMO) {
		ui_set_el(ui, GL_EL_NORMAL, 0);
		const char *text = gl_str_cstr(&m->memo.text);
		int skip = 0;
		int r = wrap_text(ui, text, m->memo.text.len, y + 1, x + 2, w - 4, inner,
			m->memo.cursor, true, 0);
		if (r < 0) {
			skip = -r - 1;
			for (int k = 1; k <= inner; k++)
				ui_fill(ui, y + k, x, w, GL_EL_NORMAL, 0);
			ui_set_el(ui, GL_EL_NORMAL, 0);
			wrap_text(ui, text, m->memo.text.len, y + 1, x + 2, w - 4, inner, m->memo.cursor,
				true, skip);
		}
	}
}
