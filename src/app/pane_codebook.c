/* The codebook pane: the code tree with the codings of each code; add, rename, describe,
 * recolour, move, merge and delete, each one undoable step. */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/queries.h"
#include "app_internal.h"

/* What a row carries: the code as read from the store. */
struct code_row {
	int64_t id, parent_id;
	char *path;          /* "Category > Code" */
	char *name;
	char *description;   /* NULL: none */
	char *color;         /* NULL: none */
	bool exclusive;
	bool has_value;
	double value;
	int64_t codings;
};

static void code_row_finish(void *data)
{
	struct code_row *c = data;
	free(c->path);
	free(c->name);
	free(c->description);
	free(c->color);
}

struct codebook {
	struct gl_table table;
};

static char *text_of(const struct gl_value *v)
{
	return v->type == GL_VAL_TEXT ? gl_strdup(v->s) : NULL;
}

/* Columns of GL_LIST_CODES: id, uuid, parent_id, path, name, description, color, exclusive,
 * value, codings. */
static int code_row(void *ctx, const struct gl_row *row)
{
	struct gl_table *t = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(t, v[0].i, 0);
	struct code_row *c = gl_table_row_data(t, r, sizeof *c);
	if (!r || !c)
		return 1;
	c->id = v[0].i;
	c->parent_id = v[2].type == GL_VAL_INT ? v[2].i : 0;
	c->path = text_of(&v[3]);
	c->name = text_of(&v[4]);
	c->description = text_of(&v[5]);
	c->color = text_of(&v[6]);
	c->exclusive = v[7].i != 0;
	c->has_value = v[8].type != GL_VAL_NULL;
	c->value = v[8].r;
	c->codings = v[9].i;
	/* the tree: two spaces per level (counted from the path's separators) */
	struct gl_str name = GL_STR_INIT;
	for (const char *s = c->path ? c->path : ""; (s = strstr(s, " > ")) != NULL; s += 3)
		gl_str_puts(&name, "  ");
	gl_str_puts(&name, c->name ? c->name : "");
	if (c->exclusive)
		gl_str_puts(&name, _(" (exclusive)"));
	gl_table_cell(t, r, 0, gl_str_cstr(&name), c->parent_id ? 0 : GL_CELL_TOTAL);
	gl_str_finish(&name);
	gl_table_cellf(t, r, 1, c->codings ? 0 : GL_CELL_DIM, "%lld", (long long)c->codings);
	gl_table_cell(t, r, 2, c->color ? c->color : "–", c->color ? 0 : GL_CELL_DIM);
	char num[32] = "";
	if (c->has_value)
		app_format_number(c->value, num, sizeof num);
	gl_table_cell(t, r, 3, num, 0);
	gl_table_cell(t, r, 4, c->description ? c->description : "", 0);
	return 0;
}

static enum gl_status codebook_fetch(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct gl_pane *p = ctx;
	return gl_store_list(p->app->store, GL_LIST_CODES, NULL, offset, limit, code_row, t, err);
}

static enum gl_status codebook_init(struct gl_pane *p)
{
	struct codebook *cb = calloc(1, sizeof *cb);
	if (!cb)
		return GL_ENOMEM;
	p->priv = cb;
	struct gl_table *t = &cb->table;
	gl_table_init(t, codebook_fetch, p);
	t->data_finish = code_row_finish;
	gl_table_column(t, _("Code"), 20, 3, GL_ALIGN_LEFT);
	gl_table_column(t, _("Codings"), 7, 0, GL_ALIGN_RIGHT);
	gl_table_column(t, _("Colour"), 8, 0, GL_ALIGN_LEFT);
	gl_table_column(t, _("Value"), 5, 0, GL_ALIGN_RIGHT);
	gl_table_column(t, _("Description"), 16, 4, GL_ALIGN_LEFT);
	p->tables[0] = t;
	p->ntables = 1;
	return GL_OK;
}

static void codebook_finish(struct gl_pane *p)
{
	struct codebook *cb = p->priv;
	if (cb)
		gl_table_finish(&cb->table);
	free(cb);
	p->priv = NULL;
}

static enum gl_status codebook_reload(struct gl_pane *p, struct gl_error *err)
{
	struct codebook *cb = p->priv;
	struct gl_app *a = p->app;
	int64_t n = 0;
	enum gl_status st = gl_store_count(a->store, GL_LIST_CODES, NULL, &n, err);
	if (st != GL_OK)
		return st;
	gl_table_reset(&cb->table, n);
	gl_table_set_empty(&cb->table, _("The codebook is empty (a adds a code)"));
	gl_str_clear(&p->caption);
	gl_str_printf(&p->caption, ngettext("Codebook · %lld code", "Codebook · %lld codes",
		(unsigned long)n), (long long)n);
	struct gl_str hints = GL_STR_INIT;
	gl_app_hint(a, &hints, GL_ACT_CODE_ADD, _("add"));
	gl_app_hint(a, &hints, GL_ACT_CODE_RENAME, _("rename"));
	gl_app_hint(a, &hints, GL_ACT_CODE_DESCRIBE, _("describe"));
	gl_app_hint(a, &hints, GL_ACT_CODE_COLOR, _("colour"));
	gl_app_hint(a, &hints, GL_ACT_CODE_MOVE, _("move"));
	gl_app_hint(a, &hints, GL_ACT_CODE_MERGE, _("merge"));
	gl_app_hint(a, &hints, GL_ACT_CODE_DELETE, _("delete"));
	gl_app_hint(a, &hints, GL_ACT_CODEBOOK, _("back"));
	if (hints.len)
		gl_str_printf(&p->caption, " · %s", gl_str_cstr(&hints));
	gl_str_finish(&hints);
	return GL_OK;
}

/* ---- Dialogs ---- */

struct code_ctx {
	int64_t id;        /* the code acted on */
	int64_t into;      /* merge: the code merged into */
	char *name;        /* add: the new code's name */
	int64_t evidence_for;  /* delete: the findings that lose quotes */
};

static void code_ctx_free(void *p)
{
	struct code_ctx *c = p;
	free(c->name);
	free(c);
}

static struct code_ctx *code_ctx_new(int64_t id)
{
	struct code_ctx *c = app_dialog_ctx(sizeof *c);
	if (c)
		c->id = id;
	return c;
}

/* One undoable step around a codebook change, with its message; the cursor follows the code. */
static unsigned changed(struct gl_app *a, enum gl_status st, struct gl_error *err,
	const char *what, int64_t follow)
{
	st = app_step_end(a, st, err, "%s", what);
	if (st == GL_OK)
		gl_app_message(a, false, _("Codebook: %s done (u undoes)"), what);
	else
		app_error(a, err);
	app_changed(a);
	struct gl_pane *p = &a->panes[gl_app_pane_find(a, "codebook")];
	struct codebook *cb = p->priv;
	if (st == GL_OK && follow > 0)
		gl_table_select_id(&cb->table, follow);
	return APP_OK_REDRAW;
}

static unsigned add_category_accept(struct gl_app *a, void *ctx,
	const struct gl_dialog_result *r)
{
	struct code_ctx *c = ctx;
	struct gl_error err = { 0 };
	int64_t parent = r->id, id = 0;
	enum gl_status st = app_step_begin(a, &err);
	if (st != GL_OK) {
		app_error(a, &err);
		return APP_OK_REDRAW;
	}
	if (r->is_new) {
		struct gl_code cat = { .name = r->text };
		st = gl_store_code_insert(a->store, &cat, &parent, &err);
	}
	if (st == GL_OK) {
		struct gl_code k = { .parent_id = parent, .name = c->name };
		st = gl_store_code_insert(a->store, &k, &id, &err);
	}
	return changed(a, st, &err, _("add code"), id);
}

static unsigned add_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct code_ctx *c = ctx;
	if (!*r->text)
		return APP_OK_REDRAW;
	free(c->name);
	c->name = gl_strdup(r->text);
	struct gl_str title = GL_STR_INIT;
	gl_str_printf(&title, _("The new code %s goes under (a new name creates the category):"),
		r->text);
	struct gl_dialog d = { "code-add-category", add_category_accept, c, code_ctx_free };
	app_picker_open(a, &d, gl_str_cstr(&title), true);
	app_picker_add(a, 0, _("(top level, no category)"), "");
	app_picker_codes(a, APP_CODES_CATEGORIES, 0);
	app_picker_filter(a);
	gl_str_finish(&title);
	return APP_OK_REDRAW;
}

static unsigned rename_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct code_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_code_rename(a->store, c->id, r->text, &err);
	return changed(a, st, &err, _("rename code"), c->id);
}

static unsigned describe_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct code_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_code_describe(a->store, c->id, r->text, NULL, &err);
	return changed(a, st, &err, _("describe code"), c->id);
}

static unsigned color_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct code_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_code_describe(a->store, c->id, NULL, r->text, &err);
	return changed(a, st, &err, _("recolour code"), c->id);
}

static unsigned move_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct code_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_code_move(a->store, c->id, r->id, &err);
	return changed(a, st, &err, _("move code"), c->id);
}

static unsigned merge_yes_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	(void)r;
	struct code_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_code_merge(a->store, c->id, c->into, NULL, &err);
	return changed(a, st, &err, _("merge codes"), c->into);
}

static unsigned merge_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	struct code_ctx *c = ctx;
	int64_t n = 0;
	gl_store_code_usage(a->store, c->id, &n, NULL);
	c->into = r->id;
	struct gl_str q = GL_STR_INIT;
	gl_str_printf(&q, ngettext("Merge into %s? %lld coding moves (y/n)",
		"Merge into %s? %lld codings move (y/n)", (unsigned long)n), r->label, (long long)n);
	struct gl_dialog d = { "code-merge-confirm", merge_yes_accept, c, code_ctx_free };
	app_confirm_open(a, &d, gl_str_cstr(&q));
	gl_str_finish(&q);
	return APP_OK_REDRAW;
}

static unsigned delete_accept(struct gl_app *a, void *ctx, const struct gl_dialog_result *r)
{
	(void)r;
	struct code_ctx *c = ctx;
	struct gl_error err = { 0 };
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK)
		st = gl_store_code_delete(a->store, c->id, NULL, &err);
	unsigned f = changed(a, st, &err, _("delete code"), 0);
	if (st == GL_OK && c->evidence_for > 0)
		gl_app_message(a, false, ngettext("Codebook: code deleted; %lld finding lost quotes "
			"(u undoes)", "Codebook: code deleted; %lld findings lost quotes (u undoes)",
			(unsigned long)c->evidence_for), (long long)c->evidence_for);
	return f;
}

static unsigned code_info(struct gl_app *a, const struct code_row *c)
{
	struct gl_str body = GL_STR_INIT, value = GL_STR_INIT;
	if (c->has_value) {
		char num[32];
		app_format_number(c->value, num, sizeof num);
		gl_str_puts(&value, num);
	}
	gl_str_printf(&body, _("Code:        %s\nCodings:     %lld\nColour:      %s\n"
		"Description: %s"), c->path ? c->path : "", (long long)c->codings,
		c->color ? c->color : "–", c->description ? c->description : "");
	if (c->exclusive)
		gl_str_printf(&body, _("\nExclusive:   its values classify whole letters"));
	if (value.len)
		gl_str_printf(&body, _("\nValue:       %s"), gl_str_cstr(&value));
	app_info_open(a, _("Code"), gl_str_cstr(&body));
	gl_str_finish(&body);
	gl_str_finish(&value);
	return APP_OK_REDRAW;
}

static unsigned codebook_request(struct gl_pane *p, enum gl_action act)
{
	struct codebook *cb = p->priv;
	struct gl_app *a = p->app;
	if (act == GL_ACT_BACK)
		return gl_app_switch(a, a->pane_back);
	if (act == GL_ACT_CODE_ADD) {
		struct code_ctx *c = code_ctx_new(0);
		if (!c)
			return APP_OK_REDRAW;
		struct gl_dialog d = { "code-add", add_accept, c, code_ctx_free };
		app_input_open(a, &d, _("Name of the new code:"), "");
		return APP_OK_REDRAW;
	}
	bool needs_code = act == GL_ACT_CODE_RENAME || act == GL_ACT_CODE_DESCRIBE ||
		act == GL_ACT_CODE_COLOR || act == GL_ACT_CODE_MOVE || act == GL_ACT_CODE_MERGE ||
		act == GL_ACT_CODE_DELETE || act == GL_ACT_ENTER;
	if (!needs_code)
		return 0;
	const struct code_row *row = gl_table_selected_data(&cb->table);
	if (!row) {
		gl_app_message(a, true, _("The codebook is empty (a adds a code)"));
		return APP_OK_REDRAW;
	}
	if (act == GL_ACT_ENTER)
		return code_info(a, row);
	struct code_ctx *c = code_ctx_new(row->id);
	if (!c)
		return APP_OK_REDRAW;
	const char *path = row->path ? row->path : "";
	struct gl_str title = GL_STR_INIT;
	struct gl_dialog d = { NULL, NULL, c, code_ctx_free };
	switch (act) {
	case GL_ACT_CODE_RENAME:
		gl_str_printf(&title, _("Rename %s to:"), path);
		d.name = "code-rename";
		d.accept = rename_accept;
		app_input_open(a, &d, gl_str_cstr(&title), row->name);
		break;
	case GL_ACT_CODE_DESCRIBE:
		gl_str_printf(&title, _("Description of %s (empty clears):"), path);
		d.name = "code-describe";
		d.accept = describe_accept;
		app_input_open(a, &d, gl_str_cstr(&title), row->description);
		break;
	case GL_ACT_CODE_COLOR:
		gl_str_printf(&title, _("Colour of %s (red, yellow, 208, #ffd966; empty clears):"), path);
		d.name = "code-color";
		d.accept = color_accept;
		app_input_open(a, &d, gl_str_cstr(&title), row->color);
		break;
	case GL_ACT_CODE_MOVE:
		gl_str_printf(&title, _("Move %s under:"), path);
		d.name = "code-move";
		d.accept = move_accept;
		app_picker_open(a, &d, gl_str_cstr(&title), false);
		app_picker_add(a, 0, _("(top level, no category)"), "");
		app_picker_codes(a, APP_CODES_CATEGORIES, row->id);
		app_picker_filter(a);
		break;
	case GL_ACT_CODE_MERGE:
		gl_str_printf(&title, _("Merge %s into (its codings move there):"), path);
		d.name = "code-merge";
		d.accept = merge_accept;
		app_picker_open(a, &d, gl_str_cstr(&title), false);
		app_picker_codes(a, APP_CODES_ALL, row->id);
		app_picker_filter(a);
		break;
	case GL_ACT_CODE_DELETE: {
		int64_t n = 0, under = 0;
		struct gl_error err = { 0 };
		if (gl_store_code_usage(a->store, row->id, &n, &err) != GL_OK ||
			gl_store_code_descendants(a->store, row->id, &under, &err) != GL_OK) {
			code_ctx_free(c);
			gl_str_finish(&title);
			app_error(a, &err);
			return APP_OK_REDRAW;
		}
		/* everything that goes with it, the codes under it first, and the findings that
		 * lose quotes */
		int64_t ev_codings = 0, ev_findings = 0;
		struct gl_str ev = GL_STR_INIT;
		if (gl_store_codings_evidence(a->store, row->id, 0, &ev_codings, &ev_findings,
			&err) == GL_OK && ev_findings > 0)
			gl_codings_evidence_describe(n, ev_codings, ev_findings, &ev);
		c->evidence_for = ev_findings;
		if (ev.len && under > 0)
			gl_str_printf(&title, ngettext("Delete %s with the %lld code under it and %lld "
				"codings in all, %s? (y/n)", "Delete %s with the %lld codes under it and %lld "
				"codings in all, %s? (y/n)", (unsigned long)under), path, (long long)under,
				(long long)n, gl_str_cstr(&ev));
		else if (ev.len)
			gl_str_printf(&title, ngettext("Delete %s and its %lld coding, %s? (y/n)",
				"Delete %s and its %lld codings, %s? (y/n)", (unsigned long)n), path,
				(long long)n, gl_str_cstr(&ev));
		else if (under > 0)
			gl_str_printf(&title, ngettext("Delete %s with the %lld code under it and %lld "
				"codings in all? (y/n)", "Delete %s with the %lld codes under it and %lld "
				"codings in all? (y/n)", (unsigned long)under), path, (long long)under,
				(long long)n);
		else
			gl_str_printf(&title, ngettext("Delete %s and its %lld coding? (y/n)",
				"Delete %s and its %lld codings? (y/n)", (unsigned long)n), path, (long long)n);
		gl_str_finish(&ev);
		d.name = "code-delete";
		d.accept = delete_accept;
		app_confirm_open(a, &d, gl_str_cstr(&title));
		break;
	}
	default:
		code_ctx_free(c);
		break;
	}
	gl_str_finish(&title);
	return APP_OK_REDRAW;
}

const struct gl_pane_ops gl_pane_codebook_ops = {
	.name = "codebook", .title = N_("Codebook"), .show = GL_ACT_CODEBOOK,
	.scope = GL_SCOPE_CODEBOOK, .init = codebook_init, .reload = codebook_reload,
	.request = codebook_request, .finish = codebook_finish,
};
