/* The small dialogs: a fuzzy picker, a line of input, a yes/no question, the memo editor and a
 * text to read. Keys reach them before the key map; accepting calls the callback that the
 * opener gave, with the context it gave (modal.c knows no dialog's meaning). */
#include "genomlys/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genomlys/i18n.h"
#include "genomlys/utf8.h"
#include "app_internal.h"

#define OK_REDRAW APP_OK_REDRAW

void *app_dialog_ctx(size_t size)
{
	return calloc(1, size ? size : 1);
}

static void dialog_free(struct gl_dialog *d)
{
	if (d->ctx) {
		if (d->ctx_free)
			d->ctx_free(d->ctx);
		else
			free(d->ctx);
	}
	memset(d, 0, sizeof *d);
}

static void trace(struct gl_app *a, const char *what, const char *name)
{
	if (a->trace && name) {
		fprintf(a->trace, "%s %s\n", what, name);
		fflush(a->trace);
	}
}

/* Closes the dialog; its context goes with it unless it has been taken (accept). */
void app_modal_close(struct gl_app *a)
{
	struct gl_modal *m = &a->modal;
	for (size_t i = 0; i < m->nitems; i++) {
		free(m->items[i].label);
		free(m->items[i].fold);
		free(m->items[i].hint);
	}
	free(m->items);
	free(m->shown);
	dialog_free(&m->dialog);
	gl_str_finish(&m->title);
	gl_str_finish(&m->body);
	gl_lineedit_finish(&m->edit);
	gl_textedit_finish(&m->memo);
	memset(m, 0, sizeof *m);
}

static void modal_open(struct gl_app *a, enum gl_modal_kind kind, const struct gl_dialog *d,
	const char *title)
{
	/* the new dialog may be opened with the context of the one being accepted */
	struct gl_dialog keep = { 0 };
	if (d)
		keep = *d;
	if (a->modal.dialog.ctx == keep.ctx)
		a->modal.dialog.ctx = NULL;
	app_modal_close(a);
	struct gl_modal *m = &a->modal;
	m->kind = kind;
	m->dialog = keep;
	gl_str_init(&m->title);
	gl_str_init(&m->body);
	gl_lineedit_init(&m->edit);
	gl_textedit_init(&m->memo);
	gl_str_puts(&m->title, title);
	trace(a, "open", keep.name);
}

void app_picker_open(struct gl_app *a, const struct gl_dialog *d, const char *title,
	bool allow_new)
{
	modal_open(a, GL_MODAL_PICKER, d, title);
	a->modal.allow_new = allow_new;
}

void app_picker_add(struct gl_app *a, int64_t id, const char *label, const char *hint)
{
	struct gl_modal *m = &a->modal;
	struct gl_pick_item *v = realloc(m->items, (m->nitems + 1) * sizeof *v);
	if (!v)
		return;
	m->items = v;
	struct gl_pick_item *it = &v[m->nitems];
	it->id = id;
	it->label = gl_strdup(label);
	it->hint = gl_strdup(hint ? hint : "");
	struct gl_str fold = GL_STR_INIT;
	gl_utf8_fold(label, strlen(label), &fold);
	it->fold = gl_str_steal(&fold);
	gl_str_finish(&fold);
	if (!it->label || !it->hint || !it->fold) {
		free(it->label);
		free(it->hint);
		free(it->fold);
		return;
	}
	m->nitems++;
}

const char *app_picker_label(const struct gl_app *a, int64_t id)
{
	for (size_t i = 0; i < a->modal.nitems; i++)
		if (a->modal.items[i].id == id)
			return a->modal.items[i].label;
	return "";
}

struct scored {
	size_t index;
	int score;
};

static int scored_cmp(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* The typed text, trimmed. */
static void query_text(const struct gl_modal *m, struct gl_str *out)
{
	const char *q = gl_str_cstr(&m->edit.text);
	while (*q == ' ')
		q++;
	gl_str_puts(out, q);
	while (out->len && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
}

/* True when the "create" row is offered: a name typed that no item is called. */
static bool new_row(const struct gl_modal *m)
{
	if (!m->allow_new)
		return false;
	struct gl_str q = GL_STR_INIT, fold = GL_STR_INIT;
	query_text(m, &q);
	bool offer = q.len > 0;
	gl_utf8_fold(gl_str_cstr(&q), q.len, &fold);
	for (size_t i = 0; offer && i < m->nitems; i++) {
		const char *last = strrchr(m->items[i].fold, '>');
		last = last ? last + 2 : m->items[i].fold;
		if (!strcmp(last, gl_str_cstr(&fold)) || !strcmp(m->items[i].fold, gl_str_cstr(&fold)))
			offer = false;
	}
	gl_str_finish(&q);
	gl_str_finish(&fold);
	return offer;
}

bool gl_modal_offers_new(const struct gl_modal *m)
{
	return new_row(m);
}

void app_picker_filter(struct gl_app *a)
{
	struct gl_modal *m = &a->modal;
	struct gl_str q = GL_STR_INIT, fold = GL_STR_INIT;
	query_text(m, &q);
	gl_utf8_fold(gl_str_cstr(&q), q.len, &fold);
	struct scored *s = calloc(m->nitems + 1, sizeof *s);
	size_t *shown = calloc(m->nitems + 1, sizeof *shown);
	size_t n = 0;
	for (size_t i = 0; s && shown && i < m->nitems; i++) {
		int score = gl_fuzzy_score(gl_str_cstr(&fold), m->items[i].fold);
		/* an item's hint typed in full picks it first ("2" for the value 2 of a category) */
		if (q.len && m->items[i].hint[0] && !strcmp(m->items[i].hint, gl_str_cstr(&q)))
			score = 1 << 20;
		if (score < 0)
			continue;
		s[n].index = i;
		s[n].score = score;
		n++;
	}
	if (s && shown) {
		qsort(s, n, sizeof *s, scored_cmp);
		for (size_t i = 0; i < n; i++)
			shown[i] = s[i].index;
	} else {
		n = 0;
	}
	free(s);
	free(m->shown);
	m->shown = shown;
	m->nshown = n;
	m->cursor = 0;
	m->top = 0;
	gl_str_finish(&q);
	gl_str_finish(&fold);
}

void app_input_open(struct gl_app *a, const struct gl_dialog *d, const char *title,
	const char *text)
{
	modal_open(a, GL_MODAL_INPUT, d, title);
	gl_lineedit_set_selected(&a->modal.edit, text ? text : "");
}

void app_confirm_open(struct gl_app *a, const struct gl_dialog *d, const char *question)
{
	modal_open(a, GL_MODAL_CONFIRM, d, _("Please confirm"));
	gl_str_puts(&a->modal.body, question);
}

void app_memo_open(struct gl_app *a, const struct gl_dialog *d, const char *title,
	const char *text)
{
	modal_open(a, GL_MODAL_MEMO, d, title);
	gl_textedit_set(&a->modal.memo, text ? text : "");
}

void app_info_open(struct gl_app *a, const char *title, const char *body)
{
	modal_open(a, GL_MODAL_INFO, NULL, title);
	gl_str_puts(&a->modal.body, body);
}

/* Closes the dialog and runs its callback with what was given; the context lives until the
 * callback returns, unless a dialog opened by the callback took it over. */
static unsigned accept(struct gl_app *a, const char *text, int64_t id, bool is_new)
{
	struct gl_dialog d = a->modal.dialog;
	memset(&a->modal.dialog, 0, sizeof a->modal.dialog);
	char *copy = gl_strdup(text ? text : "");
	char *label = gl_strdup(app_picker_label(a, id));
	app_modal_close(a);
	trace(a, "accept", d.name);
	struct gl_dialog_result r = { copy ? copy : "", id, label ? label : "", is_new };
	unsigned f = d.accept ? d.accept(a, d.ctx, &r) : APP_OK_REDRAW;
	if (a->modal.dialog.ctx != d.ctx || !d.ctx)
		dialog_free(&d);
	free(copy);
	free(label);
	return f | GL_F_HANDLED | GL_F_REDRAW;
}

static unsigned picker_key(struct gl_app *a, int key)
{
	struct gl_modal *m = &a->modal;
	size_t rows = m->nshown + (new_row(m) ? 1 : 0);
	switch (key) {
	case GL_KEY_DOWN: case GL_KEY_TAB: case 14:  /* C-n */
		if (m->cursor + 1 < rows)
			m->cursor++;
		return OK_REDRAW;
	case GL_KEY_UP: case GL_KEY_BTAB: case 16:   /* C-p */
		if (m->cursor > 0)
			m->cursor--;
		return OK_REDRAW;
	case GL_KEY_PGDN:
		m->cursor = m->cursor + 10 < rows ? m->cursor + 10 : rows ? rows - 1 : 0;
		return OK_REDRAW;
	case GL_KEY_PGUP:
		m->cursor = m->cursor > 10 ? m->cursor - 10 : 0;
		return OK_REDRAW;
	case GL_KEY_ENTER: {
		struct gl_str q = GL_STR_INIT;
		query_text(m, &q);
		unsigned f = OK_REDRAW;
		if (m->cursor < m->nshown)
			f = accept(a, gl_str_cstr(&q), m->items[m->shown[m->cursor]].id, false);
		else if (rows > m->nshown)
			f = accept(a, gl_str_cstr(&q), 0, true);
		else
			gl_app_message(a, true, _("Nothing matches; Esc cancels"));
		gl_str_finish(&q);
		return f;
	}
	default:
		break;
	}
	enum gl_edit_result r = gl_lineedit_key(&m->edit, key);
	if (r == GL_EDIT_CANCEL) {
		app_modal_close(a);
		gl_app_message(a, false, _("Cancelled"));
		return OK_REDRAW;
	}
	app_picker_filter(a);
	return OK_REDRAW;
}

unsigned app_modal_key(struct gl_app *a, int key)
{
	struct gl_modal *m = &a->modal;
	switch (m->kind) {
	case GL_MODAL_PICKER:
		return picker_key(a, key);
	case GL_MODAL_INPUT: {
		enum gl_edit_result r = gl_lineedit_key(&m->edit, key);
		if (r == GL_EDIT_ACCEPT) {
			struct gl_str q = GL_STR_INIT;
			query_text(m, &q);
			unsigned f = accept(a, gl_str_cstr(&q), 0, false);
			gl_str_finish(&q);
			return f;
		}
		if (r == GL_EDIT_CANCEL) {
			app_modal_close(a);
			gl_app_message(a, false, _("Cancelled"));
		} else {
			m->edited = true;
		}
		return OK_REDRAW;
	}
	case GL_MODAL_CONFIRM:
		if (key == 'y' || key == 'Y' || key == 'j' || key == 'J')
			return accept(a, "", 0, false);
		if (key == 'n' || key == 'N' || key == GL_KEY_ESC || key == 'q') {
			app_modal_close(a);
			gl_app_message(a, false, _("Cancelled; nothing was changed"));
		}
		return OK_REDRAW;
	case GL_MODAL_MEMO: {
		int r = gl_textedit_key(&m->memo, key);
		if (r == GL_EDIT_ACCEPT) {
			char *text = gl_strdup(gl_str_cstr(&m->memo.text));
			unsigned f = accept(a, text ? text : "", 0, false);
			free(text);
			return f;
		}
		if (r == GL_EDIT_CANCEL) {
			app_modal_close(a);
			gl_app_message(a, false, _("Memo discarded"));
		} else {
			m->edited = true;
		}
		return OK_REDRAW;
	}
	case GL_MODAL_INFO:
		app_modal_close(a);
		return OK_REDRAW;
	case GL_MODAL_NONE:
		break;
	}
	return 0;
}

bool gl_app_unsaved(const struct gl_app *a)
{
	return (a->modal.kind == GL_MODAL_MEMO || a->modal.kind == GL_MODAL_INPUT) &&
		a->modal.edited;
}

/* ---- The codebook in a picker ---- */

struct code_pick {
	struct gl_app *a;
	enum app_codes which;
	int64_t skip;
	int64_t *excl;   /* exclusive categories and skipped codes seen so far */
	size_t nexcl;
	int64_t *skipped;
	size_t nskipped;
};

static bool in(const int64_t *v, size_t n, int64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static void push(int64_t **v, size_t *n, int64_t x)
{
	int64_t *p = realloc(*v, (*n + 1) * sizeof *p);
	if (!p)
		return;
	*v = p;
	p[(*n)++] = x;
}

static int code_row(void *ctx, const struct gl_row *row)
{
	struct code_pick *c = ctx;
	const struct gl_value *v = row->values;
	/* id, uuid, parent_id, path, name, description, color, exclusive, value, codings */
	int64_t id = v[0].i, parent = v[2].type == GL_VAL_INT ? v[2].i : 0;
	if (id == c->skip || (parent && in(c->skipped, c->nskipped, parent))) {
		push(&c->skipped, &c->nskipped, id);
		return 0;
	}
	bool exclusive = v[7].i != 0;
	if (exclusive)
		push(&c->excl, &c->nexcl, id);
	switch (c->which) {
	case APP_CODES_CODABLE:
		if (exclusive || (parent && in(c->excl, c->nexcl, parent)))
			return 0;
		break;
	case APP_CODES_CATEGORIES: {
		/* any code may have codes under it (docs/coding.md), but not an exclusive category or
		 * its values, and not below the deepest level */
		int depth = 1;
		for (const char *p = v[3].s; (p = strstr(p, " > ")) != NULL; p += 3)
			depth++;
		if (exclusive || (parent && in(c->excl, c->nexcl, parent)) ||
			depth >= GL_CODE_MAX_DEPTH)
			return 0;
		break;
	}
	case APP_CODES_ALL:
		break;
	}
	char hint[64];
	snprintf(hint, sizeof hint, ngettext("%lld coding", "%lld codings", (unsigned long)v[9].i),
		(long long)v[9].i);
	app_picker_add(c->a, id, v[3].s, hint);
	return 0;
}

void app_picker_codes(struct gl_app *a, enum app_codes which, int64_t skip)
{
	struct code_pick c = { a, which, skip, NULL, 0, NULL, 0 };
	struct gl_error err = { 0 };
	/* in blind mode the counts are the active coder's own, like everything else shown */
	struct gl_filter f = { .coder_id = a->blind ? (a->coder_id > 0 ? a->coder_id : -1) : 0 };
	if (gl_store_list(a->store, GL_LIST_CODES, &f, 0, 0, code_row, &c, &err) != GL_OK)
		app_error(a, &err);
	free(c.excl);
	free(c.skipped);
}
