/* The letter view: the reader's cursor and selection, the letter's codings, and coding,
 * removing, memos and classification on it, each one undoable step. */
#include "genomlys/app_letter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/app.h"
#include "genomlys/i18n.h"
#include "genomlys/queries.h"
#include "app_internal.h"

void gl_letter_view_init(struct gl_letter_view *v, struct gl_app *a)
{
	memset(v, 0, sizeof *v);
	v->app = a;
	v->ls.current = -1;
	v->ls.current_at = SIZE_MAX;
	gl_reader_init(&v->reader);
	v->text_height = 20;
}

void gl_letter_view_close(struct gl_letter_view *v)
{
	if (!v->open)
		return;
	gl_reader_set_text(&v->reader, NULL, 0);
	gl_letter_state_clear(&v->ls);
	v->ls.selecting = false;
	gl_document_finish(&v->doc);
	v->codings = 0;
	v->open = false;
	v->from_link = false;
}

void gl_letter_view_finish(struct gl_letter_view *v)
{
	gl_letter_view_close(v);
	gl_reader_finish(&v->reader);
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

/* After a reload: the coding just made is the current one while the cursor stays where the
 * selection ended (just past it, where e attached a longer coding around it instead). */
static void take_just_coded(struct gl_letter_view *v)
{
	for (size_t i = 0; v->just_coded > 0 && i < v->ls.ncodings; i++)
		if (v->ls.codings[i].id == v->just_coded) {
			v->ls.current = (long)i;
			v->ls.current_at = v->ls.cursor.byte;
		}
	v->just_coded = 0;
}

enum gl_status gl_letter_view_reload(struct gl_letter_view *v, struct gl_error *err)
{
	struct gl_app *a = v->app;
	struct gl_letter_state *ls = &v->ls;
	gl_letter_state_clear(ls);
	if (!v->open)
		return GL_OK;
	struct load l = { ls, 0 };
	enum gl_status st = gl_query_letter_codings(a->store, v->doc.id,
		a->blind ? (a->coder_id > 0 ? a->coder_id : -1) : 0, coding_row, &l, err);
	if (a->blind && a->coder_id <= 0)
		gl_letter_state_clear(ls);  /* nobody's codings but one's own, and one has none */
	if (st != GL_OK)
		return st;
	/* bytes: the starts in one pass (they are sorted), each end from its start */
	struct gl_textpos pos = { 0, 0 };
	const char *t = v->doc.text;
	size_t len = v->doc.text_len;
	for (size_t i = 0; i < ls->ncodings; i++) {
		struct gl_reader_coding *c = &ls->codings[i];
		gl_textpos_move(t, len, &pos, gl_textpos_find(t, len, &pos, c->start));
		c->b0 = pos.byte;
		c->b1 = gl_textpos_find(t, len, &pos, c->end);
	}
	v->codings = (int64_t)ls->ncodings;
	take_just_coded(v);
	/* every coder's classification, unless blind: then one's own only */
	if (!a->blind)
		st = gl_query_letter_notes(a->store, v->doc.id, 0, &ls->classes, &ls->memos, err);
	else if (a->coder_id > 0)
		st = gl_query_letter_notes(a->store, v->doc.id, a->coder_id, &ls->classes,
			&ls->memos, err);
	return st;
}

enum gl_status gl_letter_view_open(struct gl_letter_view *v, int64_t id, struct gl_error *err)
{
	struct gl_document doc;
	memset(&doc, 0, sizeof doc);
	enum gl_status st = gl_store_document_get(v->app->store, id, &doc, err);
	if (st != GL_OK) {
		gl_document_finish(&doc);
		return st;
	}
	gl_letter_view_close(v);
	v->doc = doc;
	v->open = true;
	gl_reader_set_text(&v->reader, v->doc.text, v->doc.text_len);
	memset(&v->ls.cursor, 0, sizeof v->ls.cursor);
	v->ls.selecting = false;
	return gl_letter_view_reload(v, err);
}

/* ---- Cursor ---- */

static void cursor_to(struct gl_letter_view *v, size_t byte)
{
	gl_textpos_move(v->doc.text, v->doc.text_len, &v->ls.cursor, byte);
	gl_reader_show(&v->reader, v->ls.cursor.byte, v->text_height);
}

void gl_letter_view_goto(struct gl_letter_view *v, int64_t cp)
{
	if (!v->open)
		return;
	size_t b = gl_textpos_find(v->doc.text, v->doc.text_len, &v->ls.cursor, cp);
	gl_textpos_move(v->doc.text, v->doc.text_len, &v->ls.cursor, b);
	v->reader.top = 0;
	gl_reader_show(&v->reader, b, v->text_height > 0 ? v->text_height : 20);
}

int gl_letter_view_percent(const struct gl_letter_view *v)
{
	if (v->doc.length <= 0)
		return 100;
	return (int)(v->ls.cursor.cp * 100 / v->doc.length);
}

static void cursor_line(struct gl_letter_view *v, long n)
{
	struct gl_reader *r = &v->reader;
	struct gl_reader_line l;
	gl_reader_line_of(r, v->ls.cursor.byte, &l);
	int col = gl_reader_column(r, l.start, v->ls.cursor.byte);
	bool moved = false;
	for (; n > 0 && gl_reader_line_below(r, l.start, &l); n--)
		moved = true;
	for (; n < 0 && gl_reader_line_above(r, l.start, &l); n++)
		moved = true;
	if (moved)
		cursor_to(v, gl_reader_line_column(r, &l, col));
}

/* A short quote of a span for messages and undo labels. */
static void quote(const struct gl_letter_view *v, size_t b0, size_t b1, size_t max,
	struct gl_str *out)
{
	app_quote(v->doc.text, b0, b1, max, out);
}

static long coding_under_cursor(struct gl_letter_view *v)
{
	return gl_letter_coding_current(&v->ls);
}

static unsigned coding_jump(struct gl_letter_view *v, bool next)
{
	struct gl_letter_state *ls = &v->ls;
	long pick = gl_letter_coding_step(ls, next ? 1 : -1);
	if (pick < 0) {
		gl_app_message(v->app, true, ls->ncodings ? (next ? _("No coding after the cursor")
			: _("No coding before the cursor")) : _("This letter has no codings"));
		return APP_OK_REDRAW;
	}
	const struct gl_reader_coding *c = &ls->codings[pick];
	cursor_to(v, c->b0);
	ls->current = pick;
	ls->current_at = SIZE_MAX;
	gl_app_message(v->app, false, _("Coding %ld of %zu: %s (%s)"), pick + 1, ls->ncodings,
		c->code, c->coder);
	return APP_OK_REDRAW;
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
static unsigned letter_memos(struct gl_letter_view *v)
{
	struct gl_str body = GL_STR_INIT;
	struct gl_error err = { 0 };
	if (gl_query_memos(v->app->store, "document", v->doc.id, memo_row, &body, &err) != GL_OK)
		app_error(v->app, &err);
	else if (!body.len)
		gl_app_message(v->app, false, _("No coding at the cursor and no memo on this letter "
			"(n: the next coding, m: write a memo)"));
	else
		app_info_open(v->app, _("Memos on this letter"), gl_str_cstr(&body));
	gl_str_finish(&body);
	return APP_OK_REDRAW;
}

static unsigned coding_details(struct gl_letter_view *v)
{
	long i = coding_under_cursor(v);
	if (i < 0)
		return letter_memos(v);
	const struct gl_reader_coding *c = &v->ls.codings[i];
	struct gl_str body = GL_STR_INIT, q = GL_STR_INIT, memo = GL_STR_INIT;
	quote(v, c->b0, c->b1, 396, &q);
	/* a memo's later lines line up under its first */
	for (const char *m = c->memo ? c->memo : _("(none; m writes one)"); *m; m++) {
		gl_str_putc(&memo, *m);
		if (*m == '\n')
			gl_str_puts(&memo, "        ");
	}
	gl_str_printf(&body, _("Code:   %s\nCoder:  %s\nTime:   %s\nSpan:   %lld:%lld\n"
		"Quote:  \"%s\"\nMemo:   %s"), c->code, c->coder, c->created_at ? c->created_at : "",
		(long long)c->start, (long long)c->end, gl_str_cstr(&q), gl_str_cstr(&memo));
	gl_str_finish(&memo);
	app_info_open(v->app, _("Coding"), gl_str_cstr(&body));
	gl_str_finish(&body);
	gl_str_finish(&q);
	return APP_OK_REDRAW;
}

/* ---- Dialogs: the context names the letter, so that nothing acts on another one ---- */

struct span_ctx {
	struct gl_letter_view *v;
	int64_t doc;
	int64_t start, end;    /* the span to code (code points) */
	int64_t target;        /* a coding or the letter */
	char *pending;         /* a new code's name while its category is picked */
	bool then_evidence;    /* e on a selection: once coded, the coding becomes evidence */
	int64_t coded_id;      /* the coding made */
	int64_t evidence_for;  /* uncode: the findings the coding is evidence for */
};

static void span_ctx_free(void *p)
{
	struct span_ctx *c = p;
	free(c->pending);
	free(c);
}

static struct span_ctx *span_ctx_new(struct gl_letter_view *v)
{
	struct span_ctx *c = app_dialog_ctx(sizeof *c);
	if (c) {
		c->v = v;
		c->doc = v->doc.id;
	}
	return c;
}

/* False (with a message) when the letter the dialog was opened on is no longer shown. */
static bool same_letter(struct gl_app *a, const struct span_ctx *c)
{
	if (c->v->open && c->v->doc.id == c->doc)
		return true;
	gl_app_message(a, true, _("The letter was closed; nothing was changed"));
	return false;
}

static unsigned coded(struct gl_app *a, struct span_ctx *c, enum gl_status st,
	const struct gl_error *err, const char *code)
{
	struct gl_letter_view *v = c->v;
	if (st != GL_OK) {
		if (st == GL_EEXIST)
			gl_app_message(a, true, _("You have coded this text as %s already"), code);
		else
			app_error(a, err);
		return APP_OK_REDRAW;
	}
	v->ls.selecting = false;
	v->just_coded = c->coded_id;
	app_changed(a);
	gl_app_message(a, false, _("Coded as %s (u undoes)"), code);
	if (c->then_evidence && c->coded_id > 0)
		return app_evidence_coding(a, c->coded_id);
	return APP_OK_REDRAW;
}

static enum gl_status insert_coding(struct gl_app *a, struct span_ctx *c,
	int64_t code_id, struct gl_error *err)
{
	struct gl_coding k = { c->doc, code_id, a->coder_id, c->start, c->end, NULL, NULL };
	return gl_store_coding_insert(a->store, &k, &c->coded_id, err);
}

static unsigned code_category_accept(struct gl_app *a, void *ctx,
	const struct gl_dialog_result *r)
{
	struct span_ctx *c = ctx;
	if (!same_letter(a, c) || !c->pending)
		return APP_OK_REDRAW;
	struct gl_error err = { 0 };
	struct gl_str path = GL_STR_INIT;
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		int64_t parent = r->id, code_id = 0;
		if (r->is_new) {
			struct gl_code cat = { .name = r->text };
			st = gl_store_code_insert(a->store, &cat, &parent, &err);
		}
		if (st == GL_OK) {
			struct gl_code k = { .parent_id = parent, .name = c->pending };
			st = gl_store_code_insert(a->store, &k, &code_id, &err);
		}
		if (st == GL_OK)
			st = insert_coding(a, c, code_id, &err);
		if (parent)
			gl_str_printf(&path, "%s > %s", r->is_new ? r->text : r->label, c->pending);
		else
			gl_str_puts(&path, c->pending);
		st = app_step_end(a, st, &err, _("code %s (new)"), gl_str_cstr(&path));
	}
	unsigned f = coded(a, c, st, &err, gl_str_cstr(&path));
	gl_str_finish(&path);
	return f;
}

static unsigned code_pick_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct span_ctx *c = ctx;
	if (!same_letter(a, c))
		return APP_OK_REDRAW;
	if (r->is_new) {
		free(c->pending);
		c->pending = gl_strdup(r->text);
		struct gl_str title = GL_STR_INIT;
		gl_str_printf(&title, _("The new code %s goes under (a new name creates the category)"),
			r->text);
		struct gl_dialog d = { "code-category", code_category_accept, c, span_ctx_free };
		app_picker_open(a, &d, gl_str_cstr(&title), true);
		app_picker_add(a, 0, _("(top level, no category)"), "");
		app_picker_codes(a, APP_CODES_CATEGORIES, 0);
		app_picker_filter(a);
		gl_str_finish(&title);
		return APP_OK_REDRAW;
	}
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		st = insert_coding(a, c, r->id, &err);
		st = app_step_end(a, st, &err, _("code %s"), r->label);
	}
	return coded(a, c, st, &err, r->label);
}

static unsigned code_open_then(struct gl_letter_view *v, bool then_evidence);

static unsigned code_open(struct gl_letter_view *v)
{
	return code_open_then(v, false);
}

/* c codes the selection; e on a selection codes it first (then_evidence). */
static unsigned code_open_then(struct gl_letter_view *v, bool then_evidence)
{
	struct gl_app *a = v->app;
	struct gl_textpos s, e;
	if (!gl_selection_span(v->doc.text, v->doc.text_len, v->ls.selecting ? &v->ls.anchor : NULL,
		&v->ls.cursor, &s, &e)) {
		gl_app_message(a, true, v->ls.selecting ? _("The selection is empty")
			: _("Nothing to code here: v starts a selection"));
		return APP_OK_REDRAW;
	}
	if (!app_need_coder(a, GL_ACT_CODE))
		return APP_OK_REDRAW;
	struct span_ctx *c = span_ctx_new(v);
	if (!c)
		return APP_OK_REDRAW;
	c->start = s.cp;
	c->end = e.cp;
	c->then_evidence = then_evidence;
	struct gl_str q = GL_STR_INIT, title = GL_STR_INIT;
	quote(v, s.byte, e.byte, 44, &q);
	gl_str_printf(&title, _("Code \"%s\" as (type to filter, Enter applies, a new name creates "
		"the code)"), gl_str_cstr(&q));
	struct gl_dialog d = { "code-pick", code_pick_accept, c, span_ctx_free };
	app_picker_open(a, &d, gl_str_cstr(&title), true);
	app_picker_codes(a, APP_CODES_CODABLE, 0);
	app_picker_filter(a);
	gl_str_finish(&q);
	gl_str_finish(&title);
	return APP_OK_REDRAW;
}

static unsigned uncode_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	(void)r;
	struct span_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		st = gl_store_coding_delete(a->store, c->target, &err);
		st = app_step_end(a, st, &err, _("remove coding %lld"), (long long)c->target);
	}
	if (st != GL_OK)
		app_error(a, &err);
	else if (c->evidence_for > 0)
		gl_app_message(a, false, ngettext("Coding removed; it was evidence for %lld finding "
			"(u undoes)", "Coding removed; it was evidence for %lld findings (u undoes)",
			(unsigned long)c->evidence_for), (long long)c->evidence_for);
	else
		gl_app_message(a, false, _("Coding removed (u undoes)"));
	app_changed(a);
	return APP_OK_REDRAW;
}

/* e: the coding at the cursor becomes evidence for a finding (a selection is coded first). */
static unsigned evidence_open(struct gl_letter_view *v)
{
	long i = coding_under_cursor(v);
	if (v->ls.selecting || i < 0) {
		if (!v->ls.selecting) {
			gl_app_message(v->app, true, _("No coding at the cursor: select the text (v) and "
				"press e to code it and attach it to a finding"));
			return APP_OK_REDRAW;
		}
		return code_open_then(v, true);
	}
	return app_evidence_coding(v->app, v->ls.codings[i].id);
}

static unsigned uncode(struct gl_letter_view *v)
{
	long i = coding_under_cursor(v);
	if (i < 0) {
		gl_app_message(v->app, true, _("No coding at the cursor (n: the next one)"));
		return APP_OK_REDRAW;
	}
	const struct gl_reader_coding *k = &v->ls.codings[i];
	struct span_ctx *c = span_ctx_new(v);
	if (!c)
		return APP_OK_REDRAW;
	c->target = k->id;
	struct gl_str q = GL_STR_INIT, question = GL_STR_INIT;
	quote(v, k->b0, k->b1, 60, &q);
	/* a quote gone from a finding is said before it goes */
	int64_t ev_codings = 0, ev_findings = 0;
	struct gl_error err = { 0 };
	struct gl_str ev = GL_STR_INIT;
	if (gl_store_codings_evidence(v->app->store, 0, k->id, &ev_codings, &ev_findings, &err) ==
		GL_OK && ev_findings > 0)
		gl_codings_evidence_describe(1, ev_codings, ev_findings, &ev);
	c->evidence_for = ev_findings;
	if (ev.len && k->coder_id != v->app->coder_id)
		gl_str_printf(&question, _("Remove %s's coding %s on \"%s\"? It is not yours, and it is "
			"%s. (y/n)"), k->coder, k->code, gl_str_cstr(&q), gl_str_cstr(&ev));
	else if (ev.len)
		gl_str_printf(&question, _("Remove the coding %s by %s on \"%s\"? It is %s. (y/n)"),
			k->code, k->coder, gl_str_cstr(&q), gl_str_cstr(&ev));
	else if (k->coder_id != v->app->coder_id)
		gl_str_printf(&question, _("Remove %s's coding %s on \"%s\"? It is not yours. (y/n)"),
			k->coder, k->code, gl_str_cstr(&q));
	else
		gl_str_printf(&question, _("Remove the coding %s by %s on \"%s\"? (y/n)"), k->code,
			k->coder, gl_str_cstr(&q));
	gl_str_finish(&ev);
	struct gl_dialog d = { "uncode", uncode_accept, c, span_ctx_free };
	app_confirm_open(v->app, &d, gl_str_cstr(&question));
	gl_str_finish(&q);
	gl_str_finish(&question);
	return APP_OK_REDRAW;
}

static unsigned memo_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r,
	bool on_coding)
{
	struct span_ctx *c = ctx;
	struct gl_error err = { 0 };
	const char *memo = r->text;
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		if (on_coding)
			st = gl_store_coding_memo_set(a->store, c->target, memo, &err);
		else if (*memo)
			st = gl_store_memo_insert(a->store, "document", c->target, a->coder_id, memo,
				NULL, &err);
		st = app_step_end(a, st, &err, on_coding ? _("memo on a coding")
			: _("memo on the letter"));
	}
	if (st != GL_OK)
		app_error(a, &err);
	else if (!on_coding && !*memo)
		gl_app_message(a, false, _("An empty memo is not saved"));
	else
		gl_app_message(a, false, _("Memo saved (u undoes)"));
	app_changed(a);
	return APP_OK_REDRAW;
}

static unsigned memo_coding_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	return memo_accept(a, ctx, r, true);
}

static unsigned memo_letter_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	return memo_accept(a, ctx, r, false);
}

static unsigned memo_open(struct gl_letter_view *v)
{
	struct gl_app *a = v->app;
	if (!app_need_coder(a, GL_ACT_MEMO))
		return APP_OK_REDRAW;
	struct span_ctx *c = span_ctx_new(v);
	if (!c)
		return APP_OK_REDRAW;
	long i = coding_under_cursor(v);
	if (i >= 0) {
		const struct gl_reader_coding *k = &v->ls.codings[i];
		struct gl_str title = GL_STR_INIT;
		gl_str_printf(&title, _("Memo on the coding %s by %s (C-s saves, Esc cancels)"),
			k->code, k->coder);
		c->target = k->id;
		struct gl_dialog d = { "memo-coding", memo_coding_accept, c, span_ctx_free };
		app_memo_open(a, &d, gl_str_cstr(&title), k->memo);
		gl_str_finish(&title);
	} else {
		c->target = v->doc.id;
		struct gl_dialog d = { "memo-letter", memo_letter_accept, c, span_ctx_free };
		app_memo_open(a, &d, _("Memo on this letter (C-s saves, Esc cancels)"), "");
	}
	return APP_OK_REDRAW;
}

/* ---- Classification: "Category > Value"; "Category > (none)" clears ---- */

struct class_pick {
	struct gl_app *a;
	int64_t category;
};

static int class_row(void *ctx, const struct gl_row *row)
{
	struct class_pick *c = ctx;
	const struct gl_value *v = row->values;
	/* codes: id, uuid, parent_id, path, name, description, color, exclusive, value, codings */
	if (v[7].i && v[2].type == GL_VAL_NULL) {
		struct gl_str label = GL_STR_INIT;
		gl_str_printf(&label, _("%s > (none)"), v[3].s);
		app_picker_add(c->a, -v[0].i, gl_str_cstr(&label), "");
		gl_str_finish(&label);
		c->category = v[0].i;
	} else if (v[2].type == GL_VAL_INT && v[2].i == c->category && c->category) {
		char hint[32] = "";
		if (v[8].type != GL_VAL_NULL)
			app_format_number(v[8].r, hint, sizeof hint);
		app_picker_add(c->a, v[0].i, v[3].s, hint);
	}
	return 0;
}

static unsigned classify_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct span_ctx *c = ctx;
	struct gl_error err = { 0 };
	int64_t category = 0, value = r->id;
	if (r->id < 0) {
		category = -r->id;
		value = 0;
	}
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		if (!category)  /* a value's category is its parent */
			st = gl_store_code_parent(a->store, value, &category, &err);
		if (st == GL_OK)
			st = gl_store_classify(a->store, c->doc, category, value, a->coder_id, NULL, &err);
		st = app_step_end(a, st, &err, _("classify as %s"), r->label);
	}
	if (st != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, _("Classified: %s (u undoes)"), r->label);
	app_changed(a);
	return APP_OK_REDRAW;
}

static unsigned classify_open(struct gl_letter_view *v)
{
	struct gl_app *a = v->app;
	if (!app_need_coder(a, GL_ACT_CLASSIFY))
		return APP_OK_REDRAW;
	struct span_ctx *c = span_ctx_new(v);
	if (!c)
		return APP_OK_REDRAW;
	struct gl_dialog d = { "classify", classify_accept, c, span_ctx_free };
	app_picker_open(a, &d, _("Classify this letter (type a value or its number)"), false);
	struct class_pick cp = { a, 0 };
	struct gl_error err = { 0 };
	gl_store_list(a->store, GL_LIST_CODES, NULL, 0, 0, class_row, &cp, &err);
	if (a->modal.nitems == 0) {
		app_modal_close(a);
		gl_app_message(a, true, _("The codebook has no exclusive category (codebook add NAME "
			"--exclusive)"));
		return APP_OK_REDRAW;
	}
	app_picker_filter(a);
	return APP_OK_REDRAW;
}

/* The active coder has read this letter (agreement compares the letters every coder has
 * read); again: not read. One undo step. */
static unsigned mark_read(struct gl_letter_view *v)
{
	struct gl_app *a = v->app;
	if (!app_need_coder(a, GL_ACT_MARK_READ))
		return APP_OK_REDRAW;
	struct gl_error err = { 0 };
	bool read = false;
	enum gl_status st = gl_store_read_get(a->store, v->doc.id, a->coder_id, &read, &err);
	if (st == GL_OK && (st = app_step_begin(a, &err)) == GL_OK) {
		st = gl_store_read_set(a->store, v->doc.id, a->coder_id, !read, NULL, &err);
		st = app_step_end(a, st, &err, read ? _("not read") : _("read"));
	}
	if (st != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, read ? _("Letter %lld: not read by %s (u undoes)") :
			_("Letter %lld: read by %s (u undoes)"), (long long)v->doc.id, a->coder);
	app_changed(a);
	return APP_OK_REDRAW;
}

unsigned gl_letter_view_request(struct gl_letter_view *v, enum gl_action act)
{
	struct gl_reader *r = &v->reader;
	const char *t = v->doc.text;
	size_t len = v->doc.text_len, pos = v->ls.cursor.byte;
	long page = v->text_height > 1 ? v->text_height - 1 : 1;
	if (!v->open)
		return 0;
	switch (act) {
	case GL_ACT_MOVE_DOWN: cursor_line(v, 1); break;
	case GL_ACT_MOVE_UP: cursor_line(v, -1); break;
	case GL_ACT_PAGE_DOWN:
		if (!gl_reader_at_end(r, v->text_height))
			gl_reader_scroll(r, page);
		cursor_line(v, page);
		break;
	case GL_ACT_PAGE_UP:
		gl_reader_scroll(r, -page);
		cursor_line(v, -page);
		break;
	case GL_ACT_MOVE_LEFT: cursor_to(v, gl_text_prev(t, len, pos)); break;
	case GL_ACT_MOVE_RIGHT: cursor_to(v, gl_text_next(t, len, pos)); break;
	case GL_ACT_MOVE_FIRST:
		gl_reader_home(r);
		cursor_to(v, 0);
		break;
	case GL_ACT_MOVE_LAST:
		gl_reader_end(r, v->text_height);
		cursor_to(v, len);
		break;
	case GL_ACT_WORD_NEXT: cursor_to(v, gl_text_word_next(t, len, pos)); break;
	case GL_ACT_WORD_PREV: cursor_to(v, gl_text_word_prev(t, len, pos)); break;
	case GL_ACT_SENTENCE_NEXT: cursor_to(v, gl_text_sentence_next(t, len, pos)); break;
	case GL_ACT_SENTENCE_PREV: cursor_to(v, gl_text_sentence_prev(t, len, pos)); break;
	case GL_ACT_PARAGRAPH_NEXT: cursor_to(v, gl_text_paragraph_next(t, len, pos)); break;
	case GL_ACT_PARAGRAPH_PREV: cursor_to(v, gl_text_paragraph_prev(t, len, pos)); break;
	case GL_ACT_SELECT:
		v->ls.selecting = !v->ls.selecting;
		v->ls.anchor = v->ls.cursor;
		break;
	case GL_ACT_ENTER: return coding_details(v);
	case GL_ACT_CODE: return code_open(v);
	case GL_ACT_CODING_NEXT: return coding_jump(v, true);
	case GL_ACT_CODING_PREV: return coding_jump(v, false);
	case GL_ACT_UNCODE: return uncode(v);
	case GL_ACT_EVIDENCE: return evidence_open(v);
	case GL_ACT_MEMO: return memo_open(v);
	case GL_ACT_CLASSIFY: return classify_open(v);
	case GL_ACT_MARK_READ: return mark_read(v);
	case GL_ACT_SORT: break;
	default:
		return 0;
	}
	return APP_OK_REDRAW;
}
