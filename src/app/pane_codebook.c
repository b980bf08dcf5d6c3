/* The codebook pane: the code tree with the codings of each code; add, rename, describe,
 * recolour, move, merge and delete, each one undoable step. */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/queries.h"
#include "app_internal.h"

#define OK_REDRAW (GL_F_HANDLED | GL_F_REDRAW)

/* Columns of GL_LIST_CODES: id, uuid, parent_id, path, name, description, color, exclusive,
 * value, codings. */
static int code_row(void *ctx, const struct gl_row *row)
{
	struct gl_table *t = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(t, v[0].i, 0);
	if (!r)
		return 1;
	/* the tree: two spaces per level (counted from the path's separators) */
	struct gl_str name = GL_STR_INIT;
	for (const char *s = v[3].s; (s = strstr(s, " > ")) != NULL; s += 3)
		gl_str_puts(&name, "  ");
	gl_str_puts(&name, v[4].s);
	if (v[7].i)
		gl_str_puts(&name, _(" (exclusive)"));
	gl_table_cell(t, r, 0, gl_str_cstr(&name), v[2].type == GL_VAL_NULL ? GL_CELL_TOTAL : 0);
	gl_str_finish(&name);
	gl_table_cellf(t, r, 1, v[9].i ? 0 : GL_CELL_DIM, "%lld", (long long)v[9].i);
	gl_table_cell(t, r, 2, v[6].type == GL_VAL_TEXT ? v[6].s : "–",
		v[6].type == GL_VAL_TEXT ? 0 : GL_CELL_DIM);
	if (v[8].type != GL_VAL_NULL)
		gl_table_cellf(t, r, 3, 0, "%g", v[8].r);
	else
		gl_table_cell(t, r, 3, "", 0);
	gl_table_cell(t, r, 4, v[5].type == GL_VAL_TEXT ? v[5].s : "", 0);
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
	struct gl_table *t = &p->tables[0];
	gl_table_init(t, codebook_fetch, p);
	gl_table_column(t, _("Code"), 20, 3, GL_ALIGN_LEFT);
	gl_table_column(t, _("Codings"), 7, 0, GL_ALIGN_RIGHT);
	gl_table_column(t, _("Colour"), 8, 0, GL_ALIGN_LEFT);
	gl_table_column(t, _("Value"), 5, 0, GL_ALIGN_RIGHT);
	gl_table_column(t, _("Description"), 16, 4, GL_ALIGN_LEFT);
	return GL_OK;
}

static enum gl_status codebook_reload(struct gl_pane *p, struct gl_error *err)
{
	int64_t n = 0;
	enum gl_status st = gl_store_count(p->app->store, GL_LIST_CODES, NULL, &n, err);
	if (st != GL_OK)
		return st;
	gl_table_reset(&p->tables[0], n);
	gl_table_set_empty(&p->tables[0], _("The codebook is empty (a adds a code)"));
	gl_str_clear(&p->caption);
	gl_str_printf(&p->caption, ngettext("Codebook · %lld code", "Codebook · %lld codes",
		(unsigned long)n), (long long)n);
	gl_str_puts(&p->caption, _(" · a add · e rename · d describe · o colour · M move · "
		"m merge · x delete · C back"));
	return GL_OK;
}

/* The selected code's id and path ("" when none). */
static int64_t selected(struct gl_pane *p, char *path, size_t size)
{
	const struct gl_trow *r = gl_table_selected(&p->tables[0]);
	path[0] = '\0';
	if (!r)
		return 0;
	const char *name = r->cells[0];
	while (*name == ' ')
		name++;
	snprintf(path, size, "%s", name);
	char *ex = strstr(path, _(" (exclusive)"));
	if (ex)
		*ex = '\0';
	return r->id;
}

static unsigned codebook_request(struct gl_pane *p, enum gl_action act)
{
	struct gl_app *a = p->app;
	char name[256], title[400];
	int64_t id = selected(p, name, sizeof name);
	const struct gl_trow *r = gl_table_selected(&p->tables[0]);
	if (act == GL_ACT_BACK)
		return gl_app_switch(a, a->pane_back);
	if (act == GL_ACT_CODE_ADD) {
		app_input_open(a, APP_P_CB_ADD, _("Name of the new code:"), "");
		return OK_REDRAW;
	}
	bool needs_code = act == GL_ACT_CODE_RENAME || act == GL_ACT_CODE_DESCRIBE ||
		act == GL_ACT_CODE_COLOR || act == GL_ACT_CODE_MOVE || act == GL_ACT_CODE_MERGE ||
		act == GL_ACT_CODE_DELETE || act == GL_ACT_ENTER;
	if (!needs_code)
		return 0;
	if (!id) {
		gl_app_message(a, true, _("The codebook is empty (a adds a code)"));
		return OK_REDRAW;
	}
	switch (act) {
	case GL_ACT_ENTER: {
		struct gl_str body = GL_STR_INIT;
		gl_str_printf(&body, _("Code:        %s\nCodings:     %s\nColour:      %s\n"
			"Description: %s"), name, r->cells[1], r->cells[2], r->cells[4]);
		app_info_open(a, _("Code"), gl_str_cstr(&body));
		gl_str_finish(&body);
		break;
	}
	case GL_ACT_CODE_RENAME:
		snprintf(title, sizeof title, _("Rename %s to:"), name);
		app_input_open(a, APP_P_CB_RENAME, title, strrchr(name, '>') ? strrchr(name, '>') + 2
			: name);
		break;
	case GL_ACT_CODE_DESCRIBE:
		snprintf(title, sizeof title, _("Description of %s (empty clears):"), name);
		app_input_open(a, APP_P_CB_DESCRIBE, title, r->cells[4]);
		break;
	case GL_ACT_CODE_COLOR:
		snprintf(title, sizeof title, _("Colour of %s (red, yellow, 208, #ffd966; empty "
			"clears):"), name);
		app_input_open(a, APP_P_CB_COLOR, title, strcmp(r->cells[2], "–") ? r->cells[2] : "");
		break;
	case GL_ACT_CODE_MOVE:
		snprintf(title, sizeof title, _("Move %s under:"), name);
		app_picker_open(a, APP_P_CB_MOVE, title, false);
		app_picker_add(a, 0, _("(top level, no category)"), "");
		app_picker_codes(a, APP_CODES_CATEGORIES, id);
		app_picker_filter(a);
		break;
	case GL_ACT_CODE_MERGE:
		snprintf(title, sizeof title, _("Merge %s into (its codings move there):"), name);
		app_picker_open(a, APP_P_CB_MERGE, title, false);
		app_picker_codes(a, APP_CODES_ALL, id);
		app_picker_filter(a);
		break;
	case GL_ACT_CODE_DELETE: {
		int64_t n = 0;
		struct gl_error err = { 0 };
		if (gl_store_code_usage(a->store, id, &n, &err) != GL_OK) {
			app_error(a, &err);
			return OK_REDRAW;
		}
		snprintf(title, sizeof title, ngettext("Delete %s and its %lld coding? (y/n)",
			"Delete %s and its %lld codings? (y/n)", (unsigned long)n), name, (long long)n);
		app_confirm_open(a, APP_P_CB_DELETE, title);
		break;
	}
	default:
		return 0;
	}
	a->modal.target = id;
	return OK_REDRAW;
}

static void codebook_finish(struct gl_pane *p)
{
	(void)p;
}

unsigned app_codebook_accept(struct gl_app *a, int purpose, const char *text, int64_t id,
	bool is_new)
{
	struct gl_error err = { 0 };
	int64_t target = a->modal.target;
	enum gl_status st;
	if (purpose == APP_P_CB_ADD) {
		if (!*text) {
			app_modal_close(a);
			return OK_REDRAW;
		}
		char *name = gl_strdup(text);
		char title[300];
		snprintf(title, sizeof title, _("The new code %s goes under (a new name creates the "
			"category):"), text);
		app_picker_open(a, APP_P_CB_ADD_CATEGORY, title, true);
		app_picker_add(a, 0, _("(top level, no category)"), "");
		app_picker_codes(a, APP_CODES_CATEGORIES, 0);
		app_picker_filter(a);
		a->modal.pending = name;
		return OK_REDRAW;
	}
	if (purpose == APP_P_CB_MERGE) {
		char q[400];
		int64_t n = 0;
		gl_store_code_usage(a->store, target, &n, NULL);
		const char *into = "";
		for (size_t i = 0; i < a->modal.nitems; i++)
			if (a->modal.items[i].id == id)
				into = a->modal.items[i].label;
		snprintf(q, sizeof q, ngettext("Merge into %s? %lld coding moves (y/n)",
			"Merge into %s? %lld codings move (y/n)", (unsigned long)n), into, (long long)n);
		app_confirm_open(a, APP_P_CB_MERGE_YES, q);
		a->modal.target = target;
		a->modal.target2 = id;
		return OK_REDRAW;
	}
	char *copy = gl_strdup(text);
	char *pending = gl_strdup(a->modal.pending);
	int64_t into = a->modal.target2;
	app_modal_close(a);
	st = app_step_begin(a, &err);
	if (st != GL_OK)
		goto out;
	const char *what = "";
	switch (purpose) {
	case APP_P_CB_ADD_CATEGORY: {
		int64_t parent = id;
		if (is_new) {
			struct gl_code cat = { .name = copy };
			st = gl_store_code_insert(a->store, &cat, &parent, &err);
		}
		if (st == GL_OK) {
			struct gl_code c = { .parent_id = parent, .name = pending };
			st = gl_store_code_insert(a->store, &c, NULL, &err);
		}
		what = _("add code");
		break;
	}
	case APP_P_CB_RENAME:
		st = gl_store_code_rename(a->store, target, copy, &err);
		what = _("rename code");
		break;
	case APP_P_CB_DESCRIBE:
		st = gl_store_code_describe(a->store, target, copy, NULL, &err);
		what = _("describe code");
		break;
	case APP_P_CB_COLOR:
		st = gl_store_code_describe(a->store, target, NULL, copy, &err);
		what = _("recolour code");
		break;
	case APP_P_CB_MOVE:
		st = gl_store_code_move(a->store, target, id, &err);
		what = _("move code");
		break;
	case APP_P_CB_MERGE_YES:
		st = gl_store_code_merge(a->store, target, into, NULL, &err);
		what = _("merge codes");
		break;
	case APP_P_CB_DELETE:
		st = gl_store_code_delete(a->store, target, NULL, &err);
		what = _("delete code");
		break;
	default:
		break;
	}
	st = app_step_end(a, st, &err, "%s", what);
	if (st == GL_OK)
		gl_app_message(a, false, _("Codebook: %s done (u undoes)"), what);
out:
	if (st != GL_OK)
		app_error(a, &err);
	free(copy);
	free(pending);
	app_changed(a);
	return OK_REDRAW;
}

const struct gl_pane_ops gl_pane_codebook_ops = {
	"codebook", N_("Codebook"), codebook_init, codebook_reload, codebook_request,
	codebook_finish,
};
