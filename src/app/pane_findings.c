/* The findings pane: strengths, development areas and challenges of a school or the
 * municipality, side by side (viewing only; the findings issue adds editing). */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "app_internal.h"

static const char *const kinds[3] = { "strength", "area", "challenge" };

struct kind_ctx {
	struct gl_pane *p;
	int kind;
};

struct findings {
	struct kind_ctx ctx[3];
};

static struct gl_filter findings_filter(const struct gl_app *a, int kind)
{
	struct gl_filter f = { .school_id = a->school_id > 0 ? a->school_id : -1,
		.kind = kinds[kind] };
	return f;
}

struct fill {
	struct gl_table *t;
};

/* Columns of GL_LIST_FINDINGS: id, uuid, school, kind, title, description, author. */
static int finding_row(void *ctx, const struct gl_row *row)
{
	struct fill *f = ctx;
	struct gl_trow *r = gl_table_append(f->t, row->values[0].i, 0);
	if (!r)
		return 1;
	gl_table_cell(f->t, r, 0, row->values[4].type == GL_VAL_TEXT ? row->values[4].s : "", 0);
	return 0;
}

static enum gl_status findings_fetch(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct kind_ctx *k = ctx;
	struct gl_filter f = findings_filter(k->p->app, k->kind);
	struct fill fill = { t };
	return gl_store_list(k->p->app->store, GL_LIST_FINDINGS, &f, offset, limit, finding_row,
		&fill, err);
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
		struct gl_table *t = &p->tables[k];
		gl_table_init(t, findings_fetch, &fs->ctx[k]);
		gl_table_column(t, _(captions[k]), 10, 1, GL_ALIGN_LEFT);
		gl_table_set_caption(t, _(captions[k]), styles[k]);
	}
	return GL_OK;
}

static void findings_finish(struct gl_pane *p)
{
	free(p->priv);
	p->priv = NULL;
}

static enum gl_status findings_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	int64_t total = 0;
	for (int k = 0; k < 3; k++) {
		struct gl_filter f = findings_filter(a, k);
		int64_t n = 0;
		enum gl_status st = gl_store_count(a->store, GL_LIST_FINDINGS, &f, &n, err);
		if (st != GL_OK)
			return st;
		gl_table_reset(&p->tables[k], n);
		gl_table_set_empty(&p->tables[k], _("none yet"));
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
	gl_str_puts(&p->caption, _(" · h/l: column · Enter: details"));
	return GL_OK;
}

struct detail {
	struct gl_str text;
};

static int detail_row(void *ctx, const struct gl_row *row)
{
	struct detail *d = ctx;
	const struct gl_value *v = row->values;
	gl_str_printf(&d->text, "%s", v[4].type == GL_VAL_TEXT ? v[4].s : "");
	if (v[5].type == GL_VAL_TEXT && v[5].len)
		gl_str_printf(&d->text, ": %s", v[5].s);
	if (v[6].type == GL_VAL_TEXT)
		gl_str_printf(&d->text, " (%s)", v[6].s);
	return 0;
}

static unsigned findings_request(struct gl_pane *p, enum gl_action act)
{
	struct gl_app *a = p->app;
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
		const struct gl_trow *r = gl_table_selected(&p->tables[p->focus]);
		if (!r)
			return GL_F_HANDLED;
		struct gl_filter f = findings_filter(a, p->focus);
		struct detail d = { GL_STR_INIT };
		struct gl_error err = { 0 };
		/* The row's offset is its position, so this reads exactly that one finding. */
		if (gl_store_list(a->store, GL_LIST_FINDINGS, &f, p->tables[p->focus].cursor, 1,
			detail_row, &d, &err) != GL_OK)
			app_error(a, &err);
		else
			gl_app_message(a, false, "%s", gl_str_cstr(&d.text));
		gl_str_finish(&d.text);
		return GL_F_HANDLED | GL_F_REDRAW;
	}
	default:
		return 0;
	}
}

const struct gl_pane_ops gl_pane_findings_ops = {
	"findings", N_("Findings"), findings_init, findings_reload, findings_request,
	findings_finish,
};
