/* The findings pane: strengths, development areas and challenges of a school or the
 * municipality, side by side; Enter shows a finding in the detail view. */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "app_internal.h"

static const char *const kinds[3] = { "strength", "area", "challenge" };

/* What a row carries: the finding as read. */
struct finding_row {
	int64_t id;
	char *title, *description, *author, *created_at;
};

static void finding_row_finish(void *data)
{
	struct finding_row *f = data;
	free(f->title);
	free(f->description);
	free(f->author);
	free(f->created_at);
}

struct kind_ctx {
	struct gl_pane *p;
	int kind;
};

struct findings {
	struct gl_table tables[3];
	struct kind_ctx ctx[3];
	struct gl_detail detail;
};

static struct gl_filter findings_filter(const struct gl_app *a, int kind)
{
	struct gl_filter f = { .school_id = a->school_id > 0 ? a->school_id : -1,
		.kind = kinds[kind] };
	return f;
}

static char *text_of(const struct gl_value *v)
{
	return v->type == GL_VAL_TEXT ? gl_strdup(v->s) : NULL;
}

/* Columns of GL_LIST_FINDINGS: id, uuid, school, kind, title, description, author,
 * created_at. */
static int finding_row(void *ctx, const struct gl_row *row)
{
	struct gl_table *t = ctx;
	const struct gl_value *v = row->values;
	struct gl_trow *r = gl_table_append(t, v[0].i, 0);
	struct finding_row *d = gl_table_row_data(t, r, sizeof *d);
	if (!r || !d)
		return 1;
	d->id = v[0].i;
	d->title = text_of(&v[4]);
	d->description = text_of(&v[5]);
	d->author = text_of(&v[6]);
	d->created_at = row->ncols > 7 ? text_of(&v[7]) : NULL;
	gl_table_cell(t, r, 0, d->title ? d->title : "", 0);
	return 0;
}

static enum gl_status findings_fetch(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct kind_ctx *k = ctx;
	struct gl_filter f = findings_filter(k->p->app, k->kind);
	return gl_store_list(k->p->app->store, GL_LIST_FINDINGS, &f, offset, limit, finding_row,
		t, err);
}

static enum gl_status findings_init(struct gl_pane *p)
{
	struct findings *fs = calloc(1, sizeof *fs);
	if (!fs)
		return GL_ENOMEM;
	p->priv = fs;
	p->ntables = 3;
	static const unsigned char styles[3] = { GL_CELL_STRENGTH, GL_CELL_AREA,
		GL_CELL_CHALLENGE };
	static const char *const captions[3] = { N_("Strengths (potential)"),
		N_("Development areas"), N_("Challenges") };
	for (int k = 0; k < 3; k++) {
		fs->ctx[k].p = p;
		fs->ctx[k].kind = k;
		struct gl_table *t = &fs->tables[k];
		gl_table_init(t, findings_fetch, &fs->ctx[k]);
		t->data_finish = finding_row_finish;
		gl_table_column(t, _(captions[k]), 10, 1, GL_ALIGN_LEFT);
		gl_table_set_caption(t, _(captions[k]), styles[k]);
		p->tables[k] = t;
	}
	gl_detail_init(&fs->detail);
	return GL_OK;
}

static void findings_finish(struct gl_pane *p)
{
	struct findings *fs = p->priv;
	if (fs) {
		for (int k = 0; k < 3; k++)
			gl_table_finish(&fs->tables[k]);
		gl_detail_finish(&fs->detail);
	}
	free(fs);
	p->priv = NULL;
	p->detail = NULL;
}

static enum gl_status findings_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct findings *fs = p->priv;
	int64_t total = 0;
	if (app_filter_moved(p))
		p->detail = NULL;  /* another level: its findings, not this one's detail */
	for (int k = 0; k < 3; k++) {
		struct gl_filter f = findings_filter(a, k);
		int64_t n = 0;
		enum gl_status st = gl_store_count(a->store, GL_LIST_FINDINGS, &f, &n, err);
		if (st != GL_OK)
			return st;
		gl_table_reset(&fs->tables[k], n);
		gl_table_set_empty(&fs->tables[k], _("none yet"));
		total += n;
	}
	gl_str_clear(&p->caption);
	if (a->school)
		gl_str_printf(&p->caption, ngettext("%lld finding for %s", "%lld findings for %s",
			(unsigned long)total), (long long)total, a->school);
	else
		gl_str_printf(&p->caption, ngettext("%lld finding for the municipality as school "
			"owner", "%lld findings for the municipality as school owner",
			(unsigned long)total), (long long)total);
	struct gl_str hints = GL_STR_INIT;
	gl_app_hint2(a, &hints, GL_ACT_MOVE_LEFT, GL_ACT_MOVE_RIGHT, _("column"));
	gl_app_hint(a, &hints, GL_ACT_ENTER, _("details"));
	if (hints.len)
		gl_str_printf(&p->caption, " · %s", gl_str_cstr(&hints));
	gl_str_finish(&hints);
	return GL_OK;
}

/* The selected finding in the detail view. */
static void detail_show(struct gl_pane *p, const struct finding_row *f)
{
	struct findings *fs = p->priv;
	struct gl_detail *d = &fs->detail;
	gl_detail_clear(d);
	gl_detail_set_title(d, f->title ? f->title : "");
	gl_detail_add(d, GL_CELL_TITLE, 0, NULL, "%s", f->title ? f->title : "");
	if (f->description && *f->description)
		gl_detail_add(d, GL_CELL_NORMAL, 0, NULL, "%s", f->description);
	gl_detail_add(d, GL_CELL_DIM, 0, NULL, _("Author: %s"), f->author ? f->author : "–");
	d->cursor = d->top = 0;
	p->detail = d;
}

static unsigned findings_request(struct gl_pane *p, enum gl_action act)
{
	struct findings *fs = p->priv;
	if (p->detail)
		return 0;  /* the generic detail view's keys */
	switch (act) {
	case GL_ACT_MOVE_LEFT:
		if (p->focus == 0)
			return GL_F_HANDLED;
		p->focus--;
		return GL_F_HANDLED | GL_F_REDRAW;
	case GL_ACT_MOVE_RIGHT:
		if (p->focus == p->ntables - 1)
			return GL_F_HANDLED;
		p->focus++;
		return GL_F_HANDLED | GL_F_REDRAW;
	case GL_ACT_ENTER: {
		const struct finding_row *f = gl_table_selected_data(&fs->tables[p->focus]);
		if (!f)
			return GL_F_HANDLED;
		detail_show(p, f);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	default:
		return 0;
	}
}

static unsigned findings_follow(struct gl_pane *p, const struct gl_link *link)
{
	struct findings *fs = p->priv;
	if (link->kind != GL_LINK_FINDING)
		return 0;
	app_pane_prepare(p);
	for (int k = 0; k < 3; k++) {
		if (gl_table_select_id(&fs->tables[k], link->id)) {
			p->focus = k;
			const struct finding_row *f = gl_table_selected_data(&fs->tables[k]);
			if (f)
				detail_show(p, f);
			return APP_OK_REDRAW;
		}
	}
	gl_app_message(p->app, true, _("That finding is not at the level shown (c: all schools)"));
	return APP_OK_REDRAW;
}

const struct gl_pane_ops gl_pane_findings_ops = {
	.name = "findings", .title = N_("Findings"), .show = GL_ACT_PANE_FINDINGS,
	.scope = GL_SCOPE_GENERIC, .init = findings_init, .reload = findings_reload,
	.request = findings_request, .follow = findings_follow, .finish = findings_finish,
};
