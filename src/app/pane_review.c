/* The review pane (facilitator): every coding as a row filtered by code, coder, school and
 * group; or the overlaps of two coders side by side, to keep one or merge them. */
#include "genomlys/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "app_internal.h"

#define OK_REDRAW (GL_F_HANDLED | GL_F_REDRAW)

static struct gl_filter review_filter(const struct gl_app *a)
{
	struct gl_filter f = { .school_id = a->school_id, .group_id = a->group_id,
		.code_id = a->review_code_id, .coder_id = a->review_coder_id };
	return f;
}

static const char *text_or(const struct gl_value *v, const char *alt)
{
	return v->type == GL_VAL_TEXT ? v->s : alt;
}

/* GL_LIST_CODINGS: id, uuid, letter, code, code_id, coder, school, group, start, end, quote. */
static int coding_row(void *ctx, const struct gl_row *row)
{
	struct gl_table *t = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(t, v[0].i, 0);
	if (!r)
		return 1;
	gl_table_cellf(t, r, 0, 0, "%lld", (long long)v[0].i);
	gl_table_cell(t, r, 1, text_or(&v[3], ""), 0);
	gl_table_cell(t, r, 2, text_or(&v[5], ""), 0);
	gl_table_cell(t, r, 3, text_or(&v[6], ""), 0);
	gl_table_cell(t, r, 4, text_or(&v[7], ""), 0);
	gl_table_cellf(t, r, 5, 0, "%lld", (long long)v[2].i);
	gl_table_cell(t, r, 6, text_or(&v[10], ""), 0);
	return 0;
}

/* GL_LIST_OVERLAPS: id, other_id, letter, code, coder, other_coder, school, group, start, end,
 * other_start, other_end, quote, other_quote. */
static int overlap_row(void *ctx, const struct gl_row *row)
{
	struct gl_table *t = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(t, v[0].i, 0);
	if (!r)
		return 1;
	gl_table_cellf(t, r, 0, 0, "%lld & %lld", (long long)v[0].i, (long long)v[1].i);
	gl_table_cell(t, r, 1, text_or(&v[3], ""), 0);
	gl_table_cellf(t, r, 2, 0, "%s: %s", text_or(&v[4], ""), text_or(&v[12], ""));
	gl_table_cellf(t, r, 3, 0, "%s: %s", text_or(&v[5], ""), text_or(&v[13], ""));
	return 0;
}

static enum gl_status review_fetch(void *ctx, struct gl_table *t, int64_t offset, int64_t limit,
	struct gl_error *err)
{
	struct gl_pane *p = ctx;
	struct gl_filter f = review_filter(p->app);
	if (p->app->review_overlaps)
		return gl_store_list(p->app->store, GL_LIST_OVERLAPS, &f, offset, limit, overlap_row,
			t, err);
	return gl_store_list(p->app->store, GL_LIST_CODINGS, &f, offset, limit, coding_row, t,
		err);
}

static void columns(struct gl_pane *p)
{
	struct gl_table *t = &p->tables[0];
	gl_table_clear_columns(t);
	if (p->app->review_overlaps) {
		gl_table_column(t, _("Codings"), 9, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Code"), 12, 1, GL_ALIGN_LEFT);
		gl_table_column(t, _("Left: coder and text"), 20, 3, GL_ALIGN_LEFT);
		gl_table_column(t, _("Right: coder and text"), 20, 3, GL_ALIGN_LEFT);
	} else {
		gl_table_column(t, "#", 4, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Code"), 12, 2, GL_ALIGN_LEFT);
		gl_table_column(t, _("Coder"), 8, 0, GL_ALIGN_LEFT);
		gl_table_column(t, _("School"), 10, 1, GL_ALIGN_LEFT);
		gl_table_column(t, _("Group"), 9, 0, GL_ALIGN_LEFT);
		gl_table_column(t, _("Letter"), 6, 0, GL_ALIGN_RIGHT);
		gl_table_column(t, _("Text"), 16, 4, GL_ALIGN_LEFT);
	}
	t->frozen = 1;
}

static enum gl_status review_init(struct gl_pane *p)
{
	gl_table_init(&p->tables[0], review_fetch, p);
	columns(p);
	return GL_OK;
}

static enum gl_status review_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct gl_filter f = review_filter(a);
	int64_t n = 0;
	columns(p);
	enum gl_status st = gl_store_count(a->store, a->review_overlaps ? GL_LIST_OVERLAPS
		: GL_LIST_CODINGS, &f, &n, err);
	if (st != GL_OK)
		return st;
	gl_table_reset(&p->tables[0], n);
	gl_table_set_empty(&p->tables[0], a->review_overlaps ? _("No two coders' codings overlap")
		: _("No codings match"));
	gl_str_clear(&p->caption);
	if (a->review_overlaps)
		gl_str_printf(&p->caption, ngettext("Review · %lld overlap", "Review · %lld overlaps",
			(unsigned long)n), (long long)n);
	else
		gl_str_printf(&p->caption, ngettext("Review · %lld coding", "Review · %lld codings",
			(unsigned long)n), (long long)n);
	gl_str_printf(&p->caption, " · %s · %s", a->review_code ? a->review_code : _("all codes"),
		a->review_coder ? a->review_coder : _("all coders"));
	if (a->school)
		gl_str_printf(&p->caption, " · %s", a->school);
	if (a->group)
		gl_str_printf(&p->caption, " · %s", a->group);
	gl_str_puts(&p->caption, a->review_overlaps ? _(" · < keep left · > keep right · "
		"U union · o all") : _(" · Enter open · o overlaps"));
	return GL_OK;
}

static unsigned review_request(struct gl_pane *p, enum gl_action act)
{
	struct gl_app *a = p->app;
	const struct gl_trow *r = gl_table_selected(&p->tables[0]);
	switch (act) {
	case GL_ACT_BACK:
		return gl_app_switch(a, a->pane_back);
	case GL_ACT_OVERLAPS:
		a->review_overlaps = !a->review_overlaps;
		p->tables[0].cursor = p->tables[0].top = 0;
		p->stale = true;
		return OK_REDRAW;
	case GL_ACT_ENTER: {
		if (!r)
			return GL_F_HANDLED;
		struct gl_coding k;
		struct gl_str storage = GL_STR_INIT;
		struct gl_error err = { 0 };
		if (gl_store_coding_get(a->store, r->id, &k, &storage, &err) != GL_OK) {
			gl_str_finish(&storage);
			app_error(a, &err);
			return OK_REDRAW;
		}
		gl_str_finish(&storage);
		unsigned f = gl_app_open_letter(a, k.document_id, k.start, k.end);
		gl_app_message(a, false, _("Coding %lld (%lld:%lld); Esc returns to the letters"),
			(long long)r->id, (long long)k.start, (long long)k.end);
		return f;
	}
	case GL_ACT_KEEP_FIRST:
	case GL_ACT_KEEP_SECOND:
	case GL_ACT_MERGE_UNION: {
		long long left = 0, right = 0;
		if (!a->review_overlaps || !r || sscanf(r->cells[0], "%lld & %lld", &left, &right) != 2) {
			gl_app_message(a, true, _("Choose an overlap first (o shows them)"));
			return OK_REDRAW;
		}
		char q[256];
		if (act == GL_ACT_MERGE_UNION) {
			snprintf(q, sizeof q, _("Merge codings %lld and %lld into one covering both? "
				"(y/n)"), left, right);
			app_confirm_open(a, APP_P_REVIEW_MERGE, q);
			a->modal.target = left;
			a->modal.target2 = right;
		} else {
			long long drop = act == GL_ACT_KEEP_FIRST ? right : left;
			snprintf(q, sizeof q, _("Keep coding %lld and remove coding %lld? (y/n)"),
				act == GL_ACT_KEEP_FIRST ? left : right, drop);
			app_confirm_open(a, APP_P_REVIEW_KEEP, q);
			a->modal.target = drop;
		}
		return OK_REDRAW;
	}
	default:
		return 0;
	}
}

unsigned app_review_accept(struct gl_app *a, int purpose)
{
	int64_t target = a->modal.target, other = a->modal.target2;
	struct gl_error err = { 0 };
	app_modal_close(a);
	enum gl_status st = app_step_begin(a, &err);
	if (st == GL_OK) {
		if (purpose == APP_P_REVIEW_MERGE)
			st = gl_store_coding_merge_union(a->store, target, other, &err);
		else
			st = gl_store_coding_delete(a->store, target, &err);
		st = app_step_end(a, st, &err, purpose == APP_P_REVIEW_MERGE
			? _("merge codings %lld and %lld") : _("remove coding %lld"), (long long)target,
			(long long)other);
	}
	if (st != GL_OK)
		app_error(a, &err);
	else
		gl_app_message(a, false, purpose == APP_P_REVIEW_MERGE ? _("Merged into their union "
			"(u undoes)") : _("Kept one, removed the other (u undoes)"));
	app_changed(a);
	return OK_REDRAW;
}

static void review_finish(struct gl_pane *p)
{
	(void)p;
}

const struct gl_pane_ops gl_pane_review_ops = {
	"review", N_("Review"), review_init, review_reload, review_request, review_finish,
};
