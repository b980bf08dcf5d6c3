/* The schools pane: the municipality, then every school with its letters per respondent
 * group, its survey results below the threshold and its findings. */
#include "genomlys/app.h"

#include <stdlib.h>
#include <string.h>

#include "genomlys/i18n.h"
#include "genomlys/overview.h"
#include "app_internal.h"

struct schools {
	struct gl_table table;
	int64_t *group_ids;
	size_t ngroups;
	struct gl_overview_query q;
};

struct fill {
	struct gl_pane *p;
	struct gl_table *t;
};

static int school_row(void *ctx, const struct gl_row *row)
{
	struct fill *f = ctx;
	struct gl_app *a = f->p->app;
	int64_t id = row->values[0].i;
	unsigned char style = id == 0 ? GL_CELL_TOTAL
		: id == a->school_id ? GL_CELL_MARK : GL_CELL_NORMAL;
	struct gl_trow *r = gl_table_append(f->t, id, style);
	if (!r)
		return 1;
	if (id == 0)
		gl_table_cell(f->t, r, 0, _("Municipality (all schools)"), 0);
	else
		gl_table_cellf(f->t, r, 0, 0, "%s%s", id == a->school_id ? "» " : "",
			row->values[1].s ? row->values[1].s : "");
	/* letters, g1..gn, low, findings */
	for (int c = 2; c < row->ncols; c++) {
		const struct gl_value *v = &row->values[c];
		bool low = !strcmp(row->names[c], "low") && v->i > 0;
		gl_table_cellf(f->t, r, c - 1, low ? GL_CELL_LOW : 0, "%lld", (long long)v->i);
	}
	return 0;
}

static enum gl_status schools_fetch(void *ctx, struct gl_table *t, int64_t offset,
	int64_t limit, struct gl_error *err)
{
	struct gl_pane *p = ctx;
	struct schools *s = p->priv;
	struct fill f = { p, t };
	enum gl_status st = GL_OK;
	if (offset == 0) {
		st = gl_overview_municipality(p->app->overview, &s->q, school_row, &f, err);
		limit--;
	} else {
		offset--;
	}
	if (st == GL_OK && limit > 0)
		st = gl_overview_schools(p->app->overview, &s->q, offset, limit, school_row, &f, err);
	return st;
}

static enum gl_status schools_init(struct gl_pane *p)
{
	struct schools *s = calloc(1, sizeof *s);
	if (!s)
		return GL_ENOMEM;
	p->priv = s;
	gl_table_init(&s->table, schools_fetch, p);
	p->tables[0] = &s->table;
	p->ntables = 1;
	return GL_OK;
}

static void schools_finish(struct gl_pane *p)
{
	struct schools *s = p->priv;
	if (s) {
		free(s->group_ids);
		gl_table_finish(&s->table);
	}
	free(s);
	p->priv = NULL;
}

static enum gl_status schools_reload(struct gl_pane *p, struct gl_error *err)
{
	struct gl_app *a = p->app;
	struct schools *s = p->priv;
	struct gl_table *t = &s->table;
	free(s->group_ids);
	s->group_ids = calloc(a->ngroups + 1, sizeof *s->group_ids);
	s->ngroups = 0;
	if (!s->group_ids)
		return gl_error_set(err, GL_ENOMEM, "%s", gl_status_str(GL_ENOMEM));
	gl_table_clear_columns(t);
	gl_table_column(t, _("School"), 28, 0, GL_ALIGN_LEFT);
	t->frozen = 1;
	gl_table_column(t, _("Letters"), 7, 0, GL_ALIGN_RIGHT);
	for (size_t i = 0; i < a->ngroups; i++) {
		int64_t id;
		struct gl_error gerr = { 0 };
		if (gl_store_group_find(a->store, a->groups[i], &id, &gerr) != GL_OK) {
			app_error(a, &gerr);  /* a typo in [groups] columns: shown, the rest go on */
			continue;
		}
		s->group_ids[s->ngroups++] = id;
		int w = app_text_width(a->groups[i]);
		gl_table_column(t, a->groups[i], w < 6 ? 6 : w, 0, GL_ALIGN_RIGHT);
	}
	gl_table_column(t, _("Low"), 5, 0, GL_ALIGN_RIGHT);
	gl_table_column(t, _("Findings"), 8, 0, GL_ALIGN_RIGHT);
	s->q.group_ids = s->group_ids;
	s->q.ngroups = s->ngroups;
	s->q.threshold = a->threshold;
	s->q.survey = a->survey;
	s->q.year = a->year;
	gl_table_set_empty(t, _("The project has no schools yet"));

	int64_t n = 0;
	enum gl_status st = gl_store_count(a->store, GL_LIST_SCHOOLS, NULL, &n, err);
	if (st != GL_OK)
		return st;
	gl_table_reset(t, n + 1);
	char thr[32];
	app_format_value(a->threshold, thr, sizeof thr);
	gl_str_clear(&p->caption);
	gl_str_printf(&p->caption, ngettext("%lld school", "%lld schools", (unsigned long)n),
		(long long)n);
	if (a->survey)
		gl_str_printf(&p->caption, _(" · Low: results below %s in %s %d · Enter: show one "
			"school everywhere"), thr, a->survey, a->year);
	else
		gl_str_printf(&p->caption, _(" · no survey results · Enter: show one school "
			"everywhere"));
	return GL_OK;
}

/* Shows one school (0: all) in every pane. */
static unsigned filter_school(struct gl_pane *p, int64_t id)
{
	struct gl_app *a = p->app;
	struct gl_error err = { 0 };
	if (gl_app_set_school(a, id, &err) != GL_OK)
		app_error(a, &err);
	else if (id == 0)
		gl_app_message(a, false, _("Showing every school"));
	else
		gl_app_message(a, false, _("Showing %s in every pane (c: all schools)"), a->school);
	return GL_F_HANDLED | GL_F_REDRAW;
}

static unsigned schools_request(struct gl_pane *p, enum gl_action act)
{
	struct schools *s = p->priv;
	if (act != GL_ACT_ENTER)
		return 0;
	const struct gl_trow *r = gl_table_selected(&s->table);
	if (!r)
		return GL_F_HANDLED;
	return filter_school(p, r->id);  /* the row's id is the school's (0: the municipality) */
}

static unsigned schools_follow(struct gl_pane *p, const struct gl_link *link)
{
	struct schools *s = p->priv;
	if (link->kind != GL_LINK_SCHOOL)
		return 0;
	unsigned f = filter_school(p, link->id);
	app_pane_prepare(p);
	gl_table_select_id(&s->table, link->id);
	return f;
}

const struct gl_pane_ops gl_pane_schools_ops = {
	.name = "schools", .title = N_("Schools"), .show = GL_ACT_PANE_SCHOOLS,
	.scope = GL_SCOPE_GENERIC, .init = schools_init, .reload = schools_reload,
	.request = schools_request, .follow = schools_follow, .finish = schools_finish,
};
