/* Coding in the reader: the cursor and selection, coding and removing spans, memos,
 * classification, the coder, and undo/redo of each user action as one step. */
#include "genomlys/app.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/queries.h"
#include "genomlys/utf8.h"
#include "app_internal.h"

int app_code_color(const char *color)
{
	int c;
	if (!color || !*color || !gl_color_parse(color, &c))
		return -1;
	return c;
}

/* ---- The coder ---- */

bool app_need_coder(struct gl_app *a, enum gl_action act)
{
	if (a->coder_set && a->coder_id > 0)
		return true;
	if (a->coder_set) {
		struct gl_error err = { 0 };
		if (gl_app_set_coder(a, a->coder, &err) == GL_OK)
			return true;
		app_error(a, &err);
		return false;
	}
	app_input_open(a, APP_P_CODER, _("Who is coding? Your name (it is recorded with every "
		"coding and memo):"), "");
	a->modal.resume = act;
	return false;
}

/* ---- Undo steps ---- */

enum gl_status app_step_begin(struct gl_app *a, struct gl_error *err)
{
	return gl_history_begin(a->history, err);
}

enum gl_status app_step_end(struct gl_app *a, enum gl_status st, struct gl_error *err,
	const char *fmt, ...)
{
	struct gl_str label = GL_STR_INIT;
	va_list ap;
	va_start(ap, fmt);
	gl_str_vprintf(&label, fmt, ap);
	va_end(ap);
	st = gl_history_end(a->history, gl_str_cstr(&label), st, err);
	gl_str_finish(&label);
	return st;
}

void app_changed(struct gl_app *a)
{
	gl_app_invalidate(a);
	struct gl_pane *p = &a->panes[GL_PANE_LETTERS];
	if (p->reading) {
		struct gl_error err = { 0 };
		if (app_letter_load(p, &err) != GL_OK)
			app_error(a, &err);
	}
}

unsigned app_undo(struct gl_app *a, bool redo)
{
	struct gl_error err = { 0 };
	const char *label = redo ? gl_history_redo_label(a->history)
		: gl_history_undo_label(a->history);
	if (!label) {
		gl_app_message(a, true, redo ? _("Nothing to redo") : _("Nothing to undo"));
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	char *copy = gl_strdup(label);
	enum gl_status st = redo ? gl_history_redo(a->history, &err)
		: gl_history_undo(a->history, &err);
	if (st != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, redo ? _("Redid: %s") : _("Undid: %s"), copy ? copy : "");
	free(copy);
	app_changed(a);
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* ---- The letter's codings ---- */

struct load {
	struct gl_letter_state *ls;
	size_t cap;
};

static char *text_of(const struct gl_value *v)
{
	return v->type == GL_VAL_TEXT ? gl_strdup(v->s) : NULL;
}

static int coding_row(void *ctx, const struct gl_row *row)
{
	struct load *l = ctx;
	struct gl_letter_state *ls = l->ls;
	const struct gl_value *v = row->values;
	if (ls->ncodings == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct gl_reader_coding *c = realloc(ls->codings, cap * sizeof *c);
		if (!c)
			return 1;
		ls->codings = c;
		l->cap = cap;
	}
	struct gl_reader_coding *c = &ls->codings[ls->ncodings++];
	memset(c, 0, sizeof *c);
	c->id = v[0].i;
	c->code_id = v[1].i;
	c->coder_id = v[2].i;
	c->start = v[3].i;
	c->end = v[4].i;
	c->code = text_of(&v[5]);
	c->name = text_of(&v[6]);
	c->coder = text_of(&v[7]);
	c->color = app_code_color(v[8].type == GL_VAL_TEXT ? v[8].s : NULL);
	c->slot = (int)(c->code_id % 6);
	c->memo = text_of(&v[9]);
	c->created_at = text_of(&v[10]);
	return 0;
}

enum gl_status app_letter_load(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct gl_letter_state *ls = &p->ls;
	gl_letter_state_clear(ls);
	struct load l = { ls, 0 };
	enum gl_status st = gl_query_letter_codings(a->store, p->doc.id,
		a->blind ? (a->coder_id > 0 ? a->coder_id : -1) : 0, coding_row, &l, err);
	if (a->blind && a->coder_id <= 0)
		gl_letter_state_clear(ls);  /* nobody's codings but one's own, and one has none */
	if (st != GL_OK)
		return st;
	/* bytes: the starts in one pass (they are sorted), each end from its start */
	struct gl_textpos pos = { 0, 0 };
	const char *t = p->doc.text;
	size_t len = p->doc.text_len;
	for (size_t i = 0; i < ls->ncodings; i++) {
		struct gl_reader_coding *c = &ls->codings[i];
		gl_textpos_move(t, len, &pos, gl_textpos_find(t, len, &pos, c->start));
		c->b0 = pos.byte;
		c->b1 = gl_textpos_find(t, len, &pos, c->end);
	}
	p->doc_codings = (int64_t)ls->ncodings;
	if (a->coder_id > 0)
		st = gl_query_letter_notes(a->store, p->doc.id, a->coder_id, &ls->classes,
			&ls->memos, err);
	return st;
}

/* ---- Cursor ---- */

static void cursor_to(struct gl_pane *p, size_t byte)
{
	gl_textpos_move(p->doc.text, p->doc.text_len, &p->ls.cursor, byte);
	gl_reader_show(&p->reader, p->ls.cursor.byte, p->text_height);
}

static void cursor_line(struct gl_pane *p, long n)
{
	struct gl_reader *r = &p->reader;
	struct gl_reader_line l;
	gl_reader_line_of(r, p->ls.cursor.byte, &l);
	int col = gl_reader_column(r, l.start, p->ls.cursor.byte);
	bool moved = false;
	for (; n > 0 && gl_reader_line_below(r, l.start, &l); n--)
		moved = true;
	for (; n < 0 && gl_reader_line_above(r, l.start, &l); n++)
		moved = true;
	if (moved)
		cursor_to(p, gl_reader_line_column(r, &l, col));
}

/* A short quote of a span for messages and undo labels. */
static void quote(const struct gl_pane *p, size_t b0, size_t b1, char *buf, size_t size)
{
	const char *t = p->doc.text;
	size_t n = b1 - b0, max = size > 8 ? size - 4 : 1;
	bool cut = n > max;
	if (cut) {
		n = max;
		while (n > 0 && ((unsigned char)t[b0 + n] & 0xc0) == 0x80)
			n--;
	}
	snprintf(buf, size, "%.*s%s", (int)n, t + b0, cut ? "…" : "");
	for (char *c = buf; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
}

static long coding_under_cursor(struct gl_pane *p)
{
	return gl_letter_coding_at(&p->ls, p->ls.cursor.byte);
}

static unsigned coding_jump(struct gl_pane *p, bool next)
{
	struct gl_letter_state *ls = &p->ls;
	long pick = -1;
	for (size_t i = 0; i < ls->ncodings; i++) {
		if (next && ls->codings[i].start > ls->cursor.cp) {
			pick = (long)i;
			break;
		}
		if (!next && ls->codings[i].start < ls->cursor.cp)
			pick = (long)i;
	}
	if (pick < 0) {
		gl_app_message(p->app, true, ls->ncodings ? (next ? _("No coding after the cursor")
			: _("No coding before the cursor")) : _("This letter has no codings"));
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	const struct gl_reader_coding *c = &ls->codings[pick];
	cursor_to(p, c->b0);
	gl_app_message(p->app, false, _("Coding %ld of %zu: %s (%s)"), pick + 1, ls->ncodings,
		c->code, c->coder);
	return GL_F_HANDLED | GL_F_REDRAW;
}

static int memo_row(void *ctx, const struct gl_row *row)
{
	struct gl_str *body = ctx;
	/* id, coder, text, created_at */
	const char *at = row->values[3].type == GL_VAL_TEXT ? row->values[3].s : "";
	/* "2026-03-01T09:30:12.345Z" as "2026-03-01 09:30" */
	gl_str_printf(body, "%s%s · %.10s %.5s\n%s\n", body->len ? "\n" : "",
		row->values[1].type == GL_VAL_TEXT ? row->values[1].s : "?", at,
		strlen(at) > 11 ? at + 11 : "", row->values[2].type == GL_VAL_TEXT ? row->values[2].s : "");
	return 0;
}

/* Enter away from any coding: the letter's memos, everyone's, oldest first. */
static unsigned letter_memos(struct gl_pane *p)
{
	struct gl_str body = GL_STR_INIT;
	struct gl_error err = { 0 };
	if (gl_query_memos(p->app->store, "document", p->doc.id, memo_row, &body, &err) != GL_OK)
		app_error(p->app, &err);
	else if (!body.len)
		gl_app_message(p->app, false, _("No coding at the cursor and no memo on this letter "
			"(n: the next coding, m: write a memo)"));
	else
		app_info_open(p->app, _("Memos on this letter"), gl_str_cstr(&body));
	gl_str_finish(&body);
	return GL_F_HANDLED | GL_F_REDRAW;
}

static unsigned coding_details(struct gl_pane *p)
{
	long i = coding_under_cursor(p);
	if (i < 0)
		return letter_memos(p);
	const struct gl_reader_coding *c = &p->ls.codings[i];
	struct gl_str body = GL_STR_INIT;
	char q[400];
	quote(p, c->b0, c->b1, q, sizeof q);
	gl_str_printf(&body, _("Code:   %s\nCoder:  %s\nTime:   %s\nSpan:   %lld:%lld\n"
		"Quote:  \"%s\"\nMemo:   %s"), c->code, c->coder, c->created_at ? c->created_at : "",
		(long long)c->start, (long long)c->end, q, c->memo ? c->memo : _("(none; m writes one)"));
	app_info_open(p->app, _("Coding"), gl_str_cstr(&body));
	gl_str_finish(&body);
	return GL_F_HANDLED | GL_F_REDRAW;
}

static unsigned uncode(struct gl_pane *p)
{
	long i = coding_under_cursor(p);
	if (i < 0) {
		gl_app_message(p->app, true, _("No coding at the cursor (n: the next one)"));
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	const struct gl_reader_coding *c = &p->ls.codings[i];
	char q[64], question[256];
	quote(p, c->b0, c->b1, q, sizeof q);
	snprintf(question, sizeof question, _("Remove the coding %s by %s on \"%s\"? (y/n)"),
		c->code, c->coder, q);
	app_confirm_open(p->app, APP_P_UNCODE, question);
	p->app->modal.target = c->id;
	return GL_F_HANDLED | GL_F_REDRAW;
}

static unsigned code_open(struct gl_pane *p)
{
	struct gl_app *a = p->app;
	struct gl_textpos s, e;
	if (!gl_selection_span(p->doc.text, p->doc.text_len, p->ls.selecting ? &p->ls.anchor : NULL,
		&p->ls.cursor, &s, &e)) {
		gl_app_message(a, true, p->ls.selecting ? _("The selection is empty")
			: _("Nothing to code here: v starts a selection"));
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	if (!app_need_coder(a, GL_ACT_CODE))
		return GL_F_HANDLED | GL_F_REDRAW;
	char q[48], title[160];
	quote(p, s.byte, e.byte, q, sizeof q);
	snprintf(title, sizeof title, _("Code \"%s\" as (type to filter, Enter applies, a new "
		"name creates the code)"), q);
	app_picker_open(a, APP_P_CODE_PICK, title, true);
	app_picker_codes(a, APP_CODES_CODABLE, 0);
	app_picker_filter(a);
	a->modal.target = s.cp;
	a->modal.target2 = e.cp;
	return GL_F_HANDLED | GL_F_REDRAW;
}

static unsigned memo_open(struct gl_pane *p)
{
	struct gl_app *a = p->app;
	if (!app_need_coder(a, GL_ACT_MEMO))
		return GL_F_HANDLED | GL_F_REDRAW;
	long i = coding_under_cursor(p);
	if (i >= 0) {
		const struct gl_reader_coding *c = &p->ls.codings[i];
		char title[160];
		snprintf(title, sizeof title, _("Memo on the coding %s by %s (C-s saves, Esc "
			"cancels)"), c->code, c->coder);
		app_memo_open(a, APP_P_MEMO_CODING, title, c->memo);
		a->modal.target = c->id;
	} else {
		app_memo_open(a, APP_P_MEMO_LETTER, _("Memo on this letter (C-s saves, Esc cancels)"),
			"");
		a->modal.target = p->doc.id;
	}
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* The values of exclusive categories: "Category > Value"; "Category > (none)" clears. */
struct class_pick {
	struct gl_app *a;
	int64_t category;
	const char *category_name;
};

static int class_row(void *ctx, const struct gl_row *row)
{
	struct class_pick *c = ctx;
	const struct gl_value *v = row->values;
	/* codes: id, uuid, parent_id, path, name, description, color, exclusive, value, codings */
	if (v[7].i && v[2].type == GL_VAL_NULL) {
		char label[300];
		snprintf(label, sizeof label, _("%s > (none)"), v[3].s);
		app_picker_add(c->a, -v[0].i, label, "");
		c->category = v[0].i;
	} else if (v[2].type == GL_VAL_INT && v[2].i == c->category && c->category) {
		char hint[32] = "";
		if (v[8].type != GL_VAL_NULL)
			snprintf(hint, sizeof hint, "%g", v[8].r);
		app_picker_add(c->a, v[0].i, v[3].s, hint);
	}
	return 0;
}

static unsigned classify_open(struct gl_pane *p)
{
	struct gl_app *a = p->app;
	if (!app_need_coder(a, GL_ACT_CLASSIFY))
		return GL_F_HANDLED | GL_F_REDRAW;
	app_picker_open(a, APP_P_CLASSIFY, _("Classify this letter (type a value or its number)"),
		false);
	struct class_pick c = { a, 0, NULL };
	struct gl_error err = { 0 };
	gl_store_list(a->store, GL_LIST_CODES, NULL, 0, 0, class_row, &c, &err);
	if (a->modal.nitems == 0) {
		app_modal_close(a);
		gl_app_message(a, true, _("The codebook has no exclusive category (codebook add NAME "
			"--exclusive)"));
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	app_picker_filter(a);
	a->modal.target = p->doc.id;
	return GL_F_HANDLED | GL_F_REDRAW;
}

static unsigned letter_step(struct gl_pane *p, int delta)
{
	struct gl_table *t = &p->tables[0];
	int64_t row = t->cursor + delta;
	if (row < 0 || row >= t->nrows) {
		gl_app_message(p->app, true, delta > 0 ? _("This is the last letter in the list")
			: _("This is the first letter in the list"));
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	gl_table_select(t, row);
	const struct gl_trow *r = gl_table_selected(t);
	if (!r)
		return GL_F_HANDLED | GL_F_REDRAW;
	return gl_app_open_letter(p->app, r->id, 0, 0);
}

unsigned gl_app_blind(struct gl_app *a, bool on)
{
	a->blind = on;
	app_changed(a);
	gl_app_message(a, false, on ? _("Blind mode: only your codings are shown") :
		_("Blind mode off: every coder's codings are shown"));
	return GL_F_HANDLED | GL_F_REDRAW;
}

unsigned app_reader_request(struct gl_pane *p, enum gl_action act)
{
	struct gl_reader *r = &p->reader;
	const char *t = p->doc.text;
	size_t len = p->doc.text_len, pos = p->ls.cursor.byte;
	long page = p->text_height > 1 ? p->text_height - 1 : 1;
	switch (act) {
	case GL_ACT_MOVE_DOWN: cursor_line(p, 1); break;
	case GL_ACT_MOVE_UP: cursor_line(p, -1); break;
	case GL_ACT_PAGE_DOWN:
		if (!gl_reader_at_end(r, p->text_height))
			gl_reader_scroll(r, page);
		cursor_line(p, page);
		break;
	case GL_ACT_PAGE_UP:
		gl_reader_scroll(r, -page);
		cursor_line(p, -page);
		break;
	case GL_ACT_MOVE_LEFT: cursor_to(p, gl_text_prev(t, len, pos)); break;
	case GL_ACT_MOVE_RIGHT: cursor_to(p, gl_text_next(t, len, pos)); break;
	case GL_ACT_MOVE_FIRST:
		gl_reader_home(r);
		cursor_to(p, 0);
		break;
	case GL_ACT_MOVE_LAST:
		gl_reader_end(r, p->text_height);
		cursor_to(p, len);
		break;
	case GL_ACT_WORD_NEXT: cursor_to(p, gl_text_word_next(t, len, pos)); break;
	case GL_ACT_WORD_PREV: cursor_to(p, gl_text_word_prev(t, len, pos)); break;
	case GL_ACT_SENTENCE_NEXT: cursor_to(p, gl_text_sentence_next(t, len, pos)); break;
	case GL_ACT_SENTENCE_PREV: cursor_to(p, gl_text_sentence_prev(t, len, pos)); break;
	case GL_ACT_PARAGRAPH_NEXT: cursor_to(p, gl_text_paragraph_next(t, len, pos)); break;
	case GL_ACT_PARAGRAPH_PREV: cursor_to(p, gl_text_paragraph_prev(t, len, pos)); break;
	case GL_ACT_SELECT:
		p->ls.selecting = !p->ls.selecting;
		p->ls.anchor = p->ls.cursor;
		break;
	case GL_ACT_BACK:
		if (p->ls.selecting) {
			p->ls.selecting = false;
			gl_app_message(p->app, false, _("Selection cancelled"));
		} else {
			app_reader_close(p);
		}
		break;
	case GL_ACT_ENTER: return coding_details(p);
	case GL_ACT_CODE: return code_open(p);
	case GL_ACT_CODING_NEXT: return coding_jump(p, true);
	case GL_ACT_CODING_PREV: return coding_jump(p, false);
	case GL_ACT_UNCODE: return uncode(p);
	case GL_ACT_MEMO: return memo_open(p);
	case GL_ACT_CLASSIFY: return classify_open(p);
	case GL_ACT_LETTER_NEXT: return letter_step(p, 1);
	case GL_ACT_LETTER_PREV: return letter_step(p, -1);
	case GL_ACT_BLIND: return gl_app_blind(p->app, !p->app->blind);
	case GL_ACT_SORT: break;
	default:
		return 0;
	}
	return GL_F_HANDLED | GL_F_REDRAW;
}

/* ---- Accepting the dialogs ---- */

static enum gl_status insert_coding(struct gl_app *a, struct gl_pane *p, int64_t code_id,
	struct gl_error *err)
{
	struct gl_coding k = { p->doc.id, code_id, a->coder_id, a->modal.target, a->modal.target2,
		NULL, NULL };
	return gl_store_coding_insert(a->store, &k, NULL, err);
}

static unsigned coded(struct gl_app *a, struct gl_pane *p, enum gl_status st,
	const struct gl_error *err, const char *code)
{
	if (st != GL_OK) {
		if (st == GL_EEXIST)
			gl_app_message(a, true, _("You have coded this text as %s already"), code);
		else
			app_error(a, err);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	p->ls.selecting = false;
	app_changed(a);
	gl_app_message(a, false, _("Coded as %s (u undoes)"), code);
	return GL_F_HANDLED | GL_F_REDRAW;
}

static const char *item_label(struct gl_app *a, int64_t id)
{
	for (size_t i = 0; i < a->modal.nitems; i++)
		if (a->modal.items[i].id == id)
			return a->modal.items[i].label;
	return "";
}

unsigned app_coding_accept(struct gl_app *a, int purpose, const char *text, int64_t id,
	bool is_new)
{
	struct gl_pane *p = &a->panes[GL_PANE_LETTERS];
	struct gl_error err = { 0 };
	enum gl_status st;
	switch (purpose) {
	case APP_P_CODER: {
		enum gl_action resume = a->modal.resume;
		app_modal_close(a);
		if (!*text) {
			gl_app_message(a, true, _("No coder chosen; nothing was coded"));
			return GL_F_HANDLED | GL_F_REDRAW;
		}
		if (gl_app_set_coder(a, text, &err) != GL_OK) {
			app_error(a, &err);
			return GL_F_HANDLED | GL_F_REDRAW;
		}
		gl_app_message(a, false, _("The active coder is now %s"), a->coder);
		app_changed(a);
		if (resume != GL_ACT_NONE)
			return gl_app_action(a, resume);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	case APP_P_CODE_PICK: {
		if (!p->reading)
			break;
		if (is_new) {
			int64_t s = a->modal.target, e = a->modal.target2;
			char *name = gl_strdup(text);
			char title[300];
			snprintf(title, sizeof title, _("The new code %s goes under (a new name creates "
				"the category)"), text);
			app_picker_open(a, APP_P_CODE_CATEGORY, title, true);
			app_picker_add(a, 0, _("(top level, no category)"), "");
			app_picker_codes(a, APP_CODES_CATEGORIES, 0);
			app_picker_filter(a);
			a->modal.pending = name;
			a->modal.target = s;
			a->modal.target2 = e;
			return GL_F_HANDLED | GL_F_REDRAW;
		}
		char *code = gl_strdup(item_label(a, id));
		st = app_step_begin(a, &err);
		if (st == GL_OK) {
			st = insert_coding(a, p, id, &err);
			st = app_step_end(a, st, &err, _("code %s"), code ? code : "");
		}
		app_modal_close(a);
		unsigned f = coded(a, p, st, &err, code ? code : "");
		free(code);
		return f;
	}
	case APP_P_CODE_CATEGORY: {
		if (!p->reading || !a->modal.pending)
			break;
		char *name = gl_strdup(a->modal.pending);
		struct gl_str path = GL_STR_INIT;
		st = app_step_begin(a, &err);
		if (st == GL_OK) {
			int64_t parent = id, code_id = 0;
			if (is_new) {
				struct gl_code cat = { .name = text };
				st = gl_store_code_insert(a->store, &cat, &parent, &err);
			}
			if (st == GL_OK) {
				struct gl_code c = { .parent_id = parent, .name = name };
				st = gl_store_code_insert(a->store, &c, &code_id, &err);
			}
			if (st == GL_OK)
				st = insert_coding(a, p, code_id, &err);
			if (parent)
				gl_str_printf(&path, "%s > %s", is_new ? text : item_label(a, parent), name);
			else
				gl_str_puts(&path, name);
			st = app_step_end(a, st, &err, _("code %s (new)"), gl_str_cstr(&path));
		}
		app_modal_close(a);
		unsigned f = coded(a, p, st, &err, gl_str_cstr(&path));
		gl_str_finish(&path);
		free(name);
		return f;
	}
	case APP_P_UNCODE: {
		int64_t cid = a->modal.target;
		app_modal_close(a);
		st = app_step_begin(a, &err);
		if (st == GL_OK) {
			st = gl_store_coding_delete(a->store, cid, &err);
			st = app_step_end(a, st, &err, _("remove coding %lld"), (long long)cid);
		}
		if (st != GL_OK)
			app_error(a, &err);
		else
			gl_app_message(a, false, _("Coding removed (u undoes)"));
		app_changed(a);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	case APP_P_MEMO_CODING:
	case APP_P_MEMO_LETTER: {
		int64_t target = a->modal.target;
		char *memo = gl_strdup(text);
		app_modal_close(a);
		st = app_step_begin(a, &err);
		if (st == GL_OK) {
			if (purpose == APP_P_MEMO_CODING)
				st = gl_store_coding_memo_set(a->store, target, memo, &err);
			else if (memo && *memo)
				st = gl_store_memo_insert(a->store, "document", target, a->coder_id, memo,
					NULL, &err);
			st = app_step_end(a, st, &err, purpose == APP_P_MEMO_CODING ? _("memo on a coding")
				: _("memo on the letter"));
		}
		if (st != GL_OK)
			app_error(a, &err);
		else if (purpose == APP_P_MEMO_LETTER && !(memo && *memo))
			gl_app_message(a, false, _("An empty memo is not saved"));
		else
			gl_app_message(a, false, _("Memo saved (u undoes)"));
		free(memo);
		app_changed(a);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	case APP_P_CLASSIFY: {
		int64_t doc = a->modal.target;
		char *label = gl_strdup(item_label(a, id));
		app_modal_close(a);
		int64_t category = 0, value = id;
		if (id < 0) {
			category = -id;
			value = 0;
		}
		st = app_step_begin(a, &err);
		if (st == GL_OK) {
			if (!category)  /* a value's category is its parent */
				st = gl_store_code_parent(a->store, value, &category, &err);
			if (st == GL_OK)
				st = gl_store_classify(a->store, doc, category, value, a->coder_id, NULL, &err);
			st = app_step_end(a, st, &err, _("classify as %s"), label ? label : "");
		}
		if (st != GL_OK)
			app_error(a, &err);
		else
			gl_app_message(a, false, _("Classified: %s (u undoes)"), label ? label : "");
		free(label);
		app_changed(a);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	default:
		break;
	}
	app_modal_close(a);
	return GL_F_HANDLED | GL_F_REDRAW;
}
