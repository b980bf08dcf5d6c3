/* Text under the cursor: motions by character, word, sentence and paragraph over UTF-8, the
 * selection's span, fuzzy matching and the memo editor. Pure functions, no curses. */
#define _GNU_SOURCE  /* wcwidth */
#include "genomlys/app_coding.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "genomlys/app.h"
#include "genomlys/utf8.h"

static int32_t cp_at(const char *t, size_t len, size_t pos)
{
	int32_t cp = 0;
	if (pos >= len)
		return 0;
	if (!gl_utf8_decode(t + pos, len - pos, &cp))
		return (unsigned char)t[pos];
	return cp;
}

size_t gl_text_next(const char *t, size_t len, size_t pos)
{
	if (pos >= len)
		return len;
	pos++;
	while (pos < len && ((unsigned char)t[pos] & 0xc0) == 0x80)
		pos++;
	return pos;
}

size_t gl_text_prev(const char *t, size_t len, size_t pos)
{
	(void)len;
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)t[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

enum cls { CLS_SPACE, CLS_WORD, CLS_OTHER };

static bool is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 || cp == 0x2009 ||
		cp == 0x202f || cp == 0x3000;
}

/* Letters and digits; Latin, Greek and Cyrillic letters count whatever the locale. */
static bool is_word(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
			cp == '_';
	if (cp >= 0xc0 && cp < 0x530 && cp != 0xd7 && cp != 0xf7)
		return true;
	return iswalnum((wint_t)cp) != 0;
}

static enum cls cls_of(int32_t cp)
{
	return is_space(cp) ? CLS_SPACE : is_word(cp) ? CLS_WORD : CLS_OTHER;
}

size_t gl_text_word_next(const char *t, size_t len, size_t pos)
{
	if (pos >= len)
		return len;
	enum cls c = cls_of(cp_at(t, len, pos));
	if (c != CLS_SPACE) {
		if (c == CLS_OTHER)
			pos = gl_text_next(t, len, pos);  /* a mark or an emoji is a word of its own */
		else
			while (pos < len && cls_of(cp_at(t, len, pos)) == c)
				pos = gl_text_next(t, len, pos);
	}
	while (pos < len && cls_of(cp_at(t, len, pos)) == CLS_SPACE)
		pos = gl_text_next(t, len, pos);
	return pos;
}

size_t gl_text_word_prev(const char *t, size_t len, size_t pos)
{
	if (pos == 0)
		return 0;
	pos = gl_text_prev(t, len, pos);
	while (pos > 0 && cls_of(cp_at(t, len, pos)) == CLS_SPACE)
		pos = gl_text_prev(t, len, pos);
	enum cls c = cls_of(cp_at(t, len, pos));
	if (c != CLS_WORD)
		return pos;
	while (pos > 0) {
		size_t p = gl_text_prev(t, len, pos);
		if (cls_of(cp_at(t, len, p)) != c)
			break;
		pos = p;
	}
	return pos;
}

bool gl_text_word_at(const char *t, size_t len, size_t pos, size_t *b0, size_t *b1)
{
	if (pos >= len || !is_word(cp_at(t, len, pos)))
		return false;
	size_t s = pos, e = pos;
	while (s > 0) {
		size_t p = gl_text_prev(t, len, s);
		if (!is_word(cp_at(t, len, p)))
			break;
		s = p;
	}
	while (e < len && is_word(cp_at(t, len, e)))
		e = gl_text_next(t, len, e);
	*b0 = s;
	*b1 = e;
	return true;
}

static bool is_closer(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201d || cp == 0x2019 ||
		cp == 0xbb;
}

/* True when a sentence starts at pos: a non-space after a sentence end and white space, after
 * a blank line, or at the start of the text. */
static bool sentence_start(const char *t, size_t len, size_t pos)
{
	if (pos >= len || is_space(cp_at(t, len, pos)))
		return false;
	if (pos == 0)
		return true;
	size_t p = pos;
	int newlines = 0;
	bool spaced = false;
	while (p > 0) {
		size_t q = gl_text_prev(t, len, p);
		int32_t cp = cp_at(t, len, q);
		if (!is_space(cp))
			break;
		spaced = true;
		newlines += cp == '\n';
		p = q;
	}
	if (p == 0)
		return true;  /* only white space before */
	if (!spaced)
		return false;
	if (newlines >= 2)
		return true;
	p = gl_text_prev(t, len, p);
	while (p > 0 && is_closer(cp_at(t, len, p)))
		p = gl_text_prev(t, len, p);
	int32_t end = cp_at(t, len, p);
	return end == '.' || end == '!' || end == '?' || end == 0x2026;
}

size_t gl_text_sentence_next(const char *t, size_t len, size_t pos)
{
	while (pos < len) {
		pos = gl_text_next(t, len, pos);
		if (sentence_start(t, len, pos))
			return pos;
	}
	return len;
}

size_t gl_text_sentence_prev(const char *t, size_t len, size_t pos)
{
	while (pos > 0) {
		pos = gl_text_prev(t, len, pos);
		if (sentence_start(t, len, pos))
			return pos;
	}
	return 0;
}

/* True when a paragraph starts at pos: a non-space after a blank line or at the text's start. */
static bool paragraph_start(const char *t, size_t len, size_t pos)
{
	if (pos >= len || is_space(cp_at(t, len, pos)))
		return false;
	size_t p = pos;
	int newlines = 0;
	while (p > 0 && is_space(cp_at(t, len, p - 1))) {
		p--;
		newlines += t[p] == '\n';
	}
	return p == 0 || newlines >= 2;
}

size_t gl_text_paragraph_next(const char *t, size_t len, size_t pos)
{
	/* A blank line, then the first non-space after it. */
	while (pos < len) {
		const char *nl = memchr(t + pos, '\n', len - pos);
		if (!nl)
			return len;
		pos = (size_t)(nl - t) + 1;
		size_t p = pos;
		while (p < len && (t[p] == ' ' || t[p] == '\t' || t[p] == '\r'))
			p++;
		if (p < len && t[p] == '\n') {
			while (p < len && is_space(cp_at(t, len, p)))
				p = gl_text_next(t, len, p);
			return p;
		}
	}
	return len;
}

size_t gl_text_paragraph_prev(const char *t, size_t len, size_t pos)
{
	while (pos > 0) {
		pos = gl_text_prev(t, len, pos);
		if (paragraph_start(t, len, pos))
			return pos;
	}
	return 0;
}

void gl_textpos_move(const char *t, size_t len, struct gl_textpos *p, size_t byte)
{
	if (byte > len)
		byte = len;
	if (byte >= p->byte)
		p->cp += (int64_t)gl_utf8_count(t + p->byte, byte - p->byte);
	else
		p->cp -= (int64_t)gl_utf8_count(t + byte, p->byte - byte);
	p->byte = byte;
}

size_t gl_textpos_find(const char *t, size_t len, const struct gl_textpos *p, int64_t cp)
{
	size_t b = p->byte;
	int64_t c = p->cp;
	if (cp >= c) {
		return b + gl_utf8_offset(t + b, len - b, (size_t)(cp - c));
	}
	while (c > cp && b > 0) {
		b = gl_text_prev(t, len, b);
		c--;
	}
	return b;
}

bool gl_selection_span(const char *t, size_t len, const struct gl_textpos *anchor,
	const struct gl_textpos *cursor, struct gl_textpos *start, struct gl_textpos *end)
{
	if (!anchor) {
		size_t b0, b1;
		if (!gl_text_word_at(t, len, cursor->byte, &b0, &b1))
			return false;
		*start = *cursor;
		gl_textpos_move(t, len, start, b0);
		*end = *cursor;
		gl_textpos_move(t, len, end, b1);
		return true;
	}
	bool fwd = anchor->byte <= cursor->byte;
	*start = fwd ? *anchor : *cursor;
	*end = fwd ? *cursor : *anchor;
	while (start->byte < end->byte && is_space(cp_at(t, len, start->byte)))
		gl_textpos_move(t, len, start, gl_text_next(t, len, start->byte));
	while (end->byte > start->byte) {
		size_t p = gl_text_prev(t, len, end->byte);
		if (!is_space(cp_at(t, len, p)))
			break;
		gl_textpos_move(t, len, end, p);
	}
	return end->byte > start->byte;
}

/* ---- Fuzzy matching ---- */

int gl_fuzzy_score(const char *pattern, const char *text)
{
	size_t pl = strlen(pattern), tl = strlen(text);
	size_t pi = 0, ti = 0;
	int score = 0, run = 0;
	int32_t prev = ' ';
	if (pl == 0)
		return 0;
	while (pi < pl && ti < tl) {
		int32_t pc, tc;
		size_t pn = gl_utf8_decode(pattern + pi, pl - pi, &pc);
		size_t tn = gl_utf8_decode(text + ti, tl - ti, &tc);
		if (!pn || !tn)
			return -1;
		if (pc == ' ' && pi + pn < pl) {
			pi += pn;  /* a space in the pattern matches anywhere */
			continue;
		}
		if (pc == tc) {
			score += 1 + run * 4;
			if (!is_word(prev))
				score += 6;   /* the start of a word */
			if (ti == 0)
				score += 4;
			run++;
			pi += pn;
		} else {
			run = 0;
		}
		prev = tc;
		ti += tn;
	}
	if (pi < pl)
		return -1;
	/* shorter texts win among equals */
	return score * 4 - (int)(tl > 40 ? 40 : tl) / 4;
}

/* ---- The codings of the open letter ---- */

void gl_letter_state_clear(struct gl_letter_state *ls)
{
	for (size_t i = 0; i < ls->ncodings; i++) {
		struct gl_reader_coding *c = &ls->codings[i];
		free(c->code);
		free(c->name);
		free(c->coder);
		free(c->memo);
		free(c->created_at);
	}
	free(ls->codings);
	ls->codings = NULL;
	ls->ncodings = 0;
	ls->current = -1;
	ls->current_at = SIZE_MAX;
	gl_str_finish(&ls->classes);
	ls->memos = 0;
}

long gl_letter_coding_at(const struct gl_letter_state *ls, size_t b)
{
	long best = -1;
	for (size_t i = 0; i < ls->ncodings && ls->codings[i].b0 <= b; i++) {
		const struct gl_reader_coding *c = &ls->codings[i];
		if (b < c->b1 && (best < 0 || c->b1 - c->b0 <
			ls->codings[best].b1 - ls->codings[best].b0))
			best = (long)i;
	}
	return best;
}

long gl_letter_coding_current(const struct gl_letter_state *ls)
{
	if (ls->current >= 0 && (size_t)ls->current < ls->ncodings) {
		const struct gl_reader_coding *c = &ls->codings[ls->current];
		if ((ls->cursor.byte >= c->b0 && ls->cursor.byte < c->b1) ||
			ls->cursor.byte == ls->current_at)
			return ls->current;
	}
	return gl_letter_coding_at(ls, ls->cursor.byte);
}

long gl_letter_coding_step(const struct gl_letter_state *ls, int dir)
{
	long cur = ls->current;
	bool on = cur >= 0 && (size_t)cur < ls->ncodings &&
		ls->codings[cur].start == ls->cursor.cp;
	if (on) {
		long next = cur + (dir > 0 ? 1 : -1);
		return next >= 0 && (size_t)next < ls->ncodings ? next : -1;
	}
	/* away from the one n/N went to: the first starting after the cursor, or the last before */
	long pick = -1;
	for (size_t i = 0; i < ls->ncodings; i++) {
		if (dir > 0 && ls->codings[i].start > ls->cursor.cp)
			return (long)i;
		if (dir < 0 && ls->codings[i].start < ls->cursor.cp)
			pick = (long)i;
	}
	return pick;
}

/* ---- The memo editor ---- */

void gl_textedit_init(struct gl_textedit *e)
{
	gl_str_init(&e->text);
	e->cursor = 0;
}

void gl_textedit_finish(struct gl_textedit *e)
{
	gl_str_finish(&e->text);
	e->cursor = 0;
}

void gl_textedit_set(struct gl_textedit *e, const char *text)
{
	gl_str_clear(&e->text);
	gl_str_puts(&e->text, text ? text : "");
	e->cursor = e->text.len;
}

static size_t line_start(const char *t, size_t pos)
{
	while (pos > 0 && t[pos - 1] != '\n')
		pos--;
	return pos;
}

static size_t line_end(const char *t, size_t len, size_t pos)
{
	const char *nl = memchr(t + pos, '\n', len - pos);
	return nl ? (size_t)(nl - t) : len;
}

/* The byte in the line starting at ls that is col code points in (or the line's end). */
static size_t at_column(const char *t, size_t len, size_t ls, size_t col)
{
	size_t le = line_end(t, len, ls), p = ls;
	for (size_t i = 0; i < col && p < le; i++)
		p = gl_text_next(t, len, p);
	return p;
}

int gl_textedit_key(struct gl_textedit *e, int key)
{
	const char *t = gl_str_cstr(&e->text);
	size_t len = e->text.len;
	switch (key) {
	case 19:  /* C-s */
	case GL_KEY_M_ENTER:
		return GL_EDIT_ACCEPT;
	case GL_KEY_ESC:
	case 7:   /* C-g */
		return GL_EDIT_CANCEL;
	case GL_KEY_LEFT: e->cursor = gl_text_prev(t, len, e->cursor); break;
	case GL_KEY_RIGHT: e->cursor = gl_text_next(t, len, e->cursor); break;
	case GL_KEY_HOME: case 1: e->cursor = line_start(t, e->cursor); break;
	case GL_KEY_END: case 5: e->cursor = line_end(t, len, e->cursor); break;
	case GL_KEY_UP:
	case GL_KEY_DOWN: {
		size_t ls = line_start(t, e->cursor);
		size_t col = gl_utf8_count(t + ls, e->cursor - ls);
		if (key == GL_KEY_UP) {
			if (ls == 0)
				break;
			e->cursor = at_column(t, len, line_start(t, ls - 1), col);
		} else {
			size_t le = line_end(t, len, e->cursor);
			if (le >= len)
				break;
			e->cursor = at_column(t, len, le + 1, col);
		}
		break;
	}
	case GL_KEY_BACKSPACE:
	case GL_KEY_DELETE: {
		size_t a = e->cursor, b = e->cursor;
		if (key == GL_KEY_BACKSPACE)
			a = gl_text_prev(t, len, e->cursor);
		else
			b = gl_text_next(t, len, e->cursor);
		if (a == b)
			break;
		memmove(e->text.buf + a, e->text.buf + b, len - b + 1);
		e->text.len -= b - a;
		e->cursor = a;
		break;
	}
	default: {
		char u[4];
		size_t n;
		unsigned c = (unsigned)key;
		if (key == GL_KEY_ENTER)
			c = '\n';
		else if (key == GL_KEY_TAB)
			c = ' ';
		else if (key < 32 || key == 127 || key >= GL_KEY_BASE || (key >= 0xd800 && key < 0xe000))
			break;
		n = gl_utf8_encode((int32_t)c, u);
		if (n == 0)
			break;
		if (gl_str_reserve(&e->text, n) != GL_OK)
			break;
		memmove(e->text.buf + e->cursor + n, e->text.buf + e->cursor, len - e->cursor + 1);
		memcpy(e->text.buf + e->cursor, u, n);
		e->text.len += n;
		e->cursor += n;
		break;
	}
	}
	return GL_EDIT_CONTINUE;
}
